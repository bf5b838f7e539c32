//! Billing (issue 11): invoices issued with gapless numbers and their own
//! payment references, immutable at the database, VAT per rate at the rate
//! in force when the service was supplied, credit notes, the ledger and
//! `ledger verify`, idempotency keys — on SQLite and on PostgreSQL. After
//! every test the harness runs `ledger verify`'s checks.

use std::{collections::BTreeSet, sync::Arc};

use guichet_core::{
    Ctx, Error,
    billing::{
        self, CreditInput, CreditLineInput, InvoiceInput, Issuer, LineInput, Period,
        ledger::{self, Account},
        reference,
        vat::VatClass,
        verify,
    },
    both_engines,
    clock::Clock,
    db::{Db, Engine},
    idempotency::Idempotency,
    money::{Currency, Money},
    orgs::{self, OrgInput, address::AddressInput},
    sql,
    testing::TestApp,
};
use jiff::civil::date;

use crate::orgs_support::{Org, org_made_by};

fn chf(minor: i64) -> Money {
    Money::new(minor, Currency::Chf)
}

fn line(description: &str, quantity: i64, unit_price: &str, class: VatClass) -> LineInput {
    LineInput {
        description: description.into(),
        quantity,
        unit_price: unit_price.into(),
        vat_class: class,
        period: None,
    }
}

fn hosting() -> InvoiceInput {
    InvoiceInput {
        billing_address_id: None,
        lines: vec![LineInput {
            period: Some(Period {
                from: date(2026, 1, 1),
                to: date(2026, 12, 31),
            }),
            ..line("Web hosting Pro", 1, "120.00", VatClass::Standard)
        }],
    }
}

fn address(country: &str, postcode: &str, town: &str) -> AddressInput {
    AddressInput {
        name: "Example SA".into(),
        street: "Rue du Marché".into(),
        building_number: "12".into(),
        postcode: postcode.into(),
        town: town.into(),
        country: country.into(),
    }
}

/// An organisation with a Swiss default billing address.
async fn billed_org(app: &TestApp, email: &str) -> Org {
    let org = org_made_by(app, email).await;
    orgs::save_address(
        &app.ctx,
        &org.legal.actor,
        &org.id,
        None,
        &address("CH", "1204", "Genève"),
        true,
    )
    .await
    .unwrap();
    org
}

fn code<T: std::fmt::Debug>(r: Result<T, Error>) -> &'static str {
    r.expect_err("an error").code()
}

fn field_codes<T: std::fmt::Debug>(r: Result<T, Error>) -> Vec<(String, &'static str)> {
    match r.expect_err("an error") {
        Error::Validation(fields) => fields.into_iter().map(|f| (f.attribute, f.code)).collect(),
        other => panic!("not a validation error: {other:?}"),
    }
}

async fn execute(app: &TestApp, statement: &str) -> Result<u64, Error> {
    let mut c = app.ctx.db.acquire().await?;
    Ok(sql!(c.conn(), execute, statement)?)
}

both_engines!(issuing_numbers_references_posts_and_locks_the_currency);
async fn issuing_numbers_references_posts_and_locks_the_currency(app: Arc<TestApp>) {
    // proves: BIL-1, BIL-7, BNK-1
    let org = billed_org(&app, "ada@example.test").await;
    let draft =
        billing::invoices::create_draft(&app.ctx, Issuer::Operator, &org.id, &hosting(), None)
            .await
            .unwrap();
    assert_eq!(draft.status, "draft");
    assert_eq!(draft.number, None);
    assert_eq!(draft.reference, None);

    let inv = billing::invoices::issue(&app.ctx, Issuer::Operator, &draft.id, None)
        .await
        .unwrap();
    assert_eq!(inv.status, "issued");
    assert_eq!(inv.number.as_deref(), Some("2026-000001"));
    assert_eq!(inv.net, chf(12000));
    // 8.1 % of 120.00 = 9.72.
    assert_eq!(inv.vat_total, chf(972));
    assert_eq!(inv.vat.len(), 1);
    assert_eq!(inv.vat[0].rate, "8.1");
    assert_eq!(inv.total, chf(12972));
    assert_eq!(inv.open, chf(12972));
    assert_eq!(inv.issued_on, Some(date(2026, 3, 10)));
    assert_eq!(
        inv.due_on,
        Some(date(2026, 4, 9)),
        "30 days' terms by default"
    );
    let buyer = inv.buyer.clone().unwrap();
    assert_eq!(
        (buyer.postcode.as_str(), buyer.town.as_str()),
        ("1204", "Genève")
    );
    assert_eq!(
        inv.seller.as_ref().unwrap().name,
        app.ctx.config.billing.seller.name
    );
    // Its own reference: a QR reference with the demo QR-IBAN, else RF.
    let r = inv.reference.clone().unwrap();
    let parsed = reference::Reference::parse_any(&r).unwrap();
    assert_eq!(parsed.as_str(), r);

    // The ledger: receivable / revenue / VAT, balanced.
    let mut c = app.ctx.db.acquire().await.unwrap();
    let org_id = org.id.clone();
    assert_eq!(
        ledger::balance(
            c.conn(),
            &Account::Receivable(org_id.clone(), Currency::Chf)
        )
        .await
        .unwrap(),
        chf(12972)
    );
    assert_eq!(
        ledger::balance(c.conn(), &Account::Revenue(Currency::Chf))
            .await
            .unwrap(),
        chf(-12000)
    );
    assert_eq!(
        ledger::balance(
            c.conn(),
            &Account::Vat {
                rate_bp: 810,
                currency: Currency::Chf
            }
        )
        .await
        .unwrap(),
        chf(-972)
    );
    drop(c);

    // Issued twice: refused, nothing posted twice.
    assert_eq!(
        code(billing::invoices::issue(&app.ctx, Issuer::Operator, &draft.id, None).await),
        "invoice_not_draft"
    );

    // The currency is locked now.
    let changed = orgs::update_org(
        &app.ctx,
        &org.legal.actor,
        &org.id,
        OrgInput {
            currency: Some(Currency::Eur),
            ..OrgInput::default()
        },
    )
    .await;
    assert_eq!(code(changed), "currency_locked");

    // The customer reads it, and its PDF as issued.
    let seen = billing::invoices::get_invoice(&app.ctx, &org.legal.actor, &org.id, &inv.id)
        .await
        .unwrap();
    assert_eq!(seen.total, inv.total);
    let (number, pdf) =
        billing::invoices::invoice_pdf(&app.ctx, &org.legal.actor, &org.id, &inv.id)
            .await
            .unwrap();
    assert_eq!(number, "2026-000001");
    assert!(pdf.starts_with(b"%PDF-"));
    // A draft is not the customer's to see.
    let other =
        billing::invoices::create_draft(&app.ctx, Issuer::Operator, &org.id, &hosting(), None)
            .await
            .unwrap();
    assert_eq!(
        code(billing::invoices::get_invoice(&app.ctx, &org.legal.actor, &org.id, &other.id).await),
        "object_not_found"
    );
    let list = billing::invoices::list_invoices(
        &app.ctx,
        &org.legal.actor,
        &org.id,
        &billing::InvoiceQuery::default(),
        orgs::Window {
            offset: 0,
            limit: 20,
        },
    )
    .await
    .unwrap();
    assert_eq!(list.total, 1);
}

