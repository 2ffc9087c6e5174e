//! Lists written inline in one paragraph: `1. The first item 2. The second item`, `a. one b. two`,
//! `⁃9. The first item ⁃10. The second item`.
//!
//! sentencex takes `1.` for a sentence of its own and does not see `2.` as the start of an item (Golden Rules
//! 35, 36, 38, 39). We find the items first and let sentencex segment each item on its own; a leading marker
//! that it still cuts off is glued back by [`is_marker_only`].
//!
//! To keep prose safe ("in 2. Then", "J. K. Rowling"), a paragraph is a list only when it *starts* with a
//! marker and the next marker carries the next label (`1.` → `2.`, `a.` → `b.`) with the same bullet and the
//! same delimiter, after whitespace. Capital letters are not labels: `A. Smith` is an initial far more often.

/// Bullet characters that may precede a label (`• 9.`, `⁃9.`). ASCII `-` and `*` are left out: inline they
/// are dashes and emphasis far more often than list bullets.
const BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '‣', '⁃', '●', '○', '■', '□', '►', '▸', '➢', '➤', '–', '—',
];

/// The label of a list marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    /// `1.`, `23)`: at most three digits, so years ("In 2015.") are never labels.
    Number(u32),
    /// `a.`, `b)`: one lowercase ASCII letter.
    Letter(u8),
}

impl Label {
    fn next(self) -> Option<Label> {
        match self {
            Label::Number(n) if n < 999 => Some(Label::Number(n + 1)),
            Label::Letter(c) if c < b'z' => Some(Label::Letter(c + 1)),
            _ => None,
        }
    }

    fn render(self) -> String {
        match self {
            Label::Number(n) => n.to_string(),
            Label::Letter(c) => char::from(c).to_string(),
        }
    }
}

/// A list marker at the start of some text: optional bullet, label, delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    bullet: Option<char>,
    label: Label,
    delimiter: &'static str,
}

/// Delimiters after a label, longest first so `1.)` is not read as `1.`.
const DELIMITERS: [&str; 3] = [".)", ".", ")"];

/// Parses a marker at the start of `s`; returns it and its length in bytes. The marker must be followed by
/// whitespace (an item has content), which also rules out decimals (`1.5`) and abbreviations (`e.g.`).
fn parse_marker(s: &str) -> Option<(Marker, usize)> {
    let mut rest = s;
    let mut bullet = None;
    if let Some(c) = rest.chars().next().filter(|c| BULLETS.contains(c)) {
        bullet = Some(c);
        rest = rest[c.len_utf8()..].trim_start_matches([' ', '\t']);
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (label, after) = if (1..=3).contains(&digits) {
        (Label::Number(rest[..digits].parse().ok()?), &rest[digits..])
    } else if digits == 0 && rest.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        (Label::Letter(rest.as_bytes()[0]), &rest[1..])
    } else {
        return None;
    };
    let delimiter = DELIMITERS.into_iter().find(|d| after.starts_with(d))?;
    let tail = &after[delimiter.len()..];
    if !tail.starts_with(char::is_whitespace) {
        return None;
    }
    Some((
        Marker {
            bullet,
            label,
            delimiter,
        },
        s.len() - tail.len(),
    ))
}

/// Byte offsets in `para` where the items of an inline list start (the first is 0), or an empty vector when
/// `para` is not such a list (fewer than two items).
pub(super) fn item_starts(para: &str) -> Vec<usize> {
    let Some((first, mut cursor)) = parse_marker(para) else {
        return Vec::new();
    };
    let mut starts = vec![0];
    let mut marker = first;
    while let Some(label) = marker.label.next() {
        let needle = format!("{}{}", label.render(), marker.delimiter);
        let Some(found) = find_marker(para, cursor, &needle, marker.bullet) else {
            break;
        };
        starts.push(found);
        marker.label = label;
        cursor = found + needle.len();
    }
    if starts.len() < 2 {
        starts.clear();
    }
    starts
}

