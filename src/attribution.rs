//! Attribution: who each sentence's claim rests on, with roles, relay chains, anonymity and the kind of cue.
//!
//! Built on the syntax layer ([`crate::syntax`]): every sentence that contains a possible cue word is tokenized,
//! tagged and parsed, and
//! - [`find`] reads cues and sources off the dependency tree (subject of a reporting verb with a clausal
//!   complement, agent of a passive, object of "according to", owner of a cue noun, speaker before a colon,
//!   relays such as "citing");
//! - this module turns them into [`Attribution`] records: names and roles split from titles and appositives,
//!   pronouns and definite descriptions ("he", "the spokesman") resolved to an earlier source, registry lookups
//!   deciding primary/secondary, anonymity, and quotations that span sentences sharing their speaker.
//!
//! Sentences with no cue word are not parsed (most of the speed of `extract`); [`quotes`] still follows their
//! quotation marks so that a quotation continued across sentences keeps its speaker.

mod find;
mod lexicon;
mod quotes;
mod tree;

use lexicon::{HashMap, LEXICON};

use crate::record::{Attribution, CueClass, QuoteKind, Relay, SourceKind, Span};
use crate::registry::{Registry, RegistryRole, SourceEntry};
use crate::segment::Sentence;
use crate::syntax::{self, Analysis, Model, Upos, tokenize::Word};

use find::{Found, Range};
use tree::Tree;

pub use lexicon::FILES as LEXICON_FILES;

/// An attribution and the construction that produced it (what `claimtrail explain` shows).
#[derive(Debug, Clone)]
pub struct Explained {
    pub attribution: Attribution,
    pub construction: String,
}

/// A source met earlier in the document, for resolving "he" and "the spokesman".
#[derive(Debug, Clone)]
struct Speaker {
    name: String,
    role: Option<String>,
    person: bool,
    anonymous: bool,
    source: Option<String>,
    kind: SourceKind,
}

/// Document-wide memory: full names by surname, and recent speakers.
#[derive(Debug, Default)]
struct Memory {
    /// Lowercased last word of a person's name → the full name ("sullivan" → "John Sullivan").
    full_names: HashMap<String, String>,
    /// The most recently named person, for a pronoun with no earlier speaker.
    last_person: Option<String>,
    speakers: Vec<Speaker>,
}

/// Finds the attributions of every sentence of `text`; the result has one entry per sentence, in order.
pub fn attribute(
    text: &str,
    sentences: &[Sentence],
    registry: &Registry,
    model: &Model,
) -> Vec<Vec<Attribution>> {
    explain(text, sentences, registry, model)
        .into_iter()
        .map(|v| v.into_iter().map(|e| e.attribution).collect())
        .collect()
}

/// [`attribute`], with the construction behind each attribution.
pub fn explain(
    text: &str,
    sentences: &[Sentence],
    registry: &Registry,
    model: &Model,
) -> Vec<Vec<Explained>> {
    let lx = &*LEXICON;
    let mut out: Vec<Vec<Explained>> = Vec::with_capacity(sentences.len());
    let mut mem = Memory::default();
    let mut q = quotes::Quotes::default();
    let mut last_paragraph = u32::MAX;
    let mut spans: Vec<(bool, bool)> = Vec::with_capacity(sentences.len());
    let mut words: Vec<Word> = Vec::new();
    let mut quoted: Vec<bool> = Vec::new();
    let mut analysis = Analysis::default();
    let mut scratch = syntax::Scratch::default();
    let is_outlet =
        |name: &str| lookup(registry, &[name]).is_some_and(|e| e.role == RegistryRole::Secondary);
    for s in sentences {
        if s.paragraph != last_paragraph {
            q.reset();
            last_paragraph = s.paragraph;
        }
        words.clear();
        syntax::tokenize::tokenize(text, s.start, s.end, &mut words);
        let open_before = q.is_open();
        q.mark(text, &words, &mut quoted);
        spans.push((open_before, q.is_open()));
        let form = |w: &Word| &text[w.start as usize..w.end as usize];
        let triggered = words.iter().any(|w| {
            let f = form(w);
            f == ":" || lx.triggers.contains(f) || lx.triggers.contains(&f.to_lowercase())
        }) || words
            .windows(2)
            .any(|p| find::is_close_quote(form(&p[0])) && find::is_dash(form(&p[1])));
        if !triggered {
            learn_names_plain(text, &words, &mut mem);
            out.push(Vec::new());
            continue;
        }
        let forms: Vec<&str> = words.iter().map(form).collect();
        model.analyse(&forms, &mut analysis, &mut scratch);
        let t = Tree::new(text, &words, &analysis, model, &quoted);
        learn_names(&t, &mut mem);
        let found = find::find(&t, lx, &is_outlet);
        let mut atts: Vec<Explained> = Vec::new();
        for f in &found {
            let a = build(&t, f, registry, &mut mem);
            if !atts.iter().any(|x| x.attribution.mention == a.mention) {
                atts.push(Explained {
                    attribution: a,
                    construction: f.construction.clone(),
                });
            }
        }
        out.push(atts);
    }
    share_quote_attributions(sentences, &spans, &mut out);
    out
}

