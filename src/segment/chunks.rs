//! Cutting very long paragraphs into pieces of a few KB before sentencex sees them.
//!
//! Why: parts of sentencex are quadratic in the length of the text it is given. For every quote range it
//! recounts the quote marks of the whole paragraph unless the previous range used the same mark (so text that
//! alternates `'…'` and `"…"` pays once per range), and a 160 KB paragraph of `'a' (b) "c". ` takes 12 s.
//! Whole State of the Union addresses come as one line. Cutting at places where sentencex would split anyway
//! bounds that cost by the piece size. It also bounds how far a mispaired quote reaches: on the 10 MB
//! benchmark corpus the only differences from unpieced segmentation are sentence ends that an apostrophe
//! (`'89`, `'90s`) paired with one far away had hidden.
//!
//! A cut goes after a terminator run (`.`, `!`, `?`, then closing quotes or brackets) followed by whitespace:
//! - once a piece has [`TARGET`] bytes, at the first *strong* candidate outside a short double quotation: a
//!   word of two or more letters that is not an abbreviation before the terminator, and a capital letter
//!   (after optional opening marks) after it, which is where sentencex splits too;
//! - once it has more than [`MARK_BUDGET`] quote marks and brackets (what sentencex is quadratic in), at any
//!   candidate after a word that is not an abbreviation; beyond twice that, or [`MAX`] bytes, at any.
//!
//! Text without terminators is never cut: sentencex is linear on it, and there is no sentence end to find.

use sentencex::languages::{English, Language};

use super::rules::TITLES;

/// Pieces are cut at the first strong candidate once they reach this many bytes.
pub(super) const TARGET: usize = 2048;
/// Pieces are cut at any candidate once they reach this many bytes.
pub(super) const MAX: usize = 8192;
/// Pieces with more quote marks and brackets than this are cut at the next plausible candidate.
const MARK_BUDGET: usize = 64;

/// The English rules object of sentencex, for its abbreviation list.
static ENGLISH: English = English {};

/// Calls `f(start, end)` for consecutive pieces that cover `doc[start..end]` in order.
pub(super) fn for_each_piece(doc: &str, start: usize, end: usize, mut f: impl FnMut(usize, usize)) {
    if end - start <= TARGET {
        f(start, end);
        return;
    }
    let bytes = doc.as_bytes();
    let mut cursor = start;
    let mut marks = 0usize;
    // Where the double quotation we are in opened, if any: no strong cut inside a short quotation.
    let mut quote_open: Option<usize> = None;
    let mut i = start;
    while i < end && end - cursor > TARGET {
        let b = bytes[i];
        if !INTERESTING[usize::from(b)] {
            i += 1;
            continue;
        }
        match b {
            b'"' => {
                marks += 1;
                quote_open = if quote_open.is_some() { None } else { Some(i) };
            }
            0xE2 if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x9C])) => {
                marks += 1;
                quote_open = Some(i);
            }
            0xE2 if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x9D])) => {
                marks += 1;
                quote_open = None;
            }
            0xE2 if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x98..=0x9F])) => marks += 1,
            _ if is_ascii_mark(b) => marks += 1,
            b'.' | b'!' | b'?' => {
                let run_end = i + bytes[i..end]
                    .iter()
                    .take_while(|b| matches!(b, b'.' | b'!' | b'?'))
                    .count();
                if let Some((cut, kind)) = candidate(doc, i, run_end, end) {
                    let in_quote = quote_open.is_some_and(|q| i - q < super::rules::LONG_SENTENCE);
                    let accept = match kind {
                        Kind::Strong => (i >= cursor + TARGET && !in_quote) || marks > MARK_BUDGET,
                        Kind::Medium => marks > MARK_BUDGET || i >= cursor + MAX,
                        Kind::Weak => marks > 2 * MARK_BUDGET || i >= cursor + MAX,
                    };
                    if accept {
                        f(cursor, cut);
                        cursor = cut;
                        marks = 0;
                        quote_open = None;
                        i = cut;
                        continue;
                    }
                }
                // Skip the whole run: a run of a million dots must not be rescanned from each dot.
                i = run_end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    f(cursor, end);
}

