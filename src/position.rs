//! Where claims are in their article: the byte offsets that claim files no longer store (format version 2 stores
//! paragraph and sentence ordinals, so that an edit in one sentence leaves every other claim's lines alone).
//!
//! The article is segmented again exactly as `extract` segmented it (front matter skipped, the paragraph mode the
//! claim file records), and each claim's ordinals are looked up. A claim whose sentence is not at its ordinals with
//! the same text (the article changed since extraction, or the claim is `missing`) has no position.

use crate::record::{Claim, Document};
use crate::segment;
use crate::yaml::Loc;

/// A claim's sentence in the article: byte offsets, and the line and column of its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Byte offset of the sentence's first byte.
    pub start: usize,
    /// Byte offset just past its last byte.
    pub end: usize,
    /// Line and column (in characters, both from 1) of `start`.
    pub loc: Loc,
}

/// The positions of `claims` (of the claim file whose document is `document`) in the article `text`, one per claim.
pub fn positions(text: &str, document: &Document, claims: &[Claim]) -> Vec<Option<Position>> {
    let body = crate::article::front_matter(text).map_or(0, |(_, start)| start);
    let options = segment::Options {
        paragraph_breaks: document.paragraphs.unwrap_or_default().into(),
    };
    let sentences = segment::split_from(text, body, options);
    let by_ordinal: rustc_hash::FxHashMap<(u32, u32), (usize, usize)> = sentences
        .iter()
        .map(|s| ((s.paragraph, s.sentence), (s.start, s.end)))
        .collect();
    let mut lines = LineCounter::new(text);
    claims
        .iter()
        .map(|c| {
            let &(start, end) = by_ordinal.get(&(c.location.paragraph, c.location.sentence))?;
            if text[start..end] != c.text {
                return None;
            }
            Some(Position {
                start,
                end,
                loc: lines.at(start),
            })
        })
        .collect()
}

/// [`Loc::of_offset`] for many offsets: one pass over the text when they come in increasing order (claims do),
/// instead of a scan from the start for each.
struct LineCounter<'t> {
    text: &'t str,
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    fn at(&mut self, offset: usize) -> Loc {
        if offset < self.offset {
            *self = LineCounter::new(self.text);
        }
        for (i, b) in self.text.as_bytes()[self.offset..offset].iter().enumerate() {
            if *b == b'\n' {
                self.line += 1;
                self.line_start = self.offset + i + 1;
            }
        }
        self.offset = offset;
        let column = self.text[self.line_start..offset].chars().count() + 1;
        Loc {
            line: self.line as u32,
            column: column as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_are_found_at_their_ordinals() {
        let text = "---\nid: x\n---\nFirst one here. Second one.\n\nThird, on its own line.\n";
        let registry = crate::registry::Registry::builtin();
        let file = crate::extract::extract(text, Default::default(), None, "2026-12-08", &registry)
            .unwrap();
        let found = positions(text, &file.document, &file.claims);
        let got: Vec<(&str, u32, u32)> = found
            .iter()
            .map(|p| {
                let p = p.unwrap();
                assert_eq!(p.loc, Loc::of_offset(text.as_bytes(), p.start));
                (&text[p.start..p.end], p.loc.line, p.loc.column)
            })
            .collect();
        assert_eq!(
            got,
            [
                ("First one here.", 4, 1),
                ("Second one.", 4, 17),
                ("Third, on its own line.", 6, 1)
            ]
        );
        // An article changed since extraction: the changed sentence has no position, the others keep theirs.
        let edited = text.replace("Second one.", "Second two.");
        let found = positions(&edited, &file.document, &file.claims);
        assert_eq!(
            found.iter().map(Option::is_some).collect::<Vec<_>>(),
            [true, false, true]
        );
    }
}
