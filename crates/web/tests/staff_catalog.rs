//! Staff edit the catalogue (CAT-1) through the staff API and the back
//! office, and see an organisation's products and orders, found by a VIP
//! code (CAT-5, issue 13) — in process, on SQLite and on PostgreSQL.

use std::sync::Arc;

use axum::http::StatusCode;
use guichet_core::{
    Ctx, accounts, both_engines,
    catalog::{
        Catalogue,
        orders::{self, ItemInput, OrderInput},
    },
    orgs::{self, OrgInput, address::AddressInput},
    payments::{PayInput, settle},
    staff::{self, StaffRole},
    testing::{ScriptedGateway, TestApp},
};
use serde_json::json;

use crate::{
    api_support::call,
    console_support::{Visit, assert_redirect},
    support::send,
};

const PASSWORD: &str = "Lantern-Quarry-Mosaic-73";

async fn staff_member(app: &TestApp, email: &str, roles: &[StaffRole]) {
    accounts::create_user(&app.ctx, email, PASSWORD, true)
        .await
        .unwrap();
    staff::create_staff(&app.ctx, email, roles).await.unwrap();
}

async fn staff_token(app: &TestApp, email: &str, roles: &[StaffRole]) -> String {
    staff_member(app, email, roles).await;
    staff::create_token_for(&app.ctx, email, "cli", 30)
        .await
        .unwrap()
        .token
}

async fn staff_visit(app: &Arc<TestApp>, email: &str) -> Visit {
    let mut v = Visit::new(app);
    v.get("/staff/signin").await;
    let res = v
        .post("/staff/signin", &[("email", email), ("password", PASSWORD)])
        .await;
    assert_redirect(&res, "/staff");
    v
}

/// The demo with hosting-start's monthly CHF price changed to `price`.
pub fn demo_priced(price: &str) -> String {
    let demo = Catalogue::demo_text();
    let from = demo.find("id = \"hosting-start\"").unwrap();
    let at = from + demo[from..].find("1 = { CHF = \"6.00\"").unwrap();
    format!(
        "{}1 = {{ CHF = \"{price}\"{}",
        &demo[..at],
        &demo[at + "1 = { CHF = \"6.00\"".len()..]
    )
}

/// A catalogue with three mistakes in three places.
fn with_mistakes() -> String {
    demo_priced("-1")
        .replacen("kind = \"web_hosting\"", "kind = \"boat\"", 1)
        .replacen(
            "currencies = [\"CHF\", \"EUR\"]",
            "currencies = [\"CHF\"]",
            1,
        )
}

fn hosting_price(app: &TestApp) -> i64 {
    app.ctx
        .catalog
        .current()
        .plan("hosting-start")
        .unwrap()
        .price(1, guichet_core::money::Currency::Chf, 1, None, true)
        .unwrap()
        .amount_minor
}

