//! What billing needs of an organisation, through the owner of its tables
//! (issue 10: an area writes only its own tables). Each function takes the
//! caller's connection, so it runs inside billing's issuing transaction.

use super::store::{self, AddressRow, OrgRow};
use crate::{
    db::Conn,
    error::{Error, Result},
    money::Currency,
    sql,
};

/// The organisation as billing reads it (name, language, currency,
/// country, kind, VAT number), or `None`.
pub async fn org_for_billing(c: Conn<'_>, org_id: &str) -> Result<Option<OrgRow>> {
    store::org(c, org_id).await
}

/// The address an invoice goes to: the given one if it is the org's, else
/// the org's default. `None` if the org has none (or the given one is not
/// its own: another org's address is never used).
pub async fn invoice_address(
    c: Conn<'_>,
    org_id: &str,
    address_id: Option<&str>,
) -> Result<Option<AddressRow>> {
    match address_id {
        Some(id) => store::address(c, org_id, id).await,
        None => Ok(store::addresses(c, org_id)
            .await?
            .into_iter()
            .find(|a| a.is_default)),
    }
}

/// BIL-1: invoices are in the org's currency, which locks at the first
/// issued invoice. Called in the
/// issuing transaction: refuses (409 `currency_mismatch`) an invoice in
/// another currency than the org's, and stamps the first invoice's time
/// once, so that the org's settings refuse a currency change afterwards.
pub async fn lock_currency(
    mut c: Conn<'_>,
    org_id: &str,
    currency: Currency,
    now: i64,
) -> Result<()> {
    let stamped = sql!(
        c.reborrow(),
        execute,
        "UPDATE orgs SET first_invoice_at = COALESCE(first_invoice_at, $1) WHERE id = $2 AND currency = $3",
        now,
        org_id,
        currency.code()
    )?;
    if stamped == 1 {
        return Ok(());
    }
    Err(Error::Conflict {
        code: "currency_mismatch",
        description: "The invoice's currency is not the organisation's; make a new draft.".into(),
    })
}

/// What billing needs of one organisation in a sweep's batch: its row,
/// its billing addresses and its billing contacts (legal
/// representatives and owners, in [`crate::payments::reminders`]' order).
#[derive(Debug, Clone)]
pub struct Billed {
    pub org: OrgRow,
    pub addresses: Vec<AddressRow>,
    pub contacts: Vec<String>,
}

impl Billed {
    /// [`invoice_address`] from what was read.
    pub fn address(&self, id: Option<&str>) -> Option<&AddressRow> {
        match id {
            Some(id) => self.addresses.iter().find(|a| a.id.as_str() == id),
            None => self.addresses.iter().find(|a| a.is_default),
        }
    }
}

/// [`Billed`] of several orgs in three queries, by org id (an org that
/// does not exist is missing).
pub async fn billed_orgs(
    mut c: Conn<'_>,
    ids: &[&str],
) -> Result<std::collections::HashMap<String, Billed>> {
    let json = serde_json::to_string(ids)?;
    let mut out: std::collections::HashMap<String, Billed> = store::orgs_in(c.reborrow(), &json)
        .await?
        .into_iter()
        .map(|org| {
            (
                org.id.to_string(),
                Billed {
                    org,
                    addresses: Vec::new(),
                    contacts: Vec::new(),
                },
            )
        })
        .collect();
    for a in store::addresses_in(c.reborrow(), &json).await? {
        if let Some(b) = out.get_mut(a.org_id.as_str()) {
            b.addresses.push(a);
        }
    }
    for (org, email) in store::contacts_in(c, &json).await? {
        if let Some(b) = out.get_mut(&org) {
            b.contacts.push(email);
        }
    }
    Ok(out)
}

/// [`lock_currency`] for orgs whose currency the caller read in its
/// transaction (a bulk issue): their first invoice's time stamped.
pub async fn stamp_first_invoices(c: Conn<'_>, ids: &[&str], now: i64) -> Result<()> {
    store::stamp_first_invoices(c, &serde_json::to_string(ids)?, now).await
}
