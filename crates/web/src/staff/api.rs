//! The staff API: `/api/1/staff/…` with staff tokens (`Authorization:
//! Bearer gcs_…`). A customer token (`gch_…`) is answered 404, as if the
//! staff API did not exist for it; no bearer at all, or a staff token that
//! is unknown, expired or revoked, 401.

use axum::{
    Router,
    extract::{FromRequestParts, Request, State},
    http::{StatusCode, header, request::Parts},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{delete, get},
};
use guichet_core::access::staff::{StaffAction, check as staff_check};
use guichet_core::ids::{OrgId, StaffTokenId, UserId};
use guichet_core::{
    Error, FieldError,
    staff::{
        self, CreatedStaffToken, OrgSummaryForStaff, Page as StaffPage, SearchResults, StaffActor,
        StaffAuditEventView, StaffMemberView, StaffTokenView, UserSummaryForStaff,
    },
    tokens::TOKEN_PREFIX,
};
use serde::Deserialize;
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::{
    AppState,
    api::{
        ApiError, ApiJson, ApiList, ApiOk, Paging,
        envelope::{self, ErrorBody, Page, Success},
    },
    auth::request_meta,
};

pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/me", get(me))
        .route("/search", get(search))
        .route("/orgs/{id}", get(org_summary))
        .route("/users/{id}", get(user_summary))
        .route("/tokens", get(list_tokens).post(create_token))
        .route("/tokens/{id}", delete(revoke_token))
        .route("/audit", get(audit_log))
        .merge(super::billing_api::routes())
        .merge(super::payments_api::routes())
        .merge(super::catalog_api::routes())
        .merge(super::renewals_api::routes())
        .merge(super::bank_api::routes())
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            require_staff_token,
        ))
        .layer(middleware::from_fn(refuse_unnamable_paths))
}

async fn refuse_unnamable_paths(req: Request, next: Next) -> Response {
    if crate::api::path_can_name_something(req.uri().path()) {
        next.run(req).await
    } else {
        ApiError(Error::NotFound).into_response()
    }
}

/// The staff member behind the call.
#[derive(Debug, Clone)]
pub struct StaffApiActor(pub StaffActor);

impl<S: Send + Sync> FromRequestParts<S> for StaffApiActor {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<StaffApiActor>()
            .cloned()
            .ok_or_else(not_authenticated)
    }
}

fn not_authenticated() -> ApiError {
    ApiError(Error::unauthenticated(
        "not_authenticated",
        "Send a staff token: Authorization: Bearer gcs_…",
    ))
}

async fn require_staff_token(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let secret = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim().to_string());
    let Some(secret) = secret else {
        return not_authenticated().into_response();
    };
    // A customer's token: the back office does not exist for it.
    if secret.starts_with(TOKEN_PREFIX) {
        return ApiError(Error::NotFound).into_response();
    }
    let meta = request_meta(&parts);
    match staff::authenticate_token(&state.ctx, &secret, &meta).await {
        Ok(actor) => {
            parts.extensions.insert(StaffApiActor(actor));
            next.run(Request::from_parts(parts, body)).await
        }
        Err(e) => ApiError(e).into_response(),
    }
}

fn page_of(paging: Paging) -> Result<StaffPage, ApiError> {
    if paging.per_page > staff::SEARCH_PAGE_MAX {
        return Err(ApiError(Error::Validation(vec![FieldError::new(
            "per_page",
            "invalid_value",
            format!("per_page is 1 to {} here", staff::SEARCH_PAGE_MAX),
        )])));
    }
    Ok(StaffPage::new(paging.page, paging.per_page))
}

// ---------------------------------------------------------------- me

/// The caller: their address, name and staff roles.
#[utoipa::path(get, path = "/api/1/staff/me", tag = "staff", security(("staff_bearer" = [])),
    responses((status = 200, description = "The staff member", body = Success<StaffMemberView>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 404, description = "A customer token (`object_not_found`)", body = ErrorBody)))]
pub async fn me(StaffApiActor(actor): StaffApiActor) -> ApiOk<StaffMemberView> {
    ApiOk::ok(StaffMemberView::from(&actor))
}

