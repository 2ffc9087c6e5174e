//! Cues and their sources on the dependency tree of one sentence.
//!
//! A cue is a predicate that introduces content from a source: a verb of the cue lexicon with a complement that
//! carries content (`ccomp`, a reporting clause in `parataxis`, "as X said", a quotation or colon, or the frame
//! its class allows), "according to X", a cue noun with an owner and a clause ("the governor's claim that …"), a
//! colon after a speaker ("Peskov: …") or a credit line ("Photo: …"). Its source is the subject of the cue (the
//! agent of a passive, the antecedent of a relative pronoun, the subject of the verb a conjunct, participle or
//! infinitive depends on), split into conjuncts. Relays ("citing", "which cited", "told Interfax", "seen by
//! Reuters") put an outlet between the source and the publisher.

use super::lexicon::{Frame, Lexicon, VerbCue};
use super::tree::Tree;
use crate::record::CueClass;
use crate::syntax::{Dep, Upos};

/// A word range `[start, end)`.
pub type Range = (usize, usize);

/// A relay found in the sentence.
#[derive(Debug, Clone)]
pub struct RelayFound {
    pub mention: Range,
    /// The relaying words ("citing", "told", "seen by").
    pub cue: Range,
}

/// One attribution in word terms.
#[derive(Debug, Clone)]
pub struct Found {
    pub class: CueClass,
    /// How it was found, for `claimtrail explain`.
    pub construction: String,
    /// The cue words (for "according to", both; for a phrasal verb, verb and particle).
    pub cue: Vec<usize>,
    /// Head word of the source.
    pub source: usize,
    pub mention: Range,
    /// Where to read the name when it is not the mention: an appositive name ("its leader, Dana Voicu"), the
    /// owner of a document ("the ministry's data", "a report by TASS").
    pub name_from: Option<Range>,
    /// An appositive role ("Dana Voicu, its leader, …").
    pub role_from: Option<Range>,
    /// Relays, nearest the source first.
    pub relays: Vec<RelayFound>,
}

/// Finds the attributions of one sentence. `is_outlet` tells whether a name is a registered news outlet (a relay
/// when addressed: "told Interfax").
pub fn find(t: &Tree, lx: &Lexicon, is_outlet: &dyn Fn(&str) -> bool) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    colon_speaker(t, lx, &mut out);
    dash_credit(t, &mut out);
    for i in 0..t.len() {
        if t.quoted[i] {
            continue;
        }
        match t.upos(i) {
            Upos::Verb => verb(t, lx, i, &mut out),
            Upos::Noun | Upos::Propn => noun(t, lx, i, &mut out),
            _ => {}
        }
        according_to(t, lx, i, &mut out);
    }
    for f in &mut out {
        relays(t, lx, f, is_outlet);
    }
    // A cue inside what an outlet reports reaches the publisher through that outlet: "Interfax reported that the
    // minister said …" is the minister via Interfax, one attribution. "According to the Herald, Burrows said …"
    // likewise. Other nested sources ("Key said he believes …") stay separate attributions.
    let outer: Vec<Option<(usize, usize)>> = out
        .iter()
        .map(|f| {
            if f.cue.iter().any(|&c| t.lower[c] == "according") {
                // "According to X, Y said …": the whole sentence is X's report.
                Some((t.len(), f.cue[0]))
            } else {
                content_root(t, f.cue[0])
            }
        })
        .collect();
    let mut absorbed = vec![false; out.len()];
    for o in 0..out.len() {
        let Some((root, verb)) = outer[o] else {
            continue;
        };
        let outlet = is_outlet(t.slice(out[o].mention))
            || out[o].name_from.is_some_and(|r| is_outlet(t.slice(r)))
            || is_outlet(t.slice(t.name_run(out[o].source)));
        if !outlet || !out[o].relays.is_empty() {
            continue;
        }
        for n in 0..out.len() {
            let inside = if root == t.len() {
                n != o && !out[n].cue.contains(&verb)
            } else {
                n != o && out[n].cue[0] != verb && t.dominates(root, out[n].cue[0])
            };
            if inside {
                let relay = RelayFound {
                    mention: out[o].mention,
                    cue: (out[o].cue[0], out[o].cue[out[o].cue.len() - 1] + 1),
                };
                out[n].relays.push(relay);
                out[n].construction.push_str(", inside an outlet's report");
                absorbed[o] = true;
            }
        }
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !absorbed[k - 1]
    });
    // One attribution per source mention: the first construction found wins.
    let mut seen = Vec::new();
    out.retain(|f| {
        if seen.contains(&f.mention) {
            false
        } else {
            seen.push(f.mention);
            true
        }
    });
    out
}

/// The root of the content a cue verb introduces, with the verb: its clausal complement, or, for a reporting
/// clause ("…, she said"), the clause it hangs on.
fn content_root(t: &Tree, v: usize) -> Option<(usize, usize)> {
    if let Some(c) = t
        .kids(v)
        .find(|&k| t.is(k, Dep::Ccomp) || t.is_sub(k, Dep::Csubj, "pass"))
    {
        return Some((c, v));
    }
    if t.is(v, Dep::Parataxis) {
        return t.head(v).map(|h| (h, v));
    }
    None
}

