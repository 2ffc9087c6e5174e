//! A direct writer for claim files, the hot path of `extract`.
//!
//! serde-saphyr writes every key and value through general quoting checks; for claim files that was 40% of
//! extraction time. Claim files have one fixed layout, so this writer emits it directly, in the same layout and
//! key order as [`super::to_yaml`]. Strings are written plain only when they are unambiguous to YAML 1.1 and 1.2
//! readers alike; anything else is double-quoted with JSON escapes (a JSON string is a valid YAML double-quoted
//! scalar). Tests check that the result parses back to the same records and matches serde-saphyr's bytes on
//! ordinary text.

use std::borrow::Borrow;
use std::fmt::Write;

use crate::record::{
    Attribution, Claim, ClaimFile, ClaimStatus, Corroboration, Document, HedgeLevel, ParagraphMode,
    QuoteKind, ReviewStatus, SourceKind, Span, SuggestionStatus,
};

/// The claim file as YAML, after `header`.
pub fn claim_file(file: &ClaimFile, header: &str) -> String {
    let mut out = Vec::with_capacity(
        512 + file
            .claims
            .iter()
            .map(|c| c.text.len() + 400)
            .sum::<usize>(),
    );
    write_claim_file(file, header, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the emitter writes only str data")
}

/// Bytes gathered before each write to the output.
const CHUNK: usize = 64 * 1024;

/// Writes the claim file as YAML, after `header`, to `w` in chunks of about [`CHUNK`] bytes, so that a large
/// article's claim file (several times the size of the article) is never held in memory whole.
pub fn write_claim_file(
    file: &ClaimFile,
    header: &str,
    w: &mut (impl std::io::Write + ?Sized),
) -> std::io::Result<()> {
    let head = FileHead {
        schema_version: file.schema_version,
        normalisation: &file.normalisation,
        document: &file.document,
    };
    write_claims(head, &file.claims, header, w)
}

/// What a claim file has before its claims.
#[derive(Debug, Clone, Copy)]
pub struct FileHead<'a> {
    /// Version of the claim-file format.
    pub schema_version: u32,
    /// How claim text is normalised before hashing.
    pub normalisation: &'a str,
    /// The source document.
    pub document: &'a Document,
}

/// Writes a claim file as YAML, after `header`, to `w` in chunks of about [`CHUNK`] bytes: `head`, then the claims
/// in the order `claims` yields them, each written as soon as it comes, so that claims built one at a time (see
/// [`crate::extract::Extraction`]) are never all in memory. The bytes are those of [`write_claim_file`].
pub fn write_claims<C: Borrow<Claim>>(
    head: FileHead<'_>,
    claims: impl IntoIterator<Item = C>,
    header: &str,
    w: &mut (impl std::io::Write + ?Sized),
) -> std::io::Result<()> {
    let mut o = String::with_capacity(CHUNK + 4096);
    o.push_str(header);
    o.push('\n');
    number(&mut o, "schema_version: ", head.schema_version);
    kv(&mut o, 0, "normalisation", head.normalisation);
    o.push_str("document:\n");
    let d = head.document;
    kv(&mut o, 2, "id", &d.id);
    opt(&mut o, 2, "title", d.title.as_deref(), true);
    opt(&mut o, 2, "publisher", d.publisher.as_deref(), true);
    opt(&mut o, 2, "url", d.url.as_deref(), true);
    opt(&mut o, 2, "published", d.published.as_deref(), true);
    kv(&mut o, 2, "retrieved", &d.retrieved);
    opt(&mut o, 2, "language", d.language.as_deref(), false);
    kv(&mut o, 2, "text_sha256", &d.text_sha256);
    opt(&mut o, 2, "path", d.path.as_deref(), false);
    if let Some(m) = d.paragraphs {
        line(&mut o, "  paragraphs: ", paragraph_mode(m));
    }
    let mut any = false;
    for c in claims {
        if !any {
            o.push_str("claims:\n");
            any = true;
        }
        claim(&mut o, c.borrow());
        if o.len() >= CHUNK {
            w.write_all(o.as_bytes())?;
            o.clear();
        }
    }
    if !any {
        o.push_str("claims: []\n");
    }
    w.write_all(o.as_bytes())
}

