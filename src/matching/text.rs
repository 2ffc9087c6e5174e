//! Claim text → the features that similarity is measured on.
//!
//! Paraphrases of one fact keep its content words (names, places, numbers, the event) but change function words,
//! attribution ("Peskov said …" vs "…, the Kremlin spokesman said"), word order, inflection and some verbs
//! ("left" vs "departed"). So the text is lowercased and split into words, and then:
//!
//! 1. **attribution is masked**: the source of a reporting verb (`said`, `told`, `reported`, …) back to the start
//!    of its clause (up to six words, stopping at the first preposition so that "police in northern Peru said"
//!    keeps "northern Peru"), the recipient after `told` ("told reporters"), and "according to X" up to the next
//!    comma. Two outlets rarely credit a fact the same way, and crediting it differently does not make it a
//!    different fact; numbers and weekdays in those spans are kept;
//! 2. stopwords (`data/stopwords.txt`) are dropped, and each remaining word is **reduced** to a crude lemma:
//!    regular endings (`-s`, `-es`, `-ies`, `-ed`, `-ied`, `-ing`, then a final `-e`) are stripped, and the word
//!    groups of `data/match-synonyms.txt` (irregular forms such as `left` → `leave`, and a few news synonyms
//!    such as `departed` → `leave`) map to one word; number words up to twenty become digits (`eleven` → `11`);
//! 3. the **shingles** are the reduced content words plus *unordered* pairs of adjacent ones, so "the bridge was
//!    approved by the council" and "the council approved the bridge" share their pairs. Unigrams give recall
//!    when a paraphrase reorders the sentence; pairs reward shared phrasing, which separates sentences that merely
//!    share names from ones that report the same thing;
//! 4. the **anchors** are what pins down which event a sentence is about: its numbers, its weekdays and months,
//!    its names (capitalised words not at the start of the sentence, or at the start when the next word is
//!    capitalised too), negation (`not`, `never`, a denying verb: "X denied that …") and the opposite word groups
//!    it uses (`rise` vs `fall`). Weekdays and months are anchors only, not shingles.
//!    [`agreement`] compares them: two claims that differ only in a number or a name ("to 4.5 percent" vs "to
//!    5.5 percent") share nearly every shingle, yet report different things.
//!
//! Longer n-grams or character shingles were not used: paraphrases rarely share three content words in a row, and
//! character shingles mostly measure shared names. Shingles and anchors are stored as 32-bit hashes: a collision
//! between two shingles of one pair of claims is a one-in-a-hundred-million event that moves a score by a few
//! hundredths. Word order is otherwise ignored, so claims that swap the roles of two names ("Varnel beat Talsen"
//! vs "Talsen beat Varnel") still look alike: a reviewer reads every suggestion.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The stopword list, compiled in.
pub const STOPWORDS: &str = include_str!("../../data/stopwords.txt");
/// The word groups (synonyms, irregular forms, opposites), compiled in.
pub const SYNONYMS: &str = include_str!("../../data/match-synonyms.txt");

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

/// The word groups of [`SYNONYMS`], reduced: word → group name, and group name → (opposition index, side).
struct Groups {
    canonical: HashMap<String, String>,
    opposite: HashMap<String, Vec<(u32, bool)>>,
}

fn groups() -> &'static Groups {
    static GROUPS: OnceLock<Groups> = OnceLock::new();
    GROUPS.get_or_init(|| {
        let mut g = Groups {
            canonical: HashMap::new(),
            opposite: HashMap::new(),
        };
        let mut buf = String::new();
        let mut reduced = |w: &str| {
            reduce(w, &mut buf);
            buf.clone()
        };
        let mut pairs = 0u32;
        for line in parse_list(SYNONYMS) {
            if let Some(rest) = line.strip_prefix('!') {
                let names: Vec<String> = rest.split_whitespace().map(&mut reduced).collect();
                if let [a, b] = &names[..] {
                    g.opposite
                        .entry(a.clone())
                        .or_default()
                        .push((pairs, false));
                    g.opposite.entry(b.clone()).or_default().push((pairs, true));
                    pairs += 1;
                }
                continue;
            }
            let words: Vec<String> = line.split_whitespace().map(&mut reduced).collect();
            for w in &words {
                // The first group wins: the data test reports a word listed twice.
                g.canonical
                    .entry(w.clone())
                    .or_insert_with(|| words[0].clone());
            }
        }
        g
    })
}

