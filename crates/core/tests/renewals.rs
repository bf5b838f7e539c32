//! Renewals (issue 14): a year and more simulated day by day with the
//! test clock over a mixed set of products, every renewal invoice, charge,
//! mail and state change checked against the schedule the rules give —
//! none missing, none twice — with `ledger verify` after each day; two
//! sweeps at once, and sweeps killed at arbitrary points and run again;
//! manual renewals grouped on one invoice. On SQLite and on PostgreSQL.

use std::{collections::BTreeMap, sync::Arc, time::Duration};

use guichet_core::{
    both_engines,
    catalog::{
        manage::{self, ProductChange},
        orders::{self, ItemInput, OrderInput},
        products::ProductView,
    },
    ids::{InvoiceId, ProductId},
    outbox::EventPayload,
    payments::{self, settle},
    renewals::{
        self,
        manual::{RenewInput, RenewItem, Within},
        store as renewal_store,
    },
    testing::TestApp,
};
use jiff::{ToSpan, civil::Date};

use crate::orders::{Shop, card, item, payment_of, shop};

const EMAIL: &str = "ada@example.test";

/// Buy one item by card (its method stored when `save`): the product.
async fn buy(s: &Shop, it: ItemInput, save: bool) -> ProductView {
    let placed = orders::place(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &OrderInput {
            items: vec![it],
            billing_address_id: None,
            payment: Some(card(save)),
        },
        None,
    )
    .await
    .unwrap();
    let n = s.gateway.capture(&payment_of(&placed), save);
    settle::notification(&s.ctx, "scripted", Some(&n.0), &n.1)
        .await
        .unwrap();
    let o = orders::get_order(&s.ctx, &s.org.legal.actor, &s.org.id, &placed.order.id)
        .await
        .unwrap();
    o.products[0].clone()
}

async fn token_of(s: &Shop, p: &ProductView) -> String {
    let mut c = s.ctx.db.acquire().await.unwrap();
    payments::store::method_token(c.conn(), p.payment_method_id.as_deref().unwrap())
        .await
        .unwrap()
        .unwrap()
}

/// The last day of `months` from `start` (the rule: anniversaries counted
/// from the start day), written out here rather than asked of the code.
fn last_day(start: Date, months: i64) -> Date {
    start
        .checked_add(months.months())
        .unwrap()
        .yesterday()
        .unwrap()
}

fn shift(d: Date, days: i64) -> Date {
    d.checked_add(days.days()).unwrap()
}

/// One day's sweeps, as `guichet serve` runs them.
async fn sweep(s: &Shop) {
    renewals::sweep::run(&s.ctx).await.unwrap();
    renewals::charge::run(&s.ctx).await.unwrap();
}

/// The provisioning events written so far: (product, type), in order.
async fn events(s: &Shop) -> Vec<(String, String, i64)> {
    let mut c = s.ctx.db.acquire().await.unwrap();
    guichet_core::outbox::store::list(c.conn(), Some("webhook"))
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            let e: EventPayload = serde_json::from_str(&r.payload).unwrap();
            (
                e.data["product"]["id"].as_str().unwrap().to_owned(),
                e.event_type,
                e.data["sequence"].as_i64().unwrap(),
            )
        })
        .collect()
}

async fn renewals_of(s: &Shop, p: &ProductView) -> Vec<renewal_store::RenewalRow> {
    let mut c = s.ctx.db.acquire().await.unwrap();
    let mut rows = renewal_store::of_product(c.conn(), p.id.as_str())
        .await
        .unwrap();
    rows.reverse();
    rows
}

async fn payment_statuses(s: &Shop, invoice: &str) -> Vec<String> {
    let mut c = s.ctx.db.acquire().await.unwrap();
    payments::store::invoice_payments(c.conn(), invoice)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.status)
        .collect()
}

async fn product(s: &Shop, id: &ProductId) -> ProductView {
    guichet_core::catalog::products::get_product(&s.ctx, &s.org.legal.actor, &s.org.id, id)
        .await
        .unwrap()
}

