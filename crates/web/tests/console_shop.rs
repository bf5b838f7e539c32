//! The shop, cart, checkout, orders and products pages, in process on
//! both engines (issue 13), against the scripted gateway: the shop shows
//! its order controls only to members who may pay; the cart's totals are
//! those of the invoice the order issues; a checkout sent twice places
//! one order; a restricted member sees exactly the products their rights
//! open; the overview says what expires soon.

use std::sync::Arc;

use axum::http::{StatusCode, header};
use guichet_core::{
    billing::{self, Issuer},
    catalog::orders::{self, ItemInput, OrderInput},
    ids::{OrgId, PaymentId},
    orgs::{self, Role, Window},
    payments::PayInput,
    testing::{ScriptedGateway, TestApp},
};

use crate::{
    console_billing::{assert_status, hidden},
    console_payments::{GATEWAY_PAGE, customer, run, with_gateway},
    console_support::{Visit, signed_in, test_id_text},
    orgs_support::{Caller, PASSWORD, add_member, caller, notify},
    support::Answer,
};

/// Add one plan to the cart from the shop's form.
async fn add(v: &mut Visit, org: &OrgId, fields: &[(&str, &str)]) -> Answer {
    v.get(&format!("/orgs/{org}/shop")).await;
    v.post(&format!("/orgs/{org}/shop/add"), fields).await
}

fn sent_to_gateway(res: &Answer) -> PaymentId {
    assert_status(res, StatusCode::SEE_OTHER);
    let to = res.header(header::LOCATION);
    let id = to
        .strip_prefix(GATEWAY_PAGE)
        .unwrap_or_else(|| panic!("not the gateway's page: {to}"));
    PaymentId::parse(id).unwrap()
}

