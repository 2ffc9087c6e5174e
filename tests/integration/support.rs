//! Shared helpers for the CLI tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// An article written for these tests (not third-party text).
pub const ARTICLE: &str = "Harbor officials closed the north pier on Monday, the port authority said in a statement.\n\nThe pier had reportedly been cracking for months. \"We will probably reopen it in spring,\" harbor master Lena Ortiz told reporters.\n\nThe city council approved the repair budget on Tuesday.\n";

/// The `claimtrail` binary with a fixed date, so output is reproducible.
pub fn claimtrail() -> Command {
    let mut cmd = Command::cargo_bin("claimtrail").expect("binary is built");
    cmd.env("SOURCE_DATE_EPOCH", "1795000000")
        .env_remove("RUST_LOG");
    cmd
}

/// Runs `claimtrail extract ARTICLE -o OUT`.
pub fn extract_into(article: &Path, out: &Path) -> assert_cmd::assert::Assert {
    claimtrail()
        .arg("extract")
        .arg(article)
        .arg("-o")
        .arg(out)
        .assert()
}

/// Writes `ARTICLE` as `<dir>/<id>.txt` and extracts it into `<dir>/claims/`; returns the claim file's path.
pub fn extracted_claim_file(dir: &Path, id: &str) -> PathBuf {
    let article = dir.join(format!("{id}.txt"));
    std::fs::write(&article, ARTICLE).unwrap();
    extract_into(&article, &dir.join("claims")).success();
    dir.join("claims").join(format!("{id}.yaml"))
}

/// Replaces the first occurrence of `from` in the file, failing the test when it is absent.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.contains(from),
        "{from:?} not in {}:\n{text}",
        path.display()
    );
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The 1-based number of the first line containing `needle`.
pub fn line_of(path: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{needle:?} not found"))
}

/// Runs `claimtrail validate <args>` and returns (exit code, stdout).
pub fn validate(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let out = claimtrail().arg("validate").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// A claim for a hand-built claim file: its text, attributions and hedge cues.
pub struct Spec<'a> {
    pub text: &'a str,
    pub attribution: Vec<claimtrail::record::Attribution>,
    pub hedge: (claimtrail::record::HedgeLevel, &'a [&'a str]),
}

/// An attribution as the extractor would write it.
pub fn attribution(
    name: &str,
    kind: claimtrail::record::SourceKind,
    source: Option<&str>,
    anonymous: bool,
    via: &[&str],
) -> claimtrail::record::Attribution {
    use claimtrail::record::*;
    Attribution {
        name: name.to_string(),
        kind,
        role: None,
        cue: "said".to_string(),
        class: Some(CueClass::Speech),
        quote: QuoteKind::Indirect,
        anonymous,
        mention: Span { start: 0, end: 1 },
        source: source.map(str::to_string),
        via: via
            .iter()
            .map(|v| Relay {
                name: v.to_string(),
                kind: SourceKind::Secondary,
                role: None,
                cue: Some("citing".into()),
                mention: None,
                source: None,
            })
            .collect(),
    }
}

/// "…, Reuters reported": one secondary source, resolved to the built-in registry.
pub fn reuters() -> claimtrail::record::Attribution {
    attribution(
        "Reuters",
        claimtrail::record::SourceKind::Secondary,
        Some("reuters"),
        false,
        &[],
    )
}

/// "Officials said …": anonymous, so of unknown kind.
pub fn officials() -> claimtrail::record::Attribution {
    attribution(
        "officials",
        claimtrail::record::SourceKind::Unknown,
        None,
        true,
        &[],
    )
}

/// "…, the ministry said": an institution speaking for itself (primary).
pub fn ministry() -> claimtrail::record::Attribution {
    attribution(
        "the transport ministry",
        claimtrail::record::SourceKind::Primary,
        None,
        false,
        &[],
    )
}

/// No hedging, for a [`Spec`].
pub const NO_HEDGE: (claimtrail::record::HedgeLevel, &[&str]) =
    (claimtrail::record::HedgeLevel::None, &[]);

