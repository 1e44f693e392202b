//! Generates every fixture spec under `fixtures/` into `OUT_DIR` and writes `fixtures.rs`, which
//! `src/lib.rs` includes: the crate compiles exactly what the snapshot tests snapshot.

use std::fs;
use std::path::Path;

include!("fixture_options.rs");

fn main() {
    println!("cargo::rerun-if-changed=fixtures");
    println!("cargo::rerun-if-changed=fixture_options.rs");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out_dir = Path::new(&out_dir);
    let mut cases: Vec<String> = fs::read_dir("fixtures")
        .expect("tests/fixtures exists")
        .map(|entry| {
            entry
                .expect("readable fixtures directory")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    cases.sort();

    let mut root = String::new();
    for case in &cases {
        let spec = Path::new("fixtures").join(case).join("spec");
        let files = codegen::generate_dir(
            &spec,
            &format!("fixtures/{case}/spec"),
            &fixture_options(case),
        )
        .unwrap_or_else(|error| panic!("fixture `{case}` does not generate:\n{error}"));
        let case_dir = out_dir.join(case);
        let _ = fs::remove_dir_all(&case_dir);
        for file in &files {
            let path = case_dir.join(&file.path);
            fs::create_dir_all(path.parent().expect("generated files are in a directory"))
                .expect("create OUT_DIR subdirectory");
            fs::write(&path, &file.contents).expect("write generated fixture file");
        }
        let module = case_dir.join("mod.rs");
        root.push_str(&format!(
            "/// The fixture `tests/fixtures/{case}`.\n#[path = {:?}]\npub mod {case};\n",
            module.display().to_string()
        ));
    }
    fs::write(out_dir.join("fixtures.rs"), root).expect("write fixtures.rs");
}
