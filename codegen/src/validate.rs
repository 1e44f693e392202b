//! Stage 4: check the decoded spec as a whole, before anything is emitted: names, references,
//! collisions after case conversion, endpoint paths. Every error is collected.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::Diagnostic;
use crate::expand;
use crate::names;
use crate::source::{Sources, Span};
use crate::spec::ast::{
    Def, EndpointDef, EnumDef, FieldDef, ModuleFile, NameRef, ObjectDef, Spec, Text, TypeExpr,
    TypeRef, ValueDef,
};
use crate::suggest;
use crate::symbols::{Symbol, Symbols, TypeDef};

/// Names the generated endpoint functions use for their own arguments.
const ENDPOINT_ARGUMENTS: &[&str] = &["client", "params"];

/// Functions of the runtime that generated files import by name, which an endpoint of the same
/// name would clash with.
const RESERVED_FUNCTIONS: &[&str] = &["path_segment"];

/// Checks `spec`; returns every error found.
pub fn validate(spec: &Spec, sources: &Sources) -> Vec<Diagnostic> {
    let mut defined_in: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for file in &spec.files {
        for item in &file.items {
            if !matches!(item, Def::Endpoint(_)) {
                defined_in
                    .entry(item.name().value.as_str())
                    .or_default()
                    .insert(file.module.as_str());
            }
        }
    }
    let mut validator = Validator {
        symbols: Symbols::new(spec),
        sources,
        modules: spec
            .api
            .modules
            .iter()
            .map(|module| module.name.value.as_str())
            .chain(spec.files.iter().map(|file| file.module.as_str()))
            .collect(),
        defined_in,
        errors: Vec::new(),
    };
    validator.api(spec);
    validator.file_names(spec);
    for file in &spec.files {
        validator.file(file);
    }
    validator.module_namespaces(spec);
    validator.expand_enums(spec);
    validator.recursion(spec);
    validator.errors
}

/// Where a type may appear, which decides the types it may use.
#[derive(Clone, Copy)]
enum Context<'s> {
    /// A field of a response object; the owner and whether it is a resource.
    Field(&'s ObjectDef),
    /// An endpoint parameter.
    Param,
    /// A path parameter.
    PathParam,
    /// An endpoint's response.
    Returns,
}

struct Validator<'s> {
    symbols: Symbols<'s>,
    sources: &'s Sources,
    /// Every module, declared or with files.
    modules: BTreeSet<&'s str>,
    /// The modules defining each type name.
    defined_in: BTreeMap<&'s str, BTreeSet<&'s str>>,
    errors: Vec<Diagnostic>,
}

impl<'s> Validator<'s> {
    fn error(&mut self, diagnostic: Diagnostic) {
        self.errors.push(diagnostic);
    }

    fn api(&mut self, spec: &Spec) {
        let version = &spec.api.api_version;
        if !is_api_version(&version.value) {
            self.error(
                Diagnostic::new(
                    version.span,
                    format!("`{}` is not a Stripe API version", version.value),
                )
                .help("API versions look like `2026-07-29.dahlia` or `2024-06-20`"),
            );
        }
        let mut declared = BTreeMap::new();
        for module in &spec.api.modules {
            let name = &module.name;
            if !names::is_snake_name(&name.value) {
                self.error(
                    Diagnostic::new(
                        name.span,
                        format!(
                            "module name `{}` is not a lowercase Rust identifier",
                            name.value
                        ),
                    )
                    .help("use lowercase letters, digits and underscores, starting with a letter"),
                );
            } else if names::RESERVED_MODULES.contains(&name.value.as_str()) {
                self.error(Diagnostic::new(
                    name.span,
                    format!(
                        "module name `{}` collides with a name the generated crate uses",
                        name.value
                    ),
                ));
            }
            self.nonempty(&module.description, || format!("module `{}`", name.value));
            declared.insert(name.value.as_str(), name.span);
        }
        let mut used = BTreeSet::new();
        for file in &spec.files {
            used.insert(file.module.as_str());
            if !declared.contains_key(file.module.as_str()) {
                let mut error = Diagnostic::new(
                    file_start(file),
                    format!(
                        "directory `spec/{}/` is not a module declared in api.yaml",
                        file.module
                    ),
                )
                .help(format!(
                    "add `{}:` under `modules:` in api.yaml",
                    file.module
                ));
                if let Some(closest) = suggest::closest(&file.module, declared.keys().copied()) {
                    error = error.help(format!("did you mean `{closest}`? add `{}:` under `modules:` in api.yaml, or rename the directory", file.module));
                }
                self.error(error);
            }
        }
        for (module, span) in declared {
            if !used.contains(module) {
                self.error(
                    Diagnostic::new(span, format!("module `{module}` has no files")).help(format!(
                        "add spec/{module}/<name>.yaml, or remove the module"
                    )),
                );
            }
        }
    }

