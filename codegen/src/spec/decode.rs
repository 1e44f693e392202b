//! Stage 3: decode YAML trees into the spec's syntax, reporting every wrong, missing or unknown
//! key with its position, not only the first.

use std::collections::HashMap;

use crate::diagnostics::Diagnostic;
use crate::names;
use crate::parallel;
use crate::source::{FileId, SourceFile, Sources, Span};
use crate::spec::ast::{
    Api, Def, EndpointDef, EnumDef, EventDef, ExternalDef, FieldDef, InlineKind, Method,
    ModuleDecl, ModuleFile, NameRef, ObjectDef, OneOfDef, Role, Spec, Text, TypeExpr, TypeRef,
    UnionDef, Unreadable, ValueDef,
};
use crate::spec::{path, types};
use crate::suggest;
use crate::yaml::{self, Node, NodeKind};

/// Keys of a mapping checked for duplicates by a scan; a larger mapping gets an index.
const SCANNED_KEYS: usize = 32;

/// Decodes every file. Returns the spec with whatever decoded cleanly, and the errors found.
/// A file that is not UTF-8 or not YAML is left out and recorded in [`Spec::unreadable`], so
/// that the other files are still checked without errors about what it would have defined.
/// Files are parsed and decoded on every core: each is decoded on its own.
pub fn decode(sources: &Sources) -> Decoded {
    let sources_list: Vec<(FileId, &SourceFile)> = sources.iter().collect();
    let decoded = parallel::map(&sources_list, || (), |_, &(id, file)| decode_file(id, file));
    let mut errors = Vec::new();
    let mut api = None;
    let mut api_file = None;
    let mut files = Vec::new();
    let mut unreadable = Unreadable::default();
    for (&(id, file), (decoded, file_errors)) in sources_list.iter().zip(decoded) {
        errors.extend(file_errors);
        let is_api = file.relative == "api.yaml";
        if is_api {
            api_file = Some(id);
        }
        match decoded {
            FileDecoded::Api(decoded) => api = decoded,
            FileDecoded::Module(decoded) => files.push(decoded),
            FileDecoded::Unreadable if is_api => unreadable.api = true,
            FileDecoded::Unreadable => {
                if let Some((module, _)) = file.relative.split_once('/') {
                    unreadable.modules.insert(module.to_owned());
                }
            }
            FileDecoded::Misplaced => {}
        }
    }
    if api_file.is_none() {
        // `Sources::read_dir` always reads api.yaml; sources built by hand may lack it.
        if let Some((id, _)) = sources.iter().next() {
            let at = Span::start_of(id);
            errors.push(
                Diagnostic::new(
                    at,
                    "found no api.yaml; expected one beside the module directories",
                )
                .help("add api.yaml with `api_version:` and `modules:`"),
            );
        }
    }
    // An unreadable api.yaml stands in as an empty one, so that the module files are still
    // checked; its errors already fail the run.
    let api = api.or_else(|| {
        let file = api_file.filter(|_| unreadable.api)?;
        Some(Api {
            file,
            api_version: Text {
                value: String::new(),
                span: Span::start_of(file),
            },
            modules: Vec::new(),
        })
    });
    let spec = api.map(|api| Spec {
        api,
        files,
        unreadable,
    });
    Decoded { spec, errors }
}

/// What one file decoded into.
enum FileDecoded {
    /// `api.yaml`, unless it could not be decoded.
    Api(Option<Api>),
    Module(ModuleFile),
    /// Not UTF-8, or not YAML.
    Unreadable,
    /// A directory inside a module, or a file outside the module directories: reported.
    Misplaced,
}

/// Parses and decodes one file, with the errors found in it.
fn decode_file(id: FileId, file: &SourceFile) -> (FileDecoded, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let is_api = file.relative == "api.yaml";
    let node = match file.invalid_utf8 {
        Some((line, col)) => {
            let at = Span {
                file: id,
                line,
                col,
                len: 1,
            };
            Err(
                Diagnostic::new(at, "found bytes that are not UTF-8; expected UTF-8 text")
                    .help("save the file as UTF-8"),
            )
        }
        None => yaml::parse(id, &file.text),
    };
    let node = match node {
        Ok(node) => node,
        Err(error) => return (FileDecoded::Unreadable, vec![error]),
    };
    let mut decoder = Decoder {
        file: id,
        text: &file.text,
        errors: &mut errors,
        hoisted: Vec::new(),
    };
    let decoded = if is_api {
        FileDecoded::Api(decoder.api(&node))
    } else if let Some(directory) = file.relative.strip_suffix('/') {
        let module = directory.split('/').next().unwrap_or(directory);
        decoder.error(
            Diagnostic::new(
                Span::start_of(id),
                format!(
                    "found the directory `{}` inside module `{module}`; a module directory holds only its .yaml files",
                    file.display
                ),
            )
            .help(format!("move its files up into spec/{module}/, or out of spec/")),
        );
        FileDecoded::Misplaced
    } else if let Some((module, name)) = file.relative.split_once('/') {
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        FileDecoded::Module(decoder.module_file(&node, module, stem))
    } else {
        let at = Span::start_of(id);
        decoder.error(
            Diagnostic::new(
                at,
                format!("`{}` is not in a module directory", file.relative),
            )
            .help("only api.yaml sits directly in spec/; move this file to spec/<module>/"),
        );
        FileDecoded::Misplaced
    };
    (decoded, errors)
}

