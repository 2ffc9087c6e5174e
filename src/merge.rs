//! Re-extraction merge: a fresh extraction combined with the claim file a reviewer has been editing.
//!
//! Nothing a reviewer added is lost: `review` and `corroboration` always carry over; `attribution` and `hedging`
//! are refreshed from the new extraction only when they still match the digest the extractor left (`extracted`),
//! so hand corrections survive; document metadata the reviewer filled in stays unless new metadata is given.
//!
//! A claim is the same claim when its sentence is the same (same id). When a sentence was edited lightly (a typo
//! fixed, a number corrected), its id changes; the review work on the earlier wording then follows it to the new
//! wording instead of being orphaned, when both are **in the same place** and **alike**:
//!
//! - *same place*: claims whose sentence did not change are anchors; an old claim whose sentence vanished and a
//!   new claim whose sentence appeared are in the same place when they lie between the same two anchors (the same
//!   gap of a diff of the two claim lists). Within a gap they are paired in document order.
//! - *alike*: [`similarity`] at least [`CARRY_THRESHOLD`] (0.6): the share of words the two wordings have in
//!   common. A one-word change in a ten-word sentence is 0.9; a rewritten sentence is well below 0.6.
//!
//! The new claim takes the old one's review, corroboration and hand corrections and records the wording they
//! were made on in `changed` (id, hash, text, similarity); `check` then asks for re-confirmation
//! (`needs-reconfirmation`) until a reviewer deletes the `changed` block. An old claim with no review work is
//! simply replaced. Claims whose sentence left the article and found no successor are kept, marked
//! `status: missing`, in their old place: their history stays, and `check` no longer judges their sourcing.

use std::collections::{HashMap, HashSet};

use crate::extract::machine_digest;
use crate::record::{Changed, Claim, ClaimFile, ClaimStatus};

/// Smallest [`similarity`] at which an edited sentence takes over the review of its earlier wording.
pub const CARRY_THRESHOLD: f64 = 0.6;

/// What a merge changed, for the command's report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Whether the article's bytes changed since the last extraction.
    pub article_changed: bool,
    /// Claims new in this extraction.
    pub added: usize,
    /// Claims whose sentence is no longer in the article (kept, marked missing).
    pub missing: usize,
    /// Claims whose machine-produced attribution or hedging changed.
    pub refreshed: usize,
    /// Claims whose hand-corrected attribution or hedging was kept over the new extraction.
    pub kept_corrections: usize,
    /// Claims that carried a review or corroboration over.
    pub kept_reviews: usize,
    /// Claims whose text, hash or location had been edited in the claim file and were restored from the article
    /// (the article is the source of truth for them).
    pub restored: usize,
    /// Edited sentences that took over the review work of their earlier wording (marked `changed`).
    pub carried: usize,
    /// Edited sentences whose earlier wording had no review work to carry (replaced).
    pub replaced: usize,
}

/// How alike two wordings of a sentence are, 0 to 1: twice the number of words they share (counted with
/// multiplicity, case-insensitively, punctuation ignored) over the number of words in both. Word order does not
/// count: the words are sorted once and compared in one merge pass.
pub fn similarity(a: &str, b: &str) -> f64 {
    shared_share(&words(a), &words(b))
}

/// The lowercased words of `s`, sorted (what [`similarity`] compares).
fn words(s: &str) -> Vec<String> {
    let mut w: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    w.sort_unstable();
    w
}

/// [`similarity`] of two sorted word lists.
fn shared_share(x: &[String], y: &[String]) -> f64 {
    if x.is_empty() && y.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (x.len() + y.len()) as f64
}

/// Whether a reviewer put work into a claim: a review, corroboration or a hand correction.
fn has_review_work(c: &Claim) -> bool {
    c.review != Default::default() || !c.corroboration.is_empty() || is_corrected(c)
}

/// Whether the claim's attribution or hedging no longer match the digest the extractor left.
fn is_corrected(c: &Claim) -> bool {
    c.extracted.as_deref() != Some(machine_digest(&c.attribution, &c.hedging).as_str())
}

