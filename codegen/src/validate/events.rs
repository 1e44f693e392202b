//! Events: well-formed event types, unique across the spec and as variants of the one
//! `EventData` enum, each naming the resource its `data.object` holds.

use std::collections::BTreeMap;

use super::{Validator, article};
use crate::diagnostics::Diagnostic;
use crate::names;
use crate::source::Span;
use crate::spec::ast::{Def, EventDef, ModuleFile, NameRef, Spec, Text};

impl<'s> Validator<'s> {
    pub(super) fn events(&mut self, spec: &'s Spec) {
        // The API's object names (`financial_connections.account`) and the types that carry
        // them, for the mistake of writing one as an event's `object`.
        let mut object_names: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
        for file in &spec.files {
            for item in &file.items {
                let object = match item {
                    Def::Object(def) if def.is_resource => def.object.as_ref(),
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
                if !is_event_type(&name.value) {
                    self.error(
                        Diagnostic::new(
                            name.span,
                            format!("event type `{}` is malformed", name.value),
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
    let well_formed =
        names::is_type_name(name) && module.is_none_or(|module| names::is_snake_name(module));
    well_formed.then(|| NameRef {
        module: module.map(str::to_owned),
        name: name.to_owned(),
        span: text.span,
    })
}

/// Two or more lowercase words joined by dots: `treasury.financial_account.closed`.
fn is_event_type(name: &str) -> bool {
    let mut parts = 0;
    let parts_ok = name.split('.').all(|part| {
        parts += 1;
        part.starts_with(|c: char| c.is_ascii_lowercase())
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    });
    parts_ok && parts >= 2
}

#[cfg(test)]
mod tests {
    use super::is_event_type;

    #[test]
    fn event_types_are_dotted_lowercase_words() {
        assert!(is_event_type("financial_connections.account.refreshed_balance"));
        assert!(is_event_type("treasury.financial_account.closed"));
        assert!(is_event_type("v1.event2"));
        assert!(!is_event_type("created"));
        assert!(!is_event_type(""));
        assert!(!is_event_type("account..created"));
        assert!(!is_event_type("account.created."));
        assert!(!is_event_type("Account.created"));
        assert!(!is_event_type("account.refreshed-balance"));
        assert!(!is_event_type("account._created"));
        assert!(!is_event_type("account.1created"));
    }
}
