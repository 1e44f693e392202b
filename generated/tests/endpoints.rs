//! Every generated endpoint function over real HTTP, against a wiremock server on 127.0.0.1
//! (never the internet): the exact request Stripe expects (method, path, query string or form
//! body, headers) and the typed decoding of a realistic response. Then, once each through a
//! generated function: Stripe's error types, a retry, no retry, pagination, a timeout, and the
//! `quickstart` example.
#![cfg(feature = "reqwest")]

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Value, json};
use stripe_client::financial_connections::{
    AccountExpand, AccountHolderFilter, AccountHolderType, AccountId, AccountObject,
    AccountOwnershipId, AccountPaymentMethodType, AccountRefreshFeature, AccountStatus,
    AccountSubscription, DisconnectAccountParams, ListAccountOwnersParams, ListAccountsParams,
    RefreshAccountParams, RefreshStatus, RetrieveAccountParams, SubscribeAccountParams,
    UnsubscribeAccountParams, disconnect_account, list_account_owners, list_accounts,
    list_accounts_paginated, refresh_account, retrieve_account, subscribe_account,
    unsubscribe_account,
};
use stripe_client::http::TransportErrorKind;
use stripe_client::treasury::{
    CloseFinancialAccountParams, ClosedReason, CreateFinancialAccountParams, FeatureAccessParams,
    FeaturesParams, FinancialAccountExpand, FinancialAccountFeature, FinancialAccountId,
    FinancialAccountStatus, FinancialAddressesFeatureParams, FlowRestriction,
    ForwardingSettingsParams, InboundTransfersFeatureParams, ListFinancialAccountsParams,
    OutboundTransfersFeatureParams, PlatformRestrictionsParams,
    RetrieveFinancialAccountFeaturesParams, RetrieveFinancialAccountParams, ToggleRestriction,
    ToggleStatus, ToggleStatusCode, ToggleStatusResolution, UpdateFinancialAccountFeaturesParams,
    UpdateFinancialAccountParams, close_financial_account, create_financial_account,
    list_financial_accounts, retrieve_financial_account, retrieve_financial_account_features,
    update_financial_account, update_financial_account_features,
};
use stripe_client::{
    ApiErrorType, Clearable, Client, ClientBuilder, Currency, Error, ErrorCode, Nullable, Object,
    RangeQuery, Timestamp,
};
use wiremock::matchers::{any, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

#[allow(dead_code)] // Its `main` is for `cargo run --example quickstart`; the test calls `run`.
#[path = "../examples/quickstart.rs"]
mod quickstart;

const KEY: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
const REQUEST_ID: &str = "req_Q6sTnXkWQJ5bD2";
const FCA: &str = "fca_1MwVK82eZvKYlo2Cjw8FMxXf";
const CUSTOMER: &str = "cus_9s6XI9OFIdpjIg";
const OWNERSHIP: &str = "fcaowns_1MwVK82eZvKYlo2CZpoQuNGr";
const FA: &str = "fa_1MtZmL2eZvKYlo2Cer6cdwEC";
const FORM: &str = "application/x-www-form-urlencoded";

// ---------------------------------------------------------------------------------------------
// Shared helpers: the client, one exchange with a server, and the checks on what was sent.

/// A client for `server`, with retries that wait a millisecond or so.
fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder(KEY)
        .base_url(server.uri())
        .retry_base_delay(Duration::from_millis(1))
        .retry_max_delay(Duration::from_millis(5))
}

fn stripe_response(status: u16, body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("Request-Id", REQUEST_ID)
        .set_body_json(body)
}

/// A server answering every request with `status` and the JSON `body`.
async fn server_answering(status: u16, body: &Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(stripe_response(status, body))
        .mount(&server)
        .await;
    server
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

/// Runs `call` against a server answering 200 with `response`, and returns what it decoded and
/// the one request it sent.
async fn exchange<T>(
    response: Value,
    call: impl AsyncFnOnce(&Client) -> Result<T, Error>,
) -> (T, Request) {
    let server = server_answering(200, &response).await;
    let client = builder(&server).build().unwrap();
    let decoded = call(&client).await.expect("the call succeeds");
    let mut sent = requests(&server).await;
    assert_eq!(sent.len(), 1, "expected exactly one request: {sent:?}");
    (decoded, sent.remove(0))
}

/// The IDs of `objects`, in order.
fn ids<T>(objects: &[T]) -> Vec<&str>
where
    T: Object,
    T::Id: AsRef<str>,
{
    objects.iter().map(|object| object.id().as_ref()).collect()
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().expect("an ASCII header"))
}

/// The headers every request carries, whatever its method.
fn assert_common_headers(request: &Request) {
    assert_eq!(
        header(request, "authorization"),
        Some("Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc")
    );
    assert_eq!(
        header(request, "stripe-version"),
        Some(stripe_client::API_VERSION)
    );
    assert_eq!(header(request, "stripe-account"), None);
}

/// A GET of `path` with exactly the query string `query` (`None`: no `?` at all), no body, no
/// `Content-Type` and no `Idempotency-Key`.
fn assert_get(request: &Request, path: &str, query: Option<&str>) {
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), path);
    assert_eq!(request.url.query(), query);
    assert_common_headers(request);
    assert_eq!(header(request, "idempotency-key"), None);
    assert_eq!(header(request, "content-type"), None);
    assert_eq!(String::from_utf8_lossy(&request.body), "");
}

