//! Bounded fuzzing of the readers of untrusted text: the claim-file loader, the front-matter reader and
//! segmentation (a proptest suite rather than cargo-fuzz, so that it runs on stable Rust in every `cargo test`).
//!
//! `CLAIMTRAIL_FUZZ_CASES` sets the number of cases per target (default 256, a few seconds in all, which is what
//! CI runs). A longer hunt: `CLAIMTRAIL_FUZZ_CASES=100000 cargo test --release --test integration fuzz::`.
//! A failure is shrunk to a minimal input and saved under `tests/proptest-regressions/` to be replayed first.

use std::path::Path;

use claimtrail::diagnostic::Diagnostic;
use proptest::prelude::*;

use crate::fast_yaml::{apply, bases, mutation};
use crate::split::{check_invariants, newsy_text};

fn cases() -> u32 {
    std::env::var("CLAIMTRAIL_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256)
}

/// Every diagnostic points inside `text` (a line that exists, or the one after a final newline).
fn located_inside(text: &str, diags: &[Diagnostic]) -> Result<(), TestCaseError> {
    let lines = text.split('\n').count() as u32;
    for d in diags {
        prop_assert!(
            d.line >= 1 && d.line <= lines && d.column >= 1,
            "{}:{} outside the text ({} lines): {}",
            d.line,
            d.column,
            lines,
            d.message
        );
        let line = text
            .split('\n')
            .nth(d.line as usize - 1)
            .unwrap_or_default();
        prop_assert!(
            d.column as usize <= line.chars().count() + 1,
            "column {} past the end of line {} ({:?}): {}",
            d.column,
            d.line,
            line,
            d.message
        );
    }
    Ok(())
}

/// What `validate` does with one claim file's text: load, schema, typed record, integrity checks.
fn load_claim_file(text: &str) -> Result<(), TestCaseError> {
    match claimtrail::validate::parse_claim_file("fuzz.yaml", text) {
        Ok(file) => {
            let path = format!("{}.yaml", file.document.id);
            let problems = claimtrail::validate::integrity_problems(Path::new(&path), text, &file);
            located_inside(text, &problems)
        }
        Err(diags) => {
            prop_assert!(!diags.is_empty(), "refused without a reason");
            located_inside(text, &diags)
        }
    }
}

/// The mutation bases of the fast-reader tests that are whole, valid claim files (some are fragments).
fn claim_files() -> Vec<&'static String> {
    bases()
        .iter()
        .filter(|t| claimtrail::validate::parse_claim_file("base.yaml", t).is_ok())
        .collect()
}

#[test]
fn most_mutation_bases_are_valid_claim_files() {
    // The fuzzing below starts from these; without valid ones it would only ever test refusals.
    let valid = claim_files();
    assert!(valid.len() >= 2, "only {} valid bases", valid.len());
    for text in valid {
        let file = claimtrail::validate::parse_claim_file("base.yaml", text).unwrap();
        assert!(!file.claims.is_empty());
        let path = format!("{}.yaml", file.document.id);
        let problems = claimtrail::validate::integrity_problems(Path::new(&path), text, &file);
        assert!(
            problems.is_empty(),
            "{:?}",
            problems.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
    }
}

/// Front matter built from keys and values, some of them hostile, then mutated like the claim files.
fn front_matter_article() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "id",
        "title",
        "publisher",
        "url",
        "published",
        "retrieved",
        "language",
        "extra",
        "id ",
        "? id",
    ]);
    let value = prop::sample::select(vec![
        "a-1",
        "\"Quoted: title\"",
        "'single'",
        "2026-02-30",
        "2026-12-07",
        "2026-12-07T10:00:00Z",
        "1e3",
        "4294967296",
        "!!int 5",
        "&a x",
        "*a",
        "[a, b]",
        "{k: v}",
        "|\n  block",
        "~",
        "",
        "\u{202e}evil",
        "../../etc",
    ]);
    let lines = prop::collection::vec((key, value), 0..8).prop_map(|kv| {
        kv.into_iter()
            .map(|(k, v)| format!("{k}: {v}\n"))
            .collect::<String>()
    });
    let close = prop::sample::select(vec!["---\n", "...\n", "--- \n", ""]);
    (
        lines,
        close,
        newsy_text(),
        prop::collection::vec(mutation(), 0..3),
    )
        .prop_map(|(lines, close, body, mutations)| {
            let mut text = format!("---\n{lines}{close}{body}");
            for m in &mutations {
                text = apply(&text, m);
            }
            text
        })
}

/// Text of the shapes that made segmentation slow or wrong before: long runs of one quote mark or bracket,
/// nested brackets, runs of terminators, tokens without spaces, and prose around them.
fn hostile_text() -> impl Strategy<Value = String> {
    let mark = prop::sample::select(vec![
        "'", "\"", "«", "»", "“", "„", "‹", "(", ")", "[", ".", "!", "?", "…", "\u{2028}",
        "\u{85}", "\u{202e}", "a", "Word. ", " ",
    ]);
    let run = (mark, 1usize..3000).prop_map(|(m, n)| m.repeat(n));
    let atom = prop_oneof![
        3 => newsy_text(),
        2 => run,
        1 => (1usize..500).prop_map(|n| format!("{}x{}", "(".repeat(n), ")".repeat(n))),
    ];
    prop::collection::vec(atom, 1..6).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn claim_file_loader_refuses_or_reads_mutated_files_and_locates_every_error(
        base in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let bases = claim_files();
        let mut text = bases[base.index(bases.len())].clone();
        for m in &mutations {
            text = apply(&text, m);
        }
        load_claim_file(&text)?;
    }

    #[test]
    fn front_matter_reader_refuses_or_reads_and_locates_errors_inside_the_article(text in front_matter_article()) {
        match claimtrail::article::front_matter(&text) {
            Ok((_, body_start)) => {
                prop_assert!(body_start <= text.len() && text.is_char_boundary(body_start));
                // What extract does next with the article must not panic either.
                let registry = claimtrail::registry::Registry::builtin();
                let _ = claimtrail::extract::extract(&text, Default::default(), Some("f".into()), "2026-12-07", &registry);
            }
            Err(e) => {
                let lines = text.split('\n').count() as u32;
                prop_assert!(e.loc.line >= 1 && e.loc.line <= lines && e.loc.column >= 1, "{:?}: {}", e.loc, e.message);
            }
        }
    }

    #[test]
    fn segmentation_of_hostile_text_keeps_its_invariants(text in hostile_text()) {
        check_invariants(&text, &claimtrail::segment::split(&text))?;
    }
}
