//! `cargo xtask audit <openapi-dir>`: compare `spec/` with an extract of Stripe's OpenAPI spec
//! (`schemas.json` and `paths.json`, as in stripe/openapi), to find what a new API version
//! changed: fields, nullability, optionality, enum values, endpoints and parameters.
//!
//! Objects are matched by walking both descriptions in step from each resource (by its
//! `object` name) and each endpoint (by method and path), so spec names need not match the
//! OpenAPI's schema names.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use codegen::spec::ast::{Def, FieldDef, NameRef, ObjectDef, Spec, TypeExpr};
use serde_json::{Map, Value};

/// Differences found, one line each.
pub fn audit(spec: &Spec, openapi_dir: &Path) -> Result<Vec<String>, String> {
    let read = |name: &str| -> Result<Map<String, Value>, String> {
        let path = openapi_dir.join(name);
        let text =
            fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))?;
        match serde_json::from_str(&text) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err(format!("{}: expected a JSON object", path.display())),
            Err(error) => Err(format!("{}: {error}", path.display())),
        }
    };
    let mut auditor = Auditor {
        spec,
        schemas: read("schemas.json")?,
        findings: Vec::new(),
        visited: BTreeSet::new(),
    };
    auditor.objects();
    auditor.endpoints(&read("paths.json")?);
    Ok(auditor.findings)
}

struct Auditor<'s> {
    spec: &'s Spec,
    schemas: Map<String, Value>,
    findings: Vec<String>,
    /// (OpenAPI schema, spec module, spec object) pairs already compared.
    visited: BTreeSet<(String, String, String)>,
}

impl<'s> Auditor<'s> {
    fn objects(&mut self) {
        for file in &self.spec.files {
            for item in &file.items {
                let Def::Object(object) = item else { continue };
                let Some(name) = &object.object else { continue };
                let schema = self.schemas.iter().find(|(key, schema)| {
                    *key == &name.value
                        || schema.get("x-resourceId").and_then(Value::as_str) == Some(&name.value)
                });
                match schema.map(|(key, schema)| (key.clone(), schema.clone())) {
                    Some((key, schema)) => self.object(&key, &schema, &file.module, object, false),
                    None => self.finding(format!(
                        "{}: the OpenAPI has no object `{}`",
                        object.name.value, name.value
                    )),
                }
            }
        }
    }

    fn finding(&mut self, finding: String) {
        self.findings.push(finding);
    }

    fn lookup(&self, module: &str, name: &NameRef) -> Option<(&'s str, &'s Def)> {
        let module = name.module.as_deref().unwrap_or(module);
        self.spec
            .files
            .iter()
            .filter(|file| file.module == module)
            .find_map(|file| {
                file.items
                    .iter()
                    .find(|item| item.name().value == name.name)
                    .map(|item| (file.module.as_str(), item))
            })
    }

    /// Compares the properties of an OpenAPI object schema with a spec object's fields.
    fn object(
        &mut self,
        schema_name: &str,
        schema: &Value,
        module: &'s str,
        object: &'s ObjectDef,
        params: bool,
    ) {
        if !self.visited.insert((
            schema_name.to_owned(),
            module.to_owned(),
            object.name.value.clone(),
        )) {
            return;
        }
        let properties = schema
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let required = required_set(schema);
        let here = object.name.value.clone();
        for (property, property_schema) in &properties {
            match object
                .fields
                .iter()
                .find(|field| field.name.value == *property)
            {
                Some(field) => self.field(
                    &format!("{here}.{property}"),
                    property_schema,
                    required.contains(property.as_str()),
                    module,
                    field,
                    params,
                ),
                None => self.finding(format!("{here}: missing field `{property}`")),
            }
        }
        for field in &object.fields {
            if !properties.contains_key(&field.name.value) {
                self.finding(format!(
                    "{here}: field `{}` is not in the OpenAPI",
                    field.name.value
                ));
            }
        }
    }

