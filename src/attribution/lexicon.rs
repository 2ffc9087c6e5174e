//! The attribution lexicons: plain-text word lists under `data/cues/`, compiled in and parsed once.
//!
//! Keeping cues as data (not `match` arms) lets a journalist extend them without reading Rust, and keeps the rules
//! in `find.rs` about syntax only. Every file shares one format: `#` comments, optional `[section]` lines, and one
//! entry per line whose alternatives are separated by `|`.

use std::sync::LazyLock;

use crate::record::CueClass;

/// Hash map and set keyed by lexicon words. FxHash: lookups run per word, and SipHash's resistance to hash
/// flooding buys nothing for compiled-in word lists.
pub use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Which complements make a verb a cue, beyond a clause or a quotation (which always do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// The class's own frame (see `data/cues/cues.txt`).
    Class,
    /// Only a clause or quotation.
    Clause,
    /// A clause, or a passive with its agent.
    Agent,
    /// A clause, or a to-infinitive (a forecast: "expects to post a loss").
    Infinitive,
    /// A clause, or a to-infinitive with its own subject ("want the tariff to be scrapped"): "wants to leave" is
    /// the subject's intention about its own action, not content it gives.
    ObjectInfinitive,
}

/// One verb cue.
#[derive(Debug, Clone)]
pub struct VerbCue {
    pub lemma: String,
    /// The particle or preposition that must hang on the verb ("call on", "point out").
    pub particle: Option<String>,
    pub class: CueClass,
    pub frame: Frame,
}

/// All lexicons, parsed once.
#[derive(Debug)]
pub struct Lexicon {
    /// Verb cues in file order.
    pub verbs: Vec<VerbCue>,
    /// Lemma → indices into `verbs`.
    by_lemma: HashMap<String, Vec<usize>>,
    /// Lowercased form → indices into `verbs`.
    by_form: HashMap<String, Vec<usize>>,
    /// Cue nouns (lowercased forms) with their class.
    pub nouns: HashMap<String, CueClass>,
    /// Document and evidence nouns ("study", "poll").
    pub documents: HashSet<String>,
    /// Title nouns ("spokesman", "minister").
    pub titles: HashSet<String>,
    /// Generic person nouns ("teacher", "witness").
    pub persons: HashSet<String>,
    /// Institution nouns ("government", "ministry").
    pub groups: HashSet<String>,
    /// Nouns that describe news outlets ("agency", "broadcaster"): the source they describe is secondary.
    pub outlets: HashSet<String>,
    /// Heads that make an unnamed source anonymous even without a person-noun entry ("source", "someone").
    pub anon_heads: HashSet<String>,
    /// Phrases that mark anonymity, as lowercased word sequences.
    pub anon_phrases: Vec<Vec<String>>,
    /// Credit labels ("image", "photo").
    pub credits: HashSet<String>,
    /// Words of organisation and place names ("agency", "airport").
    pub org_words: HashSet<String>,
    /// Month and weekday names, never part of a person's name.
    pub time_words: HashSet<String>,
    /// Honorifics that belong to the role, not the name ("Mr", "Dr").
    pub honorifics: HashSet<String>,
    /// Every lowercased word that can start a cue: sentences without one are not parsed.
    pub triggers: HashSet<String>,
}