/// A POST of `path` with no query string, exactly the form `body`, its `Content-Type`, and an
/// `Idempotency-Key` (the client's default: a UUID v4).
fn assert_post(request: &Request, path: &str, body: &str) {
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), path);
    assert_eq!(request.url.query(), None);
    assert_common_headers(request);
    assert_eq!(header(request, "content-type"), Some(FORM));
    let key = header(request, "idempotency-key").expect("every POST has an Idempotency-Key");
    assert!(is_uuid_v4(key), "{key:?}");
    assert_eq!(String::from_utf8_lossy(&request.body), body);
}

fn is_uuid_v4(key: &str) -> bool {
    let groups: Vec<&str> = key.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|group| group.len()).collect();
    lengths == [8, 4, 4, 4, 12]
        && groups[2].starts_with('4')
        && key
            .bytes()
            .all(|byte| byte == b'-' || byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
}

// ---------------------------------------------------------------------------------------------
// Response bodies, as Stripe sends them.

/// `value` with the top-level fields of `changes` replaced.
fn with(mut value: Value, changes: Value) -> Value {
    let Value::Object(changes) = changes else {
        panic!("changes must be an object")
    };
    for (name, changed) in changes {
        value[name] = changed;
    }
    value
}

fn list(url: &str, data: Vec<Value>, has_more: bool) -> Value {
    json!({"object": "list", "url": url, "has_more": has_more, "data": data})
}

/// The Account of Stripe's API reference example (its older `object` name included).
fn fc_account(id: &str) -> Value {
    json!({
        "id": id,
        "object": "linked_account",
        "account_holder": {"customer": CUSTOMER, "type": "customer"},
        "balance": null,
        "balance_refresh": null,
        "category": "cash",
        "created": 1681412208,
        "display_name": "Sample Checking Account",
        "institution_name": "StripeBank",
        "last4": "6789",
        "livemode": false,
        "ownership": null,
        "ownership_refresh": null,
        "permissions": [],
        "status": "active",
        "subcategory": "checking",
        "subscriptions": [],
        "supported_payment_method_types": ["us_bank_account"],
        "transaction_refresh": null
    })
}

fn fc_owner(id: &str, name: &str) -> Value {
    json!({
        "id": id,
        "object": "financial_connections.account_owner",
        "email": "jenny.rosen@example.com",
        "name": name,
        "ownership": OWNERSHIP,
        "phone": "+1 555-555-5555",
        "raw_address": "510 Townsend St, San Francisco, CA 94103",
        "refreshed_at": 1681412210
    })
}

/// An expanded `ownership`.
fn fc_ownership() -> Value {
    json!({
        "id": OWNERSHIP,
        "object": "financial_connections.account_ownership",
        "created": 1681412210,
        "owners": list(
            "/v1/financial_connections/accounts/fca_1MwVK82eZvKYlo2Cjw8FMxXf/owners",
            vec![fc_owner("fcaown_1MwVK82eZvKYlo2CQOCrwGKA", "Jenny Rosen")],
            false,
        )
    })
}

fn refresh(status: &str) -> Value {
    json!({"last_attempted_at": 1681412300, "next_refresh_available_at": null, "status": status})
}

fn financial_account(id: &str) -> Value {
    json!({
        "id": id,
        "object": "treasury.financial_account",
        "active_features": ["financial_addresses.aba", "outbound_payments.ach"],
        "balance": {"cash": {"usd": 125000}, "inbound_pending": {"usd": 0}, "outbound_pending": {"usd": 2500}},
        "country": "US",
        "created": 1680714349,
        "financial_addresses": [{
            "aba": {
                "account_holder_name": "Jenny Rosen",
                "account_number_last4": "7890",
                "bank_name": "STRIPE TEST BANK",
                "routing_number": "0000000001"
            },
            "supported_networks": ["ach", "us_domestic_wire"],
            "type": "aba"
        }],
        "livemode": false,
        "metadata": {"order_id": "6735"},
        "nickname": "Operating cash",
        "pending_features": ["inbound_transfers.ach"],
        "platform_restrictions": {"inbound_flows": "unrestricted", "outbound_flows": "restricted"},
        "restricted_features": [],
        "status": "open",
        "status_details": {"closed": null},
        "supported_currencies": ["usd"]
    })
}

fn toggle(requested: bool, status: &str, details: Value) -> Value {
    json!({"requested": requested, "status": status, "status_details": details})
}

fn financial_account_features() -> Value {
    json!({
        "object": "treasury.financial_account_features",
        "deposit_insurance": toggle(true, "active", json!([])),
        "financial_addresses": {
            "aba": toggle(true, "pending", json!([{"code": "activating", "resolution": null}]))
        },
        "inbound_transfers": {"ach": toggle(true, "active", json!([]))},
        "outbound_transfers": {
            "us_domestic_wire": toggle(true, "restricted", json!([{
                "code": "restricted_by_platform",
                "resolution": "remove_restriction",
                "restriction": "outbound_flows"
            }]))
        }
    })
}

fn fca_id() -> AccountId {
    AccountId::new(FCA)
}

fn fa_id() -> FinancialAccountId {
    FinancialAccountId::new(FA)
}

