//! The `use` lines of one generated file, collected while its items are emitted, so that each
//! file imports exactly what it uses.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::Ident;
use quote::format_ident;

use super::syntax::{ident, path, use_list};

use crate::model::TypePath;

/// Where generated code finds the runtime and the other generated modules.
#[derive(Clone)]
pub struct Paths {
    /// The module holding the generated modules (`crate`).
    pub root: syn::Path,
    /// The runtime's public items (`crate`, or `::stripe_client` elsewhere).
    pub runtime: syn::Path,
}

/// The imports of one file.
pub struct Imports<'a> {
    paths: &'a Paths,
    module: &'a str,
    /// Names defined anywhere in this module: never imported from elsewhere.
    module_names: &'a BTreeSet<String>,
    /// Names defined in this file: used as they are.
    file_names: &'a BTreeSet<String>,
    std: BTreeSet<&'static str>,
    serde: BTreeSet<&'static str>,
    runtime: BTreeSet<&'static str>,
    private: BTreeSet<&'static str>,
    siblings: BTreeSet<String>,
    /// Types of other modules, by name: the module they come from.
    foreign: BTreeMap<String, String>,
}

impl<'a> Imports<'a> {
    /// Imports for a file of `module` defining `file_names`.
    pub fn new(
        paths: &'a Paths,
        module: &'a str,
        module_names: &'a BTreeSet<String>,
        file_names: &'a BTreeSet<String>,
    ) -> Self {
        Imports {
            paths,
            module,
            module_names,
            file_names,
            std: BTreeSet::new(),
            serde: BTreeSet::new(),
            runtime: BTreeSet::new(),
            private: BTreeSet::new(),
            siblings: BTreeSet::new(),
            foreign: BTreeMap::new(),
        }
    }

    /// A generated type, imported if it lives in another file.
    pub fn ty(&mut self, path: &TypePath) -> syn::Path {
        let name = format_ident!("{}", path.name);
        if path.module == self.module {
            if !self.file_names.contains(&path.name) {
                self.siblings.insert(path.name.clone());
            }
            return name.into();
        }
        let clashes = self.module_names.contains(&path.name)
            || self
                .foreign
                .get(&path.name)
                .is_some_and(|other| *other != path.module);
        if clashes {
            let mut full = self.paths.root.clone();
            full.segments.push(format_ident!("{}", path.module).into());
            full.segments.push(name.into());
            return full;
        }
        self.foreign.insert(path.name.clone(), path.module.clone());
        name.into()
    }

    /// A public runtime item (`Expandable`, `Client`, ...).
    pub fn runtime(&mut self, name: &'static str) -> Ident {
        self.runtime.insert(name);
        ident(name)
    }

    /// A runtime item reserved for generated code (`Form`, `FormEncode`, ...).
    pub fn private(&mut self, name: &'static str) -> Ident {
        self.private.insert(name);
        ident(name)
    }

    /// `Serialize` or `Deserialize`.
    pub fn serde(&mut self, name: &'static str) -> Ident {
        self.serde.insert(name);
        ident(name)
    }

    /// `BTreeMap`.
    pub fn btree_map(&mut self) -> Ident {
        self.std.insert("BTreeMap");
        ident("BTreeMap")
    }

    /// The `use` items, grouped std, serde, runtime, other modules, this module.
    pub fn into_items(self) -> Vec<syn::Item> {
        let runtime = &self.paths.runtime;
        let root = &self.paths.root;
        let mut private = runtime.clone();
        private.segments.push(ident("__private").into());
        let mut items = Vec::new();
        let mut push = |prefix: &syn::Path, names: Vec<&str>| {
            if !names.is_empty() {
                items.push(use_list(prefix, names));
            }
        };
        push(
            &path(&[&ident("std"), &ident("collections")]),
            self.std.iter().copied().collect(),
        );
        push(&ident("serde").into(), self.serde.iter().copied().collect());
        push(runtime, self.runtime.iter().copied().collect());
        push(&private, self.private.iter().copied().collect());
        let mut by_module: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (name, module) in &self.foreign {
            by_module.entry(module).or_default().push(name);
        }
        for (module, names) in by_module {
            let mut prefix = root.clone();
            prefix.segments.push(format_ident!("{module}").into());
            push(&prefix, names);
        }
        push(
            &ident("super").into(),
            self.siblings.iter().map(String::as_str).collect(),
        );
        items
    }
}
