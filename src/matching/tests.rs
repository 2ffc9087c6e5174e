//! Tests of scoring and pairing. The sentences are written for these tests (not third-party text).

use super::*;

/// Pairs that report the same fact in different words, as two outlets would.
const PARAPHRASES: &[(&str, &str)] = &[
    (
        "Sullivan left Moscow on Thursday morning, Interfax reported.",
        "The U.S. ambassador departed Moscow Thursday morning, according to Interfax.",
    ),
    (
        "The central bank raised its key interest rate by half a percentage point to 7.5% on Tuesday.",
        "On Tuesday the central bank lifted its key rate by 50 basis points to 7.5%, the bank said in a statement.",
    ),
    (
        "At least 12 people were killed when a bus plunged into a ravine in northern Peru, police said.",
        "Police in northern Peru said a bus fell into a ravine, killing at least 12 people.",
    ),
    (
        "Harbor officials closed the north pier on Monday after engineers found cracks in its supports.",
        "The north pier was closed on Monday when engineers discovered cracks in the supports, harbor officials said.",
    ),
    (
        "The city council approved a 40 million euro budget for repairing the old bridge.",
        "A budget of 40 million euros to repair the old bridge was approved by the city council.",
    ),
    (
        "Prime Minister Anna Lind resigned on Friday after losing a confidence vote in parliament.",
        "Anna Lind stepped down as prime minister on Friday after she lost a confidence vote in parliament.",
    ),
    (
        "Firefighters brought the wildfire near Santa Rosa under control late on Sunday, officials said.",
        "Officials said late Sunday that firefighters had brought the Santa Rosa wildfire under control.",
    ),
    (
        "The company will cut 1,200 jobs in Germany by the end of next year, a spokeswoman told Reuters.",
        "A spokeswoman told Reuters the company plans to cut 1,200 jobs in Germany by the end of next year.",
    ),
    (
        "Shares of Orlan Motors fell 9 percent after the carmaker recalled 300,000 vehicles over faulty brakes.",
        "Orlan Motors recalled 300,000 vehicles because of faulty brakes, sending its shares down 9 percent.",
    ),
    (
        "The health ministry reported 350 new cases of cholera in the province over the past week.",
        "Over the past week the province recorded 350 new cholera cases, according to the health ministry.",
    ),
    (
        "Talks between the union and the rail operator broke down on Wednesday without an agreement.",
        "The rail operator and the union broke off talks on Wednesday without reaching an agreement.",
    ),
    (
        "Kremlin spokesman Dmitry Peskov denied that Russian troops had crossed the border.",
        "Russian troops have not crossed the border, Kremlin spokesman Dmitry Peskov said on Monday.",
    ),
];

/// Pairs that share names, places or dates but report different things.
const UNRELATED: &[(&str, &str)] = &[
    (
        "Sullivan left Moscow on Thursday morning, Interfax reported.",
        "Sullivan met the foreign minister in Moscow on Thursday.",
    ),
    (
        "Sullivan left Moscow on Thursday morning, Interfax reported.",
        "Interfax reported that the Moscow stock exchange opened higher on Thursday morning.",
    ),
    (
        "Prime Minister Anna Lind resigned on Friday after losing a confidence vote in parliament.",
        "Anna Lind opened a new school in Uppsala on Friday, her office said.",
    ),
    (
        "At least 12 people were killed when a bus plunged into a ravine in northern Peru, police said.",
        "Police in northern Peru arrested two men suspected of smuggling gold across the border.",
    ),
    (
        "Shares of Orlan Motors fell 9 percent after the carmaker recalled 300,000 vehicles over faulty brakes.",
        "Orlan Motors will open a factory in Poland next year, Reuters reported.",
    ),
    (
        "The city council approved a 40 million euro budget for repairing the old bridge.",
        "The city council rejected a proposal to rename the old bridge after the former mayor.",
    ),
    (
        "Kremlin spokesman Dmitry Peskov denied that Russian troops had crossed the border.",
        "Dmitry Peskov said President Putin would travel to Beijing in May.",
    ),
    (
        "Firefighters brought the wildfire near Santa Rosa under control late on Sunday, officials said.",
        "Firefighters in Santa Rosa rescued a dog from a burning house on Sunday.",
    ),
    (
        "The health ministry reported 350 new cases of cholera in the province over the past week.",
        "The health ministry said the province would receive 2 million doses of vaccine next month.",
    ),
    (
        "Talks between the union and the rail operator broke down on Wednesday without an agreement.",
        "The rail operator said on Wednesday that trains would run on a reduced timetable.",
    ),
];

