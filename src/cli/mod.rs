//! Command-line interface: argument parsing and the commands. The only module that prints.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod audit;
mod check;
mod extract;
mod matching;
mod schema;
mod split;
mod syntax;
mod validate;

/// Exit status, following linter conventions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// 0: nothing found.
    Clean = 0,
    /// 1: findings or invalid files.
    Findings = 1,
    /// 2: usage, configuration or I/O error.
    Error = 2,
}

/// claimtrail: what an article claims, and on whose word.
#[derive(Debug, Parser)]
#[command(name = "claimtrail", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract articles into claim files, show each claim's sources and hedging, and run the checker.
    Audit(audit::AuditArgs),
    /// Check claim files and source registries: YAML, JSON Schema, hashes, ids and references.
    Validate(validate::ValidateArgs),
    /// Extract claim records from articles into claim files, merging with what reviewers already added.
    Extract(extract::ExtractArgs),
    /// Flag sourcing faults in claim files (single secondary source, circular corroboration, …) and integrity
    /// problems.
    Check(check::CheckArgs),
    /// Explain a checker rule, or list them all.
    Rule(check::RuleArgs),
    /// Split text into sentences, one per line or as JSON lines with byte offsets.
    Split(split::SplitArgs),
    /// Suggest claims in different articles that report the same thing, for reviewers to add as corroboration.
    Match(matching::MatchArgs),
    /// Print the JSON Schemas of claim files and source registries, or write or check `schemas/`.
    // The name is required unless --write or --check is given, which clap's generated usage line cannot say.
    #[command(
        override_usage = "claimtrail schema <WHICH>\n       claimtrail schema --write [<DIR>]\n       claimtrail schema --check [<DIR>]"
    )]
    Schema(schema::SchemaArgs),
    /// Tokenize, tag and parse text into CoNLL-U (or fill in a tokenized CoNLL-U file).
    Parse(syntax::ParseArgs),
    /// Show how a sentence is tokenized, tagged and parsed, as a table.
    Explain(syntax::ExplainArgs),
    /// Train the syntax model from UD treebanks (writes data/syntax/en-ud.model.gz; rebuild to embed it).
    #[command(hide = true, name = "train-syntax")]
    TrainSyntax(syntax::TrainArgs),
    /// Score the syntax model on CoNLL-U files with gold tokenization (UPOS, XPOS, lemma, UAS, LAS).
    #[command(hide = true, name = "eval-syntax")]
    EvalSyntax(syntax::EvalArgs),
}

/// Parses the command line, runs the command and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let status = match cli.command {
        Command::Audit(args) => audit::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Extract(args) => extract::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Rule(args) => check::run_rule(&args),
        Command::Split(args) => split::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Match(args) => matching::run(&args),
        Command::Parse(args) => syntax::run_parse(&args),
        Command::Explain(args) => syntax::run_explain(&args),
        Command::TrainSyntax(args) => syntax::run_train(&args),
        Command::EvalSyntax(args) => syntax::run_eval(&args),
    };
    match status {
        Ok(s) => ExitCode::from(s as u8),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            // Messages quote file names, YAML values and policy keys: one error, one line, nothing raw.
            eprintln!("error: {}", crate::escape::visible(&format!("{e:#}")));
            ExitCode::from(Status::Error as u8)
        }
    }
}

/// Prints clap's error (or help) and returns its exit code, with the arguments it quotes escaped.
///
/// Why: file names reach the command line from others (pre-commit passes the names of changed files, a glob
/// expands a name from a pull request), and clap quotes an argument it cannot place as it is. A name holding a line
/// break and `::error …` would forge a GitHub workflow command, an ESC sequence would reach the terminal.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    // clap quotes pieces of an argument (`--name` of `--name=value`), so the message is made again from the
    // arguments as they are shown escaped: the same mistake, named visibly.
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let args: Vec<String> = raw
        .iter()
        .map(|a| crate::escape::visible(&a.to_string_lossy()).to_string())
        .collect();
    let hostile = raw
        .iter()
        .zip(&args)
        .any(|(raw, shown)| raw.to_str() != Some(shown.as_str()));
    if !hostile {
        let _ = e.print();
    } else {
        match Cli::try_parse_from(&args) {
            Err(shown) => eprint!("{}", shown.render()),
            Ok(_) => eprintln!(
                "error: invalid arguments: {}\n\nFor more information, try '--help'.",
                args[1..].join(" ")
            ),
        }
    }
    ExitCode::from(Status::Error as u8)
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
