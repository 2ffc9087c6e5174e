//! `claimtrail validate`: valid files pass; every kind of bad input gets a located error and the right exit code.

use std::ffi::OsStr;
use std::path::Path;

use crate::support::{edit, extracted_claim_file, line_of, validate};

fn v(paths: &[&Path]) -> (i32, String) {
    let args: Vec<&OsStr> = paths.iter().map(|p| p.as_os_str()).collect();
    validate(&args)
}

/// Asserts exit code 1 and a diagnostic `file:line:col: error[code]` containing `text`.
fn assert_invalid(path: &Path, line: usize, code: &str, text: &str) {
    let (status, out) = v(&[path]);
    assert_eq!(status, 1, "{out}");
    let prefix = format!("{}:{line}:", path.display());
    let found = out.lines().any(|l| {
        l.starts_with(&prefix) && l.contains(&format!("error[{code}]")) && l.contains(text)
    });
    assert!(
        found,
        "expected `{prefix}… error[{code}] …{text}…` in:\n{out}"
    );
}

#[test]
fn extracted_claim_files_are_valid() {
    let dir = tempfile::tempdir().unwrap();
    let file = extracted_claim_file(dir.path(), "pier");
    let (status, out) = v(&[file.parent().unwrap()]);
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("1 file: no findings"), "{out}");
}

#[test]
fn edited_text_is_reported_as_tampering_on_its_hash_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = extracted_claim_file(dir.path(), "pier");
    edit(
        &file,
        "approved the repair budget",
        "rejected the repair budget",
    );
    let hash_line = {
        let text = std::fs::read_to_string(&file).unwrap();
        let at = text.find("rejected the repair budget").unwrap();
        text[..at].lines().count() - 1
    };
    assert_invalid(
        &file,
        hash_line,
        "hash-mismatch",
        "the text was edited after extraction",
    );
    // Both hashes are shown, cut to the width of a claim id (the message once printed `……` for them).
    let text = std::fs::read_to_string(&file).unwrap();
    let stored = text[..text.find("rejected the repair budget").unwrap()]
        .rsplit("hash: sha256:")
        .next()
        .unwrap()[..12]
        .to_string();
    let actual =
        &claimtrail::hash::claim_hash("The city council rejected the repair budget on Tuesday.")
            ["sha256:".len().."sha256:".len() + 12];
    assert_invalid(
        &file,
        hash_line,
        "hash-mismatch",
        &format!("it hashes to sha256:{actual}…, but `hash` is sha256:{stored}…;"),
    );
}

#[test]
fn ids_must_match_hashes_and_be_unique() {
    let dir = tempfile::tempdir().unwrap();
    let file = extracted_claim_file(dir.path(), "pier");
    let text = std::fs::read_to_string(&file).unwrap();
    let ids: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- id: "))
        .collect();
    edit(
        &file,
        &format!("- id: {}", ids[1]),
        &format!("- id: {}", ids[0]),
    );
    let second = text
        .lines()
        .position(|l| l.contains(&format!("- id: {}", ids[1])))
        .unwrap()
        + 1;
    assert_invalid(&file, second, "id-mismatch", "does not match its hash");
    assert_invalid(&file, second, "duplicate-id", "is also used by claims[0]");
}

#[test]
fn document_id_must_be_the_file_stem_and_safe() {
    let dir = tempfile::tempdir().unwrap();
    let file = extracted_claim_file(dir.path(), "pier");
    edit(&file, "id: pier", "id: wharf");
    assert_invalid(&file, 5, "document-id", "differs from the file name `pier`");
    edit(&file, "id: wharf", "id: ../x");
    assert_invalid(&file, 5, "schema", "no `/` or `..`");
    edit(&file, "id: ../x", "id: a/b");
    assert_invalid(&file, 5, "schema", "is not an id");
}