/// Bytes the scan in [`for_each_piece`] looks at; a table lookup lets it skip the rest (most of the text)
/// in a tight loop.
static INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b".!?\"'`()[]{}<>\xE2";
    let mut k = 0;
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

fn is_ascii_mark(b: u8) -> bool {
    matches!(
        b,
        b'"' | b'\'' | b'`' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'<' | b'>'
    )
}

/// Whether the terminator run `doc[i..run_end]` ends a cut candidate; returns the cut (after the
/// terminators and closing marks, before the whitespace) and how sure it is.
fn candidate(doc: &str, i: usize, run_end: usize, end: usize) -> Option<(usize, Kind)> {
    let bytes = doc.as_bytes();
    let mut j = run_end;
    loop {
        if j < end && matches!(bytes[j], b'"' | b'\'' | b')' | b']') {
            j += 1;
        } else if matches!(&bytes[j.min(end)..end], [0xE2, 0x80, 0x99 | 0x9D, ..]) {
            j += 3;
        } else {
            break;
        }
    }
    if j >= end || !bytes[j].is_ascii_whitespace() {
        return None;
    }
    let word_start = doc[..i]
        .trim_end_matches(|c: char| c.is_ascii_alphanumeric())
        .len();
    let word = &doc[word_start..i];
    let next = doc[j..end]
        .trim_start()
        .trim_start_matches(['"', '\'', '(', '[', '“', '‘']);
    let word_ok = word.len() >= 2
        && !TITLES.contains(word)
        && !ENGLISH
            .get_abbreviations()
            .contains(word.to_ascii_lowercase().as_str());
    // Never start a piece with an inline list marker (`… security. (5) Our policy …`): sentencex would take
    // the rest of the piece for that item and not split inside it.
    let marker_next = super::lists::leading_marker_len(doc[j..end].trim_start()) > 0;
    let kind = match (word_ok, next.starts_with(|c: char| c.is_ascii_uppercase())) {
        (true, true) if !marker_next => Kind::Strong,
        (true, _) => Kind::Medium,
        (false, _) => Kind::Weak,
    };
    Some((j, kind))
}

/// How sure a cut candidate is to be a sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `word. Next`: sentencex splits here too (outside quotations).
    Strong,
    /// `word. next`, `word. 12`: not an abbreviation, but maybe not an end either.
    Medium,
    /// Anything else (`U.S. Next`, `a. b`).
    Weak,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(doc: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for_each_piece(doc, 0, doc.len(), |s, e| out.push(&doc[s..e]));
        out
    }

    #[test]
    fn short_text_is_one_piece() {
        assert_eq!(pieces("One. Two."), ["One. Two."]);
    }

    #[test]
    fn long_text_is_cut_at_sentence_ends() {
        let sentence =
            "The committee met again and discussed the budget with Gov. Smith at length. ";
        let doc = sentence.repeat(200);
        let got = pieces(&doc);
        assert!(got.len() > 1);
        assert_eq!(got.concat(), doc);
        for p in &got[..got.len() - 1] {
            assert!(p.ends_with("length."), "{p:?}");
            assert!(p.len() < MAX);
        }
    }

    #[test]
    fn no_terminators_no_cut() {
        let doc = "word ".repeat(10_000);
        assert_eq!(pieces(&doc).len(), 1);
    }

    #[test]
    fn dense_marks_are_cut_early() {
        let doc = "'a' (b) \"c\". ".repeat(2_000);
        let got = pieces(&doc);
        assert_eq!(got.concat(), doc);
        assert!(
            got.iter().all(|p| p.len() <= TARGET + 64),
            "{}",
            got.iter().map(|p| p.len()).max().unwrap_or(0)
        );
    }
}