    /// Each file becomes a Rust module of its module: its name must be an identifier that does
    /// not shadow a crate, and unique (`account.yaml` and `account.yml` would both be
    /// `account.rs`).
    fn file_names(&mut self, spec: &Spec) {
        let mut seen: BTreeMap<(&str, &str), &ModuleFile> = BTreeMap::new();
        for file in &spec.files {
            if !names::is_snake_name(&file.stem) {
                self.error(
                    Diagnostic::new(
                        file_start(file),
                        format!("file name `{}` cannot be a Rust module name", file.stem),
                    )
                    .help("name spec files in snake_case, such as `financial_account.yaml`"),
                );
            } else if names::RESERVED_MODULES.contains(&file.stem.as_str()) {
                self.error(
                    Diagnostic::new(
                        file_start(file),
                        format!(
                            "file name `{}` would be a module that shadows a name the generated code uses",
                            file.stem
                        ),
                    )
                    .help("rename the file"),
                );
            }
            match seen.get(&(file.module.as_str(), file.stem.as_str())) {
                Some(first) => self.error(
                    Diagnostic::new(
                        file_start(file),
                        format!(
                            "`{}` and `{}` would both generate `{}/{}.rs`",
                            self.sources.file(first.file).display,
                            self.sources.file(file.file).display,
                            file.module,
                            file.stem
                        ),
                    )
                    .help("merge the two files, or rename one"),
                ),
                None => {
                    seen.insert((&file.module, &file.stem), file);
                }
            }
        }
    }

    fn file(&mut self, file: &'s ModuleFile) {
        for item in &file.items {
            match item {
                Def::Object(def) => self.object(file, def),
                Def::External(def) => {
                    self.type_name(&def.name);
                    self.nonempty(&def.description, || {
                        format!("external resource `{}`", def.name.value)
                    });
                    self.id_prefix(&def.id_prefix);
                    self.nonempty(&def.object, || {
                        format!("the object name of `{}`", def.name.value)
                    });
                }
                Def::Enum(def) => self.enumeration(def),
                Def::Endpoint(def) => self.endpoint(file, def),
            }
        }
    }

    fn nonempty(&mut self, text: &Text, what: impl FnOnce() -> String) {
        if text.value.trim().is_empty() {
            self.error(
                Diagnostic::new(text.span, format!("{} has an empty description", what())).help(
                    "every public item of the generated crate is documented; write a sentence",
                ),
            );
        }
    }

    fn type_name(&mut self, name: &Text) {
        if !names::is_type_name(&name.value) {
            self.error(
                Diagnostic::new(
                    name.span,
                    format!(
                        "type name `{}` is not an UpperCamelCase Rust identifier",
                        name.value
                    ),
                )
                .help("type names look like `AccountHolder`"),
            );
        } else if let Some(origin) = names::reserved_type(&name.value) {
            self.error(
                Diagnostic::new(
                    name.span,
                    format!(
                        "type name `{}` would shadow `{0}` from {origin}, which the generated code uses unqualified",
                        name.value
                    ),
                )
                .help("choose a more specific name"),
            );
        }
    }

    fn id_prefix(&mut self, prefix: &Text) {
        let value = &prefix.value;
        let body = value.strip_suffix('_').unwrap_or("");
        let well_formed = !body.is_empty()
            && body.starts_with(|c: char| c.is_ascii_lowercase())
            && body
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !body.contains("__")
            && !body.ends_with('_');
        if !well_formed {
            self.error(Diagnostic::new(prefix.span, format!("ID prefix `{value}` is malformed; expected lowercase letters and digits ending in `_`"))
                .help("ID prefixes look like `fca_` or `fa_`"));
        }
    }

    fn object(&mut self, file: &'s ModuleFile, def: &'s ObjectDef) {
        self.type_name(&def.name);
        self.nonempty(&def.description, || format!("`{}`", def.name.value));
        if let Some(prefix) = &def.id_prefix {
            self.id_prefix(prefix);
        }
        if let Some(object) = &def.object {
            if object.value.trim().is_empty() {
                self.error(Diagnostic::new(object.span, "the object name is empty"));
            }
        } else if let Some(alias) = def.object_aliases.first() {
            self.error(
                Diagnostic::new(
                    alias.wire.span,
                    format!("`{}` has object aliases but no `object`", def.name.value),
                )
                .help("add `object:` with the API's object name"),
            );
        }
        // `object` and its aliases become the variants of `<Name>Object`.
        let mut first = None;
        if let Some(object) = def.object.as_ref().filter(|o| !o.value.trim().is_empty()) {
            match names::variant_name(&object.value) {
                Some(variant) if variant == "Unknown" => self.error(
                    Diagnostic::new(object.span, format!("the object name `{}` becomes the variant `Unknown` of `{}Object`, which every enum uses for values it does not know", object.value, def.name.value))
                        .help("object names look like `financial_connections.account`"),
                ),
                Some(variant) => first = Some((variant, object)),
                None => self.error(
                    Diagnostic::new(
                        object.span,
                        format!(
                            "the object name `{}` cannot be made into a Rust variant name of `{}Object`",
                            object.value, def.name.value
                        ),
                    )
                    .help("object names look like `financial_connections.account`: letters, digits, `_` and `.`, starting with a letter"),
                ),
            }
        }
        self.variants(
            &format!("{}Object", def.name.value),
            def.object_aliases.iter(),
            false,
            first.map(|(variant, object)| (variant, object.span, object.value.as_str())),
        );
        if def.is_resource {
            let id = def.fields.iter().find(|field| field.name.value == "id");
            match id {
                Some(field) if field.ty.expr == TypeExpr::OwnId => {
                    if field.nullable.is_some() || field.optional.is_some() {
                        self.error(Diagnostic::new(
                            field.name.span,
                            format!(
                                "the `id` of resource `{}` must be neither nullable nor optional",
                                def.name.value
                            ),
                        ));
                    }
                }
                Some(field) => self.error(Diagnostic::new(
                    field.ty.span,
                    format!(
                        "the `id` field of resource `{}` must have type `id`",
                        def.name.value
                    ),
                )),
                None => self.error(
                    Diagnostic::new(
                        def.name.span,
                        format!("resource `{}` has no `id` field", def.name.value),
                    )
                    .help("add `id: { type: id, description: Unique identifier for the object. }`"),
                ),
            }
        }
        let mut rust_names = BTreeMap::new();
        for field in &def.fields {
            self.field_name(field, &def.name.value, &mut rust_names, "field");
            self.nonempty(&field.description, || {
                format!("field `{}`", field.name.value)
            });
            self.type_ref(file, &field.ty, Context::Field(def));
            if field.requires_expand.is_some() && field.optional.is_none() {
                self.error(Diagnostic::new(field.name.span, format!("field `{}` requires expand but is not optional", field.name.value))
                    .help("a field present only when expanded is absent otherwise: add `optional: true`"));
            }
            if field.ty.expr == TypeExpr::ObjectTag
                && (field.nullable.is_some() || field.optional.is_some())
            {
                self.error(Diagnostic::new(
                    field.name.span,
                    "an `object_tag` field is neither nullable nor optional",
                ));
            }
        }
    }

