//! Unions: a field, list item or response that is one of several objects (`anyOf` of `$ref`s),
//! an expandable field that expands into one of several resources, and the union components
//! Stripe names (`payment_source`). A union is one type per set of variants, wherever it is used.

use std::collections::BTreeSet;

use super::build::{Builder, Owner};
use super::ir::{self, Item, TypeKey};
use super::names::{self, TypeKind};
use super::schemas;
use super::text;

impl Builder<'_> {
    /// The union of the components `members` (flattened when a member is itself a union),
    /// named `<Owner><Field>`; a resource and its deleted form make `<Resource>OrDeleted`.
    pub(super) fn union(
        &mut self,
        owner: &Owner,
        wire: &str,
        members: &[&str],
    ) -> Result<TypeKey, String> {
        let variants = self.flatten(members);
        if let Some(key) = self.unions.get(&variants) {
            return Ok(key.clone());
        }
        let untagged = self.is_untagged(&variants);
        if !untagged {
            self.check_tags(&variants)?;
        }
        let keys = variants
            .iter()
            .map(|variant| self.variant(variant, &owner.file))
            .collect::<Result<Vec<_>, _>>()?;
        let (file, wanted) = match self.or_deleted(&variants, &keys) {
            Some(found) => found,
            None => (
                owner.file.clone(),
                format!("{}{}", owner.name, names::upper_camel(wire)),
            ),
        };
        let description = text::union_description(&variants);
        Ok(self.define_union(variants, keys, untagged, file, &wanted, description))
    }

    /// Whether the objects `variants` need an untagged union: one of them has no `object` tag.
    fn is_untagged(&self, variants: &[String]) -> bool {
        variants.iter().any(|variant| {
            schemas::object_of(self.document, variant)
                .is_some_and(|object| schemas::object_tag(object).is_none())
        })
    }

    /// An expandable field that expands into one of `targets`: the union of the resources, each
    /// imported or external.
    pub(super) fn expandable_union(
        &mut self,
        owner: &Owner,
        wire: &str,
        targets: &[&str],
    ) -> Result<TypeKey, String> {
        let variants = self.flatten(targets);
        if let Some(key) = self.unions.get(&variants) {
            return Ok(key.clone());
        }
        let keys = variants
            .iter()
            .map(|variant| self.id_target(variant, &owner.file))
            .collect::<Result<Vec<_>, _>>()?;
        self.check_tags(&variants)?;
        let (file, wanted) = match self.or_deleted(&variants, &keys) {
            Some(found) => found,
            None => (
                owner.file.clone(),
                format!("{}{}", owner.name, names::upper_camel(wire)),
            ),
        };
        let description = text::union_description(&variants);
        Ok(self.define_union(variants, keys, false, file, &wanted, description))
    }

    /// A union component (`payment_source`), in a file of its own.
    pub(super) fn union_component(
        &mut self,
        name: &str,
        members: &[&str],
    ) -> Result<TypeKey, String> {
        let variants = self.flatten(members);
        if let Some(key) = self.unions.get(&variants) {
            self.components.insert(name.to_owned(), key.clone());
            return Ok(key.clone());
        }
        let file = Self::top_level_file(name);
        self.comment(&file, name, false);
        let untagged = self.is_untagged(&variants);
        if !untagged {
            self.check_tags(&variants)?;
        }
        let keys = variants
            .iter()
            .map(|variant| self.variant(variant, &file))
            .collect::<Result<Vec<_>, _>>()?;
        let document = self.document;
        let description = text::description(&document.schemas[name].description)
            .unwrap_or_else(|| text::union_description(&variants));
        let wanted = names::upper_camel(&names::stem_of(name));
        let key = self.define_union(variants, keys, untagged, file, &wanted, description);
        self.components.insert(name.to_owned(), key.clone());
        self.created += 1;
        Ok(key)
    }

    /// Defines the union of `keys` (the types of the components `variants`). An untagged union
    /// tries its variants in order, so those with the most required fields go first: a variant
    /// that needs less would take what was meant for one that needs more.
    fn define_union(
        &mut self,
        variants: Vec<String>,
        mut keys: Vec<TypeKey>,
        untagged: bool,
        file: (String, String),
        wanted: &str,
        description: String,
    ) -> TypeKey {
        if untagged {
            let document = self.document;
            let required = |variant: &String| {
                schemas::object_of(document, variant).map_or(0, |object| object.required.len())
            };
            let mut order: Vec<(usize, TypeKey)> =
                variants.iter().map(required).zip(keys).collect();
            // Stable: variants needing as much keep the OpenAPI's order.
            order.sort_by_key(|(required, _)| std::cmp::Reverse(*required));
            keys = order.into_iter().map(|(_, key)| key).collect();
        }
        let name = self.names.type_name(&file.0, wanted, TypeKind::Object);
        let key = TypeKey {
            module: file.0.clone(),
            name: name.clone(),
        };
        self.unions.insert(variants, key.clone());
        self.push(
            &file,
            Item::Union(ir::Union {
                name,
                description,
                untagged,
                variants: keys,
            }),
        );
        key
    }

    /// The components a union is made of, union components replaced by their members, each
    /// once, in order.
    fn flatten(&mut self, members: &[&str]) -> Vec<String> {
        let mut seen = BTreeSet::new();
        let mut variants = Vec::new();
        let mut pending: Vec<&str> = members.iter().rev().copied().collect();
        while let Some(member) = pending.pop() {
            let inner = self
                .document
                .schemas
                .get(member)
                .and_then(schemas::union_members);
            match inner {
                Some(inner) if seen.insert(member.to_owned()) => {
                    self.flattened.insert(member.to_owned());
                    pending.extend(inner.into_iter().rev());
                }
                Some(_) => {}
                None => {
                    if seen.insert(member.to_owned()) {
                        variants.push(member.to_owned());
                    }
                }
            }
        }
        variants
    }

    /// A union variant: an object, imported with its fields; or, when the file stops at it, an
    /// external resource.
    fn variant(&mut self, name: &str, from: &(String, String)) -> Result<TypeKey, String> {
        let document = self.document;
        match schemas::object_of(document, name) {
            None if !document.schemas.contains_key(name) => self.id_target(name, from),
            Some(_) => self.component(name, from),
            None => Err(format!("it may be `{name}`, which is not an object")),
        }
    }

    /// Unions tell their variants apart by `object` and `deleted`; two variants alike in both
    /// cannot be a union.
    fn check_tags(&self, variants: &[String]) -> Result<(), String> {
        let mut seen = BTreeSet::new();
        for variant in variants {
            let Some(object) = schemas::object_of(self.document, variant) else {
                continue;
            };
            let tag = schemas::object_tag(object).unwrap_or(variant);
            if !seen.insert((tag.to_owned(), schemas::is_deleted_form(object))) {
                return Err(format!(
                    "two of the objects it may be are both `{tag}`, which nothing on the wire tells apart"
                ));
            }
        }
        Ok(())
    }

    /// For a resource and its deleted form: the resource's file and `<Resource>OrDeleted`.
    fn or_deleted(
        &self,
        variants: &[String],
        keys: &[TypeKey],
    ) -> Option<((String, String), String)> {
        let [a, b] = variants else {
            return None;
        };
        let deleted = |name: &str| {
            schemas::object_of(self.document, name).is_some_and(schemas::is_deleted_form)
        };
        let live = match (deleted(a), deleted(b)) {
            (false, true) => 0,
            (true, false) => 1,
            _ => return None,
        };
        let id = schemas::object_of(self.document, &variants[live])
            .map_or(variants[live].as_str(), |object| {
                schemas::resource_id(&variants[live], object)
            });
        Some((
            Self::top_level_file(id),
            format!("{}OrDeleted", keys[live].name),
        ))
    }
}
