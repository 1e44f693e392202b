//! Synthetic specs for the generator benchmarks: `n` resources shaped like the shipped ones,
//! built as YAML text in memory.
//!
//! Each resource gets its own file with what `spec/financial_connections/account.yaml` and
//! `spec/treasury/financial_account.yaml` have: an ID and `object` tag, scalars, nullable and
//! optional fields, nested objects (two levels), string enums (one with dotted values), currency
//! maps, an `expandable<...>` to the previous resource (across modules at module boundaries) and
//! to an external resource through a nested object, a field present only when expanded, request
//! parameter objects, and retrieve / list / create / update endpoints. Resources are grouped ten
//! to a module, so the spec has `n / 10` modules plus `shared`.

use codegen::Sources;

/// Resources per module.
const PER_MODULE: usize = 10;

/// The module of resource `i`.
fn module(i: usize) -> String {
    format!("m{}", i / PER_MODULE)
}

/// A spec of `n` resources, ready for `codegen::generate`.
pub fn spec(n: usize) -> Sources {
    let modules = n.div_ceil(PER_MODULE);
    let mut sources = Sources::default();
    let mut api = String::from("api_version: 2026-07-29.dahlia\nmodules:\n");
    for m in 0..modules {
        api.push_str(&format!(
            "  m{m}:\n    description: Synthetic module {m}, ten resources.\n"
        ));
    }
    api.push_str("  shared:\n    description: Resources referenced by ID only.\n");
    add(&mut sources, "api.yaml", api);
    add(&mut sources, "shared/customer.yaml", SHARED.to_owned());
    for i in 0..n {
        add(
            &mut sources,
            &format!("{}/widget{i}.yaml", module(i)),
            resource(i),
        );
    }
    sources
}

fn add(sources: &mut Sources, relative: &str, text: String) {
    sources.add(format!("spec/{relative}"), relative.to_owned(), text);
}

const SHARED: &str = "\
external_resources:
  Customer:
    object: customer
    id_prefix: cus_
    description: A Stripe customer.
";

