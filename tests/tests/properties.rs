//! No spec makes the generator panic or emit code that is not Rust: every input either generates
//! or is reported as spec errors.
//!
//! Three kinds of input, all in memory through `codegen::generate`:
//!
//! - the real `spec/`, mutated the way hand edits go wrong: lines deleted, duplicated, swapped
//!   or re-indented, words replaced by near misses or by other words of the spec, unicode
//!   inserted, files truncated;
//! - arbitrary text, and soups of YAML tokens, as a module file or as `api.yaml`;
//! - random specs built from the spec grammar with names drawn from small pools, so that
//!   definitions, references and names collide in every way; many of them are valid and go
//!   through emission and formatting, where a gap in validation would show up as a panic or as
//!   `Error::Internal` (output that is not valid Rust).
//!
//! Each property runs 256 cases by default (`PROPTEST_CASES` changes it), in about ten seconds
//! for the three in a debug build. A failing case is saved in
//! `properties.proptest-regressions` beside this file and replayed first on later runs.
//!
//! Output that parses can still fail to build: [`a_sample_of_accepted_random_specs_builds_cleanly`]
//! compiles a fixed sample of accepted random specs as one crate, with clippy, rustdoc and the
//! doc examples, all with warnings denied.

use std::sync::OnceLock;

use codegen::{Error, Options, Sources};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{FileFailurePersistence, TestCaseError};

/// `PROPTEST_CASES`, or 256.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        // A valid spec goes through emission and formatting: shrinking a failure can take many
        // runs, and a failure found is worth keeping.
        max_shrink_iters: 2048,
        // Beside this file, as `properties.proptest-regressions`: commit it.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

/// A spec as files: (path relative to the spec directory, text).
type Files = Vec<(String, String)>;

/// The real spec, read once.
fn real_spec() -> &'static Files {
    static SPEC: OnceLock<Files> = OnceLock::new();
    SPEC.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let sources = Sources::read_dir(&dir, "spec").expect("read spec/");
        sources
            .iter()
            .map(|(_, file)| (file.relative.clone(), file.text.clone()))
            .collect()
    })
}

/// Every identifier-like word of the real spec, for replacements that are plausible edits.
fn spec_words() -> &'static Vec<String> {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<String> = real_spec()
            .iter()
            .flat_map(|(_, text)| words(text).map(|(start, end)| text[start..end].to_owned()))
            .collect();
        words.sort();
        words.dedup();
        words
    })
}

