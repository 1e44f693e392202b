//! Tests of the client, errors and pagination through a scripted transport: no network.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value, json};

use super::form::{Form, FormEncode};
use super::http::{
    BoxFuture, HttpClient, HttpRequest, HttpResponse, Method, Timer, TransportError,
    TransportErrorKind,
};
use futures_core::Stream;

use super::paginate::ListParams;
use super::{ApiErrorType, Client, ClientBuilder, Error};

const KEY: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";

/// `Client::builder`, with tokio's timer given by hand when the crate is built without its own
/// (`--no-default-features`), so that these tests run either way.
fn builder(key: &str) -> ClientBuilder {
    let builder = Client::builder(key);
    #[cfg(not(feature = "tokio"))]
    let builder = builder.timer(DevTokioTimer);
    builder
}

/// tokio (a dev-dependency) as a [`Timer`], for builds without the `tokio` feature.
#[cfg(not(feature = "tokio"))]
struct DevTokioTimer;

#[cfg(not(feature = "tokio"))]
impl Timer for DevTokioTimer {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }

    fn now(&self) -> std::time::Instant {
        tokio::time::Instant::now().into_std()
    }
}

type Outcome = Result<HttpResponse, TransportError>;

/// Records every request and answers from a script (200 `{}` once the script runs out).
#[derive(Clone, Default)]
struct Fake {
    requests: Arc<Mutex<Vec<HttpRequest>>>,
    script: Arc<Mutex<VecDeque<Outcome>>>,
    delay: Option<Duration>,
}

impl Fake {
    fn answering(outcomes: impl IntoIterator<Item = Outcome>) -> Self {
        let fake = Self::default();
        fake.script.lock().unwrap().extend(outcomes);
        fake
    }

    fn requests(&self) -> Vec<HttpRequest> {
        self.requests.lock().unwrap().clone()
    }

    fn client(&self) -> ClientBuilder {
        builder(KEY)
            .http_client(self.clone())
            .retry_base_delay(Duration::from_millis(1))
            .retry_max_delay(Duration::from_millis(2))
    }
}

impl HttpClient for Fake {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Outcome> {
        self.requests.lock().unwrap().push(request);
        let outcome = self
            .script
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| Ok(ok(json!({}))));
        let delay = self.delay;
        Box::pin(async move {
            if let Some(delay) = delay {
                tokio::time::sleep(delay).await;
            }
            outcome
        })
    }
}

fn response(status: u16, body: &str, headers: &[(&str, &str)]) -> Outcome {
    Ok(HttpResponse {
        status,
        headers: headers
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect(),
        body: body.as_bytes().to_vec(),
    })
}

fn ok(body: Value) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: Vec::new(),
        body: body.to_string().into_bytes(),
    }
}

fn stripe_error(status: u16, kind: &str) -> Outcome {
    let body = json!({"error": {"type": kind, "message": "boom"}});
    response(status, &body.to_string(), &[("Request-Id", "req_123")])
}

struct Params {
    status: Option<String>,
    limit: Option<i64>,
    starting_after: Option<String>,
}

impl FormEncode for Params {
    fn encode(&self, key: &str, form: &mut Form) {
        form.field(key, "limit", &self.limit);
        form.field(key, "starting_after", &self.starting_after);
        form.field(key, "status", &self.status);
    }
}

#[derive(Debug, PartialEq, Deserialize)]
struct Item {
    id: String,
}

impl ListParams for Params {
    type Item = Item;

    fn advance(&mut self, page: &[Item]) {
        self.starting_after = page.last().map(|last| last.id.clone());
    }
}

fn params() -> Params {
    Params {
        status: Some("active".into()),
        limit: Some(2),
        starting_after: None,
    }
}

async fn get(client: &Client) -> Result<Value, Error> {
    client
        .execute(Method::Get, "/v1/things".into(), &params())
        .await
}

async fn post(client: &Client) -> Result<Value, Error> {
    client
        .execute(Method::Post, "/v1/things".into(), &params())
        .await
}

