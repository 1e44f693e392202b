//! What the client refuses to send or to accept, over real HTTP against a wiremock server on
//! 127.0.0.1 (never the internet), through the generated endpoint functions: redirects, header
//! values that cannot be sent, empty IDs, metadata keys that would change the bracket
//! structure, list pages that do not advance, oversized bodies and announced lengths,
//! `Retry-After`, plain HTTP to
//! other hosts, the deadline of a whole call; and the options one request can set.
#![cfg(feature = "reqwest")]

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Value, json};
use stripe_client::treasury::{
    FinancialAccount, FinancialAccountId, ListFinancialAccountsParams,
    RetrieveFinancialAccountParams, UpdateFinancialAccountParams,
    list_financial_accounts_paginated, retrieve_financial_account, update_financial_account,
};
use stripe_client::{Client, ClientBuilder, Error, UnexpectedResponseKind};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
const FA: &str = "fa_1MtZmL2eZvKYlo2Cer6cdwEC";
const FA_PATH: &str = "/v1/treasury/financial_accounts/fa_1MtZmL2eZvKYlo2Cer6cdwEC";
/// Stripe's reference example of a FinancialAccount (see `data/README.md`).
const FINANCIAL_ACCOUNT: &str = include_str!("data/seed_treasury_financial_account.json");

/// A client for `server`, with retries that wait a millisecond or so.
fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder(KEY)
        .base_url(server.uri())
        .retry_base_delay(Duration::from_millis(1))
        .retry_max_delay(Duration::from_millis(5))
}

fn financial_account(id: &str) -> Value {
    let mut account: Value = serde_json::from_str(FINANCIAL_ACCOUNT).unwrap();
    account["id"] = json!(id);
    account
}

fn fa_id() -> FinancialAccountId {
    FinancialAccountId::new(FA)
}

/// `retrieve_financial_account` of [`FA`] with default parameters.
async fn retrieve(client: &Client) -> Result<FinancialAccount, Error> {
    retrieve_financial_account(client, &fa_id(), &RetrieveFinancialAccountParams::default()).await
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

/// A server that answers every request with 200 and a FinancialAccount.
async fn server_with_an_account() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(financial_account(FA)))
        .mount(&server)
        .await;
    server
}

fn assert_no_key_in(err: &Error) {
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(KEY), "{shown}");
}

// ---------------------------------------------------------------------------------------------
// Redirects

#[tokio::test]
async fn a_redirect_is_reported_not_followed() {
    let server = MockServer::start().await;
    // Followed as a GET, the redirect would land on the account and report the update done.
    Mock::given(method("POST"))
        .and(path(FA_PATH))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("Location", FA_PATH)
                .insert_header("Request-Id", "req_redirect"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(FA_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(financial_account(FA)))
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let params = UpdateFinancialAccountParams {
        nickname: Some(stripe_client::Clearable::Set("Payroll".into())),
        ..Default::default()
    };
    let err = update_financial_account(&client, &fa_id(), &params)
        .await
        .unwrap_err();
    let Error::UnexpectedResponse(unexpected) = &err else {
        panic!("expected an unexpected-response error, got {err:?}")
    };
    assert_eq!(unexpected.status, 302);
    assert_eq!(
        unexpected.kind,
        UnexpectedResponseKind::Redirect {
            location: Some(FA_PATH.into())
        }
    );
    assert_eq!(err.status(), Some(302));
    assert_eq!(err.request_id(), Some("req_redirect"));
    assert!(err.to_string().contains("never redirects"), "{err}");
    assert_no_key_in(&err);
    // One POST, not retried, and no GET after it.
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].method.as_str(), "POST");

    // Any 3xx, on any method, even one a proxy marks as retryable.
    for status in [301, 303, 307, 308] {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(
                ResponseTemplate::new(status)
                    .insert_header("Location", "https://elsewhere.example/")
                    .insert_header("Stripe-Should-Retry", "true"),
            )
            .mount(&server)
            .await;
        let client = builder(&server).build().unwrap();
        let err = retrieve(&client).await.unwrap_err();
        assert_eq!(err.status(), Some(status), "{err:?}");
        assert!(matches!(err, Error::UnexpectedResponse(_)), "{err:?}");
        assert_eq!(requests(&server).await.len(), 1, "status {status}");
    }
}