    fn field(
        &mut self,
        at: &str,
        schema: &Value,
        required: bool,
        module: &'s str,
        field: &'s FieldDef,
        params: bool,
    ) {
        if !params
            && field.nullable.is_some()
                != schema
                    .get("nullable")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
        {
            self.finding(format!(
                "{at}: nullable is {}, the OpenAPI says {}",
                field.nullable.is_some(),
                field.nullable.is_none()
            ));
        }
        if field.optional.is_some() == required {
            self.finding(format!(
                "{at}: optional is {}, the OpenAPI says {}",
                field.optional.is_some(),
                !required
            ));
        }
        let emptyable = any_of(schema).iter().any(|choice| {
            choice.get("enum") == Some(&Value::Array(vec![Value::String(String::new())]))
        });
        if params && field.clearable.is_some() != emptyable {
            self.finding(format!(
                "{at}: clearable is {}, the OpenAPI says {emptyable}",
                field.clearable.is_some()
            ));
        }
        self.ty(at, schema, &field.ty.expr, module, params);
    }

    /// Compares a schema with a spec type, descending into objects and enums.
    fn ty(&mut self, at: &str, schema: &Value, ty: &'s TypeExpr, module: &'s str, params: bool) {
        let schema = self.unwrap(schema);
        match ty {
            TypeExpr::Array(inner) => match schema.get("items") {
                Some(items) => self.ty(at, &items.clone(), &inner.expr, module, params),
                None => self.finding(format!("{at}: the spec has an array, the OpenAPI does not")),
            },
            TypeExpr::Map(_, inner) => match schema.get("additionalProperties") {
                Some(values) => self.ty(at, &values.clone(), &inner.expr, module, params),
                None => self.finding(format!("{at}: the spec has a map, the OpenAPI does not")),
            },
            TypeExpr::List(name) => {
                let items = schema.pointer("/properties/data/items").cloned();
                match (items, self.lookup(module, name)) {
                    (Some(items), Some((target_module, Def::Object(object)))) => {
                        self.nested(at, &items, target_module, object, params)
                    }
                    _ => self.finding(format!("{at}: the spec has a list, the OpenAPI does not")),
                }
            }
            TypeExpr::Expandable(name) => {
                let target = schema
                    .pointer("/x-expansionResources/oneOf/0/$ref")
                    .and_then(Value::as_str)
                    .map(schema_name);
                if target.is_none() {
                    self.finding(format!(
                        "{at}: the spec has an expandable field, the OpenAPI does not"
                    ));
                }
                if let (Some(target), Some((target_module, Def::Object(object)))) =
                    (target, self.lookup(module, name))
                    && let Some(target_schema) = self.schemas.get(target).cloned()
                {
                    self.object(target, &target_schema, target_module, object, params);
                }
            }
            TypeExpr::Named(name) => match self.lookup(module, name) {
                Some((target_module, Def::Object(object))) => {
                    self.nested(at, &schema, target_module, object, params)
                }
                Some((_, Def::Enum(def))) => {
                    let spec_values: BTreeSet<&str> = def
                        .values
                        .iter()
                        .map(|value| value.wire.value.as_str())
                        .collect();
                    self.enum_values(at, &schema, &spec_values);
                }
                _ => self.finding(format!(
                    "{at}: `{}` is not a spec object or enum",
                    name.display()
                )),
            },
            // The object was matched to its schema by this very name.
            TypeExpr::ObjectTag => {}
            TypeExpr::Range(inner) => {
                let scalar = any_of(&schema)
                    .into_iter()
                    .find(|choice| choice.get("properties").is_none());
                match scalar {
                    Some(scalar) => self.ty(at, &scalar, &inner.expr, module, params),
                    None => {
                        self.finding(format!("{at}: the spec has a range, the OpenAPI does not"))
                    }
                }
            }
            scalar => self.scalar(at, &schema, scalar, params),
        }
    }

