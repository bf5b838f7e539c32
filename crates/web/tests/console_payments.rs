//! Paying in the console, in process on both engines (issue 12), against a
//! scripted gateway: an invoice paid by card goes to the gateway and comes
//! back paid once the gateway says so (never because the browser came
//! back); the prepaid account pays first and the card the rest; a form
//! sent twice makes one payment; a bank transfer shows where to send the
//! money; top-ups keep their limits; a member who may only look cannot
//! pay, and another organisation's invoice does not exist.

use std::{future::Future, sync::Arc};

use axum::http::{StatusCode, header};
use guichet_core::{
    billing::{self, InvoiceInput, InvoiceView, Issuer, LineInput, vat::VatClass},
    db::Engine,
    ids::{InvoiceId, OrgId, PaymentId},
    orgs::{self, Role, Window, address::AddressInput},
    payments::{PaymentView, read},
    staff::StaffRole,
    testing::{ScriptedGateway, TestApp},
};

use crate::{
    console_billing::{assert_status, hidden, staff_visit},
    console_support::{Visit, signed_in},
    orgs_support::{Caller, PASSWORD, add_member, caller},
    support::Answer,
};

/// Where the scripted gateway sends the customer (then its reference of
/// our payment, `sg_<payment id>`).
pub(crate) const GATEWAY_PAGE: &str = "https://gateway.test/pay/sg_";

/// Run `test` on `engine` with the scripted gateway as the active one,
/// then check the invariants (as `both_engines!` does).
pub(crate) async fn run<F, Fut>(engine: Engine, test: F)
where
    F: FnOnce(Arc<TestApp>, Arc<ScriptedGateway>) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(mut app) = TestApp::new(engine).await else {
        return;
    };
    let scripted = ScriptedGateway::new();
    app.ctx = scripted.install(&app.ctx);
    let app = Arc::new(app);
    test(app.clone(), scripted).await;
    app.check_invariants().await;
}

/// `both_engines!` with the scripted gateway.
macro_rules! with_gateway {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::run(guichet_core::db::Engine::Sqlite, super::$name).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::run(guichet_core::db::Engine::Postgres, super::$name).await
            }
        }
    )+};
}
pub(crate) use with_gateway;

/// A customer whose personal organisation bills in francs (a Swiss
/// address): their id and the organisation.
pub(crate) async fn customer(app: &TestApp, email: &str) -> (Caller, OrgId) {
    let c = caller(app, email).await;
    let mut conn = app.ctx.db.acquire().await.unwrap();
    let org = orgs::store::orgs_of_user(conn.conn(), &c.id)
        .await
        .unwrap()
        .remove(0)
        .0
        .id;
    drop(conn);
    orgs::save_address(
        &app.ctx,
        &c.actor,
        &org,
        None,
        &AddressInput {
            name: "Ada Lovelace".into(),
            street: "Rue du Lac".into(),
            building_number: "12".into(),
            postcode: "1204".into(),
            town: "Genève".into(),
            country: "CH".into(),
        },
        true,
    )
    .await
    .unwrap();
    (c, org)
}

/// An invoice issued by the back office: `price` plus 8.1 % VAT.
async fn issued(app: &TestApp, org: &OrgId, price: &str) -> InvoiceView {
    let input = InvoiceInput {
        billing_address_id: None,
        lines: vec![LineInput {
            description: "Web hosting Pro".into(),
            quantity: 1,
            unit_price: price.into(),
            vat_class: VatClass::Standard,
            period: None,
        }],
    };
    billing::invoices::create_and_issue(&app.ctx, Issuer::Operator, org, &input)
        .await
        .unwrap()
}

async fn invoice_status(app: &TestApp, org: &OrgId, id: &InvoiceId) -> String {
    billing::invoices::staff_invoices(
        &app.ctx,
        Issuer::Operator,
        org,
        Window {
            offset: 0,
            limit: 100,
        },
    )
    .await
    .unwrap()
    .items
    .into_iter()
    .find(|i| i.id == *id)
    .unwrap()
    .status
}

