//! `cargo xtask codegen [--check] [--root <dir>]`: regenerate `generated/src/generated/` from
//! `spec/`. `cargo xtask import <spec3.json> <resource>...`: write spec/ YAML for resources of
//! Stripe's OpenAPI file. `cargo xtask audit <spec3.json | dir>`: compare `spec/` with it.
//!
//! Exit codes: 0 success (or, with `--check`, nothing stale); 1 the spec has errors, the import
//! was refused, or the audit found differences; 2 usage or I/O error; 3 `--check` found stale
//! generated files; 101 a bug (the same code a panic gives). Whenever the exit code is not 0,
//! nothing was written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use xtask::commands;
use xtask::import::Request;
use xtask::whole_api;

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--root <dir>]
       cargo xtask import <spec3.json> <resource>... [--all] [--update] [--fixtures <fixtures3.json>] [--root <dir>]
       cargo xtask audit <spec3.json | openapi-dir> [--root <dir>]
       cargo xtask whole-api <spec3.json> [--fixtures <fixtures3.json>] [--scratch <dir>]

codegen reads spec/ and writes the generated modules of the stripe-client crate into
generated/src/generated/, touching only files whose contents change. Nothing is
written unless the whole spec is valid and every file was generated.

  --check        change nothing; exit 3 and name each stale file if generated/ is out of date
  --root <dir>   operate on another checkout: read <dir>/spec and write
                 <dir>/generated/src/generated (default: the checkout the current
                 directory is in); spec paths in messages stay relative to <dir>

import writes spec/ YAML for the named resources of Stripe's OpenAPI file (their
x-resourceId, such as customer or treasury.financial_account): every nested type
they need and every endpoint that returns them. It lists what it left out and why.
Nothing is written unless the result is a spec the generator accepts.

  --all                 import every resource of the file
  --update              bring files that exist up to date, keeping hand edits; report
                        what the OpenAPI file no longer has instead of deleting it
  --fixtures <file>     read ID prefixes from example objects (fixtures3.json)

audit compares spec/ with Stripe's OpenAPI file (spec3.json, or a directory with an
extract in schemas.json and paths.json) and lists every difference in what spec/
models, with the spec file and line: fields, nullability, optionality, enum values,
endpoints, parameters. It exits 1 if there is any.

whole-api imports every resource of the OpenAPI file into a scratch checkout
(default target/whole-api), generates the crate, runs cargo check, cargo clippy
-D warnings, and decodes and re-encodes every example of fixtures3.json (default:
beside spec3.json). It takes minutes and changes nothing in this workspace; it
exits 1 if any step fails.

The output directory is locked for the run: a second codegen at once exits 2.
A run killed at any point leaves the old tree or the new one; the next run
cleans up after it.

exit codes: 0 success, 1 spec errors (or import refused, or audit differences,
            or a whole-api step failed), 2 usage or I/O error, 3 stale files
            (--check), 101 a bug in the generator";

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
    Import {
        openapi: PathBuf,
        request: Request,
        fixtures: Option<PathBuf>,
        root: Option<PathBuf>,
    },
    Audit {
        openapi: PathBuf,
        root: Option<PathBuf>,
    },
    WholeApi(whole_api::Options),
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
                None => match workspace_root() {
                    Ok(root) => (root, None),
                    Err(message) => return usage_error(&message),
                },
            };
            codegen(&root, label.as_deref(), check)
        }
        Ok(Command::Import {
            openapi,
            request,
            fixtures,
            root,
        }) => {
            let root = match root.map_or_else(workspace_root, Ok) {
                Ok(root) => root,
                Err(message) => return usage_error(&message),
            };
            commands::import(&root, &openapi, &request, fixtures.as_deref())
        }
        Ok(Command::Audit { openapi, root }) => {
            let root = match root.map_or_else(workspace_root, Ok) {
                Ok(root) => root,
                Err(message) => return usage_error(&message),
            };
            commands::audit(&root, &openapi)
        }
        Ok(Command::WholeApi(options)) => match workspace_root() {
            Ok(root) => whole_api::run(&root, &options),
            Err(message) => usage_error(&message),
        },
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(USAGE_OR_IO)
        }
    }
}

