//! Unions of objects: an enum with a variant per object and `Unknown` for objects this version
//! does not know, decoded by the `object` tag (and `deleted`) and encoded back unchanged.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

use super::docs::doc;
use super::imports::Imports;
use crate::model::{Union, UnionId, VariantId};

/// The enum, its serde impls, and `Object` when every variant carries an ID.
pub fn emit(union: &Union, imports: &mut Imports<'_>) -> TokenStream {
    let name = format_ident!("{}", union.name);
    let docs = doc(&union.doc);
    let variants: Vec<_> = union
        .variants
        .iter()
        .map(|variant| format_ident!("{}", variant.rust))
        .collect();
    let types: Vec<_> = union
        .variants
        .iter()
        .map(|variant| imports.ty(&variant.ty))
        .collect();
    let variant_docs = union.variants.iter().map(|variant| {
        doc(&format!(
            "{} [`{}`]{}.",
            if variant.deleted {
                "A deleted"
            } else if variant.rust.starts_with(['A', 'E', 'I', 'O', 'U']) {
                "An"
            } else {
                "A"
            },
            variant.rust,
            match variant.objects.as_slice() {
                _ if union.untagged => String::new(),
                [] => String::new(),
                [object] => format!(": `\"object\": \"{object}\"`"),
                objects => format!(
                    ": `\"object\"` is one of {}",
                    objects
                        .iter()
                        .map(|object| format!("`\"{object}\"`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        ))
    });
    let unknown = match &union.id {
        Some(UnionId::Typed(path)) => {
            let raw = imports.runtime("RawObject");
            let id = imports.ty(path);
            quote! { #raw<#id> }
        }
        Some(UnionId::Mixed) => {
            let raw = imports.runtime("RawObject");
            quote! { #raw<String> }
        }
        None => {
            let unknown = imports.runtime("UnknownObject");
            quote! { #unknown }
        }
    };

    let serialize = imports.serde("Serialize");
    let serializer = imports.serde("Serializer");
    let deserialize = imports.serde("Deserialize");
    let deserializer = imports.serde("Deserializer");
    let from_value = imports.private("from_value");
    let decode = if union.untagged {
        let deserialize_untagged = imports.private("deserialize_untagged");
        let try_variant = imports.private("try_variant");
        quote! {
            #deserialize_untagged(deserializer, |value| {
                #(
                    if let Some(object) = #try_variant(&value) {
                        return Ok(Self::#variants(object));
                    }
                )*
                Ok(Self::Unknown(#from_value(value)?))
            })
        }
    } else {
        let deserialize_union = imports.private("deserialize_union");
        let arms = union.variants.iter().zip(&variants).map(|(variant, rust)| {
            let deleted = variant.deleted;
            let objects = &variant.objects;
            quote! { (#(#objects)|*, #deleted) => Self::#rust(#from_value(value)?), }
        });
        quote! {
            #deserialize_union(deserializer, |object, deleted, value| {
                Ok(match (object, deleted) {
                    #(#arms)*
                    _ => Self::Unknown(#from_value(value)?),
                })
            })
        }
    };

    let mut tokens = quote! {
        #docs
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants(Box<#types>),)*
            /// An object this version of the crate does not know, kept as Stripe sent it.
            Unknown(#unknown),
        }

        impl #serialize for #name {
            fn serialize<S: #serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(Self::#variants(object) => object.serialize(serializer),)*
                    Self::Unknown(object) => object.serialize(serializer),
                }
            }
        }

        impl<'de> #deserialize<'de> for #name {
            fn deserialize<D: #deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #decode
            }
        }
    };
    if let Some(id) = &union.id {
        tokens.extend(object_impl(union, id, &name, &variants, imports));
    }
    tokens
}

fn object_impl(
    union: &Union,
    id: &UnionId,
    name: &proc_macro2::Ident,
    variants: &[proc_macro2::Ident],
    imports: &mut Imports<'_>,
) -> TokenStream {
    let object = imports.runtime("Object");
    let (id_type, convert) = match id {
        UnionId::Typed(path) => (imports.ty(path).into_token_stream(), TokenStream::new()),
        // Each variant's typed ID, seen as the string it wraps.
        UnionId::Mixed => (quote! { String }, quote! { .as_string() }),
    };
    let arms = union.variants.iter().zip(variants).map(|(variant, rust)| {
        let id = match &variant.id {
            // `as_string` borrows already: `&object.id.as_string()` would borrow twice.
            Some(VariantId::Field(field)) if matches!(id, UnionId::Mixed) => {
                let field = format_ident!("{field}");
                quote! { object.#field }
            }
            Some(VariantId::Field(field)) => {
                let field = format_ident!("{field}");
                quote! { &object.#field }
            }
            _ => quote! { #object::id(&**object) },
        };
        quote! { Self::#rust(object) => #id #convert, }
    });
    quote! {
        impl #object for #name {
            type Id = #id_type;

            fn id(&self) -> &#id_type {
                match self {
                    #(#arms)*
                    Self::Unknown(object) => object.id(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::emit::imports::{Imports, Paths};
    use crate::model::{TypePath, UnionId, VariantId};
    use crate::model::{Union, UnionVariant};

    fn variant(name: &str, object: &str, deleted: bool) -> UnionVariant {
        UnionVariant {
            rust: name.into(),
            ty: TypePath {
                module: "widgets".into(),
                name: name.into(),
            },
            objects: vec![object.into()],
            deleted,
            id: Some(if deleted {
                VariantId::Field("id".into())
            } else {
                VariantId::Object
            }),
        }
    }

    fn emitted(union: &Union) -> String {
        let paths = Paths {
            root: syn::parse_quote!(crate),
            runtime: syn::parse_quote!(crate),
        };
        let names = Default::default();
        let mut imports = Imports::new(&paths, "widgets", &names, &names);
        super::emit(union, &mut imports).to_string()
    }

    #[test]
    fn selects_variants_by_object_and_deleted_and_keeps_unknown_objects() {
        let code = emitted(&Union {
            name: "CardOrDeleted".into(),
            doc: "A card.".into(),
            variants: vec![
                variant("Card", "card", false),
                variant("DeletedCard", "card", true),
            ],
            untagged: false,
            id: Some(UnionId::Typed(TypePath {
                module: "widgets".into(),
                name: "CardId".into(),
            })),
        });
        assert!(
            code.contains(r#"("card" , false) => Self :: Card"#),
            "{code}"
        );
        assert!(
            code.contains(r#"("card" , true) => Self :: DeletedCard"#),
            "{code}"
        );
        assert!(code.contains("Unknown (RawObject < CardId >)"), "{code}");
        assert!(
            code.contains("Self :: DeletedCard (object) => & object . id"),
            "{code}"
        );
    }

    #[test]
    fn a_union_of_different_id_types_sees_each_id_as_its_string() {
        let code = emitted(&Union {
            name: "Source".into(),
            doc: "A source.".into(),
            variants: vec![
                variant("Card", "card", false),
                variant("DeletedBankAccount", "bank_account", true),
            ],
            untagged: false,
            id: Some(UnionId::Mixed),
        });
        assert!(code.contains("type Id = String"), "{code}");
        assert!(
            code.contains("Self :: Card (object) => Object :: id (& * * object) . as_string ()"),
            "{code}"
        );
        // Borrowed once, by `as_string`.
        assert!(
            code.contains("Self :: DeletedBankAccount (object) => object . id . as_string ()"),
            "{code}"
        );
    }

    #[test]
    fn an_untagged_union_tries_its_variants_in_order() {
        let mut first = variant("A", "a", false);
        first.id = None;
        let mut second = variant("B", "b", false);
        second.id = None;
        let code = emitted(&Union {
            name: "Options".into(),
            doc: "Options.".into(),
            variants: vec![first, second],
            untagged: true,
            id: None,
        });
        let a = code.find("Self :: A (object)").expect("tries A");
        let b = code.find("Self :: B (object)").expect("tries B");
        assert!(a < b, "{code}");
        assert!(code.contains("Unknown (UnknownObject)"), "{code}");
        assert!(!code.contains("impl Object"), "{code}");
    }
}
