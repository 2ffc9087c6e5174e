//! `claimtrail match`: suggest claims in different articles that report the same thing.
//!
//! Reviewers add corroboration by hand; finding the other article's sentence that says the same thing is the slow
//! part. This module finds paraphrases, not just identical hashes, in time near-linear in the number of claims:
//!
//! 1. every claim file is read and parsed in parallel (invalid files are reported and skipped); claims marked
//!    `status: missing` and claims shorter than `min_words` words are set aside;
//! 2. each claim's text becomes a set of shingles and a set of anchors ([`text`]): reduced content words and
//!    unordered pairs of adjacent ones, with attribution masked; numbers, weekdays, names, negation;
//! 3. claims with identical shingles and anchors (the same sentence republished, or differing only in
//!    punctuation and function words) are grouped, so wire copy repeated in many articles costs one set, not many;
//! 4. MinHash and LSH banding ([`lsh`]) propose candidate pairs of groups; the score is the exact Jaccard
//!    similarity of the two shingle sets times how far their anchors agree ([`text::agreement`]: a number, name,
//!    weekday or negation that the other claim contradicts lowers it), 1.0 for identical sets;
//! 5. pairs are expanded to claims, and pairs in the same document (unless asked), pairs that already corroborate
//!    each other (either one lists the other) and pairs below the threshold are dropped;
//! 6. **top K** ([`Options::top`], `--top`, default [`DEFAULT_TOP`]): each claim's candidates are ranked by score,
//!    then reference, and a pair is kept when it is among the K best of *either* of its claims. Each claim thus
//!    keeps its K best partners even when they are someone else's eleventh; on template-heavy corpora, where a
//!    sentence pattern matches thousands of others, the output grows with the number of claims (at most K per
//!    claim) instead of with the square of a template's frequency. `top = 0` keeps every pair.
//!
//! Pairs are sorted by score (descending, at two decimals, as printed), then by the two `<doc>#<claim>`
//! references; [`Matches::groups`] lists each claim with its own K best candidates, by reference. Both are
//! deterministic. `--write` ([`write`]) adds every kept pair to both claims' files, as corroboration runs both ways:
//! a claim may so receive a partner that is not among its own K best.
//!
//! **Guards against quadratic work.** Crowded LSH buckets are skipped (see [`lsh`]), and a sentence repeated more
//! than `max_copies` times (boilerplate such as "The company did not respond to a request for comment.") is skipped
//! and counted: corroborating a claim with dozens of copies of a boilerplate line helps no reviewer.

pub mod eval;
pub mod lsh;
pub mod text;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, IO_ERROR};
use crate::fsutil::{self, ReadError};
use crate::record::{ClaimFile, ClaimRef, ClaimStatus, Corroboration};
use crate::schema::Kind;
use crate::yaml::{self, Loc};

/// Default `--threshold`: the score at or above which a pair is suggested.
///
/// Measured on `devset/paraphrase.tsv` (`cargo run --release --example match_dev`; figures in the README,
/// "Suggesting corroboration") and on the hand-written pairs in this module's tests. The threshold leans to
/// recall: a reviewer reads every suggestion and discards a wrong one in seconds, while a missed corroboration is
/// never seen, and `--top` bounds how many a claim gets. Raise it (0.4–0.5) for fewer, surer suggestions.
pub const DEFAULT_THRESHOLD: f64 = 0.25;
/// Default `--top`: candidates kept per claim (see the module documentation).
pub const DEFAULT_TOP: usize = 3;
/// Default `--min-words`: shorter claims ("He denied it.") match too much to be useful.
pub const DEFAULT_MIN_WORDS: usize = 6;
/// Default `--max-copies`.
pub const DEFAULT_MAX_COPIES: usize = 50;
/// Largest LSH bucket whose pairs are compared (see [`lsh`]).
pub const DEFAULT_MAX_BUCKET: usize = 200;

