//! The `import` and `audit` commands: reading their inputs, printing their results, writing
//! files, and the exit code. The work itself is in [`crate::import`] and [`crate::audit`].

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::audit;
use crate::import::{self, Failure, Request};
use crate::openapi;

/// Exit code: the import was refused, or the audit found differences.
pub const REFUSED: u8 = 1;
/// Exit code: bad usage, an unreadable file, or an OpenAPI file of the wrong shape.
pub const USAGE_OR_IO: u8 = 2;
/// Exit code: a bug (the importer wrote a spec the generator refuses).
pub const INTERNAL: u8 = 101;

/// Reads the spec in `root/spec`, or an empty one when there is none yet.
fn read_spec(root: &Path) -> Result<codegen::Sources, String> {
    let dir = root.join("spec");
    if !dir.join("api.yaml").exists() {
        return Ok(codegen::Sources::default());
    }
    codegen::Sources::read_dir(&dir, "spec").map_err(|error| error.to_string())
}

/// `cargo xtask import`.
pub fn import(
    root: &Path,
    openapi_path: &Path,
    request: &Request,
    fixtures: Option<&Path>,
) -> ExitCode {
    let document = match openapi::read(openapi_path) {
        Ok(document) => document,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(USAGE_OR_IO);
        }
    };
    let prefixes = match fixtures.map(read_fixtures).transpose() {
        Ok(prefixes) => prefixes.unwrap_or_default(),
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(USAGE_OR_IO);
        }
    };
    let sources = match read_spec(root) {
        Ok(sources) => sources,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(USAGE_OR_IO);
        }
    };
    // Import into a spec the generator accepts: its own mistakes come first.
    if sources.iter().next().is_some()
        && let Err(error) = codegen::generate(&sources, &codegen::Options::default())
    {
        eprintln!("{error}");
        eprintln!(
            "\nthe spec in {} has errors; fix them before importing",
            root.join("spec").display()
        );
        return ExitCode::from(REFUSED);
    }
    let outcome = match import::import(&document, request, &sources, &prefixes) {
        Ok(outcome) => outcome,
        Err(Failure::Refused(reasons)) => {
            for reason in reasons {
                eprintln!("error: {reason}");
            }
            eprintln!("\nnothing was written.");
            return ExitCode::from(REFUSED);
        }
    };
    // The result must be a spec the generator accepts, or nothing is written.
    let combined = combine(&sources, &outcome.writes);
    if let Err(error) = codegen::generate(&combined, &codegen::Options::default()) {
        eprintln!("{error}");
        eprintln!(
            "\ninternal error (a bug in the importer): the imported spec is not valid; nothing was written."
        );
        return ExitCode::from(INTERNAL);
    }
    if let Err(message) = write_all(&root.join("spec"), &outcome.writes) {
        eprintln!("error: {message}\n\nnothing was written.");
        return ExitCode::from(USAGE_OR_IO);
    }
    for path in outcome.writes.keys() {
        println!("import: wrote spec/{path}");
    }
    for change in &outcome.changes {
        println!("import: {change}");
    }
    for prefix in &outcome.unknown_prefixes {
        println!(
            "import: no fixture shows an ID of `{prefix}`: written without `id_prefix`, so its ID type has no `PREFIX`; add it by hand if you know it"
        );
    }
    println!(
        "import: {} operations and {} schemas imported; spec/ models {} of the file's {} operations and {} of its {} schemas{}",
        outcome.operations,
        outcome.schemas,
        outcome.modelled_operations,
        outcome.total_operations,
        outcome.modelled_schemas,
        outcome.total_schemas,
        if outcome.notes.is_empty() {
            String::new()
        } else {
            format!("; {} left out or changed:", outcome.notes.len())
        }
    );
    for note in &outcome.notes {
        println!("  {}: {}", note.what, note.reason);
    }
    if outcome.writes.is_empty() {
        println!("import: spec/ is up to date");
    }
    ExitCode::SUCCESS
}

