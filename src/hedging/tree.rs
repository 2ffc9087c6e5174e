//! The tree-based decisions of hedging: whether a cue the lexicon found in a sentence hedges the sentence's claim,
//! read off the sentence's dependency tree ([`crate::syntax`]).
//!
//! Only cues whose reading depends on their syntax ask for a parse ([`Check`]); the sentence is parsed once, on
//! the first such cue, so sentences without one cost nothing beyond the lexicon scan.

use std::cell::RefCell;
use std::sync::LazyLock;

use crate::record::HedgeLevel;
use crate::syntax::{Dep, Model, Parsed, Scratch, Upos};

/// Verbs of capacity ("the plant could produce 5 tons a day"); see the file's header.
const CAPACITY_VERBS: &str = include_str!("../../data/hedge_capacity_verbs.txt");

static CAPACITY: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    CAPACITY_VERBS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// What the tree must be asked about a cue before it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Nothing: the cue hedges wherever the lexicon finds it (epistemic adverbs and modals other than "could").
    None,
    /// An evidential or allegation cue ("reportedly", "alleged", "accused of"): it distances the publisher from the
    /// clause it sits in, so inside a clause that only describes a noun or sets the scene (`acl`, `acl:relcl`,
    /// `advcl`) it does not hedge the sentence's claim.
    Scope,
    /// A passive evidential or raising verb ("is said to", "is expected to"): as [`Check::Scope`], and not a hedge
    /// when the passive names its agent ("is expected by analysts to"): that is an attribution.
    Passive,
    /// "appear(s/ed) to", "seem(s/ed) to": as [`Check::Scope`], and only with an infinitive ("appears to be
    /// leaning"), not a preposition ("appeared to the crowd").
    Raising,
    /// "could": not a hedge when it states a capacity ("the plant could produce 5 tons a day").
    Could,
}

impl Check {
    /// The check a lexicon cue needs, from its level and its shape.
    pub fn of(cue: &str, level: Option<HedgeLevel>) -> Check {
        let words: Vec<&str> = cue.split(' ').collect();
        let be = |w: &str| matches!(w, "is" | "are" | "was" | "were");
        let raising = |w: &str| {
            matches!(
                w,
                "appear" | "appears" | "appeared" | "seem" | "seems" | "seemed"
            )
        };
        match (level, words.as_slice()) {
            (None, _) => Check::None,
            (_, ["could"]) => Check::Could,
            (_, [b, _, "to"]) if be(b) => Check::Passive,
            (_, [r, "to"]) if raising(r) => Check::Raising,
            (Some(HedgeLevel::Reported | HedgeLevel::Alleged), _) => Check::Scope,
            _ => Check::None,
        }
    }
}

/// A sentence parsed on demand, at most once.
pub struct Lazy<'s> {
    sentence: &'s str,
    /// Tells this sentence's parse in the thread's buffers from another's.
    id: u64,
}

/// Parse buffers reused from sentence to sentence, and the id of the [`Lazy`] whose sentence they hold.
#[derive(Default)]
struct Buffers {
    parsed: Parsed,
    scratch: Scratch,
    holds: Option<u64>,
    next_id: u64,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

impl<'s> Lazy<'s> {
    pub fn new(sentence: &'s str) -> Self {
        let id = BUFFERS.with_borrow_mut(|b| {
            b.next_id += 1;
            b.next_id
        });
        Lazy { sentence, id }
    }

    /// Whether the cue at bytes `start..end` is *not* a hedge of the sentence's claim according to `check`.
    /// Without an embedded model the answer is always no: the lexicon decides alone, as before the tree existed.
    pub fn rejects(&self, check: Check, start: usize, end: usize) -> bool {
        if check == Check::None {
            return false;
        }
        let Ok(model) = Model::embedded() else {
            return false;
        };
        BUFFERS.with_borrow_mut(|b| {
            if b.holds != Some(self.id) {
                let sentence = self.sentence;
                model.parse_span(sentence, 0, sentence.len(), &mut b.parsed, &mut b.scratch);
                b.holds = Some(self.id);
            }
            let t = View {
                text: self.sentence,
                p: &b.parsed,
                model,
            };
            let Some(head) = t.head_of_span(start, end) else {
                return false;
            };
            match check {
                Check::None => false,
                Check::Scope => t.in_subordinate_clause(head),
                Check::Passive => t.in_subordinate_clause(head) || t.has_agent(head),
                Check::Raising => t.in_subordinate_clause(head) || t.takes_preposition(head),
                Check::Could => t.states_capacity(head),
            }
        })
    }
}

/// A parsed sentence, read-only.
struct View<'a> {
    text: &'a str,
    p: &'a Parsed,
    model: &'a Model,
}

