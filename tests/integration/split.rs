//! Sentence segmentation and `claimtrail split`: the Golden Rules and the seed article (read from
//! `../shared`, skipped with a note when it is absent), the CLI formats, bad input, and a property test.

#![allow(clippy::print_stdout, clippy::print_stderr)] // the skip notes and failure reports are the point

use std::path::PathBuf;

use assert_cmd::Command;
use claimtrail::segment::{self, Options, ParagraphBreaks, Sentence};
use predicates::prelude::*;
use proptest::prelude::*;

/// `../shared` next to the repository (read-only evaluation material, never copied into the repo).
fn shared(rel: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if path.exists() {
        Some(path)
    } else {
        println!("skipped: {} is absent", path.display());
        None
    }
}

fn bin() -> Command {
    Command::cargo_bin("claimtrail").expect("binary is built")
}

fn texts(text: &str) -> Vec<&str> {
    segment::split(text).iter().map(|s| s.text(text)).collect()
}

/// A short article written for these tests, one paragraph per line, with the news traps.
const ARTICLE: &str = "U.S. President Jane Doe’s office said on Monday that talks had stalled, Reuters reported .\n\
\n\
The envoy left at 9 a.m. Tuesday for No. 10, the agency said. Officials called it a “setback.”\n\
\"If there is a desirability [of the envoys' return], they will return,\" he told reporters.\n";

#[test]
fn golden_rules_all_pass() {
    let Some(path) = shared("eval/golden_rules_en.tsv") else {
        return;
    };
    let tsv = std::fs::read_to_string(&path).expect("golden rules are readable");
    let mut failures = Vec::new();
    let mut total = 0;
    for line in tsv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "malformed line: {line}");
        total += 1;
        let expected: Vec<&str> = cols[2].split(" ||| ").collect();
        let got = texts(cols[1]);
        if got != expected {
            failures.push(format!(
                "#{}: {:?}\n    got      {got:?}\n    expected {expected:?}",
                cols[0], cols[1]
            ));
        }
    }
    assert_eq!(
        total, 48,
        "the file should hold the 48 English Golden Rules"
    );
    assert!(
        failures.is_empty(),
        "{} of {total} Golden Rules fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn seed_article_boundaries() {
    let Some(path) = shared("corpus/seed/000_16df3a2c8626d0c3.txt") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("seed is readable");
    let got = segment::split(&text);
    // (paragraph, sentence, first words, last words) of the 11 sentences, checked against the peers' output.
    let expected: [(u32, u32, &str, &str); 11] = [
        (
            0,
            0,
            "Moscow advised Sullivan",
            "alleged malign activities.",
        ),
        (0, 1, "The envoy had reportedly", "top foreign policy aide."),
        (
            1,
            0,
            "The United States’ Ambassador",
            "new highs, Interfax reported .",
        ),
        (
            2,
            0,
            "Sullivan departed from",
            "Thursday morning, Interfax reported.",
        ),
        (
            2,
            1,
            "Sullivan is taking",
            "and the U.S., Interfax reported.",
        ),
        (3, 0, "In addition to the Biden", "Navalny dies in jail."),
        (4, 0, "In a statement Monday", "United States and Russia.”"),
        (5, 0, "His return mirrors", "likening Putin to a “killer.”"),
        (
            6,
            0,
            "Kremlin spokesman Dmitry Peskov",
            "on a range of issues.",
        ),
        (7, 0, "\"If as a result", "he told reporters Tuesday."),
        (8, 0, "At the same time", "Biden-Putin summit “positively.”"),
    ];
    let view: Vec<String> = got
        .iter()
        .map(|s| format!("{}/{}: {}", s.paragraph, s.sentence, s.text(&text)))
        .collect();
    assert_eq!(got.len(), expected.len(), "{view:#?}");
    for (s, (p, n, head, tail)) in got.iter().zip(expected) {
        let t = s.text(&text);
        assert_eq!((s.paragraph, s.sentence), (p, n), "{view:#?}");
        assert!(t.starts_with(head) && t.ends_with(tail), "{p}/{n}: {t:?}");
    }
    // The sentences and the whitespace between them rebuild the file.
    let mut at = 0;
    for s in &got {
        assert!(text[at..s.start].trim().is_empty());
        at = s.end;
    }
    assert!(text[at..].trim().is_empty());
}

#[test]
fn library_news_traps() {
    assert_eq!(
        texts(ARTICLE),
        [
            "U.S. President Jane Doe’s office said on Monday that talks had stalled, Reuters reported .",
            "The envoy left at 9 a.m. Tuesday for No. 10, the agency said.",
            "Officials called it a “setback.”",
            "\"If there is a desirability [of the envoys' return], they will return,\" he told reporters.",
        ]
    );
}

