//! Resource limits: extraction refuses what the other commands would refuse, and adversarial text stays linear.

use std::time::Duration;

use crate::support::{ARTICLE, claimtrail};

/// Runs `claimtrail extract --max-claim-size LIMIT ARGS…`, asserts exit 1 and nothing on stdout, and returns
/// stderr.
fn refused(limit: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = claimtrail()
        .args(["extract", "--max-claim-size", limit])
        .args(args)
        .assert()
        .code(1)
        .stdout("");
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

#[test]
fn extract_refuses_a_claim_file_over_the_limit_the_other_commands_read() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("pier.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let out = dir.path().join("claims");
    let into_out = [article.as_os_str(), "-o".as_ref(), out.as_os_str()];

    // 2000 bytes: found while the claim file is written; 1000: below the size of its sentences plus the smallest
    // records, refused right after segmentation. Either way nothing is written.
    for limit in ["2000", "1000"] {
        let stderr = refused(limit, &into_out);
        assert!(
            stderr.contains("error[too-large]")
                && stderr.contains(&format!("would be over {limit} bytes")),
            "{stderr}"
        );
        assert!(
            std::fs::read_dir(&out).map_or(true, |mut d| d.next().is_none()),
            "something was written"
        );
    }

    // Standard output gets nothing either, rather than a truncated claim file.
    for format in ["yaml", "json"] {
        let args = [
            article.as_os_str(),
            "--stdout".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
        ];
        refused("2000", &args);
    }

    // Within the limit it is written; re-extraction under a smaller limit leaves the existing file alone.
    crate::support::extract_into(&article, &out).success();
    let file = out.join("pier.yaml");
    let before = std::fs::read(&file).unwrap();
    let stderr = refused("2000", &into_out);
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
