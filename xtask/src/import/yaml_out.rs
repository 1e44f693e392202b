//! Writing YAML scalars the way the hand-written spec files do: plain when that reads back as the
//! same string, `>-` folded and wrapped when a line would be too long, `|-` literal for text with
//! line breaks, and double-quoted with escapes when nothing else can hold the text exactly.

/// Lines are wrapped to fit this width where the style allows.
pub const WIDTH: usize = 100;

/// `key: value` lines for a string value, the key indented by `indent` spaces.
pub fn entry(out: &mut String, indent: usize, key: &str, value: &str) {
    let pad = " ".repeat(indent);
    let key = scalar_key(key);
    let first = format!("{pad}{key}: ");
    if value.contains('\n') {
        if let Some(block) = literal(value, indent + 2) {
            out.push_str(&format!("{pad}{key}: |-\n{block}"));
            return;
        }
        out.push_str(&format!("{first}{}\n", double_quoted(value)));
        return;
    }
    if is_plain(value) {
        if first.chars().count() + value.chars().count() <= WIDTH {
            out.push_str(&format!("{first}{value}\n"));
            return;
        }
        if let Some(block) = folded(value, indent + 2) {
            out.push_str(&format!("{pad}{key}: >-\n{block}"));
            return;
        }
        out.push_str(&format!("{first}{value}\n"));
        return;
    }
    if first.chars().count() + value.chars().count() + 2 > WIDTH
        && let Some(block) = folded(value, indent + 2)
    {
        out.push_str(&format!("{pad}{key}: >-\n{block}"));
        return;
    }
    out.push_str(&format!("{first}{}\n", quoted(value)));
}

/// `key:` opening a nested mapping.
pub fn open(out: &mut String, indent: usize, key: &str) {
    out.push_str(&format!("{}{}:\n", " ".repeat(indent), scalar_key(key)));
}

/// A mapping key: plain when it can be, quoted otherwise.
pub fn scalar_key(key: &str) -> String {
    if is_plain(key) && !key.contains(['<', '>']) {
        key.to_owned()
    } else {
        quoted(key)
    }
}

/// Whether `text` reads back as this very string when written plain on one line.
pub fn is_plain(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if text.trim() != text
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.chars().any(|c| c.is_control())
    {
        return false;
    }
    // Scalars YAML reads as something other than a string.
    let lower = text.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true" | "false" | "null" | "~" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) {
        return false;
    }
    !looks_numeric(text)
}

fn looks_numeric(text: &str) -> bool {
    let digits = text.trim_start_matches(['-', '+']);
    !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '_' | 'e' | 'E' | 'x' | 'o'))
        && digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
}

/// Single-quoted when that holds the text, double-quoted otherwise.
fn quoted(text: &str) -> String {
    if text.chars().any(|c| c.is_control()) {
        double_quoted(text)
    } else {
        format!("'{}'", text.replace('\'', "''"))
    }
}

/// A double-quoted scalar, with escapes.
pub fn double_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A `|-` block body: every line indented; `None` when a literal block cannot hold the text
/// exactly (a first line starting with a space, control characters, trailing line breaks).
fn literal(text: &str, indent: usize) -> Option<String> {
    if text.starts_with([' ', '\t'])
        || text.ends_with('\n')
        || text.starts_with('\n')
        || text.chars().any(|c| c.is_control() && c != '\n')
    {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for line in text.split('\n') {
        if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("{pad}{line}\n"));
        }
    }
    Some(out)
}

/// A `>-` block body wrapping one line of text at single spaces; `None` when folding would not
/// give the text back (leading or trailing spaces, control characters).
fn folded(text: &str, indent: usize) -> Option<String> {
    if text.trim() != text || text.chars().any(|c| c.is_control()) {
        return None;
    }
    let pad = " ".repeat(indent);
    let width = WIDTH.saturating_sub(indent).max(20);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    // Words are separated by single spaces; a run of spaces stays inside one word, since a
    // line break folds back into exactly one space.
    for word in split_single_spaces(text) {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        } else if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&word);
    }
    lines.push(current);
    Some(lines.iter().map(|line| format!("{pad}{line}\n")).collect())
}

/// Splits at spaces that have a non-space on both sides.
fn split_single_spaces(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (index, &c) in chars.iter().enumerate() {
        let single = c == ' '
            && index > 0
            && chars[index - 1] != ' '
            && chars.get(index + 1).is_some_and(|next| *next != ' ');
        if single {
            words.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    words.push(current);
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use codegen::source::FileId;
    use codegen::yaml::{NodeKind, parse};

    /// Writes `value` under `key` and reads it back with the generator's own YAML parser.
    fn round_trip(value: &str) -> String {
        let mut out = String::new();
        entry(&mut out, 4, "description", value);
        let text = format!("root:\n  inner:\n{out}");
        let node = parse(FileId(0), &text).unwrap_or_else(|e| panic!("{text}\n{}", e.message));
        let NodeKind::Map(root) = node.kind else {
            panic!()
        };
        let NodeKind::Map(inner) = &root[0].1.kind else {
            panic!()
        };
        let NodeKind::Map(entries) = &inner[0].1.kind else {
            panic!("{text}")
        };
        match &entries[0].1.kind {
            NodeKind::Scalar { value, .. } => value.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_kind_of_text_reads_back_exactly() {
        let long = "word ".repeat(40).trim_end().to_owned();
        for text in [
            "Plain text.",
            "Has: a colon and a # hash",
            "`code` first",
            "- a dash first",
            "true",
            "42",
            "It's quoted",
            "Two  spaces  inside a long line that must be folded somewhere along its way to the end of it all.",
            long.as_str(),
            "Paragraph one.\n\nParagraph two:\n\n - item\n - item",
            " leading space\nand lines",
            "tab\there",
            "trailing newline\n",
            "",
        ] {
            assert_eq!(round_trip(text), text, "for {text:?}");
        }
    }

    #[test]
    fn long_text_is_folded_like_the_hand_written_files() {
        let mut out = String::new();
        let text = "The account holder that this account belongs to, which is either a customer or a Stripe account, as its type says.";
        entry(&mut out, 4, "description", text);
        assert_eq!(
            out,
            "    description: >-\n      The account holder that this account belongs to, which is either a customer or a Stripe\n      account, as its type says.\n"
        );
        let mut out = String::new();
        entry(&mut out, 6, "type", "expandable<shared::Customer>");
        assert_eq!(out, "      type: expandable<shared::Customer>\n");
    }
}
