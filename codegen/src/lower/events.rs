//! The `events:` of every spec file, lowered to the variants of `EventData`.

use crate::model::{EventType, TypePath};
use crate::names;
use crate::source::Sources;
use crate::spec::ast::{NameRef, Spec};
use crate::symbols::Symbols;

/// Every event type of `spec`, in spec order. Validation has checked that each names a resource
/// and becomes a distinct variant.
pub fn lower(spec: &Spec, symbols: &Symbols<'_>, sources: &Sources) -> Vec<EventType> {
    let mut events = Vec::new();
    for file in &spec.files {
        for event in &file.events {
            let written = &event.object.value;
            let (module, name) = written
                .split_once("::")
                .map_or((None, written.as_str()), |(module, name)| {
                    (Some(module.to_owned()), name)
                });
            let reference = NameRef {
                module,
                name: name.to_owned(),
                span: event.object.span,
            };
            let module = symbols
                .resolve(&file.module, &reference)
                .map_or(file.module.as_str(), |symbol| symbol.module);
            events.push(EventType {
                wire: event.name.value.clone(),
                variant: names::variant_name(&event.name.value).unwrap_or_default(),
                doc: event.description.value.clone(),
                object: TypePath {
                    module: module.to_owned(),
                    name: reference.name,
                },
                source: sources.file(file.file).display.clone(),
            });
        }
    }
    events
}
