//! `cargo xtask import <spec3.json> <resource>... [--all] [--update]`: writes spec/ YAML for
//! resources of Stripe's OpenAPI file, with every nested type they need and every endpoint that
//! returns them.
//!
//! The import runs in memory: it builds the definitions ([`build`], [`endpoints`]), writes them
//! as YAML ([`render`]) or as edits of the existing files ([`update`]), and returns the files to
//! write. The caller checks the result with the generator before writing anything, so a failed
//! import writes nothing.

pub mod build;
pub mod edits;
pub mod endpoints;
pub mod ir;
pub mod names;
pub mod params;
pub mod render;
pub mod schemas;
pub mod text;
pub mod unions;
pub mod update;
pub mod yaml_out;

use std::collections::{BTreeMap, BTreeSet};

use codegen::Sources;
use codegen::source::{FileId, Span};
use codegen::spec::ast::{Def, Spec};
use serde_json::Value;

use self::build::{Builder, Note};
use self::ir::{File, TypeKey};
use self::names::{Namespaces, TypeKind};
use crate::openapi::{Document, Operation};
use crate::pairing::{self, Holder, Scope};

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
    /// Component schemas this import defined.
    pub schemas: usize,
    /// Operations spec/ has endpoints for, after the import.
    pub modelled_operations: usize,
    /// Component schemas spec/ models (as a type, or as the variants of a union), after the
    /// import.
    pub modelled_schemas: usize,
    /// Operations in the OpenAPI file.
    pub total_operations: usize,
    /// Component schemas in the OpenAPI file.
    pub total_schemas: usize,
    /// The spec type of each component schema the import defined or referred to.
    pub types: BTreeMap<String, TypeKey>,
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
                    let kind = if def.is_resource() {
                        TypeKind::Resource
                    } else {
                        TypeKind::Object
                    };
                    found.names.reserve_type(module, &def.name.value, kind);
                    if let (Some(object), true) = (&def.object, def.is_resource()) {
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
                // A union also has an expand enum; a `one_of` is one enum.
                Def::Union(def) => {
                    found
                        .names
                        .reserve_type(module, &def.name.value, TypeKind::Object)
                }
                Def::OneOf(def) => {
                    found
                        .names
                        .reserve_type(module, &def.name.value, TypeKind::Enum)
                }
                Def::Endpoint(def) => found.names.reserve_function(module, &def.name.value),
            }
        }
    }
    found
}

