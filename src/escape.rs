//! Untrusted text made harmless to show.
//!
//! Claim text, source names, YAML values and keys quoted in messages, policy keys and file names all come from
//! files someone else may have written, and they end up on terminals and in CI logs. There a raw line break lets
//! the text forge a GitHub workflow command (`::error …`, `::add-mask::…`: the runner parses stdout and stderr
//! line by line), an ESC sequence can clear the screen, write the clipboard (OSC 52), retitle the window or hide
//! a link (OSC 8), and bidi controls can make a line read differently from what it contains. Every
//! human-readable output (the text and GitHub reports, `audit`'s listing, `split`'s text, every message on
//! standard error) shows such text through [`visible`], so there is one definition of what is escaped. JSON and
//! SARIF are escaped by their serialiser, and claim files keep the exact text: this is for display only.

use std::fmt;

/// Shows `s` with every character that could act on a terminal, a log parser or the reading order written as a
/// visible escape: `\n`, `\r`, `\t`, and `\u{1b}`-style escapes for the other C0 controls, DEL, the C1 controls
/// (U+0080–U+009F, NEL included), the line and paragraph separators U+2028 and U+2029, and the bidi controls
/// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069). Everything else, other non-ASCII text included, is
/// shown as it is. Backslashes are not doubled: paths and messages stay readable, and a literal `\n` in the
/// text is harmless, only ambiguous.
///
/// Two workflow-command forms need no control character, so they are broken up too: text that starts with `::`
/// (after whitespace, which the GitHub runner skips) shows its first colon as `\u{3a}`, since a file name or a
/// sentence can begin a line of output; and `##[`, the runner's older command form that it finds anywhere in a
/// line, shows as `\u{23}#[`.
///
/// A [`fmt::Display`] value rather than a `String`, so `split` can stream megabytes through it without a copy.
pub fn visible(s: &str) -> Visible<'_> {
    Visible(s)
}

/// [`visible`]'s result: formats the text with its hidden characters escaped.
#[derive(Debug, Clone, Copy)]
pub struct Visible<'a>(&'a str);

impl fmt::Display for Visible<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        let body = s.trim_start();
        if body.starts_with("::") {
            let lead = s.len() - body.len();
            write_escaped(f, &s[..lead])?;
            f.write_str("\\u{3a}")?;
            return write_escaped(f, &s[lead + 1..]);
        }
        write_escaped(f, s)
    }
}

fn write_escaped(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    let bytes = s.as_bytes();
    let mut shown = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Only ASCII controls, `#` and the lead bytes of the escaped non-ASCII characters (0xC2: C1 controls,
        // 0xD8: U+061C, 0xE2: U+200E… U+2069) can start an escape; continuation bytes never equal these, so `i`
        // is on a character boundary whenever a lead byte matches.
        if !matches!(bytes[i], 0..=0x1f | b'#' | 0x7f | 0xc2 | 0xd8 | 0xe2) {
            i += 1;
            continue;
        }
        if bytes[i] == b'#' {
            if bytes[i..].starts_with(b"##[") {
                f.write_str(&s[shown..i])?;
                f.write_str("\\u{23}")?;
                shown = i + 1;
            }
            i += 1;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if is_hidden(c) {
            f.write_str(&s[shown..i])?;
            match c {
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                c => write!(f, "\\u{{{:x}}}", u32::from(c))?,
            }
            shown = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    f.write_str(&s[shown..])
}

/// Whether [`visible`] escapes `c`.
fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn controls_separators_and_bidi_become_visible() {
        let cases = [
            ("plain text, «quotes» — é", "plain text, «quotes» — é"),
            ("a\n::error file=a::x", "a\\n::error file=a::x"),
            ("a\r\nb\tc", "a\\r\\nb\\tc"),
            (
                "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J",
                "\\u{1b}]52;c;cHduZWQ=\\u{7}\\u{1b}[2J",
            ),
            (
                "\0\u{7f}\u{80}\u{85}\u{9f}\u{a0}",
                "\\u{0}\\u{7f}\\u{80}\\u{85}\\u{9f}\u{a0}",
            ),
            ("x\u{2028}y\u{2029}z", "x\\u{2028}y\\u{2029}z"),
            (
                "\u{61c}\u{200e}\u{200f}\u{202a}\u{202e}\u{2066}\u{2069}",
                "\\u{61c}\\u{200e}\\u{200f}\\u{202a}\\u{202e}\\u{2066}\\u{2069}",
            ),
            // Neighbours of the escaped ranges stay: curly quotes and dashes share the 0xE2 lead byte.
            (
                "\u{2019}\u{2014}\u{2027}\u{202f}\u{2065}\u{206a}\u{61b}",
                "\u{2019}\u{2014}\u{2027}\u{202f}\u{2065}\u{206a}\u{61b}",
            ),
            ("", ""),
            // Workflow commands without a control character: `::` where a line may begin, `##[` anywhere.
            ("::error file=a::x", "\\u{3a}:error file=a::x"),
            (" \u{a0}::warning::x", " \u{a0}\\u{3a}:warning::x"),
            ("\n::error::x", "\\n\\u{3a}:error::x"),
            ("a ::b", "a ::b"),
            (
                "see ##[add-mask]x and ## [ # #[",
                "see \\u{23}#[add-mask]x and ## [ # #[",
            ),
        ];
        for (raw, shown) in cases {
            assert_eq!(visible(raw).to_string(), shown, "{raw:?}");
        }
    }

    #[test]
    fn nothing_hidden_survives_on_any_char() {
        for u in 0..=0x2_ffffu32 {
            let Some(c) = char::from_u32(u) else {
                continue;
            };
            let s = format!("a{c}b");
            let shown = visible(&s).to_string();
            let raw_kept = shown == s;
            assert_eq!(raw_kept, !super::is_hidden(c), "U+{u:04X}");
            assert!(
                !shown.chars().any(|x| x.is_control() || super::is_hidden(x)),
                "U+{u:04X} left {shown:?}"
            );
        }
    }
}
