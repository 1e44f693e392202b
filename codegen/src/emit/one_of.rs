//! Parameters that take one of several types, or exactly one of several fields: an enum with a
//! variant per type (encoded as the value it holds) or per field (encoded as that field, with
//! the tag naming it).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc;
use super::imports::Imports;
use super::types;
use crate::model::{OneOf, Ty};

/// The enum, its form encoding, and a `From` for each type it takes.
pub fn emit(one_of: &OneOf, imports: &mut Imports<'_>) -> TokenStream {
    let name = format_ident!("{}", one_of.name);
    let docs = doc(&one_of.doc);
    let variants: Vec<_> = one_of
        .variants
        .iter()
        .map(|variant| format_ident!("{}", variant.rust))
        .collect();
    let types: Vec<_> = one_of
        .variants
        .iter()
        .map(|variant| types::ty(&variant.ty, imports))
        .collect();
    let variant_docs = one_of.variants.iter().map(|variant| doc(&variant.doc));
    let form_encode = imports.private("FormEncode");
    let form = imports.private("Form");
    let encodings = one_of.variants.iter().map(|variant| match &variant.wire {
        Some(wire) => {
            let tag = one_of
                .tag
                .as_ref()
                .map(|tag| quote! { form.field(key, #tag, #wire); });
            quote! {{ form.field(key, #wire, value); #tag }}
        }
        None => quote! { value.encode(key, form) },
    });
    // `From` for each type of a `one_of` (whose kinds differ, so its types do): the type says
    // which variant. A field of an exclusive object is chosen by name, not by type.
    let conversions = one_of
        .variants
        .iter()
        .zip(variants.iter().zip(&types))
        .filter(|(variant, _)| variant.wire.is_none())
        .map(|(_, (rust, ty))| {
            quote! {
                impl From<#ty> for #name {
                    fn from(value: #ty) -> Self {
                        Self::#rust(value)
                    }
                }
            }
        });
    // A parameter object inside may be much larger than the other variants; parameters are
    // built once per request, so their size does not matter.
    let allow = one_of
        .variants
        .iter()
        .any(|variant| matches!(variant.ty, Ty::Named(_)))
        .then(|| quote! { #[allow(clippy::large_enum_variant)] });
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq)]
        #allow
        pub enum #name {
            #(#variant_docs #variants(#types),)*
        }

        impl #form_encode for #name {
            fn encode(&self, key: &str, form: &mut #form) {
                match self {
                    #(Self::#variants(value) => #encodings,)*
                }
            }
        }

        #(#conversions)*
    }
}
