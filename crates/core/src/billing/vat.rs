//! Swiss VAT on invoice lines (issue 11; BIL-1 "VAT per line", BIL-7 exact
//! money). docs/billing.md states the rules and its table of worked
//! examples is the test table at the end of this file.
//!
//! - Rates are integers, hundredths of a percent (`rate_bp`: 8.1 % = 810),
//!   per class with a validity period; the rate is the one in force on the
//!   day the service is supplied, not on the invoice date. A line whose
//!   service period spans a rate change is split pro rata by days.
//! - Place of supply: customers in the domestic countries (CH, LI) pay
//!   Swiss VAT; customers abroad get 0 % with the mention the law asks for,
//!   chosen by a configurable table.
//! - VAT per rate on the sum of that rate's lines, rounded half-up (away
//!   from zero) to the minor unit; the optional 5-Rappen rounding of a CHF
//!   total is a separate amount that leaves the VAT alone.
//!
//! Everything is integer arithmetic, checked: an overflow is an error.

use std::collections::BTreeMap;

use jiff::civil::{Date, date};
use serde::{Deserialize, Serialize};

use crate::money::{Currency, Money, MoneyError};

/// A VAT rate class. `Zero` is 0 % at all times (exempt supplies) and has
/// no entry in the rate table.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum VatClass {
    Standard,
    Reduced,
    Accommodation,
    Zero,
}

impl VatClass {
    pub const ALL: [VatClass; 4] = [
        VatClass::Standard,
        VatClass::Reduced,
        VatClass::Accommodation,
        VatClass::Zero,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            VatClass::Standard => "standard",
            VatClass::Reduced => "reduced",
            VatClass::Accommodation => "accommodation",
            VatClass::Zero => "zero",
        }
    }

    pub fn parse(name: &str) -> Option<VatClass> {
        VatClass::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// One rate of a class, in force from `from` to `until`, both days
/// included; a missing bound is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateSetting {
    pub class: VatClass,
    /// Hundredths of a percent: 810 is 8.1 %.
    pub rate_bp: u32,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_date"
    )]
    pub from: Option<Date>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_date"
    )]
    pub until: Option<Date>,
}

/// The key under which figment hands over a TOML date (`from =
/// 2024-01-01`, unquoted) as a one-entry map holding its text.
const TOML_DATE_KEY: &str = "$__toml_private_datetime";

/// A date written `"2024-01-01"`, or as a bare TOML date.
fn optional_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    use serde::de::Error as _;
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Wire {
        Text(String),
        Toml(BTreeMap<String, String>),
    }
    let text = match Option::<Wire>::deserialize(d)? {
        None => return Ok(None),
        Some(Wire::Text(text)) => text,
        Some(Wire::Toml(mut map)) if map.len() == 1 => map
            .remove(TOML_DATE_KEY)
            .ok_or_else(|| D::Error::custom("expected a date such as 2024-01-01"))?,
        Some(Wire::Toml(_)) => return Err(D::Error::custom("expected a date such as 2024-01-01")),
    };
    // jiff also reads a date-time as its date: a time here would be
    // dropped without a word, so only the plain date is taken.
    match text.parse::<Date>() {
        Ok(date) if date.to_string() == text => Ok(Some(date)),
        _ => Err(D::Error::custom(format!(
            "`{text}` is not a date such as 2024-01-01"
        ))),
    }
}

impl RateSetting {
    fn covers(&self, day: Date) -> bool {
        self.from.is_none_or(|from| from <= day) && self.until.is_none_or(|until| day <= until)
    }

    fn overlaps(&self, other: &RateSetting) -> bool {
        let starts_before_other_ends = match (self.from, other.until) {
            (Some(from), Some(until)) => from <= until,
            _ => true,
        };
        let other_starts_before_end = match (other.from, self.until) {
            (Some(from), Some(until)) => from <= until,
            _ => true,
        };
        starts_before_other_ends && other_starts_before_end
    }
}

/// The mention a 0 % line abroad carries, by a stable key the PDF and the
/// console translate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionKey {
    /// The place of supply is abroad (recipient principle, art. 8 para. 1
    /// of the Swiss VAT act): no Swiss VAT.
    ExportServices,
    /// As above, to a business with a verified VAT number, which accounts
    /// for the VAT of its own country (reverse charge).
    ReverseCharge,
}

impl MentionKey {
    /// The key the translations are looked up by.
    pub fn key(self) -> &'static str {
        match self {
            MentionKey::ExportServices => "export-services",
            MentionKey::ReverseCharge => "reverse-charge",
        }
    }

    /// The English text, for logs and as the translations' source.
    pub fn english(self) -> &'static str {
        match self {
            MentionKey::ExportServices => {
                "Service not subject to Swiss VAT (place of supply abroad)"
            }
            MentionKey::ReverseCharge => "Reverse charge: the recipient is liable for VAT",
        }
    }
}

/// Who the customer is, for the place of supply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerKind {
    Consumer,
    Business { verified_vat_number: bool },
}

/// Which customers an abroad rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CustomerMatch {
    Any,
    Consumer,
    /// A business, its VAT number verified or not.
    Business,
    VerifiedBusiness,
}

impl CustomerMatch {
    fn matches(self, kind: CustomerKind) -> bool {
        match self {
            CustomerMatch::Any => true,
            CustomerMatch::Consumer => kind == CustomerKind::Consumer,
            CustomerMatch::Business => matches!(kind, CustomerKind::Business { .. }),
            CustomerMatch::VerifiedBusiness => matches!(
                kind,
                CustomerKind::Business {
                    verified_vat_number: true
                }
            ),
        }
    }
}

/// A row of the place-of-supply table for customers abroad: the first row
/// matching the customer's country and kind gives the mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbroadRule {
    /// ISO 3166-1 alpha-2 codes; empty: every country abroad.
    #[serde(default)]
    pub countries: Vec<String>,
    pub customer: CustomerMatch,
    pub mention: MentionKey,
}

/// How the VAT of an invoice's lines is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Treatment {
    /// Swiss VAT at the rates of the table.
    Domestic,
    /// 0 %, with this mention on the invoice.
    Abroad { mention: MentionKey },
}