    /// Descends into the object schema `schema` (a `$ref` or inline) paired with `object`.
    fn nested(
        &mut self,
        at: &str,
        schema: &Value,
        module: &'s str,
        object: &'s ObjectDef,
        params: bool,
    ) {
        let (name, body) = match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = schema_name(reference);
                (
                    name.to_owned(),
                    self.schemas.get(name).cloned().unwrap_or(Value::Null),
                )
            }
            None => (format!("{at} (inline)"), schema.clone()),
        };
        if body.get("properties").is_none() {
            self.finding(format!(
                "{at}: the spec has object `{}`, the OpenAPI does not",
                object.name.value
            ));
            return;
        }
        self.object(&name, &body, module, object, params);
    }

    fn enum_values(&mut self, at: &str, schema: &Value, spec_values: &BTreeSet<&str>) {
        let Some(values) = schema.get("enum").and_then(Value::as_array) else {
            self.finding(format!("{at}: the spec has an enum, the OpenAPI does not"));
            return;
        };
        let openapi: BTreeSet<&str> = values
            .iter()
            .filter_map(Value::as_str)
            .filter(|value| !value.is_empty())
            .collect();
        for added in openapi.difference(spec_values) {
            self.finding(format!("{at}: enum value `{added}` is missing"));
        }
        for removed in spec_values.difference(&openapi) {
            self.finding(format!(
                "{at}: enum value `{removed}` is not in the OpenAPI"
            ));
        }
    }

    fn scalar(&mut self, at: &str, schema: &Value, ty: &TypeExpr, params: bool) {
        let kind = schema.get("type").and_then(Value::as_str).unwrap_or("");
        let unix_time = schema.get("format").and_then(Value::as_str) == Some("unix-time");
        let matches = match ty {
            TypeExpr::Integer => kind == "integer" && !unix_time,
            // Parameters give times as plain integers.
            TypeExpr::Timestamp => kind == "integer" && (unix_time || params),
            TypeExpr::Boolean => kind == "boolean",
            TypeExpr::String | TypeExpr::Currency | TypeExpr::Id(_) | TypeExpr::OwnId => {
                kind == "string" && schema.get("enum").is_none()
            }
            TypeExpr::Expand => kind == "array",
            _ => true,
        };
        if !matches {
            self.finding(format!(
                "{at}: the spec type does not fit the OpenAPI's `{kind}`"
            ));
        }
    }

    /// `anyOf: [X]` (Stripe's way of making a reference nullable) is X.
    fn unwrap(&self, schema: &Value) -> Value {
        match schema
            .get("anyOf")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            Some([only]) => only.clone(),
            Some(choices)
                if choices
                    .iter()
                    .any(|choice| choice.get("x-expansionResources").is_some()) =>
            {
                schema.clone()
            }
            Some([value, empty]) if empty.get("enum").is_some() && value.get("enum").is_none() => {
                value.clone()
            }
            _ => schema.clone(),
        }
    }

    fn endpoints(&mut self, paths: &Map<String, Value>) {
        let mut seen = BTreeSet::new();
        for (path, item) in paths {
            let Some(item) = item.as_object() else {
                continue;
            };
            for (method, operation) in item {
                let method = method.to_uppercase();
                let found = self.spec.files.iter().find_map(|file| {
                    file.items.iter().find_map(|def| match def {
                        Def::Endpoint(endpoint)
                            if endpoint.method.as_str() == method
                                && endpoint.path.text.value == *path =>
                        {
                            Some((file.module.as_str(), endpoint))
                        }
                        _ => None,
                    })
                });
                let Some((module, endpoint)) = found else {
                    self.finding(format!("{method} {path}: no endpoint in the spec"));
                    continue;
                };
                seen.insert((method.clone(), path.clone()));
                let at = endpoint.name.value.clone();
                let mut params: BTreeMap<String, (Value, bool)> = BTreeMap::new();
                let mut path_params = BTreeSet::new();
                for parameter in operation
                    .get("parameters")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let name = parameter
                        .get("name")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    let required = parameter
                        .get("required")
                        .and_then(Value::as_bool)
                        .unwrap_or(false);
                    if parameter.get("in").and_then(Value::as_str) == Some("path") {
                        path_params.insert(name);
                    } else {
                        params.insert(
                            name,
                            (
                                parameter.get("schema").cloned().unwrap_or(Value::Null),
                                required,
                            ),
                        );
                    }
                }
                if let Some(body) = operation
                    .pointer("/requestBody/content/application~1x-www-form-urlencoded/schema")
                {
                    let required = required_set(body);
                    for (name, schema) in body
                        .get("properties")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten()
                    {
                        params.insert(
                            name.clone(),
                            (schema.clone(), required.contains(name.as_str())),
                        );
                    }
                }
                let declared: BTreeSet<String> = endpoint
                    .path_params
                    .iter()
                    .map(|param| param.name.value.clone())
                    .collect();
                if declared != path_params {
                    self.finding(format!(
                        "{at}: path parameters {declared:?}, the OpenAPI has {path_params:?}"
                    ));
                }
                for (name, (schema, required)) in &params {
                    match endpoint
                        .params
                        .iter()
                        .find(|param| param.name.value == *name)
                    {
                        Some(param) => self.field(
                            &format!("{at}({name})"),
                            schema,
                            *required,
                            module,
                            param,
                            true,
                        ),
                        None => self.finding(format!("{at}: missing parameter `{name}`")),
                    }
                }
                for param in &endpoint.params {
                    if !params.contains_key(&param.name.value) {
                        self.finding(format!(
                            "{at}: parameter `{}` is not in the OpenAPI",
                            param.name.value
                        ));
                    }
                }
            }
        }
        for file in &self.spec.files {
            for def in &file.items {
                if let Def::Endpoint(endpoint) = def
                    && !seen.contains(&(
                        endpoint.method.as_str().to_owned(),
                        endpoint.path.text.value.clone(),
                    ))
                {
                    self.findings.push(format!(
                        "{}: {} {} is not in the OpenAPI",
                        endpoint.name.value,
                        endpoint.method.as_str(),
                        endpoint.path.text.value
                    ));
                }
            }
        }
    }
}

