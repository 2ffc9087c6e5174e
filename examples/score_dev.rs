//! Development-set scorer for attribution (source mentions) and hedge cues.
//!
//! Run with `cargo run --release --example score_dev -- [--verbose] [--shared DIR] [--devset DIR]`, or
//! `scripts/score-dev`. It prints precision, recall and F1 of predicted source mentions on:
//!
//! 1. `../shared/eval/gum-news` (skipped when absent), in two ways:
//!    - *sources*: a predicted mention is correct when it overlaps a gold `source_signals` span; recall is over
//!      the relations (one gold source each; a relation is found when any of its source spans is overlapped);
//!    - *peer metric*: the figure the peer (`shared/peers/attribution.py`, F1 0.72) is quoted with: a predicted
//!      mention is correct when it overlaps an `attributing` clause; recall over the 247 clauses.
//! 2. the project's `devset/*.txt`: `[[…]]` marks a gold source mention and `{{…}}` a gold hedge cue. Markup is
//!    stripped to get the text and gold offsets; mentions are scored by overlap, and so are hedge cues (a cue
//!    string returned by `hedging::detect` is located in its sentence).
//!
//! Predicted mentions are the `mention` spans of the attributions and of their relays (`via`: the devset marks
//! "Reuters" in "Reuters reported, citing an official" as a source too), each distinct span once; a second gum
//! line leaves relays out. `--verbose` lists false positives and negatives per document.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use claimtrail::registry::Registry;
use claimtrail::syntax::Model;
use claimtrail::{attribution, hedging, segment};

/// The model attribution runs on: `--model FILE` (e.g. one trained with `--exclude-docs GUM_news_`, so gum-news
/// is scored by a parser that has not seen it), or the embedded one.
static MODEL: std::sync::OnceLock<&'static Model> = std::sync::OnceLock::new();

fn model() -> &'static Model {
    MODEL.get_or_init(|| Model::embedded().expect("embedded syntax model"))
}

/// Precision/recall counts.
#[derive(Default, Clone, Copy)]
struct Score {
    pred: usize,
    pred_ok: usize,
    gold: usize,
    gold_found: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.pred += o.pred;
        self.pred_ok += o.pred_ok;
        self.gold += o.gold;
        self.gold_found += o.gold_found;
    }
    fn line(&self, label: &str) -> String {
        let p = if self.pred == 0 {
            0.0
        } else {
            self.pred_ok as f64 / self.pred as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            self.gold_found as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        format!(
            "{label:<28} P {p:.3}  R {r:.3}  F1 {f:.3}   (predicted {} correct {}; gold {} found {})",
            self.pred, self.pred_ok, self.gold, self.gold_found
        )
    }
}

type ByteSpan = (usize, usize);

fn overlaps(a: ByteSpan, b: ByteSpan) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Distinct predicted mention spans of a document, with the sentence each came from. With `relays`, the
/// mentions of relays ("Reuters reported, citing an official": Reuters) count too.
fn predict(text: &str, registry: &Registry, relays: bool) -> Vec<(ByteSpan, String)> {
    let sentences = segment::split(text);
    let atts = attribution::attribute(text, &sentences, registry, model());
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (s, list) in sentences.iter().zip(&atts) {
        for a in list {
            let span = (a.mention.start as usize, a.mention.end as usize);
            if seen.insert(span) {
                out.push((span, format!("{} [{}] ← {:?}", a.cue, a.name, s.text(text))));
            }
            for r in a.via.iter().filter(|_| relays) {
                if let Some(m) = r.mention {
                    let span = (m.start as usize, m.end as usize);
                    if seen.insert(span) {
                        out.push((
                            span,
                            format!("relay of {} [{}] ← {:?}", a.name, r.name, s.text(text)),
                        ));
                    }
                }
            }
        }
    }
    out
}

fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

struct Relation {
    sources: Vec<ByteSpan>,
    attributing: ByteSpan,
    label: String,
}

