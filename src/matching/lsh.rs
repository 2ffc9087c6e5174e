//! MinHash signatures and LSH banding: candidate pairs of similar shingle sets without comparing every pair.
//!
//! Each of [`HASHES`] hash functions maps a set to the smallest hash of its members; two sets agree on one such
//! minimum with probability equal to their Jaccard similarity `J`. The minima are cut into [`BANDS`] bands of
//! [`ROWS`]; sets that agree on a whole band fall into the same bucket and become a candidate pair. A pair is
//! therefore found with probability `1 - (1 - J^ROWS)^BANDS`: with 64 bands of 2 rows that is 99.8% at `J = 0.3`,
//! 98% at `J = 0.25` and 47% at `J = 0.1`, so pairs above the default threshold are almost never missed and the
//! exact Jaccard of every candidate decides (see [`super::jaccard`]). Short claims (10–30 shingles) need this
//! low-row banding: paraphrases of one fact typically share a third of their shingles.
//!
//! **Bucket cap.** A band value shared by very many sets (two common words such as "prime minister" being both
//! minima) would make its bucket quadratic. Buckets with more than `max_bucket` members are skipped and counted.
//! Similar sets agree on many bands (a pair at `J = 0.5` on 16 of 64 on average), so skipping the few crowded ones
//! loses almost no pairs, and the work stays near-linear: at most `max_bucket²/2` pairs per bucket.
//!
//! Signatures are computed once per set, in parallel (rayon), and kept as 128 16-bit minima (256 bytes a set: 26 MB
//! for 100,000 distinct claims); bands are then processed in parallel. Before a candidate pair is kept, the share of
//! agreeing minima estimates its similarity, which rejects most chance collisions without touching the sets.
//! The hash functions are multiply-shift hashes with fixed constants, so runs are reproducible.

use rayon::prelude::*;

/// Rows (minima) per band.
pub const ROWS: usize = 2;
/// Number of bands.
pub const BANDS: usize = 64;
/// Number of MinHash functions.
pub const HASHES: usize = ROWS * BANDS;

/// Shingle sets stored flat: set `i` is `data[offsets[i]..offsets[i + 1]]`, each sorted and deduplicated.
#[derive(Debug, Clone, Default)]
pub struct Sets {
    offsets: Vec<usize>,
    data: Vec<u32>,
}

impl Sets {
    /// An empty collection.
    pub fn new() -> Self {
        Sets {
            offsets: vec![0],
            data: Vec::new(),
        }
    }

    /// Appends a sorted, deduplicated set and returns its index.
    pub fn push(&mut self, set: &[u32]) -> usize {
        self.data.extend_from_slice(set);
        self.offsets.push(self.data.len());
        self.offsets.len() - 2
    }

    /// Set `i`.
    pub fn get(&self, i: usize) -> &[u32] {
        &self.data[self.offsets[i]..self.offsets[i + 1]]
    }

    /// Number of sets.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Whether there are no sets.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Multipliers (odd) and offsets of the hash functions, from splitmix64 of a fixed seed: runs are reproducible.
/// Hash `i` of a 32-bit shingle `x` is the high half of `A[i]·x + B[i]` modulo 2^64 (multiply-add-shift hashing,
/// Dietzfelbinger): 64-bit multipliers, so the product wraps; a 32-bit one would make every hash monotone in `x`
/// and every minimum the same shingle.
const PARAMS: ([u64; HASHES], [u64; HASHES]) = params();

const fn params() -> ([u64; HASHES], [u64; HASHES]) {
    let mut a = [0u64; HASHES];
    let mut b = [0u64; HASHES];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut i = 0;
    while i < HASHES {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        a[i] = const_mix(state) | 1;
        b[i] = const_mix(state ^ 0x6a09_e667_f3bc_c908);
        i += 1;
    }
    (a, b)
}

const fn const_mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The MinHash signature of a set: for each hash function, the low 16 bits of the smallest hash of a member.
///
/// Sixteen bits are enough: two sets agree on a position when their minima are the same shingle (probability `J`)
/// or, rarely, by chance (1 in 65,536). They halve the memory of 32-bit minima, and two of them make a band key.
pub fn signature(set: &[u32]) -> [u16; HASHES] {
    let (a, b) = &PARAMS;
    let mut min = [u32::MAX; HASHES];
    for &x in set {
        let x = u64::from(x);
        for i in 0..HASHES {
            let h = (a[i].wrapping_mul(x).wrapping_add(b[i]) >> 32) as u32;
            min[i] = min[i].min(h);
        }
    }
    let mut out = [0u16; HASHES];
    for i in 0..HASHES {
        out[i] = min[i] as u16;
    }
    out
}

/// Number of positions where two signatures agree: `HASHES · J` on average.
fn agreement(x: &[u16], y: &[u16]) -> usize {
    x.iter().zip(y).filter(|(p, q)| p == q).count()
}

/// Candidate pairs found by banding.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// Pairs `(i, j)` with `i < j`, packed as `i << 32 | j`, sorted and deduplicated.
    pub pairs: Vec<u64>,
    /// Buckets skipped for having more than `max_bucket` members.
    pub skipped_buckets: usize,
}

