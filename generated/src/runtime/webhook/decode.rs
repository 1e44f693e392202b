//! Decoding an event. What `data.object` is depends on the event's `type`, which Stripe writes
//! last, after `data`. So the type is first read from the end of the payload, and the whole
//! event decoded in one pass with `data.object` typed by that guess. The guess is checked
//! against the `type` the pass reads; when it is wrong, or anything fails, the event is decoded
//! again in two passes (the envelope with `data.object` kept as raw JSON, then `data.object`),
//! which also say where an error is.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{Event, EventId, EventRequest, WebhookError};
use crate::Timestamp;
use crate::events::EventData;
use crate::runtime::json_path::PathError;

/// Decoding an event's `data.object` for a given event type: what the generated `EventData`
/// implements.
pub trait EventObject: Sized {
    /// Decodes the `data.object` of an event of type `event_type`.
    fn deserialize<'de, D: Deserializer<'de>>(
        event_type: &str,
        deserializer: D,
    ) -> Result<Self, D::Error>;
}

/// Decodes `object`, the `data.object` of an event of type `event_type`, for the generated
/// `EventData::from_json`. The error's `api_version` is for the caller to fill in: it has the
/// envelope.
pub fn decode_event_object<T: EventObject>(
    event_type: &str,
    object: &str,
) -> Result<T, WebhookError> {
    let mut deserializer = serde_json::Deserializer::from_str(object);
    T::deserialize(event_type, &mut deserializer)
        .and_then(|decoded| deserializer.end().map(|()| decoded))
        .map_err(|err| {
            let err = PathError::new(object, err);
            WebhookError::InvalidObject {
                event_type: event_type.to_owned(),
                api_version: None,
                path: err.path().to_owned(),
                message: err.into_inner().to_string(),
            }
        })
}

/// The event `payload` holds.
pub(super) fn event(payload: &[u8]) -> Result<Event, WebhookError> {
    let text = std::str::from_utf8(payload).map_err(|err| WebhookError::NotJson {
        message: format!("it is not UTF-8 text: {err}"),
    })?;
    if let Some(guess) = last_type(text) {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        if let Ok(envelope) = EnvelopeSeed(ObjectAs::Typed(guess)).deserialize(&mut deserializer) {
            if deserializer.end().is_ok() && envelope.type_ == guess {
                return finish(envelope);
            }
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let envelope = EnvelopeSeed(ObjectAs::Raw)
        .deserialize(&mut deserializer)
        .and_then(|envelope| deserializer.end().map(|()| envelope))
        .map_err(|err| envelope_error(text, err))?;
    finish(envelope)
}

/// The value of the last `"type"` key of `text`, if it is a plain string: the event's type,
/// where Stripe writes it. Only a guess, which the decoding checks.
fn last_type(text: &str) -> Option<&str> {
    let key = text.rfind("\"type\"")?;
    let rest = text[key + "\"type\"".len()..].trim_start();
    let rest = rest.strip_prefix(':')?.trim_start().strip_prefix('"')?;
    let value = &rest[..rest.find('"')?];
    (!value.contains('\\')).then_some(value)
}

fn finish(envelope: Envelope<'_>) -> Result<Event, WebhookError> {
    if envelope.object != "event" {
        return Err(WebhookError::NotAnEvent {
            message: format!("its `object` is `{}`, not `event`", envelope.object),
        });
    }
    let data = match envelope.data_object {
        Object::Typed(data) => data,
        Object::Raw(raw) => {
            decode_event_object::<EventData>(&envelope.type_, raw.get()).map_err(|mut err| {
                if let WebhookError::InvalidObject { api_version, .. } = &mut err {
                    api_version.clone_from(&envelope.api_version);
                }
                err
            })?
        }
    };
    Ok(Event {
        id: envelope.id,
        type_: envelope.type_,
        created: envelope.created,
        livemode: envelope.livemode,
        api_version: envelope.api_version,
        account: envelope.account,
        pending_webhooks: envelope.pending_webhooks,
        request: envelope.request,
        data,
        previous_attributes: envelope.previous_attributes,
    })
}

/// `NotJson` for text that is not JSON; `NotAnEvent`, with the path, for JSON of the wrong
/// shape.
fn envelope_error(text: &str, err: serde_json::Error) -> WebhookError {
    // The envelope may fail on a value before the JSON does, later (`[1, 2`): only a full read
    // of the text tells which it is.
    if let Err(err) = serde_json::from_str::<IgnoredAny>(text) {
        return WebhookError::NotJson {
            message: err.to_string(),
        };
    }
    let err = PathError::new(text, err);
    WebhookError::NotAnEvent {
        message: format!("at `{}`: {}", err.path(), err.inner()),
    }
}

/// An event as sent, with its `data.object` typed or raw.
struct Envelope<'de> {
    id: EventId,
    object: String,
    account: Option<String>,
    api_version: Option<String>,
    created: Timestamp,
    data_object: Object<'de>,
    previous_attributes: Option<Map<String, Value>>,
    livemode: bool,
    pending_webhooks: i64,
    request: Option<EventRequest>,
    type_: String,
}

/// How to read `data.object`.
#[derive(Clone, Copy)]
enum ObjectAs<'g> {
    /// As the type this event type names.
    Typed(&'g str),
    /// As raw JSON, to decode once the type is known.
    Raw,
}

enum Object<'de> {
    Typed(EventData),
    Raw(&'de RawValue),
}

struct EnvelopeSeed<'g>(ObjectAs<'g>);

