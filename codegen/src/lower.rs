//! Stage 5: turn a validated spec into the [`model`](crate::model): Rust names, resolved types,
//! and how each struct travels. Every fact comes from the definition being lowered (its section,
//! its fields), never from how the rest of the spec uses it.

mod events;

use std::collections::BTreeMap;

use crate::emit::docs::description;
use crate::expand;
use crate::model::{
    Cursor, Encoding, Endpoint, Enum, External, Field, File, IdType, Item, Model, Module, OneOf,
    OneOfVariant, Paging, ParamsFrom, PathParam, PathPart, Presence, Returns, Struct, Ty, TypePath,
    Union, UnionId, UnionVariant, Variant, VariantId,
};
use crate::names;
use crate::paging;
use crate::parallel;
use crate::source::Sources;
use crate::spec::ast::{
    Def, EndpointDef, EnumDef, FieldDef, MapKey, ModuleFile, NameRef, ObjectDef, OneOfDef,
    PathSegment, Role, Spec, TypeExpr, TypeRef, UnionDef, ValueDef,
};
use crate::symbols::{Symbol, Symbols, TypeDef};

/// Lowers `spec`, which [`validate`](crate::validate::validate) accepted.
pub fn lower(spec: &Spec, sources: &Sources) -> Model {
    let symbols = Symbols::new(spec);
    let lowering = Lowering { symbols: &symbols };

    let mut module_names: Vec<&str> = spec
        .api
        .modules
        .iter()
        .map(|module| module.name.value.as_str())
        .collect();
    module_names.sort_unstable();
    // Files are lowered on a thread per 256 KiB of spec up to every core: each reads only its
    // own definitions and the symbols.
    let lowered = parallel::map_light(&spec.files, sources.text_len(), |file| File {
        stem: file.stem.clone(),
        source: sources.file(file.file).display.clone(),
        items: file
            .items
            .iter()
            .flat_map(|item| lowering.item(file, item))
            .collect(),
    });
    let mut by_module: BTreeMap<&str, Vec<File>> = BTreeMap::new();
    for (file, lowered) in spec.files.iter().zip(lowered) {
        by_module
            .entry(file.module.as_str())
            .or_default()
            .push(lowered);
    }
    let modules = module_names
        .into_iter()
        .map(|name| {
            let doc = spec
                .api
                .modules
                .iter()
                .find(|m| m.name.value == name)
                .map(|m| description(&m.description.value))
                .unwrap_or_default();
            let mut files = by_module.remove(name).unwrap_or_default();
            files.sort_by(|a, b| a.stem.cmp(&b.stem));
            Module {
                name: name.to_owned(),
                doc,
                files,
            }
        })
        .collect();
    let api_file = &sources.file(spec.api.file).display;
    let source_root = api_file
        .strip_suffix("/api.yaml")
        .unwrap_or(api_file)
        .to_owned();
    Model {
        api_version: spec.api.api_version.value.clone(),
        source_root,
        modules,
        events: events::lower(spec, &symbols, sources),
    }
}

fn path_of(symbol: &Symbol<'_>) -> TypePath {
    TypePath {
        module: symbol.module.to_owned(),
        name: symbol.def.name().to_owned(),
    }
}

/// The model path of the type `name` refers to from `module`.
fn path_in(module: &str, name: &NameRef) -> TypePath {
    TypePath {
        module: name.module.clone().unwrap_or_else(|| module.to_owned()),
        name: name.name.clone(),
    }
}

fn id_path(mut resource: TypePath) -> TypePath {
    resource.name = names::id_type(&resource.name);
    resource
}

struct Lowering<'a, 's> {
    symbols: &'a Symbols<'s>,
}

