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

    /// Values greater than `value`.
    pub fn gt(value: T) -> Self {
        Self::Bounds(RangeBounds {
            gt: Some(value),
            ..RangeBounds::default()
        })
    }

    /// Values less than or equal to `value`.
    pub fn lte(value: T) -> Self {
        Self::Bounds(RangeBounds {
            lte: Some(value),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(query: &RangeQuery<i64>) -> String {
        let mut form = Form::default();
        form.field("", "created", query);
        form.as_str().to_owned()
    }

    #[test]
    fn each_bound_has_a_constructor_and_its_own_key() {
        assert_eq!(encoded(&RangeQuery::gt(1)), "created[gt]=1");
        assert_eq!(encoded(&RangeQuery::gte(2)), "created[gte]=2");
        assert_eq!(encoded(&RangeQuery::lt(3)), "created[lt]=3");
        assert_eq!(encoded(&RangeQuery::lte(4)), "created[lte]=4");
        assert_eq!(
            encoded(&RangeQuery::between(5, 6)),
            "created[gte]=5&created[lt]=6"
        );
    }
}
