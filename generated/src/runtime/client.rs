//! The [`Client`]: authentication, headers, timeouts, retries, and decoding.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::time::Instant;

use super::call::Call;
use super::checks::{check_base_url, check_header_value, check_path, is_header_value};
use super::error::{
    ApiError, DecodeError, Error, UnexpectedResponse, UnexpectedResponseKind, UsageError,
};
use super::extra_params::ExtraParams;
use super::form::{Form, FormEncode};
use super::http::{
    HttpClient, HttpRequest, HttpResponse, Method, TransportError, TransportErrorKind,
};
use super::json_path::PathError;
use super::paginate::{ListParams, Paginator, SearchParams};
use super::random;
use super::response_meta::{LastResponse, ResponseMeta};
use super::telemetry::{AppInfo, Telemetry};
use super::timer::{self, Timer};
use super::trace;

const DEFAULT_BASE_URL: &str = "https://api.stripe.com";
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(80);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_MAX_RETRIES: u32 = 2;
const DEFAULT_RETRY_BASE_DELAY: Duration = Duration::from_millis(500);
const DEFAULT_RETRY_MAX_DELAY: Duration = Duration::from_secs(5);
const DEFAULT_MAX_RETRY_AFTER: Duration = Duration::from_secs(30);
/// 16 MiB: far more than any Stripe response, little enough to hold in memory.
const DEFAULT_MAX_RESPONSE_SIZE: usize = 16 * 1024 * 1024;

/// A Stripe API client: the secret key, the settings, and a pooled HTTP transport.
///
/// Cloning is cheap (the shared part is behind an `Arc`), so pass clones around freely; every
/// clone uses the same connection pool.
///
/// # Per-request settings
///
/// The generated endpoint functions take `&Client` and nothing else besides their parameters.
/// Settings that belong to one request are carried by a clone of the client made for it:
///
/// ```no_run
/// # async fn example(client: &stripe_client::Client) {
/// // Act on a connected account, for this call only.
/// let connected = client.with_stripe_account("acct_1032D82eZvKYlo2C");
/// // Make a POST safe to repeat by hand: Stripe applies it once per key.
/// let once = client.with_idempotency_key("order-6735-close");
/// // Give up sooner than the client's default, without retrying.
/// let hurried = client
///     .with_timeout(std::time::Duration::from_secs(5))
///     .with_max_retries(0);
/// // Send a parameter this crate does not know yet (a preview feature).
/// let preview = client.with_extra_params(
///     stripe_client::ExtraParams::new().set("preview_feature[enabled]", true),
/// );
/// # let _ = (connected, once, hurried, preview);
/// # }
/// ```
///
/// Such a clone costs a few reference-count increments, and leaves `client` unchanged.
///
/// # Response metadata
///
/// The generated functions return the decoded object. The status, `Request-Id` and headers of
/// a call's response are recorded, when asked, by a clone made with
/// [`with_last_response`](Self::with_last_response); see [`LastResponse`](crate::LastResponse).
/// An error carries its own ([`Error::request_id`], [`Error::status`]).
///
/// # Retries
///
/// A request is retried, up to [`ClientBuilder::max_retries`] times, when no response arrived
/// (connection failure, timeout) or the response has status 409, 429 or 5xx. A
/// `Stripe-Should-Retry: true` or `false` response header overrides the status. Retries wait an
/// exponentially growing, jittered delay, or what a `Retry-After` header asks for (in seconds, up
/// to [`ClientBuilder::max_retry_after`]). All of it fits in the call's
/// [`total_timeout`](ClientBuilder::total_timeout): the last attempt is cut short at the
/// deadline, and a retry that could not start before it is not made.
///
/// Every `POST` carries an `Idempotency-Key` header (a random UUID unless set with
/// [`with_idempotency_key`](Self::with_idempotency_key)), the same on each retry, so Stripe never
/// applies it twice. `GET` and `DELETE` carry none.
///
/// A redirect (any 3xx) is never followed nor retried: Stripe's API does not redirect, so one
/// means the base URL points elsewhere, and following it could turn a `POST` into a `GET` that
/// reports success. It is [`Error::UnexpectedResponse`].
///
/// # Runtime
///
/// Timeouts and the delays between retries use the client's [`Timer`](crate::http::Timer): by
/// default tokio's (`http::TokioTimer`), so requests must run inside a
/// tokio runtime with the timer enabled (which the default reqwest transport needs anyway).
/// With a custom transport and [`ClientBuilder::timer`], the client runs on any executor, and
/// the crate builds without tokio (`default-features = false`).
#[derive(Clone)]
pub struct Client {
    shared: Arc<Shared>,
    stripe_account: Option<Arc<str>>,
    idempotency_key: Option<Arc<str>>,
    // The settings a request can change for itself.
    timeout: Option<Duration>,
    total_timeout: TotalTimeout,
    max_retries: u32,
    /// Where to record each call's last response, when asked.
    last_response: Option<LastResponse>,
    /// Parameters to send besides the typed ones, when asked.
    extra_params: Option<Arc<ExtraParams>>,
}

