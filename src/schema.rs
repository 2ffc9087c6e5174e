//! JSON Schemas of the claim file and the source registry, generated from the Rust types.
//!
//! The committed files under `schemas/` are this module's output (`claimtrail schema --write`); a test fails when
//! they drift. Validation uses the generated schemas compiled once, with no network access (remote `$ref`s are
//! neither needed nor fetched).

use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use crate::diagnostic::shorten;
use crate::record::ClaimFile;
use crate::registry::RegistryFile;

/// Which of the two file formats a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `claims/<document-id>.yaml`.
    ClaimFile,
    /// `claims/sources.yaml`.
    Sources,
}

impl Kind {
    /// File name of the schema under `schemas/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::ClaimFile => "claim-file.schema.json",
            Kind::Sources => "sources.schema.json",
        }
    }

    /// Both kinds.
    pub const ALL: [Kind; 2] = [Kind::ClaimFile, Kind::Sources];

    /// The kind a file is validated as: `sources.yaml` (or `.yml`) is a registry, anything else a claim file.
    pub fn of_path(path: &std::path::Path) -> Kind {
        match path.file_stem().and_then(|s| s.to_str()) {
            Some("sources") => Kind::Sources,
            _ => Kind::ClaimFile,
        }
    }
}

/// The schema for `kind` as JSON (draft 2020-12).
pub fn generate(kind: Kind) -> Value {
    // schemars marks unsigned integers with `format: uint32`/`uint64` and `minimum: 0`; validators (and editors)
    // do not know those formats, so a `paragraph: 4294967296` passed the schema and failed later without a
    // location. The bound makes the schema say it, at the value. A tighter bound already there stays.
    let bound = schemars::transform::RecursiveTransform(|schema: &mut schemars::Schema| {
        let max = match schema.get("format").and_then(Value::as_str) {
            Some("uint32") => Value::from(u32::MAX),
            Some("uint64") => Value::from(u64::MAX),
            _ => return,
        };
        if schema.get("maximum").is_none() {
            schema.insert("maximum".into(), max);
        }
    });
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .with_transform(bound)
        .into_generator();
    let schema = match kind {
        Kind::ClaimFile => generator.into_root_schema_for::<ClaimFile>(),
        Kind::Sources => generator.into_root_schema_for::<RegistryFile>(),
    };
    schema.to_value()
}

/// The schema as the committed file's text: pretty JSON with a final newline.
pub fn generate_text(kind: Kind) -> String {
    let mut s = serde_json::to_string_pretty(&generate(kind)).expect("a JSON value serialises");
    s.push('\n');
    s
}

static CLAIM_VALIDATOR: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| compile(Kind::ClaimFile));
static SOURCES_VALIDATOR: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| compile(Kind::Sources));

fn compile(kind: Kind) -> jsonschema::Validator {
    jsonschema::draft202012::new(&generate(kind))
        .expect("generated schemas are valid draft 2020-12 (tested)")
}

/// A schema violation: where, and what a reviewer should know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON Pointer of the node to point the reviewer at.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

/// Validates `instance` against the schema of `kind`; returns every violation, in document order of their paths.
pub fn validate(kind: Kind, instance: &Value) -> Vec<Violation> {
    let validator = match kind {
        Kind::ClaimFile => &*CLAIM_VALIDATOR,
        Kind::Sources => &*SOURCES_VALIDATOR,
    };
    let mut violations = Vec::new();
    if !validator.is_valid(instance) {
        violations.extend(validator.iter_errors(instance).map(|e| {
            let pointer = e.instance_path().to_string();
            explain(e.kind(), e.instance(), pointer, kind)
        }));
    }
    if has_float(instance) {
        integral_floats(instance, &mut String::new(), &mut violations);
    }
    violations
}

/// Whether any number in `value` is a float (a quick pass before [`integral_floats`] builds pointers).
fn has_float(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.is_f64(),
        Value::Array(items) => items.iter().any(has_float),
        Value::Object(map) => map.values().any(has_float),
        _ => false,
    }
}

