//! The claim-file data model: what a claim file on disk contains.
//!
//! These types are the single source of truth for the format: the JSON Schemas in `schemas/` are generated from
//! them (`claimtrail schema`), the YAML writer serialises them field by field in declaration order (so key order is
//! fixed), and the validator deserialises into them once a file has passed the schema. Doc comments here become the
//! schema `description`s that editors show on hover, so they are written for a reviewer, not for a Rust reader.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the claim-file format written by this build. Bump on any incompatible change. Version 1 (still read,
/// upgraded by re-extraction) stored absolute byte offsets (`location.start` and `end`, mention spans counted from
/// the start of the article), so a one-byte edit early in an article moved every later claim's lines; version 2
/// stores positions that only change where the text changed.
pub const SCHEMA_VERSION: u32 = 2;

/// Name and version of the text normalisation applied before hashing (see [`crate::hash`]).
pub const NORMALISATION: &str = "nfc-collapse-whitespace-v1";

/// One claim file: the claims of one source document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "claimtrail claim file")]
pub struct ClaimFile {
    /// Version of the claim-file format. This build writes version 2 and reads versions 1 and 2 (re-extraction
    /// upgrades a version 1 file).
    #[schemars(range(min = 1, max = 2))]
    pub schema_version: u32,
    /// How claim text is normalised before hashing. Always `nfc-collapse-whitespace-v1` in format versions 1 and 2:
    /// Unicode NFC, every run of whitespace collapsed to one space, leading and trailing whitespace removed.
    #[schemars(extend("const" = "nfc-collapse-whitespace-v1"))]
    pub normalisation: String,
    /// The source document these claims come from.
    pub document: Document,
    /// One record per sentence of the document, in document order.
    pub claims: Vec<Claim>,
}

/// Metadata of the source document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Document id: lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit. It is also the
    /// claim file's name without `.yaml`, and what `<document-id>#<claim-id>` references point to.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9._-]*$"), length(max = 200))]
    pub id: String,
    /// Headline of the article, `null` when unknown.
    #[schemars(required, extend("type" = ["string", "null"]))]
    pub title: Option<String>,
    /// The outlet that published the document (a name or a source-registry id), `null` when unknown.
    #[schemars(required, extend("type" = ["string", "null"]))]
    pub publisher: Option<String>,
    /// Where the document was published, `null` when unknown.
    #[schemars(required, extend("type" = ["string", "null"]))]
    pub url: Option<String>,
    /// Publication date: `YYYY-MM-DD` or an RFC 3339 timestamp; `null` when unknown.
    #[schemars(regex(
        pattern = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$"
    ))]
    #[schemars(required, extend("type" = ["string", "null"]))]
    pub published: Option<String>,
    /// When the text was retrieved or extracted: `YYYY-MM-DD` or an RFC 3339 timestamp (second precision).
    #[schemars(regex(
        pattern = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$"
    ))]
    pub retrieved: String,
    /// Language of the document as a BCP 47 tag, e.g. `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"))]
    pub language: Option<String>,
    /// Hex sha256 of the exact bytes of the source text the claims were extracted from. It tells whether the article
    /// changed since extraction.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub text_sha256: String,
    /// The article file, relative to this claim file's directory with `/` separators, when it was extracted from a
    /// file. `check` reads it to point findings at the article's line and column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 4096))]
    pub path: Option<String>,
    /// What ended a paragraph when the claims were extracted: `blank` (blank lines only, `extract --paragraphs
    /// blank`); absent means every line break. Paragraph numbers in `location` count paragraphs this way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraphs: Option<ParagraphMode>,
}

/// What ends a paragraph of an article.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum ParagraphMode {
    /// Every line break (one paragraph per line): the default.
    #[default]
    Line,
    /// Only a blank line (text hard-wrapped at a fixed width, paragraphs separated by empty lines).
    Blank,
}

impl From<ParagraphMode> for crate::segment::ParagraphBreaks {
    fn from(m: ParagraphMode) -> Self {
        match m {
            ParagraphMode::Line => Self::Line,
            ParagraphMode::Blank => Self::BlankLine,
        }
    }
}

