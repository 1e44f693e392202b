//! Field types: model types to Rust types, with the wrapper each kind of presence needs.

use proc_macro2::TokenStream;
use quote::{ToTokens as _, quote};

use super::imports::Imports;
use crate::model::{Field, Presence, Struct, Ty};

/// The Rust type of `ty`.
pub fn ty(ty: &Ty, imports: &mut Imports<'_>) -> TokenStream {
    match ty {
        Ty::String => quote! { String },
        Ty::Integer => quote! { i64 },
        Ty::Boolean => quote! { bool },
        Ty::Number => quote! { f64 },
        Ty::Deleted => imports.runtime("Deleted").into_token_stream(),
        Ty::Json => {
            let serde_json = imports.private("serde_json");
            quote! { #serde_json::Value }
        }
        Ty::Timestamp => imports.runtime("Timestamp").into_token_stream(),
        Ty::Currency => imports.runtime("Currency").into_token_stream(),
        Ty::Named(path) => imports.ty(path),
        Ty::Array(inner) => {
            let inner = self::ty(inner, imports);
            quote! { Vec<#inner> }
        }
        Ty::Map {
            currency_keys,
            value,
        } => {
            let map = imports.btree_map();
            let key = if *currency_keys {
                imports.runtime("Currency").into_token_stream()
            } else {
                quote! { String }
            };
            let value = self::ty(value, imports);
            quote! { #map<#key, #value> }
        }
        Ty::Expandable(path) => {
            let expandable = imports.runtime("Expandable");
            let target = imports.ty(path);
            quote! { #expandable<#target> }
        }
        Ty::List(path) => {
            let list = imports.runtime("List");
            let item = imports.ty(path);
            quote! { #list<#item> }
        }
        Ty::Range(inner) => {
            let range = imports.runtime("RangeQuery");
            let inner = self::ty(inner, imports);
            quote! { #range<#inner> }
        }
        Ty::Expand {
            paths: Some(path), ..
        } => {
            let paths = imports.ty(path);
            quote! { Vec<#paths> }
        }
        Ty::Expand { paths: None, .. } => quote! { Vec<String> },
    }
}

/// Whether an optional field of `owner` is a bare collection, empty when left out, rather than
/// an `Option`: parameters cannot send an empty array or map anyway.
pub fn is_bare_collection(owner: &Struct, field: &Field) -> bool {
    owner.form() && matches!(field.ty, Ty::Array(_) | Ty::Map { .. } | Ty::Expand { .. })
}

/// The type of `field` in `owner`, wrapped for its presence.
pub fn field_type(owner: &Struct, field: &Field, imports: &mut Imports<'_>) -> TokenStream {
    let mut base = ty(&field.ty, imports);
    if field.boxed {
        base = quote! { Box<#base> };
    }
    match field.presence {
        Presence::Required => base,
        Presence::Optional if is_bare_collection(owner, field) => base,
        Presence::Nullable | Presence::Optional => quote! { Option<#base> },
        Presence::OptionalNullable => {
            let nullable = imports.runtime("Nullable");
            quote! { #nullable<#base> }
        }
        Presence::Clearable => {
            let clearable = imports.runtime("Clearable");
            quote! { Option<#clearable<#base>> }
        }
    }
}
