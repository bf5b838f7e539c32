//! Invoices and credit notes in the console and the back office, in
//! process on both engines (issue 11): a customer with the billing right
//! lists, filters, pages and reads their issued invoices and downloads
//! the PDFs kept at issue; others are refused. Staff with the billing role
//! draft, change, issue and credit through the back office's forms, each
//! error by its field; a form sent twice makes one document.

use std::sync::Arc;

use axum::http::{StatusCode, header};
use guichet_core::{
    billing::{self, CreditInput, InvoiceInput, InvoiceView, Issuer, LineInput, vat::VatClass},
    both_engines,
    ids::{OrgId, UserId},
    orgs::{self, Role, Window, address::AddressInput},
    staff::{self, StaffRole},
    testing::TestApp,
};

use crate::{
    console_support::{Visit, assert_redirect, signed_in},
    orgs_support::{PASSWORD, add_member, caller},
    support::Answer,
};

const STAFF_PASSWORD: &str = "Lantern-Quarry-Mosaic-73";

/// A customer (with the personal organisation made at sign-up) whose
/// organisation has a Swiss billing address: (their user id, the org).
async fn customer(app: &TestApp, email: &str) -> (UserId, OrgId) {
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
    (c.id, org)
}

fn hosting(price: &str) -> InvoiceInput {
    InvoiceInput {
        billing_address_id: None,
        lines: vec![LineInput {
            description: "Web hosting Pro".into(),
            quantity: 1,
            unit_price: price.into(),
            vat_class: VatClass::Standard,
            period: None,
        }],
    }
}

async fn issued(app: &TestApp, org: &OrgId, price: &str) -> InvoiceView {
    billing::invoices::create_and_issue(&app.ctx, Issuer::Operator, org, &hosting(price))
        .await
        .unwrap()
}

