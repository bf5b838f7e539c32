//! What every page of one organisation shows above its content: its name,
//! the viewer's role, and the tabs the viewer may open.

use guichet_core::catalog::cart;
use guichet_core::ids::OrgId;
use guichet_core::orgs::{self, OrgView, Role};

use super::{
    super::{Shell, errors::PageError, visitor::SignedIn},
    allowed::Allowed,
};
use crate::AppState;

/// A tab of an organisation's pages.
pub struct Tab {
    pub href: String,
    pub label: String,
    pub testid: &'static str,
    pub current: bool,
}

pub struct OrgFrame {
    pub id: OrgId,
    pub name: String,
    pub role_label: String,
    pub role: Role,
    /// What the viewer may see and do here.
    pub allowed: Allowed,
    pub tabs: Vec<Tab>,
    /// The viewer's cart, for those who may order: its number of lines,
    /// and that said in words for screen readers.
    pub cart: Option<(u64, String)>,
}

impl OrgFrame {
    pub fn of(shell: &Shell, org: &OrgView, allowed: Allowed) -> Self {
        let base = format!("/orgs/{}", org.id);
        let mut tabs = vec![("", "overview")];
        if allowed.members {
            tabs.extend([("/members", "members"), ("/teams", "teams")]);
        }
        // What the organisation holds and buys, by the billing tabs: every
        // member sees the products their rights open, and the shop (its
        // order controls only with the pay right); orders are money.
        tabs.extend([("/products", "products"), ("/shop", "shop")]);
        if allowed.billing {
            // REN-3: what to renew, beside what is held and bought.
            tabs.extend([("/orders", "orders"), ("/renewals", "renewals")]);
        }
        if allowed.billing {
            tabs.extend([
                ("/billing", "billing"),
                ("/invoices", "invoices"),
                ("/payments", "payments"),
            ]);
        }
        if allowed.audit {
            tabs.push(("/audit", "audit"));
        }
        let path = shell.path.split('?').next().unwrap_or_default();
        let tabs = tabs
            .into_iter()
            .map(|(suffix, testid)| {
                let href = format!("{base}{suffix}");
                let current = if suffix.is_empty() {
                    path == href
                } else {
                    path == href || path.starts_with(&format!("{href}/"))
                };
                Tab {
                    label: shell.t(&format!("org-tab-{testid}")),
                    href,
                    testid,
                    current,
                }
            })
            .collect();
        Self {
            id: org.id.clone(),
            name: org.name.clone(),
            role_label: shell.role_label(org.role),
            role: org.role,
            allowed,
            tabs,
            cart: None,
        }
    }

    /// The frame of `org_id` for this viewer: 404 if they are no member.
    /// Every handler of an organisation's pages starts here, posts
    /// included, before it reads the form.
    pub async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: &Shell,
        org_id: &OrgId,
    ) -> Result<(Self, OrgView), PageError> {
        let org = orgs::get_org(&state.ctx, &s.actor, org_id).await?;
        let mut frame = Self::of(shell, &org, Allowed::of(&org, None));
        if frame.allowed.pay {
            let n = cart::count(&state.ctx, &s.actor, org_id).await?;
            frame.cart = Some((n, shell.t_count("shop-cart-lines", "count", n)));
        }
        Ok((frame, org))
    }

    pub fn on_overview(&self) -> bool {
        self.tabs.first().is_some_and(|t| t.current)
    }

    pub fn path(&self, rest: &str) -> String {
        format!("/orgs/{}{rest}", self.id)
    }
}