/// Finds the pairs of sets that share at least one band and whose signatures suggest a Jaccard similarity of at
/// least `min_similarity` minus a margin.
///
/// The signature check is what keeps verification cheap: bands of two rows also catch many pairs that share just
/// two common words (J ≈ 0.1); counting agreeing minima (128 comparisons) rejects them before any exact Jaccard is
/// computed. The margin of 0.15 is 3.7 standard deviations of the estimate at J = 0.3, so a true pair is lost
/// less than once in 10,000.
pub fn candidates(sets: &Sets, max_bucket: usize, min_similarity: f64) -> Candidates {
    let n = sets.len();
    let signatures: Vec<[u16; HASHES]> = (0..n)
        .into_par_iter()
        .map(|i| signature(sets.get(i)))
        .collect();
    let min_agree = (((min_similarity - 0.15) * HASHES as f64).ceil().max(0.0)) as usize;
    let (pairs, skipped_buckets) = (0..BANDS)
        .into_par_iter()
        .map(|band| {
            let mut keyed: Vec<u64> = signatures
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let key = u64::from(s[band * ROWS]) << 16 | u64::from(s[band * ROWS + 1]);
                    key << 32 | i as u64
                })
                .collect();
            keyed.sort_unstable();
            let mut pairs = Vec::new();
            let mut skipped = 0;
            for bucket in keyed.chunk_by(|x, y| x >> 32 == y >> 32) {
                if bucket.len() < 2 {
                    continue;
                }
                if bucket.len() > max_bucket {
                    skipped += 1;
                    continue;
                }
                for (k, x) in bucket.iter().enumerate() {
                    let i = (x & 0xffff_ffff) as usize;
                    for y in &bucket[k + 1..] {
                        // Members are sorted by index, so i < j.
                        let j = (y & 0xffff_ffff) as usize;
                        if agreement(&signatures[i], &signatures[j]) >= min_agree {
                            pairs.push((i as u64) << 32 | j as u64);
                        }
                    }
                }
            }
            pairs.sort_unstable();
            pairs.dedup();
            (pairs, skipped)
        })
        // Merging as bands finish keeps one copy of a pair found in many bands (similar pairs are), instead of
        // holding every band's list at once.
        .reduce(
            || (Vec::new(), 0),
            |(a, x), (b, y)| (merge_dedup(a, b), x + y),
        );
    Candidates {
        pairs,
        skipped_buckets,
    }
}

/// Merges two sorted, deduplicated lists into one.
fn merge_dedup(a: Vec<u64>, b: Vec<u64>) -> Vec<u64> {
    if a.is_empty() {
        return b;
    }
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

#[cfg(test)]
mod tests {
    use super::super::text::analyse;
    use super::*;

    #[test]
    fn signatures_are_deterministic_and_estimate_jaccard() {
        let a =
            analyse("The central bank raised interest rates by half a point on Tuesday in Hollin.")
                .shingles;
        let b =
            analyse("On Tuesday the central bank in Hollin raised interest rates by half a point.")
                .shingles;
        assert_eq!(signature(&a), signature(&a.clone()));
        // Fixed constants: signatures never change between runs, builds or platforms.
        assert_eq!(PARAMS.0[0], 13898507668257350877);
        assert_eq!(signature(&[1, 2, 3])[..4], [12358, 55284, 42610, 63352]);
        let exact = super::super::jaccard(&a, &b);
        let (sa, sb) = (signature(&a), signature(&b));
        let agree = sa.iter().zip(&sb).filter(|(x, y)| x == y).count() as f64 / HASHES as f64;
        assert!(
            (agree - exact).abs() < 0.2,
            "estimate {agree} vs exact {exact}"
        );
    }

    #[test]
    fn banding_finds_a_paraphrase_pair_and_not_unrelated_ones() {
        let texts = [
            "Sullivan left Moscow on Thursday morning, Interfax reported.",
            "The U.S. ambassador departed Moscow Thursday morning, according to Interfax.",
            "Grain prices in Chicago fell for a third straight week on weather forecasts.",
            "Firefighters contained the blaze near the refinery after six hours.",
        ];
        let mut sets = Sets::new();
        for t in texts {
            sets.push(&analyse(t).shingles);
        }
        let c = candidates(&sets, 100, 0.25);
        assert!(c.pairs.contains(&1), "pair (0, 1) not found: {:?}", c.pairs);
        assert!(!c.pairs.contains(&(2 << 32 | 3)));
    }

    #[test]
    fn crowded_buckets_are_skipped() {
        let mut sets = Sets::new();
        for _ in 0..10 {
            sets.push(&[1, 2, 3]);
        }
        let c = candidates(&sets, 5, 0.25);
        assert!(c.pairs.is_empty());
        assert_eq!(c.skipped_buckets, BANDS);
        assert_eq!(candidates(&sets, 10, 0.25).pairs.len(), 45);
    }

    #[test]
    fn merging_keeps_order_and_drops_repeats() {
        assert_eq!(
            merge_dedup(vec![1, 3, 5], vec![2, 3, 6, 7]),
            [1, 2, 3, 5, 6, 7]
        );
        assert_eq!(merge_dedup(vec![], vec![4]), [4]);
    }
}