both_engines!(a_year_of_renewals_happens_on_schedule_each_thing_once);
async fn a_year_of_renewals_happens_on_schedule_each_thing_once(app: Arc<TestApp>) {
    // proves: REN-1, REN-2, REN-3, REN-4, REN-5, OPS-2
    let s = shop(&app, EMAIL, 0).await;
    let start = s.ctx.today();
    // A: monthly, auto-renewed by a card that always pays.
    let a = buy(&s, item("hosting-start", 1), true).await;
    // B: yearly, auto-renewed by a card declined twice, then paying.
    let b = buy(&s, item("drive-2tb", 12), true).await;
    s.gateway.decline_charges(&token_of(&s, &b).await, Some(2));
    // C: a domain renewed by hand, two years at once.
    let c = buy(
        &s,
        ItemInput {
            domain: Some("renew-me.ch".into()),
            ..item("domain-ch", 12)
        },
        false,
    )
    .await;
    // D: monthly, no stored method, under the renewal warranty.
    let d = buy(&s, item("mail-pro", 1), false).await;
    manage::update_product(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &d.id,
        &ProductChange {
            renewal_warranty: Some(true),
            ..ProductChange::default()
        },
    )
    .await
    .unwrap();
    // E: monthly, neither: it expires, is suspended, then deleted.
    let e = buy(&s, item("nas-4bay", 1), false).await;
    // F: monthly, auto-renewed by a card that is always declined.
    let f = buy(&s, item("hosting-pro", 1), true).await;
    s.gateway.decline_charges(&token_of(&s, &f).await, None);
    assert!(a.auto_renew && b.auto_renew && f.auto_renew);
    assert!(!c.auto_renew && !d.auto_renew && !e.auto_renew);

    let products = [&a, &b, &c, &d, &e, &f];
    let key = |name: &str| {
        products
            .iter()
            .position(|p| name.contains(p.name.as_str()))
            .map(|i| ["A", "B", "C", "D", "E", "F"][i])
    };
    let manual_day = shift(last_day(start, 12), -20);
    let days = 400;
    let end = shift(start, days);
    let mut seen = app.mails_to(EMAIL).await.len();
    let mut mails: Vec<(&str, String, Date)> = Vec::new();
    for day in 0..=days {
        if day > 0 {
            app.advance_days(1);
        }
        let today = s.ctx.today();
        if today == manual_day {
            let list =
                renewals::manual::to_pay(&s.ctx, &s.org.legal.actor, &s.org.id, Within::Soon)
                    .await
                    .unwrap();
            let item_c = list
                .items
                .iter()
                .find(|i| i.product.id == c.id)
                .expect("C is in the two months' list");
            assert_eq!(
                item_c.periods,
                (1..=10).collect::<Vec<u32>>(),
                "a .ch renews one to ten years at once"
            );
            let placed = renewals::manual::renew(
                &s.ctx,
                &s.org.legal.actor,
                &s.org.id,
                &RenewInput {
                    items: vec![RenewItem {
                        product_id: c.id.to_string(),
                        periods: Some(2),
                    }],
                    billing_address_id: None,
                    payment: Some(card(false)),
                },
                None,
            )
            .await
            .unwrap();
            let paying = placed.payment.expect("a payment started");
            let n = s.gateway.capture(&paying.id, false);
            settle::notification(&s.ctx, "scripted", Some(&n.0), &n.1)
                .await
                .unwrap();
        }
        sweep(&s).await;
        let all = app.mails_to(EMAIL).await;
        for m in &all[seen..] {
            if m.template.starts_with("renewal_") || m.template.starts_with("product_") {
                let who = key(&m.subject).unwrap_or_else(|| panic!("whose mail? {}", m.subject));
                mails.push((who, m.template.clone(), today));
            }
        }
        seen = all.len();
        app.check_invariants().await;
    }

    // The schedule the rules give, worked out here.
    let mut expected: Vec<(&str, String, Date)> = Vec::new();
    let mut expect = |who: &'static str, template: &str, on: Date| {
        if on <= end {
            expected.push((who, template.to_owned(), on));
        }
    };
    // A: each month invoiced 30 days before expiry, charged 14 days before.
    let mut a_renewed = Vec::new();
    for k in 1.. {
        let expiry = last_day(start, k);
        let invoiced = shift(expiry, -30).max(start);
        if invoiced > end {
            break;
        }
        expect("A", "renewal_invoice", invoiced);
        let charged = shift(expiry, -14).max(invoiced);
        if charged <= end {
            a_renewed.push(charged);
        }
    }
    // B: invoiced 30 days before its year ends; declined 14 and 10 days
    // before, told each time; paid 7 days before.
    let b_expiry = last_day(start, 12);
    expect("B", "renewal_invoice", shift(b_expiry, -30));
    expect("B", "renewal_charge_failed", shift(b_expiry, -14));
    expect("B", "renewal_charge_failed", shift(b_expiry, -10));
    // C: told 30 days before; renewed by hand 20 days before.
    expect("C", "renewal_notice", shift(last_day(start, 12), -30));
    // D: renewed by the provider the day after each month ends.
    let mut d_renewed = Vec::new();
    for k in 1.. {
        let on = shift(last_day(start, k), 1);
        if on > end {
            break;
        }
        expect("D", "renewal_warranty", on);
        d_renewed.push(on);
    }
    // E: told 30, 7 and 1 days before; expired, suspended 7 days after,
    // warned 7 days before deletion, deleted 37 days after.
    let e_expiry = last_day(start, 1);
    expect("E", "renewal_notice", shift(e_expiry, -30).max(start));
    expect("E", "renewal_notice", shift(e_expiry, -7));
    expect("E", "renewal_notice", shift(e_expiry, -1));
    for (template, days) in [
        ("product_expired", 1),
        ("product_suspended", 7),
        ("product_deletion_notice", 30),
        ("product_deleted", 37),
    ] {
        expect("E", template, shift(e_expiry, days));
    }
    // F: invoiced, declined on each day of the schedule, then the steps.
    let f_expiry = last_day(start, 1);
    expect("F", "renewal_invoice", shift(f_expiry, -30).max(start));
    for before in [14, 10, 7, 3, 1] {
        expect("F", "renewal_charge_failed", shift(f_expiry, -before));
    }
    for (template, days) in [
        ("product_expired", 1),
        ("product_suspended", 7),
        ("product_deletion_notice", 30),
        ("product_deleted", 37),
    ] {
        expect("F", template, shift(f_expiry, days));
    }
    mails.sort();
    expected.sort();
    assert_eq!(mails, expected, "every mail on its day, once");

    // State: where each product is now, and each change announced once,
    // in order.
    let a_now = product(&s, &a.id).await;
    assert_eq!(a_now.status, "active");
    assert_eq!(
        a_now.expires_on.as_deref(),
        Some(
            last_day(start, 1 + a_renewed.len() as i64)
                .to_string()
                .as_str()
        )
    );
    let b_now = product(&s, &b.id).await;
    assert_eq!(
        b_now.expires_on.as_deref(),
        Some(last_day(start, 24).to_string().as_str())
    );
    let c_now = product(&s, &c.id).await;
    assert_eq!(
        c_now.expires_on.as_deref(),
        Some(last_day(start, 36).to_string().as_str())
    );
    assert!(
        !c_now.auto_renew,
        "paid by a card not kept: no auto-renewal"
    );
    let d_now = product(&s, &d.id).await;
    assert_eq!(d_now.status, "active", "no interruption under the warranty");
    assert_eq!(
        d_now.expires_on.as_deref(),
        Some(
            last_day(start, 1 + d_renewed.len() as i64)
                .to_string()
                .as_str()
        )
    );
    let events = events(&s).await;
    let of = |p: &ProductView| -> Vec<String> {
        let mine: Vec<_> = events.iter().filter(|e| e.0 == p.id.as_str()).collect();
        let seqs: Vec<i64> = mine.iter().map(|e| e.2).collect();
        assert_eq!(
            seqs,
            (1..=mine.len() as i64).collect::<Vec<_>>(),
            "in sequence, none twice"
        );
        mine.iter().map(|e| e.1.clone()).collect()
    };
    let renewed = |n: usize| -> Vec<String> {
        std::iter::once("product.created".to_owned())
            .chain(std::iter::repeat_n("product.renewed".to_owned(), n))
            .collect()
    };
    assert_eq!(of(&a), renewed(a_renewed.len()));
    assert_eq!(of(&b), renewed(1));
    assert_eq!(of(&c), renewed(1));
    assert_eq!(of(&d), renewed(d_renewed.len()));
    let lapsed = [
        "product.created",
        "product.expired",
        "product.suspended",
        "product.deleted",
    ];
    assert_eq!(of(&e), lapsed);
    assert_eq!(of(&f), lapsed);

    // Invoices and charges: one renewal per period, each paid once.
    let a_rows = renewals_of(&s, &a).await;
    assert_eq!(
        a_rows.len(),
        a_renewed.len() + usize::from(a_rows.last().is_some_and(|r| r.status == "open"))
    );
    for r in a_rows.iter().filter(|r| r.status == "applied") {
        assert_eq!(
            payment_statuses(&s, &r.invoice_id).await,
            ["succeeded"],
            "{}",
            r.from_expires_on
        );
    }
    let b_rows = renewals_of(&s, &b).await;
    assert_eq!(b_rows.len(), 1);
    assert_eq!(b_rows[0].status, "applied");
    assert_eq!(b_rows[0].charge_attempts, 3);
    let mut b_payments = payment_statuses(&s, &b_rows[0].invoice_id).await;
    b_payments.sort();
    assert_eq!(b_payments, ["failed", "failed", "succeeded"]);
    let c_rows = renewals_of(&s, &c).await;
    assert_eq!(c_rows.len(), 1);
    assert_eq!((c_rows[0].kind.as_str(), c_rows[0].periods), ("manual", 2));
    let d_rows = renewals_of(&s, &d).await;
    assert_eq!(d_rows.len(), d_renewed.len());
    assert!(
        d_rows
            .iter()
            .all(|r| r.kind == "warranty" && r.status == "applied")
    );
    for r in &d_rows {
        assert!(
            payment_statuses(&s, &r.invoice_id).await.is_empty(),
            "the provider renewed; the invoice waits for the customer"
        );
    }
    assert!(renewals_of(&s, &e).await.is_empty());
    let f_rows = renewals_of(&s, &f).await;
    assert_eq!(f_rows.len(), 1);
    assert_eq!(
        f_rows[0].status, "cancelled",
        "its invoice credited at expiry"
    );
    assert_eq!(f_rows[0].charge_attempts, 5);
    assert_eq!(
        payment_statuses(&s, &f_rows[0].invoice_id).await,
        ["failed"; 5]
    );
    let f_invoice = {
        let mut cn = s.ctx.db.acquire().await.unwrap();
        guichet_core::billing::store::invoice(
            cn.conn(),
            &InvoiceId::from_stored(f_rows[0].invoice_id.clone()),
        )
        .await
        .unwrap()
        .unwrap()
    };
    assert_eq!(f_invoice.status, "cancelled");
}

