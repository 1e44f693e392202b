//! Small syntax trees built directly rather than parsed from quoted tokens, for the parts of
//! generated items that repeat once per value: an enum of 200 values has 400 match arms, and
//! parsing them back from tokens cost more than building them (see [`Part`](super::Part)).

use proc_macro2::{Ident, Span, TokenStream};

/// The identifier `name`.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `Self::<variant>`.
pub fn self_variant(variant: &Ident) -> syn::ExprPath {
    let segments = [ident("Self"), variant.clone()];
    syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: syn::Path {
            leading_colon: None,
            segments: segments.into_iter().map(syn::PathSegment::from).collect(),
        },
    }
}

/// The string literal `text`.
pub fn string(text: &str) -> syn::ExprLit {
    syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Str(syn::LitStr::new(text, Span::call_site())),
    }
}

/// `<pattern> => <body>,`.
pub fn arm(pattern: syn::Pat, body: syn::Expr) -> syn::Arm {
    syn::Arm {
        attrs: Vec::new(),
        pat: pattern,
        fat_arrow_token: Default::default(),
        body: Box::new(body),
        comma: Some(Default::default()),
    }
}

/// The path `a::b::...` of `segments`.
pub fn path(segments: &[&Ident]) -> syn::Path {
    syn::Path {
        leading_colon: None,
        segments: segments
            .iter()
            .map(|&segment| syn::PathSegment::from(segment.clone()))
            .collect(),
    }
}

/// The type named `name`, such as the `Self` type of an impl.
pub fn type_named(name: &Ident) -> syn::Type {
    of_path(path(&[name]))
}

/// The type at `path`.
pub fn of_path(path: syn::Path) -> syn::Type {
    syn::Type::Path(syn::TypePath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// `<name><types...>`.
pub fn generic(name: Ident, types: impl IntoIterator<Item = syn::Type>) -> syn::Type {
    generic_with(name, types.into_iter().map(syn::GenericArgument::Type))
}

/// `<name><args...>`, the arguments lifetimes or types.
pub fn generic_with(
    name: Ident,
    args: impl IntoIterator<Item = syn::GenericArgument>,
) -> syn::Type {
    let arguments = syn::AngleBracketedGenericArguments {
        colon2_token: None,
        lt_token: Default::default(),
        args: args.into_iter().collect(),
        gt_token: Default::default(),
    };
    let segment = syn::PathSegment {
        ident: name,
        arguments: syn::PathArguments::AngleBracketed(arguments),
    };
    of_path(syn::Path {
        leading_colon: None,
        segments: std::iter::once(segment).collect(),
    })
}

/// `&<elem>`, or `&'a <elem>`.
pub fn reference_type(lifetime: Option<syn::Lifetime>, elem: syn::Type) -> syn::Type {
    syn::Type::Reference(syn::TypeReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        lifetime,
        mutability: None,
        elem: Box::new(elem),
    })
}

/// `&<expr>`.
pub fn reference(expr: syn::Expr) -> syn::Expr {
    syn::Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(expr),
    })
}

/// The path `a::b::...` of `segments`, as an expression.
pub fn path_expr(segments: &[&Ident]) -> syn::Expr {
    expr_of_path(path(segments))
}

/// `path`, as an expression.
pub fn expr_of_path(path: syn::Path) -> syn::Expr {
    syn::Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// `pub`.
pub fn public() -> syn::Visibility {
    syn::Visibility::Public(Default::default())
}

/// `<name>!<delimited tokens>` as an expression.
pub fn macro_expr(name: &str, delimiter: syn::MacroDelimiter, tokens: TokenStream) -> syn::Expr {
    syn::Expr::Macro(syn::ExprMacro {
        attrs: Vec::new(),
        mac: macro_call(ident(name), delimiter, tokens),
    })
}

/// `<name>!(<name>);`, as the runtime's `string_enum!` and `string_id!` are called.
pub fn macro_item(name: Ident, argument: &Ident) -> syn::Item {
    let tokens = proc_macro2::TokenTree::Ident(argument.clone()).into();
    syn::Item::Macro(syn::ItemMacro {
        attrs: Vec::new(),
        ident: None,
        mac: macro_call(name, syn::MacroDelimiter::Paren(Default::default()), tokens),
        semi_token: Some(Default::default()),
    })
}

/// `<name>!<delimited tokens>`.
pub fn macro_call(name: Ident, delimiter: syn::MacroDelimiter, tokens: TokenStream) -> syn::Macro {
    syn::Macro {
        path: name.into(),
        bang_token: Default::default(),
        delimiter,
        tokens,
    }
}

/// The integer literal `number`, without a suffix.
pub fn unsuffixed(number: u16) -> syn::ExprLit {
    syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::new(proc_macro2::Literal::u16_unsuffixed(number)),
    }
}

