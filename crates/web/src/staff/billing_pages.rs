//! The back office's invoices (issue 11; BIL-1, BIL-2): staff with the
//! `billing` or `admin` role make a draft for an organisation, change it,
//! issue it and credit it; `billing`, `fraud` and `admin` read them. The
//! core checks every right (`billing::Issuer`); these pages show a form
//! only to whom the access module says may use it.
//!
//! Every post is checked by the back office's layer (same origin, form
//! token), answers with a redirect (POST-redirect-GET), and carries an
//! idempotency key made when its form was drawn: a form sent twice (a
//! double click, a reload) makes one document, not two.

use askama::Template;
use axum::{
    Router,
    extract::{Path, State},
    http::StatusCode,
    response::Response,
    routing::{get, post},
};
use guichet_core::{
    Error, FieldError,
    billing::{
        self, CreditInput, CreditLineInput, InvoiceInput, InvoiceView, Issuer, LineInput, Period,
        invoices::LINES_MAX, vat::VatClass,
    },
    idempotency::Idempotency,
    ids::{CreditNoteId, InvoiceId, OrgId},
    payments::reminders::{self, PauseInput},
    staff::{self, StaffAction, StaffActor, StaffAddressView},
};

use super::{
    SignedInStaff,
    pages::Frame,
    payments_pages::{self, StaffListedPayment},
};
use crate::{
    AppState,
    api::billing::pdf_response,
    console::{
        Shell,
        errors::PageError,
        form::{Fields, FormErrors},
        notice::{self, Alert, Saved, answer_refused, form_page, notices, saved},
        orgs::invoices::{Day, InvoiceDoc, PER_PAGE, Status, vat_class_label, window_of},
        render,
    },
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff/orgs/{org_id}/invoices/new", get(new_page))
        .route("/staff/orgs/{org_id}/invoices", post(create))
        .route("/staff/invoices/{invoice_id}", get(invoice_page))
        .route(
            "/staff/invoices/{invoice_id}/edit",
            get(edit_page).post(save),
        )
        .route("/staff/invoices/{invoice_id}/issue", post(issue))
        .route("/staff/invoices/{invoice_id}/delete", post(delete))
        .route("/staff/invoices/{invoice_id}/credit-notes", post(credit))
        .route("/staff/invoices/{invoice_id}/pdf", get(invoice_pdf))
        .route(
            "/staff/invoices/{invoice_id}/reminders/pause",
            post(pause_reminders),
        )
        .route(
            "/staff/invoices/{invoice_id}/reminders/resume",
            post(resume_reminders),
        )
        .route(
            "/staff/credit-notes/{credit_note_id}/pdf",
            get(credit_note_pdf),
        )
}

notices! {
    /// What the back office's invoice pages say after a successful post.
    pub enum StaffNotice in "staff-saved-" {
        DraftSaved = "draft-saved",
        DraftDeleted = "draft-deleted",
        Issued = "issued",
        Credited = "credited",
        RemindersPaused = "reminders-paused",
        RemindersResumed = "reminders-resumed",
        Refunded = "refunded",
    }
}

/// The catalogue's prefix of the rules that refuse a money document
/// (`staff-invoices-refused-invoice-not-draft`…).
const REFUSED: &str = "staff-invoices-refused-";

/// Empty rows a new form offers, and how many "Add more rows" adds.
pub const ROWS_STEP: usize = 5;

/// May this staff member make, issue and credit invoices? The access
/// module's answer, for showing the forms (the core checks again).
pub fn may_issue(actor: &StaffActor) -> bool {
    actor.roles.permits(StaffAction::IssueInvoices)
}

/// May this staff member read invoices?
pub fn may_read(actor: &StaffActor) -> bool {
    actor.roles.permits(StaffAction::ViewBillingDetails)
}

/// An id read from the path. As the back office's other pages: the roles
/// first (a role that may not `action` is refused whatever the id), then
/// a malformed id is unknown.
fn path_id<T>(actor: &StaffActor, action: StaffAction, parsed: Option<T>) -> Result<T, PageError> {
    match parsed {
        Some(id) => Ok(id),
        None => {
            staff::check(actor, action)?;
            Err(PageError(Error::NotFound))
        }
    }
}

/// A fresh idempotency key for a form being drawn.
fn new_key() -> String {
    guichet_core::accounts::new_secret()
}