/// Products due for renewal today: auto-renewing ones with their
/// invoices to issue, and ones under the warranty past their expiry.
async fn due_products(s: &Shop, n: usize) -> Vec<ProductView> {
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(buy(s, item("hosting-start", 1), true).await);
    }
    out
}

/// How many renewals and renewal mails each product has.
async fn counts(app: &TestApp, s: &Shop, ps: &[ProductView]) -> (BTreeMap<String, usize>, usize) {
    let mut per = BTreeMap::new();
    for p in ps {
        per.insert(p.id.to_string(), renewals_of(s, p).await.len());
    }
    let mails = app
        .mails_to(EMAIL)
        .await
        .into_iter()
        .filter(|m| m.template == "renewal_invoice")
        .count();
    (per, mails)
}

both_engines!(two_sweeps_at_once_renew_each_product_once);
async fn two_sweeps_at_once_renew_each_product_once(app: Arc<TestApp>) {
    // proves: OPS-2, REN-1
    let s = shop(&app, EMAIL, 0).await;
    let ps = due_products(&s, 12).await;
    let other = s.ctx.clone();
    let (one, two) = tokio::join!(renewals::sweep::run(&s.ctx), renewals::sweep::run(&other));
    let done = one.unwrap().done + two.unwrap().done;
    assert_eq!(done, 12, "each invoiced by one of the two");
    let (per, mails) = counts(&app, &s, &ps).await;
    assert!(per.values().all(|n| *n == 1), "{per:?}");
    assert_eq!(mails, 12);
    // And the charges, by two at once as well: each paid once.
    app.advance_days(16);
    let (one, two) = tokio::join!(renewals::charge::run(&s.ctx), renewals::charge::run(&other));
    assert_eq!(one.unwrap().done + two.unwrap().done, 12);
    for p in &ps {
        let rows = renewals_of(&s, p).await;
        assert_eq!(rows[0].status, "applied");
        assert_eq!(
            payment_statuses(&s, &rows[0].invoice_id).await,
            ["succeeded"]
        );
    }
    app.check_invariants().await;
}

