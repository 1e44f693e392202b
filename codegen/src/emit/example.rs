//! The example call in each endpoint's documentation. It is built as a syntax tree and printed
//! by prettyplease like the rest of the output, and compiled as a doctest of the generated
//! crate.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident};

use super::Index;
use super::syntax::{
    call, expr_of_path, ident, let_binding, macro_call, macro_expr, path, path_expr, reference,
    string, try_expr, use_list,
};
use super::template;
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

    let mut arguments = vec![path_expr(&[&ident("client")])];
    for param in &endpoint.path_params {
        arguments.push(match &param.id {
            Some(path) => reference(example.sample(&Ty::Named(path.clone()), 0)),
            None => syn::Expr::Lit(string("example")),
        });
    }
    if let Some(params) = &endpoint.params {
        let value = example.construct(module, params, 0);
        arguments.push(if paginated { value } else { reference(value) });
    }
    let invocation = call(path(&[&function]), arguments);
    let listed = matches!(endpoint.returns, Returns::List(_) | Returns::Search(_));
    // This thread's statements are read once: finding them prints the runtime's path, their key.
    let (mut function, each) = with_statements(public, |statements| {
        let each = if paginated {
            Some(statements.each_item.clone())
        } else {
            listed.then(|| statements.each_listed.clone())
        };
        (statements.function.clone(), each)
    });

    let mut body = Vec::new();
    if paginated {
        body.push(let_binding(ident("items"), true, invocation));
    } else {
        let result = match &endpoint.returns {
            Returns::List(_) | Returns::Search(_) => "page".to_owned(),
            // Through the same sanitising as field names: a type `Type` gives `type_`.
            Returns::Object(path) => {
                crate::names::field_name(&path.name).unwrap_or_else(|| "response".to_owned())
            }
        };
        let response = try_expr(awaited(invocation));
        body.push(let_binding(format_ident!("{result}"), false, response));
        if !listed {
            let format = string(&format!("{{{result}:?}}"));
            let parens = syn::MacroDelimiter::Paren(Default::default());
            body.push(syn::Stmt::Macro(syn::StmtMacro {
                attrs: Vec::new(),
                mac: macro_call(ident("println"), parens, format.to_token_stream()),
                semi_token: Some(Default::default()),
            }));
        }
    }
    body.extend(each);

    let uses = example.uses();
    function
        .block
        .stmts
        .splice(0..0, uses.into_iter().chain(body));
    let file = syn::File {
        shebang: None,
        frontmatter: None,
        attrs: Vec::new(),
        items: vec![syn::Item::Fn(function)],
    };
    let code = hide_wrapper(&prettyplease::unparse(&file));
    format!("```no_run\n{code}```")
}

thread_local! {
    static STATEMENTS: template::Templates<String, Statements> =
        const { template::Templates::new() };
}

/// The parts of every example that do not depend on the endpoint, parsed once per thread.
struct Statements {
    /// The example's function, returning `Ok(())`, for its statements to go before `Ok`.
    function: syn::ItemFn,
    /// The loop over a paginator's items.
    each_item: syn::Stmt,
    /// The loop over the items of a `page`.
    each_listed: syn::Stmt,
}

impl Statements {
    /// The statements for examples of a runtime at `runtime` (the path's tokens as text).
    fn new(runtime: &str) -> Self {
        let runtime: syn::Path = match syn::parse_str(runtime) {
            Ok(path) => path,
            Err(_) => unreachable!("the key is a path printed as tokens"),
        };
        Statements {
            function: syn::parse_quote! {
                async fn example(client: &#runtime::Client) -> Result<(), #runtime::Error> {
                    Ok(())
                }
            },
            each_item: syn::parse_quote! {
                while let Some(item) = items.next().await {
                    let item = item?;
                    println!("{item:?}");
                }
            },
            each_listed: syn::parse_quote! {
                for item in &page.data {
                    println!("{item:?}");
                }
            },
        }
    }
}

fn with_statements<R>(public: &PublicPaths, read: impl FnOnce(&Statements) -> R) -> R {
    let runtime = public.runtime.to_token_stream().to_string();
    template::with(
        &STATEMENTS,
        runtime,
        |runtime| Statements::new(runtime),
        read,
    )
}

