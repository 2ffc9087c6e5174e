//! Clause patterns over one sentence's tokens: where each cue's source is.
//!
//! Without a parser, the rules lean on English news layout: a source is a noun phrase right before its cue
//! ("Kremlin spokesman Dmitry Peskov said"), right after it when the cue follows a comma or a closing quote
//! ("…,” said Peskov), after a preposition ("according to Interfax"), before an appositive
//! ("Paul Dewar, an Ottawa MP, said") or in a credit line ("Image: Nick Moreau."). Noun phrases are found by
//! scanning tokens outward from the cue with closed-class word lists, so every rule is linear in the sentence
//! (each scan is also capped in length).

use super::lexicon::{Cue, CueClass, LEXICON, Lexicon, Needs, flag};
use super::token::{Kind, Tok};

/// A source found in one sentence, in token terms. `attribution.rs` turns it into a record.
#[derive(Debug, Clone, Default)]
pub struct Cand {
    /// Token range `[start, end)` of the source as written.
    pub mention: (usize, usize),
    /// Token range of the cue words.
    pub cue: (usize, usize),
    /// Byte range of a role given by an appositive ("Jeff Rathke, the State Department spokesperson, said").
    pub role: Option<(usize, usize)>,
    /// Token range to read the name from when it is not the mention ("according to the coach, Alireza
    /// Mehraban" → the name is in the appositive; "a report by TASS" → TASS).
    pub name_from: Option<(usize, usize)>,
    /// Whom the speaker addressed ("told Interfax"): a relay when it is an outlet.
    pub addressee: Option<(usize, usize)>,
    /// Relays, nearest the source first: token ranges of their mentions and of their cues.
    pub relays: Vec<((usize, usize), (usize, usize))>,
    /// An anonymity phrase applies ("familiar with the matter").
    pub anonymous: bool,
    /// The mention is a pronoun to resolve.
    pub pronoun: bool,
    /// The mention is a definite description to resolve ("the spokesman").
    pub short_ref: bool,
}

/// Finds sources in one sentence's tokens.
pub struct Sentence<'a> {
    t: &'a [Tok],
    lx: &'static Lexicon,
}

const MAX_NP: usize = 24;

impl<'a> Sentence<'a> {
    /// Wraps the tokens of one sentence.
    pub fn new(t: &'a [Tok]) -> Self {
        Sentence { t, lx: &LEXICON }
    }

    fn word(&self, i: usize) -> bool {
        i < self.t.len() && self.t[i].is_word()
    }
    fn lw(&self, i: usize) -> &str {
        if self.word(i) { &self.t[i].lower } else { "" }
    }
    fn has(&self, i: usize, bit: u32) -> bool {
        i < self.t.len() && self.t[i].f & bit != 0
    }
    fn is_det(&self, i: usize) -> bool {
        self.has(i, flag::DET)
    }
    fn is_stop(&self, i: usize) -> bool {
        !self.word(i) || self.has(i, flag::STOP)
    }
    fn is_time(&self, i: usize) -> bool {
        self.has(i, flag::TIME)
            || (self.word(i) && self.t[i].lower.chars().all(|c| c.is_ascii_digit()))
    }
    fn is_pronoun(&self, i: usize) -> bool {
        self.has(i, flag::PRONOUN)
    }
    fn is_connector(&self, i: usize) -> bool {
        self.has(i, flag::CONNECTOR) && !self.t[i].cap
    }
    fn is_verb(&self, i: usize) -> bool {
        self.word(i) && !self.t[i].cap && (self.t[i].f & (flag::VERB | flag::AUX) != 0)
    }
    fn is_skip(&self, i: usize) -> bool {
        self.word(i)
            && !self.t[i].cap
            && (self.has(i, flag::SKIP)
                || self.has(i, flag::AUX)
                || (self.t[i].lower.ends_with("ly") && self.t[i].lower.len() > 4))
    }
    fn cap_word(&self, i: usize) -> bool {
        self.word(i)
            && self.t[i].cap
            && !self.has(i, flag::STOP)
            && !self.has(i, flag::DET)
            && !self.has(i, flag::TIME)
    }
    /// A lower-case word that may be part of a noun phrase: not a function word, verb or adverb.
    fn lower_noun(&self, i: usize) -> bool {
        self.word(i)
            && !self.t[i].cap
            && !self.is_stop(i)
            && !self.is_det(i)
            && !self.has(i, flag::AUX)
            && (self.t[i].f & flag::VERB == 0 || self.t[i].f & flag::KNOWN_HEAD != 0)
            && !self.t[i].lower.ends_with("ly")
            && !self.has(i, flag::SKIP)
    }
    fn np_word(&self, i: usize) -> bool {
        self.cap_word(i) || self.lower_noun(i)
    }
    fn head_noun(&self, e: usize) -> &str {
        if e == 0 { "" } else { self.lw(e - 1) }
    }
    fn known_head(&self, h: &str) -> bool {
        let lx = self.lx;
        lx.titles.contains(h)
            || lx.persons.contains(h)
            || lx.groups.contains(h)
            || lx.documents.contains(h)
            || lx.anon_heads.contains(h)
    }
    fn has_cap(&self, (s, e): (usize, usize)) -> bool {
        (s..e).any(|i| self.cap_word(i))
    }