both_engines!(a_sweep_killed_anywhere_and_run_again_does_each_thing_once);
async fn a_sweep_killed_anywhere_and_run_again_does_each_thing_once(app: Arc<TestApp>) {
    // proves: OPS-2, REN-1
    let s = shop(&app, EMAIL, 0).await;
    let ps = due_products(&s, 10).await;
    // Small batches, so that a run can be stopped between them or inside
    // one; each stop drops the run's future (its open transaction rolls
    // back), as a killed process would.
    let mut ctx = s.ctx.clone();
    let mut config = (*ctx.config).clone();
    config.renewals.batch = 3;
    ctx.config = Arc::new(config);
    let mut budget = Duration::from_micros(200);
    let mut stopped_half_way = false;
    for _ in 0..12 {
        let _ = tokio::time::timeout(budget, renewals::sweep::run(&ctx)).await;
        // A run stopped while its COMMIT was on its way still commits,
        // a moment later (SQLite's worker thread, PostgreSQL's server):
        // wait for it — a write transaction queues behind SQLite's
        // writer — before reading, so the reads see one state.
        tokio::time::sleep(Duration::from_millis(5)).await;
        ctx.db.begin().await.unwrap().commit().await.unwrap();
        let (per, mails) = counts(&app, &s, &ps).await;
        assert!(per.values().all(|n| *n <= 1), "never twice: {per:?}");
        assert_eq!(
            mails,
            per.values().sum::<usize>(),
            "a mail with each invoice, and only then"
        );
        let done = per.values().sum::<usize>();
        stopped_half_way |= done > 0 && done < ps.len();
        budget *= 2;
    }
    assert!(
        stopped_half_way,
        "some run was stopped with part of the work done"
    );
    renewals::sweep::run(&ctx).await.unwrap();
    let (per, mails) = counts(&app, &s, &ps).await;
    assert!(per.values().all(|n| *n == 1), "{per:?}");
    assert_eq!(mails, 10);
    app.check_invariants().await;
}

