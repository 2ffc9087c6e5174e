//! Training and evaluation of the syntax model from UD treebanks.
//!
//! Deterministic by construction: one seeded generator per task, integer weights (sums do not depend on order),
//! sorted inventories, and parallel work only where each task is independent and its result is collected in
//! order (the jackknife folds and the two final taggers). The steps follow `../shared/SYNTAX.md`:
//! 1. tag and label inventories from the training data (sorted), the tagger lexicon and lemma tables;
//! 2. UPOS and XPOS taggers for 10 contiguous folds (documents stay whole), each tagging the fold it did not see,
//!    so the parser trains on tags as noisy as those it will get at run time;
//! 3. final taggers on all training data;
//! 4. the parser: non-projective trees lifted, 15 epochs with the dynamic oracle and exploration, the epoch with
//!    the best development LAS kept.

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::conllu;
use super::key::Rng;
use super::lemma::Lemmatizer;
use super::model::{self, Parts};
use super::parser::{self, Gold, Input, Labels};
use super::tagger::{self, Atoms, Lexicon, Set};
use super::weights::{Table, TrainTable};
use super::{Analysis, Model, Scratch, Upos};

/// Training settings (the defaults are the ones the shipped model was trained with).
#[derive(Debug, Clone)]
pub struct Config {
    pub train: Vec<PathBuf>,
    pub dev: Vec<PathBuf>,
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Parser epochs that always follow the oracle's transition before exploration starts.
    pub static_epochs: usize,
    /// Probability of following a mistaken prediction once exploring.
    pub explore: f64,
    pub folds: usize,
    pub tagger_bits: u32,
    pub parser_bits: u32,
    pub seed: u64,
    /// Leave out training documents whose `newdoc id` starts with one of these (to score attribution on text
    /// the parser has not seen, e.g. `GUM_news_` for `../shared/eval/gum-news`).
    pub exclude_docs: Vec<String>,
    /// Use only the first N training sentences (for quick runs and tests).
    pub max_sentences: Option<usize>,
}

impl Config {
    /// The standard configuration over the treebanks in `dir` (`../shared/train/ud`).
    pub fn standard(dir: &Path) -> Config {
        let f = |n: &str| dir.join(n);
        Config {
            train: vec![f("en_ewt-train.conllu.gz"), f("en_gum-train.conllu.gz")],
            dev: vec![f("en_ewt-dev.conllu.gz"), f("en_gum-dev.conllu.gz")],
            tagger_epochs: 8,
            parser_epochs: 15,
            static_epochs: 2,
            explore: 0.9,
            folds: 10,
            tagger_bits: 17,
            parser_bits: 18,
            seed: 20_261_202,
            exclude_docs: Vec::new(),
            max_sentences: None,
        }
    }
}

/// A training or evaluation failure.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Format { path: String, source: conllu::Error },
    #[error("{0}")]
    Model(#[from] super::ModelError),
    #[error("{0}")]
    Data(String),
}

/// Reads a CoNLL-U file, gzip-compressed or not.
pub fn read_treebank(path: &Path) -> Result<Vec<conllu::Sentence>, Error> {
    let io = |source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let raw = std::fs::read(path).map_err(io)?;
    let mut text = String::new();
    if raw.starts_with(&[0x1f, 0x8b]) {
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_string(&mut text)
            .map_err(io)?;
    } else {
        text = String::from_utf8(raw)
            .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
    }
    conllu::parse(&text).map_err(|source| Error::Format {
        path: path.display().to_string(),
        source,
    })
}

/// A sentence as training sees it: indices into the inventories, heads 0-based with `n` for ROOT.
struct Sent {
    forms: Vec<String>,
    lemmas: Vec<String>,
    upos: Vec<u8>,
    xpos: Vec<u8>,
    head: Vec<u32>,
    label: Vec<u8>,
}

fn index(names: &[String], s: &str) -> Option<u8> {
    names
        .binary_search_by(|n| n.as_str().cmp(s))
        .ok()
        .map(|i| i as u8)
}

fn convert(s: &conllu::Sentence, xpos_names: &[String], labels: &[String]) -> Result<Sent, String> {
    let n = s.words.len() as u32;
    let mut out = Sent {
        forms: Vec::new(),
        lemmas: Vec::new(),
        upos: Vec::new(),
        xpos: Vec::new(),
        head: Vec::new(),
        label: Vec::new(),
    };
    for w in &s.words {
        let head = w
            .head
            .ok_or_else(|| format!("line {}: word without HEAD", s.line))?;
        out.forms.push(w.form.clone());
        out.lemmas.push(w.lemma.clone());
        out.upos.push(Upos::parse(&w.upos).unwrap_or(Upos::X) as u8);
        out.xpos.push(index(xpos_names, &w.xpos).unwrap_or(0));
        out.head.push(if head == 0 { n } else { head - 1 });
        out.label.push(index(labels, &w.deprel).unwrap_or(0));
    }
    Ok(out)
}

