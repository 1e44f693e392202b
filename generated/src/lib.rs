//! A typed client for the Stripe API: Financial Connections accounts and Treasury financial
//! accounts, pinned to API version [`API_VERSION`].
//!
//! Each endpoint is a function in its resource's module ([`financial_connections`],
//! [`treasury`]; [`shared`] holds types both use, [`events`] the webhook events), taking a
//! [`Client`], the IDs in its path and a parameters struct, and returning a [`Call`]: a future
//! that sends the request when awaited. A parameters struct implements `Default` when no
//! parameter is required, and otherwise has a `new` taking the required ones. Results are typed models that
//! keep decoding when Stripe adds fields or enum values.
//!
//! # Quick start
//!
//! With the default features the client brings its own HTTP transport (reqwest, rustls) and
//! runs on tokio:
//!
//! ```no_run
//! use stripe_client::Client;
//! use stripe_client::financial_connections::{
//!     AccountId, ListAccountsParams, RetrieveAccountParams, list_accounts, retrieve_account,
//! };
//!
//! #[tokio::main]
//! async fn main() -> Result<(), stripe_client::Error> {
//!     let client = Client::new("sk_test_...");
//!
//!     let params = ListAccountsParams { limit: Some(3), ..Default::default() };
//!     let page = list_accounts(&client, &params).await?;
//!     for account in &page.data {
//!         println!("{} {} {}", account.id, account.institution_name, account.status);
//!     }
//!
//!     let id = AccountId::new("fca_1MwVK82eZvKYlo2Cjw8FMxXf");
//!     let account = retrieve_account(&client, &id, &RetrieveAccountParams::default()).await?;
//!     println!("{} is {}", account.id, account.status);
//!     Ok(())
//! }
//! ```
//!
//! [`Client::new`] panics on a malformed key; [`Client::try_new`] and [`Client::builder`] return
//! the problem as an error, for a key read from configuration. The builder sets the base URL
//! (a mock server in tests), timeouts, retries, a connected account and the application's name.
//!
//! # Handling errors
//!
//! Every call returns [`Error`]. Stripe's own answers are [`Error::Api`], with the HTTP status,
//! the error's [`kind`](ApiError::kind) and, when Stripe gives one, its
//! [`code`](ApiError::code) as an [`ErrorCode`]; codes newer than this crate are
//! [`ErrorCode::Unknown`], so match the ones you handle and leave the rest to `_`:
//!
//! ```no_run
//! use stripe_client::financial_connections::{AccountId, retrieve_account};
//! use stripe_client::{Client, Error, ErrorCode};
//!
//! # async fn example(client: &Client) -> Result<(), Error> {
//! let id = AccountId::new("fca_1MwVK82eZvKYlo2Cjw8FMxXf");
//! match retrieve_account(client, &id, &Default::default()).await {
//!     Ok(account) => println!("{}: {}", account.id, account.status),
//!     Err(Error::Api(err)) if err.code == Some(ErrorCode::ResourceMissing) => {
//!         println!("no such account (live and test mode keep separate objects)");
//!     }
//!     Err(Error::Api(err)) => {
//!         // `param` names the parameter at fault; `message` is written for people.
//!         eprintln!("Stripe refused: {} {:?} {:?}", err.status, err.param, err.message);
//!     }
//!     // Already retried as the client's settings allow.
//!     Err(err @ (Error::Timeout(_) | Error::Network(_))) => eprintln!("no answer: {err}"),
//!     Err(err) => return Err(err),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! The other variants say what went wrong on this side: [`Error::Usage`] is a call refused
//! before sending (an empty ID, a header value with a line break), [`Error::Decode`] a response
//! that does not decode (with the JSON path and the body), [`Error::UnexpectedResponse`] one the
//! client cannot use (a redirect, a body over the size limit). [`Error::request_id`] gives the
//! `Request-Id` to quote to Stripe support whenever a response arrived. No error, `Debug` output
//! or log ever contains the secret key.
//!
//! # Retries, timeouts and idempotency
//!
//! The client retries connection failures, timeouts, and responses with status 409, 429 or
//! 5xx (or whatever a `Stripe-Should-Retry` header says), up to twice by default, with a growing,
//! jittered delay or the wait a `Retry-After` header asks for. Each attempt has a timeout (80
//! seconds by default) and the whole call a total one (twice that). Every `POST` carries an
//! `Idempotency-Key`, the same on each retry, so Stripe never applies it twice.
//!
//! To retry a `POST` yourself later (after a crash, from a job queue), choose the key, so that
//! Stripe recognises the repeat; options like this one are set for one call on a cheap clone of
//! the client (see [`Client`]):
//!
//! ```no_run
//! use std::time::Duration;
//!
//! use stripe_client::Clearable;
//! use stripe_client::treasury::{
//!     FinancialAccountId, UpdateFinancialAccountParams, update_financial_account,
//! };
//!
//! # async fn example(client: &stripe_client::Client) -> Result<(), stripe_client::Error> {
//! let id = FinancialAccountId::new("fa_1MtZmL2eZvKYlo2Cer6cdwEC");
//! let params = UpdateFinancialAccountParams {
//!     nickname: Some(Clearable::Set("Payroll".into())),
//!     ..Default::default()
//! };
//! let once = client
//!     .with_idempotency_key("rename-fa_1MtZmL2eZvKYlo2Cer6cdwEC-payroll")
//!     .with_timeout(Duration::from_secs(20))
//!     .with_max_retries(5);
//! update_financial_account(&once, &id, &params).await?;
//! # Ok(())
//! # }
//! ```
//!
//! # Pagination
//!
//! List endpoints have two functions: `list_...` returns one page (a [`List`]), and
//! `list_..._paginated` a [`Paginator`], which fetches page after page as it is consumed, with
//! the same filters, never repeating or skipping an object. It is a
//! [`Stream`](futures_core::Stream) for stream combinators, and has
//! [`next`](Paginator::next) and [`try_collect`](Paginator::try_collect) of its own:
//!
//! ```no_run
//! use stripe_client::treasury::{ListFinancialAccountsParams, list_financial_accounts_paginated};
//!
//! # async fn example(client: &stripe_client::Client) -> Result<(), stripe_client::Error> {
//! let params = ListFinancialAccountsParams { limit: Some(100), ..Default::default() };
//! let mut accounts = list_financial_accounts_paginated(client, params.clone());
//! while let Some(account) = accounts.next().await {
//!     let account = account?;
//!     println!("{} {}", account.id, account.status);
//! }
//!
//! // Or all at once, stopping at the first error.
//! let all = list_financial_accounts_paginated(client, params).try_collect().await?;
//! println!("{} financial accounts", all.len());
//! # Ok(())
//! # }
//! ```
//!
//! # Expanding objects
//!
//! A field that holds another object's ID unless asked for the object is an [`Expandable`]: ask
//! for it with the parameters' `expand`, whose values are typed, then read it with
//! [`as_object`](Expandable::as_object). A list's `expand` applies to every object listed (it
//! is sent as `data.<path>`, as Stripe requires).
//!
//! ```no_run
//! use stripe_client::financial_connections::{
//!     AccountExpand, AccountId, RetrieveAccountParams, retrieve_account,
//! };
//!
//! # async fn example(client: &stripe_client::Client) -> Result<(), stripe_client::Error> {
//! let id = AccountId::new("fca_1MwVK82eZvKYlo2Cjw8FMxXf");
//! let params = RetrieveAccountParams { expand: vec![AccountExpand::Ownership] };
//! let account = retrieve_account(client, &id, &params).await?;
//! if let Some(ownership) = account.ownership.value().and_then(|ownership| ownership.as_object()) {
//!     println!("{} owner(s)", ownership.owners.data.len());
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Response metadata and parameters the crate does not know
//!
//! Endpoint functions return the decoded object only. The status, `Request-Id` and headers of a
//! call's response are recorded by a clone made with [`Client::with_last_response`] (see
//! [`LastResponse`]). Parameters newer than this crate (a preview feature) are sent with
//! [`Client::with_extra_params`] (see [`ExtraParams`]), encoded like the typed ones.
//!
//! # Webhooks
//!
//! Stripe signs every webhook event it sends, with your endpoint's signing secret, in the
//! `Stripe-Signature` header. Check that signature against the exact bytes of the body before
//! trusting an event, and refuse old timestamps, which a replayed event would carry.
//! [`webhook::construct_event`] does both and decodes the event, its object typed by the event
//! type ([`events::EventData`]):
//!
//! ```
//! use stripe_client::events::EventData;
//! use stripe_client::webhook;
//!
//! # fn main() -> Result<(), webhook::WebhookError> {
//! # let secret = "whsec_test";
//! # let body = br#"{"id": "evt_1", "object": "event", "type": "vendor.thing.happened", "created": 1700000000, "livemode": false, "pending_webhooks": 1, "api_version": "2026-07-29.dahlia", "data": {"object": {"id": "x_1"}}}"#;
//! # let header = webhook::generate_test_header(body, secret, stripe_client::Timestamp::now());
//! // `body` is the request body exactly as received; `header` its `Stripe-Signature`.
//! let event = webhook::construct_event(body, &header, secret)?;
//! match &event.data {
//!     EventData::FinancialConnectionsAccountRefreshedBalance(account) => {
//!         println!("{}: {:?}", account.id, account.balance)
//!     }
//!     other => println!("not handled: {}", other.event_type()),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Testing with a custom transport
//!
//! The client sends every request through an [`http::HttpClient`], a one-method trait: give
//! [`ClientBuilder::http_client`] one that answers from a script to test code that calls Stripe
//! without a network. It gets each request whole (method, URL with the query, headers, body).
//!
//! ```
//! use std::sync::{Arc, Mutex};
//!
//! use stripe_client::Client;
//! use stripe_client::financial_connections::{ListAccountsParams, list_accounts};
//! use stripe_client::http::{BoxFuture, HttpClient, HttpRequest, HttpResponse, TransportError};
//!
//! /// Answers every request with an empty list, and keeps the requests.
//! #[derive(Clone, Default)]
//! struct EmptyLists {
//!     sent: Arc<Mutex<Vec<HttpRequest>>>,
//! }
//!
//! impl HttpClient for EmptyLists {
//!     fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
//!         self.sent.lock().unwrap().push(request);
//!         let body = r#"{"object": "list", "data": [], "has_more": false, "url": "/v1/x"}"#;
//!         Box::pin(async move {
//!             Ok(HttpResponse {
//!                 status: 200,
//!                 headers: vec![("Request-Id".into(), "req_test".into())],
//!                 body: body.into(),
//!             })
//!         })
//!     }
//! }
//!
//! #[tokio::main(flavor = "current_thread")]
//! async fn main() {
//!     let transport = EmptyLists::default();
//!     let client = Client::builder("sk_test_123")
//!         .http_client(transport.clone())
//!         .build()
//!         .unwrap();
//!
//!     let params = ListAccountsParams { limit: Some(3), ..Default::default() };
//!     let page = list_accounts(&client, &params).await.unwrap();
//!     assert!(page.data.is_empty());
//!
//!     let sent = transport.sent.lock().unwrap();
//!     assert_eq!(sent[0].method.as_str(), "GET");
//!     assert_eq!(sent[0].url, "https://api.stripe.com/v1/financial_connections/accounts?limit=3");
//! }
//! ```
//!
//! For tests over real HTTP, point [`ClientBuilder::base_url`] at a local server (`http://` is
//! accepted for loopback hosts only).
//!
//! # Cargo features
//!
//! - `reqwest` (default): the built-in transport, `http::ReqwestClient`. Turns on `tokio`.
//! - `tokio`: tokio's timer, `http::TokioTimer`, for the attempt timeouts and the waits between
//!   retries. Without it, give the client an [`http::Timer`] with [`ClientBuilder::timer`];
//!   with a custom transport as well, `default-features = false` builds without tokio, and the
//!   client runs on any executor.
//! - `tracing` (off): a `stripe_request` span per call (method, path, then status and request
//!   ID) and an event per attempt (attempt number, status or error kind, request ID, retry
//!   reason, elapsed time), through the `tracing` crate. Never a header value, a parameter or
//!   a body, so never the secret key.
#![deny(missing_docs)]