#[test]
fn cli_text_output() {
    bin()
        .arg("split")
        .write_stdin(ARTICLE)
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("U.S. President Jane Doe’s office").and(
                predicate::function(|out: &str| {
                    out.lines().count() == 4
                        && out.lines().nth(2) == Some("Officials called it a “setback.”")
                }),
            ),
        );
}

#[test]
fn cli_jsonl_output_has_byte_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    std::fs::write(&path, ARTICLE).unwrap();
    let out = bin()
        .args(["split", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let records: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 4);
    let keys: Vec<&str> = records[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["paragraph", "sentence", "start", "end", "text"]);
    let numbering: Vec<(u64, u64)> = records
        .iter()
        .map(|r| {
            (
                r["paragraph"].as_u64().unwrap(),
                r["sentence"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(numbering, [(0, 0), (1, 0), (1, 1), (2, 0)]);
    for r in &records {
        let (start, end) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&ARTICLE[start..end], r["text"].as_str().unwrap());
    }
}

#[test]
fn cli_stdin_dash_and_paragraph_mode() {
    let wrapped = "A sentence wrapped\nover two lines. Next one.\n\nNew paragraph.\n";
    bin()
        .args(["split", "-"])
        .write_stdin(wrapped)
        .assert()
        .success()
        .stdout("A sentence wrapped\nover two lines.\nNext one.\nNew paragraph.\n");
    bin()
        .args(["split", "--paragraphs", "blank"])
        .write_stdin(wrapped)
        .assert()
        .success()
        .stdout("A sentence wrapped over two lines.\nNext one.\nNew paragraph.\n");
}

#[test]
fn cli_text_is_one_line_per_sentence_with_controls_escaped() {
    // A form feed, NEL, U+2028, ESC sequences and a bidi override stay inside a sentence (only \n, \r\n and \r
    // break lines); the text format shows them escaped, jsonl keeps the exact text.
    let text = "The port \u{1b}[2J\u{1b}]52;c;cHduZWQ=\u{7}closed.\u{c}\u{85}\n::error file=a::pwned\u{2028}::add-mask::x \u{202e}Officials said so.\n";
    for mode in ["line", "blank"] {
        let out = bin()
            .args(["split", "--paragraphs", mode])
            .write_stdin(text)
            .output()
            .unwrap();
        assert!(out.status.success());
        crate::support::assert_inert(mode, &out.stdout, false);
        let jsonl = bin()
            .args(["split", "--format", "jsonl", "--paragraphs", mode])
            .write_stdin(text)
            .output()
            .unwrap();
        let exact: Vec<String> = String::from_utf8(jsonl.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["text"].as_str().unwrap().to_string()
            })
            .collect();
        let shown = String::from_utf8(out.stdout).unwrap();
        assert_eq!(shown.lines().count(), exact.len(), "{mode}: {shown}");
        assert!(
            shown.starts_with("The port \\u{1b}[2J\\u{1b}]52;c;cHduZWQ=\\u{7}closed."),
            "{shown}"
        );
        assert!(exact.iter().any(|t| t.contains('\u{1b}')), "{exact:?}");
    }
    // With `--paragraphs blank` a line break inside a sentence becomes a space, as before.
    bin()
        .args(["split", "--paragraphs", "blank"])
        .write_stdin("One sentence\r\nwrapped\tonce.\n")
        .assert()
        .success()
        .stdout("One sentence wrapped\\tonce.\n");
}

#[test]
fn cli_empty_and_whitespace_input() {
    for input in ["", "  \n\n\t \r\n"] {
        bin()
            .arg("split")
            .write_stdin(input)
            .assert()
            .code(0)
            .stdout("")
            .stderr(predicate::str::contains("<stdin>: no sentences"));
    }
}

#[test]
fn cli_missing_file() {
    bin()
        .args(["split", "/nonexistent/claimtrail-article.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read /nonexistent/claimtrail-article.txt",
        ));
}

#[test]
fn cli_invalid_utf8_names_file_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.txt");
    std::fs::write(&path, b"Caf\xe9 society. It closed.\n").unwrap();
    bin()
        .arg("split")
        .arg(&path)
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("latin1.txt: invalid UTF-8 at byte offset 3")
                .and(predicate::str::contains("--lossy")),
        );
    let out = bin()
        .args(["split", "--lossy", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["text"], "Caf\u{fffd} society.");
    assert_eq!(
        (first["start"].as_u64(), first["end"].as_u64()),
        (Some(0), Some(13))
    );
}

#[test]
fn cli_binary_input() {
    bin()
        .arg("split")
        .write_stdin(&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "<stdin>: binary data (NUL byte at byte offset 8)",
        ));
}

