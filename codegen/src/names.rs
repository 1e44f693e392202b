//! Every Rust name in the output comes through here: wire names to identifiers, and the checks
//! that an identifier is usable.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust's strict and reserved keywords (2024 edition).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names the generated code uses unqualified, which a spec type would shadow, grouped by
/// where they come from.
const RESERVED_TYPE_GROUPS: &[(&str, &[&str])] = &[
    (
        "the standard prelude",
        &[
            "Option",
            "Some",
            "None",
            "Result",
            "Ok",
            "Err",
            "String",
            "Vec",
            "Box",
            "ToString",
            "ToOwned",
            "Clone",
            "Copy",
            "Default",
            "Debug",
            "PartialEq",
            "Eq",
            "Hash",
            "Send",
            "Sync",
            "Sized",
            "Drop",
            "Fn",
            "FnMut",
            "FnOnce",
            "From",
            "Into",
            "Iterator",
            "IntoIterator",
            "AsRef",
            "AsMut",
        ],
    ),
    ("serde", &["Serialize", "Deserialize"]),
    ("std::collections", &["BTreeMap"]),
    (
        "the runtime",
        &[
            "Client",
            "Error",
            "Method",
            "Paginator",
            "Expandable",
            "Nullable",
            "Object",
            "Timestamp",
            "Currency",
            "List",
            "RawObject",
            "Clearable",
            "RangeQuery",
            "RangeBounds",
            "Form",
            "FormEncode",
            "ListParams",
        ],
    ),
];

/// Whether generated code uses `name` unqualified; if so, where it comes from
/// (`"the standard prelude"`).
pub fn reserved_type(name: &str) -> Option<&'static str> {
    RESERVED_TYPE_GROUPS
        .iter()
        .find(|(_, names)| names.contains(&name))
        .map(|(origin, _)| *origin)
}

/// Module names that would shadow crates or the crate's own modules.
pub const RESERVED_MODULES: &[&str] = &[
    "core",
    "std",
    "alloc",
    "serde",
    "serde_json",
    "runtime",
    "generated",
    // Re-exported at the crate root by name, which would hide a module of the same name.
    "http",
    "tests",
    "stripe_client",
];

/// Names of the crate root's own modules beside the spec's: the generated module of event
/// types, and the runtime's webhook module. Module names only; a spec file may be called so.
pub const RESERVED_ROOT_MODULES: &[&str] = &["events", "webhook"];

/// Whether `name` is a Rust keyword.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Whether `name` is an ASCII Rust identifier that is not a keyword.
pub fn is_ident(name: &str) -> bool {
    let mut chars = name.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    starts_well
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
        && !is_keyword(name)
}

/// Whether `name` is a usable `UpperCamelCase` type or variant name: an identifier that starts
/// with an uppercase letter and has no underscore. Runs of capitals are fine (`ACH`, `AccountID`),
/// as in Rust's own naming lint.
pub fn is_type_name(name: &str) -> bool {
    is_ident(name) && name.starts_with(|c: char| c.is_ascii_uppercase()) && !name.contains('_')
}

/// Whether `name` is a usable `snake_case` function, field or module name.
pub fn is_snake_name(name: &str) -> bool {
    is_ident(name)
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.to_snake_case() == name
}

/// The field name for a wire name: `snake_case`, with `_` appended to keywords (`type_`).
/// `None` when no identifier can be made (`3ds`, `$`).
pub fn field_name(wire: &str) -> Option<String> {
    let name = wire.to_snake_case();
    let name = if is_keyword(&name) {
        format!("{name}_")
    } else {
        name
    };
    is_ident(&name).then_some(name)
}

/// The variant name for an enum value: `UpperCamelCase` (`us_bank_account` gives
/// `UsBankAccount`, `financial_addresses.aba` gives `FinancialAddressesAba`).
pub fn variant_name(wire: &str) -> Option<String> {
    let name = wire.to_upper_camel_case();
    is_type_name(&name).then_some(name)
}

/// The type name made from a function name: `retrieve_account` gives `RetrieveAccount`.
pub fn type_name(snake: &str) -> String {
    snake.to_upper_camel_case()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_wire_names() {
        assert_eq!(field_name("type").as_deref(), Some("type_"));
        assert_eq!(field_name("last4").as_deref(), Some("last4"));
        assert_eq!(
            field_name("account-holder").as_deref(),
            Some("account_holder")
        );
        assert_eq!(field_name("3ds"), None);
        assert_eq!(field_name("$"), None);
        assert_eq!(
            variant_name("us_bank_account").as_deref(),
            Some("UsBankAccount")
        );
        assert_eq!(
            variant_name("us-bank-account").as_deref(),
            Some("UsBankAccount")
        );
        assert_eq!(
            variant_name("financial_addresses.aba.forwarding").as_deref(),
            Some("FinancialAddressesAbaForwarding")
        );
        assert_eq!(variant_name("self").as_deref(), None);
        assert_eq!(variant_name(""), None);
    }

    #[test]
    fn checks_identifiers() {
        assert!(is_type_name("AccountHolder"));
        assert!(is_type_name("ACH"));
        assert!(is_type_name("AccountID"));
        assert_eq!(variant_name("x_y").as_deref(), Some("XY"));
        assert!(!is_type_name("accountHolder"));
        assert!(!is_type_name("Account_Holder"));
        assert!(is_snake_name("list_accounts"));
        assert!(!is_snake_name("ListAccounts"));
        assert!(!is_snake_name("fn"));
        assert!(!is_snake_name("é"));
    }

    #[test]
    fn knows_where_reserved_names_come_from() {
        assert_eq!(reserved_type("Option"), Some("the standard prelude"));
        assert_eq!(reserved_type("Client"), Some("the runtime"));
        assert_eq!(reserved_type("Account"), None);
    }
}
