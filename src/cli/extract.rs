//! `claimtrail extract`.

use std::borrow::Cow;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::Status;
use crate::article::{self, Metadata};
use crate::diagnostic::Diagnostic;
use crate::escape::visible;
use crate::fsutil::{self, ReadError};
use crate::record::{ClaimFile, ParagraphMode};
use crate::registry::Registry;
use crate::yaml::{self, Loc};

/// Claim-file output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// YAML, as stored under `claims/`.
    Yaml,
    /// The same claim file as JSON (with `--stdout`).
    Json,
}

/// Arguments of `claimtrail extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Article files (UTF-8 text, optional YAML front matter), directories of `.txt`/`.md` articles, or `-` for
    /// standard input (needs --id).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Directory of claim files to write or merge into (`<DIR>/<document-id>.yaml`).
    #[arg(
        short = 'o',
        long = "out",
        value_name = "DIR",
        default_value = "claims",
        conflicts_with = "stdout"
    )]
    pub out: PathBuf,
    /// Print the claim file instead of writing it (one article only).
    #[arg(long)]
    pub stdout: bool,
    /// Output format; `json` needs --stdout (claim files on disk are YAML).
    #[arg(long, value_enum, default_value_t = OutputFormat::Yaml)]
    pub format: OutputFormat,
    /// Document id (one article only); default: from the front matter, else the file name.
    #[arg(long)]
    pub id: Option<String>,
    /// Headline.
    #[arg(long)]
    pub title: Option<String>,
    /// The outlet that published the article (a name or a source-registry id).
    #[arg(long)]
    pub publisher: Option<String>,
    /// Where the article was published.
    #[arg(long)]
    pub url: Option<String>,
    /// Publication date, `YYYY-MM-DD` or RFC 3339.
    #[arg(long)]
    pub published: Option<String>,
    /// When the text was retrieved, `YYYY-MM-DD` or RFC 3339 (default: today, or the date of SOURCE_DATE_EPOCH).
    #[arg(long)]
    pub retrieved: Option<String>,
    /// Language tag of the article (default `en`).
    #[arg(long)]
    pub language: Option<String>,
    /// Source registry that extends the built-in one (default: `<DIR>/sources.yaml` when it exists).
    #[arg(long, value_name = "FILE")]
    pub registry: Option<PathBuf>,
    /// Largest article accepted, in bytes (an article over the claim file limit cannot fit in one).
    #[arg(long, value_name = "BYTES", default_value_t = crate::validate::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Largest claim file written, in bytes: the size `validate`, `check` and `match` accept by default (their
    /// `--max-file-size`). An article whose claim file would be larger is refused, with nothing written.
    #[arg(long, value_name = "BYTES", default_value_t = crate::validate::DEFAULT_MAX_FILE_SIZE)]
    pub max_claim_size: u64,
    /// Re-extract claim files that hold YAML comments, dropping the comments (without it they are refused: move
    /// notes into `review.note`, which re-extraction keeps).
    #[arg(long)]
    pub drop_comments: bool,
    /// What ends a paragraph: every line break (`line`, the default: one paragraph per line, the layout of article
    /// files, with or without blank lines between paragraphs) or only a blank line (`blank`: text hard-wrapped at a
    /// fixed width). A sentence never crosses a paragraph; the choice is recorded in the claim file
    /// (`document.paragraphs`) when it is not the default.
    #[arg(long, value_enum, default_value_t = ParagraphMode::Line)]
    pub paragraphs: ParagraphMode,
}

/// What happened to one article.
enum Outcome {
    /// Printed to standard output (a JSON claim file is held until the report; YAML is streamed, and this
    /// holds nothing).
    Printed(String),
    /// Writing to standard output failed (a closed pipe ends the program quietly, as in the other commands).
    StdoutFailed(std::io::Error),
    Written {
        path: PathBuf,
        summary: String,
    },
    Unchanged {
        path: PathBuf,
    },
    Failed(Vec<Diagnostic>),
    IoFailed(Box<Diagnostic>),
}

