use crate::runtime::form::{Form, FormEncode};

/// A request parameter that can be set, or cleared by sending it empty (`nickname=`).
///
/// Wrap it in `Option` to leave the parameter out: `None` leaves the value unchanged,
/// `Some(Clearable::Clear)` removes it, `Some(Clearable::Set(v))` sets it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Clearable<T> {
    /// Send the parameter empty, which clears the value.
    Clear,
    /// Send this value.
    Set(T),
}

impl<T> From<T> for Clearable<T> {
    fn from(value: T) -> Self {
        Self::Set(value)
    }
}

impl<T: FormEncode> FormEncode for Clearable<T> {
    fn encode(&self, key: &str, form: &mut Form) {
        match self {
            Self::Clear => form.push(key, ""),
            Self::Set(value) => value.encode(key, form),
        }
    }
}
