//! `cargo xtask import --update` end to end: a copy of this workspace's hand-written `spec/`
//! brought up to date with edited copies of the 2026 extract in `tests/data/` (see its README).
//! The YAML diff must be exactly the API change, and hand edits must survive.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

const EXTRACT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/spec3-extract-2026-07-29.json"
);

const ACCOUNT: &str = "financial_connections/account.yaml";

/// A copy of this workspace's spec/, removed on drop.
struct Checkout(PathBuf);

impl Checkout {
    fn new(name: &str) -> Checkout {
        let root = std::env::temp_dir().join(format!("xtask-update-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        copy_dir(&workspace.join("spec"), &root.join("spec"));
        Checkout(root)
    }

    fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.0.join("spec").join(relative)).unwrap()
    }

    fn write(&self, relative: &str, text: &str) {
        fs::write(self.0.join("spec").join(relative), text).unwrap();
    }

    /// Imports the two resources from `openapi` with `--update`.
    fn update(&self, openapi: &Value) -> Output {
        let path = self.0.join("spec3.json");
        fs::write(&path, serde_json::to_string_pretty(openapi).unwrap()).unwrap();
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .arg("import")
            .arg(&path)
            .args([
                "financial_connections.account",
                "treasury.financial_account",
                "--update",
            ])
            .arg("--root")
            .arg(&self.0)
            .output()
            .unwrap()
    }
}

impl Drop for Checkout {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn extract() -> Value {
    serde_json::from_str(&fs::read_to_string(EXTRACT).unwrap()).unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn succeeded(output: &Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(output),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(output)
}

/// The lines removed (`-`) and added (`+`) from `old` to `new`, in order: a longest common
/// subsequence diff.
fn diff(old: &str, new: &str) -> Vec<String> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i][j] = if a[i] == b[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut changes = Vec::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || table[i][j + 1] >= table[i + 1][j]) {
            changes.push(format!("+{}", b[j]));
            j += 1;
        } else {
            changes.push(format!("-{}", a[i]));
            i += 1;
        }
    }
    changes
}

fn account(openapi: &mut Value) -> &mut Value {
    &mut openapi["components"]["schemas"]["financial_connections.account"]
}

#[test]
fn the_same_api_changes_nothing() {
    let checkout = Checkout::new("same");
    let before = checkout.read(ACCOUNT);
    let output = succeeded(&checkout.update(&extract()));
    assert!(output.contains("import: spec/ is up to date"), "{output}");
    assert_eq!(checkout.read(ACCOUNT), before);
}

/// Done-when 2 of the import: one field added, one enum value added and one field removed give
/// a YAML diff of exactly the new field and the new value; the removal is reported with its
/// line; hand edits (comments, reworded descriptions, names, the order of keys) survive.
#[test]
fn a_one_field_change_is_a_one_field_diff() {
    let checkout = Checkout::new("change");
    // A hand edit the update must keep: a comment among the fields.
    let text = checkout.read(ACCOUNT);
    let text = text.replacen(
        "      livemode:\n",
        "      # Test mode objects never move real money.\n      livemode:\n",
        1,
    );
    checkout.write(ACCOUNT, &text);
    let before = checkout.read(ACCOUNT);

    let mut openapi = extract();
    let schema = account(&mut openapi);
    schema["properties"]["nickname"] = json!({
        "type": "string", "nullable": true, "maxLength": 5000,
        "description": "A nickname for the account, set by its holder."
    });
    schema["properties"]["category"]["enum"]
        .as_array_mut()
        .unwrap()
        .push(json!("crypto"));
    schema["properties"]
        .as_object_mut()
        .unwrap()
        .remove("last4");

    let output = succeeded(&checkout.update(&openapi));
    let after = checkout.read(ACCOUNT);
    assert_eq!(
        diff(&before, &after),
        [
            "+      nickname:",
            "+        type: string",
            "+        nullable: true",
            "+        optional: true",
            "+        description: A nickname for the account, set by its holder.",
            "+      crypto: The value `crypto`.",
        ]
    );
    // The new field follows `livemode`, its predecessor in the OpenAPI's order.
    assert!(after.contains("          object exists in test mode.\n      nickname:\n"));
    let last4 = before.lines().position(|l| l == "      last4:").unwrap() + 1;
    assert!(
        output.contains(&format!(
            "import: spec/{ACCOUNT}:{last4}: `Account.last4` is no longer in the OpenAPI; it was kept"
        )),
        "{output}"
    );
    // Every other file is untouched.
    for other in ["treasury/financial_account.yaml", "api.yaml"] {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        assert_eq!(
            checkout.read(other),
            fs::read_to_string(workspace.join("spec").join(other)).unwrap()
        );
    }
}

