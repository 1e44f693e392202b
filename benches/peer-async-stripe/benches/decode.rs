//! This crate's models against async-stripe 1.0.0-rc.10's on the same bytes, in one process.
//! Run with `cargo bench --manifest-path benches/peer-async-stripe/Cargo.toml`.
//!
//! The fixtures are the workspace bench's (`generated/benches/fixtures/lists.rs`, included by
//! `#[path]`): a list of 1,000 Financial Connections accounts and one of 1,000 Treasury financial
//! accounts, each pretty-printed as Stripe sends them and compact. For each body:
//! - `ours`: `stripe_client::__private::decode_json`, what `Client` decodes every response with;
//! - `ours_serde_json`: our models read by `serde_json::from_str` after one UTF-8 check, which is
//!   what `decode_json` does when the body decodes (the two differ only by noise);
//! - `async_stripe`: async-stripe's models through miniserde, as its client decodes a response
//!   (`str::from_utf8`, then `miniserde::json::from_str`);
//! - `ignored_any`: serde_json scanning the bytes into `IgnoredAny`, the floor of the budget.
//!
//! Budgets (BENCHMARKS.md): `ours` at most 2x `ignored_any`, and `async_stripe` at least 1.8x
//! `ours`.

use divan::counter::BytesCount;
use serde::de::IgnoredAny;

#[path = "../../../generated/benches/fixtures/lists.rs"]
mod fixtures;

use fixtures::{
    ACCOUNTS_COMPACT, ACCOUNTS_PRETTY, FINANCIAL_ACCOUNTS_COMPACT, FINANCIAL_ACCOUNTS_PRETTY,
};

type OurAccounts = stripe_client::List<stripe_client::financial_connections::Account>;
type OurFinancialAccounts = stripe_client::List<stripe_client::treasury::FinancialAccount>;
type PeerAccounts = stripe_types::List<stripe_misc::FinancialConnectionsAccount>;
type PeerFinancialAccounts = stripe_types::List<stripe_treasury::TreasuryFinancialAccount>;

fn main() {
    // `DECODE_ONCE=accounts_pretty/ours` (a body and a decoder, as the benches are named) decodes
    // that body three times, dropping each result as the benchmark loop does, and exits: for
    // counting instructions with callgrind (`count.sh`), which are repeatable where times on a
    // shared machine are not.
    if let Ok(which) = std::env::var("DECODE_ONCE") {
        for _ in 0..3 {
            once(&which);
        }
        return;
    }
    // Fail before timing anything if a fixture does not decode with either crate, and check that
    // both read the same number of objects.
    for bytes in [&*ACCOUNTS_PRETTY, &*ACCOUNTS_COMPACT] {
        assert_eq!(ours::<OurAccounts>(bytes).data.len(), fixtures::OBJECTS);
        assert_eq!(peer::<PeerAccounts>(bytes).data.len(), fixtures::OBJECTS);
    }
    for bytes in [&*FINANCIAL_ACCOUNTS_PRETTY, &*FINANCIAL_ACCOUNTS_COMPACT] {
        assert_eq!(
            ours::<OurFinancialAccounts>(bytes).data.len(),
            fixtures::OBJECTS
        );
        assert_eq!(
            peer::<PeerFinancialAccounts>(bytes).data.len(),
            fixtures::OBJECTS
        );
    }
    divan::main();
}

// Not inlined, so `valgrind --toggle-collect` can count its instructions alone.
#[inline(never)]
fn ours<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> T {
    match stripe_client::__private::decode_json(bytes) {
        Ok(value) => value,
        Err(error) => panic!("fixture does not decode with stripe-client: {error}"),
    }
}

