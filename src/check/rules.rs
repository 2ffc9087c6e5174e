//! The rule registry: every finding id claimtrail can report, with its default severity and documentation.
//!
//! One table serves `claimtrail rule NAME`, the SARIF rule list and the generated `docs/rules/*.md`, so the three
//! cannot disagree. Integrity problems found by `validate` are listed too: `check` reports them under these ids.

use crate::diagnostic::Severity;

/// A rule and its documentation.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable kebab-case id.
    pub id: &'static str,
    /// Default severity; a policy can change it or turn the rule off.
    pub severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// What it flags.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// An example that is flagged.
    pub example: &'static str,
    /// How to fix it.
    pub fix: &'static str,
    /// Whether a reviewer can waive it on one claim (integrity problems cannot be waived).
    pub waivable: bool,
}

const WAIVE: &str = "Add to the claim's `review` block:\n\n```yaml\nreview:\n  status: supported\n  waivers:\n    - rule: RULE\n      reason: Why the finding does not apply (required).\n```";

/// Every rule, provenance rules first, then integrity problems.
pub const RULES: &[Rule] = &[
    Rule {
        id: "single-secondary-source",
        severity: Severity::Error,
        summary: "The claim rests on one secondary source and nothing independent.",
        what: "A claim whose attributions and reviewer-added corroboration reduce to exactly one independent origin \
               (following relay chains, `republishes` links and corroborating claims' own sources), when that \
               origin is secondary: a news agency or outlet relaying what happened. A claim that reached the \
               publisher through an outlet (\"Interfax reported, citing a ministry source\", \"Peskov told \
               Interfax\", \"according to VTV, which cited the ministry\"; the outlet is in `via`) rests on that \
               outlet, whoever it cites. A primary source or two independent origins satisfy the rule; the \
               policy's `min_independent_origins` can demand more, `trust_reliable_relays = true` lets a named \
               primary source quoted only by `generally-reliable` outlets count as itself, and attributions whose \
               `class` is not in the policy's `support` list (by default `cognition`: what someone believes or \
               wants) are ignored.",
        why: "Editorial standards are reluctant to rely on a single source; many outlets repeating one agency \
              report is still one source. If the agency is wrong, every copy is wrong.",
        example: "Sullivan departed from Moscow on Thursday morning, Interfax reported.",
        fix: "Find an independent confirmation (the embassy's statement, a second agency with its own reporting) \
              and add it under `corroboration`, or attribute the claim to its primary source.",
        waivable: true,
    },
    Rule {
        id: "circular-corroboration",
        severity: Severity::Error,
        summary: "A listed corroboration traces back to the claim's own origin.",
        what: "A `corroboration` entry whose sources all lead back to an origin the claim already rests on: outlet \
               B \"citing Interfax\" does not corroborate Interfax, and a syndicated copy (`republishes` in the \
               registry) does not corroborate its wire original.",
        why: "Circular corroboration makes a single-source claim look confirmed.",
        example: "A claim attributed to Interfax, corroborated by a Hollin Herald story that republishes Interfax copy.",
        fix: "Remove the entry, or replace it with a source that did its own reporting.",
        waivable: true,
    },
    Rule {
        id: "unattributed-hedge",
        severity: Severity::Warning,
        summary: "A hedged claim (\"reportedly\", \"allegedly\") names no source.",
        what: "A claim with no attribution that carries an evidential hedge (\"reportedly\", \"is said to\", \
               \"according to reports\") or an allegation adverb (\"allegedly\"): cues that put the claim on \
               someone's unnamed word. Allegation nouns, adjectives and verbs (\"alleged malign activities\", \
               \"accusing them of\") qualify a term or name the accuser in the sentence, and modal hedges \
               (\"probably\") are the writer's own: neither is flagged.",
        why: "\"Reportedly\" asks the reader to trust a report they cannot see.",
        example: "The envoy had reportedly refused to leave at first.",
        fix: "Name the source (\"…, Interfax reported\"), or drop the claim.",
        waivable: true,
    },
    Rule {
        id: "anonymous-only",
        severity: Severity::Warning,
        summary: "Every source of the claim is anonymous.",
        what: "A claim whose attributions are all anonymous (\"officials said\", \"a source familiar with the \
               matter\"), including anonymous sources relayed by a named outlet.",
        why: "Anonymous sourcing may be justified, but a reader cannot weigh it; editors check it twice.",
        example: "Reuters reported, citing a White House official, that the talks had stalled.",
        fix: "Add a named or documentary source, or waive with the reason anonymity was granted.",
        waivable: true,
    },
    Rule {
        id: "unreliable-source",
        severity: Severity::Warning,
        summary: "The claim rests on a source the registry marks unreliable.",
        what: "An attribution or relay whose registry entry has reliability `generally-unreliable` (warning), \
               `deprecated` (error) or `no-consensus` (info).",
        why: "Claims resting on sources with a poor record need independent confirmation.",
        example: "…, a deprecated outlet reported.",
        fix: "Corroborate the claim from a reliable source, or attribute it clearly in the text.",
        waivable: true,
    },
    Rule {
        id: "unknown-source",
        severity: Severity::Info,
        summary: "A relaying outlet or agency is not in the source registry.",
        what: "A secondary attribution or a relay (`via`) whose name matches no registry entry, so its \
               reliability and syndication links are unknown. People and institutions speaking for themselves \
               need no registry entry and are not flagged.",
        why: "The registry is how claimtrail knows who republishes whom; unknown outlets can hide circularity.",
        example: "…, the Hollin Evening Post reported.",
        fix: "Add the outlet to `claims/sources.yaml` with its type, role and reliability.",
        waivable: true,
    },
    Rule {
        id: "needs-reconfirmation",
        severity: Severity::Warning,
        summary: "A review carried over from an earlier wording of the sentence awaits re-confirmation.",
        what: "A claim with a `changed` block: the article's sentence was edited lightly (a typo fixed, a number \
               corrected) and re-extraction carried the review, corroboration and corrections made on the earlier \
               wording (`changed.text`) over to the new one. They still count, but nobody has looked at them \
               against the new wording.",
        why: "A light edit can change what a claim says (\"5 million\" → \"50 million\"). A verdict, waiver or \
              corroboration given for the old wording may not hold for the new one.",
        example: "changed: {id: a7c3b62a787a, text: \"Karvia has recaled its ambassador …\", similarity: 0.96}",
        fix: "Compare `changed.text` with `text`. If the review still holds, delete the `changed` block; if not, \
              update `review` and `corroboration` first.",
        waivable: false,
    },
    Rule {
        id: "missing-claim",
        severity: Severity::Info,
        summary: "The sentence is no longer in the article; its claim is kept for its history.",
        what: "A claim marked `status: missing`: re-extraction did not find its sentence in the article any more \
               and no edited successor took its review over. It is kept so that its review and corroboration are \
               not lost, and its sourcing is no longer checked (the article does not make the claim any more).",
        why: "A deleted sentence can matter to an audit (a correction, a retraction), so its review stays in the \
              file; judging its sourcing would only repeat findings about text readers no longer see.",
        example: "status: missing",
        fix: "Nothing, if the deletion was intended. Delete the claim from the claim file when its history is no \
              longer needed.",
        waivable: true,
    },
    Rule {
        id: "pending-suggestion",
        severity: Severity::Info,
        summary: "Corroboration suggested by `match --write` awaits a reviewer.",
        what: "A claim with `corroboration` entries marked `status: suggested`: near-duplicate claims that \
               `claimtrail match --write` found in other articles. Until a person accepts them they count for \
               nothing: no origin, no circular-corroboration finding.",
        why: "Similar wording is not evidence: two articles can repeat one agency, or say different things in \
              similar words. Only a reviewer can tell whether the other claim is independent confirmation.",
        example: "corroboration: [{claim: coast-news#5abc94dd0f9e, status: suggested, note: similarity 0.52}]",
        fix: "Read the other claim. If it corroborates this one, delete its `status: suggested` line (or set \
              `status: accepted`); if not, set `status: rejected`. Deleting the entry instead lets the next \
              `match --write` suggest it again.",
        waivable: true,
    },
    Rule {
        id: "waiver-without-reason",
        severity: Severity::Error,
        summary: "A waiver gives no reason.",
        what: "An entry under `review.waivers` without a non-empty `reason`.",
        why: "A waiver is an editorial decision; the reason is what the next reviewer reads.",
        example: "waivers: [{rule: single-secondary-source}]",
        fix: "Add `reason:` saying why the finding does not apply.",
        waivable: false,
    },
    Rule {
        id: "unknown-waiver",
        severity: Severity::Warning,
        summary: "A waiver names a rule that does not exist or cannot be waived.",
        what: "An entry under `review.waivers` whose `rule` is not a waivable rule id.",
        why: "A misspelt waiver silently waives nothing.",
        example: "waivers: [{rule: single-source, reason: …}]",
        fix: "Use one of the rule ids listed by `claimtrail rule`.",
        waivable: false,
    },
    integrity("yaml-syntax", "The file is not valid YAML."),
    integrity("duplicate-key", "A mapping has the same key twice."),
    integrity(
        "yaml-anchor",
        "The file uses YAML anchors or aliases, which claim files forbid.",
    ),
    integrity(
        "yaml-tag",
        "The file uses YAML tags, which claim files forbid.",
    ),
    integrity("too-deep", "Nesting is deeper than claim files ever need."),
    integrity(
        "multiple-documents",
        "The file holds more than one YAML document.",
    ),
    integrity(
        "schema",
        "The file does not follow the JSON Schema in `schemas/`.",
    ),
    integrity(
        "hash-mismatch",
        "A claim's text no longer matches its hash: it was edited after extraction.",
    ),
    integrity("id-mismatch", "A claim id is not derived from its hash."),
    integrity(
        "duplicate-id",
        "Two claims (or registry sources) share an id.",
    ),
    integrity("document-id", "The document id differs from the file name."),
    integrity("bad-date", "A date does not exist or does not parse."),
    integrity("bad-location", "A location's end is before its start."),
    integrity(
        "unresolved-reference",
        "A corroboration or source reference points at nothing.",
    ),
    integrity("encoding", "The file is not UTF-8."),
    integrity("binary-file", "The file is binary."),
    integrity("empty-file", "The file is empty."),
    integrity("too-large", "The file is over the size limit."),
    integrity("io-error", "The file or directory could not be read."),
];

