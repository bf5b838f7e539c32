//! Staff edit the catalogue (CAT-1): a version published whole or refused
//! with every mistake, the newest one running here at once, at the next
//! start, and on another instance sharing the database within a sweep;
//! and staff find an organisation's products, orders and VIP code
//! (CAT-5, issue 13) — on SQLite and on PostgreSQL.

use std::sync::Arc;

use guichet_core::{
    Error,
    accounts::{self, RequestMeta},
    both_engines,
    catalog::{
        Catalogue,
        orders::{self, ItemInput, OrderInput},
        versions,
    },
    money::{Currency, Money},
    orgs::{self, address::AddressInput},
    payments::{PayInput, settle},
    sql,
    staff::{self, Page, StaffActor, StaffRole},
    testing::{ScriptedGateway, TestApp},
};

use crate::{orgs_support::org_made_by, support::reconfigure};

const PASSWORD: &str = "Lantern-Quarry-Mosaic-73";

async fn staff_member(app: &TestApp, email: &str, roles: &[StaffRole]) -> StaffActor {
    accounts::create_user(&app.ctx, email, PASSWORD, true)
        .await
        .unwrap();
    staff::create_staff(&app.ctx, email, roles).await.unwrap();
    let meta = RequestMeta::new("198.51.100.4", "test");
    let s = staff::sign_in(&app.ctx, email, PASSWORD, &meta)
        .await
        .unwrap();
    staff::authenticate_session(&app.ctx, &s.token, &meta)
        .await
        .unwrap()
        .actor
}

/// The demo with hosting-start's monthly CHF price changed to `price`.
fn demo_priced(price: &str) -> String {
    let demo = Catalogue::demo_text();
    let from = demo.find("id = \"hosting-start\"").unwrap();
    let at = from + demo[from..].find("1 = { CHF = \"6.00\"").unwrap();
    format!(
        "{}1 = {{ CHF = \"{price}\"{}",
        &demo[..at],
        &demo[at + "1 = { CHF = \"6.00\"".len()..]
    )
}

fn monthly_chf(ctx: &guichet_core::Ctx) -> Money {
    ctx.catalog
        .current()
        .plan("hosting-start")
        .unwrap()
        .price(1, Currency::Chf, 1, None, true)
        .unwrap()
}

async fn staff_log(app: &TestApp) -> Vec<(String, String, String)> {
    let mut c = app.ctx.db.acquire().await.unwrap();
    let rows: Vec<(String, String, String)> = sql!(c.conn(), fetch_all as (String, String, String),
        "SELECT action, target, detail FROM staff_audit_events WHERE action = 'catalog.published' ORDER BY id")
    .unwrap();
    rows
}

both_engines!(an_admin_publishes_a_catalogue_that_runs_at_once);
async fn an_admin_publishes_a_catalogue_that_runs_at_once(app: Arc<TestApp>) {
    // proves: CAT-1
    let admin = staff_member(&app, "grace@provider.test", &[StaffRole::Admin]).await;
    let before = versions::current(&app.ctx, &admin).await.unwrap();
    // Before any version: the demo's text (no file configured).
    assert_eq!(before.toml, Catalogue::demo_text());
    assert_eq!(before.version, None);
    assert_eq!(monthly_chf(&app.ctx), Money::new(600, Currency::Chf));

    // A browser's line ends are stored as \n.
    let text = demo_priced("7.00").replace('\n', "\r\n");
    let v1 = versions::publish(&app.ctx, &admin, &text, Some(" dearer hosting "))
        .await
        .unwrap();
    assert_eq!(v1.version, 1);
    assert_eq!(v1.note.as_deref(), Some("dearer hosting"));
    assert_eq!(app.ctx.catalog.version(), Some(1));
    assert_eq!(monthly_chf(&app.ctx), Money::new(700, Currency::Chf));
    let now = versions::current(&app.ctx, &admin).await.unwrap();
    assert_eq!(now.toml, demo_priced("7.00"));
    assert_eq!(now.version, Some(1));
    assert_eq!(now.published_by.as_ref(), Some(&admin.user_id));
    assert_eq!(
        now.published_by_email.as_deref(),
        Some("grace@provider.test")
    );

    let v2 = versions::publish(&app.ctx, &admin, &demo_priced("8.00"), None)
        .await
        .unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(monthly_chf(&app.ctx), Money::new(800, Currency::Chf));
    // The history, newest first; an old version's text stays readable.
    let list = versions::list(&app.ctx, &admin).await.unwrap();
    assert_eq!(list.iter().map(|v| v.version).collect::<Vec<_>>(), [2, 1]);
    assert_eq!(list[1].note.as_deref(), Some("dearer hosting"));
    assert_eq!(list[0].published_by_email, "grace@provider.test");
    let old = versions::version(&app.ctx, &admin, 1).await.unwrap();
    assert_eq!(old.toml, demo_priced("7.00"));
    assert_eq!(old.running_version, Some(2));
    assert!(matches!(
        versions::version(&app.ctx, &admin, 3).await,
        Err(Error::NotFound)
    ));
    // Each publication is in the staff audit log.
    let log = staff_log(&app).await;
    assert_eq!(
        log,
        [
            (
                "catalog.published".into(),
                "catalog_version:1".into(),
                "dearer hosting".into()
            ),
            (
                "catalog.published".into(),
                "catalog_version:2".into(),
                String::new()
            ),
        ]
    );
}