// ---------------------------------------------------------------------------------------------
// Header values that cannot be sent

#[tokio::test]
async fn per_request_header_values_that_cannot_be_sent_are_refused_before_sending() {
    let server = server_with_an_account().await;
    let client = builder(&server).build().unwrap();
    let params = RetrieveFinancialAccountParams::default();
    let update = UpdateFinancialAccountParams::default();
    let cases = [
        (
            client.with_stripe_account("acct_1\r\nX-Injected: 1"),
            "Stripe-Account",
        ),
        (client.with_stripe_account("acct_\u{e9}"), "Stripe-Account"),
        (client.with_stripe_account(""), "Stripe-Account"),
        (client.with_stripe_account(" acct_1"), "Stripe-Account"),
        (
            client.with_idempotency_key("order-6735\n"),
            "Idempotency-Key",
        ),
        (
            client.with_idempotency_key("order\u{0}6735"),
            "Idempotency-Key",
        ),
        (client.with_idempotency_key(""), "Idempotency-Key"),
    ];
    for (bad, header) in cases {
        let err = match header {
            // The Idempotency-Key goes only on a POST.
            "Idempotency-Key" => update_financial_account(&bad, &fa_id(), &update).await,
            _ => retrieve_financial_account(&bad, &fa_id(), &params).await,
        }
        .unwrap_err();
        let Error::Usage(usage) = &err else {
            panic!("expected a usage error for {bad:?}, got {err:?}")
        };
        assert!(usage.message().contains(header), "{usage}");
        assert_eq!(err.status(), None);
        assert_no_key_in(&err);
    }
    // Nothing was sent, so nothing was retried.
    assert_eq!(requests(&server).await.len(), 0);

    // Values a header can carry still go out as given.
    let fine = client
        .with_stripe_account("acct_1032D82eZvKYlo2C")
        .with_idempotency_key("order 6735/close");
    update_financial_account(&fine, &fa_id(), &update)
        .await
        .unwrap();
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 1);
    let header = |name: &str| sent[0].headers.get(name).unwrap().to_str().unwrap();
    assert_eq!(header("stripe-account"), "acct_1032D82eZvKYlo2C");
    assert_eq!(header("idempotency-key"), "order 6735/close");
}

// ---------------------------------------------------------------------------------------------
// Empty IDs

#[tokio::test]
async fn an_empty_id_is_refused_before_sending() {
    use stripe_client::financial_connections::AccountOwnershipId;
    use stripe_client::financial_connections::{
        AccountId, ListAccountOwnersParams, list_account_owners,
    };

    let server = server_with_an_account().await;
    let client = builder(&server).build().unwrap();
    let empty = FinancialAccountId::new("");
    // At the end of the path it would name the collection: `POST .../financial_accounts/`.
    let err = update_financial_account(&client, &empty, &UpdateFinancialAccountParams::default())
        .await
        .unwrap_err();
    let Error::Usage(usage) = &err else {
        panic!("expected a usage error, got {err:?}")
    };
    assert!(usage.message().contains("empty"), "{usage}");
    assert!(
        usage.message().contains("/v1/treasury/financial_accounts/"),
        "{usage}"
    );
    // In the middle of the path.
    let params = ListAccountOwnersParams::new(AccountOwnershipId::new("fcaowns_1"));
    let err = list_account_owners(&client, &AccountId::new(""), &params)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Usage(_)), "{err:?}");
    // A plain string parameter, as the generated code passes it.
    let path = format!("/v1/things/{}", stripe_client::__private::path_segment(""));
    let err = client
        .execute::<_, Value>(stripe_client::Method::Delete, path, &())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Usage(_)), "{err:?}");
    assert_eq!(requests(&server).await.len(), 0);
}

