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
    assert!(
        matches!(&widget.color, WidgetColor::Unknown(value) if value.as_str() == "ultraviolet")
    );
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

/// The form encoding of a parameters struct, percent-decoded for readability.
fn form<P: stripe_client::__private::FormEncode>(params: &P) -> String {
    let encoded = stripe_client::__private::Form::from_params(params);
    encoded.as_str().replace("%5B", "[").replace("%5D", "]")
}

#[test]
fn union_decodes_each_variant_by_its_object_tag_and_encodes_it_back() {
    use fixtures::unions::widgets::{PaymentSource, Source};
    use stripe_client::Object;
    let card = json!({"id": "card_1", "object": "card", "last4": "4242"});
    let PaymentSource::Card(decoded) = decode::<PaymentSource>(card.clone()) else {
        panic!("a card is the Card variant")
    };
    assert_eq!(decoded.last4, "4242");
    let bank = json!({"id": "ba_1", "object": "bank_account", "bank_name": null});
    let source: PaymentSource = decode(bank.clone());
    assert!(matches!(source, PaymentSource::BankAccount(_)));
    assert_eq!(encode(&source), bank);
    // An external resource keeps its JSON.
    let alipay = json!({"id": "aliacc_1", "object": "alipay_account", "fingerprint": "f"});
    let source: PaymentSource = decode(alipay.clone());
    assert_eq!(Object::id(&source), "aliacc_1");
    assert_eq!(encode(&source), alipay);
    // The same objects in a narrower union.
    assert!(matches!(decode::<Source>(card), Source::Card(_)));
}

#[test]
fn union_keeps_an_unknown_object_and_encodes_it_back_unchanged() {
    use fixtures::unions::widgets::PaymentSource;
    use stripe_client::Object;
    let json = json!({"id": "src_1", "object": "source", "nested": {"a": [1, 2]}});
    let source: PaymentSource = decode(json.clone());
    let PaymentSource::Unknown(unknown) = &source else {
        panic!("a source is not a variant of PaymentSource")
    };
    assert_eq!(unknown.json()["nested"]["a"][1], 2);
    assert_eq!(Object::id(&source), "src_1");
    assert_eq!(encode(&source), json);
}

#[test]
fn union_refuses_what_is_not_an_object_and_a_variant_that_does_not_decode() {
    use fixtures::unions::widgets::PaymentSource;
    let error = serde_json::from_value::<PaymentSource>(json!("card_1")).unwrap_err();
    assert!(error.to_string().contains("expected an object"), "{error}");
    let error = serde_json::from_value::<PaymentSource>(json!({"id": "card_1", "object": "card"}))
        .unwrap_err();
    assert!(error.to_string().contains("last4"), "{error}");
}

#[test]
fn untagged_union_takes_the_first_variant_that_decodes() {
    use fixtures::unions::widgets::MethodOptions;
    let mandate = json!({"mandate": "m_1"});
    let options: MethodOptions = decode(mandate.clone());
    assert!(matches!(&options, MethodOptions::MandateOptions(options) if options.mandate == "m_1"));
    assert_eq!(encode(&options), mandate);
    let client = json!({"capture": true});
    assert!(matches!(
        decode::<MethodOptions>(client.clone()),
        MethodOptions::ClientOptions(_)
    ));
    let neither = json!({"capture": "sometimes"});
    let options: MethodOptions = decode(neither.clone());
    assert!(matches!(&options, MethodOptions::Unknown(_)));
    assert_eq!(encode(&options), neither);
}

#[test]
fn expandable_union_is_an_id_or_any_of_its_objects_and_lists_hold_unions() {
    use fixtures::unions::widgets::{PaymentSource, Widget};
    let json = json!({
        "id": "wid_1",
        "default_source": "ba_1",
        "sources": {"object": "list", "data": [
            {"id": "card_1", "object": "card", "last4": "1881"},
            {"id": "ba_1", "object": "bank_account", "bank_name": "STRIPE TEST BANK"}
        ], "has_more": false, "url": "/v1/widgets/wid_1/sources"}
    });
    let widget: Widget = decode(json.clone());
    let default = widget.default_source.as_ref().unwrap();
    assert!(!default.is_expanded());
    assert_eq!(default.id(), "ba_1");
    assert_eq!(widget.sources.data.len(), 2);
    assert_eq!(encode(&widget), json);

    let mut expanded = json.clone();
    expanded["default_source"] = json!({"id": "card_9", "object": "card", "last4": "0005"});
    let widget: Widget = decode(expanded.clone());
    let default = widget.default_source.as_ref().unwrap();
    assert_eq!(default.id(), "card_9");
    assert!(matches!(default.as_object(), Some(PaymentSource::Card(card)) if card.last4 == "0005"));
    assert_eq!(encode(&widget), expanded);
}

