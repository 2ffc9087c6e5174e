//! A fast reader for the block-YAML subset that claimtrail writes, in front of the general loader.
//!
//! `check` on 10,000 claim files spent over 40% of its time in the general YAML scanner and parser. Claim files
//! (written by [`super::emit`]) and source registries (written by serde-saphyr through [`super::to_yaml`]) use a
//! small, regular subset of YAML, which this module reads in one pass over the lines: no tokens, no events, plain
//! scalars sliced straight from the input.
//!
//! The contract with [`super::load`]: [`load`] returns `Some(v)` only when the general loader would return
//! `Ok(v)` for the same text, with the same map key order ([`load_located`]: and the same node locations).
//! Anything outside the subset, or doubtful, gives `None`, and the caller falls back to the general loader, which
//! stays the reference and produces every error.
//!
//! The subset:
//! - a block mapping or sequence at the root (at any indentation: `check` locates findings by reading one claim's
//!   lines, `  - id: …`);
//! - blank lines and full-line `#` comments anywhere, at any indentation;
//! - block mappings with plain keys of `[A-Za-z0-9_]` (no quotes), `key: value`, or `key:` followed by a deeper
//!   block or by a sequence at the key's own indentation, or by nothing (null); no duplicate keys;
//! - block sequences of `- ` items that are scalars or mappings starting on the dash line;
//! - scalars on one line: plain (resolved by the YAML 1.2 core schema, as the general loader does), double-quoted
//!   with the escapes `\" \\ \/ \n \t \r \uXXXX`, single-quoted with `''`; and the empty flow collections `[]`
//!   and `{}`.
//!
//! Refused (`None`): tabs, carriage returns and other control or non-printable characters, a byte order mark,
//! trailing spaces, document markers and directives, anchors, aliases, tags, explicit keys, block scalars,
//! non-empty flow collections, multi-line scalars, plain scalars that start with an indicator or contain `": "`
//! or `" #"`, comments after a value, nesting deeper than [`MAX_DEPTH`], and an empty document.

use serde_json::{Map, Value};

use super::load::{Loc, Located, Locator, MAX_DEPTH, resolve_plain};

/// Longest key accepted (YAML limits implicit keys to 1024 characters; claim-file keys are short).
const MAX_KEY: usize = 128;

/// Reads `text` if it is in the subset; `None` if it is not, or if anything is doubtful.
pub fn load(text: &str) -> Option<Value> {
    read(text, None).map(|(value, _)| value)
}

/// Like [`load`], and also records where every node is, as the general loader's [`super::load_located`] does:
/// mapping entries at their key, sequence items at their first character, the root at the start.
pub fn load_located(text: &str) -> Option<Located> {
    let (value, locating) = read(text, Some(Locating::default()))?;
    let locator = locating.map(|l| l.locator).unwrap_or_default();
    Some(Located { value, locator })
}

fn read(text: &str, locating: Option<Locating>) -> Option<(Value, Option<Locating>)> {
    if !characters_ok(text.as_bytes()) {
        return None;
    }
    let mut reader = Reader {
        text,
        pos: 0,
        line_no: 0,
        line: None,
        locating,
        entries: Vec::new(),
        items: Vec::new(),
    };
    reader.advance()?;
    let first = reader.line?;
    if let Some(l) = &mut reader.locating {
        l.locator.by_pointer.insert(String::new(), Loc::START);
    }
    let value = reader.node(first, 1)?;
    match reader.line {
        None => Some((value, reader.locating)),
        Some(_) => None,
    }
}

/// Node locations being recorded.
#[derive(Default)]
struct Locating {
    /// JSON Pointer of the node being read.
    pointer: String,
    locator: Locator,
}

impl Locating {
    /// Records `loc` for the child `segment` of the node at `pointer[..base]`.
    fn record(&mut self, base: usize, segment: impl std::fmt::Display, loc: Loc) {
        use std::fmt::Write;
        self.pointer.truncate(base);
        let _ = write!(self.pointer, "/{segment}");
        self.locator.by_pointer.insert(self.pointer.clone(), loc);
    }
}

/// A line with content: not blank, not a comment.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// Line number, from 1.
    no: u32,
    /// Column of the first character of `s` (spaces before it; tabs are refused).
    indent: usize,
    /// The content, without indentation or line break; never empty, never ends with a space.
    s: &'a str,
}