/// The idempotency of a post: its form's key, bound to the staff member,
/// the operation and what was asked. A form without a key (an old page)
/// goes without.
fn idempotency(
    by: &Issuer<'_>,
    key: &str,
    operation: &str,
    asked: &str,
) -> Result<Option<Idempotency>, Error> {
    if key.is_empty() {
        return Ok(None);
    }
    Idempotency::new(&by.idempotency_scope(), key, operation, asked.as_bytes()).map(Some)
}

/// A validation error's fields renamed from the core's attributes to the
/// form's fields; any other error as it was.
fn renamed(e: Error, rename: impl Fn(&str) -> String) -> Error {
    match e {
        Error::Validation(fields) => Error::Validation(
            fields
                .into_iter()
                .map(|mut f| {
                    f.attribute = rename(&f.attribute);
                    f
                })
                .collect(),
        ),
        other => other,
    }
}

/// `lines[3].unit_price` → `(3, "unit_price")`.
fn line_attribute(attribute: &str) -> Option<(usize, &str)> {
    let rest = attribute.strip_prefix("lines[")?;
    let (index, field) = rest.split_once("].")?;
    Some((index.parse().ok()?, field))
}

// ---------------------------------------------------------------- the draft form

/// One row of the lines as typed (or as drafted).
#[derive(Debug, Clone)]
pub struct LineForm {
    description: String,
    quantity: String,
    unit_price: String,
    vat_class: String,
    period_from: String,
    period_to: String,
}

impl Default for LineForm {
    fn default() -> Self {
        Self {
            description: String::new(),
            quantity: "1".into(),
            unit_price: String::new(),
            vat_class: VatClass::Standard.as_str().into(),
            period_from: String::new(),
            period_to: String::new(),
        }
    }
}

impl LineForm {
    /// Nothing typed that says what to invoice (a quantity and a class
    /// are preset): the row is not a line.
    fn is_blank(&self) -> bool {
        [
            &self.description,
            &self.unit_price,
            &self.period_from,
            &self.period_to,
        ]
        .iter()
        .all(|v| v.trim().is_empty())
    }
}

/// The name (and id) of a row's field: `line-2-unit_price`.
fn line_field(row: usize, field: &str) -> String {
    format!("line-{row}-{field}")
}

/// The draft form as shown or typed.
#[derive(Debug, Clone)]
pub struct InvoiceForm {
    /// The billing address's id; empty: the organisation's default.
    address: String,
    lines: Vec<LineForm>,
    /// This form's idempotency key.
    key: String,
}

impl InvoiceForm {
    fn blank(default_address: Option<&str>) -> Self {
        Self {
            address: default_address.unwrap_or_default().to_string(),
            lines: vec![LineForm::default(); ROWS_STEP],
            key: new_key(),
        }
    }

    fn of(v: &InvoiceView) -> Self {
        let mut lines: Vec<LineForm> = v
            .lines
            .iter()
            .map(|l| LineForm {
                description: l.description.clone(),
                quantity: l.quantity.to_string(),
                unit_price: l.unit_price.amount_string(),
                vat_class: l.vat_class.clone(),
                period_from: l.period.map(|p| p.from.to_string()).unwrap_or_default(),
                period_to: l.period.map(|p| p.to.to_string()).unwrap_or_default(),
            })
            .collect();
        let rows = lines.len().max(ROWS_STEP);
        lines.resize_with(rows, LineForm::default);
        Self {
            address: v.billing_address_id.clone().unwrap_or_default(),
            lines,
            key: new_key(),
        }
    }

    fn typed(fields: &Fields) -> Self {
        let rows = fields
            .get("rows")
            .parse::<usize>()
            .unwrap_or(ROWS_STEP)
            .clamp(1, LINES_MAX);
        let lines = (0..rows)
            .map(|i| {
                let get = |f: &str| fields.get(&line_field(i, f)).to_string();
                LineForm {
                    description: get("description"),
                    quantity: get("quantity"),
                    unit_price: get("unit_price"),
                    vat_class: get("vat_class"),
                    period_from: get("period_from"),
                    period_to: get("period_to"),
                }
            })
            .collect();
        Self {
            address: fields.get("address").to_string(),
            lines,
            key: fields.get("key").to_string(),
        }
    }

    /// Five more empty rows (up to the most lines an invoice has).
    fn with_more_rows(mut self) -> Self {
        let rows = (self.lines.len() + ROWS_STEP).min(LINES_MAX);
        self.lines.resize_with(rows, LineForm::default);
        self
    }