/// What similarity needs to know about one claim's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Number of words, stopwords included (what `--min-words` counts).
    pub words: usize,
    /// Sorted, deduplicated shingle hashes: reduced content words and unordered adjacent pairs.
    pub shingles: Vec<u32>,
    /// Sorted, deduplicated anchor hashes, the kind in the top two bits (see [`agreement`]).
    pub anchors: Vec<u32>,
}

/// Anchor kinds, in the top two bits of an anchor hash.
const NUMBER: u32 = 1 << 30;
const TIME: u32 = 2 << 30;
const NAME: u32 = 3 << 30;
/// Kind 0: negation and the sides of opposite word groups.
const NEGATION: u32 = 0x3fff_ffff;
const KIND: u32 = 3 << 30;

/// Factors [`agreement`] multiplies a score by, tuned on `devset/paraphrase.tsv` (`examples/match_dev.rs`): with
/// these, the hard negatives there that differ only in a number, a name, a weekday or a negation fall below the
/// default threshold while the paraphrases keep theirs. A weekday is not a shingle ([`analyse`]), so two claims
/// differing only in their weekday have a Jaccard similarity of 1: its factor must be below the threshold.
const DISJOINT_NUMBERS: f64 = 0.3;
const DIFFERENT_NUMBERS: f64 = 0.8;
const DIFFERENT_TIMES: f64 = 0.2;
const DISJOINT_NAMES: f64 = 0.3;
const DIFFERENT_NAMES: f64 = 0.4;
const OPPOSITE: f64 = 0.3;

/// How far two claims' anchors agree, as a factor in `(0, 1]` on their shingle similarity.
///
/// Each kind is compared as a set, and only when both claims have some: a paraphrase may leave a number or a name
/// out (one set inside the other: factor 1), but two claims whose numbers have nothing in common ("120 flights" vs
/// "40 flights") report different events (0.3), and so do two whose names do ("Mara Quist" vs "Jonas Brek": 0.3;
/// "Prime Minister Anna Lind" vs "Prime Minister Ola Berg": 0.4), or whose weekdays and months differ (0.2).
/// Numbers that overlap with extras on both sides ("64 percent … two decades" vs "64 percent … 20 years") cost
/// a little (0.8). A negation or a word of an opposite group on one side only ("did not sign", "rose" vs
/// "fell") costs 0.3 each.
pub fn agreement(a: &[u32], b: &[u32]) -> f64 {
    let kind = |set: &[u32], k: u32| -> Vec<u32> {
        set.iter().copied().filter(|x| x & KIND == k).collect()
    };
    let mut factor = 1.0;
    for (k, disjoint, different) in [
        (NUMBER, DISJOINT_NUMBERS, DIFFERENT_NUMBERS),
        (TIME, DIFFERENT_TIMES, DIFFERENT_TIMES),
        (NAME, DISJOINT_NAMES, DIFFERENT_NAMES),
    ] {
        factor *= compare(&kind(a, k), &kind(b, k), disjoint, different);
    }
    let (pa, pb) = (kind(a, 0), kind(b, 0));
    if pa.contains(&NEGATION) != pb.contains(&NEGATION) {
        factor *= OPPOSITE;
    }
    // Side `s` of opposition `p` is `p << 1 | s`; a claim using one side only, against one using the other only.
    let one_sided = |set: &[u32], x: u32| set.contains(&x) && !set.contains(&(x ^ 1));
    if pa
        .iter()
        .any(|&x| x != NEGATION && one_sided(&pa, x) && one_sided(&pb, x ^ 1))
    {
        factor *= OPPOSITE;
    }
    factor
}

