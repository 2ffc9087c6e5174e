//! Claim text → the set of shingles that similarity is measured on.
//!
//! Paraphrases of one fact keep its content words (names, places, numbers, the event) but change function words,
//! attribution phrasing ("X said" vs "according to X"), word order and inflection. So the text is lowercased and
//! split into words, stopwords and attribution cues (`data/stopwords.txt`) are dropped, regular plurals are
//! reduced, and the shingles are the content words plus adjacent content-word pairs:
//!
//! - unigrams give recall when a paraphrase reorders the sentence;
//! - bigrams reward shared phrasing and order, which separates sentences that merely share names ("Sullivan ...
//!   Moscow" in two different events) from ones that report the same thing.
//!
//! Longer n-grams or character shingles were not used: paraphrases rarely share three content words in a row, and
//! character shingles mostly measure shared names. Shingles are stored as 32-bit hashes: a collision between two
//! shingles of one pair of claims is a one-in-a-hundred-million event that moves a score by a few hundredths.

use std::collections::HashSet;
use std::sync::OnceLock;

/// The stopword list, compiled in.
pub const STOPWORDS: &str = include_str!("../../data/stopwords.txt");

fn stopwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| parse_list(STOPWORDS).collect())
}

/// Entries of a one-word-a-line data file: trimmed, without blank lines and `#` comments.
pub fn parse_list(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// What similarity needs to know about one claim's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Number of words, stopwords included (what `--min-words` counts).
    pub words: usize,
    /// Sorted, deduplicated shingle hashes.
    pub shingles: Vec<u32>,
}

/// Analyses a claim's text: counts its words and builds its shingle set.
pub fn analyse(text: &str) -> Analysis {
    let mut words = 0;
    let mut content: Vec<u64> = Vec::with_capacity(24);
    for_each_content_word(text, &mut |w, is_content| {
        words += 1;
        if is_content {
            content.push(hash_bytes(w.as_bytes()));
        }
    });
    let mut shingles: Vec<u32> = Vec::with_capacity(content.len() * 2);
    shingles.extend(content.iter().map(|&h| fold(h)));
    shingles.extend(
        content
            .windows(2)
            .map(|p| fold(mix(p[0].rotate_left(21) ^ p[1] ^ BIGRAM_SALT))),
    );
    shingles.sort_unstable();
    shingles.dedup();
    Analysis { words, shingles }
}

/// The content words of `text` as the shingler sees them (for tests and for explaining a score).
pub fn content_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_content_word(text, &mut |w, is_content| {
        if is_content {
            out.push(w.to_string());
        }
    });
    out
}

/// Calls `f(word, is_content)` for every word of `text`; content words are given plural-reduced.
fn for_each_content_word(text: &str, f: &mut dyn FnMut(&str, bool)) {
    let stop = stopwords();
    let mut reduced = String::new();
    for_each_word(text, &mut |w| {
        if stop.contains(w) {
            f(w, false);
        } else {
            reduce_plural(w, &mut reduced);
            f(&reduced, true);
        }
    });
}

/// Writes `w` with a regular plural ending reduced into `out`: `ministers` → `minister`, `companies` → `company`.
/// Words of three letters or fewer, words with digits or non-ASCII letters, and endings `-ss`, `-us`, `-is` are left
/// alone. Irregular forms and verb inflections are not touched: a wrong reduction would merge different words.
fn reduce_plural(w: &str, out: &mut String) {
    out.clear();
    let plain = w.len() > 3 && w.bytes().all(|b| b.is_ascii_lowercase());
    if plain && w.len() > 4 && w.ends_with("ies") {
        out.push_str(&w[..w.len() - 3]);
        out.push('y');
    } else if plain
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        out.push_str(&w[..w.len() - 1]);
    } else {
        out.push_str(w);
    }
}