impl Lowering<'_, '_> {
    fn item(&self, file: &ModuleFile, item: &Def) -> Vec<Item> {
        let mut items = match item {
            Def::Object(def) => self.object(file, def),
            Def::External(def) => {
                let id = names::id_type(&def.name.value);
                vec![
                    Item::Id(IdType {
                        name: id.clone(),
                        resource: def.name.value.clone(),
                        prefix: def.id_prefix.as_ref().map(|prefix| prefix.value.clone()),
                    }),
                    Item::External(External {
                        name: def.name.value.clone(),
                        doc: description(&def.description.value),
                        id,
                    }),
                ]
            }
            Def::Enum(def) => vec![Item::Enum(enumeration(def))],
            Def::Union(def) => vec![Item::Union(self.union(&file.module, def))],
            Def::OneOf(def) => vec![Item::OneOf(self.one_of(&file.module, def))],
            Def::Endpoint(def) => self
                .endpoint(file, def)
                .map(|endpoint| Item::Endpoint(Box::new(endpoint)))
                .into_iter()
                .collect(),
        };
        if let Some(symbol) = Symbol::defined(file, item) {
            items.extend(self.expand_enum(&symbol));
        }
        items
    }

    /// The `<Type>Expand` enum of `symbol`, if it has one.
    fn expand_enum(&self, symbol: &Symbol<'_>) -> Option<Item> {
        let paths = expand::enum_paths(self.symbols, symbol);
        if paths.is_empty() {
            return None;
        }
        let name = symbol.def.name();
        let wires: Vec<&str> = paths.iter().map(|path| path.path.as_str()).collect();
        let rust_names = names::expand_variants(&wires);
        Some(Item::Enum(Enum {
            name: names::expand_enum(name),
            doc: format!(
                "The fields of [`{name}`] that `expand[]` can ask Stripe to include in full."
            ),
            variants: paths
                .iter()
                .zip(rust_names)
                .map(|(path, rust)| Variant {
                    rust: rust.unwrap_or_default(),
                    wire: path.path.clone(),
                    doc: if path.requires_expand {
                        format!(
                            "Include `{}`, which is present only when expanded.",
                            path.path
                        )
                    } else {
                        format!(
                            "Send `{}` as the whole object instead of its ID.",
                            path.path
                        )
                    },
                })
                .collect(),
            default_first: false,
        }))
    }

    fn object(&self, file: &ModuleFile, def: &ObjectDef) -> Vec<Item> {
        if def.is_exclusive() {
            return vec![Item::OneOf(self.exclusive(&file.module, def))];
        }
        let name = &def.name.value;
        let id = def.is_resource().then(|| names::id_type(name));
        let fields = def
            .fields
            .iter()
            .map(|field| self.field(file, def, field))
            .collect();
        let mut items = vec![Item::Struct(Struct {
            name: name.clone(),
            doc: description(&def.description.value),
            fields,
            encoding: match def.role {
                Role::Params => Encoding::Form,
                Role::Resource | Role::Object => Encoding::Json,
            },
            id: id.clone(),
        })];
        if let Some(id) = id {
            items.push(Item::Id(IdType {
                name: id,
                resource: name.clone(),
                prefix: def.id_prefix.as_ref().map(|prefix| prefix.value.clone()),
            }));
        }
        let tagged = def
            .fields
            .iter()
            .any(|field| field.ty.expr == TypeExpr::ObjectTag);
        if let (Some(object), true) = (&def.object, tagged) {
            let mut variants = vec![Variant {
                rust: names::variant_name(&object.value).unwrap_or_default(),
                wire: object.value.clone(),
                doc: format!("`{}`, the value Stripe sends.", object.value),
            }];
            variants.extend(def.object_aliases.iter().map(variant));
            items.push(Item::Enum(Enum {
                name: names::object_enum(name),
                doc: format!("The values of the `object` field of [`{name}`]."),
                variants,
                default_first: true,
            }));
        }
        items
    }