both_engines!(a_catalogue_with_mistakes_is_refused_with_each_and_changes_nothing);
async fn a_catalogue_with_mistakes_is_refused_with_each_and_changes_nothing(app: Arc<TestApp>) {
    // proves: CAT-1
    let admin = staff_member(&app, "grace@provider.test", &[StaffRole::Admin]).await;
    let support = staff_member(&app, "hedy@provider.test", &[StaffRole::Support]).await;
    versions::publish(&app.ctx, &admin, &demo_priced("7.00"), None)
        .await
        .unwrap();

    // Three mistakes, and a note too long: all four at once.
    let bad = demo_priced("-1")
        .replacen("kind = \"web_hosting\"", "kind = \"boat\"", 1)
        .replacen(
            "currencies = [\"CHF\", \"EUR\"]",
            "currencies = [\"CHF\", \"XYZ\"]",
            1,
        );
    let long_note = "n".repeat(versions::NOTE_MAX_CHARS + 1);
    let Err(Error::Validation(fields)) =
        versions::publish(&app.ctx, &admin, &bad, Some(&long_note)).await
    else {
        panic!("refused as invalid");
    };
    let places: Vec<&str> = fields.iter().map(|f| f.attribute.as_str()).collect();
    assert!(places.contains(&"note"), "{places:?}");
    assert!(
        places.iter().any(|p| p.starts_with("currencies")),
        "{places:?}"
    );
    assert!(places.iter().any(|p| p.ends_with(".kind")), "{places:?}");
    assert!(
        places.iter().any(|p| p.contains("prices.1.CHF")),
        "{places:?}"
    );
    assert!(
        fields
            .iter()
            .filter(|f| f.attribute != "note")
            .all(|f| f.code == "invalid_catalogue"),
        "{fields:?}"
    );
    // A syntax error is placed by its line.
    let Err(Error::Validation(fields)) =
        versions::publish(&app.ctx, &admin, "currencies = [\n", None).await
    else {
        panic!("refused");
    };
    assert!(fields[0].attribute.starts_with("line "), "{fields:?}");
    // NUL never reaches the database.
    let Err(Error::Validation(fields)) =
        versions::publish(&app.ctx, &admin, "currencies = []\0", None).await
    else {
        panic!("refused");
    };
    assert_eq!(fields[0].attribute, "toml");

    // Nothing changed: still version 1, its price, one row.
    assert_eq!(app.ctx.catalog.version(), Some(1));
    assert_eq!(monthly_chf(&app.ctx), Money::new(700, Currency::Chf));
    assert_eq!(versions::list(&app.ctx, &admin).await.unwrap().len(), 1);

    // Support reads, but does not publish.
    assert_eq!(
        versions::current(&app.ctx, &support).await.unwrap().version,
        Some(1)
    );
    let refused = versions::publish(&app.ctx, &support, &demo_priced("1.00"), None).await;
    assert_eq!(refused.unwrap_err().code(), "forbidden");
    assert_eq!(app.ctx.catalog.version(), Some(1));
}

both_engines!(the_newest_version_runs_at_start_and_other_instances_pick_it_up);
async fn the_newest_version_runs_at_start_and_other_instances_pick_it_up(app: Arc<TestApp>) {
    // proves: CAT-1
    let admin = staff_member(&app, "grace@provider.test", &[StaffRole::Admin]).await;
    // Another instance on the same database, started before any version.
    let other = reconfigure(&app, |_| {});
    assert_eq!(versions::load_newest(&other).await.unwrap(), None);
    assert_eq!(other.catalog.version(), None);

    versions::publish(&app.ctx, &admin, &demo_priced("7.00"), None)
        .await
        .unwrap();
    // The other instance sells from the file until its sweep runs…
    assert_eq!(monthly_chf(&other), Money::new(600, Currency::Chf));
    let sweep = guichet_core::jobs::all()
        .into_iter()
        .find(|s| s.name == "catalog.versions")
        .unwrap();
    assert!(sweep.per_instance, "every instance runs it, no lease");
    assert!(sweep.every <= std::time::Duration::from_secs(60));
    let outcome = guichet_core::jobs::run_sweep(&other, &sweep, "other").await;
    assert_eq!(
        outcome,
        guichet_core::jobs::SweepOutcome::Ran(guichet_core::jobs::SweepReport {
            done: 1,
            failed: 0
        })
    );
    assert_eq!(other.catalog.version(), Some(1));
    assert_eq!(monthly_chf(&other), Money::new(700, Currency::Chf));
    // …and again changes nothing.
    assert_eq!(
        versions::refresh(&other).await.unwrap(),
        guichet_core::jobs::SweepReport::default()
    );

    // A new start: the newest version overrides the file.
    let started = reconfigure(&app, |_| {});
    assert_eq!(started.catalog.version(), None);
    assert_eq!(versions::load_newest(&started).await.unwrap(), Some(1));
    assert_eq!(monthly_chf(&started), Money::new(700, Currency::Chf));
}

