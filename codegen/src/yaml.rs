//! Stage 2: parse YAML into a tree whose every node knows its line and column.
//!
//! serde_yaml cannot report where a value came from, and every spec error must say, so the tree
//! is built from saphyr-parser's events, which carry spans.

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan, Tag};

use crate::diagnostics::Diagnostic;
use crate::source::{FileId, Span};

/// Deeper nesting than any spec needs is refused, so hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 32;

/// A YAML node.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What it is.
    pub kind: NodeKind,
    /// Where it starts.
    pub span: Span,
}

/// The kinds of YAML node a spec uses.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// A scalar. `plain` is false for quoted and block scalars, whose text is never a boolean or
    /// null.
    Scalar {
        /// The scalar's value.
        value: String,
        /// Whether it was written without quotes on one line.
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in document order.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// What kind of node this is, for messages ("found a list").
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar { value, plain: true } if is_null(value) => "nothing (null)",
            NodeKind::Scalar { .. } => "a string",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

/// Whether a plain scalar is YAML's null.
pub fn is_null(value: &str) -> bool {
    matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

/// Parses one YAML document. An empty file is an empty mapping.
pub fn parse(file: FileId, text: &str) -> Result<Node, Diagnostic> {
    let mut builder = Builder {
        file,
        text,
        stack: Vec::new(),
        root: None,
        documents: 0,
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|error| {
            let marker = error.marker();
            let at = Span {
                file,
                line: marker.line(),
                col: marker.col() + 1,
                len: 1,
            };
            let diagnostic = Diagnostic::new(at, format!("invalid YAML: {}", error.info()));
            match syntax_help(error.info()) {
                Some(help) => diagnostic.help(help),
                None => diagnostic,
            }
        })?;
        builder.event(event, span)?;
    }
    Ok(builder.root.unwrap_or(Node {
        kind: NodeKind::Map(Vec::new()),
        span: Span::start_of(file),
    }))
}

/// A hint for the YAML mistakes hand-edited specs make, keyed on saphyr's messages.
fn syntax_help(info: &str) -> Option<&'static str> {
    let help = if info.contains("tab") {
        "indent YAML with spaces, not tabs"
    } else if info.contains("mapping values are not allowed") {
        "a value that contains `: ` must be quoted or written as a `>-` block; otherwise check the indentation of this line"
    } else if info.contains("quoted scalar") {
        "close the quote; a quoted value that goes on over several lines indents each of them"
    } else if info.contains("flow sequence") || info.contains("flow mapping") {
        "close the `[` with `]` (or the `{` with `}`), separating items with `,`"
    } else if info.contains("indentation")
        || info.contains("did not find expected key")
        || info.contains("block collection")
    {
        "check the indentation of this line: the keys of one mapping start in the same column"
    } else {
        return None;
    };
    Some(help)
}

enum Open {
    Seq(Span, Vec<Node>),
    Map(Span, Vec<(Node, Node)>, Option<Node>),
}

struct Builder<'t> {
    file: FileId,
    text: &'t str,
    stack: Vec<Open>,
    root: Option<Node>,
    documents: usize,
}

