//! Payments (issue 12): paying invoices through a gateway, from the
//! prepaid account and by transfer; top-ups; settling once whatever the
//! gateway's notifications do; refunds; idempotency; and a chaos test of
//! all of it at once — on SQLite and on PostgreSQL, with `ledger verify`
//! after every test (the harness). The gateway is the scripted one
//! (`testing::ScriptedGateway`), so the test decides what the customer and
//! the provider do, and when.

use std::sync::Arc;

use futures::future::join_all;
use guichet_core::{
    Ctx, Error,
    access::Actor,
    billing::{self, InvoiceInput, Issuer, LineInput, ledger, vat::VatClass},
    both_engines,
    idempotency::Idempotency,
    ids::{InvoiceId, OrgId, PaymentId},
    money::{Currency, Money},
    orgs::{self, Role, Window, address::AddressInput},
    payments::{self, PayInput, PaymentView, RefundInput, TopUpInput, settle, store},
    testing::{ScriptedGateway, TestApp},
};

use crate::orgs_support::{Org, join, org_made_by};

fn chf(minor: i64) -> Money {
    Money::new(minor, Currency::Chf)
}

/// An org with a Swiss address, the scripted gateway installed, and an
/// issued invoice of 100.00 + 8.1 % = 108.10 CHF.
struct Setup {
    ctx: Ctx,
    gateway: Arc<ScriptedGateway>,
    org: Org,
    invoice: InvoiceId,
}

