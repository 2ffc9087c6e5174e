//! Re-extraction merge: a fresh extraction combined with the claim file a reviewer has been editing.
//!
//! Nothing a reviewer added is lost: `review` and `corroboration` always carry over; `attribution` and `hedging`
//! are refreshed from the new extraction only when they still match the digest the extractor left (`extracted`),
//! so hand corrections survive; claims whose sentence left the article are kept, marked `status: missing`, in
//! their old place; document metadata the reviewer filled in stays unless new metadata is given.

use std::collections::{HashMap, HashSet};

use crate::extract::machine_digest;
use crate::record::{Claim, ClaimFile, ClaimStatus};

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

    let fresh_ids: HashSet<String> = fresh.claims.iter().map(|c| c.id.clone()).collect();
    // Each vanished claim is anchored to the next old claim that survives, to keep its place in the file.
    let mut anchored: HashMap<String, Vec<Claim>> = HashMap::new();
    let mut trailing: Vec<Claim> = Vec::new();
    let mut waiting: Vec<Claim> = Vec::new();
    let mut old_by_id: HashMap<String, Claim> = HashMap::new();
    for c in old.claims {
        if fresh_ids.contains(&c.id) {
            if !waiting.is_empty() {
                anchored.insert(c.id.clone(), std::mem::take(&mut waiting));
            }
            old_by_id.insert(c.id.clone(), c);
        } else {
            waiting.push(c);
        }
    }
    trailing.append(&mut waiting);

    let mut claims = Vec::with_capacity(fresh.claims.len() + anchored.len() + trailing.len());
    let push_missing = |claims: &mut Vec<Claim>, list: Vec<Claim>, changes: &mut Changes| {
        for mut c in list {
            if c.status != Some(ClaimStatus::Missing) {
                changes.missing += 1;
            }
            c.status = Some(ClaimStatus::Missing);
            claims.push(c);
        }
    };
    for mut new in fresh.claims {
        if let Some(list) = anchored.remove(&new.id) {
            push_missing(&mut claims, list, &mut changes);
        }
        match old_by_id.remove(&new.id) {
            None => changes.added += 1,
            Some(old) => {
                // A location moves when the article changes; only in an unchanged article was it edited by hand.
                let moved = !changes.article_changed && old.location != new.location;
                if old.text != new.text || old.hash != new.hash || moved {
                    changes.restored += 1;
                }
                let edited = old.extracted.as_deref()
                    != Some(machine_digest(&old.attribution, &old.hedging).as_str());
                if edited {
                    changes.kept_corrections += 1;
                    new.attribution = old.attribution;
                    new.hedging = old.hedging;
                    new.extracted = old.extracted;
                } else if old.attribution != new.attribution || old.hedging != new.hedging {
                    changes.refreshed += 1;
                }
                if old.review != Default::default() || !old.corroboration.is_empty() {
                    changes.kept_reviews += 1;
                }
                if old.status.is_some() {
                    changes.added += 1;
                }
                new.review = old.review;
                new.corroboration = old.corroboration;
            }
        }
        claims.push(new);
    }
    push_missing(&mut claims, trailing, &mut changes);
    fresh.claims = claims;
    (fresh, changes)
}
