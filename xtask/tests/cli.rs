//! `cargo xtask codegen` end to end: the real binary, run with `--root` on a temporary copy of
//! `spec/` and `generated/src/generated/`, checking exit codes, messages, and that a failed run
//! leaves every generated file byte-identical and no temporary file behind.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const OUTPUT: &str = "generated/src/generated";

/// A temporary checkout holding copies of `spec/` and the generated modules. Removed on drop.
struct Checkout {
    root: PathBuf,
}

impl Checkout {
    /// A copy of this workspace's spec and generated modules, brought up to date with each
    /// other (another change to spec/ may be in progress in the workspace).
    fn new(name: &str) -> Checkout {
        let root = std::env::temp_dir().join(format!("xtask-cli-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask is in the workspace");
        copy_dir(&workspace.join("spec"), &root.join("spec"));
        copy_dir(&workspace.join(OUTPUT), &root.join(OUTPUT));
        let checkout = Checkout { root };
        let output = checkout.run(&["codegen"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        checkout
    }

    /// Runs `xtask <args> --root <root>`.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .output()
            .expect("run xtask")
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// Replaces the first `from` in a file of the checkout with `to`.
    fn edit(&self, relative: &str, from: &str, to: &str) {
        let path = self.path(relative);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{relative} does not contain {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// Every entry below the output directory (hidden ones too), with the bytes of files.
    fn output_files(&self) -> Tree {
        tree(&self.path(OUTPUT)).expect("the output directory exists")
    }
}

/// Relative path to the bytes of each file (`None` for directories).
type Tree = BTreeMap<String, Option<Vec<u8>>>;

/// Every entry below `dir`, or `None` if there is no `dir`.
fn tree(dir: &Path) -> Option<Tree> {
    if !dir.exists() {
        return None;
    }
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current).unwrap().flatten() {
            let path = entry.path();
            let relative = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if path.is_dir() {
                pending.push(path);
                found.insert(relative, None);
            } else {
                found.insert(relative, Some(fs::read(&path).unwrap()));
            }
        }
    }
    Some(found)
}

impl Drop for Checkout {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
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

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn an_up_to_date_checkout_exits_0() {
    let checkout = Checkout::new("fresh");
    let output = checkout.run(&["codegen"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("files up to date"),
        "{}",
        stdout(&output)
    );
    let output = checkout.run(&["codegen", "--check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
}

/// The end-to-end promise: a spec with mistakes exits 1, reports every mistake with its
/// position, and leaves generated/ byte for byte as it was.
#[test]
fn a_broken_spec_exits_1_reports_every_mistake_and_changes_nothing() {
    let checkout = Checkout::new("broken");
    let before = checkout.output_files();
    // A change that would alter the generated code, so that writing anything would show...
    checkout.edit(
        "spec/financial_connections/account.yaml",
        "description: Unique identifier for the object.",
        "description: The unique identifier of the object.",
    );
    // ...and two mistakes in two files.
    checkout.edit(
        "spec/financial_connections/account.yaml",
        "        nullable: true",
        "        nulable: true",
    );
    checkout.edit(
        "spec/treasury/financial_account.yaml",
        "type: string",
        "type: strng",
    );

    let output = checkout.run(&["codegen"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    for expected in [
        "error: unknown key `nulable` in field",
        "--> spec/financial_connections/account.yaml:",
        "= help: did you mean `nullable`?",
        "error: unknown type `strng`; expected a built-in type or a type name",
        "--> spec/treasury/financial_account.yaml:",
        "= help: did you mean `string`?",
        "2 errors in spec",
        "generated/src/generated was not changed.",
    ] {
        assert!(
            message.contains(expected),
            "missing {expected:?} in:\n{message}"
        );
    }
    // Sorted by file: financial_connections before treasury.
    let first = message.find("financial_connections/account.yaml").unwrap();
    let second = message.find("treasury/financial_account.yaml").unwrap();
    assert!(first < second, "{message}");
    assert_eq!(stdout(&output), "");
    assert!(
        checkout.output_files() == before,
        "generated files changed, or a temporary file was left"
    );
}

#[test]
fn broken_yaml_exits_1_and_changes_nothing() {
    let checkout = Checkout::new("yaml");
    let before = checkout.output_files();
    checkout.edit(
        "spec/treasury/financial_account.yaml",
        "  FinancialAccount:",
        "  FinancialAccount: [",
    );
    let output = checkout.run(&["codegen"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(message.contains("error: invalid YAML:"), "{message}");
    assert!(
        message.contains("--> spec/treasury/financial_account.yaml:"),
        "{message}"
    );
    assert!(checkout.output_files() == before, "generated files changed");
}

#[test]
fn bad_usage_exits_2() {
    let checkout = Checkout::new("usage");
    for args in [
        &["codegen", "--chek"][..],
        &["codegen", "extra"],
        &["generate"],
        &["codegen", "--root"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .output()
            .unwrap();
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(message.starts_with("error: "), "{args:?}: {message}");
        assert!(
            message.contains("usage: cargo xtask codegen [--check] [--root <dir>]"),
            "{message}"
        );
    }
    let output = checkout.run(&["codegen", "--chek"]);
    assert!(
        stderr(&output).contains("did you mean `--check`?"),
        "{}",
        stderr(&output)
    );

    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("--help")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains(
        "exit codes: 0 success, 1 spec errors (or import refused, or audit differences,"
    ));
}

#[test]
fn io_errors_exit_2_and_change_nothing() {
    // No spec at all.
    let missing = std::env::temp_dir().join(format!("xtask-cli-missing-{}", std::process::id()));
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--root"])
        .arg(&missing)
        .output()
        .unwrap();
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains(&format!("{}/spec: ", missing.display())),
        "{message}"
    );
    assert!(
        !missing.exists(),
        "a failed run created {}",
        missing.display()
    );

    // A module's output directory is a file: nothing can be compared or written below it.
    let checkout = Checkout::new("io");
    checkout.edit(
        "spec/shared/customer.yaml",
        "description: A Stripe customer.",
        "description: A customer.",
    );
    fs::remove_dir_all(checkout.path(OUTPUT).join("shared")).unwrap();
    fs::write(checkout.path(OUTPUT).join("shared"), "not a directory").unwrap();
    let before = checkout.output_files();
    let output = checkout.run(&["codegen"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains("generated/src/generated/shared"),
        "{message}"
    );
    assert!(message.contains("was not changed"), "{message}");
    assert!(checkout.output_files() == before, "generated files changed");
}

#[test]
fn check_exits_3_naming_each_stale_file_and_changes_nothing() {
    let checkout = Checkout::new("stale");
    let customer = checkout.path(OUTPUT).join("shared/customer.rs");
    let mut text = fs::read_to_string(&customer).unwrap();
    text.push_str("// edited by hand\n");
    fs::write(&customer, &text).unwrap();
    fs::remove_file(checkout.path(OUTPUT).join("treasury/mod.rs")).unwrap();
    fs::write(
        checkout.path(OUTPUT).join("shared/extra.rs"),
        "// not generated\n",
    )
    .unwrap();
    let before = checkout.output_files();

    let output = checkout.run(&["codegen", "--check"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(3), "{message}");
    let root = checkout.root.display().to_string();
    for expected in [
        format!("{root}/generated/src/generated/shared/customer.rs is stale"),
        format!("{root}/generated/src/generated/treasury/mod.rs is missing"),
        format!("{root}/generated/src/generated/shared/extra.rs is no longer generated"),
        format!("run `cargo xtask codegen --root {root}`"),
    ] {
        assert!(
            message.contains(&expected),
            "missing {expected:?} in:\n{message}"
        );
    }
    assert!(checkout.output_files() == before, "--check changed files");

    // Without --check the same checkout is repaired, and then is up to date.
    let output = checkout.run(&["codegen"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = stdout(&output);
    for expected in [
        "updated shared/customer.rs",
        "created treasury/mod.rs",
        "removed shared/extra.rs",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in:\n{report}"
        );
    }
    assert_eq!(checkout.run(&["codegen", "--check"]).status.code(), Some(0));
}

/// `cargo xtask codegen` without `--root` works on the checkout it is run in, found from the
/// current directory, not on the one the binary was built in.
#[test]
fn finds_the_checkout_from_the_current_directory() {
    let checkout = Checkout::new("cwd");
    fs::write(checkout.path("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
    checkout.edit(
        "spec/shared/customer.yaml",
        "description: A Stripe customer.",
        "description: A customer of this checkout.",
    );
    // From a directory inside the checkout, as `cargo xtask` runs from wherever it is invoked.
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("codegen")
        .current_dir(checkout.path("generated/src"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("updated shared/customer.rs"),
        "{}",
        stdout(&output)
    );
    let customer = fs::read_to_string(checkout.path(OUTPUT).join("shared/customer.rs")).unwrap();
    assert!(
        customer.contains("A customer of this checkout."),
        "{customer}"
    );

    // Outside any checkout it says so, and asks for --root.
    let outside = std::env::temp_dir().join(format!("xtask-cli-nowhere-{}", std::process::id()));
    fs::create_dir_all(&outside).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("codegen")
        .current_dir(&outside)
        .output()
        .unwrap();
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("found no checkout"), "{message}");
    assert!(message.contains("--root <dir>"), "{message}");
    fs::remove_dir_all(outside).unwrap();
}

/// While one codegen holds the lock, another exits 2 saying so, and changes nothing.
#[test]
fn a_second_codegen_at_once_is_refused_plainly() {
    let checkout = Checkout::new("lock");
    checkout.edit(
        "spec/shared/customer.yaml",
        "description: A Stripe customer.",
        "description: A customer.",
    );
    let before = checkout.output_files();
    let lock = fs::File::open(checkout.path("generated/src/.generated.codegen-lock"))
        .expect("the first run left its lock file");
    lock.lock().unwrap();
    for args in [&["codegen"][..], &["codegen", "--check"]] {
        let output = checkout.run(args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(
            message.contains("another codegen is running on"),
            "{args:?}: {message}"
        );
        assert!(message.contains("was not changed"), "{message}");
    }
    assert!(checkout.output_files() == before, "generated files changed");
    lock.unlock().unwrap();
    assert_eq!(checkout.run(&["codegen"]).status.code(), Some(0));
}

/// A symbolic link in the output directory is reported, never followed: nothing outside the
/// output directory is deleted.
#[cfg(unix)]
#[test]
fn links_in_the_output_directory_are_refused() {
    let checkout = Checkout::new("link");
    let outside = checkout.path("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("precious.rs"), "// not generated\n").unwrap();
    std::os::unix::fs::symlink(&outside, checkout.path(OUTPUT).join("shared/linked")).unwrap();
    let output = checkout.run(&["codegen"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains("generated/src/generated/shared/linked: a symbolic link"),
        "{message}"
    );
    assert!(outside.join("precious.rs").exists());
}

/// A real run killed with SIGKILL at each of its steps in turn leaves the old tree or the new
/// one (or, between the two renames of the swap, both complete beside an absent output
/// directory); the next run finishes the job and leaves nothing behind. The run stops at a
/// given step (`CODEGEN_PAUSE_AT_STEP`) and says so before it is killed, so no timing is
/// involved.
#[cfg(unix)]
#[test]
fn a_run_killed_at_any_step_leaves_the_old_or_the_new_tree() {
    use std::io::{BufRead as _, BufReader};
    use std::process::Stdio;

    let checkout = Checkout::new("kill");
    let account = checkout.path("spec/financial_connections/account.yaml");
    let extra = checkout.path("spec/shared/extra.yaml");
    let original = fs::read_to_string(&account).unwrap();
    // Two specs: the edited one updates two files and creates two (`shared/extra.rs`, and
    // `shared/mod.rs` changes); going back deletes one.
    let use_spec = |edited: bool| {
        if edited {
            fs::write(
                &account,
                original.replacen(
                    "description: Unique identifier for the object.",
                    "description: The unique identifier of the object.",
                    1,
                ),
            )
            .unwrap();
            fs::write(
                &extra,
                "enums:\n  Size:\n    description: A size.\n    values:\n      small: Small.\n",
            )
            .unwrap();
        } else {
            fs::write(&account, &original).unwrap();
            let _ = fs::remove_file(&extra);
        }
    };
    let original_tree = checkout.output_files();
    use_spec(true);
    assert_eq!(checkout.run(&["codegen"]).status.code(), Some(0));
    let edited_tree = checkout.output_files();
    assert_ne!(original_tree, edited_tree);
    let trees = [original_tree, edited_tree];

    let parent = checkout.path("generated/src");
    let mut current = 1;
    let mut step = 1;
    loop {
        let target = 1 - current;
        use_spec(target == 1);
        let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["codegen", "--root"])
            .arg(&checkout.root)
            .env("CODEGEN_PAUSE_AT_STEP", step.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let paused = stderr
            .lines()
            .map(Result::unwrap)
            .any(|line| line.starts_with("codegen: paused at step"));
        if !paused {
            // The run has fewer steps than this: it ran to the end.
            assert!(child.wait().unwrap().success());
            assert!(tree(&checkout.path(OUTPUT)).as_ref() == Some(&trees[target]));
            assert!(step > 8, "expected a step per file written, got {step}");
            break;
        }
        child.kill().unwrap();
        child.wait().unwrap();

        let after = tree(&checkout.path(OUTPUT));
        let swapping = after.is_none()
            && tree(&parent.join(".generated.codegen-new")).as_ref() == Some(&trees[target])
            && tree(&parent.join(".generated.codegen-old")).as_ref() == Some(&trees[current]);
        assert!(
            after.as_ref() == Some(&trees[current])
                || after.as_ref() == Some(&trees[target])
                || swapping,
            "killed at step {step}: neither the old tree nor the new one"
        );

        let output = checkout.run(&["codegen"]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "step {step}: {}",
            self::stderr(&output)
        );
        assert!(
            checkout.output_files() == trees[target],
            "step {step}: the next run did not finish the job"
        );
        let mut beside: Vec<String> = fs::read_dir(&parent)
            .unwrap()
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        beside.sort();
        assert_eq!(
            beside,
            [".generated.codegen-lock", "generated"],
            "step {step}: leftovers"
        );
        current = target;
        step += 1;
    }
}
