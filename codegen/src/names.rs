//! Every Rust name in the output comes through here: wire names to identifiers, and the checks
//! that an identifier is usable.

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::spec::ast::TypeExpr;

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
            "Call",
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
    // Most wire names are snake_case already, which heck keeps as they are; converting them
    // anyway was 2% of the generator's instructions.
    let name = if is_snake_case(wire) {
        wire.to_owned()
    } else {
        wire.to_snake_case()
    };
    let name = if is_keyword(&name) {
        format!("{name}_")
    } else {
        name
    };
    is_ident(&name).then_some(name)
}

/// Whether `to_snake_case` would give `text` back: lowercase ASCII words of letters and digits
/// joined by single underscores.
fn is_snake_case(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('_')
        && !text.ends_with('_')
        && !text.contains("__")
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The variant name for an enum value: `UpperCamelCase` (`us_bank_account` gives
/// `UsBankAccount`, `financial_addresses.aba` gives `FinancialAddressesAba`).
pub fn variant_name(wire: &str) -> Option<String> {
    let name = upper_camel(wire);
    is_type_name(&name).then_some(name)
}

/// The variants of an expand enum, one for each dotted path, in order: `account_holder.customer`
/// is `AccountHolderCustomer`. Dots and underscores both vanish, so two paths can give the same
/// name (`subscription.schedule.customer` and `subscription_schedule.customer`): the path with
/// the fewest segments keeps it, the first of them if several tie, and each of the others joins
/// its segments with `Then` (`SubscriptionThenScheduleThenCustomer`). `None` where no name can
/// be made. A variant's name depends only on the paths of its own enum.
pub fn expand_variants(paths: &[&str]) -> Vec<Option<String>> {
    let natural: Vec<Option<String>> = paths.iter().map(|path| variant_name(path)).collect();
    let segments = |index: usize| paths[index].split('.').count();
    let mut keeper: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, name) in natural.iter().enumerate() {
        let Some(name) = name else { continue };
        let kept = keeper.entry(name).or_insert(index);
        if segments(index) < segments(*kept) {
            *kept = index;
        }
    }
    natural
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let name = name.as_deref()?;
            if keeper[name] == index {
                return Some(name.to_owned());
            }
            let segments: Option<Vec<String>> = paths[index].split('.').map(variant_name).collect();
            let name = segments?.join("Then");
            is_type_name(&name).then_some(name)
        })
        .collect()
}

/// The type name made from a function name: `retrieve_account` gives `RetrieveAccount`.
pub fn type_name(snake: &str) -> String {
    upper_camel(snake)
}

/// heck's `UpperCamelCase` of `text`. Most names are lowercase ASCII words joined by `_` or
/// `.`, which it capitalises and joins; heck writes every character through the formatting
/// machinery, which was 3% of the generator's instructions.
fn upper_camel(text: &str) -> String {
    let simple = text
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.');
    if !simple {
        return text.to_upper_camel_case();
    }
    let mut name = String::with_capacity(text.len());
    for word in text.split(['_', '.']) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            name.push_str(chars.as_str());
        }
    }
    name
}

// The names the generator derives from the spec's names. Validation reserves them, lowering
// gives them to the model, and the emitter takes them from the model: nothing else spells them.

/// The ID newtype of a resource: `AccountId`.
pub fn id_type(resource: &str) -> String {
    format!("{resource}Id")
}

/// The enum of a type's `object` values: `AccountObject`.
pub fn object_enum(owner: &str) -> String {
    format!("{owner}Object")
}

/// The enum of the paths `expand[]` accepts for a response type: `AccountExpand`.
pub fn expand_enum(owner: &str) -> String {
    format!("{owner}Expand")
}

/// The parameters struct of an endpoint: `RetrieveAccountParams`.
pub fn params_struct(endpoint: &str) -> String {
    format!("{}Params", type_name(endpoint))
}

/// The function streaming every item of a list or search endpoint: `list_accounts_paginated`.
pub fn paginated_function(endpoint: &str) -> String {
    format!("{endpoint}_paginated")
}

