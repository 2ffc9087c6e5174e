//! `claimtrail check`: the sourcing faults a careful editor flags, plus every integrity problem `validate` finds.
//!
//! Files are validated and parsed once (in parallel); rules then run per claim with the whole set in view, because
//! corroborating claims in other files contribute their own sources. Findings are located by re-reading only the
//! files that have any.

pub mod origins;
pub mod policy;
pub mod rules;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::diagnostic::{self, ArticleLocation, Diagnostic, Severity, shorten};
use crate::record::{
    Attribution, Claim, ClaimFile, ClaimStatus, Corroboration, HedgeLevel, SourceKind,
};
use crate::registry::{Registry, Reliability};
use crate::validate::{self, Parsed, Pending};
use crate::yaml::{self, Loc};
use origins::Origin;
pub use policy::Policy;

/// What a check run found.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Files checked.
    pub files: usize,
    /// Claims checked.
    pub claims: usize,
    /// Findings waived by reviewers.
    pub waived: usize,
    /// Every finding, sorted by file and position.
    pub findings: Vec<Diagnostic>,
}

/// Runs the checker on `files` (as found by [`validate::discover`]) with `policy` and the project `registry`.
pub fn check(
    files: &[PathBuf],
    options: &validate::Options,
    policy: &Policy,
    on_file: &(dyn Fn() + Sync),
) -> Outcome {
    let (report, parsed) = validate::validate_and_parse(files, options, true, on_file);
    let mut registry = Registry::builtin();
    let mut claim_files: Vec<(PathBuf, ClaimFile)> = Vec::new();
    for p in parsed {
        match p.content {
            Parsed::Sources(r) => registry.extend(r.sources),
            Parsed::Claims(c) => claim_files.push((p.path, *c)),
        }
    }
    let index: HashMap<&str, (&ClaimFile, HashMap<&str, &Claim>)> = claim_files
        .iter()
        .map(|(_, f)| {
            (
                f.document.id.as_str(),
                (
                    f,
                    f.claims
                        .iter()
                        .flat_map(|c| c.ids().map(move |id| (id, c)))
                        .collect(),
                ),
            )
        })
        .collect();
    let ctx = Context {
        registry: &registry,
        policy,
        index: &index,
    };
    let per_file: Vec<(Vec<Diagnostic>, usize)> = claim_files
        .par_iter()
        .map(|(path, file)| ctx.check_file(path, file))
        .collect();

    let mut findings: Vec<Diagnostic> = Vec::new();
    let mut waived = 0;
    for (f, w) in per_file {
        findings.extend(f);
        waived += w;
    }
    for mut d in report.diagnostics {
        if let Some(sev) = policy.severity(d.code, d.severity) {
            d.severity = sev;
            findings.push(d);
        }
    }
    diagnostic::sort(&mut findings);
    Outcome {
        files: report.files,
        claims: claim_files.iter().map(|(_, f)| f.claims.len()).sum(),
        waived,
        findings,
    }
}

/// The article a claim file was extracted from (`document.path`, relative to the claim file) and where each claim
/// is in it; `None` when there is no path or the article cannot be read. Read only for files with findings.
fn article_positions(
    claim_file: &Path,
    file: &ClaimFile,
) -> Option<(String, Vec<Option<crate::position::Position>>)> {
    let rel = file.document.path.as_deref()?;
    let article = crate::fsutil::join_lexically(claim_file.parent().unwrap_or(Path::new("")), rel);
    let text = crate::fsutil::read_text(&article, crate::validate::DEFAULT_MAX_FILE_SIZE).ok()?;
    let at = crate::position::positions(&text, &file.document, &file.claims);
    Some((article.display().to_string(), at))
}

/// A finding before it is located.
struct Raw {
    rule: &'static str,
    severity: Option<Severity>,
    pointer: String,
    message: String,
    sources: Vec<String>,
    origins: Vec<String>,
    claim: usize,
}

struct Context<'a> {
    registry: &'a Registry,
    policy: &'a Policy,
    index: &'a HashMap<&'a str, (&'a ClaimFile, HashMap<&'a str, &'a Claim>)>,
}

