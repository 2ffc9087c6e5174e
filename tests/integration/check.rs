//! `claimtrail check`: each rule both ways, chains, syndication, circular corroboration across files, waivers,
//! policy overrides, output formats and exit codes.

use std::path::Path;

use claimtrail::record::{ClaimRef, Corroboration, HedgeLevel, SourceKind, UrlRef, Waiver};
use serde_json::Value;

use crate::support::{
    NO_HEDGE, Spec, attribution, claimtrail, ministry, officials, reuters, save, write_claim_file,
};

/// Runs `check --format json` in `dir` on `claims/` with extra args; returns (exit code, JSON).
fn check_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let out = claimtrail()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (code, json)
}

/// Sorted `(rule, first 12 characters of the claim)` pairs, for compact assertions.
fn rules_by_claim(json: &Value) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let excerpt = f["excerpt"]
                .as_str()
                .unwrap_or("")
                .chars()
                .take(12)
                .collect::<String>();
            (f["rule"].as_str().unwrap().to_string(), excerpt)
        })
        .collect();
    v.sort();
    v
}

fn claims_dir(dir: &Path) -> std::path::PathBuf {
    dir.join("claims")
}

const REGISTRY: &str = "schema_version: 1\nsources:\n  - id: herald\n    name: Hollin Herald\n    type: outlet\n    role: secondary\n    republishes: [reuters]\n  - id: rumour-mill\n    name: Rumour Mill\n    type: outlet\n    role: secondary\n    reliability: deprecated\n";

fn wire_claims(dir: &Path) -> claimtrail::record::ClaimFile {
    std::fs::create_dir_all(claims_dir(dir)).unwrap();
    std::fs::write(claims_dir(dir).join("sources.yaml"), REGISTRY).unwrap();
    write_claim_file(
        &claims_dir(dir),
        "wire",
        Some("Example Wire"),
        vec![
            Spec {
                text: "Bridge closes for repairs in March, Reuters reported.",
                attribution: vec![reuters()],
                hedge: NO_HEDGE,
            },
            Spec {
                text: "Ministry confirms the bridge closure, the ministry said in a statement.",
                attribution: vec![ministry()],
                hedge: NO_HEDGE,
            },
            Spec {
                text: "Officials said the repairs would take weeks.",
                attribution: vec![officials()],
                hedge: NO_HEDGE,
            },
            Spec {
                text: "Talks stalled, Reuters reported, citing a White House official.",
                attribution: vec![attribution(
                    "a White House official",
                    SourceKind::Unknown,
                    None,
                    true,
                    &["Reuters"],
                )],
                hedge: NO_HEDGE,
            },
            Spec {
                text: "The contractor had reportedly underbid.",
                attribution: vec![],
                hedge: (HedgeLevel::Reported, &["reportedly"]),
            },
            Spec {
                text: "The closure follows alleged safety lapses.",
                attribution: vec![],
                hedge: (HedgeLevel::Alleged, &["alleged"]),
            },
            Spec {
                text: "Traffic will probably divert through the old town.",
                attribution: vec![],
                hedge: (HedgeLevel::Speculative, &["probably"]),
            },
            Spec {
                text: "Tolls rise next year, the Rumour Mill reported.",
                attribution: vec![attribution(
                    "Rumour Mill",
                    SourceKind::Secondary,
                    None,
                    false,
                    &[],
                )],
                hedge: NO_HEDGE,
            },
            Spec {
                text: "Ferries will run extra trips, the Evening Post reported.",
                attribution: vec![attribution(
                    "Evening Post",
                    SourceKind::Secondary,
                    None,
                    false,
                    &[],
                )],
                hedge: NO_HEDGE,
            },
        ],
    )
}