/// One claim: a sentence of the document, what it rests on and how it is hedged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Stable claim id: the first 12 hex digits of `hash`, with `-2`, `-3`, … for the second, third, … occurrence of
    /// the same sentence in one document.
    #[schemars(regex(pattern = r"^[0-9a-f]{12}(-[2-9]|-[1-9][0-9]+)?$"))]
    pub id: String,
    /// `sha256:` and the hex sha256 of the normalised `text`. Editing `text` without re-extracting makes this stale,
    /// and `claimtrail validate` reports it.
    #[schemars(regex(pattern = r"^sha256:[0-9a-f]{64}$"))]
    pub hash: String,
    /// The sentence as it appears in the document.
    #[schemars(length(min = 1))]
    pub text: String,
    /// Where the sentence is in the source text.
    pub location: Location,
    /// `missing` when re-extraction no longer found this sentence in the document; the claim is kept so that its
    /// review is not lost. Absent means the sentence is present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ClaimStatus>,
    /// Who the claim rests on. Empty means the publisher asserts it on its own authority.
    pub attribution: Vec<Attribution>,
    /// How strongly the claim is hedged.
    pub hedging: Hedging,
    /// Other claims or documents that support this claim, added by reviewers.
    #[serde(default)]
    pub corroboration: Vec<Corroboration>,
    /// The reviewer's verdict.
    #[serde(default)]
    pub review: Review,
    /// Set by re-extraction when the sentence was edited lightly in the article (see `merge`) and this claim took
    /// over the review, corroboration and corrections made on its earlier wording. The review needs
    /// re-confirming: `check` reports `needs-reconfirmation` until a reviewer deletes this block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<Changed>,
    /// Digest of `attribution` and `hedging` as the extractor last wrote them. When they no longer match it, a
    /// reviewer has corrected them and re-extraction keeps the correction. Maintained by `claimtrail extract`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9a-f]{16}$"))]
    pub extracted: Option<String>,
}

/// The wording a claim's review was made on, before a light edit of the sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Changed {
    /// The earlier sentence's claim `id`: references to it (`<document-id>#<id>` in other claim files) still find
    /// this claim.
    #[schemars(regex(pattern = r"^[0-9a-f]{12}(-[2-9]|-[1-9][0-9]+)?$"))]
    pub id: String,
    /// The earlier sentence's `hash`.
    #[schemars(regex(pattern = r"^sha256:[0-9a-f]{64}$"))]
    pub hash: String,
    /// The earlier sentence.
    #[schemars(length(min = 1))]
    pub text: String,
    /// How alike the two wordings are, 0 to 1 (see `merge::similarity`).
    pub similarity: f64,
}

impl Claim {
    /// The ids a reference may use for this claim: its own and, after a light edit, its earlier one.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.id.as_str()).chain(self.changed.as_ref().map(|c| c.id.as_str()))
    }
}

/// Where a sentence is in the source text.
///
/// Ordinals, not byte offsets: a typo fixed in one sentence leaves every other claim's location as it was, so the
/// claim file's diff shows only the claims that changed. Byte offsets in the article are computed when needed
/// (findings point at the article's line and column when `document.path` finds it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Paragraph number, from 0.
    pub paragraph: u32,
    /// Sentence number within the paragraph, from 0.
    pub sentence: u32,
    /// Format version 1 only: byte offset of the sentence's first byte in the article. Not written since version 2
    /// (re-extraction drops it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<u64>,
    /// Format version 1 only: byte offset just past the sentence's last byte in the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<u64>,
}

/// Whether a claim's sentence is still in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimStatus {
    /// Re-extraction did not find the sentence any more.
    Missing,
}

