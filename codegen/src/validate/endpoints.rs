//! Endpoints: methods, paths and their `{placeholders}`, and parameters.

use std::collections::BTreeMap;

use super::{Context, Validator, rust_name};
use crate::diagnostics::Diagnostic;
use crate::names;
use crate::source::Span;
use crate::spec::ast::{EndpointDef, ModuleFile, Text};
use crate::suggest;

/// The names a generated endpoint function's body uses unqualified, which an argument of the
/// same name would shadow: its own arguments, and the runtime function it percent-encodes path
/// parameters with.
const ENDPOINT_ARGUMENTS: &[&str] = &["client", "params", "path_segment"];

/// Functions of the runtime that generated files import by name, which an endpoint of the same
/// name would clash with.
const RESERVED_FUNCTIONS: &[&str] = &["path_segment"];

impl<'s> Validator<'s> {
    pub(super) fn endpoint(&mut self, file: &'s ModuleFile, def: &'s EndpointDef) {
        let name = &def.name;
        if !names::is_snake_name(&name.value) {
            self.error(
                Diagnostic::new(
                    name.span,
                    format!(
                        "endpoint name `{}` is not a snake_case Rust identifier",
                        name.value
                    ),
                )
                .help("endpoint names are function names, such as `retrieve_account`"),
            );
        } else if RESERVED_FUNCTIONS.contains(&name.value.as_str()) {
            self.error(
                Diagnostic::new(
                    name.span,
                    format!(
                        "endpoint name `{}` would clash with the runtime function `{0}`, which generated files import",
                        name.value
                    ),
                )
                .help("choose a more specific name"),
            );
        }
        self.nonempty(&def.description, || format!("endpoint `{}`", name.value));
        if !matches!(def.method.value.as_str(), "GET" | "POST") {
            self.error(Diagnostic::new(
                def.method.span,
                format!(
                    "unknown HTTP method `{}`; expected `GET` or `POST`",
                    def.method.value
                ),
            ));
        }
        self.path(def);
        self.type_ref(file, &def.returns, Context::Returns);

        // Path parameters become function arguments, parameters become struct fields: a name
        // in both would be sent twice.
        let mut arguments = BTreeMap::new();
        for param in &def.path_params {
            self.field_name(param, &name.value, &mut arguments, "path parameter");
            self.nonempty(&param.description, || {
                format!("parameter `{}`", param.name.value)
            });
            self.type_ref(file, &param.ty, Context::PathParam);
            let rust = rust_name(param);
            if let Some(argument) = rust.filter(|rust| ENDPOINT_ARGUMENTS.contains(&rust.as_str()))
            {
                let at = param.rust_name.as_ref().map_or(param.name.span, |r| r.span);
                self.error(
                    Diagnostic::new(
                        at,
                        format!(
                            "path parameter `{}` would be the argument `{argument}`, a name the generated function `{}` already uses",
                            param.name.value, name.value
                        ),
                    )
                    .help("give it a `rust_name` other than `client`, `params` and `path_segment`"),
                );
            }
        }
        let mut fields = BTreeMap::new();
        for param in &def.params {
            if let Some(path_param) = def
                .path_params
                .iter()
                .find(|p| p.name.value == param.name.value)
            {
                self.error(
                    Diagnostic::new(
                        param.name.span,
                        format!("parameter `{}` is declared twice", param.name.value),
                    )
                    .note(path_param.name.span, "also declared as a path parameter"),
                );
            }
            self.field_name(param, &name.value, &mut fields, "parameter");
            self.nonempty(&param.description, || {
                format!("parameter `{}`", param.name.value)
            });
            self.type_ref(file, &param.ty, Context::Param);
            if param.clearable.is_some() && param.optional.is_none() {
                self.error(Diagnostic::new(param.name.span, format!("parameter `{}` is clearable but not optional", param.name.value))
                    .help("add `optional: true`: leaving a clearable parameter out keeps the current value"));
            }
        }
    }

    /// The span of `len` characters `offset` characters into `text`, when the text is written
    /// on one line as it is (plain, or quoted without escapes); otherwise the whole text.
    pub(super) fn inner_span(&self, text: &Text, offset: usize, len: usize) -> Span {
        let file = self.sources.file(text.span.file);
        let Some(line) = file.text.lines().nth(text.span.line.saturating_sub(1)) else {
            return text.span;
        };
        let written: String = line.chars().skip(text.span.col.saturating_sub(1)).collect();
        let quote = if written.starts_with(&text.value) {
            0
        } else if written.starts_with(['"', '\'']) && written[1..].starts_with(&text.value) {
            1
        } else {
            return text.span;
        };
        text.span.slice(quote + offset, len)
    }

