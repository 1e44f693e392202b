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
///
/// All or nothing: new contents are first written to temporary files beside their
/// destinations; then every file to replace or delete is moved aside and each temporary file is
/// renamed into place. If any step fails, every step taken is undone (in reverse, by renames)
/// and `dir` is left as it was, with no temporary file. Temporary files left by an interrupted
/// run are removed first.
pub fn apply(dir: &Path, files: &[OutputFile]) -> io::Result<Vec<Change>> {
    let changes = changes(dir, files)?;
    remove_leftovers(dir);
    if changes.is_empty() {
        return Ok(changes);
    }
    let mut transaction = Transaction::default();
    match transaction.run(dir, files, &changes) {
        Ok(()) => {
            transaction.commit(dir);
            Ok(changes)
        }
        Err(error) => {
            transaction.roll_back();
            Err(error)
        }
    }
}

/// The steps of [`apply`] taken so far, to undo them on failure.
#[derive(Default)]
struct Transaction {
    /// Directories created for new files, outermost first.
    created_dirs: Vec<PathBuf>,
    /// Temporary files written and not yet renamed into place, with their destinations.
    staged: Vec<(PathBuf, PathBuf)>,
    /// Files moved aside (replaced or deleted): (where they are now, where they were).
    moved_aside: Vec<(PathBuf, PathBuf)>,
    /// Destinations that now hold new contents.
    placed: Vec<PathBuf>,
    /// Deleted files, for removing the directories they leave empty.
    deleted: Vec<PathBuf>,
}

impl Transaction {
    fn run(&mut self, dir: &Path, files: &[OutputFile], changes: &[Change]) -> io::Result<()> {
        // 1. Write every new content beside its destination.
        for change in changes {
            let (Change::Create(path) | Change::Update(path)) = change else {
                continue;
            };
            let Some(file) = files.iter().find(|file| &file.path == path) else {
                continue;
            };
            let destination = dir.join(path);
            if let Some(parent) = destination.parent() {
                self.create_dirs(parent)?;
            }
            let temporary = sibling(&destination, "tmp");
            // Recorded first, so that a partly written file is removed too.
            self.staged.push((temporary.clone(), destination));
            fs::write(&temporary, &file.contents).map_err(|error| with_path(error, &temporary))?;
        }
        // 2. Move aside the files to delete.
        for change in changes {
            if let Change::Delete(path) = change {
                let path = dir.join(path);
                self.move_aside(&path)?;
                self.deleted.push(path);
            }
        }
        // 3. Rename each new content into place, moving the old one aside first.
        while let Some((temporary, destination)) = self.staged.first().cloned() {
            if fs::symlink_metadata(&destination).is_ok() {
                self.move_aside(&destination)?;
            }
            rename(&temporary, &destination)?;
            self.staged.remove(0);
            self.placed.push(destination);
        }
        Ok(())
    }

    /// Creates `dir` and its missing parents, remembering which were created.
    fn create_dirs(&mut self, dir: &Path) -> io::Result<()> {
        let mut missing = Vec::new();
        let mut current = Some(dir);
        while let Some(path) = current.filter(|path| !path.as_os_str().is_empty() && !path.exists())
        {
            missing.push(path.to_path_buf());
            current = path.parent();
        }
        for path in missing.into_iter().rev() {
            fs::create_dir(&path).map_err(|error| with_path(error, &path))?;
            self.created_dirs.push(path);
        }
        Ok(())
    }

    fn move_aside(&mut self, path: &Path) -> io::Result<()> {
        let aside = sibling(path, "old");
        rename(path, &aside)?;
        self.moved_aside.push((aside, path.to_path_buf()));
        Ok(())
    }

    /// Everything worked: drop what was moved aside and the directories deletions emptied.
    fn commit(self, dir: &Path) {
        for (aside, _) in &self.moved_aside {
            let _ = fs::remove_file(aside);
        }
        for path in &self.deleted {
            remove_empty_parents(dir, path);
        }
    }

    /// Undoes every step, latest first. Best effort: a step that cannot be undone does not stop
    /// the others.
    fn roll_back(self) {
        for destination in self.placed.iter().rev() {
            let _ = fs::remove_file(destination);
        }
        for (aside, original) in self.moved_aside.iter().rev() {
            let _ = fs::rename(aside, original);
        }
        for (temporary, _) in &self.staged {
            let _ = fs::remove_file(temporary);
        }
        for created in self.created_dirs.iter().rev() {
            let _ = fs::remove_dir(created);
        }
    }
}