/// `<function>(<args>)`.
pub fn call(function: syn::Path, args: impl IntoIterator<Item = syn::Expr>) -> syn::Expr {
    syn::Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(expr_of_path(function)),
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `<receiver>.<method>(<args>)`.
pub fn method_call(
    receiver: syn::Expr,
    method: Ident,
    args: impl IntoIterator<Item = syn::Expr>,
) -> syn::Expr {
    syn::Expr::MethodCall(syn::ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method,
        turbofish: None,
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `&self.<field>`.
pub fn ref_self_field(field: Ident) -> syn::Expr {
    syn::Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(syn::Expr::Field(syn::ExprField {
            attrs: Vec::new(),
            base: Box::new(path_expr(&[&ident("self")])),
            dot_token: Default::default(),
            member: syn::Member::Named(field),
        })),
    })
}

/// `<expr>;`.
pub fn statement(expr: syn::Expr) -> syn::Stmt {
    syn::Stmt::Expr(expr, Some(Default::default()))
}

/// `<expr>?`.
pub fn try_expr(expr: syn::Expr) -> syn::Expr {
    syn::Expr::Try(syn::ExprTry {
        attrs: Vec::new(),
        expr: Box::new(expr),
        question_token: Default::default(),
    })
}

/// `&mut <expr>`.
pub fn mut_ref(expr: syn::Expr) -> syn::Expr {
    syn::Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: Some(Default::default()),
        expr: Box::new(expr),
    })
}

/// `<name>: <ty>` in a function's arguments.
pub fn argument(name: Ident, ty: syn::Type) -> syn::FnArg {
    syn::FnArg::Typed(syn::PatType {
        attrs: Vec::new(),
        pat: Box::new(syn::Pat::Ident(syn::PatIdent {
            attrs: Vec::new(),
            by_ref: None,
            mutability: None,
            ident: name,
            subpat: None,
        })),
        colon_token: Default::default(),
        ty: Box::new(ty),
    })
}

/// `let <name> = <value>;`, or `let mut`.
pub fn let_binding(name: Ident, mutable: bool, value: syn::Expr) -> syn::Stmt {
    syn::Stmt::Local(syn::Local {
        attrs: Vec::new(),
        let_token: Default::default(),
        modifiers: Default::default(),
        pat: syn::Pat::Ident(syn::PatIdent {
            attrs: Vec::new(),
            by_ref: None,
            mutability: mutable.then(Default::default),
            ident: name,
            subpat: None,
        }),
        init: Some(syn::LocalInit {
            eq_token: Default::default(),
            expr: Box::new(value),
            diverge: None,
        }),
        semi_token: Default::default(),
    })
}

/// The arms of the `match` of the only function of `item`, written as its body's first
/// statement (`match ... {}` or `let x = match ... {};`). Generated impls are quoted with their
/// fallback arm and get the arms built for each value put before it. `None` if `item` does not
/// have that shape.
fn match_arms(item: &mut syn::ItemImpl) -> Option<&mut Vec<syn::Arm>> {
    let function = item.items.iter_mut().find_map(|item| match item {
        syn::ImplItem::Fn(function) => Some(function),
        _ => None,
    })?;
    let expr = match function.block.stmts.first_mut()? {
        syn::Stmt::Expr(expr, _) => expr,
        syn::Stmt::Local(local) => &mut local.init.as_mut()?.expr,
        _ => return None,
    };
    match expr {
        syn::Expr::Match(expr) => Some(&mut expr.arms),
        _ => None,
    }
}

/// Puts `arms` before the fallback arm of the match of `item`, an impl quoted with the shape
/// [`match_arms`] finds.
pub fn prepend_arms(item: &mut syn::ItemImpl, arms: impl Iterator<Item = syn::Arm>) {
    let Some(match_arms) = match_arms(item) else {
        unreachable!("generated impls are quoted with a match");
    };
    match_arms.splice(0..0, arms);
}

