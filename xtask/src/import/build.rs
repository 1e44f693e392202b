//! OpenAPI schemas to spec definitions: resources, objects, external resources and enums, and the
//! types of fields and parameters. What cannot be written in the spec format is reported with
//! its reason and left out, never guessed.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;

use super::ir::{self, Field, Item, Ty, TypeKey};
use super::names::{self, Namespaces, TypeKind};
use super::schemas;
use super::text;
use crate::openapi::{Document, Kind, Object, Schema};

/// Something the import left out, and why.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    /// What it concerns: `GET /v1/files`, `schema `file``, `field `account.x``.
    pub what: String,
    /// Why it was not imported.
    pub reason: String,
}

/// A module file while it is being built: definitions get their place when they are first
/// referenced, so a resource comes before the objects it uses.
#[derive(Debug, Default)]
pub struct FileBuilder {
    /// The comment on the first line.
    pub comment: String,
    /// Definitions in order; `None` while one is being built.
    pub items: Vec<Option<Item>>,
}

/// Where a field is being imported: which file new definitions go to, and the name of the
/// enclosing type, which names inline enums and objects.
#[derive(Clone, Debug)]
pub struct Owner {
    /// The file (module, stem).
    pub file: (String, String),
    /// The enclosing type's name (a struct, or an endpoint's `<Endpoint>Params`).
    pub name: String,
    /// For notes: `schema `x`` or `GET /v1/x`.
    pub label: String,
    /// Whether the enclosing type is a resource, whose `id` field has type `id`.
    pub resource: bool,
}

impl Owner {
    fn module(&self) -> &str {
        &self.file.0
    }
}

/// The state of one import.
pub struct Builder<'d> {
    pub(super) document: &'d Document,
    /// The component schemas imported with their fields.
    pub(super) needed: BTreeSet<String>,
    pub(super) names: Namespaces,
    pub(super) files: BTreeMap<(String, String), FileBuilder>,
    /// Component schema to the type it became.
    pub(super) components: BTreeMap<String, TypeKey>,
    /// Inline parameter objects by shape.
    pub(super) param_objects: BTreeMap<String, TypeKey>,
    /// Parameter object titles and their shapes, over the whole document.
    titles: BTreeMap<String, BTreeSet<String>>,
    /// ID prefixes by `object` name, from fixtures or the existing spec.
    prefixes: BTreeMap<String, String>,
    /// The types with IDs (resources and external resources), with their resource names.
    pub(super) id_resources: BTreeMap<TypeKey, String>,
    /// Resources whose ID prefix was not known and was made up.
    pub(super) guessed_prefixes: BTreeSet<String>,
    pub(super) notes: Vec<Note>,
    /// How many component schemas were imported as definitions.
    pub(super) created: usize,
}

impl<'d> Builder<'d> {
    /// A builder importing `selected` (component schema names) and what they need.
    pub fn new(
        document: &'d Document,
        selected: &BTreeSet<String>,
        names: Namespaces,
        prefixes: BTreeMap<String, String>,
    ) -> Self {
        Builder {
            document,
            needed: schemas::needed_by_value(document, selected),
            names,
            files: BTreeMap::new(),
            components: BTreeMap::new(),
            param_objects: BTreeMap::new(),
            titles: schemas::parameter_titles(document),
            prefixes,
            id_resources: BTreeMap::new(),
            guessed_prefixes: BTreeSet::new(),
            notes: Vec::new(),
            created: 0,
        }
    }

    pub(super) fn note(&mut self, what: impl Into<String>, reason: impl Into<String>) {
        self.notes.push(Note {
            what: what.into(),
            reason: reason.into(),
        });
    }

    fn file(&mut self, file: &(String, String)) -> &mut FileBuilder {
        self.files.entry(file.clone()).or_default()
    }

    /// Reserves the next place in `file` for a definition built later.
    fn slot(&mut self, file: &(String, String)) -> usize {
        let items = &mut self.file(file).items;
        items.push(None);
        items.len() - 1
    }

    fn fill(&mut self, file: &(String, String), slot: usize, item: Item) {
        self.file(file).items[slot] = Some(item);
    }

    fn push(&mut self, file: &(String, String), item: Item) {
        self.file(file).items.push(Some(item));
    }