fn required_set(schema: &Value) -> BTreeSet<&str> {
    schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

fn any_of(schema: &Value) -> Vec<Value> {
    schema
        .get("anyOf")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// `#/components/schemas/NAME` gives `NAME`.
fn schema_name(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

#[cfg(test)]
mod tests {
    use super::*;

    const API: &str =
        "api_version: 2026-07-29.dahlia\nmodules:\n  widgets:\n    description: Widgets.\n";

    const SPEC: &str = "
resources:
  Widget:
    object: widget
    id_prefix: wid_
    description: A widget.
    fields:
      id: { type: id, description: Its ID. }
      color: { type: Color, description: Its colour. }
      size: { type: integer, nullable: true, optional: true, description: Its size. }
      gone: { type: string, description: Not in the API any more. }
enums:
  Color:
    description: A colour.
    values:
      red: Red.
endpoints:
  list_widgets:
    description: Lists widgets.
    method: GET
    path: /v1/widgets
    params:
      limit: { type: integer, optional: true, description: At most this many. }
    returns: list<Widget>
";

    const SCHEMAS: &str = r#"{"widget": {"x-resourceId": "widget", "required": ["color", "id", "size", "added"],
        "properties": {"id": {"type": "string"}, "color": {"type": "string", "enum": ["red", "blue"]},
        "size": {"type": "integer"}, "added": {"type": "boolean"}}}}"#;

    const PATHS: &str = r#"{"/v1/widgets": {
        "get": {"parameters": [{"in": "query", "name": "limit", "required": true, "schema": {"type": "integer"}},
                               {"in": "query", "name": "status", "schema": {"type": "string"}}]},
        "post": {}}}"#;

    #[test]
    fn finds_every_kind_of_difference() {
        let mut sources = codegen::Sources::default();
        sources.add("spec/api.yaml".into(), "api.yaml".into(), API.into());
        sources.add(
            "spec/widgets/widget.yaml".into(),
            "widgets/widget.yaml".into(),
            SPEC.into(),
        );
        let spec = codegen::spec::decode::decode(&sources)
            .spec
            .expect("the spec decodes");
        let dir = std::env::temp_dir().join(format!("xtask-audit-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("schemas.json"), SCHEMAS).unwrap();
        fs::write(dir.join("paths.json"), PATHS).unwrap();

        let findings = audit(&spec, &dir).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            findings,
            [
                "Widget: missing field `added`",
                "Widget.color: enum value `blue` is missing",
                "Widget.size: nullable is true, the OpenAPI says false",
                "Widget.size: optional is true, the OpenAPI says false",
                "Widget: field `gone` is not in the OpenAPI",
                "list_widgets(limit): optional is true, the OpenAPI says false",
                "list_widgets: missing parameter `status`",
                "POST /v1/widgets: no endpoint in the spec",
            ]
        );
    }
}
