//! Small specs for the unit tests of each stage.

use crate::diagnostics::Diagnostic;
use crate::model::{Item, Model};
use crate::source::Sources;
use crate::spec::ast::Spec;
use crate::spec::decode;

/// A spec of one module, `widgets`, whose one file holds `module_file`.
pub fn sources(module_file: &str) -> Sources {
    let mut sources = Sources::default();
    sources.add(
        "spec/api.yaml".into(),
        "api.yaml".into(),
        "api_version: 2026-07-29.dahlia\nmodules:\n  widgets:\n    description: Widgets.\n".into(),
    );
    sources.add(
        "spec/widgets/widget.yaml".into(),
        "widgets/widget.yaml".into(),
        module_file.into(),
    );
    sources
}

/// The decoded spec of `module_file`, which must decode cleanly.
pub fn decoded(sources: &Sources) -> Spec {
    let decoded = decode::decode(sources);
    assert!(decoded.errors.is_empty(), "{:?}", decoded.errors);
    decoded.spec.expect("api.yaml decodes")
}

/// The validation errors of `module_file`.
pub fn errors(module_file: &str) -> Vec<Diagnostic> {
    let sources = sources(module_file);
    crate::validate::validate(&decoded(&sources), &sources)
}

/// The model of `module_file`, which must be valid.
pub fn model(module_file: &str) -> Model {
    let sources = sources(module_file);
    let spec = decoded(&sources);
    let errors = crate::validate::validate(&spec, &sources);
    assert!(errors.is_empty(), "{errors:?}");
    crate::lower::lower(&spec, &sources)
}

/// The items of the model's one file.
pub fn items(model: &Model) -> &[Item] {
    &model.modules[0].files[0].items
}

/// Resources `Card` (`card_`) and `BankAccount` (`ba_`), each with an ID and a tag.
pub const CARD_AND_BANK_ACCOUNT: &str = "
resources:
  Card:
    object: card
    id_prefix: card_
    description: A card.
    fields:
      id: {type: id, description: Its ID.}
      object: {type: object_tag, description: Its tag.}
  BankAccount:
    object: bank_account
    id_prefix: ba_
    description: A bank account.
    fields:
      id: {type: id, description: Its ID.}
      object: {type: object_tag, description: Its tag.}
";

/// Every text of 1 to `longest` characters of `alphabet`, shortest first: for checking a
/// shortcut against what it stands for on every short input.
pub fn every_text(alphabet: &[char], longest: usize) -> Vec<String> {
    let mut all = Vec::new();
    let mut texts = vec![String::new()];
    for _ in 0..longest {
        texts = texts
            .iter()
            .flat_map(|text| alphabet.iter().map(move |c| format!("{text}{c}")))
            .collect();
        all.extend(texts.iter().cloned());
    }
    all
}