#[test]
fn each_rule_flags_what_it_should_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    wire_claims(dir.path());
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 1, "{json:#}");
    let got = rules_by_claim(&json);
    let want: Vec<(String, String)> = [
        ("anonymous-only", "Officials sa"),
        ("anonymous-only", "Talks stalle"),
        ("single-secondary-source", "Bridge close"),
        ("single-secondary-source", "Ferries will"),
        // Reuters citing an anonymous official: the claim reached the publisher only through Reuters.
        ("single-secondary-source", "Talks stalle"),
        ("single-secondary-source", "Tolls rise n"),
        ("unattributed-hedge", "The contract"),
        ("unknown-source", "Ferries will"),
        ("unreliable-source", "Tolls rise n"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(got, want, "{json:#}");
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "single-secondary-source")
        .unwrap();
    assert_eq!(f["origins"], serde_json::json!(["Reuters"]));
    assert_eq!(f["sources"], serde_json::json!(["Reuters (secondary)"]));
    assert_eq!(f["document"], "wire");
    assert!(f["line"].as_u64().unwrap() > 10 && f["column"] == 5);
    let rel = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "unreliable-source")
        .unwrap();
    assert_eq!(rel["severity"], "error", "deprecated sources are errors");
    assert_eq!(json["summary"]["claims"], 9);
}

fn corroborate(dir: &Path, doc: &str, claim_index: usize, with: Corroboration) {
    let path = claims_dir(dir).join(format!("{doc}.yaml"));
    let mut file =
        claimtrail::validate::parse_claim_file("x", &std::fs::read_to_string(&path).unwrap())
            .unwrap();
    file.claims[claim_index].corroboration.push(with);
    save(&claims_dir(dir), &file);
}

fn rules_on(json: &Value, prefix: &str) -> Vec<String> {
    rules_by_claim(json)
        .into_iter()
        .filter(|(_, e)| prefix.starts_with(e.as_str()))
        .map(|(r, _)| r)
        .collect()
}

#[test]
fn an_independent_second_origin_satisfies_single_secondary_source() {
    let dir = tempfile::tempdir().unwrap();
    wire_claims(dir.path());
    corroborate(
        dir.path(),
        "wire",
        0,
        Corroboration::Url(UrlRef {
            url: "https://example.org/ap".into(),
            source: "ap".into(),
            kind: SourceKind::Secondary,
            note: None,
        }),
    );
    let (_, json) = check_json(dir.path(), &[]);
    assert!(rules_on(&json, "Bridge closes").is_empty(), "{json:#}");
    // A policy can demand more origins.
    std::fs::write(
        dir.path().join("claimtrail.toml"),
        "min_independent_origins = 3\n",
    )
    .unwrap();
    let (_, json) = check_json(dir.path(), &[]);
    assert_eq!(
        rules_on(&json, "Bridge closes"),
        ["single-secondary-source"],
        "{json:#}"
    );
    let msg = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "single-secondary-source")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.contains("2 independent secondary origins") && msg.contains("asks for 3"),
        "{msg}"
    );
}

#[test]
fn a_syndicated_copy_is_circular_not_corroboration() {
    let dir = tempfile::tempdir().unwrap();
    wire_claims(dir.path());
    corroborate(
        dir.path(),
        "wire",
        0,
        Corroboration::Url(UrlRef {
            url: "https://example.org/herald".into(),
            source: "herald".into(),
            kind: SourceKind::Secondary,
            note: None,
        }),
    );
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let mut rules = rules_on(&json, "Bridge closes");
    rules.sort();
    assert_eq!(
        rules,
        ["circular-corroboration", "single-secondary-source"],
        "{json:#}"
    );
}

#[test]
fn circular_corroboration_is_followed_across_files() {
    let dir = tempfile::tempdir().unwrap();
    let wire = wire_claims(dir.path());
    let other = write_claim_file(
        &claims_dir(dir.path()),
        "daily",
        Some("Daily Example"),
        vec![
            Spec {
                text: "The bridge will shut in March for repairs, Reuters said.",
                attribution: vec![reuters()],
                hedge: NO_HEDGE,
            },
            Spec {
                text: "The bridge shuts in March, the ministry told the Daily.",
                attribution: vec![ministry()],
                hedge: NO_HEDGE,
            },
        ],
    );
    let reference = |i: usize| {
        Corroboration::Claim(ClaimRef {
            claim: format!("daily#{}", other.claims[i].id),
            status: None,
            note: None,
        })
    };
    corroborate(dir.path(), "wire", 0, reference(0));
    let (_, json) = check_json(dir.path(), &[]);
    let mut rules = rules_on(&json, "Bridge closes");
    rules.sort();
    assert_eq!(
        rules,
        ["circular-corroboration", "single-secondary-source"],
        "{json:#}"
    );
    let circ = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "circular-corroboration")
        .unwrap();
    assert!(
        circ["message"]
            .as_str()
            .unwrap()
            .contains("traces back to Reuters"),
        "{circ:#}"
    );

    // The ministry's own statement, reported in the other article, is primary: the claim is satisfied.
    let path = claims_dir(dir.path()).join("wire.yaml");
    let mut file =
        claimtrail::validate::parse_claim_file("x", &std::fs::read_to_string(&path).unwrap())
            .unwrap();
    file.claims[0].corroboration = vec![reference(1)];
    save(&claims_dir(dir.path()), &file);
    let (_, json) = check_json(dir.path(), &[]);
    assert!(rules_on(&json, "Bridge closes").is_empty(), "{json:#}");
    assert_eq!(wire.claims.len(), 9);
}