/// What carries the content of a verb cue at `i`, if anything (for the construction label).
fn clause(t: &Tree, i: usize) -> Option<&'static str> {
    if t.kids(i)
        .any(|k| t.is(k, Dep::Ccomp) || t.is_sub(k, Dep::Csubj, "pass"))
    {
        return Some("clausal complement");
    }
    if t.kids(i).any(|k| k > i && misattached_clause(t, k)) {
        return Some("clausal complement (misattached)");
    }
    // "told the court that the eczema played …": a parse that reads the that-clause as a relative clause on the
    // object. A relative "that" is the clause's subject or object; here "that" is a mark and the clause has a
    // subject of its own, so it is the verb's complement.
    if t.kids(i).any(|o| {
        o > i
            && t.is(o, Dep::Obj)
            && t.kids(o).any(|k| {
                k > o
                    && t.is(k, Dep::Acl)
                    && t.has_word(k, Dep::Mark, "that")
                    && t.kids(k)
                        .any(|c| t.is(c, Dep::Nsubj) && t.lower[c] != "that")
            })
    }) {
        return Some("clausal complement (misattached to the object)");
    }
    // "Reuters reported, citing two officials, that …": a parse that hangs the that-clause on the participle.
    if t.kids(i).any(|c| {
        c > i
            && is_citing(t, c)
            && t.kids(c).any(|k| {
                k > c
                    && matches!(t.dep(k).0, Dep::Advcl | Dep::Ccomp)
                    && t.has_word(k, Dep::Mark, "that")
            })
    }) {
        return Some("clausal complement (after the cited party)");
    }
    // "…, which attacked the defectors": a relative clause describes its antecedent; it does not report the
    // clause before it, as "…, Interfax reported" does.
    let relative = t
        .kids(i)
        .any(|k| t.is(k, Dep::Nsubj) && matches!(t.lower[k].as_str(), "which" | "who" | "that"));
    if t.is(i, Dep::Parataxis) && t.head(i).is_some() && !relative {
        return Some("reporting clause");
    }
    if t.kids(i).any(|k| t.is(k, Dep::Parataxis)) && quote_or_colon_after(t, i) {
        return Some("quotation");
    }
    if t.is(i, Dep::Advcl) && t.has_word(i, Dep::Mark, "as") && t.head(i).is_some() {
        return Some("as-clause");
    }
    if quote_or_colon_after(t, i) {
        return Some("quotation");
    }
    if trailing_clause(t, i) && !relative {
        return Some("reporting clause");
    }
    None
}

/// A clause after the verb that the parse attached as something else: a verb with its own subject or
/// auxiliary under `xcomp`, `advcl`, `obj` or `dep` with no adverbial subordinator ("has revealed [many are not
/// getting enough]"), or a bare "that" taken for the object.
fn misattached_clause(t: &Tree, k: usize) -> bool {
    let (d, _) = t.dep(k);
    if d == Dep::Obj && t.lower[k] == "that" && t.upos(k) == Upos::Sconj {
        return true;
    }
    if !matches!(d, Dep::Advcl | Dep::Xcomp | Dep::Obj | Dep::Dep)
        || !matches!(t.upos(k), Upos::Verb | Upos::Aux)
    {
        return false;
    }
    let adverbial = t
        .kids(k)
        .any(|c| t.is(c, Dep::Mark) && !matches!(t.lower[c].as_str(), "that" | "whether"));
    let own_subject = t.kids(k).any(|c| t.is(c, Dep::Nsubj) || t.is(c, Dep::Aux));
    !adverbial && own_subject && t.lower[k] != "to"
}

/// "…, Interfax reported." and "“…,” Wilkins said on Tuesday.": a subject and verb set off by a comma or a
/// closing quotation mark after the content, with nothing after the verb but adverbials and the final
/// punctuation. Recognised by layout as well as by the tree, because a long quotation often leads the parser to
/// hang the verb somewhere inside it.
fn trailing_clause(t: &Tree, v: usize) -> bool {
    let Some(s) = t
        .kids(v)
        .filter(|&c| t.is(c, Dep::Nsubj))
        .min_by_key(|&c| c.abs_diff(v))
    else {
        return false;
    };
    if s > v {
        return false;
    }
    let (start, _) = t.np(s);
    if start == 0 || !(t.is_comma(start - 1) || is_close_quote(t.form(start - 1))) {
        return false;
    }
    // Before the comma: the content, a clause ("In her opening remarks, Waters pointed out …" has none).
    if !(0..start).any(|k| matches!(t.upos(k), Upos::Verb | Upos::Aux)) {
        return false;
    }
    // After the verb: only adverbials ("on Tuesday", "in a statement", "told reporters") and punctuation, no new
    // clause, and no object but the audience of "tell".
    if t.lemma[v] != "tell" && t.kids(v).any(|k| k > v && t.is(k, Dep::Obj)) {
        return false;
    }
    !t.kids(v).any(|k| {
        k > v
            && matches!(
                t.dep(k).0,
                Dep::Ccomp | Dep::Xcomp | Dep::Conj | Dep::Parataxis
            )
            && !is_citing(t, k)
            // "…, a diplomat said, asking not to be named."
            && !(t.is(k, Dep::Conj) && t.lower[k].ends_with("ing") && t.upos(k) == Upos::Verb)
    }) && (v + 1..t.len()).all(|k| {
        let in_participle = t
            .kids(v)
            .any(|p| p > v && t.lower[p].ends_with("ing") && t.dominates(p, k));
        in_participle
            || !matches!(t.upos(k), Upos::Verb | Upos::Aux)
            || t.dominates(v, k) && !t.lower[k].ends_with("ed")
            || t.upos(k) == Upos::Verb && t.lower[k].ends_with("ing")
    })
}

/// "The ambassador left Moscow, state news agency Agerpres reported.": a reporting verb that ends the sentence
/// after a comma and a bare noun phrase, when the parse found it no subject (it took the phrase for an object of
/// the clause before). Returns the phrase.
fn trailing_by_layout(t: &Tree, v: usize, class: CueClass) -> Option<(usize, usize)> {
    if !matches!(class, CueClass::Speech | CueClass::Reporting) || t.quoted[v] {
        return None;
    }
    if !(v + 1..t.len()).all(|k| t.is_punct(k) && !t.is_comma(k)) {
        return None;
    }
    let start = (0..v).rev().take(9).find(|&k| {
        !matches!(
            t.upos(k),
            Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num
        )
    })?;
    let run = (start + 1, v);
    let clause_before = (0..start).any(|k| matches!(t.upos(k), Upos::Verb | Upos::Aux));
    (t.is_comma(start) && run.0 < run.1 && t.is_noun(v - 1) && clause_before).then_some(run)
}