impl View<'_> {
    fn len(&self) -> usize {
        self.p.words.len()
    }

    fn dep(&self, i: usize) -> (Dep, &str) {
        self.model.dep(self.p.analysis.label[i])
    }

    fn head(&self, i: usize) -> Option<usize> {
        self.p.analysis.head_of(i)
    }

    fn lemma(&self, i: usize) -> String {
        self.model
            .lemma(self.p.form(self.text, i), self.p.analysis.xpos[i])
            .to_lowercase()
    }

    /// The word of the cue at bytes `start..end` that the rest of the cue hangs on: the first of its words whose
    /// head lies outside it ("expected" in "is expected to", "alleged" in "it is alleged").
    fn head_of_span(&self, start: usize, end: usize) -> Option<usize> {
        let inside = |k: usize| {
            let w = self.p.words[k];
            w.start as usize >= start && w.end as usize <= end
        };
        (0..self.len())
            .filter(|&k| inside(k))
            .find(|&k| self.head(k).is_none_or(|h| !inside(h)))
    }

    /// Whether word `k` is inside a clause that modifies a noun (`acl`, `acl:relcl`: "The minister, who was
    /// arrested for alleged espionage, resigned") or a subordinate adverbial clause (`advcl` with a subordinator
    /// or its own subject: "a week after Estmark expelled diplomats over alleged espionage"). Such a clause
    /// describes something the claim mentions; the claim itself is the main clause.
    ///
    /// Not subordinate in this sense:
    /// - a content clause (`ccomp`: "Police said the man allegedly stole …"): it *is* the claim;
    /// - a participle before its noun ("the alleged spy", "a suspected outbreak"): an adjective, whatever the parser
    ///   called it;
    /// - a bare participial `advcl` ("went on trial on Tuesday accused of fraud", "expelled the diplomats, accusing
    ///   them of spying"): it predicates of the main clause's subject and carries the news.
    fn in_subordinate_clause(&self, k: usize) -> bool {
        let mut w = k;
        for _ in 0..=self.len() {
            let Some(h) = self.head(w) else {
                return false;
            };
            let (dep, sub) = self.dep(w);
            let subordinate = match dep {
                // A relative clause without a relative word is more often a misparse of a main clause that
                // follows noise or a headline ("The talks <garbage> reportedly failed") than a reduced relative.
                Dep::Acl if sub == "relcl" && h < w => w == k || self.relative_word_between(h, w),
                Dep::Acl => !(w == k && w < h),
                Dep::Advcl => self
                    .p
                    .analysis
                    .children(w)
                    .any(|c| matches!(self.dep(c).0, Dep::Mark | Dep::Nsubj | Dep::Csubj)),
                _ => false,
            };
            if subordinate {
                return true;
            }
            w = h;
        }
        false
    }

    /// Whether a relative word ("who", "which", "that", …) stands between a noun and the relative clause
    /// that modifies it.
    fn relative_word_between(&self, noun: usize, verb: usize) -> bool {
        const RELATIVE: [&str; 7] = ["who", "whom", "whose", "which", "that", "where", "when"];
        (noun + 1..verb).any(|i| {
            let form = self.p.form(self.text, i);
            RELATIVE.iter().any(|r| form.eq_ignore_ascii_case(r))
        })
    }

    /// Whether a passive participle names its agent ("is expected by economists to").
    fn has_agent(&self, k: usize) -> bool {
        self.p.analysis.children(k).any(|c| {
            let (d, sub) = self.dep(c);
            d == Dep::Obl
                && (sub == "agent"
                    || self
                        .p
                        .analysis
                        .children(c)
                        .any(|g| self.p.form(self.text, g).eq_ignore_ascii_case("by")))
        })
    }

    /// Whether a raising verb's "to" is a preposition ("appeared to the crowd") rather than an infinitive marker.
    fn takes_preposition(&self, k: usize) -> bool {
        let to =
            (k + 1..self.len()).find(|&c| self.p.form(self.text, c).eq_ignore_ascii_case("to"));
        let Some(to) = to else {
            return false;
        };
        let infinitive = self
            .p
            .analysis
            .children(k)
            .any(|c| self.dep(c).0 == Dep::Xcomp);
        self.dep(to).0 == Dep::Case && !infinitive
    }

    /// Whether "could" (word `k`) states what something is able to do: the verb it helps is a verb of capacity
    /// (`data/hedge_capacity_verbs.txt`) and its object is a quantity ("produce 5 tons a day", "seat 40,000
    /// people"). Both are needed: "the talks could collapse" and "the drought could cut yields by 20%" stay hedges.
    fn states_capacity(&self, k: usize) -> bool {
        let Some(verb) = self.head(k) else {
            return false;
        };
        if self.dep(k).0 != Dep::Aux || !CAPACITY.contains(&self.lemma(verb).as_str()) {
            return false;
        }
        self.p.analysis.children(verb).any(|o| {
            self.dep(o).0 == Dep::Obj
                && self.subtree_has(o, |w| self.p.analysis.upos[w] == Upos::Num)
        })
    }

    /// Whether any word of `k`'s subtree satisfies `f`.
    fn subtree_has(&self, k: usize, f: impl Fn(usize) -> bool) -> bool {
        let mut stack = vec![k];
        let mut steps = 0;
        while let Some(w) = stack.pop() {
            if f(w) {
                return true;
            }
            steps += 1;
            if steps > self.len() {
                return false;
            }
            stack.extend(self.p.analysis.children(w));
        }
        false
    }
}
