//! `claimtrail audit`: the everyday job in one command — extract articles into claim files (merging with review
//! work already there), show each claim with its sources and hedging, then run the checker on the result.

use std::io::Write;

use super::Status;
use super::check::CheckArgs;
use super::extract::ExtractArgs;
use crate::escape::visible;
use crate::record::ClaimFile;

/// Arguments of `claimtrail audit`: those of `extract`, plus the checker's.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    #[command(flatten)]
    extract: ExtractArgs,
    /// Fail (exit 1) on checker warnings too.
    #[arg(long)]
    strict: bool,
}

/// Runs `claimtrail audit`.
pub fn run(args: &AuditArgs) -> anyhow::Result<Status> {
    if args.extract.stdout {
        anyhow::bail!(
            "audit writes claim files; use `claimtrail extract --stdout` to print one instead"
        );
    }
    let (extracted, written) = super::extract::run_and_list(&args.extract)?;
    if extracted != Status::Clean {
        return Ok(extracted);
    }
    let mut out = std::io::stdout().lock();
    for path in written {
        let name = path.display().to_string();
        let Ok(yaml) = std::fs::read_to_string(&path) else {
            continue;
        };
        if let Ok(file) = crate::validate::parse_claim_file(&name, &yaml) {
            print_claims(&mut out, &name, &file)?;
        }
    }
    writeln!(out)?;
    drop(out);
    super::check::run(&CheckArgs {
        paths: vec![args.extract.out.clone()],
        format: crate::report::Format::Text,
        policy: None,
        registry: args.extract.registry.clone(),
        strict: args.strict,
    })
}

/// Two lines per claim: id, who it rests on and hedging, then the start of its text; article text is shown
/// through [`visible`], so a sentence cannot break out of its line or send escape sequences to the terminal.
fn print_claims(out: &mut dyn Write, path: &str, file: &ClaimFile) -> std::io::Result<()> {
    writeln!(out, "{}: {} claims", visible(path), file.claims.len())?;
    for c in &file.claims {
        let sources = if c.attribution.is_empty() {
            "(publisher)".to_string()
        } else {
            c.attribution
                .iter()
                .map(|a| {
                    let kind = match a.kind {
                        crate::record::SourceKind::Primary => "primary",
                        crate::record::SourceKind::Secondary => "secondary",
                        crate::record::SourceKind::Unknown => "unknown",
                    };
                    format!(
                        "{} ({kind}{})",
                        crate::check::origins::chain(a),
                        if a.anonymous { ", anonymous" } else { "" }
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let hedge = if c.hedging.cues.is_empty() {
            String::new()
        } else {
            format!(" [{}]", c.hedging.cues.join(", "))
        };
        writeln!(
            out,
            "  {}  {}{}\n      \"{}\"",
            visible(&c.id),
            visible(&sources),
            visible(&hedge),
            visible(&crate::diagnostic::shorten(&c.text, 100))
        )?;
    }
    Ok(())
}
