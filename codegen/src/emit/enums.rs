//! String enums that keep decoding when Stripe adds a value: known values are variants, any
//! other string is kept in `Unknown`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc;
use super::imports::Imports;
use crate::model::Enum;

/// The enum with `as_str`, `Display`, `FromStr`, and the serde and form impls its uses need.
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

    let mut tokens = quote! {
        #docs
        #[derive(Clone, Debug, #default PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_attrs #variants,)*
            /// A value this version of the crate does not know, kept as Stripe sent it.
            Unknown(String),
        }

        impl #name {
            /// The value as Stripe sends it.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #wires,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                let parsed = match value {
                    #(#wires => Self::#variants,)*
                    unknown => Self::Unknown(unknown.to_owned()),
                };
                Ok(parsed)
            }
        }
    };
    if e.json {
        let serialize = imports.serde("Serialize");
        let deserialize = imports.serde("Deserialize");
        let deserialize_enum = imports.private("deserialize_enum");
        tokens.extend(quote! {
            impl #serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            impl<'de> #deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #deserialize_enum(deserializer)
                }
            }
        });
    }
    if e.form {
        let form_encode = imports.private("FormEncode");
        let form = imports.private("Form");
        tokens.extend(quote! {
            impl #form_encode for #name {
                fn encode(&self, key: &str, form: &mut #form) {
                    form.push(key, self.as_str());
                }
            }
        });
    }
    tokens
}
