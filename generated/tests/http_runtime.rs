//! The client over real HTTP, against a wiremock server on 127.0.0.1 (never the internet):
//! timeouts, retries with one idempotency key, no retry on a client error, and pagination.
#![cfg(feature = "reqwest")]

use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value, json};
use stripe_client::__private::{Form, FormEncode, ListParams};
use stripe_client::http::TransportErrorKind;
use stripe_client::{ApiErrorType, Client, Error, Method};
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "sk_test_integration";

struct ThingParams {
    status: Option<String>,
    limit: Option<i64>,
    starting_after: Option<String>,
}

impl FormEncode for ThingParams {
    fn encode(&self, key: &str, form: &mut Form) {
        form.field(key, "limit", &self.limit);
        form.field(key, "starting_after", &self.starting_after);
        form.field(key, "status", &self.status);
    }
}

#[derive(Debug, PartialEq, Deserialize)]
struct Thing {
    id: String,
}

impl ListParams for ThingParams {
    type Item = Thing;

    fn advance(&mut self, page: &[Thing]) {
        self.starting_after = page.last().map(|last| last.id.clone());
    }
}

fn params() -> ThingParams {
    ThingParams {
        status: Some("active".into()),
        limit: Some(2),
        starting_after: None,
    }
}

fn client(server: &MockServer) -> stripe_client::ClientBuilder {
    Client::builder(KEY)
        .base_url(server.uri())
        .retry_base_delay(Duration::from_millis(1))
        .retry_max_delay(Duration::from_millis(5))
}

fn header_of<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().unwrap())
}

fn stripe_error(status: u16, kind: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("Request-Id", "req_wire")
        .set_body_json(json!({"error": {"type": kind, "code": "x", "message": "nope"}}))
}

#[tokio::test]
async fn a_slow_server_gives_the_timeout_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({}))
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let client = client(&server)
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = client
        .execute::<_, Value>(Method::Get, "/v1/things".into(), &params())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Timeout(inner) if inner.kind() == TransportErrorKind::Timeout),
        "{err:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_closed_port_gives_the_network_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::builder(KEY)
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let err = client
        .execute::<_, Value>(Method::Get, "/v1/things".into(), &params())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Network(inner) if inner.kind() == TransportErrorKind::Connect),
        "{err:?}"
    );
    assert!(!format!("{err:?}{err}").contains(KEY));
}

#[tokio::test]
async fn a_server_error_is_retried_with_the_same_idempotency_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/things"))
        .respond_with(stripe_error(500, "api_error"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/things"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "thing_1"})))
        .mount(&server)
        .await;
    let client = client(&server).build().unwrap();
    let thing: Thing = client
        .execute(Method::Post, "/v1/things".into(), &params())
        .await
        .unwrap();
    assert_eq!(
        thing,
        Thing {
            id: "thing_1".into()
        }
    );

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    let keys: Vec<_> = requests
        .iter()
        .map(|request| header_of(request, "idempotency-key"))
        .collect();
    assert!(keys[0].is_some());
    assert_eq!(keys[0], keys[1]);
    for request in &requests {
        assert_eq!(
            header_of(request, "authorization"),
            Some("Bearer sk_test_integration")
        );
        assert_eq!(
            header_of(request, "stripe-version"),
            Some(stripe_client::API_VERSION)
        );
        assert_eq!(
            header_of(request, "content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(request.body, b"limit=2&status=active");
    }
}

#[tokio::test]
async fn a_bad_request_is_not_retried_and_decodes() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(stripe_error(400, "invalid_request_error"))
        .mount(&server)
        .await;
    let client = client(&server)
        .build()
        .unwrap()
        .with_stripe_account("acct_connected");
    let err = client
        .execute::<_, Value>(Method::Post, "/v1/things/x".into(), &None::<String>)
        .await
        .unwrap_err();
    let Error::Api(api) = &err else {
        panic!("expected an API error, got {err:?}")
    };
    assert_eq!(api.status, 400);
    assert_eq!(api.kind, ApiErrorType::InvalidRequestError);
    assert_eq!(api.request_id.as_deref(), Some("req_wire"));
    assert_eq!(api.message.as_deref(), Some("nope"));

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        header_of(&requests[0], "stripe-account"),
        Some("acct_connected")
    );
    // An empty POST still says what its (empty) body is.
    assert_eq!(
        header_of(&requests[0], "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert!(requests[0].body.is_empty());
}

#[tokio::test]
async fn lists_three_pages_in_order_keeping_the_filters() {
    let server = MockServer::start().await;
    let list = |ids: &[&str], has_more: bool| {
        let data: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
        ResponseTemplate::new(200).set_body_json(
            json!({"object": "list", "data": data, "has_more": has_more, "url": "/v1/things"}),
        )
    };
    let pages = [
        (None, list(&["a", "b"], true)),
        (Some("b"), list(&["c", "d"], true)),
        (Some("d"), list(&["e"], false)),
    ];
    for (after, response) in pages {
        let mock = Mock::given(method("GET"))
            .and(path("/v1/things"))
            .and(query_param("status", "active"))
            .and(query_param("limit", "2"))
            .and(header("authorization", "Bearer sk_test_integration"));
        let mock = match after {
            None => mock.and(query_param_is_missing("starting_after")),
            Some(after) => mock.and(query_param("starting_after", after)),
        };
        mock.respond_with(response).expect(1).mount(&server).await;
    }
    let client = client(&server).build().unwrap();
    let mut things = client.paginate("/v1/things".into(), params());
    let mut ids = Vec::new();
    while let Some(thing) = things.next().await {
        ids.push(thing.unwrap().id);
    }
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    assert!(
        requests
            .iter()
            .all(|request| header_of(request, "idempotency-key").is_none())
    );
    server.verify().await;
}
