//! Events: well-formed event types, unique across the spec and as variants of the one
//! `EventData` enum, each naming the resource its `data.object` holds.

use std::collections::BTreeMap;

use super::{Validator, article};
use crate::diagnostics::Diagnostic;
use crate::names;
use crate::source::Span;
use crate::spec::ast::{Def, EventDef, ModuleFile, NameRef, Spec, Text};

impl<'s> Validator<'_, 's> {
    pub(super) fn events(&mut self, spec: &'s Spec) {
        // The API's object names (`financial_connections.account`) and the types that carry
        // them, for the mistake of writing one as an event's `object`.
        let mut object_names: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
        for file in &spec.files {
            for item in &file.items {
                let object = match item {
                    Def::Object(def) if def.is_resource() => def.object.as_ref(),
                    Def::External(def) => Some(&def.object),
                    _ => None,
                };
                if let Some(object) = object {
                    object_names
                        .entry(&object.value)
                        .or_insert((&file.module, &item.name().value));
                }
            }
        }
        // One `EventData` holds every event of the crate, so types and variants are unique
        // across modules.
        let mut types: BTreeMap<&str, Span> = BTreeMap::new();
        let mut variants: BTreeMap<String, (Span, &str)> = BTreeMap::new();
        for file in &spec.files {
            for event in &file.events {
                self.nonempty(&event.description, || {
                    format!("event `{}`", event.name.value)
                });
                self.event_object(file, event, &object_names);
                let name = &event.name;
                if let Some((problem, at)) = event_type_problem(&name.value) {
                    // Point at the offending character when the key is written as it is
                    // (unquoted, so that columns match characters).
                    let span = match at {
                        Some(offset) if name.span.len == name.value.chars().count() => {
                            name.span.slice(offset, 1)
                        }
                        _ => name.span,
                    };
                    self.error(
                        Diagnostic::new(
                            span,
                            format!("event type `{}` is malformed: {problem}", name.value),
                        )
                        .help("event types are lowercase words (letters, digits and `_`) joined by dots, in two parts or more, such as `financial_connections.account.created`"),
                    );
                    continue;
                }
                if let Some(first) = types.get(name.value.as_str()) {
                    self.error(
                        Diagnostic::new(name.span, format!("duplicate event `{}`", name.value))
                            .note(*first, "first defined here")
                            .help("each event type is listed once in the whole spec; remove one"),
                    );
                    continue;
                }
                types.insert(&name.value, name.span);
                // Every well-formed event type has a variant name.
                let Some(variant) = names::variant_name(&name.value) else {
                    continue;
                };
                if let Some((first, first_name)) = variants.get(&variant) {
                    self.error(
                        Diagnostic::new(
                            name.span,
                            format!(
                                "events `{first_name}` and `{}` both become the variant `{variant}` of `EventData`",
                                name.value
                            ),
                        )
                        .note(*first, "the other event")
                        .help("event variants are named after their types, so only one of these can be listed"),
                    );
                } else {
                    variants.insert(variant, (name.span, &name.value));
                }
            }
        }
    }

    /// `object:` names a resource or an external resource: what Stripe puts in `data.object`.
    fn event_object(
        &mut self,
        file: &'s ModuleFile,
        event: &EventDef,
        object_names: &BTreeMap<&str, (&str, &str)>,
    ) {
        let object = &event.object;
        let Some(name) = name_ref(object) else {
            let mut error = Diagnostic::new(
                object.span,
                format!(
                    "`{}` is not a type name; expected the resource that `data.object` holds, such as `Account`",
                    object.value
                ),
            );
            if let Some((module, resource)) = object_names.get(object.value.trim()) {
                let written = if *module == file.module {
                    (*resource).to_owned()
                } else {
                    format!("{module}::{resource}")
                };
                error = error.help(format!(
                    "`{}` is the API's object name of `{written}`; write `object: {written}`",
                    object.value.trim()
                ));
            }
            self.error(error);
            return;
        };
        let Some(symbol) = self.resolve(file, &name) else {
            return;
        };
        if !symbol.def.has_id() {
            let kind = symbol.def.kind();
            self.error(
                Diagnostic::new(
                    object.span,
                    format!(
                        "`{}` is {} {kind}, not a resource; an event's `data.object` is a resource",
                        name.display(),
                        article(kind)
                    ),
                )
                .help("name a resource or an external resource"),
            );
        }
    }
}

/// `Name` or `module::Name`, as a reference.
fn name_ref(text: &Text) -> Option<NameRef> {
    let (module, name) = match text.value.split_once("::") {
        Some((module, name)) => (Some(module), name),
        None => (None, text.value.as_str()),
    };
    let well_formed = names::is_type_name(name) && module.is_none_or(names::is_snake_name);
    well_formed.then(|| NameRef {
        module: module.map(str::to_owned),
        name: name.to_owned(),
        span: text.span,
    })
}

/// What makes `name` not two or more lowercase words joined by dots
/// (`treasury.financial_account.closed`), and the offset of the character at fault if one is.
fn event_type_problem(name: &str) -> Option<(String, Option<usize>)> {
    let mut offset = 0;
    let mut parts = 0;
    for part in name.split('.') {
        parts += 1;
        let mut chars = part.chars();
        match chars.next() {
            None => return Some(("it has an empty part".into(), None)),
            Some(first) if !first.is_ascii_lowercase() => {
                return Some((
                    format!("the part `{part}` does not start with a lowercase letter"),
                    Some(offset),
                ));
            }
            Some(_) => {}
        }
        if let Some((index, c)) = part
            .chars()
            .enumerate()
            .find(|(_, c)| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_'))
        {
            return Some((
                format!("`{c}` is not a lowercase letter, a digit or `_`"),
                Some(offset + index),
            ));
        }
        offset += part.chars().count() + 1;
    }
    (parts < 2).then(|| {
        (
            "it has one part; event types are `<object>.<event>`".into(),
            None,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::event_type_problem;

    #[test]
    fn event_types_are_dotted_lowercase_words() {
        let problem = event_type_problem;
        for name in [
            "financial_connections.account.refreshed_balance",
            "treasury.financial_account.closed",
            "v1.event2",
        ] {
            assert_eq!(problem(name), None, "{name}");
        }
        let at = |name| problem(name).and_then(|(_, at)| at);
        assert_eq!(at("widget.Created"), Some(7));
        assert_eq!(at("account.refreshed-balance"), Some(17));
        assert_eq!(at("account._created"), Some(8));
        assert_eq!(at("account.1created"), Some(8));
        for name in ["created", "", "account..created", "account.created."] {
            assert!(problem(name).is_some(), "{name}");
            assert_eq!(at(name), None, "{name}");
        }
    }
}