    /// Whether token `h` can end a source noun phrase.
    fn head_ok(&self, h: usize) -> bool {
        if !self.word(h) || self.t[h].quoted || self.is_det(h) || self.has(h, flag::AUX) {
            return false;
        }
        let t = &self.t[h];
        if self.is_time(h) {
            // "Theresa May said" keeps the name; "May said" alone is a month.
            return t.cap && h > 0 && self.cap_word(h - 1);
        }
        if t.cap {
            return !self.has(h, flag::STOP);
        }
        self.lower_noun(h) && !t.lower.ends_with("ed") && !t.lower.ends_with("ing")
    }

    /// The noun phrase ending just before token `e`, not reaching left of `floor`.
    pub fn left_np(&self, e: usize, floor: usize) -> Option<(usize, usize)> {
        if e <= floor || e == 0 {
            return None;
        }
        let h = e - 1;
        if self.is_pronoun(h) && !self.t[h].quoted {
            return Some((h, e));
        }
        if !self.head_ok(h) {
            return None;
        }
        let mut p = h;
        let mut lower_run = usize::from(!self.t[h].cap);
        while p > floor && e - p < MAX_NP {
            let q = p - 1;
            let u = &self.t[q];
            if u.quoted {
                break;
            }
            match u.kind {
                Kind::Poss => {
                    if q > floor && self.np_word(q - 1) {
                        p = q - 1;
                        lower_run = usize::from(!self.t[p].cap);
                        continue;
                    }
                    break;
                }
                Kind::Punct if u.lower == "-" || u.lower == "&" || u.lower == "/" => {
                    if q > floor && self.cap_word(q - 1) && self.t[p].cap {
                        p = q - 1;
                        continue;
                    }
                    break;
                }
                Kind::Word => {
                    if self.is_det(q) {
                        // "director of the Dallas chapter": a determiner after a connector stays in the name.
                        if q >= floor + 2
                            && self.t[p].cap
                            && self.is_connector(q - 1)
                            && self.np_word(q - 2)
                        {
                            p = q - 2;
                            lower_run = usize::from(!self.t[p].cap);
                            continue;
                        }
                        p = q;
                        break;
                    }
                    if self.is_connector(q) && q > floor && self.np_word(q - 1) && self.t[p].cap {
                        p = q - 1;
                        lower_run = usize::from(!self.t[p].cap);
                        continue;
                    }
                    if self.cap_word(q) {
                        p = q;
                        lower_run = 0;
                        continue;
                    }
                    if self.lower_noun(q) && lower_run < 3 {
                        if u.lower.ends_with("ed") && !(q > floor && self.is_det(q - 1)) {
                            break;
                        }
                        p = q;
                        lower_run += 1;
                        continue;
                    }
                    break;
                }
                _ => break,
            }
        }
        Some((p, e))
    }

