//! The example call in each endpoint's documentation. It is built as tokens and printed by
//! prettyplease like the rest of the output, and compiled as a doctest of the generated crate.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Index;
use crate::model::{Endpoint, Presence, Returns, Struct, Ty, TypePath};

/// Arrays nested deeper than this are left empty.
const MAX_DEPTH: usize = 4;

/// The most parameter objects an example spells out. Required objects are always spelt out
/// (only those whose fields are all optional have a `Default`), and validation ensures none
/// contains itself; this bounds the example when required objects fan out. Beyond it, the
/// example writes `todo!()`.
const MAX_OBJECTS: usize = 16;

/// Public paths used in examples.
#[derive(Clone)]
pub struct PublicPaths {
    /// The path users write for the generated modules (`stripe_client`).
    pub root: syn::Path,
    /// The path users write for the runtime (`stripe_client`).
    pub runtime: syn::Path,
}

/// Example builder for one endpoint.
struct Example<'a> {
    index: &'a Index<'a>,
    public: &'a PublicPaths,
    /// Generated types used, by module.
    types: BTreeMap<String, BTreeSet<String>>,
    /// Runtime types used.
    runtime: BTreeSet<&'static str>,
    btree_map: bool,
    /// Parameter objects spelt out so far.
    objects: usize,
}

