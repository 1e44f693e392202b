use serde::de::{self, DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

use super::Object;

/// An expanded object of a resource this crate does not model (a Customer, say): its typed ID,
/// and its JSON exactly as Stripe sent it.
#[derive(Clone, Debug, PartialEq)]
pub struct RawObject<I> {
    id: I,
    json: serde_json::Map<String, serde_json::Value>,
}

impl<I> RawObject<I> {
    /// The object's ID.
    pub fn id(&self) -> &I {
        &self.id
    }

    /// The object's JSON, including its `id`.
    pub fn json(&self) -> &serde_json::Map<String, serde_json::Value> {
        &self.json
    }

    /// The object's JSON, including its `id`.
    pub fn into_json(self) -> serde_json::Map<String, serde_json::Value> {
        self.json
    }
}

impl<I> Object for RawObject<I> {
    type Id = I;

    fn id(&self) -> &I {
        &self.id
    }
}

impl<I> Serialize for RawObject<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

impl<'de, I: DeserializeOwned> Deserialize<'de> for RawObject<I> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = serde_json::Map::deserialize(deserializer)?;
        let id = json
            .get("id")
            .ok_or_else(|| de::Error::missing_field("id"))?;
        let id = I::deserialize(id).map_err(de::Error::custom)?;
        Ok(Self { id, json })
    }
}
