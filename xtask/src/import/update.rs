//! `--update`: brings hand-edited spec/ YAML up to a newer OpenAPI file by editing its text in
//! place, so that comments, key order, quoting, reworded descriptions and `rust_name`s stay and
//! a one-field API change is a one-field diff.
//!
//! Within what [`pairing`](crate::pairing::pair) pairs: a new property becomes a field (or parameter)
//! inserted after the field that precedes it in the OpenAPI's order; a new enum value goes after
//! its predecessor likewise; changed `nullable`, `optional` and `clearable` flags are inserted
//! or removed; new definitions are appended to their section. What the OpenAPI no longer has,
//! and types that no longer fit, are reported with their line, never deleted or rewritten.

use std::collections::{BTreeMap, BTreeSet};

use codegen::Sources;
use codegen::source::{FileId, Span};
use codegen::spec::ast::{EnumDef, FieldDef, ModuleFile, TypeExpr};
use codegen::yaml::{self, Node, NodeKind};

use super::build::{Builder, Owner};
use super::edits::{self, Edit};
use super::ir::{Item, Section, TypeKey};
use super::render;
use crate::pairing::{Holder, ObjectPair, Pairing, Property};

/// The edits of an update, by file, and what it found but did not change.
#[derive(Debug, Default)]
pub struct Update {
    /// Edits to existing files.
    pub edits: BTreeMap<FileId, Vec<Edit>>,
    /// Removed fields, values and endpoints, and other changes left to a person, one line each
    /// (`spec/x.yaml:12: ...`).
    pub reports: Vec<String>,
}

/// Collects the edits that bring the paired definitions up to date, creating the types of new
/// fields with `builder`.
pub fn update(builder: &mut Builder<'_>, pairing: &Pairing<'_, '_>, sources: &Sources) -> Update {
    let mut updater = Updater {
        sources,
        update: Update::default(),
        added_values: BTreeSet::new(),
    };
    for pair in &pairing.objects {
        updater.object(builder, pair);
    }
    updater.enums(pairing);
    for endpoint in &pairing.lost_endpoints {
        updater.report(
            endpoint.name.span,
            format!(
                "endpoint `{}` ({} {}) is no longer in the OpenAPI; it was kept",
                endpoint.name.value,
                endpoint.method.as_str(),
                endpoint.path.text.value
            ),
        );
    }
    for object in &pairing.lost_objects {
        updater.report(
            object.name.span,
            format!(
                "`{}` is no longer in the OpenAPI; it was kept",
                object.name.value
            ),
        );
    }
    for mismatch in &pairing.mismatches {
        updater.report(
            mismatch.span,
            format!("{}; the type was not changed", mismatch.message),
        );
    }
    updater.update
}

/// Appends new definitions to an existing module file: each to the end of its section, or in a
/// new section placed where the sections' order puts it.
pub fn append(
    sources: &Sources,
    file: FileId,
    module: &str,
    items: &[Item],
) -> Result<Vec<Edit>, String> {
    let source = sources.file(file);
    let text = source.text.as_str();
    let root = yaml::parse(file, text).map_err(|error| error.message)?;
    let NodeKind::Map(sections) = &root.kind else {
        return Err(format!("{} is not a mapping", source.display));
    };
    let position = |key: &str| {
        sections
            .iter()
            .find(|(name, _)| scalar(name) == Some(key))
            .map(|(name, value)| (name.span, value))
    };
    let mut result = Vec::new();
    for section in Section::ALL {
        let new: Vec<String> = items
            .iter()
            .filter(|item| item.section() == section)
            .map(|item| render::definition(module, item, 2))
            .collect();
        if new.is_empty() {
            continue;
        }
        let body = new.join("\n");
        match position(section.key()) {
            Some((key, value)) => {
                let last = match &value.kind {
                    NodeKind::Map(entries) => entries.last().map(|(name, _)| name.span),
                    _ => None,
                };
                let Some(last) = last else {
                    return Err(format!(
                        "{}: section `{}` is not a block mapping with entries; add the new definitions by hand",
                        source.display,
                        section.key()
                    ));
                };
                let _ = key;
                let at = edits::block_end(text, last.line, last.col);
                result.push(Edit::insert(at, format!("\n{body}")));
            }
            None => {
                let later = Section::ALL
                    .iter()
                    .filter(|later| **later > section)
                    .find_map(|later| position(later.key()));
                let block = format!("{}:\n{body}", section.key());
                match later {
                    Some((key, _)) => {
                        result.push(Edit::insert(key.line - 1, format!("{block}\n")));
                    }
                    None => {
                        result.push(Edit::insert(text.lines().count(), format!("\n{block}")));
                    }
                }
            }
        }
    }
    Ok(result)
}

