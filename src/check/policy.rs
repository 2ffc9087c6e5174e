//! The checker's policy file, `claimtrail.toml` at the root of a claims repository.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::record::CueClass;

/// File name looked for in the current directory when `--policy` is not given.
pub const DEFAULT_FILE: &str = "claimtrail.toml";

/// A severity setting: a severity, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Fails the run.
    Error,
    /// Fails the run under `--strict`.
    Warning,
    /// Reported, never fails.
    Info,
    /// Not reported.
    Off,
}

/// The policy: what `check` demands and where it looks.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// Independent origins a claim needs when none of them is primary (default 2).
    pub min_independent_origins: usize,
    /// Whether one primary origin satisfies `single-secondary-source` (default true).
    pub primary_satisfies: bool,
    /// Source registry file, relative to the policy file (default: `sources.yaml` beside the claim files).
    pub registry: Option<PathBuf>,
    /// Glob patterns of files to check, relative to the policy file (default: the paths given, or `claims/`).
    pub include: Vec<String>,
    /// Glob patterns of files to skip.
    pub exclude: Vec<String>,
    /// Severity per rule id.
    pub severity: BTreeMap<String, Level>,
    /// Which kinds of attribution count as support for a claim (default: everything but `cognition`: a claim
    /// resting on what someone believes, fears or wants is their stance, not a corroborated fact). Attributions of
    /// other classes are kept in the claim file and shown, but the sourcing rules ignore them.
    pub support: Vec<CueClass>,
    /// Let a named primary source quoted by an outlet the registry marks `generally-reliable` count as that primary
    /// source (default false: "X reported, citing Y" rests on X alone, whoever Y is).
    pub trust_reliable_relays: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            min_independent_origins: 2,
            primary_satisfies: true,
            registry: None,
            include: Vec::new(),
            exclude: Vec::new(),
            severity: BTreeMap::new(),
            support: vec![
                CueClass::Speech,
                CueClass::Reporting,
                CueClass::Evidential,
                CueClass::Directive,
                CueClass::Evaluative,
            ],
            trust_reliable_relays: false,
        }
    }
}

impl Policy {
    /// The severity of `rule` under this policy, `None` when turned off.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        match self.severity.get(rule) {
            None => Some(default),
            Some(Level::Off) => None,
            Some(Level::Error) => Some(Severity::Error),
            Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Info) => Some(Severity::Info),
        }
    }
}

/// Loads a policy file; errors name the file, line and column.
pub fn load(path: &Path) -> Result<Policy, String> {
    // The policy may come with a pull request like any claim file: the same size limit (an empty policy is fine: all
    // defaults).
    let limit = crate::validate::DEFAULT_MAX_FILE_SIZE;
    let io = |e: std::io::Error| format!("{}: {}", path.display(), crate::walk::io_message(&e));
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > limit {
        return Err(format!(
            "{}: file is {size} bytes, over the limit of {limit} bytes for a policy file",
            path.display()
        ));
    }
    let text = std::fs::read_to_string(path).map_err(io)?;
    let policy: Policy = toml::from_str(&text).map_err(|e| {
        let (line, col) = e
            .span()
            .map(|s| {
                let loc = crate::yaml::Loc::of_offset(text.as_bytes(), s.start);
                (loc.line, loc.column)
            })
            .unwrap_or((1, 1));
        format!("{}:{line}:{col}: {}", path.display(), e.message())
    })?;
    for rule in policy.severity.keys() {
        if super::rules::get(rule).is_none() {
            return Err(format!(
                "{}: [severity] names unknown rule `{rule}` (see `claimtrail rule`)",
                path.display()
            ));
        }
    }
    if policy.min_independent_origins == 0 {
        return Err(format!(
            "{}: min_independent_origins must be at least 1",
            path.display()
        ));
    }
    Ok(policy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_files_parse_and_reject_unknowns() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("claimtrail.toml");
        std::fs::write(
            &p,
            "min_independent_origins = 3\n[severity]\nunknown-source = \"off\"\n",
        )
        .unwrap();
        let policy = load(&p).unwrap();
        assert_eq!(policy.min_independent_origins, 3);
        assert_eq!(policy.severity("unknown-source", Severity::Info), None);
        assert_eq!(
            policy.severity("anonymous-only", Severity::Warning),
            Some(Severity::Warning)
        );
        std::fs::write(&p, "min_independent_origin = 3\n").unwrap();
        assert!(load(&p).unwrap_err().contains(":1:1:"));
        std::fs::write(&p, "[severity]\nno-such-rule = \"off\"\n").unwrap();
        assert!(
            load(&p)
                .unwrap_err()
                .contains("unknown rule `no-such-rule`")
        );
    }
}
