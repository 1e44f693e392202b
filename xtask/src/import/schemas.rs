//! Questions about the OpenAPI schemas that do not depend on what is being imported: which
//! component schemas are resources, what their `object` name is, which schemas a set of resources
//! needs by value, and the shape of a schema (to recognise the same parameter object used twice).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::openapi::{Document, Kind, Object, Schema};

/// The object schema of a component, if it is one.
pub fn object_of<'d>(document: &'d Document, name: &str) -> Option<&'d Object> {
    match &document.schemas.get(name)?.kind {
        Kind::Object(object) => Some(object),
        _ => None,
    }
}

/// The single value of the `object` property of `object`, if it has one.
pub fn object_tag(object: &Object) -> Option<&str> {
    match &object.property("object")?.kind {
        Kind::String {
            values: Some(values),
            ..
        } => match values.as_slice() {
            [only] => Some(only),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `object` has a string `id`: a resource in the spec's sense (it gets an ID type).
/// The deleted form of a resource has an ID too, but it is the live resource's.
pub fn has_id(object: &Object) -> bool {
    object_tag(object).is_some()
        && !is_deleted_form(object)
        && object
            .property("id")
            .is_some_and(|id| matches!(id.kind, Kind::String { values: None, .. }))
}

/// Whether `object` is the deleted form of a resource: it has `deleted: {enum: [true]}`.
pub fn is_deleted_form(object: &Object) -> bool {
    object
        .property("deleted")
        .is_some_and(|deleted| matches!(deleted.kind, Kind::Boolean { only: Some(true) }))
}

/// If `schema` is one of several components (`anyOf` of two or more `$ref`s), their names.
pub fn union_members(schema: &Schema) -> Option<Vec<&str>> {
    let Kind::AnyOf(choices) = &schema.kind else {
        return None;
    };
    if choices.len() < 2 {
        return None;
    }
    choices
        .iter()
        .map(|choice| match &choice.kind {
            Kind::Ref(name) => Some(name.as_str()),
            _ => None,
        })
        .collect()
}

/// The component schema of the deleted form of objects whose `object` is `tag`.
pub fn deleted_schema_for_tag<'d>(document: &'d Document, tag: &str) -> Option<&'d str> {
    document
        .schemas
        .keys()
        .find(|name| {
            object_of(document, name)
                .is_some_and(|object| object_tag(object) == Some(tag) && is_deleted_form(object))
        })
        .map(String::as_str)
}

/// The component schema that describes objects whose `object` is `tag`: the one of that
/// `x-resourceId` or name, else any with that tag that is not a deleted form.
pub fn schema_for_tag<'d>(document: &'d Document, tag: &str) -> Option<&'d str> {
    let live = |name: &str| {
        object_of(document, name)
            .is_some_and(|object| object_tag(object) == Some(tag) && !is_deleted_form(object))
    };
    if let Some((name, _)) = document.schemas.iter().find(|(name, schema)| {
        matches!(&schema.kind, Kind::Object(object) if object.resource_id.as_deref() == Some(tag))
            && live(name)
    }) {
        return Some(name);
    }
    if let Some((name, _)) = document
        .schemas
        .get_key_value(tag)
        .filter(|(name, _)| live(name))
    {
        return Some(name);
    }
    document
        .schemas
        .keys()
        .find(|name| live(name))
        .map(String::as_str)
}

/// The name a resource or tagged schema is known by: its `x-resourceId`, else the schema name.
pub fn resource_id<'d>(name: &'d str, object: &'d Object) -> &'d str {
    object.resource_id.as_deref().unwrap_or(name)
}

/// Whether the component `name` gets a file of its own: it has an `x-resourceId`, or an ID.
pub fn is_top_level(document: &Document, name: &str) -> bool {
    match document.schemas.get(name).map(|schema| &schema.kind) {
        Some(Kind::Object(object)) => object.resource_id.is_some() || has_id(object),
        // A union component (`payment_source`).
        Some(Kind::AnyOf(_)) => union_members(&document.schemas[name]).is_some(),
        _ => false,
    }
}