#[test]
fn threshold_separates_paraphrases_from_name_sharing_sentences() {
    let mut report = String::new();
    let mut lowest_paraphrase = f64::MAX;
    let mut highest_unrelated: f64 = 0.0;
    for (a, b) in PARAPHRASES {
        let s = similarity(a, b);
        report.push_str(&format!("+ {s:.3} {a} | {b}\n"));
        lowest_paraphrase = lowest_paraphrase.min(s);
    }
    for (a, b) in UNRELATED {
        let s = similarity(a, b);
        report.push_str(&format!("- {s:.3} {a} | {b}\n"));
        highest_unrelated = highest_unrelated.max(s);
    }
    assert!(
        lowest_paraphrase >= DEFAULT_THRESHOLD && highest_unrelated < DEFAULT_THRESHOLD,
        "lowest paraphrase {lowest_paraphrase:.3}, highest unrelated {highest_unrelated:.3}\n{report}"
    );
}

#[test]
fn identical_text_scores_one_and_punctuation_does_not_matter() {
    let t = "The pier had reportedly been cracking for months before it closed.";
    assert_eq!(similarity(t, t), 1.0);
    assert_eq!(
        similarity(
            t,
            "the pier had reportedly been cracking, for months, before it closed"
        ),
        1.0
    );
    assert_eq!(jaccard(&[], &[]), 0.0);
    assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
}

/// A corpus built in memory: `(document id, [(claim id, text, corroborates)])`.
fn corpus(docs: &[(&str, &[(&str, &str)])], options: &Options) -> Corpus {
    let mut c = Corpus::new();
    for (d, claims) in docs {
        let file = c.files.len() as u32;
        c.files.push(FileEntry {
            path: PathBuf::from(format!("{d}.yaml")),
            document: d.to_string(),
        });
        for (id, text) in claims.iter() {
            let (text, missing) = match text.strip_prefix("MISSING ") {
                Some(t) => (t, true),
                None => (*text, false),
            };
            let claim = ParsedClaim {
                id: id.to_string(),
                text: text.into(),
                analysis: (!missing).then(|| text::analyse(text)),
                corroborates: Vec::new(),
            };
            c.add_claim(file, claim, options);
        }
    }
    c
}

const P1: (&str, &str) = PARAPHRASES[0];
const U1: &str = "Grain prices in Chicago fell for a third straight week on forecasts of rain.";

#[test]
fn finds_cross_document_pairs_sorted_and_skips_what_it_should() {
    let options = Options::default();
    let c = corpus(
        &[
            (
                "b-doc",
                &[
                    ("000000000002", P1.1),
                    ("000000000003", U1),
                    ("000000000009", "Too short to match."),
                ],
            ),
            (
                "a-doc",
                &[
                    ("000000000001", P1.0),
                    (
                        "000000000004",
                        "The central bank raised interest rates again.",
                    ),
                ],
            ),
            (
                "c-doc",
                &[
                    ("000000000005", P1.0),
                    (
                        "000000000006",
                        "MISSING The central bank raised interest rates again.",
                    ),
                    ("000000000007", P1.1),
                ],
            ),
        ],
        &options,
    );
    let m = find(&c, &options);
    let pairs: Vec<Pair> = m.pairs(&c).collect();
    let got: Vec<(&str, &str, f64)> = pairs
        .iter()
        .map(|p| (p.a.as_str(), p.b.as_str(), p.score))
        .collect();
    let s = (similarity(P1.0, P1.1) * 100.0).round() / 100.0;
    assert_eq!(
        got,
        [
            ("a-doc#000000000001", "c-doc#000000000005", 1.0),
            ("b-doc#000000000002", "c-doc#000000000007", 1.0),
            ("a-doc#000000000001", "b-doc#000000000002", s),
            ("a-doc#000000000001", "c-doc#000000000007", s),
            ("b-doc#000000000002", "c-doc#000000000005", s),
        ]
    );
    assert_eq!(m.summary.skipped_missing, 1);
    assert_eq!(m.summary.skipped_short, 1);
    assert_eq!(m.summary.compared, 6);

    let same = Options {
        same_document: true,
        ..Options::default()
    };
    assert_eq!(find(&c, &same).len(), 6, "c-doc's two claims pair up too");
    let strict = Options {
        threshold: 0.99,
        ..Options::default()
    };
    assert_eq!(find(&c, &strict).len(), 2);
}

