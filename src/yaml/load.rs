//! YAML → `serde_json::Value`, optionally with the location of every node.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use serde_json::{Map, Number, Value};

/// Deepest nesting of mappings and sequences accepted. Claim files nest 5 levels deep; 64 leaves room for
/// hand-written extensions while keeping recursion-free code paths (drop, serialisation) safe.
pub const MAX_DEPTH: usize = 64;

/// A 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Loc {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, in characters.
    pub column: u32,
}

impl Loc {
    /// The start of a file.
    pub const START: Loc = Loc { line: 1, column: 1 };

    fn from_marker(m: &saphyr_parser::Marker) -> Loc {
        Loc {
            line: m.line().max(1) as u32,
            column: m.col() as u32 + 1,
        }
    }

    /// The location of byte offset `offset` in `text` (clamped to the text).
    pub fn of_offset(text: &[u8], offset: usize) -> Loc {
        let prefix = &text[..offset.min(text.len())];
        let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = prefix
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&prefix[line_start..])
            .chars()
            .count()
            + 1;
        Loc {
            line: line as u32,
            column: column as u32,
        }
    }
}

/// Why a YAML text could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    /// Where.
    pub loc: Loc,
    /// Stable short code: `yaml-syntax`, `duplicate-key`, `yaml-anchor`, `yaml-tag`, `too-deep`, `multiple-documents`.
    pub code: &'static str,
    /// What is wrong, for a reviewer.
    pub message: String,
}

/// Locations of the nodes of a loaded document, by JSON Pointer (RFC 6901).
///
/// For a mapping entry the location is that of its key (where a reviewer looks for `field: value`); for a sequence
/// item, the item's start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locator {
    pub(super) by_pointer: HashMap<String, Loc>,
}

impl Locator {
    /// The location of the node at `pointer`, or of its nearest located ancestor.
    pub fn locate(&self, pointer: &str) -> Loc {
        let mut p = pointer;
        loop {
            if let Some(loc) = self.by_pointer.get(p) {
                return *loc;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return Loc::START,
            }
        }
    }
}

/// A loaded document with its node locations.
#[derive(Debug, Clone)]
pub struct Located {
    /// The document as JSON.
    pub value: Value,
    /// Where each node is.
    pub locator: Locator,
}

/// Loads one YAML document as JSON (YAML 1.2 core schema). An empty document loads as `null`.
///
/// Text in the subset that claimtrail writes is read by [`super::fast`]; anything else, and every error, goes
/// through the general loader ([`load_reference`]), with the same result.
pub fn load(text: &str) -> Result<Value, YamlError> {
    match super::fast::load(text) {
        Some(v) => Ok(v),
        None => load_reference(text),
    }
}

/// [`load`] through the general loader only: the reference the fast reader is tested against.
#[doc(hidden)]
pub fn load_reference(text: &str) -> Result<Value, YamlError> {
    Loader::new(false).run(text).map(|(v, _)| v)
}

/// Like [`load`], and also records where every node is.
pub fn load_located(text: &str) -> Result<Located, YamlError> {
    match super::fast::load_located(text) {
        Some(located) => Ok(located),
        None => load_located_reference(text),
    }
}

/// [`load_located`] through the general loader only: the reference the fast reader is tested against.
#[doc(hidden)]
pub fn load_located_reference(text: &str) -> Result<Located, YamlError> {
    Loader::new(true)
        .run(text)
        .map(|(value, locator)| Located { value, locator })
}