/// The result of [`decode`].
#[derive(Debug)]
pub struct Decoded {
    /// The spec, unless `api.yaml` is missing or could not be decoded.
    pub spec: Option<Spec>,
    /// Every error found.
    pub errors: Vec<Diagnostic>,
}

/// A mapping with known keys, after checking for unknown and duplicate keys.
struct Record<'n> {
    span: Span,
    what: String,
    entries: Vec<(&'n str, &'n Node, &'n Node)>,
}

impl<'n> Record<'n> {
    fn get(&self, key: &str) -> Option<(&'n Node, &'n Node)> {
        self.entries
            .iter()
            .find(|(name, ..)| *name == key)
            .map(|&(_, key, value)| (key, value))
    }
}

struct Decoder<'e> {
    file: FileId,
    /// The file's text, to point inside scalars.
    text: &'e str,
    errors: &'e mut Vec<Diagnostic>,
    /// Definitions written inline in the fields of the item being decoded, in the order they
    /// appear; each slot is reserved before its own fields are decoded, so that an outer
    /// definition comes before the ones inside it.
    hoisted: Vec<Option<Def>>,
}

/// Where fields are declared, which decides their keys and the role of inline objects.
#[derive(Clone, Copy)]
struct Owner<'a> {
    /// The type (or endpoint) they belong to, for messages.
    name: &'a str,
    /// The type inline definitions are named after: the type, or the endpoint's parameters.
    type_name: &'a str,
    kind: FieldKind,
}

