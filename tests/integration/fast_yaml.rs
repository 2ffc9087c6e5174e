//! The fast YAML reader (`yaml::load_fast`, `yaml::load_located_fast`) against the general loader
//! (`yaml::load_reference`, `yaml::load_located_reference`): it must read every claim file claimtrail writes,
//! agree with the general loader on everything it reads (values, key order, node locations), and refuse whatever
//! the general loader refuses.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use claimtrail::article::Metadata;
use claimtrail::registry::{Registry, RegistryFile};
use claimtrail::yaml::{self, SCHEMA_COMMENT_CLAIMS, SCHEMA_COMMENT_SOURCES};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Equal values with the same key order everywhere (`Value`'s `==` ignores the order of map keys).
fn same(a: &Value, b: &Value) -> bool {
    a == b && serde_json::to_string(a).unwrap() == serde_json::to_string(b).unwrap()
}

/// The fast reader reads `text`, to the general loader's value.
#[track_caller]
fn assert_fast_reads(what: &str, text: &str) {
    let reference = yaml::load_reference(text)
        .unwrap_or_else(|e| panic!("{what}: the general loader refuses it: {e}"));
    let fast = yaml::load_fast(text)
        .unwrap_or_else(|| panic!("{what}: the fast reader refuses it:\n{text}"));
    assert!(same(&fast, &reference), "{what}: values differ");
    let reference = yaml::load_located_reference(text).unwrap();
    let fast = yaml::load_located_fast(text).unwrap();
    assert!(
        same(&fast.value, &reference.value),
        "{what}: located values differ"
    );
    assert_eq!(fast.locator, reference.locator, "{what}: locations differ");
}

/// The contract: `None`, or the general loader's value (and locations); `None` whenever the general loader
/// fails. `Ok(true)` when the fast reader read the text.
fn agrees(text: &str) -> Result<bool, String> {
    let located = match (
        yaml::load_located_fast(text),
        yaml::load_located_reference(text),
    ) {
        (None, _) => false,
        (Some(f), Ok(r)) if same(&f.value, &r.value) && f.locator == r.locator => true,
        (Some(f), Ok(r)) => {
            return Err(format!(
                "located reading differs on {text:?}:\nfast:      {} {:?}\nreference: {} {:?}",
                f.value, f.locator, r.value, r.locator
            ));
        }
        (Some(f), Err(e)) => {
            return Err(format!(
                "the general loader refuses {text:?} ({e}) but the fast reader read {}",
                f.value
            ));
        }
    };
    let read = agrees_unlocated(text)?;
    if read != located {
        return Err(format!(
            "load_fast and load_located_fast disagree on reading {text:?}"
        ));
    }
    Ok(read)
}

fn agrees_unlocated(text: &str) -> Result<bool, String> {
    match (yaml::load_fast(text), yaml::load_reference(text)) {
        (None, _) => Ok(false),
        (Some(v), Ok(r)) if same(&v, &r) => Ok(true),
        (Some(v), Ok(r)) => Err(format!(
            "values differ on {text:?}:\nfast:      {v}\nreference: {r}"
        )),
        (Some(v), Err(e)) => Err(format!(
            "the general loader refuses {text:?} ({e}) but the fast reader read {v}"
        )),
    }
}

fn articles() -> Vec<PathBuf> {
    let mut paths = vec![repo().join("examples/article.txt")];
    let mut devset: Vec<PathBuf> = std::fs::read_dir(repo().join("devset"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    devset.sort();
    assert!(devset.len() >= 10, "devset articles missing");
    paths.extend(devset);
    paths
}

/// Claim files extracted from the example and devset articles, as `extract` writes them.
fn extracted() -> &'static [(String, String)] {
    static FILES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let registry = Registry::builtin();
        articles()
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).unwrap();
                let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
                let meta = Metadata {
                    id: Some(stem.clone()),
                    ..Metadata::default()
                };
                let file = claimtrail::extract::extract(&text, meta, None, "2026-11-25", &registry)
                    .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                (stem, yaml::claim_file_to_yaml(&file, SCHEMA_COMMENT_CLAIMS))
            })
            .collect()
    })
}

#[test]
fn fast_reader_reads_the_repository_claim_files() {
    let text = std::fs::read_to_string(repo().join("claims/ambassador-recall.yaml")).unwrap();
    assert_fast_reads("claims/ambassador-recall.yaml", &text);
    // Written by serde-saphyr, the reference writer, the same text.
    let file = claimtrail::validate::parse_claim_file("x", &text).unwrap();
    let written = yaml::to_yaml(&file, SCHEMA_COMMENT_CLAIMS).unwrap();
    assert_fast_reads("ambassador-recall via to_yaml", &written);
}

