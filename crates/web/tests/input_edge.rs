//! Input at the edge (issue 9): text a client cannot have typed is refused
//! with the same answer on SQLite and PostgreSQL, before it reaches a
//! parser that could panic or a database that could fail on it.

use std::sync::Arc;

use axum::http::StatusCode;
use guichet_core::{both_engines, testing::TestApp};
use serde_json::{Value, json};

use crate::{
    console_support::{Visit, signed_in},
    orgs_support::{Caller, PASSWORD, address, api, caller, code, fields},
    support::Answer,
};

/// A request (method, path, JSON body) and the field errors it must get.
type Case = (&'static str, String, Value, Vec<(String, String)>);

#[track_caller]
fn refused_fields(res: &Answer) -> Vec<(String, String)> {
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        res.text()
    );
    assert_eq!(code(res), "validation_failed");
    fields(res)
}

fn one(attribute: &str, code: &str) -> Vec<(String, String)> {
    vec![(attribute.to_string(), code.to_string())]
}

async fn org_of(app: &TestApp, c: &Caller) -> String {
    let res = api(
        app,
        "POST",
        "/api/1/orgs",
        Some(&c.token),
        Some(json!({"name": "Acme"})),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    res.json()["data"]["id"].as_str().unwrap().to_string()
}

both_engines!(a_vat_number_of_multi_byte_characters_is_refused_not_a_panic);
// proves: ORG-7 // issue 9
async fn a_vat_number_of_multi_byte_characters_is_refused_not_a_panic(app: Arc<TestApp>) {
    let ada = caller(&app, "ada@example.test").await;
    let t = Some(ada.token.as_str());
    for vat in ["€€", "€€€€", "CHE€€€", "D€123456789"] {
        let body = json!({"name": "V", "vat_number": vat});
        let res = api(&app, "POST", "/api/1/orgs", t, Some(body)).await;
        assert_eq!(
            refused_fields(&res),
            one("vat_number", "invalid_vat_number"),
            "{vat}"
        );
    }
    let org = org_of(&app, &ada).await;
    let res = api(
        &app,
        "PATCH",
        &format!("/api/1/orgs/{org}"),
        t,
        Some(json!({"vat_number": "€€"})),
    )
    .await;
    assert_eq!(
        refused_fields(&res),
        one("vat_number", "invalid_vat_number")
    );

    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;
    v.get("/orgs").await;
    let res = v
        .post("/orgs", &[("name", "V"), ("vat_number", "€€")])
        .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        res.text()
    );
}

both_engines!(control_characters_in_api_input_are_refused_alike_on_both_engines);
// proves: ORG-1, ORG-4, ORG-7, ACC-1, API-1, API-4, OPS-5 // issue 9
async fn control_characters_in_api_input_are_refused_alike_on_both_engines(app: Arc<TestApp>) {
    let ada = caller(&app, "ada@example.test").await;
    let t = Some(ada.token.as_str());
    let org = org_of(&app, &ada).await;
    let mut bad_address = address("Acme SA");
    bad_address["street"] = json!("Rue\u{0}du Lac");
    let cases: Vec<Case> = vec![
        (
            "POST",
            "/api/1/orgs".into(),
            json!({"name": "a\u{0}b"}),
            one("name", "invalid_characters"),
        ),
        (
            "PATCH",
            format!("/api/1/orgs/{org}"),
            json!({"name": "a\u{7f}"}),
            one("name", "invalid_characters"),
        ),
        (
            "POST",
            format!("/api/1/orgs/{org}/teams"),
            json!({"name": "t\u{0}"}),
            one("name", "invalid_characters"),
        ),
        (
            "POST",
            format!("/api/1/orgs/{org}/teams"),
            json!({"name": "t", "members": ["usr_\u{0}"]}),
            one("members[0]", "invalid_characters"),
        ),
        (
            "POST",
            format!("/api/1/orgs/{org}/billing-addresses"),
            bad_address,
            one("street", "invalid_characters"),
        ),
        (
            "POST",
            "/api/1/profile/tokens".into(),
            json!({"name": "t\u{0}", "scopes": ["profile:read"], "password": PASSWORD}),
            one("name", "invalid_characters"),
        ),
        (
            "PATCH",
            "/api/1/profile".into(),
            json!({"name": "Ada\u{85}"}),
            one("name", "invalid_characters"),
        ),
        (
            "POST",
            "/api/1/signup".into(),
            json!({"email": "bob@example.test", "password": PASSWORD, "name": "B\u{0}b"}),
            one("name", "invalid_characters"),
        ),
        (
            "POST",
            "/api/1/signup".into(),
            json!({"email": "b\u{0}b@example.test", "password": PASSWORD, "name": "Bob"}),
            one("email", "invalid_characters"),
        ),
        (
            "POST",
            "/api/1/orgs".into(),
            json!({"na\u{0}me": "x"}),
            one("na\\u{0}me", "invalid_characters"),
        ),
    ];
    for (method, path, body, expected) in cases {
        let res = api(&app, method, &path, t, Some(body.clone())).await;
        assert_eq!(refused_fields(&res), expected, "{method} {path} {body}");
    }
    for (query, parameter) in [
        ("actor=usr_%00x", "actor"),
        ("action=org.%01", "action"),
        ("page=1%00", "page"),
    ] {
        let res = api(
            &app,
            "GET",
            &format!("/api/1/orgs/{org}/audit?{query}"),
            t,
            None,
        )
        .await;
        assert_eq!(
            refused_fields(&res),
            one(parameter, "invalid_characters"),
            "{query}"
        );
    }
    for path in [
        "/api/1/orgs/org_%00".to_string(),
        format!("/api/1/orgs/{org}/teams/tea_%00x"),
        "/api/1/profile/tokens/tok%0A".to_string(),
        "/api/1/invitations/%C3%A9%00".to_string(),
    ] {
        let method = if path.contains("tokens") {
            "DELETE"
        } else {
            "GET"
        };
        let res = api(&app, method, &path, t, None).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}: {}", res.text());
        assert_eq!(code(&res), "object_not_found", "{path}");
    }
}

