//! The [`Client`]: authentication, headers, timeouts, retries, and decoding.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::error::{ApiError, DecodeError, Error};
use super::form::{Form, FormEncode};
use super::http::{
    HttpClient, HttpRequest, HttpResponse, Method, TransportError, TransportErrorKind,
};
use super::paginate::{ListParams, Paginator, SearchParams};
use super::random;

const DEFAULT_BASE_URL: &str = "https://api.stripe.com";
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(80);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_MAX_RETRIES: u32 = 2;
const DEFAULT_RETRY_BASE_DELAY: Duration = Duration::from_millis(500);
const DEFAULT_RETRY_MAX_DELAY: Duration = Duration::from_secs(5);
const USER_AGENT: &str = concat!("stripe-client-rust/", env!("CARGO_PKG_VERSION"));

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
/// # let _ = (connected, once);
/// # }
/// ```
///
/// Such a clone costs two reference-count increments, and leaves `client` unchanged.
///
/// # Retries
///
/// A request is retried, up to [`ClientBuilder::max_retries`] times, when no response arrived
/// (connection failure, timeout) or the response has status 409, 429 or 5xx. A
/// `Stripe-Should-Retry: true` or `false` response header overrides the status. Retries wait an
/// exponentially growing, jittered delay. Every `POST` carries an `Idempotency-Key` header (a
/// random UUID unless set with [`with_idempotency_key`](Self::with_idempotency_key)), the same on
/// each retry, so Stripe never applies it twice. `GET` and `DELETE` carry none.
///
/// # Runtime
///
/// Timeouts and the delays between retries use tokio's timer, so requests must run inside a
/// tokio runtime with the timer enabled (which the default reqwest transport needs anyway).
#[derive(Clone)]
pub struct Client {
    shared: Arc<Shared>,
    stripe_account: Option<Arc<str>>,
    idempotency_key: Option<Arc<str>>,
}

struct Shared {
    /// `Bearer <secret key>`: never printed.
    authorization: String,
    base_url: String,
    timeout: Option<Duration>,
    max_retries: u32,
    retry_base_delay: Duration,
    retry_max_delay: Duration,
    http: Arc<dyn HttpClient>,
}

impl Client {
    /// A client with the default settings, authenticating with `secret_key` (`sk_live_...`,
    /// `sk_test_...` or a restricted `rk_...` key).
    ///
    /// # Panics
    ///
    /// When the key is empty or holds characters not allowed in an HTTP header, or when the TLS
    /// backend cannot be initialised. Use [`Client::builder`] to get these as an error.
    #[cfg(feature = "reqwest")]
    pub fn new(secret_key: impl Into<String>) -> Self {
        match Self::builder(secret_key).build() {
            Ok(client) => client,
            Err(err) => panic!("cannot build the Stripe client: {err}"),
        }
    }

