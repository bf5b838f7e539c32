//! The provider's back office (issue 10): staff accounts and roles, staff
//! sessions and staff API tokens, finding a customer, and summaries of an
//! organisation and of a user.
//!
//! - Staff sign in apart from customers (`staff_sessions`, a shorter
//!   life) and call the API with their own tokens (`gcs_…`,
//!   `staff_tokens`); customer sessions and tokens never open the back
//!   office, and staff credentials never act as a customer.
//! - Rights are decided by `access::staff` (roles `support`, `billing`,
//!   `fraud`, `admin`).
//! - Every staff action, reading a customer's data included, is written to
//!   the staff audit log with the staff member as actor (OPS-5).
//! - Summaries never hold a password hash, a token, a session secret or a
//!   link: their view types have no such field.

pub mod service;
pub mod store;

use crate::ids::UserId;
use serde::Serialize;

pub use crate::access::staff::{
    StaffAction, StaffActor, StaffRole, StaffRoleSet, StaffVia, check, permits,
};
pub use service::*;

/// Staff API tokens look like `gcs_<43 characters>`: a prefix apart from
/// customer tokens (`gch_`), so each door refuses the other's at a glance.
pub const STAFF_TOKEN_PREFIX: &str = "gcs_";

/// A staff session lasts at most 8 hours, and 30 minutes without activity:
/// shorter than a customer's, for a credential that reads everyone's data.
pub const SESSION_ABSOLUTE_MS: i64 = 8 * 3_600_000;
pub const SESSION_IDLE_MS: i64 = 30 * 60_000;

/// A staff token lives at most 90 days.
pub const TOKEN_MAX_DAYS: i64 = 90;

/// The longest search text, in characters.
pub const SEARCH_MAX: usize = 254;

/// At most this many hits per kind and page.
pub const SEARCH_PAGE_MAX: u32 = 50;

pub fn new_staff_token() -> String {
    format!("{STAFF_TOKEN_PREFIX}{}", crate::accounts::new_secret())
}

/// A staff member as the back office shows them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StaffMemberView {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    pub roles: Vec<StaffRole>,
}

impl From<&StaffActor> for StaffMemberView {
    fn from(a: &StaffActor) -> Self {
        Self {
            user_id: a.user_id.clone(),
            email: a.email.clone(),
            name: a.name.clone(),
            roles: a.roles.iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn staff_tokens_are_told_apart_from_customer_tokens() {
        let t = super::new_staff_token();
        assert!(t.starts_with("gcs_") && t.len() == 47, "{t}");
        assert!(!t.starts_with(crate::tokens::TOKEN_PREFIX));
    }
}
