use std::fmt;

use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A Stripe object with an ID.
pub trait Object {
    /// The type of the object's ID.
    type Id;

    /// The object's ID.
    fn id(&self) -> &Self::Id;
}

/// A field that Stripe sends as an ID unless the request asked to expand it with `expand[]`, when
/// it is the whole object.
#[derive(Clone, Debug, PartialEq)]
pub enum Expandable<T: Object> {
    /// Not expanded: the object's ID.
    Id(T::Id),
    /// Expanded: the whole object.
    Object(Box<T>),
}

impl<T: Object> Expandable<T> {
    /// The object's ID, whether or not it was expanded.
    pub fn id(&self) -> &T::Id {
        match self {
            Self::Id(id) => id,
            Self::Object(object) => object.id(),
        }
    }

    /// Whether Stripe sent the whole object.
    pub fn is_expanded(&self) -> bool {
        matches!(self, Self::Object(_))
    }

    /// The object, if it was expanded.
    pub fn as_object(&self) -> Option<&T> {
        match self {
            Self::Id(_) => None,
            Self::Object(object) => Some(object),
        }
    }

    /// The object, if it was expanded.
    pub fn into_object(self) -> Option<T> {
        match self {
            Self::Id(_) => None,
            Self::Object(object) => Some(*object),
        }
    }
}

impl<T> Serialize for Expandable<T>
where
    T: Object + Serialize,
    T::Id: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Id(id) => id.serialize(serializer),
            Self::Object(object) => object.serialize(serializer),
        }
    }
}

impl<'de, T> Deserialize<'de> for Expandable<T>
where
    T: Object + Deserialize<'de>,
    T::Id: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Look at the JSON type directly instead of `#[serde(untagged)]`, which would buffer the
        // whole object and lose the error's position.
        struct ExpandableVisitor<T>(std::marker::PhantomData<T>);

        impl<'de, T> Visitor<'de> for ExpandableVisitor<T>
        where
            T: Object + Deserialize<'de>,
            T::Id: Deserialize<'de>,
        {
            type Value = Expandable<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ID string or an expanded object")
            }

            fn visit_str<E: de::Error>(self, id: &str) -> Result<Self::Value, E> {
                T::Id::deserialize(id.into_deserializer()).map(Expandable::Id)
            }

            fn visit_string<E: de::Error>(self, id: String) -> Result<Self::Value, E> {
                T::Id::deserialize(id.into_deserializer()).map(Expandable::Id)
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|object| Expandable::Object(Box::new(object)))
            }
        }

        deserializer.deserialize_any(ExpandableVisitor(std::marker::PhantomData))
    }
}
