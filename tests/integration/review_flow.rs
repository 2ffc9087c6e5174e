//! The git-reviewed workflow under real editing: an article is corrected after reviewers worked on its claim file.
//! Every review must be carried to the edited sentence (and flagged for re-confirmation) or retired with its
//! sentence, never lost; and a light edit must be a small diff of the claim file.

use std::path::{Path, PathBuf};

use crate::support::{claimtrail, edit, extract_into};

/// An invented article (written for this test): several sentences per paragraph, so that an edit in one sentence
/// has neighbours whose lines must not move.
const STORY: &str = "The Dravin port authority closed the east quay on Monday after divers found cracks in its pilings, \
the authority said in a statement. Repairs will cost 4 million euros, according to the city's budget office. \
The quay handles about a third of the port's container traffic.\n\
\n\
Shipping companies were told to use the west quay until further notice, Interfax reported. \
The harbour master, Lena Ortiz, said the cracks had probably been growing for several winters. \
\"We caught it in time,\" Ortiz told reporters.\n\
\n\
The city council will vote on the repair budget on Thursday. \
Opposition councillors have asked for an independent inspection of the other quays.\n";

/// `STORY` as `<tmp>/story.txt`, extracted into `<tmp>/claims/`: (the directory, the article, the claim file).
fn extracted_story() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("story.txt");
    std::fs::write(&article, STORY).unwrap();
    extract_into(&article, &dir.path().join("claims")).success();
    let file = dir.path().join("claims/story.yaml");
    (dir, article, file)
}

