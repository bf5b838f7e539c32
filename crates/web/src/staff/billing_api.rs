//! The staff API of manual invoices and credit notes (issue 11), for the
//! `billing` and `admin` roles: make a draft for an org, change it, issue
//! it, credit an issued invoice. The POSTs that create money documents
//! take an `Idempotency-Key` header: a replay answers the first answer, the
//! same key with another body is refused with 422.

use axum::{
    Router,
    extract::{FromRequestParts, State},
    http::{StatusCode, request::Parts},
    response::Response,
    routing::{get, post},
};
use guichet_core::{
    billing::{self, CreditInput, CreditNoteView, InvoiceInput, InvoiceView, Issuer},
    idempotency::Idempotency,
    ids::{CreditNoteId, InvoiceId, OrgId},
    payments::reminders::{self, PauseInput, ReminderState},
};
use utoipa::OpenApi;

use super::api::StaffApiActor;
use crate::{
    AppState,
    api::{
        ApiError, ApiJson, ApiList, ApiOk, Paging,
        billing::pdf_response,
        envelope::{ApiJsonBytes, ErrorBody, Page, Success},
        orgs::{Ids, paged, window},
    },
};

/// Routes under `/staff`, behind the staff token check of `staff::api`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/orgs/{org_id}/invoices",
            get(list_org_invoices).post(create_invoice),
        )
        .route(
            "/invoices/{invoice_id}",
            get(get_invoice).put(update_invoice).delete(delete_invoice),
        )
        .route("/invoices/{invoice_id}/issue", post(issue_invoice))
        .route("/invoices/{invoice_id}/pdf", get(invoice_pdf))
        .route("/invoices/{invoice_id}/credit-notes", post(credit_invoice))
        .route("/invoices/{invoice_id}/reminders", get(get_reminders))
        .route(
            "/invoices/{invoice_id}/reminders/pause",
            post(pause_reminders),
        )
        .route(
            "/invoices/{invoice_id}/reminders/resume",
            post(resume_reminders),
        )
        .route("/credit-notes/{credit_note_id}", get(get_credit_note))
        .route("/credit-notes/{credit_note_id}/pdf", get(credit_note_pdf))
}

/// The `Idempotency-Key` header, if sent.
pub struct IdempotencyKey(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.headers.get("idempotency-key") {
            None => Ok(IdempotencyKey(None)),
            Some(v) => match v.to_str() {
                Ok(k) => Ok(IdempotencyKey(Some(k.to_owned()))),
                Err(_) => Err(ApiError(guichet_core::Error::BadRequest {
                    code: "invalid_idempotency_key",
                    description: "The Idempotency-Key header must be visible ASCII.".into(),
                })),
            },
        }
    }
}

impl IdempotencyKey {
    /// Bound to the caller, the operation and the body's bytes.
    pub(crate) fn bind(
        &self,
        by: &Issuer<'_>,
        operation: &str,
        body: &[u8],
    ) -> Result<Option<Idempotency>, ApiError> {
        match &self.0 {
            None => Ok(None),
            Some(k) => Ok(Some(Idempotency::new(
                &by.idempotency_scope(),
                k,
                operation,
                body,
            )?)),
        }
    }
}

/// Make a draft invoice for an organisation (roles `billing`, `admin`).
/// The lines' unit prices are before VAT, in the organisation's currency.
#[utoipa::path(post, path = "/api/1/staff/orgs/{org_id}/invoices", tag = "staff", security(("staff_bearer" = [])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request answer the first answer")),
    request_body = InvoiceInput,
    responses((status = 201, description = "The draft", body = Success<InvoiceView>),
              (status = 400, description = "The body is not JSON (`invalid_json`) or a bad key (`invalid_idempotency_key`)", body = ErrorBody),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such organisation (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "Invalid lines (`validation_failed`: `required`, `too_long`, `out_of_range`, `invalid_amount`, `invalid_period`, `unknown_address`, `idempotency_key_reused`)", body = ErrorBody)))]