/// What training reports along the way.
pub type Log<'a> = &'a mut (dyn FnMut(&str) + Send);

/// Trains a model; returns the serialised model file.
pub fn train(cfg: &Config, log: Log) -> Result<Vec<u8>, Error> {
    let started = std::time::Instant::now();
    let mut raw = Vec::new();
    for p in &cfg.train {
        let mut doc_excluded = false;
        for s in read_treebank(p)? {
            if let Some(doc) = s.comment("newdoc id") {
                doc_excluded = cfg.exclude_docs.iter().any(|x| doc.starts_with(x.as_str()));
            }
            if !doc_excluded {
                raw.push(s);
            }
        }
    }
    if let Some(n) = cfg.max_sentences {
        raw.truncate(n);
    }
    let mut dev_raw = Vec::new();
    for p in &cfg.dev {
        dev_raw.extend(read_treebank(p)?);
    }
    if let Some(n) = cfg.max_sentences {
        dev_raw.truncate(n);
    }
    let mut xpos_names: Vec<String> = raw
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.xpos.clone()))
        .collect();
    xpos_names.sort();
    xpos_names.dedup();
    let mut labels: Vec<String> = raw
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .collect();
    labels.sort();
    labels.dedup();
    if xpos_names.len() > 64 || labels.len() > 127 || !labels.iter().any(|l| l == "root") {
        return Err(Error::Data(format!(
            "unexpected inventories: {} XPOS tags, {} labels (root present: {})",
            xpos_names.len(),
            labels.len(),
            labels.iter().any(|l| l == "root")
        )));
    }
    let conv = |v: &[conllu::Sentence]| -> Result<Vec<Sent>, Error> {
        v.iter()
            .map(|s| convert(s, &xpos_names, &labels).map_err(Error::Data))
            .collect()
    };
    let data = conv(&raw)?;
    let dev = conv(&dev_raw)?;
    let words: usize = data.iter().map(|s| s.forms.len()).sum();
    log(&format!(
        "{} training sentences ({words} words), {} development sentences; {} XPOS tags, {} labels",
        data.len(),
        dev.len(),
        xpos_names.len(),
        labels.len()
    ));

    let lexicon = build_lexicon(data.iter());
    let lemmatizer = Lemmatizer::build(
        data.iter().flat_map(|s| {
            s.forms
                .iter()
                .zip(&s.xpos)
                .zip(&s.lemmas)
                .map(|((f, &x), l)| (f.as_str(), x, l.as_str()))
        }),
        &xpos_names,
    );

    // Jackknifed tags for the parser's training data.
    let folds = cfg.folds.max(2);
    let bounds: Vec<(usize, usize)> = (0..folds)
        .map(|k| (data.len() * k / folds, data.len() * (k + 1) / folds))
        .collect();
    let tagged: Vec<Vec<(Vec<u8>, Vec<u8>)>> = bounds
        .par_iter()
        .enumerate()
        .map(|(k, &(a, b))| {
            let rest = data[..a].iter().chain(&data[b..]);
            let lex = build_lexicon(rest.clone());
            let atoms = |s: &Sent| atoms_of(&s.forms, &lex);
            let train_set: Vec<&Sent> = rest.collect();
            let (up, xp) = train_taggers(cfg, &train_set, &lex, cfg.seed + k as u64);
            data[a..b]
                .iter()
                .map(|s| {
                    let at = atoms(s);
                    let (mut u, mut x, mut sc) = (Vec::new(), Vec::new(), Vec::new());
                    tagger::tag(&up, &at, Set::Upos, &mut u, &mut sc);
                    tagger::tag(&xp, &at, Set::Xpos, &mut x, &mut sc);
                    (u, x)
                })
                .collect()
        })
        .collect();
    let jack: Vec<(Vec<u8>, Vec<u8>)> = tagged.into_iter().flatten().collect();
    let (right, total) = jack.iter().zip(&data).fold((0, 0), |(r, t), ((u, _), s)| {
        (
            r + u.iter().zip(&s.upos).filter(|(a, b)| a == b).count(),
            t + s.upos.len(),
        )
    });
    log(&format!(
        "jackknifed UPOS on the training data: {:.2}% ({:.0} s)",
        100.0 * right as f64 / total.max(1) as f64,
        started.elapsed().as_secs_f64()
    ));

    let all: Vec<&Sent> = data.iter().collect();
    let (upos, xpos) = train_taggers(cfg, &all, &lexicon, cfg.seed + 1000);
    log(&format!(
        "final taggers trained ({:.0} s)",
        started.elapsed().as_secs_f64()
    ));

    // Development inputs, tagged by the final taggers as at run time.
    let dev_inputs: Vec<Vec<Input>> = dev
        .iter()
        .map(|s| {
            let at = atoms_of(&s.forms, &lexicon);
            let (mut u, mut x, mut sc) = (Vec::new(), Vec::new(), Vec::new());
            tagger::tag(&upos, &at, Set::Upos, &mut u, &mut sc);
            tagger::tag(&xpos, &at, Set::Xpos, &mut x, &mut sc);
            inputs(&at, &u, &x)
        })
        .collect();

    let root = labels.iter().position(|l| l == "root").expect("checked") as u8;
    let lab = Labels {
        count: labels.len(),
        root,
    };
    let mut lifts = 0;
    let train_parse: Vec<(Vec<Input>, Gold)> = data
        .iter()
        .zip(&jack)
        .map(|(s, (u, x))| {
            let at = atoms_of(&s.forms, &lexicon);
            let mut head = s.head.clone();
            lifts += parser::projectivise(&mut head);
            (inputs(&at, u, x), Gold::new(head, s.label.clone()))
        })
        .collect();
    log(&format!("{lifts} non-projective arcs lifted"));

    let mut table = TrainTable::new(cfg.parser_bits, lab.classes());
    let mut rng = Rng::new(cfg.seed ^ 0x9a25e);
    let mut order: Vec<usize> = (0..train_parse.len()).collect();
    let mut t = 0u64;
    let mut scratch = parser::TrainScratch::default();
    let mut best: Option<(f64, usize, Table)> = None;
    for epoch in 1..=cfg.parser_epochs {
        rng.shuffle(&mut order);
        let explore = if epoch <= cfg.static_epochs {
            0.0
        } else {
            cfg.explore
        };
        for &i in &order {
            let (w, g) = &train_parse[i];
            parser::train_sentence(
                &mut table,
                lab,
                w,
                g,
                explore,
                &mut rng,
                &mut t,
                &mut scratch,
            );
        }
        let q = table.quantise(t);
        let las = dev_las(&q, lab, &dev_inputs, &dev, &labels);
        log(&format!(
            "parser epoch {epoch}: development LAS {:.2} ({:.0} s)",
            100.0 * las,
            started.elapsed().as_secs_f64()
        ));
        if best.as_ref().is_none_or(|(b, _, _)| las > *b) {
            best = Some((las, epoch, q));
        }
    }
    let (las, epoch, parser_table) = best.ok_or_else(|| Error::Data("no parser epochs".into()))?;
    log(&format!(
        "kept epoch {epoch} (development LAS {:.2})",
        100.0 * las
    ));
    let parts = Parts {
        upos_names: Upos::ALL.iter().map(|u| u.as_str().to_string()).collect(),
        xpos_names,
        labels,
        lexicon,
        lemmatizer,
        upos,
        xpos,
        parser: parser_table,
    };
    Ok(model::write(&parts))
}