#[test]
fn fast_reader_reads_every_yaml_file_under_claims_or_defers() {
    let mut n = 0;
    for entry in std::fs::read_dir(repo().join("claims")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            let text = std::fs::read_to_string(&p).unwrap();
            agrees(&text).unwrap();
            n += 1;
        }
    }
    assert!(n >= 2);
}

#[test]
fn fast_reader_reads_registries_as_claimtrail_writes_them() {
    // The hand-written registries use flow lists (`aliases: [AP, The Associated Press]`), outside the subset:
    // they go to the general loader. Written back by claimtrail's writer they are block lists, in the subset.
    for path in ["claims/sources.yaml", "data/sources.yaml"] {
        let text = std::fs::read_to_string(repo().join(path)).unwrap();
        agrees(&text).unwrap();
        let file: RegistryFile = serde_json::from_value(yaml::load(&text).unwrap()).unwrap();
        let written = yaml::to_yaml(&file, SCHEMA_COMMENT_SOURCES).unwrap();
        assert_fast_reads(&format!("{path} via to_yaml"), &written);
    }
}

#[test]
fn fast_reader_reads_claim_files_extracted_from_the_examples_and_devset() {
    for (name, text) in extracted() {
        assert_fast_reads(name, text);
    }
}

#[test]
fn fast_reader_locates_single_claims_as_check_slices_them() {
    // `check` locates a finding inside a claim by reading only that claim's lines (`  - id: …` up to the next).
    let mut blocks = 0;
    for (name, text) in extracted() {
        let starts: Vec<usize> = text
            .match_indices("\n  - id:")
            .map(|(i, _)| i + 1)
            .collect();
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(text.len());
            assert_fast_reads(&format!("{name} claim {k}"), &text[start..end]);
            blocks += 1;
        }
    }
    assert!(blocks > 100, "{blocks}");
}

#[test]
fn fast_reader_reads_what_serde_saphyr_writes_for_extracted_files() {
    for (name, text) in extracted() {
        let file = claimtrail::validate::parse_claim_file(name, text).unwrap();
        let written = yaml::to_yaml(&file, SCHEMA_COMMENT_CLAIMS).unwrap();
        assert_fast_reads(&format!("{name} via to_yaml"), &written);
    }
}

#[test]
fn the_contract_holds_on_hand_picked_edits() {
    let base = std::fs::read_to_string(repo().join("claims/ambassador-recall.yaml")).unwrap();
    let edits = [
        ("  id: ambassador-recall", "  id: &a ambassador-recall"),
        ("  language: en", "  language: *a"),
        ("  language: en", "  language: !!str en"),
        ("  language: en", "  language: en # English"),
        ("  language: en", "  language: en\n    continued"),
        ("  language: en", "  language: \"en"),
        ("  language: en", "  language:\ten"),
        ("  language: en", "  language: en "),
        ("  language: en", "  language: |\n    en"),
        ("  language: en", "  language: 'en'"),
        ("  language: en", "  language: [en]"),
        ("  language: en", "  language: en\n  language: fr"),
        ("schema_version: 2", "---\nschema_version: 2"),
        ("schema_version: 2", "schema_version: 2\n..."),
        ("    hash:", "   hash:"),
        ("    hash:", "     hash:"),
        ("claims:\n  - id", "claims:\n- id"),
    ];
    let mut read = 0;
    for (from, to) in edits {
        assert!(base.contains(from), "{from:?}");
        let text = base.replacen(from, to, 1);
        if agrees(&text).unwrap_or_else(|e| panic!("{from:?} → {to:?}: {e}")) {
            read += 1;
        }
    }
    // The quoted value is read; a sequence at its key's indentation only if the rest of the file allows.
    assert!(read >= 1);
}

/// Bits that change what YAML means, for mutations.
const TOKENS: &[&str] = &[
    "&a ", "*a", "!tag ", "!!str ", "!!int ", "#", " #", " # c", ":", ": ", "\"", "'", "''", "\t",
    " ", "  ", "\n", "\n  ", "- ", "-", "[", "]", "{", "}", "[]", "{}", "? ", "|", ">", "---\n",
    "...\n", "\\", "\\u00e9", "\\ud83d", "\\x41", "\\\"", "%", "@", "`", "\r", "\u{feff}",
    "\u{85}", "\u{a0}", "\u{2028}", "~", "null", "1", "0x1f", "-1", "1e3", ".5", "yes", ",",
    "a: b", "k:", "x", "é", "“",
];

