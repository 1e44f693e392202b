use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The value of a field that is both optional and nullable: Stripe may leave the key out
/// ([`Absent`](Nullable::Absent)), send `null` ([`Null`](Nullable::Null)), or send a value.
///
/// Generated structs skip `Absent` fields when encoding, so a decoded value encodes back to the
/// same JSON.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// The key was not in the JSON.
    #[default]
    Absent,
    /// The key was present with the value `null`.
    Null,
    /// The key was present with a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the key was not in the JSON.
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// Whether the key was present with the value `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// The value, if there is one.
    pub fn into_value(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// A `Nullable` of a reference to the value, keeping `Absent` and `Null` as they are.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(value),
        }
    }

    /// A `Nullable` of a mutable reference to the value.
    pub fn as_mut(&mut self) -> Nullable<&mut T> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(value),
        }
    }

    /// A `Nullable` of the value dereferenced (`&str` from a `Nullable<String>`).
    pub fn as_deref(&self) -> Nullable<&T::Target>
    where
        T: std::ops::Deref,
    {
        self.as_ref().map(|value| &**value)
    }

    /// The value passed through `f`, keeping `Absent` and `Null` as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(f(value)),
        }
    }
}

/// `None` is `Absent`, `Some(None)` is `Null`, `Some(Some(value))` is `Value(value)`: the usual
/// encoding of "optional and nullable" as nested options.
impl<T> From<Option<Option<T>>> for Nullable<T> {
    fn from(value: Option<Option<T>>) -> Self {
        match value {
            None => Self::Absent,
            Some(None) => Self::Null,
            Some(Some(value)) => Self::Value(value),
        }
    }
}

/// `Absent` is `None`, `Null` is `Some(None)`, `Value(value)` is `Some(Some(value))`.
impl<T> From<Nullable<T>> for Option<Option<T>> {
    fn from(value: Nullable<T>) -> Self {
        match value {
            Nullable::Absent => None,
            Nullable::Null => Some(None),
            Nullable::Value(value) => Some(Some(value)),
        }
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(value) => serializer.serialize_some(value),
            // `Absent` only reaches here when the field is not skipped: `null` is the closest.
            Self::Absent | Self::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Called only when the key is present; an absent key is `Default`, which is `Absent`.
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Self::Value(value),
            None => Self::Null,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_like_helpers_keep_absent_and_null_apart() {
        let name = Nullable::Value(String::from("Jenny"));
        assert_eq!(name.as_ref(), Nullable::Value(&String::from("Jenny")));
        assert_eq!(name.as_deref(), Nullable::Value("Jenny"));
        assert_eq!(name.clone().map(|name| name.len()), Nullable::Value(5));
        assert_eq!(
            Nullable::<String>::Null.map(|name| name.len()),
            Nullable::Null
        );
        assert_eq!(
            Nullable::<String>::Absent.map(|name| name.len()),
            Nullable::Absent
        );
        assert_eq!(Nullable::<String>::Null.as_deref(), Nullable::Null);
        assert_eq!(Nullable::<String>::Absent.as_deref(), Nullable::Absent);

        let mut count = Nullable::Value(1);
        if let Nullable::Value(count) = count.as_mut() {
            *count += 1;
        }
        assert_eq!(count, Nullable::Value(2));
    }

    #[test]
    fn converts_to_and_from_nested_options() {
        let cases = [
            (None, Nullable::Absent),
            (Some(None), Nullable::Null),
            (Some(Some(7)), Nullable::Value(7)),
        ];
        for (options, nullable) in cases {
            assert_eq!(Nullable::from(options), nullable);
            assert_eq!(Option::<Option<i32>>::from(nullable), options);
        }
    }
}
