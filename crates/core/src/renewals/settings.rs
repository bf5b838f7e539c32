//! `[renewals]` in the configuration: the renewal calendar (docs/renewals.md).

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RenewalSettings {
    /// An auto-renewing product's renewal invoice is issued this many days
    /// before its expiry (REN-1).
    pub invoice_days_before: u32,
    /// The stored method is charged this many days before expiry: the
    /// first attempt, then each retry after a failure, the owners told
    /// each time (REN-2). Largest first; the first is 14 by the rule.
    pub charge_days_before: Vec<u32>,
    /// Owners of a product that will expire unless they act are told this
    /// many days before (REN-5).
    pub notice_days_before: Vec<u32>,
    /// An expired product is suspended this many days after its expiry
    /// date (REN-5).
    pub suspend_after_days: u32,
    /// A suspended product is deleted this many days after its expiry date
    /// (the grace period ends), after a notice `deletion_notice_days`
    /// before.
    pub delete_after_days: u32,
    pub deletion_notice_days: u32,
    /// The "to pay" list shows what expires within this many months unless
    /// asked for all (REN-3).
    pub to_pay_months: u32,
    /// Products handled per transaction by the sweep. 2000 by default:
    /// a batch's commit writes every index page it touched, and most of
    /// those are touched again by the next batch, so bigger batches write
    /// far less (measured: 100,000 due on SQLite, 32 s at 500, 17 s at
    /// 2000, no better at 5000). A batch holds SQLite's write lock for
    /// about half a second; other writers wait for it (busy timeout).
    pub batch: u32,
}

impl Default for RenewalSettings {
    fn default() -> Self {
        Self {
            invoice_days_before: 30,
            charge_days_before: vec![14, 10, 7, 3, 1],
            notice_days_before: vec![30, 7, 1],
            suspend_after_days: 7,
            delete_after_days: 37,
            deletion_notice_days: 7,
            to_pay_months: 2,
            batch: 2000,
        }
    }
}

impl RenewalSettings {
    /// Every mistake, each naming its setting.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        let decreasing = |v: &[u32]| v.windows(2).all(|w| w[0] > w[1]);
        if self.charge_days_before.is_empty() || !decreasing(&self.charge_days_before) {
            problems.push("charge_days_before: one or more days, largest first, each once".into());
        }
        if self
            .charge_days_before
            .first()
            .is_some_and(|d| *d > self.invoice_days_before)
        {
            problems.push(
                "charge_days_before: the first charge cannot come before the invoice (invoice_days_before)"
                    .into(),
            );
        }
        if !decreasing(&self.notice_days_before) || self.notice_days_before.contains(&0) {
            problems.push("notice_days_before: days above 0, largest first, each once".into());
        }
        if self.delete_after_days <= self.suspend_after_days {
            problems.push("delete_after_days: must come after suspend_after_days".into());
        }
        if self.deletion_notice_days == 0
            || self.deletion_notice_days
                >= self.delete_after_days - self.suspend_after_days.min(self.delete_after_days)
        {
            problems.push(
                "deletion_notice_days: above 0 and within the time a product stays suspended"
                    .into(),
            );
        }
        if !(1..=24).contains(&self.to_pay_months) {
            problems.push("to_pay_months: 1 to 24".into());
        }
        if !(1..=5000).contains(&self.batch) {
            problems.push("batch: 1 to 5000".into());
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_hold_and_mistakes_are_each_named() {
        // proves: REN-2
        assert!(RenewalSettings::default().validate().is_ok());
        let wrong = RenewalSettings {
            invoice_days_before: 10,
            charge_days_before: vec![14, 14],
            notice_days_before: vec![1, 7],
            suspend_after_days: 10,
            delete_after_days: 5,
            batch: 0,
            ..RenewalSettings::default()
        };
        let problems = wrong.validate().unwrap_err().join("\n");
        for name in [
            "charge_days_before: one",
            "charge_days_before: the first",
            "notice_days_before",
            "delete_after_days",
            "batch",
        ] {
            assert!(problems.contains(name), "{name} in {problems}");
        }
    }
}
