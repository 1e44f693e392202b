//! Which `expand[]` paths a response type accepts, through nested objects and the variants of
//! unions.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, PoisonError};

use crate::source::Span;
use crate::spec::ast::{FieldDef, NameRef, ObjectDef, Role, TypeExpr};
use crate::symbols::{Symbol, Symbols, TypeDef};

/// Stripe expands at most four levels deep.
const MAX_DEPTH: usize = 4;

/// The most paths an `<Type>Expand` enum may have. Paths multiply through nested objects (a
/// 126-line spec once gave 168,000); [`paths`] stops after one more than this, and validation
/// refuses a type that reaches it.
pub const MAX_PATHS: usize = 1_000;

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
pub fn enum_paths(symbols: &Symbols<'_>, symbol: &Symbol<'_>) -> Arc<Vec<ExpandPath>> {
    match symbol.def {
        TypeDef::Object(def) if def.role == Role::Resource || def.object.is_some() => {
            paths(symbols, symbol.module, def)
        }
        TypeDef::Union(union) => symbols.expand_paths.get_or_walk(union, || {
            let mut walk = Walk::new(symbols);
            for variant in &union.variants {
                if let Some((module, object)) = object_def(symbols, symbol.module, variant) {
                    walk.object(module, object, "", 0);
                }
            }
            walk.into_paths()
        }),
        _ => Arc::default(),
    }
}

/// The expandable paths of `object`, defined in `module`, in field order; at most
/// [`MAX_PATHS`] + 1 of them.
pub fn paths(symbols: &Symbols<'_>, module: &str, object: &ObjectDef) -> Arc<Vec<ExpandPath>> {
    symbols.expand_paths.get_or_walk(object, || {
        let mut walk = Walk::new(symbols);
        walk.object(module, object, "", 0);
        walk.into_paths()
    })
}

/// The paths of each definition walked so far, by its address. Validation asks for a type's
/// paths several times (for names, for collisions, for the limit) and lowering once per
/// endpoint returning it besides the type itself; on a whole-API spec walking again was a third
/// of the run. A definition's paths depend only on the symbols, which hold the cache and live
/// no longer than the definitions. Threads that lower side by side share it.
#[derive(Debug, Default)]
pub struct Cache {
    walked: Mutex<BTreeMap<usize, Arc<Vec<ExpandPath>>>>,
}

impl Cache {
    fn get_or_walk<T>(
        &self,
        def: &T,
        walk: impl FnOnce() -> Vec<ExpandPath>,
    ) -> Arc<Vec<ExpandPath>> {
        let key = std::ptr::from_ref(def) as usize;
        let lock = || self.walked.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(paths) = lock().get(&key) {
            return Arc::clone(paths);
        }
        // Walked without the lock, so that threads walking other types are not held up; two
        // threads walking the same type find the same paths.
        let paths = Arc::new(walk());
        Arc::clone(lock().entry(key).or_insert(paths))
    }
}

struct Walk<'a, 's> {
    symbols: &'a Symbols<'s>,
    /// The objects on the current path, which are not entered again.
    visiting: BTreeSet<(&'s str, &'s str)>,
    /// Whether an object has an expandable field within so many levels, so that branches
    /// without one are never walked.
    reaches: BTreeMap<(&'s str, &'s str, usize), bool>,
    paths: Vec<ExpandPath>,
}

impl<'a, 's> Walk<'a, 's> {
    fn new(symbols: &'a Symbols<'s>) -> Self {
        Walk {
            symbols,
            visiting: BTreeSet::new(),
            reaches: BTreeMap::new(),
            paths: Vec::new(),
        }
    }

    /// The paths found; a path reached twice (through two variants of a union) is kept once,
    /// where first reached.
    fn into_paths(self) -> Vec<ExpandPath> {
        let mut seen = BTreeSet::new();
        self.paths
            .into_iter()
            .filter(|path| seen.insert(path.path.clone()))
            .collect()
    }

    fn object(&mut self, module: &'s str, object: &'s ObjectDef, prefix: &str, depth: usize) {
        if depth >= MAX_DEPTH || !self.visiting.insert((module, object.name.value.as_str())) {
            return;
        }
        for field in &object.fields {
            if self.paths.len() > MAX_PATHS {
                break;
            }
            let (expandable, nested) = expandable(field);
            if expandable.is_some() {
                self.paths.push(ExpandPath {
                    path: format!("{prefix}{}", field.name.value),
                    requires_expand: expandable == Some(true),
                    span: field.name.span,
                });
            }
            let targets =
                nested.map_or_else(Vec::new, |target| objects(self.symbols, module, target));
            for (target_module, target) in targets {
                if self.reaches(target_module, target, MAX_DEPTH - depth - 1) {
                    let prefix = format!("{prefix}{}.", field.name.value);
                    self.object(target_module, target, &prefix, depth + 1);
                }
            }
        }
        self.visiting.remove(&(module, object.name.value.as_str()));
    }

    /// Whether `object` has an expandable field within `levels` levels of nesting.
    fn reaches(&mut self, module: &'s str, object: &'s ObjectDef, levels: usize) -> bool {
        if levels == 0 {
            return false;
        }
        let key = (module, object.name.value.as_str(), levels);
        if let Some(&known) = self.reaches.get(&key) {
            return known;
        }
        // Cycles are cut by the depth, not by `visiting`: this only decides where to look.
        let mut found = false;
        for field in &object.fields {
            let (expandable, nested) = expandable(field);
            found = expandable.is_some()
                || nested
                    .map_or_else(Vec::new, |target| objects(self.symbols, module, target))
                    .into_iter()
                    .any(|(target_module, target)| self.reaches(target_module, target, levels - 1));
            if found {
                break;
            }
        }
        self.reaches.insert(key, found);
        found
    }
}

/// Whether `field` is expandable (`Some(true)` if present only when expanded), and the type it
/// may lead into.
fn expandable(field: &FieldDef) -> (Option<bool>, Option<&NameRef>) {
    match &field.ty.expr {
        TypeExpr::Expandable(target) => (Some(false), Some(target)),
        TypeExpr::Named(target) => (field.requires_expand.map(|_| true), Some(target)),
        _ => (None, None),
    }
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
