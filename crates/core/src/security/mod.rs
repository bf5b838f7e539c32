//! Security (SEC-*): sign-in, sessions, passwords, brute-force throttling
//! and the security log. Two-factor sign-in (SEC-1…SEC-4) lands here.
//!
//! - SEC-5 brute force is throttled (`throttle`: sign-in, password
//!   confirmations, mail requests) and every sign-in and credential change
//!   is written to the security log (`log`) and mailed.
//! - ACC-1, ACC-3 the password: changed knowing the current one, or reset
//!   through a link (`passwords`).
//!
//! This area writes `sessions`, `security_events` and `throttles`. The
//! password hash is the accounts' (`accounts::store`), the tokens that a
//! reset revokes the tokens' (`tokens::revoke_tokens_of`).

mod log;
mod passwords;
mod sessions;
mod signin;
pub mod store;
pub mod throttle;

pub(crate) use log::log_event;
pub use log::{SecurityEvent, SecurityEventView, security_log};
pub use passwords::{change_password, check_reset_link, request_password_reset, reset_password};
pub(crate) use sessions::end_sessions_of;
pub use sessions::{
    NewSession, SessionInfo, SessionStage, SessionView, authenticate_session, end_session,
    list_sessions, sign_out,
};
pub(crate) use signin::{PasswordCheck, check_password, confirm_password, passed};
pub use signin::{SignInOutcome, sign_in};

/// `accounts.purge`'s part here: ended sessions and idle throttles.
pub(crate) async fn purge_expired(c: crate::db::Conn<'_>, now: i64) -> crate::Result<u64> {
    store::purge_expired(c, now).await
}
