//! Walks `spec/` and Stripe's OpenAPI file in step, pairing what spec/ models with what the
//! OpenAPI file says about it: each resource (found by its `object` name) and each endpoint
//! (found by method and path), then, through field types, every nested object and enum. Names
//! need not match: spec/ may call a schema anything.
//!
//! The audit reports the differences within the pairs; the update edits the YAML to remove them.
//! Whatever spec/ does not reach is not paired: an OpenAPI endpoint spec/ does not claim is
//! outside its scope.

use std::collections::{BTreeMap, BTreeSet};

use codegen::source::Span;
use codegen::spec::ast::{
    Def, EndpointDef, EnumDef, FieldDef, ModuleFile, NameRef, ObjectDef, Spec, TypeExpr, UnionDef,
};
use codegen::symbols::{Symbol, Symbols, TypeDef};

use crate::import::schemas;
use crate::openapi::{Document, Kind, Location, Object, Operation, Schema};

/// A difference in shape found while walking: the spec's type does not fit the schema.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mismatch {
    /// Where in spec/.
    pub span: Span,
    /// What, starting with the field's path (`Account.balance`).
    pub message: String,
}

/// A property of an OpenAPI object, or a parameter of an operation.
#[derive(Clone, Copy, Debug)]
pub struct Property<'d> {
    /// Its wire name.
    pub name: &'d str,
    /// Its schema.
    pub schema: &'d Schema,
    /// Whether it is required.
    pub required: bool,
    /// A parameter's own description (the schema's is used otherwise).
    pub description: &'d str,
}

/// What holds a list of fields in spec/: an object, or an endpoint's parameters.
#[derive(Clone, Copy, Debug)]
pub enum Holder<'s> {
    /// A resource or object.
    Object(&'s ObjectDef),
    /// The `params:` of an endpoint.
    Params(&'s EndpointDef),
}

impl<'s> Holder<'s> {
    /// Its fields or parameters.
    pub fn fields(&self) -> &'s [FieldDef] {
        match self {
            Holder::Object(def) => &def.fields,
            Holder::Params(def) => &def.params,
        }
    }

    /// `Account` or `list_accounts`, for messages.
    pub fn name(&self) -> &'s str {
        match self {
            Holder::Object(def) => &def.name.value,
            Holder::Params(def) => &def.name.value,
        }
    }

    /// Where its name is.
    pub fn span(&self) -> Span {
        match self {
            Holder::Object(def) => def.name.span,
            Holder::Params(def) => def.name.span,
        }
    }
}

/// A spec object (or endpoint parameters) and the OpenAPI properties it describes.
#[derive(Debug)]
pub struct ObjectPair<'s, 'd> {
    /// The file it is in.
    pub file: &'s ModuleFile,
    /// The spec side.
    pub holder: Holder<'s>,
    /// The OpenAPI side, in the OpenAPI's order.
    pub properties: Vec<Property<'d>>,
    /// Whether these are request parameters (which are never nullable).
    pub params: bool,
    /// The OpenAPI object, when it is one (not an operation's parameters).
    pub object: Option<&'d Object>,
    /// The schema of an inline object (not a component, not an operation's parameters).
    pub inline: Option<&'d Schema>,
}

/// A spec enum and the values the OpenAPI gives where it is used.
#[derive(Debug)]
pub struct EnumPair<'s, 'd> {
    /// The file it is in.
    pub file: &'s ModuleFile,
    /// The spec side.
    pub def: &'s EnumDef,
    /// The OpenAPI's values, without `""` (which `clearable` expresses).
    pub values: Vec<&'d str>,
    /// The field whose type it is (`Account.category`), for messages.
    pub at: String,
}

/// A spec endpoint and its operation.
#[derive(Debug)]
pub struct EndpointPair<'s, 'd> {
    /// The file it is in.
    pub file: &'s ModuleFile,
    /// The spec side.
    pub def: &'s EndpointDef,
    /// The OpenAPI side.
    pub operation: &'d Operation,
}