/// Byte ranges of the identifier-like words of `text`.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let is_word = |c: char| c.is_alphanumeric() || c == '_';
        let (start, _) = chars.by_ref().find(|&(_, c)| is_word(c))?;
        let mut end = text.len();
        while let Some(&(index, c)) = chars.peek() {
            if !is_word(c) {
                end = index;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// Generates `files` and checks the outcome: output, or spec errors that say where they are.
fn check(files: &Files) -> Result<(), TestCaseError> {
    let mut sources = Sources::default();
    for (relative, text) in files {
        sources.add(format!("spec/{relative}"), relative.clone(), text.clone());
    }
    let shown = || {
        files
            .iter()
            .map(|(relative, text)| format!("--- spec/{relative}\n{text}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    match codegen::generate(&sources, &Options::default()) {
        Ok(files) => {
            prop_assert!(!files.is_empty());
            Ok(())
        }
        Err(Error::Spec {
            diagnostics,
            rendered,
        }) => {
            prop_assert!(
                !diagnostics.is_empty(),
                "spec errors without a diagnostic for:\n{}",
                shown()
            );
            let count = diagnostics.len();
            let summary = format!("{count} error{} in spec", if count == 1 { "" } else { "s" });
            prop_assert!(rendered.ends_with(&summary), "{rendered}");
            for diagnostic in &diagnostics {
                prop_assert!(diagnostic.span.line >= 1 && diagnostic.span.col >= 1);
                prop_assert!(!diagnostic.message.is_empty());
            }
            Ok(())
        }
        Err(error) => Err(TestCaseError::fail(format!(
            "{error}\n\nfor this spec:\n{}",
            shown()
        ))),
    }
}

// ---------------------------------------------------------------------------------------------
// Mutations of the real spec.

/// One hand-editing mistake. Indices are taken modulo the number of lines (or words, or
/// characters) when applied, so that every mutation applies to any file.
#[derive(Clone, Debug)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    MoveLine(usize, usize),
    Reindent(usize, i8),
    ReplaceWord(usize, usize, Replacement),
    Insert(usize, usize, String),
    InsertLine(usize, String),
    Truncate(usize),
}

#[derive(Clone, Debug)]
enum Replacement {
    /// A typo of the word: one character deleted, doubled, swapped with the next, or changed.
    Typo(Typo, usize),
    /// Another word of the spec.
    SpecWord(usize),
    /// A word from `TRICKY`.
    Tricky(&'static str),
}

#[derive(Clone, Copy, Debug)]
enum Typo {
    Delete,
    Double,
    Swap,
    Upper,
    Dash,
}

/// Strings that have broken parsers, name conversions and code generators.
const TRICKY: &[&str] = &[
    "",
    " ",
    "~",
    "null",
    "true",
    "yes",
    "0",
    "-1",
    "1e9",
    "_",
    "__",
    "self",
    "Self",
    "super",
    "crate",
    "type",
    "r#type",
    "fn",
    "async",
    "Unknown",
    "unknown",
    "Option",
    "Result",
    "Client",
    "Error",
    "String",
    "Vec",
    "Default",
    "List",
    "Form",
    "ListParams",
    "path_segment",
    "deserialize_enum",
    "client",
    "params",
    "std",
    "serde",
    "3ds",
    "a.b",
    "a-b",
    "a b",
    "a__b",
    "é",
    "ß",
    "Ω",
    "İ",
    "ǅ",
    "日本",
    "🦀",
    "\u{200b}",
    "\u{202e}",
    "\u{feff}",
    "\u{3000}",
    "\t",
    "\r",
    "\\",
    "\"",
    "'",
    "`",
    "{",
    "}",
    "{}",
    "[",
    "]",
    "<",
    ">",
    "<>",
    ",",
    ":",
    "::",
    ": ",
    "#",
    "&a",
    "*a",
    "!tag",
    "|",
    ">-",
    "?",
    "---",
    "...",
    "%",
    "@",
    "string",
    "integer",
    "id",
    "object_tag",
    "expand",
    "array<string>",
    "map<currency, integer>",
    "expandable<shared::Customer>",
    "list<Account>",
    "id<Account>",
    "range<timestamp>",
    "array<array<array<array<array<array<array<array<array<string>>>>>>>>>",
    "shared::",
    "::Account",
    "Account<",
    "GET",
    "POST",
    "DELETE",
    "/v1/{a}/{a}",
    "/v1/x/{",
    "/v1/x/}",
    "fca_",
    "Fca-",
    "```",
    "*/",
    "/*",
    "#[doc]",
];

fn replacement() -> impl Strategy<Value = Replacement> {
    let typo = select(vec![
        Typo::Delete,
        Typo::Double,
        Typo::Swap,
        Typo::Upper,
        Typo::Dash,
    ]);
    prop_oneof![
        3 => (typo, any::<usize>()).prop_map(|(typo, at)| Replacement::Typo(typo, at)),
        2 => any::<usize>().prop_map(Replacement::SpecWord),
        2 => select(TRICKY).prop_map(Replacement::Tricky),
    ]
}

fn inserted_text() -> impl Strategy<Value = String> {
    prop_oneof![
        select(TRICKY).prop_map(str::to_owned),
        any::<char>().prop_map(String::from),
        "\\PC{1,8}",
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => any::<usize>().prop_map(Mutation::DeleteLine),
        2 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::MoveLine(a, b)),
        2 => (any::<usize>(), -3i8..=3).prop_map(|(line, by)| Mutation::Reindent(line, by)),
        6 => (any::<usize>(), any::<usize>(), replacement())
            .prop_map(|(line, word, with)| Mutation::ReplaceWord(line, word, with)),
        2 => (any::<usize>(), any::<usize>(), inserted_text())
            .prop_map(|(line, at, text)| Mutation::Insert(line, at, text)),
        1 => (any::<usize>(), inserted_text()).prop_map(|(line, text)| Mutation::InsertLine(line, text)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    let n = lines.len();
    match mutation {
        Mutation::DeleteLine(i) => {
            lines.remove(i % n);
        }
        Mutation::DuplicateLine(i) => {
            let line = lines[i % n].clone();
            lines.insert(i % n, line);
        }
        Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
        Mutation::MoveLine(from, to) => {
            let line = lines.remove(from % n);
            lines.insert(to % n, line);
        }
        Mutation::Reindent(i, by) => {
            let line = &mut lines[i % n];
            if *by >= 0 {
                line.insert_str(0, &" ".repeat(*by as usize));
            } else {
                let spaces = line.len() - line.trim_start_matches(' ').len();
                line.drain(..spaces.min(by.unsigned_abs() as usize));
            }
        }
        Mutation::ReplaceWord(i, word, with) => {
            let line = &mut lines[i % n];
            let spans: Vec<(usize, usize)> = words(line).collect();
            if let Some(&(start, end)) = spans.get(word % spans.len().max(1)) {
                let replacement = match with {
                    Replacement::Typo(typo, at) => typo_of(&line[start..end], *typo, *at),
                    Replacement::SpecWord(index) => {
                        let words = spec_words();
                        words[index % words.len()].clone()
                    }
                    Replacement::Tricky(word) => (*word).to_owned(),
                };
                line.replace_range(start..end, &replacement);
            }
        }
        Mutation::Insert(i, at, text) => {
            let line = &mut lines[i % n];
            let boundaries: Vec<usize> = line
                .char_indices()
                .map(|(index, _)| index)
                .chain([line.len()])
                .collect();
            line.insert_str(boundaries[at % boundaries.len()], text);
        }
        Mutation::InsertLine(i, text) => lines.insert(i % (n + 1), text.clone()),
        Mutation::Truncate(at) => {
            let text = lines.join("\n");
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(index, _)| index)
                .chain([text.len()])
                .collect();
            return text[..boundaries[at % boundaries.len()]].to_owned();
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

fn typo_of(word: &str, typo: Typo, at: usize) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    let i = at % chars.len().max(1);
    match typo {
        Typo::Delete if !chars.is_empty() => {
            chars.remove(i);
        }
        Typo::Double if !chars.is_empty() => chars.insert(i, chars[i]),
        Typo::Swap if chars.len() >= 2 => {
            let j = (i + 1) % chars.len();
            chars.swap(i, j);
        }
        Typo::Upper if !chars.is_empty() => {
            let flipped: Vec<char> = if chars[i].is_uppercase() {
                chars[i].to_lowercase().collect()
            } else {
                chars[i].to_uppercase().collect()
            };
            chars.splice(i..=i, flipped);
        }
        Typo::Dash => {
            if let Some(underscore) = chars.iter().position(|&c| c == '_') {
                chars[underscore] = '-';
            } else {
                chars.insert(i, '-');
            }
        }
        _ => {}
    }
    chars.into_iter().collect()
}

/// Mutations of one or two files of the real spec.
fn mutated_spec() -> impl Strategy<Value = Vec<(usize, Vec<Mutation>)>> {
    prop::collection::vec(
        (any::<usize>(), prop::collection::vec(mutation(), 1..=4)),
        1..=2,
    )
}

fn apply_all(edits: &[(usize, Vec<Mutation>)]) -> Files {
    let mut files = real_spec().clone();
    let count = files.len();
    for (file, mutations) in edits {
        let text = &mut files[file % count].1;
        for mutation in mutations {
            *text = apply(text, mutation);
        }
    }
    files
}

// ---------------------------------------------------------------------------------------------
// Arbitrary text.

/// Pieces of YAML, joined at random: mostly not YAML, sometimes YAML of the wrong shape.
const YAML_TOKENS: &[&str] = &[
    "\n",
    "\n",
    "\n",
    "  ",
    "  ",
    "    ",
    "- ",
    ": ",
    ":",
    ", ",
    "[",
    "]",
    "{",
    "}",
    "'",
    "\"",
    "#",
    "&a ",
    "*a",
    "!!str ",
    "! ",
    "|",
    ">-",
    "? ",
    "---",
    "...",
    "%YAML 1.2",
    "\t",
    "~",
    "null",
    "true",
    "resources",
    "objects",
    "enums",
    "endpoints",
    "external_resources",
    "fields",
    "values",
    "type",
    "description",
    "nullable",
    "optional",
    "api_version",
    "modules",
    "Widget",
    "string",
    "array<",
    ">",
    "id",
    "object_tag",
    "é",
    "\u{feff}",
    "\r\n",
    "\\",
];

fn yaml_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(select(YAML_TOKENS), 0..60).prop_map(|tokens| tokens.concat())
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    prop_oneof![yaml_soup(), "\\PC{0,200}", ".{0,200}", any::<String>()]
}

// ---------------------------------------------------------------------------------------------
// Random specs from the grammar.
//
// A spec always defines the same seven types (two resources, two objects, two enums, and an
// external resource in a second module), and everything that refers to a type picks one of
// them, so that most random specs are valid and reach emission. Every choice is a safe one most
// of the time and, now and then (`RARELY` in `WEIGHT`), a tricky one: a colliding or reserved
// name, a type in the wrong place, a malformed path. Validation must report each of those, or
// emission must handle it.

/// Out of `WEIGHT`, how often a choice is tricky is drawn for each spec, from 0 (a valid spec)
/// to `MAX_RARELY`.
const WEIGHT: u32 = 100;
const MAX_RARELY: u32 = 3;

/// `value` most of the time, a tricky one `rarely` in `WEIGHT`.
fn keep(
    rarely: u32,
    value: &'static str,
    tricky: &'static [&'static str],
) -> BoxedStrategy<&'static str> {
    either(rarely, Just(value), select(tricky))
}

/// A safe choice most of the time, a tricky one `rarely` in `WEIGHT`.
fn pick(
    rarely: u32,
    safe: &'static [&'static str],
    tricky: &'static [&'static str],
) -> BoxedStrategy<&'static str> {
    either(rarely, select(safe), select(tricky))
}

