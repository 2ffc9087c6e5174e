//! `claimtrail extract`: claim files from articles, deterministic output, and merges that never lose review work.

use crate::support::{ARTICLE, claimtrail, edit, extracted_claim_file};

#[test]
fn extraction_is_deterministic_and_valid() {
    let dir = tempfile::tempdir().unwrap();
    let file = extracted_claim_file(dir.path(), "pier");
    let first = std::fs::read(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    let file = extracted_claim_file(dir.path(), "pier");
    assert_eq!(
        first,
        std::fs::read(&file).unwrap(),
        "same input, same bytes"
    );
    let text = String::from_utf8(first).unwrap();
    assert!(text.starts_with(
        "# yaml-language-server: $schema=../schemas/claim-file.schema.json\nschema_version: 2\n"
    ));
    assert!(
        text.contains("  retrieved: \"2026-11-18\"\n"),
        "SOURCE_DATE_EPOCH gives the date:\n{text}"
    );
    assert_eq!(
        text.matches("\n  - id: ").count(),
        4,
        "one claim per sentence:\n{text}"
    );
    claimtrail()
        .arg("validate")
        .arg(file.parent().unwrap())
        .assert()
        .success();
}

#[test]
fn stdout_json_is_the_same_claim_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = extracted_claim_file(dir.path(), "pier");
    let out = claimtrail()
        .args(["extract", "--stdout", "--format", "json"])
        .arg(dir.path().join("pier.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut yaml = claimtrail::yaml::load(&std::fs::read_to_string(&file).unwrap()).unwrap();
    // Only a claim file on disk records where its article is, relative to itself.
    assert_eq!(yaml["document"]["path"], "../pier.txt");
    yaml["document"].as_object_mut().unwrap().remove("path");
    assert_eq!(json, yaml);
}

#[test]
fn metadata_comes_from_front_matter_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("Some File.txt");
    let front = "---\nid: harbor-story\ntitle: Pier closes\npublished: 2026-11-02\n---\n";
    std::fs::write(&article, format!("{front}{ARTICLE}")).unwrap();
    let out = claimtrail()
        .args(["extract", "--stdout", "--publisher", "Gazette"])
        .arg(&article)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("  id: harbor-story\n  title: Pier closes\n  publisher: Gazette\n"),
        "{text}"
    );
    assert!(text.contains("  published: \"2026-11-02\"\n"), "{text}");
    // Locations count paragraphs of the body: the front matter is not one.
    let file: claimtrail::record::ClaimFile =
        serde_json::from_value(claimtrail::yaml::load(&text).unwrap()).unwrap();
    assert_eq!(
        (
            file.claims[0].location.paragraph,
            file.claims[0].location.sentence
        ),
        (0, 0)
    );
    let article_text = format!("{front}{ARTICLE}");
    let found = claimtrail::position::positions(&article_text, &file.document, &file.claims);
    assert_eq!(found[0].unwrap().start, front.len());

    let plain = dir.path().join("Some File.txt");
    std::fs::write(&plain, ARTICLE).unwrap();
    let out = claimtrail()
        .args(["extract", "--stdout"])
        .arg(&plain)
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("  id: some-file\n"),
        "id from the file name"
    );
}

#[test]
fn bad_articles_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \t\n", "only whitespace"),
        (
            "latin1.txt",
            b"Caf\xe9 owners said prices rose.",
            "invalid UTF-8 at byte offset 3",
        ),
        (
            "binary.txt",
            b"\x00\x01\x02binary",
            "NUL byte at byte offset 0",
        ),
        ("fm.txt", b"---\ntitle: [unclosed\n---\nText.", "fm.txt:3:"),
    ];
    for (name, bytes, message) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let out = claimtrail()
            .args(["extract", "-o"])
            .arg(dir.path().join("claims"))
            .arg(&p)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.contains(message),
            "{name}: expected {message:?} in {err}"
        );
    }
    assert!(
        !dir.path().join("claims").exists()
            || std::fs::read_dir(dir.path().join("claims"))
                .unwrap()
                .count()
                == 0
    );
    claimtrail()
        .args(["extract", "--id", "../x", "--stdout", "-"])
        .write_stdin(ARTICLE)
        .assert()
        .code(1);
    claimtrail()
        .args(["extract", "--stdout", "-"])
        .write_stdin(ARTICLE)
        .assert()
        .code(1);
    claimtrail()
        .args(["extract", "--id", "ok", "--stdout", "-"])
        .write_stdin(ARTICLE)
        .assert()
        .success();
    claimtrail()
        .args(["extract"])
        .arg(dir.path().join("missing.txt"))
        .assert()
        .code(2);
}

