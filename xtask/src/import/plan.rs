//! Which operations an import brings in, in which files, and, with `--all`, the account of
//! everything it left out.

use std::collections::{BTreeMap, BTreeSet};

use super::build::Builder;
use super::endpoints;
use super::names;
use super::schemas;
use crate::openapi::{Document, Operation};

/// An operation that will be imported, with the resource whose file it goes to.
pub(super) struct Planned<'d> {
    pub(super) operation: &'d Operation,
    pub(super) owner: String,
    pub(super) returns: endpoints::Returns,
}

impl Planned<'_> {
    /// Method and path, as spec/ endpoints give them.
    pub(super) fn key(&self) -> (String, String) {
        (
            self.operation.method.to_string(),
            self.operation.path.clone(),
        )
    }
}

/// The operations of `selected` that the spec format can express, and the others with the
/// reason why not.
pub(super) fn plan_operations<'d>(
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
pub(super) fn import_endpoints(
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
pub(super) fn account_for_everything(
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
pub(super) fn resource_name(document: &Document, schema: &str) -> String {
    schemas::object_of(document, schema)
        .map_or(schema, |object| schemas::resource_id(schema, object))
        .to_owned()
}
