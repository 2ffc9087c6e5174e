//! GitHub Actions workflow commands, so findings show on the pull request's YAML lines.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};

pub(super) fn write(out: &mut dyn Write, findings: &[Diagnostic]) -> io::Result<()> {
    for d in findings {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = if d.pointer.is_empty() {
            d.message.clone()
        } else {
            format!("{}: {}", d.pointer, d.message)
        };
        if !d.sources.is_empty() {
            message.push_str(&format!("\nsources: {}", d.sources.join("; ")));
        }
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
    use crate::diagnostic::Diagnostic;
    use crate::yaml::Loc;

    #[test]
    fn annotations_escape_properties_and_data() {
        let d = Diagnostic::error(
            "c/a,b.yaml",
            Loc { line: 3, column: 5 },
            "/claims/0/hash",
            "hash-mismatch",
            "50% edited\nhere",
        );
        let mut out = Vec::new();
        super::write(&mut out, &[d]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=c/a%2Cb.yaml,line=3,col=5,title=claimtrail hash-mismatch::/claims/0/hash: 50%25 edited%0Ahere\n"
        );
    }
}
