//! The prose the importer writes: OpenAPI descriptions made Markdown (operation descriptions are
//! HTML), and the fallbacks used where the OpenAPI file says nothing, each of which says so.

/// The Markdown of an OpenAPI description, or `None` when it is empty.
pub fn description(text: &str) -> Option<String> {
    let text = if has_html(text) {
        html_to_markdown(text)
    } else {
        text.trim().to_owned()
    };
    (!text.is_empty()).then_some(text)
}

/// The tags Stripe's descriptions use, which are converted; any other `<...>` is text.
const TAGS: &[&str] = &["p", "code", "a", "strong", "em", "ul", "li", "br", "b", "i"];

fn has_html(text: &str) -> bool {
    text.contains("<p>") || text.contains("<code>") || text.contains("<a href=")
}

/// `<p>`, `<code>`, `<a href>`, `<strong>`, `<em>`, lists and entities as Markdown; HTML's
/// line breaks inside a paragraph become spaces.
fn html_to_markdown(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    // The target of the link being written, emitted at its `</a>`.
    let mut link: Option<String> = None;
    let mut in_code = false;
    while let Some(start) = rest.find('<') {
        push_text(&mut out, &rest[..start], in_code);
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else {
            push_text(&mut out, &rest[start..], in_code);
            rest = "";
            break;
        };
        let tag = &after[..end];
        let closing = tag.starts_with('/');
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if !TAGS.contains(&name.as_str()) {
            // `<currency>` in `metadata[<currency>]` is text.
            push_text(&mut out, &rest[start..start + end + 2], in_code);
            rest = &after[end + 1..];
            continue;
        }
        match (name.as_str(), closing) {
            ("p" | "ul", _) => paragraph_break(&mut out),
            ("li", false) => {
                line_break(&mut out);
                out.push_str("- ");
            }
            ("li", true) => line_break(&mut out),
            ("br", _) => line_break(&mut out),
            ("code", _) => {
                out.push('`');
                in_code = !closing;
            }
            ("strong" | "b", _) => out.push_str("**"),
            ("em" | "i", _) => out.push('*'),
            ("a", false) => {
                link = Some(href(tag));
                out.push('[');
            }
            ("a", true) => {
                let target = link.take().unwrap_or_default();
                out.push_str("](");
                out.push_str(&target);
                out.push(')');
            }
            _ => {}
        }
        rest = &after[end + 1..];
    }
    push_text(&mut out, rest, in_code);
    out.trim().to_owned()
}

/// The `href` of an `<a ...>` tag, made absolute for Stripe's own relative links.
fn href(tag: &str) -> String {
    let target = tag
        .split_once("href=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(target, _)| decode_entities(target))
        .unwrap_or_default();
    if target.starts_with('/') {
        format!("https://stripe.com{target}")
    } else {
        target
    }
}

/// Text between tags: entities decoded, runs of whitespace made one space (except at the start
/// of a line, where there is none).
fn push_text(out: &mut String, text: &str, in_code: bool) {
    let text = decode_entities(text);
    for c in text.chars() {
        if c.is_whitespace() && !in_code {
            if !(out.is_empty() || out.ends_with([' ', '\n'])) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn trim_trailing_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

fn paragraph_break(out: &mut String) {
    trim_trailing_spaces(out);
    if out.is_empty() {
        return;
    }
    while !out.ends_with("\n\n") {
        out.push('\n');
    }
}

fn line_break(out: &mut String) {
    trim_trailing_spaces(out);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// The first line of an imported file.
pub fn file_comment(id: &str, version: &str, external: bool) -> String {
    if external {
        format!(
            "`{id}`, referenced by ID but not imported, from Stripe's OpenAPI spec {version} (written by `cargo xtask import`)."
        )
    } else {
        format!(
            "`{id}`, its nested types and its endpoints, from Stripe's OpenAPI spec {version} (written by `cargo xtask import`)."
        )
    }
}

/// The description of a module the import adds to `api.yaml`.
pub fn module_description(module: &str) -> String {
    if module == super::names::UNPREFIXED {
        "Stripe resources whose names have no product prefix, such as `customer`.".to_owned()
    } else {
        format!("Stripe's `{module}` resources.")
    }
}

/// The description of a union of these components.
pub fn union_description(variants: &[String]) -> String {
    let names: Vec<String> = variants.iter().map(|name| format!("`{name}`")).collect();
    match names.as_slice() {
        [a, b] => format!("One of {a} and {b}, told apart by their `object`."),
        _ => format!("One of {}, told apart by their `object`.", names.join(", ")),
    }
}

/// For a schema without a description.
pub fn fallback_type_description(schema: &str) -> String {
    format!("The `{schema}` object. Stripe's OpenAPI spec does not describe it.")
}

/// For a field or parameter without a description.
pub fn fallback_field_description(wire: &str) -> String {
    format!("The `{wire}` field. Stripe's OpenAPI spec does not describe it.")
}

/// For an inline enum or object whose field has no description.
pub fn fallback_field_type_description(wire: &str, owner: &str) -> String {
    format!("The type of the `{wire}` field of `{owner}`.")
}

/// For an enum value: the OpenAPI file never describes them.
pub fn fallback_value_description(value: &str) -> String {
    if value.is_empty() {
        "The empty string.".to_owned()
    } else {
        format!("The value `{value}`.")
    }
}

/// For an external resource whose schema is not in the file.
pub fn fallback_external_description(object: &str) -> String {
    format!("A Stripe `{object}`, referenced by ID.")
}

/// For an endpoint without a description or summary.
pub fn fallback_endpoint_description(method: &str, path: &str) -> String {
    format!("`{method} {path}`. Stripe's OpenAPI spec does not describe it.")
}

/// The ID prefix an example ID shows: up to and including its first `_`, if that is a
/// well-formed prefix (`cus_`, `fca_`; `US` has none).
pub fn prefix_of_example(id: &str) -> Option<String> {
    let (body, _) = id.split_once('_')?;
    let well_formed = body.starts_with(|c: char| c.is_ascii_lowercase())
        && body
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    well_formed.then(|| format!("{body}_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_operation_html_to_markdown() {
        assert_eq!(
            description("<p>Returns a list of <code>Account</code> objects.</p>").as_deref(),
            Some("Returns a list of `Account` objects.")
        );
        let html = "<p>Updates a <a href=\"/docs/api#x\">link</a>\nacross lines.</p>\n\n<ul>\n<li>One &amp; <strong>two</strong>.</li>\n<li>Three.</li>\n</ul>\n\n<p>Keys like <code>metadata[&lt;key&gt;]</code> and <currency>.</p>";
        assert_eq!(
            description(html).as_deref(),
            Some(
                "Updates a [link](https://stripe.com/docs/api#x) across lines.\n\n- One & **two**.\n- Three.\n\nKeys like `metadata[<key>]` and <currency>."
            )
        );
        assert_eq!(description("  \n "), None);
        assert_eq!(
            description("Markdown stays `as is` when a < b.").as_deref(),
            Some("Markdown stays `as is` when a < b.")
        );
    }

    #[test]
    fn prefixes_from_examples_and_fallbacks() {
        assert_eq!(
            prefix_of_example("cus_LNcxee0bZQFGCg").as_deref(),
            Some("cus_")
        );
        assert_eq!(
            prefix_of_example("sub_sched_1Kgrhe").as_deref(),
            Some("sub_")
        );
        assert_eq!(prefix_of_example("US"), None);
        assert_eq!(prefix_of_example("Z4OV52SU"), None);
    }
}
