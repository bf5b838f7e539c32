//! The back office's bank page (issue 15): upload the bank's camt.053 and
//! camt.054 files (several at once), see what each did, the latest
//! imports, and the credits held in suspense — each with a form to give it
//! to an organisation or an invoice (BNK-3). For `billing` and `admin`;
//! other staff get the refusal page.
//!
//! The upload is the back office's one multipart form: its layer checks
//! the origin and lets the body through unread (`checked_form`), and
//! [`super::bank_api::import_parts`] checks the form token, which the form
//! sends before its files, then streams each file to disk and imports it.

use askama::Template;
use axum::{
    Router,
    extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Request, State},
    http::StatusCode,
    response::Response,
    routing::{get, post},
};
use guichet_core::{
    Error,
    bank::{self, AssignInput, BankEntryView},
    ids::BankEntryId,
    staff::{self, StaffAction},
};

use super::{
    SignedInStaff,
    bank_api::{StatementOutcome, UPLOAD_LIMIT_BYTES, import_parts},
    pages::Frame,
};
use crate::{
    AppState,
    console::{
        Shell,
        errors::PageError,
        form::{Fields, FormErrors},
        notice::{self, Saved, notices},
        render,
    },
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff/bank", get(bank_page))
        .route(
            "/staff/bank/statements",
            post(upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT_BYTES)),
        )
        .route("/staff/bank/entries/{entry_id}/assign", post(assign))
}

notices! {
    /// What the bank page says after giving a credit.
    pub enum BankNotice in "staff-bank-saved-" {
        Assigned = "assigned",
    }
}

/// A file uploaded, as the page reports it.
pub struct OutcomeRow {
    file_name: String,
    refused: bool,
    /// "12 read, 10 booked…", or the reason it was refused.
    text: String,
}

impl OutcomeRow {
    fn of(shell: &Shell, o: &StatementOutcome) -> Self {
        match &o.summary {
            Some(s) => OutcomeRow {
                file_name: o.file_name.clone(),
                refused: false,
                text: shell.t_args(
                    "staff-bank-outcome",
                    &[
                        ("message", s.message.clone()),
                        ("read", s.entries_read.to_string()),
                        ("booked", s.booked.to_string()),
                        ("matched", s.matched.to_string()),
                        ("parked", s.parked.to_string()),
                        ("suspense", s.suspense.to_string()),
                        ("reversed", s.reversed.to_string()),
                        ("before", s.already_booked.to_string()),
                    ],
                ),
            },
            None => OutcomeRow {
                file_name: o.file_name.clone(),
                refused: true,
                text: o.error.clone().unwrap_or_default(),
            },
        }
    }
}

/// An import made.
pub struct ImportLine {
    file_name: String,
    message: String,
    iso: String,
    when: String,
    read: i64,
    booked: i64,
    matched: i64,
    parked: i64,
}

/// A credit held in suspense.
pub struct HeldRow {
    id: String,
    booked_on: String,
    amount: String,
    debtor: String,
    iban: String,
    reference: String,
    remittance: String,
}

impl HeldRow {
    fn of(shell: &Shell, e: &BankEntryView) -> Self {
        HeldRow {
            id: e.id.clone(),
            booked_on: e
                .booked_on
                .as_deref()
                .and_then(|d| d.parse::<jiff::civil::Date>().ok())
                .map_or_else(String::new, |d| shell.day(d)),
            amount: shell.money(e.amount),
            debtor: e.debtor_name.clone().unwrap_or_default(),
            iban: e.debtor_iban.clone().unwrap_or_default(),
            reference: e.reference.clone().unwrap_or_default(),
            remittance: e.remittance.clone().unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "staff/bank.html")]
struct BankPage {
    frame: Frame,
    outcomes: Vec<OutcomeRow>,
    imports: Vec<ImportLine>,
    held: Vec<HeldRow>,
    /// The entry whose assignment was refused, with what was typed.
    failed: Option<(String, AssignInput)>,
    errors: FormErrors,
    alert: Option<String>,
    /// Where the refused form is: `upload` or `assign` (the alert is
    /// shown beside it).
    alert_in: &'static str,
    saved: Option<String>,
}

impl BankPage {
    async fn load(state: &AppState, signed: &SignedInStaff) -> Result<Self, PageError> {
        let actor = &signed.session.actor;
        staff::check(actor, StaffAction::ReconcileBank)?;
        let frame = Frame::of(state, &signed.visitor);
        let shell = &frame.shell;
        let imports = bank::imports(&state.ctx, actor)
            .await?
            .into_iter()
            .map(|i| ImportLine {
                iso: shell.iso(i.created_at / 1000),
                when: shell.datetime(i.created_at / 1000),
                file_name: i.file_name,
                message: i.message,
                read: i.entries_read,
                booked: i.booked,
                matched: i.matched,
                parked: i.parked,
            })
            .collect();
        let held = bank::suspense(&state.ctx, actor)
            .await?
            .iter()
            .map(|e| HeldRow::of(shell, e))
            .collect();
        Ok(BankPage {
            frame,
            outcomes: Vec::new(),
            imports,
            held,
            failed: None,
            errors: FormErrors::default(),
            alert: None,
            alert_in: "upload",
            saved: None,
        })
    }

