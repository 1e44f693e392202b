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
pub fn render(sources: &Sources, diagnostic: &Diagnostic) -> String {
    let note_line = diagnostic.note.as_ref().map_or(0, |note| note.0.line);
    let width = diagnostic.span.line.max(note_line).to_string().len();
    let mut text = String::new();
    let _ = writeln!(text, "error: {}", diagnostic.message);
    render_location(&mut text, sources, diagnostic.span, width);
    if let Some(note) = &diagnostic.note {
        let (span, label) = note.as_ref();
        let _ = writeln!(text, "note: {label}");
        render_location(&mut text, sources, *span, width);
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(text, "{:width$} = help: {help}", "");
    }
    text
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
    let Some(line) = file.text.lines().nth(span.line.saturating_sub(1)) else {
        return;
    };
    // Tabs and other control characters would shift the carets or garble the terminal; each
    // is shown as one space, so columns still line up.
    let line: String = line
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let available = line
        .chars()
        .count()
        .saturating_sub(span.col.saturating_sub(1));
    let carets = span.len.clamp(1, available.max(1));
    let _ = writeln!(out, "{:width$} |", "");
    let _ = writeln!(out, "{:>width$} | {line}", span.line);
    let _ = writeln!(
        out,
        "{:width$} | {}{}",
        "",
        " ".repeat(span.col.saturating_sub(1)),
        "^".repeat(carets)
    );
}
