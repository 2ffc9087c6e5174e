//! Attribution: who each sentence's claim rests on, with roles, relay chains and anonymity.
//!
//! A rule-based engine, because no model is available offline and the extractor must run at tens of MB/s:
//! - [`token`] cuts each sentence into words, punctuation and quote marks with byte offsets, carrying the
//!   quotation state across the sentences of a paragraph;
//! - [`engine`] finds cues from the word lists in `data/cues/` ([`lexicon`]) and, for each, the noun phrase that
//!   is its source, by clause layout;
//! - this module turns those into [`Attribution`] records: names and roles split from titles, pronouns and short
//!   references ("he", "the spokesman") resolved to the last matching source, registry lookups deciding
//!   primary/secondary, and multi-sentence quotes sharing the attribution found in one of their sentences.

mod engine;
mod lexicon;
mod token;

use lexicon::HashMap;

use crate::record::{Attribution, QuoteKind, Relay, SourceKind, Span};
use crate::registry::Registry;
use crate::segment::Sentence;

use engine::Cand;
use lexicon::{LEXICON, flag};
use token::{Kind, Tok};

pub use lexicon::FILES as LEXICON_FILES;

/// A source met earlier in the document, for resolving "he" and "the spokesman".
#[derive(Debug, Clone)]
struct Speaker {
    name: String,
    role: Option<String>,
    person: bool,
    source: Option<String>,
    kind: SourceKind,
}

/// Document-wide memory: full names by surname, and recent speakers.
#[derive(Debug, Default)]
struct Memory {
    /// Lowercased last word of a person's name → the full name ("sullivan" → "John Sullivan").
    full_names: HashMap<String, String>,
    /// Byte range of the most recently named person, for a pronoun with no earlier speaker (a range, not a
    /// copy: names are met far more often than pronouns need one).
    last_person: Option<(usize, usize)>,
    speakers: Vec<Speaker>,
}

/// Finds the attributions of every sentence of `text`; the result has one entry per sentence, in order.
pub fn attribute(text: &str, sentences: &[Sentence], registry: &Registry) -> Vec<Vec<Attribution>> {
    let mut out: Vec<Vec<Attribution>> = Vec::with_capacity(sentences.len());
    let mut mem = Memory::default();
    let mut open = false;
    let mut last_paragraph = u32::MAX;
    // Per sentence: whether a quotation is open at its start and at its end.
    let mut spans: Vec<(bool, bool)> = Vec::with_capacity(sentences.len());
    for s in sentences {
        if s.paragraph != last_paragraph {
            open = false;
            last_paragraph = s.paragraph;
        }
        let (toks, open_after) = token::tokenize(text, s.start, s.end, open);
        spans.push((open, open_after));
        learn_names(text, &toks, &mut mem);
        let cands = engine::Sentence::new(&toks).find();
        let mut atts: Vec<Attribution> = Vec::new();
        let mut quoted = Vec::new();
        for c in &cands {
            let a = build(text, &toks, c, registry, &mut mem);
            if !atts.iter().any(|x| x.mention == a.mention) {
                quoted.push(toks[c.mention.0].quoted);
                atts.push(a);
            }
        }
        // "“I think …,” Baird said": the "I" inside the quote is the speaker the sentence names.
        if let Some(outer) = atts
            .iter()
            .zip(&quoted)
            .find(|(_, q)| !**q)
            .map(|(a, _)| a.clone())
        {
            for (a, _) in atts.iter_mut().zip(&quoted).filter(|(_, q)| **q) {
                a.name.clone_from(&outer.name);
                a.role.clone_from(&outer.role);
                a.kind = outer.kind;
                a.source.clone_from(&outer.source);
                a.anonymous = outer.anonymous;
            }
        }
        out.push(atts);
        open = open_after;
    }
    share_quote_attributions(sentences, &spans, &mut out);
    out
}

