//! What the [`Client`](crate::Client) needs from its environment: an HTTP transport (one small
//! trait, [`HttpClient`], and the request and response it exchanges) and a [`Timer`].
//!
//! The client builds each request completely (URL with query string, every header, the form
//! body) and hands it to the transport; the transport only moves bytes. The default transport is
//! `ReqwestClient` (the `reqwest` cargo feature, on by default). To use another HTTP stack, or
//! to capture requests in a test without a network, implement [`HttpClient`] and pass it to
//! [`ClientBuilder::http_client`](crate::ClientBuilder::http_client).
//!
//! Timeouts and retries are applied by the client around [`HttpClient::send`], so a transport
//! needs neither (though it may report its own timeouts as [`TransportErrorKind::Timeout`]).
//! The client times them with its [`Timer`]: tokio's by default (`TokioTimer`, the `tokio`
//! feature, which `reqwest` turns on), or any other given to
//! [`ClientBuilder::timer`](crate::ClientBuilder::timer). With both a custom transport and a
//! custom timer, build with `default-features = false` and nothing pulls in tokio.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

pub use super::timer::Timer;
#[cfg(feature = "tokio")]
pub use super::timer::TokioTimer;

/// A boxed, sendable future, as returned by [`HttpClient::send`].
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// An HTTP method used by the Stripe API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: parameters go in the query string.
    Get,
    /// `POST`: parameters go in an `application/x-www-form-urlencoded` body.
    Post,
    /// `DELETE`: parameters go in the query string.
    Delete,
}

impl Method {
    /// The method's name as sent on the wire (`"GET"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Sends one HTTP request and reads the whole response.
///
/// Implementations must be cheap to share: the client keeps one in an `Arc` and calls it from
/// any task. The future must be `Send`; box it with `Box::pin(async move { ... })`.
pub trait HttpClient: Send + Sync + 'static {
    /// Sends `request` and returns the response, whatever its status. Only a failure to get a
    /// response at all is an `Err`.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// A request ready to send: the client has already added every header and encoded the body.
///
/// Its `Debug` output hides the `Authorization` header, which holds the secret key.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct HttpRequest {
    /// The request method.
    pub method: Method,
    /// The absolute URL, including the query string of a `GET` or `DELETE`.
    pub url: String,
    /// Header names and values, in the order they should be sent.
    pub headers: Vec<(String, String)>,
    /// The form-encoded body of a `POST` (possibly empty); `None` for `GET` and `DELETE`.
    pub body: Option<String>,
    /// The longest response body the client accepts, in bytes
    /// ([`ClientBuilder::max_response_size`](crate::ClientBuilder::max_response_size)). A
    /// transport should stop reading a body once it is longer and return what it read: the
    /// client reports any body longer than this as an error, and never decodes it.
    pub max_response_size: usize,
}

impl HttpRequest {
    /// The value of the first header called `name` (ignoring ASCII case), if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Headers<'a>(&'a [(String, String)]);

        impl fmt::Debug for Headers<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut list = f.debug_list();
                for (name, value) in self.0 {
                    if name.eq_ignore_ascii_case("authorization") {
                        list.entry(&(name, "[redacted]"));
                    } else {
                        list.entry(&(name, value));
                    }
                }
                list.finish()
            }
        }

        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &Headers(&self.headers))
            .field("body", &self.body)
            .field("max_response_size", &self.max_response_size)
            .finish()
    }
}

/// A complete HTTP response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code (`200`).
    pub status: u16,
    /// Header names and values as received.
    pub headers: Vec<(String, String)>,
    /// The whole body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The value of the first header called `name` (ignoring ASCII case), if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

pub(crate) fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(header, _)| header.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

/// What kind of failure kept a request from getting a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TransportErrorKind {
    /// No connection could be made (DNS, refused, TLS handshake).
    Connect,
    /// The request or the response took too long.
    Timeout,
    /// Anything else: the connection broke mid-request, the response was malformed, ...
    Other,
}

/// A request got no complete response. Always retried (within the client's retry budget): a
/// `POST` carries an idempotency key, so Stripe applies it at most once.
pub struct TransportError {
    kind: TransportErrorKind,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl TransportError {
    /// A failure of the given kind, caused by `source`.
    pub fn new(
        kind: TransportErrorKind,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self {
            kind,
            source: source.into(),
        }
    }

    /// What kind of failure this was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("kind", &self.kind)
            .field("source", &self.source)
            .finish()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Other => "request failed",
        };
        write!(f, "{what}: {}", self.source)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

#[cfg(feature = "reqwest")]
pub use self::reqwest_client::ReqwestClient;

#[cfg(feature = "reqwest")]
mod reqwest_client {
    use std::time::Duration;

    use super::TransportErrorKind;
    use super::{BoxFuture, HttpClient, HttpRequest, HttpResponse, Method, TransportError};

    /// The default transport: a [`reqwest::Client`] (HTTP/1.1, rustls, webpki roots) that
    /// follows no redirects.
    ///
    /// It keeps a connection pool, so share one client (and clones of it) rather than building
    /// many.
    #[derive(Clone, Debug)]
    pub struct ReqwestClient {
        client: reqwest::Client,
    }

    impl ReqwestClient {
        /// A transport with the given connect timeout.
        ///
        /// # Errors
        ///
        /// When reqwest cannot build a client (the TLS backend failed to initialise).
        pub fn new(connect_timeout: Duration) -> Result<Self, reqwest::Error> {
            // Stripe's API never redirects; following one would turn a POST into a GET that
            // reports success. The client reports a redirect as an error instead.
            let client = reqwest::Client::builder()
                .connect_timeout(connect_timeout)
                .redirect(reqwest::redirect::Policy::none())
                .build()?;
            Ok(Self { client })
        }

