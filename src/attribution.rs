//! Attribution: who each sentence's claim rests on, with roles, relay chains and anonymity.

use crate::record::Attribution;
use crate::registry::Registry;
use crate::segment::Sentence;

/// Finds the attributions of every sentence of `text`; the result has one entry per sentence, in order.
pub fn attribute(_text: &str, sentences: &[Sentence], _registry: &Registry) -> Vec<Vec<Attribution>> {
    vec![Vec::new(); sentences.len()]
}
