//! Options a production caller sets on one call, over real HTTP against a wiremock server on
//! 127.0.0.1 (never the internet), through the generated endpoint functions: the metadata of
//! the response, and parameters the spec does not know.
#![cfg(feature = "reqwest")]

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Value, json};
use stripe_client::treasury::{
    FinancialAccountId, ListFinancialAccountsParams, UpdateFinancialAccountParams,
    list_financial_accounts_paginated, retrieve_financial_account, update_financial_account,
};
use stripe_client::{Clearable, Client, ClientBuilder, Error, ExtraParams, LastResponse};
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

// ---------------------------------------------------------------------------------------------
// Extra parameters

/// A server that answers every request with 200 and a FinancialAccount.
async fn server_with_an_account() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(financial_account(FA)))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn extra_params_follow_the_typed_ones_in_the_body_and_the_query() {
    let server = server_with_an_account().await;
    let client = builder(&server).build().unwrap();
    let extra = ExtraParams::new()
        .set("preview_feature[enabled]", true)
        .set("preview_feature[note]", "a b&c=d")
        .set("items[0][limit]", 25)
        // Set again: replaced, in its first place.
        .set("preview_feature[enabled]", false);
    let preview = client.with_extra_params(extra);
    let params = UpdateFinancialAccountParams {
        nickname: Some(Clearable::Set("Main".into())),
        ..Default::default()
    };
    update_financial_account(&preview, &fa_id(), &params)
        .await
        .unwrap();
    retrieve_financial_account(&preview, &fa_id(), &Default::default())
        .await
        .unwrap();
    // The client it was made from sends none.
    update_financial_account(&client, &fa_id(), &params)
        .await
        .unwrap();

    let sent = requests(&server).await;
    assert_eq!(
        String::from_utf8_lossy(&sent[0].body),
        "nickname=Main&preview_feature[enabled]=false&preview_feature[note]=a+b%26c%3Dd\
         &items[0][limit]=25"
    );
    assert_eq!(
        sent[1].url.query(),
        Some("preview_feature[enabled]=false&preview_feature[note]=a+b%26c%3Dd&items[0][limit]=25")
    );
    assert_eq!(String::from_utf8_lossy(&sent[2].body), "nickname=Main");
}

#[tokio::test]
async fn extra_params_go_on_every_page_of_a_paginator() {
    let server = MockServer::start().await;
    let page = |ids: &[&str], has_more: bool| {
        let data: Vec<Value> = ids.iter().map(|id| financial_account(id)).collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "object": "list", "url": "/v1/treasury/financial_accounts",
            "has_more": has_more, "data": data,
        }))
    };
    Mock::given(method("GET"))
        .and(query_param("starting_after", "fa_a"))
        .respond_with(page(&["fa_b"], false))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(page(&["fa_a"], true))
        .mount(&server)
        .await;
    let client = builder(&server)
        .build()
        .unwrap()
        .with_extra_params(ExtraParams::new().set("preview", "on"));
    let ids: Vec<String> =
        list_financial_accounts_paginated(&client, ListFinancialAccountsParams::default())
            .try_collect()
            .await
            .unwrap()
            .into_iter()
            .map(|account| account.id.to_string())
            .collect();
    assert_eq!(ids, ["fa_a", "fa_b"]);
    let queries: Vec<String> = requests(&server)
        .await
        .iter()
        .map(|request| request.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(queries, ["preview=on", "starting_after=fa_a&preview=on"]);
}

#[tokio::test]
async fn extra_params_that_would_change_the_bracket_structure_are_refused_before_sending() {
    let server = server_with_an_account().await;
    let client = builder(&server).build().unwrap();
    let params = UpdateFinancialAccountParams {
        nickname: Some(Clearable::Set("Main".into())),
        metadata: BTreeMap::from([("order".to_owned(), "6735".to_owned())]),
        ..Default::default()
    };
    let refused = |key: &str, why: &str| (key.to_owned(), why.to_owned());
    let cases = [
        refused("", "does not start with a name"),
        refused("[a]", "does not start with a name"),
        refused("a[]", "empty brackets"),
        refused("a[b", "never closed"),
        refused("a[b[c]]", "a `[` inside brackets"),
        refused("a[b]c", "text after a `]`"),
        // Already sent by the typed parameters, as it is or with another structure.
        refused("nickname", "clashes with `nickname`"),
        refused("nickname[x]", "clashes with `nickname`"),
        refused("metadata", "clashes with `metadata[order]`"),
        refused("metadata[order]", "clashes with `metadata[order]`"),
    ];
    for (key, why) in cases {
        let preview = client.with_extra_params(ExtraParams::new().set(key.as_str(), 1));
        let err = update_financial_account(&preview, &fa_id(), &params)
            .await
            .unwrap_err();
        let Error::Usage(usage) = &err else {
            panic!("expected a usage error for {key:?}, got {err:?}")
        };
        assert!(usage.message().contains(&why), "{key:?}: {usage}");
        assert!(!err.to_string().contains(KEY), "{err}");
    }
    // Two extra keys that clash with each other.
    let preview = client.with_extra_params(ExtraParams::new().set("a", 1).set("a[b]", 2));
    let err = update_financial_account(&preview, &fa_id(), &params)
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Usage(usage) if usage.message().contains("clashes with `a`")));
    assert_eq!(requests(&server).await.len(), 0);

    // Another metadata entry, or a list index the typed parameters do not use, is no clash.
    let preview = client.with_extra_params(
        ExtraParams::new()
            .set("metadata[batch]", 7)
            .set("expand[0]", "x"),
    );
    update_financial_account(&preview, &fa_id(), &params)
        .await
        .unwrap();
    let sent = requests(&server).await;
    assert_eq!(
        String::from_utf8_lossy(&sent[0].body),
        "metadata[order]=6735&nickname=Main&metadata[batch]=7&expand[0]=x"
    );
}
