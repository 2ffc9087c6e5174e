//! The syntax layer: accuracy on the UD test splits (read from `../shared/train/ud`, skipped with a note when
//! absent), `parse` and `explain` output, and bad input.

use std::path::PathBuf;

use claimtrail::syntax::{Model, conllu, train};

use crate::support::claimtrail;

/// A UD treebank file under `../shared/train/ud`, or `None` (with a note) when the directory is absent.
fn treebank(name: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/train/ud")
        .join(name);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} not found", p.display());
        None
    }
}

fn model() -> &'static Model {
    Model::embedded().expect("this build embeds data/syntax/en-ud.model.gz")
}

/// The bars on the held-out test splits (gold tokenization, predicted tags). The model was never tuned on
/// these files: epochs are chosen on the dev splits.
#[test]
fn accuracy_on_ud_test_splits_meets_the_bars() {
    let (Some(ewt), Some(gum)) = (
        treebank("en_ewt-test.conllu.gz"),
        treebank("en_gum-test.conllu.gz"),
    ) else {
        return;
    };
    let ewt = train::evaluate(model(), &train::read_treebank(&ewt).unwrap());
    let gum = train::evaluate(model(), &train::read_treebank(&gum).unwrap());
    println!("EWT test: {ewt:?}\nGUM test: {gum:?}");
    assert!(ewt.words > 25_000 && gum.words > 10_000);
    assert!(ewt.upos >= 0.945, "EWT UPOS {}", ewt.upos);
    assert!(ewt.uas >= 0.840, "EWT UAS {}", ewt.uas);
    assert!(ewt.las >= 0.800, "EWT LAS {}", ewt.las);
    assert!(gum.upos >= 0.940, "GUM UPOS {}", gum.upos);
    assert!(gum.uas >= 0.820, "GUM UAS {}", gum.uas);
    // Lemmas are for cue lookup; they should still be right nearly always.
    assert!(ewt.lemma >= 0.95 && gum.lemma >= 0.95, "{ewt:?} {gum:?}");
}

/// From raw text the tokenizer's errors count too; they must cost little.
#[test]
fn raw_text_pipeline_stays_close_to_gold_tokenization() {
    let Some(ewt) = treebank("en_ewt-test.conllu.gz") else {
        return;
    };
    let sentences = train::read_treebank(&ewt).unwrap();
    let raw = train::evaluate_raw(model(), &sentences);
    println!("EWT test from raw text: {raw:?}");
    assert!(raw.skipped < 20, "{raw:?}");
    assert!(raw.words >= 0.99, "word segmentation F1 {}", raw.words);
    assert!(raw.las >= 0.79, "raw-text LAS {}", raw.las);
}

const TEXT: &str = "Kremlin spokesman Dmitry Peskov said the talks had failed. \"We don't know why,\" he told reporters.\n\nBanks report profits.\n";

/// Parses `claimtrail parse` output, checking the format on the way.
fn parse_output(stdout: &[u8]) -> Vec<conllu::Sentence> {
    let text = std::str::from_utf8(stdout).unwrap();
    assert!(text.is_empty() || text.ends_with("\n\n"), "{text}");
    let sentences = conllu::parse(text).unwrap();
    for s in &sentences {
        assert!(
            s.comment("sent_id").is_some() && s.comment("text").is_some(),
            "{s:?}"
        );
        let roots = s.words.iter().filter(|w| w.head == Some(0)).count();
        assert_eq!(roots, 1, "one root per sentence: {s:?}");
        for w in &s.words {
            assert!(!w.lemma.is_empty() && !w.upos.is_empty() && !w.xpos.is_empty());
            assert!(!w.deprel.is_empty() && w.deprel != "_");
        }
        // Heads form a tree: every word reaches the root.
        for i in 0..s.words.len() {
            let mut k = i;
            for _ in 0..=s.words.len() {
                match s.words[k].head {
                    Some(0) => break,
                    Some(h) => k = h as usize - 1,
                    None => panic!("no head"),
                }
            }
            assert_eq!(s.words[k].head, Some(0), "cycle at word {}", i + 1);
        }
    }
    sentences
}

#[test]
fn parse_writes_conllu_with_offsets_spacing_and_multiword_tokens() {
    let out = claimtrail()
        .arg("parse")
        .write_stdin(TEXT)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sentences = parse_output(&out.stdout);
    assert_eq!(sentences.len(), 3);
    assert_eq!(
        sentences[0].comment("text"),
        Some("Kremlin spokesman Dmitry Peskov said the talks had failed.")
    );
    let s0 = &sentences[0];
    let said = s0.words.iter().position(|w| w.form == "said").unwrap();
    assert_eq!(s0.words[said].lemma, "say");
    assert_eq!(s0.words[said].upos, "VERB");
    assert_eq!(s0.words[said].head, Some(0));
    // UD heads a multi-word name by its first word: "Dmitry" is the subject, "Peskov" hangs on it as `flat`.
    let dmitry = s0.words.iter().position(|w| w.form == "Dmitry").unwrap();
    assert_eq!(s0.words[dmitry].head, Some(said as u32 + 1));
    assert!(s0.words[dmitry].deprel.starts_with("nsubj"));
    assert_eq!(s0.words[dmitry + 1].deprel, "flat");
    assert_eq!(s0.words.last().unwrap().misc, "_");
    assert_eq!(s0.words[s0.words.len() - 2].misc, "SpaceAfter=No");
    // "don't" is one token of two words: a range line, and the words carry no MISC of their own.
    let s1 = &sentences[1];
    let r = s1.extras.iter().find(|e| e.line.contains("don't")).unwrap();
    let (a, b) = r.range.unwrap();
    assert_eq!(
        (s1.words[a].form.as_str(), s1.words[b].form.as_str()),
        ("do", "n't")
    );
    assert_eq!(s1.words[b].lemma, "not");
    // New paragraphs are marked.
    assert!(sentences[2].comment("newpar id").is_some());
    assert!(sentences[1].comment("newpar id").is_none());
    // Same input, same bytes.
    let again = claimtrail()
        .arg("parse")
        .write_stdin(TEXT)
        .output()
        .unwrap();
    assert_eq!(out.stdout, again.stdout);
}

