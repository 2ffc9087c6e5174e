//! Human output: findings grouped by file, each with its location, rule, claim and the sources behind the verdict.
//! Every text taken from the files is shown through [`visible`], so a finding is never more than its lines.

use std::io::{self, Write};

use super::Summary;
use crate::diagnostic::Diagnostic;
use crate::escape::visible;

pub(super) fn write(
    out: &mut dyn Write,
    summary: &Summary,
    findings: &[Diagnostic],
) -> io::Result<()> {
    let mut last_file: Option<&str> = None;
    for d in findings {
        if last_file.is_some_and(|f| f != d.file) {
            writeln!(out)?;
        }
        last_file = Some(&d.file);
        let pointer = if d.pointer.is_empty() {
            String::new()
        } else {
            format!(" {}:", visible(&d.pointer))
        };
        writeln!(
            out,
            "{}:{}:{}: {}[{}]{pointer} {}",
            visible(&d.file),
            d.line,
            d.column,
            d.severity.as_str(),
            d.code,
            visible(&d.message)
        )?;
        if let Some(excerpt) = &d.excerpt {
            writeln!(out, "    claim: \"{}\"", visible(excerpt))?;
        }
        if let Some(a) = &d.article {
            writeln!(
                out,
                "    article: {}:{}:{}",
                visible(&a.file),
                a.line,
                a.column
            )?;
        }
        if !d.sources.is_empty() {
            writeln!(out, "    sources: {}", visible(&d.sources.join("; ")))?;
        }
        if !d.origins.is_empty() {
            writeln!(out, "    origins: {}", visible(&d.origins.join(", ")))?;
        }
    }
    if !findings.is_empty() {
        writeln!(out)?;
    }
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    let mut head = plural(summary.files, "file");
    if let Some(c) = summary.claims {
        head.push_str(&format!(", {}", plural(c, "claim")));
    }
    if findings.is_empty() {
        write!(out, "{head}: no findings")?;
    } else {
        write!(
            out,
            "{head} checked: {}, {}, {} info in {}",
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning"),
            summary.infos,
            plural(summary.files_with_findings, "file")
        )?;
    }
    if let Some(w) = summary.waived.filter(|&w| w > 0) {
        write!(out, " ({} waived)", plural(w, "finding"))?;
    }
    writeln!(out)
}
