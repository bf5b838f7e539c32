//! API of an organisation's invoices and credit notes (BIL-1, BIL-2),
//! for members with the billing right (owners, and `billing:view`): lists
//! filtered and paged in SQL, one document, and its PDF as it was issued.
//! Another organisation's documents, and drafts, are 404.

use axum::{
    Router,
    extract::{FromRequestParts, State},
    http::{HeaderValue, StatusCode, header, request::Parts},
    middleware,
    response::{IntoResponse, Response},
    routing::get,
};
use guichet_core::{
    Error, FieldError,
    billing::{self, CreditNoteView, InvoiceQuery, InvoiceView},
    ids::{CreditNoteId, InvoiceId, OrgId},
};
use utoipa::OpenApi;

use super::{
    ApiError, ApiList, ApiOk, Paging,
    envelope::{ErrorBody, Page, Success, query_pairs},
    orgs::{Ids, paged, window},
};
use crate::{AppState, auth, auth::ApiActor};

pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/orgs/{org_id}/invoices", get(list_invoices))
        .route("/orgs/{org_id}/invoices/{invoice_id}", get(get_invoice))
        .route("/orgs/{org_id}/invoices/{invoice_id}/pdf", get(invoice_pdf))
        .route("/orgs/{org_id}/credit-notes", get(list_credit_notes))
        .route(
            "/orgs/{org_id}/credit-notes/{credit_note_id}",
            get(get_credit_note),
        )
        .route(
            "/orgs/{org_id}/credit-notes/{credit_note_id}/pdf",
            get(credit_note_pdf),
        )
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ))
}

/// The filter of the invoice list, from the query: `status` (`issued`,
/// `partially_paid`, `paid`, `cancelled`), `from` and `to` (issue dates,
/// `YYYY-MM-DD`, both included).
#[derive(Debug, Clone, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvoiceFilter {
    /// `issued`, `partially_paid`, `paid` or `cancelled`.
    pub status: Option<String>,
    /// Issued on or after this date (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Issued on or before this date (`YYYY-MM-DD`).
    pub to: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for InvoiceFilter {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let mut f = InvoiceFilter::default();
        for (k, v) in query_pairs(parts)? {
            match k.as_str() {
                "status" => f.status = Some(v),
                "from" => f.from = Some(v),
                "to" => f.to = Some(v),
                _ => {}
            }
        }
        Ok(f)
    }
}

impl InvoiceFilter {
    fn query(&self) -> Result<InvoiceQuery, Error> {
        let mut errors = Vec::new();
        let status = self.status.clone().filter(|s| !s.is_empty());
        if let Some(s) = &status
            && !billing::invoices::STATUSES.contains(&s.as_str())
        {
            errors.push(FieldError::new(
                "status",
                "invalid_value",
                "status is issued, partially_paid, paid or cancelled.",
            ));
        }
        let mut date = |name: &str, v: &Option<String>| -> Option<jiff::civil::Date> {
            let v = v.as_deref().filter(|v| !v.is_empty())?;
            match v.parse() {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push(FieldError::new(
                        name,
                        "invalid_date",
                        "Write the date as YYYY-MM-DD.",
                    ));
                    None
                }
            }
        };
        let from = date("from", &self.from);
        let to = date("to", &self.to);
        if errors.is_empty() {
            Ok(InvoiceQuery { status, from, to })
        } else {
            Err(Error::Validation(errors))
        }
    }
}

