//! BIL-1, BIL-2: an organisation's invoices and credit notes, for members
//! with the billing right: the list (newest first, filtered by status,
//! paged), one invoice as it was issued, and the PDFs exactly as they were
//! issued. Drafts are the back office's; a customer never sees one.
//!
//! [`InvoiceDoc`] is an invoice as a page reads it (money, dates and rates
//! written in the page's language); the back office shows the same
//! document through it (`templates/orgs/_invoice.html`).

use std::borrow::Borrow;

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};
use guichet_core::{
    billing::{
        self, CreditNoteView, InvoiceQuery, InvoiceView,
        invoices::{PartyView, STATUSES},
        reference::Reference,
        vat::MentionKey,
    },
    ids::{CreditNoteId, InvoiceId, OrgId},
    orgs::Window,
};
use serde::Deserialize;

use super::{
    super::{Shell, errors::PageError, notice::Ids, render, visitor::SignedIn},
    frame::OrgFrame,
};
use crate::{AppState, api::billing::pdf_response};

/// Invoices and credit notes a page shows, as the audit log pages.
pub const PER_PAGE: u64 = 20;

/// The window of page `page` (1-based; anything unreadable is the first).
pub fn window_of(page: Option<&str>) -> (u64, Window) {
    let page = page
        .and_then(|p| p.parse::<u64>().ok())
        .unwrap_or(1)
        .clamp(1, 1_000_000);
    let window = Window {
        offset: i64::try_from((page - 1) * PER_PAGE).unwrap_or(0),
        limit: i64::try_from(PER_PAGE).unwrap_or(20),
    };
    (page, window)
}

/// An invoice's status as a badge: its words (never its colour alone) and
/// the class that colours it.
pub struct Status {
    pub code: String,
    pub label: String,
    pub class: &'static str,
}

impl Status {
    pub fn of(shell: &Shell, code: &str) -> Self {
        Self {
            code: code.to_string(),
            label: shell.t_or(&format!("invoices-status-{}", code.replace('_', "-")), code),
            class: match code {
                "paid" => "ok",
                "cancelled" => "revoked",
                "partially_paid" | "issued" => "active",
                _ => "",
            },
        }
    }
}

/// A date as a page shows it: the `datetime` of its `<time>` and its words.
pub struct Day {
    pub iso: String,
    pub text: String,
}

impl Day {
    pub fn of(shell: &Shell, d: jiff::civil::Date) -> Self {
        Self {
            iso: d.to_string(),
            text: shell.day(d),
        }
    }
}

/// One line of a document, written out.
pub struct DocLine {
    pub position: i32,
    pub description: String,
    /// "1 January 2026 – 31 December 2026", when the line has a period.
    pub period: Option<String>,
    pub quantity: String,
    pub unit_price: String,
    /// The VAT class's name (a draft has no rate yet).
    pub vat_class: String,
    /// "8.1 %"; none on a draft.
    pub vat_rate: Option<String>,
    pub net: String,
}

/// VAT at one rate: "VAT 8.1 % on CHF 120.00" and the amount.
pub struct DocVat {
    pub label: String,
    pub amount: String,
}

/// A credit note of an invoice, as its page lists it.
pub struct DocCreditNote {
    pub id: String,
    pub number: String,
    pub total: String,
}

/// An invoice as a page reads it: what the customer sees, and what the
/// back office sees of a draft or an issued invoice.
pub struct InvoiceDoc {
    pub id: String,
    pub org_id: String,
    /// None while a draft.
    pub number: Option<String>,
    pub is_draft: bool,
    pub status: Status,
    pub issued_on: Option<Day>,
    pub due_on: Option<Day>,
    /// Grouped for reading ("RF18 5390 0754 7034").
    pub reference: Option<String>,
    pub seller: Option<PartyView>,
    pub buyer: Option<PartyView>,
    pub lines: Vec<DocLine>,
    pub net: String,
    pub vat: Vec<DocVat>,
    pub vat_total: String,
    /// The 5-Rappen rounding, when there is one.
    pub rounding: Option<String>,
    pub total: String,
    /// Credited so far, when anything is.
    pub credited: Option<String>,
    pub open: String,
    /// The legally required mention when Swiss VAT does not apply.
    pub mention: Option<String>,
    pub credit_notes: Vec<DocCreditNote>,
}

