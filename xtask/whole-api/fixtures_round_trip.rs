//! Every example object of Stripe's `fixtures3.json` decodes with the generated models and
//! encodes back to the same JSON. Written into a scratch copy of the crate by
//! `cargo xtask whole-api`, beside `fixture_types.rs`, which it also writes: one
//! `"<fixture>" => <type>,` line per example object.

use serde_json::Value;

/// Decodes `example` as `T` and encodes it again; the first difference from `expected`, if any.
fn round_trip<T>(example: &Value, expected: &Value) -> Result<(), String>
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let decoded: T = serde_json::from_value(example.clone()).map_err(|error| format!("does not decode: {error}"))?;
    let encoded = serde_json::to_value(&decoded).map_err(|error| format!("does not encode: {error}"))?;
    match first_difference("", expected, &encoded) {
        None => Ok(()),
        Some(difference) => Err(difference),
    }
}

/// Where `a` and `b` first differ, as a JSON pointer and the two values.
fn first_difference(at: &str, a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys()) {
                let at = format!("{at}/{key}");
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => {
                        if let Some(difference) = first_difference(&at, x, y) {
                            return Some(difference);
                        }
                    }
                    (x, y) => return Some(format!("at {at}: {x:?} became {y:?}")),
                }
            }
            None
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(index, (x, y))| first_difference(&format!("{at}/{index}"), x, y)),
        _ if a == b => None,
        _ => Some(format!("at {at}: {a} became {b}")),
    }
}

/// `example` without the keys at `pointers`, which its schema does not document.
fn documented(example: &Value, pointers: &[&str]) -> Value {
    let mut example = example.clone();
    for pointer in pointers {
        let (parent, key) = pointer.rsplit_once('/').expect("a JSON pointer");
        let key = key.replace("~1", "/").replace("~0", "~");
        if let Some(Value::Object(parent)) = example.pointer_mut(parent) {
            parent.remove(&key);
        }
    }
    example
}

macro_rules! round_trips {
    ($($fixture:literal => $ty:ty, [$($undocumented:literal),*],)*) => {
        #[test]
        fn every_fixture_decodes_and_encodes_back_unchanged() {
            let fixtures: Value = serde_json::from_str(include_str!("fixtures3.json")).unwrap();
            let resources = fixtures["resources"].as_object().unwrap();
            let mut failures = Vec::new();
            let mut checked = 0;
            $(
                match resources.get($fixture) {
                    Some(example) => {
                        checked += 1;
                        let undocumented: &[&str] = &[$($undocumented),*];
                        for pointer in undocumented {
                            println!("{}: {pointer} is not in its schema, so no model keeps it", $fixture);
                        }
                        if let Err(failure) = round_trip::<$ty>(example, &documented(example, undocumented)) {
                            failures.push(format!("{} (as {}): {failure}", $fixture, stringify!($ty)));
                        }
                    }
                    None => failures.push(format!("{}: no such fixture", $fixture)),
                }
            )*
            for failure in &failures {
                eprintln!("{failure}");
            }
            assert!(failures.is_empty(), "{} of {checked} fixtures do not round-trip", failures.len());
            assert_eq!(checked, resources.len(), "every fixture has a type");
            println!("{checked} fixtures decode and encode back unchanged");
        }
    };
}

include!("fixture_types.rs");
