//! The spec as written: what `spec/README.md` describes, with the position of every name.

use crate::source::{FileId, Span};

/// A string from the spec and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// The string.
    pub value: String,
    /// Where it is.
    pub span: Span,
}

/// The whole spec.
#[derive(Debug)]
pub struct Spec {
    /// `api.yaml`.
    pub api: Api,
    /// Every module file, in path order.
    pub files: Vec<ModuleFile>,
}

/// `api.yaml`.
#[derive(Debug)]
pub struct Api {
    /// The file.
    pub file: FileId,
    /// The Stripe API version.
    pub api_version: Text,
    /// The declared modules.
    pub modules: Vec<ModuleDecl>,
}

/// A module declared in `api.yaml`.
#[derive(Debug)]
pub struct ModuleDecl {
    /// The module name.
    pub name: Text,
    /// Its description.
    pub description: Text,
}

/// One `spec/<module>/<stem>.yaml`.
#[derive(Debug)]
pub struct ModuleFile {
    /// The file.
    pub file: FileId,
    /// The module (directory) name.
    pub module: String,
    /// The file name without extension, which names the generated file.
    pub stem: String,
    /// Everything the file defines, in file order.
    pub items: Vec<Def>,
    /// Its `events:` section, in file order.
    pub events: Vec<EventDef>,
}

/// An event type from `events:`: what Stripe sends to webhooks, and the resource its
/// `data.object` holds.
#[derive(Debug)]
pub struct EventDef {
    /// The event type (`financial_connections.account.created`).
    pub name: Text,
    /// The type of its `data.object`, as written (`Account`, `shared::Customer`).
    pub object: Text,
    /// Its description.
    pub description: Text,
}

/// A definition in a module file.
#[derive(Debug)]
pub enum Def {
    /// From `resources:` or `objects:`.
    Object(ObjectDef),
    /// From `external_resources:`.
    External(ExternalDef),
    /// From `enums:`.
    Enum(EnumDef),
    /// From `endpoints:`.
    Endpoint(EndpointDef),
}

impl Def {
    /// The name it defines.
    pub fn name(&self) -> &Text {
        match self {
            Def::Object(def) => &def.name,
            Def::External(def) => &def.name,
            Def::Enum(def) => &def.name,
            Def::Endpoint(def) => &def.name,
        }
    }
}

/// A resource (an object with an ID) or a plain object.
#[derive(Debug)]
pub struct ObjectDef {
    /// The Rust type name.
    pub name: Text,
    /// Whether it was listed under `resources:`.
    pub is_resource: bool,
    /// Its description.
    pub description: Text,
    /// The API's `object` value.
    pub object: Option<Text>,
    /// Other `object` values that must decode too.
    pub object_aliases: Vec<ValueDef>,
    /// The prefix of its IDs.
    pub id_prefix: Option<Text>,
    /// Its fields, in order.
    pub fields: Vec<FieldDef>,
}

/// A resource referenced by ID whose body this spec does not model.
#[derive(Debug)]
pub struct ExternalDef {
    /// The Rust type name.
    pub name: Text,
    /// Its description.
    pub description: Text,
    /// The API's `object` value.
    pub object: Text,
    /// The prefix of its IDs.
    pub id_prefix: Text,
}

/// A field of an object, or a parameter of an endpoint.
#[derive(Debug)]
pub struct FieldDef {
    /// The wire name.
    pub name: Text,
    /// An explicit Rust name.
    pub rust_name: Option<Text>,
    /// Its type.
    pub ty: TypeRef,
    /// Its description.
    pub description: Text,
    /// `nullable: true`: the value may be JSON null.
    pub nullable: Option<Span>,
    /// `optional: true`: the key may be absent.
    pub optional: Option<Span>,
    /// `requires_expand: true`: present only when requested through `expand[]`.
    pub requires_expand: Option<Span>,
    /// `clearable: true` (parameters): may be sent empty to clear the value.
    pub clearable: Option<Span>,
}

/// A string enum.
#[derive(Debug)]
pub struct EnumDef {
    /// The Rust type name.
    pub name: Text,
    /// Its description.
    pub description: Text,
    /// Its values, in order.
    pub values: Vec<ValueDef>,
}

/// A value of an enum (or an `object` alias).
#[derive(Debug)]
pub struct ValueDef {
    /// The value on the wire.
    pub wire: Text,
    /// Its description.
    pub description: Text,
    /// An explicit Rust variant name.
    pub rust_name: Option<Text>,
}

/// An HTTP operation.
#[derive(Debug)]
pub struct EndpointDef {
    /// The Rust function name.
    pub name: Text,
    /// Its description.
    pub description: Text,
    /// `GET` or `POST`.
    pub method: Text,
    /// The path with `{placeholders}`.
    pub path: Text,
    /// One per placeholder.
    pub path_params: Vec<FieldDef>,
    /// Query (GET) or form body (POST) parameters.
    pub params: Vec<FieldDef>,
    /// The response type.
    pub returns: TypeRef,
}

/// A type expression and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeRef {
    /// The type.
    pub expr: TypeExpr,
    /// Where it is.
    pub span: Span,
}

/// A type, as `spec/README.md` lists them.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeExpr {
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
    /// `object_tag`
    ObjectTag,
    /// `expand`
    Expand,
    /// `id`: the enclosing resource's own ID.
    OwnId,
    /// `id<Resource>`
    Id(NameRef),
    /// An object, resource or enum.
    Named(NameRef),
    /// `array<T>`
    Array(Box<TypeRef>),
    /// `map<K, V>`
    Map(MapKey, Box<TypeRef>),
    /// `expandable<Resource>`
    Expandable(NameRef),
    /// `list<Type>`
    List(NameRef),
    /// `range<T>`
    Range(Box<TypeRef>),
}

/// The key type of a `map`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapKey {
    /// `string`
    String,
    /// `currency`
    Currency,
}

/// A reference to a named type, optionally qualified with its module (`shared::Customer`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRef {
    /// The module, when qualified.
    pub module: Option<String>,
    /// The type name.
    pub name: String,
    /// Where it is.
    pub span: Span,
}

impl NameRef {
    /// The reference as written.
    pub fn display(&self) -> String {
        match &self.module {
            Some(module) => format!("{module}::{}", self.name),
            None => self.name.clone(),
        }
    }
}
