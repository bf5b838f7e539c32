//! Orders and products (issue 13): a cart priced from the catalogue and
//! invoiced, paid through the (scripted) gateway, its products made once
//! however often the payment is told, each announced by a signed webhook
//! in its product's order — on SQLite and on PostgreSQL, with `ledger
//! verify` after every test (the harness).

use std::{sync::Arc, time::Duration};

use futures::future::join_all;
use guichet_core::{
    Ctx, Error, both_engines,
    catalog::{
        ProductKind,
        orders::{self, ItemInput, OrderInput, OrderView},
        products::{self, ProductQuery},
    },
    ids::PaymentId,
    money::{Currency, Money},
    orgs::{self, Window, address::AddressInput},
    outbox::{self, EventPayload},
    payments::{PayInput, settle},
    testing::{ScriptedGateway, TestApp},
};

use crate::{
    orgs_support::{Org, join, org_made_by},
    support::{Receiver, endpoint, reconfigure},
};

const SECRET: &str = "whsec_orders";

/// An org with a Swiss address; a context with the scripted gateway and
/// a webhook receiver for every product event.
pub(crate) struct Shop {
    pub ctx: Ctx,
    pub gateway: Arc<ScriptedGateway>,
    pub org: Org,
    pub receiver: Receiver,
}