/// Which command, and the flags it takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verb {
    Codegen,
    Import,
    Audit,
    WholeApi,
}

impl Verb {
    fn flags(self) -> &'static [&'static str] {
        match self {
            Verb::Codegen => &["--check", "--root", "--help"],
            Verb::Import => &["--all", "--update", "--fixtures", "--root", "--help"],
            Verb::Audit => &["--root", "--help"],
            Verb::WholeApi => &["--fixtures", "--scratch", "--help"],
        }
    }
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let mut args = args.iter().map(String::as_str);
    let verb = match args.next() {
        Some("codegen") => Verb::Codegen,
        Some("import") => Verb::Import,
        Some("audit") => Verb::Audit,
        Some("whole-api") => Verb::WholeApi,
        Some("--help" | "-h" | "help") => return Ok(Command::Help),
        Some(other) => {
            return Err(format!(
                "unknown command `{other}`; expected `codegen`, `import`, `audit` or `whole-api`"
            ));
        }
        None => {
            return Err(
                "no command given; expected `codegen`, `import`, `audit` or `whole-api`".into(),
            );
        }
    };
    let mut positional: Vec<&str> = Vec::new();
    let mut check = false;
    let mut all = false;
    let mut update = false;
    let mut fixtures = None;
    let mut scratch = None;
    let mut root = None;
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value)),
            _ => (arg, None),
        };
        let known = verb.flags().contains(&flag);
        match flag {
            "--help" | "-h" => return Ok(Command::Help),
            "--check" if known && check => return Err("`--check` given twice".into()),
            "--check" if known => check = true,
            "--all" if known && all => return Err("`--all` given twice".into()),
            "--all" if known => all = true,
            "--update" if known && update => return Err("`--update` given twice".into()),
            "--update" if known => update = true,
            "--root" | "--fixtures" | "--scratch" if known => {
                let value = match inline {
                    Some(value) => value,
                    None => args
                        .next()
                        .ok_or(format!("`{flag}` needs a path: `{flag} <path>`"))?,
                };
                let slot = match flag {
                    "--root" => &mut root,
                    "--scratch" => &mut scratch,
                    _ => &mut fixtures,
                };
                set_path(slot, flag, value)?;
            }
            _ if !arg.starts_with('-') && verb != Verb::Codegen => positional.push(arg),
            _ => {
                return Err(
                    match codegen::suggest::closest(flag, verb.flags().iter().copied()) {
                        Some(closest) => {
                            format!("unknown argument `{arg}`; did you mean `{closest}`?")
                        }
                        None => format!("unknown argument `{arg}`"),
                    },
                );
            }
        }
    }
    let mut positional = positional.into_iter();
    match verb {
        Verb::WholeApi => {
            let openapi = positional
                .next()
                .ok_or("`whole-api` needs Stripe's OpenAPI file: `whole-api <spec3.json>`")?;
            if let Some(extra) = positional.next() {
                return Err(format!(
                    "unexpected argument `{extra}`; `whole-api` takes one OpenAPI file"
                ));
            }
            Ok(Command::WholeApi(whole_api::Options {
                openapi: PathBuf::from(openapi),
                fixtures,
                scratch,
            }))
        }
        Verb::Codegen => Ok(Command::Codegen { check, root }),
        Verb::Audit => {
            let openapi = positional
                .next()
                .ok_or("`audit` needs Stripe's OpenAPI file: `audit <spec3.json | openapi-dir>`")?;
            if let Some(extra) = positional.next() {
                return Err(format!(
                    "unexpected argument `{extra}`; `audit` takes one OpenAPI file"
                ));
            }
            Ok(Command::Audit {
                openapi: PathBuf::from(openapi),
                root,
            })
        }
        Verb::Import => {
            let openapi = positional.next().ok_or(
                "`import` needs Stripe's OpenAPI file and resources: `import <spec3.json> <resource>...`",
            )?;
            let resources: Vec<String> = positional.map(str::to_owned).collect();
            if resources.is_empty() && !all {
                return Err(
                    "`import` needs resources to import (such as `customer`), or `--all`".into(),
                );
            }
            if !resources.is_empty() && all {
                return Err(
                    "`--all` imports every resource: name resources or give `--all`, not both"
                        .into(),
                );
            }
            Ok(Command::Import {
                openapi: PathBuf::from(openapi),
                request: Request {
                    resources,
                    all,
                    update,
                },
                fixtures,
                root,
            })
        }
    }
}

