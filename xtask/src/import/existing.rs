//! What the spec in `spec/` already has, which an import refers to rather than defines again:
//! the names it takes, its ID prefixes, its resources by `object` name, and (through the
//! pairing) the schemas it models.

use std::collections::{BTreeMap, BTreeSet};

use codegen::spec::ast::{Def, Spec};

use super::build::Builder;
use super::ir::TypeKey;
use super::names::{Namespaces, TypeKind};
use super::schemas;
use crate::openapi::Document;
use crate::pairing::{self, Holder};

/// What the existing spec already defines, which the import reuses rather than redefines.
pub(super) struct Existing {
    /// Names taken in each module.
    pub(super) names: Namespaces,
    /// ID prefixes by `object` name.
    pub(super) prefixes: BTreeMap<String, String>,
    /// Resources and external resources by `object` name.
    pub(super) by_object: BTreeMap<String, TypeKey>,
    /// Declared modules.
    pub(super) modules: BTreeSet<String>,
}

pub(super) fn existing(spec: Option<&Spec>) -> Existing {
    let mut found = Existing {
        names: Namespaces::default(),
        prefixes: BTreeMap::new(),
        by_object: BTreeMap::new(),
        modules: BTreeSet::new(),
    };
    let Some(spec) = spec else {
        return found;
    };
    found.modules = spec
        .api
        .modules
        .iter()
        .map(|module| module.name.value.clone())
        .collect();
    for file in &spec.files {
        let module = file.module.as_str();
        for item in &file.items {
            let key = TypeKey {
                module: module.to_owned(),
                name: item.name().value.clone(),
            };
            match item {
                Def::Object(def) => {
                    let kind = if def.is_resource() {
                        TypeKind::Resource
                    } else {
                        TypeKind::Object
                    };
                    found.names.reserve_type(module, &def.name.value, kind);
                    if let (Some(object), true) = (&def.object, def.is_resource()) {
                        found.by_object.insert(object.value.clone(), key);
                        if let Some(prefix) = &def.id_prefix {
                            found
                                .prefixes
                                .insert(object.value.clone(), prefix.value.clone());
                        }
                    }
                }
                Def::External(def) => {
                    found
                        .names
                        .reserve_type(module, &def.name.value, TypeKind::External);
                    found.by_object.insert(def.object.value.clone(), key);
                    if let Some(prefix) = &def.id_prefix {
                        found
                            .prefixes
                            .insert(def.object.value.clone(), prefix.value.clone());
                    }
                }
                Def::Enum(def) => found
                    .names
                    .reserve_type(module, &def.name.value, TypeKind::Enum),
                // A union also has an expand enum; a `one_of` is one enum.
                Def::Union(def) => {
                    found
                        .names
                        .reserve_type(module, &def.name.value, TypeKind::Object)
                }
                Def::OneOf(def) => {
                    found
                        .names
                        .reserve_type(module, &def.name.value, TypeKind::Enum)
                }
                Def::Endpoint(def) => found.names.reserve_function(module, &def.name.value),
            }
        }
    }
    found
}

/// Makes the builder refer to what spec/ already models instead of defining it again: the
/// component schemas the pairing matched, inline parameter objects by shape, and external
/// resources by `object` name. An external resource whose fields the import needs is a
/// conflict: only a person can turn it into a resource.
pub(super) fn bind(
    builder: &mut Builder<'_>,
    document: &Document,
    spec: &Spec,
    by_object: &BTreeMap<String, TypeKey>,
    conflicts: &mut Vec<String>,
) {
    let pairing = pairing::pair(spec, document, None);
    for (component, (module, name)) in &pairing.components {
        let key = TypeKey {
            module: module.clone(),
            name: name.clone(),
        };
        if let Some(object) = schemas::object_of(document, component)
            && schemas::has_id(object)
        {
            builder.id_resources.insert(
                key.clone(),
                schemas::resource_id(component, object).to_owned(),
            );
        }
        builder.components.insert((*component).to_owned(), key);
    }
    for pair in &pairing.objects {
        if let (Some(inline), true, Holder::Object(def)) = (pair.inline, pair.params, pair.holder) {
            builder.param_objects.insert(
                schemas::param_shape(inline),
                TypeKey {
                    module: pair.file.module.clone(),
                    name: def.name.value.clone(),
                },
            );
        }
    }
    for (tag, key) in by_object {
        let schema = pairing::schema_for_tag(document, tag).unwrap_or(tag.as_str());
        if builder.components.contains_key(schema) {
            continue;
        }
        if builder.needed.contains(schema) {
            conflicts.push(format!(
                "`{tag}` is an external resource in spec/ (`{}::{}`), but the import needs its fields; make it a resource by hand or import it first",
                key.module, key.name
            ));
            continue;
        }
        builder.components.insert(schema.to_owned(), key.clone());
        builder.id_resources.insert(key.clone(), tag.clone());
    }
}