/// A colon or an opening quotation mark right after the verb (adverbs, objects and time phrases may stand
/// between: "said on Tuesday: …", "told reporters: …").
fn quote_or_colon_after(t: &Tree, i: usize) -> bool {
    for k in i + 1..t.len().min(i + 6) {
        let f = t.form(k);
        if f == ":" || is_open_quote(f) {
            return true;
        }
        if t.is_punct(k) && f != "," {
            return false;
        }
        // A plain object between the verb and the quotation makes the quotation part of the object ("supported
        // the idea \"for months\""), except the audience of "tell" ("told reporters: …").
        if (t.head(k) == Some(i) && t.is(k, Dep::Obj) && t.lemma[i] != "tell")
            || t.upos(k) == Upos::Verb
        {
            return false;
        }
    }
    false
}

/// "state news agency Agerpres", "the local broadcaster": a phrase an outlet noun describes.
fn described_outlet(t: &Tree, lx: &Lexicon, (s, e): Range) -> bool {
    (s..e).any(|k| lx.outlets.contains(&t.lower[k]) && t.is_noun(k))
}

/// "citing …", "quoting …": the participle that names whom an outlet relays.
fn is_citing(t: &Tree, k: usize) -> bool {
    matches!(t.lower[k].as_str(), "citing" | "quoting")
}

/// The construction of [`dash_credit`]: its source is a publication, so secondary even when unregistered.
pub const DASH_CREDIT: &str = "credit after a dash";

/// A quoted headline credited after a dash, as in lists of sources: "“Document found on street” — The
/// Canadian Press, August 15, 2008". The name runs from the dash to the first comma.
fn dash_credit(t: &Tree, out: &mut Vec<Found>) {
    if t.len() < 4 || !is_open_quote(t.form(0)) {
        return;
    }
    let Some(q) = (1..t.len() - 2).find(|&k| !t.quoted[k] && is_close_quote(t.form(k))) else {
        return;
    };
    if !is_dash(t.form(q + 1)) {
        return;
    }
    let start = q + 2;
    let end = (start..t.len()).find(|&k| t.is_punct(k)).unwrap_or(t.len());
    let Some(head) = (start..end).rev().find(|&k| t.is_name(k) || t.is_noun(k)) else {
        return;
    };
    out.push(Found {
        class: CueClass::Reporting,
        construction: DASH_CREDIT.into(),
        cue: vec![q + 1],
        source: head,
        mention: (start, end),
        name_from: None,
        role_from: None,
        relays: Vec::new(),
    });
}

/// A closing quotation mark (a straight quote counts as either).
pub fn is_close_quote(f: &str) -> bool {
    matches!(f, "\u{201d}" | "\"" | "\u{bb}" | "\u{2019}")
}

/// A dash set off between words: em dash, en dash or a hyphen standing alone.
pub fn is_dash(f: &str) -> bool {
    matches!(f, "\u{2014}" | "\u{2013}" | "-" | "--")
}

fn is_open_quote(f: &str) -> bool {
    matches!(f, "\u{201c}" | "\"" | "\u{ab}" | "\u{2018}" | "\u{201e}")
}

/// A passive verb: with a passive auxiliary or subject, or a past participle that modifies a noun ("a plan
/// backed by the unions"), whose noun is what the verb is done to, never its speaker. A participle with an object
/// or a clause of its own ("A spokeswoman for the ministry told the agency that …"), or one on a noun the parse
/// made the root ("Unions called on the government to …"), is an active verb the parse hung on the noun before it.
fn is_passive(t: &Tree, i: usize) -> bool {
    t.kids(i)
        .any(|k| t.is_sub(k, Dep::Aux, "pass") || t.is_sub(k, Dep::Nsubj, "pass"))
        || (t.dep(i) == (Dep::Acl, "")
            && t.xpos(i) == "VBN"
            && t.head(i).is_some_and(|h| t.head(h).is_some())
            && !t
                .kids(i)
                .any(|k| matches!(t.dep(k).0, Dep::Obj | Dep::Iobj | Dep::Ccomp)))
}

/// The agent of a passive verb. A parse may hang "by the rail operator" on an active verb below the cue ("was
/// accused of lying by the rail operator"); an active verb has no agent of its own, so the phrase is the cue's.
/// Under a passive one ("was accused of being paid by the Kremlin") it belongs to that verb.
fn passive_agent(t: &Tree, i: usize) -> Option<usize> {
    let agent_of = |v: usize| {
        t.kids(v).find(|&k| {
            t.is_sub(k, Dep::Obl, "agent")
                || t.is(k, Dep::Obl) && t.kids(k).any(|c| t.is(c, Dep::Case) && t.lower[c] == "by")
        })
    };
    if let Some(a) = t.kids(i).find(|&k| t.is_sub(k, Dep::Obl, "agent")) {
        return Some(a);
    }
    t.kids(i)
        .filter(|&k| k > i && matches!(t.dep(k).0, Dep::Advcl | Dep::Xcomp) && !is_passive(t, k))
        .filter(|&k| t.upos(k) == Upos::Verb && !t.lower[k].ends_with("ed"))
        .find_map(agent_of)
        .filter(|&a| t.is_noun(a))
}

fn has_particle(t: &Tree, i: usize, p: &str) -> bool {
    t.kids(i).any(|k| {
        (t.is(k, Dep::Compound) && t.lower[k] == p)
            || (matches!(t.dep(k).0, Dep::Obl | Dep::Obj | Dep::Xcomp)
                && t.kids(k).any(|c| t.is(c, Dep::Case) && t.lower[c] == p))
            || (t.is(k, Dep::Advmod) && t.lower[k] == p)
    }) || (i + 1 < t.len() && t.lower[i + 1] == p)
}

