//! Doc comments: one `#[doc]` attribute per line, each with a leading space, so prettyplease
//! prints `/// text` rather than a `/** */` block. Long lines are wrapped so that generated
//! files read well in a diff.
//!
//! Descriptions from the spec go through [`description`] first: they are Markdown, and rustdoc
//! and rustc reject or warn about some of it, or compile it.

use proc_macro2::{Span, TokenStream};
use quote::quote;

/// Text wider than this is wrapped (the doc comment adds `/// ` and indentation).
const WIDTH: usize = 92;

/// `///` lines for `text`, a Markdown paragraph or several.
pub fn doc(text: &str) -> TokenStream {
    let lines = wrap(text).into_iter().map(|line| {
        let line = raw_string(&line);
        quote! { #[doc = #line] }
    });
    quote! { #(#lines)* }
}

/// `///` lines for `text`, as the attributes of a syntax tree built without tokens (see
/// [`Part`](super::Part)). They print the same as [`doc`]'s.
pub fn doc_attrs(text: &str) -> Vec<syn::Attribute> {
    let span = Span::call_site();
    wrap(text)
        .into_iter()
        .map(|line| syn::Attribute {
            pound_token: Default::default(),
            style: syn::AttrStyle::Outer,
            bracket_token: Default::default(),
            meta: syn::Meta::NameValue(syn::MetaNameValue {
                path: syn::Ident::new("doc", span).into(),
                eq_token: Default::default(),
                value: syn::Expr::Lit(syn::ExprLit {
                    attrs: Vec::new(),
                    lit: syn::Lit::Str(raw_string(&line)),
                }),
            }),
        })
        .collect()
}

/// `//!` lines for `text`.
pub fn inner_doc(text: &str) -> TokenStream {
    let lines = wrap(text).into_iter().map(|line| {
        let line = raw_string(&line);
        quote! { #![doc = #line] }
    });
    quote! { #(#lines)* }
}

/// The string literal `text` written raw (`r"..."`, with as many `#` as it needs), for a doc
/// attribute: prettyplease prints a doc attribute's value as a `///` or `//!` comment, the same
/// for a raw literal as for an ordinary one (elsewhere it would print the literal as written).
/// Doc comments are most of the output, and an ordinary literal escapes each character when it
/// is made and unescapes each again when it is printed, which was 5% of the generator's
/// instructions; a raw one is copied.
fn raw_string(text: &str) -> syn::LitStr {
    // The literal ends at the first `"` followed by its `#`s, so it needs one more `#` than
    // the longest run after a `"` in the text.
    let hashes = text
        .split('"')
        .skip(1)
        .map(|after| after.len() - after.trim_start_matches('#').len() + 1)
        .max()
        .unwrap_or(0);
    let mut repr = String::with_capacity(text.len() + 2 * hashes + 3);
    repr.push('r');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.push('"');
    repr.push_str(text);
    repr.push('"');
    repr.extend(std::iter::repeat_n('#', hashes));
    let raw: Result<proc_macro2::Literal, _> = repr.parse();
    match raw.map(syn::Lit::new) {
        Ok(syn::Lit::Str(literal)) => literal,
        // What a raw string cannot hold (a carriage return alone) is escaped.
        _ => syn::LitStr::new(text, Span::call_site()),
    }
}

/// A description from the spec as Markdown that builds and documents cleanly, rendering as
/// written wherever it can:
///
/// - carriage returns become line breaks (rustc refuses a bare CR in a doc comment), tabs
///   become spaces, and other control characters, and those that reorder text (which rustc
///   denies in comments), are written as escapes (`\u{1b}`);
/// - a fenced code block becomes `text` (a Rust one would be compiled as a doctest), one left
///   open is closed, and an indented line that would start an indented code block (a doctest
///   too) loses its extra indentation;
/// - a bare URL becomes an autolink (`<https://...>`, not a `bare_urls` warning);
/// - `[` is escaped unless it starts a link to a URL (`[text](https://...)`): anything else
///   in brackets would be taken for a link to an item, which does not exist;
/// - `<` is escaped unless it starts an autolink: anything else would be an HTML tag, which
///   may be unclosed.
///
/// Code spans are kept as they are.
pub fn description(text: &str) -> String {
    if is_plain(text) {
        text.trim_end().to_owned()
    } else {
        rewrite(text)
    }
}

/// [`description`] for any text, walking it character by character.
fn rewrite(text: &str) -> String {
    let text = plain_characters(text);
    let mut out = String::with_capacity(text.len());
    let mut prose = String::new();
    let mut fence: Option<String> = None;
    for line in text.split('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        match &fence {
            Some(marker) => {
                out.push_str(line);
                out.push('\n');
                if indent < 4
                    && trimmed.trim_end().starts_with(marker.as_str())
                    && trimmed
                        .trim_end()
                        .trim_start_matches(marker.chars().next().unwrap_or('`'))
                        .is_empty()
                {
                    fence = None;
                }
            }
            None if indent < 4 && fence_marker(trimmed).is_some() => {
                out.push_str(&inline(&prose));
                prose.clear();
                let marker = fence_marker(trimmed).unwrap_or_default();
                out.push_str(&line[..indent]);
                out.push_str(&marker);
                out.push_str("text\n");
                fence = Some(marker);
            }
            None => {
                // Four spaces or more after a blank line start an indented code block; three
                // keep a list item's continuation in the item.
                let after_blank = prose.is_empty()
                    || prose.ends_with("\n\n")
                    || prose
                        .trim_end()
                        .rsplit('\n')
                        .next()
                        .is_some_and(|last| last.trim_start().starts_with('#'));
                if indent >= 4 && after_blank {
                    prose.push_str(&line[indent - 3..]);
                } else {
                    prose.push_str(line);
                }
                prose.push('\n');
            }
        }
    }
    out.push_str(&inline(&prose));
    if let Some(marker) = fence {
        out.push_str(&marker);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}

/// Whether [`description`] keeps `text` as it is, but for trailing whitespace: it has none of
/// the characters it rewrites or escapes, no URL and no line indented enough to be code. Most
/// descriptions are plain prose, and rewriting walks each character more than once.
fn is_plain(text: &str) -> bool {
    let rewritten =
        |c: char| matches!(c, '`' | '~' | '<' | '[' | '\\') || (c != '\n' && escaped(c));
    !text.contains(rewritten)
        && !text.contains("http://")
        && !text.contains("https://")
        && !text.starts_with("    ")
        && !text.contains("\n    ")
}

/// CR as a line break, tabs as spaces, and the characters rustc or a terminal would trip on as
/// escapes.
fn plain_characters(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    // Pushed one character at a time into one buffer: descriptions are most of the spec's text.
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            c if escaped(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

/// Whether `c` is written as an escape (`\u{1b}`): a control character, which rustc or a
/// terminal would trip on, or one that reorders text, which rustc denies in comments.
fn escaped(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The fence (three or more backticks or tildes) a line opens, if it opens one.
fn fence_marker(line: &str) -> Option<String> {
    let first = line.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let marker: String = line.chars().take_while(|&c| c == first).collect();
    // An info string of a backtick fence may not hold a backtick.
    let valid = marker.len() >= 3 && (first == '~' || !line[marker.len()..].contains('`'));
    valid.then_some(marker)
}

/// The inline Markdown of `text` (prose, possibly several paragraphs): see [`description`].
fn inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let rest_starts_with = |prefix: &str| {
            prefix
                .chars()
                .enumerate()
                .all(|(k, p)| chars.get(i + k) == Some(&p))
        };
        match c {
            '\\' if chars.get(i + 1).is_some_and(char::is_ascii_punctuation) => {
                out.push(c);
                out.push(chars[i + 1]);
                i += 2;
            }
            '`' => {
                let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                let end = closing_backticks(&chars, i + run, run);
                let until = end.map_or(i + run, |end| end + run);
                out.extend(&chars[i..until]);
                i = until;
            }
            '<' => match autolink(&chars[i + 1..]) {
                Some(len) => {
                    out.extend(&chars[i..i + len + 2]);
                    i += len + 2;
                }
                None => {
                    out.push_str("\\<");
                    i += 1;
                }
            },
            '[' => match url_link(&chars, i) {
                Some(end) => {
                    // The link text may hold a URL or brackets of its own: escaped, not linked.
                    let close = end.0;
                    out.push('[');
                    out.push_str(&inline_in_link(&chars[i + 1..close]));
                    out.extend(&chars[close..end.1]);
                    i = end.1;
                }
                None => {
                    out.push_str("\\[");
                    i += 1;
                }
            },
            'h' if (i == 0 || !chars[i - 1].is_alphanumeric())
                && (rest_starts_with("https://") || rest_starts_with("http://")) =>
            {
                let len = bare_url(&chars[i..]);
                out.push('<');
                out.extend(&chars[i..i + len]);
                out.push('>');
                i += len;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// The text of a link: kept, but for brackets and `<`, which are escaped (rustdoc does not look
/// for bare URLs in a link).
fn inline_in_link(chars: &[char]) -> String {
    let mut out = String::new();
    for &c in chars {
        match c {
            '[' | ']' | '<' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Where the run of exactly `run` backticks closing a code span starts, before the end of the
/// paragraph.
fn closing_backticks(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '\n' && chars.get(i + 1) == Some(&'\n') {
            return None;
        }
        if chars[i] == '`' {
            let len = chars[i..].iter().take_while(|&&c| c == '`').count();
            if len == run {
                return Some(i);
            }
            i += len;
        } else {
            i += 1;
        }
    }
    None
}

/// The length of `https://...` up to the `>` of an autolink, if `chars` (after a `<`) is one.
fn autolink(chars: &[char]) -> Option<usize> {
    let text: String = chars.iter().take(8).collect();
    if !(text.starts_with("https://") || text.starts_with("http://")) {
        return None;
    }
    let len = chars
        .iter()
        .position(|&c| c == '>' || c == '<' || c.is_whitespace())?;
    (chars[len] == '>').then_some(len)
}

/// The length of the bare URL at the start of `chars`, without the punctuation that ends a
/// sentence around it.
fn bare_url(chars: &[char]) -> usize {
    let mut len = chars
        .iter()
        .position(|&c| c.is_whitespace() || matches!(c, '<' | '>' | '`' | '"'))
        .unwrap_or(chars.len());
    while len > 0
        && matches!(
            chars[len - 1],
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '\'' | '*' | '_'
        )
    {
        len -= 1;
    }
    len
}

/// For a `[` at `start` that opens `[text](url)` with a URL (or `#anchor`) destination: the
/// index of its `]` and the index after its `)`. Links of other kinds would be resolved as
/// links to items.
fn url_link(chars: &[char], start: usize) -> Option<(usize, usize)> {
    let mut depth = 0;
    let mut close = None;
    for (offset, &c) in chars[start..].iter().enumerate() {
        let i = start + offset;
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            '\n' if chars.get(i + 1) == Some(&'\n') => return None,
            _ => {}
        }
    }
    let close = close?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let destination: String = chars[close + 2..]
        .iter()
        .take_while(|&&c| c != ')' && !c.is_whitespace())
        .collect();
    let end = close + 2 + destination.chars().count();
    let is_url = ["https://", "http://", "mailto:", "#"]
        .iter()
        .any(|scheme| destination.starts_with(scheme));
    (is_url && chars.get(end) == Some(&')')).then_some((close, end + 1))
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
                && !starts_block(word)
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

/// Whether a line starting with `word` would start a Markdown block (a heading, a quote, a list
/// item, a fence, a heading underline) rather than continue a paragraph: lines are never broken
/// before such a word.
fn starts_block(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    matches!(word, "-" | "+" | "*")
        || word.starts_with(['>', '|'])
        || word.starts_with("```")
        || word.starts_with("~~~")
        || (!word.is_empty() && word.chars().all(|c| c == '#'))
        || (!word.is_empty() && (word.chars().all(|c| c == '=') || word.chars().all(|c| c == '-')))
        || (digits > 0 && matches!(&word[digits..], "." | ")"))
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
    use crate::test_support::every_text;

    /// The attributes built as syntax trees print exactly as the quoted ones.
    #[test]
    fn doc_attributes_print_as_quoted_docs() {
        let text = "A \"quoted\" line with a backslash \\ and a tab\t, long enough to be wrapped \
                    onto a second line by the width limit of the doc comments.\n\n- an item";
        let attrs = doc_attrs(text);
        let built: syn::ItemStruct = syn::parse_quote! { pub struct A; };
        let built = syn::ItemStruct { attrs, ..built };
        let tokens = doc(text);
        let quoted: syn::ItemStruct = syn::parse_quote! { #tokens pub struct A; };
        let print = |item: syn::ItemStruct| {
            prettyplease::unparse(&syn::File {
                shebang: None,
                frontmatter: None,
                attrs: Vec::new(),
                items: vec![syn::Item::Struct(item)],
            })
        };
        assert_eq!(print(built), print(quoted));
        assert!(doc_attrs(text).len() > 2);
    }

    #[test]
    fn raw_strings_hold_what_they_are_given() {
        for text in [
            "plain",
            "",
            "a \"quote\"",
            "\"#",
            "\"## and \"#",
            "tab\t\\",
            "cr\ralone",
            "é\u{202e}",
        ] {
            let literal = raw_string(text);
            assert_eq!(literal.value(), text);
        }
        assert_eq!(raw_string("a \"#b").token().to_string(), "r##\"a \"#b\"##");
        assert_eq!(
            raw_string("cr\ralone").token().to_string(),
            "\"cr\\ralone\""
        );
    }

    #[test]
    fn descriptions_become_markdown_that_documents_cleanly() {
        for (written, expected) in [
            ("a\rb\r\nc", "a\nb\nc"),
            ("a\tb \u{202e} \u{1b}", "a b \\u{202e} \\u{1b}"),
            ("see https://x.com/a.", "see <https://x.com/a>."),
            ("(http://x.com)", "(<http://x.com>)"),
            ("<https://x.com> stays", "<https://x.com> stays"),
            ("[foo] and [`Foo`]", "\\[foo] and \\[`Foo`]"),
            (
                "[a](b) [c](https://x.com) [d](#e)",
                "\\[a](b) [c](https://x.com) [d](#e)",
            ),
            ("[a\nb](https://x.com)", "[a\nb](https://x.com)"),
            (
                "[a [b] <c>](https://x.com)",
                "[a \\[b\\] \\<c>](https://x.com)",
            ),
            ("<b> and 1 < 2", "\\<b> and 1 \\< 2"),
            ("`<b> [c] https://x` kept", "`<b> [c] https://x` kept"),
            ("\\[escaped]", "\\[escaped]"),
            ("```rust\nfn x(\n```", "```text\nfn x(\n```"),
            ("a\n\n~~~~ js\nx\n~~~~", "a\n\n~~~~text\nx\n~~~~"),
            ("open:\n\n```\nnot rust", "open:\n\n```text\nnot rust\n```"),
            ("a\n\n    code", "a\n\n   code"),
            ("# H\n    code", "# H\n   code"),
            ("a\n    continued", "a\n    continued"),
        ] {
            assert_eq!(description(written), expected, "{written:?}");
        }
    }

    /// The texts `description` returns as they are give what rewriting them would.
    #[test]
    fn plain_descriptions_are_what_rewriting_would_make() {
        let plain = [
            "A plain sentence.",
            "Two paragraphs.\n\nThe second, ending in spaces.  \n",
            "- a list\n- of items\n   continued by three spaces",
            "Non-ASCII: é, ß, 漢字; brackets ] and (parentheses); a > b; *emphasis*; # heading",
            "http without a colon, and an h at the end h",
        ];
        for text in plain {
            assert!(is_plain(text), "{text:?}");
            assert_eq!(description(text), rewrite(text), "{text:?}");
        }
        let not_plain = [
            "a `code` span",
            "a [link](https://x.com)",
            "a\n    code block",
            "    code at the start",
            "tab\t",
            "cr\r",
            "see https://x.com",
            "~~~\nfence",
            "1 < 2",
            "back\\slash",
            "\u{202e}bidi",
        ];
        for text in not_plain {
            assert!(!is_plain(text), "{text:?}");
        }
        // Every short text of the characters that shape Markdown blocks (spaces, line breaks,
        // list and heading markers) but that `description` keeps.
        for text in every_text(&['a', ' ', '\n', '#', '-', '>', '1', '.', 'é'], 5) {
            if is_plain(&text) {
                assert_eq!(description(&text), rewrite(&text), "{text:?}");
            }
        }
    }

    /// A wrapped line never starts with what would make it a list item, a heading, a quote or
    /// a fence.
    #[test]
    fn never_breaks_a_line_before_a_block_marker() {
        // 91 characters: the next word does not fit.
        let filler = format!("{}abcdefghijk", "word ".repeat(16));
        assert_eq!(filler.chars().count(), 91);
        for marker in [
            "-", "+", "*", "1.", "12)", "#", "##", ">", "> x", "```", "~~~", "===", "---", "|",
        ] {
            let lines = wrap(&format!("{filler} {marker} after"));
            assert!(
                lines[1..]
                    .iter()
                    .all(|line| !line.trim_start().starts_with(marker)),
                "{marker:?}: {lines:#?}"
            );
        }
        // Another word still wraps there.
        let lines = wrap(&format!("{filler} ok after"));
        assert_eq!(lines[1], " ok after");
    }

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