    fn field(&self, file: &ModuleFile, owner: &ObjectDef, field: &FieldDef) -> Field {
        let presence = if owner.role == Role::Params {
            param_presence(field)
        } else {
            match (field.nullable.is_some(), field.optional.is_some()) {
                (false, false) => Presence::Required,
                (true, false) => Presence::Nullable,
                (false, true) => Presence::Optional,
                (true, true) => Presence::OptionalNullable,
            }
        };
        let ty = match &field.ty.expr {
            TypeExpr::OwnId => Ty::Named(TypePath {
                module: file.module.clone(),
                name: names::id_type(&owner.name.value),
            }),
            TypeExpr::ObjectTag => Ty::Named(TypePath {
                module: file.module.clone(),
                name: names::object_enum(&owner.name.value),
            }),
            _ => self.ty(&file.module, &field.ty, None),
        };
        Field {
            rust: field.rust_name().unwrap_or_default(),
            wire: field.name.value.clone(),
            doc: description(&field.description.value),
            ty,
            presence,
            requires_expand: field.requires_expand.is_some(),
            boxed: field.boxed.is_some(),
            is_tag: field.ty.expr == TypeExpr::ObjectTag,
            non_empty: field.non_empty.is_some(),
        }
    }

    /// The model type of `ty`. `expand` is the endpoint's expand parameter type, where there is one.
    fn ty(&self, module: &str, ty: &TypeRef, expand: Option<&Ty>) -> Ty {
        match &ty.expr {
            TypeExpr::String => Ty::String,
            TypeExpr::Integer => Ty::Integer,
            TypeExpr::Boolean => Ty::Boolean,
            TypeExpr::Timestamp => Ty::Timestamp,
            TypeExpr::Currency => Ty::Currency,
            TypeExpr::Number => Ty::Number,
            TypeExpr::Deleted => Ty::Deleted,
            TypeExpr::Json => Ty::Json,
            TypeExpr::Named(name) => Ty::Named(path_in(module, name)),
            TypeExpr::Id(name) => Ty::Named(id_path(path_in(module, name))),
            TypeExpr::Array(inner) => Ty::Array(Box::new(self.ty(module, inner, expand))),
            TypeExpr::Map(key, inner) => Ty::Map {
                currency_keys: *key == MapKey::Currency,
                value: Box::new(self.ty(module, inner, expand)),
            },
            TypeExpr::Expandable(name) => Ty::Expandable(path_in(module, name)),
            TypeExpr::List(name) | TypeExpr::Search(name) => Ty::List(path_in(module, name)),
            TypeExpr::Range(inner) => Ty::Range(Box::new(self.ty(module, inner, expand))),
            TypeExpr::Expand => expand.cloned().unwrap_or(Ty::Expand {
                paths: None,
                list: false,
            }),
            // Validation allows `id` and `object_tag` only where `field` handles them, and
            // decoding replaces `one_of` and inline definitions with references.
            TypeExpr::OwnId | TypeExpr::ObjectTag | TypeExpr::OneOf(_) | TypeExpr::Inline(_) => {
                Ty::String
            }
        }
    }

    fn union(&self, module: &str, def: &UnionDef) -> Union {
        let mut ids = Vec::new();
        let variants: Vec<UnionVariant> = def
            .variants
            .iter()
            .filter_map(|name| self.symbols.resolve(module, name))
            .map(|symbol| {
                let (objects, deleted, id) = match symbol.def {
                    TypeDef::Object(object) => {
                        let mut objects: Vec<String> =
                            object.object.iter().map(|tag| tag.value.clone()).collect();
                        objects.extend(object.object_aliases.iter().map(|a| a.wire.value.clone()));
                        let deleted = object
                            .fields
                            .iter()
                            .any(|field| field.ty.expr == TypeExpr::Deleted);
                        let id = if object.is_resource() {
                            Some((VariantId::Object, id_path(path_of(&symbol))))
                        } else {
                            object.id_of().map(|target| {
                                let field = object
                                    .fields
                                    .iter()
                                    .find(|field| field.name.value == "id")
                                    .and_then(FieldDef::rust_name)
                                    .unwrap_or_default();
                                (
                                    VariantId::Field(field),
                                    id_path(path_in(symbol.module, target)),
                                )
                            })
                        };
                        (objects, deleted, id)
                    }
                    TypeDef::External(external) => (
                        vec![external.object.value.clone()],
                        false,
                        Some((VariantId::Object, id_path(path_of(&symbol)))),
                    ),
                    _ => (Vec::new(), false, None),
                };
                ids.push(id.as_ref().map(|(_, path)| path.clone()));
                UnionVariant {
                    rust: symbol.def.name().to_owned(),
                    ty: path_of(&symbol),
                    objects,
                    deleted,
                    id: id.map(|(id, _)| id),
                }
            })
            .collect();
        let id = match ids.split_first() {
            Some((Some(first), rest)) if rest.iter().all(|id| id.as_ref() == Some(first)) => {
                Some(UnionId::Typed(first.clone()))
            }
            _ if ids.iter().all(Option::is_some) => Some(UnionId::Mixed),
            _ => None,
        };
        Union {
            name: def.name.value.clone(),
            doc: description(&def.description.value),
            variants,
            untagged: def.untagged.is_some(),
            id,
        }
    }