fn count(html: &str, test_id: &str) -> usize {
    html.matches(&format!(r#"data-testid="{test_id}""#)).count()
}

with_gateway!(the_shop_shows_its_order_controls_only_to_members_who_may_pay);
async fn the_shop_shows_its_order_controls_only_to_members_who_may_pay(
    app: Arc<TestApp>,
    _gateway: Arc<ScriptedGateway>,
) {
    // proves: CAT-2, ORG-2
    let (_, org) = customer(&app, "ada@example.test").await;
    let sam = caller(&app, "sam@example.test").await;
    add_member(
        &app,
        org.as_str(),
        sam.id.as_str(),
        Role::User,
        &["kind:domain"],
    )
    .await;

    let mut ada = signed_in(&app, "ada@example.test", PASSWORD).await;
    let html = ada.get(&format!("/orgs/{org}")).await.text();
    for tab in ["products", "shop", "orders"] {
        assert!(
            html.contains(&format!(r#"data-testid="tab-{tab}""#)),
            "{tab}"
        );
    }
    assert_eq!(test_id_text(&html, "cart-count").as_deref(), Some("0"));
    let html = ada.get(&format!("/orgs/{org}/shop")).await.text();
    assert!(
        html.contains(r#"data-testid="shop-form-hosting-start""#),
        "{html}"
    );
    assert!(
        html.contains(r#"data-testid="shop-domain-domain-ch""#),
        "{html}"
    );
    assert!(html.contains(r#"data-testid="shop-storage-suite-business""#));
    assert!(html.contains(r#"data-testid="shop-quantity-mail-pro""#));
    // Prices in the organisation's currency, before VAT.
    assert!(html.contains("CHF\u{a0}60.00"), "{html}");
    assert!(!html.contains(r#"data-testid="shop-no-right""#));

    // A restricted member browses the same catalogue without the forms,
    // and is told why; the cart and ordering are refused.
    let mut v = signed_in(&app, "sam@example.test", PASSWORD).await;
    let html = v.get(&format!("/orgs/{org}")).await.text();
    assert!(html.contains(r#"data-testid="tab-shop""#), "{html}");
    assert!(html.contains(r#"data-testid="tab-products""#), "{html}");
    assert!(!html.contains(r#"data-testid="tab-orders""#), "{html}");
    assert!(!html.contains(r#"data-testid="cart-link""#), "{html}");
    let html = v.get(&format!("/orgs/{org}/shop")).await.text();
    assert!(
        html.contains(r#"data-testid="shop-plan-hosting-start""#),
        "{html}"
    );
    assert!(html.contains(r#"data-testid="shop-no-right""#), "{html}");
    assert_eq!(count(&html, "shop-form-hosting-start"), 0, "{html}");
    assert!(!html.contains("/shop/add"), "{html}");
    let res = v
        .post(
            &format!("/orgs/{org}/shop/add"),
            &[("plan_id", "hosting-start"), ("months", "12")],
        )
        .await;
    assert_status(&res, StatusCode::FORBIDDEN);
    assert_status(
        &v.get(&format!("/orgs/{org}/cart")).await,
        StatusCode::FORBIDDEN,
    );
    assert_status(
        &v.get(&format!("/orgs/{org}/orders")).await,
        StatusCode::FORBIDDEN,
    );
}

with_gateway!(the_cart_keeps_its_lines_and_totals_them_as_the_invoice_does);
async fn the_cart_keeps_its_lines_and_totals_them_as_the_invoice_does(
    app: Arc<TestApp>,
    _gateway: Arc<ScriptedGateway>,
) {
    // proves: CAT-2, BIL-1
    let (ada, org) = customer(&app, "ada@example.test").await;
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;
    let html = v.get(&format!("/orgs/{org}/cart")).await.text();
    assert!(html.contains(r#"data-testid="cart-empty""#), "{html}");

    // A mistake is said by the plan's own form, with what was typed.
    let res = add(
        &mut v,
        &org,
        &[
            ("plan_id", "domain-ch"),
            ("months", "24"),
            ("domain", "bad_name.ch"),
        ],
    )
    .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text();
    assert!(html.contains(r#"value="bad_name.ch""#), "{html}");
    assert!(html.contains(r#"id="domain-ch-domain-error""#), "{html}");

    for fields in [
        &[
            ("plan_id", "domain-ch"),
            ("months", "24"),
            ("domain", "bücher.ch"),
        ][..],
        &[("plan_id", "hosting-start"), ("months", "12")][..],
        &[("plan_id", "mail-pro"), ("months", "12"), ("quantity", "3")][..],
        &[
            ("plan_id", "suite-business"),
            ("months", "1"),
            ("quantity", "2"),
            ("storage_gb", "300"),
        ][..],
    ] {
        let res = add(&mut v, &org, fields).await;
        assert_status(&res, StatusCode::SEE_OTHER);
    }
    // Kept in the database: another device (another sign-in) sees it.
    let mut other = signed_in(&app, "ada@example.test", PASSWORD).await;
    let html = other.get(&format!("/orgs/{org}/cart")).await.text();
    assert_eq!(count(&html, "cart-line"), 4, "{html}");
    assert_eq!(test_id_text(&html, "cart-count").as_deref(), Some("4"));

    // Remove the hosting, make the mail 5 mailboxes.
    let lines = orders_lines(&html);
    let hosting = &lines[1];
    let mail = &lines[2];
    let res = other
        .post(&format!("/orgs/{org}/cart/{hosting}/remove"), &[])
        .await;
    assert_status(&res, StatusCode::SEE_OTHER);
    let res = other
        .post(
            &format!("/orgs/{org}/cart/{mail}/quantity"),
            &[("quantity", "5")],
        )
        .await;
    assert_status(&res, StatusCode::SEE_OTHER);
    // Out of the plan's range: refused, nothing changed.
    let res = other
        .post(
            &format!("/orgs/{org}/cart/{mail}/quantity"),
            &[("quantity", "501")],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);

    let html = v.get(&format!("/orgs/{org}/cart")).await.text();
    assert_eq!(count(&html, "cart-line"), 3, "{html}");
    assert!(html.contains("bücher.ch"), "{html}");
    // 2 × 12.00 + 5 × 20.00 + 2 × 6.50 + 2 × 2.00 (two steps above 100 GB).
    assert!(html.contains("CHF\u{a0}24.00"), "{html}");
    assert!(html.contains("CHF\u{a0}100.00"), "{html}");
    assert!(html.contains("CHF\u{a0}17.00"), "{html}");
    let net = test_id_text(&html, "cart-net").unwrap();
    let vat = test_id_text(&html, "cart-vat").unwrap();
    let total = test_id_text(&html, "cart-total").unwrap();
    assert_eq!(net, "CHF\u{a0}141.00");

    // The checkout by bank transfer: the invoice says exactly that.
    let html = v.get(&format!("/orgs/{org}/checkout")).await.text();
    assert_eq!(test_id_text(&html, "cart-total").unwrap(), total);
    let key = hidden(&html, "key");
    let address = hidden(&html, "billing_address_id");
    let mut fields = vec![
        ("key", key.as_str()),
        ("method", "bank_transfer"),
        ("billing_address_id", address.as_str()),
    ];
    let line_ids = orders_lines(&v.get(&format!("/orgs/{org}/cart")).await.text());
    for l in &line_ids {
        fields.push(("line", l.as_str()));
    }
    v.get(&format!("/orgs/{org}/checkout")).await;
    let res = v.post(&format!("/orgs/{org}/checkout"), &fields).await;
    assert_status(&res, StatusCode::SEE_OTHER);
    let placed = orders::list_orders(
        &app.ctx,
        &ada.actor,
        &org,
        Window {
            offset: 0,
            limit: 10,
        },
    )
    .await
    .unwrap();
    assert_eq!(placed.total, 1);
    let order = &placed.items[0];
    let invoice = billing::invoices::get_invoice(&app.ctx, &ada.actor, &org, &order.invoice_id)
        .await
        .unwrap();
    let doc = v
        .get(&format!("/orgs/{org}/invoices/{}", invoice.id))
        .await
        .text();
    assert_eq!(test_id_text(&doc, "invoice-net").unwrap(), net);
    assert_eq!(test_id_text(&doc, "invoice-vat").unwrap(), vat);
    assert_eq!(test_id_text(&doc, "invoice-total").unwrap(), total);
    // The cart is empty now; the order waits for the transfer.
    let html = v.get(&format!("/orgs/{org}/cart")).await.text();
    assert!(html.contains(r#"data-testid="cart-empty""#), "{html}");
    let html = v
        .get(&format!("/orgs/{org}/orders/{}", order.id))
        .await
        .text();
    assert!(html.contains(r#"data-status="pending""#), "{html}");
    assert!(html.contains(r#"data-testid="order-pay""#), "{html}");
    assert!(html.contains(r#"data-testid="order-cancel""#), "{html}");
    // Cancelled: credited, no more pay button.
    let res = v
        .post(&format!("/orgs/{org}/orders/{}/cancel", order.id), &[])
        .await;
    assert_status(&res, StatusCode::SEE_OTHER);
    let html = v
        .get(&format!("/orgs/{org}/orders/{}", order.id))
        .await
        .text();
    assert!(html.contains(r#"data-status="cancelled""#), "{html}");
    assert!(!html.contains(r#"data-testid="order-pay""#), "{html}");
    // The staff side sees the invoice credited.
    let staff = billing::invoices::staff_invoices(
        &app.ctx,
        Issuer::Operator,
        &org,
        Window {
            offset: 0,
            limit: 10,
        },
    )
    .await
    .unwrap();
    assert_eq!(staff.items[0].status, "cancelled");
}

/// The cart lines' ids, in their order on the page.
fn orders_lines(html: &str) -> Vec<String> {
    html.split(r#"data-testid="cart-line" data-line=""#)
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

with_gateway!(a_checkout_sent_twice_places_one_order_and_one_payment);
async fn a_checkout_sent_twice_places_one_order_and_one_payment(
    app: Arc<TestApp>,
    gateway: Arc<ScriptedGateway>,
) {
    // proves: CAT-2, BIL-3
    let (ada, org) = customer(&app, "ada@example.test").await;
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;
    let res = add(
        &mut v,
        &org,
        &[("plan_id", "hosting-start"), ("months", "12")],
    )
    .await;
    assert_status(&res, StatusCode::SEE_OTHER);
    let html = v.get(&format!("/orgs/{org}/checkout")).await.text();
    let key = hidden(&html, "key");
    let address = hidden(&html, "billing_address_id");
    let line = hidden(&html, "line");
    let fields = [
        ("key", key.as_str()),
        ("method", "card"),
        ("billing_address_id", address.as_str()),
        ("line", line.as_str()),
    ];
    let first = sent_to_gateway(&v.post(&format!("/orgs/{org}/checkout"), &fields).await);
    let second = sent_to_gateway(&v.post(&format!("/orgs/{org}/checkout"), &fields).await);
    assert_eq!(first, second);
    let placed = orders::list_orders(
        &app.ctx,
        &ada.actor,
        &org,
        Window {
            offset: 0,
            limit: 10,
        },
    )
    .await
    .unwrap();
    assert_eq!(placed.total, 1);

    // Paid by the gateway: the order page shows the product it made.
    let res = notify(&app.ctx, &gateway.capture(&first, true)).await;
    assert!(res.status.is_success(), "{}", res.text());
    let html = v
        .get(&format!("/orgs/{org}/orders/{}", placed.items[0].id))
        .await
        .text();
    assert!(html.contains(r#"data-status="paid""#), "{html}");
    assert_eq!(count(&html, "order-product"), 1, "{html}");
    let html = v.get(&format!("/orgs/{org}/orders")).await.text();
    assert_eq!(count(&html, "order-row"), 1, "{html}");
    let html = v.get(&format!("/orgs/{org}/products")).await.text();
    assert_eq!(count(&html, "product-row"), 1, "{html}");
    assert!(html.contains(r#"data-status="active""#), "{html}");
}

/// Order and pay `items` for `org` through the core (the gateway
/// captures): the products exist.
async fn paid_order(
    app: &TestApp,
    gateway: &ScriptedGateway,
    owner: &Caller,
    org: &OrgId,
    items: Vec<ItemInput>,
) {
    let placed = orders::place(
        &app.ctx,
        &owner.actor,
        org,
        &OrderInput {
            items,
            billing_address_id: None,
            payment: Some(PayInput {
                method: "card".into(),
                save_method: true,
                ..PayInput::default()
            }),
        },
        None,
    )
    .await
    .unwrap();
    let payment = placed.payment.unwrap().id;
    let res = notify(&app.ctx, &gateway.capture(&payment, true)).await;
    assert!(res.status.is_success(), "{}", res.text());
}

fn item(plan: &str, months: u32, domain: Option<&str>) -> ItemInput {
    ItemInput {
        plan_id: plan.into(),
        months,
        quantity: None,
        storage_gb: None,
        domain: domain.map(str::to_owned),
    }
}

with_gateway!(a_restricted_member_sees_exactly_the_products_their_rights_open);
async fn a_restricted_member_sees_exactly_the_products_their_rights_open(
    app: Arc<TestApp>,
    gateway: Arc<ScriptedGateway>,
) {
    // proves: ORG-2, CAT-2, CAT-5
    let (ada, org) = customer(&app, "ada@example.test").await;
    paid_order(
        &app,
        &gateway,
        &ada,
        &org,
        vec![
            item("domain-ch", 12, Some("example.ch")),
            item("hosting-start", 12, None),
            item("premium-support", 1, None),
        ],
    )
    .await;
    let sam = caller(&app, "sam@example.test").await;
    add_member(
        &app,
        org.as_str(),
        sam.id.as_str(),
        Role::User,
        &["kind:domain"],
    )
    .await;

    let mut owner = signed_in(&app, "ada@example.test", PASSWORD).await;
    let html = owner.get(&format!("/orgs/{org}/products")).await.text();
    assert_eq!(count(&html, "product-row"), 3, "{html}");
    let ids = product_ids(&html);
    let html = owner
        .get(&format!("/orgs/{org}/products?kind=premium_support"))
        .await
        .text();
    assert_eq!(count(&html, "product-row"), 1, "{html}");
    let support = product_ids(&html).remove(0);
    // CAT-5: the VIP code on the product's page, with what it is for.
    let html = owner
        .get(&format!("/orgs/{org}/products/{support}"))
        .await
        .text();
    let code = test_id_text(&html, "product-vip-code").unwrap();
    assert!(code.starts_with("VIP-"), "{html}");
    assert!(html.contains("technical referent"), "{html}");
    let html = owner
        .get(&format!("/orgs/{org}/products?status=expired"))
        .await
        .text();
    assert!(html.contains(r#"data-testid="products-empty""#), "{html}");

    let mut v = signed_in(&app, "sam@example.test", PASSWORD).await;
    let html = v.get(&format!("/orgs/{org}/products")).await.text();
    assert_eq!(count(&html, "product-row"), 1, "{html}");
    assert!(html.contains("example.ch"), "{html}");
    let domain = product_ids(&html).remove(0);
    for id in &ids {
        let res = v.get(&format!("/orgs/{org}/products/{id}")).await;
        let expected = if *id == domain {
            StatusCode::OK
        } else {
            StatusCode::NOT_FOUND
        };
        assert_status(&res, expected);
    }
    // Another organisation's products do not exist for the owner either.
    let (_, other) = customer(&app, "bob@example.test").await;
    assert_status(
        &owner.get(&format!("/orgs/{other}/products/{domain}")).await,
        StatusCode::NOT_FOUND,
    );
}

fn product_ids(html: &str) -> Vec<String> {
    html.split("/products/")
        .skip(1)
        .filter_map(|rest| {
            let end = rest.find('"')?;
            let id = &rest[..end];
            (id.starts_with("prd_") && rest[end..].starts_with(r#"" data-testid="product-link""#))
                .then(|| id.to_string())
        })
        .collect()
}

with_gateway!(the_overview_counts_the_products_and_says_what_expires_soon);
async fn the_overview_counts_the_products_and_says_what_expires_soon(
    app: Arc<TestApp>,
    gateway: Arc<ScriptedGateway>,
) {
    // proves: REN-1, ORG-2
    let (ada, org) = customer(&app, "ada@example.test").await;
    paid_order(
        &app,
        &gateway,
        &ada,
        &org,
        vec![
            item("domain-ch", 12, Some("example.ch")),
            item("domain-ch", 24, Some("exemple.ch")),
            item("hosting-start", 1, None),
        ],
    )
    .await;
    let sam = caller(&app, "sam@example.test").await;
    add_member(
        &app,
        org.as_str(),
        sam.id.as_str(),
        Role::User,
        &["kind:domain"],
    )
    .await;
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;
    let html = v.get(&format!("/orgs/{org}")).await.text();
    assert!(
        html.contains(r#"data-testid="overview-count-domain""#),
        "{html}"
    );
    assert!(
        html.contains(r#"data-testid="overview-count-web_hosting""#),
        "{html}"
    );
    // The one-month hosting expires within 30 days.
    assert_eq!(count(&html, "overview-expiring-product"), 1, "{html}");
    assert!(
        test_id_text(&html, "overview-expiring-count")
            .unwrap()
            .starts_with("1 product expires"),
        "{html}"
    );

    // Eleven months on: the first domain too (the hosting is past).
    app.advance_days(340);
    // (Signed in again: a session does not last eleven months.)
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;
    let html = v.get(&format!("/orgs/{org}")).await.text();
    assert_eq!(count(&html, "overview-expiring-product"), 1, "{html}");
    assert!(html.contains(">example.ch<"), "{html}");

    // A member restricted to domains sees theirs only.
    let mut s = signed_in(&app, "sam@example.test", PASSWORD).await;
    let html = s.get(&format!("/orgs/{org}")).await.text();
    assert!(
        html.contains(r#"data-testid="overview-count-domain""#),
        "{html}"
    );
    assert!(
        !html.contains(r#"data-testid="overview-count-web_hosting""#),
        "{html}"
    );
    assert!(html.contains(">example.ch<"), "{html}");
}

with_gateway!(a_product_page_changes_renewal_moves_upgrades_and_seats);
async fn a_product_page_changes_renewal_moves_upgrades_and_seats(
    app: Arc<TestApp>,
    gateway: Arc<ScriptedGateway>,
) {
    // proves: REN-1, REN-4, SUI-1, SUI-2, ORG-5
    let (ada, org) = customer(&app, "ada@example.test").await;
    paid_order(
        &app,
        &gateway,
        &ada,
        &org,
        vec![
            item("hosting-start", 12, None),
            item("nas-4bay", 12, None),
            ItemInput {
                quantity: Some(1),
                storage_gb: Some(100),
                ..item("suite-business", 12, None)
            },
        ],
    )
    .await;
    let all = guichet_core::catalog::products::list_products(
        &app.ctx,
        &ada.actor,
        &org,
        &Default::default(),
        Window {
            offset: 0,
            limit: 50,
        },
    )
    .await
    .unwrap()
    .items;
    let id_of = |plan: &str| {
        all.iter()
            .find(|p| p.plan_id == plan && p.parent_id.is_none())
            .unwrap()
            .id
            .clone()
    };
    let (hosting, nas, suite) = (
        id_of("hosting-start"),
        id_of("nas-4bay"),
        id_of("suite-business"),
    );
    let product = |id: &guichet_core::ids::ProductId| {
        let app = app.clone();
        let actor = ada.actor.clone();
        let org = org.clone();
        let id = id.clone();
        async move {
            guichet_core::catalog::products::get_product(&app.ctx, &actor, &org, &id)
                .await
                .unwrap()
        }
    };
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;
    let page = |id: &guichet_core::ids::ProductId| format!("/orgs/{org}/products/{id}");

    // Renewal settings: warranty on, auto-renewal off (unchecked).
    let html = v.get(&page(&hosting)).await.text();
    assert_eq!(count(&html, "renewal-form"), 1, "{html}");
    let res = v
        .post(
            &format!("{}/renewal", page(&hosting)),
            &[("renewal_warranty", "on")],
        )
        .await;
    assert_status(&res, StatusCode::SEE_OTHER);
    assert!(res.header(header::LOCATION).ends_with("?saved=renewal"));
    let now = product(&hosting).await;
    assert!(now.renewal_warranty && !now.auto_renew);
    // A NAS device offers no warranty, and a forged one is refused beside
    // the form (REN-4).
    let html = v.get(&page(&nas)).await.text();
    assert_eq!(count(&html, "renewal-warranty"), 0, "{html}");
    let res = v
        .post(
            &format!("{}/renewal", page(&nas)),
            &[("renewal_warranty", "on")],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().contains("no renewal warranty"), "{}", res.text());

    // Several at once from the list, all or none.
    v.get(&format!("/orgs/{org}/products")).await;
    let bulk = format!("/orgs/{org}/products/bulk");
    let res = v
        .post(
            &bulk,
            &[
                ("product_id", hosting.as_str()),
                ("product_id", nas.as_str()),
                ("action", "warranty_on"),
            ],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text().contains(nas.as_str()),
        "names the NAS: {}",
        res.text()
    );
    let res = v
        .post(
            &bulk,
            &[
                ("product_id", hosting.as_str()),
                ("product_id", nas.as_str()),
                ("action", "auto_renew_on"),
            ],
        )
        .await;
    assert_status(&res, StatusCode::SEE_OTHER);
    assert!(product(&nas).await.auto_renew);
    assert!(product(&hosting).await.auto_renew, "with the order's card");

    // A suite: no move, an upgrade ordered once however often posted,
    // and its seat.
    orgs::create_org(
        &app.ctx,
        &ada.actor,
        orgs::OrgInput {
            name: Some("Other SA".into()),
            ..orgs::OrgInput::default()
        },
    )
    .await
    .unwrap();
    let html = v.get(&page(&suite)).await.text();
    assert_eq!(count(&html, "move-form"), 0, "a suite never moves: {html}");
    let key = hidden(&html, "upgrade_key");
    let upgrade = format!("{}/upgrade", page(&suite));
    let res = v
        .post(&upgrade, &[("users", "0"), ("upgrade_key", &key)])
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    let key = hidden(&v.get(&page(&suite)).await.text(), "upgrade_key");
    let first = v
        .post(&upgrade, &[("users", "3"), ("upgrade_key", &key)])
        .await;
    assert_status(&first, StatusCode::SEE_OTHER);
    let to = first.header(header::LOCATION).to_string();
    assert!(to.starts_with(&format!("/orgs/{org}/orders/ord_")), "{to}");
    let again = v
        .post(&upgrade, &[("users", "3"), ("upgrade_key", &key)])
        .await;
    assert_eq!(again.header(header::LOCATION), to, "one upgrade order");
    v.get(&page(&suite)).await;
    let res = v
        .post(
            &format!("{}/seats", page(&suite)),
            &[("user_id", ada.id.as_str())],
        )
        .await;
    assert_status(&res, StatusCode::SEE_OTHER);
    let html = v.get(&page(&suite)).await.text();
    assert_eq!(
        test_id_text(&html, "seats-count").as_deref(),
        Some("1 of 1 seats given")
    );

    // A member with a right on web hosting changes its renewal but does
    // not move it: that needs an owner here (and there, where Bob's own
    // organisation would qualify).
    let bob = caller(&app, "bob@example.test").await;
    add_member(
        &app,
        org.as_str(),
        bob.id.as_str(),
        Role::User,
        &["kind:web_hosting"],
    )
    .await;
    let mut b = signed_in(&app, "bob@example.test", PASSWORD).await;
    let html = b.get(&page(&hosting)).await.text();
    assert_eq!(count(&html, "renewal-form"), 1, "{html}");
    assert_eq!(count(&html, "move-form"), 0, "{html}");

    // The hosting moves to Ada's other organisation.
    let html = v.get(&page(&hosting)).await.text();
    let other = hidden_option(&html, "move-to");
    let res = v
        .post(
            &format!("{}/move", page(&hosting)),
            &[("to_org_id", &other)],
        )
        .await;
    assert_status(&res, StatusCode::SEE_OTHER);
    assert_eq!(
        res.header(header::LOCATION),
        format!("/orgs/{other}/products/{hosting}?saved=moved")
    );
}

/// The first option's value of the select `test_id`.
fn hidden_option(html: &str, test_id: &str) -> String {
    let at = html
        .find(&format!(r#"data-testid="{test_id}""#))
        .unwrap_or_else(|| panic!("no {test_id} in {html}"));
    let rest = &html[at..];
    let start = rest.find(r#"<option value=""#).unwrap() + r#"<option value=""#.len();
    rest[start..start + rest[start..].find('"').unwrap()].to_string()
}