#[derive(Debug, Clone)]
pub(crate) enum Mutation {
    Insert(usize, usize),
    Replace(usize, usize, usize),
    Delete(usize, usize),
    InsertByte(usize, u8),
    DuplicateLine(usize),
    DeleteLine(usize),
    SwapLines(usize, usize),
    Indent(usize, i8),
    JoinLines(usize),
    /// A token at the end of a line, after its indentation, or after its first `: `.
    AtLineEnd(usize, usize),
    AtLineStart(usize, usize),
    AfterColon(usize, usize),
}

pub(crate) fn mutation() -> impl Strategy<Value = Mutation> {
    let pos = any::<usize>();
    prop_oneof![
        4 => (pos, 0..TOKENS.len()).prop_map(|(p, t)| Mutation::Insert(p, t)),
        3 => (pos, 1usize..4, 0..TOKENS.len()).prop_map(|(p, n, t)| Mutation::Replace(p, n, t)),
        2 => (pos, 1usize..8).prop_map(|(p, n)| Mutation::Delete(p, n)),
        1 => (pos, 0x20u8..0x7f).prop_map(|(p, b)| Mutation::InsertByte(p, b)),
        1 => pos.prop_map(Mutation::DuplicateLine),
        1 => pos.prop_map(Mutation::DeleteLine),
        1 => (pos, pos).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        2 => (pos, prop_oneof![Just(-2i8), Just(-1), Just(1), Just(2)])
            .prop_map(|(p, d)| Mutation::Indent(p, d)),
        1 => pos.prop_map(Mutation::JoinLines),
        2 => (pos, 0..TOKENS.len()).prop_map(|(p, t)| Mutation::AtLineEnd(p, t)),
        2 => (pos, 0..TOKENS.len()).prop_map(|(p, t)| Mutation::AtLineStart(p, t)),
        2 => (pos, 0..TOKENS.len()).prop_map(|(p, t)| Mutation::AfterColon(p, t)),
    ]
}

fn boundary(s: &str, p: usize) -> usize {
    let mut p = p % (s.len() + 1);
    while !s.is_char_boundary(p) {
        p -= 1;
    }
    p
}

pub(crate) fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let n = lines.len();
    match *m {
        Mutation::Insert(p, t) => {
            let p = boundary(text, p);
            return format!("{}{}{}", &text[..p], TOKENS[t], &text[p..]);
        }
        Mutation::Replace(p, len, t) => {
            let p = boundary(text, p);
            let e = boundary(text, p + len);
            let e = if e < p { text.len() } else { e };
            return format!("{}{}{}", &text[..p], TOKENS[t], &text[e..]);
        }
        Mutation::Delete(p, len) => {
            let p = boundary(text, p);
            let e = boundary(text, p + len);
            let e = if e < p { text.len() } else { e };
            return format!("{}{}", &text[..p], &text[e..]);
        }
        Mutation::InsertByte(p, b) => {
            let p = boundary(text, p);
            return format!("{}{}{}", &text[..p], b as char, &text[p..]);
        }
        Mutation::DuplicateLine(i) => {
            let l = lines[i % n].clone();
            lines.insert(i % n, l);
        }
        Mutation::DeleteLine(i) => {
            lines.remove(i % n);
        }
        Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
        Mutation::Indent(i, d) => {
            let l = &mut lines[i % n];
            if d > 0 {
                l.insert_str(0, &" ".repeat(d as usize));
            } else {
                let k = l.len() - l.trim_start_matches(' ').len();
                l.drain(..k.min((-d) as usize));
            }
        }
        Mutation::JoinLines(i) => {
            let i = i % n;
            if i + 1 < n {
                let next = lines.remove(i + 1);
                lines[i].push(' ');
                lines[i].push_str(next.trim_start());
            }
        }
        Mutation::AtLineEnd(i, t) => lines[i % n].push_str(TOKENS[t]),
        Mutation::AtLineStart(i, t) => {
            let l = &mut lines[i % n];
            let k = l.len() - l.trim_start_matches(' ').len();
            l.insert_str(k, TOKENS[t]);
        }
        Mutation::AfterColon(i, t) => {
            let l = &mut lines[i % n];
            if let Some(k) = l.find(": ") {
                l.insert_str(k + 2, TOKENS[t]);
            }
        }
    }
    lines.join("\n")
}