/// One source a claim is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    /// The source as resolved: a person's full name ("Dmitry Peskov"), an outlet ("Interfax"), or a description for
    /// unnamed sources ("a White House official").
    #[schemars(length(min = 1))]
    pub name: String,
    /// `primary`: the source speaks for itself or its own document; `secondary`: a news agency or outlet relays what
    /// happened; `unknown`: cannot tell (anonymous sources).
    pub kind: SourceKind,
    /// The source's role or title as the text gives it ("Kremlin spokesman", "news agency").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The words that signal the attribution, as written ("said", "reported", "according to", ":").
    #[schemars(length(min = 1))]
    pub cue: String,
    /// What kind of predicate the cue is: what the source did with the content (said it, reported it, showed it,
    /// demanded it, judged it, believes it). The checker's policy decides which classes count as support.
    /// Omitted in files written before classes existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<CueClass>,
    /// Whether the claim quotes the source's words (`direct`), paraphrases them (`indirect`) or both (`mixed`).
    pub quote: QuoteKind,
    /// True when the source is not named ("officials said", "a source familiar with the matter").
    pub anonymous: bool,
    /// Where the source is mentioned as written (it may be a pronoun such as "he").
    pub mention: Span,
    /// Id of the matching entry in the source registry, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9._-]*$"))]
    pub source: Option<String>,
    /// Who relayed the source's words to the publisher, from the relay nearest the source to the one nearest the
    /// publisher: "Reuters reported, citing a White House official" has the official as `name` and Reuters here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<Relay>,
}

/// A source that passed another source's words on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relay {
    /// The relaying source as resolved ("Reuters").
    #[schemars(length(min = 1))]
    pub name: String,
    /// Usually `secondary`.
    pub kind: SourceKind,
    /// Role or title as the text gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The relaying words as written ("citing", "told", "according to a report by").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// Where the relay is mentioned, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mention: Option<Span>,
    /// Id of the matching entry in the source registry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9._-]*$"))]
    pub source: Option<String>,
}

/// A byte range in the article, counted from the first byte of the claim's sentence: `text[start..end]` is the
/// mention when it lies in the sentence. A source named in another sentence of the paragraph (the speaker of a
/// quotation that runs over several sentences) has offsets before 0 or past the sentence's end. Counting from the
/// sentence keeps the numbers still when other sentences are edited. (Format version 1 counted from the start of
/// the article.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// Offset of the first byte.
    pub start: i64,
    /// Offset just past the last byte.
    pub end: i64,
}

/// Whether a source speaks for itself.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// Speaks for itself: a person, official or institution, or its own document.
    Primary,
    /// Relays what others said or did: a news agency or outlet.
    Secondary,
    /// Cannot tell, e.g. an anonymous source.
    Unknown,
}

/// What a source did with the content, by the cue that introduces it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum CueClass {
    /// Said it: say, tell, add, announce, claim, deny, confirm, "according to" a person.
    Speech,
    /// Reported or published it: an outlet's report ("Interfax reported", "wrote", "broadcast").
    Reporting,
    /// A document, poll, study or data shows it: show, find, indicate, estimate; "according to the report".
    Evidential,
    /// Asked for it: urge, call on, call for, ask … to, demand.
    Directive,
    /// Judged someone or something: accuse, praise, criticise, blame, condemn.
    Evaluative,
    /// Believes, thinks, expects, fears, hopes or wants it: the source's stance, not a report of fact.
    Cognition,
}

impl CueClass {
    /// Every class, in the order above.
    pub const ALL: [CueClass; 6] = [
        CueClass::Speech,
        CueClass::Reporting,
        CueClass::Evidential,
        CueClass::Directive,
        CueClass::Evaluative,
        CueClass::Cognition,
    ];

    /// The name used in claim files and policy files.
    pub fn as_str(self) -> &'static str {
        match self {
            CueClass::Speech => "speech",
            CueClass::Reporting => "reporting",
            CueClass::Evidential => "evidential",
            CueClass::Directive => "directive",
            CueClass::Evaluative => "evaluative",
            CueClass::Cognition => "cognition",
        }
    }
}

/// How a claim reproduces the source's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum QuoteKind {
    /// The source's own words in quotation marks.
    Direct,
    /// A paraphrase.
    Indirect,
    /// A paraphrase with quoted fragments.
    Mixed,
}

