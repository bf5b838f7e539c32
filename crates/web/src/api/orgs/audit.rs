//! The audit log (OPS-5).

use axum::{
    extract::{FromRequestParts, State},
    http::request::Parts,
};
use guichet_core::ids::OrgId;
use guichet_core::{
    Error, FieldError,
    audit::{self, AuditEventView},
    orgs,
};
use utoipa::IntoParams;

use super::Ids;
use crate::{
    AppState,
    api::{
        ApiError, ApiList, Paging,
        envelope::{self, ErrorBody, Page},
    },
    auth::ApiActor,
};

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
    Ids(org_id): Ids<OrgId>,
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