/// Runs `claimtrail extract`.
pub fn run(args: &ExtractArgs) -> anyhow::Result<Status> {
    run_and_list(args).map(|(status, _)| status)
}

/// Runs `claimtrail extract` and also returns the claim files it wrote or found unchanged, sorted.
pub fn run_and_list(args: &ExtractArgs) -> anyhow::Result<(Status, Vec<PathBuf>)> {
    let single =
        args.inputs.len() == 1 && (args.inputs[0].as_os_str() == "-" || args.inputs[0].is_file());
    if (args.id.is_some() || args.stdout) && !single {
        anyhow::bail!("--id and --stdout take exactly one article file (or `-`)");
    }
    if args.format == OutputFormat::Json && !args.stdout {
        anyhow::bail!("--format json needs --stdout: claim files on disk are YAML");
    }
    let registry = load_registry(args)?;
    let flags = Metadata {
        id: args.id.clone(),
        title: args.title.clone(),
        publisher: args.publisher.clone(),
        url: args.url.clone(),
        published: args.published.clone(),
        retrieved: args.retrieved.clone(),
        language: args.language.clone(),
    };
    let today = crate::extract::today();
    // One run at a time per output directory; holding the lock, the temporary files of a killed run are safe to
    // remove.
    let _lock = if args.stdout {
        None
    } else {
        let out_name = args.out.display().to_string();
        let shown = visible(&out_name);
        let lock = fsutil::DirLock::acquire(&args.out, || {
            eprintln!("waiting: another claimtrail run is writing into {shown}");
        })
        .map_err(|e| anyhow::anyhow!("{shown}: cannot lock the output directory: {e}"))?;
        let removed = fsutil::remove_stale_temps(&args.out);
        if removed > 0 {
            eprintln!("{shown}: removed {removed} temporary file(s) left by an interrupted run");
        }
        Some(lock)
    };

    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut inputs: Vec<PathBuf> = Vec::new();
    for input in &args.inputs {
        if input.as_os_str() == "-" {
            inputs.push(input.clone());
        } else {
            let (files, errors) = crate::walk::files(std::slice::from_ref(input), &["txt", "md"]);
            if files.is_empty() && errors.is_empty() && input.is_dir() {
                eprintln!(
                    "warning: no articles (*.txt, *.md) found in {}",
                    visible(&input.display().to_string())
                );
            }
            inputs.extend(files);
            outcomes.extend(
                errors
                    .into_iter()
                    .map(|e| Outcome::IoFailed(Box::new(e.into_diagnostic()))),
            );
        }
    }
    // A file named twice (`a.txt a.txt`, or `dir dir/a.txt`) is one article, not two with the same id.
    let mut seen_files = std::collections::HashSet::new();
    inputs.retain(|p| {
        let key = if p.as_os_str() == "-" {
            p.clone()
        } else {
            std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())
        };
        seen_files.insert(key)
    });
    // Read before the id check, which needs its front matter (standard input can be read only once).
    let stdin = inputs.iter().any(|p| p.as_os_str() == "-").then(|| {
        let mut bytes = Vec::new();
        match std::io::stdin().read_to_end(&mut bytes) {
            Ok(_) => fsutil::decode_text(bytes),
            Err(e) => Err(ReadError::Io(e.to_string())),
        }
    });
    let planned: Vec<Option<PlannedId>> = inputs
        .par_iter()
        .map(|input| planned_id(input, &flags, stdin.as_ref(), args.max_file_size))
        .collect();
    let clashes = clashes(&inputs, &planned);
    let progress = super::validate::progress_bar(inputs.len());
    outcomes.par_extend(inputs.par_iter().zip(&planned).enumerate().map(
        |(i, (input, planned))| {
            let o = match clashes.get(&i) {
                Some(d) => Outcome::Failed(vec![d.clone()]),
                None => extract_one(
                    input,
                    planned.as_ref().map(|p| p.id.as_str()),
                    stdin.as_ref(),
                    args,
                    &flags,
                    &today,
                    &registry,
                ),
            };
            if let Some(p) = &progress {
                p.inc(1);
            }
            o
        },
    ));
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    report(outcomes)
}