fn currencies(pairs: &[(&str, i64)]) -> BTreeMap<Currency, i64> {
    pairs
        .iter()
        .map(|&(code, amount)| (Currency::new(code), amount))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Financial Connections accounts.

#[tokio::test]
async fn list_accounts_sends_filters_in_the_query_and_decodes_the_page() {
    let params = ListAccountsParams {
        account_holder: Some(AccountHolderFilter::Customer(CUSTOMER.into())),
        expand: vec![AccountExpand::Ownership],
        limit: Some(3),
        ..Default::default()
    };
    let second = with(
        fc_account("fca_1MwVK92eZvKYlo2CmJSSRxQX"),
        json!({"display_name": "Sample Savings Account", "subcategory": "savings", "status": "inactive"}),
    );
    let response = list(
        "/v1/financial_connections/accounts",
        vec![fc_account(FCA), second],
        false,
    );
    let (page, request) = exchange(response, async |client| {
        list_accounts(client, &params).await
    })
    .await;

    assert_get(
        &request,
        "/v1/financial_connections/accounts",
        Some("account_holder[customer]=cus_9s6XI9OFIdpjIg&expand[0]=data.ownership&limit=3"),
    );
    assert!(!page.has_more);
    assert_eq!(page.url, "/v1/financial_connections/accounts");
    assert_eq!(ids(&page.data), [FCA, "fca_1MwVK92eZvKYlo2CmJSSRxQX"]);
    let first = &page.data[0];
    let holder = first.account_holder.value().expect("an account holder");
    assert_eq!(holder.type_, AccountHolderType::Customer);
    let customer = holder.customer.as_ref().expect("a customer");
    assert!(!customer.is_expanded());
    assert_eq!(customer.id().as_str(), CUSTOMER);
    assert_eq!(first.object, AccountObject::LinkedAccount);
    assert_eq!(first.institution_name, "StripeBank");
    assert_eq!(first.last4, Nullable::Value("6789".to_owned()));
    assert_eq!(
        first.supported_payment_method_types,
        [AccountPaymentMethodType::UsBankAccount]
    );
    assert!(first.ownership.is_null());
    assert_eq!(page.data[1].status, AccountStatus::Inactive);
}

#[tokio::test]
async fn retrieve_account_expands_ownership_into_the_object() {
    let params = RetrieveAccountParams {
        expand: vec![AccountExpand::Ownership],
    };
    let response = with(fc_account(FCA), json!({"ownership": fc_ownership()}));
    let (account, request) = exchange(response, async |client| {
        retrieve_account(client, &fca_id(), &params).await
    })
    .await;

    assert_get(
        &request,
        "/v1/financial_connections/accounts/fca_1MwVK82eZvKYlo2Cjw8FMxXf",
        Some("expand[0]=ownership"),
    );
    assert_eq!(account.id, fca_id());
    assert_eq!(account.created, Timestamp::from_unix_seconds(1681412208));
    let ownership = account.ownership.value().expect("an ownership");
    assert!(ownership.is_expanded());
    assert_eq!(ownership.id().as_str(), OWNERSHIP);
    let ownership = ownership.as_object().unwrap();
    assert_eq!(ownership.created, Timestamp::from_unix_seconds(1681412210));
    let owner = &ownership.owners.data[0];
    assert_eq!(owner.name, "Jenny Rosen");
    assert_eq!(owner.ownership.as_str(), OWNERSHIP);
    assert_eq!(
        owner.email,
        Nullable::Value("jenny.rosen@example.com".to_owned())
    );
}

#[tokio::test]
async fn disconnect_account_without_params_posts_an_empty_form() {
    let response = with(fc_account(FCA), json!({"status": "disconnected"}));
    let (account, request) = exchange(response, async |client| {
        disconnect_account(client, &fca_id(), &DisconnectAccountParams::default()).await
    })
    .await;

    assert_post(
        &request,
        "/v1/financial_connections/accounts/fca_1MwVK82eZvKYlo2Cjw8FMxXf/disconnect",
        "",
    );
    assert_eq!(account.id, fca_id());
    assert_eq!(account.status, AccountStatus::Disconnected);
}

#[tokio::test]
async fn refresh_account_posts_indexed_features_and_expand() {
    let params = RefreshAccountParams {
        expand: vec![AccountExpand::Ownership],
        ..RefreshAccountParams::new(vec![
            AccountRefreshFeature::Balance,
            AccountRefreshFeature::Ownership,
        ])
    };
    let response = with(
        fc_account(FCA),
        json!({
            "balance_refresh": refresh("pending"),
            "ownership": fc_ownership(),
            "ownership_refresh": refresh("succeeded")
        }),
    );
    let (account, request) = exchange(response, async |client| {
        refresh_account(client, &fca_id(), &params).await
    })
    .await;

    assert_post(
        &request,
        "/v1/financial_connections/accounts/fca_1MwVK82eZvKYlo2Cjw8FMxXf/refresh",
        "expand[0]=ownership&features[0]=balance&features[1]=ownership",
    );
    let balance_refresh = account.balance_refresh.value().unwrap();
    assert_eq!(balance_refresh.status, RefreshStatus::Pending);
    assert_eq!(
        balance_refresh.last_attempted_at,
        Timestamp::from_unix_seconds(1681412300)
    );
    assert!(balance_refresh.next_refresh_available_at.is_null());
    let ownership_refresh = account.ownership_refresh.value().unwrap();
    assert_eq!(ownership_refresh.status, RefreshStatus::Succeeded);
}

#[tokio::test]
async fn subscribe_account_posts_the_features() {
    let params = SubscribeAccountParams::new(vec![AccountSubscription::Transactions]);
    let response = with(
        fc_account(FCA),
        json!({
            "subscriptions": ["transactions"],
            "transaction_refresh": with(refresh("pending"), json!({"id": "fctxnref_1MwVK82eZvKYlo2C"}))
        }),
    );
    let (account, request) = exchange(response, async |client| {
        subscribe_account(client, &fca_id(), &params).await
    })
    .await;

    assert_post(
        &request,
        "/v1/financial_connections/accounts/fca_1MwVK82eZvKYlo2Cjw8FMxXf/subscribe",
        "features[0]=transactions",
    );
    assert_eq!(
        account.subscriptions,
        Nullable::Value(vec![AccountSubscription::Transactions])
    );
    let transaction_refresh = account.transaction_refresh.value().unwrap();
    assert_eq!(transaction_refresh.id, "fctxnref_1MwVK82eZvKYlo2C");
    assert_eq!(transaction_refresh.status, RefreshStatus::Pending);
}

#[tokio::test]
async fn unsubscribe_account_posts_the_features() {
    let params = UnsubscribeAccountParams::new(vec![AccountSubscription::Transactions]);
    let (account, request) = exchange(fc_account(FCA), async |client| {
        unsubscribe_account(client, &fca_id(), &params).await
    })
    .await;

    assert_post(
        &request,
        "/v1/financial_connections/accounts/fca_1MwVK82eZvKYlo2Cjw8FMxXf/unsubscribe",
        "features[0]=transactions",
    );
    assert_eq!(account.subscriptions, Nullable::Value(vec![]));
}

#[tokio::test]
async fn list_account_owners_sends_the_ownership_and_decodes_the_owners() {
    let params = ListAccountOwnersParams {
        limit: Some(2),
        ..ListAccountOwnersParams::new(AccountOwnershipId::new(OWNERSHIP))
    };
    let owners_url = "/v1/financial_connections/accounts/fca_1MwVK82eZvKYlo2Cjw8FMxXf/owners";
    let response = list(
        owners_url,
        vec![
            fc_owner("fcaown_1MwVK82eZvKYlo2CQOCrwGKA", "Jenny Rosen"),
            with(
                fc_owner("fcaown_1MwVK82eZvKYlo2CbtuFZTvZ", "Jordan Lee"),
                json!({"email": null, "phone": null}),
            ),
        ],
        true,
    );
    let (page, request) = exchange(response, async |client| {
        list_account_owners(client, &fca_id(), &params).await
    })
    .await;

    assert_get(
        &request,
        owners_url,
        Some("limit=2&ownership=fcaowns_1MwVK82eZvKYlo2CZpoQuNGr"),
    );
    assert!(page.has_more);
    let names: Vec<&str> = page.data.iter().map(|owner| owner.name.as_str()).collect();
    assert_eq!(names, ["Jenny Rosen", "Jordan Lee"]);
    assert_eq!(page.data[1].id.as_str(), "fcaown_1MwVK82eZvKYlo2CbtuFZTvZ");
    assert!(page.data[1].email.is_null());
    assert_eq!(
        page.data[0].refreshed_at,
        Nullable::Value(Timestamp::from_unix_seconds(1681412210))
    );
}

#[tokio::test]
async fn ids_with_slashes_or_question_marks_stay_one_path_segment() {
    let id = AccountId::new("fca_1/../../v1/charges?limit=1#x");
    let (_, request) = exchange(fc_account(FCA), async |client| {
        retrieve_account(client, &id, &RetrieveAccountParams::default()).await
    })
    .await;
    assert_get(
        &request,
        "/v1/financial_connections/accounts/fca_1%2F..%2F..%2Fv1%2Fcharges%3Flimit%3D1%23x",
        None,
    );

    // `..` alone is a dot segment to every URL parser, even percent-encoded (`%2E%2E`): sent
    // as is, it would turn this POST into `POST /v1/financial_connections/disconnect`.
    let (_, request) = exchange(fc_account(FCA), async |client| {
        disconnect_account(client, &AccountId::new(".."), &Default::default()).await
    })
    .await;
    assert_post(
        &request,
        "/v1/financial_connections/accounts/%252E%252E/disconnect",
        "",
    );
}

// ---------------------------------------------------------------------------------------------
// Treasury financial accounts.

/// Ask for ABA financial addresses and inbound ACH transfers, and explicitly not for deposit
/// insurance.
fn requested_features() -> FeaturesParams {
    FeaturesParams {
        deposit_insurance: Some(FeatureAccessParams::new(false)),
        financial_addresses: Some(FinancialAddressesFeatureParams {
            aba: Some(FeatureAccessParams::new(true)),
        }),
        inbound_transfers: Some(InboundTransfersFeatureParams {
            ach: Some(FeatureAccessParams::new(true)),
        }),
        ..Default::default()
    }
}

fn order_metadata() -> BTreeMap<String, String> {
    BTreeMap::from([("order_id".to_owned(), "6735".to_owned())])
}

#[tokio::test]
async fn create_financial_account_posts_nested_features_metadata_and_currencies() {
    let params = CreateFinancialAccountParams {
        features: Some(requested_features()),
        metadata: order_metadata(),
        nickname: Some(Clearable::Set("Operating cash".to_owned())),
        platform_restrictions: Some(PlatformRestrictionsParams {
            outbound_flows: Some(FlowRestriction::Restricted),
            ..Default::default()
        }),
        ..CreateFinancialAccountParams::new(vec![Currency::USD])
    };
    let (account, request) = exchange(financial_account(FA), async |client| {
        create_financial_account(client, &params).await
    })
    .await;

    assert_post(
        &request,
        "/v1/treasury/financial_accounts",
        "features[deposit_insurance][requested]=false\
         &features[financial_addresses][aba][requested]=true\
         &features[inbound_transfers][ach][requested]=true\
         &metadata[order_id]=6735\
         &nickname=Operating+cash\
         &platform_restrictions[outbound_flows]=restricted\
         &supported_currencies[0]=usd",
    );
    assert_eq!(account.id, fa_id());
    assert_eq!(account.status, FinancialAccountStatus::Open);
    assert_eq!(account.supported_currencies, [Currency::USD]);
    assert_eq!(
        account.nickname,
        Nullable::Value("Operating cash".to_owned())
    );
    assert_eq!(account.metadata, Nullable::Value(order_metadata()));
    assert_eq!(account.balance.cash, currencies(&[("usd", 125000)]));
    assert_eq!(
        account.balance.outbound_pending,
        currencies(&[("usd", 2500)])
    );
    assert_eq!(
        account.pending_features,
        Some(vec![FinancialAccountFeature::InboundTransfersAch])
    );
    let aba = account.financial_addresses[0].aba.as_ref().unwrap();
    assert_eq!(aba.routing_number, "0000000001");
    assert!(aba.account_number.is_absent());
    let restrictions = account.platform_restrictions.value().unwrap();
    assert_eq!(
        restrictions.outbound_flows,
        Nullable::Value(FlowRestriction::Restricted)
    );
    assert!(account.status_details.closed.is_null());
}

#[tokio::test]
async fn update_financial_account_clears_the_nickname_only_when_asked() {
    let clear = UpdateFinancialAccountParams {
        forwarding_settings: Some(ForwardingSettingsParams::FinancialAccount(
            FinancialAccountId::new("fa_1MtZmL2eZvKYlo2Cx8TgcMbG"),
        )),
        nickname: Some(Clearable::Clear),
        ..Default::default()
    };
    let response = with(financial_account(FA), json!({"nickname": null}));
    let (account, request) = exchange(response, async |client| {
        update_financial_account(client, &fa_id(), &clear).await
    })
    .await;
    assert_post(
        &request,
        "/v1/treasury/financial_accounts/fa_1MtZmL2eZvKYlo2Cer6cdwEC",
        "forwarding_settings[financial_account]=fa_1MtZmL2eZvKYlo2Cx8TgcMbG\
         &forwarding_settings[type]=financial_account&nickname=",
    );
    assert!(account.nickname.is_null());

    // Left out, the nickname is not sent at all (and so stays as it is).
    let keep = UpdateFinancialAccountParams {
        metadata: order_metadata(),
        ..Default::default()
    };
    let (account, request) = exchange(financial_account(FA), async |client| {
        update_financial_account(client, &fa_id(), &keep).await
    })
    .await;
    assert_post(
        &request,
        "/v1/treasury/financial_accounts/fa_1MtZmL2eZvKYlo2Cer6cdwEC",
        "metadata[order_id]=6735",
    );
    assert_eq!(
        account.nickname,
        Nullable::Value("Operating cash".to_owned())
    );
}

#[tokio::test]
async fn retrieve_financial_account_expands_features() {
    let params = RetrieveFinancialAccountParams {
        expand: vec![FinancialAccountExpand::Features],
    };
    let response = with(
        financial_account(FA),
        json!({"features": financial_account_features()}),
    );
    let (account, request) = exchange(response, async |client| {
        retrieve_financial_account(client, &fa_id(), &params).await
    })
    .await;

    assert_get(
        &request,
        "/v1/treasury/financial_accounts/fa_1MtZmL2eZvKYlo2Cer6cdwEC",
        Some("expand[0]=features"),
    );
    assert_eq!(account.created, Timestamp::from_unix_seconds(1680714349));
    let features = account.features.expect("expanded features");
    let aba = features.financial_addresses.unwrap().aba.unwrap();
    assert!(aba.requested);
    assert_eq!(aba.status, ToggleStatus::Pending);
    assert_eq!(aba.status_details[0].code, ToggleStatusCode::Activating);
}

#[tokio::test]
async fn list_financial_accounts_sends_a_created_range_and_status() {
    let params = ListFinancialAccountsParams {
        created: Some(RangeQuery::between(
            Timestamp::from_unix_seconds(1680000000),
            Timestamp::from_unix_seconds(1690000000),
        )),
        expand: vec![FinancialAccountExpand::Features],
        limit: Some(2),
        status: Some(FinancialAccountStatus::Open),
        ..Default::default()
    };
    let second = with(
        financial_account("fa_1MtZmL2eZvKYlo2Cx8TgcMbG"),
        json!({"nickname": null, "metadata": {}, "is_default": true}),
    );
    let response = list(
        "/v1/treasury/financial_accounts",
        vec![financial_account(FA), second],
        true,
    );
    let (page, request) = exchange(response, async |client| {
        list_financial_accounts(client, &params).await
    })
    .await;

    assert_get(
        &request,
        "/v1/treasury/financial_accounts",
        Some(
            "created[gte]=1680000000&created[lt]=1690000000&expand[0]=data.features\
             &limit=2&status=open",
        ),
    );
    assert!(page.has_more);
    assert_eq!(ids(&page.data), [FA, "fa_1MtZmL2eZvKYlo2Cx8TgcMbG"]);
    assert_eq!(page.data[0].is_default, None);
    assert_eq!(page.data[1].is_default, Some(true));
    assert!(page.data[1].nickname.is_null());
    assert_eq!(page.data[1].metadata, Nullable::Value(BTreeMap::new()));
}

#[tokio::test]
async fn close_financial_account_posts_the_forwarding_settings() {
    let params = CloseFinancialAccountParams {
        forwarding_settings: Some(ForwardingSettingsParams::PaymentMethod(
            "pm_1MtZmM2eZvKYlo2CEGbkPvMR".to_owned(),
        )),
        ..Default::default()
    };
    let response = with(
        financial_account(FA),
        json!({
            "active_features": [],
            "pending_features": [],
            "status": "closed",
            "status_details": {"closed": {"reasons": ["closed_by_platform"]}}
        }),
    );
    let (account, request) = exchange(response, async |client| {
        close_financial_account(client, &fa_id(), &params).await
    })
    .await;

    assert_post(
        &request,
        "/v1/treasury/financial_accounts/fa_1MtZmL2eZvKYlo2Cer6cdwEC/close",
        "forwarding_settings[payment_method]=pm_1MtZmM2eZvKYlo2CEGbkPvMR\
         &forwarding_settings[type]=payment_method",
    );
    assert_eq!(account.status, FinancialAccountStatus::Closed);
    let closed = account.status_details.closed.value().unwrap();
    assert_eq!(closed.reasons, [ClosedReason::ClosedByPlatform]);
    assert_eq!(account.active_features, Some(vec![]));
}

#[tokio::test]
async fn retrieve_financial_account_features_without_params_has_no_query_string() {
    let (features, request) = exchange(financial_account_features(), async |client| {
        retrieve_financial_account_features(
            client,
            &fa_id(),
            &RetrieveFinancialAccountFeaturesParams::default(),
        )
        .await
    })
    .await;

    assert_get(
        &request,
        "/v1/treasury/financial_accounts/fa_1MtZmL2eZvKYlo2Cer6cdwEC/features",
        None,
    );
    assert_eq!(features.card_issuing, None);
    let deposit_insurance = features.deposit_insurance.unwrap();
    assert_eq!(deposit_insurance.status, ToggleStatus::Active);
    assert!(deposit_insurance.status_details.is_empty());
    let wire = features
        .outbound_transfers
        .unwrap()
        .us_domestic_wire
        .unwrap();
    assert_eq!(wire.status, ToggleStatus::Restricted);
    let detail = &wire.status_details[0];
    assert_eq!(detail.code, ToggleStatusCode::RestrictedByPlatform);
    assert_eq!(
        detail.resolution,
        Nullable::Value(ToggleStatusResolution::RemoveRestriction)
    );
    assert_eq!(detail.restriction, Some(ToggleRestriction::OutboundFlows));
}

#[tokio::test]
async fn update_financial_account_features_posts_each_toggle() {
    let params = UpdateFinancialAccountFeaturesParams {
        card_issuing: Some(FeatureAccessParams::new(false)),
        financial_addresses: Some(FinancialAddressesFeatureParams {
            aba: Some(FeatureAccessParams::new(true)),
        }),
        outbound_transfers: Some(OutboundTransfersFeatureParams {
            us_domestic_wire: Some(FeatureAccessParams::new(true)),
            ..Default::default()
        }),
        ..Default::default()
    };
    let (features, request) = exchange(financial_account_features(), async |client| {
        update_financial_account_features(client, &fa_id(), &params).await
    })
    .await;

    assert_post(
        &request,
        "/v1/treasury/financial_accounts/fa_1MtZmL2eZvKYlo2Cer6cdwEC/features",
        "card_issuing[requested]=false&financial_addresses[aba][requested]=true\
         &outbound_transfers[us_domestic_wire][requested]=true",
    );
    let ach = features.inbound_transfers.unwrap().ach.unwrap();
    assert!(ach.requested);
    assert_eq!(ach.status, ToggleStatus::Active);
}

// ---------------------------------------------------------------------------------------------
// Errors, retries, pagination and timeouts, once each through a generated function.

#[tokio::test]
async fn error_codes_decode_as_variants_and_unknown_ones_keep_their_text() {
    let what_to_do = |err: &Error| match err.as_api_error().and_then(|api| api.code.as_ref()) {
        Some(ErrorCode::ResourceMissing) => "check the ID".to_owned(),
        Some(ErrorCode::ParameterMissing) => "fix the call".to_owned(),
        Some(other) => format!("other: {other}"),
        None => "no code".to_owned(),
    };
    let cases = [
        (
            404,
            json!({"type": "invalid_request_error", "code": "resource_missing"}),
            "check the ID",
        ),
        (
            400,
            json!({"type": "invalid_request_error", "code": "parameter_missing"}),
            "fix the call",
        ),
        (
            400,
            json!({"type": "invalid_request_error", "code": "treasury_feature_on_fire"}),
            "other: treasury_feature_on_fire",
        ),
        (500, json!({"type": "api_error"}), "no code"),
    ];
    for (status, error, expected) in cases {
        let server = server_answering(status, &json!({ "error": error })).await;
        let client = builder(&server).max_retries(0).build().unwrap();
        let err = retrieve_financial_account(&client, &fa_id(), &Default::default())
            .await
            .unwrap_err();
        assert_eq!(what_to_do(&err), expected);
        if let Some(code) = error["code"].as_str() {
            assert!(err.to_string().contains(&format!("code {code}")), "{err}");
        }
    }
}

#[tokio::test]
async fn each_stripe_error_type_decodes_with_its_fields_and_request_id() {
    let cases = [
        (
            500,
            ApiErrorType::ApiError,
            json!({"type": "api_error", "message": "An unknown error occurred on our side."}),
        ),
        (
            402,
            ApiErrorType::CardError,
            json!({
                "type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                "param": "payment_method", "message": "Your card has insufficient funds.",
                "doc_url": "https://stripe.com/docs/error-codes/card-declined"
            }),
        ),
        (
            400,
            ApiErrorType::IdempotencyError,
            json!({
                "type": "idempotency_error",
                "message": "Keys for idempotent requests can only be used with the same parameters \
                            they were first used with."
            }),
        ),
        (
            404,
            ApiErrorType::InvalidRequestError,
            json!({
                "type": "invalid_request_error", "code": "resource_missing",
                "param": "financial_account",
                "message": "No such financial account: 'fa_1MtZmL2eZvKYlo2Cer6cdwEC'"
            }),
        ),
    ];
    for (status, kind, error) in cases {
        let server = server_answering(status, &json!({ "error": error })).await;
        let client = builder(&server).max_retries(0).build().unwrap();
        let err = update_financial_account(&client, &fa_id(), &Default::default())
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.request_id(), Some(REQUEST_ID));
        let Error::Api(api) = err else {
            panic!("expected an API error, got {err:?}")
        };
        // Each field as sent, or `None` where the error has none.
        let sent = |name: &str| error[name].as_str();
        assert_eq!(api.status, status);
        assert_eq!(api.kind, kind);
        assert_eq!(api.code.as_ref().map(ErrorCode::as_str), sent("code"));
        assert_eq!(api.param.as_deref(), sent("param"));
        assert_eq!(api.decline_code.as_deref(), sent("decline_code"));
        assert_eq!(api.message.as_deref(), sent("message"));
        assert_eq!(api.doc_url.as_deref(), sent("doc_url"));
        assert_eq!(api.request_id.as_deref(), Some(REQUEST_ID));
    }
}

