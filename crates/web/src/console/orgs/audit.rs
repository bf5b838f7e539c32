//! OPS-5: the log of every change of an organisation, newest first,
//! filtered by the kind of action and by who acted (admins). Entries name
//! people, teams, addresses and invitations as people know them, never by
//! an internal id.

use guichet_core::ids::OrgId;
use std::collections::{BTreeMap, BTreeSet};

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};
use guichet_core::{
    audit::{self, AuditEventView},
    i18n::Lang,
    orgs::{self, MemberView, Role},
};
use serde::Deserialize;
use serde_json::Value;

use super::{
    super::{Shell, display_name, errors::PageError, notice::Ids, render, visitor::SignedIn},
    frame::OrgFrame,
    rights::{Products, right_label},
};
use crate::AppState;

const AUDIT_PER_PAGE: u64 = 20;
/// The action groups the filter offers (prefixes of the actions).
const AUDIT_GROUPS: [&str; 9] = [
    "org.",
    "member.",
    "invitation.",
    "team.",
    "address.",
    "handover.",
    "payment.",
    "order.",
    "product.",
];

#[derive(Deserialize)]
pub struct AuditQuery {
    page: Option<String>,
    action: Option<String>,
    actor: Option<String>,
}

/// One changed field: its name, and its value before and after.
pub struct ChangeLine {
    field: String,
    before: Option<String>,
    after: Option<String>,
}

pub struct AuditItem {
    when: String,
    when_iso: String,
    actor: String,
    behalf: String,
    action: String,
    label: String,
    target: String,
    changes: Vec<ChangeLine>,
    ip: String,
}

pub struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "orgs/audit.html")]
pub struct AuditPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    items: Vec<AuditItem>,
    actions: Vec<Choice>,
    actors: Vec<Choice>,
    page: u64,
    pages: u64,
    /// The filter as a query string, for the pager's links.
    filter_query: String,
}

impl AuditPage {
    fn page_of(&self) -> String {
        self.shell.t_args(
            "log-page-of",
            &[
                ("page", self.page.to_string()),
                ("pages", self.pages.to_string()),
            ],
        )
    }

    fn page_href(&self, page: u64) -> String {
        format!(
            "{}?page={page}{}",
            self.org.path("/audit"),
            self.filter_query
        )
    }
}

/// What the log knows of the ids its entries name: people by their
/// addresses, invitations by the address invited.
struct Names<'a> {
    shell: &'a Shell,
    products: Products,
    people: BTreeMap<String, String>,
    invitations: BTreeMap<String, String>,
}

impl<'a> Names<'a> {
    /// From the members, the pending invitations and the entries of the
    /// page themselves (those who joined or left, invitations made).
    fn new(
        shell: &'a Shell,
        members: &[MemberView],
        invitations: &[orgs::InvitationView],
        events: &[AuditEventView],
    ) -> Self {
        let mut people: BTreeMap<String, String> = BTreeMap::new();
        let mut invited: BTreeMap<String, String> = BTreeMap::new();
        for e in events {
            if !e.actor_email.is_empty() {
                people.insert(e.actor_user_id.to_string(), e.actor_email.clone());
            }
            let email = field(e, "email");
            match (e.target.split_once(':'), email) {
                (Some(("user", user)), Some(email)) => {
                    // Someone who joined: the entry names the invitation too.
                    if let Some(inv) = field(e, "invitation") {
                        invited.insert(inv, email.clone());
                    }
                    people.insert(user.to_string(), email);
                }
                (Some(("invitation", id)), Some(email)) => {
                    invited.insert(id.to_string(), email);
                }
                _ => {}
            }
        }
        for i in invitations {
            invited.insert(i.id.to_string(), i.email.clone());
        }
        // By address, as the log names everyone: members and people gone alike.
        for m in members {
            people.insert(m.user_id.to_string(), m.email.clone());
        }
        Self {
            shell,
            products: Products::of_org(),
            people,
            invitations: invited,
        }
    }

