//! `claimtrail audit` and the README quick start: the bundled example is up to date with the extractor.

use std::path::Path;

use crate::support::claimtrail;

/// Copies `examples/article.txt` and `claims/` into a temporary directory, as a fresh checkout would have them.
fn checkout() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("examples")).unwrap();
    std::fs::copy(
        repo.join("examples/article.txt"),
        dir.path().join("examples/article.txt"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("claims")).unwrap();
    for entry in std::fs::read_dir(repo.join("claims")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.path().join("claims").join(p.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn quick_start_audit_shows_claims_and_findings_without_changing_the_committed_example() {
    let dir = checkout();
    let before = std::fs::read(dir.path().join("claims/ambassador-recall.yaml")).unwrap();
    let out = claimtrail()
        .current_dir(dir.path())
        .args(["audit", "examples/article.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the example has real findings:\n{stdout}\n{stderr}"
    );
    assert!(
        stderr.contains("claims/ambassador-recall.yaml: unchanged"),
        "claims/ambassador-recall.yaml is stale: run `cargo run -- extract examples/article.txt` and commit it\n{stderr}"
    );
    assert_eq!(
        before,
        std::fs::read(dir.path().join("claims/ambassador-recall.yaml")).unwrap()
    );
    assert!(
        stdout.contains("claims/ambassador-recall.yaml: "),
        "{stdout}"
    );
    assert!(stdout.contains("Interfax (secondary)"), "{stdout}");
    assert!(
        stdout.contains("error[single-secondary-source]"),
        "{stdout}"
    );
    assert!(stdout.contains("warning[unattributed-hedge]"), "{stdout}");
}

#[test]
fn the_committed_claims_directory_is_valid() {
    claimtrail()
        .arg("validate")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("claims"))
        .assert()
        .success();
}

#[test]
fn audit_refuses_stdout() {
    let dir = checkout();
    claimtrail()
        .current_dir(dir.path())
        .args(["audit", "--stdout", "examples/article.txt"])
        .assert()
        .code(2);
}

#[test]
fn audit_refuses_articles_that_share_a_document_id() {
    let dir = checkout();
    let article = std::fs::read_to_string(dir.path().join("examples/article.txt")).unwrap();
    // The copy keeps the example's front-matter id, so both would write claims/ambassador-recall.yaml.
    std::fs::write(dir.path().join("examples/copy.txt"), &article).unwrap();
    let before = std::fs::read(dir.path().join("claims/ambassador-recall.yaml")).unwrap();
    let out = claimtrail()
        .current_dir(dir.path())
        .args(["audit", "examples/article.txt", "examples/copy.txt"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "examples/copy.txt:1:1: error[duplicate-document-id] document id `ambassador-recall`"
        ) && stderr.contains("also the id of examples/article.txt"),
        "{stderr}"
    );
    assert_eq!(
        before,
        std::fs::read(dir.path().join("claims/ambassador-recall.yaml")).unwrap()
    );
    assert!(!dir.path().join("claims/copy.yaml").exists());
}