    /// Checks the Rust name of a field or parameter, and that it is unique in its struct.
    fn field_name(
        &mut self,
        field: &FieldDef,
        owner: &str,
        seen: &mut BTreeMap<String, (Span, String)>,
        kind: &str,
    ) {
        let wire = &field.name;
        let rust = match &field.rust_name {
            Some(rust_name) => {
                if !names::is_snake_name(&rust_name.value) {
                    self.error(Diagnostic::new(
                        rust_name.span,
                        format!(
                            "`rust_name` `{}` is not a snake_case Rust identifier",
                            rust_name.value
                        ),
                    ));
                    return;
                }
                rust_name.value.clone()
            }
            None => match names::field_name(&wire.value) {
                Some(name) => name,
                None => {
                    self.error(
                        Diagnostic::new(
                            wire.span,
                            format!(
                                "{kind} name `{}` cannot be made into a Rust identifier",
                                wire.value
                            ),
                        )
                        .help("give it a `rust_name`"),
                    );
                    return;
                }
            },
        };
        if let Some((first, first_wire)) = seen.get(&rust) {
            self.error(
                Diagnostic::new(
                    wire.span,
                    format!(
                        "{kind}s `{first_wire}` and `{}` of `{owner}` both have the Rust name `{rust}`",
                        wire.value
                    ),
                )
                .note(*first, format!("the other {kind}"))
                .help("give one of them another `rust_name`"),
            );
        } else {
            seen.insert(rust, (wire.span, wire.value.clone()));
        }
    }

    fn enumeration(&mut self, def: &EnumDef) {
        self.type_name(&def.name);
        self.nonempty(&def.description, || format!("enum `{}`", def.name.value));
        if def.values.is_empty() {
            self.error(Diagnostic::new(
                def.name.span,
                format!("enum `{}` has no values", def.name.value),
            ));
        }
        self.variants(&def.name.value, def.values.iter(), true, None);
    }

    /// Variant names of the enum `owner` must be valid, unique after case conversion, and not
    /// `Unknown`. `first` is a variant already taken (an object's `object` value).
    fn variants<'v>(
        &mut self,
        owner: &str,
        values: impl Iterator<Item = &'v ValueDef>,
        documented: bool,
        first: Option<(String, Span, &'v str)>,
    ) {
        let mut seen: BTreeMap<String, (Span, &str)> = BTreeMap::new();
        if let Some((variant, span, wire)) = first {
            seen.insert(variant, (span, wire));
        }
        for value in values {
            if documented {
                self.nonempty(&value.description, || {
                    format!("value `{}`", value.wire.value)
                });
            }
            let (variant, span) = match &value.rust_name {
                Some(rust_name) if names::is_type_name(&rust_name.value) => {
                    (rust_name.value.clone(), rust_name.span)
                }
                Some(rust_name) => {
                    self.error(Diagnostic::new(
                        rust_name.span,
                        format!(
                            "`rust_name` `{}` is not an UpperCamelCase Rust identifier",
                            rust_name.value
                        ),
                    ));
                    continue;
                }
                None => match names::variant_name(&value.wire.value) {
                    Some(variant) => (variant, value.wire.span),
                    None => {
                        self.error(Diagnostic::new(value.wire.span, format!("value `{}` of `{owner}` cannot be made into a Rust variant name", value.wire.value))
                            .help("give it a `rust_name`"));
                        continue;
                    }
                },
            };
            if variant == "Unknown" {
                self.error(Diagnostic::new(span, format!("value `{}` of `{owner}` becomes the variant `Unknown`, which every enum uses for values it does not know", value.wire.value))
                    .help("give it another `rust_name`"));
            } else if let Some((first, first_wire)) = seen.get(&variant) {
                self.error(
                    Diagnostic::new(span, format!("values `{first_wire}` and `{}` of `{owner}` both become the variant `{variant}`", value.wire.value))
                        .note(*first, "the other value")
                        .help("give one of them a `rust_name`"),
                );
            } else {
                seen.insert(variant, (span, &value.wire.value));
            }
        }
    }

