//! Verifying and decoding webhook events. Run with `cargo bench -p stripe-client --bench webhook`.
//!
//! Every event is pretty-printed as Stripe sends it, from a Connect account, with the
//! every-field objects of `tests/data/`:
//!
//! - `refreshed_balance` (3 KB, the budget's size): a financial connections account as an
//!   event carries it, its ownership as an ID (Stripe expands nothing in events) and its
//!   account holder's customer expanded, with `previous_attributes` (the pending refresh);
//! - `account_expanded` (3.8 KB): the same account with its ownership expanded too;
//! - `financial_account` (4.0 KB): a treasury financial account with its features.
//!
//! For each, `construct_event`: what a webhook endpoint calls, the signature check and the
//! decoding. For the first, also its parts and a variant:
//!
//! - `verify_signature`: the header parsed, one HMAC-SHA256 of the payload, the comparison;
//! - `from_json`: the decoding alone (`Event::from_json`);
//! - `rolled_secret`: `construct_event` with two `v1` signatures, the second one matching;
//! - `ignored_any`: serde_json scanning the payload into `IgnoredAny`, the floor of decoding.
//!
//! Budget (BENCHMARKS.md): `construct_event` of a 3 KB event at most 10 µs.

use std::sync::LazyLock;

use divan::counter::BytesCount;
use serde_json::{Value, json};
use stripe_client::Timestamp;
use stripe_client::webhook::{
    DEFAULT_TOLERANCE, Event, construct_event_with_tolerance, generate_test_header,
    verify_signature,
};

const SECRET: &str = "whsec_3kT9bXvQ2mN8pL5rW7yZ1aC4dF6gH0jK";
const NOW: i64 = 1_761_000_000;

fn main() {
    // Fail before timing anything if an event does not verify and decode, and say how big
    // each is.
    for (name, signed) in [
        ("refreshed_balance", &*REFRESHED_BALANCE),
        ("account_expanded", &*ACCOUNT_EXPANDED),
        ("financial_account", &*FINANCIAL_ACCOUNT),
    ] {
        construct(&signed.payload, &signed.header);
        construct(&signed.payload, &signed.rolled_header);
        println!("{name}: {} bytes", signed.payload.len());
    }
    // Each call takes microseconds: ten times divan's default samples, so that a moment of
    // another process on the shared cores moves the median less.
    divan::Divan::from_args().sample_count(1000).run_benches();
}

fn now() -> Timestamp {
    Timestamp::from_unix_seconds(NOW)
}

fn construct(payload: &[u8], header: &str) -> Event {
    match construct_event_with_tolerance(payload, header, SECRET, DEFAULT_TOLERANCE, now()) {
        Ok(event) => event,
        Err(error) => panic!("benchmark event does not verify and decode: {error}"),
    }
}

/// A signed event: its payload, its header, and a header from a secret being rolled.
struct Signed {
    payload: Vec<u8>,
    header: String,
    rolled_header: String,
}