/// The YAML of resource `i`.
fn resource(i: usize) -> String {
    let m = module(i);
    // The previous resource, qualified when it lives in another module.
    let parent = match i {
        0 => "shared::Customer".to_owned(),
        _ if (i - 1) / PER_MODULE == i / PER_MODULE => format!("Widget{}", i - 1),
        _ => format!("{}::Widget{}", module(i - 1), i - 1),
    };
    format!(
        r#"# Synthetic resource {i}.
resources:
  Widget{i}:
    object: {m}.widget{i}
    object_aliases:
      legacy_widget{i}: An older name of this object.
    id_prefix: w{i}_
    description: >-
      Widget {i} represents an account that exists outside of Stripe, to which you have been
      granted some degree of access.
    fields:
      id:
        type: id
        description: Unique identifier for the object.
      object:
        type: object_tag
        description: String representing the object's type.
      holder:
        type: Widget{i}Holder
        nullable: true
        optional: true
        description: The account holder that this widget belongs to.
      balance:
        type: Widget{i}Balance
        nullable: true
        optional: true
        description: The most recent information about the widget's balance.
      category:
        type: Widget{i}Category
        description: The type of the widget.
      created:
        type: timestamp
        description: Time at which the object was created. Measured in seconds since the Unix epoch.
      display_name:
        type: string
        nullable: true
        optional: true
        description: A human-readable name that has been assigned to this widget.
      features:
        type: Widget{i}Features
        optional: true
        requires_expand: true
        description: The features and their statuses for this widget.
      livemode:
        type: boolean
        description: Has the value `true` if the object exists in live mode.
      metadata:
        type: map<string, string>
        nullable: true
        optional: true
        description: Set of key-value pairs that you can attach to an object.
      parent:
        type: expandable<{parent}>
        nullable: true
        optional: true
        description: The widget this one was derived from.
      active_features:
        type: array<Widget{i}Feature>
        optional: true
        description: The array of paths to active features.
      status:
        type: Widget{i}Status
        description: The status of the widget.
      supported_currencies:
        type: array<currency>
        description: The currencies the widget can hold a balance in.

objects:
  Widget{i}Holder:
    description: The account holder that a widget belongs to.
    fields:
      customer:
        type: expandable<shared::Customer>
        optional: true
        description: The ID of the customer that this widget belongs to.
      type:
        type: Widget{i}HolderType
        description: Type of account holder that this widget belongs to.

  Widget{i}Balance:
    description: The most recent information about the balance of a widget.
    fields:
      as_of:
        type: timestamp
        description: The time that the institution calculated this balance.
      cash:
        type: Widget{i}CashBalance
        optional: true
        description: Details of the balance when `type` is `cash`.
      current:
        type: map<currency, integer>
        description: The balances owed to (or by) the account holder.

  Widget{i}CashBalance:
    description: Details of a `cash` balance.
    fields:
      available:
        type: map<currency, integer>
        nullable: true
        optional: true
        description: The funds available to the account holder.

  Widget{i}Features:
    object: {m}.widget{i}_features
    description: Encodes whether a widget has access to a particular feature.
    fields:
      object:
        type: object_tag
        description: String representing the object's type.
      card_issuing:
        type: Widget{i}Toggle
        optional: true
        description: The widget's ability to be used with the Issuing product.
      deposit_insurance:
        type: Widget{i}Toggle
        optional: true
        description: Whether this widget is eligible for deposit insurance.

  Widget{i}Toggle:
    description: Toggle settings for enabling or disabling a feature.
    fields:
      requested:
        type: boolean
        description: Whether the widget should have the feature.
      status:
        type: Widget{i}ToggleStatus
        description: Whether the feature is operational.

param_objects:
  Widget{i}FeaturesParams:
    description: Requests access to features.
    fields:
      card_issuing:
        type: Widget{i}AccessParams
        optional: true
        description: Requests the Issuing feature.
      deposit_insurance:
        type: Widget{i}AccessParams
        optional: true
        description: Requests deposit insurance.

  Widget{i}AccessParams:
    description: Requests or removes access to a single feature.
    fields:
      requested:
        type: boolean
        description: Whether the widget should have the feature.

enums:
  Widget{i}Category:
    description: The type of a widget.
    values:
      cash: The widget represents real funds held by the institution.
      credit: The widget represents credit extended by the institution.
      investment: The widget represents investments.
      other:
        description: The widget does not fall under the other categories.
        rust_name: OtherCategory

  Widget{i}Status:
    description: The status of a widget.
    values:
      active: Stripe is able to retrieve data from the widget.
      disconnected: The connection has been terminated.
      inactive: Stripe cannot retrieve data from the widget.

  Widget{i}HolderType:
    description: The type of holder a widget belongs to.
    values:
      account: The widget belongs to a Stripe account.
      customer: The widget belongs to a customer.

  Widget{i}Feature:
    description: The path of a feature in the features hash of a widget.
    values:
      card_issuing: The widget's ability to be used with the Issuing product.
      deposit_insurance: Whether the widget is eligible for deposit insurance.
      financial_addresses.aba: An ABA address on the widget.
      outbound_payments.us_domestic_wire: Sending money out by US domestic wire.

  Widget{i}ToggleStatus:
    description: Whether a feature is operational.
    values:
      active: The feature is operational.
      pending: The feature is not operational yet.
      restricted: The feature is restricted.

endpoints:
  retrieve_widget{i}:
    description: Retrieves the details of a widget.
    method: GET
    path: /v1/{m}/widget{i}s/{{widget}}
    path_params:
      widget:
        type: id<Widget{i}>
        description: The ID of the widget to retrieve.
    params:
      expand:
        type: expand
        optional: true
        description: Specifies which fields in the response should be expanded.
    returns: Widget{i}

  list_widget{i}s:
    description: Returns a list of widgets.
    method: GET
    path: /v1/{m}/widget{i}s
    params:
      created:
        type: range<timestamp>
        optional: true
        description: Only return widgets that were created during the given date interval.
      ending_before:
        type: id<Widget{i}>
        optional: true
        description: A cursor for use in pagination.
      expand:
        type: expand
        optional: true
        description: Specifies which fields in the response should be expanded.
      limit:
        type: integer
        optional: true
        description: A limit on the number of objects to be returned.
      starting_after:
        type: id<Widget{i}>
        optional: true
        description: A cursor for use in pagination.
      status:
        type: Widget{i}Status
        optional: true
        description: Only return widgets that have the given status.
    returns: list<Widget{i}>

  create_widget{i}:
    description: Creates a new widget.
    method: POST
    path: /v1/{m}/widget{i}s
    params:
      expand:
        type: expand
        optional: true
        description: Specifies which fields in the response should be expanded.
      features:
        type: Widget{i}FeaturesParams
        optional: true
        description: Encodes whether a widget has access to a particular feature.
      metadata:
        type: map<string, string>
        optional: true
        description: Set of key-value pairs that you can attach to an object.
      nickname:
        type: string
        optional: true
        clearable: true
        description: The nickname for the widget.
      supported_currencies:
        type: array<currency>
        description: The currencies the widget can hold a balance in.
    returns: Widget{i}

  update_widget{i}:
    description: Updates the details of a widget.
    method: POST
    path: /v1/{m}/widget{i}s/{{widget}}
    path_params:
      widget:
        type: id<Widget{i}>
        description: The ID of the widget to update.
    params:
      expand:
        type: expand
        optional: true
        description: Specifies which fields in the response should be expanded.
      features:
        type: Widget{i}FeaturesParams
        optional: true
        description: Encodes whether a widget has access to a particular feature.
      nickname:
        type: string
        optional: true
        clearable: true
        description: The nickname for the widget.
    returns: Widget{i}
"#
    )
}