    /// The file of a top-level schema (one with an `x-resourceId` or an ID).
    fn top_level_file(id: &str) -> (String, String) {
        (names::module_of(id), names::stem_of(id))
    }

    /// The type the component `name` becomes, importing it (and what it needs) the first time.
    /// `from` is the file of the first use, where a schema that is not top-level goes.
    pub fn component(&mut self, name: &str, from: &(String, String)) -> Result<TypeKey, String> {
        if let Some(key) = self.components.get(name) {
            return Ok(key.clone());
        }
        let document = self.document;
        let Some(schema) = document.schemas.get(name) else {
            return Err(format!(
                "it refers to schema `{name}`, which the OpenAPI file does not define"
            ));
        };
        let Kind::Object(object) = &schema.kind else {
            return Err(format!(
                "schema `{name}` is one of several objects (`anyOf`), which the spec format cannot express"
            ));
        };
        let top = schemas::is_top_level(document, name);
        let is_resource = schemas::has_id(object);
        let (file, wanted) = if top {
            let id = schemas::resource_id(name, object);
            (
                Self::top_level_file(id),
                names::upper_camel(&names::stem_of(id)),
            )
        } else {
            (from.clone(), names::upper_camel(name))
        };
        if top
            && self
                .files
                .get(&file)
                .is_none_or(|file| file.comment.is_empty())
        {
            let id = schemas::resource_id(name, object);
            self.file(&file).comment = text::file_comment(id, &document.version, false);
        }
        let kind = if is_resource {
            TypeKind::Resource
        } else {
            TypeKind::Object
        };
        let type_name = self.names.type_name(&file.0, &wanted, kind);
        let key = TypeKey {
            module: file.0.clone(),
            name: type_name.clone(),
        };
        self.components.insert(name.to_owned(), key.clone());
        self.created += 1;
        if is_resource {
            self.id_resources
                .insert(key.clone(), schemas::resource_id(name, object).to_owned());
        }
        let slot = self.slot(&file);
        let owner = Owner {
            file: file.clone(),
            name: type_name.clone(),
            label: format!("schema `{name}`"),
            resource: is_resource,
        };
        let fields = self.response_fields(&owner, object);
        let tag = schemas::object_tag(object).map(str::to_owned);
        let id_prefix = match (&tag, is_resource) {
            (Some(tag), true) => Some(self.id_prefix(tag)),
            _ => None,
        };
        let description = text::description(&schema.description)
            .unwrap_or_else(|| text::fallback_type_description(name));
        self.fill(
            &file,
            slot,
            Item::Object(ir::Object {
                name: type_name,
                is_resource,
                object: tag,
                id_prefix,
                description,
                fields,
            }),
        );
        Ok(key)
    }

    /// The ID prefix of resources whose `object` is `tag`, guessed when nothing says.
    fn id_prefix(&mut self, tag: &str) -> String {
        if let Some(prefix) = self.prefixes.get(tag) {
            return prefix.clone();
        }
        self.guessed_prefixes.insert(tag.to_owned());
        text::fallback_prefix(tag)
    }

    /// The type an expandable field expands into: the imported resource, or an external
    /// resource when it is not imported.
    fn expandable_target(
        &mut self,
        name: &str,
        from: &(String, String),
    ) -> Result<TypeKey, String> {
        let document = self.document;
        if self.needed.contains(name) {
            let key = self.component(name, from)?;
            return match schemas::object_of(document, name) {
                Some(object) if schemas::has_id(object) => Ok(key),
                _ => Err(format!(
                    "it expands into `{name}`, which has no ID, so it cannot be written as `expandable<...>`"
                )),
            };
        }
        if let Some(key) = self.components.get(name) {
            return Ok(key.clone());
        }
        let (id, tag, description) = match schemas::object_of(document, name) {
            Some(object) if schemas::has_id(object) => (
                schemas::resource_id(name, object),
                schemas::object_tag(object).unwrap_or(name),
                document.schemas[name].description.as_str(),
            ),
            Some(_) => {
                return Err(format!(
                    "it expands into `{name}`, which has no ID, so it cannot be written as `expandable<...>`"
                ));
            }
            // A dangling reference: a resource an extract stops at.
            None => (name, name, ""),
        };
        let file = Self::top_level_file(id);
        let type_name = self.names.type_name(
            &file.0,
            &names::upper_camel(&names::stem_of(id)),
            TypeKind::External,
        );
        let key = TypeKey {
            module: file.0.clone(),
            name: type_name.clone(),
        };
        self.components.insert(name.to_owned(), key.clone());
        self.id_resources.insert(key.clone(), id.to_owned());
        if self
            .files
            .get(&file)
            .is_none_or(|file| file.comment.is_empty())
        {
            self.file(&file).comment = text::file_comment(id, &document.version, true);
        }
        let id_prefix = self.id_prefix(tag);
        let description = text::description(description)
            .unwrap_or_else(|| text::fallback_external_description(tag));
        self.push(
            &file,
            Item::External(ir::External {
                name: type_name,
                object: tag.to_owned(),
                id_prefix,
                description,
            }),
        );
        Ok(key)
    }