fn build_lexicon<'a>(data: impl Iterator<Item = &'a Sent>) -> Lexicon {
    Lexicon::build(data.map(|s| (&s.forms[..], &s.upos[..], &s.xpos[..])))
}

fn atoms_of(forms: &[String], lex: &Lexicon) -> Vec<Atoms> {
    let mut sc = tagger::Scratch::default();
    forms.iter().map(|f| Atoms::of(f, lex, &mut sc)).collect()
}

fn inputs(at: &[Atoms], u: &[u8], x: &[u8]) -> Vec<Input> {
    at.iter()
        .zip(u)
        .zip(x)
        .map(|((a, &t), &x)| Input { w: a.lower, t, x })
        .collect()
}

/// Trains the UPOS and XPOS taggers (in parallel: they share nothing).
fn train_taggers(cfg: &Config, data: &[&Sent], lex: &Lexicon, seed: u64) -> (Table, Table) {
    let atoms: Vec<Vec<Atoms>> = data.iter().map(|s| atoms_of(&s.forms, lex)).collect();
    let xpos_classes = data
        .iter()
        .flat_map(|s| s.xpos.iter())
        .max()
        .map_or(1, |&m| m as usize + 1);
    let (u, x) = rayon::join(
        || {
            let d: Vec<(Vec<Atoms>, Vec<u8>)> = atoms
                .iter()
                .zip(data)
                .map(|(a, s)| (a.clone(), s.upos.clone()))
                .collect();
            tagger::train(&d, Set::Upos, 17, cfg.tagger_bits, cfg.tagger_epochs, seed)
        },
        || {
            let d: Vec<(Vec<Atoms>, Vec<u8>)> = atoms
                .iter()
                .zip(data)
                .map(|(a, s)| (a.clone(), s.xpos.clone()))
                .collect();
            tagger::train(
                &d,
                Set::Xpos,
                xpos_classes,
                cfg.tagger_bits,
                cfg.tagger_epochs,
                seed ^ 0x5a5a,
            )
        },
    );
    (u, x)
}

