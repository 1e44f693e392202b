//! What a successful call's response said besides its body: the status, the `Request-Id` and
//! the headers, for the caller who asks for them (errors carry their own).

use std::sync::{Arc, Mutex, PoisonError};

use super::http::{HttpResponse, find_header};

/// The status, `Request-Id` and headers of a response, recorded by a [`LastResponse`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseMeta {
    status: u16,
    headers: Vec<(String, String)>,
    attempts: u32,
}

impl ResponseMeta {
    pub(crate) fn new(response: &HttpResponse, attempts: u32) -> Self {
        Self {
            status: response.status,
            headers: response.headers.clone(),
            attempts,
        }
    }

    /// The HTTP status (`200`).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `Request-Id` Stripe gave the response (`req_...`), to find it in the Dashboard's
    /// logs or to quote to Stripe support.
    pub fn request_id(&self) -> Option<&str> {
        self.header("Request-Id")
    }

    /// The value of the first header called `name` (ignoring ASCII case), if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Every header, as received.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// How many attempts the call made to get this response: 1, plus one per retry.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

/// Where a client records the metadata of its calls' responses: give it to
/// [`Client::with_last_response`](crate::Client::with_last_response), make the call, then
/// [`get`](Self::get) it.
///
/// The generated functions return the decoded object and nothing else, so that the common call
/// stays short; this is how the rest of a response is reached, for any endpoint, without a
/// second version of every function. Each call through the recording client first empties it,
/// then records the last response that arrived (after any retries; for a paginator, the last
/// page so far), success or not. It stays empty when no response arrived at all (a timeout, a
/// network failure, a call refused before sending).
///
/// ```no_run
/// use stripe_client::LastResponse;
/// use stripe_client::treasury::{FinancialAccountId, retrieve_financial_account};
///
/// # async fn example(client: &stripe_client::Client, id: &FinancialAccountId) -> Result<(), stripe_client::Error> {
/// let last = LastResponse::new();
/// let account = retrieve_financial_account(&client.with_last_response(&last), id, &Default::default()).await?;
/// if let Some(meta) = last.get() {
///     println!("{} came in {:?} after {} attempt(s)", account.id, meta.request_id(), meta.attempts());
/// }
/// # Ok(())
/// # }
/// ```
///
/// A `LastResponse` is a shared handle (clones record into the same place), so it can be read
/// after the client clone is gone. Calls made at the same time through clients recording into
/// the same handle overwrite each other: give each call of interest its own.
#[derive(Clone, Debug, Default)]
pub struct LastResponse(Arc<Mutex<Option<ResponseMeta>>>);

impl LastResponse {
    /// An empty record.
    pub fn new() -> Self {
        Self::default()
    }

    /// The metadata of the last response recorded, if a response arrived.
    pub fn get(&self) -> Option<ResponseMeta> {
        self.lock().clone()
    }

    /// The metadata of the last response recorded, leaving the record empty.
    pub fn take(&self) -> Option<ResponseMeta> {
        self.lock().take()
    }

    pub(crate) fn set(&self, meta: Option<ResponseMeta>) {
        *self.lock() = meta;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<ResponseMeta>> {
        // Nothing can panic while the lock is held, and the value is whole either way.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
