//! Resources and objects: their `object` tags, IDs and fields.

use std::collections::BTreeMap;

use super::{Context, Validator};
use crate::diagnostics::Diagnostic;
use crate::names;
use crate::spec::ast::{ModuleFile, ObjectDef, Role, TypeExpr};

impl<'s> Validator<'s> {
    pub(super) fn object(&mut self, file: &'s ModuleFile, def: &'s ObjectDef) {
        self.type_name(&def.name);
        self.nonempty(&def.description, || format!("`{}`", def.name.value));
        if let Some(prefix) = &def.id_prefix {
            self.id_prefix(prefix);
        }
        if let Some(object) = &def.object {
            if object.value.trim().is_empty() {
                self.error(Diagnostic::new(object.span, "the object name is empty"));
            }
        } else if let Some(alias) = def.object_aliases.first() {
            self.error(
                Diagnostic::new(
                    alias.wire.span,
                    format!("`{}` has object aliases but no `object`", def.name.value),
                )
                .help("add `object:` with the API's object name"),
            );
        }
        // `object` and its aliases become the variants of `<Name>Object`.
        let mut first = None;
        if let Some(object) = def.object.as_ref().filter(|o| !o.value.trim().is_empty()) {
            match names::variant_name(&object.value) {
                Some(variant) if variant == "Unknown" => self.error(
                    Diagnostic::new(object.span, format!("the object name `{}` becomes the variant `Unknown` of `{}`, which every enum uses for values it does not know", object.value, names::object_enum(&def.name.value)))
                        .help("object names look like `financial_connections.account`"),
                ),
                Some(variant) => first = Some((variant, object)),
                None => self.error(
                    Diagnostic::new(
                        object.span,
                        format!(
                            "the object name `{}` cannot be made into a Rust variant name of `{}`",
                            object.value, names::object_enum(&def.name.value)
                        ),
                    )
                    .help("object names look like `financial_connections.account`: letters, digits, `_` and `.`, starting with a letter"),
                ),
            }
        }
        self.variants(
            &names::object_enum(&def.name.value),
            def.object_aliases.iter(),
            false,
            first.map(|(variant, object)| (variant, object.span, object.value.as_str())),
        );
        if def.is_resource() {
            let id = def.fields.iter().find(|field| field.name.value == "id");
            match id {
                Some(field) if field.ty.expr == TypeExpr::OwnId => {
                    if field.nullable.is_some() || field.optional.is_some() {
                        self.error(Diagnostic::new(
                            field.name.span,
                            format!(
                                "the `id` of resource `{}` must be neither nullable nor optional",
                                def.name.value
                            ),
                        ));
                    }
                }
                Some(field) => self.error(Diagnostic::new(
                    field.ty.span,
                    format!(
                        "the `id` field of resource `{}` must have type `id`",
                        def.name.value
                    ),
                )),
                None => self.error(
                    Diagnostic::new(
                        def.name.span,
                        format!("resource `{}` has no `id` field", def.name.value),
                    )
                    .help("add `id: { type: id, description: Unique identifier for the object. }`"),
                ),
            }
        }
        let mut rust_names = BTreeMap::new();
        for field in &def.fields {
            self.field_name(field, &def.name.value, &mut rust_names, "field");
            self.nonempty(&field.description, || {
                format!("field `{}`", field.name.value)
            });
            let context = match def.role {
                Role::Params => Context::ParamField,
                Role::Resource | Role::Object => Context::Field(def),
            };
            self.type_ref(file, &field.ty, context);
            if field.clearable.is_some() && field.optional.is_none() {
                self.error(Diagnostic::new(field.name.span, format!("field `{}` is clearable but not optional", field.name.value))
                    .help("add `optional: true`: leaving a clearable field out keeps the current value"));
            }
            if field.requires_expand.is_some() && field.optional.is_none() {
                self.error(Diagnostic::new(field.name.span, format!("field `{}` requires expand but is not optional", field.name.value))
                    .help("a field present only when expanded is absent otherwise: add `optional: true`"));
            }
            if field.ty.expr == TypeExpr::ObjectTag
                && (field.nullable.is_some() || field.optional.is_some())
            {
                self.error(Diagnostic::new(
                    field.name.span,
                    "an `object_tag` field is neither nullable nor optional",
                ));
            }
        }
    }
}
