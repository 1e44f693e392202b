//! `cargo xtask import` end to end, on the 2026 extract of Stripe's OpenAPI file in
//! `tests/data/` (see its README): the real binary imports into a scratch directory, the
//! generator must accept the result, and the generated structs must have exactly the fields,
//! nullability and optionality of the hand-written `spec/` of this workspace.
//!
//! Structs are compared through the generator's lowered model, walking both specs in step from
//! each resource (matched by its `object` name) and each endpoint (matched by method and path),
//! since type names differ (the importer names nested types after their schemas). Types are
//! compared by shape: strings, currencies and IDs are one shape, because the OpenAPI file types
//! them all `string` and `spec/` refines some by hand.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use codegen::model::{Endpoint, Item, Model, Returns, Struct, Ty, TypePath};
use codegen::spec::ast::{Def, Spec};

const EXTRACT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/spec3-extract-2026-07-29.json"
);
const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/fixtures-extract-2026-07-29.json"
);

/// A scratch directory, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("xtask-import-{name}-{}", std::process::id()));
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
            .expect("run xtask")
    }

    fn spec(&self) -> PathBuf {
        self.0.join("spec")
    }

    /// Every file below `spec/`, with its text.
    fn files(&self) -> BTreeMap<String, String> {
        let mut files = BTreeMap::new();
        let mut pending = vec![self.spec()];
        while let Some(dir) = pending.pop() {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    let relative = path.strip_prefix(self.spec()).unwrap();
                    files.insert(
                        relative.to_string_lossy().into_owned(),
                        fs::read_to_string(&path).unwrap(),
                    );
                }
            }
        }
        files
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A spec, decoded and lowered, with what the comparison looks up.
struct Loaded {
    model: Model,
    structs: BTreeMap<TypePath, usize>,
    enums: BTreeMap<TypePath, Vec<String>>,
    /// Resources, objects with an `object`, and external resources, by `object` name.
    by_object: BTreeMap<String, TypePath>,
    /// The `object` name of each resource, object or external resource that has one.
    object_of: BTreeMap<TypePath, String>,
    externals: BTreeSet<TypePath>,
    ids: BTreeSet<TypePath>,
    /// Exclusive (or tagged) parameter objects, which become enums: their fields' wire names.
    exclusive: BTreeMap<TypePath, BTreeSet<String>>,
}

impl Loaded {
    fn new(spec_dir: &Path) -> Loaded {
        let sources = codegen::Sources::read_dir(spec_dir, "spec").unwrap();
        if let Err(error) = codegen::generate(&sources, &codegen::Options::default()) {
            panic!("the generator refuses {}:\n{error}", spec_dir.display());
        }
        let spec: Spec = codegen::spec::decode::decode(&sources).spec.unwrap();
        let mut by_object = BTreeMap::new();
        let mut object_of = BTreeMap::new();
        for file in &spec.files {
            for item in &file.items {
                let path = TypePath {
                    module: file.module.clone(),
                    name: item.name().value.clone(),
                };
                let object = match item {
                    Def::Object(def) => def.object.as_ref().map(|tag| tag.value.clone()),
                    Def::External(def) => Some(def.object.value.clone()),
                    _ => None,
                };
                if let Some(object) = object {
                    by_object.insert(object.clone(), path.clone());
                    object_of.insert(path, object);
                }
            }
        }
        let model = codegen::lower::lower(&spec, &sources);
        let mut loaded = Loaded {
            model,
            structs: BTreeMap::new(),
            enums: BTreeMap::new(),
            by_object,
            object_of,
            externals: BTreeSet::new(),
            ids: BTreeSet::new(),
            exclusive: BTreeMap::new(),
        };
        let mut structs = BTreeMap::new();
        for (module_index, module) in loaded.model.modules.iter().enumerate() {
            for (file_index, file) in module.files.iter().enumerate() {
                for (item_index, item) in file.items.iter().enumerate() {
                    let path = |name: &str| TypePath {
                        module: module.name.clone(),
                        name: name.to_owned(),
                    };
                    match item {
                        Item::Struct(def) => {
                            structs.insert(path(&def.name), (module_index, file_index, item_index));
                        }
                        Item::Enum(def) => {
                            loaded.enums.insert(
                                path(&def.name),
                                def.variants.iter().map(|v| v.wire.clone()).collect(),
                            );
                        }
                        Item::Id(def) => {
                            loaded.ids.insert(path(&def.name));
                        }
                        Item::External(def) => {
                            loaded.externals.insert(path(&def.name));
                        }
                        Item::OneOf(def) if def.variants.iter().any(|v| v.wire.is_some()) => {
                            let mut wires: BTreeSet<String> =
                                def.variants.iter().filter_map(|v| v.wire.clone()).collect();
                            wires.extend(def.tag.clone());
                            loaded.exclusive.insert(path(&def.name), wires);
                        }
                        Item::Endpoint(_) | Item::Union(_) | Item::OneOf(_) => {}
                    }
                }
            }
        }
        loaded.structs = structs
            .into_iter()
            .enumerate()
            .map(|(index, (path, _))| (path, index))
            .collect();
        loaded
    }

