//! The names a spec defines, and how a reference in one module finds them.

use std::collections::BTreeMap;

use crate::spec::ast::{Def, EnumDef, ExternalDef, ModuleFile, NameRef, ObjectDef, Spec};

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

/// The kinds of type definition.
#[derive(Clone, Copy, Debug)]
pub enum TypeDef<'s> {
    /// A resource or an object.
    Object(&'s ObjectDef),
    /// An external resource.
    External(&'s ExternalDef),
    /// An enum.
    Enum(&'s EnumDef),
}

impl TypeDef<'_> {
    /// "resource", "object", "external resource" or "enum", for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            TypeDef::Object(def) if def.is_resource => "resource",
            TypeDef::Object(_) => "object",
            TypeDef::External(_) => "external resource",
            TypeDef::Enum(_) => "enum",
        }
    }

    /// Whether it has IDs: a resource or an external resource.
    pub fn has_id(&self) -> bool {
        matches!(self, TypeDef::Object(def) if def.is_resource)
            || matches!(self, TypeDef::External(_))
    }
}

/// Every type of the spec, by module and name. The first definition of a duplicated name wins;
/// validation reports the duplicate.
#[derive(Debug, Default)]
pub struct Symbols<'s> {
    types: BTreeMap<(&'s str, &'s str), Symbol<'s>>,
}

impl<'s> Symbols<'s> {
    /// Collects the types of `spec`.
    pub fn new(spec: &'s Spec) -> Self {
        let mut types = BTreeMap::new();
        for file in &spec.files {
            for item in &file.items {
                let def = match item {
                    Def::Object(def) => TypeDef::Object(def),
                    Def::External(def) => TypeDef::External(def),
                    Def::Enum(def) => TypeDef::Enum(def),
                    Def::Endpoint(_) => continue,
                };
                let symbol = Symbol {
                    module: &file.module,
                    file,
                    def,
                };
                types
                    .entry((file.module.as_str(), item.name().value.as_str()))
                    .or_insert(symbol);
            }
        }
        Symbols { types }
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
