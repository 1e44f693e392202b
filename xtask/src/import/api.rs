//! Edits of `api.yaml`: new modules, and the API version an update brings.

use codegen::source::Span;
use codegen::spec::ast::Spec;

use super::edits;
use super::render;

/// The edit that replaces the scalar `old` at `span` (on one line) with `new`.
pub(super) fn replace_value(text: &str, span: Span, old: &str, new: &str) -> edits::Edit {
    let line = text.lines().nth(span.line - 1).unwrap_or("");
    let start: usize = line.chars().take(span.col - 1).map(char::len_utf8).sum();
    let replaced = match line.get(start..) {
        Some(rest) if rest.starts_with(old) => {
            format!("{}{new}{}", &line[..start], &rest[old.len()..])
        }
        _ => line.replacen(old, new, 1),
    };
    edits::Edit {
        at: span.line - 1,
        remove: 1,
        text: format!("{replaced}\n"),
    }
}

/// The edit adding `modules` at the end of the `modules:` mapping of `api.yaml`.
pub(super) fn module_edit(current: &str, spec: &Spec, modules: &[(String, String)]) -> edits::Edit {
    let inserted: String = modules
        .iter()
        .map(|(name, description)| render::module(name, description))
        .collect();
    let at = match spec.api.modules.last() {
        Some(last) => edits::block_end(current, last.name.span.line, last.name.span.col),
        None => current.lines().count(),
    };
    edits::Edit::insert(at, inserted)
}