fn either<T: std::fmt::Debug + 'static>(
    rarely: u32,
    safe: impl Strategy<Value = T> + 'static,
    tricky: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<T> {
    if rarely == 0 {
        safe.boxed()
    } else {
        prop_oneof![WEIGHT - rarely => safe, rarely => tricky].boxed()
    }
}

const OBJECT_NAMES: &[&str] = &["Holder", "Part"];
const ENUM_NAMES: &[&str] = &["WidgetColor", "Size"];
const TRICKY_TYPE_NAMES: &[&str] = &[
    "Widget",
    "Holder",
    "WidgetColor",
    "WidgetId",
    "WidgetExpand",
    "GadgetObject",
    "RetrieveWidgetParams",
    "ListWidgetsParams",
    "Option",
    "Client",
    "Unknown",
    "Type",
    "A",
    "Widget_Color",
    "widget",
    "Self",
    "Customer",
    "S",
    "D",
    "Item",
];
const TRICKY_REFERENCES: &[&str] = &[
    "shared::Widget",
    "widgets::Gadget",
    "nowhere::X",
    "Customer",
    "Undefined",
    "WidgetId",
    "Holder",
    "WidgetColor",
    "shared::Customer",
];
const FIELD_NAMES: &[&str] = &[
    "name", "color", "size", "owner", "holder", "part", "created", "amount", "label", "count",
    "livemode", "metadata",
];
const PATH_PARAM_NAMES: &[&str] = &["widget", "gadget", "part_id"];
const TRICKY_FIELD_NAMES: &[&str] = &[
    "id",
    "object",
    "type",
    "self",
    "Self",
    "3ds",
    "a_b",
    "a-b",
    "a.b",
    "a_b.c",
    "a",
    "b_c",
    "display_name",
    "display-name",
    "unknown",
    "client",
    "params",
    "path_segment",
    "key",
    "form",
    "_",
    "é",
    "",
    "starting_after",
    "expand",
    "data",
    "name",
    "Name",
    "widget",
];
const TRICKY_RUST_NAMES: &[&str] = &[
    "name",
    "other",
    "self",
    "type_",
    "Thing",
    "3x",
    "client",
    "params",
    "path_segment",
    "Unknown",
    "Other",
    "",
];
const VALUES: &[&str] = &[
    "red",
    "green",
    "blue",
    "us_bank_account",
    "financial_addresses.aba",
    "other",
    "in_review",
];
const TRICKY_VALUES: &[&str] = &[
    "Red",
    "RED",
    "us-bank-account",
    "unknown",
    "3d",
    "",
    "a.b",
    "a_b",
    "self",
    "é",
    "x y",
    "financial_connections.account",
    "Unknown",
    "red",
];
const ENDPOINT_NAMES: &[&str] = &[
    "retrieve_widget",
    "list_widgets",
    "create_widget",
    "update_gadget",
    "list_gadgets",
];
const TRICKY_ENDPOINT_NAMES: &[&str] = &[
    "list",
    "path_segment",
    "deserialize_enum",
    "example",
    "client",
    "Retrieve",
    "3x",
    "self",
    "type",
    "retrieve_widget",
    "list_widgets_paginated",
];
const TRICKY_PATHS: &[&str] = &[
    "/v1/widgets",
    "/v1/widgets/{id}",
    "/v1/{a}/{b}",
    "/v1/x/{}",
    "/v1/x/{id",
    "/v1/x/id}",
    "/v1/é",
    "v1/x",
    "/v1/w/{client}",
    "/v1/w/{params}",
    "/v1/w/{id}/{id}",
    "/v1/w/{a-b}",
    "/v1/w\"x",
    "/v1/w/{{id}}",
    "/v1/widgets/{widget}",
];
const DESCRIPTIONS: &[&str] = &[
    "A thing.",
    "Another thing, with `code` and [a link](https://stripe.com).",
    "A longer description that goes on for a while, so that it has to be wrapped when it is printed as a doc comment in the generated code.",
];
const TRICKY_DESCRIPTIONS: &[&str] = &[
    "",
    // Broke rustc, rustdoc or the doctests.
    "A bare URL: https://example.com/a.",
    "A [link] to [`Nothing`], and a [relative](page) one.",
    "An <b>unclosed tag and 1 < 2.",
    "Carriage\rreturn.",
    "Right-to-left \u{202e} override.",
    "Code:\n\n    let x = ;",
    "```\nunclosed",
    "```",
    "```rust\nfn x(\n```",
    "Line one.\nLine two.",
    "*/",
    "\"quoted\"",
    "{}",
    "#[doc]",
    "Ends with a backslash \\",
    "\u{202e}",
    "  ",
    "# Heading",
    "| a | b |",
];
const PREFIXES: &[&str] = &["wid_", "gad_"];
const TRICKY_PREFIXES: &[&str] = &["Wid-", "", "a__", "é_", "w", "_", "wid_"];
const OBJECT_VALUES: &[&str] = &["widget", "gadget", "treasury.widget"];
const TRICKY_OBJECT_VALUES: &[&str] = &["3d", "a.b", "", "unknown", "w-x", "Widget", "widget"];
const METHODS: &[&str] = &["GET", "POST"];
const TRICKY_METHODS: &[&str] = &["PUT", "get", ""];
const TRICKY_MODULES: &[&str] = &["shared", "std", "Widgets", "self", "widgets2"];
const STEMS: &[&str] = &["widget", "gadget", "parts"];
const TRICKY_STEMS: &[&str] = &["std", "Widget", "a-b", "mod", "widget", "serde", "widgets"];
const VERSIONS: &[&str] = &["2026-07-29.dahlia", "2024-06-20"];
const TRICKY_VERSIONS: &[&str] = &["latest", "2026-7-29", ""];

