//! Content hashing of claim text and the claim ids derived from it.
//!
//! The hash must survive harmless re-typesetting (a re-wrapped line, a different Unicode composition of "é") but
//! change when a word changes, so the text is normalised first. The normalisation is versioned as
//! [`crate::record::NORMALISATION`]: Unicode NFC, every run of whitespace (Unicode `White_Space`) collapsed to one
//! U+0020 space, leading and trailing whitespace removed. The hash is sha256 of the UTF-8 bytes of the result.

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

/// Prefix of every claim hash, naming the algorithm.
pub const HASH_PREFIX: &str = "sha256:";

/// Number of hex digits of the hash that form a claim id.
pub const ID_HEX_LEN: usize = 12;

/// Normalises claim text as described in the module documentation.
pub fn normalise(text: &str) -> String {
    // Fast path: text that is already NFC (all ASCII text, and most other news text, such as curly quotes)
    // needs only the whitespace collapsed.
    if text.is_ascii()
        || unicode_normalization::is_nfc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        let mut out = String::with_capacity(text.len());
        for word in text.split(char::is_whitespace).filter(|w| !w.is_empty()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        return out;
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfc() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Whether `text` is already normalised: NFC, and its only whitespace single U+0020 spaces between words. Most
/// sentences are, and they are then hashed without being copied.
fn is_normalised(text: &str) -> bool {
    let b = text.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut ascii = true;
    for (i, &x) in b.iter().enumerate() {
        let ok = match x {
            b' ' => b.get(i + 1) != Some(&b' '),
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => false,
            0x80.. => {
                ascii = false;
                // Lead bytes of the non-ASCII White_Space characters (U+0085, U+00A0, U+1680, U+2000–U+200A,
                // U+2028, U+2029, U+202F, U+205F, U+3000); the slice is at a char boundary since they are lead
                // bytes.
                !(matches!(x, 0xc2 | 0xe1 | 0xe2 | 0xe3)
                    && text[i..].chars().next().is_some_and(char::is_whitespace))
            }
            _ => true,
        };
        if !ok {
            return false;
        }
    }
    ascii
        || unicode_normalization::is_nfc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// The `sha256:<hex>` hash of a claim's text.
pub fn claim_hash(text: &str) -> String {
    hash_string(&claim_digest(text))
}

/// The sha256 digest behind [`claim_hash`]: 32 bytes, a compact key for counting repeated claims.
pub fn claim_digest(text: &str) -> [u8; 32] {
    if is_normalised(text) {
        Sha256::digest(text.as_bytes()).into()
    } else {
        Sha256::digest(normalise(text).as_bytes()).into()
    }
}

/// The `sha256:<hex>` form of a [`claim_digest`].
pub fn hash_string(digest: &[u8; 32]) -> String {
    let mut out = String::with_capacity(HASH_PREFIX.len() + 2 * digest.len());
    out.push_str(HASH_PREFIX);
    push_hex(&mut out, digest);
    out
}

/// Hex sha256 of raw bytes (the source document's `text_sha256`).
pub fn bytes_sha256(bytes: &[u8]) -> String {
    hex_string(&Sha256::digest(bytes))
}

/// Lowercase hex of `bytes` (the `hex` crate collected chars one by one; this is on the path of every claim).
pub fn hex_string(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(2 * bytes.len());
    push_hex(&mut out, bytes);
    out
}

fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
}

/// The claim id for the `occurrence`-th (1-based) claim with this hash in one document.
pub fn claim_id(hash: &str, occurrence: usize) -> String {
    let hex = hash.strip_prefix(HASH_PREFIX).unwrap_or(hash);
    let base = &hex[..ID_HEX_LEN.min(hex.len())];
    if occurrence <= 1 {
        base.to_string()
    } else {
        format!("{base}-{occurrence}")
    }
}

/// Assigns ids to claims in document order: repeated hashes get `-2`, `-3`, ….
pub fn assign_ids<'a>(hashes: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let hashes = hashes.into_iter();
    let mut seen: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    seen.reserve(hashes.size_hint().0);
    hashes
        .map(|h| {
            let n = seen.entry(h).or_insert(0);
            *n += 1;
            claim_id(h, *n)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_collapses_whitespace_and_composes() {
        assert_eq!(normalise("  a\t\n b  c \u{a0}"), "a b c");
        // "é" as e + combining acute composes to U+00E9.
        assert_eq!(normalise("cafe\u{301}"), "caf\u{e9}");
        assert_eq!(
            claim_hash("caf\u{e9}  au lait"),
            claim_hash("cafe\u{301} au\nlait")
        );
        assert_ne!(claim_hash("cafe au lait"), claim_hash("café au lait"));
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_general_path() {
        for t in [
            "  a\tb\n\nc ",
            "x",
            "",
            " \u{b}v\u{c}w ",
            " “quoted”\u{a0}caf\u{e9} ",
        ] {
            let general: String = {
                let mut out = String::new();
                let mut pending = false;
                for c in t.chars() {
                    if c.is_whitespace() {
                        pending = !out.is_empty();
                    } else {
                        if pending {
                            out.push(' ');
                            pending = false;
                        }
                        out.push(c);
                    }
                }
                out
            };
            assert_eq!(normalise(t), general, "{t:?}");
        }
    }

    #[test]
    fn already_normalised_text_is_recognised_exactly() {
        for t in [
            "Peskov said.",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\u{a0}b",
            "a\u{2009}b",
            "a\u{3000}b",
            "a\u{85}b",
            "“Quoted,” he said — 5\u{a2}.",
            "cafe\u{301}",
            "caf\u{e9}",
            "",
        ] {
            assert_eq!(is_normalised(t), normalise(t) == t, "{t:?}");
        }
    }

    fn slow_hash(t: &str) -> String {
        format!(
            "{HASH_PREFIX}{}",
            hex_string(&Sha256::digest(normalise(t).as_bytes()))
        )
    }

    proptest::proptest! {
        #[test]
        fn fast_hash_path_is_exact(t in "[a b\t\u{a0}\u{2009}\u{3000}\u{85}\u{301}é“’—\u{2028}]{0,12}") {
            // Sound (a lone combining mark is NFC but not "quick" NFC, so the converse need not hold).
            if is_normalised(&t) {
                proptest::prop_assert_eq!(normalise(&t), t.clone());
            }
            proptest::prop_assert_eq!(claim_hash(&t), slow_hash(&t));
        }
    }

    #[test]
    fn hash_matches_known_sha256() {
        // sha256("abc") from FIPS 180-2.
        assert_eq!(
            claim_hash(" abc "),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn repeated_sentences_get_suffixes() {
        let h1 = claim_hash("Same.");
        let h2 = claim_hash("Other.");
        let ids = assign_ids([h1.as_str(), h2.as_str(), h1.as_str(), h1.as_str()]);
        assert_eq!(ids[0], &h1[7..19]);
        assert_eq!(ids[2], format!("{}-2", &h1[7..19]));
        assert_eq!(ids[3], format!("{}-3", &h1[7..19]));
        assert_eq!(ids[1].len(), 12);
    }
}
