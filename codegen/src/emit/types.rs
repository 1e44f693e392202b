//! Field types: model types to Rust types, with the wrapper each kind of presence needs. They
//! are built as syntax trees, not parsed: each struct field has one.

use super::imports::Imports;
use super::syntax::{generic, ident, of_path, path, type_named};
use crate::model::{Field, Presence, Struct, Ty};

/// The Rust type of `ty`.
pub fn ty(ty: &Ty, imports: &mut Imports<'_>) -> syn::Type {
    match ty {
        Ty::String => type_named(&ident("String")),
        Ty::Integer => type_named(&ident("i64")),
        Ty::Boolean => type_named(&ident("bool")),
        Ty::Number => type_named(&ident("f64")),
        Ty::Deleted => type_named(&imports.runtime("Deleted")),
        Ty::Json => {
            let serde_json = imports.private("serde_json");
            of_path(path(&[&serde_json, &ident("Value")]))
        }
        Ty::Timestamp => type_named(&imports.runtime("Timestamp")),
        Ty::Currency => type_named(&imports.runtime("Currency")),
        Ty::Named(path) => of_path(imports.ty(path)),
        Ty::Array(inner) => generic(ident("Vec"), [self::ty(inner, imports)]),
        Ty::Map {
            currency_keys,
            value,
        } => {
            let map = imports.btree_map();
            let key = if *currency_keys {
                type_named(&imports.runtime("Currency"))
            } else {
                type_named(&ident("String"))
            };
            generic(map, [key, self::ty(value, imports)])
        }
        Ty::Expandable(path) => {
            let expandable = imports.runtime("Expandable");
            generic(expandable, [of_path(imports.ty(path))])
        }
        Ty::List(path) => {
            let list = imports.runtime("List");
            generic(list, [of_path(imports.ty(path))])
        }
        Ty::Range(inner) => {
            let range = imports.runtime("RangeQuery");
            generic(range, [self::ty(inner, imports)])
        }
        Ty::Expand {
            paths: Some(path), ..
        } => generic(ident("Vec"), [of_path(imports.ty(path))]),
        Ty::Expand { paths: None, .. } => generic(ident("Vec"), [type_named(&ident("String"))]),
    }
}

/// Whether an optional field of `owner` is a bare collection, empty when left out, rather than
/// an `Option`: parameters cannot send an empty array or map anyway.
pub fn is_bare_collection(owner: &Struct, field: &Field) -> bool {
    owner.form() && matches!(field.ty, Ty::Array(_) | Ty::Map { .. } | Ty::Expand { .. })
}

/// The type of `field` in `owner`, wrapped for its presence.
pub fn field_type(owner: &Struct, field: &Field, imports: &mut Imports<'_>) -> syn::Type {
    let mut base = ty(&field.ty, imports);
    if field.boxed {
        base = generic(ident("Box"), [base]);
    }
    match field.presence {
        Presence::Required => base,
        Presence::Optional if is_bare_collection(owner, field) => base,
        Presence::Nullable | Presence::Optional => generic(ident("Option"), [base]),
        Presence::OptionalNullable => generic(imports.runtime("Nullable"), [base]),
        Presence::Clearable => {
            let clearable = generic(imports.runtime("Clearable"), [base]);
            generic(ident("Option"), [clearable])
        }
    }
}
