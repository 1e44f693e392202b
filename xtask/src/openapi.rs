//! A typed view of Stripe's OpenAPI file (`openapi/spec3.json` in stripe/openapi): its
//! operations and component schemas, with the Stripe extensions the importer and the audit read
//! (`x-resourceId`, `x-expandableFields`, `x-expansionResources`).
//!
//! Reading never panics: every node that does not have the shape OpenAPI 3 gives it is reported
//! with its JSON pointer (`/paths/~1v1~1customers/get/parameters/2/schema`), all of them at once.
//! Keys this view does not use (`maxLength`, `style`, `x-stripeBypassValidation`, ...) are
//! ignored. `$ref`s are kept as component names and may dangle: an extract stops at the
//! resources it does not include.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use serde_json::{Map, Value};

/// The parts of an OpenAPI document the importer uses.
#[derive(Debug)]
pub struct Document {
    /// `info.version`: the Stripe API version.
    pub version: String,
    /// `components.schemas`, by name.
    pub schemas: BTreeMap<String, Schema>,
    /// Every operation, sorted by path and then method.
    pub operations: Vec<Operation>,
}

/// A schema and where it is in the document.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    /// Its JSON pointer.
    pub at: String,
    /// `description`, empty when there is none.
    pub description: String,
    /// `title`.
    pub title: Option<String>,
    /// `nullable: true`.
    pub nullable: bool,
    /// `x-expansionResources.oneOf`: the component names an expandable field can expand into.
    pub expansion_resources: Vec<String>,
    /// What it describes.
    pub kind: Kind,
}

/// The shape of a schema.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `$ref: '#/components/schemas/NAME'`: the component `NAME`.
    Ref(String),
    /// `anyOf: [...]`.
    AnyOf(Vec<Schema>),
    /// `type: string`, with its `enum` values and `format`.
    String {
        /// `enum`.
        values: Option<Vec<String>>,
        /// `format`.
        format: Option<String>,
    },
    /// `type: integer`; `format: unix-time` makes it a timestamp.
    Integer {
        /// `format: unix-time`.
        unix_time: bool,
    },
    /// `type: number`.
    Number,
    /// `type: boolean`, with its single `enum` value if it has one (`deleted: true`).
    Boolean {
        /// `enum: [true]` gives `Some(true)`.
        only: Option<bool>,
    },
    /// `type: array`.
    Array(Box<Schema>),
    /// `type: object`.
    Object(Object),
    /// No `type`, `$ref` or `anyOf`: any JSON value.
    Any,
}

/// An object schema.
#[derive(Clone, Debug, PartialEq)]
pub struct Object {
    /// `properties`, sorted by name.
    pub properties: Vec<(String, Schema)>,
    /// `required`.
    pub required: BTreeSet<String>,
    /// `additionalProperties` when it is a schema (a map's values).
    pub additional: Option<Box<Schema>>,
    /// `x-resourceId`.
    pub resource_id: Option<String>,
    /// `x-expandableFields`.
    pub expandable_fields: Vec<String>,
}

impl Object {
    /// The property `name`.
    pub fn property(&self, name: &str) -> Option<&Schema> {
        self.properties
            .iter()
            .find(|(property, _)| property == name)
            .map(|(_, schema)| schema)
    }
}

/// An HTTP method.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    /// `get`
    Get,
    /// `post`
    Post,
    /// `delete`
    Delete,
    /// Any other method, which no Stripe operation uses.
    Other(String),
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Method::Get => f.write_str("GET"),
            Method::Post => f.write_str("POST"),
            Method::Delete => f.write_str("DELETE"),
            Method::Other(other) => f.write_str(&other.to_uppercase()),
        }
    }
}

/// An operation: one method of one path.
#[derive(Debug)]
pub struct Operation {
    /// Its JSON pointer.
    pub at: String,
    /// The method.
    pub method: Method,
    /// The path, with `{placeholders}`.
    pub path: String,
    /// `operationId`, empty when there is none.
    pub id: String,
    /// `summary`, empty when there is none.
    pub summary: String,
    /// `description` (HTML), empty when there is none.
    pub description: String,
    /// `parameters`, in order.
    pub parameters: Vec<Parameter>,
    /// `requestBody`, by media type.
    pub body: Vec<(String, Schema)>,
    /// The `200` response.
    pub response: Response,
}