/// Translates the parser's locations into the ones every other part of claimtrail uses, in one pass over the text.
///
/// Why: the parser also ends a line at a lone `\r`, and reports an error at the end of input one line past a last
/// line without a newline; an editor shows neither line. Locations count lines ending at `\n` (a `\r\n` is one
/// break either way), so only text with a lone `\r` needs its locations walked; otherwise they are only kept inside
/// the text. One walk serves all locations: walking from each one's line start would be quadratic on one long line
/// with many nodes (a flow mapping).
fn to_newline_lines<'a>(text: &str, locs: impl Iterator<Item = &'a mut Loc>) {
    let mut locs: Vec<&mut Loc> = locs.collect();
    if locs.is_empty() {
        return;
    }
    let b = text.as_bytes();
    let lone_cr = b
        .iter()
        .enumerate()
        .any(|(i, &c)| c == b'\r' && b.get(i + 1) != Some(&b'\n'));
    if !lone_cr {
        let end = Loc::of_offset(b, b.len());
        for loc in locs {
            *loc = (*loc).min(end);
        }
        return;
    }
    locs.sort_unstable_by_key(|l| **l);
    // A cursor over the text: the parser's line and column (0-based), and the `\n` line and column. A location past
    // the end stops at the end.
    let (mut pline, mut pcol, mut line, mut col) = (1u32, 0u32, 1u32, 1u32);
    let mut chars = text.chars().peekable();
    for loc in locs {
        let target = *loc;
        while (pline, pcol + 1) < (target.line, target.column) {
            let Some(c) = chars.next() else { break };
            let crlf_head = c == '\r' && chars.peek() == Some(&'\n');
            if c == '\n' || (c == '\r' && !crlf_head) {
                pline += 1;
                pcol = 0;
            } else if !crlf_head {
                pcol += 1;
            }
            if c == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        *loc = Loc { line, column: col };
    }
}

enum Frame {
    Seq(Vec<Value>),
    Map(Map<String, Value>, Option<String>),
}

struct Loader {
    locate: bool,
    frames: Vec<Frame>,
    /// JSON Pointer of the node being built (only maintained when locating).
    pointer: String,
    /// Length of `pointer` at each open frame, to truncate on close.
    pointer_marks: Vec<usize>,
    locator: Locator,
    root: Option<Value>,
}

fn err(span: &Span, code: &'static str, message: impl Into<String>) -> YamlError {
    YamlError {
        loc: Loc::from_marker(&span.start),
        code,
        message: message.into(),
    }
}

impl Loader {
    fn new(locate: bool) -> Self {
        Loader {
            locate,
            frames: Vec::new(),
            pointer: String::new(),
            pointer_marks: Vec::new(),
            locator: Locator::default(),
            root: None,
        }
    }

    fn run(self, text: &str) -> Result<(Value, Locator), YamlError> {
        match self.run_unclamped(text) {
            Ok((value, mut locator)) => {
                to_newline_lines(text, locator.by_pointer.values_mut());
                Ok((value, locator))
            }
            Err(mut e) => {
                to_newline_lines(text, std::iter::once(&mut e.loc));
                Err(e)
            }
        }
    }

    fn run_unclamped(mut self, text: &str) -> Result<(Value, Locator), YamlError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut documents = 0usize;
        for item in Parser::new_from_str(text) {
            let (event, span) = item.map_err(|e| YamlError {
                loc: Loc::from_marker(e.marker()),
                code: "yaml-syntax",
                message: format!("YAML syntax error: {}", e.info()),
            })?;
            match event {
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        return Err(err(
                            &span,
                            "multiple-documents",
                            "a second YAML document starts here; a claim file holds exactly one",
                        ));
                    }
                }
                Event::Alias(_) => {
                    return Err(err(
                        &span,
                        "yaml-anchor",
                        "YAML aliases (`*name`) are not allowed in claim files: write the value out",
                    ));
                }
                Event::Scalar(value, style, anchor, tag) => {
                    check_anchor(anchor, &span)?;
                    let tag_suffix = match &tag {
                        None => None,
                        Some(t) if t.is_yaml_core_schema() => Some(t.suffix.as_str()),
                        Some(t) => return Err(tag_error(&span, t)),
                    };
                    self.scalar(&value, style, tag_suffix, &span)?;
                }
                Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                    let is_seq = matches!(event, Event::SequenceStart(..));
                    check_anchor(anchor, &span)?;
                    if let Some(t) = tag.as_ref().filter(|t| {
                        !(t.is_yaml_core_schema() && matches!(t.suffix.as_str(), "seq" | "map"))
                    }) {
                        return Err(tag_error(&span, t));
                    }
                    if self.frames.len() >= MAX_DEPTH {
                        return Err(err(
                            &span,
                            "too-deep",
                            format!(
                                "nesting is deeper than {MAX_DEPTH} levels; claim files are far shallower"
                            ),
                        ));
                    }
                    self.open_node(&span)?;
                    self.frames.push(if is_seq {
                        Frame::Seq(Vec::new())
                    } else {
                        Frame::Map(Map::new(), None)
                    });
                    self.pointer_marks.push(self.pointer.len());
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let value = match self.frames.pop() {
                        Some(Frame::Seq(items)) => Value::Array(items),
                        Some(Frame::Map(map, _)) => Value::Object(map),
                        None => return Err(err(&span, "yaml-syntax", "unbalanced collection end")),
                    };
                    self.pointer_marks.pop();
                    self.close_node(value);
                }
                Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            }
        }
        Ok((self.root.unwrap_or(Value::Null), self.locator))
    }

    /// Handles a scalar: either a mapping key or a value.
    fn scalar(
        &mut self,
        raw: &str,
        style: ScalarStyle,
        tag: Option<&str>,
        span: &Span,
    ) -> Result<(), YamlError> {
        if let Some(Frame::Map(map, key @ None)) = self.frames.last_mut() {
            if map.contains_key(raw) {
                return Err(err(
                    span,
                    "duplicate-key",
                    format!("duplicate key `{raw}`: each key may appear once in a mapping"),
                ));
            }
            *key = Some(raw.to_string());
            if self.locate {
                let mark = *self.pointer_marks.last().unwrap_or(&0);
                self.pointer.truncate(mark);
                push_pointer_segment(&mut self.pointer, raw);
                self.locator
                    .by_pointer
                    .insert(self.pointer.clone(), Loc::from_marker(&span.start));
            }
            return Ok(());
        }
        let value = match (style, tag) {
            (_, Some("str")) => Value::String(raw.to_string()),
            (ScalarStyle::Plain, None) => resolve_plain(raw),
            (ScalarStyle::Plain, Some(t @ ("int" | "float" | "bool" | "null"))) => {
                let v = resolve_plain(raw);
                let ok = match t {
                    "int" => v.is_i64() || v.is_u64(),
                    "float" => v.is_number(),
                    "bool" => v.is_boolean(),
                    _ => v.is_null(),
                };
                if !ok {
                    return Err(err(
                        span,
                        "yaml-tag",
                        format!("`{raw}` is not a valid !!{t}"),
                    ));
                }
                v
            }
            (_, Some(t)) if t != "str" && style != ScalarStyle::Plain => {
                return Err(err(
                    span,
                    "yaml-tag",
                    format!("a quoted scalar cannot be tagged !!{t}"),
                ));
            }
            (_, Some(t)) => {
                return Err(err(
                    span,
                    "yaml-tag",
                    format!("YAML tag `!!{t}` is not allowed here"),
                ));
            }
            _ => Value::String(raw.to_string()),
        };
        self.open_node(span)?;
        self.close_node(value);
        Ok(())
    }

    /// Records the location of a value node that starts at `span`.
    fn open_node(&mut self, span: &Span) -> Result<(), YamlError> {
        match self.frames.last() {
            Some(Frame::Map(_, None)) => {
                return Err(err(
                    span,
                    "yaml-syntax",
                    "mapping keys must be plain strings, not collections",
                ));
            }
            Some(Frame::Seq(items)) if self.locate => {
                let mark = *self.pointer_marks.last().unwrap_or(&0);
                self.pointer.truncate(mark);
                self.pointer.push('/');
                self.pointer.push_str(&items.len().to_string());
                self.locator
                    .by_pointer
                    .insert(self.pointer.clone(), Loc::from_marker(&span.start));
            }
            None if self.locate => {
                self.locator.by_pointer.insert(String::new(), Loc::START);
            }
            _ => {}
        }
        Ok(())
    }

    fn close_node(&mut self, value: Value) {
        match self.frames.last_mut() {
            Some(Frame::Seq(items)) => items.push(value),
            Some(Frame::Map(map, key)) => {
                if let Some(k) = key.take() {
                    map.insert(k, value);
                }
            }
            None => self.root = Some(value),
        }
    }
}