#[tokio::test]
async fn a_server_error_then_success_is_one_success_with_one_idempotency_key() {
    let server = MockServer::start().await;
    let error = json!({"error": {"type": "api_error", "message": "An unknown error occurred."}});
    Mock::given(any())
        .respond_with(stripe_response(500, &error))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(stripe_response(200, &financial_account(FA)))
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let params = CreateFinancialAccountParams::new(vec![Currency::USD]);
    let account = create_financial_account(&client, &params).await.unwrap();
    assert_eq!(account.id, fa_id());

    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    for request in &sent {
        assert_post(
            request,
            "/v1/treasury/financial_accounts",
            "supported_currencies[0]=usd",
        );
    }
    assert_eq!(
        header(&sent[0], "idempotency-key"),
        header(&sent[1], "idempotency-key")
    );
}

#[tokio::test]
async fn a_bad_request_is_not_retried() {
    let error = json!({"error": {
        "type": "invalid_request_error",
        "message": "This FinancialAccount has a non-zero balance and cannot be closed.",
        "param": "financial_account"
    }});
    let server = server_answering(400, &error).await;
    // The default retry budget (2): a 400 must still be sent once only.
    let client = builder(&server).build().unwrap();
    let err = close_financial_account(&client, &fa_id(), &Default::default())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn list_accounts_paginated_walks_three_pages_keeping_the_filters() {
    let server = MockServer::start().await;
    let url = "/v1/financial_connections/accounts";
    let pages = [
        (None, vec!["fca_1", "fca_2"], true),
        (Some("fca_2"), vec!["fca_3", "fca_4"], true),
        (Some("fca_4"), vec!["fca_5"], false),
    ];
    for (after, ids, has_more) in pages {
        let data = ids.into_iter().map(fc_account).collect();
        let page = Mock::given(method("GET")).and(path(url));
        let page = match after {
            None => page.and(query_param_is_missing("starting_after")),
            Some(after) => page.and(query_param("starting_after", after)),
        };
        page.respond_with(stripe_response(200, &list(url, data, has_more)))
            .up_to_n_times(1)
            .expect(1)
            .mount(&server)
            .await;
    }
    let params = ListAccountsParams {
        account_holder: Some(AccountHolderFilter::Customer(CUSTOMER.into())),
        limit: Some(2),
        ..Default::default()
    };
    let client = builder(&server).build().unwrap();
    let accounts = list_accounts_paginated(&client, params)
        .try_collect()
        .await
        .unwrap();

    assert_eq!(
        ids(&accounts),
        ["fca_1", "fca_2", "fca_3", "fca_4", "fca_5"]
    );
    let filters = "account_holder[customer]=cus_9s6XI9OFIdpjIg&limit=2";
    let queries = [
        filters.to_owned(),
        format!("{filters}&starting_after=fca_2"),
        format!("{filters}&starting_after=fca_4"),
    ];
    let sent = requests(&server).await;
    assert_eq!(sent.len(), queries.len());
    for (request, query) in sent.iter().zip(&queries) {
        assert_get(request, url, Some(query));
    }
    server.verify().await;
}

#[tokio::test]
async fn list_accounts_paginated_from_ending_before_walks_backwards() {
    let server = MockServer::start().await;
    let url = "/v1/financial_connections/accounts";
    // Newest first, as Stripe lists: the objects before fca_5 are fca_7 and fca_6, then fca_8.
    let pages = [
        ("fca_5", vec!["fca_7", "fca_6"], true),
        ("fca_7", vec!["fca_8"], false),
    ];
    for (before, ids, has_more) in pages {
        let data = ids.into_iter().map(fc_account).collect();
        Mock::given(method("GET"))
            .and(path(url))
            .and(query_param("ending_before", before))
            .respond_with(stripe_response(200, &list(url, data, has_more)))
            .up_to_n_times(1)
            .expect(1)
            .mount(&server)
            .await;
    }
    let params = ListAccountsParams {
        ending_before: Some(AccountId::new("fca_5")),
        limit: Some(2),
        ..Default::default()
    };
    let client = builder(&server).build().unwrap();
    let accounts = list_accounts_paginated(&client, params)
        .try_collect()
        .await
        .unwrap();

    assert_eq!(ids(&accounts), ["fca_7", "fca_6", "fca_8"]);
    let sent = requests(&server).await;
    assert_get(&sent[0], url, Some("ending_before=fca_5&limit=2"));
    assert_get(&sent[1], url, Some("ending_before=fca_7&limit=2"));
    assert_eq!(sent.len(), 2);
    server.verify().await;
}

#[tokio::test]
async fn a_server_slower_than_the_timeout_gives_the_timeout_error() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            stripe_response(200, &financial_account_features()).set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let client = builder(&server)
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .build()
        .unwrap();
    let err = retrieve_financial_account_features(&client, &fa_id(), &Default::default())
        .await
        .unwrap_err();
    let Error::Timeout(transport) = &err else {
        panic!("expected the timeout error, got {err:?}")
    };
    assert_eq!(transport.kind(), TransportErrorKind::Timeout);
    assert_eq!((err.status(), err.request_id()), (None, None));
}

