//! The attribution lexicons: plain-text word lists under `data/cues/`, compiled in and parsed once.
//!
//! Keeping cues as data (not `match` arms) lets a journalist extend them without reading Rust, and keeps the
//! rules in `engine.rs` about layout only. Every file shares one format: `#` comments, optional `[section]`
//! lines, and one entry per line whose alternatives are separated by `|`.

use std::sync::LazyLock;

/// Hash map and set keyed by lexicon words. FxHash: the per-token lookups are the hot path of attribution, and
/// SipHash's resistance to hash flooding buys nothing for compiled-in word lists.
pub use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// What a cue word or phrase signals, which decides where its source is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// Speech verb: source is its subject ("Peskov said") or follows it ("said Peskov").
    Speech,
    /// Evidence verb: subject must be a document, evidence or research noun ("the poll shows").
    Evidence,
    /// Cognition verb: needs a clausal complement ("she believes that …").
    Cognition,
    /// Preposition introducing the source ("according to X").
    Prep,
    /// Preposition introducing who the source relied on ("citing X").
    Relay,
}

/// One cue phrase from a lexicon.
#[derive(Debug, Clone)]
pub struct Cue {
    /// Lowercased words of the phrase.
    pub words: Vec<String>,
    /// What it signals.
    pub class: CueClass,
    /// The base form of its entry ("say" for "said"), to tell "tell" apart from other verbs.
    pub lemma: String,
    /// True for -ing forms, which only count in participle layouts.
    pub participle: bool,
    /// What must follow the cue for it to count.
    pub needs: Needs,
}

/// What must follow a verb cue for it to count (from the `[section]` of its entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Nothing.
    Any,
    /// A colon or a quotation mark ("She continued: …").
    Quote,
    /// A clause or quote, not a plain object ("announced that …").
    Clause,
    /// A question or quote ("asked how …").
    Question,
    /// A claim noun as object ("rejected the claim").
    ClaimObject,
}

/// All lexicons, parsed once.
#[derive(Debug)]
pub struct Lexicon {
    /// Cues indexed by their first lowercased word, longest phrase first.
    pub cues: HashMap<String, Vec<Cue>>,
    /// Cue nouns ("claim", "statement").
    pub cue_nouns: HashSet<String>,
    /// Title nouns ("spokesman", "minister").
    pub titles: HashSet<String>,
    /// Generic person nouns ("teacher", "witness").
    pub persons: HashSet<String>,
    /// Institution nouns ("government", "ministry").
    pub groups: HashSet<String>,
    /// Document and evidence nouns ("study", "poll").
    pub documents: HashSet<String>,
    /// Heads that make an unnamed source anonymous.
    pub anon_heads: HashSet<String>,
    /// Phrases that mark anonymity, as word sequences.
    pub anon_phrases: Vec<Vec<String>>,
    /// Credit labels ("image", "photo").
    pub credits: HashSet<String>,
    /// Function-word sections by name.
    pub func: HashMap<String, HashSet<String>>,
    /// Every verb form of every verb list, so noun-phrase scans can stop at verbs.
    pub verb_forms: HashSet<String>,
    /// Word → flag bits (see [`flag`]).
    flags: HashMap<String, u32>,
}

/// The lexicon files, by name, as compiled in. Public so a test can load each one.
pub const FILES: &[(&str, &str)] = &[
    (
        "speech_verbs.txt",
        include_str!("../../data/cues/speech_verbs.txt"),
    ),
    (
        "evidence_verbs.txt",
        include_str!("../../data/cues/evidence_verbs.txt"),
    ),
    (
        "cognition_verbs.txt",
        include_str!("../../data/cues/cognition_verbs.txt"),
    ),
    (
        "prepositions.txt",
        include_str!("../../data/cues/prepositions.txt"),
    ),
    (
        "cue_nouns.txt",
        include_str!("../../data/cues/cue_nouns.txt"),
    ),
    (
        "person_nouns.txt",
        include_str!("../../data/cues/person_nouns.txt"),
    ),
    (
        "source_nouns.txt",
        include_str!("../../data/cues/source_nouns.txt"),
    ),
    (
        "anonymous.txt",
        include_str!("../../data/cues/anonymous.txt"),
    ),
    (
        "credit_labels.txt",
        include_str!("../../data/cues/credit_labels.txt"),
    ),
    (
        "function_words.txt",
        include_str!("../../data/cues/function_words.txt"),
    ),
    (
        "org_words.txt",
        include_str!("../../data/cues/org_words.txt"),
    ),
];

