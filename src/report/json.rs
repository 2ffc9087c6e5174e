//! JSON output: one document, stable field names (README, "Output formats").

use std::io::{self, Write};

use serde::Serialize;

use super::Summary;
use crate::diagnostic::Diagnostic;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    valid: bool,
    findings: &'a [Diagnostic],
    summary: &'a Summary,
}

pub(super) fn write(
    out: &mut dyn Write,
    summary: &Summary,
    valid: bool,
    findings: &[Diagnostic],
) -> io::Result<()> {
    serde_json::to_writer_pretty(
        &mut *out,
        &Document {
            version: 1,
            valid,
            findings,
            summary,
        },
    )?;
    writeln!(out)
}
