//! Which `expand[]` paths a response type accepts, through nested objects.

use std::collections::BTreeSet;

use crate::source::Span;
use crate::spec::ast::{NameRef, ObjectDef, Role, TypeExpr};
use crate::symbols::{Symbol, Symbols, TypeDef};

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

/// The paths of the `<Type>Expand` enum of `symbol`, if it has one: resources, objects with an
/// `object` tag and unions (which an endpoint can return) have one when any field on the way
/// can be expanded. Whether a type has one depends on its definition alone.
pub fn enum_paths(symbols: &Symbols<'_>, symbol: &Symbol<'_>) -> Vec<ExpandPath> {
    match symbol.def {
        TypeDef::Object(def) if def.role == Role::Resource || def.object.is_some() => {
            paths(symbols, symbol.module, def)
        }
        TypeDef::Union(union) => {
            let mut paths = Vec::new();
            let mut visiting = BTreeSet::new();
            for variant in &union.variants {
                if let Some((module, object)) = object_def(symbols, symbol.module, variant) {
                    walk(symbols, module, object, "", &mut visiting, &mut paths);
                }
            }
            dedup(paths)
        }
        _ => Vec::new(),
    }
}

/// The expandable paths of `object`, defined in `module`, in field order.
pub fn paths(symbols: &Symbols<'_>, module: &str, object: &ObjectDef) -> Vec<ExpandPath> {
    let mut paths = Vec::new();
    let mut visiting = BTreeSet::new();
    walk(symbols, module, object, "", &mut visiting, &mut paths);
    dedup(paths)
}

/// Paths reached twice (through two variants of a union) are kept once, where first reached.
fn dedup(paths: Vec<ExpandPath>) -> Vec<ExpandPath> {
    let mut seen = BTreeSet::new();
    paths
        .into_iter()
        .filter(|path| seen.insert(path.path.clone()))
        .collect()
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
        for (target_module, target) in nested
            .into_iter()
            .flat_map(|target| objects(symbols, module, target))
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

/// The objects `name` stands for: the object itself, or each variant of a union.
fn objects<'s>(
    symbols: &Symbols<'s>,
    module: &str,
    name: &NameRef,
) -> Vec<(&'s str, &'s ObjectDef)> {
    match symbols.resolve(module, name) {
        Some(Symbol {
            module,
            def: TypeDef::Union(union),
            ..
        }) => union
            .variants
            .iter()
            .filter_map(|variant| object_def(symbols, module, variant))
            .collect(),
        _ => object_def(symbols, module, name).into_iter().collect(),
    }
}

fn object_def<'s>(
    symbols: &Symbols<'s>,
    module: &str,
    name: &NameRef,
) -> Option<(&'s str, &'s ObjectDef)> {
    match symbols.resolve(module, name)? {
        symbol @ Symbol {
            def: TypeDef::Object(def),
            ..
        } => Some((symbol.module, def)),
        _ => None,
    }
}