/// Settings of a match run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Smallest score reported, in `0.0..=1.0`.
    pub threshold: f64,
    /// Claims with fewer words are skipped.
    pub min_words: usize,
    /// Whether pairs within one document are reported too.
    pub same_document: bool,
    /// A sentence (shingle set) found in more claims than this is skipped as boilerplate.
    pub max_copies: usize,
    /// LSH buckets with more members than this are skipped.
    pub max_bucket: usize,
    /// Largest claim file read, in bytes.
    pub max_file_size: u64,
    /// Whether `write` may rewrite a claim file with YAML comments, dropping them (otherwise it is refused).
    pub drop_comments: bool,
    /// A pair is kept when it is among the `top` best of either claim; 0 keeps every pair.
    pub top: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threshold: DEFAULT_THRESHOLD,
            min_words: DEFAULT_MIN_WORDS,
            same_document: false,
            max_copies: DEFAULT_MAX_COPIES,
            max_bucket: DEFAULT_MAX_BUCKET,
            max_file_size: crate::validate::DEFAULT_MAX_FILE_SIZE,
            drop_comments: false,
            top: DEFAULT_TOP,
        }
    }
}

/// A claim file that parsed.
#[derive(Debug, Clone)]
pub struct FileEntry {
    /// Where it is.
    pub path: PathBuf,
    /// Its `document.id`.
    pub document: String,
}

/// One claim, as matching needs it.
#[derive(Debug, Clone)]
struct ClaimEntry {
    file: u32,
    id: String,
    /// Index into the corpus's shingle sets, `None` when the claim is set aside.
    set: Option<u32>,
    /// Its text, for the output (empty when set aside: such a claim is in no pair).
    text: Box<str>,
    /// Claim references already in its `corroboration`.
    corroborates: Vec<String>,
}

/// The claims of a set of claim files, analysed.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Files that parsed, sorted by path.
    pub files: Vec<FileEntry>,
    /// Problems: unreadable paths (`io-error`) and files that do not parse.
    pub diagnostics: Vec<Diagnostic>,
    claims: Vec<ClaimEntry>,
    sets: lsh::Sets,
    /// Anchors ([`text::Analysis::anchors`]) of each set, by set index.
    anchors: lsh::Sets,
    /// Claims set aside for `status: missing`.
    missing: usize,
    /// Claims set aside as shorter than `min_words` (or without content words).
    short: usize,
}

impl Corpus {
    /// `<document-id>#<claim-id>` of claim `i`.
    fn reference(&self, i: u32) -> String {
        let c = &self.claims[i as usize];
        format!("{}#{}", self.files[c.file as usize].document, c.id)
    }
}

/// Reads and analyses the claim files under `paths` (`.yaml`/`.yml`, except source registries `sources.yaml`).
pub fn load(paths: &[PathBuf], options: &Options) -> Corpus {
    let (files, errors) = crate::walk::files(paths, &["yaml", "yml"]);
    let mut corpus = Corpus::new();
    corpus.diagnostics = errors
        .into_iter()
        .map(crate::walk::WalkError::into_diagnostic)
        .collect();
    // Source registries live beside claim files; they are not claims.
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|p| matches!(Kind::of_path(p), Kind::ClaimFile))
        .collect();
    let parsed: Vec<Loaded> = files
        .par_iter()
        .map(|path| load_file(path, options))
        .collect();
    for result in parsed {
        match result {
            Err(d) => corpus.diagnostics.extend(d),
            Ok((entry, claims)) => {
                let file = corpus.files.len() as u32;
                corpus.files.push(entry);
                for c in claims {
                    corpus.add_claim(file, c, options);
                }
            }
        }
    }
    crate::diagnostic::sort(&mut corpus.diagnostics);
    corpus
}

impl Corpus {
    fn new() -> Self {
        Corpus {
            sets: lsh::Sets::new(),
            anchors: lsh::Sets::new(),
            ..Corpus::default()
        }
    }

    /// Adds a claim of file `file`, setting it aside (and counting it) when it is missing or too short.
    fn add_claim(&mut self, file: u32, c: ParsedClaim, options: &Options) {
        let set = match c.analysis {
            Some(a) if a.words >= options.min_words && !a.shingles.is_empty() => {
                self.anchors.push(&a.anchors);
                Some(self.sets.push(&a.shingles) as u32)
            }
            Some(_) => {
                self.short += 1;
                None
            }
            None => {
                self.missing += 1;
                None
            }
        };
        self.claims.push(ClaimEntry {
            file,
            id: c.id,
            text: if set.is_some() {
                c.text
            } else {
                Box::default()
            },
            set,
            corroborates: c.corroborates,
        });
    }

    /// Number of claims read.
    pub fn claims(&self) -> usize {
        self.claims.len()
    }
}