/// Everything paired, and what could not be.
#[derive(Debug, Default)]
pub struct Pairing<'s, 'd> {
    /// Objects and endpoint parameters, each once.
    pub objects: Vec<ObjectPair<'s, 'd>>,
    /// Enums, once per place they are used.
    pub enums: Vec<EnumPair<'s, 'd>>,
    /// Endpoints found in the OpenAPI file.
    pub endpoints: Vec<EndpointPair<'s, 'd>>,
    /// Endpoints of spec/ the OpenAPI file does not have.
    pub lost_endpoints: Vec<&'s EndpointDef>,
    /// Resources and objects with an `object` name the OpenAPI file does not have.
    pub lost_objects: Vec<&'s ObjectDef>,
    /// Component schemas and the spec type that models them, by module and name.
    pub components: BTreeMap<&'d str, (String, String)>,
    /// Types that do not fit their schemas.
    pub mismatches: Vec<Mismatch>,
}

/// Where a walk starts: the resources with these `object` names and the endpoints of these
/// operations (method and path). `None` is all of spec/.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    /// `object` names.
    pub objects: BTreeSet<String>,
    /// `(GET, /v1/...)`.
    pub operations: BTreeSet<(String, String)>,
}

/// Pairs `spec` with `document`, from everything in `spec` or from `scope`.
pub fn pair<'s, 'd>(
    spec: &'s Spec,
    document: &'d Document,
    scope: Option<&Scope>,
) -> Pairing<'s, 'd> {
    let symbols = Symbols::new(spec);
    let mut walker = Walker {
        document,
        symbols,
        pairing: Pairing::default(),
        visited: BTreeSet::new(),
        scope: scope.cloned(),
    };
    walker.resources(spec);
    walker.endpoints(spec);
    walker.pairing
}

pub use crate::import::schemas::schema_for_tag;

/// `anyOf: [X]` is X; `anyOf: [X, ""]` (a clearable parameter) is X.
pub fn unwrap(schema: &Schema) -> &Schema {
    if schemas::expandable_targets(schema).is_some() {
        return schema;
    }
    match &schema.kind {
        Kind::AnyOf(choices) if choices.len() == 1 => &choices[0],
        Kind::AnyOf(choices) if choices.len() == 2 => {
            let empty = |s: &Schema| matches!(&s.kind, Kind::String { values: Some(v), .. } if v.len() == 1 && v[0].is_empty());
            match (empty(&choices[0]), empty(&choices[1])) {
                (false, true) => &choices[0],
                (true, false) => &choices[1],
                _ => schema,
            }
        }
        _ => schema,
    }
}

/// Whether a parameter may be sent empty to clear it: its schema allows `""` (an `anyOf` with
/// `""`, or an enum with `""` among its values) and it is not required (a required parameter is
/// always sent, so clearing it is no choice).
pub fn is_clearable(schema: &Schema, required: bool) -> bool {
    let empty = |schema: &Schema| matches!(&schema.kind, Kind::String { values: Some(values), .. } if values.iter().any(String::is_empty));
    let allows_empty = match &schema.kind {
        Kind::AnyOf(choices) => choices.iter().any(empty),
        _ => empty(schema),
    };
    allows_empty && !required
}

/// The parameters of an operation: query parameters, then the form body's properties.
pub fn operation_params(operation: &Operation) -> Vec<Property<'_>> {
    let mut params: Vec<Property<'_>> = operation
        .parameters
        .iter()
        .filter(|parameter| parameter.location != Location::Path)
        .map(|parameter| Property {
            name: &parameter.name,
            schema: &parameter.schema,
            required: parameter.required,
            description: &parameter.description,
        })
        .collect();
    for (media, body) in &operation.body {
        if media != "application/x-www-form-urlencoded" {
            continue;
        }
        if let Kind::Object(object) = &body.kind {
            params.extend(object.properties.iter().map(|(name, schema)| Property {
                name,
                schema,
                required: object.required.contains(name),
                description: "",
            }));
        }
    }
    params
}

fn properties(object: &Object) -> Vec<Property<'_>> {
    object
        .properties
        .iter()
        .map(|(name, schema)| Property {
            name,
            schema,
            required: object.required.contains(name),
            description: "",
        })
        .collect()
}

