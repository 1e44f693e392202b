//! Decoding generated response structs from JSON objects: the parts of every generated
//! `Deserialize` impl that do not depend on the struct.
//!
//! The generator writes, for each response struct, an impl of [`DecodeObject`] that reads the
//! object's keys, matches each against the struct's wire names, and decodes the value into that
//! field's slot; then `Deserialize` is one call to [`deserialize_object`]. Compared with serde's
//! derive, there is no identifier enum with its own visitor, and no `visit_seq` (Stripe never
//! sends an object as an array), so each struct costs less to compile; and keys are matched as
//! borrowed strings, with no allocation.
//!
//! The behaviour is the derive's: unknown keys are skipped, a key given twice is a
//! `duplicate field` error, a missing required field a `missing field` error, and a missing
//! optional one its default (`None`, [`Nullable::Absent`](crate::Nullable::Absent)).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, Visitor};

pub use serde::de::MapAccess;

/// A struct decoded from the entries of a JSON object. Implemented by generated code only.
pub trait DecodeObject<'de>: Sized {
    /// What a decode error says was expected, as serde's derive words it (`struct Account`).
    const EXPECTING: &'static str;

    /// The number of the field whose wire name is `key`, if the struct has one.
    fn field(key: &str) -> Option<u16>;

    /// Decodes the struct from the object's entries.
    fn decode_object<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Decodes `T` from a JSON object, for `T`'s `Deserialize` impl.
pub fn deserialize_object<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DecodeObject<'de>,
{
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: DecodeObject<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::decode_object(map)
    }
}

/// The next key of the object, as the number of its field (`None` for a key the struct does not
/// have), or `None` after the last entry. The key is matched where serde_json reads it, borrowed.
#[inline]
pub fn next_field<'de, T, A>(map: &mut A) -> Result<Option<Option<u16>>, A::Error>
where
    T: DecodeObject<'de>,
    A: MapAccess<'de>,
{
    map.next_key_seed(FieldSeed::<T>(PhantomData))
}

struct FieldSeed<T>(PhantomData<T>);

impl<'de, T: DecodeObject<'de>> de::DeserializeSeed<'de> for FieldSeed<T> {
    type Value = Option<u16>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<u16>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, T: DecodeObject<'de>> Visitor<'de> for FieldSeed<T> {
    type Value = Option<u16>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<u16>, E> {
        Ok(T::field(key))
    }
}

/// An object's key: borrowed from the input when the deserializer can lend it (serde_json
/// does for every key without escapes), owned otherwise.
pub enum Key<'de> {
    /// Borrowed from the input.
    Borrowed(&'de str),
    /// Copied, because the deserializer could not lend it.
    Owned(String),
}

impl Key<'_> {
    /// The key.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Borrowed(key) => key,
            Self::Owned(key) => key,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(key))
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key.to_owned()))
            }

            fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Decodes the value of the current entry into `slot`, or fails if the key came before.
#[inline]
pub fn field<'de, A, T>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of an entry whose key the struct does not have (Stripe adds fields).
#[inline]
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// The value of a required field, or the `missing field` error.
#[inline]
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    match slot {
        Some(value) => Ok(value),
        None => Err(E::missing_field(name)),
    }
}
