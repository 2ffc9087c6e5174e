//! Hedge-cue accuracy on the development set: `devset/*.txt` with `{{…}}` gold cues (format in `devset/README.md`).
//!
//! A predicted cue counts only when its byte span equals a gold span exactly, so a cue that is found but cut
//! differently ("according to" instead of "according to reports") costs both precision and recall. The floor is
//! set below the current score so that lexicon edits that cost accuracy fail here rather than in review.

#![allow(clippy::print_stdout, clippy::print_stderr)] // test output: the scores and the misses are the point

use std::path::{Path, PathBuf};

use claimtrail::hedging::detect_spans;
use claimtrail::segment::split;

/// Minimum hedge-cue F1 on the devset.
const F1_FLOOR: f64 = 0.9;

/// A devset article with its markup removed.
struct Annotated {
    text: String,
    /// Gold hedge-cue spans in `text`.
    hedges: Vec<(usize, usize)>,
    /// Gold source-mention spans in `text` (checked for well-formedness only here).
    sources: Vec<(usize, usize)>,
}

/// Strips `[[…]]` and `{{…}}` and records their spans in the plain text. Markup never nests.
fn parse(marked: &str) -> Result<Annotated, String> {
    let mut text = String::with_capacity(marked.len());
    let mut hedges = Vec::new();
    let mut sources = Vec::new();
    let mut open: Option<(&str, usize)> = None;
    let mut rest = marked;
    while !rest.is_empty() {
        let tag = ["[[", "]]", "{{", "}}"]
            .into_iter()
            .find(|t| rest.starts_with(t));
        match (tag, open) {
            (Some(t @ ("[[" | "{{")), None) => open = Some((t, text.len())),
            (Some("]]"), Some(("[[", start))) => {
                sources.push((start, text.len()));
                open = None;
            }
            (Some("}}"), Some(("{{", start))) => {
                hedges.push((start, text.len()));
                open = None;
            }
            (Some(t), _) => {
                return Err(format!(
                    "unexpected {t} after {:?}",
                    &text[text.len().saturating_sub(40)..]
                ));
            }
            (None, _) => {
                let c = rest.chars().next().unwrap();
                text.push(c);
                rest = &rest[c.len_utf8()..];
                continue;
            }
        }
        rest = &rest[2..];
    }
    if let Some((t, start)) = open {
        return Err(format!("unclosed {t} at {:?}", &text[start..]));
    }
    for &(start, end) in hedges.iter().chain(&sources) {
        let span = &text[start..end];
        if span.is_empty() || span.trim() != span || span.contains('\n') {
            return Err(format!(
                "bad span {span:?}: empty, padded or spanning lines"
            ));
        }
    }
    Ok(Annotated {
        text,
        hedges,
        sources,
    })
}

fn devset_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("devset");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn markup_parser_records_plain_text_spans() {
    let a = parse("[[Interfax]] said it {{may}} rain.").unwrap();
    assert_eq!(a.text, "Interfax said it may rain.");
    assert_eq!(a.sources, [(0, 8)]);
    assert_eq!(a.hedges, [(17, 20)]);
    assert!(parse("[[a {{b}}]]").is_err());
    assert!(parse("[[a").is_err());
    assert!(parse("a]]").is_err());
    assert!(parse("[[ a]]").is_err());
}

#[test]
fn devset_markup_is_well_formed() {
    let files = devset_files();
    assert!(files.len() >= 12, "devset has {} articles", files.len());
    let mut sources = 0;
    for path in files {
        let marked = std::fs::read_to_string(&path).unwrap();
        let a = parse(&marked).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // Some articles are deliberately free of attribution (negatives), so only the total is checked.
        sources += a.sources.len();
    }
    assert!(sources >= 100, "only {sources} gold source mentions");
}

#[test]
fn hedge_cue_f1_on_devset() {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for path in devset_files() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let a = parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut predicted = Vec::new();
        for sentence in split(&a.text) {
            let offset = sentence.start;
            predicted.extend(
                detect_spans(sentence.text(&a.text))
                    .iter()
                    .map(|c| (offset + c.start, offset + c.end)),
            );
        }
        for span in &predicted {
            if a.hedges.contains(span) {
                tp += 1;
            } else {
                fp += 1;
                eprintln!("{name}: false positive {:?}", &a.text[span.0..span.1]);
            }
        }
        for span in a.hedges.iter().filter(|s| !predicted.contains(s)) {
            fn_ += 1;
            eprintln!("{name}: missed {:?}", &a.text[span.0..span.1]);
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    println!(
        "hedge cues on devset: tp {tp} fp {fp} fn {fn_}; P {precision:.3} R {recall:.3} F1 {f1:.3}"
    );
    assert!(
        tp + fn_ >= 50,
        "too few gold hedge cues ({}) for a meaningful score",
        tp + fn_
    );
    assert!(
        f1 >= F1_FLOOR,
        "hedge-cue F1 {f1:.3} < {F1_FLOOR} (P {precision:.3}, R {recall:.3})"
    );
}

/// `devset/showcase.txt` is `examples/article.txt` with markup and the headline in place of the front matter;
/// the README's quick start runs on the example, so the two must not drift apart.
#[test]
fn showcase_matches_the_example_article() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = std::fs::read_to_string(root.join("examples/article.txt")).unwrap();
    let showcase =
        parse(&std::fs::read_to_string(root.join("devset/showcase.txt")).unwrap()).unwrap();
    let front = example.strip_prefix("---\n").expect("front matter");
    let (front, body) = front.split_once("\n---\n").expect("end of front matter");
    let title = front
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .expect("title");
    assert_eq!(showcase.text, format!("{title}\n\n{body}"));
}