fn load_registry(args: &ExtractArgs) -> anyhow::Result<Registry> {
    let mut registry = Registry::builtin();
    let path = args
        .registry
        .clone()
        .or_else(|| Some(args.out.join("sources.yaml")).filter(|p| p.is_file()));
    if let Some(path) = path {
        match crate::registry::load_file(&path) {
            Ok(entries) => registry.extend(entries),
            Err(diags) => {
                let d = &diags[0];
                anyhow::bail!(
                    "source registry {}:{}:{}: {}",
                    d.file,
                    d.line,
                    d.column,
                    d.message
                );
            }
        }
    }
    Ok(registry)
}

/// The document id an article will get, and where it comes from (for the message when two inputs share it).
struct PlannedId {
    id: String,
    from: &'static str,
}

/// Works out an article's document id before anything is extracted, the way [`crate::extract::extract`] will:
/// `--id`, else the front matter's `id:`, else the file name. `None` when the article cannot be read or its
/// front matter or id is invalid: extraction then fails on it with the precise error.
///
/// Only a file that starts with a `---` line is read in full here; for the others the first bytes settle it, so
/// a directory of articles is not read twice.
fn planned_id(
    input: &Path,
    flags: &Metadata,
    stdin: Option<&Result<String, ReadError>>,
    max_file_size: u64,
) -> Option<PlannedId> {
    let planned = |id: String, from| article::is_valid_id(&id).then_some(PlannedId { id, from });
    if let Some(id) = &flags.id {
        return planned(id.clone(), "--id");
    }
    let front_matter_id = |text: &str| article::front_matter(text).map(|(meta, _)| meta.id);
    if input.as_os_str() == "-" {
        let text = stdin?.as_ref().ok()?;
        return planned(front_matter_id(text).ok()??, "front matter");
    }
    // Not a FIFO or device: reading one here would block or eat what extraction is to read.
    if !std::fs::metadata(input).ok()?.is_file() {
        return None;
    }
    let mut head = Vec::with_capacity(FRONT_MATTER_HEAD);
    std::fs::File::open(input)
        .and_then(|f| f.take(FRONT_MATTER_HEAD as u64).read_to_end(&mut head))
        .ok()?;
    let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&head);
    if head.starts_with(b"---") {
        let text = fsutil::read_text(input, max_file_size).ok()?;
        if let Some(id) = front_matter_id(&text).ok()? {
            return planned(id, "front matter");
        }
    }
    planned(article::id_from_file_name(input)?, "file name")
}

/// Bytes enough to see whether a file opens with a front-matter fence: a BOM and `---`.
const FRONT_MATTER_HEAD: usize = 6;

/// The inputs that share a document id with another input, each with the error that names the others. Their
/// claim files would overwrite or merge into each other whatever the order, so none of them is extracted.
fn clashes(
    inputs: &[PathBuf],
    planned: &[Option<PlannedId>],
) -> std::collections::HashMap<usize, Diagnostic> {
    let mut by_id: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, p) in planned.iter().enumerate() {
        if let Some(p) = p {
            by_id.entry(p.id.as_str()).or_default().push(i);
        }
    }
    let mut clashes = std::collections::HashMap::new();
    for (id, group) in by_id.into_iter().filter(|(_, g)| g.len() > 1) {
        for &i in &group {
            let others: Vec<String> = group
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| {
                    let from = planned[j].as_ref().map_or("", |p| p.from);
                    format!("{} (from its {from})", input_name(&inputs[j]))
                })
                .collect();
            let from = planned[i].as_ref().map_or("", |p| p.from);
            let message = format!(
                "document id `{id}` (from its {from}) is also the id of {}: their claim files would \
                 overwrite each other, so nothing was extracted for `{id}`; give each article its own id \
                 (`id:` in the front matter, or another file name)",
                others.join(", ")
            );
            clashes.insert(
                i,
                Diagnostic::error(
                    &input_name(&inputs[i]),
                    Loc::START,
                    "",
                    "duplicate-document-id",
                    message,
                ),
            );
        }
    }
    clashes
}