/// Reports numbers written as floats with an integral value (`1e3`, `12.0`).
///
/// Why: JSON Schema counts 1000.0 as an integer, so the schema passes them, but no field of claimtrail's files holds
/// a float and the typed record refuses them, with no location. Found here, they are located at their value like
/// every other schema error. (Non-integral floats already fail the schema's `integer` type.)
fn integral_floats(value: &Value, pointer: &mut String, out: &mut Vec<Violation>) {
    match value {
        Value::Number(n) => {
            if let Some(f) = n
                .as_f64()
                .filter(|f| !n.is_i64() && !n.is_u64() && f.fract() == 0.0)
            {
                out.push(Violation {
                    pointer: pointer.clone(),
                    message: format!(
                        "a floating-point number ({f}) where an integer goes: write it in digits, without a \
                         decimal point or exponent"
                    ),
                });
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                integral_floats(item, pointer, out);
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&k.replace('~', "~0").replace('/', "~1"));
                integral_floats(item, pointer, out);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Turns a schema error into words a reviewer understands, and moves the pointer onto the offending key where the
/// error is about a key (unknown or missing fields).
fn explain(kind: &ValidationErrorKind, instance: &Value, pointer: String, file: Kind) -> Violation {
    let found = describe(instance);
    let (pointer, message) = match kind {
        ValidationErrorKind::Required { property } => (
            pointer,
            format!(
                "missing required field `{}`",
                property.as_str().unwrap_or("?")
            ),
        ),
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let first = unexpected.first().cloned().unwrap_or_default();
            let names = unexpected
                .iter()
                .map(|u| format!("`{u}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let plural = if unexpected.len() == 1 { "" } else { "s" };
            (
                format!("{pointer}/{}", first.replace('~', "~0").replace('/', "~1")),
                format!(
                    "unknown field{plural} {names} (a typo? {} reject fields they do not define)",
                    match file {
                        Kind::ClaimFile => "claim files",
                        Kind::Sources => "source registries",
                    }
                ),
            )
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(ts) => ts
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            let hint = if expected.contains("boolean") && instance.is_string() {
                " (write `true` or `false`; `yes`/`no` are strings)"
            } else {
                ""
            };
            (pointer, format!("expected {expected}, found {found}{hint}"))
        }
        ValidationErrorKind::Enum { options } => {
            let allowed = options
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|o| o.as_str().map_or(o.to_string(), str::to_string))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
                .join(", ");
            (pointer, format!("{found} is not one of: {allowed}"))
        }
        ValidationErrorKind::Constant { expected_value } => (
            pointer,
            format!("must be {}, found {found}", describe(expected_value)),
        ),
        ValidationErrorKind::Pattern { pattern } => (pointer, pattern_message(&found, pattern)),
        ValidationErrorKind::MinLength { limit: 1 } => (pointer, "must not be empty".to_string()),
        ValidationErrorKind::MinLength { limit } => {
            (pointer, format!("must be at least {limit} characters long"))
        }
        ValidationErrorKind::MaxLength { limit } => {
            (pointer, format!("must be at most {limit} characters long"))
        }
        ValidationErrorKind::Minimum { limit } => {
            (pointer, format!("must be at least {limit}, found {found}"))
        }
        ValidationErrorKind::Maximum { limit } => {
            (pointer, format!("must be at most {limit}, found {found}"))
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context }
            if !context.is_empty()
                && context.iter().all(|branch| constant_of(branch).is_some()) =>
        {
            // A documented enum is generated as `oneOf` of `const`s: report it like a plain enum.
            let allowed: Vec<String> = context.iter().filter_map(|b| constant_of(b)).collect();
            (
                pointer,
                format!("{found} is not one of: {}", allowed.join(", ")),
            )
        }
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. } => {
            let hint = if pointer.contains("/corroboration/") {
                "a corroboration entry is either `claim: <document-id>#<claim-id>` (optional `note`) or `url`, \
                 `source` and `kind` (optional `note`)"
            } else {
                "does not match any of the allowed forms"
            };
            (pointer, format!("{found}: {hint}"))
        }
        other => (pointer, shorten(&format!("{other:?}"), 200)),
    };
    Violation { pointer, message }
}

/// The allowed value of a `oneOf` branch that failed only on its `const`.
fn constant_of(branch: &[jsonschema::ValidationError<'static>]) -> Option<String> {
    match branch {
        [e] => match e.kind() {
            ValidationErrorKind::Constant { expected_value } => Some(
                expected_value
                    .as_str()
                    .map_or_else(|| expected_value.to_string(), str::to_string),
            ),
            _ => None,
        },
        _ => None,
    }
}

fn pattern_message(found: &str, pattern: &str) -> String {
    let what = match pattern {
        p if p.starts_with("^sha256:") => "a hash `sha256:` followed by 64 lowercase hex digits",
        p if p.starts_with("^[0-9a-f]{12}") => {
            "a claim id: 12 lowercase hex digits, optionally `-2`, `-3`, …"
        }
        p if p.starts_with("^[0-9a-f]{64}") => "64 lowercase hex digits",
        p if p.starts_with("^[0-9a-f]{16}") => "16 lowercase hex digits",
        p if p.starts_with("^[a-z0-9][a-z0-9._-]*#") => "`<document-id>#<claim-id>`",
        p if p.starts_with("^[a-z0-9]") => {
            "an id: lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit (no `/` or `..`)"
        }
        p if p.starts_with("^\\d{4}") => "a date `YYYY-MM-DD` or an RFC 3339 timestamp",
        p if p.starts_with("^[A-Za-z]{2,3}") => "a language tag such as `en` or `pt-BR`",
        _ => "",
    };
    if what.is_empty() {
        format!("{found} does not match the pattern `{pattern}`")
    } else {
        format!("{found} is not {what}")
    }
}

/// A short description of a JSON value for messages: strings quoted and shortened, containers by kind.
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("number `{n}`"),
        Value::String(s) => format!("string \"{}\"", shorten(s, 60)),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "a mapping".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_schemas_compile_and_are_draft_2020_12() {
        for kind in Kind::ALL {
            let v = generate(kind);
            assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
            assert!(
                jsonschema::meta::is_valid(&v),
                "{kind:?} schema is not a valid schema"
            );
            let _ = compile(kind);
        }
    }

    #[test]
    fn unknown_fields_point_at_the_key() {
        let v = serde_json::json!({"schema_version": 1, "sources": [], "extra": 1});
        let errs = validate(Kind::Sources, &v);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].pointer, "/extra");
        assert!(
            errs[0].message.contains("unknown field `extra`"),
            "{}",
            errs[0].message
        );
    }
}