impl Decoder<'_> {
    fn error(&mut self, diagnostic: Diagnostic) {
        self.errors.push(diagnostic);
    }

    /// The entries of a mapping, keyed by scalar keys, with duplicates reported.
    fn entries<'n>(&mut self, node: &'n Node, what: &str) -> Vec<(&'n str, &'n Node, &'n Node)> {
        let NodeKind::Map(pairs) = &node.kind else {
            if !matches!(&node.kind, NodeKind::Scalar { value, plain: true } if yaml::is_null(value))
            {
                self.error(Diagnostic::new(
                    node.span,
                    format!("expected a mapping for {what}, found {}", node.describe()),
                ));
            }
            return Vec::new();
        };
        let mut entries: Vec<(&'n str, &'n Node, &'n Node)> = Vec::new();
        // Most mappings have a few keys, which a scan checks fastest; past that an index keeps
        // a mapping of thousands of keys from taking quadratic time.
        let mut index: Option<HashMap<&'n str, usize>> = None;
        for (key, value) in pairs {
            let NodeKind::Scalar { value: name, .. } = &key.kind else {
                self.error(Diagnostic::new(
                    key.span,
                    format!(
                        "expected a name as a key in {what}, found {}",
                        key.describe()
                    ),
                ));
                continue;
            };
            let first = if entries.len() < SCANNED_KEYS {
                entries.iter().position(|(existing, ..)| existing == name)
            } else {
                let index = index.get_or_insert_with(|| {
                    let mut index = HashMap::new();
                    for (at, (existing, ..)) in entries.iter().enumerate() {
                        index.entry(*existing).or_insert(at);
                    }
                    index
                });
                index.get(name.as_str()).copied()
            };
            if let Some(first) = first {
                self.error(
                    Diagnostic::new(key.span, format!("duplicate key `{name}` in {what}"))
                        .note(entries[first].1.span, "first defined here"),
                );
                continue;
            }
            if let Some(index) = &mut index {
                index.insert(name.as_str(), entries.len());
            }
            entries.push((name.as_str(), key, value));
        }
        entries
    }

    /// A mapping whose keys must be among `allowed`, and include `required`. Missing keys are
    /// reported at `at`: the key that names the mapping, or the mapping itself.
    fn record<'n>(
        &mut self,
        node: &'n Node,
        at: Span,
        what: String,
        allowed: &[&'static str],
        required: &[&str],
    ) -> Record<'n> {
        let mut entries = self.entries(node, &what);
        let present: Vec<&str> = entries.iter().map(|&(name, ..)| name).collect();
        for (name, key, _) in &mut entries {
            if allowed.contains(name) {
                continue;
            }
            let mut error = Diagnostic::new(
                key.span,
                format!(
                    "unknown key `{name}` in {what}; expected {}",
                    suggest::one_of(allowed)
                ),
            );
            if let Some(closest) = suggest::closest(name, allowed.iter().copied()) {
                error = error.help(format!("did you mean `{closest}`?"));
                // A misspelt key is read as the key it was probably meant to be, so that its
                // value is still checked and the typo does not also show up as a missing key or
                // an undefined type. The error above still fails the run.
                if !present.contains(&closest) {
                    *name = closest;
                }
            }
            self.error(error);
        }
        // Unknown keys are reported once, here; later stages never see them.
        entries.retain(|(name, ..)| allowed.contains(name));
        // A null value (`name:` with nothing after it) is an empty mapping; another scalar or
        // a list was reported by `entries`.
        let is_null =
            matches!(&node.kind, NodeKind::Scalar { value, plain: true } if yaml::is_null(value));
        if matches!(node.kind, NodeKind::Map(_)) || is_null {
            let missing: Vec<&str> = required
                .iter()
                .copied()
                .filter(|key| !entries.iter().any(|(name, ..)| name == key))
                .collect();
            if !missing.is_empty() {
                let keys: Vec<String> = missing.iter().map(|key| format!("`{key}`")).collect();
                let list = match keys.as_slice() {
                    [only] => format!("key {only}"),
                    [init @ .., last] => format!("keys {} and {last}", init.join(", ")),
                    [] => String::new(),
                };
                self.error(Diagnostic::new(at, format!("missing {list} in {what}")));
            }
        }
        Record {
            span: node.span,
            what,
            entries,
        }
    }

    fn text(&mut self, node: &Node, what: &str) -> Option<Text> {
        match &node.kind {
            NodeKind::Scalar { value, plain } if *plain && yaml::is_null(value) => {
                self.error(Diagnostic::new(
                    node.span,
                    format!("expected {what}, found nothing"),
                ));
                None
            }
            NodeKind::Scalar { value, .. } => Some(Text {
                value: value.trim_end_matches('\n').to_owned(),
                span: node.span,
            }),
            _ => {
                self.error(Diagnostic::new(
                    node.span,
                    format!("expected {what} (a string), found {}", node.describe()),
                ));
                None
            }
        }
    }

    fn key_text(&mut self, record: &Record<'_>, key: &str, what: &str) -> Option<Text> {
        let (_, value) = record.get(key)?;
        self.text(value, what)
    }

    fn description(&mut self, record: &Record<'_>) -> Text {
        self.key_text(record, "description", "a description")
            .unwrap_or(Text {
                value: String::new(),
                span: record.span,
            })
    }

    /// `key: true` gives the span of `true`; `false` or a missing key gives `None`.
    fn flag(&mut self, record: &Record<'_>, key: &str) -> Option<Span> {
        let (_, value) = record.get(key)?;
        match &value.kind {
            NodeKind::Scalar {
                value: text,
                plain: true,
            } if text == "true" => Some(value.span),
            NodeKind::Scalar {
                value: text,
                plain: true,
            } if text == "false" => None,
            _ => {
                self.error(
                    Diagnostic::new(
                        value.span,
                        format!(
                            "expected `true` or `false` for `{key}` in {}, found {}",
                            record.what,
                            quoted(value)
                        ),
                    )
                    .help(format!(
                        "write `{key}: true`, or leave `{key}` out for false"
                    )),
                );
                None
            }
        }
    }

    fn type_ref(&mut self, record: &Record<'_>, key: &str) -> Option<TypeRef> {
        let (_, node) = record.get(key)?;
        self.scalar_type(node, &format!("`{key}` in {}", record.what))
    }

    fn scalar_type(&mut self, node: &Node, what: &str) -> Option<TypeRef> {
        let NodeKind::Scalar { value, plain } = &node.kind else {
            self.error(Diagnostic::new(
                node.span,
                format!(
                    "expected a type (a string) for {what}, found {}",
                    node.describe()
                ),
            ));
            return None;
        };
        let precise = *plain && !value.contains('\n');
        match types::parse(value, node.span, precise) {
            Ok(ty) => Some(ty),
            Err(error) => {
                self.error(error);
                None
            }
        }
    }

    /// The span of `len` characters `offset` characters into the scalar `text`, when it is
    /// written on one line as it is (plain, or quoted without escapes); otherwise the whole
    /// scalar.
    fn inner_span(&self, text: &Text, offset: usize, len: usize) -> Span {
        let Some(line) = self.text.lines().nth(text.span.line.saturating_sub(1)) else {
            return text.span;
        };
        let written: String = line.chars().skip(text.span.col.saturating_sub(1)).collect();
        let quote = if written.starts_with(&text.value) {
            0
        } else if written.starts_with(['"', '\'']) && written[1..].starts_with(&text.value) {
            1
        } else {
            return text.span;
        };
        text.span.slice(quote + offset, len)
    }

    fn api(&mut self, node: &Node) -> Option<Api> {
        let record = self.record(
            node,
            node.span,
            "api.yaml".into(),
            &["api_version", "modules"],
            &["api_version", "modules"],
        );
        let api_version = self.key_text(&record, "api_version", "an API version")?;
        let mut modules = Vec::new();
        if let Some((_, node)) = record.get("modules") {
            for (name, key, value) in self.entries(node, "`modules`") {
                let what = format!("module `{name}`");
                let module = self.record(value, key.span, what, &["description"], &["description"]);
                let description = self.description(&module);
                modules.push(ModuleDecl {
                    name: Text {
                        value: name.to_owned(),
                        span: key.span,
                    },
                    description,
                });
            }
        }
        Some(Api {
            file: self.file,
            api_version,
            modules,
        })
    }

    fn module_file(&mut self, node: &Node, module: &str, stem: &str) -> ModuleFile {
        const SECTIONS: &[&str] = &[
            "resources",
            "objects",
            "param_objects",
            "external_resources",
            "enums",
            "unions",
            "endpoints",
            "events",
        ];
        let record = self.record(node, node.span, "a module file".into(), SECTIONS, &[]);
        let mut file = ModuleFile {
            file: self.file,
            module: module.to_owned(),
            stem: stem.to_owned(),
            items: Vec::new(),
            events: Vec::new(),
        };
        // Sections are read in file order, so that generated items follow the spec's order.
        for &(section, _, value) in &record.entries {
            for (name, key, body) in self.entries(value, &format!("`{section}`")) {
                let name = Text {
                    value: name.to_owned(),
                    span: key.span,
                };
                if section == "events" {
                    file.events.extend(self.event(name, body));
                    continue;
                }
                let def = match section {
                    "resources" => self.object(name, body, Role::Resource).map(Def::Object),
                    "objects" => self.object(name, body, Role::Object).map(Def::Object),
                    "param_objects" => self.object(name, body, Role::Params).map(Def::Object),
                    "external_resources" => self.external(name, body).map(Def::External),
                    "enums" => self.enumeration(name, body).map(Def::Enum),
                    "unions" => self.union(name, body).map(Def::Union),
                    _ => self.endpoint(name, body).map(Def::Endpoint),
                };
                file.items.extend(def);
                file.items.extend(self.hoisted.drain(..).flatten());
            }
        }
        file
    }

    fn object(&mut self, name: Text, node: &Node, role: Role) -> Option<ObjectDef> {
        let (what, allowed, required): (_, &[&str], &[&str]) = match role {
            Role::Resource => (
                format!("resource `{}`", name.value),
                &[
                    "object",
                    "object_aliases",
                    "id_prefix",
                    "description",
                    "fields",
                ],
                &["object", "description", "fields"],
            ),
            Role::Object => (
                format!("object `{}`", name.value),
                &["object", "object_aliases", "description", "fields"],
                &["description", "fields"],
            ),
            Role::Params => (
                format!("parameter object `{}`", name.value),
                &["description", "exclusive", "tag", "fields"],
                &["description", "fields"],
            ),
        };
        let record = self.record(node, name.span, what, allowed, required);
        let description = self.description(&record);
        let object = self.key_text(&record, "object", "the API's object name");
        let id_prefix = self.key_text(&record, "id_prefix", "an ID prefix");
        let object_aliases = match record.get("object_aliases") {
            Some((_, node)) => {
                self.values(node, &format!("the object aliases of `{}`", name.value))
            }
            None => Vec::new(),
        };
        let kind = if role == Role::Params {
            FieldKind::ParamField
        } else {
            FieldKind::Field
        };
        let fields = match record.get("fields") {
            Some((_, node)) => self.fields(
                node,
                Owner {
                    name: &name.value,
                    type_name: &name.value,
                    kind,
                },
            ),
            None => Vec::new(),
        };
        let exclusive = self.flag(&record, "exclusive");
        let tag = self.key_text(&record, "tag", "the name of the tag field");
        Some(ObjectDef {
            name,
            role,
            inline: false,
            exclusive,
            tag,
            description,
            object,
            object_aliases,
            id_prefix,
            fields,
        })
    }

    fn external(&mut self, name: Text, node: &Node) -> Option<ExternalDef> {
        let record = self.record(
            node,
            name.span,
            format!("external resource `{}`", name.value),
            &["object", "id_prefix", "description"],
            &["object", "description"],
        );
        let description = self.description(&record);
        let object = self.key_text(&record, "object", "the API's object name")?;
        let id_prefix = self.key_text(&record, "id_prefix", "an ID prefix");
        Some(ExternalDef {
            name,
            description,
            object,
            id_prefix,
        })
    }

    fn enumeration(&mut self, name: Text, node: &Node) -> Option<EnumDef> {
        let keys = &["description", "values"];
        let record = self.record(
            node,
            name.span,
            format!("enum `{}`", name.value),
            keys,
            keys,
        );
        let description = self.description(&record);
        let values = match record.get("values") {
            Some((_, node)) => self.values(node, &format!("the values of enum `{}`", name.value)),
            None => Vec::new(),
        };
        Some(EnumDef {
            name,
            description,
            inline: false,
            values,
        })
    }

    fn union(&mut self, name: Text, node: &Node) -> Option<UnionDef> {
        let record = self.record(
            node,
            name.span,
            format!("union `{}`", name.value),
            &["description", "untagged", "variants"],
            &["description", "variants"],
        );
        let untagged = self.flag(&record, "untagged");
        let description = self.description(&record);
        let mut variants = Vec::new();
        if let Some((_, node)) = record.get("variants") {
            let NodeKind::Seq(items) = &node.kind else {
                self.error(
                    Diagnostic::new(
                        node.span,
                        format!(
                            "expected a list of type names for the variants of `{}`, found {}",
                            name.value,
                            node.describe()
                        ),
                    )
                    .help("write `variants: [BankAccount, Card]`"),
                );
                return None;
            };
            for item in items {
                let Some(ty) = self.scalar_type(item, "a variant") else {
                    continue;
                };
                match ty.expr {
                    TypeExpr::Named(name) => variants.push(name),
                    _ => self.error(
                        Diagnostic::new(
                            ty.span,
                            "a union variant is the name of an object or resource",
                        )
                        .help("write the type name, such as `BankAccount`"),
                    ),
                }
            }
        }
        Some(UnionDef {
            name,
            description,
            untagged,
            variants,
        })
    }

    /// `value: description` or `value: {description, rust_name}`.
    fn values(&mut self, node: &Node, what: &str) -> Vec<ValueDef> {
        let mut values = Vec::new();
        for (wire, key, body) in self.entries(node, what) {
            let wire = Text {
                value: wire.to_owned(),
                span: key.span,
            };
            let value = if let NodeKind::Map(_) = body.kind {
                let record = self.record(
                    body,
                    wire.span,
                    format!("value `{}`", wire.value),
                    &["description", "rust_name"],
                    &["description"],
                );
                let description = self.description(&record);
                let rust_name = self.key_text(&record, "rust_name", "a Rust name");
                ValueDef {
                    wire,
                    description,
                    rust_name,
                }
            } else {
                let description = self
                    .text(body, &format!("a description of value `{}`", wire.value))
                    .unwrap_or(Text {
                        value: String::new(),
                        span: body.span,
                    });
                ValueDef {
                    wire,
                    description,
                    rust_name: None,
                }
            };
            values.push(value);
        }
        values
    }

    fn fields(&mut self, node: &Node, owner: Owner<'_>) -> Vec<FieldDef> {
        let kind = owner.kind;
        let mut fields = Vec::new();
        let what = format!("the {} of `{}`", kind.plural(), owner.name);
        for (name, key, body) in self.entries(node, &what) {
            let what = format!("{} `{name}` of `{}`", kind.singular(), owner.name);
            let record = self.record(body, key.span, what, kind.keys(), &["type", "description"]);
            let description = self.description(&record);
            let Some(mut ty) = self.type_ref(&record, "type") else {
                continue;
            };
            let name = Text {
                value: name.to_owned(),
                span: key.span,
            };
            self.hoist(&mut ty, &record, &name, &description, owner);
            fields.push(FieldDef {
                name,
                rust_name: self.key_text(&record, "rust_name", "a Rust name"),
                ty,
                description,
                nullable: self.flag(&record, "nullable"),
                optional: self.flag(&record, "optional"),
                requires_expand: self.flag(&record, "requires_expand"),
                boxed: self.flag(&record, "boxed"),
                clearable: self.flag(&record, "clearable"),
                non_empty: self.flag(&record, "non_empty"),
            });
        }
        fields
    }

    /// Replaces the inline `object` or `enum` in the type of `field`, and any `one_of<...>`,
    /// with a reference to a definition named after the field, and defines it.
    fn hoist(
        &mut self,
        ty: &mut TypeRef,
        record: &Record<'_>,
        field: &Text,
        description: &Text,
        owner: Owner<'_>,
    ) {
        let body = ["fields", "values"].into_iter().find_map(|key| {
            record
                .get(key)
                .map(|(key_node, value)| (key, key_node, value))
        });
        let explicit = self.key_text(record, "type_name", "a type name");
        let derived = match &explicit {
            Some(name) => Some(name.clone()),
            None => names::inline_type(owner.type_name, &field.value).map(|value| Text {
                value,
                span: field.span,
            }),
        };
        let mut inline = Vec::new();
        let mut one_of = false;
        find_definitions(ty, &mut inline, &mut one_of, false);
        let Some(name) = derived else {
            if !inline.is_empty() || one_of {
                self.error(
                    Diagnostic::new(
                        field.span,
                        format!(
                            "cannot make a type name from `{}` for the type defined by this field",
                            field.value
                        ),
                    )
                    .help("give it a name with `type_name:`"),
                );
            }
            return;
        };
        let reference = TypeExpr::Named(NameRef {
            module: None,
            name: name.value.clone(),
            span: ty.span,
        });
        // `one_of` and an inline definition take the same name, so a field has one or the other.
        if let (true, Some(&(kind, span, _))) = (one_of, inline.first()) {
            self.error(
                Diagnostic::new(
                    span,
                    format!(
                        "`{}` inside `one_of<...>` cannot be defined inline",
                        kind_word(kind)
                    ),
                )
                .help("define it under `param_objects:` (or `enums:`) and use its name"),
            );
            return;
        }
        if inline.len() > 1 {
            self.error(
                Diagnostic::new(inline[1].1, "a field defines at most one type inline")
                    .help("define the others under `objects:`, `param_objects:` or `enums:`"),
            );
            return;
        }
        if explicit.is_some() && inline.is_empty() && !one_of {
            let at = explicit.as_ref().map_or(field.span, |name| name.span);
            self.error(
                Diagnostic::new(
                    at,
                    "`type_name` names a type defined inline, but this field's type defines none",
                )
                .help("use `object`, `enum` or `one_of<...>` in `type:`, or remove `type_name`"),
            );
            return;
        }
        if one_of {
            if let Some((key, key_node, _)) = body {
                self.error(Diagnostic::new(
                    key_node.span,
                    format!("`{key}` defines an inline type, but this field's type is a `one_of`"),
                ));
            }
            let TypeExpr::OneOf(variants) = replace_definition(ty, reference) else {
                return;
            };
            self.hoisted.push(Some(Def::OneOf(OneOfDef {
                name,
                description: description.clone(),
                variants,
            })));
            return;
        }
        let Some(&(kind, span, _)) = inline.first() else {
            if let Some((key, key_node, _)) = body {
                self.error(
                    Diagnostic::new(
                        key_node.span,
                        format!("`{key}` defines an inline type, but this field's type has no `object` or `enum`"),
                    )
                    .help("write `type: object` (or `array<object>`) beside `fields:`, `type: enum` beside `values:`"),
                );
            }
            return;
        };
        let expected = match kind {
            InlineKind::Object => "fields",
            InlineKind::Enum => "values",
        };
        let Some((_, _, body)) = body.filter(|(key, ..)| *key == expected) else {
            self.error(
                Diagnostic::new(
                    span,
                    format!(
                        "`{}` is defined inline, so this field needs `{expected}:`",
                        kind_word(kind)
                    ),
                )
                .help("or write the name of a type defined elsewhere"),
            );
            return;
        };
        replace_definition(ty, reference);
        let slot = self.hoisted.len();
        self.hoisted.push(None);
        let def = match kind {
            InlineKind::Object => {
                let (role, kind) = match owner.kind {
                    FieldKind::Field => (Role::Object, FieldKind::Field),
                    _ => (Role::Params, FieldKind::ParamField),
                };
                let fields = self.fields(
                    body,
                    Owner {
                        name: &name.value,
                        type_name: &name.value,
                        kind,
                    },
                );
                Def::Object(ObjectDef {
                    name,
                    role,
                    inline: true,
                    exclusive: None,
                    tag: None,
                    description: description.clone(),
                    object: None,
                    object_aliases: Vec::new(),
                    id_prefix: None,
                    fields,
                })
            }
            InlineKind::Enum => {
                let values = self.values(body, &format!("the values of enum `{}`", name.value));
                Def::Enum(EnumDef {
                    name,
                    description: description.clone(),
                    inline: true,
                    values,
                })
            }
        };
        self.hoisted[slot] = Some(def);
    }

    fn event(&mut self, name: Text, node: &Node) -> Option<EventDef> {
        let keys = &["object", "description"];
        let record = self.record(
            node,
            name.span,
            format!("event `{}`", name.value),
            keys,
            keys,
        );
        let description = self.description(&record);
        let object = self.key_text(&record, "object", "the type of `data.object`")?;
        Some(EventDef {
            name,
            object,
            description,
        })
    }

    fn endpoint(&mut self, name: Text, node: &Node) -> Option<EndpointDef> {
        let record = self.record(
            node,
            name.span,
            format!("endpoint `{}`", name.value),
            &[
                "description",
                "method",
                "path",
                "path_params",
                "params",
                "params_from",
                "returns",
            ],
            &["description", "method", "path", "returns"],
        );
        let description = self.description(&record);
        let method = self
            .key_text(&record, "method", "an HTTP method")
            .and_then(|method| self.method(&method));
        let path = self.key_text(&record, "path", "a path").and_then(|text| {
            let parsed = path::parse(&text, |offset, len| self.inner_span(&text, offset, len));
            parsed.map_err(|error| self.error(error)).ok()
        });
        let returns = self.type_ref(&record, "returns");
        let params_from = self.type_ref(&record, "params_from");
        let params_struct = names::params_struct(&name.value);
        let owner = |kind| Owner {
            name: &name.value,
            type_name: &params_struct,
            kind,
        };
        let path_params = match record.get("path_params") {
            Some((_, node)) => self.fields(node, owner(FieldKind::PathParam)),
            None => Vec::new(),
        };
        let params = match record.get("params") {
            Some((_, node)) => self.fields(node, owner(FieldKind::Param)),
            None => Vec::new(),
        };
        Some(EndpointDef {
            name,
            description,
            method: method?,
            path: path?,
            path_params,
            params,
            params_from,
            returns: returns?,
        })
    }

    fn method(&mut self, method: &Text) -> Option<Method> {
        let found = Method::ALL
            .iter()
            .find(|(name, _)| *name == method.value)
            .map(|&(_, method)| method);
        if found.is_none() {
            let mut error = Diagnostic::new(
                method.span,
                format!(
                    "unknown HTTP method `{}`; expected `GET`, `POST` or `DELETE`",
                    method.value
                ),
            );
            let upper = method.value.to_ascii_uppercase();
            if Method::ALL.iter().any(|(name, _)| *name == upper) {
                error = error.help(format!("methods are written in capitals: `{upper}`"));
            }
            self.error(error);
        }
        found
    }
}

