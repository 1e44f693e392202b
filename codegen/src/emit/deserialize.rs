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
//!
//! Each field adds four constructs (its slot, a key arm, a decode arm and a struct-literal
//! field). They are built as syntax trees and put into impls parsed once per thread and cloned
//! for each struct, so nothing per struct or per field goes through the parser (see
//! [`Part`](super::Part)).

use proc_macro2::Ident;
use quote::format_ident;

use super::imports::Imports;
use super::syntax::{
    arm, call, ident, let_binding, method_call, mut_ref, path, path_expr, string, try_expr,
    tuple_pattern, type_named, unsuffixed,
};
use super::template;
use crate::model::{Field, Presence, Struct};

/// `Deserialize` and `decode::DecodeObject` for the JSON struct `s`.
pub fn emit(s: &Struct, imports: &mut Imports<'_>) -> [syn::Item; 2] {
    let names = Names {
        deserialize: imports.serde("Deserialize"),
        deserializer: imports.serde("Deserializer"),
        decode: imports.private("decode"),
    };
    let self_ty = type_named(&format_ident!("{}", s.name));
    let (mut deserialize, mut decode_object) =
        template::with(&TEMPLATES, names.clone(), Templates::new, |templates| {
            let decode_object = if s.fields.is_empty() {
                &templates.without_fields
            } else {
                &templates.with_fields
            };
            (templates.deserialize.clone(), decode_object.clone())
        });
    *deserialize.self_ty = self_ty.clone();
    *decode_object.self_ty = self_ty;
    let expecting = decode_object.items.iter_mut().find_map(|item| match item {
        syn::ImplItem::Const(constant) => Some(&mut constant.expr),
        _ => None,
    });
    let Some(expecting) = expecting else {
        unreachable!("the impl is quoted in `Templates::new` with `EXPECTING`");
    };
    *expecting = syn::Expr::Lit(string(&format!("struct {}", s.name)));
    if !s.fields.is_empty() {
        let fields = FieldParts::new(s, &names.decode);
        let Some(()) = fields.put_into(&mut decode_object) else {
            unreachable!("the impl is quoted in `Templates::new` with both functions");
        };
    }
    [syn::Item::Impl(deserialize), syn::Item::Impl(decode_object)]
}

thread_local! {
    static TEMPLATES: template::Templates<Names, Templates> = const { template::Templates::new() };
}

/// The names the impls are quoted with, as `Imports` gave them.
#[derive(Clone, PartialEq)]
struct Names {
    deserialize: Ident,
    deserializer: Ident,
    decode: Ident,
}

/// The impls of a struct named `Name`, whose `EXPECTING` is empty, before its fields are put in.
struct Templates {
    deserialize: syn::ItemImpl,
    /// `DecodeObject` for a struct with no fields, which keeps nothing but still reads past
    /// every entry.
    without_fields: syn::ItemImpl,
    /// `DecodeObject` with the fallback arms that `FieldParts::put_into` puts fields before.
    with_fields: syn::ItemImpl,
}

impl Templates {
    fn new(names: &Names) -> Self {
        let Names {
            deserialize,
            deserializer,
            decode,
        } = names;
        let deserialize = syn::parse_quote! {
            impl<'de> #deserialize<'de> for Name {
                fn deserialize<D: #deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #decode::deserialize_object(deserializer)
                }
            }
        };
        let without_fields = syn::parse_quote! {
            impl<'de> #decode::DecodeObject<'de> for Name {
                const EXPECTING: &'static str = "";

                fn field(_key: &str) -> Option<u16> {
                    None
                }

                fn decode_object<A: #decode::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                    while map.next_key::<#decode::Key<'de>>()?.is_some() {
                        #decode::skip(&mut map)?;
                    }
                    Ok(Self {})
                }
            }
        };
        let with_fields = syn::parse_quote! {
            impl<'de> #decode::DecodeObject<'de> for Name {
                const EXPECTING: &'static str = "";

                fn field(key: &str) -> Option<u16> {
                    Some(match key {
                        _ => return None,
                    })
                }

                fn decode_object<A: #decode::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                    while let Some(field) = #decode::next_field::<Self, A>(&mut map)? {
                        match field {
                            _ => #decode::skip(&mut map)?,
                        }
                    }
                    Ok(Self {})
                }
            }
        };
        Templates {
            deserialize,
            without_fields,
            with_fields,
        }
    }
}

