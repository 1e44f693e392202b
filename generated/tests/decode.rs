//! Decoding and encoding of the generated models: the seeds' examples, every field, null versus
//! absent, both kinds of expandable field, values and fields Stripe adds later, and round trips.
//! The JSON is in `tests/data/` (see its README for where each file comes from).

use serde_json::{Value, json};
use stripe_client::financial_connections::{
    Account, AccountCategory, AccountHolderType, AccountObject, AccountOwnershipId,
    AccountPermission, AccountStatus, AccountSubcategory, RefreshStatus,
};
use stripe_client::shared::{CustomerId, StripeAccountId};
use stripe_client::treasury::{
    FinancialAccount, FinancialAccountFeature, FinancialAccountFeatures,
    FinancialAccountFeaturesObject, FinancialAccountStatus, FinancialAddressNetwork,
    FlowRestriction, ToggleStatus, ToggleStatusCode,
};
use stripe_client::{Currency, Expandable, List, Nullable, Object, Timestamp};

fn data(name: &str) -> Value {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn decode<T: serde::de::DeserializeOwned>(json: &Value) -> T {
    serde_json::from_value(json.clone())
        .unwrap_or_else(|error| panic!("does not decode: {error}\n{json:#}"))
}

/// Decodes `json` as `T`, encodes it back, and checks the JSON is unchanged.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(json: &Value) -> T {
    let value: T = decode(json);
    assert_eq!(
        &serde_json::to_value(&value).unwrap(),
        json,
        "encoding changed the JSON"
    );
    value
}

// ----- The seeds' examples -----

#[test]
fn seed_financial_connections_account_decodes_with_its_legacy_object_name() {
    let account: Account = round_trip(&data("seed_financial_connections_account.json"));
    assert_eq!(account.id.as_str(), "fca_1MwVK82eZvKYlo2Cjw8FMxXf");
    assert_eq!(account.object, AccountObject::LinkedAccount);
    let holder = account
        .account_holder
        .value()
        .expect("account_holder is set");
    assert_eq!(holder.type_, AccountHolderType::Customer);
    assert_eq!(
        holder.customer.as_ref().map(Expandable::id),
        Some(&CustomerId::new("cus_9s6XI9OFIdpjIg"))
    );
    assert_eq!(account.balance, Nullable::Null);
    assert_eq!(account.category, AccountCategory::Cash);
    assert_eq!(account.created, Timestamp::from_unix_seconds(1681412208));
    assert_eq!(
        account.display_name.value().map(String::as_str),
        Some("Sample Checking Account")
    );
    assert_eq!(account.status, AccountStatus::Active);
    assert_eq!(account.subcategory, AccountSubcategory::Checking);
    assert_eq!(account.permissions, Nullable::Value(vec![]));
    assert!(account.status_details.is_none(), "absent in the seed");
}

#[test]
fn financial_connections_account_decodes_with_the_api_object_name() {
    let mut json = data("seed_financial_connections_account.json");
    json["object"] = json!("financial_connections.account");
    let account: Account = round_trip(&json);
    assert_eq!(account.object, AccountObject::FinancialConnectionsAccount);
}

#[test]
fn seed_financial_connections_account_list_decodes() {
    let page: List<Account> = round_trip(&data("seed_financial_connections_account_list.json"));
    assert!(!page.has_more);
    assert_eq!(page.url, "/v1/financial_connections/accounts");
    assert_eq!(page.data.len(), 1);
}

#[test]
fn seed_treasury_financial_account_decodes() {
    let account: FinancialAccount = decode(&data("seed_treasury_financial_account.json"));
    assert_eq!(account.id.as_str(), "fa_1MtZmL2eZvKYlo2Cer6cdwEC");
    assert_eq!(account.status, FinancialAccountStatus::Open);
    assert_eq!(account.balance.cash.get(&Currency::USD), Some(&0));
    assert_eq!(account.supported_currencies, vec![Currency::USD]);
    assert_eq!(
        account.active_features,
        Some(vec![
            FinancialAccountFeature::FinancialAddressesAba,
            FinancialAccountFeature::OutboundPaymentsAch,
            FinancialAccountFeature::OutboundPaymentsUsDomesticWire,
        ])
    );
    let address = &account.financial_addresses[0];
    assert_eq!(
        address.supported_networks,
        Some(vec![
            FinancialAddressNetwork::Ach,
            FinancialAddressNetwork::UsDomesticWire
        ])
    );
    assert_eq!(
        address.aba.as_ref().map(|aba| aba.routing_number.as_str()),
        Some("0000000001")
    );
    assert_eq!(account.metadata, Nullable::Null);
    assert!(account.status_details.closed.is_null());
    // The page shows the expand-only `features` as `{}`; its constant `object` tag is implied.
    let features = account.features.expect("features is present");
    assert_eq!(
        features.object,
        FinancialAccountFeaturesObject::TreasuryFinancialAccountFeatures
    );
    assert!(features.card_issuing.is_none());
}