/// Any type expression, mostly nonsense in any given place.
fn any_type() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        select(
            &[
                "string",
                "integer",
                "boolean",
                "timestamp",
                "currency",
                "id",
                "object_tag",
                "expand",
                "strng",
                "String",
            ][..]
        )
        .prop_map(str::to_owned),
        select(TRICKY_TYPE_NAMES).prop_map(str::to_owned),
        select(TRICKY_REFERENCES).prop_map(str::to_owned),
    ];
    leaf.prop_recursive(3, 8, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| format!("array<{t}>")),
            inner.clone().prop_map(|t| format!("map<string, {t}>")),
            inner.clone().prop_map(|t| format!("range<{t}>")),
            inner.clone().prop_map(|t| format!("id<{t}>")),
            inner.clone().prop_map(|t| format!("expandable<{t}>")),
            inner.clone().prop_map(|t| format!("list<{t}>")),
            (inner.clone(), inner).prop_map(|(a, b)| format!("map<{a}, {b}>")),
        ]
    })
}

/// Where a type is used, which decides the types that are valid there.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Place {
    /// A field of a resource, or of `Holder` (which may contain a `Part`), or of `Part`.
    Field(&'static [&'static str]),
    Param,
    PathParam,
}

fn simple_type(place: Place) -> BoxedStrategy<String> {
    let named = |names: &'static [&'static str]| select(names).prop_map(str::to_owned);
    match place {
        Place::Field([]) => prop_oneof![
            4 => named(&["string", "integer", "boolean", "timestamp", "currency"]),
            2 => named(ENUM_NAMES),
            1 => named(&["expandable<Widget>", "expandable<Gadget>", "expandable<shared::Customer>"]),
            1 => named(&["id<Widget>", "id<shared::Customer>", "array<WidgetColor>"]),
            1 => named(&["map<string, string>", "map<currency, integer>", "array<array<integer>>"]),
        ]
        .boxed(),
        Place::Field(objects) => prop_oneof![
            4 => named(&["string", "integer", "boolean", "timestamp", "currency"]),
            2 => named(ENUM_NAMES),
            2 => named(objects),
            1 => named(&["expandable<Widget>", "expandable<Gadget>", "expandable<shared::Customer>"]),
            1 => named(&["id<Widget>", "id<shared::Customer>", "array<string>", "array<WidgetColor>"]),
            1 => named(&["map<string, string>", "map<currency, integer>", "list<Widget>"]),
            1 => named(objects).prop_map(|o| format!("array<{o}>")),
            1 => named(objects).prop_map(|o| format!("map<string, {o}>")),
        ]
        .boxed(),
        Place::Param => prop_oneof![
            4 => named(&["string", "integer", "boolean", "timestamp", "currency"]),
            2 => named(ENUM_NAMES),
            1 => named(&["expand", "range<timestamp>", "range<integer>", "array<string>"]),
            1 => named(&["id<Widget>", "id<Gadget>", "map<string, string>", "array<Size>"]),
        ]
        .boxed(),
        Place::PathParam => named(&["string", "id<Widget>", "id<Gadget>"]).boxed(),
    }
}

