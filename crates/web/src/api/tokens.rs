//! API of API tokens (API-1): list, create (the secret shown once),
//! revoke.
//!
//! Each handler extracts the caller and the input, calls one service
//! function and renders its answer; rights and rules live in
//! `guichet_core::tokens`.

use axum::{
    Router,
    extract::{Path, State},
    http::StatusCode,
    middleware,
    routing::{delete, get},
};
use guichet_core::access::{Action, Target};
use guichet_core::ids::ApiTokenId;
use guichet_core::{
    access::Scope,
    tokens::{self, CreateToken, CreatedToken, TokenView},
};
use jiff::civil::Date;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{
    ApiError, ApiJson, ApiList, ApiOk, Paging,
    envelope::{ErrorBody, Page, Success},
};
use crate::{
    AppState,
    auth::{self, ApiActor},
};

pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/profile/tokens", get(list_tokens).post(create_token))
        .route("/profile/tokens/{id}", delete(revoke_token))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ))
}

/// The token operations for the OpenAPI document, beside the routes
/// above.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list_tokens, create_token, revoke_token,),
    components(schemas(
        guichet_core::access::Scope,
        guichet_core::tokens::TokenView,
        guichet_core::tokens::TokenStatus,
        guichet_core::tokens::CreatedToken,
        NewToken,
    ))
)]
pub struct Api;

/// The API tokens, without their secrets (API-1).
#[utoipa::path(get, path = "/api/1/profile/tokens", tag = "tokens", security(("bearer" = ["tokens:read"])),
    params(Paging),
    responses((status = 200, description = "A page of the tokens", body = Page<TokenView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 422, description = "`page` or `per_page` out of range (`validation_failed`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn list_tokens(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    paging: Paging,
) -> Result<ApiList<TokenView>, ApiError> {
    let all = tokens::list_tokens(&state.ctx, &actor).await?;
    Ok(ApiList::page_of(all, paging))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    /// 1 to 100 characters, to recognise it later.
    name: String,
    /// At least one; see docs/api.md for what each allows.
    #[schema(value_type = Vec<Scope>)]
    scopes: Vec<String>,
    /// The last day it works (provider's time zone), within five years;
    /// absent: no expiry (it still stops after a year unused).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date, example = "2026-12-31")]
    expires_on: Option<Date>,
    /// The account's password, confirming the creation.
    #[schema(format = Password)]
    password: String,
}

/// Make a token (API-1).
///
/// Its secret is in this answer only; the account's password confirms the
/// creation.
#[utoipa::path(post, path = "/api/1/profile/tokens", tag = "tokens", security(("bearer" = ["tokens:write"])),
    request_body = NewToken,
    responses((status = 201, description = "The token, with its secret shown this once", body = Success<CreatedToken>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `required`, `invalid_name`, `no_scope`, `unknown_scope`, `date_in_past`, `date_too_far`, `password_required`, `wrong_password`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute, or too many wrong passwords (`too_many_requests`)", body = ErrorBody)))]
pub async fn create_token(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<NewToken>,
) -> Result<ApiOk<CreatedToken>, ApiError> {
    let input = CreateToken {
        name: &body.name,
        scopes: body.scopes,
        expires_on: body.expires_on,
        password: &body.password,
    };
    Ok(ApiOk::created(
        tokens::create_token(&state.ctx, &actor, input).await?,
    ))
}

/// Revoke a token: it stops working at once.
#[utoipa::path(delete, path = "/api/1/profile/tokens/{id}", tag = "tokens", security(("bearer" = ["tokens:write"])),
    params(("id" = String, Path, description = "The token's id (`tok_…`)")),
    responses((status = 204, description = "The token is revoked"),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such token of yours (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn revoke_token(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    // Scopes first (API-1), then a malformed id is unknown.
    let Some(id) = ApiTokenId::parse(&id) else {
        let me = Target::User(&actor.user_id);
        guichet_core::access::check(&actor, Action::ManageTokens, me)?;
        return Err(guichet_core::Error::NotFound.into());
    };
    tokens::revoke_token(&state.ctx, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
