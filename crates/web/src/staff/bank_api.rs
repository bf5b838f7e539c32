//! The staff API of bank reconciliation (issue 15): importing camt.053 and
//! camt.054 files, the imports made, the credits held in suspense and
//! giving one to an org or invoice — for the roles that reconcile
//! (`billing`, `admin`).

use axum::{
    Router,
    extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State},
    routing::{get, post},
};
use guichet_core::{
    Error,
    bank::{self, AssignInput, BankEntryView, ImportSummary, Importer, store::ImportRow},
    ids::BankEntryId,
    staff::{self, StaffAction, StaffActor},
};
use serde::Serialize;
use tokio::io::AsyncWriteExt;
use utoipa::OpenApi;

use super::api::StaffApiActor;
use crate::{
    AppState,
    api::{
        ApiError, ApiJson, ApiOk,
        envelope::{ErrorBody, Success},
        orgs::Ids,
    },
};

/// The largest upload of statements: a bank's day of 100,000 credits is
/// about 60 MB of camt.054.
pub const UPLOAD_LIMIT_BYTES: usize = 256 * 1024 * 1024;

/// Routes under `/staff`, behind the staff token check of `staff::api`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/bank/statements",
            post(import_statements).layer(DefaultBodyLimit::max(UPLOAD_LIMIT_BYTES)),
        )
        .route("/bank/imports", get(list_imports))
        .route("/bank/suspense", get(list_suspense))
        .route("/bank/entries/{entry_id}/assign", post(assign_entry))
}

/// What became of one file sent.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StatementOutcome {
    pub file_name: String,
    /// `imported`, or `refused` (nothing of the file was booked).
    pub status: String,
    /// What the import did, when imported.
    pub summary: Option<ImportSummary>,
    /// Why the file was refused, naming the element or line.
    pub error: Option<String>,
}

/// Read the files of a multipart body one by one, each spooled to a
/// temporary file then imported from it as a stream (the body is never
/// held whole). With `csrf` (the back office's form), a `csrf` part must
/// come before the first file and match it.
pub(crate) async fn import_parts(
    state: &AppState,
    actor: &StaffActor,
    mut multipart: Multipart,
    csrf: Option<&str>,
) -> Result<Vec<StatementOutcome>, Error> {
    staff::check(actor, StaffAction::ReconcileBank)?;
    let mut outcomes = Vec::new();
    let mut form_token_seen = csrf.is_none();
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
        match field.name() {
            Some("csrf") => {
                let sent = field.text().await.map_err(multipart_error)?;
                if Some(sent.as_str()) != csrf {
                    return Err(expired_form());
                }
                form_token_seen = true;
            }
            Some("file") => {
                if !form_token_seen {
                    return Err(expired_form());
                }
                let name = field
                    .file_name()
                    .map(|n| {
                        n.rsplit(['/', '\\'])
                            .next()
                            .unwrap_or(n)
                            .chars()
                            .filter(|c| !c.is_control())
                            .take(200)
                            .collect::<String>()
                    })
                    .unwrap_or_default();
                let spool = tempfile::tempfile()
                    .map_err(|e| Error::internal(format!("bank upload spool: {e}")))?;
                let mut out = tokio::fs::File::from_std(spool);
                let mut size = 0u64;
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    size += chunk.len() as u64;
                    out.write_all(&chunk)
                        .await
                        .map_err(|e| Error::internal(format!("bank upload spool: {e}")))?;
                }
                // A form's file input left empty is sent as a nameless,
                // empty part.
                if name.is_empty() && size == 0 {
                    continue;
                }
                let name = if name.is_empty() {
                    format!("file {}", outcomes.len() + 1)
                } else {
                    name
                };
                out.flush()
                    .await
                    .map_err(|e| Error::internal(format!("bank upload spool: {e}")))?;
                let mut file = out.into_std().await;
                std::io::Seek::rewind(&mut file)
                    .map_err(|e| Error::internal(format!("bank upload spool: {e}")))?;
                let input = std::io::BufReader::with_capacity(256 * 1024, file);
                let done = bank::import(
                    &state.ctx,
                    Importer::Staff(actor),
                    &name,
                    input,
                    &mut |_| {},
                )
                .await;
                outcomes.push(match done {
                    Ok(summary) => StatementOutcome {
                        file_name: name,
                        status: "imported".into(),
                        summary: Some(summary),
                        error: None,
                    },
                    Err(Error::Validation(fields)) => StatementOutcome {
                        file_name: name,
                        status: "refused".into(),
                        summary: None,
                        error: Some(
                            fields
                                .iter()
                                .map(|f| f.description.clone())
                                .collect::<Vec<_>>()
                                .join(" "),
                        ),
                    },
                    Err(e) => return Err(e),
                });
            }
            _ => {}
        }
    }
    if outcomes.is_empty() {
        return Err(Error::invalid(
            "file",
            "required",
            "Choose one or more camt.053 or camt.054 files.",
        ));
    }
    Ok(outcomes)
}