// ---------------------------------------------------------------------------------------------
// Map keys that would change the bracket structure

#[tokio::test]
async fn metadata_keys_with_brackets_are_refused_before_sending() {
    let server = server_with_an_account().await;
    let client = builder(&server).build().unwrap();
    for key in ["a]b[c", "order[id]", "[", "]", ""] {
        let params = UpdateFinancialAccountParams {
            metadata: BTreeMap::from([
                ("fine".to_owned(), "1".to_owned()),
                (key.to_owned(), "1".to_owned()),
            ]),
            ..Default::default()
        };
        let err = update_financial_account(&client, &fa_id(), &params)
            .await
            .unwrap_err();
        let Error::Usage(usage) = &err else {
            panic!("expected a usage error for key {key:?}, got {err:?}")
        };
        assert!(usage.message().contains("`metadata`"), "{usage}");
        assert!(usage.message().contains(&format!("{key:?}")), "{usage}");
    }
    assert_eq!(requests(&server).await.len(), 0);

    // Other characters are percent-encoded inside the brackets, as before.
    let params = UpdateFinancialAccountParams {
        metadata: BTreeMap::from([("a&b=c d".to_owned(), "x".to_owned())]),
        ..Default::default()
    };
    update_financial_account(&client, &fa_id(), &params)
        .await
        .unwrap();
    let sent = requests(&server).await;
    assert_eq!(
        String::from_utf8_lossy(&sent[0].body),
        "metadata[a%26b%3Dc+d]=x"
    );
}

// ---------------------------------------------------------------------------------------------
// List pages that do not advance

fn page_of(ids: &[&str], has_more: bool) -> ResponseTemplate {
    let data: Vec<Value> = ids.iter().map(|id| financial_account(id)).collect();
    ResponseTemplate::new(200)
        .insert_header("Request-Id", "req_stuck")
        .set_body_json(json!({
            "object": "list",
            "url": "/v1/treasury/financial_accounts",
            "has_more": has_more,
            "data": data,
        }))
}

/// Consumes at most `limit` results of `list_financial_accounts_paginated` against `server`:
/// a paginator that loops forever would otherwise hang the test.
async fn first_results(server: &MockServer, limit: usize) -> Vec<Result<String, Error>> {
    let client = builder(server).build().unwrap();
    let mut accounts =
        list_financial_accounts_paginated(&client, ListFinancialAccountsParams::default());
    let mut results = Vec::new();
    while results.len() < limit {
        match accounts.next().await {
            None => break,
            Some(account) => results.push(account.map(|account| account.id.to_string())),
        }
    }
    results
}

#[tokio::test]
async fn a_paginator_given_the_same_page_again_stops_with_an_error() {
    // Whatever the cursor, the server answers the same page and says more follow.
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(page_of(&["fa_a", "fa_b"], true))
        .mount(&server)
        .await;
    let results = first_results(&server, 20).await;
    let (last, items) = results.split_last().unwrap();
    let ids: Vec<&str> = items.iter().map(|item| item.as_deref().unwrap()).collect();
    // The second page's objects are yielded (they might have been new); asking for the page
    // after `fa_b` a second time is where it stops.
    assert_eq!(ids, ["fa_a", "fa_b", "fa_a", "fa_b"]);
    let err = last.as_ref().unwrap_err();
    let Error::UnexpectedResponse(unexpected) = err else {
        panic!("expected an unexpected-response error, got {err:?}")
    };
    assert_eq!(unexpected.kind, UnexpectedResponseKind::PageDidNotAdvance);
    assert_eq!(err.request_id(), Some("req_stuck"));
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn an_empty_page_that_says_more_follow_stops_with_an_error() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(page_of(&["fa_a"], true))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(page_of(&[], true))
        .mount(&server)
        .await;
    let results = first_results(&server, 20).await;
    assert_eq!(results.len(), 2, "{results:?}");
    assert_eq!(results[0].as_deref().unwrap(), "fa_a");
    let err = results[1].as_ref().unwrap_err();
    assert!(
        matches!(err, Error::UnexpectedResponse(unexpected)
            if unexpected.kind == UnexpectedResponseKind::PageDidNotAdvance),
        "{err:?}"
    );
    assert_eq!(requests(&server).await.len(), 2);
}

