//! Errors in a spec, reported the way rustc reports errors in code.

use std::fmt::{self, Write as _};

use crate::source::{Sources, Span};

/// One mistake in the spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where it is.
    pub span: Span,
    /// What was found and what was expected.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub help: Option<String>,
    /// Another place involved (the first definition of a duplicate), with a label.
    pub note: Option<Box<(Span, String)>>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            message: message.into(),
            help: None,
            note: None,
        }
    }

    /// Adds a hint on how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Points at a second place, such as the first of two duplicates.
    pub fn note(mut self, span: Span, label: impl Into<String>) -> Self {
        self.note = Some(Box::new((span, label.into())));
        self
    }
}

/// Every error of a run, sorted by file, line and column.
#[derive(Debug)]
pub struct Diagnostics<'a> {
    sources: &'a Sources,
    list: Vec<Diagnostic>,
}

impl<'a> Diagnostics<'a> {
    /// Sorts `list` by position and pairs it with the sources it points into.
    pub fn new(sources: &'a Sources, mut list: Vec<Diagnostic>) -> Self {
        list.sort_by(|a, b| {
            let key =
                |d: &Diagnostic| (&sources.file(d.span.file).display, d.span.line, d.span.col);
            key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
        });
        list.dedup();
        Diagnostics { sources, list }
    }

    /// The errors, in order.
    pub fn list(&self) -> &[Diagnostic] {
        &self.list
    }
}

impl fmt::Display for Diagnostics<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.list {
            f.write_str(&render(self.sources, diagnostic))?;
            f.write_str("\n")?;
        }
        let count = self.list.len();
        write!(
            f,
            "{count} error{} in spec",
            if count == 1 { "" } else { "s" }
        )
    }
}

/// One diagnostic, the way rustc shows one: the gutter is as wide as the largest line number
/// it shows.
///
/// ```text
/// error: unknown key `nulable` in field `name` of `Widget`; expected one of ...
///   --> spec/widgets/widget.yaml:16:9
///    |
/// 16 |         nulable: true
///    |         ^^^^^^^
///    = help: did you mean `nullable`?
/// ```
///
/// Text from the spec never reaches the terminal raw: control characters (and the ones that
/// reorder text) are escaped in messages and blanked in the source excerpt, and a long source
/// line is cut to [`EXCERPT_WIDTH`] characters around what it points at.
pub fn render(sources: &Sources, diagnostic: &Diagnostic) -> String {
    let note_line = diagnostic.note.as_ref().map_or(0, |note| note.0.line);
    let width = diagnostic.span.line.max(note_line).to_string().len();
    let mut text = String::new();
    let _ = writeln!(text, "error: {}", escaped(&diagnostic.message));
    render_location(&mut text, sources, diagnostic.span, width);
    if let Some(note) = &diagnostic.note {
        let (span, label) = note.as_ref();
        let _ = writeln!(text, "note: {}", escaped(label));
        render_location(&mut text, sources, *span, width);
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(text, "{:width$} = help: {}", "", escaped(help));
    }
    text
}

/// The most characters of a source line an excerpt shows.
pub const EXCERPT_WIDTH: usize = 100;

/// How many characters before the span a cut excerpt keeps.
const EXCERPT_CONTEXT: usize = 30;

/// Characters that would garble a terminal: control characters, and the ones that reorder the
/// text around them (bidirectional overrides and isolates, as in "Trojan Source").
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A message longer than this (it quotes a long value from the spec) loses its middle.
const MESSAGE_WIDTH: usize = 400;

