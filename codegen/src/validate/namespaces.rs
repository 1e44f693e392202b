//! What the generator derives from names (`AccountId`, `AccountExpand`, `RetrieveAccountParams`,
//! `..._paginated`, expand variants) must not collide within a module.

use std::collections::{BTreeMap, BTreeSet};

use super::{Validator, article};
use crate::diagnostics::Diagnostic;
use crate::expand;
use crate::names;
use crate::source::Span;
use crate::spec::ast::{Def, Spec, TypeExpr};
use crate::symbols::{Symbol, TypeDef};

impl<'s> Validator<'s> {
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
                    Def::Object(def) if def.is_resource => format!("resource `{value}`"),
                    Def::Object(_) => format!("object `{value}`"),
                    Def::External(_) => format!("external resource `{value}`"),
                    Def::Enum(_) => format!("enum `{value}`"),
                    Def::Endpoint(_) => format!("endpoint `{value}`"),
                };
                match item {
                    Def::Object(def) => {
                        derived_types.push((value.clone(), this.clone()));
                        if def.is_resource {
                            derived_types
                                .push((format!("{value}Id"), format!("the ID type of {this}")));
                        }
                        if def.object.is_some() {
                            derived_types.push((
                                format!("{value}Object"),
                                format!("the `object` enum of {this}"),
                            ));
                        }
                        if !expand::paths(&self.symbols, module, def).is_empty() {
                            derived_types.push((
                                format!("{value}Expand"),
                                format!("the expand enum of {this}"),
                            ));
                        }
                    }
                    Def::External(_) => {
                        derived_types.push((value.clone(), this.clone()));
                        derived_types
                            .push((format!("{value}Id"), format!("the ID type of {this}")));
                    }
                    Def::Enum(_) => derived_types.push((value.clone(), this.clone())),
                    Def::Endpoint(def) => {
                        derived_functions.push((value.clone(), this.clone()));
                        derived_types.push((
                            format!("{}Params", names::type_name(value)),
                            format!("the parameters struct of {this}"),
                        ));
                        if matches!(def.returns.expr, TypeExpr::List(_)) {
                            derived_functions.push((
                                format!("{value}_paginated"),
                                format!("the paginated form of {this}"),
                            ));
                        }
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

    /// The `<Type>Expand` enum of each endpoint's response type has a variant per expandable
    /// path, named after it: `account_holder.customer` is `AccountHolderCustomer`. Paths that
    /// cannot be variant names, or that become the same one, are reported here.
    pub(super) fn expand_enums(&mut self, spec: &'s Spec) {
        let mut checked = BTreeSet::new();
        for file in &spec.files {
            for item in &file.items {
                let Def::Endpoint(endpoint) = item else {
                    continue;
                };
                let (TypeExpr::Named(name) | TypeExpr::List(name)) = &endpoint.returns.expr else {
                    continue;
                };
                let Some(Symbol {
                    module,
                    def: TypeDef::Object(object),
                    ..
                }) = self.symbols.resolve(&file.module, name)
                else {
                    continue;
                };
                if !checked.insert((module, object.name.value.as_str())) {
                    continue;
                }
                let owner = format!("{}Expand", object.name.value);
                let mut seen: BTreeMap<String, &expand::ExpandPath> = BTreeMap::new();
                let paths = expand::paths(&self.symbols, module, object);
                for path in &paths {
                    let Some(variant) = names::variant_name(&path.path) else {
                        self.error(
                            Diagnostic::new(
                                path.span,
                                format!(
                                    "the expand path `{}` of `{}` cannot be made into a Rust variant name of `{owner}`",
                                    path.path, object.name.value
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
                                    "the expand path `{}` of `{}` becomes the variant `Unknown` of `{owner}`, which every enum uses for values it does not know",
                                    path.path, object.name.value
                                ),
                            )
                            .help("make this field not expandable, or rename it"),
                        );
                    } else if let Some(first) = seen.get(&variant) {
                        let what = if first.path == path.path {
                            format!(
                                "the expand path `{}` of `{}` appears twice",
                                path.path, object.name.value
                            )
                        } else {
                            format!(
                                "the expand paths `{}` and `{}` of `{}` both become the variant `{variant}` of `{owner}`",
                                first.path, path.path, object.name.value
                            )
                        };
                        self.error(
                            Diagnostic::new(path.span, what)
                                .note(first.span, format!("`{}` ends here", first.path))
                                .help("expand variants are named after their paths, so only one of these fields can be expandable"),
                        );
                    } else {
                        seen.insert(variant, path);
                    }
                }
            }
        }
    }
}
