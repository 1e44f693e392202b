//! ID newtypes, one per resource, so that an account ID cannot be passed where a financial
//! account ID is expected; and aliases for the raw bodies of external resources.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc;
use super::imports::Imports;
use crate::model::{External, IdType};

/// The ID newtype with its constructor and `PREFIX`; the runtime's `string_id!` adds the
/// conversions, `Display`, the serde impls and form encoding, which are the same for every ID.
pub fn emit(id: &IdType, imports: &mut Imports<'_>) -> TokenStream {
    let name = format_ident!("{}", id.name);
    let article = if id.resource.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    };
    let docs = doc(&match &id.prefix {
        Some(prefix) => format!(
            "The ID of {article} [`{}`], such as `{prefix}...`.",
            id.resource
        ),
        None => format!("The ID of {article} [`{}`].", id.resource),
    });
    // Only a prefix the spec gives: one made up would be a wrong constant.
    let prefix = id.prefix.as_ref().map(|prefix| {
        let prefix_doc = doc(&format!(
            "The prefix Stripe gives every `{}` ID.",
            id.resource
        ));
        quote! {
            #prefix_doc
            pub const PREFIX: &'static str = #prefix;
        }
    });
    let string_id = imports.private("string_id");
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct #name(String);

        impl #name {
            #prefix

            /// An ID from its string form, used as given.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The ID as a string.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        #string_id!(#name);
    }
}

/// `pub type Customer = RawObject<CustomerId>;`
pub fn emit_external(external: &External, imports: &mut Imports<'_>) -> TokenStream {
    let name = format_ident!("{}", external.name);
    let id = format_ident!("{}", external.id);
    let raw = imports.runtime("RawObject");
    let docs = doc(&format!(
        "{}\n\nThis crate does not model its fields: an expanded `{}` keeps its typed ID and its JSON as Stripe sent it.",
        external.doc, external.name
    ));
    quote! {
        #docs
        pub type #name = #raw<#id>;
    }
}