/// The subject of a clause headed by `i`, following conjuncts, participles and infinitives up to the verb that
/// has one. Returns the subject word and the kind of link that led to it.
fn subject(t: &Tree, i: usize) -> Option<(usize, &'static str)> {
    let mut k = i;
    let mut how = "subject";
    for _ in 0..8 {
        // A misparse may give a verb two subjects ("New Zealand's Prime Minister John Key said"): the nearest one
        // is the verb's own.
        let nearest = t
            .kids(k)
            .filter(|&c| t.is(c, Dep::Nsubj) && !t.is_sub(c, Dep::Nsubj, "pass"))
            .min_by_key(|&c| c.abs_diff(k));
        if let Some(s) = nearest {
            // "the ambassador, who said …": the relative pronoun stands for the noun the clause modifies.
            if matches!(t.lower[s].as_str(), "who" | "which" | "that")
                && t.is_sub(k, Dep::Acl, "relcl")
            {
                return t.head(k).map(|h| (h, "antecedent of a relative clause"));
            }
            // ", said Mauer," inside a sentence: the name after the verb is the sayer, not the clause's subject
            // before the comma.
            if s < k
                && k == i
                && (s..k).any(|c| t.is_comma(c))
                && let Some(after) = inverted(t, k)
            {
                return Some((after, "subject after the verb"));
            }
            return Some((s, how));
        }
        if k == i {
            if let Some(after) = inverted(t, k) {
                return Some((after, "subject after the verb"));
            }
            // "The Marsk Courier, citing hospital staff, said": a parse that hangs the subject on the participle.
            if let Some(s) = t
                .kids(k)
                .filter(|&c| c < k && matches!(t.dep(c).0, Dep::Advcl | Dep::Xcomp))
                .find_map(|c| t.kids(c).find(|&x| x < c && t.is(x, Dep::Nsubj)))
            {
                return Some((s, "subject of a preceding participle"));
            }
            // "A spokeswoman for the ministry told …": a parse that makes the verb modify the subject noun.
            if t.is(k, Dep::Acl)
                && !t.is_sub(k, Dep::Acl, "relcl")
                && !t.lower[k].ends_with("ing")
                && let Some(h) = t.head(k).filter(|&h| h < k && t.is_noun(h))
            {
                return Some((h, "noun the verb was attached to"));
            }
        }
        let h = t.head(k)?;
        match t.dep(k).0 {
            Dep::Conj => how = "subject of the first conjunct",
            Dep::Xcomp => how = "subject of the governing verb",
            Dep::Advcl if t.lower[k].ends_with("ing") => {
                how = "subject of the main clause (participle)"
            }
            _ => return None,
        }
        k = h;
    }
    None
}

/// The sayer named right after a reporting verb: "…,” said Peskov", ", added KCNA.".
fn inverted(t: &Tree, v: usize) -> Option<usize> {
    let next = (v + 1..t.len().min(v + 3)).find(|&k| !t.is(k, Dep::Advmod))?;
    // The verb follows its content: a reporting clause, or a verb right after a comma or closing quote.
    let reporting = t.is(v, Dep::Parataxis)
        || (v > 0 && (t.is_comma(v - 1) || matches!(t.form(v - 1), "\u{201d}" | "\"" | "\u{bb}")));
    let noun = t.is_noun(next) && t.upos(next) != Upos::Pron
        || t.upos(next) == Upos::Pron && matches!(t.lower[next].as_str(), "he" | "she" | "they");
    // The phrase must end the sentence or a parenthetical: ", said Mauer," / "said KCNA." — not start a clause.
    let ends = (next + 1..t.len().min(next + 7)).find(|&k| {
        !t.is_noun(k)
            && !matches!(t.upos(k), Upos::Det | Upos::Adj | Upos::Propn)
            && t.form(k) != "'s"
    });
    let ends = ends.is_some_and(|k| {
        t.is_punct(k)
            && matches!(
                t.form(k),
                "," | "." | ";" | ":" | "\u{201c}" | "\"" | "!" | "?"
            )
    }) || ends.is_none() && t.len() <= next + 7;
    (reporting && noun && ends && !t.quoted[next]).then(|| {
        // The head of the phrase that starts there.
        let mut h = next;
        while let Some(p) = t.head(h) {
            if p > v && p < t.len() && t.is_noun(p) && p <= next + 4 {
                h = p;
            } else {
                break;
            }
        }
        h
    })
}

