//! Hedging detection: which hedge cues a sentence carries and its level on the ordered scale.
//!
//! The cues live in `data/hedges.txt` (format in its header) so that reviewers can extend the list without
//! touching code. They are compiled once into one Aho-Corasick automaton; a sentence is scanned in a single pass,
//! so detection stays linear in the sentence length and far below the cost of segmentation.
//!
//! Aho-Corasick knows nothing about words, so three things are done here on top of it:
//! - whole-word checks at both ends of every match ("may" in "Mayor", "likely" in "unlikely");
//! - leftmost-longest selection among the matches that pass those checks, so that "according to reports" wins over
//!   "reports" and the `none` blockers ("could not be reached") hide the cue words inside them;
//! - "May" as a month ("on May 5", "in May 2021", "5 May") or a surname ("Theresa May"), which needs the
//!   neighbouring words and capitalisation rather than a lexicon entry.
//!
//! Some decisions need the sentence's structure, which no string context gives reliably, so they are read off the
//! dependency tree of the syntax layer ([`tree`]):
//! - an evidential, allegation or raising cue only hedges the claim from the clause it is in: "alleged espionage"
//!   inside "The minister, who was arrested for alleged espionage, resigned" qualifies the arrest, not the
//!   resignation; in a content clause ("Police said the man allegedly stole …") it hedges the claim;
//! - a passive prediction or evidential ("is expected to", "is said to") hedges only when nobody is named as the
//!   expecter or sayer; with an agent it is an attribution, and "Analysts expected the bank to cut rates" (cognition
//!   with a subject) is not a hedge at all;
//! - "appears to"/"seems to" hedge as raising verbs with an infinitive, not with a preposition ("appeared to the
//!   crowd");
//! - "could" of capacity ("the plant could produce 5 tons a day") states what something can do, not a possibility.
//!
//! Parsing costs about ten microseconds per twenty words, so a sentence is parsed only when the lexicon found a cue
//! that needs one, and at most once; sentences without such a cue cost no more than before. When the binary was
//! built without the model, the lexicon decides alone, as it did before the tree was used.

mod tree;

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::record::{HedgeLevel, Hedging};

/// The embedded lexicon; see its header for the format.
const LEXICON: &str = include_str!("../data/hedges.txt");

/// One hedge cue found in a sentence, as byte offsets into that sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HedgeCue {
    /// Byte offset of the first byte of the cue.
    pub start: usize,
    /// Byte offset just past the last byte of the cue.
    pub end: usize,
    /// The cue's level; never [`HedgeLevel::None`].
    pub level: HedgeLevel,
}

/// One line of the hedge lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconEntry {
    /// The cue's level; `None` for a blocker, a phrase that contains a cue word but is not a hedge.
    pub level: Option<HedgeLevel>,
    /// The cue in lowercase, words separated by single spaces.
    pub cue: String,
    /// 1-based line number in the lexicon file, for error messages.
    pub line: usize,
}

/// A malformed line in a hedge lexicon.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("hedge lexicon line {line}: {message}")]
pub struct LexiconError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// Parses a lexicon in the `level<TAB>cue` format of `data/hedges.txt`.
///
/// Strict on purpose: the cue is matched byte for byte (ASCII case-insensitively), so stray spaces or capitals
/// would silently never match, and a duplicate would hide which level was meant.
pub fn parse_lexicon(text: &str) -> Result<Vec<LexiconEntry>, LexiconError> {
    let mut entries: Vec<LexiconEntry> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let err = |message: String| LexiconError { line, message };
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let Some((level, cue)) = raw.split_once('\t') else {
            return Err(err(format!("expected `level<TAB>cue`, found {raw:?}")));
        };
        let level = match level {
            "none" => None,
            "speculative" => Some(HedgeLevel::Speculative),
            "reported" => Some(HedgeLevel::Reported),
            "alleged" => Some(HedgeLevel::Alleged),
            other => return Err(err(format!("unknown level {other:?}"))),
        };
        if cue.is_empty() || cue.split(' ').any(str::is_empty) || cue.contains('\t') {
            return Err(err(format!(
                "cue {cue:?} must be words separated by single spaces"
            )));
        }
        if cue.chars().any(char::is_uppercase) {
            return Err(err(format!(
                "cue {cue:?} must be lowercase (matching ignores case)"
            )));
        }
        if !cue.starts_with(is_word_char) || !cue.ends_with(is_word_char) {
            return Err(err(format!(
                "cue {cue:?} must start and end with a letter or digit"
            )));
        }
        if let Some(first) = entries.iter().find(|e| e.cue == cue) {
            return Err(err(format!(
                "duplicate cue {cue:?}, first on line {}",
                first.line
            )));
        }
        entries.push(LexiconEntry {
            level,
            cue: cue.to_owned(),
            line,
        });
    }
    Ok(entries)
}