impl Context<'_> {
    fn check_file(&self, path: &Path, file: &ClaimFile) -> (Vec<Diagnostic>, usize) {
        let mut raw = Vec::new();
        let mut waived = 0;
        for (i, claim) in file.claims.iter().enumerate() {
            let mut found = Vec::new();
            self.check_claim(i, claim, &mut found);
            let mut waivers: HashSet<&str> = HashSet::default();
            for (j, w) in claim.review.waivers.iter().enumerate() {
                let pointer = format!("/claims/{i}/review/waivers/{j}");
                if !rules::get(&w.rule).is_some_and(|r| r.waivable) {
                    found.push(raw_at(
                        "unknown-waiver",
                        i,
                        pointer,
                        format!(
                            "`{}` is not a rule that can be waived (see `claimtrail rule`)",
                            w.rule
                        ),
                    ));
                } else if w.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                    found.push(raw_at(
                        "waiver-without-reason",
                        i,
                        pointer,
                        format!(
                            "the waiver of `{}` gives no reason; it waives nothing until it does",
                            w.rule
                        ),
                    ));
                } else {
                    waivers.insert(w.rule.as_str());
                }
            }
            for f in found {
                if waivers.contains(f.rule) {
                    waived += 1;
                } else {
                    raw.push(f);
                }
            }
        }
        let raw: Vec<Raw> = raw
            .into_iter()
            .filter_map(|mut r| {
                let default = r
                    .severity
                    .unwrap_or_else(|| rules::get(r.rule).map_or(Severity::Error, |x| x.severity));
                r.severity = Some(self.policy.severity(r.rule, default)?);
                Some(r)
            })
            .collect();
        if raw.is_empty() {
            return (Vec::new(), waived);
        }
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let pending = raw
            .iter()
            .map(|r| Pending {
                pointer: r.pointer.clone(),
                code: r.rule,
                message: r.message.clone(),
            })
            .collect();
        let located = locate_claims(&name, &text, file.claims.len(), pending);
        let article = article_positions(path, file);
        let findings = located
            .into_iter()
            .zip(raw)
            .map(|(mut d, r)| {
                let claim = &file.claims[r.claim];
                d.severity = r.severity.unwrap_or(Severity::Error);
                d.document = Some(file.document.id.clone());
                d.claim = Some(claim.id.clone());
                d.excerpt = Some(shorten(&claim.text, 80));
                d.sources = r.sources;
                d.origins = r.origins;
                d.article = article.as_ref().and_then(|(name, at)| {
                    let p = at.get(r.claim).copied().flatten()?;
                    Some(ArticleLocation {
                        file: name.clone(),
                        line: p.loc.line,
                        column: p.loc.column,
                    })
                });
                d
            })
            .collect();
        (findings, waived)
    }

    /// The origins a corroboration entry contributes.
    fn corroboration_origins(&self, c: &Corroboration) -> Vec<Origin> {
        match c {
            Corroboration::Url(u) => vec![origins::of_source(
                Some(&u.source),
                &u.source,
                u.kind,
                self.registry,
            )],
            Corroboration::Claim(r) => {
                let (doc, id) = r.claim.split_once('#').unwrap_or((&r.claim, ""));
                let Some((file, claims)) = self.index.get(doc) else {
                    return Vec::new();
                };
                let Some(other) = claims.get(id) else {
                    return Vec::new();
                };
                let supporting: Vec<&Attribution> = other
                    .attribution
                    .iter()
                    .filter(|a| self.supports(a))
                    .collect();
                if supporting.is_empty() {
                    // The other article asserts it on its own authority: its publisher is the origin.
                    let publisher = file.document.publisher.as_deref().unwrap_or(doc);
                    vec![origins::of_source(
                        Some(publisher),
                        publisher,
                        SourceKind::Secondary,
                        self.registry,
                    )]
                } else {
                    supporting.iter().map(|a| self.resting_origin(a)).collect()
                }
            }
        }
    }

    /// The origin a claim rests on through one attribution: its source, or, when an outlet relayed it ("X
    /// reported, citing Y", "Y told X"), the outlet nearest the publisher: the claim reached the publisher only
    /// through it, whoever it cites. With `trust_reliable_relays`, a named primary source relayed only by outlets
    /// the registry marks generally reliable counts as itself.
    fn resting_origin(&self, a: &Attribution) -> Origin {
        let own = origins::of_attribution(a, self.registry);
        let Some(outer) = a.via.last() else {
            return own;
        };
        let relays: Vec<Origin> = a
            .via
            .iter()
            .map(|r| {
                origins::of_source(
                    r.source.as_deref(),
                    &r.name,
                    SourceKind::Secondary,
                    self.registry,
                )
            })
            .collect();
        if self.policy.trust_reliable_relays
            && !a.anonymous
            && own.kind == SourceKind::Primary
            && relays
                .iter()
                .all(|r| r.reliability == Some(Reliability::GenerallyReliable))
        {
            return own;
        }
        let mut o = origins::of_source(
            outer.source.as_deref(),
            &outer.name,
            SourceKind::Secondary,
            self.registry,
        );
        // The relay passes on the cited party's anonymity: a claim only an outlet's anonymous source backs is
        // anonymous-only too.
        o.anonymous = a.anonymous;
        o
    }

    fn supports(&self, a: &Attribution) -> bool {
        a.class.is_none_or(|c| self.policy.support.contains(&c))
    }

    fn check_claim(&self, i: usize, claim: &Claim, out: &mut Vec<Raw>) {
        if claim.status == Some(ClaimStatus::Missing) {
            // History, not a claim the article makes: one quiet note, no sourcing verdicts.
            out.push(raw_at(
                "missing-claim",
                i,
                format!("/claims/{i}/status"),
                "the sentence is no longer in the article; kept for its review history, sourcing not checked"
                    .to_string(),
            ));
            return;
        }
        if let Some(ch) = &claim.changed {
            out.push(raw_at(
                "needs-reconfirmation",
                i,
                format!("/claims/{i}/changed"),
                format!(
                    "the sentence was edited since its review (was: \"{}\", similarity {:.2}); check the review \
                     against the new wording, then delete `changed`",
                    shorten(&ch.text, 60),
                    ch.similarity
                ),
            ));
        }
        let supporting: Vec<&Attribution> = claim
            .attribution
            .iter()
            .filter(|a| self.supports(a))
            .collect();
        let own: Vec<Origin> = supporting.iter().map(|a| self.resting_origin(a)).collect();
        let chains: Vec<String> = supporting
            .iter()
            .zip(&own)
            .map(|(a, o)| format!("{} ({})", origins::chain(a), kind_name(o.kind)))
            .collect();
        let mut all = own.clone();
        let mut pending: Vec<usize> = Vec::new();
        for (j, c) in claim.corroboration.iter().enumerate() {
            if let Corroboration::Claim(r) = c
                && !r.counts()
            {
                if r.is_pending() {
                    pending.push(j);
                }
                continue;
            }
            let theirs = self.corroboration_origins(c);
            if !own.is_empty()
                && !theirs.is_empty()
                && theirs
                    .iter()
                    .all(|t| own.iter().any(|o| !o.is_independent_of(t)))
            {
                let shared: BTreeSet<&str> = theirs
                    .iter()
                    .flat_map(|t| {
                        own.iter()
                            .filter(|o| !o.is_independent_of(t))
                            .map(|o| o.label.as_str())
                    })
                    .collect();
                out.push(Raw {
                    rule: "circular-corroboration",
                    severity: None,
                    pointer: format!("/claims/{i}/corroboration/{j}"),
                    message: format!(
                        "this corroboration traces back to {}, which the claim already rests on",
                        shared.into_iter().collect::<Vec<_>>().join(", ")
                    ),
                    sources: chains.clone(),
                    origins: theirs.iter().map(|t| t.label.clone()).collect(),
                    claim: i,
                });
            }
            all.extend(theirs);
        }
        if let Some(&first) = pending.first() {
            let n = pending.len();
            out.push(Raw {
                rule: "pending-suggestion",
                severity: None,
                pointer: format!("/claims/{i}/corroboration/{first}"),
                message: format!(
                    "{n} corroboration suggestion{} from `match --write` not yet reviewed (not counted until \
                     accepted): delete `status: suggested` to accept one, or set `status: rejected`",
                    if n == 1 { "" } else { "s" }
                ),
                sources: chains.clone(),
                origins: Vec::new(),
                claim: i,
            });
        }
        let claim_at = format!("/claims/{i}");
        if !own.is_empty() {
            let (cluster, count) = origins::clusters(&all);
            let origin_labels: Vec<String> = {
                let mut seen = vec![None; count];
                for (o, &c) in all.iter().zip(&cluster) {
                    seen[c].get_or_insert_with(|| o.label.clone());
                }
                seen.into_iter().flatten().collect()
            };
            let any_primary = all.iter().any(|o| o.kind == SourceKind::Primary);
            let any_secondary = all.iter().any(|o| o.kind == SourceKind::Secondary);
            let all_anonymous = own.iter().all(|o| o.anonymous);
            let satisfied = (any_primary && self.policy.primary_satisfies)
                || count >= self.policy.min_independent_origins;
            if !satisfied && any_secondary {
                let message = if count == 1 {
                    format!(
                        "rests only on {} (secondary) with no independent confirmation; add corroboration from an \
                         independent or primary source",
                        origin_labels.join(", ")
                    )
                } else {
                    format!(
                        "rests on {count} independent secondary origins ({}); the policy asks for {}",
                        origin_labels.join(", "),
                        self.policy.min_independent_origins
                    )
                };
                out.push(Raw {
                    rule: "single-secondary-source",
                    severity: None,
                    pointer: claim_at.clone(),
                    message,
                    sources: chains.clone(),
                    origins: origin_labels.clone(),
                    claim: i,
                });
            }
            if all_anonymous {
                out.push(Raw {
                    rule: "anonymous-only",
                    severity: None,
                    pointer: claim_at.clone(),
                    message: format!("every source is anonymous: {}", chains.join("; ")),
                    sources: chains.clone(),
                    origins: origin_labels.clone(),
                    claim: i,
                });
            }
        } else if claim.hedging.level >= HedgeLevel::Reported
            && claim.hedging.cues.iter().any(|c| implies_unnamed_source(c))
        {
            out.push(Raw {
                rule: "unattributed-hedge",
                severity: None,
                pointer: claim_at.clone(),
                message: format!(
                    "hedged with {} but names no source: who reported it?",
                    claim
                        .hedging
                        .cues
                        .iter()
                        .map(|c| format!("\"{c}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                sources: Vec::new(),
                origins: Vec::new(),
                claim: i,
            });
        }
        // Registry standing of every named source and relay.
        for (j, a) in claim.attribution.iter().enumerate() {
            let mut named: Vec<(String, Origin)> = Vec::new();
            if !a.anonymous {
                named.push((
                    format!("/claims/{i}/attribution/{j}"),
                    origins::of_attribution(a, self.registry),
                ));
            }
            for (k, r) in a.via.iter().enumerate() {
                named.push((
                    format!("/claims/{i}/attribution/{j}/via/{k}"),
                    origins::of_source(
                        r.source.as_deref(),
                        &r.name,
                        SourceKind::Secondary,
                        self.registry,
                    ),
                ));
            }
            for (pointer, o) in named {
                let severity = match o.reliability {
                    Some(Reliability::Deprecated) => Some(Severity::Error),
                    Some(Reliability::GenerallyUnreliable) => Some(Severity::Warning),
                    Some(Reliability::NoConsensus) => Some(Severity::Info),
                    _ => None,
                };
                if let Some(severity) = severity {
                    let standing = match o.reliability {
                        Some(Reliability::Deprecated) => "deprecated",
                        Some(Reliability::GenerallyUnreliable) => "generally unreliable",
                        _ => "of disputed reliability (no consensus)",
                    };
                    out.push(Raw {
                        rule: "unreliable-source",
                        severity: Some(severity),
                        pointer: pointer.clone(),
                        message: format!("{} is {standing} in the source registry", o.label),
                        sources: chains.clone(),
                        origins: vec![o.label.clone()],
                        claim: i,
                    });
                }
                if !o.registered && o.kind == SourceKind::Secondary {
                    out.push(Raw {
                        rule: "unknown-source",
                        severity: None,
                        pointer,
                        message: format!(
                            "{} relays this claim but is not in the source registry; add it to claims/sources.yaml",
                            o.label
                        ),
                        sources: chains.clone(),
                        origins: vec![o.label.clone()],
                        claim: i,
                    });
                }
            }
        }
    }
}

/// Locates findings about claims without re-parsing the whole file.
///
/// Claim files written by `extract` list each claim as a line `  - ` under a top-level `claims:`; when the file
/// has exactly one such line per claim, a claim's location is its line, and a field inside it is found by parsing
/// only that claim's lines. Hand-formatted files fall back to a full located parse. Locating used to re-parse
/// every file with findings, which was as costly as the check itself.
fn locate_claims(name: &str, text: &str, claims: usize, pending: Vec<Pending>) -> Vec<Diagnostic> {
    let mut starts: Vec<(usize, u32)> = Vec::with_capacity(claims);
    let mut in_claims = false;
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if !line.starts_with(' ') && !line.starts_with('#') && !line.trim().is_empty() {
            in_claims = line.trim_end() == "claims:";
        } else if in_claims && line.starts_with("  - ") {
            starts.push((offset, n as u32 + 1));
        }
        offset += line.len();
    }
    if starts.len() != claims {
        return validate::locate(name, text, pending);
    }
    pending
        .into_iter()
        .map(|p| {
            let rest = p.pointer.strip_prefix("/claims/").unwrap_or("");
            let (index, inner) = rest.split_once('/').map_or((rest, ""), |(i, r)| (i, r));
            let loc = match index
                .parse::<usize>()
                .ok()
                .and_then(|i| starts.get(i).map(|s| (i, *s)))
            {
                Some((_, (_, line))) if inner.is_empty() => Loc { line, column: 5 },
                Some((i, (start, line))) => {
                    let end = starts.get(i + 1).map_or(text.len(), |s| s.0);
                    let block = yaml::load_located(&text[start..end])
                        .map(|l| l.locator.locate(&format!("/0/{inner}")));
                    block.map_or(Loc { line, column: 5 }, |l| Loc {
                        line: l.line + line - 1,
                        column: l.column,
                    })
                }
                None => Loc::START,
            };
            Diagnostic::error(name, loc, &p.pointer, p.code, p.message)
        })
        .collect()
}

/// Whether a hedge cue puts the claim on someone's unnamed word: an evidential ("reportedly", "is said to") or an
/// allegation adverb ("allegedly"). Allegation nouns, adjectives and verbs ("alleged activities", "accusing them
/// of") qualify a term or name their accuser in the sentence, so they do not ask "who says so?".
fn implies_unnamed_source(cue: &str) -> bool {
    match crate::hedging::detect(cue).level {
        HedgeLevel::Reported => true,
        HedgeLevel::Alleged => cue.to_lowercase().ends_with("ly"),
        _ => false,
    }
}

fn raw_at(rule: &'static str, claim: usize, pointer: String, message: String) -> Raw {
    Raw {
        rule,
        severity: None,
        pointer,
        message,
        sources: Vec::new(),
        origins: Vec::new(),
        claim,
    }
}

fn kind_name(k: SourceKind) -> &'static str {
    match k {
        SourceKind::Primary => "primary",
        SourceKind::Secondary => "secondary",
        SourceKind::Unknown => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_claim_location_agrees_with_the_full_parse() {
        let text = include_str!("../../claims/ambassador-recall.yaml");
        let file = validate::parse_claim_file("x", text).unwrap();
        let pointers: Vec<String> = (0..file.claims.len())
            .flat_map(|i| {
                let c = &file.claims[i];
                let mut v = vec![format!("/claims/{i}"), format!("/claims/{i}/hedging")];
                v.extend((0..c.attribution.len()).map(|j| format!("/claims/{i}/attribution/{j}")));
                v.extend(
                    (0..c.corroboration.len()).map(|j| format!("/claims/{i}/corroboration/{j}")),
                );
                v.extend(
                    (0..c.review.waivers.len()).map(|j| format!("/claims/{i}/review/waivers/{j}")),
                );
                v
            })
            .collect();
        let pending = || {
            pointers
                .iter()
                .map(|p| Pending {
                    pointer: p.clone(),
                    code: "x",
                    message: String::new(),
                })
                .collect::<Vec<_>>()
        };
        let fast = locate_claims("x", text, file.claims.len(), pending());
        let full = validate::locate("x", text, pending());
        assert!(pointers.len() > 40);
        assert_eq!(fast, full);
    }
}