/// Gives the sentences of a quotation that spans several sentences the attribution one of them carries
/// (usually the last: “A. B. C,” he said.).
fn share_quote_attributions(
    sentences: &[Sentence],
    spans: &[(bool, bool)],
    out: &mut [Vec<Attribution>],
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
                            .map(|a| {
                                let mut a = a.clone();
                                a.quote = QuoteKind::Direct;
                                a
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

/// Remembers person names written in full ("Ambassador to Russia John Sullivan") so a later surname alone
/// ("Sullivan said") resolves to the full name.
fn learn_names(text: &str, toks: &[Tok], mem: &mut Memory) {
    let mut i = 0;
    while i < toks.len() {
        if !is_name_word(&toks[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < toks.len() && is_name_word(&toks[j]) {
            j += 1;
        }
        let mut words: Vec<&Tok> = toks[i..j].iter().collect();
        // "Ambassador to Russia John Sullivan": the first capital after "to"/"of" is the title's object.
        let after_connector = i > 0 && toks[i - 1].f & flag::CONNECTOR != 0 && !toks[i - 1].cap;
        if after_connector && words.len() >= 3 {
            words.remove(0);
        }
        // "United States Hamdullah Mohib": the name follows the last organisation or place word.
        if let Some(k) = words
            .iter()
            .rposition(|t| t.f & (flag::GROUP | flag::ORG) != 0)
        {
            words.drain(..=k);
        }
        if words.len() >= 2 && words.len() <= 4 {
            let org = words.iter().any(|t| t.f & (flag::GROUP | flag::ORG) != 0);
            if !org {
                let (start, last) = (words[0].start, words[words.len() - 1]);
                if !mem.full_names.contains_key(last.lower.as_str()) {
                    mem.full_names
                        .insert(last.lower.to_string(), text[start..last.end].to_string());
                }
                mem.last_person = Some((start, last.end));
            }
        }
        i = j.max(i + 1);
    }
}

fn is_name_word(t: &Tok) -> bool {
    let lx = &*LEXICON;
    t.is_word()
        && t.cap
        && !t.quoted
        && t.lower.chars().next().is_some_and(char::is_alphabetic)
        && t.f
            & (flag::STOP | flag::DET | flag::TIME | flag::TITLE | flag::PERSON | flag::HONORIFIC)
            == 0
        && !lx.is("honorific", t.lower.trim_end_matches('.'))
        && !(t.lower.contains('.') && t.lower.len() <= 5)
}

fn slice(text: &str, toks: &[Tok], (s, e): (usize, usize)) -> String {
    text[toks[s].start..toks[e - 1].end].to_string()
}

/// Splits a source noun phrase into (role, name): "Kremlin spokesman Dmitry Peskov" → ("Kremlin spokesman",
/// "Dmitry Peskov"); "the Kremlin" → (None, "Kremlin"); "a White House official" stays whole.
fn split_name(text: &str, toks: &[Tok], (s, e): (usize, usize)) -> (Option<String>, String) {
    let lx = &*LEXICON;
    let mut s = s;
    while s < e && toks[s].is_word() && matches!(toks[s].lower.as_str(), "the" | "a" | "an") {
        s += 1;
    }
    if s >= e {
        return (None, slice(text, toks, (s.min(e - 1), e)));
    }
    // Trailing run of name words.
    let mut k = e;
    while k > s && (is_name_word(&toks[k - 1]) || toks[k - 1].lower == "-") {
        k -= 1;
    }
    let whole = slice(text, toks, (s, e));
    if k == e {
        return (None, whole);
    }
    // Honorifics ("Mr. Tedeschi", "Professor Burrows") belong to the role, not the name.
    if k == s {
        return (None, whole);
    }
    let before = &toks[k - 1];
    let titled = lx.titles.contains(before.lower.as_str())
        || lx.persons.contains(before.lower.as_str())
        || lx.is("honorific", before.lower.trim_end_matches('.'));
    let mut name_start = k;
    if !titled {
        // "Ambassador to Russia John Sullivan": a title, a connector and its object, then the name.
        let has_title = (s..k).any(|x| lx.titles.contains(toks[x].lower.as_str()));
        if has_title && (e - k) > 2 {
            name_start = e - 2;
        } else if !has_title {
            return (None, whole);
        }
    }
    let role = slice(text, toks, (s, name_start));
    let role = role
        .trim_end_matches(|c: char| c == ',' || c.is_whitespace())
        .to_string();
    let name = slice(text, toks, (name_start, e));
    (if role.is_empty() { None } else { Some(role) }, name)
}

fn lookup<'r>(
    registry: &'r Registry,
    candidates: &[&str],
) -> Option<&'r crate::registry::SourceEntry> {
    for c in candidates {
        let c = c.trim();
        if c.is_empty() {
            continue;
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
        for suffix in [" news agency", " newspaper", " agency", " news"] {
            if let Some(x) = stripped.to_lowercase().strip_suffix(suffix) {
                if let Some(e) = registry.lookup_name(x) {
                    return Some(e);
                }
            }
        }
    }
    None
}

fn build(text: &str, toks: &[Tok], c: &Cand, registry: &Registry, mem: &mut Memory) -> Attribution {
    let lx = &*LEXICON;
    let mention = Span {
        start: toks[c.mention.0].start as u64,
        end: toks[c.mention.1 - 1].end as u64,
    };
    let mention_text = slice(text, toks, c.mention);
    let cue = slice(text, toks, c.cue);
    let (mut role, mut name) = split_name(text, toks, c.name_from.unwrap_or(c.mention));
    if c.name_from.is_some() && role.is_none() {
        role = Some(mention_text.trim_start_matches("the ").to_string());
    }
    if let Some((rs, re)) = c.role {
        role = Some(
            text[rs..re]
                .trim_start_matches("the ")
                .trim_start_matches("a ")
                .trim_start_matches("an ")
                .to_string(),
        );
    }
    let mut resolved: Option<Speaker> = None;
    if c.pronoun {
        let p = mention_text.to_lowercase();
        resolved = match p.as_str() {
            "he" | "she" => mem
                .speakers
                .iter()
                .rev()
                .find(|x| x.person)
                .cloned()
                .or_else(|| {
                    mem.last_person.map(|(s, e)| Speaker {
                        name: text[s..e].to_string(),
                        role: None,
                        person: true,
                        source: None,
                        kind: SourceKind::Primary,
                    })
                }),
            "it" => mem.speakers.iter().rev().find(|x| !x.person).cloned(),
            _ => mem.speakers.last().cloned(),
        };
    } else if c.short_ref {
        let head = toks[c.mention.1 - 1].lower.clone();
        resolved = mem
            .speakers
            .iter()
            .rev()
            .take(8)
            .find(|x| {
                x.role
                    .as_deref()
                    .is_some_and(|r| r.to_lowercase().split_whitespace().any(|w| w == head))
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
        anonymous = false;
        person = sp.person;
    } else {
        // A surname alone takes the full name seen earlier.
        if !name.contains(' ') {
            if let Some(full) = mem.full_names.get(&name.to_lowercase()) {
                name = full.clone();
            }
        }
        let entry = lookup(registry, &[&name, &mention_text]);
        if let Some(e) = entry {
            source = Some(e.id.clone());
        }
        anonymous = c.anonymous && entry.is_none();
        kind = match entry {
            Some(e) => e.role.into(),
            None if anonymous => SourceKind::Unknown,
            None => SourceKind::Primary,
        };
        let (ms, me) = c.name_from.unwrap_or(c.mention);
        let has_title = (ms..me).any(|x| {
            lx.titles.contains(toks[x].lower.as_str())
                || lx.persons.contains(toks[x].lower.as_str())
        });
        let caps = (ms..me).filter(|&x| is_name_word(&toks[x])).count();
        person = entry.is_none()
            && !anonymous
            && (role.is_some()
                || has_title
                || ((1..=3).contains(&caps) && name.split_whitespace().count() <= 3))
            && !name
                .split_whitespace()
                .any(|w| lx.flags(&w.to_lowercase()) & (flag::GROUP | flag::ORG) != 0);
    }
    let mut via: Vec<Relay> = Vec::new();
    for &(m, cue_range) in &c.relays {
        let (r_role, r_name) = split_name(text, toks, m);
        let r_text = slice(text, toks, m);
        let entry = lookup(registry, &[&r_name, &r_text]);
        let r_name = match entry {
            Some(_) => r_name,
            None => mem
                .full_names
                .get(&r_name.to_lowercase())
                .cloned()
                .unwrap_or(r_name),
        };
        via.push(Relay {
            name: r_name,
            kind: entry
                .map(|e| e.role.into())
                .unwrap_or(SourceKind::Secondary),
            role: r_role,
            cue: Some(slice(text, toks, cue_range)),
            mention: Some(Span {
                start: toks[m.0].start as u64,
                end: toks[m.1 - 1].end as u64,
            }),
            source: entry.map(|e| e.id.clone()),
        });
    }
    if let Some(a) = c.addressee {
        let a_text = slice(text, toks, a);
        if let Some(e) = lookup(registry, &[&a_text]) {
            if e.role == crate::registry::RegistryRole::Secondary {
                via.push(Relay {
                    name: e.name.clone(),
                    kind: SourceKind::Secondary,
                    role: None,
                    cue: Some(slice(text, toks, (c.cue.0, a.0))),
                    mention: Some(Span {
                        start: toks[a.0].start as u64,
                        end: toks[a.1 - 1].end as u64,
                    }),
                    source: Some(e.id.clone()),
                });
            }
        }
    }
    if resolved.is_none() && !anonymous {
        mem.speakers.push(Speaker {
            name: name.clone(),
            role: role.clone(),
            person,
            source: source.clone(),
            kind,
        });
    }
    let clause = attribution_clause(toks, c);
    let clause_bytes = (toks[clause.0].start, toks[clause.1 - 1].end);
    Attribution {
        name,
        kind,
        role,
        cue,
        quote: quote_kind_toks(text, toks, Some(clause_bytes)),
        anonymous,
        mention,
        source,
        via,
    }
}

/// The token range of the attribution itself, which is not content: mention and cue, stretched to the
/// sentence edge on a side with no quotation ("In a statement Monday, Sullivan had said “…”";
/// "“…,” he told reporters Tuesday.").
fn attribution_clause(toks: &[Tok], c: &Cand) -> (usize, usize) {
    let mut s = c.mention.0.min(c.cue.0);
    let mut e = c.mention.1.max(c.cue.1);
    for r in [c.name_from, c.addressee].into_iter().flatten() {
        s = s.min(r.0);
        e = e.max(r.1);
    }
    let quote_mark = |t: &Tok| t.is_quote() || t.quoted;
    if !toks[..s].iter().any(quote_mark) {
        s = 0;
    }
    if !toks[e..].iter().any(quote_mark) {
        e = toks.len();
    }
    (s, e)
}

/// Direct when the content is inside quotation marks, mixed when partly, indirect otherwise. Letters of the
/// attribution clause itself ("Peskov said") do not count as content.
fn quote_kind_toks(text: &str, toks: &[Tok], clause: Option<(usize, usize)>) -> QuoteKind {
    let mut quoted = 0usize;
    let mut plain = 0usize;
    for t in toks {
        if t.kind != Kind::Word {
            continue;
        }
        if let Some((a, b)) = clause {
            if t.start >= a && t.end <= b {
                continue;
            }
        }
        let n = text[t.start..t.end]
            .chars()
            .filter(|c| c.is_alphanumeric())
            .count();
        if t.quoted {
            quoted += n;
        } else {
            plain += n;
        }
    }
    classify(quoted, plain)
}

fn classify(quoted: usize, plain: usize) -> QuoteKind {
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