    /// The fields of a response object: `id` and `object` first, then the rest in the
    /// OpenAPI's (alphabetical) order.
    fn response_fields(&mut self, owner: &Owner, object: &Object) -> Vec<Field> {
        let mut ordered: Vec<&(String, Schema)> = object
            .properties
            .iter()
            .filter(|(name, _)| name == "id" || name == "object")
            .collect();
        ordered.sort_by_key(|(name, _)| name != "id");
        ordered.extend(
            object
                .properties
                .iter()
                .filter(|(name, _)| name != "id" && name != "object"),
        );
        let mut fields = Vec::new();
        for (wire, schema) in ordered {
            match self.response_field(owner, object, wire, schema) {
                Ok(field) => fields.push(field),
                Err(reason) => self.note(
                    format!("field `{wire}` of {}", owner.label),
                    format!("left out: {reason}"),
                ),
            }
        }
        fields
    }

    /// A field of the response object `object`, of owner `owner`.
    pub fn response_field(
        &mut self,
        owner: &Owner,
        object: &Object,
        wire: &str,
        schema: &Schema,
    ) -> Result<Field, String> {
        let required = object.required.contains(wire);
        let nullable = schema.nullable || schemas::unwrap_single(schema).nullable;
        let ty = self.response_ty(owner, wire, schema)?;
        let requires_expand = !required
            && !nullable
            && object.expandable_fields.iter().any(|field| field == wire)
            && match &schema.kind {
                Kind::Ref(target) => schemas::object_of(self.document, target)
                    .is_some_and(|target| target.resource_id.is_some() && !schemas::has_id(target)),
                _ => false,
            };
        Ok(Field {
            wire: wire.to_owned(),
            ty,
            nullable,
            optional: !required,
            requires_expand,
            clearable: false,
            rust_name: rust_field_name(wire),
            description: self.field_description(schema, wire),
        })
    }

    /// The description of a field; that of the schema it refers to when it has none; or a
    /// fallback that says there is none.
    fn field_description(&self, schema: &Schema, wire: &str) -> String {
        let inner = schemas::unwrap_single(schema);
        let target = match &inner.kind {
            Kind::Ref(name) => self
                .document
                .schemas
                .get(name)
                .map(|target| target.description.as_str()),
            _ => None,
        };
        text::description(&schema.description)
            .or_else(|| text::description(&inner.description))
            .or_else(|| target.and_then(text::description))
            .unwrap_or_else(|| text::fallback_field_description(wire))
    }

