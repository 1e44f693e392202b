//! Stage 6: build every output file as syn trees and syn/quote tokens (see [`Part`]). Nothing
//! here writes text.

mod deserialize;
pub mod docs;
mod endpoints;
mod enums;
mod events;
pub mod example;
mod ids;
pub mod imports;
mod one_of;
mod structs;
mod syntax;
mod template;
mod types;
mod unions;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{Enum, File, IdType, Item, Model, Module, OneOf, Struct, TypePath};
use example::PublicPaths;
use imports::{Imports, Paths};

/// One output file: its first items as tokens, the rest as tokens or syntax trees.
pub struct EmittedFile {
    /// Path relative to the output directory, with `/` separators.
    pub path: String,
    /// What it was generated from, for its header.
    pub source: String,
    /// Its inner attributes and first items, such as its imports.
    pub tokens: TokenStream,
    /// The items after those in `tokens`.
    pub parts: Vec<Part>,
}

/// Items of an output file, in the order they are printed.
///
/// The items generated most often (structs and their field types, enums, endpoint functions
/// and their doc examples, `use` lists, and the impls written for every struct or enum) are
/// built as syn trees, with their doc comments attached as attributes: parsing them back from
/// tokens was most of the generator's time, doc comments above all. Their fixed parts are
/// quoted once per thread (the private `template` module). The rest, written once per file or per
/// resource, stay quoted tokens, parsed by the format stage.
// Most parts are items, moved once into the file's syntax tree: a box would only add an
// allocation per item.
#[allow(clippy::large_enum_variant)]
pub enum Part {
    /// Items as tokens.
    Tokens(TokenStream),
    /// One item as a syntax tree.
    Item(syn::Item),
}

impl From<TokenStream> for Part {
    fn from(tokens: TokenStream) -> Self {
        Part::Tokens(tokens)
    }
}

impl From<syn::Item> for Part {
    fn from(item: syn::Item) -> Self {
        Part::Item(item)
    }
}

/// Every generated type by path, for examples that need to construct values.
pub struct Index<'m> {
    structs: BTreeMap<TypePath, &'m Struct>,
    enums: BTreeMap<TypePath, &'m Enum>,
    ids: BTreeMap<TypePath, &'m IdType>,
    one_ofs: BTreeMap<TypePath, &'m OneOf>,
}

impl<'m> Index<'m> {
    fn new(model: &'m Model) -> Self {
        let mut index = Index {
            structs: BTreeMap::new(),
            enums: BTreeMap::new(),
            ids: BTreeMap::new(),
            one_ofs: BTreeMap::new(),
        };
        for module in &model.modules {
            for file in &module.files {
                for item in &file.items {
                    let path = |name: &str| TypePath {
                        module: module.name.clone(),
                        name: name.to_owned(),
                    };
                    match item {
                        Item::Struct(s) => {
                            index.structs.insert(path(&s.name), s);
                        }
                        Item::Enum(e) => {
                            index.enums.insert(path(&e.name), e);
                        }
                        Item::Id(id) => {
                            index.ids.insert(path(&id.name), id);
                        }
                        Item::Endpoint(endpoint) => {
                            if let Some(params) = &endpoint.params {
                                index.structs.insert(path(&params.name), params);
                            }
                        }
                        Item::OneOf(one_of) => {
                            index.one_ofs.insert(path(&one_of.name), one_of);
                        }
                        Item::External(_) | Item::Union(_) => {}
                    }
                }
            }
        }
        index
    }
}

/// One output file: the root `mod.rs`, a module's `mod.rs`, or the file of a spec file.
#[derive(Clone, Copy, Debug)]
pub enum Target<'m> {
    /// `mod.rs`: the modules and the API version.
    Root,
    /// `<module>/mod.rs`: the module's documentation and files.
    ModuleRoot(&'m Module),
    /// `<module>/<file>.rs`.
    File(&'m Module, &'m File),
    /// `events.rs`: the event types of every module.
    Events,
}

/// Builds the tokens of each output file. It holds nothing from syn or proc-macro2, which are
/// not `Send`, so threads can share it and emit files side by side.
pub struct Emitter<'m> {
    model: &'m Model,
    index: Index<'m>,
    /// The type names of each module, which imports from other modules must not shadow.
    module_names: BTreeMap<&'m str, BTreeSet<String>>,
}

impl<'m> Emitter<'m> {
    /// An emitter for `model`.
    pub fn new(model: &'m Model) -> Self {
        let module_names = model
            .modules
            .iter()
            .map(|module| {
                (
                    module.name.as_str(),
                    module.files.iter().flat_map(defined_names).collect(),
                )
            })
            .collect();
        Emitter {
            model,
            index: Index::new(model),
            module_names,
        }
    }