/// The factor for one kind of anchor: 1 when either set is empty or holds the other.
fn compare(a: &[u32], b: &[u32], disjoint: f64, different: f64) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 1.0;
    }
    let common = a.iter().filter(|x| b.contains(x)).count();
    if common == a.len() || common == b.len() {
        1.0
    } else if common == 0 {
        disjoint
    } else {
        different
    }
}

/// Reporting verbs whose source is masked (see the module documentation). `confirmed` and `announced` are in
/// [`REPORTING_AT_END`].
const REPORTING: &[&str] = &[
    "said", "says", "say", "told", "tells", "tell", "reported", "reports", "added", "stated",
    "wrote", "writes", "denied", "denies", "deny",
];
/// Verbs that report only at the end of a clause ("…, officials confirmed."): elsewhere their subject is often what
/// the claim is about ("the minister announced her resignation").
const REPORTING_AT_END: &[&str] = &["announced", "announces", "confirmed", "confirms"];
/// Reporting verbs that negate what they report: "X denied that troops crossed" is "troops did not cross, X said".
const DENYING: &[&str] = &["denied", "denies", "deny"];
/// Reporting verbs followed by a recipient ("told reporters").
const TELLING: &[&str] = &["told", "tells", "tell"];
/// Prepositions that end a source phrase: "police in northern Peru said" masks "police" only.
const SOURCE_END: &[&str] = &[
    "in", "at", "from", "of", "for", "near", "on", "with", "outside", "inside",
];
/// Longest source phrase masked, in words; a longer clause before a reporting verb is content.
const MAX_SOURCE: usize = 6;
/// Number words written as digits by paraphrases. `one` is left out: it is as often a pronoun ("one of them").
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("dozen", "12"),
    ("thirteen", "13"),
    ("fourteen", "14"),
    ("fifteen", "15"),
    ("sixteen", "16"),
    ("seventeen", "17"),
    ("eighteen", "18"),
    ("nineteen", "19"),
    ("twenty", "20"),
];
const TIMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// One word of a claim, as [`tokens`] gives it.
#[derive(Debug, Clone)]
struct Token {
    /// Lowercase, number words as digits.
    word: String,
    /// Written with a capital letter.
    capitalised: bool,
    /// A clause break (`,` `;` `:` a bracket or a dash) or the start of the text comes before it.
    after_break: bool,
}

/// The words of `text` with their shape.
fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(24);
    for_each_token(text, &mut |w, capitalised, after_break| {
        let word = NUMBER_WORDS
            .iter()
            .find(|(n, _)| *n == w)
            .map_or(w, |(_, d)| d);
        out.push(Token {
            word: word.to_string(),
            capitalised,
            after_break,
        });
    });
    out
}

fn is_number(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
}

/// Which tokens credit a source rather than state the claim (see the module documentation).
fn attribution_mask(t: &[Token]) -> Vec<bool> {
    let mut mask = vec![false; t.len()];
    let kept = |x: &Token| is_number(&x.word) || TIMES.contains(&x.word.as_str());
    for (i, tok) in t.iter().enumerate() {
        let w = tok.word.as_str();
        if w == "according" && t.get(i + 1).is_some_and(|n| n.word == "to") {
            let end = (i + 2..t.len())
                .find(|&j| t[j].after_break)
                .unwrap_or(t.len());
            let stop = if end - (i + 2) <= MAX_SOURCE {
                end
            } else {
                i + 2
            };
            for (j, m) in mask.iter_mut().enumerate().take(stop).skip(i) {
                *m = !kept(&t[j]);
            }
        } else if REPORTING.contains(&w)
            || (REPORTING_AT_END.contains(&w) && t.get(i + 1).is_none_or(|n| n.after_break))
        {
            mask[i] = true;
            let start = (0..=i).rev().find(|&j| t[j].after_break).unwrap_or(0);
            if i - start <= MAX_SOURCE {
                let end = (start..i)
                    .find(|&j| SOURCE_END.contains(&t[j].word.as_str()))
                    .unwrap_or(i);
                for j in start..end {
                    mask[j] = !kept(&t[j]);
                }
            }
            if TELLING.contains(&w) {
                let end = (i + 1..t.len())
                    .find(|&j| t[j].after_break)
                    .unwrap_or(t.len());
                if end - (i + 1) <= 2 {
                    for j in i + 1..end {
                        mask[j] = !kept(&t[j]);
                    }
                }
            }
        }
    }
    mask
}

