//! Decoding unions of objects, which generated code does by the `object` tag (and `deleted`)
//! that every Stripe object carries.

use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

/// Decodes a JSON object, then lets `select` decode it as the variant its `object` value (and
/// whether it has `"deleted": true`) names.
pub fn deserialize_union<'de, D, T>(
    deserializer: D,
    select: impl FnOnce(&str, bool, Value) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Value::deserialize(deserializer)?;
    if !value.is_object() {
        return Err(D::Error::custom(format_args!(
            "expected an object with an `object` field, found {}",
            kind(&value)
        )));
    }
    let object = value
        .get("object")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let deleted = value.get("deleted").and_then(Value::as_bool) == Some(true);
    select(&object, deleted, value).map_err(D::Error::custom)
}

/// Decodes a JSON object, then lets `select` try the variants of an untagged union in order.
pub fn deserialize_untagged<'de, D, T>(
    deserializer: D,
    select: impl FnOnce(Value) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    deserialize_union(deserializer, |_, _, value| select(value))
}

/// The variant `value` decodes as, if it does.
pub fn try_variant<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// Decodes one variant of a union from the JSON it was read into.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, serde_json::Error> {
    serde_json::from_value(value)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An object of a union that this version of the crate does not know: its JSON as Stripe sent
/// it, encoded back unchanged.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownObject {
    json: Map<String, Value>,
}

impl UnknownObject {
    /// Its `object` value, if it has one.
    pub fn object(&self) -> Option<&str> {
        self.json.get("object").and_then(Value::as_str)
    }

    /// Its JSON.
    pub fn json(&self) -> &Map<String, Value> {
        &self.json
    }

    /// Its JSON.
    pub fn into_json(self) -> Map<String, Value> {
        self.json
    }
}

impl Serialize for UnknownObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for UnknownObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::deserialize(deserializer).map(|json| Self { json })
    }
}
