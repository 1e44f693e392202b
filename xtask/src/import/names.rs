//! How the importer names what it writes. Every name comes from the OpenAPI file alone, so the
//! same file always gives the same names (README.md, "Naming", documents the scheme):
//!
//! - A resource `treasury.financial_account` lives in module `treasury`, file
//!   `financial_account.yaml`, type `FinancialAccount`: the module is everything before the last
//!   `.` (with `.` made `_`), the file and type come from the rest. A resource without a prefix
//!   (`customer`) lives in module [`UNPREFIXED`].
//! - A component schema that is not a resource (`treasury_financial_accounts_resource_balance`) is
//!   named after the whole schema name in `UpperCamelCase`.
//! - Inline enums and objects are named `<Owner><Field>`, the owner being the enclosing type or,
//!   in an endpoint's parameters, its `<Endpoint>Params` struct. Inline parameter objects that
//!   Stripe gives the same `title` and shape everywhere are one type, named after the title.
//! - A name already taken in its module (by a definition or a name the generator derives, such as
//!   `<Resource>Id`), or one the generated code uses itself (`Error`, `List`), gets a suffix:
//!   `Stripe` in front of a reserved name, then `2`, `3`, ... in the order definitions are made.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

/// The module of resources whose ID has no `product.` prefix (`customer`, `charge`).
pub const UNPREFIXED: &str = "shared";

/// The module a resource or schema of this name lives in.
pub fn module_of(name: &str) -> String {
    let module = match name.rsplit_once('.') {
        Some((prefix, _)) => prefix.replace('.', "_").to_snake_case(),
        None => UNPREFIXED.to_owned(),
    };
    if codegen::names::RESERVED_MODULES.contains(&module.as_str())
        || !codegen::names::is_snake_name(&module)
    {
        format!("{module}_api")
    } else {
        module
    }
}

/// The file stem (and the base of the type name) of a resource.
pub fn stem_of(name: &str) -> String {
    name.rsplit('.').next().unwrap_or(name).to_snake_case()
}

/// `UpperCamelCase` of any wire name; `V` in front when that would start with a digit.
pub fn upper_camel(name: &str) -> String {
    let camel = name.to_upper_camel_case();
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{camel}")
    } else if camel.is_empty() {
        "Empty".to_owned()
    } else {
        camel
    }
}

