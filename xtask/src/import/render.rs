//! Definitions as YAML text, in the layout of the hand-written files: block style, two-space
//! indentation, definitions separated by a blank line, keys in the order `spec/README.md` shows
//! them. The update writes single fields, values and definitions with the same functions.

use super::ir::{Endpoint, Enum, External, Field, File, Item, Object, Section, Union, Value};
use super::yaml_out::{WIDTH, entry, open};

/// The whole text of a module file of `module`.
pub fn file(module: &str, file: &File) -> String {
    let mut out = comment(&file.comment);
    let mut first = true;
    for section in Section::ALL {
        let items: Vec<&Item> = file
            .items
            .iter()
            .filter(|item| item.section() == section)
            .collect();
        if items.is_empty() {
            continue;
        }
        if !first {
            out.push('\n');
        }
        first = false;
        open(&mut out, 0, section.key());
        for (index, item) in items.into_iter().enumerate() {
            if index > 0 {
                out.push('\n');
            }
            out.push_str(&definition(module, item, 2));
        }
    }
    out
}

/// `# text` lines, wrapped.
pub fn comment(text: &str) -> String {
    let mut out = String::new();
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        if line.len() > 1 && line.chars().count() + 1 + word.chars().count() > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(word);
    }
    if line.len() > 1 {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// One definition under its section key, its name indented by `indent`.
pub fn definition(module: &str, item: &Item, indent: usize) -> String {
    let mut out = String::new();
    match item {
        Item::Object(def) => object(&mut out, module, def, indent),
        Item::External(def) => external(&mut out, def, indent),
        Item::Enum(def) => enumeration(&mut out, def, indent),
        Item::Union(def) => union(&mut out, module, def, indent),
        Item::Endpoint(def) => endpoint(&mut out, module, def, indent),
    }
    out
}

fn object(out: &mut String, module: &str, def: &Object, indent: usize) {
    open(out, indent, &def.name);
    let inner = indent + 2;
    if let Some(tag) = &def.object {
        entry(out, inner, "object", tag);
    }
    if let Some(prefix) = &def.id_prefix {
        entry(out, inner, "id_prefix", prefix);
    }
    entry(out, inner, "description", &def.description);
    if def.fields.is_empty() {
        out.push_str(&format!("{}fields: {{}}\n", " ".repeat(inner)));
        return;
    }
    open(out, inner, "fields");
    for field in &def.fields {
        out.push_str(&self::field(module, field, inner + 2));
    }
}

/// One field or parameter, its wire name indented by `indent`.
pub fn field(module: &str, field: &Field, indent: usize) -> String {
    let mut out = String::new();
    open(&mut out, indent, &field.wire);
    let inner = indent + 2;
    entry(&mut out, inner, "type", &field.ty.written_from(module));
    for (flag, on) in [
        ("nullable", field.nullable),
        ("optional", field.optional),
        ("requires_expand", field.requires_expand),
        ("boxed", field.boxed),
        ("clearable", field.clearable),
    ] {
        if on {
            out.push_str(&format!("{}{flag}: true\n", " ".repeat(inner)));
        }
    }
    if let Some(rust_name) = &field.rust_name {
        entry(&mut out, inner, "rust_name", rust_name);
    }
    if let Some(type_name) = &field.type_name {
        entry(&mut out, inner, "type_name", type_name);
    }
    entry(&mut out, inner, "description", &field.description);
    out
}

fn external(out: &mut String, def: &External, indent: usize) {
    open(out, indent, &def.name);
    entry(out, indent + 2, "object", &def.object);
    if let Some(prefix) = &def.id_prefix {
        entry(out, indent + 2, "id_prefix", prefix);
    }
    entry(out, indent + 2, "description", &def.description);
}

fn enumeration(out: &mut String, def: &Enum, indent: usize) {
    open(out, indent, &def.name);
    entry(out, indent + 2, "description", &def.description);
    open(out, indent + 2, "values");
    for value in &def.values {
        out.push_str(&self::value(value, indent + 4));
    }
}

fn union(out: &mut String, module: &str, def: &Union, indent: usize) {
    open(out, indent, &def.name);
    entry(out, indent + 2, "description", &def.description);
    if def.untagged {
        out.push_str(&format!("{}untagged: true\n", " ".repeat(indent + 2)));
    }
    open(out, indent + 2, "variants");
    for variant in &def.variants {
        out.push_str(&format!(
            "{}- {}\n",
            " ".repeat(indent + 4),
            variant.written_from(module)
        ));
    }
}

/// One enum value, indented by `indent`.
pub fn value(value: &Value, indent: usize) -> String {
    let mut out = String::new();
    match &value.rust_name {
        None => entry(&mut out, indent, &value.wire, &value.description),
        Some(rust_name) => {
            open(&mut out, indent, &value.wire);
            entry(&mut out, indent + 2, "description", &value.description);
            entry(&mut out, indent + 2, "rust_name", rust_name);
        }
    }
    out
}

fn endpoint(out: &mut String, module: &str, def: &Endpoint, indent: usize) {
    open(out, indent, &def.name);
    let inner = indent + 2;
    entry(out, inner, "description", &def.description);
    entry(out, inner, "method", &def.method);
    entry(out, inner, "path", &def.path);
    if !def.path_params.is_empty() {
        open(out, inner, "path_params");
        for param in &def.path_params {
            out.push_str(&field(module, param, inner + 2));
        }
    }
    if !def.params.is_empty() {
        open(out, inner, "params");
        for param in &def.params {
            out.push_str(&field(module, param, inner + 2));
        }
    }
    entry(out, inner, "returns", &def.returns.written_from(module));
}

/// `api.yaml` for a new spec.
pub fn api(version: &str, modules: &[(String, String)]) -> String {
    let mut out =
        comment("The Stripe API version this spec describes and the modules it is split into.");
    entry(&mut out, 0, "api_version", version);
    open(&mut out, 0, "modules");
    for (name, description) in modules {
        out.push_str(&module(name, description));
    }
    out
}

/// One entry of `api.yaml`'s `modules`.
pub fn module(name: &str, description: &str) -> String {
    let mut out = String::new();
    open(&mut out, 2, name);
    entry(&mut out, 4, "description", description);
    out
}
