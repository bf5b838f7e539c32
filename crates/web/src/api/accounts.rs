//! API of accounts: profile, security log, sessions, tokens, newsletters
//! (ACC-3…ACC-5, SEC-5, API-1), and the anonymous sign-up and password
//! reset flows (API-5: what the console does, the API does).

use axum::{Router, extract::State, middleware, routing::get};
use guichet_core::accounts::{self, ProfileView};

use super::{ApiError, ApiOk};
use crate::{
    AppState,
    auth::{self, ApiActor},
};

pub fn routes(state: &AppState) -> Router<AppState> {
    let with_token = Router::new()
        .route("/profile", get(get_profile))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ));
    Router::new().merge(with_token)
}

/// The caller's profile (ACC-3, ACC-4). Scope `profile:read`.
#[utoipa::path(get, path = "/api/1/profile", tag = "profile", security(("bearer" = ["profile:read"])),
    responses((status = 200, description = "The profile", body = ProfileView),
              (status = 401, description = "No valid token", body = super::envelope::ErrorBody),
              (status = 403, description = "The token lacks the scope", body = super::envelope::ErrorBody),
              (status = 429, description = "Over 60 requests this minute", body = super::envelope::ErrorBody)))]
pub async fn get_profile(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<ApiOk<ProfileView>, ApiError> {
    Ok(ApiOk::ok(accounts::get_profile(&state.ctx, &actor).await?))
}
