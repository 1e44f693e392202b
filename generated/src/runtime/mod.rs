//! Hand-written support code for the generated modules. Nothing here is generated.

mod call;
mod checks;
mod clearable;
pub(crate) mod client;
#[cfg(test)]
mod client_tests;
mod currency;
pub mod decode;
mod deleted;
mod error;
mod error_code;
mod expandable;
mod extra_params;
pub(crate) mod form;
pub mod http;
pub(crate) mod json_path;
mod list;
mod nullable;
pub(crate) mod paginate;
mod random;
mod range;
mod raw_object;
mod response_meta;
mod search;
pub(crate) mod strings;
mod telemetry;
mod timer;
mod timestamp;
mod trace;
pub(crate) mod union;
pub mod webhook;

pub use call::Call;
pub use clearable::Clearable;
pub use client::{BuildError, Client, ClientBuilder};
pub use currency::Currency;
pub use deleted::Deleted;
pub use error::{
    ApiError, ApiErrorType, DecodeError, Error, UnexpectedResponse, UnexpectedResponseKind,
    UsageError,
};
pub use error_code::ErrorCode;
pub use expandable::{Expandable, Object};
pub use extra_params::ExtraParams;
pub use http::Method;
pub use list::List;
pub use nullable::Nullable;
pub use paginate::Paginator;
pub use range::{RangeBounds, RangeQuery};
pub use raw_object::RawObject;
pub use response_meta::{LastResponse, ResponseMeta};
pub use search::SearchResult;
pub use strings::UnknownValue;
pub use telemetry::AppInfo;
pub use timestamp::Timestamp;
pub use union::UnknownObject;
