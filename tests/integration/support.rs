//! Shared helpers for the CLI tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// An article written for these tests (not third-party text).
pub const ARTICLE: &str = "Harbor officials closed the north pier on Monday, the port authority said in a statement.\n\nThe pier had reportedly been cracking for months. \"We will probably reopen it in spring,\" harbor master Lena Ortiz told reporters.\n\nThe city council approved the repair budget on Tuesday.\n";

/// The `claimtrail` binary with a fixed date, so output is reproducible.
pub fn claimtrail() -> Command {
    let mut cmd = Command::cargo_bin("claimtrail").expect("binary is built");
    cmd.env("SOURCE_DATE_EPOCH", "1795000000")
        .env_remove("RUST_LOG");
    cmd
}

/// Writes `ARTICLE` as `<dir>/<id>.txt` and extracts it into `<dir>/claims/`; returns the claim file's path.
pub fn extracted_claim_file(dir: &Path, id: &str) -> PathBuf {
    let article = dir.join(format!("{id}.txt"));
    std::fs::write(&article, ARTICLE).unwrap();
    claimtrail()
        .arg("extract")
        .arg(&article)
        .arg("-o")
        .arg(dir.join("claims"))
        .assert()
        .success();
    dir.join("claims").join(format!("{id}.yaml"))
}

/// Replaces the first occurrence of `from` in the file, failing the test when it is absent.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.contains(from),
        "{from:?} not in {}:\n{text}",
        path.display()
    );
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The 1-based number of the first line containing `needle`.
pub fn line_of(path: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{needle:?} not found"))
}

/// Runs `claimtrail validate <args>` and returns (exit code, stdout).
pub fn validate(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let out = claimtrail().arg("validate").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}