struct Walker<'s, 'd> {
    document: &'d Document,
    symbols: Symbols<'s>,
    pairing: Pairing<'s, 'd>,
    /// (schema position, spec module, spec object) already paired.
    visited: BTreeSet<(String, String, String)>,
    scope: Option<Scope>,
}

impl<'s, 'd> Walker<'s, 'd> {
    fn mismatch(&mut self, span: Span, message: String) {
        self.pairing.mismatches.push(Mismatch { span, message });
    }

    fn resources(&mut self, spec: &'s Spec) {
        for file in &spec.files {
            for item in &file.items {
                let Def::Object(def) = item else { continue };
                let Some(tag) = &def.object else { continue };
                if self
                    .scope
                    .as_ref()
                    .is_some_and(|scope| !scope.objects.contains(&tag.value))
                {
                    continue;
                }
                let deleted = def
                    .fields
                    .iter()
                    .any(|field| field.ty.expr == TypeExpr::Deleted);
                let schema = if deleted {
                    schemas::deleted_schema_for_tag(self.document, &tag.value)
                } else {
                    schema_for_tag(self.document, &tag.value)
                };
                match schema {
                    Some(name) => {
                        let object = schemas::object_of(self.document, name);
                        if let Some(object) = object {
                            self.pairing
                                .components
                                .insert(name, (file.module.clone(), def.name.value.clone()));
                            self.object(file, def, name, object, None, false);
                        }
                    }
                    None => self.pairing.lost_objects.push(def),
                }
            }
        }
    }

    fn endpoints(&mut self, spec: &'s Spec) {
        for file in &spec.files {
            for item in &file.items {
                let Def::Endpoint(def) = item else { continue };
                let key = (def.method.as_str().to_owned(), def.path.text.value.clone());
                if self
                    .scope
                    .as_ref()
                    .is_some_and(|scope| !scope.operations.contains(&key))
                {
                    continue;
                }
                let operation = self.document.operations.iter().find(|operation| {
                    operation.method.to_string() == def.method.as_str()
                        && operation.path == def.path.text.value
                });
                let Some(operation) = operation else {
                    self.pairing.lost_endpoints.push(def);
                    continue;
                };
                self.pairing.endpoints.push(EndpointPair {
                    file,
                    def,
                    operation,
                });
                let params = operation_params(operation);
                let holder = Holder::Params(def);
                self.fields(file, holder, &params, true);
                self.pairing.objects.push(ObjectPair {
                    file,
                    holder,
                    properties: params,
                    params: true,
                    object: None,
                    inline: None,
                });
                if let crate::openapi::Response::Json(response) = &operation.response {
                    let at = format!("{}(returns)", def.name.value);
                    self.ty(
                        file,
                        &at,
                        def.returns.span,
                        response,
                        &def.returns.expr,
                        false,
                    );
                }
            }
        }
    }

    /// Pairs `def` with the object schema `object` (at `position`, a component name or the
    /// JSON pointer of an inline schema).
    fn object(
        &mut self,
        file: &'s ModuleFile,
        def: &'s ObjectDef,
        position: &'d str,
        object: &'d Object,
        inline: Option<&'d Schema>,
        params: bool,
    ) {
        if !self.visited.insert((
            position.to_owned(),
            file.module.clone(),
            def.name.value.clone(),
        )) {
            return;
        }
        if self.document.schemas.contains_key(position) {
            self.pairing
                .components
                .entry(position)
                .or_insert_with(|| (file.module.clone(), def.name.value.clone()));
        }
        let properties = properties(object);
        let holder = Holder::Object(def);
        self.fields(file, holder, &properties, params);
        self.pairing.objects.push(ObjectPair {
            file,
            holder,
            properties,
            params,
            object: Some(object),
            inline,
        });
    }

