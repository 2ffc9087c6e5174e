//! Output formats for findings: human text, JSON, GitHub workflow annotations and SARIF.
//!
//! `validate` and `check` print the same finding record in every format; each format is stable and documented in
//! the README ("Output formats"). Only the CLI calls these, with a locked stdout.

mod github;
mod json;
mod sarif;
mod text;

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Grouped by file: `file:line:col: severity[rule] pointer: message`, claim and sources beneath, then a summary.
    Text,
    /// One JSON document: `{"version":1,"valid":bool,"findings":[…],"summary":{…}}`.
    Json,
    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

/// Counts for the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Claims checked (`check` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claims: Option<usize>,
    /// Files with at least one finding.
    pub files_with_findings: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
    /// Findings waived by reviewers (`check` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waived: Option<usize>,
}

impl Summary {
    /// Counts `findings` (sorted by file) over `files` files.
    pub fn of(files: usize, findings: &[Diagnostic]) -> Self {
        let mut s = Summary {
            files,
            ..Summary::default()
        };
        let mut last: Option<&str> = None;
        for d in findings {
            if last != Some(d.file.as_str()) {
                s.files_with_findings += 1;
                last = Some(&d.file);
            }
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// Writes `findings` (sorted) with `summary` in `format`; `valid` is what the exit code says.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    summary: &Summary,
    valid: bool,
    findings: &[Diagnostic],
) -> io::Result<()> {
    match format {
        Format::Text => text::write(out, summary, findings),
        Format::Json => json::write(out, summary, valid, findings),
        Format::Github => github::write(out, findings),
        Format::Sarif => sarif::write(out, findings),
    }
}
