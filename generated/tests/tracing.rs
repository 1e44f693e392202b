//! The `tracing` feature, against a wiremock server on 127.0.0.1: a span per call, an event per
//! attempt, with the fields promised, and never the secret key, a parameter or a body. Run with
//! `cargo test -p stripe-client --features tracing --test tracing` (CI does).
//!
//! The subscriber is written here rather than taken from tracing-subscriber: it only records
//! what it is given, which is all a test needs.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use stripe_client::treasury::{
    FinancialAccountId, UpdateFinancialAccountParams, retrieve_financial_account,
    update_financial_account,
};
use stripe_client::{Clearable, Client, ClientBuilder, ExtraParams};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};
use wiremock::matchers::{any, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
const FA: &str = "fa_1MtZmL2eZvKYlo2Cer6cdwEC";
const FA_PATH: &str = "/v1/treasury/financial_accounts/fa_1MtZmL2eZvKYlo2Cer6cdwEC";
const FINANCIAL_ACCOUNT: &str = include_str!("data/seed_treasury_financial_account.json");

#[derive(Clone, Debug)]
struct SpanRecord {
    name: &'static str,
    fields: BTreeMap<String, String>,
}

#[derive(Clone, Debug)]
struct EventRecord {
    target: String,
    level: Level,
    /// The index in `spans` of the span the event happened in.
    span: Option<usize>,
    fields: BTreeMap<String, String>,
}

#[derive(Default)]
struct Recorded {
    spans: Vec<SpanRecord>,
    events: Vec<EventRecord>,
    /// The spans entered, innermost last.
    entered: Vec<usize>,
}

/// Records every span and event, with their fields as text.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Recorded>>);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

fn index(id: &Id) -> usize {
    usize::try_from(id.into_u64()).unwrap() - 1
}

impl Subscriber for Recorder {
    fn enabled(&self, _metadata: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let mut recorded = self.0.lock().unwrap();
        let mut fields = BTreeMap::new();
        attributes.record(&mut Fields(&mut fields));
        recorded.spans.push(SpanRecord {
            name: attributes.metadata().name(),
            fields,
        });
        Id::from_u64(u64::try_from(recorded.spans.len()).unwrap())
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut recorded = self.0.lock().unwrap();
        values.record(&mut Fields(&mut recorded.spans[index(span)].fields));
    }

    fn record_follows_from(&self, _span: &Id, _follows: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut recorded = self.0.lock().unwrap();
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        let span = match event.parent() {
            Some(parent) => Some(index(parent)),
            None if event.is_contextual() => recorded.entered.last().copied(),
            None => None,
        };
        recorded.events.push(EventRecord {
            target: event.metadata().target().to_owned(),
            level: *event.metadata().level(),
            span,
            fields,
        });
    }

    fn enter(&self, span: &Id) {
        self.0.lock().unwrap().entered.push(index(span));
    }

    fn exit(&self, span: &Id) {
        let mut recorded = self.0.lock().unwrap();
        if let Some(at) = recorded
            .entered
            .iter()
            .rposition(|&entered| entered == index(span))
        {
            recorded.entered.remove(at);
        }
    }
}

impl Recorder {
    /// The client's spans, and its events with the index of their span among those.
    fn ours(&self) -> (Vec<SpanRecord>, Vec<(Option<usize>, EventRecord)>) {
        let recorded = self.0.lock().unwrap();
        let ours: Vec<usize> = (0..recorded.spans.len())
            .filter(|&span| recorded.spans[span].name == "stripe_request")
            .collect();
        let spans = ours
            .iter()
            .map(|&span| recorded.spans[span].clone())
            .collect();
        let events = recorded
            .events
            .iter()
            .filter(|event| event.target.starts_with("stripe_client"))
            .map(|event| {
                let span = event
                    .span
                    .and_then(|span| ours.iter().position(|&our| our == span));
                (span, event.clone())
            })
            .collect();
        (spans, events)
    }

    /// Everything recorded, from every crate (hyper's events too), as one text.
    fn everything(&self) -> String {
        let recorded = self.0.lock().unwrap();
        format!("{:?} {:?}", recorded.spans, recorded.events)
    }
}

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder(KEY)
        .base_url(server.uri())
        .retry_base_delay(Duration::from_millis(1))
        .retry_max_delay(Duration::from_millis(5))
}

fn financial_account() -> Value {
    serde_json::from_str(FINANCIAL_ACCOUNT).unwrap()
}

fn field<'a>(fields: &'a BTreeMap<String, String>, name: &str) -> Option<&'a str> {
    fields.get(name).map(String::as_str)
}

