//! The error every request returns.
//!
//! `Display` and `std::error::Error` are written by hand rather than derived with `thiserror`:
//! there are a few small types, and a proc-macro crate would add to every clean build for them.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

use super::error_code::ErrorCode;
use super::http::TransportError;
use super::strings::{UnknownValue, unknown_value};

/// Why a request failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Stripe answered with an error (any status other than 2xx, with Stripe's error body).
    Api(Box<ApiError>),
    /// No response arrived within the client's timeout, after any retries.
    Timeout(TransportError),
    /// No response arrived because of a network failure (connect, reset, TLS), after any retries.
    Network(TransportError),
    /// A response arrived but its body could not be decoded: it is not the JSON expected for
    /// this request (on success), or not Stripe's error JSON (on failure).
    Decode(Box<DecodeError>),
    /// The request was refused before anything was sent, because it cannot be sent as asked (a
    /// header value with a line break, an empty ID, a metadata key with brackets). Never
    /// retried: fix the call.
    Usage(UsageError),
    /// A response arrived that is neither an answer nor one of Stripe's errors: a redirect
    /// (never followed), a body over [`ClientBuilder::max_response_size`], a list page that does
    /// not advance. Never retried.
    ///
    /// [`ClientBuilder::max_response_size`]: crate::ClientBuilder::max_response_size
    UnexpectedResponse(Box<UnexpectedResponse>),
}

impl Error {
    /// The HTTP status of the response, when one arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(err) => Some(err.status),
            Self::Decode(err) => Some(err.status),
            Self::UnexpectedResponse(err) => Some(err.status),
            Self::Timeout(_) | Self::Network(_) | Self::Usage(_) => None,
        }
    }

    /// The `Request-Id` Stripe gave the response, when one arrived with it. Quote it to Stripe
    /// support.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Api(err) => err.request_id.as_deref(),
            Self::Decode(err) => err.request_id.as_deref(),
            Self::UnexpectedResponse(err) => err.request_id.as_deref(),
            Self::Timeout(_) | Self::Network(_) | Self::Usage(_) => None,
        }
    }

    /// The API error, if Stripe answered with one.
    pub fn as_api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Api(err) => Some(err),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(err) => err.fmt(f),
            Self::Timeout(err) | Self::Network(err) => write!(f, "Stripe request failed: {err}"),
            Self::Decode(err) => err.fmt(f),
            Self::Usage(err) => err.fmt(f),
            Self::UnexpectedResponse(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Api(err) => Some(&**err),
            Self::Timeout(err) | Self::Network(err) => Some(err),
            Self::Decode(err) => Some(&**err),
            Self::Usage(err) => Some(err),
            Self::UnexpectedResponse(err) => Some(&**err),
        }
    }
}

/// An error response from Stripe: `{"error": {"type": ..., "message": ..., ...}}`, with the
/// response's status and request ID.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status of the response (`402`).
    #[serde(skip)]
    pub status: u16,
    /// The response's `Request-Id` header (`req_...`).
    #[serde(skip)]
    pub request_id: Option<String>,
    /// The category of error.
    #[serde(rename = "type")]
    pub kind: ApiErrorType,
    /// A code a program can act on ([`ErrorCode::ResourceMissing`],
    /// [`ErrorCode::CardDeclined`]), when Stripe gives one. A code this version does not know
    /// is [`ErrorCode::Unknown`]; [`ErrorCode::as_str`] gives any code as sent.
    #[serde(default)]
    pub code: Option<ErrorCode>,
    /// A human-readable message, which may be shown to the person who made the request.
    #[serde(default)]
    pub message: Option<String>,
    /// The request parameter the error is about, when there is one.
    #[serde(default)]
    pub param: Option<String>,
    /// For card errors from a declined charge: the issuer's reason.
    #[serde(default)]
    pub decline_code: Option<String>,
    /// A link to Stripe's documentation of the error code.
    #[serde(default)]
    pub doc_url: Option<String>,
    /// A link to this request in the Stripe Dashboard's logs.
    #[serde(default)]
    pub request_log_url: Option<String>,
    /// Every other field of the error object (`charge`, `payment_intent`, ...), as sent.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stripe API error ({} {}", self.status, self.kind)?;
        if let Some(code) = &self.code {
            write!(f, ", code {code}")?;
        }
        if let Some(param) = &self.param {
            write!(f, ", param {param}")?;
        }
        f.write_str(")")?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(request_id) = &self.request_id {
            write!(f, " [request {request_id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// The `type` of a Stripe error. Values Stripe adds later decode as [`Unknown`](Self::Unknown),
/// which, like [`ErrorCode::Unknown`], can be read but not made: match it with a binding or `_`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiErrorType {
    /// `api_error`: a problem on Stripe's side.
    ApiError,
    /// `card_error`: the card could not be charged.
    CardError,
    /// `idempotency_error`: an idempotency key was reused with different parameters.
    IdempotencyError,
    /// `invalid_request_error`: the request had invalid parameters.
    InvalidRequestError,
    /// A type this version of the client does not know, kept as sent.
    Unknown(UnknownValue),
}

impl ApiErrorType {
    /// The type as Stripe sends it (`"card_error"`).
    pub fn as_str(&self) -> &str {
        match self {
            Self::ApiError => "api_error",
            Self::CardError => "card_error",
            Self::IdempotencyError => "idempotency_error",
            Self::InvalidRequestError => "invalid_request_error",
            Self::Unknown(other) => other.as_str(),
        }
    }
}

impl FromStr for ApiErrorType {
    type Err = Infallible;

    fn from_str(value: &str) -> Result<Self, Infallible> {
        Ok(match value {
            "api_error" => Self::ApiError,
            "card_error" => Self::CardError,
            "idempotency_error" => Self::IdempotencyError,
            "invalid_request_error" => Self::InvalidRequestError,
            other => Self::Unknown(unknown_value(other)),
        })
    }
}

impl fmt::Display for ApiErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ApiErrorType {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::strings::deserialize_enum(deserializer)
    }
}

