//! OpenAPI 3.1 (API-4), generated from the code with utoipa and served at
//! `/api/openapi.json`. A snapshot test notices every change to it.

use axum::{Json, response::IntoResponse};
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};

use super::{
    accounts,
    envelope::{ErrorBody, ErrorDetail, FieldContext, FieldErrorBody, Paging},
    orgs, security, tokens,
};
use crate::ops;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Guichet API",
        version = "1",
        description = "The customer manager's public API. Paths are `/api/1/…`; `/api/…` is served by the latest version. \
                       Conventions (envelope, paging, errors, ids, times, money, idempotency, scopes) are in docs/api.md."
    ),
    paths(
        ops::healthz,
        ops::readyz,
        orgs::list_orgs,
        orgs::create_org,
        orgs::get_org,
        orgs::update_org,
        orgs::list_members,
        orgs::update_member,
        orgs::remove_member,
        orgs::remove_members,
        orgs::leave_org,
        orgs::list_invitations,
        orgs::invite,
        orgs::revoke_invitation,
        orgs::resend_invitation,
        orgs::preview_invitation,
        orgs::accept_invitation,
        orgs::list_teams,
        orgs::create_team,
        orgs::update_team,
        orgs::delete_team,
        orgs::pending_handover,
        orgs::start_handover,
        orgs::accept_handover,
        orgs::list_addresses,
        orgs::create_address,
        orgs::update_address,
        orgs::make_default_address,
        orgs::delete_address,
        orgs::audit_log,
        accounts::get_profile,
        accounts::update_profile,
        accounts::regenerate_support_code,
        security::change_password,
        accounts::newsletters,
        accounts::set_newsletters,
        security::security_log,
        security::list_sessions,
        security::end_session,
        tokens::list_tokens,
        tokens::create_token,
        tokens::revoke_token,
        accounts::sign_up,
        accounts::verify_email,
        accounts::resend_verification,
        security::request_password_reset,
        security::reset_password,
        accounts::undo_recovery_change,
    ),
    components(schemas(
        ErrorBody,
        ErrorDetail,
        FieldErrorBody,
        FieldContext,
        Paging,
        ops::Readiness,
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
        orgs::NewOrg,
        orgs::OrgChanges,
        orgs::MemberChanges,
        orgs::MembersToRemove,
        orgs::NewInvitation,
        orgs::NewTeam,
        orgs::TeamChanges,
        orgs::HandoverRequest,
        orgs::AddressFields,
        guichet_core::access::Scope,
        guichet_core::accounts::ProfileView,
        guichet_core::security::SessionView,
        guichet_core::security::SecurityEventView,
        guichet_core::tokens::TokenView,
        guichet_core::tokens::TokenStatus,
        guichet_core::tokens::CreatedToken,
        guichet_core::accounts::NewsletterTopic,
        accounts::ProfileChanges,
        accounts::SupportCode,
        security::PasswordChange,
        tokens::NewToken,
        accounts::Subscriptions,
        accounts::SignUpRequest,
        accounts::LinkToken,
        accounts::AddressOnly,
        security::PasswordReset,
        accounts::Message,
        accounts::Verified,
        accounts::AddressKind,
    )),
    modifiers(&BearerToken),
    tags(
        (name = "operations", description = "Health and readiness of the service (OPS-4)"),
        (name = "orgs", description = "Your organisations: members and rights, invitations, teams, leaving, \
                                       the legal representative's hand-over, billing addresses and the audit log \
                                       (ORG-1…ORG-7, OPS-5). Rights are listed in docs/api.md."),
        (name = "profile", description = "Your profile, recovery address, support code, password and newsletters (ACC-2…ACC-5)"),
        (name = "security", description = "Your security log and signed-in sessions (SEC-5)"),
        (name = "tokens", description = "Your API tokens (API-1)"),
        (name = "sign-up", description = "Without a token: sign up, confirm an address, reset a forgotten password (ACC-1, ACC-3)")
    )
)]
pub struct ApiDoc;

/// The `bearer` security scheme the operations name with their scope.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("gch_…")
                    .description(Some(
                        "An API token made in the console or with POST /api/1/profile/tokens: \
                         `Authorization: Bearer gch_…` (47 characters). Each operation names the \
                         scope it needs (docs/api.md lists them); a token without it gets 403 \
                         `insufficient_scope`. 60 requests per minute per token (API-3).",
                    ))
                    .build(),
            ),
        );
    }
}

/// The document as served: generated, then completed with the limits the
/// server enforces (`limits`, which works on the JSON form). Read back into
/// utoipa's types so that it serialises in the usual order.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut generated = ApiDoc::openapi();
    generated.merge(crate::staff::api::StaffApiDoc::openapi());
    let completed = serde_json::to_value(&generated).and_then(|mut doc| {
        super::limits::apply(&mut doc);
        serde_json::from_value(doc)
    });
    match completed {
        Ok(doc) => doc,
        // utoipa's own types read back what they wrote; were it not so, the
        // snapshot test would show the limits missing.
        Err(e) => {
            tracing::error!(error = %e, "completing the OpenAPI document");
            generated
        }
    }
}

pub async fn serve() -> impl IntoResponse {
    Json(document())
}
