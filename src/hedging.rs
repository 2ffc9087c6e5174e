//! Hedging detection: which hedge cues a sentence carries and its level on the ordered scale.

use crate::record::Hedging;

/// Finds the hedge cues in one sentence.
pub fn detect(_sentence: &str) -> Hedging {
    Hedging::default()
}
