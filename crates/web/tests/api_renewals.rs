//! Renewals through the API (issue 14): the "to pay" list and several
//! products renewed on one invoice with a token and an `Idempotency-Key`,
//! paid through the (scripted) gateway's signed notification; refusals
//! at their places; restricted members and strangers; the staff history.

use std::sync::Arc;

use axum::http::StatusCode;
use guichet_core::{
    both_engines,
    ids::PaymentId,
    orgs::Role,
    staff::StaffRole,
    testing::{ScriptedGateway, TestApp},
};
use serde_json::{Value, json};

use crate::{
    orgs_support::{add_member, address, call, caller, code, notify, org_of},
    support::Answer,
};

fn data(a: &Answer) -> Value {
    a.json()["data"].clone()
}

/// The last day of the period `months` long from `start` (the rule:
/// anniversaries counted from the start day).
fn last_day(start: jiff::civil::Date, months: i64) -> String {
    start
        .checked_add(jiff::Span::new().months(months))
        .unwrap()
        .yesterday()
        .unwrap()
        .to_string()
}

both_engines!(products_are_renewed_by_hand_on_one_invoice_through_the_api);
async fn products_are_renewed_by_hand_on_one_invoice_through_the_api(app: Arc<TestApp>) {
    // proves: REN-3, ORG-7, REN-1, API-5
    let gateway = ScriptedGateway::new();
    let ctx = gateway.install(&app.ctx);
    let start = ctx.today();
    let ada = caller(&app, "ada@example.test").await;
    let org = org_of(&app, &ada, "Example SA").await;
    let address = serde_json::from_value(address("Example SA")).unwrap();
    guichet_core::orgs::save_address(&ctx, &ada.actor, &org, None, &address, true)
        .await
        .unwrap();
    let t = ada.token.as_str();
    // A second address, for the renewal invoice (ORG-7).
    let other = serde_json::from_value(address_of("Example SA, Zürich")).unwrap();
    let second = guichet_core::orgs::save_address(&ctx, &ada.actor, &org, None, &other, false)
        .await
        .unwrap();
    let placed = data(
        &call(
            &ctx,
            "POST",
            &format!("/api/1/orgs/{org}/orders"),
            t,
            Some(json!({
                "items": [
                    {"plan_id": "domain-ch", "months": 12, "domain": "renewal.ch"},
                    {"plan_id": "hosting-start", "months": 1}
                ],
                "payment": {"method": "card"}
            })),
            None,
        )
        .await,
    );
    let payment = PaymentId::parse(placed["payment"]["id"].as_str().unwrap()).unwrap();
    assert!(
        notify(&ctx, &gateway.capture(&payment, false))
            .await
            .status
            .is_success()
    );
    let products = data(
        &call(
            &ctx,
            "GET",
            &format!("/api/1/orgs/{org}/products"),
            t,
            None,
            None,
        )
        .await,
    );
    let id_of = |kind: &str| {
        products
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["kind"] == kind)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (domain, hosting) = (id_of("domain"), id_of("web_hosting"));

    // Within two months: the monthly hosting only; all: both.
    let path = format!("/api/1/orgs/{org}/renewals");
    let soon = data(&call(&ctx, "GET", &path, t, None, None).await);
    assert_eq!(soon["within"], "2m");
    let soon_ids: Vec<&str> = soon["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["product"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(soon_ids, [hosting.as_str()]);
    let all = data(&call(&ctx, "GET", &format!("{path}?within=all"), t, None, None).await);
    let domain_item = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["product"]["id"] == domain.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        domain_item["periods"],
        json!([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    );
    assert_eq!(
        domain_item["price"],
        json!({"amount": "16.00", "currency": "CHF"})
    );
    let bad = call(&ctx, "GET", &format!("{path}?within=3m"), t, None, None).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Refused at their places, nothing issued.
    let res = call(
        &ctx,
        "POST",
        &path,
        t,
        Some(json!({"items": [
            {"product_id": domain, "periods": 11},
            {"product_id": domain},
            {"product_id": "prd_01J00000000000000000000000"}
        ]})),
        None,
    )
    .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        res.text()
    );
    let places: Vec<(String, String)> = res.json()["error"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["context"]["attribute"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            (
                "items[0].periods".to_owned(),
                "period_not_allowed".to_owned()
            ),
            (
                "items[1].product_id".to_owned(),
                "duplicate_product".to_owned()
            ),
            ("items[2].product_id".to_owned(), "not_found".to_owned()),
        ]
    );

    // Both on one invoice to the second address, the domain for 3 years,
    // paid by a card kept for later; the same key again is the same answer.
    let body = json!({
        "items": [{"product_id": domain, "periods": 3}, {"product_id": hosting}],
        "billing_address_id": second.id,
        "payment": {"method": "card", "save_method": true}
    });
    let res = call(&ctx, "POST", &path, t, Some(body.clone()), Some("renew-1")).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let placed = data(&res);
    assert_eq!(placed["renewals"].as_array().unwrap().len(), 2);
    assert_eq!(placed["invoice"]["billing_address_id"], json!(second.id));
    assert_eq!(placed["invoice"]["lines"].as_array().unwrap().len(), 2);
    let again = call(&ctx, "POST", &path, t, Some(body), Some("renew-1")).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text());
    assert_eq!(data(&again)["invoice"]["id"], placed["invoice"]["id"]);
    // While it waits, the list points at it, and renewing again is refused.
    let listed = data(&call(&ctx, "GET", &format!("{path}?within=all"), t, None, None).await);
    assert!(
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["open_renewal"]["invoice_id"] == placed["invoice"]["id"])
    );
    let res = call(
        &ctx,
        "POST",
        &path,
        t,
        Some(json!({"items": [{"product_id": hosting}]})),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json()["error"]["errors"][0]["code"], "renewal_pending");

    // Paid: each moves by exactly its periods; the card kept turns
    // auto-renewal on (REN-1).
    let payment = PaymentId::parse(placed["payment"]["id"].as_str().unwrap()).unwrap();
    assert!(
        notify(&ctx, &gateway.capture(&payment, true))
            .await
            .status
            .is_success()
    );
    let d = data(
        &call(
            &ctx,
            "GET",
            &format!("/api/1/orgs/{org}/products/{domain}"),
            t,
            None,
            None,
        )
        .await,
    );
    assert_eq!(d["expires_on"], last_day(start, 48));
    assert_eq!(d["auto_renew"], true);
    let h = data(
        &call(
            &ctx,
            "GET",
            &format!("/api/1/orgs/{org}/products/{hosting}"),
            t,
            None,
            None,
        )
        .await,
    );
    assert_eq!(h["expires_on"], last_day(start, 2));

    // A member with the right on domains only: sees the domain, not the
    // hosting, and may not pay.
    let bob = caller(&app, "bob@example.test").await;
    add_member(
        &app,
        org.as_str(),
        bob.id.as_str(),
        Role::User,
        &["kind:domain", "billing:view"],
    )
    .await;
    let seen = call(
        &ctx,
        "GET",
        &format!("{path}?within=all"),
        &bob.token,
        None,
        None,
    )
    .await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.text());
    let seen: Vec<String> = data(&seen)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["product"]["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(seen, std::slice::from_ref(&domain));
    let res = call(
        &ctx,
        "POST",
        &path,
        &bob.token,
        Some(json!({"items": [{"product_id": domain}]})),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // A stranger: the organisation does not exist for them.
    let eve = caller(&app, "eve@example.test").await;
    let res = call(&ctx, "GET", &path, &eve.token, None, None).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(code(&res), "object_not_found");
}

fn address_of(name: &str) -> Value {
    let mut a = address(name);
    a["town"] = json!("Zürich");
    a["postcode"] = json!("8001");
    a
}

both_engines!(staff_read_a_products_renewal_history_by_role);
async fn staff_read_a_products_renewal_history_by_role(app: Arc<TestApp>) {
    // proves: REN-1, REN-2, OPS-5
    let gateway = ScriptedGateway::new();
    let ctx = gateway.install(&app.ctx);
    let ada = caller(&app, "ada@example.test").await;
    let org = org_of(&app, &ada, "Example SA").await;
    let address = serde_json::from_value(address("Example SA")).unwrap();
    guichet_core::orgs::save_address(&ctx, &ada.actor, &org, None, &address, true)
        .await
        .unwrap();
    let placed = data(
        &call(
            &ctx,
            "POST",
            &format!("/api/1/orgs/{org}/orders"),
            &ada.token,
            Some(json!({
                "items": [{"plan_id": "hosting-start", "months": 1}],
                "payment": {"method": "card", "save_method": true}
            })),
            None,
        )
        .await,
    );
    let payment = PaymentId::parse(placed["payment"]["id"].as_str().unwrap()).unwrap();
    assert!(
        notify(&ctx, &gateway.capture(&payment, true))
            .await
            .status
            .is_success()
    );
    let product = data(
        &call(
            &ctx,
            "GET",
            &format!("/api/1/orgs/{org}/products"),
            &ada.token,
            None,
            None,
        )
        .await,
    )[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // The sweep invoices the renewal; sixteen days on, the card pays it.
    guichet_core::renewals::sweep::run(&ctx).await.unwrap();
    app.advance_days(16);
    guichet_core::renewals::charge::run(&ctx).await.unwrap();

    let path = format!("/api/1/staff/orgs/{org}/products/{product}/renewals");
    let billing = staff_token(&app, "billing@provider.test", &[StaffRole::Billing]).await;
    let res = call(&ctx, "GET", &path, &billing, None, None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let history = data(&res);
    let renewals = history["renewals"].as_array().unwrap();
    assert_eq!(renewals.len(), 1);
    assert_eq!(renewals[0]["kind"], "auto");
    assert_eq!(renewals[0]["status"], "applied");
    assert_eq!(renewals[0]["charge_attempts"], 1);
    assert!(history["invoice_numbers"][0].is_string());
    assert_eq!(
        history["product"]["expires_on"],
        renewals[0]["to_expires_on"]
    );
    // Support does not see billing details; a wrong product is 404.
    let support = staff_token(&app, "support@provider.test", &[StaffRole::Support]).await;
    assert_eq!(
        call(&ctx, "GET", &path, &support, None, None).await.status,
        StatusCode::FORBIDDEN
    );
    let other = format!("/api/1/staff/orgs/{org}/products/prd_01J00000000000000000000000/renewals");
    assert_eq!(
        call(&ctx, "GET", &other, &billing, None, None).await.status,
        StatusCode::NOT_FOUND
    );
    // A customer token is not a staff token.
    assert_eq!(
        call(&ctx, "GET", &path, &ada.token, None, None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

const PASSWORD: &str = "Lantern-Quarry-Mosaic-73";

async fn staff_token(
    app: &TestApp,
    email: &str,
    roles: &[guichet_core::staff::StaffRole],
) -> String {
    guichet_core::accounts::create_user(&app.ctx, email, PASSWORD, true)
        .await
        .unwrap();
    guichet_core::staff::create_staff(&app.ctx, email, roles)
        .await
        .unwrap();
    guichet_core::staff::create_token_for(&app.ctx, email, "history", 30)
        .await
        .unwrap()
        .token
}
