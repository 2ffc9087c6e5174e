//! Turning input bytes into text that can be segmented, without losing the byte offsets.
//!
//! Offsets in claimtrail always count bytes of the file as given, so nothing here may change the length of the
//! input: a UTF-8 byte order mark is skipped by [`super::split`] rather than removed, and `lossy` decoding
//! replaces every invalid byte with one byte (U+001A SUBSTITUTE) instead of the three-byte U+FFFD.

use std::borrow::Cow;

/// Why input bytes cannot be segmented.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// A NUL byte: the input is almost certainly binary (an image, a PDF, a UTF-16 file), not article text.
    #[error("binary data (NUL byte at byte offset {offset}); expected UTF-8 text")]
    Binary {
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// Bytes that are not UTF-8 (often a Latin-1 or Windows-1252 file).
    #[error("invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// Offset of the first byte of the first invalid sequence.
        offset: usize,
    },
}

/// The byte that stands in for each invalid byte in lossy mode. It is one byte long, so offsets are unchanged,
/// and it is neither whitespace nor punctuation, so it neither ends nor splits a sentence.
pub const SUBSTITUTE: u8 = 0x1A;

/// Checks that `bytes` are UTF-8 text and returns them as a `str`.
///
/// NUL bytes are always an error, even with `lossy`: text with NULs is binary, and segmenting it would only
/// produce noise. With `lossy`, each byte of an invalid UTF-8 sequence is replaced by [`SUBSTITUTE`] (so the
/// result has exactly the input's length); without it, the first invalid sequence is an error.
pub fn decode(bytes: &[u8], lossy: bool) -> Result<Cow<'_, str>, InputError> {
    // `contains` on a byte slice is a memchr: cheap even on large inputs, unlike a `position` loop.
    if bytes.contains(&0) {
        let offset = bytes.iter().position(|&b| b == 0).unwrap_or(0);
        return Err(InputError::Binary { offset });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) if !lossy => Err(InputError::InvalidUtf8 {
            offset: e.valid_up_to(),
        }),
        Err(_) => Ok(Cow::Owned(substitute_invalid(bytes))),
    }
}

/// Replaces each byte of every invalid UTF-8 sequence with [`SUBSTITUTE`].
fn substitute_invalid(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                out.push_str(valid);
                return out;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                // `valid_up_to` guarantees this prefix is UTF-8; the fallback only avoids a panic path.
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                // `None` means a truncated sequence at the very end: everything left is invalid.
                let bad = e.error_len().unwrap_or(after.len());
                out.extend(std::iter::repeat_n(char::from(SUBSTITUTE), bad));
                rest = &after[bad..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_text_is_borrowed() {
        assert!(matches!(
            decode("Hello. “Hi.”".as_bytes(), false),
            Ok(Cow::Borrowed(_))
        ));
    }

    #[test]
    fn nul_is_binary_even_when_lossy() {
        assert_eq!(
            decode(b"ab\0c", true),
            Err(InputError::Binary { offset: 2 })
        );
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        assert_eq!(
            decode(b"caf\xe9 au lait", false),
            Err(InputError::InvalidUtf8 { offset: 3 })
        );
    }

    #[test]
    fn lossy_keeps_the_length() {
        let input = b"caf\xe9 \xf0\x9f\x98 ok \xff";
        let text = decode(input, true).expect("lossy decoding succeeds");
        assert_eq!(text.len(), input.len());
        assert_eq!(text, "caf\u{1a} \u{1a}\u{1a}\u{1a} ok \u{1a}");
    }
}
