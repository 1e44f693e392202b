//! Stage 8: bring the output directory in line with the generated files, or check that it is.
//!
//! The output directory is replaced as a whole, so that a run killed at any instant leaves the
//! old tree or the new one, never a mix. Beside the output directory `<parent>/<name>`:
//!
//! - `.<name>.codegen-lock` is locked for the run, so that two runs never interleave (a second
//!   one fails with "another codegen is running"). The operating system releases the lock when
//!   the process dies, so a killed run never leaves a stale lock. The file itself is kept.
//! - `.<name>.codegen-tmp` is where the new tree is built: the files whose contents change are
//!   written (and synced), every other file is hard-linked from the old tree, so it keeps its
//!   modification time and cargo rebuilds less.
//! - Once complete and synced, it is renamed `.<name>.codegen-new`: a directory of that name is
//!   always a complete tree.
//! - The swap: the old tree is renamed `.<name>.codegen-old`, the new one takes its place, and the
//!   old one is removed. Between those two renames the output directory is briefly absent, with
//!   both complete trees beside it.
//!
//! Every run starts by finishing what a killed run left: a missing output directory is restored
//! from `.codegen-new` (a complete new tree), or else from `.codegen-old`, and the other
//! directories are removed.
//!
//! Nothing in the output directory is followed: a symbolic link in it (or the directory being
//! one) is an error, since writing through it or deleting below it would reach outside. Files
//! that are not `.rs` files are not generated, and are kept as they are.
//!
//! For the crash test of `xtask/tests/cli.rs`, `CODEGEN_PAUSE_AT_STEP=<n>` makes a run stop
//! before the `n`th change it makes to the disk (counted from 1), say so on stderr, and wait to be
//! killed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};

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

/// What differs between `dir` and `files`; paths are relative to `dir`. Changes nothing.
pub fn changes(dir: &Path, files: &[OutputFile]) -> io::Result<Vec<Change>> {
    let layout = Layout::new(dir)?;
    let _lock = layout.lock(false)?;
    let tree = Tree::read(dir)?;
    compare(dir, &tree, files)
}

/// Writes `files` into `dir`, returning what changed. All or nothing, even if killed: see the
/// module documentation.
pub fn apply(dir: &Path, files: &[OutputFile]) -> io::Result<Vec<Change>> {
    let layout = Layout::new(dir)?;
    fs::create_dir_all(&layout.parent).map_err(|error| with_path(error, &layout.parent))?;
    let _lock = layout.lock(true)?;
    layout.recover()?;
    let tree = Tree::read(dir)?;
    let changes = compare(dir, &tree, files)?;
    if changes.is_empty() {
        return Ok(changes);
    }
    match layout.replace(&tree, files, &changes) {
        Ok(()) => {
            layout.finish();
            Ok(changes)
        }
        Err(error) if is_simulated_crash(&error) => Err(error),
        Err(error) => {
            layout.roll_back();
            Err(error)
        }
    }
}

/// The output directory and the directories and lock file beside it.
struct Layout {
    dir: PathBuf,
    parent: PathBuf,
    lock: PathBuf,
    /// The new tree while it is built.
    tmp: PathBuf,
    /// The new tree, complete.
    new: PathBuf,
    /// The old tree, moved aside.
    old: PathBuf,
}