/// Where a parameter goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// `in: path`
    Path,
    /// `in: query`
    Query,
    /// `in: header`, `in: cookie`
    Other(String),
}

/// A parameter of an operation.
#[derive(Debug)]
pub struct Parameter {
    /// Its JSON pointer.
    pub at: String,
    /// `name`.
    pub name: String,
    /// `in`.
    pub location: Location,
    /// `required`.
    pub required: bool,
    /// `description`, empty when there is none.
    pub description: String,
    /// `schema`.
    pub schema: Schema,
}

/// The successful response of an operation.
#[derive(Debug)]
pub enum Response {
    /// `application/json`.
    Json(Schema),
    /// Another media type only (`application/pdf`).
    Other(String),
    /// No `200` response with content.
    Missing,
}

/// One node that is not what OpenAPI 3 has there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The node's JSON pointer (`""` for the document).
    pub at: String,
    /// What was found and what was expected.
    pub message: String,
}

/// Why a document could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be read.
    Io(String),
    /// The file is not JSON.
    Json(String),
    /// The JSON is not an OpenAPI document of the shape Stripe publishes.
    Shape {
        /// The file, as shown.
        file: String,
        /// Every problem found, in document order.
        problems: Vec<Problem>,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(message) | ReadError::Json(message) => f.write_str(message),
            ReadError::Shape { file, problems } => {
                for (index, problem) in problems.iter().enumerate() {
                    if index > 0 {
                        writeln!(f)?;
                    }
                    let at = if problem.at.is_empty() {
                        "the document"
                    } else {
                        &problem.at
                    };
                    write!(f, "{file}: at {at}: {}", problem.message)?;
                }
                Ok(())
            }
        }
    }
}

/// Reads and checks the OpenAPI document in `path`.
pub fn read(path: &Path) -> Result<Document, ReadError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|error| ReadError::Io(format!("{shown}: {error}")))?;
    parse(&shown, &text)
}

/// Checks the OpenAPI document `text`, shown in messages as `file`.
pub fn parse(file: &str, text: &str) -> Result<Document, ReadError> {
    let value: Value = serde_json::from_str(text).map_err(|error| {
        ReadError::Json(format!(
            "{file}:{}:{}: not JSON: {error}",
            error.line(),
            error.column()
        ))
    })?;
    from_value(file, &value)
}

/// Checks an OpenAPI document already parsed as JSON.
pub fn from_value(file: &str, value: &Value) -> Result<Document, ReadError> {
    let mut reader = Reader {
        problems: Vec::new(),
    };
    let document = reader.document(value);
    if reader.problems.is_empty() {
        Ok(document)
    } else {
        Err(ReadError::Shape {
            file: file.to_owned(),
            problems: reader.problems,
        })
    }
}

/// `#/components/schemas/` followed by a component name.
const SCHEMA_REF: &str = "#/components/schemas/";

/// Escapes a key for a JSON pointer (RFC 6901).
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// What a JSON value is, for messages.
fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

struct Reader {
    problems: Vec<Problem>,
}