/// One file's parse result.
type Loaded = Result<(FileEntry, Vec<ParsedClaim>), Vec<Diagnostic>>;

struct ParsedClaim {
    id: String,
    text: Box<str>,
    /// `None` for claims marked missing.
    analysis: Option<text::Analysis>,
    corroborates: Vec<String>,
}

fn load_file(path: &Path, options: &Options) -> Loaded {
    let file = read_claim_file(path, options.max_file_size)?;
    let claims = file
        .claims
        .into_iter()
        .map(|c| ParsedClaim {
            analysis: (c.status != Some(ClaimStatus::Missing)).then(|| text::analyse(&c.text)),
            corroborates: c
                .corroboration
                .into_iter()
                .filter_map(|r| match r {
                    Corroboration::Claim(r) => Some(r.claim),
                    Corroboration::Url(_) => None,
                })
                .collect(),
            id: c.id,
            text: c.text.into_boxed_str(),
        })
        .collect();
    Ok((
        FileEntry {
            path: path.to_path_buf(),
            document: file.document.id,
        },
        claims,
    ))
}

/// Reads and parses one claim file (YAML, JSON Schema, types), with located problems.
fn read_claim_file(path: &Path, limit: u64) -> Result<ClaimFile, Vec<Diagnostic>> {
    let (name, text) = read(path, limit)?;
    crate::validate::parse_claim_file(&name, &text)
}

fn read(path: &Path, limit: u64) -> Result<(String, String), Vec<Diagnostic>> {
    let name = path.display().to_string();
    match fsutil::read_text(path, limit) {
        Ok(text) => Ok((name, text)),
        Err(ReadError::Io(m)) => Err(vec![Diagnostic::error(&name, Loc::START, "", IO_ERROR, m)]),
        Err(ReadError::Content { offset, message }) => {
            let loc = offset.map_or(Loc::START, |o| {
                Loc::of_offset(&std::fs::read(path).unwrap_or_default(), o)
            });
            Err(vec![Diagnostic::error(
                &name,
                loc,
                "",
                "unreadable",
                message,
            )])
        }
    }
}

/// One suggested pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// `<document-id>#<claim-id>` of one claim (the smaller reference of the two).
    pub a: String,
    /// `<document-id>#<claim-id>` of the other claim.
    pub b: String,
    /// The pair's score ([`similarity`]), rounded to two decimals.
    pub score: f64,
    #[serde(skip)]
    files: (u32, u32),
}

/// Counts for the summary line and the JSON `summary` object.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Claim files read.
    pub files: usize,
    /// Files that could not be read or parsed (not matched).
    pub files_with_problems: usize,
    /// Claims in the files read.
    pub claims: usize,
    /// Claims compared (not missing, not too short, not boilerplate).
    pub compared: usize,
    /// Claims skipped for `status: missing`.
    pub skipped_missing: usize,
    /// Claims skipped as shorter than `--min-words`.
    pub skipped_short: usize,
    /// Claims skipped because their sentence occurs more than `--max-copies` times.
    pub skipped_copies: usize,
    /// Candidate pairs from LSH whose exact similarity was computed.
    pub candidates: usize,
    /// Crowded LSH buckets skipped.
    pub skipped_buckets: usize,
    /// Pairs at or above the threshold that already corroborate each other (not reported).
    pub already_corroborated: usize,
    /// Pairs at or above the threshold, before `--top`.
    pub above_threshold: usize,
    /// Pairs kept and reported (after `--top`).
    pub pairs: usize,
    /// The threshold used.
    pub threshold: f64,
    /// Candidates kept per claim (`--top`; 0: no limit).
    pub top: usize,
}

/// What a match run found: the pairs, packed for memory (a corpus of near-duplicates can yield millions), and
/// counts. [`Matches::pairs`] turns them into [`Pair`]s in output order, [`Matches::groups`] into each claim's
/// candidates.
#[derive(Debug, Clone, Default)]
pub struct Matches {
    /// Sorted keys: `(100 - score in hundredths) << 56 | rank(a) << 28 | rank(b)`, where a claim's rank is its place
    /// in reference order (28 bits: up to 268 million claims), so sorting the keys sorts by score descending, then references.
    packed: Vec<u64>,
    /// Each claim's own top-K list: `rank << 32 | index into packed`, sorted, so a claim's entries are together and
    /// in pair order (score descending, then the partner's reference).
    lists: Vec<u64>,
    /// Claim index by rank.
    order: Vec<u32>,
    /// Counts.
    pub summary: Summary,
}

