//! Resource limits: extraction refuses what the other commands would refuse, and adversarial text stays linear.

use std::time::Duration;

use crate::support::{ARTICLE, claimtrail};

#[test]
fn extract_refuses_a_claim_file_over_the_limit_the_other_commands_read() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("pier.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let out = dir.path().join("claims");
    let refused = claimtrail()
        .args(["extract", "--max-claim-size", "2000", "-o"])
        .arg(&out)
        .arg(&article)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert!(
        stderr.contains("error[too-large]") && stderr.contains("would be over 2000 bytes"),
        "{stderr}"
    );
    assert!(
        std::fs::read_dir(&out).map_or(true, |mut d| d.next().is_none()),
        "something was written"
    );

    // Below the size of its sentences plus the smallest records, it is refused before attribution, the same way.
    let early = claimtrail()
        .args(["extract", "--max-claim-size", "1000", "-o"])
        .arg(&out)
        .arg(&article)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&early.get_output().stderr).into_owned();
    assert!(stderr.contains("would be over 1000 bytes"), "{stderr}");

    // Standard output gets nothing either, rather than a truncated claim file.
    let printed = claimtrail()
        .args(["extract", "--max-claim-size", "2000", "--stdout"])
        .arg(&article)
        .assert()
        .code(1);
    assert!(printed.get_output().stdout.is_empty());
    for format in ["yaml", "json"] {
        claimtrail()
            .args([
                "extract",
                "--max-claim-size",
                "2000",
                "--stdout",
                "--format",
                format,
            ])
            .arg(&article)
            .assert()
            .code(1)
            .stdout("");
    }

    // Within the limit it is written; re-extraction under a smaller limit leaves the existing file alone.
    claimtrail()
        .arg("extract")
        .arg(&article)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let file = out.join("pier.yaml");
    let before = std::fs::read(&file).unwrap();
    let again = claimtrail()
        .args(["extract", "--max-claim-size", "2000", "-o"])
        .arg(&out)
        .arg(&article)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&again.get_output().stderr).into_owned();
    assert!(
        stderr.contains("pier.yaml") && stderr.contains("error[too-large]"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn extract_and_validate_default_to_the_same_size_limit() {
    let help = |cmd: &str| {
        let out = claimtrail().args([cmd, "--help"]).assert().success();
        String::from_utf8_lossy(&out.get_output().stdout).into_owned()
    };
    let limit = claimtrail::validate::DEFAULT_MAX_FILE_SIZE.to_string();
    let extract = help("extract");
    let validate = help("validate");
    assert_eq!(
        extract.matches(&format!("[default: {limit}]")).count(),
        2,
        "{extract}"
    );
    assert!(
        validate.contains(&format!("[default: {limit}]")),
        "{validate}"
    );
}

/// A hang guard, not a speed measurement (that is `benches/adversarial.sh`): before segmentation blanked out
/// dense runs of unclosed quote marks, 640,000 of them took 13–39 s (quadratic); these 1,280,000 now take
/// a few hundredths of a second, and the bound is hundreds of times that.
#[test]
fn long_runs_of_unclosed_quote_marks_do_not_stall_segmentation_or_extraction() {
    let dir = tempfile::tempdir().unwrap();
    for (i, mark) in ["«", "“", "'"].into_iter().enumerate() {
        let article = dir.path().join(format!("q{i}.txt"));
        std::fs::write(&article, format!("{}\n", mark.repeat(1_280_000))).unwrap();
        claimtrail()
            .arg("split")
            .arg(&article)
            .timeout(Duration::from_secs(20))
            .assert()
            .success();
        claimtrail()
            .args(["extract", "--stdout"])
            .arg(&article)
            .timeout(Duration::from_secs(20))
            .assert()
            .success();
    }
}