async fn staff_invoices(app: &TestApp, org: &OrgId) -> Vec<InvoiceView> {
    let window = Window {
        offset: 0,
        limit: 100,
    };
    billing::invoices::staff_invoices(&app.ctx, Issuer::Operator, org, window)
        .await
        .unwrap()
        .items
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

pub fn assert_status(res: &Answer, status: StatusCode) {
    assert_eq!(res.status, status, "{}", res.text());
}

/// The value of the hidden field `name` in a page.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}" value=""#);
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

/// A staff member with `roles`, signed in to the back office.
pub async fn staff_visit(app: &Arc<TestApp>, email: &str, roles: &[StaffRole]) -> Visit {
    guichet_core::accounts::create_user(&app.ctx, email, STAFF_PASSWORD, true)
        .await
        .unwrap();
    staff::create_staff(&app.ctx, email, roles).await.unwrap();
    let mut v = Visit::new(app);
    v.get("/staff/signin").await;
    let res = v
        .post(
            "/staff/signin",
            &[("email", email), ("password", STAFF_PASSWORD)],
        )
        .await;
    assert_redirect(&res, "/staff");
    v
}

both_engines!(customers_read_their_issued_invoices_and_download_the_kept_pdfs);
async fn customers_read_their_issued_invoices_and_download_the_kept_pdfs(app: Arc<TestApp>) {
    // proves: BIL-1, BIL-2
    let (_, org) = customer(&app, "ada@example.test").await;
    let first = issued(&app, &org, "120.00").await;
    let second = issued(&app, &org, "1234.50").await;
    let draft =
        billing::invoices::create_draft(&app.ctx, Issuer::Operator, &org, &hosting("9.00"), None)
            .await
            .unwrap();
    let note = billing::credit_notes::credit(
        &app.ctx,
        Issuer::Operator,
        &first.id,
        &CreditInput {
            reason: "Cancelled".into(),
            lines: None,
        },
        None,
    )
    .await
    .unwrap();
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;

    // The tab, and the list: newest first, the draft nowhere.
    let overview = v.get(&format!("/orgs/{org}")).await.text();
    assert!(
        overview.contains(r#"data-testid="tab-invoices""#),
        "{overview}"
    );
    let res = v.get(&format!("/orgs/{org}/invoices")).await;
    assert_status(&res, StatusCode::OK);
    let html = res.text();
    assert_eq!(count(&html, r#"data-testid="invoice-row""#), 2, "{html}");
    let (a, b) = (
        html.find(second.number.as_deref().unwrap()).unwrap(),
        html.find(first.number.as_deref().unwrap()).unwrap(),
    );
    assert!(a < b, "newest first");
    assert!(!html.contains(draft.id.as_str()), "no draft: {html}");
    assert!(html.contains(r#"data-status="cancelled""#), "{html}");
    assert!(html.contains("Cancelled by credit note"), "{html}");
    // Amounts with their currency, grouped: 1234.50 + 8.1 % = 1334.49.
    assert!(html.contains("CHF\u{a0}1,334.49"), "{html}");
    // Its credit note below, with its PDF.
    assert_eq!(count(&html, r#"data-testid="credit-note-row""#), 1);
    assert!(html.contains(&format!("/orgs/{org}/credit-notes/{}/pdf", note.id)));

    // Filtered by status; a status that is none shows them all.
    let html = v
        .get(&format!("/orgs/{org}/invoices?status=cancelled"))
        .await
        .text();
    assert_eq!(count(&html, r#"data-testid="invoice-row""#), 1, "{html}");
    let html = v
        .get(&format!("/orgs/{org}/invoices?status=paid"))
        .await
        .text();
    assert!(html.contains(r#"data-testid="invoices-empty""#), "{html}");
    let html = v
        .get(&format!("/orgs/{org}/invoices?status=draft"))
        .await
        .text();
    assert_eq!(count(&html, r#"data-testid="invoice-row""#), 2, "{html}");

    // One invoice: as issued, its reference grouped for reading.
    let res = v.get(&format!("/orgs/{org}/invoices/{}", second.id)).await;
    assert_status(&res, StatusCode::OK);
    let html = res.text();
    let reference = second.reference.clone().unwrap();
    let printed = billing::reference::Reference::parse_any(&reference)
        .unwrap()
        .printed();
    assert!(printed.contains(' '), "{printed}");
    assert!(html.contains(&printed), "{printed}: {html}");
    assert!(html.contains("8.1%"), "{html}");
    assert!(html.contains("Web hosting Pro"));
    assert!(html.contains(&format!("/orgs/{org}/invoices/{}/pdf", second.id)));
    // A draft, seen by its id, is not there.
    assert_status(
        &v.get(&format!("/orgs/{org}/invoices/{}", draft.id)).await,
        StatusCode::NOT_FOUND,
    );

    // The PDFs, exactly as kept.
    let res = v
        .get(&format!("/orgs/{org}/invoices/{}/pdf", second.id))
        .await;
    assert_status(&res, StatusCode::OK);
    assert_eq!(res.header(header::CONTENT_TYPE), "application/pdf");
    assert_eq!(
        res.header(header::CONTENT_DISPOSITION),
        format!(
            "attachment; filename=\"invoice-{}.pdf\"",
            second.number.as_deref().unwrap()
        )
    );
    let (_, kept) = billing::invoices::staff_invoice_pdf(&app.ctx, Issuer::Operator, &second.id)
        .await
        .unwrap();
    assert!(res.body.starts_with(b"%PDF-"));
    assert_eq!(res.body, kept);
    let res = v
        .get(&format!("/orgs/{org}/credit-notes/{}/pdf", note.id))
        .await;
    assert_status(&res, StatusCode::OK);
    assert_eq!(res.header(header::CONTENT_TYPE), "application/pdf");
    assert_status(
        &v.get(&format!("/orgs/{org}/invoices/{}/pdf", draft.id))
            .await,
        StatusCode::NOT_FOUND,
    );

    // In French, amounts the French way.
    let res = v.post("/language", &[("lang", "fr"), ("next", "/")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let html = v
        .get(&format!("/orgs/{org}/invoices/{}", second.id))
        .await
        .text();
    assert!(html.contains("CHF\u{a0}1\u{202f}334,49"), "{html}");
    assert!(html.contains("8,1\u{a0}%"), "{html}");

    // A stranger finds nothing; a member without the billing right has
    // no tab and is refused.
    let (_, _) = customer(&app, "eve@example.test").await;
    let mut eve = signed_in(&app, "eve@example.test", PASSWORD).await;
    for path in [
        format!("/orgs/{org}/invoices"),
        format!("/orgs/{org}/invoices/{}", second.id),
        format!("/orgs/{org}/invoices/{}/pdf", second.id),
        format!("/orgs/{org}/credit-notes/{}/pdf", note.id),
    ] {
        assert_status(&eve.get(&path).await, StatusCode::NOT_FOUND);
    }
    let (bob, _) = customer(&app, "bob@example.test").await;
    add_member(&app, &org, &bob, Role::User, &[]).await;
    let mut bob = signed_in(&app, "bob@example.test", PASSWORD).await;
    let overview = bob.get(&format!("/orgs/{org}")).await.text();
    assert!(
        !overview.contains(r#"data-testid="tab-invoices""#),
        "{overview}"
    );
    assert_status(
        &bob.get(&format!("/orgs/{org}/invoices")).await,
        StatusCode::FORBIDDEN,
    );
    assert_status(
        &bob.get(&format!("/orgs/{org}/invoices/{}/pdf", second.id))
            .await,
        StatusCode::FORBIDDEN,
    );
}

both_engines!(the_list_pages_by_twenty_newest_first);
async fn the_list_pages_by_twenty_newest_first(app: Arc<TestApp>) {
    // proves: BIL-1
    let (_, org) = customer(&app, "ada@example.test").await;
    let mut numbers = Vec::new();
    for i in 0..21 {
        numbers.push(
            issued(&app, &org, &format!("{}.00", 10 + i))
                .await
                .number
                .unwrap(),
        );
    }
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;
    let html = v.get(&format!("/orgs/{org}/invoices")).await.text();
    assert_eq!(count(&html, r#"data-testid="invoice-row""#), 20);
    assert!(html.contains(&numbers[20]) && !html.contains(&format!(">{}<", numbers[0])));
    assert!(html.contains("Page 1 of 2"), "{html}");
    let html = v.get(&format!("/orgs/{org}/invoices?page=2")).await.text();
    assert_eq!(count(&html, r#"data-testid="invoice-row""#), 1);
    assert!(html.contains(&format!(">{}<", numbers[0])), "{html}");
    // A page that does not parse is the first.
    let html = v.get(&format!("/orgs/{org}/invoices?page=x")).await.text();
    assert_eq!(count(&html, r#"data-testid="invoice-row""#), 20);
}

both_engines!(billing_staff_draft_issue_and_credit_through_the_forms);
async fn billing_staff_draft_issue_and_credit_through_the_forms(app: Arc<TestApp>) {
    // proves: BIL-1 // issue 11: the back office's invoice forms
    let (_, org) = customer(&app, "ada@example.test").await;
    let mut v = staff_visit(&app, "grace@provider.test", &[StaffRole::Billing]).await;
    let html = v.get(&format!("/staff/orgs/{org}")).await.text();
    assert!(
        html.contains(r#"data-testid="staff-no-invoices""#),
        "{html}"
    );
    assert!(html.contains(&format!("/staff/orgs/{org}/invoices/new")));

    // The form: the default address chosen, five rows.
    let res = v.get(&format!("/staff/orgs/{org}/invoices/new")).await;
    assert_status(&res, StatusCode::OK);
    let html = res.text();
    assert_eq!(count(&html, r#"data-testid="invoice-form-line""#), 5);
    assert!(html.contains(" selected>Ada Lovelace"), "{html}");
    let key = hidden(&html, "key");
    let path = format!("/staff/orgs/{org}/invoices");

    // Errors by their rows' fields, a blank row between them left out.
    let res = v
        .post(
            &path,
            &[
                ("key", key.as_str()),
                ("rows", "5"),
                ("line-0-description", "Hosting"),
                ("line-0-quantity", "1"),
                ("line-0-unit_price", "abc"),
                ("line-0-vat_class", "standard"),
                ("line-2-description", ""),
                ("line-2-quantity", "x"),
                ("line-2-unit_price", "5.00"),
                ("line-2-vat_class", "reduced"),
            ],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text();
    for id in [
        "line-0-unit_price-error",
        "line-2-description-error",
        "line-2-quantity-error",
    ] {
        assert!(html.contains(&format!(r#"id="{id}""#)), "{id}: {html}");
    }
    assert!(!html.contains(r#"id="line-1-description-error""#));
    assert!(html.contains(r#"value="Hosting""#), "typed values kept");
    assert!(staff_invoices(&app, &org).await.is_empty());

    // Half a period and a class not offered are refused at the door.
    let res = v
        .post(
            &path,
            &[
                ("key", key.as_str()),
                ("rows", "5"),
                ("line-0-description", "Hosting"),
                ("line-0-quantity", "1"),
                ("line-0-unit_price", "10.00"),
                ("line-0-vat_class", "luxury"),
                ("line-0-period_from", "2026-01-01"),
            ],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text();
    assert!(html.contains(r#"id="line-0-vat_class-error""#), "{html}");
    assert!(html.contains(r#"id="line-0-period_from-error""#), "{html}");

    // "Add more rows": five more, nothing saved.
    let res = v
        .post(
            &path,
            &[
                ("key", key.as_str()),
                ("rows", "5"),
                ("more", "1"),
                ("line-0-description", "Hosting"),
            ],
        )
        .await;
    assert_status(&res, StatusCode::OK);
    let html = res.text();
    assert_eq!(count(&html, r#"data-testid="invoice-form-line""#), 10);
    assert!(html.contains(r#"value="Hosting""#));
    assert!(staff_invoices(&app, &org).await.is_empty());

    // Saved; sent twice with its key, one draft.
    let good = [
        ("key", key.as_str()),
        ("rows", "5"),
        ("line-0-description", "Hosting"),
        ("line-0-quantity", "1"),
        ("line-0-unit_price", "120.00"),
        ("line-0-vat_class", "standard"),
        ("line-0-period_from", "2026-01-01"),
        ("line-0-period_to", "2026-12-31"),
        ("line-3-description", "Domain"),
        ("line-3-quantity", "2"),
        ("line-3-unit_price", "15.00"),
        ("line-3-vat_class", "standard"),
    ];
    let res = v.post(&path, &good).await;
    let drafts = staff_invoices(&app, &org).await;
    assert_eq!(drafts.len(), 1);
    let id = drafts[0].id.clone();
    assert_redirect(&res, &format!("/staff/invoices/{id}?saved=draft-saved"));
    let res = v.post(&path, &good).await;
    assert_redirect(&res, &format!("/staff/invoices/{id}?saved=draft-saved"));
    assert_eq!(staff_invoices(&app, &org).await.len(), 1, "one draft");

    // Its page, then a change through the edit form.
    let html = v
        .get(&format!("/staff/invoices/{id}?saved=draft-saved"))
        .await
        .text();
    assert!(html.contains("The draft has been saved."), "{html}");
    assert!(html.contains(r#"data-testid="staff-invoice-issue-box""#));
    assert_eq!(count(&html, r#"data-testid="invoice-line""#), 2);
    let html = v.get(&format!("/staff/invoices/{id}/edit")).await.text();
    assert!(html.contains(r#"value="Domain""#), "{html}");
    let res = v
        .post(
            &format!("/staff/invoices/{id}/edit"),
            &[
                ("key", hidden(&html, "key").as_str()),
                ("rows", "5"),
                ("address", hidden_selected(&html).as_str()),
                ("line-0-description", "Hosting"),
                ("line-0-quantity", "1"),
                ("line-0-unit_price", "100.00"),
                ("line-0-vat_class", "standard"),
            ],
        )
        .await;
    assert_redirect(&res, &format!("/staff/invoices/{id}?saved=draft-saved"));
    let draft = billing::invoices::staff_invoice(&app.ctx, Issuer::Operator, &id)
        .await
        .unwrap();
    assert_eq!(draft.lines.len(), 1);
    assert_eq!(draft.lines[0].unit_price.amount_string(), "100.00");

    // Issued; issuing again is refused with the rule's words.
    let html = v.get(&format!("/staff/invoices/{id}")).await.text();
    let res = v
        .post(
            &format!("/staff/invoices/{id}/issue"),
            &[("key", hidden(&html, "key").as_str())],
        )
        .await;
    assert_redirect(&res, &format!("/staff/invoices/{id}?saved=issued"));
    let invoice = billing::invoices::staff_invoice(&app.ctx, Issuer::Operator, &id)
        .await
        .unwrap();
    let number = invoice.number.clone().unwrap();
    let html = v
        .get(&format!("/staff/invoices/{id}?saved=issued"))
        .await
        .text();
    assert!(html.contains(&number) && html.contains("The invoice has been issued."));
    assert!(html.contains(&format!("/staff/invoices/{id}/pdf")));
    let res = v
        .post(
            &format!("/staff/invoices/{id}/issue"),
            &[("key", "another-key")],
        )
        .await;
    assert_status(&res, StatusCode::CONFLICT);
    assert!(res.text().contains("issued already"), "{}", res.text());
    let res = v.get(&format!("/staff/invoices/{id}/pdf")).await;
    assert_status(&res, StatusCode::OK);
    assert!(res.body.starts_with(b"%PDF-"));

    // The credit form: errors by their fields, then everything left.
    let html = v.get(&format!("/staff/invoices/{id}")).await.text();
    let key = hidden(&html, "key");
    let credit = format!("/staff/invoices/{id}/credit-notes");
    let res = v
        .post(
            &credit,
            &[
                ("key", key.as_str()),
                ("reason", ""),
                ("credit-1", "999.00"),
            ],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text();
    assert!(html.contains(r#"id="reason-error""#), "{html}");
    assert!(html.contains(r#"id="credit-1-error""#), "{html}");
    assert!(html.contains(r#"value="999.00""#), "typed amount kept");
    let res = v
        .post(
            &credit,
            &[("key", key.as_str()), ("reason", "Nothing to credit")],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().contains(r#"id="credit-lines-error""#));
    let res = v
        .post(
            &credit,
            &[
                ("key", key.as_str()),
                ("reason", "Cancelled by the customer"),
                ("everything", "1"),
            ],
        )
        .await;
    assert_redirect(&res, &format!("/staff/invoices/{id}?saved=credited"));
    let html = v.get(&format!("/staff/invoices/{id}")).await.text();
    assert_eq!(count(&html, r#"data-testid="staff-credit-note""#), 1);
    assert!(html.contains("Cancelled by the customer"));
    assert!(
        !html.contains(r#"data-testid="credit-form""#),
        "nothing left to credit"
    );
    let invoice = billing::invoices::staff_invoice(&app.ctx, Issuer::Operator, &id)
        .await
        .unwrap();
    assert_eq!(invoice.status, "cancelled");

    // The organisation's summary lists it; a draft is deleted after
    // confirming and the summary says so.
    let other =
        billing::invoices::create_draft(&app.ctx, Issuer::Operator, &org, &hosting("5.00"), None)
            .await
            .unwrap();
    let html = v.get(&format!("/staff/orgs/{org}")).await.text();
    assert_eq!(count(&html, r#"data-testid="staff-invoice""#), 2);
    assert!(
        html.find("Draft").unwrap() < html.find(&number).unwrap(),
        "drafts first"
    );
    let res = v
        .post(&format!("/staff/invoices/{}/delete", other.id), &[])
        .await;
    assert_redirect(&res, &format!("/staff/orgs/{org}?saved=draft-deleted"));
    let html = v
        .get(&format!("/staff/orgs/{org}?saved=draft-deleted"))
        .await
        .text();
    assert!(html.contains("The draft has been deleted."), "{html}");
    assert_eq!(count(&html, r#"data-testid="staff-invoice""#), 1);
}

/// The value of the selected option of a page's address select.
fn hidden_selected(html: &str) -> String {
    let select = &html[html
        .find(r#"<select id="address""#)
        .expect("the address select")..];
    let select = &select[..select.find("</select>").unwrap()];
    let at = select.find(" selected>").expect("a selected option");
    let start = select[..at].rfind("value=\"").unwrap() + "value=\"".len();
    select[start..at - 1].to_string()
}

both_engines!(staff_see_the_forms_their_roles_may_use);
async fn staff_see_the_forms_their_roles_may_use(app: Arc<TestApp>) {
    // proves: BIL-1 // issue 11: billing and admin issue; fraud reads
    let (_, org) = customer(&app, "ada@example.test").await;
    let invoice = issued(&app, &org, "50.00").await;
    let draft =
        billing::invoices::create_draft(&app.ctx, Issuer::Operator, &org, &hosting("9.00"), None)
            .await
            .unwrap();

    let mut fraud = staff_visit(&app, "fred@provider.test", &[StaffRole::Fraud]).await;
    let html = fraud.get(&format!("/staff/orgs/{org}")).await.text();
    assert_eq!(count(&html, r#"data-testid="staff-invoice""#), 2, "{html}");
    assert!(!html.contains(r#"data-testid="staff-new-invoice""#));
    let html = fraud
        .get(&format!("/staff/invoices/{}", invoice.id))
        .await
        .text();
    assert!(html.contains(invoice.number.as_deref().unwrap()));
    assert!(!html.contains(r#"data-testid="credit-form""#), "{html}");
    let html = fraud
        .get(&format!("/staff/invoices/{}", draft.id))
        .await
        .text();
    assert!(
        !html.contains(r#"data-testid="staff-invoice-issue-box""#),
        "{html}"
    );
    assert_status(
        &fraud.get(&format!("/staff/orgs/{org}/invoices/new")).await,
        StatusCode::FORBIDDEN,
    );
    let res = fraud
        .post(
            &format!("/staff/invoices/{}/issue", draft.id),
            &[("key", "k1")],
        )
        .await;
    assert_status(&res, StatusCode::FORBIDDEN);
    let res = fraud
        .post(
            &format!("/staff/invoices/{}/credit-notes", invoice.id),
            &[("key", "k2"), ("reason", "x"), ("everything", "1")],
        )
        .await;
    assert_status(&res, StatusCode::FORBIDDEN);
    let res = fraud
        .post(&format!("/staff/invoices/{}/delete", draft.id), &[])
        .await;
    assert_status(&res, StatusCode::FORBIDDEN);

    // Support reads no billing: no invoices on the summary, pages refused.
    let mut support = staff_visit(&app, "sam@provider.test", &[StaffRole::Support]).await;
    let html = support.get(&format!("/staff/orgs/{org}")).await.text();
    assert!(!html.contains(r#"id="invoices-title""#), "{html}");
    assert_status(
        &support
            .get(&format!("/staff/invoices/{}", invoice.id))
            .await,
        StatusCode::FORBIDDEN,
    );
    assert_status(
        &support
            .get(&format!("/staff/invoices/{}/pdf", invoice.id))
            .await,
        StatusCode::FORBIDDEN,
    );

    // Admins may do everything.
    let mut admin = staff_visit(&app, "ann@provider.test", &[StaffRole::Admin]).await;
    let html = admin
        .get(&format!("/staff/invoices/{}", draft.id))
        .await
        .text();
    assert!(html.contains(r#"data-testid="staff-invoice-issue-box""#));
    // A customer's session opens none of it.
    let mut ada = signed_in(&app, "ada@example.test", PASSWORD).await;
    assert_redirect(
        &ada.get(&format!("/staff/invoices/{}", invoice.id)).await,
        "/staff/signin",
    );
}
