//! Which endpoints can be streamed page after page, and through which parameters. Validation
//! reserves the `*_paginated` function of exactly these endpoints, and lowering generates it.

use crate::spec::ast::{EndpointDef, FieldDef, TypeExpr};
use crate::symbols::{Symbols, TypeDef};

/// How an endpoint moves to the next page.
#[derive(Clone, Copy, Debug)]
pub enum Paging<'s> {
    /// A list, by object ID: `starting_after` (and `ending_before`, to walk backwards).
    Cursor {
        /// The `starting_after` parameter.
        starting_after: &'s FieldDef,
        /// The `ending_before` parameter, when it has the same type.
        ending_before: Option<&'s FieldDef>,
        /// Whether the cursors are the item's typed ID rather than strings.
        typed: bool,
    },
    /// A search, by the opaque `next_page` token sent back as `page`.
    Page {
        /// The `page` parameter.
        page: &'s FieldDef,
    },
}

/// How `endpoint`, defined in `module`, paginates; `None` when it cannot.
///
/// A list paginates when its items have IDs and it takes an optional `starting_after` that is a
/// string or the item's ID; a search when it takes an optional string `page`. Neither may be
/// clearable.
pub fn paging<'s>(
    symbols: &Symbols<'s>,
    module: &str,
    endpoint: &'s EndpointDef,
) -> Option<Paging<'s>> {
    // A clearable parameter holds a `Clearable`, which a page's cursor does not fill.
    let optional = |wire: &str| {
        endpoint.params.iter().find(|param| {
            param.name.value == wire && param.optional.is_some() && param.clearable.is_none()
        })
    };
    match &endpoint.returns.expr {
        TypeExpr::Search(_) => {
            let page = optional("page").filter(|page| page.ty.expr == TypeExpr::String)?;
            Some(Paging::Page { page })
        }
        TypeExpr::List(item) => {
            let item = symbols.resolve(module, item)?;
            let has_ids = match item.def {
                TypeDef::Object(def) => def.is_resource(),
                TypeDef::Union(union) => union.variants.iter().all(|variant| {
                    symbols
                        .resolve(item.module, variant)
                        .is_some_and(|symbol| symbol.def.carries_id())
                }),
                _ => false,
            };
            if !has_ids {
                return None;
            }
            // `Some(true)`: the item's typed ID; `Some(false)`: a string.
            let cursor_type = |field: &FieldDef| match &field.ty.expr {
                TypeExpr::String => Some(false),
                TypeExpr::Id(name) => symbols
                    .resolve(module, name)
                    .filter(|target| {
                        target.module == item.module && target.def.name() == item.def.name()
                    })
                    .map(|_| true),
                _ => None,
            };
            let starting_after = optional("starting_after")?;
            let typed = cursor_type(starting_after)?;
            let ending_before =
                optional("ending_before").filter(|field| cursor_type(field) == Some(typed));
            Some(Paging::Cursor {
                starting_after,
                ending_before,
                typed,
            })
        }
        _ => None,
    }
}
