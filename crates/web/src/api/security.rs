//! API of security (SEC-5, ACC-3): the password, the security log, the
//! console sessions, and the anonymous password reset (API-5: what the
//! console does, the API does).
//!
//! Each handler extracts the caller and the input, calls one service
//! function and renders its answer; rights, rules and throttling live in
//! `guichet_core::security`.

use axum::{
    Router,
    extract::{Path, State},
    http::StatusCode,
    middleware,
    routing::{delete, get, post, put},
};
use guichet_core::access::{Action, Target};
use guichet_core::ids::SessionId;
use guichet_core::security::{self, SecurityEventView, SessionView};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{
    ApiError, ApiJson, ApiList, ApiOk, Paging,
    accounts::{AddressOnly, Message, accepted},
    envelope::{ErrorBody, Page, Success},
};
use crate::{
    AppState,
    auth::{self, ApiActor, Meta},
};

pub fn routes(state: &AppState) -> Router<AppState> {
    let with_token = Router::new()
        .route("/profile/password", put(change_password))
        .route("/profile/security-log", get(security_log))
        .route("/profile/sessions", get(list_sessions))
        .route("/profile/sessions/{id}", delete(end_session))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ));
    // API-5: what a visitor of the console can do without signing in.
    let anonymous = Router::new()
        .route("/password/forgot", post(request_password_reset))
        .route("/password/reset", post(reset_password));
    Router::new().merge(with_token).merge(anonymous)
}

/// The security operations for the OpenAPI document, beside the routes
/// above.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        change_password,
        security_log,
        list_sessions,
        end_session,
        request_password_reset,
        reset_password,
    ),
    components(schemas(
        guichet_core::security::SessionView,
        guichet_core::security::SecurityEventView,
        PasswordChange,
        PasswordReset,
    ))
)]
pub struct Api;

const RESET_SENT: &str = "If this address has an account, we sent a link to reset the password to its recovery address (or to it, when none is set).";
const PASSWORD_RESET: &str = "The password is changed and every session ended; sign in with it.";

// ---------------------------------------------------------------- password

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    #[schema(format = Password)]
    current_password: String,
    /// 8 to 128 characters, not easy to guess.
    #[schema(format = Password)]
    new_password: String,
    /// Revoke every API token too (this one included), for a password that
    /// may have leaked. Default false.
    #[serde(default)]
    revoke_tokens: bool,
}

/// Change the login password.
///
/// The current password confirms it. Every other console session ends,
/// and every API token too with `revoke_tokens`; the user is told by mail.
/// Product credentials are not touched (ACC-2).
#[utoipa::path(put, path = "/api/1/profile/password", tag = "profile", security(("bearer" = ["profile:write"])),
    request_body = PasswordChange,
    responses((status = 204, description = "The password is changed"),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `password_required`, `wrong_password`, `required`, `password_too_short`, `password_too_long`, `password_too_weak`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute, or too many wrong passwords (`too_many_requests`)", body = ErrorBody)))]
pub async fn change_password(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    security::change_password(
        &state.ctx,
        &actor,
        &body.current_password,
        &body.new_password,
        body.revoke_tokens,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------- security

/// The security log (SEC-5).
///
/// Sign-ins (failed ones too), password and address changes, sessions and
/// tokens, newest first.
#[utoipa::path(get, path = "/api/1/profile/security-log", tag = "security", security(("bearer" = ["security:read"])),
    params(Paging),
    responses((status = 200, description = "A page of the log, newest first", body = Page<SecurityEventView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 422, description = "`page` or `per_page` out of range (`validation_failed`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn security_log(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    paging: Paging,
) -> Result<ApiList<SecurityEventView>, ApiError> {
    let (items, total) =
        security::security_log(&state.ctx, &actor, paging.offset(), paging.limit()).await?;
    Ok(ApiList {
        items,
        total,
        paging,
    })
}

/// The console sessions that are signed in, newest first.
#[utoipa::path(get, path = "/api/1/profile/sessions", tag = "security", security(("bearer" = ["security:read"])),
    params(Paging),
    responses((status = 200, description = "A page of the live sessions", body = Page<SessionView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 422, description = "`page` or `per_page` out of range (`validation_failed`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn list_sessions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    paging: Paging,
) -> Result<ApiList<SessionView>, ApiError> {
    let all = security::list_sessions(&state.ctx, &actor).await?;
    Ok(ApiList::page_of(all, paging))
}

/// Sign a console session out (a lost phone, a shared computer).
#[utoipa::path(delete, path = "/api/1/profile/sessions/{id}", tag = "security", security(("bearer" = ["security:write"])),
    params(("id" = String, Path, description = "The session's id (`ses_…`)")),
    responses((status = 204, description = "The session is ended"),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such live session of yours (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn end_session(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    // Scopes first (API-1), then a malformed id is unknown.
    let Some(id) = SessionId::parse(&id) else {
        let me = Target::User(&actor.user_id);
        guichet_core::access::check(&actor, Action::EndSession, me)?;
        return Err(guichet_core::Error::NotFound.into());
    };
    security::end_session(&state.ctx, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------- password reset

/// Forgotten password: mail a reset link (ACC-3).
///
/// The link, valid an hour, goes to the recovery address, or to the login
/// address when none is set. The same answer whatever the address.
#[utoipa::path(post, path = "/api/1/password/forgot", tag = "sign-up",
    request_body = AddressOnly,
    responses((status = 202, description = "Accepted; the same answer for every valid address", body = Success<Message>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `required`, `invalid_email`)", body = ErrorBody),
              (status = 429, description = "Too many requests for this address or from yours (`too_many_requests`)", body = ErrorBody)))]
pub async fn request_password_reset(
    State(state): State<AppState>,
    Meta(meta): Meta,
    ApiJson(body): ApiJson<AddressOnly>,
) -> Result<ApiOk<Message>, ApiError> {
    security::request_password_reset(&state.ctx, &body.email, &meta).await?;
    Ok(accepted(RESET_SENT))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordReset {
    /// The `token` parameter of the link in the mail.
    token: String,
    /// 8 to 128 characters, not easy to guess.
    #[schema(format = Password)]
    password: String,
}

/// Set a new password with a reset link.
///
/// Every session ends and every API token is revoked; the user is told by
/// mail.
#[utoipa::path(post, path = "/api/1/password/reset", tag = "sign-up",
    request_body = PasswordReset,
    responses((status = 200, description = "The password is changed", body = Success<Message>),
              (status = 400, description = "The link is invalid, used or expired (`invalid_link`), or the body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `required`, `password_too_short`, `password_too_long`, `password_too_weak`)", body = ErrorBody)))]
pub async fn reset_password(
    State(state): State<AppState>,
    Meta(meta): Meta,
    ApiJson(body): ApiJson<PasswordReset>,
) -> Result<ApiOk<Message>, ApiError> {
    security::reset_password(&state.ctx, &body.token, &body.password, &meta).await?;
    Ok(ApiOk::ok(Message {
        message: PASSWORD_RESET,
    }))
}
