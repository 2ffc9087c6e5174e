//! The syntax commands: `parse` (CoNLL-U out), `explain` (a readable table), and the hidden `train-syntax` and
//! `eval-syntax` that rebuild and score the embedded model.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::Status;
use crate::syntax::{Analysis, Model, Parsed, ROOT, Scratch, conllu, train};

/// Arguments of `claimtrail train-syntax`.
#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// Directory with the UD English treebanks (`en_ewt-*.conllu.gz`, `en_gum-*.conllu.gz`).
    #[arg(long, value_name = "DIR", default_value = "../shared/train/ud")]
    pub ud: PathBuf,
    /// Where to write the gzip-compressed model.
    #[arg(
        short,
        long,
        value_name = "FILE",
        default_value = "data/syntax/en-ud.model.gz"
    )]
    pub output: PathBuf,
    /// Parser epochs (the best on the development data is kept).
    #[arg(long, default_value_t = 15)]
    pub epochs: usize,
    /// Tagger epochs.
    #[arg(long, default_value_t = 8)]
    pub tagger_epochs: usize,
    /// Jackknife folds for the parser's training tags.
    #[arg(long, default_value_t = 10)]
    pub folds: usize,
    /// log2 of the parser's weight-table rows.
    #[arg(long, default_value_t = 18)]
    pub parser_bits: u32,
    /// log2 of each tagger's weight-table rows.
    #[arg(long, default_value_t = 17)]
    pub tagger_bits: u32,
    /// Leave out training documents whose id starts with PREFIX (repeatable): `--exclude-docs GUM_news_` trains
    /// a model that has not seen `../shared/eval/gum-news`, for honest attribution scores there.
    #[arg(long, value_name = "PREFIX")]
    pub exclude_docs: Vec<String>,
}

/// Arguments of `claimtrail eval-syntax`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// CoNLL-U files (plain or .gz) to score with gold tokenization; default: EWT and GUM test under `--ud`.
    pub files: Vec<PathBuf>,
    /// Directory with the UD English treebanks.
    #[arg(long, value_name = "DIR", default_value = "../shared/train/ud")]
    pub ud: PathBuf,
    /// Model file to score instead of the embedded one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Also score the whole pipeline from each sentence's raw `# text` (tokenizer included), words aligned by
    /// character span.
    #[arg(long)]
    pub raw: bool,
}

/// The model a command uses: `--model FILE`, or the embedded one.
pub fn model(path: Option<&Path>) -> anyhow::Result<&'static Model> {
    match path {
        Some(p) => Ok(Box::leak(Box::new(Model::load(p)?))),
        None => Model::embedded().map_err(|e| anyhow::anyhow!("{e}")),
    }
}

/// Runs `claimtrail train-syntax`.
pub fn run_train(args: &TrainArgs) -> anyhow::Result<Status> {
    let mut cfg = train::Config::standard(&args.ud);
    cfg.parser_epochs = args.epochs;
    cfg.tagger_epochs = args.tagger_epochs;
    cfg.folds = args.folds;
    cfg.parser_bits = args.parser_bits;
    cfg.tagger_bits = args.tagger_bits;
    cfg.exclude_docs.clone_from(&args.exclude_docs);
    let mut log = |m: &str| eprintln!("{m}");
    let bytes = train::train(&cfg, &mut log)?;
    let mut gz = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)?;
    let gz = gz.finish()?;
    if let Some(dir) = args.output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    }
    crate::fsutil::write_atomic(&args.output, &gz)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.output.display()))?;
    eprintln!(
        "wrote {} ({:.1} MB, {:.1} MB uncompressed); rebuild to embed it",
        args.output.display(),
        gz.len() as f64 / 1e6,
        bytes.len() as f64 / 1e6
    );
    Ok(Status::Clean)
}

/// Runs `claimtrail eval-syntax`.
pub fn run_eval(args: &EvalArgs) -> anyhow::Result<Status> {
    let model = model(args.model.as_deref())?;
    let files = if args.files.is_empty() {
        vec![
            args.ud.join("en_ewt-test.conllu.gz"),
            args.ud.join("en_gum-test.conllu.gz"),
        ]
    } else {
        args.files.clone()
    };
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<28} {:>7} {:>6} {:>6} {:>6} {:>6} {:>6} {:>8} {:>7} {:>7}",
        "file", "words", "UPOS", "XPOS", "lemma", "UAS", "LAS", "LASfull", "UAS-p", "LAS-p"
    )?;
    for f in &files {
        let sentences = train::read_treebank(f)?;
        let t = std::time::Instant::now();
        let s = train::evaluate(model, &sentences);
        let secs = t.elapsed().as_secs_f64();
        let name = f.file_name().map_or_else(
            || f.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        writeln!(
            out,
            "{:<28} {:>7} {:>6.2} {:>6.2} {:>6.2} {:>6.2} {:>6.2} {:>8.2} {:>7.2} {:>7.2}   ({:.0} words/s)",
            name,
            s.words,
            100.0 * s.upos,
            100.0 * s.xpos,
            100.0 * s.lemma,
            100.0 * s.uas,
            100.0 * s.las,
            100.0 * s.las_full,
            100.0 * s.uas_no_punct,
            100.0 * s.las_no_punct,
            s.words as f64 / secs
        )?;
        if args.raw {
            let r = train::evaluate_raw(model, &sentences);
            writeln!(
                out,
                "{:<28} {:>7} {:>6.2} {:>6} {:>6} {:>6.2} {:>6.2}   (from raw text: F1 over aligned words; word segmentation F1 {:.2}, {} sentences skipped)",
                "  raw text",
                r.gold_words,
                100.0 * r.upos,
                "",
                "",
                100.0 * r.uas,
                100.0 * r.las,
                100.0 * r.words,
                r.skipped
            )?;
        }
    }
    Ok(Status::Clean)
}