async fn setup(app: &TestApp, email: &str) -> Setup {
    let org = org_made_by(app, email).await;
    orgs::save_address(
        &app.ctx,
        &org.legal.actor,
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
    let gateway = ScriptedGateway::new();
    let ctx = gateway.install(&app.ctx);
    let invoice = invoice_of(&ctx, &org.id, "100.00").await;
    Setup {
        ctx,
        gateway,
        org,
        invoice,
    }
}

async fn invoice_of(ctx: &Ctx, org: &OrgId, price: &str) -> InvoiceId {
    billing::invoices::create_and_issue(
        ctx,
        Issuer::Operator,
        org,
        &InvoiceInput {
            billing_address_id: None,
            lines: vec![LineInput {
                description: "Web hosting".into(),
                quantity: 1,
                unit_price: price.into(),
                vat_class: VatClass::Standard,
                period: None,
            }],
        },
    )
    .await
    .unwrap()
    .id
}

fn by(method: &str) -> PayInput {
    PayInput {
        method: method.into(),
        ..PayInput::default()
    }
}

fn top_up(amount: &str, method: &str) -> TopUpInput {
    TopUpInput {
        amount: amount.into(),
        method: method.into(),
        ..TopUpInput::default()
    }
}

async fn pay(s: &Setup, actor: &Actor, input: &PayInput) -> Result<PaymentView, Error> {
    payments::pay::pay_invoice(&s.ctx, actor, &s.org.id, &s.invoice, input, None).await
}

async fn deliver(s: &Setup, n: &(String, Vec<u8>)) -> Result<(), Error> {
    settle::notification(&s.ctx, "scripted", Some(&n.0), &n.1).await
}

async fn invoice_status(s: &Setup) -> (String, Money) {
    let v = billing::invoices::staff_invoice(&s.ctx, Issuer::Operator, &s.invoice)
        .await
        .unwrap();
    (v.status, v.open)
}

async fn prepaid(s: &Setup) -> Money {
    let mut c = s.ctx.db.acquire().await.unwrap();
    ledger::prepaid_balance(c.conn(), &s.org.id, Currency::Chf)
        .await
        .unwrap()
}

fn code<T: std::fmt::Debug>(r: Result<T, Error>) -> String {
    match r.expect_err("an error") {
        Error::Validation(f) => f[0].code.to_string(),
        other => other.code().to_string(),
    }
}

both_engines!(a_card_payment_is_settled_once_by_its_notifications);
async fn a_card_payment_is_settled_once_by_its_notifications(app: Arc<TestApp>) {
    // proves: BIL-3, BIL-7
    let s = setup(&app, "ada@example.test").await;
    let me = &s.org.legal.actor;
    let p = pay(
        &s,
        me,
        &PayInput {
            save_method: true,
            ..by("card")
        },
    )
    .await
    .unwrap();
    assert_eq!(p.status, "requires_action");
    assert_eq!(p.amount, chf(10810));
    let url = p.redirect_url.clone().unwrap();
    assert!(url.starts_with("https://gateway.test/pay/"), "{url}");

    // The payment in flight holds the invoice: a second tab is refused.
    assert_eq!(code(pay(&s, me, &by("twint")).await), "payment_in_flight");
    assert_eq!(code(pay(&s, me, &by("prepaid")).await), "payment_in_flight");

    // The browser's return alone proves nothing: still waiting.
    assert_eq!(invoice_status(&s).await.0, "issued");

    // The provider captures and tells us, twice.
    let n = s.gateway.capture(&p.id, true);
    deliver(&s, &n).await.unwrap();
    deliver(&s, &n).await.unwrap();
    assert_eq!(invoice_status(&s).await, ("paid".into(), chf(0)));
    let after = payments::read::get_payment(&s.ctx, me, &s.org.id, &p.id)
        .await
        .unwrap();
    assert_eq!(after.status, "succeeded");
    assert_eq!(after.redirect_url, None);
    assert_eq!(after.to_prepaid, chf(0));
    // A late "declined" for the same payment changes nothing.
    deliver(&s, &s.gateway.decline(&p.id)).await.unwrap();
    assert_eq!(invoice_status(&s).await.0, "paid");
    // The card is kept (token, brand, last four, expiry only).
    let methods = payments::read::list_methods(&s.ctx, me, &s.org.id)
        .await
        .unwrap();
    assert_eq!(methods.len(), 1);
    assert_eq!(
        (methods[0].brand.as_str(), methods[0].last4.as_deref()),
        ("visa", Some("4242"))
    );
    assert_eq!(after.payment_method_id, Some(methods[0].id.clone()));
    // Paid: nothing left to pay.
    assert_eq!(code(pay(&s, me, &by("card")).await), "invoice_not_payable");

    // The owner removes the card: gone from the list, and the
    // organisation's log says who removed which card (OPS-5).
    payments::read::remove_method(&s.ctx, me, &s.org.id, &methods[0].id)
        .await
        .unwrap();
    assert!(
        payments::read::list_methods(&s.ctx, me, &s.org.id)
            .await
            .unwrap()
            .is_empty()
    );
    let filter = guichet_core::audit::Filter {
        action: Some("payment.".into()),
        ..Default::default()
    };
    let (events, _) = orgs::audit_log(&s.ctx, me, &s.org.id, &filter, 0, 20)
        .await
        .unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["payment.method_removed", "payment.started"]);
    assert_eq!(events[0].before.as_ref().unwrap()["name"], "visa •••• 4242");
    assert_eq!(events[0].actor_user_id, me.user_id);
}

both_engines!(notifications_are_verified);
async fn notifications_are_verified(app: Arc<TestApp>) {
    // proves: BIL-3
    let s = setup(&app, "bea@example.test").await;
    let p = pay(&s, &s.org.legal.actor, &by("card")).await.unwrap();
    let (header, body) = s.gateway.capture(&p.id, false);
    let mut tampered = body.clone();
    tampered.extend_from_slice(b" ");
    assert_eq!(
        code(settle::notification(&s.ctx, "scripted", Some(&header), &tampered).await),
        "invalid_notification"
    );
    assert_eq!(
        code(settle::notification(&s.ctx, "scripted", None, &body).await),
        "invalid_notification"
    );
    assert_eq!(
        code(settle::notification(&s.ctx, "nobody", Some(&header), &body).await),
        "object_not_found"
    );
    // Replayed after the window: refused, nothing settled.
    app.advance(jiff::SignedDuration::from_mins(6));
    assert_eq!(
        code(settle::notification(&s.ctx, "scripted", Some(&header), &body).await),
        "invalid_notification"
    );
    assert_eq!(invoice_status(&s).await.0, "issued");
    // The return page asks the provider itself.
    let v = settle::sync(&s.ctx, &s.org.legal.actor, &s.org.id, &p.id)
        .await
        .unwrap();
    assert_eq!(v.status, "succeeded");
    assert_eq!(invoice_status(&s).await.0, "paid");
}

