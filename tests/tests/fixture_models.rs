//! How the models generated from the fixture specs decode and encode: each construct on its own.

use codegen_tests::fixtures;
use serde_json::{Value, json};

fn decode<T: serde::de::DeserializeOwned>(json: Value) -> T {
    serde_json::from_value(json.clone())
        .unwrap_or_else(|error| panic!("{json} does not decode: {error}"))
}

fn encode<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

#[test]
fn nullable_field_is_an_option_encoded_as_null() {
    use fixtures::nullable::widgets::Widget;
    let widget: Widget = decode(json!({"label": null}));
    assert_eq!(widget.label, None);
    assert_eq!(encode(&widget), json!({"label": null}));
    let widget: Widget = decode(json!({"label": "front"}));
    assert_eq!(encode(&widget), json!({"label": "front"}));
}

#[test]
fn optional_field_is_skipped_when_absent() {
    use fixtures::optional::widgets::Widget;
    let widget: Widget = decode(json!({}));
    assert_eq!(widget.label, None);
    assert_eq!(encode(&widget), json!({}));
    assert_eq!(
        encode(&decode::<Widget>(json!({"label": "x"}))),
        json!({"label": "x"})
    );
}

#[test]
fn nullable_optional_field_keeps_absent_null_and_value_apart() {
    use fixtures::nullable_optional::widgets::Widget;
    use stripe_client::Nullable;
    for (json, label) in [
        (json!({"size": 1}), Nullable::Absent),
        (json!({"label": null, "size": 1}), Nullable::Null),
        (
            json!({"label": "x", "size": 1}),
            Nullable::Value("x".to_owned()),
        ),
    ] {
        let widget: Widget = decode(json.clone());
        assert_eq!(widget.label, label);
        assert_eq!(encode(&widget), json);
    }
    assert!(
        serde_json::from_value::<Widget>(json!({"label": "x"})).is_err(),
        "size is required"
    );
}

#[test]
fn enum_keeps_unknown_values_and_renamed_variants() {
    use fixtures::enums::widgets::{Widget, WidgetColor};
    assert_eq!(
        decode::<Widget>(json!({"color": "financial_addresses.aba"})).color,
        WidgetColor::FinancialAddressesAba
    );
    assert_eq!(
        decode::<Widget>(json!({"color": "other"})).color,
        WidgetColor::OtherColor
    );
    let widget: Widget = decode(json!({"color": "ultraviolet"}));
    assert_eq!(widget.color, WidgetColor::Unknown("ultraviolet".to_owned()));
    assert_eq!(encode(&widget), json!({"color": "ultraviolet"}));
}

#[test]
fn keywords_and_renamed_fields_keep_their_wire_names() {
    use fixtures::keywords::widgets::{Kind, Widget};
    let json = json!({"type": "self", "match": "m", "fooBar": "camel", "foo_bar": "snake"});
    let widget: Widget = decode(json.clone());
    assert_eq!(widget.type_, Kind::Itself);
    assert_eq!(
        (widget.foo_bar.as_str(), widget.foo_bar_snake.as_str()),
        ("camel", "snake")
    );
    assert_eq!(encode(&widget), json);
    assert_eq!(
        decode::<Widget>(
            json!({"type": "us-bank-account", "match": "", "fooBar": "", "foo_bar": ""})
        )
        .type_,
        Kind::UsBankAccountHyphenated
    );
}

#[test]
fn maps_and_arrays_round_trip() {
    let json = json!({"metadata": {"a": "1"}, "prices": {"usd": 100, "xyz": 5}});
    assert_eq!(
        encode(&decode::<fixtures::maps::widgets::Widget>(json.clone())),
        json
    );
    let json = json!({"names": ["a"], "tags": ["new", "clearance"], "parts": [{"name": "p"}], "grid": [[1, 2], []]});
    assert_eq!(
        encode(&decode::<fixtures::arrays::widgets::Widget>(json.clone())),
        json
    );
}

