//! Bad input never panics: every node of the 2026 extract (in `tests/data/`, see its README) is
//! replaced in turn by values of the wrong kind, and the reader and the import must either
//! refuse the file with a problem naming a node, or import it into a spec the generator accepts.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use xtask::import::{self, Request};
use xtask::openapi::{self, ReadError};

const EXTRACT: &str = include_str!("data/spec3-extract-2026-07-29.json");

/// The JSON pointers of every node of `value`.
fn pointers(value: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_owned());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                pointers(child, &format!("{at}/{}", openapi::escape(key)), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                pointers(child, &format!("{at}/{index}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_node_replaced_by_the_wrong_kind_is_refused_or_imported_never_a_panic() {
    let original: Value = serde_json::from_str(EXTRACT).unwrap();
    let mut all = Vec::new();
    pointers(&original, "", &mut all);
    // Every 4th node of one operation and every 61st node elsewhere: enough to reach each kind
    // of node, few enough to stay fast.
    let chosen: Vec<&String> = all
        .iter()
        .enumerate()
        .filter(|(index, at)| {
            let operation = at.starts_with("/paths/~1v1~1treasury~1financial_accounts/post");
            (operation && index % 4 == 0) || index % 61 == 0
        })
        .map(|(_, at)| at)
        .collect();
    assert!(chosen.len() > 80, "{}", chosen.len());
    let replacements = [json!(null), json!("x"), json!([]), json!({})];
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    for at in chosen {
        for replacement in &replacements {
            let mut document = original.clone();
            if at.is_empty() {
                document = replacement.clone();
            } else if let Some(node) = document.pointer_mut(at) {
                *node = replacement.clone();
            }
            let document = match openapi::from_value("spec3.json", &document) {
                Ok(document) => document,
                Err(ReadError::Shape { problems, .. }) => {
                    assert!(!problems.is_empty(), "refused {at} without a problem");
                    *outcomes.entry("refused").or_default() += 1;
                    continue;
                }
                Err(other) => panic!("{at}: {other}"),
            };
            let request = Request {
                resources: Vec::new(),
                all: true,
                update: false,
            };
            match import::import(
                &document,
                &request,
                &codegen::Sources::default(),
                &BTreeMap::new(),
            ) {
                Ok(outcome) => {
                    let mut sources = codegen::Sources::default();
                    let api = outcome.writes.get("api.yaml").cloned().unwrap_or_default();
                    sources.add("spec/api.yaml".into(), "api.yaml".into(), api);
                    for (path, text) in &outcome.writes {
                        if path != "api.yaml" {
                            sources.add(format!("spec/{path}"), path.clone(), text.clone());
                        }
                    }
                    // Decoding and validation are what could refuse it; emitting is not needed.
                    let decoded = codegen::spec::decode::decode(&sources);
                    let mut errors = decoded.errors;
                    if let Some(spec) = &decoded.spec {
                        errors.extend(codegen::validate::validate(spec, &sources));
                    }
                    assert!(
                        errors.is_empty(),
                        "replacing {at} with {replacement}: the import wrote a spec the generator refuses: {errors:?}"
                    );
                    *outcomes.entry("imported").or_default() += 1;
                }
                Err(import::Failure::Refused(reasons)) => {
                    assert!(!reasons.is_empty());
                    *outcomes.entry("import refused").or_default() += 1;
                }
            }
        }
    }
    assert!(
        outcomes.get("refused").copied().unwrap_or(0) > 30,
        "{outcomes:?}"
    );
    assert!(
        outcomes.get("imported").copied().unwrap_or(0) > 30,
        "{outcomes:?}"
    );
}