    /// The noun phrase starting at token `j`.
    pub fn right_np(&self, j: usize) -> Option<(usize, usize)> {
        let n = self.t.len();
        if j >= n || self.t[j].quoted {
            return None;
        }
        if self.is_pronoun(j) {
            return Some((j, j + 1));
        }
        let mut q = j;
        if self.is_det(q) {
            q += 1;
        }
        let mut last_head = None;
        // "dozens of mayors", "one of the organisers"
        if q > j && self.lw(q) == "of" && !self.t[j].quoted {
            q += 1;
            if self.is_det(q) {
                q += 1;
            }
        }
        let mut lower_run = 0;
        while q < n && q - j < MAX_NP {
            let u = &self.t[q];
            if u.quoted {
                break;
            }
            match u.kind {
                Kind::Word => {
                    if self.is_det(q) && q > j && self.is_connector(q - 1) && self.cap_word(q + 1) {
                        q += 1;
                        continue;
                    }
                    if self.is_connector(q)
                        && last_head.is_some()
                        && (self.cap_word(q + 1) || (self.is_det(q + 1) && self.cap_word(q + 2)))
                    {
                        q += 1;
                        continue;
                    }
                    if self.cap_word(q)
                        || (self.is_time(q)
                            && last_head.is_some()
                            && self.t[q].cap
                            && self.t[q].lower == "may")
                    {
                        q += 1;
                        last_head = Some(q);
                        lower_run = 0;
                        continue;
                    }
                    if self.lower_noun(q)
                        && lower_run < 3
                        && !u.lower.ends_with("ed")
                        && !u.lower.ends_with("ing")
                    {
                        q += 1;
                        last_head = Some(q);
                        lower_run += 1;
                        continue;
                    }
                    break;
                }
                Kind::Poss if last_head.is_some() => q += 1,
                Kind::Punct
                    if matches!(u.lower.as_str(), "-" | "&" | "/")
                        && last_head.is_some()
                        && self.cap_word(q + 1) =>
                {
                    q += 1
                }
                _ => break,
            }
        }
        last_head.map(|e| (j, e))
    }

    /// Whether a noun phrase can be a source at all.
    fn source_like(&self, np: (usize, usize)) -> bool {
        let (s, e) = np;
        if e == s + 1 && self.is_pronoun(s) {
            return true;
        }
        let head = self.head_noun(e);
        self.has_cap(np) || self.known_head(head) || (self.is_det(s) && e > s + 1)
    }