#[derive(Clone, Debug)]
struct Field {
    name: &'static str,
    ty: String,
    description: &'static str,
    nullable: bool,
    optional: bool,
    requires_expand: bool,
    clearable: bool,
    rust_name: Option<&'static str>,
}

/// Fields named from `names`, distinct unless a tricky name is picked.
fn fields(
    rarely: u32,
    place: Place,
    names: &'static [&'static str],
    max: usize,
) -> impl Strategy<Value = Vec<Field>> {
    let field = move |name: &'static str| {
        (
            keep(rarely, name, TRICKY_FIELD_NAMES),
            either(rarely, simple_type(place), any_type()),
            pick(rarely, DESCRIPTIONS, TRICKY_DESCRIPTIONS),
            any::<[bool; 4]>(),
            either(rarely, Just(None), select(TRICKY_RUST_NAMES).prop_map(Some)),
        )
            .prop_map(move |(name, ty, description, flags, rust_name)| {
                let field = matches!(place, Place::Field(_));
                Field {
                    name,
                    ty,
                    description,
                    nullable: flags[0] && field,
                    optional: flags[1] && place != Place::PathParam,
                    requires_expand: flags[2] && flags[1] && field,
                    clearable: flags[3] && flags[1] && place == Place::Param,
                    rust_name,
                }
            })
    };
    prop::sample::subsequence(names, 0..=max.min(names.len()))
        .prop_flat_map(move |names| names.into_iter().map(field).collect::<Vec<_>>())
}

#[derive(Clone, Debug)]
enum Item {
    Object {
        name: &'static str,
        resource: bool,
        object: Option<&'static str>,
        aliases: Vec<(&'static str, Option<&'static str>)>,
        id_prefix: &'static str,
        description: &'static str,
        fields: Vec<Field>,
    },
    External {
        name: &'static str,
        object: &'static str,
        id_prefix: &'static str,
    },
    Enum {
        name: &'static str,
        description: &'static str,
        values: Vec<(&'static str, Option<&'static str>, &'static str)>,
    },
    Endpoint {
        name: &'static str,
        method: &'static str,
        path: String,
        path_params: Vec<Field>,
        params: Vec<Field>,
        returns: String,
    },
}

fn resource(rarely: u32, name: &'static str) -> impl Strategy<Value = Item> {
    (
        keep(rarely, name, TRICKY_TYPE_NAMES),
        pick(rarely, OBJECT_VALUES, TRICKY_OBJECT_VALUES),
        prop::collection::vec(
            (
                keep(rarely, "linked_widget", TRICKY_VALUES),
                either(rarely, Just(None), select(TRICKY_RUST_NAMES).prop_map(Some)),
            ),
            0..=1,
        ),
        pick(rarely, PREFIXES, TRICKY_PREFIXES),
        pick(rarely, DESCRIPTIONS, TRICKY_DESCRIPTIONS),
        fields(rarely, Place::Field(OBJECT_NAMES), FIELD_NAMES, 4),
        prop::bool::weighted(0.8),
    )
        .prop_map(
            |(name, object, aliases, id_prefix, description, mut fields, tagged)| {
                let own = |name, ty: &str| Field {
                    name,
                    ty: ty.to_owned(),
                    description: "A thing.",
                    nullable: false,
                    optional: false,
                    requires_expand: false,
                    clearable: false,
                    rust_name: None,
                };
                fields.insert(0, own("id", "id"));
                if tagged {
                    fields.insert(1, own("object", "object_tag"));
                }
                Item::Object {
                    name,
                    resource: true,
                    object: Some(object),
                    aliases,
                    id_prefix,
                    description,
                    fields,
                }
            },
        )
}

/// An object whose fields may contain the objects `contains`.
fn object(
    rarely: u32,
    name: &'static str,
    contains: &'static [&'static str],
) -> impl Strategy<Value = Item> {
    (
        keep(rarely, name, TRICKY_TYPE_NAMES),
        pick(rarely, DESCRIPTIONS, TRICKY_DESCRIPTIONS),
        fields(rarely, Place::Field(contains), FIELD_NAMES, 3),
    )
        .prop_map(|(name, description, fields)| Item::Object {
            name,
            resource: false,
            object: None,
            aliases: Vec::new(),
            id_prefix: "",
            description,
            fields,
        })
}