    pub(super) fn path(&mut self, def: &EndpointDef) {
        let path = &def.path;
        let help = "paths look like `/v1/treasury/financial_accounts/{financial_account}`";
        if !path.value.starts_with("/v1/") {
            self.error(
                Diagnostic::new(
                    path.span,
                    format!("endpoint path `{}` does not start with `/v1/`", path.value),
                )
                .help(help),
            );
        }
        let chars: Vec<char> = path.value.chars().collect();
        if let Some(offset) = chars
            .iter()
            .position(|&c| !(c.is_ascii_alphanumeric() || "/_-.{}".contains(c)))
        {
            self.error(
                Diagnostic::new(
                    self.inner_span(path, offset, 1),
                    format!(
                        "found `{}` in the endpoint path; expected letters, digits, `/`, `_`, `-`, `.` and `{{placeholders}}`",
                        chars[offset].escape_debug()
                    ),
                )
                .help(help),
            );
            return;
        }
        if let Some((offset, len, message)) = bad_segment(&path.value) {
            self.error(Diagnostic::new(self.inner_span(path, offset, len), message).help(help));
        }
        // (name, span) of each `{placeholder}`.
        let mut placeholders = Vec::new();
        let mut index = 0;
        while index < chars.len() {
            match chars[index] {
                '}' => {
                    self.error(
                        Diagnostic::new(
                            self.inner_span(path, index, 1),
                            "found `}` without an opening `{` in the endpoint path",
                        )
                        .help(help),
                    );
                    return;
                }
                '{' => {
                    let close = chars[index + 1..]
                        .iter()
                        .position(|&c| c == '{' || c == '}')
                        .map(|position| index + 1 + position)
                        .filter(|&close| chars[close] == '}');
                    let Some(close) = close else {
                        self.error(
                            Diagnostic::new(
                                self.inner_span(path, index, 1),
                                "found `{` without a closing `}` in the endpoint path",
                            )
                            .help(help),
                        );
                        return;
                    };
                    let name: String = chars[index + 1..close].iter().collect();
                    let span = self.inner_span(path, index, close - index + 1);
                    if name.is_empty() {
                        self.error(
                            Diagnostic::new(
                                span,
                                "found an empty placeholder `{}` in the endpoint path",
                            )
                            .help("placeholders name a path parameter, such as `{account}`"),
                        );
                    } else {
                        placeholders.push((name, span));
                    }
                    index = close + 1;
                }
                _ => index += 1,
            }
        }
        let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
        for (name, span) in &placeholders {
            if let Some(first) = seen.get(name.as_str()) {
                self.error(
                    Diagnostic::new(
                        *span,
                        format!("placeholder `{{{name}}}` appears twice in the path"),
                    )
                    .note(*first, "first used here")
                    .help("each path parameter is used once"),
                );
                continue;
            }
            seen.insert(name, *span);
            if !def
                .path_params
                .iter()
                .any(|param| &param.name.value == name)
            {
                let mut error = Diagnostic::new(
                    *span,
                    format!("placeholder `{{{name}}}` has no matching entry in `path_params`"),
                );
                let declared = def
                    .path_params
                    .iter()
                    .map(|param| param.name.value.as_str());
                error = match suggest::closest(name, declared) {
                    Some(closest) => error.help(format!(
                        "did you mean `{{{closest}}}`? otherwise declare `{name}` under `path_params`"
                    )),
                    None => error.help(format!("declare `{name}` under `path_params`")),
                };
                self.error(error);
            }
        }
        for param in &def.path_params {
            if !seen.contains_key(param.name.value.as_str()) {
                self.error(
                    Diagnostic::new(
                        param.name.span,
                        format!(
                            "path parameter `{}` does not appear in the path `{}`",
                            param.name.value, path.value
                        ),
                    )
                    .help(format!(
                        "add `{{{}}}` to the path, or move it under `params`",
                        param.name.value
                    )),
                );
            }
        }
    }
}

/// The first segment of `path` that would send the request elsewhere than the path says: `.`
/// and `..` (which HTTP clients resolve away) and empty segments (`//`, a trailing `/`). Gives
/// its offset and length in characters and what is wrong.
fn bad_segment(path: &str) -> Option<(usize, usize, String)> {
    let mut offset = 0;
    let segments: Vec<&str> = path.split('/').collect();
    for (index, segment) in segments.iter().enumerate() {
        let last = index + 1 == segments.len();
        let problem = match *segment {
            // Before the leading `/`.
            "" if index == 0 => None,
            "" if last => Some((offset - 1, 1, "the endpoint path ends with `/`".to_owned())),
            "" => Some((
                offset - 1,
                2,
                "found `//` in the endpoint path; expected one `/` between segments".to_owned(),
            )),
            "." | ".." => Some((
                offset,
                segment.len(),
                format!(
                    "found the segment `{segment}` in the endpoint path; `.` and `..` would be resolved away before the request is sent"
                ),
            )),
            _ => None,
        };
        if problem.is_some() {
            return problem;
        }
        offset += segment.chars().count() + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::bad_segment;

    #[test]
    fn finds_segments_that_change_where_a_request_goes() {
        let found = |path: &str| bad_segment(path).map(|(offset, len, _)| (offset, len));
        assert_eq!(found("/v1/widgets/{widget}"), None);
        assert_eq!(found("/v1/a.b/c..d/.e"), None);
        assert_eq!(found("/v1//widgets"), Some((3, 2)));
        assert_eq!(found("/v1/widgets/"), Some((11, 1)));
        assert_eq!(found("/v1/../widgets"), Some((4, 2)));
        assert_eq!(found("/v1/widgets/./{widget}"), Some((12, 1)));
        assert_eq!(found("//v1"), Some((0, 2)));
    }
}
