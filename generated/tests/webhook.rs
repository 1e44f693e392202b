//! Webhook verification and event decoding, with requests signed here the way Stripe signs
//! them: valid and invalid signatures, tolerance, header mistakes, payloads that are not events,
//! every known event type, unknown ones, other API versions, random headers, and the `webhook`
//! example over real HTTP on 127.0.0.1.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use proptest::prelude::*;
use serde_json::{Value, json};
use stripe_client::events::EventData;
use stripe_client::financial_connections::{AccountId, RefreshStatus};
use stripe_client::treasury::FinancialAccountId;
use stripe_client::webhook::{
    self, DEFAULT_TOLERANCE, Event, EventId, WebhookError, construct_event_with_tolerance,
    generate_test_header,
};
use stripe_client::{API_VERSION, Timestamp};

#[allow(dead_code)] // Its `main` is for `cargo run --example webhook`; the test serves with it.
#[path = "../examples/webhook.rs"]
mod example;

const SECRET: &str = "whsec_3kT9bXvQ2mN8pL5rW7yZ1aC4dF6gH0jK";
const NOW: i64 = 1_761_000_000;

fn data(name: &str) -> Value {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// An event of `event_type` about `object`, as Stripe sends one: pretty-printed.
fn event(event_type: &str, object: Value) -> Value {
    json!({
        "id": "evt_1QmZ7v2eZvKYlo2C9sWzH3rT",
        "object": "event",
        "api_version": API_VERSION,
        "created": NOW - 3,
        "data": { "object": object },
        "livemode": false,
        "pending_webhooks": 2,
        "request": { "id": "req_8pW2kQ7vLm3xRt", "idempotency_key": "5f1c7e2a-9b3d-4e8f" },
        "type": event_type,
    })
}

fn bytes(json: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(json).unwrap()
}

fn refreshed_balance() -> Vec<u8> {
    bytes(&event(
        "financial_connections.account.refreshed_balance",
        data("financial_connections_account_full.json"),
    ))
}

fn header_at(payload: &[u8], timestamp: i64) -> String {
    generate_test_header(payload, SECRET, Timestamp::from_unix_seconds(timestamp))
}

/// Verifies and decodes at [`NOW`], with the default tolerance.
fn construct(payload: &[u8], header: &str) -> Result<Event, WebhookError> {
    construct_with(payload, header, SECRET)
}

fn construct_with(payload: &[u8], header: &str, secret: &str) -> Result<Event, WebhookError> {
    construct_event_with_tolerance(
        payload,
        header,
        secret,
        DEFAULT_TOLERANCE,
        Timestamp::from_unix_seconds(NOW),
    )
}

fn signature_of(header: &str) -> &str {
    header.split_once(",v1=").expect("a test header").1
}

// ----- Signatures -----

#[test]
fn a_valid_signature_gives_the_event_with_every_envelope_field() {
    let payload = refreshed_balance();
    let event = construct(&payload, &header_at(&payload, NOW - 2)).unwrap();
    assert_eq!(event.id, EventId::new("evt_1QmZ7v2eZvKYlo2C9sWzH3rT"));
    assert_eq!(
        event.type_,
        "financial_connections.account.refreshed_balance"
    );
    assert_eq!(event.created, Timestamp::from_unix_seconds(NOW - 3));
    assert!(!event.livemode);
    assert_eq!(event.api_version.as_deref(), Some(API_VERSION));
    assert!(event.api_version_matches());
    assert_eq!(event.account, None);
    assert_eq!(event.pending_webhooks, 2);
    let request = event.request.as_ref().expect("the event has a request");
    assert_eq!(request.id.as_deref(), Some("req_8pW2kQ7vLm3xRt"));
    assert_eq!(
        request.idempotency_key.as_deref(),
        Some("5f1c7e2a-9b3d-4e8f")
    );
    assert_eq!(event.previous_attributes, None);
    let EventData::FinancialConnectionsAccountRefreshedBalance(account) = &event.data else {
        panic!("not a refreshed_balance: {:?}", event.data);
    };
    assert_eq!(account.id, AccountId::new("fca_1Full0000000000000000001"));
    let refresh = account.balance_refresh.value().expect("a balance refresh");
    assert_eq!(refresh.status, RefreshStatus::Succeeded);
}

#[test]
fn the_real_clock_accepts_a_request_signed_now() {
    let payload = refreshed_balance();
    let header = generate_test_header(&payload, SECRET, Timestamp::now());
    let event = webhook::construct_event(&payload, &header, SECRET).unwrap();
    assert_eq!(event.data.event_type(), event.type_);
}

#[test]
fn another_secret_matches_no_signature() {
    let payload = refreshed_balance();
    let header = header_at(&payload, NOW);
    assert_eq!(
        construct_with(&payload, &header, "whsec_someone_elses_secret"),
        Err(WebhookError::NoMatchingSignature)
    );
}

#[test]
fn a_changed_body_matches_no_signature() {
    let payload = refreshed_balance();
    let header = header_at(&payload, NOW);
    let tampered = String::from_utf8(payload.clone())
        .unwrap()
        .replacen("\"livemode\": false", "\"livemode\": true", 1)
        .into_bytes();
    assert_ne!(tampered, payload);
    assert_eq!(
        construct(&tampered, &header),
        Err(WebhookError::NoMatchingSignature)
    );
    // The same JSON, encoded again: still not the bytes Stripe signed.
    let reencoded =
        serde_json::to_vec(&serde_json::from_slice::<Value>(&payload).unwrap()).unwrap();
    assert_eq!(
        construct(&reencoded, &header),
        Err(WebhookError::NoMatchingSignature)
    );
}

#[test]
fn a_signature_signs_its_timestamp_too() {
    let payload = refreshed_balance();
    let header = header_at(&payload, NOW);
    let moved = header.replacen(&format!("t={NOW}"), &format!("t={}", NOW - 1), 1);
    assert_eq!(
        construct(&payload, &moved),
        Err(WebhookError::NoMatchingSignature)
    );
}

#[test]
fn a_timestamp_older_than_the_tolerance_is_refused() {
    let payload = refreshed_balance();
    assert!(construct(&payload, &header_at(&payload, NOW - 300)).is_ok());
    let old = NOW - 301;
    assert_eq!(
        construct(&payload, &header_at(&payload, old)),
        Err(WebhookError::TimestampOutsideTolerance {
            timestamp: old,
            now: NOW,
            tolerance: DEFAULT_TOLERANCE,
        })
    );
    // A tolerance of an hour accepts it.
    let event = construct_event_with_tolerance(
        &payload,
        &header_at(&payload, old),
        SECRET,
        Duration::from_secs(3600),
        Timestamp::from_unix_seconds(NOW),
    );
    assert!(event.is_ok());
}

#[test]
fn a_timestamp_further_in_the_future_than_the_tolerance_is_refused() {
    let payload = refreshed_balance();
    assert!(construct(&payload, &header_at(&payload, NOW + 300)).is_ok());
    let future = NOW + 301;
    let error = construct(&payload, &header_at(&payload, future)).unwrap_err();
    assert_eq!(
        error,
        WebhookError::TimestampOutsideTolerance {
            timestamp: future,
            now: NOW,
            tolerance: DEFAULT_TOLERANCE,
        }
    );
    assert!(error.to_string().contains("301 s after now"), "{error}");
}

#[test]
fn any_v1_signature_may_match_as_when_a_secret_is_rolled() {
    let payload = refreshed_balance();
    let old_secret = generate_test_header(
        &payload,
        "whsec_the_expired_secret",
        Timestamp::from_unix_seconds(NOW),
    );
    let header = format!(
        "t={NOW},v1={},v1={}",
        signature_of(&old_secret),
        signature_of(&header_at(&payload, NOW))
    );
    assert!(construct(&payload, &header).is_ok());
    // The v0 signature Stripe adds in test mode is ignored, whatever it holds.
    let with_v0 = format!("{},v0=6ffbb59b2300aabc", header_at(&payload, NOW));
    assert!(construct(&payload, &with_v0).is_ok());
}

#[test]
fn an_empty_secret_verifies_nothing() {
    // A secret read from an unset variable: anyone can sign with an empty key, so an event
    // signed with one must not pass.
    let payload = refreshed_balance();
    let forged = generate_test_header(&payload, "", Timestamp::from_unix_seconds(NOW));
    assert_eq!(
        construct_with(&payload, &forged, ""),
        Err(WebhookError::EmptySecret)
    );
    let err = WebhookError::EmptySecret.to_string();
    assert!(err.contains("secret is empty"), "{err}");
}

#[test]
fn a_header_without_a_timestamp_is_malformed() {
    let payload = refreshed_balance();
    let header = format!("v1={}", signature_of(&header_at(&payload, NOW)));
    assert_eq!(
        construct(&payload, &header),
        Err(WebhookError::MalformedHeader {
            reason: "it has no `t=` timestamp"
        })
    );
}

#[test]
fn a_header_without_a_v1_signature_says_so() {
    let payload = refreshed_balance();
    assert_eq!(
        construct(&payload, &format!("t={NOW},v0=6ffbb59b2300aabc")),
        Err(WebhookError::NoV1Signature)
    );
    assert_eq!(
        construct(&payload, &format!("t={NOW}")),
        Err(WebhookError::NoV1Signature)
    );
}

#[test]
fn garbage_headers_are_malformed() {
    let payload = refreshed_balance();
    for header in [
        "",
        "   ",
        "garbage",
        "Bearer sk_test_123",
        "t=,v1=abc",
        "t=yesterday,v1=abc",
        "t=1.5,v1=abc",
        "t=1,t=1,v1=abc",
        "v1=abc;t=1",
        "\u{0}\u{1}=",
    ] {
        let error = construct(&payload, header).unwrap_err();
        assert!(
            matches!(error, WebhookError::MalformedHeader { .. }),
            "{header:?}: {error:?}"
        );
    }
}

#[test]
fn a_signed_body_that_is_not_utf8_is_not_json() {
    let payload = b"{\"id\": \"evt_\xff\xfe\"}".to_vec();
    let error = construct(&payload, &header_at(&payload, NOW)).unwrap_err();
    let WebhookError::NotJson { message } = &error else {
        panic!("{error:?}");
    };
    assert!(message.contains("not UTF-8"), "{message}");
    // The signature is checked first: unsigned bytes are refused for that, not for their content.
    assert_eq!(
        construct(&payload, &header_at(b"other", NOW)),
        Err(WebhookError::NoMatchingSignature)
    );
}

// ----- Payloads that are not events -----

#[test]
fn a_signed_body_that_is_not_json_is_not_json() {
    for payload in [&b"hello"[..], b"", b"{\"id\": ", b"[1, 2"] {
        let error = construct(payload, &header_at(payload, NOW)).unwrap_err();
        assert!(matches!(error, WebhookError::NotJson { .. }), "{error:?}");
    }
}

#[test]
fn signed_json_that_is_not_an_event_says_where() {
    let not_an_event = |json: Value| {
        let payload = bytes(&json);
        match construct(&payload, &header_at(&payload, NOW)) {
            Err(WebhookError::NotAnEvent { message }) => message,
            other => panic!("{json}: {other:?}"),
        }
    };
    let message = not_an_event(json!({"id": "fca_1", "object": "financial_connections.account"}));
    assert!(message.contains("missing field"), "{message}");
    let mut wrong_type = event("treasury.financial_account.created", json!({}));
    wrong_type["created"] = json!("yesterday");
    let message = not_an_event(wrong_type);
    assert!(message.starts_with("at `created`:"), "{message}");
    let mut thin = event("v1.billing.meter.error_report_triggered", json!({}));
    thin["object"] = json!("v2.core.event");
    assert_eq!(
        not_an_event(thin),
        "its `object` is `v2.core.event`, not `event`"
    );
    let message = not_an_event(json!([1, 2, 3]));
    assert!(message.contains("invalid type"), "{message}");
}

// ----- Event types -----

/// The ID of the object a variant holds, if the data is that variant.
macro_rules! holds {
    ($variant:ident) => {
        |data: &EventData| match data {
            EventData::$variant(object) => Some(object.id.to_string()),
            _ => None,
        }
    };
}

#[test]
fn every_known_event_type_decodes_to_its_typed_variant() {
    type Matcher = fn(&EventData) -> Option<String>;
    let cases: [(&str, Matcher); 15] = [
        (
            "financial_connections.account.account_numbers_updated",
            holds!(FinancialConnectionsAccountAccountNumbersUpdated),
        ),
        (
            "financial_connections.account.created",
            holds!(FinancialConnectionsAccountCreated),
        ),
        (
            "financial_connections.account.deactivated",
            holds!(FinancialConnectionsAccountDeactivated),
        ),
        (
            "financial_connections.account.disconnected",
            holds!(FinancialConnectionsAccountDisconnected),
        ),
        (
            "financial_connections.account.expected_deactivation_date_updated",
            holds!(FinancialConnectionsAccountExpectedDeactivationDateUpdated),
        ),
        (
            "financial_connections.account.reactivated",
            holds!(FinancialConnectionsAccountReactivated),
        ),
        (
            "financial_connections.account.refreshed_balance",
            holds!(FinancialConnectionsAccountRefreshedBalance),
        ),
        (
            "financial_connections.account.refreshed_ownership",
            holds!(FinancialConnectionsAccountRefreshedOwnership),
        ),
        (
            "financial_connections.account.refreshed_transactions",
            holds!(FinancialConnectionsAccountRefreshedTransactions),
        ),
        (
            "financial_connections.account.supported_payment_method_types_updated",
            holds!(FinancialConnectionsAccountSupportedPaymentMethodTypesUpdated),
        ),
        (
            "financial_connections.account.upcoming_account_number_expiry",
            holds!(FinancialConnectionsAccountUpcomingAccountNumberExpiry),
        ),
        (
            "financial_connections.account.upcoming_deactivation",
            holds!(FinancialConnectionsAccountUpcomingDeactivation),
        ),
        (
            "treasury.financial_account.closed",
            holds!(TreasuryFinancialAccountClosed),
        ),
        (
            "treasury.financial_account.created",
            holds!(TreasuryFinancialAccountCreated),
        ),
        (
            "treasury.financial_account.features_status_updated",
            holds!(TreasuryFinancialAccountFeaturesStatusUpdated),
        ),
    ];
    let listed: Vec<&str> = cases.iter().map(|(event_type, _)| *event_type).collect();
    assert_eq!(
        listed,
        EventData::KNOWN_TYPES,
        "a case per event type of spec/"
    );

    for (index, (event_type, holds)) in cases.into_iter().enumerate() {
        // The seeds' examples for one half, the every-field objects for the other.
        let object = match (event_type.starts_with("treasury."), index % 2 == 0) {
            (false, true) => data("seed_financial_connections_account.json"),
            (false, false) => data("financial_connections_account_full.json"),
            (true, true) => data("seed_treasury_financial_account.json"),
            (true, false) => data("treasury_financial_account_full.json"),
        };
        let expected_id = object["id"].as_str().unwrap().to_owned();
        let payload = bytes(&event(event_type, object));
        let event = construct(&payload, &header_at(&payload, NOW))
            .unwrap_or_else(|error| panic!("{event_type}: {error}"));
        assert_eq!(event.type_, event_type);
        assert_eq!(event.data.event_type(), event_type);
        assert_eq!(
            holds(&event.data),
            Some(expected_id),
            "{event_type}: {:?}",
            event.data
        );
    }
}

#[test]
fn a_treasury_event_holds_a_typed_financial_account() {
    let payload = bytes(&event(
        "treasury.financial_account.features_status_updated",
        data("treasury_financial_account_full.json"),
    ));
    let event = construct(&payload, &header_at(&payload, NOW)).unwrap();
    let EventData::TreasuryFinancialAccountFeaturesStatusUpdated(financial_account) = event.data
    else {
        panic!("{:?}", event.data);
    };
    assert_eq!(
        financial_account.id,
        FinancialAccountId::new("fa_1Full0000000000000000001")
    );
    assert!(financial_account.features.is_some());
}

#[test]
fn an_unknown_event_type_keeps_its_type_and_json() {
    let object = json!({
        "id": "cus_NffrFeUfNV2Hib",
        "object": "customer",
        "email": "jennyrosen@example.com",
        "metadata": {"order_id": "6735"},
    });
    let payload = bytes(&event("customer.created", object.clone()));
    let event = construct(&payload, &header_at(&payload, NOW)).unwrap();
    assert_eq!(event.data.event_type(), "customer.created");
    let EventData::Unknown {
        type_,
        object: kept,
    } = &event.data
    else {
        panic!("{:?}", event.data);
    };
    assert_eq!(type_, "customer.created");
    assert_eq!(&Value::Object(kept.clone()), &object);
}

#[test]
fn previous_attributes_are_kept_as_sent() {
    let mut json = event(
        "treasury.financial_account.features_status_updated",
        data("seed_treasury_financial_account.json"),
    );
    let previous = json!({"active_features": [], "pending_features": ["financial_addresses.aba"]});
    json["data"]["previous_attributes"] = previous.clone();
    json["account"] = json!("acct_1MtZmL2eZvKYlo2C");
    json["request"] = Value::Null;
    let payload = bytes(&json);
    let event = construct(&payload, &header_at(&payload, NOW)).unwrap();
    assert_eq!(event.previous_attributes.map(Value::Object), Some(previous));
    assert_eq!(event.account.as_deref(), Some("acct_1MtZmL2eZvKYlo2C"));
    assert_eq!(event.request, None);
}

/// Stripe writes `type` last, and decoding reads it from the end first; in any other place, or
/// written with escapes, it must give the same event.
#[test]
fn the_event_type_may_be_anywhere_in_the_payload() {
    let account = serde_json::to_string(&data("financial_connections_account_full.json")).unwrap();
    let expected = construct(&refreshed_balance(), &header_at(&refreshed_balance(), NOW))
        .unwrap()
        .data;
    let payloads = [
        // First, so that the last `"type"` is the account balance's (`"cash"`).
        format!(
            r#"{{"type": "financial_connections.account.refreshed_balance", "id": "evt_1", "object": "event",
            "api_version": null, "created": 1, "livemode": false, "pending_webhooks": 0,
            "data": {{"previous_attributes": {{"status": "inactive"}}, "object": {account}}}}}"#
        ),
        // Last, but escaped.
        format!(
            r#"{{"id": "evt_1", "object": "event", "created": 1, "livemode": false,
            "pending_webhooks": 0, "data": {{"object": {account}}},
            "type": "financial_connections\u002eaccount.refreshed_balance"}}"#
        ),
        // Followed by another key holding a `"type"`.
        format!(
            r#"{{"id": "evt_1", "object": "event", "created": 1, "livemode": false,
            "pending_webhooks": 0, "data": {{"object": {account}}},
            "type": "financial_connections.account.refreshed_balance", "context": {{"type": "x"}}}}"#
        ),
    ];
    for payload in &payloads {
        let event = construct(payload.as_bytes(), &header_at(payload.as_bytes(), NOW))
            .unwrap_or_else(|error| panic!("{error}\n{payload}"));
        assert_eq!(
            event.type_,
            "financial_connections.account.refreshed_balance"
        );
        assert_eq!(event.data, expected, "{payload}");
    }
    let first = construct(
        payloads[0].as_bytes(),
        &header_at(payloads[0].as_bytes(), NOW),
    )
    .unwrap();
    assert_eq!(
        first.previous_attributes.map(Value::Object),
        Some(json!({"status": "inactive"}))
    );
}