/// Labelled attachment on the development data (universal relation, punctuation included).
fn dev_las(
    table: &Table,
    lab: Labels,
    inputs: &[Vec<Input>],
    gold: &[Sent],
    labels: &[String],
) -> f64 {
    let mut scratch = parser::Scratch::default();
    let (mut right, mut total) = (0usize, 0usize);
    for (w, g) in inputs.iter().zip(gold) {
        parser::parse(table, lab, w, &mut scratch);
        for d in 0..w.len() {
            total += 1;
            let st = &scratch.state;
            if st.head[d] == g.head[d]
                && base(&labels[st.label[d] as usize]) == base(&labels[g.label[d] as usize])
            {
                right += 1;
            }
        }
    }
    right as f64 / total.max(1) as f64
}

fn base(label: &str) -> &str {
    label.split(':').next().unwrap_or(label)
}

/// Accuracy figures on a treebank with gold tokenization.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    /// Labelled attachment on universal relations (subtypes dropped), as the CoNLL 2018 script scores it.
    pub las: f64,
    /// Labelled attachment on full labels (`nsubj:pass`).
    pub las_full: f64,
    pub uas_no_punct: f64,
    pub las_no_punct: f64,
}

/// Tags and parses the gold words of `sentences` and scores the result.
pub fn evaluate(model: &Model, sentences: &[conllu::Sentence]) -> Scores {
    let mut out = Analysis::default();
    let mut scratch = Scratch::default();
    let mut c = [0usize; 9];
    for s in sentences {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        model.analyse(&forms, &mut out, &mut scratch);
        for (i, w) in s.words.iter().enumerate() {
            let gold_head = w.head.unwrap_or(0);
            let head = if out.head[i] == super::ROOT {
                0
            } else {
                out.head[i] + 1
            };
            let label = model.label_name(out.label[i]);
            let uas = head == gold_head;
            let las = uas && base(label) == base(&w.deprel);
            let punct = w.upos == "PUNCT";
            c[0] += 1;
            c[1] += usize::from(out.upos[i].as_str() == w.upos);
            c[2] += usize::from(model.xpos_name(out.xpos[i]) == w.xpos);
            c[3] += usize::from(model.lemma(&w.form, out.xpos[i]) == w.lemma);
            c[4] += usize::from(uas);
            c[5] += usize::from(las);
            c[6] += usize::from(uas && label == w.deprel);
            if !punct {
                c[7] += usize::from(uas);
                c[8] += usize::from(las);
            }
        }
    }
    let non_punct = sentences
        .iter()
        .flat_map(|s| &s.words)
        .filter(|w| w.upos != "PUNCT")
        .count()
        .max(1) as f64;
    let n = c[0].max(1) as f64;
    Scores {
        words: c[0],
        upos: c[1] as f64 / n,
        xpos: c[2] as f64 / n,
        lemma: c[3] as f64 / n,
        uas: c[4] as f64 / n,
        las: c[5] as f64 / n,
        las_full: c[6] as f64 / n,
        uas_no_punct: c[7] as f64 / non_punct,
        las_no_punct: c[8] as f64 / non_punct,
    }
}

/// Pipeline figures from raw text: each sentence's `# text` is tokenized by [`super::tokenize`], tagged and
/// parsed, and words are aligned to the gold words by character span (the CoNLL 2018 shared task's way). Scores
/// are F1 over aligned words, so tokenizer errors count against everything downstream; the difference from
/// [`evaluate`] is what the tokenizer costs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawScores {
    pub gold_words: usize,
    pub predicted_words: usize,
    /// Word segmentation F1.
    pub words: f64,
    pub upos: f64,
    pub uas: f64,
    pub las: f64,
    /// Sentences skipped because their `# text` does not spell out their words.
    pub skipped: usize,
}

