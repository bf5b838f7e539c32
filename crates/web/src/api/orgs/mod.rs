//! API of organisations (ORG-1…ORG-7, OPS-5, API-5): the organisations a
//! user belongs to, their members and rights, invitations, teams, leaving,
//! the hand-over of the legal representative's role, billing addresses and
//! the audit log — one file per sub-capability, the routes here.
//!
//! Every route needs a token: `orgs:read` for reads, `orgs:write` for
//! changes. Handlers extract, call one service of `guichet_core::orgs`, and
//! render; the services decide rights (`access::Standing`) and answer 404
//! `object_not_found` for anything of an organisation the caller is not a
//! member of, so nothing here can leak a 403 to a stranger.
//!
//! 404 before the body (issue 10): a route of an organisation that takes a
//! body reads it as [`LaterJson`] and asks `orgs::admit` first, so a
//! stranger sending `{}` learns nothing from a 422 about the body's shape.
//!
//! Statuses: a creation answers 201 with the object; a change 200 with the
//! object as changed; a deletion, leaving, or an acceptance that has nothing
//! to show answers 204 without a body. Every list is paged (`page`,
//! `per_page`) in SQL, short ones too.

mod addresses;
mod audit;
mod handover;
mod invitations;
mod members;
mod organisations;
mod teams;

use axum::{
    Router,
    extract::{FromRequest, FromRequestParts, Path, Request},
    http::request::Parts,
    middleware,
    routing::{get, patch, post},
};
use guichet_core::{
    Error,
    access::{self, Action, Target},
    orgs::{Paged, Window},
};
use serde::de::DeserializeOwned;

pub use addresses::*;
pub use audit::*;
pub use handover::*;
pub use invitations::*;
pub use members::*;
pub use organisations::*;
pub use teams::*;

use super::{ApiError, ApiJson, ApiList, Paging};
use crate::{AppState, auth, path_ids::PathIds};

pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/orgs", get(list_orgs).post(create_org))
        .route("/orgs/{org_id}", get(get_org).patch(update_org))
        .route("/orgs/{org_id}/members", get(list_members))
        .route("/orgs/{org_id}/members/remove", post(remove_members))
        .route(
            "/orgs/{org_id}/members/{user_id}",
            patch(update_member).delete(remove_member),
        )
        .route(
            "/orgs/{org_id}/invitations",
            get(list_invitations).post(invite),
        )
        .route(
            "/orgs/{org_id}/invitations/{id}",
            axum::routing::delete(revoke_invitation),
        )
        .route(
            "/orgs/{org_id}/invitations/{id}/resend",
            post(resend_invitation),
        )
        .route("/invitations/{token}", get(preview_invitation))
        .route("/invitations/{token}/accept", post(accept_invitation))
        .route("/orgs/{org_id}/teams", get(list_teams).post(create_team))
        .route(
            "/orgs/{org_id}/teams/{id}",
            patch(update_team).delete(delete_team),
        )
        .route("/orgs/{org_id}/leave", post(leave_org))
        .route(
            "/orgs/{org_id}/legal-representative/handover",
            get(pending_handover).post(start_handover),
        )
        .route(
            "/orgs/{org_id}/legal-representative/handover/accept",
            post(accept_handover),
        )
        .route(
            "/orgs/{org_id}/billing-addresses",
            get(list_addresses).post(create_address),
        )
        .route(
            "/orgs/{org_id}/billing-addresses/{id}",
            patch(update_address).delete(delete_address),
        )
        .route(
            "/orgs/{org_id}/billing-addresses/{id}/default",
            post(make_default_address),
        )
        .route("/orgs/{org_id}/audit", get(audit_log))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ))
}

