//! The OpenAPI document (API-4): generated from the code, snapshot-tested so
//! that every change to the public contract shows in review, and served as
//! generated.

use axum::http::StatusCode;
use guichet_core::{db::Engine, testing::TestApp};

use crate::support::{get, send};

// proves: API-4
#[test]
fn the_openapi_document_is_stable() {
    insta::assert_json_snapshot!("openapi", guichet_web::api::openapi::document());
}

// proves: API-4
#[tokio::test]
async fn the_served_document_is_the_generated_one() {
    let app = TestApp::new(Engine::Sqlite).await.unwrap();
    let res = send(&app, get("/api/openapi.json", &[])).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.content_type(), "application/json");
    let generated = serde_json::to_value(guichet_web::api::openapi::document()).unwrap();
    assert_eq!(res.json(), generated);
    assert!(
        res.json()["openapi"].as_str().unwrap().starts_with("3.1"),
        "OpenAPI 3.1"
    );
}

// proves: API-4
/// Every documented operation declares its responses, each with a
/// description.
#[test]
fn every_operation_documents_its_responses() {
    let doc = serde_json::to_value(guichet_web::api::openapi::document()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(!paths.is_empty());
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object();
            assert!(
                responses.is_some_and(|r| !r.is_empty()),
                "{method} {path} documents no response"
            );
            for (status, response) in responses.into_iter().flatten() {
                assert!(
                    response["description"]
                        .as_str()
                        .is_some_and(|d| !d.is_empty()),
                    "{method} {path} {status} has no description"
                );
            }
        }
    }
}