#[test]
fn waivers_need_a_reason_and_a_real_rule() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = wire_claims(dir.path());
    file.claims[0].review.waivers = vec![Waiver {
        rule: "single-secondary-source".into(),
        reason: Some("Reuters filed from the scene.".into()),
    }];
    file.claims[2].review.waivers = vec![Waiver {
        rule: "anonymous-only".into(),
        reason: None,
    }];
    file.claims[4].review.waivers = vec![Waiver {
        rule: "single-source".into(),
        reason: Some("typo".into()),
    }];
    save(&claims_dir(dir.path()), &file);
    let (_, json) = check_json(dir.path(), &[]);
    assert!(
        rules_on(&json, "Bridge closes").is_empty(),
        "waived:\n{json:#}"
    );
    assert_eq!(json["summary"]["waived"], 1);
    let mut officials = rules_on(&json, "Officials said");
    officials.sort();
    assert_eq!(
        officials,
        ["anonymous-only", "waiver-without-reason"],
        "a reasonless waiver waives nothing"
    );
    assert!(rules_on(&json, "The contractor").contains(&"unknown-waiver".to_string()));
}

#[test]
fn policy_sets_severities_and_strict_fails_on_warnings() {
    let dir = tempfile::tempdir().unwrap();
    wire_claims(dir.path());
    std::fs::write(
        dir.path().join("claimtrail.toml"),
        "[severity]\nsingle-secondary-source = \"warning\"\nunreliable-source = \"off\"\nunknown-source = \"off\"\n",
    )
    .unwrap();
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 0, "only warnings left:\n{json:#}");
    assert_eq!(json["valid"], true);
    assert_eq!(json["summary"]["errors"], 0);
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"] != "unreliable-source")
    );
    let (code, _) = check_json(dir.path(), &["--strict"]);
    assert_eq!(code, 1);
    std::fs::write(
        dir.path().join("claimtrail.toml"),
        "[severity]\nno-such-rule = \"off\"\n",
    )
    .unwrap();
    let out = claimtrail()
        .current_dir(dir.path())
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule `no-such-rule`"));
}

#[test]
fn policy_excludes_paths_and_integrity_problems_are_findings() {
    let dir = tempfile::tempdir().unwrap();
    wire_claims(dir.path());
    std::fs::create_dir_all(claims_dir(dir.path()).join("drafts")).unwrap();
    std::fs::write(
        claims_dir(dir.path()).join("drafts/broken.yaml"),
        "schema_version: [\n",
    )
    .unwrap();
    let (_, json) = check_json(dir.path(), &[]);
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "yaml-syntax"),
        "{json:#}"
    );
    std::fs::write(
        dir.path().join("claimtrail.toml"),
        "exclude = [\"claims/drafts/**\"]\n",
    )
    .unwrap();
    let (_, json) = check_json(dir.path(), &[]);
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"] != "yaml-syntax"),
        "{json:#}"
    );
    // Tampering is reported by check alone.
    let path = claims_dir(dir.path()).join("wire.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("in March", "in April");
    std::fs::write(&path, text).unwrap();
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "hash-mismatch")
    );
}

#[test]
fn text_and_github_formats_show_location_rule_claim_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    wire_claims(dir.path());
    let out = claimtrail()
        .current_dir(dir.path())
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let i = text.find("error[single-secondary-source]").unwrap();
    let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
    assert!(
        text[line_start..].starts_with("claims/wire.yaml:"),
        "{text}"
    );
    assert!(text[i..].contains("\n    claim: \"Bridge closes for repairs in March, Reuters reported.\"\n    sources: Reuters (secondary)\n    origins: Reuters\n"), "{text}");
    assert!(
        text.trim_end()
            .ends_with("2 files, 9 claims checked: 5 errors, 3 warnings, 1 info in 1 file"),
        "{text}"
    );

    let out = claimtrail()
        .current_dir(dir.path())
        .args(["check", "--format", "github"])
        .output()
        .unwrap();
    let gh = String::from_utf8(out.stdout).unwrap();
    assert!(
        gh.lines()
            .any(|l| l.starts_with("::error file=claims/wire.yaml,line=")
                && l.contains("title=claimtrail single-secondary-source::")),
        "{gh}"
    );
    assert!(
        gh.lines().any(|l| l.starts_with("::notice ")),
        "info findings are notices"
    );
}