impl Treatment {
    pub fn mention(self) -> Option<MentionKey> {
        match self {
            Treatment::Domestic => None,
            Treatment::Abroad { mention } => Some(mention),
        }
    }
}

/// The `[billing.vat]` configuration. Default: the Swiss rates since 2018
/// and the place-of-supply rules of docs/billing.md.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VatSettings {
    pub rates: Vec<RateSetting>,
    /// Customers in these countries pay Swiss VAT.
    pub domestic_countries: Vec<String>,
    /// Customers elsewhere: the first matching rule gives the mention; with
    /// none matching, `export-services`.
    pub abroad: Vec<AbroadRule>,
}

impl Default for VatSettings {
    fn default() -> Self {
        let rate = |class, rate_bp, from: Date, until: Option<Date>| RateSetting {
            class,
            rate_bp,
            from: Some(from),
            until,
        };
        let start_2018 = date(2018, 1, 1);
        let end_2023 = Some(date(2023, 12, 31));
        let start_2024 = date(2024, 1, 1);
        VatSettings {
            rates: vec![
                rate(VatClass::Standard, 770, start_2018, end_2023),
                rate(VatClass::Standard, 810, start_2024, None),
                rate(VatClass::Reduced, 250, start_2018, end_2023),
                rate(VatClass::Reduced, 260, start_2024, None),
                rate(VatClass::Accommodation, 370, start_2018, end_2023),
                rate(VatClass::Accommodation, 380, start_2024, None),
            ],
            domestic_countries: vec!["CH".into(), "LI".into()],
            abroad: vec![
                AbroadRule {
                    countries: Vec::new(),
                    customer: CustomerMatch::VerifiedBusiness,
                    mention: MentionKey::ReverseCharge,
                },
                AbroadRule {
                    countries: Vec::new(),
                    customer: CustomerMatch::Any,
                    mention: MentionKey::ExportServices,
                },
            ],
        }
    }
}

/// Why a VAT computation has no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VatError {
    #[error(transparent)]
    Money(#[from] MoneyError),
    #[error("no {class:?} VAT rate is configured for {day}")]
    NoRate { class: VatClass, day: Date },
    #[error("the service period {from} – {to} ends before it starts")]
    InvalidPeriod { from: Date, to: Date },
}

/// A line, or the part of a line, at one rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinePart {
    /// The days of the service period this part covers, both included.
    pub period: (Date, Date),
    pub rate_bp: u32,
    pub net: Money,
}

/// The VAT of one rate: on the sum of that rate's lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VatRow {
    pub rate_bp: u32,
    pub base: Money,
    pub vat: Money,
}

/// An invoice's totals: `net + vat + rounding = total`, exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// One row per rate, lowest rate first.
    pub per_rate: Vec<VatRow>,
    pub net: Money,
    pub vat: Money,
    /// The 5-Rappen rounding of the payable total (−0.02 to +0.02 CHF),
    /// zero when not asked for or not CHF.
    pub rounding: Money,
    pub total: Money,
}

impl VatSettings {
    /// The rate of `class` in force on `day` (the supply date), if any.
    pub fn rate_on(&self, class: VatClass, day: Date) -> Option<u32> {
        if class == VatClass::Zero {
            return Some(0);
        }
        self.rate_setting_on(class, day).map(|r| r.rate_bp)
    }

    fn rate_setting_on(&self, class: VatClass, day: Date) -> Option<&RateSetting> {
        self.rates
            .iter()
            .find(|r| r.class == class && r.covers(day))
    }

    /// The place of supply decides: a domestic customer pays Swiss VAT;
    /// abroad, the first matching rule gives the mention. A customer
    /// without a country pays Swiss VAT: 0 % needs a known place abroad.
    pub fn treatment(&self, customer_country: &str, kind: CustomerKind) -> Treatment {
        let country = customer_country.trim();
        let same = |c: &String| c.eq_ignore_ascii_case(country);
        if country.is_empty() || self.domestic_countries.iter().any(same) {
            return Treatment::Domestic;
        }
        let mention = self
            .abroad
            .iter()
            .find(|rule| {
                (rule.countries.is_empty() || rule.countries.iter().any(same))
                    && rule.customer.matches(kind)
            })
            .map_or(MentionKey::ExportServices, |rule| rule.mention);
        Treatment::Abroad { mention }
    }

    /// A line's parts by rate: one part unless its service period (both
    /// days included) spans a rate change, then one part per rate, the net
    /// divided pro rata by days. Each cut is rounded half-up, so the parts
    /// add up to the net exactly and the last takes the remainder. Abroad
    /// and in the zero class, one part at 0 %.
    pub fn split_line(
        &self,
        class: VatClass,
        period: (Date, Date),
        net: Money,
        treatment: Treatment,
    ) -> Result<Vec<LinePart>, VatError> {
        let (from, to) = period;
        if from > to {
            return Err(VatError::InvalidPeriod { from, to });
        }
        let segments = if class == VatClass::Zero || treatment != Treatment::Domestic {
            vec![(from, to, 0)]
        } else {
            self.segments(class, from, to)?
        };
        let total_days = days_inclusive(from, to)?;
        let whole = i128::from(net.amount_minor);
        let mut parts = Vec::with_capacity(segments.len());
        let (mut days_so_far, mut allocated) = (0i128, 0i128);
        for (i, (start, end, rate_bp)) in segments.iter().copied().enumerate() {
            days_so_far += days_inclusive(start, end)?;
            let up_to_here = if i + 1 == segments.len() {
                whole
            } else {
                round_div_half_away(whole * days_so_far, total_days)
            };
            let amount = i64::try_from(up_to_here - allocated).map_err(|_| MoneyError::Overflow)?;
            allocated = up_to_here;
            parts.push(LinePart {
                period: (start, end),
                rate_bp,
                net: Money::new(amount, net.currency),
            });
        }
        Ok(parts)
    }

    /// A line without a service period: supplied on `day` (the invoice
    /// date, or the delivery date when it differs).
    pub fn split_line_on(
        &self,
        class: VatClass,
        day: Date,
        net: Money,
        treatment: Treatment,
    ) -> Result<Vec<LinePart>, VatError> {
        self.split_line(class, (day, day), net, treatment)
    }

