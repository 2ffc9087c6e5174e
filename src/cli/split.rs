//! `claimtrail split`: article text to sentences, one per line or as JSON lines with byte offsets.
//!
//! The whole input is read into memory (articles are small, and offsets need the whole text); bytes are
//! checked by [`crate::segment::decode`] so binary and non-UTF-8 input fail with the byte offset instead of
//! producing noise. Empty or whitespace-only input is not an error: it has no sentences, which the command
//! says on standard error while exiting 0.

use std::borrow::Cow;
use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::Context;

use super::Status;
use crate::escape::visible;
use crate::record::ParagraphMode;
use crate::segment::{self, InputError, Options, ParagraphBreaks, Sentence};

/// Arguments of `claimtrail split`.
#[derive(Debug, clap::Args)]
pub struct SplitArgs {
    /// Text file to split (UTF-8); `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// Output: one sentence per line (`text`), or one JSON object per sentence with paragraph and sentence
    /// numbers and byte offsets into the input (`jsonl`).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// What ends a paragraph: every line break (`line`: one paragraph per line, the layout of article files)
    /// or only a blank line (`blank`: for text wrapped at a fixed width). A sentence never crosses a paragraph.
    #[arg(long, value_enum, default_value_t = ParagraphMode::Line)]
    pub paragraphs: ParagraphMode,
    /// Accept invalid UTF-8: each invalid sequence is shown as U+FFFD in the sentence text, and offsets still
    /// count the input's bytes. Without it, invalid UTF-8 is an error naming the byte offset.
    #[arg(long)]
    pub lossy: bool,
}

/// Output format of `claimtrail split`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One sentence per line; line breaks inside a sentence (only with `--paragraphs blank`) become spaces, and
    /// other control characters, U+2028/U+2029 and bidi controls are shown escaped (`\t`, `\u{1b}`).
    Text,
    /// One JSON object per line: `{"paragraph","sentence","start","end","text"}`.
    Jsonl,
}

/// One line of `--format jsonl`; field order is the documented order.
#[derive(serde::Serialize)]
struct Record<'a> {
    paragraph: u32,
    sentence: u32,
    start: usize,
    end: usize,
    text: &'a str,
}

/// Runs `claimtrail split`.
pub fn run(args: &SplitArgs) -> anyhow::Result<Status> {
    let (name, bytes) = read_input(args.file.as_deref())?;
    let text = match segment::decode(&bytes, args.lossy) {
        Ok(text) => text,
        Err(e @ InputError::InvalidUtf8 { .. }) => {
            anyhow::bail!(
                "{name}: {e} (pass --lossy to read it anyway, with U+FFFD for the invalid bytes)"
            )
        }
        Err(e) => anyhow::bail!("{name}: {e}"),
    };
    let options = Options {
        paragraph_breaks: args.paragraphs.into(),
    };
    // A YAML front-matter block is metadata, not sentences: skipped as `extract` skips it, offsets still into the
    // whole input.
    let body_start = match crate::article::front_matter(&text) {
        Ok((_, body_start)) => body_start,
        Err(e) => anyhow::bail!("{name}:{}:{}: {}", e.loc.line, e.loc.column, e.message),
    };
    let sentences = segment::split_from(&text, body_start, options);
    if sentences.is_empty() {
        eprintln!(
            "claimtrail split: {}: no sentences (the input is empty or only whitespace)",
            visible(&name)
        );
        return Ok(Status::Clean);
    }
    let lossy = matches!(text, Cow::Owned(_));
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    for s in &sentences {
        let sentence_text = sentence_text(s, &text, &bytes, lossy);
        match args.format {
            Format::Text => {
                // Only `--paragraphs blank` lets a line break into a sentence; fold it so one line is one sentence.
                // Whatever else could break the line or act on a terminal (a form feed, U+2028, an ESC sequence)
                // is shown escaped; `jsonl` has the exact text.
                if options.paragraph_breaks == ParagraphBreaks::BlankLine
                    && sentence_text.bytes().any(|b| b == b'\n' || b == b'\r')
                {
                    let folded = sentence_text
                        .replace("\r\n", " ")
                        .replace(['\n', '\r'], " ");
                    writeln!(out, "{}", visible(&folded))?;
                } else {
                    writeln!(out, "{}", visible(&sentence_text))?;
                }
            }
            Format::Jsonl => {
                let record = Record {
                    paragraph: s.paragraph,
                    sentence: s.sentence,
                    start: s.start,
                    end: s.end,
                    text: &sentence_text,
                };
                serde_json::to_writer(&mut out, &record)?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush()?;
    Ok(Status::Clean)
}

/// The text of a sentence as shown: with lossy decoding, the original bytes with U+FFFD for invalid
/// sequences (the decoded text has one placeholder byte per invalid byte, see [`segment::SUBSTITUTE`]).
fn sentence_text<'a>(s: &Sentence, text: &'a str, bytes: &'a [u8], lossy: bool) -> Cow<'a, str> {
    if lossy {
        String::from_utf8_lossy(&bytes[s.start..s.end])
    } else {
        Cow::Borrowed(s.text(text))
    }
}

/// Reads the whole input; returns a name for messages and the bytes.
pub(super) fn read_input(file: Option<&std::path::Path>) -> anyhow::Result<(String, Vec<u8>)> {
    match file {
        Some(path) if path.as_os_str() != "-" => {
            let name = path.display().to_string();
            let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
            Ok((name, bytes))
        }
        _ => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            Ok(("<stdin>".to_string(), bytes))
        }
    }
}