/// A content word of a claim: reduced, with whether it is a name.
struct Content {
    word: String,
    name: bool,
}

/// The content words of `text`, in order (stopwords and attribution dropped, words reduced); sets `words` to the
/// number of words and `denied` when a denying verb reports the claim.
fn content(text: &str, words: &mut usize, denied: &mut bool) -> Vec<Content> {
    let t = tokens(text);
    *words = t.len();
    *denied = t.iter().any(|x| DENYING.contains(&x.word.as_str()));
    let mask = attribution_mask(&t);
    let stop = stopwords();
    let groups = groups();
    let mut reduced = String::new();
    let mut out = Vec::with_capacity(t.len());
    for (i, tok) in t.iter().enumerate() {
        if mask[i] || stop.contains(tok.word.as_str()) {
            continue;
        }
        reduce(&tok.word, &mut reduced);
        let word = groups
            .canonical
            .get(&reduced)
            .cloned()
            .unwrap_or_else(|| reduced.clone());
        // A capital at the start of a sentence says nothing, unless the next word has one too ("Kovar Steel").
        let name = tok.capitalised
            && (i > 0 || t.get(1).is_some_and(|n| n.capitalised))
            && !is_number(&word)
            && !TIMES.contains(&tok.word.as_str());
        out.push(Content { word, name });
    }
    out
}

/// Analyses a claim's text: counts its words and builds its shingles and anchors.
pub fn analyse(text: &str) -> Analysis {
    let (mut words, mut denied) = (0, false);
    let content = content(text, &mut words, &mut denied);
    // Weekdays and months are anchors only: sharing "Thursday" is weak evidence of one event (many happen on a
    // Thursday), a different day strong evidence of two.
    let hashes: Vec<u64> = content
        .iter()
        .filter(|c| !TIMES.contains(&c.word.as_str()))
        .map(|c| hash_bytes(c.word.as_bytes()))
        .collect();
    let mut shingles: Vec<u32> = Vec::with_capacity(hashes.len() * 2);
    shingles.extend(hashes.iter().map(|&h| fold(h)));
    shingles.extend(hashes.windows(2).map(|p| {
        // Unordered: the smaller hash first.
        let (x, y) = (p[0].min(p[1]), p[0].max(p[1]));
        fold(mix(x.rotate_left(21) ^ y ^ BIGRAM_SALT))
    }));
    shingles.sort_unstable();
    shingles.dedup();

    let groups = groups();
    let mut anchors = Vec::new();
    if denied {
        anchors.push(NEGATION);
    }
    for c in &content {
        let value = fold(hash_bytes(c.word.as_bytes())) & !KIND;
        if is_number(&c.word) {
            anchors.push(NUMBER | value);
        } else if TIMES.contains(&c.word.as_str()) {
            anchors.push(TIME | value);
        } else if c.name {
            anchors.push(NAME | value);
        } else if c.word == "not" || c.word == "never" {
            anchors.push(NEGATION);
        }
        if let Some(sides) = groups.opposite.get(&c.word) {
            anchors.extend(sides.iter().map(|&(p, side)| p << 1 | u32::from(side)));
        }
    }
    anchors.sort_unstable();
    anchors.dedup();
    Analysis {
        words,
        shingles,
        anchors,
    }
}

/// The content words of `text` as the shingler sees them: attribution masked, stopwords dropped, words reduced
/// (for tests and for explaining a score).
pub fn content_words(text: &str) -> Vec<String> {
    let (mut words, mut denied) = (0, false);
    content(text, &mut words, &mut denied)
        .into_iter()
        .map(|c| c.word)
        .collect()
}