impl Layout {
    fn new(dir: &Path) -> io::Result<Layout> {
        let name = dir
            .file_name()
            .filter(|_| !matches!(dir.components().next_back(), Some(Component::ParentDir)))
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("{}: not a directory name", dir.display()),
                )
            })?
            .to_string_lossy()
            .into_owned();
        let parent = match dir.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let beside = |kind: &str| parent.join(format!(".{name}.codegen-{kind}"));
        Ok(Layout {
            dir: dir.to_path_buf(),
            lock: beside("lock"),
            tmp: beside("tmp"),
            new: beside("new"),
            old: beside("old"),
            parent,
        })
    }

    /// Locks the output directory: exclusively to write it, shared to read it. Reading needs no
    /// lock file; if there is none, no run has ever written here.
    fn lock(&self, exclusive: bool) -> io::Result<Option<File>> {
        let file = if exclusive {
            fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&self.lock)
        } else {
            File::open(&self.lock)
        };
        let file = match file {
            Ok(file) => file,
            Err(error) if !exclusive && error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(with_path(error, &self.lock)),
        };
        let locked = if exclusive {
            file.try_lock()
        } else {
            file.try_lock_shared()
        };
        match locked {
            Ok(()) => Ok(Some(file)),
            Err(fs::TryLockError::WouldBlock) => Err(io::Error::new(
                io::ErrorKind::WouldBlock,
                format!(
                    "another codegen is running on {} (it holds the lock {}); wait for it to finish, then run again",
                    self.dir.display(),
                    self.lock.display()
                ),
            )),
            Err(fs::TryLockError::Error(error)) => Err(with_path(error, &self.lock)),
        }
    }

    /// Finishes what a killed run left: see the module documentation.
    fn recover(&self) -> io::Result<()> {
        remove_tree(&self.tmp)?;
        if !exists(&self.dir)? {
            for complete in [&self.new, &self.old] {
                if exists(complete)? {
                    rename(complete, &self.dir)?;
                    sync_dir(&self.parent)?;
                    break;
                }
            }
        }
        remove_tree(&self.new)?;
        remove_tree(&self.old)
    }

    /// Builds the new tree beside the old one and swaps them.
    fn replace(&self, tree: &Tree, files: &[OutputFile], changes: &[Change]) -> io::Result<()> {
        let written: BTreeSet<&str> = changes
            .iter()
            .filter_map(|change| match change {
                Change::Create(path) | Change::Update(path) => Some(path.as_str()),
                Change::Delete(_) => None,
            })
            .collect();
        checkpoint("create the new tree")?;
        fs::create_dir(&self.tmp).map_err(|error| with_path(error, &self.tmp))?;
        let mut dirs = BTreeSet::from([self.tmp.clone()]);
        let mut place = |relative: &Path| -> io::Result<PathBuf> {
            let target = self.tmp.join(relative);
            let mut missing = Vec::new();
            let mut current = target.parent();
            while let Some(dir) = current.filter(|dir| !dirs.contains(*dir)) {
                missing.push(dir.to_path_buf());
                current = dir.parent();
            }
            for dir in missing.into_iter().rev() {
                checkpoint("create a directory of the new tree")?;
                fs::create_dir(&dir).map_err(|error| with_path(error, &dir))?;
                dirs.insert(dir);
            }
            Ok(target)
        };
        for file in files {
            let relative = relative_path(&file.path)?;
            let target = place(&relative)?;
            if written.contains(file.path.as_str()) {
                checkpoint("write a new file")?;
                write_synced(&target, file.contents.as_bytes())?;
            } else {
                checkpoint("link an unchanged file")?;
                keep(&self.dir.join(&relative), &target)?;
            }
        }
        for relative in &tree.others {
            let target = place(relative)?;
            checkpoint("link a file that is not generated")?;
            keep(&self.dir.join(relative), &target)?;
        }
        // Deepest first, so that each directory's entries are durable before its parent's.
        for dir in dirs.iter().rev() {
            sync_dir(dir)?;
        }
        checkpoint("mark the new tree complete")?;
        rename(&self.tmp, &self.new)?;
        sync_dir(&self.parent)?;
        if exists(&self.dir)? {
            checkpoint("move the old tree aside")?;
            rename(&self.dir, &self.old)?;
        }
        checkpoint("move the new tree into place")?;
        rename(&self.new, &self.dir)?;
        sync_dir(&self.parent)
    }

    /// After the swap the run has succeeded; if the old tree cannot be removed, the next run
    /// removes it.
    fn finish(&self) {
        let _ = checkpoint("remove the old tree").and_then(|()| remove_tree(&self.old));
    }

    /// After a failure (not a crash): put the old tree back and remove the new one. Best effort;
    /// whatever is left, the next run's [`Layout::recover`] finishes.
    fn roll_back(&self) {
        if !self.dir.exists() && self.old.exists() {
            let _ = fs::rename(&self.old, &self.dir);
        }
        for dir in [&self.tmp, &self.new] {
            let _ = remove_tree(dir);
        }
    }
}

/// A generated file found in the output directory.
struct Existing {
    path: PathBuf,
    len: u64,
}

