//! The charges of auto-renewal (REN-1, REN-2): `renewals.charges` charges
//! the stored method of each open auto-renewal whose day (`charge_on`)
//! has come, the first `charge_days_before[0]` days before expiry, again
//! on each later day of the schedule after a failure, the owners told
//! each time with a link to pay by hand.
//!
//! An attempt is claimed by a conditional update (attempt number and day)
//! in the transaction that records the payment, which holds the invoice:
//! two sweeps cannot both charge, and a customer paying by hand meanwhile
//! is told a payment is in flight. The gateway is called after the commit
//! with the payment's id as its idempotency key (ADR 0012); an unanswered
//! call is asked again by `payments.expire`. A payment that captures
//! after the invoice was paid some other way goes to the prepaid account
//! (the payments area), so a period is never paid for twice.

use jiff::civil::Date;

use super::{
    dates, renew,
    store::{self, RenewalRow},
};
use crate::{
    Ctx, catalog,
    error::{Error, Result},
    ids::InvoiceId,
    jobs::SweepReport,
    payments::{self, pay},
};

const BATCH: i64 = 100;

/// The `renewals.charges` sweep.
pub async fn run(ctx: &Ctx) -> Result<SweepReport> {
    let today = ctx.today();
    let today_text = today.to_string();
    let mut report = SweepReport::default();
    let (mut after_on, mut after_id) = (String::new(), String::new());
    loop {
        let batch = {
            let mut c = ctx.db.acquire().await?;
            store::charges_due(c.conn(), &today_text, &after_on, &after_id, BATCH).await?
        };
        let Some(last) = batch.last() else {
            return Ok(report);
        };
        after_on = last.charge_on.clone().unwrap_or_default();
        after_id = last.id.to_string();
        let full = batch.len() as i64 == BATCH;
        for r in &batch {
            match charge(ctx, r, today).await {
                Ok(true) => report.done += 1,
                Ok(false) => {}
                Err(e) => {
                    tracing::warn!(renewal = %r.id, error = %e, "renewal charge failed to run; retried next pass");
                    report.failed += 1;
                }
            }
        }
        if !full {
            return Ok(report);
        }
    }
}

/// The day of the attempt after one made `today`, on the schedule before
/// `expires`; None after the last.
pub fn next_charge_day(schedule: &[u32], expires: Date, today: Date) -> Option<Date> {
    schedule
        .iter()
        .filter_map(|d| dates::days_before(expires, i64::from(*d)))
        .find(|day| *day > today)
}

/// Make the due attempt of renewal `r`: whether a charge was sent.
async fn charge(ctx: &Ctx, r: &RenewalRow, today: Date) -> Result<bool> {
    let Some(charge_on) = r.charge_on.clone() else {
        return Ok(false);
    };
    let invoice_id = InvoiceId::from_stored(r.invoice_id.clone());
    let mut tx = ctx.db.begin().await?;
    let product = catalog::store::product(tx.conn(), &r.org_id, r.product_id.as_str()).await?;
    let invoice = crate::billing::store::invoice(tx.conn(), &invoice_id)
        .await?
        .ok_or(Error::NotFound)?;
    // Switched off, no method, no longer this period, or paid already:
    // no more charges for this renewal.
    let method = product.as_ref().and_then(|p| {
        (p.auto_renew
            && p.status == "active"
            && p.expires_on.as_deref() == Some(r.from_expires_on.as_str()))
        .then(|| p.payment_method_id.clone())
        .flatten()
    });
    let method = match method {
        Some(m) if matches!(invoice.status.as_str(), "issued" | "partially_paid") => {
            payments::store::org_method(tx.conn(), r.org_id.as_str(), &m).await?
        }
        _ => None,
    };
    let Some(method) = method else {
        store::stop_charging(tx.conn(), &r.id).await?;
        tx.commit().await?;
        return Ok(false);
    };
    if payments::store::holding(tx.conn(), &r.invoice_id)
        .await?
        .is_some()
    {
        // A payment is under way (the customer's, or an earlier charge
        // not yet answered): its outcome decides; the next pass looks
        // again.
        return Ok(false);
    }
    let expires: Date = r
        .from_expires_on
        .parse()
        .map_err(|e| Error::Internal(format!("renewals: expiry {}: {e}", r.from_expires_on)))?;
    let next = next_charge_day(&ctx.config.renewals.charge_days_before, expires, today)
        .map(|d| d.to_string());
    if !store::claim_charge(
        tx.conn(),
        &r.id,
        r.charge_attempts,
        &charge_on,
        next.as_deref(),
    )
    .await?
    {
        return Ok(false);
    }
    let prepared = pay::prepare_off_session(
        tx.conn(),
        ctx,
        &r.org_id,
        &invoice_id,
        method.id.as_str(),
        "renewals",
    )
    .await?;
    tx.commit().await?;
    let attempt = r.charge_attempts + 1;
    metrics::counter!("guichet_renewal_charges_total").increment(1);
    let payment = pay::send_off_session(ctx, prepared).await?;
    if payment.status == "failed" {
        metrics::counter!("guichet_renewal_charge_failures_total").increment(1);
        told_of_failure(ctx, r, attempt, next.as_deref(), &payment).await?;
    }
    Ok(true)
}

/// Tell the owners attempt `attempt` failed, once: when the next attempt
/// comes, or that none will, and the link to pay by hand.
async fn told_of_failure(
    ctx: &Ctx,
    r: &RenewalRow,
    attempt: i32,
    next: Option<&str>,
    payment: &payments::PaymentView,
) -> Result<()> {
    let mut tx = ctx.db.begin().await?;
    if !store::insert_notice(
        tx.conn(),
        &r.product_id,
        &r.org_id,
        &r.from_expires_on,
        &format!("charge-failed-{attempt}"),
        &ctx.today().to_string(),
        ctx.clock.now().as_millisecond(),
    )
    .await?
    {
        return Ok(());
    }
    let name = catalog::store::product(tx.conn(), &r.org_id, r.product_id.as_str())
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    renew::tell(
        tx.conn(),
        ctx,
        r.org_id.as_str(),
        "renewal_charge_failed",
        vec![
            ("product", name),
            ("expires", r.from_expires_on.clone()),
            (
                "reason",
                payment
                    .failure
                    .as_ref()
                    .map_or_else(|| "declined".into(), |f| f.message.clone()),
            ),
            ("next", next.unwrap_or("none").to_owned()),
            (
                "url",
                renew::invoice_url(ctx, r.org_id.as_str(), &r.invoice_id),
            ),
        ],
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn retries_follow_the_schedule_and_stop_after_the_last() {
        // proves: REN-2
        let schedule = [14, 10, 7, 3, 1];
        let expires = date(2026, 6, 30);
        assert_eq!(
            next_charge_day(&schedule, expires, date(2026, 6, 16)),
            Some(date(2026, 6, 20))
        );
        assert_eq!(
            next_charge_day(&schedule, expires, date(2026, 6, 27)),
            Some(date(2026, 6, 29))
        );
        assert_eq!(next_charge_day(&schedule, expires, date(2026, 6, 29)), None);
        // Invoiced late (ordered 5 days before expiry): the retries left.
        assert_eq!(
            next_charge_day(&schedule, expires, date(2026, 6, 25)),
            Some(date(2026, 6, 27))
        );
    }
}
