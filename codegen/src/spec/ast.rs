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
    /// The files that could not be read at all, so that validation does not report the
    /// consequences of their absence.
    pub unreadable: Unreadable,
}

/// Files that are not UTF-8 or not YAML: what they define is unknown.
#[derive(Debug, Default)]
pub struct Unreadable {
    /// `api.yaml`: the API version and the declared modules are unknown (`Spec::api` holds none).
    pub api: bool,
    /// The modules with such a file: a reference to a type of theirs may be to that file.
    pub modules: std::collections::BTreeSet<String>,
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
    /// From `unions:`.
    Union(UnionDef),
    /// A `one_of<...>` parameter type, named after the field that declares it.
    OneOf(OneOfDef),
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
            Def::Union(def) => &def.name,
            Def::OneOf(def) => &def.name,
            Def::Endpoint(def) => &def.name,
        }
    }
}

/// What a struct is for, which its section says: the role decides its traits and its fields'
/// types, so that no distant use of a type changes its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// From `resources:`: an API object with an ID, decoded from JSON.
    Resource,
    /// From `objects:`: a nested object of responses, decoded from JSON.
    Object,
    /// From `param_objects:`: a nested object of request parameters, form encoded.
    Params,
}

/// A resource (an object with an ID), a response object, or a parameter object.
#[derive(Debug)]
pub struct ObjectDef {
    /// The Rust type name.
    pub name: Text,
    /// Its section.
    pub role: Role,
    /// Whether it was written inline in a field, and named after it.
    pub inline: bool,
    /// Its description.
    pub description: Text,
    /// The API's `object` value.
    pub object: Option<Text>,
    /// Other `object` values that must decode too.
    pub object_aliases: Vec<ValueDef>,
    /// The prefix of its IDs.
    pub id_prefix: Option<Text>,
    /// `exclusive: true` (parameter objects): exactly one of its fields is sent.
    pub exclusive: Option<Span>,
    /// `tag: <field>` (parameter objects): exactly one of the other fields is sent, and this
    /// field says which, with that field's name.
    pub tag: Option<Text>,
    /// Its fields, in order.
    pub fields: Vec<FieldDef>,
}

impl ObjectDef {
    /// Whether exactly one of its fields (besides the tag) is sent: an enum, not a struct.
    pub fn is_exclusive(&self) -> bool {
        self.exclusive.is_some() || self.tag.is_some()
    }

    /// Whether it was listed under `resources:`.
    pub fn is_resource(&self) -> bool {
        self.role == Role::Resource
    }

    /// For a response object whose `id` field is always present and is `id<Resource>` (the
    /// deleted form of a resource): that resource.
    pub fn id_of(&self) -> Option<&NameRef> {
        if self.role != Role::Object {
            return None;
        }
        let field = self.fields.iter().find(|field| field.name.value == "id")?;
        match &field.ty.expr {
            TypeExpr::Id(target) if field.nullable.is_none() && field.optional.is_none() => {
                Some(target)
            }
            _ => None,
        }
    }
}

/// A response type that is one of several objects, told apart by their `object` tag (and by
/// `deleted`, for the deleted form of a resource).
#[derive(Debug)]
pub struct UnionDef {
    /// The Rust type name.
    pub name: Text,
    /// Its description.
    pub description: Text,
    /// `untagged: true`: the variants have no `object` tag, so the first that decodes is taken.
    pub untagged: Option<Span>,
    /// The objects it may be, in order.
    pub variants: Vec<NameRef>,
}

/// A parameter that may be sent as one of several types (`one_of<integer, RangeQuery>`).
#[derive(Debug)]
pub struct OneOfDef {
    /// The Rust type name, derived from the field.
    pub name: Text,
    /// The field's description.
    pub description: Text,
    /// The types it may be, in order.
    pub variants: Vec<TypeRef>,
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
    /// The prefix of its IDs, when known.
    pub id_prefix: Option<Text>,
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
    /// `boxed: true` (response fields): held in a `Box`, so that an object can contain itself.
    pub boxed: Option<Span>,
    /// `clearable: true` (parameters): may be sent empty to clear the value.
    pub clearable: Option<Span>,
    /// `non_empty: true` (array parameters): Stripe refuses the request when the list is empty.
    pub non_empty: Option<Span>,
}

impl FieldDef {
    /// Its Rust name: the `rust_name`, or the sanitised wire name. `None` when no identifier
    /// can be made, which validation reports.
    pub fn rust_name(&self) -> Option<String> {
        match &self.rust_name {
            Some(name) => Some(name.value.clone()),
            None => crate::names::field_name(&self.name.value),
        }
    }
}

/// A string enum.
#[derive(Debug)]
pub struct EnumDef {
    /// The Rust type name.
    pub name: Text,
    /// Its description.
    pub description: Text,
    /// Whether it was written inline in a field, and named after it.
    pub inline: bool,
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
    /// The HTTP method.
    pub method: Method,
    /// The path, parsed.
    pub path: PathTemplate,
    /// One per placeholder.
    pub path_params: Vec<FieldDef>,
    /// Query (GET) or form body (POST) parameters.
    pub params: Vec<FieldDef>,
    /// `params_from: <ParamObject>`: the parameter object the parameters can be made from
    /// (`From<ParamObject>`), which has some of the same fields.
    pub params_from: Option<TypeRef>,
    /// The response type.
    pub returns: TypeRef,
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Parameters in the query string.
    Get,
    /// Parameters in a form body.
    Post,
    /// Parameters in the query string; the response is usually the deleted form of a resource.
    Delete,
}

impl Method {
    /// The methods, as written in the spec.
    pub const ALL: [(&'static str, Method); 3] = [
        ("GET", Method::Get),
        ("POST", Method::Post),
        ("DELETE", Method::Delete),
    ];

    /// As written in the spec and sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// An endpoint path, parsed once: `/v1/accounts/{account}/owners`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathTemplate {
    /// The path as written.
    pub text: Text,
    /// Its segments, between the slashes, in order.
    pub segments: Vec<PathSegment>,
}

/// One segment of a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSegment {
    /// Sent as it is (`v1`, `accounts`).
    Literal(String),
    /// A `{placeholder}`, filled with the path parameter of that name.
    Param(Text),
}

impl PathTemplate {
    /// The placeholders, in path order.
    pub fn params(&self) -> impl Iterator<Item = &Text> {
        self.segments.iter().filter_map(|segment| match segment {
            PathSegment::Param(name) => Some(name),
            PathSegment::Literal(_) => None,
        })
    }
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
    /// `number`
    Number,
    /// `deleted`: the `deleted: true` of a deleted object.
    Deleted,
    /// `json`: free-form JSON.
    Json,
    /// `search<Type>`
    Search(NameRef),
    /// `one_of<A, B, ...>`; decoding names it and replaces it with a reference.
    OneOf(Vec<TypeRef>),
    /// `object` or `enum`, defined inline by the field; decoding names the definition and
    /// replaces this with a reference to it.
    Inline(InlineKind),
}

/// What an inline definition defines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InlineKind {
    /// `object`, with `fields:`.
    Object,
    /// `enum`, with `values:`.
    Enum,
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