impl Existing {
    fn holds(&self, contents: &str) -> io::Result<bool> {
        if self.len != contents.len() as u64 {
            return Ok(false);
        }
        let bytes = fs::read(&self.path).map_err(|error| with_path(error, &self.path))?;
        Ok(bytes == contents.as_bytes())
    }
}

/// What the output directory holds, read without following links.
#[derive(Default)]
struct Tree {
    /// Every `.rs` file, by relative path with `/` separators.
    rust: BTreeMap<String, Existing>,
    /// Every other file, relative.
    others: Vec<PathBuf>,
    /// Every directory below the top, relative.
    dirs: BTreeSet<PathBuf>,
}

impl Tree {
    /// An absent directory is an empty tree.
    fn read(dir: &Path) -> io::Result<Tree> {
        let mut tree = Tree::default();
        match fs::symlink_metadata(dir) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(tree),
            Err(error) => return Err(with_path(error, dir)),
            Ok(metadata) if metadata.file_type().is_symlink() => return Err(link_error(dir)),
            Ok(metadata) if !metadata.is_dir() => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("{}: not a directory", dir.display()),
                ));
            }
            Ok(_) => {}
        }
        let mut pending = vec![PathBuf::new()];
        while let Some(relative) = pending.pop() {
            let current = dir.join(&relative);
            let entries = fs::read_dir(&current).map_err(|error| with_path(error, &current))?;
            for entry in entries {
                let entry = entry.map_err(|error| with_path(error, &current))?;
                let path = entry.path();
                let kind = entry.file_type().map_err(|error| with_path(error, &path))?;
                let relative = relative.join(entry.file_name());
                if kind.is_symlink() {
                    return Err(link_error(&path));
                } else if kind.is_dir() {
                    tree.dirs.insert(relative.clone());
                    pending.push(relative);
                } else if !kind.is_file() {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!(
                            "{}: neither a file nor a directory; the output directory holds only what codegen writes",
                            path.display()
                        ),
                    ));
                } else if path.extension().is_some_and(|ext| ext == "rs") {
                    let len = entry
                        .metadata()
                        .map_err(|error| with_path(error, &path))?
                        .len();
                    let name = relative.to_string_lossy().replace('\\', "/");
                    tree.rust.insert(name, Existing { path, len });
                } else {
                    tree.others.push(relative);
                }
            }
        }
        tree.others.sort();
        Ok(tree)
    }

    /// A file can be generated at `relative`: no directory is there, and no file where one of
    /// its directories goes.
    fn check_room(&self, dir: &Path, relative: &Path) -> io::Result<()> {
        let blocked = |path: &Path, what: &str| {
            Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{}: {what}, where codegen writes `{}`; move it away",
                    dir.join(path).display(),
                    relative.display()
                ),
            ))
        };
        if self.dirs.contains(relative) {
            return blocked(relative, "a directory");
        }
        for ancestor in relative.ancestors().skip(1) {
            let is_file = self
                .others
                .binary_search_by(|other| other.as_path().cmp(ancestor))
                .is_ok()
                || self
                    .rust
                    .contains_key(&*ancestor.to_string_lossy().replace('\\', "/"));
            if is_file {
                return blocked(ancestor, "a file");
            }
        }
        Ok(())
    }
}

fn compare(dir: &Path, tree: &Tree, files: &[OutputFile]) -> io::Result<Vec<Change>> {
    let mut changes = Vec::new();
    for file in files {
        let relative = relative_path(&file.path)?;
        tree.check_room(dir, &relative)?;
        match tree.rust.get(&file.path) {
            None => changes.push(Change::Create(file.path.clone())),
            Some(existing) if !existing.holds(&file.contents)? => {
                changes.push(Change::Update(file.path.clone()))
            }
            Some(_) => {}
        }
    }
    let wanted: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    for existing in tree.rust.keys() {
        if !wanted.contains(existing.as_str()) {
            changes.push(Change::Delete(existing.clone()));
        }
    }
    Ok(changes)
}

/// A generated path as a relative path that stays inside the output directory.
fn relative_path(path: &str) -> io::Result<PathBuf> {
    let relative = PathBuf::from(path);
    let inside = !path.is_empty()
        && relative
            .components()
            .all(|component| matches!(component, Component::Normal(_)));
    if inside {
        Ok(relative)
    } else {
        Err(io::Error::other(format!(
            "the generator produced the path `{path}`, which is not inside the output directory (a bug in the generator)"
        )))
    }
}