    /// The runs of days of `from..=to` at one rate, in order; neighbouring
    /// table rows with the same rate make one run.
    fn segments(
        &self,
        class: VatClass,
        from: Date,
        to: Date,
    ) -> Result<Vec<(Date, Date, u32)>, VatError> {
        let mut runs: Vec<(Date, Date, u32)> = Vec::new();
        let mut day = from;
        loop {
            let rate = self
                .rate_setting_on(class, day)
                .ok_or(VatError::NoRate { class, day })?;
            let end = match rate.until {
                Some(until) if until < to => until,
                _ => to,
            };
            match runs.last_mut() {
                Some(last) if last.2 == rate.rate_bp => last.1 = end,
                _ => runs.push((day, end, rate.rate_bp)),
            }
            if end == to {
                return Ok(runs);
            }
            // end < to, so there is a next day.
            day = end
                .tomorrow()
                .map_err(|_| VatError::InvalidPeriod { from, to })?;
        }
    }

    /// What is wrong with the table, each problem a sentence naming its key
    /// under `billing.vat`.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (i, r) in self.rates.iter().enumerate() {
            let at = format!("billing.vat.rates[{i}]");
            if r.class == VatClass::Zero {
                problems.push(format!(
                    "{at}: the zero class is always 0 %; leave it out of the rates"
                ));
            }
            if r.rate_bp > 10_000 {
                problems.push(format!(
                    "{at}: rate_bp {} is above 100 % (rates are in hundredths of a percent: 8.1 % is 810)",
                    r.rate_bp
                ));
            }
            if let (Some(from), Some(until)) = (r.from, r.until)
                && from > until
            {
                problems.push(format!("{at}: from {from} is after until {until}"));
            }
            for (j, other) in self.rates.iter().enumerate().skip(i + 1) {
                if other.class == r.class && r.overlaps(other) {
                    problems.push(format!(
                        "billing.vat.rates[{i}] and [{j}]: two {} rates in force on the same days",
                        r.class.as_str()
                    ));
                }
            }
        }
        for class in [
            VatClass::Standard,
            VatClass::Reduced,
            VatClass::Accommodation,
        ] {
            if !self.rates.iter().any(|r| r.class == class) {
                problems.push(format!(
                    "billing.vat.rates: no {} rate (give the whole table when you change it)",
                    class.as_str()
                ));
            }
        }
        if self.domestic_countries.is_empty() {
            problems
                .push("billing.vat.domestic_countries: empty (Swiss VAT is for CH and LI)".into());
        }
        for c in &self.domestic_countries {
            if !is_country_code(c) {
                problems.push(format!(
                    "billing.vat.domestic_countries: `{c}` is not a two-letter country code like CH"
                ));
            }
        }
        for (i, rule) in self.abroad.iter().enumerate() {
            for c in &rule.countries {
                if !is_country_code(c) {
                    problems.push(format!(
                        "billing.vat.abroad[{i}]: `{c}` is not a two-letter country code like DE"
                    ));
                } else if self.domestic_countries.contains(c) {
                    problems.push(format!(
                        "billing.vat.abroad[{i}]: `{c}` is a domestic country; this rule never applies to it"
                    ));
                }
            }
        }
        problems
    }
}

fn is_country_code(code: &str) -> bool {
    code.len() == 2
        && code.bytes().all(|b| b.is_ascii_uppercase())
        && isocountry::CountryCode::for_alpha2(code).is_ok()
}

/// Days from `from` to `to`, both included.
fn days_inclusive(from: Date, to: Date) -> Result<i128, VatError> {
    let span = from
        .until(to)
        .map_err(|_| VatError::InvalidPeriod { from, to })?;
    Ok(i128::from(span.get_days()) + 1)
}

/// `numerator / denominator` rounded half away from zero (denominator
/// positive): a negative amount rounds as the mirror of its positive.
fn round_div_half_away(numerator: i128, denominator: i128) -> i128 {
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    if 2 * remainder.abs() >= denominator {
        quotient + numerator.signum()
    } else {
        quotient
    }
}

/// The VAT on `base` at `rate_bp`, half-up to the minor unit.
pub fn vat_on(base: Money, rate_bp: u32) -> Result<Money, VatError> {
    let exact = i128::from(base.amount_minor) * i128::from(rate_bp);
    let vat =
        i64::try_from(round_div_half_away(exact, 10_000)).map_err(|_| MoneyError::Overflow)?;
    Ok(Money::new(vat, base.currency))
}

/// The amount that brings `minor` to the nearest multiple of 5 (−2 to +2;
/// 5 being odd, there is never a tie).
fn to_five_rappen(minor: i64) -> i64 {
    match minor.rem_euclid(5) {
        0 => 0,
        1 => -1,
        2 => -2,
        3 => 2,
        _ => 1,
    }
}

/// An invoice's totals from its lines' parts `(rate_bp, net)`: per rate the
/// sum of the nets and the VAT on that sum; then, when asked and the
/// currency is CHF, the rounding of the payable total to 5 Rappen.
pub fn totals(
    parts: &[(u32, Money)],
    currency: Currency,
    round_to_5_rappen: bool,
) -> Result<Totals, VatError> {
    let mut bases: BTreeMap<u32, Money> = BTreeMap::new();
    for (rate_bp, net) in parts {
        let base = bases.entry(*rate_bp).or_insert(Money::zero(currency));
        *base = base.checked_add(*net)?;
    }
    let mut per_rate = Vec::with_capacity(bases.len());
    let (mut net, mut vat) = (Money::zero(currency), Money::zero(currency));
    for (rate_bp, base) in bases {
        let row_vat = vat_on(base, rate_bp)?;
        net = net.checked_add(base)?;
        vat = vat.checked_add(row_vat)?;
        per_rate.push(VatRow {
            rate_bp,
            base,
            vat: row_vat,
        });
    }
    let payable = net.checked_add(vat)?;
    let rounding = if round_to_5_rappen && currency == Currency::Chf {
        to_five_rappen(payable.amount_minor)
    } else {
        0
    };
    let rounding = Money::new(rounding, currency);
    let total = payable.checked_add(rounding)?;
    Ok(Totals {
        per_rate,
        net,
        vat,
        rounding,
        total,
    })
}

