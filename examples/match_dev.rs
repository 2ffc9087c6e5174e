//! Scores `claimtrail match` on the labelled paraphrase pairs of `devset/paraphrase.tsv`.
//!
//! Run with `cargo run --release --example match_dev -- [--verbose] [FILE]`. Prints recall (share of `same` pairs
//! scored at or above the threshold) and precision at the default threshold and a few others, and with
//! `--verbose` every pair's score. `tests/integration/matching.rs` holds the same figures to floors.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use claimtrail::matching::{DEFAULT_THRESHOLD, eval};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/devset/paraphrase.tsv").to_string()
        });
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let pairs = match eval::parse(&text) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let scores = eval::scores(&pairs);
    if verbose {
        for (p, s) in pairs.iter().zip(&scores) {
            let mark = if (*s >= DEFAULT_THRESHOLD) == p.same {
                ' '
            } else {
                '!'
            };
            let label = if p.same { "same" } else { "diff" };
            println!("{mark} {s:.3} {label} {:<12} {} | {}", p.kind, p.a, p.b);
        }
        println!();
    }
    println!("threshold  recall        precision  false positives");
    let mut thresholds = vec![0.2, 0.25, 0.3, 0.35, 0.4, 0.5];
    if !thresholds.contains(&DEFAULT_THRESHOLD) {
        thresholds.push(DEFAULT_THRESHOLD);
        thresholds.sort_by(f64::total_cmp);
    }
    for t in thresholds {
        let c = eval::count(&pairs, &scores, t);
        println!(
            "{t:.2}{}     {:>2}/{:<2} {:.3}   {:.3}      {}/{}",
            if t == DEFAULT_THRESHOLD { "*" } else { " " },
            c.found,
            c.positives,
            c.recall(),
            c.precision(),
            c.false_positives,
            c.negatives
        );
    }
    println!("* default threshold");
}