/// A response body that could not be decoded, with where decoding stopped.
///
/// `Display` and `Debug` show at most [`DecodeError::SHOWN_BYTES`] bytes of the message and of
/// the body, so logging one never prints a whole large response; [`body`](Self::body) has all
/// of it.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError {
    status: u16,
    request_id: Option<String>,
    path: String,
    message: String,
    body: String,
}

impl DecodeError {
    /// How many bytes of the body and of the message `Display` and `Debug` show.
    pub const SHOWN_BYTES: usize = 1024;

    pub(crate) fn new(
        status: u16,
        request_id: Option<String>,
        err: super::json_path::PathError,
        body: &[u8],
    ) -> Self {
        Self {
            status,
            request_id,
            path: err.path().to_owned(),
            message: err.into_inner().to_string(),
            body: String::from_utf8_lossy(body).into_owned(),
        }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response's `Request-Id` header, if it had one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The JSON path where decoding failed (`data[1].balance.cash`); `.` for the top level.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong there, with the line and column in the body. A body that is not UTF-8
    /// (Stripe never sends one) is decoded with U+FFFD in place of its bad bytes, and the line
    /// and column are then those of that text.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The whole response body (invalid UTF-8 replaced), to log or to decode some other way.
    pub fn body(&self) -> &str {
        &self.body
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not decode Stripe's response (status {}) at `{}`: {}",
            self.status,
            Shortened(&self.path),
            Shortened(&self.message)
        )?;
        if let Some(request_id) = &self.request_id {
            write!(f, " [request {}]", Shortened(request_id))?;
        }
        Ok(())
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("request_id", &self.request_id.as_deref().map(Shortened))
            .field("path", &Shortened(&self.path))
            .field("message", &Shortened(&self.message))
            .field("body", &Shortened(&self.body))
            .finish()
    }
}

impl std::error::Error for DecodeError {}

/// Text from a response, shown up to [`DecodeError::SHOWN_BYTES`] bytes and then a count of the
/// rest: a response can be megabytes long, and error messages end up in logs.
#[derive(Clone, Copy)]
struct Shortened<'a>(&'a str);

impl Shortened<'_> {
    fn parts(&self) -> (&str, usize) {
        let text = self.0;
        if text.len() <= DecodeError::SHOWN_BYTES {
            return (text, 0);
        }
        let mut end = DecodeError::SHOWN_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        (&text[..end], text.len() - end)
    }
}

impl fmt::Display for Shortened<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (shown, rest) = self.parts();
        f.write_str(shown)?;
        if rest > 0 {
            write!(f, "... ({rest} more bytes)")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Shortened<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (shown, rest) = self.parts();
        fmt::Debug::fmt(shown, f)?;
        if rest > 0 {
            write!(f, "... ({rest} more bytes)")?;
        }
        Ok(())
    }
}

/// A request the client refused to send, and why. The message names what is wrong (which
/// header, which parameter) and never contains the secret key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError {
    message: String,
}

impl UsageError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// What is wrong with the request.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stripe request not sent: {}", self.message)
    }
}

impl std::error::Error for UsageError {}

/// A response the client cannot use, with its status and request ID.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnexpectedResponse {
    /// The HTTP status of the response.
    pub status: u16,
    /// The response's `Request-Id` header, if it had one.
    pub request_id: Option<String>,
    /// What was wrong with it.
    pub kind: UnexpectedResponseKind,
}

/// What made a response unusable.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UnexpectedResponseKind {
    /// A redirect (3xx). Stripe's API never redirects, so the client does not follow one: a
    /// `POST` followed as a `GET` would report success for an update that never happened. The
    /// base URL probably points at something other than the API.
    Redirect {
        /// The `Location` header, if there was one.
        location: Option<String>,
    },
    /// The body is longer than the client accepts (`limit` bytes, set by
    /// [`ClientBuilder::max_response_size`](crate::ClientBuilder::max_response_size)); it was not
    /// read further.
    TooLarge {
        /// The largest body the client accepts, in bytes.
        limit: usize,
    },
    /// A list page said more objects follow (`has_more: true`) but did not move the cursor: it
    /// was empty, or the request for the next page would repeat one already sent. Paging stops
    /// rather than requesting the same page forever.
    PageDidNotAdvance,
}

impl fmt::Display for UnexpectedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self.status;
        match &self.kind {
            UnexpectedResponseKind::Redirect { location } => {
                write!(
                    f,
                    "Stripe's API never redirects, but the response was a {status} redirect"
                )?;
                if let Some(location) = location {
                    write!(f, " to `{}`", Shortened(location))?;
                }
                f.write_str("; not followed (is the base URL right?)")?;
            }
            UnexpectedResponseKind::TooLarge { limit } => write!(
                f,
                "the response (status {status}) is longer than the limit of {limit} bytes \
                 (ClientBuilder::max_response_size)"
            )?,
            UnexpectedResponseKind::PageDidNotAdvance => f.write_str(
                "a list page said more objects follow (has_more: true) but did not advance the \
                 cursor; paging stopped rather than repeating a request",
            )?,
        }
        if let Some(request_id) = &self.request_id {
            write!(f, " [request {}]", Shortened(request_id))?;
        }
        Ok(())
    }
}

impl std::error::Error for UnexpectedResponse {}
