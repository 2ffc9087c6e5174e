//! SARIF 2.1.0 output, buffered and written once with the full rule list, so code scanning shows findings on the
//! claim files' lines.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::check::rules::{self, RULES};
use crate::diagnostic::{Diagnostic, Severity};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The SARIF log for `findings`.
pub fn log(findings: &[Diagnostic]) -> Value {
    let rule_list: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.what },
                "help": { "text": r.fix, "markdown": rules::doc(r) },
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if !d.sources.is_empty() {
                message.push_str(&format!(" (sources: {})", d.sources.join("; ")));
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": d.file.replace('\\', "/") },
                        "region": { "startLine": d.line, "startColumn": d.column },
                    }
                }],
            });
            if let Some(i) = RULES.iter().position(|r| r.id == d.code) {
                result["ruleIndex"] = json!(i);
            }
            if let (Some(doc), Some(claim)) = (&d.document, &d.claim) {
                result["partialFingerprints"] =
                    json!({ "claimtrail/claim": format!("{doc}#{claim}/{}", d.code) });
                result["properties"] =
                    json!({ "document": doc, "claim": claim, "origins": d.origins });
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "claimtrail",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://example.org/claimtrail",
                    "rules": rule_list,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

pub(super) fn write(out: &mut dyn Write, findings: &[Diagnostic]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(findings))?;
    writeln!(out)
}
