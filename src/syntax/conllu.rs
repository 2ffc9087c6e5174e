//! CoNLL-U, the Universal Dependencies file format: read for training and `parse --tokenized`, written by `parse`.
//!
//! Reading keeps everything a round trip needs (comments, multiword-token ranges, empty nodes, the columns the
//! models do not fill), so `parse --tokenized` can hand a file back with only LEMMA, UPOS, XPOS, HEAD and DEPREL
//! changed. Errors name the line; nothing here panics on malformed input.

use std::fmt::Write as _;

/// One syntactic word (an integer ID line).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root; otherwise the 1-based ID of the head word. `None` when the column is `_`.
    pub head: Option<u32>,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

/// A line that is not a syntactic word but must be written back where it stood: a multiword-token range
/// (`3-4 don't`) or an empty node (`5.1 …`). `before` is the index of the word it precedes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extra {
    pub before: usize,
    pub line: String,
    /// For a range line, the word span `[first, last]` (0-based, inclusive) it covers.
    pub range: Option<(usize, usize)>,
}

/// One sentence block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Comment lines without the leading `#`-space (`sent_id = …`, `text = …`).
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    pub extras: Vec<Extra>,
    /// 1-based line of the block's first line in its file, for messages.
    pub line: usize,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    /// Whether the word at `i` has `SpaceAfter=No` in MISC, either on itself or, for the last word of a
    /// multiword token, on the token's range line.
    pub fn space_after(&self, i: usize) -> bool {
        let no_space = |misc: &str| misc.split('|').any(|m| m == "SpaceAfter=No");
        for e in &self.extras {
            if let Some((a, b)) = e.range
                && (a..=b).contains(&i)
            {
                if i < b {
                    return false;
                }
                let misc = e.line.rsplit('\t').next().unwrap_or("");
                return !no_space(misc);
            }
        }
        !no_space(&self.words[i].misc)
    }
}

/// A malformed CoNLL-U line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct Error {
    pub line: usize,
    pub message: String,
}

fn err(line: usize, message: impl Into<String>) -> Error {
    Error {
        line,
        message: message.into(),
    }
}

/// Parses a whole CoNLL-U document.
pub fn parse(text: &str) -> Result<Vec<Sentence>, Error> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut started = false;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if started {
                finish(&mut cur)?;
                out.push(std::mem::take(&mut cur));
                started = false;
            }
            continue;
        }
        if !started {
            cur.line = line_no;
            started = true;
        }
        if let Some(c) = line.strip_prefix('#') {
            cur.comments
                .push(c.strip_prefix(' ').unwrap_or(c).to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(
                line_no,
                format!(
                    "expected 10 tab-separated columns, found {} (is the file CoNLL-U?)",
                    cols.len()
                ),
            ));
        }
        let id = cols[0];
        if let Some((a, b)) = id.split_once('-') {
            let (a, b) = (parse_id(a, line_no)?, parse_id(b, line_no)?);
            let first = cur.words.len() + 1;
            if a != first || b < a {
                return Err(err(
                    line_no,
                    format!("multiword range {id} does not start at word {first}"),
                ));
            }
            cur.extras.push(Extra {
                before: cur.words.len(),
                line: line.to_string(),
                range: Some((a - 1, b - 1)),
            });
        } else if id.contains('.') {
            cur.extras.push(Extra {
                before: cur.words.len(),
                line: line.to_string(),
                range: None,
            });
        } else {
            let n = parse_id(id, line_no)?;
            if n != cur.words.len() + 1 {
                return Err(err(
                    line_no,
                    format!(
                        "word ID {n} out of order (expected {})",
                        cur.words.len() + 1
                    ),
                ));
            }
            let head = match cols[6] {
                "_" => None,
                h => Some(
                    h.parse::<u32>()
                        .map_err(|_| err(line_no, format!("HEAD {h:?} is not a number")))?,
                ),
            };
            cur.words.push(Word {
                form: cols[1].to_string(),
                lemma: cols[2].to_string(),
                upos: cols[3].to_string(),
                xpos: cols[4].to_string(),
                feats: cols[5].to_string(),
                head,
                deprel: cols[7].to_string(),
                deps: cols[8].to_string(),
                misc: cols[9].to_string(),
            });
        }
    }
    if started {
        finish(&mut cur)?;
        out.push(cur);
    }
    Ok(out)
}