fn load_gum_doc(text: &str, json: &serde_json::Value) -> Vec<Relation> {
    let map = char_to_byte(text);
    let span = |v: &serde_json::Value| -> ByteSpan {
        let s = v["start"].as_u64().unwrap_or(0) as usize;
        let e = v["end"].as_u64().unwrap_or(0) as usize;
        (map[s.min(map.len() - 1)], map[e.min(map.len() - 1)])
    };
    let mut out = Vec::new();
    for a in json["attributions"].as_array().into_iter().flatten() {
        let sources: Vec<ByteSpan> = a["source_signals"]
            .as_array()
            .into_iter()
            .flatten()
            .map(span)
            .collect();
        let attributing = span(&a["attributing"]);
        let names: Vec<&str> = a["source_signals"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s["text"].as_str())
            .collect();
        let label = format!(
            "{} ⟨{}⟩",
            names.join(" | "),
            a["attributing"]["text"].as_str().unwrap_or("")
        );
        out.push(Relation {
            sources,
            attributing,
            label,
        });
    }
    out
}

fn score_gum(
    dir: &Path,
    registry: &Registry,
    verbose: bool,
    relays: bool,
) -> Option<(Score, Score)> {
    let text_dir = dir.join("text");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&text_dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut src_total = Score::default();
    let mut peer_total = Score::default();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
    {
        let stem = path.file_stem()?.to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).ok()?;
        let json: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("attributions").join(format!("{stem}.json"))).ok()?,
        )
        .ok()?;
        let rels = load_gum_doc(&text, &json);
        let pred = predict(&text, registry, relays);
        let mut src = Score {
            pred: pred.len(),
            gold: rels.len(),
            ..Score::default()
        };
        let mut peer = Score {
            pred: pred.len(),
            gold: rels.len(),
            ..Score::default()
        };
        let mut fps = Vec::new();
        for (span, info) in &pred {
            if rels
                .iter()
                .any(|r| r.sources.iter().any(|g| overlaps(*span, *g)))
            {
                src.pred_ok += 1;
            } else {
                fps.push(format!("  FP {:?} {info}", &text[span.0..span.1]));
            }
            if rels.iter().any(|r| overlaps(*span, r.attributing)) {
                peer.pred_ok += 1;
            }
        }
        let mut fns = Vec::new();
        for r in &rels {
            if r.sources
                .iter()
                .any(|g| pred.iter().any(|(p, _)| overlaps(*p, *g)))
            {
                src.gold_found += 1;
            } else {
                // The sentence holding the attributing clause, and what was predicted in it.
                let sentences = segment::split(&text);
                let sent = sentences
                    .iter()
                    .find(|s| s.start <= r.attributing.0 && r.attributing.0 < s.end);
                let near: Vec<&str> = pred
                    .iter()
                    .filter(|(p, _)| sent.is_some_and(|s| s.start <= p.0 && p.1 <= s.end))
                    .map(|(p, _)| &text[p.0..p.1])
                    .collect();
                fns.push(format!(
                    "  FN {}\n       in {:?}\n       predicted there: {near:?}",
                    r.label,
                    sent.map_or("", |s| s.text(&text))
                ));
            }
            if pred.iter().any(|(p, _)| overlaps(*p, r.attributing)) {
                peer.gold_found += 1;
            }
        }
        if verbose {
            println!("{}", src.line(&format!("gum {stem}")));
            for l in fps.iter().chain(&fns) {
                println!("{l}");
            }
        }
        src_total.add(src);
        peer_total.add(peer);
    }
    Some((src_total, peer_total))
}

