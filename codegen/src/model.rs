//! The model the emitter works from: every name resolved to a Rust name and a module, every
//! trait decided. Built by [`lower`](crate::lower) from a validated spec.

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
    /// Decoded from and encoded to JSON (used in responses).
    pub json: bool,
    /// Encoded as request parameters.
    pub form: bool,
    /// For a resource: the ID type, so that it implements `Object`.
    pub id: Option<String>,
}

impl Struct {
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
    /// An `object` tag, which decodes to its default when absent.
    pub is_tag: bool,
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
    /// The prefix of its IDs (`fca_`).
    pub prefix: String,
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

/// An HTTP endpoint.
#[derive(Debug)]
pub struct Endpoint {
    /// The function name.
    pub name: String,
    /// Its doc comment.
    pub doc: String,
    /// `GET` or `POST`.
    pub method: Method,
    /// The path with `{placeholders}`.
    pub path: String,
    /// The path parameters, in path order.
    pub path_params: Vec<PathParam>,
    /// The parameters struct, unless the endpoint takes none.
    pub params: Option<Struct>,
    /// The response.
    pub returns: Returns,
    /// For list endpoints that can paginate: the `starting_after` field and the item's ID field.
    pub cursor: Option<Cursor>,
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// GET: parameters in the query string.
    Get,
    /// POST: parameters in a form body.
    Post,
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
}
