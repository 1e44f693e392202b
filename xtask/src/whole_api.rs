//! `cargo xtask whole-api <spec3.json> [--fixtures <fixtures3.json>] [--scratch <dir>]`: the
//! whole-API check. In a scratch checkout it imports every resource of Stripe's OpenAPI file,
//! generates the crate, and runs `cargo check`, `cargo clippy -- -D warnings` and a test that
//! decodes every example object of `fixtures3.json` with the generated models and encodes it back
//! to the same JSON. Too slow for `cargo test` (minutes, most of it compiling); nothing in this
//! workspace is changed.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use crate::commands;
use crate::import::{self, Request, schemas};
use crate::openapi;

/// The test program written into the scratch crate; `fixture_types.rs` goes beside it.
const ROUND_TRIP: &str = include_str!("../whole-api/fixtures_round_trip.rs");

/// What to check, and where.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    /// Stripe's OpenAPI file.
    pub openapi: PathBuf,
    /// Its fixtures (default: `fixtures3.json` beside it).
    pub fixtures: Option<PathBuf>,
    /// The scratch checkout (default: `target/whole-api` of this workspace). Its `spec/` and
    /// crate are replaced; its `target/` is kept, so a second run builds incrementally.
    pub scratch: Option<PathBuf>,
}

/// Runs the check from the workspace at `workspace`.
pub fn run(workspace: &Path, options: &Options) -> ExitCode {
    match check(workspace, options) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(commands::REFUSED),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(commands::USAGE_OR_IO)
        }
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |error| format!("{}: {error}", path.display())
}