/// The constructs each field adds to `DecodeObject`, in the order of the struct's fields.
struct FieldParts {
    /// `let mut slot_x = None;`
    slots: Vec<syn::Stmt>,
    /// `"wire" => N,` in `field`.
    keys: Vec<syn::Arm>,
    /// `Some(N) => decode::field(&mut map, &mut slot_x, "wire")?,` in the loop.
    decodes: Vec<syn::Arm>,
    /// `x: slot_x.unwrap_or_default()` or `x: decode::required(slot_x, "wire")?`.
    values: syn::punctuated::Punctuated<syn::FieldValue, syn::Token![,]>,
}

impl FieldParts {
    fn new(s: &Struct, decode: &Ident) -> Self {
        let decode_field = path(&[decode, &ident("field")]);
        let required = path(&[decode, &ident("required")]);
        let some = path(&[&ident("Some")]);
        let map = path_expr(&[&ident("map")]);
        let none = path_expr(&[&ident("None")]);
        let mut parts = FieldParts {
            slots: Vec::with_capacity(s.fields.len()),
            keys: Vec::with_capacity(s.fields.len()),
            decodes: Vec::with_capacity(s.fields.len()),
            values: syn::punctuated::Punctuated::new(),
        };
        for (number, field) in s.fields.iter().enumerate() {
            let number = u16::try_from(number).expect("a struct has fewer than 65,536 fields");
            let number = unsuffixed(number);
            let slot = slot(field);
            let slot_expr = path_expr(&[&slot]);
            let wire = syn::Expr::Lit(string(&field.wire));
            parts.slots.push(let_binding(slot, true, none.clone()));
            parts.keys.push(arm(
                syn::Pat::Lit(string(&field.wire)),
                syn::Expr::Lit(number.clone()),
            ));
            let pattern = tuple_pattern(some.clone(), [syn::Pat::Lit(number)]);
            let decoded = call(
                decode_field.clone(),
                [
                    mut_ref(map.clone()),
                    mut_ref(slot_expr.clone()),
                    wire.clone(),
                ],
            );
            parts.decodes.push(arm(pattern, try_expr(decoded)));
            let value = if has_default(field) {
                method_call(slot_expr, ident("unwrap_or_default"), [])
            } else {
                try_expr(call(required.clone(), [slot_expr, wire]))
            };
            parts.values.push(syn::FieldValue {
                attrs: Vec::new(),
                member: syn::Member::Named(format_ident!("{}", field.rust)),
                colon_token: Some(Default::default()),
                expr: value,
            });
        }
        parts
    }

    /// Puts the parts into the impl quoted in `Templates::new`: the key arms before `field`'s fallback
    /// arm, the slots before the loop, the decode arms before the loop's fallback arm and the
    /// values into `Ok(Self {})`. `None` if `item` does not have that shape.
    fn put_into(self, item: &mut syn::ItemImpl) -> Option<()> {
        let mut functions = item.items.iter_mut().filter_map(|item| match item {
            syn::ImplItem::Fn(function) => Some(function),
            _ => None,
        });
        let field = functions.next()?;
        let syn::Stmt::Expr(syn::Expr::Call(some), None) = field.block.stmts.first_mut()? else {
            return None;
        };
        let syn::Expr::Match(keys) = some.args.first_mut()? else {
            return None;
        };
        keys.arms.splice(0..0, self.keys);

        let decode_object = functions.next()?;
        let stmts = &mut decode_object.block.stmts;
        let [
            syn::Stmt::Expr(syn::Expr::While(entries), None),
            syn::Stmt::Expr(syn::Expr::Call(ok), None),
        ] = stmts.as_mut_slice()
        else {
            return None;
        };
        let syn::Stmt::Expr(syn::Expr::Match(decodes), None) = entries.body.stmts.first_mut()?
        else {
            return None;
        };
        decodes.arms.splice(0..0, self.decodes);
        let syn::Expr::Struct(literal) = ok.args.first_mut()? else {
            return None;
        };
        literal.fields = self.values;
        stmts.splice(0..0, self.slots);
        Some(())
    }
}

