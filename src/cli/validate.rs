//! `claimtrail validate`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use super::Status;
use crate::report::{self, Format};
use crate::validate::{self, Options};

/// Arguments of `claimtrail validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Claim files, source registries or directories to check (directories: every `.yaml`/`.yml` inside).
    #[arg(default_value = "claims")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// A source-registry file to check and resolve `source` ids against, besides any `sources.yaml` next to the
    /// claim files.
    #[arg(long, value_name = "FILE")]
    pub registry: Option<PathBuf>,
    /// Largest file accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = validate::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
}

/// Runs `claimtrail validate`.
pub fn run(args: &ValidateArgs) -> anyhow::Result<Status> {
    let options = Options {
        registry: args.registry.clone(),
        max_file_size: args.max_file_size,
    };
    let (files, walk_errors) = validate::discover(&args.paths, &options);
    let progress = progress_bar(files.len());
    let mut report = validate::validate_files(&files, &options, &|| {
        if let Some(p) = &progress {
            p.inc(1);
        }
    });
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    report.diagnostics.extend(walk_errors);
    crate::diagnostic::sort(&mut report.diagnostics);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let summary = report::Summary::of(report.files, &report.diagnostics);
    report::write(
        &mut out,
        args.format,
        &summary,
        report.diagnostics.is_empty(),
        &report.diagnostics,
    )?;
    out.flush()?;
    Ok(if report.has_io_errors() {
        Status::Error
    } else if report.diagnostics.is_empty() {
        Status::Clean
    } else {
        Status::Findings
    })
}

/// A progress bar on stderr, only when it is a terminal and the run is long enough to need one.
pub(crate) fn progress_bar(total: usize) -> Option<indicatif::ProgressBar> {
    if total < 500 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_bar} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}