/// The hedging a claim carries.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hedging {
    /// The strongest hedge in the sentence on the ordered scale `none` < `speculative` < `reported` < `alleged`.
    pub level: HedgeLevel,
    /// The hedge cues as written in the sentence ("reportedly", "may", "accused of").
    #[serde(default)]
    pub cues: Vec<String>,
}

/// Ordered hedging scale. Each step distances the publisher further from the claim: `speculative` marks the
/// writer's own uncertainty ("probably", "may"), `reported` puts the claim on unnamed others' word ("reportedly",
/// "is said to"), and `alleged` marks an accusation nobody has proven ("alleged", "accused of").
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum HedgeLevel {
    /// No hedge cue.
    #[default]
    None,
    /// Epistemic modality: "probably", "may", "might", "could", "appears to", "likely".
    Speculative,
    /// Evidentials: "reportedly", "purportedly", "is said to", "according to reports".
    Reported,
    /// Allegation: "alleged", "allegedly", "accused of", "claims that".
    Alleged,
}

/// Something a reviewer found that supports the claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Corroboration {
    /// Another claim in a claim file.
    Claim(ClaimRef),
    /// A document on the web.
    Url(UrlRef),
}

/// A corroborating claim in another (or the same) claim file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimRef {
    /// `<document-id>#<claim-id>`.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9._-]*#[0-9a-f]{12}(-[0-9]+)?$"))]
    pub claim: String,
    /// `suggested` when `claimtrail match --write` proposed it and nobody has decided yet: it counts for nothing
    /// until a reviewer deletes this line or sets `accepted`; `rejected` keeps it from counting and from being
    /// suggested again. Absent on entries people write.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SuggestionStatus>,
    /// Why it corroborates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Whether a corroborating claim is a machine suggestion awaiting review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SuggestionStatus {
    /// Proposed by `match --write`; not counted by `check`.
    Suggested,
    /// Accepted by a reviewer; counted (the same as no status).
    Accepted,
    /// Rejected by a reviewer: not counted, and kept so that `match --write` does not suggest it again.
    Rejected,
}

impl Attribution {
    /// Moves every mention (the source's and its relays') `by` bytes earlier: from offsets counted from one origin
    /// to offsets counted from a point `by` bytes later (the start of the claim's sentence).
    pub fn shift_mentions(&mut self, by: i64) {
        let spans = std::iter::once(&mut self.mention)
            .chain(self.via.iter_mut().filter_map(|r| r.mention.as_mut()));
        for s in spans {
            s.start -= by;
            s.end -= by;
        }
    }
}

impl ClaimRef {
    /// Whether `check` counts this entry: a person wrote or accepted it.
    pub fn counts(&self) -> bool {
        matches!(self.status, None | Some(SuggestionStatus::Accepted))
    }

    /// Whether it is a machine suggestion nobody has decided on.
    pub fn is_pending(&self) -> bool {
        self.status == Some(SuggestionStatus::Suggested)
    }
}

/// A corroborating document given by URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UrlRef {
    /// Where the corroborating document is.
    #[schemars(length(min = 1))]
    pub url: String,
    /// Who published it: a source-registry id or a name.
    #[schemars(length(min = 1))]
    pub source: String,
    /// Whether that source speaks for itself (`primary`) or relays others (`secondary`).
    pub kind: SourceKind,
    /// Why it corroborates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The reviewer's verdict on a claim.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// `unreviewed` until a reviewer decides.
    pub status: ReviewStatus,
    /// Who reviewed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// When: `YYYY-MM-DD` or an RFC 3339 timestamp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(
        pattern = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$"
    ))]
    pub at: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Checker findings the reviewer waived on this claim, each with a reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
}

/// A waived checker finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The checker rule id, e.g. `single-secondary-source`.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9-]*$"))]
    pub rule: String,
    /// Why the finding does not apply. A waiver without a reason is itself an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A reviewer's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewStatus {
    /// Nobody has reviewed the claim yet.
    #[default]
    Unreviewed,
    /// Evidence supports the claim.
    Supported,
    /// Evidence contradicts part of the claim or sources disagree.
    Disputed,
    /// The claim is false.
    False,
    /// The claim cannot be checked with the evidence available.
    Unverifiable,
}