/// Small claim files to mutate: the repository's example (cut to its first claims) and extracted devset files.
pub(crate) fn bases() -> &'static [String] {
    static BASES: OnceLock<Vec<String>> = OnceLock::new();
    BASES.get_or_init(|| {
        let example =
            std::fs::read_to_string(repo().join("claims/ambassador-recall.yaml")).unwrap();
        let mut bases = vec![
            example[..example.match_indices("\n  - id:").nth(2).unwrap().0 + 1].to_string(),
            example[example.find("  - id: e2544d29d265").unwrap() - "claims:\n".len()..]
                .to_string(),
        ];
        for (_, text) in extracted().iter().take(6) {
            let cut = text
                .match_indices("\n  - id:")
                .nth(2)
                .map_or(text.len(), |(i, _)| i + 1);
            bases.push(text[..cut].to_string());
        }
        bases
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn mutated_claim_files_are_refused_or_read_as_the_general_loader_reads_them(
        base in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let bases = bases();
        let mut text = bases[base.index(bases.len())].clone();
        for m in &mutations {
            text = apply(&text, m);
        }
        if let Err(e) = agrees(&text) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// A random document in (and around) the subset, rendered with random styles.
#[derive(Debug, Clone)]
enum Node {
    Scalar(String),
    Map(Vec<(String, Node)>),
    Seq(Vec<Node>),
}

/// Scalars the subset reads in every style (up to `SAFE_SCALARS`), then scalars that some styles make invalid
/// YAML or another type.
const SCALARS: &[&str] = &[
    "x",
    "plain text",
    "yes",
    "No",
    "012",
    "1.5",
    "1e3",
    ".5",
    "~",
    "null",
    "true",
    "FALSE",
    "0x1f",
    "0o17",
    "+1",
    "12:30",
    "2026-01-01",
    "a:b",
    "a#b",
    "a,b",
    "it's",
    "caf\u{e9}",
    "“curly”",
    "...",
    "<<",
    "=",
    "x]",
    "\u{1f600}",
    "9999999999999999999999",
    "x\u{a0}",
    "back\\slash",
    "\"q\" x",
    // not safe in every style
    "",
    "a: b",
    "a #b",
    "#x",
    "- x",
    "-x",
    "-1",
    "[x]",
    "{x}",
    "\"q\"",
    "tab\there",
    "line\nbreak",
    " lead",
    "trail ",
    "\u{a0}nbsp",
    "&a",
    "*a",
    "!t",
    "|",
    ">",
    "?",
    "?x",
    ":x",
    "%x",
    "@x",
    "`x",
    "---",
    "x:",
    "\u{0}",
    "\u{7}",
    "\u{85}",
    "\u{2028}",
    "\u{feff}",
    "'",
    "\\",
    "\\u00e9",
];
const SAFE_SCALARS: usize = 32;

/// Keys: plain ones first (up to `PLAIN_KEYS`), then keys outside the subset.
const KEYS: &[&str] = &[
    "a", "b", "id", "text", "k_1", "1", "null", "true", "x", "a-b", "a b", "\"q\"", "-", "? x",
];
const PLAIN_KEYS: usize = 9;

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => (0..PLAIN_KEYS).prop_map(|i| KEYS[i].to_string()),
        1 => (0..KEYS.len()).prop_map(|i| KEYS[i].to_string()),
    ]
}

fn node() -> impl Strategy<Value = Node> {
    let leaf = prop_oneof![
        8 => (0..SAFE_SCALARS).prop_map(|i| Node::Scalar(SCALARS[i].to_string())),
        1 => (0..SCALARS.len()).prop_map(|i| Node::Scalar(SCALARS[i].to_string())),
    ];
    leaf.prop_recursive(5, 40, 4, |inner| {
        prop_oneof![
            3 => prop::collection::vec((key(), inner.clone()), 0..4).prop_map(Node::Map),
            1 => prop::collection::vec(inner, 0..4).prop_map(Node::Seq),
        ]
    })
}

/// Rendering choices, drawn per node from a stream of random bytes.
struct Style<'a> {
    bytes: &'a [u8],
    i: usize,
}

impl Style<'_> {
    fn pick(&mut self, n: u8) -> u8 {
        let b = self.bytes.get(self.i).copied().unwrap_or(0);
        self.i += 1;
        b % n
    }
}

fn quote(s: &str, style: &mut Style) -> String {
    match style.pick(4) {
        0 | 1 => s.to_string(),
        2 => format!("'{}'", s.replace('\'', "''")),
        _ => serde_json::to_string(s).unwrap(),
    }
}