impl Example<'_> {
    /// The example's `use` items: `BTreeMap`, the generated types by module, then the runtime.
    fn uses(&self) -> Vec<syn::Stmt> {
        let root = &self.public.root;
        let runtime = &self.public.runtime;
        let mut uses = Vec::new();
        if self.btree_map {
            let prefix = path(&[&ident("std"), &ident("collections")]);
            uses.push(syn::Stmt::Item(use_list(&prefix, ["BTreeMap"])));
        }
        for (module, names) in &self.types {
            let mut prefix = root.clone();
            prefix.segments.push(format_ident!("{module}").into());
            uses.push(syn::Stmt::Item(use_list(
                &prefix,
                names.iter().map(String::as_str),
            )));
        }
        if !self.runtime.is_empty() {
            uses.push(syn::Stmt::Item(use_list(
                runtime,
                self.runtime.iter().copied(),
            )));
        }
        uses
    }

    /// A generated type: imported by name, unless a type of that name is already imported
    /// from another module, when it is written with its module.
    fn name(&mut self, path: &TypePath) -> syn::Path {
        let name = format_ident!("{}", path.name);
        let taken = self
            .types
            .iter()
            .any(|(module, names)| *module != path.module && names.contains(&path.name));
        if taken {
            let mut full = self.public.root.clone();
            full.segments.push(format_ident!("{}", path.module).into());
            full.segments.push(name.into());
            return full;
        }
        self.types
            .entry(path.module.clone())
            .or_default()
            .insert(path.name.clone());
        name.into()
    }

    /// `Params::default()`, or `Params::new(...)` with a sample for each required field.
    fn construct(&mut self, module: &str, s: &Struct, depth: usize) -> syn::Expr {
        if self.objects == MAX_OBJECTS {
            let parens = syn::MacroDelimiter::Paren(Default::default());
            return macro_expr("todo", parens, TokenStream::new());
        }
        self.objects += 1;
        let name = self.name(&TypePath {
            module: module.to_owned(),
            name: s.name.clone(),
        });
        if s.all_optional() {
            return call(child(name, "default"), []);
        }
        let arguments: Vec<syn::Expr> = s
            .fields
            .iter()
            .filter(|field| field.presence == Presence::Required)
            .map(|field| self.sample(&field.ty, depth + 1))
            .collect();
        call(child(name, "new"), arguments)
    }

    /// A plausible value of `ty`.
    fn sample(&mut self, ty: &Ty, depth: usize) -> syn::Expr {
        let default = || call(path(&[&ident("Default"), &ident("default")]), []);
        match ty {
            Ty::String => call(
                path(&[&ident("String"), &ident("from")]),
                [syn::Expr::Lit(string("example"))],
            ),
            Ty::Integer => literal("1"),
            Ty::Boolean => syn::Expr::Lit(syn::ExprLit {
                attrs: Vec::new(),
                lit: syn::Lit::Bool(syn::LitBool::new(true, Span::call_site())),
            }),
            Ty::Number => literal("1.5"),
            Ty::Timestamp => {
                self.runtime.insert("Timestamp");
                call(
                    path(&[&ident("Timestamp"), &ident("from_unix_seconds")]),
                    [literal("1_700_000_000")],
                )
            }
            Ty::Currency => {
                self.runtime.insert("Currency");
                path_expr(&[&ident("Currency"), &ident("USD")])
            }
            Ty::Array(inner) if depth < MAX_DEPTH => {
                let item = self.sample(inner, depth + 1);
                let brackets = syn::MacroDelimiter::Bracket(Default::default());
                macro_expr("vec", brackets, item.to_token_stream())
            }
            Ty::Array(_) | Ty::Expand { .. } => call(path(&[&ident("Vec"), &ident("new")]), []),
            Ty::Map { .. } => {
                self.btree_map = true;
                call(path(&[&ident("BTreeMap"), &ident("new")]), [])
            }
            Ty::Range(inner) => {
                self.runtime.insert("RangeQuery");
                let value = self.sample(inner, depth + 1);
                call(path(&[&ident("RangeQuery"), &ident("Exact")]), [value])
            }
            Ty::Named(path) => {
                if let Some(id) = self.index.ids.get(path) {
                    let example = format!("{}123", id.prefix.as_deref().unwrap_or("id_"));
                    let name = self.name(path);
                    call(child(name, "new"), [syn::Expr::Lit(string(&example))])
                } else if let Some(variant) =
                    self.index.enums.get(path).and_then(|e| e.variants.first())
                {
                    let name = self.name(path);
                    expr_of_path(child(name, &variant.rust))
                } else if let Some(s) = self.index.structs.get(path) {
                    self.construct(&path.module, s, depth)
                } else if let Some(one_of) = self.index.one_ofs.get(path) {
                    // The simplest kind of value it takes comes first in the spec, usually.
                    let name = self.name(path);
                    match one_of.variants.first() {
                        Some(variant) => {
                            let value = self.sample(&variant.ty, depth + 1);
                            call(child(name, &variant.rust), [value])
                        }
                        None => default(),
                    }
                } else {
                    default()
                }
            }
            Ty::Expandable(_) | Ty::List(_) | Ty::Deleted | Ty::Json => default(),
        }
    }
}

/// `<path>::<name>`.
fn child(mut path: syn::Path, name: &str) -> syn::Path {
    path.segments.push(format_ident!("{name}").into());
    path
}

/// A number literal written as `repr`.
fn literal(repr: &str) -> syn::Expr {
    let lit = match repr.parse::<proc_macro2::Literal>() {
        Ok(literal) => syn::Lit::new(literal),
        Err(_) => unreachable!("the examples' numbers are literals"),
    };
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit,
    })
}

/// `<expr>.await`.
fn awaited(expr: syn::Expr) -> syn::Expr {
    syn::Expr::Await(syn::ExprAwait {
        attrs: Vec::new(),
        base: Box::new(expr),
        dot_token: Default::default(),
        await_token: Default::default(),
    })
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
