//! Output is not a command channel: text from claim files, articles, registries, policy files and file names
//! reaches every human-readable stream escaped, so it cannot forge a GitHub workflow command (`::error`,
//! `::add-mask::`) or send escape sequences to a terminal. One test per output path.

use std::path::Path;

use claimtrail::record::SourceKind;

use crate::support::{
    HOSTILE, NO_HEDGE, Spec, assert_inert, attribution, claimtrail, quoted, write_claim_file,
};

/// An article whose hedged, unattributed sentence carries OSC 52, clear-screen, NEL, U+2028 and a bidi override,
/// so `check` shows it as the excerpt of an `unattributed-hedge` finding.
const ARTICLE: &str = "The talks \u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J\u{85}\u{2028}\u{202e} reportedly failed.\n\nThe ministry said the border stays open.\n";

/// Runs `claimtrail` in `dir`; returns (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, Vec<u8>) {
    let out = claimtrail().current_dir(dir).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), out.stdout, out.stderr)
}

#[test]
fn validate_shows_yaml_keys_and_values_in_a_message_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("x.yaml"),
        format!(
            "schema_version: {h}\ndocument: {{id: {h}}}\n{h}: 1\n",
            h = quoted(HOSTILE)
        ),
    )
    .unwrap();
    let (code, out, err) = run(dir.path(), &["validate", "x.yaml"]);
    assert_eq!(code, 1, "{}", String::from_utf8_lossy(&out));
    assert_inert("validate text", &out, false);
    assert_inert("validate stderr", &err, false);
    let report = String::from_utf8_lossy(&out);
    assert!(
        report
            .contains("unknown field `x\\n::error file=a::pwned\\r::add-mask::secret \\u{1b}]52;"),
        "the key is still shown, escaped:\n{report}"
    );
    let findings = report.lines().filter(|l| l.starts_with("x.yaml:")).count();

    let (code, out, _) = run(dir.path(), &["validate", "--format", "github", "x.yaml"]);
    assert_eq!(code, 1);
    assert_inert("validate github", &out, true);
    assert_eq!(
        String::from_utf8_lossy(&out).lines().count(),
        findings,
        "one line per finding"
    );
}

#[test]
fn check_and_audit_show_article_text_escaped_and_keep_it_exact_in_the_claim_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("talks.txt"), ARTICLE).unwrap();
    let (code, out, err) = run(dir.path(), &["audit", "talks.txt"]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    assert_inert("audit stdout", &out, false);
    assert_inert("audit stderr", &err, false);
    let listing = String::from_utf8_lossy(&out);
    assert!(
        listing.contains("\"The talks \\u{1b}]52;c;cHduZWQ=\\u{7}\\u{1b}[2J\\u{85}\\u{2028}\\u{202e} reportedly failed.\""),
        "{listing}"
    );

    let (_, out, err) = run(dir.path(), &["check"]);
    assert_inert("check text", &out, false);
    assert_inert("check stderr", &err, false);
    let report = String::from_utf8_lossy(&out);
    assert!(report.contains("warning[unattributed-hedge]"), "{report}");
    assert!(report.contains("\\u{1b}]52;c;cHduZWQ=\\u{7}"), "{report}");
    let (_, out, _) = run(dir.path(), &["check", "--format", "github"]);
    assert_inert("check github", &out, true);

    // Display only: the claim file keeps the sentence's exact characters.
    let yaml = std::fs::read_to_string(dir.path().join("claims/talks.yaml")).unwrap();
    let file = claimtrail::validate::parse_claim_file("talks", &yaml).unwrap();
    assert!(
        file.claims[0]
            .text
            .contains("\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J\u{85}\u{2028}\u{202e}")
    );
}