#[test]
fn windows_line_endings_and_bom_keep_offsets_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("crlf.txt");
    let text = format!("\u{feff}{}", ARTICLE.replace('\n', "\r\n"));
    std::fs::write(&p, &text).unwrap();
    let out = claimtrail()
        .args(["extract", "--stdout", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(out.status.success());
    let file: claimtrail::record::ClaimFile = serde_json::from_slice(&out.stdout).unwrap();
    let found = claimtrail::position::positions(&text, &file.document, &file.claims);
    for (c, p) in file.claims.iter().zip(found) {
        let p = p.expect("every claim is found in the file again");
        assert_eq!(&text[p.start..p.end], c.text);
        assert!(!c.text.contains('\r'));
    }
}

#[test]
fn re_extraction_says_when_it_restores_text_edited_in_the_claim_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = extracted_claim_file(dir.path(), "pier");
    let original = std::fs::read_to_string(&file).unwrap();
    // A reviewer "corrects" a claim's text in the claim file instead of the article.
    edit(
        &file,
        "text: The city council approved",
        "text: The city council rejected",
    );
    let out = claimtrail()
        .arg("extract")
        .arg(dir.path().join("pier.txt"))
        .arg("-o")
        .arg(dir.path().join("claims"))
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("1 edited in the claim file: text and location restored from the article"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);
}

