//! The API conventions of DESIGN.md: versioned paths, the envelope, real
//! statuses with documented codes, paging, request ids.
//!
//! No endpoint takes a JSON body yet, so the extractors (`ApiJson`,
//! `Paging`) are proven on a small route mounted here only, under the same
//! kind of body limit the application sets.

use axum::{
    Router,
    body::Body,
    extract::DefaultBodyLimit,
    http::{Request, StatusCode},
    routing::post,
};
use guichet_core::{db::Engine, testing::TestApp};
use guichet_web::api::{ApiJson, ApiList, ApiOk, Paging};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::support::{Answer, get, send, send_to};

async fn sqlite_app() -> TestApp {
    TestApp::new(Engine::Sqlite)
        .await
        .expect("SQLite is always there")
}

// proves: API-2, API-4
#[tokio::test]
async fn unknown_api_paths_answer_404_in_the_envelope() {
    let app = sqlite_app().await;
    for path in [
        "/api/1/nope",
        "/api/nope",
        "/api/1/nope/deeper",
        "/api",
        "/api/",
        "/api/1/",
    ] {
        for method in ["GET", "POST", "DELETE"] {
            let req = Request::builder()
                .method(method)
                .uri(path)
                .body(Body::empty())
                .unwrap();
            let res = send(&app, req).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{method} {path}");
            assert_eq!(res.content_type(), "application/json", "{method} {path}");
            assert_eq!(
                res.json()["error"]["code"],
                "object_not_found",
                "{method} {path}"
            );
        }
    }
    let res = send(&app, get("/api/1/nope", &[])).await;
    insta::assert_json_snapshot!("unknown_api_path", res.json());
}

// proves: API-2
#[tokio::test]
async fn a_path_without_version_is_served_by_the_latest_version() {
    let app = sqlite_app().await;
    let versioned = send(&app, get("/api/1/openapi.json", &[])).await;
    let latest = send(&app, get("/api/openapi.json", &[])).await;
    assert_eq!(versioned.status, StatusCode::OK);
    assert_eq!(latest.status, StatusCode::OK);
    assert_eq!(versioned.json(), latest.json());
}

