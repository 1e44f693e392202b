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
            let mut text = String::new();
            let _ = writeln!(text, "error: {}", diagnostic.message);
            render_location(&mut text, self.sources, diagnostic.span, "");
            if let Some(note) = &diagnostic.note {
                let (span, label) = note.as_ref();
                let _ = writeln!(text, "note: {label}");
                render_location(&mut text, self.sources, *span, "");
            }
            if let Some(help) = &diagnostic.help {
                let _ = writeln!(text, "  = help: {help}");
            }
            writeln!(f, "{text}")?;
        }
        let count = self.list.len();
        write!(
            f,
            "{count} error{} in spec",
            if count == 1 { "" } else { "s" }
        )
    }
}

/// ```text
///   --> spec/treasury/financial_account.yaml:12:9
///    |
/// 12 |         nulable: true
///    |         ^^^^^^^
/// ```
fn render_location(out: &mut String, sources: &Sources, span: Span, label: &str) {
    let file = sources.file(span.file);
    let _ = writeln!(out, "  --> {}:{}:{}", file.display, span.line, span.col);
    let Some(line) = file.text.lines().nth(span.line.saturating_sub(1)) else {
        return;
    };
    let number = span.line.to_string();
    let gutter = " ".repeat(number.len());
    let line = line.replace('\t', " ");
    let available = line
        .chars()
        .count()
        .saturating_sub(span.col.saturating_sub(1));
    let carets = span.len.clamp(1, available.max(1));
    let _ = writeln!(out, "{gutter} |");
    let _ = writeln!(out, "{number} | {line}");
    let _ = writeln!(
        out,
        "{gutter} | {}{}{label}",
        " ".repeat(span.col.saturating_sub(1)),
        "^".repeat(carets)
    );
}