// ---------------------------------------------------------------------------------------------
// The example program.

#[tokio::test]
async fn the_quickstart_example_works_against_any_stripe_compatible_server() {
    let server = MockServer::start().await;
    let accounts_url = "/v1/financial_connections/accounts";
    let accounts = list(accounts_url, vec![fc_account(FCA)], false);
    Mock::given(method("GET"))
        .and(path(accounts_url))
        .respond_with(stripe_response(200, &accounts))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/treasury/financial_accounts"))
        .respond_with(stripe_response(200, &financial_account(FA)))
        .expect(1)
        .mount(&server)
        .await;

    quickstart::run(&server.uri(), KEY, None).await.unwrap();

    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    assert_get(&sent[0], accounts_url, Some("limit=10"));
    assert_post(
        &sent[1],
        "/v1/treasury/financial_accounts",
        "features[financial_addresses][aba][requested]=true\
         &nickname=Operating+cash&supported_currencies[0]=usd",
    );
    server.verify().await;
}

#[tokio::test]
async fn the_quickstart_example_creates_the_financial_account_on_the_connected_account() {
    let server = MockServer::start().await;
    let accounts_url = "/v1/financial_connections/accounts";
    let accounts = list(accounts_url, vec![], false);
    Mock::given(method("GET"))
        .and(path(accounts_url))
        .respond_with(stripe_response(200, &accounts))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/treasury/financial_accounts"))
        .respond_with(stripe_response(200, &financial_account(FA)))
        .mount(&server)
        .await;

    quickstart::run(&server.uri(), KEY, Some("acct_1Connected00001"))
        .await
        .unwrap();

    let sent = requests(&server).await;
    let account_header = |request: &Request| {
        request
            .headers
            .get("Stripe-Account")
            .map(|value| value.to_str().unwrap().to_owned())
    };
    assert_eq!(
        account_header(&sent[0]),
        None,
        "listing stays on the platform"
    );
    assert_eq!(
        account_header(&sent[1]).as_deref(),
        Some("acct_1Connected00001")
    );
}