#[tokio::test]
async fn a_call_is_one_span_and_each_attempt_one_event_with_its_outcome() {
    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(500)
                .insert_header("Request-Id", "req_first")
                .set_body_json(json!({"error": {"type": "api_error"}})),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Request-Id", "req_second")
                .set_body_json(financial_account()),
        )
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let with_query = client.with_extra_params(ExtraParams::new().set("marker", "query-marker"));
    retrieve_financial_account(
        &with_query,
        &FinancialAccountId::new(FA),
        &Default::default(),
    )
    .await
    .unwrap();

    let (spans, events) = recorder.ours();
    assert_eq!(spans.len(), 1, "{spans:?}");
    let span = &spans[0].fields;
    assert_eq!(field(span, "method"), Some("GET"));
    assert_eq!(field(span, "path"), Some(FA_PATH));
    assert_eq!(field(span, "status"), Some("200"));
    assert_eq!(field(span, "request_id"), Some("req_second"));
    assert_eq!(field(span, "error"), None);

    assert_eq!(events.len(), 2, "{events:?}");
    let (first_span, first) = &events[0];
    let (second_span, second) = &events[1];
    assert_eq!((*first_span, *second_span), (Some(0), Some(0)));
    assert_eq!(first.level, Level::WARN);
    assert_eq!(field(&first.fields, "attempt"), Some("1"));
    assert_eq!(field(&first.fields, "status"), Some("500"));
    assert_eq!(field(&first.fields, "request_id"), Some("req_first"));
    assert_eq!(field(&first.fields, "retry"), Some("status 5xx"));
    assert!(field(&first.fields, "retry_in_ms").is_some(), "{first:?}");
    assert!(field(&first.fields, "elapsed_ms").is_some(), "{first:?}");
    assert_eq!(second.level, Level::INFO);
    assert_eq!(field(&second.fields, "attempt"), Some("2"));
    assert_eq!(field(&second.fields, "status"), Some("200"));
    assert_eq!(field(&second.fields, "request_id"), Some("req_second"));
    assert_eq!(field(&second.fields, "retry"), None);
    assert_eq!(field(&second.fields, "error"), None);
    assert!(field(&second.fields, "elapsed_ms").is_some(), "{second:?}");

    // The query string is parameters: not in the path, nor anywhere else.
    let everything = recorder.everything();
    assert!(!everything.contains("query-marker"), "{everything}");
}

#[tokio::test]
async fn neither_the_key_nor_a_parameter_nor_a_body_is_recorded() {
    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    let server = MockServer::start().await;
    let mut answer = financial_account();
    answer["nickname"] = json!("response-body-marker");
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(answer))
        .mount(&server)
        .await;
    let client = builder(&server)
        .stripe_account("acct_header_marker")
        .build()
        .unwrap()
        .with_idempotency_key("idempotency-marker");
    let params = UpdateFinancialAccountParams {
        nickname: Some(Clearable::Set("request-body-marker".into())),
        ..Default::default()
    };
    let updated = update_financial_account(&client, &FinancialAccountId::new(FA), &params)
        .await
        .unwrap();
    assert_eq!(
        updated.nickname.as_deref().into_value(),
        Some("response-body-marker")
    );

    let (spans, events) = recorder.ours();
    assert_eq!(spans.len(), 1);
    assert_eq!(field(&spans[0].fields, "method"), Some("POST"));
    assert_eq!(events.len(), 1);
    let everything = recorder.everything();
    for secret in [
        KEY,
        "4eC39HqLyjWDarjtT1zdp7dc",
        "request-body-marker",
        "response-body-marker",
        "acct_header_marker",
        "idempotency-marker",
    ] {
        assert!(!everything.contains(secret), "{secret} in {everything}");
    }
}

#[tokio::test]
async fn attempts_that_get_no_response_say_why() {
    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    // Nothing listens on the discard port.
    let client = Client::builder(KEY)
        .base_url("http://127.0.0.1:9")
        .max_retries(1)
        .retry_base_delay(Duration::from_millis(1))
        .retry_max_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    retrieve_financial_account(&client, &FinancialAccountId::new(FA), &Default::default())
        .await
        .unwrap_err();

    let (spans, events) = recorder.ours();
    assert_eq!(field(&spans[0].fields, "error"), Some("network"));
    assert_eq!(field(&spans[0].fields, "status"), None);
    let fields: Vec<_> = events
        .iter()
        .map(|(_, event)| {
            (
                field(&event.fields, "attempt").map(str::to_owned),
                field(&event.fields, "error").map(str::to_owned),
                field(&event.fields, "retry").map(str::to_owned),
                field(&event.fields, "status").map(str::to_owned),
            )
        })
        .collect();
    let some = |text: &str| Some(text.to_owned());
    assert_eq!(
        fields,
        [
            (some("1"), some("connect"), some("connect"), None),
            (some("2"), some("connect"), None, None),
        ]
    );

    // A call refused before sending is a span with the reason, and no attempt.
    let before = events.len();
    retrieve_financial_account(&client, &FinancialAccountId::new(""), &Default::default())
        .await
        .unwrap_err();
    let (spans, events) = recorder.ours();
    assert_eq!(field(&spans[1].fields, "error"), Some("usage"));
    assert_eq!(events.len(), before);
}