/// The organisations' operations for the OpenAPI document, beside the
/// routes above (their handlers are in this folder's files).
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        list_orgs,
        create_org,
        get_org,
        update_org,
        list_members,
        update_member,
        remove_member,
        remove_members,
        leave_org,
        list_invitations,
        invite,
        revoke_invitation,
        resend_invitation,
        preview_invitation,
        accept_invitation,
        list_teams,
        create_team,
        update_team,
        delete_team,
        pending_handover,
        start_handover,
        accept_handover,
        list_addresses,
        create_address,
        update_address,
        make_default_address,
        delete_address,
        audit_log,
    ),
    components(schemas(
        guichet_core::orgs::Role,
        guichet_core::orgs::OrgKind,
        guichet_core::orgs::Currency,
        guichet_core::orgs::OrgSummary,
        guichet_core::orgs::OrgView,
        guichet_core::orgs::MemberView,
        guichet_core::orgs::InvitationView,
        guichet_core::orgs::InvitationPreview,
        guichet_core::orgs::TeamView,
        guichet_core::orgs::HandoverView,
        guichet_core::orgs::AddressView,
        guichet_core::audit::AuditEventView,
        NewOrg,
        OrgChanges,
        MemberChanges,
        MembersToRemove,
        NewInvitation,
        NewTeam,
        TeamChanges,
        HandoverRequest,
        AddressFields,
    ))
)]
pub struct Api;

/// Ids from the path. A path that cannot even be read (bad
/// percent-encoding), or an id without its kind's prefix, names nothing
/// that exists: 404, like an unknown id, rather than axum's plain-text 400.
pub struct Ids<T>(pub T);

impl<S: Send + Sync, T: PathIds + Send> FromRequestParts<S> for Ids<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T::Raw>::from_request_parts(parts, state).await {
            Ok(Path(raw)) => T::from_raw(raw).map(Ids).ok_or_else(|| malformed(parts)),
            Err(_) => Err(ApiError(Error::NotFound)),
        }
    }
}

/// A malformed id names nothing (404), but scopes come first (API-1): a
/// token without the route's scope is refused as it is for any id. Every
/// read of an organisation needs `orgs:read`, every other call `orgs:write`.
fn malformed(parts: &Parts) -> ApiError {
    let action = if parts.method == axum::http::Method::GET {
        Action::ViewOrg
    } else {
        Action::ChangeOrg
    };
    ApiError(
        match parts.extensions.get::<auth::ApiActor>() {
            Some(auth::ApiActor(actor)) => {
                access::check(actor, action, Target::User(&actor.user_id)).err()
            }
            None => None,
        }
        .unwrap_or(Error::NotFound),
    )
}

/// A JSON body judged only when the handler asks, after the caller's
/// access to the organisation was checked: a stranger's `{}` (or any
/// body, well-formed or not) is answered 404 like the organisation it
/// names, never 400, 415 or 422 (issue 10). Reading it applies every rule
/// of [`ApiJson`].
pub struct LaterJson(Request);

impl<S: Send + Sync> FromRequest<S> for LaterJson {
    type Rejection = std::convert::Infallible;
    async fn from_request(req: Request, _: &S) -> Result<Self, Self::Rejection> {
        Ok(LaterJson(req))
    }
}

impl LaterJson {
    /// The body as `T`, with [`ApiJson`]'s documented errors.
    pub async fn read<T: DeserializeOwned>(self) -> Result<T, ApiError> {
        ApiJson::<T>::from_request(self.0, &())
            .await
            .map(|ApiJson(v)| v)
    }

    /// The body as `T` and its bytes (what an `Idempotency-Key` is bound
    /// to).
    pub async fn read_with_bytes<T: DeserializeOwned>(
        self,
    ) -> Result<(T, axum::body::Bytes), ApiError> {
        super::ApiJsonBytes::<T>::from_request(self.0, &())
            .await
            .map(|super::ApiJsonBytes(v, b)| (v, b))
    }
}

/// The page `paging` asks for, as the core reads it in SQL.
pub(crate) fn window(paging: Paging) -> Window {
    Window {
        offset: paging.offset(),
        limit: paging.limit(),
    }
}

/// A page read in SQL, in the list envelope.
pub(crate) fn paged<T>(p: Paged<T>, paging: Paging) -> ApiList<T> {
    ApiList {
        items: p.items,
        total: p.total,
        paging,
    }
}