    /// The draft's content, and for each of its lines the row it came
    /// from; or the rows' fields that cannot be read at all (a class not
    /// offered, half a period). Blank rows are left out. The rules of a
    /// line (a description, a price of the currency…) are the core's.
    fn input(&self) -> Result<(InvoiceInput, Vec<usize>), Error> {
        let mut errors = Vec::new();
        let mut lines = Vec::new();
        let mut rows = Vec::new();
        for (row, l) in self.lines.iter().enumerate() {
            if l.is_blank() {
                continue;
            }
            let vat_class = VatClass::parse(l.vat_class.trim());
            if vat_class.is_none() {
                errors.push(FieldError::new(
                    line_field(row, "vat_class"),
                    "invalid_value",
                    "Choose a VAT class from the list.",
                ));
            }
            let (from, to) = (l.period_from.trim(), l.period_to.trim());
            let period = match (from.is_empty(), to.is_empty()) {
                (true, true) => None,
                _ => match (from.parse(), to.parse()) {
                    (Ok(from), Ok(to)) => Some(Period { from, to }),
                    _ => {
                        errors.push(FieldError::new(
                            line_field(row, "period_from"),
                            "invalid_date",
                            "Give both days of the period as YYYY-MM-DD, or neither.",
                        ));
                        None
                    }
                },
            };
            if let Some(vat_class) = vat_class {
                lines.push(LineInput {
                    description: l.description.clone(),
                    // A quantity that is no whole number is 0, which the
                    // core refuses with its own words.
                    quantity: l.quantity.trim().parse().unwrap_or(0),
                    unit_price: l.unit_price.trim().to_string(),
                    vat_class,
                    period,
                });
                rows.push(row);
            }
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let input = InvoiceInput {
            billing_address_id: Some(self.address.trim().to_string()).filter(|a| !a.is_empty()),
            lines,
        };
        Ok((input, rows))
    }
}

/// The core's attributes as the form's fields: `lines[1].unit_price` is
/// the unit price of the row the second line came from.
fn form_attribute(rows: &[usize], attribute: &str) -> String {
    match line_attribute(attribute) {
        Some((i, field)) => {
            let row = rows.get(i).copied().unwrap_or(i);
            let field = if field == "period" {
                "period_from"
            } else {
                field
            };
            line_field(row, field)
        }
        None if attribute == "billing_address_id" => "address".into(),
        None => attribute.to_string(),
    }
}

/// A field of a row, as the template draws it.
pub struct RowField {
    name: String,
    value: String,
}

/// A row of the lines, as the template draws it.
pub struct Row {
    number: usize,
    description: RowField,
    quantity: RowField,
    unit_price: RowField,
    vat_class: RowField,
    period_from: RowField,
    period_to: RowField,
    classes: Vec<ClassChoice>,
}

/// A VAT class to choose.
pub struct ClassChoice {
    value: &'static str,
    label: String,
    selected: bool,
}

/// A billing address to choose.
pub struct AddressChoice {
    id: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "staff/invoice_form.html")]
struct InvoiceFormPage {
    frame: Frame,
    heading: String,
    org_id: String,
    org_name: String,
    currency: String,
    /// Where the form posts, and where "Cancel" goes.
    action: String,
    cancel: String,
    addresses: Vec<AddressChoice>,
    rows: Vec<Row>,
    key: String,
    more_rows: bool,
    errors: FormErrors,
    alert: Option<Alert>,
}

form_page!(InvoiceFormPage);