    fn endpoint(&mut self, file: &'s ModuleFile, def: &'s EndpointDef) {
        let name = &def.name;
        if !names::is_snake_name(&name.value) {
            self.error(
                Diagnostic::new(
                    name.span,
                    format!(
                        "endpoint name `{}` is not a snake_case Rust identifier",
                        name.value
                    ),
                )
                .help("endpoint names are function names, such as `retrieve_account`"),
            );
        } else if RESERVED_FUNCTIONS.contains(&name.value.as_str()) {
            self.error(
                Diagnostic::new(
                    name.span,
                    format!(
                        "endpoint name `{}` would clash with the runtime function `{0}`, which generated files import",
                        name.value
                    ),
                )
                .help("choose a more specific name"),
            );
        }
        self.nonempty(&def.description, || format!("endpoint `{}`", name.value));
        if !matches!(def.method.value.as_str(), "GET" | "POST") {
            self.error(Diagnostic::new(
                def.method.span,
                format!(
                    "unknown HTTP method `{}`; expected `GET` or `POST`",
                    def.method.value
                ),
            ));
        }
        self.path(def);
        self.type_ref(file, &def.returns, Context::Returns);

        // Path parameters become function arguments, parameters become struct fields: a name
        // in both would be sent twice.
        let mut arguments = BTreeMap::new();
        for param in &def.path_params {
            self.field_name(param, &name.value, &mut arguments, "path parameter");
            self.nonempty(&param.description, || {
                format!("parameter `{}`", param.name.value)
            });
            self.type_ref(file, &param.ty, Context::PathParam);
            let rust = rust_name(param);
            if let Some(argument) = rust.filter(|rust| ENDPOINT_ARGUMENTS.contains(&rust.as_str()))
            {
                let at = param.rust_name.as_ref().map_or(param.name.span, |r| r.span);
                self.error(
                    Diagnostic::new(
                        at,
                        format!(
                            "path parameter `{}` would be the argument `{argument}`, which the generated function `{}` already has",
                            param.name.value, name.value
                        ),
                    )
                    .help("give it a `rust_name` other than `client` and `params`"),
                );
            }
        }
        let mut fields = BTreeMap::new();
        for param in &def.params {
            if let Some(path_param) = def
                .path_params
                .iter()
                .find(|p| p.name.value == param.name.value)
            {
                self.error(
                    Diagnostic::new(
                        param.name.span,
                        format!("parameter `{}` is declared twice", param.name.value),
                    )
                    .note(path_param.name.span, "also declared as a path parameter"),
                );
            }
            self.field_name(param, &name.value, &mut fields, "parameter");
            self.nonempty(&param.description, || {
                format!("parameter `{}`", param.name.value)
            });
            self.type_ref(file, &param.ty, Context::Param);
            if param.clearable.is_some() && param.optional.is_none() {
                self.error(Diagnostic::new(param.name.span, format!("parameter `{}` is clearable but not optional", param.name.value))
                    .help("add `optional: true`: leaving a clearable parameter out keeps the current value"));
            }
        }
    }

