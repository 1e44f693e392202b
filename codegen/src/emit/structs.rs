//! Structs: resources, nested objects and endpoint parameters.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::Part;
use super::docs::doc_attrs;
use super::imports::Imports;
use super::syntax::{
    argument, call, ident, method_call, path, path_expr, public, ref_self_field, statement, string,
    type_named,
};
use super::template;
use super::types::field_type;
use crate::model::{Presence, Struct, Ty};

/// The struct, its derives and its trait impls. The struct is a syntax tree with its docs and
/// its fields' docs attached directly (see [`Part`]).
pub fn emit(s: &Struct, imports: &mut Imports<'_>) -> Vec<Part> {
    let mut derives = vec![quote! { Clone }, quote! { Debug }];
    if s.form() && s.all_optional() {
        derives.push(quote! { Default });
    }
    derives.push(quote! { PartialEq });
    if s.json() {
        // `Deserialize` is written out by `deserialize::emit`, not derived.
        let serialize = imports.serde("Serialize");
        derives.push(quote! { #serialize });
    }
    let mut attrs = doc_attrs(&s.doc);
    attrs.push(attribute("derive", quote! { #(#derives),* }));

    let fields = s.fields.iter().map(|field| {
        let mut attrs = doc_attrs(&field_doc(field));
        if s.json() {
            attrs.extend(serde_attribute(field, imports));
        }
        syn::Field {
            attrs,
            vis: public(),
            modifiers: Default::default(),
            ident: Some(format_ident!("{}", field.rust)),
            colon_token: Some(Default::default()),
            ty: field_type(s, field, imports),
            default: None,
        }
    });
    let item = syn::ItemStruct {
        attrs,
        vis: public(),
        struct_token: Default::default(),
        ident: format_ident!("{}", s.name),
        generics: Default::default(),
        fields: syn::Fields::Named(syn::FieldsNamed {
            brace_token: Default::default(),
            named: fields.collect(),
        }),
        semi_token: None,
    };
    let mut parts = vec![syn::Item::Struct(item).into()];
    if !s.all_optional() && s.form() {
        parts.push(syn::Item::Impl(constructor(s, imports)).into());
    }
    if let Some(id) = &s.id {
        parts.push(object_impl(s, id, imports).into());
    }
    if s.form() {
        parts.push(syn::Item::Impl(form_impl(s, imports)).into());
    }
    if s.json() {
        parts.extend(super::deserialize::emit(s, imports).map(Part::from));
    }
    parts
}

fn field_doc(field: &crate::model::Field) -> String {
    let note = match &field.ty {
        _ if field.requires_expand => "Present only when requested with `expand[]`.",
        _ if field.non_empty => {
            "Stripe refuses an empty list, so an empty one fails with `Error::Usage` before \
             anything is sent."
        }
        Ty::Expand {
            paths: Some(_),
            list: true,
        } => "Each path is sent as `data.<path>`, which expands it in every listed object.",
        Ty::Expand {
            paths: None,
            list: true,
        } => {
            "The paths are sent as given: write them as Stripe documents them, with `data.` \
             before a path inside the listed objects (`data.customer`)."
        }
        _ => return field.doc.clone(),
    };
    format!("{}\n\n{note}", field.doc)
}

/// `#[serde(...)]` for a JSON field: its wire name, and that an absent one is not encoded.
/// (Decoding is `deserialize::emit`'s.)
fn serde_attribute(
    field: &crate::model::Field,
    imports: &mut Imports<'_>,
) -> Option<syn::Attribute> {
    let mut args = Vec::new();
    if field.rust != field.wire {
        let wire = &field.wire;
        args.push(quote! { rename = #wire });
    }
    match field.presence {
        Presence::Optional => args.push(quote! { skip_serializing_if = "Option::is_none" }),
        Presence::OptionalNullable => {
            imports.runtime("Nullable");
            args.push(quote! { skip_serializing_if = "Nullable::is_absent" });
        }
        _ => {}
    }
    (!args.is_empty()).then(|| attribute("serde", quote! { #(#args),* }))
}

/// `#[<name>(<args>)]`. The arguments stay tokens, as they do when syn parses an attribute.
fn attribute(name: &str, args: TokenStream) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta: syn::Meta::List(syn::MetaList {
            path: ident(name).into(),
            delimiter: syn::MacroDelimiter::Paren(Default::default()),
            tokens: args,
        }),
    }
}

/// `new(required...)`: required fields cannot be forgotten, optional ones start empty.
fn constructor(s: &Struct, imports: &mut Imports<'_>) -> syn::ItemImpl {
    let required: Vec<_> = s
        .fields
        .iter()
        .filter(|field| field.presence == Presence::Required)
        .collect();
    let (mut item, allow) = template::with(
        &CONSTRUCTOR,
        (),
        |()| Constructor::new(),
        |templates| (templates.item.clone(), templates.allow.clone()),
    );
    *item.self_ty = type_named(&format_ident!("{}", s.name));
    let Some(syn::ImplItem::Fn(new)) = item.items.first_mut() else {
        unreachable!("the impl is quoted in `Constructor::new` with `new`");
    };
    let list = required
        .iter()
        .map(|field| format!("`{}`", field.rust))
        .collect::<Vec<_>>()
        .join(", ");
    new.attrs = doc_attrs(&format!(
        "Parameters with the required {list}; the others are left out."
    ));
    if required.len() > 7 {
        new.attrs.push(allow);
    }
    new.sig.inputs = required
        .iter()
        .map(|field| {
            argument(
                format_ident!("{}", field.rust),
                field_type(s, field, imports),
            )
        })
        .collect();
    let Some(syn::Stmt::Expr(syn::Expr::Struct(literal), None)) = new.block.stmts.first_mut()
    else {
        unreachable!("the impl is quoted in `Constructor::new` returning `Self {{}}`");
    };
    literal.fields = s
        .fields
        .iter()
        .map(|field| {
            let member = format_ident!("{}", field.rust);
            // A required field is its argument, written `name`, not `name: name`.
            let (colon_token, expr) = match field.presence {
                Presence::Required => (None, path_expr(&[&member])),
                _ => (
                    Some(Default::default()),
                    call(path(&[&ident("Default"), &ident("default")]), []),
                ),
            };
            syn::FieldValue {
                attrs: Vec::new(),
                member: syn::Member::Named(member),
                colon_token,
                expr,
            }
        })
        .collect();
    item
}

thread_local! {
    static CONSTRUCTOR: template::Templates<(), Constructor> = const { template::Templates::new() };
}

/// `impl Name { pub fn new() -> Self { Self {} } }`, and the `allow` of a long argument list.
struct Constructor {
    item: syn::ItemImpl,
    allow: syn::Attribute,
}

impl Constructor {
    fn new() -> Self {
        Constructor {
            item: syn::parse_quote! {
                impl Name {
                    pub fn new() -> Self {
                        Self {}
                    }
                }
            },
            allow: syn::parse_quote! { #[allow(clippy::too_many_arguments)] },
        }
    }
}

fn object_impl(s: &Struct, id: &str, imports: &mut Imports<'_>) -> TokenStream {
    let name = format_ident!("{}", s.name);
    let id = format_ident!("{id}");
    let field = s
        .fields
        .iter()
        .find(|field| field.wire == "id")
        .map_or("id", |field| field.rust.as_str());
    let field = format_ident!("{field}");
    let object = imports.runtime("Object");
    quote! {
        impl #object for #name {
            type Id = #id;

            fn id(&self) -> &#id {
                &self.#field
            }
        }
    }
}

fn form_impl(s: &Struct, imports: &mut Imports<'_>) -> syn::ItemImpl {
    let names = FormNames {
        form_encode: imports.private("FormEncode"),
        form: imports.private("Form"),
    };
    let mut item = template::with(&FORM, names, FormTemplates::new, |templates| {
        if s.fields.is_empty() {
            templates.without_fields.clone()
        } else {
            templates.with_fields.clone()
        }
    });
    *item.self_ty = type_named(&format_ident!("{}", s.name));
    let form = path_expr(&[&format_ident!("form")]);
    let key = path_expr(&[&format_ident!("key")]);
    let writes = s.fields.iter().map(|field| {
        let method = match field.ty {
            // Typed paths are relative to each listed object; strings are sent as written.
            Ty::Expand {
                paths: Some(_),
                list: true,
            } => "list_expand",
            _ if field.non_empty => "non_empty",
            _ => "field",
        };
        statement(method_call(
            form.clone(),
            format_ident!("{method}"),
            [
                key.clone(),
                syn::Expr::Lit(string(&field.wire)),
                ref_self_field(format_ident!("{}", field.rust)),
            ],
        ))
    });
    let Some(syn::ImplItem::Fn(encode)) = item.items.first_mut() else {
        unreachable!("the impl is quoted in `FormTemplates::new` with `encode`");
    };
    encode.block.stmts.extend(writes);
    item
}

thread_local! {
    static FORM: template::Templates<FormNames, FormTemplates> =
        const { template::Templates::new() };
}

/// The names the `FormEncode` skeletons are quoted with, as `Imports` gave them.
#[derive(PartialEq)]
struct FormNames {
    form_encode: Ident,
    form: Ident,
}

/// `FormEncode` for a struct named `Name`, with an empty `encode`.
struct FormTemplates {
    with_fields: syn::ItemImpl,
    /// With its arguments unused, as they are when there is nothing to encode.
    without_fields: syn::ItemImpl,
}

impl FormTemplates {
    fn new(names: &FormNames) -> Self {
        let FormNames { form_encode, form } = names;
        FormTemplates {
            with_fields: syn::parse_quote! {
                impl #form_encode for Name {
                    fn encode(&self, key: &str, form: &mut #form) {}
                }
            },
            without_fields: syn::parse_quote! {
                impl #form_encode for Name {
                    fn encode(&self, _key: &str, _form: &mut #form) {}
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::emit::imports::{Imports, Paths};
    use crate::model::{Encoding, Field, Presence, Struct, Ty};

    fn params(required: usize) -> Struct {
        let field = |index: usize, presence| Field {
            rust: format!("field_{index}"),
            wire: format!("field_{index}"),
            doc: String::new(),
            ty: Ty::Integer,
            presence,
            requires_expand: false,
            is_tag: false,
            non_empty: false,
            boxed: false,
        };
        let mut fields: Vec<Field> = (0..required)
            .map(|index| field(index, Presence::Required))
            .collect();
        fields.push(field(required, Presence::Optional));
        Struct {
            name: "WidgetParams".into(),
            doc: "Parameters.".into(),
            fields,
            encoding: Encoding::Form,
            id: None,
        }
    }

    fn constructor(required: usize) -> String {
        let paths = Paths {
            root: syn::parse_quote!(crate),
            runtime: syn::parse_quote!(crate),
        };
        let names = Default::default();
        let mut imports = Imports::new(&paths, "widgets", &names, &names);
        let item = super::constructor(&params(required), &mut imports);
        prettyplease::unparse(&syn::File {
            shebang: None,
            frontmatter: None,
            attrs: Vec::new(),
            items: vec![syn::Item::Impl(item)],
        })
    }

    #[test]
    fn constructors_take_the_required_fields_and_default_the_others() {
        let code = constructor(2);
        assert!(
            code.contains("pub fn new(field_0: i64, field_1: i64) -> Self"),
            "{code}"
        );
        assert!(
            code.contains("field_0,") && code.contains("field_2: Default::default()"),
            "{code}"
        );
        assert!(!code.contains("too_many_arguments"), "{code}");
    }

    #[test]
    fn constructors_of_more_than_seven_arguments_allow_them() {
        assert!(!constructor(7).contains("too_many_arguments"));
        let code = constructor(8);
        assert!(
            code.contains("#[allow(clippy::too_many_arguments)]\n    pub fn new("),
            "{code}"
        );
    }
}