fn enumeration(rarely: u32, name: &'static str) -> impl Strategy<Value = Item> {
    let value = move |wire: &'static str| {
        (
            keep(rarely, wire, TRICKY_VALUES),
            either(
                rarely,
                prop::option::weighted(0.05, Just("Another")),
                select(TRICKY_RUST_NAMES).prop_map(Some),
            ),
            pick(rarely, DESCRIPTIONS, TRICKY_DESCRIPTIONS),
        )
    };
    (
        keep(rarely, name, TRICKY_TYPE_NAMES),
        pick(rarely, DESCRIPTIONS, TRICKY_DESCRIPTIONS),
        prop::sample::subsequence(VALUES, 1..=4)
            .prop_flat_map(move |wires| wires.into_iter().map(value).collect::<Vec<_>>()),
    )
        .prop_map(|(name, description, values)| Item::Enum {
            name,
            description,
            values,
        })
}

fn endpoint(rarely: u32, name: &'static str) -> impl Strategy<Value = Item> {
    let returns = select(&["Widget", "Gadget", "list<Widget>", "list<Gadget>", "Holder"][..])
        .prop_map(str::to_owned);
    (
        keep(rarely, name, TRICKY_ENDPOINT_NAMES),
        pick(rarely, METHODS, TRICKY_METHODS),
        fields(rarely, Place::PathParam, PATH_PARAM_NAMES, 2),
        either(rarely, Just(None), select(TRICKY_PATHS).prop_map(Some)),
        fields(rarely, Place::Param, FIELD_NAMES, 4),
        either(rarely, returns, any_type()),
    )
        .prop_map(
            |(name, method, path_params, tricky_path, params, returns)| {
                // The path names each path parameter, unless a tricky path was picked.
                let path = tricky_path.map(str::to_owned).unwrap_or_else(|| {
                    let mut path = String::from("/v1/widgets");
                    for param in &path_params {
                        path.push_str(&format!("/{{{}}}", param.name));
                    }
                    path
                });
                Item::Endpoint {
                    name,
                    method,
                    path,
                    path_params,
                    params,
                    returns,
                }
            },
        )
}

/// A YAML scalar: plain when that is safe, else double-quoted (JSON escapes are YAML's).
fn scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '/')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./<>,: -{}".contains(c))
        && !text.contains(": ")
        && !text.ends_with([':', ' '])
        && !matches!(text, "true" | "false" | "null" | "yes" | "no");
    if plain {
        text.to_owned()
    } else {
        serde_json::to_string(text).expect("a string serializes")
    }
}

fn render_fields(out: &mut String, key: &str, fields: &[Field]) {
    if fields.is_empty() {
        out.push_str(&format!("    {key}: {{}}\n"));
        return;
    }
    out.push_str(&format!("    {key}:\n"));
    for field in fields {
        out.push_str(&format!("      {}:\n", scalar(field.name)));
        out.push_str(&format!("        type: {}\n", scalar(&field.ty)));
        out.push_str(&format!(
            "        description: {}\n",
            scalar(field.description)
        ));
        for (flag, set) in [
            ("nullable", field.nullable),
            ("optional", field.optional),
            ("requires_expand", field.requires_expand),
            ("clearable", field.clearable),
        ] {
            if set {
                out.push_str(&format!("        {flag}: true\n"));
            }
        }
        if let Some(rust_name) = field.rust_name {
            out.push_str(&format!("        rust_name: {}\n", scalar(rust_name)));
        }
    }
}

fn render_module_file(items: &[Item]) -> String {
    let mut sections: [(&str, String); 5] = [
        ("resources", String::new()),
        ("objects", String::new()),
        ("external_resources", String::new()),
        ("enums", String::new()),
        ("endpoints", String::new()),
    ];
    for item in items {
        let out = match item {
            Item::Object { resource: true, .. } => &mut sections[0].1,
            Item::Object { .. } => &mut sections[1].1,
            Item::External { .. } => &mut sections[2].1,
            Item::Enum { .. } => &mut sections[3].1,
            Item::Endpoint { .. } => &mut sections[4].1,
        };
        match item {
            Item::Object {
                name,
                resource,
                object,
                aliases,
                id_prefix,
                description,
                fields,
            } => {
                out.push_str(&format!("  {}:\n", scalar(name)));
                out.push_str(&format!("    description: {}\n", scalar(description)));
                if let Some(object) = object {
                    out.push_str(&format!("    object: {}\n", scalar(object)));
                }
                if !aliases.is_empty() {
                    out.push_str("    object_aliases:\n");
                    for (value, rust_name) in aliases {
                        match rust_name {
                            Some(rust_name) => out.push_str(&format!(
                                "      {}:\n        description: An alias.\n        rust_name: {}\n",
                                scalar(value),
                                scalar(rust_name)
                            )),
                            None => out.push_str(&format!("      {}: An alias.\n", scalar(value))),
                        }
                    }
                }
                if *resource {
                    out.push_str(&format!("    id_prefix: {}\n", scalar(id_prefix)));
                }
                render_fields(out, "fields", fields);
            }
            Item::External {
                name,
                object,
                id_prefix,
            } => out.push_str(&format!(
                "  {}:\n    object: {}\n    id_prefix: {}\n    description: An external thing.\n",
                scalar(name),
                scalar(object),
                scalar(id_prefix)
            )),
            Item::Enum {
                name,
                description,
                values,
            } => {
                out.push_str(&format!(
                    "  {}:\n    description: {}\n    values:\n",
                    scalar(name),
                    scalar(description)
                ));
                for (value, rust_name, description) in values {
                    match rust_name {
                        Some(rust_name) => out.push_str(&format!(
                            "      {}:\n        description: {}\n        rust_name: {}\n",
                            scalar(value),
                            scalar(description),
                            scalar(rust_name)
                        )),
                        None => out.push_str(&format!(
                            "      {}: {}\n",
                            scalar(value),
                            scalar(description)
                        )),
                    }
                }
            }
            Item::Endpoint {
                name,
                method,
                path,
                path_params,
                params,
                returns,
            } => {
                out.push_str(&format!(
                    "  {}:\n    description: An endpoint.\n    method: {}\n    path: {}\n    returns: {}\n",
                    scalar(name),
                    scalar(method),
                    scalar(path),
                    scalar(returns)
                ));
                render_fields(out, "path_params", path_params);
                render_fields(out, "params", params);
            }
        }
    }
    let mut text = String::new();
    for (section, body) in sections {
        if !body.is_empty() {
            text.push_str(&format!("{section}:\n{body}"));
        }
    }
    text
}