    fn fields(
        &mut self,
        file: &'s ModuleFile,
        holder: Holder<'s>,
        properties: &[Property<'d>],
        params: bool,
    ) {
        for field in holder.fields() {
            let Some(property) = properties.iter().find(|p| p.name == field.name.value) else {
                continue;
            };
            let at = format!("{}.{}", holder.name(), field.name.value);
            self.ty(
                file,
                &at,
                field.ty.span,
                property.schema,
                &field.ty.expr,
                params,
            );
        }
    }

    /// Pairs a spec type with a schema, descending into objects and enums.
    fn ty(
        &mut self,
        file: &'s ModuleFile,
        at: &str,
        span: Span,
        schema: &'d Schema,
        ty: &'s TypeExpr,
        params: bool,
    ) {
        let schema = unwrap(schema);
        let module = file.module.as_str();
        match ty {
            TypeExpr::Array(inner) => match &schema.kind {
                Kind::Array(items) => self.ty(file, at, span, items, &inner.expr, params),
                _ => self.mismatch(
                    span,
                    format!("{at}: the spec has an array, the OpenAPI does not"),
                ),
            },
            TypeExpr::Map(_, inner) => match &schema.kind {
                Kind::Object(Object {
                    additional: Some(values),
                    ..
                }) => self.ty(file, at, span, values, &inner.expr, params),
                _ => self.mismatch(
                    span,
                    format!("{at}: the spec has a map, the OpenAPI does not"),
                ),
            },
            TypeExpr::List(name) | TypeExpr::Search(name) => {
                let search = matches!(ty, TypeExpr::Search(_));
                let items = match &schema.kind {
                    Kind::Object(object) => schemas::list_items(object)
                        .filter(|(_, is_search)| *is_search == search)
                        .map(|(items, _)| items),
                    _ => None,
                };
                let word = if search { "search result" } else { "list" };
                match items {
                    Some(items) => self.named(file, at, span, items, name, params),
                    None => self.mismatch(
                        span,
                        format!("{at}: the spec has a {word}, the OpenAPI does not"),
                    ),
                }
            }
            TypeExpr::Expandable(name) => {
                let Some(targets) = schemas::expandable_targets(schema) else {
                    self.mismatch(
                        span,
                        format!("{at}: the spec has an expandable field, the OpenAPI does not"),
                    );
                    return;
                };
                match self.symbols.resolve(module, name) {
                    Some(Symbol {
                        file: target_file,
                        def: TypeDef::Object(object),
                        ..
                    }) => {
                        let target = targets[0];
                        if let Some((target, schema)) = self.component(target) {
                            self.object(target_file, object, target, schema, None, params);
                        }
                    }
                    Some(Symbol {
                        file: target_file,
                        def: TypeDef::Union(union),
                        ..
                    }) => {
                        let members = self.flatten(&targets);
                        self.union(target_file, at, span, union, &members, params);
                    }
                    _ => {}
                }
            }
            TypeExpr::Named(name) => self.named(file, at, span, schema, name, params),
            // The object was matched to its schema by this very name.
            TypeExpr::ObjectTag => {}
            TypeExpr::Range(inner) => {
                let scalar = match &schema.kind {
                    Kind::AnyOf(choices) => choices
                        .iter()
                        .find(|choice| !matches!(choice.kind, Kind::Object(_))),
                    _ => None,
                };
                match scalar {
                    Some(scalar) => self.ty(file, at, span, scalar, &inner.expr, params),
                    None => self.mismatch(
                        span,
                        format!("{at}: the spec has a range, the OpenAPI does not"),
                    ),
                }
            }
            scalar => self.scalar(at, span, schema, scalar, params),
        }
    }

    /// The component `name` of the document, with its object schema.
    fn component(&self, name: &str) -> Option<(&'d str, &'d Object)> {
        let document = self.document;
        let (key, _) = document.schemas.get_key_value(name)?;
        Some((key.as_str(), schemas::object_of(document, key)?))
    }

    /// The objects a union schema may be, union components replaced by their members.
    fn flatten(&self, members: &[&str]) -> Vec<&'d str> {
        let document = self.document;
        let mut out: Vec<&'d str> = Vec::new();
        let mut pending: Vec<String> = members.iter().rev().map(|m| (*m).to_owned()).collect();
        let mut seen = BTreeSet::new();
        while let Some(member) = pending.pop() {
            if !seen.insert(member.clone()) {
                continue;
            }
            let Some((key, schema)) = document.schemas.get_key_value(&member) else {
                continue;
            };
            match schemas::union_members(schema) {
                Some(inner) => pending.extend(inner.into_iter().rev().map(str::to_owned)),
                None => out.push(key.as_str()),
            }
        }
        out
    }

