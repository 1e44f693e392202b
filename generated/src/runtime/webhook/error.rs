//! Why a webhook request was refused. No variant holds the signing secret or the signature it
//! gives (which would let whoever reads a log forge events), so neither `Display` nor `Debug`
//! can show them.

use std::fmt;
use std::time::Duration;

use crate::API_VERSION;

/// Why [`construct_event`](super::construct_event) refused a webhook request.
///
/// [`EmptySecret`](Self::EmptySecret) is this server's fault: its configuration lacks the
/// endpoint's signing secret. The next four variants mean the request may not come from Stripe:
/// answer it with status 400 and do not act on it. The last three mean it did come from Stripe
/// (the signature matched) but is not an event this crate can decode.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// The signing secret is empty, as when the variable meant to hold it is unset. Nothing is
    /// checked against it: anyone can sign with an empty key.
    EmptySecret,
    /// The `Stripe-Signature` header is not of the form `t=<timestamp>,v1=<signature>,...`.
    MalformedHeader {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The header has a timestamp but no `v1` signature, the scheme Stripe signs with.
    NoV1Signature,
    /// No `v1` signature of the header is the signature of this payload with this secret: the
    /// secret is not this endpoint's, or the payload is not the request body exactly as sent.
    NoMatchingSignature,
    /// The signature matches, but its timestamp is further from now than the tolerance: the
    /// request may be a replay of an old one (or a clock is wrong).
    TimestampOutsideTolerance {
        /// The header's timestamp, in seconds since the Unix epoch.
        timestamp: i64,
        /// The time it was checked against, in seconds since the Unix epoch.
        now: i64,
        /// The tolerance.
        tolerance: Duration,
    },
    /// The payload is not JSON (or not UTF-8, which JSON must be).
    NotJson {
        /// Where and why it is not.
        message: String,
    },
    /// The payload is JSON but not a Stripe event: a field of the event itself is missing or
    /// has the wrong type, or its `object` is not `event`.
    NotAnEvent {
        /// Where and why it is not.
        message: String,
    },
    /// The event is well formed, but its `data.object` does not decode as the resource its
    /// type names: most likely the event was generated for another API version than this
    /// crate's (see [`api_version`](Self::InvalidObject::api_version)).
    InvalidObject {
        /// The event's `type`.
        event_type: String,
        /// The event's `api_version`, when known.
        api_version: Option<String>,
        /// The JSON path within `data.object` where decoding failed (`balance.cash`); `.` for
        /// the object itself.
        path: String,
        /// What was wrong there.
        message: String,
    },
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptySecret => f.write_str(
                "the webhook signing secret is empty: set it to the endpoint's secret (`whsec_...`)",
            ),
            Self::MalformedHeader { reason } => write!(
                f,
                "the Stripe-Signature header is malformed ({reason}); expected `t=<timestamp>,v1=<signature>`"
            ),
            Self::NoV1Signature => f.write_str(
                "the Stripe-Signature header has no `v1` signature, the scheme Stripe signs with",
            ),
            Self::NoMatchingSignature => f.write_str(
                "no signature in the Stripe-Signature header matches the payload: check that the \
                 secret is this endpoint's signing secret and that the payload is the raw request \
                 body, unchanged",
            ),
            Self::TimestampOutsideTolerance {
                timestamp,
                now,
                tolerance,
            } => {
                let (distance, direction) = if timestamp <= now {
                    (now.abs_diff(*timestamp), "before")
                } else {
                    (timestamp.abs_diff(*now), "after")
                };
                write!(
                    f,
                    "the Stripe-Signature timestamp {timestamp} is {distance} s {direction} now \
                     ({now}), more than the tolerance of {} s: a replayed request, or a clock that \
                     is off",
                    tolerance.as_secs()
                )
            }
            Self::NotJson { message } => write!(f, "the webhook payload is not JSON: {message}"),
            Self::NotAnEvent { message } => {
                write!(f, "the webhook payload is not a Stripe event: {message}")
            }
            Self::InvalidObject {
                event_type,
                api_version,
                path,
                message,
            } => {
                write!(
                    f,
                    "the `data.object` of a `{event_type}` event does not decode at `{path}`: {message}"
                )?;
                match api_version {
                    Some(version) if version != API_VERSION => write!(
                        f,
                        " (the event is of API version {version}, this crate of {API_VERSION}: set \
                         the webhook endpoint's API version to {API_VERSION})"
                    ),
                    _ => Ok(()),
                }
            }
        }
    }
}

impl std::error::Error for WebhookError {}
