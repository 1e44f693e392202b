//! The names a spec defines: type, field and variant names that must become Rust identifiers,
//! unique after case conversion, plus ID prefixes and descriptions.

use std::collections::BTreeMap;

use super::Validator;
use crate::diagnostics::Diagnostic;
use crate::names;
use crate::source::Span;
use crate::spec::ast::{EnumDef, FieldDef, Text, ValueDef};

impl<'s> Validator<'_, 's> {
    pub(super) fn nonempty(&mut self, text: &Text, what: impl FnOnce() -> String) {
        if text.value.trim().is_empty() {
            self.error(
                Diagnostic::new(text.span, format!("{} has an empty description", what())).help(
                    "every public item of the generated crate is documented; write a sentence",
                ),
            );
        }
    }

    pub(super) fn type_name(&mut self, name: &Text) {
        if !names::is_type_name(&name.value) {
            self.error(
                Diagnostic::new(
                    name.span,
                    format!(
                        "type name `{}` is not an UpperCamelCase Rust identifier",
                        name.value
                    ),
                )
                .help("type names look like `AccountHolder`"),
            );
        } else if let Some(origin) = names::reserved_type(&name.value) {
            self.error(
                Diagnostic::new(
                    name.span,
                    format!(
                        "type name `{}` would shadow `{0}` from {origin}, which the generated code uses unqualified",
                        name.value
                    ),
                )
                .help("choose a more specific name"),
            );
        }
    }

    pub(super) fn id_prefix(&mut self, prefix: &Text) {
        let value = &prefix.value;
        let body = value.strip_suffix('_').unwrap_or("");
        let well_formed = !body.is_empty()
            && body.starts_with(|c: char| c.is_ascii_lowercase())
            && body
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !body.contains("__")
            && !body.ends_with('_');
        if !well_formed {
            self.error(Diagnostic::new(prefix.span, format!("ID prefix `{value}` is malformed; expected lowercase letters and digits ending in `_`"))
                .help("ID prefixes look like `fca_` or `fa_`"));
        }
    }

    /// Checks the Rust name of a field or parameter, and that it is unique in its struct.
    pub(super) fn field_name(
        &mut self,
        field: &FieldDef,
        owner: &str,
        seen: &mut BTreeMap<String, (Span, String)>,
        kind: &str,
    ) {
        let wire = &field.name;
        let rust = match &field.rust_name {
            Some(rust_name) => {
                if !names::is_snake_name(&rust_name.value) {
                    self.error(Diagnostic::new(
                        rust_name.span,
                        format!(
                            "`rust_name` `{}` is not a snake_case Rust identifier",
                            rust_name.value
                        ),
                    ));
                    return;
                }
                rust_name.value.clone()
            }
            None => match names::field_name(&wire.value) {
                Some(name) => name,
                None => {
                    self.error(
                        Diagnostic::new(
                            wire.span,
                            format!(
                                "{kind} name `{}` cannot be made into a Rust identifier",
                                wire.value
                            ),
                        )
                        .help("give it a `rust_name`"),
                    );
                    return;
                }
            },
        };
        if let Some((first, first_wire)) = seen.get(&rust) {
            self.error(
                Diagnostic::new(
                    wire.span,
                    format!(
                        "{kind}s `{first_wire}` and `{}` of `{owner}` both have the Rust name `{rust}`",
                        wire.value
                    ),
                )
                .note(*first, format!("the other {kind}"))
                .help("give one of them another `rust_name`"),
            );
        } else {
            seen.insert(rust, (wire.span, wire.value.clone()));
        }
    }

    pub(super) fn enumeration(&mut self, def: &EnumDef) {
        self.type_name(&def.name);
        self.nonempty(&def.description, || format!("enum `{}`", def.name.value));
        if def.values.is_empty() {
            self.error(Diagnostic::new(
                def.name.span,
                format!("enum `{}` has no values", def.name.value),
            ));
        }
        self.variants(&def.name.value, def.values.iter(), true, None);
    }

    /// Variant names of the enum `owner` must be valid, unique after case conversion, and not
    /// `Unknown`. `first` is a variant already taken (an object's `object` value).
    pub(super) fn variants<'v>(
        &mut self,
        owner: &str,
        values: impl Iterator<Item = &'v ValueDef>,
        documented: bool,
        first: Option<(String, Span, &'v str)>,
    ) {
        let mut seen: BTreeMap<String, (Span, &str)> = BTreeMap::new();
        if let Some((variant, span, wire)) = first {
            seen.insert(variant, (span, wire));
        }
        for value in values {
            if documented {
                self.nonempty(&value.description, || {
                    format!("value `{}`", value.wire.value)
                });
            }
            let (variant, span) = match &value.rust_name {
                Some(rust_name) if names::is_type_name(&rust_name.value) => {
                    (rust_name.value.clone(), rust_name.span)
                }
                Some(rust_name) => {
                    self.error(Diagnostic::new(
                        rust_name.span,
                        format!(
                            "`rust_name` `{}` is not an UpperCamelCase Rust identifier",
                            rust_name.value
                        ),
                    ));
                    continue;
                }
                None => match names::variant_name(&value.wire.value) {
                    Some(variant) => (variant, value.wire.span),
                    None => {
                        self.error(Diagnostic::new(value.wire.span, format!("value `{}` of `{owner}` cannot be made into a Rust variant name", value.wire.value))
                            .help("give it a `rust_name`"));
                        continue;
                    }
                },
            };
            if variant == "Unknown" {
                self.error(Diagnostic::new(span, format!("value `{}` of `{owner}` becomes the variant `Unknown`, which every enum uses for values it does not know", value.wire.value))
                    .help("give it another `rust_name`"));
            } else if let Some((first, first_wire)) = seen.get(&variant) {
                self.error(
                    Diagnostic::new(span, format!("values `{first_wire}` and `{}` of `{owner}` both become the variant `{variant}`", value.wire.value))
                        .note(*first, "the other value")
                        .help("give one of them a `rust_name`"),
                );
            } else {
                seen.insert(variant, (span, &value.wire.value));
            }
        }
    }
}
