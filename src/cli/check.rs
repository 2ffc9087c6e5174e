//! `claimtrail check` and `claimtrail rule`.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Status;
use crate::check::{self, Policy, policy, rules};
use crate::diagnostic::Severity;
use crate::escape::visible;
use crate::report::{self, Format};
use crate::validate;

/// Arguments of `claimtrail check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Claim files or directories (default: the policy's `include`, else `claims/`).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Policy file (default: `claimtrail.toml` in the current directory, when present).
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Source registry extending the built-in one (default: the policy's `registry`, and any `sources.yaml`
    /// beside the claim files).
    #[arg(long, value_name = "FILE")]
    pub registry: Option<PathBuf>,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
}

/// Runs `claimtrail check`.
pub fn run(args: &CheckArgs) -> anyhow::Result<Status> {
    let policy_path = args.policy.clone().or_else(|| {
        let p = PathBuf::from(policy::DEFAULT_FILE);
        p.is_file().then_some(p)
    });
    let policy = match &policy_path {
        Some(p) => policy::load(p).map_err(anyhow::Error::msg)?,
        None => Policy::default(),
    };
    let base = policy_path
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let registry = args
        .registry
        .clone()
        .or_else(|| policy.registry.as_ref().map(|r| base.join(r)));
    if let Some(r) = &registry
        && !r.is_file()
    {
        anyhow::bail!("source registry {} does not exist", r.display());
    }
    let paths = if !args.paths.is_empty() {
        args.paths.clone()
    } else if !policy.include.is_empty() {
        vec![if base.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            base.clone()
        }]
    } else {
        vec![PathBuf::from("claims")]
    };
    let options = validate::Options {
        registry,
        ..validate::Options::default()
    };
    let (mut files, walk_errors) = validate::discover(&paths, &options);
    filter(&mut files, &policy, &base)?;
    let progress = super::validate::progress_bar(files.len());
    let outcome = check::check(&files, &options, &policy, &|| {
        if let Some(p) = &progress {
            p.inc(1);
        }
    });
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let mut findings = outcome.findings;
    findings.extend(walk_errors);
    crate::diagnostic::sort(&mut findings);
    let failing = findings
        .iter()
        .any(|d| d.severity == Severity::Error || (args.strict && d.severity == Severity::Warning));
    let mut summary = report::Summary::of(outcome.files, &findings);
    summary.claims = Some(outcome.claims);
    summary.waived = Some(outcome.waived);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    report::write(&mut out, args.format, &summary, !failing, &findings)?;
    out.flush()?;
    Ok(if findings.iter().any(|d| d.is_io()) {
        Status::Error
    } else if failing {
        Status::Findings
    } else {
        Status::Clean
    })
}

/// Applies the policy's include and exclude globs (relative to the policy file's directory).
fn filter(files: &mut Vec<PathBuf>, policy: &Policy, base: &Path) -> anyhow::Result<()> {
    let set = |patterns: &[String]| -> anyhow::Result<Option<globset::GlobSet>> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let mut b = globset::GlobSetBuilder::new();
        for p in patterns {
            b.add(globset::Glob::new(p).map_err(|e| anyhow::anyhow!("policy pattern `{p}`: {e}"))?);
        }
        Ok(Some(b.build()?))
    };
    let include = set(&policy.include)?;
    let exclude = set(&policy.exclude)?;
    files.retain(|f| {
        let rel = f.strip_prefix(base).unwrap_or(f);
        let rel = rel.strip_prefix(".").unwrap_or(rel);
        let is_registry = f.file_stem().is_some_and(|s| s == "sources");
        (is_registry || include.as_ref().is_none_or(|g| g.is_match(rel)))
            && exclude.as_ref().is_none_or(|g| !g.is_match(rel))
    });
    Ok(())
}

/// Arguments of `claimtrail rule`.
#[derive(Debug, clap::Args)]
pub struct RuleArgs {
    /// Rule id; without one, lists every rule.
    pub id: Option<String>,
    /// Write every rule's page into DIR (normally `docs/rules`).
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "docs/rules")]
    pub write_docs: Option<PathBuf>,
}

/// Runs `claimtrail rule`.
pub fn run_rule(args: &RuleArgs) -> anyhow::Result<Status> {
    let mut out = std::io::stdout().lock();
    if let Some(dir) = &args.write_docs {
        for r in rules::RULES {
            let path = dir.join(format!("{}.md", r.id));
            crate::fsutil::write_atomic(&path, rules::doc(r).as_bytes())?;
        }
        writeln!(
            out,
            "wrote {} rule pages to {}",
            rules::RULES.len(),
            visible(&dir.display().to_string())
        )?;
        return Ok(Status::Clean);
    }
    match &args.id {
        Some(id) => match rules::get(id) {
            Some(r) => write!(out, "{}", rules::doc(r))?,
            None => {
                eprintln!(
                    "error: no rule `{}`; `claimtrail rule` lists them",
                    visible(id)
                );
                return Ok(Status::Error);
            }
        },
        None => {
            for r in rules::RULES {
                writeln!(out, "{:<26} {:<8} {}", r.id, r.severity.as_str(), r.summary)?;
            }
        }
    }
    Ok(Status::Clean)
}