#[tokio::test]
async fn every_answer_carries_a_request_id_and_keeps_the_callers() {
    let app = sqlite_app().await;
    for path in [
        "/",
        "/healthz",
        "/api/1/openapi.json",
        "/api/1/nope",
        "/no-such-page",
    ] {
        let res = send(&app, get(path, &[])).await;
        assert!(
            !res.header("x-request-id").is_empty(),
            "{path} answered without x-request-id"
        );
        let res = send(&app, get(path, &[("x-request-id", "abc")])).await;
        assert_eq!(res.header("x-request-id"), "abc", "{path}");
    }
    // Two requests without one get different ids.
    let a = send(&app, get("/healthz", &[])).await;
    let b = send(&app, get("/healthz", &[])).await;
    assert_ne!(a.header("x-request-id"), b.header("x-request-id"));
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewContact {
    email: String,
    age: u32,
    address: Option<Address>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Address {
    city: String,
}

async fn create_contact(ApiJson(c): ApiJson<NewContact>) -> ApiOk<NewContact> {
    ApiOk::created(c)
}

/// A list of 45 numbers, paged.
async fn list_numbers(paging: Paging) -> ApiList<i64> {
    let items = (1..=45)
        .skip(usize::try_from(paging.offset()).unwrap())
        .take(usize::try_from(paging.limit()).unwrap())
        .collect();
    ApiList {
        items,
        total: 45,
        paging,
    }
}

fn probe() -> Router {
    Router::new()
        .route("/contacts", post(create_contact).get(list_numbers))
        .layer(DefaultBodyLimit::max(64))
}

async fn post_contact(content_type: Option<&str>, body: &str) -> Answer {
    let mut req = Request::post("/contacts");
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    send_to(probe(), req.body(Body::from(body.to_string())).unwrap()).await
}

fn assert_error(res: &Answer, status: StatusCode, code: &str) {
    assert_eq!(res.status, status, "{}", res.text());
    assert_eq!(res.content_type(), "application/json");
    let body = res.json();
    assert_eq!(body["result"], "error");
    assert_eq!(body["error"]["code"], code, "{body}");
}

// proves: API-1
#[tokio::test]
async fn a_json_body_of_the_right_shape_is_accepted() {
    let res = post_contact(
        Some("application/json"),
        r#"{"email":"ada@example.test","age":36}"#,
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    assert_eq!(
        res.json(),
        json!({"result":"success","data":{"email":"ada@example.test","age":36,"address":null}})
    );
}

// proves: API-4
#[tokio::test]
async fn malformed_json_is_invalid_json() {
    let res = post_contact(Some("application/json"), r#"{"email":"#).await;
    assert_error(&res, StatusCode::BAD_REQUEST, "invalid_json");
    insta::assert_json_snapshot!("invalid_json", res.json());

    // Trailing garbage after a valid value is malformed too.
    let res = post_contact(
        Some("application/json"),
        r#"{"email":"a@b.test","age":1} x"#,
    )
    .await;
    assert_error(&res, StatusCode::BAD_REQUEST, "invalid_json");
}

// proves: API-4
#[tokio::test]
async fn a_body_not_sent_as_json_is_unsupported_media_type() {
    let body = r#"{"email":"ada@example.test","age":36}"#;
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let res = post_contact(content_type, body).await;
        assert_error(
            &res,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        );
    }
    let res = post_contact(None, body).await;
    insta::assert_json_snapshot!("unsupported_media_type", res.json());
}

// proves: API-4
#[tokio::test]
async fn a_body_over_the_limit_is_payload_too_large() {
    let body = format!(r#"{{"email":"{}@example.test","age":36}}"#, "a".repeat(100));
    let res = post_contact(Some("application/json"), &body).await;
    assert_error(&res, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    insta::assert_json_snapshot!("payload_too_large", res.json());

    // Without a Content-Length (a stream), the limit still holds.
    let chunks = futures::stream::iter([Ok::<_, std::io::Error>(body)]);
    let req = Request::post("/contacts")
        .header("content-type", "application/json")
        .body(Body::from_stream(chunks))
        .unwrap();
    let res = send_to(probe(), req).await;
    assert_error(&res, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
}

// proves: API-4
#[tokio::test]
async fn well_formed_json_of_the_wrong_shape_is_validation_failed() {
    let cases = [
        (r#"{"age":36}"#, "email"),
        (r#"{"email":"a@b.test"}"#, "age"),
        (r#"{"email":5,"age":36}"#, "email"),
        (r#"{"email":"a@b.test","age":-1}"#, "age"),
        (
            r#"{"email":"a@b.test","age":1,"address":{}}"#,
            "address.city",
        ),
        (r#"{"email":"a@b.test","age":1,"nick":"x"}"#, "nick"),
        (
            r#"{"email":"a@b.test","age":1,"address":{"city":7}}"#,
            "address.city",
        ),
        (r#""just text""#, "body"),
        ("42", "body"),
    ];
    for (body, attribute) in cases {
        let res = post_contact(Some("application/json"), body).await;
        assert_error(&res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
        let errors = &res.json()["error"]["errors"];
        assert_eq!(
            errors[0]["context"]["attribute"], attribute,
            "{body}: {errors}"
        );
        assert_eq!(errors[0]["code"], "invalid_value", "{body}");
    }
    let res = post_contact(Some("application/json"), r#"{"age":36}"#).await;
    insta::assert_json_snapshot!("validation_failed_missing_field", res.json());
}

// proves: API-4 // issue 10
#[tokio::test]
async fn every_wrong_field_is_told_at_once_in_plain_words() {
    let res = post_contact(
        Some("application/json"),
        r#"{"email":5,"age":-1,"nick":"x"}"#,
    )
    .await;
    assert_error(&res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    let errors = res.json()["error"]["errors"].clone();
    let mut found: Vec<(String, String)> = errors
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["code"], "invalid_value", "{e}");
            (
                e["context"]["attribute"].as_str().unwrap().to_string(),
                e["description"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (
                "age".to_string(),
                "Expected a whole number from 0 to 4294967295, got -1.".to_string()
            ),
            ("email".to_string(), "Expected a string, got 5.".to_string()),
            (
                "nick".to_string(),
                "There is no such field. The fields are: email, age, address.".to_string()
            ),
        ]
    );
    insta::assert_json_snapshot!("validation_failed_several_fields", res.json());

    // Missing fields are all told too, not only the first.
    let res = post_contact(Some("application/json"), r#"{}"#).await;
    let attributes: Vec<String> = res.json()["error"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["context"]["attribute"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(attributes, ["email", "age"]);
}

// proves: API-4
#[tokio::test]
async fn lists_are_paged_in_the_envelope() {
    let res = send_to(probe(), get("/contacts", &[])).await;
    assert_eq!(res.status, StatusCode::OK);
    let body = res.json();
    assert_eq!(body["result"], "success");
    assert_eq!(body["total"], 45);
    assert_eq!(body["page"], 1);
    assert_eq!(body["pages"], 3);
    assert_eq!(body["items_per_page"], 20);
    assert_eq!(body["data"].as_array().unwrap().len(), 20);
    assert_eq!(body["data"][0], 1);

    let res = send_to(probe(), get("/contacts?page=3&per_page=20", &[])).await;
    let body = res.json();
    assert_eq!(body["page"], 3);
    assert_eq!(body["data"].as_array().unwrap().len(), 5);
    assert_eq!(body["data"][0], 41);

    let res = send_to(probe(), get("/contacts?per_page=100", &[])).await;
    let body = res.json();
    assert_eq!(
        (body["pages"].as_u64(), body["items_per_page"].as_u64()),
        (Some(1), Some(100))
    );

    // Past the end: an empty page, not an error.
    let res = send_to(probe(), get("/contacts?page=9", &[])).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json()["data"], json!([]));
}

// proves: API-4
#[tokio::test]
async fn paging_out_of_range_is_validation_failed() {
    for (query, attribute) in [
        ("per_page=101", "per_page"),
        ("per_page=0", "per_page"),
        ("per_page=ten", "per_page"),
        ("page=0", "page"),
        ("page=-1", "page"),
    ] {
        let res = send_to(probe(), get(&format!("/contacts?{query}"), &[])).await;
        assert_error(&res, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
        let errors = &res.json()["error"]["errors"];
        assert_eq!(errors[0]["context"]["attribute"], attribute, "{query}");
    }
    let res = send_to(probe(), get("/contacts?page=0&per_page=101", &[])).await;
    let errors = res.json()["error"]["errors"].clone();
    assert_eq!(
        errors.as_array().unwrap().len(),
        2,
        "both fields reported: {errors}"
    );
    insta::assert_json_snapshot!("paging_out_of_range", res.json());
}

// proves: BIL-3
#[tokio::test]
async fn serve_mounts_the_sandbox_gateway_behind_the_security_headers() {
    // The default gateway is the sandbox, mounted.
    let app = sqlite_app().await;
    let css = send(&app, get("/sandbox-gateway/pay/assets/sandbox.css", &[])).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.header("content-type").starts_with("text/css"));
    // Its page answers under Guichet's CSP, which its style file satisfies.
    let page = send(&app, get("/sandbox-gateway/pay/sbxpay_unknown", &[])).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.header("content-security-policy")
            .contains("style-src 'self'")
    );
    assert!(!page.text().contains("style="));
    // Its API wants the sandbox's key, like a remote provider's.
    let api = send(&app, get("/sandbox-gateway/v1/payments/sbxpay_x", &[])).await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);
}
