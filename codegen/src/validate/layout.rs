//! api.yaml, the module directories and the file names.

use std::collections::{BTreeMap, BTreeSet};

use super::{Validator, file_start};
use crate::diagnostics::Diagnostic;
use crate::names;
use crate::spec::ast::{ModuleFile, Spec};
use crate::suggest;

impl<'s> Validator<'_, 's> {
    pub(super) fn api(&mut self, spec: &Spec) {
        if spec.unreadable.api {
            // Its version and modules are unknown; its error is reported.
            return;
        }
        let version = &spec.api.api_version;
        if !is_api_version(&version.value) {
            self.error(
                Diagnostic::new(
                    version.span,
                    format!("`{}` is not a Stripe API version", version.value),
                )
                .help("API versions look like `2026-07-29.dahlia` or `2024-06-20`"),
            );
        }
        let mut declared = BTreeMap::new();
        for module in &spec.api.modules {
            let name = &module.name;
            if !names::is_snake_name(&name.value) {
                self.error(
                    Diagnostic::new(
                        name.span,
                        format!(
                            "module name `{}` is not a lowercase Rust identifier",
                            name.value
                        ),
                    )
                    .help("use lowercase letters, digits and underscores, starting with a letter"),
                );
            } else if names::RESERVED_MODULES.contains(&name.value.as_str())
                || names::RESERVED_ROOT_MODULES.contains(&name.value.as_str())
            {
                self.error(Diagnostic::new(
                    name.span,
                    format!(
                        "module name `{}` collides with a name the generated crate uses",
                        name.value
                    ),
                ));
            }
            self.nonempty(&module.description, || format!("module `{}`", name.value));
            declared.insert(name.value.as_str(), name.span);
        }
        let mut used: BTreeSet<&str> = spec.unreadable.modules.iter().map(String::as_str).collect();
        for file in &spec.files {
            used.insert(file.module.as_str());
            if !declared.contains_key(file.module.as_str()) {
                let mut error = Diagnostic::new(
                    file_start(file),
                    format!(
                        "directory `spec/{}/` is not a module declared in api.yaml",
                        file.module
                    ),
                )
                .help(format!(
                    "add `{}:` under `modules:` in api.yaml",
                    file.module
                ));
                if let Some(closest) = suggest::closest(&file.module, declared.keys().copied()) {
                    error = error.help(format!("did you mean `{closest}`? add `{}:` under `modules:` in api.yaml, or rename the directory", file.module));
                }
                self.error(error);
            }
        }
        for (module, span) in declared {
            if !used.contains(module) {
                self.error(
                    Diagnostic::new(span, format!("module `{module}` has no files")).help(format!(
                        "add spec/{module}/<name>.yaml, or remove the module"
                    )),
                );
            }
        }
    }

    /// Each file becomes a Rust module of its module: its name must be an identifier that does
    /// not shadow a crate, and unique (`account.yaml` and `account.yml` would both be
    /// `account.rs`).
    pub(super) fn file_names(&mut self, spec: &Spec) {
        let mut seen: BTreeMap<(&str, &str), &ModuleFile> = BTreeMap::new();
        for file in &spec.files {
            if !names::is_snake_name(&file.stem) {
                self.error(
                    Diagnostic::new(
                        file_start(file),
                        format!("file name `{}` cannot be a Rust module name", file.stem),
                    )
                    .help("name spec files in snake_case, such as `financial_account.yaml`"),
                );
            } else if names::RESERVED_MODULES.contains(&file.stem.as_str()) {
                self.error(
                    Diagnostic::new(
                        file_start(file),
                        format!(
                            "file name `{}` would be a module that shadows a name the generated code uses",
                            file.stem
                        ),
                    )
                    .help("rename the file"),
                );
            }
            match seen.get(&(file.module.as_str(), file.stem.as_str())) {
                Some(first) => self.error(
                    Diagnostic::new(
                        file_start(file),
                        format!(
                            "`{}` and `{}` would both generate `{}/{}.rs`",
                            self.sources.file(first.file).display,
                            self.sources.file(file.file).display,
                            file.module,
                            file.stem
                        ),
                    )
                    .help("merge the two files, or rename one"),
                ),
                None => {
                    seen.insert((&file.module, &file.stem), file);
                }
            }
        }
    }
}

/// `YYYY-MM-DD`, optionally followed by `.name`.
fn is_api_version(version: &str) -> bool {
    let (date, name) = version.split_once('.').unwrap_or((version, "x"));
    let parts: Vec<&str> = date.split('-').collect();
    let date_ok = matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2
        && parts.iter().all(|part| part.chars().all(|c| c.is_ascii_digit())));
    date_ok && !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase())
}
