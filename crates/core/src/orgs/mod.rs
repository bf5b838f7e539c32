//! Organisations: the customer entities that own products and pay invoices.
//!
//! - ACC-7 a user who signs up alone gets a personal organisation of which
//!   they are the legal representative.

pub mod store;

use crate::{Ctx, db::Conn, error::Result, i18n::Lang, ids, outbox::reborrow};

/// Roles in an organisation (ORG-1).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Exactly one per organisation.
    LegalRepresentative,
    /// Administrators, any number.
    Owner,
    /// Restricted users.
    User,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::LegalRepresentative => "legal_representative",
            Role::Owner => "owner",
            Role::User => "user",
        }
    }
}

/// ACC-7: the personal organisation made at sign-up, in the provider's
/// default country and currency.
pub async fn create_personal_org(
    mut c: Conn<'_>,
    ctx: &Ctx,
    user_id: &str,
    name: &str,
    language: Lang,
) -> Result<String> {
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let org = store::OrgRow {
        id: ids::new_id("org", now),
        name: name.to_string(),
        kind: "individual".into(),
        country: ctx.config.default_country.clone(),
        language: language.code().to_string(),
        currency: ctx.config.default_currency.clone(),
        vat_number: None,
        created_at: ms,
        updated_at: ms,
    };
    store::insert_org(reborrow(&mut c), &org).await?;
    store::insert_member(c, &org.id, user_id, Role::LegalRepresentative, ms).await?;
    Ok(org.id)
}
