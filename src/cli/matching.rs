//! `claimtrail match`.
//!
//! Which pairs are reported: those at or above `--threshold` that are among the `--top` K best candidates of
//! either of their two claims (default 3; `--top 0`: every pair); see [`crate::matching`].
//!
//! Output formats (stable; the JSON carries a `version`):
//!
//! - `text`: grouped by claim, claims in reference order, a blank line between groups. A group is a header line
//!   `<doc>#<claim>  <text>` and then the claim's own best candidates (at most K), best first, each on a line
//!   indented by two spaces: `  <score>  <doc>#<claim>  <text>` (score with two decimals). Texts are shortened
//!   to 80 characters with `…` and shown through [`visible`], like every human-readable output. A pair kept for
//!   one claim's list only appears in that group. A summary line goes to stderr, so stdout stays the report.
//! - `json`, version 2: `{"version":2,"pairs":[{"a":"doc#id","b":"doc#id","score":0.82}],"claims":[{"claim":
//!   "doc#id","text":"…","candidates":[{"claim":"doc#id","score":0.82}]}],"summary":{...}}`. `pairs` lists every
//!   kept pair once (`a` sorts before `b`), by score descending then references: what `--write` adds. `claims` is
//!   the text report's grouping: each claim with candidates, in reference order, its full text (unshortened, JSON
//!   escaped) and its own best candidates; every candidate has its own entry, which carries its text. `summary`
//!   has `files`, `files_with_problems`, `claims`, `compared`, `skipped_missing`, `skipped_short`,
//!   `skipped_copies`, `candidates`, `skipped_buckets`, `already_corroborated`, `above_threshold` (pairs before
//!   `--top`), `pairs` (kept), `threshold` and `top`. Version 1 (before `--top`) had only `pairs` and the summary
//!   without `above_threshold` and `top`, and listed every pair above the threshold.
//! - `yaml`: for each claim in a kept pair, a snippet to paste under that claim: a `# <doc>#<claim>` comment line
//!   and a `corroboration:` list of `- claim: <doc>#<id>` entries with `note: "claimtrail match score 0.82"`,
//!   exactly what `--write` adds to that claim (both sides of every kept pair).
//!
//! Problems with claim files go to stderr as `file:line:col: error[code] message`.

use std::io::Write;
use std::path::PathBuf;

use super::Status;
use crate::diagnostic::shorten;
use crate::escape::visible;
use crate::matching::{self, Corpus, Matches, Options, Pair, WriteOutcome};

/// Characters of claim text shown per line of the text report.
const SHOWN_CHARS: usize = 80;

/// Output format of `claimtrail match`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MatchFormat {
    /// Each claim with its best candidates, scores and shortened texts.
    Text,
    /// One JSON document: `{"version":2,"pairs":[…],"claims":[…],"summary":{…}}`.
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
    /// Smallest score reported, 0 to 1: the Jaccard similarity of the claims' content words and word pairs, lowered
    /// when their numbers, names, weekdays or negation disagree.
    #[arg(long, value_name = "SCORE", default_value_t = matching::DEFAULT_THRESHOLD, value_parser = parse_threshold)]
    pub threshold: f64,
    /// Keep, for each claim, its K best candidates: a pair is reported when it is among the K best of either of its
    /// claims (the text report lists under each claim its own K best). 0 reports every pair above the threshold.
    #[arg(long, value_name = "K", default_value_t = matching::DEFAULT_TOP)]
    pub top: usize,
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
        top: args.top,
        ..Options::default()
    };
    let corpus = matching::load(&args.paths, &options);
    let matches = matching::find(&corpus, &options);

    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        MatchFormat::Text => write_text(&mut out, &corpus, &matches)?,
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
        if s.above_threshold > s.pairs {
            line.push_str(&format!(
                ", top {} per claim ({} more below every claim's top {}: --top 0 shows them)",
                s.top,
                s.above_threshold - s.pairs,
                s.top
            ));
        }
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

/// The text report: each claim, then its candidates indented (see the module documentation).
fn write_text(out: &mut dyn Write, corpus: &Corpus, matches: &Matches) -> std::io::Result<()> {
    for (i, g) in matches.groups(corpus).enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{}  {}",
            visible(&g.claim),
            visible(&shorten(g.text, SHOWN_CHARS))
        )?;
        for c in &g.candidates {
            writeln!(
                out,
                "  {:.2}  {}  {}",
                c.score,
                visible(&c.claim),
                visible(&shorten(c.text, SHOWN_CHARS))
            )?;
        }
    }
    Ok(())
}

/// Streams the JSON document, one pair or claim a line, so millions of pairs need no second copy in memory.
fn write_json(out: &mut dyn Write, corpus: &Corpus, matches: &Matches) -> std::io::Result<()> {
    writeln!(out, "{{\n  \"version\": 2,")?;
    write_json_list(out, "pairs", matches.pairs(corpus))?;
    write_json_list(out, "claims", matches.groups(corpus))?;
    write!(out, "  \"summary\": ")?;
    let summary = serde_json::to_string_pretty(&matches.summary)?.replace('\n', "\n  ");
    writeln!(out, "{summary}\n}}")
}

/// Writes `"key": [` and the items, one a line, then `],`.
fn write_json_list<T: serde::Serialize>(
    out: &mut dyn Write,
    key: &str,
    items: impl Iterator<Item = T>,
) -> std::io::Result<()> {
    write!(out, "  \"{key}\": [")?;
    let mut first = true;
    for item in items {
        write!(out, "{}\n    ", if first { "" } else { "," })?;
        first = false;
        serde_json::to_writer(&mut *out, &item)?;
    }
    writeln!(out, "{}],", if first { "" } else { "\n  " })
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