#[test]
fn re_extraction_keeps_reviews_corrections_and_vanished_claims() {
    let dir = tempfile::tempdir().unwrap();
    let file = extracted_claim_file(dir.path(), "pier");
    let original = std::fs::read_to_string(&file).unwrap();

    // A reviewer works on the file: reviews one claim, corrects the hedging of another, adds corroboration.
    edit(
        &file,
        "status: unreviewed",
        "status: supported\n      by: reviewer@example.org\n      note: Checked with the port authority.",
    );
    let pos = original.find("council approved").unwrap();
    let council_block_start = original[..pos].rfind("  - id: ").unwrap();
    let council_id = original[council_block_start + 8..council_block_start + 20].to_string();
    edit(
        &file,
        "    corroboration: []",
        "    corroboration:\n      - url: https://example.org/notice\n        source: port-authority\n        kind: primary",
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let hedged = text.find("reportedly been cracking").unwrap();
    let level_at = hedged + text[hedged..].find("level: ").unwrap();
    let corrected = format!(
        "{}level: alleged{}",
        &text[..level_at],
        &text[level_at + text[level_at..].find('\n').unwrap()..]
    );
    std::fs::write(&file, corrected).unwrap();

    // The article changes: one sentence replaced by another, so its old claim vanishes and a new one appears.
    let article = dir.path().join("pier.txt");
    std::fs::write(
        &article,
        ARTICLE.replace(
            "The city council approved the repair budget on Tuesday.",
            "Divers will inspect the pilings next week.",
        ),
    )
    .unwrap();
    let out = claimtrail()
        .arg("extract")
        .arg(&article)
        .arg("-o")
        .arg(dir.path().join("claims"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        report.contains("article changed")
            && report.contains("1 new")
            && report.contains("1 no longer in the article"),
        "{report}"
    );
    assert!(report.contains("1 hand corrections kept"), "{report}");

    let merged = std::fs::read_to_string(&file).unwrap();
    assert!(
        merged.contains("by: reviewer@example.org"),
        "review kept:\n{merged}"
    );
    assert!(
        merged.contains("source: port-authority"),
        "corroboration kept"
    );
    assert!(
        merged.contains("level: alleged"),
        "hand-corrected hedging kept"
    );
    let old_block = &merged[merged
        .find(&format!("  - id: {council_id}"))
        .expect("vanished claim kept")..];
    assert!(
        old_block[..old_block[8..]
            .find("  - id: ")
            .map_or(old_block.len(), |i| i + 8)]
            .contains("status: missing")
    );
    assert!(merged.contains("Divers will inspect the pilings"));
    claimtrail()
        .arg("validate")
        .arg(dir.path().join("claims"))
        .assert()
        .success();

    // Running again changes nothing, byte for byte.
    let out = claimtrail()
        .arg("extract")
        .arg(&article)
        .arg("-o")
        .arg(dir.path().join("claims"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("unchanged"));
    assert_eq!(merged, std::fs::read_to_string(&file).unwrap());
}

#[test]
fn an_invalid_claim_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let file = extracted_claim_file(dir.path(), "pier");
    edit(
        &file,
        "schema_version: 2",
        "schema_version: 2\nschema_version: 2",
    );
    let before = std::fs::read(&file).unwrap();
    let out = claimtrail()
        .arg("extract")
        .arg(dir.path().join("pier.txt"))
        .arg("-o")
        .arg(dir.path().join("claims"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("duplicate key"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(before, std::fs::read(&file).unwrap());
}

#[test]
fn directories_are_extracted_in_parallel_with_sorted_reports() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for i in 0..20 {
        std::fs::write(
            articles.join(format!("story-{i:02}.txt")),
            ARTICLE.replace("Monday", &format!("day {i}")),
        )
        .unwrap();
    }
    let out = claimtrail()
        .arg("extract")
        .arg(&articles)
        .arg("-o")
        .arg(dir.path().join("claims"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let report = String::from_utf8_lossy(&out.stderr).into_owned();
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 20);
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
    assert_eq!(
        std::fs::read_dir(dir.path().join("claims"))
            .unwrap()
            .count(),
        20
    );
}

/// Runs `claimtrail extract <args> -o claims` in `dir`; returns (exit code, stderr).
fn extract_into_claims(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = claimtrail()
        .current_dir(dir)
        .arg("extract")
        .args(args)
        .args(["-o", "claims"])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn articles_with_the_same_front_matter_id_are_refused_whatever_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(
        articles.join("one.txt"),
        format!("---\nid: same\n---\n{ARTICLE}"),
    )
    .unwrap();
    std::fs::write(
        articles.join("two.txt"),
        "---\nid: same\ntitle: Another story\n---\nThe ferry sank, officials said.\n",
    )
    .unwrap();
    std::fs::write(articles.join("other.txt"), ARTICLE).unwrap();

    let mut reports = Vec::new();
    let mut existing = None;
    for args in [
        ["articles"].as_slice(),
        &["articles/two.txt", "articles/other.txt", "articles/one.txt"],
        &["articles/one.txt", "articles/two.txt", "articles/other.txt"],
    ] {
        let (code, err) = extract_into_claims(dir.path(), args);
        assert_eq!(code, 1, "{args:?}: {err}");
        let clashes: Vec<&str> = err
            .lines()
            .filter(|l| l.contains("error[duplicate-document-id]"))
            .collect();
        assert_eq!(clashes.len(), 2, "one error per article:\n{err}");
        assert!(
            clashes[0].starts_with("articles/one.txt:1:1: ")
                && clashes[0].contains("`same`")
                && clashes[0].contains("articles/two.txt"),
            "{err}"
        );
        assert!(
            clashes[1].starts_with("articles/two.txt:1:1: ")
                && clashes[1].contains("articles/one.txt"),
            "{err}"
        );
        // Nothing written for the id: no new claim file, and one already there is not merged into.
        assert_eq!(
            std::fs::read(dir.path().join("claims/same.yaml")).ok(),
            existing,
            "{err}"
        );
        assert!(dir.path().join("claims/other.yaml").is_file(), "{err}");
        reports.push(err);
        if existing.is_none() {
            let (code, err) = extract_into_claims(dir.path(), &["articles/one.txt"]);
            assert_eq!(code, 0, "one article alone is fine: {err}");
            existing = Some(std::fs::read(dir.path().join("claims/same.yaml")).unwrap());
        }
    }
    // Same report whichever order the articles come in (the one other.txt line aside: new, then unchanged).
    let clash_lines = |r: &str| -> Vec<String> {
        r.lines()
            .filter(|l| l.contains("duplicate-document-id"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(clash_lines(&reports[0]), clash_lines(&reports[1]));
    assert_eq!(clash_lines(&reports[1]), clash_lines(&reports[2]));
}

#[test]
fn ids_from_colliding_file_names_and_from_stdin_are_refused_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("A.txt"), ARTICLE).unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        ARTICLE.replace("Monday", "Friday"),
    )
    .unwrap();
    let (code, err) = extract_into_claims(dir.path(), &["A.txt", "a.txt"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("A.txt:1:1: error[duplicate-document-id] document id `a` (from its file name) is also the id of a.txt (from its file name)"),
        "{err}"
    );
    assert!(!dir.path().join("claims/a.yaml").exists(), "{err}");

    // Standard input gets its id from the front matter; a file may claim the same one.
    std::fs::write(
        dir.path().join("b.txt"),
        format!("---\nid: pier\n---\n{ARTICLE}"),
    )
    .unwrap();
    let out = claimtrail()
        .current_dir(dir.path())
        .args(["extract", "-", "b.txt", "-o", "claims"])
        .write_stdin(format!("---\nid: pier\n---\n{ARTICLE}"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("<stdin>:1:1: error[duplicate-document-id] document id `pier` (from its front matter) is also the id of b.txt"),
        "{err}"
    );
    assert!(!dir.path().join("claims/pier.yaml").exists(), "{err}");
}

#[test]
fn a_file_named_twice_is_one_article() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/pier.txt"), ARTICLE).unwrap();
    let (code, err) = extract_into_claims(
        dir.path(),
        &["articles/pier.txt", "articles", "./articles/pier.txt"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(dir.path().join("claims/pier.yaml").is_file());
}

mod properties {
    //! Fuzz harness for extraction (proptest): arbitrary text never panics, and what comes out is a valid claim
    //! file whose records point at their own text.

    use claimtrail::article::Metadata;
    use claimtrail::registry::Registry;
    use proptest::prelude::*;

    /// Text built from news-like pieces and hostile ones: quotes, brackets, abbreviations, CRLF, BOM, NUL-free
    /// control characters, non-ASCII, front-matter fences.
    fn article() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("Peskov said".to_string()),
            Just(", Interfax reported.".to_string()),
            Just(" Interfax reported .".to_string()),
            Just("“If so,” he told reporters.".to_string()),
            Just("\"unbalanced quote ".to_string()),
            Just("[of the envoys' return]".to_string()),
            Just(
                "U.S. officials, according to Reuters, citing a source familiar with the matter, "
                    .to_string()
            ),
            Just("reportedly may have allegedly ".to_string()),
            Just("\n\n".to_string()),
            Just("\r\n".to_string()),
            Just("\u{feff}".to_string()),
            Just("---\n".to_string()),
            Just("a.m. No. 10 3.5 … ".to_string()),
            "[a-zA-Z ,.!?;:'\"()\\-]{0,40}",
            "\\PC{0,20}",
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn extraction_never_panics_and_records_point_at_their_text(text in article()) {
            let registry = Registry::builtin();
            let meta = Metadata { id: Some("p".into()), ..Metadata::default() };
            if let Ok(file) = claimtrail::extract::extract(&text, meta, None, "2026-11-25", &registry) {
                let positions = claimtrail::position::positions(&text, &file.document, &file.claims);
                for (c, p) in file.claims.iter().zip(&positions) {
                    // Every claim is found again at its ordinals, with its text.
                    let p = p.expect("a fresh claim has a position");
                    prop_assert_eq!(&text[p.start..p.end], c.text.as_str());
                    prop_assert_eq!(&c.hash, &claimtrail::hash::claim_hash(&c.text));
                    for a in &c.attribution {
                        let (s, e) = (p.start as i64 + a.mention.start, p.start as i64 + a.mention.end);
                        prop_assert!(0 <= s && s <= e && e as usize <= text.len());
                        prop_assert!(text.is_char_boundary(s as usize));
                        prop_assert!(text.is_char_boundary(e as usize));
                    }
                }
                let yaml = claimtrail::yaml::claim_file_to_yaml(&file, claimtrail::yaml::SCHEMA_COMMENT_CLAIMS);
                let reference = claimtrail::yaml::to_yaml(&file, claimtrail::yaml::SCHEMA_COMMENT_CLAIMS).unwrap();
                prop_assert_eq!(claimtrail::yaml::load(&yaml).unwrap(), claimtrail::yaml::load(&reference).unwrap());
                let back = claimtrail::validate::parse_claim_file("p.yaml", &yaml);
                prop_assert!(back.is_ok(), "{:?}\n{}", back.err(), yaml);
                prop_assert_eq!(back.unwrap(), file);
            }
        }
    }
}

#[test]
fn a_huge_paragraph_without_punctuation_is_one_claim() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("wall.txt");
    std::fs::write(&p, "word ".repeat(2_000_000)).unwrap();
    let out = claimtrail()
        .args(["extract", "--stdout", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["claims"].as_array().unwrap().len(), 1);
    assert_eq!(
        json["claims"][0]["text"].as_str().unwrap().len(),
        9_999_999,
        "one claim, the whole paragraph"
    );
}

#[test]
fn re_extraction_refuses_to_drop_comments_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let file = extracted_claim_file(dir.path(), "pier");
    // A note as a trailing comment, and a `#` inside a quoted value, which is no comment.
    edit(
        &file,
        "status: unreviewed",
        "status: unreviewed  # called the port, no answer\n      note: \"Ticket #12\"",
    );
    let edited = std::fs::read_to_string(&file).unwrap();
    let line = edited
        .lines()
        .position(|l| l.contains("# called the port"))
        .unwrap()
        + 1;
    let extract = |extra: &[&str]| {
        claimtrail()
            .arg("extract")
            .arg(dir.path().join("pier.txt"))
            .arg("-o")
            .arg(dir.path().join("claims"))
            .args(extra)
            .output()
            .unwrap()
    };
    let out = extract(&[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("pier.yaml:{line}:")) && stderr.contains("error[yaml-comments]"),
        "{stderr}"
    );
    assert!(stderr.contains("1 YAML comment(s)"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        edited,
        "nothing written"
    );

    let out = extract(&["--drop-comments"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 YAML comment(s) dropped"), "{stderr}");
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(
        !after.contains("called the port") && after.contains("Ticket #12"),
        "{after}"
    );
}

#[test]
fn a_project_registry_finds_outlets_by_alias_and_behind_descriptors() {
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("sources.yaml");
    std::fs::write(
        &registry,
        "schema_version: 1\nsources:\n  - id: agerpres\n    name: Agerpres\n    aliases: [Romanian national news agency]\n    type: news-agency\n    role: secondary\n  - id: vtv\n    name: VTV\n    type: outlet\n    role: secondary\n",
    )
    .unwrap();
    let article = dir.path().join("flood.txt");
    std::fs::write(
        &article,
        "The toll rose to 12, state news agency Agerpres reported.\n\
         The toll rose to 14, the Romanian national news agency reported.\n\
         The toll rose to 15, local broadcaster VTV reported.\n",
    )
    .unwrap();
    let out = claimtrail()
        .args(["extract", "--stdout", "--format", "json", "--registry"])
        .arg(&registry)
        .arg(&article)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file: claimtrail::record::ClaimFile = serde_json::from_slice(&out.stdout).unwrap();
    let sources: Vec<Option<&str>> = file
        .claims
        .iter()
        .map(|c| c.attribution[0].source.as_deref())
        .collect();
    assert_eq!(sources, [Some("agerpres"), Some("agerpres"), Some("vtv")]);
}

#[test]
fn paragraphs_blank_joins_wrapped_lines_and_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("wrapped.txt");
    let text = "The harbor master said the pier\nwould reopen in spring.\n\nThe council approved\nthe budget.\n";
    std::fs::write(&article, text).unwrap();
    let run = |mode: &str| -> claimtrail::record::ClaimFile {
        let out = claimtrail()
            .args([
                "extract",
                "--stdout",
                "--format",
                "json",
                "--paragraphs",
                mode,
            ])
            .arg(&article)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let blank = run("blank");
    let texts: Vec<&str> = blank.claims.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "The harbor master said the pier\nwould reopen in spring.",
            "The council approved\nthe budget."
        ]
    );
    assert_eq!(
        blank.document.paragraphs,
        Some(claimtrail::record::ParagraphMode::Blank)
    );
    let at = claimtrail::position::positions(text, &blank.document, &blank.claims);
    assert_eq!(at[1].map(|p| (p.loc.line, p.loc.column)), Some((4, 1)));
    // The default: every line break ends a paragraph (one paragraph per line), and nothing is recorded.
    let line = run("line");
    assert_eq!(line.claims.len(), 4);
    assert_eq!(line.document.paragraphs, None);
}
