//! Parameters that take one of several types: an enum with a variant per type, encoded as the
//! value it holds.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc;
use super::imports::Imports;
use super::types;
use crate::model::OneOf;

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
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variant_docs #variants(#types),)*
        }

        impl #form_encode for #name {
            fn encode(&self, key: &str, form: &mut #form) {
                match self {
                    #(Self::#variants(value) => value.encode(key, form),)*
                }
            }
        }

        #(
            impl From<#types> for #name {
                fn from(value: #types) -> Self {
                    Self::#variants(value)
                }
            }
        )*
    }
}
