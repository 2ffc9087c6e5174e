//! Article input: the optional YAML front-matter block, document metadata, and document ids from file names.

use serde::Deserialize;

use crate::yaml::{self, Loc};

/// Document metadata from flags or front matter; anything left `None` stays unknown (or keeps the value already in
/// the claim file on re-extraction).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// Document id.
    pub id: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// The outlet.
    pub publisher: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Publication date or timestamp.
    pub published: Option<String>,
    /// When it was retrieved.
    pub retrieved: Option<String>,
    /// BCP 47 language tag.
    pub language: Option<String>,
}

impl Metadata {
    /// `self` with every unset field taken from `fallback`.
    pub fn or(self, fallback: Metadata) -> Metadata {
        Metadata {
            id: self.id.or(fallback.id),
            title: self.title.or(fallback.title),
            publisher: self.publisher.or(fallback.publisher),
            url: self.url.or(fallback.url),
            published: self.published.or(fallback.published),
            retrieved: self.retrieved.or(fallback.retrieved),
            language: self.language.or(fallback.language),
        }
    }
}

/// A front-matter block that is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FrontMatterError {
    /// Where in the article file.
    pub loc: Loc,
    /// What is wrong.
    pub message: String,
}

/// Splits off a front-matter block: a first line `---`, YAML, and a closing line `---` or `...`.
///
/// Returns the metadata and the byte offset where the article body starts. Without a block, the metadata is empty
/// and the body starts at 0. Only the body is segmented; offsets in claim records stay offsets into the whole file.
pub fn front_matter(text: &str) -> Result<(Metadata, usize), FrontMatterError> {
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let rest = &text[bom..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "---" {
        return Ok((Metadata::default(), 0));
    }
    let yaml_start = bom + first_line_end;
    let mut pos = yaml_start;
    let mut close = None;
    for line in text[yaml_start..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            close = Some((pos, pos + line.len()));
            break;
        }
        pos += line.len();
    }
    let Some((yaml_end, body_start)) = close else {
        return Err(FrontMatterError {
            loc: Loc::START,
            message:
                "front matter opened with `---` on the first line is never closed by a `---` line"
                    .into(),
        });
    };
    let block = &text[yaml_start..yaml_end];
    let shift = |loc: Loc| Loc {
        line: loc.line + 1,
        column: loc.column,
    };
    let value = yaml::load(block).map_err(|e| FrontMatterError {
        loc: shift(e.loc),
        message: format!("front matter: {}", e.message),
    })?;
    let value = if value.is_null() {
        serde_json::Value::Object(Default::default())
    } else {
        value
    };
    let meta: Metadata = serde_json::from_value(value).map_err(|e| FrontMatterError {
        loc: Loc { line: 2, column: 1 },
        message: format!(
            "front matter: {e} (allowed keys: id, title, publisher, url, published, retrieved, language; all strings)"
        ),
    })?;
    Ok((meta, body_start))
}

/// Derives a document id from a file name: the stem, lowercased, characters outside `[a-z0-9._-]` replaced by `-`,
/// leading punctuation dropped. `None` when nothing usable is left.
pub fn id_from_file_name(path: &std::path::Path) -> Option<String> {
    let stem = path.file_stem()?.to_string_lossy().to_lowercase();
    let mapped: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let id = mapped.trim_start_matches(['.', '_', '-']).to_string();
    is_valid_id(&id).then_some(id)
}

/// Whether `id` is a valid document or source id: `[a-z0-9][a-z0-9._-]*`, at most 200 characters.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    id.len() <= 200
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn front_matter_is_parsed_and_body_offset_returned() {
        let text = "---\nid: a-1\ntitle: T\npublished: 2026-01-02\n---\nBody.\n";
        let (m, start) = front_matter(text).unwrap();
        assert_eq!(m.id.as_deref(), Some("a-1"));
        assert_eq!(m.published.as_deref(), Some("2026-01-02"));
        assert_eq!(&text[start..], "Body.\n");
        assert_eq!(front_matter("No front matter.\n---\n").unwrap().1, 0);
    }

    #[test]
    fn broken_front_matter_is_located() {
        let e = front_matter("---\nid: [a\n---\nBody.").unwrap_err();
        assert!(e.loc.line >= 2, "{e:?}");
        assert!(
            front_matter("---\nid: a\nBody.")
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(
            front_matter("---\nauthor: x\n---\n")
                .unwrap_err()
                .message
                .contains("unknown field")
        );
    }

    #[test]
    fn ids_from_file_names() {
        assert_eq!(
            id_from_file_name(Path::new("dir/My Article (2).txt")).as_deref(),
            Some("my-article--2-")
        );
        assert_eq!(id_from_file_name(Path::new("_x.txt")).as_deref(), Some("x"));
        assert_eq!(
            id_from_file_name(Path::new("Ünï.txt")).as_deref(),
            Some("n-")
        );
        assert_eq!(id_from_file_name(Path::new("ÜÜ.txt")), None);
        assert!(!is_valid_id("../x"));
        assert!(!is_valid_id("a/b"));
        assert!(is_valid_id("a_b.c-1"));
    }
}