impl InvoiceFormPage {
    /// The form of `org_id`'s draft: a new one (`editing` None) or the one
    /// being changed.
    async fn load(
        state: &AppState,
        signed: &SignedInStaff,
        path: &str,
        org_id: &OrgId,
        editing: Option<&InvoiceId>,
        form: Option<InvoiceForm>,
    ) -> Result<Self, PageError> {
        let actor = &signed.session.actor;
        let mut frame = Frame::of(state, &signed.visitor);
        frame.shell = frame.shell.at(path);
        // The organisation's name, currency and addresses: its summary
        // (reading it is in the staff audit log, as any summary read).
        let org = staff::org_summary(&state.ctx, actor, org_id).await?;
        let addresses: Vec<StaffAddressView> = org.billing_addresses.unwrap_or_default();
        let default = addresses
            .iter()
            .find(|a| a.is_default)
            .map(|a| a.id.as_str());
        let form = form.unwrap_or_else(|| InvoiceForm::blank(default));
        let chosen = if form.address.is_empty() {
            default.unwrap_or_default().to_string()
        } else {
            form.address.clone()
        };
        let shell = &frame.shell;
        let rows = form
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let f = |name: &str, value: &str| RowField {
                    name: line_field(i, name),
                    value: value.to_string(),
                };
                Row {
                    number: i + 1,
                    description: f("description", &l.description),
                    quantity: f("quantity", &l.quantity),
                    unit_price: f("unit_price", &l.unit_price),
                    vat_class: f("vat_class", &l.vat_class),
                    period_from: f("period_from", &l.period_from),
                    period_to: f("period_to", &l.period_to),
                    classes: VatClass::ALL
                        .iter()
                        .map(|c| ClassChoice {
                            value: c.as_str(),
                            label: vat_class_label(shell, c.as_str()),
                            selected: l.vat_class.trim() == c.as_str(),
                        })
                        .collect(),
                }
            })
            .collect::<Vec<_>>();
        let (heading, action, cancel) = match editing {
            Some(id) => (
                shell.t("staff-invoices-edit-title"),
                format!("/staff/invoices/{id}/edit"),
                format!("/staff/invoices/{id}"),
            ),
            None => (
                shell.t("staff-invoices-new-title"),
                format!("/staff/orgs/{org_id}/invoices"),
                format!("/staff/orgs/{org_id}"),
            ),
        };
        Ok(Self {
            heading,
            org_id: org.id.to_string(),
            org_name: org.name.clone(),
            currency: org.currency.clone(),
            action,
            cancel,
            addresses: addresses
                .iter()
                .map(|a| AddressChoice {
                    label: format!(
                        "{}, {} {}, {} {}, {}",
                        a.name, a.street, a.building_number, a.postcode, a.town, a.country
                    )
                    .replace(" ,", ","),
                    selected: a.id.as_str() == chosen,
                    id: a.id.to_string(),
                })
                .collect(),
            more_rows: rows.len() < LINES_MAX,
            rows,
            key: form.key,
            errors: FormErrors::default(),
            alert: None,
            frame,
        })
    }
}

/// A new draft's form: the default address chosen, five empty rows.
async fn new_page(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(org_id): Path<String>,
) -> Result<Response, PageError> {
    let org_id = path_id(
        &signed.session.actor,
        StaffAction::IssueInvoices,
        OrgId::parse(&org_id),
    )?;
    staff::check(&signed.session.actor, StaffAction::IssueInvoices)?;
    let path = format!("/staff/orgs/{org_id}/invoices/new");
    let page = InvoiceFormPage::load(&state, &signed, &path, &org_id, None, None).await?;
    Ok(render(StatusCode::OK, &page))
}

/// A draft's form, with its lines.
async fn edit_page(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(invoice_id): Path<String>,
) -> Result<Response, PageError> {
    let invoice_id = path_id(
        &signed.session.actor,
        StaffAction::IssueInvoices,
        InvoiceId::parse(&invoice_id),
    )?;
    let by = Issuer::Staff(&signed.session.actor);
    staff::check(&signed.session.actor, StaffAction::IssueInvoices)?;
    let v = billing::invoices::staff_invoice(&state.ctx, by, &invoice_id).await?;
    if v.status != "draft" {
        return Ok(notice::go(&format!("/staff/invoices/{invoice_id}")));
    }
    let path = format!("/staff/invoices/{invoice_id}/edit");
    let form = InvoiceForm::of(&v);
    let page = InvoiceFormPage::load(
        &state,
        &signed,
        &path,
        &v.org_id,
        Some(&invoice_id),
        Some(form),
    )
    .await?;
    Ok(render(StatusCode::OK, &page))
}

/// Make a draft (or draw the form again with more rows).
async fn create(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(org_id): Path<String>,
    fields: Fields,
) -> Result<Response, PageError> {
    let org_id = path_id(
        &signed.session.actor,
        StaffAction::IssueInvoices,
        OrgId::parse(&org_id),
    )?;
    store_draft(&state, &signed, &org_id, None, &fields).await
}

/// Change a draft (or draw the form again with more rows).
async fn save(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(invoice_id): Path<String>,
    fields: Fields,
) -> Result<Response, PageError> {
    let invoice_id = path_id(
        &signed.session.actor,
        StaffAction::IssueInvoices,
        InvoiceId::parse(&invoice_id),
    )?;
    let by = Issuer::Staff(&signed.session.actor);
    let v = billing::invoices::staff_invoice(&state.ctx, by, &invoice_id).await?;
    store_draft(&state, &signed, &v.org_id, Some(&invoice_id), &fields).await
}