/// `text` with each unsafe character written as an escape (`\u{1b}`), and its middle left
/// out if it is longer than [`MESSAGE_WIDTH`].
fn escaped(text: &str) -> String {
    let count = text.chars().count();
    if count > MESSAGE_WIDTH {
        let (head, tail) = (MESSAGE_WIDTH * 5 / 8, MESSAGE_WIDTH / 4);
        let start: String = text.chars().take(head).collect();
        let end: String = text.chars().skip(count - tail).collect();
        let left_out = count - head - tail;
        return escaped(&format!(
            "{start}[... {left_out} characters left out ...]{end}"
        ));
    }
    if !text.chars().any(is_unsafe) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if is_unsafe(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// ```text
///   --> spec/treasury/financial_account.yaml:12:9
///    |
/// 12 |         nulable: true
///    |         ^^^^^^^
/// ```
fn render_location(out: &mut String, sources: &Sources, span: Span, width: usize) {
    let file = sources.file(span.file);
    if file.relative.ends_with('/') {
        // A directory: it has no lines to point into.
        let _ = writeln!(out, "{:width$}--> {}", "", file.display);
        return;
    }
    let _ = writeln!(
        out,
        "{:width$}--> {}:{}:{}",
        "", file.display, span.line, span.col
    );
    let Some(line) = file.line(span.line.max(1)) else {
        return;
    };
    // Tabs and other unsafe characters would shift the carets or garble the terminal; each is
    // shown as one space, so columns still line up.
    let line: Vec<char> = line
        .chars()
        .map(|c| if is_unsafe(c) { ' ' } else { c })
        .collect();
    let col = span.col.saturating_sub(1);
    let start = col
        .saturating_sub(EXCERPT_CONTEXT)
        .min(line.len().saturating_sub(EXCERPT_WIDTH));
    let end = line.len().min(start + EXCERPT_WIDTH);
    let (before, after) = (
        if start > 0 { "..." } else { "" },
        if end < line.len() { "..." } else { "" },
    );
    let shown: String = line[start..end].iter().collect();
    let available = end.saturating_sub(col);
    let carets = span.len.clamp(1, available.max(1));
    let _ = writeln!(out, "{:width$} |", "");
    let _ = writeln!(out, "{:>width$} | {before}{shown}{after}", span.line);
    let _ = writeln!(
        out,
        "{:width$} | {}{}",
        "",
        " ".repeat(before.len() + col - start),
        "^".repeat(carets)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn rendered(text: &str, span: (usize, usize, usize), message: &str) -> String {
        let mut sources = Sources::default();
        let file = sources.add("spec/x.yaml".into(), "x.yaml".into(), text.into());
        let (line, col, len) = span;
        let diagnostic = Diagnostic::new(
            Span {
                file,
                line,
                col,
                len,
            },
            message,
        );
        assert_eq!(file, FileId(0));
        render(&sources, &diagnostic)
    }

    /// A 1 MB line is cut around the span; the carets still point at it.
    #[test]
    fn cuts_long_lines_around_the_span() {
        let line = format!("{}strng{}", "a".repeat(500_000), "b".repeat(500_000));
        let text = rendered(&line, (1, 500_001, 5), "unknown type `strng`");
        assert!(text.len() < 400, "{} bytes", text.len());
        // A message quoting the whole line keeps its start and its end.
        let message = format!("unknown type `{line}`; expected a built-in type");
        let long = rendered(&line, (1, 1, 1), &message);
        assert!(long.len() < 1_000, "{} bytes", long.len());
        assert!(
            long.contains("[... 999696 characters left out ...]"),
            "{long}"
        );
        assert!(long.contains("bbbb`; expected a built-in type\n"), "{long}");
        let lines: Vec<&str> = text.lines().collect();
        let excerpt = lines[3].split_once(" | ").unwrap().1;
        let carets = lines[4].split_once(" | ").unwrap().1;
        assert!(
            excerpt.starts_with("...") && excerpt.ends_with("..."),
            "{excerpt}"
        );
        let at = carets.find('^').unwrap();
        assert_eq!(&excerpt[at..at + 5], "strng");
        assert_eq!(carets.trim(), "^^^^^");

        // At the start and at the end of the line, only one side is cut.
        let text = rendered(&line, (1, 1, 1), "here");
        assert!(text.contains("| aaaa") && text.contains("a...\n"), "{text}");
        let text = rendered(&line, (1, 1_000_005, 1), "here");
        let excerpt = text.lines().nth(3).unwrap().split_once(" | ").unwrap().1;
        assert!(
            excerpt.starts_with("...b") && excerpt.ends_with('b'),
            "{excerpt}"
        );
        let carets = text.lines().nth(4).unwrap().split_once(" | ").unwrap().1;
        assert_eq!(
            carets.len(),
            excerpt.chars().count(),
            "under the last character"
        );
    }

    /// Text from the spec cannot move the cursor, change colours or reorder what is shown.
    #[test]
    fn escapes_control_characters_from_the_spec() {
        let text = rendered(
            "a\u{1b}[2Jb\u{202e}c: 1\n",
            (1, 1, 3),
            "unknown key `a\u{1b}[2Jb\u{202e}c`",
        );
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202e}'),
            "{text:?}"
        );
        assert!(
            text.contains("unknown key `a\\u{1b}[2Jb\\u{202e}c`"),
            "{text}"
        );
        assert!(text.contains("| a [2Jb c: 1"), "{text}");
    }
}