    fn find_struct(&self, path: &TypePath) -> Option<&Struct> {
        let module = self.model.modules.iter().find(|m| m.name == path.module)?;
        module
            .files
            .iter()
            .flat_map(|f| &f.items)
            .find_map(|item| match item {
                Item::Struct(def) if def.name == path.name => Some(def),
                _ => None,
            })
    }

    fn endpoints(&self) -> BTreeMap<(String, String), &Endpoint> {
        self.model
            .modules
            .iter()
            .flat_map(|m| &m.files)
            .flat_map(|f| &f.items)
            .filter_map(|item| match item {
                Item::Endpoint(endpoint) => Some((
                    (format!("{:?}", endpoint.method), endpoint.path_text.clone()),
                    &**endpoint,
                )),
                _ => None,
            })
            .collect()
    }
}

/// Walks two specs in step and lists every difference in fields, presence and type shapes.
struct Comparison<'a> {
    shipped: &'a Loaded,
    imported: &'a Loaded,
    /// Struct pairs compared (shipped, imported).
    paired: BTreeSet<(TypePath, TypePath)>,
    differences: Vec<String>,
}

impl<'a> Comparison<'a> {
    fn new(shipped: &'a Loaded, imported: &'a Loaded) -> Self {
        Comparison {
            shipped,
            imported,
            paired: BTreeSet::new(),
            differences: Vec::new(),
        }
    }

    fn structs(&mut self, at: &str, shipped: &TypePath, imported: &TypePath) {
        if !self.paired.insert((shipped.clone(), imported.clone())) {
            return;
        }
        let (Some(a), Some(b)) = (
            self.shipped.find_struct(shipped),
            self.imported.find_struct(imported),
        ) else {
            self.differences
                .push(format!("{at}: not a struct on both sides"));
            return;
        };
        self.fields(at, a, b);
    }

    fn fields(&mut self, at: &str, a: &Struct, b: &Struct) {
        let wires = |s: &Struct| {
            s.fields
                .iter()
                .map(|f| f.wire.clone())
                .collect::<BTreeSet<_>>()
        };
        if wires(a) != wires(b) {
            self.differences.push(format!(
                "{at}: fields {:?} in spec/, {:?} imported",
                wires(a),
                wires(b)
            ));
        }
        for field in &a.fields {
            let Some(other) = b.fields.iter().find(|f| f.wire == field.wire) else {
                continue;
            };
            let at = format!("{at}.{}", field.wire);
            if field.presence != other.presence {
                self.differences.push(format!(
                    "{at}: {:?} in spec/, {:?} imported",
                    field.presence, other.presence
                ));
            }
            if field.requires_expand != other.requires_expand {
                self.differences
                    .push(format!("{at}: requires_expand differs"));
            }
            if field.is_tag != other.is_tag {
                self.differences
                    .push(format!("{at}: an `object` tag on one side only"));
            } else if field.is_tag {
                // `object_aliases` are hand-written additions: the `object` values must agree.
                let first = |loaded: &Loaded, ty: &Ty| match ty {
                    Ty::Named(path) => loaded
                        .enums
                        .get(path)
                        .and_then(|values| values.first().cloned()),
                    _ => None,
                };
                if first(self.shipped, &field.ty) != first(self.imported, &other.ty) {
                    self.differences
                        .push(format!("{at}: the `object` values differ"));
                }
                continue;
            }
            self.ty(&at, &field.ty, &other.ty);
        }
    }