/// Finds the next marker `needle` (label and delimiter, with `bullet` before it when the list has one) at or
/// after `from`, preceded by whitespace and followed by whitespace; returns where the marker starts.
///
/// Each rejected occurrence moves the search forward, so the scan is linear in the paragraph length.
fn find_marker(para: &str, from: usize, needle: &str, bullet: Option<char>) -> Option<usize> {
    let mut at = from;
    while let Some(rel) = para.get(at..)?.find(needle) {
        let pos = at + rel;
        at = pos + needle.len();
        if !para[at..].starts_with(char::is_whitespace) {
            continue;
        }
        let before = &para[from..pos];
        let start = match bullet {
            None => pos,
            Some(b) => {
                let Some(head) = before.trim_end_matches([' ', '\t']).strip_suffix(b) else {
                    continue;
                };
                from + head.len()
            }
        };
        // Something must precede the marker on its own side of the whitespace: an item is never empty.
        let content = &para[from..start];
        if content.ends_with(char::is_whitespace) && !content.trim().is_empty() {
            return Some(start);
        }
    }
    None
}

/// Length of the list marker at the start of `text` with the whitespace after it, or 0: a bullet (`•`, `-`,
/// `*`), a label (`1.`, `a)`, `⁃9.`) or a label in parentheses (`(5)`, `(d)`, `(iv)`).
///
/// sentencex takes a unit that starts with a bullet or a parenthesised label for one list item and never
/// splits inside it, so `(5) Our policy is set. The nations agree.` stays one sentence; the caller hides the
/// marker from sentencex and puts it back on the first sentence.
pub(super) fn leading_marker_len(text: &str) -> usize {
    let marker = if let Some((_, len)) = parse_marker(text) {
        len
    } else if let Some(c) = text
        .chars()
        .next()
        .filter(|c| BULLETS.contains(c) || matches!(c, '-' | '*' | '+'))
    {
        c.len_utf8()
    } else if let Some(inner) = text.strip_prefix('(') {
        let label = inner.find(')').map_or("", |close| &inner[..close]);
        let is_label = (1..=3).contains(&label.len()) && label.bytes().all(|b| b.is_ascii_digit())
            || label.len() == 1 && label.bytes().all(|b| b.is_ascii_alphabetic())
            || (1..=5).contains(&label.len())
                && label.bytes().all(|b| b"ivxlcdmIVXLCDM".contains(&b));
        if is_label { label.len() + 2 } else { 0 }
    } else {
        0
    };
    let rest = &text[marker..];
    if marker == 0 || !rest.starts_with(char::is_whitespace) {
        return 0;
    }
    text.len() - rest.trim_start().len()
}

/// Whether a "sentence" is nothing but a list marker (`1.`, `a)`, `⁃9.`): sentencex cuts those off the item
/// they introduce, and they are glued back.
pub(super) fn is_marker_only(sentence: &str) -> bool {
    let with_space = format!("{sentence} ");
    parse_marker(&with_space).is_some_and(|(_, len)| len == sentence.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_and_lettered_lists() {
        assert_eq!(
            item_starts("1. The first item 2. The second item"),
            vec![0, 18]
        );
        assert_eq!(item_starts("a. one b. two c. three"), vec![0, 7, 14]);
        assert_eq!(
            item_starts("⁃9. The first item ⁃10. The second item"),
            vec![0, 21]
        );
        assert_eq!(
            item_starts("• 9. The first item • 10. The second item"),
            vec![0, 22]
        );
        assert_eq!(item_starts("1.) one 2.) two"), vec![0, 8]);
    }

    #[test]
    fn prose_is_not_a_list() {
        assert!(item_starts("In 2015. 2016 was worse.").is_empty());
        assert!(item_starts("1. Only one item here.").is_empty());
        assert!(item_starts("1. He scored 3. Then 2.5 more.").is_empty());
        assert!(item_starts("J. K. Rowling wrote it.").is_empty());
        assert!(item_starts("a. b. c.").is_empty());
    }

    #[test]
    fn leading_markers() {
        assert_eq!(leading_marker_len("(5) Our policy"), 4);
        assert_eq!(leading_marker_len("(iv)  Text"), 6);
        assert_eq!(leading_marker_len("• First"), 4);
        assert_eq!(leading_marker_len("- item"), 2);
        assert_eq!(leading_marker_len("1. The first"), 3);
        for s in [
            "(AP) — The",
            "(5)",
            "-5 degrees",
            "(It was.) Then",
            "Word",
            "",
            "(1990) was",
        ] {
            assert_eq!(leading_marker_len(s), 0, "{s}");
        }
    }

    #[test]
    fn marker_only_sentences() {
        for m in ["1.", "12)", "a.", "1.)", "⁃9.", "• 10."] {
            assert!(is_marker_only(m), "{m}");
        }
        for s in ["1.5", "No.", "A.", "e.g.", "2015.", "1. x"] {
            assert!(!is_marker_only(s), "{s}");
        }
    }
}