#[test]
fn seed_treasury_examples_round_trip_without_the_placeholder_features() {
    for name in [
        "seed_treasury_financial_account.json",
        "seed_treasury_financial_account_updated.json",
    ] {
        let mut json = data(name);
        json.as_object_mut().unwrap().remove("features");
        let account: FinancialAccount = round_trip(&json);
        assert!(account.features.is_none());
    }
    let updated: FinancialAccount = decode(&data("seed_treasury_financial_account_updated.json"));
    assert_eq!(
        updated
            .metadata
            .value()
            .and_then(|metadata| metadata.get("order_id"))
            .map(String::as_str),
        Some("6735")
    );
}

#[test]
fn seed_treasury_financial_account_list_decodes() {
    let page: List<FinancialAccount> = decode(&data("seed_treasury_financial_account_list.json"));
    assert_eq!(page.url, "/v1/treasury/financial_accounts");
    assert_eq!(page.data[0].country, "US");
}

// ----- Every field -----

#[test]
fn every_financial_connections_field_round_trips() {
    let account: Account = round_trip(&data("financial_connections_account_full.json"));
    let holder = account.account_holder.value().unwrap();
    assert_eq!(
        holder.account.as_ref().map(Expandable::id),
        Some(&StripeAccountId::new("acct_1Holder000001"))
    );
    assert_eq!(
        holder.customer_account.as_deref(),
        Some("acct_1CustomerAccount01")
    );
    let numbers = account.account_numbers.value().unwrap();
    assert_eq!(
        numbers[0].expected_expiry_date,
        Nullable::Value(Timestamp::from_unix_seconds(1800000000))
    );
    assert_eq!(numbers[1].expected_expiry_date, Nullable::Null);
    let balance = account.balance.value().unwrap();
    let cash = balance.cash.as_ref().unwrap();
    assert_eq!(
        cash.available
            .value()
            .and_then(|available| available.get(&Currency::EUR)),
        Some(&20)
    );
    assert!(balance.credit.as_ref().unwrap().used.is_null());
    assert_eq!(
        account.balance_refresh.value().unwrap().status,
        RefreshStatus::Succeeded
    );
    assert_eq!(
        account
            .ownership_refresh
            .value()
            .unwrap()
            .next_refresh_available_at,
        Nullable::Null
    );
    assert_eq!(account.permissions.value().map(Vec::len), Some(4));
    assert_eq!(account.subcategory, AccountSubcategory::CreditCard);
    let active = account
        .status_details
        .as_ref()
        .and_then(|details| details.active.as_ref())
        .unwrap();
    assert_eq!(
        active.expected_deactivation_date,
        Timestamp::from_unix_seconds(1800000000)
    );
    assert_eq!(
        account.transaction_refresh.value().unwrap().status,
        RefreshStatus::Failed
    );
}

