//! Extraction: article text → a claim file (sentences, hashes, attribution, hedging).

use sha2::{Digest, Sha256};

use crate::article::{self, FrontMatterError, Metadata};
use crate::hash;
use crate::record::{
    Attribution, Claim, ClaimFile, Document, Hedging, Location, NORMALISATION, Review,
    SCHEMA_VERSION,
};
use crate::registry::Registry;
use crate::segment;

/// Longest stretch of one sentence that attribution looks at, in bytes.
pub const MAX_ATTRIBUTED_SENTENCE: usize = 16 * 1024;

/// Why an article could not be extracted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// The front-matter block is invalid.
    #[error("{}:{}: {}", .0.loc.line, .0.loc.column, .0.message)]
    FrontMatter(FrontMatterError),
    /// No document id could be found or derived, or the one given is invalid.
    #[error("{0}")]
    Id(String),
    /// A metadata date does not parse.
    #[error("{0}")]
    Date(String),
    /// The syntax model attribution needs could not be loaded.
    #[error("{0}")]
    Model(String),
}

/// Builds the claim file of one article.
///
/// `text` is the whole article file (front matter included: offsets in the records are offsets into it, and
/// `text_sha256` is the hash of its exact bytes). `meta` (from flags) takes precedence over the front matter;
/// `fallback_id` is used when neither gives an id. `today` is the `retrieved` value when none is given.
pub fn extract(
    text: &str,
    meta: Metadata,
    fallback_id: Option<String>,
    today: &str,
    registry: &Registry,
) -> Result<ClaimFile, ExtractError> {
    let (front, body_start) = article::front_matter(text).map_err(ExtractError::FrontMatter)?;
    let meta = meta.or(front);
    let id = meta.id.clone().or(fallback_id).ok_or_else(|| {
        ExtractError::Id(
            "no document id: pass --id, add `id:` to the front matter, or name the file".into(),
        )
    })?;
    if !article::is_valid_id(&id) {
        return Err(ExtractError::Id(format!(
            "invalid document id `{id}`: use lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit"
        )));
    }
    for d in [meta.published.as_deref(), meta.retrieved.as_deref()]
        .into_iter()
        .flatten()
    {
        crate::validate::check_date(d).map_err(ExtractError::Date)?;
    }
    let sentences: Vec<segment::Sentence> = segment::split(&text[body_start..])
        .into_iter()
        .map(|s| segment::Sentence {
            start: s.start + body_start,
            end: s.end + body_start,
            ..s
        })
        .collect();
    // No real sentence is 16 KiB long; what segmentation returns as one (a paragraph without punctuation, a
    // pasted table) is attributed from its first 16 KiB, which keeps memory and time bounded on hostile input.
    let bounded: Vec<segment::Sentence> = sentences
        .iter()
        .map(|s| {
            let mut end = s.end.min(s.start + MAX_ATTRIBUTED_SENTENCE);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            segment::Sentence { end, ..*s }
        })
        .collect();
    let model = crate::syntax::Model::embedded().map_err(|e| ExtractError::Model(e.to_string()))?;
    let attributions = crate::attribution::attribute(text, &bounded, registry, model);
    let hashes: Vec<String> = sentences
        .iter()
        .map(|s| hash::claim_hash(s.text(text)))
        .collect();
    let ids = hash::assign_ids(hashes.iter().map(String::as_str));
    let claims = sentences
        .iter()
        .zip(attributions)
        .zip(hashes.into_iter().zip(ids))
        .map(|((s, attribution), (hash, id))| {
            let sentence_text = s.text(text);
            let hedging = crate::hedging::detect(sentence_text);
            Claim {
                id,
                hash,
                text: sentence_text.to_string(),
                location: Location {
                    paragraph: s.paragraph,
                    sentence: s.sentence,
                    start: s.start as u64,
                    end: s.end as u64,
                },
                status: None,
                extracted: Some(machine_digest(&attribution, &hedging)),
                attribution,
                hedging,
                corroboration: Vec::new(),
                review: Review::default(),
            }
        })
        .collect();
    Ok(ClaimFile {
        schema_version: SCHEMA_VERSION,
        normalisation: NORMALISATION.to_string(),
        document: Document {
            id,
            title: meta.title,
            publisher: meta.publisher,
            url: meta.url,
            published: meta.published,
            retrieved: meta.retrieved.unwrap_or_else(|| today.to_string()),
            language: meta.language.or_else(|| Some("en".to_string())),
            text_sha256: hash::bytes_sha256(text.as_bytes()),
        },
        claims,
    })
}

/// Digest of the machine-produced fields of a claim; when a claim file's fields no longer match their digest, a
/// reviewer edited them, and re-extraction keeps the edit.
pub fn machine_digest(attribution: &[Attribution], hedging: &Hedging) -> String {
    let json = serde_json::to_vec(&(attribution, hedging)).expect("records serialise to JSON");
    hash::hex_string(&Sha256::digest(&json)[..8])
}

/// Today's date (UTC) for `retrieved`, or the date of `SOURCE_DATE_EPOCH` when set, for reproducible output.
pub fn today() -> String {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(chrono::Utc::now);
    now.format("%Y-%m-%d").to_string()
}