struct Shared {
    /// `Bearer <secret key>`: never printed.
    authorization: String,
    base_url: String,
    telemetry: Telemetry,
    retry_base_delay: Duration,
    retry_max_delay: Duration,
    max_retry_after: Duration,
    max_response_size: usize,
    http: Arc<dyn HttpClient>,
    timer: Arc<dyn Timer>,
}

/// How long a whole call may take, retries and waits included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TotalTimeout {
    /// Twice the attempt's timeout (none without one): room for a retry after a slow failure,
    /// never `(retries + 1)` times the timeout.
    TwiceTheAttempt,
    /// As set; `None` for no limit.
    Fixed(Option<Duration>),
}

impl TotalTimeout {
    fn resolve(self, attempt: Option<Duration>) -> Option<Duration> {
        match self {
            Self::TwiceTheAttempt => attempt.map(|attempt| attempt.saturating_mul(2)),
            Self::Fixed(total) => total,
        }
    }
}

/// The limit on one attempt, which names itself in the timeout error.
#[derive(Clone, Copy)]
enum Limit {
    /// The attempt's own timeout.
    Attempt(Duration),
    /// What is left of the call's total timeout (the second value).
    Total(Duration, Duration),
}

impl Client {
    /// A client with the default settings, authenticating with `secret_key` (`sk_live_...`,
    /// `sk_test_...` or a restricted `rk_...` key).
    ///
    /// # Panics
    ///
    /// When the key is empty or holds characters not allowed in an HTTP header, or when the TLS
    /// backend cannot be initialised. The panic message never contains the key. Use
    /// [`Client::try_new`] or [`Client::builder`] to get these as an error instead, for a key
    /// read from configuration.
    #[cfg(feature = "reqwest")]
    pub fn new(secret_key: impl Into<String>) -> Self {
        match Self::try_new(secret_key) {
            Ok(client) => client,
            Err(err) => panic!("cannot build the Stripe client: {err}"),
        }
    }

    /// A client with the default settings, as [`Client::new`], or why it cannot be built.
    ///
    /// # Errors
    ///
    /// When the key is empty or holds characters not allowed in an HTTP header, or when the TLS
    /// backend cannot be initialised. The error never contains the key.
    #[cfg(feature = "reqwest")]
    pub fn try_new(secret_key: impl Into<String>) -> Result<Self, BuildError> {
        Self::builder(secret_key).build()
    }