// Generated files are formatted by the generator (prettyplease); rustfmt leaves them alone so
// that `cargo fmt` and `cargo xtask codegen --check` agree.
#[rustfmt::skip]
mod generated;
mod runtime;

pub use generated::*;
pub use runtime::{
    ApiError, ApiErrorType, AppInfo, BuildError, Call, Client, ClientBuilder, DecodeError, Error,
    ErrorCode, ExtraParams, LastResponse, Method, Paginator, UnexpectedResponse,
    UnexpectedResponseKind, UsageError, http, webhook,
};
pub use runtime::{
    Clearable, Currency, Deleted, Expandable, List, Nullable, Object, RangeBounds, RangeQuery,
    RawObject, ResponseMeta, SearchResult, Timestamp, UnknownObject, UnknownValue,
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
    pub use crate::runtime::json_path::PathError;
    pub use crate::runtime::paginate::{ListParams, SearchParams};
    pub use crate::runtime::strings::{deserialize_enum, unknown_value};
    pub use crate::runtime::union::{
        deserialize_union, deserialize_untagged, from_value, try_variant,
    };
    pub use crate::runtime::webhook::decode::{EventObject, decode_event_object};
    pub use crate::{__string_enum as string_enum, __string_id as string_id};
    pub use serde;
    pub use serde_json;
}
