//! API of organisations (ORG-1…ORG-7, OPS-5, API-5): the organisations a
//! user belongs to, their members and rights, invitations, teams, leaving,
//! the hand-over of the legal representative's role, billing addresses and
//! the audit log.
//!
//! Every route needs a token: `orgs:read` for reads, `orgs:write` for
//! changes. Handlers extract, call one service of `guichet_core::orgs`, and
//! render; the services decide rights (`access::check`) and answer 404
//! `object_not_found` for anything of an organisation the caller is not a
//! member of, so nothing here can leak a 403 to a stranger.
//!
//! Statuses: a creation answers 201 with the object; a change 200 with the
//! object as changed; a deletion, leaving, or an acceptance that has nothing
//! to show answers 204 without a body. Every list is paged (`page`,
//! `per_page`), short ones too.

use axum::{
    Router,
    extract::{FromRequestParts, Path, State},
    http::{StatusCode, request::Parts},
    middleware,
    routing::{get, patch, post},
};
use guichet_core::{
    Error, FieldError,
    access::{self, Action, Target},
    audit::{self, AuditEventView},
    i18n::Lang,
    orgs::{
        self, AddressView, Currency, HandoverView, InvitationPreview, InvitationView, MemberView,
        OrgKind, OrgSummary, OrgView, Role, TeamView, address::AddressInput,
    },
};
use serde::{Deserialize, Deserializer, de::DeserializeOwned};
use utoipa::{IntoParams, ToSchema};

use super::{
    ApiError, ApiJson, ApiList, ApiOk, Paging,
    envelope::{self, ErrorBody, Page, Success},
};
use crate::{
    AppState,
    auth::{self, ApiActor},
};

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
        .route("/orgs/{org_id}/audit", get(audit_log))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ))
}

/// Ids from the path. A path that cannot even be read (bad
/// percent-encoding) names nothing that exists: 404, like an unknown id,
/// rather than axum's plain-text 400.
pub struct Ids<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Ids<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(ids)) => Ok(Ids(ids)),
            Err(_) => Err(ApiError(Error::NotFound)),
        }
    }
}

// ---------------------------------------------------------------- request bodies

/// A new organisation; the caller becomes its legal representative.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrg {
    /// 1 to 100 characters.
    pub name: String,
    /// `company` (the default) or `individual`.
    pub kind: Option<OrgKind>,
    /// ISO 3166-1 alpha-2; the provider's default country when absent.
    pub country: Option<String>,
    /// The provider's default language when absent.
    pub language: Option<Lang>,
    /// The provider's default currency when absent.
    pub currency: Option<Currency>,
    /// A Swiss UID (`CHE-123.456.789 MWST`) or an EU VAT number.
    pub vat_number: Option<String>,
}

impl From<NewOrg> for orgs::OrgInput {
    fn from(b: NewOrg) -> Self {
        orgs::OrgInput {
            name: Some(b.name),
            kind: b.kind,
            country: b.country,
            language: b.language,
            currency: b.currency,
            vat_number: b.vat_number.map(Some),
        }
    }
}

/// Changes to an organisation: absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgChanges {
    pub name: Option<String>,
    pub kind: Option<OrgKind>,
    pub country: Option<String>,
    pub language: Option<Lang>,
    /// Fixed once the organisation has an invoice (409 `currency_locked`).
    pub currency: Option<Currency>,
    /// `null` or `""` removes it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub vat_number: Option<Option<String>>,
}

/// Absent stays `None`; `null` becomes `Some(None)`.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

impl From<OrgChanges> for orgs::OrgInput {
    fn from(b: OrgChanges) -> Self {
        orgs::OrgInput {
            name: b.name,
            kind: b.kind,
            country: b.country,
            language: b.language,
            currency: b.currency,
            vat_number: b.vat_number,
        }
    }
}

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

/// The owner who is to become the legal representative.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HandoverRequest {
    pub user_id: String,
}