#[test]
fn every_treasury_field_round_trips() {
    let account: FinancialAccount = round_trip(&data("treasury_financial_account_full.json"));
    assert_eq!(account.is_default, Some(true));
    assert_eq!(
        account.nickname.value().map(String::as_str),
        Some("Operating account")
    );
    assert_eq!(
        account.balance.outbound_pending.get(&Currency::USD),
        Some(&-2500)
    );
    let restrictions = account.platform_restrictions.value().unwrap();
    assert!(restrictions.inbound_flows.is_null());
    assert_eq!(
        restrictions.outbound_flows,
        Nullable::Value(FlowRestriction::Restricted)
    );
    let aba = account.financial_addresses[0].aba.as_ref().unwrap();
    assert_eq!(
        aba.account_number,
        Nullable::Value("000123456789".to_owned())
    );
    assert_eq!(account.status, FinancialAccountStatus::Closed);
    let features = account.features.as_ref().unwrap();
    let wire = features
        .outbound_payments
        .as_ref()
        .and_then(|payments| payments.us_domestic_wire.as_ref())
        .unwrap();
    assert_eq!(wire.status, ToggleStatus::Pending);
    assert_eq!(
        wire.status_details[0].code,
        ToggleStatusCode::RequirementsPendingVerification
    );
    assert!(
        wire.status_details[0].restriction.is_none(),
        "absent restriction stays absent"
    );
    let inbound = features
        .inbound_transfers
        .as_ref()
        .and_then(|transfers| transfers.ach.as_ref())
        .unwrap();
    assert!(
        inbound.status_details[0].resolution.is_null(),
        "null resolution stays null"
    );
}

#[test]
fn features_endpoint_response_round_trips() {
    let features = data("treasury_financial_account_full.json")["features"].clone();
    let decoded: FinancialAccountFeatures = round_trip(&features);
    assert_eq!(
        decoded.card_issuing.map(|toggle| toggle.requested),
        Some(true)
    );
}

// ----- Null versus absent -----

/// Every field of `Account` that is both optional and nullable.
const OPTIONAL_NULLABLE_ACCOUNT_FIELDS: &[&str] = &[
    "account_holder",
    "account_numbers",
    "balance",
    "balance_refresh",
    "display_name",
    "last4",
    "ownership",
    "ownership_refresh",
    "permissions",
    "subscriptions",
    "transaction_refresh",
];

#[test]
fn null_and_absent_stay_apart_for_every_optional_nullable_field() {
    let full = data("financial_connections_account_full.json");
    for field in OPTIONAL_NULLABLE_ACCOUNT_FIELDS {
        let mut absent = full.clone();
        absent.as_object_mut().unwrap().remove(*field);
        let account: Account = round_trip(&absent);
        assert!(
            !serde_json::to_value(&account)
                .unwrap()
                .as_object()
                .unwrap()
                .contains_key(*field),
            "{field} reappeared"
        );

        let mut null = full.clone();
        null[*field] = Value::Null;
        let account: Account = round_trip(&null);
        assert_eq!(
            serde_json::to_value(&account).unwrap()[*field],
            Value::Null,
            "{field} lost its null"
        );
    }
    let mut absent = full.clone();
    absent.as_object_mut().unwrap().remove("display_name");
    assert_eq!(decode::<Account>(&absent).display_name, Nullable::Absent);
}

#[test]
fn optional_fields_stay_absent() {
    let mut json = data("treasury_financial_account_full.json");
    json.as_object_mut().unwrap().remove("features");
    json.as_object_mut().unwrap().remove("is_default");
    let account: FinancialAccount = round_trip(&json);
    assert_eq!((account.features, account.is_default), (None, None));
}

#[test]
fn a_required_field_that_is_missing_is_an_error_naming_it() {
    let mut json = data("seed_financial_connections_account.json");
    json.as_object_mut().unwrap().remove("institution_name");
    let error = serde_json::from_value::<Account>(json).unwrap_err();
    assert!(error.to_string().contains("institution_name"), "{error}");
}

// ----- Expandable fields -----

#[test]
fn ownership_decodes_as_an_id_or_as_the_expanded_object() {
    let mut json = data("seed_financial_connections_account.json");
    json["ownership"] = json!("fcaowns_1Ownership0001");
    let account: Account = round_trip(&json);
    let ownership = account.ownership.value().unwrap();
    assert!(!ownership.is_expanded());
    assert_eq!(
        ownership.id(),
        &AccountOwnershipId::new("fcaowns_1Ownership0001")
    );

    let account: Account = decode(&data("financial_connections_account_full.json"));
    let ownership = account.ownership.value().unwrap();
    assert!(ownership.is_expanded());
    assert_eq!(
        ownership.id(),
        &AccountOwnershipId::new("fcaowns_1Ownership0001")
    );
    let owners = &ownership.as_object().unwrap().owners;
    assert_eq!(owners.data.len(), 2);
    assert_eq!(owners.data[0].id().as_str(), "fcaown_1Owner1");
    assert!(owners.data[1].email.is_null());
}

