//! Tagging + parsing speed, one thread, on UD English EWT test (gold tokenization, ~25k words), release build.
//!
//! `cargo bench --bench syntax` (env `SYNTAX_MODEL=FILE` to time another model file, `PASSES=N`).
//! Prints words per second for tagging alone and for tagging + parsing, plus the model load time. Skips with a
//! note when `../shared/train/ud` is absent. Run on an idle machine; the figures in the README say which.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::time::Instant;

use claimtrail::syntax::{Analysis, Model, Scratch, train};

fn main() {
    let path = std::path::Path::new("../shared/train/ud/en_ewt-test.conllu.gz");
    if !path.exists() {
        eprintln!("skipped: {} not found", path.display());
        return;
    }
    let t = Instant::now();
    let model: &Model = match std::env::var_os("SYNTAX_MODEL") {
        Some(p) => Box::leak(Box::new(Model::load(p.as_ref()).expect("model"))),
        None => Model::embedded().expect("embedded model"),
    };
    let load = t.elapsed();
    let sentences = train::read_treebank(path).expect("treebank");
    let forms: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let words: usize = forms.iter().map(Vec::len).sum();
    let passes: usize = std::env::var("PASSES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(5);
    let mut out = Analysis::default();
    let mut scratch = Scratch::default();
    // Warm-up pass (page faults of the weight tables, allocator growth).
    for f in &forms {
        model.analyse(f, &mut out, &mut scratch);
    }
    let t = Instant::now();
    for _ in 0..passes {
        for f in &forms {
            model.tag(f, &mut out, &mut scratch);
        }
    }
    let tag = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for _ in 0..passes {
        for f in &forms {
            model.analyse(f, &mut out, &mut scratch);
        }
    }
    let all = t.elapsed().as_secs_f64();
    let n = (words * passes) as f64;
    println!("model load: {:.1} ms", load.as_secs_f64() * 1e3);
    println!(
        "tagging:           {:>9.0} words/s ({words} words x {passes})",
        n / tag
    );
    println!("tagging + parsing: {:>9.0} words/s", n / all);
}
