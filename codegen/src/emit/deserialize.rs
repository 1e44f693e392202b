//! `Deserialize` for response structs, written out instead of derived.
//!
//! The impl reads each of the object's keys as a borrowed string, matches it against the fields'
//! wire names where the deserializer reads it (`DecodeObject::field`, called by the runtime's
//! `decode::next_field`), and decodes the value into that field's slot; unknown keys are
//! skipped. It does what serde's derive did with the attributes the struct emitter gave
//! it (`default` on optional-nullable fields and on `object` tags), with the same errors
//! (`missing field`, `duplicate field`, `invalid type: ..., expected struct Name`), and less code:
//! no identifier enum with a visitor of its own and no `visit_seq`, which Stripe's objects never
//! need. The parts that do not depend on the struct are in `generated/src/runtime/decode.rs`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::imports::Imports;
use crate::model::{Field, Presence, Struct};

/// `Deserialize` and `decode::DecodeObject` for the JSON struct `s`.
pub fn emit(s: &Struct, imports: &mut Imports<'_>) -> TokenStream {
    let name = format_ident!("{}", s.name);
    let deserialize = imports.serde("Deserialize");
    let deserializer = imports.serde("Deserializer");
    let decode = imports.private("decode");
    let expecting = format!("struct {}", s.name);
    let slots: Vec<_> = s.fields.iter().map(slot).collect();
    let wires: Vec<_> = s.fields.iter().map(|field| field.wire.as_str()).collect();
    let values = s.fields.iter().zip(&slots).map(|(field, slot)| {
        let ident = format_ident!("{}", field.rust);
        let wire = &field.wire;
        if has_default(field) {
            quote! { #ident: #slot.unwrap_or_default() }
        } else {
            quote! { #ident: #decode::required(#slot, #wire)? }
        }
    });
    let numbers: Vec<_> = (0..s.fields.len())
        .map(|number| {
            let number = u16::try_from(number).expect("a struct has fewer than 65,536 fields");
            proc_macro2::Literal::u16_unsuffixed(number)
        })
        .collect();
    // A struct with no fields keeps nothing, but still reads past every entry.
    let (field, entries) = if s.fields.is_empty() {
        let field = quote! {
            fn field(_key: &str) -> Option<u16> {
                None
            }
        };
        let entries = quote! {
            while map.next_key::<#decode::Key<'de>>()?.is_some() {
                #decode::skip(&mut map)?;
            }
        };
        (field, entries)
    } else {
        let field = quote! {
            fn field(key: &str) -> Option<u16> {
                Some(match key {
                    #(#wires => #numbers,)*
                    _ => return None,
                })
            }
        };
        let entries = quote! {
            while let Some(field) = #decode::next_field::<Self, A>(&mut map)? {
                match field {
                    #(Some(#numbers) => #decode::field(&mut map, &mut #slots, #wires)?,)*
                    _ => #decode::skip(&mut map)?,
                }
            }
        };
        (field, entries)
    };
    quote! {
        impl<'de> #deserialize<'de> for #name {
            fn deserialize<D: #deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #decode::deserialize_object(deserializer)
            }
        }

        impl<'de> #decode::DecodeObject<'de> for #name {
            const EXPECTING: &'static str = #expecting;

            #field

            fn decode_object<A: #decode::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                #(let mut #slots = None;)*
                #entries
                Ok(Self { #(#values),* })
            }
        }
    }
}

/// The local holding a field's value until the object ends.
fn slot(field: &Field) -> proc_macro2::Ident {
    format_ident!("slot_{}", field.rust.trim_start_matches("r#"))
}

/// Whether a missing key decodes to the field's default rather than failing: every field but a
/// required one, and the `object` tag, which some of Stripe's reference examples leave out.
/// (A missing `Nullable` field is `None`, as serde's derive made it.)
fn has_default(field: &Field) -> bool {
    field.presence != Presence::Required || field.is_tag
}

#[cfg(test)]
mod tests {
    use crate::emit::imports::{Imports, Paths};
    use crate::model::{Encoding, Field, Presence, Struct, Ty};

    fn field(rust: &str, wire: &str, presence: Presence) -> Field {
        Field {
            rust: rust.into(),
            wire: wire.into(),
            doc: String::new(),
            ty: Ty::String,
            presence,
            requires_expand: false,
            is_tag: false,
            non_empty: false,
            boxed: false,
        }
    }

    fn emitted(fields: Vec<Field>) -> String {
        let paths = Paths {
            root: syn::parse_quote!(crate),
            runtime: syn::parse_quote!(crate),
        };
        let names = Default::default();
        let mut imports = Imports::new(&paths, "widgets", &names, &names);
        let s = Struct {
            name: "Widget".into(),
            doc: "A widget.".into(),
            fields,
            encoding: Encoding::Json,
            id: None,
        };
        let code = super::emit(&s, &mut imports);
        // It must be valid Rust, as every emitted item is.
        syn::parse2::<syn::File>(code.clone()).expect("emitted impls parse");
        code.to_string()
    }

    #[test]
    fn matches_wire_names_and_skips_unknown_keys() {
        let code = emitted(vec![
            field("type_", "type", Presence::Required),
            field("label", "label", Presence::Optional),
        ]);
        assert!(
            code.contains(
                r#"Some (match key { "type" => 0 , "label" => 1 , _ => return None , })"#
            ),
            "{code}"
        );
        assert!(
            code.contains(
                r#"Some (0) => decode :: field (& mut map , & mut slot_type_ , "type") ?"#
            ),
            "{code}"
        );
        assert!(
            code.contains(
                r#"Some (1) => decode :: field (& mut map , & mut slot_label , "label") ?"#
            ),
            "{code}"
        );
        assert!(code.contains("_ => decode :: skip (& mut map) ?"), "{code}");
        assert!(
            code.contains(r#"const EXPECTING : & 'static str = "struct Widget""#),
            "{code}"
        );
    }

    #[test]
    fn only_required_fields_fail_when_missing() {
        let mut tag = field("object", "object", Presence::Required);
        tag.is_tag = true;
        let code = emitted(vec![
            field("id", "id", Presence::Required),
            tag,
            field("nickname", "nickname", Presence::Nullable),
            field("label", "label", Presence::Optional),
            field("note", "note", Presence::OptionalNullable),
        ]);
        assert!(
            code.contains(r#"id : decode :: required (slot_id , "id") ?"#),
            "{code}"
        );
        for name in ["object", "nickname", "label", "note"] {
            assert!(
                code.contains(&format!("{name} : slot_{name} . unwrap_or_default ()")),
                "{name}: {code}"
            );
        }
    }

    #[test]
    fn raw_identifiers_get_plain_slots() {
        let code = emitted(vec![field("r#match", "match", Presence::Required)]);
        assert!(code.contains("let mut slot_match = None"), "{code}");
        assert!(
            code.contains("r#match : decode :: required (slot_match"),
            "{code}"
        );
    }

    #[test]
    fn a_struct_without_fields_still_skips_every_key() {
        let code = emitted(Vec::new());
        assert!(
            code.contains("while map . next_key :: < decode :: Key < 'de >> () ? . is_some ()"),
            "{code}"
        );
        assert!(code.contains("decode :: skip (& mut map) ?"), "{code}");
        assert!(
            code.contains("fn field (_key : & str) -> Option < u16 > { None }"),
            "{code}"
        );
        assert!(!code.contains("match"), "{code}");
        assert!(code.contains("Ok (Self { })"), "{code}");
    }
}
