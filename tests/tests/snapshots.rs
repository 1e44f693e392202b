//! Snapshots of the generator's output for the small fixture specs in `tests/fixtures/`, one
//! per construct. The same output is compiled into this crate by `build.rs`, so a snapshot
//! never holds code that does not build. Review changes with `cargo insta review`.

use std::path::Path;

include!("../fixture_options.rs");

/// Every generated file of fixture `case`, each under a line naming it.
fn generate(case: &str) -> String {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(case)
        .join("spec");
    let files = codegen::generate_dir(
        &spec,
        &format!("fixtures/{case}/spec"),
        &fixture_options(case),
    )
    .unwrap_or_else(|error| panic!("fixture `{case}` does not generate:\n{error}"));
    files
        .iter()
        .map(|file| format!("// ===== {} =====\n{}", file.path, file.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

macro_rules! snapshots {
    ($($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                insta::assert_snapshot!(stringify!($case), generate(stringify!($case)));
            }
        )*

        const CASES: &[&str] = &[$(stringify!($case)),*];
    };
}

snapshots!(
    arrays,
    cross_module,
    deletes,
    descriptions,
    endpoints,
    enums,
    examples,
    expand_collisions,
    expandable,
    inline,
    keywords,
    maps,
    module_files,
    nested_objects,
    nullable,
    nullable_optional,
    one_of,
    optional,
    paging,
    requires_expand,
    search,
    unions,
    webhook_events,
);

#[test]
fn every_fixture_has_a_snapshot_test() {
    assert_eq!(
        codegen_tests::case_dirs("fixtures"),
        CASES,
        "add each fixture directory to the snapshots! list"
    );
}

#[test]
fn generation_is_deterministic() {
    for case in CASES {
        assert_eq!(
            generate(case),
            generate(case),
            "{case} differs between two runs"
        );
    }
}
