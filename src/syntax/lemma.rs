//! Lemmas, good enough for cue lookup (`said` → `say`, `showed` → `show`, `urged` → `urge`, `studies` → `study`).
//!
//! English inflection is mostly regular, so suffix rules chosen by the Penn tag do most of the work; the training
//! treebanks supply the rest: a table of forms whose lemma the rules get wrong (irregular verbs, `people`,
//! `data`…), and the set of lemmas seen, which decides between `hoped` → `hope` and `jumped` → `jump` for words
//! the table does not list.

use rustc_hash::{FxHashMap, FxHashSet};

/// The lemmatiser's data, as stored in the model.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// (lowercase form, XPOS index) → lemma, where the rules would be wrong.
    pub exceptions: FxHashMap<(String, u8), String>,
    /// Lowercase lemmas seen in training.
    pub known: FxHashSet<String>,
}

impl Lemmatizer {
    /// Learns exceptions and known lemmas from (form, xpos, lemma) triples; `xpos_names` maps indices to tags.
    pub fn build<'a>(
        words: impl Iterator<Item = (&'a str, u8, &'a str)>,
        xpos_names: &[String],
    ) -> Self {
        let mut counts: FxHashMap<(String, u8), FxHashMap<String, u32>> = FxHashMap::default();
        let mut known = FxHashSet::default();
        for (form, x, lemma) in words {
            if lemma == "_" || lemma.is_empty() {
                continue;
            }
            known.insert(lemma.to_lowercase());
            *counts
                .entry((form.to_lowercase(), x))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
        }
        let mut me = Lemmatizer {
            exceptions: FxHashMap::default(),
            known,
        };
        let mut exceptions = FxHashMap::default();
        for ((form, x), lemmas) in counts {
            let (lemma, _) = lemmas
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .expect("counted at least once");
            let tag = xpos_names.get(x as usize).map_or("", String::as_str);
            if me.rules(&form, &form, tag) != lemma {
                exceptions.insert((form, x), lemma);
            }
        }
        me.exceptions = exceptions;
        me
    }

    /// The lemma of `form` tagged `xpos` (index `x`).
    pub fn lemma(&self, form: &str, x: u8, xpos: &str) -> String {
        let lower = form.to_lowercase();
        if let Some(l) = self.exceptions.get(&(lower.clone(), x)) {
            return l.clone();
        }
        self.rules(form, &lower, xpos)
    }

    fn rules(&self, form: &str, lower: &str, xpos: &str) -> String {
        let w = lower;
        let stem = |n: usize| &w[..w.len() - n];
        match xpos {
            "NNP" | "NNPS" => form.to_string(),
            "NNS" => {
                if w.len() > 4 && w.ends_with("ies") {
                    format!("{}y", stem(3))
                } else if w.ends_with("sses")
                    || w.ends_with("xes")
                    || w.ends_with("zes")
                    || w.ends_with("ches")
                    || w.ends_with("shes")
                {
                    stem(2).to_string()
                } else if w.ends_with('s') && !w.ends_with("ss") && w.len() > 2 {
                    stem(1).to_string()
                } else {
                    w.to_string()
                }
            }
            "VBZ" => {
                if w.len() > 4 && w.ends_with("ies") {
                    format!("{}y", stem(3))
                } else if w.ends_with("sses")
                    || w.ends_with("xes")
                    || w.ends_with("zes")
                    || w.ends_with("ches")
                    || w.ends_with("shes")
                    || (w.ends_with("oes") && w.len() > 4)
                {
                    stem(2).to_string()
                } else if w.ends_with('s') && w.len() > 2 {
                    stem(1).to_string()
                } else {
                    w.to_string()
                }
            }
            "VBD" | "VBN" => {
                if w.len() > 4 && w.ends_with("ied") {
                    format!("{}y", stem(3))
                } else if w.len() > 3 && w.ends_with("ed") {
                    self.restore(stem(2))
                } else {
                    w.to_string()
                }
            }
            "VBG" => {
                if w.len() > 4 && w.ends_with("ing") {
                    self.restore(stem(3))
                } else {
                    w.to_string()
                }
            }
            "JJR" | "RBR" => {
                if w.len() > 4 && w.ends_with("ier") {
                    format!("{}y", stem(3))
                } else if w.len() > 3 && w.ends_with("er") {
                    self.restore(stem(2))
                } else {
                    w.to_string()
                }
            }
            "JJS" | "RBS" => {
                if w.len() > 5 && w.ends_with("iest") {
                    format!("{}y", stem(4))
                } else if w.len() > 4 && w.ends_with("est") {
                    self.restore(stem(3))
                } else {
                    w.to_string()
                }
            }
            _ => w.to_string(),
        }
    }

    /// The base of a stem left by removing `-ed`, `-ing`, `-er` or `-est`: `hop` → `hope` when only that is a known
    /// lemma, `stopp` → `stop`, otherwise the stem itself.
    fn restore(&self, stem: &str) -> String {
        let with_e = format!("{stem}e");
        // "noted": both "not" and "note" are lemmas; a verb or adjective stem rarely ends where an "e" was
        // dropped unless the "e" belongs to it, so the longer one wins.
        if self.known.contains(&with_e) {
            return with_e;
        }
        if self.known.contains(stem) {
            return stem.to_string();
        }
        let b = stem.as_bytes();
        if b.len() >= 3
            && b[b.len() - 1] == b[b.len() - 2]
            && !matches!(b[b.len() - 1], b'l' | b's' | b'z' | b'f')
        {
            let undoubled = &stem[..stem.len() - 1];
            return undoubled.to_string();
        }
        // Consonant–vowel–consonant after a consonant ("urg", "announc") takes back its "e".
        let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
        if let [.., a, c] = b
            && (!vowel(*c) && matches!(c, b'c' | b'g' | b'v' | b'z' | b's') && !vowel(*a)
                || *c == b'u')
        {
            return with_e;
        }
        stem.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lem() -> Lemmatizer {
        let names: Vec<String> = ["VBD", "NNS", "VBZ", "VBG", "VBN"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let data = [
            ("said", 0u8, "say"),
            ("hoped", 0, "hope"),
            ("people", 1, "person"),
            ("show", 2, "show"),
        ];
        Lemmatizer::build(data.iter().copied(), &names)
    }

    #[test]
    fn rules_and_exceptions() {
        let l = lem();
        assert_eq!(l.lemma("said", 0, "VBD"), "say");
        assert_eq!(l.lemma("Said", 0, "VBD"), "say");
        assert_eq!(l.lemma("people", 1, "NNS"), "person");
        assert_eq!(l.lemma("showed", 0, "VBD"), "show");
        assert_eq!(l.lemma("hoped", 0, "VBD"), "hope");
        assert_eq!(l.lemma("urged", 0, "VBD"), "urge");
        assert_eq!(l.lemma("announced", 0, "VBD"), "announce");
        assert_eq!(l.lemma("argued", 0, "VBD"), "argue");
        assert_eq!(l.lemma("stopped", 0, "VBD"), "stop");
        assert_eq!(l.lemma("studies", 1, "NNS"), "study");
        assert_eq!(l.lemma("reports", 2, "VBZ"), "report");
        assert_eq!(l.lemma("watches", 2, "VBZ"), "watch");
        assert_eq!(l.lemma("warning", 3, "VBG"), "warn");
        assert_eq!(l.lemma("Peskov", 9, "NNP"), "Peskov");
    }
}