/// An input as messages name it.
fn input_name(input: &Path) -> String {
    if input.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        input.display().to_string()
    }
}

fn extract_one(
    input: &Path,
    planned_id: Option<&str>,
    stdin: Option<&Result<String, ReadError>>,
    args: &ExtractArgs,
    flags: &Metadata,
    today: &str,
    registry: &Registry,
) -> Outcome {
    let name = input_name(input);
    let read = if input.as_os_str() == "-" {
        match stdin {
            Some(Ok(text)) => Ok(Cow::Borrowed(text.as_str())),
            Some(Err(e)) => Err(e.clone()),
            None => Err(ReadError::Io("standard input was not read".into())),
        }
    } else {
        fsutil::read_text(input, args.max_file_size).map(Cow::Owned)
    };
    let text = match read {
        Ok(t) => t,
        Err(ReadError::Io(m)) => {
            return Outcome::IoFailed(Box::new(Diagnostic::error(
                &name,
                Loc::START,
                "",
                crate::diagnostic::IO_ERROR,
                m,
            )));
        }
        Err(ReadError::Content { offset, message }) => {
            let loc = offset.map_or(Loc::START, |o| {
                Loc::of_offset(&std::fs::read(input).unwrap_or_default(), o)
            });
            return Outcome::Failed(vec![Diagnostic::error(
                &name,
                loc,
                "",
                "unreadable-article",
                message,
            )]);
        }
    };
    let fallback_id = if input.as_os_str() == "-" {
        None
    } else {
        article::id_from_file_name(input)
    };
    let fresh = match crate::extract::extract_lazy_within(
        &text,
        flags.clone(),
        fallback_id,
        today,
        registry,
        args.paragraphs,
        args.max_claim_size,
    ) {
        Ok(f) => f,
        Err(crate::extract::ExtractError::TooLarge(_)) => {
            return claim_too_large(&name, args.max_claim_size);
        }
        Err(crate::extract::ExtractError::FrontMatter(e)) => {
            return Outcome::Failed(vec![Diagnostic::error(
                &name,
                e.loc,
                "",
                "front-matter",
                e.message,
            )]);
        }
        Err(e) => {
            return Outcome::Failed(vec![Diagnostic::error(
                &name,
                Loc::START,
                "",
                "metadata",
                e.to_string(),
            )]);
        }
    };
    // The clash check vouched for the id it worked out; an article edited since could now need another.
    if planned_id != Some(fresh.document.id.as_str()) {
        return Outcome::Failed(vec![Diagnostic::error(
            &name,
            Loc::START,
            "",
            "metadata",
            "the article changed while it was being extracted; nothing written for it, run again",
        )]);
    }
    if args.stdout {
        return match args.format {
            // Written claim by claim into memory, never holding the records, and only up to the claim size limit,
            // so that an article over it prints nothing rather than a truncated file.
            OutputFormat::Yaml => {
                let mut buffer = fsutil::Capped::new(Vec::new(), args.max_claim_size);
                if write_fresh(fresh, &mut buffer).is_err() {
                    return claim_too_large(&name, args.max_claim_size);
                }
                let stdout = std::io::stdout();
                let mut out = stdout.lock();
                match out
                    .write_all(&buffer.into_inner())
                    .and_then(|()| out.flush())
                {
                    Ok(()) => Outcome::Printed(String::new()),
                    Err(e) => Outcome::StdoutFailed(e),
                }
            }
            OutputFormat::Json => {
                let json = serde_json::to_string_pretty(&fresh.into_claim_file())
                    .map(|s| s + "\n")
                    .unwrap_or_default();
                if json.len() as u64 > args.max_claim_size {
                    return claim_too_large(&name, args.max_claim_size);
                }
                Outcome::Printed(json)
            }
        };
    }
    let path = args.out.join(format!("{}.yaml", fresh.document.id));
    let mut fresh = fresh;
    if input.as_os_str() != "-" {
        fresh.document.path = fsutil::relative_to(input, &args.out);
    }
    let existing = std::fs::metadata(&path).and_then(|m| {
        if m.len() > args.max_claim_size {
            Err(std::io::ErrorKind::FileTooLarge.into())
        } else {
            std::fs::read(&path)
        }
    });
    let (yaml_text, summary, old_text) = match existing {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A new file has nothing to merge with: its claims are streamed like `--stdout`'s.
            let summary = format!("{} claims, new file", fresh.claims.len());
            let fill = |w: &mut dyn std::io::Write| {
                write_fresh(fresh, &mut fsutil::Capped::new(w, args.max_claim_size))
            };
            return match fsutil::write_guarded(&path, fill, fsutil::Expect::Absent) {
                Ok(true) => Outcome::Written { path, summary },
                Ok(false) => changed_meanwhile(&path, "was created by someone else"),
                Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
                    claim_too_large(&name, args.max_claim_size)
                }
                Err(e) => write_failed(&path, &e),
            };
        }
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
            return Outcome::Failed(vec![Diagnostic::error(
                &path.display().to_string(),
                Loc::START,
                "",
                "too-large",
                format!(
                    "claim file is over the limit of {} bytes (--max-claim-size), so it was not read or \
                     overwritten",
                    args.max_claim_size
                ),
            )]);
        }
        Err(e) => {
            return Outcome::IoFailed(Box::new(Diagnostic::error(
                &path.display().to_string(),
                Loc::START,
                "",
                crate::diagnostic::IO_ERROR,
                crate::walk::io_message(&e),
            )));
        }
        Ok(old_bytes) => {
            let pname = path.display().to_string();
            let old_text = match fsutil::decode_text(old_bytes) {
                Ok(t) => t,
                Err(e) => {
                    return Outcome::Failed(vec![Diagnostic::error(
                        &pname,
                        Loc::START,
                        "",
                        "encoding",
                        format!("{e}; not overwriting it"),
                    )]);
                }
            };
            let old = match crate::validate::parse_claim_file(&pname, &old_text) {
                Ok(f) => f,
                Err(mut diags) => {
                    for d in &mut diags {
                        d.message.push_str(
                            " (the claim file is invalid, so it was not overwritten: fix it first)",
                        );
                    }
                    return Outcome::Failed(diags);
                }
            };
            // The file is rewritten from its records, so comments would be lost: refuse unless asked to drop them.
            let dropped =
                match crate::diagnostic::comments_to_drop(&pname, &old_text, args.drop_comments) {
                    Ok(n) => n,
                    Err(d) => return Outcome::Failed(d),
                };
            let (merged, changes) = crate::merge::merge(old, fresh.into_claim_file());
            let rendered = render_yaml(&merged);
            if rendered.len() as u64 > args.max_claim_size {
                return claim_too_large(&name, args.max_claim_size);
            }
            if rendered == old_text {
                return Outcome::Unchanged { path };
            }
            let mut parts = vec![format!("{} claims", merged.claims.len())];
            if changes.article_changed {
                parts.push("article changed".into());
            }
            for (n, what) in [
                (changes.added, "new"),
                (
                    changes.missing,
                    "no longer in the article (kept, marked missing)",
                ),
                (changes.refreshed, "re-attributed"),
                (changes.kept_corrections, "hand corrections kept"),
                (changes.kept_reviews, "reviews kept"),
                (
                    changes.carried,
                    "edited in the article: review carried over to the new wording, marked `changed` \
                     (re-confirm)",
                ),
                (changes.replaced, "edited in the article (replaced)"),
                (
                    changes.restored,
                    "edited in the claim file: text and location restored from the article (keep notes in \
                     review.note)",
                ),
            ] {
                if n > 0 {
                    parts.push(format!("{n} {what}"));
                }
            }
            if dropped > 0 {
                parts.push(format!(
                    "{dropped} YAML comment(s) dropped (--drop-comments)"
                ));
            }
            (rendered, parts.join(", "), old_text)
        }
    };
    let put = |w: &mut dyn std::io::Write| w.write_all(yaml_text.as_bytes());
    match fsutil::write_guarded(&path, put, fsutil::Expect::Bytes(old_text.as_bytes())) {
        Ok(true) => Outcome::Written { path, summary },
        Ok(false) => changed_meanwhile(&path, "changed on disk"),
        Err(e) => write_failed(&path, &e),
    }
}