    /// A builder for a client authenticating with `secret_key`.
    pub fn builder(secret_key: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            secret_key: secret_key.into(),
            base_url: DEFAULT_BASE_URL.to_owned(),
            stripe_account: None,
            timeout: Some(DEFAULT_TIMEOUT),
            total_timeout: TotalTimeout::TwiceTheAttempt,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            retry_base_delay: DEFAULT_RETRY_BASE_DELAY,
            retry_max_delay: DEFAULT_RETRY_MAX_DELAY,
            max_retry_after: DEFAULT_MAX_RETRY_AFTER,
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            allow_insecure_http: false,
            app_info: None,
            http_client: None,
            timer: None,
        }
    }

    /// A clone of this client whose requests act on the connected account `account`
    /// (`acct_...`), through the `Stripe-Account` header. Replaces any account set before.
    ///
    /// A value that cannot be a header value (empty, a line break or other control character,
    /// non-ASCII, a space at either end) makes each request fail with [`Error::Usage`] before
    /// anything is sent.
    pub fn with_stripe_account(&self, account: impl Into<String>) -> Self {
        Self {
            stripe_account: Some(account.into().into()),
            ..self.clone()
        }
    }

    /// A clone of this client whose `POST` requests carry the idempotency key `key` instead of a
    /// random one. Stripe applies a `POST` at most once per key (for 24 hours), so use the clone
    /// for one request: a second `POST` with the same key gets the first one's result.
    ///
    /// A key that cannot be a header value (see
    /// [`with_stripe_account`](Self::with_stripe_account)) makes each `POST` fail with
    /// [`Error::Usage`] before anything is sent.
    pub fn with_idempotency_key(&self, key: impl Into<String>) -> Self {
        Self {
            idempotency_key: Some(key.into().into()),
            ..self.clone()
        }
    }

    /// A clone of this client whose attempts may each take up to `timeout` (see
    /// [`ClientBuilder::timeout`]). With the default total timeout, the call may take twice
    /// that.
    pub fn with_timeout(&self, timeout: Duration) -> Self {
        Self {
            timeout: Some(timeout),
            ..self.clone()
        }
    }

    /// A clone of this client whose calls may take up to `timeout` in all, retries included
    /// (see [`ClientBuilder::total_timeout`]).
    pub fn with_total_timeout(&self, timeout: Duration) -> Self {
        Self {
            total_timeout: TotalTimeout::Fixed(Some(timeout)),
            ..self.clone()
        }
    }

    /// A clone of this client that retries a failed request up to `max_retries` times (see
    /// [`ClientBuilder::max_retries`]); 0 sends each request once.
    pub fn with_max_retries(&self, max_retries: u32) -> Self {
        Self {
            max_retries,
            ..self.clone()
        }
    }

    /// A clone of this client that records the status, `Request-Id` and headers of each call's
    /// last response in `last` (see [`LastResponse`](crate::LastResponse)).
    pub fn with_last_response(&self, last: &LastResponse) -> Self {
        Self {
            last_response: Some(last.clone()),
            ..self.clone()
        }
    }

    /// A clone of this client whose calls send `extra` besides their typed parameters, for
    /// parameters this crate does not know (see [`ExtraParams`](crate::ExtraParams)). Replaces
    /// any extra parameters set before.
    pub fn with_extra_params(&self, extra: ExtraParams) -> Self {
        Self {
            extra_params: (!extra.is_empty()).then(|| Arc::new(extra)),
            ..self.clone()
        }
    }

    /// The connected account this client acts on, if any.
    pub fn stripe_account(&self) -> Option<&str> {
        self.stripe_account.as_deref()
    }

    /// One API call, which sends the request and decodes the response when awaited. Called by
    /// the generated endpoint functions; `path` starts with `/v1/` and has its segments already
    /// percent-encoded.
    #[doc(hidden)]
    pub fn execute<P, T>(&self, method: Method, path: String, params: &P) -> Call<'_, T>
    where
        P: FormEncode + ?Sized,
    {
        Call::new(self, method, path, Form::from_params(params))
    }

    /// Lists every object of a list endpoint, page after page. Called by the generated
    /// `..._paginated` functions.
    #[doc(hidden)]
    pub fn paginate<P>(&self, path: String, params: P) -> Paginator<P::Item>
    where
        P: ListParams,
        P::Item: DeserializeOwned + Send + 'static,
    {
        Paginator::new(self.clone(), path, params)
    }

    /// Every result of a search endpoint, page after page. Called by the generated
    /// `search_..._paginated` functions.
    #[doc(hidden)]
    pub fn paginate_search<P>(&self, path: String, params: P) -> Paginator<P::Item>
    where
        P: SearchParams,
        P::Item: DeserializeOwned + Send + 'static,
    {
        Paginator::new_search(self.clone(), path, params)
    }

    /// Checks and sends one API request, with retries, and returns the last response.
    pub(crate) async fn send_request(
        &self,
        method: Method,
        path: &str,
        form: &Form,
    ) -> Result<HttpResponse, Error> {
        trace::in_call_span(method, path, self.check_and_send(method, path, form)).await
    }

    async fn check_and_send(
        &self,
        method: Method,
        path: &str,
        form: &Form,
    ) -> Result<HttpResponse, Error> {
        if let Some(last) = &self.last_response {
            last.set(None);
        }
        check_path(path).map_err(|err| Error::Usage(UsageError::new(err)))?;
        if let Some(refusal) = form.refusal() {
            return Err(Error::Usage(UsageError::new(refusal)));
        }
        let request = match &self.extra_params {
            None => self.build_request(method, path, form)?,
            Some(extra) => {
                let mut form = form.clone();
                for (key, value) in extra.iter() {
                    form.push_extra(key, value)
                        .map_err(|err| Error::Usage(UsageError::new(err)))?;
                }
                self.build_request(method, path, &form)?
            }
        };
        self.send_with_retries(request).await
    }

    fn build_request(&self, method: Method, path: &str, form: &Form) -> Result<HttpRequest, Error> {
        let shared = &*self.shared;
        let mut url = format!("{}{path}", shared.base_url);
        let mut headers = vec![
            ("Authorization".to_owned(), shared.authorization.clone()),
            ("Stripe-Version".to_owned(), crate::API_VERSION.to_owned()),
            ("User-Agent".to_owned(), shared.telemetry.user_agent.clone()),
            (
                "X-Stripe-Client-User-Agent".to_owned(),
                shared.telemetry.client_user_agent.clone(),
            ),
        ];
        if let Some(account) = &self.stripe_account {
            check_header_value("Stripe-Account", account)
                .map_err(|err| Error::Usage(UsageError::new(err)))?;
            headers.push(("Stripe-Account".to_owned(), account.to_string()));
        }
        let body = match method {
            Method::Post => {
                let key = match &self.idempotency_key {
                    Some(key) => {
                        check_header_value("Idempotency-Key", key)
                            .map_err(|err| Error::Usage(UsageError::new(err)))?;
                        key.to_string()
                    }
                    None => random::uuid_v4(),
                };
                headers.push(("Idempotency-Key".to_owned(), key));
                headers.push((
                    "Content-Type".to_owned(),
                    "application/x-www-form-urlencoded".to_owned(),
                ));
                Some(form.as_str().to_owned())
            }
            Method::Get | Method::Delete => {
                if !form.is_empty() {
                    url.push('?');
                    url.push_str(form.as_str());
                }
                None
            }
        };
        Ok(HttpRequest {
            method,
            url,
            headers,
            body,
            max_response_size: self.shared.max_response_size,
        })
    }

    /// Sends `request`, retrying as the policy allows within the call's total timeout, and
    /// returns the last response.
    async fn send_with_retries(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        let shared = &*self.shared;
        let total = self.total_timeout.resolve(self.timeout);
        // A total timeout too long for the clock (`Duration::MAX` for none) sets no deadline.
        let deadline =
            total.and_then(|total| Some((shared.timer.now().checked_add(total)?, total)));
        let mut retries = 0;
        loop {
            let started = shared.timer.now();
            let outcome = self.send_once(request.clone(), deadline).await;
            let elapsed = shared.timer.now().saturating_duration_since(started);
            if let Ok(response) = &outcome {
                if let Some(last) = &self.last_response {
                    last.set(Some(ResponseMeta::new(response, retries + 1)));
                }
                if let Err(err) = check_size(response, shared.max_response_size) {
                    trace::attempt(&trace::Attempt {
                        number: retries + 1,
                        outcome: &outcome,
                        retry_in: None,
                        elapsed,
                    });
                    return Err(err);
                }
            }
            let wait = match &outcome {
                Ok(response) if should_retry(response) => Some(
                    retry_after(response)
                        .map(|wait| wait.min(shared.max_retry_after))
                        .unwrap_or_else(|| self.retry_delay(retries)),
                ),
                Ok(_) => None,
                Err(_) => Some(self.retry_delay(retries)),
            };
            // No retry that could not even start before the deadline.
            let wait = wait.filter(|&wait| {
                retries < self.max_retries
                    && deadline.is_none_or(|(deadline, _)| {
                        // `Retry-After` comes from the server: a wait past the clock's end
                        // cannot start before the deadline either.
                        shared
                            .timer
                            .now()
                            .checked_add(wait)
                            .is_some_and(|end| end < deadline)
                    })
            });
            trace::attempt(&trace::Attempt {
                number: retries + 1,
                outcome: &outcome,
                retry_in: wait,
                elapsed,
            });
            let Some(wait) = wait else {
                return outcome.map_err(|err| match err.kind() {
                    TransportErrorKind::Timeout => Error::Timeout(err),
                    TransportErrorKind::Connect | TransportErrorKind::Other => Error::Network(err),
                });
            };
            shared.timer.sleep(wait).await;
            retries += 1;
        }
    }

    /// One attempt, within the attempt's timeout and what is left until `deadline` (with the
    /// total timeout it comes from).
    async fn send_once(
        &self,
        request: HttpRequest,
        deadline: Option<(Instant, Duration)>,
    ) -> Result<HttpResponse, TransportError> {
        let shared = &*self.shared;
        let now = shared.timer.now();
        let left =
            deadline.map(|(deadline, total)| (deadline.saturating_duration_since(now), total));
        let limit = match (self.timeout, left) {
            (Some(attempt), Some((left, _))) if attempt <= left => Some(Limit::Attempt(attempt)),
            (_, Some((left, total))) => Some(Limit::Total(left, total)),
            (Some(attempt), None) => Some(Limit::Attempt(attempt)),
            (None, None) => None,
        };
        let send = shared.http.send(request);
        let Some(limit) = limit else {
            return send.await;
        };
        let (within, message) = match limit {
            Limit::Attempt(timeout) => (timeout, format!("no response within {timeout:?}")),
            Limit::Total(left, total) => (
                left,
                format!("no response within the call's total timeout of {total:?}"),
            ),
        };
        match timer::timeout(send, shared.timer.sleep(within)).await {
            Some(outcome) => outcome,
            None => Err(TransportError::new(TransportErrorKind::Timeout, message)),
        }
    }

    /// The wait before retry number `retries + 1`: the base delay doubled per retry, capped,
    /// then scaled by a random factor in [0.5, 1) so that clients do not retry in lockstep.
    pub(super) fn retry_delay(&self, retries: u32) -> Duration {
        let shared = &*self.shared;
        let doubled = shared.retry_base_delay.saturating_mul(1 << retries.min(16));
        doubled
            .min(shared.retry_max_delay)
            .mul_f64(0.5 + random::random_fraction() / 2.0)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shared = &*self.shared;
        f.debug_struct("Client")
            .field("secret_key", &"[redacted]")
            .field("base_url", &shared.base_url)
            .field("stripe_account", &self.stripe_account)
            .field("idempotency_key", &self.idempotency_key)
            .field("timeout", &self.timeout)
            .field("total_timeout", &self.total_timeout.resolve(self.timeout))
            .field("max_retries", &self.max_retries)
            .field("records_last_response", &self.last_response.is_some())
            .field("extra_params", &self.extra_params)
            .field("retry_base_delay", &shared.retry_base_delay)
            .field("retry_max_delay", &shared.retry_max_delay)
            .field("max_retry_after", &shared.max_retry_after)
            .field("max_response_size", &shared.max_response_size)
            .finish_non_exhaustive()
    }
}