impl Builder<'_> {
    fn span(&self, span: YamlSpan) -> Span {
        let (start, end) = (span.start, span.end);
        let len = if end.line() == start.line() {
            end.col().saturating_sub(start.col())
        } else {
            1
        };
        Span {
            file: self.file,
            line: start.line(),
            col: start.col() + 1,
            len: len.max(1),
        }
    }

    fn event(&mut self, event: Event<'_>, span: YamlSpan) -> Result<(), Diagnostic> {
        let at = self.span(span);
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(Diagnostic::new(
                        at,
                        "found a second YAML document; expected one per file",
                    )
                    .help("remove the `---` separator and merge the documents"));
                }
            }
            Event::Alias(_) => {
                return Err(Diagnostic::new(
                    at,
                    "found a YAML alias; aliases and anchors are not supported",
                )
                .help("write the value out in full"));
            }
            Event::Scalar(value, style, anchor, tag) => {
                self.refuse_anchor(anchor, at)?;
                let value = match value {
                    Cow::Borrowed(text) => text.to_owned(),
                    Cow::Owned(text) => text,
                };
                let plain = match tag
                    .as_deref()
                    .map(|tag| self.core_tag(tag, at))
                    .transpose()?
                {
                    None => style == ScalarStyle::Plain,
                    Some("str") => false,
                    Some(kind @ ("bool" | "null" | "int" | "float")) => {
                        check_tagged(kind, &value, at)?;
                        true
                    }
                    Some(other) => return Err(misplaced_tag(other, "a scalar", at)),
                };
                self.push(Node {
                    kind: NodeKind::Scalar { value, plain },
                    span: at,
                });
            }
            Event::SequenceStart(anchor, tag) => {
                self.refuse_anchor(anchor, at)?;
                self.collection_tag(tag.as_deref(), "seq", "a list", at)?;
                self.open(Open::Seq(at, Vec::new()), at)?;
            }
            Event::MappingStart(anchor, tag) => {
                self.refuse_anchor(anchor, at)?;
                self.collection_tag(tag.as_deref(), "map", "a mapping", at)?;
                self.open(Open::Map(at, Vec::new(), None), at)?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Open::Seq(span, items)) => Node {
                        kind: NodeKind::Seq(items),
                        span,
                    },
                    Some(Open::Map(span, entries, _)) => Node {
                        kind: NodeKind::Map(entries),
                        span,
                    },
                    None => {
                        return Err(Diagnostic::new(
                            at,
                            "invalid YAML: unbalanced end of collection",
                        ));
                    }
                };
                self.push(node);
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
        Ok(())
    }

    /// The format refuses anchors, even those no alias uses: a reader would look for the alias.
    fn refuse_anchor(&self, anchor: usize, at: Span) -> Result<(), Diagnostic> {
        if anchor == 0 {
            return Ok(());
        }
        let written = self.written_at(at);
        Err(Diagnostic::new(
            at.slice(0, written.chars().count()),
            format!("found the YAML anchor `{written}`; anchors and aliases are not supported"),
        )
        .help("remove the anchor and write each value out in full"))
    }

    /// The suffix of a core-schema tag (`str` for `!!str`); any other tag is refused.
    fn core_tag<'a>(&self, tag: &'a Tag, at: Span) -> Result<&'a str, Diagnostic> {
        const CORE: &str = "tag:yaml.org,2002:";
        let suffix = if tag.is_yaml_core_schema() {
            Some(tag.suffix.as_str())
        } else if tag.handle.is_empty() {
            tag.suffix.strip_prefix(CORE)
        } else {
            None
        };
        match suffix {
            Some(suffix @ ("str" | "bool" | "null" | "int" | "float" | "map" | "seq")) => {
                Ok(suffix)
            }
            _ => {
                let written = self.written_at(at);
                Err(Diagnostic::new(
                    at.slice(0, written.chars().count()),
                    format!("found the YAML tag `{written}`, which the spec does not use"),
                )
                .help("remove the tag; the core tags `!!str`, `!!bool`, `!!int`, `!!float`, `!!null`, `!!map` and `!!seq` are accepted"))
            }
        }
    }

    fn collection_tag(
        &self,
        tag: Option<&Tag>,
        expected: &str,
        what: &str,
        at: Span,
    ) -> Result<(), Diagnostic> {
        match tag.map(|tag| self.core_tag(tag, at)).transpose()? {
            Some(suffix) if suffix != expected => Err(misplaced_tag(suffix, what, at)),
            _ => Ok(()),
        }
    }

    /// The anchor or tag written at `at`: its characters up to the first space.
    fn written_at(&self, at: Span) -> String {
        let line = self
            .text
            .lines()
            .nth(at.line.saturating_sub(1))
            .unwrap_or("");
        let word: String = line
            .chars()
            .skip(at.col.saturating_sub(1))
            .take_while(|c| !c.is_whitespace())
            .take(80)
            .collect();
        if word.is_empty() { "?".into() } else { word }
    }

    fn open(&mut self, collection: Open, at: Span) -> Result<(), Diagnostic> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(Diagnostic::new(
                at,
                format!("YAML nested deeper than {MAX_DEPTH} levels"),
            ));
        }
        self.stack.push(collection);
        Ok(())
    }

    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::Seq(_, items)) => items.push(node),
            Some(Open::Map(_, entries, pending_key)) => match pending_key.take() {
                None => *pending_key = Some(node),
                Some(key) => entries.push((key, node)),
            },
        }
    }
}

/// A scalar tagged `!!bool`, `!!null`, `!!int` or `!!float` must be one.
fn check_tagged(kind: &str, value: &str, at: Span) -> Result<(), Diagnostic> {
    let valid = match kind {
        "bool" => matches!(value, "true" | "false"),
        "null" => is_null(value),
        "int" => value.parse::<i64>().is_ok(),
        _ => value.parse::<f64>().is_ok(),
    };
    if valid {
        return Ok(());
    }
    Err(Diagnostic::new(
        at,
        format!("found `{value}` tagged `!!{kind}`, which it is not"),
    )
    .help("remove the tag, or write a value of that type"))
}