/// Plans the import of `request` from `document` into the spec in `sources` (empty for a new
/// spec). `fixtures` are ID prefixes from example objects.
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

    // Endpoints under a selected resource's path are imported too, with what they return; an
    // operation spec/ already has an endpoint for is not imported again.
    let (operations, refused) = plan_operations(document, &selected);
    let modelled: BTreeSet<(String, String)> = spec
        .into_iter()
        .flat_map(|spec| &spec.files)
        .flat_map(|file| &file.items)
        .filter_map(|item| match item {
            Def::Endpoint(def) => {
                Some((def.method.as_str().to_owned(), def.path.text.value.clone()))
            }
            _ => None,
        })
        .collect();
    let mut roots = selected.clone();
    roots.extend(operations.iter().map(|planned| planned.owner.clone()));
    let mut builder = Builder::new(document, &roots, existing.names, prefixes);
    for (what, reason) in refused {
        builder.note(what, format!("not imported: {reason}"));
    }
    let mut conflicts = Vec::new();
    if let Some(spec) = spec {
        bind(
            &mut builder,
            document,
            spec,
            &existing.by_object,
            &mut conflicts,
        );
        if !request.update {
            for name in &selected {
                if let Some(key) = builder.components.get(name) {
                    conflicts.push(format!(
                        "`{}` is already in spec/ (`{}::{}`); run with `--update` to bring it up to date",
                        resource_name(document, name),
                        key.module,
                        key.name
                    ));
                }
            }
        }
    }
    for name in &selected {
        let id = resource_name(document, name);
        let file = (names::module_of(&id), names::stem_of(&id));
        if let Err(reason) = builder.component(name, &file) {
            builder.note(
                format!("schema `{name}`"),
                format!("not imported: {reason}"),
            );
        }
    }
    let (known, new): (Vec<Planned<'_>>, Vec<Planned<'_>>) = operations
        .into_iter()
        .partition(|planned| modelled.contains(&planned.key()));
    let imported_operations = import_endpoints(&mut builder, document, &new);
    builder.break_cycles();
    if request.all {
        account_for_everything(&mut builder, document, &modelled);
    }

    // What spec/ has of the selected resources is brought up to date.
    let mut changes = Vec::new();
    let mut edits: BTreeMap<FileId, Vec<edits::Edit>> = BTreeMap::new();
    if let (Some(spec), true) = (spec, request.update) {
        let scope = Scope {
            objects: roots
                .iter()
                .filter_map(|name| schemas::object_of(document, name).and_then(schemas::object_tag))
                .map(str::to_owned)
                .collect(),
            operations: known.iter().map(Planned::key).collect(),
        };
        let scoped = pairing::pair(spec, document, Some(&scope));
        let update = update::update(&mut builder, &scoped, sources);
        edits = update.edits;
        changes.extend(update.reports);
    }

    let mut outcome = Outcome {
        notes: std::mem::take(&mut builder.notes),
        guessed_prefixes: builder.guessed_prefixes.iter().cloned().collect(),
        operations: imported_operations,
        schemas: builder.created,
        modelled_operations: document
            .operations
            .iter()
            .filter(|operation| {
                let key = (operation.method.to_string(), operation.path.clone());
                builder.imported_operations.contains(&key) || modelled.contains(&key)
            })
            .count(),
        modelled_schemas: document
            .schemas
            .keys()
            .filter(|name| {
                builder.components.contains_key(*name) || builder.flattened.contains(*name)
            })
            .count(),
        total_operations: document.operations.len(),
        total_schemas: document.schemas.len(),
        types: builder
            .components
            .iter()
            .map(|(schema, key)| (schema.clone(), key.clone()))
            .collect(),
        changes,
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

    let by_path: BTreeMap<&str, FileId> = sources
        .iter()
        .map(|(id, file)| (file.relative.as_str(), id))
        .collect();
    let mut modules: BTreeSet<String> = BTreeSet::new();
    for ((module, stem), file) in &files {
        if file.items.is_empty() {
            continue;
        }
        modules.insert(module.clone());
        let relative = format!("{module}/{stem}.yaml");
        match by_path.get(relative.as_str()) {
            Some(_) if !request.update => conflicts.push(format!(
                "spec/{relative} exists and would get new definitions; run with `--update`"
            )),
            Some(id) => match update::append(sources, *id, module, &file.items) {
                Ok(appended) => edits.entry(*id).or_default().extend(appended),
                Err(message) => conflicts.push(message),
            },
            None => {
                outcome.writes.insert(relative, render::file(module, file));
            }
        }
    }
    if !conflicts.is_empty() {
        return Err(Failure::Refused(conflicts));
    }
    for (id, file_edits) in edits {
        let file = sources.file(id);
        let text = edits::apply(&file.text, file_edits);
        if text != file.text {
            outcome.writes.insert(file.relative.clone(), text);
        }
    }
    let new_modules: Vec<(String, String)> = modules
        .iter()
        .filter(|module| !existing.modules.contains(*module))
        .map(|module| (module.clone(), text::module_description(module)))
        .collect();
    match (spec, by_path.get("api.yaml")) {
        (None, _) | (_, None) => {
            outcome.writes.insert(
                "api.yaml".into(),
                render::api(&document.version, &new_modules),
            );
        }
        (Some(spec), Some(id)) => {
            let current = sources.file(*id).text.as_str();
            let mut api_edits = Vec::new();
            if !new_modules.is_empty() {
                api_edits.push(module_edit(current, spec, &new_modules));
            }
            let version = &spec.api.api_version;
            if version.value != document.version && !document.version.is_empty() {
                if request.update {
                    api_edits.push(replace_value(
                        current,
                        version.span,
                        &version.value,
                        &document.version,
                    ));
                    outcome.changes.push(format!(
                        "spec/api.yaml: the API version is now {} (was {})",
                        document.version, version.value
                    ));
                } else {
                    outcome.changes.push(format!(
                        "spec/api.yaml describes API version {}, the OpenAPI file {}; `--update` brings it up to date",
                        version.value, document.version
                    ));
                }
            }
            if !api_edits.is_empty() {
                outcome
                    .writes
                    .insert("api.yaml".into(), edits::apply(current, api_edits));
            }
        }
    }
    Ok(outcome)
}