/// Arguments of `claimtrail parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// Text file to parse (UTF-8; a YAML front-matter block is skipped, as `extract` does); `-` or nothing reads
    /// standard input.
    pub file: Option<PathBuf>,
    /// Read CoNLL-U instead of raw text: keep its sentences, words and multiword tokens, and fill in LEMMA, UPOS,
    /// XPOS, HEAD and DEPREL (the other columns are kept).
    #[arg(long, value_name = "FILE.conllu", conflicts_with = "file")]
    pub tokenized: Option<PathBuf>,
    /// Model file to use instead of the embedded one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

/// Arguments of `claimtrail explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The text to explain (one or more sentences); `-` reads standard input.
    pub text: String,
    /// Model file to use instead of the embedded one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

/// Runs `claimtrail parse`.
pub fn run_parse(args: &ParseArgs) -> anyhow::Result<Status> {
    let model = model(args.model.as_deref())?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut buf = String::new();
    let mut analysis = Analysis::default();
    let mut scratch = Scratch::default();
    if let Some(path) = &args.tokenized {
        let sentences = train::read_treebank(path)?;
        for mut s in sentences {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            model.analyse(&forms, &mut analysis, &mut scratch);
            fill(model, &mut s, &analysis);
            buf.clear();
            conllu::write(&mut buf, &s);
            out.write_all(buf.as_bytes())?;
        }
        out.flush()?;
        return Ok(Status::Clean);
    }
    let (name, bytes) = super::split::read_input(args.file.as_deref())?;
    let text = crate::segment::decode(&bytes, false).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let (_, body) = crate::article::front_matter(&text)
        .map_err(|e| anyhow::anyhow!("{name}:{}:{}: {}", e.loc.line, e.loc.column, e.message))?;
    let mut parsed = Parsed::default();
    let mut last_paragraph = u32::MAX;
    for (n, s) in crate::segment::split(&text[body..]).iter().enumerate() {
        let (start, end) = (s.start + body, s.end + body);
        model.parse_span(&text, start, end, &mut parsed, &mut scratch);
        if parsed.words.is_empty() {
            continue;
        }
        let mut sentence = conllu::Sentence::default();
        if s.paragraph != last_paragraph {
            sentence
                .comments
                .push(format!("newpar id = p{}", s.paragraph + 1));
            last_paragraph = s.paragraph;
        }
        sentence.comments.push(format!("sent_id = {}", n + 1));
        let shown: String = text[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        sentence.comments.push(format!("text = {shown}"));
        let mut i = 0;
        while i < parsed.words.len() {
            // A run of joined words is one orthographic token: a multiword-token range line.
            let mut j = i;
            while j + 1 < parsed.words.len() && parsed.words[j].joined {
                j += 1;
            }
            let last = parsed.words[j];
            let space = space_after(&text, last.end as usize, end);
            if j > i {
                let surface = &text[parsed.words[i].start as usize..last.end as usize];
                sentence.extras.push(conllu::Extra {
                    before: i,
                    line: format!(
                        "{}-{}\t{surface}\t_\t_\t_\t_\t_\t_\t_\t{}",
                        i + 1,
                        j + 1,
                        if space { "_" } else { "SpaceAfter=No" }
                    ),
                    range: Some((i, j)),
                });
            }
            for k in i..=j {
                sentence.words.push(conllu::Word {
                    form: parsed.form(&text, k).to_string(),
                    misc: if j == i && !space {
                        "SpaceAfter=No".into()
                    } else {
                        "_".into()
                    },
                    ..conllu::Word::default()
                });
            }
            i = j + 1;
        }
        fill(model, &mut sentence, &parsed.analysis);
        buf.clear();
        conllu::write(&mut buf, &sentence);
        out.write_all(buf.as_bytes())?;
    }
    out.flush()?;
    Ok(Status::Clean)
}

/// Whether a word ending at `end` is followed by a space (anything but more text of the same sentence ends it).
fn space_after(text: &str, end: usize, sentence_end: usize) -> bool {
    end >= sentence_end.min(text.len())
        && text[end..].chars().next().is_none_or(char::is_whitespace)
        || text[end..].chars().next().is_some_and(char::is_whitespace)
}

/// Writes the model's columns into a CoNLL-U sentence.
fn fill(model: &Model, s: &mut conllu::Sentence, a: &Analysis) {
    for (i, w) in s.words.iter_mut().enumerate() {
        w.lemma = model.lemma(&w.form, a.xpos[i]);
        w.upos = a.upos[i].as_str().to_string();
        w.xpos = model.xpos_name(a.xpos[i]).to_string();
        w.head = Some(if a.head[i] == ROOT { 0 } else { a.head[i] + 1 });
        w.deprel = model.label_name(a.label[i]).to_string();
    }
}

/// Runs `claimtrail explain`.
pub fn run_explain(args: &ExplainArgs) -> anyhow::Result<Status> {
    let model = model(args.model.as_deref())?;
    let text = if args.text == "-" {
        let (_, bytes) = super::split::read_input(None)?;
        crate::segment::decode(&bytes, false)
            .map_err(|e| anyhow::anyhow!("<stdin>: {e}"))?
            .into_owned()
    } else {
        args.text.clone()
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut parsed = Parsed::default();
    let mut scratch = Scratch::default();
    let sentences = crate::segment::split(&text);
    if sentences.is_empty() {
        eprintln!("claimtrail explain: no text to explain");
        return Ok(Status::Clean);
    }
    let registry = crate::registry::Registry::builtin();
    let attributions = crate::attribution::explain(&text, &sentences, &registry, model);
    for (n, s) in sentences.iter().enumerate() {
        model.parse_span(&text, s.start, s.end, &mut parsed, &mut scratch);
        if n > 0 {
            writeln!(out)?;
        }
        writeln!(out, "sentence {}: {}", n + 1, shown(s.text(&text)))?;
        let forms: Vec<String> = (0..parsed.words.len())
            .map(|i| shown(parsed.form(&text, i)))
            .collect();
        let lemmas: Vec<String> = (0..parsed.words.len())
            .map(|i| shown(&model.lemma(parsed.form(&text, i), parsed.analysis.xpos[i])))
            .collect();
        let wf = forms
            .iter()
            .map(|f| f.chars().count())
            .max()
            .unwrap_or(4)
            .clamp(4, 40);
        let wl = lemmas
            .iter()
            .map(|f| f.chars().count())
            .max()
            .unwrap_or(5)
            .clamp(5, 40);
        writeln!(
            out,
            "{:>3}  {:<wf$}  {:<wl$}  {:<5}  {:<4}  {:>4}  {:<wf$}  relation",
            "id", "word", "lemma", "UPOS", "XPOS", "head", "head word"
        )?;
        let a = &parsed.analysis;
        for i in 0..forms.len() {
            let (head, head_word) = if a.head[i] == ROOT {
                ("0".to_string(), "(root)")
            } else {
                (
                    (a.head[i] + 1).to_string(),
                    forms[a.head[i] as usize].as_str(),
                )
            };
            writeln!(
                out,
                "{:>3}  {:<wf$}  {:<wl$}  {:<5}  {:<4}  {:>4}  {:<wf$}  {}",
                i + 1,
                forms[i],
                lemmas[i],
                a.upos[i].as_str(),
                model.xpos_name(a.xpos[i]),
                head,
                head_word,
                model.label_name(a.label[i])
            )?;
        }
        for e in &attributions[n] {
            let a = &e.attribution;
            let mention = &text[a.mention.start as usize..a.mention.end as usize];
            write!(
                out,
                "  attribution: {} ({}{}{}), cue \"{}\" ({}), mention \"{}\"",
                shown(&a.name),
                match a.kind {
                    crate::record::SourceKind::Primary => "primary",
                    crate::record::SourceKind::Secondary => "secondary",
                    crate::record::SourceKind::Unknown => "unknown",
                },
                if a.anonymous { ", anonymous" } else { "" },
                a.role
                    .as_deref()
                    .map(|r| format!(", role {}", shown(r)))
                    .unwrap_or_default(),
                shown(&a.cue),
                a.class.map_or("-", |c| c.as_str()),
                shown(mention)
            )?;
            for r in &a.via {
                write!(out, " via {}", shown(&r.name))?;
            }
            writeln!(out, "\n    found as: {}", shown(&e.construction))?;
        }
        if attributions[n].is_empty() {
            writeln!(out, "  no attribution")?;
        }
    }
    out.flush()?;
    Ok(Status::Clean)
}

/// Untrusted text as shown on a terminal (see [`crate::escape`]).
fn shown(s: &str) -> String {
    crate::escape::visible(s).to_string()
}
