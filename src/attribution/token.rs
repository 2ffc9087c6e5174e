//! A small tokenizer for attribution rules: words, punctuation and quote marks with byte offsets.
//!
//! The rules only need word boundaries, capitalisation and quotation state, so this is a single linear pass over
//! the characters rather than a full Penn-style tokenizer. Possessive `'s`/`’s` becomes its own token so that
//! "Russia's ambassador" reads as possessor + noun.

use compact_str::CompactString;

use super::lexicon::{LEXICON, flag};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters and digits, with inner hyphens, periods and apostrophes ("U.S.", "al-Amr", "O'Neill").
    Word,
    /// Possessive marker `'s`, `’s` or a bare trailing apostrophe ("States’").
    Poss,
    /// An opening quotation mark (“, «, or a straight " that opens).
    Open,
    /// A closing quotation mark.
    Close,
    /// Any other punctuation character.
    Punct,
}

/// One token.
#[derive(Debug, Clone)]
pub struct Tok {
    /// Byte offset into the document.
    pub start: usize,
    /// Byte offset just past the token.
    pub end: usize,
    /// Kind.
    pub kind: Kind,
    /// Lowercased text (words) or the character (punctuation). Inline up to 24 bytes, so the million tokens of a
    /// large article do not each cost an allocation.
    pub lower: CompactString,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Inside a quotation (quote marks themselves are not).
    pub quoted: bool,
    /// Lexicon flag bits of the word (see [`super::lexicon::flag`]); 0 for punctuation.
    pub f: u32,
}

impl Tok {
    /// A word token.
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    /// A punctuation token whose text is `p`.
    pub fn is_punct(&self, p: &str) -> bool {
        self.kind == Kind::Punct && self.lower == p
    }
    /// A quote mark.
    pub fn is_quote(&self) -> bool {
        matches!(self.kind, Kind::Open | Kind::Close)
    }
}

/// `word` lowercased; ASCII words (nearly all of English news) skip Unicode case mapping.
fn lowercase(word: &str) -> CompactString {
    const INLINE: usize = 24;
    if word.len() <= INLINE && word.is_ascii() {
        let mut lower = CompactString::from(word);
        lower.make_ascii_lowercase();
        lower
    } else if word.is_ascii() {
        CompactString::from(word.to_ascii_lowercase())
    } else {
        CompactString::from(word.to_lowercase())
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '@' | '_' | '$' | '%')
    } else {
        c.is_alphanumeric()
    }
}

/// The character at byte offset `i` of `s` (`i` is always a character boundary here), if any. Most bytes of
/// news text are ASCII, so the tokenizer walks bytes and decodes only where a byte is not.
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => s[i..].chars().next(),
        None => None,
    }
}

/// Tokenizes `text[start..end]`. `open` says whether a quotation is open at the start (carried over from the
/// previous sentence of the paragraph); the returned flag says whether one is open at the end.
pub fn tokenize(text: &str, start: usize, end: usize, open: bool) -> (Vec<Tok>, bool) {
    let s = &text[start..end];
    let mut toks: Vec<Tok> = Vec::with_capacity(s.len() / 5 + 1);
    let mut in_quote = open;
    let mut i = 0;
    while let Some(c) = char_at(s, i) {
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if is_word_char(c) {
            let b = i;
            let mut j = i + c.len_utf8();
            while let Some(cj) = char_at(s, j) {
                if is_word_char(cj) {
                    j += cj.len_utf8();
                    continue;
                }
                if matches!(cj, '-' | '.' | '\'' | '’' | '&' | '/') {
                    let k = j + cj.len_utf8();
                    if let Some(ck) = char_at(s, k).filter(|&ck| is_word_char(ck)) {
                        // An inner apostrophe before a final "s" is a possessive, split below.
                        let possessive = matches!(cj, '\'' | '’')
                            && matches!(ck, 's' | 'S')
                            && !char_at(s, k + 1).is_some_and(is_word_char);
                        if !possessive {
                            j = k;
                            continue;
                        }
                    }
                }
                break;
            }
            let mut word = &s[b..j];
            let mut lower = lowercase(word);
            // Keep the period of initialisms ("U.S.") and listed abbreviations ("Mr.").
            if char_at(s, j) == Some('.') {
                let initialism =
                    word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2);
                let single = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                if initialism || single || LEXICON.flags(&lower) & flag::ABBREV != 0 {
                    j += 1;
                    word = &s[b..j];
                    lower.push('.');
                }
            }
            let cap = word.chars().next().is_some_and(char::is_uppercase);
            let mut f = LEXICON.flags(&lower);
            if f == 0 && lower.ends_with('.') {
                f = LEXICON.flags(lower.trim_end_matches('.'));
            }
            toks.push(Tok {
                start: start + b,
                end: start + j,
                kind: Kind::Word,
                lower,
                cap,
                quoted: in_quote,
                f,
            });
            i = j;
            // Possessive: 's / ’s, or a bare apostrophe after a plural ("States’ Ambassador").
            if let Some(q) = char_at(s, i).filter(|&q| matches!(q, '\'' | '’')) {
                let after = i + q.len_utf8();
                let next = char_at(s, after);
                let end_of_poss = if matches!(next, Some('s' | 'S'))
                    && !char_at(s, after + 1).is_some_and(is_word_char)
                {
                    Some(after + 1)
                } else if (word.ends_with('s') || word.ends_with('S'))
                    && !next.is_some_and(is_word_char)
                {
                    Some(after)
                } else {
                    None
                };
                if let Some(pe) = end_of_poss {
                    toks.push(Tok {
                        start: start + i,
                        end: start + pe,
                        kind: Kind::Poss,
                        lower: CompactString::const_new("'s"),
                        cap: false,
                        quoted: in_quote,
                        f: 0,
                    });
                    i = pe;
                }
            }
            continue;
        }
        let kind = match c {
            '“' | '«' | '„' => Kind::Open,
            '”' | '»' => Kind::Close,
            '"' => {
                if in_quote {
                    Kind::Close
                } else {
                    Kind::Open
                }
            }
            _ => Kind::Punct,
        };
        match kind {
            Kind::Open => in_quote = true,
            Kind::Close => in_quote = false,
            _ => {}
        }
        toks.push(Tok {
            start: start + i,
            end: start + i + c.len_utf8(),
            kind,
            lower: CompactString::from(&*c.encode_utf8(&mut [0; 4])),
            cap: false,
            quoted: in_quote && kind == Kind::Punct,
            f: 0,
        });
        i += c.len_utf8();
    }
    (toks, in_quote)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s, 0, s.len(), false)
            .0
            .iter()
            .map(|t| s[t.start..t.end].to_string())
            .collect()
    }

    #[test]
    fn splits_words_possessives_and_quotes() {
        assert_eq!(
            words("Mr. Biden’s U.S. envoy said."),
            ["Mr.", "Biden", "’s", "U.S.", "envoy", "said", "."]
        );
        assert_eq!(words("the States’ envoy"), ["the", "States", "’", "envoy"]);
        assert_eq!(
            words("“Yes,” he said"),
            ["“", "Yes", ",", "”", "he", "said"]
        );
    }

    #[test]
    fn marks_quoted_words() {
        let s = "He said \"no way\" today";
        let (t, open) = tokenize(s, 0, s.len(), false);
        let q: Vec<bool> = t.iter().map(|t| t.quoted).collect();
        assert_eq!(q, [false, false, false, true, true, false, false]);
        assert!(!open);
    }
}