fn read_fixtures(path: &Path) -> Result<BTreeMap<String, String>, String> {
    let text = fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|error| {
        format!(
            "{}:{}:{}: not JSON: {error}",
            path.display(),
            error.line(),
            error.column()
        )
    })?;
    import::fixture_prefixes(&value).map_err(|message| format!("{}: {message}", path.display()))
}

/// The spec in `sources` with `writes` applied.
fn combine(sources: &codegen::Sources, writes: &BTreeMap<String, String>) -> codegen::Sources {
    let mut texts: BTreeMap<String, String> = sources
        .iter()
        .map(|(_, file)| (file.relative.clone(), file.text.clone()))
        .collect();
    for (path, text) in writes {
        texts.insert(path.clone(), text.clone());
    }
    let mut combined = codegen::Sources::default();
    // `api.yaml` first, then module files in path order, as `Sources::read_dir` reads them.
    let api = texts.remove("api.yaml").unwrap_or_default();
    combined.add("spec/api.yaml".into(), "api.yaml".into(), api);
    for (path, text) in texts {
        combined.add(format!("spec/{path}"), path, text);
    }
    combined
}

/// Writes every file or none: each goes to a temporary file beside it first, and only when all
/// were written are they renamed into place.
pub fn write_all(dir: &Path, writes: &BTreeMap<String, String>) -> Result<(), String> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut created_dirs: Vec<PathBuf> = Vec::new();
    let result = (|| {
        for (relative, text) in writes {
            let target = dir.join(relative);
            if let Some(parent) = target.parent() {
                let mut missing = Vec::new();
                let mut current = parent;
                while !current.exists() {
                    missing.push(current.to_path_buf());
                    match current.parent() {
                        Some(next) => current = next,
                        None => break,
                    }
                }
                fs::create_dir_all(parent)
                    .map_err(|error| format!("{}: {error}", parent.display()))?;
                created_dirs.extend(missing.into_iter().rev());
            }
            let temporary = target.with_extension("yaml.import-tmp");
            fs::write(&temporary, text)
                .map_err(|error| format!("{}: {error}", temporary.display()))?;
            staged.push((temporary, target));
        }
        Ok(())
    })();
    if let Err(message) = result {
        for (temporary, _) in &staged {
            let _ = fs::remove_file(temporary);
        }
        for dir in created_dirs.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
        return Err(message);
    }
    for (temporary, target) in &staged {
        fs::rename(temporary, target).map_err(|error| format!("{}: {error}", target.display()))?;
    }
    Ok(())
}

/// `cargo xtask audit`: the differences between `root/spec` and Stripe's OpenAPI file (or an
/// extract directory) in `openapi_path`.
pub fn audit(root: &Path, openapi_path: &Path) -> ExitCode {
    let spec_dir = root.join("spec");
    let sources = match codegen::Sources::read_dir(&spec_dir, "spec") {
        Ok(sources) => sources,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(USAGE_OR_IO);
        }
    };
    // Audit only a spec the generator accepts: its mistakes come first.
    if let Err(error) = codegen::generate(&sources, &codegen::Options::default()) {
        eprintln!("{error}");
        return ExitCode::from(REFUSED);
    }
    let Some(spec) = codegen::spec::decode::decode(&sources).spec else {
        return ExitCode::from(INTERNAL);
    };
    let document = match audit::read_openapi(openapi_path) {
        Ok(document) => document,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(USAGE_OR_IO);
        }
    };
    let findings = audit::audit(&spec, &document);
    if findings.is_empty() {
        println!("audit: spec/ matches {}", openapi_path.display());
        return ExitCode::SUCCESS;
    }
    for line in audit::render(&findings, &sources) {
        println!("{line}");
    }
    println!(
        "\naudit: {} differences from {}",
        findings.len(),
        openapi_path.display()
    );
    ExitCode::from(REFUSED)
}
