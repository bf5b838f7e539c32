//! API of accounts (ACC-3…ACC-5): profile, support code, newsletters, and
//! the anonymous sign-up, verification and undo flows (API-5: what the
//! console does, the API does). The password, sessions and the security
//! log are in `security`, API tokens in `tokens`.
//!
//! Each handler extracts the caller and the input, calls one service
//! function and renders its answer; rights, rules and throttling live in
//! `guichet_core::accounts`.

use axum::{
    Router,
    extract::State,
    http::StatusCode,
    middleware,
    routing::{get, post},
};
use guichet_core::{
    accounts::{self, NewsletterTopic, ProfilePatch, ProfileView, SignUp, VerifiedAddress},
    i18n::Lang,
};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use super::{
    ApiError, ApiJson, ApiOk, ClientLang,
    envelope::{ErrorBody, Success},
};
use crate::{
    AppState,
    auth::{self, ApiActor, Meta},
};

pub fn routes(state: &AppState) -> Router<AppState> {
    let with_token = Router::new()
        .route("/profile", get(get_profile).patch(update_profile))
        .route("/profile/support-code", post(regenerate_support_code))
        .route(
            "/profile/newsletters",
            get(newsletters).put(set_newsletters),
        )
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ));
    // API-5: what a visitor of the console can do without signing in.
    let anonymous = Router::new()
        .route("/signup", post(sign_up))
        .route("/verify-email", post(verify_email))
        .route("/verify-email/resend", post(resend_verification))
        .route("/undo-recovery-change", post(undo_recovery_change));
    Router::new().merge(with_token).merge(anonymous)
}

/// The profile's and sign-up's operations for the OpenAPI document,
/// beside the routes above.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        get_profile,
        update_profile,
        regenerate_support_code,
        newsletters,
        set_newsletters,
        sign_up,
        verify_email,
        resend_verification,
        undo_recovery_change,
    ),
    components(schemas(
        guichet_core::accounts::ProfileView,
        guichet_core::accounts::NewsletterTopic,
        ProfileChanges,
        SupportCode,
        Subscriptions,
        SignUpRequest,
        LinkToken,
        AddressOnly,
        Message,
        Verified,
        AddressKind,
    ))
)]
pub struct Api;

/// A short answer for people, to operations whose outcome must not be
/// told apart (ACC-1: whether an address has an account).
#[derive(Debug, Serialize, ToSchema)]
pub struct Message {
    pub message: &'static str,
}

// ---------------------------------------------------------------- profile