    /// A builder for a client authenticating with `secret_key`.
    pub fn builder(secret_key: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            secret_key: secret_key.into(),
            base_url: DEFAULT_BASE_URL.to_owned(),
            stripe_account: None,
            timeout: Some(DEFAULT_TIMEOUT),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            retry_base_delay: DEFAULT_RETRY_BASE_DELAY,
            retry_max_delay: DEFAULT_RETRY_MAX_DELAY,
            http_client: None,
        }
    }

    /// A clone of this client whose requests act on the connected account `account`
    /// (`acct_...`), through the `Stripe-Account` header. Replaces any account set before.
    pub fn with_stripe_account(&self, account: impl Into<String>) -> Self {
        Self {
            stripe_account: Some(account.into().into()),
            ..self.clone()
        }
    }

    /// A clone of this client whose `POST` requests carry the idempotency key `key` instead of a
    /// random one. Stripe applies a `POST` at most once per key (for 24 hours), so use the clone
    /// for one request: a second `POST` with the same key gets the first one's result.
    pub fn with_idempotency_key(&self, key: impl Into<String>) -> Self {
        Self {
            idempotency_key: Some(key.into().into()),
            ..self.clone()
        }
    }

    /// The connected account this client acts on, if any.
    pub fn stripe_account(&self) -> Option<&str> {
        self.stripe_account.as_deref()
    }

    /// Sends one API request and decodes the response. Called by the generated endpoint
    /// functions; `path` starts with `/v1/` and has its segments already percent-encoded.
    #[doc(hidden)]
    pub async fn execute<P, T>(&self, method: Method, path: String, params: &P) -> Result<T, Error>
    where
        P: FormEncode + ?Sized,
        T: DeserializeOwned,
    {
        self.send_form(method, &path, Form::from_params(params))
            .await
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

    pub(crate) async fn send_form<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        form: Form,
    ) -> Result<T, Error> {
        let request = self.build_request(method, path, &form);
        let response = self.send_with_retries(request).await?;
        decode_response(&response)
    }

    fn build_request(&self, method: Method, path: &str, form: &Form) -> HttpRequest {
        let shared = &*self.shared;
        let mut url = format!("{}{path}", shared.base_url);
        let mut headers = vec![
            ("Authorization".to_owned(), shared.authorization.clone()),
            ("Stripe-Version".to_owned(), crate::API_VERSION.to_owned()),
            ("User-Agent".to_owned(), USER_AGENT.to_owned()),
        ];
        if let Some(account) = &self.stripe_account {
            headers.push(("Stripe-Account".to_owned(), account.to_string()));
        }
        let body = match method {
            Method::Post => {
                let key = match &self.idempotency_key {
                    Some(key) => key.to_string(),
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
        HttpRequest {
            method,
            url,
            headers,
            body,
        }
    }

    /// Sends `request`, retrying as the policy allows, and returns the last response.
    async fn send_with_retries(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        let shared = &*self.shared;
        let mut retries = 0;
        loop {
            let outcome = self.send_once(request.clone()).await;
            let retry = match &outcome {
                Ok(response) => should_retry(response),
                Err(_) => true,
            };
            if !retry || retries >= shared.max_retries {
                return outcome.map_err(|err| match err.kind() {
                    TransportErrorKind::Timeout => Error::Timeout(err),
                    TransportErrorKind::Connect | TransportErrorKind::Other => Error::Network(err),
                });
            }
            tokio::time::sleep(self.retry_delay(retries)).await;
            retries += 1;
        }
    }

    async fn send_once(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let shared = &*self.shared;
        let send = shared.http.send(request);
        match shared.timeout {
            None => send.await,
            Some(timeout) => match tokio::time::timeout(timeout, send).await {
                Ok(outcome) => outcome,
                Err(_) => Err(TransportError::new(
                    TransportErrorKind::Timeout,
                    format!("no response within {timeout:?}"),
                )),
            },
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
            .field("timeout", &shared.timeout)
            .field("max_retries", &shared.max_retries)
            .field("retry_base_delay", &shared.retry_base_delay)
            .field("retry_max_delay", &shared.retry_max_delay)
            .finish_non_exhaustive()
    }
}

/// Whether a response is worth sending the request again for.
fn should_retry(response: &HttpResponse) -> bool {
    if (200..300).contains(&response.status) {
        return false;
    }
    match response.header("Stripe-Should-Retry") {
        Some("true") => true,
        Some("false") => false,
        _ => matches!(response.status, 409 | 429 | 500..=599),
    }
}

fn decode_response<T: DeserializeOwned>(response: &HttpResponse) -> Result<T, Error> {
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

/// Decodes JSON, recording the path to the value that failed.
///
/// Recording the path on every value doubles the cost of decoding, so a body is decoded without
/// it first, and only one that fails is decoded again to say where. The first pass checks the
/// body as UTF-8 once, as a whole, rather than string by string; a body that is not UTF-8 (Stripe
/// never sends one) goes straight to the second, which reads bytes as before.
pub fn decode_json<T: DeserializeOwned>(
    body: &[u8],
) -> Result<T, serde_path_to_error::Error<serde_json::Error>> {
    let untracked = std::str::from_utf8(body)
        .ok()
        .and_then(|text| serde_json::from_str(text).ok());
    match untracked {
        Some(value) => Ok(value),
        None => decode_json_tracked(body),
    }
}

/// Decodes JSON through `serde_path_to_error`, for the path to the value that failed.
fn decode_json_tracked<T: DeserializeOwned>(
    body: &[u8],
) -> Result<T, serde_path_to_error::Error<serde_json::Error>> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer)?;
    deserializer.end().map_err(|err| {
        serde_path_to_error::Error::new(serde_path_to_error::Track::new().path(), err)
    })?;
    Ok(value)
}

/// Settings for a [`Client`], from [`Client::builder`].
#[must_use]
pub struct ClientBuilder {
    secret_key: String,
    base_url: String,
    stripe_account: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    max_retries: u32,
    retry_base_delay: Duration,
    retry_max_delay: Duration,
    http_client: Option<Arc<dyn HttpClient>>,
}

impl ClientBuilder {
    /// The API's base URL, without the `/v1` (default `https://api.stripe.com`). Point it at a
    /// mock server in tests.
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
    /// (default 80 seconds, as in Stripe's own libraries). Retries each get the full time.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Let attempts take as long as they take.
    pub fn no_timeout(mut self) -> Self {
        self.timeout = None;
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

    /// Send requests through `http_client` instead of the built-in reqwest transport.
    pub fn http_client(mut self, http_client: impl HttpClient) -> Self {
        self.http_client = Some(Arc::new(http_client));
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// When the secret key is empty or holds characters not allowed in an HTTP header, the
    /// base URL is not `http://` or `https://`, the `Stripe-Account` holds such characters, or
    /// the built-in transport cannot be built (or is compiled out and no other was given).
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
            if !is_header_value(account) {
                return Err(BuildError::new(
                    "the Stripe-Account holds characters not allowed in an HTTP header",
                ));
            }
        }
        let base_url = self.base_url.trim_end_matches('/');
        if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
            return Err(BuildError::new(format!(
                "the base URL `{base_url}` does not start with https:// or http://"
            )));
        }
        let http = match self.http_client {
            Some(http) => http,
            None => default_http_client(self.connect_timeout)?,
        };
        Ok(Client {
            shared: Arc::new(Shared {
                authorization: format!("Bearer {}", self.secret_key),
                base_url: base_url.to_owned(),
                timeout: self.timeout,
                max_retries: self.max_retries,
                retry_base_delay: self.retry_base_delay,
                retry_max_delay: self.retry_max_delay,
                http,
            }),
            stripe_account: self.stripe_account.map(Arc::from),
            idempotency_key: None,
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
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_base_delay", &self.retry_base_delay)
            .field("retry_max_delay", &self.retry_max_delay)
            .field("custom_http_client", &self.http_client.is_some())
            .finish()
    }
}

/// Visible ASCII only: what every transport accepts in a header value, with no surprises.
fn is_header_value(value: &str) -> bool {
    value.bytes().all(|byte| byte.is_ascii_graphic())
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
