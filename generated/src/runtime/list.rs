use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

/// One page of a Stripe list: the objects, and whether more follow.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct List<T> {
    /// The objects on this page.
    pub data: Vec<T>,
    /// Whether another page follows this one.
    pub has_more: bool,
    /// The URL of this list, relative to the API's base URL.
    pub url: String,
}

impl<T: Serialize> Serialize for List<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The `object` tag is always "list"; decoding ignores it, encoding puts it back.
        let mut list = serializer.serialize_struct("List", 4)?;
        list.serialize_field("object", "list")?;
        list.serialize_field("data", &self.data)?;
        list.serialize_field("has_more", &self.has_more)?;
        list.serialize_field("url", &self.url)?;
        list.end()
    }
}