both_engines!(products_renewed_by_hand_share_one_invoice_and_move_by_their_periods);
async fn products_renewed_by_hand_share_one_invoice_and_move_by_their_periods(app: Arc<TestApp>) {
    // proves: REN-3, ORG-7
    let s = shop(&app, EMAIL, 0).await;
    let start = s.ctx.today();
    let domain = buy(
        &s,
        ItemInput {
            domain: Some("grouped.ch".into()),
            ..item("domain-ch", 12)
        },
        false,
    )
    .await;
    let hosting = buy(&s, item("hosting-start", 12), false).await;
    // Nothing within two months yet; all of it with `all`.
    let soon = renewals::manual::to_pay(&s.ctx, &s.org.legal.actor, &s.org.id, Within::Soon)
        .await
        .unwrap();
    assert!(soon.items.is_empty());
    let all = renewals::manual::to_pay(&s.ctx, &s.org.legal.actor, &s.org.id, Within::All)
        .await
        .unwrap();
    assert_eq!(all.items.len(), 2);
    let hosting_item = all
        .items
        .iter()
        .find(|i| i.product.id == hosting.id)
        .unwrap();
    assert_eq!(
        hosting_item.periods,
        vec![1],
        "hosting renews a year at a time"
    );
    // Refusals, each at its place, nothing issued.
    let err = renewals::manual::renew(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &RenewInput {
            items: vec![
                RenewItem {
                    product_id: hosting.id.to_string(),
                    periods: Some(2),
                },
                RenewItem {
                    product_id: "prd_unknown".into(),
                    periods: None,
                },
                RenewItem {
                    product_id: domain.id.to_string(),
                    periods: Some(11),
                },
            ],
            billing_address_id: None,
            payment: None,
        },
        None,
    )
    .await
    .unwrap_err();
    let guichet_core::Error::Validation(errors) = err else {
        panic!("{err:?}")
    };
    let got: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.attribute.as_str(), e.code))
        .collect();
    assert_eq!(
        got,
        [
            ("items[0].periods", "period_not_allowed"),
            ("items[1].product_id", "not_found"),
            ("items[2].periods", "period_not_allowed"),
        ]
    );
    // The domain for three years and the hosting for one, on one invoice,
    // paid by a card the customer keeps.
    let placed = renewals::manual::renew(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &RenewInput {
            items: vec![
                RenewItem {
                    product_id: domain.id.to_string(),
                    periods: Some(3),
                },
                RenewItem {
                    product_id: hosting.id.to_string(),
                    periods: None,
                },
            ],
            billing_address_id: None,
            payment: Some(card(true)),
        },
        None,
    )
    .await
    .unwrap();
    assert_eq!(placed.renewals.len(), 2);
    assert_eq!(placed.invoice.lines.len(), 2);
    let catalogue = s.ctx.catalog.current();
    let renew_price = |plan: &str, months| {
        catalogue
            .plan(plan)
            .unwrap()
            .price(months, guichet_core::money::Currency::Chf, 1, None, false)
            .unwrap()
    };
    assert_eq!(placed.renewals[0].net, renew_price("domain-ch", 36));
    assert_eq!(placed.renewals[1].net, renew_price("hosting-start", 12));
    assert_eq!(
        placed.invoice.net,
        renew_price("domain-ch", 36)
            .checked_add(renew_price("hosting-start", 12))
            .unwrap()
    );
    // A second renewal of the same period is refused while this one waits.
    let again = renewals::manual::renew(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &RenewInput {
            items: vec![RenewItem {
                product_id: domain.id.to_string(),
                periods: None,
            }],
            billing_address_id: None,
            payment: None,
        },
        None,
    )
    .await
    .unwrap_err();
    assert_eq!(again.code(), "validation_failed");
    assert!(
        format!("{again:?}").contains("renewal_pending"),
        "{again:?}"
    );
    // Paid: each moves by exactly its periods, once however often told;
    // the card kept, auto-renewal is on with it (REN-1).
    let n = s.gateway.capture(&placed.payment.unwrap().id, true);
    for _ in 0..2 {
        settle::notification(&s.ctx, "scripted", Some(&n.0), &n.1)
            .await
            .unwrap();
    }
    let d = product(&s, &domain.id).await;
    assert_eq!(
        d.expires_on.as_deref(),
        Some(last_day(start, 48).to_string().as_str())
    );
    assert!(d.auto_renew && d.payment_method_id.is_some());
    let h = product(&s, &hosting.id).await;
    assert_eq!(
        h.expires_on.as_deref(),
        Some(last_day(start, 24).to_string().as_str())
    );
    app.check_invariants().await;
}