fn link_error(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "{}: a symbolic link; codegen does not follow links in its output directory, which would make it write or delete outside it: remove the link",
            path.display()
        ),
    )
}

/// Puts an existing file at `to` in the new tree, keeping its contents and modification time:
/// a hard link, or a copy where the file system has none.
fn keep(from: &Path, to: &Path) -> io::Result<()> {
    if fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    let modified = fs::metadata(from)
        .and_then(|metadata| metadata.modified())
        .map_err(|error| with_path(error, from))?;
    fs::copy(from, to).map_err(|error| with_path(error, to))?;
    let file = fs::OpenOptions::new()
        .write(true)
        .open(to)
        .map_err(|error| with_path(error, to))?;
    file.set_modified(modified)
        .and_then(|()| file.sync_all())
        .map_err(|error| with_path(error, to))
}

fn write_synced(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut file = File::create(path).map_err(|error| with_path(error, path))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(|error| with_path(error, path))
}

/// Makes the entries of `dir` durable. Only Unix can open a directory to sync it; elsewhere the
/// renames are as durable as the file system makes them.
fn sync_dir(dir: &Path) -> io::Result<()> {
    if cfg!(unix) {
        File::open(dir)
            .and_then(|dir| dir.sync_all())
            .map_err(|error| with_path(error, dir))?;
    }
    Ok(())
}

fn exists(path: &Path) -> io::Result<bool> {
    match fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(error) => Err(with_path(error, path)),
    }
}

/// Removes a directory of ours and everything below it, if it exists. Links below it are removed,
/// never followed.
fn remove_tree(dir: &Path) -> io::Result<()> {
    match fs::remove_dir_all(dir) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(with_path(error, dir)),
        _ => Ok(()),
    }
}

fn rename(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to).map_err(|error| {
        io::Error::new(
            error.kind(),
            format!("renaming {} to {}: {error}", from.display(), to.display()),
        )
    })
}

fn with_path(error: io::Error, path: &Path) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

/// Called before each change to the disk, so that tests can stop a run there.
fn checkpoint(what: &str) -> io::Result<()> {
    #[cfg(test)]
    tests::crash_point(what)?;
    pause_point(what);
    Ok(())
}

/// `CODEGEN_PAUSE_AT_STEP`: see the module documentation.
fn pause_point(what: &str) {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicUsize, Ordering};
    static PAUSE_AT: OnceLock<Option<usize>> = OnceLock::new();
    static STEPS: AtomicUsize = AtomicUsize::new(0);
    let pause_at = PAUSE_AT.get_or_init(|| {
        std::env::var("CODEGEN_PAUSE_AT_STEP")
            .ok()
            .and_then(|step| step.parse().ok())
    });
    let Some(pause_at) = *pause_at else {
        return;
    };
    let step = STEPS.fetch_add(1, Ordering::SeqCst) + 1;
    if step == pause_at {
        eprintln!("codegen: paused at step {step}, before: {what}");
        loop {
            std::thread::park();
        }
    }
}

#[cfg(not(test))]
fn is_simulated_crash(_: &io::Error) -> bool {
    false
}

