//! Decoding for the generated string enums, which must accept values Stripe adds later.

use std::convert::Infallible;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};

/// Decodes a JSON string into any type whose `FromStr` cannot fail, without allocating for
/// borrowed input. Generated enums map unknown strings to their `Unknown` variant.
pub fn deserialize_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr<Err = Infallible>,
{
    struct StrVisitor<T>(PhantomData<T>);

    impl<T: FromStr<Err = Infallible>> Visitor<'_> for StrVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            match T::from_str(value) {
                Ok(parsed) => Ok(parsed),
                Err(never) => match never {},
            }
        }
    }

    deserializer.deserialize_str(StrVisitor(PhantomData))
}
