//! `check --format sarif` validated against the official OASIS SARIF 2.1.0 JSON Schema (draft-07).
//!
//! The schema is not vendored: `.ci/run` fetches it from crates.io (the `serde-sarif` crate, pinned, ships the
//! OASIS file `sarif-schema-2.1.0.json` as `src/schema.json`) and exports `SARIF_SCHEMA`. Without
//! `SARIF_SCHEMA` the test looks for that crate in the local cargo registry, and is skipped with a note when
//! the schema is nowhere to be found.
// The notes (which schema, or why the test is skipped) go to stderr on purpose.
#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};

use claimtrail::record::{HedgeLevel, SourceKind};
use serde_json::Value;

use crate::support::{
    NO_HEDGE, Spec, attribution, claimtrail, officials, reuters, write_claim_file,
};

/// `$id` of the official schema (the OASIS TC's repository copy of `sarif-schema-2.1.0.json`).
const OFFICIAL_ID_SUFFIX: &str = "/sarif-schema-2.1.0.json";

/// The SARIF schema file: `$SARIF_SCHEMA`, else `serde-sarif`'s copy in the local cargo registry.
fn schema_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SARIF_SCHEMA").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))?;
    let mut found: Vec<PathBuf> = std::fs::read_dir(cargo_home.join("registry").join("src"))
        .ok()?
        .flatten()
        .flat_map(|index| {
            std::fs::read_dir(index.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .filter(|krate| {
            krate
                .file_name()
                .to_str()
                .is_some_and(|n| n.starts_with("serde-sarif-"))
        })
        .map(|krate| krate.path().join("src").join("schema.json"))
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    found.pop()
}

/// The official schema compiled as draft-07 with format checking on, or `None` (with a note) when absent.
fn sarif_validator() -> Option<jsonschema::Validator> {
    let Some(path) = schema_path() else {
        eprintln!(
            "skipped: the SARIF 2.1.0 schema is not available (set SARIF_SCHEMA to sarif-schema-2.1.0.json; \
             .ci/run fetches it from the serde-sarif crate)"
        );
        return None;
    };
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let id = schema["$id"].as_str().unwrap_or_default();
    assert!(
        id.ends_with(OFFICIAL_ID_SUFFIX)
            && schema["$schema"] == "http://json-schema.org/draft-07/schema#",
        "{} is not the official SARIF 2.1.0 schema ($id {id:?})",
        path.display()
    );
    eprintln!("SARIF schema: {} ($id {id})", path.display());
    let schema = fix_language_pattern(schema);
    Some(
        jsonschema::draft7::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
}

/// The schema's `language` pattern `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$` has a stray `]`: ECMA-262 (Annex B)
/// reads a lone `]` as a literal, but the `jsonschema` crate's regex engine rejects the pattern. Escaping it
/// (`\]`) keeps the meaning and changes nothing else in the schema.
fn fix_language_pattern(mut schema: Value) -> Value {
    const STRAY: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    fn walk(v: &mut Value, fixed: &mut usize) {
        match v {
            Value::Object(m) => {
                if m.get("pattern").and_then(Value::as_str) == Some(STRAY) {
                    m["pattern"] = Value::from(STRAY.replace("}]?", "}\\]?"));
                    *fixed += 1;
                }
                m.values_mut().for_each(|x| walk(x, fixed));
            }
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, fixed)),
            _ => {}
        }
    }
    let mut fixed = 0;
    walk(&mut schema, &mut fixed);
    eprintln!("escaped the stray `]` in {fixed} `language` pattern(s)");
    schema
}

fn errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

const REGISTRY: &str = "schema_version: 1\nsources:\n  - id: rumour-mill\n    name: Rumour Mill\n    type: outlet\n    role: secondary\n    reliability: deprecated\n";

/// A claim file whose claims break rules of every severity; returns its path.
fn claims(dir: &Path) -> PathBuf {
    let claims = dir.join("claims");
    std::fs::create_dir_all(&claims).unwrap();
    std::fs::write(claims.join("sources.yaml"), REGISTRY).unwrap();
    write_claim_file(
        &claims,
        "wire",
        Some("Example Wire"),
        vec![
            Spec {
                text: "Bridge closes for repairs in March, Reuters reported.",
                attribution: vec![reuters()],
                hedge: NO_HEDGE,
            },
            Spec {
                text: "Officials said the repairs would take weeks.",
                attribution: vec![officials()],
                hedge: NO_HEDGE,
            },
            Spec {
                text: "The contractor had reportedly underbid.",
                attribution: vec![],
                hedge: (HedgeLevel::Reported, &["reportedly"]),
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
    );
    claims.join("wire.yaml")
}

fn run_check(dir: &Path, format: &str) -> Value {
    let out = claimtrail()
        .current_dir(dir)
        .args(["check", "--format", format])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stdout));
    })
}