both_engines!(a_suspended_product_renewed_in_its_grace_period_is_restored);
async fn a_suspended_product_renewed_in_its_grace_period_is_restored(app: Arc<TestApp>) {
    // proves: REN-5
    let s = shop(&app, EMAIL, 0).await;
    let start = s.ctx.today();
    let nas = buy(&s, item("nas-4bay", 1), false).await;
    // Past expiry and suspension.
    for _ in 0..40 {
        app.advance_days(1);
        sweep(&s).await;
    }
    assert_eq!(product(&s, &nas.id).await.status, "suspended");
    let placed = renewals::manual::renew(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &RenewInput {
            items: vec![RenewItem {
                product_id: nas.id.to_string(),
                periods: None,
            }],
            billing_address_id: None,
            payment: Some(card(false)),
        },
        None,
    )
    .await
    .unwrap();
    let n = s.gateway.capture(&placed.payment.unwrap().id, false);
    settle::notification(&s.ctx, "scripted", Some(&n.0), &n.1)
        .await
        .unwrap();
    let now = product(&s, &nas.id).await;
    assert_eq!(now.status, "active");
    // The period follows on from the old one: no days given away, none
    // lost (the months counted from the start day).
    assert_eq!(
        now.expires_on.as_deref(),
        Some(last_day(start, 2).to_string().as_str())
    );
    let kinds: Vec<String> = events(&s)
        .await
        .into_iter()
        .filter(|e| e.0 == nas.id.as_str())
        .map(|e| e.1)
        .collect();
    assert_eq!(
        kinds,
        [
            "product.created",
            "product.expired",
            "product.suspended",
            "product.renewed"
        ]
    );
    app.check_invariants().await;
}

