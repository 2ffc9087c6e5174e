//! A parsed sentence as attribution reads it: words with their lowercased forms, lemmas, quotation state and
//! dependency tree (children lists, relation tests, noun-phrase spans).

use crate::syntax::{Analysis, Dep, Model, ROOT, Upos, tokenize::Word};

/// One parsed sentence.
pub struct Tree<'a> {
    pub text: &'a str,
    pub words: &'a [Word],
    pub a: &'a Analysis,
    pub model: &'a Model,
    pub lower: Vec<String>,
    pub lemma: Vec<String>,
    /// Inside a quotation (quote marks themselves are not).
    pub quoted: &'a [bool],
    /// Children of each word, in order.
    kids: Vec<Vec<u32>>,
}

/// Longest source mention kept whole, in bytes; a longer noun phrase is cut back to its head's close modifiers.
pub const MAX_MENTION: usize = 200;

impl<'a> Tree<'a> {
    pub fn new(
        text: &'a str,
        words: &'a [Word],
        a: &'a Analysis,
        model: &'a Model,
        quoted: &'a [bool],
    ) -> Self {
        let n = words.len();
        let mut kids = vec![Vec::new(); n];
        for (d, &h) in a.head.iter().enumerate() {
            if h != ROOT {
                kids[h as usize].push(d as u32);
            }
        }
        let lower: Vec<String> = words
            .iter()
            .map(|w| text[w.start as usize..w.end as usize].to_lowercase())
            .collect();
        let lemma = (0..n)
            .map(|i| {
                let form = &text[words[i].start as usize..words[i].end as usize];
                if matches!(a.upos[i], Upos::Verb | Upos::Noun | Upos::Aux | Upos::Adj) {
                    model.lemma(form, a.xpos[i])
                } else {
                    lower[i].clone()
                }
            })
            .collect();
        Tree {
            text,
            words,
            a,
            model,
            lower,
            lemma,
            quoted,
            kids,
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn form(&self, i: usize) -> &'a str {
        let w = self.words[i];
        &self.text[w.start as usize..w.end as usize]
    }

    pub fn upos(&self, i: usize) -> Upos {
        self.a.upos[i]
    }

    /// The Penn tag ("VBN", "NNS").
    pub fn xpos(&self, i: usize) -> &str {
        self.model.xpos_name(self.a.xpos[i])
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        let h = self.a.head[i];
        (h != ROOT).then_some(h as usize)
    }

    /// The word's relation and its subtype.
    pub fn dep(&self, i: usize) -> (Dep, &str) {
        self.model.dep(self.a.label[i])
    }

    pub fn is(&self, i: usize, d: Dep) -> bool {
        self.dep(i).0 == d
    }

    pub fn is_sub(&self, i: usize, d: Dep, sub: &str) -> bool {
        let (x, s) = self.dep(i);
        x == d && s == sub
    }

    pub fn kids(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.kids[i].iter().map(|&k| k as usize)
    }

    /// The first child with relation `d` (any subtype).
    pub fn kid(&self, i: usize, d: Dep) -> Option<usize> {
        self.kids(i).find(|&k| self.is(k, d))
    }

    /// Whether word `i` has a child whose lowercased form is `w` with relation `d`.
    pub fn has_word(&self, i: usize, d: Dep, w: &str) -> bool {
        self.kids(i).any(|k| self.is(k, d) && self.lower[k] == w)
    }

    pub fn is_noun(&self, i: usize) -> bool {
        matches!(
            self.upos(i),
            Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num
        )
    }

    pub fn is_name(&self, i: usize) -> bool {
        self.upos(i) == Upos::Propn && self.form(i).chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is_punct(&self, i: usize) -> bool {
        self.upos(i) == Upos::Punct
    }

    /// Whether the word is a comma.
    pub fn is_comma(&self, i: usize) -> bool {
        matches!(self.form(i), "," | "\u{ff0c}")
    }

    /// Byte span of words `[s, e)`.
    pub fn bytes(&self, (s, e): (usize, usize)) -> (usize, usize) {
        (self.words[s].start as usize, self.words[e - 1].end as usize)
    }

    /// Text of words `[s, e)`, as written.
    pub fn slice(&self, r: (usize, usize)) -> &'a str {
        let (a, b) = self.bytes(r);
        &self.text[a..b]
    }

    /// Whether `d` is `h` or below it.
    pub fn dominates(&self, h: usize, d: usize) -> bool {
        let mut k = d;
        for _ in 0..=self.len() {
            if k == h {
                return true;
            }
            match self.head(k) {
                Some(p) => k = p,
                None => return false,
            }
        }
        false
    }

    /// The word range of `i`'s subtree.
    pub fn subtree(&self, i: usize) -> (usize, usize) {
        let (mut s, mut e) = (i, i + 1);
        let mut stack = vec![i];
        while let Some(k) = stack.pop() {
            s = s.min(k);
            e = e.max(k + 1);
            stack.extend(self.kids(k));
        }
        (s, e)
    }

    /// The noun phrase headed by `h` as a source mention: its subtree without what is not part of the name —
    /// relative clauses, appositives and anything set off by a comma after the head, coordinated phrases, the
    /// preposition that introduces it ("according to", "by") and edge punctuation.
    pub fn np(&self, h: usize) -> (usize, usize) {
        let (mut s, mut e) = (h, h + 1);
        let comma_after_head =
            (h + 1..self.len()).find(|&k| self.is_comma(k) && self.head(k).is_some());
        for k in self.kids(h) {
            let (d, sub) = self.dep(k);
            let drop = matches!(
                d,
                Dep::Appos
                    | Dep::Conj
                    | Dep::Cc
                    | Dep::Punct
                    | Dep::Parataxis
                    | Dep::Advcl
                    | Dep::Case
                    | Dep::Mark
                    | Dep::Dep
                    | Dep::List
                    | Dep::Discourse
                    | Dep::Vocative
                    | Dep::Reparandum
                    | Dep::Orphan
                    | Dep::Cop
                    | Dep::Aux
                    | Dep::Nsubj
                    | Dep::Csubj
                    | Dep::Obj
                    | Dep::Ccomp
                    | Dep::Xcomp
                    | Dep::Expl
            ) || (d == Dep::Acl && sub == "relcl")
                || (k > h && comma_after_head.is_some_and(|c| c < k));
            if drop {
                continue;
            }
            let (a, b) = self.subtree(k);
            s = s.min(a);
            e = e.max(b);
        }
        while s < h && (self.is_punct(s) || self.lower[s] == "according") {
            s += 1;
        }
        // A possessor the parse left outside ("New Zealand's | Prime Minister John Key"): the phrase ending in
        // "'s" right before the mention belongs to it.
        if s > 0
            && matches!(
                self.lower[s - 1].as_str(),
                "'s" | "\u{2019}s" | "'" | "\u{2019}"
            )
        {
            let p = s - 1;
            if let Some(owner) = self.head(p) {
                let (a, b) = self.subtree(owner);
                if b == s && a < s && !(a..b).any(|k| self.quoted[k]) {
                    s = a;
                }
            }
        }
        // A source phrase never runs past a comma after its head: what follows is an appositive, a participle or
        // a parenthetical ("a Western official familiar with the talks, speaking on condition of anonymity,").
        if let Some(c) = (h + 1..e).find(|&k| self.is_comma(k)) {
            e = c;
        }
        while e > h + 1 && self.is_punct(e - 1) {
            e -= 1;
        }
        if self.bytes((s, e)).1 - self.bytes((s, e)).0 > MAX_MENTION {
            return self.core(h);
        }
        (s, e)
    }

    /// The head with its adjacent determiner, modifiers and name parts only: the fallback for an overlong phrase.
    pub fn core(&self, h: usize) -> (usize, usize) {
        let (mut s, mut e) = (h, h + 1);
        while s > 0
            && self.head(s - 1) == Some(h)
            && matches!(
                self.dep(s - 1).0,
                Dep::Det | Dep::Amod | Dep::Compound | Dep::Nummod | Dep::Flat
            )
        {
            s -= 1;
        }
        while e < self.len() && self.head(e) == Some(h) && matches!(self.dep(e).0, Dep::Flat) {
            e += 1;
        }
        (s, e)
    }

    /// The words of a name headed by `h`: `h` and its `flat` dependents ("Dmitry Peskov").
    pub fn name_run(&self, h: usize) -> (usize, usize) {
        let (mut s, mut e) = (h, h + 1);
        for k in self.kids(h) {
            if self.is(k, Dep::Flat) || (self.is(k, Dep::Compound) && self.is_name(k) && k + 1 == s)
            {
                s = s.min(k);
                e = e.max(k + 1);
            }
        }
        // A name runs over adjacent capitalised words that hang on it ("Kremlin spokesman Dmitry Peskov": the
        // run is "Dmitry Peskov"; "Foreign Ministry": both).
        while s > 0 && self.head(s - 1) == Some(h) && self.is_name(s - 1) {
            s -= 1;
        }
        (s, e)
    }

    /// Whether any word of `[s, e)` is one of `phrase`'s words in order (lowercased).
    pub fn contains_phrase(&self, (s, e): (usize, usize), phrase: &[String]) -> bool {
        if phrase.is_empty() || e - s < phrase.len() {
            return false;
        }
        (s..=e - phrase.len()).any(|k| {
            phrase
                .iter()
                .enumerate()
                .all(|(j, w)| self.lower[k + j] == *w)
        })
    }
}