impl<'de> DeserializeSeed<'de> for EnvelopeSeed<'_> {
    type Value = Envelope<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Envelope<'de>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for EnvelopeSeed<'_> {
    type Value = Envelope<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Stripe event")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope<'de>, A::Error> {
        let mut id = None;
        let mut object = None;
        let mut account = None;
        let mut api_version = None;
        let mut created = None;
        let mut data = None;
        let mut livemode = None;
        let mut pending_webhooks = None;
        let mut request = None;
        let mut type_ = None;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Id => set(&mut id, "id", map.next_value()?)?,
                Key::Object => set(&mut object, "object", map.next_value()?)?,
                Key::Account => set(&mut account, "account", map.next_value()?)?,
                Key::ApiVersion => set(&mut api_version, "api_version", map.next_value()?)?,
                Key::Created => set(&mut created, "created", map.next_value()?)?,
                Key::Data => set(&mut data, "data", map.next_value_seed(DataSeed(self.0))?)?,
                Key::Livemode => set(&mut livemode, "livemode", map.next_value()?)?,
                Key::PendingWebhooks => {
                    set(&mut pending_webhooks, "pending_webhooks", map.next_value()?)?;
                }
                Key::Request => set(&mut request, "request", map.next_value()?)?,
                Key::Type => set(&mut type_, "type", map.next_value()?)?,
                Key::PreviousAttributes | Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let (data_object, previous_attributes) = required(data, "data")?;
        Ok(Envelope {
            id: required(id, "id")?,
            object: required(object, "object")?,
            account: account.flatten(),
            api_version: api_version.flatten(),
            created: required(created, "created")?,
            data_object,
            previous_attributes,
            livemode: required(livemode, "livemode")?,
            pending_webhooks: required(pending_webhooks, "pending_webhooks")?,
            request: request.flatten(),
            type_: required(type_, "type")?,
        })
    }
}

/// `data`: `object`, read as `ObjectAs` says, and `previous_attributes`.
struct DataSeed<'g>(ObjectAs<'g>);

impl<'de> DeserializeSeed<'de> for DataSeed<'_> {
    type Value = (Object<'de>, Option<Map<String, Value>>);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DataSeed<'_> {
    type Value = (Object<'de>, Option<Map<String, Value>>);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an event's data")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = None;
        let mut previous_attributes = None;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Object => {
                    let value = match self.0 {
                        ObjectAs::Typed(event_type) => {
                            Object::Typed(map.next_value_seed(TypedObject(event_type))?)
                        }
                        ObjectAs::Raw => Object::Raw(map.next_value()?),
                    };
                    set(&mut object, "object", value)?;
                }
                Key::PreviousAttributes => set(
                    &mut previous_attributes,
                    "previous_attributes",
                    map.next_value::<Option<Map<String, Value>>>()?,
                )?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok((required(object, "object")?, previous_attributes.flatten()))
    }
}

struct TypedObject<'g>(&'g str);

impl<'de> DeserializeSeed<'de> for TypedObject<'_> {
    type Value = EventData;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<EventData, D::Error> {
        <EventData as EventObject>::deserialize(self.0, deserializer)
    }
}

fn set<T, E: de::Error>(slot: &mut Option<T>, name: &'static str, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(value);
    Ok(())
}

fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// The keys of an event and of its `data`, matched without allocating.
enum Key {
    Id,
    Object,
    Account,
    ApiVersion,
    Created,
    Data,
    Livemode,
    PendingWebhooks,
    Request,
    Type,
    PreviousAttributes,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        struct KeyVisitor;

        impl Visitor<'_> for KeyVisitor {
            type Value = Key;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "id" => Key::Id,
                    "object" => Key::Object,
                    "account" => Key::Account,
                    "api_version" => Key::ApiVersion,
                    "created" => Key::Created,
                    "data" => Key::Data,
                    "livemode" => Key::Livemode,
                    "pending_webhooks" => Key::PendingWebhooks,
                    "request" => Key::Request,
                    "type" => Key::Type,
                    "previous_attributes" => Key::PreviousAttributes,
                    _ => Key::Other,
                })
            }
        }

        deserializer.deserialize_identifier(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::last_type;

    #[test]
    fn the_guess_is_the_last_plain_type() {
        assert_eq!(
            last_type(r#"{"data": {"object": {"type": "cash"}}, "type" : "a.b"}"#),
            Some("a.b")
        );
        // Where Stripe does not write it, the guess is wrong (and checked).
        assert_eq!(
            last_type(r#"{"type": "a.b", "data": {"object": {"type": "cash"}}}"#),
            Some("cash")
        );
        assert_eq!(last_type(r#"{"type": "a\u002eb"}"#), None);
        assert_eq!(last_type(r#"{"type": 7}"#), None);
        assert_eq!(last_type(r#"{"type": "unterminated"#), None);
        assert_eq!(last_type(r#"{"id": "evt_1"}"#), None);
    }
}
