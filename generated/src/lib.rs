//! A typed client for the Stripe API: Financial Connections accounts and Treasury financial
//! accounts, pinned to API version [`API_VERSION`].
//!
//! The resource modules ([`financial_connections`], [`treasury`], [`shared`]) are generated from
//! `spec/` by `cargo xtask codegen`; do not edit them by hand. The runtime they build on (the
//! client, errors, and the value types below) is hand-written and lives in `src/runtime/`.
#![deny(missing_docs)]

// Generated files are formatted by the generator (prettyplease); rustfmt leaves them alone so
// that `cargo fmt` and `cargo xtask codegen --check` agree.
#[rustfmt::skip]
mod generated;
mod runtime;

pub use generated::*;
pub use runtime::{
    ApiError, ApiErrorType, AppInfo, BuildError, Client, ClientBuilder, DecodeError, Error, Method,
    Paginator, UnexpectedResponse, UnexpectedResponseKind, UsageError, http,
};
pub use runtime::{
    Clearable, Currency, Deleted, Expandable, List, Nullable, Object, RangeBounds, RangeQuery,
    RawObject, SearchResult, Timestamp, UnknownObject, UnknownValue,
};

// The README's example is compiled as a doctest, so it cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExamples;

/// Support code for the generated modules. Not part of the public API.
#[doc(hidden)]
pub mod __private {
    // The function `Client` decodes every response with, for the decode benchmark.
    pub use crate::runtime::client::decode_json;
    pub use crate::runtime::form::{Form, FormEncode, path_segment};
    pub use crate::runtime::paginate::{ListParams, SearchParams};
    pub use crate::runtime::strings::{deserialize_enum, unknown_value};
    pub use crate::runtime::union::{
        deserialize_union, deserialize_untagged, from_value, try_variant,
    };
    pub use crate::{__string_enum as string_enum, __string_id as string_id};
    pub use serde;
    pub use serde_json;
}
