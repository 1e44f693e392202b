//! String enums that keep decoding when Stripe adds a value: known values are variants, any
//! other string is kept in `Unknown`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc;
use super::imports::Imports;
use crate::model::Enum;

/// The enum with `as_str` and `FromStr`; the runtime's `string_enum!` adds `Display`, the
/// serde impls and form encoding, which are the same for every enum.
pub fn emit(e: &Enum, imports: &mut Imports<'_>) -> TokenStream {
    let name = format_ident!("{}", e.name);
    let docs = doc(&e.doc);
    let variants: Vec<_> = e
        .variants
        .iter()
        .map(|variant| format_ident!("{}", variant.rust))
        .collect();
    let wires: Vec<&str> = e
        .variants
        .iter()
        .map(|variant| variant.wire.as_str())
        .collect();
    let variant_attrs = e.variants.iter().enumerate().map(|(index, variant)| {
        let docs = doc(&variant.doc);
        let default = (e.default_first && index == 0).then(|| quote! { #[default] });
        quote! { #docs #default }
    });
    let default = e.default_first.then(|| quote! { Default, });
    let unknown_value = imports.runtime("UnknownValue");
    let make_unknown = imports.private("unknown_value");

    let mut tokens = quote! {
        #docs
        #[derive(Clone, Debug, #default PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_attrs #variants,)*
            /// A value this version of the crate does not know, kept as Stripe sent it. Match it
            /// with a binding or `_`, not on its text: a later version may give it a variant.
            Unknown(#unknown_value),
        }

        impl #name {
            /// The value as Stripe sends it.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #wires,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                let parsed = match value {
                    #(#wires => Self::#variants,)*
                    unknown => Self::Unknown(#make_unknown(unknown)),
                };
                Ok(parsed)
            }
        }
    };
    let string_enum = imports.private("string_enum");
    tokens.extend(quote! { #string_enum!(#name); });
    tokens
}