fn data(name: &str) -> Value {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn signed(event_type: &str, data: Value) -> Signed {
    let event = json!({
        "id": "evt_1QmZ7v2eZvKYlo2C9sWzH3rT",
        "object": "event",
        "account": "acct_1MtZmL2eZvKYlo2C",
        "api_version": stripe_client::API_VERSION,
        "created": NOW - 3,
        "data": data,
        "livemode": true,
        "pending_webhooks": 1,
        "request": { "id": "req_8pW2kQ7vLm3xRt", "idempotency_key": "5f1c7e2a-9b3d-4e8f" },
        "type": event_type,
    });
    let payload = serde_json::to_vec_pretty(&event).expect("JSON values always encode");
    let header = generate_test_header(&payload, SECRET, now());
    let old = generate_test_header(&payload, "whsec_the_expired_secret", now());
    let signature = |header: &str| header.split_once(",v1=").map(|(_, v1)| v1.to_owned());
    let rolled_header = format!(
        "t={NOW},v1={},v1={}",
        signature(&old).unwrap_or_default(),
        signature(&header).unwrap_or_default()
    );
    Signed {
        payload,
        header,
        rolled_header,
    }
}

static REFRESHED_BALANCE: LazyLock<Signed> = LazyLock::new(|| {
    let mut account = data("financial_connections_account_full.json");
    account["ownership"] = json!("fcaowns_1Ownership0001");
    account["account_holder"]["customer"] = json!({
        "id": "cus_9s6XI9OFIdpjIg",
        "object": "customer",
        "created": 1_699_000_000,
        "email": "jenny@example.com",
        "livemode": true,
        "metadata": { "order_id": "6735" },
        "name": "Jenny Rosen",
    });
    let previous = json!({
        "balance_refresh": {
            "last_attempted_at": 1_700_000_100,
            "next_refresh_available_at": null,
            "status": "pending",
        },
    });
    signed(
        "financial_connections.account.refreshed_balance",
        json!({ "object": account, "previous_attributes": previous }),
    )
});

static ACCOUNT_EXPANDED: LazyLock<Signed> = LazyLock::new(|| {
    signed(
        "financial_connections.account.refreshed_balance",
        json!({ "object": data("financial_connections_account_full.json") }),
    )
});

static FINANCIAL_ACCOUNT: LazyLock<Signed> = LazyLock::new(|| {
    signed(
        "treasury.financial_account.features_status_updated",
        json!({ "object": data("treasury_financial_account_full.json") }),
    )
});

fn bench_construct_event(bencher: divan::Bencher<'_, '_>, signed: &Signed, header: &str) {
    bencher
        .counter(BytesCount::of_slice(&signed.payload))
        .bench(|| construct(divan::black_box(&signed.payload), divan::black_box(header)));
}

mod refreshed_balance {
    use super::*;

    #[divan::bench]
    fn construct_event(bencher: divan::Bencher<'_, '_>) {
        bench_construct_event(bencher, &REFRESHED_BALANCE, &REFRESHED_BALANCE.header);
    }

    #[divan::bench]
    fn verify_signature(bencher: divan::Bencher<'_, '_>) {
        let signed = &*REFRESHED_BALANCE;
        bencher
            .counter(BytesCount::of_slice(&signed.payload))
            .bench(|| {
                super::verify_signature(
                    divan::black_box(&signed.payload),
                    divan::black_box(&signed.header),
                    SECRET,
                    DEFAULT_TOLERANCE,
                    now(),
                )
                .is_ok()
            });
    }

    #[divan::bench]
    fn from_json(bencher: divan::Bencher<'_, '_>) {
        let signed = &*REFRESHED_BALANCE;
        bencher
            .counter(BytesCount::of_slice(&signed.payload))
            .bench(|| Event::from_json(divan::black_box(&signed.payload)).is_ok());
    }

    #[divan::bench]
    fn rolled_secret(bencher: divan::Bencher<'_, '_>) {
        bench_construct_event(
            bencher,
            &REFRESHED_BALANCE,
            &REFRESHED_BALANCE.rolled_header,
        );
    }

    /// serde_json scanning the same bytes into `IgnoredAny`: the floor of any decoding, to
    /// compare runs on a loaded machine.
    #[divan::bench]
    fn ignored_any(bencher: divan::Bencher<'_, '_>) {
        let payload = &REFRESHED_BALANCE.payload;
        bencher.counter(BytesCount::of_slice(payload)).bench(|| {
            serde_json::from_slice::<serde::de::IgnoredAny>(divan::black_box(payload)).is_ok()
        });
    }
}

#[divan::bench]
fn account_expanded(bencher: divan::Bencher<'_, '_>) {
    bench_construct_event(bencher, &ACCOUNT_EXPANDED, &ACCOUNT_EXPANDED.header);
}

#[divan::bench]
fn financial_account(bencher: divan::Bencher<'_, '_>) {
    bench_construct_event(bencher, &FINANCIAL_ACCOUNT, &FINANCIAL_ACCOUNT.header);
}
