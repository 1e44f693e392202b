//! Parameters the spec does not know (preview features, fields newer than this crate), added by
//! hand to any call.

use std::fmt;

/// Parameters to send with a call besides its typed ones, for what this crate does not know
/// yet: a preview feature, a field newer than the crate. Give them to
/// [`Client::with_extra_params`](crate::Client::with_extra_params).
///
/// Keys are written in Stripe's bracket notation, as in its API reference
/// (`preview_feature[enabled]`, `items[0][price]`); values are sent as their `Display` text. Both
/// are percent-encoded like every other parameter, in the query string of a `GET` or `DELETE`
/// and the form body of a `POST`, after the typed parameters.
///
/// ```no_run
/// use stripe_client::ExtraParams;
/// use stripe_client::treasury::{FinancialAccountId, retrieve_financial_account};
///
/// # async fn example(client: &stripe_client::Client, id: &FinancialAccountId) -> Result<(), stripe_client::Error> {
/// let preview = client.with_extra_params(
///     ExtraParams::new()
///         .set("preview_feature[enabled]", true)
///         .set("preview_feature[limit]", 25),
/// );
/// let account = retrieve_financial_account(&preview, id, &Default::default()).await?;
/// # let _ = account;
/// # Ok(())
/// # }
/// ```
///
/// The call fails with [`Error::Usage`](crate::Error::Usage), before anything is sent, when a
/// key is not well formed (empty brackets `a[]`, a bracket inside brackets, text after a `]`)
/// or clashes with a parameter the call already sends: the same key (`nickname` beside a typed
/// `nickname`) or one nesting in the other (`metadata` beside `metadata[order]`). A parameter
/// the crate knows belongs in the call's params struct.
#[derive(Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct ExtraParams {
    pairs: Vec<(String, String)>,
}

impl ExtraParams {
    /// No parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends `value` under `key`, replacing a value set before under the same key.
    pub fn set(mut self, key: impl Into<String>, value: impl fmt::Display) -> Self {
        let key = key.into();
        let value = value.to_string();
        match self.pairs.iter_mut().find(|(set, _)| *set == key) {
            Some(pair) => pair.1 = value,
            None => self.pairs.push((key, value)),
        }
        self
    }

    /// Whether no parameter is set.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The keys and values, in the order they are sent.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str()))
    }
}

impl fmt::Debug for ExtraParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}
