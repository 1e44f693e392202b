//! The model the emitter works from: every name resolved to a Rust name and a module, every
//! trait decided. Built by [`lower`](crate::lower) from a validated spec.

pub use crate::spec::ast::Method;

/// The whole generated crate.
#[derive(Debug)]
pub struct Model {
    /// The Stripe API version.
    pub api_version: String,
    /// The spec directory as shown in messages and headers (`spec`).
    pub source_root: String,
    /// Modules, sorted by name.
    pub modules: Vec<Module>,
    /// Every event type of the spec, in spec order: the variants of `EventData`.
    pub events: Vec<EventType>,
}

/// An event type Stripe sends to webhooks, and the resource its `data.object` holds.
#[derive(Debug)]
pub struct EventType {
    /// The event type on the wire (`financial_connections.account.created`).
    pub wire: String,
    /// Its variant of `EventData` (`FinancialConnectionsAccountCreated`).
    pub variant: String,
    /// Its doc comment.
    pub doc: String,
    /// The type of its `data.object`.
    pub object: TypePath,
    /// The spec file it is listed in, for the header.
    pub source: String,
}

/// One module: a directory of the spec.
#[derive(Debug)]
pub struct Module {
    /// The module name.
    pub name: String,
    /// Its doc comment.
    pub doc: String,
    /// Its files, sorted by name.
    pub files: Vec<File>,
}

/// One generated file: one spec file.
#[derive(Debug)]
pub struct File {
    /// The file name without extension.
    pub stem: String,
    /// The spec file it comes from, for the header.
    pub source: String,
    /// Its items, in spec order.
    pub items: Vec<Item>,
}

/// An item of a generated file.
#[derive(Debug)]
pub enum Item {
    /// A struct.
    Struct(Struct),
    /// A string enum.
    Enum(Enum),
    /// The ID newtype of a resource.
    Id(IdType),
    /// An alias for the raw body of an external resource.
    External(External),
    /// A union of objects.
    Union(Union),
    /// A parameter of one of several types.
    OneOf(OneOf),
    /// An endpoint: its parameters struct and its functions.
    Endpoint(Box<Endpoint>),
}

/// A type defined in some module.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TypePath {
    /// The module.
    pub module: String,
    /// The type name.
    pub name: String,
}

/// A struct: a resource, an object, or an endpoint's parameters.
#[derive(Debug)]
pub struct Struct {
    /// The type name.
    pub name: String,
    /// Its doc comment.
    pub doc: String,
    /// Its fields, in spec order.
    pub fields: Vec<Field>,
    /// Decoded from and encoded to JSON (a response), or encoded as request parameters.
    pub encoding: Encoding,
    /// For a resource: the ID type, so that it implements `Object`.
    pub id: Option<String>,
}

/// How a struct travels, which its section in the spec decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Decoded from responses, and encoded back to the same JSON.
    Json,
    /// Sent as request parameters, form encoded.
    Form,
}

impl Struct {
    /// Whether it is decoded from and encoded to JSON.
    pub fn json(&self) -> bool {
        self.encoding == Encoding::Json
    }

    /// Whether it is sent as request parameters.
    pub fn form(&self) -> bool {
        self.encoding == Encoding::Form
    }

    /// Whether every field has a default, so the struct derives `Default`.
    pub fn all_optional(&self) -> bool {
        self.fields
            .iter()
            .all(|field| field.presence != Presence::Required)
    }
}

/// A field of a struct.
#[derive(Debug)]
pub struct Field {
    /// The Rust name.
    pub rust: String,
    /// The wire name.
    pub wire: String,
    /// Its doc comment.
    pub doc: String,
    /// Its type.
    pub ty: Ty,
    /// Whether it may be absent, null, or cleared.
    pub presence: Presence,
    /// Present only when requested through `expand[]`.
    pub requires_expand: bool,
    /// Held in a `Box` (`boxed: true`).
    pub boxed: bool,
    /// An `object` tag, which decodes to its default when absent.
    pub is_tag: bool,
    /// A list parameter that Stripe refuses empty, which the client refuses before sending.
    pub non_empty: bool,
}

