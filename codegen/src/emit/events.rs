//! `events.rs`: the `EventData` enum, with a variant per event type of the spec holding its typed
//! `data.object`, and the match from an event's `type` to its variant. The event envelope, the
//! signature check and the JSON decoding are the runtime's (`webhook`); only what differs
//! between specs is generated.

use std::collections::BTreeSet;

use quote::{format_ident, quote};

use super::EmittedFile;
use super::docs::{doc, inner_doc};
use super::imports::{Imports, Paths};
use crate::model::EventType;

/// The name of the generated enum.
const ENUM: &str = "EventData";

/// The file `events.rs`, for the `events` of the model. With none, `EventData` has only its
/// `Unknown` variant, which the runtime's webhook module still decodes into.
pub fn emit(events: &[EventType], source_root: &str, paths: &Paths) -> EmittedFile {
    let names = BTreeSet::from([ENUM.to_owned()]);
    let mut imports = Imports::new(paths, "", &names, &names);
    let name = format_ident!("{ENUM}");
    let variants: Vec<_> = events
        .iter()
        .map(|event| format_ident!("{}", event.variant))
        .collect();
    let objects: Vec<_> = events
        .iter()
        .map(|event| imports.ty(&event.object))
        .collect();
    let variant_docs = events.iter().map(|event| {
        doc(&format!(
            "{}\n\nThe event type `{}`.",
            event.doc.trim(),
            event.wire
        ))
    });
    let wires: Vec<&str> = events.iter().map(|event| event.wire.as_str()).collect();
    let decode = imports.private("decode_event_object");
    let event_object = imports.private("EventObject");
    let serde_json = imports.private("serde_json");
    let deserialize = imports.serde("Deserialize");
    let deserializer = imports.serde("Deserializer");
    let unknown = quote! {
        Self::Unknown {
            type_: event_type.to_owned(),
            object: #deserialize::deserialize(deserializer)?,
        }
    };
    // A match of one wildcard arm is clippy's `match_single_binding`.
    let decode_known = if events.is_empty() {
        quote! { Ok(#unknown) }
    } else {
        quote! {
            let data = match event_type {
                #(#wires => Self::#variants(#deserialize::deserialize(deserializer)?),)*
                _ => #unknown,
            };
            Ok(data)
        }
    };
    let runtime = &paths.runtime;
    let uses = imports.into_items();
    let module_docs = inner_doc(
        "The events Stripe sends to webhook endpoints about the resources of this crate. \
         [`EventData`] holds an event's `data.object`, typed by the event's `type`; the \
         runtime's `webhook::construct_event` checks an event's signature and decodes it.",
    );
    let tokens = quote! {
        #module_docs
        #(#uses)*
        use #runtime::webhook::WebhookError;

        /// The `data.object` of an event, typed by the event's `type`.
        ///
        /// An event type this version of the crate does not know decodes into
        /// [`EventData::Unknown`], so a new event type never breaks a webhook endpoint.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants(Box<#objects>),)*
            /// An event type this version of the crate does not know, with its `data.object` as
            /// Stripe sent it.
            Unknown {
                /// The event's `type`.
                type_: String,
                /// The event's `data.object`.
                object: #serde_json::Map<String, #serde_json::Value>,
            },
        }

        impl #name {
            /// Every event type with a variant of its own, in the order of the spec.
            pub const KNOWN_TYPES: &'static [&'static str] = &[#(#wires),*];

            /// The event's `type`, as Stripe sends it.
            pub fn event_type(&self) -> &str {
                match self {
                    #(Self::#variants(_) => #wires,)*
                    Self::Unknown { type_, .. } => type_,
                }
            }

            /// Decodes `object`, the JSON of the `data.object` of an event of type
            /// `event_type`: into the variant of that type, or into [`EventData::Unknown`] for a
            /// type this crate does not know.
            pub fn from_json(event_type: &str, object: &str) -> Result<Self, WebhookError> {
                #decode(event_type, object)
            }
        }

        impl #event_object for #name {
            fn deserialize<'de, D: #deserializer<'de>>(
                event_type: &str,
                deserializer: D,
            ) -> Result<Self, D::Error> {
                #decode_known
            }
        }
    };
    EmittedFile {
        path: "events.rs".into(),
        source: sources(events).unwrap_or_else(|| format!("{source_root}/api.yaml")),
        tokens,
        parts: Vec::new(),
    }
}

/// The spec files listing events, for the header: `a`, `a and b`, `a, b and c`; `None` if
/// there are none.
fn sources(events: &[EventType]) -> Option<String> {
    let mut files: Vec<&str> = Vec::new();
    for event in events {
        if !files.contains(&event.source.as_str()) {
            files.push(&event.source);
        }
    }
    let (last, init) = files.split_last()?;
    Some(if init.is_empty() {
        (*last).to_owned()
    } else {
        format!("{} and {last}", init.join(", "))
    })
}