    /// The span of `len` characters `offset` characters into `text`, when the text is written
    /// on one line as it is (plain, or quoted without escapes); otherwise the whole text.
    fn inner_span(&self, text: &Text, offset: usize, len: usize) -> Span {
        let file = self.sources.file(text.span.file);
        let Some(line) = file.text.lines().nth(text.span.line.saturating_sub(1)) else {
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

    fn path(&mut self, def: &EndpointDef) {
        let path = &def.path;
        let help = "paths look like `/v1/treasury/financial_accounts/{financial_account}`";
        if !path.value.starts_with("/v1/") {
            self.error(
                Diagnostic::new(
                    path.span,
                    format!("endpoint path `{}` does not start with `/v1/`", path.value),
                )
                .help(help),
            );
        }
        let chars: Vec<char> = path.value.chars().collect();
        if let Some(offset) = chars
            .iter()
            .position(|&c| !(c.is_ascii_alphanumeric() || "/_-.{}".contains(c)))
        {
            self.error(
                Diagnostic::new(
                    self.inner_span(path, offset, 1),
                    format!(
                        "found `{}` in the endpoint path; expected letters, digits, `/`, `_`, `-`, `.` and `{{placeholders}}`",
                        chars[offset].escape_debug()
                    ),
                )
                .help(help),
            );
            return;
        }
        // (name, span) of each `{placeholder}`.
        let mut placeholders = Vec::new();
        let mut index = 0;
        while index < chars.len() {
            match chars[index] {
                '}' => {
                    self.error(
                        Diagnostic::new(
                            self.inner_span(path, index, 1),
                            "found `}` without an opening `{` in the endpoint path",
                        )
                        .help(help),
                    );
                    return;
                }
                '{' => {
                    let close = chars[index + 1..]
                        .iter()
                        .position(|&c| c == '{' || c == '}')
                        .map(|position| index + 1 + position)
                        .filter(|&close| chars[close] == '}');
                    let Some(close) = close else {
                        self.error(
                            Diagnostic::new(
                                self.inner_span(path, index, 1),
                                "found `{` without a closing `}` in the endpoint path",
                            )
                            .help(help),
                        );
                        return;
                    };
                    let name: String = chars[index + 1..close].iter().collect();
                    let span = self.inner_span(path, index, close - index + 1);
                    if name.is_empty() {
                        self.error(
                            Diagnostic::new(
                                span,
                                "found an empty placeholder `{}` in the endpoint path",
                            )
                            .help("placeholders name a path parameter, such as `{account}`"),
                        );
                    } else {
                        placeholders.push((name, span));
                    }
                    index = close + 1;
                }
                _ => index += 1,
            }
        }
        let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
        for (name, span) in &placeholders {
            if let Some(first) = seen.get(name.as_str()) {
                self.error(
                    Diagnostic::new(
                        *span,
                        format!("placeholder `{{{name}}}` appears twice in the path"),
                    )
                    .note(*first, "first used here")
                    .help("each path parameter is used once"),
                );
                continue;
            }
            seen.insert(name, *span);
            if !def
                .path_params
                .iter()
                .any(|param| &param.name.value == name)
            {
                let mut error = Diagnostic::new(
                    *span,
                    format!("placeholder `{{{name}}}` has no matching entry in `path_params`"),
                );
                let declared = def
                    .path_params
                    .iter()
                    .map(|param| param.name.value.as_str());
                error = match suggest::closest(name, declared) {
                    Some(closest) => error.help(format!(
                        "did you mean `{{{closest}}}`? otherwise declare `{name}` under `path_params`"
                    )),
                    None => error.help(format!("declare `{name}` under `path_params`")),
                };
                self.error(error);
            }
        }
        for param in &def.path_params {
            if !seen.contains_key(param.name.value.as_str()) {
                self.error(
                    Diagnostic::new(
                        param.name.span,
                        format!(
                            "path parameter `{}` does not appear in the path `{}`",
                            param.name.value, path.value
                        ),
                    )
                    .help(format!(
                        "add `{{{}}}` to the path, or move it under `params`",
                        param.name.value
                    )),
                );
            }
        }
    }

    fn resolve(&mut self, file: &ModuleFile, name: &NameRef) -> Option<Symbol<'s>> {
        if let Some(symbol) = self.symbols.resolve(&file.module, name) {
            return Some(symbol);
        }
        let module = name.module.as_deref().unwrap_or(&file.module);
        if name.module.is_some() && !self.modules.contains(module) {
            let mut error = Diagnostic::new(
                name.span,
                format!("undefined module `{module}` in `{}`", name.display()),
            );
            if let Some(closest) = suggest::closest(module, self.modules.iter().copied()) {
                error = error.help(format!("did you mean `{closest}::{}`?", name.name));
            }
            self.error(error);
            return None;
        }
        let mut error = Diagnostic::new(
            name.span,
            format!(
                "undefined type `{}`; expected a type defined in module `{module}`",
                name.display()
            ),
        );
        let builtin = crate::spec::types::BUILTINS
            .iter()
            .copied()
            .find(|builtin| builtin.eq_ignore_ascii_case(&name.name));
        if let (Some(builtin), None) = (builtin, &name.module) {
            error = error.help(format!("did you mean the built-in type `{builtin}`?"));
        } else if let Some(closest) = suggest::closest(&name.name, self.symbols.names_in(module)) {
            error = error.help(format!("did you mean `{closest}`?"));
        } else if let Some(elsewhere) = self
            .defined_in
            .get(name.name.as_str())
            .and_then(|modules| modules.iter().find(|m| **m != module))
        {
            error = error.help(format!(
                "`{0}` is defined in module `{elsewhere}`: write `{elsewhere}::{0}`",
                name.name
            ));
        } else if let Some(other) = self
            .modules
            .iter()
            .find(|other| **other != module && name.module.is_none())
        {
            error = error.help(format!(
                "types of other modules are written with their module, like `{other}::{}`",
                name.name
            ));
        }
        self.error(error);
        None
    }

    fn type_ref(&mut self, file: &'s ModuleFile, ty: &TypeRef, context: Context<'s>) {
        let in_params = matches!(context, Context::Param);
        let forbidden = |what: &str, allowed: &str| {
            Diagnostic::new(ty.span, format!("{what} is allowed only {allowed}"))
        };
        match &ty.expr {
            TypeExpr::String
            | TypeExpr::Integer
            | TypeExpr::Boolean
            | TypeExpr::Timestamp
            | TypeExpr::Currency => {}
            TypeExpr::OwnId => {
                if !matches!(context, Context::Field(def) if def.is_resource) {
                    self.error(
                        forbidden("`id`", "in the fields of a resource")
                            .help("to refer to another resource's ID, write `id<Resource>`"),
                    );
                }
            }
            TypeExpr::ObjectTag => match context {
                Context::Field(def) if def.object.is_some() => {}
                Context::Field(def) => self.error(
                    Diagnostic::new(
                        ty.span,
                        format!("`object_tag` needs `object:` on `{}`", def.name.value),
                    )
                    .help(
                        "add the API's object name, such as `object: treasury.financial_account`",
                    ),
                ),
                _ => self.error(forbidden("`object_tag`", "in the fields of an object")),
            },
            TypeExpr::Expand => {
                if !in_params {
                    self.error(forbidden("`expand`", "as an endpoint parameter"));
                }
            }
            TypeExpr::Range(inner) => {
                if !in_params {
                    self.error(forbidden("`range<T>`", "as an endpoint parameter"));
                }
                self.type_ref(file, inner, context);
            }
            TypeExpr::Array(inner) => {
                if matches!(context, Context::PathParam | Context::Returns) {
                    self.error(Diagnostic::new(ty.span, "an array is not allowed here"));
                }
                self.type_ref(file, inner, context);
            }
            TypeExpr::Map(_, inner) => {
                if matches!(context, Context::PathParam | Context::Returns) {
                    self.error(Diagnostic::new(ty.span, "a map is not allowed here"));
                }
                self.type_ref(file, inner, context);
            }
            TypeExpr::Id(name) => {
                if let Some(symbol) = self.resolve(file, name) {
                    if !symbol.def.has_id() {
                        self.error(
                            Diagnostic::new(
                                name.span,
                                format!(
                                    "`{}` is {} {}, which has no ID",
                                    name.display(),
                                    article(symbol.def.kind()),
                                    symbol.def.kind()
                                ),
                            )
                            .help("`id<...>` takes a resource or an external resource"),
                        );
                    }
                }
            }
            TypeExpr::Expandable(name) => {
                if in_params || matches!(context, Context::PathParam | Context::Returns) {
                    self.error(forbidden("`expandable<T>`", "in the fields of an object"));
                }
                if let Some(symbol) = self.resolve(file, name) {
                    if !symbol.def.has_id() {
                        self.error(Diagnostic::new(
                            name.span,
                            format!(
                                "`{}` is {} {}; only resources can be expandable",
                                name.display(),
                                article(symbol.def.kind()),
                                symbol.def.kind()
                            ),
                        ));
                    }
                }
            }
            TypeExpr::List(name) => {
                if in_params || matches!(context, Context::PathParam) {
                    self.error(forbidden("`list<T>`", "in responses"));
                }
                if let Some(symbol) = self.resolve(file, name) {
                    if !matches!(symbol.def, TypeDef::Object(_)) {
                        self.error(Diagnostic::new(
                            name.span,
                            format!(
                                "`list<...>` takes an object or resource; `{}` is {} {}",
                                name.display(),
                                article(symbol.def.kind()),
                                symbol.def.kind()
                            ),
                        ));
                    }
                }
            }
            TypeExpr::Named(name) => {
                let Some(symbol) = self.resolve(file, name) else {
                    return;
                };
                match (symbol.def, context) {
                    (TypeDef::External(_), _) => self.error(
                        Diagnostic::new(
                            name.span,
                            format!(
                                "external resource `{}` has no fields to decode",
                                name.display()
                            ),
                        )
                        .help(format!(
                            "write `id<{0}>` or `expandable<{0}>`",
                            name.display()
                        )),
                    ),
                    (TypeDef::Enum(_), Context::Returns) => self.error(Diagnostic::new(
                        name.span,
                        "an endpoint returns an object or a list",
                    )),
                    (TypeDef::Object(_), Context::PathParam)
                    | (TypeDef::Enum(_), Context::PathParam) => {
                        self.error(Diagnostic::new(
                            name.span,
                            "path parameters are `string` or `id<Resource>`",
                        ));
                    }
                    (TypeDef::Object(object), Context::Param) => {
                        self.param_object(symbol.module, object, name.span)
                    }
                    _ => {}
                }
            }
        }
        if matches!(context, Context::PathParam)
            && !matches!(ty.expr, TypeExpr::String | TypeExpr::Id(_))
        {
            self.error(Diagnostic::new(
                ty.span,
                "path parameters are `string` or `id<Resource>`",
            ));
        }
        if matches!(context, Context::Returns)
            && !matches!(ty.expr, TypeExpr::Named(_) | TypeExpr::List(_))
        {
            self.error(Diagnostic::new(
                ty.span,
                "an endpoint returns an object, a resource, or `list<T>`",
            ));
        }
    }

    /// An object used as a parameter can only contain what form encoding can send.
    fn param_object(&mut self, module: &str, object: &ObjectDef, used_at: Span) {
        let mut seen = BTreeSet::new();
        let mut stack = vec![(module.to_owned(), object)];
        while let Some((module, object)) = stack.pop() {
            if !seen.insert((module.clone(), object.name.value.clone())) {
                continue;
            }
            for field in &object.fields {
                let problem = if field.nullable.is_some() {
                    Some("is nullable")
                } else if field.requires_expand.is_some() {
                    Some("requires expand")
                } else {
                    response_only(&field.ty.expr)
                };
                if let Some(problem) = problem {
                    self.error(
                        Diagnostic::new(
                            used_at,
                            format!(
                                "object `{}` is used as a parameter, but its field `{}` {problem}",
                                object.name.value, field.name.value
                            ),
                        )
                        .note(field.name.span, "the field"),
                    );
                }
                let mut inner = &field.ty.expr;
                while let TypeExpr::Array(element) | TypeExpr::Map(_, element) = inner {
                    inner = &element.expr;
                }
                if let TypeExpr::Named(name) = inner {
                    if let Some(Symbol {
                        module,
                        def: TypeDef::Object(def),
                        ..
                    }) = self.symbols.resolve(&module, name)
                    {
                        stack.push((module.to_owned(), def));
                    }
                }
            }
        }
    }

    /// Type names are unique within a module, including the names the generator derives
    /// (`AccountId`, `AccountObject`, `AccountExpand`, `RetrieveAccountParams`); so are functions.
    fn module_namespaces(&mut self, spec: &Spec) {
        // (module, name) to where it is defined and what it is.
        type Namespace<'a> = BTreeMap<(&'a str, String), (Span, String)>;
        let mut types: Namespace<'_> = BTreeMap::new();
        let mut functions: Namespace<'_> = BTreeMap::new();
        for file in &spec.files {
            let module = file.module.as_str();
            for item in &file.items {
                let name = item.name();
                let value = &name.value;
                // The item's own name comes first in its namespace; then the derived names.
                let mut derived_types = Vec::new();
                let mut derived_functions = Vec::new();
                let this = match item {
                    Def::Object(def) if def.is_resource => format!("resource `{value}`"),
                    Def::Object(_) => format!("object `{value}`"),
                    Def::External(_) => format!("external resource `{value}`"),
                    Def::Enum(_) => format!("enum `{value}`"),
                    Def::Endpoint(_) => format!("endpoint `{value}`"),
                };
                match item {
                    Def::Object(def) => {
                        derived_types.push((value.clone(), this.clone()));
                        if def.is_resource {
                            derived_types
                                .push((format!("{value}Id"), format!("the ID type of {this}")));
                        }
                        if def.object.is_some() {
                            derived_types.push((
                                format!("{value}Object"),
                                format!("the `object` enum of {this}"),
                            ));
                        }
                        if !expand::paths(&self.symbols, module, def).is_empty() {
                            derived_types.push((
                                format!("{value}Expand"),
                                format!("the expand enum of {this}"),
                            ));
                        }
                    }
                    Def::External(_) => {
                        derived_types.push((value.clone(), this.clone()));
                        derived_types
                            .push((format!("{value}Id"), format!("the ID type of {this}")));
                    }
                    Def::Enum(_) => derived_types.push((value.clone(), this.clone())),
                    Def::Endpoint(def) => {
                        derived_functions.push((value.clone(), this.clone()));
                        derived_types.push((
                            format!("{}Params", names::type_name(value)),
                            format!("the parameters struct of {this}"),
                        ));
                        if matches!(def.returns.expr, TypeExpr::List(_)) {
                            derived_functions.push((
                                format!("{value}_paginated"),
                                format!("the paginated form of {this}"),
                            ));
                        }
                    }
                }
                let mut namespaces = [
                    (&mut types, derived_types),
                    (&mut functions, derived_functions),
                ];
                if matches!(item, Def::Endpoint(_)) {
                    namespaces.reverse();
                }
                let mut own_name_taken = false;
                for (namespace, derived) in namespaces {
                    for (derived_name, label) in derived {
                        if own_name_taken {
                            // Its derived names collide too; one error is enough.
                            break;
                        }
                        let is_own_name = derived_name == *value;
                        if let (false, Some(origin)) =
                            (is_own_name, names::reserved_type(&derived_name))
                        {
                            self.errors.push(
                                Diagnostic::new(
                                    name.span,
                                    format!(
                                        "{label} would be named `{derived_name}`, which would shadow `{derived_name}` from {origin}"
                                    ),
                                )
                                .help(format!("rename `{value}`")),
                            );
                        }
                        let key = (module, derived_name.clone());
                        let Some((first, first_label)) = namespace.get(&key) else {
                            namespace.insert(key, (name.span, label));
                            continue;
                        };
                        let first_is_own_name = !first_label.starts_with("the ");
                        let error = if is_own_name && first_is_own_name {
                            // "enum `X`": the kind is what comes before the name.
                            let kind =
                                |label: &str| label.split(" `").next().unwrap_or("").to_owned();
                            let message = if kind(&label) == kind(first_label) {
                                format!("duplicate {label} in module `{module}`")
                            } else {
                                format!(
                                    "`{value}` is defined twice in module `{module}`: as {} {} and as {} {}",
                                    article(&kind(&label)),
                                    kind(&label),
                                    article(&kind(first_label)),
                                    kind(first_label)
                                )
                            };
                            Diagnostic::new(name.span, message)
                            .note(*first, "first defined here")
                            .help("type and endpoint names are unique within a module, across its files; rename or remove one")
                        } else {
                            Diagnostic::new(
                                name.span,
                                format!(
                                    "`{derived_name}` would be defined twice in module `{module}`: as {label} and as {first_label}"
                                ),
                            )
                            .note(*first, "the other definition")
                            .help("rename one of them")
                        };
                        self.errors.push(error);
                        own_name_taken |= is_own_name;
                    }
                }
            }
        }
    }