/// The name of a type written inline in field `wire` of `owner`, or of a field's `one_of`:
/// `AccountHolder` and `address` give `AccountHolderAddress`. `None` when no type name can be
/// made.
pub fn inline_type(owner: &str, wire: &str) -> Option<String> {
    let field = upper_camel(wire);
    let name = format!("{owner}{field}");
    (!field.is_empty() && is_type_name(&name)).then_some(name)
}

/// The variant of a `one_of` enum that holds a value of type `ty`: the kind of value, or the
/// name of the object or enum.
pub fn one_of_variant(ty: &TypeExpr) -> Option<String> {
    Some(match ty {
        TypeExpr::String => "String".into(),
        TypeExpr::Integer => "Integer".into(),
        TypeExpr::Boolean => "Boolean".into(),
        TypeExpr::Timestamp => "Timestamp".into(),
        TypeExpr::Currency => "Currency".into(),
        TypeExpr::Number => "Number".into(),
        TypeExpr::Id(_) => "Id".into(),
        TypeExpr::Array(_) => "Array".into(),
        TypeExpr::Map(..) => "Map".into(),
        TypeExpr::Range(_) => "Range".into(),
        TypeExpr::Named(name) => name.name.clone(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::every_text;

    #[test]
    fn snake_case_names_are_what_heck_would_make() {
        for text in every_text(&['a', 'z', '0', '9', '_'], 7) {
            if is_snake_case(&text) {
                assert_eq!(text.to_snake_case(), text, "{text:?}");
            }
        }
        for text in ["", "_a", "a_", "a__b", "aB", "a-b", "é"] {
            assert!(!is_snake_case(text), "{text:?}");
        }
    }

    #[test]
    fn upper_camel_names_are_what_heck_would_make() {
        for text in every_text(&['a', 'z', '0', '9', '_', '.'], 6) {
            assert_eq!(upper_camel(&text), text.to_upper_camel_case(), "{text:?}");
        }
        for text in ["", "aB", "a-b", "HTTPServer", "é_a", "ß"] {
            assert_eq!(upper_camel(text), text.to_upper_camel_case(), "{text:?}");
        }
    }

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
    fn names_colliding_expand_paths_by_their_segments() {
        let paths = [
            "subscription.schedule.customer",
            "subscription_schedule.customer",
            "account_holder.customer",
            "a_b.c",
            "a.b_c",
        ];
        let names: Vec<Option<String>> = expand_variants(&paths);
        assert_eq!(
            names,
            [
                Some("SubscriptionThenScheduleThenCustomer".to_owned()),
                Some("SubscriptionScheduleCustomer".to_owned()),
                Some("AccountHolderCustomer".to_owned()),
                Some("ABC".to_owned()),
                Some("AThenBC".to_owned()),
            ]
        );
        // Without a collision, the natural name whatever the segments.
        assert_eq!(
            expand_variants(&["subscription.schedule"]),
            [Some("SubscriptionSchedule".to_owned())]
        );
        assert_eq!(expand_variants(&["self"]), [None]);
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
    fn derives_names_in_one_place() {
        assert_eq!(id_type("Account"), "AccountId");
        assert_eq!(object_enum("Account"), "AccountObject");
        assert_eq!(expand_enum("Account"), "AccountExpand");
        assert_eq!(params_struct("list_accounts"), "ListAccountsParams");
        assert_eq!(
            paginated_function("list_accounts"),
            "list_accounts_paginated"
        );
        assert_eq!(
            inline_type("CreateCustomerParams", "tax_id_data").as_deref(),
            Some("CreateCustomerParamsTaxIdData")
        );
        assert_eq!(inline_type("Owner", "3ds").as_deref(), Some("Owner3ds"));
        assert_eq!(inline_type("Owner", "$").as_deref(), None);
    }

    #[test]
    fn knows_where_reserved_names_come_from() {
        assert_eq!(reserved_type("Option"), Some("the standard prelude"));
        assert_eq!(reserved_type("Client"), Some("the runtime"));
        assert_eq!(reserved_type("Account"), None);
    }
}