// ---------------------------------------------------------------------------------------------
// Response size

#[tokio::test]
async fn a_response_over_the_size_limit_is_an_error_not_retried() {
    const LIMIT: usize = 64 * 1024;
    for status in [200, 503] {
        let server = MockServer::start().await;
        // A valid FinancialAccount, padded past the limit with a field no one reads.
        let mut padded = financial_account(FA);
        padded["padding"] = json!("x".repeat(4 * LIMIT));
        Mock::given(any())
            .respond_with(
                ResponseTemplate::new(status)
                    .insert_header("Request-Id", "req_big")
                    .set_body_json(padded),
            )
            .mount(&server)
            .await;
        let client = builder(&server).max_response_size(LIMIT).build().unwrap();
        let err = retrieve(&client).await.unwrap_err();
        let Error::UnexpectedResponse(unexpected) = &err else {
            panic!("expected an unexpected-response error, got {err:?}")
        };
        assert_eq!(
            unexpected.kind,
            UnexpectedResponseKind::TooLarge { limit: LIMIT }
        );
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.request_id(), Some("req_big"));
        assert!(err.to_string().contains("65536 bytes"), "{err}");
        assert_eq!(requests(&server).await.len(), 1, "status {status}");
    }

    // The default limit (16 MiB) lets the same response through.
    let server = MockServer::start().await;
    let mut padded = financial_account(FA);
    padded["padding"] = json!("x".repeat(4 * LIMIT));
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(padded))
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let account = retrieve(&client).await.unwrap();
    assert_eq!(account.id.as_str(), FA);
}

#[tokio::test]
async fn an_announced_length_past_memory_is_not_reserved() {
    // A server announcing a petabyte and sending two bytes. With no limit on the size, reserving
    // the announced length would abort the process; the client must end with an error instead.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0; 4096];
        let _ = std::io::Read::read(&mut stream, &mut request);
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 1000000000000000\r\n\r\n{}";
        std::io::Write::write_all(&mut stream, head.as_bytes()).unwrap();
    });
    let client = Client::builder(KEY)
        .base_url(format!("http://{address}"))
        .max_response_size(usize::MAX)
        .max_retries(0)
        .build()
        .unwrap();
    let err = retrieve(&client).await.unwrap_err();
    assert!(matches!(err, Error::Network(_)), "{err:?}");
    server.join().unwrap();
}

#[tokio::test]
async fn a_decode_error_shows_a_bounded_part_of_a_large_body() {
    let server = MockServer::start().await;
    // A huge string where a timestamp should be, which the decoder's message quotes.
    let mut body = financial_account(FA);
    body["created"] = json!("y".repeat(1_000_000));
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let err = retrieve(&client).await.unwrap_err();
    let Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}")
    };
    // All of it is there for whoever wants it...
    assert_eq!(decode.body(), body.to_string());
    // ...but printing the error shows a bounded part.
    for shown in [format!("{err}"), format!("{err:?}"), format!("{decode:#?}")] {
        assert!(shown.len() < 4 * 1024, "{} bytes shown", shown.len());
        assert!(shown.contains("more bytes"), "{shown}");
    }
}

// ---------------------------------------------------------------------------------------------
// Retry-After

/// A server that answers a rate limit with `Retry-After: retry_after` once, then the account.
async fn server_rate_limiting_once(retry_after: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", retry_after)
                .set_body_json(json!({"error": {"type": "invalid_request_error"}})),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(financial_account(FA)))
        .mount(&server)
        .await;
    server
}

