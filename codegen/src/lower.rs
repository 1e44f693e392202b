//! Stage 5: turn a validated spec into the [`model`](crate::model): Rust names, resolved types,
//! and which traits each type needs (JSON for responses, form encoding for parameters).

mod events;

use std::collections::BTreeSet;

use crate::expand;
use crate::model::{
    Cursor, Endpoint, Enum, External, Field, File, IdType, Item, Method, Model, Module, PathParam,
    Presence, Returns, Struct, Ty, TypePath, Variant,
};
use crate::names;
use crate::source::Sources;
use crate::spec::ast::{
    Def, EndpointDef, EnumDef, FieldDef, ModuleFile, NameRef, ObjectDef, Spec, TypeExpr, TypeRef,
    ValueDef,
};
use crate::symbols::{Symbol, Symbols, TypeDef};

/// Lowers `spec`, which [`validate`](crate::validate::validate) accepted.
pub fn lower(spec: &Spec, sources: &Sources) -> Model {
    let symbols = Symbols::new(spec);
    let usage = Usage::new(spec, &symbols);
    let lowering = Lowering {
        symbols: &symbols,
        usage: &usage,
    };

    let mut module_names: Vec<&str> = spec
        .api
        .modules
        .iter()
        .map(|module| module.name.value.as_str())
        .collect();
    module_names.sort_unstable();
    let modules = module_names
        .into_iter()
        .map(|name| {
            let doc = spec
                .api
                .modules
                .iter()
                .find(|m| m.name.value == name)
                .map(|m| m.description.value.clone())
                .unwrap_or_default();
            let mut files: Vec<File> = spec
                .files
                .iter()
                .filter(|file| file.module == name)
                .map(|file| File {
                    stem: file.stem.clone(),
                    source: sources.file(file.file).display.clone(),
                    items: file
                        .items
                        .iter()
                        .flat_map(|item| lowering.item(file, item))
                        .collect(),
                })
                .collect();
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

/// Which objects are decoded from JSON and which are sent as parameters. (Enums and IDs
/// always implement both.)
struct Usage {
    json: BTreeSet<TypePath>,
    form: BTreeSet<TypePath>,
    /// Response types of endpoints, which get an expand enum when they have expandable paths.
    returned: BTreeSet<TypePath>,
}

impl Usage {
    fn new(spec: &Spec, symbols: &Symbols<'_>) -> Self {
        let mut usage = Usage {
            json: BTreeSet::new(),
            form: BTreeSet::new(),
            returned: BTreeSet::new(),
        };
        for file in &spec.files {
            for item in &file.items {
                if let Def::Endpoint(endpoint) = item {
                    for param in &endpoint.params {
                        usage.mark(symbols, &file.module, &param.ty, false);
                    }
                    let target = match &endpoint.returns.expr {
                        TypeExpr::Named(name) | TypeExpr::List(name) => {
                            symbols.resolve(&file.module, name)
                        }
                        _ => None,
                    };
                    if let Some(symbol) = target {
                        usage.returned.insert(path_of(&symbol));
                    }
                    usage.mark(symbols, &file.module, &endpoint.returns, true);
                }
            }
        }
        // Resources are responses; anything not sent as a parameter is assumed to be one too.
        for file in &spec.files {
            for item in &file.items {
                let root = match item {
                    Def::Object(def) if def.is_resource => true,
                    Def::Object(_) | Def::Enum(_) => !usage.form.contains(&TypePath {
                        module: file.module.clone(),
                        name: item.name().value.clone(),
                    }),
                    _ => false,
                };
                if root {
                    let name = NameRef {
                        module: None,
                        name: item.name().value.clone(),
                        span: item.name().span,
                    };
                    let ty = TypeRef {
                        expr: TypeExpr::Named(name),
                        span: item.name().span,
                    };
                    usage.mark(symbols, &file.module, &ty, true);
                }
            }
        }
        usage
    }

    /// Marks `ty` and every type it reaches as used in JSON (`json`) or in parameters.
    fn mark(&mut self, symbols: &Symbols<'_>, module: &str, ty: &TypeRef, json: bool) {
        let name = match &ty.expr {
            TypeExpr::Array(inner) | TypeExpr::Map(_, inner) | TypeExpr::Range(inner) => {
                return self.mark(symbols, module, inner, json);
            }
            TypeExpr::Named(name) | TypeExpr::Expandable(name) | TypeExpr::List(name) => name,
            _ => return,
        };
        let Some(symbol) = symbols.resolve(module, name) else {
            return;
        };
        let set = if json { &mut self.json } else { &mut self.form };
        if !set.insert(path_of(&symbol)) {
            return;
        }
        if let TypeDef::Object(object) = symbol.def {
            for field in &object.fields {
                self.mark(symbols, symbol.module, &field.ty, json);
            }
        }
    }
}

fn path_of(symbol: &Symbol<'_>) -> TypePath {
    let name = match symbol.def {
        TypeDef::Object(def) => &def.name.value,
        TypeDef::External(def) => &def.name.value,
        TypeDef::Enum(def) => &def.name.value,
    };
    TypePath {
        module: symbol.module.to_owned(),
        name: name.clone(),
    }
}

struct Lowering<'a, 's> {
    symbols: &'a Symbols<'s>,
    usage: &'a Usage,
}

impl Lowering<'_, '_> {
    fn item(&self, file: &ModuleFile, item: &Def) -> Vec<Item> {
        let here = |name: &str| TypePath {
            module: file.module.clone(),
            name: name.to_owned(),
        };
        match item {
            Def::Object(def) => self.object(file, def, &here(&def.name.value)),
            Def::External(def) => {
                let id = format!("{}Id", def.name.value);
                vec![
                    Item::Id(IdType {
                        name: id.clone(),
                        resource: def.name.value.clone(),
                        prefix: def.id_prefix.value.clone(),
                    }),
                    Item::External(External {
                        name: def.name.value.clone(),
                        doc: def.description.value.clone(),
                        id,
                    }),
                ]
            }
            Def::Enum(def) => vec![Item::Enum(self.enumeration(def))],
            Def::Endpoint(def) => self
                .endpoint(file, def)
                .map(|endpoint| Item::Endpoint(Box::new(endpoint)))
                .into_iter()
                .collect(),
        }
    }

    fn object(&self, file: &ModuleFile, def: &ObjectDef, path: &TypePath) -> Vec<Item> {
        let name = &def.name.value;
        let id = def.is_resource.then(|| format!("{name}Id"));
        let fields = def
            .fields
            .iter()
            .map(|field| self.field(file, def, field))
            .collect();
        let json = self.usage.json.contains(path);
        let mut items = vec![Item::Struct(Struct {
            name: name.clone(),
            doc: def.description.value.clone(),
            fields,
            json,
            form: self.usage.form.contains(path),
            id: id.clone(),
        })];
        if let (Some(id), Some(prefix)) = (id, &def.id_prefix) {
            items.push(Item::Id(IdType {
                name: id,
                resource: name.clone(),
                prefix: prefix.value.clone(),
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
                name: format!("{name}Object"),
                doc: format!("The values of the `object` field of [`{name}`]."),
                variants,
                default_first: true,
            }));
        }
        if self.usage.returned.contains(path) {
            let paths = expand::paths(self.symbols, &file.module, def);
            if !paths.is_empty() {
                items.push(Item::Enum(Enum {
                    name: format!("{name}Expand"),
                    doc: format!("The fields of [`{name}`] that `expand[]` can ask Stripe to include in full."),
                    variants: paths
                        .iter()
                        .map(|path| Variant {
                            rust: names::variant_name(&path.path).unwrap_or_default(),
                            wire: path.path.clone(),
                            doc: if path.requires_expand {
                                format!("Include `{}`, which is present only when expanded.", path.path)
                            } else {
                                format!("Send `{}` as the whole object instead of its ID.", path.path)
                            },
                        })
                        .collect(),
                    default_first: false,
                }));
            }
        }
        items
    }

    fn field(&self, file: &ModuleFile, owner: &ObjectDef, field: &FieldDef) -> Field {
        let presence = match (field.nullable.is_some(), field.optional.is_some()) {
            (false, false) => Presence::Required,
            (true, false) => Presence::Nullable,
            (false, true) => Presence::Optional,
            (true, true) => Presence::OptionalNullable,
        };
        let ty = match &field.ty.expr {
            TypeExpr::OwnId => Ty::Named(TypePath {
                module: file.module.clone(),
                name: format!("{}Id", owner.name.value),
            }),
            TypeExpr::ObjectTag => Ty::Named(TypePath {
                module: file.module.clone(),
                name: format!("{}Object", owner.name.value),
            }),
            _ => self.ty(&file.module, &field.ty, None),
        };
        Field {
            rust: rust_name(field),
            wire: field.name.value.clone(),
            doc: field.description.value.clone(),
            ty,
            presence,
            requires_expand: field.requires_expand.is_some(),
            is_tag: field.ty.expr == TypeExpr::ObjectTag,
        }
    }

    /// The model type of `ty`. `expand` is the endpoint's expand parameter type, where there is one.
    fn ty(&self, module: &str, ty: &TypeRef, expand: Option<&Ty>) -> Ty {
        let path = |name: &NameRef| TypePath {
            module: name.module.clone().unwrap_or_else(|| module.to_owned()),
            name: name.name.clone(),
        };
        match &ty.expr {
            TypeExpr::String => Ty::String,
            TypeExpr::Integer => Ty::Integer,
            TypeExpr::Boolean => Ty::Boolean,
            TypeExpr::Timestamp => Ty::Timestamp,
            TypeExpr::Currency => Ty::Currency,
            TypeExpr::Named(name) => Ty::Named(path(name)),
            TypeExpr::Id(name) => {
                let target = path(name);
                Ty::Named(TypePath {
                    name: format!("{}Id", target.name),
                    ..target
                })
            }
            TypeExpr::Array(inner) => Ty::Array(Box::new(self.ty(module, inner, expand))),
            TypeExpr::Map(key, inner) => Ty::Map {
                currency_keys: *key == crate::spec::ast::MapKey::Currency,
                value: Box::new(self.ty(module, inner, expand)),
            },
            TypeExpr::Expandable(name) => Ty::Expandable(path(name)),
            TypeExpr::List(name) => Ty::List(path(name)),
            TypeExpr::Range(inner) => Ty::Range(Box::new(self.ty(module, inner, expand))),
            TypeExpr::Expand => expand.cloned().unwrap_or(Ty::Expand {
                paths: None,
                list: false,
            }),
            // Validation allows these only where `field` handles them.
            TypeExpr::OwnId | TypeExpr::ObjectTag => Ty::String,
        }
    }

    fn enumeration(&self, def: &EnumDef) -> Enum {
        Enum {
            name: def.name.value.clone(),
            doc: def.description.value.clone(),
            variants: def.values.iter().map(variant).collect(),
            default_first: false,
        }
    }

    /// `None` only for a response type that validation rejects.
    fn endpoint(&self, file: &ModuleFile, def: &EndpointDef) -> Option<Endpoint> {
        let module = file.module.as_str();
        let (returns, item) = match &def.returns.expr {
            TypeExpr::List(name) => (true, name),
            TypeExpr::Named(name) => (false, name),
            _ => return None,
        };
        let item_symbol = self.symbols.resolve(module, item);
        let item_path = item_symbol.as_ref().map_or_else(
            || TypePath {
                module: module.to_owned(),
                name: item.name.clone(),
            },
            path_of,
        );
        let expand_enum = match item_symbol.map(|symbol| symbol.def) {
            Some(TypeDef::Object(object))
                if !expand::paths(self.symbols, &item_path.module, object).is_empty() =>
            {
                Some(TypePath {
                    name: format!("{}Expand", item_path.name),
                    ..item_path.clone()
                })
            }
            _ => None,
        };
        let expand = Ty::Expand {
            paths: expand_enum,
            list: returns,
        };

        let mut path_params: Vec<PathParam> = def
            .path_params
            .iter()
            .map(|param| PathParam {
                rust: rust_name(param),
                wire: param.name.value.clone(),
                doc: param.description.value.clone(),
                id: match self.ty(module, &param.ty, None) {
                    Ty::Named(path) => Some(path),
                    _ => None,
                },
            })
            .collect();
        path_params.sort_by_key(|param| def.path.value.find(&format!("{{{}}}", param.wire)));

        let fields: Vec<Field> = def
            .params
            .iter()
            .map(|param| Field {
                rust: rust_name(param),
                wire: param.name.value.clone(),
                doc: param.description.value.clone(),
                ty: self.ty(module, &param.ty, Some(&expand)),
                presence: match (param.optional.is_some(), param.clearable.is_some()) {
                    (true, true) => Presence::Clearable,
                    (true, false) => Presence::Optional,
                    _ => Presence::Required,
                },
                requires_expand: false,
                is_tag: false,
            })
            .collect();

        let item_id = TypePath {
            name: format!("{}Id", item_path.name),
            ..item_path.clone()
        };
        let item_is_resource = item_symbol
            .is_some_and(|symbol| matches!(symbol.def, TypeDef::Object(def) if def.is_resource));
        // Paginating needs an optional cursor parameter holding the item's ID (or a string).
        let cursor_field = |wire: &str| {
            let field = fields
                .iter()
                .find(|field| field.wire == wire && field.presence == Presence::Optional)?;
            match &field.ty {
                Ty::String => Some((field.rust.clone(), false)),
                Ty::Named(path) if *path == item_id => Some((field.rust.clone(), true)),
                _ => None,
            }
        };
        let cursor = cursor_field("starting_after")
            .filter(|_| returns && item_is_resource)
            .map(|(starting_after, typed)| Cursor {
                starting_after,
                ending_before: cursor_field("ending_before")
                    .filter(|(_, same_type)| *same_type == typed)
                    .map(|(field, _)| field),
                typed,
            });

        let name = def.name.value.clone();
        let params = (!fields.is_empty()).then(|| Struct {
            name: format!("{}Params", names::type_name(&name)),
            doc: format!("The parameters of [`{name}`]."),
            fields,
            json: false,
            form: true,
            id: None,
        });
        Some(Endpoint {
            name,
            doc: def.description.value.clone(),
            method: if def.method.value == "POST" {
                Method::Post
            } else {
                Method::Get
            },
            path: def.path.value.clone(),
            path_params,
            params,
            returns: if returns {
                Returns::List(item_path)
            } else {
                Returns::Object(item_path)
            },
            cursor,
        })
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
        doc: value.description.value.clone(),
    }
}

fn rust_name(field: &FieldDef) -> String {
    field
        .rust_name
        .as_ref()
        .map(|name| name.value.clone())
        .or_else(|| names::field_name(&field.name.value))
        .unwrap_or_default()
}
