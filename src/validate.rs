//! `claimtrail validate`: syntax, schema and integrity checks of claim files and source registries.
//!
//! Each file is checked on its own (in parallel): readable UTF-8 text → YAML without anchors or duplicate keys →
//! JSON Schema → integrity (hashes recomputed from text, ids consistent with hashes and unique, document id equal
//! to the file stem, dates that parse). Then references across files are resolved: corroborating claims
//! (`<document-id>#<claim-id>`), registry `source` ids and `republishes` links. Valid files are parsed once; files
//! with problems are parsed a second time with locations, so the common case pays nothing for error reporting.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::Value;

use crate::diagnostic::{self, Diagnostic, IO_ERROR, shorten};
use crate::fsutil::{ReadError, read_text};
use crate::hash;
use crate::record::{Claim, ClaimFile, Corroboration};
use crate::registry::{Registry, RegistryFile};
use crate::schema::{self, Kind};
use crate::yaml::{self, Loc};

/// Default bound on the size of one claim file (64 MiB): far above any real claim file.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Settings of a validation run.
#[derive(Debug, Clone)]
pub struct Options {
    /// An extra source-registry file to validate and resolve `source` ids against.
    pub registry: Option<PathBuf>,
    /// Largest file accepted, in bytes.
    pub max_file_size: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            registry: None,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// What a validation run found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Number of files checked.
    pub files: usize,
    /// Every problem, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Whether any problem was an I/O failure.
    pub fn has_io_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_io)
    }
}

/// A problem known by its JSON Pointer, located later (only files with problems are parsed for locations).
pub(crate) struct Pending {
    pub(crate) pointer: String,
    pub(crate) code: &'static str,
    pub(crate) message: String,
}

/// What cross-file resolution needs to know about one valid file.
enum Summary {
    Claims {
        document: String,
        /// Claim ids, hashed: a 64-bit hash per id keeps 100,000-file runs small.
        claims: Vec<u64>,
        claim_refs: Vec<Ref>,
        source_refs: Vec<Ref>,
    },
    Sources {
        ids: Vec<String>,
        republish_refs: Vec<Ref>,
    },
}

struct Ref {
    target: String,
    pointer: String,
}

struct FileResult {
    path: PathBuf,
    diagnostics: Vec<Diagnostic>,
    summary: Option<Summary>,
    parsed: Option<Parsed>,
}

/// A file that passed the schema, parsed, for commands that go on to use its content (`check`).
#[derive(Debug, Clone)]
pub enum Parsed {
    /// A claim file (boxed: it is far larger than a registry).
    Claims(Box<ClaimFile>),
    /// A source registry.
    Sources(RegistryFile),
}

/// A parsed file and where it came from.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    /// The file.
    pub path: PathBuf,
    /// Its content.
    pub content: Parsed,
}

/// Lists the files `validate` would check under `paths`: `.yaml`/`.yml` files, plus the `sources.yaml` beside any
/// claim file (references resolve against it) and the `--registry` file.
pub fn discover(paths: &[PathBuf], options: &Options) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let (mut files, errors) = crate::walk::files(paths, &["yaml", "yml"]);
    let mut extra: Vec<PathBuf> = options.registry.iter().cloned().collect();
    let dirs: HashSet<&Path> = files.iter().filter_map(|f| f.parent()).collect();
    for dir in dirs {
        let sibling = dir.join("sources.yaml");
        if sibling.is_file() {
            extra.push(sibling);
        }
    }
    files.extend(extra);
    files.sort();
    files.dedup();
    let diagnostics = errors
        .into_iter()
        .map(crate::walk::WalkError::into_diagnostic)
        .collect();
    (files, diagnostics)
}

/// Validates `files` (as found by [`discover`]); `on_file` is called after each file, for progress display.
pub fn validate_files(files: &[PathBuf], options: &Options, on_file: &(dyn Fn() + Sync)) -> Report {
    validate_and_parse(files, options, false, on_file).0
}

