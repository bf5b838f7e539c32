//! API tokens (API-1) and the API rate limit (API-3): the hot path of an
//! API call in one place.
//!
//! - API-1 tokens: named, scoped, expiring, revocable, stored hashed
//!   (`manage`); unused for a year, deactivated (`sweeps`).
//! - API-3 60 requests per minute per token (`ratelimit`), counted by the
//!   batched lookup that authenticates the call (`authenticate`, ADR 0007).
//!
//! This area writes `api_tokens` and `rate_limits`.

mod authenticate;
mod manage;
pub mod ratelimit;
pub mod store;
mod sweeps;

pub use authenticate::{TokenAuth, TokenCall, TokenCalls, TokenLookup, authenticate_token};
pub(crate) use manage::revoke_tokens_of;
pub use manage::{
    CreateToken, CreatedToken, TokenStatus, TokenView, create_token, list_tokens, revoke_token,
};
pub use sweeps::{deactivate_unused_tokens, sweeps};

use crate::accounts::new_secret;

/// The longest API token name, in characters.
pub const TOKEN_NAME_MAX: usize = 100;

/// API tokens look like `gch_<43 characters>`; the first 8 after the prefix
/// are shown in lists so a user can tell them apart.
pub const TOKEN_PREFIX: &str = "gch_";

pub fn new_api_token() -> String {
    format!("{TOKEN_PREFIX}{}", new_secret())
}

pub fn token_display_prefix(token: &str) -> String {
    token.chars().take(TOKEN_PREFIX.len() + 8).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_their_shape() {
        let t = new_api_token();
        assert!(t.starts_with("gch_") && t.len() == 47, "{t}");
        assert_eq!(token_display_prefix(&t).len(), 12);
    }
}