#[test]
fn expandable_fields_and_expand_paths() {
    use fixtures::expandable::widgets::{Widget, WidgetExpand};
    let widget: Widget = decode(
        json!({"id": "wid_1", "object": "widget", "maker": "mkr_1", "owner": {"customer": {"id": "cus_1", "name": "Jenny"}}}),
    );
    assert_eq!(
        widget.maker.as_ref().map(|maker| maker.id().as_str()),
        Some("mkr_1")
    );
    let customer = widget.owner.customer.as_ref().unwrap();
    assert_eq!(customer.id().as_str(), "cus_1");
    assert_eq!(customer.as_object().unwrap().json()["name"], "Jenny");
    let paths: Vec<String> = [WidgetExpand::Maker, WidgetExpand::OwnerCustomer]
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(paths, ["maker", "owner.customer"]);
}

#[test]
fn requires_expand_field_is_absent_unless_expanded() {
    use fixtures::requires_expand::widgets::{Widget, WidgetExpand};
    assert!(decode::<Widget>(json!({"id": "wid_1"})).features.is_none());
    assert_eq!(
        decode::<Widget>(json!({"id": "wid_1", "features": {"fast": true}}))
            .features
            .map(|f| f.fast),
        Some(true)
    );
    assert_eq!(WidgetExpand::Features.as_str(), "features");
}

#[test]
fn event_data_decodes_each_event_type_into_its_own_type() {
    use fixtures::webhook_events::events::EventData;
    use fixtures::webhook_events::{makers, widgets};
    use stripe_client::webhook::WebhookError;

    let widget = r#"{"id": "wid_1", "name": "Sprocket"}"#;
    let EventData::WidgetCreated(decoded) = EventData::from_json("widget.created", widget).unwrap()
    else {
        panic!("widget.created is not WidgetCreated");
    };
    assert_eq!(
        *decoded,
        decode::<widgets::Widget>(json!({"id": "wid_1", "name": "Sprocket"}))
    );

    // The other module's `Widget`, which `events.rs` names by its path.
    let made = EventData::from_json("maker.widget.created", r#"{"id": "mwid_1"}"#).unwrap();
    assert_eq!(
        made,
        EventData::MakerWidgetCreated(Box::new(makers::Widget {
            id: makers::WidgetId::new("mwid_1")
        }))
    );
    assert_eq!(made.event_type(), "maker.widget.created");

    // An external resource keeps its typed ID and its JSON.
    let customer = r#"{"id": "cus_1", "email": "jenny@example.com"}"#;
    let EventData::CustomerCreated(customer) =
        EventData::from_json("customer.created", customer).unwrap()
    else {
        panic!("customer.created is not CustomerCreated");
    };
    assert_eq!(customer.id(), &widgets::CustomerId::new("cus_1"));
    assert_eq!(customer.json()["email"], "jenny@example.com");

    // A type the spec does not list keeps its type and its JSON.
    let unknown = EventData::from_json("gadget.created", r#"{"id": "gad_1"}"#).unwrap();
    let EventData::Unknown { type_, object } = &unknown else {
        panic!("gadget.created is not Unknown: {unknown:?}");
    };
    assert_eq!(type_, "gadget.created");
    assert_eq!(Value::Object(object.clone()), json!({"id": "gad_1"}));
    assert_eq!(unknown.event_type(), "gadget.created");

    assert_eq!(
        EventData::KNOWN_TYPES,
        [
            "maker.widget.created",
            "widget.created",
            "customer.created",
            "maker.widget.assembled"
        ]
    );

    // An object that is not the type its event names is an error saying where.
    match EventData::from_json("widget.created", r#"{"id": "wid_1", "name": 7}"#) {
        Err(WebhookError::InvalidObject {
            event_type, path, ..
        }) => {
            assert_eq!(event_type, "widget.created");
            assert_eq!(path, "name");
        }
        other => panic!("{other:?}"),
    }
}