    /// An exclusive parameter object: a variant per field besides the tag.
    fn exclusive(&self, module: &str, def: &ObjectDef) -> OneOf {
        let tag = def.tag.as_ref().map(|tag| tag.value.clone());
        OneOf {
            name: def.name.value.clone(),
            doc: format!(
                "{}\n\nExactly one of these is sent{}.",
                description(&def.description.value),
                match &tag {
                    Some(tag) => format!(", with `{tag}` naming it"),
                    None => String::new(),
                }
            ),
            variants: def
                .fields
                .iter()
                .filter(|field| tag.as_ref() != Some(&field.name.value))
                .map(|field| OneOfVariant {
                    rust: names::variant_name(&field.name.value).unwrap_or_default(),
                    doc: description(&field.description.value),
                    ty: self.ty(module, &field.ty, None),
                    wire: Some(field.name.value.clone()),
                })
                .collect(),
            tag,
        }
    }

    fn one_of(&self, module: &str, def: &OneOfDef) -> OneOf {
        OneOf {
            name: def.name.value.clone(),
            doc: description(&def.description.value),
            variants: def
                .variants
                .iter()
                .map(|variant| OneOfVariant {
                    rust: names::one_of_variant(&variant.expr).unwrap_or_default(),
                    doc: one_of_doc(&variant.expr),
                    ty: self.ty(module, variant, None),
                    wire: None,
                })
                .collect(),
            tag: None,
        }
    }

