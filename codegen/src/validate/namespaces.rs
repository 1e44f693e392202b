//! What the generator derives from names (`AccountId`, `AccountExpand`, `RetrieveAccountParams`,
//! `..._paginated`, expand variants) must not collide within a module.

use std::collections::BTreeMap;

use super::{Validator, article};
use crate::diagnostics::Diagnostic;
use crate::expand;
use crate::names;
use crate::paging;
use crate::source::Span;
use crate::spec::ast::{Def, Role, Spec};
use crate::symbols::Symbol;

impl<'s> Validator<'_, 's> {
    /// Type names are unique within a module, including the names the generator derives
    /// (`AccountId`, `AccountObject`, `AccountExpand`, `RetrieveAccountParams`); so are functions.
    pub(super) fn module_namespaces(&mut self, spec: &Spec) {
        // (module, name) to where it is defined and what it is.
        type Namespace<'a> = BTreeMap<(&'a str, String), (Span, String)>;
        let mut types: Namespace<'_> = BTreeMap::new();
        let mut functions: Namespace<'_> = BTreeMap::new();
        for file in &spec.files {
            let module = file.module.as_str();
            for item in &file.items {
                let name = item.name();
                let value = &name.value;
                // The item's own name comes first in its namespace; then the derived names.
                let mut derived_types = Vec::new();
                let mut derived_functions = Vec::new();
                let this = match item {
                    Def::Object(def) => match def.role {
                        Role::Resource => format!("resource `{value}`"),
                        Role::Object => format!("object `{value}`"),
                        Role::Params => format!("parameter object `{value}`"),
                    },
                    Def::External(_) => format!("external resource `{value}`"),
                    Def::Enum(_) => format!("enum `{value}`"),
                    Def::Union(_) => format!("union `{value}`"),
                    Def::OneOf(_) => format!("`one_of` type `{value}`"),
                    Def::Endpoint(_) => format!("endpoint `{value}`"),
                };
                if let Some(symbol) = Symbol::defined(file, item) {
                    derived_types.push((value.clone(), this.clone()));
                    if symbol.def.has_id() {
                        derived_types
                            .push((names::id_type(value), format!("the ID type of {this}")));
                    }
                    if matches!(item, Def::Object(def) if def.object.is_some()) {
                        derived_types.push((
                            names::object_enum(value),
                            format!("the `object` enum of {this}"),
                        ));
                    }
                    if !expand::enum_paths(self.symbols, &symbol).is_empty() {
                        derived_types.push((
                            names::expand_enum(value),
                            format!("the expand enum of {this}"),
                        ));
                    }
                }
                if let Def::Endpoint(def) = item {
                    derived_functions.push((value.clone(), this.clone()));
                    derived_types.push((
                        names::params_struct(value),
                        format!("the parameters struct of {this}"),
                    ));
                    if paging::paging(self.symbols, module, def).is_some() {
                        derived_functions.push((
                            names::paginated_function(value),
                            format!("the paginated form of {this}"),
                        ));
                    }
                }
                let mut namespaces = [
                    (&mut types, derived_types),
                    (&mut functions, derived_functions),
                ];
                if matches!(item, Def::Endpoint(_)) {
                    namespaces.reverse();
                }
                let mut own_name_taken = false;
                for (namespace, derived) in namespaces {
                    for (derived_name, label) in derived {
                        if own_name_taken {
                            // Its derived names collide too; one error is enough.
                            break;
                        }
                        let is_own_name = derived_name == *value;
                        if let (false, Some(origin)) =
                            (is_own_name, names::reserved_type(&derived_name))
                        {
                            self.errors.push(
                                Diagnostic::new(
                                    name.span,
                                    format!(
                                        "{label} would be named `{derived_name}`, which would shadow `{derived_name}` from {origin}"
                                    ),
                                )
                                .help(format!("rename `{value}`")),
                            );
                        }
                        let key = (module, derived_name.clone());
                        let Some((first, first_label)) = namespace.get(&key) else {
                            namespace.insert(key, (name.span, label));
                            continue;
                        };
                        let first_is_own_name = !first_label.starts_with("the ");
                        let error = if is_own_name && first_is_own_name {
                            // "enum `X`": the kind is what comes before the name.
                            let kind =
                                |label: &str| label.split(" `").next().unwrap_or("").to_owned();
                            let message = if kind(&label) == kind(first_label) {
                                format!("duplicate {label} in module `{module}`")
                            } else {
                                format!(
                                    "`{value}` is defined twice in module `{module}`: as {} {} and as {} {}",
                                    article(&kind(&label)),
                                    kind(&label),
                                    article(&kind(first_label)),
                                    kind(first_label)
                                )
                            };
                            Diagnostic::new(name.span, message)
                            .note(*first, "first defined here")
                            .help("type and endpoint names are unique within a module, across its files; rename or remove one")
                        } else {
                            Diagnostic::new(
                                name.span,
                                format!(
                                    "`{derived_name}` would be defined twice in module `{module}`: as {label} and as {first_label}"
                                ),
                            )
                            .note(*first, "the other definition")
                            .help("rename one of them")
                        };
                        self.errors.push(error);
                        own_name_taken |= is_own_name;
                    }
                }
            }
        }
    }

    /// The `<Type>Expand` enum of each type that has one has a variant per expandable path,
    /// named after it: `account_holder.customer` is `AccountHolderCustomer`. Paths that cannot
    /// be variant names, or that become the same one, are reported here.
    pub(super) fn expand_enums(&mut self, spec: &'s Spec) {
        for file in &spec.files {
            for item in &file.items {
                let Some(symbol) = Symbol::defined(file, item) else {
                    continue;
                };
                let type_name = symbol.def.name();
                let owner = names::expand_enum(type_name);
                let mut seen: BTreeMap<String, &expand::ExpandPath> = BTreeMap::new();
                let paths = expand::enum_paths(self.symbols, &symbol);
                let wires: Vec<&str> = paths.iter().map(|path| path.path.as_str()).collect();
                for (path, variant) in paths.iter().zip(names::expand_variants(&wires)) {
                    let Some(variant) = variant else {
                        self.error(
                            Diagnostic::new(
                                path.span,
                                format!(
                                    "the expand path `{}` of `{type_name}` cannot be made into a Rust variant name of `{owner}`",
                                    path.path
                                ),
                            )
                            .help("expand variants are named after the wire names on the path (a `rust_name` does not change them); make this field not expandable"),
                        );
                        continue;
                    };
                    if variant == "Unknown" {
                        self.error(
                            Diagnostic::new(
                                path.span,
                                format!(
                                    "the expand path `{}` of `{type_name}` becomes the variant `Unknown` of `{owner}`, which every enum uses for values it does not know",
                                    path.path
                                ),
                            )
                            .help("make this field not expandable, or rename it"),
                        );
                    } else if let Some(first) = seen.get(&variant) {
                        self.error(
                            Diagnostic::new(
                                path.span,
                                format!(
                                    "the expand paths `{}` and `{}` of `{type_name}` both become the variant `{variant}` of `{owner}`",
                                    first.path, path.path
                                ),
                            )
                            .note(first.span, format!("`{}` ends here", first.path))
                            .help("expand variants are named after their paths, with `Then` between segments where two paths collide; make one of these fields not expandable"),
                        );
                    } else {
                        seen.insert(variant, path);
                    }
                }
            }
        }
    }
}
