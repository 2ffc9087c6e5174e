//! `claimtrail audit`: the everyday job in one command — extract articles into claim files (merging with review
//! work already there), show each claim with its sources and hedging, then run the checker on the result.

use std::io::Write;

use super::Status;
use super::check::CheckArgs;
use super::extract::ExtractArgs;
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
    let extracted = super::extract::run(&args.extract)?;
    if extracted != Status::Clean {
        return Ok(extracted);
    }
    let mut out = std::io::stdout().lock();
    let (files, _) = crate::walk::files(&args.extract.inputs, &["txt", "md"]);
    for article in files {
        let Ok(text) = std::fs::read_to_string(&article) else {
            continue;
        };
        let id = args
            .extract
            .id
            .clone()
            .or_else(|| {
                crate::article::front_matter(&text)
                    .ok()
                    .and_then(|(m, _)| m.id)
            })
            .or_else(|| crate::article::id_from_file_name(&article));
        let Some(id) = id else { continue };
        let path = args.extract.out.join(format!("{id}.yaml"));
        let Ok(yaml) = std::fs::read_to_string(&path) else {
            continue;
        };
        if let Ok(file) = crate::validate::parse_claim_file(&path.display().to_string(), &yaml) {
            print_claims(&mut out, &path.display().to_string(), &file)?;
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

/// One line per claim: id, who it rests on, hedging, and the start of its text.
fn print_claims(out: &mut dyn Write, path: &str, file: &ClaimFile) -> std::io::Result<()> {
    writeln!(out, "{path}: {} claims", file.claims.len())?;
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
            "  {}  {sources}{hedge}\n      \"{}\"",
            c.id,
            crate::diagnostic::shorten(&c.text, 100)
        )?;
    }
    Ok(())
}
