//! Orders and products through the API (issue 13): a cart ordered with a
//! token and an `Idempotency-Key`, paid through the (scripted) gateway's
//! signed notification, its products listed — and a restricted member
//! with a product-kind right sees exactly those (ORG-2, API-5).

use std::sync::Arc;

use axum::http::StatusCode;
use guichet_core::{
    both_engines,
    ids::PaymentId,
    orgs::Role,
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

fn ids_of(list: &Value) -> Vec<String> {
    let mut ids: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

both_engines!(a_cart_is_ordered_paid_and_its_products_seen_by_right);
async fn a_cart_is_ordered_paid_and_its_products_seen_by_right(app: Arc<TestApp>) {
    // proves: CAT-2, ORG-2, API-5
    let gateway = ScriptedGateway::new();
    let ctx = gateway.install(&app.ctx);
    let ada = caller(&app, "ada@example.test").await;
    let org = org_of(&app, &ada, "Example SA").await;
    let address = serde_json::from_value(address("Example SA")).unwrap();
    guichet_core::orgs::save_address(&ctx, &ada.actor, &org, None, &address, true)
        .await
        .unwrap();
    let t = ada.token.as_str();
    let path = format!("/api/1/orgs/{org}/orders");
    let cart = json!({
        "items": [
            {"plan_id": "domain-ch", "months": 12, "domain": "example.ch"},
            {"plan_id": "domain-ch", "months": 36, "domain": "exemple.ch"},
            {"plan_id": "hosting-start", "months": 12}
        ],
        "payment": {"method": "card", "save_method": true}
    });

    let res = call(&ctx, "POST", &path, t, Some(cart.clone()), Some("cart-1")).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let placed = data(&res);
    let order = &placed["order"];
    assert_eq!(order["status"], "pending");
    assert_eq!(order["items"].as_array().unwrap().len(), 3);
    assert!(order["invoice_number"].is_string());
    assert_eq!(placed["payment"]["status"], "requires_action");
    // The same key again: the same order, not a second one.
    let again = call(&ctx, "POST", &path, t, Some(cart), Some("cart-1")).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text());
    assert_eq!(data(&again)["order"]["id"], order["id"]);
    let list = call(&ctx, "GET", &path, t, None, None).await;
    assert_eq!(list.json()["total"], 1, "{}", list.text());

    // The gateway captures: paid, three products.
    let payment = PaymentId::parse(placed["payment"]["id"].as_str().unwrap()).unwrap();
    let res = notify(&ctx, &gateway.capture(&payment, true)).await;
    assert!(res.status.is_success(), "{}", res.text());
    let order_path = format!("{path}/{}", order["id"].as_str().unwrap());
    let paid = data(&call(&ctx, "GET", &order_path, t, None, None).await);
    assert_eq!(paid["status"], "paid");
    assert_eq!(paid["products"].as_array().unwrap().len(), 3);
    // A paid order is not cancelled.
    let res = call(&ctx, "POST", &format!("{order_path}/cancel"), t, None, None).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert_eq!(code(&res), "order_not_pending");

    let products = format!("/api/1/orgs/{org}/products");
    let all = call(&ctx, "GET", &products, t, None, None).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text());
    let all = all.json()["data"].clone();
    assert_eq!(all.as_array().unwrap().len(), 3);
    let domains: Vec<String> = ids_of(&Value::Array(
        all.as_array()
            .unwrap()
            .iter()
            .filter(|p| p["kind"] == "domain")
            .cloned()
            .collect(),
    ));
    let hosting = all
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "web_hosting")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Filtered by kind, soonest expiry first.
    let only = call(
        &ctx,
        "GET",
        &format!("{products}?kind=domain"),
        t,
        None,
        None,
    )
    .await;
    assert_eq!(ids_of(&only.json()["data"]), domains);
    let bad = call(&ctx, "GET", &format!("{products}?kind=boat"), t, None, None).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    // A restricted member with the right on domains sees exactly those.
    let bob = caller(&app, "bob@example.test").await;
    add_member(
        &app,
        org.as_str(),
        bob.id.as_str(),
        Role::User,
        &["kind:domain"],
    )
    .await;
    let seen = call(&ctx, "GET", &products, &bob.token, None, None).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.text());
    assert_eq!(ids_of(&seen.json()["data"]), domains);
    assert_eq!(seen.json()["total"], 2);
    let hidden = call(
        &ctx,
        "GET",
        &format!("{products}/{hosting}"),
        &bob.token,
        None,
        None,
    )
    .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let shown = call(
        &ctx,
        "GET",
        &format!("{products}/{}", domains[0]),
        &bob.token,
        None,
        None,
    )
    .await;
    assert_eq!(shown.status, StatusCode::OK);
    // Without the pay right, no ordering.
    let res = call(
        &ctx,
        "POST",
        &path,
        &bob.token,
        Some(json!({"items": [{"plan_id": "hosting-start", "months": 1}]})),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // A stranger sees nothing of it.
    let eve = caller(&app, "eve@example.test").await;
    let res = call(&ctx, "GET", &products, &eve.token, None, None).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

both_engines!(products_are_changed_moved_upgraded_and_seated_through_the_api);
async fn products_are_changed_moved_upgraded_and_seated_through_the_api(app: Arc<TestApp>) {
    // proves: SUI-1, SUI-2, SUI-3, ORG-5, REN-4, API-5
    let gateway = ScriptedGateway::new();
    let ctx = gateway.install(&app.ctx);
    let ada = caller(&app, "ada@example.test").await;
    let org = org_of(&app, &ada, "Example SA").await;
    let address = serde_json::from_value(address("Example SA")).unwrap();
    guichet_core::orgs::save_address(&ctx, &ada.actor, &org, None, &address, true)
        .await
        .unwrap();
    let t = ada.token.as_str();
    let cart = json!({
        "items": [
            {"plan_id": "hosting-start", "months": 12},
            {"plan_id": "nas-4bay", "months": 12},
            {"plan_id": "suite-business", "months": 12, "quantity": 1, "storage_gb": 100}
        ],
        "payment": {"method": "card", "save_method": true}
    });
    let placed = data(
        &call(
            &ctx,
            "POST",
            &format!("/api/1/orgs/{org}/orders"),
            t,
            Some(cart),
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
    let products = format!("/api/1/orgs/{org}/products");
    let all = data(&call(&ctx, "GET", &products, t, None, None).await);
    let id_of = |kind: &str| {
        all.as_array()
            .unwrap()
            .iter()
            .find(|p| p["kind"] == kind && p["parent_id"].is_null())
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (hosting, nas, suite) = (id_of("web_hosting"), id_of("nas"), id_of("suite"));

    // One product's renewal settings; an unknown key is refused.
    let res = call(
        &ctx,
        "PATCH",
        &format!("{products}/{hosting}"),
        t,
        Some(json!({"renewal_warranty": true})),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(data(&res)["renewal_warranty"], true);
    let res = call(
        &ctx,
        "PATCH",
        &format!("{products}/{hosting}"),
        t,
        Some(json!({"colour": "red"})),
        None,
    )
    .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        res.text()
    );
    // Many at once, all or none (REN-4: never a NAS's warranty).
    let res = call(
        &ctx,
        "PATCH",
        &products,
        t,
        Some(json!({"product_ids": [hosting, nas], "renewal_warranty": true})),
        None,
    )
    .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        res.text()
    );
    assert_eq!(
        res.json()["error"]["errors"][0]["context"]["attribute"],
        "product_ids[1]",
        "{}",
        res.text()
    );
    let res = call(
        &ctx,
        "PATCH",
        &products,
        t,
        Some(json!({"product_ids": [hosting, nas], "auto_renew": false})),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert!(
        data(&res)
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["auto_renew"] == false)
    );

    // A suite is never moved (SUI-2); another organisation of Ada's takes
    // the hosting.
    let other = org_of(&app, &ada, "Other SA").await;
    let res = call(
        &ctx,
        "POST",
        &format!("{products}/{suite}/move"),
        t,
        Some(json!({"to_org_id": other})),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert_eq!(code(&res), "suite_not_movable");
    let res = call(
        &ctx,
        "POST",
        &format!("{products}/{hosting}/move"),
        t,
        Some(json!({"to_org_id": other})),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(data(&res)["org_id"], other.as_str());
    let gone = call(&ctx, "GET", &format!("{products}/{hosting}"), t, None, None).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);

    // Upgrade: refused smaller (SUI-2), ordered bigger with a key once.
    let upgrade = format!("{products}/{suite}/upgrade");
    let res = call(&ctx, "POST", &upgrade, t, Some(json!({"users": 0})), None).await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        res.text()
    );
    assert_eq!(
        res.json()["error"]["errors"][0]["code"],
        "downgrade",
        "{}",
        res.text()
    );
    let body = json!({"users": 2, "payment": {"method": "card"}});
    let res = call(&ctx, "POST", &upgrade, t, Some(body.clone()), Some("up-1")).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let first = data(&res);
    assert_eq!(first["order"]["items"][0]["upgrade_of"], suite.as_str());
    let again = call(&ctx, "POST", &upgrade, t, Some(body), Some("up-1")).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text());
    assert_eq!(data(&again)["order"]["id"], first["order"]["id"]);
    let payment = PaymentId::parse(first["payment"]["id"].as_str().unwrap()).unwrap();
    assert!(
        notify(&ctx, &gateway.capture(&payment, false))
            .await
            .status
            .is_success()
    );
    let now = data(&call(&ctx, "GET", &format!("{products}/{suite}"), t, None, None).await);
    assert_eq!(now["quantity"], 2);

    // Seats: a member holding one cannot leave (ORG-5), and is told why.
    let bob = caller(&app, "bob@example.test").await;
    add_member(&app, org.as_str(), bob.id.as_str(), Role::User, &[]).await;
    let seat = format!("{products}/{suite}/seats/{}", bob.id);
    let res = call(&ctx, "PUT", &seat, t, None, None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(data(&res)["seats"][0]["user_id"], bob.id.as_str());
    let leave = format!("/api/1/orgs/{org}/leave");
    let res = call(&ctx, "POST", &leave, &bob.token, None, None).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text());
    assert_eq!(code(&res), "suite_user");
    // Bob sees no product of the org, so not its seats either.
    let res = call(
        &ctx,
        "GET",
        &format!("{products}/{suite}/seats"),
        &bob.token,
        None,
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = call(&ctx, "DELETE", &seat, t, None, None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let res = call(&ctx, "POST", &leave, &bob.token, None, None).await;
    assert!(res.status.is_success(), "{}", res.text());
}