/// The pattern `<path>(<elems>)`.
pub fn tuple_pattern(path: syn::Path, elems: impl IntoIterator<Item = syn::Pat>) -> syn::Pat {
    syn::Pat::TupleStruct(syn::PatTupleStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        paren_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// `use <prefix>::Name;` or `use <prefix>::{A, B};`, for a non-empty list of names.
pub fn use_list<'n>(prefix: &syn::Path, names: impl IntoIterator<Item = &'n str>) -> syn::Item {
    let mut names: Vec<syn::UseTree> = names
        .into_iter()
        .map(|name| {
            syn::UseTree::Name(syn::UseName {
                ident: quote::format_ident!("{name}"),
            })
        })
        .collect();
    let mut tree = if names.len() == 1 {
        names.remove(0)
    } else {
        syn::UseTree::Group(syn::UseGroup {
            brace_token: Default::default(),
            items: names.into_iter().collect(),
        })
    };
    for segment in prefix.segments.iter().rev() {
        tree = syn::UseTree::Path(syn::UsePath {
            ident: segment.ident.clone(),
            colon2_token: Default::default(),
            tree: Box::new(tree),
        });
    }
    syn::Item::Use(syn::ItemUse {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        use_token: Default::default(),
        leading_colon: prefix.leading_colon,
        tree,
        semi_token: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::{ToTokens, format_ident, quote};

    #[test]
    fn built_arms_print_as_quoted_ones() {
        let variant = format_ident!("Cash");
        let built = arm(
            syn::Pat::Path(self_variant(&variant)),
            syn::Expr::Lit(string("cash \"x\"")),
        );
        let quoted: syn::Arm = syn::parse_quote! { Self::Cash => "cash \"x\"", };
        assert_eq!(
            built.to_token_stream().to_string(),
            quoted.to_token_stream().to_string()
        );
    }

    /// Prints `built` and `quoted` as tokens, which must be the same.
    fn assert_prints_as(built: impl ToTokens, quoted: impl ToTokens) {
        assert_eq!(
            built.to_token_stream().to_string(),
            quoted.to_token_stream().to_string()
        );
    }

    #[test]
    fn built_expressions_print_as_quoted_ones() {
        let decode = format_ident!("decode");
        let slot = path_expr(&[&format_ident!("slot_x")]);
        let call = call(
            path(&[&decode, &format_ident!("field")]),
            [mut_ref(slot.clone()), syn::Expr::Lit(unsuffixed(7))],
        );
        let quoted: syn::Expr = syn::parse_quote! { decode::field(&mut slot_x, 7) };
        assert_prints_as(&call, quoted);
        let quoted: syn::Expr = syn::parse_quote! { decode::field(&mut slot_x, 7)? };
        assert_prints_as(try_expr(call), quoted);
        let method = method_call(slot, format_ident!("unwrap_or_default"), []);
        let quoted: syn::Expr = syn::parse_quote! { slot_x.unwrap_or_default() };
        assert_prints_as(method, quoted);
        let quoted: syn::Stmt = syn::parse_quote! { let mut slot_x = None; };
        let none = path_expr(&[&format_ident!("None")]);
        assert_prints_as(let_binding(format_ident!("slot_x"), true, none), quoted);
    }

    #[test]
    fn use_lists_print_as_quoted_ones() {
        let prefix: syn::Path = syn::parse_quote!(::stripe_client::__private);
        let quoted: syn::Item = syn::parse_quote! { use ::stripe_client::__private::Form; };
        assert_prints_as(use_list(&prefix, ["Form"]), quoted);
        let prefix: syn::Path = syn::parse_quote!(super);
        let quoted: syn::Item = syn::parse_quote! { use super::{A, B}; };
        assert_prints_as(use_list(&prefix, ["A", "B"]), quoted);
    }

    #[test]
    fn built_statements_print_as_quoted_ones() {
        let write = method_call(
            path_expr(&[&format_ident!("form")]),
            format_ident!("field"),
            [
                path_expr(&[&format_ident!("key")]),
                syn::Expr::Lit(string("type")),
                ref_self_field(format_ident!("r#type")),
            ],
        );
        let quoted: syn::Stmt = syn::parse_quote! { form.field(key, "type", &self.r#type); };
        assert_prints_as(statement(write), quoted);
    }

    #[test]
    fn finds_the_arms_of_a_match_or_of_a_let_match() {
        let mut direct: syn::ItemImpl = syn::parse_quote! {
            impl A { fn f(&self) -> &str { match self { Self::B => "b", } } }
        };
        assert_eq!(match_arms(&mut direct).map(|arms| arms.len()), Some(1));
        let mut local: syn::ItemImpl = syn::parse_quote! {
            impl A {
                type T = ();
                fn f(v: &str) -> Self { let x = match v { _ => Self::B, c => Self::C }; x }
            }
        };
        assert_eq!(match_arms(&mut local).map(|arms| arms.len()), Some(2));
        let mut none: syn::ItemImpl = syn::parse_quote! { impl A { fn f() {} } };
        assert!(match_arms(&mut none).is_none());
        let tokens = quote! { impl A { fn f() -> u8 { 1 } } };
        let mut other: syn::ItemImpl = syn::parse2(tokens).unwrap();
        assert!(match_arms(&mut other).is_none());
    }
}
