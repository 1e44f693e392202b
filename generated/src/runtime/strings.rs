//! What every generated string type shares: the enums, which must accept values Stripe adds
//! later, and the ID newtypes. Generated files state only what is particular to each type (its
//! values, its prefix); these macros add the trait impls that are the same for all of them.

use std::convert::Infallible;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};

/// A value of a string enum that this version of the crate does not know (Stripe adds values
/// without notice), kept exactly as Stripe sent it.
///
/// It can be read but not made: the only way to get one is to decode or parse a value that no
/// variant has. So `"cash".parse()` is always the `Cash` variant, never an unknown `"cash"`,
/// and two enum values are equal exactly when they are the same on the wire. Match it with a
/// binding or a wildcard, not on its text: a later version of the crate may give that value a
/// variant of its own, and an arm comparing the text would silently stop matching.
///
/// ```
/// use stripe_client::financial_connections::AccountCategory;
///
/// let category: AccountCategory = "brokerage".parse().unwrap();
/// let label = match &category {
///     AccountCategory::Cash => "cash",
///     AccountCategory::Credit => "credit",
///     // Every value this version does not know, today and after an update.
///     other => other.as_str(),
/// };
/// assert_eq!(label, "brokerage");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
// A thin pointer (a boxed `String`, not a `Box<str>`): an enum with an `Unknown` variant is then
// two words instead of three, which makes every decoded model smaller (768 bytes to 680 for a
// Financial Connections account) and its enum lists' buffers a third smaller, for a second
// allocation only when a value is unknown. `String` compares, orders and hashes as its `str`.
#[expect(
    clippy::box_collection,
    reason = "a thin pointer, for two-word enums (above)"
)]
pub struct UnknownValue(Box<String>);

impl UnknownValue {
    /// The value as Stripe sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The unknown value `value`, for the `FromStr` impls of generated enums only.
pub fn unknown_value(value: &str) -> UnknownValue {
    UnknownValue(Box::new(value.to_owned()))
}

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

/// `Display`, `Serialize`, `Deserialize` and `FormEncode` for a generated string enum, from its
/// `as_str` method and its `FromStr` impl (which maps unknown values to `Unknown`).
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum {
    ($name:ident) => {
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
            where
                S: $crate::__private::serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
            where
                D: $crate::__private::serde::Deserializer<'de>,
            {
                $crate::__private::deserialize_enum(deserializer)
            }
        }

        impl $crate::__private::FormEncode for $name {
            fn encode(&self, key: &str, form: &mut $crate::__private::Form) {
                form.push(key, self.as_str());
            }
        }
    };
}

/// Conversions, `Display`, `Serialize`, `Deserialize` and `FormEncode` for a generated ID
/// newtype (`struct AccountId(String)`), which is its string on the wire.
#[doc(hidden)]
#[macro_export]
macro_rules! __string_id {
    ($name:ident) => {
        impl $name {
            /// The ID as the string it wraps, for unions of objects with different ID types,
            /// whose ID is a string.
            #[doc(hidden)]
            pub fn as_string(&self) -> &::std::string::String {
                &self.0
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(id: ::std::string::String) -> Self {
                Self(id)
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(::std::borrow::ToOwned::to_owned(id))
            }
        }

        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
            where
                S: $crate::__private::serde::Serializer,
            {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
            where
                D: $crate::__private::serde::Deserializer<'de>,
            {
                <::std::string::String as $crate::__private::serde::Deserialize<'de>>::deserialize(
                    deserializer,
                )
                .map(Self)
            }
        }

        impl $crate::__private::FormEncode for $name {
            fn encode(&self, key: &str, form: &mut $crate::__private::Form) {
                form.push(key, &self.0);
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::{UnknownValue, unknown_value};

    /// The shape of a generated string enum.
    #[derive(Debug, PartialEq)]
    enum Category {
        Cash,
        Credit,
        Investment,
        Unknown(UnknownValue),
    }

    #[test]
    fn an_enum_with_unknown_values_is_two_words() {
        assert_eq!(size_of::<Category>(), 2 * size_of::<usize>());
        let unknown = Category::Unknown(unknown_value("brokerage"));
        let Category::Unknown(value) = &unknown else {
            unreachable!("built as `Unknown` above");
        };
        assert_eq!(value.as_str(), "brokerage");
        assert_eq!(value.to_string(), "brokerage");
        assert_ne!(unknown, Category::Cash);
        assert_ne!(Category::Credit, Category::Investment);
    }
}
