//! Feature keys: a fixed hash over explicit `u64` atoms, so training is reproducible and a model trained on one
//! machine scores the same on another.
//!
//! Every feature is a template id plus one to four atoms (a word's hashed form, a tag index, a label set…); its key
//! picks one row of a weight table. No strings are built in the hot loop and no process-random hash seed is used:
//! the seed is a constant stored in the model file, and loading refuses a model built with another.

/// The seed every model of this template version is built with (stored in the model and checked on load).
pub const SEED: u64 = 0x5eed_c1a1_7a11_0001;

const K: u64 = 0x9e37_79b9_7f4a_7c15;

/// Mixes one atom into a running key (a multiply-rotate step; keys only need to spread over table rows).
#[inline(always)]
pub fn mix(h: u64, atom: u64) -> u64 {
    (h ^ atom).wrapping_mul(K).rotate_left(29)
}

/// A finished key's row in a table of `2^bits` rows (the high bits of a final multiply are the best mixed).
#[inline(always)]
pub fn row(h: u64, bits: u32) -> u32 {
    let x = (h ^ (h >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    (x >> (64 - bits)) as u32
}

/// Key of a template with its atoms.
#[inline(always)]
pub fn key(template: u32, atoms: &[u64]) -> u64 {
    let mut h = mix(SEED, u64::from(template));
    for &a in atoms {
        h = mix(h, a);
    }
    h
}

/// Hash of a string, for word-form atoms (FNV-1a over bytes, then mixed: fixed on every platform).
pub fn string(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h, s.len() as u64)
}

/// A small, seeded generator (SplitMix64) for epoch shuffles and exploration draws: vendored so the sequence never
/// changes with a dependency update.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(K);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, n)` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// Fisher–Yates.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_draws_are_fixed_across_platforms() {
        // Pinned values: a change here silently invalidates every shipped model.
        assert_eq!(string("said"), string("said"));
        assert_ne!(string("said"), string("Said"));
        assert!(row(key(3, &[1, 2]), 18) < (1 << 18));
        let mut r = Rng::new(7);
        let a: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        let mut r = Rng::new(7);
        let b: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        assert_eq!(a, b);
        assert_eq!(Rng::new(1).next_u64(), 0x910a_2dec_8902_5cc1);
    }
}