/// `anyOf: [X]`, Stripe's way of making a reference nullable, is `X`.
pub fn unwrap_single(schema: &Schema) -> &Schema {
    match &schema.kind {
        Kind::AnyOf(choices) if choices.len() == 1 => &choices[0],
        _ => schema,
    }
}

/// If `schema` is an ID-or-object expandable (`anyOf: [string, $ref X]` with
/// `x-expansionResources`), the component names it expands into.
pub fn expandable_targets(schema: &Schema) -> Option<Vec<&str>> {
    let Kind::AnyOf(choices) = &schema.kind else {
        return None;
    };
    if schema.expansion_resources.is_empty()
        || !choices
            .iter()
            .any(|choice| matches!(choice.kind, Kind::String { values: None, .. }))
    {
        return None;
    }
    Some(
        schema
            .expansion_resources
            .iter()
            .map(String::as_str)
            .collect(),
    )
}

/// What a list object's `data` holds, if `object` is a Stripe list (`object: list`) or search
/// result (`object: search_result`): the items schema and whether it is a search.
pub fn list_items(object: &Object) -> Option<(&Schema, bool)> {
    let search = match object_tag(object)? {
        "list" => false,
        "search_result" => true,
        _ => return None,
    };
    match &object.property("data")?.kind {
        Kind::Array(items) => Some((items, search)),
        _ => None,
    }
}

/// The component schemas that `roots` need by value: everything reachable through `$ref`s
/// except the targets of expandable fields, which are written as IDs when not imported.
pub fn needed_by_value(document: &Document, roots: &BTreeSet<String>) -> BTreeSet<String> {
    let mut needed = BTreeSet::new();
    let mut pending: Vec<String> = roots.iter().cloned().collect();
    while let Some(name) = pending.pop() {
        if !needed.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = document.schemas.get(&name) {
            references(schema, &mut |reference| pending.push(reference.to_owned()));
        }
    }
    // Dangling references are not schemas anyone can import.
    needed.retain(|name| document.schemas.contains_key(name));
    needed
}

/// Calls `found` with every component `schema` refers to by value.
pub fn references(schema: &Schema, found: &mut dyn FnMut(&str)) {
    if expandable_targets(schema).is_some() {
        return;
    }
    match &schema.kind {
        Kind::Ref(name) => found(name),
        Kind::AnyOf(choices) => {
            for choice in choices {
                references(choice, found);
            }
        }
        Kind::Array(items) => references(items, found),
        Kind::Object(object) => {
            for (_, property) in &object.properties {
                references(property, found);
            }
            if let Some(values) = &object.additional {
                references(values, found);
            }
        }
        Kind::String { .. }
        | Kind::Integer { .. }
        | Kind::Number
        | Kind::Boolean { .. }
        | Kind::Any => {}
    }
}

/// The shape of a schema: its kinds, property names, requiredness and enum values, but not its
/// descriptions or position. Two inline parameter objects of the same title and shape are the
/// same type.
pub fn shape(schema: &Schema) -> String {
    let mut out = String::new();
    write_shape(schema, &mut out);
    out
}

fn write_shape(schema: &Schema, out: &mut String) {
    if schema.nullable {
        out.push('?');
    }
    match &schema.kind {
        Kind::Ref(name) => {
            let _ = write!(out, "${name}");
        }
        Kind::AnyOf(choices) => {
            out.push_str("any(");
            for choice in choices {
                write_shape(choice, out);
                out.push(',');
            }
            out.push(')');
        }
        Kind::String { values, format } => {
            let _ = write!(out, "str{format:?}{values:?}");
        }
        Kind::Integer { unix_time } => {
            let _ = write!(out, "int{unix_time}");
        }
        Kind::Number => out.push_str("num"),
        Kind::Boolean { only } => {
            let _ = write!(out, "bool{only:?}");
        }
        Kind::Array(items) => {
            out.push('[');
            write_shape(items, out);
            out.push(']');
        }
        Kind::Object(object) => {
            let _ = write!(out, "{}{{", schema.title.as_deref().unwrap_or(""));
            for (name, property) in &object.properties {
                let required = if object.required.contains(name) {
                    "!"
                } else {
                    ""
                };
                let _ = write!(out, "{name}{required}:");
                write_shape(property, out);
                out.push(',');
            }
            if let Some(values) = &object.additional {
                out.push_str("*:");
                write_shape(values, out);
            }
            out.push('}');
        }
        Kind::Any => out.push_str("any"),
    }
}