/// The compiled lexicon.
struct Matcher {
    automaton: AhoCorasick,
    /// Level of each pattern, indexed by pattern id; `None` for blockers.
    levels: Vec<Option<HedgeLevel>>,
    /// What each pattern needs checked in its context, indexed by pattern id.
    context: Vec<Context>,
    /// What each pattern needs asked of the dependency tree, indexed by pattern id.
    checks: Vec<tree::Check>,
}

/// Built on first use. The lexicon is compiled into the binary and checked by a unit test, so a parse failure
/// here is a build defect, not a user error.
static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    let entries =
        parse_lexicon(LEXICON).expect("data/hedges.txt is valid (checked by a unit test)");
    // Standard semantics with overlapping search: leftmost-longest is then chosen among the matches that are whole
    // words. Plain MatchKind::LeftmostLongest would pick a match first and only then fail its word check, losing a
    // valid cue that starts inside it ("bit is believed to" hides "is believed to").
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(true)
        // A full DFA: about five times the throughput of the default contiguous NFA for overlapping search
        // (~250 vs ~50 MB/s of sentences in release) for a table of about 230 KB.
        .kind(Some(AhoCorasickKind::DFA))
        .build(entries.iter().map(|e| e.cue.as_str()))
        .expect("hedge lexicon compiles");
    Matcher {
        automaton,
        levels: entries.iter().map(|e| e.level).collect(),
        context: entries
            .iter()
            .map(|e| match e.cue.as_str() {
                "may" => Context::May,
                "might" | "could" => Context::Modal,
                "suggest" => Context::Suggest,
                _ => Context::None,
            })
            .collect(),
        checks: entries
            .iter()
            .map(|e| tree::Check::of(&e.cue, e.level))
            .collect(),
    }
});

/// Cue words whose sense depends on their neighbours; everything else is a hedge wherever it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Always a hedge.
    None,
    /// "may": also a month and a surname; and a modal of purpose.
    May,
    /// "might", "could": not a hedge in a purpose clause.
    Modal,
    /// "suggest": "to suggest designs" proposes, it does not hedge.
    Suggest,
}

/// Letters and digits make words; apostrophes and hyphens separate them ("may've", "long-alleged").
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Finds the hedge cues in one sentence, in order of appearance, with their byte spans.
pub fn detect_spans(sentence: &str) -> Vec<HedgeCue> {
    scan(sentence, true)
}

