//! Endpoints: a parameters struct, an async function per endpoint, and for list endpoints a
//! paginating function. Generated code only describes the request; the runtime sends it.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::docs::{doc, doc_attrs};
use super::example::{self, PublicPaths};
use super::imports::Imports;
use super::syntax::{
    argument, call, generic, generic_with, ident, macro_expr, method_call, of_path, path,
    path_expr, public, reference, reference_type, string, type_named,
};
use super::{Index, Part, structs};
use crate::model::{Endpoint, Method, Paging, ParamsFrom, PathPart, Returns};
use crate::names;

/// `From<Source>` for the parameters struct `params`. It destructures the source without `..`,
/// so that a field added to the source and not to the parameters stops the build instead of
/// being dropped.
fn params_from(params: &str, from: &ParamsFrom, imports: &mut Imports<'_>) -> TokenStream {
    let params = format_ident!("{params}");
    let source = imports.ty(&from.source);
    let taken: Vec<_> = from
        .fields
        .iter()
        .filter_map(|(_, source)| source.as_ref())
        .map(|source| format_ident!("{source}"))
        .collect();
    let fields = from.fields.iter().map(|(field, source)| {
        let same = source.as_ref() == Some(field);
        let field = format_ident!("{field}");
        match source {
            Some(_) if same => quote! { #field },
            Some(source) => {
                let source = format_ident!("{source}");
                quote! { #field: #source }
            }
            None => quote! { #field: Default::default() },
        }
    });
    let doc = doc(&format!(
        "The fields of a `{}` as these parameters, the others left unset.",
        from.source.name
    ));
    quote! {
        #doc
        impl From<#source> for #params {
            fn from(source: #source) -> Self {
                let #source { #(#taken),* } = source;
                Self { #(#fields),* }
            }
        }
    }
}

/// Everything one endpoint generates.
pub fn emit(
    endpoint: &Endpoint,
    module: &str,
    index: &Index<'_>,
    public: &PublicPaths,
    imports: &mut Imports<'_>,
) -> Vec<Part> {
    let mut parts = Vec::new();
    if let Some(params) = &endpoint.params {
        parts.extend(structs::emit(params, imports));
        if let Some(from) = &endpoint.params_from {
            parts.push(params_from(&params.name, from, imports).into());
        }
    }

    let client = imports.runtime("Client");
    let method = imports.runtime("Method");
    let function = format_ident!("{}", endpoint.name);
    let item = of_path(imports.ty(endpoint.returns.item()));
    let returns = match &endpoint.returns {
        Returns::Object(_) => item.clone(),
        Returns::List(_) => generic(imports.runtime("List"), [item.clone()]),
        Returns::Search(_) => generic(imports.runtime("SearchResult"), [item.clone()]),
    };
    let http_method = path_expr(&[
        &method,
        &ident(match endpoint.method {
            Method::Get => "Get",
            Method::Post => "Post",
            Method::Delete => "Delete",
        }),
    ]);
    let request_path = path_expression(endpoint, imports);

    let lifetime = syn::Lifetime::new("'a", Span::call_site());
    let mut path_arguments = Vec::new();
    for param in &endpoint.path_params {
        let ty = match &param.id {
            Some(id) => of_path(imports.ty(id)),
            None => type_named(&ident("str")),
        };
        path_arguments.push(argument(
            format_ident!("{}", param.rust),
            reference_type(None, ty),
        ));
    }
    let params_ty = endpoint
        .params
        .as_ref()
        .map(|params| type_named(&format_ident!("{}", params.name)));
    let client_expr = path_expr(&[&ident("client")]);
    let params_expr = path_expr(&[&ident("params")]);

    let mut arguments = vec![argument(
        ident("client"),
        reference_type(Some(lifetime.clone()), type_named(&client)),
    )];
    arguments.extend(path_arguments.iter().cloned());
    let params_value = match &params_ty {
        Some(ty) => {
            arguments.push(argument(ident("params"), reference_type(None, ty.clone())));
            params_expr.clone()
        }
        None => reference(syn::Expr::Tuple(syn::ExprTuple {
            attrs: Vec::new(),
            paren_token: Default::default(),
            elems: syn::punctuated::Punctuated::new(),
        })),
    };
    let call_type = generic_with(
        imports.runtime("Call"),
        [
            syn::GenericArgument::Lifetime(lifetime.clone()),
            syn::GenericArgument::Type(returns),
        ],
    );
    let body = method_call(
        client_expr.clone(),
        ident("execute"),
        [http_method, request_path.clone(), params_value],
    );
    let mut function = public_function(function, Some(lifetime), arguments, call_type, body);
    function.attrs = doc_attrs(&function_doc(endpoint, module, index, public, false));
    parts.push(syn::Item::Fn(function).into());

    if let (Some(paging), Some(params_ty)) = (&endpoint.paging, &params_ty) {
        let paginator = imports.runtime("Paginator");
        let paginated = format_ident!("{}", names::paginated_function(&endpoint.name));
        // The paginator owns its client and parameters: no lifetime.
        let mut arguments = vec![argument(
            ident("client"),
            reference_type(None, type_named(&client)),
        )];
        arguments.extend(path_arguments);
        arguments.push(argument(ident("params"), params_ty.clone()));
        let docs = doc_attrs(&function_doc(endpoint, module, index, public, true));
        let (params_impl, paginate) = match paging {
            Paging::Cursor(cursor) => {
                let list_params = imports.private("ListParams");
                let object = cursor.union.then(|| imports.runtime("Object"));
                let id_field = format_ident!("{}", cursor.id_field);
                let id = |item: TokenStream| match (&object, cursor.typed) {
                    (Some(object), _) => quote! { #object::id(#item).to_string() },
                    (None, true) => quote! { #item.#id_field.clone() },
                    (None, false) => quote! { #item.#id_field.as_str().to_owned() },
                };
                let (first_id, last_id) = (id(quote! { first }), id(quote! { last }));
                let starting_after = format_ident!("{}", cursor.starting_after);
                let forward = quote! { self.#starting_after = page.last().map(|last| #last_id); };
                let advance = match &cursor.ending_before {
                    Some(ending_before) => {
                        let ending_before = format_ident!("{ending_before}");
                        quote! {
                            if self.#ending_before.is_some() {
                                self.#ending_before = page.first().map(|first| #first_id);
                            } else {
                                #forward
                            }
                        }
                    }
                    None => forward,
                };
                (
                    quote! {
                        impl #list_params for #params_ty {
                            type Item = #item;

                            fn advance(&mut self, page: &[#item]) {
                                #advance
                            }
                        }
                    },
                    "paginate",
                )
            }
            Paging::Page { page } => {
                let search_params = imports.private("SearchParams");
                let page = format_ident!("{page}");
                (
                    quote! {
                        impl #search_params for #params_ty {
                            type Item = #item;

                            fn set_page(&mut self, next_page: String) {
                                self.#page = Some(next_page);
                            }
                        }
                    },
                    "paginate_search",
                )
            }
        };
        let body = method_call(client_expr, ident(paginate), [request_path, params_expr]);
        let returns = generic(paginator, [item]);
        let mut function = public_function(paginated, None, arguments, returns, body);
        function.attrs = docs;
        parts.extend([params_impl.into(), syn::Item::Fn(function).into()]);
    }
    parts
}

/// `pub fn <name><'lifetime>(<arguments>) -> <returns> { <body> }`.
fn public_function(
    name: Ident,
    lifetime: Option<syn::Lifetime>,
    arguments: Vec<syn::FnArg>,
    returns: syn::Type,
    body: syn::Expr,
) -> syn::ItemFn {
    let generics = match lifetime {
        Some(lifetime) => syn::Generics {
            lt_token: Some(Default::default()),
            params: std::iter::once(syn::GenericParam::Lifetime(syn::LifetimeParam {
                attrs: Vec::new(),
                lifetime,
                colon_token: None,
                bounds: syn::punctuated::Punctuated::new(),
            }))
            .collect(),
            gt_token: Some(Default::default()),
            where_clause: None,
        },
        None => syn::Generics::default(),
    };
    syn::ItemFn {
        attrs: Vec::new(),
        vis: public(),
        modifiers: Default::default(),
        sig: syn::Signature {
            constness: None,
            asyncness: None,
            safety: syn::Safety::Default,
            abi: None,
            fn_token: Default::default(),
            ident: name,
            generics,
            paren_token: Default::default(),
            inputs: arguments.into_iter().collect(),
            variadic: None,
            output: syn::ReturnType::Type(Default::default(), Box::new(returns)),
        },
        block: Box::new(syn::Block {
            brace_token: Default::default(),
            stmts: vec![syn::Stmt::Expr(body, None)],
        }),
    }
}

/// `String::from("/v1/...")`, or `format!` with each path parameter percent-encoded.
fn path_expression(endpoint: &Endpoint, imports: &mut Imports<'_>) -> syn::Expr {
    let mut template = String::new();
    let mut values = Vec::new();
    for part in &endpoint.path {
        template.push('/');
        match part {
            PathPart::Literal(text) => template.push_str(text),
            PathPart::Param(index) => {
                template.push_str("{}");
                let path_segment = imports.private("path_segment");
                let Some(param) = endpoint.path_params.get(*index) else {
                    continue;
                };
                let ident = format_ident!("{}", param.rust);
                values.push(match param.id {
                    Some(_) => quote! { #path_segment(#ident.as_str()) },
                    None => quote! { #path_segment(#ident) },
                });
            }
        }
    }
    if values.is_empty() {
        call(
            path(&[&ident("String"), &ident("from")]),
            [syn::Expr::Lit(string(&template))],
        )
    } else {
        let parens = syn::MacroDelimiter::Paren(Default::default());
        macro_expr("format", parens, quote! { #template, #(#values),* })
    }
}

fn function_doc(
    endpoint: &Endpoint,
    module: &str,
    index: &Index<'_>,
    public: &PublicPaths,
    paginated: bool,
) -> String {
    let method = endpoint.method.as_str();
    let mut text = if paginated {
        match &endpoint.paging {
            Some(Paging::Page { .. }) => format!(
                "Every result of [`{}`], page after page: each request asks for the page after the \
                 last one received (its `next_page`), keeping the other parameters.",
                endpoint.name
            ),
            paging => format!(
                "Every item of [`{}`], page after page: each request asks for the items after the last \
                 one received, keeping the other parameters{}.",
                endpoint.name,
                if matches!(paging, Some(Paging::Cursor(cursor)) if cursor.ending_before.is_some())
                {
                    "; with `ending_before` set, pages go backwards, each ending before the first item \
                     of the page before"
                } else {
                    ""
                }
            ),
        }
    } else {
        endpoint.doc.clone()
    };
    text.push_str(&format!("\n\n`{method} {}`\n", endpoint.path_text));
    if !endpoint.path_params.is_empty() {
        text.push('\n');
        for param in &endpoint.path_params {
            text.push_str(&format!(
                "- `{}`: {}\n",
                param.rust,
                param.doc.replace('\n', " ")
            ));
        }
    }
    text.push_str("\n# Example\n\n");
    text.push_str(&example::markdown(
        endpoint, module, index, public, paginated,
    ));
    text
}

#[cfg(test)]
mod tests {
    use crate::emit::imports::{Imports, Paths};
    use crate::model::{ParamsFrom, TypePath};

    #[test]
    fn params_from_destructures_the_whole_source_and_defaults_the_rest() {
        let paths = Paths {
            root: syn::parse_quote!(crate),
            runtime: syn::parse_quote!(crate),
        };
        let names = Default::default();
        let mut imports = Imports::new(&paths, "widgets", &names, &names);
        let from = ParamsFrom {
            source: TypePath {
                module: "widgets".into(),
                name: "Paint".into(),
            },
            fields: vec![
                ("color".into(), Some("color".into())),
                ("kind".into(), Some("type_".into())),
                ("expand".into(), None),
            ],
        };
        let code = super::params_from("PaintWidgetParams", &from, &mut imports).to_string();
        assert!(
            code.contains("impl From < Paint > for PaintWidgetParams"),
            "{code}"
        );
        // No `..`: a field added to `Paint` alone must stop the build.
        assert!(
            code.contains("let Paint { color , type_ } = source ;"),
            "{code}"
        );
        assert!(
            code.contains("Self { color , kind : type_ , expand : Default :: default () }"),
            "{code}"
        );
    }
}
