//! What the viewer may see and do on an organisation's pages: the one
//! place the console decides which tabs, forms and buttons to show.
//!
//! The services decide (`access::check`) and refuse what is not allowed;
//! this only spares people a door that would answer 403, or a button that
//! can only be refused. Today it reads the viewer's role and rights from
//! the organisation's view; when the core's views carry the actions the
//! caller may take (`Standing::permits`), [`Allowed::of`] becomes a reading
//! of those and nothing else here changes.

use guichet_core::orgs::{MemberView, OrgView, Right, RightSet, Role};

/// Every "may the viewer…" of the organisation pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Allowed {
    /// See the settings (ORG-1: admins, or the `settings` right).
    pub settings: bool,
    /// Change the settings (ORG-1: admins).
    pub change_settings: bool,
    /// See the members and teams (admins, or the `members` right).
    pub members: bool,
    /// Invite, change rights, manage teams (ORG-2, ORG-3, ORG-4: admins).
    pub manage_members: bool,
    /// Remove members: as `manage_members`, and someone can be removed
    /// (the legal representative never is). Known on the members page.
    pub remove_members: bool,
    /// See the pending invitations (admins).
    pub invitations: bool,
    /// See billing (admins, or any billing right).
    pub billing: bool,
    /// Add, change, delete billing addresses (ORG-7: admins).
    pub manage_addresses: bool,
    /// Read the audit log (OPS-5: admins).
    pub audit: bool,
    /// Leave (ORG-5). Not the legal representative, who cannot leave and
    /// hands over first (ORG-6); other refusals (the last owner…) need
    /// the whole organisation, and are said when asked.
    pub leave: bool,
    /// Name an owner to take over the legal representative's role (ORG-6).
    pub hand_over: bool,
}

impl Allowed {
    /// What the viewer of `org` may do; `members`, when the page lists
    /// them, decides the buttons that depend on who they are.
    pub fn of(org: &OrgView, members: Option<&[MemberView]>) -> Self {
        let roles: Option<Vec<Role>> = members.map(|ms| ms.iter().map(|m| m.role).collect());
        Self::decide(org.role, &org.rights, roles.as_deref())
    }

    /// The rules, from the viewer's role and effective rights, and the
    /// roles of the members listed.
    fn decide(role: Role, rights: &[String], members: Option<&[Role]>) -> Self {
        let rights = RightSet::from_stored(rights.iter().map(String::as_str));
        let admin = role.is_admin();
        let legal = role == Role::LegalRepresentative;
        Self {
            settings: admin || rights.has(&Right::Settings),
            change_settings: admin,
            members: admin || rights.has(&Right::Members),
            manage_members: admin,
            remove_members: admin
                && members.is_some_and(|roles| roles.iter().any(|r| removable(*r))),
            invitations: admin,
            billing: admin || rights.can_view_billing(),
            manage_addresses: admin,
            audit: admin,
            leave: !legal,
            hand_over: legal,
        }
    }
}

/// Can a member of this role be removed by an admin? The legal
/// representative hands over first (ORG-3, ORG-6).
pub fn removable(role: Role) -> bool {
    role != Role::LegalRepresentative
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(role: Role, rights: &[&str], members: Option<&[Role]>) -> Allowed {
        let rights: Vec<String> = rights.iter().map(|r| (*r).to_string()).collect();
        Allowed::decide(role, &rights, members)
    }

    #[test]
    fn the_legal_representative_is_not_offered_to_leave_but_to_hand_over() {
        // proves: ORG-5, ORG-6
        let legal = of(Role::LegalRepresentative, &[], None);
        assert!(!legal.leave && legal.hand_over && legal.manage_members);
        let owner = of(Role::Owner, &[], None);
        assert!(owner.leave && !owner.hand_over && owner.audit);
        let user = of(Role::User, &[], None);
        assert!(user.leave && !user.members && !user.billing && !user.settings);
    }

    #[test]
    fn removing_members_is_offered_only_when_someone_can_be_removed() {
        // proves: ORG-3
        let alone = [Role::LegalRepresentative];
        assert!(!of(Role::LegalRepresentative, &[], Some(&alone)).remove_members);
        let two = [Role::LegalRepresentative, Role::User];
        assert!(of(Role::LegalRepresentative, &[], Some(&two)).remove_members);
        assert!(!of(Role::LegalRepresentative, &[], None).remove_members);
        let a = of(Role::User, &["members"], Some(&two));
        assert!(a.members && !a.remove_members && !a.manage_members);
    }

    #[test]
    fn rights_open_their_pages_and_nothing_more() {
        // proves: ORG-1, ORG-2
        let a = of(Role::User, &["billing:pay", "settings"], None);
        assert!(a.billing && a.settings);
        assert!(!a.manage_addresses && !a.change_settings && !a.audit && !a.invitations);
    }
}
