//! Teams (ORG-4).

use axum::{extract::State, http::StatusCode};
use guichet_core::ids::{OrgId, TeamId};
use guichet_core::{
    access::Action,
    orgs::{self, TeamView},
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

/// A new team.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTeam {
    /// 1 to 60 characters, unique in the organisation.
    pub name: String,
    /// User ids of members of the organisation.
    #[serde(default)]
    pub members: Vec<String>,
    /// Rights every member of the team holds.
    #[serde(default)]
    pub rights: Vec<String>,
}

/// Changes to a team: absent fields stay; lists are replaced whole.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamChanges {
    pub name: Option<String>,
    pub members: Option<Vec<String>>,
    pub rights: Option<Vec<String>>,
}

/// ORG-4: the teams, their members and rights (owners, and the `members`
/// right).
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/teams", tag = "orgs", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"), Paging),
    responses((status = 200, description = "A page of the teams", body = Page<TeamView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Neither an owner nor holding `members` (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "`page` or `per_page` out of range (`validation_failed`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn list_teams(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    paging: Paging,
) -> Result<ApiList<TeamView>, ApiError> {
    let page = orgs::list_teams_page(&state.ctx, &actor, &org_id, window(paging)).await?;
    Ok(paged(page, paging))
}

/// ORG-4: make a team, with its members and rights (owners only).
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/teams", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)")),
    request_body = NewTeam,
    responses((status = 201, description = "The team", body = Success<TeamView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "Another team has this name (`team_name_taken`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `invalid_name`, `not_a_member`, `unknown_right`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn create_team(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    body: LaterJson,
) -> Result<ApiOk<TeamView>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::ManageMembers).await?;
    let body: NewTeam = body.read().await?;
    let input = orgs::TeamInput {
        name: Some(body.name),
        members: Some(body.members),
        rights: Some(body.rights),
    };
    Ok(ApiOk::created(
        orgs::save_team(&state.ctx, &actor, &org_id, None, input).await?,
    ))
}

/// ORG-4: rename a team, or replace its members or rights (owners only).
#[utoipa::path(patch, path = "/api/1/orgs/{org_id}/teams/{id}", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("id" = String, Path, description = "The team's id (`team_…`)")),
    request_body = TeamChanges,
    responses((status = 200, description = "The team as changed", body = Success<TeamView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or team, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "Another team has this name (`team_name_taken`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `invalid_name`, `not_a_member`, `unknown_right`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn update_team(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, id)): Ids<(OrgId, TeamId)>,
    body: LaterJson,
) -> Result<ApiOk<TeamView>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::ManageMembers).await?;
    let body: TeamChanges = body.read().await?;
    let input = orgs::TeamInput {
        name: body.name,
        members: body.members,
        rights: body.rights,
    };
    Ok(ApiOk::ok(
        orgs::save_team(&state.ctx, &actor, &org_id, Some(&id), input).await?,
    ))
}

/// ORG-4: delete a team (owners only); its members stay members.
#[utoipa::path(delete, path = "/api/1/orgs/{org_id}/teams/{id}", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("id" = String, Path, description = "The team's id (`team_…`)")),
    responses((status = 204, description = "The team is deleted"),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or team, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn delete_team(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, id)): Ids<(OrgId, TeamId)>,
) -> Result<StatusCode, ApiError> {
    orgs::delete_team(&state.ctx, &actor, &org_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