fn tag_error(span: &Span, t: &saphyr_parser::Tag) -> YamlError {
    err(
        span,
        "yaml-tag",
        format!(
            "YAML tag `{}{}` is not allowed in claim files",
            t.handle, t.suffix
        ),
    )
}

fn check_anchor(anchor: usize, span: &Span) -> Result<(), YamlError> {
    if anchor == 0 {
        Ok(())
    } else {
        Err(err(
            span,
            "yaml-anchor",
            "YAML anchors (`&name`) are not allowed in claim files: they hide repeated content from reviewers \
             and enable alias bombs",
        ))
    }
}

fn push_pointer_segment(pointer: &mut String, key: &str) {
    pointer.push('/');
    for c in key.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// Resolves a plain scalar by the YAML 1.2 core schema: `yes` stays a string, `012` is the integer 12.
pub(super) fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let bytes = s.as_bytes();
    let digits = bytes
        .strip_prefix(b"-")
        .or_else(|| bytes.strip_prefix(b"+"))
        .unwrap_or(bytes);
    if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) {
        if let Ok(i) = s.parse::<i64>() {
            return Value::Number(i.into());
        }
        if let Ok(u) = s.trim_start_matches('+').parse::<u64>() {
            return Value::Number(u.into());
        }
    }
    if let Some(hex) = s.strip_prefix("0x")
        && let Ok(u) = u64::from_str_radix(hex, 16)
    {
        return Value::Number(u.into());
    }
    if let Some(oct) = s.strip_prefix("0o")
        && let Ok(u) = u64::from_str_radix(oct, 8)
    {
        return Value::Number(u.into());
    }
    if is_core_float(digits)
        && let Ok(f) = s.parse::<f64>()
        && let Some(n) = Number::from_f64(f)
    {
        return Value::Number(n);
    }
    Value::String(s.to_string())
}