impl InvoiceDoc {
    pub fn of(shell: &Shell, v: &InvoiceView) -> Self {
        let period = |p: &billing::Period| {
            shell.t_args(
                "invoices-period",
                &[("from", shell.day(p.from)), ("to", shell.day(p.to))],
            )
        };
        Self {
            id: v.id.to_string(),
            org_id: v.org_id.to_string(),
            number: v.number.clone(),
            is_draft: v.status == "draft",
            status: Status::of(shell, &v.status),
            issued_on: v.issued_on.map(|d| Day::of(shell, d)),
            due_on: v.due_on.map(|d| Day::of(shell, d)),
            reference: v.reference.as_deref().map(printed_reference),
            seller: v.seller.clone(),
            buyer: v.buyer.clone(),
            lines: v
                .lines
                .iter()
                .map(|l| DocLine {
                    position: l.position,
                    description: l.description.clone(),
                    period: l.period.as_ref().map(period),
                    quantity: shell.integer(l.quantity),
                    unit_price: shell.money(l.unit_price),
                    vat_class: vat_class_label(shell, &l.vat_class),
                    vat_rate: l.vat_rate.as_deref().map(|r| shell.percent(r)),
                    net: shell.money(l.net),
                })
                .collect(),
            net: shell.money(v.net),
            vat: v
                .vat
                .iter()
                .map(|r| DocVat {
                    label: shell.t_args(
                        "invoices-vat-at",
                        &[
                            ("rate", shell.percent(&r.rate)),
                            ("base", shell.money(r.base)),
                        ],
                    ),
                    amount: shell.money(r.vat),
                })
                .collect(),
            vat_total: shell.money(v.vat_total),
            rounding: (!v.rounding.is_zero()).then(|| shell.money(v.rounding)),
            total: shell.money(v.total),
            credited: (!v.credited.is_zero()).then(|| shell.money(v.credited)),
            open: shell.money(v.open),
            mention: v.vat_mention.as_deref().map(|m| mention_text(shell, m)),
            credit_notes: v
                .credit_notes
                .iter()
                .map(|n| DocCreditNote {
                    id: n.id.to_string(),
                    number: n.number.clone(),
                    total: shell.money(n.total),
                })
                .collect(),
        }
    }

    /// The title of its page: "Invoice 2026-000123", or "Draft invoice".
    pub fn title(&self, shell: &Shell) -> String {
        match &self.number {
            Some(n) => shell.t1("invoices-invoice-title", "number", n),
            None => shell.t("invoices-draft-title"),
        }
    }
}

/// A payment reference grouped for reading, as the PDF prints it.
pub fn printed_reference(r: &str) -> String {
    Reference::parse_any(r).map_or_else(|_| r.to_string(), |r| r.printed())
}

/// The VAT mention whose key is `key` (`export-services`), in the words
/// the PDF prints (`invoice-mention-<key>`), else the law's English words.
pub fn mention_text(shell: &Shell, key: &str) -> String {
    let english = serde_json::from_value::<MentionKey>(serde_json::Value::String(key.into()))
        .map_or_else(|_| key.to_string(), |m| m.english().to_string());
    shell.t_or(&format!("invoice-mention-{key}"), &english)
}

/// A VAT class's name in the page's language.
pub fn vat_class_label(shell: &Shell, class: &str) -> String {
    shell.t_or(&format!("invoices-vat-class-{class}"), class)
}

// ---------------------------------------------------------------- the list

#[derive(Deserialize)]
pub struct ListQuery {
    page: Option<String>,
    status: Option<String>,
    notes_page: Option<String>,
}

/// An invoice as the list shows it.
pub struct ListedInvoice {
    id: String,
    number: String,
    issued_on: Option<Day>,
    due_on: Option<Day>,
    total: String,
    open: String,
    status: Status,
}

/// A credit note as the list shows it.
pub struct ListedCreditNote {
    id: String,
    number: String,
    issued_on: Day,
    invoice_id: String,
    invoice_number: String,
    total: String,
}

/// A choice of the status filter.
pub struct Choice {
    value: &'static str,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "orgs/invoices.html")]
pub struct InvoicesPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    invoices: Vec<ListedInvoice>,
    /// The filter's status, if one.
    status: Option<&'static str>,
    statuses: Vec<Choice>,
    page: u64,
    pages: u64,
    notes: Vec<ListedCreditNote>,
    notes_page: u64,
    notes_pages: u64,
}

impl InvoicesPage {
    fn page_of(&self, page: impl Borrow<u64>, pages: impl Borrow<u64>) -> String {
        self.shell.t_args(
            "log-page-of",
            &[
                ("page", page.borrow().to_string()),
                ("pages", pages.borrow().to_string()),
            ],
        )
    }

    /// The list's page `page`, the filter and the credit notes' page kept.
    fn page_href(&self, page: u64) -> String {
        let mut href = format!("{}?page={page}", self.org.path("/invoices"));
        if let Some(s) = self.status {
            href.push_str(&format!("&status={s}"));
        }
        if self.notes_page > 1 {
            href.push_str(&format!("&notes_page={}", self.notes_page));
        }
        href
    }