/// The caller's profile (ACC-3, ACC-4).
#[utoipa::path(get, path = "/api/1/profile", tag = "profile", security(("bearer" = ["profile:read"])),
    responses((status = 200, description = "The profile", body = Success<ProfileView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn get_profile(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<ApiOk<ProfileView>, ApiError> {
    Ok(ApiOk::ok(accounts::get_profile(&state.ctx, &actor).await?))
}

/// Changes to the profile; absent fields stay as they are.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileChanges {
    /// At most 100 characters; empty clears it.
    name: Option<String>,
    /// en, fr, de or it: the console's and the mail's language.
    language: Option<Lang>,
    /// ACC-3: a new recovery address is verified by a link sent to it (it
    /// shows as `pending_recovery_email` until then); `null` removes it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = Email)]
    recovery_email: Option<Option<String>>,
    /// The current password: required to change or remove the recovery
    /// address (re-authentication), ignored otherwise.
    #[schema(format = Password)]
    current_password: Option<String>,
}

/// A field that is present, even as `null`, is `Some`; an absent one is
/// `None` (by `#[serde(default)]`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// Change the name, the language or the recovery address (ACC-3).
///
/// Changing or removing the recovery address needs `current_password`
/// and the `security:write` scope. The login address and the old recovery
/// address are told, with a link that undoes the change.
#[utoipa::path(patch, path = "/api/1/profile", tag = "profile", security(("bearer" = ["profile:write"])),
    request_body = ProfileChanges,
    responses((status = 200, description = "The profile as changed", body = Success<ProfileView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `invalid_name`, `invalid_email`, `same_as_login`, `password_required`, `wrong_password`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute, or too many wrong passwords (`too_many_requests`)", body = ErrorBody)))]
pub async fn update_profile(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(changes): ApiJson<ProfileChanges>,
) -> Result<ApiOk<ProfileView>, ApiError> {
    let patch = ProfilePatch {
        name: changes.name,
        language: changes.language,
        recovery_email: changes.recovery_email,
        current_password: changes.current_password,
    };
    Ok(ApiOk::ok(
        accounts::update_profile(&state.ctx, &actor, patch).await?,
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SupportCode {
    /// ACC-4: 8 digits, read out to the provider's support.
    pub support_code: String,
}

/// Draw a new support code (ACC-4).
///
/// The old one stops identifying you.
#[utoipa::path(post, path = "/api/1/profile/support-code", tag = "profile", security(("bearer" = ["profile:write"])),
    responses((status = 200, description = "The new support code", body = Success<SupportCode>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 409, description = "A rare collision with another code (`support_code_taken`); try again", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn regenerate_support_code(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<ApiOk<SupportCode>, ApiError> {
    let support_code = accounts::regenerate_support_code(&state.ctx, &actor).await?;
    Ok(ApiOk::ok(SupportCode { support_code }))
}

// ---------------------------------------------------------------- newsletters

/// The newsletter topics, each with your choice (ACC-5).
///
/// Names are in the `Accept-Language` language (else the provider's
/// default). The whole set, not paged: the provider defines a handful.
#[utoipa::path(get, path = "/api/1/profile/newsletters", tag = "profile", security(("bearer" = ["profile:read"])),
    responses((status = 200, description = "Every topic, with `subscribed`", body = Success<Vec<NewsletterTopic>>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn newsletters(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientLang(lang): ClientLang,
) -> Result<ApiOk<Vec<NewsletterTopic>>, ApiError> {
    Ok(ApiOk::ok(
        accounts::newsletters(&state.ctx, &actor, lang).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Subscriptions {
    /// The ids of the topics to receive; every other topic is switched off.
    topics: Vec<String>,
}

/// Choose the newsletter topics you receive (ACC-5).
///
/// The topics listed are switched on, every other one off.
#[utoipa::path(put, path = "/api/1/profile/newsletters", tag = "profile", security(("bearer" = ["profile:write"])),
    request_body = Subscriptions,
    responses((status = 200, description = "Every topic, with `subscribed`", body = Success<Vec<NewsletterTopic>>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `unknown_topic`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn set_newsletters(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientLang(lang): ClientLang,
    ApiJson(body): ApiJson<Subscriptions>,
) -> Result<ApiOk<Vec<NewsletterTopic>>, ApiError> {
    Ok(ApiOk::ok(
        accounts::set_newsletters(&state.ctx, &actor, &body.topics, lang).await?,
    ))
}

// ---------------------------------------------------------------- anonymous

const SIGNED_UP: &str =
    "If this address can be used, we sent it a message; follow its link to confirm the address.";
const VERIFICATION_SENT: &str =
    "If this address has an account waiting for confirmation, we sent it a new link.";

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignUpRequest {
    /// The login identifier: a personal address.
    #[schema(format = Email)]
    email: String,
    /// 8 to 128 characters, not easy to guess.
    #[schema(format = Password)]
    password: String,
    #[serde(default)]
    name: String,
    /// en, fr, de or it; absent: from `Accept-Language`.
    language: Option<Lang>,
    /// The token of the invitation link (`/invitations/{token}`) the person
    /// signs up through: when it invites this address, the account gets no
    /// personal organisation, since they came to join one (ACC-7).
    #[serde(default)]
    invitation: Option<String>,
}

/// Sign up (ACC-1, ACC-7).
///
/// The address gets a link to confirm it. The answer is the same whether
/// or not the address already has an account (its owner gets a mail saying
/// so), so it cannot be used to find out; a new account also gets a
/// personal organisation. `language` defaults to `Accept-Language`.
#[utoipa::path(post, path = "/api/1/signup", tag = "sign-up",
    request_body = SignUpRequest,
    responses((status = 202, description = "Accepted; the same answer for every valid address", body = Success<Message>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `required`, `invalid_email`, `invalid_name`, `password_too_short`, `password_too_long`, `password_too_weak`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Too many requests for this address or from yours (`too_many_requests`)", body = ErrorBody)))]
pub async fn sign_up(
    State(state): State<AppState>,
    Meta(meta): Meta,
    ClientLang(lang): ClientLang,
    ApiJson(body): ApiJson<SignUpRequest>,
) -> Result<ApiOk<Message>, ApiError> {
    let input = SignUp {
        email: &body.email,
        password: &body.password,
        name: &body.name,
        language: body.language.unwrap_or(lang),
        invitation: body.invitation.as_deref(),
    };
    accounts::sign_up(&state.ctx, input, &meta).await?;
    Ok(accepted(SIGNED_UP))
}

pub(super) fn accepted(message: &'static str) -> ApiOk<Message> {
    ApiOk(StatusCode::ACCEPTED, Message { message })
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkToken {
    /// The `token` parameter of the link in the mail.
    token: String,
}

/// Which address a verification link confirmed.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AddressKind {
    /// The login address (after sign-up).
    Login,
    /// The recovery address (ACC-3).
    Recovery,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Verified {
    pub address: AddressKind,
}

/// Follow a verification link.
///
/// It confirms the login address after sign-up, or a new recovery address
/// (ACC-3). Each link works once.
#[utoipa::path(post, path = "/api/1/verify-email", tag = "sign-up",
    request_body = LinkToken,
    responses((status = 200, description = "The address is confirmed", body = Success<Verified>),
              (status = 400, description = "The link is invalid, used or expired (`invalid_link`), or the body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "A field is missing (`validation_failed`)", body = ErrorBody)))]
pub async fn verify_email(
    State(state): State<AppState>,
    Meta(meta): Meta,
    ApiJson(body): ApiJson<LinkToken>,
) -> Result<ApiOk<Verified>, ApiError> {
    let address = match accounts::verify_email(&state.ctx, &body.token, &meta).await? {
        VerifiedAddress::Login => AddressKind::Login,
        VerifiedAddress::Recovery => AddressKind::Recovery,
    };
    Ok(ApiOk::ok(Verified { address }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddressOnly {
    #[schema(format = Email)]
    pub(super) email: String,
}

/// Send the sign-up verification link again.
///
/// The same answer whatever the address (ACC-1); older links stop
/// working.
#[utoipa::path(post, path = "/api/1/verify-email/resend", tag = "sign-up",
    request_body = AddressOnly,
    responses((status = 202, description = "Accepted; the same answer for every valid address", body = Success<Message>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `required`, `invalid_email`)", body = ErrorBody),
              (status = 429, description = "Too many requests for this address or from yours (`too_many_requests`)", body = ErrorBody)))]
pub async fn resend_verification(
    State(state): State<AppState>,
    Meta(meta): Meta,
    ApiJson(body): ApiJson<AddressOnly>,
) -> Result<ApiOk<Message>, ApiError> {
    accounts::resend_verification(&state.ctx, &body.email, &meta).await?;
    Ok(accepted(VERIFICATION_SENT))
}

/// Undo a change of the recovery address (ACC-3).
///
/// With the link mailed to the login address and to the old recovery
/// address when it changed: the old setting is back, every session ends,
/// every API token is revoked, and the login address gets a reset link.
/// Each link works once.
#[utoipa::path(post, path = "/api/1/undo-recovery-change", tag = "sign-up",
    request_body = LinkToken,
    responses((status = 204, description = "The change is undone"),
              (status = 400, description = "The link is invalid, used or expired (`invalid_link`), or the body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "A field is missing (`validation_failed`)", body = ErrorBody)))]
pub async fn undo_recovery_change(
    State(state): State<AppState>,
    Meta(meta): Meta,
    ApiJson(body): ApiJson<LinkToken>,
) -> Result<StatusCode, ApiError> {
    accounts::undo_recovery_change(&state.ctx, &body.token, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}