/// Merges `fresh` (a new extraction) into `old` (the claim file on disk).
pub fn merge(old: ClaimFile, mut fresh: ClaimFile) -> (ClaimFile, Changes) {
    let mut changes = Changes {
        article_changed: old.document.text_sha256 != fresh.document.text_sha256,
        ..Changes::default()
    };
    let od = old.document;
    let fd = &mut fresh.document;
    if !changes.article_changed {
        fd.retrieved = od.retrieved;
    }
    fd.title = fd.title.take().or(od.title);
    fd.publisher = fd.publisher.take().or(od.publisher);
    fd.url = fd.url.take().or(od.url);
    fd.published = fd.published.take().or(od.published);
    fd.language = fd.language.take().or(od.language);
    fd.path = fd.path.take().or(od.path);
    let mut old_claims = old.claims;
    if old.schema_version < 2 {
        upgrade_from_v1(&mut old_claims);
    }

    // The gaps: each old claim whose sentence vanished, and each new claim whose sentence is new, is keyed by the
    // next claim present in both (`None` after the last one).
    let old_ids: HashSet<String> = old_claims.iter().map(|c| c.id.clone()).collect();
    let fresh_ids: HashSet<String> = fresh.claims.iter().map(|c| c.id.clone()).collect();
    let mut vanished: HashMap<Option<String>, Vec<Claim>> = HashMap::new();
    let mut waiting: Vec<Claim> = Vec::new();
    let mut old_by_id: HashMap<String, Claim> = HashMap::new();
    for c in old_claims {
        if fresh_ids.contains(&c.id) {
            if !waiting.is_empty() {
                vanished.insert(Some(c.id.clone()), std::mem::take(&mut waiting));
            }
            old_by_id.insert(c.id.clone(), c);
        } else {
            waiting.push(c);
        }
    }
    if !waiting.is_empty() {
        vanished.insert(None, waiting);
    }

    let mut claims = Vec::with_capacity(fresh.claims.len() + vanished.len());
    let mut gap: Vec<Claim> = Vec::new();
    for new in fresh.claims {
        if !old_ids.contains(&new.id) {
            gap.push(new);
            continue;
        }
        let olds = vanished.remove(&Some(new.id.clone())).unwrap_or_default();
        close_gap(olds, std::mem::take(&mut gap), &mut claims, &mut changes);
        let old = old_by_id
            .remove(&new.id)
            .expect("an id in both files has its old claim");
        claims.push(carry_same(old, new, &mut changes));
    }
    let olds = vanished.remove(&None).unwrap_or_default();
    close_gap(olds, gap, &mut claims, &mut changes);
    fresh.claims = claims;
    (fresh, changes)
}

/// The same sentence, old and new: the new extraction, with what the reviewer added to the old one.
fn carry_same(old: Claim, mut new: Claim, changes: &mut Changes) -> Claim {
    if old.text != new.text
        || old.hash != new.hash
        || (!changes.article_changed && old.location != new.location)
    {
        // A location moves when the article changes; only in an unchanged article was it edited by hand.
        changes.restored += 1;
    }
    if old.status.is_some() {
        changes.added += 1;
    }
    if old.review != Default::default() || !old.corroboration.is_empty() {
        changes.kept_reviews += 1;
    }
    carry_work(old, &mut new, changes);
    new
}

/// Moves the reviewer's work (review, corroboration, hand corrections, a pending `changed`) from `old` to `new`.
fn carry_work(old: Claim, new: &mut Claim, changes: &mut Changes) {
    if is_corrected(&old) {
        changes.kept_corrections += 1;
        new.attribution = old.attribution;
        new.hedging = old.hedging;
        new.extracted = old.extracted;
    } else if old.attribution != new.attribution || old.hedging != new.hedging {
        changes.refreshed += 1;
    }
    new.review = old.review;
    new.corroboration = old.corroboration;
    if new.changed.is_none() {
        new.changed = old.changed;
    }
}

