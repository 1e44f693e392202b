//! Resources and objects: their `object` tags, IDs and fields.

use std::collections::BTreeMap;

use super::{Context, Validator};
use crate::diagnostics::Diagnostic;
use crate::expand;
use crate::names;
use crate::source::Span;
use crate::spec::ast::{FieldDef, ModuleFile, ObjectDef, Role, Text, TypeExpr};
use crate::symbols::{Symbol, TypeDef};

impl<'s> Validator<'_, 's> {
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
        if def.is_exclusive() {
            self.exclusive(&file.module, def);
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
            self.param_flags(field, "field");
            if let Some(boxed) = field.boxed {
                self.boxed(&file.module, field, boxed);
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
        self.expand_path_count(&file.module, def);
    }

    /// `boxed: true` is for a field whose type is an object, the one indirection that lets an
    /// object contain itself.
    fn boxed(&mut self, module: &str, field: &FieldDef, boxed: Span) {
        let is_object = match &field.ty.expr {
            TypeExpr::Named(name) => matches!(
                self.symbols.resolve(module, name),
                Some(Symbol {
                    def: TypeDef::Object(_),
                    ..
                }) | None
            ),
            _ => false,
        };
        if !is_object {
            self.error(
                Diagnostic::new(
                    boxed,
                    format!(
                        "field `{}` is `boxed`, but its type is not an object",
                        field.name.value
                    ),
                )
                .help("`boxed: true` holds an object in a `Box`, so that it can contain itself; arrays, maps, expandables and unions already hold theirs indirectly"),
            );
        }
    }

    /// Expand paths multiply through nested objects; an enum of more than
    /// [`expand::MAX_PATHS`] variants is refused before it is built.
    fn expand_path_count(&mut self, module: &'s str, def: &'s ObjectDef) {
        if expand::paths(self.symbols, module, def).len() > expand::MAX_PATHS {
            self.error(
                Diagnostic::new(
                    def.name.span,
                    format!(
                        "`{}` has more than {} expand paths through its nested objects, too many for its `{}Expand` enum",
                        def.name.value,
                        expand::MAX_PATHS,
                        def.name.value
                    ),
                )
                .help("make fewer fields expandable (`expandable<T>` or `requires_expand`), or nest fewer objects holding them"),
            );
        }
    }

    /// An exclusive parameter object becomes an enum with a variant per field (besides the tag):
    /// each field is one way to give the value, so each is optional on the wire and none is
    /// clearable, and a tag field names the one that is sent.
    fn exclusive(&mut self, module: &str, def: &'s ObjectDef) {
        let tag = def.tag.as_ref().and_then(|tag| {
            let field = def.fields.iter().find(|field| field.name.value == tag.value);
            if field.is_none() {
                self.error(
                    Diagnostic::new(
                        tag.span,
                        format!(
                            "`tag` names the field `{}`, which `{}` does not have",
                            tag.value, def.name.value
                        ),
                    )
                    .help("the tag is the field whose value says which other field is sent, such as `type`"),
                );
            }
            field
        });
        let variants: Vec<_> = def
            .fields
            .iter()
            .filter(|field| !tag.is_some_and(|tag| std::ptr::eq(tag, *field)))
            .collect();
        if variants.len() < 2 {
            self.error(Diagnostic::new(
                def.name.span,
                format!(
                    "exclusive parameter object `{}` has {} field{} to choose from; expected two or more",
                    def.name.value,
                    variants.len(),
                    if variants.len() == 1 { "" } else { "s" }
                ),
            ));
        }
        let mut seen: BTreeMap<String, &Text> = BTreeMap::new();
        for field in &variants {
            if field.optional.is_none() || field.clearable.is_some() {
                self.error(
                    Diagnostic::new(
                        field.name.span,
                        format!(
                            "field `{}` of exclusive `{}` must be optional and not clearable: it is sent only when it is the one chosen",
                            field.name.value, def.name.value
                        ),
                    )
                    .help("write `optional: true`, as Stripe's OpenAPI does"),
                );
            }
            match names::variant_name(&field.name.value) {
                Some(variant) => {
                    if let Some(first) = seen.insert(variant.clone(), &field.name) {
                        self.error(
                            Diagnostic::new(
                                field.name.span,
                                format!(
                                    "fields `{}` and `{}` of exclusive `{}` both become the variant `{variant}`",
                                    first.value, field.name.value, def.name.value
                                ),
                            )
                            .note(first.span, "the other field"),
                        );
                    }
                }
                None => self.error(Diagnostic::new(
                    field.name.span,
                    format!(
                        "field `{}` of exclusive `{}` cannot be made into a Rust variant name",
                        field.name.value, def.name.value
                    ),
                )),
            }
        }
        let Some(tag) = tag else { return };
        let values = match &tag.ty.expr {
            TypeExpr::Named(name) => match self.symbols.resolve(module, name) {
                Some(Symbol {
                    def: TypeDef::Enum(values),
                    ..
                }) => Some(values),
                _ => None,
            },
            _ => None,
        };
        let Some(values) = values.filter(|_| tag.optional.is_none()) else {
            self.error(
                Diagnostic::new(
                    tag.ty.span,
                    format!(
                        "the tag `{}` of `{}` must be a required enum, whose values are the names of the other fields",
                        tag.name.value, def.name.value
                    ),
                ),
            );
            return;
        };
        let wires: Vec<&str> = values
            .values
            .iter()
            .map(|value| value.wire.value.as_str())
            .collect();
        for field in &variants {
            if !wires.contains(&field.name.value.as_str()) {
                self.error(
                    Diagnostic::new(
                        field.name.span,
                        format!(
                            "the tag `{}` of `{}` has no value `{}`, so this field could never be chosen",
                            tag.name.value, def.name.value, field.name.value
                        ),
                    )
                    .note(values.name.span, format!("`{}` is defined here", values.name.value))
                    .help("each value of the tag names the field it chooses"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::errors;

    fn messages(fields: &str) -> Vec<String> {
        errors(&format!(
            "objects:\n  Node:\n    description: A node.\n    fields:\n{fields}"
        ))
        .into_iter()
        .map(|error| error.message)
        .collect()
    }

    #[test]
    fn an_object_contains_itself_only_through_a_boxed_field() {
        let unboxed =
            messages("      next: {type: Node, nullable: true, description: The next node.}\n");
        assert_eq!(unboxed.len(), 1, "{unboxed:?}");
        assert!(unboxed[0].contains("contains itself"), "{unboxed:?}");
        let boxed = messages(
            "      next: {type: Node, boxed: true, nullable: true, description: The next node.}\n",
        );
        assert_eq!(boxed, Vec::<String>::new());
    }

    #[test]
    fn only_an_object_can_be_boxed() {
        let errors =
            messages("      names: {type: 'array<string>', boxed: true, description: Names.}\n");
        assert_eq!(
            errors,
            ["field `names` is `boxed`, but its type is not an object"]
        );
    }
}