#[tokio::test]
async fn the_quickstart_example_reports_stripe_errors() {
    let error = json!({"error": {
        "type": "invalid_request_error",
        "message": "Invalid API Key provided: sk_test_****dp7dc"
    }});
    let server = server_answering(401, &error).await;
    let err = quickstart::run(&server.uri(), KEY, None).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "listing Financial Connections accounts failed: Stripe API error \
         (401 invalid_request_error): Invalid API Key provided: sk_test_****dp7dc \
         [request req_Q6sTnXkWQJ5bD2]"
    );
}

/// `params_from: FeaturesParams` on `update_financial_account_features`: the Features an update
/// sends under `features`, sent to the Features endpoint on their own.
#[test]
fn features_sent_to_the_features_endpoint_are_those_nested_in_an_update() {
    use stripe_client::__private::Form;

    let features = FeaturesParams {
        card_issuing: Some(FeatureAccessParams::new(true)),
        outbound_transfers: Some(OutboundTransfersFeatureParams {
            ach: Some(FeatureAccessParams::new(false)),
            ..Default::default()
        }),
        ..Default::default()
    };
    let nested = UpdateFinancialAccountParams {
        features: Some(features.clone()),
        ..Default::default()
    };
    let top = UpdateFinancialAccountFeaturesParams::from(features);
    assert!(top.expand.is_empty());
    assert_eq!(
        Form::from_params(&top).as_str(),
        "card_issuing[requested]=true&outbound_transfers[ach][requested]=false"
    );
    assert_eq!(
        Form::from_params(&nested).as_str(),
        "features[card_issuing][requested]=true&features[outbound_transfers][ach][requested]=false"
    );
}