/// The article's claim file would be over the size limit the other commands read: refused, nothing written.
fn claim_too_large(name: &str, limit: u64) -> Outcome {
    Outcome::Failed(vec![Diagnostic::error(
        name,
        Loc::START,
        "",
        "too-large",
        format!(
            "its claim file would be over {limit} bytes, the largest that validate, check and match read; nothing \
             was written. Split the article into several files (one per section or chapter), or raise \
             --max-claim-size here and --max-file-size in the other commands"
        ),
    )])
}

/// The claim file changed between reading and writing it (a reviewer saved it, another run wrote it): keeping
/// their version and saying so beats merging over an edit nobody would know was lost.
fn changed_meanwhile(path: &Path, what: &str) -> Outcome {
    Outcome::IoFailed(Box::new(Diagnostic::error(
        &path.display().to_string(),
        Loc::START,
        "",
        crate::diagnostic::IO_ERROR,
        format!(
            "{what} while it was being extracted; it was left as it is and nothing was written: run extract \
             again to merge with the new version"
        ),
    )))
}

/// Writes a fresh extraction as a claim file's YAML, building and writing one claim at a time.
fn write_fresh(
    fresh: crate::extract::Extraction<'_>,
    w: &mut (impl std::io::Write + ?Sized),
) -> std::io::Result<()> {
    let head = yaml::FileHead {
        schema_version: fresh.schema_version,
        normalisation: &fresh.normalisation,
        document: &fresh.document,
    };
    yaml::write_claims_yaml(head, fresh.claims, yaml::SCHEMA_COMMENT_CLAIMS, w)
}