/// A rate for print: 810 → "8.1", 260 → "2.6", 1000 → "10", 825 → "8.25".
pub fn format_rate(rate_bp: u32) -> String {
    let (units, hundredths) = (rate_bp / 100, rate_bp % 100);
    match hundredths {
        0 => units.to_string(),
        h if h % 10 == 0 => format!("{units}.{}", h / 10),
        h => format!("{units}.{h:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CHF: Currency = Currency::Chf;
    const EUR: Currency = Currency::Eur;

    fn swiss() -> VatSettings {
        VatSettings::default()
    }

    fn chf(minor: i64) -> Money {
        Money::new(minor, CHF)
    }

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    /// A worked example of docs/billing.md: the inputs, and the results
    /// worked out by hand (decimal arithmetic, half-up).
    struct Example {
        id: &'static str,
        country: &'static str,
        kind: CustomerKind,
        currency: Currency,
        round_to_5_rappen: bool,
        /// class, service period (from, to), net.
        lines: &'static [(VatClass, &'static str, &'static str, &'static str)],
        /// rate_bp, base, VAT.
        rows: &'static [(u32, &'static str, &'static str)],
        vat: &'static str,
        rounding: &'static str,
        total: &'static str,
        mention: Option<MentionKey>,
    }

    const CONSUMER: CustomerKind = CustomerKind::Consumer;
    const BUSINESS: CustomerKind = CustomerKind::Business {
        verified_vat_number: false,
    };
    const VERIFIED: CustomerKind = CustomerKind::Business {
        verified_vat_number: true,
    };
    use VatClass::{Accommodation, Reduced, Standard, Zero};

    const EXAMPLES: &[Example] = &[
        Example {
            id: "V1",
            country: "CH",
            kind: CONSUMER,
            currency: CHF,
            round_to_5_rappen: false,
            lines: &[(Standard, "2026-01-01", "2026-12-31", "120.00")],
            rows: &[(810, "120.00", "9.72")],
            vat: "9.72",
            rounding: "0.00",
            total: "129.72",
            mention: None,
        },
        // The period spans the rate change: 184 days at 7.7 %, 182 at 8.1 %.
        Example {
            id: "V2",
            country: "CH",
            kind: BUSINESS,
            currency: CHF,
            round_to_5_rappen: false,
            lines: &[(Standard, "2023-07-01", "2024-06-30", "1200.00")],
            rows: &[(770, "603.28", "46.45"), (810, "596.72", "48.33")],
            vat: "94.78",
            rounding: "0.00",
            total: "1294.78",
            mention: None,
        },
        // One day each side of the change: 100.01 / 2 = 50.005 → 50.01,
        // the remainder 50.00 on the last part.
        Example {
            id: "V3",
            country: "CH",
            kind: CONSUMER,
            currency: CHF,
            round_to_5_rappen: false,
            lines: &[(Standard, "2023-12-31", "2024-01-01", "100.01")],
            rows: &[(770, "50.01", "3.85"), (810, "50.00", "4.05")],
            vat: "7.90",
            rounding: "0.00",
            total: "107.91",
            mention: None,
        },
        // Supplied in 2023, invoiced later: the supply date's rate.
        Example {
            id: "V4",
            country: "LI",
            kind: CONSUMER,
            currency: CHF,
            round_to_5_rappen: false,
            lines: &[(Standard, "2023-12-15", "2023-12-15", "100.00")],
            rows: &[(770, "100.00", "7.70")],
            vat: "7.70",
            rounding: "0.00",
            total: "107.70",
            mention: None,
        },
        // VAT on the sum of the rate's lines: 15.00 × 8.1 % = 1.215 → 1.22
        // (line by line it would be 3 × 0.41 = 1.23).
        Example {
            id: "V5",
            country: "CH",
            kind: CONSUMER,
            currency: CHF,
            round_to_5_rappen: false,
            lines: &[
                (Standard, "2026-03-01", "2026-03-01", "5.00"),
                (Standard, "2026-03-01", "2026-03-01", "5.00"),
                (Standard, "2026-03-01", "2026-03-01", "5.00"),
            ],
            rows: &[(810, "15.00", "1.22")],
            vat: "1.22",
            rounding: "0.00",
            total: "16.22",
            mention: None,
        },
        // 5-Rappen rounding up: 65.64 → 65.65; the VAT is unchanged.
        Example {
            id: "V6",
            country: "CH",
            kind: CONSUMER,
            currency: CHF,
            round_to_5_rappen: true,
            lines: &[
                (Standard, "2026-03-01", "2026-03-01", "49.00"),
                (Reduced, "2026-03-01", "2026-03-01", "12.35"),
            ],
            rows: &[(260, "12.35", "0.32"), (810, "49.00", "3.97")],
            vat: "4.29",
            rounding: "0.01",
            total: "65.65",
            mention: None,
        },
        // 5-Rappen rounding down: 21.51 → 21.50.
        Example {
            id: "V7",
            country: "CH",
            kind: BUSINESS,
            currency: CHF,
            round_to_5_rappen: true,
            lines: &[(Standard, "2026-03-01", "2026-03-01", "19.90")],
            rows: &[(810, "19.90", "1.61")],
            vat: "1.61",
            rounding: "-0.01",
            total: "21.50",
            mention: None,
        },
        // EUR is never rounded to 5 Rappen.
        Example {
            id: "V8",
            country: "CH",
            kind: BUSINESS,
            currency: EUR,
            round_to_5_rappen: true,
            lines: &[(Standard, "2026-03-01", "2026-03-01", "19.90")],
            rows: &[(810, "19.90", "1.61")],
            vat: "1.61",
            rounding: "0.00",
            total: "21.51",
            mention: None,
        },
        // Accommodation and an exempt line.
        Example {
            id: "V9",
            country: "CH",
            kind: CONSUMER,
            currency: CHF,
            round_to_5_rappen: false,
            lines: &[
                (Accommodation, "2024-03-01", "2024-03-01", "100.00"),
                (Zero, "2024-03-01", "2024-03-01", "50.00"),
            ],
            rows: &[(0, "50.00", "0.00"), (380, "100.00", "3.80")],
            vat: "3.80",
            rounding: "0.00",
            total: "153.80",
            mention: None,
        },
        // Abroad: 0 %, whatever the class, and no split at the change.
        Example {
            id: "V10",
            country: "DE",
            kind: CONSUMER,
            currency: EUR,
            round_to_5_rappen: false,
            lines: &[(Standard, "2023-07-01", "2024-06-30", "120.00")],
            rows: &[(0, "120.00", "0.00")],
            vat: "0.00",
            rounding: "0.00",
            total: "120.00",
            mention: Some(MentionKey::ExportServices),
        },
        Example {
            id: "V11",
            country: "FR",
            kind: VERIFIED,
            currency: EUR,
            round_to_5_rappen: false,
            lines: &[(Standard, "2026-01-01", "2026-12-31", "120.00")],
            rows: &[(0, "120.00", "0.00")],
            vat: "0.00",
            rounding: "0.00",
            total: "120.00",
            mention: Some(MentionKey::ReverseCharge),
        },
        Example {
            id: "V12",
            country: "AT",
            kind: BUSINESS,
            currency: CHF,
            round_to_5_rappen: true,
            lines: &[(Standard, "2026-01-01", "2026-12-31", "120.02")],
            rows: &[(0, "120.02", "0.00")],
            vat: "0.00",
            rounding: "-0.02",
            total: "120.00",
            mention: Some(MentionKey::ExportServices),
        },
        // Negative amounts round as the mirror of positive ones:
        // −5.00 × 8.1 % = −0.405 → −0.41.
        Example {
            id: "V13",
            country: "CH",
            kind: CONSUMER,
            currency: CHF,
            round_to_5_rappen: false,
            lines: &[(Standard, "2026-03-01", "2026-03-01", "-5.00")],
            rows: &[(810, "-5.00", "-0.41")],
            vat: "-0.41",
            rounding: "0.00",
            total: "-5.41",
            mention: None,
        },
    ];

    /// What an invoice of the example computes.
    fn compute(e: &Example) -> (Treatment, Vec<Vec<LinePart>>, Totals) {
        let settings = swiss();
        let treatment = settings.treatment(e.country, e.kind);
        let split: Vec<Vec<LinePart>> = e
            .lines
            .iter()
            .map(|(class, from, to, net)| {
                let net = Money::parse(net, e.currency).unwrap();
                settings
                    .split_line(*class, (day(from), day(to)), net, treatment)
                    .unwrap()
            })
            .collect();
        let parts: Vec<(u32, Money)> = split.iter().flatten().map(|p| (p.rate_bp, p.net)).collect();
        let totals = totals(&parts, e.currency, e.round_to_5_rappen).unwrap();
        (treatment, split, totals)
    }

    /// The example's row in docs/billing.md's table.
    fn doc_row(e: &Example, split: &[Vec<LinePart>], t: &Totals) -> String {
        let kind = match e.kind {
            CustomerKind::Consumer => "consumer",
            CustomerKind::Business {
                verified_vat_number: false,
            } => "business",
            CustomerKind::Business {
                verified_vat_number: true,
            } => "verified business",
        };
        let mut customer = format!("{} {kind}, {}", e.country, e.currency);
        if e.round_to_5_rappen {
            customer.push_str(", 5 Rp.");
        }
        let lines = e
            .lines
            .iter()
            .zip(split)
            .map(|((class, from, to, net), parts)| {
                let period = if from == to {
                    (*from).to_string()
                } else {
                    format!("{from} – {to}")
                };
                let mut text = format!("{} {period}: {net}", class.as_str());
                if parts.len() > 1 {
                    let cut: Vec<String> = parts
                        .iter()
                        .map(|p| format!("{} % {}", format_rate(p.rate_bp), p.net.amount_string()))
                        .collect();
                    text.push_str(&format!(" ({})", cut.join(" + ")));
                }
                text
            })
            .collect::<Vec<_>>()
            .join("; ");
        let rows = t
            .per_rate
            .iter()
            .map(|r| {
                format!(
                    "{} %: {} → {}",
                    format_rate(r.rate_bp),
                    r.base.amount_string(),
                    r.vat.amount_string()
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let mention = e
            .mention
            .map_or("—".to_string(), |m| format!("`{}`", m.key()));
        format!(
            "| {} | {customer} | {lines} | {rows} | {} | {} | {} | {mention} |",
            e.id,
            t.vat.amount_string(),
            t.rounding.amount_string(),
            t.total.amount_string(),
        )
    }

    // proves: BIL-7
    // issue 11: the VAT table of docs/billing.md
    #[test]
    fn worked_examples() {
        for e in EXAMPLES {
            let (treatment, _, t) = compute(e);
            let money = |text: &str| Money::parse(text, e.currency).unwrap();
            assert_eq!(treatment.mention(), e.mention, "{}", e.id);
            let rows: Vec<(u32, Money, Money)> = t
                .per_rate
                .iter()
                .map(|r| (r.rate_bp, r.base, r.vat))
                .collect();
            let expected: Vec<(u32, Money, Money)> = e
                .rows
                .iter()
                .map(|(bp, base, vat)| (*bp, money(base), money(vat)))
                .collect();
            assert_eq!(rows, expected, "{}", e.id);
            assert_eq!(t.vat, money(e.vat), "{}", e.id);
            assert_eq!(t.rounding, money(e.rounding), "{}", e.id);
            assert_eq!(t.total, money(e.total), "{}", e.id);
            let lines = e.lines.iter().map(|l| money(l.3));
            assert_eq!(
                t.net,
                Money::checked_sum(e.currency, lines).unwrap(),
                "{}",
                e.id
            );
        }
    }

    // issue 11: the documentation shows what the code computes.
    #[test]
    fn docs_table_is_the_test_table() {
        let doc = include_str!("../../../../docs/billing.md");
        let missing: Vec<String> = EXAMPLES
            .iter()
            .map(|e| {
                let (_, split, t) = compute(e);
                doc_row(e, &split, &t)
            })
            .filter(|row| !doc.lines().any(|l| l == row))
            .collect();
        assert!(
            missing.is_empty(),
            "docs/billing.md lacks the rows\n{}",
            missing.join("\n")
        );
        let documented = doc.lines().filter(|l| l.starts_with("| V")).count();
        assert_eq!(
            documented,
            EXAMPLES.len(),
            "rows of docs/billing.md without a test"
        );
    }

    #[test]
    fn default_is_the_swiss_table_and_valid() {
        let s = swiss();
        assert_eq!(s.problems(), Vec::<String>::new());
        for (class, day_, bp) in [
            (Standard, "2017-12-31", None),
            (Standard, "2018-01-01", Some(770)),
            (Standard, "2023-12-31", Some(770)),
            (Standard, "2024-01-01", Some(810)),
            (Standard, "2099-01-01", Some(810)),
            (Reduced, "2023-12-31", Some(250)),
            (Reduced, "2024-01-01", Some(260)),
            (Accommodation, "2023-12-31", Some(370)),
            (Accommodation, "2024-01-01", Some(380)),
            (Zero, "1990-01-01", Some(0)),
            (Zero, "2024-01-01", Some(0)),
        ] {
            assert_eq!(s.rate_on(class, day(day_)), bp, "{class:?} {day_}");
        }
    }

    #[test]
    fn place_of_supply() {
        let s = swiss();
        let abroad = |mention| Treatment::Abroad { mention };
        for (country, kind, expected) in [
            ("CH", CONSUMER, Treatment::Domestic),
            ("CH", VERIFIED, Treatment::Domestic),
            ("LI", BUSINESS, Treatment::Domestic),
            ("ch", CONSUMER, Treatment::Domestic),
            ("", CONSUMER, Treatment::Domestic),
            ("DE", CONSUMER, abroad(MentionKey::ExportServices)),
            ("DE", BUSINESS, abroad(MentionKey::ExportServices)),
            ("DE", VERIFIED, abroad(MentionKey::ReverseCharge)),
            ("US", VERIFIED, abroad(MentionKey::ReverseCharge)),
            ("US", CONSUMER, abroad(MentionKey::ExportServices)),
        ] {
            assert_eq!(s.treatment(country, kind), expected, "{country} {kind:?}");
        }
        // A configured table: the first matching rule wins, and with none
        // matching a customer abroad gets export-services.
        let custom = VatSettings {
            abroad: vec![AbroadRule {
                countries: vec!["FR".into()],
                customer: CustomerMatch::Business,
                mention: MentionKey::ReverseCharge,
            }],
            ..swiss()
        };
        assert_eq!(
            custom.treatment("FR", BUSINESS),
            abroad(MentionKey::ReverseCharge)
        );
        assert_eq!(
            custom.treatment("FR", CONSUMER),
            abroad(MentionKey::ExportServices)
        );
        assert_eq!(
            custom.treatment("DE", VERIFIED),
            abroad(MentionKey::ExportServices)
        );
    }

    #[test]
    fn settings_read_from_configuration_text() {
        let json = r#"{
            "rates": [
                {"class": "standard", "rate_bp": 810, "from": "2024-01-01"},
                {"class": "reduced", "rate_bp": 260},
                {"class": "accommodation", "rate_bp": 380}
            ],
            "abroad": [{"countries": ["DE"], "customer": "verified-business", "mention": "reverse-charge"}]
        }"#;
        let s: VatSettings = serde_json::from_str(json).unwrap();
        assert_eq!(s.rate_on(Standard, day("2024-01-01")), Some(810));
        assert_eq!(s.rate_on(Standard, day("2023-12-31")), None);
        assert_eq!(s.domestic_countries, ["CH", "LI"]);
        assert_eq!(s.problems(), Vec::<String>::new());
        // A bare TOML date, as figment hands it over.
        let toml: VatSettings = serde_json::from_str(
            r#"{"rates": [{"class": "standard", "rate_bp": 810, "from": {"$__toml_private_datetime": "2024-01-01"}}]}"#,
        )
        .unwrap();
        assert_eq!(toml.rates[0].from, Some(day("2024-01-01")));
        for refused in [
            r#"{"rates": [{"class": "standard", "rate_bp": 810, "from": "2024-13-01"}]}"#,
            r#"{"rates": [{"class": "standard", "rate_bp": 810, "from": "2024-01-01T00:00:00"}]}"#,
            r#"{"rates": [{"class": "standard", "rate_bp": 810, "from": {"other": "2024-01-01"}}]}"#,
            r#"{"rates": [{"class": "standard", "rate_bp": 810, "from": 20240101}]}"#,
            r#"{"rates": [{"class": "super", "rate_bp": 1}]}"#,
            r#"{"rates": [{"class": "standard", "rate_bp": 8.1}]}"#,
            r#"{"rates": [{"class": "standard", "rate_bp": 810, "since": "2024-01-01"}]}"#,
            r#"{"abroad": [{"customer": "any", "mention": "none"}]}"#,
            r#"{"domestic": ["CH"]}"#,
        ] {
            assert!(
                serde_json::from_str::<VatSettings>(refused).is_err(),
                "{refused}"
            );
        }
        let t = serde_json::to_value(Treatment::Abroad {
            mention: MentionKey::ReverseCharge,
        })
        .unwrap();
        assert_eq!(
            t,
            serde_json::json!({"kind": "abroad", "mention": "reverse-charge"})
        );
    }

    #[test]
    fn problems_are_all_listed() {
        let rate = |class, rate_bp, from: Option<&str>, until: Option<&str>| RateSetting {
            class,
            rate_bp,
            from: from.map(day),
            until: until.map(day),
        };
        let s = VatSettings {
            rates: vec![
                rate(Standard, 810, Some("2024-01-01"), None),
                rate(Standard, 770, None, Some("2024-01-01")),
                rate(Reduced, 26_000, Some("2024-02-01"), Some("2024-01-01")),
                rate(Zero, 0, None, None),
            ],
            domestic_countries: vec!["CH".into(), "XX".into(), "li".into()],
            abroad: vec![AbroadRule {
                countries: vec!["CH".into(), "Germany".into()],
                customer: CustomerMatch::Any,
                mention: MentionKey::ExportServices,
            }],
        };
        let problems = s.problems();
        for expected in [
            "billing.vat.rates[0] and [1]: two standard rates",
            "billing.vat.rates[2]: rate_bp 26000 is above 100 %",
            "billing.vat.rates[2]: from 2024-02-01 is after until 2024-01-01",
            "billing.vat.rates[3]: the zero class",
            "billing.vat.rates: no accommodation rate",
            "`XX` is not a two-letter country code",
            "`li` is not a two-letter country code",
            "billing.vat.abroad[0]: `CH` is a domestic country",
            "billing.vat.abroad[0]: `Germany` is not",
        ] {
            assert!(
                problems.iter().any(|p| p.contains(expected)),
                "{expected:?} not in {problems:#?}"
            );
        }
        assert_eq!(problems.len(), 9, "{problems:#?}");
        let none_domestic = VatSettings {
            domestic_countries: vec![],
            ..swiss()
        };
        assert_eq!(none_domestic.problems().len(), 1);
        // Periods that touch but do not share a day are fine.
        let touching = VatSettings {
            rates: vec![
                rate(Standard, 770, None, Some("2023-12-31")),
                rate(Standard, 810, Some("2024-01-01"), None),
                rate(Reduced, 260, None, None),
                rate(Accommodation, 380, None, None),
            ],
            ..swiss()
        };
        assert_eq!(touching.problems(), Vec::<String>::new());
    }

    #[test]
    fn lines_refused() {
        let s = swiss();
        assert_eq!(
            s.split_line(
                Standard,
                (day("2024-02-01"), day("2024-01-01")),
                chf(100),
                Treatment::Domestic
            ),
            Err(VatError::InvalidPeriod {
                from: day("2024-02-01"),
                to: day("2024-01-01")
            })
        );
        // No rate before 2018 in the shipped table: an error, not 0 %.
        assert_eq!(
            s.split_line(
                Standard,
                (day("2017-12-01"), day("2018-01-31")),
                chf(100),
                Treatment::Domestic
            ),
            Err(VatError::NoRate {
                class: Standard,
                day: day("2017-12-01")
            })
        );
        let gap = VatSettings {
            rates: vec![
                RateSetting {
                    class: Standard,
                    rate_bp: 770,
                    from: None,
                    until: Some(day("2023-12-30")),
                },
                RateSetting {
                    class: Standard,
                    rate_bp: 810,
                    from: Some(day("2024-01-01")),
                    until: None,
                },
            ],
            ..swiss()
        };
        assert_eq!(
            gap.split_line(
                Standard,
                (day("2023-12-01"), day("2024-01-31")),
                chf(100),
                Treatment::Domestic
            ),
            Err(VatError::NoRate {
                class: Standard,
                day: day("2023-12-31")
            })
        );
        assert_eq!(
            totals(&[(810, chf(1)), (810, Money::new(1, EUR))], CHF, false),
            Err(VatError::Money(MoneyError::CurrencyMismatch(CHF, EUR)))
        );
        assert_eq!(
            totals(&[(810, chf(i64::MAX)), (810, chf(1))], CHF, false),
            Err(VatError::Money(MoneyError::Overflow))
        );
        // The VAT itself overflows i64.
        assert_eq!(
            totals(&[(10_000, chf(i64::MAX)), (0, chf(0))], CHF, false),
            Err(VatError::Money(MoneyError::Overflow))
        );
        assert_eq!(
            totals(&[(810, chf(i64::MAX - 3))], CHF, false),
            Err(VatError::Money(MoneyError::Overflow))
        );
    }

    #[test]
    fn same_rate_rows_are_one_part() {
        // Two table rows with the same rate do not split a line.
        let s = VatSettings {
            rates: vec![
                RateSetting {
                    class: Standard,
                    rate_bp: 810,
                    from: None,
                    until: Some(day("2025-12-31")),
                },
                RateSetting {
                    class: Standard,
                    rate_bp: 810,
                    from: Some(day("2026-01-01")),
                    until: None,
                },
            ],
            ..swiss()
        };
        let parts = s
            .split_line(
                Standard,
                (day("2025-07-01"), day("2026-06-30")),
                chf(12_000),
                Treatment::Domestic,
            )
            .unwrap();
        assert_eq!(
            parts,
            [LinePart {
                period: (day("2025-07-01"), day("2026-06-30")),
                rate_bp: 810,
                net: chf(12_000)
            }]
        );
    }

    #[test]
    fn rounding_rules() {
        for (n, d, q) in [
            (5, 10, 1),
            (4, 10, 0),
            (-5, 10, -1),
            (-4, 10, 0),
            (15, 10, 2),
            (-15, 10, -2),
            (0, 7, 0),
            (4050, 10_000, 0),
            (5000, 10_000, 1),
        ] {
            assert_eq!(round_div_half_away(n, d), q, "{n}/{d}");
        }
        for (minor, rounding) in [
            (0, 0),
            (1, -1),
            (2, -2),
            (3, 2),
            (4, 1),
            (-1, 1),
            (-3, -2),
            (-4, -1),
        ] {
            assert_eq!(to_five_rappen(minor), rounding, "{minor}");
        }
        for (bp, text) in [
            (810, "8.1"),
            (260, "2.6"),
            (0, "0"),
            (1000, "10"),
            (825, "8.25"),
            (5, "0.05"),
        ] {
            assert_eq!(format_rate(bp), text);
        }
    }

    fn any_rate() -> impl Strategy<Value = u32> {
        prop::sample::select(vec![0u32, 250, 260, 370, 380, 770, 810, 10_000, 1])
    }

    fn any_currency() -> impl Strategy<Value = Currency> {
        prop::sample::select(Currency::ALL.to_vec())
    }

    proptest! {
        // proves: BIL-7
        // lines + VAT + rounding = total, to the cent; the VAT posted (the
        // sum of the rows) is the VAT shown.
        #[test]
        fn totals_add_up(
            parts in prop::collection::vec((any_rate(), -1_000_000_000_000i64..1_000_000_000_000), 0..20),
            currency in any_currency(),
            round in any::<bool>(),
        ) {
            let parts: Vec<(u32, Money)> = parts.into_iter().map(|(bp, m)| (bp, Money::new(m, currency))).collect();
            let t = totals(&parts, currency, round).unwrap();
            let lines: i64 = parts.iter().map(|(_, m)| m.amount_minor).sum();
            prop_assert_eq!(t.net.amount_minor, lines);
            prop_assert_eq!(t.net.amount_minor + t.vat.amount_minor + t.rounding.amount_minor, t.total.amount_minor);
            prop_assert_eq!(t.per_rate.iter().map(|r| r.vat.amount_minor).sum::<i64>(), t.vat.amount_minor);
            prop_assert_eq!(t.per_rate.iter().map(|r| r.base.amount_minor).sum::<i64>(), lines);
            prop_assert!(t.per_rate.windows(2).all(|w| w[0].rate_bp < w[1].rate_bp));
            for row in &t.per_rate {
                let base: i64 = parts.iter().filter(|(bp, _)| *bp == row.rate_bp).map(|(_, m)| m.amount_minor).sum();
                prop_assert_eq!(row.base.amount_minor, base);
                // Half-up: within half a minor unit of the exact VAT, and a
                // tie goes away from zero.
                let exact = i128::from(base) * i128::from(row.rate_bp);
                let shown = i128::from(row.vat.amount_minor) * 10_000;
                prop_assert!(2 * (exact - shown).abs() <= 10_000);
                if 2 * (exact - shown).abs() == 10_000 {
                    prop_assert!(shown.abs() > exact.abs());
                }
            }
            for m in [t.net, t.vat, t.rounding, t.total] {
                prop_assert_eq!(m.currency, currency);
            }
            if round && currency == CHF {
                prop_assert!((-2..=2).contains(&t.rounding.amount_minor));
                prop_assert_eq!(t.total.amount_minor % 5, 0);
            } else {
                prop_assert_eq!(t.rounding.amount_minor, 0);
            }
        }

        // proves: BIL-7
        #[test]
        fn totals_never_panic(parts in prop::collection::vec((any::<u32>(), any::<i64>()), 0..6), round in any::<bool>()) {
            let parts: Vec<(u32, Money)> = parts.into_iter().map(|(bp, m)| (bp, chf(m))).collect();
            match totals(&parts, CHF, round) {
                Ok(t) => {
                    let wide: i128 = [t.net, t.vat, t.rounding].iter().map(|m| i128::from(m.amount_minor)).sum();
                    prop_assert_eq!(wide, i128::from(t.total.amount_minor));
                }
                Err(e) => prop_assert_eq!(e, VatError::Money(MoneyError::Overflow)),
            }
        }

        // proves: BIL-7
        #[test]
        fn negative_vat_mirrors_positive(base in -1_000_000_000_000_000i64..1_000_000_000_000_000, bp in any_rate()) {
            let plus = vat_on(chf(base), bp).unwrap();
            let minus = vat_on(chf(-base), bp).unwrap();
            prop_assert_eq!(minus.amount_minor, -plus.amount_minor);
        }

        // proves: BIL-7
        // issue 11: a line spanning a rate change is split into parts that
        // sum to its net, each at the rate of its days, pro rata by days.
        #[test]
        fn split_parts_sum_to_the_net(
            start in 0i32..4500,
            length in 0i32..1500,
            net in -1_000_000_000_000i64..1_000_000_000_000,
            class in prop::sample::select(vec![Standard, Reduced, Accommodation]),
        ) {
            let s = swiss();
            let from = day("2018-01-01").checked_add(jiff::Span::new().days(start)).unwrap();
            let to = from.checked_add(jiff::Span::new().days(length)).unwrap();
            let parts = s.split_line(class, (from, to), chf(net), Treatment::Domestic).unwrap();
            prop_assert_eq!(parts.iter().map(|p| p.net.amount_minor).sum::<i64>(), net);
            prop_assert_eq!(parts[0].period.0, from);
            prop_assert_eq!(parts[parts.len() - 1].period.1, to);
            let crosses = from < day("2024-01-01") && to >= day("2024-01-01");
            prop_assert_eq!(parts.len(), if crosses { 2 } else { 1 });
            let total_days = days_inclusive(from, to).unwrap();
            for (i, p) in parts.iter().enumerate() {
                prop_assert_eq!(Some(p.rate_bp), s.rate_on(class, p.period.0));
                prop_assert_eq!(Some(p.rate_bp), s.rate_on(class, p.period.1));
                if i > 0 {
                    prop_assert_eq!(parts[i - 1].period.1.tomorrow().unwrap(), p.period.0);
                }
                // Within one minor unit of the exact share of the days.
                let days = days_inclusive(p.period.0, p.period.1).unwrap();
                let exact = i128::from(net) * days;
                prop_assert!((i128::from(p.net.amount_minor) * total_days - exact).abs() <= total_days);
            }
        }

        // issue 11: abroad, and in the zero class, one part at 0 %.
        #[test]
        fn zero_rate_lines_are_not_split(start in 0i32..4500, length in 0i32..1500, net in -1_000_000i64..1_000_000) {
            let s = swiss();
            let from = day("2018-01-01").checked_add(jiff::Span::new().days(start)).unwrap();
            let to = from.checked_add(jiff::Span::new().days(length)).unwrap();
            let abroad = Treatment::Abroad { mention: MentionKey::ExportServices };
            let expected = vec![LinePart { period: (from, to), rate_bp: 0, net: chf(net) }];
            prop_assert_eq!(&s.split_line(Standard, (from, to), chf(net), abroad).unwrap(), &expected);
            prop_assert_eq!(&s.split_line(Zero, (from, to), chf(net), Treatment::Domestic).unwrap(), &expected);
        }

        // issue 11: the rate in force on the supply date.
        #[test]
        fn rate_on_picks_the_period(offset in 0i32..7300, class in prop::sample::select(vec![Standard, Reduced, Accommodation])) {
            let d = day("2012-01-01").checked_add(jiff::Span::new().days(offset)).unwrap();
            let (old, new) = match class {
                Standard => (770, 810),
                Reduced => (250, 260),
                _ => (370, 380),
            };
            let expected = if d < day("2018-01-01") {
                None
            } else if d <= day("2023-12-31") {
                Some(old)
            } else {
                Some(new)
            };
            prop_assert_eq!(swiss().rate_on(class, d), expected);
            let one_day = swiss().split_line_on(class, d, chf(100), Treatment::Domestic);
            match expected {
                Some(bp) => prop_assert_eq!(one_day.unwrap()[0].rate_bp, bp),
                None => prop_assert!(one_day.is_err()),
            }
        }
    }
}
