//! Writes that respect the user and each other: file modes, leftovers of killed runs, concurrent runs, empty
//! inputs.

use std::time::Duration;

use crate::support::{ARTICLE, extract_into, extracted_claim_file};

#[cfg(unix)]
#[test]
fn new_claim_files_follow_the_umask_and_re_extraction_keeps_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("pier.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let out = dir.path().join("claims");
    // umask 022: a new file is 0644 (tempfile alone made it 0600).
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" extract \"$1\" -o \"$2\"")
        .arg(assert_cmd::cargo::cargo_bin("claimtrail"))
        .arg(&article)
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .status()
        .unwrap();
    assert!(status.success());
    let file = out.join("pier.yaml");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&file), 0o644);
    // A team's 0664 file stays 0664 when re-extraction rewrites it.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o664)).unwrap();
    std::fs::write(&article, ARTICLE.replace("Tuesday", "Wednesday")).unwrap();
    extract_into(&article, &out).success();
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Wednesday")
    );
    assert_eq!(mode(&file), 0o664);
}

#[test]
fn temp_files_of_a_killed_run_are_removed_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let file = extracted_claim_file(dir.path(), "pier");
    let claims = file.parent().unwrap();
    let stale = claims.join(".claimtrail-Xq3kPz.tmp");
    std::fs::write(&stale, "half a claim file").unwrap();
    extract_into(&dir.path().join("pier.txt"), claims)
        .success()
        .stderr(predicates::str::contains(
            "removed 1 temporary file(s) left by an interrupted run",
        ));
    assert!(!stale.exists());
    assert!(file.exists());
}

#[test]
fn an_empty_input_directory_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("articles");
    std::fs::create_dir(&empty).unwrap();
    extract_into(&empty, &dir.path().join("claims"))
        .success()
        .stderr(predicates::str::contains(
            "warning: no articles (*.txt, *.md) found in",
        ));
}

#[cfg(target_os = "linux")]
#[test]
fn a_second_run_into_the_same_directory_waits_for_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("pier.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let out = dir.path().join("claims");
    std::fs::create_dir(&out).unwrap();
    let args = [article.as_os_str(), "-o".as_ref(), out.as_os_str()];
    waits_while_locked(&out, "extract", &args, || out.join("pier.yaml").exists());
}

/// Runs `claimtrail COMMAND ARGS` while this process holds `dir`'s lock (standing in for a run in progress) and
/// asserts that it waits, says so, writes nothing (`written()` stays false) until the lock is released, then
/// succeeds.
#[cfg(target_os = "linux")]
pub(crate) fn waits_while_locked(
    dir: &std::path::Path,
    command: &str,
    args: &[&std::ffi::OsStr],
    written: impl Fn() -> bool,
) {
    let held = std::fs::File::open(dir).unwrap();
    held.lock().unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimtrail"))
        .arg(command)
        .args(args)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the second run must wait while the directory is locked"
    );
    assert!(!written());
    held.unlock().unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("waiting: another claimtrail run is writing into"),
        "{stderr}"
    );
    assert!(written());
}
