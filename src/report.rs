//! Output formats for diagnostics: human text, JSON, and GitHub workflow annotations.
//!
//! Every format prints the same sorted list; each is stable and documented in the README ("Output formats").

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `file:line:col: severity[code] pointer: message`, then a summary line.
    Text,
    /// One JSON document: `{"version":1,"files":N,"valid":bool,"diagnostics":[…],"summary":{…}}`.
    Json,
    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
    Github,
}

/// Counts for the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Files with at least one problem.
    pub files_with_problems: usize,
    /// Problems of severity error.
    pub errors: usize,
    /// Problems of severity warning.
    pub warnings: usize,
}

impl Summary {
    /// Counts `diagnostics` (sorted by file) over `files` files.
    pub fn of(files: usize, diagnostics: &[Diagnostic]) -> Self {
        let mut s = Summary {
            files,
            ..Summary::default()
        };
        let mut last: Option<&str> = None;
        for d in diagnostics {
            if last != Some(d.file.as_str()) {
                s.files_with_problems += 1;
                last = Some(&d.file);
            }
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => {}
            }
        }
        s
    }
}

/// Writes `diagnostics` in `format`.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    files: usize,
    diagnostics: &[Diagnostic],
) -> io::Result<()> {
    let summary = Summary::of(files, diagnostics);
    match format {
        Format::Text => text(out, &summary, diagnostics),
        Format::Json => json(out, &summary, diagnostics),
        Format::Github => github(out, diagnostics),
    }
}

fn text(out: &mut dyn Write, summary: &Summary, diagnostics: &[Diagnostic]) -> io::Result<()> {
    for d in diagnostics {
        let pointer = if d.pointer.is_empty() {
            String::new()
        } else {
            format!(" {}:", d.pointer)
        };
        writeln!(
            out,
            "{}:{}:{}: {}[{}]{pointer} {}",
            d.file,
            d.line,
            d.column,
            d.severity.as_str(),
            d.code,
            d.message
        )?;
    }
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    if diagnostics.is_empty() {
        writeln!(out, "{}: all valid", plural(summary.files, "file"))
    } else {
        writeln!(
            out,
            "{} checked: {} in {}",
            plural(summary.files, "file"),
            plural(diagnostics.len(), "problem"),
            plural(summary.files_with_problems, "file")
        )
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    files: usize,
    valid: bool,
    diagnostics: &'a [Diagnostic],
    summary: &'a Summary,
}

fn json(out: &mut dyn Write, summary: &Summary, diagnostics: &[Diagnostic]) -> io::Result<()> {
    let report = JsonReport {
        version: 1,
        files: summary.files,
        valid: diagnostics.is_empty(),
        diagnostics,
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

fn github(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let message = if d.pointer.is_empty() {
            d.message.clone()
        } else {
            format!("{}: {}", d.pointer, d.message)
        };
        writeln!(
            out,
            "::{level} file={},line={},col={},title={}::{}",
            escape_property(&d.file),
            d.line,
            d.column,
            escape_property(&format!("claimtrail {}", d.code)),
            escape_data(&message)
        )?;
    }
    Ok(())
}

/// Escaping of workflow-command data, as the GitHub Actions toolkit does it.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Loc;

    fn sample() -> Vec<Diagnostic> {
        vec![Diagnostic::error(
            "c/a,b.yaml",
            Loc { line: 3, column: 5 },
            "/claims/0/hash",
            "hash-mismatch",
            "50% edited\nhere",
        )]
    }

    #[test]
    fn github_annotations_escape_properties_and_data() {
        let mut out = Vec::new();
        write(&mut out, Format::Github, 1, &sample()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=c/a%2Cb.yaml,line=3,col=5,title=claimtrail hash-mismatch::/claims/0/hash: 50%25 edited%0Ahere\n"
        );
    }

    #[test]
    fn text_has_location_code_and_summary() {
        let mut out = Vec::new();
        write(&mut out, Format::Text, 2, &sample()).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.starts_with("c/a,b.yaml:3:5: error[hash-mismatch] /claims/0/hash: 50% edited"));
        assert!(s.ends_with("2 files checked: 1 problem in 1 file\n"));
    }

    #[test]
    fn json_is_one_document_with_summary() {
        let mut out = Vec::new();
        write(&mut out, Format::Json, 2, &sample()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["valid"], false);
        assert_eq!(v["diagnostics"][0]["line"], 3);
        assert_eq!(v["summary"]["errors"], 1);
    }
}