    fn string_like(loaded: &Loaded, ty: &Ty) -> bool {
        match ty {
            Ty::String | Ty::Currency => true,
            Ty::Named(path) => loaded.ids.contains(path),
            _ => false,
        }
    }

    fn ty(&mut self, at: &str, a: &Ty, b: &Ty) {
        if Self::string_like(self.shipped, a) && Self::string_like(self.imported, b) {
            return;
        }
        match (a, b) {
            (Ty::Integer, Ty::Integer)
            | (Ty::Boolean, Ty::Boolean)
            | (Ty::Timestamp, Ty::Timestamp)
            | (Ty::Expand { .. }, Ty::Expand { .. }) => {}
            (Ty::Array(a), Ty::Array(b)) | (Ty::Range(a), Ty::Range(b)) => self.ty(at, a, b),
            (Ty::Map { value: a, .. }, Ty::Map { value: b, .. }) => self.ty(at, a, b),
            (Ty::Named(a), Ty::Named(b)) if self.shipped.exclusive.contains_key(a) => {
                // `exclusive` and `tag` say what the OpenAPI cannot (that one field is sent), so
                // only spec/ has them: the import has a struct of the same fields.
                let fields = self.imported.find_struct(b).map(|s| {
                    s.fields
                        .iter()
                        .map(|f| f.wire.clone())
                        .collect::<BTreeSet<_>>()
                });
                if fields.as_ref() != self.shipped.exclusive.get(a) {
                    self.differences.push(format!(
                        "{at}: exclusive fields {:?} in spec/, {fields:?} imported",
                        self.shipped.exclusive[a]
                    ));
                }
            }
            (Ty::Named(a), Ty::Named(b)) => {
                match (self.shipped.enums.get(a), self.imported.enums.get(b)) {
                    (Some(x), Some(y)) => {
                        if x != y {
                            self.differences
                                .push(format!("{at}: enum values {x:?} in spec/, {y:?} imported"));
                        }
                    }
                    (None, None) => self.structs(at, a, b),
                    _ => self
                        .differences
                        .push(format!("{at}: an enum on one side only")),
                }
            }
            (Ty::List(a), Ty::List(b)) => self.structs(at, a, b),
            (Ty::Expandable(a), Ty::Expandable(b)) => {
                let tags = (
                    self.shipped.object_of.get(a),
                    self.imported.object_of.get(b),
                );
                if tags.0 != tags.1 {
                    self.differences.push(format!(
                        "{at}: expands into {:?} in spec/, {:?} imported",
                        tags.0, tags.1
                    ));
                } else if !self.shipped.externals.contains(a)
                    && !self.imported.externals.contains(b)
                {
                    self.structs(at, a, b);
                }
            }
            _ => self
                .differences
                .push(format!("{at}: type {a:?} in spec/, {b:?} imported")),
        }
    }