/// The draft form's post: "Add more rows" draws it again with five more;
/// else the draft is made or changed, and its page shown; a refusal draws
/// the form again with each error by its field.
async fn store_draft(
    state: &AppState,
    signed: &SignedInStaff,
    org_id: &OrgId,
    editing: Option<&InvoiceId>,
    fields: &Fields,
) -> Result<Response, PageError> {
    let by = Issuer::Staff(&signed.session.actor);
    let form = InvoiceForm::typed(fields);
    let path = match editing {
        Some(id) => format!("/staff/invoices/{id}/edit"),
        None => format!("/staff/orgs/{org_id}/invoices/new"),
    };
    if !fields.get("more").is_empty() {
        staff::check(&signed.session.actor, StaffAction::IssueInvoices)?;
        let form = form.with_more_rows();
        let page = InvoiceFormPage::load(state, signed, &path, org_id, editing, Some(form)).await?;
        return Ok(render(StatusCode::OK, &page));
    }
    let result = match form.input() {
        Err(e) => Err(e),
        Ok((input, rows)) => {
            let done = match editing {
                Some(id) => billing::invoices::update_draft(&state.ctx, by, id, &input).await,
                None => {
                    let idem = idempotency(
                        &by,
                        &form.key,
                        &format!("create_invoice {org_id}"),
                        &format!("{input:?}"),
                    )?;
                    billing::invoices::create_draft(&state.ctx, by, org_id, &input, idem.as_ref())
                        .await
                }
            };
            done.map_err(|e| renamed(e, |a| form_attribute(&rows, a)))
        }
    };
    match result {
        Ok(v) => Ok(saved(
            &format!("/staff/invoices/{}", v.id),
            StaffNotice::DraftSaved,
        )),
        Err(e) => {
            let page =
                InvoiceFormPage::load(state, signed, &path, org_id, editing, Some(form)).await?;
            let r = notice::refusal(&page.frame.shell, "invoice", REFUSED, e)?;
            Ok(answer_refused(page, r, "invoice"))
        }
    }
}

// ---------------------------------------------------------------- one invoice

/// A row of the credit form: an invoice line and what it has left.
pub struct CreditRow {
    position: i32,
    description: String,
    /// What it invoiced and what it has left: "CHF 120.00, CHF 20.00 left".
    hint: String,
    /// Nothing left to credit on it.
    done: bool,
    name: String,
    value: String,
}

/// A credit note of the invoice, with what it says.
pub struct NoteDetail {
    id: String,
    number: String,
    issued_on: Day,
    reason: String,
    total: String,
    /// Put on the organisation's prepaid account.
    to_prepaid: Option<String>,
}

#[derive(Template)]
#[template(path = "staff/invoice.html")]
struct StaffInvoicePage {
    frame: Frame,
    heading: String,
    doc: InvoiceDoc,
    pdf_base: &'static str,
    saved: Option<String>,
    /// The forms (issue, delete, credit) are shown.
    may_issue: bool,
    /// Something is left to credit.
    creditable: bool,
    /// The idempotency key of this page's forms.
    key: String,
    reason: String,
    everything: bool,
    credit_rows: Vec<CreditRow>,
    notes: Vec<NoteDetail>,
    /// An issued invoice's reminders (BIL-5); none for a draft.
    reminders: Option<RemindersBox>,
    /// Its payments, oldest first, each a link to its page (refunds).
    payments: Vec<StaffListedPayment>,
    errors: FormErrors,
    alert: Option<Alert>,
}

form_page!(StaffInvoicePage);

/// The reminders of an issued invoice as the page shows them.
struct RemindersBox {
    paused: bool,
    /// "Reminder 1, sent on 19 April 2026", first first.
    sent: Vec<String>,
    /// The pause form's reason as typed.
    reason: String,
}

/// The credit form as typed: the reason, "everything left", and an
/// amount per invoice line (by position).
struct CreditForm {
    reason: String,
    everything: bool,
    amounts: Vec<(i32, String)>,
    key: String,
}

impl CreditForm {
    fn typed(fields: &Fields, v: &InvoiceView) -> Self {
        Self {
            reason: fields.get("reason").to_string(),
            everything: !fields.get("everything").is_empty(),
            amounts: v
                .lines
                .iter()
                .map(|l| {
                    (
                        l.position,
                        fields.get(&credit_field(l.position)).to_string(),
                    )
                })
                .collect(),
            key: fields.get("key").to_string(),
        }
    }