/// `.<name>.codegen-<pid>.<kind>` beside `path`: hidden, and not a `.rs` file, so that it is
/// never taken for generated output.
fn sibling(path: &Path, kind: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.codegen-{}.{kind}", std::process::id()))
}

/// Whether `name` is a file [`sibling`] makes.
fn is_sibling(name: &str) -> bool {
    name.starts_with('.')
        && name.contains(".codegen-")
        && (name.ends_with(".tmp") || name.ends_with(".old"))
}

/// Removes the temporary files of runs that were interrupted (killed between two steps).
fn remove_leftovers(dir: &Path) {
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if is_sibling(&entry.file_name().to_string_lossy()) {
                let _ = fs::remove_file(&path);
            }
        }
    }
}

#[cfg(not(test))]
fn rename(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to).map_err(|error| with_path(error, to))
}

/// In tests, the rename numbered `FAIL_RENAME` fails, to check that [`apply`] rolls back.
#[cfg(test)]
fn rename(from: &Path, to: &Path) -> io::Result<()> {
    let count = tests::RENAMES.with(|renames| {
        renames.set(renames.get() + 1);
        renames.get()
    });
    if tests::FAIL_RENAME.with(|fail| fail.get()) == Some(count) {
        return Err(io::Error::other(format!(
            "{}: injected failure",
            to.display()
        )));
    }
    fs::rename(from, to).map_err(|error| with_path(error, to))
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
    use std::cell::Cell;
    use std::collections::BTreeMap;

    thread_local! {
        /// Renames done by this thread.
        pub(super) static RENAMES: Cell<usize> = const { Cell::new(0) };
        /// The rename (counted from 1 in `RENAMES`) that fails.
        pub(super) static FAIL_RENAME: Cell<Option<usize>> = const { Cell::new(None) };
    }

    /// Every file and directory below `dir`, with the contents of files.
    fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
        let mut found = BTreeMap::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(current) = pending.pop() {
            for entry in fs::read_dir(&current).unwrap().flatten() {
                let path = entry.path();
                let relative = path.strip_prefix(dir).unwrap().to_path_buf();
                if path.is_dir() {
                    pending.push(path);
                    found.insert(relative, None);
                } else {
                    found.insert(relative, Some(fs::read(&path).unwrap()));
                }
            }
        }
        found
    }

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

    /// A failure at any rename of a run leaves the directory exactly as it was.
    #[test]
    fn a_failed_rename_is_rolled_back() {
        let setup = |dir: &Path| {
            let _ = fs::remove_dir_all(dir);
            fs::create_dir_all(dir).unwrap();
            apply(
                dir,
                &[
                    file("mod.rs", "a"),
                    file("x/old.rs", "old"),
                    file("x/kept.rs", "kept"),
                ],
            )
            .unwrap();
        };
        // Update mod.rs, delete x/old.rs (and keep x/), create y/z/new.rs.
        let wanted = [
            file("mod.rs", "changed"),
            file("x/kept.rs", "kept"),
            file("y/z/new.rs", "new"),
        ];
        let dir = scratch("rollback");
        setup(&dir);
        let before = snapshot(&dir);
        RENAMES.with(|renames| renames.set(0));
        apply(&dir, &wanted).unwrap();
        let renames = RENAMES.with(Cell::get);
        assert!(renames >= 4, "expected several renames, got {renames}");
        for fail_at in 1..=renames {
            setup(&dir);
            RENAMES.with(|renames| renames.set(0));
            FAIL_RENAME.with(|fail| fail.set(Some(fail_at)));
            let result = apply(&dir, &wanted);
            FAIL_RENAME.with(|fail| fail.set(None));
            assert!(result.is_err(), "rename {fail_at} was to fail");
            assert_eq!(
                snapshot(&dir),
                before,
                "rename {fail_at} failed and left changes"
            );
        }
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn removes_the_leftovers_of_an_interrupted_run() {
        let dir = scratch("leftovers");
        apply(&dir, &[file("mod.rs", "a")]).unwrap();
        fs::write(dir.join(".mod.rs.codegen-1.tmp"), "half").unwrap();
        fs::write(dir.join(".mod.rs.codegen-1.old"), "a").unwrap();
        fs::write(dir.join(".keep"), "not ours").unwrap();
        assert_eq!(apply(&dir, &[file("mod.rs", "a")]).unwrap(), vec![]);
        let names: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
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
