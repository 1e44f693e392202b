use crate::runtime::form::{Form, FormEncode};

/// A filter on a value, such as a creation time: an exact value, or bounds
/// (`created[gte]=...&created[lt]=...`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RangeQuery<T> {
    /// Exactly this value.
    Exact(T),
    /// Within these bounds.
    Bounds(RangeBounds<T>),
}

/// Bounds of a [`RangeQuery`]; the ones left `None` are not sent.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RangeBounds<T> {
    /// Greater than.
    pub gt: Option<T>,
    /// Greater than or equal to.
    pub gte: Option<T>,
    /// Less than.
    pub lt: Option<T>,
    /// Less than or equal to.
    pub lte: Option<T>,
}

impl<T> Default for RangeBounds<T> {
    fn default() -> Self {
        Self {
            gt: None,
            gte: None,
            lt: None,
            lte: None,
        }
    }
}

impl<T> RangeQuery<T> {
    /// Values greater than or equal to `value`.
    pub fn gte(value: T) -> Self {
        Self::Bounds(RangeBounds {
            gte: Some(value),
            ..RangeBounds::default()
        })
    }

    /// Values less than `value`.
    pub fn lt(value: T) -> Self {
        Self::Bounds(RangeBounds {
            lt: Some(value),
            ..RangeBounds::default()
        })
    }

    /// Values from `start` (inclusive) to `end` (exclusive).
    pub fn between(start: T, end: T) -> Self {
        Self::Bounds(RangeBounds {
            gte: Some(start),
            lt: Some(end),
            ..RangeBounds::default()
        })
    }
}

impl<T: FormEncode> FormEncode for RangeQuery<T> {
    fn encode(&self, key: &str, form: &mut Form) {
        match self {
            Self::Exact(value) => value.encode(key, form),
            Self::Bounds(bounds) => {
                form.field(key, "gt", &bounds.gt);
                form.field(key, "gte", &bounds.gte);
                form.field(key, "lt", &bounds.lt);
                form.field(key, "lte", &bounds.lte);
            }
        }
    }
}
