//! Stage 3: decode YAML trees into the spec's syntax, reporting every wrong, missing or unknown
//! key with its position, not only the first.

use crate::diagnostics::Diagnostic;
use crate::source::{FileId, Sources, Span};
use crate::spec::ast::{
    Api, Def, EndpointDef, EnumDef, EventDef, ExternalDef, FieldDef, ModuleDecl, ModuleFile,
    ObjectDef, Spec, Text, TypeRef, ValueDef,
};
use crate::spec::types;
use crate::suggest;
use crate::yaml::{self, Node, NodeKind};

/// Decodes every file. Returns the spec with whatever decoded cleanly, and the errors found.
/// When a file is not valid YAML, `syntax_ok` is false: later stages would only report the
/// consequences of its absence.
pub fn decode(sources: &Sources) -> Decoded {
    let mut errors = Vec::new();
    let mut api = None;
    let mut files = Vec::new();
    let mut syntax_ok = true;
    let mut has_api = false;
    for (id, file) in sources.iter() {
        if let Some((line, col)) = file.invalid_utf8 {
            let at = Span {
                file: id,
                line,
                col,
                len: 1,
            };
            errors.push(
                Diagnostic::new(at, "found bytes that are not UTF-8; expected UTF-8 text")
                    .help("save the file as UTF-8"),
            );
            syntax_ok = false;
            has_api |= file.relative == "api.yaml";
            continue;
        }
        let node = match yaml::parse(id, &file.text) {
            Ok(node) => node,
            Err(error) => {
                errors.push(error);
                syntax_ok = false;
                has_api |= file.relative == "api.yaml";
                continue;
            }
        };
        let mut decoder = Decoder {
            file: id,
            errors: &mut errors,
        };
        if file.relative == "api.yaml" {
            has_api = true;
            api = decoder.api(&node);
        } else if let Some((module, name)) = file.relative.split_once('/') {
            let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
            files.push(decoder.module_file(&node, module, stem));
        } else {
            let at = Span::start_of(id);
            errors.push(
                Diagnostic::new(
                    at,
                    format!("`{}` is not in a module directory", file.relative),
                )
                .help("only api.yaml sits directly in spec/; move this file to spec/<module>/"),
            );
        }
    }
    if !has_api {
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
    let spec = api.map(|api| Spec { api, files });
    Decoded {
        spec,
        errors,
        syntax_ok,
    }
}

/// The result of [`decode`].
#[derive(Debug)]
pub struct Decoded {
    /// The spec, unless `api.yaml` could not be decoded at all.
    pub spec: Option<Spec>,
    /// Every error found.
    pub errors: Vec<Diagnostic>,
    /// Whether every file was valid YAML.
    pub syntax_ok: bool,
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
    errors: &'e mut Vec<Diagnostic>,
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
            if let Some((_, first, _)) = entries.iter().find(|(existing, ..)| existing == name) {
                self.error(
                    Diagnostic::new(key.span, format!("duplicate key `{name}` in {what}"))
                        .note(first.span, "first defined here"),
                );
                continue;
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
        let NodeKind::Scalar { value, plain } = &node.kind else {
            self.error(Diagnostic::new(
                node.span,
                format!(
                    "expected a type (a string) for `{key}` in {}, found {}",
                    record.what,
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
            "external_resources",
            "enums",
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
                    "resources" => self.object(name, body, true).map(Def::Object),
                    "objects" => self.object(name, body, false).map(Def::Object),
                    "external_resources" => self.external(name, body).map(Def::External),
                    "enums" => self.enumeration(name, body).map(Def::Enum),
                    _ => self.endpoint(name, body).map(Def::Endpoint),
                };
                file.items.extend(def);
            }
        }
        file
    }

    fn object(&mut self, name: Text, node: &Node, is_resource: bool) -> Option<ObjectDef> {
        let (what, allowed, required): (_, &[&str], &[&str]) = if is_resource {
            (
                format!("resource `{}`", name.value),
                &[
                    "object",
                    "object_aliases",
                    "id_prefix",
                    "description",
                    "fields",
                ],
                &["object", "id_prefix", "description", "fields"],
            )
        } else {
            (
                format!("object `{}`", name.value),
                &["object", "object_aliases", "description", "fields"],
                &["description", "fields"],
            )
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
        let fields = match record.get("fields") {
            Some((_, node)) => self.fields(node, &name.value, FieldKind::Field),
            None => Vec::new(),
        };
        Some(ObjectDef {
            name,
            is_resource,
            description,
            object,
            object_aliases,
            id_prefix,
            fields,
        })
    }

    fn external(&mut self, name: Text, node: &Node) -> Option<ExternalDef> {
        let keys = &["object", "id_prefix", "description"];
        let record = self.record(
            node,
            name.span,
            format!("external resource `{}`", name.value),
            keys,
            keys,
        );
        let description = self.description(&record);
        let object = self.key_text(&record, "object", "the API's object name")?;
        let id_prefix = self.key_text(&record, "id_prefix", "an ID prefix")?;
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
            values,
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

    fn fields(&mut self, node: &Node, owner: &str, kind: FieldKind) -> Vec<FieldDef> {
        let mut fields = Vec::new();
        for (name, key, body) in self.entries(node, &format!("the {} of `{owner}`", kind.plural()))
        {
            let what = format!("{} `{name}` of `{owner}`", kind.singular());
            let record = self.record(body, key.span, what, kind.keys(), &["type", "description"]);
            let description = self.description(&record);
            let Some(ty) = self.type_ref(&record, "type") else {
                continue;
            };
            fields.push(FieldDef {
                name: Text {
                    value: name.to_owned(),
                    span: key.span,
                },
                rust_name: self.key_text(&record, "rust_name", "a Rust name"),
                ty,
                description,
                nullable: self.flag(&record, "nullable"),
                optional: self.flag(&record, "optional"),
                requires_expand: self.flag(&record, "requires_expand"),
                clearable: self.flag(&record, "clearable"),
            });
        }
        fields
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
                "returns",
            ],
            &["description", "method", "path", "returns"],
        );
        let description = self.description(&record);
        let method = self.key_text(&record, "method", "an HTTP method");
        let path = self.key_text(&record, "path", "a path");
        let returns = self.type_ref(&record, "returns");
        let path_params = match record.get("path_params") {
            Some((_, node)) => self.fields(node, &name.value, FieldKind::PathParam),
            None => Vec::new(),
        };
        let params = match record.get("params") {
            Some((_, node)) => self.fields(node, &name.value, FieldKind::Param),
            None => Vec::new(),
        };
        Some(EndpointDef {
            name,
            description,
            method: method?,
            path: path?,
            path_params,
            params,
            returns: returns?,
        })
    }
}

#[derive(Clone, Copy)]
enum FieldKind {
    Field,
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
                "rust_name",
            ],
            Self::Param => &["type", "description", "optional", "clearable", "rust_name"],
            Self::PathParam => &["type", "description", "rust_name"],
        }
    }

    fn singular(self) -> &'static str {
        match self {
            Self::Field => "field",
            Self::Param | Self::PathParam => "parameter",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Self::Field => "fields",
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
