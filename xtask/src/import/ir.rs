//! What the importer writes, before it is YAML: the module files of a spec, each definition with
//! the keys `spec/README.md` gives it. Types refer to each other by module and name, and are
//! written qualified only when they live in another module.

use std::collections::BTreeMap;

/// A type defined somewhere in the spec.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeKey {
    /// Its module.
    pub module: String,
    /// Its name.
    pub name: String,
}

impl TypeKey {
    /// `name`, qualified with its module unless that is `here`.
    pub fn written_from(&self, here: &str) -> String {
        if self.module == here {
            self.name.clone()
        } else {
            format!("{}::{}", self.module, self.name)
        }
    }
}

/// A type expression, as `spec/README.md` lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// `string`
    String,
    /// `integer`
    Integer,
    /// `boolean`
    Boolean,
    /// `timestamp`
    Timestamp,
    /// `currency`
    Currency,
    /// `id`
    OwnId,
    /// `object_tag`
    ObjectTag,
    /// `expand`
    Expand,
    /// `id<T>`
    Id(TypeKey),
    /// An object, resource or enum.
    Named(TypeKey),
    /// `array<T>`
    Array(Box<Ty>),
    /// `map<string, T>` (false) or `map<currency, T>` (true).
    Map(bool, Box<Ty>),
    /// `expandable<T>`
    Expandable(TypeKey),
    /// `list<T>`
    List(TypeKey),
    /// `range<T>`
    Range(Box<Ty>),
    /// `number`
    Number,
    /// `deleted`
    Deleted,
    /// `json`
    Json,
    /// `search<T>`
    Search(TypeKey),
    /// `one_of<A, B, ...>`, which the generator names after the field.
    OneOf(Vec<Ty>),
}

impl Ty {
    /// The type as written in a file of module `here`.
    pub fn written_from(&self, here: &str) -> String {
        match self {
            Ty::String => "string".into(),
            Ty::Integer => "integer".into(),
            Ty::Boolean => "boolean".into(),
            Ty::Timestamp => "timestamp".into(),
            Ty::Currency => "currency".into(),
            Ty::OwnId => "id".into(),
            Ty::ObjectTag => "object_tag".into(),
            Ty::Expand => "expand".into(),
            Ty::Id(key) => format!("id<{}>", key.written_from(here)),
            Ty::Named(key) => key.written_from(here),
            Ty::Array(inner) => format!("array<{}>", inner.written_from(here)),
            Ty::Map(currency, inner) => format!(
                "map<{}, {}>",
                if *currency { "currency" } else { "string" },
                inner.written_from(here)
            ),
            Ty::Expandable(key) => format!("expandable<{}>", key.written_from(here)),
            Ty::List(key) => format!("list<{}>", key.written_from(here)),
            Ty::Range(inner) => format!("range<{}>", inner.written_from(here)),
            Ty::Number => "number".into(),
            Ty::Deleted => "deleted".into(),
            Ty::Json => "json".into(),
            Ty::Search(key) => format!("search<{}>", key.written_from(here)),
            Ty::OneOf(variants) => format!(
                "one_of<{}>",
                variants
                    .iter()
                    .map(|variant| variant.written_from(here))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// A field of an object, or a parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The wire name.
    pub wire: String,
    /// Its type.
    pub ty: Ty,
    /// `nullable: true`
    pub nullable: bool,
    /// `optional: true`
    pub optional: bool,
    /// `requires_expand: true`
    pub requires_expand: bool,
    /// `boxed: true`: the field that breaks a cycle of objects holding each other by value.
    pub boxed: bool,
    /// `clearable: true`
    pub clearable: bool,
    /// `rust_name:`, when the wire name does not make an identifier.
    pub rust_name: Option<String>,
    /// `type_name:`, for a `one_of` whose derived name is taken.
    pub type_name: Option<String>,
    /// Its description.
    pub description: String,
}

/// What a struct is for, which its section says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `resources:`
    Resource,
    /// `objects:`
    Object,
    /// `param_objects:`
    Params,
}

/// A resource, a response object, or a parameter object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Object {
    /// The type name.
    pub name: String,
    /// Its section.
    pub role: Role,
    /// `object:`
    pub object: Option<String>,
    /// `id_prefix:`
    pub id_prefix: Option<String>,
    /// Its description.
    pub description: String,
    /// Its fields, in order.
    pub fields: Vec<Field>,
}

/// An external resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct External {
    /// The type name.
    pub name: String,
    /// `object:`
    pub object: String,
    /// `id_prefix:`, when known.
    pub id_prefix: Option<String>,
    /// Its description.
    pub description: String,
}

