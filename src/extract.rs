//! Extraction: article text → a claim file (sentences, hashes, attribution, hedging).

use sha2::{Digest, Sha256};

use crate::article::{self, FrontMatterError, Metadata};
use crate::hash;
use crate::record::{
    Attribution, Claim, ClaimFile, Document, Hedging, Location, NORMALISATION, ParagraphMode,
    Review, SCHEMA_VERSION,
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
    /// The claim file would be larger than the limit given to [`extract_lazy_within`]: it holds at least this many
    /// bytes.
    #[error("the claim file would hold at least {0} bytes")]
    TooLarge(u64),
}

/// Fewer bytes than any claim record takes in a claim file besides its text (its id, hash, location, review and
/// the keys of the other fields take about 350), for the early size check in [`extract_lazy_within`].
const MIN_RECORD_BYTES: u64 = 300;

/// Builds the claim file of one article.
///
/// `text` is the whole article file (front matter included: offsets in the records are offsets into it, and
/// `text_sha256` is the hash of its exact bytes). `meta` (from flags) takes precedence over the front matter;
/// `fallback_id` is used when neither gives an id. `today` is the `retrieved` value when none is given.
///
/// This holds every claim in memory at once; [`extract_lazy`] builds them one at a time.
pub fn extract(
    text: &str,
    meta: Metadata,
    fallback_id: Option<String>,
    today: &str,
    registry: &Registry,
) -> Result<ClaimFile, ExtractError> {
    extract_lazy(text, meta, fallback_id, today, registry).map(Extraction::into_claim_file)
}

/// An extracted article whose claims are not built yet: the claim file's header, and its claims as an iterator
/// that builds each one from its sentence and attribution when asked for it.
///
/// A claim record is several times the size of its sentence; a writer that takes claims one at a time from
/// [`Extraction::claims`] keeps one in memory instead of all of them.
#[derive(Debug)]
pub struct Extraction<'t> {
    /// Version of the claim-file format.
    pub schema_version: u32,
    /// How claim text is normalised before hashing.
    pub normalisation: String,
    /// The source document.
    pub document: Document,
    /// The claims, in document order.
    pub claims: Claims<'t>,
}

impl Extraction<'_> {
    /// The whole claim file, every claim built.
    pub fn into_claim_file(self) -> ClaimFile {
        ClaimFile {
            schema_version: self.schema_version,
            normalisation: self.normalisation,
            document: self.document,
            claims: self.claims.collect(),
        }
    }
}

/// The claims of an [`Extraction`], built one by one in document order.
#[derive(Debug)]
pub struct Claims<'t> {
    text: &'t str,
    sentences: std::vec::IntoIter<segment::Sentence>,
    attributions: std::vec::IntoIter<Vec<Attribution>>,
    /// How many claims so far had each text digest: a repeated text gets the id `<hex>-2`, `-3`, ….
    seen: rustc_hash::FxHashMap<[u8; 32], usize>,
}

impl Iterator for Claims<'_> {
    type Item = Claim;

    fn next(&mut self) -> Option<Claim> {
        let s = self.sentences.next()?;
        let mut attribution = self.attributions.next().unwrap_or_default();
        // Mentions are stored counted from the sentence (see `record::Span`).
        for a in &mut attribution {
            a.shift_mentions(s.start as i64);
        }
        let sentence_text = s.text(self.text);
        let digest = hash::claim_digest(sentence_text);
        let occurrence = self.seen.entry(digest).or_insert(0);
        *occurrence += 1;
        let hash = hash::hash_string(&digest);
        let id = hash::claim_id(&hash, *occurrence);
        let hedging = crate::hedging::detect(sentence_text);
        Some(Claim {
            id,
            hash,
            text: sentence_text.to_string(),
            location: Location {
                paragraph: s.paragraph,
                sentence: s.sentence,
                start: None,
                end: None,
            },
            status: None,
            changed: None,
            extracted: Some(machine_digest(&attribution, &hedging)),
            attribution,
            hedging,
            corroboration: Vec::new(),
            review: Review::default(),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.sentences.size_hint()
    }
}

impl ExactSizeIterator for Claims<'_> {}

/// [`extract`] up to the claims, which the result builds on demand (see [`Extraction`]).
pub fn extract_lazy<'t>(
    text: &'t str,
    meta: Metadata,
    fallback_id: Option<String>,
    today: &str,
    registry: &Registry,
) -> Result<Extraction<'t>, ExtractError> {
    extract_lazy_within(
        text,
        meta,
        fallback_id,
        today,
        registry,
        ParagraphMode::Line,
        u64::MAX,
    )
}

/// [`extract_lazy`], refusing with [`ExtractError::TooLarge`] right after segmentation when the claim file is sure
/// to be over `max_claim_size` bytes: its sentences and the smallest records already exceed it. Attribution, most
/// of the time and memory, is then never spent on an article whose claim file would be refused. `paragraphs` says
/// what ends a paragraph (recorded in the claim file when it is not the default).
pub fn extract_lazy_within<'t>(
    text: &'t str,
    meta: Metadata,
    fallback_id: Option<String>,
    today: &str,
    registry: &Registry,
    paragraphs: ParagraphMode,
    max_claim_size: u64,
) -> Result<Extraction<'t>, ExtractError> {
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
    let options = segment::Options {
        paragraph_breaks: paragraphs.into(),
    };
    let mut sentences = segment::split_from(text, body_start, options);
    let at_least = sentences
        .iter()
        .map(|s| (s.end - s.start) as u64 + MIN_RECORD_BYTES)
        .sum::<u64>();
    if at_least > max_claim_size {
        return Err(ExtractError::TooLarge(at_least));
    }
    // No real sentence is 16 KiB long; what segmentation returns as one (a paragraph without punctuation, a
    // pasted table) is attributed from its first 16 KiB, which keeps memory and time bounded on hostile input.
    // The sentences are cut in place for attribution, and the few cut ones get their ends back afterwards, rather
    // than attributing a second copy of the list.
    let mut cut: Vec<(usize, usize)> = Vec::new();
    for (i, s) in sentences.iter_mut().enumerate() {
        let mut end = s.end.min(s.start + MAX_ATTRIBUTED_SENTENCE);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if end != s.end {
            cut.push((i, s.end));
            s.end = end;
        }
    }
    let model = crate::syntax::Model::embedded().map_err(|e| ExtractError::Model(e.to_string()))?;
    let attributions = crate::attribution::attribute(text, &sentences, registry, model);
    for (i, end) in cut {
        sentences[i].end = end;
    }
    let mut seen = rustc_hash::FxHashMap::default();
    seen.reserve(sentences.len());
    Ok(Extraction {
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
            path: None,
            paragraphs: (paragraphs != ParagraphMode::Line).then_some(paragraphs),
        },
        claims: Claims {
            text,
            sentences: sentences.into_iter(),
            attributions: attributions.into_iter(),
            seen,
        },
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
