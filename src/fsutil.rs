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
    write_guarded(path, fill, Expect::Anything).map(|_| ())
}

/// What the target must hold at the moment [`write_guarded`] renames over it.
#[derive(Clone, Copy)]
pub enum Expect<'a> {
    /// No check.
    Anything,
    /// Nothing: the file must not exist (a new claim file someone else may be creating too).
    Absent,
    /// Exactly these bytes: what was read and merged (a reviewer may have saved the file since).
    Bytes(&'a [u8]),
}

/// [`write_atomic_with`], but only if the target still holds what `expect` says. Returns `Ok(false)`, writing
/// nothing, when it does not: someone changed the file after it was read, and replacing it would lose their edit.
/// (The check and the rename are two steps; a save between them is still lost, but that window is microseconds
/// instead of the length of a whole extraction.)
pub fn write_guarded(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    expect: Expect<'_>,
) -> std::io::Result<bool> {
    // One stat: whether the target exists, and the mode a rewritten file keeps.
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    let replacing = existing.is_some();
    if matches!(expect, Expect::Absent) && replacing {
        return Ok(false);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // tempfile creates files 0600; a new claim file should follow the umask as any editor's file does. The mode
    // given here goes through open(2), which applies the umask.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(dir)?;
    // An existing file keeps its mode (a 0664 claim file shared by a team stays 0664).
    if let Some(perms) = existing {
        tmp.as_file().set_permissions(perms)?;
    }
    let mut buffered = std::io::BufWriter::new(tmp);
    fill(&mut buffered)?;
    let tmp = buffered.into_inner().map_err(|e| e.into_error())?;
    if replacing {
        tmp.as_file().sync_all()?;
    }
    match expect {
        Expect::Anything => {
            tmp.persist(path).map_err(|e| e.error)?;
        }
        Expect::Absent => match tmp.persist_noclobber(path) {
            Ok(_) => {}
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
            Err(e) => return Err(e.error),
        },
        Expect::Bytes(old) => {
            if std::fs::read(path)? != old {
                return Ok(false);
            }
            tmp.persist(path).map_err(|e| e.error)?;
        }
    }
    Ok(true)
}

/// A writer that refuses to pass on more than `limit` bytes, failing with [`std::io::ErrorKind::FileTooLarge`].
///
/// Why: a claim file is 2 to 15 times the size of its article, and `validate`, `check` and `match` refuse claim
/// files over their size limit. Writing through this, `extract` stops at the limit instead of leaving a file the
/// other commands reject, and inside [`write_guarded`] the failure discards the temporary file.
pub struct Capped<W> {
    inner: W,
    left: u64,
}

impl<W: Write> Capped<W> {
    pub fn new(inner: W, limit: u64) -> Self {
        Capped { inner, left: limit }
    }

    pub fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Write for Capped<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = buf.len() as u64;
        if n > self.left {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                "over the size limit",
            ));
        }
        let written = self.inner.write(buf)?;
        self.left -= written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Temporary files of [`write_atomic`] start and end so; [`remove_stale_temps`] recognises them by it.
pub const TEMP_PREFIX: &str = ".claimtrail-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// An advisory lock on a directory that claimtrail writes claim files into, held until dropped. Two runs that
/// write into one directory take turns instead of racing; the lock is on the directory itself, so no lock file is
/// left behind for git to see. Where a directory cannot be locked (non-Unix systems, some network file systems)
/// runs are not serialised.
pub struct DirLock {
    _dir: Option<std::fs::File>,
}

impl DirLock {
    /// Locks `dir`, calling `waiting` once if another process holds the lock, then waits for it. A directory that
    /// does not exist yet is not created (a run whose articles all fail leaves nothing behind) and not locked:
    /// two runs creating it at once are still kept from overwriting each other's new files by
    /// [`Expect::Absent`].
    pub fn acquire(dir: &Path, waiting: impl FnOnce()) -> std::io::Result<DirLock> {
        if !dir.is_dir() {
            return Ok(DirLock { _dir: None });
        }
        let Ok(file) = std::fs::File::open(dir) else {
            return Ok(DirLock { _dir: None });
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                waiting();
                if file.lock().is_err() {
                    return Ok(DirLock { _dir: None });
                }
            }
            Err(std::fs::TryLockError::Error(_)) => return Ok(DirLock { _dir: None }),
        }
        Ok(DirLock { _dir: Some(file) })
    }
}