/// Gives the sentences of a quotation that spans several sentences the attribution one of them carries
/// (usually the last: “A. B. C,” he said.).
fn share_quote_attributions(
    sentences: &[Sentence],
    spans: &[(bool, bool)],
    out: &mut [Vec<Explained>],
) {
    let mut i = 0;
    while i < sentences.len() {
        // A quotation group starts at a sentence that ends inside a quote it did not start inside.
        if spans[i].1 && !spans[i].0 {
            let mut j = i;
            while j + 1 < sentences.len()
                && spans[j].1
                && sentences[j + 1].paragraph == sentences[i].paragraph
            {
                j += 1;
            }
            let source = (i..=j).rev().find(|&k| !out[k].is_empty());
            if let Some(k) = source {
                let shared = out[k].clone();
                for slot in out[i..=j].iter_mut() {
                    if slot.is_empty() {
                        *slot = shared
                            .iter()
                            .map(|e| {
                                let mut a = e.attribution.clone();
                                a.quote = QuoteKind::Direct;
                                Explained {
                                    attribution: a,
                                    construction:
                                        "speaker of the quotation this sentence belongs to".into(),
                                }
                            })
                            .collect();
                    }
                }
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
}

/// Whether a word can be part of a person's name.
fn name_word(t: &Tree, k: usize) -> bool {
    let lx = &*LEXICON;
    t.is_name(k)
        && !lx.time_words.contains(&t.lower[k])
        && !lx.honorifics.contains(t.lower[k].trim_end_matches('.'))
}

/// Remembers person names written in full ("Ambassador to Russia John Sullivan") so a later surname alone
/// ("Sullivan said") resolves to the full name.
fn learn_names(t: &Tree, mem: &mut Memory) {
    let lx = &*LEXICON;
    for h in 0..t.len() {
        if !name_word(t, h) || t.is(h, syntax::Dep::Flat) || t.quoted[h] {
            continue;
        }
        let (s, e) = t.name_run(h);
        let ok = (s..e).all(|k| name_word(t, k) && !lx.org_words.contains(&t.lower[k]));
        if ok && (2..=4).contains(&(e - s)) {
            remember(mem, t.slice((s, e)), &t.lower[e - 1]);
        }
    }
}

/// The same for sentences that are not parsed: runs of two to four capitalised words, none an organisation or
/// place word, not at the sentence start.
fn learn_names_plain(text: &str, words: &[Word], mem: &mut Memory) {
    let lx = &*LEXICON;
    let cap = |w: &Word| {
        let f = &text[w.start as usize..w.end as usize];
        f.chars().next().is_some_and(char::is_uppercase)
            && f.chars().all(char::is_alphabetic)
            && !lx.org_words.contains(&f.to_lowercase())
            && !lx.time_words.contains(&f.to_lowercase())
            && !lx.honorifics.contains(&f.to_lowercase())
    };
    let mut i = 1;
    while i < words.len() {
        if !cap(&words[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < words.len() && cap(&words[j]) {
            j += 1;
        }
        if (2..=4).contains(&(j - i)) {
            let last = &text[words[j - 1].start as usize..words[j - 1].end as usize];
            let full = &text[words[i].start as usize..words[j - 1].end as usize];
            remember(mem, full, &last.to_lowercase());
        }
        i = j;
    }
}

fn remember(mem: &mut Memory, full: &str, last_lower: &str) {
    mem.full_names
        .entry(last_lower.to_string())
        .or_insert_with(|| full.to_string());
    mem.last_person = Some(full.to_string());
}

fn lookup<'r>(registry: &'r Registry, candidates: &[&str]) -> Option<&'r SourceEntry> {
    let exact = |c: &str| -> Option<&'r SourceEntry> {
        let c = c.trim();
        if c.is_empty() {
            return None;
        }
        if let Some(e) = registry.lookup_name(c) {
            return Some(e);
        }
        let stripped = c
            .strip_prefix("the ")
            .or_else(|| c.strip_prefix("The "))
            .unwrap_or(c);
        if let Some(e) = registry.lookup_name(stripped) {
            return Some(e);
        }
        [" news agency", " newspaper", " agency", " news"]
            .iter()
            .find_map(|suffix| registry.lookup_name(stripped.to_lowercase().strip_suffix(suffix)?))
    };
    candidates.iter().find_map(|c| exact(c)).or_else(|| {
        // Descriptors before the name ("Russia's state-run RIA Novosti news agency", "Romania's national news
        // agency Agerpres"): the phrase from each later capitalised word on, longest first.
        candidates.iter().find_map(|c| {
            c.char_indices()
                .filter(|&(i, ch)| i > 0 && ch.is_uppercase() && c[..i].ends_with(' '))
                .find_map(|(i, _)| exact(&c[i..]))
        })
    })
}

/// Words that begin a noun phrase but are not part of a name or role.
fn is_article(w: &str) -> bool {
    matches!(w, "the" | "a" | "an")
}

/// Splits a source noun phrase into (role, name): "Kremlin spokesman Dmitry Peskov" → ("Kremlin spokesman",
/// "Dmitry Peskov"); "the Kremlin" → (None, "Kremlin"); "a White House official" stays whole.
fn split_name(t: &Tree, (s, e): Range, head: usize) -> (Option<String>, String) {
    let lx = &*LEXICON;
    // "local broadcaster VTV" parsed with the descriptor as head: the name that ends the phrase is the name.
    let head = if !name_word(t, head) && head + 1 < e && (head + 1..e).all(|k| name_word(t, k)) {
        e - 1
    } else {
        head
    };
    if !name_word(t, head) || head < s || head >= e {
        // No name: "officials", "a Western official", "the foreign ministry" (the article of a definite
        // institution is dropped, an indefinite description keeps it).
        let start = if t.lower[s] == "the" && s + 1 < e {
            s + 1
        } else {
            s
        };
        return (None, t.slice((start, e)).to_string());
    }
    let mut s = s;
    while s + 1 < e && is_article(&t.lower[s]) {
        s += 1;
    }
    let (ns, ne) = t.name_run(head);
    let mut ns = ns.max(s);
    let mut ne = ne.min(e);
    // Adjacent capitalised words belong to the name whatever the parse hung them on ("Suella Braverman",
    // "Estmark Foreign Ministry"), up to a title ("Prime Minister | Johan Ilves").
    let capitalised = |k: usize| {
        t.form(k).chars().next().is_some_and(char::is_uppercase)
            && !matches!(
                t.upos(k),
                Upos::Det | Upos::Pron | Upos::Punct | Upos::Verb | Upos::Aux
            )
            && !lx.time_words.contains(&t.lower[k])
    };
    while ns > s && capitalised(ns - 1) && !lx.titles.contains(&t.lower[ns - 1]) {
        ns -= 1;
    }
    while ne < e && name_word(t, ne) {
        ne += 1;
    }
    // Titles inside a capitalised run belong to the role: "Emeritus Professor | John Burrows", "Prime Minister |
    // John Key".
    if let Some(k) = (ns..ne).rev().find(|&k| {
        lx.titles.contains(&t.lower[k]) || lx.honorifics.contains(t.lower[k].trim_end_matches('.'))
    }) && k + 1 < ne
    {
        ns = k + 1;
    }
    // Honorifics belong to the role: "Mr. Tedeschi".
    while ns + 1 < ne && lx.honorifics.contains(t.lower[ns].trim_end_matches('.')) {
        ns += 1;
    }
    let name = t.slice((ns, ne)).to_string();
    let role = if ns > s {
        let r = t
            .slice((s, ns))
            .trim_end_matches(|c: char| c == ',' || c.is_whitespace());
        (!r.is_empty()).then(|| r.to_string())
    } else {
        None
    };
    (role, name)
}

fn build(t: &Tree, f: &Found, registry: &Registry, mem: &mut Memory) -> Attribution {
    let lx = &*LEXICON;
    let (ms, me) = t.bytes(f.mention);
    let mention = Span {
        start: ms as i64,
        end: me as i64,
    };
    let mention_text = t.slice(f.mention);
    let cue = cue_text(t, &f.cue);
    let head = f.source;
    let (mut role, mut name) = match f.name_from {
        Some(r) => {
            let (role, name) = split_name(t, r, name_head(t, r));
            let role = role.or_else(|| {
                let m = mention_text.trim();
                (m != name).then(|| m.to_string())
            });
            (role, name.trim_start_matches("the ").to_string())
        }
        None => split_name(t, f.mention, head),
    };
    if let Some(r) = f.role_from {
        role = Some(t.slice(r).to_string());
    }
    let lower_head = t.lower[head].as_str();
    let pronoun = t.upos(head) == Upos::Pron
        && matches!(lower_head, "he" | "she" | "they" | "it" | "i" | "we")
        && f.name_from.is_none();
    let short_ref = !pronoun
        && f.name_from.is_none()
        && t.lower[f.mention.0] == "the"
        && !(f.mention.0..f.mention.1).any(|k| {
            // A proper name inside ("the Interfax news agency") makes it a name, not a description to resolve;
            // the tagger does not always call such a word PROPN, so capitalised words outside the role
            // lexicons count too ("the Foreign Ministry" stays a description).
            t.is_name(k)
                || (k > f.mention.0
                    && t.form(k).starts_with(char::is_uppercase)
                    && !lx.is_role_word(&t.lower[k]))
        })
        && lx.is_role_word(lower_head);
    let mut resolved: Option<Speaker> = None;
    if pronoun {
        resolved = match lower_head {
            "he" | "she" => mem
                .speakers
                .iter()
                .rev()
                .find(|x| x.person)
                .cloned()
                .or_else(|| {
                    mem.last_person.clone().map(|n| Speaker {
                        name: n,
                        role: None,
                        person: true,
                        anonymous: false,
                        source: None,
                        kind: SourceKind::Primary,
                    })
                }),
            "it" => mem.speakers.iter().rev().find(|x| !x.person).cloned(),
            "they" => mem.speakers.last().cloned(),
            _ => None,
        };
    } else if short_ref {
        resolved = mem
            .speakers
            .iter()
            .rev()
            .take(8)
            .find(|x| {
                let has = |s: &str| s.to_lowercase().split_whitespace().any(|w| w == lower_head);
                x.role.as_deref().is_some_and(has) || has(&x.name)
            })
            .cloned();
    }
    let anonymous;
    let kind;
    let mut source = None;
    let person;
    if let Some(sp) = &resolved {
        name = sp.name.clone();
        role = role.or_else(|| sp.role.clone());
        source = sp.source.clone();
        kind = sp.kind;
        anonymous = sp.anonymous;
        person = sp.person;
    } else {
        // A surname alone takes the full name seen earlier.
        if !name.contains(' ')
            && t.is_name(head)
            && let Some(full) = mem.full_names.get(&name.to_lowercase())
        {
            name = full.clone();
        }
        let entry = lookup(registry, &[&name, mention_text]);
        if let Some(e) = entry {
            source = Some(e.id.clone());
        }
        // Named when the source is a name or has one in apposition; "a White House official" is not.
        let named = f.name_from.is_some() || name_word(t, head);
        let person_head = lx.is_person(lower_head);
        let anon_phrase = lx
            .anon_phrases
            .iter()
            .any(|p| t.contains_phrase((0, t.len()), p));
        anonymous = entry.is_none()
            && !named
            && !pronoun
            && (person_head
                || (anon_phrase
                    && !lx.groups.contains(lower_head)
                    && !lx.documents.contains(lower_head)));
        // "state news agency Agerpres", "the newspaper": an outlet the registry does not know is still an outlet.
        let outlet = lx.outlets.contains(lower_head)
            || role
                .as_deref()
                .and_then(|r| r.split_whitespace().last())
                .is_some_and(|w| lx.outlets.contains(&w.to_lowercase()));
        kind = match entry {
            Some(e) => e.role.into(),
            None if anonymous => SourceKind::Unknown,
            None if outlet || f.construction == find::DASH_CREDIT => SourceKind::Secondary,
            None => SourceKind::Primary,
        };
        let caps = name.split_whitespace().count();
        person = entry.is_none()
            && !anonymous
            && !lx.groups.contains(lower_head)
            && !lx.documents.contains(lower_head)
            && (role.is_some() || person_head || (t.is_name(head) && (1..=4).contains(&caps)))
            && !name
                .split_whitespace()
                .any(|w| lx.org_words.contains(&w.to_lowercase()));
    }
    let mut via: Vec<Relay> = Vec::new();
    for r in &f.relays {
        let (r_role, r_name) = split_name(t, r.mention, name_head(t, r.mention));
        let r_text = t.slice(r.mention);
        let entry = lookup(registry, &[&r_name, r_text]);
        let r_name = match entry {
            Some(_) => r_name,
            None => mem
                .full_names
                .get(&r_name.to_lowercase())
                .cloned()
                .unwrap_or(r_name),
        };
        let (rs, re) = t.bytes(r.mention);
        via.push(Relay {
            name: r_name,
            kind: entry.map_or(SourceKind::Secondary, |e| e.role.into()),
            role: r_role,
            cue: Some(t.slice(r.cue).to_string()),
            mention: Some(Span {
                start: rs as i64,
                end: re as i64,
            }),
            source: entry.map(|e| e.id.clone()),
        });
    }
    if resolved.is_none() && !pronoun {
        mem.speakers.push(Speaker {
            name: name.clone(),
            role: role.clone(),
            person,
            anonymous,
            source: source.clone(),
            kind,
        });
        if person && name.contains(' ') {
            mem.last_person = Some(name.clone());
        }
    }
    let mut class = f.class;
    if matches!(class, CueClass::Speech)
        && kind == SourceKind::Secondary
        && f.cue.iter().any(|&k| t.lower[k] == "according")
    {
        class = CueClass::Reporting;
    }
    Attribution {
        name,
        kind,
        role,
        cue,
        class: Some(class),
        quote: quote_kind(t, f),
        anonymous,
        mention,
        source,
        via,
    }
}

/// The head of a word range: the word whose head lies outside it.
fn name_head(t: &Tree, (s, e): Range) -> usize {
    (s..e)
        .find(|&k| t.head(k).is_none_or(|h| h < s || h >= e))
        .unwrap_or(s)
}

/// The cue words as written: contiguous ones as one stretch of text ("according to", "called on").
fn cue_text(t: &Tree, cue: &[usize]) -> String {
    let mut out = String::new();
    let mut last: Option<usize> = None;
    for &k in cue {
        match last {
            Some(l) if k == l + 1 => {
                let (a, _) = t.bytes((l, l + 1));
                let (_, b) = t.bytes((k, k + 1));
                out.truncate(out.len() - t.form(l).len());
                out.push_str(&t.text[a..b]);
            }
            Some(_) => {
                out.push(' ');
                out.push_str(t.form(k));
            }
            None => out.push_str(t.form(k)),
        }
        last = Some(k);
    }
    out
}

/// Direct when the content is inside quotation marks, mixed when partly, indirect otherwise. Words of the
/// attribution clause itself ("Peskov said", stretched to the sentence edge on a side with no quotation) do not
/// count as content.
fn quote_kind(t: &Tree, f: &Found) -> QuoteKind {
    let mut s = f.mention.0;
    let mut e = f.mention.1;
    for &c in &f.cue {
        s = s.min(c);
        e = e.max(c + 1);
    }
    for r in &f.relays {
        s = s.min(r.mention.0);
        e = e.max(r.mention.1);
    }
    let quote_mark = |k: usize| {
        t.quoted[k]
            || t.is_punct(k)
                && matches!(
                    t.form(k),
                    "\"" | "\u{201c}" | "\u{201d}" | "\u{ab}" | "\u{bb}"
                )
    };
    if !(0..s).any(quote_mark) {
        s = 0;
    }
    if !(e..t.len()).any(quote_mark) {
        e = t.len();
    }
    let (mut quoted, mut plain) = (0usize, 0usize);
    for k in (0..t.len()).filter(|&k| k < s || k >= e) {
        let n = t.form(k).chars().filter(|c| c.is_alphanumeric()).count();
        if t.quoted[k] {
            quoted += n;
        } else {
            plain += n;
        }
    }
    if quoted == 0 {
        QuoteKind::Indirect
    } else if plain * 4 <= quoted {
        QuoteKind::Direct
    } else {
        QuoteKind::Mixed
    }
}

#[cfg(test)]
mod tests;