fn expired_form() -> Error {
    Error::forbidden(
        "invalid_form_token",
        "This form has expired; reload the page and try again.",
    )
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> Error {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        Error::PayloadTooLarge
    } else {
        not_multipart()
    }
}

fn not_multipart() -> Error {
    Error::BadRequest {
        code: "invalid_multipart",
        description:
            "Send the statements as multipart/form-data, each file in a part named `file`.".into(),
    }
}

/// BNK-2: import camt.054 and camt.053 files (.001.04, .001.08), each in a
/// `file` part of a multipart body. Each file is all or nothing; a refused
/// file is listed with its reason, the others are imported. What was
/// booked before is skipped (BNK-4), so sending a file again is safe.
#[utoipa::path(post, path = "/api/1/staff/bank/statements", tag = "staff", security(("staff_bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "One or more parts named `file`, each a camt.053 or camt.054 file"),
    responses((status = 200, description = "What became of each file, in the order sent", body = Success<Vec<StatementOutcome>>),
              (status = 400, description = "Not a multipart body (`invalid_multipart`)", body = ErrorBody),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "A customer token (`object_not_found`)", body = ErrorBody),
              (status = 413, description = "Over 256 MiB (`payload_too_large`)", body = ErrorBody),
              (status = 422, description = "No file sent (`validation_failed`: `required`)", body = ErrorBody)))]
pub async fn import_statements(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    req: Request,
) -> Result<ApiOk<Vec<StatementOutcome>>, ApiError> {
    staff::check(&actor, StaffAction::ReconcileBank)?;
    let multipart = Multipart::from_request(req, &state)
        .await
        .map_err(|_| not_multipart())?;
    Ok(ApiOk::ok(
        import_parts(&state, &actor, multipart, None).await?,
    ))
}

/// The latest 50 imports, newest first, with what each booked.
#[utoipa::path(get, path = "/api/1/staff/bank/imports", tag = "staff", security(("staff_bearer" = [])),
    responses((status = 200, description = "The imports", body = Success<Vec<ImportRow>>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "A customer token (`object_not_found`)", body = ErrorBody)))]
pub async fn list_imports(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
) -> Result<ApiOk<Vec<ImportRow>>, ApiError> {
    Ok(ApiOk::ok(bank::imports(&state.ctx, &actor).await?))
}

/// BNK-3: credits nobody could be found for, oldest first (at most 500).
#[utoipa::path(get, path = "/api/1/staff/bank/suspense", tag = "staff", security(("staff_bearer" = [])),
    responses((status = 200, description = "The credits held in suspense", body = Success<Vec<BankEntryView>>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "A customer token (`object_not_found`)", body = ErrorBody)))]
pub async fn list_suspense(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
) -> Result<ApiOk<Vec<BankEntryView>>, ApiError> {
    Ok(ApiOk::ok(bank::suspense(&state.ctx, &actor).await?))
}

/// BNK-3: give a credit held in suspense to an org (its prepaid account)
/// or an invoice (what it owes; the rest to its org's prepaid account).
/// Once: a second call is `not_in_suspense`.
#[utoipa::path(post, path = "/api/1/staff/bank/entries/{entry_id}/assign", tag = "staff", security(("staff_bearer" = [])),
    params(("entry_id" = String, Path, description = "The bank entry's id (`bke_…`)")),
    request_body = AssignInput,
    responses((status = 200, description = "The credit, given", body = Success<BankEntryView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not in the billing or admin role (`forbidden`)", body = ErrorBody),
              (status = 404, description = "No such entry, or a customer token (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "Given already, or taken back by the bank (`not_in_suspense`)", body = ErrorBody),
              (status = 422, description = "Invalid (`validation_failed`: `required`, `unknown_org`, `unknown_invoice`, `org_mismatch`, `other_currency`)", body = ErrorBody)))]
pub async fn assign_entry(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    Ids(entry_id): Ids<BankEntryId>,
    ApiJson(input): ApiJson<AssignInput>,
) -> Result<ApiOk<BankEntryView>, ApiError> {
    Ok(ApiOk::ok(
        bank::assign(&state.ctx, &actor, entry_id.as_str(), &input).await?,
    ))
}

/// The bank part of the staff OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(import_statements, list_imports, list_suspense, assign_entry),
    components(schemas(StatementOutcome, ImportSummary, ImportRow, BankEntryView, AssignInput))
)]
pub struct StaffBankApiDoc;
