//! Decoding an event: the envelope first, with `data.object` kept as raw JSON, since `type`
//! (which says what `data.object` is) usually comes after `data`; then `data.object`, by the
//! generated [`EventData::from_json`].

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{Event, EventId, EventRequest, WebhookError};
use crate::Timestamp;
use crate::events::EventData;

/// An event as sent, with `data.object` not yet decoded.
#[derive(Deserialize)]
struct Envelope<'a> {
    id: EventId,
    #[serde(borrow)]
    object: Cow<'a, str>,
    #[serde(default)]
    account: Option<String>,
    #[serde(default)]
    api_version: Option<String>,
    created: Timestamp,
    #[serde(borrow)]
    data: EnvelopeData<'a>,
    livemode: bool,
    pending_webhooks: i64,
    #[serde(default)]
    request: Option<EventRequest>,
    #[serde(rename = "type")]
    type_: String,
}

#[derive(Deserialize)]
struct EnvelopeData<'a> {
    #[serde(borrow)]
    object: &'a RawValue,
    #[serde(default)]
    previous_attributes: Option<Map<String, Value>>,
}

/// The event `payload` holds.
pub(super) fn event(payload: &[u8]) -> Result<Event, WebhookError> {
    let text = std::str::from_utf8(payload).map_err(|err| WebhookError::NotJson {
        message: format!("it is not UTF-8 text: {err}"),
    })?;
    let envelope: Envelope<'_> =
        serde_json::from_str(text).map_err(|err| envelope_error(text, err))?;
    if envelope.object != "event" {
        return Err(WebhookError::NotAnEvent {
            message: format!("its `object` is `{}`, not `event`", envelope.object),
        });
    }
    let data = EventData::from_json(&envelope.type_, envelope.data.object.get()).map_err(
        |mut err| {
            if let WebhookError::InvalidObject { api_version, .. } = &mut err {
                api_version.clone_from(&envelope.api_version);
            }
            err
        },
    )?;
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
        previous_attributes: envelope.data.previous_attributes,
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
    // Recording the path costs time on every value, so only a payload that failed is decoded
    // again, to say where.
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let message = match serde_path_to_error::deserialize::<_, Envelope<'_>>(&mut deserializer) {
        Err(err) => format!("at `{}`: {}", err.path(), err.inner()),
        Ok(_) => err.to_string(),
    };
    WebhookError::NotAnEvent { message }
}

/// Decodes `object`, the `data.object` of an event of type `event_type`, for the generated
/// [`EventData::from_json`]. The error's `api_version` is filled in by the caller, which has
/// the envelope.
pub fn decode_event_object<T: DeserializeOwned>(
    event_type: &str,
    object: &str,
) -> Result<T, WebhookError> {
    crate::runtime::client::decode_json(object.as_bytes()).map_err(|err| {
        WebhookError::InvalidObject {
            event_type: event_type.to_owned(),
            api_version: None,
            path: err.path().to_string(),
            message: err.into_inner().to_string(),
        }
    })
}