#[test]
fn resource_or_its_deleted_form_is_told_apart_by_deleted() {
    use fixtures::deletes::widgets::{DeletedWidget, WidgetId, WidgetOrDeleted};
    use stripe_client::Object;
    let live = json!({"id": "wid_1", "object": "widget", "name": "Front"});
    let response: WidgetOrDeleted = decode(live.clone());
    assert!(matches!(&response, WidgetOrDeleted::Widget(widget) if widget.name == "Front"));
    assert_eq!(encode(&response), live);
    let deleted = json!({"id": "wid_1", "object": "widget", "deleted": true});
    let response: WidgetOrDeleted = decode(deleted.clone());
    assert!(matches!(response, WidgetOrDeleted::DeletedWidget(_)));
    // Both forms have the widget's typed ID.
    assert_eq!(*Object::id(&response), WidgetId::new("wid_1"));
    assert_eq!(encode(&response), deleted);
    let error = serde_json::from_value::<DeletedWidget>(
        json!({"id": "wid_1", "object": "widget", "deleted": false}),
    )
    .unwrap_err();
    assert!(error.to_string().contains("true"), "{error}");
}

#[test]
fn one_of_parameters_encode_the_value_they_hold() {
    use fixtures::one_of::widgets::{
        AnchorKeyword, CardParams, Filter, FilterSize, ShippingParams, UpdateWidgetParams,
        UpdateWidgetParamsAnchor,
    };
    use stripe_client::{Clearable, RangeQuery, Timestamp};
    let mut params = UpdateWidgetParams {
        source: Some(String::from("tok_visa").into()),
        anchor: Some(AnchorKeyword::Now.into()),
        ..Default::default()
    };
    assert_eq!(form(&params), "source=tok_visa&anchor=now");
    params.source = Some(CardParams::new("4242".into(), 12).into());
    params.anchor = Some(UpdateWidgetParamsAnchor::Timestamp(
        Timestamp::from_unix_seconds(1_700_000_000),
    ));
    assert_eq!(
        form(&params),
        "source[number]=4242&source[exp_month]=12&anchor=1700000000"
    );

    // Clearing a whole map, and a range and a one_of nested in a parameter object.
    let params = UpdateWidgetParams {
        metadata: Some(Clearable::Clear),
        filter: Some(Filter {
            created: Some(RangeQuery::gte(Timestamp::from_unix_seconds(5))),
            size: Some(FilterSize::Range(RangeQuery::lt(10))),
            shipping: None,
        }),
        ..Default::default()
    };
    assert_eq!(
        form(&params),
        "metadata=&filter[created][gte]=5&filter[size][lt]=10"
    );

    // Clearing a nested object, and a field of one.
    let mut shipping = ShippingParams::new("Jenny".into());
    shipping.phone = Some(Clearable::Clear);
    let filter = |shipping| UpdateWidgetParams {
        filter: Some(Filter {
            created: None,
            size: Some(FilterSize::Integer(3)),
            shipping: Some(shipping),
        }),
        ..Default::default()
    };
    assert_eq!(
        form(&filter(Clearable::Clear)),
        "filter[size]=3&filter[shipping]="
    );
    assert_eq!(
        form(&filter(Clearable::Set(shipping))),
        "filter[size]=3&filter[shipping][name]=Jenny&filter[shipping][phone]="
    );
}