#[test]
fn sarif_output_is_valid_against_the_official_schema() {
    let Some(validator) = sarif_validator() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = claims(dir.path());
    let sarif = run_check(dir.path(), "sarif");
    let errs = errors(&validator, &sarif);
    assert!(
        errs.is_empty(),
        "SARIF output violates the schema:\n{}\n{sarif:#}",
        errs.join("\n")
    );

    // Every finding of the JSON report is a SARIF result with the same rule, level and place.
    let json = run_check(dir.path(), "json");
    let findings = json["findings"].as_array().unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(findings.len() >= 5, "{json:#}");
    assert_eq!(results.len(), findings.len(), "{sarif:#}");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for f in findings {
        let rule = f["rule"].as_str().unwrap();
        let level = match f["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "note",
        };
        let r = results
            .iter()
            .find(|r| {
                r["ruleId"] == rule
                    && r["locations"][0]["physicalLocation"]["region"]["startLine"] == f["line"]
            })
            .unwrap_or_else(|| panic!("no SARIF result for {f:#}\n{sarif:#}"));
        assert_eq!(r["level"], level, "{r:#}");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], f["file"], "{r:#}");
        assert_eq!(loc["region"]["startColumn"], f["column"], "{r:#}");
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], rule, "ruleIndex points at the rule");
    }

    // The lines are those of the claims in the file, found independently of claimtrail.
    let wire: claimtrail::record::ClaimFile =
        claimtrail::validate::parse_claim_file("wire", &std::fs::read_to_string(&file).unwrap())
            .unwrap();
    let lines: Vec<String> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    // 1-based number of the first line at or after `from` whose trimmed text starts with `start` and has `has`.
    let find = |from: usize, start: &str, has: &str| -> u64 {
        (from.max(1)..=lines.len())
            .find(|&n| lines[n - 1].trim_start().starts_with(start) && lines[n - 1].contains(has))
            .unwrap_or_else(|| panic!("no line {start}..{has} from {from} in {}", file.display()))
            as u64
    };
    // A claim's findings point at its `- id:` line; registry findings at its attribution's `- name:` line.
    let claim_line = |prefix: &str| {
        let c = wire
            .claims
            .iter()
            .find(|c| c.text.starts_with(prefix))
            .unwrap();
        find(1, "- id:", &c.id)
    };
    let attribution_line = |prefix: &str, name: &str| {
        let at = claim_line(prefix) as usize;
        find(find(at, "attribution:", "") as usize, "- name:", name)
    };
    let result_lines = |rule: &str| -> Vec<u64> {
        results
            .iter()
            .filter(|r| r["ruleId"] == rule)
            .map(|r| {
                assert_eq!(
                    r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                    "claims/wire.yaml"
                );
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap()
            })
            .collect()
    };
    let mut single = result_lines("single-secondary-source");
    single.sort();
    let mut want = vec![
        claim_line("Bridge closes"),
        claim_line("Tolls rise"),
        claim_line("Ferries will"),
    ];
    want.sort();
    assert_eq!(single, want, "{sarif:#}");
    assert_eq!(
        result_lines("anonymous-only"),
        vec![claim_line("Officials said")]
    );
    assert_eq!(
        result_lines("unattributed-hedge"),
        vec![claim_line("The contractor")]
    );
    assert_eq!(
        result_lines("unreliable-source"),
        vec![attribution_line("Tolls rise", "Rumour Mill")]
    );
    assert_eq!(
        result_lines("unknown-source"),
        vec![attribution_line("Ferries will", "Evening Post")]
    );
    let unreliable = results
        .iter()
        .find(|r| r["ruleId"] == "unreliable-source")
        .unwrap();
    assert_eq!(
        unreliable["level"], "error",
        "deprecated sources are errors"
    );
}

/// The validator is not vacuous: logs that break the schema in ways a SARIF writer could are rejected.
#[test]
fn the_sarif_schema_rejects_broken_logs() {
    let Some(validator) = sarif_validator() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    claims(dir.path());
    let sarif = run_check(dir.path(), "sarif");
    assert!(errors(&validator, &sarif).is_empty());
    type Breaks = fn(&mut Value);
    let broken: [(&str, Breaks); 5] = [
        ("unknown level", |l| {
            l["runs"][0]["results"][0]["level"] = "fatal".into()
        }),
        ("line 0", |l| {
            l["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
                0.into()
        }),
        ("no message", |l| {
            l["runs"][0]["results"][0]
                .as_object_mut()
                .unwrap()
                .remove("message");
        }),
        ("wrong version", |l| l["version"] = "2.0.0".into()),
        ("unknown property", |l| {
            l["runs"][0]["tool"]["driver"]["colour"] = "red".into()
        }),
    ];
    for (what, breaks) in broken {
        let mut log = sarif.clone();
        breaks(&mut log);
        assert!(
            !errors(&validator, &log).is_empty(),
            "schema accepted a log with {what}"
        );
    }
}

/// Artifact locations are URI references: a path with a space, `#` or `%` is percent-encoded (`/` kept), so it
/// still names the file; the JSON report keeps the plain path.
#[test]
fn sarif_artifact_uris_are_percent_encoded() {
    let dir = tempfile::tempdir().unwrap();
    claims(dir.path());
    let odd = "my claims#1 100%";
    std::fs::rename(dir.path().join("claims"), dir.path().join(odd)).unwrap();
    let out = claimtrail()
        .current_dir(dir.path())
        .args(["check", "--format", "sarif", odd])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "my%20claims%231%20100%25/wire.yaml",
            "{r:#}"
        );
    }
    if let Some(validator) = sarif_validator() {
        let errs = errors(&validator, &sarif);
        assert!(errs.is_empty(), "{}", errs.join("\n"));
    }
}