/// What makes two inline parameter objects one type: their shape; objects without properties
/// are all one type, whatever their titles.
pub fn param_shape(schema: &Schema) -> String {
    match &schema.kind {
        Kind::Object(object) if object.properties.is_empty() && object.additional.is_none() => {
            "{}".to_owned()
        }
        _ => shape(schema),
    }
}

/// For each `title` of an inline object in the request parameters, the shapes it has. A title
/// with one shape names its type; one with several does not.
pub fn parameter_titles(document: &Document) -> BTreeMap<String, BTreeSet<String>> {
    let mut titles: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut visit = |schema: &Schema| {
        inline_objects(schema, &mut |object_schema| {
            if let Some(title) = &object_schema.title {
                titles
                    .entry(title.clone())
                    .or_default()
                    .insert(shape(object_schema));
            }
        });
    };
    for operation in &document.operations {
        for parameter in &operation.parameters {
            visit(&parameter.schema);
        }
        for (_, body) in &operation.body {
            if let Kind::Object(object) = &body.kind {
                for (_, property) in &object.properties {
                    visit(property);
                }
            }
        }
    }
    titles
}

/// Calls `found` with every inline object schema with properties inside `schema`, outermost
/// first.
fn inline_objects<'s>(schema: &'s Schema, found: &mut dyn FnMut(&'s Schema)) {
    match &schema.kind {
        Kind::Object(object) => {
            if !object.properties.is_empty() {
                found(schema);
            }
            for (_, property) in &object.properties {
                inline_objects(property, found);
            }
            if let Some(values) = &object.additional {
                inline_objects(values, found);
            }
        }
        Kind::AnyOf(choices) => {
            for choice in choices {
                inline_objects(choice, found);
            }
        }
        Kind::Array(items) => inline_objects(items, found),
        _ => {}
    }
}