/// A union of objects told apart by their `object` tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Union {
    /// The type name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// `untagged: true`: its variants have no `object` tag and are tried in order.
    pub untagged: bool,
    /// The objects it may be.
    pub variants: Vec<TypeKey>,
}

/// An enum value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    /// The value on the wire.
    pub wire: String,
    /// `rust_name:`, when the value does not make a variant name.
    pub rust_name: Option<String>,
    /// Its description.
    pub description: String,
}

/// A string enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enum {
    /// The type name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// Its values, in order.
    pub values: Vec<Value>,
}

/// An endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The function name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// `GET`, `POST` or `DELETE`.
    pub method: String,
    /// The path with `{placeholders}`.
    pub path: String,
    /// One per placeholder, in path order.
    pub path_params: Vec<Field>,
    /// Query or body parameters.
    pub params: Vec<Field>,
    /// The response type.
    pub returns: Ty,
}

/// The sections of a module file, in the order files list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// `resources:`
    Resources,
    /// `objects:`
    Objects,
    /// `param_objects:`
    ParamObjects,
    /// `external_resources:`
    ExternalResources,
    /// `enums:`
    Enums,
    /// `unions:`
    Unions,
    /// `endpoints:`
    Endpoints,
}

impl Section {
    /// The section's key.
    pub fn key(self) -> &'static str {
        match self {
            Section::Resources => "resources",
            Section::Objects => "objects",
            Section::ParamObjects => "param_objects",
            Section::ExternalResources => "external_resources",
            Section::Enums => "enums",
            Section::Unions => "unions",
            Section::Endpoints => "endpoints",
        }
    }

    /// Every section, in file order.
    pub const ALL: [Section; 7] = [
        Section::Resources,
        Section::Objects,
        Section::ParamObjects,
        Section::ExternalResources,
        Section::Enums,
        Section::Unions,
        Section::Endpoints,
    ];
}

/// A definition of a module file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A resource or object.
    Object(Object),
    /// An external resource.
    External(External),
    /// An enum.
    Enum(Enum),
    /// A union.
    Union(Union),
    /// An endpoint.
    Endpoint(Endpoint),
}

impl Item {
    /// The name it defines.
    pub fn name(&self) -> &str {
        match self {
            Item::Object(def) => &def.name,
            Item::External(def) => &def.name,
            Item::Enum(def) => &def.name,
            Item::Union(def) => &def.name,
            Item::Endpoint(def) => &def.name,
        }
    }

    /// The section it is listed in.
    pub fn section(&self) -> Section {
        match self {
            Item::Object(def) => match def.role {
                Role::Resource => Section::Resources,
                Role::Object => Section::Objects,
                Role::Params => Section::ParamObjects,
            },
            Item::External(_) => Section::ExternalResources,
            Item::Enum(_) => Section::Enums,
            Item::Union(_) => Section::Unions,
            Item::Endpoint(_) => Section::Endpoints,
        }
    }
}

/// One `spec/<module>/<stem>.yaml`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct File {
    /// The comment on its first line.
    pub comment: String,
    /// Its definitions, in the order they were added; written grouped by section.
    pub items: Vec<Item>,
}

/// The files of an import, by module and stem.
pub type Files = BTreeMap<(String, String), File>;