pub(crate) async fn shop(app: &TestApp, email: &str, fail_first: usize) -> Shop {
    let receiver = Receiver::start(fail_first, Duration::ZERO).await;
    let url = receiver.url.clone();
    let ctx = reconfigure(app, |c| {
        c.webhooks = vec![endpoint("provisioning", &url, SECRET)];
    });
    let gateway = ScriptedGateway::new();
    let ctx = gateway.install(&ctx);
    let org = org_made_by(app, email).await;
    orgs::save_address(
        &ctx,
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
    Shop {
        ctx,
        gateway,
        org,
        receiver,
    }
}

pub(crate) fn item(plan: &str, months: u32) -> ItemInput {
    ItemInput {
        plan_id: plan.into(),
        months,
        quantity: None,
        storage_gb: None,
        domain: None,
    }
}

fn cart() -> Vec<ItemInput> {
    vec![
        item("hosting-start", 12),
        ItemInput {
            domain: Some("Bücher.ch".into()),
            ..item("domain-ch", 24)
        },
        ItemInput {
            quantity: Some(5),
            ..item("mail-pro", 12)
        },
        ItemInput {
            quantity: Some(3),
            storage_gb: Some(300),
            ..item("suite-business", 12)
        },
        item("premium-support", 12),
    ]
}

pub(crate) fn card(save: bool) -> PayInput {
    PayInput {
        method: "card".into(),
        save_method: save,
        ..PayInput::default()
    }
}

pub(crate) fn payment_of(placed: &orders::PlacedOrder) -> PaymentId {
    placed
        .payment
        .as_ref()
        .expect("a payment started")
        .id
        .clone()
}

async fn order(s: &Shop, id: &guichet_core::ids::OrderId) -> OrderView {
    orders::get_order(&s.ctx, &s.org.legal.actor, &s.org.id, id)
        .await
        .unwrap()
}

pub(crate) fn events(s: &Shop) -> Vec<EventPayload> {
    s.receiver
        .hits()
        .iter()
        .map(|h| {
            let body = std::str::from_utf8(&h.body).unwrap();
            let now = jiff::Timestamp::now().as_second();
            assert!(
                outbox::webhook::verify(
                    SECRET.as_bytes(),
                    h.header("guichet-signature"),
                    body,
                    now,
                    // The harness's clock is fixed in the past.
                    i64::MAX / 2
                ),
                "a signed event"
            );
            serde_json::from_str(body).unwrap()
        })
        .collect()
}

both_engines!(an_order_paid_by_card_makes_its_products_and_tells_the_provider);
async fn an_order_paid_by_card_makes_its_products_and_tells_the_provider(app: Arc<TestApp>) {
    // proves: CAT-1, CAT-2, CAT-3, CAT-5, SUI-1, REN-1
    let s = shop(&app, "ada@example.test", 0).await;
    let placed = orders::place(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &OrderInput {
            items: cart(),
            billing_address_id: None,
            payment: Some(card(true)),
        },
        None,
    )
    .await
    .unwrap();
    let o = &placed.order;
    assert_eq!(o.status, "pending");
    assert!(o.products.is_empty(), "nothing before the money");
    // Priced from the catalogue, per item, and invoiced with VAT.
    let catalogue = s.ctx.catalog.current();
    let chf = Currency::Chf;
    let price = |plan: &str, months, qty, storage| {
        catalogue
            .plan(plan)
            .unwrap()
            .price(months, chf, qty, storage, true)
            .unwrap()
    };
    let expected = [
        price("hosting-start", 12, 1, None),
        price("domain-ch", 24, 1, None),
        price("mail-pro", 12, 5, None),
        price("suite-business", 12, 3, Some(300)),
        price("premium-support", 12, 1, None),
    ];
    for (item, net) in o.items.iter().zip(expected) {
        assert_eq!(item.net, net, "{}", item.plan_id);
    }
    let sum = expected
        .iter()
        .try_fold(Money::zero(chf), |a, b| a.checked_add(*b))
        .unwrap();
    assert_eq!(o.net, sum);
    assert_eq!(o.total, o.net.checked_add(o.vat).unwrap());
    assert!(o.vat.amount_minor > 0, "Swiss VAT on a Swiss address");
    // The IDN is kept in Unicode and in ASCII.
    assert_eq!(o.items[1].domain.as_deref(), Some("bücher.ch"));
    assert_eq!(o.items[1].domain_ascii.as_deref(), Some("xn--bcher-kva.ch"));

    // The gateway captures; the notification arrives twice: one set of
    // products.
    let n = s.gateway.capture(&payment_of(&placed), true);
    settle::notification(&s.ctx, "scripted", Some(&n.0), &n.1)
        .await
        .unwrap();
    settle::notification(&s.ctx, "scripted", Some(&n.0), &n.1)
        .await
        .unwrap();
    let o = order(&s, &o.id).await;
    assert_eq!(o.status, "paid");
    assert_eq!(o.products.len(), 5, "one product per item");
    let all = products::list_products(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &ProductQuery::default(),
        Window {
            offset: 0,
            limit: 50,
        },
    )
    .await
    .unwrap();
    // The suite contains mail, drive and chat (SUI-3).
    assert_eq!(all.total, 8);
    let suite = all
        .items
        .iter()
        .find(|p| p.kind == ProductKind::Suite)
        .unwrap();
    let inside: Vec<_> = all
        .items
        .iter()
        .filter(|p| p.parent_id.as_deref() == Some(suite.id.as_str()))
        .map(|p| p.kind)
        .collect();
    assert_eq!(inside.len(), 3, "{inside:?}");
    assert_eq!(suite.quantity, 3);
    assert_eq!(suite.storage_gb, Some(300));
    let today = s.ctx.today();
    for p in all.items.iter().filter(|p| p.parent_id.is_none()) {
        assert_eq!(p.status, "active");
        assert_eq!(p.starts_on.as_deref(), Some(today.to_string().as_str()));
        // Card stored: auto-renewal on, with that card (REN-1).
        assert!(p.auto_renew, "{}", p.plan_id);
        assert!(p.payment_method_id.is_some());
    }
    let domain = all
        .items
        .iter()
        .find(|p| p.kind == ProductKind::Domain)
        .unwrap();
    let two_years = today
        .checked_add(jiff::ToSpan::months(24))
        .unwrap()
        .yesterday()
        .unwrap();
    assert_eq!(
        domain.expires_on.as_deref(),
        Some(two_years.to_string().as_str())
    );
    assert_eq!(domain.name, "bücher.ch");
    let support = all
        .items
        .iter()
        .find(|p| p.kind == ProductKind::PremiumSupport)
        .unwrap();
    let vip = support.vip_code.as_deref().unwrap();
    assert!(vip.starts_with("VIP-") && vip.len() == 13, "{vip}");

    // Each product told once, signed, number 1 of its sequence.
    outbox::deliver::deliver_due(&s.ctx).await.unwrap();
    let got = events(&s);
    assert_eq!(got.len(), 8, "{got:#?}");
    for e in &got {
        assert_eq!(e.event_type, "product.created");
        assert_eq!(e.data["sequence"], 1);
    }
    let mut told: Vec<&str> = got
        .iter()
        .map(|e| e.data["product"]["id"].as_str().unwrap())
        .collect();
    told.sort_unstable();
    told.dedup();
    assert_eq!(told.len(), 8, "every product once");
}

both_engines!(notifications_and_returns_at_once_make_the_products_once);
async fn notifications_and_returns_at_once_make_the_products_once(app: Arc<TestApp>) {
    // proves: CAT-2 // an order paid twice by two tabs creates its products once
    let s = shop(&app, "bob@example.test", 0).await;
    let placed = orders::place(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &OrderInput {
            items: vec![item("hosting-start", 12), item("premium-support", 1)],
            billing_address_id: None,
            payment: Some(card(false)),
        },
        None,
    )
    .await
    .unwrap();
    let id = payment_of(&placed);
    let n = s.gateway.capture(&id, false);
    // Two tabs come back and the gateway notifies twice, all at once.
    let runs = (0..4).map(|i| {
        let ctx = s.ctx.clone();
        let n = n.clone();
        let actor = s.org.legal.actor.clone();
        let org = s.org.id.clone();
        let id = id.clone();
        async move {
            if i % 2 == 0 {
                settle::notification(&ctx, "scripted", Some(&n.0), &n.1)
                    .await
                    .map(|_| ())
            } else {
                settle::sync(&ctx, &actor, &org, &id).await.map(|_| ())
            }
        }
    });
    for r in join_all(runs).await {
        r.unwrap();
    }
    let o = order(&s, &placed.order.id).await;
    assert_eq!(o.status, "paid");
    assert_eq!(o.products.len(), 2);
    // No stored card: nothing to renew with, auto-renewal stays off.
    assert!(o.products.iter().all(|p| !p.auto_renew));
}

both_engines!(a_cart_with_mistakes_is_refused_item_by_item_and_nothing_is_invoiced);
async fn a_cart_with_mistakes_is_refused_item_by_item_and_nothing_is_invoiced(app: Arc<TestApp>) {
    // proves: CAT-1, CAT-2
    let s = shop(&app, "cleo@example.test", 0).await;
    let bad = vec![
        item("no-such-plan", 12),
        item("hosting-start", 7),
        ItemInput {
            domain: Some("-bad-.ch".into()),
            ..item("domain-ch", 12)
        },
        ItemInput {
            domain: Some("example.com".into()),
            ..item("domain-ch", 12)
        },
        item("domain-ch", 12),
        ItemInput {
            quantity: Some(0),
            ..item("mail-pro", 12)
        },
        ItemInput {
            quantity: Some(2),
            storage_gb: Some(150),
            ..item("suite-business", 12)
        },
    ];
    let err = orders::place(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &OrderInput {
            items: bad,
            billing_address_id: None,
            payment: None,
        },
        None,
    )
    .await
    .unwrap_err();
    let Error::Validation(fields) = err else {
        panic!("{err:?}")
    };
    let got: Vec<(String, String)> = fields
        .iter()
        .map(|f| (f.attribute.clone(), f.code.to_string()))
        .collect();
    let want: Vec<(String, String)> = [
        ("items[0].plan_id", "unknown_plan"),
        ("items[1].months", "period_not_allowed"),
        ("items[2].domain", "invalid_domain"),
        ("items[3].domain", "invalid_domain"),
        ("items[4].domain", "required"),
        ("items[5].quantity", "out_of_range"),
        ("items[6].storage_gb", "out_of_range"),
    ]
    .iter()
    .map(|(f, c)| (f.to_string(), c.to_string()))
    .collect();
    assert_eq!(got, want);
    let page = orders::list_orders(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        Window {
            offset: 0,
            limit: 10,
        },
    )
    .await
    .unwrap();
    assert_eq!(page.total, 0, "nothing ordered, nothing invoiced");

    // A domain held already is refused for a second order.
    let first = OrderInput {
        items: vec![ItemInput {
            domain: Some("example.ch".into()),
            ..item("domain-ch", 12)
        }],
        billing_address_id: None,
        payment: Some(card(false)),
    };
    let placed = orders::place(&s.ctx, &s.org.legal.actor, &s.org.id, &first, None)
        .await
        .unwrap();
    let n = s.gateway.capture(&payment_of(&placed), false);
    settle::notification(&s.ctx, "scripted", Some(&n.0), &n.1)
        .await
        .unwrap();
    let err = orders::place(&s.ctx, &s.org.legal.actor, &s.org.id, &first, None)
        .await
        .unwrap_err();
    let Error::Validation(fields) = err else {
        panic!("{err:?}")
    };
    assert_eq!(fields[0].code, "domain_taken");
}

both_engines!(an_unpaid_order_is_cancelled_and_its_invoice_credited);
async fn an_unpaid_order_is_cancelled_and_its_invoice_credited(app: Arc<TestApp>) {
    // proves: CAT-2
    let s = shop(&app, "dan@example.test", 0).await;
    let place = |items| OrderInput {
        items,
        billing_address_id: None,
        payment: None,
    };
    let kept = orders::place(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &place(vec![item("hosting-start", 1)]),
        None,
    )
    .await
    .unwrap()
    .order;
    // A member who may only look cannot cancel; the owner can.
    let viewer = join(
        &app,
        &s.org,
        "eve@example.test",
        orgs::Role::User,
        &["billing:view"],
    )
    .await;
    let err = orders::cancel(&s.ctx, &viewer.actor, &s.org.id, &kept.id)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let cancelled = orders::cancel(&s.ctx, &s.org.legal.actor, &s.org.id, &kept.id)
        .await
        .unwrap();
    assert_eq!(cancelled.status, "cancelled");
    let err = orders::cancel(&s.ctx, &s.org.legal.actor, &s.org.id, &kept.id)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "order_not_pending");

    // Left unpaid past `unpaid_order_days`: the sweep cancels it.
    let late = orders::place(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &place(vec![item("premium-support", 1)]),
        None,
    )
    .await
    .unwrap()
    .order;
    app.advance_days(i64::from(s.ctx.config.catalog.unpaid_order_days) + 1);
    let sweep = guichet_core::jobs::all()
        .into_iter()
        .find(|w| w.name == "catalog.orders")
        .unwrap();
    let outcome = guichet_core::jobs::run_sweep(&s.ctx, &sweep, "test").await;
    assert!(
        matches!(outcome, guichet_core::jobs::SweepOutcome::Ran(ref r) if r.done == 1),
        "{outcome:?}"
    );
    let late = order(&s, &late.id).await;
    assert_eq!(late.status, "cancelled");
    let invoice = guichet_core::billing::invoices::get_invoice(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &late.invoice_id,
    )
    .await
    .unwrap();
    assert_eq!(invoice.status, "cancelled", "credited in full");
}