fn claim(o: &mut String, c: &Claim) {
    o.push_str("  - ");
    kv(o, 0, "id", &c.id);
    kv(o, 4, "hash", &c.hash);
    kv(o, 4, "text", &c.text);
    o.push_str("    location:\n");
    number(o, "      paragraph: ", c.location.paragraph);
    number(o, "      sentence: ", c.location.sentence);
    if let Some(start) = c.location.start {
        number(o, "      start: ", start);
    }
    if let Some(end) = c.location.end {
        number(o, "      end: ", end);
    }
    if let Some(ClaimStatus::Missing) = c.status {
        o.push_str("    status: missing\n");
    }
    if c.attribution.is_empty() {
        o.push_str("    attribution: []\n");
    } else {
        o.push_str("    attribution:\n");
        for a in &c.attribution {
            attribution(o, a);
        }
    }
    o.push_str("    hedging:\n");
    line(o, "      level: ", hedge_level(c.hedging.level));
    list(o, 6, "cues", &c.hedging.cues);
    if c.corroboration.is_empty() {
        o.push_str("    corroboration: []\n");
    } else {
        o.push_str("    corroboration:\n");
        for entry in &c.corroboration {
            match entry {
                Corroboration::Claim(r) => {
                    o.push_str("      - ");
                    kv(o, 0, "claim", &r.claim);
                    if let Some(status) = r.status {
                        line(o, "        status: ", suggestion_status(status));
                    }
                    opt(o, 8, "note", r.note.as_deref(), false);
                }
                Corroboration::Url(u) => {
                    o.push_str("      - ");
                    kv(o, 0, "url", &u.url);
                    kv(o, 8, "source", &u.source);
                    line(o, "        kind: ", source_kind(u.kind));
                    opt(o, 8, "note", u.note.as_deref(), false);
                }
            }
        }
    }
    o.push_str("    review:\n");
    line(o, "      status: ", review_status(c.review.status));
    opt(o, 6, "by", c.review.by.as_deref(), false);
    opt(o, 6, "at", c.review.at.as_deref(), false);
    opt(o, 6, "note", c.review.note.as_deref(), false);
    if !c.review.waivers.is_empty() {
        o.push_str("      waivers:\n");
        for w in &c.review.waivers {
            o.push_str("        - ");
            kv(o, 0, "rule", &w.rule);
            opt(o, 10, "reason", w.reason.as_deref(), false);
        }
    }
    if let Some(ch) = &c.changed {
        o.push_str("    changed:\n");
        kv(o, 6, "id", &ch.id);
        kv(o, 6, "hash", &ch.hash);
        kv(o, 6, "text", &ch.text);
        line(o, "      similarity: ", &format!("{:.2}", ch.similarity));
    }
    opt(o, 4, "extracted", c.extracted.as_deref(), false);
}

fn attribution(o: &mut String, a: &Attribution) {
    o.push_str("      - ");
    kv(o, 0, "name", &a.name);
    line(o, "        kind: ", source_kind(a.kind));
    opt(o, 8, "role", a.role.as_deref(), false);
    kv(o, 8, "cue", &a.cue);
    if let Some(c) = a.class {
        line(o, "        class: ", c.as_str());
    }
    line(o, "        quote: ", quote_kind(a.quote));
    line(
        o,
        "        anonymous: ",
        if a.anonymous { "true" } else { "false" },
    );
    span(o, 8, &a.mention);
    opt(o, 8, "source", a.source.as_deref(), false);
    if !a.via.is_empty() {
        o.push_str("        via:\n");
        for r in &a.via {
            o.push_str("          - ");
            kv(o, 0, "name", &r.name);
            line(o, "            kind: ", source_kind(r.kind));
            opt(o, 12, "role", r.role.as_deref(), false);
            opt(o, 12, "cue", r.cue.as_deref(), false);
            if let Some(m) = &r.mention {
                span(o, 12, m);
            }
            opt(o, 12, "source", r.source.as_deref(), false);
        }
    }
}

