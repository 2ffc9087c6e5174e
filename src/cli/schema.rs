//! `claimtrail schema`.

use std::io::Write;
use std::path::PathBuf;

use super::Status;
use crate::escape::visible;
use crate::schema::Kind;

/// Arguments of `claimtrail schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Which schema to print: `claim-file` or `sources` (required unless --write or --check is given).
    #[arg(value_name = "WHICH", value_parser = ["claim-file", "sources"], required_unless_present_any = ["write", "check"])]
    pub which: Option<String>,
    /// Write both schemas into DIR (normally `schemas/`).
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "schemas", conflicts_with = "check")]
    pub write: Option<PathBuf>,
    /// Exit 1 if the schemas in DIR differ from the generated ones.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "schemas")]
    pub check: Option<PathBuf>,
}

/// Runs `claimtrail schema`.
pub fn run(args: &SchemaArgs) -> anyhow::Result<Status> {
    if let Some(dir) = &args.write {
        for kind in Kind::ALL {
            let path = dir.join(kind.file_name());
            crate::fsutil::write_atomic(&path, crate::schema::generate_text(kind).as_bytes())
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            eprintln!("wrote {}", visible(&path.display().to_string()));
        }
        return Ok(Status::Clean);
    }
    if let Some(dir) = &args.check {
        let mut stale = false;
        for kind in Kind::ALL {
            let path = dir.join(kind.file_name());
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            if committed != crate::schema::generate_text(kind) {
                println!(
                    "{}: out of date; run `claimtrail schema --write {}`",
                    visible(&path.display().to_string()),
                    visible(&dir.display().to_string())
                );
                stale = true;
            }
        }
        return Ok(if stale {
            Status::Findings
        } else {
            Status::Clean
        });
    }
    let kind = if args.which.as_deref() == Some("sources") {
        Kind::Sources
    } else {
        Kind::ClaimFile
    };
    let mut out = std::io::stdout().lock();
    out.write_all(crate::schema::generate_text(kind).as_bytes())?;
    Ok(Status::Clean)
}