    fn notes_href(&self, notes_page: u64) -> String {
        let mut href = format!(
            "{}?page={}&notes_page={notes_page}",
            self.org.path("/invoices"),
            self.page
        );
        if let Some(s) = self.status {
            href.push_str(&format!("&status={s}"));
        }
        href.push_str("#credit-notes-title");
        href
    }
}

/// BIL-1: the issued invoices, newest first, filtered by status, and the
/// credit notes below.
pub async fn list(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    let ctx = &state.ctx;
    let shell = Shell::of(&state, &s.visitor);
    let (org, _) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
    // An unknown status shows every invoice, as an unknown page the first.
    let status = q
        .status
        .as_deref()
        .and_then(|s| STATUSES.iter().copied().find(|known| *known == s));
    let (page, window) = window_of(q.page.as_deref());
    let query = InvoiceQuery {
        status: status.map(str::to_string),
        ..InvoiceQuery::default()
    };
    let invoices = billing::invoices::list_invoices(ctx, &s.actor, &org_id, &query, window).await?;
    let (notes_page, notes_window) = window_of(q.notes_page.as_deref());
    let notes =
        billing::credit_notes::list_credit_notes(ctx, &s.actor, &org_id, notes_window).await?;
    let mut statuses = vec![Choice {
        value: "",
        label: shell.t("invoices-filter-any"),
        selected: status.is_none(),
    }];
    statuses.extend(STATUSES.iter().map(|code| Choice {
        value: code,
        label: Status::of(&shell, code).label,
        selected: status == Some(*code),
    }));
    let page = InvoicesPage {
        heading: shell.t("org-tab-invoices"),
        invoices: invoices.items.iter().map(|v| listed(&shell, v)).collect(),
        status,
        statuses,
        page,
        pages: invoices.total.div_ceil(PER_PAGE).max(1),
        notes: notes.items.iter().map(|n| listed_note(&shell, n)).collect(),
        notes_page,
        notes_pages: notes.total.div_ceil(PER_PAGE).max(1),
        org,
        shell,
    };
    Ok(render(StatusCode::OK, &page))
}

fn listed(shell: &Shell, v: &InvoiceView) -> ListedInvoice {
    ListedInvoice {
        id: v.id.to_string(),
        number: v.number.clone().unwrap_or_default(),
        issued_on: v.issued_on.map(|d| Day::of(shell, d)),
        due_on: v.due_on.map(|d| Day::of(shell, d)),
        total: shell.money(v.total),
        open: shell.money(v.open),
        status: Status::of(shell, &v.status),
    }
}

fn listed_note(shell: &Shell, n: &CreditNoteView) -> ListedCreditNote {
    ListedCreditNote {
        id: n.id.to_string(),
        number: n.number.clone(),
        issued_on: Day::of(shell, n.issued_on),
        invoice_id: n.invoice_id.to_string(),
        invoice_number: n.invoice_number.clone(),
        total: shell.money(n.total),
    }
}

// ---------------------------------------------------------------- one invoice

#[derive(Template)]
#[template(path = "orgs/invoice.html")]
pub struct InvoicePage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    doc: InvoiceDoc,
    /// Where the document's PDFs are downloaded from.
    pdf_base: String,
    /// "Pay this invoice", for members who may pay it.
    pay: Option<super::payments::PayBox>,
}

/// BIL-1, BIL-2: one issued invoice, as it was issued, and its PDF.
pub async fn page(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, invoice_id)): Ids<(OrgId, InvoiceId)>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let (org, view) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let v = billing::invoices::get_invoice(&state.ctx, &s.actor, &org_id, &invoice_id).await?;
    let doc = InvoiceDoc::of(&shell, &v);
    let pay = super::payments::PayBox::load(&state, &s, &shell, &view, &v, None).await?;
    let page = InvoicePage {
        pay,
        heading: doc.title(&shell),
        pdf_base: org.path(""),
        doc,
        org,
        shell,
    };
    Ok(render(StatusCode::OK, &page))
}

/// BIL-2: the invoice's PDF, exactly as it was issued.
pub async fn pdf(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, invoice_id)): Ids<(OrgId, InvoiceId)>,
) -> Result<Response, PageError> {
    let (number, pdf) =
        billing::invoices::invoice_pdf(&state.ctx, &s.actor, &org_id, &invoice_id).await?;
    Ok(pdf_response("invoice", &number, pdf))
}

/// A credit note's PDF, exactly as it was issued.
pub async fn credit_note_pdf(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, credit_note_id)): Ids<(OrgId, CreditNoteId)>,
) -> Result<Response, PageError> {
    let (number, pdf) =
        billing::credit_notes::credit_note_pdf(&state.ctx, &s.actor, &org_id, &credit_note_id)
            .await?;
    Ok(pdf_response("credit-note", &number, pdf))
}