    fn unknown(&self) -> String {
        self.shell.t("audit-name-unknown")
    }

    fn person(&self, id: &str) -> String {
        self.people
            .get(id)
            .cloned()
            .unwrap_or_else(|| self.unknown())
    }

    fn invitation(&self, id: &str) -> String {
        self.invitations
            .get(id)
            .cloned()
            .unwrap_or_else(|| self.unknown())
    }

    /// A value of an entry as people read it: roles, kinds, languages and
    /// rights by their names, people by their addresses.
    fn value(&self, field: &str, v: &Value) -> String {
        let shell = self.shell;
        match (field, v) {
            ("role", Value::String(r)) => {
                Role::parse(r).map_or_else(|| r.clone(), |r| shell.role_label(r))
            }
            ("kind", Value::String(k)) => shell.t_or(&format!("org-kind-{k}"), k),
            ("language", Value::String(l)) => {
                Lang::parse(l).map_or_else(|| l.clone(), |l| l.native_name().to_string())
            }
            ("legal_representative", Value::String(u)) => self.person(u),
            ("amount", v @ Value::Object(_)) => {
                money_of(v).map_or_else(|| v.to_string(), |m| shell.money(m))
            }
            ("method", Value::String(m)) => {
                shell.t_or(&format!("payments-method-{}", m.replace('_', "-")), m)
            }
            ("purpose", Value::String(p)) => {
                shell.t_or(&format!("payments-purpose-{}", p.replace('_', "-")), p)
            }
            ("invitation", Value::String(i)) => self.invitation(i),
            ("rights", Value::Array(items)) if items.is_empty() => shell.t("rights-none"),
            ("rights", Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .map(|r| right_label(shell, &self.products, r))
                .collect::<Vec<_>>()
                .join(", "),
            ("members", Value::Array(items)) if items.is_empty() => shell.t("audit-nobody"),
            ("members", Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .map(|u| self.person(u))
                .collect::<Vec<_>>()
                .join(", "),
            (_, Value::Bool(b)) => shell.t(if *b { "audit-yes" } else { "audit-no" }),
            (_, Value::String(s)) => s.clone(),
            (_, Value::Array(items)) => items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(", "),
            (_, other) => other.to_string(),
        }
    }

    /// What an entry changed, field by field: unchanged fields left out, a
    /// creation shows its values, a removal what was there.
    fn changes(&self, e: &AuditEventView) -> Vec<ChangeLine> {
        let empty = serde_json::Map::new();
        let before = e
            .before
            .as_ref()
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let after = e
            .after
            .as_ref()
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let keys: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
        keys.into_iter()
            .filter_map(|k| {
                let b = before.get(k).filter(|v| !v.is_null());
                let a = after.get(k).filter(|v| !v.is_null());
                if b == a {
                    return None;
                }
                Some(ChangeLine {
                    field: self
                        .shell
                        .t_or(&format!("audit-field-{}", k.replace('_', "-")), k),
                    before: b.map(|v| self.value(k, v)),
                    after: a.map(|v| self.value(k, v)),
                })
            })
            .collect()
    }

    /// What an entry is about: "Member ada@…", "Team Sales", by what the
    /// entry itself or the names known say; an id is never shown.
    fn target(&self, org: &OrgFrame, e: &AuditEventView) -> String {
        let Some((kind, id)) = e.target.split_once(':') else {
            return self.unknown();
        };
        let name = match kind {
            "org" if org.id == id => Some(org.name.clone()),
            "user" => Some(self.person(id)),
            "team" | "address" | "method" => field(e, "name"),
            "payment" | "order" => e
                .after
                .as_ref()
                .and_then(|v| money_of(v.get("amount")?))
                .map(|m| self.shell.money(m)),
            "invitation" => field(e, "email").or_else(|| Some(self.invitation(id))),
            _ => None,
        };
        self.shell.t1(
            &format!("audit-target-{kind}"),
            "name",
            name.unwrap_or_else(|| self.unknown()),
        )
    }

    fn item(&self, org: &OrgFrame, e: AuditEventView) -> AuditItem {
        let shell = self.shell;
        let action = e.action.to_string();
        AuditItem {
            when: shell.datetime(e.created_at),
            when_iso: shell.iso(e.created_at),
            actor: self.person(&e.actor_user_id),
            behalf: shell.t_or(
                &format!("audit-behalf-{}", e.on_behalf.replace('_', "-")),
                &e.on_behalf,
            ),
            label: shell.t_or(
                &format!("audit-action-{}", action.replace(['.', '_'], "-")),
                &action,
            ),
            target: self.target(org, &e),
            changes: self.changes(&e),
            ip: e.ip.clone(),
            action,
        }
    }
}

/// An amount as the log keeps it (`{"amount": "108.10", "currency": "CHF"}`).
fn money_of(v: &Value) -> Option<guichet_core::money::Money> {
    serde_json::from_value(v.clone()).ok()
}

/// A text field of an entry, after the change or else before it.
fn field(e: &AuditEventView, key: &str) -> Option<String> {
    e.after
        .as_ref()
        .and_then(|v| v.get(key))
        .or_else(|| e.before.as_ref().and_then(|v| v.get(key)))
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// OPS-5: the log of every change, newest first, filtered by the kind of
/// action and by who acted (admins).
pub async fn page(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    Query(q): Query<AuditQuery>,
) -> Result<Response, PageError> {
    let ctx = &state.ctx;
    let shell = Shell::of(&state, &s.visitor);
    let (org, _) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let filter = audit::Filter {
        action: q.action.filter(|a| AUDIT_GROUPS.contains(&a.as_str())),
        actor_user_id: q.actor.filter(|a| !a.is_empty()),
        ..audit::Filter::default()
    };
    // A page number that does not parse shows the first page.
    let page = q
        .page
        .and_then(|p| p.parse::<u64>().ok())
        .unwrap_or(1)
        .clamp(1, 1_000_000);
    let offset = i64::try_from((page - 1) * AUDIT_PER_PAGE).unwrap_or(0);
    let limit = i64::try_from(AUDIT_PER_PAGE).unwrap_or(20);
    let (events, total) = orgs::audit_log(ctx, &s.actor, &org_id, &filter, offset, limit).await?;
    let members = orgs::list_members(ctx, &s.actor, &org_id).await?;
    let invitations = orgs::list_invitations(ctx, &s.actor, &org_id).await?;
    let names = Names::new(&shell, &members, &invitations, &events);
    let items = events.into_iter().map(|e| names.item(&org, e)).collect();
    let mut actions = vec![Choice {
        value: String::new(),
        label: shell.t("audit-filter-any-action"),
        selected: filter.action.is_none(),
    }];
    actions.extend(AUDIT_GROUPS.iter().map(|g| Choice {
        value: (*g).to_string(),
        label: shell.t(&format!("audit-group-{}", g.trim_end_matches('.'))),
        selected: filter.action.as_deref() == Some(*g),
    }));
    let mut actors = vec![Choice {
        value: String::new(),
        label: shell.t("audit-filter-anyone"),
        selected: filter.actor_user_id.is_none(),
    }];
    actors.extend(members.iter().map(|m| Choice {
        label: display_name(&m.name, &m.email),
        selected: filter.actor_user_id.as_deref() == Some(m.user_id.as_str()),
        value: m.user_id.to_string(),
    }));
    let filter_query: String = [("action", &filter.action), ("actor", &filter.actor_user_id)]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))
        .map(|(k, v)| {
            format!(
                "&{}",
                serde_urlencoded::to_string([(k, v)]).unwrap_or_default()
            )
        })
        .collect();
    let page = AuditPage {
        heading: shell.t("org-tab-audit"),
        items,
        actions,
        actors,
        page,
        pages: total.div_ceil(AUDIT_PER_PAGE).max(1),
        filter_query,
        org,
        shell,
    };
    Ok(render(StatusCode::OK, &page))
}
