//! Records → YAML text, deterministic and diff-friendly.

use serde::Serialize;

/// First line of every claim file written by claimtrail, so editors with the YAML language server validate it.
pub const SCHEMA_COMMENT_CLAIMS: &str =
    "# yaml-language-server: $schema=../schemas/claim-file.schema.json";
/// First line of a source-registry file.
pub const SCHEMA_COMMENT_SOURCES: &str =
    "# yaml-language-server: $schema=../schemas/sources.schema.json";

/// Serialises `value` as YAML after a first comment line.
///
/// Key order is the struct's field order. Strings stay on one line (no folding), so a one-word edit in a sentence
/// is a one-line diff; strings that a YAML 1.1 reader would take for booleans, numbers or dates are quoted.
pub fn to_yaml<T: Serialize>(
    value: &T,
    header: &str,
) -> Result<String, serde_saphyr::SerializeError> {
    let options = serde_saphyr::ser_options! {
        indent_step: 2,
        compact_list_indent: false,
        prefer_block_scalars: false,
    };
    let mut out = String::with_capacity(4096);
    out.push_str(header);
    out.push('\n');
    serde_saphyr::to_fmt_writer_with_options(&mut out, value, options)?;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}