fn check(workspace: &Path, options: &Options) -> Result<bool, String> {
    let fixtures = match &options.fixtures {
        Some(path) => path.clone(),
        None => options.openapi.with_file_name("fixtures3.json"),
    };
    let scratch = options
        .scratch
        .clone()
        .unwrap_or_else(|| workspace.join("target/whole-api"));
    let started = Instant::now();
    let document = openapi::read(&options.openapi).map_err(|error| error.to_string())?;
    let fixtures_text = fs::read_to_string(&fixtures).map_err(io(&fixtures))?;
    let fixtures_json: serde_json::Value = serde_json::from_str(&fixtures_text)
        .map_err(|error| format!("{}: not JSON: {error}", fixtures.display()))?;
    let prefixes = import::fixture_prefixes(&fixtures_json)
        .map_err(|message| format!("{}: {message}", fixtures.display()))?;

    prepare(workspace, &scratch)?;
    let request = Request {
        resources: Vec::new(),
        all: true,
        update: false,
    };
    let outcome = import::import(&document, &request, &codegen::Sources::default(), &prefixes)
        .map_err(|import::Failure::Refused(reasons)| reasons.join("\n"))?;
    commands::write_all(&scratch.join("spec"), &outcome.writes)?;
    let import_time = started.elapsed();
    let mut report: String = outcome
        .notes
        .iter()
        .map(|note| format!("{}: {}\n", note.what, note.reason))
        .collect();
    for prefix in &outcome.unknown_prefixes {
        report.push_str(&format!(
            "`{prefix}`: no fixture shows an ID of it; written without `id_prefix`\n"
        ));
    }
    fs::write(scratch.join("import-report.txt"), &report).map_err(io(&scratch))?;
    println!(
        "whole-api: imported {} of {} operations and {} of {} schemas in {:.2} s; {} left out or changed and {} without a known ID prefix, with reasons, in {}",
        outcome.modelled_operations,
        outcome.total_operations,
        outcome.modelled_schemas,
        outcome.total_schemas,
        import_time.as_secs_f64(),
        outcome.notes.len(),
        outcome.unknown_prefixes.len(),
        scratch.join("import-report.txt").display()
    );

    let started = Instant::now();
    let files =
        match codegen::generate_dir(&scratch.join("spec"), "spec", &codegen::Options::default()) {
            Ok(files) => files,
            Err(error) => {
                eprintln!("{error}");
                println!("whole-api: FAILED: the generator refuses the imported spec");
                return Ok(false);
            }
        };
    let generate_time = started.elapsed();
    let output = scratch.join("generated/src/generated");
    codegen::write::apply(&output, &files).map_err(|error| error.to_string())?;
    let lines: usize = files.iter().map(|file| file.contents.lines().count()).sum();
    println!(
        "whole-api: generated {} files, {lines} lines, in {:.2} s",
        files.len(),
        generate_time.as_secs_f64()
    );

    let (table, untyped) = fixture_types(&document, &outcome.types, &fixtures_json);
    let tests = scratch.join("generated/tests");
    fs::create_dir_all(&tests).map_err(io(&tests))?;
    fs::write(tests.join("fixtures_round_trip.rs"), ROUND_TRIP).map_err(io(&tests))?;
    fs::write(tests.join("fixture_types.rs"), table).map_err(io(&tests))?;
    fs::write(tests.join("fixtures3.json"), &fixtures_text).map_err(io(&tests))?;
    for fixture in &untyped {
        println!("whole-api: fixture `{fixture}` has no imported type");
    }

    let mut passed = untyped.is_empty();
    for (what, args) in [
        (
            "cargo check",
            &["check", "-p", "stripe-client", "--lib"][..],
        ),
        (
            "cargo clippy -D warnings",
            &[
                "clippy",
                "-p",
                "stripe-client",
                "--lib",
                "--test",
                "fixtures_round_trip",
                "--",
                "-D",
                "warnings",
            ][..],
        ),
        (
            "fixtures round trip",
            &[
                "test",
                "-p",
                "stripe-client",
                "--test",
                "fixtures_round_trip",
            ][..],
        ),
    ] {
        let started = Instant::now();
        let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .args(args)
            .current_dir(&scratch)
            .env("CARGO_TARGET_DIR", scratch.join("target"))
            .status()
            .map_err(|error| format!("cannot run cargo: {error}"))?;
        let verdict = if status.success() { "passed" } else { "FAILED" };
        println!(
            "whole-api: {what} {verdict} in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        passed &= status.success();
        if !status.success() {
            break;
        }
    }
    println!(
        "whole-api: {} ({})",
        if passed { "passed" } else { "FAILED" },
        scratch.display()
    );
    Ok(passed)
}

/// A scratch checkout: a workspace whose only member is a copy of the `stripe-client` crate
/// without its generated modules, tests, examples and benchmarks (which are about the shipped
/// spec), and without `spec/`.
fn prepare(workspace: &Path, scratch: &Path) -> Result<(), String> {
    for stale in ["spec", "generated"] {
        let path = scratch.join(stale);
        if path.exists() {
            fs::remove_dir_all(&path).map_err(io(&path))?;
        }
    }
    let crate_dir = scratch.join("generated");
    fs::create_dir_all(crate_dir.join("src/generated")).map_err(io(&crate_dir))?;
    let manifest = fs::read_to_string(workspace.join("Cargo.toml")).map_err(io(workspace))?;
    let members = manifest
        .lines()
        .find(|line| line.starts_with("members = "))
        .ok_or("the workspace Cargo.toml has no `members = ` line")?;
    fs::write(
        scratch.join("Cargo.toml"),
        workspace_manifest(&manifest.replacen(members, "members = [\"generated\"]", 1)),
    )
    .map_err(io(scratch))?;
    let lock = workspace.join("Cargo.lock");
    fs::copy(&lock, scratch.join("Cargo.lock")).map_err(io(&lock))?;
    let crate_manifest =
        fs::read_to_string(workspace.join("generated/Cargo.toml")).map_err(io(workspace))?;
    fs::write(
        crate_dir.join("Cargo.toml"),
        library_manifest(&crate_manifest),
    )
    .map_err(io(&crate_dir))?;
    let source = workspace.join("generated/src");
    fs::copy(source.join("lib.rs"), crate_dir.join("src/lib.rs")).map_err(io(&source))?;
    copy_dir(&source.join("runtime"), &crate_dir.join("src/runtime"))
}

/// The crate's manifest without its tests, examples, benchmarks and development dependencies,
/// which are about the shipped spec and are not copied.
fn library_manifest(manifest: &str) -> String {
    without_sections(manifest, |header| {
        matches!(
            header,
            "[[bench]]" | "[[test]]" | "[[example]]" | "[dev-dependencies]"
        )
    })
}

/// The workspace's manifest without its profiles, so that the whole-API crate builds as it
/// would in an application's workspace (cargo's default dev profile), as its peer does.
fn workspace_manifest(manifest: &str) -> String {
    without_sections(manifest, |header| header.starts_with("[profile"))
}

/// `manifest` without the sections whose header line `drop` picks.
fn without_sections(manifest: &str, drop: impl Fn(&str) -> bool) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in manifest.lines() {
        if line.starts_with('[') {
            skipping = drop(line);
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(io(to))?;
    for entry in fs::read_dir(from).map_err(io(from))? {
        let entry = entry.map_err(io(from))?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).map_err(io(&target))?;
        }
    }
    Ok(())
}