#[test]
fn wrong_types_unknown_and_missing_fields_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let file = extracted_claim_file(dir.path(), "pier");
    edit(&file, "anonymous: false", "anonymous: yes");
    let line = line_of(&file, "anonymous: yes");
    assert_invalid(
        &file,
        line,
        "schema",
        "expected boolean, found string \"yes\"",
    );

    // A number too large for its field is located at the value, not reported at 1:1.
    let file = extracted_claim_file(dir.path(), "pier-big");
    edit(&file, "paragraph: 0", "paragraph: 4294967296");
    assert_invalid(
        &file,
        line_of(&file, "paragraph: 4294967296"),
        "schema",
        "must be at most 4294967295",
    );

    // A float where an integer goes passes JSON Schema's `integer` (1000.0 is one to it): located all the same.
    let file = extracted_claim_file(dir.path(), "pier-float");
    edit(&file, "sentence: 0", "sentence: 1e3");
    assert_invalid(
        &file,
        line_of(&file, "sentence: 1e3"),
        "schema",
        "a floating-point number (1000) where an integer goes",
    );

    // Tags: the YAML core schema's own are checked against their value, every other tag is refused.
    let file = extracted_claim_file(dir.path(), "pier-tag");
    edit(&file, "paragraph: 0", "paragraph: !!int 0");
    let (status, out) = v(&[&file]);
    assert_eq!(status, 0, "{out}");
    edit(&file, "paragraph: !!int 0", "paragraph: !!int zero");
    assert_invalid(
        &file,
        line_of(&file, "paragraph: !!int zero"),
        "yaml-tag",
        "`zero` is not a valid !!int",
    );
    edit(&file, "paragraph: !!int zero", "paragraph: !custom 0");
    assert_invalid(
        &file,
        line_of(&file, "paragraph: !custom 0"),
        "yaml-tag",
        "YAML tag `!custom` is not allowed in claim files",
    );

    let file = extracted_claim_file(dir.path(), "pier2");
    edit(
        &file,
        "    corroboration: []",
        "    corroboration: []\n    colour: red",
    );
    assert_invalid(
        &file,
        line_of(&file, "colour: red"),
        "schema",
        "unknown field `colour`",
    );

    let file = extracted_claim_file(dir.path(), "pier3");
    let text = std::fs::read_to_string(&file).unwrap();
    let hash_line = text
        .lines()
        .find(|l| l.trim_start().starts_with("hash: "))
        .unwrap()
        .to_string();
    edit(&file, &format!("{hash_line}\n"), "");
    // Located at the claim that lacks it: its first line.
    let claim_line = line_of(&file, "  - id: ");
    assert_invalid(&file, claim_line, "schema", "missing required field `hash`");
}

#[test]
fn impossible_dates_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let file = extracted_claim_file(dir.path(), "pier");
    edit(&file, "published: null", "published: \"2026-02-30\"");
    assert_invalid(
        &file,
        line_of(&file, "published:"),
        "bad-date",
        "is not a real date",
    );
    edit(
        &file,
        "published: \"2026-02-30\"",
        "published: last tuesday",
    );
    assert_invalid(
        &file,
        line_of(&file, "published:"),
        "schema",
        "is not a date",
    );
}

#[test]
fn references_must_resolve_across_files_and_the_registry() {
    let dir = tempfile::tempdir().unwrap();
    let a = extracted_claim_file(dir.path(), "a");
    let b = extracted_claim_file(dir.path(), "b");
    let b_text = std::fs::read_to_string(&b).unwrap();
    let b_id = b_text
        .lines()
        .find_map(|l| l.trim().strip_prefix("- id: "))
        .unwrap()
        .to_string();
    edit(
        &a,
        "    corroboration: []",
        &format!("    corroboration:\n      - claim: b#{b_id}\n      - claim: c#0123456789ab"),
    );
    let (status, out) = v(&[&a]);
    assert_eq!(status, 1, "{out}");
    assert!(
        !out.contains(&format!("b#{b_id}`")),
        "b's claim resolves beside the file:\n{out}"
    );
    assert!(out.contains("no claim file for document `c`"), "{out}");

    edit(
        &b,
        "    attribution: []",
        "    attribution:\n      - name: Nobody\n        kind: primary\n        cue: said\n        quote: indirect\n        anonymous: false\n        mention: {start: 0, end: 1}\n        source: no-such-source",
    );
    assert_invalid(
        &b,
        line_of(&b, "source: no-such-source"),
        "unresolved-reference",
        "not in the source registry",
    );
}