fn push(
    out: &mut Vec<Found>,
    t: &Tree,
    class: CueClass,
    construction: String,
    cue: Vec<usize>,
    src: usize,
) {
    // A subject inside a quotation is part of the quoted words, and "it" before a clause is a placeholder
    // ("it became known that …").
    if t.quoted[src] || t.lower[src] == "it" && t.kids(cue[0]).any(|k| t.is(k, Dep::Ccomp)) {
        return;
    }
    // A relative pronoun the parse left without its antecedent names nobody.
    let mut src = src;
    if t.upos(src) == Upos::Pron && matches!(t.form(src), "which" | "who" | "that" | "whom") {
        // "Devocht, who had told Montalvo …": the noun before the comma.
        match (src >= 2 && t.is_comma(src - 1) && t.is_noun(src - 2)).then_some(src - 2) {
            Some(n) => src = n,
            None => return,
        }
    }
    // The subject's siblings: a parse may give the verb two subjects for one phrase ("Sources familiar with the
    // matter said", with "Sources" taken for a verb) or for two conjoined ones ("The mayor and the police chief
    // said", with no `conj`).
    let siblings: Vec<usize> = match t.head(src) {
        Some(h) if t.is(src, Dep::Nsubj) => t
            .kids(h)
            .filter(|&k| k < src && t.is(k, Dep::Nsubj) && !t.quoted[k])
            .collect(),
        _ => Vec::new(),
    };
    // "People familiar with the matter said": a parse that heads the subject by its adjective.
    let mut widen = None;
    if matches!(t.upos(src), Upos::Adj | Upos::Verb) {
        let own = t
            .kids(src)
            .find(|&k| k < src && t.is(k, Dep::Nsubj) && t.is_noun(k));
        let adjacent = siblings.iter().copied().find(|&k| {
            t.upos(src) == Upos::Adj && t.np(k).1 == t.np(src).0 && t.np(k).0 + 1 == t.np(k).1
        });
        if let Some(c) = own.or(adjacent) {
            widen = Some(t.np(src).1);
            src = c;
        }
    }
    // Conjoined sources become separate attributions: "Peskov and Lavrov said".
    let mut heads = vec![src];
    // A conjunct needs a conjunction or a comma before it: a parse that joins two pieces of one phrase
    // ("Russia's state-run RIA Novosti news agency", cut at the hyphen) has neither, and the phrase is one
    // source.
    for k in t.kids(src).filter(|&k| t.is(k, Dep::Conj) && t.is_noun(k)) {
        let (before, end) = t.np(k);
        let joined = t.kids(k).any(|c| t.is(c, Dep::Cc))
            || (before > 0 && (t.is_comma(before - 1) || t.upos(before - 1) == Upos::Cconj));
        // "Professor Cres Eastman, Director of …, and Chairman of …, says": a second title of the named person
        // (a title word, capitalised or not, with no determiner and no name of its own), not a second source.
        let second_title = t.is_name(src)
            && super::lexicon::LEXICON.titles.contains(&t.lower[k])
            && t.name_run(k) == (k, k + 1)
            && !t.kids(k).any(|c| t.is(c, Dep::Det));
        if second_title {
            continue;
        }
        if joined {
            heads.push(k);
        } else if before == t.np(src).1 {
            widen = Some(widen.map_or(end, |w: usize| w.max(end)));
        }
    }
    if widen.is_none() {
        // "A, B and C said": a chain of commas back from an "and" right before the last subject.
        let mut next = t.np(src).0;
        for &k in siblings.iter().rev() {
            let (start, end) = t.np(k);
            let gap = end..next;
            let joined = t.is_noun(k)
                && end < next
                && gap
                    .clone()
                    .all(|j| t.is_comma(j) || t.upos(j) == Upos::Cconj)
                && (heads.len() > 1 || gap.clone().any(|j| t.upos(j) == Upos::Cconj));
            if !joined {
                break;
            }
            heads.push(k);
            next = start;
        }
    }
    for h in heads {
        let (mut name_from, mut role_from) = name_parts(t, h);
        let mut mention = t.np(h);
        if name_from.is_none()
            && let Some(run) = name_before_role(t, h)
        {
            name_from = Some(run);
            role_from = Some(mention);
            mention.0 = run.0;
        }
        if h == src
            && let Some(e) = widen
        {
            mention.1 = mention.1.max(e);
        }
        // The mention never runs into its own cue ("Unions called on …" parsed with the verb under the noun).
        if (mention.0..mention.1).contains(&cue[0]) && cue[0] > h {
            mention.1 = cue[0];
            while mention.1 > h + 1
                && (t.is_punct(mention.1 - 1) || t.upos(mention.1 - 1) == Upos::Cconj)
            {
                mention.1 -= 1;
            }
        }
        out.push(Found {
            class,
            construction: construction.clone(),
            cue: cue.clone(),
            source: h,
            mention,
            name_from,
            role_from,
            relays: Vec::new(),
        });
    }
}

/// "Hernan Dario Gomez, Panama coach, said": a role as the subject with the name before it, set off by commas,
/// which a parse may hang elsewhere. The name's words, when the role is a title or a person noun and the name
/// starts the sentence or follows punctuation.
fn name_before_role(t: &Tree, h: usize) -> Option<Range> {
    let lx = &*super::lexicon::LEXICON;
    let (start, _) = t.np(h);
    if t.is_name(h)
        || !(lx.titles.contains(&t.lower[h]) || lx.persons.contains(&t.lower[h]))
        || start < 2
        || !t.is_comma(start - 1)
        || !t.is_name(start - 2)
    {
        return None;
    }
    let mut s = start - 2;
    while s > 0 && t.is_name(s - 1) {
        s -= 1;
    }
    (s == 0 || t.is_punct(s - 1)).then_some((s, start - 1))
}

/// An appositive that names or describes the source, and the owner of a document source.
fn name_parts(t: &Tree, h: usize) -> (Option<Range>, Option<Range>) {
    let lx = &*super::lexicon::LEXICON;
    if let Some(a) = t.kid(h, Dep::Appos) {
        let appos = t.np(a);
        if !t.is_name(h) && t.is_name(a) {
            return (Some(t.name_run(a)), None);
        }
        // "Dana Voicu, its leader," and "Paul Dewar, an Ottawa New Democrat MP,": a description, not a name.
        let described = !t.is_name(a)
            || matches!(t.upos(appos.0), Upos::Det | Upos::Pron)
            || lx.titles.contains(&t.lower[a])
            || lx.persons.contains(&t.lower[a]);
        if t.is_name(h) && described {
            let mut r = appos;
            while r.0 + 1 < r.1 && matches!(t.lower[r.0].as_str(), "the" | "a" | "an") {
                r.0 += 1;
            }
            return (None, Some(r));
        }
    }
    // "the ministry's data", "a poll by the Halvorsen Institute", "a statement from the ministry".
    if t.upos(h) == Upos::Noun
        && (lx.documents.contains(&t.lower[h]) || lx.nouns.contains_key(&t.lower[h]))
    {
        if let Some(p) = t
            .kids(h)
            .find(|&k| t.is_sub(k, Dep::Nmod, "poss") && t.upos(k) != Upos::Pron)
        {
            return (Some(t.np(p)), None);
        }
        if let Some(p) = t.kids(h).find(|&k| {
            k > h
                && t.is(k, Dep::Nmod)
                && t.kids(k)
                    .any(|c| t.is(c, Dep::Case) && matches!(t.lower[c].as_str(), "by" | "from"))
        }) {
            return (Some(t.np(p)), None);
        }
    }
    (None, None)
}

