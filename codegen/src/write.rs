//! Stage 8: bring the output directory in line with the generated files, or check that it is.
//!
//! Only files whose bytes change are written, so untouched files keep their modification time
//! and cargo rebuilds less. Every new file is first written beside its destination under a
//! temporary name; only when all are written are they renamed into place, so a failure leaves
//! the directory as it was and an interrupted run leaves no half-written file.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::format::OutputFile;

/// How the directory differs from the generated files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A generated file that does not exist yet.
    Create(String),
    /// A file whose contents differ.
    Update(String),
    /// A file the spec no longer produces.
    Delete(String),
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Create(path) => write!(f, "{path} is missing"),
            Change::Update(path) => write!(f, "{path} is stale"),
            Change::Delete(path) => write!(f, "{path} is no longer generated"),
        }
    }
}

/// What differs between `dir` and `files`; paths are relative to `dir`.
pub fn changes(dir: &Path, files: &[OutputFile]) -> io::Result<Vec<Change>> {
    let mut changes = Vec::new();
    let wanted: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    for file in files {
        match fs::read(dir.join(&file.path)) {
            Ok(existing) if existing == file.contents.as_bytes() => {}
            Ok(_) => changes.push(Change::Update(file.path.clone())),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                changes.push(Change::Create(file.path.clone()))
            }
            Err(error) => return Err(with_path(error, &dir.join(&file.path))),
        }
    }
    for existing in rust_files(dir)? {
        if !wanted.contains(existing.as_str()) {
            changes.push(Change::Delete(existing));
        }
    }
    Ok(changes)
}

/// Writes `files` into `dir`, returning what changed.
pub fn apply(dir: &Path, files: &[OutputFile]) -> io::Result<Vec<Change>> {
    let changes = changes(dir, files)?;
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let staging = (|| {
        for change in &changes {
            let (Change::Create(path) | Change::Update(path)) = change else {
                continue;
            };
            let Some(file) = files.iter().find(|file| &file.path == path) else {
                continue;
            };
            let destination = dir.join(path);
            if let Some(parent) = destination.parent() {
                fs::create_dir_all(parent).map_err(|error| with_path(error, parent))?;
            }
            let temporary = temporary_path(&destination);
            fs::write(&temporary, &file.contents).map_err(|error| with_path(error, &temporary))?;
            staged.push((temporary, destination));
        }
        Ok(())
    })();
    if let Err(error) = staging {
        for (temporary, _) in &staged {
            let _ = fs::remove_file(temporary);
        }
        return Err(error);
    }
    for (temporary, destination) in &staged {
        fs::rename(temporary, destination).map_err(|error| with_path(error, destination))?;
    }
    for change in &changes {
        if let Change::Delete(path) = change {
            let path = dir.join(path);
            fs::remove_file(&path).map_err(|error| with_path(error, &path))?;
            remove_empty_parents(dir, &path);
        }
    }
    Ok(changes)
}

fn temporary_path(destination: &Path) -> PathBuf {
    let name = destination
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    destination.with_file_name(format!(".{name}.codegen-{}.tmp", std::process::id()))
}

/// Every `*.rs` file below `dir`, relative, with `/` separators, sorted.
fn rust_files(dir: &Path) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = match fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => return Err(with_path(error, &current)),
        };
        for entry in entries {
            let path = entry.map_err(|error| with_path(error, &current))?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                if let Ok(relative) = path.strip_prefix(dir) {
                    found.push(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

fn remove_empty_parents(dir: &Path, file: &Path) {
    let mut parent = file.parent();
    while let Some(current) = parent {
        if current == dir || fs::remove_dir(current).is_err() {
            break;
        }
        parent = current.parent();
    }
}

fn with_path(error: io::Error, path: &Path) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("codegen-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn writes_only_changes_and_removes_stale_files() {
        let dir = scratch("changes");
        let first = [
            file("mod.rs", "a"),
            file("x/one.rs", "1"),
            file("x/two.rs", "2"),
        ];
        assert_eq!(apply(&dir, &first).unwrap().len(), 3);
        assert_eq!(apply(&dir, &first).unwrap(), vec![]);

        let second = [file("mod.rs", "b"), file("x/one.rs", "1")];
        assert_eq!(
            changes(&dir, &second).unwrap(),
            vec![
                Change::Update("mod.rs".into()),
                Change::Delete("x/two.rs".into())
            ]
        );
        apply(&dir, &second).unwrap();
        assert_eq!(fs::read_to_string(dir.join("mod.rs")).unwrap(), "b");
        assert!(!dir.join("x/two.rs").exists());
        assert_eq!(changes(&dir, &second).unwrap(), vec![]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_failed_write_changes_nothing() {
        let dir = scratch("failure");
        apply(&dir, &[file("mod.rs", "a"), file("x.rs", "x")]).unwrap();
        // `x.rs` is a file, so nothing can be written below it: staging fails after `mod.rs`.
        let result = apply(
            &dir,
            &[
                file("mod.rs", "changed"),
                file("x.rs", "x"),
                file("x.rs/inner.rs", "y"),
            ],
        );
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(dir.join("mod.rs")).unwrap(), "a");
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "temporary files left behind: {leftovers:?}"
        );
        fs::remove_dir_all(dir).unwrap();
    }
}