fn api_error(err: Error) -> Box<super::ApiError> {
    match err {
        Error::Api(err) => err,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn get_sends_auth_version_and_query_but_no_idempotency_key() {
    let fake = Fake::default();
    let client = fake.client().build().unwrap();
    get(&client).await.unwrap();
    let [request] = fake.requests().try_into().unwrap();
    assert_eq!(request.method, Method::Get);
    assert_eq!(
        request.url,
        "https://api.stripe.com/v1/things?limit=2&status=active"
    );
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(request.header("Stripe-Version"), Some(crate::API_VERSION));
    assert!(
        request
            .header("User-Agent")
            .unwrap()
            .starts_with("stripe-client-rust/")
    );
    assert_eq!(request.header("Idempotency-Key"), None);
    assert_eq!(request.header("Content-Type"), None);
    assert_eq!(request.header("Stripe-Account"), None);
    assert_eq!(request.body, None);
}

#[tokio::test]
async fn get_without_params_has_no_query_string() {
    let fake = Fake::default();
    let client = fake
        .client()
        .base_url("http://127.0.0.1:1234/")
        .build()
        .unwrap();
    let _: Value = client
        .execute(Method::Get, "/v1/things/x".into(), &None::<String>)
        .await
        .unwrap();
    assert_eq!(fake.requests()[0].url, "http://127.0.0.1:1234/v1/things/x");
}

#[tokio::test]
async fn delete_sends_params_in_the_query_and_no_idempotency_key() {
    let fake = Fake::default();
    let client = fake.client().build().unwrap();
    let _: Value = client
        .execute(Method::Delete, "/v1/things/x".into(), &params())
        .await
        .unwrap();
    let request = &fake.requests()[0];
    assert_eq!(
        request.url,
        "https://api.stripe.com/v1/things/x?limit=2&status=active"
    );
    assert_eq!(request.header("Idempotency-Key"), None);
    assert_eq!(request.body, None);
}

#[tokio::test]
async fn post_sends_a_form_body_and_a_fresh_idempotency_key_each_time() {
    let fake = Fake::default();
    let client = fake.client().build().unwrap();
    post(&client).await.unwrap();
    post(&client).await.unwrap();
    let [first, second] = fake.requests().try_into().unwrap();
    assert_eq!(first.url, "https://api.stripe.com/v1/things");
    assert_eq!(first.body.as_deref(), Some("limit=2&status=active"));
    assert_eq!(
        first.header("Content-Type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        first.header("Authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    let key = first.header("Idempotency-Key").unwrap();
    assert_eq!(key.len(), 36, "{key}");
    assert_ne!(second.header("Idempotency-Key"), Some(key));
}

#[tokio::test]
async fn empty_post_still_sends_the_content_type_and_an_empty_body() {
    let fake = Fake::default();
    let client = fake.client().build().unwrap();
    let _: Value = client
        .execute(Method::Post, "/v1/things/x".into(), &None::<String>)
        .await
        .unwrap();
    let request = &fake.requests()[0];
    assert_eq!(request.body.as_deref(), Some(""));
    assert_eq!(
        request.header("Content-Type"),
        Some("application/x-www-form-urlencoded")
    );
    assert!(request.header("Idempotency-Key").is_some());
}

#[tokio::test]
async fn caller_supplied_idempotency_key_applies_to_the_clone_only() {
    let fake = Fake::default();
    let client = fake.client().build().unwrap();
    post(&client.with_idempotency_key("order-6735"))
        .await
        .unwrap();
    post(&client).await.unwrap();
    let [keyed, plain] = fake.requests().try_into().unwrap();
    assert_eq!(keyed.header("Idempotency-Key"), Some("order-6735"));
    assert_ne!(plain.header("Idempotency-Key"), Some("order-6735"));
    // A GET never carries one, even from a keyed client.
    get(&client.with_idempotency_key("order-6735"))
        .await
        .unwrap();
    assert_eq!(fake.requests()[2].header("Idempotency-Key"), None);
}

#[tokio::test]
async fn stripe_account_client_wide_and_per_request() {
    let fake = Fake::default();
    let client = fake
        .client()
        .stripe_account("acct_platform_default")
        .build()
        .unwrap();
    get(&client).await.unwrap();
    get(&client.with_stripe_account("acct_other"))
        .await
        .unwrap();
    get(&client).await.unwrap();
    let accounts: Vec<Option<String>> = fake
        .requests()
        .iter()
        .map(|request| request.header("Stripe-Account").map(str::to_owned))
        .collect();
    assert_eq!(
        accounts,
        [
            Some("acct_platform_default".to_owned()),
            Some("acct_other".to_owned()),
            Some("acct_platform_default".to_owned())
        ]
    );
    assert_eq!(client.stripe_account(), Some("acct_platform_default"));
}

#[tokio::test]
async fn server_error_then_success_is_one_success_in_two_attempts_with_one_key() {
    let fake = Fake::answering([stripe_error(500, "api_error"), Ok(ok(json!({"id": "x"})))]);
    let client = fake.client().build().unwrap();
    let value = post(&client).await.unwrap();
    assert_eq!(value, json!({"id": "x"}));
    let [first, second] = fake.requests().try_into().unwrap();
    assert!(first.header("Idempotency-Key").is_some());
    assert_eq!(
        first.header("Idempotency-Key"),
        second.header("Idempotency-Key")
    );
    assert_eq!(first, second);
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    for status in [400, 401, 402, 403, 404] {
        let fake = Fake::answering([stripe_error(status, "invalid_request_error")]);
        let client = fake.client().build().unwrap();
        let err = api_error(post(&client).await.unwrap_err());
        assert_eq!(err.status, status);
        assert_eq!(fake.requests().len(), 1, "status {status}");
    }
}

#[tokio::test]
async fn conflict_and_rate_limit_are_retried() {
    for status in [409, 429, 502, 503] {
        let fake = Fake::answering([stripe_error(status, "api_error"), Ok(ok(json!({})))]);
        let client = fake.client().build().unwrap();
        get(&client).await.unwrap();
        assert_eq!(fake.requests().len(), 2, "status {status}");
    }
}

#[tokio::test]
async fn stripe_should_retry_header_overrides_the_status() {
    let refused = r#"{"error": {"type": "api_error"}}"#;
    let fake = Fake::answering([response(500, refused, &[("Stripe-Should-Retry", "false")])]);
    let client = fake.client().build().unwrap();
    assert_eq!(api_error(post(&client).await.unwrap_err()).status, 500);
    assert_eq!(fake.requests().len(), 1);

    let forced = r#"{"error": {"type": "invalid_request_error"}}"#;
    let fake = Fake::answering([
        response(400, forced, &[("stripe-should-retry", "true")]),
        Ok(ok(json!({}))),
    ]);
    let client = fake.client().build().unwrap();
    post(&client).await.unwrap();
    assert_eq!(fake.requests().len(), 2);
}

#[tokio::test]
async fn retries_are_bounded_by_max_retries() {
    let fake = Fake::answering((0..10).map(|_| stripe_error(503, "api_error")));
    let client = fake.client().max_retries(3).build().unwrap();
    assert_eq!(api_error(post(&client).await.unwrap_err()).status, 503);
    assert_eq!(fake.requests().len(), 4);

    let fake = Fake::answering((0..10).map(|_| stripe_error(503, "api_error")));
    let client = fake.client().max_retries(0).build().unwrap();
    post(&client).await.unwrap_err();
    assert_eq!(fake.requests().len(), 1);

    // The default is two retries: three attempts.
    let fake = Fake::answering((0..10).map(|_| stripe_error(503, "api_error")));
    let client = fake.client().build().unwrap();
    post(&client).await.unwrap_err();
    assert_eq!(fake.requests().len(), 3);
}

#[tokio::test]
async fn transport_failures_are_retried_and_then_reported_by_kind() {
    let refused = || {
        Err(TransportError::new(
            TransportErrorKind::Connect,
            "connection refused",
        ))
    };
    let fake = Fake::answering([refused(), Ok(ok(json!({"ok": true})))]);
    let client = fake.client().build().unwrap();
    assert_eq!(post(&client).await.unwrap(), json!({"ok": true}));
    let [first, second] = fake.requests().try_into().unwrap();
    assert_eq!(
        first.header("Idempotency-Key"),
        second.header("Idempotency-Key")
    );

    let fake = Fake::answering([refused(), refused(), refused()]);
    let client = fake.client().build().unwrap();
    let err = post(&client).await.unwrap_err();
    assert!(matches!(&err, Error::Network(err) if err.kind() == TransportErrorKind::Connect));
    assert_eq!(err.status(), None);
    assert!(err.to_string().contains("connection refused"), "{err}");
    assert_eq!(fake.requests().len(), 3);

    let timeout = || {
        Err(TransportError::new(
            TransportErrorKind::Timeout,
            "read timed out",
        ))
    };
    let fake = Fake::answering([timeout(), timeout(), timeout()]);
    let client = fake.client().build().unwrap();
    assert!(matches!(get(&client).await.unwrap_err(), Error::Timeout(_)));
}

#[tokio::test]
async fn slow_responses_time_out() {
    let fake = Fake {
        delay: Some(Duration::from_secs(5)),
        ..Fake::default()
    };
    let client = fake
        .client()
        .timeout(Duration::from_millis(20))
        .max_retries(1)
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = get(&client).await.unwrap_err();
    assert!(matches!(&err, Error::Timeout(err) if err.kind() == TransportErrorKind::Timeout));
    assert_eq!(fake.requests().len(), 2);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn api_errors_decode_every_type_with_status_and_request_id() {
    let cases = [
        (500, "api_error", ApiErrorType::ApiError),
        (402, "card_error", ApiErrorType::CardError),
        (400, "idempotency_error", ApiErrorType::IdempotencyError),
        (
            404,
            "invalid_request_error",
            ApiErrorType::InvalidRequestError,
        ),
        (400, "brand_new_error", "brand_new_error".parse().unwrap()),
    ];
    for (status, kind, expected) in cases {
        let fake = Fake::answering([stripe_error(status, kind)]);
        let client = fake.client().max_retries(0).build().unwrap();
        let err = get(&client).await.unwrap_err();
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.request_id(), Some("req_123"));
        let err = api_error(err);
        assert_eq!(err.kind, expected);
        assert_eq!(err.kind.as_str(), kind);
        assert_eq!(
            matches!(err.kind, ApiErrorType::Unknown(_)),
            kind == "brand_new_error"
        );
        assert_eq!(err.message.as_deref(), Some("boom"));
    }
}

#[tokio::test]
async fn card_error_keeps_every_field() {
    let body = json!({"error": {
        "type": "card_error",
        "code": "card_declined",
        "decline_code": "insufficient_funds",
        "message": "Your card has insufficient funds.",
        "param": "source",
        "doc_url": "https://stripe.com/docs/error-codes/card-declined",
        "request_log_url": "https://dashboard.stripe.com/test/logs/req_abc",
        "charge": "ch_123",
    }});
    let fake = Fake::answering([response(
        402,
        &body.to_string(),
        &[("request-id", "req_abc")],
    )]);
    let client = fake.client().build().unwrap();
    let err = post(&client).await.unwrap_err();
    let display = err.to_string();
    let err = api_error(err);
    assert_eq!(err.status, 402);
    assert_eq!(err.request_id.as_deref(), Some("req_abc"));
    assert_eq!(err.kind, ApiErrorType::CardError);
    assert_eq!(err.code, Some(super::ErrorCode::CardDeclined));
    assert_eq!(err.decline_code.as_deref(), Some("insufficient_funds"));
    assert_eq!(err.param.as_deref(), Some("source"));
    assert_eq!(
        err.doc_url.as_deref(),
        Some("https://stripe.com/docs/error-codes/card-declined")
    );
    assert!(err.request_log_url.is_some());
    assert_eq!(err.other.get("charge"), Some(&json!("ch_123")));
    assert_eq!(
        display,
        "Stripe API error (402 card_error, code card_declined, param source): \
         Your card has insufficient funds. [request req_abc]"
    );
}

#[tokio::test]
async fn undecodable_success_names_the_json_path_and_keeps_the_body() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // Only decoded.
    struct Page {
        data: Vec<Entry>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // Only decoded.
    struct Entry {
        id: String,
        balance: Balance,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // Only decoded.
    struct Balance {
        cash: i64,
    }

    let body = r#"{"data": [{"id": "a", "balance": {"cash": 1}}, {"id": "b", "balance": {"cash": "lots"}}]}"#;
    let fake = Fake::answering([response(200, body, &[("Request-Id", "req_9")])]);
    let client = fake.client().build().unwrap();
    let err = client
        .execute::<_, Page>(Method::Get, "/v1/x".into(), &params())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(200));
    assert_eq!(err.request_id(), Some("req_9"));
    let Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}")
    };
    assert_eq!(decode.path(), "data[1].balance.cash");
    assert!(
        decode.message().contains("invalid type"),
        "{}",
        decode.message()
    );
    assert_eq!(decode.body(), body);
    assert!(err.to_string().contains("data[1].balance.cash"), "{err}");
}

#[test]
fn a_body_that_is_not_utf8_decodes_with_replacement_characters_and_errors_have_paths() {
    use super::client::decode_json;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Entry {
        id: String,
    }

    // Not UTF-8 in a field no type reads: decoded from bytes, as before.
    let body = b"{\"id\": \"a\", \"note\": \"\xff\"}";
    assert_eq!(
        decode_json::<Entry>(body).unwrap(),
        Entry { id: "a".into() }
    );
    // Not UTF-8 where a string is read: U+FFFD in its place.
    assert_eq!(
        decode_json::<Entry>(b"{\"id\": \"a\xff\"}").unwrap(),
        Entry {
            id: "a\u{fffd}".into()
        }
    );
    // JSON that does not decode: the path of the value, from where serde_json stopped.
    let err = decode_json::<Vec<Entry>>(br#"[{"id": "a"}, {"id": 1}]"#).unwrap_err();
    assert_eq!(err.path(), "[1].id");
    let err = decode_json::<Vec<Entry>>(b"[{\"id\": \"\xff\"}, {}]").unwrap_err();
    assert_eq!(err.path(), "[1]");
    assert!(
        err.inner().to_string().contains("missing field `id`"),
        "{err}"
    );
}

#[tokio::test]
async fn trailing_garbage_and_non_json_errors_are_decode_errors() {
    let fake = Fake::answering([response(200, "{} {}", &[])]);
    let client = fake.client().build().unwrap();
    assert!(matches!(get(&client).await.unwrap_err(), Error::Decode(_)));

    // A proxy's HTML error page: retried as a 502, then reported with its status and body.
    let page = "<html>Bad Gateway</html>";
    let fake = Fake::answering((0..3).map(|_| response(502, page, &[])));
    let client = fake.client().build().unwrap();
    let err = get(&client).await.unwrap_err();
    assert_eq!(fake.requests().len(), 3);
    let Error::Decode(decode) = err else {
        panic!("expected a decode error, got {err:?}")
    };
    assert_eq!(decode.status(), 502);
    assert_eq!(decode.body(), page);
}

#[tokio::test]
async fn debug_output_and_errors_never_show_the_secret_key() {
    let fake = Fake::answering([response(401, "not json", &[])]);
    let with_account = fake.client().stripe_account("acct_1");
    assert!(!format!("{with_account:?}").contains(KEY));
    let client = with_account.build().unwrap();
    let keyed = client.with_idempotency_key("k");
    for debug in [
        format!("{client:?}"),
        format!("{keyed:?}"),
        format!("{:?}", fake.requests()),
    ] {
        assert!(!debug.contains(KEY), "{debug}");
        assert!(!debug.contains("4eC39HqLyjWDarjtT1zdp7dc"), "{debug}");
    }
    assert!(format!("{client:?}").contains("[redacted]"));
    let err = get(&client).await.unwrap_err();
    assert!(!format!("{err:?}").contains(KEY) && !err.to_string().contains(KEY));
    let request = format!("{:?}", fake.requests()[0]);
    assert!(
        !request.contains(KEY) && request.contains("[redacted]"),
        "{request}"
    );

    let bad = builder("sk_test_oops\n")
        .http_client(Fake::default())
        .build()
        .unwrap_err();
    assert!(!bad.to_string().contains("sk_test_oops"), "{bad}");
}

#[test]
fn builder_rejects_bad_settings() {
    let build = |builder: ClientBuilder| builder.http_client(Fake::default()).build();
    assert!(build(builder("")).is_err());
    assert!(build(builder("sk_test_a b")).is_err());
    assert!(build(builder(KEY).base_url("api.stripe.com")).is_err());
    assert!(build(builder(KEY).stripe_account("acct\r\n")).is_err());
    assert!(build(builder(KEY).base_url("http://127.0.0.1:9")).is_ok());
}

#[test]
fn retry_delays_grow_are_capped_and_jittered() {
    let client = builder(KEY)
        .http_client(Fake::default())
        .retry_base_delay(Duration::from_millis(100))
        .retry_max_delay(Duration::from_millis(300))
        .build()
        .unwrap();
    let within = |retries, low, high| {
        for _ in 0..200 {
            let delay = client.retry_delay(retries);
            let range = Duration::from_millis(low)..=Duration::from_millis(high);
            assert!(range.contains(&delay), "retry {retries}: {delay:?}");
        }
    };
    within(0, 50, 100);
    within(1, 100, 200);
    within(2, 150, 300);
    within(40, 150, 300);
    let delays: std::collections::HashSet<Duration> =
        (0..50).map(|_| client.retry_delay(0)).collect();
    assert!(delays.len() > 1, "no jitter");
}

fn page(ids: &[&str], has_more: bool) -> Outcome {
    let data: Vec<Value> = ids
        .iter()
        .map(|id| json!({"id": id, "object": "thing"}))
        .collect();
    let body = json!({"object": "list", "data": data, "has_more": has_more, "url": "/v1/things"});
    Ok(HttpResponse {
        status: 200,
        headers: Vec::new(),
        body: body.to_string().into_bytes(),
    })
}

#[tokio::test]
async fn paginates_across_three_pages_without_repeats_or_skips() {
    let fake = Fake::answering([
        page(&["a", "b"], true),
        page(&["c", "d"], true),
        page(&["e"], false),
    ]);
    let client = fake.client().build().unwrap();
    let mut paginator = client.paginate("/v1/things".into(), params());
    let mut ids = Vec::new();
    while let Some(item) = paginator.next().await {
        ids.push(item.unwrap().id);
    }
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    assert!(paginator.next().await.is_none());
    let urls: Vec<String> = fake
        .requests()
        .into_iter()
        .map(|request| request.url)
        .collect();
    assert_eq!(
        urls,
        [
            "https://api.stripe.com/v1/things?limit=2&status=active",
            "https://api.stripe.com/v1/things?limit=2&starting_after=b&status=active",
            "https://api.stripe.com/v1/things?limit=2&starting_after=d&status=active",
        ]
    );
    assert!(
        fake.requests()
            .iter()
            .all(|request| request.header("Idempotency-Key").is_none())
    );
}

#[tokio::test]
async fn pagination_stops_after_an_error_and_on_a_page_that_does_not_advance() {
    // An empty page that says more follow cannot lead anywhere: an error, not a silent end.
    let fake = Fake::answering([page(&["a"], true), page(&[], true), page(&["never"], false)]);
    let client = fake.client().build().unwrap();
    let mut paginator = client.paginate("/v1/things".into(), params());
    assert_eq!(paginator.next().await.unwrap().unwrap().id, "a");
    let err = paginator.next().await.unwrap().unwrap_err();
    assert!(
        matches!(&err, Error::UnexpectedResponse(unexpected)
            if unexpected.kind == super::UnexpectedResponseKind::PageDidNotAdvance),
        "{err:?}"
    );
    assert_eq!(paginator.size_hint(), (0, Some(0)));
    assert!(paginator.next().await.is_none());
    assert_eq!(fake.requests().len(), 2);

    // A page whose last object is the cursor already used: the next request would repeat it.
    let fake = Fake::answering([page(&["a", "b"], true), page(&["b"], true)]);
    let client = fake.client().build().unwrap();
    let mut paginator = client.paginate("/v1/things".into(), params());
    let mut ids = Vec::new();
    let err = loop {
        match paginator.next().await.unwrap() {
            Ok(item) => ids.push(item.id),
            Err(err) => break err,
        }
    };
    assert_eq!(ids, ["a", "b", "b"]);
    assert!(matches!(err, Error::UnexpectedResponse(_)), "{err:?}");
    assert_eq!(fake.requests().len(), 2);

    let fake = Fake::answering([
        page(&["a"], true),
        stripe_error(400, "invalid_request_error"),
    ]);
    let client = fake.client().build().unwrap();
    let mut paginator = client.paginate("/v1/things".into(), params());
    assert_eq!(paginator.next().await.unwrap().unwrap().id, "a");
    assert_eq!(
        paginator.next().await.unwrap().unwrap_err().status(),
        Some(400)
    );
    assert!(paginator.next().await.is_none());
    assert_eq!(fake.requests().len(), 2);
}

#[tokio::test]
async fn paginator_is_a_stream() {
    use std::pin::Pin;

    let fake = Fake::answering([page(&["a"], true), page(&["b"], false)]);
    let client = fake.client().build().unwrap();
    let mut paginator = client.paginate("/v1/things".into(), params());
    let mut ids = Vec::new();
    while let Some(item) = std::future::poll_fn(|cx| Pin::new(&mut paginator).poll_next(cx)).await {
        ids.push(item.unwrap().id);
    }
    assert_eq!(ids, ["a", "b"]);
}

#[test]
fn futures_and_paginators_can_move_between_threads() {
    fn assert_send_static<T: Send + 'static>(_: &T) {}
    let client = Fake::default().client().build().unwrap();
    let paginator = client.paginate("/v1/things".into(), params());
    assert_send_static(&paginator);
    assert_send_static(&async move { get(&client).await });
}

#[test]
fn errors_can_cross_threads_and_box_into_dyn_error() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<Error>();
    assert_error::<super::BuildError>();
    assert_error::<TransportError>();
}

/// Runs `call` in paused time and returns how long it took on the paused clock: the runtime
/// jumps over every sleep, so waits are measured exactly and take no real time.
async fn paused_elapsed<T>(call: impl std::future::Future<Output = T>) -> (T, Duration) {
    let started = tokio::time::Instant::now();
    let value = call.await;
    (value, started.elapsed())
}

#[tokio::test(start_paused = true)]
async fn retry_after_seconds_replace_the_backoff_within_a_bound() {
    // Seven seconds, as asked, instead of the millisecond backoff.
    let fake = Fake::answering([
        response(
            429,
            r#"{"error": {"type": "api_error"}}"#,
            &[("Retry-After", "7")],
        ),
        Ok(ok(json!({}))),
    ]);
    let client = fake.client().build().unwrap();
    let (value, elapsed) = paused_elapsed(get(&client)).await;
    value.unwrap();
    assert_eq!(fake.requests().len(), 2);
    assert_eq!(elapsed, Duration::from_secs(7));

    // An hour is more than the bound (30 seconds by default, here 20): the bound it is.
    let fake = Fake::answering([
        response(
            503,
            r#"{"error": {"type": "api_error"}}"#,
            &[("retry-after", "3600")],
        ),
        Ok(ok(json!({}))),
    ]);
    let client = fake
        .client()
        .max_retry_after(Duration::from_secs(20))
        .build()
        .unwrap();
    let (value, elapsed) = paused_elapsed(get(&client)).await;
    value.unwrap();
    assert_eq!(elapsed, Duration::from_secs(20));

    // A date or anything else that is not seconds: the usual backoff.
    for value in ["Wed, 21 Oct 2026 07:28:00 GMT", "-1", "soon"] {
        let fake = Fake::answering([
            response(
                503,
                r#"{"error": {"type": "api_error"}}"#,
                &[("Retry-After", value)],
            ),
            Ok(ok(json!({}))),
        ]);
        let client = fake.client().build().unwrap();
        let (result, elapsed) = paused_elapsed(get(&client)).await;
        result.unwrap();
        assert!(elapsed <= Duration::from_millis(2), "{value}: {elapsed:?}");
    }

    // Only a retryable response is retried, whatever it says.
    let fake = Fake::answering([response(
        400,
        r#"{"error": {"type": "invalid_request_error"}}"#,
        &[("Retry-After", "1")],
    )]);
    let client = fake.client().build().unwrap();
    assert_eq!(api_error(get(&client).await.unwrap_err()).status, 400);
    assert_eq!(fake.requests().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn timeouts_and_waits_past_the_clocks_end_do_not_panic() {
    // `Duration::MAX` for "no limit": no deadline rather than an `Instant` overflow.
    let client = Fake::default()
        .client()
        .build()
        .unwrap()
        .with_timeout(Duration::MAX);
    get(&client).await.unwrap();
    let client = Fake::default()
        .client()
        .total_timeout(Duration::MAX)
        .build()
        .unwrap();
    get(&client).await.unwrap();

    // A server's `Retry-After` past the clock's end, with no bound on it: not waited for, as
    // no retry could start before the call's deadline.
    let fake = Fake::answering([response(
        429,
        r#"{"error": {"type": "api_error"}}"#,
        &[("Retry-After", &u64::MAX.to_string())],
    )]);
    let client = fake
        .client()
        .max_retry_after(Duration::MAX)
        .build()
        .unwrap();
    assert_eq!(api_error(get(&client).await.unwrap_err()).status, 429);
    assert_eq!(fake.requests().len(), 1);
}

/// A transport that never answers within a minute.
fn unresponsive() -> Fake {
    Fake {
        delay: Some(Duration::from_secs(60)),
        ..Fake::default()
    }
}

#[tokio::test(start_paused = true)]
async fn a_call_ends_at_its_total_timeout_whatever_the_retries() {
    // Attempts of 10 s each, five retries allowed, 25 s in all: the third attempt is cut short.
    let fake = unresponsive();
    let client = fake
        .client()
        .timeout(Duration::from_secs(10))
        .max_retries(5)
        .total_timeout(Duration::from_secs(25))
        .build()
        .unwrap();
    let (result, elapsed) = paused_elapsed(get(&client)).await;
    let err = result.unwrap_err();
    assert!(matches!(&err, Error::Timeout(err) if err.kind() == TransportErrorKind::Timeout));
    assert!(err.to_string().contains("total timeout of 25s"), "{err}");
    assert_eq!(fake.requests().len(), 3);
    assert_eq!(elapsed, Duration::from_secs(25));

    // By default the total is twice the attempt's timeout.
    let fake = unresponsive();
    let client = fake
        .client()
        .timeout(Duration::from_secs(10))
        .max_retries(5)
        .build()
        .unwrap();
    let (result, elapsed) = paused_elapsed(get(&client)).await;
    assert!(matches!(result.unwrap_err(), Error::Timeout(_)));
    assert_eq!(fake.requests().len(), 2);
    assert_eq!(elapsed, Duration::from_secs(20));

    // Without a total timeout, every retry gets its full time.
    let fake = unresponsive();
    let client = fake
        .client()
        .timeout(Duration::from_secs(10))
        .max_retries(5)
        .no_total_timeout()
        .build()
        .unwrap();
    let (result, elapsed) = paused_elapsed(get(&client)).await;
    assert!(matches!(result.unwrap_err(), Error::Timeout(_)));
    assert_eq!(fake.requests().len(), 6);
    assert!(elapsed >= Duration::from_secs(60), "{elapsed:?}");
}

#[tokio::test(start_paused = true)]
async fn a_retry_that_could_not_start_before_the_deadline_is_not_waited_for() {
    // Stripe asks for 30 s; the call has 20: the 503 is the answer, at once.
    let fake = Fake::answering([response(
        503,
        r#"{"error": {"type": "api_error"}}"#,
        &[("Retry-After", "30")],
    )]);
    let client = fake
        .client()
        .max_retry_after(Duration::from_secs(60))
        .total_timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let (result, elapsed) = paused_elapsed(get(&client)).await;
    assert_eq!(api_error(result.unwrap_err()).status, 503);
    assert_eq!(fake.requests().len(), 1);
    assert_eq!(elapsed, Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn timeout_and_retries_can_be_set_for_one_request() {
    let fake = unresponsive();
    let client = fake
        .client()
        .timeout(Duration::from_secs(10))
        .max_retries(3)
        .no_total_timeout()
        .build()
        .unwrap();

    // One attempt of two seconds, for this call only.
    let quick = client
        .with_timeout(Duration::from_secs(2))
        .with_max_retries(0);
    let (result, elapsed) = paused_elapsed(get(&quick)).await;
    assert!(matches!(result.unwrap_err(), Error::Timeout(_)));
    assert_eq!(fake.requests().len(), 1);
    assert_eq!(elapsed, Duration::from_secs(2));

    // A total timeout for this call only.
    let bounded = client.with_total_timeout(Duration::from_secs(15));
    let (result, elapsed) = paused_elapsed(get(&bounded)).await;
    let err = result.unwrap_err();
    assert!(err.to_string().contains("total timeout of 15s"), "{err}");
    assert_eq!(fake.requests().len(), 3);
    assert_eq!(elapsed, Duration::from_secs(15));

    // The client itself is unchanged: four attempts of ten seconds.
    let (result, elapsed) = paused_elapsed(get(&client)).await;
    assert!(matches!(result.unwrap_err(), Error::Timeout(_)));
    assert_eq!(fake.requests().len(), 7);
    assert!(elapsed >= Duration::from_secs(40), "{elapsed:?}");
}

#[cfg(feature = "reqwest")]
#[test]
fn try_new_reports_what_new_panics_on() {
    let err = Client::try_new("sk_test_a\nb").unwrap_err();
    assert!(err.to_string().contains("secret key"), "{err}");
    assert!(!err.to_string().contains("sk_test_a"), "{err}");
    assert!(Client::try_new("").is_err());
    let client = Client::try_new(KEY).unwrap();
    assert!(format!("{client:?}").contains("https://api.stripe.com"));

    let panic = std::panic::catch_unwind(|| Client::new("sk_test_a\nb")).unwrap_err();
    let message = panic.downcast_ref::<String>().unwrap();
    assert!(
        message.contains("cannot build the Stripe client"),
        "{message}"
    );
    assert!(!message.contains("sk_test_a"), "{message}");
}

/// A clock that only moves when slept on, jumping at once by the time asked, and a log of the
/// sleeps: no tokio, no real time.
#[derive(Clone)]
struct VirtualClock {
    now: Arc<Mutex<std::time::Instant>>,
    sleeps: Arc<Mutex<Vec<Duration>>>,
}

impl VirtualClock {
    fn new() -> Self {
        Self {
            now: Arc::new(Mutex::new(std::time::Instant::now())),
            sleeps: Arc::default(),
        }
    }

    fn sleeps(&self) -> Vec<Duration> {
        self.sleeps.lock().unwrap().clone()
    }
}

impl Timer for VirtualClock {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        // The clock moves when the sleep is first polled, not when it is made: the timeout of
        // an attempt answered at once is made but never waited for.
        let clock = self.clone();
        Box::pin(async move {
            *clock.now.lock().unwrap() += duration;
            clock.sleeps.lock().unwrap().push(duration);
        })
    }

    fn now(&self) -> std::time::Instant {
        *self.now.lock().unwrap()
    }
}

/// A transport whose answers never come, without any timer of its own.
struct Silent(Arc<Mutex<usize>>);

impl HttpClient for Silent {
    fn send(&self, _request: HttpRequest) -> BoxFuture<'_, Outcome> {
        *self.0.lock().unwrap() += 1;
        Box::pin(std::future::pending())
    }
}

/// Runs a future to completion on this thread, with no runtime at all: what a client with a
/// custom transport and timer must be content with.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);

    impl std::task::Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }

    let waker = std::task::Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = std::task::Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        std::thread::park();
    }
}

#[test]
fn a_custom_timer_times_attempts_and_waits_without_tokio() {
    // Retry-After asks for 7 s: the timer is asked for exactly that.
    let clock = VirtualClock::new();
    let fake = Fake::answering([
        response(
            429,
            r#"{"error": {"type": "api_error"}}"#,
            &[("Retry-After", "7")],
        ),
        Ok(ok(json!({"id": "x"}))),
    ]);
    let client = Client::builder(KEY)
        .http_client(fake.clone())
        .timer(clock.clone())
        .build()
        .unwrap();
    let value = block_on(get(&client)).unwrap();
    assert_eq!(value, json!({"id": "x"}));
    assert_eq!(fake.requests().len(), 2);
    // The attempts were answered at once, so only the wait was slept.
    assert_eq!(clock.sleeps(), [Duration::from_secs(7)]);

    // A transport that never answers: 10 s attempts within 25 s in all, on the virtual clock.
    let clock = VirtualClock::new();
    let sent = Arc::new(Mutex::new(0));
    let client = Client::builder(KEY)
        .http_client(Silent(sent.clone()))
        .timer(clock.clone())
        .timeout(Duration::from_secs(10))
        .total_timeout(Duration::from_secs(25))
        .max_retries(5)
        .retry_base_delay(Duration::from_millis(100))
        .retry_max_delay(Duration::from_millis(100))
        .build()
        .unwrap();
    let started = clock.now();
    let err = block_on(get(&client)).unwrap_err();
    assert!(err.to_string().contains("total timeout of 25s"), "{err}");
    assert_eq!(*sent.lock().unwrap(), 3);
    assert_eq!(clock.now() - started, Duration::from_secs(25));
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 5, "{sleeps:?}");
    assert_eq!(sleeps[0], Duration::from_secs(10));
    assert_eq!(sleeps[2], Duration::from_secs(10));
    // The third attempt gets what is left of the 25 s, after two attempts and two waits.
    assert_eq!(
        sleeps[4],
        Duration::from_secs(5) - sleeps[1] - sleeps[3],
        "{sleeps:?}"
    );
}

#[cfg(not(feature = "tokio"))]
#[test]
fn without_tokio_a_timer_must_be_given() {
    let err = Client::builder(KEY)
        .http_client(Fake::default())
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("ClientBuilder::timer"), "{err}");
}

#[tokio::test]
async fn a_call_sends_when_awaited_and_its_debug_shows_no_parameters() {
    let fake = Fake::answering([response(200, r#"{"id": "x"}"#, &[])]);
    let client = fake.client().build().unwrap();
    let call = client.execute::<_, Value>(Method::Post, "/v1/things".into(), &params());
    let shown = format!("{call:?}");
    assert!(
        shown.contains("Post") && shown.contains("/v1/things"),
        "{shown}"
    );
    assert!(!shown.contains("active"), "{shown}");
    // Nothing is sent until the call is polled.
    assert!(fake.requests().is_empty());
    assert_eq!(call.await.unwrap(), serde_json::json!({"id": "x"}));
    assert_eq!(fake.requests().len(), 1);
}