impl Matches {
    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.packed.len()
    }

    /// Whether no pair was found.
    pub fn is_empty(&self) -> bool {
        self.packed.is_empty()
    }

    /// The pairs in output order: score descending, then references.
    pub fn pairs<'a>(&'a self, corpus: &'a Corpus) -> impl Iterator<Item = Pair> + 'a {
        self.packed.iter().map(move |&k| {
            let (x, y, score) = self.unpack(k);
            Pair {
                a: corpus.reference(x),
                b: corpus.reference(y),
                score,
                files: (
                    corpus.claims[x as usize].file,
                    corpus.claims[y as usize].file,
                ),
            }
        })
    }

    /// Each claim that has candidates, in reference order, with its own best ones (at most `top`), best first.
    pub fn groups<'a>(&'a self, corpus: &'a Corpus) -> impl Iterator<Item = Group<'a>> + 'a {
        self.lists
            .chunk_by(|p, q| p >> 32 == q >> 32)
            .map(move |entries| {
                let claim = self.order[(entries[0] >> 32) as usize];
                let candidates = entries
                    .iter()
                    .map(|&e| {
                        let (x, y, score) = self.unpack(self.packed[(e & 0xffff_ffff) as usize]);
                        let other = if x == claim { y } else { x };
                        Candidate {
                            claim: corpus.reference(other),
                            text: &corpus.claims[other as usize].text,
                            score,
                        }
                    })
                    .collect();
                Group {
                    claim: corpus.reference(claim),
                    text: &corpus.claims[claim as usize].text,
                    candidates,
                }
            })
    }

    /// The two claims (by index) and the score of a packed pair.
    fn unpack(&self, k: u64) -> (u32, u32, f64) {
        let score = f64::from(100 - (k >> 56) as u32) / 100.0;
        let x = self.order[((k >> 28) & 0x0fff_ffff) as usize];
        let y = self.order[(k & 0x0fff_ffff) as usize];
        (x, y, score)
    }
}

/// A claim and its best candidates ([`Matches::groups`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group<'a> {
    /// `<document-id>#<claim-id>`.
    pub claim: String,
    /// The claim's text.
    pub text: &'a str,
    /// Its candidates, best first (score descending, then reference).
    pub candidates: Vec<Candidate<'a>>,
}

/// One candidate of a [`Group`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate<'a> {
    /// `<document-id>#<claim-id>`.
    pub claim: String,
    /// Its text (not serialised: the candidate has its own group, which carries it).
    #[serde(skip)]
    pub text: &'a str,
    /// The pair's score, rounded to two decimals.
    pub score: f64,
}

/// Jaccard similarity of two sorted, deduplicated sets (0 when both are empty).
pub fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// Similarity of two claim texts, as `match` scores them (unrounded).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (text::analyse(a), text::analyse(b));
    score(&a.shingles, &a.anchors, &b.shingles, &b.anchors)
}

/// The score of two analysed claims: the Jaccard similarity of their shingles times their anchors' agreement.
fn score(shingles_a: &[u32], anchors_a: &[u32], shingles_b: &[u32], anchors_b: &[u32]) -> f64 {
    let j = jaccard(shingles_a, shingles_b);
    if j == 0.0 {
        return 0.0;
    }
    j * text::agreement(anchors_a, anchors_b)
}