    /// `None` only for a response type that validation rejects.
    fn endpoint(&self, file: &ModuleFile, def: &EndpointDef) -> Option<Endpoint> {
        let module = file.module.as_str();
        let (item, returns): (_, fn(TypePath) -> Returns) = match &def.returns.expr {
            TypeExpr::List(name) => (name, Returns::List),
            TypeExpr::Search(name) => (name, Returns::Search),
            TypeExpr::Named(name) => (name, Returns::Object),
            _ => return None,
        };
        let item_symbol = self.symbols.resolve(module, item);
        let item_path = item_symbol
            .as_ref()
            .map_or_else(|| path_in(module, item), path_of);
        let expand_enum = item_symbol
            .filter(|symbol| !expand::enum_paths(self.symbols, symbol).is_empty())
            .map(|_| TypePath {
                name: names::expand_enum(&item_path.name),
                ..item_path.clone()
            });
        let expand = Ty::Expand {
            paths: expand_enum,
            list: !matches!(def.returns.expr, TypeExpr::Named(_)),
        };

        let placeholders: Vec<&str> = def.path.params().map(|name| name.value.as_str()).collect();
        let mut path_params: Vec<PathParam> = def
            .path_params
            .iter()
            .map(|param| PathParam {
                rust: param.rust_name().unwrap_or_default(),
                wire: param.name.value.clone(),
                doc: description(&param.description.value),
                id: match self.ty(module, &param.ty, None) {
                    Ty::Named(path) => Some(path),
                    _ => None,
                },
            })
            .collect();
        path_params.sort_by_key(|param| placeholders.iter().position(|name| *name == param.wire));
        let path = def
            .path
            .segments
            .iter()
            .map(|segment| match segment {
                PathSegment::Literal(text) => PathPart::Literal(text.clone()),
                PathSegment::Param(name) => PathPart::Param(
                    path_params
                        .iter()
                        .position(|param| param.wire == name.value)
                        .unwrap_or_default(),
                ),
            })
            .collect();

        let fields: Vec<Field> = def
            .params
            .iter()
            .map(|param| Field {
                rust: param.rust_name().unwrap_or_default(),
                wire: param.name.value.clone(),
                doc: description(&param.description.value),
                ty: self.ty(module, &param.ty, Some(&expand)),
                presence: param_presence(param),
                requires_expand: false,
                boxed: false,
                is_tag: false,
                non_empty: param.non_empty.is_some(),
            })
            .collect();

        let rust = |field: &FieldDef| field.rust_name().unwrap_or_default();
        let paging = paging::paging(self.symbols, module, def).map(|paging| match paging {
            paging::Paging::Cursor {
                starting_after,
                ending_before,
                typed,
            } => Paging::Cursor(Cursor {
                starting_after: rust(starting_after),
                ending_before: ending_before.map(rust),
                typed,
                union: item_symbol.is_some_and(|item| matches!(item.def, TypeDef::Union(_))),
                // `rust_name:` may have renamed it.
                id_field: item_symbol
                    .and_then(|item| match item.def {
                        TypeDef::Object(object) => {
                            object.fields.iter().find(|field| field.name.value == "id")
                        }
                        _ => None,
                    })
                    .map_or_else(|| "id".to_owned(), rust),
            }),
            paging::Paging::Page { page } => Paging::Page { page: rust(page) },
        });

        let params_from = self.params_from(module, def);
        let name = def.name.value.clone();
        let params = (!fields.is_empty()).then(|| Struct {
            name: names::params_struct(&name),
            doc: format!("The parameters of [`{name}`]."),
            fields,
            encoding: Encoding::Form,
            id: None,
        });
        Some(Endpoint {
            name,
            doc: description(&def.description.value),
            method: def.method,
            path_text: def.path.text.value.clone(),
            path,
            path_params,
            params,
            params_from,
            returns: returns(item_path),
            paging,
        })
    }

    /// `From<ParamObject>` for the parameters, from `params_from:`: each parameter takes the
    /// object's field of the same wire name, or its default.
    fn params_from(&self, module: &str, def: &EndpointDef) -> Option<ParamsFrom> {
        let TypeExpr::Named(name) = &def.params_from.as_ref()?.expr else {
            return None;
        };
        let symbol = self.symbols.resolve(module, name)?;
        let TypeDef::Object(object) = symbol.def else {
            return None;
        };
        let fields = def
            .params
            .iter()
            .map(|param| {
                let source = object
                    .fields
                    .iter()
                    .find(|field| field.name.value == param.name.value)
                    .map(|field| field.rust_name().unwrap_or_default());
                (param.rust_name().unwrap_or_default(), source)
            })
            .collect();
        Some(ParamsFrom {
            source: path_of(&symbol),
            fields,
        })
    }
}

/// What a `one_of` variant holds, for its documentation.
fn one_of_doc(ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::String => "A string.".into(),
        TypeExpr::Integer => "An integer.".into(),
        TypeExpr::Boolean => "A boolean.".into(),
        TypeExpr::Timestamp => "A time.".into(),
        TypeExpr::Currency => "A currency.".into(),
        TypeExpr::Number => "A number.".into(),
        TypeExpr::Id(name) => format!("The ID of a `{}`.", name.name),
        TypeExpr::Array(_) => "A list of values.".into(),
        TypeExpr::Map(..) => "A map of keys to values.".into(),
        TypeExpr::Range(_) => "A range, or an exact value.".into(),
        TypeExpr::Named(name) => format!("[`{}`].", name.name),
        _ => "A value.".into(),
    }
}

/// How a parameter (or a parameter object's field) may be left out.
fn param_presence(param: &FieldDef) -> Presence {
    match (param.optional.is_some(), param.clearable.is_some()) {
        (true, true) => Presence::Clearable,
        (true, false) => Presence::Optional,
        _ => Presence::Required,
    }
}