    /// Compares every resource and endpoint of `spec/`; with `complete`, the import must have
    /// every one of them as a struct too (not an external resource).
    fn everything(&mut self, complete: bool) {
        let shipped = self.shipped;
        let imported = self.imported;
        for (object, a) in &shipped.by_object {
            let Some(b) = imported.by_object.get(object) else {
                self.differences.push(format!("`{object}` is not imported"));
                continue;
            };
            match (
                shipped.externals.contains(a),
                imported.externals.contains(b),
            ) {
                (false, false) => self.structs(object, a, b),
                (true, _) => {}
                (false, true) if complete => self
                    .differences
                    .push(format!("`{object}` is an external resource, not imported")),
                (false, true) => {}
            }
        }
        let theirs = imported.endpoints();
        for (key, endpoint) in shipped.endpoints() {
            let Some(other) = theirs.get(&key) else {
                self.differences.push(format!("{key:?} is not imported"));
                continue;
            };
            let at = format!("{} {}", key.0, key.1);
            let names = |e: &Endpoint| {
                e.path_params
                    .iter()
                    .map(|p| p.wire.clone())
                    .collect::<Vec<_>>()
            };
            if names(endpoint) != names(other) {
                self.differences
                    .push(format!("{at}: path parameters differ"));
            }
            match (&endpoint.params, &other.params) {
                (Some(a), Some(b)) => self.fields(&format!("{at} params"), a, b),
                (None, None) => {}
                _ => self
                    .differences
                    .push(format!("{at}: parameters on one side only")),
            }
            match (&endpoint.returns, &other.returns) {
                (Returns::Object(a), Returns::Object(b)) | (Returns::List(a), Returns::List(b)) => {
                    self.structs(&format!("{at} returns"), a, b)
                }
                _ => self.differences.push(format!("{at}: returns differ")),
            }
        }
        if complete {
            let paired: BTreeSet<&TypePath> = self.paired.iter().map(|(a, _)| a).collect();
            for path in shipped.structs.keys() {
                if !paired.contains(path) {
                    self.differences.push(format!(
                        "struct {path:?} of spec/ has no imported counterpart"
                    ));
                }
            }
        }
    }
}

fn import(scratch: &Scratch, args: &[&str]) {
    let mut all = vec!["import", EXTRACT];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--fixtures", FIXTURES]);
    let output = scratch.run(&all);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
}

/// Done-when 1 of the import: the two resources of this project, imported from the extract,
/// make a spec the generator accepts whose structs are those of the hand-written spec/.
#[test]
fn importing_the_two_resources_gives_the_structs_of_the_shipped_spec() {
    let scratch = Scratch::new("two");
    import(
        &scratch,
        &[
            "financial_connections.account",
            "treasury.financial_account",
        ],
    );
    let shipped = Loaded::new(&workspace().join("spec"));
    let imported = Loaded::new(&scratch.spec());
    let mut comparison = Comparison::new(&shipped, &imported);
    comparison.everything(false);
    assert_eq!(comparison.differences, Vec::<String>::new());
    assert_audit_matches(&scratch);
    // Everything reachable from the two resources and their 14 endpoints was compared.
    assert!(comparison.paired.len() >= 30, "{}", comparison.paired.len());
}

/// Every resource of the extract: the import has a struct for every struct of spec/.
#[test]
fn importing_all_of_the_extract_pairs_every_struct_of_the_shipped_spec() {
    let scratch = Scratch::new("all");
    import(&scratch, &["--all"]);
    let shipped = Loaded::new(&workspace().join("spec"));
    let imported = Loaded::new(&scratch.spec());
    let mut comparison = Comparison::new(&shipped, &imported);
    comparison.everything(true);
    assert_eq!(comparison.differences, Vec::<String>::new());
    assert_audit_matches(&scratch);
}

/// `cargo xtask audit` finds the imported spec identical to the extract it came from.
fn assert_audit_matches(scratch: &Scratch) {
    let output = scratch.run(&["audit", EXTRACT]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(
        text(&output).starts_with("audit: spec/ matches"),
        "{}",
        text(&output)
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let first = Scratch::new("same-1");
    let second = Scratch::new("same-2");
    import(
        &first,
        &[
            "treasury.financial_account",
            "financial_connections.account",
        ],
    );
    import(
        &second,
        &[
            "financial_connections.account",
            "treasury.financial_account",
        ],
    );
    let files = first.files();
    assert!(files.len() > 5, "{files:?}");
    assert_eq!(files, second.files());
}