#[cfg(test)]
fn is_simulated_crash(error: &io::Error) -> bool {
    error
        .get_ref()
        .is_some_and(|inner| inner.is::<tests::SimulatedCrash>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[derive(Debug)]
    pub(super) struct SimulatedCrash;

    impl fmt::Display for SimulatedCrash {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("simulated crash")
        }
    }

    impl std::error::Error for SimulatedCrash {}

    thread_local! {
        /// Checkpoints passed by this thread's current run.
        static STEPS: Cell<usize> = const { Cell::new(0) };
        /// The checkpoint (counted from 1) at which this thread's run stops dead, as if killed.
        static CRASH_AT: Cell<Option<usize>> = const { Cell::new(None) };
        /// The checkpoint at which an ordinary I/O error happens.
        static FAIL_AT: Cell<Option<usize>> = const { Cell::new(None) };
    }

    pub(super) fn crash_point(what: &str) -> io::Result<()> {
        let step = STEPS.with(|steps| {
            steps.set(steps.get() + 1);
            steps.get()
        });
        if CRASH_AT.with(Cell::get) == Some(step) {
            return Err(io::Error::other(SimulatedCrash));
        }
        if FAIL_AT.with(Cell::get) == Some(step) {
            return Err(io::Error::other(format!("injected failure before: {what}")));
        }
        Ok(())
    }

    /// Runs `apply` stopping dead at checkpoint `crash_at`; returns the checkpoints passed.
    fn apply_crashing_at(dir: &Path, files: &[OutputFile], crash_at: Option<usize>) -> usize {
        STEPS.with(|steps| steps.set(0));
        CRASH_AT.with(|crash| crash.set(crash_at));
        let result = apply(dir, files);
        CRASH_AT.with(|crash| crash.set(None));
        match (crash_at, result) {
            // A crash after the swap is not seen by the caller: the run had succeeded.
            (_, Ok(_)) => {}
            (Some(_), Err(error)) if is_simulated_crash(&error) => {}
            (crash_at, result) => panic!("crash at {crash_at:?}: {result:?}"),
        }
        STEPS.with(Cell::get)
    }

    type Snapshot = BTreeMap<PathBuf, Option<Vec<u8>>>;

    /// Every file and directory below `dir`, with the contents of files; `None` if `dir` is
    /// absent.
    fn snapshot(dir: &Path) -> Option<Snapshot> {
        if !dir.exists() {
            return None;
        }
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
        Some(found)
    }

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    /// A fresh `<tmp>/codegen-write-<name>-<pid>/out`, returned with its parent.
    fn scratch(name: &str) -> (PathBuf, PathBuf) {
        let parent =
            std::env::temp_dir().join(format!("codegen-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&parent);
        fs::create_dir_all(parent.join("out")).unwrap();
        (parent.join("out"), parent)
    }

    /// The names in `parent` other than the output directory and the lock file.
    fn leftovers(parent: &Path) -> Vec<String> {
        fs::read_dir(parent)
            .unwrap()
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name != "out" && name != ".out.codegen-lock")
            .collect()
    }

    #[test]
    fn writes_only_changes_and_removes_stale_files() {
        let (dir, parent) = scratch("changes");
        let first = [
            file("mod.rs", "a"),
            file("x/one.rs", "1"),
            file("x/two.rs", "2"),
        ];
        assert_eq!(apply(&dir, &first).unwrap().len(), 3);
        assert_eq!(apply(&dir, &first).unwrap(), vec![]);
        let one_modified = fs::metadata(dir.join("x/one.rs"))
            .unwrap()
            .modified()
            .unwrap();

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
        assert_eq!(
            fs::metadata(dir.join("x/one.rs"))
                .unwrap()
                .modified()
                .unwrap(),
            one_modified,
            "an unchanged file keeps its modification time"
        );
        assert_eq!(leftovers(&parent), Vec::<String>::new());
        fs::remove_dir_all(parent).unwrap();
    }

    #[test]
    fn keeps_files_that_are_not_generated() {
        let (dir, parent) = scratch("others");
        apply(&dir, &[file("mod.rs", "a"), file("x/one.rs", "1")]).unwrap();
        fs::write(dir.join("x/notes.txt"), "mine").unwrap();
        apply(&dir, &[file("mod.rs", "b")]).unwrap();
        assert_eq!(fs::read_to_string(dir.join("x/notes.txt")).unwrap(), "mine");
        assert!(!dir.join("x/one.rs").exists());
        fs::remove_dir_all(parent).unwrap();
    }

    /// A run killed before any checkpoint leaves the old tree or the new one, never a mix, and
    /// perhaps leftovers beside it; the next run brings it to the new tree and removes them.
    #[test]
    fn a_run_killed_at_any_step_leaves_the_old_or_the_new_tree() {
        let (dir, parent) = scratch("crash");
        let old = [
            file("mod.rs", "a"),
            file("x/old.rs", "old"),
            file("x/kept.rs", "kept"),
        ];
        // Update mod.rs, delete x/old.rs, keep x/kept.rs, create y/z/new.rs.
        let new = [
            file("mod.rs", "changed"),
            file("x/kept.rs", "kept"),
            file("y/z/new.rs", "new"),
        ];
        let setup = || {
            let _ = fs::remove_dir_all(&parent);
            fs::create_dir_all(&dir).unwrap();
            apply(&dir, &old).unwrap();
            fs::write(dir.join("x/notes.txt"), "mine").unwrap();
        };
        setup();
        let old_tree = snapshot(&dir);
        let steps = apply_crashing_at(&dir, &new, None);
        let new_tree = snapshot(&dir);
        assert!(steps >= 8, "expected a checkpoint a step, got {steps}");
        assert_ne!(old_tree, new_tree);
        for crash_at in 1..=steps {
            setup();
            apply_crashing_at(&dir, &new, Some(crash_at));
            let after_crash = snapshot(&dir);
            let recoverable = after_crash.is_none()
                && snapshot(&parent.join(".out.codegen-new")) == new_tree
                && snapshot(&parent.join(".out.codegen-old")) == old_tree;
            assert!(
                after_crash == old_tree || after_crash == new_tree || recoverable,
                "killed at step {crash_at}: a mix of trees: {after_crash:#?}"
            );
            // The next run finishes the job, whatever the crash left.
            apply(&dir, &new).unwrap();
            assert_eq!(snapshot(&dir), new_tree, "after a crash at step {crash_at}");
            assert_eq!(leftovers(&parent), Vec::<String>::new(), "step {crash_at}");
        }
        fs::remove_dir_all(parent).unwrap();
    }

    /// The first run, into a directory that does not exist yet, killed at any step.
    #[test]
    fn a_first_run_killed_at_any_step_leaves_nothing_or_the_new_tree() {
        let (dir, parent) = scratch("first");
        let new = [file("mod.rs", "a"), file("x/one.rs", "1")];
        fs::remove_dir(&dir).unwrap();
        let steps = apply_crashing_at(&dir, &new, None);
        let new_tree = snapshot(&dir);
        for crash_at in 1..=steps {
            fs::remove_dir_all(&parent).unwrap();
            apply_crashing_at(&dir, &new, Some(crash_at));
            let after_crash = snapshot(&dir);
            let recoverable =
                after_crash.is_none() && snapshot(&parent.join(".out.codegen-new")) == new_tree;
            assert!(
                after_crash.is_none() || after_crash == new_tree || recoverable,
                "killed at step {crash_at}: {after_crash:#?}"
            );
            apply(&dir, &new).unwrap();
            assert_eq!(snapshot(&dir), new_tree, "after a crash at step {crash_at}");
            assert_eq!(leftovers(&parent), Vec::<String>::new());
        }
        fs::remove_dir_all(parent).unwrap();
    }

    /// An I/O error at any step is rolled back: the directory is as it was, nothing is left
    /// beside it.
    #[test]
    fn a_failure_at_any_step_changes_nothing() {
        let (dir, parent) = scratch("fail");
        let old = [file("mod.rs", "a"), file("x/old.rs", "old")];
        let new = [file("mod.rs", "b"), file("y/new.rs", "new")];
        apply(&dir, &old).unwrap();
        let before = snapshot(&dir);
        let steps = apply_crashing_at(&dir, &new, None);
        let after = snapshot(&dir);
        for fail_at in 1..=steps {
            apply(&dir, &old).unwrap();
            STEPS.with(|steps| steps.set(0));
            FAIL_AT.with(|fail| fail.set(Some(fail_at)));
            let result = apply(&dir, &new);
            FAIL_AT.with(|fail| fail.set(None));
            if fail_at == steps {
                // The last step removes the old tree after the swap, when the run has succeeded:
                // it is left for the next run to remove.
                assert!(result.is_ok(), "{result:?}");
                assert_eq!(snapshot(&dir), after);
                continue;
            }
            let error = result.unwrap_err().to_string();
            assert!(error.contains("injected failure"), "{error}");
            assert_eq!(snapshot(&dir), before, "failed at step {fail_at}");
            assert_eq!(leftovers(&parent), Vec::<String>::new(), "step {fail_at}");
        }
        fs::remove_dir_all(parent).unwrap();
    }

    #[test]
    fn a_failed_write_changes_nothing() {
        let (dir, parent) = scratch("failure");
        apply(&dir, &[file("mod.rs", "a"), file("x.rs", "x")]).unwrap();
        let before = snapshot(&dir);
        // `x.rs` is a file, so nothing can be written below it.
        let result = apply(
            &dir,
            &[
                file("mod.rs", "changed"),
                file("x.rs", "x"),
                file("x.rs/inner.rs", "y"),
            ],
        );
        assert!(result.is_err());
        assert_eq!(snapshot(&dir), before);
        assert_eq!(leftovers(&parent), Vec::<String>::new());
        fs::remove_dir_all(parent).unwrap();
    }

    #[test]
    fn a_second_run_is_refused_while_one_holds_the_lock() {
        let (dir, parent) = scratch("lock");
        apply(&dir, &[file("mod.rs", "a")]).unwrap();
        let layout = Layout::new(&dir).unwrap();
        let held = layout.lock(true).unwrap();
        for result in [
            apply(&dir, &[file("mod.rs", "b")]),
            changes(&dir, &[file("mod.rs", "b")]),
        ] {
            let error = result.unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::WouldBlock);
            assert!(
                error.to_string().contains("another codegen is running"),
                "{error}"
            );
        }
        drop(held);
        assert_eq!(apply(&dir, &[file("mod.rs", "b")]).unwrap().len(), 1);
        fs::remove_dir_all(parent).unwrap();
    }

    #[test]
    fn refuses_paths_outside_the_directory() {
        let (dir, parent) = scratch("paths");
        for path in ["../escape.rs", "/abs.rs", "", "a/../../b.rs", "./x.rs"] {
            assert!(apply(&dir, &[file(path, "x")]).is_err(), "{path}");
        }
        assert!(!parent.join("escape.rs").exists());
        fs::remove_dir_all(parent).unwrap();
    }

    #[cfg(unix)]
    mod links {
        use super::*;
        use std::os::unix::fs::symlink;

        /// A link in the output directory, to a directory outside holding a `.rs` file: the
        /// run fails, names the link, and nothing outside is touched.
        #[test]
        fn never_follows_links_out_of_the_directory() {
            let (dir, parent) = scratch("links");
            apply(&dir, &[file("mod.rs", "a"), file("x/one.rs", "1")]).unwrap();
            let outside = parent.join("outside");
            fs::create_dir(&outside).unwrap();
            fs::write(outside.join("precious.rs"), "keep me").unwrap();
            symlink(&outside, dir.join("x/linked")).unwrap();
            let before = snapshot(&dir);
            for result in [
                apply(&dir, &[file("mod.rs", "b")]),
                changes(&dir, &[file("mod.rs", "b")]),
            ] {
                let error = result.unwrap_err().to_string();
                assert!(error.contains("x/linked: a symbolic link"), "{error}");
            }
            assert_eq!(
                fs::read_to_string(outside.join("precious.rs")).unwrap(),
                "keep me"
            );
            assert_eq!(snapshot(&dir), before);
            fs::remove_dir_all(parent).unwrap();
        }

        /// Links to `.` made the old walk loop through `x/a/b/a/b/...`.
        #[test]
        fn links_to_the_directory_itself_are_refused_at_once() {
            let (dir, parent) = scratch("self-links");
            apply(&dir, &[file("mod.rs", "a")]).unwrap();
            symlink(".", dir.join("a")).unwrap();
            symlink(".", dir.join("b")).unwrap();
            let error = apply(&dir, &[file("mod.rs", "b")]).unwrap_err().to_string();
            assert!(error.contains("a symbolic link"), "{error}");
            fs::remove_dir_all(parent).unwrap();
        }

        /// The output directory itself as a link.
        #[test]
        fn the_directory_itself_may_not_be_a_link() {
            let (dir, parent) = scratch("dir-link");
            let real = parent.join("real");
            fs::create_dir(&real).unwrap();
            fs::remove_dir(&dir).unwrap();
            symlink(&real, &dir).unwrap();
            let error = apply(&dir, &[file("mod.rs", "b")]).unwrap_err().to_string();
            assert!(error.contains("a symbolic link"), "{error}");
            assert_eq!(fs::read_dir(&real).unwrap().count(), 0);
            fs::remove_dir_all(parent).unwrap();
        }
    }
}
