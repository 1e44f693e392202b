//! Type expressions: references that resolve, types allowed where they are used, and structs that
//! would contain themselves.

use std::collections::BTreeSet;

use super::{Context, Validator, article};
use crate::diagnostics::Diagnostic;
use crate::spec::ast::{Def, FieldDef, ModuleFile, NameRef, Role, Spec, TypeExpr, TypeRef};
use crate::suggest;
use crate::symbols::{Symbol, TypeDef};

impl<'s> Validator<'_, 's> {
    pub(super) fn resolve(&mut self, file: &ModuleFile, name: &NameRef) -> Option<Symbol<'s>> {
        if let Some(symbol) = self.symbols.resolve(&file.module, name) {
            return Some(symbol);
        }
        let module = name.module.as_deref().unwrap_or(&file.module);
        if self.unreadable.modules.contains(module) {
            // It may be defined in the file that could not be read, whose error is reported.
            return None;
        }
        if name.module.is_some() && !self.modules.contains(module) {
            let mut error = Diagnostic::new(
                name.span,
                format!("undefined module `{module}` in `{}`", name.display()),
            );
            if let Some(closest) = suggest::closest(module, self.modules.iter().copied()) {
                error = error.help(format!("did you mean `{closest}::{}`?", name.name));
            }
            self.error(error);
            return None;
        }
        let mut error = Diagnostic::new(
            name.span,
            format!(
                "undefined type `{}`; expected a type defined in module `{module}`",
                name.display()
            ),
        );
        let builtin = crate::spec::types::BUILTINS
            .iter()
            .copied()
            .find(|builtin| builtin.eq_ignore_ascii_case(&name.name));
        if let (Some(builtin), None) = (builtin, &name.module) {
            error = error.help(format!("did you mean the built-in type `{builtin}`?"));
        } else if let Some(closest) = suggest::closest(&name.name, self.symbols.names_in(module)) {
            error = error.help(format!("did you mean `{closest}`?"));
        } else if let Some(elsewhere) = self
            .defined_in
            .get(name.name.as_str())
            .and_then(|modules| modules.iter().find(|m| **m != module))
        {
            error = error.help(format!(
                "`{0}` is defined in module `{elsewhere}`: write `{elsewhere}::{0}`",
                name.name
            ));
        } else if let Some(other) = self
            .modules
            .iter()
            .find(|other| **other != module && name.module.is_none())
        {
            error = error.help(format!(
                "types of other modules are written with their module, like `{other}::{}`",
                name.name
            ));
        }
        self.error(error);
        None
    }

    pub(super) fn type_ref(&mut self, file: &'s ModuleFile, ty: &TypeRef, context: Context<'s>) {
        let in_params = matches!(context, Context::Param | Context::ParamField);
        let in_fields = matches!(context, Context::Field(_));
        let forbidden = |what: &str, allowed: &str| {
            Diagnostic::new(ty.span, format!("{what} is allowed only {allowed}"))
        };
        match &ty.expr {
            TypeExpr::String
            | TypeExpr::Integer
            | TypeExpr::Boolean
            | TypeExpr::Timestamp
            | TypeExpr::Currency
            | TypeExpr::Number => {}
            TypeExpr::Deleted => {
                if !in_fields {
                    self.error(
                        forbidden("`deleted`", "in the fields of an object")
                            .help("`deleted` marks the deleted form of a resource"),
                    );
                }
            }
            TypeExpr::Json => {
                if !in_fields {
                    self.error(
                        forbidden("`json`", "in the fields of an object").help(
                            "parameters are form encoded: describe them with types and objects",
                        ),
                    );
                }
            }
            TypeExpr::OwnId => {
                if !matches!(context, Context::Field(def) if def.is_resource()) {
                    self.error(
                        forbidden("`id`", "in the fields of a resource")
                            .help("to refer to another resource's ID, write `id<Resource>`"),
                    );
                }
            }
            TypeExpr::ObjectTag => match context {
                Context::Field(def) if def.object.is_some() => {}
                Context::Field(def) => self.error(
                    Diagnostic::new(
                        ty.span,
                        format!("`object_tag` needs `object:` on `{}`", def.name.value),
                    )
                    .help(
                        "add the API's object name, such as `object: treasury.financial_account`",
                    ),
                ),
                _ => self.error(forbidden("`object_tag`", "in the fields of an object")),
            },
            TypeExpr::Expand => {
                if !matches!(context, Context::Param) {
                    self.error(forbidden("`expand`", "as an endpoint parameter"));
                }
            }
            TypeExpr::Range(inner) => {
                if !in_params {
                    self.error(forbidden("`range<T>`", "in parameters"));
                }
                self.type_ref(file, inner, context);
            }
            TypeExpr::Array(inner) => {
                if matches!(context, Context::PathParam | Context::Returns) {
                    self.error(Diagnostic::new(ty.span, "an array is not allowed here"));
                }
                self.type_ref(file, inner, context);
            }
            TypeExpr::Map(_, inner) => {
                if matches!(context, Context::PathParam | Context::Returns) {
                    self.error(Diagnostic::new(ty.span, "a map is not allowed here"));
                }
                self.type_ref(file, inner, context);
            }
            TypeExpr::Id(name) => {
                if let Some(symbol) = self.resolve(file, name)
                    && !symbol.def.has_id()
                {
                    self.error(
                        Diagnostic::new(
                            name.span,
                            format!(
                                "`{}` is {} {}, which has no ID",
                                name.display(),
                                article(symbol.def.kind()),
                                symbol.def.kind()
                            ),
                        )
                        .help("`id<...>` takes a resource or an external resource"),
                    );
                }
            }
            TypeExpr::Expandable(name) => {
                if !in_fields {
                    self.error(forbidden("`expandable<T>`", "in the fields of an object"));
                }
                if let Some(symbol) = self.resolve(file, name) {
                    let expandable = match symbol.def {
                        TypeDef::Union(union) => union.variants.iter().all(|variant| {
                            self.symbols
                                .resolve(symbol.module, variant)
                                .is_none_or(|variant| variant.def.carries_id())
                        }),
                        def => def.has_id(),
                    };
                    if !expandable {
                        self.error(
                            Diagnostic::new(
                                name.span,
                                format!(
                                    "`{}` is {} {}; only resources (or unions of them) can be expandable",
                                    name.display(),
                                    article(symbol.def.kind()),
                                    symbol.def.kind()
                                ),
                            )
                            .help("an expandable field is an ID until expanded, so its type needs IDs"),
                        );
                    }
                }
            }
            TypeExpr::List(name) | TypeExpr::Search(name) => {
                let (word, allowed, place) = match &ty.expr {
                    TypeExpr::List(_) => (
                        "list",
                        in_fields || matches!(context, Context::Returns),
                        "in responses",
                    ),
                    _ => (
                        "search",
                        matches!(context, Context::Returns),
                        "as what an endpoint returns",
                    ),
                };
                if !allowed {
                    self.error(forbidden(&format!("`{word}<T>`"), place));
                }
                if let Some(symbol) = self.resolve(file, name)
                    && !is_response_type(symbol.def)
                {
                    self.error(Diagnostic::new(
                        name.span,
                        format!(
                            "`{word}<...>` takes an object, resource or union; `{}` is {} {}",
                            name.display(),
                            article(symbol.def.kind()),
                            symbol.def.kind()
                        ),
                    ));
                }
            }
            TypeExpr::Named(name) => {
                let Some(symbol) = self.resolve(file, name) else {
                    return;
                };
                self.named(name, symbol, context);
            }
            // Decoding replaces these with the definitions it names after the field.
            TypeExpr::OneOf(_) | TypeExpr::Inline(_) => {}
        }
        if matches!(context, Context::PathParam)
            && !matches!(ty.expr, TypeExpr::String | TypeExpr::Id(_))
        {
            self.error(Diagnostic::new(
                ty.span,
                "path parameters are `string` or `id<Resource>`",
            ));
        }
        if matches!(context, Context::Returns)
            && !matches!(
                ty.expr,
                TypeExpr::Named(_) | TypeExpr::List(_) | TypeExpr::Search(_)
            )
        {
            self.error(Diagnostic::new(
                ty.span,
                "an endpoint returns an object, a resource, a union, `list<T>` or `search<T>`",
            ));
        }
    }

    /// A type name used in `context`: each kind of definition has its places.
    fn named(&mut self, name: &NameRef, symbol: Symbol<'s>, context: Context<'s>) {
        let in_params = matches!(context, Context::Param | Context::ParamField);
        let problem = match (symbol.def, context) {
            (TypeDef::External(_), _) => {
                self.error(
                    Diagnostic::new(
                        name.span,
                        format!(
                            "external resource `{}` has no fields to decode",
                            name.display()
                        ),
                    )
                    .help(format!(
                        "write `id<{0}>` or `expandable<{0}>`",
                        name.display()
                    )),
                );
                return;
            }
            // Reported by `type_ref`.
            (_, Context::PathParam) => None,
            (TypeDef::Enum(_), Context::Returns) => {
                Some("an endpoint returns an object, a resource or a union".to_owned())
            }
            (TypeDef::Object(def), _) if in_params && def.role != Role::Params => Some(format!(
                "{} `{}` is decoded from responses and cannot be sent as a parameter",
                symbol.def.kind(),
                name.display()
            )),
            (TypeDef::Object(def), _) if !in_params && def.role == Role::Params => Some(format!(
                "parameter object `{}` is sent in requests and cannot appear in a response",
                name.display()
            )),
            (TypeDef::Union(_), _) if in_params => Some(format!(
                "union `{}` is decoded from responses; a parameter of one of several types is a `one_of<...>`",
                name.display()
            )),
            (TypeDef::OneOf(_), _) if !in_params => Some(format!(
                "`{}` is a `one_of` parameter type and cannot appear in a response",
                name.display()
            )),
            _ => None,
        };
        if let Some(problem) = problem {
            let mut error = Diagnostic::new(name.span, problem);
            if let TypeDef::Object(def) = symbol.def {
                error = error.note(
                    def.name.span,
                    format!("`{}` is defined here", name.display()),
                );
                if in_params {
                    error = error.help(
                        "describe parameters under `param_objects:`, or inline with `type: object`",
                    );
                }
            }
            self.error(error);
        }
    }

    /// A struct that contains itself without indirection (a `Vec`, a map, an `Expandable`) would
    /// have infinite size, also through a `one_of`, whose variants hold their values inline.
    pub(super) fn recursion(&mut self, spec: &'s Spec) {
        for file in &spec.files {
            for item in &file.items {
                let Def::Object(def) = item else { continue };
                let mut stack = vec![(file.module.as_str(), TypeDef::Object(def))];
                let mut seen = BTreeSet::new();
                while let Some((module, holder)) = stack.pop() {
                    if !seen.insert((module, holder.name())) {
                        continue;
                    }
                    // What `holder` holds by value: where, the type's name, and the field (none
                    // for a `one_of`'s variants).
                    let held: Vec<(&TypeRef, &NameRef, Option<&FieldDef>)> = match holder {
                        TypeDef::Object(object) => object
                            .fields
                            .iter()
                            .filter(|field| field.boxed.is_none())
                            .filter_map(|field| match &field.ty.expr {
                                TypeExpr::Named(name) => Some((&field.ty, name, Some(field))),
                                _ => None,
                            })
                            .collect(),
                        TypeDef::OneOf(one_of) => one_of
                            .variants
                            .iter()
                            .filter_map(|variant| match &variant.expr {
                                TypeExpr::Named(name) => Some((variant, name, None)),
                                _ => None,
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    for (ty, name, field) in held {
                        let Some(Symbol {
                            module: target_module,
                            def: target,
                            ..
                        }) = self.symbols.resolve(module, name)
                        else {
                            continue;
                        };
                        if let TypeDef::Object(target) = target
                            && std::ptr::eq(target, def)
                        {
                            let through = match field {
                                Some(field) => {
                                    format!("field `{}` of `{}`", field.name.value, holder.name())
                                }
                                None => format!(
                                    "the `one_of` `{}`, which holds a `{}` inline",
                                    holder.name(),
                                    name.name
                                ),
                            };
                            let mut error = Diagnostic::new(
                                ty.span,
                                format!(
                                    "`{}` contains itself through {through}, so it would have infinite size",
                                    def.name.value
                                ),
                            );
                            if !matches!(holder, TypeDef::Object(object) if std::ptr::eq(object, def))
                            {
                                error = error.note(
                                    def.name.span,
                                    format!("`{}` is defined here", def.name.value),
                                );
                            }
                            self.error(error.help(if def.role == Role::Params {
                                "a parameter object cannot contain itself by value; use `array<...>`"
                            } else {
                                "a struct cannot contain itself by value: add `boxed: true` to a field on the way"
                            }));
                            continue;
                        }
                        if matches!(target, TypeDef::Object(_) | TypeDef::OneOf(_)) {
                            stack.push((target_module, target));
                        }
                    }
                }
            }
        }
    }
}

/// Whether `def` can be decoded from a response as a whole object: `list<T>`, `search<T>`.
fn is_response_type(def: TypeDef<'_>) -> bool {
    match def {
        TypeDef::Object(def) => def.role != Role::Params,
        TypeDef::Union(_) => true,
        _ => false,
    }
}