/// Like [`validate_files`], and also returns the content of every file that passed the schema when `keep` is set,
/// so that `check` reads each file once.
pub fn validate_and_parse(
    files: &[PathBuf],
    options: &Options,
    keep: bool,
    on_file: &(dyn Fn() + Sync),
) -> (Report, Vec<ParsedFile>) {
    let results: Vec<FileResult> = files
        .par_iter()
        .map(|path| {
            let r = check_file(path, options, keep);
            on_file();
            r
        })
        .collect();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let cross = resolve_references(&results, options);
    let mut parsed = Vec::new();
    for r in results {
        diagnostics.extend(r.diagnostics);
        if let Some(content) = r.parsed {
            parsed.push(ParsedFile {
                path: r.path,
                content,
            });
        }
    }
    diagnostics.extend(cross);
    diagnostic::sort(&mut diagnostics);
    (
        Report {
            files: files.len(),
            diagnostics,
        },
        parsed,
    )
}

/// Discovers and validates in one call.
pub fn validate(paths: &[PathBuf], options: &Options) -> Report {
    let (files, mut walk_errors) = discover(paths, options);
    let mut report = validate_files(&files, options, &|| {});
    report.diagnostics.append(&mut walk_errors);
    diagnostic::sort(&mut report.diagnostics);
    report
}

fn check_file(path: &Path, options: &Options, keep: bool) -> FileResult {
    let name = path.display().to_string();
    let mut result = FileResult {
        path: path.to_path_buf(),
        diagnostics: Vec::new(),
        summary: None,
        parsed: None,
    };
    let text = match read_text(path, options.max_file_size) {
        Ok(t) => t,
        Err(ReadError::Io(message)) => {
            result
                .diagnostics
                .push(Diagnostic::error(&name, Loc::START, "", IO_ERROR, message));
            return result;
        }
        Err(ReadError::Content { offset, message }) => {
            let loc = offset.map_or(Loc::START, |o| {
                Loc::of_offset(&std::fs::read(path).unwrap_or_default(), o)
            });
            let code = if message.starts_with("invalid UTF-8") {
                "encoding"
            } else if message.starts_with("binary") {
                "binary-file"
            } else if message.contains("limit") {
                "too-large"
            } else {
                "empty-file"
            };
            result
                .diagnostics
                .push(Diagnostic::error(&name, loc, "", code, message));
            return result;
        }
    };
    let value = match yaml::load(&text) {
        Ok(v) => v,
        Err(e) => {
            result
                .diagnostics
                .push(Diagnostic::error(&name, e.loc, "", e.code, e.message));
            return result;
        }
    };
    let kind = Kind::of_path(path);
    let mut pending: Vec<Pending> = schema::validate(kind, &value)
        .into_iter()
        .map(|v| Pending {
            pointer: v.pointer,
            code: "schema",
            message: v.message,
        })
        .collect();
    if pending.is_empty() {
        match kind {
            Kind::ClaimFile => match serde_json::from_value::<ClaimFile>(value) {
                Ok(file) => {
                    result.summary = Some(check_claim_file(path, &file, &mut pending));
                    result.parsed = keep.then(|| Parsed::Claims(Box::new(file)));
                }
                Err(e) => pending.push(Pending {
                    pointer: String::new(),
                    code: "schema",
                    message: e.to_string(),
                }),
            },
            Kind::Sources => match serde_json::from_value::<RegistryFile>(value) {
                Ok(file) => {
                    result.summary = Some(check_registry(&file, &mut pending));
                    result.parsed = keep.then_some(Parsed::Sources(file));
                }
                Err(e) => pending.push(Pending {
                    pointer: String::new(),
                    code: "schema",
                    message: e.to_string(),
                }),
            },
        }
    }
    if !pending.is_empty() {
        result.diagnostics = locate(&name, &text, pending);
    }
    result
}