impl Line<'_> {
    /// Where the content starts (columns count characters; indentation and dashes are ASCII).
    fn loc(&self) -> Loc {
        Loc {
            line: self.no,
            column: self.indent as u32 + 1,
        }
    }
}

struct Reader<'a> {
    text: &'a str,
    /// Start of the next unread line.
    pos: usize,
    /// Number of the lines before `pos`.
    line_no: u32,
    /// The current line, `None` at the end of the text.
    line: Option<Line<'a>>,
    /// Set when node locations are recorded.
    locating: Option<Locating>,
    /// Entries of the mappings being read, innermost last: each mapping is built once its size is known.
    entries: Vec<(String, Value)>,
    /// Items of the sequences being read, likewise.
    items: Vec<Value>,
}

impl<'a> Reader<'a> {
    /// Moves to the next line with content, skipping blank lines and full-line comments. `None` (refusal) on a
    /// line with trailing spaces.
    fn advance(&mut self) -> Option<()> {
        let text = self.text;
        while self.pos < text.len() {
            let rest = &text[self.pos..];
            let end = rest.bytes().position(|b| b == b'\n').unwrap_or(rest.len());
            let raw = &rest[..end];
            self.pos += end + 1;
            self.line_no += 1;
            if raw.is_empty() {
                continue;
            }
            if raw.ends_with(' ') {
                return None;
            }
            let indent = raw.bytes().take_while(|&b| b == b' ').count();
            let s = &raw[indent..];
            if s.starts_with('#') {
                continue;
            }
            self.line = Some(Line {
                no: self.line_no,
                indent,
                s,
            });
            return Some(());
        }
        self.line = None;
        Some(())
    }

    /// The collection that starts with `line`, the current line (or, for a mapping in a sequence item, the part
    /// of the current line after the dash), at nesting `depth` (the root is 1).
    fn node(&mut self, line: Line<'a>, depth: usize) -> Option<Value> {
        if is_dash(line.s) {
            self.sequence(line.indent, depth)
        } else {
            self.mapping(line, depth)
        }
    }

    /// A block sequence whose dashes are at column `indent`, starting at the current line.
    fn sequence(&mut self, indent: usize, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let start = self.items.len();
        let base = self.locating.as_ref().map_or(0, |l| l.pointer.len());
        while let Some(line) = self.line {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            if !is_dash(line.s) {
                break;
            }
            let after = &line.s[1..];
            let spaces = after.bytes().take_while(|&b| b == b' ').count();
            let rest = &after[spaces..];
            if rest.is_empty() || is_dash(rest) {
                // `-` alone (a null or a block on the next lines) or `- - x`: outside the subset.
                return None;
            }
            let inner = Line {
                no: line.no,
                indent: indent + 1 + spaces,
                s: rest,
            };
            if let Some(l) = &mut self.locating {
                l.record(base, self.items.len() - start, inner.loc());
            }
            let item = if split_key(rest).is_some() {
                self.mapping(inner, depth + 1)?
            } else {
                let v = scalar(rest, depth + 1)?;
                self.advance()?;
                v
            };
            self.items.push(item);
        }
        Some(Value::Array(self.items.drain(start..).collect()))
    }

    /// A block mapping whose keys are at column `first.indent`; `first` is (the rest of) the current line.
    fn mapping(&mut self, first: Line<'a>, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let indent = first.indent;
        let start = self.entries.len();
        let base = self.locating.as_ref().map_or(0, |l| l.pointer.len());
        let mut line = first;
        loop {
            let (key, rest) = split_key(line.s)?;
            if let Some(l) = &mut self.locating {
                // Keys are `[A-Za-z0-9_]`: nothing to escape in the pointer.
                l.record(base, key, line.loc());
            }
            let value = if rest.is_empty() {
                self.advance()?;
                match self.line {
                    Some(next) if next.indent > indent => self.node(next, depth + 1)?,
                    Some(next) if next.indent == indent && is_dash(next.s) => {
                        self.sequence(indent, depth + 1)?
                    }
                    _ => Value::Null,
                }
            } else {
                let v = scalar(rest, depth + 1)?;
                self.advance()?;
                v
            };
            self.entries.push((key.to_owned(), value));
            match self.line {
                Some(next) if next.indent == indent => line = next,
                Some(next) if next.indent > indent => return None,
                _ => break,
            }
        }
        let n = self.entries.len() - start;
        let map: Map<String, Value> = self.entries.drain(start..).collect();
        // A duplicate key collapses into one entry: the general loader refuses it.
        (map.len() == n).then_some(Value::Object(map))
    }
}