#[test]
fn source_registries_are_validated_with_their_own_schema() {
    let dir = tempfile::tempdir().unwrap();
    let reg = dir.path().join("sources.yaml");
    std::fs::write(&reg, "schema_version: 1\nsources:\n  - id: gazette\n    name: The Gazette\n    type: outlet\n    role: secondary\n    republishes: [wire]\n").unwrap();
    assert_invalid(&reg, 7, "unresolved-reference", "source `wire`");
    std::fs::write(&reg, "schema_version: 1\nsources:\n  - id: gazette\n    name: The Gazette\n    type: newspaper\n    role: secondary\n").unwrap();
    assert_invalid(&reg, 5, "schema", "is not one of: news-agency, outlet");
    // An unknown field is named as the registry's, not a claim file's.
    std::fs::write(&reg, "schema_version: 1\nsources:\n  - id: gazette\n    name: The Gazette\n    type: outlet\n    role: secondary\n    colour: red\n").unwrap();
    assert_invalid(
        &reg,
        7,
        "schema",
        "unknown field `colour` (a typo? source registries reject fields they do not define)",
    );
}

#[test]
fn unreadable_content_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.yaml");
    std::fs::write(&p, b"schema_version: 1\ndocument:\n  title: caf\xe9\n").unwrap();
    assert_invalid(&p, 3, "encoding", "invalid UTF-8 at byte offset 40");
    std::fs::write(&p, b"").unwrap();
    assert_invalid(&p, 1, "empty-file", "empty file");
    std::fs::write(&p, b"\x7fELF\x02\x01\x01\x00\x00\x00").unwrap();
    assert_invalid(&p, 1, "binary-file", "NUL byte at byte offset 7");
}

#[test]
fn yaml_syntax_errors_and_duplicate_keys_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.yaml");
    std::fs::write(&p, "schema_version: 1\nclaims: [1, 2\n").unwrap();
    assert_invalid(&p, 3, "yaml-syntax", "YAML syntax error");
    std::fs::write(&p, "schema_version: 1\ndocument: {}\nschema_version: 2\n").unwrap();
    assert_invalid(&p, 3, "duplicate-key", "duplicate key `schema_version`");
}

#[test]
fn alias_bombs_are_refused_at_the_first_anchor() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bomb.yaml");
    let mut s = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, c) in "bcdefghi".chars().enumerate() {
        let prev = (b'a' + i as u8) as char;
        s.push_str(&format!(
            "{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
    }
    std::fs::write(&p, s).unwrap();
    assert_invalid(&p, 1, "yaml-anchor", "anchors");
}

#[test]
fn deep_nesting_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deep.yaml");
    std::fs::write(
        &p,
        format!("claims: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)),
    )
    .unwrap();
    let (status, out) = v(&[&p]);
    assert_eq!(status, 1, "{out}");
    assert!(out.contains(&format!("{}:1:", p.display())), "{out}");
    // Block-style nesting, 100 levels: past our limit of 64, refused before any value is built.
    let block: String = (0..100)
        .map(|d| format!("{}-\n", " ".repeat(2 * d + 2)))
        .collect();
    std::fs::write(&p, format!("claims:\n{block}")).unwrap();
    let (status, out) = v(&[&p]);
    assert_eq!(status, 1, "{out}");
    assert!(
        out.contains("error[too-deep]") && out.contains("deeper than 64 levels"),
        "{out}"
    );
}

#[test]
fn a_fifty_megabyte_line_is_handled() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.yaml");
    let mut s = String::with_capacity(50 * 1024 * 1024 + 64);
    s.push_str("{schema_version: 1, junk: \"");
    s.push_str(&"a".repeat(50 * 1024 * 1024));
    s.push_str("\"}\n");
    std::fs::write(&p, s).unwrap();
    let (status, out) = v(&[&p]);
    assert_eq!(status, 1);
    assert!(
        out.contains(&format!("{}:1:", p.display())) && out.contains("unknown field `junk`"),
        "{}",
        &out[..out.len().min(2000)]
    );
    assert!(out.len() < 10_000, "messages must not echo the huge value");
    let (status, out) = validate(&[
        OsStr::new("--max-file-size"),
        OsStr::new("1000000"),
        p.as_os_str(),
    ]);
    assert_eq!(status, 1);
    assert!(
        out.contains("error[too-large]") && out.contains("over the limit of 1000000 bytes"),
        "{out}"
    );
}