fn kind_word(kind: InlineKind) -> &'static str {
    match kind {
        InlineKind::Object => "object",
        InlineKind::Enum => "enum",
    }
}

/// Collects the inline definitions of `ty` (kind, span, inside a `one_of`) and whether it has
/// a `one_of`.
fn find_definitions(
    ty: &TypeRef,
    inline: &mut Vec<(InlineKind, crate::source::Span, bool)>,
    one_of: &mut bool,
    in_one_of: bool,
) {
    match &ty.expr {
        TypeExpr::Inline(kind) => inline.push((*kind, ty.span, in_one_of)),
        TypeExpr::Array(inner) | TypeExpr::Map(_, inner) | TypeExpr::Range(inner) => {
            find_definitions(inner, inline, one_of, in_one_of);
        }
        TypeExpr::OneOf(variants) => {
            *one_of = true;
            for variant in variants {
                find_definitions(variant, inline, one_of, true);
            }
        }
        _ => {}
    }
}

/// Replaces the first inline definition or `one_of` in `ty` with `reference`; returns what
/// it replaced.
fn replace_definition(ty: &mut TypeRef, reference: TypeExpr) -> TypeExpr {
    fn find(ty: &mut TypeRef) -> Option<&mut TypeRef> {
        match ty.expr {
            TypeExpr::Inline(_) | TypeExpr::OneOf(_) => Some(ty),
            TypeExpr::Array(ref mut inner)
            | TypeExpr::Map(_, ref mut inner)
            | TypeExpr::Range(ref mut inner) => find(inner),
            _ => None,
        }
    }
    match find(ty) {
        Some(target) => std::mem::replace(&mut target.expr, reference),
        None => reference,
    }
}

