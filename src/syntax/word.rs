//! What the models see of a word: a normalised form and its shape, computed once per word.
//!
//! Normalisation happens only here, inside feature extraction, never in output: curly quotes and apostrophes
//! become ASCII, dashes `-`, digits `0` (news uses curly quotes far more than the training text does, and one
//! number is as good as another for syntax).

/// The normalised form, case kept.
pub fn normalise(form: &str, out: &mut String) {
    out.clear();
    for c in form.chars() {
        out.push(match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}'
            | '\u{bb}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => '-',
            c if c.is_ascii_digit() => '0',
            c if c.is_numeric() && !c.is_alphabetic() => '0',
            c => c,
        });
    }
}

/// Word shape: `X` upper, `x` lower, `d` digit, other characters as themselves; runs of one class capped at two
/// ("Obama" → "Xxx", "2026" → "dd", "U.S." → "X.X.").
pub fn shape(form: &str, out: &mut String) {
    out.clear();
    let mut last = '\0';
    let mut run = 0;
    for c in form.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'x'
        } else {
            c
        };
        if s == last {
            run += 1;
        } else {
            run = 1;
            last = s;
        }
        if run <= 2 {
            out.push(s);
        }
        if out.len() > 24 {
            break;
        }
    }
}

/// The first `n` characters of `s`.
pub fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The last `n` characters of `s`.
pub fn suffix(s: &str, n: usize) -> &str {
    if n == 0 {
        return "";
    }
    match s.char_indices().rev().nth(n - 1) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_quotes_dashes_digits() {
        let mut s = String::new();
        normalise("don\u{2019}t", &mut s);
        assert_eq!(s, "don't");
        normalise("\u{201c}1,200\u{2014}", &mut s);
        assert_eq!(s, "\"0,000-");
    }

    #[test]
    fn shapes_cap_runs() {
        let mut s = String::new();
        shape("Obama", &mut s);
        assert_eq!(s, "Xxx");
        shape("U.S.", &mut s);
        assert_eq!(s, "X.X.");
        shape("2026", &mut s);
        assert_eq!(s, "dd");
        shape("McDonald's", &mut s);
        assert_eq!(s, "XxXxx'x");
    }

    #[test]
    fn affixes_count_characters() {
        assert_eq!(prefix("élan", 2), "él");
        assert_eq!(suffix("naïve", 3), "ïve");
        assert_eq!(suffix("a", 4), "a");
        assert_eq!(suffix("abc", 0), "");
    }
}
