//! The names a spec defines, and how a reference in one module finds them.

use std::collections::BTreeMap;

use crate::expand;

use crate::spec::ast::{
    Def, EnumDef, ExternalDef, ModuleFile, NameRef, ObjectDef, OneOfDef, Role, Spec, UnionDef,
};

/// A type definition and where it lives.
#[derive(Clone, Copy, Debug)]
pub struct Symbol<'s> {
    /// Its module.
    pub module: &'s str,
    /// The file that defines it.
    pub file: &'s ModuleFile,
    /// The definition.
    pub def: TypeDef<'s>,
}

impl<'s> Symbol<'s> {
    /// The type `item` of `file` defines; `None` for an endpoint.
    pub fn defined(file: &'s ModuleFile, item: &'s Def) -> Option<Self> {
        let def = match item {
            Def::Object(def) => TypeDef::Object(def),
            Def::External(def) => TypeDef::External(def),
            Def::Enum(def) => TypeDef::Enum(def),
            Def::Union(def) => TypeDef::Union(def),
            Def::OneOf(def) => TypeDef::OneOf(def),
            Def::Endpoint(_) => return None,
        };
        Some(Symbol {
            module: &file.module,
            file,
            def,
        })
    }
}

/// The kinds of type definition.
#[derive(Clone, Copy, Debug)]
pub enum TypeDef<'s> {
    /// A resource or an object.
    Object(&'s ObjectDef),
    /// An external resource.
    External(&'s ExternalDef),
    /// An enum.
    Enum(&'s EnumDef),
    /// A union of objects.
    Union(&'s UnionDef),
    /// A parameter of one of several types.
    OneOf(&'s OneOfDef),
}

impl<'s> TypeDef<'s> {
    /// "resource", "object", "external resource", ..., for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            TypeDef::Object(def) => match def.role {
                Role::Resource => "resource",
                Role::Object => "object",
                Role::Params => "parameter object",
            },
            TypeDef::External(_) => "external resource",
            TypeDef::Enum(_) => "enum",
            TypeDef::Union(_) => "union",
            TypeDef::OneOf(_) => "one_of parameter type",
        }
    }

    /// Whether it has IDs: a resource or an external resource.
    pub fn has_id(&self) -> bool {
        matches!(self, TypeDef::Object(def) if def.is_resource())
            || matches!(self, TypeDef::External(_))
    }

    /// Whether its values carry an ID: a resource, an external resource, or an object (the
    /// deleted form of a resource) whose `id` field is always another resource's ID.
    pub fn carries_id(&self) -> bool {
        self.has_id() || matches!(self, TypeDef::Object(def) if def.id_of().is_some())
    }

    /// Its name.
    pub fn name(&self) -> &'s str {
        match self {
            TypeDef::Object(def) => &def.name.value,
            TypeDef::External(def) => &def.name.value,
            TypeDef::Enum(def) => &def.name.value,
            TypeDef::Union(def) => &def.name.value,
            TypeDef::OneOf(def) => &def.name.value,
        }
    }
}

/// Every type of the spec, by module and name. The first definition of a duplicated name wins;
/// validation reports the duplicate.
#[derive(Debug, Default)]
pub struct Symbols<'s> {
    types: BTreeMap<(&'s str, &'s str), Symbol<'s>>,
    /// The expand paths found so far, which depend only on the symbols (see [`expand`]).
    pub(crate) expand_paths: expand::Cache,
}

impl<'s> Symbols<'s> {
    /// Collects the types of `spec`.
    pub fn new(spec: &'s Spec) -> Self {
        let mut types = BTreeMap::new();
        for file in &spec.files {
            for item in &file.items {
                let Some(symbol) = Symbol::defined(file, item) else {
                    continue;
                };
                types
                    .entry((file.module.as_str(), item.name().value.as_str()))
                    .or_insert(symbol);
            }
        }
        Symbols {
            types,
            expand_paths: expand::Cache::default(),
        }
    }

    /// The definition `name` refers to from `module`.
    pub fn resolve(&self, module: &str, name: &NameRef) -> Option<Symbol<'s>> {
        let module = name.module.as_deref().unwrap_or(module);
        self.types.get(&(module, name.name.as_str())).copied()
    }

    /// The names visible from `module` unqualified, for suggestions.
    pub fn names_in<'a>(&'a self, module: &'a str) -> impl Iterator<Item = &'s str> + 'a {
        self.types
            .keys()
            .filter(move |(m, _)| *m == module)
            .map(|(_, name)| *name)
    }
}
