//! ID newtypes, one per resource, so that an account ID cannot be passed where a financial
//! account ID is expected; and aliases for the raw bodies of external resources.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Part;
use super::docs::{doc, doc_attrs};
use super::imports::Imports;
use super::syntax::{macro_item, string, type_named};
use super::template;
use crate::model::{External, IdType};

/// The ID newtype with its constructor and `PREFIX`; the runtime's `string_id!` adds the
/// conversions, `Display`, the serde impls and form encoding, which are the same for every ID.
/// Built from skeletons parsed once per thread (see [`template`]): a whole-API spec has
/// hundreds of IDs.
pub fn emit(id: &IdType, imports: &mut Imports<'_>) -> Vec<Part> {
    let name = format_ident!("{}", id.name);
    let article = if id.resource.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    };
    let doc = match &id.prefix {
        Some(prefix) => format!(
            "The ID of {article} [`{}`], such as `{prefix}...`.",
            id.resource
        ),
        None => format!("The ID of {article} [`{}`].", id.resource),
    };
    let (mut newtype, mut methods, prefix_const) = template::with(
        &TEMPLATES,
        (),
        |()| Templates::new(),
        |templates| {
            (
                templates.newtype.clone(),
                templates.methods.clone(),
                id.prefix.is_some().then(|| templates.prefix.clone()),
            )
        },
    );
    newtype.ident = name.clone();
    newtype.attrs.splice(0..0, doc_attrs(&doc));
    *methods.self_ty = type_named(&name);
    // Only a prefix the spec gives: one made up would be a wrong constant.
    if let (Some(prefix), Some(mut constant)) = (&id.prefix, prefix_const) {
        constant.attrs = doc_attrs(&format!(
            "The prefix Stripe gives every `{}` ID.",
            id.resource
        ));
        constant.expr = syn::Expr::Lit(string(prefix));
        methods.items.insert(0, syn::ImplItem::Const(constant));
    }
    vec![
        syn::Item::Struct(newtype).into(),
        syn::Item::Impl(methods).into(),
        macro_item(imports.private("string_id"), &name).into(),
    ]
}

thread_local! {
    static TEMPLATES: template::Templates<(), Templates> = const { template::Templates::new() };
}

/// An ID type named `Name`, without its docs or `PREFIX`.
struct Templates {
    newtype: syn::ItemStruct,
    methods: syn::ItemImpl,
    /// `PREFIX`, with an empty value.
    prefix: syn::ImplItemConst,
}

impl Templates {
    fn new() -> Self {
        Templates {
            newtype: syn::parse_quote! {
                #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
                pub struct Name(String);
            },
            methods: syn::parse_quote! {
                impl Name {
                    /// An ID from its string form, used as given.
                    pub fn new(id: impl Into<String>) -> Self {
                        Self(id.into())
                    }

                    /// The ID as a string.
                    pub fn as_str(&self) -> &str {
                        &self.0
                    }
                }
            },
            prefix: syn::parse_quote! {
                pub const PREFIX: &'static str = "";
            },
        }
    }
}

/// `pub type Customer = RawObject<CustomerId>;`
pub fn emit_external(external: &External, imports: &mut Imports<'_>) -> TokenStream {
    let name = format_ident!("{}", external.name);
    let id = format_ident!("{}", external.id);
    let raw = imports.runtime("RawObject");
    let docs = doc(&format!(
        "{}\n\nThis crate does not model its fields: an expanded `{}` keeps its typed ID and its JSON as Stripe sent it.",
        external.doc, external.name
    ));
    quote! {
        #docs
        pub type #name = #raw<#id>;
    }
}