/// One gap between claims present in both files: old claims whose sentence vanished and new claims whose sentence
/// is new, both in document order. Alike pairs carry the review over; the rest are added or kept as missing, the
/// missing ones before the new ones (where they were, as far as the gap tells).
fn close_gap(olds: Vec<Claim>, news: Vec<Claim>, out: &mut Vec<Claim>, changes: &mut Changes) {
    // Claims already missing before this run are history, not candidates.
    let (history, candidates): (Vec<Claim>, Vec<Claim>) = olds
        .into_iter()
        .partition(|c| c.status == Some(ClaimStatus::Missing));
    // Each candidate is compared by the wording its review was made on; words are taken once per claim, not once
    // per comparison.
    let reviewed: Vec<Vec<String>> = candidates
        .iter()
        .map(|c| words(c.changed.as_ref().map_or(c.text.as_str(), |ch| &ch.text)))
        .collect();
    let mut taken: Vec<Option<Claim>> = candidates.into_iter().map(Some).collect();
    let mut paired: Vec<(Claim, Option<(Claim, f64)>)> = Vec::with_capacity(news.len());
    let mut next = 0;
    for new in news {
        let new_words = words(&new.text);
        let best = (next..taken.len())
            .filter(|&k| taken[k].is_some())
            .map(|k| (k, shared_share(&reviewed[k], &new_words)))
            .filter(|&(_, s)| s >= CARRY_THRESHOLD)
            .fold(None, |best: Option<(usize, f64)>, (k, s)| match best {
                Some((_, b)) if b >= s => best,
                _ => Some((k, s)),
            });
        let old = best.and_then(|(k, s)| {
            next = k + 1;
            taken[k].take().map(|o| (o, s))
        });
        paired.push((new, old));
    }
    let unpaired: Vec<Claim> = taken.into_iter().flatten().collect();
    for mut c in history.into_iter().chain(unpaired) {
        if c.status != Some(ClaimStatus::Missing) {
            changes.missing += 1;
        }
        c.status = Some(ClaimStatus::Missing);
        out.push(c);
    }
    for (mut new, old) in paired {
        match old {
            None => changes.added += 1,
            Some((old, s)) if has_review_work(&old) => {
                changes.carried += 1;
                let similarity = (s * 100.0).round() / 100.0;
                // The wording the review was made on: the earliest one not yet re-confirmed.
                let changed = match &old.changed {
                    Some(ch) => Changed {
                        similarity,
                        ..ch.clone()
                    },
                    None => Changed {
                        id: old.id.clone(),
                        hash: old.hash.clone(),
                        text: old.text.clone(),
                        similarity,
                    },
                };
                carry_work(old, &mut new, changes);
                new.changed = Some(changed);
            }
            Some(_) => changes.replaced += 1,
        }
        out.push(new);
    }
}

/// Format version 1 counted mention offsets from the start of the article; version 2 counts them from the claim's
/// sentence. Hand-corrected attributions are kept as written, so their offsets are moved to the new origin (the
/// digest is computed before and after, so a correction stays a correction and an untouched claim stays untouched).
fn upgrade_from_v1(claims: &mut [Claim]) {
    for c in claims {
        let Some(from) = c.location.start else {
            continue;
        };
        let untouched = !is_corrected(c);
        for a in &mut c.attribution {
            a.shift_mentions(from as i64);
        }
        if untouched {
            c.extracted = Some(machine_digest(&c.attribution, &c.hedging));
        }
        c.location.start = None;
        c.location.end = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_counts_shared_words() {
        assert_eq!(similarity("Talks resumed.", "talks RESUMED"), 1.0);
        let s = similarity(
            "The bridge cost 5 million euros, officials said.",
            "The bridge cost 6 million euros, officials said.",
        );
        assert!((s - 0.875).abs() < 1e-9, "{s}");
        assert!(
            similarity(
                "The minister resigned on Friday.",
                "Rain is expected across the north."
            ) < 0.2
        );
        assert_eq!(similarity("", ""), 1.0);
        assert_eq!(similarity("word", ""), 0.0);
    }
}
