//! Stage 2: parse YAML into a tree whose every node knows its line and column.
//!
//! serde_yaml cannot report where a value came from, and every spec error must say, so the tree
//! is built from saphyr-parser's events, which carry spans.

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan};

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

struct Builder {
    file: FileId,
    stack: Vec<Open>,
    root: Option<Node>,
    documents: usize,
}

impl Builder {
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
            Event::Scalar(value, style, _, _) => {
                let plain = style == ScalarStyle::Plain;
                let value = match value {
                    Cow::Borrowed(text) => text.to_owned(),
                    Cow::Owned(text) => text,
                };
                self.push(Node {
                    kind: NodeKind::Scalar { value, plain },
                    span: at,
                });
            }
            Event::SequenceStart(..) => self.open(Open::Seq(at, Vec::new()), at)?,
            Event::MappingStart(..) => self.open(Open::Map(at, Vec::new(), None), at)?,
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

    #[test]
    fn empty_file_is_an_empty_map() {
        assert_eq!(
            parse(FileId(0), "").unwrap().kind,
            NodeKind::Map(Vec::new())
        );
    }
}