/// `claims/wire.yaml` with one claim whose text and source name and role are hostile, resting on Reuters alone
/// (so `single-secondary-source` shows its text and sources).
fn hostile_claim(dir: &Path) {
    let mut source = attribution(HOSTILE, SourceKind::Secondary, Some("reuters"), false, &[]);
    source.role = Some(HOSTILE.to_string());
    write_claim_file(
        &dir.join("claims"),
        "wire",
        None,
        vec![Spec {
            text: &format!("Bridge closes {HOSTILE} in March."),
            attribution: vec![source],
            hedge: NO_HEDGE,
        }],
    );
}

#[test]
fn claim_text_and_source_names_are_escaped_in_the_text_report() {
    let dir = tempfile::tempdir().unwrap();
    hostile_claim(dir.path());
    let (code, out, err) = run(dir.path(), &["check"]);
    assert_eq!(code, 1, "{}", String::from_utf8_lossy(&out));
    assert_inert("check text", &out, false);
    assert_inert("check stderr", &err, false);
    let report = String::from_utf8_lossy(&out);
    assert!(
        report.contains("    sources: x\\n::error file=a::pwned"),
        "{report}"
    );
}

#[test]
fn github_annotations_carry_claim_text_and_source_names_escaped() {
    let dir = tempfile::tempdir().unwrap();
    hostile_claim(dir.path());
    let (code, out, _) = run(dir.path(), &["check", "--format", "github"]);
    assert_eq!(code, 1);
    assert_inert("check github", &out, true);
    let annotations = String::from_utf8_lossy(&out);
    assert!(
        annotations
            .contains("%0Asources: x\\n::error file=a::pwned\\r::add-mask::secret \\u{1b}]52;"),
        "{annotations}"
    );
}

#[test]
fn errors_on_stderr_show_file_names_and_values_escaped() {
    let dir = tempfile::tempdir().unwrap();
    // `error: …` from a command that fails (exit 2): an unreadable file whose name is hostile.
    let (code, _, err) = run(dir.path(), &["split", HOSTILE]);
    assert_eq!(code, 2);
    assert_inert("split error", &err, false);
    assert!(String::from_utf8_lossy(&err).contains("x\\n::error"));

    // Per-article errors of `extract`: an invalid id from the front matter.
    std::fs::write(
        dir.path().join("a.txt"),
        format!("---\nid: {}\n---\nThe ministry said so.\n", quoted(HOSTILE)),
    )
    .unwrap();
    let (code, _, err) = run(dir.path(), &["extract", "a.txt"]);
    assert_eq!(code, 1, "{}", String::from_utf8_lossy(&err));
    assert_inert("extract errors", &err, false);
    assert!(String::from_utf8_lossy(&err).contains("invalid document id"));

    // A file whose name is hostile, reported by `validate` (stdout) and by `match` (stderr).
    std::fs::create_dir(dir.path().join("claims")).unwrap();
    std::fs::write(
        dir.path().join("claims").join(format!("{HOSTILE}.yaml")),
        "schema_version: 2\n",
    )
    .unwrap();
    let (code, out, _) = run(dir.path(), &["validate", "claims"]);
    assert_eq!(code, 1);
    assert_inert("validate file name", &out, false);
    let (code, out, err) = run(dir.path(), &["match", "claims"]);
    assert_eq!(code, 1);
    assert_inert("match stdout", &out, false);
    assert_inert("match stderr", &err, false);

    // A file name that begins a line of the report needs no control character to be a command.
    let bare = "::error file=a::pwned.yaml";
    std::fs::write(dir.path().join(bare), "schema_version: 2\n").unwrap();
    let (code, out, _) = run(dir.path(), &["validate", bare]);
    assert_eq!(code, 1);
    assert_inert("validate bare file name", &out, false);
    assert!(
        String::from_utf8_lossy(&out).starts_with("\\u{3a}:error file=a::pwned.yaml:1:"),
        "{}",
        String::from_utf8_lossy(&out)
    );
}