#[test]
fn cli_crlf_and_bom() {
    let input = "\u{feff}First one. Second one.\r\nThird one.\r\n";
    let out = bin()
        .args(["split", "--format", "jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains("\\r"), "{stdout}");
    let records: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let spans: Vec<(u64, u64)> = records
        .iter()
        .map(|r| (r["start"].as_u64().unwrap(), r["end"].as_u64().unwrap()))
        .collect();
    // Offsets count the 3-byte BOM and the \r\n of the original bytes.
    assert_eq!(spans, [(3, 13), (14, 25), (27, 37)]);
    assert_eq!(&input[27..37], "Third one.");
}

#[test]
fn cli_unbalanced_quote_in_long_paragraph() {
    let filler = "The council met again and the members discussed the harbor budget at length. ";
    let input = format!(
        "The mayor bought a 55\" screen. {}He said \"enough.\" The end.\n",
        filler.repeat(40)
    );
    let out = bin().arg("split").write_stdin(input).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 43, "{stdout}");
    assert!(stdout.lines().all(|l| l.len() < 200));
}

#[test]
fn huge_paragraph_without_punctuation_is_linear() {
    // 50 MB in one paragraph with no sentence end: one pass, one sentence (a hang here means quadratic work).
    let text = "word ".repeat(10_000_000);
    let started = std::time::Instant::now();
    let got = segment::split(&text);
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].start, got[0].end), (0, text.len() - 1));
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn dense_quotes_and_brackets_stay_fast() {
    // sentencex alone takes about 12 s on 160 KB of this; piecing keeps it linear.
    let text = "'a' (b) \"c\". ".repeat(20_000);
    let started = std::time::Instant::now();
    let got = segment::split(&text);
    assert!(!got.is_empty());
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}

/// The invariants every segmentation must keep.
pub(crate) fn check_invariants(text: &str, got: &[Sentence]) -> Result<(), TestCaseError> {
    let mut prev: Option<&Sentence> = None;
    for s in got {
        prop_assert!(s.start < s.end && s.end <= text.len(), "{s:?}");
        prop_assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{s:?}"
        );
        let t = s.text(text);
        prop_assert_eq!(t, t.trim(), "not trimmed: {:?}", s);
        prop_assert!(!t.contains(['\n', '\r']), "crosses a line: {:?}", t);
        if let Some(p) = prev {
            prop_assert!(p.end <= s.start, "overlap or disorder: {p:?} {s:?}");
            if p.paragraph == s.paragraph {
                prop_assert_eq!(s.sentence, p.sentence + 1);
            } else {
                prop_assert_eq!(s.paragraph, p.paragraph + 1);
                prop_assert_eq!(s.sentence, 0);
                prop_assert!(
                    text[p.end..s.start].contains(['\n', '\r']),
                    "paragraphs not separated by a line break"
                );
            }
        } else {
            prop_assert_eq!((s.paragraph, s.sentence), (0, 0));
        }
        prev = Some(s);
    }
    Ok(())
}

/// Text made of the pieces segmentation cares about, so the fuzzing reaches the interesting paths.
pub(crate) fn newsy_text() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "U.S.",
        "Mr.",
        "a.m.",
        "No.",
        "1.",
        "2.",
        "a.",
        "b.",
        "⁃",
        "•",
        " . . .",
        "...",
        "…",
        ".",
        "!",
        "?",
        "\"",
        "“",
        "”",
        "'",
        "’",
        "(",
        ")",
        "[",
        "]",
        " ",
        " ",
        " ",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "\u{feff}",
        "word",
        "Word",
        "said",
        "The",
        "é",
        "日本",
        "\t",
        "3.5",
        "–",
        "“”“”“”“”“”“”“”“”“”“”“”“”",
        "the council met again and again ",
        "(Applause.) ",
        "                                ",
    ]);
    prop::collection::vec(atoms, 0..300).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn split_never_panics_and_keeps_invariants(text in any::<String>()) {
        check_invariants(&text, &segment::split(&text))?;
    }

    #[test]
    fn newsy_text_keeps_invariants(text in newsy_text()) {
        check_invariants(&text, &segment::split(&text))?;
        let blank = segment::split_with(&text, Options { paragraph_breaks: ParagraphBreaks::BlankLine });
        for s in &blank {
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            prop_assert_eq!(s.text(&text), s.text(&text).trim());
        }
    }

    #[test]
    fn decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(text) = segment::decode(&bytes, true) {
            prop_assert_eq!(text.len(), bytes.len());
            check_invariants(&text, &segment::split(&text))?;
        }
    }
}

#[test]
fn split_skips_front_matter_as_extract_does() {
    let out = bin()
        .args(["split", "-", "--format", "jsonl"])
        .write_stdin("---\nid: a\ntitle: Not. A sentence.\n---\nOne. Two.\n")
        .assert()
        .success();
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.get_output().stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["text"], "One.");
    assert_eq!(
        lines[0]["start"], 38,
        "offsets stay offsets into the whole input"
    );
    // An unclosed block is an error, located, as in extract.
    bin()
        .args(["split", "-"])
        .write_stdin("---\nid: a\nOne.\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<stdin>:1:1: front matter"));
}