    /// The `<Type>Expand` enum of each endpoint's response type has a variant per expandable
    /// path, named after it: `account_holder.customer` is `AccountHolderCustomer`. Paths that
    /// cannot be variant names, or that become the same one, are reported here.
    fn expand_enums(&mut self, spec: &'s Spec) {
        let mut checked = BTreeSet::new();
        for file in &spec.files {
            for item in &file.items {
                let Def::Endpoint(endpoint) = item else {
                    continue;
                };
                let (TypeExpr::Named(name) | TypeExpr::List(name)) = &endpoint.returns.expr else {
                    continue;
                };
                let Some(Symbol {
                    module,
                    def: TypeDef::Object(object),
                    ..
                }) = self.symbols.resolve(&file.module, name)
                else {
                    continue;
                };
                if !checked.insert((module, object.name.value.as_str())) {
                    continue;
                }
                let owner = format!("{}Expand", object.name.value);
                let mut seen: BTreeMap<String, &expand::ExpandPath> = BTreeMap::new();
                let paths = expand::paths(&self.symbols, module, object);
                for path in &paths {
                    let Some(variant) = names::variant_name(&path.path) else {
                        self.error(
                            Diagnostic::new(
                                path.span,
                                format!(
                                    "the expand path `{}` of `{}` cannot be made into a Rust variant name of `{owner}`",
                                    path.path, object.name.value
                                ),
                            )
                            .help("expand variants are named after the wire names on the path (a `rust_name` does not change them); make this field not expandable"),
                        );
                        continue;
                    };
                    if variant == "Unknown" {
                        self.error(
                            Diagnostic::new(
                                path.span,
                                format!(
                                    "the expand path `{}` of `{}` becomes the variant `Unknown` of `{owner}`, which every enum uses for values it does not know",
                                    path.path, object.name.value
                                ),
                            )
                            .help("make this field not expandable, or rename it"),
                        );
                    } else if let Some(first) = seen.get(&variant) {
                        let what = if first.path == path.path {
                            format!(
                                "the expand path `{}` of `{}` appears twice",
                                path.path, object.name.value
                            )
                        } else {
                            format!(
                                "the expand paths `{}` and `{}` of `{}` both become the variant `{variant}` of `{owner}`",
                                first.path, path.path, object.name.value
                            )
                        };
                        self.error(
                            Diagnostic::new(path.span, what)
                                .note(first.span, format!("`{}` ends here", first.path))
                                .help("expand variants are named after their paths, so only one of these fields can be expandable"),
                        );
                    } else {
                        seen.insert(variant, path);
                    }
                }
            }
        }
    }