both_engines!(a_version_this_binary_cannot_read_does_not_stop_the_start);
async fn a_version_this_binary_cannot_read_does_not_stop_the_start(app: Arc<TestApp>) {
    // proves: CAT-1
    let admin = staff_member(&app, "grace@provider.test", &[StaffRole::Admin]).await;
    versions::publish(&app.ctx, &admin, &demo_priced("7.00"), None)
        .await
        .unwrap();
    // As if a newer binary had published a format this one does not know.
    {
        let mut c = app.ctx.db.acquire().await.unwrap();
        sql!(c.conn(), execute,
            "INSERT INTO catalog_versions (version, toml, published_by, published_at, note) VALUES (2, 'format = 2', $1, 0, NULL)",
            &admin.user_id)
        .unwrap();
    }
    let started = reconfigure(&app, |_| {});
    assert_eq!(versions::load_newest(&started).await.unwrap(), None);
    assert_eq!(monthly_chf(&started), Money::new(600, Currency::Chf));
    // An instance already on version 1 stays on it.
    assert_eq!(versions::refresh(&app.ctx).await.unwrap().done, 0);
    assert_eq!(app.ctx.catalog.version(), Some(1));
    // The editor shows the newest text, to be fixed.
    let source = versions::current(&app.ctx, &admin).await.unwrap();
    assert_eq!((source.version, source.running_version), (Some(2), Some(1)));
}

both_engines!(staff_see_an_orgs_products_and_orders_and_find_it_by_vip_code);
async fn staff_see_an_orgs_products_and_orders_and_find_it_by_vip_code(app: Arc<TestApp>) {
    // proves: CAT-5 // issue 13: staff see products and orders
    let gateway = ScriptedGateway::new();
    let ctx = gateway.install(&app.ctx);
    let org = org_made_by(&app, "ada@example.test").await;
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
    let item = |plan: &str| ItemInput {
        plan_id: plan.into(),
        months: 12,
        quantity: None,
        storage_gb: None,
        domain: None,
    };
    let placed = orders::place(
        &ctx,
        &org.legal.actor,
        &org.id,
        &OrderInput {
            items: vec![item("premium-support"), item("hosting-start")],
            billing_address_id: None,
            payment: Some(PayInput {
                method: "card".into(),
                ..PayInput::default()
            }),
        },
        None,
    )
    .await
    .unwrap();
    let n = gateway.capture(&placed.payment.as_ref().unwrap().id, false);
    settle::notification(&ctx, "scripted", Some(&n.0), &n.1)
        .await
        .unwrap();
    // A second order, left pending.
    orders::place(
        &ctx,
        &org.legal.actor,
        &org.id,
        &OrderInput {
            items: vec![item("hosting-start")],
            billing_address_id: None,
            payment: None,
        },
        None,
    )
    .await
    .unwrap();

    let billing = staff_member(&app, "hedy@provider.test", &[StaffRole::Billing]).await;
    let support = staff_member(&app, "lin@provider.test", &[StaffRole::Support]).await;
    let summary = staff::org_summary(&ctx, &billing, &org.id).await.unwrap();
    assert_eq!(summary.products.len(), 2, "{:?}", summary.products);
    let vip = summary
        .products
        .iter()
        .find(|p| p.kind == "premium_support")
        .and_then(|p| p.vip_code.clone())
        .expect("premium support has a VIP code");
    assert!(summary.products.iter().all(|p| p.status == "active"));
    let orders = summary.orders.expect("billing sees orders");
    assert_eq!(
        orders.iter().map(|o| o.status.as_str()).collect::<Vec<_>>(),
        ["pending", "paid"],
        "newest first"
    );
    assert_eq!(orders[1].total, placed.order.total);
    assert_eq!(orders[1].number, placed.order.invoice_number);
    // Support sees the products, not the money.
    let summary = staff::org_summary(&ctx, &support, &org.id).await.unwrap();
    assert_eq!(summary.products.len(), 2);
    assert!(summary.orders.is_none());

    // The VIP code finds the organisation, however it is said.
    let spoken = vip.to_lowercase().replace('-', " ");
    for q in [vip.as_str(), spoken.as_str()] {
        let found = staff::search(&ctx, &support, q, Page::default())
            .await
            .unwrap();
        assert_eq!(found.matched_by, "vip_code", "{q}");
        assert_eq!(
            found.orgs.iter().map(|o| &o.id).collect::<Vec<_>>(),
            [&org.id],
            "{q}"
        );
    }
    // A code nobody holds finds nothing by code (and reads as a name).
    let found = staff::search(&ctx, &support, "VIP-2222-3333", Page::default())
        .await
        .unwrap();
    assert_eq!(found.matched_by, "name");
    assert!(found.orgs.is_empty());
}
