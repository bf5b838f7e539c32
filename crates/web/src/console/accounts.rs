//! Console pages of accounts: sign-up, sign-in, sign-out, verification,
//! password reset, profile, security (sessions and log), API tokens.

use axum::Router;

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
