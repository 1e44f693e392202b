//! Type expressions: references that resolve, types allowed where they are used, and structs that
//! would contain themselves.

use std::collections::BTreeSet;

use super::{Context, Validator, article};
use crate::diagnostics::Diagnostic;
use crate::source::Span;
use crate::spec::ast::{Def, ModuleFile, NameRef, ObjectDef, Spec, TypeExpr, TypeRef};
use crate::suggest;
use crate::symbols::{Symbol, TypeDef};

impl<'s> Validator<'s> {
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
        let in_params = matches!(context, Context::Param);
        let forbidden = |what: &str, allowed: &str| {
            Diagnostic::new(ty.span, format!("{what} is allowed only {allowed}"))
        };
        match &ty.expr {
            TypeExpr::String
            | TypeExpr::Integer
            | TypeExpr::Boolean
            | TypeExpr::Timestamp
            | TypeExpr::Currency => {}
            TypeExpr::OwnId => {
                if !matches!(context, Context::Field(def) if def.is_resource) {
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
                if !in_params {
                    self.error(forbidden("`expand`", "as an endpoint parameter"));
                }
            }
            TypeExpr::Range(inner) => {
                if !in_params {
                    self.error(forbidden("`range<T>`", "as an endpoint parameter"));
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
                if in_params || matches!(context, Context::PathParam | Context::Returns) {
                    self.error(forbidden("`expandable<T>`", "in the fields of an object"));
                }
                if let Some(symbol) = self.resolve(file, name)
                    && !symbol.def.has_id()
                {
                    self.error(Diagnostic::new(
                        name.span,
                        format!(
                            "`{}` is {} {}; only resources can be expandable",
                            name.display(),
                            article(symbol.def.kind()),
                            symbol.def.kind()
                        ),
                    ));
                }
            }
            TypeExpr::List(name) => {
                if in_params || matches!(context, Context::PathParam) {
                    self.error(forbidden("`list<T>`", "in responses"));
                }
                if let Some(symbol) = self.resolve(file, name)
                    && !matches!(symbol.def, TypeDef::Object(_))
                {
                    self.error(Diagnostic::new(
                        name.span,
                        format!(
                            "`list<...>` takes an object or resource; `{}` is {} {}",
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
                match (symbol.def, context) {
                    (TypeDef::External(_), _) => self.error(
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
                    ),
                    (TypeDef::Enum(_), Context::Returns) => self.error(Diagnostic::new(
                        name.span,
                        "an endpoint returns an object or a list",
                    )),
                    (TypeDef::Object(_), Context::PathParam)
                    | (TypeDef::Enum(_), Context::PathParam) => {
                        self.error(Diagnostic::new(
                            name.span,
                            "path parameters are `string` or `id<Resource>`",
                        ));
                    }
                    (TypeDef::Object(object), Context::Param) => {
                        self.param_object(symbol.module, object, name.span)
                    }
                    _ => {}
                }
            }
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
            && !matches!(ty.expr, TypeExpr::Named(_) | TypeExpr::List(_))
        {
            self.error(Diagnostic::new(
                ty.span,
                "an endpoint returns an object, a resource, or `list<T>`",
            ));
        }
    }

    /// An object used as a parameter can only contain what form encoding can send.
    pub(super) fn param_object(&mut self, module: &str, object: &ObjectDef, used_at: Span) {
        let mut seen = BTreeSet::new();
        let mut stack = vec![(module.to_owned(), object)];
        while let Some((module, object)) = stack.pop() {
            if !seen.insert((module.clone(), object.name.value.clone())) {
                continue;
            }
            for field in &object.fields {
                let problem = if field.nullable.is_some() {
                    Some("is nullable")
                } else if field.requires_expand.is_some() {
                    Some("requires expand")
                } else {
                    response_only(&field.ty.expr)
                };
                if let Some(problem) = problem {
                    self.error(
                        Diagnostic::new(
                            used_at,
                            format!(
                                "object `{}` is used as a parameter, but its field `{}` {problem}",
                                object.name.value, field.name.value
                            ),
                        )
                        .note(field.name.span, "the field"),
                    );
                }
                let mut inner = &field.ty.expr;
                while let TypeExpr::Array(element) | TypeExpr::Map(_, element) = inner {
                    inner = &element.expr;
                }
                if let TypeExpr::Named(name) = inner
                    && let Some(Symbol {
                        module,
                        def: TypeDef::Object(def),
                        ..
                    }) = self.symbols.resolve(&module, name)
                {
                    stack.push((module.to_owned(), def));
                }
            }
        }
    }

    /// A struct that contains itself without indirection (a `Vec`, a map, an `Expandable`) would
    /// have infinite size.
    pub(super) fn recursion(&mut self, spec: &'s Spec) {
        for file in &spec.files {
            for item in &file.items {
                let Def::Object(def) = item else { continue };
                let mut stack = vec![(file.module.as_str(), def)];
                let mut seen = BTreeSet::new();
                while let Some((module, object)) = stack.pop() {
                    if !seen.insert((module, object.name.value.as_str())) {
                        continue;
                    }
                    for field in &object.fields {
                        let TypeExpr::Named(name) = &field.ty.expr else {
                            continue;
                        };
                        let Some(Symbol {
                            module: target_module,
                            def: TypeDef::Object(target),
                            ..
                        }) = self.symbols.resolve(module, name)
                        else {
                            continue;
                        };
                        if std::ptr::eq(target, def) {
                            let mut error = Diagnostic::new(
                                field.ty.span,
                                format!(
                                    "`{}` contains itself through field `{}` of `{}`, so it would have infinite size",
                                    def.name.value, field.name.value, object.name.value
                                ),
                            );
                            if !std::ptr::eq(object, def) {
                                error = error.note(
                                    def.name.span,
                                    format!("`{}` is defined here", def.name.value),
                                );
                            }
                            self.error(error.help(
                                "a struct cannot contain itself; use `array<...>` or `expandable<...>`",
                            ));
                            continue;
                        }
                        stack.push((target_module, target));
                    }
                }
            }
        }
    }
}

/// Why a type cannot be sent as a parameter, if it cannot.
fn response_only(ty: &TypeExpr) -> Option<&'static str> {
    match ty {
        TypeExpr::ObjectTag => Some("is an `object_tag`"),
        TypeExpr::Expandable(_) => Some("is `expandable`"),
        TypeExpr::List(_) => Some("is a `list`"),
        TypeExpr::OwnId => Some("is an `id`"),
        TypeExpr::Array(inner) | TypeExpr::Map(_, inner) | TypeExpr::Range(inner) => {
            response_only(&inner.expr)
        }
        _ => None,
    }
}