        /// A transport over a reqwest client you configured (proxy, pool, roots, ...).
        ///
        /// reqwest follows redirects unless told otherwise: build it with
        /// `.redirect(reqwest::redirect::Policy::none())`, so that a redirect reaches the
        /// [`Client`](crate::Client), which reports it as an error, rather than turning a `POST`
        /// into a `GET`.
        pub fn from_client(client: reqwest::Client) -> Self {
            Self { client }
        }
    }

    impl From<reqwest::Client> for ReqwestClient {
        fn from(client: reqwest::Client) -> Self {
            Self::from_client(client)
        }
    }

    impl HttpClient for ReqwestClient {
        fn send(
            &self,
            request: HttpRequest,
        ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
            Box::pin(async move {
                let method = match request.method {
                    Method::Get => reqwest::Method::GET,
                    Method::Post => reqwest::Method::POST,
                    Method::Delete => reqwest::Method::DELETE,
                };
                let mut headers = reqwest::header::HeaderMap::with_capacity(request.headers.len());
                for (name, value) in &request.headers {
                    let name = reqwest::header::HeaderName::from_bytes(name.as_bytes())
                        .map_err(|err| TransportError::new(TransportErrorKind::Other, err))?;
                    let sensitive = name == reqwest::header::AUTHORIZATION;
                    // The error says nothing of the value, so the secret key cannot leak here.
                    let mut value =
                        reqwest::header::HeaderValue::from_str(value).map_err(|_| {
                            TransportError::new(
                                TransportErrorKind::Other,
                                format!("invalid characters in the value of header `{name}`"),
                            )
                        })?;
                    value.set_sensitive(sensitive);
                    headers.append(name, value);
                }
                let mut builder = self.client.request(method, &request.url).headers(headers);
                if let Some(body) = request.body {
                    builder = builder.body(body);
                }
                let mut response = builder.send().await.map_err(transport_error)?;
                let status = response.status().as_u16();
                let headers = response
                    .headers()
                    .iter()
                    .filter_map(|(name, value)| {
                        Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
                    })
                    .collect();
                let body = read_body(&mut response, request.max_response_size).await?;
                Ok(HttpResponse {
                    status,
                    headers,
                    body,
                })
            })
        }
    }

    /// Reads the body, stopping once it is longer than `limit`: the client refuses such a body
    /// anyway, and reading all of one could exhaust memory.
    async fn read_body(
        response: &mut reqwest::Response,
        limit: usize,
    ) -> Result<Vec<u8>, TransportError> {
        let expected = response
            .content_length()
            .and_then(|length| usize::try_from(length).ok())
            .unwrap_or(0);
        // The length is the server's word: reserve no more than a megabyte up front on it (a
        // limit set to `usize::MAX` would otherwise let any response abort the process).
        let mut body = Vec::with_capacity(expected.min(limit.saturating_add(1)).min(1 << 20));
        while let Some(chunk) = response.chunk().await.map_err(transport_error)? {
            body.extend_from_slice(&chunk);
            if body.len() > limit {
                break;
            }
        }
        Ok(body)
    }

    fn transport_error(err: reqwest::Error) -> TransportError {
        let kind = if err.is_timeout() {
            TransportErrorKind::Timeout
        } else if err.is_connect() {
            TransportErrorKind::Connect
        } else {
            TransportErrorKind::Other
        };
        // reqwest's messages name the URL, never a header, so the key is not in them.
        TransportError::new(kind, err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_debug_hides_the_authorization_header() {
        let request = HttpRequest {
            method: Method::Get,
            url: "https://api.stripe.com/v1/x".into(),
            headers: vec![
                ("Authorization".into(), "Bearer sk_test_secret".into()),
                ("Stripe-Version".into(), "v".into()),
            ],
            body: None,
            max_response_size: 100,
        };
        let debug = format!("{request:?}");
        assert!(!debug.contains("sk_test_secret"), "{debug}");
        assert!(
            debug.contains("[redacted]") && debug.contains("Stripe-Version"),
            "{debug}"
        );
        assert_eq!(
            request.header("authorization"),
            Some("Bearer sk_test_secret")
        );
    }

    #[cfg(feature = "reqwest")]
    #[tokio::test]
    async fn the_reqwest_transport_stops_reading_past_the_size_limit() {
        use std::time::Duration;
        use wiremock::matchers::any;
        use wiremock::{Mock, MockServer, ResponseTemplate};

        let server = MockServer::start().await;
        let body = vec![b'x'; 8 * 1024 * 1024];
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_bytes(body.clone()))
            .mount(&server)
            .await;
        let transport = ReqwestClient::new(Duration::from_secs(30)).unwrap();
        let request = |max_response_size| HttpRequest {
            method: Method::Get,
            url: format!("{}/v1/big", server.uri()),
            headers: Vec::new(),
            body: None,
            max_response_size,
        };
        let response = transport.send(request(1000)).await.unwrap();
        assert_eq!(response.status, 200);
        // Past the limit by at most what one read brings, far from the whole body.
        assert!(response.body.len() > 1000, "{}", response.body.len());
        assert!(response.body.len() < 1024 * 1024, "{}", response.body.len());
        let response = transport.send(request(body.len())).await.unwrap();
        assert_eq!(response.body, body);
    }
}