    /// A struct that contains itself without indirection (a `Vec`, a map, an `Expandable`) would
    /// have infinite size.
    fn recursion(&mut self, spec: &'s Spec) {
        for file in &spec.files {
            for item in &file.items {
                let Def::Object(def) = item else { continue };
                let mut stack = vec![(file.module.as_str(), def)];
                let mut seen = BTreeSet::new();
                while let Some((module, object)) = stack.pop() {
                    if !seen.insert((module, object.name.value.as_str())) {
                        continue;
                    }
                    for field in &object.fields {
                        let TypeExpr::Named(name) = &field.ty.expr else {
                            continue;
                        };
                        let Some(Symbol {
                            module: target_module,
                            def: TypeDef::Object(target),
                            ..
                        }) = self.symbols.resolve(module, name)
                        else {
                            continue;
                        };
                        if std::ptr::eq(target, def) {
                            let mut error = Diagnostic::new(
                                field.ty.span,
                                format!(
                                    "`{}` contains itself through field `{}` of `{}`, so it would have infinite size",
                                    def.name.value, field.name.value, object.name.value
                                ),
                            );
                            if !std::ptr::eq(object, def) {
                                error = error.note(
                                    def.name.span,
                                    format!("`{}` is defined here", def.name.value),
                                );
                            }
                            self.error(error.help(
                                "a struct cannot contain itself; use `array<...>` or `expandable<...>`",
                            ));
                            continue;
                        }
                        stack.push((target_module, target));
                    }
                }
            }
        }
    }
}

