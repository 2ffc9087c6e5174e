//! Sentence segmentation of article text into paragraphs and sentences with byte offsets.
//!
//! Interface used by the rest of claimtrail: [`split`] returns sentences in document order; offsets are byte
//! offsets into the input, and `&text[start..end]` is the sentence without surrounding whitespace.
//!
//! # Paragraphs
//!
//! By default every line break ends a paragraph ([`ParagraphBreaks::Line`]), and blank lines only separate
//! paragraphs. Article files put one paragraph on each line (with or without blank lines between them),
//! and in such a file a line break is never inside a sentence; treating it as a paragraph end also keeps a
//! headline, a dateline or a list item without final punctuation from running into the next line. Text
//! wrapped at a fixed width needs [`ParagraphBreaks::BlankLine`] instead, where a single line break is
//! whitespace inside a sentence and only a blank line (or one of only whitespace) ends a paragraph.
//! Line breaks are `\n`, `\r\n` and a lone `\r`, so Windows and old Mac files give the same sentences; the
//! `\r` is never part of a sentence. A sentence never crosses a paragraph, and paragraphs are numbered from
//! 0 counting only those that contain text.
//!
//! # How sentences are found
//!
//! The rules engine is Wikimedia's sentencex, which handles the news traps well ("U.S. President", "the
//! U.S., Interfax reported", "Interfax reported .", "a.m.", initials, "No. 10", decimals, quotes that end
//! a sentence, brackets inside quotes) and is fast. Around it, claimtrail adds what it gets wrong (see the
//! child modules): inline lists (`1. … 2. …`, module `lists`); an ellipsis after a sentence's period, titles
//! such as "Ms." it sometimes splits after, "a.m. Tuesday", and a length bound on quotations so that one
//! stray quote mark cannot turn a paragraph into a single sentence (module `rules`).
//!
//! Every step is linear in the length of the input. Parts of sentencex are quadratic in the length of one
//! paragraph, so long paragraphs (a whole speech on one line) are first cut into pieces of a few KB at
//! sentence ends (module `chunks`); a paragraph of 50 MB without punctuation is one pass and one sentence.
//! Input bytes are checked by [`decode`] (NUL bytes, invalid UTF-8) before they reach [`split`]; a UTF-8
//! byte order mark at the start is skipped and offsets still count it.

mod chunks;
mod input;
mod lists;
mod rules;

pub use input::{InputError, SUBSTITUTE, decode};

/// One sentence of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Sentence {
    /// Paragraph number, from 0.
    pub paragraph: u32,
    /// Sentence number within its paragraph, from 0.
    pub sentence: u32,
    /// Byte offset of the first byte of the sentence.
    pub start: usize,
    /// Byte offset just past its last byte.
    pub end: usize,
}

impl Sentence {
    /// The sentence's text in `doc`.
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start..self.end]
    }
}

/// What ends a paragraph; see the module documentation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ParagraphBreaks {
    /// Every line break (one paragraph per line, the layout of article files).
    #[default]
    Line,
    /// Only a blank line; single line breaks are whitespace (text wrapped at a fixed width).
    BlankLine,
}

/// Settings of [`split_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// What ends a paragraph.
    pub paragraph_breaks: ParagraphBreaks,
}

/// The UTF-8 byte order mark, skipped at the start of the input.
const BOM: &str = "\u{feff}";

/// Splits a document into sentences, one paragraph per line (see the module documentation).
pub fn split(text: &str) -> Vec<Sentence> {
    split_with(text, Options::default())
}

/// Splits the part of `text` from byte `from` on (an article's body after its front matter), with offsets into the
/// whole of `text`, so that they point into the file as given.
pub fn split_from(text: &str, from: usize, options: Options) -> Vec<Sentence> {
    let mut sentences = split_with(&text[from..], options);
    for s in &mut sentences {
        s.start += from;
        s.end += from;
    }
    sentences
}

/// Splits a document into sentences with the given options.
pub fn split_with(text: &str, options: Options) -> Vec<Sentence> {
    let body = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut out = Vec::with_capacity(text.len() / 128);
    let mut spans = Vec::new();
    let mut paragraph = 0u32;
    let mut emit = |start: usize, end: usize, out: &mut Vec<Sentence>| {
        spans.clear();
        segment_paragraph(text, start, end, &mut spans);
        if spans.is_empty() {
            return;
        }
        out.extend(
            spans
                .iter()
                .zip(0u32..)
                .map(|(&(start, end), sentence)| Sentence {
                    paragraph,
                    sentence,
                    start,
                    end,
                }),
        );
        paragraph += 1;
    };
    match options.paragraph_breaks {
        ParagraphBreaks::Line => {
            for (start, end) in lines(text, body) {
                emit(start, end, &mut out);
            }
        }
        ParagraphBreaks::BlankLine => {
            let mut open: Option<(usize, usize)> = None;
            for (start, end) in lines(text, body) {
                let blank = text[start..end].trim().is_empty();
                match (open, blank) {
                    (Some((s, _)), false) => open = Some((s, end)),
                    (None, false) => open = Some((start, end)),
                    (Some((s, e)), true) => {
                        emit(s, e, &mut out);
                        open = None;
                    }
                    (None, true) => {}
                }
            }
            if let Some((s, e)) = open {
                emit(s, e, &mut out);
            }
        }
    }
    out
}

