//! `cargo xtask import <spec3.json> <resource>... [--all] [--update]`: writes spec/ YAML for
//! resources of Stripe's OpenAPI file, with every nested type they need and every endpoint that
//! returns them.
//!
//! The import runs in memory: it builds the definitions ([`build`], [`endpoints`]), writes them
//! as YAML ([`render`]) or as edits of the existing files, and returns the files to
//! write. The caller checks the result with the generator before writing anything, so a failed
//! import writes nothing.

pub mod build;
pub mod edits;
pub mod endpoints;
pub mod ir;
pub mod names;
pub mod render;
pub mod schemas;
pub mod text;
pub mod yaml_out;

use std::collections::{BTreeMap, BTreeSet};

use codegen::Sources;
use codegen::spec::ast::{Def, Spec};
use serde_json::Value;

use self::build::{Builder, Note};
use self::ir::{File, TypeKey};
use self::names::{Namespaces, TypeKind};
use crate::openapi::{Document, Operation};

/// What to import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    /// Resources by `x-resourceId` (or schema name).
    pub resources: Vec<String>,
    /// Every resource of the file.
    pub all: bool,
    /// Bring existing files up to date instead of refusing to touch them.
    pub update: bool,
}

/// What an import would write, and what it left out.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files to write, by path relative to the spec directory, with their new text.
    pub writes: BTreeMap<String, String>,
    /// What could not be imported, and why.
    pub notes: Vec<Note>,
    /// `object` names of resources whose ID prefix was made up (see `text::fallback_prefix`).
    pub guessed_prefixes: Vec<String>,
    /// Lines for the user about what an update found (removed fields, changed flags).
    pub changes: Vec<String>,
    /// Operations imported as endpoints.
    pub operations: usize,
    /// Component schemas imported as a definition.
    pub schemas: usize,
}

/// Why an import cannot be done; nothing is written.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// The request does not fit the file or the spec (an unknown resource, a file that exists).
    Refused(Vec<String>),
}

/// ID prefixes by `object` name, from the example objects of a fixtures file
/// (`{"resources": {"customer": {"id": "cus_...", "object": "customer"}}}`).
pub fn fixture_prefixes(fixtures: &Value) -> Result<BTreeMap<String, String>, String> {
    let Some(resources) = fixtures.get("resources").and_then(Value::as_object) else {
        return Err(
            "expected a JSON object with a `resources` object, as in fixtures3.json".into(),
        );
    };
    let mut prefixes = BTreeMap::new();
    for example in resources.values() {
        let (Some(id), Some(object)) = (
            example.get("id").and_then(Value::as_str),
            example.get("object").and_then(Value::as_str),
        ) else {
            continue;
        };
        if let Some(prefix) = text::prefix_of_example(id) {
            prefixes.entry(object.to_owned()).or_insert(prefix);
        }
    }
    Ok(prefixes)
}

/// The component schemas the request names, sorted.
fn select(document: &Document, request: &Request) -> Result<BTreeSet<String>, Vec<String>> {
    let resources: BTreeMap<&str, &str> = document
        .schemas
        .keys()
        .filter_map(|name| {
            let object = schemas::object_of(document, name)?;
            (object.resource_id.is_some() || schemas::has_id(object))
                .then(|| (schemas::resource_id(name, object), name.as_str()))
        })
        .collect();
    if request.all {
        return Ok(resources.values().map(|name| (*name).to_owned()).collect());
    }
    let mut selected = BTreeSet::new();
    let mut errors = Vec::new();
    for wanted in &request.resources {
        match resources.get(wanted.as_str()) {
            Some(name) => {
                selected.insert((*name).to_owned());
            }
            None => {
                let mut message = format!(
                    "unknown resource `{wanted}`; expected the `x-resourceId` of a schema of the OpenAPI file"
                );
                match codegen::suggest::closest(wanted, resources.keys().copied()) {
                    Some(closest) => message.push_str(&format!(" (did you mean `{closest}`?)")),
                    None => message.push_str(&format!(
                        " such as `{}`",
                        resources.keys().next().copied().unwrap_or("customer")
                    )),
                }
                errors.push(message);
            }
        }
    }
    if errors.is_empty() {
        Ok(selected)
    } else {
        Err(errors)
    }
}

/// What the existing spec already defines, which the import reuses rather than redefines.
struct Existing {
    /// Names taken in each module.
    names: Namespaces,
    /// ID prefixes by `object` name.
    prefixes: BTreeMap<String, String>,
    /// Resources and external resources by `object` name.
    by_object: BTreeMap<String, TypeKey>,
    /// Declared modules.
    modules: BTreeSet<String>,
}