/// Refuses a body over the limit, which a transport may have stopped reading past it.
fn check_size(response: &HttpResponse, limit: usize) -> Result<(), Error> {
    if response.body.len() <= limit {
        return Ok(());
    }
    Err(Error::UnexpectedResponse(Box::new(UnexpectedResponse {
        status: response.status,
        request_id: response.header("Request-Id").map(str::to_owned),
        kind: UnexpectedResponseKind::TooLarge { limit },
    })))
}

/// The wait a response asks for before a retry: a `Retry-After` header in whole seconds. The
/// HTTP-date form is not used by Stripe and falls back to the backoff.
fn retry_after(response: &HttpResponse) -> Option<Duration> {
    let seconds = response.header("Retry-After")?.trim().parse::<u64>().ok()?;
    Some(Duration::from_secs(seconds))
}

/// Whether a response is worth sending the request again for.
fn should_retry(response: &HttpResponse) -> bool {
    // A success is done, and a redirect is never followed, so repeating it cannot help.
    if response.status < 400 {
        return false;
    }
    match response.header("Stripe-Should-Retry") {
        Some("true") => true,
        Some("false") => false,
        _ => matches!(response.status, 409 | 429 | 500..=599),
    }
}

pub(crate) fn decode_response<T: DeserializeOwned>(response: &HttpResponse) -> Result<T, Error> {
    let status = response.status;
    let request_id = || response.header("Request-Id").map(str::to_owned);
    let decode_error = |err| {
        Error::Decode(Box::new(DecodeError::new(
            status,
            request_id(),
            err,
            &response.body,
        )))
    };
    if (200..300).contains(&status) {
        return decode_json(&response.body).map_err(decode_error);
    }
    if (300..400).contains(&status) {
        return Err(Error::UnexpectedResponse(Box::new(UnexpectedResponse {
            status,
            request_id: request_id(),
            kind: UnexpectedResponseKind::Redirect {
                location: response.header("Location").map(str::to_owned),
            },
        })));
    }

    #[derive(Deserialize)]
    struct ErrorBody {
        error: ApiError,
    }

    let mut error = decode_json::<ErrorBody>(&response.body)
        .map_err(decode_error)?
        .error;
    error.status = status;
    error.request_id = request_id();
    Err(Error::Api(Box::new(error)))
}