#[test]
fn missing_paths_unreadable_files_and_symlink_loops_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let (status, out) = v(&[&missing]);
    assert_eq!(status, 2, "{out}");
    assert!(
        out.contains(&format!(
            "{}:1:1: error[io-error] no such file or directory",
            missing.display()
        )),
        "{out}"
    );

    // An unreadable file: as root, permissions do not stop reads, so use a file whose reads fail.
    let unreadable = dir.path().join("unreadable.yaml");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let is_root = std::process::Command::new("id")
            .arg("-u")
            .output()
            .map(|o| o.stdout == b"0\n")
            .unwrap_or(false);
        if is_root {
            std::os::unix::fs::symlink("/proc/self/mem", &unreadable).unwrap();
        } else {
            std::fs::write(&unreadable, "schema_version: 1\n").unwrap();
            std::fs::set_permissions(&unreadable, std::fs::Permissions::from_mode(0o000)).unwrap();
        }
        let (status, out) = v(&[&unreadable]);
        assert_eq!(status, 2, "{out}");
        assert!(
            out.contains(&format!("{}:1:1: error[io-error]", unreadable.display())),
            "{out}"
        );
        std::fs::remove_file(&unreadable).unwrap();

        let loopdir = dir.path().join("loop");
        std::fs::create_dir(&loopdir).unwrap();
        std::os::unix::fs::symlink(&loopdir, loopdir.join("again")).unwrap();
        let (status, out) = v(&[&loopdir]);
        assert_eq!(status, 2, "{out}");
        assert!(out.contains("symbolic link loop"), "{out}");
    }
}

#[test]
fn a_directory_of_100000_files_is_validated() {
    // On tmpfs where there is one: deleting 100,000 files from some virtual disks takes minutes.
    let shm = std::path::Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .unwrap();
    let claims = dir.path().join("claims");
    std::fs::create_dir(&claims).unwrap();
    for i in 0..100_000 {
        let id = format!("d{i:06}");
        let body = format!(
            "schema_version: 1\nnormalisation: nfc-collapse-whitespace-v1\ndocument:\n  id: {id}\n  title: null\n  publisher: null\n  url: null\n  published: null\n  retrieved: \"2026-11-25\"\n  text_sha256: {}\nclaims: []\n",
            "ab".repeat(32)
        );
        std::fs::write(claims.join(format!("{id}.yaml")), body).unwrap();
    }
    edit(&claims.join("d054321.yaml"), "id: d054321", "id: d12345");
    let (status, out) = v(&[&claims]);
    assert_eq!(status, 1, "{}", &out[..out.len().min(2000)]);
    assert_eq!(out.lines().filter(|l| !l.is_empty()).count(), 2, "{out}");
    assert!(
        out.contains("d054321.yaml:4:3: error[document-id]"),
        "{out}"
    );
    assert!(
        out.ends_with("100000 files checked: 1 error, 0 warnings, 0 info in 1 file\n"),
        "{out}"
    );
}

#[test]
fn output_formats_are_stable() {
    let dir = tempfile::tempdir().unwrap();
    let file = extracted_claim_file(dir.path(), "pier");
    edit(&file, "id: pier", "id: wharf");
    let (status, out) = validate(&[OsStr::new("--format"), OsStr::new("json"), file.as_os_str()]);
    assert_eq!(status, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["valid"], false);
    let d = &json["findings"][0];
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(5), Some(3))
    );
    assert_eq!(d["pointer"], "/document/id");
    assert_eq!(d["rule"], "document-id");
    assert_eq!(d["severity"], "error");
    assert_eq!(json["summary"]["errors"], 1);

    let (status, out) = validate(&[
        OsStr::new("--format"),
        OsStr::new("github"),
        file.as_os_str(),
    ]);
    assert_eq!(status, 1);
    assert!(
        out.starts_with(&format!(
            "::error file={},line=5,col=3,title=claimtrail document-id::/document/id: ",
            file.display()
        )),
        "{out}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let (status, _) = validate(&[OsStr::new("--format"), OsStr::new("xml")]);
    assert_eq!(status, 2);
}