fn once(which: &str) {
    let (body, decoder) = which
        .split_once('/')
        .expect("DECODE_ONCE is <body>/<decoder>");
    let (bytes, accounts): (&[u8], bool) = match body {
        "accounts_pretty" => (&ACCOUNTS_PRETTY, true),
        "accounts_compact" => (&ACCOUNTS_COMPACT, true),
        "financial_accounts_pretty" => (&FINANCIAL_ACCOUNTS_PRETTY, false),
        "financial_accounts_compact" => (&FINANCIAL_ACCOUNTS_COMPACT, false),
        _ => panic!("unknown body {body}"),
    };
    match (decoder, accounts) {
        ("ours", true) => drop(ours::<OurAccounts>(bytes)),
        ("ours", false) => drop(ours::<OurFinancialAccounts>(bytes)),
        ("ours_serde_json", true) => drop(ours_serde_json::<OurAccounts>(bytes)),
        ("ours_serde_json", false) => drop(ours_serde_json::<OurFinancialAccounts>(bytes)),
        ("async_stripe", true) => drop(peer::<PeerAccounts>(bytes)),
        ("async_stripe", false) => drop(peer::<PeerFinancialAccounts>(bytes)),
        ("ignored_any", _) => drop(floor(bytes)),
        _ => panic!("unknown decoder {decoder}"),
    }
}

/// Our models read by serde_json (`from_str` after one UTF-8 check), without `decode_json`'s
/// error path: the A/B reference for changes to it.
// Not inlined, so `valgrind --toggle-collect` can count its instructions alone.
#[inline(never)]
fn ours_serde_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> T {
    let text = std::str::from_utf8(bytes).expect("fixtures are UTF-8");
    serde_json::from_str(text).expect("fixtures decode")
}

// Not inlined, so `valgrind --toggle-collect` can count its instructions alone.
#[inline(never)]
fn peer<T: miniserde::Deserialize>(bytes: &[u8]) -> T {
    let text = std::str::from_utf8(bytes).expect("fixtures are UTF-8");
    match miniserde::json::from_str(text) {
        Ok(value) => value,
        Err(error) => panic!("fixture does not decode with async-stripe: {error}"),
    }
}

// Not inlined, so `valgrind --toggle-collect` can count its instructions alone.
#[inline(never)]
fn floor(bytes: &[u8]) -> IgnoredAny {
    serde_json::from_slice(bytes).expect("fixtures are JSON")
}

/// The three decoders on one body.
macro_rules! body_benches {
    ($module:ident, $fixture:ident, $ours:ty, $peer:ty) => {
        mod $module {
            use super::*;

            fn bytes() -> &'static [u8] {
                &$fixture
            }

            #[divan::bench]
            fn ours(bencher: divan::Bencher<'_, '_>) {
                bencher
                    .counter(BytesCount::of_slice(bytes()))
                    .bench(|| super::ours::<$ours>(divan::black_box(bytes())));
            }

            #[divan::bench]
            fn ours_serde_json(bencher: divan::Bencher<'_, '_>) {
                bencher
                    .counter(BytesCount::of_slice(bytes()))
                    .bench(|| super::ours_serde_json::<$ours>(divan::black_box(bytes())));
            }

            #[divan::bench]
            fn async_stripe(bencher: divan::Bencher<'_, '_>) {
                bencher
                    .counter(BytesCount::of_slice(bytes()))
                    .bench(|| super::peer::<$peer>(divan::black_box(bytes())));
            }

            #[divan::bench]
            fn ignored_any(bencher: divan::Bencher<'_, '_>) {
                bencher
                    .counter(BytesCount::of_slice(bytes()))
                    .bench(|| super::floor(divan::black_box(bytes())));
            }
        }
    };
}

body_benches!(accounts_pretty, ACCOUNTS_PRETTY, OurAccounts, PeerAccounts);
body_benches!(
    accounts_compact,
    ACCOUNTS_COMPACT,
    OurAccounts,
    PeerAccounts
);
body_benches!(
    financial_accounts_pretty,
    FINANCIAL_ACCOUNTS_PRETTY,
    OurFinancialAccounts,
    PeerFinancialAccounts
);
body_benches!(
    financial_accounts_compact,
    FINANCIAL_ACCOUNTS_COMPACT,
    OurFinancialAccounts,
    PeerFinancialAccounts
);
