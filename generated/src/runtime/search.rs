use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

/// One page of results of a search endpoint (`/v1/customers/search`): the objects, whether more
/// follow, and the token of the next page.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SearchResult<T> {
    /// The objects on this page.
    pub data: Vec<T>,
    /// Whether another page follows this one.
    pub has_more: bool,
    /// The token to pass as `page` for the next page, when there is one.
    #[serde(default)]
    pub next_page: Option<String>,
    /// The total number of results, when the request asked for it with `expand[]=total_count`.
    #[serde(default)]
    pub total_count: Option<i64>,
    /// The URL of this search, relative to the API's base URL.
    pub url: String,
}

impl<T: Serialize> Serialize for SearchResult<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The `object` tag is always "search_result"; decoding ignores it, encoding puts it back.
        let fields = 5 + usize::from(self.total_count.is_some());
        let mut page = serializer.serialize_struct("SearchResult", fields)?;
        page.serialize_field("object", "search_result")?;
        page.serialize_field("data", &self.data)?;
        page.serialize_field("has_more", &self.has_more)?;
        page.serialize_field("next_page", &self.next_page)?;
        if let Some(total_count) = self.total_count {
            page.serialize_field("total_count", &total_count)?;
        }
        page.serialize_field("url", &self.url)?;
        page.end()
    }
}
