//! `cargo xtask codegen [--check] [--root <dir>]`: regenerate `generated/src/generated/` from
//! `spec/`. `cargo xtask audit <openapi-dir>`: compare `spec/` with Stripe's OpenAPI spec.
//!
//! Exit codes: 0 success (or, with `--check`, nothing stale); 1 the spec has errors; 2 usage or
//! I/O error; 3 `--check` found stale generated files; 101 a bug in the generator (the same code
//! a panic gives). Whenever the exit code is not 0, the output directory is unchanged.

use xtask::audit;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--root <dir>]
       cargo xtask audit <openapi-dir> [--root <dir>]

Reads spec/ and writes the generated modules of the stripe-client crate into
generated/src/generated/, touching only files whose contents change. Nothing is
written unless the whole spec is valid and every file was generated.

  --check        change nothing; exit 3 and name each stale file if generated/ is out of date
  --root <dir>   operate on another checkout: read <dir>/spec and write
                 <dir>/generated/src/generated (default: this workspace); spec
                 paths in messages stay relative to <dir>

audit compares spec/ with an extract of Stripe's OpenAPI spec (schemas.json and
paths.json in <openapi-dir>) and lists every difference: fields, nullability,
optionality, enum values, endpoints, parameters. It exits 1 if there is any.

exit codes: 0 success, 1 spec errors (or audit differences), 2 usage or I/O error,
            3 stale files (--check), 101 a bug in the generator";

const SPEC_ERRORS: u8 = 1;
const USAGE_OR_IO: u8 = 2;
const STALE: u8 = 3;
const INTERNAL: u8 = 101;

/// The output directory, relative to the root.
const OUTPUT: &str = "generated/src/generated";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    Help,
    Codegen {
        check: bool,
        root: Option<PathBuf>,
    },
    Audit {
        openapi: PathBuf,
        root: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args) {
        Ok(Command::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Codegen { check, root }) => {
            let (root, label) = match root {
                Some(root) => {
                    let label = root.display().to_string();
                    let label = label.trim_end_matches(['/', '\\']).to_owned();
                    (root, Some(label))
                }
                None => (workspace_root(), None),
            };
            codegen(&root, label.as_deref(), check)
        }
        Ok(Command::Audit { openapi, root }) => {
            run_audit(&root.unwrap_or_else(workspace_root), &openapi)
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(USAGE_OR_IO)
        }
    }
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let mut args = args.iter().map(String::as_str);
    let audit = match args.next() {
        Some("codegen") => false,
        Some("audit") => true,
        Some("--help" | "-h" | "help") => return Ok(Command::Help),
        Some(other) => {
            return Err(format!(
                "unknown command `{other}`; expected `codegen` or `audit`"
            ));
        }
        None => return Err("no command given; expected `codegen` or `audit`".into()),
    };
    let mut openapi = None;
    let mut check = false;
    let mut root = None;
    while let Some(arg) = args.next() {
        match arg {
            "--help" | "-h" => return Ok(Command::Help),
            "--check" if check => return Err("`--check` given twice".into()),
            "--check" => check = true,
            "--root" => {
                let dir = args
                    .next()
                    .ok_or("`--root` needs a directory: `--root <dir>`")?;
                set_root(&mut root, dir)?;
            }
            _ if arg.starts_with("--root=") => set_root(&mut root, &arg["--root=".len()..])?,
            _ if audit && openapi.is_none() && !arg.starts_with('-') => {
                openapi = Some(PathBuf::from(arg));
            }
            _ => {
                let flag = arg.split_once('=').map_or(arg, |(flag, _)| flag);
                return Err(
                    match codegen::suggest::closest(flag, ["--check", "--root", "--help"]) {
                        Some(closest) => {
                            format!("unknown argument `{arg}`; did you mean `{closest}`?")
                        }
                        None => format!("unknown argument `{arg}`"),
                    },
                );
            }
        }
    }
    if audit {
        let openapi =
            openapi.ok_or("`audit` needs the OpenAPI directory: `audit <openapi-dir>`")?;
        if check {
            return Err("`--check` is for `codegen`".into());
        }
        return Ok(Command::Audit { openapi, root });
    }
    Ok(Command::Codegen { check, root })
}

