//! Stage 1: read the spec directory into memory, in a fixed order.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub usize);

/// A position in a spec file: 1-based line and column (in characters), and how many characters
/// on that line the thing it points at covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// The file.
    pub file: FileId,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// Characters covered on that line (at least 1 when rendered).
    pub len: usize,
}

impl Span {
    /// The first character of `file`, for mistakes that concern a whole file.
    pub fn start_of(file: FileId) -> Span {
        Span {
            file,
            line: 1,
            col: 1,
            len: 1,
        }
    }

    /// The span `offset` characters into this one, `len` long, on the same line.
    pub fn slice(self, offset: usize, len: usize) -> Span {
        Span {
            col: self.col + offset,
            len,
            ..self
        }
    }
}

/// One spec file.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the spec directory, with `/` separators (`treasury/financial_account.yaml`).
    pub relative: String,
    /// Path shown in messages (`spec/treasury/financial_account.yaml`).
    pub display: String,
    /// The file's text. Bytes that are not UTF-8 are replaced with U+FFFD, and
    /// `invalid_utf8` says where the first one was.
    pub text: String,
    /// The line and column (1-based, in characters) of the first byte that is not UTF-8.
    pub invalid_utf8: Option<(usize, usize)>,
    /// Where each line of `text` starts, found the first time a line is asked for.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// Line `number` (1-based) of the text, as `str::lines` gives it; `None` past the end.
    /// Finding it does not rescan the text: a spec with thousands of errors shows thousands of
    /// lines.
    pub fn line(&self, number: usize) -> Option<&str> {
        let starts = self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(at, _)| at + 1));
            starts
        });
        let start = *starts.get(number.checked_sub(1)?)?;
        if start == self.text.len() {
            // Nothing after the last line break: `lines` ends there.
            return None;
        }
        Some(match starts.get(number) {
            // A `\r` before the `\n` is part of the line break, as in `lines`.
            Some(&next) => {
                let line = &self.text[start..next - 1];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => &self.text[start..],
        })
    }
}

/// Every file of a spec, sorted by relative path so that runs are deterministic.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// Reads `api.yaml` and every `*.yaml` one directory below `dir`. `display_root` prefixes
    /// paths in messages. A directory inside a module directory is added as an empty file
    /// whose relative path ends in `/`, so that decoding reports it rather than ignore the files
    /// in it.
    pub fn read_dir(dir: &Path, display_root: &str) -> io::Result<Sources> {
        // (relative path, path); `None` for a directory inside a module directory.
        let mut paths = vec![(PathBuf::from("api.yaml"), Some(dir.join("api.yaml")))];
        for module in sorted_entries(dir)? {
            if !module.is_dir() {
                // A YAML file beside api.yaml is read so that validation can say it is misplaced.
                if is_yaml(&module) && file_name(&module) != "api.yaml" {
                    paths.push((PathBuf::from(file_name(&module)), Some(module)));
                }
                continue;
            }
            let module_name = file_name(&module);
            for file in sorted_entries(&module)? {
                let relative = Path::new(&module_name).join(file_name(&file));
                if file.is_dir() {
                    paths.push((relative, None));
                } else if is_yaml(&file) {
                    paths.push((relative, Some(file)));
                }
            }
        }
        let mut sources = Sources::default();
        for (relative, path) in paths {
            let Some(path) = path else {
                let relative = format!("{}/", relative.to_string_lossy().replace('\\', "/"));
                sources.add(
                    format!("{display_root}/{relative}"),
                    relative,
                    String::new(),
                );
                continue;
            };
            let bytes = fs::read(&path).map_err(|error| {
                io::Error::new(error.kind(), format!("{}: {error}", path.display()))
            })?;
            let relative = relative.to_string_lossy().replace('\\', "/");
            let display = format!("{display_root}/{relative}");
            match String::from_utf8(bytes) {
                Ok(text) => {
                    sources.add(display, relative, text);
                }
                Err(error) => {
                    // Reported as a spec error with its position, not as an I/O error.
                    let valid = error.utf8_error().valid_up_to();
                    let bytes = error.into_bytes();
                    let before = String::from_utf8_lossy(&bytes[..valid]);
                    let line = before.matches('\n').count() + 1;
                    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    let id = sources.add(display, relative, text);
                    sources.files[id.0].invalid_utf8 = Some((line, col));
                }
            }
        }
        Ok(sources)
    }

    /// Adds a file given as text (for tests and benchmarks).
    pub fn add(&mut self, display: String, relative: String, text: String) -> FileId {
        self.files.push(SourceFile {
            relative,
            display,
            text,
            invalid_utf8: None,
            line_starts: OnceLock::new(),
        });
        FileId(self.files.len() - 1)
    }

    /// The file with this ID.
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    /// The length of every file's text together, in bytes: what the stages' work grows with.
    pub fn text_len(&self) -> usize {
        self.files.iter().map(|file| file.text.len()).sum()
    }

    /// Every file with its ID, in order.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(index, file)| (FileId(index), file))
    }
}

fn sorted_entries(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let entries = fs::read_dir(dir)
        .map_err(|error| io::Error::new(error.kind(), format!("{}: {error}", dir.display())))?;
    let mut paths = entries
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<io::Result<Vec<_>>>()?;
    paths.sort();
    Ok(paths)
}

fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext == "yaml" || ext == "yml")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::every_text;

    #[test]
    fn a_line_is_what_str_lines_gives() {
        // The empty text too.
        for text in every_text(&['a', '\n', '\r'], 6)
            .into_iter()
            .chain([String::new()])
        {
            let mut sources = Sources::default();
            let id = sources.add("a".into(), "a".into(), text.clone());
            let file = sources.file(id);
            for number in 0..=text.len() + 1 {
                let expected = number.checked_sub(1).and_then(|n| text.lines().nth(n));
                assert_eq!(file.line(number), expected, "{text:?} line {number}");
            }
        }
    }
}
