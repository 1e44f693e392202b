//! `cargo xtask import --all` on `tests/data/constructs.json`, a small OpenAPI file written for
//! this test with one of each construct the whole Stripe API uses: a union field, an expandable
//! union of a resource and its deleted form, a `DELETE` that returns the deleted form, a
//! response that is the resource or its deleted form, an untagged union (of objects without an
//! `object` tag), a search, a list field, `number` and
//! free-form JSON fields, and parameters that are a `one_of`, a range, clearable, an enum with
//! `""`, and an object without properties; plus a multipart upload and a PDF response, which
//! the spec format cannot express and the import must report. The imported spec is checked
//! through the decoded spec, and the audit must find it identical to the file.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

use codegen::spec::ast::{Def, EndpointDef, FieldDef, Method, ObjectDef, Role, Spec, TypeExpr};

const OPENAPI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/constructs.json");
const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/constructs-fixtures.json"
);

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("xtask-constructs-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .arg("--root")
            .arg(&self.0)
            .output()
            .unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn stdout(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn spec(scratch: &Scratch) -> (codegen::Sources, Spec) {
    let sources = codegen::Sources::read_dir(&scratch.0.join("spec"), "spec").unwrap();
    let decoded = codegen::spec::decode::decode(&sources);
    assert!(decoded.errors.is_empty(), "{:?}", decoded.errors);
    let spec = decoded.spec.unwrap();
    (sources, spec)
}

fn def<'s>(spec: &'s Spec, name: &str) -> &'s Def {
    spec.files
        .iter()
        .flat_map(|file| &file.items)
        .find(|item| item.name().value == name)
        .unwrap_or_else(|| panic!("no definition `{name}`"))
}

fn object<'s>(spec: &'s Spec, name: &str) -> &'s ObjectDef {
    match def(spec, name) {
        Def::Object(object) => object,
        other => panic!("`{name}` is not an object: {other:?}"),
    }
}

fn endpoint<'s>(spec: &'s Spec, name: &str) -> &'s EndpointDef {
    match def(spec, name) {
        Def::Endpoint(endpoint) => endpoint,
        other => panic!("`{name}` is not an endpoint: {other:?}"),
    }
}

fn field<'s>(fields: &'s [FieldDef], wire: &str) -> &'s FieldDef {
    fields
        .iter()
        .find(|field| field.name.value == wire)
        .unwrap_or_else(|| panic!("no field `{wire}`"))
}

/// The name a type refers to, for `Named`, `Expandable`, `List`, `Search` and `Id`.
fn target(ty: &TypeExpr) -> &str {
    match ty {
        TypeExpr::Named(name)
        | TypeExpr::Expandable(name)
        | TypeExpr::List(name)
        | TypeExpr::Search(name)
        | TypeExpr::Id(name) => &name.name,
        other => panic!("{other:?} names no type"),
    }
}