/// Makes the builder refer to what spec/ already models instead of defining it again: the
/// component schemas the pairing matched, inline parameter objects by shape, and external
/// resources by `object` name. An external resource whose fields the import needs is a
/// conflict: only a person can turn it into a resource.
fn bind(
    builder: &mut Builder<'_>,
    document: &Document,
    spec: &Spec,
    by_object: &BTreeMap<String, TypeKey>,
    conflicts: &mut Vec<String>,
) {
    let pairing = pairing::pair(spec, document, None);
    for (component, (module, name)) in &pairing.components {
        let key = TypeKey {
            module: module.clone(),
            name: name.clone(),
        };
        if let Some(object) = schemas::object_of(document, component)
            && schemas::has_id(object)
        {
            builder.id_resources.insert(
                key.clone(),
                schemas::resource_id(component, object).to_owned(),
            );
        }
        builder.components.insert((*component).to_owned(), key);
    }
    for pair in &pairing.objects {
        if let (Some(inline), true, Holder::Object(def)) = (pair.inline, pair.params, pair.holder) {
            builder.param_objects.insert(
                schemas::param_shape(inline),
                TypeKey {
                    module: pair.file.module.clone(),
                    name: def.name.value.clone(),
                },
            );
        }
    }
    for (tag, key) in by_object {
        let schema = pairing::schema_for_tag(document, tag).unwrap_or(tag.as_str());
        if builder.components.contains_key(schema) {
            continue;
        }
        if builder.needed.contains(schema) {
            conflicts.push(format!(
                "`{tag}` is an external resource in spec/ (`{}::{}`), but the import needs its fields; make it a resource by hand or import it first",
                key.module, key.name
            ));
            continue;
        }
        builder.components.insert(schema.to_owned(), key.clone());
        builder.id_resources.insert(key.clone(), tag.clone());
    }
}

/// The edit that replaces the scalar `old` at `span` (on one line) with `new`.
fn replace_value(text: &str, span: Span, old: &str, new: &str) -> edits::Edit {
    let line = text.lines().nth(span.line - 1).unwrap_or("");
    let start: usize = line.chars().take(span.col - 1).map(char::len_utf8).sum();
    let replaced = match line.get(start..) {
        Some(rest) if rest.starts_with(old) => {
            format!("{}{new}{}", &line[..start], &rest[old.len()..])
        }
        _ => line.replacen(old, new, 1),
    };
    edits::Edit {
        at: span.line - 1,
        remove: 1,
        text: format!("{replaced}\n"),
    }
}

/// An operation that will be imported, with the resource whose file it goes to.
struct Planned<'d> {
    operation: &'d Operation,
    owner: String,
    returns: endpoints::Returns,
}

impl Planned<'_> {
    /// Method and path, as spec/ endpoints give them.
    fn key(&self) -> (String, String) {
        (
            self.operation.method.to_string(),
            self.operation.path.clone(),
        )
    }
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

/// Imports the planned endpoints. Returns how many were imported.
fn import_endpoints(
    builder: &mut Builder<'_>,
    document: &Document,
    planned: &[Planned<'_>],
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
    imported
}

/// With `--all`, every operation and every schema is imported or noted: notes the ones nothing
/// else noted, with why they were not imported.
fn account_for_everything(
    builder: &mut Builder<'_>,
    document: &Document,
    modelled: &BTreeSet<(String, String)>,
) {
    let noted: BTreeSet<String> = builder.notes.iter().map(|note| note.what.clone()).collect();
    for operation in &document.operations {
        let key = (operation.method.to_string(), operation.path.clone());
        let what = format!("{} {}", key.0, key.1);
        if builder.imported_operations.contains(&key)
            || modelled.contains(&key)
            || noted.contains(&what)
        {
            continue;
        }
        let reason = endpoints::refusal(operation)
            .or_else(|| endpoints::returns(operation).err())
            .unwrap_or_else(|| "it returns no resource and lies under no resource's path".into());
        builder.note(what, format!("not imported: {reason}"));
    }
    for name in document.schemas.keys() {
        let what = format!("schema `{name}`");
        if builder.components.contains_key(name)
            || builder.flattened.contains(name)
            || noted.contains(&what)
        {
            continue;
        }
        let reason = match builder.under_json.get(name) {
            Some(field) => format!("only {field}, which was written `json`, refers to it"),
            None if name == "error" => {
                "it describes error responses, which the runtime's `Error` decodes".to_owned()
            }
            None => "no imported resource, endpoint or field refers to it".to_owned(),
        };
        builder.note(what, format!("not imported: {reason}"));
    }
}

/// The resource name (`x-resourceId`, else schema name) of a top-level schema.
fn resource_name(document: &Document, schema: &str) -> String {
    schemas::object_of(document, schema)
        .map_or(schema, |object| schemas::resource_id(schema, object))
        .to_owned()
}

/// The edit adding `modules` at the end of the `modules:` mapping of `api.yaml`.
fn module_edit(current: &str, spec: &Spec, modules: &[(String, String)]) -> edits::Edit {
    let inserted: String = modules
        .iter()
        .map(|(name, description)| render::module(name, description))
        .collect();
    let at = match spec.api.modules.last() {
        Some(last) => edits::block_end(current, last.name.span.line, last.name.span.col),
        None => current.lines().count(),
    };
    edits::Edit::insert(at, inserted)
}