/// The local holding a field's value until the object ends.
fn slot(field: &Field) -> Ident {
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
    use quote::{ToTokens, format_ident, quote};

    use super::FieldParts;
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
        emitted_as("Widget", fields)
    }

    fn emitted_as(name: &str, fields: Vec<Field>) -> String {
        let paths = Paths {
            root: syn::parse_quote!(crate),
            runtime: syn::parse_quote!(crate),
        };
        let names = Default::default();
        let mut imports = Imports::new(&paths, "widgets", &names, &names);
        let s = Struct {
            name: name.into(),
            doc: "A widget.".into(),
            fields,
            encoding: Encoding::Json,
            id: None,
        };
        let items = super::emit(&s, &mut imports);
        let code = quote! { #(#items)* };
        // The built trees must print as the same trees parsed back from their tokens would,
        // or the generated files would depend on how each part was made.
        let built = syn::File {
            shebang: None,
            frontmatter: None,
            attrs: Vec::new(),
            items: items.to_vec(),
        };
        let parsed: syn::File = syn::parse2(code.clone()).expect("emitted impls parse");
        assert_eq!(
            prettyplease::unparse(&built),
            prettyplease::unparse(&parsed)
        );
        code.to_string()
    }

    /// `FieldParts` of `fields` as tokens, one string per construct.
    fn parts(fields: Vec<Field>) -> Vec<String> {
        let s = Struct {
            name: "Widget".into(),
            doc: String::new(),
            fields,
            encoding: Encoding::Json,
            id: None,
        };
        let parts = FieldParts::new(&s, &format_ident!("decode"));
        let slots = parts.slots.iter().map(|slot| slot.to_token_stream());
        let keys = parts.keys.iter().map(|key| key.to_token_stream());
        let decodes = parts.decodes.iter().map(|arm| arm.to_token_stream());
        let values = parts.values.iter().map(|value| value.to_token_stream());
        slots
            .chain(keys)
            .chain(decodes)
            .chain(values)
            .map(|tokens| tokens.to_string())
            .collect()
    }

    #[test]
    fn built_field_parts_print_as_quoted_ones() {
        let built = parts(vec![
            field("r#type", "type", Presence::Required),
            field("label", "label", Presence::Optional),
        ]);
        let quoted: Vec<syn::Stmt> = vec![
            syn::parse_quote! { let mut slot_type = None; },
            syn::parse_quote! { let mut slot_label = None; },
        ];
        let keys: Vec<syn::Arm> = vec![
            syn::parse_quote! { "type" => 0, },
            syn::parse_quote! { "label" => 1, },
        ];
        let decodes: Vec<syn::Arm> = vec![
            syn::parse_quote! { Some(0) => decode::field(&mut map, &mut slot_type, "type")?, },
            syn::parse_quote! { Some(1) => decode::field(&mut map, &mut slot_label, "label")?, },
        ];
        let values: Vec<syn::FieldValue> = vec![
            syn::parse_quote! { r#type: decode::required(slot_type, "type")? },
            syn::parse_quote! { label: slot_label.unwrap_or_default() },
        ];
        let quoted = quoted
            .iter()
            .map(ToTokens::to_token_stream)
            .chain(keys.iter().map(ToTokens::to_token_stream))
            .chain(decodes.iter().map(ToTokens::to_token_stream))
            .chain(values.iter().map(ToTokens::to_token_stream))
            .map(|tokens| tokens.to_string())
            .collect::<Vec<_>>();
        assert_eq!(built, quoted);
    }

    #[test]
    fn each_struct_starts_from_clean_templates() {
        let first = emitted_as("Widget", vec![field("id", "id", Presence::Required)]);
        let second = emitted_as("Gadget", vec![field("label", "label", Presence::Optional)]);
        let empty = emitted_as("Nothing", Vec::new());
        assert!(first.contains("for Widget"), "{first}");
        assert!(second.contains("for Gadget"), "{second}");
        assert!(!second.contains("Widget"), "{second}");
        assert!(!second.contains("slot_id"), "{second}");
        assert!(second.contains(r#"= "struct Gadget""#), "{second}");
        assert!(empty.contains(r#"= "struct Nothing""#), "{empty}");
        assert!(!empty.contains("slot_"), "{empty}");
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
            code.contains("while map . next_key :: < decode :: Key < 'de > > () ? . is_some ()"),
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