pub async fn create_invoice(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids(org_id): Ids<OrgId>,
    key: IdempotencyKey,
    ApiJsonBytes(body, bytes): ApiJsonBytes<InvoiceInput>,
) -> Result<ApiOk<InvoiceView>, ApiError> {
    let by = Issuer::Staff(&actor);
    let idem = key.bind(&by, &format!("create_invoice {org_id}"), &bytes)?;
    let v = billing::invoices::create_draft(&state.ctx, by, &org_id, &body, idem.as_ref()).await?;
    Ok(ApiOk::created(v))
}

/// An organisation's invoices, drafts first, then the newest.
#[utoipa::path(get, path = "/api/1/staff/orgs/{org_id}/invoices", tag = "staff", security(("staff_bearer" = [])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"), Paging),
    responses((status = 200, description = "A page of the invoices", body = Page<InvoiceView>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing, fraud or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such organisation (`object_not_found`)", body = ErrorBody)))]
pub async fn list_org_invoices(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids(org_id): Ids<OrgId>,
    paging: Paging,
) -> Result<ApiList<InvoiceView>, ApiError> {
    let page = billing::invoices::staff_invoices(
        &state.ctx,
        Issuer::Staff(&actor),
        &org_id,
        window(paging),
    )
    .await?;
    Ok(paged(page, paging))
}

/// One invoice, a draft included.
#[utoipa::path(get, path = "/api/1/staff/invoices/{invoice_id}", tag = "staff", security(("staff_bearer" = [])),
    params(("invoice_id" = String, Path, description = "The invoice's id (`bill_…`)")),
    responses((status = 200, description = "The invoice", body = Success<InvoiceView>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing, fraud or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such invoice (`object_not_found`)", body = ErrorBody)))]
pub async fn get_invoice(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids(invoice_id): Ids<InvoiceId>,
) -> Result<ApiOk<InvoiceView>, ApiError> {
    Ok(ApiOk::ok(
        billing::invoices::staff_invoice(&state.ctx, Issuer::Staff(&actor), &invoice_id).await?,
    ))
}

/// Replace a draft's lines and address (an issued invoice answers 409).
#[utoipa::path(put, path = "/api/1/staff/invoices/{invoice_id}", tag = "staff", security(("staff_bearer" = [])),
    params(("invoice_id" = String, Path, description = "The invoice's id (`bill_…`)")),
    request_body = InvoiceInput,
    responses((status = 200, description = "The draft as changed", body = Success<InvoiceView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such invoice (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "It is issued (`invoice_not_draft`)", body = ErrorBody),
              (status = 422, description = "Invalid lines (`validation_failed`)", body = ErrorBody)))]
pub async fn update_invoice(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids(invoice_id): Ids<InvoiceId>,
    ApiJson(body): ApiJson<InvoiceInput>,
) -> Result<ApiOk<InvoiceView>, ApiError> {
    Ok(ApiOk::ok(
        billing::invoices::update_draft(&state.ctx, Issuer::Staff(&actor), &invoice_id, &body)
            .await?,
    ))
}

/// Throw a draft away (an issued invoice answers 409: credit it instead).
#[utoipa::path(delete, path = "/api/1/staff/invoices/{invoice_id}", tag = "staff", security(("staff_bearer" = [])),
    params(("invoice_id" = String, Path, description = "The invoice's id (`bill_…`)")),
    responses((status = 204, description = "The draft is gone"),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such invoice (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "It is issued (`invoice_not_draft`)", body = ErrorBody)))]
pub async fn delete_invoice(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids(invoice_id): Ids<InvoiceId>,
) -> Result<StatusCode, ApiError> {
    billing::invoices::delete_draft(&state.ctx, Issuer::Staff(&actor), &invoice_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Issue a draft (BIL-1): its number, reference, VAT, PDF and ledger
/// entries, in one transaction.
#[utoipa::path(post, path = "/api/1/staff/invoices/{invoice_id}/issue", tag = "staff", security(("staff_bearer" = [])),
    params(("invoice_id" = String, Path, description = "The invoice's id (`bill_…`)"),
           ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request answer the first answer")),
    responses((status = 200, description = "The issued invoice", body = Success<InvoiceView>),
              (status = 400, description = "A bad key (`invalid_idempotency_key`)", body = ErrorBody),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such invoice (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "Issued already (`invoice_not_draft`), no billing address (`billing_address_required`), the org changed currency (`currency_mismatch`), no VAT rate for a period (`vat_rate_missing`)", body = ErrorBody),
              (status = 422, description = "The key was used for another request (`validation_failed`: `idempotency_key_reused`)", body = ErrorBody)))]
pub async fn issue_invoice(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids(invoice_id): Ids<InvoiceId>,
    key: IdempotencyKey,
) -> Result<ApiOk<InvoiceView>, ApiError> {
    let by = Issuer::Staff(&actor);
    let idem = key.bind(&by, &format!("issue_invoice {invoice_id}"), b"")?;
    Ok(ApiOk::ok(
        billing::invoices::issue(&state.ctx, by, &invoice_id, idem.as_ref()).await?,
    ))
}

/// An issued invoice's PDF.
#[utoipa::path(get, path = "/api/1/staff/invoices/{invoice_id}/pdf", tag = "staff", security(("staff_bearer" = [])),
    params(("invoice_id" = String, Path, description = "The invoice's id (`bill_…`)")),
    responses((status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing, fraud or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such issued invoice (`object_not_found`)", body = ErrorBody)))]
pub async fn invoice_pdf(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids(invoice_id): Ids<InvoiceId>,
) -> Result<Response, ApiError> {
    let (number, pdf) =
        billing::invoices::staff_invoice_pdf(&state.ctx, Issuer::Staff(&actor), &invoice_id)
            .await?;
    Ok(pdf_response("invoice", &number, pdf))
}

/// Credit an issued invoice, whole (leave `lines` out) or in part, at the
/// rates of the original supply. A credit beyond what was still due goes
/// to the organisation's prepaid account.
#[utoipa::path(post, path = "/api/1/staff/invoices/{invoice_id}/credit-notes", tag = "staff", security(("staff_bearer" = [])),
    params(("invoice_id" = String, Path, description = "The invoice's id (`bill_…`)"),
           ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request answer the first answer")),
    request_body = CreditInput,
    responses((status = 201, description = "The credit note", body = Success<CreditNoteView>),
              (status = 400, description = "The body is not JSON (`invalid_json`) or a bad key (`invalid_idempotency_key`)", body = ErrorBody),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such invoice (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "A draft (`invoice_not_issued`), credited in full already (`invoice_fully_credited`), or more than the invoice (`credit_exceeds_invoice`)", body = ErrorBody),
              (status = 422, description = "Invalid parts (`validation_failed`: `required`, `unknown_line`, `duplicate_line`, `exceeds_line`, `invalid_amount`, `out_of_range`, `idempotency_key_reused`)", body = ErrorBody)))]
pub async fn credit_invoice(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids(invoice_id): Ids<InvoiceId>,
    key: IdempotencyKey,
    ApiJsonBytes(body, bytes): ApiJsonBytes<CreditInput>,
) -> Result<ApiOk<CreditNoteView>, ApiError> {
    let by = Issuer::Staff(&actor);
    let idem = key.bind(&by, &format!("credit_invoice {invoice_id}"), &bytes)?;
    Ok(ApiOk::created(
        billing::credit_notes::credit(&state.ctx, by, &invoice_id, &body, idem.as_ref()).await?,
    ))
}

/// One credit note.
#[utoipa::path(get, path = "/api/1/staff/credit-notes/{credit_note_id}", tag = "staff", security(("staff_bearer" = [])),
    params(("credit_note_id" = String, Path, description = "The credit note's id (`crn_…`)")),
    responses((status = 200, description = "The credit note", body = Success<CreditNoteView>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing, fraud or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such credit note (`object_not_found`)", body = ErrorBody)))]
pub async fn get_credit_note(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids(id): Ids<CreditNoteId>,
) -> Result<ApiOk<CreditNoteView>, ApiError> {
    Ok(ApiOk::ok(
        billing::credit_notes::staff_credit_note(&state.ctx, Issuer::Staff(&actor), &id).await?,
    ))
}

/// A credit note's PDF.
#[utoipa::path(get, path = "/api/1/staff/credit-notes/{credit_note_id}/pdf", tag = "staff", security(("staff_bearer" = [])),
    params(("credit_note_id" = String, Path, description = "The credit note's id (`crn_…`)")),
    responses((status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing, fraud or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such credit note (`object_not_found`)", body = ErrorBody)))]
pub async fn credit_note_pdf(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids(id): Ids<CreditNoteId>,
) -> Result<Response, ApiError> {
    let (number, pdf) =
        billing::credit_notes::staff_credit_note_pdf(&state.ctx, Issuer::Staff(&actor), &id)
            .await?;
    Ok(pdf_response("credit-note", &number, pdf))
}

/// An invoice's reminders (BIL-5): whether staff paused them, and the
/// levels sent.
#[utoipa::path(get, path = "/api/1/staff/invoices/{invoice_id}/reminders", tag = "staff", security(("staff_bearer" = [])),
    params(("invoice_id" = String, Path, description = "The invoice's id (`bill_…`)")),
    responses((status = 200, description = "The reminders", body = Success<ReminderState>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing, fraud or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such invoice (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "A draft (`invoice_not_issued`)", body = ErrorBody)))]
pub async fn get_reminders(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids(invoice_id): Ids<InvoiceId>,
) -> Result<ApiOk<ReminderState>, ApiError> {
    Ok(ApiOk::ok(
        reminders::reminder_state(&state.ctx, &actor, &invoice_id).await?,
    ))
}

/// Stop an invoice's reminders until resumed (a dispute, a payment agreed
/// by phone). Pausing a paused invoice changes nothing.
#[utoipa::path(post, path = "/api/1/staff/invoices/{invoice_id}/reminders/pause", tag = "staff", security(("staff_bearer" = [])),
    params(("invoice_id" = String, Path, description = "The invoice's id (`bill_…`)")),
    request_body = PauseInput,
    responses((status = 200, description = "The reminders, paused", body = Success<ReminderState>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such invoice (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "A draft (`invoice_not_issued`)", body = ErrorBody),
              (status = 422, description = "A bad reason (`validation_failed`: `too_long`, `invalid_characters`)", body = ErrorBody)))]
pub async fn pause_reminders(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids(invoice_id): Ids<InvoiceId>,
    ApiJson(body): ApiJson<PauseInput>,
) -> Result<ApiOk<ReminderState>, ApiError> {
    Ok(ApiOk::ok(
        reminders::pause(&state.ctx, &actor, &invoice_id, &body).await?,
    ))
}

/// Let an invoice's reminders go on: the next level goes when it is due.
#[utoipa::path(post, path = "/api/1/staff/invoices/{invoice_id}/reminders/resume", tag = "staff", security(("staff_bearer" = [])),
    params(("invoice_id" = String, Path, description = "The invoice's id (`bill_…`)")),
    responses((status = 200, description = "The reminders, going on", body = Success<ReminderState>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such invoice (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "A draft (`invoice_not_issued`)", body = ErrorBody)))]
pub async fn resume_reminders(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids(invoice_id): Ids<InvoiceId>,
) -> Result<ApiOk<ReminderState>, ApiError> {
    Ok(ApiOk::ok(
        reminders::resume(&state.ctx, &actor, &invoice_id).await?,
    ))
}

/// The staff billing operations for the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(
        create_invoice,
        list_org_invoices,
        get_invoice,
        update_invoice,
        delete_invoice,
        issue_invoice,
        invoice_pdf,
        credit_invoice,
        get_credit_note,
        credit_note_pdf,
        get_reminders,
        pause_reminders,
        resume_reminders,
    ),
    components(schemas(
        PauseInput,
        ReminderState,
        reminders::ReminderSent,
        InvoiceInput,
        billing::LineInput,
        billing::vat::VatClass,
        CreditInput,
        billing::CreditLineInput,
    ))
)]
pub struct StaffBillingApiDoc;