fn write_failed(path: &Path, e: &std::io::Error) -> Outcome {
    Outcome::IoFailed(Box::new(Diagnostic::error(
        &path.display().to_string(),
        Loc::START,
        "",
        crate::diagnostic::IO_ERROR,
        e.to_string(),
    )))
}

fn render_yaml(file: &ClaimFile) -> String {
    yaml::claim_file_to_yaml(file, yaml::SCHEMA_COMMENT_CLAIMS)
}

fn report(outcomes: Vec<Outcome>) -> anyhow::Result<(Status, Vec<PathBuf>)> {
    let mut status = Status::Clean;
    let mut out = std::io::stdout().lock();
    let mut failures: Vec<Diagnostic> = Vec::new();
    let mut lines: Vec<(PathBuf, String)> = Vec::new();
    for o in outcomes {
        match o {
            Outcome::Printed(s) => out.write_all(s.as_bytes())?,
            Outcome::StdoutFailed(e) => return Err(e.into()),
            Outcome::Written { path, summary } => lines.push((path, summary)),
            Outcome::Unchanged { path } => lines.push((path, "unchanged".into())),
            Outcome::Failed(d) => {
                status = status.max(Status::Findings);
                failures.extend(d);
            }
            Outcome::IoFailed(d) => {
                status = Status::Error;
                failures.push(*d);
            }
        }
    }
    out.flush()?;
    lines.sort();
    for (path, summary) in &lines {
        eprintln!("{}: {summary}", visible(&path.display().to_string()));
    }
    crate::diagnostic::sort(&mut failures);
    for d in failures {
        eprintln!("{d}");
    }
    Ok((status, lines.into_iter().map(|(path, _)| path).collect()))
}