#[test]
fn known_corroborations_and_boilerplate_are_not_suggested() {
    let options = Options {
        max_copies: 2,
        ..Options::default()
    };
    let boiler = "The company did not respond to a request for comment on Friday.";
    let mut c = corpus(
        &[
            ("a", &[("000000000001", P1.0), ("000000000002", boiler)]),
            ("b", &[("000000000003", P1.1), ("000000000004", boiler)]),
            ("c", &[("000000000005", boiler)]),
        ],
        &options,
    );
    c.claims[2].corroborates.push("a#000000000001".into());
    let m = find(&c, &options);
    assert!(m.is_empty());
    assert_eq!(m.summary.already_corroborated, 1);
    assert_eq!(m.summary.skipped_copies, 3);
}

#[test]
fn output_is_deterministic() {
    let options = Options::default();
    let docs: Vec<(String, Vec<(String, String)>)> = (0..40)
        .map(|d| {
            let claims = PARAPHRASES
                .iter()
                .enumerate()
                .map(|(i, (a, b))| {
                    (
                        format!("{:012x}", i),
                        if (d + i) % 2 == 0 { a } else { b }.to_string(),
                    )
                })
                .collect();
            (format!("doc-{d:02}"), claims)
        })
        .collect();
    let borrowed: Vec<(&str, Vec<(&str, &str)>)> = docs
        .iter()
        .map(|(d, cs)| {
            (
                d.as_str(),
                cs.iter().map(|(i, t)| (i.as_str(), t.as_str())).collect(),
            )
        })
        .collect();
    let refs: Vec<(&str, &[(&str, &str)])> =
        borrowed.iter().map(|(d, cs)| (*d, cs.as_slice())).collect();
    let c = corpus(&refs, &options);
    let all = Options {
        top: 0,
        ..Options::default()
    };
    let first: Vec<Pair> = find(&c, &all).pairs(&c).collect();
    assert_eq!(first.len(), 12 * 40 * 39 / 2);
    let top: Vec<Pair> = find(&c, &options).pairs(&c).collect();
    assert!(top.len() <= 480 * 3, "{}", top.len());
    for _ in 0..3 {
        assert_eq!(find(&c, &all).pairs(&c).collect::<Vec<_>>(), first);
        assert_eq!(find(&c, &options).pairs(&c).collect::<Vec<_>>(), top);
    }
}

/// `(claim, [(candidate, score)])` of every group, scores at two decimals.
fn grouped(m: &Matches, c: &Corpus) -> Vec<(String, Vec<(String, f64)>)> {
    m.groups(c)
        .map(|g| {
            let list = g
                .candidates
                .into_iter()
                .map(|x| (x.claim, x.score))
                .collect();
            (g.claim, list)
        })
        .collect()
}

#[test]
fn top_k_keeps_each_claims_best_partners_and_pairs_from_either_side() {
    // a and b say P1.0, c, d and e P1.1: five claims, ten pairs above the threshold.
    let docs: [(&str, &[(&str, &str)]); 5] = [
        ("a", &[("000000000001", P1.0)]),
        ("b", &[("000000000002", P1.0)]),
        ("c", &[("000000000003", P1.1)]),
        ("d", &[("000000000004", P1.1)]),
        ("e", &[("000000000005", P1.1)]),
    ];
    let c = corpus(&docs, &Options::default());
    let s = (similarity(P1.0, P1.1) * 100.0).round() / 100.0;
    let r = |d: &str, n: u32| format!("{d}#{n:012}");

    let one = Options {
        top: 1,
        ..Options::default()
    };
    let m = find(&c, &one);
    assert_eq!(
        (m.summary.above_threshold, m.summary.pairs, m.summary.top),
        (10, 3, 1)
    );
    // e's best is c (1.0, c before d), though c's own best is d: the pair is kept, listed under e only.
    let pairs: Vec<(String, String)> = m.pairs(&c).map(|p| (p.a, p.b)).collect();
    assert_eq!(
        pairs,
        [
            (r("a", 1), r("b", 2)),
            (r("c", 3), r("d", 4)),
            (r("c", 3), r("e", 5))
        ]
    );
    assert_eq!(
        grouped(&m, &c),
        [
            (r("a", 1), vec![(r("b", 2), 1.0)]),
            (r("b", 2), vec![(r("a", 1), 1.0)]),
            (r("c", 3), vec![(r("d", 4), 1.0)]),
            (r("d", 4), vec![(r("c", 3), 1.0)]),
            (r("e", 5), vec![(r("c", 3), 1.0)]),
        ]
    );

    // Three each: the copies first, then the paraphrases by reference; no list is longer than K.
    let m = find(&c, &Options::default());
    let groups = grouped(&m, &c);
    assert_eq!(
        groups[0],
        (
            r("a", 1),
            vec![(r("b", 2), 1.0), (r("c", 3), s), (r("d", 4), s)]
        )
    );
    assert!(groups.iter().all(|(_, l)| l.len() <= 3));
    assert_eq!(m.summary.pairs, m.pairs(&c).count());

    // 0: every pair, each claim listing all its partners.
    let all = find(
        &c,
        &Options {
            top: 0,
            ..Options::default()
        },
    );
    assert_eq!(all.summary.pairs, 10);
    assert!(grouped(&all, &c).iter().all(|(_, l)| l.len() == 4));
}