fn existing(spec: Option<&Spec>) -> Existing {
    let mut found = Existing {
        names: Namespaces::default(),
        prefixes: BTreeMap::new(),
        by_object: BTreeMap::new(),
        modules: BTreeSet::new(),
    };
    let Some(spec) = spec else {
        return found;
    };
    found.modules = spec
        .api
        .modules
        .iter()
        .map(|module| module.name.value.clone())
        .collect();
    for file in &spec.files {
        let module = file.module.as_str();
        for item in &file.items {
            let key = TypeKey {
                module: module.to_owned(),
                name: item.name().value.clone(),
            };
            match item {
                Def::Object(def) => {
                    let kind = if def.is_resource {
                        TypeKind::Resource
                    } else {
                        TypeKind::Object
                    };
                    found.names.reserve_type(module, &def.name.value, kind);
                    if let (Some(object), true) = (&def.object, def.is_resource) {
                        found.by_object.insert(object.value.clone(), key);
                        if let Some(prefix) = &def.id_prefix {
                            found
                                .prefixes
                                .insert(object.value.clone(), prefix.value.clone());
                        }
                    }
                }
                Def::External(def) => {
                    found
                        .names
                        .reserve_type(module, &def.name.value, TypeKind::External);
                    found.by_object.insert(def.object.value.clone(), key);
                    found
                        .prefixes
                        .insert(def.object.value.clone(), def.id_prefix.value.clone());
                }
                Def::Enum(def) => found
                    .names
                    .reserve_type(module, &def.name.value, TypeKind::Enum),
                Def::Endpoint(def) => found.names.reserve_function(module, &def.name.value),
            }
        }
    }
    found
}

/// Plans the import of `request` from `document` into the spec in `sources` (empty for a new
/// spec). `prefixes` are ID prefixes from fixtures.
pub fn import(
    document: &Document,
    request: &Request,
    sources: &Sources,
    fixtures: &BTreeMap<String, String>,
) -> Result<Outcome, Failure> {
    let selected = select(document, request).map_err(Failure::Refused)?;
    let decoded = codegen::spec::decode::decode(sources);
    let spec = decoded
        .spec
        .as_ref()
        .filter(|_| sources.iter().next().is_some());
    let existing = existing(spec);
    let mut prefixes = fixtures.clone();
    // What the spec says was checked by hand: it wins over fixtures.
    prefixes.extend(existing.prefixes.clone());

    // Resources returned by endpoints under a selected resource's path are imported too.
    let (operations, refused) = plan_operations(document, &selected);
    let mut roots = selected.clone();
    roots.extend(operations.iter().map(|planned| planned.owner.clone()));
    let mut builder = Builder::new(document, &roots, existing.names, prefixes);
    for (what, reason) in refused {
        builder.note(what, format!("not imported: {reason}"));
    }
    // Resources the spec already has are referred to, not imported again (unless selected).
    for (name, schema) in &document.schemas {
        let crate::openapi::Kind::Object(object) = &schema.kind else {
            continue;
        };
        let Some(tag) = schemas::object_tag(object) else {
            continue;
        };
        if !schemas::is_top_level(document, name) || selected.contains(name) {
            continue;
        }
        if let Some(key) = existing.by_object.get(tag) {
            if builder.needed.contains(name) {
                continue;
            }
            builder.components.insert(name.clone(), key.clone());
            builder
                .id_resources
                .insert(key.clone(), schemas::resource_id(name, object).to_owned());
        }
    }
    for name in &selected {
        let Some(object) = schemas::object_of(document, name) else {
            continue;
        };
        let id = schemas::resource_id(name, object);
        let file = (names::module_of(id), names::stem_of(id));
        if let Err(reason) = builder.component(name, &file) {
            builder.note(
                format!("schema `{name}`"),
                format!("not imported: {reason}"),
            );
        }
    }
    let operations = import_endpoints(&mut builder, document, &operations, request.all);

    let mut outcome = Outcome {
        notes: std::mem::take(&mut builder.notes),
        guessed_prefixes: builder.guessed_prefixes.iter().cloned().collect(),
        operations,
        schemas: builder
            .components
            .keys()
            .filter(|name| document.schemas.contains_key(*name))
            .count(),
        ..Outcome::default()
    };
    let files: BTreeMap<(String, String), File> = std::mem::take(&mut builder.files)
        .into_iter()
        .map(|(key, file)| {
            (
                key,
                File {
                    comment: file.comment,
                    items: file.items.into_iter().flatten().collect(),
                },
            )
        })
        .collect();

    let mut conflicts = Vec::new();
    let texts: BTreeMap<&str, &str> = sources
        .iter()
        .map(|(_, file)| (file.relative.as_str(), file.text.as_str()))
        .collect();
    let mut modules: BTreeSet<String> = BTreeSet::new();
    for ((module, stem), file) in &files {
        modules.insert(module.clone());
        let relative = format!("{module}/{stem}.yaml");
        let text = render::file(module, file);
        match texts.get(relative.as_str()) {
            Some(current) if *current == text => {}
            Some(_) if !request.update => conflicts.push(format!(
                "spec/{relative} exists; run with `--update` to bring it up to date"
            )),
            _ => {
                outcome.writes.insert(relative, text);
            }
        }
    }
    if !conflicts.is_empty() {
        return Err(Failure::Refused(conflicts));
    }
    let new_modules: Vec<(String, String)> = modules
        .iter()
        .filter(|module| !existing.modules.contains(*module))
        .map(|module| (module.clone(), text::module_description(module)))
        .collect();
    match texts.get("api.yaml") {
        None => {
            outcome.writes.insert(
                "api.yaml".into(),
                render::api(&document.version, &new_modules),
            );
        }
        Some(current) if !new_modules.is_empty() => {
            let Some(spec) = spec else {
                return Err(Failure::Refused(vec![
                    "spec/api.yaml cannot be read; fix it first (`cargo xtask codegen` shows why)"
                        .into(),
                ]));
            };
            outcome
                .writes
                .insert("api.yaml".into(), add_modules(current, spec, &new_modules));
        }
        Some(_) => {}
    }
    if let Some(spec) = spec {
        if spec.api.api_version.value != document.version {
            outcome.changes.push(format!(
                "spec/api.yaml describes API version {}, the OpenAPI file {}: imported definitions follow the OpenAPI file",
                spec.api.api_version.value, document.version
            ));
        }
    }
    Ok(outcome)
}

