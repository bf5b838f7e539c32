//! The staff side of access: which of the provider's staff roles may do
//! what in the back office. Staff are not customers: a staff member acts
//! through a [`StaffActor`] (a staff session or a staff token), never
//! through a customer [`super::Actor`], so a staff credential cannot act as
//! a customer and a customer credential cannot reach the back office.
//!
//! [`permits`] is exhaustive (no `_ =>` arm): a new action or a new role
//! does not compile until it is decided.

use crate::ids::{StaffSessionId, StaffTokenId, UserId};
use std::{collections::BTreeSet, fmt};

use serde::Serialize;

use crate::error::{Error, Result};

/// A role of the provider's staff, apart from customer roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Answers customers: finds them, reads their summaries.
    Support,
    /// Support's reading, plus billing details (refunds, bank credits later).
    Billing,
    /// Support's reading, plus billing details (fraud review later).
    Fraud,
    /// Everything, staff management included.
    Admin,
}

impl StaffRole {
    pub const ALL: [StaffRole; 4] = [
        StaffRole::Support,
        StaffRole::Billing,
        StaffRole::Fraud,
        StaffRole::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Support => "support",
            StaffRole::Billing => "billing",
            StaffRole::Fraud => "fraud",
            StaffRole::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<StaffRole> {
        StaffRole::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for StaffRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The roles a staff member holds. Empty: not staff.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaffRoleSet(BTreeSet<StaffRole>);

impl StaffRoleSet {
    /// From the stored role names; unknown names (a role removed in an
    /// upgrade) grant nothing.
    pub fn from_stored<S: AsRef<str>>(names: &[S]) -> Self {
        Self(
            names
                .iter()
                .filter_map(|n| StaffRole::parse(n.as_ref()))
                .collect(),
        )
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn contains(&self, r: StaffRole) -> bool {
        self.0.contains(&r)
    }
    pub fn iter(&self) -> impl Iterator<Item = StaffRole> + '_ {
        self.0.iter().copied()
    }
    /// May one of these roles do `action`?
    pub fn permits(&self, action: StaffAction) -> bool {
        self.iter().any(|r| permits(r, action))
    }
}

impl FromIterator<StaffRole> for StaffRoleSet {
    fn from_iter<I: IntoIterator<Item = StaffRole>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

/// What a staff member wants to do in the back office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StaffAction {
    /// Find an organisation or a user (address, support code, id, name).
    SearchCustomers,
    /// An organisation's summary: its data and members.
    ViewOrgSummary,
    /// A user's summary: organisations, verified state, dates.
    ViewUserSummary,
    /// An organisation's audit log.
    ViewOrgAudit,
    /// An organisation's billing addresses (billing and fraud work).
    ViewBillingDetails,
    /// Make and revoke one's own staff API tokens.
    ManageOwnStaffTokens,
    /// Read what other staff did (the staff audit log).
    ViewStaffAudit,
    /// Make, edit and issue invoices by hand, and credit them (issue 11).
    IssueInvoices,
    /// Read the catalogue's source and its published versions (CAT-1):
    /// every role, since support quotes what is sold.
    ReadCatalogue,
    /// Publish a new version of the catalogue (CAT-1): what every customer
    /// is sold at which price, so admins only.
    PublishCatalogue,
    /// Import bank statements and assign what they hold that nobody could
    /// be found for (BNK-2, BNK-3): money in, so billing and admins.
    ReconcileBank,
}

impl StaffAction {
    pub const ALL: [StaffAction; 11] = [
        StaffAction::SearchCustomers,
        StaffAction::ViewOrgSummary,
        StaffAction::ViewUserSummary,
        StaffAction::ViewOrgAudit,
        StaffAction::ViewBillingDetails,
        StaffAction::ManageOwnStaffTokens,
        StaffAction::ViewStaffAudit,
        StaffAction::IssueInvoices,
        StaffAction::ReadCatalogue,
        StaffAction::PublishCatalogue,
        StaffAction::ReconcileBank,
    ];
}

/// May `role` do `action`? The one table of staff rights.
pub fn permits(role: StaffRole, action: StaffAction) -> bool {
    use StaffAction as A;
    use StaffRole as R;
    match (role, action) {
        (R::Admin, _) => true,
        (
            R::Support | R::Billing | R::Fraud,
            A::SearchCustomers
            | A::ViewOrgSummary
            | A::ViewUserSummary
            | A::ViewOrgAudit
            | A::ManageOwnStaffTokens
            | A::ReadCatalogue,
        ) => true,
        (R::Billing | R::Fraud, A::ViewBillingDetails) => true,
        (R::Support, A::ViewBillingDetails) => false,
        (R::Support | R::Billing | R::Fraud, A::ViewStaffAudit) => false,
        (R::Billing, A::IssueInvoices) => true,
        (R::Support | R::Fraud, A::IssueInvoices) => false,
        (R::Support | R::Billing | R::Fraud, A::PublishCatalogue) => false,
        (R::Billing, A::ReconcileBank) => true,
        (R::Support | R::Fraud, A::ReconcileBank) => false,
    }
}

/// How the staff member reached us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffVia {
    /// A back-office session (`/staff`).
    Session { session_id: StaffSessionId },
    /// A staff API token (`/api/1/staff/…`).
    Token { token_id: StaffTokenId },
}

impl StaffVia {
    pub fn as_str(&self) -> &'static str {
        match self {
            StaffVia::Session { .. } => "session",
            StaffVia::Token { .. } => "token",
        }
    }
}

/// A staff member acting in the back office: who, with which roles (read
/// afresh at every request, so a removed role stops at once), how, and
/// from where (the staff audit log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffActor {
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    pub roles: StaffRoleSet,
    pub via: StaffVia,
    pub ip: String,
    pub user_agent: String,
}