both_engines!(the_staff_api_publishes_a_catalogue_for_admins_only);
async fn the_staff_api_publishes_a_catalogue_for_admins_only(app: Arc<TestApp>) {
    // proves: CAT-1, API-1
    let admin = staff_token(&app, "grace@provider.test", &[StaffRole::Admin]).await;
    let billing = staff_token(&app, "hedy@provider.test", &[StaffRole::Billing]).await;
    let (_, customer) = crate::api_support::user_with_token(&app, "ada@example.test").await;

    let res = send(
        &app,
        call("GET", "/api/1/staff/catalog", Some(&admin), None),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let data = &res.json()["data"];
    assert_eq!(data["version"], serde_json::Value::Null);
    assert_eq!(data["toml"], Catalogue::demo_text());

    // Admins publish; the new price is sold at once.
    let body = json!({"toml": demo_priced("7.00"), "note": "dearer hosting"});
    let res = send(
        &app,
        call("PUT", "/api/1/staff/catalog", Some(&admin), Some(&body)),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(res.json()["data"]["version"], 1);
    assert_eq!(
        res.json()["data"]["published_by_email"],
        "grace@provider.test"
    );
    assert_eq!(hosting_price(&app), 700);
    let res = send(&app, call("GET", "/api/1/catalog", None, None)).await;
    assert!(res.text().contains("\"7.00\""), "{}", res.text());

    // Mistakes: 422 with each in `errors`, placed; nothing changes.
    let res = send(
        &app,
        call(
            "PUT",
            "/api/1/staff/catalog",
            Some(&admin),
            Some(&json!({"toml": with_mistakes()})),
        ),
    )
    .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        res.text()
    );
    let body = res.json();
    assert_eq!(body["error"]["code"], "validation_failed");
    let errors = body["error"]["errors"].as_array().unwrap();
    let places: Vec<&str> = errors
        .iter()
        .map(|e| e["context"]["attribute"].as_str().unwrap())
        .collect();
    assert!(places.len() >= 3, "{places:?}");
    assert!(places.iter().any(|p| p.ends_with(".kind")), "{places:?}");
    assert!(
        places.iter().any(|p| p.contains("prices.1.CHF")),
        "{places:?}"
    );
    assert!(errors.iter().all(|e| e["code"] == "invalid_catalogue"));
    assert_eq!(hosting_price(&app), 700);
    // A note with a line break is refused; the text's line breaks are not.
    let res = send(
        &app,
        call(
            "PUT",
            "/api/1/staff/catalog",
            Some(&admin),
            Some(&json!({"toml": demo_priced("7.00"), "note": "a\nb"})),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.json()["error"]["errors"][0]["context"]["attribute"],
        "note"
    );

    // Other staff read, but may not publish.
    let res = send(
        &app,
        call("GET", "/api/1/staff/catalog", Some(&billing), None),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json()["data"]["version"], 1);
    let res = send(
        &app,
        call(
            "PUT",
            "/api/1/staff/catalog",
            Some(&billing),
            Some(&json!({"toml": demo_priced("1.00")})),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(res.json()["error"]["code"], "forbidden");
    // A customer's token: the staff API does not exist for it.
    for (method, body) in [("GET", None), ("PUT", Some(json!({"toml": "x"})))] {
        let res = send(
            &app,
            call(
                method,
                "/api/1/staff/catalog",
                Some(&customer),
                body.as_ref(),
            ),
        )
        .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{method}");
    }
    assert_eq!(hosting_price(&app), 700);

    // The history and an old version's text.
    let res = send(
        &app,
        call("GET", "/api/1/staff/catalog/versions", Some(&billing), None),
    )
    .await;
    assert_eq!(res.json()["data"][0]["version"], 1);
    assert_eq!(res.json()["data"][0]["note"], "dearer hosting");
    let res = send(
        &app,
        call(
            "GET",
            "/api/1/staff/catalog/versions/1",
            Some(&billing),
            None,
        ),
    )
    .await;
    assert_eq!(res.json()["data"]["toml"], demo_priced("7.00"));
    for missing in ["2", "0", "x"] {
        let res = send(
            &app,
            call(
                "GET",
                &format!("/api/1/staff/catalog/versions/{missing}"),
                Some(&billing),
                None,
            ),
        )
        .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{missing}");
    }
}

both_engines!(the_back_office_edits_the_catalogue_and_keeps_a_refused_text);
async fn the_back_office_edits_the_catalogue_and_keeps_a_refused_text(app: Arc<TestApp>) {
    // proves: CAT-1
    staff_member(&app, "grace@provider.test", &[StaffRole::Admin]).await;
    staff_member(&app, "hedy@provider.test", &[StaffRole::Support]).await;
    let mut admin = staff_visit(&app, "grace@provider.test").await;
    let page = admin.get("/staff/catalog").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("data-testid=\"staff-catalog-form\""));
    assert!(html.contains("data-testid=\"staff-catalog-no-versions\""));
    assert!(
        html.contains("id = &quot;hosting-start&quot;")
            || html.contains("id = &#34;hosting-start&#34;"),
        "the demo's text"
    );

    // Refused: 422, every mistake listed, the text and note as sent.
    let bad = with_mistakes().replace('\n', "\r\n");
    let res = admin
        .post("/staff/catalog", &[("toml", &bad), ("note", "try")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text();
    assert!(html.contains("data-testid=\"form-alert\""));
    assert!(
        html.matches("data-testid=\"staff-catalog-mistake\"")
            .count()
            >= 3,
        "{html}"
    );
    assert!(html.contains("prices.1.CHF"), "{html}");
    assert!(
        html.contains("kind = &quot;boat&quot;") || html.contains("kind = &#34;boat&#34;"),
        "the text kept"
    );
    assert!(html.contains("value=\"try\""), "the note kept");
    assert_eq!(hosting_price(&app), 600);

    // Published: back to the editor, with the version in the history.
    let res = admin
        .post(
            "/staff/catalog",
            &[
                ("toml", &demo_priced("7.00").replace('\n', "\r\n")),
                ("note", "dearer"),
            ],
        )
        .await;
    assert_redirect(&res, "/staff/catalog?saved=published");
    assert_eq!(hosting_price(&app), 700);
    let html = admin.get("/staff/catalog?saved=published").await.text();
    assert!(html.contains("data-testid=\"saved-notice\""));
    assert_eq!(
        html.matches("data-testid=\"staff-catalog-version\"")
            .count(),
        1
    );
    assert!(html.contains("grace@provider.test") && html.contains("dearer"));
    let old = admin.get("/staff/catalog/versions/1").await;
    assert_eq!(old.status, StatusCode::OK);
    assert!(
        old.text().contains("CHF = &quot;7.00&quot;")
            || old.text().contains("CHF = &#34;7.00&#34;")
    );
    assert_eq!(
        admin.get("/staff/catalog/versions/9").await.status,
        StatusCode::NOT_FOUND
    );

    // Support reads it, without a form, and cannot post one.
    let mut support = staff_visit(&app, "hedy@provider.test").await;
    let html = support.get("/staff/catalog").await.text();
    assert!(html.contains("data-testid=\"staff-catalog-read-only\""));
    assert!(!html.contains("data-testid=\"staff-catalog-form\""));
    assert!(html.contains(" readonly"));
    let res = support
        .post("/staff/catalog", &[("toml", &demo_priced("1.00"))])
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(hosting_price(&app), 700);
}

/// An organisation with premium support and hosting paid, and another
/// order left pending; the VIP code.
pub async fn org_with_products(app: &TestApp) -> (String, String) {
    let gateway = ScriptedGateway::new();
    let ctx: Ctx = gateway.install(&app.ctx);
    let owner = crate::api_support::signed_in_user(app, "ada@example.test").await;
    let org = orgs::create_org(
        &ctx,
        &owner,
        OrgInput {
            name: Some("Example SA".into()),
            ..OrgInput::default()
        },
    )
    .await
    .unwrap();
    orgs::save_address(
        &ctx,
        &owner,
        &org.id,
        None,
        &AddressInput {
            name: "Example SA".into(),
            street: "Rue du Marché".into(),
            building_number: "12".into(),
            postcode: "1204".into(),
            town: "Genève".into(),
            country: "CH".into(),
        },
        true,
    )
    .await
    .unwrap();
    let item = |plan: &str| ItemInput {
        plan_id: plan.into(),
        months: 12,
        quantity: None,
        storage_gb: None,
        domain: None,
    };
    let placed = orders::place(
        &ctx,
        &owner,
        &org.id,
        &OrderInput {
            items: vec![item("premium-support"), item("hosting-start")],
            billing_address_id: None,
            payment: Some(PayInput {
                method: "card".into(),
                ..PayInput::default()
            }),
        },
        None,
    )
    .await
    .unwrap();
    let n = gateway.capture(&placed.payment.as_ref().unwrap().id, false);
    settle::notification(&ctx, "scripted", Some(&n.0), &n.1)
        .await
        .unwrap();
    orders::place(
        &ctx,
        &owner,
        &org.id,
        &OrderInput {
            items: vec![item("hosting-start")],
            billing_address_id: None,
            payment: None,
        },
        None,
    )
    .await
    .unwrap();
    let mut c = ctx.db.acquire().await.unwrap();
    let vip: String = guichet_core::sql!(c.conn(), fetch_one scalar String,
        "SELECT vip_code FROM products WHERE org_id = $1 AND vip_code IS NOT NULL", &org.id)
    .unwrap();
    (org.id.to_string(), vip)
}

both_engines!(the_org_page_lists_products_and_orders_and_a_vip_code_finds_it);
async fn the_org_page_lists_products_and_orders_and_a_vip_code_finds_it(app: Arc<TestApp>) {
    // proves: CAT-5 // issue 13: staff see products and orders
    let (org_id, vip) = org_with_products(&app).await;
    staff_member(&app, "hedy@provider.test", &[StaffRole::Billing]).await;
    staff_member(&app, "lin@provider.test", &[StaffRole::Support]).await;
    let mut billing = staff_visit(&app, "hedy@provider.test").await;

    // Found by its VIP code, said in lower case with spaces.
    let spoken = vip.to_lowercase().replace('-', "+");
    let html = billing.get(&format!("/staff?q={spoken}")).await.text();
    assert!(html.contains("data-matched-by=\"vip_code\""), "{html}");
    assert!(html.contains(&format!("/staff/orgs/{org_id}")));

    let html = billing.get(&format!("/staff/orgs/{org_id}")).await.text();
    assert_eq!(
        html.matches("data-testid=\"staff-product\"").count(),
        2,
        "{html}"
    );
    assert!(html.contains(&format!("data-testid=\"staff-product-vip-code\">{vip}<")));
    assert!(html.contains("Premium support") && html.contains("Web hosting"));
    assert_eq!(html.matches("data-testid=\"staff-order\"").count(), 2);
    assert!(html.contains("data-status=\"paid\"") && html.contains("data-status=\"pending\""));
    assert!(html.contains("CHF"));

    // Support sees the products, not the orders' money.
    let mut support = staff_visit(&app, "lin@provider.test").await;
    let html = support.get(&format!("/staff/orgs/{org_id}")).await.text();
    assert_eq!(html.matches("data-testid=\"staff-product\"").count(), 2);
    assert!(!html.contains("data-testid=\"staff-orders\""));

    // The staff API's summary has them too (API-5).
    let token = staff::create_token_for(&app.ctx, "hedy@provider.test", "cli", 30)
        .await
        .unwrap()
        .token;
    let res = send(
        &app,
        call(
            "GET",
            &format!("/api/1/staff/orgs/{org_id}"),
            Some(&token),
            None,
        ),
    )
    .await;
    let data = &res.json()["data"];
    assert_eq!(data["products"].as_array().unwrap().len(), 2);
    assert_eq!(data["orders"].as_array().unwrap().len(), 2);
    let res = send(
        &app,
        call(
            "GET",
            &format!("/api/1/staff/search?q={}", vip.to_lowercase()),
            Some(&token),
            None,
        ),
    )
    .await;
    assert_eq!(res.json()["data"]["matched_by"], "vip_code");
    assert_eq!(res.json()["data"]["orgs"][0]["id"], org_id.as_str());
}