    /// What to credit, and for each part the line it names.
    fn input(&self) -> (CreditInput, Vec<i32>) {
        let parts: Vec<(i32, String)> = self
            .amounts
            .iter()
            .filter(|(_, a)| !a.trim().is_empty())
            .map(|(p, a)| (*p, a.trim().to_string()))
            .collect();
        let positions = parts.iter().map(|(p, _)| *p).collect();
        let lines = (!self.everything).then(|| {
            parts
                .into_iter()
                .map(|(line, amount)| CreditLineInput { line, amount })
                .collect()
        });
        (
            CreditInput {
                reason: self.reason.clone(),
                lines,
            },
            positions,
        )
    }
}

/// The name (and id) of a line's amount in the credit form.
fn credit_field(position: i32) -> String {
    format!("credit-{position}")
}

/// The core's attributes as the credit form's fields.
fn credit_attribute(positions: &[i32], attribute: &str) -> String {
    match line_attribute(attribute) {
        Some((i, _)) => positions
            .get(i)
            .map_or_else(|| "credit-lines".into(), |p| credit_field(*p)),
        None if attribute == "lines" => "credit-lines".into(),
        None => attribute.to_string(),
    }
}

impl StaffInvoicePage {
    async fn load(
        state: &AppState,
        signed: &SignedInStaff,
        invoice_id: &InvoiceId,
        typed: Option<CreditForm>,
    ) -> Result<Self, PageError> {
        let actor = &signed.session.actor;
        let by = Issuer::Staff(actor);
        let v = billing::invoices::staff_invoice(&state.ctx, by, invoice_id).await?;
        let mut frame = Frame::of(state, &signed.visitor);
        frame.shell = frame.shell.at(&format!("/staff/invoices/{invoice_id}"));
        let shell = &frame.shell;
        let mut doc = InvoiceDoc::of(shell, &v);
        // The page lists the credit notes itself, with their reasons.
        doc.credit_notes.clear();
        // Its credit notes, in full: their reasons, and what each line
        // has left to credit.
        let mut notes = Vec::new();
        let mut credited: Vec<(i32, i64)> = Vec::new();
        for n in
            billing::credit_notes::staff_invoice_credit_notes(&state.ctx, by, invoice_id).await?
        {
            for l in &n.lines {
                credited.push((l.invoice_line, l.net.amount_minor));
            }
            notes.push(NoteDetail {
                id: n.id.to_string(),
                number: n.number.clone(),
                issued_on: Day::of(shell, n.issued_on),
                reason: n.reason.clone(),
                total: shell.money(n.total),
                to_prepaid: (!n.to_prepaid.is_zero()).then(|| shell.money(n.to_prepaid)),
            });
        }
        let typed = typed.unwrap_or(CreditForm {
            reason: String::new(),
            everything: false,
            amounts: Vec::new(),
            key: new_key(),
        });
        let credit_rows: Vec<CreditRow> = v
            .lines
            .iter()
            .map(|l| {
                let done: i64 = credited
                    .iter()
                    .filter(|(p, _)| *p == l.position)
                    .map(|(_, n)| n)
                    .sum();
                let left = guichet_core::money::Money::new(
                    l.net.amount_minor.saturating_sub(done),
                    l.net.currency,
                );
                CreditRow {
                    position: l.position,
                    description: l.description.clone(),
                    hint: shell.t_args(
                        "staff-credit-line-left",
                        &[("net", shell.money(l.net)), ("left", shell.money(left))],
                    ),
                    done: left.amount_minor <= 0,
                    name: credit_field(l.position),
                    value: typed
                        .amounts
                        .iter()
                        .find(|(p, _)| *p == l.position)
                        .map(|(_, a)| a.clone())
                        .unwrap_or_default(),
                }
            })
            .collect();
        let creditable = !doc.is_draft && credit_rows.iter().any(|r| !r.done);
        let reminders = if doc.is_draft {
            None
        } else {
            let r = reminders::reminder_state(&state.ctx, actor, invoice_id).await?;
            Some(RemindersBox {
                paused: r.paused,
                sent: r
                    .reminders
                    .iter()
                    .map(|s| {
                        shell.t_args(
                            "staff-reminders-sent",
                            &[
                                ("level", s.level.to_string()),
                                ("day", Day::of(shell, s.sent_on).text),
                            ],
                        )
                    })
                    .collect(),
                reason: String::new(),
            })
        };
        let payments = if doc.is_draft {
            Vec::new()
        } else {
            payments_pages::invoice_payments(state, actor, shell, invoice_id).await?
        };
        Ok(Self {
            payments,
            heading: doc.title(shell),
            doc,
            pdf_base: "/staff",
            saved: None,
            may_issue: may_issue(actor),
            creditable,
            key: typed.key,
            reason: typed.reason,
            everything: typed.everything,
            credit_rows,
            notes,
            reminders,
            errors: FormErrors::default(),
            alert: None,
            frame,
        })
    }
}