#[derive(Clone, Copy)]
enum FieldKind {
    /// A field of a response object.
    Field,
    /// A field of a parameter object.
    ParamField,
    /// An endpoint parameter.
    Param,
    PathParam,
}

impl FieldKind {
    fn keys(self) -> &'static [&'static str] {
        match self {
            Self::Field => &[
                "type",
                "description",
                "nullable",
                "optional",
                "requires_expand",
                "boxed",
                "rust_name",
                "fields",
                "values",
                "type_name",
            ],
            Self::Param | Self::ParamField => &[
                "type",
                "description",
                "optional",
                "clearable",
                "non_empty",
                "rust_name",
                "fields",
                "values",
                "type_name",
            ],
            Self::PathParam => &["type", "description", "rust_name"],
        }
    }

    fn singular(self) -> &'static str {
        match self {
            Self::Field | Self::ParamField => "field",
            Self::Param | Self::PathParam => "parameter",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Self::Field | Self::ParamField => "fields",
            Self::Param => "parameters",
            Self::PathParam => "path parameters",
        }
    }
}

fn quoted(node: &Node) -> String {
    match &node.kind {
        NodeKind::Scalar { value, plain: true } => format!("`{value}`"),
        NodeKind::Scalar { value, .. } => format!("`\"{value}\"`"),
        _ => node.describe().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use crate::spec::ast::{Def, Role, TypeExpr};
    use crate::test_support::{decoded, sources};

    fn names_and_kinds(yaml: &str) -> Vec<(String, &'static str)> {
        let spec = decoded(&sources(yaml));
        spec.files[0]
            .items
            .iter()
            .map(|item| {
                let kind = match item {
                    Def::Object(def) if def.role == Role::Params => "param object",
                    Def::Object(_) => "object",
                    Def::Enum(_) => "enum",
                    Def::OneOf(_) => "one_of",
                    Def::Union(_) => "union",
                    Def::External(_) => "external",
                    Def::Endpoint(_) => "endpoint",
                };
                (item.name().value.clone(), kind)
            })
            .collect()
    }

    #[test]
    fn duplicate_keys_are_found_in_small_and_large_mappings() {
        for keys in [3, super::SCANNED_KEYS * 4] {
            let mut yaml =
                String::from("enums:\n  Color:\n    description: A colour.\n    values:\n");
            for key in 0..keys {
                yaml.push_str(&format!("      v{key}: Value {key}.\n"));
            }
            // Again the first key (line 5) and the last (added after a large mapping's index).
            let last = keys - 1;
            yaml.push_str(&format!("      v0: Again.\n      v{last}: Again.\n"));
            let decoded = super::decode(&sources(&yaml));
            let duplicates: Vec<(String, usize, usize)> = decoded
                .errors
                .iter()
                .map(|error| {
                    let (first, _) = error.note.as_deref().expect("a note on the first one");
                    (error.message.clone(), error.span.line, first.line)
                })
                .collect();
            assert_eq!(
                duplicates,
                [
                    (
                        "duplicate key `v0` in the values of enum `Color`".to_owned(),
                        keys + 5,
                        5
                    ),
                    (
                        format!("duplicate key `v{last}` in the values of enum `Color`"),
                        keys + 6,
                        keys + 4,
                    ),
                ],
                "{keys} keys"
            );
        }
    }

    #[test]
    fn hoists_inline_definitions_after_their_owner_outer_first() {
        let yaml = "
objects:
  Widget:
    description: A widget.
    fields:
      size:
        type: object
        description: Its size.
        fields:
          unit: {type: enum, description: Unit., values: {mm: Millimetres.}}
      parts:
        type: array<object>
        type_name: Part
        description: Parts.
        fields:
          name: {type: string, description: Name.}
  Other:
    description: Another.
    fields:
      x: {type: string, description: X.}
endpoints:
  create_widget:
    description: Creates.
    method: POST
    path: /v1/widgets
    params:
      size:
        type: object
        description: Size.
        fields:
          width: {type: integer, description: Width.}
      anchor:
        type: one_of<string, integer>
        optional: true
        description: Anchor.
    returns: Widget
";
        let expected = [
            ("Widget", "object"),
            ("WidgetSize", "object"),
            ("WidgetSizeUnit", "enum"),
            ("Part", "object"),
            ("Other", "object"),
            ("create_widget", "endpoint"),
            ("CreateWidgetParamsSize", "param object"),
            ("CreateWidgetParamsAnchor", "one_of"),
        ];
        let found = names_and_kinds(yaml);
        let found: Vec<(&str, &str)> = found.iter().map(|(n, k)| (n.as_str(), *k)).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn replaces_inline_types_with_references_to_their_definitions() {
        let spec = decoded(&sources(
            "
objects:
  Widget:
    description: A widget.
    fields:
      labels:
        type: map<string, object>
        description: Labels.
        fields:
          text: {type: string, description: Text.}
",
        ));
        let Def::Object(widget) = &spec.files[0].items[0] else {
            panic!()
        };
        let TypeExpr::Map(_, value) = &widget.fields[0].ty.expr else {
            panic!()
        };
        assert!(matches!(&value.expr, TypeExpr::Named(name) if name.name == "WidgetLabels"));
    }

    #[test]
    fn parses_methods_and_paths_once() {
        let spec = decoded(&sources(
            "
endpoints:
  delete_widget:
    description: Deletes.
    method: DELETE
    path: /v1/widgets/{widget}
    path_params:
      widget: {type: string, description: The widget.}
    returns: Widget
",
        ));
        let Def::Endpoint(endpoint) = &spec.files[0].items[0] else {
            panic!()
        };
        assert_eq!(endpoint.method, crate::spec::ast::Method::Delete);
        let params: Vec<&str> = endpoint.path.params().map(|p| p.value.as_str()).collect();
        assert_eq!(params, ["widget"]);
    }
}
