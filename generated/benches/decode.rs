//! Decoding list responses with the generated models, against the floor of serde_json scanning
//! the same bytes. Run with `cargo bench -p stripe-client --bench decode`.
//!
//! Each list holds 1,000 objects with every field populated and varied (categories, balance
//! kinds, statuses, account holders, feature states), pretty-printed as Stripe sends them. One
//! financial connections account in four has its `ownership` expanded (with two owners) and one
//! in eight has its account holder's customer expanded; every financial account has its
//! `features` expanded.
//!
//! For each list:
//! - `client`: the function `Client` decodes every response with (`__private::decode_json`):
//!   the generated `Deserialize` impls on the body checked once as UTF-8, with the path to a
//!   failing field recorded only when decoding fails;
//! - `typed`: `serde_json::from_slice::<List<T>>`, the generated impls on bytes;
//! - `typed_with_path`: through `serde_path_to_error` on every value, which is how `Client`
//!   decoded every response before, and how it now decodes a body that failed;
//! - `ignored_any`: serde_json scanning the bytes into `IgnoredAny`, the floor;
//! - `value`: `serde_json::Value`, for reference.
//!
//! Budget (BENCHMARKS.md): `client` at most 2x the time of `ignored_any` on the same bytes.

use std::sync::LazyLock;

use divan::counter::BytesCount;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::{Value, json};
use stripe_client::__private::decode_json;
use stripe_client::List;
use stripe_client::financial_connections::Account;
use stripe_client::treasury::FinancialAccount;

const OBJECTS: usize = 1000;

fn main() {
    // Fail before timing anything if a fixture does not decode.
    decode::<List<Account>>(&ACCOUNTS);
    decode::<List<FinancialAccount>>(&FINANCIAL_ACCOUNTS);
    divan::main();
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> T {
    match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(error) => panic!("benchmark fixture does not decode: {error}"),
    }
}

fn decode_with_path<T: DeserializeOwned>(bytes: &[u8]) -> T {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(value) => value,
        Err(error) => panic!("benchmark fixture does not decode: {error}"),
    }
}

/// Benchmarks of one list: the generated models, the floor, and `Value`.
macro_rules! list_benches {
    ($module:ident, $fixture:ident, $ty:ty) => {
        mod $module {
            use super::*;

            fn bytes() -> &'static [u8] {
                &$fixture
            }

            #[divan::bench]
            fn client(bencher: divan::Bencher<'_, '_>) {
                bencher.counter(BytesCount::of_slice(bytes())).bench(|| {
                    match decode_json::<List<$ty>>(divan::black_box(bytes())) {
                        Ok(list) => list,
                        Err(error) => panic!("benchmark fixture does not decode: {error}"),
                    }
                });
            }

            #[divan::bench]
            fn typed(bencher: divan::Bencher<'_, '_>) {
                bencher
                    .counter(BytesCount::of_slice(bytes()))
                    .bench(|| decode::<List<$ty>>(divan::black_box(bytes())));
            }

            #[divan::bench]
            fn typed_with_path(bencher: divan::Bencher<'_, '_>) {
                bencher
                    .counter(BytesCount::of_slice(bytes()))
                    .bench(|| decode_with_path::<List<$ty>>(divan::black_box(bytes())));
            }

            #[divan::bench]
            fn ignored_any(bencher: divan::Bencher<'_, '_>) {
                bencher
                    .counter(BytesCount::of_slice(bytes()))
                    .bench(|| decode::<IgnoredAny>(divan::black_box(bytes())));
            }

            #[divan::bench]
            fn value(bencher: divan::Bencher<'_, '_>) {
                bencher
                    .counter(BytesCount::of_slice(bytes()))
                    .bench(|| decode::<Value>(divan::black_box(bytes())));
            }
        }
    };
}

list_benches!(financial_connections_accounts, ACCOUNTS, Account);
list_benches!(
    treasury_financial_accounts,
    FINANCIAL_ACCOUNTS,
    FinancialAccount
);

/// A list response as Stripe sends it: pretty-printed.
fn list(url: &str, data: Vec<Value>) -> Vec<u8> {
    let list = json!({ "object": "list", "data": data, "has_more": true, "url": url });
    serde_json::to_vec_pretty(&list).expect("JSON values always encode")
}

/// A deterministic pseudo-random ID suffix, like Stripe's 24 alphanumerics.
fn suffix(seed: usize) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut state = (seed as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..24)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            char::from(ALPHABET[(state % ALPHABET.len() as u64) as usize])
        })
        .collect()
}

