//! The scoring kernel: sum the quantised rows named by a decision's features into class scores.
//!
//! This is the one hot loop of the parser (about 95% of its time: 101 rows × 103 classes per decision, two
//! decisions per word), and the one module allowed `unsafe`: on x86-64 CPUs with AVX2 (checked at run time, so the
//! binary still runs everywhere) it keeps all class sums in vector registers across the rows and widens eight
//! weights per instruction, which the baseline SSE2 build cannot do. Both paths do the same operations in the same
//! order (`sum + scale × weight`, rows in order, no fused multiply-add), so they give bit-identical scores and the
//! same parse on every machine. A unit test holds them to it.
#![allow(unsafe_code)]

/// Adds `rows` of a table (`row_bytes` per row: an `f32` scale, then `stride` signed bytes) into `out`.
#[inline]
pub fn score(data: &[u8], row_bytes: usize, stride: usize, rows: &[u32], out: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if avx2() {
        // SAFETY: `avx2()` checked that the CPU has AVX2; the kernels bound-check every row and `out`.
        match stride {
            104 => return unsafe { x86::score::<13>(data, row_bytes, rows, out) },
            56 => return unsafe { x86::score::<7>(data, row_bytes, rows, out) },
            24 => return unsafe { x86::score::<3>(data, row_bytes, rows, out) },
            _ => {}
        }
    }
    portable(data, row_bytes, stride, rows, out);
}

/// The reference kernel, for any stride and any CPU.
pub fn portable(data: &[u8], row_bytes: usize, stride: usize, rows: &[u32], out: &mut [f32]) {
    // Touch both ends of every row first: the loads are independent, so the CPU overlaps their cache misses, and
    // the summing loop below finds its rows in cache.
    let mut sink = 0u8;
    for &r in rows {
        let base = r as usize * row_bytes;
        sink ^= data[base] ^ data[base + row_bytes / 2] ^ data[base + row_bytes - 1];
    }
    std::hint::black_box(sink);
    let out = &mut out[..stride];
    for &r in rows {
        let row = &data[r as usize * row_bytes..][..row_bytes];
        let (scale, w) = row.split_at(4);
        let s = f32::from_le_bytes([scale[0], scale[1], scale[2], scale[3]]);
        for (o, &b) in out.iter_mut().zip(w) {
            *o += s * f32::from(b as i8);
        }
    }
}

#[cfg(target_arch = "x86_64")]
fn avx2() -> bool {
    use std::sync::atomic::{AtomicU8, Ordering};
    // 0 unknown, 1 no, 2 yes; `CLAIMTRAIL_NO_SIMD` forces the portable kernel (for comparisons).
    static STATE: AtomicU8 = AtomicU8::new(0);
    match STATE.load(Ordering::Relaxed) {
        0 => {
            let yes = std::env::var_os("CLAIMTRAIL_NO_SIMD").is_none()
                && std::arch::is_x86_feature_detected!("avx2");
            STATE.store(if yes { 2 } else { 1 }, Ordering::Relaxed);
            yes
        }
        s => s == 2,
    }
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use std::arch::x86_64::*;

    /// `C` chunks of 8 classes; callable only where the CPU supports AVX2.
    #[target_feature(enable = "avx2")]
    pub fn score<const C: usize>(data: &[u8], row_bytes: usize, rows: &[u32], out: &mut [f32]) {
        assert!(row_bytes >= 4 + 8 * C && out.len() >= 8 * C);
        // Prefetch every row first so their cache misses overlap (prefetches never fault, and the addresses are
        // inside `data`: each row is bound-checked).
        for &r in rows {
            let row = &data[r as usize * row_bytes..][..row_bytes];
            let p = row.as_ptr();
            _mm_prefetch::<_MM_HINT_T0>(p.cast());
            _mm_prefetch::<_MM_HINT_T0>(p.wrapping_add(row_bytes / 2).cast());
            _mm_prefetch::<_MM_HINT_T0>(p.wrapping_add(row_bytes - 1).cast());
        }
        let mut acc = [_mm256_setzero_ps(); C];
        for &r in rows {
            let row = &data[r as usize * row_bytes..][..row_bytes];
            let s = _mm256_set1_ps(f32::from_le_bytes([row[0], row[1], row[2], row[3]]));
            let w = &row[4..4 + 8 * C];
            for (k, a) in acc.iter_mut().enumerate() {
                // SAFETY: `w` holds 8·C bytes, so bytes 8k..8k+8 are in bounds.
                let b = unsafe { _mm_loadl_epi64(w.as_ptr().add(8 * k).cast()) };
                let f = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(b));
                *a = _mm256_add_ps(*a, _mm256_mul_ps(s, f));
            }
        }
        for (k, a) in acc.iter().enumerate() {
            let o = &mut out[8 * k..8 * k + 8];
            // SAFETY: `o` holds exactly 8 floats.
            unsafe {
                let prev = _mm256_loadu_ps(o.as_ptr());
                _mm256_storeu_ps(o.as_mut_ptr(), _mm256_add_ps(prev, *a));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simd_and_portable_kernels_agree_bit_for_bit() {
        let mut rng = super::super::key::Rng::new(3);
        for stride in [24usize, 56, 104] {
            let rb = 4 + stride;
            let rows_n = 64;
            let mut data = vec![0u8; rows_n * rb];
            for r in 0..rows_n {
                let s = (rng.below(1000) as f32 + 1.0) * 1e-3;
                data[r * rb..r * rb + 4].copy_from_slice(&s.to_le_bytes());
                for b in &mut data[r * rb + 4..(r + 1) * rb] {
                    *b = rng.below(256) as u8;
                }
            }
            let rows: Vec<u32> = (0..101).map(|_| rng.below(rows_n) as u32).collect();
            let mut a = vec![0f32; stride];
            let mut b = vec![0f32; stride];
            score(&data, rb, stride, &rows, &mut a);
            portable(&data, rb, stride, &rows, &mut b);
            assert_eq!(
                a.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                b.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
            );
        }
    }
}