/// The org's payments, oldest first, as its owner reads them.
async fn payments_of(app: &TestApp, owner: &Caller, org: &OrgId) -> Vec<PaymentView> {
    let mut all = read::list_payments(
        &app.ctx,
        &owner.actor,
        org,
        Window {
            offset: 0,
            limit: 100,
        },
    )
    .await
    .unwrap()
    .items;
    all.reverse();
    all
}

/// The payment a redirect to the gateway's page is for.
fn sent_to_gateway(res: &Answer) -> PaymentId {
    assert_status(res, StatusCode::SEE_OTHER);
    let to = res.header(header::LOCATION);
    let id = to
        .strip_prefix(GATEWAY_PAGE)
        .unwrap_or_else(|| panic!("not the gateway's page: {to}"));
    PaymentId::parse(id).unwrap_or_else(|| panic!("not a payment id: {id}"))
}

/// Open the invoice's page and send its pay form with `fields`.
async fn pay(v: &mut Visit, org: &OrgId, invoice: &InvoiceId, fields: &[(&str, &str)]) -> Answer {
    let html = v
        .get(&format!("/orgs/{org}/invoices/{invoice}"))
        .await
        .text();
    let key = hidden(&html, "key");
    let mut all = vec![("key", key.as_str())];
    all.extend_from_slice(fields);
    v.post(&format!("/orgs/{org}/invoices/{invoice}/pay"), &all)
        .await
}

