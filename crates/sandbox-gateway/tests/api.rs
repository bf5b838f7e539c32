//! The JSON API: the key, idempotency, refunds and their cap, off-session
//! charges of stored methods, removing them, cancelling.

use serde_json::{Value, json};

use crate::{RETURN_URL, Sandbox, sandbox};

/// A payment paid with `card` (stored): its id and its stored token.
async fn paid(sbx: &Sandbox, card: &str, amount: i64) -> (String, String) {
    let id = sbx.start("card", "CHF", amount, true).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    sbx.choose(&id, card).await;
    let p = sbx.payment(&id).await;
    assert_eq!(p["status"], "succeeded", "{p}");
    let token = p["stored_method"]["token"].as_str().unwrap().to_owned();
    (id, token)
}

async fn refund(sbx: &Sandbox, key: &str, payment: &str, amount: i64) -> (u16, Value) {
    sbx.post(
        "/v1/refunds",
        Some(key),
        &json!({"payment": payment, "amount_minor": amount, "metadata": {"refund_id": key}}),
    )
    .await
}

#[tokio::test]
async fn the_api_wants_the_key() {
    // proves: BIL-3
    let sbx = sandbox().await;
    let url = format!("{}/v1/payments/sbxpay_x", sbx.base);
    for auth in [None, Some("Bearer wrong"), Some("sk_sandbox_test")] {
        let mut req = sbx.http.get(&url);
        if let Some(auth) = auth {
            req = req.header("authorization", auth);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 401, "{auth:?}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["code"], "unauthorized");
    }
    let (st, body) = sbx.get("/v1/payments/sbxpay_x").await;
    assert_eq!(
        (st, body["error"]["code"].as_str()),
        (404, Some("not_found"))
    );
}

#[tokio::test]
async fn the_same_idempotency_key_answers_the_same_payment_and_another_body_is_refused() {
    // proves: BIL-3
    let sbx = sandbox().await;
    let body = json!({"amount_minor": 1000, "currency": "CHF", "method": "card",
        "description": "Top-up", "return_url": RETURN_URL, "metadata": {"payment_id": "pay_1"}});
    let (st, first) = sbx.post("/v1/payments", Some("pay_1"), &body).await;
    assert_eq!(st, 200, "{first}");
    assert_eq!(first["metadata"]["payment_id"], "pay_1");
    assert!(first["id"].as_str().unwrap().starts_with("sbxpay_"));
    let (st, again) = sbx.post("/v1/payments", Some("pay_1"), &body).await;
    assert_eq!((st, &again["id"]), (200, &first["id"]));
    let mut other = body.clone();
    other["amount_minor"] = json!(2000);
    let (st, err) = sbx.post("/v1/payments", Some("pay_1"), &other).await;
    assert_eq!(
        (st, err["error"]["code"].as_str()),
        (409, Some("idempotency_key_reused"))
    );
    // Another key: another payment.
    let (_, second) = sbx.post("/v1/payments", Some("pay_2"), &body).await;
    assert_ne!(second["id"], first["id"]);
    // Bad bodies are refused with the error envelope.
    let (st, err) = sbx
        .post("/v1/payments", None, &json!({"amount_minor": 0, "currency": "CHF", "method": "card", "return_url": RETURN_URL}))
        .await;
    assert_eq!(
        (st, err["error"]["code"].as_str()),
        (400, Some("amount_invalid"))
    );
    let (st, err) = sbx
        .post("/v1/payments", None, &json!({"amount_minor": 10, "currency": "USD", "method": "card", "return_url": RETURN_URL}))
        .await;
    assert_eq!(
        (st, err["error"]["code"].as_str()),
        (400, Some("invalid_request"))
    );
}

#[tokio::test]
async fn refunds_are_idempotent_and_never_exceed_the_capture() {
    // proves: BIL-3, BIL-6
    let sbx = sandbox().await;
    let (id, _) = paid(&sbx, "4242424242424242", 1000).await;
    let (st, r) = refund(&sbx, "rfd_1", &id, 400).await;
    assert_eq!(st, 200, "{r}");
    assert_eq!(r["status"], "succeeded");
    assert_eq!(r["payment"], id.as_str());
    assert_eq!(r["metadata"]["refund_id"], "rfd_1");
    assert!(r["id"].as_str().unwrap().starts_with("sbxref_"));
    // Retried: the same refund, no second one.
    let (st, again) = refund(&sbx, "rfd_1", &id, 400).await;
    assert_eq!((st, &again["id"]), (200, &r["id"]));
    assert_eq!(sbx.payment(&id).await["refunded_minor"], 400);
    let (st, err) = refund(&sbx, "rfd_1", &id, 500).await;
    assert_eq!(
        (st, err["error"]["code"].as_str()),
        (409, Some("idempotency_key_reused"))
    );
    // 600 left: 700 is refused, 600 goes, then nothing is left.
    let (st, err) = refund(&sbx, "rfd_2", &id, 700).await;
    assert_eq!(
        (st, err["error"]["code"].as_str()),
        (400, Some("amount_too_large"))
    );
    let (st, r) = refund(&sbx, "rfd_3", &id, 600).await;
    assert_eq!((st, r["status"].as_str()), (200, Some("succeeded")));
    let (st, err) = refund(&sbx, "rfd_4", &id, 1).await;
    assert_eq!(
        (st, err["error"]["code"].as_str()),
        (400, Some("amount_too_large"))
    );
    assert_eq!(sbx.payment(&id).await["refunded_minor"], 1000);
    // Nothing captured, nothing to refund.
    let open = sbx.start("card", "CHF", 1000, false).await;
    let (st, err) = refund(&sbx, "rfd_5", open["id"].as_str().unwrap(), 100).await;
    assert_eq!(
        (st, err["error"]["code"].as_str()),
        (400, Some("payment_not_captured"))
    );
    let kinds: Vec<Value> = sbx.events().iter().map(|e| e["type"].clone()).collect();
    assert_eq!(
        kinds,
        ["payment.succeeded", "refund.succeeded", "refund.succeeded"]
    );
}

#[tokio::test]
async fn refunds_of_the_refunds_fail_card_fail_and_give_nothing_back() {
    // proves: BIL-3, BIL-6
    let sbx = sandbox().await;
    let (id, _) = paid(&sbx, "4000000000005126", 1000).await;
    let (st, r) = refund(&sbx, "rfd_1", &id, 1000).await;
    assert_eq!(st, 200);
    assert_eq!(r["status"], "failed");
    assert!(r["failure_message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(sbx.payment(&id).await["refunded_minor"], 0);
    let last = sbx.events().pop().unwrap();
    assert_eq!(last["type"], "refund.failed");
    assert_eq!(last["data"]["id"], r["id"]);
}

#[tokio::test]
async fn a_stored_method_is_charged_off_session_until_it_is_removed() {
    // proves: BIL-3
    let sbx = sandbox().await;
    let (_, token) = paid(&sbx, "4242424242424242", 1000).await;
    let sbx = &sbx;
    let charge = |key: &'static str, token: String| {
        let body = json!({"amount_minor": 2000, "currency": "CHF", "method_token": token,
            "description": "Renewal", "metadata": {"payment_id": key}});
        async move { sbx.post("/v1/charges", Some(key), &body).await }
    };
    let (st, p) = charge("pay_r1", token.clone()).await;
    assert_eq!(st, 200, "{p}");
    assert_eq!(p["status"], "succeeded", "final at once");
    assert_eq!(p["captured_minor"], 2000);
    assert_eq!(p["metadata"]["payment_id"], "pay_r1");
    let (_, again) = charge("pay_r1", token.clone()).await;
    assert_eq!(again["id"], p["id"], "the same key charges once");

    let (st, _) = sbx
        .http
        .delete(format!("{}/v1/methods/{token}", sbx.base))
        .bearer_auth(crate::API_KEY)
        .send()
        .await
        .map(|r| (r.status().as_u16(), ()))
        .unwrap();
    assert_eq!(st, 204);
    let (_, p) = charge("pay_r2", token.clone()).await;
    assert_eq!(p["status"], "failed");
    assert_eq!(p["failure_code"], "payment_method_unknown");
    let (_, p) = charge("pay_r3", "sbxpm_unknown".into()).await;
    assert_eq!(p["failure_code"], "payment_method_unknown");
    let res = sbx
        .http
        .delete(format!("{}/v1/methods/sbxpm_unknown", sbx.base))
        .bearer_auth(crate::API_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);

    // A card declined since it was stored: the renewal fails.
    let (_, token) = paid(sbx, "4000000000000341", 1000).await;
    let (_, p) = charge("pay_r4", token).await;
    assert_eq!(p["status"], "failed");
    assert_eq!(p["failure_code"], "card_declined");
    let failed = sbx
        .events()
        .into_iter()
        .filter(|e| e["type"] == "payment.failed")
        .count();
    assert_eq!(failed, 3, "every failed charge is notified");
}

#[tokio::test]
async fn cancel_gives_up_an_open_payment_but_not_a_captured_one() {
    // proves: BIL-3
    let sbx = sandbox().await;
    let open = sbx.start("card", "CHF", 500, false).await;
    let id = open["id"].as_str().unwrap();
    let (st, p) = sbx
        .post(&format!("/v1/payments/{id}/cancel"), None, &json!({}))
        .await;
    assert_eq!((st, p["status"].as_str()), (200, Some("cancelled")));
    let (paid_id, _) = paid(&sbx, "4242424242424242", 500).await;
    let (st, p) = sbx
        .post(&format!("/v1/payments/{paid_id}/cancel"), None, &json!({}))
        .await;
    assert_eq!((st, p["status"].as_str()), (200, Some("succeeded")));
    let kinds: Vec<Value> = sbx.events().iter().map(|e| e["type"].clone()).collect();
    assert_eq!(kinds, ["payment.cancelled", "payment.succeeded"]);
    let (st, _) = sbx
        .post("/v1/payments/sbxpay_nope/cancel", None, &json!({}))
        .await;
    assert_eq!(st, 404);
}
