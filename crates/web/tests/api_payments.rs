//! The payments API end to end (issue 12): a customer pays an invoice with
//! their token, the gateway's signed notification settles it, top-ups and
//! their limits, `Idempotency-Key` replays and conflicts, stored methods,
//! and a staff refund — through the router, with the scripted gateway.

use std::sync::Arc;

use axum::http::StatusCode;
use guichet_core::{
    Ctx, accounts,
    billing::{self, Issuer},
    both_engines,
    ids::{OrgId, PaymentId},
    payments,
    staff::{self, StaffRole},
    testing::{ScriptedGateway, TestApp},
};
use serde_json::{Value, json};

use crate::{
    orgs_support::{call, caller, code, notify, org_of},
    support::Answer,
};

const PASSWORD: &str = "Lantern-Quarry-Mosaic-73";

fn data(a: &Answer) -> Value {
    a.json()["data"].clone()
}

/// An issued invoice of 108.10 CHF for `org` (given a Swiss address by
/// `by`, its legal representative).
async fn invoice(ctx: &Ctx, by: &guichet_core::access::Actor, org: &OrgId) -> String {
    let address = serde_json::from_value(json!({"name": "Example SA", "street": "Rue du Lac",
        "building_number": "12", "postcode": "1204", "town": "Genève", "country": "CH"}))
    .unwrap();
    guichet_core::orgs::save_address(ctx, by, org, None, &address, true)
        .await
        .unwrap();
    let lines = serde_json::from_value(json!({"lines": [
        {"description": "Web hosting", "quantity": 1, "unit_price": "100.00", "vat_class": "standard"}]}))
    .unwrap();
    billing::invoices::create_and_issue(ctx, Issuer::Operator, org, &lines)
        .await
        .unwrap()
        .id
        .to_string()
}