    /// Every output file, in a fixed order.
    pub fn targets(&self) -> Vec<Target<'m>> {
        let mut targets = vec![Target::Root];
        for module in &self.model.modules {
            targets.push(Target::ModuleRoot(module));
            targets.extend(module.files.iter().map(|file| Target::File(module, file)));
        }
        // Always, even with no events: the runtime's webhook module decodes into `EventData`.
        targets.push(Target::Events);
        targets
    }

    /// The tokens of one output file.
    pub fn emit(&self, target: Target<'_>, paths: &Paths, public: &PublicPaths) -> EmittedFile {
        let (module, file) = match target {
            Target::Root => return root(self.model),
            Target::ModuleRoot(module) => return module_root(module, &self.model.source_root),
            Target::File(module, file) => (module, file),
            Target::Events => {
                return events::emit(&self.model.events, &self.model.source_root, paths);
            }
        };
        let no_names = BTreeSet::new();
        let module_names = self
            .module_names
            .get(module.name.as_str())
            .unwrap_or(&no_names);
        let file_names: BTreeSet<String> = defined_names(file).collect();
        let mut imports = Imports::new(paths, &module.name, module_names, &file_names);
        let mut parts = Vec::new();
        for item in &file.items {
            match item {
                Item::Struct(s) => parts.extend(structs::emit(s, &mut imports)),
                Item::Enum(e) => parts.extend(enums::emit(e, &mut imports)),
                Item::Id(id) => parts.extend(ids::emit(id, &mut imports)),
                Item::External(external) => {
                    parts.push(ids::emit_external(external, &mut imports).into())
                }
                Item::Union(union) => parts.push(unions::emit(union, &mut imports).into()),
                Item::OneOf(one_of) => parts.push(one_of::emit(one_of, &mut imports).into()),
                Item::Endpoint(endpoint) => parts.extend(endpoints::emit(
                    endpoint,
                    &module.name,
                    &self.index,
                    public,
                    &mut imports,
                )),
            }
        }
        let uses = imports.into_items().into_iter().map(Part::Item);
        EmittedFile {
            path: format!("{}/{}.rs", module.name, file.stem),
            source: file.source.clone(),
            tokens: TokenStream::new(),
            parts: uses.chain(parts).collect(),
        }
    }
}

/// The type names a file defines, including those of its endpoints' parameters.
fn defined_names(file: &File) -> impl Iterator<Item = String> + '_ {
    file.items.iter().filter_map(|item| match item {
        Item::Struct(s) => Some(s.name.clone()),
        Item::Enum(e) => Some(e.name.clone()),
        Item::Id(id) => Some(id.name.clone()),
        Item::External(external) => Some(external.name.clone()),
        Item::Union(union) => Some(union.name.clone()),
        Item::OneOf(one_of) => Some(one_of.name.clone()),
        Item::Endpoint(endpoint) => endpoint.params.as_ref().map(|params| params.name.clone()),
    })
}

/// A table of contents for the module's page, where rustdoc lists structs, enums and functions
/// each alphabetically, mixing what Stripe sends with what a request takes: what the API
/// returns, then what requests take, then the calls.
fn contents(module: &Module) -> String {
    let mut models = Vec::new();
    let mut params = Vec::new();
    let mut functions = Vec::new();
    for item in module.files.iter().flat_map(|file| &file.items) {
        match item {
            Item::Struct(s) if s.json() => models.push(s.name.clone()),
            Item::Struct(s) => params.push(s.name.clone()),
            Item::Union(union) => models.push(union.name.clone()),
            Item::External(external) => models.push(external.name.clone()),
            Item::OneOf(one_of) => params.push(one_of.name.clone()),
            Item::Endpoint(endpoint) => {
                functions.push(endpoint.name.clone());
                if endpoint.paging.is_some() && endpoint.params.is_some() {
                    functions.push(crate::names::paginated_function(&endpoint.name));
                }
                params.extend(endpoint.params.iter().map(|params| params.name.clone()));
            }
            // IDs and enums are listed by rustdoc and reached from the types that use them.
            Item::Enum(_) | Item::Id(_) => {}
        }
    }
    let mut text = String::new();
    for (heading, names) in [
        ("What Stripe returns", models),
        ("What requests take", params),
        ("Endpoints", functions),
    ] {
        if names.is_empty() {
            continue;
        }
        let links: Vec<String> = names.iter().map(|name| format!("[`{name}`]")).collect();
        text.push_str(&format!("\n\n**{heading}:** {}.", links.join(", ")));
    }
    text
}

fn root(model: &Model) -> EmittedFile {
    let modules = model
        .modules
        .iter()
        .map(|module| format_ident!("{}", module.name));
    let version = &model.api_version;
    EmittedFile {
        path: "mod.rs".into(),
        source: format!("{}/api.yaml", model.source_root),
        tokens: quote! {
            #(pub mod #modules;)*
            pub mod events;

            /// The Stripe API version this crate was generated for, sent as the `Stripe-Version` header.
            pub const API_VERSION: &str = #version;
        },
        parts: Vec::new(),
    }
}

fn module_root(module: &Module, source_root: &str) -> EmittedFile {
    let docs = docs::inner_doc(&format!("{}{}", module.doc, contents(module)));
    let files = module.files.iter().map(|file| {
        let name = format_ident!("{}", file.stem);
        // `widgets/widgets.rs` is what the spec asked for: one file a spec file.
        let allow =
            (file.stem == module.name).then(|| quote! { #[allow(clippy::module_inception)] });
        quote! { #allow mod #name; }
    });
    // A file that defines nothing (an empty spec file) exports nothing: a glob import of it
    // would be unused.
    let exports = module
        .files
        .iter()
        .filter(|file| !file.items.is_empty())
        .map(|file| format_ident!("{}", file.stem));
    EmittedFile {
        path: format!("{}/mod.rs", module.name),
        source: format!("{source_root}/api.yaml and {source_root}/{}/", module.name),
        tokens: quote! {
            #docs
            #(#files)*
            #(pub use #exports::*;)*
        },
        parts: Vec::new(),
    }
}