/// The Markdown of a `no_run` example calling `endpoint`, or of its paginated form.
pub fn markdown(
    endpoint: &Endpoint,
    module: &str,
    index: &Index<'_>,
    public: &PublicPaths,
    paginated: bool,
) -> String {
    let mut example = Example {
        index,
        public,
        types: BTreeMap::new(),
        runtime: BTreeSet::new(),
        btree_map: false,
        objects: 0,
    };
    let function = format_ident!(
        "{}{}",
        endpoint.name,
        if paginated { "_paginated" } else { "" }
    );
    example
        .types
        .entry(module.to_owned())
        .or_default()
        .insert(function.to_string());

    let mut arguments = vec![quote! { client }];
    for param in &endpoint.path_params {
        arguments.push(match &param.id {
            Some(path) => {
                let value = example.sample(&Ty::Named(path.clone()), 0);
                quote! { &#value }
            }
            None => quote! { "example" },
        });
    }
    if let Some(params) = &endpoint.params {
        let value = example.construct(module, params, 0);
        arguments.push(if paginated {
            value
        } else {
            quote! { &#value }
        });
    }

    let body = if paginated {
        quote! {
            let mut items = #function(#(#arguments),*);
            while let Some(item) = items.next().await {
                let item = item?;
                println!("{item:?}");
            }
        }
    } else {
        let result = match &endpoint.returns {
            Returns::List(_) | Returns::Search(_) => format_ident!("page"),
            // Through the same sanitising as field names: a type `Type` gives `type_`.
            Returns::Object(path) => format_ident!(
                "{}",
                crate::names::field_name(&path.name).unwrap_or_else(|| "response".to_owned())
            ),
        };
        let print = match &endpoint.returns {
            Returns::List(_) | Returns::Search(_) => quote! {
                for item in &#result.data {
                    println!("{item:?}");
                }
            },
            Returns::Object(_) => {
                let format = format!("{{{result}:?}}");
                quote! { println!(#format); }
            }
        };
        quote! {
            let #result = #function(#(#arguments),*).await?;
            #print
        }
    };

    let runtime = &public.runtime;
    let uses = example.uses();
    let function = quote! {
        async fn example(client: &#runtime::Client) -> Result<(), #runtime::Error> {
            #uses
            #body
            Ok(())
        }
    };
    let code = match syn::parse2::<syn::File>(function) {
        Ok(file) => hide_wrapper(&prettyplease::unparse(&file)),
        // A generator bug; the doctest of the generated crate then fails to compile.
        Err(error) => format!(
            "compile_error!({:?});\n",
            format!("the generator built an invalid example: {error}")
        ),
    };
    format!("```no_run\n{code}```")
}

impl Example<'_> {
    fn uses(&self) -> TokenStream {
        let root = &self.public.root;
        let runtime = &self.public.runtime;
        let mut tokens = TokenStream::new();
        if self.btree_map {
            tokens.extend(quote! { use std::collections::BTreeMap; });
        }
        for (module, names) in &self.types {
            let module = format_ident!("{module}");
            let names = names.iter().map(|name| format_ident!("{name}"));
            tokens.extend(quote! { use #root::#module::{#(#names),*}; });
        }
        if !self.runtime.is_empty() {
            let names = self.runtime.iter().map(|name| format_ident!("{name}"));
            tokens.extend(quote! { use #runtime::{#(#names),*}; });
        }
        tokens
    }

    /// A generated type: imported by name, unless a type of that name is already imported
    /// from another module, when it is written with its module.
    fn name(&mut self, path: &TypePath) -> TokenStream {
        let name = format_ident!("{}", path.name);
        let taken = self
            .types
            .iter()
            .any(|(module, names)| *module != path.module && names.contains(&path.name));
        if taken {
            let root = &self.public.root;
            let module = format_ident!("{}", path.module);
            return quote! { #root::#module::#name };
        }
        self.types
            .entry(path.module.clone())
            .or_default()
            .insert(path.name.clone());
        quote! { #name }
    }

    /// `Params::default()`, or `Params::new(...)` with a sample for each required field.
    fn construct(&mut self, module: &str, s: &Struct, depth: usize) -> TokenStream {
        if self.objects == MAX_OBJECTS {
            return quote! { todo!() };
        }
        self.objects += 1;
        let name = self.name(&TypePath {
            module: module.to_owned(),
            name: s.name.clone(),
        });
        if s.all_optional() {
            return quote! { #name::default() };
        }
        let arguments: Vec<TokenStream> = s
            .fields
            .iter()
            .filter(|field| field.presence == Presence::Required)
            .map(|field| self.sample(&field.ty, depth + 1))
            .collect();
        quote! { #name::new(#(#arguments),*) }
    }

    /// A plausible value of `ty`.
    fn sample(&mut self, ty: &Ty, depth: usize) -> TokenStream {
        match ty {
            Ty::String => quote! { String::from("example") },
            Ty::Integer => quote! { 1 },
            Ty::Boolean => quote! { true },
            Ty::Number => quote! { 1.5 },
            Ty::Timestamp => {
                self.runtime.insert("Timestamp");
                quote! { Timestamp::from_unix_seconds(1_700_000_000) }
            }
            Ty::Currency => {
                self.runtime.insert("Currency");
                quote! { Currency::USD }
            }
            Ty::Array(inner) if depth < MAX_DEPTH => {
                let item = self.sample(inner, depth + 1);
                quote! { vec![#item] }
            }
            Ty::Array(_) | Ty::Expand { .. } => quote! { Vec::new() },
            Ty::Map { .. } => {
                self.btree_map = true;
                quote! { BTreeMap::new() }
            }
            Ty::Range(inner) => {
                self.runtime.insert("RangeQuery");
                let value = self.sample(inner, depth + 1);
                quote! { RangeQuery::Exact(#value) }
            }
            Ty::Named(path) => {
                if let Some(id) = self.index.ids.get(path) {
                    let example = format!("{}123", id.prefix.as_deref().unwrap_or("id_"));
                    let name = self.name(path);
                    quote! { #name::new(#example) }
                } else if let Some(variant) =
                    self.index.enums.get(path).and_then(|e| e.variants.first())
                {
                    let name = self.name(path);
                    let variant = format_ident!("{}", variant.rust);
                    quote! { #name::#variant }
                } else if let Some(s) = self.index.structs.get(path) {
                    self.construct(&path.module, s, depth)
                } else if let Some(one_of) = self.index.one_ofs.get(path) {
                    // The simplest kind of value it takes comes first in the spec, usually.
                    let name = self.name(path);
                    match one_of.variants.first() {
                        Some(variant) => {
                            let rust = format_ident!("{}", variant.rust);
                            let value = self.sample(&variant.ty, depth + 1);
                            quote! { #name::#rust(#value) }
                        }
                        None => quote! { Default::default() },
                    }
                } else {
                    quote! { Default::default() }
                }
            }
            Ty::Expandable(_) | Ty::List(_) | Ty::Deleted | Ty::Json => {
                quote! { Default::default() }
            }
        }
    }
}

/// Hides the wrapping function's signature and `Ok(())` behind `# `, and dedents the body.
fn hide_wrapper(code: &str) -> String {
    let lines: Vec<&str> = code.lines().collect();
    let signature_end = lines
        .iter()
        .position(|line| line.ends_with('{') && !line.starts_with(' '))
        .unwrap_or(0);
    let first_statement = lines.iter().position(|line| line.starts_with("    let "));
    let mut out = String::new();
    for (index, line) in lines.iter().enumerate() {
        if Some(index) == first_statement && index > signature_end + 1 {
            out.push('\n');
        }
        let hidden = index <= signature_end || index + 2 >= lines.len();
        let line = line.strip_prefix("    ").unwrap_or(line);
        if hidden {
            out.push_str("# ");
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}