/// The lexicon files, by name, as compiled in. Public so a test can load each one.
pub const FILES: &[(&str, &str)] = &[
    ("cues.txt", include_str!("../../data/cues/cues.txt")),
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

/// The class named by a section of `cues.txt` (`"evaluative clause"` → evaluative).
fn class_of(section: &str) -> Result<(CueClass, &str), String> {
    let (class, rest) = section.split_once(' ').unwrap_or((section, ""));
    let class = match class {
        "speech" => CueClass::Speech,
        "reporting" => CueClass::Reporting,
        "evidential" => CueClass::Evidential,
        "directive" => CueClass::Directive,
        "evaluative" => CueClass::Evaluative,
        "cognition" => CueClass::Cognition,
        other => return Err(format!("unknown cue class `{other}`")),
    };
    Ok((class, rest))
}

impl Lexicon {
    fn load() -> Self {
        let mut verbs = Vec::new();
        let mut by_lemma: HashMap<String, Vec<usize>> = HashMap::default();
        let mut by_form: HashMap<String, Vec<usize>> = HashMap::default();
        let mut nouns = HashMap::default();
        let mut triggers: HashSet<String> = HashSet::default();
        for e in entries("cues.txt") {
            let (class, rest) =
                class_of(&e.section).unwrap_or_else(|m| panic!("data/cues/cues.txt: {m}"));
            if rest == "noun" {
                for alt in e.alts {
                    triggers.insert(alt[0].clone());
                    nouns.insert(alt.join(" "), class);
                }
                continue;
            }
            let frame = match rest {
                "" => Frame::Class,
                "clause" => Frame::Clause,
                "agent" => Frame::Agent,
                "infinitive" => Frame::Infinitive,
                "object infinitive" => Frame::ObjectInfinitive,
                other => panic!("data/cues/cues.txt: unknown frame `{other}`"),
            };
            let first = &e.alts[0];
            let i = verbs.len();
            verbs.push(VerbCue {
                lemma: first[0].clone(),
                particle: first.get(1).cloned(),
                class,
                frame,
            });
            by_lemma.entry(first[0].clone()).or_default().push(i);
            for alt in &e.alts {
                triggers.insert(alt[0].clone());
                let list = by_form.entry(alt[0].clone()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        let documents = words("source_nouns.txt", None);
        let credits = words("credit_labels.txt", None);
        triggers.extend(documents.iter().cloned());
        triggers.extend(credits.iter().cloned());
        triggers.extend(["according", "citing", "quoting", "put"].map(String::from));
        let func = entries("function_words.txt");
        let section = |name: &str| -> HashSet<String> {
            func.iter()
                .filter(|e| e.section == name)
                .flat_map(|e| e.alts.iter().map(|a| a.join(" ")))
                .collect()
        };
        Lexicon {
            verbs,
            by_lemma,
            by_form,
            nouns,
            documents,
            titles: words("person_nouns.txt", Some("title")),
            persons: words("person_nouns.txt", Some("person")),
            groups: words("person_nouns.txt", Some("group")),
            outlets: words("person_nouns.txt", Some("outlet")),
            anon_heads: words("anonymous.txt", Some("head")),
            anon_phrases: entries("anonymous.txt")
                .into_iter()
                .filter(|e| e.section == "phrase")
                .flat_map(|e| e.alts)
                .collect(),
            credits,
            org_words: words("org_words.txt", None),
            time_words: section("time"),
            honorifics: section("honorific"),
            triggers,
        }
    }

    /// Verb cues for a word, by its lowercased form, else by its lemma.
    pub fn verb_cues(&self, lower: &str, lemma: &str) -> impl Iterator<Item = &VerbCue> {
        let ids = self
            .by_form
            .get(lower)
            .or_else(|| self.by_lemma.get(lemma))
            .map_or(&[][..], Vec::as_slice);
        ids.iter().map(|&i| &self.verbs[i])
    }

    /// Whether a lowercased word names a role or a body ("spokesman", "ministry", "residents"): the head of a
    /// description such as "the spokesman" that refers to a source named earlier.
    pub fn is_role_word(&self, w: &str) -> bool {
        self.titles.contains(w) || self.groups.contains(w) || self.persons.contains(w)
    }

    /// Whether a lowercased noun heads a person or institution source.
    pub fn is_person(&self, w: &str) -> bool {
        self.titles.contains(w) || self.persons.contains(w) || self.anon_heads.contains(w)
    }
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
        let said: Vec<_> = lex.verb_cues("said", "say").collect();
        assert_eq!(said[0].class, CueClass::Speech);
        assert!(said.iter().any(|c| c.class == CueClass::Evidential));
        let urged: Vec<_> = lex.verb_cues("urged", "urge").collect();
        assert_eq!(urged[0].class, CueClass::Directive);
        let call: Vec<_> = lex.verb_cues("called", "call").collect();
        assert!(call.iter().any(|c| c.particle.as_deref() == Some("on")));
        assert_eq!(
            lex.verb_cues("questioned", "question")
                .next()
                .unwrap()
                .frame,
            Frame::Clause
        );
        assert_eq!(lex.nouns.get("statement"), Some(&CueClass::Speech));
        assert!(lex.titles.contains("spokesman"));
        assert!(lex.triggers.contains("according") && lex.triggers.contains("poll"));
        assert!(lex.time_words.contains("may"));
    }

    #[test]
    fn parse_rejects_broken_lines() {
        assert!(parse("[open\nword").is_err());
        assert!(parse("a||b").is_err());
        assert!(parse("# only a comment").is_err());
        assert!(class_of("rumour").is_err());
    }
}