/// Splits `text` into lowercase words and calls `f` on each.
///
/// A word is a run of letters and digits. Inside a word: digits separated by `.` or `,` stay one number (`3.5`,
/// `1,200` → `1200`); single letters separated by dots stay one abbreviation (`U.S.` → `u.s`, not the pronoun
/// `us`); an apostrophe before `s`, `ll`, `re`, `ve`, `d` or `m` ends the word and drops the clitic
/// (`Russia's` → `russia`); `n't` becomes the word `not` (`didn't` → `did`, `not`), because a negation changes what
/// a claim says; other apostrophes join (`O'Brien` → `obrien`). Everything else separates words, hyphens included
/// (`pro-Kremlin` → `pro`, `kremlin`).
pub fn for_each_word(text: &str, f: &mut dyn FnMut(&str)) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut buf = String::with_capacity(32);
    let mut i = 0;
    while i < n {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        buf.clear();
        let mut emitted = false;
        loop {
            while i < n && chars[i].is_alphanumeric() {
                buf.extend(chars[i].to_lowercase());
                i += 1;
            }
            if i + 1 >= n || !chars[i + 1].is_alphanumeric() {
                break;
            }
            let (joiner, prev, next) = (chars[i], chars[i - 1], chars[i + 1]);
            if (joiner == '.' || joiner == ',') && prev.is_ascii_digit() && next.is_ascii_digit() {
                if joiner == '.' {
                    buf.push('.');
                }
                i += 1;
            } else if joiner == '.'
                && next.is_alphabetic()
                && (i + 2 >= n || !chars[i + 2].is_alphanumeric())
                && buf.split('.').all(|s| s.chars().count() == 1)
            {
                buf.push('.');
                i += 1;
            } else if joiner == '\'' || joiner == '\u{2019}' {
                let start = i + 1;
                let mut end = start;
                while end < n && chars[end].is_alphanumeric() {
                    end += 1;
                }
                let clitic: String = chars[start..end]
                    .iter()
                    .flat_map(|c| c.to_lowercase())
                    .collect();
                if clitic == "t" && buf.len() > 1 && buf.ends_with('n') {
                    buf.pop();
                    f(&buf);
                    f("not");
                    emitted = true;
                    i = end;
                    break;
                }
                if matches!(clitic.as_str(), "s" | "ll" | "re" | "ve" | "d" | "m") {
                    i = end;
                    break;
                }
                i += 1;
            } else {
                break;
            }
        }
        if !emitted {
            f(&buf);
        }
    }
}

const BIGRAM_SALT: u64 = 0x5bd1_e995_1234_5678;

/// FNV-1a over bytes, then a mixer: fast, deterministic across runs and platforms (unlike `std`'s `RandomState`).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// The splitmix64 finaliser: spreads every input bit over the output.
pub fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn fold(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(text, &mut |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn stopword_file_loads_and_is_lowercase() {
        let list: Vec<&str> = parse_list(STOPWORDS).collect();
        assert!(list.len() > 100);
        for w in &list {
            assert_eq!(*w, w.to_lowercase(), "{w}");
            assert!(!w.contains(' '), "{w}");
        }
        assert!(stopwords().contains("the") && stopwords().contains("according"));
        assert!(!stopwords().contains("not") && !stopwords().contains("thursday"));
    }

    #[test]
    fn tokeniser_keeps_numbers_abbreviations_and_negations() {
        assert_eq!(
            words("The U.S. envoy didn't pay $1,200.50 to Russia's O'Brien, pro-Kremlin."),
            [
                "the", "u.s", "envoy", "did", "not", "pay", "1200.50", "to", "russia", "obrien",
                "pro", "kremlin"
            ]
        );
        assert_eq!(words("Étienne’s ÉCOLE—ok"), ["étienne", "école", "ok"]);
        assert_eq!(words("end."), ["end"]);
        assert!(words("  ...  ").is_empty());
    }

    #[test]
    fn content_words_drop_stopwords_and_reduce_plurals() {
        assert_eq!(
            content_words(
                "The ministers said the companies would not sign the talks, according to Interfax."
            ),
            ["minister", "company", "not", "sign", "talk", "interfax"]
        );
        assert_eq!(
            content_words("The crisis hit the bus news"),
            ["crisis", "hit", "bus", "new"]
        );
    }

    #[test]
    fn shingles_are_unigrams_and_bigrams_deterministically() {
        let a = analyse("Sullivan left Moscow on Thursday.");
        assert_eq!(a.words, 5);
        // sullivan, left, moscow, thursday + 3 bigrams.
        assert_eq!(a.shingles.len(), 7);
        assert_eq!(a, analyse("SULLIVAN  left Moscow, on Thursday"));
        assert!(a.shingles.windows(2).all(|w| w[0] < w[1]));
        // Order matters for bigrams only.
        let b = analyse("Thursday Moscow left Sullivan");
        let common = a.shingles.iter().filter(|s| b.shingles.contains(s)).count();
        assert_eq!(common, 4);
    }
}