fn render(node: &Node, indent: usize, out: &mut String, style: &mut Style) {
    let pad = " ".repeat(indent);
    match node {
        Node::Scalar(s) => {
            out.push_str(&pad);
            out.push_str(&quote(s, style));
            out.push('\n');
        }
        Node::Map(entries) if entries.is_empty() => out.push_str(&format!("{pad}{{}}\n")),
        Node::Seq(items) if items.is_empty() => out.push_str(&format!("{pad}[]\n")),
        Node::Map(entries) => {
            for (k, v) in entries {
                if style.pick(8) == 0 {
                    out.push_str(&format!(
                        "{}# comment\n",
                        " ".repeat(style.pick(6) as usize)
                    ));
                }
                match v {
                    Node::Scalar(s) => out.push_str(&format!("{pad}{k}: {}\n", quote(s, style))),
                    Node::Map(e) if e.is_empty() => out.push_str(&format!("{pad}{k}: {{}}\n")),
                    Node::Seq(e) if e.is_empty() => out.push_str(&format!("{pad}{k}: []\n")),
                    Node::Seq(_) if style.pick(3) == 0 => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        render(v, indent, out, style);
                    }
                    _ => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        let step = 1 + style.pick(3) as usize;
                        render(v, indent + step, out, style);
                    }
                }
            }
        }
        Node::Seq(items) => {
            for item in items {
                match item {
                    Node::Map(e) if !e.is_empty() => {
                        // The first entry on the dash line, the others at its column.
                        let spaces = 1 + (style.pick(4) == 0) as usize;
                        let mut inner = String::new();
                        render(item, indent + 1 + spaces, &mut inner, style);
                        let first = inner.trim_start_matches(' ');
                        out.push_str(&format!("{pad}-{}{first}", " ".repeat(spaces)));
                    }
                    Node::Seq(e) if !e.is_empty() => {
                        out.push_str(&format!("{pad}-\n"));
                        render(item, indent + 2, out, style);
                    }
                    _ => {
                        let mut inner = String::new();
                        render(item, 0, &mut inner, style);
                        out.push_str(&format!("{pad}- {inner}"));
                    }
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn generated_documents_are_refused_or_read_as_the_general_loader_reads_them(
        root in prop::collection::vec((key(), node()), 1..5),
        styles in prop::collection::vec(any::<u8>(), 64),
        seq_root in any::<bool>(),
        root_indent in prop_oneof![4 => Just(0usize), 1 => 1usize..4],
    ) {
        let root = if seq_root {
            Node::Seq(root.into_iter().map(|(_, v)| v).collect())
        } else {
            Node::Map(root)
        };
        let mut text = String::new();
        render(&root, root_indent, &mut text, &mut Style { bytes: &styles, i: 0 });
        if let Err(e) = agrees(&text) {
            prop_assert!(false, "{}", e);
        }
    }
}

#[test]
fn generated_documents_are_mostly_in_the_subset() {
    // Guards the property tests above against passing by refusing everything: plain keys and safe scalars must
    // be read.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (
        prop::collection::vec((key(), node()), 1..5),
        prop::collection::vec(any::<u8>(), 64),
    );
    let (mut read, mut total) = (0, 0);
    for _ in 0..500 {
        let (root, styles) = strategy.new_tree(&mut runner).unwrap().current();
        let mut text = String::new();
        render(
            &Node::Map(root),
            0,
            &mut text,
            &mut Style {
                bytes: &styles,
                i: 0,
            },
        );
        total += 1;
        if agrees(&text).unwrap() {
            read += 1;
        }
    }
    eprintln!("generated documents read: {read} of {total}");
    assert!(
        read * 4 >= total,
        "only {read} of {total} generated documents were read"
    );
}

#[test]
fn mutated_claim_files_are_often_still_read() {
    // Guards the mutation property test against passing by refusing everything: many single edits (a digit, a
    // word, a deleted line, a quote pair) leave a file in the subset.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (any::<prop::sample::Index>(), mutation());
    let bases = bases();
    let (mut read, mut total) = (0, 0);
    for _ in 0..1000 {
        let (base, m) = strategy.new_tree(&mut runner).unwrap().current();
        let text = apply(&bases[base.index(bases.len())], &m);
        total += 1;
        if agrees(&text).unwrap() {
            read += 1;
        }
    }
    eprintln!("mutations read: {read} of {total}");
    assert!(
        read * 5 >= total,
        "only {read} of {total} mutated files were read"
    );
}