/// `call`, failing the test if it takes longer than a minute: a wait that is not the one asked
/// for would otherwise hang it.
async fn within_a_minute<T>(call: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(60), call)
        .await
        .expect("the call ends within a minute")
}

#[tokio::test]
async fn retry_after_is_honoured_within_its_bound() {
    // The backoff alone would wait an hour: `Retry-After: 0` means now.
    let server = server_rate_limiting_once("0").await;
    let client = builder(&server)
        .retry_base_delay(Duration::from_secs(3600))
        .retry_max_delay(Duration::from_secs(3600))
        .build()
        .unwrap();
    let params = RetrieveFinancialAccountParams::default();
    let account = within_a_minute(retrieve_financial_account(&client, &fa_id(), &params))
        .await
        .unwrap();
    assert_eq!(account.id.as_str(), FA);
    assert_eq!(requests(&server).await.len(), 2);

    // Asked for an hour, the client waits no longer than its bound.
    let server = server_rate_limiting_once("3600").await;
    let client = builder(&server)
        .max_retry_after(Duration::from_millis(10))
        .build()
        .unwrap();
    within_a_minute(retrieve_financial_account(&client, &fa_id(), &params))
        .await
        .unwrap();
    assert_eq!(requests(&server).await.len(), 2);
}

// ---------------------------------------------------------------------------------------------
// Plain HTTP

#[test]
fn plain_http_is_refused_except_to_loopback_hosts_unless_allowed() {
    let build = |url: &str| Client::builder(KEY).base_url(url).build();
    for url in [
        "http://127.0.0.1:12111",
        "http://127.9.8.7",
        "http://[::1]:12111/",
        "http://localhost:12111",
        "http://LocalHost",
        "http://user@127.0.0.1:8080",
        "https://api.stripe.com",
        "https://stripe-mock.internal:12111",
    ] {
        assert!(build(url).is_ok(), "{url}");
    }
    for url in [
        "http://api.stripe.com",
        "http://10.0.0.7:12111",
        "http://[2001:db8::1]",
        "http://127.0.0.1.example.com",
        "http://localhost.example.com",
        "http://127.0.0.1@example.com",
    ] {
        let err = build(url).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("allow_insecure_http"), "{url}: {message}");
        assert!(!message.contains(KEY), "{message}");
        // Opting in allows it.
        assert!(
            Client::builder(KEY)
                .base_url(url)
                .allow_insecure_http(true)
                .build()
                .is_ok(),
            "{url}"
        );
    }
    for url in ["http://", "https://", "https:///v1", "http://:80"] {
        let err = build(url).unwrap_err();
        assert!(err.to_string().contains("no host"), "{url}: {err}");
    }
}

// ---------------------------------------------------------------------------------------------
// The deadline of a whole call

#[tokio::test]
async fn retried_timeouts_end_at_the_total_timeout() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(financial_account(FA))
                .set_delay(Duration::from_secs(30)),
        )
        .mount(&server)
        .await;
    // Ten retries of one second each would take eleven; the call has two and a half.
    let client = builder(&server)
        .timeout(Duration::from_secs(1))
        .max_retries(10)
        .total_timeout(Duration::from_millis(2500))
        .build()
        .unwrap();
    let params = RetrieveFinancialAccountParams::default();
    let err = within_a_minute(retrieve_financial_account(&client, &fa_id(), &params))
        .await
        .unwrap_err();
    let Error::Timeout(transport) = &err else {
        panic!("expected the timeout error, got {err:?}")
    };
    assert!(
        transport.to_string().contains("total timeout"),
        "{transport}"
    );
    // Two full attempts and one cut short.
    assert_eq!(requests(&server).await.len(), 3);
}

// ---------------------------------------------------------------------------------------------
// Per-request options