fn scalar(node: &Node) -> Option<&str> {
    match &node.kind {
        NodeKind::Scalar { value, .. } => Some(value),
        _ => None,
    }
}

struct Updater<'a> {
    sources: &'a Sources,
    update: Update,
    /// (enum, value) pairs already inserted.
    added_values: BTreeSet<(Span, String)>,
}

impl Updater<'_> {
    fn text(&self, file: FileId) -> &str {
        &self.sources.file(file).text
    }

    fn report(&mut self, span: Span, message: String) {
        let file = &self.sources.file(span.file).display;
        self.update
            .reports
            .push(format!("{file}:{}: {message}", span.line));
    }

    fn edit(&mut self, file: FileId, edit: Edit) {
        self.update.edits.entry(file).or_default().push(edit);
    }

    /// Whether the key at `span` starts its line, as in block style (not `{ a: 1 }`).
    fn starts_line(&self, span: Span) -> bool {
        self.text(span.file)
            .lines()
            .nth(span.line - 1)
            .is_some_and(|line| line.len() - line.trim_start_matches(' ').len() == span.col - 1)
    }

    fn object(&mut self, builder: &mut Builder<'_>, pair: &ObjectPair<'_, '_>) {
        let file = pair.file;
        let owner = Owner {
            file: (file.module.clone(), file.stem.clone()),
            name: match pair.holder {
                Holder::Object(def) => def.name.value.clone(),
                Holder::Params(def) => {
                    format!("{}Params", super::names::upper_camel(&def.name.value))
                }
            },
            label: format!("`{}`", pair.holder.name()),
            resource: matches!(pair.holder, Holder::Object(def) if def.is_resource()),
            deleted_of: None,
        };
        let order: BTreeMap<&str, usize> = pair
            .properties
            .iter()
            .enumerate()
            .map(|(index, property)| (property.name, index))
            .collect();
        let fields = pair.holder.fields();
        for property in &pair.properties {
            if fields.iter().any(|field| field.name.value == property.name) {
                continue;
            }
            self.add_field(builder, pair, &owner, property, &order);
        }
        for field in fields {
            let Some(property) = pair.properties.iter().find(|p| p.name == field.name.value) else {
                self.report(
                    field.name.span,
                    format!(
                        "`{}.{}` is no longer in the OpenAPI; it was kept",
                        pair.holder.name(),
                        field.name.value
                    ),
                );
                continue;
            };
            let nullable =
                property.schema.nullable || super::schemas::unwrap_single(property.schema).nullable;
            if !pair.params {
                self.flag(pair, field, "nullable", field.nullable, nullable);
            }
            self.flag(pair, field, "optional", field.optional, !property.required);
            if pair.params {
                let clearable = crate::pairing::is_clearable(property.schema, property.required);
                self.flag(pair, field, "clearable", field.clearable, clearable);
            }
        }
    }

    fn add_field(
        &mut self,
        builder: &mut Builder<'_>,
        pair: &ObjectPair<'_, '_>,
        owner: &Owner,
        property: &Property<'_>,
        order: &BTreeMap<&str, usize>,
    ) {
        let holder_span = pair.holder.span();
        let result = if pair.params {
            let cursor = match pair.holder {
                Holder::Params(def) => list_item(pair.file, &def.returns.expr),
                Holder::Object(_) => None,
            };
            builder.param_field(
                owner,
                property.name,
                property.schema,
                property.required,
                property.description,
                cursor.as_ref(),
            )
        } else {
            match pair.object {
                Some(object) => {
                    builder.response_field(owner, object, property.name, property.schema)
                }
                None => return,
            }
        };
        let field = match result {
            Ok(field) => field,
            Err(reason) => {
                self.report(
                    holder_span,
                    format!(
                        "`{}.{}` is new in the OpenAPI but was not added: {reason}",
                        pair.holder.name(),
                        property.name
                    ),
                );
                return;
            }
        };
        let index = order[property.name];
        let fields = pair.holder.fields();
        let known = |field: &&FieldDef| order.get(field.name.value.as_str()).copied();
        let before = fields
            .iter()
            .filter_map(|field| known(&field).filter(|i| *i < index).map(|i| (i, field)))
            .max_by_key(|(i, _)| *i)
            .map(|(_, field)| field);
        let after = fields
            .iter()
            .filter_map(|field| known(&field).filter(|i| *i > index).map(|i| (i, field)))
            .min_by_key(|(i, _)| *i)
            .map(|(_, field)| field);
        let file = holder_span.file;
        let (at, indent) = match (before, after, fields.last()) {
            (Some(previous), _, _) => {
                if !self.starts_line(previous.name.span) {
                    return self.flow(holder_span, pair.holder.name(), property.name);
                }
                let span = previous.name.span;
                (
                    edits::block_end(self.text(file), span.line, span.col),
                    span.col - 1,
                )
            }
            (None, Some(next), _) => {
                if !self.starts_line(next.name.span) {
                    return self.flow(holder_span, pair.holder.name(), property.name);
                }
                let span = next.name.span;
                (self.above_comments(file, span.line), span.col - 1)
            }
            (None, None, Some(last)) => {
                let span = last.name.span;
                (
                    edits::block_end(self.text(file), span.line, span.col),
                    span.col - 1,
                )
            }
            (None, None, None) => match pair.holder {
                Holder::Params(def) if self.starts_line(def.name.span) => {
                    // No `params:` yet: it goes after the path parameters, or after `path:`.
                    let key_indent = def.name.span.col + 1;
                    let at = match def.path_params.last() {
                        Some(last) => edits::block_end(
                            self.text(file),
                            last.name.span.line,
                            last.name.span.col,
                        ),
                        None => def.path.text.span.line,
                    };
                    let text = format!(
                        "{}params:\n{}",
                        " ".repeat(key_indent),
                        render::field(&pair.file.module, &field, key_indent + 2)
                    );
                    self.edit(file, Edit::insert(at, text));
                    self.report(
                        holder_span,
                        format!("added `{}.{}`", pair.holder.name(), property.name),
                    );
                    return;
                }
                _ => return self.flow(holder_span, pair.holder.name(), property.name),
            },
        };
        let text = render::field(&pair.file.module, &field, indent);
        self.edit(file, Edit::insert(at, text));
        self.report(
            holder_span,
            format!("added `{}.{}`", pair.holder.name(), property.name),
        );
    }

    fn flow(&mut self, span: Span, holder: &str, field: &str) {
        self.report(
            span,
            format!("`{holder}.{field}` is new in the OpenAPI but was not added: `{holder}` is not written in block style; add it by hand"),
        );
    }

    /// The line index of `line` (1-based), moved up over the comment lines right above it.
    fn above_comments(&self, file: FileId, line: usize) -> usize {
        let lines: Vec<&str> = self.text(file).lines().collect();
        let mut at = line - 1;
        while at > 0 && lines[at - 1].trim_start().starts_with('#') {
            at -= 1;
        }
        at
    }

    /// Makes `flag` of `field` `want`: inserts `flag: true` after the lines it follows, or
    /// removes its line.
    fn flag(
        &mut self,
        pair: &ObjectPair<'_, '_>,
        field: &FieldDef,
        flag: &str,
        have: Option<Span>,
        want: bool,
    ) {
        let at = format!("{}.{}", pair.holder.name(), field.name.value);
        match (have, want) {
            (Some(span), false) => {
                let line = self
                    .text(span.file)
                    .lines()
                    .nth(span.line - 1)
                    .unwrap_or("");
                if line.trim() == format!("{flag}: true") {
                    self.edit(span.file, Edit::remove_line(span.line - 1));
                    self.report(
                        span,
                        format!(
                            "`{at}` is no longer {}: removed `{flag}: true`",
                            flag_word(flag)
                        ),
                    );
                } else {
                    self.report(
                        span,
                        format!(
                            "`{at}` is no longer {}; remove `{flag}: true` by hand",
                            flag_word(flag)
                        ),
                    );
                }
            }
            (None, true) => {
                let ty = field.ty.span;
                if ty.line == field.name.span.line || !self.starts_line(field.name.span) {
                    self.report(
                        ty,
                        format!(
                            "`{at}` is now {}; add `{flag}: true` by hand",
                            flag_word(flag)
                        ),
                    );
                    return;
                }
                if self.has_key(field, flag) {
                    self.report(
                        ty,
                        format!(
                            "`{at}` is now {}; set `{flag}: true` by hand",
                            flag_word(flag)
                        ),
                    );
                    return;
                }
                // Flags follow the type in the order the README lists them.
                let previous = ["nullable", "optional", "requires_expand", "clearable"]
                    .iter()
                    .take_while(|earlier| **earlier != flag)
                    .filter_map(|earlier| match *earlier {
                        "nullable" => field.nullable,
                        "optional" => field.optional,
                        "requires_expand" => field.requires_expand,
                        _ => field.clearable,
                    })
                    .map(|span| span.line)
                    .max()
                    .unwrap_or(ty.line);
                let indent = edits::indent_of(self.text(ty.file), ty.line);
                self.edit(
                    ty.file,
                    Edit::insert(previous, format!("{}{flag}: true\n", " ".repeat(indent))),
                );
                self.report(
                    ty,
                    format!("`{at}` is now {}: added `{flag}: true`", flag_word(flag)),
                );
            }
            _ => {}
        }
    }

    /// Whether the YAML of `field` has the key `key` (written `false`, which the decoded spec
    /// does not keep).
    fn has_key(&self, field: &FieldDef, key: &str) -> bool {
        let text = self.text(field.name.span.file);
        let end = edits::block_end(text, field.name.span.line, field.name.span.col);
        text.lines()
            .take(end)
            .skip(field.name.span.line)
            .any(|line| line.trim_start().starts_with(&format!("{key}:")))
    }

    fn enums(&mut self, pairing: &Pairing<'_, '_>) {
        // An enum used in several places takes the values of all of them.
        let mut by_enum: BTreeMap<Span, (&EnumDef, Vec<Vec<&str>>)> = BTreeMap::new();
        for pair in &pairing.enums {
            by_enum
                .entry(pair.def.name.span)
                .or_insert_with(|| (pair.def, Vec::new()))
                .1
                .push(pair.values.clone());
        }
        for (def, orders) in by_enum.values() {
            let known: BTreeSet<&str> = orders.iter().flatten().copied().collect();
            let have: BTreeSet<&str> = def.values.iter().map(|v| v.wire.value.as_str()).collect();
            for order in orders {
                for (index, value) in order.iter().enumerate() {
                    if have.contains(value) {
                        continue;
                    }
                    self.add_value(def, order, index);
                }
            }
            for value in &def.values {
                if !known.contains(value.wire.value.as_str()) {
                    self.report(
                        value.wire.span,
                        format!(
                            "enum value `{}` of `{}` is no longer in the OpenAPI; it was kept",
                            value.wire.value, def.name.value
                        ),
                    );
                }
            }
        }
    }

    fn add_value(&mut self, def: &EnumDef, order: &[&str], index: usize) {
        let value = order[index];
        let position = |wire: &str| order.iter().position(|v| *v == wire);
        if !self.added_values.insert((def.name.span, value.to_owned())) {
            return;
        }
        let before = def
            .values
            .iter()
            .filter(|v| position(&v.wire.value).is_some_and(|i| i < index))
            .max_by_key(|v| position(&v.wire.value));
        let after = def
            .values
            .iter()
            .filter(|v| position(&v.wire.value).is_some_and(|i| i > index))
            .min_by_key(|v| position(&v.wire.value));
        let anchor = before.or(after).or(def.values.last());
        let Some(anchor) = anchor else {
            self.report(
                def.name.span,
                format!(
                    "enum `{}` has no values to add `{value}` beside; add it by hand",
                    def.name.value
                ),
            );
            return;
        };
        let span = anchor.wire.span;
        if !self.starts_line(span) {
            self.report(
                span,
                format!(
                    "enum `{}` is not written in block style; add `{value}` by hand",
                    def.name.value
                ),
            );
            return;
        }
        let text = self.text(span.file);
        let at = if before.is_some() || after.is_none() {
            edits::block_end(text, span.line, span.col)
        } else {
            self.above_comments(span.file, span.line)
        };
        let rendered = render::value(
            &super::ir::Value {
                wire: value.to_owned(),
                rust_name: None,
                description: super::text::fallback_value_description(value),
            },
            span.col - 1,
        );
        self.edit(span.file, Edit::insert(at, rendered));
        self.report(
            def.name.span,
            format!("added enum value `{value}` to `{}`", def.name.value),
        );
    }
}

fn flag_word(flag: &str) -> &'static str {
    match flag {
        "nullable" => "nullable",
        "optional" => "optional",
        _ => "clearable",
    }
}

/// For a list endpoint's `returns`, the listed type: its cursors are its IDs.
fn list_item(file: &ModuleFile, returns: &TypeExpr) -> Option<TypeKey> {
    match returns {
        TypeExpr::List(name) => Some(TypeKey {
            module: name.module.clone().unwrap_or_else(|| file.module.clone()),
            name: name.name.clone(),
        }),
        _ => None,
    }
}