/// Writes `w` reduced to a crude lemma into `out`: `ministers` → `minister`, `companies` → `company`, `closed`,
/// `closes`, `closing` and `close` → `clos`, `stopped` → `stop`. Words of three letters or fewer and words with
/// digits or non-ASCII letters are left alone, endings `-ss`, `-us`, `-is` keep their `s`, and a stem is never
/// cut below three letters. The result is a matching key, not a word: what matters is that the forms of one
/// word meet; irregular forms are in `data/match-synonyms.txt`.
fn reduce(w: &str, out: &mut String) {
    out.clear();
    if w.len() <= 3 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        out.push_str(w);
        return;
    }
    let (mut stem, mut y) = (w, false);
    for suffix in ["ies", "ied", "ing", "ed", "es", "s"] {
        if let Some(rest) = w.strip_suffix(suffix) {
            if rest.len() < 3
                || (suffix == "s"
                    && (rest.ends_with('s') || rest.ends_with('u') || rest.ends_with('i')))
            {
                break;
            }
            stem = rest;
            y = suffix.starts_with('i') && suffix != "ing";
            if matches!(suffix, "ing" | "ed") {
                // A doubled final consonant goes back to one (`stopped` → `stop`); `ll`, `ss`, `zz` stay.
                let b = stem.as_bytes();
                let n = b.len();
                if n > 3 && b[n - 1] == b[n - 2] && !b"aeiouylsz".contains(&b[n - 1]) {
                    stem = &stem[..n - 1];
                }
            }
            break;
        }
    }
    out.push_str(stem);
    if y {
        out.push('y');
    } else if out.len() > 3 && out.ends_with('e') {
        out.pop();
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
    for_each_token(text, &mut |w, _, _| f(w));
}

