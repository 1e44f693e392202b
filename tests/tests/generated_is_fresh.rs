//! `cargo test` fails when the committed `generated/` no longer matches `spec/`, naming each
//! stale file, the same check as `cargo xtask codegen --check`.

use std::path::Path;

#[test]
fn generated_matches_spec() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is in the workspace");
    let files = codegen::generate_dir(&root.join("spec"), "spec", &codegen::Options::default())
        .unwrap_or_else(|error| panic!("spec/ does not generate:\n{error}"));
    let changes = codegen::write::changes(&root.join("generated/src/generated"), &files)
        .expect("read generated/");
    let stale: Vec<String> = changes
        .iter()
        .map(|change| format!("  generated/src/generated/{change}"))
        .collect();
    assert!(
        stale.is_empty(),
        "generated/ is out of date with spec/:\n{}\nrun `cargo xtask codegen`",
        stale.join("\n")
    );
}
