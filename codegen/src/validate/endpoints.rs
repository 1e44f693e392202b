//! Endpoints: the `{placeholders}` of their paths, and parameters.

use std::collections::BTreeMap;

use super::{Context, Validator};
use crate::diagnostics::Diagnostic;
use crate::names;
use crate::source::Span;
use crate::spec::ast::{EndpointDef, FieldDef, ModuleFile, Role, TypeExpr, TypeRef};
use crate::suggest;
use crate::symbols::TypeDef;

/// The names a generated endpoint function's body uses unqualified, which an argument of the
/// same name would shadow: its own arguments, and the runtime function it percent-encodes path
/// parameters with.
const ENDPOINT_ARGUMENTS: &[&str] = &["client", "params", "path_segment"];

/// Functions of the runtime that generated files import by name, which an endpoint of the same
/// name would clash with.
const RESERVED_FUNCTIONS: &[&str] = &["path_segment"];

impl<'s> Validator<'_, 's> {
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
        if let Some(from) = &def.params_from {
            self.params_from(file, def, from);
        }
    }

    /// `params_from: <ParamObject>` generates `From<ParamObject>` for the endpoint's parameters:
    /// each field of the object is a parameter of the same type and presence, and each other
    /// parameter is optional, so that it can take its default.
    fn params_from(&mut self, file: &'s ModuleFile, def: &'s EndpointDef, from: &'s TypeRef) {
        let endpoint = &def.name.value;
        let TypeExpr::Named(name) = &from.expr else {
            self.error(
                Diagnostic::new(
                    from.span,
                    format!("`params_from` of endpoint `{endpoint}` is not the name of a parameter object"),
                )
                .help("name a type of `param_objects:` with some of the endpoint's parameters as its fields"),
            );
            return;
        };
        let Some(symbol) = self.symbols.resolve(&file.module, name) else {
            // Reported as an unknown type, with suggestions.
            self.type_ref(file, from, Context::Param);
            return;
        };
        let object = match symbol.def {
            TypeDef::Object(object) if object.role == Role::Params && !object.is_exclusive() => {
                object
            }
            _ => {
                self.error(
                    Diagnostic::new(
                        from.span,
                        format!(
                            "`params_from` of endpoint `{endpoint}` is `{}`, which is not a parameter object with fields",
                            name.display()
                        ),
                    )
                    .help("name a type of `param_objects:` (not `exclusive`) whose fields are parameters of this endpoint"),
                );
                return;
            }
        };
        if def.params.is_empty() {
            self.error(
                Diagnostic::new(
                    from.span,
                    format!("`params_from` of endpoint `{endpoint}`, which takes no parameters"),
                )
                .help("remove `params_from`, or declare the parameters under `params`"),
            );
            return;
        }
        let source_module = symbol.module;
        for field in &object.fields {
            let Some(param) = def.params.iter().find(|p| p.name.value == field.name.value) else {
                self.error(
                    Diagnostic::new(
                        from.span,
                        format!(
                            "`{}` has the field `{}`, and endpoint `{endpoint}` has no parameter of that name",
                            name.display(),
                            field.name.value
                        ),
                    )
                    .note(field.name.span, "the field")
                    .help("every field of a `params_from` object must be a parameter of the endpoint"),
                );
                continue;
            };
            let same = self.same_type(source_module, &field.ty.expr, &file.module, &param.ty.expr)
                && presence(field) == presence(param);
            if !same {
                self.error(
                    Diagnostic::new(
                        param.name.span,
                        format!(
                            "parameter `{}` of endpoint `{endpoint}` differs from the field of `{}` it is made from, in its type or in `optional`, `nullable`, `clearable` or `non_empty`",
                            param.name.value,
                            name.display()
                        ),
                    )
                    .note(field.name.span, "the field")
                    .help("give both the same type and flags"),
                );
            }
        }
        for param in &def.params {
            let shared = object
                .fields
                .iter()
                .any(|f| f.name.value == param.name.value);
            if !shared && param.optional.is_none() {
                self.error(
                    Diagnostic::new(
                        param.name.span,
                        format!(
                            "parameter `{}` of endpoint `{endpoint}` is required, and `{}` (its `params_from`) has no field for it",
                            param.name.value,
                            name.display()
                        ),
                    )
                    .help("a parameter made from another object that lacks it takes its default, so it must be optional"),
                );
            }
        }
    }

    /// Whether two type expressions, written in the given modules, are the same type.
    fn same_type(&self, a_module: &str, a: &TypeExpr, b_module: &str, b: &TypeExpr) -> bool {
        use TypeExpr::*;
        let same_name = |x: &crate::spec::ast::NameRef, y: &crate::spec::ast::NameRef| {
            let x_module = x.module.as_deref().unwrap_or(a_module);
            let y_module = y.module.as_deref().unwrap_or(b_module);
            match (
                self.symbols.resolve(a_module, x),
                self.symbols.resolve(b_module, y),
            ) {
                (Some(x), Some(y)) => x.module == y.module && x.def.name() == y.def.name(),
                _ => x_module == y_module && x.name == y.name,
            }
        };
        match (a, b) {
            (Id(x), Id(y))
            | (Named(x), Named(y))
            | (Expandable(x), Expandable(y))
            | (List(x), List(y))
            | (Search(x), Search(y)) => same_name(x, y),
            (Array(x), Array(y)) | (Range(x), Range(y)) => {
                self.same_type(a_module, &x.expr, b_module, &y.expr)
            }
            (Map(xk, x), Map(yk, y)) => {
                xk == yk && self.same_type(a_module, &x.expr, b_module, &y.expr)
            }
            (OneOf(xs), OneOf(ys)) => {
                xs.len() == ys.len()
                    && xs
                        .iter()
                        .zip(ys)
                        .all(|(x, y)| self.same_type(a_module, &x.expr, b_module, &y.expr))
            }
            _ => a == b,
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

/// A field's flags that a parameter made from it must share: `optional`, `nullable`,
/// `clearable` and `non_empty`.
fn presence(field: &FieldDef) -> [bool; 4] {
    [
        field.optional.is_some(),
        field.nullable.is_some(),
        field.clearable.is_some(),
        field.non_empty.is_some(),
    ]
}

#[cfg(test)]
mod tests {
    use crate::test_support::{errors, model};

    /// A widget, a parameter object `Paint` and an endpoint whose `params_from` and parameters
    /// are `endpoint`.
    fn spec(endpoint: &str) -> String {
        format!(
            "
resources:
  Widget:
    object: widget
    id_prefix: wid_
    description: A widget.
    fields:
      id: {{type: id, description: Its ID.}}
param_objects:
  Paint:
    description: A paint job.
    fields:
      color: {{type: string, description: The colour.}}
      coats: {{type: integer, optional: true, description: How many coats.}}
endpoints:
  paint_widget:
    description: Paints a widget.
    method: POST
    path: /v1/widgets/{{widget}}/paint
    path_params:
      widget: {{type: 'id<Widget>', description: The widget.}}
{endpoint}
    returns: Widget
"
        )
    }

    fn messages(endpoint: &str) -> Vec<String> {
        errors(&spec(endpoint))
            .into_iter()
            .map(|error| error.message)
            .collect()
    }

    #[test]
    fn params_from_takes_shared_fields_and_defaults_the_rest() {
        let model = model(&spec(
            "    params_from: Paint
    params:
      color: {type: string, description: The colour.}
      coats: {type: integer, optional: true, description: How many coats.}
      expand: {type: expand, optional: true, description: What to expand.}",
        ));
        let endpoint = crate::test_support::items(&model)
            .iter()
            .find_map(|item| match item {
                crate::model::Item::Endpoint(endpoint) => Some(endpoint),
                _ => None,
            })
            .unwrap();
        let from = endpoint.params_from.as_ref().expect("params_from");
        assert_eq!(from.source.name, "Paint");
        assert_eq!(
            from.fields,
            [
                ("color".to_owned(), Some("color".to_owned())),
                ("coats".to_owned(), Some("coats".to_owned())),
                ("expand".to_owned(), None),
            ]
        );
    }

    #[test]
    fn params_from_must_match_the_parameters() {
        let missing = messages(
            "    params_from: Paint
    params:
      color: {type: string, description: The colour.}",
        );
        assert_eq!(
            missing,
            [
                "`Paint` has the field `coats`, and endpoint `paint_widget` has no parameter of that name"
            ]
        );

        let differs = messages(
            "    params_from: Paint
    params:
      color: {type: string, description: The colour.}
      coats: {type: string, optional: true, description: How many coats.}",
        );
        assert_eq!(differs.len(), 1, "{differs:?}");
        assert!(differs[0].starts_with("parameter `coats` of endpoint `paint_widget` differs"));

        let flags = messages(
            "    params_from: Paint
    params:
      color: {type: string, optional: true, description: The colour.}
      coats: {type: integer, optional: true, description: How many coats.}",
        );
        assert_eq!(flags.len(), 1, "{flags:?}");
        assert!(flags[0].starts_with("parameter `color` of endpoint `paint_widget` differs"));

        let required = messages(
            "    params_from: Paint
    params:
      color: {type: string, description: The colour.}
      coats: {type: integer, optional: true, description: How many coats.}
      shade: {type: string, description: The shade.}",
        );
        assert_eq!(
            required,
            [
                "parameter `shade` of endpoint `paint_widget` is required, and `Paint` (its `params_from`) has no field for it"
            ]
        );
    }

    #[test]
    fn params_from_names_a_parameter_object() {
        let none = messages("    params_from: Paint");
        assert_eq!(
            none,
            ["`params_from` of endpoint `paint_widget`, which takes no parameters"]
        );
        let resource = messages(
            "    params_from: Widget
    params:
      color: {type: string, description: The colour.}",
        );
        assert_eq!(
            resource,
            [
                "`params_from` of endpoint `paint_widget` is `Widget`, which is not a parameter object with fields"
            ]
        );
        let not_a_name = messages(
            "    params_from: array<Paint>
    params:
      color: {type: string, description: The colour.}",
        );
        assert_eq!(
            not_a_name,
            ["`params_from` of endpoint `paint_widget` is not the name of a parameter object"]
        );
        let unknown = messages(
            "    params_from: Pain
    params:
      color: {type: string, description: The colour.}",
        );
        assert_eq!(unknown.len(), 1, "{unknown:?}");
        assert!(unknown[0].contains("Pain"), "{unknown:?}");
    }
}