fn set_path(slot: &mut Option<PathBuf>, flag: &str, value: &str) -> Result<(), String> {
    if slot.is_some() {
        return Err(format!("`{flag}` given twice"));
    }
    if value.is_empty() {
        return Err(format!("`{flag}` needs a path: `{flag} <path>`"));
    }
    *slot = Some(PathBuf::from(value));
    Ok(())
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(USAGE_OR_IO)
}

/// The checkout the command runs in: the nearest directory, from the current one up, with a
/// `Cargo.toml` declaring a `[workspace]` and a `spec/` directory beside it. Found at run time,
/// not where the binary was built: a shared target directory serves several checkouts.
fn workspace_root() -> Result<PathBuf, String> {
    let current = std::env::current_dir()
        .map_err(|error| format!("cannot read the current directory: {error}"))?;
    find_workspace(&current).ok_or_else(|| {
        format!(
            "found no checkout of stripe-codegen in {} or above it (a directory with a Cargo.toml declaring [workspace] and a spec/ directory); run inside a checkout, or pass `--root <dir>`",
            current.display()
        )
    })
}

fn find_workspace(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| {
            dir.join("spec").is_dir()
                && std::fs::read_to_string(dir.join("Cargo.toml"))
                    .is_ok_and(|manifest| manifest.lines().any(|line| line.trim() == "[workspace]"))
        })
        .map(Path::to_path_buf)
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
        assert!(parse(&["codegen", "--all"]).is_err());
        assert!(parse(&["import"]).is_err());
        assert!(parse(&["import", "spec3.json"]).is_err());
        assert!(parse(&["import", "spec3.json", "customer", "--all"]).is_err());
        assert!(parse(&["import", "spec3.json", "--all", "--all"]).is_err());
        assert!(parse(&["import", "spec3.json", "--fixtures"]).is_err());
        assert!(parse(&["import", "spec3.json", "customer", "--check"]).is_err());
        assert!(parse(&["audit"]).is_err());
        assert!(parse(&["audit", "a.json", "b.json"]).is_err());
    }

    #[test]
    fn parses_import_and_audit() {
        let expected = Command::Import {
            openapi: PathBuf::from("spec3.json"),
            request: Request {
                resources: vec!["customer".into(), "treasury.financial_account".into()],
                all: false,
                update: true,
            },
            fixtures: Some(PathBuf::from("fixtures3.json")),
            root: Some(PathBuf::from("/tmp/x")),
        };
        assert_eq!(
            parse(&[
                "import",
                "spec3.json",
                "customer",
                "--update",
                "--fixtures=fixtures3.json",
                "treasury.financial_account",
                "--root",
                "/tmp/x"
            ]),
            Ok(expected)
        );
        assert!(matches!(
            parse(&["import", "spec3.json", "--all"]),
            Ok(Command::Import {
                request: Request { all: true, .. },
                ..
            })
        ));
        assert_eq!(
            parse(&["audit", "spec3.json"]),
            Ok(Command::Audit {
                openapi: PathBuf::from("spec3.json"),
                root: None
            })
        );
    }
}