/// Does `cue`'s frame admit verb `i`? Returns the construction label when it does.
fn frame(t: &Tree, lx: &Lexicon, i: usize, cue: &VerbCue, subj: Option<usize>) -> Option<String> {
    if let Some(p) = &cue.particle
        && !has_particle(t, i, p)
    {
        return None;
    }
    let doc_subject = subj.is_some_and(|s| lx.documents.contains(&t.lower[s]));
    let obj = t.kid(i, Dep::Obj);
    let xcomp = t.kid(i, Dep::Xcomp);
    let agent = passive_agent(t, i);
    let clause = clause(t, i);
    let with = |what: &str| Some(format!("{what} of \"{}\"", cue.lemma));
    if let Some(c) = clause {
        // A document "says" as evidence, not speech: leave that to the evidential entry.
        if cue.class == CueClass::Speech
            && doc_subject
            && lx
                .verb_cues(&t.lower[i], &t.lemma[i])
                .any(|c| c.class == CueClass::Evidential)
        {
            return None;
        }
        if cue.class == CueClass::Evidential
            && !doc_subject
            && lx
                .verb_cues(&t.lower[i], &t.lemma[i])
                .any(|c| c.class != CueClass::Evidential)
        {
            return None;
        }
        return with(c);
    }
    // "blasted the operator for cutting budgets", "dismissed the report as propaganda": a judgement with its
    // reason.
    let judged = obj.is_some()
        && t.kids(i).any(|k| {
            matches!(t.dep(k).0, Dep::Obl | Dep::Advcl)
                && t.kids(k).any(|c| {
                    matches!(t.dep(c).0, Dep::Case | Dep::Mark)
                        && matches!(t.lower[c].as_str(), "for" | "as" | "over")
                })
        });
    // "denied the allegations", "rejected the claim": a verb of speech or judgement whose object is itself a claim.
    let claim_object = obj.is_some_and(|o| {
        lx.nouns.contains_key(&t.lower[o])
            || matches!(t.lemma[o].as_str(), "report" | "rumour" | "rumor")
    });
    if claim_object && matches!(cue.class, CueClass::Speech | CueClass::Evaluative) {
        return with("claim as object");
    }
    match (cue.class, cue.frame) {
        (CueClass::Evaluative, Frame::Clause) if judged => with("target and reason"),
        (_, Frame::Clause) => None,
        (_, Frame::Agent) => agent.and_then(|_| with("passive agent")),
        (_, Frame::Infinitive) => xcomp.and_then(|_| with("to-infinitive")),
        (_, Frame::ObjectInfinitive) => xcomp
            .filter(|&x| obj.is_some() || t.kid(x, Dep::Nsubj).is_some())
            .and_then(|_| with("object and to-infinitive")),
        (CueClass::Directive, _) => {
            // "urged both sides to wait": the infinitive may hang on the object in the parse.
            let on_object = obj.is_some_and(|o| {
                t.kids(o).any(|k| {
                    matches!(t.dep(k).0, Dep::Acl | Dep::Xcomp) && t.has_word(k, Dep::Mark, "to")
                })
            });
            if xcomp.is_some() || on_object {
                with("to-infinitive")
            } else if cue.particle.is_some() {
                with("object")
            } else {
                None
            }
        }
        (CueClass::Evaluative, _) => {
            if agent.is_some() {
                with("passive agent")
            } else if obj.is_some()
                || t.kids(i).any(|k| {
                    t.is(k, Dep::Obl)
                        && t.kids(k).any(|c| {
                            t.is(c, Dep::Case) && matches!(t.lower[c].as_str(), "of" | "for")
                        })
                })
            {
                with("target")
            } else {
                None
            }
        }
        (CueClass::Evidential, _) if doc_subject && obj.is_some() => {
            with("object of a document subject")
        }
        (CueClass::Speech | CueClass::Reporting, _) => {
            // "declined to comment", "refused to say": the refusal is the source's position.
            if t.is(i, Dep::Xcomp)
                && t.head(i)
                    .is_some_and(|h| matches!(t.lemma[h].as_str(), "decline" | "refuse"))
            {
                with("refusal")
            } else {
                None
            }
        }
        _ => None,
    }
}