both_engines!(a_receiver_down_for_a_while_gets_each_products_events_once_in_order);
async fn a_receiver_down_for_a_while_gets_each_products_events_once_in_order(app: Arc<TestApp>) {
    // proves: CAT-3
    // The receiver answers 500 to its first three requests.
    let s = shop(&app, "fay@example.test", 3).await;
    let placed = orders::place(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &OrderInput {
            items: vec![item("hosting-start", 12)],
            billing_address_id: None,
            payment: Some(card(false)),
        },
        None,
    )
    .await
    .unwrap();
    let n = s.gateway.capture(&payment_of(&placed), false);
    settle::notification(&s.ctx, "scripted", Some(&n.0), &n.1)
        .await
        .unwrap();
    let product = order(&s, &placed.order.id).await.products.remove(0);
    // Two later changes of the same product, written while the receiver
    // is down: they wait for the first.
    for change in ["product.renewed", "product.suspended"] {
        let mut tx = s.ctx.db.begin().await.unwrap();
        products::record_change(tx.conn(), &s.ctx, &s.org.id, &product.id, change)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    // Deliver until the receiver is back and everything went out.
    for _ in 0..10 {
        outbox::deliver::deliver_due(&s.ctx).await.unwrap();
        app.advance(jiff::SignedDuration::from_secs(3600));
    }
    let got = events(&s);
    let delivered: Vec<(String, i64)> = got
        .iter()
        .map(|e| (e.event_type.clone(), e.data["sequence"].as_i64().unwrap()))
        .collect();
    // Three refusals of event 1, then 1, 2, 3 once each, in order.
    let accepted = &delivered[3..];
    assert_eq!(
        accepted,
        &[
            ("product.created".to_string(), 1),
            ("product.renewed".to_string(), 2),
            ("product.suspended".to_string(), 3),
        ]
    );
    assert!(delivered[..3].iter().all(|(_, n)| *n == 1), "{delivered:?}");
}

both_engines!(two_orders_of_one_domain_at_once_place_one);
async fn two_orders_of_one_domain_at_once_place_one(app: Arc<TestApp>) {
    // proves: CAT-2 // a domain name is ordered once, even by two at once
    let s = shop(&app, "gus@example.test", 0).await;
    let other = org_made_by(&app, "hal@example.test").await;
    orgs::save_address(
        &s.ctx,
        &other.legal.actor,
        &other.id,
        None,
        &AddressInput {
            name: "Other SA".into(),
            street: "Bahnhofstrasse".into(),
            building_number: "1".into(),
            postcode: "8001".into(),
            town: "Zürich".into(),
            country: "CH".into(),
        },
        true,
    )
    .await
    .unwrap();
    let cart = OrderInput {
        items: vec![ItemInput {
            domain: Some("contested.ch".into()),
            ..item("domain-ch", 12)
        }],
        billing_address_id: None,
        payment: None,
    };
    let (a, b) = tokio::join!(
        orders::place(&s.ctx, &s.org.legal.actor, &s.org.id, &cart, None),
        orders::place(&s.ctx, &other.legal.actor, &other.id, &cart, None),
    );
    let placed = [a.is_ok(), b.is_ok()];
    assert_eq!(
        placed.iter().filter(|p| **p).count(),
        1,
        "exactly one order of the name: {placed:?}"
    );
    let refused = if a.is_ok() { b } else { a }.unwrap_err();
    let Error::Validation(fields) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(fields[0].code, "domain_taken");
}