#[test]
fn parse_tokenized_keeps_boundaries_and_other_columns() {
    let dir = tempfile::tempdir().unwrap();
    let input = "# sent_id = mine-1\n# text = They can't go.\n1\tThey\t_\t_\t_\tCase=Nom\t_\t_\t_\t_\n2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tca\t_\t_\t_\t_\t_\t_\t_\t_\n3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n4\tgo\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    let path = dir.path().join("in.conllu");
    std::fs::write(&path, input).unwrap();
    let out = claimtrail()
        .arg("parse")
        .arg("--tokenized")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let s = &parse_output(text.as_bytes())[0];
    assert_eq!(s.comment("sent_id"), Some("mine-1"));
    assert_eq!(s.words.len(), 5);
    assert_eq!(s.words[0].feats, "Case=Nom");
    assert_eq!(s.words[3].misc, "SpaceAfter=No");
    assert_eq!(s.extras[0].range, Some((1, 2)));
    assert_eq!(s.words[3].upos, "VERB");
    assert_eq!(s.words[1].upos, "AUX");
}

#[test]
fn explain_shows_words_tags_heads_and_relations() {
    let out = claimtrail()
        .args([
            "explain",
            "Interfax reported that the ambassador left Moscow.",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let row = |word: &str| {
        text.lines()
            .find(|l| l.split_whitespace().nth(1) == Some(word))
            .unwrap_or_else(|| panic!("no row for {word}:\n{text}"))
    };
    let reported = row("reported");
    assert!(reported.contains("report") && reported.contains("VERB") && reported.contains("root"));
    let interfax = row("Interfax");
    assert!(
        interfax.contains("PROPN") && interfax.contains("nsubj"),
        "{interfax}"
    );
}

#[test]
fn bad_input_reaches_the_parser_without_a_panic() {
    let long: String = (0..5000).map(|i| format!("w{i} ")).collect::<String>() + ".\n";
    let cases: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"   \n\n  \n".to_vec(),
        long.into_bytes(),
        "Der Kreml erkl\u{e4}rte, die Gespr\u{e4}che seien gescheitert. \u{41a}\u{440}\u{435}\u{43c}\u{43b}\u{44c} \u{437}\u{430}\u{44f}\u{432}\u{438}\u{43b}.\n".into(),
        "Talks \u{1f389}\u{1f1fa}\u{1f1e6} failed \u{202e}evil\u{202c} \u{1b}[2J now.\n".into(),
        "a\u{1}b\u{7}c \u{85} d\u{2028}e.\n".into(),
        "\"\"\"\"\"\"'''''' (((((( )))) --- ... !!! ??".into(),
    ];
    for input in cases {
        let out = claimtrail()
            .arg("parse")
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{:?}: {}",
            String::from_utf8_lossy(&input),
            String::from_utf8_lossy(&out.stderr)
        );
        parse_output(&out.stdout);
        let text = String::from_utf8_lossy(&input).into_owned();
        let out = claimtrail()
            .args(["explain", "--", &text])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(
            !out.stdout.contains(&0x1b),
            "explain must escape control characters"
        );
    }
    let out = claimtrail()
        .arg("parse")
        .write_stdin(b"ok \xff\xfe bad".to_vec())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-8"));
}

#[test]
fn a_bad_model_file_is_a_clear_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("broken.model");
    std::fs::write(&garbage, b"CTSYNTAX not really a model").unwrap();
    let missing = dir.path().join("missing.model");
    for (path, expect) in [(&garbage, "corrupt"), (&missing, "cannot read")] {
        let out = claimtrail()
            .arg("parse")
            .arg("--model")
            .arg(path)
            .write_stdin("Hello.")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(path.to_str().unwrap()) && err.contains(expect),
            "{err}"
        );
    }
    // A flipped byte deep inside a real model is caught by the checksum.
    let bytes =
        std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/syntax/en-ud.model.gz"))
            .unwrap();
    let mut raw = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut raw).unwrap();
    let mid = raw.len() / 2;
    raw[mid] ^= 0x40;
    std::fs::write(&garbage, &raw).unwrap();
    let out = claimtrail()
        .arg("parse")
        .arg("--model")
        .arg(&garbage)
        .write_stdin("Hello.")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("checksum"));
}