/// How a field's value may be missing, which decides its Rust type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Always present: `T`.
    Required,
    /// Present, possibly `null`: `Option<T>`.
    Nullable,
    /// Possibly absent: `Option<T>`; parameters that are arrays or maps stay bare, empty when
    /// left out.
    Optional,
    /// Possibly absent, possibly `null`: `Nullable<T>`.
    OptionalNullable,
    /// A parameter that may be left out or sent empty: `Option<Clearable<T>>`.
    Clearable,
}

/// A field type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// `String`
    String,
    /// `i64`
    Integer,
    /// `bool`
    Boolean,
    /// `Timestamp`
    Timestamp,
    /// `Currency`
    Currency,
    /// A generated struct, enum or ID type.
    Named(TypePath),
    /// `Vec<T>`
    Array(Box<Ty>),
    /// `BTreeMap<String, T>` or `BTreeMap<Currency, T>`.
    Map {
        /// Whether keys are currencies rather than strings.
        currency_keys: bool,
        /// The value type.
        value: Box<Ty>,
    },
    /// `Expandable<T>`
    Expandable(TypePath),
    /// `List<T>`
    List(TypePath),
    /// `RangeQuery<T>`
    Range(Box<Ty>),
    /// `f64`
    Number,
    /// `Deleted`: the `deleted: true` of a deleted object.
    Deleted,
    /// `serde_json::Value`
    Json,
    /// `expand[]` paths: the response's expand enum, or strings when it has none.
    Expand {
        /// The expand enum.
        paths: Option<TypePath>,
        /// Whether the response is a list, whose paths are sent as `data.<path>`.
        list: bool,
    },
}

/// A string enum with an `Unknown` catch-all.
#[derive(Debug)]
pub struct Enum {
    /// The type name.
    pub name: String,
    /// Its doc comment.
    pub doc: String,
    /// Its known values.
    pub variants: Vec<Variant>,
    /// Whether the first variant is the `Default` (object tags).
    pub default_first: bool,
}

/// A known value of an enum.
#[derive(Debug)]
pub struct Variant {
    /// The variant name.
    pub rust: String,
    /// The value on the wire.
    pub wire: String,
    /// Its doc comment.
    pub doc: String,
}

/// The ID newtype of a resource.
#[derive(Debug)]
pub struct IdType {
    /// The type name (`AccountId`).
    pub name: String,
    /// The resource's type name (`Account`).
    pub resource: String,
    /// The prefix of its IDs (`fca_`), when the spec gives it.
    pub prefix: Option<String>,
}

/// An external resource: an alias for its raw JSON body.
#[derive(Debug)]
pub struct External {
    /// The type name (`Customer`).
    pub name: String,
    /// Its doc comment.
    pub doc: String,
    /// Its ID type (`CustomerId`).
    pub id: String,
}

/// A union of objects, told apart by their `object` tag and `deleted`.
#[derive(Debug)]
pub struct Union {
    /// The type name.
    pub name: String,
    /// Its doc comment.
    pub doc: String,
    /// Its variants, in spec order.
    pub variants: Vec<UnionVariant>,
    /// Whether the variants are tried in order, rather than chosen by their `object` tag.
    pub untagged: bool,
    /// The ID every variant carries, when all carry one; then the union implements `Object`.
    pub id: Option<UnionId>,
}

/// One object a union may be.
#[derive(Debug)]
pub struct UnionVariant {
    /// The variant name (the type's name).
    pub rust: String,
    /// The type.
    pub ty: TypePath,
    /// The `object` values that select it.
    pub objects: Vec<String>,
    /// Whether it is the deleted form of a resource, selected by `"deleted": true` too.
    pub deleted: bool,
    /// How to reach its ID, when the union has one.
    pub id: Option<VariantId>,
}

/// How a union variant gives its ID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VariantId {
    /// Through its `Object` impl (resources and external resources).
    Object,
    /// Through this field (the deleted form of a resource).
    Field(String),
}

