//! String enums that keep decoding when Stripe adds a value: known values are variants, any
//! other string is kept in `Unknown`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::Part;
use super::docs::doc_attrs;
use super::imports::Imports;
use super::syntax::{arm, macro_item, prepend_arms, self_variant, string, type_named};
use super::template;
use crate::model::Enum;

/// The enum with `as_str` and `FromStr`; the runtime's `string_enum!` adds `Display`, the
/// serde impls and form encoding, which are the same for every enum. The parts repeated for
/// each value (variants with their docs, match arms) are built as syntax trees (see [`Part`])
/// and put into skeletons parsed once per thread (see [`template`]).
pub fn emit(e: &Enum, imports: &mut Imports<'_>) -> Vec<Part> {
    let name = format_ident!("{}", e.name);
    let variants: Vec<_> = e
        .variants
        .iter()
        .map(|variant| format_ident!("{}", variant.rust))
        .collect();
    let names = Names {
        unknown_value: imports.runtime("UnknownValue"),
        make_unknown: imports.private("unknown_value"),
    };
    let (mut enumeration, mut as_str, mut from_str) =
        template::with(&TEMPLATES, names, Templates::new, |templates| {
            let enumeration = if e.default_first {
                &templates.enumeration_with_default
            } else {
                &templates.enumeration
            };
            (
                enumeration.clone(),
                templates.as_str.clone(),
                templates.from_str.clone(),
            )
        });
    let self_ty = type_named(&name);
    enumeration.ident = name.clone();
    *as_str.self_ty = self_ty.clone();
    *from_str.self_ty = self_ty;

    enumeration.attrs.splice(0..0, doc_attrs(&e.doc));
    let known = e
        .variants
        .iter()
        .zip(&variants)
        .enumerate()
        .map(|(index, (variant, ident))| {
            let mut attrs = doc_attrs(&variant.doc);
            if e.default_first && index == 0 {
                attrs.push(syn::parse_quote! { #[default] });
            }
            syn::Variant {
                attrs,
                ident: ident.clone(),
                fields: syn::Fields::Unit,
                discriminant: None,
            }
        });
    let unknown = std::mem::take(&mut enumeration.variants);
    enumeration.variants = known.chain(unknown).collect();

    let arms = e.variants.iter().zip(&variants).map(|(variant, ident)| {
        arm(
            syn::Pat::Path(self_variant(ident)),
            syn::Expr::Lit(string(&variant.wire)),
        )
    });
    prepend_arms(&mut as_str, arms);
    let arms = e.variants.iter().zip(&variants).map(|(variant, ident)| {
        arm(
            syn::Pat::Lit(string(&variant.wire)),
            syn::Expr::Path(self_variant(ident)),
        )
    });
    prepend_arms(&mut from_str, arms);

    vec![
        syn::Item::Enum(enumeration).into(),
        syn::Item::Impl(as_str).into(),
        syn::Item::Impl(from_str).into(),
        macro_item(imports.private("string_enum"), &name).into(),
    ]
}

thread_local! {
    static TEMPLATES: template::Templates<Names, Templates> = const { template::Templates::new() };
}

/// The names the skeletons are quoted with, as `Imports` gave them.
#[derive(PartialEq)]
struct Names {
    unknown_value: Ident,
    make_unknown: Ident,
}

/// An enum named `Name` with only its `Unknown` variant, and its impls with only their
/// fallback arms.
struct Templates {
    enumeration: syn::ItemEnum,
    enumeration_with_default: syn::ItemEnum,
    as_str: syn::ItemImpl,
    from_str: syn::ItemImpl,
}

impl Templates {
    fn new(names: &Names) -> Self {
        let Names {
            unknown_value,
            make_unknown,
        } = names;
        let enumeration = |default: Option<TokenStream>| {
            syn::parse_quote! {
                #[derive(Clone, Debug, #default PartialEq, Eq, Hash)]
                #[non_exhaustive]
                pub enum Name {
                    /// A value this version of the crate does not know, kept as Stripe sent it. Match it
                    /// with a binding or `_`, not on its text: a later version may give it a variant.
                    Unknown(#unknown_value),
                }
            }
        };
        Templates {
            enumeration: enumeration(None),
            enumeration_with_default: enumeration(Some(quote! { Default, })),
            as_str: syn::parse_quote! {
                impl Name {
                    /// The value as Stripe sends it.
                    pub fn as_str(&self) -> &str {
                        match self {
                            Self::Unknown(value) => value.as_str(),
                        }
                    }
                }
            },
            from_str: syn::parse_quote! {
                impl std::str::FromStr for Name {
                    type Err = std::convert::Infallible;

                    fn from_str(value: &str) -> Result<Self, Self::Err> {
                        let parsed = match value {
                            unknown => Self::Unknown(#make_unknown(unknown)),
                        };
                        Ok(parsed)
                    }
                }
            },
        }
    }
}
