//! What members do with products once they hold them (issue 13): renewal
//! settings one by one and in bulk, moving a product between two
//! organisations of one owner, a suite's prorated upgrade paid like an
//! order, and its seats (ORG-5) — on SQLite and on PostgreSQL, with
//! `ledger verify` after every test (the harness).

use std::sync::Arc;

use guichet_core::{
    Error, both_engines,
    catalog::{
        ProductKind,
        manage::{self, BulkProductChange, MoveInput, ProductChange},
        orders::{self, ItemInput, OrderInput},
        products::{self, ProductQuery, ProductView},
        suites::{self, UpgradeInput},
    },
    money::Currency,
    orgs::{self, Role, Window},
    outbox,
    payments::{PayInput, settle},
    testing::TestApp,
};

use crate::{
    orders::{Shop, card, events, item, payment_of, shop},
    orgs_support::{join, named},
};

/// Order `items` paid by card (stored when `save`), and the products made.
pub(crate) async fn bought(s: &Shop, items: Vec<ItemInput>, save: bool) -> Vec<ProductView> {
    let placed = orders::place(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &OrderInput {
            items,
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
    all_products(s).await
}

async fn all_products(s: &Shop) -> Vec<ProductView> {
    products::list_products(
        &s.ctx,
        &s.org.legal.actor,
        &s.org.id,
        &ProductQuery::default(),
        Window {
            offset: 0,
            limit: 100,
        },
    )
    .await
    .unwrap()
    .items
}

fn of_plan<'a>(all: &'a [ProductView], plan: &str) -> &'a ProductView {
    all.iter()
        .find(|p| p.plan_id == plan && p.parent_id.is_none())
        .unwrap_or_else(|| panic!("a {plan}"))
}

pub(crate) fn suite_item(users: u32, storage_gb: u32) -> ItemInput {
    ItemInput {
        quantity: Some(users),
        storage_gb: Some(storage_gb),
        ..item("suite-business", 12)
    }
}

fn codes(err: Error) -> Vec<(String, String)> {
    match err {
        Error::Validation(fields) => fields
            .into_iter()
            .map(|f| (f.attribute, f.code.to_string()))
            .collect(),
        other => panic!("not a validation error: {other:?}"),
    }
}

fn conflict(err: Error) -> &'static str {
    match err {
        Error::Conflict { code, .. } => code,
        other => panic!("not a conflict: {other:?}"),
    }
}

