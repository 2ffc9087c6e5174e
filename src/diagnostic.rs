//! One problem found in one file: the record every reporter serialises.

use serde::Serialize;

use crate::escape::visible;
use crate::yaml::Loc;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the run.
    Error,
    /// Fails the run only under `--strict`.
    Warning,
    /// Never fails the run.
    Info,
}

impl Severity {
    /// Lowercase name, as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A located problem in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, as given or found (relative paths stay relative).
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// JSON Pointer of the offending node (`""` for the whole file).
    pub pointer: String,
    /// Stable rule id, e.g. `single-secondary-source`, `schema`, `hash-mismatch`, `yaml-syntax`.
    #[serde(rename = "rule")]
    pub code: &'static str,
    /// Severity.
    pub severity: Severity,
    /// What is wrong and, where it helps, how to fix it.
    pub message: String,
    /// Document id of the claim file, when known.
    pub document: Option<String>,
    /// Claim id, for findings about one claim.
    pub claim: Option<String>,
    /// The claim's text, shortened, for findings about one claim.
    pub excerpt: Option<String>,
    /// The sources the verdict considered, as chains: `White House official ← Reuters`.
    pub sources: Vec<String>,
    /// The independent origins those sources reduce to.
    pub origins: Vec<String>,
    /// Where the claim's sentence is in its article, when the claim file's `document.path` finds the article and
    /// the sentence is still there (JSON: omitted otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<ArticleLocation>,
}

/// A place in an article file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleLocation {
    /// The article, as found from the claim file (its directory joined with `document.path`).
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl Diagnostic {
    /// An error at `loc` in `file`.
    pub fn error(
        file: &str,
        loc: Loc,
        pointer: &str,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.to_string(),
            line: loc.line,
            column: loc.column,
            pointer: pointer.to_string(),
            code,
            severity: Severity::Error,
            message: message.into(),
            document: None,
            claim: None,
            excerpt: None,
            sources: Vec::new(),
            origins: Vec::new(),
            article: None,
        }
    }

    /// Whether this problem is an I/O failure (exit status 2) rather than invalid content (exit status 1).
    pub fn is_io(&self) -> bool {
        self.code == IO_ERROR
    }
}

/// One line, `file:line:col: severity[rule] message`, with the file and message shown through [`visible`]: the
/// form commands print problems in on standard error, where a line break in a quoted YAML value or a file name
/// would otherwise start a line of its own.
impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}] {}",
            visible(&self.file),
            self.line,
            self.column,
            self.severity.as_str(),
            self.code,
            visible(&self.message)
        )
    }
}

/// Code of I/O failures: missing paths, unreadable files, symlink loops.
pub const IO_ERROR: &str = "io-error";

/// Sorts diagnostics into the order every reporter prints: by file, then position, then code.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.code, &b.message))
    });
}

/// Shortens `s` to at most `max` characters for a message, marking the cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// Before rewriting claim file `name` (its text `text`) from its records, which drops YAML comments: refuses with an
/// error at the first comment unless `drop` (`--drop-comments`) is set; otherwise returns how many are dropped.
/// Shared by re-extraction and `match --write`.
pub fn comments_to_drop(name: &str, text: &str, drop: bool) -> Result<usize, Vec<Diagnostic>> {
    let comments = crate::yaml::comments(text);
    match comments.first() {
        Some(&first) if !drop => Err(vec![Diagnostic::error(
            name,
            first,
            "",
            "yaml-comments",
            format!(
                "the claim file has {} YAML comment(s), which rewriting it would drop; nothing was written. Move \
                 each note into the claim's `review.note` (kept on every rewrite), or pass --drop-comments to \
                 discard them",
                comments.len()
            ),
        )]),
        _ => Ok(comments.len()),
    }
}
