//! One focused test per attribution construction, and the precision traps, on sentences written for these tests.
//!
//! Each attribution is rendered on one line so a failure shows everything that was found:
//! `mention => name [role] · class · kind [anonymous] [via relay…] · found as …`.

use claimtrail::attribution::explain;
use claimtrail::record::{Attribution, SourceKind};
use claimtrail::registry::Registry;
use claimtrail::segment;

fn kind(k: SourceKind) -> &'static str {
    match k {
        SourceKind::Primary => "primary",
        SourceKind::Secondary => "secondary",
        SourceKind::Unknown => "unknown",
    }
}

fn line(text: &str, a: &Attribution) -> String {
    let mention = &text[a.mention.start as usize..a.mention.end as usize];
    let mut s = format!("{mention} => {}", a.name);
    if let Some(r) = &a.role {
        s += &format!(" [{r}]");
    }
    s += &format!(
        " · {} · {}",
        a.class.map_or("-", |c| c.as_str()),
        kind(a.kind)
    );
    if a.anonymous {
        s += " anonymous";
    }
    for v in &a.via {
        s += &format!(" via {}", v.name);
    }
    s
}

/// Every attribution of `text`, in order, one line each.
fn render(text: &str) -> Vec<String> {
    let sentences = segment::split(text);
    let model = claimtrail::syntax::Model::embedded().expect("embedded syntax model");
    explain(text, &sentences, &Registry::builtin(), model)
        .into_iter()
        .flatten()
        .map(|e| line(text, &e.attribution))
        .collect()
}

/// The construction labels `explain` gives, in order.
fn constructions(text: &str) -> Vec<String> {
    let sentences = segment::split(text);
    let model = claimtrail::syntax::Model::embedded().expect("embedded syntax model");
    explain(text, &sentences, &Registry::builtin(), model)
        .into_iter()
        .flatten()
        .map(|e| e.construction)
        .collect()
}

macro_rules! attributes {
    ($($name:ident: $text:expr => [$($want:expr),* $(,)?];)*) => {$(
        #[test]
        fn $name() {
            let want: Vec<&str> = vec![$($want),*];
            assert_eq!(render($text), want, "{}", $text);
        }
    )*};
}