// ---------------------------------------------------------------- search

/// What to search for.
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// An address or its start, a support code, an org or user id, or part
    /// of an organisation's name (1 to 254 characters).
    pub q: String,
}

impl<S: Send + Sync> FromRequestParts<S> for SearchQuery {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let pairs = envelope::query_pairs(parts)?;
        let mut q = None;
        for (k, v) in pairs {
            match k.as_str() {
                "q" => q = Some(v),
                "page" | "per_page" => {}
                other => {
                    return Err(ApiError(Error::Validation(vec![FieldError::new(
                        other,
                        "invalid_value",
                        format!("`{other}` is not a parameter of this operation"),
                    )])));
                }
            }
        }
        Ok(SearchQuery {
            q: q.unwrap_or_default(),
        })
    }
}

/// Find organisations and users (staff: every role). The search is
/// recorded in the staff audit log.
#[utoipa::path(get, path = "/api/1/staff/search", tag = "staff", security(("staff_bearer" = [])),
    params(SearchQuery, Paging),
    responses((status = 200, description = "What was found; `matched_by` says how `q` was read", body = Success<SearchResults>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 404, description = "A customer token (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "`q` empty or too long (`invalid_search`), or `per_page` over 50 (`validation_failed`)", body = ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    query: SearchQuery,
    paging: Paging,
) -> Result<ApiOk<SearchResults>, ApiError> {
    let page = page_of(paging)?;
    Ok(ApiOk::ok(
        staff::search(&state.ctx, &actor, &query.q, page).await?,
    ))
}

// ---------------------------------------------------------------- summaries

/// An organisation's summary: data, members, billing addresses (roles
/// `billing`, `fraud`, `admin`; else `null`) and the latest audit entries.
/// Reading it is recorded in the staff audit log.
#[utoipa::path(get, path = "/api/1/staff/orgs/{id}", tag = "staff", security(("staff_bearer" = [])),
    params(("id" = String, Path, description = "The organisation's id (`org_…`)")),
    responses((status = 200, description = "The summary", body = Success<OrgSummaryForStaff>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or a customer token (`object_not_found`)", body = ErrorBody)))]
pub async fn org_summary(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<ApiOk<OrgSummaryForStaff>, ApiError> {
    // Roles first, then a malformed id is unknown.
    let Some(id) = OrgId::parse(&id) else {
        staff_check(&actor, StaffAction::ViewOrgSummary)?;
        return Err(Error::NotFound.into());
    };
    Ok(ApiOk::ok(
        staff::org_summary(&state.ctx, &actor, &id).await?,
    ))
}

/// A user's summary: organisations, verified state, dates. Never a
/// password hash, token, session or link. Reading it is recorded.
#[utoipa::path(get, path = "/api/1/staff/users/{id}", tag = "staff", security(("staff_bearer" = [])),
    params(("id" = String, Path, description = "The user's id (`usr_…`)")),
    responses((status = 200, description = "The summary", body = Success<UserSummaryForStaff>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 404, description = "No such user, or a customer token (`object_not_found`)", body = ErrorBody)))]
pub async fn user_summary(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<ApiOk<UserSummaryForStaff>, ApiError> {
    // Roles first, then a malformed id is unknown.
    let Some(id) = UserId::parse(&id) else {
        staff_check(&actor, StaffAction::ViewUserSummary)?;
        return Err(Error::NotFound.into());
    };
    Ok(ApiOk::ok(
        staff::user_summary(&state.ctx, &actor, &id).await?,
    ))
}

// ---------------------------------------------------------------- tokens

/// The caller's own staff tokens, without their secrets.
#[utoipa::path(get, path = "/api/1/staff/tokens", tag = "staff", security(("staff_bearer" = [])),
    params(Paging),
    responses((status = 200, description = "A page of the tokens", body = Page<StaffTokenView>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 404, description = "A customer token (`object_not_found`)", body = ErrorBody)))]
pub async fn list_tokens(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    paging: Paging,
) -> Result<ApiList<StaffTokenView>, ApiError> {
    let all = staff::list_tokens(&state.ctx, &actor).await?;
    Ok(ApiList::page_of(all, paging))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewStaffToken {
    /// 1 to 100 characters.
    pub name: String,
    /// Days of validity, 1 to 90: a staff token always expires.
    pub days: i64,
}

/// Make another staff token for the caller; its secret is shown once.
#[utoipa::path(post, path = "/api/1/staff/tokens", tag = "staff", security(("staff_bearer" = [])),
    request_body = NewStaffToken,
    responses((status = 201, description = "The token, with its secret shown this once", body = Success<CreatedStaffToken>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 404, description = "A customer token (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "A bad name or validity (`validation_failed`: `invalid_name`, `invalid_validity`)", body = ErrorBody)))]
pub async fn create_token(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    ApiJson(body): ApiJson<NewStaffToken>,
) -> Result<ApiOk<CreatedStaffToken>, ApiError> {
    let t = staff::create_token(&state.ctx, &actor, &body.name, body.days).await?;
    Ok(ApiOk::created(t))
}

/// Revoke one of the caller's staff tokens.
#[utoipa::path(delete, path = "/api/1/staff/tokens/{id}", tag = "staff", security(("staff_bearer" = [])),
    params(("id" = String, Path, description = "The token's id (`stk_…`)")),
    responses((status = 204, description = "The token is revoked"),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 404, description = "No such live token of the caller's, or a customer token (`object_not_found`)", body = ErrorBody)))]
pub async fn revoke_token(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<StatusCode, ApiError> {
    // Roles first, then a malformed id is unknown.
    let Some(id) = StaffTokenId::parse(&id) else {
        staff_check(&actor, StaffAction::ManageOwnStaffTokens)?;
        return Err(Error::NotFound.into());
    };
    staff::revoke_token(&state.ctx, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------- audit

/// The staff audit log, newest first (role `admin`).
#[utoipa::path(get, path = "/api/1/staff/audit", tag = "staff", security(("staff_bearer" = [])),
    params(Paging),
    responses((status = 200, description = "A page of the log (`total` is this page's length)", body = Page<StaffAuditEventView>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an admin (`forbidden`)", body = ErrorBody),
              (status = 404, description = "A customer token (`object_not_found`)", body = ErrorBody)))]
pub async fn audit_log(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    paging: Paging,
) -> Result<ApiList<StaffAuditEventView>, ApiError> {
    let page = page_of(paging)?;
    let items = staff::staff_audit_log(&state.ctx, &actor, None, None, page).await?;
    let total = u64::try_from(items.len()).unwrap_or(0) + page.offset().unsigned_abs();
    Ok(ApiList {
        items,
        total,
        paging,
    })
}

/// The staff part of the OpenAPI document, merged into it by
/// `api::openapi::document`.
#[derive(OpenApi)]
#[openapi(
    paths(me, search, org_summary, user_summary, list_tokens, create_token, revoke_token, audit_log),
    components(schemas(
        StaffMemberView,
        SearchResults,
        staff::UserHit,
        staff::OrgHit,
        OrgSummaryForStaff,
        staff::StaffMemberOfOrg,
        staff::StaffAddressView,
        UserSummaryForStaff,
        staff::UserMembership,
        staff::StaffRole,
        StaffTokenView,
        staff::StaffTokenStatus,
        CreatedStaffToken,
        NewStaffToken,
        StaffAuditEventView,
        guichet_core::catalog::staff::StaffProductView,
        guichet_core::catalog::staff::StaffOrderView,
    )),
    modifiers(&StaffBearer),
    tags((name = "staff", description = "The provider's back office, with staff tokens (`gcs_…`, made with \
                                          `guichet admin create-staff-token`): find customers, read summaries. \
                                          Every call that reads a customer's data is recorded in the staff audit log."))
)]
pub struct StaffApiDoc;

struct StaffBearer;

impl utoipa::Modify for StaffBearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "staff_bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("gcs_…")
                    .description(Some(
                        "A staff token: `Authorization: Bearer gcs_…` (47 characters), valid 1 to 90 \
                         days. Customer tokens (`gch_…`) are answered 404 on these routes, and staff \
                         tokens 401 on the customers'.",
                    ))
                    .build(),
            ),
        );
    }
}
