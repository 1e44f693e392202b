//! The fixtures' DELETE and search endpoints over real HTTP, against a wiremock server on
//! 127.0.0.1: the request each sends and how the response decodes, and the search stream
//! walking pages by their `next_page` token.

use codegen_tests::fixtures;
use serde_json::json;
use stripe_client::Client;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder("sk_test_123")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("a valid client")
}

#[tokio::test]
async fn delete_sends_its_parameters_in_the_query_and_decodes_the_deleted_form() {
    use fixtures::deletes::widgets::{DeleteWidgetParams, WidgetId, delete_widget};
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/v1/widgets/wid_1"))
        .and(query_param("reason", "worn out"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": "wid_1", "object": "widget", "deleted": true})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let params = DeleteWidgetParams {
        reason: Some("worn out".into()),
    };
    let deleted = delete_widget(&client(&server), &WidgetId::new("wid_1"), &params)
        .await
        .expect("the delete succeeds");
    assert_eq!(deleted.id, WidgetId::new("wid_1"));
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].body.is_empty(), "a DELETE has no body");
}

#[tokio::test]
async fn search_stream_follows_next_page_until_the_last_page() {
    use fixtures::search::widgets::{SearchWidgetsParams, search_widgets_paginated};
    let server = MockServer::start().await;
    let page = |ids: &[&str], next: Option<&str>| {
        let data: Vec<_> = ids.iter().map(|id| json!({"id": id, "name": id})).collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "object": "search_result", "data": data, "has_more": next.is_some(),
            "next_page": next, "url": "/v1/widgets/search"
        }))
    };
    Mock::given(method("GET"))
        .and(path("/v1/widgets/search"))
        .and(query_param("query", "name:'a'"))
        .and(query_param_is_missing("page"))
        .respond_with(page(&["wid_1", "wid_2"], Some("pg_2")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/widgets/search"))
        .and(query_param("page", "pg_2"))
        .respond_with(page(&["wid_3"], None))
        .expect(1)
        .mount(&server)
        .await;
    let params = SearchWidgetsParams::new("name:'a'".into());
    let widgets = search_widgets_paginated(&client(&server), params)
        .try_collect()
        .await
        .expect("every page decodes");
    let ids: Vec<&str> = widgets.iter().map(|widget| widget.id.as_str()).collect();
    assert_eq!(ids, ["wid_1", "wid_2", "wid_3"]);
}

#[tokio::test]
async fn search_stream_ends_with_an_error_when_a_page_promises_more_without_a_token() {
    use fixtures::search::widgets::{SearchWidgetsParams, search_widgets_paginated};
    use stripe_client::{Error, UnexpectedResponseKind};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/widgets/search"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "object": "search_result", "data": [{"id": "wid_1", "name": "a"}],
            "has_more": true, "next_page": null, "url": "/v1/widgets/search"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let mut widgets = search_widgets_paginated(
        &client(&server),
        SearchWidgetsParams::new("name:'a'".into()),
    );
    assert!(matches!(widgets.next().await, Some(Ok(widget)) if widget.id.as_str() == "wid_1"));
    match widgets.next().await {
        Some(Err(Error::UnexpectedResponse(response))) => {
            assert!(matches!(
                response.kind,
                UnexpectedResponseKind::PageDidNotAdvance
            ));
        }
        other => panic!("expected the paging to stop with an error, got {other:?}"),
    }
    assert!(widgets.next().await.is_none());
}