/// Whether a line (content) is a sequence entry: `-` alone or followed by a space.
fn is_dash(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() == Some(&b'-') && matches!(b.get(1), None | Some(b' '))
}

/// Splits `key: value` or `key:` into the key and the value text (without the spaces after the colon).
fn split_key(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    let n = b
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
        .count();
    if n == 0 || n > MAX_KEY || b.get(n) != Some(&b':') {
        return None;
    }
    match b.get(n + 1) {
        None => Some((&s[..n], "")),
        Some(b' ') => Some((&s[..n], s[n + 1..].trim_start_matches(' '))),
        Some(_) => None,
    }
}

/// A scalar (or `[]`, `{}`) that is the rest of its line, at nesting `depth` for the empty collections.
fn scalar(s: &str, depth: usize) -> Option<Value> {
    match *s.as_bytes().first()? {
        b'"' => double_quoted(s).map(Value::String),
        b'\'' => single_quoted(s).map(Value::String),
        b'[' => (s == "[]" && depth <= MAX_DEPTH).then(|| Value::Array(Vec::new())),
        b'{' => (s == "{}" && depth <= MAX_DEPTH).then(|| Value::Object(Map::new())),
        // A negative number (mention offsets before the claim's sentence); any other `-` start is left to the
        // general loader.
        b'-' if s.as_bytes().get(1).is_some_and(u8::is_ascii_digit) => plain(s),
        b'-' | b'?' | b':' | b',' | b']' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>'
        | b'%' | b'@' | b'`' => None,
        _ => plain(s),
    }
}

/// A plain scalar that fills the rest of the line: no `": "`, no `" #"` (a comment), no `:` at the end.
fn plain(s: &str) -> Option<Value> {
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b':' if matches!(b.get(i + 1), None | Some(b' ')) => return None,
            b'#' if i > 0 && b[i - 1] == b' ' => return None,
            _ => {}
        }
    }
    Some(resolve_plain(s))
}

/// `"..."` filling `s`: decodes the escapes the emitter writes; `None` on any other escape, on a surrogate
/// (`\ud83d`: the general loader refuses it) or when the closing quote is not the end of `s`.
fn double_quoted(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() - 1);
    let mut start = 1;
    loop {
        let j = start + b[start..].iter().position(|&c| c == b'"' || c == b'\\')?;
        out.push_str(&s[start..j]);
        if b[j] == b'"' {
            return (j + 1 == b.len()).then_some(out);
        }
        let (c, len) = match *b.get(j + 1)? {
            b'"' => ('"', 2),
            b'\\' => ('\\', 2),
            b'/' => ('/', 2),
            b'n' => ('\n', 2),
            b't' => ('\t', 2),
            b'r' => ('\r', 2),
            b'u' => {
                let hex = b.get(j + 2..j + 6)?;
                if !hex.iter().all(u8::is_ascii_hexdigit) {
                    return None;
                }
                let code = hex.iter().fold(0u32, |v, &h| {
                    (v << 4) | (h as char).to_digit(16).unwrap_or(0)
                });
                (char::from_u32(code)?, 6)
            }
            _ => return None,
        };
        out.push(c);
        start = j + len;
    }
}

/// `'...'` filling `s`, with `''` for a quote.
fn single_quoted(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() - 1);
    let mut start = 1;
    loop {
        let j = start + b[start..].iter().position(|&c| c == b'\'')?;
        out.push_str(&s[start..j]);
        if b.get(j + 1) == Some(&b'\'') {
            out.push('\'');
            start = j + 2;
            continue;
        }
        return (j + 1 == b.len()).then_some(out);
    }
}