both_engines!(prepaid_credit_pays_part_and_a_card_the_rest);
async fn prepaid_credit_pays_part_and_a_card_the_rest(app: Arc<TestApp>) {
    // proves: BIL-4
    let s = setup(&app, "cleo@example.test").await;
    let me = &s.org.legal.actor;
    // Top up 50.00 by card.
    let t = payments::pay::top_up(&s.ctx, me, &s.org.id, &top_up("50.00", "card"), None)
        .await
        .unwrap();
    assert_eq!(t.status, "requires_action");
    deliver(&s, &s.gateway.capture(&t.id, false)).await.unwrap();
    assert_eq!(prepaid(&s).await, chf(5000));

    // More than the credit: refused, nothing moves.
    assert_eq!(
        code(pay(&s, me, &by("prepaid")).await),
        "insufficient_prepaid"
    );
    let part = pay(
        &s,
        me,
        &PayInput {
            amount: Some("50.00".into()),
            ..by("prepaid")
        },
    )
    .await
    .unwrap();
    assert_eq!(part.status, "succeeded");
    assert_eq!(prepaid(&s).await, chf(0));
    assert_eq!(
        invoice_status(&s).await,
        ("partially_paid".into(), chf(5810))
    );
    // The rest by card: the amount defaults to what is still due.
    let rest = pay(&s, me, &by("card")).await.unwrap();
    assert_eq!(rest.amount, chf(5810));
    deliver(&s, &s.gateway.capture(&rest.id, false))
        .await
        .unwrap();
    assert_eq!(invoice_status(&s).await, ("paid".into(), chf(0)));

    // The history shows each movement.
    let view = payments::read::prepaid(
        &s.ctx,
        me,
        &s.org.id,
        Window {
            offset: 0,
            limit: 10,
        },
    )
    .await
    .unwrap();
    assert_eq!(view.balance, chf(0));
    let amounts: Vec<i64> = view.entries.iter().map(|e| e.amount.amount_minor).collect();
    assert_eq!(amounts, vec![-5000, 5000]);
}

both_engines!(top_ups_are_between_ten_cents_and_9999);
async fn top_ups_are_between_ten_cents_and_9999(app: Arc<TestApp>) {
    // proves: BIL-4
    let s = setup(&app, "dan@example.test").await;
    let me = &s.org.legal.actor;
    for (amount, ok) in [
        ("0.09", false),
        ("0.10", true),
        ("9999.00", true),
        ("9999.01", false),
    ] {
        let r = payments::pay::top_up(&s.ctx, me, &s.org.id, &top_up(amount, "card"), None).await;
        match r {
            Ok(p) => assert!(ok, "{amount} was taken: {p:?}"),
            Err(Error::Validation(f)) => {
                assert!(!ok, "{amount} refused: {f:?}");
                assert_eq!(f[0].code, "out_of_range");
                assert!(
                    f[0].description.contains("0.10 CHF")
                        && f[0].description.contains("9999.00 CHF"),
                    "the limits are in the message: {}",
                    f[0].description
                );
            }
            Err(e) => panic!("{amount}: {e:?}"),
        }
    }
    // PostFinance Card is for CHF; PayPal does not top up.
    assert_eq!(
        code(payments::pay::top_up(&s.ctx, me, &s.org.id, &top_up("20.00", "paypal"), None).await),
        "method_not_available"
    );
    // A transfer gets its own reference and the account to pay to.
    let t = payments::pay::top_up(
        &s.ctx,
        me,
        &s.org.id,
        &top_up("20.00", "bank_transfer"),
        None,
    )
    .await
    .unwrap();
    assert_eq!(t.status, "awaiting_transfer");
    let transfer = t.transfer.unwrap();
    let invoice = billing::invoices::staff_invoice(&s.ctx, Issuer::Operator, &s.invoice)
        .await
        .unwrap();
    assert_ne!(
        Some(transfer.reference.replace(' ', "")),
        invoice.reference.map(|r| r.replace(' ', ""))
    );
    assert_eq!(transfer.amount, chf(2000));
}

