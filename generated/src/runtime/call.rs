//! [`Call`], what every endpoint function returns: a future that sends the request and decodes
//! the response.
//!
//! Endpoint functions are plain functions returning a `Call`, not `async fn`s, so that the
//! crate compiles no state machine per endpoint: sending is one future for every endpoint, and
//! decoding is compiled only where a call is awaited, for its response type. On the whole
//! Stripe API, the `async fn`s and the decoding they compiled were over 40% of the crate's own
//! build (53.6 s to 30.3 s, BENCHMARKS.md).

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use serde::de::DeserializeOwned;

use super::client::{Client, decode_response};
use super::error::Error;
use super::form::Form;
use super::http::{HttpResponse, Method};

/// A call to a Stripe endpoint: a future that sends the request (with the client's retries)
/// when first polled, and decodes the response as a `T`.
///
/// The parameters are encoded when the endpoint function is called, so the call borrows only
/// the client. It is `Send` and `Unpin`; like any future, it panics if polled again after it
/// has returned its result.
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'a, T> {
    state: State<'a>,
    response: PhantomData<fn() -> T>,
}

/// Where a [`Call`] is.
enum State<'a> {
    /// Not polled yet.
    Unsent {
        client: &'a Client,
        method: Method,
        path: String,
        form: Form,
    },
    /// Being sent: one future type for every endpoint.
    Sending(Sending<'a>),
    /// Finished; polling again is a bug of the caller's.
    Done,
}

impl<'a, T> Call<'a, T> {
    pub(crate) fn new(client: &'a Client, method: Method, path: String, form: Form) -> Self {
        Self {
            state: State::Unsent {
                client,
                method,
                path,
                form,
            },
            response: PhantomData,
        }
    }
}

// Not the parameters: they can hold personal data.
impl<T> fmt::Debug for Call<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut call = f.debug_struct("Call");
        match &self.state {
            State::Unsent { method, path, .. } => {
                call.field("method", method).field("path", path);
            }
            State::Sending(_) => {
                call.field("state", &"sending");
            }
            State::Done => {
                call.field("state", &"done");
            }
        }
        call.finish_non_exhaustive()
    }
}

/// The request of a call, being sent. Not generic, so that its state machine is compiled once
/// for every endpoint, not once per response type.
fn send(client: &Client, method: Method, path: String, form: Form) -> Sending<'_> {
    Box::pin(async move { client.send_request(method, &path, &form).await })
}

/// A request being sent, with the client's retries.
type Sending<'a> = Pin<Box<dyn Future<Output = Result<HttpResponse, Error>> + Send + 'a>>;

impl<T: DeserializeOwned> Future for Call<'_, T> {
    type Output = Result<T, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut sending = match std::mem::replace(&mut self.state, State::Done) {
            State::Unsent {
                client,
                method,
                path,
                form,
            } => send(client, method, path, form),
            State::Sending(sending) => sending,
            State::Done => panic!("a `Call` was polled after it finished"),
        };
        match sending.as_mut().poll(cx) {
            Poll::Pending => {
                self.state = State::Sending(sending);
                Poll::Pending
            }
            Poll::Ready(sent) => Poll::Ready(sent.and_then(|response| decode_response(&response))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Call;

    fn is_send_and_unpin<T: Send + Unpin>() {}

    #[test]
    fn a_call_can_be_moved_between_threads_and_polled_unpinned() {
        is_send_and_unpin::<Call<'static, serde_json::Value>>();
    }
}