attributes! {
    // --- subjects of cue verbs, by class ---
    speech_verb_with_title_and_name:
        "Kremlin spokesman Dmitry Peskov said the talks would continue." =>
        ["Kremlin spokesman Dmitry Peskov => Dmitry Peskov [Kremlin spokesman] · speech · primary"];
    appositive_name_after_a_role:
        "Its leader, Dana Voicu, told reporters the strike would end." =>
        ["Its leader => Dana Voicu [Its leader] · speech · primary"];
    denial_is_speech:
        "Officials denied that the factory had leaked chemicals." =>
        ["Officials => Officials · speech · unknown anonymous"];
    warning_is_speech:
        "The spokesman warned that the strike could spread." =>
        ["The spokesman => spokesman · speech · unknown anonymous"];
    evidential_poll_with_its_author:
        "A poll by the Halvorsen Institute shows that most voters back the plan." =>
        ["A poll by the Halvorsen Institute => Halvorsen Institute [A poll by the Halvorsen Institute] · evidential · primary"];
    evidential_study_found_that:
        "The study found that river levels fell by a third." =>
        ["The study => study · evidential · primary"];
    evidential_estimate:
        "The report estimated that 3,000 homes were damaged." =>
        ["The report => report · evidential · primary"];
    evidential_data_from_an_office:
        "Data from the statistics office showed unemployment fell." =>
        ["Data from the statistics office => statistics office [Data from the statistics office] · evidential · primary"];
    directive_urged_to:
        "The mayor urged residents to stay indoors." =>
        ["The mayor => mayor · directive · unknown anonymous"];
    directive_called_on:
        "Unions called on the government to raise wages." =>
        ["Unions => Unions · directive · primary"];
    evaluative_accused_of:
        "The opposition accused the minister of lying to parliament." =>
        ["The opposition => opposition · evaluative · primary"];
    evaluative_praised_for:
        "The mayor praised the firefighters for their courage." =>
        ["The mayor => mayor · evaluative · unknown anonymous"];
    cognition_believe_that:
        "Analysts believe that rates will rise." =>
        ["Analysts => Analysts · cognition · unknown anonymous"];
    cognition_expect_to:
        "Most economists expect inflation to ease next year." =>
        ["Most economists => Most economists · cognition · unknown anonymous"];
    cognition_want_to:
        "Farmers want the tariff to be scrapped." =>
        ["Farmers => Farmers · cognition · unknown anonymous"];

    // --- passive agents, "according to", statements, colons ---
    passive_agent_of_a_judgement:
        "The plan was criticised by the rail operator, which called it reckless." =>
        ["the rail operator => rail operator · evaluative · primary"];
    passive_agent_hung_on_a_later_verb:
        "The minister was accused of lying by the rail operator." =>
        ["the rail operator => rail operator · evaluative · primary"];
    according_to_is_anonymous_without_a_name:
        "According to officials, the bridge will reopen in May." =>
        ["officials => officials · speech · unknown anonymous"];
    in_a_statement:
        "In a statement, the ministry said the bridge would reopen." =>
        ["the ministry => ministry · speech · primary"];
    owner_of_a_statement:
        "The ministry's statement said the bridge would reopen." =>
        ["The ministry's statement => ministry [The ministry's statement] · speech · primary"];
    speaker_before_a_colon:
        "Peskov: \"We will respond to any sanctions.\"" =>
        ["Peskov => Peskov · speech · primary"];

    // --- anonymous sources ---
    anonymity_conditions_are_not_sources:
        "A person close to the investigation, who asked not to be named, said charges were likely." =>
        ["A person close to the investigation => A person close to the investigation · speech · unknown anonymous"];
    speaking_on_condition_of_anonymity:
        "A Western official familiar with the talks, speaking on condition of anonymity, said the envoy would return." =>
        ["A Western official familiar with the talks => A Western official familiar with the talks · speech · unknown anonymous"];
    sources_familiar_with_the_matter:
        "Sources familiar with the matter said the deal was close." =>
        ["Sources familiar with the matter => Sources familiar with the matter · speech · unknown anonymous"];
    counted_people_without_names:
        "Three employees said the plant had been closed for weeks." =>
        ["Three employees => Three employees · speech · unknown anonymous"];

    // --- conjoined sources ---
    conjoined_subjects_are_separate_sources:
        "The mayor and the police chief said the curfew would end." =>
        [
            "the police chief => police chief · speech · unknown anonymous",
            "The mayor => mayor · speech · unknown anonymous",
        ];
    conjoined_names:
        "Peskov and Lavrov said the offer stood." =>
        [
            "Peskov => Peskov · speech · primary",
            "Lavrov => Lavrov · speech · primary",
        ];

    // --- relays ---
    citing_inside_the_subject:
        "Interfax, citing a source in the emergency services, said two people were questioned by police." =>
        ["a source => a source · speech · unknown anonymous via Interfax"];
    reported_citing_before_the_clause:
        "Reuters reported, citing two officials, that the deal was close." =>
        ["two officials => two officials · reporting · unknown anonymous via Reuters"];
    according_to_an_outlet_which_cited:
        "According to local broadcaster VTV, which cited data from the ministry, 40 people died." =>
        ["data from the ministry => ministry [data from the ministry] · speech · primary via VTV"];
    documents_seen_by_an_outlet:
        "Documents seen by Reuters show that the firm paid the fines." =>
        ["Documents => Documents · evidential · primary via Reuters"];
    told_a_registered_outlet:
        "Sullivan told Interfax the trip was planned." =>
        ["Sullivan => Sullivan · speech · primary via Interfax"];
    told_a_described_outlet:
        "A ministry spokeswoman told state news agency Anadolu that no contamination had been found." =>
        ["A ministry spokeswoman => A ministry spokeswoman · speech · unknown anonymous via Anadolu"];
    outlet_descriptor_is_stripped_for_the_registry:
        "The ambassador left Moscow, state news agency TASS reported." =>
        ["state news agency TASS => TASS [state news agency] · reporting · secondary"];
    that_clause_parsed_as_a_relative_clause_on_the_object:
        "Mr. Tedeschi also told the court that, over the last five months of her life, the eczema played a devastating role." =>
        ["Mr. Tedeschi => Tedeschi [Mr.] · speech · primary"];
    name_then_role_between_commas:
        "After the match, Hernan Dario Gomez, Panama coach, said the team had learned a lot." =>
        ["Hernan Dario Gomez => Hernan Dario Gomez [Panama coach] · speech · primary"];
    trap_a_second_title_is_not_a_second_source:
        "Professor Cres Eastman, Director of the Iodine Study, and Chairman of the Hollin Centre, says iodine is crucial." =>
        ["Professor Cres Eastman => Cres Eastman [Director of the Iodine Study] · speech · primary"];
    trap_a_relative_clause_is_not_a_reporting_clause:
        "Montalvo had read an article in Freedom Magazine, which attacked high-ranking defectors from the organization including Tom Devocht." => [];
    continued_before_a_colon_quotation:
        "She continued: \"Labour has a plan to fast-track cases.\"" =>
        ["She => She · speech · primary"];
    trap_continued_to_with_an_infinitive:
        "Prices continued to rise in March." => [];
    descriptor_before_a_registered_outlet:
        "The toll rose to 16, according to Russia's state-run RIA Novosti news agency." =>
        ["Russia's state-run RIA Novosti news agency => Russia's state-run RIA Novosti news agency · reporting · secondary"];
    definite_description_with_a_name_is_not_resolved_to_an_earlier_source:
        "The toll rose to 12, state news agency Agerpres reported. The toll rose to 14, the Interfax news agency reported." =>
        [
            "state news agency Agerpres => Agerpres [state news agency] · reporting · secondary",
            "the Interfax news agency => Interfax news agency · reporting · secondary",
        ];
    unregistered_outlet_is_secondary:
        "The ambassador left Moscow, state news agency Agerpres reported." =>
        ["state news agency Agerpres => Agerpres [state news agency] · reporting · secondary"];

    credit_line_glued_to_a_caption:
        "The mayor opened the bridge in Washington D.C. Image: Hollin City Council." =>
        ["Hollin City Council => Hollin City Council · speech · primary"];
    headline_credited_after_a_dash:
        "\u{201c}Bridge reopens after two years\u{201d} \u{2014} Hollin Herald, May 4, 2026" =>
        ["Hollin Herald => Hollin Herald · reporting · secondary"];
    court_ruled_that:
        "The appeals court ruled that the election must be held again." =>
        ["The appeals court => appeals court · speech · primary"];

    // --- across sentences ---
    pronoun_takes_the_last_speaker:
        "Kremlin spokesman Dmitry Peskov said talks would go on.\n\n\"We will respond,\" he told reporters." =>
        [
            "Kremlin spokesman Dmitry Peskov => Dmitry Peskov [Kremlin spokesman] · speech · primary",
            "he => Dmitry Peskov [Kremlin spokesman] · speech · primary",
        ];
    definite_description_takes_the_named_source:
        "Kremlin spokesman Dmitry Peskov said talks would go on. The spokesman added that no date was set." =>
        [
            "Kremlin spokesman Dmitry Peskov => Dmitry Peskov [Kremlin spokesman] · speech · primary",
            "The spokesman => Dmitry Peskov [Kremlin spokesman] · speech · primary",
        ];
    // The segmenter keeps a quotation whole, so both quoted sentences are one claim with one speaker.
    quotation_of_two_sentences_is_one_claim:
        "\u{201c}We will not leave. We never left,\u{201d} the mayor said." =>
        ["the mayor => mayor · speech · unknown anonymous"];
    cue_inside_a_quotation_is_the_speaker_s_own:
        "\"I believe we must talk,\" Sullivan said." =>
        ["Sullivan => Sullivan · speech · primary"];

    // --- precision traps: not sources ---
    banks_report_profits:
        "Europe's biggest banks report profits every quarter." => [];
    economy_added_jobs:
        "The economy added 200,000 jobs in May." => [];
    age_and_title_before_a_name:
        "A 69-year-old Republican state senator won the seat." => [];
    questioned_by_police:
        "Two men were questioned by police on Tuesday." => [];
    title_compound_in_the_content:
        "Navy veteran Tom Lee opened the shop in 1998." => [];
    evidential_passive_is_a_hedge_not_a_source:
        "The suspect is said to have fled the country." => [];
    lack_of_rain_is_not_a_sayer:
        "The lack of rain, farmers said, has cut the harvest by half." =>
        ["farmers => farmers · speech · unknown anonymous"];
    fronted_phrase_is_not_a_reporting_clause:
        "In her opening remarks, the curator pointed out the features of the hall." => [];
    dateline_is_not_a_report:
        "MOSCOW (Reuters) - The ambassador left Moscow on Thursday." => [];
    wanting_to_act_is_an_intention_not_content:
        "The company no longer wants to support the old model." => [];
    planning_to_act_is_an_intention_not_content:
        "Tomorrow she plans to meet the envoy in Vienna." => [];
    noun_under_a_passive_participle_is_not_its_source:
        "A similar scheme backed by the Red Cross last year was rejected by the cabinet." =>
        ["the Red Cross => Red Cross · evaluative · primary"];
}