fn enumeration(def: &EnumDef) -> Enum {
    Enum {
        name: def.name.value.clone(),
        doc: description(&def.description.value),
        variants: def.values.iter().map(variant).collect(),
        default_first: false,
    }
}

fn variant(value: &ValueDef) -> Variant {
    Variant {
        rust: value
            .rust_name
            .as_ref()
            .map(|name| name.value.clone())
            .or_else(|| names::variant_name(&value.wire.value))
            .unwrap_or_default(),
        wire: value.wire.value.clone(),
        doc: description(&value.description.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{CARD_AND_BANK_ACCOUNT, items, model};

    fn union<'m>(items: &'m [Item], name: &str) -> &'m Union {
        items
            .iter()
            .find_map(|item| match item {
                Item::Union(union) if union.name == name => Some(union),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no union {name}"))
    }

    #[test]
    fn a_union_has_the_id_its_variants_share_or_a_string() {
        let model = model(&format!(
            "{CARD_AND_BANK_ACCOUNT}
objects:
  DeletedCard:
    object: card
    description: A deleted card.
    fields:
      id: {{type: id<Card>, description: Its ID.}}
      deleted: {{type: deleted, description: Always true.}}
  Untagged:
    description: No ID.
    fields:
      x: {{type: string, description: X.}}
unions:
  CardOrDeleted:
    description: A card or a deleted one.
    variants: [Card, DeletedCard]
  Source:
    description: A source.
    variants: [Card, BankAccount]
  Options:
    description: Options.
    untagged: true
    variants: [Card, Untagged]
"
        ));
        let items = items(&model);
        let card = TypePath {
            module: "widgets".into(),
            name: "CardId".into(),
        };
        let card_or_deleted = union(items, "CardOrDeleted");
        assert_eq!(card_or_deleted.id, Some(UnionId::Typed(card)));
        assert_eq!(
            card_or_deleted.variants[1].id,
            Some(VariantId::Field("id".into()))
        );
        assert!(card_or_deleted.variants[1].deleted);
        assert_eq!(union(items, "Source").id, Some(UnionId::Mixed));
        let options = union(items, "Options");
        assert_eq!((options.id.as_ref(), options.untagged), (None, true));
    }

    #[test]
    fn a_struct_travels_as_its_section_says_whatever_uses_it() {
        let model = model(
            "
objects:
  Shown:
    description: In responses.
    fields:
      tags: {type: 'array<string>', optional: true, description: Tags.}
param_objects:
  Sent:
    description: In requests.
    fields:
      tags: {type: 'array<string>', optional: true, description: Tags.}
",
        );
        let encodings: Vec<(String, Encoding)> = items(&model)
            .iter()
            .filter_map(|item| match item {
                Item::Struct(s) => Some((s.name.clone(), s.encoding)),
                _ => None,
            })
            .collect();
        assert_eq!(
            encodings,
            [
                ("Shown".to_owned(), Encoding::Json),
                ("Sent".to_owned(), Encoding::Form)
            ]
        );
    }

    #[test]
    fn endpoints_keep_path_segments_and_page_searches_by_token() {
        let model = model(&format!(
            "{CARD_AND_BANK_ACCOUNT}
endpoints:
  search_cards:
    description: Searches.
    method: GET
    path: /v1/cards/{{card}}/search
    path_params:
      card: {{type: 'id<Card>', description: The card.}}
    params:
      query: {{type: string, description: The query.}}
      page: {{type: string, optional: true, description: The page.}}
    returns: search<Card>
"
        ));
        let endpoint = items(&model)
            .iter()
            .find_map(|item| match item {
                Item::Endpoint(endpoint) => Some(endpoint),
                _ => None,
            })
            .unwrap();
        assert_eq!(
            endpoint.path,
            [
                PathPart::Literal("v1".into()),
                PathPart::Literal("cards".into()),
                PathPart::Param(0),
                PathPart::Literal("search".into()),
            ]
        );
        assert!(matches!(&endpoint.paging, Some(Paging::Page { page }) if page == "page"));
        assert!(matches!(endpoint.returns, Returns::Search(_)));
    }
}