/// `( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?` (sign already stripped).
fn is_core_float(b: &[u8]) -> bool {
    let mut i = 0;
    let int_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp == 0 {
            return false;
        }
        i += exp;
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_schema_scalars() {
        let v =
            load("a: yes\nb: 012\nc: '012'\nd: 1.5\ne: ~\nf: true\ng: 2026-01-01\nh: .5\ni: 1e3\n")
                .unwrap();
        assert_eq!(v["a"], "yes");
        assert_eq!(v["b"], 12);
        assert_eq!(v["c"], "012");
        assert_eq!(v["d"], 1.5);
        assert!(v["e"].is_null());
        assert_eq!(v["f"], true);
        assert_eq!(v["g"], "2026-01-01");
        assert_eq!(v["h"], 0.5);
        assert_eq!(v["i"], 1000.0);
    }

    #[test]
    fn locations_point_at_keys_and_items() {
        let text = "a:\n  - x: 1\n    y: [1, 2]\n  - x: 2\n";
        let l = load_located(text).unwrap();
        assert_eq!(l.locator.locate("/a"), Loc { line: 1, column: 1 });
        assert_eq!(l.locator.locate("/a/1"), Loc { line: 4, column: 5 });
        assert_eq!(l.locator.locate("/a/0/y"), Loc { line: 3, column: 5 });
        assert_eq!(
            l.locator.locate("/a/0/y/1"),
            Loc {
                line: 3,
                column: 12
            }
        );
        assert_eq!(l.locator.locate("/a/1/nope"), Loc { line: 4, column: 5 });
    }

    #[test]
    fn an_error_at_the_end_of_input_stays_inside_the_text() {
        assert_eq!(load("a: [").unwrap_err().loc, Loc { line: 1, column: 5 });
        assert_eq!(load("a: [\n").unwrap_err().loc, Loc { line: 2, column: 1 });
    }

    #[test]
    fn a_lone_carriage_return_does_not_start_a_line_of_its_own() {
        // The parser counts `\r` as a line break; claimtrail's lines (and `Loc::of_offset`) end at `\n` only.
        let text = "a: 1\rb: 2\nc: [1, 2]\nd: {\n";
        let e = load_reference(text).unwrap_err();
        assert_eq!(e.loc, Loc { line: 4, column: 1 }, "{e:?}");
        let l = load_located_reference("a: 1\r\nb:\n  - x\r  - y\nc: 3\n").unwrap();
        assert_eq!(
            l.locator.locate("/b/1"),
            Loc {
                line: 3,
                column: 11
            }
        );
        assert_eq!(l.locator.locate("/c"), Loc { line: 4, column: 1 });
    }

    #[test]
    fn refusals_are_located() {
        let e = load("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!((e.code, e.loc.line, e.loc.column), ("duplicate-key", 3, 1));
        let e = load("a: &x [1]\nb: *x\n").unwrap_err();
        assert_eq!((e.code, e.loc.line), ("yaml-anchor", 1));
        // The scanner refuses very deep flow nesting itself; we refuse anything past MAX_DEPTH.
        let e = load(&format!("{}{}", "[".repeat(10_000), "]".repeat(10_000))).unwrap_err();
        assert!(matches!(e.code, "too-deep" | "yaml-syntax"), "{e:?}");
        let e = load(&format!(
            "{}{}",
            "[".repeat(MAX_DEPTH + 1),
            "]".repeat(MAX_DEPTH + 1)
        ))
        .unwrap_err();
        assert_eq!((e.code, e.loc.column), ("too-deep", MAX_DEPTH as u32 + 1));
        let e = load("a: [1, 2\n").unwrap_err();
        assert_eq!(e.code, "yaml-syntax");
        let e = load("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!((e.code, e.loc.line), ("multiple-documents", 2));
        let e = load("a: !custom 1\n").unwrap_err();
        assert_eq!(e.code, "yaml-tag");
        assert_eq!(load("a: !!str 12\n").unwrap()["a"], "12");
    }

    #[test]
    fn offsets_map_to_lines_and_columns() {
        assert_eq!(
            Loc::of_offset(b"ab\ncd\xc3\xa9f", 7),
            Loc { line: 2, column: 4 }
        );
        assert_eq!(Loc::of_offset(b"", 0), Loc::START);
    }
}