/// BIL-1: the organisation's issued invoices, newest first (owners and the
/// `billing:view` right).
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/invoices", tag = "billing", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"), InvoiceFilter, Paging),
    responses((status = 200, description = "A page of the invoices", body = Page<InvoiceView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the billing right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "A bad filter or page (`validation_failed`: `invalid_value`, `invalid_date`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn list_invoices(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    filter: InvoiceFilter,
    paging: Paging,
) -> Result<ApiList<InvoiceView>, ApiError> {
    let q = filter.query()?;
    let page =
        billing::invoices::list_invoices(&state.ctx, &actor, &org_id, &q, window(paging)).await?;
    Ok(paged(page, paging))
}

/// BIL-1: one issued invoice, with its lines, VAT per rate, reference and
/// what is still due.
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/invoices/{invoice_id}", tag = "billing", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("invoice_id" = String, Path, description = "The invoice's id (`bill_…`)")),
    responses((status = 200, description = "The invoice", body = Success<InvoiceView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the billing right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such invoice of this organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn get_invoice(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, invoice_id)): Ids<(OrgId, InvoiceId)>,
) -> Result<ApiOk<InvoiceView>, ApiError> {
    Ok(ApiOk::ok(
        billing::invoices::get_invoice(&state.ctx, &actor, &org_id, &invoice_id).await?,
    ))
}

/// BIL-2: the invoice's PDF, exactly as it was issued (with its Swiss
/// QR-bill for CHF, its SEPA QR code for EUR).
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/invoices/{invoice_id}/pdf", tag = "billing", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("invoice_id" = String, Path, description = "The invoice's id (`bill_…`)")),
    responses((status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the billing right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such invoice of this organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn invoice_pdf(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, invoice_id)): Ids<(OrgId, InvoiceId)>,
) -> Result<Response, ApiError> {
    let (number, pdf) =
        billing::invoices::invoice_pdf(&state.ctx, &actor, &org_id, &invoice_id).await?;
    Ok(pdf_response("invoice", &number, pdf))
}

/// Credit notes of the organisation, newest first.
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/credit-notes", tag = "billing", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"), Paging),
    responses((status = 200, description = "A page of the credit notes", body = Page<CreditNoteView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the billing right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "`page` or `per_page` out of range (`validation_failed`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn list_credit_notes(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    paging: Paging,
) -> Result<ApiList<CreditNoteView>, ApiError> {
    let page =
        billing::credit_notes::list_credit_notes(&state.ctx, &actor, &org_id, window(paging))
            .await?;
    Ok(paged(page, paging))
}

/// One credit note.
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/credit-notes/{credit_note_id}", tag = "billing", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("credit_note_id" = String, Path, description = "The credit note's id (`crn_…`)")),
    responses((status = 200, description = "The credit note", body = Success<CreditNoteView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the billing right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such credit note of this organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn get_credit_note(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, id)): Ids<(OrgId, CreditNoteId)>,
) -> Result<ApiOk<CreditNoteView>, ApiError> {
    Ok(ApiOk::ok(
        billing::credit_notes::get_credit_note(&state.ctx, &actor, &org_id, &id).await?,
    ))
}

/// A credit note's PDF, as it was issued.
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/credit-notes/{credit_note_id}/pdf", tag = "billing", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("credit_note_id" = String, Path, description = "The credit note's id (`crn_…`)")),
    responses((status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the billing right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such credit note of this organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn credit_note_pdf(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, id)): Ids<(OrgId, CreditNoteId)>,
) -> Result<Response, ApiError> {
    let (number, pdf) =
        billing::credit_notes::credit_note_pdf(&state.ctx, &actor, &org_id, &id).await?;
    Ok(pdf_response("credit-note", &number, pdf))
}

/// A PDF download named after the document's number
/// (`invoice-2026-000123.pdf`).
pub fn pdf_response(kind: &str, number: &str, pdf: Vec<u8>) -> Response {
    let safe: String = number
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{kind}-{safe}.pdf\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        pdf,
    )
        .into_response()
}

/// The billing operations for the OpenAPI document, beside the routes.
#[derive(OpenApi)]
#[openapi(
    paths(
        list_invoices,
        get_invoice,
        invoice_pdf,
        list_credit_notes,
        get_credit_note,
        credit_note_pdf,
    ),
    components(schemas(
        InvoiceView,
        CreditNoteView,
        billing::invoices::LineView,
        billing::invoices::VatView,
        billing::invoices::PartyView,
        billing::invoices::CreditNoteLink,
        billing::invoices::Period,
        billing::credit_notes::CreditLineView,
    ))
)]
pub struct Api;