fn span(o: &mut String, indent: usize, s: &Span) {
    pad(o, indent);
    o.push_str("mention:\n");
    pad(o, indent + 2);
    number(o, "start: ", s.start);
    pad(o, indent + 2);
    number(o, "end: ", s.end);
}

fn list(o: &mut String, indent: usize, key: &str, items: &[String]) {
    pad(o, indent);
    if items.is_empty() {
        line(o, key, ": []");
        return;
    }
    line(o, key, ":");
    for item in items {
        pad(o, indent + 2);
        o.push_str("- ");
        scalar(o, item);
        o.push('\n');
    }
}

fn pad(o: &mut String, n: usize) {
    o.extend(std::iter::repeat_n(' ', n));
}

fn kv(o: &mut String, indent: usize, key: &str, value: &str) {
    pad(o, indent);
    o.push_str(key);
    o.push_str(": ");
    scalar(o, value);
    o.push('\n');
}

/// An optional value: `null` when `always` (keys the format requires), omitted otherwise.
fn opt(o: &mut String, indent: usize, key: &str, value: Option<&str>, always: bool) {
    match value {
        Some(v) => kv(o, indent, key, v),
        None if always => {
            pad(o, indent);
            o.push_str(key);
            o.push_str(": null\n");
        }
        None => {}
    }
}