/// Finds the pairs of similar claims in `corpus`.
pub fn find(corpus: &Corpus, options: &Options) -> Matches {
    let mut summary = Summary {
        files: corpus.files.len(),
        files_with_problems: {
            let mut f: Vec<&str> = corpus.diagnostics.iter().map(|d| d.file.as_str()).collect();
            f.dedup();
            f.len()
        },
        claims: corpus.claims.len(),
        skipped_missing: corpus.missing,
        skipped_short: corpus.short,
        threshold: options.threshold,
        top: options.top,
        ..Summary::default()
    };
    // Claims by set index (set indices follow claim order).
    let claim_of_set: Vec<u32> = corpus
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.set.is_some())
        .map(|(i, _)| i as u32)
        .collect();
    // Group identical sets. The anchors are part of the key: two claims differing only in their weekday, or in
    // "said" vs "denied", have one shingle set but are not the same claim.
    let mut group_of: HashMap<(&[u32], &[u32]), u32> = HashMap::with_capacity(corpus.sets.len());
    let mut groups: Vec<Vec<u32>> = Vec::new();
    for (s, &claim) in claim_of_set.iter().enumerate() {
        let key = (corpus.sets.get(s), corpus.anchors.get(s));
        let g = *group_of.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            (groups.len() - 1) as u32
        });
        groups[g as usize].push(claim);
    }
    drop(group_of);
    let mut reps = lsh::Sets::new();
    let mut rep_anchors = lsh::Sets::new();
    let mut rep_group: Vec<u32> = Vec::new();
    for (g, members) in groups.iter().enumerate() {
        if members.len() > options.max_copies {
            summary.skipped_copies += members.len();
            continue;
        }
        let set = corpus.claims[members[0] as usize].set.unwrap_or_default();
        reps.push(corpus.sets.get(set as usize));
        rep_anchors.push(corpus.anchors.get(set as usize));
        rep_group.push(g as u32);
    }
    summary.compared = claim_of_set.len() - summary.skipped_copies;

    let candidates = lsh::candidates(&reps, options.max_bucket, options.threshold);
    summary.candidates = candidates.pairs.len();
    summary.skipped_buckets = candidates.skipped_buckets;
    let mut group_pairs: Vec<(u32, u32, f64)> = candidates
        .pairs
        .par_iter()
        .filter_map(|&p| {
            let (i, j) = ((p >> 32) as usize, (p & 0xffff_ffff) as usize);
            let score = score(
                reps.get(i),
                rep_anchors.get(i),
                reps.get(j),
                rep_anchors.get(j),
            );
            (score >= options.threshold).then_some((rep_group[i], rep_group[j], score))
        })
        .collect();
    // Identical sets pair up within their group at 1.0.
    group_pairs.extend(
        rep_group
            .iter()
            .filter(|&&g| groups[g as usize].len() > 1)
            .map(|&g| (g, g, 1.0)),
    );

    // Rank claims in reference order (`doc#id` compares like `(doc, id)`: ids of documents sort after `#`).
    let mut order: Vec<u32> = (0..corpus.claims.len() as u32).collect();
    order.par_sort_unstable_by(|&x, &y| {
        let (cx, cy) = (&corpus.claims[x as usize], &corpus.claims[y as usize]);
        (&corpus.files[cx.file as usize].document, &cx.id)
            .cmp(&(&corpus.files[cy.file as usize].document, &cy.id))
    });
    let mut rank = vec![0u32; order.len()];
    for (r, &c) in order.iter().enumerate() {
        rank[c as usize] = r as u32;
    }
    let expanded: Vec<u64> = group_pairs
        .par_iter()
        .flat_map_iter(|&(g, h, score)| {
            let (ga, gb) = (&groups[g as usize], &groups[h as usize]);
            let mut out = Vec::new();
            for (k, &x) in ga.iter().enumerate() {
                let others = if g == h { &gb[k + 1..] } else { &gb[..] };
                for &y in others {
                    if let Some(p) = pack_pair(corpus, &rank, x, y, score, options) {
                        out.push(p);
                    }
                }
            }
            out
        })
        .collect();
    let before = expanded.len();
    let mut packed = expanded;
    packed.retain(|&k| k != KNOWN);
    summary.already_corroborated = before - packed.len();
    packed.par_sort_unstable();
    summary.above_threshold = packed.len();
    let (packed, lists) = keep_top(packed, order.len(), options.top);
    summary.pairs = packed.len();
    Matches {
        packed,
        lists,
        order,
        summary,
    }
}

/// Keeps, from sorted packed pairs, those among the `top` best of either claim (all when `top` is 0), and builds
/// each claim's own list (see [`Matches::lists`]).
///
/// One pass in pair order (score descending, then references) with a count per claim: a pair is in a claim's top
/// K when fewer than K of its pairs came before. Ties at the cut are broken by reference, so the result does not
/// depend on thread scheduling.
fn keep_top(packed: Vec<u64>, claims: usize, top: usize) -> (Vec<u64>, Vec<u64>) {
    let mut taken = vec![0usize; if top == 0 { 0 } else { claims }];
    let mut kept = Vec::with_capacity(if top == 0 {
        packed.len()
    } else {
        claims.min(packed.len())
    });
    let mut lists = Vec::with_capacity(kept.capacity() * 2);
    for k in packed {
        let ranks = [
            ((k >> 28) & 0x0fff_ffff) as usize,
            (k & 0x0fff_ffff) as usize,
        ];
        let mut keep = false;
        for r in ranks {
            if top == 0 || taken[r] < top {
                if top != 0 {
                    taken[r] += 1;
                }
                lists.push((r as u64) << 32 | kept.len() as u64);
                keep = true;
            }
        }
        if keep {
            kept.push(k);
        }
    }
    lists.sort_unstable();
    (kept, lists)
}

