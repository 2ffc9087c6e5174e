//! Sentence segmentation of article text into paragraphs and sentences with byte offsets.
//!
//! Interface used by the rest of claimtrail: [`split`] returns sentences in document order; offsets are byte
//! offsets into the input, and `&text[start..end]` is the sentence without surrounding whitespace.

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

/// Splits a document into sentences. Paragraphs are separated by blank lines; a sentence never crosses one.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0u32;
    let mut offset = 0usize;
    for block in text.split_inclusive('\n') {
        let trimmed = block.trim();
        if trimmed.is_empty() {
            offset += block.len();
            continue;
        }
        let mut sentence = 0u32;
        for s in sentencex::segment("en", block) {
            let lead = s.len() - s.trim_start().len();
            let core = s.trim();
            if core.is_empty() {
                continue;
            }
            let start = offset + (s.as_ptr() as usize - block.as_ptr() as usize) + lead;
            out.push(Sentence { paragraph, sentence, start, end: start + core.len() });
            sentence += 1;
        }
        paragraph += 1;
        offset += block.len();
    }
    out
}