/// The Rust name of a field or parameter, when it has a valid one.
fn rust_name(field: &FieldDef) -> Option<String> {
    match &field.rust_name {
        Some(rust_name) => Some(rust_name.value.clone()),
        None => names::field_name(&field.name.value),
    }
}

/// Why a type cannot be sent as a parameter, if it cannot.
fn response_only(ty: &TypeExpr) -> Option<&'static str> {
    match ty {
        TypeExpr::ObjectTag => Some("is an `object_tag`"),
        TypeExpr::Expandable(_) => Some("is `expandable`"),
        TypeExpr::List(_) => Some("is a `list`"),
        TypeExpr::OwnId => Some("is an `id`"),
        TypeExpr::Array(inner) | TypeExpr::Map(_, inner) | TypeExpr::Range(inner) => {
            response_only(&inner.expr)
        }
        _ => None,
    }
}

fn article(kind: &str) -> &'static str {
    if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn file_start(file: &ModuleFile) -> Span {
    Span::start_of(file.file)
}

/// `YYYY-MM-DD`, optionally followed by `.name`.
fn is_api_version(version: &str) -> bool {
    let (date, name) = version.split_once('.').unwrap_or((version, "x"));
    let parts: Vec<&str> = date.split('-').collect();
    let date_ok = matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2
        && parts.iter().all(|part| part.chars().all(|c| c.is_ascii_digit())));
    date_ok && !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase())
}