/// Turns pending problems into located diagnostics by re-reading the YAML with locations.
pub(crate) fn locate(name: &str, text: &str, pending: Vec<Pending>) -> Vec<Diagnostic> {
    let locator = yaml::load_located(text)
        .map(|l| l.locator)
        .unwrap_or_default();
    pending
        .into_iter()
        .map(|p| {
            let loc = locator.locate(&p.pointer);
            Diagnostic::error(name, loc, &p.pointer, p.code, p.message)
        })
        .collect()
}

/// The integrity problems of one parsed claim file on its own (hashes, ids, dates, the file name), located:
/// what `validate` reports for it apart from references to other files. Commands that rewrite a claim file
/// refuse one with such problems, as they refuse one that does not parse.
pub fn integrity_problems(path: &Path, text: &str, file: &ClaimFile) -> Vec<Diagnostic> {
    let mut pending = Vec::new();
    check_claim_file(path, file, &mut pending);
    locate(&path.display().to_string(), text, pending)
}

fn check_claim_file(path: &Path, file: &ClaimFile, pending: &mut Vec<Pending>) -> Summary {
    let mut push = |pointer: String, code: &'static str, message: String| {
        pending.push(Pending {
            pointer,
            code,
            message,
        })
    };
    let doc = &file.document;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if doc.id != stem {
        push(
            "/document/id".into(),
            "document-id",
            format!(
                "document id `{}` differs from the file name `{stem}`: rename the file or fix the id",
                doc.id
            ),
        );
    }
    for (field, value) in [
        ("published", doc.published.as_deref()),
        ("retrieved", Some(doc.retrieved.as_str())),
    ] {
        if let Some(v) = value
            && let Err(m) = check_date(v)
        {
            push(format!("/document/{field}"), "bad-date", m);
        }
    }
    let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
    let mut claim_refs = Vec::new();
    let mut source_refs = Vec::new();
    for (i, claim) in file.claims.iter().enumerate() {
        let at = |field: &str| format!("/claims/{i}/{field}");
        let actual = hash::claim_hash(&claim.text);
        if actual != claim.hash {
            push(
                at("hash"),
                "hash-mismatch",
                format!(
                    "the text was edited after extraction: it hashes to {}, but `hash` is {}; restore the text or \
                     re-run `claimtrail extract` on the article",
                    short_hash(&actual),
                    short_hash(&claim.hash)
                ),
            );
        }
        if let Some(ch) = &claim.changed {
            let earlier = hash::claim_hash(&ch.text);
            if earlier != ch.hash {
                push(
                    at("changed/hash"),
                    "hash-mismatch",
                    format!(
                        "the earlier wording was edited: it hashes to {}, but `changed.hash` is {}; restore it (the \
                         review was made on that wording)",
                        short_hash(&earlier),
                        short_hash(&ch.hash)
                    ),
                );
            }
        }
        let hex = claim
            .hash
            .strip_prefix(hash::HASH_PREFIX)
            .unwrap_or_default();
        let base = claim.id.split('-').next().unwrap_or_default();
        if !hex.starts_with(base) {
            push(
                at("id"),
                "id-mismatch",
                format!(
                    "claim id `{}` does not match its hash: ids are the first 12 hex digits of `hash`",
                    claim.id
                ),
            );
        }
        if let Some(first) = ids.insert(&claim.id, i) {
            push(
                at("id"),
                "duplicate-id",
                format!("claim id `{}` is also used by claims[{first}]", claim.id),
            );
        }
        if let (Some(start), Some(end)) = (claim.location.start, claim.location.end)
            && end < start
        {
            push(
                at("location"),
                "bad-location",
                "location `end` is before `start`".to_string(),
            );
        }
        for (j, a) in claim.attribution.iter().enumerate() {
            if a.mention.end < a.mention.start {
                push(
                    format!("/claims/{i}/attribution/{j}/mention"),
                    "bad-location",
                    "mention `end` is before `start`".to_string(),
                );
            }
            if let Some(s) = &a.source {
                source_refs.push(Ref {
                    target: s.clone(),
                    pointer: format!("/claims/{i}/attribution/{j}/source"),
                });
            }
            for (k, relay) in a.via.iter().enumerate() {
                if let Some(s) = &relay.source {
                    source_refs.push(Ref {
                        target: s.clone(),
                        pointer: format!("/claims/{i}/attribution/{j}/via/{k}/source"),
                    });
                }
            }
        }
        for (j, c) in claim.corroboration.iter().enumerate() {
            if let Corroboration::Claim(r) = c {
                claim_refs.push(Ref {
                    target: r.claim.clone(),
                    pointer: format!("/claims/{i}/corroboration/{j}/claim"),
                });
            }
        }
        if let Some(at_value) = &claim.review.at
            && let Err(m) = check_date(at_value)
        {
            push(at("review/at"), "bad-date", m);
        }
    }
    Summary::Claims {
        document: doc.id.clone(),
        claims: id_hashes(file.claims.iter().flat_map(Claim::ids)),
        claim_refs,
        source_refs,
    }
}