both_engines!(a_suite_and_its_contents_renew_expire_and_are_suspended_together);
async fn a_suite_and_its_contents_renew_expire_and_are_suspended_together(app: Arc<TestApp>) {
    // proves: REN-4, REN-5, SUI-3
    // Two suites in one batch of the sweep (the default batch): one under
    // the renewal warranty, one not. What happens to a suite happens to
    // the products inside it, once, with their events.
    let s = shop(&app, EMAIL, 0).await;
    let start = s.ctx.today();
    let all = crate::products::bought(
        &s,
        vec![
            crate::products::suite_item(2, 100),
            crate::products::suite_item(3, 200),
        ],
        false,
    )
    .await;
    let suites: Vec<&ProductView> = all.iter().filter(|p| p.parent_id.is_none()).collect();
    let [kept, lapsed] = suites.as_slice() else {
        panic!("two suites: {all:?}");
    };
    let inside = |suite: &ProductView| -> Vec<ProductId> {
        all.iter()
            .filter(|p| p.parent_id.as_deref() == Some(suite.id.as_str()))
            .map(|p| p.id.clone())
            .collect()
    };
    let (kept_inside, lapsed_inside) = (inside(kept), inside(lapsed));
    assert!(!kept_inside.is_empty() && !lapsed_inside.is_empty());
    manage::update_product(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &kept.id,
        &ProductChange {
            renewal_warranty: Some(true),
            ..ProductChange::default()
        },
    )
    .await
    .unwrap();

    // The day after the period's last day: the one renewed by the
    // provider, the other expired — each with what it holds.
    let expiry = last_day(start, 12);
    app.advance_days((expiry - start).get_days() as i64 + 1);
    sweep(&s).await;
    let renewed_to = last_day(start, 24).to_string();
    for id in std::iter::once(&kept.id).chain(&kept_inside) {
        let p = product(&s, id).await;
        assert_eq!(
            (p.status.as_str(), p.expires_on.as_deref()),
            ("active", Some(renewed_to.as_str())),
            "{id} renewed with its suite"
        );
    }
    for id in std::iter::once(&lapsed.id).chain(&lapsed_inside) {
        assert_eq!(product(&s, id).await.status, "expired", "{id}");
    }
    // A week later: the lapsed one suspended, with what it holds.
    app.advance_days(7);
    sweep(&s).await;
    for id in std::iter::once(&lapsed.id).chain(&lapsed_inside) {
        assert_eq!(product(&s, id).await.status, "suspended", "{id}");
    }
    assert_eq!(product(&s, &kept.id).await.status, "active");
    // Each moved once, its events in order.
    let all_events = events(&s).await;
    let of = |id: &ProductId| -> Vec<(String, i64)> {
        all_events
            .iter()
            .filter(|e| e.0 == id.as_str())
            .map(|e| (e.1.clone(), e.2))
            .collect()
    };
    for id in std::iter::once(&kept.id).chain(&kept_inside) {
        let kinds: Vec<String> = of(id).into_iter().map(|e| e.0).collect();
        assert_eq!(kinds, ["product.created", "product.renewed"], "{id}");
    }
    for id in std::iter::once(&lapsed.id).chain(&lapsed_inside) {
        let seen = of(id);
        let kinds: Vec<&str> = seen.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(
            kinds,
            ["product.created", "product.expired", "product.suspended"],
            "{id}"
        );
        assert!(seen.windows(2).all(|w| w[0].1 < w[1].1), "{id}: {seen:?}");
    }
    app.check_invariants().await;
}

both_engines!(a_charge_in_flight_is_not_doubled_by_a_payment_by_hand);
async fn a_charge_in_flight_is_not_doubled_by_a_payment_by_hand(app: Arc<TestApp>) {
    // proves: REN-1, REN-2, OPS-2
    let s = shop(&app, EMAIL, 0).await;
    let p = buy(&s, item("hosting-start", 1), true).await;
    sweep(&s).await;
    let renewal = renewals_of(&s, &p).await.remove(0);
    // The day of the charge: the gateway does not answer; the charge stays
    // in flight, holding the invoice.
    app.advance_days(16);
    s.gateway.set_unavailable(true);
    renewals::charge::run(&s.ctx).await.unwrap();
    assert_eq!(payment_statuses(&s, &renewal.invoice_id).await, ["pending"]);
    // The customer, told nothing yet, tries to pay by hand: refused while
    // the charge is in flight, by any method.
    let invoice = InvoiceId::from_stored(renewal.invoice_id.clone());
    for method in ["card", "prepaid", "bank_transfer"] {
        let err = payments::pay::pay_invoice(
            &s.ctx,
            &s.org.legal.actor,
            &s.org.id,
            &invoice,
            &payments::PayInput {
                method: method.into(),
                ..payments::PayInput::default()
            },
            None,
        )
        .await
        .unwrap_err();
        assert_eq!(err.code(), "payment_in_flight", "{method}");
    }
    // Another pass of the charges sweep sends nothing new.
    renewals::charge::run(&s.ctx).await.unwrap();
    assert_eq!(payment_statuses(&s, &renewal.invoice_id).await, ["pending"]);
    // The gateway is back; the payments sweep asks again with the same
    // key: captured once, renewed once.
    s.gateway.set_unavailable(false);
    app.advance(jiff::SignedDuration::from_mins(60));
    for sweep in guichet_core::jobs::all()
        .iter()
        .filter(|w| w.name == "payments.expire")
    {
        guichet_core::jobs::run_sweep(&s.ctx, sweep, "test").await;
    }
    assert_eq!(
        payment_statuses(&s, &renewal.invoice_id).await,
        ["succeeded"]
    );
    let now = product(&s, &p.id).await;
    assert_eq!(
        now.expires_on.as_deref(),
        Some(renewal.to_expires_on.as_str())
    );
    let renewed = events(&s)
        .await
        .into_iter()
        .filter(|e| e.0 == p.id.as_str() && e.1 == "product.renewed")
        .count();
    assert_eq!(renewed, 1);
    app.check_invariants().await;
}

