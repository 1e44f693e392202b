//! Turns the YAML description of Stripe resources in `spec/` into the Rust modules of the
//! `stripe-client` crate in `generated/`.
//!
//! The generator is a pipeline; each stage is a module that can be tested alone:
//!
//! 1. [`source`]: read the spec directory into memory, in a fixed order.
//! 2. [`yaml`]: parse each file into nodes that know their line and column.
//! 3. [`spec`]: decode the nodes into the spec's syntax, reporting unknown and missing keys.
//! 4. [`validate`]: check names, references and paths across the whole spec.
//! 5. [`lower`]: resolve the spec into the [`model`] the emitter needs.
//! 6. [`emit`]: build each output file as syn trees and syn/quote tokens.
//! 7. [`format`](mod@format): parse the tokens into syn trees and print them with prettyplease.
//! 8. [`write`](mod@write): write the files that changed, or check that none did.
//!
//! Stages 1 to 7 run in memory: nothing is written unless the whole spec is valid and every
//! file was generated.

pub mod diagnostics;
pub mod emit;
pub mod expand;
pub mod format;
pub mod lower;
pub mod model;
pub mod names;
pub mod paging;
pub mod parallel;
pub mod source;
pub mod spec;
pub mod suggest;
pub mod symbols;
#[cfg(test)]
mod test_support;
pub mod validate;
pub mod write;
pub mod yaml;

use std::fmt;
use std::io;
use std::path::Path;

use diagnostics::{Diagnostic, Diagnostics};
use emit::example::PublicPaths;
use emit::imports::Paths;
pub use format::OutputFile;
pub use source::Sources;

/// Where the generated code finds the runtime and itself: module paths, without generic
/// arguments. The defaults fit the `stripe-client` crate; tests compile generated code elsewhere.
#[derive(Clone, Debug)]
pub struct Options {
    /// In-crate path of the module holding the generated modules.
    pub root: String,
    /// In-crate path of the runtime's public items.
    pub runtime: String,
    /// The path users write for the generated modules, in doc examples.
    pub public_root: String,
    /// The path users write for the runtime, in doc examples.
    pub public_runtime: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            root: "crate".into(),
            runtime: "crate".into(),
            public_root: "stripe_client".into(),
            public_runtime: "stripe_client".into(),
        }
    }
}

/// Why generation failed.
#[derive(Debug)]
pub enum Error {
    /// The spec has mistakes; `rendered` shows each with its file, line and column.
    Spec {
        /// The errors, sorted by file and line.
        diagnostics: Vec<Diagnostic>,
        /// The errors as the user sees them.
        rendered: String,
    },
    /// Reading the spec or writing the output failed.
    Io(io::Error),
    /// A bug in the generator: the output it built is not valid Rust; or an option is not a
    /// module path (a path without generic arguments).
    Internal(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec { rendered, .. } => f.write_str(rendered),
            Error::Io(error) => write!(f, "error: {error}"),
            Error::Internal(message) => {
                write!(f, "internal error (a bug in the generator): {message}")
            }
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(error: io::Error) -> Self {
        Error::Io(error)
    }
}

/// Reads the spec in `spec_dir` (shown in messages as `display_root`) and generates every file.
pub fn generate_dir(
    spec_dir: &Path,
    display_root: &str,
    options: &Options,
) -> Result<Vec<OutputFile>, Error> {
    let sources = Sources::read_dir(spec_dir, display_root)?;
    generate(&sources, options)
}

/// Generates every file of the spec in `sources`, in memory.
pub fn generate(sources: &Sources, options: &Options) -> Result<Vec<OutputFile>, Error> {
    let decoded = spec::decode::decode(sources);
    let mut errors = decoded.errors;
    if let Some(spec) = &decoded.spec {
        errors.extend(validate::validate(spec, sources));
    }
    let spec = match decoded.spec {
        Some(spec) if errors.is_empty() => spec,
        _ => {
            let diagnostics = Diagnostics::new(sources, errors);
            let rendered = diagnostics.to_string();
            return Err(Error::Spec {
                diagnostics: diagnostics.list().to_vec(),
                rendered,
            });
        }
    };
    let model = lower::lower(&spec, sources);
    // Nothing after lowering reads the spec; freeing it lowers the peak memory on large specs.
    drop(spec);
    emit_and_format(&model, options)
}

/// Emits and formats every file, on every core: files are independent, and formatting
/// dominates the run time. Each thread formats a file as soon as it has emitted it, so it holds
/// one file's tokens at a time. The output is in a fixed order however the files were shared
/// out.
fn emit_and_format(model: &model::Model, options: &Options) -> Result<Vec<OutputFile>, Error> {
    let emitter = emit::Emitter::new(model);
    let targets = emitter.targets();
    // syn's paths are not `Send`: each thread parses its own.
    let files = parallel::map(
        &targets,
        || paths(options),
        |paths, &target| {
            let (paths, public) = paths
                .as_ref()
                .map_err(|error| Error::Internal(error.clone()))?;
            format::format(emitter.emit(target, paths, public)).map_err(Error::Internal)
        },
    );
    files.into_iter().collect()
}

fn paths(options: &Options) -> Result<(Paths, PublicPaths), String> {
    // Module paths: `use` items are built from their segments' names, which a generic
    // argument would not survive.
    let parse = |path: &str| {
        let parsed = syn::parse_str::<syn::Path>(path)
            .map_err(|error| format!("option `{path}` is not a path: {error}"))?;
        if parsed
            .segments
            .iter()
            .any(|segment| !segment.arguments.is_none())
        {
            return Err(format!(
                "option `{path}` is not a module path: it has generic arguments"
            ));
        }
        Ok(parsed)
    };
    let paths = Paths {
        root: parse(&options.root)?,
        runtime: parse(&options.runtime)?,
    };
    let public = PublicPaths {
        root: parse(&options.public_root)?,
        runtime: parse(&options.public_runtime)?,
    };
    Ok((paths, public))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_must_be_module_paths() {
        let with = |root: &str| Options {
            root: root.into(),
            ..Options::default()
        };
        assert!(paths(&with("::stripe_client::generated")).is_ok());
        let error = paths(&with("crate::a<T>")).err().unwrap_or_default();
        assert!(error.contains("has generic arguments"), "{error}");
        let error = paths(&with("not a path")).err().unwrap_or_default();
        assert!(error.contains("is not a path"), "{error}");
    }
}