/// [`detect_spans`], with the tree decisions or, when `use_tree` is false, the lexicon and string context alone.
fn scan(sentence: &str, use_tree: bool) -> Vec<HedgeCue> {
    let matcher = &*MATCHER;
    let mut candidates: Vec<(usize, usize, usize)> = matcher
        .automaton
        .find_overlapping_iter(sentence)
        .filter(|m| {
            let before = sentence[..m.start()].chars().next_back();
            let after = sentence[m.end()..].chars().next();
            !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
        })
        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
        .collect();
    // Leftmost first, then longest; overlapping search reports matches by end position.
    candidates.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));

    let mut cues = Vec::new();
    let mut cursor = 0;
    let parse = tree::Lazy::new(sentence);
    for (start, end, pattern) in candidates {
        if start < cursor {
            continue;
        }
        cursor = end;
        let Some(level) = matcher.levels[pattern] else {
            continue; // a blocker: consumes its span, reports nothing
        };
        let before = &sentence[..start];
        let not_a_hedge = match matcher.context[pattern] {
            Context::None => false,
            Context::May => may_is_not_modal(sentence, start, end) || in_purpose_clause(before),
            Context::Modal => in_purpose_clause(before),
            Context::Suggest => suggest_means_propose(before, &sentence[end..]),
        };
        if not_a_hedge || (use_tree && parse.rejects(matcher.checks[pattern], start, end)) {
            continue;
        }
        cues.push(HedgeCue { start, end, level });
    }
    cues
}

/// Finds the hedge cues in one sentence.
pub fn detect(sentence: &str) -> Hedging {
    let spans = detect_spans(sentence);
    Hedging {
        level: spans.iter().map(|c| c.level).max().unwrap_or_default(),
        cues: spans
            .iter()
            .map(|c| sentence[c.start..c.end].to_owned())
            .collect(),
    }
}

/// Words after which a capitalised "May" in a title-case headline is the month ("Talks Resume in May").
const MONTH_LEAD_WORDS: &[&str] = &[
    "in", "on", "since", "until", "till", "by", "before", "after", "early", "late", "mid", "last",
    "next", "this", "of", "from", "through", "during", "between", "to",
];

/// Whether the word "may" at `start..end` is the month or a name rather than the modal verb.
///
/// A number next to it makes it a date ("May 5", "in May 2021", "5 May"). Otherwise only capitalisation can tell:
/// the modal is capitalised at the start of a sentence or quote, so a capitalised "May" elsewhere is a month or a
/// surname ("Theresa May") — except in a title-case headline, where every word is capitalised.
fn may_is_not_modal(sentence: &str, start: usize, end: usize) -> bool {
    let before = sentence[..start].trim_end();
    let after = sentence[end..].trim_start();
    if after.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let previous_word = before
        .rsplit(|c: char| !is_word_char(c))
        .next()
        .unwrap_or("");
    let day = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| previous_word.strip_suffix(s))
        .unwrap_or(previous_word);
    if !day.is_empty() && day.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    if !sentence[start..].starts_with(|c: char| c.is_uppercase()) || starts_clause(before) {
        return false;
    }
    if is_title_case(sentence) {
        return MONTH_LEAD_WORDS
            .iter()
            .any(|w| previous_word.eq_ignore_ascii_case(w));
    }
    true
}