with_gateway!(a_card_payment_goes_to_the_gateway_and_is_paid_when_the_gateway_says_so);
async fn a_card_payment_goes_to_the_gateway_and_is_paid_when_the_gateway_says_so(
    app: Arc<TestApp>,
    gateway: Arc<ScriptedGateway>,
) {
    // proves: BIL-3
    let (_, org) = customer(&app, "ada@example.test").await;
    let invoice = issued(&app, &org, "100.00").await;
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;

    // The invoice offers to pay what is due, card first; PostFinance and
    // Twint are there for an account in francs.
    let html = v
        .get(&format!("/orgs/{org}/invoices/{}", invoice.id))
        .await
        .text();
    assert!(html.contains(r#"data-testid="pay-box""#), "{html}");
    assert!(html.contains("CHF\u{a0}108.10"), "{html}");
    for method in ["card", "postfinance", "paypal", "twint", "bank_transfer"] {
        assert!(
            html.contains(&format!(r#"data-testid="pay-method-{method}""#)),
            "{method}: {html}"
        );
    }
    // No prepaid credit: no offer to use it.
    assert!(!html.contains(r#"data-testid="pay-use-prepaid""#), "{html}");

    let res = pay(&mut v, &org, &invoice.id, &[("method", "card")]).await;
    let payment = sent_to_gateway(&res);

    // Back from the gateway before it confirmed: waiting, not paid, a way
    // to look again.
    gateway.processing(&payment);
    let res = v
        .get(&format!("/orgs/{org}/payments/{payment}/return"))
        .await;
    assert_status(&res, StatusCode::OK);
    let html = res.text();
    assert!(html.contains(r#"data-status="processing""#), "{html}");
    assert!(
        html.contains("We are waiting for the payment service"),
        "{html}"
    );
    assert!(html.contains(r#"data-testid="payment-reload""#), "{html}");
    // Nothing for the customer to do: the page looks again by itself,
    // through the return address that asks the gateway.
    assert_eq!(
        res.header("refresh"),
        format!("4; url=/orgs/{org}/payments/{payment}/return")
    );
    assert!(
        html.contains(r#"data-testid="payment-rechecking""#),
        "{html}"
    );
    assert_eq!(invoice_status(&app, &org, &invoice.id).await, "issued");

    // The gateway says it succeeded: the page says so, the invoice is paid.
    gateway.capture(&payment, false);
    let res = v
        .get(&format!("/orgs/{org}/payments/{payment}/return"))
        .await;
    // Decided: the page stays put.
    assert_eq!(res.header("refresh"), "");
    let html = res.text();
    assert!(html.contains(r#"data-status="succeeded""#), "{html}");
    assert!(
        html.contains(r#"data-testid="payment-invoice-paid""#),
        "{html}"
    );
    assert_eq!(invoice_status(&app, &org, &invoice.id).await, "paid");
    // Paid: the invoice no longer offers to pay.
    let html = v
        .get(&format!("/orgs/{org}/invoices/{}", invoice.id))
        .await
        .text();
    assert!(!html.contains(r#"data-testid="pay-box""#), "{html}");
    // The list shows it, with its invoice.
    let html = v.get(&format!("/orgs/{org}/payments")).await.text();
    assert_eq!(html.matches(r#"data-testid="payment-row""#).count(), 1);
    assert!(html.contains(invoice.number.as_deref().unwrap()), "{html}");

    // A refused card says why, in words.
    let second = issued(&app, &org, "10.00").await;
    let res = pay(&mut v, &org, &second.id, &[("method", "card")]).await;
    let payment = sent_to_gateway(&res);
    gateway.decline(&payment);
    let html = v
        .get(&format!("/orgs/{org}/payments/{payment}/return"))
        .await
        .text();
    assert!(html.contains(r#"data-status="failed""#), "{html}");
    assert!(html.contains("the card was declined"), "{html}");
    assert_eq!(invoice_status(&app, &org, &second.id).await, "issued");

    // OPS-5: the audit log's Payments group says who started each, for
    // what, how, in words.
    let html = v
        .get(&format!("/orgs/{org}/audit?action=payment."))
        .await
        .text();
    assert_eq!(html.matches("Payment started").count(), 2, "{html}");
    assert!(html.contains("Payment of CHF\u{a0}108.10"), "{html}");
    assert!(html.contains("Card (Visa, Mastercard…)"), "{html}");
    assert!(html.contains("Invoice payment"), "{html}");
    assert!(html.contains(invoice.number.as_deref().unwrap()), "{html}");
}

with_gateway!(the_prepaid_credit_pays_first_and_the_card_the_rest);
async fn the_prepaid_credit_pays_first_and_the_card_the_rest(
    app: Arc<TestApp>,
    gateway: Arc<ScriptedGateway>,
) {
    // proves: BIL-4
    let (ada, org) = customer(&app, "ada@example.test").await;
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;

    // 30.00 on the prepaid account, topped up by card.
    let html = v.get(&format!("/orgs/{org}/prepaid")).await.text();
    let key = hidden(&html, "key");
    let res = v
        .post(
            &format!("/orgs/{org}/prepaid"),
            &[("key", &key), ("amount", "30.00"), ("method", "card")],
        )
        .await;
    let top_up = sent_to_gateway(&res);
    gateway.capture(&top_up, false);
    v.get(&format!("/orgs/{org}/payments/{top_up}/return"))
        .await;
    let html = v.get(&format!("/orgs/{org}/prepaid")).await.text();
    assert!(html.contains("CHF\u{a0}30.00"), "{html}");
    assert_eq!(html.matches(r#"data-testid="prepaid-entry""#).count(), 1);

    // 108.10 due: 30.00 from the account, 78.10 by card.
    let invoice = issued(&app, &org, "100.00").await;
    let html = v
        .get(&format!("/orgs/{org}/invoices/{}", invoice.id))
        .await
        .text();
    assert!(html.contains(r#"data-testid="pay-use-prepaid""#), "{html}");
    let res = pay(
        &mut v,
        &org,
        &invoice.id,
        &[("method", "card"), ("use_prepaid", "1")],
    )
    .await;
    let card = sent_to_gateway(&res);
    let made = payments_of(&app, &ada, &org).await;
    let amounts: Vec<(String, i64, String)> = made
        .iter()
        .map(|p| (p.method.clone(), p.amount.amount_minor, p.status.clone()))
        .collect();
    assert_eq!(
        amounts,
        [
            ("card".into(), 3000, "succeeded".into()),
            ("prepaid".into(), 3000, "succeeded".into()),
            ("card".into(), 7810, "requires_action".into()),
        ]
    );
    assert_eq!(made[2].id, card);
    assert_eq!(
        invoice_status(&app, &org, &invoice.id).await,
        "partially_paid"
    );

    gateway.capture(&card, false);
    v.get(&format!("/orgs/{org}/payments/{card}/return")).await;
    assert_eq!(invoice_status(&app, &org, &invoice.id).await, "paid");
    let html = v.get(&format!("/orgs/{org}/prepaid")).await.text();
    assert!(html.contains("CHF\u{a0}0.00"), "{html}");
    assert!(html.contains("Invoice paid from the account"), "{html}");
}

with_gateway!(a_pay_form_sent_twice_makes_one_payment);
async fn a_pay_form_sent_twice_makes_one_payment(
    app: Arc<TestApp>,
    _gateway: Arc<ScriptedGateway>,
) {
    // proves: BIL-3
    let (ada, org) = customer(&app, "ada@example.test").await;
    let invoice = issued(&app, &org, "100.00").await;
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;
    let html = v
        .get(&format!("/orgs/{org}/invoices/{}", invoice.id))
        .await
        .text();
    let key = hidden(&html, "key");
    let path = format!("/orgs/{org}/invoices/{}/pay", invoice.id);
    let fields = [("key", key.as_str()), ("method", "card")];
    let first = sent_to_gateway(&v.post(&path, &fields).await);
    let again = sent_to_gateway(&v.post(&path, &fields).await);
    assert_eq!(first, again, "the second answer is the first's");
    assert_eq!(payments_of(&app, &ada, &org).await.len(), 1);

    // Another form (another tab) while that one is at the gateway: refused
    // in plain words, nothing made.
    let res = pay(&mut v, &org, &invoice.id, &[("method", "card")]).await;
    assert_status(&res, StatusCode::CONFLICT);
    assert!(
        res.text()
            .contains("A payment for this invoice is still in progress"),
        "{}",
        res.text()
    );
    assert_eq!(payments_of(&app, &ada, &org).await.len(), 1);
}

with_gateway!(a_bank_transfer_shows_the_iban_the_reference_and_the_qr_bill);
async fn a_bank_transfer_shows_the_iban_the_reference_and_the_qr_bill(
    app: Arc<TestApp>,
    _gateway: Arc<ScriptedGateway>,
) {
    // proves: BIL-3
    let (_, org) = customer(&app, "ada@example.test").await;
    let invoice = issued(&app, &org, "100.00").await;
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;
    let res = pay(&mut v, &org, &invoice.id, &[("method", "bank_transfer")]).await;
    assert_status(&res, StatusCode::SEE_OTHER);
    let to = res.header(header::LOCATION).to_string();
    assert!(to.starts_with(&format!("/orgs/{org}/payments/pay")), "{to}");
    let html = v.get(&to).await.text();
    assert!(
        html.contains(r#"data-status="awaiting_transfer""#),
        "{html}"
    );
    let printed = billing::reference::Reference::parse_any(invoice.reference.as_deref().unwrap())
        .unwrap()
        .printed();
    assert!(html.contains(&printed), "{printed}: {html}");
    let iban_text = html
        .split(r#"data-testid="transfer-iban">"#)
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_default();
    assert!(iban_text.len() >= 15, "an IBAN: {html}");
    assert!(html.contains("CHF\u{a0}108.10"), "{html}");
    assert!(
        html.contains(&format!("/orgs/{org}/invoices/{}/pdf", invoice.id)),
        "{html}"
    );
}

with_gateway!(top_ups_keep_their_limits_through_the_form);
async fn top_ups_keep_their_limits_through_the_form(
    app: Arc<TestApp>,
    _gateway: Arc<ScriptedGateway>,
) {
    // proves: BIL-4
    let (ada, org) = customer(&app, "ada@example.test").await;
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;
    let html = v.get(&format!("/orgs/{org}/prepaid")).await.text();
    assert!(
        html.contains("Between CHF\u{a0}0.10 and CHF\u{a0}9,999.00."),
        "{html}"
    );
    for (amount, method, ok) in [
        ("0.09", "card", false),
        ("0.10", "card", true),
        ("9999.00", "bank_transfer", true),
        ("9999.01", "bank_transfer", false),
    ] {
        let html = v.get(&format!("/orgs/{org}/prepaid")).await.text();
        let key = hidden(&html, "key");
        let res = v
            .post(
                &format!("/orgs/{org}/prepaid"),
                &[("key", &key), ("amount", amount), ("method", method)],
            )
            .await;
        if ok {
            assert_status(&res, StatusCode::SEE_OTHER);
        } else {
            assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
            let html = res.text();
            assert!(html.contains(r#"data-testid="amount-error""#), "{html}");
            assert!(
                html.contains("A top-up is between CHF\u{a0}0.10 and CHF\u{a0}9,999.00."),
                "{html}"
            );
            // What was typed stays in the field.
            assert!(html.contains(&format!(r#"value="{amount}""#)), "{html}");
        }
    }
    let made: Vec<i64> = payments_of(&app, &ada, &org)
        .await
        .iter()
        .map(|p| p.amount.amount_minor)
        .collect();
    assert_eq!(made, [10, 999_900]);
}

with_gateway!(who_may_only_look_cannot_pay_and_others_invoices_do_not_exist);
async fn who_may_only_look_cannot_pay_and_others_invoices_do_not_exist(
    app: Arc<TestApp>,
    _gateway: Arc<ScriptedGateway>,
) {
    // proves: BIL-3, ORG-3
    let (ada, org) = customer(&app, "ada@example.test").await;
    let invoice = issued(&app, &org, "100.00").await;
    let bob = caller(&app, "bob@example.test").await;
    add_member(
        &app,
        org.as_str(),
        bob.id.as_str(),
        Role::User,
        &["billing:view"],
    )
    .await;

    let mut v = signed_in(&app, "bob@example.test", PASSWORD).await;
    let res = v.get(&format!("/orgs/{org}/invoices/{}", invoice.id)).await;
    assert_status(&res, StatusCode::OK);
    assert!(
        !res.text().contains(r#"data-testid="pay-box""#),
        "{}",
        res.text()
    );
    let res = v
        .post(
            &format!("/orgs/{org}/invoices/{}/pay", invoice.id),
            &[("key", "bobs-own-key"), ("method", "card")],
        )
        .await;
    assert_status(&res, StatusCode::FORBIDDEN);
    let res = v
        .post(
            &format!("/orgs/{org}/prepaid"),
            &[
                ("key", "bobs-other-key"),
                ("amount", "10.00"),
                ("method", "card"),
            ],
        )
        .await;
    assert_status(&res, StatusCode::FORBIDDEN);
    // The prepaid page has no top-up form for him.
    let html = v.get(&format!("/orgs/{org}/prepaid")).await.text();
    assert!(!html.contains(r#"data-testid="top-up-form""#), "{html}");
    assert!(payments_of(&app, &ada, &org).await.is_empty());

    // Carol's invoice, asked for under Ada's organisation or her own: 404.
    let (_, carols) = customer(&app, "carol@example.test").await;
    let hers = issued(&app, &carols, "50.00").await;
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;
    for path in [
        format!("/orgs/{org}/invoices/{}/pay", hers.id),
        format!("/orgs/{carols}/invoices/{}/pay", hers.id),
    ] {
        let res = v.get(&path).await;
        assert_status(&res, StatusCode::NOT_FOUND);
        let res = v.post(&path, &[("key", "k"), ("method", "card")]).await;
        assert_status(&res, StatusCode::NOT_FOUND);
    }
}

with_gateway!(staff_refund_a_payment_from_its_back_office_page);
async fn staff_refund_a_payment_from_its_back_office_page(
    app: Arc<TestApp>,
    gateway: Arc<ScriptedGateway>,
) {
    // proves: BIL-6 // issue 12: the back office's refunds, by role
    let (_, org) = customer(&app, "ada@example.test").await;
    let invoice = issued(&app, &org, "100.00").await;
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;
    let payment = sent_to_gateway(&pay(&mut v, &org, &invoice.id, &[("method", "card")]).await);
    gateway.capture(&payment, false);
    v.get(&format!("/orgs/{org}/payments/{payment}/return"))
        .await;
    assert_eq!(invoice_status(&app, &org, &invoice.id).await, "paid");
    let page = format!("/staff/payments/{payment}");

    // Support reads no billing: no payments on the summary, no page.
    let mut support = staff_visit(&app, "sam@provider.test", &[StaffRole::Support]).await;
    let html = support.get(&format!("/staff/orgs/{org}")).await.text();
    assert!(!html.contains(r#"data-testid="staff-payments""#), "{html}");
    assert_status(&support.get(&page).await, StatusCode::FORBIDDEN);

    // Fraud reads the payment, from the org and the invoice, but may not
    // refund it.
    let mut fraud = staff_visit(&app, "fred@provider.test", &[StaffRole::Fraud]).await;
    let html = fraud.get(&format!("/staff/orgs/{org}")).await.text();
    assert!(html.contains(&format!(r#"href="{page}""#)), "{html}");
    let html = fraud
        .get(&format!("/staff/invoices/{}", invoice.id))
        .await
        .text();
    assert!(html.contains(&format!(r#"href="{page}""#)), "{html}");
    let html = fraud.get(&page).await.text();
    assert!(html.contains(r#"data-status="succeeded""#), "{html}");
    assert!(html.contains(r#"data-testid="staff-no-refunds""#), "{html}");
    assert!(!html.contains(r#"data-testid="refund-form""#), "{html}");
    let res = fraud
        .post(
            &format!("{page}/refunds"),
            &[("key", "k1"), ("reason", "x"), ("how", "credit")],
        )
        .await;
    assert_status(&res, StatusCode::FORBIDDEN);
    // An unknown payment is not found, a malformed id too.
    assert_status(
        &fraud
            .get("/staff/payments/pay_00000000000000000000000000")
            .await,
        StatusCode::NOT_FOUND,
    );
    assert_status(
        &fraud.get("/staff/payments/nope").await,
        StatusCode::NOT_FOUND,
    );

    // Billing refunds. Without a reason: refused by its field, nothing
    // moves.
    let mut billing_staff = staff_visit(&app, "bill@provider.test", &[StaffRole::Billing]).await;
    let html = billing_staff.get(&page).await.text();
    assert!(html.contains(r#"data-testid="refund-form""#), "{html}");
    let key = hidden(&html, "key");
    let res = billing_staff
        .post(
            &format!("{page}/refunds"),
            &[("key", key.as_str()), ("reason", ""), ("how", "credit")],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text().contains(r#"id="reason-error""#),
        "{}",
        res.text()
    );
    // The payment brought no prepaid credit: an amount of it is refused
    // by the amount field.
    let res = billing_staff
        .post(
            &format!("{page}/refunds"),
            &[
                ("key", key.as_str()),
                ("reason", "Goodwill"),
                ("how", "prepaid"),
                ("amount", "5.00"),
            ],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text().contains(r#"id="amount-error""#),
        "{}",
        res.text()
    );
    assert_eq!(invoice_status(&app, &org, &invoice.id).await, "paid");

    // Credit what remains, refund what it frees; the same form sent
    // twice refunds once.
    let html = billing_staff.get(&page).await.text();
    let key = hidden(&html, "key");
    let form = [
        ("key", key.as_str()),
        ("reason", "Ordered by mistake"),
        ("how", "credit"),
    ];
    for _ in 0..2 {
        let res = billing_staff.post(&format!("{page}/refunds"), &form).await;
        assert_status(&res, StatusCode::SEE_OTHER);
        assert_eq!(
            res.header(header::LOCATION),
            format!("{page}?saved=refunded")
        );
    }
    let html = billing_staff
        .get(&format!("{page}?saved=refunded"))
        .await
        .text();
    assert!(html.contains("The refund has been made."), "{html}");
    assert_eq!(html.matches(r#"data-testid="staff-refund""#).count(), 1);
    assert!(html.contains("CHF\u{a0}108.10 refunded"), "{html}");
    assert_eq!(invoice_status(&app, &org, &invoice.id).await, "cancelled");
    // All of it went back: no form; a second refund sent anyway is
    // refused in words.
    assert!(!html.contains(r#"data-testid="refund-form""#), "{html}");
    let res = billing_staff
        .post(
            &format!("{page}/refunds"),
            &[("key", "k-again"), ("reason", "Again"), ("how", "credit")],
        )
        .await;
    assert_status(&res, StatusCode::CONFLICT);
    assert!(
        res.text()
            .contains("Everything on this invoice is credited already"),
        "{}",
        res.text()
    );
}
