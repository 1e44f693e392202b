//! Endpoints: the `{placeholders}` of their paths, and parameters.

use std::collections::BTreeMap;

use super::{Context, Validator};
use crate::diagnostics::Diagnostic;
use crate::names;
use crate::source::Span;
use crate::spec::ast::{EndpointDef, ModuleFile};
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
            let rust = param.rust_name();
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
            self.param_flags(param, "parameter");
        }
    }

    /// Each `{placeholder}` of the path is a path parameter, used once, and each path
    /// parameter is in the path.
    pub(super) fn path(&mut self, def: &EndpointDef) {
        let path = &def.path;
        let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
        for placeholder in path.params() {
            let name = placeholder.value.as_str();
            let span = placeholder.span;
            if let Some(first) = seen.get(name) {
                self.error(
                    Diagnostic::new(
                        span,
                        format!("placeholder `{{{name}}}` appears twice in the path"),
                    )
                    .note(*first, "first used here")
                    .help("each path parameter is used once"),
                );
                continue;
            }
            seen.insert(name, span);
            if !def.path_params.iter().any(|param| param.name.value == name) {
                let mut error = Diagnostic::new(
                    span,
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
                            param.name.value, path.text.value
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