fn set_root(root: &mut Option<PathBuf>, dir: &str) -> Result<(), String> {
    if root.is_some() {
        return Err("`--root` given twice".into());
    }
    if dir.is_empty() {
        return Err("`--root` needs a directory: `--root <dir>`".into());
    }
    *root = Some(PathBuf::from(dir));
    Ok(())
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Generates from `root/spec` into `root/generated/src/generated`. `label` is how the root is
/// shown in messages: nothing for this workspace (paths are shown relative to it).
fn codegen(root: &Path, label: Option<&str>, check: bool) -> ExitCode {
    let shown = |path: &str| match label {
        Some(label) => format!("{label}/{path}"),
        None => path.to_owned(),
    };
    let output_dir = root.join(OUTPUT);
    let options = codegen::Options::default();
    // Spec paths are shown relative to the root: they also appear in the header of every
    // generated file, which must not depend on where the checkout is.
    let files = match codegen::generate_dir(&root.join("spec"), "spec", &options) {
        Ok(files) => files,
        Err(error) => {
            eprintln!("{error}");
            let code = match error {
                codegen::Error::Spec { .. } => SPEC_ERRORS,
                codegen::Error::Io(_) => USAGE_OR_IO,
                codegen::Error::Internal(_) => INTERNAL,
            };
            eprintln!("\n{} was not changed.", shown(OUTPUT));
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
            eprintln!("\n{} was not changed.", shown(OUTPUT));
            return ExitCode::from(USAGE_OR_IO);
        }
    };
    if check {
        if changes.is_empty() {
            return ExitCode::SUCCESS;
        }
        for change in &changes {
            eprintln!("{}/{change}", shown(OUTPUT));
        }
        eprintln!(
            "\n{} is out of date with {}: run `cargo xtask codegen{}` and commit the result.",
            shown(OUTPUT),
            shown("spec"),
            label.map_or_else(String::new, |label| format!(" --root {label}"))
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

/// Lists the differences between `root/spec` and the OpenAPI extract in `openapi`.
fn run_audit(root: &Path, openapi: &Path) -> ExitCode {
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
        return ExitCode::from(SPEC_ERRORS);
    }
    let Some(spec) = codegen::spec::decode::decode(&sources).spec else {
        return ExitCode::from(INTERNAL);
    };
    match audit::audit(&spec, openapi) {
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(USAGE_OR_IO)
        }
        Ok(findings) if findings.is_empty() => {
            println!("audit: spec/ matches {}", openapi.display());
            ExitCode::SUCCESS
        }
        Ok(findings) => {
            for finding in &findings {
                println!("{finding}");
            }
            println!(
                "\naudit: {} differences from {}",
                findings.len(),
                openapi.display()
            );
            ExitCode::from(SPEC_ERRORS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(&args.iter().map(|arg| (*arg).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn parses_flags_in_any_order() {
        let expected = Command::Codegen {
            check: true,
            root: Some(PathBuf::from("/tmp/x")),
        };
        assert_eq!(
            parse(&["codegen", "--check", "--root", "/tmp/x"]),
            Ok(expected)
        );
        let expected = Command::Codegen {
            check: true,
            root: Some(PathBuf::from("/tmp/x")),
        };
        assert_eq!(
            parse(&["codegen", "--root=/tmp/x", "--check"]),
            Ok(expected)
        );
        let expected = Command::Codegen {
            check: false,
            root: None,
        };
        assert_eq!(parse(&["codegen"]), Ok(expected));
        assert_eq!(parse(&["codegen", "--help"]), Ok(Command::Help));
    }

    #[test]
    fn rejects_bad_usage() {
        assert!(parse(&[]).is_err());
        assert!(parse(&["generate"]).is_err());
        assert!(parse(&["codegen", "--root"]).is_err());
        assert!(parse(&["codegen", "--root="]).is_err());
        assert!(parse(&["codegen", "--root", "a", "--root", "b"]).is_err());
        assert!(parse(&["codegen", "--check", "--check"]).is_err());
        assert!(parse(&["codegen", "--chek"]).is_err());
    }
}