/// A draft (its lines and totals as drafted, to issue or delete) or an
/// issued invoice (what the customer sees, its PDF, its credit notes and
/// the form to credit it).
async fn invoice_page(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(invoice_id): Path<String>,
    Saved(notice): Saved<StaffNotice>,
) -> Result<Response, PageError> {
    let invoice_id = path_id(
        &signed.session.actor,
        StaffAction::ViewBillingDetails,
        InvoiceId::parse(&invoice_id),
    )?;
    let mut page = StaffInvoicePage::load(&state, &signed, &invoice_id, None).await?;
    page.saved = Saved::text(notice, &page.frame.shell);
    Ok(render(StatusCode::OK, &page))
}

/// The page again with a refusal above the form of `section`.
async fn refused_on_page(
    state: &AppState,
    signed: &SignedInStaff,
    invoice_id: &InvoiceId,
    typed: Option<CreditForm>,
    form: &str,
    section: &'static str,
    e: Error,
) -> Result<Response, PageError> {
    let page = StaffInvoicePage::load(state, signed, invoice_id, typed).await?;
    let r = notice::refusal(&page.frame.shell, form, REFUSED, e)?;
    Ok(answer_refused(page, r, section))
}

/// BIL-1: issue a draft: its number, reference, VAT, PDF and ledger
/// entries, in one transaction.
async fn issue(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(invoice_id): Path<String>,
    fields: Fields,
) -> Result<Response, PageError> {
    let invoice_id = path_id(
        &signed.session.actor,
        StaffAction::IssueInvoices,
        InvoiceId::parse(&invoice_id),
    )?;
    let by = Issuer::Staff(&signed.session.actor);
    let idem = idempotency(
        &by,
        fields.get("key"),
        &format!("issue_invoice {invoice_id}"),
        "",
    )?;
    match billing::invoices::issue(&state.ctx, by, &invoice_id, idem.as_ref()).await {
        Ok(_) => Ok(saved(
            &format!("/staff/invoices/{invoice_id}"),
            StaffNotice::Issued,
        )),
        Err(e) => refused_on_page(&state, &signed, &invoice_id, None, "issue", "issue", e).await,
    }
}

/// Throw a draft away; back to its organisation.
async fn delete(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(invoice_id): Path<String>,
) -> Result<Response, PageError> {
    let invoice_id = path_id(
        &signed.session.actor,
        StaffAction::IssueInvoices,
        InvoiceId::parse(&invoice_id),
    )?;
    let by = Issuer::Staff(&signed.session.actor);
    let v = billing::invoices::staff_invoice(&state.ctx, by, &invoice_id).await?;
    match billing::invoices::delete_draft(&state.ctx, by, &invoice_id).await {
        Ok(()) => Ok(saved(
            &format!("/staff/orgs/{}", v.org_id),
            StaffNotice::DraftDeleted,
        )),
        Err(e) => refused_on_page(&state, &signed, &invoice_id, None, "issue", "issue", e).await,
    }
}

/// Credit an issued invoice, in part (an amount per line, before VAT) or
/// everything it has left.
async fn credit(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(invoice_id): Path<String>,
    fields: Fields,
) -> Result<Response, PageError> {
    let invoice_id = path_id(
        &signed.session.actor,
        StaffAction::IssueInvoices,
        InvoiceId::parse(&invoice_id),
    )?;
    let by = Issuer::Staff(&signed.session.actor);
    let v = billing::invoices::staff_invoice(&state.ctx, by, &invoice_id).await?;
    let form = CreditForm::typed(&fields, &v);
    let (input, positions) = form.input();
    let idem = idempotency(
        &by,
        &form.key,
        &format!("credit_invoice {invoice_id}"),
        &format!("{input:?}"),
    )?;
    match billing::credit_notes::credit(&state.ctx, by, &invoice_id, &input, idem.as_ref()).await {
        Ok(_) => Ok(saved(
            &format!("/staff/invoices/{invoice_id}"),
            StaffNotice::Credited,
        )),
        Err(e) => {
            let e = renamed(e, |a| credit_attribute(&positions, a));
            refused_on_page(
                &state,
                &signed,
                &invoice_id,
                Some(form),
                "credit",
                "credit",
                e,
            )
            .await
        }
    }
}

