//! Weight tables of the averaged perceptrons: integer tables while training, quantised tables at run time.
//!
//! A table has `2^bits` rows (one per hashed feature key) of `stride` class weights (the class count padded to a
//! multiple of 8, so the scoring loop runs in whole vector chunks). Shipped tables store each row as `i8` with a
//! per-row `f32` scale: a quarter of the `f32` size, and the design note measured no accuracy cost. The bytes are
//! borrowed straight from the model embedded in the binary, so loading costs no copy.

use std::borrow::Cow;

/// Class count rounded up to the scoring chunk.
pub fn stride(classes: usize) -> usize {
    classes.div_ceil(8) * 8
}

/// A quantised table, ready to score. Each row is its `f32` scale (little-endian) followed by `stride` signed
/// bytes: one cache-line run per feature instead of two separate reads, since the rows are read at random and
/// memory latency, not arithmetic, is what scoring waits on.
#[derive(Debug, Clone)]
pub struct Table {
    pub bits: u32,
    pub classes: usize,
    pub stride: usize,
    /// `2^bits` rows of `4 + stride` bytes.
    pub data: Cow<'static, [u8]>,
}

impl Table {
    pub fn row_bytes(&self) -> usize {
        4 + self.stride
    }

    /// Adds the rows named by `rows` into `out` (length `stride`), which the caller zeroes.
    #[inline]
    pub fn score(&self, rows: &[u32], out: &mut [f32]) {
        super::simd::score(&self.data, self.row_bytes(), self.stride, rows, out);
    }
}

/// Highest-scoring class among those `legal` allows (ties to the lowest index); `None` when none is legal.
#[inline]
pub fn argmax(scores: &[f32], legal: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (c, &s) in scores.iter().enumerate() {
        if legal(c) && best.is_none_or(|(_, b)| s > b) {
            best = Some((c, s));
        }
    }
    best.map(|(c, _)| c)
}

/// A table being trained: integer weights `w` and accumulators `u` for averaging (`u += t·Δ` at each update, the
/// average is `w − u/t` at the end), so sums do not depend on the order of additions.
#[derive(Debug, Clone)]
pub struct TrainTable {
    pub bits: u32,
    pub classes: usize,
    pub stride: usize,
    w: Vec<i32>,
    u: Vec<i64>,
}

impl TrainTable {
    pub fn new(bits: u32, classes: usize) -> Self {
        let stride = stride(classes);
        let n = (1usize << bits) * stride;
        TrainTable {
            bits,
            classes,
            stride,
            w: vec![0; n],
            u: vec![0; n],
        }
    }

    /// Current (not averaged) scores, for training decisions.
    #[inline]
    pub fn score(&self, rows: &[u32], out: &mut [i32]) {
        let stride = self.stride;
        let out = &mut out[..stride];
        out.fill(0);
        for &r in rows {
            let r = r as usize;
            let w = &self.w[r * stride..(r + 1) * stride];
            for (o, c) in out.iter_mut().zip(w) {
                *o += c;
            }
        }
    }

    /// Adds `delta` to the weight of `class` on every row, at decision count `t`.
    pub fn update(&mut self, rows: &[u32], class: usize, delta: i32, t: u64) {
        for &r in rows {
            let i = r as usize * self.stride + class;
            self.w[i] += delta;
            self.u[i] += t as i64 * i64::from(delta);
        }
    }

    /// The averaged weights after `t` decisions, quantised to `i8` per row.
    pub fn quantise(&self, t: u64) -> Table {
        let rows = 1usize << self.bits;
        let t = t.max(1) as f64;
        let rb = 4 + self.stride;
        let mut data = vec![0u8; rows * rb];
        let mut avg = vec![0f64; self.stride];
        for r in 0..rows {
            let span = r * self.stride..r * self.stride + self.classes;
            let mut max = 0f64;
            for ((a, &w), &u) in avg.iter_mut().zip(&self.w[span.clone()]).zip(&self.u[span]) {
                *a = f64::from(w) - u as f64 / t;
                max = max.max(a.abs());
            }
            if max == 0.0 {
                continue;
            }
            let s = max / 127.0;
            let row = &mut data[r * rb..(r + 1) * rb];
            row[..4].copy_from_slice(&(s as f32).to_le_bytes());
            for (dst, a) in row[4..].iter_mut().zip(&avg[..self.classes]) {
                *dst = (a / s).round().clamp(-127.0, 127.0) as i8 as u8;
            }
        }
        Table {
            bits: self.bits,
            classes: self.classes,
            stride: self.stride,
            data: Cow::Owned(data),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averaged_quantised_scores_follow_training() {
        let mut t = TrainTable::new(4, 3);
        assert_eq!(t.stride, 8);
        t.update(&[1, 2], 2, 1, 1);
        t.update(&[1], 0, -1, 2);
        let mut s = vec![0i32; t.stride];
        t.score(&[1, 2], &mut s);
        assert_eq!(&s[..3], &[-1, 0, 2]);
        let q = t.quantise(4);
        let mut f = vec![0f32; q.stride];
        q.score(&[1, 2], &mut f);
        assert!(f[2] > f[1] && f[1] > f[0], "{f:?}");
        assert_eq!(argmax(&f[..3], |_| true), Some(2));
        assert_eq!(argmax(&f[..3], |c| c != 2), Some(1));
        assert_eq!(argmax(&f[..3], |_| false), None);
    }
}