both_engines!(control_characters_in_console_forms_are_refused_alike_on_both_engines);
// proves: ACC-1, ORG-1 // issue 9
async fn control_characters_in_console_forms_are_refused_alike_on_both_engines(app: Arc<TestApp>) {
    caller(&app, "ada@example.test").await;
    let mut v = Visit::new(&app);
    v.get("/signin").await;
    let res = v
        .post(
            "/signin",
            &[("email", "a\u{0}b@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        res.text()
    );
    assert!(
        res.text().contains(r#"data-field="email""#),
        "{}",
        res.text()
    );

    v.get("/signup").await;
    let res = v
        .post(
            "/signup",
            &[
                ("email", "bob@example.test"),
                ("password", PASSWORD),
                ("name", "B\u{0}b"),
            ],
        )
        .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        res.text()
    );
    assert!(res.text().contains(r#"data-field="name""#));

    let mut ada = signed_in(&app, "ada@example.test", PASSWORD).await;
    ada.get("/orgs").await;
    let res = ada.post("/orgs", &[("name", "Acme\u{0}")]).await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        res.text()
    );
    for path in [
        "/orgs/org_%00",
        "/profile/tokens/%00/revoke",
        "/invitations/%00",
    ] {
        let res = ada.get(path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert!(res.content_type().starts_with("text/html"), "{path}");
    }
}

both_engines!(a_body_must_be_a_json_object);
// proves: API-4 // issue 9
async fn a_body_must_be_a_json_object(app: Arc<TestApp>) {
    let ada = caller(&app, "ada@example.test").await;
    let t = Some(ada.token.as_str());
    for body in [
        json!([null, null]),
        json!(["Ada", "fr", null]),
        json!("Ada"),
        json!(null),
        json!(1),
    ] {
        let res = api(&app, "PATCH", "/api/1/profile", t, Some(body.clone())).await;
        assert_eq!(refused_fields(&res), one("body", "invalid_value"), "{body}");
    }
    let res = api(&app, "POST", "/api/1/orgs", t, Some(json!(["Acme"]))).await;
    assert_eq!(refused_fields(&res), one("body", "invalid_value"));
}

both_engines!(pages_beyond_the_documented_maximum_are_refused);
// proves: API-4 // issue 9
async fn pages_beyond_the_documented_maximum_are_refused(app: Arc<TestApp>) {
    let ada = caller(&app, "ada@example.test").await;
    let t = Some(ada.token.as_str());
    let max = guichet_web::api::envelope::MAX_PAGE;
    let res = api(&app, "GET", &format!("/api/1/orgs?page={max}"), t, None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    for page in [u64::from(max) + 1, 2_147_483_648, 4_294_967_296] {
        let res = api(&app, "GET", &format!("/api/1/orgs?page={page}"), t, None).await;
        assert_eq!(refused_fields(&res), one("page", "invalid_value"), "{page}");
    }
}

/// `ApiJson` refuses a body that is not an object; serde's derived structs
/// would take an array in place of a nested object too, and the extractor
/// does not know the types. A request type nests objects only where it
/// reads them as objects only (`billing::objects`, with its test): listed
/// in `READ_AS_OBJECTS`. Any other nesting fails this test, so that the
/// refusal is extended with it.
const READ_AS_OBJECTS: &[(&str, &str)] = &[
    ("InvoiceInput", "lines"),
    ("CreditInput", "lines"),
    ("RefundInput", "lines"),
    ("OrderInput", "items"),
    ("OrderInput", "payment"),
    ("UpgradeInput", "payment"),
    ("RenewInput", "items"),
    ("RenewInput", "payment"),
];

// proves: API-4 // issue 9
#[test]
fn no_request_body_nests_an_object() {
    let doc = serde_json::to_value(guichet_web::api::openapi::document()).unwrap();
    let schemas = &doc["components"]["schemas"];
    let is_object = |s: &Value| {
        let target = match s["$ref"].as_str() {
            Some(r) => &schemas[r.trim_start_matches("#/components/schemas/")],
            None => s,
        };
        target["type"] == "object" || target["properties"].is_object()
    };
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let body = &op["requestBody"]["content"]["application/json"]["schema"]["$ref"];
            let Some(name) = body.as_str() else { continue };
            let type_name = name.trim_start_matches("#/components/schemas/");
            let schema = &schemas[type_name];
            for (field, property) in schema["properties"].as_object().unwrap() {
                if READ_AS_OBJECTS.contains(&(type_name, field.as_str())) {
                    continue;
                }
                let nested = [property, &property["items"]]
                    .into_iter()
                    .chain(property["oneOf"].as_array().into_iter().flatten())
                    .any(&is_object);
                assert!(!nested, "{method} {path}: `{field}` is an object");
            }
        }
    }
}
