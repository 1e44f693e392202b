//! `cargo xtask audit <spec3.json | dir>`: what a new API version changed in what spec/ models.
//! Fields, nullability, optionality, clearable parameters, enum values, endpoints and parameters
//! are compared within the pairs [`pairing`](crate::pairing::pair) finds; an OpenAPI endpoint or schema
//! spec/ does not reach is not a finding. Every finding points at the spec/ YAML it concerns.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use codegen::Sources;
use codegen::source::Span;
use codegen::spec::ast::Spec;
use serde_json::{Map, Value};

use crate::import::schemas;
use crate::openapi::{self, Document};
use crate::pairing::{self, Holder};

/// One difference, at the spec/ YAML it concerns.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// Where in spec/.
    pub span: Span,
    /// What differs.
    pub message: String,
}

/// Reads Stripe's OpenAPI file, or a directory holding an extract of it as `schemas.json`
/// (`{name: schema}`) and `paths.json` (`{path: path item}`).
pub fn read_openapi(path: &Path) -> Result<Document, String> {
    if !path.is_dir() {
        return openapi::read(path).map_err(|error| error.to_string());
    }
    let read = |name: &str| -> Result<Map<String, Value>, String> {
        let file = path.join(name);
        let text =
            fs::read_to_string(&file).map_err(|error| format!("{}: {error}", file.display()))?;
        match serde_json::from_str(&text) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err(format!("{}: expected a JSON object", file.display())),
            Err(error) => Err(format!(
                "{}:{}:{}: not JSON: {error}",
                file.display(),
                error.line(),
                error.column()
            )),
        }
    };
    let document = serde_json::json!({
        "openapi": "3.0.0",
        "info": {"version": ""},
        "components": {"schemas": read("schemas.json")?},
        "paths": read("paths.json")?,
    });
    openapi::from_value(&path.display().to_string(), &document).map_err(|error| error.to_string())
}

/// Every difference between `spec` and `document` in what `spec` models, sorted by position.
pub fn audit(spec: &Spec, document: &Document) -> Vec<Finding> {
    let pairing = pairing::pair(spec, document, None);
    let mut findings = BTreeSet::new();
    let mut add = |span: Span, message: String| {
        findings.insert(Finding { span, message });
    };
    for object in &pairing.lost_objects {
        if let Some(tag) = &object.object {
            add(
                tag.span,
                format!(
                    "{}: the OpenAPI has no object `{}`",
                    object.name.value, tag.value
                ),
            );
        }
    }
    for pair in &pairing.objects {
        let holder = pair.holder.name();
        let (field_kind, missing_kind) = match pair.holder {
            Holder::Object(_) => ("field", "field"),
            Holder::Params(_) => ("parameter", "parameter"),
        };
        for property in &pair.properties {
            if !pair
                .holder
                .fields()
                .iter()
                .any(|f| f.name.value == property.name)
            {
                add(
                    pair.holder.span(),
                    format!("{holder}: missing {missing_kind} `{}`", property.name),
                );
            }
        }
        for field in pair.holder.fields() {
            let at = format!("{holder}.{}", field.name.value);
            let Some(property) = pair.properties.iter().find(|p| p.name == field.name.value) else {
                add(
                    field.name.span,
                    format!(
                        "{holder}: {field_kind} `{}` is not in the OpenAPI",
                        field.name.value
                    ),
                );
                continue;
            };
            let nullable =
                property.schema.nullable || schemas::unwrap_single(property.schema).nullable;
            if !pair.params && field.nullable.is_some() != nullable {
                add(
                    field.name.span,
                    format!(
                        "{at}: nullable is {}, the OpenAPI says {nullable}",
                        field.nullable.is_some()
                    ),
                );
            }
            if field.optional.is_some() == property.required {
                add(
                    field.name.span,
                    format!(
                        "{at}: optional is {}, the OpenAPI says {}",
                        field.optional.is_some(),
                        !property.required
                    ),
                );
            }
            let clearable = pairing::is_clearable(property.schema, property.required);
            if pair.params && field.clearable.is_some() != clearable {
                add(
                    field.name.span,
                    format!(
                        "{at}: clearable is {}, the OpenAPI says {clearable}",
                        field.clearable.is_some()
                    ),
                );
            }
        }
    }
    for pair in &pairing.enums {
        let spec_values: BTreeSet<&str> = pair
            .def
            .values
            .iter()
            .map(|v| v.wire.value.as_str())
            .collect();
        let openapi: BTreeSet<&str> = pair.values.iter().copied().collect();
        for added in openapi.difference(&spec_values) {
            add(
                pair.def.name.span,
                format!(
                    "{}: enum value `{added}` is missing (`{}`)",
                    pair.at, pair.def.name.value
                ),
            );
        }
        for value in &pair.def.values {
            if !openapi.contains(value.wire.value.as_str()) {
                add(
                    value.wire.span,
                    format!(
                        "{}: enum value `{}` of `{}` is not in the OpenAPI",
                        pair.at, value.wire.value, pair.def.name.value
                    ),
                );
            }
        }
    }
    for pair in &pairing.endpoints {
        let declared: BTreeSet<&str> = pair
            .def
            .path_params
            .iter()
            .map(|p| p.name.value.as_str())
            .collect();
        let placeholders: BTreeSet<&str> = pair
            .operation
            .parameters
            .iter()
            .filter(|p| p.location == openapi::Location::Path)
            .map(|p| p.name.as_str())
            .collect();
        if declared != placeholders {
            add(
                pair.def.name.span,
                format!(
                    "{}: path parameters {declared:?}, the OpenAPI has {placeholders:?}",
                    pair.def.name.value
                ),
            );
        }
    }
    for endpoint in &pairing.lost_endpoints {
        add(
            endpoint.name.span,
            format!(
                "{}: {} {} is not in the OpenAPI",
                endpoint.name.value,
                endpoint.method.as_str(),
                endpoint.path.text.value
            ),
        );
    }
    for mismatch in pairing.mismatches {
        add(mismatch.span, mismatch.message);
    }
    findings.into_iter().collect()
}

