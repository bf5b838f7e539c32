//! The hand-over of the legal representative's role (ORG-6).

use axum::{extract::State, http::StatusCode};
use guichet_core::ids::OrgId;
use guichet_core::{
    access::Action,
    orgs::{self, HandoverView},
};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{Ids, LaterJson};
use crate::{
    AppState,
    api::{
        ApiError, ApiOk,
        envelope::{ErrorBody, Success},
    },
    auth::ApiActor,
};

/// The owner who is to become the legal representative.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HandoverRequest {
    pub user_id: String,
}

/// ORG-6: the pending hand-over of the legal representative's role, or
/// `null` when there is none (any member).
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/legal-representative/handover", tag = "orgs", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)")),
    responses((status = 200, description = "The pending hand-over; `data` is `null` when there is none", body = Success<Option<HandoverView>>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn pending_handover(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
) -> Result<ApiOk<Option<HandoverView>>, ApiError> {
    Ok(ApiOk::ok(
        orgs::pending_handover(&state.ctx, &actor, &org_id).await?,
    ))
}

/// ORG-6: the legal representative names an owner to take the role over;
/// both are told by mail. The request waits 7 days for the owner.
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/legal-representative/handover", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)")),
    request_body = HandoverRequest,
    responses((status = 201, description = "The hand-over, waiting for the owner", body = Success<HandoverView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not the legal representative (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "The user is not an owner of the organisation (`validation_failed`: `not_an_owner`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn start_handover(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    body: LaterJson,
) -> Result<ApiOk<HandoverView>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::HandOver).await?;
    let body: HandoverRequest = body.read().await?;
    Ok(ApiOk::created(
        orgs::start_handover(&state.ctx, &actor, &org_id, &body.user_id).await?,
    ))
}

/// ORG-6: the named owner accepts and becomes the legal representative;
/// the previous one stays an owner.
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/legal-representative/handover/accept", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)")),
    responses((status = 204, description = "The caller is the legal representative"),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, the caller is not a member, or no hand-over to the caller is pending (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "The named owner is no longer a member (`not_an_owner`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn accept_handover(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
) -> Result<StatusCode, ApiError> {
    orgs::accept_handover(&state.ctx, &actor, &org_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