both_engines!(a_capture_the_invoice_no_longer_needs_goes_to_the_prepaid_account);
async fn a_capture_the_invoice_no_longer_needs_goes_to_the_prepaid_account(app: Arc<TestApp>) {
    // proves: BIL-4, BIL-7
    let s = setup(&app, "eve@example.test").await;
    let me = &s.org.legal.actor;
    let first = pay(&s, me, &by("card")).await.unwrap();
    // The provider says declined, the customer pays another way…
    deliver(&s, &s.gateway.decline(&first.id)).await.unwrap();
    let second = pay(&s, me, &by("twint")).await.unwrap();
    deliver(&s, &s.gateway.capture(&second.id, false))
        .await
        .unwrap();
    assert_eq!(invoice_status(&s).await.0, "paid");
    // …and then the first capture lands after all (out of order): booked,
    // never lost, to the prepaid account, and said on the payment.
    deliver(&s, &s.gateway.capture(&first.id, false))
        .await
        .unwrap();
    let late = payments::read::get_payment(&s.ctx, me, &s.org.id, &first.id)
        .await
        .unwrap();
    assert_eq!(late.status, "succeeded");
    assert_eq!(late.to_prepaid, chf(10810));
    assert_eq!(prepaid(&s).await, chf(10810));
    assert_eq!(invoice_status(&s).await, ("paid".into(), chf(0)));
}

both_engines!(refunds_go_back_the_way_the_money_came_never_beyond_it);
async fn refunds_go_back_the_way_the_money_came_never_beyond_it(app: Arc<TestApp>) {
    // proves: BIL-6, BIL-7
    let s = setup(&app, "fay@example.test").await;
    let me = &s.org.legal.actor;
    let p = pay(&s, me, &by("card")).await.unwrap();
    deliver(&s, &s.gateway.capture(&p.id, false)).await.unwrap();
    let reason = |r: &str| RefundInput {
        reason: r.into(),
        ..RefundInput::default()
    };
    // Crediting the invoice in full and sending the money back.
    let r = payments::refunds::refund(&s.ctx, Issuer::Operator, &p.id, &reason("Cancelled"), None)
        .await
        .unwrap();
    assert_eq!(
        (r.status.as_str(), r.destination.as_str()),
        ("succeeded", "gateway")
    );
    assert_eq!(r.amount, chf(10810));
    assert!(r.credit_note_id.is_some());
    assert_eq!(invoice_status(&s).await.0, "cancelled");
    assert_eq!(
        prepaid(&s).await,
        chf(0),
        "the credit went back to the card"
    );
    // Nothing more to refund.
    assert!(
        payments::refunds::refund(&s.ctx, Issuer::Operator, &p.id, &reason("Again"), None)
            .await
            .is_err()
    );

    // A top-up refunded in part, twice at once: one gets through.
    let t = payments::pay::top_up(&s.ctx, me, &s.org.id, &top_up("50.00", "card"), None)
        .await
        .unwrap();
    deliver(&s, &s.gateway.capture(&t.id, false)).await.unwrap();
    let thirty = RefundInput {
        amount: Some("30.00".into()),
        ..reason("Unused credit")
    };
    let (a, b) = tokio::join!(
        payments::refunds::refund(&s.ctx, Issuer::Operator, &t.id, &thirty, None),
        payments::refunds::refund(&s.ctx, Issuer::Operator, &t.id, &thirty, None),
    );
    assert_eq!(
        [&a, &b].iter().filter(|r| r.is_ok()).count(),
        1,
        "{a:?} {b:?}"
    );
    assert_eq!(prepaid(&s).await, chf(2000));

    // The gateway refuses a refund: the money is back on the prepaid
    // account, and may be refunded again.
    s.gateway.refuse_refunds(true);
    let twenty = RefundInput {
        amount: Some("20.00".into()),
        ..reason("Rest")
    };
    let failed = payments::refunds::refund(&s.ctx, Issuer::Operator, &t.id, &twenty, None)
        .await
        .unwrap();
    assert_eq!(failed.status, "failed");
    assert_eq!(prepaid(&s).await, chf(2000));
    s.gateway.refuse_refunds(false);
    let ok = payments::refunds::refund(&s.ctx, Issuer::Operator, &t.id, &twenty, None)
        .await
        .unwrap();
    assert_eq!(ok.status, "succeeded");
    assert_eq!(prepaid(&s).await, chf(0));
    // Beyond the payment: refused.
    assert!(
        payments::refunds::refund(&s.ctx, Issuer::Operator, &t.id, &twenty, None)
            .await
            .is_err()
    );
}