/// [`for_each_word`], also telling `f` whether the word was written with a capital and whether a clause break
/// (`,` `;` `:` a bracket or a dash, or the start of the text) comes before it.
fn for_each_token(text: &str, f: &mut dyn FnMut(&str, bool, bool)) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut buf = String::with_capacity(32);
    let mut i = 0;
    let mut after_break = true;
    while i < n {
        if !chars[i].is_alphanumeric() {
            after_break |= matches!(
                chars[i],
                ',' | ';' | ':' | '(' | ')' | '[' | ']' | '\u{2013}' | '\u{2014}'
            );
            i += 1;
            continue;
        }
        let capitalised = chars[i].is_uppercase();
        let brk = std::mem::take(&mut after_break);
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
                    f(&buf, capitalised, brk);
                    f("not", false, false);
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
            f(&buf, capitalised, brk);
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
    fn content_words_drop_stopwords_attribution_and_inflection() {
        assert_eq!(
            content_words(
                "The ministers said the companies would not sign the talks, according to Interfax."
            ),
            ["company", "not", "sign", "talk"]
        );
        assert_eq!(
            content_words("The crisis hit the bus news"),
            ["crisis", "hit", "bus", "new"]
        );
        // The source before a reporting verb, up to the first preposition; the recipient of `told`.
        assert_eq!(
            content_words(
                "Police in northern Peru said 12 people died, an official told reporters."
            ),
            ["northern", "peru", "12", "peopl", "kill"]
        );
        assert_eq!(
            content_words("Officials confirmed that the reservoir fell, the ministry announced."),
            ["official", "confirm", "reservoir", "fall"]
        );
        assert_eq!(
            content_words("Peskov said the ambassador left"),
            content_words("The ambassador has left, the Kremlin spokesman said")
        );
        // Inflections and irregular forms meet; number words become digits.
        assert_eq!(
            content_words("closed closes closing close stopped stops Eleven twelve fell dropped"),
            [
                "clos", "clos", "clos", "clos", "end", "end", "11", "12", "fall", "fall"
            ]
        );
    }

    #[test]
    fn reduction_keeps_short_and_non_ascii_words() {
        let r = |w: &str| {
            let mut out = String::new();
            reduce(w, &mut out);
            out
        };
        assert_eq!(r("bus"), "bus");
        assert_eq!(r("crisis"), "crisis");
        assert_eq!(r("class"), "class");
        assert_eq!(r("companies"), "company");
        assert_eq!(r("killed"), "kill");
        assert_eq!(r("planned"), "plan");
        assert_eq!(r("rescued"), r("rescue"));
        assert_eq!(r("1200.50"), "1200.50");
        assert_eq!(r("écoles"), "écoles");
        assert_eq!(r("sing"), "sing");
    }

    #[test]
    fn synonym_groups_load_and_no_word_is_in_two() {
        let mut seen = std::collections::HashMap::new();
        let mut buf = String::new();
        for line in parse_list(SYNONYMS).filter(|l| !l.starts_with('!')) {
            for w in line.split_whitespace() {
                assert_eq!(w, w.to_lowercase(), "{w}");
                reduce(w, &mut buf);
                if let Some(other) = seen.insert(buf.clone(), line) {
                    panic!("`{w}` ({buf}) is in two groups: `{other}` and `{line}`");
                }
            }
        }
        let g = groups();
        assert_eq!(g.canonical["depart"], "leav");
        for line in parse_list(SYNONYMS).filter_map(|l| l.strip_prefix('!')) {
            let names: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(names.len(), 2, "`!{line}`: two group names");
            for n in names {
                reduce(n, &mut buf);
                assert!(g.opposite.contains_key(&buf), "{n}");
            }
        }
    }

    #[test]
    fn shingles_are_unigrams_and_unordered_pairs_deterministically() {
        let a = analyse("Sullivan left Moscow on Thursday.");
        assert_eq!(a.words, 5);
        // sullivan, leav, moscow + 2 pairs; thursday is an anchor.
        assert_eq!(a.shingles.len(), 5);
        assert_eq!(
            a.anchors.len(),
            2,
            "moscow (a name) and thursday: {:?}",
            a.anchors
        );
        assert_eq!(a, analyse("SULLIVAN  left Moscow, on Thursday"));
        assert!(a.shingles.windows(2).all(|w| w[0] < w[1]));
        // Reversed, the words and the pairs are the same.
        let b = analyse("Thursday Moscow left Sullivan");
        assert_eq!(a.shingles, b.shingles);
    }

    #[test]
    fn anchors_compare_numbers_names_times_and_negation() {
        let f = |a: &str, b: &str| agreement(&analyse(a).anchors, &analyse(b).anchors);
        assert_eq!(
            f(
                "The rate rose to 4.5 percent.",
                "The rate rose to 4.5 percent on Monday."
            ),
            1.0
        );
        assert_eq!(
            f("Rates rose to 4.5 percent.", "Rates rose to 5.5 percent."),
            DISJOINT_NUMBERS
        );
        assert_eq!(
            f(
                "Turnout was 64 percent, highest in two decades.",
                "Turnout was 64 percent, highest in 20 years."
            ),
            DIFFERENT_NUMBERS
        );
        assert_eq!(
            f("Police detained Mara Quist.", "Police detained Jonas Brek."),
            DISJOINT_NAMES
        );
        assert_eq!(
            f("They met on Sunday.", "They met on Wednesday."),
            DIFFERENT_TIMES
        );
        assert_eq!(
            f(
                "The president signed the bill.",
                "The president did not sign the bill."
            ),
            OPPOSITE
        );
        assert_eq!(
            f("Shares rose 7 percent.", "Shares fell 7 percent."),
            OPPOSITE
        );
        // Both directions on each side: no conflict.
        assert_eq!(
            f(
                "Two were killed and three wounded.",
                "A mine killed two and wounded three."
            ),
            1.0
        );
        // Names in the attribution do not count.
        assert_eq!(
            f(
                "Peskov said the envoy left Moscow.",
                "The envoy left Moscow, Zakharova said."
            ),
            1.0
        );
    }
}