/// Decodes JSON, with the path to the value that failed when it fails.
///
/// JSON is UTF-8, and Stripe sends nothing else; a body that is not is decoded with U+FFFD in
/// place of its bad bytes, rather than read as bytes, so that each model has one decoding by
/// serde_json in the crate's machine code.
pub fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, PathError> {
    // `from_utf8_lossy` checks valid UTF-8 several times slower than `from_utf8` (it walks the
    // text in chunks): a third of the decoding time of a large list. Only an invalid body needs it.
    let text = match std::str::from_utf8(body) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(body),
    };
    serde_json::from_str(&text).map_err(|err| PathError::new(&text, err))
}

/// Settings for a [`Client`], from [`Client::builder`].
#[must_use]
pub struct ClientBuilder {
    secret_key: String,
    base_url: String,
    stripe_account: Option<String>,
    timeout: Option<Duration>,
    total_timeout: TotalTimeout,
    connect_timeout: Duration,
    max_retries: u32,
    retry_base_delay: Duration,
    retry_max_delay: Duration,
    max_retry_after: Duration,
    max_response_size: usize,
    allow_insecure_http: bool,
    app_info: Option<AppInfo>,
    http_client: Option<Arc<dyn HttpClient>>,
    timer: Option<Arc<dyn Timer>>,
}