// ----- API versions -----

#[test]
fn an_event_of_another_api_version_decodes_and_says_so() {
    let mut json = event(
        "financial_connections.account.created",
        data("financial_connections_account_full.json"),
    );
    json["api_version"] = json!("2024-06-20");
    // Fields that version lacks, and a field it has and this one does not.
    let object = json["data"]["object"].as_object_mut().unwrap();
    object.remove("status_details");
    object.insert("legacy_field".into(), json!({"a": 1}));
    let payload = bytes(&json);
    let event = construct(&payload, &header_at(&payload, NOW)).unwrap();
    assert!(!event.api_version_matches());
    assert_eq!(event.api_version.as_deref(), Some("2024-06-20"));
    let EventData::FinancialConnectionsAccountCreated(account) = &event.data else {
        panic!("{:?}", event.data);
    };
    assert_eq!(account.status_details, None);

    // Without an API version (old events), the mismatch shows too.
    json["api_version"] = Value::Null;
    let payload = bytes(&json);
    let event = construct(&payload, &header_at(&payload, NOW)).unwrap();
    assert!(!event.api_version_matches());
}

#[test]
fn an_object_that_does_not_fit_names_the_path_and_both_api_versions() {
    let mut json = event(
        "financial_connections.account.refreshed_balance",
        data("financial_connections_account_full.json"),
    );
    json["api_version"] = json!("2022-08-01");
    json["data"]["object"]["balance_refresh"]["status"] = json!(7);
    let payload = bytes(&json);
    let error = construct(&payload, &header_at(&payload, NOW)).unwrap_err();
    let WebhookError::InvalidObject {
        event_type,
        api_version,
        path,
        message,
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(
        event_type,
        "financial_connections.account.refreshed_balance"
    );
    assert_eq!(api_version.as_deref(), Some("2022-08-01"));
    assert_eq!(path, "balance_refresh.status");
    assert!(message.contains("invalid type"), "{message}");
    let shown = error.to_string();
    assert!(shown.contains("at `balance_refresh.status`"), "{shown}");
    assert!(
        shown.contains("API version 2022-08-01, this crate of 2026-07-29.dahlia"),
        "{shown}"
    );

    // Of this crate's own version, the message does not blame the version.
    json["api_version"] = json!(API_VERSION);
    let payload = bytes(&json);
    let error = construct(&payload, &header_at(&payload, NOW)).unwrap_err();
    assert!(!error.to_string().contains("API version"), "{error}");
}

// ----- Secrets stay secret -----

#[test]
fn no_error_shows_the_secret_or_the_signature_it_gives() {
    let payload = refreshed_balance();
    let good = header_at(&payload, NOW);
    let expected_signature = signature_of(&good).to_owned();
    let mut not_an_event = event("customer.created", json!({}));
    not_an_event["created"] = json!("x");
    let mut invalid_object = event(
        "treasury.financial_account.closed",
        data("seed_treasury_financial_account.json"),
    );
    invalid_object["data"]["object"]["status"] = json!(false);
    let signed = |json: &Value| {
        let payload = bytes(json);
        let header = header_at(&payload, NOW);
        (payload, header)
    };
    let (not_an_event, not_an_event_header) = signed(&not_an_event);
    let (invalid_object, invalid_object_header) = signed(&invalid_object);
    let errors = [
        construct(&payload, "t=1,garbage").unwrap_err(),
        construct(&payload, &format!("t={NOW}")).unwrap_err(),
        construct_with(&payload, &good, "whsec_another").unwrap_err(),
        construct(b"{}", &good).unwrap_err(),
        construct(&payload, &header_at(&payload, NOW - 1000)).unwrap_err(),
        construct(b"nope", &header_at(b"nope", NOW)).unwrap_err(),
        construct(&not_an_event, &not_an_event_header).unwrap_err(),
        construct(&invalid_object, &invalid_object_header).unwrap_err(),
    ];
    for error in errors {
        for shown in [
            error.to_string(),
            format!("{error:?}"),
            format!("{error:#?}"),
        ] {
            assert!(!shown.contains(SECRET), "{shown}");
            assert!(!shown.contains(&SECRET[6..]), "{shown}");
            assert!(!shown.contains(&expected_signature), "{shown}");
        }
    }
}

// ----- Random input -----

/// Well-formed items other than `t`: other schemes, wrong `v1` signatures, unknown keys.
fn other_items() -> impl Strategy<Value = String> {
    let item = prop_oneof![
        "[0-9a-f]{0,70}".prop_map(|s| format!("v1={s}")),
        "[0-9a-f]{64}".prop_map(|s| format!("v0={s}")),
        "[a-su-z][a-z0-9]{0,2}=[^,]{0,8}",
    ];
    prop::collection::vec(item, 0..4).prop_map(|items| items.join(","))
}

/// Headers built from the pieces real ones have, shuffled and broken.
fn header_items() -> impl Strategy<Value = String> {
    let item = prop_oneof![
        any::<i64>().prop_map(|t| format!("t={t}")),
        "[0-9]{0,12}".prop_map(|t| format!("t={t}")),
        "[0-9a-f]{0,70}".prop_map(|s| format!("v1={s}")),
        "[0-9a-f]{64}".prop_map(|s| format!("v0={s}")),
        "[a-z0-9]{0,3}=[^,]{0,8}",
        "[^,]{0,12}",
    ];
    prop::collection::vec(item, 0..6).prop_map(|items| items.join(","))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_headers_are_refused_without_panicking(header in any::<String>()) {
        let payload = refreshed_balance();
        prop_assert!(construct(&payload, &header).is_err());
    }

    #[test]
    fn headers_of_real_pieces_are_refused_without_panicking(header in header_items()) {
        let payload = refreshed_balance();
        let result = construct(&payload, &header);
        prop_assert!(result.is_err(), "{header:?} was accepted");
    }

    #[test]
    fn a_valid_signature_among_other_items_is_found(
        before in other_items(),
        after in other_items(),
    ) {
        let payload = refreshed_balance();
        let signature = signature_of(&header_at(&payload, NOW)).to_owned();
        let header = format!("{before},t={NOW},v1={signature},{after}");
        let result = construct(&payload, &header);
        prop_assert!(result.is_ok(), "{header:?}: {result:?}");
    }

    #[test]
    fn random_signed_payloads_are_refused_without_panicking(payload in any::<Vec<u8>>()) {
        let header = header_at(&payload, NOW);
        prop_assert!(construct(&payload, &header).is_err());
    }
}

// ----- The example -----

/// One HTTP request to the example's server, and its status line.
fn post(server: &str, body: &[u8], signature: Option<&str>) -> String {
    let mut stream = TcpStream::connect(server).unwrap();
    let mut request = format!(
        "POST /webhook HTTP/1.1\r\nHost: {server}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(signature) = signature {
        request.push_str(&format!("Stripe-Signature: {signature}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response.lines().next().unwrap_or_default().to_owned()
}

#[test]
fn the_webhook_example_answers_signed_requests_with_200_and_others_with_400() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let server = std::thread::spawn(move || {
        for stream in listener.incoming().take(4) {
            example::serve(stream.unwrap(), SECRET).unwrap();
        }
    });
    let payload = refreshed_balance();
    let signed_now = generate_test_header(&payload, SECRET, Timestamp::now());
    assert_eq!(
        post(&address, &payload, Some(&signed_now)),
        "HTTP/1.1 200 OK"
    );
    let unknown = bytes(&event("customer.created", json!({"id": "cus_1"})));
    let signed_unknown = generate_test_header(&unknown, SECRET, Timestamp::now());
    assert_eq!(
        post(&address, &unknown, Some(&signed_unknown)),
        "HTTP/1.1 200 OK"
    );
    assert_eq!(
        post(&address, &payload, Some(&header_at(&payload, NOW))),
        "HTTP/1.1 400 Bad Request",
        "signed long ago"
    );
    assert_eq!(post(&address, &payload, None), "HTTP/1.1 400 Bad Request");
    server.join().unwrap();
}
