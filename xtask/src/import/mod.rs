//! `cargo xtask import <spec3.json> <resource>... [--all] [--update]`: writes spec/ YAML for
//! resources of Stripe's OpenAPI file, with every nested type they need and every endpoint that
//! returns them.
//!
//! The import runs in memory: it builds the definitions ([`build`], [`endpoints`]), writes them
//! as YAML ([`render`]) or as edits of the existing files ([`update`]), and returns the files to
//! write. The caller checks the result with the generator before writing anything, so a failed
//! import writes nothing.

pub mod api;
pub mod build;
pub mod edits;
pub mod endpoints;
pub mod existing;
pub mod ir;
pub mod names;
pub mod params;
pub mod plan;
pub mod render;
pub mod schemas;
pub mod text;
pub mod unions;
pub mod update;
pub mod yaml_out;

use std::collections::{BTreeMap, BTreeSet};

use codegen::Sources;
use codegen::source::FileId;
use codegen::spec::ast::Def;
use serde_json::Value;

use self::build::{Builder, Note};
use self::ir::{File, TypeKey};
use crate::openapi::Document;
use crate::pairing::{self, Scope};

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
    /// `object` names of resources whose ID prefix nothing shows, written without `id_prefix`.
    pub unknown_prefixes: Vec<String>,
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

/// Plans the import of `request` from `document` into the spec in `sources` (empty for a new
/// spec). `fixtures` are ID prefixes from example objects.
pub fn import(
    document: &Document,
    request: &Request,
    sources: &Sources,
    fixtures: &BTreeMap<String, String>,
) -> Result<Outcome, Failure> {
    if !is_api_version(&document.version) {
        return Err(Failure::Refused(vec![format!(
            "the OpenAPI file's `info.version` is `{}`, which is not a Stripe API version (such as `2026-07-29.dahlia` or `2020-08-27`); spec/api.yaml needs one",
            document.version
        )]));
    }
    let selected = select(document, request).map_err(Failure::Refused)?;
    let decoded = codegen::spec::decode::decode(sources);
    let spec = decoded
        .spec
        .as_ref()
        .filter(|_| sources.iter().next().is_some());
    let existing = existing::existing(spec);
    let mut prefixes = fixtures.clone();
    // What the spec says was checked by hand: it wins over fixtures.
    prefixes.extend(existing.prefixes.clone());

    // Endpoints under a selected resource's path are imported too, with what they return; an
    // operation spec/ already has an endpoint for is not imported again.
    let (operations, refused) = plan::plan_operations(document, &selected);
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
        existing::bind(
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
                        plan::resource_name(document, name),
                        key.module,
                        key.name
                    ));
                }
            }
        }
    }
    for name in &selected {
        let id = plan::resource_name(document, name);
        let file = (names::module_of(&id), names::stem_of(&id));
        if let Err(reason) = builder.component(name, &file) {
            builder.note(
                format!("schema `{name}`"),
                format!("not imported: {reason}"),
            );
        }
    }
    let (known, new): (Vec<plan::Planned<'_>>, Vec<plan::Planned<'_>>) = operations
        .into_iter()
        .partition(|planned| modelled.contains(&planned.key()));
    let imported_operations = plan::import_endpoints(&mut builder, document, &new);
    builder.break_cycles();
    if request.all {
        plan::account_for_everything(&mut builder, document, &modelled);
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
            operations: known.iter().map(plan::Planned::key).collect(),
        };
        let scoped = pairing::pair(spec, document, Some(&scope));
        let update = update::update(&mut builder, &scoped, sources);
        edits = update.edits;
        changes.extend(update.reports);
    }

    let mut outcome = Outcome {
        notes: std::mem::take(&mut builder.notes),
        unknown_prefixes: builder.unknown_prefixes.iter().cloned().collect(),
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
                api_edits.push(api::module_edit(current, spec, &new_modules));
            }
            let version = &spec.api.api_version;
            if version.value != document.version && !document.version.is_empty() {
                if request.update {
                    api_edits.push(api::replace_value(
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

/// `YYYY-MM-DD`, optionally followed by `.name`, as `spec/api.yaml` takes it.
fn is_api_version(version: &str) -> bool {
    let (date, name) = version.split_once('.').unwrap_or((version, "x"));
    let parts: Vec<&str> = date.split('-').collect();
    let date_ok = matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2)
        && parts
            .iter()
            .all(|part| part.chars().all(|c| c.is_ascii_digit()));
    date_ok && !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase())
}