fn pick<T: Copy>(options: &[T], i: usize) -> T {
    options[i % options.len()]
}

static ACCOUNTS: LazyLock<Vec<u8>> = LazyLock::new(|| {
    list(
        "/v1/financial_connections/accounts",
        (0..OBJECTS).map(account).collect(),
    )
});

static FINANCIAL_ACCOUNTS: LazyLock<Vec<u8>> = LazyLock::new(|| {
    list(
        "/v1/treasury/financial_accounts",
        (0..OBJECTS).map(financial_account).collect(),
    )
});

fn account(i: usize) -> Value {
    let id = format!("fca_{}", suffix(i));
    let created = 1_700_000_000 + i as i64 * 3_607;
    let refresh = |kind: usize| {
        json!({
            "last_attempted_at": created + 86_400 + kind as i64,
            "next_refresh_available_at": created + 90_000,
            "status": pick(&["succeeded", "pending", "failed"], i + kind),
        })
    };
    let (category, subcategory) = pick(
        &[
            ("cash", "checking"),
            ("cash", "savings"),
            ("credit", "credit_card"),
            ("credit", "line_of_credit"),
            ("credit", "mortgage"),
            ("investment", "other"),
        ],
        i,
    );
    let balance = if category == "credit" {
        json!({
            "as_of": created + 3_600,
            "credit": { "used": { "usd": 25_000 + i as i64 * 13 } },
            "current": { "usd": -(25_000 + i as i64 * 13) },
            "type": "credit",
        })
    } else {
        json!({
            "as_of": created + 3_600,
            "cash": { "available": { "usd": 1_000_000 + i as i64 * 7, "eur": 3_000 } },
            "current": { "usd": 1_002_500 + i as i64 * 7, "eur": 3_000 },
            "type": "cash",
        })
    };
    let account_holder = match i % 8 {
        0 => json!({
            "customer": {
                "id": format!("cus_{}", suffix(i + 1)),
                "object": "customer",
                "email": format!("jenny.rosen+{i}@example.com"),
                "name": "Jenny Rosen",
                "created": created - 86_400,
                "livemode": false,
                "metadata": {},
            },
            "customer_account": format!("acct_{}", suffix(i + 2)),
            "type": "customer",
        }),
        1 | 3 | 5 => json!({ "account": format!("acct_{}", suffix(i + 3)), "type": "account" }),
        _ => json!({
            "customer": format!("cus_{}", suffix(i + 1)),
            "customer_account": format!("acct_{}", suffix(i + 2)),
            "type": "customer",
        }),
    };
    let ownership_id = format!("fcaowns_{}", suffix(i + 4));
    let ownership = if i % 4 == 0 {
        let owner = |n: usize| {
            json!({
                "id": format!("fcaown_{}", suffix(i * 7 + n)),
                "object": "financial_connections.account_owner",
                "email": format!("owner{n}.{i}@example.com"),
                "name": pick(&["Jenny Rosen", "Diego Alvarez", "Mei Chen"], i + n),
                "ownership": ownership_id,
                "phone": "+1 (555) 010-9999",
                "raw_address": "510 Townsend St, San Francisco, CA 94103",
                "refreshed_at": created + 7_200,
            })
        };
        json!({
            "id": ownership_id,
            "object": "financial_connections.account_ownership",
            "created": created + 7_200,
            "owners": {
                "object": "list",
                "data": [owner(0), owner(1)],
                "has_more": false,
                "url": format!("/v1/financial_connections/accounts/{id}/owners?ownership={ownership_id}"),
            },
        })
    } else {
        json!(ownership_id)
    };
    json!({
        "id": id,
        "object": "financial_connections.account",
        "account_holder": account_holder,
        "account_numbers": [{
            "expected_expiry_date": created + 31_536_000,
            "identifier_type": pick(&["account_number", "tokenized_account_number"], i),
            "status": pick(&["transactable", "transactable", "deactivated"], i),
            "supported_networks": ["ach"],
        }],
        "balance": balance,
        "balance_refresh": refresh(0),
        "category": category,
        "created": created,
        "display_name": pick(&["Premier Checking", "Everyday Savings", "Platinum Card", "Home Loan", "Brokerage"], i),
        "institution_name": pick(&["StripeBank", "Test Institution", "First Platypus Bank"], i),
        "last4": format!("{:04}", i % 10_000),
        "livemode": i % 5 == 0,
        "ownership": ownership,
        "ownership_refresh": refresh(1),
        "permissions": ["balances", "ownership", "payment_method", "transactions"],
        "status": pick(&["active", "active", "active", "inactive", "disconnected"], i),
        "status_details": {
            "active": {
                "action": pick(&["none", "relink_required"], i),
                "cause": pick(&["unspecified", "access_expired", "institution_requirement"], i),
                "expected_deactivation_date": created + 15_552_000,
            },
        },
        "subcategory": subcategory,
        "subscriptions": ["transactions"],
        "supported_payment_method_types": ["link", "us_bank_account"],
        "transaction_refresh": {
            "id": format!("fctxnref_{}", suffix(i + 5)),
            "last_attempted_at": created + 86_400,
            "next_refresh_available_at": created + 90_000,
            "status": pick(&["succeeded", "pending", "failed"], i + 2),
        },
    })
}