/// BIL-5: stop an issued invoice's reminders until resumed.
async fn pause_reminders(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(invoice_id): Path<String>,
    fields: Fields,
) -> Result<Response, PageError> {
    let invoice_id = path_id(
        &signed.session.actor,
        StaffAction::IssueInvoices,
        InvoiceId::parse(&invoice_id),
    )?;
    let input = PauseInput {
        reason: fields.get("pause-reason").to_string(),
    };
    match reminders::pause(&state.ctx, &signed.session.actor, &invoice_id, &input).await {
        Ok(_) => Ok(saved(
            &format!("/staff/invoices/{invoice_id}"),
            StaffNotice::RemindersPaused,
        )),
        Err(e) => {
            let e = renamed(e, |a| {
                if a == "reason" {
                    "pause-reason".into()
                } else {
                    a.to_string()
                }
            });
            let mut page = StaffInvoicePage::load(&state, &signed, &invoice_id, None).await?;
            if let Some(r) = &mut page.reminders {
                r.reason = input.reason;
            }
            let r = notice::refusal(&page.frame.shell, "reminders", REFUSED, e)?;
            Ok(answer_refused(page, r, "reminders"))
        }
    }
}

/// BIL-5: let an invoice's reminders go on.
async fn resume_reminders(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(invoice_id): Path<String>,
) -> Result<Response, PageError> {
    let invoice_id = path_id(
        &signed.session.actor,
        StaffAction::IssueInvoices,
        InvoiceId::parse(&invoice_id),
    )?;
    match reminders::resume(&state.ctx, &signed.session.actor, &invoice_id).await {
        Ok(_) => Ok(saved(
            &format!("/staff/invoices/{invoice_id}"),
            StaffNotice::RemindersResumed,
        )),
        Err(e) => {
            refused_on_page(
                &state,
                &signed,
                &invoice_id,
                None,
                "reminders",
                "reminders",
                e,
            )
            .await
        }
    }
}

/// BIL-2: an issued invoice's PDF, as it was issued.
async fn invoice_pdf(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(invoice_id): Path<String>,
) -> Result<Response, PageError> {
    let invoice_id = path_id(
        &signed.session.actor,
        StaffAction::ViewBillingDetails,
        InvoiceId::parse(&invoice_id),
    )?;
    let (number, pdf) = billing::invoices::staff_invoice_pdf(
        &state.ctx,
        Issuer::Staff(&signed.session.actor),
        &invoice_id,
    )
    .await?;
    Ok(pdf_response("invoice", &number, pdf))
}

/// A credit note's PDF, as it was issued.
async fn credit_note_pdf(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(credit_note_id): Path<String>,
) -> Result<Response, PageError> {
    let credit_note_id = path_id(
        &signed.session.actor,
        StaffAction::ViewBillingDetails,
        CreditNoteId::parse(&credit_note_id),
    )?;
    let (number, pdf) = billing::credit_notes::staff_credit_note_pdf(
        &state.ctx,
        Issuer::Staff(&signed.session.actor),
        &credit_note_id,
    )
    .await?;
    Ok(pdf_response("credit-note", &number, pdf))
}

// ---------------------------------------------------------------- on the org's page

/// An invoice as the organisation's summary lists it.
pub struct OrgInvoice {
    pub id: String,
    /// Its number, or "Draft".
    pub number: String,
    pub status: Status,
    /// Issued on, else made on.
    pub date: String,
    pub total: String,
}

/// A page of an organisation's invoices (drafts first), for staff who
/// may read them; None for others. Also the number of pages.
pub async fn org_invoices(
    state: &AppState,
    actor: &StaffActor,
    shell: &Shell,
    org_id: &OrgId,
    page: Option<&str>,
) -> Result<Option<(Vec<OrgInvoice>, u64, u64)>, PageError> {
    if !may_read(actor) {
        return Ok(None);
    }
    let (page, window) = window_of(page);
    let found =
        billing::invoices::staff_invoices(&state.ctx, Issuer::Staff(actor), org_id, window).await?;
    let items = found
        .items
        .iter()
        .map(|v| OrgInvoice {
            id: v.id.to_string(),
            number: v
                .number
                .clone()
                .unwrap_or_else(|| shell.t("invoices-status-draft")),
            status: Status::of(shell, &v.status),
            date: v
                .issued_on
                .map_or_else(|| shell.date(v.created_at), |d| shell.day(d)),
            total: shell.money(v.total),
        })
        .collect();
    Ok(Some((items, page, found.total.div_ceil(PER_PAGE).max(1))))
}
