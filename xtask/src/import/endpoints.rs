//! OpenAPI operations to spec endpoints: which resource an operation belongs to, its function
//! name, its parameters and what it returns.
//!
//! An operation belongs to the resource it returns (directly, as a list, or as a search result),
//! so `GET /v1/financial_connections/accounts/{account}/owners` belongs to the account owner.
//! Function names follow Stripe's documentation: `list_<plural>`, `search_<plural>`,
//! `retrieve_<resource>`, `create_<resource>`, `update_<resource>`, `delete_<resource>`, and
//! `<verb>_<resource>` for an action such as `/close`. When two operations of a module would get
//! the same name, both are named after their `operationId` instead
//! (`GetChargesChargeRefundsRefund` gives `get_charges_charge_refunds_refund`).

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;

use super::build::{Builder, Owner};
use super::ir::{self, Field, Item, Ty, TypeKey};
use super::names;
use super::schemas;
use super::text;
use crate::openapi::{Document, Kind, Location, Method, Operation, Response, Schema};

/// What an operation returns: one object, a list or a search result, of one component or of
/// one of several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Returns {
    /// One object, a list, or a search result.
    pub shape: Shape,
    /// The component schemas it may be (one, or the variants of a union).
    pub schemas: Vec<String>,
}

/// How many objects an operation returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One object.
    One,
    /// A list of objects.
    List,
    /// A search result.
    Search,
}