/// Strips `[[…]]` and `{{…}}` markup; returns the plain text, gold mention spans and gold hedge spans.
fn strip_markup(marked: &str) -> (String, Vec<ByteSpan>, Vec<ByteSpan>) {
    let mut text = String::with_capacity(marked.len());
    let mut mentions = Vec::new();
    let mut hedges = Vec::new();
    let mut open_m = Vec::new();
    let mut open_h = Vec::new();
    let mut rest = marked;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("[[") {
            open_m.push(text.len());
            rest = r;
        } else if let Some(r) = rest.strip_prefix("]]") {
            if let Some(s) = open_m.pop() {
                mentions.push((s, text.len()));
            }
            rest = r;
        } else if let Some(r) = rest.strip_prefix("{{") {
            open_h.push(text.len());
            rest = r;
        } else if let Some(r) = rest.strip_prefix("}}") {
            if let Some(s) = open_h.pop() {
                hedges.push((s, text.len()));
            }
            rest = r;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    (text, mentions, hedges)
}

/// The construction-coverage articles (see devset/README.md), scored apart from the original set as well.
const CONSTRUCTION_FILES: &[&str] = &[
    "relay-citing.txt",
    "anonymous-sources.txt",
    "evaluative-directive.txt",
    "cognition-stance.txt",
    "evidence-documents.txt",
    "speaker-across-sentences.txt",
    "quotes-nested.txt",
    "headlines-datelines.txt",
    "precision-traps.txt",
    "long-distance.txt",
    "interview-style.txt",
    "court-report.txt",
];

/// Mention and hedge scores over the devset: all files, the construction articles, the others.
struct DevsetScores {
    all: Score,
    construction: Score,
    original: Score,
    hedges: Score,
    files: usize,
}

fn score_devset(dir: &Path, registry: &Registry, verbose: bool) -> Option<DevsetScores> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    if files.is_empty() {
        return None;
    }
    let mut m_total = Score::default();
    let mut h_total = Score::default();
    let mut construction = Score::default();
    let mut original = Score::default();
    for path in &files {
        let marked = std::fs::read_to_string(path).ok()?;
        let (text, gold_m, gold_h) = strip_markup(&marked);
        let pred = predict(&text, registry, true);
        let mut m = Score {
            pred: pred.len(),
            gold: gold_m.len(),
            ..Score::default()
        };
        let mut lines = Vec::new();
        for (span, info) in &pred {
            if gold_m.iter().any(|g| overlaps(*span, *g)) {
                m.pred_ok += 1;
            } else {
                lines.push(format!("  FP {:?} {info}", &text[span.0..span.1]));
            }
        }
        for g in &gold_m {
            if pred.iter().any(|(p, _)| overlaps(*p, *g)) {
                m.gold_found += 1;
            } else {
                lines.push(format!("  FN {:?}", &text[g.0..g.1]));
            }
        }
        // Hedge cues: locate each predicted cue string in its sentence.
        let mut h = Score {
            gold: gold_h.len(),
            ..Score::default()
        };
        let mut found = vec![false; gold_h.len()];
        for s in segment::split(&text) {
            let st = s.text(&text);
            let mut from = 0;
            for cue in hedging::detect(st).cues {
                let lower = st.to_lowercase();
                let pos = lower[from.min(lower.len())..]
                    .find(&cue.to_lowercase())
                    .map(|p| p + from)
                    .or_else(|| lower.find(&cue.to_lowercase()));
                h.pred += 1;
                let Some(p) = pos else { continue };
                from = p + cue.len();
                let span = (s.start + p, s.start + p + cue.len());
                let hits: Vec<usize> = (0..gold_h.len())
                    .filter(|&k| overlaps(span, gold_h[k]))
                    .collect();
                if hits.is_empty() {
                    lines.push(format!("  hedge FP {cue:?} in {st:?}"));
                } else {
                    h.pred_ok += 1;
                    for k in hits {
                        found[k] = true;
                    }
                }
            }
        }
        h.gold_found = found.iter().filter(|&&f| f).count();
        for (k, g) in gold_h.iter().enumerate() {
            if !found[k] {
                lines.push(format!("  hedge FN {:?}", &text[g.0..g.1]));
            }
        }
        if verbose {
            println!(
                "{}",
                m.line(&format!("devset {}", path.file_name()?.to_string_lossy()))
            );
            for l in &lines {
                println!("{l}");
            }
        }
        m_total.add(m);
        h_total.add(h);
        let name = path.file_name()?.to_string_lossy();
        if CONSTRUCTION_FILES.contains(&name.as_ref()) {
            construction.add(m);
        } else {
            original.add(m);
        }
    }
    Some(DevsetScores {
        all: m_total,
        construction,
        original,
        hedges: h_total,
        files: files.len(),
    })
}