both_engines!(a_customer_pays_and_the_gateway_confirms);
async fn a_customer_pays_and_the_gateway_confirms(app: Arc<TestApp>) {
    // proves: BIL-3, BIL-7
    let gateway = ScriptedGateway::new();
    let ctx = gateway.install(&app.ctx);
    let ada = caller(&app, "ada@example.test").await;
    let org = org_of(&app, &ada, "Example SA").await;
    let inv = invoice(&ctx, &ada.actor, &org).await;
    let t = ada.token.as_str();
    let path = format!("/api/1/orgs/{org}/invoices/{inv}/payments");

    let res = call(
        &ctx,
        "POST",
        &path,
        t,
        Some(json!({"method": "card", "save_method": true})),
        Some("k-1"),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let p = data(&res);
    assert_eq!(p["status"], "requires_action");
    assert_eq!(p["amount"], json!({"amount": "108.10", "currency": "CHF"}));
    assert!(
        p["redirect_url"]
            .as_str()
            .unwrap()
            .starts_with("https://gateway.test/")
    );
    // A double submit with the same key: the same answer.
    let again = call(
        &ctx,
        "POST",
        &path,
        t,
        Some(json!({"method": "card", "save_method": true})),
        Some("k-1"),
    )
    .await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(data(&again), p);
    // Another tab, another key: the invoice is held.
    let other = call(
        &ctx,
        "POST",
        &path,
        t,
        Some(json!({"method": "twint"})),
        Some("k-2"),
    )
    .await;
    assert_eq!(
        (other.status, code(&other).as_str()),
        (StatusCode::CONFLICT, "payment_in_flight")
    );
    // The same key with another body: 422.
    let reused = call(
        &ctx,
        "POST",
        &path,
        t,
        Some(json!({"method": "paypal"})),
        Some("k-1"),
    )
    .await;
    assert_eq!(
        reused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reused.text()
    );

    // The gateway's notification, signed; a wrong signature is refused.
    let id = PaymentId::parse(p["id"].as_str().unwrap()).unwrap();
    let n = gateway.capture(&id, true);
    let forged = (n.0.replace("v1=", "v1=00"), n.1.clone());
    let res = notify(&ctx, &forged).await;
    assert_eq!(
        (res.status, code(&res).as_str()),
        (StatusCode::BAD_REQUEST, "invalid_notification")
    );
    assert_eq!(notify(&ctx, &n).await.status, StatusCode::NO_CONTENT);
    assert_eq!(
        notify(&ctx, &n).await.status,
        StatusCode::NO_CONTENT,
        "a repeat is fine"
    );

    let res = call(
        &ctx,
        "GET",
        &format!("/api/1/orgs/{org}/payments/{id}"),
        t,
        None,
        None,
    )
    .await;
    assert_eq!(data(&res)["status"], "succeeded");
    let res = call(
        &ctx,
        "GET",
        &format!("/api/1/orgs/{org}/invoices/{inv}"),
        t,
        None,
        None,
    )
    .await;
    assert_eq!(data(&res)["status"], "paid");
    let res = call(
        &ctx,
        "GET",
        &format!("/api/1/orgs/{org}/payments"),
        t,
        None,
        None,
    )
    .await;
    assert_eq!(res.json()["total"], 1, "{}", res.text());

    // The card is kept; the customer removes it.
    let res = call(
        &ctx,
        "GET",
        &format!("/api/1/orgs/{org}/payment-methods"),
        t,
        None,
        None,
    )
    .await;
    let methods = res.json()["data"].clone();
    assert_eq!(methods[0]["last4"], "4242");
    let pm = methods[0]["id"].as_str().unwrap().to_owned();
    let res = call(
        &ctx,
        "DELETE",
        &format!("/api/1/orgs/{org}/payment-methods/{pm}"),
        t,
        None,
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let res = call(
        &ctx,
        "DELETE",
        &format!("/api/1/orgs/{org}/payment-methods/{pm}"),
        t,
        None,
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    // Staff refund it: billing may, support may not.
    accounts::create_user(&app.ctx, "bill@provider.test", PASSWORD, true)
        .await
        .unwrap();
    staff::create_staff(&app.ctx, "bill@provider.test", &[StaffRole::Billing])
        .await
        .unwrap();
    let billing = staff::create_token_for(&app.ctx, "bill@provider.test", "refunds", 30)
        .await
        .unwrap()
        .token;
    accounts::create_user(&app.ctx, "sam@provider.test", PASSWORD, true)
        .await
        .unwrap();
    staff::create_staff(&app.ctx, "sam@provider.test", &[StaffRole::Support])
        .await
        .unwrap();
    let support = staff::create_token_for(&app.ctx, "sam@provider.test", "look", 30)
        .await
        .unwrap()
        .token;
    let refund = format!("/api/1/staff/payments/{id}/refunds");
    let res = call(
        &ctx,
        "POST",
        &refund,
        &support,
        Some(json!({"reason": "Asked"})),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = call(
        &ctx,
        "POST",
        &refund,
        &billing,
        Some(json!({"reason": "Cancelled order"})),
        Some("r-1"),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    assert_eq!(data(&res)["status"], "succeeded");
    assert_eq!(
        data(&res)["amount"],
        json!({"amount": "108.10", "currency": "CHF"})
    );
    let res = call(
        &ctx,
        "GET",
        &format!("/api/1/staff/payments/{id}"),
        &billing,
        None,
        None,
    )
    .await;
    assert_eq!(
        data(&res)["payment"]["refunded"],
        json!({"amount": "108.10", "currency": "CHF"})
    );
    assert_eq!(data(&res)["refunds"].as_array().unwrap().len(), 1);
    let res = call(
        &ctx,
        "POST",
        &refund,
        &billing,
        Some(json!({"reason": "Again"})),
        Some("r-2"),
    )
    .await;
    assert!(res.status.is_client_error(), "{}", res.text());
}

both_engines!(top_ups_keep_to_their_limits_through_the_api);
async fn top_ups_keep_to_their_limits_through_the_api(app: Arc<TestApp>) {
    // proves: BIL-4
    let gateway = ScriptedGateway::new();
    let ctx = gateway.install(&app.ctx);
    let bea = caller(&app, "bea@example.test").await;
    let org = org_of(&app, &bea, "Example SA").await;
    let path = format!("/api/1/orgs/{org}/prepaid/top-ups");
    for (amount, status) in [
        ("0.09", StatusCode::UNPROCESSABLE_ENTITY),
        ("0.10", StatusCode::CREATED),
        ("9999.00", StatusCode::CREATED),
        ("9999.01", StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let res = call(
            &ctx,
            "POST",
            &path,
            &bea.token,
            Some(json!({"amount": amount, "method": "card"})),
            None,
        )
        .await;
        assert_eq!(res.status, status, "{amount}: {}", res.text());
        if status == StatusCode::UNPROCESSABLE_ENTITY {
            let e = &res.json()["error"]["errors"][0];
            assert_eq!(e["code"], "out_of_range", "{}", res.text());
            assert!(
                e["description"].as_str().unwrap().contains("9999.00 CHF"),
                "{}",
                res.text()
            );
        }
    }
    // A transfer top-up: its own reference and the account.
    let res = call(
        &ctx,
        "POST",
        &path,
        &bea.token,
        Some(json!({"amount": "50.00", "method": "bank_transfer"})),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let transfer = &data(&res)["transfer"];
    assert!(
        transfer["reference"]
            .as_str()
            .is_some_and(|r| !r.is_empty()),
        "{}",
        res.text()
    );
    assert!(
        transfer["iban"]
            .as_str()
            .is_some_and(|r| r.starts_with("CH")),
        "{}",
        res.text()
    );
    // Its slip: a PDF with the reference and a QR-bill.
    let id = data(&res)["id"].as_str().unwrap().to_owned();
    let res = call(
        &ctx,
        "GET",
        &format!("/api/1/orgs/{org}/prepaid/top-ups/{id}/pdf"),
        &bea.token,
        None,
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.starts_with(b"%PDF"), "a PDF");
    // A card top-up has no slip.
    let card = payments::read::list_payments(
        &ctx,
        &bea.actor,
        &org,
        guichet_core::orgs::Window {
            offset: 0,
            limit: 10,
        },
    )
    .await
    .unwrap()
    .items
    .into_iter()
    .find(|p| p.method == "card")
    .unwrap();
    let res = call(
        &ctx,
        "GET",
        &format!("/api/1/orgs/{org}/prepaid/top-ups/{}/pdf", card.id),
        &bea.token,
        None,
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // The prepaid account shows what arrived: nothing yet.
    let res = call(
        &ctx,
        "GET",
        &format!("/api/1/orgs/{org}/prepaid"),
        &bea.token,
        None,
        None,
    )
    .await;
    assert_eq!(
        data(&res)["balance"],
        json!({"amount": "0.00", "currency": "CHF"})
    );
    let p = payments::read::list_payments(
        &ctx,
        &bea.actor,
        &org,
        guichet_core::orgs::Window {
            offset: 0,
            limit: 10,
        },
    )
    .await
    .unwrap();
    assert_eq!(p.total, 3);
}