fn check_registry(file: &RegistryFile, pending: &mut Vec<Pending>) -> Summary {
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    let mut republish_refs = Vec::new();
    for (i, s) in file.sources.iter().enumerate() {
        if let Some(first) = seen.insert(&s.id, i) {
            pending.push(Pending {
                pointer: format!("/sources/{i}/id"),
                code: "duplicate-id",
                message: format!("source id `{}` is also used by sources[{first}]", s.id),
            });
        }
        for (j, r) in s.republishes.iter().enumerate() {
            republish_refs.push(Ref {
                target: r.clone(),
                pointer: format!("/sources/{i}/republishes/{j}"),
            });
        }
    }
    Summary::Sources {
        ids: file.sources.iter().map(|s| s.id.clone()).collect(),
        republish_refs,
    }
}

/// A `sha256:` hash cut to the 12 hex digits a claim id shows (`sha256:0274f2be9f44…`), enough to tell two apart;
/// anything else (a hand-edited value) shortened to the same width.
fn short_hash(h: &str) -> String {
    match h.strip_prefix(hash::HASH_PREFIX) {
        Some(hex) if hex.len() > 12 && hex.is_ascii() => {
            format!("{}{}…", hash::HASH_PREFIX, &hex[..12])
        }
        _ => format!("`{}`", shorten(h, 20)),
    }
}

/// Accepts `YYYY-MM-DD` or RFC 3339; says what is wrong otherwise.
pub fn check_date(s: &str) -> Result<(), String> {
    if chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        || chrono::DateTime::parse_from_rfc3339(s).is_ok()
    {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not a real date (YYYY-MM-DD) or RFC 3339 timestamp",
            shorten(s, 40)
        ))
    }
}