    /// The spec type of a response field's schema.
    fn response_ty(&mut self, owner: &Owner, wire: &str, schema: &Schema) -> Result<Ty, String> {
        if let Some(targets) = schemas::expandable_targets(schema) {
            return match targets.as_slice() {
                [target] => Ok(Ty::Expandable(self.expandable_target(target, &owner.file)?)),
                _ => Err(format!(
                    "it expands into one of several objects ({}), which the spec format cannot express",
                    targets.join(", ")
                )),
            };
        }
        let schema = schemas::unwrap_single(schema);
        match &schema.kind {
            Kind::Ref(name) => Ok(Ty::Named(self.component(name, &owner.file)?)),
            Kind::AnyOf(choices) => Err(format!(
                "it is one of {} types (`anyOf`), which the spec format cannot express",
                choices.len()
            )),
            Kind::String {
                values: Some(values),
                ..
            } => {
                if wire == "object" && values.len() == 1 {
                    return Ok(Ty::ObjectTag);
                }
                Ok(Ty::Named(self.enumeration(owner, wire, schema, values)))
            }
            Kind::String { values: None, .. } => Ok(if wire == "id" && owner.resource {
                Ty::OwnId
            } else if is_currency(wire) {
                Ty::Currency
            } else {
                Ty::String
            }),
            Kind::Integer { unix_time: true } => Ok(Ty::Timestamp),
            Kind::Integer { unix_time: false } => Ok(Ty::Integer),
            Kind::Number => Err("it is a `number`, which the spec format cannot express".into()),
            Kind::Boolean { .. } => Ok(Ty::Boolean),
            Kind::Array(items) => {
                let item_wire = if is_currencies(wire) {
                    "currency"
                } else {
                    wire
                };
                Ok(Ty::Array(Box::new(
                    self.response_ty(owner, item_wire, items)?,
                )))
            }
            Kind::Object(object) => {
                if let Some((items, search)) = schemas::list_items(object) {
                    if search {
                        return Err("a search result is only ever a response".into());
                    }
                    return match &schemas::unwrap_single(items).kind {
                        Kind::Ref(name) => Ok(Ty::List(self.component(name, &owner.file)?)),
                        _ => Err(
                            "it is a list of one of several objects, which the spec format cannot express"
                                .into(),
                        ),
                    };
                }
                if let Some(values) = &object.additional {
                    let currency = matches!(values.kind, Kind::Integer { .. });
                    return Ok(Ty::Map(
                        currency,
                        Box::new(self.response_ty(owner, wire, values)?),
                    ));
                }
                if object.properties.is_empty() {
                    return Err("it is free-form JSON, which the spec format cannot express".into());
                }
                Ok(Ty::Named(self.inline_object(owner, wire, schema, object)))
            }
            Kind::Any => {
                Err("it may be any JSON value, which the spec format cannot express".into())
            }
        }
    }

    /// A response object written inline in its owner, named `<Owner><Field>`.
    fn inline_object(
        &mut self,
        owner: &Owner,
        wire: &str,
        schema: &Schema,
        object: &Object,
    ) -> TypeKey {
        let wanted = format!("{}{}", owner.name, names::upper_camel(wire));
        let name = self
            .names
            .type_name(owner.module(), &wanted, TypeKind::Object);
        let slot = self.slot(&owner.file);
        let inner = Owner {
            file: owner.file.clone(),
            name: name.clone(),
            label: format!("`{name}` (in {})", owner.label),
            resource: false,
        };
        let fields = self.response_fields(&inner, object);
        let description = text::description(&schema.description)
            .unwrap_or_else(|| text::fallback_field_type_description(wire, &owner.name));
        self.fill(
            &owner.file,
            slot,
            Item::Object(ir::Object {
                name: name.clone(),
                is_resource: false,
                object: schemas::object_tag(object).map(str::to_owned),
                id_prefix: None,
                description,
                fields,
            }),
        );
        TypeKey {
            module: owner.module().to_owned(),
            name,
        }
    }

    /// An enum of the values of `wire`, named `<Owner><Field>`.
    pub(super) fn enumeration(
        &mut self,
        owner: &Owner,
        wire: &str,
        schema: &Schema,
        values: &[String],
    ) -> TypeKey {
        let wanted = format!("{}{}", owner.name, names::upper_camel(wire));
        let name = self
            .names
            .type_name(owner.module(), &wanted, TypeKind::Enum);
        let description = text::description(&schema.description)
            .unwrap_or_else(|| text::fallback_field_type_description(wire, &owner.name));
        self.push(
            &owner.file,
            Item::Enum(ir::Enum {
                name: name.clone(),
                description,
                values: enum_values(values),
            }),
        );
        TypeKey {
            module: owner.module().to_owned(),
            name,
        }
    }

    /// A parameter: its type and whether it may be sent empty to clear it.
    pub fn param_field(
        &mut self,
        owner: &Owner,
        wire: &str,
        schema: &Schema,
        required: bool,
        description: &str,
        cursor_of: Option<&TypeKey>,
    ) -> Result<Field, String> {
        let (ty, clearable) = self.param_ty(owner, wire, schema, cursor_of, true)?;
        let description = text::description(description)
            .or_else(|| text::description(&schema.description))
            .unwrap_or_else(|| text::fallback_field_description(wire));
        Ok(Field {
            wire: wire.to_owned(),
            ty,
            nullable: false,
            optional: !required,
            requires_expand: false,
            clearable,
            rust_name: rust_field_name(wire),
            description,
        })
    }

