//! Request parameters: their types (`range<T>`, `one_of<...>`, `clearable`), and the inline
//! parameter objects Stripe writes in each operation, made `param_objects` once per title and
//! shape.

use super::build::{
    Builder, Owner, is_currencies, is_currency, is_empty_string, is_time, range_bound,
    rust_field_name,
};
use super::ir::{self, Field, Item, Ty, TypeKey};
use super::names::{self, TypeKind};
use super::schemas;
use super::text;
use crate::openapi::{Kind, Object, Schema};

impl Builder<'_> {
    /// A parameter of `owner` (an endpoint's `<Endpoint>Params` or a parameter object).
    /// `cursor_of` is the listed resource of a list endpoint, whose IDs its cursors are.
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
        // The generator names a `one_of` `<Owner><Field>`; when that is taken, `type_name` says
        // which name to use instead.
        let type_name = match &ty {
            Ty::OneOf(_) => {
                let derived = codegen::names::inline_type(&owner.name, wire)
                    .unwrap_or_else(|| format!("{}{}", owner.name, names::upper_camel(wire)));
                let name = self
                    .names
                    .type_name(owner.module(), &derived, TypeKind::Enum);
                (name != derived).then_some(name)
            }
            _ => None,
        };
        Ok(Field {
            wire: wire.to_owned(),
            ty,
            nullable: false,
            optional: !required,
            requires_expand: false,
            boxed: false,
            // A required parameter is always sent; clearing it is not a choice.
            clearable: clearable && !required,
            rust_name: rust_field_name(wire),
            type_name,
            description,
        })
    }

    /// The type of a parameter, and whether it may be sent as `""` to clear it.
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
        if let Some(bound) = range_bound(schema) {
            return Ok((range(bound, wire), false));
        }
        if let Kind::AnyOf(choices) = &schema.kind {
            let clearable = choices.iter().any(is_empty_string);
            let rest: Vec<&Schema> = choices.iter().filter(|c| !is_empty_string(c)).collect();
            return match rest.as_slice() {
                [] => Err("its only value is `\"\"`".into()),
                [only] => {
                    let (ty, _) = self.param_ty(owner, wire, only, cursor_of, false)?;
                    Ok((ty, clearable))
                }
                several => Ok((self.one_of(owner, wire, several)?, clearable)),
            };
        }
        let ty = match &schema.kind {
            Kind::Ref(_) => {
                return Err(
                    "a parameter that refers to a component schema is not supported".into(),
                );
            }
            Kind::AnyOf(_) => return Err("it is one of several types".into()),
            Kind::String {
                values: Some(values),
                ..
            } => {
                let clearable = values.iter().any(String::is_empty);
                let values: Vec<String> =
                    values.iter().filter(|v| !v.is_empty()).cloned().collect();
                if values.is_empty() {
                    return Err("its only value is `\"\"`".into());
                }
                return Ok((
                    Ty::Named(self.enumeration(owner, wire, schema, &values)),
                    clearable,
                ));
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
            Kind::Number => Ty::Number,
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
                } else {
                    // An object without properties selects an option that takes none
                    // (`payment_method_data[alipay]`): a parameter object without fields.
                    Ty::Named(self.param_object(owner, wire, schema, object)?)
                }
            }
            Kind::Any => {
                return Err("it may be any JSON value, which form encoding cannot send".into());
            }
        };
        Ok((ty, false))
    }

    /// `one_of<...>` of the choices of an `anyOf`, which must be of different kinds (a string,
    /// an integer, an object, ...) for the generator to tell them apart.
    fn one_of(&mut self, owner: &Owner, wire: &str, choices: &[&Schema]) -> Result<Ty, String> {
        let mut variants: Vec<Ty> = Vec::new();
        for choice in choices {
            let ty = match range_bound(choice) {
                Some(bound) => range(bound, wire),
                None => self.param_ty(owner, wire, choice, None, false)?.0,
            };
            match ty {
                Ty::OneOf(inner) => variants.extend(inner),
                Ty::Json | Ty::Expand => {
                    return Err(
                        "one of its choices is free-form JSON, which a `one_of` cannot hold".into(),
                    );
                }
                ty => variants.push(ty),
            }
        }
        let kind = |ty: &Ty| match ty {
            Ty::Named(key) => key.name.clone(),
            Ty::Id(_) => "Id".into(),
            Ty::Array(_) => "Array".into(),
            Ty::Map(..) => "Map".into(),
            Ty::Range(_) => "Range".into(),
            other => other.written_from(""),
        };
        let mut kinds: Vec<String> = variants.iter().map(kind).collect();
        kinds.sort();
        if kinds.windows(2).any(|pair| pair[0] == pair[1]) {
            return Err(format!(
                "it is one of several values of the same kind ({}), which a `one_of` cannot tell apart",
                kinds.join(", ")
            ));
        }
        Ok(Ty::OneOf(variants))
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
        let shape = schemas::param_shape(schema);
        if let Some(key) = self.param_objects.get(&shape) {
            return Ok(key.clone());
        }
        let wanted = match &schema.title {
            // The options that take no options (`payment_method_data[alipay]`) are all alike.
            _ if object.properties.is_empty() => "EmptyParams".to_owned(),
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
            deleted_of: None,
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
                role: ir::Role::Params,
                object: None,
                id_prefix: None,
                description,
                fields,
            }),
        );
        Ok(key)
    }
}

/// `range<timestamp>` or `range<integer>`: Stripe's ranges are of times unless the field says
/// otherwise.
fn range(unix_time: bool, wire: &str) -> Ty {
    let inner = if unix_time || is_time(wire) {
        Ty::Timestamp
    } else {
        Ty::Integer
    };
    Ty::Range(Box::new(inner))
}