#[test]
fn usage_errors_show_the_arguments_they_quote_escaped() {
    // pre-commit passes changed file names as arguments; one that starts with `-` is an unknown flag to clap,
    // which quotes it in its error.
    let dir = tempfile::tempdir().unwrap();
    let flag = format!("--{HOSTILE}");
    let (code, out, err) = run(dir.path(), &["validate", &flag]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_inert("clap error", &err, false);
    let err = String::from_utf8_lossy(&err);
    assert!(
        err.contains("unexpected argument") && err.contains("x\\n::error"),
        "{err}"
    );
    // Help and version still print normally, on stdout, with exit 0.
    let (code, out, _) = run(dir.path(), &["validate", "--help"]);
    assert_eq!(code, 0);
    assert!(String::from_utf8_lossy(&out).contains("Usage: claimtrail validate"));
}

#[test]
fn policy_keys_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::extracted_claim_file(dir.path(), "pier");
    for policy in [
        format!("[severity]\n{} = \"off\"\n", quoted(HOSTILE)),
        format!("{} = 1\n", quoted(HOSTILE)),
    ] {
        std::fs::write(dir.path().join("claimtrail.toml"), &policy).unwrap();
        let (code, out, err) = run(dir.path(), &["check"]);
        assert_eq!(code, 2, "{policy}: {}", String::from_utf8_lossy(&err));
        assert_inert("check stdout", &out, false);
        assert_inert("policy error", &err, false);
        assert!(
            String::from_utf8_lossy(&err).contains("claimtrail.toml"),
            "{}",
            String::from_utf8_lossy(&err)
        );
    }
}

#[test]
fn registry_keys_and_values_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::extracted_claim_file(dir.path(), "pier");
    std::fs::write(
        dir.path().join("claims/sources.yaml"),
        format!(
            "schema_version: 1\nsources:\n  - id: herald\n    name: {h}\n    type: {h}\n    role: secondary\n{h}: 1\n",
            h = quoted(HOSTILE)
        ),
    )
    .unwrap();
    for format in ["text", "github"] {
        let (code, out, err) = run(dir.path(), &["check", "--format", format]);
        assert_eq!(code, 1, "{}", String::from_utf8_lossy(&out));
        assert_inert("check registry findings", &out, format == "github");
        assert_inert("check stderr", &err, false);
        assert!(
            String::from_utf8_lossy(&out).contains("sources.yaml"),
            "{}",
            String::from_utf8_lossy(&out)
        );
    }
    // `extract` stops on a broken registry (exit 2), quoting it on stderr.
    let (code, out, err) = run(dir.path(), &["extract", "pier.txt"]);
    assert_eq!(code, 2);
    assert_inert("extract stdout", &out, false);
    assert_inert("extract registry error", &err, false);
    assert!(String::from_utf8_lossy(&err).contains("source registry"));
}

#[test]
fn match_shows_claim_texts_escaped_in_its_grouped_report() {
    // The same hostile sentence in two articles' claim files: a pair at 1.0, both texts shown.
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims");
    let text = format!(
        "{HOSTILE} The harbor officials closed the north pier on Monday after engineers found cracks."
    );
    for id in ["harbor-daily", "port-wire"] {
        let spec = Spec {
            text: &text,
            attribution: Vec::new(),
            hedge: NO_HEDGE,
        };
        write_claim_file(&claims, id, None, vec![spec]);
    }
    let (code, out, err) = run(dir.path(), &["match", "claims"]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    assert_inert("match text", &out, false);
    assert_inert("match stderr", &err, false);
    let report = String::from_utf8_lossy(&out);
    assert_eq!(
        report.lines().count(),
        5,
        "two groups of a header and a candidate:\n{report}"
    );
    assert!(
        report.contains("x\\n::error file=a::pwned\\r::add-mask::"),
        "{report}"
    );
    // JSON keeps the exact text.
    let (_, out, _) = run(dir.path(), &["match", "claims", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["claims"][0]["text"], text.as_str());
}