fn run_extract(dir: &Path) -> String {
    let out = claimtrail()
        .arg("extract")
        .arg(dir.join("story.txt"))
        .arg("-o")
        .arg(dir.join("claims"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `check --format json` on the claims directory: (rule, claim id, pointer) of every finding.
fn findings(dir: &Path) -> Vec<(String, String, String)> {
    let out = claimtrail()
        .args(["check", "--format", "json"])
        .arg(dir.join("claims"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["claim"].as_str().unwrap_or_default().to_string(),
                f["pointer"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The claim block (from `  - id: ` to the next) that contains `needle`.
fn block<'a>(yaml: &'a str, needle: &str) -> &'a str {
    let at = yaml
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in:\n{yaml}"));
    let start = yaml[..at].rfind("  - id: ").unwrap();
    let end = yaml[at..]
        .find("\n  - id: ")
        .map_or(yaml.len(), |i| at + i + 1);
    &yaml[start..end]
}

/// The claim id of the block containing `needle`.
fn id_of(yaml: &str, needle: &str) -> String {
    block(yaml, needle)["  - id: ".len()..]
        .lines()
        .next()
        .unwrap()
        .to_string()
}

/// Lines of `old` and `new` not in their longest common subsequence: (removed, added).
fn changed_lines(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            added.push(b[j].to_string());
            j += 1;
        } else {
            removed.push(a[i].to_string());
            i += 1;
        }
    }
    (removed, added)
}

/// Gives the claim containing `needle` a review by `who`.
fn review(file: &Path, needle: &str, who: &str) {
    let yaml = std::fs::read_to_string(file).unwrap();
    let b = block(&yaml, needle);
    let reviewed = b.replacen(
        "      status: unreviewed\n",
        &format!("      status: supported\n      by: {who}\n      at: \"2026-12-01\"\n"),
        1,
    );
    assert_ne!(b, reviewed);
    std::fs::write(file, yaml.replacen(b, &reviewed, 1)).unwrap();
}

#[test]
fn a_reviewed_article_edited_three_times_loses_no_review() {
    let (dir, article, file) = extracted_story();

    // Three reviewers' work: a verdict on the cost claim (with corroboration), a waiver on the Interfax claim, a
    // verdict on the inspection claim.
    review(&file, "Repairs will cost", "ana@example.org");
    edit(
        &file,
        "    corroboration: []\n    review:\n      status: supported\n      by: ana@example.org",
        "    corroboration:\n      - url: https://example.org/budget\n        source: Dravin budget office\n        kind: primary\n    review:\n      status: supported\n      by: ana@example.org",
    );
    review(&file, "use the west quay", "ben@example.org");
    edit(
        &file,
        "      by: ben@example.org\n      at: \"2026-12-01\"\n",
        "      by: ben@example.org\n      at: \"2026-12-01\"\n      waivers:\n        - rule: single-secondary-source\n          reason: Confirmed by phone with the shipping line.\n",
    );
    review(&file, "independent inspection", "cy@example.org");
    let reviewed = std::fs::read_to_string(&file).unwrap();
    let cost_id = id_of(&reviewed, "Repairs will cost");
    let west_id = id_of(&reviewed, "use the west quay");
    let before = findings(dir.path());
    assert!(
        !before.iter().any(|f| f.0 == "single-secondary-source"),
        "waived: {before:?}"
    );

    // 1. A typo is fixed in a reviewed sentence: only that claim's lines (and the article digest) change.
    std::fs::write(
        &article,
        STORY.replace("west quay until", "west quay untill"),
    )
    .unwrap();
    run_extract(dir.path());
    let typo = std::fs::read_to_string(&file).unwrap();
    let (removed, added) = changed_lines(&reviewed, &typo);
    let west = block(&typo, "use the west quay");
    let west_before = block(&reviewed, "use the west quay");
    for l in &added {
        assert!(
            west.lines().any(|w| w == l) || l.starts_with("  text_sha256: "),
            "line {l:?} changed outside the edited claim:\n{typo}"
        );
    }
    for l in &removed {
        assert!(
            west_before.lines().any(|w| w == l) || l.starts_with("  text_sha256: "),
            "line {l:?} removed outside the edited claim"
        );
    }
    // id, hash, text, the mention's offsets after the typo, the digest of the attribution, the article digest,
    // and the five lines of the new `changed` block.
    assert!(
        removed.len() <= 7 && added.len() <= 12,
        "a typo fix is a small diff: -{removed:?} +{added:?}"
    );
    // The waiver came along, marked for re-confirmation with the earlier wording.
    assert!(west.contains("reason: Confirmed by phone"), "{west}");
    assert!(
        west.contains(&format!("    changed:\n      id: {west_id}\n")),
        "{west}"
    );
    assert!(
        west.contains("until further notice"),
        "earlier wording kept"
    );
    let after_typo = findings(dir.path());
    assert!(
        after_typo
            .iter()
            .any(|f| f.0 == "needs-reconfirmation" && f.2.ends_with("/changed")),
        "{after_typo:?}"
    );
    assert!(
        !after_typo.iter().any(|f| f.0 == "single-secondary-source"),
        "the waiver still applies: {after_typo:?}"
    );

    // 2. A number is corrected in another reviewed sentence.
    let edited = STORY
        .replace("west quay until", "west quay untill")
        .replace("4 million euros", "4.5 million euros");
    std::fs::write(&article, &edited).unwrap();
    let report = run_extract(dir.path());
    assert!(
        report.contains("1 edited in the article: review carried over"),
        "{report}"
    );
    let number = std::fs::read_to_string(&file).unwrap();
    let cost = block(&number, "Repairs will cost 4.5 million");
    assert!(cost.contains("by: ana@example.org"), "{cost}");
    assert!(cost.contains("url: https://example.org/budget"), "{cost}");
    assert!(cost.contains(&format!("      id: {cost_id}\n")), "{cost}");
    assert!(cost.contains("cost 4 million euros"), "{cost}");

    // 3. A reviewed sentence is deleted: its claim is retired (kept, missing), no longer judged.
    let deleted = edited.replace(
        " Opposition councillors have asked for an independent inspection of the other quays.",
        "",
    );
    std::fs::write(&article, &deleted).unwrap();
    let report = run_extract(dir.path());
    assert!(report.contains("1 no longer in the article"), "{report}");
    let last = std::fs::read_to_string(&file).unwrap();
    let gone = block(&last, "independent inspection");
    assert!(gone.contains("status: missing") && gone.contains("by: cy@example.org"));

    // None lost: all three reviews are in the file, two flagged for re-confirmation, one retired.
    for who in ["ana@example.org", "ben@example.org", "cy@example.org"] {
        assert!(last.contains(&format!("by: {who}")), "{who} lost:\n{last}");
    }
    let end = findings(dir.path());
    let rules_for = |needle: &str| -> Vec<String> {
        let id = id_of(&last, needle);
        end.iter()
            .filter(|f| f.1 == id)
            .map(|f| f.0.clone())
            .collect()
    };
    assert_eq!(rules_for("independent inspection"), ["missing-claim"]);
    assert!(rules_for("Repairs will cost").contains(&"needs-reconfirmation".to_string()));
    assert!(rules_for("use the west quay").contains(&"needs-reconfirmation".to_string()));
    claimtrail()
        .arg("validate")
        .arg(dir.path().join("claims"))
        .assert()
        .success();

    // Re-confirmed: the reviewer deletes the `changed` block and the note goes away.
    let cost_block = block(&last, "Repairs will cost 4.5 million");
    let at = cost_block.find("    changed:\n").unwrap();
    let len = cost_block[at..].find("    extracted:").unwrap();
    let confirmed = cost_block.replacen(&cost_block[at..at + len], "", 1);
    std::fs::write(&file, last.replacen(cost_block, &confirmed, 1)).unwrap();
    assert!(
        !rules_for_file(dir.path(), "Repairs will cost")
            .contains(&"needs-reconfirmation".to_string())
    );
    // And the next extraction leaves the file as it is.
    let settled = std::fs::read_to_string(&file).unwrap();
    assert!(run_extract(dir.path()).contains("unchanged"));
    assert_eq!(settled, std::fs::read_to_string(&file).unwrap());
}

fn rules_for_file(dir: &Path, needle: &str) -> Vec<String> {
    let yaml = std::fs::read_to_string(dir.join("claims/story.yaml")).unwrap();
    let id = id_of(&yaml, needle);
    findings(dir)
        .into_iter()
        .filter(|f| f.1 == id)
        .map(|f| f.0)
        .collect()
}

#[test]
fn a_light_edit_in_an_unreviewed_article_changes_only_its_claim() {
    let (dir, article, file) = extracted_story();
    let before = std::fs::read_to_string(&file).unwrap();
    // A two-byte edit early in the article (version 1 files moved every later claim's offsets: ~190 lines).
    std::fs::write(&article, STORY.replacen("on Monday", "on Sunday", 1)).unwrap();
    let report = run_extract(dir.path());
    assert!(
        report.contains("1 edited in the article (replaced)"),
        "{report}"
    );
    let after = std::fs::read_to_string(&file).unwrap();
    let (removed, added) = changed_lines(&before, &after);
    // id, hash, text and the article digest.
    assert_eq!(
        (removed.len(), added.len()),
        (4, 4),
        "-{removed:?}\n+{added:?}"
    );
    assert!(
        !after.contains("status: missing"),
        "nothing to keep when nothing was reviewed"
    );
}

#[test]
fn references_to_the_earlier_wording_still_resolve() {
    let (dir, article, file) = extracted_story();
    review(&file, "Repairs will cost", "ana@example.org");
    let old_id = id_of(
        &std::fs::read_to_string(&file).unwrap(),
        "Repairs will cost",
    );
    // A second article's claim cites the cost claim as corroboration.
    let other = dir.path().join("other.txt");
    std::fs::write(
        &other,
        "Fixing the quay will take most of the year, the port authority said.\n",
    )
    .unwrap();
    extract_into(&other, &dir.path().join("claims")).success();
    edit(
        &dir.path().join("claims/other.yaml"),
        "    corroboration: []",
        &format!("    corroboration:\n      - claim: story#{old_id}"),
    );
    std::fs::write(&article, STORY.replace("4 million", "4.2 million")).unwrap();
    run_extract(dir.path());
    let yaml = std::fs::read_to_string(&file).unwrap();
    assert_ne!(id_of(&yaml, "Repairs will cost"), old_id);
    claimtrail()
        .arg("validate")
        .arg(dir.path().join("claims"))
        .assert()
        .success();
    // The earlier wording is guarded like the text: editing it is tampering.
    edit(
        &file,
        "      text: Repairs will cost 4 million",
        "      text: Repairs will cost 3 million",
    );
    let out = claimtrail().arg("validate").arg(&file).output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(
        report.contains(
            "error[hash-mismatch] /claims/1/changed/hash: the earlier wording was edited"
        ),
        "{report}"
    );
}

#[test]
fn a_version_1_claim_file_is_upgraded_with_its_reviews_and_corrections() {
    let (dir, _, file) = extracted_story();
    let v2 = std::fs::read_to_string(&file).unwrap();
    // The same file as version 1 wrote it: absolute offsets for locations and mentions.
    let parsed: claimtrail::record::ClaimFile =
        serde_json::from_value(claimtrail::yaml::load(&v2).unwrap()).unwrap();
    let positions = claimtrail::position::positions(STORY, &parsed.document, &parsed.claims);
    let mut v1 = parsed.clone();
    v1.schema_version = 1;
    v1.document.path = None;
    for (c, p) in v1.claims.iter_mut().zip(&positions) {
        let p = p.unwrap();
        c.location.start = Some(p.start as u64);
        c.location.end = Some(p.end as u64);
        for a in &mut c.attribution {
            // Back to counting from the start of the article.
            a.shift_mentions(-(p.start as i64));
        }
        c.extracted = Some(claimtrail::extract::machine_digest(
            &c.attribution,
            &c.hedging,
        ));
    }
    // A reviewer had corrected one attribution's role by hand (the mention keeps its absolute offsets).
    let fixed = v1
        .claims
        .iter_mut()
        .find(|c| c.text.contains("Interfax reported"))
        .unwrap();
    fixed.attribution[0].role = Some("news agency".into());
    let mention = fixed.attribution[0].mention;
    std::fs::write(
        &file,
        claimtrail::yaml::claim_file_to_yaml(&v1, claimtrail::yaml::SCHEMA_COMMENT_CLAIMS),
    )
    .unwrap();
    claimtrail().arg("validate").arg(&file).assert().success();
    let report = run_extract(dir.path());
    assert!(report.contains("1 hand corrections kept"), "{report}");
    let upgraded: claimtrail::record::ClaimFile = serde_json::from_value(
        claimtrail::yaml::load(&std::fs::read_to_string(&file).unwrap()).unwrap(),
    )
    .unwrap();
    assert_eq!(upgraded.schema_version, 2);
    let c = upgraded
        .claims
        .iter()
        .find(|c| c.text.contains("Interfax reported"))
        .unwrap();
    assert_eq!(c.attribution[0].role.as_deref(), Some("news agency"));
    let m = c.attribution[0].mention;
    assert_eq!(&c.text[m.start as usize..m.end as usize], "Interfax");
    assert_ne!(m, mention, "moved to count from the sentence");
    // Everything else is what a fresh extraction writes.
    let mut expected = parsed;
    let e = expected
        .claims
        .iter_mut()
        .find(|c| c.text.contains("Interfax reported"))
        .unwrap();
    e.attribution[0].role = Some("news agency".into());
    e.extracted = c.extracted.clone();
    assert_eq!(upgraded, expected);
}

#[test]
fn findings_point_at_the_article_line_and_column() {
    let (dir, article, _) = extracted_story();
    let out = claimtrail()
        .arg("check")
        .arg(dir.path().join("claims"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    // "Shipping companies were told …, Interfax reported." rests on Interfax alone: paragraph 1, line 3, column 1.
    let finding = report
        .split("\n\n")
        .next()
        .unwrap()
        .lines()
        .skip_while(|l| !l.contains("error[single-secondary-source]"))
        .take(3)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        finding.contains(&format!("    article: {}:3:1", article.display())),
        "{report}"
    );
    // JSON carries the same place.
    let out = claimtrail()
        .args(["check", "--format", "json"])
        .arg(dir.path().join("claims"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "single-secondary-source")
        .unwrap();
    assert_eq!(f["article"]["line"], 3);
    assert_eq!(f["article"]["column"], 1);
    // A moved article: no place, no error.
    std::fs::rename(&article, dir.path().join("elsewhere.txt")).unwrap();
    let out = claimtrail()
        .arg("check")
        .arg(dir.path().join("claims"))
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("article:"));
}