    fn param_ty(
        &mut self,
        owner: &Owner,
        wire: &str,
        schema: &Schema,
        cursor_of: Option<&TypeKey>,
        top: bool,
    ) -> Result<(Ty, bool), String> {
        if top
            && wire == "expand"
            && matches!(&schema.kind, Kind::Array(items) if matches!(items.kind, Kind::String { values: None, .. }))
        {
            return Ok((Ty::Expand, false));
        }
        let (schema, clearable) = match &schema.kind {
            Kind::AnyOf(choices) => {
                let (empty, rest): (Vec<&Schema>, Vec<&Schema>) =
                    choices.iter().partition(|choice| is_empty_string(choice));
                match (empty.len(), rest.as_slice()) {
                    (1, [only]) => (*only, true),
                    _ => (schema, false),
                }
            }
            _ => (schema, false),
        };
        if let Some(bound) = range_bound(schema) {
            let inner = if bound || is_time(wire) {
                Ty::Timestamp
            } else {
                Ty::Integer
            };
            return Ok((Ty::Range(Box::new(inner)), clearable));
        }
        let ty = match &schema.kind {
            Kind::Ref(_) => {
                return Err(
                    "a parameter that refers to a component schema is not supported".into(),
                );
            }
            Kind::AnyOf(choices) => {
                return Err(format!(
                    "it is one of {} types (`anyOf`), which the spec format cannot express",
                    choices.len()
                ));
            }
            Kind::String {
                values: Some(values),
                ..
            } => {
                let values: Vec<String> =
                    values.iter().filter(|v| !v.is_empty()).cloned().collect();
                if values.is_empty() {
                    return Err("an enum whose only value is `\"\"`".into());
                }
                Ty::Named(self.enumeration(owner, wire, schema, &values))
            }
            Kind::String { values: None, .. } => match cursor_of {
                Some(key) if wire == "starting_after" || wire == "ending_before" => {
                    Ty::Id(key.clone())
                }
                _ if is_currency(wire) => Ty::Currency,
                _ => Ty::String,
            },
            Kind::Integer { unix_time: true } => Ty::Timestamp,
            Kind::Integer { unix_time: false } => Ty::Integer,
            Kind::Number => {
                return Err("it is a `number`, which the spec format cannot express".into());
            }
            Kind::Boolean { .. } => Ty::Boolean,
            Kind::Array(items) => {
                let item_wire = if is_currencies(wire) {
                    "currency"
                } else {
                    wire
                };
                Ty::Array(Box::new(
                    self.param_ty(owner, item_wire, items, None, false)?.0,
                ))
            }
            Kind::Object(object) => {
                if let Some(values) = &object.additional {
                    let currency = matches!(values.kind, Kind::Integer { .. });
                    Ty::Map(
                        currency,
                        Box::new(self.param_ty(owner, wire, values, None, false)?.0),
                    )
                } else if object.properties.is_empty() {
                    return Err("it is free-form JSON, which the spec format cannot express".into());
                } else {
                    Ty::Named(self.param_object(owner, wire, schema, object)?)
                }
            }
            Kind::Any => {
                return Err(
                    "it may be any JSON value, which the spec format cannot express".into(),
                );
            }
        };
        Ok((ty, clearable))
    }