/// Removes the temporary files a killed run left in `dir` (`.claimtrail-*.tmp`); call it while holding the
/// directory's [`DirLock`], so no live run's file is among them. Returns how many were removed.
pub fn remove_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(TEMP_PREFIX)
                && name.ends_with(TEMP_SUFFIX)
                && e.file_type().is_ok_and(|t| t.is_file())
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    #[test]
    fn new_files_follow_the_umask_and_existing_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        super::write_atomic(&p, b"one").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        // Whatever the test runner's umask, a new file is more open than tempfile's 0600 unless the umask forbids
        // it, and never executable.
        assert_eq!(mode & 0o111, 0);
        assert!(mode & 0o600 == 0o600, "{mode:o}");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o664)).unwrap();
        super::write_atomic(&p, b"two").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o664);
    }

    #[test]
    fn a_guarded_write_does_not_replace_a_file_changed_since_it_was_read() {
        use super::{Expect, write_guarded};
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        std::fs::write(&p, b"reviewed").unwrap();
        let put = |w: &mut dyn Write| w.write_all(b"merged");
        // The reviewer saved again after extract read the file.
        std::fs::write(&p, b"reviewed twice").unwrap();
        assert!(!write_guarded(&p, put, Expect::Bytes(b"reviewed")).unwrap());
        assert_eq!(std::fs::read(&p).unwrap(), b"reviewed twice");
        assert!(write_guarded(&p, put, Expect::Bytes(b"reviewed twice")).unwrap());
        assert_eq!(std::fs::read(&p).unwrap(), b"merged");
        // A new file that someone else created meanwhile is not clobbered.
        assert!(!write_guarded(&p, put, Expect::Absent).unwrap());
        let q = dir.path().join("b.yaml");
        assert!(write_guarded(&q, put, Expect::Absent).unwrap());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temp file left"
        );
    }

    #[test]
    fn stale_temp_files_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".claimtrail-abc.tmp"), b"x").unwrap();
        std::fs::write(dir.path().join("a.yaml"), b"x").unwrap();
        std::fs::write(dir.path().join("claimtrail-notes.tmp"), b"x").unwrap();
        assert_eq!(super::remove_stale_temps(dir.path()), 1);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_directory_lock_is_exclusive() {
        let dir = tempfile::tempdir().unwrap();
        let first = super::DirLock::acquire(dir.path(), || panic!("nobody holds it yet")).unwrap();
        // A second handle on the same directory cannot take the lock while the first holds it.
        let other = std::fs::File::open(dir.path()).unwrap();
        if first._dir.is_some() {
            assert!(matches!(
                other.try_lock(),
                Err(std::fs::TryLockError::WouldBlock)
            ));
        }
        drop(first);
        assert!(other.try_lock().is_ok());
    }

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

/// `path` relative to the directory `dir`, `/`-separated, for `document.path`: how a claim file finds its article
/// after the repository is cloned elsewhere. Both are made absolute first (symlinks resolved where they exist, so
/// `claims/../x` and a symlinked checkout agree); `None` when the result is not UTF-8.
pub fn relative_to(path: &Path, dir: &Path) -> Option<String> {
    let absolute = |p: &Path| p.canonicalize().or_else(|_| std::path::absolute(p)).ok();
    let rel = pathdiff::diff_paths(absolute(path)?, absolute(dir)?)?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    let joined = parts?.join("/");
    (!joined.is_empty()).then_some(joined)
}

/// `dir` joined with the relative path `rel`, with `x/..` pairs folded away (`claims` + `../a.txt` → `a.txt`), so
/// that a path printed to a reader is the one they would type. Lexical only: it does not follow symlinks.
pub fn join_lexically(dir: &Path, rel: &str) -> std::path::PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for c in dir.components().chain(Path::new(rel).components()) {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            _ => out.push(c),
        }
    }
    if out.is_empty() {
        return std::path::PathBuf::from(".");
    }
    out.iter().collect()
}

#[cfg(test)]
mod path_tests {
    use super::*;

    #[test]
    fn relative_paths_join_and_fold() {
        assert_eq!(
            join_lexically(Path::new("claims"), "../examples/a.txt"),
            Path::new("examples/a.txt")
        );
        assert_eq!(
            join_lexically(Path::new(""), "../a.txt"),
            Path::new("../a.txt")
        );
        assert_eq!(
            join_lexically(Path::new("/r/claims/x"), "../../a.txt"),
            Path::new("/r/a.txt")
        );
        let dir = tempfile::tempdir().unwrap();
        let claims = dir.path().join("claims");
        std::fs::create_dir(&claims).unwrap();
        let article = dir.path().join("news").join("a.txt");
        std::fs::create_dir(article.parent().unwrap()).unwrap();
        std::fs::write(&article, "x").unwrap();
        let rel = relative_to(&article, &claims).unwrap();
        assert_eq!(rel, "../news/a.txt");
        assert_eq!(
            join_lexically(&claims, &rel).canonicalize().unwrap(),
            article.canonicalize().unwrap()
        );
    }
}