#[test]
fn suggestions_list_each_claim_with_its_matches() {
    let pairs = vec![
        Pair {
            a: "a#1".into(),
            b: "b#2".into(),
            score: 0.5,
            files: (0, 1),
        },
        Pair {
            a: "a#1".into(),
            b: "c#3".into(),
            score: 0.9,
            files: (0, 2),
        },
    ];
    let s = suggestions(&pairs);
    assert_eq!(s["a#1"], [("c#3", 0.9), ("b#2", 0.5)]);
    assert_eq!(s["b#2"], [("a#1", 0.5)]);
    assert_eq!(note(0.5), "claimtrail match score 0.50");
}

/// A paraphrase pair, and a claim with the same words as its first sentence that reports something else.
const HARD_NEGATIVES: &[(&str, &str, &str)] = &[
    (
        "The central bank raised its key interest rate by half a percentage point to 7.5% on Tuesday.",
        "On Tuesday the central bank lifted its key rate by 50 basis points to 7.5%, the bank said in a statement.",
        "The central bank raised its key interest rate by half a percentage point to 6.5% on Tuesday.",
    ),
    (
        "The company will cut 1,200 jobs in Germany by the end of next year, a spokeswoman told Reuters.",
        "A spokeswoman told Reuters the company plans to cut 1,200 jobs in Germany by the end of next year.",
        "The company will cut 400 jobs in Germany by the end of next year, a spokeswoman told Reuters.",
    ),
    (
        "Prime Minister Anna Lind resigned on Friday after losing a confidence vote in parliament.",
        "Anna Lind stepped down as prime minister on Friday after she lost a confidence vote in parliament.",
        "Prime Minister Ola Berg resigned on Friday after losing a confidence vote in parliament.",
    ),
    (
        "Talks between the union and the rail operator broke down on Wednesday without an agreement.",
        "The rail operator and the union broke off talks on Wednesday without reaching an agreement.",
        "Talks between the union and the rail operator broke down on Sunday without an agreement.",
    ),
    (
        "Kremlin spokesman Dmitry Peskov denied that Russian troops had crossed the border.",
        "Russian troops have not crossed the border, Kremlin spokesman Dmitry Peskov said on Monday.",
        "Kremlin spokesman Dmitry Peskov confirmed that Russian troops had crossed the border.",
    ),
];

#[test]
fn a_different_number_name_or_day_scores_below_the_paraphrase_and_the_threshold() {
    for (a, paraphrase, negative) in HARD_NEGATIVES {
        let (p, n) = (similarity(a, paraphrase), similarity(a, negative));
        assert!(p >= DEFAULT_THRESHOLD, "{p:.3}: {a} | {paraphrase}");
        assert!(
            n < DEFAULT_THRESHOLD && n < p,
            "{n:.3} (paraphrase {p:.3}): {a} | {negative}"
        );
    }
}

#[test]
fn claims_differing_only_in_an_anchor_are_not_grouped_as_copies() {
    // Weekdays are not shingles: the two sentences have one shingle set, but they report two protests.
    let sunday = "Protesters blocked the main road to the airport for several hours on Sunday.";
    let wednesday =
        "Protesters blocked the main road to the airport for several hours on Wednesday.";
    assert_eq!(
        text::analyse(sunday).shingles,
        text::analyse(wednesday).shingles
    );
    let options = Options::default();
    let c = corpus(
        &[
            ("a", &[("000000000001", sunday)]),
            ("b", &[("000000000002", wednesday)]),
            ("c", &[("000000000003", sunday)]),
        ],
        &options,
    );
    let m = find(&c, &options);
    let got: Vec<(String, String, f64)> = m.pairs(&c).map(|p| (p.a, p.b, p.score)).collect();
    assert_eq!(
        got,
        [("a#000000000001".into(), "c#000000000003".into(), 1.0)]
    );
    assert!(similarity(sunday, wednesday) < DEFAULT_THRESHOLD);
}