/// The keys of the JSON `value` that `schema` does not document, as JSON pointers below `at`:
/// an example object can carry keys its schema lacks (`fixtures3.json` has `address.zip` where
/// the schema has `postal_code`), which no model keeps. Of the choices of an `anyOf`, the one
/// that documents the most. `None` when `value` is not of the schema's kind at all.
pub fn undocumented_keys(
    document: &Document,
    schema: &Schema,
    value: &serde_json::Value,
    at: &str,
) -> Option<Vec<String>> {
    use serde_json::Value;
    match (&schema.kind, value) {
        (_, Value::Null) | (Kind::Any, _) => Some(Vec::new()),
        (Kind::Ref(name), _) => undocumented_keys(document, document.schemas.get(name)?, value, at),
        (Kind::AnyOf(choices), _) => choices
            .iter()
            .filter_map(|choice| undocumented_keys(document, choice, value, at))
            .min_by_key(Vec::len),
        // `type: object` with neither properties nor a schema for values: free-form.
        (Kind::Object(object), Value::Object(_))
            if object.properties.is_empty() && object.additional.is_none() =>
        {
            Some(Vec::new())
        }
        (Kind::Object(object), Value::Object(entries)) => {
            let mut found = Vec::new();
            for (key, entry) in entries {
                let below = format!("{at}/{}", crate::openapi::escape(key));
                let schema = object.property(key).or(object.additional.as_deref());
                match schema {
                    Some(schema) => {
                        found.extend(undocumented_keys(document, schema, entry, &below)?);
                    }
                    None => found.push(below),
                }
            }
            Some(found)
        }
        (Kind::Array(items), Value::Array(entries)) => {
            let mut found = Vec::new();
            for (index, entry) in entries.iter().enumerate() {
                found.extend(undocumented_keys(
                    document,
                    items,
                    entry,
                    &format!("{at}/{index}"),
                )?);
            }
            Some(found)
        }
        (Kind::String { .. }, Value::String(_))
        | (Kind::Integer { .. } | Kind::Number, Value::Number(_))
        | (Kind::Boolean { .. }, Value::Bool(_)) => Some(Vec::new()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::openapi::parse;

    fn document() -> Document {
        parse(
            "t.json",
            r##"{"openapi": "3.0.0", "info": {"version": "v"}, "paths": {},
            "components": {"schemas": {
                "widget": {"type": "object", "x-resourceId": "widget", "properties": {
                    "id": {"type": "string"}, "object": {"type": "string", "enum": ["widget"]},
                    "part": {"$ref": "#/components/schemas/part"},
                    "owner": {"anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/owner"}],
                              "x-expansionResources": {"oneOf": [{"$ref": "#/components/schemas/owner"}]}},
                    "gone": {"$ref": "#/components/schemas/gone"}}},
                "part": {"type": "object", "properties": {"size": {"anyOf": [{"$ref": "#/components/schemas/size"}]}}},
                "size": {"type": "object", "properties": {}},
                "owner": {"type": "object", "properties": {"id": {"type": "string"}}}
            }}}"##,
        )
        .unwrap()
    }

    #[test]
    fn finds_the_keys_of_an_example_that_its_schema_does_not_document() {
        let document = document();
        let example = serde_json::json!({
            "id": "wid_1", "object": "widget", "part": {"size": {"free": 1}},
            "owner": {"id": "own_1", "zip": "94111"}, "extra": true, "gone": null
        });
        let widget = &document.schemas["widget"];
        let mut found = undocumented_keys(&document, widget, &example, "").unwrap();
        found.sort();
        // `owner` is an ID or an object: the object documents `id` but not `zip`.
        assert_eq!(found, ["/extra", "/owner/zip"]);
        let documented = serde_json::json!({"id": "wid_1", "owner": "own_1"});
        assert_eq!(
            undocumented_keys(&document, widget, &documented, ""),
            Some(vec![])
        );
        // Not an object at all.
        assert_eq!(
            undocumented_keys(&document, widget, &serde_json::json!([1]), ""),
            None
        );
    }

    #[test]
    fn finds_what_resources_need_by_value() {
        let document = document();
        let roots = BTreeSet::from(["widget".to_owned()]);
        let needed: Vec<String> = needed_by_value(&document, &roots).into_iter().collect();
        // Not `owner`, reached only through an expandable; not `gone`, which does not exist.
        assert_eq!(needed, ["part", "size", "widget"]);
        let widget = object_of(&document, "widget").unwrap();
        assert!(has_id(widget));
        assert_eq!(object_tag(widget), Some("widget"));
        assert!(!has_id(object_of(&document, "owner").unwrap()));
        assert!(is_top_level(&document, "widget"));
        assert!(!is_top_level(&document, "part"));
    }

    #[test]
    fn shapes_ignore_descriptions_but_not_structure() {
        let a = parse_schema(
            r#"{"type": "object", "title": "t", "description": "A.", "properties": {"x": {"type": "string", "description": "X."}}}"#,
        );
        let b = parse_schema(
            r#"{"type": "object", "title": "t", "properties": {"x": {"type": "string"}}}"#,
        );
        let c = parse_schema(
            r#"{"type": "object", "title": "t", "required": ["x"], "properties": {"x": {"type": "string"}}}"#,
        );
        assert_eq!(shape(&a), shape(&b));
        assert_ne!(shape(&a), shape(&c));
    }

    fn parse_schema(text: &str) -> Schema {
        let document = parse(
            "t.json",
            &format!(
                r#"{{"openapi": "3.0.0", "info": {{"version": "v"}}, "paths": {{}}, "components": {{"schemas": {{"s": {text}}}}}}}"#
            ),
        )
        .unwrap();
        document.schemas["s"].clone()
    }
}