/// Whether a modal right after `before` is in a purpose clause, where it states an intended outcome rather than a
/// possibility: "moved to London so they could be closer", "publishes the code so that other groups could test
/// it", "so our readers may learn more". Seen as the most common false hedge in real news (GUM's Wikinews).
///
/// "so" introduces purpose when it is followed by "that" or directly by the modal's subject. It introduces a
/// result, and the modal stays a hedge, when it opens the clause (", so prices may rise", "and so it may be")
/// or when it is the intensifier of "so cold that pipes may burst".
fn in_purpose_clause(before: &str) -> bool {
    const REACH: usize = 6; // words back from the modal: "so that the new regional government could"
    let clause = before
        .rsplit([',', ';', ':', '(', '“', '”', '"', '—'])
        .next()
        .unwrap_or(before);
    let words: Vec<&str> = clause
        .split(|c: char| !is_word_char(c) && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .rev()
        .take(REACH + 1)
        .collect(); // nearest first
    let Some(so) = words
        .iter()
        .take(REACH)
        .position(|w| w.eq_ignore_ascii_case("so"))
    else {
        return false;
    };
    let opens_clause = match words.get(so + 1) {
        None => true,
        Some(w) => w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("but"),
    };
    let between = &words[..so]; // words from "so" to the modal, nearest first
    match between.last() {
        Some(w) if w.eq_ignore_ascii_case("that") => true,
        _ => !opens_clause && !between.iter().any(|w| w.eq_ignore_ascii_case("that")),
    }
}

/// Whether "suggest" is the verb of proposing ("a process to suggest designs") rather than of evidence ("the
/// results suggest that …", "evidence to suggest that …"): an infinitive not followed by "that".
fn suggest_means_propose(before: &str, after: &str) -> bool {
    let previous = before
        .trim_end()
        .rsplit(|c: char| !is_word_char(c))
        .next()
        .unwrap_or("");
    let next = after
        .trim_start()
        .split(|c: char| !is_word_char(c))
        .next()
        .unwrap_or("");
    previous.eq_ignore_ascii_case("to") && !next.eq_ignore_ascii_case("that")
}

/// Whether the text before a word ends where a sentence or a quotation starts, so that the word would be
/// capitalised anyway.
fn starts_clause(before: &str) -> bool {
    if !before.chars().any(is_word_char) {
        return true;
    }
    let mut tail = before.chars().rev();
    match tail.next() {
        Some(':' | '“' | '‘' | '(' | '[' | '—') => true,
        Some('"' | '\'') => tail.next().is_none_or(char::is_whitespace),
        _ => false,
    }
}

/// Whether a sentence reads like a title-case or all-caps headline: at least two words of four or more letters
/// and none of them lowercase (AP style capitalises every word of four letters or more).
fn is_title_case(sentence: &str) -> bool {
    let mut capitalised = 0;
    for word in sentence
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
    {
        if word.starts_with(char::is_lowercase) {
            return false;
        }
        capitalised += 1;
    }
    capitalised >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(sentence: &str) -> Vec<String> {
        detect(sentence).cues
    }

    fn level(sentence: &str) -> HedgeLevel {
        detect(sentence).level
    }

    #[test]
    fn lexicon_file_parses_without_duplicates() {
        let entries = parse_lexicon(LEXICON).expect("data/hedges.txt parses");
        assert!(
            entries.len() > 50,
            "lexicon looks truncated: {} entries",
            entries.len()
        );
        for level in [
            HedgeLevel::Speculative,
            HedgeLevel::Reported,
            HedgeLevel::Alleged,
        ] {
            assert!(
                entries.iter().any(|e| e.level == Some(level)),
                "no {level:?} cue"
            );
        }
        // parse_lexicon rejects duplicates; check it independently too.
        let mut seen: Vec<&str> = entries.iter().map(|e| e.cue.as_str()).collect();
        seen.sort_unstable();
        let before = seen.len();
        seen.dedup();
        assert_eq!(before, seen.len());
    }

    #[test]
    fn every_lexicon_cue_is_detected_in_a_plain_sentence() {
        // The frame is not grammatical for most cues, so the tree is left out: this checks the lexicon and matcher.
        for entry in parse_lexicon(LEXICON).unwrap() {
            let sentence = format!("The minister {} the plan.", entry.cue);
            let expected = match entry.level {
                Some(level) => level,
                None => HedgeLevel::None,
            };
            let found = scan(&sentence, false).iter().map(|c| c.level).max();
            assert_eq!(found.unwrap_or_default(), expected, "{sentence}");
        }
    }

    #[test]
    fn without_the_tree_the_lexicon_decides_alone() {
        // What `detect` does when the binary was built without the model.
        let s = "The minister, who was arrested for alleged espionage, resigned.";
        let lexical: Vec<&str> = scan(s, false).iter().map(|c| &s[c.start..c.end]).collect();
        assert_eq!(lexical, ["alleged"]);
        let s = "The plant could produce 5 tons a day.";
        assert_eq!(scan(s, false).len(), 1);
    }

    #[test]
    fn lexicon_parser_rejects_bad_lines() {
        for bad in [
            "speculative may",
            "certain\tsurely",
            "speculative\tMay",
            "speculative\tmay  be",
            "speculative\t may",
            "speculative\tmay\nreported\tmay",
        ] {
            assert!(parse_lexicon(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            parse_lexicon("# comment\n\nnone\tmilitary might\n")
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn seed_cases() {
        let h = detect("after levied sanctions in retaliation to alleged malign activities.");
        assert_eq!(h.level, HedgeLevel::Alleged);
        assert_eq!(h.cues, ["alleged"]);
        let h = detect("The envoy had reportedly refused to leave at first.");
        assert_eq!(h.level, HedgeLevel::Reported);
        assert_eq!(h.cues, ["reportedly"]);
        let h =
            detect("then the ambassadors will probably return and begin to fulfill their duties");
        assert_eq!(h.level, HedgeLevel::Speculative);
        assert_eq!(h.cues, ["probably"]);
    }

    #[test]
    fn plain_sentences_carry_no_hedge() {
        for s in [
            "Sullivan departed from Moscow on a flight to London on Thursday morning.",
            "The ambassador will return and should meet some officials.",
            "Kremlin spokesman Dmitry Peskov said the talks went well.",
            "",
        ] {
            assert_eq!(detect(s), Hedging::default(), "{s}");
        }
    }

    #[test]
    fn may_inside_mayor_is_not_a_hedge() {
        assert_eq!(level("Mayor Ana Ruiz opened the bridge."), HedgeLevel::None);
        assert_eq!(
            level("The mayoral race was tight, to the dismay of many."),
            HedgeLevel::None
        );
    }

    #[test]
    fn may_as_a_month_is_not_a_hedge() {
        for s in [
            "The envoy left on May 5.",
            "The law took effect in May 2021.",
            "The vote is set for 5 May.",
            "It was signed on the 12th May.",
            "Talks stalled in May, and resumed in June.",
            "Prices rose in may 2020 after the strike.",
            "May 9 is a public holiday.",
            "Former Prime Minister Theresa May said nothing.",
            "Talks Resume in May After Long Pause",
        ] {
            assert_eq!(detect(s), Hedging::default(), "{s}");
        }
    }

    #[test]
    fn may_as_a_modal_is_a_hedge() {
        for s in [
            "The ambassador may return next week.",
            "May the talks resume soon?",
            "“May I add something,” she asked.",
            "He said: May this be the end.",
            "Ambassador May Return to Moscow Next Month",
        ] {
            assert_eq!(level(s), HedgeLevel::Speculative, "{s}");
        }
    }

    #[test]
    fn could_not_be_reached_is_not_a_hedge() {
        for s in [
            "A spokesman could not be reached for comment.",
            "The ministry could not immediately be reached.",
            "Officials couldn’t be reached on Sunday.",
            "Reuters could not independently verify the footage.",
        ] {
            assert_eq!(detect(s), Hedging::default(), "{s}");
        }
        assert_eq!(
            cues("He could not be reached, but he could return soon."),
            ["could"]
        );
    }

    #[test]
    fn modals_of_purpose_are_not_hedges() {
        for s in [
            "Her parents moved to London so they could be closer to the church.",
            "The team will publish the code so that other groups could test it.",
            "Wikinews provides video so our readers may learn more.",
            "They left early so that the new regional government might meet them.",
        ] {
            assert_eq!(detect(s), Hedging::default(), "{s}");
        }
        for s in [
            "Prices rose, so inflation may climb further.",
            "And so it may be that the talks fail.",
            "It was so cold that pipes could burst.",
            "So they could still win.",
            "The ferry may be late.",
        ] {
            assert_eq!(level(s), HedgeLevel::Speculative, "{s}");
        }
    }

    #[test]
    fn suggest_as_propose_is_not_a_hedge() {
        assert_eq!(
            level("A public process to suggest designs opened on Tuesday."),
            HedgeLevel::None
        );
        assert_eq!(
            cues("There is evidence to suggest that the drug works."),
            ["suggest"]
        );
        assert_eq!(
            cues("The results suggest farmers need new seed."),
            ["suggest"]
        );
    }

    #[test]
    fn might_as_a_noun_is_not_a_hedge() {
        assert_eq!(
            level("The parade showed off the country's military might."),
            HedgeLevel::None
        );
        assert_eq!(level("Talks might resume."), HedgeLevel::Speculative);
    }

    #[test]
    fn unlikely_is_one_cue_and_likely_does_not_match_inside_it() {
        let h = detect("A deal is unlikely before Friday.");
        assert_eq!(h.level, HedgeLevel::Speculative);
        assert_eq!(h.cues, ["unlikely"]);
        assert_eq!(
            cues("A deal is likely, a rupture unlikely."),
            ["likely", "unlikely"]
        );
    }

    #[test]
    fn longest_multiword_cue_wins() {
        let h = detect("According to reports, the convoy turned back.");
        assert_eq!(h.level, HedgeLevel::Reported);
        assert_eq!(h.cues, ["According to reports"]);
        assert_eq!(
            cues("According to unconfirmed reports the talks failed."),
            ["According to unconfirmed reports"]
        );
        assert_eq!(cues("Reports suggest he left."), ["Reports suggest"]);
        assert_eq!(cues("He was accused of bribery."), ["accused of"]);
        assert_eq!(cues("They accused him of bribery."), ["accused"]);
    }

    #[test]
    fn cue_inside_a_failed_longer_match_is_found() {
        // "it is believed" matches inside "bit is believed" and fails the word check; "is believed to" must survive.
        assert_eq!(cues("A bit is believed to be missing."), ["is believed to"]);
    }

    #[test]
    fn multiword_cue_needs_whole_words() {
        assert_eq!(
            level("The minister is said today to be ill."),
            HedgeLevel::None
        );
        assert_eq!(
            level("The minister is said to be ill."),
            HedgeLevel::Reported
        );
        assert_eq!(level("She claims thatched roofs burn."), HedgeLevel::None);
    }

    #[test]
    fn level_is_the_strongest_cue_and_cues_keep_order_and_casing() {
        let h = detect("PROBABLY the envoy allegedly met the agent, and he IS SAID TO have left.");
        assert_eq!(h.level, HedgeLevel::Alleged);
        assert_eq!(h.cues, ["PROBABLY", "allegedly", "IS SAID TO"]);
        if tree() {
            // "Allegedly" in the relative clause describes the envoy; it does not raise the claim's level.
            let h =
                detect("PROBABLY the envoy, who Allegedly met the agent, is said to have left.");
            assert_eq!(h.level, HedgeLevel::Reported);
            assert_eq!(h.cues, ["PROBABLY", "is said to"]);
        }

        let h = detect("Perhaps it may rain, and it may not.");
        assert_eq!(h.level, HedgeLevel::Speculative);
        assert_eq!(h.cues, ["Perhaps", "may", "may"]);
    }

    #[test]
    fn spans_point_at_the_cues() {
        let s = "Zoë reportedly left; “it is believed” so.";
        let spans = detect_spans(s);
        let texts: Vec<&str> = spans.iter().map(|c| &s[c.start..c.end]).collect();
        assert_eq!(texts, ["reportedly", "it is believed"]);
        assert_eq!(spans[0].level, HedgeLevel::Reported);
    }

    #[test]
    fn apostrophes_and_hyphens_separate_words() {
        assert_eq!(cues("They may've left."), ["may've"]);
        assert_eq!(cues("They may’ve left."), ["may"]);
        assert_eq!(level("They couldn't leave."), HedgeLevel::None);
        assert_eq!(cues("a long-alleged plot"), ["alleged"]);
    }

    /// Whether the tree decisions are available (the model is embedded); without it the lexicon decides alone.
    fn tree() -> bool {
        crate::syntax::Model::embedded().is_ok()
    }

    #[test]
    fn agentless_passive_evidentials_and_raising_verbs_hedge() {
        for (s, expected) in [
            (
                "The fire is believed to have started in the kitchen.",
                HedgeLevel::Reported,
            ),
            ("The suspect is said to have fled.", HedgeLevel::Reported),
            (
                "The ship was reported to have sunk near the coast.",
                HedgeLevel::Reported,
            ),
            ("Prices are expected to rise.", HedgeLevel::Speculative),
            (
                "The trial is expected to last six weeks.",
                HedgeLevel::Speculative,
            ),
            ("The tower appears to be leaning.", HedgeLevel::Speculative),
            (
                "The minister seems to have changed her mind.",
                HedgeLevel::Speculative,
            ),
        ] {
            assert_eq!(level(s), expected, "{s}");
        }
        assert_eq!(cues("Prices are expected to rise."), ["are expected to"]);
    }

    #[test]
    fn expecting_with_an_expecter_is_not_a_hedge() {
        for s in [
            "Analysts expected the bank to cut rates.",
            "The bank said it expected lending to slow sharply next year.",
            "Investors expect prices to rise.",
        ] {
            assert_eq!(detect(s), Hedging::default(), "{s}");
        }
        if tree() {
            assert_eq!(
                level("Prices are expected by most economists to rise."),
                HedgeLevel::None
            );
        }
    }

    #[test]
    fn appear_to_with_a_preposition_is_not_a_hedge() {
        if tree() {
            assert_eq!(
                level("The singer appeared to the crowd at midnight."),
                HedgeLevel::None
            );
        }
        assert_eq!(
            level("The singer appeared to enjoy the crowd."),
            HedgeLevel::Speculative
        );
    }

    #[test]
    fn could_of_capacity_is_not_a_hedge() {
        if tree() {
            for s in [
                "The plant could produce 5 tons a day.",
                "The new stadium could seat 40,000 people.",
                "The ferry could carry 300 passengers and 80 cars.",
            ] {
                assert_eq!(detect(s), Hedging::default(), "{s}");
            }
        }
        for s in [
            "The talks could collapse.",
            "The virus could spread.",
            "The plant could produce more steel next year.",
            "The drought could cut yields by 20% by 2040.",
            "The change could save the province 90 million dollars a year.",
        ] {
            assert_eq!(level(s), HedgeLevel::Speculative, "{s}");
        }
    }

    #[test]
    fn cues_in_a_subordinate_clause_do_not_hedge_the_claim() {
        if tree() {
            for s in [
                "The minister, who was arrested for alleged espionage, resigned on Monday.",
                "The minister, who was arrested for alleged espionage, resigned.",
                "Karvia recalled its ambassador a week after Estmark expelled four diplomats over alleged espionage.",
                "Former board member Greta Holm, who is expected to testify next week, has said she was never shown the files.",
            ] {
                assert_eq!(detect(s), Hedging::default(), "{s}");
            }
        }
        for (s, cue) in [
            ("The alleged spy was arrested.", "alleged"),
            ("He allegedly took bribes.", "allegedly"),
            (
                "Police said the man was allegedly carrying a knife.",
                "allegedly",
            ),
            ("Police said the man allegedly stole a car.", "allegedly"),
            (
                "Wenz went on trial on Tuesday accused of approving loans to his own companies.",
                "accused of",
            ),
            (
                "Estmark expelled the diplomats, accusing them of spying.",
                "accusing",
            ),
            (
                "The plant culled 40,000 birds after a suspected outbreak.",
                "suspected",
            ),
        ] {
            let h = detect(s);
            assert_eq!(h.level, HedgeLevel::Alleged, "{s}");
            assert_eq!(h.cues, [cue], "{s}");
        }
    }

    #[test]
    fn a_sentence_is_parsed_afresh_in_a_reused_buffer() {
        // Parse buffers are shared per thread; the same bytes must not reuse another sentence's tree.
        let mut buffer =
            String::from("The minister, who was arrested for alleged espionage, resigned.");
        let first = detect(&buffer);
        buffer.clear();
        buffer.push_str("The suspected spy, a man aged 40 from the town, was arrested on Monday.");
        assert_eq!(detect(&buffer).level, HedgeLevel::Alleged);
        if tree() {
            assert_eq!(first, Hedging::default());
        }
    }
}