/// Segments the paragraph `text[start..end]` into trimmed sentence spans.
fn segment_paragraph(text: &str, start: usize, end: usize, spans: &mut Vec<(usize, usize)>) {
    let para = &text[start..end];
    let trimmed = para.trim_start();
    let start = start + (para.len() - trimmed.len());
    let end = start + trimmed.trim_end().len();
    if start == end {
        return;
    }
    let items = lists::item_starts(&text[start..end]);
    if items.is_empty() {
        rules::segment_unit(text, start, end, spans);
        return;
    }
    let ends = items
        .iter()
        .skip(1)
        .copied()
        .chain(std::iter::once(end - start));
    for (&a, b) in items.iter().zip(ends) {
        let item = text[start + a..start + b].trim_end();
        rules::segment_unit(text, start + a, start + a + item.len(), spans);
    }
}

/// The lines of `text` from byte `from` on, as `(start, end)` without their line break (`\n`, `\r\n` or a
/// lone `\r`). Uses `str::find` on single bytes, which std runs as a memchr.
fn lines(text: &str, from: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = from;
    let mut pending: Vec<(usize, usize)> = Vec::new();
    std::iter::from_fn(move || {
        loop {
            if let Some(line) = pending.pop() {
                return Some(line);
            }
            if pos >= text.len() {
                return None;
            }
            let nl = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
            let mut line_end = nl;
            if nl < text.len() && text[pos..nl].ends_with('\r') {
                line_end -= 1;
            }
            let line = &text[pos..line_end];
            if line.contains('\r') {
                // Lone carriage returns (old Mac line ends) inside what `\n` delimits: more lines.
                let mut at = pos;
                for piece in line.split('\r') {
                    pending.push((at, at + piece.len()));
                    at += piece.len() + 1;
                }
                pending.reverse();
            } else {
                pending.push((pos, line_end));
            }
            pos = nl + 1;
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn news_traps() {
        let doc = "U.S. President Joe Biden spoke. It was between Russia and the U.S., Interfax reported. \
                   Interfax reported . He left at 9 a.m. and Dr. J. R. Smith stayed at No. 10 with 3.5 percent.";
        assert_eq!(
            texts(doc),
            [
                "U.S. President Joe Biden spoke.",
                "It was between Russia and the U.S., Interfax reported.",
                "Interfax reported .",
                "He left at 9 a.m. and Dr. J. R. Smith stayed at No. 10 with 3.5 percent."
            ]
        );
    }

    #[test]
    fn quotes_and_brackets() {
        assert_eq!(
            texts(
                "He likened Putin to a “killer.” Peskov said \"If [of the envoys' return] then yes,\" he told them."
            ),
            [
                "He likened Putin to a “killer.”",
                "Peskov said \"If [of the envoys' return] then yes,\" he told them."
            ]
        );
    }

    #[test]
    fn every_line_is_a_paragraph() {
        let doc = "First one. Second one.\nHeadline without a period\n\n  \nThird.";
        let got = split(doc);
        let view: Vec<(u32, u32, &str)> = got
            .iter()
            .map(|s| (s.paragraph, s.sentence, s.text(doc)))
            .collect();
        assert_eq!(
            view,
            [
                (0, 0, "First one."),
                (0, 1, "Second one."),
                (1, 0, "Headline without a period"),
                (2, 0, "Third.")
            ]
        );
    }

    #[test]
    fn blank_line_mode_joins_wrapped_lines() {
        let doc = "A sentence wrapped\nover two lines. Next.\n\nNew paragraph.";
        let options = Options {
            paragraph_breaks: ParagraphBreaks::BlankLine,
        };
        let got: Vec<(u32, &str)> = split_with(doc, options)
            .iter()
            .map(|s| (s.paragraph, s.text(doc)))
            .collect();
        assert_eq!(
            got,
            [
                (0, "A sentence wrapped\nover two lines."),
                (0, "Next."),
                (1, "New paragraph.")
            ]
        );
    }

    #[test]
    fn crlf_and_lone_cr() {
        let doc = "One. Two.\r\nThree.\rFour.\r\n\r\nFive.";
        assert_eq!(texts(doc), ["One.", "Two.", "Three.", "Four.", "Five."]);
        let blank = Options {
            paragraph_breaks: ParagraphBreaks::BlankLine,
        };
        let got: Vec<(u32, &str)> = split_with(doc, blank)
            .iter()
            .map(|s| (s.paragraph, s.text(doc)))
            .collect();
        assert_eq!(
            got,
            [
                (0, "One."),
                (0, "Two."),
                (0, "Three."),
                (0, "Four."),
                (1, "Five.")
            ]
        );
    }

    #[test]
    fn bom_is_skipped_but_counted() {
        let doc = "\u{feff}Hello there. Bye.";
        let got = split(doc);
        assert_eq!(got[0].start, 3);
        assert_eq!(texts(doc), ["Hello there.", "Bye."]);
    }

    #[test]
    fn empty_and_blank_inputs() {
        assert!(split("").is_empty());
        assert!(split(" \n\t\r\n  ").is_empty());
        assert!(split("\u{feff}").is_empty());
    }

    #[test]
    fn inline_lists() {
        assert_eq!(
            texts("1. The first item. 2. The second item."),
            ["1. The first item.", "2. The second item."]
        );
        assert_eq!(
            texts("1. A line-per-item list\n2. Second item"),
            ["1. A line-per-item list", "2. Second item"]
        );
    }
}
