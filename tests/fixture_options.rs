// Shared by build.rs and the snapshot tests (with `include!`), so both generate the same code.

/// Generator options for the fixture `case`: compiled as `codegen_tests::fixtures::<case>`,
/// against the runtime of the `stripe-client` crate.
fn fixture_options(case: &str) -> codegen::Options {
    codegen::Options {
        root: format!("crate::fixtures::{case}"),
        runtime: "::stripe_client".into(),
        public_root: format!("codegen_tests::fixtures::{case}"),
        public_runtime: "stripe_client".into(),
    }
}
