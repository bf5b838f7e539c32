//! Invitations (ORG-2): send, list, resend, revoke; preview and accept by link.

use axum::{extract::State, http::StatusCode};
use guichet_core::ids::{InvitationId, OrgId};
use guichet_core::{
    access::{self, Action, Target},
    orgs::{self, InvitationPreview, InvitationView, OrgSummary, Role},
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

/// An invitation by e-mail, with the role and rights the person will have.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewInvitation {
    pub email: String,
    /// `owner` or `user` (the default).
    #[serde(default = "restricted")]
    pub role: Role,
    /// Rights of a restricted user (see docs/api.md, "Rights").
    #[serde(default)]
    pub rights: Vec<String>,
}

fn restricted() -> Role {
    Role::User
}

/// ORG-2: pending and expired invitations (owners only); accepted and
/// revoked ones are not listed.
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/invitations", tag = "orgs", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"), Paging),
    responses((status = 200, description = "A page of the invitations", body = Page<InvitationView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "`page` or `per_page` out of range (`validation_failed`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn list_invitations(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    paging: Paging,
) -> Result<ApiList<InvitationView>, ApiError> {
    let page = orgs::list_invitations_page(&state.ctx, &actor, &org_id, window(paging)).await?;
    Ok(paged(page, paging))
}

/// ORG-2: invite a person by e-mail with the role and rights they will
/// have (owners only). The mail carries a link valid 7 days; its secret is
/// what `POST /invitations/{token}/accept` takes.
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/invitations", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)")),
    request_body = NewInvitation,
    responses((status = 201, description = "The invitation; the mail is on its way", body = Success<InvitationView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "Already a member (`already_member`), or already invited (`invitation_pending`: resend it)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `invalid_email`, `invalid_role`, `unknown_right`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn invite(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    body: LaterJson,
) -> Result<ApiOk<InvitationView>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::ManageMembers).await?;
    let body: NewInvitation = body.read().await?;
    let input = orgs::Invite {
        email: &body.email,
        role: body.role,
        rights: body.rights,
    };
    Ok(ApiOk::created(
        orgs::invite(&state.ctx, &actor, &org_id, input).await?,
    ))
}

/// Revoke an invitation (owners only): its link stops working.
#[utoipa::path(delete, path = "/api/1/orgs/{org_id}/invitations/{id}", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("id" = String, Path, description = "The invitation's id (`inv_…`)")),
    responses((status = 204, description = "The invitation is revoked"),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or open invitation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn revoke_invitation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, id)): Ids<(OrgId, InvitationId)>,
) -> Result<StatusCode, ApiError> {
    orgs::revoke_invitation(&state.ctx, &actor, &org_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Send an invitation again (owners only), with a new link valid 7 more
/// days; the previous link stops working.
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/invitations/{id}/resend", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("id" = String, Path, description = "The invitation's id (`inv_…`)")),
    responses((status = 200, description = "The invitation with its new expiry", body = Success<InvitationView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or open invitation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "The person joined since (`already_member`), or the address was invited again since (`invitation_pending`: resend that one)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn resend_invitation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, id)): Ids<(OrgId, InvitationId)>,
) -> Result<ApiOk<InvitationView>, ApiError> {
    Ok(ApiOk::ok(
        orgs::resend_invitation(&state.ctx, &actor, &org_id, &id).await?,
    ))
}

/// What an invitation link shows before it is accepted: the organisation,
/// the invited address and role, and whether the link still works. The
/// link's secret is what allows it; any signed-in caller may look.
#[utoipa::path(get, path = "/api/1/invitations/{token}", tag = "orgs", security(("bearer" = ["orgs:read"])),
    params(("token" = String, Path, description = "The secret of the invitation link")),
    responses((status = 200, description = "The invitation; `status` is `pending`, `expired`, `accepted` or `revoked`", body = Success<InvitationPreview>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No invitation has this secret (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn preview_invitation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(token): Ids<String>,
) -> Result<ApiOk<InvitationPreview>, ApiError> {
    // The service needs no actor (the console shows the link to visitors);
    // here the token's scope still applies.
    access::check(&actor, Action::ViewOrg, Target::User(&actor.user_id))?;
    Ok(ApiOk::ok(
        orgs::preview_invitation(&state.ctx, &token).await?,
    ))
}

/// ORG-2: the invited person accepts, signed in with the invited address
/// (confirmed): they join with the role and rights chosen.
#[utoipa::path(post, path = "/api/1/invitations/{token}/accept", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("token" = String, Path, description = "The secret of the invitation link")),
    responses((status = 200, description = "The organisation joined, with the caller's role", body = Success<OrgSummary>),
              (status = 400, description = "The invitation is unknown, expired, revoked or already accepted (`invalid_invitation`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Sent to another address (`wrong_account`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "The path holds a character no link secret can hold (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "Already a member (`already_member`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn accept_invitation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(token): Ids<String>,
) -> Result<ApiOk<OrgSummary>, ApiError> {
    Ok(ApiOk::ok(
        orgs::accept_invitation(&state.ctx, &actor, &token).await?,
    ))
}