    /// An inline parameter object. Objects of the same title and shape are one type, named
    /// after the title when no other object has that title; otherwise `<Owner><Field>`.
    fn param_object(
        &mut self,
        owner: &Owner,
        wire: &str,
        schema: &Schema,
        object: &Object,
    ) -> Result<TypeKey, String> {
        let shape = schemas::shape(schema);
        if let Some(key) = self.param_objects.get(&shape) {
            return Ok(key.clone());
        }
        let wanted = match &schema.title {
            Some(title)
                if self
                    .titles
                    .get(title)
                    .is_some_and(|shapes| shapes.len() == 1) =>
            {
                let camel = names::upper_camel(title);
                if camel.ends_with("Params") {
                    camel
                } else {
                    format!("{}Params", camel.strip_suffix("Param").unwrap_or(&camel))
                }
            }
            _ => format!("{}{}", owner.name, names::upper_camel(wire)),
        };
        let name = self
            .names
            .type_name(owner.module(), &wanted, TypeKind::Object);
        let key = TypeKey {
            module: owner.module().to_owned(),
            name: name.clone(),
        };
        self.param_objects.insert(shape, key.clone());
        let slot = self.slot(&owner.file);
        let inner = Owner {
            file: owner.file.clone(),
            name: name.clone(),
            label: format!("`{name}` (in {})", owner.label),
            resource: false,
        };
        let mut fields = Vec::new();
        for (property, property_schema) in &object.properties {
            let required = object.required.contains(property);
            match self.param_field(&inner, property, property_schema, required, "", None) {
                Ok(field) => fields.push(field),
                Err(reason) => self.note(
                    format!("parameter `{property}` of {}", inner.label),
                    format!("left out: {reason}"),
                ),
            }
        }
        let description = text::description(&schema.description)
            .unwrap_or_else(|| text::fallback_field_type_description(wire, &owner.name));
        self.fill(
            &owner.file,
            slot,
            Item::Object(ir::Object {
                name,
                is_resource: false,
                object: None,
                id_prefix: None,
                description,
                fields,
            }),
        );
        Ok(key)
    }
}

/// `rust_name` for a wire name that does not make a Rust field name by itself.
fn rust_field_name(wire: &str) -> Option<String> {
    if codegen::names::field_name(wire).is_some() {
        return None;
    }
    let cleaned: String = wire
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    Some(format!("field_{}", cleaned.to_snake_case()))
}

/// The values of an enum, with a `rust_name` for those that do not make a variant name by
/// themselves or that would make the same one as an earlier value.
fn enum_values(values: &[String]) -> Vec<ir::Value> {
    let mut taken = BTreeSet::from(["Unknown".to_owned()]);
    values
        .iter()
        .map(|wire| {
            let natural = codegen::names::variant_name(wire);
            let rust_name = match natural {
                Some(name) if taken.insert(name.clone()) => None,
                _ => {
                    let base = if wire.is_empty() {
                        "Empty".to_owned()
                    } else {
                        names::upper_camel(&wire.replace(|c: char| !c.is_ascii_alphanumeric(), "_"))
                    };
                    let mut name = base.clone();
                    let mut counter = 2;
                    while !codegen::names::is_type_name(&name) || !taken.insert(name.clone()) {
                        name = format!("{base}{counter}");
                        counter += 1;
                    }
                    Some(name)
                }
            };
            ir::Value {
                wire: wire.clone(),
                rust_name,
                description: text::fallback_value_description(wire),
            }
        })
        .collect()
}

/// `{"type": "string", "enum": [""]}`: the member of an `anyOf` that lets a parameter be sent
/// empty.
fn is_empty_string(schema: &Schema) -> bool {
    matches!(&schema.kind, Kind::String { values: Some(values), .. } if values.len() == 1 && values[0].is_empty())
}

/// If `schema` is Stripe's range filter (`anyOf: [{gt, gte, lt, lte}, integer]`), whether its
/// bounds are timestamps.
fn range_bound(schema: &Schema) -> Option<bool> {
    let Kind::AnyOf(choices) = &schema.kind else {
        return None;
    };
    let [first, second] = choices.as_slice() else {
        return None;
    };
    let (range, scalar) = match (&first.kind, &second.kind) {
        (Kind::Object(range), Kind::Integer { unix_time }) => (range, *unix_time),
        (Kind::Integer { unix_time }, Kind::Object(range)) => (range, *unix_time),
        _ => return None,
    };
    let bounds: BTreeSet<&str> = range
        .properties
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    (bounds == BTreeSet::from(["gt", "gte", "lt", "lte"])).then_some(scalar)
}

/// Whether a field of this name holds a three-letter currency code.
fn is_currency(wire: &str) -> bool {
    wire == "currency" || wire.ends_with("_currency")
}

/// Whether a field of this name holds a list of currency codes.
fn is_currencies(wire: &str) -> bool {
    wire == "currencies" || wire.ends_with("_currencies")
}

/// Whether an integer parameter of this name is a time (Stripe sends times as integers in
/// parameters, without `format: unix-time`).
fn is_time(wire: &str) -> bool {
    wire == "created"
        || wire == "date"
        || wire.ends_with("_at")
        || wire.ends_with("_date")
        || wire.ends_with("_on")
}