/// The ID type of a union whose variants all carry an ID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnionId {
    /// Every variant carries the same ID type.
    Typed(TypePath),
    /// The variants carry different ID types: the ID is a string.
    Mixed,
}

/// A parameter that may be sent as one of several types (a `one_of`), or as exactly one of
/// several fields (an exclusive parameter object).
#[derive(Debug)]
pub struct OneOf {
    /// The type name.
    pub name: String,
    /// Its doc comment.
    pub doc: String,
    /// Its variants, in spec order.
    pub variants: Vec<OneOfVariant>,
    /// For a tagged parameter object: the field that names the variant sent.
    pub tag: Option<String>,
}

/// One type a `one_of` may be.
#[derive(Debug)]
pub struct OneOfVariant {
    /// The variant name.
    pub rust: String,
    /// Its doc comment.
    pub doc: String,
    /// The type.
    pub ty: Ty,
    /// For an exclusive parameter object: the field the value is sent as.
    pub wire: Option<String>,
}

/// An HTTP endpoint.
#[derive(Debug)]
pub struct Endpoint {
    /// The function name.
    pub name: String,
    /// Its doc comment.
    pub doc: String,
    /// The HTTP method.
    pub method: Method,
    /// The path, as written in the spec (for documentation).
    pub path_text: String,
    /// The path's segments.
    pub path: Vec<PathPart>,
    /// The path parameters, in path order.
    pub path_params: Vec<PathParam>,
    /// The parameters struct, unless the endpoint takes none.
    pub params: Option<Struct>,
    /// `From<ParamObject>` for the parameters struct, from `params_from:`.
    pub params_from: Option<ParamsFrom>,
    /// The response.
    pub returns: Returns,
    /// For list and search endpoints that can paginate: how.
    pub paging: Option<Paging>,
}

/// The parameter object an endpoint's parameters can be made from.
#[derive(Debug)]
pub struct ParamsFrom {
    /// The parameter object.
    pub source: TypePath,
    /// For each parameter, in order: its field name, and the source's field it takes, or
    /// `None` for its default.
    pub fields: Vec<(String, Option<String>)>,
}

/// A segment of an endpoint path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathPart {
    /// Sent as it is.
    Literal(String),
    /// The path parameter at this index of `path_params`.
    Param(usize),
}

/// A parameter in the path, passed as a function argument.
#[derive(Debug)]
pub struct PathParam {
    /// The argument name.
    pub rust: String,
    /// The placeholder name.
    pub wire: String,
    /// Its doc, for the function's documentation.
    pub doc: String,
    /// `id<R>` gives the ID type; `string` gives `None`.
    pub id: Option<TypePath>,
}

/// What an endpoint returns.
#[derive(Debug)]
pub enum Returns {
    /// One object.
    Object(TypePath),
    /// A page of objects.
    List(TypePath),
    /// A page of search results.
    Search(TypePath),
}

impl Returns {
    /// The object, or the type of the listed objects.
    pub fn item(&self) -> &TypePath {
        match self {
            Returns::Object(item) | Returns::List(item) | Returns::Search(item) => item,
        }
    }
}

/// How an endpoint moves to the next page.
#[derive(Debug)]
pub enum Paging {
    /// By object ID.
    Cursor(Cursor),
    /// By the `next_page` token of a search.
    Page {
        /// The parameters field holding `page`.
        page: String,
    },
}

/// How a list endpoint moves to the next page.
#[derive(Debug)]
pub struct Cursor {
    /// The parameters field holding `starting_after`.
    pub starting_after: String,
    /// The parameters field holding `ending_before`, which pages backwards when set.
    pub ending_before: Option<String>,
    /// Whether the cursors hold typed IDs (rather than strings).
    pub typed: bool,
    /// Whether the items are a union, whose IDs come through `Object`.
    pub union: bool,
    /// The items' ID field, when they are not a union.
    pub id_field: String,
}