    /// What was typed for `id`, after a refusal.
    fn typed(&self, id: &str, field: &str) -> String {
        match &self.failed {
            Some((failed, input)) if failed == id => match field {
                "org_id" => input.org_id.clone().unwrap_or_default(),
                _ => input.invoice.clone().unwrap_or_default(),
            },
            _ => String::new(),
        }
    }

    fn error_for(&self, id: &str, field: &str) -> Option<&str> {
        match &self.failed {
            Some((failed, _)) if failed == id => self.errors.get(field),
            _ => None,
        }
    }
}

async fn bank_page(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Saved(notice): Saved<BankNotice>,
) -> Result<Response, PageError> {
    let mut page = BankPage::load(&state, &signed).await?;
    page.saved = Saved::text(notice, &page.frame.shell);
    Ok(render(StatusCode::OK, &page))
}

/// BNK-2: import the files sent; the page again, with what each did.
async fn upload(
    State(state): State<AppState>,
    signed: SignedInStaff,
    req: Request,
) -> Result<Response, PageError> {
    let actor = signed.session.actor.clone();
    staff::check(&actor, StaffAction::ReconcileBank)?;
    let multipart = Multipart::from_request(req, &state).await.map_err(|_| {
        PageError(Error::BadRequest {
            code: "invalid_multipart",
            description: "The files were not sent as a form upload.".into(),
        })
    })?;
    let csrf = signed.visitor.csrf.clone();
    let answer = import_parts(&state, &actor, multipart, Some(&csrf)).await;
    let mut page = BankPage::load(&state, &signed).await?;
    match answer {
        Ok(outcomes) => {
            let shell = &page.frame.shell;
            page.outcomes = outcomes.iter().map(|o| OutcomeRow::of(shell, o)).collect();
            Ok(render(StatusCode::OK, &page))
        }
        Err(Error::Validation(fields)) => {
            page.errors = FormErrors::localized_in(&page.frame.shell, "bank", &fields);
            page.alert = Some(page.frame.shell.t("form-has-errors"));
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(PageError(e)),
    }
}

/// BNK-3: give a credit held in suspense to an org or an invoice.
async fn assign(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(entry_id): Path<String>,
    fields: Fields,
) -> Result<Response, PageError> {
    let actor = &signed.session.actor;
    staff::check(actor, StaffAction::ReconcileBank)?;
    let entry_id = BankEntryId::parse(&entry_id).ok_or(PageError(Error::NotFound))?;
    let input = AssignInput {
        org_id: Some(fields.get("org_id").trim().to_owned()).filter(|s| !s.is_empty()),
        invoice: Some(fields.get("invoice").trim().to_owned()).filter(|s| !s.is_empty()),
    };
    match bank::assign(&state.ctx, actor, entry_id.as_str(), &input).await {
        Ok(_) => Ok(notice::saved("/staff/bank", BankNotice::Assigned)),
        Err(e) => {
            let mut page = BankPage::load(&state, &signed).await?;
            let r = notice::refusal(&page.frame.shell, "bank", "staff-bank-refused-", e)?;
            page.errors = r.errors;
            page.alert = r.alert;
            page.alert_in = "assign";
            page.failed = Some((entry_id.to_string(), input));
            Ok(render(r.status, &page))
        }
    }
}
