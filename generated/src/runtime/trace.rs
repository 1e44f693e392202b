//! What the client tells `tracing` (the `tracing` cargo feature, off by default): a span per
//! call and an event per attempt. Without the feature these functions do nothing and compile
//! away, so the client calls them unconditionally.
//!
//! Only the method, the path (IDs included, never the query string), statuses, request IDs,
//! counts, reasons and durations are recorded: never a header value, a parameter or a body,
//! which may hold the secret key or a customer's data.

use std::future::Future;
use std::time::Duration;

use super::error::Error;
use super::http::{HttpResponse, Method, TransportError};

/// One attempt of a call, as the client saw it.
// Without the feature nothing reads it, and the empty `attempt` compiles it away.
#[cfg_attr(not(feature = "tracing"), allow(dead_code))]
pub(crate) struct Attempt<'a> {
    /// 1 for the first attempt, plus one per retry.
    pub(crate) number: u32,
    pub(crate) outcome: &'a Result<HttpResponse, TransportError>,
    /// How long until another attempt, when one follows.
    pub(crate) retry_in: Option<Duration>,
    pub(crate) elapsed: Duration,
}

#[cfg(feature = "tracing")]
mod enabled {
    use super::*;
    use crate::runtime::http::TransportErrorKind;
    use tracing::Instrument;

    /// Runs `call` in a `stripe_request` span, and records how it ended on the span.
    pub(crate) async fn in_call_span<F>(method: Method, path: &str, call: F) -> F::Output
    where
        F: Future<Output = Result<HttpResponse, Error>>,
    {
        let span = tracing::info_span!(
            "stripe_request",
            method = method.as_str(),
            path,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            error = tracing::field::Empty,
        );
        let outcome = call.instrument(span.clone()).await;
        match &outcome {
            Ok(response) => {
                span.record("status", response.status);
                if let Some(request_id) = response.header("Request-Id") {
                    span.record("request_id", request_id);
                }
            }
            Err(err) => {
                span.record("error", error_kind(err));
            }
        }
        outcome
    }

    /// One event for one attempt: `WARN` when it is retried, `INFO` otherwise.
    pub(crate) fn attempt(attempt: &Attempt<'_>) {
        let (status, request_id, error) = match attempt.outcome {
            Ok(response) => (Some(response.status), response.header("Request-Id"), None),
            Err(err) => (None, None, Some(transport_kind(err))),
        };
        let retry = attempt.retry_in.map(|_| retry_reason(attempt.outcome));
        let retry_in_ms = attempt.retry_in.map(millis);
        macro_rules! attempt_event {
            ($level:ident) => {
                tracing::$level!(
                    attempt = attempt.number,
                    status,
                    request_id,
                    error,
                    retry,
                    retry_in_ms,
                    elapsed_ms = millis(attempt.elapsed),
                    "stripe request attempt"
                )
            };
        }
        if attempt.retry_in.is_some() {
            attempt_event!(warn);
        } else {
            attempt_event!(info);
        }
    }

    /// Why an attempt is retried, from what it got.
    fn retry_reason(outcome: &Result<HttpResponse, TransportError>) -> &'static str {
        match outcome {
            Ok(response) if response.header("Stripe-Should-Retry").is_some() => {
                "stripe-should-retry"
            }
            Ok(response) => match response.status {
                409 => "status 409",
                429 => "status 429",
                _ => "status 5xx",
            },
            Err(err) => transport_kind(err),
        }
    }

    fn transport_kind(err: &TransportError) -> &'static str {
        match err.kind() {
            TransportErrorKind::Timeout => "timeout",
            TransportErrorKind::Connect => "connect",
            TransportErrorKind::Other => "network",
        }
    }

    fn error_kind(err: &Error) -> &'static str {
        match err {
            Error::Api(_) => "api",
            Error::Timeout(_) => "timeout",
            Error::Network(_) => "network",
            Error::Decode(_) => "decode",
            Error::Usage(_) => "usage",
            Error::UnexpectedResponse(_) => "unexpected_response",
        }
    }

    fn millis(duration: Duration) -> u64 {
        u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
    }
}

#[cfg(feature = "tracing")]
pub(crate) use enabled::{attempt, in_call_span};

#[cfg(not(feature = "tracing"))]
pub(crate) async fn in_call_span<F>(_method: Method, _path: &str, call: F) -> F::Output
where
    F: Future<Output = Result<HttpResponse, Error>>,
{
    call.await
}

#[cfg(not(feature = "tracing"))]
pub(crate) fn attempt(_attempt: &Attempt<'_>) {}