both_engines!(renewal_invoices_issued_in_bulk_are_those_issued_alone_and_get_their_pdf_once);
async fn renewal_invoices_issued_in_bulk_are_those_issued_alone_and_get_their_pdf_once(
    app: Arc<TestApp>,
) {
    // proves: REN-1, BIL-1, BIL-2, OPS-2
    use guichet_core::billing::{self, InvoiceInput, Issuer, LineInput};
    let s = shop(&app, EMAIL, 0).await;
    let ps = due_products(&s, 3).await;
    // One batch: the three invoices are issued together.
    renewals::sweep::run(&s.ctx).await.unwrap();
    let mut bulk = Vec::new();
    for p in &ps {
        let rows = renewals_of(&s, p).await;
        assert_eq!(rows.len(), 1);
        let id = InvoiceId::from_stored(rows[0].invoice_id.clone());
        let v = billing::invoices::get_invoice(&s.ctx, &s.org.legal.actor, &s.org.id, &id)
            .await
            .unwrap();
        bulk.push(v);
    }
    // Gapless: consecutive numbers and references of their own.
    let mut numbers: Vec<String> = bulk.iter().map(|v| v.number.clone().unwrap()).collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 3);
    // Each is the invoice the same line makes when issued alone.
    for v in &bulk {
        assert_eq!(v.status, "issued");
        let alone = billing::invoices::create_and_issue(
            &s.ctx,
            Issuer::Operator,
            &s.org.id,
            &InvoiceInput {
                billing_address_id: None,
                lines: v
                    .lines
                    .iter()
                    .map(|l| LineInput {
                        description: l.description.clone(),
                        quantity: l.quantity,
                        unit_price: l.unit_price.amount_string(),
                        vat_class: billing::vat::VatClass::parse(&l.vat_class).unwrap(),
                        period: l.period,
                    })
                    .collect(),
            },
        )
        .await
        .unwrap();
        let shape = |v: &billing::InvoiceView| {
            (
                v.lines
                    .iter()
                    .map(|l| (l.description.clone(), l.period, l.net, l.vat_rate.clone()))
                    .collect::<Vec<_>>(),
                v.vat.clone(),
                (v.net, v.vat_total, v.rounding, v.total, v.open),
                (v.seller.clone(), v.buyer.clone(), v.vat_mention.clone()),
                (v.issued_on, v.due_on),
            )
        };
        assert_eq!(shape(v), shape(&alone));
        assert_ne!(v.reference, alone.reference);
    }
    // Their PDFs are pending: the first read renders and keeps one, every
    // read after (two at once included) gets the same bytes.
    let pending = |id: &InvoiceId| {
        let ctx = s.ctx.clone();
        let id = id.clone();
        async move {
            let mut c = ctx.db.acquire().await.unwrap();
            billing::store::invoice(c.conn(), id.as_str())
                .await
                .unwrap()
                .unwrap()
                .pdf_sha256
                .is_none()
        }
    };
    for v in &bulk {
        assert!(pending(&v.id).await, "issued in bulk, its PDF follows");
    }
    app.check_invariants().await;
    let first = &bulk[0].id;
    let (one, two) = tokio::join!(
        billing::invoices::invoice_pdf(&s.ctx, &s.org.legal.actor, &s.org.id, first),
        billing::invoices::invoice_pdf(&s.ctx, &s.org.legal.actor, &s.org.id, first),
    );
    let (one, two) = (one.unwrap(), two.unwrap());
    assert!(one.1.starts_with(b"%PDF"));
    assert_eq!(one.1, two.1, "one PDF kept, whoever rendered first");
    assert!(!pending(first).await);
    // The sweep renders the others, once.
    let report = billing::pdfs::render_pending(&s.ctx).await.unwrap();
    assert_eq!((report.done, report.failed), (2, 0));
    assert_eq!(billing::pdfs::render_pending(&s.ctx).await.unwrap().done, 0);
    for v in &bulk {
        assert!(!pending(&v.id).await);
        let (number, pdf) =
            billing::invoices::invoice_pdf(&s.ctx, &s.org.legal.actor, &s.org.id, &v.id)
                .await
                .unwrap();
        assert_eq!(Some(number), v.number);
        assert!(pdf.starts_with(b"%PDF"));
    }
    // The renewal mail carries the invoice (read or rendered at delivery).
    let mails = app.mails_to(EMAIL).await;
    assert_eq!(
        mails
            .iter()
            .filter(|m| m.template == "renewal_invoice")
            .count(),
        3
    );
    app.check_invariants().await;
}