fn file(name: &str) -> &'static str {
    FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .expect("lexicon file is listed in FILES")
}

/// One parsed line: its section (empty before the first `[section]`) and its alternatives, each a list of
/// lowercased words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Section name, or empty.
    pub section: String,
    /// Alternatives, each split into lowercased words.
    pub alts: Vec<Vec<String>>,
}

/// Parses one lexicon file. Errors name the line, so a broken data file fails its test loudly.
pub fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let mut section = String::new();
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let name = rest
                .strip_suffix(']')
                .ok_or_else(|| format!("line {}: unclosed section", n + 1))?;
            section = name.trim().to_string();
            continue;
        }
        let alts: Vec<Vec<String>> = line
            .split('|')
            .map(|a| {
                a.split_whitespace()
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .collect();
        if alts.iter().any(Vec::is_empty) {
            return Err(format!("line {}: empty alternative", n + 1));
        }
        out.push(Entry {
            section: section.clone(),
            alts,
        });
    }
    if out.is_empty() {
        return Err("no entries".to_string());
    }
    Ok(out)
}

fn entries(name: &str) -> Vec<Entry> {
    parse(file(name)).unwrap_or_else(|e| panic!("data/cues/{name}: {e}"))
}

fn words(name: &str, section: Option<&str>) -> HashSet<String> {
    entries(name)
        .into_iter()
        .filter(|e| section.is_none_or(|s| e.section == s))
        .flat_map(|e| e.alts)
        .map(|a| a.join(" "))
        .collect()
}

impl Lexicon {
    fn load() -> Self {
        let mut cues: HashMap<String, Vec<Cue>> = HashMap::default();
        let mut verb_forms = HashSet::default();
        let verb_files = [
            ("speech_verbs.txt", CueClass::Speech),
            ("evidence_verbs.txt", CueClass::Evidence),
            ("cognition_verbs.txt", CueClass::Cognition),
        ];
        for (name, class) in verb_files {
            for e in entries(name) {
                let lemma = e.alts[0].join(" ");
                for alt in e.alts {
                    if alt.len() == 1 {
                        verb_forms.insert(alt[0].clone());
                    }
                    let participle = alt[0].ends_with("ing");
                    let needs = match e.section.as_str() {
                        "quote-only" => Needs::Quote,
                        "clausal" => Needs::Clause,
                        "question" => Needs::Question,
                        "claim-object" => Needs::ClaimObject,
                        _ => Needs::Any,
                    };
                    let cue = Cue {
                        words: alt.clone(),
                        class,
                        lemma: lemma.clone(),
                        participle,
                        needs,
                    };
                    cues.entry(alt[0].clone()).or_default().push(cue);
                }
            }
        }
        for e in entries("prepositions.txt") {
            let class = if e.section == "relay" {
                CueClass::Relay
            } else {
                CueClass::Prep
            };
            for alt in e.alts {
                let cue = Cue {
                    words: alt.clone(),
                    class,
                    lemma: alt.join(" "),
                    participle: false,
                    needs: Needs::Any,
                };
                cues.entry(alt[0].clone()).or_default().push(cue);
            }
        }
        for list in cues.values_mut() {
            list.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
        }
        let mut func: HashMap<String, HashSet<String>> = HashMap::default();
        for e in entries("function_words.txt") {
            func.entry(e.section.clone())
                .or_default()
                .extend(e.alts.into_iter().map(|a| a.join(" ")));
        }
        let mut lex = Lexicon {
            cues,
            cue_nouns: words("cue_nouns.txt", None),
            titles: words("person_nouns.txt", Some("title")),
            persons: words("person_nouns.txt", Some("person")),
            groups: words("person_nouns.txt", Some("group")),
            documents: words("source_nouns.txt", None),
            anon_heads: words("anonymous.txt", Some("head")),
            anon_phrases: entries("anonymous.txt")
                .into_iter()
                .filter(|e| e.section == "phrase")
                .flat_map(|e| e.alts)
                .collect(),
            credits: words("credit_labels.txt", None),
            func,
            verb_forms,
            flags: HashMap::default(),
        };
        lex.flags = lex.build_flags();
        lex
    }

