//! The errors the generator reports for bad specs, exactly as a user sees them.
//!
//! Each directory of `tests/errors/` is a small complete spec (`api.yaml` and module files) with
//! one mistake, described by the comment at the top of its module file; `several_mistakes` has
//! many. Every case has a snapshot of the rendered errors in `tests/snapshots/`, with paths
//! shown as `spec/...` as `cargo xtask codegen` shows them. Review changes with
//! `cargo insta review`.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::diagnostics::Diagnostic;

fn case_dir(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("errors")
        .join(case)
}

/// The errors of `case`, as a list and as rendered.
fn errors(case: &str) -> (Vec<Diagnostic>, String) {
    match codegen::generate_dir(&case_dir(case), "spec", &codegen::Options::default()) {
        Err(codegen::Error::Spec {
            diagnostics,
            rendered,
        }) => (diagnostics, rendered),
        Ok(_) => panic!("`tests/errors/{case}` generated without errors"),
        Err(error) => {
            panic!("`tests/errors/{case}` failed with something other than spec errors: {error}")
        }
    }
}

macro_rules! cases {
    ($($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                let (diagnostics, rendered) = errors(stringify!($case));
                assert!(!diagnostics.is_empty());
                insta::assert_snapshot!(stringify!($case), rendered);
            }
        )*

        const CASES: &[&str] = &[$(stringify!($case)),*];
    };
}

cases!(
    bad_api_version,
    boxed_not_an_object,
    capitalised_builtin_type,
    construct_out_of_place,
    control_characters,
    derived_names_collide,
    duplicate_endpoint,
    duplicate_endpoint_across_files,
    duplicate_enum_value,
    duplicate_event,
    duplicate_field,
    duplicate_parameter,
    duplicate_resource,
    duplicate_type_across_files,
    duplicate_type_name,
    empty_field,
    enum_values_collide,
    event_object_is_api_name,
    event_object_not_a_resource,
    event_object_undefined,
    event_type_malformed,
    event_variants_collide,
    exclusive_object_mistakes,
    expand_path_not_a_variant,
    expand_variants_collide,
    fields_collide,
    file_names_collide,
    inline_definition_mistakes,
    invalid_endpoint_name,
    invalid_enum_value,
    invalid_field_name,
    invalid_type_name,
    long_line,
    malformed_id_prefix,
    malformed_type,
    method_and_path_mistakes,
    missing_key,
    module_name_reserved,
    module_not_declared,
    non_empty_optional_list,
    not_utf8,
    one_of_variants_alike,
    parameter_declared_twice,
    params_from_mismatch,
    params_struct_collides,
    path_parameter_named_client,
    path_parameter_named_path_segment,
    path_placeholder_mismatch,
    path_segments_that_move_the_request,
    path_unbalanced_brace,
    recursive_object,
    recursive_one_of,
    reserved_endpoint_name,
    reserved_type_name,
    reserved_variant_name,
    response_object_as_parameter,
    several_mistakes,
    subdirectory_in_module,
    too_many_expand_paths,
    type_in_another_module,
    undefined_module,
    undefined_resource,
    undefined_type,
    union_of_one_variant,
    union_variant_without_object,
    union_variants_share_object,
    unknown_key,
    unknown_section,
    unknown_type,
    unknown_type_argument,
    unreadable_api_hides_nothing,
    unreadable_files_hide_nothing,
    wrong_flag_value,
    yaml_alias,
    yaml_lone_anchor,
    yaml_str_tag_is_a_string,
    yaml_syntax_error,
    yaml_unclosed_quote,
    yaml_unknown_tag,
);

#[test]
fn every_error_case_has_a_snapshot_test() {
    assert_eq!(
        codegen_tests::case_dirs("errors"),
        CASES,
        "add each directory of tests/errors/ to the cases! list"
    );
}

/// The corpus only shows its mistakes if the spec around them is valid: every case must have a
/// module file whose first line says what is wrong.
#[test]
fn every_error_case_says_what_its_mistake_is() {
    for case in CASES {
        let described = fs::read_dir(case_dir(case))
            .unwrap()
            .flatten()
            .any(|module| {
                module.path().is_dir()
                    && fs::read_dir(module.path()).unwrap().flatten().any(|file| {
                        fs::read(file.path()).is_ok_and(|text| text.starts_with(b"# Mistake"))
                    })
            });
        assert!(
            described,
            "no module file of tests/errors/{case} starts with `# Mistake`"
        );
    }
}

/// Every mistake of a run is reported, not only the first, sorted by file, then line, then column.
#[test]
fn all_errors_are_reported_together_and_sorted() {
    let (diagnostics, rendered) = errors("several_mistakes");
    let sources =
        codegen::Sources::read_dir(&case_dir("several_mistakes"), "spec").expect("read the case");
    let positions: Vec<(String, usize, usize)> = diagnostics
        .iter()
        .map(|d| {
            (
                sources.file(d.span.file).display.clone(),
                d.span.line,
                d.span.col,
            )
        })
        .collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted, "errors are not sorted by file and line");

    // One mistake in api.yaml, five in widget.yaml (the placeholder mismatch is two), two in
    // gadget.yaml: all of them, from stages as different as decoding keys and checking paths.
    let expected = [
        ("spec/api.yaml", "is not a Stripe API version"),
        ("spec/widgets/gadget.yaml", "duplicate key `small`"),
        ("spec/widgets/gadget.yaml", "unknown key `rust_nme`"),
        ("spec/widgets/widget.yaml", "ID prefix `wid` is malformed"),
        ("spec/widgets/widget.yaml", "unknown key `nulable`"),
        ("spec/widgets/widget.yaml", "undefined type `WidgetColour`"),
        (
            "spec/widgets/widget.yaml",
            "placeholder `{widget_id}` has no matching entry",
        ),
        (
            "spec/widgets/widget.yaml",
            "path parameter `widget` does not appear in the path",
        ),
    ];
    assert_eq!(diagnostics.len(), expected.len(), "{rendered}");
    for (file, message) in expected {
        assert!(
            diagnostics
                .iter()
                .zip(&positions)
                .any(|(d, (f, ..))| f == file && d.message.contains(message)),
            "missing `{message}` in {file}:\n{rendered}"
        );
    }
    assert!(
        rendered.ends_with(&format!("{} errors in spec", expected.len())),
        "{rendered}"
    );
}
