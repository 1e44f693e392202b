//! Unions of objects: an enum with a variant per object and `Unknown` for objects this version
//! does not know, decoded by the `object` tag (and `deleted`) and encoded back unchanged.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

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
            if variant.deleted { "A deleted" } else { "A" },
            variant.rust,
            match variant.objects.as_slice() {
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
    let deserialize_union = imports.private("deserialize_union");
    let from_value = imports.private("from_value");
    let arms = union.variants.iter().zip(&variants).map(|(variant, rust)| {
        let deleted = variant.deleted;
        let objects = &variant.objects;
        quote! { (#(#objects)|*, #deleted) => Self::#rust(#from_value(value)?), }
    });

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
                #deserialize_union(deserializer, |object, deleted, value| {
                    Ok(match (object, deleted) {
                        #(#arms)*
                        _ => Self::Unknown(#from_value(value)?),
                    })
                })
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
        UnionId::Typed(path) => (imports.ty(path), TokenStream::new()),
        // Each variant's typed ID, seen as the string it wraps.
        UnionId::Mixed => (quote! { String }, quote! { .as_string() }),
    };
    let arms = union.variants.iter().zip(variants).map(|(variant, rust)| {
        let id = match &variant.id {
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