/// The seven types, one to three endpoints, spread over the files of module `widgets`; and
/// module `shared` with the external resource `Customer`.
fn random_spec() -> impl Strategy<Value = Files> {
    (0..=MAX_RARELY).prop_flat_map(spec_with)
}

fn spec_with(rarely: u32) -> impl Strategy<Value = Files> {
    let items = (
        resource(rarely, "Widget"),
        resource(rarely, "Gadget"),
        object(rarely, "Holder", &["Part"]),
        object(rarely, "Part", &[]),
        enumeration(rarely, "WidgetColor"),
        enumeration(rarely, "Size"),
        prop::sample::subsequence(ENDPOINT_NAMES, 1..=3).prop_flat_map(move |names| {
            names
                .into_iter()
                .map(|name| endpoint(rarely, name))
                .collect::<Vec<_>>()
        }),
    )
        .prop_map(|(widget, gadget, holder, part, color, size, endpoints)| {
            let mut items = vec![widget, gadget, holder, part, color, size];
            items.extend(endpoints);
            items
        });
    let customer = (
        keep(rarely, "customer", TRICKY_OBJECT_VALUES),
        keep(rarely, "cus_", TRICKY_PREFIXES),
    )
        .prop_map(|(object, id_prefix)| Item::External {
            name: "Customer",
            object,
            id_prefix,
        });
    (
        items,
        // Which file of `widgets` each item goes to.
        prop::collection::vec(select(STEMS), 16),
        (any::<usize>(), pick(rarely, STEMS, TRICKY_STEMS)),
        keep(rarely, "shared", TRICKY_MODULES),
        pick(rarely, VERSIONS, TRICKY_VERSIONS),
        customer,
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |(items, mut stems, (index, stem), shared, version, customer, empty_file)| {
                stems[index % 16] = stem;
                let mut api = format!("api_version: {}\nmodules:\n", scalar(version));
                for module in ["widgets", shared] {
                    api.push_str(&format!(
                        "  {}:\n    description: A module.\n",
                        scalar(module)
                    ));
                }
                let mut files: std::collections::BTreeMap<String, Vec<Item>> = Default::default();
                for (item, stem) in items.into_iter().zip(stems) {
                    files
                        .entry(format!("widgets/{stem}.yaml"))
                        .or_default()
                        .push(item);
                }
                let mut spec = vec![("api.yaml".to_owned(), api)];
                spec.extend(
                    files
                        .into_iter()
                        .map(|(path, items)| (path, render_module_file(&items))),
                );
                spec.push((
                    "shared/customer.yaml".to_owned(),
                    render_module_file(&[customer]),
                ));
                if empty_file {
                    spec.push((
                        "shared/notes.yaml".to_owned(),
                        "# Nothing yet.\n".to_owned(),
                    ));
                }
                spec
            },
        )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_real_spec_generates_or_reports_errors(edits in mutated_spec()) {
        check(&apply_all(&edits))?;
    }

    #[test]
    fn arbitrary_text_generates_or_reports_errors(
        file in any::<usize>(),
        text in arbitrary_text(),
    ) {
        let mut files = real_spec().clone();
        let count = files.len();
        files[file % count].1 = text;
        check(&files)?;
    }

    #[test]
    fn random_specs_generate_or_report_errors(spec in random_spec()) {
        check(&spec)?;
    }
}

/// The unmutated spec generates: the properties above start from a valid spec.
#[test]
fn the_real_spec_generates() {
    check(real_spec()).unwrap();
}

