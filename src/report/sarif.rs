//! SARIF 2.1.0 output, buffered and written once with the full rule list, so code scanning shows findings on the
//! claim files' lines.

use std::fmt::Write as _;
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
                        "artifactLocation": { "uri": artifact_uri(&d.file) },
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

/// The file as a relative URI reference (RFC 3986), as SARIF requires: Windows `\` separators become `/`, and
/// every other byte but the unreserved characters is percent-encoded, so a space, `#`, `%` or `?` in a path (or
/// a `:` that would read as a scheme) keeps naming the file.
fn artifact_uri(file: &str) -> String {
    let mut uri = String::with_capacity(file.len());
    for b in file.bytes() {
        match b {
            b'/' => uri.push('/'),
            b'\\' if cfg!(windows) => uri.push('/'),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                uri.push(char::from(b))
            }
            _ => {
                let _ = write!(uri, "%{b:02X}");
            }
        }
    }
    uri
}

pub(super) fn write(out: &mut dyn Write, findings: &[Diagnostic]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(findings))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn artifact_uris_are_percent_encoded() {
        assert_eq!(
            super::artifact_uri("my claims#1 100%/x?.yaml"),
            "my%20claims%231%20100%25/x%3F.yaml"
        );
        assert_eq!(
            super::artifact_uri("claims/a-b_c.d~e.yaml"),
            "claims/a-b_c.d~e.yaml"
        );
        assert_eq!(super::artifact_uri("c:/é\n.yaml"), "c%3A/%C3%A9%0A.yaml");
    }
}