fn verb(t: &Tree, lx: &Lexicon, i: usize, out: &mut Vec<Found>) {
    // "as she put it".
    if t.lemma[i] == "put" && t.has_word(i, Dep::Mark, "as") && t.has_word(i, Dep::Obj, "it") {
        if let Some((s, _)) = subject(t, i) {
            push(
                out,
                t,
                CueClass::Speech,
                "\"as X put it\"".into(),
                vec![i],
                s,
            );
        }
        return;
    }
    // "who asked not to be named", "requested anonymity to speak": the terms of anonymity, not a statement.
    if t.kids(i).any(|k| {
        t.is(k, Dep::Xcomp) && matches!(t.lemma[k].as_str(), "name" | "identify" | "quote")
    }) {
        return;
    }
    let passive = is_passive(t, i);
    let subj = if passive { None } else { subject(t, i) };

    for cue in lx.verb_cues(&t.lower[i], &t.lemma[i]) {
        // The parse may find no subject, or one inside the phrase, for a verb that ends the sentence after a
        // comma and a bare noun phrase.
        let layout_run = (!passive)
            .then(|| trailing_by_layout(t, i, cue.class))
            .flatten()
            .filter(|r| subj.is_none_or(|(s, _)| (r.0..r.1).contains(&s)));
        let layout = layout_run.map(|_| "reporting clause".to_string());
        let Some(construction) = frame(t, lx, i, cue, subj.map(|s| s.0)).or(layout) else {
            continue;
        };
        let mut cue_words = vec![i];
        if let Some(p) = &cue.particle
            && let Some(k) = (i + 1..t.len().min(i + 4)).find(|&k| t.lower[k] == *p)
        {
            cue_words.push(k);
        }
        if passive {
            // The agent of a passive cue is its source: "was accused … by the rail operator".
            if let Some(a) = passive_agent(t, i) {
                push(
                    out,
                    t,
                    cue.class,
                    format!("{construction}, agent of the passive"),
                    cue_words,
                    a,
                );
            }
            return;
        }
        if (frame(t, lx, i, cue, subj.map(|s| s.0)).is_none() || subj.is_none())
            && let Some(run) = layout_run
        {
            out.push(Found {
                class: cue.class,
                construction: format!("{construction}, subject by layout"),
                cue: cue_words,
                source: run.1 - 1,
                mention: run,
                name_from: None,
                role_from: None,
                relays: Vec::new(),
            });
            return;
        }
        if let Some((s, how)) = subj {
            push(
                out,
                t,
                cue.class,
                format!(
                    "{how} of \"{}\" ({construction}; {})",
                    t.form(i),
                    cue.class.as_str()
                ),
                cue_words,
                s,
            );
        }
        return;
    }
}

/// A cue noun with an owner and a clause: "the governor's claim that …", "a statement from the ministry that …".
fn noun(t: &Tree, lx: &Lexicon, i: usize, out: &mut Vec<Found>) {
    let Some(&class) = lx.nouns.get(&t.lower[i]) else {
        return;
    };
    let has_clause = t.kids(i).any(|k| {
        (t.is(k, Dep::Acl) && !t.is_sub(k, Dep::Acl, "relcl") && t.has_word(k, Dep::Mark, "that"))
            || t.is(k, Dep::Ccomp)
    }) || (i + 1 < t.len() && t.form(i + 1) == ":");
    if !has_clause {
        return;
    }
    if let Some(p) = t.kids(i).find(|&k| t.is_sub(k, Dep::Nmod, "poss")) {
        push(
            out,
            t,
            class,
            format!("owner of \"{}\" with a clause", t.form(i)),
            vec![i],
            p,
        );
    } else if let Some(p) = t.kids(i).find(|&k| {
        k > i
            && t.is(k, Dep::Nmod)
            && t.kids(k)
                .any(|c| t.is(c, Dep::Case) && matches!(t.lower[c].as_str(), "by" | "from"))
    }) {
        push(
            out,
            t,
            class,
            format!("\"{}\" by or from its source, with a clause", t.form(i)),
            vec![i],
            p,
        );
    }
}

/// "according to X" (and "in the words of X").
fn according_to(t: &Tree, lx: &Lexicon, i: usize, out: &mut Vec<Found>) {
    if t.lower[i] != "according" || t.quoted[i] {
        return;
    }
    let to = (i + 1 < t.len() && t.lower[i + 1] == "to").then_some(i + 1);
    // UD attaches "according" as `case` of the source, with "to" as `fixed`; a parse that makes "according" a
    // verb puts the source under it.
    let src = if t.is(i, Dep::Case) {
        t.head(i)
    } else {
        t.kids(i).find(|&k| t.is_noun(k) && k > i)
    }
    .or_else(|| {
        to.and_then(|k| {
            (k + 1..t.len().min(k + 8))
                .find(|&j| t.is_noun(j) && t.head(j).is_none_or(|h| h < k || h > j))
        })
    });
    let Some(mut s) = src else {
        return;
    };
    // "according to the coach, Alireza Mehraban": the appositive is the name; "according to reports": no source.
    if t.lower[s] == "reports"
        || t.lower[s] == "report"
            && t.kids(s).all(|k| t.is(k, Dep::Det) || t.is(k, Dep::Amod))
            && !t.kids(s).any(|k| t.is(k, Dep::Nmod))
    {
        return;
    }
    if let Some(h) = t.head(s)
        && t.is(s, Dep::Compound)
        && t.is_noun(h)
    {
        s = h;
    }
    let class = if lx.documents.contains(&t.lower[s]) {
        CueClass::Evidential
    } else {
        CueClass::Speech
    };
    let mut cue = vec![i];
    cue.extend(to);
    push(out, t, class, "object of \"according to\"".into(), cue, s);
}