/// Byte spans of a sentence's gold words inside its `# text`, or `None` when the two disagree.
fn gold_spans(s: &conllu::Sentence, text: &str) -> Option<Vec<(usize, usize)>> {
    let mut spans = Vec::with_capacity(s.words.len());
    let mut at = 0;
    let mut i = 0;
    let skip_space = |at: &mut usize| {
        while let Some(c) = text[*at..].chars().next().filter(|c| c.is_whitespace()) {
            *at += c.len_utf8();
        }
    };
    while i < s.words.len() {
        skip_space(&mut at);
        let range = s.extras.iter().find_map(|e| e.range.filter(|r| r.0 == i));
        let (first, last) = range.unwrap_or((i, i));
        for w in &s.words[first..=last] {
            if !text[at..].starts_with(w.form.as_str()) {
                return None;
            }
            spans.push((at, at + w.form.len()));
            at += w.form.len();
        }
        i = last + 1;
    }
    Some(spans)
}

/// Tokenizes, tags and parses the raw text of `sentences` and scores against their gold words.
pub fn evaluate_raw(model: &Model, sentences: &[conllu::Sentence]) -> RawScores {
    let mut parsed = super::Parsed::default();
    let mut scratch = Scratch::default();
    let mut r = RawScores::default();
    let (mut seg, mut upos, mut uas, mut las) = (0usize, 0usize, 0usize, 0usize);
    for s in sentences {
        let Some(text) = s.comment("text") else {
            r.skipped += 1;
            continue;
        };
        let Some(gold) = gold_spans(s, text) else {
            r.skipped += 1;
            continue;
        };
        model.parse_span(text, 0, text.len(), &mut parsed, &mut scratch);
        let pred: Vec<(usize, usize)> = parsed
            .words
            .iter()
            .map(|w| (w.start as usize, w.end as usize))
            .collect();
        r.gold_words += gold.len();
        r.predicted_words += pred.len();
        let pred_index: rustc_hash::FxHashMap<(usize, usize), usize> =
            pred.iter().enumerate().map(|(i, &sp)| (sp, i)).collect();
        let a = &parsed.analysis;
        for (g, w) in s.words.iter().enumerate() {
            let Some(&p) = pred_index.get(&gold[g]) else {
                continue;
            };
            seg += 1;
            upos += usize::from(a.upos[p].as_str() == w.upos);
            let gold_head = w.head.unwrap_or(0);
            let head_ok = match (gold_head, a.head[p]) {
                (0, h) => h == super::ROOT,
                (_, super::ROOT) => false,
                (gh, h) => gold.get(gh as usize - 1) == pred.get(h as usize),
            };
            uas += usize::from(head_ok);
            las += usize::from(head_ok && base(model.label_name(a.label[p])) == base(&w.deprel));
        }
    }
    let f1 = |c: usize| {
        let (p, g) = (r.predicted_words.max(1) as f64, r.gold_words.max(1) as f64);
        if c == 0 {
            0.0
        } else {
            2.0 * c as f64 / (p + g)
        }
    };
    r.words = f1(seg);
    r.upos = f1(upos);
    r.uas = f1(uas);
    r.las = f1(las);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two runs of the same configuration give the same model, byte for byte (on a small slice of the data, so
    /// the test stays quick; the full run follows the same code).
    #[test]
    #[allow(clippy::print_stderr)] // the skip note
    fn training_is_deterministic() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/train/ud");
        if !dir.exists() {
            eprintln!("skipped: {} not found", dir.display());
            return;
        }
        let mut cfg = Config::standard(&dir);
        cfg.max_sentences = Some(300);
        cfg.parser_epochs = 3;
        cfg.tagger_epochs = 2;
        cfg.folds = 2;
        cfg.tagger_bits = 12;
        cfg.parser_bits = 14;
        let a = train(&cfg, &mut |_| {}).unwrap();
        let b = train(&cfg, &mut |_| {}).unwrap();
        assert!(a == b, "two training runs differ");
        let m = Model::from_static(Vec::leak(a), "test model").unwrap();
        let mut out = Analysis::default();
        m.analyse(
            &["They", "said", "it", "works", "."],
            &mut out,
            &mut Scratch::default(),
        );
        assert_eq!(
            out.head
                .iter()
                .filter(|&&h| h == super::super::ROOT)
                .count(),
            1
        );
    }
}