/// The plural of an English noun, as Stripe's paths spell them (`accounts`, `entries`).
pub fn plural(noun: &str) -> String {
    if noun.ends_with('y')
        && !noun.ends_with("ay")
        && !noun.ends_with("ey")
        && !noun.ends_with("oy")
    {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if noun.ends_with('s')
        || noun.ends_with('x')
        || noun.ends_with("ch")
        || noun.ends_with("sh")
    {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

/// The type names and function names taken in each module.
#[derive(Debug, Default)]
pub struct Namespaces {
    types: BTreeMap<String, BTreeSet<String>>,
    functions: BTreeMap<String, BTreeSet<String>>,
}

/// What a type name is given to: the generator derives more names from some.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeKind {
    /// A resource: `<Name>Id`, `<Name>Object`, `<Name>Expand` too.
    Resource,
    /// An object, which may have an `object` tag and expandable fields.
    Object,
    /// An external resource: `<Name>Id` too.
    External,
    /// An enum.
    Enum,
}

impl TypeKind {
    fn derived(self, name: &str) -> Vec<String> {
        match self {
            TypeKind::Resource => vec![
                name.to_owned(),
                format!("{name}Id"),
                format!("{name}Object"),
                format!("{name}Expand"),
            ],
            TypeKind::Object => vec![
                name.to_owned(),
                format!("{name}Object"),
                format!("{name}Expand"),
            ],
            TypeKind::External => vec![name.to_owned(), format!("{name}Id")],
            TypeKind::Enum => vec![name.to_owned()],
        }
    }
}

impl Namespaces {
    /// Marks a name (and what derives from it) as taken, as a spec that already exists does.
    pub fn reserve_type(&mut self, module: &str, name: &str, kind: TypeKind) {
        let taken = self.types.entry(module.to_owned()).or_default();
        taken.extend(kind.derived(name));
    }

    /// Marks an endpoint name (its function, `_paginated` form and `Params` struct) as taken.
    pub fn reserve_function(&mut self, module: &str, name: &str) {
        let functions = self.functions.entry(module.to_owned()).or_default();
        functions.insert(name.to_owned());
        functions.insert(format!("{name}_paginated"));
        self.types
            .entry(module.to_owned())
            .or_default()
            .insert(format!("{}Params", upper_camel(name)));
    }

    fn type_free(&self, module: &str, name: &str, kind: TypeKind) -> bool {
        let taken = self.types.get(module);
        kind.derived(name).iter().all(|derived| {
            codegen::names::reserved_type(derived).is_none()
                && taken.is_none_or(|taken| !taken.contains(derived))
        })
    }

    /// `wanted`, or the first free name made from it, taken for a type of `kind` in `module`.
    pub fn type_name(&mut self, module: &str, wanted: &str, kind: TypeKind) -> String {
        let mut base = wanted.to_owned();
        if codegen::names::reserved_type(&base).is_some() {
            base = format!("Stripe{base}");
        }
        let mut name = base.clone();
        let mut counter = 2;
        while !self.type_free(module, &name, kind) {
            name = format!("{base}{counter}");
            counter += 1;
        }
        self.reserve_type(module, &name, kind);
        name
    }

    fn function_free(&self, module: &str, name: &str) -> bool {
        let functions = self.functions.get(module);
        let types = self.types.get(module);
        let params = format!("{}Params", upper_camel(name));
        functions.is_none_or(|taken| {
            !taken.contains(name) && !taken.contains(&format!("{name}_paginated"))
        }) && types.is_none_or(|taken| !taken.contains(&params))
            && codegen::names::reserved_type(&params).is_none()
    }

    /// Whether the endpoint name `name` is free in `module`.
    pub fn is_function_free(&self, module: &str, name: &str) -> bool {
        self.function_free(module, name)
    }

    /// `wanted`, or the first free name made from it, taken for an endpoint in `module`.
    pub fn function_name(&mut self, module: &str, wanted: &str) -> String {
        let mut name = wanted.to_owned();
        let mut counter = 2;
        while !self.function_free(module, &name) {
            name = format!("{wanted}_{counter}");
            counter += 1;
        }
        self.reserve_function(module, &name);
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_files_and_types_come_from_the_resource_id() {
        assert_eq!(module_of("treasury.financial_account"), "treasury");
        assert_eq!(
            module_of("financial_connections.account"),
            "financial_connections"
        );
        assert_eq!(module_of("customer"), "shared");
        assert_eq!(module_of("test_helpers.test_clock"), "test_helpers");
        assert_eq!(module_of("core.thing"), "core_api");
        assert_eq!(stem_of("treasury.financial_account"), "financial_account");
        assert_eq!(upper_camel("financial_account"), "FinancialAccount");
        assert_eq!(upper_camel("3d_secure"), "V3dSecure");
    }

    #[test]
    fn pluralises_as_stripe_paths_do() {
        assert_eq!(plural("account"), "accounts");
        assert_eq!(plural("entry"), "entries");
        assert_eq!(plural("key"), "keys");
        assert_eq!(plural("tax"), "taxes");
        assert_eq!(plural("address"), "addresses");
    }

    #[test]
    fn taken_and_reserved_names_get_suffixes() {
        let mut names = Namespaces::default();
        assert_eq!(
            names.type_name("m", "Account", TypeKind::Resource),
            "Account"
        );
        // `AccountId` is derived from the resource.
        assert_eq!(
            names.type_name("m", "AccountId", TypeKind::Enum),
            "AccountId2"
        );
        assert_eq!(
            names.type_name("m", "Account", TypeKind::Object),
            "Account2"
        );
        assert_eq!(
            names.type_name("other", "Account", TypeKind::Object),
            "Account"
        );
        assert_eq!(
            names.type_name("m", "Error", TypeKind::Object),
            "StripeError"
        );
        assert_eq!(names.function_name("m", "list_accounts"), "list_accounts");
        assert_eq!(names.function_name("m", "list_accounts"), "list_accounts_2");
        // `ListAccounts3Params` is free, but a type named like a params struct blocks it.
        names.reserve_type("m", "ListThingsParams", TypeKind::Enum);
        assert_eq!(names.function_name("m", "list_things"), "list_things_2");
    }
}