const fn integrity(id: &'static str, summary: &'static str) -> Rule {
    Rule {
        id,
        severity: Severity::Error,
        summary,
        what: summary,
        why: "Claim files are the record reviewers sign off on: CI must be able to trust their structure and that \
              each claim's text is the text that was extracted and reviewed.",
        example: "See `claimtrail validate` output.",
        fix: "Fix the file at the reported line (for `hash-mismatch`, restore the text or re-run `claimtrail \
              extract` on the article).",
        waivable: false,
    }
}

/// Looks a rule up by id.
pub fn get(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// The rule's documentation page as Markdown (what `claimtrail rule` prints and `docs/rules/<id>.md` holds).
pub fn doc(rule: &Rule) -> String {
    let waive = if rule.waivable {
        WAIVE.replace("RULE", rule.id)
    } else {
        "This rule cannot be waived: fix the file.".to_string()
    };
    format!(
        "# {id}\n\nDefault severity: **{sev}**\n\n{summary}\n\n## What it flags\n\n{what}\n\n## Why\n\n{why}\n\n\
         ## Example\n\n{example}\n\n## How to fix\n\n{fix}\n\n## How to waive\n\n{waive}\n\nSeverity can be changed \
         (or the rule turned off) in `claimtrail.toml`:\n\n```toml\n[severity]\n{id} = \"warning\"  # error | \
         warning | info | off\n```\n",
        id = rule.id,
        sev = rule.severity.as_str(),
        summary = rule.summary,
        what = rule.what,
        why = rule.why,
        example = rule.example,
        fix = rule.fix,
    )
}
