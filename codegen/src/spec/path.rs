//! Endpoint paths, parsed once into segments: `/v1/treasury/financial_accounts/{financial_account}`.
//! Later stages read the segments, never the text.

use crate::diagnostics::Diagnostic;
use crate::source::Span;
use crate::spec::ast::{PathSegment, PathTemplate, Text};

const HELP: &str = "paths look like `/v1/treasury/financial_accounts/{financial_account}`";

/// Parses `text`. `span_at(offset, len)` gives the span of `len` characters `offset` characters
/// into the text (the whole text when the YAML was written so that columns are unknown).
pub fn parse(
    text: &Text,
    span_at: impl Fn(usize, usize) -> Span,
) -> Result<PathTemplate, Diagnostic> {
    let path = text.value.as_str();
    let Some(rest) = path.strip_prefix("/v1/") else {
        return Err(Diagnostic::new(
            text.span,
            format!("endpoint path `{path}` does not start with `/v1/`"),
        )
        .help(HELP));
    };
    let chars: Vec<char> = path.chars().collect();
    if let Some(offset) = chars
        .iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || "/_-.{}".contains(c)))
    {
        return Err(Diagnostic::new(
            span_at(offset, 1),
            format!(
                "found `{}` in the endpoint path; expected letters, digits, `/`, `_`, `-`, `.` and `{{placeholders}}`",
                chars[offset].escape_debug()
            ),
        )
        .help(HELP));
    }
    let mut segments = vec![PathSegment::Literal("v1".into())];
    // Character offset of the segment being read; "/v1/" is four characters.
    let mut offset = 4;
    let parts: Vec<&str> = rest.split('/').collect();
    for (index, segment) in parts.iter().enumerate() {
        if segment.is_empty() {
            let (at, len, message) = if index + 1 == parts.len() {
                (offset - 1, 1, "the endpoint path ends with `/`")
            } else {
                (
                    offset - 1,
                    2,
                    "found `//` in the endpoint path; expected one `/` between segments",
                )
            };
            return Err(Diagnostic::new(span_at(at, len), message).help(HELP));
        }
        let len = segment.chars().count();
        segments.push(self::segment(segment, offset, &span_at)?);
        offset += len + 1;
    }
    Ok(PathTemplate {
        text: text.clone(),
        segments,
    })
}

fn segment(
    segment: &str,
    offset: usize,
    span_at: &impl Fn(usize, usize) -> Span,
) -> Result<PathSegment, Diagnostic> {
    let len = segment.chars().count();
    if matches!(segment, "." | "..") {
        return Err(Diagnostic::new(
            span_at(offset, len),
            format!("found the segment `{segment}` in the endpoint path; `.` and `..` would be resolved away before the request is sent"),
        )
        .help(HELP));
    }
    if let Some(position) = segment.find('}')
        && (!segment.starts_with('{') || position + 1 != segment.len())
    {
        let at = segment[..position].chars().count();
        let message = if segment.starts_with('{') {
            "found text after a `{placeholder}` in its path segment"
        } else if segment.contains('{') {
            "found text before a `{placeholder}` in its path segment"
        } else {
            "found `}` without an opening `{` in the endpoint path"
        };
        return Err(Diagnostic::new(span_at(offset + at, 1), message)
            .help("a placeholder is a whole segment, such as `/{account}/`"));
    }
    let Some(inner) = segment.strip_prefix('{') else {
        if let Some(at) = segment.find('{') {
            let at = segment[..at].chars().count();
            return Err(Diagnostic::new(
                span_at(offset + at, 1),
                "found `{` without a closing `}` in the endpoint path",
            )
            .help(HELP));
        }
        return Ok(PathSegment::Literal(segment.to_owned()));
    };
    let Some(name) = inner.strip_suffix('}') else {
        return Err(Diagnostic::new(
            span_at(offset, 1),
            "found `{` without a closing `}` in the endpoint path",
        )
        .help(HELP));
    };
    if name.contains('{') {
        return Err(Diagnostic::new(
            span_at(offset, 1),
            "found `{` without a closing `}` in the endpoint path",
        )
        .help(HELP));
    }
    let span = span_at(offset, len);
    if name.is_empty() {
        return Err(
            Diagnostic::new(span, "found an empty placeholder `{}` in the endpoint path")
                .help("placeholders name a path parameter, such as `{account}`"),
        );
    }
    Ok(PathSegment::Param(Text {
        value: name.to_owned(),
        span,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn text(path: &str) -> Text {
        Text {
            value: path.into(),
            span: Span {
                file: FileId(0),
                line: 3,
                col: 11,
                len: path.chars().count(),
            },
        }
    }

    fn parse_text(path: &str) -> Result<PathTemplate, Diagnostic> {
        let text = text(path);
        let span = text.span;
        parse(&text, |offset, len| span.slice(offset, len))
    }

    #[test]
    fn splits_literals_and_placeholders() {
        let path = parse_text("/v1/accounts/{account}/owners").unwrap();
        let names: Vec<String> = path.params().map(|name| name.value.clone()).collect();
        assert_eq!(names, ["account"]);
        assert_eq!(path.segments.len(), 4);
        assert_eq!(path.segments[1], PathSegment::Literal("accounts".into()));
        let PathSegment::Param(name) = &path.segments[2] else {
            panic!()
        };
        // `{account}` starts 13 characters in.
        assert_eq!((name.span.col, name.span.len), (11 + 13, 9));
    }

    #[test]
    fn refuses_what_would_change_the_endpoint() {
        for (path, message, col) in [
            ("/v2/accounts", "does not start with `/v1/`", 11),
            ("/v1/accounts//x", "found `//`", 11 + 12),
            ("/v1/accounts/", "ends with `/`", 11 + 12),
            ("/v1//accounts", "found `//`", 11 + 3),
            ("/v1/accounts/../balance", "segment `..`", 11 + 13),
            ("/v1/./accounts", "segment `.`", 11 + 4),
            ("/v1/accounts/{account", "without a closing `}`", 11 + 13),
            ("/v1/accounts/account}", "without an opening `{`", 11 + 20),
            ("/v1/accounts/{}", "empty placeholder", 11 + 13),
            ("/v1/accounts/x{account}", "text before", 11 + 22),
            ("/v1/accounts/{account}x", "text after", 11 + 21),
            ("/v1/accounts?x", "found `?`", 11 + 12),
        ] {
            let error = parse_text(path).unwrap_err();
            assert!(error.message.contains(message), "{path}: {}", error.message);
            assert_eq!(error.span.col, col, "{path}");
        }
    }
}
