//! `cargo xtask audit` end to end: the real binary on copies of this workspace's `spec/`,
//! against the 2026 extract of Stripe's OpenAPI file in `tests/data/` (see its README), given as
//! a spec3.json file and as the older directory of `schemas.json` and `paths.json`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const EXTRACT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/spec3-extract-2026-07-29.json"
);

/// A copy of this workspace's spec/, removed on drop.
struct Checkout(PathBuf);

impl Checkout {
    fn new(name: &str) -> Checkout {
        let root = std::env::temp_dir().join(format!("xtask-audit-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        copy_dir(&workspace.join("spec"), &root.join("spec"));
        Checkout(root)
    }

    fn audit(&self, openapi: &Path) -> Output {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .arg("audit")
            .arg(openapi)
            .arg("--root")
            .arg(&self.0)
            .output()
            .unwrap()
    }

    /// Replaces the first `from` in a spec file with `to`.
    fn edit(&self, relative: &str, from: &str, to: &str) {
        let path = self.0.join("spec").join(relative);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{relative} does not contain {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// The 1-based line of the first line of a spec file containing `needle`.
    fn line_of(&self, relative: &str, needle: &str) -> usize {
        let text = fs::read_to_string(self.0.join("spec").join(relative)).unwrap();
        text.lines().position(|line| line.contains(needle)).unwrap() + 1
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

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn extract() -> Value {
    serde_json::from_str(&fs::read_to_string(EXTRACT).unwrap()).unwrap()
}

#[test]
fn the_shipped_spec_matches_the_extract_as_a_file_and_as_a_directory() {
    let checkout = Checkout::new("clean");
    let output = checkout.audit(Path::new(EXTRACT));
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).starts_with("audit: spec/ matches "));

    let dir = checkout.0.join("openapi");
    fs::create_dir_all(&dir).unwrap();
    let extract = extract();
    fs::write(
        dir.join("schemas.json"),
        extract["components"]["schemas"].to_string(),
    )
    .unwrap();
    fs::write(dir.join("paths.json"), extract["paths"].to_string()).unwrap();
    let output = checkout.audit(&dir);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn differences_name_the_spec_file_and_line() {
    let checkout = Checkout::new("edited");
    let file = "financial_connections/account.yaml";
    // `last4` is nullable in the API; drop that from the spec.
    checkout.edit(
        file,
        "      last4:\n        type: string\n        nullable: true\n",
        "      last4:\n        type: string\n",
    );
    checkout.edit(
        file,
        "      other: The account does not fall under the other categories.\n",
        "",
    );
    let output = checkout.audit(Path::new(EXTRACT));
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let last4 = checkout.line_of(file, "      last4:");
    let category = checkout.line_of(file, "  AccountCategory:");
    assert_eq!(
        stdout(&output),
        format!(
            "spec/{file}:{last4}:7: Account.last4: nullable is false, the OpenAPI says true\n\
             spec/{file}:{category}:3: Account.category: enum value `other` is missing (`AccountCategory`)\n\
             \naudit: 2 differences from {EXTRACT}\n"
        )
    );
}

/// The audit covers what spec/ models: an operation of the OpenAPI that spec/ has no endpoint
/// for is not a difference, and neither is a schema nothing in spec/ reaches.
#[test]
fn what_spec_does_not_model_is_not_a_finding() {
    let checkout = Checkout::new("scope");
    let mut extract = extract();
    extract["paths"]["/v1/widgets"] = serde_json::json!({"get": {"responses": {}}});
    extract["components"]["schemas"]["widget"] =
        serde_json::json!({"type": "object", "properties": {"id": {"type": "string"}}});
    let path = checkout.0.join("spec3.json");
    fs::write(&path, extract.to_string()).unwrap();
    let output = checkout.audit(&path);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn an_unreadable_openapi_file_exits_2_with_its_position() {
    let checkout = Checkout::new("bad");
    let path = checkout.0.join("spec3.json");
    fs::write(&path, "{\"openapi\": \"3.0.0\", \"paths\": [] }").unwrap();
    let output = checkout.audit(&path);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains(&format!(
            "{}: at /paths: expected an object, found an array",
            path.display()
        )),
        "{message}"
    );
}