#[test]
fn exclusive_parameter_objects_send_exactly_the_field_chosen_and_a_tag_names_it() {
    use fixtures::one_of::widgets::{CardParams, Destination, Owner, UpdateWidgetParams};
    let params = UpdateWidgetParams {
        owner: Some(Owner::Customer("cus_1".into())),
        destination: Some(Destination::BankAccount("ba_1".into())),
        ..Default::default()
    };
    assert_eq!(
        form(&params),
        "owner[customer]=cus_1&destination[bank_account]=ba_1&destination[type]=bank_account"
    );
    let params = UpdateWidgetParams {
        destination: Some(Destination::Card(CardParams::new("4242".into(), 1))),
        ..Default::default()
    };
    assert_eq!(
        form(&params),
        "destination[card][number]=4242&destination[card][exp_month]=1&destination[type]=card"
    );
}

#[test]
fn inline_objects_and_enums_are_named_after_their_fields_and_round_trip() {
    use fixtures::inline::widgets::{
        CreateWidgetParams, CreateWidgetParamsColors, CreateWidgetParamsDimensions,
        CreateWidgetParamsDimensionsTolerance, Widget, WidgetDimensionsUnit, WidgetStatus,
    };
    let json = json!({
        "id": "wid_1",
        "status": "broken",
        "dimensions": {"unit": "in", "width": 2.5},
        "parts": [{"name": "axle"}],
        "labels": {"en": {"text": "Widget"}},
        "settings": {"anything": [true, null, {"deep": 1.25}]}
    });
    let widget: Widget = decode(json.clone());
    assert_eq!(widget.status, WidgetStatus::Broken);
    let dimensions = widget.dimensions.as_ref().unwrap();
    assert_eq!(
        (&dimensions.unit, dimensions.width),
        (&WidgetDimensionsUnit::In, 2.5)
    );
    assert_eq!(widget.parts[0].name, "axle");
    assert_eq!(widget.settings["anything"][2]["deep"], 1.25);
    assert_eq!(encode(&widget), json);

    let mut dimensions = CreateWidgetParamsDimensions::new(10.25);
    dimensions.tolerance = Some(CreateWidgetParamsDimensionsTolerance::new(0.5));
    let params = CreateWidgetParams {
        colors: vec![
            CreateWidgetParamsColors::Red,
            CreateWidgetParamsColors::Blue,
        ],
        ..CreateWidgetParams::new(dimensions)
    };
    assert_eq!(
        form(&params),
        "dimensions[width]=10.25&dimensions[tolerance][plus]=0.5&colors[0]=red&colors[1]=blue"
    );
}

#[test]
fn search_results_decode_with_their_page_token() {
    use fixtures::search::widgets::Widget;
    use stripe_client::SearchResult;
    let json = json!({
        "object": "search_result",
        "data": [{"id": "wid_1", "name": "a"}],
        "has_more": true,
        "next_page": "pg_2",
        "url": "/v1/widgets/search"
    });
    let page: SearchResult<Widget> = decode(json.clone());
    assert_eq!(page.next_page.as_deref(), Some("pg_2"));
    assert_eq!(page.data[0].name, "a");
    assert_eq!(encode(&page), json);
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

#[test]
fn a_boxed_field_lets_an_object_contain_itself() {
    use fixtures::nested_objects::widgets::Face;
    let json = json!({"width": 3, "inner": {"width": 2, "inner": {"width": 1, "inner": null}}});
    let face: Face = decode(json.clone());
    let inner: &Face = face.inner.as_deref().expect("a boxed inner face");
    assert_eq!(inner.width, 2);
    assert_eq!(inner.inner.as_ref().map(|face| face.width), Some(1));
    assert_eq!(encode(&face), json);
}

#[test]
fn params_from_an_object_of_another_module() {
    use fixtures::cross_module::makers::Paint;
    use fixtures::cross_module::widgets::PaintWidgetsParams;
    let params = PaintWidgetsParams::from(Paint {
        color: "red".into(),
        coats: Some(2),
    });
    assert_eq!(form(&params), "color=red&coats=2");
    assert!(params.expand.is_empty());
}

#[test]
fn colliding_expand_paths_are_told_apart_by_their_segments() {
    use fixtures::expand_collisions::widgets::WidgetExpand;
    let paths: Vec<String> = [WidgetExpand::OwnerMaker, WidgetExpand::OwnerThenMaker]
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(paths, ["owner_maker", "owner.maker"]);
}
