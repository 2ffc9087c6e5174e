//! The committed JSON Schemas: fresh, and usable by other tools.

use crate::support::{claimtrail, edit, extracted_claim_file};

fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn committed_schemas_match_the_generated_ones() {
    let out = claimtrail()
        .args(["schema", "--check"])
        .arg(repo("schemas"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "schemas/ is stale; run `cargo run -- schema --write`:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    for (kind, file) in [
        ("claim-file", "claim-file.schema.json"),
        ("sources", "sources.schema.json"),
    ] {
        let printed = claimtrail().args(["schema", kind]).output().unwrap().stdout;
        assert_eq!(
            printed,
            std::fs::read(repo("schemas").join(file)).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn schema_check_fails_on_drift() {
    let dir = tempfile::tempdir().unwrap();
    claimtrail()
        .args(["schema", "--write"])
        .arg(dir.path())
        .assert()
        .success();
    claimtrail()
        .args(["schema", "--check"])
        .arg(dir.path())
        .assert()
        .success();
    edit(
        &dir.path().join("sources.schema.json"),
        "\"sources\"",
        "\"sourcez\"",
    );
    claimtrail()
        .args(["schema", "--check"])
        .arg(dir.path())
        .assert()
        .code(1);
}

/// `check-jsonschema` (found via $CHECK_JSONSCHEMA or PATH; `.ci/run` installs it) accepts our files and rejects
/// broken ones with the committed schemas. Skipped when the tool is not installed.
#[test]
fn check_jsonschema_accepts_examples_and_rejects_broken_files() {
    let tool = std::env::var("CHECK_JSONSCHEMA").unwrap_or_else(|_| "check-jsonschema".into());
    if std::process::Command::new(&tool)
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: check-jsonschema not installed (set CHECK_JSONSCHEMA)");
        return;
    }
    let run = |schema: &str, file: &std::path::Path| {
        std::process::Command::new(&tool)
            .arg("--schemafile")
            .arg(repo("schemas").join(schema))
            .arg(file)
            .output()
            .unwrap()
            .status
            .code()
    };
    for entry in std::fs::read_dir(repo("claims")).unwrap() {
        let path = entry.unwrap().path();
        let schema = if path.file_stem().unwrap() == "sources" {
            "sources.schema.json"
        } else {
            "claim-file.schema.json"
        };
        assert_eq!(
            run(schema, &path),
            Some(0),
            "check-jsonschema rejects {}",
            path.display()
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let file = extracted_claim_file(dir.path(), "pier");
    assert_eq!(run("claim-file.schema.json", &file), Some(0));
    edit(&file, "status: unreviewed", "status: pending");
    assert_eq!(run("claim-file.schema.json", &file), Some(1));
}

#[test]
fn help_shows_the_schema_name_as_required() {
    let out = claimtrail().args(["schema", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.contains("Usage: claimtrail schema <WHICH>\n"),
        "{help}"
    );
    assert!(help.contains("claimtrail schema --write [<DIR>]"), "{help}");
    let out = claimtrail().arg("schema").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