/// Whether `b` has none of the characters the subset refuses anywhere: C0 controls other than the line feed
/// (tab and carriage return included), DEL, C1 controls (U+0080–U+009F, with NEL), U+2028, U+2029, U+FEFF (a
/// byte order mark, or one inside the text), U+FFFE and U+FFFF.
///
/// This runs over every byte of every file: it tests 32-byte chunks for a byte that could start one of these
/// (a test the compiler vectorises) and looks closer only in chunks that have one. 0xE2 also starts the curly
/// quotes and dashes of news text; those chunks take the closer look.
fn characters_ok(b: &[u8]) -> bool {
    let suspect =
        |x: u8| (x < 0x20 && x != b'\n') || x == 0x7f || x == 0xc2 || x == 0xe2 || x == 0xef;
    let mut base = 0;
    for chunk in b.chunks(32) {
        if chunk.iter().fold(false, |any, &x| any | suspect(x)) {
            for (k, &x) in chunk.iter().enumerate() {
                let i = base + k;
                let next = |n: usize| b.get(i + n).copied().unwrap_or(0);
                let bad = match x {
                    b'\n' => false,
                    0..=0x1f | 0x7f => true,
                    0xc2 => (0x80..=0x9f).contains(&next(1)),
                    0xe2 => next(1) == 0x80 && matches!(next(2), 0xa8 | 0xa9),
                    0xef => {
                        (next(1) == 0xbb && next(2) == 0xbf)
                            || (next(1) == 0xbf && matches!(next(2), 0xbe | 0xbf))
                    }
                    _ => false,
                };
                if bad {
                    return false;
                }
            }
        }
        base += chunk.len();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::load_reference;

    /// Equal values with the same key order everywhere (`Value`'s `==` ignores the order of map keys).
    fn same(a: &Value, b: &Value) -> bool {
        a == b && serde_json::to_string(a).unwrap() == serde_json::to_string(b).unwrap()
    }

    /// Asserts that the fast reader accepts `text` and agrees with the general loader.
    #[track_caller]
    fn accepts(text: &str) -> Value {
        let reference = load_reference(text)
            .unwrap_or_else(|e| panic!("the general loader refuses {text:?}: {e}"));
        let fast = load(text).unwrap_or_else(|| panic!("the fast reader refuses {text:?}"));
        assert!(
            same(&fast, &reference),
            "{text:?}\nfast:      {fast}\nreference: {reference}"
        );
        fast
    }

    /// Asserts that the fast reader refuses `text` (and, when the general loader reads it, that this is a
    /// refusal of something outside the subset, not a disagreement).
    #[track_caller]
    fn refuses(text: &str) {
        assert_eq!(load(text), None, "{text:?}");
    }

    #[test]
    fn nested_mappings_and_sequences_as_the_emitter_writes_them() {
        let v = accepts(
            "# yaml-language-server: $schema=../schemas/claim-file.schema.json\nschema_version: 1\n\
             document:\n  id: a-b\n  title: null\nclaims:\n  - id: abc\n    location:\n      start: 3\n    \
             attribution: []\n    hedging:\n      cues:\n        - alleged\n        - \"yes\"\n  - id: def\n    \
             attribution:\n      - name: X\n        mention:\n          start: 1\n",
        );
        assert_eq!(v["claims"][0]["hedging"]["cues"][1], "yes");
        assert_eq!(v["claims"][1]["attribution"][0]["mention"]["start"], 1);
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["schema_version", "document", "claims"]);
    }

    #[test]
    fn comments_and_blank_lines_anywhere() {
        accepts(
            "# a\n\n# b\na: 1\n\n  # deeper\n# shallower\nb:\n# between\n  c: 2\n    # after\n",
        );
        accepts("a:\n  - x\n# c\n  - y\n\n  - z\n");
    }

    #[test]
    fn key_forms() {
        accepts("a:\nb: 1\n");
        accepts("a:\n");
        accepts("a: 1\nb:\n");
        accepts("a:    spaced\n");
        accepts("start: -12\nend: -3\nx: -1.5\ny: -0\n");
        accepts("A_1: x\n1: y\ntrue: z\nnull: w\n");
        // The general loader keeps keys as written: `1`, `true` and `null` above are strings.
        assert!(accepts("1: y\n").get("1").is_some());
        refuses("a : 1\n");
        refuses("a:1\n");
        refuses("a-b: 1\n");
        refuses("\"a\": 1\n");
        refuses("'a': 1\n");
        refuses("? a\n: 1\n");
        refuses(&format!("{}: 1\n", "k".repeat(MAX_KEY + 1)));
    }

    #[test]
    fn sequences_under_keys_and_at_the_key_indentation() {
        accepts("a:\n  - x\n  - y\nb: 1\n");
        accepts("a:\n- x\n- y\nb: 1\n");
        accepts("- a:\n  - x\n  b: 1\n- c\n");
        accepts("- a: 1\n  b:\n  - 2\n");
        accepts("- x\n- y: 1\n  z: 2\n- []\n- {}\n");
        accepts("-   a: 1\n    b: 2\n");
        accepts("- a:\n    b: 1\n- a:\n  b: 1\n");
        accepts("- a:\n- b\n");
        refuses("-\n  a: 1\n");
        refuses("- - x\n");
        refuses("a:\n  - x\n  b: 1\n");
        refuses("a: 1\n- x\n");
        refuses("- a: 1\n   b: 2\n");
        refuses("- a: 1\n b: 2\n");
    }

    #[test]
    fn plain_scalars_resolve_like_the_general_loader() {
        let v = accepts(
            "a: yes\nb: 012\nc: 1.5\nd: ~\ne: true\nf: 2026-01-01\ng: .5\nh: 1e3\ni: 0x1f\nj: x\u{301}\n\
             k: https://example.org/a#b\nl: a,b [c] {d}\nm: it's \"x\"\nn: 18446744073709551616\no: NULL\n\
             p: +12\nq: ...\nr: x:y\ns: caf\u{e9} \u{201c}q\u{201d} \u{a0}\n",
        );
        assert_eq!(v["a"], "yes");
        assert_eq!(v["b"], 12);
        assert!(v["d"].is_null());
        assert_eq!(v["i"], 31);
        assert_eq!(v["l"], "a,b [c] {d}");
    }

    #[test]
    fn plain_scalars_that_could_mean_more_are_refused() {
        for s in [
            "a: b: c\n",
            "a: b:\n",
            "a: b #c\n",
            "a: #c\n",
            "a: - x\n",
            "a: ?x\n",
            "a: :x\n",
            "a: ,x\n",
            "a: ]\n",
            "a: }\n",
            "a: |\n  x\n",
            "a: >\n  x\n",
            "a: %x\n",
            "a: @x\n",
            "a: `x\n",
            "a: b\n  c\n",
            "- b\n  c\n",
            "a: b\n    c: 1\n",
        ] {
            refuses(s);
        }
    }

    #[test]
    fn double_quoted_escapes() {
        let v = accepts(
            "a: \"q\\\" b\\\\ s\\/ n\\n t\\t r\\r u\\u00e9\\u0000\\u001F\\u2028\"\nb: \"\"\nc: \"# not: a comment\"\n",
        );
        assert_eq!(v["a"], "q\" b\\ s/ n\n t\t r\r u\u{e9}\u{0}\u{1f}\u{2028}");
        assert_eq!(v["b"], "");
        for s in [
            "a: \"\\x41\"\n",
            "a: \"\\U0001F600\"\n",
            "a: \"\\0\"\n",
            "a: \"\\e\"\n",
            "a: \"\\ \"\n",
            "a: \"\\N\"\n",
            "a: \"\\ud83d\\ude00\"\n",
            "a: \"\\u12\"\n",
            "a: \"\\u+123\"\n",
            "a: \"x\\\"\n",
            "a: \"open\n  continued\"\n",
            "a: \"x\" # c\n",
            "a: \"x\"y\n",
            "a: \"x\\\n",
        ] {
            refuses(s);
        }
    }

    #[test]
    fn single_quoted() {
        let v = accepts("a: 'it''s'\nb: ''\nc: '\\n'\nd: '''x'''\n");
        assert_eq!(v["a"], "it's");
        assert_eq!(v["c"], "\\n");
        assert_eq!(v["d"], "'x'");
        refuses("a: 'x\n");
        refuses("a: 'x'y\n");
        refuses("a: 'a\n  b'\n");
    }

    #[test]
    fn empty_flow_collections_only() {
        let v = accepts("a: []\nb: {}\n");
        assert_eq!(v["a"], Value::Array(vec![]));
        refuses("a: [x]\n");
        refuses("a: [ ]\n");
        refuses("a: {x: 1}\n");
        refuses("a: [] x\n");
        refuses("[]\n");
    }

    #[test]
    fn refusals_of_whole_documents_and_markers() {
        for s in [
            "",
            "\n\n",
            "# only a comment\n",
            "x\n",
            "\"x\"\n",
            "  a: 1\nb: 2\n",
            "  - x\n- y\n",
            "---\na: 1\n",
            "a: 1\n---\nb: 2\n",
            "a: 1\n...\n",
            "%YAML 1.2\n---\na: 1\n",
            "\u{feff}a: 1\n",
            "a: \u{feff}x\n",
            "a: 1 \n",
            "a: 1\n \n",
            "a: 1\r\n",
            "a:\t1\n",
            "a: \"\t\"\n",
            "a: x\u{7}\n",
            "a: x\u{7f}\n",
            "a: x\u{85}y\n",
            "a: x\u{2029}y\n",
            "a: x\u{ffff}\n",
            "a: 1\na: 2\n",
            "a:\n  b: 1\n  b: 2\n",
            "a: &x 1\n",
            "a: *x\n",
            "&x a: 1\n",
            "a: !!str 1\n",
            "a: !x 1\n",
        ] {
            refuses(s);
        }
    }

    #[test]
    fn roots_at_any_indentation() {
        accepts("  a: 1\n  b:\n    - x\n");
        accepts("  - id: x\n    hash: y\n  - z\n");
        refuses("  a: 1\n b: 2\n");
    }

    /// Asserts that the fast reader reads `text` with the general loader's node locations.
    #[track_caller]
    fn locates(text: &str) {
        let reference = crate::yaml::load_located_reference(text).unwrap();
        let fast = load_located(text).unwrap_or_else(|| panic!("refused {text:?}"));
        assert!(same(&fast.value, &reference.value), "{text:?}");
        assert_eq!(fast.locator, reference.locator, "{text:?}");
    }

    #[test]
    fn locations_match_the_general_loader() {
        locates(
            "k:\n  - 'x'\n  - \"y\"\n  - []\n  - {}\n  - a: 1\n    c: []\n  -   b: 2\n  - z\nm:\n- q\n",
        );
        locates(
            "# c\n\na:\n  b:\n    c: caf\u{e9}\n  d: \u{201c}x\u{201d}\n# c\ne:\n  - f: 1\n    g:\n      - h: 2\n",
        );
        locates("  - id: x\n    hash: y\n    review:\n      status: ok\n  - z\n");
        locates(include_str!("../../claims/ambassador-recall.yaml"));
        let l = load_located("a:\n  - x: 1\n    y: []\n  - x: 2\n").unwrap();
        assert_eq!(l.locator.locate("/a/1"), Loc { line: 4, column: 5 });
        assert_eq!(l.locator.locate("/a/0/y"), Loc { line: 3, column: 5 });
        assert!(load_located("a: &x 1\n").is_none());
    }

    #[test]
    fn last_line_without_a_line_break() {
        accepts("a: 1\nb: x");
        accepts("a:\n  - 'x'");
    }

    #[test]
    fn nesting_up_to_max_depth_only() {
        fn nested(levels: usize) -> String {
            let mut s = String::new();
            for i in 0..levels - 1 {
                s.push_str(&" ".repeat(2 * i));
                s.push_str("k:\n");
            }
            s.push_str(&" ".repeat(2 * (levels - 1)));
            s.push_str("k: 1\n");
            s
        }
        accepts(&nested(MAX_DEPTH));
        // The empty collection at the bottom is one more level.
        accepts(&nested(MAX_DEPTH - 1).replace("k: 1", "k: []"));
        let too_deep = nested(MAX_DEPTH + 1);
        assert!(load_reference(&too_deep).is_err());
        refuses(&too_deep);
        let too_deep = nested(MAX_DEPTH).replace("k: 1", "k: {}");
        assert!(load_reference(&too_deep).is_err());
        refuses(&too_deep);
        let seqs = format!("{}x\n", "- ".repeat(3));
        refuses(&seqs);
    }

    #[test]
    fn character_screen() {
        assert!(characters_ok(
            "plain \u{201c}curly\u{201d} caf\u{e9} \u{a0}\n".as_bytes()
        ));
        for bad in [
            "\t", "\r", "\u{0}", "\u{1b}", "\u{7f}", "\u{80}", "\u{9f}", "\u{2028}",
        ] {
            let s = format!("{}{bad}{}", "x".repeat(40), "y".repeat(40));
            assert!(!characters_ok(s.as_bytes()), "{bad:?}");
            assert!(!characters_ok(bad.as_bytes()), "{bad:?}");
        }
    }
}