#[test]
fn an_expanded_resource_the_spec_does_not_model_keeps_its_typed_id_and_raw_json() {
    let account: Account = decode(&data("financial_connections_account_full.json"));
    let customer = account
        .account_holder
        .value()
        .and_then(|holder| holder.customer.as_ref())
        .unwrap();
    assert!(customer.is_expanded());
    assert_eq!(customer.id(), &CustomerId::new("cus_9s6XI9OFIdpjIg"));
    let raw = customer.as_object().unwrap();
    assert_eq!(raw.json()["email"], "jenny@example.com");
}

#[test]
fn an_expandable_field_rejects_other_json_types() {
    let mut json = data("seed_financial_connections_account.json");
    json["ownership"] = json!(42);
    let error = serde_json::from_value::<Account>(json)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("expected an ID string or an expanded object"),
        "{error}"
    );
}

// ----- What Stripe adds later -----

#[test]
fn an_undocumented_enum_value_decodes_and_encodes_back_unchanged() {
    let mut json = data("seed_financial_connections_account.json");
    json["category"] = json!("brokerage");
    json["permissions"] = json!(["balances", "statements"]);
    let account: Account = round_trip(&json);
    assert!(
        matches!(&account.category, AccountCategory::Unknown(value) if value.as_str() == "brokerage")
    );
    assert_eq!(account.category.to_string(), "brokerage");
    let Nullable::Value(permissions) = &account.permissions else {
        panic!("permissions are present")
    };
    assert_eq!(permissions[0], AccountPermission::Balances);
    assert!(
        matches!(&permissions[1], AccountPermission::Unknown(value) if value.as_str() == "statements")
    );
    // A known value is its variant however it is made: the unknown payload cannot be built.
    assert_eq!("cash".parse::<AccountCategory>(), Ok(AccountCategory::Cash));
}

#[test]
fn an_unknown_field_is_ignored() {
    let mut json = data("seed_financial_connections_account.json");
    json["launched_next_year"] = json!({"nested": [1, 2, 3]});
    let account: Account = decode(&json);
    assert_eq!(account.institution_name, "StripeBank");
}

#[test]
fn enums_parse_and_print_their_wire_values() {
    for value in ["cash", "credit", "investment", "other", "something_new"] {
        let category: AccountCategory = value.parse().unwrap();
        assert_eq!(category.as_str(), value);
        assert_eq!(category.to_string(), value);
    }
    assert_eq!(
        "financial_addresses.aba"
            .parse::<FinancialAccountFeature>()
            .unwrap(),
        FinancialAccountFeature::FinancialAddressesAba
    );
}

#[test]
fn a_field_given_twice_is_an_error_naming_it() {
    // Text, not a `Value`, which would keep only the last of the two.
    let text = r#"{"id": "fca_1", "object": "financial_connections.account", "id": "fca_2"}"#;
    let error = serde_json::from_str::<Account>(text).unwrap_err();
    assert!(
        error.to_string().starts_with("duplicate field `id`"),
        "{error}"
    );
    let error = stripe_client::__private::decode_json::<Account>(text.as_bytes()).unwrap_err();
    assert!(
        error
            .inner()
            .to_string()
            .starts_with("duplicate field `id`"),
        "{error}"
    );
}

#[test]
fn the_client_decodes_every_test_body_as_serde_json_does() {
    fn same<T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(name: &str) {
        let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        // Compact too: the fast reader's whitespace skipping must not matter.
        let compact =
            serde_json::to_string(&serde_json::from_str::<Value>(&text).unwrap()).unwrap();
        for text in [&text, &compact] {
            let client = stripe_client::__private::decode_json::<T>(text.as_bytes());
            assert_eq!(
                client.unwrap(),
                serde_json::from_str::<T>(text).unwrap(),
                "{name}"
            );
        }
    }
    same::<Account>("financial_connections_account_full.json");
    same::<FinancialAccount>("treasury_financial_account_full.json");
    same::<List<Account>>("seed_financial_connections_account_list.json");
    same::<List<FinancialAccount>>("seed_treasury_financial_account_list.json");
}