/// A billing address, structured as on a Swiss QR-bill.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddressFields {
    /// The recipient, a company or a person (at most 70 characters).
    pub name: String,
    /// At most 70 characters.
    pub street: String,
    /// May be empty where the street has none (at most 16 characters).
    #[serde(default)]
    pub building_number: String,
    /// Checked against the country's format for CH, LI, DE, FR, IT, AT.
    pub postcode: String,
    /// At most 35 characters.
    pub town: String,
    /// ISO 3166-1 alpha-2, e.g. `CH`.
    pub country: String,
    /// `true` makes it the default address (the previous default stops
    /// being one). The first address is always the default; `false` is
    /// ignored: make another address the default instead.
    pub is_default: Option<bool>,
}

impl AddressFields {
    fn split(self) -> (AddressInput, bool) {
        let make_default = self.is_default == Some(true);
        let input = AddressInput {
            name: self.name,
            street: self.street,
            building_number: self.building_number,
            postcode: self.postcode,
            town: self.town,
            country: self.country,
        };
        (input, make_default)
    }
}

/// Filters of the audit log, all optional (with `page` and `per_page`).
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// An exact action (`member.removed`), or a prefix ending in `.`
    /// (`member.`).
    pub action: Option<String>,
    /// Only the changes made by this user id.
    pub actor: Option<String>,
    /// From this instant on (unix seconds, inclusive).
    pub since: Option<i64>,
    /// Before this instant (unix seconds, exclusive).
    pub until: Option<i64>,
}

impl<S: Send + Sync> FromRequestParts<S> for AuditQuery {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let pairs = envelope::query_pairs(parts)?;
        let mut q = AuditQuery::default();
        let mut errors = Vec::new();
        let instant = |name: &str, v: &str, errors: &mut Vec<FieldError>| match v.parse::<i64>() {
            // Kept within what milliseconds can hold.
            Ok(s) if s.checked_mul(1000).is_some() => Some(s),
            _ => {
                errors.push(FieldError::new(
                    name,
                    "invalid_value",
                    format!("{name} must be an instant in unix seconds"),
                ));
                None
            }
        };
        for (k, v) in pairs {
            match k.as_str() {
                "action" => q.action = Some(v),
                "actor" => q.actor = Some(v),
                "since" => q.since = instant("since", &v, &mut errors),
                "until" => q.until = instant("until", &v, &mut errors),
                // Read by `Paging`.
                "page" | "per_page" => {}
                other => errors.push(FieldError::new(
                    other,
                    "invalid_value",
                    "Filter by action, actor, since or until.",
                )),
            }
        }
        if errors.is_empty() {
            Ok(q)
        } else {
            Err(ApiError(Error::Validation(errors)))
        }
    }
}

impl From<AuditQuery> for audit::Filter {
    fn from(q: AuditQuery) -> Self {
        audit::Filter {
            action: q.action,
            actor_user_id: q.actor,
            since: q.since.map(|s| s.saturating_mul(1000)),
            until: q.until.map(|s| s.saturating_mul(1000)),
        }
    }
}

// ---------------------------------------------------------------- organisations

