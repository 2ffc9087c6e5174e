//! Scoring `match` on labelled claim pairs: `devset/paraphrase.tsv` (format in `devset/README.md`).
//!
//! Shared by `examples/match_dev.rs`, which prints every pair's score, and the integration test that holds recall
//! and precision to floors, so both measure the same thing.

/// One labelled pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    /// Whether the two claims report the same thing.
    pub same: bool,
    /// What the paraphrase changes, or what separates the two claims (`number`, `actor`, …).
    pub kind: String,
    /// One claim.
    pub a: String,
    /// The other.
    pub b: String,
}

/// Reads the TSV: `same|different <TAB> kind <TAB> sentence <TAB> sentence`, `#` comments and blank lines skipped.
pub fn parse(tsv: &str) -> Result<Vec<Labelled>, String> {
    let mut out = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [label, kind, a, b] = fields[..] else {
            return Err(format!(
                "line {}: expected 4 tab-separated fields, found {}",
                n + 1,
                fields.len()
            ));
        };
        let same = match label {
            "same" => true,
            "different" => false,
            other => {
                return Err(format!(
                    "line {}: label `{other}` is neither `same` nor `different`",
                    n + 1
                ));
            }
        };
        out.push(Labelled {
            same,
            kind: kind.to_string(),
            a: a.to_string(),
            b: b.to_string(),
        });
    }
    Ok(out)
}

/// Counts at one threshold.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    /// Pairs labelled `same`.
    pub positives: usize,
    /// Of those, scored at or above the threshold.
    pub found: usize,
    /// Pairs labelled `different`.
    pub negatives: usize,
    /// Of those, scored at or above the threshold.
    pub false_positives: usize,
}

impl Counts {
    /// Share of `same` pairs found.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.positives)
    }

    /// Share of the pairs at or above the threshold that are labelled `same` (1 when there are none).
    pub fn precision(&self) -> f64 {
        if self.found + self.false_positives == 0 {
            1.0
        } else {
            ratio(self.found, self.found + self.false_positives)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The counts of `scores` (one per pair of `pairs`, same order) at `threshold`.
pub fn count(pairs: &[Labelled], scores: &[f64], threshold: f64) -> Counts {
    let mut c = Counts::default();
    for (p, &s) in pairs.iter().zip(scores) {
        let hit = s >= threshold;
        if p.same {
            c.positives += 1;
            c.found += usize::from(hit);
        } else {
            c.negatives += 1;
            c.false_positives += usize::from(hit);
        }
    }
    c
}

/// Every pair's score as `match` computes it ([`super::similarity`]).
pub fn scores(pairs: &[Labelled]) -> Vec<f64> {
    pairs
        .iter()
        .map(|p| super::similarity(&p.a, &p.b))
        .collect()
}
