//! File-system helpers: reading with clear errors, and atomic writes.

use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` atomically: a temporary file in the same directory, then renamed over the target,
/// so a crash or a full disk never leaves a half-written claim file behind.
///
/// When the target exists (a claim file a reviewer may have worked on) the temporary file is flushed to disk
/// before the rename, so even a power cut cannot replace reviewed work with an empty file. A new file is not
/// flushed: it holds nothing that re-running the command would not recreate, and flushing each of thousands of
/// new files was 80% of the time of extracting a directory.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(contents))
}

/// [`write_atomic`] for contents produced piece by piece: `fill` writes them to a buffered temporary file.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let replacing = path.exists();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let tmp = tempfile::Builder::new()
        .prefix(".claimtrail-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    let mut buffered = std::io::BufWriter::new(tmp);
    fill(&mut buffered)?;
    let tmp = buffered.into_inner().map_err(|e| e.into_error())?;
    if replacing {
        tmp.as_file().sync_all()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        super::write_atomic(&p, b"one").unwrap();
        super::write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

/// Why a text file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The file could not be read at all (missing, permissions, a directory…): exit status 2.
    #[error("{0}")]
    Io(String),
    /// The file was read but is not usable text: empty, binary, not UTF-8, too large.
    #[error("{message}")]
    Content {
        /// Byte offset of the problem, when there is one.
        offset: Option<usize>,
        /// What is wrong.
        message: String,
    },
}

/// Reads a UTF-8 text file, refusing empty, binary, oversized and non-UTF-8 files with a clear message.
///
/// `limit` bounds the file size so that a stray multi-gigabyte file cannot exhaust memory in CI.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Io(crate::walk::io_message(&e)))?;
    if !meta.is_file() {
        return Err(ReadError::Io("not a regular file".to_string()));
    }
    if meta.len() > limit {
        return Err(ReadError::Content {
            offset: None,
            message: format!(
                "file is {} bytes, over the limit of {limit} bytes (raise it with --max-file-size)",
                meta.len()
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| ReadError::Io(crate::walk::io_message(&e)))?;
    decode_text(bytes)
}

/// Checks that `bytes` are non-empty UTF-8 text without NUL bytes, and returns them as a string (in place: an
/// article is not copied).
pub fn decode_text(bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Content {
            offset: None,
            message: if bytes.is_empty() {
                "empty file"
            } else {
                "file holds only whitespace"
            }
            .to_string(),
        });
    }
    if let Some(i) = bytes.iter().position(|&b| b == 0) {
        return Err(ReadError::Content {
            offset: Some(i),
            message: format!("binary file: NUL byte at byte offset {i}"),
        });
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            Err(ReadError::Content {
                offset: Some(at),
                message: format!(
                    "invalid UTF-8 at byte offset {at} (byte 0x{:02x}); save the file as UTF-8",
                    bytes[at]
                ),
            })
        }
    }
}