    /// One bit set per word, so the per-token tests of the rules are bit tests instead of set lookups.
    fn build_flags(&self) -> HashMap<String, u32> {
        let mut f: HashMap<String, u32> = HashMap::default();
        let mut add = |words: &HashSet<String>, bit: u32| {
            for w in words.iter().filter(|w| !w.contains(' ')) {
                *f.entry(w.clone()).or_default() |= bit;
            }
        };
        for (section, bit) in [
            ("det", flag::DET),
            ("stop", flag::STOP),
            ("time", flag::TIME),
            ("pronoun", flag::PRONOUN),
            ("connector", flag::CONNECTOR),
            ("aux", flag::AUX),
            ("be", flag::BE),
            ("skip", flag::SKIP),
            ("abbrev", flag::ABBREV),
            ("honorific", flag::HONORIFIC),
        ] {
            if let Some(words) = self.func.get(section) {
                add(words, bit);
            }
        }
        add(&self.verb_forms, flag::VERB);
        add(&self.titles, flag::TITLE);
        add(&self.persons, flag::PERSON);
        add(&self.groups, flag::GROUP);
        add(&self.documents, flag::DOC);
        add(&self.anon_heads, flag::ANON);
        add(&self.cue_nouns, flag::CUE_NOUN);
        add(&self.credits, flag::CREDIT);
        add(&words("org_words.txt", None), flag::ORG);
        let cue_words: HashSet<String> = self.cues.keys().cloned().collect();
        add(&cue_words, flag::CUE);
        f
    }

    /// The flag bits of a lowercased word (0 when it is in no list).
    pub fn flags(&self, word: &str) -> u32 {
        self.flags.get(word).copied().unwrap_or(0)
    }

    /// Whether `word` (lowercased) is in function-word section `section`.
    pub fn is(&self, section: &str, word: &str) -> bool {
        self.func.get(section).is_some_and(|s| s.contains(word))
    }
}

/// Bits of [`Lexicon::flags`]: which lists a word is in.
pub mod flag {
    /// Determiner.
    pub const DET: u32 = 1;
    /// Ends a noun phrase.
    pub const STOP: u32 = 1 << 1;
    /// Month, weekday or other time word.
    pub const TIME: u32 = 1 << 2;
    /// Subject pronoun.
    pub const PRONOUN: u32 = 1 << 3;
    /// May join the words of a name.
    pub const CONNECTOR: u32 = 1 << 4;
    /// Auxiliary verb.
    pub const AUX: u32 = 1 << 5;
    /// Form of "be".
    pub const BE: u32 = 1 << 6;
    /// Adverb that may stand between subject and verb.
    pub const SKIP: u32 = 1 << 7;
    /// Form of a cue verb.
    pub const VERB: u32 = 1 << 8;
    /// Title noun.
    pub const TITLE: u32 = 1 << 9;
    /// Generic person noun.
    pub const PERSON: u32 = 1 << 10;
    /// Institution noun.
    pub const GROUP: u32 = 1 << 11;
    /// Document or evidence noun.
    pub const DOC: u32 = 1 << 12;
    /// Anonymous-source head.
    pub const ANON: u32 = 1 << 13;
    /// Cue noun.
    pub const CUE_NOUN: u32 = 1 << 14;
    /// Credit label.
    pub const CREDIT: u32 = 1 << 15;
    /// Honorific.
    pub const HONORIFIC: u32 = 1 << 16;
    /// Abbreviation that keeps its period.
    pub const ABBREV: u32 = 1 << 17;
    /// First word of some cue.
    pub const CUE: u32 = 1 << 18;
    /// Organisation or place name word.
    pub const ORG: u32 = 1 << 19;
    /// Any noun a source can be headed by.
    pub const KNOWN_HEAD: u32 = TITLE | PERSON | GROUP | DOC | ANON;
}

/// The lexicons, parsed on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_loads_and_has_a_header() {
        for (name, text) in FILES {
            let parsed = parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!parsed.is_empty(), "{name}");
            assert!(
                text.starts_with('#'),
                "{name} starts with a header comment describing its format"
            );
        }
        let lex = &*LEXICON;
        assert!(lex.cues.contains_key("said"));
        assert!(
            lex.cues["according"]
                .iter()
                .any(|c| c.class == CueClass::Prep)
        );
        assert!(lex.titles.contains("spokesman"));
        assert!(lex.is("time", "may"));
    }

    #[test]
    fn parse_rejects_broken_lines() {
        assert!(parse("[open\nword").is_err());
        assert!(parse("a||b").is_err());
        assert!(parse("# only a comment").is_err());
    }
}