const FEATURES: [&str; 10] = [
    "card_issuing",
    "deposit_insurance",
    "financial_addresses.aba",
    "inbound_transfers.ach",
    "intra_stripe_flows",
    "outbound_payments.ach",
    "outbound_payments.us_domestic_wire",
    "outbound_transfers.ach",
    "outbound_transfers.us_domestic_wire",
    "remote_deposit_capture",
];

fn financial_account(i: usize) -> Value {
    let created = 1_700_000_000 + i as i64 * 3_607;
    // Rotate which features are active, pending and restricted.
    let split = i % 7;
    let active: Vec<&str> = FEATURES[..FEATURES.len() - split].to_vec();
    let pending: Vec<&str> = FEATURES[FEATURES.len() - split..].to_vec();
    let restricted: Vec<&str> = FEATURES[..i % 3].to_vec();
    let toggle = |n: usize| {
        if (i + n) % 5 == 0 {
            json!({
                "requested": true,
                "status": pick(&["pending", "restricted"], i + n),
                "status_details": [{
                    "code": pick(&["activating", "requirements_past_due", "restricted_by_platform", "requirements_pending_verification"], i + n),
                    "resolution": pick(&["provide_information", "contact_stripe", "remove_restriction"], i),
                    "restriction": pick(&["inbound_flows", "outbound_flows"], n),
                }],
            })
        } else {
            json!({ "requested": true, "status": "active", "status_details": [] })
        }
    };
    let closed = i % 10 == 9;
    json!({
        "id": format!("fa_{}", suffix(i)),
        "object": "treasury.financial_account",
        "active_features": active,
        "balance": {
            "cash": { "usd": 5_000_000 + i as i64 * 11 },
            "inbound_pending": { "usd": 25_000 + i as i64 },
            "outbound_pending": { "usd": 1_200 + i as i64 },
        },
        "country": "US",
        "created": created,
        "features": {
            "object": "treasury.financial_account_features",
            "card_issuing": toggle(0),
            "deposit_insurance": toggle(1),
            "financial_addresses": { "aba": toggle(2) },
            "inbound_transfers": { "ach": toggle(3) },
            "intra_stripe_flows": toggle(4),
            "outbound_payments": { "ach": toggle(5), "us_domestic_wire": toggle(6) },
            "outbound_transfers": { "ach": toggle(7), "us_domestic_wire": toggle(8) },
        },
        "financial_addresses": [{
            "aba": {
                "account_holder_name": pick(&["Jenny Rosen", "Rocket Rides, Inc.", "Typographic LLC"], i),
                "account_number": format!("{:012}", 100_000_000_000 + i as u64 * 7_919),
                "account_number_last4": format!("{:04}", (i * 7_919) % 10_000),
                "bank_name": "STRIPE TEST BANK",
                "routing_number": "999999999",
            },
            "supported_networks": ["ach", "us_domestic_wire"],
            "type": "aba",
        }],
        "is_default": i % 3 == 0,
        "livemode": i % 5 == 0,
        "metadata": {
            "order_id": format!("{}", 6_735 + i),
            "team": pick(&["payments", "payouts", "treasury"], i),
            "region": pick(&["us-east", "us-west"], i),
        },
        "nickname": pick(&["Operating account", "Payroll", "Reserve", "Taxes"], i),
        "pending_features": pending,
        "platform_restrictions": {
            "inbound_flows": pick(&["unrestricted", "restricted"], i / 2),
            "outbound_flows": pick(&["unrestricted", "unrestricted", "restricted"], i),
        },
        "restricted_features": restricted,
        "status": if closed { "closed" } else { "open" },
        "status_details": {
            "closed": if closed {
                json!({ "reasons": [pick(&["account_rejected", "closed_by_platform", "other"], i)] })
            } else {
                Value::Null
            },
        },
        "supported_currencies": ["usd"],
    })
}