fn misplaced_tag(suffix: &str, what: &str, at: Span) -> Diagnostic {
    Diagnostic::new(at, format!("found the tag `!!{suffix}` on {what}")).help("remove the tag")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(node: &Node) -> &str {
        match &node.kind {
            NodeKind::Scalar { value, .. } => value,
            other => panic!("expected a scalar, found {other:?}"),
        }
    }

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let node = parse(FileId(0), "a: 1\nfields:\n  nulable: true\n").unwrap();
        let NodeKind::Map(entries) = &node.kind else {
            panic!("expected a map")
        };
        let (key, value) = &entries[1];
        assert_eq!(scalar(key), "fields");
        let NodeKind::Map(inner) = &value.kind else {
            panic!("expected a map")
        };
        let (key, value) = &inner[0];
        assert_eq!((key.span.line, key.span.col, key.span.len), (3, 3, 7));
        assert_eq!((value.span.line, value.span.col), (3, 12));
    }

    #[test]
    fn reports_syntax_errors_with_position() {
        let error = parse(FileId(0), "a: [1, 2\nb: 3\n").unwrap_err();
        assert!(
            error.message.starts_with("invalid YAML"),
            "{}",
            error.message
        );
        assert!(error.span.line >= 1);
    }

    #[test]
    fn refuses_aliases_and_deep_nesting() {
        assert!(
            parse(FileId(0), "a: &x 1\nb: *x\n")
                .unwrap_err()
                .message
                .contains("alias")
        );
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(
            parse(FileId(0), &deep)
                .unwrap_err()
                .message
                .contains("deeper")
        );
    }

    fn scalar_of(text: &str) -> NodeKind {
        let node = parse(FileId(0), text).unwrap();
        let NodeKind::Map(mut entries) = node.kind else {
            panic!("expected a map")
        };
        entries.remove(0).1.kind
    }

    #[test]
    fn core_tags_decide_what_a_scalar_is() {
        let string = |value: &str| NodeKind::Scalar {
            value: value.into(),
            plain: false,
        };
        let plain = |value: &str| NodeKind::Scalar {
            value: value.into(),
            plain: true,
        };
        assert_eq!(scalar_of("a: !!str true\n"), string("true"));
        assert_eq!(
            scalar_of("a: !<tag:yaml.org,2002:str> null\n"),
            string("null")
        );
        assert_eq!(scalar_of("a: !!bool \"true\"\n"), plain("true"));
        assert_eq!(scalar_of("a: !!null\n"), plain(""));
        assert_eq!(scalar_of("a: true\n"), plain("true"));
        assert!(matches!(scalar_of("a: !!map {}\n"), NodeKind::Map(_)));
    }

    #[test]
    fn refuses_other_tags_and_misused_core_tags() {
        for (text, expected) in [
            ("a: !foo bar\n", "found the YAML tag `!foo`"),
            ("a: !!binary aGk=\n", "found the YAML tag `!!binary`"),
            (
                "a: !<tag:example.com:x> y\n",
                "found the YAML tag `!<tag:example.com:x>`",
            ),
            ("a: !!bool yes\n", "found `yes` tagged `!!bool`"),
            ("a: !!int x\n", "found `x` tagged `!!int`"),
            ("a: !!map x\n", "found the tag `!!map` on a scalar"),
            ("a: !!seq {}\n", "found the tag `!!seq` on a mapping"),
            ("!foo\na: 1\n", "found the YAML tag `!foo`"),
        ] {
            let error = parse(FileId(0), text).unwrap_err();
            assert!(
                error.message.contains(expected),
                "{text:?}: {}",
                error.message
            );
        }
    }

    #[test]
    fn refuses_anchors_even_without_an_alias() {
        for (text, col) in [
            ("a: &x 1\n", 4),
            ("a: &list\n  - 1\n", 4),
            ("a: &m {b: 1}\n", 4),
        ] {
            let error = parse(FileId(0), text).unwrap_err();
            assert!(
                error.message.contains("anchor `&"),
                "{text:?}: {}",
                error.message
            );
            assert_eq!(error.span.col, col, "{text:?}");
        }
    }

    #[test]
    fn empty_file_is_an_empty_map() {
        assert_eq!(
            parse(FileId(0), "").unwrap().kind,
            NodeKind::Map(Vec::new())
        );
    }
}
