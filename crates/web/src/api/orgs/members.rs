//! Members (ORG-3, ORG-5): list, change, remove, leave.

use axum::{extract::State, http::StatusCode};
use guichet_core::ids::{OrgId, UserId};
use guichet_core::{
    access::Action,
    orgs::{self, MemberView, Role},
};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{Ids, LaterJson, paged, window};
use crate::{
    AppState,
    api::{
        ApiError, ApiList, ApiOk, Paging,
        envelope::{ErrorBody, Page, Success},
    },
    auth::ApiActor,
};

/// A change of a member: their role and/or their rights (replaced whole).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberChanges {
    /// `owner` or `user`; the legal representative changes by hand-over.
    pub role: Option<Role>,
    /// The member's own rights (see docs/api.md, "Rights"), replacing the
    /// previous ones; team rights are added to them.
    pub rights: Option<Vec<String>>,
}

/// Several members to remove at once: all or none.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MembersToRemove {
    pub user_ids: Vec<String>,
}

/// ORG-3: the members, their role, own rights and teams (owners, and the
/// `members` right).
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/members", tag = "orgs", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"), Paging),
    responses((status = 200, description = "A page of the members", body = Page<MemberView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Neither an owner nor holding `members` (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "`page` or `per_page` out of range (`validation_failed`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn list_members(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    paging: Paging,
) -> Result<ApiList<MemberView>, ApiError> {
    let page = orgs::list_members_page(&state.ctx, &actor, &org_id, window(paging)).await?;
    Ok(paged(page, paging))
}

/// ORG-3: change a member's role or rights (owners only). Owners may change
/// their own, except where no owner would be left.
#[utoipa::path(patch, path = "/api/1/orgs/{org_id}/members/{user_id}", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("user_id" = String, Path, description = "The member's user id (`usr_…`)")),
    request_body = MemberChanges,
    responses((status = 200, description = "The member as changed", body = Success<MemberView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or member, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "No owner would be left (`last_owner`), or the legal representative's role changes by hand-over only (`legal_representative`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `unknown_right`, `invalid_role`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn update_member(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, user_id)): Ids<(OrgId, UserId)>,
    body: LaterJson,
) -> Result<ApiOk<MemberView>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::ManageMembers).await?;
    let body: MemberChanges = body.read().await?;
    let change = orgs::MemberChange {
        role: body.role,
        rights: body.rights,
    };
    Ok(ApiOk::ok(
        orgs::update_member(&state.ctx, &actor, &org_id, &user_id, change).await?,
    ))
}

/// ORG-3: remove one member (owners only).
#[utoipa::path(delete, path = "/api/1/orgs/{org_id}/members/{user_id}", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("user_id" = String, Path, description = "The member's user id (`usr_…`)")),
    responses((status = 204, description = "The member is removed"),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or member, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "The legal representative hands over first (`legal_representative`); the last owner stays (`last_owner`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn remove_member(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, user_id)): Ids<(OrgId, UserId)>,
) -> Result<StatusCode, ApiError> {
    orgs::remove_members(&state.ctx, &actor, &org_id, &[user_id.into_string()]).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// ORG-3: remove several members at once (owners only): all of them, or
/// none when one of them cannot go.
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/members/remove", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)")),
    request_body = MembersToRemove,
    responses((status = 204, description = "The members are removed"),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, one of the users is not a member, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "The legal representative hands over first (`legal_representative`); the last owner stays (`last_owner`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "An empty list (`validation_failed`: `required`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn remove_members(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    body: LaterJson,
) -> Result<StatusCode, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::RemoveMembers).await?;
    let body: MembersToRemove = body.read().await?;
    orgs::remove_members(&state.ctx, &actor, &org_id, &body.user_ids).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// ORG-5: leave the organisation. Refused, with the rule that applies, to
/// the last owner, the legal representative (who hands over first), a user
/// of the organisation's suite, and a member whose login address is one of
/// its mailboxes.
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/leave", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)")),
    responses((status = 204, description = "The caller is no longer a member"),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "Refused: `last_owner`, `legal_representative`, `suite_user` or `org_mailbox`", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn leave_org(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
) -> Result<StatusCode, ApiError> {
    orgs::leave_org(&state.ctx, &actor, &org_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