/// An operation that will be imported, with the resource whose file it goes to.
struct Planned<'d> {
    operation: &'d Operation,
    owner: String,
    returns: endpoints::Returns,
}

/// The operations of `selected` that the spec format can express, and the others with the
/// reason why not.
fn plan_operations<'d>(
    document: &'d Document,
    selected: &BTreeSet<String>,
) -> (Vec<Planned<'d>>, Vec<(String, String)>) {
    let mut planned = Vec::new();
    let mut refused = Vec::new();
    for (operation, owner) in endpoints::selected_operations(document, selected) {
        let what = format!("{} {}", operation.method, operation.path);
        let returns = match endpoints::refusal(operation)
            .map_or_else(|| endpoints::returns(operation), Err)
        {
            Ok(returns) => returns,
            Err(reason) => {
                refused.push((what, reason));
                continue;
            }
        };
        planned.push(Planned {
            operation,
            owner,
            returns,
        });
    }
    (planned, refused)
}

/// Imports the planned endpoints; with `all`, notes every operation that belongs to no
/// resource. Returns how many operations were imported.
fn import_endpoints(
    builder: &mut Builder<'_>,
    document: &Document,
    planned: &[Planned<'_>],
    all: bool,
) -> usize {
    // Names are given per module, over all its operations at once, so that they do not depend
    // on the order of resources.
    let mut by_module: BTreeMap<String, Vec<&Planned<'_>>> = BTreeMap::new();
    for operation in planned {
        let module = names::module_of(&resource_name(document, &operation.owner));
        by_module.entry(module).or_default().push(operation);
    }
    let mut imported = 0;
    for operations in by_module.values() {
        let naming: Vec<_> = operations
            .iter()
            .map(|planned| {
                (
                    planned.operation,
                    names::stem_of(&resource_name(document, &planned.owner)),
                    planned.returns.clone(),
                )
            })
            .collect();
        let function_names = endpoints::function_names(&naming);
        for planned in operations {
            let id = resource_name(document, &planned.owner);
            let file = (names::module_of(&id), names::stem_of(&id));
            let owner_key = match builder.component(&planned.owner, &file) {
                Ok(key) => key,
                Err(reason) => {
                    builder.note(
                        format!("{} {}", planned.operation.method, planned.operation.path),
                        format!("not imported: {reason}"),
                    );
                    continue;
                }
            };
            let name = &function_names[&(planned.operation as *const Operation)];
            if builder.endpoint(planned.operation, name, &owner_key, &file, &planned.returns) {
                imported += 1;
            }
        }
    }
    if all {
        let owned: BTreeSet<*const Operation> = planned
            .iter()
            .map(|planned| planned.operation as *const Operation)
            .collect();
        for operation in &document.operations {
            if owned.contains(&(operation as *const Operation))
                || endpoints::owner(document, operation).is_some()
            {
                continue;
            }
            let what = format!("{} {}", operation.method, operation.path);
            let reason = endpoints::refusal(operation)
                .or_else(|| endpoints::returns(operation).err())
                .unwrap_or_else(|| "it returns an object that is not a resource".into());
            builder.note(what, format!("not imported: {reason}"));
        }
    }
    imported
}

/// The resource name (`x-resourceId`, else schema name) of a top-level schema.
fn resource_name(document: &Document, schema: &str) -> String {
    schemas::object_of(document, schema)
        .map_or(schema, |object| schemas::resource_id(schema, object))
        .to_owned()
}

/// `api.yaml` with `modules` added at the end of its `modules:` mapping.
fn add_modules(current: &str, spec: &Spec, modules: &[(String, String)]) -> String {
    let inserted: String = modules
        .iter()
        .map(|(name, description)| render::module(name, description))
        .collect();
    let at = match spec.api.modules.last() {
        Some(last) => edits::block_end(current, last.name.span.line, last.name.span.col),
        None => current.lines().count(),
    };
    edits::apply(current, vec![edits::Edit::insert(at, inserted)])
}