/// `devset/ud-genres.tsv`: gold source spans in sentences of the UD EWT and GUM dev splits (read from
/// `../shared/train/ud` by sentence id), per genre. Each sentence is attributed on its own.
fn score_ud_genres(
    tsv: &Path,
    ud: &Path,
    registry: &Registry,
    verbose: bool,
) -> Option<Vec<(String, Score)>> {
    let table = std::fs::read_to_string(tsv).ok()?;
    let mut texts: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for file in ["en_ewt-dev", "en_gum-dev"] {
        let sentences =
            claimtrail::syntax::train::read_treebank(&ud.join(format!("{file}.conllu.gz"))).ok()?;
        for s in sentences {
            if let (Some(id), Some(t)) = (s.comment("sent_id"), s.comment("text")) {
                texts.insert(format!("{file}\t{id}"), t.to_string());
            }
        }
    }
    let mut by_genre: std::collections::BTreeMap<String, Score> = std::collections::BTreeMap::new();
    for line in table.lines().skip(1) {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        let Some(text) = texts.get(&format!("{}\t{}", cols[0], cols[1])) else {
            eprintln!("ud-genres: no sentence {} in {}", cols[1], cols[0]);
            continue;
        };
        let genre = if cols[0] == "en_ewt-dev" {
            "ewt (web)".to_string()
        } else {
            format!("gum {}", cols[1].split('_').nth(1).unwrap_or("?"))
        };
        let map = char_to_byte(text);
        let gold: Vec<ByteSpan> = cols[2]
            .split(';')
            .filter(|s| !s.is_empty())
            .filter_map(|s| {
                let (a, b) = s.split_once('-')?;
                let (a, b): (usize, usize) = (a.parse().ok()?, b.parse().ok()?);
                Some((map[a.min(map.len() - 1)], map[b.min(map.len() - 1)]))
            })
            .collect();
        let pred = predict(text, registry, true);
        let mut sc = Score {
            pred: pred.len(),
            gold: gold.len(),
            ..Score::default()
        };
        sc.pred_ok = pred
            .iter()
            .filter(|(p, _)| gold.iter().any(|g| overlaps(*p, *g)))
            .count();
        sc.gold_found = gold
            .iter()
            .filter(|g| pred.iter().any(|(p, _)| overlaps(*p, **g)))
            .count();
        if verbose && (sc.pred_ok < sc.pred || sc.gold_found < sc.gold) {
            let shown: Vec<&str> = pred.iter().map(|(p, _)| &text[p.0..p.1]).collect();
            let want: Vec<&str> = gold.iter().map(|g| &text[g.0..g.1]).collect();
            println!(
                "  ud {} {}: predicted {shown:?} gold {want:?}\n     {text}",
                cols[0], cols[1]
            );
        }
        by_genre.entry(genre).or_default().add(sc);
    }
    Some(by_genre.into_iter().collect())
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut shared = root.join("../shared");
    let mut devset = root.join("devset");
    let mut verbose = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-v" | "--verbose" => verbose = true,
            "--shared" => shared = args.next().map(PathBuf::from).unwrap_or(shared),
            "--devset" => devset = args.next().map(PathBuf::from).unwrap_or(devset),
            "--model" => {
                let path = PathBuf::from(args.next().unwrap_or_default());
                let m = Model::load(&path).unwrap_or_else(|e| {
                    eprintln!("score_dev: {e}");
                    std::process::exit(2)
                });
                let _ = MODEL.set(Box::leak(Box::new(m)));
            }
            "--show" => {
                // Debug aid: print each sentence of a file (markup stripped) with its attributions.
                let path = args.next().unwrap_or_default();
                let marked = std::fs::read_to_string(&path).unwrap_or_default();
                let (text, _, _) = strip_markup(&marked);
                let sentences = segment::split(&text);
                let atts = attribution::explain(&text, &sentences, &Registry::builtin(), model());
                for (s, list) in sentences.iter().zip(&atts) {
                    println!("{:?}", s.text(&text));
                    for e in list {
                        let a = &e.attribution;
                        let m = &text[a.mention.start as usize..a.mention.end as usize];
                        let via: Vec<&str> = a.via.iter().map(|r| r.name.as_str()).collect();
                        println!(
                            "    -> {m:?} name={:?} role={:?} cue={:?} class={:?} kind={:?} quote={:?} anon={} src={:?} via={via:?}\n       [{}]",
                            a.name,
                            a.role,
                            a.cue,
                            a.class,
                            a.kind,
                            a.quote,
                            a.anonymous,
                            a.source,
                            e.construction
                        );
                    }
                }
                return;
            }
            "--speed" => {
                // Throughput of segment + attribute on the gum-news texts repeated to about 20 MB.
                let dir = shared.join("eval/gum-news/text");
                let mut one = String::new();
                for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                    one.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
                    one.push_str("\n\n");
                }
                if one.trim().is_empty() {
                    println!("speed: skipped ({} not found)", dir.display());
                    return;
                }
                let text = one.repeat((20_000_000 / one.len()).max(1));
                let registry = Registry::builtin();
                let t0 = std::time::Instant::now();
                let sentences = segment::split(&text);
                let t1 = std::time::Instant::now();
                let atts = attribution::attribute(&text, &sentences, &registry, model());
                let t2 = std::time::Instant::now();
                let mb = text.len() as f64 / 1e6;
                let n: usize = atts.iter().map(Vec::len).sum();
                println!(
                    "{mb:.1} MB, {} sentences, {n} attributions: segment {:.1} MB/s, attribute {:.1} MB/s, both {:.1} MB/s",
                    sentences.len(),
                    mb / (t1 - t0).as_secs_f64(),
                    mb / (t2 - t1).as_secs_f64(),
                    mb / (t2 - t0).as_secs_f64()
                );
                return;
            }
            "-h" | "--help" => {
                println!(
                    "usage: score_dev [--verbose] [--model FILE] [--shared DIR] [--devset DIR] | --show FILE"
                );
                return;
            }
            other => {
                eprintln!("score_dev: unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let registry = Registry::builtin();
    let gum = shared.join("eval/gum-news");
    match score_gum(&gum, &registry, verbose, true) {
        Some((src, peer)) => {
            println!("{}", src.line("gum-news sources"));
            if let Some((no_relay, _)) = score_gum(&gum, &registry, false, false) {
                println!("{}", no_relay.line("  (without relay mentions)"));
            }
            println!("{}", peer.line("gum-news peer metric"));
            println!(
                "{:<28} P 0.890  R 0.610  F1 0.720   (shared/README.md)",
                "  peer attribution.py"
            );
        }
        None => println!("gum-news: skipped ({} not found)", gum.display()),
    }
    match score_devset(&devset, &registry, verbose) {
        Some(d) => {
            println!(
                "{}",
                d.all.line(&format!("devset mentions ({} docs)", d.files))
            );
            println!("{}", d.original.line("  original articles"));
            println!("{}", d.construction.line("  construction articles"));
            println!("{}", d.hedges.line("devset hedge cues"));
        }
        None => println!("devset: skipped (no {}/*.txt)", devset.display()),
    }
    match score_ud_genres(
        &devset.join("ud-genres.tsv"),
        &shared.join("train/ud"),
        &registry,
        verbose,
    ) {
        Some(genres) => {
            let mut total = Score::default();
            for (g, sc) in &genres {
                println!("{}", sc.line(&format!("  ud {g}")));
                total.add(*sc);
            }
            println!("{}", total.line("ud-genres (UD dev, all)"));
        }
        None => println!("ud-genres: skipped (no devset/ud-genres.tsv or ../shared/train/ud)"),
    }
}
