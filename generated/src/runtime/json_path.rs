//! Where in a JSON body decoding failed, as a path (`data[1].balance.cash`), found from the
//! position serde_json reports.
//!
//! Decoding through `serde_path_to_error` would give the same path for a value of the wrong
//! type or a missing field (for a key given twice, this names the key rather than its object;
//! keys with `.` or brackets in them are ambiguous in both), but it decodes through a
//! second `Deserializer` type, which doubles the machine code of every model's decoding in the
//! crate: at the scale of Stripe's whole API, a fifth of the build. Instead the body is decoded
//! once, and when that fails, this scans the text up to where serde_json stopped and names the
//! value it was in. The scan is untyped and runs only on failure.

use std::fmt::{self, Write as _};

/// A JSON body that could not be decoded: where, and serde_json's error.
#[derive(Debug)]
pub struct PathError {
    path: String,
    inner: serde_json::Error,
}

impl PathError {
    /// The path to the value that failed in `body`, from the position of `inner`.
    pub(crate) fn new(body: &str, inner: serde_json::Error) -> Self {
        let mut offset = offset(body, inner.line(), inner.column());
        // A syntax error's position is just past the byte that was wrong, which may close the
        // container it is in (`{"c": }`): the path is where that byte is.
        if inner.is_syntax() {
            offset = offset.saturating_sub(1);
        }
        let path = path_at(body, offset);
        Self { path, inner }
    }

    /// The path to the value that failed: `data[1].balance.cash`, `[0].id`, or `.` for the
    /// top level.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// serde_json's error, with its line and column.
    pub fn inner(&self) -> &serde_json::Error {
        &self.inner
    }

    /// serde_json's error.
    pub fn into_inner(self) -> serde_json::Error {
        self.inner
    }
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.inner)
    }
}

impl std::error::Error for PathError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.inner)
    }
}

/// The byte offset of serde_json's 1-based `line` and its `column`, the count of bytes read on
/// that line; the end of `body` if they are past it.
fn offset(body: &str, line: usize, column: usize) -> usize {
    let start = match line {
        0 | 1 => 0,
        line => body
            .match_indices('\n')
            .nth(line - 2)
            .map_or(body.len(), |(at, _)| at + 1),
    };
    (start + column).min(body.len())
}

/// A container the scan is inside.
enum Frame {
    /// An object, with its current key once read.
    Object { key: Option<String> },
    /// An array, at this element.
    Array { index: usize },
}

/// The path to the innermost value being read at byte `offset` of `body`: the keys and
/// indices of the containers open there, in `serde_path_to_error`'s format.
pub(crate) fn path_at(body: &str, offset: usize) -> String {
    let bytes = &body.as_bytes()[..offset.min(body.len())];
    let mut frames: Vec<Frame> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'{' => frames.push(Frame::Object { key: None }),
            b'[' => frames.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                frames.pop();
            }
            b',' => match frames.last_mut() {
                Some(Frame::Object { key }) => *key = None,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                // A string serde_json stopped inside: the error is in it, and a key that is not
                // whole names nothing.
                let Some(end) = string_end(bytes, at) else {
                    break;
                };
                if let Some(Frame::Object { key: key @ None }) = frames.last_mut() {
                    // A key. Bytes, not `str`: where serde_json stopped can be inside a
                    // character (a bad escape before one).
                    let text = &bytes[at..end];
                    *key = Some(serde_json::from_slice::<String>(text).unwrap_or_else(|_| {
                        String::from_utf8_lossy(text).trim_matches('"').to_owned()
                    }));
                }
                at = end;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    let mut path = String::new();
    for frame in &frames {
        match frame {
            Frame::Object { key: Some(key) } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None } => {}
            Frame::Array { index } => {
                let _ = write!(path, "[{index}]");
            }
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

/// The offset just past the string that starts with the `"` at `start`; `None` if it does not
/// close within `bytes`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::{PathError, path_at};

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Balance {
        cash: Option<i64>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Account {
        id: String,
        balance: Balance,
        status: Status,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Status {
        Active,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Page {
        data: Vec<Account>,
    }

    /// The path `PathError` finds for the error of decoding `body` as a `Page`.
    fn path_of(body: &str) -> String {
        let err = serde_json::from_str::<Page>(body).unwrap_err();
        PathError::new(body, err).path().to_owned()
    }

    #[test]
    fn names_the_value_that_failed() {
        let good = r#"{"id": "a", "balance": {"cash": 1}, "status": "active"}"#;
        // A value of the wrong type, pretty-printed on several lines as Stripe sends them.
        let body = format!(
            "{{\n  \"object\": \"list\",\n  \"data\": [\n    {good},\n    {{\n      \"id\": \"b\",\n      \"balance\": {{\"cash\": \"ten\"}},\n      \"status\": \"active\"\n    }}\n  ]\n}}"
        );
        assert_eq!(path_of(&body), "data[1].balance.cash");
        // An enum value Stripe cannot send to a type without `Unknown`.
        let body = format!(
            r#"{{"data": [{good}, {good}, {}]}}"#,
            good.replace("active", "gone")
        );
        assert_eq!(path_of(&body), "data[2].status");
        // A missing field: the object that lacks it.
        let body = r#"{"data": [{"id": "a", "status": "active"}]}"#;
        assert_eq!(path_of(body), "data[0]");
        // Keys with escapes and braces in strings do not confuse the scan.
        let body =
            r#"{"d\u0061ta": [{"id": "{[\"", "balance": {"cash": true}, "status": "active"}]}"#;
        assert_eq!(path_of(body), "data[0].balance.cash");
        // The top level.
        assert_eq!(path_of("[]"), ".");
        assert_eq!(path_of(r#"{"data": 1}"#), "data");
    }

    #[test]
    fn names_where_a_syntax_error_is_and_never_panics() {
        // The error is at the `}` that closes the object, which is still open there.
        assert_eq!(path_of(r#"{"data": [{"id": }]}"#), "data[0].id");
        // A bad escape in a key, stopped inside the character after it.
        let body = "{\"data\": [{\"\\\u{e9}\": 1}]}";
        let err = serde_json::from_str::<Page>(body).unwrap_err();
        assert_eq!(PathError::new(body, err).path(), "data[0]");
        // Every prefix of a body with multi-byte characters.
        let body = r#"{"d\u00e9": ["é", {"ü": "ö\"x"}]}"#;
        for offset in 0..=body.len() + 1 {
            path_at(body, offset);
        }
    }

    #[test]
    fn scans_any_prefix() {
        assert_eq!(path_at(r#"{"a": [1, {"b": "#, 15), "a[1].b");
        assert_eq!(path_at(r#"{"a": "unterminated"#, 100), "a");
        assert_eq!(path_at("", 0), ".");
        assert_eq!(path_at("[[1, 2], [3", 11), "[1][0]");
    }
}