/// Resolves corroboration and source references across the validated files, the built-in registry and claim files
/// beside the referring file.
fn resolve_references(results: &[FileResult], options: &Options) -> Vec<Diagnostic> {
    let builtin = Registry::builtin();
    let mut source_ids: FxHashSet<&str> = builtin.entries().iter().map(|e| e.id.as_str()).collect();
    let mut claims_of: FxHashMap<&str, &[u64]> = FxHashMap::default();
    for r in results {
        match &r.summary {
            Some(Summary::Sources { ids, .. }) => source_ids.extend(ids.iter().map(String::as_str)),
            Some(Summary::Claims {
                document, claims, ..
            }) => {
                claims_of.insert(document.as_str(), claims.as_slice());
            }
            None => {}
        }
    }
    // Claim files referenced but not in the run: look beside the referring file, once each.
    let mut outside: FxHashMap<PathBuf, Option<Vec<u64>>> = FxHashMap::default();
    let mut diagnostics = Vec::new();
    for r in results {
        let mut pending = Vec::new();
        match &r.summary {
            Some(Summary::Claims {
                claim_refs,
                source_refs,
                ..
            }) => {
                for rf in claim_refs {
                    let (doc, id) = rf.target.split_once('#').unwrap_or((&rf.target, ""));
                    let found = match claims_of.get(doc) {
                        Some(ids) => Some(ids.binary_search(&id_hash(id)).is_ok()),
                        None => {
                            let p = r.path.with_file_name(format!("{doc}.yaml"));
                            outside
                                .entry(p.clone())
                                .or_insert_with(|| load_claim_ids(&p, options))
                                .as_ref()
                                .map(|ids| ids.binary_search(&id_hash(id)).is_ok())
                        }
                    };
                    match found {
                        Some(true) => {}
                        Some(false) => pending.push(Pending {
                            pointer: rf.pointer.clone(),
                            code: "unresolved-reference",
                            message: format!("`{}`: document `{doc}` has no claim `{id}`", rf.target),
                        }),
                        None => pending.push(Pending {
                            pointer: rf.pointer.clone(),
                            code: "unresolved-reference",
                            message: format!(
                                "`{}`: no claim file for document `{doc}` among the validated files or beside this one",
                                rf.target
                            ),
                        }),
                    }
                }
                unresolved_sources(source_refs, &source_ids, &mut pending);
            }
            Some(Summary::Sources { republish_refs, .. }) => {
                unresolved_sources(republish_refs, &source_ids, &mut pending)
            }
            None => {}
        }
        if !pending.is_empty() {
            let name = r.path.display().to_string();
            let text = std::fs::read_to_string(&r.path).unwrap_or_default();
            diagnostics.extend(locate(&name, &text, pending));
        }
    }
    diagnostics
}

fn unresolved_sources(refs: &[Ref], known: &FxHashSet<&str>, pending: &mut Vec<Pending>) {
    for rf in refs {
        if !known.contains(rf.target.as_str()) {
            pending.push(Pending {
                pointer: rf.pointer.clone(),
                code: "unresolved-reference",
                message: format!(
                    "source `{}` is not in the source registry (claims/sources.yaml or the built-in registry)",
                    rf.target
                ),
            });
        }
    }
}

fn load_claim_ids(path: &Path, options: &Options) -> Option<Vec<u64>> {
    let text = read_text(path, options.max_file_size).ok()?;
    let file: ClaimFile = serde_json::from_value(yaml::load(&text).ok()?).ok()?;
    Some(id_hashes(file.claims.iter().flat_map(Claim::ids)))
}

/// A claim id as a 64-bit hash (deterministic SipHash): ids are 12+ hex digits of a sha256, so collisions between
/// the ids of a run are vanishingly unlikely, and the summary of a file shrinks from strings to integers.
fn id_hash(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// Sorted hashes of claim ids, for binary search.
fn id_hashes<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<u64> {
    let mut v: Vec<u64> = ids.map(id_hash).collect();
    v.sort_unstable();
    v.shrink_to_fit();
    v
}

/// Parses a claim file's text, for commands that read claim files (extract's merge, check): the same checks as
/// `validate` up to and including the schema, with the problems located.
pub fn parse_claim_file(name: &str, text: &str) -> Result<ClaimFile, Vec<Diagnostic>> {
    let value: Value = yaml::load(text)
        .map_err(|e| vec![Diagnostic::error(name, e.loc, "", e.code, e.message)])?;
    let violations = schema::validate(Kind::ClaimFile, &value);
    if !violations.is_empty() {
        let pending = violations.into_iter().map(|v| Pending {
            pointer: v.pointer,
            code: "schema",
            message: v.message,
        });
        return Err(locate(name, text, pending.collect()));
    }
    serde_json::from_value(value).map_err(|e| {
        vec![Diagnostic::error(
            name,
            Loc::START,
            "",
            "schema",
            e.to_string(),
        )]
    })
}