    /// Finds the cue at token `i`, longest phrase first.
    fn cue_at(&self, i: usize) -> Option<&'static Cue> {
        let t = &self.t[i];
        if !t.is_word() || t.f & flag::CUE == 0 {
            return None;
        }
        // Inside a quotation only "I think" / "we believe" count: the speaker's own stance.
        let first_person = i > 0 && matches!(self.lw(i - 1), "i" | "we");
        if t.quoted && !first_person {
            return None;
        }
        let list = self.lx.cues.get(t.lower.as_str())?;
        list.iter().find(|c| {
            if t.quoted && c.class != CueClass::Cognition {
                return false;
            }
            let verbal = matches!(
                c.class,
                CueClass::Speech | CueClass::Evidence | CueClass::Cognition
            );
            if verbal && t.cap {
                return false;
            }
            c.words.iter().enumerate().all(|(k, w)| {
                let u = self.t.get(i + k);
                u.is_some_and(|u| u.is_word() && u.quoted == t.quoted && u.lower == *w)
            })
        })
    }

    /// Every source in the sentence.
    pub fn find(&self) -> Vec<Cand> {
        let mut out: Vec<Cand> = Vec::new();
        let n = self.t.len();
        let mut i = 0;
        while i < n {
            if let Some(cue) = self.cue_at(i) {
                let j = i + cue.words.len();
                if let Some(c) = self.apply(cue, i, j, &mut out) {
                    push(&mut out, c);
                }
                i = j;
                continue;
            }
            i += 1;
        }
        for c in self.layouts() {
            push(&mut out, c);
        }
        out
    }

    fn apply(&self, cue: &Cue, i: usize, j: usize, out: &mut Vec<Cand>) -> Option<Cand> {
        match cue.class {
            CueClass::Prep => self.prep(i, j),
            CueClass::Relay => {
                let prev = out.pop()?;
                let np = self.right_np(j).filter(|&np| self.source_like(np));
                match np {
                    Some(np) => {
                        let mut relays = vec![(prev.mention, prev.cue)];
                        relays.extend(prev.relays.iter().copied());
                        let mut c = Cand {
                            mention: np,
                            cue: (i, j),
                            relays,
                            ..Cand::default()
                        };
                        self.mark_anonymous(&mut c);
                        Some(c)
                    }
                    None => {
                        out.push(prev);
                        None
                    }
                }
            }
            _ => self.verb(cue, i, j, out),
        }
    }

    /// "according to X", "in the words of X", "confirmed by X".
    fn prep(&self, i: usize, j: usize) -> Option<Cand> {
        let np = self.right_np(j)?;
        if !self.source_like(np) {
            return None;
        }
        let mut c = Cand {
            mention: np,
            cue: (i, j),
            ..Cand::default()
        };
        let n = self.t.len();
        let (_, e) = np;
        // "a report by TASS": the document's author is the source.
        if self.lx.documents.contains(self.head_noun(e))
            && matches!(self.lw(e), "by" | "from" | "of")
        {
            if let Some(inner) = self.right_np(e + 1).filter(|&x| self.has_cap(x)) {
                c.name_from = Some(inner);
                c.mention = (np.0, inner.1);
            }
        }
        // "according to the coach, Alireza Mehraban,": the name is in the appositive.
        if e < n && self.t[e].is_punct(",") && !self.has_cap(np) {
            if let Some(name) = self.right_np(e + 1).filter(|&x| self.has_cap(x)) {
                let after = name.1;
                if after >= n || !self.t[after].is_word() {
                    c.name_from = Some(name);
                    c.role = Some((self.t[np.0].start, self.t[np.1 - 1].end));
                }
            }
        }
        self.mark_anonymous(&mut c);
        Some(c)
    }

    /// Verb cues: subject before, after (inversion) or behind an appositive.
    fn verb(&self, cue: &Cue, i: usize, j: usize, out: &[Cand]) -> Option<Cand> {
        let n = self.t.len();
        let next_quote = |k: usize| {
            k < n
                && (self.t[k].is_punct(":")
                    || self.t[k].kind == Kind::Open
                    || (self.t[k].is_punct(",") && k + 1 < n && self.t[k + 1].kind == Kind::Open))
        };
        if !self.needs_ok(cue, j, next_quote(j)) {
            return None;
        }
        if self.t[i].quoted {
            let c = Cand {
                mention: (i - 1, i),
                cue: (i, j),
                pronoun: true,
                ..Cand::default()
            };
            return self.class_ok(cue, c.mention, j).then_some(c);
        }
        // Skip adverbs, auxiliaries and "on Tuesday" between the subject and the verb.
        let mut s = i;
        while s > 0 {
            let q = s - 1;
            if self.t[q].quoted {
                break;
            }
            if self.is_skip(q) {
                s = q;
                continue;
            }
            // "The World Health Organisation (WHO) recommends"
            if self.t[q].is_punct(")") {
                if let Some(open) = (q.saturating_sub(8)..q)
                    .rev()
                    .find(|&x| self.t[x].is_punct("("))
                {
                    s = open;
                    continue;
                }
            }
            if self.is_time(q)
                && q > 0
                && matches!(self.lw(q - 1), "on" | "last" | "this" | "late" | "early")
            {
                s = q - 1;
                continue;
            }
            break;
        }
        // Passive: "is said to", "was confirmed by the ministry".
        let multi_saying = cue.words.len() > 1 && cue.words.last().is_some_and(|w| w == "saying");
        if !multi_saying && (s..i).any(|k| self.has(k, flag::BE)) {
            if self.lw(j) == "by" {
                let np = self.right_np(j + 1).filter(|&x| self.source_like(x))?;
                let mut c = Cand {
                    mention: np,
                    cue: (i, j + 1),
                    ..Cand::default()
                };
                self.mark_anonymous(&mut c);
                return Some(c);
            }
            return None;
        }
        if s > 0 && self.t[s - 1].kind == Kind::Poss {
            return None;
        }
        if cue.participle {
            // Only "with Boswell stating: …" names a new source; ", adding that …" repeats the subject.
            let np = self.left_np(s, 0)?;
            if np.0 > 0 && self.lw(np.0 - 1) == "with" && self.source_like(np) {
                return Some(self.finish(
                    Cand {
                        mention: np,
                        cue: (i, j),
                        ..Cand::default()
                    },
                    cue,
                    j,
                ));
            }
            return None;
        }
        let left = if s > 0 { Some(&self.t[s - 1]) } else { None };
        let mut cand = None;
        match left {
            None => {}
            Some(l) if l.kind == Kind::Close || l.is_punct(",") || l.is_punct("—") => {
                if cue.class == CueClass::Speech && cue.lemma != "tell" {
                    if let Some(np) = self.right_np(j).filter(|&x| self.source_like(x)) {
                        let after = np.1;
                        let ok =
                            after >= n || !self.t[after].is_word() || self.has(after, flag::STOP);
                        if ok {
                            let mut c = Cand {
                                mention: np,
                                cue: (i, j),
                                ..Cand::default()
                            };
                            // "said Maria Zakharova, the Foreign Ministry spokeswoman."
                            if after < n && self.t[after].is_punct(",") {
                                if let Some(app) = self.right_np(after + 1) {
                                    let end = app.1;
                                    if end >= n || !self.t[end].is_word() {
                                        c.role = Some((self.t[app.0].start, self.t[app.1 - 1].end));
                                    }
                                }
                            }
                            cand = Some(c);
                        }
                    }
                }
                if cand.is_none() && l.is_punct(",") {
                    cand = self.comma_subject(s - 1, i, j);
                }
            }
            Some(l) if l.is_word() => {
                if l.lower == "who" && s >= 2 && self.t[s - 2].is_punct(",") {
                    let np = self
                        .left_np(s - 2, 0)
                        .filter(|&x| self.source_like(x) && !self.is_pronoun(x.0))?;
                    cand = Some(Cand {
                        mention: np,
                        cue: (i, j),
                        ..Cand::default()
                    });
                } else if l.lower == "who"
                    || (matches!(l.lower.as_str(), "and" | "but" | "or" | "that" | "which")
                        && !out.is_empty())
                {
                    // "and said" repeats the sentence's subject; a bare "who" has no antecedent here.
                    return None;
                } else if let Some(np) = self.left_np(s, 0) {
                    let np = self.extend_anonymous(np);
                    // "his urgent calls for": a verb form that is also a plural noun after a possessor.
                    let noun_like = self.t[i].lower.ends_with('s')
                        && (self.has(np.0, flag::DET)
                            && matches!(
                                self.lw(np.0),
                                "his" | "her" | "their" | "its" | "our" | "my" | "your"
                            )
                            || (np.0..np.1).any(|x| self.t[x].kind == Kind::Poss));
                    if self.source_like(np) && !noun_like {
                        let mut c = Cand {
                            mention: np,
                            cue: (i, j),
                            ..Cand::default()
                        };
                        // "Malaysia's Prime Minister, Najib Razak said": a title before the name.
                        if np.0 >= 2 && self.t[np.0 - 1].is_punct(",") && self.has_cap(np) {
                            if let Some(t) = self.left_np(np.0 - 1, 0) {
                                let title = self.lx.titles.contains(self.head_noun(t.1));
                                let at_start = t.0 == 0
                                    || !self.t[t.0 - 1].is_word()
                                    || self.has(t.0 - 1, flag::STOP);
                                if title && at_start && t.1 - t.0 <= 6 {
                                    c.mention = (t.0, np.1);
                                    c.role = Some((self.t[t.0].start, self.t[t.1 - 1].end));
                                    c.name_from = Some(np);
                                }
                            }
                        }
                        cand = Some(c);
                    }
                }
            }
            _ => {}
        }
        let c = cand?;
        if !self.class_ok(cue, c.mention, j) {
            return None;
        }
        Some(self.finish(c, cue, j))
    }

    /// Checks what follows a verb against its entry's section (see `speech_verbs.txt`).
    fn needs_ok(&self, cue: &Cue, j: usize, quote_next: bool) -> bool {
        let n = self.t.len();
        // "said to be" is a hedge, "said to reporters" an attribution.
        if cue.lemma == "say" && cue.words.len() == 1 && self.lw(j) == "to" {
            let k = j + 1;
            let np = self.is_det(k)
                || self.cap_word(k)
                || self.is_pronoun(k)
                || self.lx.persons.contains(self.lw(k))
                || self.lw(k) == "reporters";
            if !np {
                return false;
            }
        }
        // Skip "on Friday", "in a statement", adverbs: what follows them decides.
        let mut k = j;
        while k < n
            && (self.is_skip(k)
                || self.is_time(k)
                || matches!(
                    self.lw(k),
                    "on" | "in" | "a" | "statement" | "interview" | "last" | "this"
                ))
            && !self.t[k].quoted
        {
            k += 1;
        }
        let clause_start = |k: usize| {
            k >= n
                || self.t[k].kind == Kind::Open
                || matches!(self.t[k].lower.as_str(), ":" | "," | ";" | "." | "that")
                || self.is_pronoun(k)
                || self.lw(k) == "there"
                || is_wh_word(self.lw(k))
        };
        match cue.needs {
            Needs::Any => true,
            Needs::Quote => quote_next,
            Needs::Clause => {
                if clause_start(k) {
                    return true;
                }
                // "tweeted using his account: …": a colon or quote soon after.
                (k..(k + 10).min(n))
                    .any(|x| self.t[x].kind == Kind::Open || self.t[x].is_punct(":"))
            }
            Needs::Question => {
                for x in j..(j + 8).min(n) {
                    let w = self.lw(x);
                    if matches!(w, "to" | "for") {
                        return false;
                    }
                    if self.t[x].kind == Kind::Open || self.t[x].is_punct(":") || is_wh_word(w) {
                        return true;
                    }
                }
                false
            }
            Needs::ClaimObject => (j..(j + 5).min(n)).any(|x| {
                self.lx.cue_nouns.contains(self.lw(x))
                    || matches!(
                        self.lw(x),
                        "report"
                            | "reports"
                            | "accusation"
                            | "accusations"
                            | "charge"
                            | "charges"
                            | "criticism"
                            | "idea"
                            | "notion"
                            | "suggestion"
                    )
            }),
        }
    }

    /// Class-specific checks on the subject and what follows the verb.
    fn class_ok(&self, cue: &Cue, np: (usize, usize), j: usize) -> bool {
        let head = self.head_noun(np.1);
        let pron = np.1 == np.0 + 1 && self.is_pronoun(np.0);
        let next = self.lw(j);
        match cue.class {
            CueClass::Evidence => {
                if matches!(next, "out" | "up" | "off") {
                    return false;
                }
                let docs = self.lx.documents.contains(head);
                let people = self.lx.titles.contains(head)
                    || self.lx.persons.contains(head)
                    || self.lx.groups.contains(head)
                    || self.lx.anon_heads.contains(head);
                if cue.lemma == "rule" {
                    return matches!(
                        head,
                        "court" | "courts" | "judge" | "judges" | "tribunal" | "panel"
                    );
                }
                let research = self.lx.titles.contains(head);
                let named = self.has_cap(np) || people || pron;
                docs || ((people || (pron && head != "it")) && (cue.lemma != "find" || research))
                    || (next == "that" && named)
            }
            CueClass::Cognition => {
                if matches!(next, "in" | "of" | "about" | "so" | "to" | "for" | "like") {
                    return false;
                }
                next == "that"
                    || self.is_pronoun(j)
                    || self.is_det(j)
                    || self.cap_word(j)
                    || next == "there"
                    || (j < self.t.len()
                        && (self.t[j].kind == Kind::Open || self.t[j].is_punct(",")))
            }
            _ => true,
        }
    }

    /// Adds the addressee of "told" and relays named after the verb ("in an interview with CNN").
    fn finish(&self, mut c: Cand, cue: &Cue, j: usize) -> Cand {
        let n = self.t.len();
        if cue.lemma == "tell" && !cue.words.iter().any(|w| w == "reporters") {
            c.addressee = self.right_np(j).filter(|&x| self.has_cap(x));
        }
        if c.addressee.is_none() {
            let end = (j + 8).min(n);
            for k in j..end {
                if self.t[k].quoted || self.t[k].is_quote() {
                    break;
                }
                if matches!(self.lw(k), "with" | "to")
                    && k > j
                    && matches!(
                        self.lw(k - 1),
                        "interview"
                            | "remarks"
                            | "statement"
                            | "comments"
                            | "said"
                            | "told"
                            | "spoke"
                    )
                {
                    c.addressee = self.right_np(k + 1).filter(|&x| self.has_cap(x));
                    break;
                }
            }
        }
        let (s, e) = c.mention;
        if e == s + 1 && self.is_pronoun(s) {
            c.pronoun = true;
        } else if self.is_det(s)
            && !self.has_cap(c.mention)
            && matches!(self.lw(s), "the" | "this" | "that")
        {
            let head = self.head_noun(e);
            if self.lx.titles.contains(head) {
                c.short_ref = true;
            }
        }
        self.mark_anonymous(&mut c);
        c
    }

    /// "People familiar with the matter said": the phrase before the verb belongs to the source.
    fn extend_anonymous(&self, np: (usize, usize)) -> (usize, usize) {
        for phrase in &self.lx.anon_phrases {
            // The anonymity phrase may sit just before the noun phrase found ("familiar with [the matter]")
            // or be its end ("on condition of [anonymity]").
            for end in [np.0, np.1] {
                let k = phrase.len();
                if end < k {
                    continue;
                }
                let start = end - k;
                let hit = (0..k).all(|x| self.lw(start + x) == phrase[x]);
                if !hit {
                    continue;
                }
                // Look left for the noun the phrase modifies, skipping "who spoke", "who was".
                let mut b = start;
                for _ in 0..4 {
                    if b == 0 {
                        break;
                    }
                    if let Some(src) = self.left_np(b, 0) {
                        if self.lx.anon_heads.contains(self.head_noun(src.1))
                            || self.known_head(self.head_noun(src.1))
                        {
                            return (src.0, np.1);
                        }
                    }
                    b -= 1;
                }
            }
        }
        np
    }

    fn mark_anonymous(&self, c: &mut Cand) {
        let (s, e) = c.mention;
        let head = self.head_noun(e);
        // A proper name makes the source named; a capital that only opens the sentence ("People familiar
        // with …") or a title ("Senior Official") does not.
        let named = (s..e).any(|i| {
            self.cap_word(i)
                && !self.lx.titles.contains(self.t[i].lower.as_str())
                && !(i == 0 && self.known_head(&self.t[i].lower))
        }) && !self.lx.anon_heads.contains(head);
        if self.lx.anon_heads.contains(head) && c.name_from.is_none() {
            c.anonymous = true;
        }
        let window = (e + 8).min(self.t.len());
        for phrase in &self.lx.anon_phrases {
            for k in s..window {
                if (0..phrase.len()).all(|x| self.lw(k + x) == phrase[x]) {
                    if !named {
                        c.anonymous = true;
                    }
                    if k >= e {
                        break;
                    }
                }
            }
        }
    }

    /// Subject behind a comma before the verb: "Paul Dewar, an Ottawa MP, said", "The firm Secunia.com, has
    /// said". Takes the farthest comma segment that is a bare noun phrase, so appositives and relative clauses
    /// in between become the role.
    fn comma_subject(&self, c0: usize, i: usize, j: usize) -> Option<Cand> {
        let mut commas = vec![c0];
        let mut q = c0;
        let mut floor = 0;
        while q > 0 && c0 - q < 45 {
            q -= 1;
            let u = &self.t[q];
            if u.quoted
                || u.is_quote()
                || u.is_punct(";")
                || u.is_punct(":")
                || u.is_punct("(")
                || u.is_punct(")")
            {
                floor = q + 1;
                break;
            }
            if u.is_punct(",") {
                commas.push(q);
            }
        }
        for k in (0..commas.len()).rev() {
            let ck = commas[k];
            let seg_start = if k + 1 < commas.len() {
                commas[k + 1] + 1
            } else {
                floor
            };
            let Some(np) = self.left_np(ck, seg_start) else {
                continue;
            };
            let lead_ok = (seg_start..np.0)
                .all(|x| matches!(self.lw(x), "and" | "but" | "while" | "as" | "so" | "yet"));
            if !lead_ok || !self.source_like(np) {
                continue;
            }
            if k > 0
                && !(self.has_cap(np)
                    || self.is_pronoun(np.0)
                    || self.known_head(self.head_noun(np.1)))
            {
                continue;
            }
            // Segments in between must not hold a cue verb (that would be another clause).
            // "in remarks to …" and "who said …" are fine: a cue after a preposition or relative pronoun.
            if (ck + 1..c0).any(|x| {
                self.is_verb(x)
                    && self.lx.cues.contains_key(self.t[x].lower.as_str())
                    && !self.has(x, flag::AUX)
                    && x > ck + 1
                    && !self.is_stop(x - 1)
                    && !self.is_det(x - 1)
                    && !self.is_skip(x - 1)
            }) {
                continue;
            }
            let mut c = Cand {
                mention: np,
                cue: (i, j),
                ..Cand::default()
            };
            if k > 0 && ck + 1 < c0 {
                c.role = Some((self.t[ck + 1].start, self.t[c0 - 1].end));
            }
            return Some(c);
        }
        None
    }

    /// Layout cues that are not words: credit lines, dash signatures, a colon after a name, cue nouns.
    fn layouts(&self) -> Vec<Cand> {
        let mut out = Vec::new();
        let n = self.t.len();
        let mut end = n;
        while end > 0
            && self.t[end - 1].kind == Kind::Punct
            && matches!(self.t[end - 1].lower.as_str(), "." | "!" | "?")
        {
            end -= 1;
        }
        for i in 0..n {
            let t = &self.t[i];
            if t.quoted {
                continue;
            }
            // "Image: Nick Moreau." — a credit label, a colon, and a name running to the end.
            if t.is_word()
                && t.cap
                && self.lx.credits.contains(t.lower.as_str())
                && i + 2 < n
                && self.t[i + 1].is_punct(":")
            {
                let s = i + 2;
                if let Some(e) = self.name_to_end(s, end) {
                    out.push(Cand {
                        mention: (s, e),
                        cue: (i, i + 2),
                        ..Cand::default()
                    });
                }
            }
            // "…" — Matthew Ingram: a dash after a closing quote, then a name to the end.
            if t.kind == Kind::Close
                && i + 2 < n
                && matches!(self.t[i + 1].lower.as_str(), "-" | "—" | "–")
            {
                let s = i + 2;
                if let Some(e) = self.name_to_end(s, end) {
                    out.push(Cand {
                        mention: (s, e),
                        cue: (i + 1, i + 2),
                        ..Cand::default()
                    });
                }
            }
            // "Peskov: “…”" — a name opening the sentence, then a colon and a quote.
            if t.is_punct(":") && i > 0 && i + 1 < n && self.t[i + 1].kind == Kind::Open {
                if let Some(np) = self.left_np(i, 0) {
                    let at_start = np.0 == 0;
                    let cap_words = (np.0..np.1).filter(|&x| self.cap_word(x)).count();
                    let credit = self.lx.credits.contains(self.head_noun(np.1));
                    if at_start
                        && !credit
                        && (cap_words >= 2 || (cap_words == 1 && np.1 - np.0 == 1))
                        && np.1 - np.0 <= 6
                    {
                        out.push(Cand {
                            mention: np,
                            cue: (i, i + 1),
                            ..Cand::default()
                        });
                    }
                }
            }
            // "the governor's claim that …", "Peskov's statement: …"
            if t.kind == Kind::Poss && i + 2 < n && self.lx.cue_nouns.contains(self.lw(i + 1)) {
                let k = i + 2;
                let clause =
                    self.lw(k) == "that" || self.t[k].is_punct(":") || self.t[k].kind == Kind::Open;
                if clause {
                    if let Some(np) = self.left_np(i, 0).filter(|&x| self.source_like(x)) {
                        out.push(Cand {
                            mention: np,
                            cue: (i + 1, i + 2),
                            ..Cand::default()
                        });
                    }
                }
            }
        }
        out
    }

    /// A name chunk from `s` to exactly `end` (credit lines, signatures), allowing a trailing ", date".
    fn name_to_end(&self, s: usize, end: usize) -> Option<usize> {
        let mut e = s;
        while e < end {
            let t = &self.t[e];
            let ok = (t.is_word() && (t.cap || self.is_connector(e) || t.lower.contains('.')))
                || matches!(t.lower.as_str(), "/" | "&" | "-" | "." | "(" | ")");
            if !ok {
                break;
            }
            e += 1;
        }
        // "— The Canadian Press, August 15, 2008"
        let first = if self.lw(s) == "the" { s + 1 } else { s };
        if e == s || e - s > 8 || !self.cap_word(first) {
            return None;
        }
        let mut last = e;
        while last > s && !self.t[last - 1].is_word() {
            last -= 1;
        }
        if e == end {
            return Some(last);
        }
        // ", August 15, 2008"
        if self.t[e].is_punct(",")
            && (e + 1..end).all(|x| self.is_time(x) || self.t[x].is_punct(","))
        {
            return Some(last);
        }
        None
    }
}

/// Adds `c` unless it repeats a mention already found; overlapping mentions keep the larger one.
fn push(out: &mut Vec<Cand>, c: Cand) {
    for o in out.iter_mut() {
        let overlap = c.mention.0 < o.mention.1 && o.mention.0 < c.mention.1;
        if overlap {
            if c.mention.1 - c.mention.0 > o.mention.1 - o.mention.0 {
                o.mention = c.mention;
            }
            return;
        }
    }
    out.push(c);
}

/// Words that open an embedded question or clause ("asked how…", "said whether…").
fn is_wh_word(w: &str) -> bool {
    matches!(
        w,
        "how" | "why" | "what" | "whether" | "if" | "when" | "where" | "who" | "which"
    )
}