#[test]
fn exit_codes_follow_linter_conventions() {
    let dir = tempfile::tempdir().unwrap();
    write_claim_file(
        &claims_dir(dir.path()),
        "clean",
        None,
        vec![Spec {
            text: "The ministry said the bridge reopens in May.",
            attribution: vec![attribution(
                "the ministry",
                SourceKind::Primary,
                None,
                false,
                &[],
            )],
            hedge: NO_HEDGE,
        }],
    );
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!((code, json["valid"].as_bool()), (0, Some(true)), "{json:#}");
    claimtrail()
        .current_dir(dir.path())
        .args(["check", "nope"])
        .assert()
        .code(2);
    claimtrail()
        .current_dir(dir.path())
        .args(["check", "--format", "yaml"])
        .assert()
        .code(2);
    claimtrail()
        .current_dir(dir.path())
        .args(["check", "--policy", "missing.toml"])
        .assert()
        .code(2);
}

#[test]
fn rule_pages_are_printed_and_docs_are_fresh() {
    let out = claimtrail()
        .args(["rule", "single-secondary-source"])
        .output()
        .unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    for heading in [
        "## What it flags",
        "## Why",
        "## Example",
        "## How to fix",
        "## How to waive",
    ] {
        assert!(page.contains(heading), "{heading} missing:\n{page}");
    }
    claimtrail().args(["rule", "nonsense"]).assert().code(2);
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    for rule in claimtrail::check::rules::RULES {
        let committed = std::fs::read_to_string(docs.join(format!("{}.md", rule.id)))
            .unwrap_or_else(|_| {
                panic!(
                    "docs/rules/{}.md missing: run `cargo run -- rule --write-docs`",
                    rule.id
                )
            });
        assert_eq!(
            committed,
            claimtrail::check::rules::doc(rule),
            "docs/rules/{}.md is stale: run `cargo run -- rule --write-docs`",
            rule.id
        );
    }
}

/// The seed article (read from ../shared, never copied into the repository): the three sentences that rest on
/// Interfax alone are `single-secondary-source`, the "reportedly" sentence is `unattributed-hedge`, and the quoted
/// Sullivan, Peskov and Kremlin sentences get nothing at all.
#[test]
fn seed_article_flags_exactly_the_interfax_and_reportedly_sentences() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/seed/000_16df3a2c8626d0c3.txt");
    if !seed.is_file() {
        eprintln!("skipped: {} not found", seed.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    claimtrail()
        .arg("extract")
        .arg(&seed)
        .args(["--id", "seed", "-o"])
        .arg(claims_dir(dir.path()))
        .assert()
        .success();
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let flagged: Vec<(String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["excerpt"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = [
        (
            "unattributed-hedge",
            "The envoy had reportedly refused to leave",
        ),
        (
            "single-secondary-source",
            "The United States’ Ambassador to Russia",
        ),
        (
            "single-secondary-source",
            "Sullivan departed from Moscow’s Sheremetyevo",
        ),
        (
            "single-secondary-source",
            "Sullivan is taking a connecting flight",
        ),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(flagged.len(), expected.len(), "{flagged:#?}");
    for ((rule, excerpt), (want_rule, want_start)) in flagged.iter().zip(&expected) {
        assert!(
            rule == want_rule && excerpt.starts_with(want_start.as_str()),
            "{flagged:#?}"
        );
    }
    for quiet in [
        "In a statement Monday, Sullivan",
        "Kremlin spokesman Dmitry Peskov",
        "\"If as a result",
        "At the same time, the Kremlin",
    ] {
        assert!(
            json["findings"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| !f["excerpt"].as_str().unwrap().starts_with(quiet)),
            "nothing may be reported on {quiet:?}:\n{json:#}"
        );
    }
}