#[test]
fn explain_names_each_construction() {
    let cases = [
        (
            "Officials denied that the factory had leaked chemicals.",
            "subject of \"denied\" (clausal complement of \"deny\"; speech)",
        ),
        (
            "The minister was accused of lying by the rail operator.",
            "passive agent of \"accuse\", agent of the passive",
        ),
        (
            "According to officials, the bridge will reopen in May.",
            "object of \"according to\"",
        ),
        (
            "Peskov: \"We will respond to any sanctions.\"",
            "speaker before a colon",
        ),
        (
            "Reuters reported, citing two officials, that the deal was close.",
            "relayed (\"citing\")",
        ),
        (
            "The ambassador left Moscow, state news agency TASS reported.",
            "subject by layout",
        ),
    ];
    for (text, want) in cases {
        let got = constructions(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert!(got[0].contains(want), "{text}: {got:?} lacks {want:?}");
    }
}

// --- bad input: no panic, no runaway output, a sensible attribution or none ---

#[test]
fn source_name_over_200_characters_is_cut() {
    let name = (0..40)
        .map(|i| format!("Name{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    let text = format!("{name} said the vote was fair.");
    let got = render(&text);
    assert!(got.len() <= 1, "{got:?}");
    for a in &got {
        assert!(a.len() < 2 * text.len(), "runaway output: {a}");
    }
}

#[test]
fn thirty_cues_in_one_sentence() {
    let clause = (0..30)
        .map(|i| format!("official{i} said"))
        .collect::<Vec<_>>()
        .join(" that ");
    let text = format!("{clause} the bridge was safe.");
    let got = render(&text);
    assert!(
        got.len() <= 30,
        "one attribution per cue at most: {}",
        got.len()
    );
}

#[test]
fn quotations_nested_four_deep() {
    let text = "\u{201c}He told me \u{2018}she said \u{201c}they wrote \u{2018}we agree\u{2019}\u{201d}\u{2019},\u{201d} the mayor said.";
    let got = render(text);
    assert_eq!(
        got,
        ["the mayor => mayor · speech · unknown anonymous"],
        "{text}"
    );
}

#[test]
fn unbalanced_quotes_across_paragraphs() {
    let text = "\u{201c}We will not leave, the mayor said.\n\nThe council met on Tuesday. Officials said the vote was fair.";
    let got = render(text);
    // The open quotation ends with its paragraph: the later sentences are attributed on their own.
    assert_eq!(
        got.last().map(String::as_str),
        Some("Officials => Officials · speech · unknown anonymous"),
        "{got:?}"
    );
}