    /// Pairs a spec type name with a schema: an object with an object schema, an enum with a
    /// string enum, a union with the objects it may be, a `one_of` with the choices of an
    /// `anyOf`.
    fn named(
        &mut self,
        file: &'s ModuleFile,
        at: &str,
        span: Span,
        schema: &'d Schema,
        name: &'s NameRef,
        params: bool,
    ) {
        let schema = unwrap(schema);
        let document = self.document;
        let members: Option<Vec<&'d str>> = match &schema.kind {
            Kind::Ref(component) => document
                .schemas
                .get(component)
                .and_then(schemas::union_members)
                .or_else(|| {
                    document
                        .schemas
                        .get_key_value(component)
                        .map(|(key, _)| vec![key.as_str()])
                }),
            _ => schemas::union_members(schema),
        };
        match self.symbols.resolve(&file.module, name) {
            Some(Symbol {
                file: target_file,
                def: TypeDef::Object(object),
                ..
            }) => match (&schema.kind, members.as_deref()) {
                (Kind::Ref(_), Some([component])) => match self.component(component) {
                    Some((component, target)) => {
                        self.object(target_file, object, component, target, None, params)
                    }
                    None => self.mismatch(
                        span,
                        format!("{at}: the spec has object `{}`, the OpenAPI refers to `{component}`, which is not an object", object.name.value),
                    ),
                },
                (Kind::Object(target), _) if !target.properties.is_empty() || params => {
                    self.object(target_file, object, &schema.at, target, Some(schema), params)
                }
                _ => self.mismatch(
                    span,
                    format!("{at}: the spec has object `{}`, the OpenAPI does not", object.name.value),
                ),
            },
            Some(Symbol {
                file: target_file,
                def: TypeDef::Union(union),
                ..
            }) => match members {
                Some(members) => {
                    let members = self.flatten(&members);
                    self.union(target_file, at, span, union, &members, params);
                }
                None => self.mismatch(span, format!("{at}: the spec has union `{}`, the OpenAPI does not", union.name.value)),
            },
            Some(Symbol {
                file: target_file,
                def: TypeDef::Enum(def),
                ..
            }) => match &schema.kind {
                Kind::String {
                    values: Some(values),
                    ..
                } => self.pairing.enums.push(EnumPair {
                    file: target_file,
                    def,
                    values: values.iter().map(String::as_str).filter(|v| !v.is_empty()).collect(),
                    at: at.to_owned(),
                }),
                _ => self.mismatch(span, format!("{at}: the spec has an enum, the OpenAPI does not")),
            },
            Some(Symbol {
                file: target_file,
                def: TypeDef::OneOf(def),
                ..
            }) => {
                let Kind::AnyOf(choices) = &schema.kind else {
                    self.mismatch(span, format!("{at}: the spec has `one_of`, the OpenAPI does not"));
                    return;
                };
                let choices: Vec<&'d Schema> = choices
                    .iter()
                    .filter(|choice| !matches!(&choice.kind, Kind::String { values: Some(v), .. } if v.len() == 1 && v[0].is_empty()))
                    .collect();
                if choices.len() != def.variants.len() {
                    self.mismatch(
                        span,
                        format!(
                            "{at}: the spec's `one_of` has {} types, the OpenAPI {}",
                            def.variants.len(),
                            choices.len()
                        ),
                    );
                    return;
                }
                for (variant, choice) in def.variants.iter().zip(choices) {
                    self.ty(target_file, at, variant.span, choice, &variant.expr, params);
                }
            }
            Some(Symbol {
                def: TypeDef::External(_),
                ..
            }) => {}
            None => self.mismatch(span, format!("{at}: `{}` is not defined", name.display())),
        }
    }

    /// Pairs the variants of `union` with the objects `members`, by `object` tag and `deleted`.
    fn union(
        &mut self,
        file: &'s ModuleFile,
        at: &str,
        span: Span,
        union: &'s UnionDef,
        members: &[&'d str],
        params: bool,
    ) {
        let document = self.document;
        let member_tag = |member: &str| {
            schemas::object_of(document, member).map_or((member.to_owned(), false), |object| {
                (
                    schemas::object_tag(object).unwrap_or(member).to_owned(),
                    schemas::is_deleted_form(object),
                )
            })
        };
        let mut matched = BTreeSet::new();
        for variant in &union.variants {
            let Some(symbol) = self.symbols.resolve(&file.module, variant) else {
                continue;
            };
            let tag = match symbol.def {
                TypeDef::Object(object) => object.object.as_ref().map(|tag| {
                    (
                        tag.value.clone(),
                        object
                            .fields
                            .iter()
                            .any(|field| field.ty.expr == TypeExpr::Deleted),
                    )
                }),
                TypeDef::External(external) => Some((external.object.value.clone(), false)),
                _ => None,
            };
            let found = match (&tag, symbol.def) {
                (Some(tag), _) => members.iter().find(|member| member_tag(member) == *tag),
                // An object of an untagged union: the member with the same properties.
                (None, TypeDef::Object(object)) => {
                    let fields: BTreeSet<&str> = object
                        .fields
                        .iter()
                        .map(|f| f.name.value.as_str())
                        .collect();
                    members.iter().find(|member| {
                        !matched.contains(*member)
                            && schemas::object_of(document, member).is_some_and(|schema| {
                                schemas::object_tag(schema).is_none()
                                    && schema
                                        .properties
                                        .iter()
                                        .map(|(name, _)| name.as_str())
                                        .collect::<BTreeSet<_>>()
                                        == fields
                            })
                    })
                }
                (None, _) => continue,
            };
            match found {
                Some(member) => {
                    matched.insert(*member);
                    if let (TypeDef::Object(object), Some((member, schema))) =
                        (symbol.def, self.component(member))
                    {
                        self.object(symbol.file, object, member, schema, None, params);
                    }
                }
                None => self.mismatch(
                    variant.span,
                    format!(
                        "{at}: `{}` of union `{}` is not one of the objects the OpenAPI allows",
                        variant.display(),
                        union.name.value
                    ),
                ),
            }
        }
        for member in members {
            if !matched.contains(member) {
                self.mismatch(
                    span,
                    format!(
                        "{at}: the OpenAPI allows `{member}` too, which union `{}` lacks",
                        union.name.value
                    ),
                );
            }
        }
    }

    fn scalar(&mut self, at: &str, span: Span, schema: &Schema, ty: &TypeExpr, params: bool) {
        if *ty == TypeExpr::Json {
            // Free-form JSON holds whatever the OpenAPI describes.
            return;
        }
        let (kind, matches) = match &schema.kind {
            Kind::String { values, .. } => (
                "string",
                matches!(
                    ty,
                    TypeExpr::String | TypeExpr::Currency | TypeExpr::Id(_) | TypeExpr::OwnId
                ) && values.is_none(),
            ),
            Kind::Integer { unix_time } => (
                "integer",
                match ty {
                    TypeExpr::Integer => !unix_time,
                    // Parameters give times as plain integers.
                    TypeExpr::Timestamp => *unix_time || params,
                    _ => false,
                },
            ),
            Kind::Boolean { only } => (
                "boolean",
                matches!(ty, TypeExpr::Boolean)
                    || (*ty == TypeExpr::Deleted && *only == Some(true)),
            ),
            Kind::Array(_) => ("array", matches!(ty, TypeExpr::Expand)),
            Kind::Number => ("number", matches!(ty, TypeExpr::Number)),
            Kind::Object(_) => ("object", false),
            Kind::AnyOf(_) => ("anyOf", false),
            Kind::Ref(_) => ("$ref", false),
            Kind::Any => ("any value", false),
        };
        if !matches {
            self.mismatch(
                span,
                format!("{at}: the spec type does not fit the OpenAPI's `{kind}`"),
            );
        }
    }
}