both_engines!(a_prepaid_payment_is_refunded_to_the_prepaid_account);
async fn a_prepaid_payment_is_refunded_to_the_prepaid_account(app: Arc<TestApp>) {
    // proves: BIL-6
    let s = setup(&app, "gus@example.test").await;
    let me = &s.org.legal.actor;
    let t = payments::pay::top_up(&s.ctx, me, &s.org.id, &top_up("200.00", "card"), None)
        .await
        .unwrap();
    deliver(&s, &s.gateway.capture(&t.id, false)).await.unwrap();
    let p = pay(&s, me, &by("prepaid")).await.unwrap();
    assert_eq!(prepaid(&s).await, chf(20000 - 10810));
    let r = payments::refunds::refund(
        &s.ctx,
        Issuer::Operator,
        &p.id,
        &RefundInput {
            reason: "Goodwill".into(),
            ..RefundInput::default()
        },
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        (r.destination.as_str(), r.status.as_str()),
        ("prepaid", "succeeded")
    );
    assert_eq!(prepaid(&s).await, chf(20000));
}

both_engines!(pay_requests_are_idempotent);
async fn pay_requests_are_idempotent(app: Arc<TestApp>) {
    // proves: BIL-3
    let s = setup(&app, "hal@example.test").await;
    let me = &s.org.legal.actor;
    let body = br#"{"method":"card"}"#;
    let key = |k: &str, b: &[u8]| Idempotency::new("user:hal", k, "pay", b).unwrap();
    let run = |idem: Idempotency| {
        let s = &s;
        async move {
            payments::pay::pay_invoice(&s.ctx, me, &s.org.id, &s.invoice, &by("card"), Some(&idem))
                .await
        }
    };
    // Two at once with one key: one payment, the other waits or is told.
    let (a, b) = tokio::join!(run(key("k1", body)), run(key("k1", body)));
    let ids: Vec<PaymentId> = [&a, &b]
        .iter()
        .filter_map(|r| r.as_ref().ok().map(|p| p.id.clone()))
        .collect();
    assert!(!ids.is_empty(), "{a:?} {b:?}");
    assert!(ids.windows(2).all(|w| w[0] == w[1]), "one payment: {ids:?}");
    for r in [&a, &b] {
        if let Err(e) = r {
            assert_eq!(e.code(), "idempotency_key_in_use", "{e:?}");
        }
    }
    // A replay answers the payment as it is now: on the gateway's page.
    // (The second of the two may have been answered while the first was
    // still with the gateway: then it saw it pending.)
    let first = [&a, &b]
        .into_iter()
        .filter_map(|r| r.as_ref().ok())
        .find(|p| p.status == "requires_action")
        .expect("the first reached the gateway");
    let again = run(key("k1", body)).await.unwrap();
    assert_eq!(again.id, ids[0]);
    assert_eq!(again.redirect_url, first.redirect_url);
    // The same key with another body: 422.
    assert_eq!(
        code(run(key("k1", br#"{"method":"twint"}"#)).await),
        "idempotency_key_reused"
    );
    let mut c = s.ctx.db.acquire().await.unwrap();
    assert_eq!(
        store::count_org_payments(c.conn(), &s.org.id)
            .await
            .unwrap(),
        1
    );
}

both_engines!(a_retry_while_the_gateway_is_called_answers_the_payment_made);
async fn a_retry_while_the_gateway_is_called_answers_the_payment_made(app: Arc<TestApp>) {
    // proves: BIL-3 // issue 12: a key is never held by a call under way (or cut short)
    let s = Arc::new(setup(&app, "ivy@example.test").await);
    let me = s.org.legal.actor.clone();
    let idem = Idempotency::new("user:ivy", "k1", "pay", br#"{"method":"card"}"#).unwrap();
    let held = s.gateway.hold_starts().await;
    let first = tokio::spawn({
        let (s, me, idem) = (s.clone(), me.clone(), idem.clone());
        async move {
            payments::pay::pay_invoice(&s.ctx, &me, &s.org.id, &s.invoice, &by("card"), Some(&idem))
                .await
        }
    });
    s.gateway.started().await;
    // The first is with the gateway: a retry answers its payment, still
    // pending, rather than "in use" (or, had the process died, forever so).
    let retry =
        payments::pay::pay_invoice(&s.ctx, &me, &s.org.id, &s.invoice, &by("card"), Some(&idem))
            .await
            .unwrap();
    assert_eq!(retry.status, "pending");
    assert_eq!(retry.redirect_url, None);
    drop(held);
    let first = first.await.unwrap().unwrap();
    assert_eq!(first.id, retry.id);
    assert_eq!(first.status, "requires_action");
    // Once answered, a retry answers the payment as it is now.
    let again =
        payments::pay::pay_invoice(&s.ctx, &me, &s.org.id, &s.invoice, &by("card"), Some(&idem))
            .await
            .unwrap();
    assert_eq!(
        (again.id, again.redirect_url),
        (first.id.clone(), first.redirect_url.clone())
    );
    deliver(&s, &s.gateway.capture(&first.id, false))
        .await
        .unwrap();
    let settled =
        payments::pay::pay_invoice(&s.ctx, &me, &s.org.id, &s.invoice, &by("card"), Some(&idem))
            .await
            .unwrap();
    assert_eq!(settled.status, "succeeded");
    let mut c = s.ctx.db.acquire().await.unwrap();
    assert_eq!(
        store::count_org_payments(c.conn(), &s.org.id)
            .await
            .unwrap(),
        1
    );
    drop(c);
    // OPS-5: the organisation's log says who started it, once, whatever
    // the retries.
    let filter = guichet_core::audit::Filter {
        action: Some("payment.".into()),
        ..Default::default()
    };
    let (events, total) = orgs::audit_log(&s.ctx, &me, &s.org.id, &filter, 0, 20)
        .await
        .unwrap();
    assert_eq!(total, 1, "{events:?}");
    assert_eq!(events[0].action, "payment.started");
    assert_eq!(events[0].actor_user_id, me.user_id);
    assert_eq!(events[0].target, format!("payment:{}", first.id));
    let after = events[0].after.clone().unwrap();
    assert_eq!(
        after["amount"],
        serde_json::json!({"amount": "108.10", "currency": "CHF"})
    );
    assert_eq!(after["method"], "card");
}

both_engines!(paying_needs_the_pay_right_and_another_org_is_invisible);
async fn paying_needs_the_pay_right_and_another_org_is_invisible(app: Arc<TestApp>) {
    // proves: BIL-3, ORG-2
    let s = setup(&app, "ida@example.test").await;
    let viewer = join(
        &app,
        &s.org,
        "viv@example.test",
        Role::User,
        &["billing:view"],
    )
    .await;
    assert_eq!(code(pay(&s, &viewer.actor, &by("card")).await), "forbidden");
    let payer = join(
        &app,
        &s.org,
        "pat@example.test",
        Role::User,
        &["billing:pay"],
    )
    .await;
    assert!(pay(&s, &payer.actor, &by("card")).await.is_ok());
    let stranger = org_made_by(&app, "sam@example.test").await;
    assert_eq!(
        code(pay(&s, &stranger.legal.actor, &by("card")).await),
        "object_not_found"
    );
}

both_engines!(stale_attempts_are_asked_about_and_release_their_invoice);
async fn stale_attempts_are_asked_about_and_release_their_invoice(app: Arc<TestApp>) {
    // proves: BIL-3
    let s = setup(&app, "jo@example.test").await;
    let me = &s.org.legal.actor;
    let abandoned = pay(&s, me, &by("card")).await.unwrap();
    app.advance(jiff::SignedDuration::from_mins(31));
    let sweep = payments::sweeps()
        .into_iter()
        .find(|w| w.name == "payments.expire")
        .unwrap();
    let report = (sweep.run)(&s.ctx).await.unwrap();
    assert_eq!(report.done, 1, "{report:?}");
    let v = payments::read::get_payment(&s.ctx, me, &s.org.id, &abandoned.id)
        .await
        .unwrap();
    assert_eq!(v.status, "cancelled");
    // The invoice is free again.
    let next = pay(&s, me, &by("card")).await.unwrap();
    assert_eq!(next.status, "requires_action");
}

both_engines!(chaos_payments_top_ups_refunds_and_notifications_at_once);
async fn chaos_payments_top_ups_refunds_and_notifications_at_once(app: Arc<TestApp>) {
    // proves: BIL-3, BIL-4, BIL-6, BIL-7
    // Several orgs, each with invoices; at once: payments by card and from
    // prepaid, double submits, top-ups, notifications delivered twice and
    // in reverse, and refunds. Then: `ledger verify` clean (the harness),
    // no invoice paid beyond its total, every captured cent on an invoice
    // or a prepaid account.
    let s = setup(&app, "kim@example.test").await;
    let me = s.org.legal.actor.clone();
    let mut invoices = vec![s.invoice.clone()];
    for i in 0..29 {
        invoices.push(invoice_of(&s.ctx, &s.org.id, &format!("{}.00", 10 + i % 10)).await);
    }
    // Credit to spend.
    let t = payments::pay::top_up(&s.ctx, &me, &s.org.id, &top_up("100.00", "card"), None)
        .await
        .unwrap();
    deliver(&s, &s.gateway.capture(&t.id, false)).await.unwrap();

    // Round 1: for every invoice, three card attempts, two prepaid
    // attempts and a top-up, all at once.
    let mut work = Vec::new();
    for inv in &invoices {
        for method in ["card", "card", "twint", "prepaid", "prepaid"] {
            let (ctx, me, org, inv) = (s.ctx.clone(), me.clone(), s.org.id.clone(), inv.clone());
            let input = PayInput {
                amount: (method == "prepaid").then(|| "5.00".into()),
                ..by(method)
            };
            work.push(tokio::spawn(async move {
                payments::pay::pay_invoice(&ctx, &me, &org, &inv, &input, None).await
            }));
        }
        let (ctx, me, org) = (s.ctx.clone(), me.clone(), s.org.id.clone());
        work.push(tokio::spawn(async move {
            payments::pay::top_up(&ctx, &me, &org, &top_up("10.00", "card"), None).await
        }));
    }
    let started: Vec<PaymentView> = join_all(work)
        .await
        .into_iter()
        .filter_map(|r| r.unwrap().ok())
        .collect();
    assert!(started.len() >= invoices.len(), "{}", started.len());

    // The provider captures every attempt in flight and tells us twice, in
    // reverse order, concurrently.
    let mut notes = Vec::new();
    for p in started.iter().filter(|p| p.status == "requires_action") {
        notes.push(s.gateway.capture(&p.id, false));
    }
    let mut all = notes.clone();
    all.extend(notes.into_iter().rev());
    let deliveries = all.into_iter().map(|n| {
        let ctx = s.ctx.clone();
        tokio::spawn(async move { settle::notification(&ctx, "scripted", Some(&n.0), &n.1).await })
    });
    for r in join_all(deliveries).await {
        r.unwrap().unwrap();
    }

    // Round 2: refunds of every captured card payment, twice at once.
    let mut refunds = Vec::new();
    for p in started
        .iter()
        .filter(|p| p.method == "card" && p.purpose == "top_up")
    {
        for _ in 0..2 {
            let (ctx, id) = (s.ctx.clone(), p.id.clone());
            refunds.push(tokio::spawn(async move {
                payments::refunds::refund(
                    &ctx,
                    Issuer::Operator,
                    &id,
                    &RefundInput {
                        reason: "Chaos".into(),
                        amount: Some("10.00".into()),
                        lines: None,
                    },
                    None,
                )
                .await
            }));
        }
    }
    let refunded = join_all(refunds)
        .await
        .into_iter()
        .filter(|r| r.as_ref().unwrap().is_ok())
        .count();
    assert!(refunded >= 1);

    // Every cent captured is on an invoice or a prepaid account.
    let mut c = s.ctx.db.acquire().await.unwrap();
    let captured: i64 = guichet_core::sql!(
        c.conn(),
        fetch_one scalar Option<i64>,
        "SELECT CAST(SUM(amount_minor) AS BIGINT) FROM payments WHERE status = 'succeeded' AND method <> 'prepaid'"
    )
    .unwrap()
    .unwrap_or(0);
    let to_invoices: i64 = guichet_core::sql!(
        c.conn(),
        fetch_one scalar Option<i64>,
        "SELECT CAST(SUM(amount_minor - to_prepaid_minor) AS BIGINT) FROM payments WHERE status = 'succeeded' AND purpose = 'invoice'"
    )
    .unwrap()
    .unwrap_or(0);
    let refunded_out: i64 = guichet_core::sql!(
        c.conn(),
        fetch_one scalar Option<i64>,
        "SELECT CAST(SUM(amount_minor) AS BIGINT) FROM refunds WHERE status <> 'failed' AND destination = 'gateway'"
    )
    .unwrap()
    .unwrap_or(0);
    let balance = ledger::prepaid_balance(c.conn(), &s.org.id, Currency::Chf)
        .await
        .unwrap()
        .amount_minor;
    let from_prepaid: i64 = guichet_core::sql!(
        c.conn(),
        fetch_one scalar Option<i64>,
        "SELECT CAST(SUM(amount_minor) AS BIGINT) FROM payments WHERE status = 'succeeded' AND method = 'prepaid'"
    )
    .unwrap()
    .unwrap_or(0);
    // Gateway money in = what invoices took from it + what sits on prepaid
    // + what prepaid paid on invoices + what went back.
    assert_eq!(
        captured,
        (to_invoices - from_prepaid) + balance + from_prepaid + refunded_out,
        "captured {captured}, to invoices {to_invoices}, prepaid {balance}, from prepaid {from_prepaid}, refunded {refunded_out}"
    );
    // No invoice paid twice: what invoices received never exceeds totals.
    for inv in &invoices {
        let v = billing::invoices::staff_invoice(&s.ctx, Issuer::Operator, inv)
            .await
            .unwrap();
        assert!(v.open.amount_minor >= 0, "{}: {:?}", inv, v.open);
    }
}
