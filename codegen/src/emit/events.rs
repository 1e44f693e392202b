//! `events.rs`: the `EventData` enum, with a variant per event type of the spec holding its typed
//! `data.object`, and the match from an event's `type` to its variant. The event envelope, the
//! signature check and the JSON decoding are the runtime's (`webhook`); only what differs
//! between specs is generated.

use std::collections::BTreeSet;

use quote::{format_ident, quote};

use super::docs::{doc_attrs, inner_doc};
use super::imports::{Imports, Paths};
use super::syntax::{
    arm, call, generic, ident, of_path, path, path_expr, prepend_arms, reference, self_variant,
    string, try_expr, tuple_pattern, use_list,
};
use super::{EmittedFile, Part};
use crate::model::EventType;

/// The name of the generated enum.
const ENUM: &str = "EventData";

/// The file `events.rs`, for the `events` of the model. With none, `EventData` has only its
/// `Unknown` variant, which the runtime's webhook module still decodes into. The parts repeated
/// for each event (variants with their docs, match arms) are built as syntax trees (see
/// [`Part`]), put into items quoted with only their fallback.
pub fn emit(events: &[EventType], source_root: &str, paths: &Paths) -> EmittedFile {
    let names = BTreeSet::from([ENUM.to_owned()]);
    let mut imports = Imports::new(paths, "", &names, &names);
    let name = ident(ENUM);
    let variants: Vec<_> = events
        .iter()
        .map(|event| format_ident!("{}", event.variant))
        .collect();
    let decode = imports.private("decode_event_object");
    let event_object = imports.private("EventObject");
    let serde_json = imports.private("serde_json");
    let deserialize = imports.serde("Deserialize");
    let deserializer = imports.serde("Deserializer");

    let mut enumeration: syn::ItemEnum = syn::parse_quote! {
        /// The `data.object` of an event, typed by the event's `type`.
        ///
        /// An event type this version of the crate does not know decodes into
        /// [`EventData::Unknown`], so a new event type never breaks a webhook endpoint.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            /// An event type this version of the crate does not know, with its `data.object` as
            /// Stripe sent it.
            Unknown {
                /// The event's `type`.
                type_: String,
                /// The event's `data.object`.
                object: #serde_json::Map<String, #serde_json::Value>,
            },
        }
    };
    let known = events.iter().zip(&variants).map(|(event, variant)| {
        let object = generic(ident("Box"), [of_path(imports.ty(&event.object))]);
        syn::Variant {
            attrs: doc_attrs(&format!(
                "{}\n\nThe event type `{}`.",
                event.doc.trim(),
                event.wire
            )),
            ident: variant.clone(),
            fields: syn::Fields::Unnamed(syn::FieldsUnnamed {
                paren_token: Default::default(),
                unnamed: [syn::Field {
                    attrs: Vec::new(),
                    vis: syn::Visibility::Inherited,
                    modifiers: Default::default(),
                    ident: None,
                    colon_token: None,
                    ty: object,
                    default: None,
                }]
                .into_iter()
                .collect(),
            }),
            discriminant: None,
        }
    });
    enumeration.variants = known.chain(enumeration.variants).collect();

    let mut inherent: syn::ItemImpl = syn::parse_quote! {
        impl #name {
            /// Every event type with a variant of its own, in the order of the spec.
            pub const KNOWN_TYPES: &'static [&'static str] = &[];

            /// The event's `type`, as Stripe sends it.
            pub fn event_type(&self) -> &str {
                match self {
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
    };
    let wires: Vec<syn::ExprLit> = events.iter().map(|event| string(&event.wire)).collect();
    let Some(syn::ImplItem::Const(known_types)) = inherent.items.first_mut() else {
        unreachable!("the impl is quoted above with `KNOWN_TYPES` first");
    };
    known_types.expr = reference(syn::Expr::Array(syn::ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: wires.iter().cloned().map(syn::Expr::Lit).collect(),
    }));
    let arms = variants.iter().zip(&wires).map(|(variant, wire)| {
        let pattern = tuple_pattern(
            self_variant(variant).path,
            [syn::Pat::Wild(syn::PatWild {
                attrs: Vec::new(),
                underscore_token: Default::default(),
            })],
        );
        arm(pattern, syn::Expr::Lit(wire.clone()))
    });
    prepend_arms(&mut inherent, arms);

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
                _ => #unknown,
            };
            Ok(data)
        }
    };
    let mut decoding: syn::ItemImpl = syn::parse_quote! {
        impl #event_object for #name {
            fn deserialize<'de, D: #deserializer<'de>>(
                event_type: &str,
                deserializer: D,
            ) -> Result<Self, D::Error> {
                #decode_known
            }
        }
    };
    if !events.is_empty() {
        let decode_variant = path(&[&deserialize, &ident("deserialize")]);
        let arms = variants.iter().zip(wires).map(|(variant, wire)| {
            let object = try_expr(call(
                decode_variant.clone(),
                [path_expr(&[&ident("deserializer")])],
            ));
            arm(
                syn::Pat::Lit(wire),
                call(self_variant(variant).path, [object]),
            )
        });
        prepend_arms(&mut decoding, arms);
    }

    let mut parts: Vec<Part> = imports.into_items().into_iter().map(Part::Item).collect();
    let mut webhook = paths.runtime.clone();
    webhook.segments.push(ident("webhook").into());
    parts.extend([
        use_list(&webhook, ["WebhookError"]).into(),
        syn::Item::Enum(enumeration).into(),
        syn::Item::Impl(inherent).into(),
        syn::Item::Impl(decoding).into(),
    ]);
    EmittedFile {
        path: "events.rs".into(),
        source: sources(events).unwrap_or_else(|| format!("{source_root}/api.yaml")),
        tokens: inner_doc(
            "The events Stripe sends to webhook endpoints about the resources of this crate. \
             [`EventData`] holds an event's `data.object`, typed by the event's `type`; the \
             runtime's `webhook::construct_event` checks an event's signature and decodes it.",
        ),
        parts,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TypePath;

    fn event(wire: &str, variant: &str, module: &str, name: &str) -> EventType {
        EventType {
            wire: wire.into(),
            variant: variant.into(),
            doc: format!("Occurs when {wire} happens."),
            object: TypePath {
                module: module.into(),
                name: name.into(),
            },
            source: format!("spec/{module}/{name}.yaml"),
        }
    }

    fn emitted(events: &[EventType]) -> String {
        let paths = Paths {
            root: syn::parse_quote!(crate),
            runtime: syn::parse_quote!(crate),
        };
        let file = emit(events, "spec", &paths);
        // The built trees must print as the same trees parsed back from their tokens would.
        let parts = file.parts.iter().map(|part| match part {
            Part::Item(item) => quote! { #item },
            Part::Tokens(tokens) => tokens.clone(),
        });
        let tokens = &file.tokens;
        let quoted = EmittedFile {
            path: file.path.clone(),
            source: file.source.clone(),
            tokens: quote! { #tokens #(#parts)* },
            parts: Vec::new(),
        };
        let built = crate::format::format(file).expect("events format");
        assert_eq!(
            built,
            crate::format::format(quoted).expect("quoted events format")
        );
        built.contents
    }

    #[test]
    fn every_event_has_a_variant_a_known_type_and_arms() {
        let code = emitted(&[
            event("widget.created", "WidgetCreated", "widgets", "Widget"),
            event("gadget.updated", "GadgetUpdated", "gadgets", "Gadget"),
        ]);
        for expected in [
            "from spec/widgets/Widget.yaml and spec/gadgets/Gadget.yaml.",
            "use crate::gadgets::Gadget;",
            "use crate::widgets::Widget;",
            "    /// Occurs when widget.created happens.\n    ///\n    /// The event type `widget.created`.\n    WidgetCreated(Box<Widget>),",
            "    GadgetUpdated(Box<Gadget>),\n    /// An event type this version",
            "= &[\n        \"widget.created\",\n        \"gadget.updated\",\n    ];",
            "Self::WidgetCreated(_) => \"widget.created\",",
            "\"gadget.updated\" => {\n                Self::GadgetUpdated(Deserialize::deserialize(deserializer)?)",
            "_ => {\n                Self::Unknown {",
        ] {
            assert!(code.contains(expected), "missing {expected:?} in\n{code}");
        }
    }

    #[test]
    fn without_events_only_unknown_is_decoded() {
        let code = emitted(&[]);
        assert!(code.contains("from spec/api.yaml."), "{code}");
        assert!(
            code.contains("KNOWN_TYPES: &'static [&'static str] = &[];"),
            "{code}"
        );
        assert!(code.contains("        Ok(Self::Unknown {"), "{code}");
        assert!(!code.contains("match event_type"), "{code}");
    }
}
