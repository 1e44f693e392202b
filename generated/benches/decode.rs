//! Decoding list responses with the generated models, against the floor of serde_json scanning
//! the same bytes. Run with `cargo bench -p stripe-client --bench decode`.
//!
//! Each list holds 1,000 objects with every field populated and varied (categories, balance
//! kinds, statuses, account holders, feature states), built by `fixtures/lists.rs` twice:
//! pretty-printed as Stripe sends them (`*_pretty`) and compact (`*_compact`). One financial
//! connections account in four has its `ownership` expanded (with two owners) and one in eight
//! has its account holder's customer expanded; every financial account has its `features`
//! expanded. `benches/peer-async-stripe/` decodes the same bytes with async-stripe's models.
//!
//! For each list:
//! - `client`: the function `Client` decodes every response with (`__private::decode_json`):
//!   the generated `Deserialize` impls on the body checked once as UTF-8, read by the runtime's
//!   fast reader, then by serde_json only if that gives up (for the value or the error);
//! - `typed`: `serde_json::from_slice::<List<T>>`, the generated impls on bytes;
//! - `typed_with_path`: through `serde_path_to_error` on every value, which is how `Client`
//!   once decoded every response;
//! - `ignored_any`: serde_json scanning the bytes into `IgnoredAny`, the floor;
//! - `value`: `serde_json::Value`, for reference.
//!
//! Budget (BENCHMARKS.md): `client` at most 2x the time of `ignored_any` on the same bytes.

use divan::counter::BytesCount;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::Value;
use stripe_client::__private::decode_json;
use stripe_client::List;
use stripe_client::financial_connections::Account;
use stripe_client::treasury::FinancialAccount;

#[path = "fixtures/lists.rs"]
mod fixtures;

use fixtures::{
    ACCOUNTS_COMPACT, ACCOUNTS_PRETTY, FINANCIAL_ACCOUNTS_COMPACT, FINANCIAL_ACCOUNTS_PRETTY,
};

fn main() {
    // Fail before timing anything if a fixture does not decode.
    decode::<List<Account>>(&ACCOUNTS_PRETTY);
    decode::<List<Account>>(&ACCOUNTS_COMPACT);
    decode::<List<FinancialAccount>>(&FINANCIAL_ACCOUNTS_PRETTY);
    decode::<List<FinancialAccount>>(&FINANCIAL_ACCOUNTS_COMPACT);
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

list_benches!(accounts_pretty, ACCOUNTS_PRETTY, Account);
list_benches!(accounts_compact, ACCOUNTS_COMPACT, Account);
list_benches!(
    financial_accounts_pretty,
    FINANCIAL_ACCOUNTS_PRETTY,
    FinancialAccount
);
list_benches!(
    financial_accounts_compact,
    FINANCIAL_ACCOUNTS_COMPACT,
    FinancialAccount
);
