use serde::de::{Deserializer, Error as _, Unexpected};
use serde::{Deserialize, Serialize, Serializer};

/// The `"deleted": true` of the deleted form of a resource (what a `DELETE` returns). It holds
/// nothing: a deleted object always has it, and it is always `true`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Deleted;

impl Serialize for Deleted {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(true)
    }
}

impl<'de> Deserialize<'de> for Deleted {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match bool::deserialize(deserializer)? {
            true => Ok(Deleted),
            false => Err(D::Error::invalid_value(
                Unexpected::Bool(false),
                &"`true`, as every deleted object has",
            )),
        }
    }
}
