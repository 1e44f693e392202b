//! Options a production caller sets on one call, over real HTTP against a wiremock server on
//! 127.0.0.1 (never the internet), through the generated endpoint functions: the metadata of
//! the response, and parameters the spec does not know.
#![cfg(feature = "reqwest")]

use std::time::Duration;

use serde_json::{Value, json};
use stripe_client::treasury::{
    FinancialAccountId, ListFinancialAccountsParams, list_financial_accounts_paginated,
    retrieve_financial_account,
};
use stripe_client::{Client, ClientBuilder, LastResponse};
use wiremock::matchers::{any, method, path, query_param};
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

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

// ---------------------------------------------------------------------------------------------
// Response metadata

#[tokio::test]
async fn a_successful_call_records_its_status_request_id_and_headers_when_asked() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(FA_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Request-Id", "req_meta_1")
                .insert_header("Stripe-Version", "2026-07-29.dahlia")
                .set_body_json(financial_account(FA)),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    // The second call: a 500 first, then the answer, so it takes two attempts.
    Mock::given(method("GET"))
        .and(path(FA_PATH))
        .respond_with(
            ResponseTemplate::new(500)
                .insert_header("Request-Id", "req_meta_500")
                .set_body_json(json!({"error": {"type": "api_error"}})),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(FA_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Request-Id", "req_meta_2")
                .set_body_json(financial_account(FA)),
        )
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let last = LastResponse::new();
    assert_eq!(last.get(), None);

    let recording = client.with_last_response(&last);
    let account = retrieve_financial_account(&recording, &fa_id(), &Default::default())
        .await
        .unwrap();
    assert_eq!(account.id.as_str(), FA);
    let meta = last.get().expect("a response arrived");
    assert_eq!(meta.status(), 200);
    assert_eq!(meta.request_id(), Some("req_meta_1"));
    assert_eq!(meta.header("stripe-version"), Some("2026-07-29.dahlia"));
    assert!(
        meta.headers()
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("content-type"))
    );
    assert_eq!(meta.attempts(), 1);

    // After a retry: the answer's metadata, and the attempts it took.
    retrieve_financial_account(&recording, &fa_id(), &Default::default())
        .await
        .unwrap();
    let meta = last.take().unwrap();
    assert_eq!(meta.request_id(), Some("req_meta_2"));
    assert_eq!(meta.attempts(), 2);
    assert_eq!(last.get(), None);

    // The client it was made from records nothing.
    retrieve_financial_account(&client, &fa_id(), &Default::default())
        .await
        .unwrap();
    assert_eq!(last.get(), None);
}

#[tokio::test]
async fn an_error_response_is_recorded_and_no_response_leaves_the_record_empty() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("Request-Id", "req_missing")
                .set_body_json(
                    json!({"error": {"type": "invalid_request_error", "code": "resource_missing"}}),
                ),
        )
        .mount(&server)
        .await;
    let last = LastResponse::new();
    let client = builder(&server).build().unwrap().with_last_response(&last);
    let err = retrieve_financial_account(&client, &fa_id(), &Default::default())
        .await
        .unwrap_err();
    assert_eq!(err.request_id(), Some("req_missing"));
    let meta = last.get().unwrap();
    assert_eq!(
        (meta.status(), meta.request_id()),
        (404, Some("req_missing"))
    );

    // A call refused before sending empties the record: what it held was another call's.
    let empty_id = FinancialAccountId::new("");
    retrieve_financial_account(&client, &empty_id, &Default::default())
        .await
        .unwrap_err();
    assert_eq!(last.get(), None);

    // Nothing listening: no response, nothing recorded.
    drop(server);
    let closed = Client::builder(KEY)
        .base_url("http://127.0.0.1:9")
        .max_retries(0)
        .build()
        .unwrap()
        .with_last_response(&last);
    retrieve_financial_account(&closed, &fa_id(), &Default::default())
        .await
        .unwrap_err();
    assert_eq!(last.get(), None);
}

#[tokio::test]
async fn a_paginator_records_each_page_it_fetches() {
    let server = MockServer::start().await;
    let page = |ids: &[&str], has_more: bool, request_id: &str| {
        let data: Vec<Value> = ids.iter().map(|id| financial_account(id)).collect();
        ResponseTemplate::new(200)
            .insert_header("Request-Id", request_id)
            .set_body_json(json!({
                "object": "list", "url": "/v1/treasury/financial_accounts",
                "has_more": has_more, "data": data,
            }))
    };
    Mock::given(method("GET"))
        .and(query_param("starting_after", "fa_b"))
        .respond_with(page(&["fa_c"], false, "req_page_2"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(page(&["fa_a", "fa_b"], true, "req_page_1"))
        .mount(&server)
        .await;
    let last = LastResponse::new();
    let client = builder(&server).build().unwrap().with_last_response(&last);
    let mut accounts =
        list_financial_accounts_paginated(&client, ListFinancialAccountsParams::default());
    accounts.next().await.unwrap().unwrap();
    assert_eq!(last.get().unwrap().request_id(), Some("req_page_1"));
    accounts.next().await.unwrap().unwrap();
    accounts.next().await.unwrap().unwrap();
    assert_eq!(last.get().unwrap().request_id(), Some("req_page_2"));
    assert!(accounts.next().await.is_none());
    assert_eq!(requests(&server).await.len(), 2);
}
