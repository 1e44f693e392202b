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
    /// For the deleted form of a resource: the resource, whose ID its `id` is.
    pub deleted_of: Option<TypeKey>,
}

impl Owner {
    pub(super) fn module(&self) -> &str {
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
    /// Unions by their variants (component names, in order).
    pub(super) unions: BTreeMap<Vec<String>, TypeKey>,
    /// Parameter object titles and their shapes, over the whole document.
    pub(super) titles: BTreeMap<String, BTreeSet<String>>,
    /// ID prefixes by `object` name, from fixtures or the existing spec.
    prefixes: BTreeMap<String, String>,
    /// The types with IDs (resources and external resources), with their resource names.
    pub(super) id_resources: BTreeMap<TypeKey, String>,
    /// Resources whose ID prefix nothing shows, written without one.
    pub(super) unknown_prefixes: BTreeSet<String>,
    pub(super) notes: Vec<Note>,
    /// How many component schemas were imported as definitions.
    pub(super) created: usize,
    /// Operations imported, by method and path.
    pub(super) imported_operations: BTreeSet<(String, String)>,
    /// Union components imported as the variants of the unions that contain them.
    pub(super) flattened: BTreeSet<String>,
    /// Schemas that only fields written `json` refer to, with the first such field.
    pub(super) under_json: BTreeMap<String, String>,
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
            unions: BTreeMap::new(),
            titles: schemas::parameter_titles(document),
            prefixes,
            id_resources: BTreeMap::new(),
            unknown_prefixes: BTreeSet::new(),
            notes: Vec::new(),
            created: 0,
            imported_operations: BTreeSet::new(),
            flattened: BTreeSet::new(),
            under_json: BTreeMap::new(),
        }
    }

    pub(super) fn note(&mut self, what: impl Into<String>, reason: impl Into<String>) {
        self.notes.push(Note {
            what: what.into(),
            reason: reason.into(),
        });
    }

    pub(super) fn file(&mut self, file: &(String, String)) -> &mut FileBuilder {
        self.files.entry(file.clone()).or_default()
    }

    /// Reserves the next place in `file` for a definition built later.
    pub(super) fn slot(&mut self, file: &(String, String)) -> usize {
        let items = &mut self.file(file).items;
        items.push(None);
        items.len() - 1
    }

    pub(super) fn fill(&mut self, file: &(String, String), slot: usize, item: Item) {
        self.file(file).items[slot] = Some(item);
    }

    pub(super) fn push(&mut self, file: &(String, String), item: Item) {
        self.file(file).items.push(Some(item));
    }

    /// The file of a top-level schema (one with an `x-resourceId` or an ID).
    pub(super) fn top_level_file(id: &str) -> (String, String) {
        (names::module_of(id), names::stem_of(id))
    }

    /// The type name of a top-level schema (or of a dangling reference): the last part of its
    /// resource name in `UpperCamelCase`. Names that several top-level schemas of the document
    /// would share (`issuing.dispute` and `dispute`) are made unique, since a union cannot hold
    /// two types of one name: the unprefixed resource keeps the name, the others get their
    /// module in front (`IssuingDispute`).
    pub(super) fn top_level_name(&self, schema: &str) -> String {
        let document = self.document;
        let id_of = |name: &'d str| {
            schemas::object_of(document, name)
                .map_or(name, |object| schemas::resource_id(name, object))
        };
        let id = match document.schemas.get_key_value(schema) {
            Some((name, _)) => id_of(name),
            None => schema,
        };
        let base = names::upper_camel(&names::stem_of(id));
        let module = names::module_of(id);
        if module == names::UNPREFIXED {
            return base;
        }
        let shared = document.schemas.keys().any(|other| {
            other != schema
                && schemas::is_top_level(document, other)
                && !schemas::object_of(document, other).is_some_and(schemas::is_deleted_form)
                && names::upper_camel(&names::stem_of(id_of(other))) == base
        });
        if shared {
            format!("{}{base}", names::upper_camel(&module))
        } else {
            base
        }
    }

    /// Gives `file` its first-line comment, unless it has one.
    pub(super) fn comment(&mut self, file: &(String, String), id: &str, external: bool) {
        let version = self.document.version.clone();
        let builder = self.file(file);
        if builder.comment.is_empty() {
            builder.comment = text::file_comment(id, &version, external);
        }
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
        if let Some(members) = schemas::union_members(schema) {
            return self.union_component(name, &members);
        }
        let Kind::Object(object) = &schema.kind else {
            return Err(format!(
                "schema `{name}` is not an object, which the spec format cannot express as a type"
            ));
        };
        let is_resource = schemas::has_id(object);
        // The deleted form of a resource lives beside it and is named after it.
        let live = if schemas::is_deleted_form(object) {
            schemas::object_tag(object)
                .and_then(|tag| schemas::schema_for_tag(document, tag))
                .filter(|live| *live != name)
        } else {
            None
        };
        let (file, wanted) = match live {
            Some(live) => {
                let live_id = schemas::object_of(document, live)
                    .map_or(live, |object| schemas::resource_id(live, object));
                (
                    Self::top_level_file(live_id),
                    format!("Deleted{}", self.top_level_name(live)),
                )
            }
            None if schemas::is_top_level(document, name) => {
                let id = schemas::resource_id(name, object);
                self.comment(&Self::top_level_file(id), id, false);
                (Self::top_level_file(id), self.top_level_name(name))
            }
            None => (from.clone(), names::upper_camel(name)),
        };
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
        // The `id` of a deleted form is its resource's ID, when that resource has an ID type.
        let deleted_of = match live {
            Some(live) => self.id_target(live, &file).ok(),
            None => None,
        };
        let owner = Owner {
            file: file.clone(),
            name: type_name.clone(),
            label: format!("schema `{name}`"),
            resource: is_resource,
            deleted_of,
        };
        let fields = self.response_fields(&owner, object);
        let tag = schemas::object_tag(object).map(str::to_owned);
        let id_prefix = match (&tag, is_resource) {
            (Some(tag), true) => self.id_prefix(tag),
            _ => None,
        };
        let description = text::description(&schema.description)
            .unwrap_or_else(|| text::fallback_type_description(name));
        self.fill(
            &file,
            slot,
            Item::Object(ir::Object {
                name: type_name,
                role: if is_resource {
                    ir::Role::Resource
                } else {
                    ir::Role::Object
                },
                object: tag,
                id_prefix,
                description,
                fields,
            }),
        );
        Ok(key)
    }

    /// The ID prefix of resources whose `object` is `tag`, from the fixtures or the existing
    /// spec; `None`, and noted, when nothing shows one: a made-up prefix would be a wrong
    /// `PREFIX` constant.
    fn id_prefix(&mut self, tag: &str) -> Option<String> {
        let prefix = self.prefixes.get(tag).cloned();
        if prefix.is_none() {
            self.unknown_prefixes.insert(tag.to_owned());
        }
        prefix
    }

    /// The type with an ID that stands for the component `name` (an expandable field's target,
    /// a union variant, the resource of a deleted form): the imported resource, or an external
    /// resource when it is not imported.
    pub(super) fn id_target(
        &mut self,
        name: &str,
        from: &(String, String),
    ) -> Result<TypeKey, String> {
        let document = self.document;
        let no_id = || format!("`{name}` has no ID, so it cannot be referred to by one");
        let deleted = schemas::object_of(document, name).is_some_and(schemas::is_deleted_form);
        if self.needed.contains(name) || deleted {
            let key = self.component(name, from)?;
            return match schemas::object_of(document, name) {
                Some(object) if schemas::has_id(object) || schemas::is_deleted_form(object) => {
                    Ok(key)
                }
                _ => Err(no_id()),
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
            Some(_) => return Err(no_id()),
            None if document.schemas.contains_key(name) => return Err(no_id()),
            // A dangling reference: a resource an extract stops at.
            None => (name, name, ""),
        };
        let file = Self::top_level_file(id);
        let wanted = self.top_level_name(name);
        let type_name = self.names.type_name(&file.0, &wanted, TypeKind::External);
        let key = TypeKey {
            module: file.0.clone(),
            name: type_name.clone(),
        };
        self.components.insert(name.to_owned(), key.clone());
        self.id_resources.insert(key.clone(), id.to_owned());
        self.comment(&file, id, true);
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
                Err(reason) => {
                    // Kept as the JSON Stripe sent, so that decoding and encoding a response
                    // loses nothing.
                    let what = format!("field `{wire}` of {}", owner.label);
                    let mut pending = Vec::new();
                    all_references(schema, &mut pending);
                    while let Some(reference) = pending.pop() {
                        if self.components.contains_key(&reference)
                            || self.under_json.contains_key(&reference)
                        {
                            continue;
                        }
                        if let Some(target) = self.document.schemas.get(&reference) {
                            all_references(target, &mut pending);
                        }
                        self.under_json.insert(reference, what.clone());
                    }
                    self.note(what, format!("written `json`: {reason}"));
                    let required = object.required.contains(wire);
                    fields.push(Field {
                        wire: wire.clone(),
                        ty: Ty::Json,
                        nullable: false,
                        // `json` holds `null` too.
                        optional: !required,
                        requires_expand: false,
                        boxed: false,
                        clearable: false,
                        rust_name: rust_field_name(wire),
                        type_name: None,
                        description: self.field_description(schema, wire),
                    });
                }
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
        let mut required = object.required.contains(wire);
        let mut nullable = schema.nullable || schemas::unwrap_single(schema).nullable;
        let ty = self.response_ty(owner, wire, schema)?;
        if ty == Ty::OwnId && (!required || nullable) {
            // A resource's ID is what it is addressed by; the spec format has no resource
            // without one.
            self.note(
                format!("field `id` of {}", owner.label),
                "made required and not nullable: the OpenAPI lets it be absent (an object not saved yet), which a resource's ID cannot be",
            );
            required = true;
            nullable = false;
        }
        if ty == Ty::ObjectTag && (!required || nullable) {
            // The tag names the type; the generated code fills it in when it is absent.
            self.note(
                format!("field `object` of {}", owner.label),
                "made required and not nullable: the OpenAPI lets it be absent, which an `object` tag cannot be",
            );
            required = true;
            nullable = false;
        }
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
            boxed: false,
            clearable: false,
            rust_name: rust_field_name(wire),
            type_name: None,
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
                [target] => Ok(Ty::Expandable(self.id_target(target, &owner.file)?)),
                several => Ok(Ty::Expandable(self.expandable_union(owner, wire, several)?)),
            };
        }
        let schema = schemas::unwrap_single(schema);
        if let Some(members) = schemas::union_members(schema) {
            return Ok(Ty::Named(self.union(owner, wire, &members)?));
        }
        match &schema.kind {
            Kind::Ref(name) => Ok(Ty::Named(self.component(name, &owner.file)?)),
            Kind::AnyOf(choices) => Err(format!(
                "it is one of {} types (`anyOf`) that are not all objects, which the spec format cannot express",
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
            } else if let (Some(live), "id") = (&owner.deleted_of, wire) {
                Ty::Id(live.clone())
            } else if is_currency(wire) {
                Ty::Currency
            } else {
                Ty::String
            }),
            Kind::Integer { unix_time: true } => Ok(Ty::Timestamp),
            Kind::Integer { unix_time: false } => Ok(Ty::Integer),
            Kind::Number => Ok(Ty::Number),
            Kind::Boolean { only: Some(true) } if wire == "deleted" => Ok(Ty::Deleted),
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
                    let items = schemas::unwrap_single(items);
                    if let Some(members) = schemas::union_members(items) {
                        return Ok(Ty::List(self.union(owner, wire, &members)?));
                    }
                    return match &items.kind {
                        Kind::Ref(name) => Ok(Ty::List(self.component(name, &owner.file)?)),
                        _ => Err("it is a list of something that is not an object".into()),
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
                    return Ok(Ty::Json);
                }
                Ok(Ty::Named(self.inline_object(owner, wire, schema, object)))
            }
            Kind::Any => Ok(Ty::Json),
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
            deleted_of: None,
        };
        let fields = self.response_fields(&inner, object);
        let description = text::description(&schema.description)
            .unwrap_or_else(|| text::fallback_field_type_description(wire, &owner.name));
        self.fill(
            &owner.file,
            slot,
            Item::Object(ir::Object {
                name: name.clone(),
                role: ir::Role::Object,
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
}

/// Every component `schema` refers to, expandable targets included.
fn all_references(schema: &Schema, found: &mut Vec<String>) {
    found.extend(schema.expansion_resources.iter().cloned());
    match &schema.kind {
        Kind::Ref(name) => found.push(name.clone()),
        Kind::AnyOf(choices) => choices
            .iter()
            .for_each(|choice| all_references(choice, found)),
        Kind::Array(items) => all_references(items, found),
        Kind::Object(object) => {
            for (_, property) in &object.properties {
                all_references(property, found);
            }
            if let Some(values) = &object.additional {
                all_references(values, found);
            }
        }
        _ => {}
    }
}

/// `rust_name` for a wire name that does not make a Rust field name by itself.
pub(super) fn rust_field_name(wire: &str) -> Option<String> {
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
pub(super) fn enum_values(values: &[String]) -> Vec<ir::Value> {
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
pub(super) fn is_empty_string(schema: &Schema) -> bool {
    matches!(&schema.kind, Kind::String { values: Some(values), .. } if values.len() == 1 && values[0].is_empty())
}

/// If `schema` is Stripe's range filter (`anyOf: [{gt, gte, lt, lte}, integer]`), whether its
/// bounds are timestamps.
pub(super) fn range_bound(schema: &Schema) -> Option<bool> {
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
pub(super) fn is_currency(wire: &str) -> bool {
    wire == "currency" || wire.ends_with("_currency")
}

/// Whether a field of this name holds a list of currency codes.
pub(super) fn is_currencies(wire: &str) -> bool {
    wire == "currencies" || wire.ends_with("_currencies")
}

/// Whether an integer parameter of this name is a time (Stripe sends times as integers in
/// parameters, without `format: unix-time`).
pub(super) fn is_time(wire: &str) -> bool {
    wire == "created"
        || wire == "date"
        || wire.ends_with("_at")
        || wire.ends_with("_date")
        || wire.ends_with("_on")
}

impl Builder<'_> {
    /// Structs that contain themselves by value (`payment_intent.last_payment_error` holds an
    /// `api_errors`, whose `payment_intent` holds a payment intent) cannot be Rust types. The
    /// field that closes each cycle, in a walk of the files in order, is made `json` and noted.
    pub(super) fn break_cycles(&mut self) {
        let objects: BTreeSet<TypeKey> = self
            .files
            .iter()
            .flat_map(|((module, _), file)| {
                file.items
                    .iter()
                    .flatten()
                    .filter_map(move |item| match item {
                        Item::Object(object) if object.role != ir::Role::Params => Some(TypeKey {
                            module: module.clone(),
                            name: object.name.clone(),
                        }),
                        _ => None,
                    })
            })
            .collect();
        // (owner, field index) of each field holding an object by value.
        let mut edges: BTreeMap<TypeKey, Vec<(usize, TypeKey)>> = BTreeMap::new();
        let mut order = Vec::new();
        for ((module, _), file) in &self.files {
            for item in file.items.iter().flatten() {
                let Item::Object(object) = item else { continue };
                let owner = TypeKey {
                    module: module.clone(),
                    name: object.name.clone(),
                };
                if !objects.contains(&owner) {
                    continue;
                }
                order.push(owner.clone());
                let targets = object
                    .fields
                    .iter()
                    .enumerate()
                    .filter_map(|(index, field)| match &field.ty {
                        Ty::Named(target) if objects.contains(target) => {
                            Some((index, target.clone()))
                        }
                        _ => None,
                    })
                    .collect();
                edges.insert(owner, targets);
            }
        }
        let mut broken: BTreeSet<(TypeKey, usize)> = BTreeSet::new();
        let mut done: BTreeSet<TypeKey> = BTreeSet::new();
        for root in &order {
            let mut stack: Vec<(TypeKey, usize)> = vec![(root.clone(), 0)];
            let mut on_stack: BTreeSet<TypeKey> = BTreeSet::from([root.clone()]);
            if done.contains(root) {
                continue;
            }
            while let Some((node, next)) = stack.pop() {
                let targets = &edges[&node];
                if next >= targets.len() {
                    on_stack.remove(&node);
                    done.insert(node);
                    continue;
                }
                stack.push((node.clone(), next + 1));
                let (field, target) = &targets[next];
                if broken.contains(&(node.clone(), *field)) || done.contains(target) {
                    continue;
                }
                if on_stack.contains(target) {
                    broken.insert((node.clone(), *field));
                    continue;
                }
                on_stack.insert(target.clone());
                stack.push((target.clone(), 0));
            }
        }
        for (owner, index) in broken {
            let file = self
                .files
                .iter_mut()
                .find(|((module, _), file)| {
                    *module == owner.module
                        && file
                            .items
                            .iter()
                            .flatten()
                            .any(|item| matches!(item, Item::Object(o) if o.name == owner.name))
                })
                .map(|(_, file)| file);
            let Some(file) = file else { continue };
            for item in file.items.iter_mut().flatten() {
                if let Item::Object(object) = item
                    && object.name == owner.name
                {
                    let field = &mut object.fields[index];
                    let target = field.ty.written_from(&owner.module);
                    field.boxed = true;
                    let note = Note {
                        what: format!(
                            "field `{}` of `{}::{}`",
                            field.wire, owner.module, owner.name
                        ),
                        reason: format!(
                            "written `boxed: true`: `{target}` contains `{}` again, and a struct can contain itself only through a `Box`",
                            owner.name
                        ),
                    };
                    self.notes.push(note);
                }
            }
        }
    }
}
