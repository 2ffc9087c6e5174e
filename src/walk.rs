//! Finding the files a command works on: explicit files as given, directories walked for matching extensions.

use std::path::{Path, PathBuf};

/// A path that could not be walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    /// The path involved.
    pub path: PathBuf,
    /// What went wrong, for a person.
    pub message: String,
}

impl WalkError {
    /// The error as a finding at the start of the path (exit status 2).
    pub fn into_diagnostic(self) -> crate::diagnostic::Diagnostic {
        crate::diagnostic::Diagnostic::error(
            &self.path.display().to_string(),
            crate::yaml::Loc::START,
            "",
            crate::diagnostic::IO_ERROR,
            self.message,
        )
    }
}

/// Lists the files under `paths`, sorted and without duplicates.
///
/// A path given explicitly is taken whatever its extension (the user asked for it); inside directories only files
/// whose extension is in `extensions` are taken. Symbolic links are followed, and loops are reported rather than
/// followed forever. Hidden entries (`.git`, editor swap files) are skipped inside directories.
pub fn files(paths: &[PathBuf], extensions: &[&str]) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        match std::fs::metadata(root) {
            Err(e) => errors.push(WalkError {
                path: root.clone(),
                message: io_message(&e),
            }),
            Ok(m) if m.is_file() => found.push(root.clone()),
            Ok(m) if m.is_dir() => walk_dir(root, extensions, &mut found, &mut errors),
            Ok(_) => errors.push(WalkError {
                path: root.clone(),
                message: "not a regular file or directory".to_string(),
            }),
        }
    }
    found.sort();
    found.dedup();
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    (found, errors)
}

fn walk_dir(
    root: &Path,
    extensions: &[&str],
    found: &mut Vec<PathBuf>,
    errors: &mut Vec<WalkError>,
) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let ext = e.path().extension().and_then(|x| x.to_str()).unwrap_or("");
                if extensions.contains(&ext) {
                    found.push(e.into_path());
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf());
                let message = if e.loop_ancestor().is_some() {
                    "symbolic link loop: this link points back to one of its own parent directories"
                        .to_string()
                } else if let Some(io) = e.io_error() {
                    io_message(io)
                } else {
                    e.to_string()
                };
                errors.push(WalkError { path, message });
            }
        }
    }
}

/// A short, human message for an I/O error, without the Rust `os error` suffix noise.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".to_string(),
        PermissionDenied => "permission denied".to_string(),
        IsADirectory => "is a directory".to_string(),
        _ if e.raw_os_error() == Some(40) => {
            "too many levels of symbolic links (a symlink loop?)".to_string()
        }
        _ => e.to_string(),
    }
}
