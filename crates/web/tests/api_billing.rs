//! The billing API end to end (issue 11): staff make, issue and credit an
//! invoice with staff tokens and `Idempotency-Key`; the customer reads it
//! and downloads its PDF with their token.

use std::sync::Arc;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use guichet_core::{
    accounts, both_engines,
    staff::{self, StaffRole},
    testing::TestApp,
};
use serde_json::{Value, json};

use crate::{
    orgs_support::{api, caller, code, org_of},
    support::{Answer, send},
};

const PASSWORD: &str = "Lantern-Quarry-Mosaic-73";

async fn staff_token(app: &TestApp, email: &str, roles: &[StaffRole]) -> String {
    accounts::create_user(&app.ctx, email, PASSWORD, true)
        .await
        .unwrap();
    staff::create_staff(&app.ctx, email, roles).await.unwrap();
    staff::create_token_for(&app.ctx, email, "billing", 30)
        .await
        .unwrap()
        .token
}

/// A POST with an `Idempotency-Key`.
async fn post_keyed(app: &TestApp, path: &str, token: &str, key: &str, body: Value) -> Answer {
    let req = Request::post(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .unwrap();
    send(app, req).await
}

fn lines() -> Value {
    json!({"lines": [
        {"description": "Web hosting Pro", "quantity": 1, "unit_price": "120.00", "vat_class": "standard",
         "period": {"from": "2026-01-01", "to": "2026-12-31"}},
        {"description": "Domain example.ch", "quantity": 2, "unit_price": "15.00", "vat_class": "standard"}
    ]})
}

both_engines!(staff_invoice_and_credit_and_the_customer_downloads_the_pdf);
async fn staff_invoice_and_credit_and_the_customer_downloads_the_pdf(app: Arc<TestApp>) {
    // proves: BIL-1, BIL-2, BNK-1 // issue 11: the staff API, Idempotency-Key
    let ada = caller(&app, "ada@example.test").await;
    let org = org_of(&app, &ada, "Example SA").await;
    let t = Some(ada.token.as_str());
    let res = api(
        &app,
        "POST",
        &format!("/api/1/orgs/{org}/billing-addresses"),
        t,
        Some(
            json!({"name": "Example SA", "street": "Rue du Lac", "building_number": "12",
                     "postcode": "1204", "town": "Genève", "country": "CH"}),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let billing = staff_token(&app, "bill@provider.test", &[StaffRole::Billing]).await;
    let support = staff_token(&app, "sam@provider.test", &[StaffRole::Support]).await;

    // Support may not make invoices; a customer token does not open the staff API.
    let path = format!("/api/1/staff/orgs/{org}/invoices");
    let res = api(&app, "POST", &path, Some(&support), Some(lines())).await;
    assert_eq!(
        (res.status, code(&res).as_str()),
        (StatusCode::FORBIDDEN, "forbidden")
    );
    let res = api(&app, "POST", &path, t, Some(lines())).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    // A draft, twice with one key: one draft.
    let first = post_keyed(&app, &path, &billing, "draft-1", lines()).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let again = post_keyed(&app, &path, &billing, "draft-1", lines()).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(first.json()["data"]["id"], again.json()["data"]["id"]);
    let other = post_keyed(&app, &path, &billing, "draft-1", json!({"lines": []})).await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        other.json()["error"]["errors"][0]["code"],
        "idempotency_key_reused"
    );
    let id = first.json()["data"]["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("bill_"), "{id}");
    assert_eq!(first.json()["data"]["status"], "draft");

    // Every field named when the lines are wrong.
    let res = api(
        &app,
        "PUT",
        &format!("/api/1/staff/invoices/{id}"),
        Some(&billing),
        Some(json!({"lines": [{"description": "", "quantity": 1, "unit_price": "1.001", "vat_class": "standard"}]})),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let attrs: Vec<String> = res.json()["error"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["context"]["attribute"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(attrs, ["lines[0].description", "lines[0].unit_price"]);

    // Issue, retried with its key: one number.
    let issue = format!("/api/1/staff/invoices/{id}/issue");
    let a = post_keyed(&app, &issue, &billing, "issue-1", json!({})).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let b = post_keyed(&app, &issue, &billing, "issue-1", json!({})).await;
    assert_eq!(a.json(), b.json());
    let inv = a.json()["data"].clone();
    assert_eq!(inv["number"], "2026-000001");
    assert_eq!(inv["status"], "issued");
    assert_eq!(inv["currency"], "CHF");
    assert_eq!(inv["total"], json!({"amount": "162.15", "currency": "CHF"}));
    assert_eq!(inv["vat"][0]["rate"], "8.1");
    assert!(inv["reference"].as_str().is_some());
    assert!(inv["issued_on"].as_str().is_some() && inv["due_on"].as_str().is_some());
    // Issued without a key again: refused, it is issued.
    let res = api(&app, "POST", &issue, Some(&billing), None).await;
    assert_eq!(
        (res.status, code(&res).as_str()),
        (StatusCode::CONFLICT, "invoice_not_draft")
    );

    // The customer: list, one, and its PDF.
    let res = api(
        &app,
        "GET",
        &format!("/api/1/orgs/{org}/invoices?status=issued"),
        t,
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json()["total"], 1);
    let res = api(
        &app,
        "GET",
        &format!("/api/1/orgs/{org}/invoices?from=2026-13-01"),
        t,
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = api(
        &app,
        "GET",
        &format!("/api/1/orgs/{org}/invoices/{id}/pdf"),
        t,
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.content_type(), "application/pdf");
    assert_eq!(
        res.header(header::CONTENT_DISPOSITION),
        "attachment; filename=\"invoice-2026-000001.pdf\""
    );
    assert!(res.body.starts_with(b"%PDF-"));

    // A credit note for one domain, by the staff API.
    let res = post_keyed(
        &app,
        &format!("/api/1/staff/invoices/{id}/credit-notes"),
        &billing,
        "credit-1",
        json!({"reason": "One domain was not registered", "lines": [{"line": 2, "amount": "15.00"}]}),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let note = res.json()["data"].clone();
    assert_eq!(note["number"], "CN-2026-000001");
    assert_eq!(note["total"], json!({"amount": "16.22", "currency": "CHF"}));
    let res = api(
        &app,
        "GET",
        &format!("/api/1/orgs/{org}/invoices/{id}"),
        t,
        None,
    )
    .await;
    assert_eq!(
        res.json()["data"]["open"],
        json!({"amount": "145.93", "currency": "CHF"})
    );
    assert_eq!(
        res.json()["data"]["credit_notes"][0]["number"],
        "CN-2026-000001"
    );
}

both_engines!(staff_pause_and_resume_an_invoices_reminders);
async fn staff_pause_and_resume_an_invoices_reminders(app: Arc<TestApp>) {
    // proves: BIL-5 // the staff API answers the reminders' state
    let ada = caller(&app, "ada@example.test").await;
    let org = org_of(&app, &ada, "Example SA").await;
    let res = api(
        &app,
        "POST",
        &format!("/api/1/orgs/{org}/billing-addresses"),
        Some(ada.token.as_str()),
        Some(
            json!({"name": "Example SA", "street": "Rue du Lac", "building_number": "12",
                     "postcode": "1204", "town": "Genève", "country": "CH"}),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let billing = staff_token(&app, "bill@provider.test", &[StaffRole::Billing]).await;
    let support = staff_token(&app, "sam@provider.test", &[StaffRole::Support]).await;
    let res = post_keyed(
        &app,
        &format!("/api/1/staff/orgs/{org}/invoices"),
        &billing,
        "draft-1",
        lines(),
    )
    .await;
    let id = res.json()["data"]["id"].as_str().unwrap().to_string();
    let pause = format!("/api/1/staff/invoices/{id}/reminders/pause");
    let resume = format!("/api/1/staff/invoices/{id}/reminders/resume");
    let body = || Some(json!({"reason": "Disputed by phone"}));

    // A draft has no reminders to pause.
    let res = api(&app, "POST", &pause, Some(&billing), body()).await;
    assert_eq!(
        (res.status, code(&res).as_str()),
        (StatusCode::CONFLICT, "invoice_not_issued")
    );
    let res = post_keyed(
        &app,
        &format!("/api/1/staff/invoices/{id}/issue"),
        &billing,
        "issue-1",
        json!({}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());

    let res = api(&app, "POST", &pause, Some(&support), body()).await;
    assert_eq!(
        (res.status, code(&res).as_str()),
        (StatusCode::FORBIDDEN, "forbidden")
    );
    let unknown = "/api/1/staff/invoices/bill_01hzzzzzzzzzzzzzzzzzzzzzzz/reminders/pause";
    let res = api(&app, "POST", unknown, Some(&billing), body()).await;
    assert_eq!(
        (res.status, code(&res).as_str()),
        (StatusCode::NOT_FOUND, "object_not_found")
    );

    let res = api(&app, "POST", &pause, Some(&billing), body()).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(res.json()["data"], json!({"paused": true, "reminders": []}));

    // Past the first level's day, the sweep sends nothing while paused.
    app.advance_days(45);
    // The first tokens lived 30 days.
    let billing = staff::create_token_for(&app.ctx, "bill@provider.test", "billing 2", 30)
        .await
        .unwrap()
        .token;
    let support = staff::create_token_for(&app.ctx, "sam@provider.test", "support 2", 30)
        .await
        .unwrap()
        .token;
    guichet_core::payments::reminders::send_due(&app.ctx)
        .await
        .unwrap();
    let state = format!("/api/1/staff/invoices/{id}/reminders");
    let res = api(&app, "GET", &state, Some(&billing), None).await;
    assert_eq!(res.json()["data"], json!({"paused": true, "reminders": []}));

    let res = api(&app, "POST", &resume, Some(&billing), None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(res.json()["data"]["paused"], false);
    guichet_core::payments::reminders::send_due(&app.ctx)
        .await
        .unwrap();
    let res = api(&app, "GET", &state, Some(&support), None).await;
    assert_eq!(
        res.status,
        StatusCode::FORBIDDEN,
        "support reads no billing"
    );
    let res = api(&app, "GET", &state, Some(&billing), None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let today = app.ctx.today().to_string();
    assert_eq!(
        res.json()["data"],
        json!({"paused": false, "reminders": [{"level": 1, "sent_on": today, "fee_invoice_id": null}]})
    );

    // Both staff actions are in the staff audit log.
    let mut c = app.ctx.db.acquire().await.unwrap();
    let actions = guichet_core::sql!(c.conn(), fetch_all scalar String,
        "SELECT action FROM staff_audit_events WHERE target = $1 AND action LIKE 'invoice.reminders_%' ORDER BY created_at, id",
        id.as_str())
    .unwrap();
    assert_eq!(
        actions,
        ["invoice.reminders_paused", "invoice.reminders_resumed"]
    );
}
