//! The hosted page: every test card, 3-D Secure, the delayed card,
//! PostFinance, Twint, PayPal, cancelling, and posting twice.

use serde_json::Value;

use crate::{RETURN_URL, returned, sandbox};

#[tokio::test]
async fn every_test_card_ends_as_its_label_says() {
    // proves: BIL-3
    let sbx = sandbox().await;
    // (number, status, failure code, brand of the stored card)
    let cards = [
        ("4242424242424242", "succeeded", None, Some("visa")),
        ("5555555555554444", "succeeded", None, Some("mastercard")),
        ("4000002500001001", "succeeded", None, Some("cb")),
        ("4000000000000002", "failed", Some("card_declined"), None),
        (
            "4000000000009995",
            "failed",
            Some("insufficient_funds"),
            None,
        ),
        ("4000000000000069", "failed", Some("expired_card"), None),
        ("4000000000005126", "succeeded", None, Some("visa")),
        ("4000000000000341", "succeeded", None, Some("visa")),
    ];
    for (number, status, code, brand) in cards {
        let p = sbx.start("card", "CHF", 1250, true).await;
        let id = p["id"].as_str().unwrap();
        assert_eq!(p["status"], "requires_action");
        assert_eq!(
            p["redirect_url"],
            format!("{}/pay/{id}", sbx.base).as_str(),
            "the hosted page is under the public URL"
        );
        let (st, location) = sbx.choose(id, number).await;
        assert_eq!((st, location), (303, returned(id)), "{number}");
        let p = sbx.payment(id).await;
        assert_eq!(p["status"], status, "{number}: {p}");
        assert_eq!(p["failure_code"].as_str(), code, "{number}");
        if status == "succeeded" {
            assert_eq!(p["captured_minor"], 1250, "{number}");
        } else {
            assert_eq!(p["captured_minor"], Value::Null, "{number}");
            assert!(p["failure_message"].as_str().is_some_and(|m| !m.is_empty()));
        }
        let stored = &p["stored_method"];
        assert_eq!(stored["brand"].as_str(), brand, "{number}: {p}");
        if brand.is_some() {
            assert_eq!(stored["method"], "card");
            assert_eq!(stored["last4"], &number[12..]);
            assert_eq!(stored["exp_month"], 12);
            assert!(stored["exp_year"].as_i64().unwrap() >= 2029);
            assert!(stored["token"].as_str().unwrap().starts_with("sbxpm_"));
        }
    }
}

#[tokio::test]
async fn a_card_is_stored_only_when_asked() {
    // proves: BIL-3
    let sbx = sandbox().await;
    let id = sbx.start("card", "EUR", 500, false).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    sbx.choose(&id, "4242424242424242").await;
    let p = sbx.payment(&id).await;
    assert_eq!(p["status"], "succeeded");
    assert_eq!(p["stored_method"], Value::Null);
}