#[test]
fn every_construct_is_imported_and_the_rest_reported() {
    let scratch = Scratch::new("all");
    let output = scratch.run(&["import", OPENAPI, "--all", "--fixtures", FIXTURES]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    for expected in [
        "import: 4 operations and 8 schemas imported; spec/ models 4 of the file's 6 operations and 8 of its 9 schemas; 4 left out or changed:",
        "field `spare` of `shared::WidgetPart`: written `boxed: true`: `WidgetPart` contains `WidgetPart` again, and a struct can contain itself only through a `Box`",
        "POST /v1/files: not imported: its request body is `multipart/form-data`; the spec format sends form-encoded parameters only",
        "GET /v1/widgets/{widget}/manual: not imported: its response is `application/pdf`, not JSON; the spec format describes JSON responses only",
        "schema `error`: not imported: it describes error responses, which the runtime's `Error` decodes",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in:\n{report}"
        );
    }
    // The fixtures give every ID prefix.
    assert!(!report.contains("no fixture shows"), "{report}");

    let (_, spec) = spec(&scratch);
    let customer = object(&spec, "Customer");
    assert_eq!(customer.id_prefix.as_ref().unwrap().value, "cus_");

    // The deleted form: an object beside its resource, with the resource's ID and `deleted`.
    let deleted = object(&spec, "DeletedCustomer");
    assert_eq!(deleted.role, Role::Object);
    assert_eq!(deleted.object.as_ref().unwrap().value, "customer");
    assert_eq!(target(&field(&deleted.fields, "id").ty.expr), "Customer");
    assert_eq!(field(&deleted.fields, "deleted").ty.expr, TypeExpr::Deleted);

    // A resource or its deleted form, as a response and as an expandable field.
    let Def::Union(or_deleted) = def(&spec, "CustomerOrDeleted") else {
        panic!("CustomerOrDeleted is not a union")
    };
    let variants: Vec<&str> = or_deleted
        .variants
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(variants, ["Customer", "DeletedCustomer"]);
    let widget = object(&spec, "Widget");
    let owner = &field(&widget.fields, "owner").ty.expr;
    assert!(matches!(owner, TypeExpr::Expandable(_)), "{owner:?}");
    assert_eq!(target(owner), "CustomerOrDeleted");

    // A union field, a list field, `number`, and free-form JSON that may be null or absent.
    let source = target(&field(&widget.fields, "source").ty.expr);
    let Def::Union(union) = def(&spec, source) else {
        panic!("{source} is not a union")
    };
    let variants: Vec<&str> = union.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(variants, ["Card", "BankAccount"]);
    assert!(matches!(
        field(&widget.fields, "parts").ty.expr,
        TypeExpr::List(_)
    ));
    assert_eq!(field(&widget.fields, "ratio").ty.expr, TypeExpr::Number);
    // An object that contains itself, through a boxed field.
    let part = object(&spec, "WidgetPart");
    assert!(field(&part.fields, "spare").boxed.is_some());
    let raw = field(&widget.fields, "raw");
    assert_eq!(raw.ty.expr, TypeExpr::Json);
    assert!(raw.nullable.is_some() && raw.optional.is_some());

    // DELETE, search, and the response that is one of two objects.
    let delete = endpoint(&spec, "delete_customer");
    assert_eq!(delete.method, Method::Delete);
    assert_eq!(target(&delete.returns.expr), "DeletedCustomer");
    let search = endpoint(&spec, "search_customers");
    assert!(matches!(search.returns.expr, TypeExpr::Search(_)));
    assert_eq!(target(&search.returns.expr), "Customer");
    assert_eq!(
        target(&endpoint(&spec, "retrieve_customer").returns.expr),
        "CustomerOrDeleted"
    );

    // Parameters: one_of, range, clearable map and object, an enum with "" (clearable, without
    // the empty value), and an object without properties.
    let create = endpoint(&spec, "create_widget");
    let amount = target(&field(&create.params, "amount").ty.expr);
    let Def::OneOf(one_of) = def(&spec, amount) else {
        panic!("{amount} is not a one_of")
    };
    let kinds: Vec<&TypeExpr> = one_of.variants.iter().map(|v| &v.expr).collect();
    assert_eq!(kinds, [&TypeExpr::Integer, &TypeExpr::String]);
    assert!(matches!(&field(&create.params, "created").ty.expr,
        TypeExpr::Range(inner) if inner.expr == TypeExpr::Timestamp));
    for clearable in ["metadata", "mode", "shipping"] {
        assert!(
            field(&create.params, clearable).clearable.is_some(),
            "{clearable}"
        );
    }
    let Def::Enum(mode) = def(&spec, target(&field(&create.params, "mode").ty.expr)) else {
        panic!("mode is not an enum")
    };
    let values: Vec<&str> = mode.values.iter().map(|v| v.wire.value.as_str()).collect();
    assert_eq!(values, ["fast", "slow"]);
    let options = object(&spec, target(&field(&create.params, "options").ty.expr));
    assert_eq!(options.role, Role::Params);
    let quiet = object(&spec, target(&field(&options.fields, "quiet").ty.expr));
    assert_eq!(
        (quiet.name.value.as_str(), quiet.fields.len()),
        ("EmptyParams", 0)
    );

    let output = scratch.run(&["audit", OPENAPI]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

/// Importing one resource that a union field needs: the union's variants come too, with their
/// fields, since a union decodes each of them; the customer, reached only through an expandable
/// field, stays an ID with its deleted form beside it.
#[test]
fn what_a_resource_needs_comes_with_it() {
    let scratch = Scratch::new("widget");
    let output = scratch.run(&["import", OPENAPI, "widget", "--fixtures", FIXTURES]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let (_, spec) = spec(&scratch);
    assert!(matches!(def(&spec, "Card"), Def::Object(card) if card.is_resource()));
    assert!(matches!(def(&spec, "Customer"), Def::External(_)));
    assert!(matches!(def(&spec, "DeletedCustomer"), Def::Object(_)));
    let output = scratch.run(&["audit", OPENAPI]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

/// Without fixtures nothing shows the resources' ID prefixes: they are written without
/// `id_prefix` and reported, rather than made up, and the spec still generates.
#[test]
fn an_id_prefix_nothing_shows_is_left_out_not_made_up() {
    let scratch = Scratch::new("no-fixtures");
    let output = scratch.run(&["import", OPENAPI, "widget"]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert!(
        report.contains("import: no fixture shows an ID of `widget`: written without `id_prefix`"),
        "{report}"
    );
    let (sources, spec) = spec(&scratch);
    assert!(object(&spec, "Widget").id_prefix.is_none());
    let Def::External(customer) = def(&spec, "Customer") else {
        panic!("Customer is not an external resource")
    };
    assert!(customer.id_prefix.is_none());
    let files = codegen::generate(&sources, &codegen::Options::default()).expect("generates");
    let widget = files
        .iter()
        .find(|file| file.contents.contains("pub struct WidgetId"))
        .expect("a file with WidgetId");
    assert!(widget.contents.contains("/// The ID of a [`Widget`].\n"));
}