impl ClientBuilder {
    /// The API's base URL, without the `/v1` (default `https://api.stripe.com`). Point it at a
    /// mock server in tests.
    ///
    /// Plain `http://` sends the secret key unencrypted, so it is accepted only for loopback
    /// hosts (`localhost`, `127.0.0.0/8`, `[::1]`) unless
    /// [`allow_insecure_http`](Self::allow_insecure_http) says otherwise.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Act on the connected account `account` (`acct_...`) in every request, through the
    /// `Stripe-Account` header. [`Client::with_stripe_account`] overrides it per request.
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.stripe_account = Some(account.into());
        self
    }

    /// How long one attempt may take, from sending the request to reading the whole response
    /// (default 80 seconds, as in Stripe's own libraries). Retries each get the full time, within
    /// the [`total_timeout`](Self::total_timeout).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Let attempts take as long as they take (within the [`total_timeout`](Self::total_timeout),
    /// if one is set).
    pub fn no_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// How long a whole call may take, every attempt and the waits between them included
    /// (default: twice the [`timeout`](Self::timeout) of one attempt, so 160 seconds; none when
    /// attempts have no timeout). An attempt still running at the deadline ends with
    /// [`Error::Timeout`]; a retry that could not start before it is not made, and the last
    /// answer is returned.
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = TotalTimeout::Fixed(Some(timeout));
        self
    }

    /// Let a call take as long as its attempts and retries take.
    pub fn no_total_timeout(mut self) -> Self {
        self.total_timeout = TotalTimeout::Fixed(None);
        self
    }

    /// How long the built-in transport may take to connect (default 30 seconds). Has no effect
    /// with a transport from [`http_client`](Self::http_client).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How many times a failed request may be retried (default 2; 0 disables retries).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// The delay before the first retry, doubled for each one after (default 500 ms); each
    /// delay is then scaled by a random factor between 0.5 and 1.
    pub fn retry_base_delay(mut self, delay: Duration) -> Self {
        self.retry_base_delay = delay;
        self
    }

    /// The longest delay between two attempts, before jitter (default 5 seconds).
    pub fn retry_max_delay(mut self, delay: Duration) -> Self {
        self.retry_max_delay = delay;
        self
    }

    /// The longest wait a `Retry-After` response header can ask for (default 30 seconds).
    ///
    /// When a response that is retried carries `Retry-After` in seconds, the client waits that
    /// long, up to this bound, instead of its own backoff.
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// The longest response body accepted, in bytes (default 16 MiB). A longer one is
    /// [`Error::UnexpectedResponse`] with [`UnexpectedResponseKind::TooLarge`], not retried; the
    /// built-in transport stops reading it just past the limit, so it never fills memory.
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// Accept an `http://` base URL whatever its host (default `false`: only loopback hosts).
    /// The secret key and every parameter then cross the network unencrypted; use it only for
    /// a test server on a network you trust.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Name the application making the requests in the `User-Agent` and
    /// `X-Stripe-Client-User-Agent` headers (after this crate's name and version, which are
    /// always there), as Stripe asks of plugins and platforms.
    pub fn app_info(mut self, app: AppInfo) -> Self {
        self.app_info = Some(app);
        self
    }

    /// Send requests through `http_client` instead of the built-in reqwest transport.
    pub fn http_client(mut self, http_client: impl HttpClient) -> Self {
        self.http_client = Some(Arc::new(http_client));
        self
    }

    /// Time attempts and wait between retries with `timer` instead of tokio's
    /// (`http::TokioTimer`, the default with the `tokio` feature). With a
    /// custom [`http_client`](Self::http_client) as well, nothing in the client needs tokio.
    pub fn timer(mut self, timer: impl Timer) -> Self {
        self.timer = Some(Arc::new(timer));
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// When the secret key is empty or holds characters not allowed in an HTTP header, the
    /// base URL is not `http://` or `https://` or has no host, it is `http://` to a host that is
    /// not loopback without [`allow_insecure_http`](Self::allow_insecure_http), the
    /// `Stripe-Account` holds characters not allowed in a header, the built-in transport
    /// cannot be built (or is compiled out and no other was given), or no
    /// [`timer`](Self::timer) was given and tokio's is compiled out.
    pub fn build(self) -> Result<Client, BuildError> {
        if self.secret_key.is_empty() {
            return Err(BuildError::new("the secret key is empty"));
        }
        if !is_header_value(&self.secret_key) {
            // Never quote the key itself.
            return Err(BuildError::new(
                "the secret key holds whitespace or characters not allowed in an HTTP header",
            ));
        }
        if let Some(account) = &self.stripe_account {
            check_header_value("Stripe-Account", account).map_err(BuildError::new)?;
        }
        check_base_url(&self.base_url, self.allow_insecure_http).map_err(BuildError::new)?;
        for (part, value) in self.app_info.iter().flat_map(AppInfo::parts) {
            check_header_value("User-Agent", value).map_err(|err| {
                BuildError::new(format!(
                    "the application's {part} cannot go in a header: {err}"
                ))
            })?;
        }
        let base_url = self.base_url.trim_end_matches('/');
        let http = match self.http_client {
            Some(http) => http,
            None => default_http_client(self.connect_timeout)?,
        };
        let timer = match self.timer {
            Some(timer) => timer,
            None => default_timer()?,
        };
        Ok(Client {
            shared: Arc::new(Shared {
                authorization: format!("Bearer {}", self.secret_key),
                base_url: base_url.to_owned(),
                telemetry: Telemetry::new(self.app_info.as_ref()),
                retry_base_delay: self.retry_base_delay,
                retry_max_delay: self.retry_max_delay,
                max_retry_after: self.max_retry_after,
                max_response_size: self.max_response_size,
                http,
                timer,
            }),
            stripe_account: self.stripe_account.map(Arc::from),
            idempotency_key: None,
            timeout: self.timeout,
            total_timeout: self.total_timeout,
            max_retries: self.max_retries,
            last_response: None,
            extra_params: None,
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("secret_key", &"[redacted]")
            .field("base_url", &self.base_url)
            .field("stripe_account", &self.stripe_account)
            .field("timeout", &self.timeout)
            .field("total_timeout", &self.total_timeout.resolve(self.timeout))
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_base_delay", &self.retry_base_delay)
            .field("retry_max_delay", &self.retry_max_delay)
            .field("max_retry_after", &self.max_retry_after)
            .field("max_response_size", &self.max_response_size)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("app_info", &self.app_info)
            .field("custom_http_client", &self.http_client.is_some())
            .field("custom_timer", &self.timer.is_some())
            .finish()
    }
}

#[cfg(feature = "reqwest")]
fn default_http_client(connect_timeout: Duration) -> Result<Arc<dyn HttpClient>, BuildError> {
    match super::http::ReqwestClient::new(connect_timeout) {
        Ok(client) => Ok(Arc::new(client)),
        Err(err) => Err(BuildError::new(format!(
            "cannot build the HTTP client: {err}"
        ))),
    }
}

#[cfg(not(feature = "reqwest"))]
fn default_http_client(_connect_timeout: Duration) -> Result<Arc<dyn HttpClient>, BuildError> {
    Err(BuildError::new(
        "no HTTP transport: enable the `reqwest` feature or call `ClientBuilder::http_client`",
    ))
}

#[cfg(feature = "tokio")]
fn default_timer() -> Result<Arc<dyn Timer>, BuildError> {
    Ok(Arc::new(super::timer::TokioTimer))
}

#[cfg(not(feature = "tokio"))]
fn default_timer() -> Result<Arc<dyn Timer>, BuildError> {
    Err(BuildError::new(
        "no timer: enable the `tokio` feature or call `ClientBuilder::timer`",
    ))
}

/// The settings given to [`ClientBuilder`] cannot make a client. The message never contains the
/// secret key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    message: String,
}

impl BuildError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BuildError {}