/// `spec/x.yaml:12:9: message`, one line per finding, in file order.
pub fn render(findings: &[Finding], sources: &Sources) -> Vec<String> {
    let mut lines: Vec<(String, usize, usize, String)> = findings
        .iter()
        .map(|finding| {
            (
                sources.file(finding.span.file).display.clone(),
                finding.span.line,
                finding.span.col,
                finding.message.clone(),
            )
        })
        .collect();
    lines.sort();
    lines
        .into_iter()
        .map(|(file, line, col, message)| format!("{file}:{line}:{col}: {message}"))
        .collect()
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
      object: { type: object_tag, description: Its type. }
      color: { type: Color, description: Its colour. }
      size: { type: integer, nullable: true, optional: true, description: Its size. }
      gone: { type: string, description: Not in the API any more. }
enums:
  Color:
    description: A colour.
    values:
      red: Red.
      green: Green.
endpoints:
  list_widgets:
    description: Lists widgets.
    method: GET
    path: /v1/widgets
    params:
      limit: { type: integer, optional: true, description: At most this many. }
    returns: list<Widget>
  retrieve_gadget:
    description: Not in the API.
    method: GET
    path: /v1/gadgets
    returns: Widget
";

    const OPENAPI: &str = r##"{"openapi": "3.0.0", "info": {"version": "2026-07-29.dahlia"},
        "components": {"schemas": {"widget": {"type": "object", "x-resourceId": "widget",
            "required": ["color", "id", "object", "size", "added"],
            "properties": {"id": {"type": "string"}, "object": {"type": "string", "enum": ["widget"]},
                "color": {"type": "string", "enum": ["red", "blue"]},
                "size": {"type": "integer"}, "added": {"type": "boolean"}}}}},
        "paths": {"/v1/widgets": {
            "get": {"parameters": [{"in": "query", "name": "limit", "required": true, "schema": {"type": "integer"}},
                                   {"in": "query", "name": "status", "schema": {"type": "string"}}],
                    "responses": {"200": {"content": {"application/json": {"schema": {
                        "type": "object", "properties": {"object": {"type": "string", "enum": ["list"]},
                        "data": {"type": "array", "items": {"$ref": "#/components/schemas/widget"}}}}}}}}},
            "post": {"responses": {}}}}}"##;

    #[test]
    fn finds_every_kind_of_difference_at_its_line() {
        let mut sources = Sources::default();
        sources.add("spec/api.yaml".into(), "api.yaml".into(), API.into());
        sources.add(
            "spec/widgets/widget.yaml".into(),
            "widgets/widget.yaml".into(),
            SPEC.into(),
        );
        let spec = codegen::spec::decode::decode(&sources)
            .spec
            .expect("the spec decodes");
        let document = openapi::parse("spec3.json", OPENAPI).unwrap();
        let findings = render(&audit(&spec, &document), &sources);
        assert_eq!(
            findings,
            [
                "spec/widgets/widget.yaml:3:3: Widget: missing field `added`",
                "spec/widgets/widget.yaml:11:7: Widget.size: nullable is true, the OpenAPI says false",
                "spec/widgets/widget.yaml:11:7: Widget.size: optional is true, the OpenAPI says false",
                "spec/widgets/widget.yaml:12:7: Widget: field `gone` is not in the OpenAPI",
                "spec/widgets/widget.yaml:14:3: Widget.color: enum value `blue` is missing (`Color`)",
                "spec/widgets/widget.yaml:18:7: Widget.color: enum value `green` of `Color` is not in the OpenAPI",
                "spec/widgets/widget.yaml:20:3: list_widgets: missing parameter `status`",
                "spec/widgets/widget.yaml:25:7: list_widgets.limit: optional is true, the OpenAPI says false",
                "spec/widgets/widget.yaml:27:3: retrieve_gadget: GET /v1/gadgets is not in the OpenAPI",
            ]
        );
    }
}
