//! `cargo xtask codegen [--check]`: regenerate `generated/src/generated/` from `spec/`.
//!
//! Exit codes: 0 success (or, with `--check`, nothing stale); 1 the spec has errors; 2 usage or
//! I/O error; 3 `--check` found stale generated files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask codegen [--check]

Reads spec/ and writes the generated modules of the stripe-client crate into
generated/src/generated/, touching only files whose contents change.

  --check   change nothing; exit 3 and name each stale file if generated/ is out of date

exit codes: 0 success, 1 spec errors, 2 usage or I/O error, 3 stale files (--check)";

const SPEC_ERRORS: u8 = 1;
const USAGE_OR_IO: u8 = 2;
const STALE: u8 = 3;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["codegen"] => false,
        ["codegen", "--check"] => true,
        ["--help" | "-h" | "help"] | ["codegen", "--help" | "-h"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(USAGE_OR_IO);
        }
    };
    codegen(&workspace_root(), check)
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn codegen(root: &Path, check: bool) -> ExitCode {
    let output_dir = root.join("generated/src/generated");
    let files =
        match codegen::generate_dir(&root.join("spec"), "spec", &codegen::Options::default()) {
            Ok(files) => files,
            Err(error) => {
                eprintln!("{error}");
                let code = if matches!(error, codegen::Error::Spec { .. }) {
                    SPEC_ERRORS
                } else {
                    USAGE_OR_IO
                };
                eprintln!("\ngenerated/ was not changed.");
                return ExitCode::from(code);
            }
        };
    let result = if check {
        codegen::write::changes(&output_dir, &files)
    } else {
        codegen::write::apply(&output_dir, &files)
    };
    let changes = match result {
        Ok(changes) => changes,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(USAGE_OR_IO);
        }
    };
    if check {
        if changes.is_empty() {
            return ExitCode::SUCCESS;
        }
        for change in &changes {
            eprintln!("generated/src/generated/{change}");
        }
        eprintln!(
            "\ngenerated/ is out of date with spec/: run `cargo xtask codegen` and commit the result."
        );
        return ExitCode::from(STALE);
    }
    if changes.is_empty() {
        println!("codegen: {} files up to date", files.len());
    } else {
        for change in &changes {
            let verb = match change {
                codegen::write::Change::Create(path) => format!("created {path}"),
                codegen::write::Change::Update(path) => format!("updated {path}"),
                codegen::write::Change::Delete(path) => format!("removed {path}"),
            };
            println!("codegen: {verb}");
        }
    }
    ExitCode::SUCCESS
}