#[tokio::test]
async fn three_d_secure_is_completed_or_failed_on_its_own_page() {
    // proves: BIL-3
    let sbx = sandbox().await;
    for (outcome, status, code) in [
        ("complete", "succeeded", None),
        ("fail", "failed", Some("authentication_failed")),
    ] {
        let id = sbx.start("card", "CHF", 900, true).await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (st, location) = sbx.choose(&id, "4000000000003220").await;
        assert_eq!(
            (st, location.as_deref()),
            (303, Some(&*format!("{id}/challenge")))
        );
        assert_eq!(sbx.payment(&id).await["status"], "requires_action");
        let (st, html) = sbx.page(&format!("/pay/{id}/challenge")).await;
        assert_eq!(st, 200);
        assert!(
            html.contains(r#"name="outcome" value="complete""#),
            "{html}"
        );
        assert!(html.contains(r#"name="outcome" value="fail""#), "{html}");
        assert!(html.contains(r#"href="../assets/sandbox.css""#));
        let (st, location) = sbx
            .form(&format!("/pay/{id}/challenge"), &[("outcome", outcome)])
            .await;
        assert_eq!((st, location), (303, returned(&id)));
        let p = sbx.payment(&id).await;
        assert_eq!(p["status"], status, "{outcome}");
        assert_eq!(p["failure_code"].as_str(), code, "{outcome}");
        // The challenge cannot be answered twice.
        let (st, location) = sbx
            .form(&format!("/pay/{id}/challenge"), &[("outcome", "complete")])
            .await;
        assert_eq!((st, location), (303, returned(&id)));
        assert_eq!(sbx.payment(&id).await["status"], status);
    }
}

#[tokio::test]
async fn the_delayed_card_is_processing_then_succeeds_with_a_late_notification() {
    // proves: BIL-3
    let sbx = sandbox().await;
    let id = sbx.start("card", "CHF", 700, false).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (st, location) = sbx.choose(&id, "4000000000000077").await;
    assert_eq!((st, location), (303, returned(&id)));
    assert_eq!(sbx.payment(&id).await["status"], "processing");
    assert!(sbx.events().is_empty(), "nothing final yet");
    // Choosing again while processing changes nothing.
    let (st, location) = sbx.choose(&id, "4000000000000002").await;
    assert_eq!((st, location), (303, returned(&id)));
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    let p = sbx.payment(&id).await;
    assert_eq!(p["status"], "succeeded");
    assert_eq!(p["captured_minor"], 700);
    let events = sbx.events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["type"], "payment.succeeded");
    assert_eq!(events[0]["data"]["id"], id.as_str());
}

#[tokio::test]
async fn postfinance_is_approved_or_declined_and_takes_francs_only() {
    // proves: BIL-3
    let sbx = sandbox().await;
    for (choice, status) in [
        ("postfinance_ok", "succeeded"),
        ("postfinance_declined", "failed"),
    ] {
        let id = sbx.start("postfinance", "CHF", 4200, true).await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (_, html) = sbx.page(&format!("/pay/{id}")).await;
        assert!(html.contains(r#"value="postfinance_ok""#));
        assert!(
            !html.contains("4242424242424242"),
            "cards are for card payments"
        );
        let (st, location) = sbx.choose(&id, choice).await;
        assert_eq!((st, location), (303, returned(&id)));
        let p = sbx.payment(&id).await;
        assert_eq!(p["status"], status);
        assert_eq!(p["stored_method"], Value::Null, "PostFinance is not stored");
    }
    for method in ["postfinance", "twint"] {
        let (st, err) = sbx
            .post(
                "/v1/payments",
                None,
                &serde_json::json!({"amount_minor": 100, "currency": "EUR", "method": method, "return_url": RETURN_URL}),
            )
            .await;
        assert_eq!(st, 400, "{method} in EUR");
        assert_eq!(err["error"]["code"], "currency_not_supported");
    }
}

#[tokio::test]
async fn twint_shows_a_qr_code_and_is_stored_without_card_details() {
    // proves: BIL-3
    let sbx = sandbox().await;
    let id = sbx.start("twint", "CHF", 3000, true).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (st, html) = sbx.page(&format!("/pay/{id}")).await;
    assert_eq!(st, 200);
    assert!(
        html.contains("<svg") && html.contains(r#"role="img""#),
        "{html}"
    );
    assert!(html.contains(r#"value="twint_scan""#) && html.contains(r#"value="twint_decline""#));
    let (st, location) = sbx.choose(&id, "twint_scan").await;
    assert_eq!((st, location), (303, returned(&id)));
    let p = sbx.payment(&id).await;
    assert_eq!(p["status"], "succeeded");
    let stored = &p["stored_method"];
    assert_eq!(stored["method"], "twint");
    assert_eq!(stored["brand"], "twint");
    assert_eq!(stored["last4"], Value::Null);
    assert_eq!(stored["exp_year"], Value::Null);

    let id = sbx.start("twint", "CHF", 3000, true).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    sbx.choose(&id, "twint_decline").await;
    let p = sbx.payment(&id).await;
    assert_eq!(p["status"], "failed");
    assert_eq!(p["failure_code"], "twint_declined");
}

#[tokio::test]
async fn paypal_logs_in_then_approves_or_cancels() {
    // proves: BIL-3
    let sbx = sandbox().await;
    let id = sbx.start("paypal", "EUR", 1999, true).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, html) = sbx.page(&format!("/pay/{id}")).await;
    assert!(html.contains("Log in to PayPal (sandbox)"), "{html}");
    assert!(html.contains(r#"<label for="paypal-email">"#));
    sbx.choose(&id, "paypal_approve").await;
    let p = sbx.payment(&id).await;
    assert_eq!(p["status"], "succeeded");
    assert_eq!(p["stored_method"], Value::Null, "PayPal is not stored");

    let id = sbx.start("paypal", "EUR", 1999, false).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (st, location) = sbx.choose(&id, "paypal_cancel").await;
    assert_eq!((st, location), (303, returned(&id)));
    assert_eq!(sbx.payment(&id).await["status"], "cancelled");
}

#[tokio::test]
async fn cancel_and_go_back_and_a_final_payment_is_never_charged_again() {
    // proves: BIL-3
    let sbx = sandbox().await;
    for method in ["card", "postfinance", "twint", "paypal"] {
        let id = sbx.start(method, "CHF", 100, false).await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (_, html) = sbx.page(&format!("/pay/{id}")).await;
        assert!(html.contains("Cancel and go back"), "{method}");
        let (st, location) = sbx.choose(&id, "cancel").await;
        assert_eq!((st, location), (303, returned(&id)), "{method}");
        assert_eq!(sbx.payment(&id).await["status"], "cancelled", "{method}");
    }
    // Paid, then paid again from another tab: back to the shop, one capture.
    let id = sbx.start("card", "CHF", 100, false).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    sbx.choose(&id, "4242424242424242").await;
    let before = sbx.events().len();
    let (st, location) = sbx.choose(&id, "4242424242424242").await;
    assert_eq!((st, location), (303, returned(&id)));
    let (st, location) = sbx.choose(&id, "cancel").await;
    assert_eq!((st, location), (303, returned(&id)));
    assert_eq!(sbx.events().len(), before, "no second event");
    let p = sbx.payment(&id).await;
    assert_eq!(
        (p["status"].as_str(), p["captured_minor"].as_i64()),
        (Some("succeeded"), Some(100))
    );
    // A failed attempt is final too.
    let id = sbx.start("card", "CHF", 100, false).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    sbx.choose(&id, "4000000000000002").await;
    sbx.choose(&id, "4242424242424242").await;
    assert_eq!(sbx.payment(&id).await["status"], "failed");
}

#[tokio::test]
async fn the_page_shows_the_amount_labels_every_card_and_carries_no_inline_style() {
    // proves: BIL-3
    let sbx = sandbox().await;
    let id = sbx.start("card", "CHF", 1250, false).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (st, html) = sbx.page(&format!("/pay/{id}")).await;
    assert_eq!(st, 200);
    assert!(
        html.contains("CHF 12.50") && html.contains("Invoice 2026-0001"),
        "{html}"
    );
    assert!(html.contains("Sandbox"));
    for card in sandbox_gateway::TEST_CARDS {
        assert!(
            html.contains(&format!(r#"value="{}""#, card.number)),
            "{}",
            card.number
        );
        assert!(html.contains(card.label), "{}", card.label);
    }
    assert!(html.contains(r#"name="viewport""#));
    // Guichet's CSP allows no inline style: the style is a file.
    assert!(
        !html.contains("<style") && !html.contains("style="),
        "{html}"
    );
    assert!(html.contains(r#"href="assets/sandbox.css""#));
    let res = sbx
        .http
        .get(format!("{}/pay/assets/sandbox.css", sbx.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(res.text().await.unwrap().contains("focus-visible"));

    let (st, _) = sbx.page("/pay/sbxpay_nope").await;
    assert_eq!(st, 404);
}

#[tokio::test]
async fn a_return_url_with_a_query_keeps_it() {
    // proves: BIL-3
    let sbx = sandbox().await;
    let (_, p) = sbx
        .post(
            "/v1/payments",
            None,
            &serde_json::json!({"amount_minor": 100, "currency": "CHF", "method": "card",
                "return_url": "http://shop.test/back?invoice=bill_1"}),
        )
        .await;
    let id = p["id"].as_str().unwrap();
    let (_, location) = sbx.choose(id, "4242424242424242").await;
    assert_eq!(
        location.unwrap(),
        format!("http://shop.test/back?invoice=bill_1&sandbox_payment={id}")
    );
}
