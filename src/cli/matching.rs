//! `claimtrail match`.
//!
//! Output formats (stable; the JSON carries a `version`):
//!
//! - `text`: one pair a line, `<doc>#<claim>  <doc>#<claim>  <score>` (two spaces between fields, score with two
//!   decimals), sorted by score descending then references; a summary line on stderr, so stdout stays a clean list.
//! - `json`: `{"version":1,"pairs":[{"a":"doc#id","b":"doc#id","score":0.82}],"summary":{...}}`, where `a` sorts
//!   before `b` and `summary` has `files`, `files_with_problems`, `claims`, `compared`, `skipped_missing`,
//!   `skipped_short`, `skipped_copies`, `candidates`, `skipped_buckets`, `already_corroborated`, `pairs` and
//!   `threshold`.
//! - `yaml`: for each claim in a pair, a snippet to paste under that claim: a `# <doc>#<claim>` comment line and a
//!   `corroboration:` list of `- claim: <doc>#<id>` entries with `note: "claimtrail match score 0.82"`.
//!
//! Problems with claim files go to stderr as `file:line:col: error[code] message`.

use std::io::Write;
use std::path::PathBuf;

use super::Status;
use crate::escape::visible;
use crate::matching::{self, Corpus, Matches, Options, Pair, WriteOutcome};

/// Output format of `claimtrail match`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MatchFormat {
    /// `<doc>#<claim>  <doc>#<claim>  score`, one pair a line.
    Text,
    /// One JSON document: `{"version":1,"pairs":[…],"summary":{…}}`.
    Json,
    /// `corroboration:` snippets to paste into claim files, one per claim.
    Yaml,
}

/// Arguments of `claimtrail match`.
#[derive(Debug, clap::Args)]
pub struct MatchArgs {
    /// Claim files or directories of claim files (`.yaml`/`.yml`; `sources.yaml` registries are skipped).
    #[arg(default_value = "claims")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MatchFormat::Text)]
    pub format: MatchFormat,
    /// Smallest similarity reported: the Jaccard similarity of the claims' content words and word pairs, 0 to 1.
    #[arg(long, value_name = "SCORE", default_value_t = matching::DEFAULT_THRESHOLD, value_parser = parse_threshold)]
    pub threshold: f64,
    /// Skip claims with fewer words than this (short sentences match too much to be useful).
    #[arg(long, value_name = "N", default_value_t = matching::DEFAULT_MIN_WORDS)]
    pub min_words: usize,
    /// Also suggest pairs within one document.
    #[arg(long)]
    pub same_document: bool,
    /// Skip a sentence found in more claims than this, as boilerplate.
    #[arg(long, value_name = "N", default_value_t = matching::DEFAULT_MAX_COPIES)]
    pub max_copies: usize,
    /// Add the suggestions to both claims' `corroboration` lists in the claim files (nothing is removed; entries
    /// already there are not added again).
    #[arg(long)]
    pub write: bool,
    /// Largest claim file accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::validate::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// With --write: rewrite claim files that hold YAML comments, dropping the comments (without it they are
    /// refused: move notes into `review.note`).
    #[arg(long)]
    pub drop_comments: bool,
}

fn parse_threshold(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is not between 0 and 1"))
    }
}