impl Returns {
    /// The resource it belongs to: the one component, or the live resource of a union of a
    /// resource and its deleted form.
    pub fn owner<'d>(&'d self, document: &'d Document) -> Option<&'d str> {
        let live = |name: &'d str| -> &'d str {
            match schemas::object_of(document, name) {
                Some(object) if schemas::is_deleted_form(object) => schemas::object_tag(object)
                    .and_then(|tag| schemas::schema_for_tag(document, tag))
                    .unwrap_or(name),
                _ => name,
            }
        };
        match self.schemas.as_slice() {
            [one] => Some(live(one)),
            [a, b] => {
                let deleted = |name: &str| {
                    schemas::object_of(document, name).is_some_and(schemas::is_deleted_form)
                };
                match (deleted(a), deleted(b)) {
                    (false, true) => Some(a),
                    (true, false) => Some(b),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// The components a response schema is: one `$ref`, or an `anyOf` of them.
fn targets(schema: &Schema) -> Option<Vec<String>> {
    let schema = schemas::unwrap_single(schema);
    match &schema.kind {
        Kind::Ref(name) => Some(vec![name.clone()]),
        _ => schemas::union_members(schema)
            .map(|members| members.into_iter().map(str::to_owned).collect()),
    }
}

/// What an operation returns, or why the spec format cannot say it.
pub fn returns(operation: &Operation) -> Result<Returns, String> {
    let schema = match &operation.response {
        Response::Json(schema) => schema,
        Response::Other(media) => {
            return Err(format!(
                "its response is `{media}`, not JSON; the spec format describes JSON responses only"
            ));
        }
        Response::Missing => return Err("it has no `200` response".into()),
    };
    if let Some(schemas) = targets(schema) {
        return Ok(Returns {
            shape: Shape::One,
            schemas,
        });
    }
    match &schemas::unwrap_single(schema).kind {
        Kind::Object(object) => match schemas::list_items(object) {
            Some((items, search)) => match targets(items) {
                Some(schemas) => Ok(Returns {
                    shape: if search { Shape::Search } else { Shape::List },
                    schemas,
                }),
                None => Err("it returns a list of something that is not an object".into()),
            },
            None => Err("it returns an inline object, which the spec format cannot express".into()),
        },
        Kind::AnyOf(_) => Err("it returns one of several types that are not all objects".into()),
        _ => Err("it does not return an object".into()),
    }
}

/// Why an operation cannot be imported at all, whatever it returns.
pub fn refusal(operation: &Operation) -> Option<String> {
    if let Method::Other(method) = &operation.method {
        return Some(format!("its method `{method}` is not GET, POST or DELETE"));
    }
    if let Some((media, _)) = operation
        .body
        .iter()
        .find(|(media, _)| media != "application/x-www-form-urlencoded")
    {
        return Some(format!(
            "its request body is `{media}`; the spec format sends form-encoded parameters only"
        ));
    }
    operation
        .parameters
        .iter()
        .find_map(|parameter| match &parameter.location {
            Location::Other(location) => Some(format!(
                "its parameter `{}` is sent in the {location}, which the spec format cannot express",
                parameter.name
            )),
            _ => None,
        })
}

/// The resource (component schema) an operation belongs to, if it returns one.
pub fn owner(document: &Document, operation: &Operation) -> Option<String> {
    let returns = returns(operation).ok()?;
    let name = returns.owner(document)?;
    schemas::is_top_level(document, name).then(|| name.to_owned())
}

/// The function name Stripe's documentation would give `operation` of the resource `stem`.
fn preferred_name(operation: &Operation, stem: &str, returns: &Returns) -> String {
    let plural = names::plural(stem);
    let segments: Vec<&str> = operation
        .path
        .split('/')
        .filter(|segment| !segment.is_empty() && *segment != "v1")
        .collect();
    let ends_with_param = segments.last().is_some_and(|last| last.starts_with('{'));
    let literal = segments
        .iter()
        .rev()
        .find(|segment| !segment.starts_with('{'))
        .copied()
        .unwrap_or("");
    let collection = literal == plural || plural.ends_with(&format!("_{literal}"));
    let own = collection || literal == stem || stem.ends_with(&format!("_{literal}"));
    let verb = literal.to_snake_case();
    match (returns.shape, &operation.method) {
        (Shape::List, _) => format!("list_{plural}"),
        (Shape::Search, _) => format!("search_{plural}"),
        (_, Method::Get) if ends_with_param || own => format!("retrieve_{stem}"),
        (_, Method::Post) if ends_with_param => format!("update_{stem}"),
        (_, Method::Post) if collection => format!("create_{stem}"),
        (_, Method::Post) if own => format!("update_{stem}"),
        (_, Method::Delete) => format!("delete_{stem}"),
        _ => format!("{verb}_{stem}"),
    }
}

/// A snake_case name from the `operationId`, or from the method and path when there is none.
fn operation_id_name(operation: &Operation) -> String {
    let id = if operation.id.is_empty() {
        format!("{} {}", operation.method, operation.path)
    } else {
        operation.id.clone()
    };
    let name = id.to_snake_case();
    if codegen::names::is_snake_name(&name) {
        name
    } else {
        format!("operation_{name}")
    }
}

/// Function names for the operations of one module: the preferred names, except where two
/// operations share one.
pub fn function_names(
    operations: &[(&Operation, String, Returns)],
) -> BTreeMap<*const Operation, String> {
    let preferred: Vec<String> = operations
        .iter()
        .map(|(operation, stem, returns)| preferred_name(operation, stem, returns))
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for name in &preferred {
        *counts.entry(name).or_default() += 1;
    }
    operations
        .iter()
        .zip(&preferred)
        .map(|((operation, _, _), name)| {
            let usable = counts[name.as_str()] == 1 && codegen::names::is_snake_name(name);
            let name = if usable {
                name.clone()
            } else {
                operation_id_name(operation)
            };
            (*operation as *const Operation, name)
        })
        .collect()
}

impl Builder<'_> {
    /// Imports `operation` as the endpoint `name` into `file`, the file of `owner_key`, the
    /// resource it belongs to. Returns whether it was imported; if not, a note says why.
    pub fn endpoint(
        &mut self,
        operation: &Operation,
        name: &str,
        owner_key: &TypeKey,
        file: &(String, String),
        returns: &Returns,
    ) -> bool {
        let what = format!("{} {}", operation.method, operation.path);
        let name = self.names.function_name(&file.0, name);
        let response_owner = Owner {
            file: file.clone(),
            name: names::upper_camel(&name),
            label: format!("`{what}`"),
            resource: false,
            deleted_of: None,
        };
        let names_of: Vec<&str> = returns.schemas.iter().map(String::as_str).collect();
        let returned = match names_of.as_slice() {
            [one] => self.component(one, file),
            several => self.union(&response_owner, "response", several),
        };
        let returned = match returned {
            Ok(key) => key,
            Err(reason) => {
                self.note(what, format!("not imported: {reason}"));
                return false;
            }
        };
        let params_owner = Owner {
            name: format!("{}Params", names::upper_camel(&name)),
            ..response_owner
        };
        let returns_ty = match returns.shape {
            Shape::One => Ty::Named(returned.clone()),
            Shape::List => Ty::List(returned.clone()),
            Shape::Search => Ty::Search(returned.clone()),
        };
        // List cursors are IDs of the listed resource, when it has them.
        let cursor_of = match returns.shape {
            Shape::List if self.id_resources.contains_key(&returned) => Some(returned.clone()),
            _ => None,
        };
        let mut path_params = Vec::new();
        let mut params = Vec::new();
        for parameter in &operation.parameters {
            if parameter.location == Location::Path {
                path_params.push(self.path_param(
                    &parameter.name,
                    &parameter.description,
                    owner_key,
                    &operation.path,
                ));
                continue;
            }
            match self.param_field(
                &params_owner,
                &parameter.name,
                &parameter.schema,
                parameter.required,
                &parameter.description,
                cursor_of.as_ref(),
            ) {
                Ok(field) => params.push(field),
                Err(reason) => self.note(
                    format!("parameter `{}` of {what}", parameter.name),
                    format!("left out: {reason}"),
                ),
            }
        }
        for (_, body) in &operation.body {
            let Kind::Object(object) = &body.kind else {
                continue;
            };
            for (property, schema) in &object.properties {
                match self.param_field(
                    &params_owner,
                    property,
                    schema,
                    object.required.contains(property),
                    "",
                    cursor_of.as_ref(),
                ) {
                    Ok(field) => params.push(field),
                    Err(reason) => self.note(
                        format!("parameter `{property}` of {what}"),
                        format!("left out: {reason}"),
                    ),
                }
            }
        }
        // Placeholders in path order, whether or not the OpenAPI lists them.
        let placeholders = placeholders(&operation.path);
        path_params.sort_by_key(|param: &Field| {
            placeholders
                .iter()
                .position(|placeholder| *placeholder == param.wire)
        });
        for placeholder in &placeholders {
            if !path_params.iter().any(|param| param.wire == *placeholder) {
                let param = self.path_param(placeholder, "", owner_key, &operation.path);
                path_params.push(param);
            }
        }
        let description = text::description(&operation.description)
            .or_else(|| text::description(&operation.summary))
            .unwrap_or_else(|| {
                text::fallback_endpoint_description(&operation.method.to_string(), &operation.path)
            });
        self.files
            .entry(file.clone())
            .or_default()
            .items
            .push(Some(Item::Endpoint(ir::Endpoint {
                name,
                description,
                method: operation.method.to_string(),
                path: operation.path.clone(),
                path_params,
                params,
                returns: returns_ty,
            })));
        self.imported_operations
            .insert((operation.method.to_string(), operation.path.clone()));
        true
    }

    /// A path parameter: the ID of the resource it names (`{account}` of an account path, or
    /// the last placeholder of the owner's own path), else a string.
    fn path_param(&mut self, wire: &str, description: &str, owner: &TypeKey, path: &str) -> Field {
        let ty = match self.resource_named(wire, owner, path) {
            Some(key) => Ty::Id(key),
            None => Ty::String,
        };
        let description = text::description(description).unwrap_or_else(|| match &ty {
            Ty::Id(key) => format!("The ID of the `{}`.", key.name),
            _ => text::fallback_field_description(wire),
        });
        Field {
            wire: wire.to_owned(),
            ty,
            nullable: false,
            optional: false,
            requires_expand: false,
            boxed: false,
            clearable: false,
            rust_name: None,
            type_name: None,
            description,
        }
    }

    /// The resource with an ID type (imported or external) a placeholder names: the owner
    /// when the path ends with it after the owner's collection, else one whose resource name
    /// ends like the placeholder, preferring the owner and its module.
    fn resource_named(&self, placeholder: &str, owner: &TypeKey, path: &str) -> Option<TypeKey> {
        let own_path = |owner_id: &String| {
            path.strip_suffix(&format!("/{{{placeholder}}}"))
                .is_some_and(|before| {
                    let literal = before.rsplit('/').next().unwrap_or("");
                    let plural = names::plural(&names::stem_of(owner_id));
                    plural == literal || plural.ends_with(&format!("_{literal}"))
                })
        };
        if self.id_resources.get(owner).is_some_and(own_path) {
            return Some(owner.clone());
        }
        let mut candidates: Vec<&TypeKey> = self
            .id_resources
            .iter()
            .filter(|(_, id)| names::stem_of(id) == placeholder)
            .map(|(key, _)| key)
            .collect();
        candidates.sort_by_key(|key| (*key != owner, key.module != owner.module, (*key).clone()));
        candidates.first().map(|key| (*key).clone())
    }
}

/// The `{placeholders}` of a path, in order.
pub fn placeholders(path: &str) -> Vec<String> {
    path.split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .map(str::to_owned)
        .collect()
}

/// The operations to import for `selected` (component schema names): those that return one of
/// them, and those whose path lies under one's own (`/v1/customers/{customer}/...` belongs to
/// the customer). Each comes with the top-level schema whose file it goes to: the resource it
/// returns, or else the one whose path it is under.
pub fn selected_operations<'d>(
    document: &'d Document,
    selected: &BTreeSet<String>,
) -> Vec<(&'d Operation, String)> {
    // A resource's own paths: those of the operations returning it, without a final
    // placeholder (`/v1/customers` for `/v1/customers/{customer}`).
    let mut homes: BTreeMap<String, String> = BTreeMap::new();
    let owners: Vec<Option<String>> = document
        .operations
        .iter()
        .map(|operation| owner(document, operation))
        .collect();
    for (operation, owner) in document.operations.iter().zip(&owners) {
        let Some(owner) = owner.as_deref().filter(|owner| selected.contains(*owner)) else {
            continue;
        };
        let home = match operation.path.rsplit_once('/') {
            Some((base, last)) if last.starts_with('{') => base.to_owned(),
            _ => operation.path.clone(),
        };
        // One resource a path: the first (in name order) that claims it.
        homes.entry(home).or_insert_with(|| owner.to_owned());
    }
    let mut found = Vec::new();
    for (operation, owner) in document.operations.iter().zip(owners) {
        let under = homes
            .iter()
            .filter(|(home, _)| {
                operation.path == **home || operation.path.starts_with(&format!("{home}/"))
            })
            .max_by_key(|(home, _)| home.len())
            .map(|(_, name)| name.clone());
        let file_owner = match (owner, under) {
            (Some(owner), under) if selected.contains(&owner) || under.is_some() => owner,
            (None, Some(under)) => under,
            _ => continue,
        };
        found.push((operation, file_owner));
    }
    found
}