impl Reader {
    fn problem(&mut self, at: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            at: at.to_owned(),
            message: message.into(),
        });
    }

    fn expected(&mut self, at: &str, found: &Value, expected: &str) {
        self.problem(
            at,
            format!("expected {expected}, found {}", describe(found)),
        );
    }

    /// The object at `at`, or a problem.
    fn object<'v>(&mut self, at: &str, value: &'v Value) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(map) => Some(map),
            other => {
                self.expected(at, other, "an object");
                None
            }
        }
    }

    /// The key `key` of `map`, which must be present.
    fn required<'v>(
        &mut self,
        at: &str,
        map: &'v Map<String, Value>,
        key: &str,
    ) -> Option<&'v Value> {
        let value = map.get(key);
        if value.is_none() {
            self.problem(at, format!("missing key `{key}`"));
        }
        value
    }

    /// An optional string under `key`.
    fn string(&mut self, at: &str, map: &Map<String, Value>, key: &str) -> Option<String> {
        match map.get(key)? {
            Value::String(text) => Some(text.clone()),
            other => {
                self.expected(&format!("{at}/{}", escape(key)), other, "a string");
                None
            }
        }
    }

    /// An optional boolean under `key`, false when absent.
    fn flag(&mut self, at: &str, map: &Map<String, Value>, key: &str) -> bool {
        match map.get(key) {
            None => false,
            Some(Value::Bool(flag)) => *flag,
            Some(other) => {
                self.expected(&format!("{at}/{}", escape(key)), other, "a boolean");
                false
            }
        }
    }

    /// An optional array of strings under `key`.
    fn strings(&mut self, at: &str, map: &Map<String, Value>, key: &str) -> Vec<String> {
        let at = format!("{at}/{}", escape(key));
        match map.get(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(index, item)| match item {
                    Value::String(text) => Some(text.clone()),
                    other => {
                        self.expected(&format!("{at}/{index}"), other, "a string");
                        None
                    }
                })
                .collect(),
            Some(other) => {
                self.expected(&at, other, "an array of strings");
                Vec::new()
            }
        }
    }

    fn document(&mut self, value: &Value) -> Document {
        let mut document = Document {
            version: String::new(),
            schemas: BTreeMap::new(),
            operations: Vec::new(),
        };
        let Some(root) = self.object("", value) else {
            return document;
        };
        match self.string("", root, "openapi") {
            Some(version) if version.starts_with("3.") => {}
            Some(version) => self.problem(
                "/openapi",
                format!("OpenAPI version `{version}` is not supported; expected 3.x"),
            ),
            None => self.problem("", "missing key `openapi`; expected an OpenAPI 3 document"),
        }
        if let Some(info) = self.required("", root, "info")
            && let Some(info) = self.object("/info", info)
        {
            if let Some(Value::String(version)) = self.required("/info", info, "version") {
                document.version = version.clone();
            } else if let Some(other) = info.get("version") {
                self.expected("/info/version", other, "a string");
            }
        }
        let schemas = root
            .get("components")
            .and_then(|components| self.object("/components", components))
            .and_then(|components| components.get("schemas"));
        match schemas {
            Some(schemas) => {
                if let Some(schemas) = self.object("/components/schemas", schemas) {
                    for (name, schema) in schemas {
                        let at = format!("/components/schemas/{}", escape(name));
                        document
                            .schemas
                            .insert(name.clone(), self.schema(&at, schema));
                    }
                }
            }
            None => self.problem("", "missing `components.schemas`"),
        }
        if let Some(paths) = self.required("", root, "paths")
            && let Some(paths) = self.object("/paths", paths)
        {
            for (path, item) in paths {
                self.path_item(path, item, &mut document.operations);
            }
        }
        document
            .operations
            .sort_by(|a, b| (a.path.as_str(), &a.method).cmp(&(b.path.as_str(), &b.method)));
        document
    }

    fn path_item(&mut self, path: &str, item: &Value, operations: &mut Vec<Operation>) {
        let at = format!("/paths/{}", escape(path));
        if !path.starts_with('/') {
            self.problem(&at, format!("the path `{path}` does not start with `/`"));
        }
        let Some(item) = self.object(&at, item) else {
            return;
        };
        for (method, operation) in item {
            let method = match method.as_str() {
                "get" => Method::Get,
                "post" => Method::Post,
                "delete" => Method::Delete,
                // Shared parameters and documentation of a path item, not operations.
                "parameters" | "summary" | "description" | "servers" => {
                    if method == "parameters" {
                        self.problem(
                            &format!("{at}/parameters"),
                            "path-level `parameters` are not supported; expected them on each operation",
                        );
                    }
                    continue;
                }
                other => Method::Other(other.to_owned()),
            };
            let at = format!("{at}/{}", escape(&method.to_string().to_lowercase()));
            if let Some(operation) = self.operation(&at, path, method, operation) {
                operations.push(operation);
            }
        }
    }

    fn operation(
        &mut self,
        at: &str,
        path: &str,
        method: Method,
        value: &Value,
    ) -> Option<Operation> {
        let map = self.object(at, value)?;
        let mut parameters = Vec::new();
        match map.get("parameters") {
            None => {}
            Some(Value::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    let at = format!("{at}/parameters/{index}");
                    if let Some(parameter) = self.parameter(&at, item) {
                        parameters.push(parameter);
                    }
                }
            }
            Some(other) => self.expected(&format!("{at}/parameters"), other, "an array"),
        }
        for parameter in &parameters {
            if parameter.location == Location::Path
                && !path.contains(&format!("{{{}}}", parameter.name))
            {
                self.problem(
                    &format!("{}/name", parameter.at),
                    format!(
                        "path parameter `{}` is not a placeholder of `{path}`",
                        parameter.name
                    ),
                );
            }
        }
        let mut body = Vec::new();
        if let Some(request) = map.get("requestBody") {
            let at = format!("{at}/requestBody");
            if let Some(content) = self
                .object(&at, request)
                .and_then(|request| request.get("content"))
            {
                body = self.content(&format!("{at}/content"), content);
            }
        }
        let response = match map.get("responses") {
            None => {
                self.problem(at, "missing key `responses`");
                Response::Missing
            }
            Some(responses) => self.response(&format!("{at}/responses"), responses),
        };
        Some(Operation {
            at: at.to_owned(),
            method,
            path: path.to_owned(),
            id: self.string(at, map, "operationId").unwrap_or_default(),
            summary: self.string(at, map, "summary").unwrap_or_default(),
            description: self.string(at, map, "description").unwrap_or_default(),
            parameters,
            body,
            response,
        })
    }

    /// `content`: each media type's schema, in key order.
    fn content(&mut self, at: &str, value: &Value) -> Vec<(String, Schema)> {
        let Some(content) = self.object(at, value) else {
            return Vec::new();
        };
        let mut media = Vec::new();
        for (media_type, entry) in content {
            let at = format!("{at}/{}", escape(media_type));
            let Some(entry) = self.object(&at, entry) else {
                continue;
            };
            let schema = match entry.get("schema") {
                Some(schema) => self.schema(&format!("{at}/schema"), schema),
                None => Schema {
                    at: at.clone(),
                    description: String::new(),
                    title: None,
                    nullable: false,
                    expansion_resources: Vec::new(),
                    kind: Kind::Any,
                },
            };
            media.push((media_type.clone(), schema));
        }
        media
    }

    fn response(&mut self, at: &str, value: &Value) -> Response {
        let Some(responses) = self.object(at, value) else {
            return Response::Missing;
        };
        let Some(ok) = responses.get("200") else {
            return Response::Missing;
        };
        let at = format!("{at}/200");
        let Some(content) = self.object(&at, ok).and_then(|ok| ok.get("content")) else {
            return Response::Missing;
        };
        let mut media = self.content(&format!("{at}/content"), content);
        if let Some(index) = media
            .iter()
            .position(|(media_type, _)| media_type == "application/json")
        {
            return Response::Json(media.swap_remove(index).1);
        }
        match media.into_iter().next() {
            Some((media_type, _)) => Response::Other(media_type),
            None => Response::Missing,
        }
    }

    fn parameter(&mut self, at: &str, value: &Value) -> Option<Parameter> {
        let map = self.object(at, value)?;
        if map.contains_key("$ref") {
            self.problem(
                at,
                "a `$ref` parameter is not supported; expected the parameter written out",
            );
            return None;
        }
        let name = match self.required(at, map, "name") {
            Some(Value::String(name)) => name.clone(),
            Some(other) => {
                self.expected(&format!("{at}/name"), other, "a string");
                return None;
            }
            None => return None,
        };
        let location = match self.required(at, map, "in") {
            Some(Value::String(location)) => match location.as_str() {
                "path" => Location::Path,
                "query" => Location::Query,
                other => Location::Other(other.to_owned()),
            },
            Some(other) => {
                self.expected(&format!("{at}/in"), other, "a string");
                return None;
            }
            None => return None,
        };
        let schema = match self.required(at, map, "schema") {
            Some(schema) => self.schema(&format!("{at}/schema"), schema),
            None => return None,
        };
        Some(Parameter {
            at: at.to_owned(),
            required: self.flag(at, map, "required"),
            description: self.string(at, map, "description").unwrap_or_default(),
            name,
            location,
            schema,
        })
    }

    fn schema(&mut self, at: &str, value: &Value) -> Schema {
        let mut schema = Schema {
            at: at.to_owned(),
            description: String::new(),
            title: None,
            nullable: false,
            expansion_resources: Vec::new(),
            kind: Kind::Any,
        };
        let Some(map) = self.object(at, value) else {
            return schema;
        };
        schema.description = self.string(at, map, "description").unwrap_or_default();
        schema.title = self.string(at, map, "title");
        schema.nullable = self.flag(at, map, "nullable");
        if let Some(expansion) = map.get("x-expansionResources") {
            schema.expansion_resources =
                self.expansion(&format!("{at}/x-expansionResources"), expansion);
        }
        schema.kind = self.kind(at, map);
        schema
    }

    fn expansion(&mut self, at: &str, value: &Value) -> Vec<String> {
        let Some(map) = self.object(at, value) else {
            return Vec::new();
        };
        let Some(one_of) = self.required(at, map, "oneOf") else {
            return Vec::new();
        };
        let at = format!("{at}/oneOf");
        let Value::Array(items) = one_of else {
            self.expected(&at, one_of, "an array");
            return Vec::new();
        };
        let mut names = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let at = format!("{at}/{index}");
            let reference = self
                .object(&at, item)
                .and_then(|item| self.string(&at, item, "$ref"));
            match reference {
                Some(reference) => {
                    if let Some(name) = self.reference(&format!("{at}/$ref"), &reference) {
                        names.push(name);
                    }
                }
                None => self.problem(&at, "expected `{\"$ref\": \"#/components/schemas/...\"}`"),
            }
        }
        names
    }

    fn reference(&mut self, at: &str, reference: &str) -> Option<String> {
        match reference.strip_prefix(SCHEMA_REF) {
            Some(name) if !name.is_empty() && !name.contains('/') => Some(name.to_owned()),
            _ => {
                self.problem(
                    at,
                    format!(
                        "the reference `{reference}` is not supported; expected `{SCHEMA_REF}NAME`"
                    ),
                );
                None
            }
        }
    }

    fn kind(&mut self, at: &str, map: &Map<String, Value>) -> Kind {
        if let Some(reference) = map.get("$ref") {
            let at = format!("{at}/$ref");
            return match reference {
                Value::String(reference) => {
                    self.reference(&at, reference).map_or(Kind::Any, Kind::Ref)
                }
                other => {
                    self.expected(&at, other, "a string");
                    Kind::Any
                }
            };
        }
        for key in ["allOf", "oneOf", "not"] {
            if map.contains_key(key) {
                self.problem(
                    &format!("{at}/{key}"),
                    format!("`{key}` is not supported in a schema; Stripe's spec writes choices with `anyOf`"),
                );
            }
        }
        if let Some(choices) = map.get("anyOf") {
            let at = format!("{at}/anyOf");
            return match choices {
                Value::Array(items) if !items.is_empty() => Kind::AnyOf(
                    items
                        .iter()
                        .enumerate()
                        .map(|(index, item)| self.schema(&format!("{at}/{index}"), item))
                        .collect(),
                ),
                other => {
                    self.expected(&at, other, "a non-empty array of schemas");
                    Kind::Any
                }
            };
        }
        let Some(ty) = map.get("type") else {
            return Kind::Any;
        };
        let Value::String(ty) = ty else {
            self.expected(&format!("{at}/type"), ty, "a string");
            return Kind::Any;
        };
        match ty.as_str() {
            "string" => {
                let values = map.get("enum").map(|_| self.strings(at, map, "enum"));
                if values.as_ref().is_some_and(Vec::is_empty) {
                    self.problem(
                        &format!("{at}/enum"),
                        "an enum without values; expected at least one",
                    );
                }
                Kind::String {
                    values,
                    format: self.string(at, map, "format"),
                }
            }
            "integer" => Kind::Integer {
                unix_time: self.string(at, map, "format").as_deref() == Some("unix-time"),
            },
            "number" => Kind::Number,
            "boolean" => {
                let only = match map.get("enum") {
                    None => None,
                    Some(Value::Array(values)) => match values.as_slice() {
                        [Value::Bool(only)] => Some(*only),
                        _ => {
                            self.problem(
                                &format!("{at}/enum"),
                                "expected a boolean enum of one value, such as `[true]`",
                            );
                            None
                        }
                    },
                    Some(other) => {
                        self.expected(&format!("{at}/enum"), other, "an array");
                        None
                    }
                };
                Kind::Boolean { only }
            }
            "array" => match map.get("items") {
                Some(items) => Kind::Array(Box::new(self.schema(&format!("{at}/items"), items))),
                None => {
                    self.problem(at, "an array schema has no `items`");
                    Kind::Any
                }
            },
            "object" => Kind::Object(self.object_schema(at, map)),
            other => {
                self.problem(
                    &format!("{at}/type"),
                    format!("unknown type `{other}`; expected string, integer, number, boolean, array or object"),
                );
                Kind::Any
            }
        }
    }

    fn object_schema(&mut self, at: &str, map: &Map<String, Value>) -> Object {
        let mut properties = Vec::new();
        if let Some(value) = map.get("properties") {
            let at = format!("{at}/properties");
            if let Some(map) = self.object(&at, value) {
                for (name, schema) in map {
                    let at = format!("{at}/{}", escape(name));
                    properties.push((name.clone(), self.schema(&at, schema)));
                }
            }
        }
        let required: BTreeSet<String> = self.strings(at, map, "required").into_iter().collect();
        for name in &required {
            if !properties.is_empty() && !properties.iter().any(|(property, _)| property == name) {
                self.problem(
                    &format!("{at}/required"),
                    format!("`{name}` is required but is not a property"),
                );
            }
        }
        let additional = match map.get("additionalProperties") {
            None | Some(Value::Bool(_)) => None,
            Some(schema @ Value::Object(_)) => Some(Box::new(
                self.schema(&format!("{at}/additionalProperties"), schema),
            )),
            Some(other) => {
                self.expected(
                    &format!("{at}/additionalProperties"),
                    other,
                    "a boolean or a schema",
                );
                None
            }
        };
        Object {
            properties,
            required,
            additional,
            resource_id: self.string(at, map, "x-resourceId"),
            expandable_fields: self.strings(at, map, "x-expandableFields"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<Problem> {
        match parse("spec3.json", text) {
            Err(ReadError::Shape { problems, .. }) => problems,
            other => panic!("expected shape problems, got {other:?}"),
        }
    }

    const MINIMAL: &str = r##"{
        "openapi": "3.0.0",
        "info": {"version": "2026-07-29.dahlia"},
        "components": {"schemas": {
            "widget": {
                "type": "object", "x-resourceId": "widget", "required": ["id"],
                "x-expandableFields": ["owner"],
                "properties": {
                    "id": {"type": "string", "maxLength": 5000},
                    "created": {"type": "integer", "format": "unix-time"},
                    "owner": {"anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/customer"}],
                              "nullable": true,
                              "x-expansionResources": {"oneOf": [{"$ref": "#/components/schemas/customer"}]}},
                    "deleted": {"type": "boolean", "enum": [true]},
                    "metadata": {"type": "object", "additionalProperties": {"type": "string"}}
                }
            }
        }},
        "paths": {"/v1/widgets/{widget}": {
            "get": {
                "operationId": "GetWidget",
                "parameters": [{"in": "path", "name": "widget", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/widget"}}}}}
            },
            "delete": {"responses": {"200": {"content": {"application/pdf": {"schema": {}}}}}}
        }}
    }"##;

    #[test]
    fn reads_schemas_operations_and_stripe_extensions() {
        let document = parse("spec3.json", MINIMAL).unwrap();
        assert_eq!(document.version, "2026-07-29.dahlia");
        let widget = &document.schemas["widget"];
        let Kind::Object(object) = &widget.kind else {
            panic!("an object")
        };
        assert_eq!(object.resource_id.as_deref(), Some("widget"));
        assert_eq!(object.expandable_fields, ["owner"]);
        assert!(object.required.contains("id"));
        let names: Vec<&str> = object.properties.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["created", "deleted", "id", "metadata", "owner"]);
        let owner = object.property("owner").unwrap();
        assert!(owner.nullable);
        assert_eq!(owner.expansion_resources, ["customer"]);
        assert_eq!(owner.at, "/components/schemas/widget/properties/owner");
        let Kind::AnyOf(choices) = &owner.kind else {
            panic!("anyOf")
        };
        assert_eq!(choices[1].kind, Kind::Ref("customer".into()));
        assert_eq!(
            object.property("created").unwrap().kind,
            Kind::Integer { unix_time: true }
        );
        assert_eq!(
            object.property("deleted").unwrap().kind,
            Kind::Boolean { only: Some(true) }
        );
        assert!(matches!(&object.property("metadata").unwrap().kind,
            Kind::Object(map) if map.additional.is_some()));

        let [get, delete] = document.operations.as_slice() else {
            panic!("two operations")
        };
        assert_eq!((&get.method, get.id.as_str()), (&Method::Get, "GetWidget"));
        assert_eq!(get.parameters[0].location, Location::Path);
        assert!(
            matches!(&get.response, Response::Json(schema) if schema.kind == Kind::Ref("widget".into()))
        );
        assert_eq!(get.at, "/paths/~1v1~1widgets~1{widget}/get");
        assert!(matches!(&delete.response, Response::Other(media) if media == "application/pdf"));
    }

    #[test]
    fn reports_every_bad_node_with_its_pointer() {
        let text = r##"{
            "openapi": "3.0.0",
            "info": {"version": 7},
            "components": {"schemas": {
                "a": {"type": "object", "properties": {"x": {"type": "strin"}, "y": {"$ref": "#/definitions/y"}},
                      "required": ["z"]},
                "b": {"type": "array"},
                "c": {"allOf": []}
            }},
            "paths": {"/v1/a": {"get": {"parameters": [{"in": "query", "schema": {}}], "responses": {}}}}
        }"##;
        let problems = problems(text);
        let shown: Vec<(&str, &str)> = problems
            .iter()
            .map(|problem| (problem.at.as_str(), problem.message.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("/info/version", "expected a string, found a number"),
                (
                    "/components/schemas/a/properties/x/type",
                    "unknown type `strin`; expected string, integer, number, boolean, array or object"
                ),
                (
                    "/components/schemas/a/properties/y/$ref",
                    "the reference `#/definitions/y` is not supported; expected `#/components/schemas/NAME`"
                ),
                (
                    "/components/schemas/a/required",
                    "`z` is required but is not a property"
                ),
                ("/components/schemas/b", "an array schema has no `items`"),
                (
                    "/components/schemas/c/allOf",
                    "`allOf` is not supported in a schema; Stripe's spec writes choices with `anyOf`"
                ),
                ("/paths/~1v1~1a/get/parameters/0", "missing key `name`"),
            ]
        );
    }

    #[test]
    fn refuses_empty_enums_and_path_parameters_missing_from_the_path() {
        let text = r##"{
            "openapi": "3.0.0", "info": {"version": "v"},
            "components": {"schemas": {"a": {"type": "string", "enum": []}}},
            "paths": {"/v1/a/{id}": {"get": {"responses": {},
                "parameters": [{"in": "path", "name": "ident", "required": true, "schema": {"type": "string"}}]}}}
        }"##;
        let shown: Vec<(String, String)> = problems(text)
            .into_iter()
            .map(|problem| (problem.at, problem.message))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    "/components/schemas/a/enum".to_owned(),
                    "an enum without values; expected at least one".to_owned()
                ),
                (
                    "/paths/~1v1~1a~1{id}/get/parameters/0/name".to_owned(),
                    "path parameter `ident` is not a placeholder of `/v1/a/{id}`".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn refuses_what_is_not_an_openapi_3_document() {
        let error = parse("x.json", "[1, 2]").unwrap_err();
        assert_eq!(
            error.to_string(),
            "x.json: at the document: expected an object, found an array"
        );
        let error = parse("x.json", r#"{"swagger": "2.0", "paths": {}}"#).unwrap_err();
        assert_eq!(
            error.to_string(),
            "x.json: at the document: missing key `openapi`; expected an OpenAPI 3 document\n\
             x.json: at the document: missing key `info`\n\
             x.json: at the document: missing `components.schemas`"
        );
        let error = parse("x.json", "{\n  \"openapi\": }").unwrap_err();
        assert!(
            error.to_string().starts_with("x.json:2:14: not JSON: "),
            "{error}"
        );
    }

    #[test]
    fn reads_the_2026_extract() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/spec3-extract-2026-07-29.json"
        );
        let document = read(Path::new(path)).unwrap();
        assert_eq!(document.version, "2026-07-29.dahlia");
        assert_eq!(document.operations.len(), 14);
        assert_eq!(document.schemas.len(), 32);
    }

    #[test]
    fn escapes_pointer_keys() {
        assert_eq!(escape("/v1/a~b"), "~1v1~1a~0b");
    }
}
