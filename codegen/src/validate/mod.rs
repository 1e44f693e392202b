//! Stage 4: check the decoded spec as a whole, before anything is emitted. Every error is
//! collected, not only the first. One file a concern:
//!
//! - `layout`: api.yaml, the module directories and the file names;
//! - `naming`: names that must become Rust identifiers, unique after case conversion;
//! - `objects`: resources and objects, their tags, IDs and fields;
//! - `endpoints`: paths and parameters;
//! - `unions`: unions of objects and `one_of` parameter types;
//! - `events`: event types and the resources their `data.object` holds;
//! - `types`: references that resolve and types allowed where they are used;
//! - `namespaces`: the names the generator derives, which must not collide.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::Diagnostic;
use crate::parallel;
use crate::source::{Sources, Span};
use crate::spec::ast::{Def, FieldDef, ModuleFile, ObjectDef, Spec, TypeExpr, Unreadable};
use crate::symbols::Symbols;

mod endpoints;
mod events;
mod layout;
mod namespaces;
mod naming;
mod objects;
mod types;
mod unions;

/// Checks `spec`; returns every error found.
pub fn validate(spec: &Spec, sources: &Sources) -> Vec<Diagnostic> {
    let mut defined_in: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for file in &spec.files {
        for item in &file.items {
            if !matches!(item, Def::Endpoint(_)) {
                defined_in
                    .entry(item.name().value.as_str())
                    .or_default()
                    .insert(file.module.as_str());
            }
        }
    }
    let symbols = Symbols::new(spec);
    let modules = spec
        .api
        .modules
        .iter()
        .map(|module| module.name.value.as_str())
        .chain(spec.files.iter().map(|file| file.module.as_str()))
        .chain(spec.unreadable.modules.iter().map(String::as_str))
        .collect();
    let validator = || Validator {
        symbols: &symbols,
        sources,
        modules: &modules,
        unreadable: &spec.unreadable,
        defined_in: &defined_in,
        errors: Vec::new(),
    };
    let mut whole = validator();
    whole.api(spec);
    whole.file_names(spec);
    // Each file's own checks, the most work, on a thread per 256 KiB of spec up to every core;
    // their errors keep the files' order.
    let per_file = parallel::map_light(&spec.files, sources.text_len(), |file| {
        let mut one = validator();
        one.file(file);
        one.errors
    });
    whole.errors.extend(per_file.into_iter().flatten());
    whole.events(spec);
    whole.module_namespaces(spec);
    whole.expand_enums(spec);
    whole.recursion(spec);
    whole.errors
}

/// Where a type may appear, which decides the types it may use.
#[derive(Clone, Copy)]
enum Context<'s> {
    /// A field of a response object or resource.
    Field(&'s ObjectDef),
    /// An endpoint parameter.
    Param,
    /// A field of a parameter object, or a variant of a `one_of`: like a parameter, but not
    /// `expand`, which only an endpoint takes.
    ParamField,
    /// A path parameter.
    PathParam,
    /// An endpoint's response.
    Returns,
}

/// The checks' shared knowledge of the spec, borrowed, and the errors found, owned: the checks
/// of separate files run side by side, each with its own `Validator`.
struct Validator<'v, 's> {
    symbols: &'v Symbols<'s>,
    sources: &'s Sources,
    /// Every module, declared or with files.
    modules: &'v BTreeSet<&'s str>,
    /// The modules defining each type name.
    defined_in: &'v BTreeMap<&'s str, BTreeSet<&'s str>>,
    /// Files that could not be read: what they define is unknown.
    unreadable: &'s Unreadable,
    errors: Vec<Diagnostic>,
}

impl<'s> Validator<'_, 's> {
    pub(super) fn error(&mut self, diagnostic: Diagnostic) {
        self.errors.push(diagnostic);
    }

    pub(super) fn file(&mut self, file: &'s ModuleFile) {
        for item in &file.items {
            match item {
                Def::Object(def) => self.object(file, def),
                Def::External(def) => {
                    self.type_name(&def.name);
                    self.nonempty(&def.description, || {
                        format!("external resource `{}`", def.name.value)
                    });
                    if let Some(prefix) = &def.id_prefix {
                        self.id_prefix(prefix);
                    }
                    self.nonempty(&def.object, || {
                        format!("the object name of `{}`", def.name.value)
                    });
                }
                Def::Enum(def) => self.enumeration(def),
                Def::Union(def) => self.union(file, def),
                Def::OneOf(def) => self.one_of(file, def),
                Def::Endpoint(def) => self.endpoint(file, def),
            }
        }
    }
}

impl Validator<'_, '_> {
    /// `clearable` and `non_empty`, which only some parameters can have. `kind` is "parameter"
    /// or "field", for messages.
    fn param_flags(&mut self, field: &FieldDef, kind: &str) {
        let name = &field.name;
        if field.clearable.is_some() && field.optional.is_none() {
            self.error(
                Diagnostic::new(
                    name.span,
                    format!("{kind} `{}` is clearable but not optional", name.value),
                )
                .help(format!(
                    "add `optional: true`: leaving a clearable {kind} out keeps the current value"
                )),
            );
        }
        if let Some(span) = field.non_empty {
            let required_array =
                field.optional.is_none() && matches!(field.ty.expr, TypeExpr::Array(_));
            if !required_array {
                self.error(
                    Diagnostic::new(
                        span,
                        format!(
                            "`non_empty` is for required lists, and {kind} `{}` is not one",
                            name.value
                        ),
                    )
                    .help(
                        "an optional list is left out when it is empty, so it is never sent empty",
                    ),
                );
            }
        }
    }
}

fn article(kind: &str) -> &'static str {
    // "a union": the `u` is said `you`.
    if kind.starts_with(['a', 'e', 'i', 'o', 'u']) && !kind.starts_with("un") {
        "an"
    } else {
        "a"
    }
}

fn file_start(file: &ModuleFile) -> Span {
    Span::start_of(file.file)
}
