//! The source registry: who the sources are, whether they speak for themselves, and who republishes whom.
//!
//! A registry file (`claims/sources.yaml`) has its own schema. claimtrail also compiles in a built-in registry of
//! common news agencies and outlets (`data/sources.yaml`); a project's registry extends it and overrides entries with
//! the same id.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::record::SourceKind;

/// A source registry file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "claimtrail source registry")]
pub struct RegistryFile {
    /// Version of the registry format. This build reads and writes version 1.
    #[schemars(range(min = 1, max = 1))]
    pub schema_version: u32,
    /// The sources, one entry each.
    pub sources: Vec<SourceEntry>,
}

/// One source: an outlet, agency, institution, person or document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    /// Registry id, referenced from claim files: lowercase letters, digits, `.`, `_` and `-`.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9._-]*$"), length(max = 200))]
    pub id: String,
    /// The name as usually written ("Interfax").
    #[schemars(length(min = 1))]
    pub name: String,
    /// Other ways the text may name it ("Interfax news agency").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// What kind of source it is.
    #[serde(rename = "type")]
    pub source_type: SourceType,
    /// Default role of what it says: `secondary` for agencies and outlets reporting events, `primary` for sources
    /// that speak for themselves.
    pub role: RegistryRole,
    /// Standing of the source, in the terms of Wikipedia's perennial-sources list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<Reliability>,
    /// Ids of sources whose copy this one republishes (syndicated or wire copy): such a copy is not independent of
    /// its original.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub republishes: Vec<String>,
    /// Home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What kind of source an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceType {
    /// A wire service (Reuters, AP, Interfax).
    NewsAgency,
    /// A newspaper, broadcaster or news site.
    Outlet,
    /// A government or one of its bodies.
    Government,
    /// An office holder speaking in office.
    Official,
    /// A private person.
    Person,
    /// A company, NGO, party or other organisation.
    Organisation,
    /// A report, filing, dataset or other document.
    Document,
    /// Anything else.
    Other,
}

/// Default role of a registry source. Registry entries are known sources, so `unknown` is not allowed here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RegistryRole {
    /// Speaks for itself.
    Primary,
    /// Relays what others said or did.
    Secondary,
}

impl From<RegistryRole> for SourceKind {
    fn from(role: RegistryRole) -> Self {
        match role {
            RegistryRole::Primary => SourceKind::Primary,
            RegistryRole::Secondary => SourceKind::Secondary,
        }
    }
}

/// Reliability status of a source.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Reliability {
    /// Generally reliable in its areas of expertise.
    GenerallyReliable,
    /// No consensus: use with care and attribute in text.
    NoConsensus,
    /// Generally unreliable: do not rest a claim on it alone.
    GenerallyUnreliable,
    /// Deprecated: should not be used.
    Deprecated,
}

/// The built-in registry, compiled in.
const BUILTIN: &str = include_str!("../data/sources.yaml");

/// A registry ready for lookups: the built-in entries overlaid with a project's entries.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entries: Vec<SourceEntry>,
    /// Lowercased name or alias → index into `entries`.
    by_name: rustc_hash::FxHashMap<String, usize>,
    /// Id → index into `entries`.
    by_id: rustc_hash::FxHashMap<String, usize>,
}

impl Registry {
    /// The built-in registry alone.
    pub fn builtin() -> Self {
        let file: RegistryFile =
            serde_saphyr::from_str(BUILTIN).expect("built-in data/sources.yaml is valid (tested)");
        let mut registry = Registry::default();
        registry.extend(file.sources);
        registry
    }

    /// An empty registry (no built-in entries).
    pub fn empty() -> Self {
        Registry::default()
    }

    /// Adds entries; an entry whose id is already present replaces it.
    pub fn extend(&mut self, entries: impl IntoIterator<Item = SourceEntry>) {
        for entry in entries {
            match self.by_id.get(&entry.id) {
                Some(&i) => self.entries[i] = entry,
                None => {
                    self.by_id.insert(entry.id.clone(), self.entries.len());
                    self.entries.push(entry);
                }
            }
        }
        self.reindex_names();
    }

    fn reindex_names(&mut self) {
        self.by_name.clear();
        for (i, e) in self.entries.iter().enumerate() {
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                self.by_name.insert(name.to_lowercase(), i);
            }
        }
    }

    /// Finds an entry by its name or one of its aliases, ignoring case.
    pub fn lookup_name(&self, name: &str) -> Option<&SourceEntry> {
        self.by_name
            .get(&name.trim().to_lowercase())
            .map(|&i| &self.entries[i])
    }

    /// Finds an entry by id.
    pub fn get(&self, id: &str) -> Option<&SourceEntry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// All entries, built-in first, in file order.
    pub fn entries(&self) -> &[SourceEntry] {
        &self.entries
    }

    /// Every name and alias with its entry, for building matchers.
    pub fn names(&self) -> impl Iterator<Item = (&str, &SourceEntry)> {
        self.entries.iter().flat_map(|e| {
            std::iter::once(e.name.as_str())
                .chain(e.aliases.iter().map(String::as_str))
                .map(move |n| (n, e))
        })
    }
}

/// Loads a registry file's entries, with located errors naming the file.
pub fn load_file(
    path: &std::path::Path,
) -> Result<Vec<SourceEntry>, Vec<crate::diagnostic::Diagnostic>> {
    use crate::diagnostic::{Diagnostic, IO_ERROR};
    use crate::yaml::Loc;
    let name = path.display().to_string();
    let text =
        crate::fsutil::read_text(path, crate::validate::DEFAULT_MAX_FILE_SIZE).map_err(|e| {
            let code = if matches!(e, crate::fsutil::ReadError::Io(_)) {
                IO_ERROR
            } else {
                "encoding"
            };
            vec![Diagnostic::error(
                &name,
                Loc::START,
                "",
                code,
                e.to_string(),
            )]
        })?;
    let value = crate::yaml::load(&text)
        .map_err(|e| vec![Diagnostic::error(&name, e.loc, "", e.code, e.message)])?;
    let violations = crate::schema::validate(crate::schema::Kind::Sources, &value);
    if let Some(v) = violations.first() {
        let loc = crate::yaml::load_located(&text)
            .map(|l| l.locator.locate(&v.pointer))
            .unwrap_or(Loc::START);
        return Err(vec![Diagnostic::error(
            &name,
            loc,
            &v.pointer,
            "schema",
            v.message.clone(),
        )]);
    }
    let file: RegistryFile = serde_json::from_value(value).map_err(|e| {
        vec![Diagnostic::error(
            &name,
            Loc::START,
            "",
            "schema",
            e.to_string(),
        )]
    })?;
    Ok(file.sources)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_registry_loads_and_resolves_aliases() {
        let r = Registry::builtin();
        assert_eq!(
            r.lookup_name("interfax").map(|e| e.id.as_str()),
            Some("interfax")
        );
        assert_eq!(
            r.lookup_name("The Associated Press").map(|e| e.id.as_str()),
            Some("ap")
        );
        assert!(r.lookup_name("Dmitry Peskov").is_none());
    }

    #[test]
    fn project_entries_override_builtin_ones() {
        let mut r = Registry::builtin();
        let mut e = r.get("interfax").unwrap().clone();
        e.reliability = Some(Reliability::Deprecated);
        r.extend([e]);
        assert_eq!(
            r.get("interfax").unwrap().reliability,
            Some(Reliability::Deprecated)
        );
        assert_eq!(r.entries().iter().filter(|e| e.id == "interfax").count(), 1);
    }
}
