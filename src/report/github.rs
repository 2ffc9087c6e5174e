//! GitHub Actions workflow commands, so findings show on the pull request's YAML lines.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::escape::visible;

pub(super) fn write(out: &mut dyn Write, findings: &[Diagnostic]) -> io::Result<()> {
    for d in findings {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = if d.pointer.is_empty() {
            escape_data(&d.message)
        } else {
            format!("{}: {}", escape_data(&d.pointer), escape_data(&d.message))
        };
        if !d.sources.is_empty() {
            // `%0A` is the one line break an annotation may carry: this module's, between message and sources.
            message.push_str("%0Asources: ");
            message.push_str(&escape_data(&d.sources.join("; ")));
        }
        writeln!(
            out,
            "::{level} file={},line={},col={},title={}::{message}",
            escape_property(&d.file),
            d.line,
            d.column,
            escape_property(&format!("claimtrail {}", d.code)),
        )?;
    }
    Ok(())
}

/// Workflow-command data: [`visible`] first, so a line break or an ESC in the text cannot end the command or
/// reach the log viewer, then `%` encoded as the GitHub Actions toolkit does (its `%0D`/`%0A` are not needed:
/// `visible` leaves no raw line break).
fn escape_data(s: &str) -> String {
    visible(s).to_string().replace('%', "%25")
}

/// A workflow-command property (`file=…`, `title=…`), where `:` and `,` also end the value.
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
            "::error file=c/a%2Cb.yaml,line=3,col=5,title=claimtrail hash-mismatch::/claims/0/hash: 50%25 edited\\nhere\n"
        );
    }

    #[test]
    fn annotations_carry_no_raw_control_characters() {
        let mut d = Diagnostic::error(
            "c/x\n::error file=y::z.yaml",
            Loc { line: 1, column: 1 },
            "",
            "schema",
            "bad \u{1b}]52;c;eA==\u{7}\r\n::add-mask::secret\u{2028}",
        );
        d.sources = vec!["Reuters\n::warning::forged".into()];
        let mut out = Vec::new();
        super::write(&mut out, &[d]).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            "::error file=c/x\\n%3A%3Aerror file=y%3A%3Az.yaml,line=1,col=1,title=claimtrail schema::\
             bad \\u{1b}]52;c;eA==\\u{7}\\r\\n::add-mask::secret\\u{2028}%0Asources: Reuters\\n::warning::forged\n"
        );
        assert_eq!(out.lines().count(), 1);
    }
}