/// Marker for a pair whose claims already corroborate each other.
const KNOWN: u64 = u64::MAX;

/// The packed pair of claims `x` and `y` ([`KNOWN`] when one already lists the other), or `None` when they are in
/// one document and that is not wanted.
fn pack_pair(
    corpus: &Corpus,
    rank: &[u32],
    x: u32,
    y: u32,
    score: f64,
    options: &Options,
) -> Option<u64> {
    let (cx, cy) = (&corpus.claims[x as usize], &corpus.claims[y as usize]);
    if !options.same_document
        && (cx.file == cy.file
            // Two files with one document id (copies in two directories) are not a second source either.
            || corpus.files[cx.file as usize].document == corpus.files[cy.file as usize].document)
    {
        return None;
    }
    let lists = |c: &ClaimEntry, other: u32| {
        !c.corroborates.is_empty() && c.corroborates.contains(&corpus.reference(other))
    };
    if lists(cx, y) || lists(cy, x) {
        return Some(KNOWN);
    }
    let (rx, ry) = (rank[x as usize], rank[y as usize]);
    let (lo, hi) = (rx.min(ry), rx.max(ry));
    let hundredths = (score * 100.0).round() as u64;
    Some((100 - hundredths) << 56 | u64::from(lo) << 28 | u64::from(hi))
}

/// The note written with a suggested corroboration.
pub fn note(score: f64) -> String {
    format!("claimtrail match score {score:.2}")
}

/// Claim (reference or id) → the claims to add as its corroboration, with scores.
pub type ByClaim<'a> = BTreeMap<&'a str, Vec<(&'a str, f64)>>;

/// The corroboration entries to add, by claim reference: for each claim in a pair, the other claim and the score,
/// sorted by score descending then reference.
pub fn suggestions(pairs: &[Pair]) -> ByClaim<'_> {
    let mut out: ByClaim = BTreeMap::new();
    for p in pairs {
        out.entry(&p.a).or_default().push((&p.b, p.score));
        out.entry(&p.b).or_default().push((&p.a, p.score));
    }
    for list in out.values_mut() {
        list.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(y.0)));
    }
    out
}

/// What `--write` did to one claim file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteOutcome {
    /// Entries were added and the file rewritten.
    Written {
        /// The file.
        path: PathBuf,
        /// Corroboration entries added.
        added: usize,
        /// YAML comments (other than the schema line) dropped by re-rendering, with `drop_comments`.
        dropped_comments: usize,
    },
    /// Every suggestion was already there.
    Unchanged {
        /// The file.
        path: PathBuf,
    },
    /// The file could not be re-read, parsed or written; it was left as it was.
    Failed(Vec<Diagnostic>),
}

/// Adds each pair as corroboration to both claims' files (`--write`).
///
/// Each file is read and parsed again (it may have changed since matching), entries whose `claim` is already
/// listed are not added again, nothing is removed, and the file is re-rendered with [`yaml::to_yaml`] and replaced
/// atomically, unless it changed on disk meanwhile ([`fsutil::write_guarded`]). A file that does not parse any
/// more is reported and left untouched.
pub fn write(corpus: &Corpus, pairs: &[Pair], options: &Options) -> Vec<WriteOutcome> {
    // file index → claim id → [(reference, score)]
    let mut additions: BTreeMap<u32, ByClaim> = BTreeMap::new();
    for p in pairs {
        for (file, this, other) in [(p.files.0, &p.a, &p.b), (p.files.1, &p.b, &p.a)] {
            let id = this.split_once('#').map_or(this.as_str(), |(_, id)| id);
            additions
                .entry(file)
                .or_default()
                .entry(id)
                .or_default()
                .push((other, p.score));
        }
    }
    let jobs: Vec<(u32, ByClaim)> = additions.into_iter().collect();
    jobs.into_par_iter()
        .map(|(file, adds)| write_file(&corpus.files[file as usize].path, &adds, options))
        .collect()
}