/// The `"<fixture>" => <type>, [<undocumented keys>],` lines of the round-trip test, and the
/// fixtures without a type. A fixture is named after its schema; a schema imported only as the
/// variants of a union (`payment_source`) is checked as the type of its `object`. The keys of an
/// example that its schema does not document (JSON pointers) are left out of the comparison, and
/// the test lists them.
fn fixture_types(
    document: &openapi::Document,
    types: &BTreeMap<String, import::ir::TypeKey>,
    fixtures: &serde_json::Value,
) -> (String, Vec<String>) {
    let mut table = String::from("round_trips! {\n");
    let mut untyped = Vec::new();
    let Some(resources) = fixtures
        .get("resources")
        .and_then(serde_json::Value::as_object)
    else {
        return (table + "}\n", untyped);
    };
    for (name, example) in resources {
        let by_tag = || {
            let tag = example.get("object")?.as_str()?;
            let deleted = example.get("deleted") == Some(&serde_json::Value::Bool(true));
            if deleted {
                document.schemas.keys().find(|candidate| {
                    schemas::object_of(document, candidate).is_some_and(|object| {
                        schemas::is_deleted_form(object) && schemas::object_tag(object) == Some(tag)
                    })
                })
            } else {
                schemas::schema_for_tag(document, tag)
                    .and_then(|name| document.schemas.get_key_value(name))
                    .map(|(name, _)| name)
            }
        };
        let schema = Some(name)
            .filter(|name| types.contains_key(name.as_str()))
            .or_else(|| by_tag().filter(|schema| types.contains_key(schema.as_str())));
        let Some(schema) = schema else {
            untyped.push(name.clone());
            continue;
        };
        let key = &types[schema.as_str()];
        let undocumented = match schemas::undocumented_keys(
            document,
            &document.schemas[schema],
            example,
            "",
        ) {
            Some(keys) => keys,
            None => {
                // The round trip then shows where it differs.
                println!(
                    "whole-api: fixture `{name}` does not have the shape of its schema `{schema}`"
                );
                Vec::new()
            }
        };
        table.push_str(&format!(
            "    {:?} => stripe_client::{}::{}, {:?},\n",
            name, key.module, key.name, undocumented
        ));
    }
    table.push_str("}\n");
    (table, untyped)
}

#[cfg(test)]
mod tests {
    use super::{library_manifest, workspace_manifest};

    #[test]
    fn the_scratch_workspace_builds_with_the_default_profile() {
        let manifest = "[workspace]\nmembers = [\"generated\"]\n\n[profile.dev]\ndebug = 0\n\n\
                        [profile.dev.package.\"*\"]\ndebug = false\n\n[workspace.lints.rust]\n\
                        unsafe_code = \"forbid\"\n";
        assert_eq!(
            workspace_manifest(manifest),
            "[workspace]\nmembers = [\"generated\"]\n\n[workspace.lints.rust]\nunsafe_code = \"forbid\"\n"
        );
    }

    #[test]
    fn the_scratch_crate_keeps_only_the_library() {
        let manifest = "[package]\nname = \"stripe-client\"\n\n[dependencies]\nserde = \"1\"\n\n\
                        [dev-dependencies]\ntokio = \"1\"\n\n[[test]]\nname = \"tracing\"\n\
                        required-features = [\"tracing\"]\n\n[[example]]\nname = \"quick\"\n\n\
                        [[bench]]\nname = \"decode\"\nharness = false\n\n[lints]\nworkspace = true\n";
        assert_eq!(
            library_manifest(manifest),
            "[package]\nname = \"stripe-client\"\n\n[dependencies]\nserde = \"1\"\n\n\
             [lints]\nworkspace = true\n"
        );
    }
}