/// Writes a string scalar: plain when no YAML reader could take it for anything else, double-quoted otherwise.
pub fn scalar(o: &mut String, s: &str) {
    if is_safe_plain(s) {
        o.push_str(s);
        return;
    }
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\t' => o.push_str("\\t"),
            '\r' => o.push_str("\\r"),
            c if needs_escape(c) => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

fn is_safe_plain(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let last = s.chars().next_back().unwrap_or(first);
    if first.is_whitespace() || last.is_whitespace() || last == ':' {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`+<=~".contains(first) {
        return false;
    }
    // `.inf`, `.nan` and the `...` document end start with a dot; relative paths (`document.path`) are safe.
    if first == '.' && !(s.starts_with("../") || s.starts_with("./")) {
        return false;
    }
    if !plain_body_ok(s) {
        return false;
    }
    if first.is_ascii_digit() {
        // Numbers, dates, times and YAML 1.1 sexagesimals have no spaces and only number characters (hex claim ids
        // such as `8ff6695cd3ee` are plain); a leading date is a YAML 1.1 timestamp even with text after it.
        let b = s.as_bytes();
        let dated = b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-';
        let numeric = s
            .chars()
            .all(|c| c.is_ascii_digit() || "._:+-eE".contains(c));
        let prefixed =
            first == '0' && matches!(b.get(1), Some(b'x' | b'o' | b'b' | b'X' | b'O' | b'B'));
        if dated || (!s.contains(' ') && (numeric || prefixed)) {
            return false;
        }
    }
    !(s.len() <= 5
        && ["y", "n", "yes", "no", "on", "off", "true", "false", "null"]
            .iter()
            .any(|w| s.eq_ignore_ascii_case(w)))
}

/// Whether nothing inside `s` stops it from being a plain scalar: no control character, tab or line break, none
/// of [`needs_escape`]'s characters, no `": "` and no `" #"`.
///
/// This runs on every string of every claim file, so it scans 32-byte chunks for bytes that could start a
/// problem (a cheap test the compiler vectorises) and looks closer only in chunks that have one. Of the lead
/// bytes of [`needs_escape`]'s characters (0xC2 for C1 controls, 0xE2 for U+2028/U+2029, 0xEF for
/// U+FEFF/U+FFFE/U+FFFF), 0xE2 also starts the curly quotes of news text: those chunks take the closer look.
fn plain_body_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let suspect = |x: u8| {
        x < 0x20 || x == 0x7f || x == b':' || x == b'#' || x == 0xc2 || x == 0xe2 || x == 0xef
    };
    let mut base = 0;
    for chunk in b.chunks(32) {
        if chunk.iter().fold(false, |any, &x| any | suspect(x)) {
            for (k, &x) in chunk.iter().enumerate() {
                let i = base + k;
                let bad = match x {
                    0..=0x1f | 0x7f => true,
                    b':' => b.get(i + 1) == Some(&b' '),
                    b'#' => i > 0 && b[i - 1] == b' ',
                    0xc2 | 0xe2 | 0xef => s[i..].chars().next().is_some_and(needs_escape),
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

/// Writes `prefix`, `value` and a line break (`write!` formatting was a tenth of the emitter's time).
fn line(o: &mut String, prefix: &str, value: &str) {
    o.push_str(prefix);
    o.push_str(value);
    o.push('\n');
}

/// Writes `prefix`, the decimal `n` and a line break.
fn number(o: &mut String, prefix: &str, n: impl itoa::Integer) {
    line(o, prefix, itoa::Buffer::new().format(n));
}

fn source_kind(k: SourceKind) -> &'static str {
    match k {
        SourceKind::Primary => "primary",
        SourceKind::Secondary => "secondary",
        SourceKind::Unknown => "unknown",
    }
}

fn quote_kind(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    }
}

fn hedge_level(l: HedgeLevel) -> &'static str {
    match l {
        HedgeLevel::None => "none",
        HedgeLevel::Speculative => "speculative",
        HedgeLevel::Reported => "reported",
        HedgeLevel::Alleged => "alleged",
    }
}

fn paragraph_mode(m: ParagraphMode) -> &'static str {
    match m {
        ParagraphMode::Line => "line",
        ParagraphMode::Blank => "blank",
    }
}

fn suggestion_status(s: SuggestionStatus) -> &'static str {
    match s {
        SuggestionStatus::Suggested => "suggested",
        SuggestionStatus::Accepted => "accepted",
        SuggestionStatus::Rejected => "rejected",
    }
}

fn review_status(s: ReviewStatus) -> &'static str {
    match s {
        ReviewStatus::Unreviewed => "unreviewed",
        ReviewStatus::Supported => "supported",
        ReviewStatus::Disputed => "disputed",
        ReviewStatus::False => "false",
        ReviewStatus::Unverifiable => "unverifiable",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{SCHEMA_COMMENT_CLAIMS, to_yaml};

    fn example() -> ClaimFile {
        crate::validate::parse_claim_file("x", include_str!("../../claims/ambassador-recall.yaml"))
            .unwrap()
    }

    #[test]
    fn same_bytes_as_serde_saphyr_on_the_example() {
        let file = example();
        assert_eq!(
            claim_file(&file, SCHEMA_COMMENT_CLAIMS),
            to_yaml(&file, SCHEMA_COMMENT_CLAIMS).unwrap()
        );
    }

    #[test]
    fn ambiguous_strings_are_quoted_and_round_trip() {
        let mut file = example();
        let tricky = [
            "yes",
            "No",
            "012",
            "1e3",
            "1_000",
            "0x1f",
            "12:30:00",
            "123e4567",
            "466a701d436d",
            "2026-01-01",
            "2026-01-01 is a date",
            "12 people",
            "- dash",
            "a: b",
            "a #b",
            "\"quoted\" start",
            "tab\there",
            "line\nbreak",
            "nel\u{85}x",
            "trail ",
            " lead",
            "",
            "~",
            "null",
            "x:",
            "back\\slash",
            "url: https://x",
            "https://example.org/a#b",
            ".5",
            "+1",
            "<<",
            "@at",
            "`tick",
            "%p",
            "caf\u{e9} \u{201c}quoted\u{201d}",
            "\u{feff}bom",
            "ctl\u{7}",
        ];
        for (i, t) in tricky.iter().enumerate() {
            let n = file.claims.len();
            let c = &mut file.claims[i % n];
            c.text = t.to_string();
            c.hedging.cues = vec![t.to_string()];
            let yaml = claim_file(&file, SCHEMA_COMMENT_CLAIMS);
            let back = crate::yaml::load(&yaml).unwrap_or_else(|e| panic!("{t:?}: {e}\n{yaml}"));
            let back: ClaimFile = serde_json::from_value(back).unwrap();
            assert_eq!(back, file, "{t:?}");
        }
    }
}
