//! Unions of objects, told apart by their `object` tag, and `one_of` parameter types, told
//! apart by the kind of their types.

use std::collections::BTreeMap;

use super::{Context, Validator, article};
use crate::diagnostics::Diagnostic;
use crate::names;
use crate::source::Span;
use crate::spec::ast::{ModuleFile, OneOfDef, Role, TypeExpr, UnionDef};
use crate::symbols::TypeDef;

impl<'s> Validator<'_, 's> {
    pub(super) fn union(&mut self, file: &'s ModuleFile, def: &'s UnionDef) {
        self.type_name(&def.name);
        self.nonempty(&def.description, || format!("union `{}`", def.name.value));
        if def.variants.len() < 2 {
            self.error(
                Diagnostic::new(
                    def.name.span,
                    format!(
                        "union `{}` has {} variant{}; expected two or more",
                        def.name.value,
                        def.variants.len(),
                        if def.variants.len() == 1 { "" } else { "s" }
                    ),
                )
                .help("a field that is always the same object has that object's type"),
            );
        }
        // What tells the variants apart on the wire: each `object` value, with `deleted`.
        let mut tags: BTreeMap<(String, bool), (Span, String)> = BTreeMap::new();
        let mut names: BTreeMap<&str, Span> = BTreeMap::new();
        for variant in &def.variants {
            if let Some(first) = names.insert(&variant.name, variant.span) {
                self.error(
                    Diagnostic::new(
                        variant.span,
                        format!(
                            "`{}` is a variant of union `{}` twice",
                            variant.display(),
                            def.name.value
                        ),
                    )
                    .note(first, "first listed here"),
                );
                continue;
            }
            if variant.name == "Unknown" {
                self.error(Diagnostic::new(variant.span, format!("union `{}` cannot have a variant named `Unknown`, which holds the objects it does not know", def.name.value)));
            }
            let Some(symbol) = self.resolve(file, variant) else {
                continue;
            };
            let (objects, deleted): (Vec<&str>, bool) = match symbol.def {
                // The first variant that decodes is taken: nothing on the wire to compare.
                TypeDef::Object(object)
                    if object.role != Role::Params && def.untagged.is_some() =>
                {
                    continue;
                }
                TypeDef::Object(object) if object.role != Role::Params => {
                    let Some(tag) = &object.object else {
                        self.error(
                            Diagnostic::new(
                                variant.span,
                                format!(
                                    "`{}` has no `object:`, so union `{}` cannot tell it from its other variants",
                                    variant.display(),
                                    def.name.value
                                ),
                            )
                            .note(object.name.span, format!("`{}` is defined here", variant.display()))
                            .help("union variants are objects that Stripe tags with `object`; for objects without a tag, add `untagged: true` and the first variant that decodes is taken"),
                        );
                        continue;
                    };
                    let deleted = object
                        .fields
                        .iter()
                        .any(|field| field.ty.expr == TypeExpr::Deleted);
                    let mut objects = vec![tag.value.as_str()];
                    objects.extend(
                        object
                            .object_aliases
                            .iter()
                            .map(|alias| alias.wire.value.as_str()),
                    );
                    (objects, deleted)
                }
                TypeDef::External(external) => (vec![external.object.value.as_str()], false),
                other => {
                    self.error(
                        Diagnostic::new(
                            variant.span,
                            format!(
                                "`{}` is {} {}; the variants of a union are objects, resources or external resources",
                                variant.display(),
                                article(other.kind()),
                                other.kind()
                            ),
                        ),
                    );
                    continue;
                }
            };
            for object in objects {
                let key = (object.to_owned(), deleted);
                if let Some((first, first_name)) = tags.get(&key) {
                    let what = if deleted { "deleted " } else { "" };
                    self.error(
                        Diagnostic::new(
                            variant.span,
                            format!(
                                "variants `{first_name}` and `{}` of union `{}` are both {what}objects `{object}`, so a response cannot say which it is",
                                variant.display(),
                                def.name.value
                            ),
                        )
                        .note(*first, format!("`{first_name}` is listed here"))
                        .help("the deleted form of a resource has a `deleted` field; other variants need different `object` values"),
                    );
                } else {
                    tags.insert(key, (variant.span, variant.display()));
                }
            }
        }
    }

    pub(super) fn one_of(&mut self, file: &'s ModuleFile, def: &'s OneOfDef) {
        self.type_name(&def.name);
        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
        for variant in &def.variants {
            self.type_ref(file, variant, Context::ParamField);
            let Some(name) = names::one_of_variant(&variant.expr) else {
                self.error(Diagnostic::new(
                    variant.span,
                    "this type cannot be one of the types of a `one_of`",
                ));
                continue;
            };
            if let Some(first) = seen.insert(name.clone(), variant.span) {
                self.error(
                    Diagnostic::new(
                        variant.span,
                        format!("two types of this `one_of` are both `{name}`, so they could not be told apart"),
                    )
                    .note(first, "the other")
                    .help("a `one_of` is one of several kinds of value: a string, an integer, an object, ..."),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::{CARD_AND_BANK_ACCOUNT, errors};

    fn messages(yaml: &str) -> Vec<String> {
        errors(yaml)
            .into_iter()
            .map(|error| error.message)
            .collect()
    }

    #[test]
    fn accepts_a_union_of_tagged_objects_and_an_untagged_union() {
        let yaml = format!(
            "{CARD_AND_BANK_ACCOUNT}
objects:
  A:
    description: A.
    fields:
      a: {{type: string, description: A.}}
  B:
    description: B.
    fields:
      b: {{type: string, description: B.}}
unions:
  Source:
    description: A source.
    variants: [Card, BankAccount]
  Options:
    description: Options.
    untagged: true
    variants: [A, B]
"
        );
        assert_eq!(messages(&yaml), Vec::<String>::new());
    }

    #[test]
    fn refuses_variants_a_response_could_not_tell_apart() {
        let yaml = format!(
            "{CARD_AND_BANK_ACCOUNT}
objects:
  DeletedCard:
    object: card
    description: A deleted card.
    fields:
      id: {{type: id<Card>, description: Its ID.}}
      deleted: {{type: deleted, description: Always true.}}
  OtherCard:
    object: card
    description: Another card.
    fields:
      x: {{type: string, description: X.}}
unions:
  Fine:
    description: A card or a deleted one.
    variants: [Card, DeletedCard]
  Ambiguous:
    description: Two cards.
    variants: [Card, OtherCard]
"
        );
        let messages = messages(&yaml);
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].contains("are both objects `card`"),
            "{messages:?}"
        );
    }

    #[test]
    fn refuses_one_of_types_of_the_same_kind() {
        let yaml = "
enums:
  Mode:
    description: A mode.
    values: {on: On.}
param_objects:
  P:
    description: P.
    fields:
      a: {type: 'one_of<Mode, integer>', optional: true, description: Fine.}
      b: {type: 'one_of<map<string, string>, map<string, integer>>', optional: true, description: Two maps.}
";
        let messages = messages(yaml);
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].contains("both `Map`"), "{messages:?}");
    }
}
