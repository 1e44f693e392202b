//! Text edits to hand-written YAML at the positions the generator's YAML parser reports, so that
//! everything not edited (comments, blank lines, key order, quoting) stays byte for byte.

/// An edit of whole lines: remove `remove` lines starting at line index `at` (0-based), then
/// insert `text` (whole lines, each ending with `\n`) there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The first line affected, 0-based.
    pub at: usize,
    /// How many lines are removed.
    pub remove: usize,
    /// The lines inserted.
    pub text: String,
}

impl Edit {
    /// Inserts `text` before line index `at`.
    pub fn insert(at: usize, text: String) -> Edit {
        Edit {
            at,
            remove: 0,
            text,
        }
    }

    /// Removes line index `at`.
    pub fn remove_line(at: usize) -> Edit {
        Edit {
            at,
            remove: 1,
            text: String::new(),
        }
    }
}

/// Applies `edits` to `text`. Insertions at the same line keep the order they were given in.
pub fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // A stable sort keeps insertions at one line in the order given.
    edits.sort_by_key(|edit| edit.at);
    let mut out = String::new();
    let mut next = 0;
    for edit in edits {
        let at = edit.at.min(lines.len());
        if at < next {
            // Overlapping removals: the earlier edit already covered these lines.
            out.push_str(&edit.text);
            continue;
        }
        for line in &lines[next..at] {
            out.push_str(line);
        }
        if at == lines.len() && !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&edit.text);
        next = (at + edit.remove).min(lines.len());
    }
    for line in &lines[next..] {
        out.push_str(line);
    }
    out
}

/// The line index just after the block that starts with the key at `line` and `col` (both
/// 1-based, as the YAML parser reports them): the block is every following line indented deeper
/// than the key, with blank lines inside it; trailing blank lines and comments at the key's
/// indentation or less belong to what follows.
pub fn block_end(text: &str, line: usize, col: usize) -> usize {
    let key_indent = col.saturating_sub(1);
    let mut end = line;
    for (index, content) in text.lines().enumerate().skip(line) {
        if content.trim().is_empty() {
            continue;
        }
        let indent = content.len() - content.trim_start_matches(' ').len();
        if indent <= key_indent {
            break;
        }
        end = index + 1;
    }
    end
}

/// The indentation (in spaces) of line `line` (1-based).
pub fn indent_of(text: &str, line: usize) -> usize {
    text.lines()
        .nth(line.saturating_sub(1))
        .map_or(0, |content| {
            content.len() - content.trim_start_matches(' ').len()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "a:\n  b:\n    type: x\n    description: |\n      one\n\n      two\n\n  # about c\n  c: 1\nd: 2\n";

    #[test]
    fn blocks_end_before_what_follows() {
        // `b` at line 2, column 3: its block includes the literal with its blank line.
        assert_eq!(block_end(TEXT, 2, 3), 7);
        // `a` at line 1 runs to `c`.
        assert_eq!(block_end(TEXT, 1, 1), 10);
        assert_eq!(block_end(TEXT, 11, 1), 11);
        assert_eq!(indent_of(TEXT, 3), 4);
    }

    #[test]
    fn applies_insertions_and_removals_in_place() {
        let edited = apply(
            TEXT,
            vec![
                Edit::insert(7, "    new: y\n".into()),
                Edit::remove_line(2),
                Edit::insert(11, "e: 3\n".into()),
            ],
        );
        assert_eq!(
            edited,
            "a:\n  b:\n    description: |\n      one\n\n      two\n    new: y\n\n  # about c\n  c: 1\nd: 2\ne: 3\n"
        );
        assert_eq!(
            apply("x: 1", vec![Edit::insert(1, "y: 2\n".into())]),
            "x: 1\ny: 2\n"
        );
    }
}