/// Builds a valid claim file (hashes and ids computed) and writes it to `<dir>/<id>.yaml`.
pub fn write_claim_file(
    dir: &Path,
    id: &str,
    publisher: Option<&str>,
    specs: Vec<Spec>,
) -> claimtrail::record::ClaimFile {
    use claimtrail::record::*;
    let hashes: Vec<String> = specs
        .iter()
        .map(|s| claimtrail::hash::claim_hash(s.text))
        .collect();
    let ids = claimtrail::hash::assign_ids(hashes.iter().map(String::as_str));
    let claims = specs
        .into_iter()
        .zip(hashes.into_iter().zip(ids))
        .enumerate()
        .map(|(i, (s, (hash, cid)))| Claim {
            id: cid,
            hash,
            text: s.text.to_string(),
            location: Location {
                paragraph: i as u32,
                sentence: 0,
                start: None,
                end: None,
            },
            status: None,
            attribution: s.attribution,
            hedging: Hedging {
                level: s.hedge.0,
                cues: s.hedge.1.iter().map(|c| c.to_string()).collect(),
            },
            corroboration: Vec::new(),
            review: Review::default(),
            changed: None,
            extracted: None,
        })
        .collect();
    let file = ClaimFile {
        schema_version: SCHEMA_VERSION,
        normalisation: NORMALISATION.to_string(),
        document: Document {
            id: id.to_string(),
            title: None,
            publisher: publisher.map(str::to_string),
            url: None,
            published: None,
            retrieved: "2026-11-25".to_string(),
            language: Some("en".to_string()),
            text_sha256: "ab".repeat(32),
            path: None,
            paragraphs: None,
        },
        claims,
    };
    save(dir, &file);
    file
}

/// Writes a claim file to `<dir>/<document-id>.yaml`.
pub fn save(dir: &Path, file: &claimtrail::record::ClaimFile) {
    std::fs::create_dir_all(dir).unwrap();
    let text = claimtrail::yaml::to_yaml(file, claimtrail::yaml::SCHEMA_COMMENT_CLAIMS).unwrap();
    std::fs::write(dir.join(format!("{}.yaml", file.document.id)), text).unwrap();
}

/// Asserts that a human-readable stream carries nothing that text from a file could use as a command: no line
/// starting with `::` after whitespace (a GitHub workflow command) unless `github` allows claimtrail's own
/// annotations (`::error file=…,line=…,col=…,title=claimtrail …::`), no `##[` (the runner's older form), and no
/// raw control character but the line feed, no C1 control, no U+2028/U+2029 and no bidi control (all of which
/// `escape::visible` shows as `\u{…}`).
pub fn assert_inert(what: &str, stream: &[u8], github: bool) {
    let text = String::from_utf8_lossy(stream);
    for line in text.split('\n').map(str::trim_start) {
        let annotation = ["::error file=", "::warning file=", "::notice file="]
            .iter()
            .any(|p| line.starts_with(p))
            && line.contains(",line=")
            && line.contains(",title=claimtrail ");
        assert!(
            !line.starts_with("::") || (github && annotation),
            "{what}: a line is a workflow command: {line:?}\n{text}"
        );
    }
    let hidden = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(
                c,
                '\u{2028}'
                    | '\u{2029}'
                    | '\u{61c}'
                    | '\u{200e}'
                    | '\u{200f}'
                    | '\u{202a}'..='\u{202e}'
                    | '\u{2066}'..='\u{2069}'
            )
    };
    if let Some(c) = text.chars().find(|&c| hidden(c)) {
        panic!(
            "{what}: raw U+{:04X} in the output:\n{text:?}",
            u32::from(c)
        );
    }
    assert!(
        !text.contains("##["),
        "{what}: `##[` in the output:\n{text}"
    );
}

/// Text that tries to forge workflow commands and drive a terminal: a line break before `::error`, a CR before
/// `::add-mask::`, OSC 52 (clipboard), clear screen, NEL, a line separator, a bidi override and `##[add-mask]`.
pub const HOSTILE: &str = "x\n::error file=a::pwned\r::add-mask::secret \u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J\u{85}::warning::nel\u{2028}::notice::ls\u{202e} ##[add-mask]x";

/// `s` as a double-quoted string with `\uXXXX` escapes for everything but printable ASCII: valid in YAML and in
/// TOML, so hostile text can be put into claim files, registries and policy files as they would arrive.
pub fn quoted(s: &str) -> String {
    let mut q = String::from('"');
    for c in s.chars() {
        match c {
            ' '..='~' if c != '"' && c != '\\' => q.push(c),
            c if u32::from(c) > 0xffff => q.push_str(&format!("\\U{:08X}", u32::from(c))),
            c => q.push_str(&format!("\\u{:04X}", u32::from(c))),
        }
    }
    q.push('"');
    q
}
