//! Which `expand[]` paths a response type accepts, through nested objects.

use std::collections::BTreeSet;

use crate::source::Span;
use crate::spec::ast::{NameRef, ObjectDef, TypeExpr};
use crate::symbols::{Symbols, TypeDef};

/// Stripe expands at most four levels deep.
const MAX_DEPTH: usize = 4;

/// One path `expand[]` accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpandPath {
    /// The dotted path (`account_holder.customer`).
    pub path: String,
    /// Whether the field is present only when expanded (rather than an ID that becomes an object).
    pub requires_expand: bool,
    /// The name of the field the path ends at, for messages.
    pub span: Span,
}

/// The expandable paths of `object`, defined in `module`, in field order.
pub fn paths(symbols: &Symbols<'_>, module: &str, object: &ObjectDef) -> Vec<ExpandPath> {
    let mut paths = Vec::new();
    let mut visiting = BTreeSet::new();
    walk(symbols, module, object, "", &mut visiting, &mut paths);
    paths
}

fn walk<'s>(
    symbols: &Symbols<'s>,
    module: &'s str,
    object: &'s ObjectDef,
    prefix: &str,
    visiting: &mut BTreeSet<(&'s str, &'s str)>,
    paths: &mut Vec<ExpandPath>,
) {
    if prefix.matches('.').count() >= MAX_DEPTH
        || !visiting.insert((module, object.name.value.as_str()))
    {
        return;
    }
    for field in &object.fields {
        let path = format!("{prefix}{}", field.name.value);
        let nested = match &field.ty.expr {
            TypeExpr::Expandable(target) => {
                paths.push(ExpandPath {
                    path: path.clone(),
                    requires_expand: false,
                    span: field.name.span,
                });
                Some(target)
            }
            TypeExpr::Named(target) => {
                if field.requires_expand.is_some() {
                    paths.push(ExpandPath {
                        path: path.clone(),
                        requires_expand: true,
                        span: field.name.span,
                    });
                }
                Some(target)
            }
            _ => None,
        };
        if let Some((target_module, target)) =
            nested.and_then(|target| object_def(symbols, module, target))
        {
            walk(
                symbols,
                target_module,
                target,
                &format!("{path}."),
                visiting,
                paths,
            );
        }
    }
    visiting.remove(&(module, object.name.value.as_str()));
}

fn object_def<'s>(
    symbols: &Symbols<'s>,
    module: &str,
    name: &NameRef,
) -> Option<(&'s str, &'s ObjectDef)> {
    match symbols.resolve(module, name)? {
        symbol @ crate::symbols::Symbol {
            def: TypeDef::Object(def),
            ..
        } => Some((symbol.module, def)),
        _ => None,
    }
}