/// May `actor` do `action`? 403 `forbidden` when none of their roles
/// permits it (the back office is theirs: nothing to hide by a 404).
pub fn check(actor: &StaffActor, action: StaffAction) -> Result<()> {
    if actor.roles.permits(action) {
        Ok(())
    } else {
        Err(Error::forbidden(
            "forbidden",
            "Your staff roles do not allow this.",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_and_every_action_is_decided_as_the_table_says() {
        // proves: OPS-5 // issue 10: support, billing, fraud, admin
        use StaffAction as A;
        let expected = |role: StaffRole, action: StaffAction| match role {
            StaffRole::Admin => true,
            StaffRole::Support => !matches!(
                action,
                A::ViewBillingDetails
                    | A::ViewStaffAudit
                    | A::IssueInvoices
                    | A::PublishCatalogue
                    | A::ReconcileBank
            ),
            StaffRole::Billing => !matches!(action, A::ViewStaffAudit | A::PublishCatalogue),
            StaffRole::Fraud => !matches!(
                action,
                A::ViewStaffAudit | A::IssueInvoices | A::PublishCatalogue | A::ReconcileBank
            ),
        };
        for role in StaffRole::ALL {
            for action in StaffAction::ALL {
                assert_eq!(
                    permits(role, action),
                    expected(role, action),
                    "{role:?} {action:?}"
                );
            }
        }
    }

    #[test]
    fn a_set_permits_what_one_of_its_roles_permits_and_empty_permits_nothing() {
        let none = StaffRoleSet::default();
        assert!(StaffAction::ALL.iter().all(|a| !none.permits(*a)));
        let mixed = StaffRoleSet::from_stored(&["support", "billing", "retired_role"]);
        assert_eq!(
            mixed.iter().collect::<Vec<_>>(),
            [StaffRole::Support, StaffRole::Billing]
        );
        assert!(mixed.permits(StaffAction::ViewBillingDetails));
        assert!(!mixed.permits(StaffAction::ViewStaffAudit));
    }
}
