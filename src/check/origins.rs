//! Reducing a claim's sources to independent origins.
//!
//! An origin is where a claim's information starts: the speaker of an attribution (whoever relayed it), the
//! publisher of a corroborating document, or the sources of a corroborating claim. Its *lineage* is its key plus,
//! through the registry's `republishes` links, every source whose copy it may be repeating. Two origins are
//! independent only when their lineages are disjoint: a syndicated copy is never independent of its wire original.

use std::collections::BTreeSet;

use crate::record::{Attribution, SourceKind};
use crate::registry::{Registry, Reliability, SourceEntry};

/// Where a claim's information starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Who, as a reviewer reads it ("Interfax", "a White House official").
    pub label: String,
    /// Primary, secondary, or unknown (anonymous).
    pub kind: SourceKind,
    /// Whether the source is unnamed.
    pub anonymous: bool,
    /// The registry entry's reliability, when registered.
    pub reliability: Option<Reliability>,
    /// Whether the name matched a registry entry.
    pub registered: bool,
    /// Keys of this origin and everything it republishes (registry ids, or `name:`/`anon:` keys).
    pub lineage: BTreeSet<String>,
}

impl Origin {
    /// Whether two origins share nothing: neither is, republishes or is republished by the other.
    pub fn is_independent_of(&self, other: &Origin) -> bool {
        self.lineage.is_disjoint(&other.lineage)
    }
}

fn entry_for<'r>(registry: &'r Registry, id: Option<&str>, name: &str) -> Option<&'r SourceEntry> {
    id.and_then(|i| registry.get(i))
        .or_else(|| registry.get(name))
        .or_else(|| registry.lookup_name(name))
}

fn lineage(registry: &Registry, own: String) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    let mut stack = vec![own];
    while let Some(k) = stack.pop() {
        if let Some(e) = registry.get(&k) {
            stack.extend(e.republishes.iter().filter(|r| !set.contains(*r)).cloned());
        }
        set.insert(k);
    }
    set
}

fn name_key(anonymous: bool, name: &str) -> String {
    let norm = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if anonymous {
        format!("anon:{norm}")
    } else {
        format!("name:{norm}")
    }
}

/// The origin of one attribution: its speaker, whoever relayed it.
pub fn of_attribution(a: &Attribution, registry: &Registry) -> Origin {
    if a.anonymous {
        return Origin {
            label: a.name.clone(),
            kind: SourceKind::Unknown,
            anonymous: true,
            reliability: None,
            registered: false,
            lineage: [name_key(true, &a.name)].into(),
        };
    }
    of_source(a.source.as_deref(), &a.name, a.kind, registry)
}

/// The origin of a named source (a relay, a corroborating publisher): the registry decides its kind when it knows
/// the source, `fallback` otherwise.
pub fn of_source(
    id: Option<&str>,
    name: &str,
    fallback: SourceKind,
    registry: &Registry,
) -> Origin {
    match entry_for(registry, id, name) {
        Some(e) => Origin {
            label: e.name.clone(),
            kind: e.role.into(),
            anonymous: false,
            reliability: e.reliability,
            registered: true,
            lineage: lineage(registry, e.id.clone()),
        },
        None => Origin {
            label: name.to_string(),
            kind: fallback,
            anonymous: false,
            reliability: None,
            registered: false,
            lineage: [name_key(false, name)].into(),
        },
    }
}

/// The attribution as a chain a reviewer can follow: `a White House official ← Reuters`.
pub fn chain(a: &Attribution) -> String {
    let mut s = a.name.clone();
    for r in &a.via {
        s.push_str(" ← ");
        s.push_str(&r.name);
    }
    s
}

/// Groups origins into independent clusters (origins with overlapping lineages are one cluster); returns the
/// cluster index of each origin and the number of clusters.
pub fn clusters(origins: &[Origin]) -> (Vec<usize>, usize) {
    let n = origins.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for i in 0..n {
        for j in i + 1..n {
            if !origins[i].is_independent_of(&origins[j]) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut roots: Vec<usize> = Vec::new();
    let mut cluster = vec![0; n];
    for (i, slot) in cluster.iter_mut().enumerate() {
        let r = find(&mut parent, i);
        *slot = roots.iter().position(|&x| x == r).unwrap_or_else(|| {
            roots.push(r);
            roots.len() - 1
        });
    }
    (cluster, roots.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{RegistryRole, SourceType};

    fn entry(id: &str, republishes: &[&str]) -> SourceEntry {
        SourceEntry {
            id: id.into(),
            name: id.to_uppercase(),
            aliases: vec![],
            source_type: SourceType::Outlet,
            role: RegistryRole::Secondary,
            reliability: None,
            republishes: republishes.iter().map(|s| s.to_string()).collect(),
            url: None,
            note: None,
        }
    }

    #[test]
    fn syndicated_copies_are_not_independent_of_their_original() {
        let mut r = Registry::builtin();
        r.extend([entry("herald", &["interfax"]), entry("digest", &["herald"])]);
        let interfax = of_source(Some("interfax"), "Interfax", SourceKind::Secondary, &r);
        let digest = of_source(None, "DIGEST", SourceKind::Secondary, &r);
        assert!(
            digest.lineage.contains("interfax"),
            "transitive republishing"
        );
        assert!(!interfax.is_independent_of(&digest));
        let reuters = of_source(Some("reuters"), "Reuters", SourceKind::Secondary, &r);
        assert!(reuters.is_independent_of(&interfax));
        assert_eq!(clusters(&[interfax, digest, reuters]).1, 2);
    }
}