both_engines!(renewal_settings_change_one_or_many_and_a_bad_change_changes_nothing);
async fn renewal_settings_change_one_or_many_and_a_bad_change_changes_nothing(app: Arc<TestApp>) {
    // proves: REN-1, REN-4, ORG-7, SUI-3, ORG-2
    let s = shop(&app, "ada@example.test", 0).await;
    let all = bought(
        &s,
        vec![
            item("hosting-start", 12),
            item("nas-4bay", 12),
            suite_item(2, 100),
        ],
        true,
    )
    .await;
    let hosting = of_plan(&all, "hosting-start");
    let nas = of_plan(&all, "nas-4bay");
    let suite = of_plan(&all, "suite-business");
    let inside = all
        .iter()
        .find(|p| p.parent_id.as_deref() == Some(suite.id.as_str()))
        .unwrap();
    let owner = &s.org.legal.actor;
    let change = |c: ProductChange| c;

    // One product: warranty on, auto-renewal off.
    let v = manage::update_product(
        &s.ctx,
        owner,
        &s.org.id,
        &hosting.id,
        &change(ProductChange {
            renewal_warranty: Some(true),
            auto_renew: Some(false),
            ..ProductChange::default()
        }),
    )
    .await
    .unwrap();
    assert!(v.renewal_warranty && !v.auto_renew);
    // A NAS device has no renewal warranty (REN-4).
    let err = manage::update_product(
        &s.ctx,
        owner,
        &s.org.id,
        &nas.id,
        &ProductChange {
            renewal_warranty: Some(true),
            ..ProductChange::default()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        codes(err),
        [("renewal_warranty".into(), "warranty_not_allowed".into())]
    );
    // A product inside a suite renews with it (SUI-3).
    let err = manage::update_product(
        &s.ctx,
        owner,
        &s.org.id,
        &inside.id,
        &ProductChange {
            auto_renew: Some(false),
            ..ProductChange::default()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(conflict(err), "inside_suite");
    // Renewals go to one of the organisation's addresses only (ORG-7).
    let err = manage::update_product(
        &s.ctx,
        owner,
        &s.org.id,
        &hosting.id,
        &ProductChange {
            billing_address_id: Some("adr_nope".into()),
            ..ProductChange::default()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        codes(err),
        [("billing_address_id".into(), "unknown_address".into())]
    );

    // Many at once, all or none: two refusals, each at its place, and the
    // hosting (which could change) did not.
    let err = manage::update_products(
        &s.ctx,
        owner,
        &s.org.id,
        &BulkProductChange {
            product_ids: vec![
                hosting.id.to_string(),
                nas.id.to_string(),
                inside.id.to_string(),
                "prd_00000000000000000000000000".into(),
            ],
            auto_renew: Some(true),
            renewal_warranty: Some(true),
            billing_address_id: None,
            payment_method_id: None,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        codes(err),
        [
            (
                "product_ids[1]".to_string(),
                "warranty_not_allowed".to_string()
            ),
            ("product_ids[2]".into(), "inside_suite".into()),
            ("product_ids[3]".into(), "not_found".into()),
        ]
    );
    let now = products::get_product(&s.ctx, owner, &s.org.id, &hosting.id)
        .await
        .unwrap();
    assert!(!now.auto_renew, "nothing of a refused bulk change applied");
    let changed = manage::update_products(
        &s.ctx,
        owner,
        &s.org.id,
        &BulkProductChange {
            product_ids: vec![hosting.id.to_string(), nas.id.to_string()],
            auto_renew: Some(true),
            renewal_warranty: None,
            billing_address_id: None,
            payment_method_id: None,
        },
    )
    .await
    .unwrap();
    assert!(changed.iter().all(|p| p.auto_renew));
    assert_eq!(changed.len(), 2);
    // None named: refused on the list.
    let err = manage::update_products(
        &s.ctx,
        owner,
        &s.org.id,
        &BulkProductChange {
            product_ids: Vec::new(),
            auto_renew: Some(true),
            renewal_warranty: None,
            billing_address_id: None,
            payment_method_id: None,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(codes(err), [("product_ids".into(), "out_of_range".into())]);

    // Bought without a stored method: nothing to renew with (REN-1).
    let plain = bought(&s, vec![item("hosting-pro", 12)], false).await;
    let pro = of_plan(&plain, "hosting-pro");
    assert!(!pro.auto_renew);
    let err = manage::update_product(
        &s.ctx,
        owner,
        &s.org.id,
        &pro.id,
        &ProductChange {
            auto_renew: Some(true),
            ..ProductChange::default()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        codes(err),
        [("auto_renew".into(), "payment_method_required".into())]
    );
    // With the card stored for the other products, it may.
    let on = manage::update_product(
        &s.ctx,
        owner,
        &s.org.id,
        &pro.id,
        &ProductChange {
            auto_renew: Some(true),
            payment_method_id: hosting.payment_method_id.clone(),
            ..ProductChange::default()
        },
    )
    .await
    .unwrap();
    assert!(on.auto_renew);

    // A member with a right on domains only does not see the hosting
    // (ORG-2): 404, as another organisation's.
    let domains = join(
        &app,
        &s.org,
        "dom@example.test",
        Role::User,
        &["kind:domain"],
    )
    .await;
    let err = manage::update_product(
        &s.ctx,
        &domains.actor,
        &s.org.id,
        &hosting.id,
        &ProductChange {
            auto_renew: Some(false),
            ..ProductChange::default()
        },
    )
    .await
    .unwrap_err();
    assert!(matches!(err, Error::NotFound), "{err:?}");
}

both_engines!(a_product_moves_to_another_org_of_its_owner_but_a_suite_never);
async fn a_product_moves_to_another_org_of_its_owner_but_a_suite_never(app: Arc<TestApp>) {
    // proves: SUI-2, SUI-3, CAT-3
    let s = shop(&app, "bob@example.test", 0).await;
    let all = bought(
        &s,
        vec![item("hosting-start", 12), suite_item(1, 100)],
        true,
    )
    .await;
    let hosting = of_plan(&all, "hosting-start");
    let suite = of_plan(&all, "suite-business");
    let inside = all
        .iter()
        .find(|p| p.parent_id.as_deref() == Some(suite.id.as_str()))
        .unwrap();
    let owner = &s.org.legal.actor;
    let other = orgs::create_org(&s.ctx, owner, named("Other SA"))
        .await
        .unwrap();
    let to = |org: &str| MoveInput {
        to_org_id: org.to_owned(),
    };

    for (id, code) in [
        (&suite.id, "suite_not_movable"),
        (&inside.id, "inside_suite"),
    ] {
        let err = manage::move_product(&s.ctx, owner, &s.org.id, id, &to(other.id.as_str()))
            .await
            .unwrap_err();
        assert_eq!(conflict(err), code);
    }
    // Not to itself, nor to an organisation where the owner is not one.
    let err = manage::move_product(
        &s.ctx,
        owner,
        &s.org.id,
        &hosting.id,
        &to(s.org.id.as_str()),
    )
    .await
    .unwrap_err();
    assert_eq!(codes(err), [("to_org_id".into(), "unknown_org".into())]);
    let stranger = crate::orgs_support::org_made_by(&app, "eve@example.test").await;
    let err = manage::move_product(
        &s.ctx,
        owner,
        &s.org.id,
        &hosting.id,
        &to(stranger.id.as_str()),
    )
    .await
    .unwrap_err();
    assert_eq!(codes(err), [("to_org_id".into(), "unknown_org".into())]);

    let moved = manage::move_product(
        &s.ctx,
        owner,
        &s.org.id,
        &hosting.id,
        &to(other.id.as_str()),
    )
    .await
    .unwrap();
    assert_eq!(moved.org_id, other.id);
    // The old organisation's card does not renew the new one's product.
    assert!(!moved.auto_renew && moved.payment_method_id.is_none());
    assert!(matches!(
        products::get_product(&s.ctx, owner, &s.org.id, &hosting.id).await,
        Err(Error::NotFound)
    ));
    products::get_product(&s.ctx, owner, &other.id, &hosting.id)
        .await
        .unwrap();

    // The provider hears it, second in the product's sequence.
    outbox::deliver::deliver_due(&s.ctx).await.unwrap();
    let told: Vec<_> = events(&s)
        .into_iter()
        .filter(|e| e.data["product"]["id"] == hosting.id.as_str())
        .map(|e| (e.event_type, e.data["sequence"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        told,
        [("product.created".into(), 1), ("product.moved".into(), 2)]
    );
}

/// SUI-1 by hand: the difference of the two sizes' yearly prices, for
/// the days left of 365 (or 366), rounded half up to the centime.
fn prorated(difference_minor: i64, days_left: i64, days: i64) -> i64 {
    (difference_minor * days_left * 2 + days) / (days * 2)
}

both_engines!(a_suite_upgrade_is_prorated_invoiced_and_applied_once_paid);
async fn a_suite_upgrade_is_prorated_invoiced_and_applied_once_paid(app: Arc<TestApp>) {
    // proves: SUI-1, SUI-2, CAT-3
    let s = shop(&app, "cleo@example.test", 0).await;
    let all = bought(&s, vec![suite_item(3, 100)], true).await;
    let suite = of_plan(&all, "suite-business").clone();
    let owner = &s.org.legal.actor;
    let bought_on = s.ctx.today();
    app.advance_days(100);
    let today = s.ctx.today();
    let end = bought_on.checked_add(jiff::ToSpan::months(12)).unwrap();
    let days = bought_on.until(end).unwrap().get_days() as i64;
    let left = today.until(end).unwrap().get_days() as i64;
    assert_eq!(days - left, 100);

    // Never smaller, and something must change (SUI-2).
    let up = |users: Option<u32>, storage_gb: Option<u32>| UpgradeInput {
        users,
        storage_gb,
        billing_address_id: None,
        payment: Some(PayInput {
            method: "card".into(),
            ..PayInput::default()
        }),
    };
    for (input, field, code) in [
        (up(Some(2), None), "users", "downgrade"),
        (up(None, Some(0)), "storage_gb", "downgrade"),
        (up(Some(3), Some(100)), "users", "no_change"),
        (up(None, Some(250)), "storage_gb", "out_of_range"),
    ] {
        let err = suites::upgrade(&s.ctx, owner, &s.org.id, &suite.id, &input, None)
            .await
            .unwrap_err();
        assert_eq!(codes(err), [(field.to_string(), code.to_string())]);
    }

    let outcome = suites::upgrade(
        &s.ctx,
        owner,
        &s.org.id,
        &suite.id,
        &up(Some(5), Some(300)),
        None,
    )
    .await
    .unwrap();
    let order = outcome.order.clone().unwrap();
    assert_eq!(order.status, "pending");
    assert_eq!(outcome.product.quantity, 3, "bigger once paid, not before");
    // The price: the yearly difference (2 users and 2 storage steps) for
    // the days left, before VAT.
    let plan = s.ctx.catalog.current();
    let plan = plan.plan("suite-business").unwrap();
    let yearly = |users, gb| {
        plan.price(12, Currency::Chf, users, Some(gb), false)
            .unwrap()
            .amount_minor
    };
    let difference = yearly(5, 300) - yearly(3, 100);
    assert_eq!(difference, 2 * 6500 + 2 * 2000, "the demo's prices");
    assert_eq!(order.net.amount_minor, prorated(difference, left, days));
    assert_eq!(
        order.items[0].upgrade_of.as_deref(),
        Some(suite.id.as_str())
    );
    assert_eq!(order.items[0].from_quantity, Some(3));

    // One upgrade waits at a time: a second tab is refused.
    let err = suites::upgrade(
        &s.ctx,
        owner,
        &s.org.id,
        &suite.id,
        &up(Some(9), None),
        None,
    )
    .await
    .unwrap_err();
    assert_eq!(conflict(err), "upgrade_pending");

    // Paid (the notification told twice): bigger once.
    let n = s
        .gateway
        .capture(outcome.payment.as_ref().map(|p| &p.id).unwrap(), false);
    for _ in 0..2 {
        settle::notification(&s.ctx, "scripted", Some(&n.0), &n.1)
            .await
            .unwrap();
    }
    let now = products::get_product(&s.ctx, owner, &s.org.id, &suite.id)
        .await
        .unwrap();
    assert_eq!((now.quantity, now.storage_gb), (5, Some(300)));
    assert_eq!(now.event_seq, 2);
    outbox::deliver::deliver_due(&s.ctx).await.unwrap();
    let upgraded: Vec<_> = events(&s)
        .into_iter()
        .filter(|e| e.event_type == "product.upgraded")
        .collect();
    assert_eq!(upgraded.len(), 1);
    assert_eq!(upgraded[0].data["product"]["quantity"], 5);
    assert_eq!(upgraded[0].data["sequence"], 2);
    // A product that is not a suite has nothing to upgrade.
    let hosting = bought(&s, vec![item("hosting-start", 12)], false).await;
    let err = suites::upgrade(
        &s.ctx,
        owner,
        &s.org.id,
        &of_plan(&hosting, "hosting-start").id,
        &up(Some(2), None),
        None,
    )
    .await
    .unwrap_err();
    assert_eq!(conflict(err), "not_a_suite");
    assert_eq!(
        all_products(&s)
            .await
            .iter()
            .filter(|p| p.kind == ProductKind::Suite)
            .count(),
        1
    );
}

both_engines!(seats_go_to_members_and_a_seat_holder_cannot_leave);
async fn seats_go_to_members_and_a_seat_holder_cannot_leave(app: Arc<TestApp>) {
    // proves: ORG-5, SUI-1
    let s = shop(&app, "dan@example.test", 0).await;
    let all = bought(&s, vec![suite_item(2, 100)], false).await;
    let suite = of_plan(&all, "suite-business").clone();
    let owner = &s.org.legal.actor;
    let bob = join(&app, &s.org, "bob@example.test", Role::User, &[]).await;
    let cy = join(&app, &s.org, "cy@example.test", Role::User, &[]).await;
    let outsider = crate::orgs_support::org_made_by(&app, "out@example.test").await;

    let seats = suites::assign_seat(&s.ctx, owner, &s.org.id, &suite.id, bob.id.as_str())
        .await
        .unwrap();
    assert_eq!(seats.seats.len(), 1);
    assert_eq!(seats.seats[0].email, "bob@example.test");
    // Given again: still one seat.
    let again = suites::assign_seat(&s.ctx, owner, &s.org.id, &suite.id, bob.id.as_str())
        .await
        .unwrap();
    assert_eq!(again.seats.len(), 1);
    let err = suites::assign_seat(
        &s.ctx,
        owner,
        &s.org.id,
        &suite.id,
        outsider.legal.id.as_str(),
    )
    .await
    .unwrap_err();
    assert_eq!(codes(err), [("user_id".into(), "not_a_member".into())]);

    // A seat holder cannot leave, and is told why (ORG-5).
    let err = orgs::leave_org(&s.ctx, &bob.actor, &s.org.id)
        .await
        .unwrap_err();
    assert_eq!(conflict(err), "suite_user");
    // Two users, two seats: a third is refused.
    suites::assign_seat(&s.ctx, owner, &s.org.id, &suite.id, s.org.legal.id.as_str())
        .await
        .unwrap();
    let err = suites::assign_seat(&s.ctx, owner, &s.org.id, &suite.id, cy.id.as_str())
        .await
        .unwrap_err();
    assert_eq!(conflict(err), "no_free_seat");

    // Seat taken back: bob may leave.
    suites::release_seat(&s.ctx, owner, &s.org.id, &suite.id, bob.id.as_str())
        .await
        .unwrap();
    orgs::leave_org(&s.ctx, &bob.actor, &s.org.id)
        .await
        .unwrap();
    // A member removed by an owner gives the seat back.
    suites::assign_seat(&s.ctx, owner, &s.org.id, &suite.id, cy.id.as_str())
        .await
        .unwrap();
    orgs::remove_members(&s.ctx, owner, &s.org.id, &[cy.id.to_string()])
        .await
        .unwrap();
    let left = suites::list_seats(&s.ctx, owner, &s.org.id, &suite.id)
        .await
        .unwrap();
    assert_eq!(left.seats.len(), 1);
    assert_eq!(left.users, 2);
}

both_engines!(two_upgrades_of_one_suite_at_once_order_one);
async fn two_upgrades_of_one_suite_at_once_order_one(app: Arc<TestApp>) {
    // proves: SUI-1 // two tabs upgrading at once pay for one upgrade
    let s = shop(&app, "eva@example.test", 0).await;
    let all = bought(&s, vec![suite_item(1, 100)], false).await;
    let suite = of_plan(&all, "suite-business").clone();
    app.advance_days(10);
    let runs = (0..2).map(|_| {
        let ctx = s.ctx.clone();
        let actor = s.org.legal.actor.clone();
        let org = s.org.id.clone();
        let id = suite.id.clone();
        async move {
            suites::upgrade(
                &ctx,
                &actor,
                &org,
                &id,
                &UpgradeInput {
                    users: Some(4),
                    storage_gb: None,
                    billing_address_id: None,
                    payment: None,
                },
                None,
            )
            .await
        }
    });
    let results = futures::future::join_all(runs).await;
    let ok = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 1, "{results:?}");
    for r in results.into_iter().filter_map(Result::err) {
        assert_eq!(conflict(r), "upgrade_pending");
    }
}