#[test]
fn changed_flags_are_edited_in_place() {
    let checkout = Checkout::new("flags");
    let before = checkout.read(ACCOUNT);
    let mut openapi = extract();
    let schema = account(&mut openapi);
    // `display_name` is no longer nullable; `institution_name` is no longer always present.
    schema["properties"]["display_name"]
        .as_object_mut()
        .unwrap()
        .remove("nullable");
    let required = schema["required"].as_array_mut().unwrap();
    required.retain(|name| name != "institution_name");
    let output = succeeded(&checkout.update(&openapi));
    assert_eq!(
        diff(&before, &checkout.read(ACCOUNT)),
        ["-        nullable: true", "+        optional: true"]
    );
    assert!(
        output.contains("`Account.display_name` is no longer nullable: removed `nullable: true`"),
        "{output}"
    );
    assert!(
        output.contains("`Account.institution_name` is now optional: added `optional: true`"),
        "{output}"
    );
}

/// New endpoints, parameters and nested types go where they belong: an endpoint at the end of
/// the endpoints, a parameter after its predecessor, a new object and enum at the end of their
/// sections.
#[test]
fn new_endpoints_parameters_and_types_are_added() {
    let checkout = Checkout::new("additions");
    let before = checkout.read(ACCOUNT);
    let mut openapi = extract();
    let retrieve = openapi["paths"]["/v1/financial_connections/accounts/{account}"]["get"].clone();
    let mut archive = retrieve.clone();
    archive["operationId"] = json!("PostFinancialConnectionsAccountsAccountArchive");
    archive["description"] = json!("<p>Archives a Financial Connections <code>Account</code>.</p>");
    openapi["paths"]["/v1/financial_connections/accounts/{account}/archive"] =
        json!({"post": archive});
    let list = &mut openapi["paths"]["/v1/financial_connections/accounts"]["get"]["parameters"];
    list.as_array_mut().unwrap().push(json!({
        "in": "query", "name": "status", "required": false, "description": "Only accounts with this status.",
        "schema": {"type": "string", "enum": ["active", "inactive"]}
    }));
    account(&mut openapi)["properties"]["review"] = json!({
        "anyOf": [{"$ref": "#/components/schemas/bank_connections_resource_review"}],
        "nullable": true, "description": "The latest review of the account."
    });
    openapi["components"]["schemas"]["bank_connections_resource_review"] = json!({
        "type": "object", "required": ["outcome"], "description": "A review of an account.",
        "properties": {"outcome": {"type": "string", "enum": ["approved", "rejected"],
                                   "description": "What the review decided."}}
    });
    let output = succeeded(&checkout.update(&openapi));
    let after = checkout.read(ACCOUNT);
    let added: Vec<String> = diff(&before, &after);
    assert!(added.iter().all(|line| line.starts_with('+')), "{added:#?}");
    let added = added.join("\n");
    for expected in [
        "+      review:\n+        type: BankConnectionsResourceReview\n+        nullable: true\n+        optional: true\n+        description: The latest review of the account.",
        "+  BankConnectionsResourceReview:\n+    description: A review of an account.\n+    fields:\n+      outcome:\n+        type: BankConnectionsResourceReviewOutcome",
        "+  BankConnectionsResourceReviewOutcome:\n+    description: What the review decided.\n+    values:\n+      approved: The value `approved`.\n+      rejected: The value `rejected`.",
        "+      status:\n+        type: ListAccountsParamsStatus\n+        optional: true\n+        description: Only accounts with this status.",
        "+  archive_account:\n+    description: Archives a Financial Connections `Account`.\n+    method: POST\n+    path: /v1/financial_connections/accounts/{account}/archive",
    ] {
        assert!(
            added.contains(expected),
            "missing\n{expected}\nin\n{added}\n{output}"
        );
    }
    // The endpoint went after the last endpoint; the parameter after `starting_after`, which
    // precedes it in the OpenAPI's list.
    assert!(after.ends_with("    returns: Account\n"), "{after}");
    assert!(
        after.contains("          fetch the next page of the list.\n      status:\n"),
        "{after}"
    );
}
