//! Webhooks: check that a request came from Stripe, and decode the event it carries.
//!
//! Stripe signs every webhook request with the endpoint's signing secret (`whsec_...`, shown
//! with the endpoint in the Dashboard) in the `Stripe-Signature` header. [`construct_event`]
//! checks that signature against the request body, exactly as received, and decodes the event,
//! with its `data.object` typed by its `type` ([`EventData`]):
//!
//! ```
//! use stripe_client::Timestamp;
//! use stripe_client::events::EventData;
//! use stripe_client::webhook::{self, WebhookError};
//!
//! fn handle(body: &[u8], signature: &str, secret: &str) -> Result<(), WebhookError> {
//!     let event = webhook::construct_event(body, signature, secret)?;
//!     match &event.data {
//!         EventData::FinancialConnectionsAccountRefreshedBalance(account) => {
//!             println!("{}: balance refresh {:?}", account.id, account.balance_refresh);
//!         }
//!         EventData::TreasuryFinancialAccountFeaturesStatusUpdated(financial_account) => {
//!             println!("{}: {:?}", financial_account.id, financial_account.active_features);
//!         }
//!         other => println!("ignored {}", other.event_type()),
//!     }
//!     Ok(())
//! }
//!
//! // A test of the handler, with a request signed the way Stripe signs one.
//! let body = br#"{"id": "evt_1", "object": "event", "api_version": "2026-07-29.dahlia",
//!     "created": 1700000000, "livemode": false, "pending_webhooks": 1, "request": null,
//!     "type": "customer.created", "data": {"object": {"id": "cus_1", "object": "customer"}}}"#;
//! let secret = "whsec_test_secret";
//! let signature = webhook::generate_test_header(body, secret, Timestamp::now());
//! handle(body, &signature, secret).unwrap();
//! assert_eq!(
//!     handle(body, &signature, "whsec_another_secret"),
//!     Err(WebhookError::NoMatchingSignature)
//! );
//! ```
//!
//! Pass the body as bytes, before any JSON parsing: a body that was parsed and encoded again
//! no longer matches its signature. Answer a request whose check fails with status 400, and
//! one you accept with a 2xx status quickly, before any slow work: Stripe retries a request
//! that is not answered with 2xx.

pub(crate) mod decode;
mod error;
mod signature;

use std::time::Duration;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::events::EventData;
use crate::{API_VERSION, Timestamp};

pub use error::WebhookError;
pub use signature::{generate_test_header, verify_signature};

/// How far a signature's timestamp may be from now, before or after, in [`construct_event`]:
/// five minutes, as in Stripe's libraries.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// The name of the header holding the signature.
pub const SIGNATURE_HEADER: &str = "Stripe-Signature";

/// Checks that `signature_header` (the value of the `Stripe-Signature` header) signs `payload`
/// (the request body, exactly as received) with `secret` (the endpoint's signing secret) within
/// the last [`DEFAULT_TOLERANCE`], and decodes the event. An empty `secret` is refused
/// ([`WebhookError::EmptySecret`]) before anything is checked.
pub fn construct_event(
    payload: &[u8],
    signature_header: &str,
    secret: &str,
) -> Result<Event, WebhookError> {
    construct_event_with_tolerance(
        payload,
        signature_header,
        secret,
        DEFAULT_TOLERANCE,
        Timestamp::now(),
    )
}

/// [`construct_event`] with the tolerance and the current time given: the signature's timestamp
/// must be within `tolerance` of `now`, before or after.
pub fn construct_event_with_tolerance(
    payload: &[u8],
    signature_header: &str,
    secret: &str,
    tolerance: Duration,
    now: Timestamp,
) -> Result<Event, WebhookError> {
    verify_signature(payload, signature_header, secret, tolerance, now)?;
    Event::from_json(payload)
}

/// The ID of an [`Event`], such as `evt_...`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventId(String);

impl EventId {
    /// The prefix Stripe gives every event ID.
    pub const PREFIX: &'static str = "evt_";

    /// An ID from its string form, used as given.
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// The ID as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

crate::__string_id!(EventId);

/// An event Stripe sent to a webhook endpoint.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Event {
    /// Unique identifier for the event. Stripe may send an event more than once: handle each
    /// ID once.
    pub id: EventId,
    /// The event type, such as `financial_connections.account.refreshed_balance`.
    pub type_: String,
    /// When the event happened.
    pub created: Timestamp,
    /// Whether the event happened in live mode.
    pub livemode: bool,
    /// The API version `data` was rendered with; `None` for some old events. See
    /// [`api_version_matches`](Self::api_version_matches).
    pub api_version: Option<String>,
    /// The connected account the event happened on (`acct_...`), for Connect endpoints.
    pub account: Option<String>,
    /// How many webhook deliveries of this event have not yet succeeded.
    pub pending_webhooks: i64,
    /// The API request that caused the event; `None` for events Stripe caused itself.
    pub request: Option<EventRequest>,
    /// `data.object`: the object the event is about, typed by the event's type.
    pub data: EventData,
    /// `data.previous_attributes`: for `*.updated` events, the values of the attributes that
    /// changed before the change, as Stripe sent them.
    pub previous_attributes: Option<Map<String, Value>>,
}

impl Event {
    /// Decodes an event from its JSON, without checking any signature: for events that did not
    /// come through a webhook, such as those of the Events API. For a webhook request, call
    /// [`construct_event`].
    pub fn from_json(payload: &[u8]) -> Result<Event, WebhookError> {
        decode::event(payload)
    }

    /// Whether the event was rendered with this crate's [`API_VERSION`], as Stripe advises.
    ///
    /// An event of another version decodes where its objects still fit this crate's types
    /// (unknown fields are ignored, unknown enum values kept); set the webhook endpoint's API
    /// version to this crate's so that they always do.
    pub fn api_version_matches(&self) -> bool {
        self.api_version.as_deref() == Some(API_VERSION)
    }
}

/// The API request that caused an event.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct EventRequest {
    /// The ID of the request (`req_...`); `None` when the event was caused by an action in the
    /// Dashboard.
    #[serde(default)]
    pub id: Option<String>,
    /// The idempotency key the request was sent with, if any.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}
