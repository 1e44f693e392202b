//! The generated `Deserialize` impls (written out by `codegen/src/emit/deserialize.rs`, not
//! derived) behave as serde's derive did, by every road a body takes: serde_json on text, on a
//! `Value` (how unions decode their variants), and the client's `decode_json` (its own fast
//! reader first, then serde_json with the path on failure).

use codegen_tests::fixtures;
use serde::de::DeserializeOwned;
use serde_json::Value;
use stripe_client::__private::decode_json;

/// `text` decoded by each road, which must agree: the value, or the error's message.
fn decode<T: DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str) -> Result<T, String> {
    let from_str = serde_json::from_str::<T>(text).map_err(|error| error.to_string());
    let from_value = serde_json::from_str::<Value>(text)
        .map_err(|error| error.to_string())
        .and_then(|value| serde_json::from_value::<T>(value).map_err(|error| error.to_string()));
    let client = decode_json::<T>(text.as_bytes()).map_err(|error| error.inner().to_string());
    assert_eq!(
        from_str, client,
        "serde_json and decode_json differ on {text}"
    );
    match (&from_str, &from_value) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "from_str and from_value differ on {text}"),
        (Err(_), Err(_)) => {}
        _ => panic!("from_str {from_str:?} but from_value {from_value:?} on {text}"),
    }
    from_str
}

fn error_of<T: DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str) -> String {
    match decode::<T>(text) {
        Ok(value) => panic!("{text} decoded as {value:?}"),
        Err(error) => error,
    }
}

#[test]
fn a_missing_required_field_is_an_error_naming_it() {
    use fixtures::nullable_optional::widgets::Widget;
    let error = error_of::<Widget>(r#"{"label": "x"}"#);
    assert!(error.starts_with("missing field `size`"), "{error}");
}

#[test]
fn a_field_given_twice_is_an_error_naming_it() {
    use fixtures::nullable_optional::widgets::Widget;
    // Not through a `Value`, which keeps only the last of two equal keys.
    let twice = |text: &str| {
        let error = serde_json::from_str::<Widget>(text)
            .unwrap_err()
            .to_string();
        let client = decode_json::<Widget>(text.as_bytes()).unwrap_err();
        assert_eq!(client.inner().to_string(), error);
        error
    };
    let error = twice(r#"{"size": 1, "size": 2}"#);
    assert!(error.starts_with("duplicate field `size`"), "{error}");
    // Twice, even where a missing key would be fine.
    let error = twice(r#"{"size": 1, "label": null, "label": "x"}"#);
    assert!(error.starts_with("duplicate field `label`"), "{error}");
}

#[test]
fn unknown_fields_are_skipped_whatever_they_hold() {
    use fixtures::nullable_optional::widgets::Widget;
    use stripe_client::Nullable;
    let widget: Widget = decode(
        r#"{"added": {"deep": [1, {"x": null}], "s": "\u00e9"}, "size": 3, "more": -1.5e3}"#,
    )
    .unwrap();
    assert_eq!((widget.size, widget.label), (3, Nullable::Absent));
}

#[test]
fn absent_null_and_a_value_stay_apart() {
    use stripe_client::Nullable;
    type OptionalNullable = fixtures::nullable_optional::widgets::Widget;
    let label = |text: &str| decode::<OptionalNullable>(text).unwrap().label;
    assert_eq!(label(r#"{"size": 1}"#), Nullable::Absent);
    assert_eq!(label(r#"{"size": 1, "label": null}"#), Nullable::Null);
    assert_eq!(
        label(r#"{"label": "x", "size": 1}"#),
        Nullable::Value("x".into())
    );

    // Nullable only: `null` is `None`, and so is a missing key, as with serde's derive.
    type NullableOnly = fixtures::nullable::widgets::Widget;
    assert_eq!(
        decode::<NullableOnly>(r#"{"label": null}"#).unwrap().label,
        None
    );
    assert_eq!(decode::<NullableOnly>("{}").unwrap().label, None);
    assert_eq!(
        decode::<NullableOnly>(r#"{"label": "a"}"#)
            .unwrap()
            .label
            .as_deref(),
        Some("a")
    );

    // Optional only: absent is `None`; `null` is `None` too.
    type Optional = fixtures::optional::widgets::Widget;
    assert_eq!(decode::<Optional>("{}").unwrap().label, None);
    assert_eq!(
        decode::<Optional>(r#"{"label": null}"#).unwrap().label,
        None
    );

    // Required: `null` is an error.
    let error = error_of::<OptionalNullable>(r#"{"size": null}"#);
    assert!(
        error.starts_with("invalid type: null, expected i64"),
        "{error}"
    );
}

#[test]
fn an_unknown_enum_value_is_kept() {
    use fixtures::enums::widgets::{Widget, WidgetColor};
    let widget: Widget = decode(r#"{"color": "ultraviolet"}"#).unwrap();
    assert!(
        matches!(&widget.color, WidgetColor::Unknown(value) if value.as_str() == "ultraviolet")
    );
    let widget: Widget = decode(r#"{"color": "financial_addresses.aba"}"#).unwrap();
    assert_eq!(widget.color, WidgetColor::FinancialAddressesAba);
}

#[test]
fn a_missing_object_tag_is_its_one_value() {
    use fixtures::expandable::widgets::{Widget, WidgetObject};
    let widget: Widget = decode(r#"{"id": "wid_1", "owner": {}}"#).unwrap();
    assert_eq!(widget.object, WidgetObject::default());
}

#[test]
fn wrong_types_say_what_was_expected() {
    use fixtures::nullable_optional::widgets::Widget;
    let error = error_of::<Widget>(r#""a widget""#);
    assert!(
        error.starts_with(r#"invalid type: string "a widget", expected struct Widget"#),
        "{error}"
    );
    let error = error_of::<Widget>(r#"{"size": "big"}"#);
    assert!(
        error.starts_with(r#"invalid type: string "big", expected i64"#),
        "{error}"
    );
    let error = error_of::<Widget>(r#"{"size": 1, "label": 2}"#);
    assert!(
        error.starts_with("invalid type: integer `2`, expected a string"),
        "{error}"
    );
}

#[test]
fn the_client_reports_where_a_nested_value_failed() {
    use fixtures::nested_objects::widgets::Widget;
    let good = serde_json::to_string(&fixture_widget()).unwrap();
    let body = format!(
        r#"{{"object": "list", "data": [{good}, {{"front": {{"width": "x"}}}}], "has_more": false, "url": "/v1/widgets"}}"#
    );
    let error = decode_json::<stripe_client::List<Widget>>(body.as_bytes()).unwrap_err();
    assert_eq!(error.path().to_string(), "data[1].front.width");
    // And a good list decodes the same by every road.
    let body = format!(
        r#"{{"object": "list", "data": [{good}], "has_more": false, "url": "/v1/widgets"}}"#
    );
    let list: stripe_client::List<Widget> = decode(&body).unwrap();
    assert_eq!(list.data, [fixture_widget()]);
}

fn fixture_widget() -> fixtures::nested_objects::widgets::Widget {
    serde_json::from_value(serde_json::json!({"front": {"width": 2}, "back": null}))
        .expect("the nested_objects fixture's widget")
}
