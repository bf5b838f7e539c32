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