/// "Peskov: 'We …'" at the start of a sentence or headline, and credit lines ("Photo: Jan Moreau/AFP").
fn colon_speaker(t: &Tree, lx: &Lexicon, out: &mut Vec<Found>) {
    // A capitalised credit label may close a caption glued to the sentence before it: "… in Washington D.C.
    // Image: United States Navy."
    let credit = (1..t.len().saturating_sub(1)).find(|&k| {
        t.form(k) == ":"
            && lx.credits.contains(&t.lower[k - 1])
            && (k == 1 || t.form(k - 1).starts_with(|ch: char| ch.is_uppercase()))
    });
    let Some(c) = credit.or_else(|| (1..t.len().min(8)).find(|&k| t.form(k) == ":")) else {
        return;
    };
    if c + 1 >= t.len() || t.quoted[0] {
        return;
    }
    // "Image: Nick Moreau.", "Playstation VR demo Image: Nick Moreau.".
    if lx.credits.contains(&t.lower[c - 1]) {
        // Credit: every name after the colon, split at "/" and "and".
        let mut k = c + 1;
        while k < t.len() {
            if t.is_noun(k) && !t.is_punct(k) {
                let mut e = k;
                while e < t.len()
                    && !matches!(t.form(e), "/" | "," | "." | ";")
                    && t.lower[e] != "and"
                {
                    e += 1;
                }
                if e > k {
                    let head = (k..e).rev().find(|&j| t.is_noun(j)).unwrap_or(k);
                    out.push(Found {
                        class: CueClass::Speech,
                        construction: "credit line".into(),
                        cue: vec![c - 1, c],
                        source: head,
                        mention: (k, e),
                        name_from: None,
                        role_from: None,
                        relays: Vec::new(),
                    });
                }
                k = e + 1;
            } else {
                k += 1;
            }
        }
        return;
    }
    // The words before the colon must be a name or a person noun phrase, nothing else.
    let speaker = (0..c).all(|k| {
        matches!(
            t.upos(k),
            Upos::Propn | Upos::Noun | Upos::Det | Upos::Adj | Upos::Punct
        ) && t.form(k) != ","
    });
    let named = (0..c).any(|k| t.is_name(k) || lx.is_person(&t.lower[k]));
    if !speaker || !named || lx.credits.contains(&t.lower[0]) {
        return;
    }
    let head = (0..c).rev().find(|&k| t.is_noun(k)).unwrap_or(c - 1);
    let (name_from, role_from) = (None, None);
    out.push(Found {
        class: CueClass::Speech,
        construction: "speaker before a colon".into(),
        cue: vec![c],
        source: head,
        mention: (0, c),
        name_from,
        role_from,
        relays: Vec::new(),
    });
}

/// Relays: "X, citing Y", "X reported, citing Y", "according to X, which cited Y" make Y the source and X the
/// relay; "told Interfax" and "in an interview with Reuters" add the outlet; "documents seen by Reuters" add the
/// outlet that saw them.
fn relays(t: &Tree, lx: &Lexicon, f: &mut Found, is_outlet: &dyn Fn(&str) -> bool) {
    let verb = f.cue[0];
    let s = f.source;
    // X, citing Y / X reported, citing Y / X, which cited Y.
    let which_cited = {
        let e = f.mention.1;
        (e + 1 < t.len() && t.is_comma(e) && matches!(t.lower[e + 1].as_str(), "which" | "who"))
            .then(|| t.head(e + 1))
            .flatten()
            .filter(|&c| matches!(t.lemma[c].as_str(), "cite" | "quote"))
    };
    let citing = t
        .kids(s)
        .chain(t.kids(verb))
        .find(|&k| {
            is_citing(t, k)
                || (t.is_sub(k, Dep::Acl, "relcl")
                    && matches!(t.lemma[k].as_str(), "cite" | "quote"))
        })
        .or(which_cited);
    if let Some(c) = citing {
        let cited = t
            .kids(c)
            .find(|&k| {
                k > c
                    && matches!(t.dep(k).0, Dep::Obj | Dep::Nmod | Dep::Obl | Dep::Iobj)
                    && t.is_noun(k)
            })
            .or_else(|| {
                (c + 1..t.len().min(c + 10)).find(|&k| t.is_noun(k) && t.head(k) == Some(c))
            });
        if let Some(y) = cited {
            let relay = RelayFound {
                mention: f.mention,
                cue: (c, c + 1),
            };
            let (name_from, role_from) = name_parts(t, y);
            f.relays.insert(0, relay);
            f.source = y;
            f.mention = t.np(y);
            f.name_from = name_from;
            f.role_from = role_from;
            f.construction
                .push_str(&format!(", relayed (\"{}\")", t.form(c)));
        }
    }
    // "told Interfax", "in an interview with Reuters".
    if t.lemma[verb] == "tell"
        && let Some(a) = t
            .kids(verb)
            .find(|&k| matches!(t.dep(k).0, Dep::Iobj | Dep::Obj) && t.is_noun(k))
    {
        let mut m = t.np(a);
        // "state news agency Xinhua": the parse may hang the name on the descriptor as an appositive, which
        // `np` leaves out; the name is the part that identifies the relay.
        if let Some(n) = t
            .kids(a)
            .find(|&k| t.is(k, Dep::Appos) && t.upos(k) == Upos::Propn && k == m.1)
        {
            m.1 = t.np(n).1;
        }
        if is_outlet(t.slice(m)) || is_outlet(t.slice(t.name_run(a))) || described_outlet(t, lx, m)
        {
            f.relays.push(RelayFound {
                mention: m,
                cue: (verb, verb + 1),
            });
        }
    }
    for k in t.kids(verb) {
        if t.is(k, Dep::Obl)
            && t.lower[k] == "interview"
            && let Some(w) = t
                .kids(k)
                .find(|&x| t.is(x, Dep::Nmod) && t.kids(x).any(|c| t.lower[c] == "with"))
        {
            let m = t.np(w);
            if is_outlet(t.slice(m)) || is_outlet(t.slice(t.name_run(w))) {
                f.relays.push(RelayFound {
                    mention: m,
                    cue: (k, k + 1),
                });
            }
        }
    }
    // "documents seen by Reuters show": the outlet that saw the document relays it.
    if lx.documents.contains(&t.lower[f.source]) {
        for k in t.kids(f.source) {
            if t.is(k, Dep::Acl)
                && matches!(t.lemma[k].as_str(), "see" | "obtain" | "review" | "view")
                && let Some(a) = t.kids(k).find(|&x| t.is_sub(x, Dep::Obl, "agent"))
            {
                f.relays.push(RelayFound {
                    mention: t.np(a),
                    cue: (k, k + 1),
                });
                let (s0, _) = f.mention;
                f.mention = (s0, k);
            }
        }
    }
}