fn parse_id(s: &str, line: usize) -> Result<usize, Error> {
    s.parse::<usize>()
        .ok()
        .filter(|&n| n > 0)
        .ok_or_else(|| err(line, format!("bad word ID {s:?}")))
}

/// Checks what can only be checked once the block is complete: heads in range, ranges within the words.
fn finish(s: &mut Sentence) -> Result<(), Error> {
    let n = s.words.len();
    if n == 0 {
        return Err(err(s.line, "sentence block has no words"));
    }
    for (i, w) in s.words.iter().enumerate() {
        if let Some(h) = w.head
            && h as usize > n
        {
            return Err(err(
                s.line,
                format!(
                    "word {} has HEAD {h} beyond the sentence's {n} words",
                    i + 1
                ),
            ));
        }
    }
    for e in &s.extras {
        if let Some((_, b)) = e.range
            && b >= n
        {
            return Err(err(
                s.line,
                format!("multiword range ends at word {} of {n}", b + 1),
            ));
        }
    }
    Ok(())
}

/// Writes one sentence block, ending with the blank line.
pub fn write(out: &mut String, s: &Sentence) {
    for c in &s.comments {
        out.push_str("# ");
        out.push_str(c);
        out.push('\n');
    }
    let mut extras = s.extras.iter().peekable();
    for (i, w) in s.words.iter().enumerate() {
        while let Some(e) = extras.next_if(|e| e.before <= i) {
            out.push_str(&e.line);
            out.push('\n');
        }
        let head = w.head.map_or_else(|| "_".to_string(), |h| h.to_string());
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            i + 1,
            field(&w.form),
            field(&w.lemma),
            field(&w.upos),
            field(&w.xpos),
            field(&w.feats),
            head,
            field(&w.deprel),
            field(&w.deps),
            field(&w.misc)
        );
    }
    for e in extras {
        out.push_str(&e.line);
        out.push('\n');
    }
    out.push('\n');
}

/// A column value as CoNLL-U allows it: never empty, never with a tab or line break.
fn field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_empty() {
        "_".into()
    } else if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ").into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# sent_id = a-1\n# text = We don't know.\n1\tWe\twe\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn round_trip_keeps_ranges_and_comments() {
        let s = parse(DOC).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words.len(), 5);
        assert_eq!(s[0].extras[0].range, Some((1, 2)));
        assert_eq!(s[0].comment("text"), Some("We don't know."));
        assert!(!s[0].space_after(1));
        assert!(s[0].space_after(2));
        assert!(!s[0].space_after(3));
        let mut out = String::new();
        write(&mut out, &s[0]);
        assert_eq!(out, DOC);
    }

    #[test]
    fn malformed_lines_are_located_errors() {
        let e = parse("1\tx\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = parse("1\ta\ta\tX\tX\t_\t7\tdep\t_\t_\n").unwrap_err();
        assert!(e.message.contains("HEAD 7"), "{e}");
        let e = parse("2\ta\ta\tX\tX\t_\t0\troot\t_\t_\n").unwrap_err();
        assert!(e.message.contains("out of order"), "{e}");
        let e = parse("1\ta\ta\tX\tX\t_\tz\troot\t_\t_\n").unwrap_err();
        assert!(e.message.contains("not a number"), "{e}");
    }

    #[test]
    fn fields_never_break_the_format() {
        let s = Sentence {
            words: vec![Word {
                form: "a\tb".into(),
                ..Word::default()
            }],
            ..Sentence::default()
        };
        let mut out = String::new();
        write(&mut out, &s);
        assert_eq!(out, "1\ta b\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
    }
}
