//! Unit tests of the attribution engine on hand-written news sentences.

use super::*;
use crate::segment;

fn run(text: &str) -> Vec<Vec<Attribution>> {
    let sentences = segment::split(text);
    let model = Model::embedded().expect("embedded syntax model");
    attribute(text, &sentences, &Registry::builtin(), model)
}

fn mention<'a>(text: &'a str, a: &Attribution) -> &'a str {
    &text[a.mention.start as usize..a.mention.end as usize]
}

/// All attributions of the document, flattened.
fn all(text: &str) -> Vec<Attribution> {
    run(text).into_iter().flatten().collect()
}

#[test]
fn title_and_name_before_said() {
    let t = "Kremlin spokesman Dmitry Peskov said the talks would continue next week.";
    let a = all(t);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].name, "Dmitry Peskov");
    assert_eq!(a[0].role.as_deref(), Some("Kremlin spokesman"));
    assert_eq!(a[0].kind, SourceKind::Primary);
    assert_eq!(a[0].cue, "said");
    assert_eq!(mention(t, &a[0]), "Kremlin spokesman Dmitry Peskov");
    assert_eq!(a[0].quote, QuoteKind::Indirect);
}

#[test]
fn agency_after_the_content_is_secondary() {
    let t = "The ambassador left Moscow on Thursday, Interfax reported .";
    let a = all(t);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].name, "Interfax");
    assert_eq!(a[0].kind, SourceKind::Secondary);
    assert_eq!(a[0].source.as_deref(), Some("interfax"));
}

#[test]
fn pronoun_resolves_to_the_last_speaker() {
    let t = "Kremlin spokesman Dmitry Peskov said the talks would continue.\n\n\"We will respond to any sanctions,\" he told reporters on Tuesday.";
    let r = run(t);
    let a = &r[1][0];
    assert_eq!(mention(t, a), "he");
    assert_eq!(a.name, "Dmitry Peskov");
    assert_eq!(a.quote, QuoteKind::Direct);
}

#[test]
fn citing_builds_a_relay_chain() {
    let t = "The talks collapsed, Reuters reported, citing a White House official.";
    let a = all(t);
    assert_eq!(a.len(), 1);
    assert_eq!(mention(t, &a[0]), "a White House official");
    assert!(a[0].anonymous);
    assert_eq!(a[0].kind, SourceKind::Unknown);
    assert_eq!(a[0].via.len(), 1);
    assert_eq!(a[0].via[0].name, "Reuters");
    assert_eq!(a[0].via[0].source.as_deref(), Some("reuters"));
}

#[test]
fn according_to_officials_is_anonymous() {
    let t = "The envoy will return in May, according to officials.";
    let a = all(t);
    assert_eq!(a.len(), 1);
    assert_eq!(mention(t, &a[0]), "officials");
    assert_eq!(a[0].cue, "according to");
    assert!(a[0].anonymous);
}

#[test]
fn inverted_order_with_appositive_role() {
    let t = "\"It is too early to say,\" said Maria Zakharova, the Foreign Ministry spokeswoman.";
    let a = all(t);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].name, "Maria Zakharova");
    assert_eq!(a[0].role.as_deref(), Some("Foreign Ministry spokeswoman"));
    assert_eq!(a[0].quote, QuoteKind::Direct);
}

#[test]
fn appositive_between_subject_and_verb() {
    let t = "Paul Dewar, an Ottawa New Democrat MP, said the lapses raise serious questions.";
    let a = all(t);
    assert_eq!(a.len(), 1);
    assert_eq!(mention(t, &a[0]), "Paul Dewar");
    assert_eq!(a[0].role.as_deref(), Some("Ottawa New Democrat MP"));
}

#[test]
fn told_an_outlet_is_a_relay() {
    let t = "Sullivan told Interfax the trip was planned.";
    let a = all(t);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].name, "Sullivan");
    assert_eq!(a[0].via[0].source.as_deref(), Some("interfax"));
}

#[test]
fn short_reference_resolves_to_the_named_spokesman() {
    let t = "Kremlin spokesman Dmitry Peskov said talks would go on. The spokesman added that no date was set.";
    let r = run(t);
    assert_eq!(r[1][0].name, "Dmitry Peskov");
}

#[test]
fn institutions_speak_for_themselves() {
    let t = "At the same time, the Kremlin has said it viewed the prospects “positively.”";
    let a = all(t);
    assert_eq!(a[0].name, "Kremlin");
    assert_eq!(a[0].kind, SourceKind::Primary);
    assert_eq!(a[0].quote, QuoteKind::Mixed);
}

#[test]
fn evidence_and_passive_sources() {
    let t = "A recent poll found that most voters back the plan. The plan is backed by dozens of mayors.";
    let r = run(t);
    assert_eq!(mention(t, &r[0][0]), "A recent poll");
    assert_eq!(mention(t, &r[1][0]), "dozens of mayors");
}

#[test]
fn multi_sentence_quote_shares_its_attribution() {
    let t = "“We will not leave. We never left. This is our home,” the mayor said.";
    let r = run(t);
    assert!(r.iter().all(|s| s.len() == 1), "{r:?}");
    assert!(r.iter().all(|s| s[0].quote == QuoteKind::Direct));
}

#[test]
fn no_attribution_in_title_compounds_months_or_hedges() {
    for t in [
        "Navy veteran Tom Lee opened the shop in 1998.",
        "The vote is expected in May.",
        "May was the wettest month on record.",
        "The envoy had reportedly refused to leave at first.",
        "The deal is said to be worth $2 billion.",
        "Citing privacy rules, the firm kept the data.",
        "Biden's televised comments likening Putin to a killer angered Moscow.",
        "The United States' Ambassador to Russia John Sullivan has left Russia.",
    ] {
        assert!(all(t).is_empty(), "{t}: {:?}", all(t));
    }
}

#[test]
fn credit_lines_and_colons() {
    let t = "A showdown at the booth. Image: Nick Moreau.";
    let a = all(t);
    assert_eq!(mention(t, &a[0]), "Nick Moreau");
    let t = "Home Secretary Suella Braverman: “We will stop the boats.”";
    let a = all(t);
    assert_eq!(a[0].name, "Suella Braverman");
}

#[test]
fn anonymous_people_familiar() {
    let t = "People familiar with the matter said the deal was close.";
    let a = all(t);
    assert_eq!(a.len(), 1);
    assert!(a[0].anonymous);
    assert_eq!(mention(t, &a[0]), "People familiar with the matter");
}