/// ACC-7: the organisations the caller belongs to, to switch between.
#[utoipa::path(get, path = "/api/1/orgs", tag = "orgs", security(("bearer" = ["orgs:read"])),
    params(Paging),
    responses((status = 200, description = "A page of the caller's organisations, by name, with the caller's role", body = Page<OrgSummary>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 422, description = "`page` or `per_page` out of range (`validation_failed`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn list_orgs(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    paging: Paging,
) -> Result<ApiList<OrgSummary>, ApiError> {
    let all = orgs::list_orgs(&state.ctx, &actor).await?;
    Ok(ApiList::page_of(all, paging))
}

/// Create an organisation; the caller becomes its legal representative.
#[utoipa::path(post, path = "/api/1/orgs", tag = "orgs", security(("bearer" = ["orgs:write"])),
    request_body = NewOrg,
    responses((status = 201, description = "The organisation, with its settings", body = Success<OrgView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `invalid_name`, `invalid_country`, `invalid_vat_number`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn create_org(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<NewOrg>,
) -> Result<ApiOk<OrgView>, ApiError> {
    Ok(ApiOk::created(
        orgs::create_org(&state.ctx, &actor, body.into()).await?,
    ))
}

/// An organisation the caller belongs to. Its settings (country,
/// language, currency, VAT number) are shown to owners and to holders of
/// the `settings` right, and are `null` for other members.
#[utoipa::path(get, path = "/api/1/orgs/{org_id}", tag = "orgs", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)")),
    responses((status = 200, description = "The organisation, the caller's role and effective rights", body = Success<OrgView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn get_org(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<String>,
) -> Result<ApiOk<OrgView>, ApiError> {
    Ok(ApiOk::ok(orgs::get_org(&state.ctx, &actor, &org_id).await?))
}

/// ORG-1: change the organisation's data (owners only).
#[utoipa::path(patch, path = "/api/1/orgs/{org_id}", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)")),
    request_body = OrgChanges,
    responses((status = 200, description = "The organisation as changed", body = Success<OrgView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "The currency cannot change once the organisation has an invoice (`currency_locked`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `invalid_name`, `invalid_country`, `invalid_vat_number`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn update_org(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<String>,
    ApiJson(body): ApiJson<OrgChanges>,
) -> Result<ApiOk<OrgView>, ApiError> {
    Ok(ApiOk::ok(
        orgs::update_org(&state.ctx, &actor, &org_id, body.into()).await?,
    ))
}

// ---------------------------------------------------------------- members

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
    Ids(org_id): Ids<String>,
    paging: Paging,
) -> Result<ApiList<MemberView>, ApiError> {
    let all = orgs::list_members(&state.ctx, &actor, &org_id).await?;
    Ok(ApiList::page_of(all, paging))
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
    Ids((org_id, user_id)): Ids<(String, String)>,
    ApiJson(body): ApiJson<MemberChanges>,
) -> Result<ApiOk<MemberView>, ApiError> {
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
    Ids((org_id, user_id)): Ids<(String, String)>,
) -> Result<StatusCode, ApiError> {
    orgs::remove_members(&state.ctx, &actor, &org_id, &[user_id]).await?;
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
    Ids(org_id): Ids<String>,
    ApiJson(body): ApiJson<MembersToRemove>,
) -> Result<StatusCode, ApiError> {
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
    Ids(org_id): Ids<String>,
) -> Result<StatusCode, ApiError> {
    orgs::leave_org(&state.ctx, &actor, &org_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------- invitations

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
    Ids(org_id): Ids<String>,
    paging: Paging,
) -> Result<ApiList<InvitationView>, ApiError> {
    let all = orgs::list_invitations(&state.ctx, &actor, &org_id).await?;
    Ok(ApiList::page_of(all, paging))
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
    Ids(org_id): Ids<String>,
    ApiJson(body): ApiJson<NewInvitation>,
) -> Result<ApiOk<InvitationView>, ApiError> {
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
    Ids((org_id, id)): Ids<(String, String)>,
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
    Ids((org_id, id)): Ids<(String, String)>,
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

// ---------------------------------------------------------------- teams

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
    Ids(org_id): Ids<String>,
    paging: Paging,
) -> Result<ApiList<TeamView>, ApiError> {
    let all = orgs::list_teams(&state.ctx, &actor, &org_id).await?;
    Ok(ApiList::page_of(all, paging))
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
    Ids(org_id): Ids<String>,
    ApiJson(body): ApiJson<NewTeam>,
) -> Result<ApiOk<TeamView>, ApiError> {
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
    Ids((org_id, id)): Ids<(String, String)>,
    ApiJson(body): ApiJson<TeamChanges>,
) -> Result<ApiOk<TeamView>, ApiError> {
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
    Ids((org_id, id)): Ids<(String, String)>,
) -> Result<StatusCode, ApiError> {
    orgs::delete_team(&state.ctx, &actor, &org_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------- hand-over

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
    Ids(org_id): Ids<String>,
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
    Ids(org_id): Ids<String>,
    ApiJson(body): ApiJson<HandoverRequest>,
) -> Result<ApiOk<HandoverView>, ApiError> {
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
    Ids(org_id): Ids<String>,
) -> Result<StatusCode, ApiError> {
    orgs::accept_handover(&state.ctx, &actor, &org_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------- billing addresses

/// ORG-7: the billing addresses, the default first (owners, and the
/// billing rights).
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/billing-addresses", tag = "orgs", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"), Paging),
    responses((status = 200, description = "A page of the addresses", body = Page<AddressView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Neither an owner nor holding a `billing:` right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "`page` or `per_page` out of range (`validation_failed`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn list_addresses(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<String>,
    paging: Paging,
) -> Result<ApiList<AddressView>, ApiError> {
    let all = orgs::list_addresses(&state.ctx, &actor, &org_id).await?;
    Ok(ApiList::page_of(all, paging))
}

/// ORG-7: add a billing address (owners only). The first one is the
/// default.
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/billing-addresses", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)")),
    request_body = AddressFields,
    responses((status = 201, description = "The address", body = Success<AddressView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `required`, `too_long`, `invalid_country`, `invalid_postcode`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn create_address(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<String>,
    ApiJson(body): ApiJson<AddressFields>,
) -> Result<ApiOk<AddressView>, ApiError> {
    let (input, make_default) = body.split();
    Ok(ApiOk::created(
        orgs::save_address(&state.ctx, &actor, &org_id, None, &input, make_default).await?,
    ))
}

/// ORG-7: replace a billing address, or make it the default (owners only).
/// The body is the whole address.
#[utoipa::path(patch, path = "/api/1/orgs/{org_id}/billing-addresses/{id}", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("id" = String, Path, description = "The address's id (`adr_…`)")),
    request_body = AddressFields,
    responses((status = 200, description = "The address as changed", body = Success<AddressView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or address, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `required`, `too_long`, `invalid_country`, `invalid_postcode`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn update_address(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, id)): Ids<(String, String)>,
    ApiJson(body): ApiJson<AddressFields>,
) -> Result<ApiOk<AddressView>, ApiError> {
    let (input, make_default) = body.split();
    Ok(ApiOk::ok(
        orgs::save_address(&state.ctx, &actor, &org_id, Some(&id), &input, make_default).await?,
    ))
}

/// ORG-7: remove a billing address (owners only). The default one goes
/// only when it is the last: make another the default first.
#[utoipa::path(delete, path = "/api/1/orgs/{org_id}/billing-addresses/{id}", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("id" = String, Path, description = "The address's id (`adr_…`)")),
    responses((status = 204, description = "The address is removed"),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or address, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "It is the default and others remain (`default_address`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn delete_address(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, id)): Ids<(String, String)>,
) -> Result<StatusCode, ApiError> {
    orgs::delete_address(&state.ctx, &actor, &org_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------- audit

/// OPS-5: every change to the organisation, newest first: who acted, for
/// whom, what changed (before and after), when and from where (owners
/// only).
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/audit", tag = "orgs", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"), AuditQuery, Paging),
    responses((status = 200, description = "A page of the log, newest first", body = Page<AuditEventView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "A filter, `page` or `per_page` is invalid (`validation_failed`: `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn audit_log(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<String>,
    query: AuditQuery,
    paging: Paging,
) -> Result<ApiList<AuditEventView>, ApiError> {
    let filter = query.into();
    let (items, total) = orgs::audit_log(
        &state.ctx,
        &actor,
        &org_id,
        &filter,
        paging.offset(),
        paging.limit(),
    )
    .await?;
    Ok(ApiList {
        items,
        total,
        paging,
    })
}