#[tokio::test]
async fn retries_and_timeout_can_be_set_for_one_request() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_json(json!({"error": {"type": "api_error", "message": "boom"}})),
        )
        .mount(&server)
        .await;
    let client = builder(&server).max_retries(3).build().unwrap();
    let params = RetrieveFinancialAccountParams::default();
    let once = client.with_max_retries(0);
    let err = retrieve_financial_account(&once, &fa_id(), &params)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(requests(&server).await.len(), 1);
    // The client keeps its own setting: four attempts.
    retrieve_financial_account(&client, &fa_id(), &params)
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await.len(), 5);

    // A slow server: the client's timeout is generous, this request's is not.
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(financial_account(FA))
                .set_delay(Duration::from_secs(30)),
        )
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let hurried = client
        .with_timeout(Duration::from_millis(200))
        .with_max_retries(0);
    let err = within_a_minute(retrieve_financial_account(&hurried, &fa_id(), &params))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert_eq!(requests(&server).await.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Telemetry

#[tokio::test]
async fn requests_name_the_crate_version_and_the_application_but_never_the_key() {
    use stripe_client::AppInfo;

    let server = server_with_an_account().await;
    let params = RetrieveFinancialAccountParams::default();
    let plain = builder(&server).build().unwrap();
    retrieve_financial_account(&plain, &fa_id(), &params)
        .await
        .unwrap();
    let app = AppInfo::new("RocketRides")
        .version("1.2.3")
        .url("https://rocketrides.example");
    let named = builder(&server).app_info(app).build().unwrap();
    retrieve_financial_account(&named, &fa_id(), &params)
        .await
        .unwrap();

    let sent = requests(&server).await;
    let header = |request: &Request, name: &str| {
        request
            .headers
            .get(name)
            .map(|value| value.to_str().unwrap().to_owned())
    };
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        header(&sent[0], "user-agent").unwrap(),
        format!("stripe-client-rust/{version}")
    );
    assert_eq!(
        header(&sent[1], "user-agent").unwrap(),
        format!("stripe-client-rust/{version} RocketRides/1.2.3 (https://rocketrides.example)")
    );
    let described = |request: &Request| -> Value {
        serde_json::from_str(&header(request, "x-stripe-client-user-agent").unwrap()).unwrap()
    };
    assert_eq!(
        described(&sent[0]),
        json!({"bindings_version": version, "lang": "rust", "publisher": "stripe-codegen"})
    );
    assert_eq!(
        described(&sent[1])["application"],
        json!({"name": "RocketRides", "version": "1.2.3", "url": "https://rocketrides.example"})
    );
    // Only the Authorization header carries the key.
    for request in &sent {
        for (name, value) in &request.headers {
            if name != "authorization" {
                assert!(!value.to_str().unwrap().contains(KEY), "{name}");
            }
        }
    }

    // An application name that cannot go in a header is refused when building.
    let err = builder(&server)
        .app_info(AppInfo::new("Rocket\r\nRides"))
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("application's name"), "{err}");
}

#[tokio::test]
async fn a_required_list_that_stripe_refuses_empty_is_refused_before_sending() {
    use stripe_client::financial_connections::{AccountId, RefreshAccountParams, refresh_account};
    use stripe_client::treasury::{CreateFinancialAccountParams, create_financial_account};

    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let err = create_financial_account(&client, &CreateFinancialAccountParams::new(vec![]))
        .await
        .unwrap_err();
    let Error::Usage(usage) = &err else {
        panic!("expected a usage error, got {err:?}")
    };
    assert!(
        usage
            .message()
            .contains("`supported_currencies` is an empty list"),
        "{usage}"
    );
    let err = refresh_account(
        &client,
        &AccountId::new("fca_1"),
        &RefreshAccountParams::new(vec![]),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&err, Error::Usage(usage) if usage.message().contains("`features`")),
        "{err:?}"
    );
    assert!(requests(&server).await.is_empty(), "nothing was sent");
}