both_engines!(another_orgs_invoices_are_not_found);
async fn another_orgs_invoices_are_not_found(app: Arc<TestApp>) {
    // proves: BIL-1 // issue 11: 404, not 403
    let org = billed_org(&app, "ada@example.test").await;
    let stranger = billed_org(&app, "eve@example.test").await;
    let inv = billing::invoices::create_and_issue(&app.ctx, Issuer::Operator, &org.id, &hosting())
        .await
        .unwrap();
    for r in [
        billing::invoices::get_invoice(&app.ctx, &stranger.legal.actor, &org.id, &inv.id)
            .await
            .map(|_| ()),
        billing::invoices::get_invoice(&app.ctx, &stranger.legal.actor, &stranger.id, &inv.id)
            .await
            .map(|_| ()),
        billing::invoices::invoice_pdf(&app.ctx, &stranger.legal.actor, &stranger.id, &inv.id)
            .await
            .map(|_| ()),
    ] {
        assert_eq!(code(r), "object_not_found");
    }
}

/// 50 issues queue on one counter row through pools of 5 connections: a
/// loaded CI machine's debug build may keep a request waiting for a
/// connection longer than the default second, which is not what this test
/// is about.
async fn concurrent_issues(engine: Engine) {
    let Some(app) = TestApp::with_config(engine, |c| c.database.acquire_timeout_ms = 60_000).await
    else {
        return;
    };
    let app = Arc::new(app);
    concurrent_issues_are_numbered_without_gaps_even_with_a_rollback(app.clone()).await;
    app.check_invariants().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_issues_are_numbered_without_gaps_sqlite() {
    concurrent_issues(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_issues_are_numbered_without_gaps_postgres() {
    concurrent_issues(Engine::Postgres).await;
}

async fn concurrent_issues_are_numbered_without_gaps_even_with_a_rollback(app: Arc<TestApp>) {
    // proves: BIL-1 // 50 concurrent issues on two instances, a rolled-back
    // issue in the middle: the numbers are exactly 1..50.
    let org = billed_org(&app, "ada@example.test").await;
    let mut drafts = Vec::new();
    for _ in 0..50 {
        drafts.push(
            billing::invoices::create_draft(&app.ctx, Issuer::Operator, &org.id, &hosting(), None)
                .await
                .unwrap()
                .id,
        );
    }
    // A second instance: its own pool on the same database (PostgreSQL; one
    // SQLite file is one process's).
    let second: Ctx = match app.engine() {
        Engine::Postgres => {
            let db = Db::connect(&app.db.url, &app.ctx.config.pool_settings())
                .await
                .unwrap();
            Ctx::new(
                (*app.ctx.config).clone(),
                db,
                Arc::new(app.clock.clone()) as Arc<dyn Clock>,
            )
            .unwrap()
        }
        Engine::Sqlite => app.ctx.clone(),
    };
    let mut tasks = Vec::new();
    for (i, id) in drafts.into_iter().enumerate() {
        let ctx = if i % 2 == 0 {
            app.ctx.clone()
        } else {
            second.clone()
        };
        tasks.push(tokio::spawn(async move {
            billing::invoices::issue(&ctx, Issuer::Operator, &id, None).await
        }));
        if i == 25 {
            // An issue that takes a number and then fails: rolled back, its
            // number is given back.
            let ctx = app.ctx.clone();
            tasks.push(tokio::spawn(async move {
                let mut tx = ctx.db.begin().await.unwrap();
                let n = billing::series::next(tx.conn(), "invoice:2026-")
                    .await
                    .unwrap();
                assert!(n >= 1);
                drop(tx);
                Err(Error::Internal("rolled back on purpose".into()))
            }));
        }
    }
    let mut numbers = BTreeSet::new();
    let mut references = BTreeSet::new();
    let mut failed = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(v) => {
                numbers.insert(v.number.unwrap());
                references.insert(v.reference.unwrap());
            }
            Err(_) => failed += 1,
        }
    }
    assert_eq!(failed, 1, "only the forced rollback fails");
    let expected: BTreeSet<String> = (1..=50).map(|n| format!("2026-{n:06}")).collect();
    assert_eq!(numbers, expected);
    assert_eq!(references.len(), 50, "every invoice has its own reference");
}

both_engines!(an_issued_invoice_is_immutable_at_the_database);
async fn an_issued_invoice_is_immutable_at_the_database(app: Arc<TestApp>) {
    // proves: BIL-1, BIL-7
    let org = billed_org(&app, "ada@example.test").await;
    let inv = billing::invoices::create_and_issue(&app.ctx, Issuer::Operator, &org.id, &hosting())
        .await
        .unwrap();
    let id = inv.id.as_str();
    let refused = [
        format!("UPDATE invoices SET total_minor = 1 WHERE id = '{id}'"),
        format!("UPDATE invoices SET number = '2026-999999' WHERE id = '{id}'"),
        format!("UPDATE invoices SET status = 'draft' WHERE id = '{id}'"),
        format!("DELETE FROM invoices WHERE id = '{id}'"),
        format!("UPDATE invoice_lines SET net_minor = 1 WHERE invoice_id = '{id}'"),
        format!("DELETE FROM invoice_lines WHERE invoice_id = '{id}'"),
        format!(
            "INSERT INTO invoice_lines (invoice_id, line_no, description, quantity, unit_price_minor, vat_class, net_minor)
             VALUES ('{id}', 99, 'extra', 1, 100, 'standard', 100)"
        ),
        "UPDATE ledger_entries SET amount_minor = amount_minor + 1".to_string(),
        "DELETE FROM ledger_entries".to_string(),
        "DELETE FROM ledger_transactions".to_string(),
        "UPDATE ledger_accounts SET currency = 'EUR'".to_string(),
        format!("UPDATE document_pdfs SET sha256 = 'x' WHERE document_id = '{id}'"),
        format!("DELETE FROM document_pdfs WHERE document_id = '{id}'"),
    ];
    for statement in &refused {
        let e = execute(&app, statement).await;
        assert!(e.is_err(), "the database let through: {statement}");
    }
    if app.engine() == Engine::Postgres {
        for table in [
            "ledger_entries",
            "invoices",
            "credit_notes",
            "document_pdfs",
        ] {
            assert!(
                execute(&app, &format!("TRUNCATE {table} CASCADE"))
                    .await
                    .is_err(),
                "TRUNCATE {table}"
            );
        }
    }
    // A draft can still change.
    let draft =
        billing::invoices::create_draft(&app.ctx, Issuer::Operator, &org.id, &hosting(), None)
            .await
            .unwrap();
    execute(
        &app,
        &format!(
            "UPDATE invoice_lines SET description = 'Changed' WHERE invoice_id = '{}'",
            draft.id
        ),
    )
    .await
    .unwrap();
}

both_engines!(a_line_spanning_a_rate_change_is_split_at_the_rate_of_its_supply);
async fn a_line_spanning_a_rate_change_is_split_at_the_rate_of_its_supply(app: Arc<TestApp>) {
    // proves: BIL-1 // issue 11: the rate in force when the service is
    // supplied, not the invoice date; a line across the change is split.
    let org = billed_org(&app, "ada@example.test").await;
    let input = InvoiceInput {
        billing_address_id: None,
        lines: vec![
            LineInput {
                // 31 days in 2023 at 7.7 %, 31 days in 2024 at 8.1 %.
                period: Some(Period {
                    from: date(2023, 12, 1),
                    to: date(2024, 1, 31),
                }),
                ..line("Web hosting", 1, "62.00", VatClass::Standard)
            },
            LineInput {
                period: Some(Period {
                    from: date(2023, 1, 1),
                    to: date(2023, 12, 31),
                }),
                ..line("Hotel night", 1, "100.00", VatClass::Accommodation)
            },
        ],
    };
    let inv = billing::invoices::create_and_issue(&app.ctx, Issuer::Operator, &org.id, &input)
        .await
        .unwrap();
    let lines: Vec<(Option<String>, i64)> = inv
        .lines
        .iter()
        .map(|l| (l.vat_rate.clone(), l.net.amount_minor))
        .collect();
    assert_eq!(
        lines,
        [
            (Some("7.7".into()), 3100),
            (Some("8.1".into()), 3100),
            (Some("3.7".into()), 10000)
        ]
    );
    assert_eq!(inv.lines[0].period.unwrap().to, date(2023, 12, 31));
    assert_eq!(inv.lines[1].period.unwrap().from, date(2024, 1, 1));
    let vat: Vec<(String, i64, i64)> = inv
        .vat
        .iter()
        .map(|v| (v.rate.clone(), v.base.amount_minor, v.vat.amount_minor))
        .collect();
    // 7.7 % of 31.00 = 2.387 → 2.39; 8.1 % of 31.00 = 2.511 → 2.51;
    // 3.7 % of 100.00 = 3.70.
    assert_eq!(
        vat,
        [
            ("3.7".into(), 10000, 370),
            ("7.7".into(), 3100, 239),
            ("8.1".into(), 3100, 251)
        ]
    );
    assert_eq!(inv.total, chf(16200 + 239 + 251 + 370));
}

both_engines!(abroad_invoices_carry_no_swiss_vat_and_say_why);
async fn abroad_invoices_carry_no_swiss_vat_and_say_why(app: Arc<TestApp>) {
    // proves: BIL-1 // issue 11: place of supply by the customer's country
    let org = org_made_by(&app, "ada@example.test").await;
    orgs::save_address(
        &app.ctx,
        &org.legal.actor,
        &org.id,
        None,
        &address("DE", "10115", "Berlin"),
        true,
    )
    .await
    .unwrap();
    let inv = billing::invoices::create_and_issue(&app.ctx, Issuer::Operator, &org.id, &hosting())
        .await
        .unwrap();
    assert_eq!(inv.vat_total, chf(0));
    assert_eq!(inv.total, chf(12000));
    assert_eq!(inv.vat_mention.as_deref(), Some("export-services"));
    // The mention is printed on the PDF, in the org's language.
    if crate::billing_pdf::have_poppler() {
        let (_, pdf) = billing::invoices::invoice_pdf(&app.ctx, &org.legal.actor, &org.id, &inv.id)
            .await
            .unwrap();
        let text = crate::billing_pdf::pdf_text(&pdf);
        assert!(text.contains("Service not subject to Swiss VAT"), "{text}");
    }
}

both_engines!(credit_notes_reverse_at_the_original_rate_and_cancel_when_whole);
async fn credit_notes_reverse_at_the_original_rate_and_cancel_when_whole(app: Arc<TestApp>) {
    // proves: BIL-1, BIL-7 // issue 11: credit notes, their own series
    let org = billed_org(&app, "ada@example.test").await;
    let input = InvoiceInput {
        billing_address_id: None,
        lines: vec![
            line("Web hosting", 1, "100.00", VatClass::Standard),
            line("Domain example.ch", 2, "15.00", VatClass::Standard),
        ],
    };
    let inv = billing::invoices::create_and_issue(&app.ctx, Issuer::Operator, &org.id, &input)
        .await
        .unwrap();
    assert_eq!(inv.total, chf(13000 + 1053));

    // Part of line 2.
    let part = billing::credit_notes::credit(
        &app.ctx,
        Issuer::Operator,
        &inv.id,
        &CreditInput {
            reason: "One domain was not registered".into(),
            lines: Some(vec![CreditLineInput {
                line: 2,
                amount: "15.00".into(),
            }]),
        },
        None,
    )
    .await
    .unwrap();
    assert_eq!(part.number, "CN-2026-000001");
    assert_eq!(part.net, chf(1500));
    assert_eq!(part.vat_total, chf(122), "8.1 % of 15.00 = 1.215 → 1.22");
    assert_eq!(part.total, chf(1622));
    assert_eq!(part.to_prepaid, chf(0));
    let after = billing::invoices::staff_invoice(&app.ctx, Issuer::Operator, &inv.id)
        .await
        .unwrap();
    assert_eq!(after.open, chf(14053 - 1622));
    assert_eq!(after.status, "issued");
    assert_eq!(after.credited, chf(1622));

    // More than a line has left: refused, naming it.
    let too_much = billing::credit_notes::credit(
        &app.ctx,
        Issuer::Operator,
        &inv.id,
        &CreditInput {
            reason: "Again".into(),
            lines: Some(vec![CreditLineInput {
                line: 2,
                amount: "15.01".into(),
            }]),
        },
        None,
    )
    .await;
    assert_eq!(
        field_codes(too_much),
        [("lines[0].amount".to_string(), "exceeds_line")]
    );

    // The rest: everything left is credited, the invoice is cancelled.
    let rest = billing::credit_notes::credit(
        &app.ctx,
        Issuer::Operator,
        &inv.id,
        &CreditInput {
            reason: "Contract ended".into(),
            lines: None,
        },
        None,
    )
    .await
    .unwrap();
    assert_eq!(rest.number, "CN-2026-000002");
    assert_eq!(rest.net, chf(11500));
    let after = billing::invoices::staff_invoice(&app.ctx, Issuer::Operator, &inv.id)
        .await
        .unwrap();
    assert_eq!(after.status, "cancelled");
    assert_eq!(after.open, chf(0));
    // The VAT credited equals the VAT invoiced here (1.22 + 9.32 = 10.53 ±
    // the rounding of two sums): what the ledger holds is what the notes show.
    let mut c = app.ctx.db.acquire().await.unwrap();
    let vat = ledger::balance(
        c.conn(),
        &Account::Vat {
            rate_bp: 810,
            currency: Currency::Chf,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        vat.amount_minor,
        -(inv.vat_total.amount_minor - part.vat_total.amount_minor - rest.vat_total.amount_minor)
    );
    drop(c);
    assert_eq!(
        code(
            billing::credit_notes::credit(
                &app.ctx,
                Issuer::Operator,
                &inv.id,
                &CreditInput {
                    reason: "Once more".into(),
                    lines: None
                },
                None
            )
            .await
        ),
        "invoice_fully_credited"
    );
    // The customer sees the credit notes, with their PDFs.
    let notes = billing::credit_notes::list_credit_notes(
        &app.ctx,
        &org.legal.actor,
        &org.id,
        orgs::Window {
            offset: 0,
            limit: 20,
        },
    )
    .await
    .unwrap();
    assert_eq!(notes.total, 2);
    let (_, pdf) =
        billing::credit_notes::credit_note_pdf(&app.ctx, &org.legal.actor, &org.id, &part.id)
            .await
            .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

/// A credit note on a paid invoice. Payments are the next area; this test
/// books what a payment will book (bank debited, the invoice's receivable
/// credited) under a document kind the ledger does not know yet, so it runs
/// outside the harness, whose `ledger verify` rightly names that entry.
async fn a_credit_beyond_what_is_due_goes_to_the_prepaid_account(engine: Engine) {
    // proves: BIL-4, BIL-7 // issue 11: any credit beyond what was still
    // due goes to the org's prepaid account
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let org = billed_org(&app, "ada@example.test").await;
    let inv = billing::invoices::create_and_issue(&app.ctx, Issuer::Operator, &org.id, &hosting())
        .await
        .unwrap();
    let org_id = org.id.clone();
    let now = app.clock.now().as_millisecond();
    execute(
        &app,
        &format!(
            "INSERT INTO ledger_transactions (id, kind, document_kind, document_id, org_id, booked_on, created_at)
             VALUES ('ltx_payment', 'payment_captured', 'payment', 'pay_1', '{org_id}', '2026-03-10', {now})"
        ),
    )
    .await
    .unwrap();
    let mut tx = app.ctx.db.begin().await.unwrap();
    sql!(tx.conn(), execute,
        "INSERT INTO ledger_accounts (key, kind, org_id, currency, detail, created_at) VALUES ('bank:CHF', 'bank', NULL, 'CHF', '', 0) ON CONFLICT (key) DO NOTHING").unwrap();
    sql!(tx.conn(), execute,
        "INSERT INTO ledger_entries (transaction_id, line, account_key, amount_minor, currency, invoice_id) VALUES ('ltx_payment', 1, 'bank:CHF', 10000, 'CHF', NULL)").unwrap();
    sql!(tx.conn(), execute,
        "INSERT INTO ledger_entries (transaction_id, line, account_key, amount_minor, currency, invoice_id) VALUES ('ltx_payment', 2, $1, -10000, 'CHF', $2)",
        format!("receivable:CHF:{org_id}"), inv.id.as_str()).unwrap();
    billing::credit_notes::refresh_status(tx.conn(), &app.ctx, &inv.id, now)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let paid = billing::invoices::staff_invoice(&app.ctx, Issuer::Operator, &inv.id)
        .await
        .unwrap();
    assert_eq!(paid.status, "partially_paid");
    assert_eq!(paid.open, chf(12972 - 10000));

    // Credit it all: 29.72 was still due, the other 100.00 was paid and
    // goes to the prepaid account.
    let note = billing::credit_notes::credit(
        &app.ctx,
        Issuer::Operator,
        &inv.id,
        &CreditInput {
            reason: "Cancelled at the customer's request".into(),
            lines: None,
        },
        None,
    )
    .await
    .unwrap();
    assert_eq!(note.total, chf(12972));
    assert_eq!(note.to_prepaid, chf(10000));
    let mut c = app.ctx.db.acquire().await.unwrap();
    assert_eq!(
        ledger::prepaid_balance(c.conn(), &org_id, Currency::Chf)
            .await
            .unwrap(),
        chf(10000)
    );
    assert_eq!(
        ledger::invoice_open(c.conn(), &inv.id, Currency::Chf)
            .await
            .unwrap(),
        chf(0)
    );
    let after = billing::invoices::staff_invoice(&app.ctx, Issuer::Operator, &inv.id)
        .await
        .unwrap();
    assert_eq!(after.status, "cancelled");
    // Everything holds but the stand-in payment, which names no document.
    let found = verify::violations(c.conn()).await.unwrap();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("no entry without its document"),
        "{found:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_credit_beyond_what_is_due_goes_to_the_prepaid_account_sqlite() {
    a_credit_beyond_what_is_due_goes_to_the_prepaid_account(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_credit_beyond_what_is_due_goes_to_the_prepaid_account_postgres() {
    a_credit_beyond_what_is_due_goes_to_the_prepaid_account(Engine::Postgres).await;
}

/// A database the test breaks by hand: run without the harness's check
/// (it would rightly fail), then `ledger verify` must name the breakage.
async fn verify_names_a_hand_broken_ledger(engine: Engine) {
    // proves: BIL-7 // issue 11: `ledger verify` fails on a broken database
    let Some(app) = TestApp::new(engine).await else {
        return;
    };
    let org = billed_org(&app, "ada@example.test").await;
    let inv = billing::invoices::create_and_issue(&app.ctx, Issuer::Operator, &org.id, &hosting())
        .await
        .unwrap();
    {
        let mut c = app.ctx.db.acquire().await.unwrap();
        assert_eq!(
            verify::violations(c.conn()).await.unwrap(),
            Vec::<String>::new()
        );
    }
    // The ledger only takes inserts: an extra entry in the invoice's
    // transaction unbalances it and moves its receivable.
    let tx_id: String = {
        let mut c = app.ctx.db.acquire().await.unwrap();
        sql!(
            c.conn(),
            fetch_one scalar String,
            "SELECT id FROM ledger_transactions WHERE document_id = $1",
            inv.id.as_str()
        )
        .unwrap()
    };
    execute(
        &app,
        &format!(
            "INSERT INTO ledger_entries (transaction_id, line, account_key, amount_minor, currency, invoice_id)
             VALUES ('{tx_id}', 99, 'receivable:CHF:{}', 5, 'CHF', '{}')",
            org.id, inv.id
        ),
    )
    .await
    .unwrap();
    // And a number taken from the counter without an invoice: a gap.
    execute(
        &app,
        "UPDATE document_series SET last_number = last_number + 1 WHERE key = 'invoice:2026-'",
    )
    .await
    .unwrap();
    // And a status the ledger does not bear out: nothing was paid.
    execute(
        &app,
        &format!(
            "UPDATE invoices SET status = 'paid' WHERE id = '{}'",
            inv.id
        ),
    )
    .await
    .unwrap();
    let mut c = app.ctx.db.acquire().await.unwrap();
    let found = verify::violations(c.conn()).await.unwrap();
    let names = |prefix: &str, what: &str| {
        found
            .iter()
            .any(|f| f.starts_with(prefix) && f.contains(what))
    };
    assert!(
        names("a transaction's entries sum to zero", &tx_id),
        "{found:#?}"
    );
    assert!(
        names("every issued invoice posted its total", inv.id.as_str()),
        "{found:#?}"
    );
    assert!(
        names("numbers are gapless per series", "invoice:2026-"),
        "{found:#?}"
    );
    assert!(
        names(
            "an invoice's status follows its ledger",
            &format!("{} is paid but should be issued", inv.id)
        ),
        "{found:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_names_a_hand_broken_ledger_sqlite() {
    verify_names_a_hand_broken_ledger(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_names_a_hand_broken_ledger_postgres() {
    verify_names_a_hand_broken_ledger(Engine::Postgres).await;
}

both_engines!(an_idempotency_key_replays_the_first_answer_and_refuses_another_body);
async fn an_idempotency_key_replays_the_first_answer_and_refuses_another_body(app: Arc<TestApp>) {
    // proves: BIL-7 // issue 11: Idempotency-Key on the POSTs that create
    // money documents
    let org = billed_org(&app, "ada@example.test").await;
    let body = br#"{"lines":[]}"#;
    let key = |op: &str, b: &[u8]| Idempotency::new("operator", "key-1", op, b).unwrap();
    let first = billing::invoices::create_draft(
        &app.ctx,
        Issuer::Operator,
        &org.id,
        &hosting(),
        Some(&key("create", body)),
    )
    .await
    .unwrap();
    let again = billing::invoices::create_draft(
        &app.ctx,
        Issuer::Operator,
        &org.id,
        &hosting(),
        Some(&key("create", body)),
    )
    .await
    .unwrap();
    assert_eq!(first.id, again.id, "the replay answers the first draft");
    let other = billing::invoices::create_draft(
        &app.ctx,
        Issuer::Operator,
        &org.id,
        &hosting(),
        Some(&key("create", b"another body")),
    )
    .await;
    assert_eq!(
        field_codes(other),
        [("Idempotency-Key".to_string(), "idempotency_key_reused")]
    );

    // Issue, twice at once with one key: one number, one answer.
    let k = Idempotency::new("operator", "issue-1", "issue", b"").unwrap();
    let (a, b) = tokio::join!(
        billing::invoices::issue(&app.ctx, Issuer::Operator, &first.id, Some(&k)),
        billing::invoices::issue(&app.ctx, Issuer::Operator, &first.id, Some(&k)),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.number, b.number);
    assert_eq!(a.number.as_deref(), Some("2026-000001"));
    let mut c = app.ctx.db.acquire().await.unwrap();
    let drafts = sql!(
        c.conn(),
        fetch_one scalar i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM invoices"
    )
    .unwrap();
    assert_eq!(drafts, 1, "the replayed creation made nothing");
}

both_engines!(bad_lines_are_refused_field_by_field_and_nothing_is_made);
async fn bad_lines_are_refused_field_by_field_and_nothing_is_made(app: Arc<TestApp>) {
    // proves: BIL-7 // issue 11: exact amounts, every field named
    let org = billed_org(&app, "ada@example.test").await;
    let input = InvoiceInput {
        billing_address_id: Some("adr_01hzzzzzzzzzzzzzzzzzzzzzzz".into()),
        lines: vec![
            line("", 0, "12.345", VatClass::Standard),
            LineInput {
                period: Some(Period {
                    from: date(2026, 2, 1),
                    to: date(2026, 1, 1),
                }),
                ..line("Backwards", 1, "-1.00", VatClass::Reduced)
            },
        ],
    };
    let codes = field_codes(
        billing::invoices::create_draft(&app.ctx, Issuer::Operator, &org.id, &input, None).await,
    );
    assert_eq!(
        codes,
        [
            ("lines[0].description".to_string(), "required"),
            ("lines[0].quantity".to_string(), "out_of_range"),
            ("lines[0].unit_price".to_string(), "invalid_amount"),
            ("lines[1].unit_price".to_string(), "out_of_range"),
            ("lines[1].period".to_string(), "invalid_period"),
        ]
    );
    // An org without an address cannot be invoiced; its draft stays one.
    let bare = org_made_by(&app, "bob@example.test").await;
    let draft =
        billing::invoices::create_draft(&app.ctx, Issuer::Operator, &bare.id, &hosting(), None)
            .await
            .unwrap();
    assert_eq!(
        code(billing::invoices::issue(&app.ctx, Issuer::Operator, &draft.id, None).await),
        "billing_address_required"
    );
    let mut c = app.ctx.db.acquire().await.unwrap();
    let issued = sql!(
        c.conn(),
        fetch_one scalar i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM invoices WHERE status <> 'draft'"
    )
    .unwrap();
    assert_eq!(issued, 0);
}

both_engines!(the_vat_posted_is_the_vat_shown_for_many_invoices);
async fn the_vat_posted_is_the_vat_shown_for_many_invoices(app: Arc<TestApp>) {
    // proves: BIL-7 // issue 11: the VAT posted to the ledger equals the VAT
    // shown; lines + VAT + rounding = total, to the cent — over invoices of
    // pseudo-random lines (a fixed seed, so a failure repeats).
    let org = billed_org(&app, "ada@example.test").await;
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let classes = [
        VatClass::Standard,
        VatClass::Reduced,
        VatClass::Accommodation,
    ];
    let mut shown_vat = 0;
    for _ in 0..12 {
        let lines = (0..1 + next(5))
            .map(|i| {
                let cents = 1 + next(99_999);
                line(
                    &format!("Item {i}"),
                    1 + next(3) as i64,
                    &format!("{}.{:02}", cents / 100, cents % 100),
                    classes[next(3) as usize],
                )
            })
            .collect();
        let inv = billing::invoices::create_and_issue(
            &app.ctx,
            Issuer::Operator,
            &org.id,
            &InvoiceInput {
                billing_address_id: None,
                lines,
            },
        )
        .await
        .unwrap();
        let lines_sum: i64 = inv.lines.iter().map(|l| l.net.amount_minor).sum();
        let vat_sum: i64 = inv.vat.iter().map(|v| v.vat.amount_minor).sum();
        assert_eq!(lines_sum, inv.net.amount_minor);
        assert_eq!(vat_sum, inv.vat_total.amount_minor);
        assert_eq!(
            inv.net.amount_minor + inv.vat_total.amount_minor + inv.rounding.amount_minor,
            inv.total.amount_minor
        );
        shown_vat += vat_sum;
    }
    let mut c = app.ctx.db.acquire().await.unwrap();
    let posted = sql!(
        c.conn(),
        fetch_one scalar Option<i64>,
        "SELECT CAST(SUM(e.amount_minor) AS BIGINT) FROM ledger_entries e JOIN ledger_accounts a ON a.key = e.account_key WHERE a.kind = 'vat'"
    )
    .unwrap()
    .unwrap_or(0);
    assert_eq!(-posted, shown_vat);
}

both_engines!(five_rappen_rounding_is_its_own_line_and_leaves_the_vat);
async fn five_rappen_rounding_is_its_own_line_and_leaves_the_vat(app: Arc<TestApp>) {
    // proves: BIL-7 // issue 11: optional 5-Rappen rounding of the total
    let ctx = crate::support::reconfigure(&app, |c| c.billing.round_to_5_rappen = true);
    let org = billed_org(&app, "ada@example.test").await;
    // 10.00 + 8.1 % = 10.81 → 10.80, rounding −0.01, VAT still 0.81.
    let inv = billing::invoices::create_and_issue(
        &ctx,
        Issuer::Operator,
        &org.id,
        &InvoiceInput {
            billing_address_id: None,
            lines: vec![line("Mailbox", 1, "10.00", VatClass::Standard)],
        },
    )
    .await
    .unwrap();
    assert_eq!(inv.vat_total, chf(81));
    assert_eq!(inv.rounding, chf(-1));
    assert_eq!(inv.total, chf(1080));
    let mut c = app.ctx.db.acquire().await.unwrap();
    assert_eq!(
        ledger::balance(c.conn(), &Account::Rounding(Currency::Chf))
            .await
            .unwrap(),
        chf(1),
        "the rounding account takes the difference (debited when rounded down)"
    );
}

/// A view as the API answers it, every field.
fn json<T: serde::Serialize>(view: &T) -> serde_json::Value {
    serde_json::to_value(view).unwrap()
}

both_engines!(a_page_of_views_is_each_view_alone);
async fn a_page_of_views_is_each_view_alone(app: Arc<TestApp>) {
    // proves: BIL-1, BIL-7 // a list reads each related set once for the
    // whole page (lines, VAT, what is open, credit notes): every item of a
    // page of 20, and of a page of 1, must be the invoice's view alone.
    let org = billed_org(&app, "ada@example.test").await;
    let classes = [
        VatClass::Standard,
        VatClass::Reduced,
        VatClass::Accommodation,
    ];
    let mut issued = Vec::new();
    for i in 0..18 {
        // Each its own lines (one to three, some rates mixed), so a part
        // put on the wrong invoice shows.
        let lines = (0..1 + i % 3)
            .map(|j| {
                line(
                    &format!("Item {i}.{j}"),
                    1 + j as i64,
                    &format!("{}.{:02}", 10 + i, 5 * j),
                    classes[(i + j) % 3],
                )
            })
            .collect();
        let inv = billing::invoices::create_and_issue(
            &app.ctx,
            Issuer::Operator,
            &org.id,
            &InvoiceInput {
                billing_address_id: None,
                lines,
            },
        )
        .await
        .unwrap();
        issued.push(inv);
    }
    // Some credited in part, twice; one whole (cancelled).
    for (i, inv) in issued.iter().enumerate().filter(|(i, _)| i % 5 == 1) {
        for k in 0..2 {
            billing::credit_notes::credit(
                &app.ctx,
                Issuer::Operator,
                &inv.id,
                &CreditInput {
                    reason: format!("Credit {i}.{k}"),
                    lines: Some(vec![CreditLineInput {
                        line: 1,
                        amount: "1.00".into(),
                    }]),
                },
                None,
            )
            .await
            .unwrap();
        }
    }
    billing::credit_notes::credit(
        &app.ctx,
        Issuer::Operator,
        &issued[4].id,
        &CreditInput {
            reason: "Whole".into(),
            lines: None,
        },
        None,
    )
    .await
    .unwrap();
    for i in 0..2 {
        billing::invoices::create_draft(
            &app.ctx,
            Issuer::Operator,
            &org.id,
            &InvoiceInput {
                billing_address_id: None,
                lines: vec![line(&format!("Draft {i}"), 2, "7.50", VatClass::Standard)],
            },
            None,
        )
        .await
        .unwrap();
    }
    let window = |offset, limit| orgs::Window { offset, limit };

    // Staff: the 18 issued and the 2 drafts.
    let page =
        billing::invoices::staff_invoices(&app.ctx, Issuer::Operator, &org.id, window(0, 20))
            .await
            .unwrap();
    assert_eq!(page.total, 20);
    assert_eq!(page.items.len(), 20);
    assert_eq!(page.items.iter().filter(|v| v.status == "draft").count(), 2);
    assert!(page.items.iter().any(|v| v.status == "cancelled"));
    assert!(page.items.iter().any(|v| v.credit_notes.len() == 2));
    assert!(page.items.iter().any(|v| v.vat.len() == 2));
    for (at, item) in page.items.iter().enumerate() {
        let alone = billing::invoices::staff_invoice(&app.ctx, Issuer::Operator, &item.id)
            .await
            .unwrap();
        assert_eq!(json(item), json(&alone), "staff page item {at}");
        let one = billing::invoices::staff_invoices(
            &app.ctx,
            Issuer::Operator,
            &org.id,
            window(at as i64, 1),
        )
        .await
        .unwrap();
        assert_eq!(one.items.len(), 1);
        assert_eq!(
            json(&one.items[0]),
            json(&alone),
            "staff page of one at {at}"
        );
    }

    // The customer: the issued ones only.
    let page = billing::invoices::list_invoices(
        &app.ctx,
        &org.legal.actor,
        &org.id,
        &Default::default(),
        window(0, 20),
    )
    .await
    .unwrap();
    assert_eq!(page.items.len(), 18);
    for (at, item) in page.items.iter().enumerate() {
        let alone = billing::invoices::get_invoice(&app.ctx, &org.legal.actor, &org.id, &item.id)
            .await
            .unwrap();
        assert_eq!(json(item), json(&alone), "customer page item {at}");
    }

    // Credit notes: 4 × 2 in part, and the whole one.
    let notes = billing::credit_notes::list_credit_notes(
        &app.ctx,
        &org.legal.actor,
        &org.id,
        window(0, 20),
    )
    .await
    .unwrap();
    assert_eq!(notes.items.len(), 9);
    assert!(notes.items.iter().all(|n| !n.invoice_number.is_empty()));
    for (at, item) in notes.items.iter().enumerate() {
        let alone =
            billing::credit_notes::get_credit_note(&app.ctx, &org.legal.actor, &org.id, &item.id)
                .await
                .unwrap();
        assert_eq!(json(item), json(&alone), "credit note item {at}");
        let one = billing::credit_notes::list_credit_notes(
            &app.ctx,
            &org.legal.actor,
            &org.id,
            window(at as i64, 1),
        )
        .await
        .unwrap();
        assert_eq!(
            json(&one.items[0]),
            json(&alone),
            "credit note page of one at {at}"
        );
    }
}