/// Inputs that once crashed the generator, emitted code that does not compile, or failed
/// without saying why; each replaces one file of the real spec (or adds it).
#[test]
fn known_bad_inputs_are_reported_as_spec_errors() {
    let deep = format!(
        "objects:\n  Deep:\n    description: Deep.\n    fields:\n      deep:\n        type: {}string{}\n        description: Deep.\n",
        "array<".repeat(100_000),
        ">".repeat(100_000)
    );
    let cases: &[(&str, &str)] = &[
        // Overflowed the stack (the process aborted).
        ("shared/customer.yaml", &deep),
        // Reported "0 errors in spec".
        ("api.yaml", "~\n"),
        ("api.yaml", ""),
        // The field was silently left out of the generated struct.
        (
            "shared/customer.yaml",
            "objects:\n  Thing:\n    description: A thing.\n    fields:\n      name:\n",
        ),
        // Two files that generate `shared/customer.rs`.
        (
            "shared/customer.yml",
            "enums:\n  Size:\n    description: A size.\n    values:\n      small: Small.\n",
        ),
    ];
    for (relative, text) in cases {
        let mut files = real_spec().clone();
        match files.iter_mut().find(|(path, _)| path == relative) {
            Some(file) => file.1 = (*text).to_owned(),
            None => files.push(((*relative).to_owned(), (*text).to_owned())),
        }
        let mut sources = Sources::default();
        for (relative, text) in &files {
            sources.add(format!("spec/{relative}"), relative.clone(), text.clone());
        }
        match codegen::generate(&sources, &Options::default()) {
            Err(Error::Spec { diagnostics, .. }) if !diagnostics.is_empty() => {}
            Err(error) => panic!("{relative}: expected spec errors, got: {error}"),
            Ok(_) => panic!("{relative}: generated without errors"),
        }
    }
}

/// Out of `WEIGHT`, how often a choice of the type-checked sample is tricky.
const TYPECHECK_RARELY: u32 = 6;

/// How many accepted random specs [`a_sample_of_accepted_random_specs_builds_cleanly`] builds:
/// `TYPECHECK_SPECS`, or 6.
fn typecheck_sample_size() -> usize {
    std::env::var("TYPECHECK_SPECS")
        .ok()
        .and_then(|count| count.parse().ok())
        .unwrap_or(6)
}

/// The oracle beyond "the output parses": a sample of accepted random specs (the same each run,
/// from a fixed seed) is written as the modules of one scratch crate, which must pass
/// `cargo clippy -D warnings`, `cargo doc` with warnings denied and `missing_docs` denied, and
/// compile its doc examples. The scratch crate and its target directory are kept under
/// `target/tmp`, built in this workspace's target directory, so dependencies are built once; it builds offline from this workspace's
/// `Cargo.lock`.
#[test]
fn a_sample_of_accepted_random_specs_builds_cleanly() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use std::fs;
    use std::path::Path;
    use std::process::Command;

    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-specs");
    // This workspace's target directory: the dependencies are built once for both.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap();
    let src = scratch.join("src");
    let _ = fs::remove_dir_all(&src);
    fs::create_dir_all(&src).unwrap();

    let mut runner = TestRunner::deterministic();
    // Tricky choices more often than in the properties above: the accepted ones (descriptions,
    // file names, Rust names) are what this is for.
    let strategy = spec_with(TYPECHECK_RARELY);
    let mut lib = String::from(
        "//! Accepted random specs from `a_sample_of_accepted_random_specs_builds_cleanly`.\n\
         #![deny(missing_docs)]\n#![forbid(unsafe_code)]\n#![warn(rust_2018_idioms)]\n",
    );
    let mut sample = Vec::new();
    let mut attempts = 0;
    while sample.len() < typecheck_sample_size() {
        attempts += 1;
        assert!(attempts < 5_000, "too few random specs are accepted");
        let files = strategy.new_tree(&mut runner).unwrap().current();
        let mut sources = Sources::default();
        for (relative, text) in &files {
            sources.add(format!("spec/{relative}"), relative.clone(), text.clone());
        }
        let module = format!("spec_{}", sample.len());
        let options = Options {
            root: format!("crate::{module}"),
            runtime: "::stripe_client".into(),
            public_root: format!("scratch::{module}"),
            public_runtime: "stripe_client".into(),
        };
        let Ok(output) = codegen::generate(&sources, &options) else {
            continue;
        };
        for file in &output {
            let path = src.join(&module).join(&file.path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, &file.contents).unwrap();
        }
        lib.push_str(&format!(
            "/// Random spec {}.\npub mod {module};\n",
            sample.len()
        ));
        sample.push(files);
    }
    fs::write(src.join("lib.rs"), lib).unwrap();
    fs::write(
        scratch.join("Cargo.toml"),
        format!(
            "[package]\nname = \"scratch\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\
             stripe-client = {{ path = {:?}, default-features = false }}\n\n[workspace]\n",
            workspace.join("generated").display().to_string()
        ),
    )
    .unwrap();
    // The same versions as this workspace, and nothing to download.
    fs::copy(workspace.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();

    let shown = || {
        sample
            .iter()
            .enumerate()
            .map(|(index, files)| {
                let files: Vec<String> = files
                    .iter()
                    .map(|(relative, text)| format!("--- spec/{relative}\n{text}"))
                    .collect();
                format!("===== spec_{index}\n{}", files.join("\n"))
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    for args in [
        &["clippy", "--offline", "--quiet", "--", "-D", "warnings"][..],
        &["doc", "--offline", "--quiet", "--no-deps"],
        &["test", "--offline", "--quiet", "--doc"],
    ] {
        let output = Command::new(&cargo)
            .args(args)
            .current_dir(&scratch)
            .env("CARGO_TARGET_DIR", target)
            .env("RUSTDOCFLAGS", "-D warnings")
            .env_remove("RUSTFLAGS")
            .output()
            .expect("run cargo");
        assert!(
            output.status.success(),
            "`cargo {}` failed on the generated code in {}:\n{}\n\nfor these specs:\n{}",
            args.join(" "),
            src.display(),
            String::from_utf8_lossy(&output.stderr),
            shown()
        );
    }
}
