//! Doc comments: one `#[doc]` attribute per line, each with a leading space, so prettyplease
//! prints `/// text` rather than a `/** */` block. Long lines are wrapped so that generated
//! files read well in a diff.

use proc_macro2::TokenStream;
use quote::quote;

/// Text wider than this is wrapped (the doc comment adds `/// ` and indentation).
const WIDTH: usize = 92;

/// `///` lines for `text`, a Markdown paragraph or several.
pub fn doc(text: &str) -> TokenStream {
    let lines = wrap(text).into_iter().map(|line| quote! { #[doc = #line] });
    quote! { #(#lines)* }
}

/// `//!` lines for `text`.
pub fn inner_doc(text: &str) -> TokenStream {
    let lines = wrap(text)
        .into_iter()
        .map(|line| quote! { #![doc = #line] });
    quote! { #(#lines)* }
}

/// The lines of `text`, each with a leading space, prose wrapped at spaces. Code blocks,
/// tables and headings are kept as they are; list items continue under their text.
fn wrap(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_code = false;
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if in_code
            || line.trim_start().starts_with("```")
            || line.starts_with(['|', '#'])
            || line.chars().count() <= WIDTH
        {
            lines.push(if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            });
            continue;
        }
        let indent = continuation_indent(line);
        let leading = line.len() - line.trim_start().len();
        let mut current = line[..leading].to_owned();
        for word in line.trim_start().split(' ') {
            if !current.trim().is_empty()
                && current.chars().count() + 1 + word.chars().count() > WIDTH
            {
                lines.push(format!(" {current}"));
                current = " ".repeat(indent);
            } else if !current.is_empty() && !current.ends_with(' ') {
                current.push(' ');
            }
            current.push_str(word);
        }
        lines.push(format!(" {current}"));
    }
    lines
}

/// How far the lines after the first of a paragraph are indented: under the text of a list
/// item (`- `, `1. `), or as the first line.
fn continuation_indent(line: &str) -> usize {
    let leading = line.len() - line.trim_start().len();
    let rest = &line[leading..];
    let marker = if rest.starts_with("- ") || rest.starts_with("* ") {
        2
    } else {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(". ") {
            digits + 2
        } else {
            0
        }
    };
    leading + marker
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_prose_and_list_items_but_not_code() {
        let long = "word ".repeat(30).trim_end().to_owned();
        let lines = wrap(&format!("{long}\n\n - {long}\n\n```\n{long}\n```"));
        let expected_first = format!(" {}", "word ".repeat(18).trim_end());
        assert_eq!(lines[0], expected_first);
        assert_eq!(lines[1], format!(" {}", "word ".repeat(12).trim_end()));
        assert_eq!(lines[2], "");
        assert!(lines[3].starts_with("  - word"), "{lines:#?}");
        assert!(
            lines[4].starts_with("    word"),
            "continues under the item: {:?}",
            lines[4]
        );
        assert_eq!(
            lines[lines.len() - 2],
            format!(" {long}"),
            "code is not wrapped"
        );
        assert!(
            lines
                .iter()
                .all(|line| line.chars().count() <= WIDTH + 1 || line == &format!(" {long}"))
        );
    }
}