fn write_file(path: &Path, adds: &ByClaim, options: &Options) -> WriteOutcome {
    let name = path.display().to_string();
    let (_, old_text) = match read(path, options.max_file_size) {
        Ok(t) => t,
        Err(d) => return WriteOutcome::Failed(d),
    };
    let mut file = match crate::validate::parse_claim_file(&name, &old_text) {
        Ok(f) => f,
        Err(mut diags) => {
            for d in &mut diags {
                d.message
                    .push_str(" (the claim file is invalid, so it was not changed)");
            }
            return WriteOutcome::Failed(diags);
        }
    };
    // A tampered claim file (a text that no longer matches its hash) must not collect corroboration that
    // `check` would then count.
    let mut tampered = crate::validate::integrity_problems(path, &old_text, &file);
    if !tampered.is_empty() {
        for d in &mut tampered {
            d.message
                .push_str(" (the claim file fails its integrity checks, so it was not changed)");
        }
        return WriteOutcome::Failed(tampered);
    }
    let mut added = 0;
    let mut problems = Vec::new();
    for (id, refs) in adds {
        let Some(claim) = file.claims.iter_mut().find(|c| c.id == *id) else {
            problems.push(Diagnostic::error(
                &name,
                Loc::START,
                "",
                "claim-gone",
                format!("claim `{id}` is no longer in the file; nothing added to it"),
            ));
            continue;
        };
        let mut sorted = refs.clone();
        sorted.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(y.0)));
        for (other, score) in sorted {
            let listed = claim
                .corroboration
                .iter()
                .any(|c| matches!(c, Corroboration::Claim(r) if r.claim == other));
            if !listed {
                // A suggestion until a reviewer accepts it: `check` does not count it before then.
                claim.corroboration.push(Corroboration::Claim(ClaimRef {
                    claim: other.to_string(),
                    status: Some(crate::record::SuggestionStatus::Suggested),
                    note: Some(note(score)),
                }));
                added += 1;
            }
        }
    }
    if !problems.is_empty() {
        // The file changed since it was read: leave it to the reviewer rather than half-apply.
        return WriteOutcome::Failed(problems);
    }
    if added == 0 {
        return WriteOutcome::Unchanged {
            path: path.to_path_buf(),
        };
    }
    // Only a file that is about to be rewritten loses its comments.
    let dropped_comments =
        match crate::diagnostic::comments_to_drop(&name, &old_text, options.drop_comments) {
            Ok(n) => n,
            Err(d) => return WriteOutcome::Failed(d),
        };
    let rendered = match yaml::to_yaml(&file, yaml::SCHEMA_COMMENT_CLAIMS) {
        Ok(y) => y,
        Err(e) => {
            return WriteOutcome::Failed(vec![Diagnostic::error(
                &name,
                Loc::START,
                "",
                "internal",
                e.to_string(),
            )]);
        }
    };
    if rendered.len() as u64 > options.max_file_size {
        return WriteOutcome::Failed(vec![Diagnostic::error(
            &name,
            Loc::START,
            "",
            "too-large",
            format!(
                "with the new corroboration the file would be over {} bytes (--max-file-size), the largest the \
                 other commands read; it was not changed",
                options.max_file_size
            ),
        )]);
    }
    let put = |w: &mut dyn std::io::Write| w.write_all(rendered.as_bytes());
    let failed = |message: String| {
        WriteOutcome::Failed(vec![Diagnostic::error(
            &name,
            Loc::START,
            "",
            IO_ERROR,
            message,
        )])
    };
    match fsutil::write_guarded(path, put, fsutil::Expect::Bytes(old_text.as_bytes())) {
        Ok(true) => {}
        // A reviewer saved the file since it was read: their edit wins, and they are told to run match again.
        Ok(false) => {
            return failed(
                "changed on disk while match was adding to it; it was left as it is: run match --write again"
                    .into(),
            );
        }
        Err(e) => return failed(e.to_string()),
    }
    WriteOutcome::Written {
        path: path.to_path_buf(),
        added,
        dropped_comments,
    }
}

#[cfg(test)]
mod tests;