/// Runs `claimtrail match`.
pub fn run(args: &MatchArgs) -> anyhow::Result<Status> {
    let options = Options {
        threshold: args.threshold,
        min_words: args.min_words,
        same_document: args.same_document,
        max_copies: args.max_copies,
        max_file_size: args.max_file_size,
        drop_comments: args.drop_comments,
        ..Options::default()
    };
    let corpus = matching::load(&args.paths, &options);
    let matches = matching::find(&corpus, &options);

    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        MatchFormat::Text => {
            for p in matches.pairs(&corpus) {
                writeln!(out, "{}  {}  {:.2}", visible(&p.a), visible(&p.b), p.score)?;
            }
        }
        MatchFormat::Json => write_json(&mut out, &corpus, &matches)?,
        MatchFormat::Yaml => write_yaml(&mut out, &corpus, &matches)?,
    }
    out.flush()?;
    drop(out);

    let mut status = Status::Clean;
    let mut problems = corpus.diagnostics.clone();
    let mut written = Vec::new();
    if args.write {
        let pairs: Vec<Pair> = matches.pairs(&corpus).collect();
        // The directories written into are locked as `extract` locks its output directory, in sorted order so two
        // runs cannot each hold one the other waits for.
        let dirs: std::collections::BTreeSet<std::path::PathBuf> = corpus
            .files
            .iter()
            .filter_map(|f| f.path.parent().map(|d| d.to_path_buf()))
            .map(|d| {
                if d.as_os_str().is_empty() {
                    ".".into()
                } else {
                    d
                }
            })
            .collect();
        let mut _locks = Vec::new();
        for dir in &dirs {
            let shown = visible(&dir.display().to_string()).to_string();
            let lock = crate::fsutil::DirLock::acquire(dir, || {
                eprintln!("waiting: another claimtrail run is writing into {shown}");
            })
            .map_err(|e| anyhow::anyhow!("{shown}: cannot lock the directory: {e}"))?;
            _locks.push(lock);
        }
        for outcome in matching::write(&corpus, &pairs, &options) {
            match outcome {
                WriteOutcome::Written {
                    path,
                    added,
                    dropped_comments,
                } => {
                    let mut line = format!(
                        "{}: {added} corroboration{} added",
                        visible(&path.display().to_string()),
                        plural(added)
                    );
                    if dropped_comments > 0 {
                        line.push_str(&format!(
                            ", {dropped_comments} YAML comment(s) dropped (--drop-comments)"
                        ));
                    }
                    written.push(line);
                }
                WriteOutcome::Unchanged { .. } => {}
                WriteOutcome::Failed(d) => problems.extend(d),
            }
        }
    }
    crate::diagnostic::sort(&mut problems);
    for d in &problems {
        status = status.max(if d.is_io() {
            Status::Error
        } else {
            Status::Findings
        });
        eprintln!("{d}");
    }
    for line in &written {
        eprintln!("{line}");
    }
    if args.format == MatchFormat::Text {
        let s = &matches.summary;
        let mut line = format!(
            "{} pair{} at score >= {:.2} among {} claim{} compared in {} file{}",
            s.pairs,
            plural(s.pairs),
            s.threshold,
            s.compared,
            plural(s.compared),
            s.files,
            plural(s.files)
        );
        let mut skipped = Vec::new();
        for (n, what) in [
            (s.skipped_missing, "missing"),
            (s.skipped_short, "shorter than --min-words"),
            (s.skipped_copies, "repeated more than --max-copies times"),
            (
                s.already_corroborated,
                "pairs already corroborating each other",
            ),
        ] {
            if n > 0 {
                skipped.push(format!("{n} {what}"));
            }
        }
        if !skipped.is_empty() {
            line.push_str(&format!(" (skipped: {})", skipped.join(", ")));
        }
        eprintln!("{line}");
    }
    Ok(status)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Streams the JSON document, one pair a line, so millions of pairs need no second copy in memory.
fn write_json(out: &mut dyn Write, corpus: &Corpus, matches: &Matches) -> std::io::Result<()> {
    writeln!(out, "{{\n  \"version\": 1,\n  \"pairs\": [")?;
    let mut first = true;
    for p in matches.pairs(corpus) {
        if !first {
            writeln!(out, ",")?;
        }
        first = false;
        write!(out, "    ")?;
        serde_json::to_writer(&mut *out, &p)?;
    }
    if !first {
        writeln!(out)?;
    }
    write!(out, "  ],\n  \"summary\": ")?;
    let summary = serde_json::to_string_pretty(&matches.summary)?.replace('\n', "\n  ");
    writeln!(out, "{summary}\n}}")
}

fn write_yaml(out: &mut dyn Write, corpus: &Corpus, matches: &Matches) -> std::io::Result<()> {
    let pairs: Vec<Pair> = matches.pairs(corpus).collect();
    let mut first = true;
    for (claim, others) in matching::suggestions(&pairs) {
        if !first {
            writeln!(out)?;
        }
        first = false;
        writeln!(out, "# {claim}")?;
        writeln!(out, "corroboration:")?;
        for (other, score) in others {
            writeln!(out, "  - claim: {other}")?;
            writeln!(out, "    note: \"{}\"", matching::note(score))?;
        }
    }
    Ok(())
}
