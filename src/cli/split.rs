//! `claimtrail split`.

use std::io::Write;

use super::Status;

/// Arguments of `claimtrail split`.
#[derive(Debug, clap::Args)]
pub struct SplitArgs {
    /// Text file to split; `-` or nothing reads standard input.
    pub file: Option<std::path::PathBuf>,
}

/// Runs `claimtrail split`.
pub fn run(args: &SplitArgs) -> anyhow::Result<Status> {
    let text = match &args.file {
        Some(p) if p.as_os_str() != "-" => std::fs::read_to_string(p)?,
        _ => std::io::read_to_string(std::io::stdin())?,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for s in crate::segment::split(&text) {
        writeln!(out, "{}", s.text(&text))?;
    }
    out.flush()?;
    Ok(Status::Clean)
}
