//! Money: an amount in integer minor units of one currency (DESIGN.md,
//! "Portable types"). Never a float: amounts are parsed from and written as
//! exact decimal strings, `"12.50"` ↔ 1250, and arithmetic is checked —
//! an overflow or a mix of currencies is an error, never a wrapped or
//! silently converted amount.
//!
//! On the wire (API, stored JSON): `{"amount": "12.50", "currency": "CHF"}`;
//! a number as the amount is refused, so no client's float rounding can
//! slip in. In SQL: a `BIGINT` of minor units beside a currency code column.

use std::{borrow::Cow, fmt};

use serde::{Deserialize, Serialize};

/// An ISO 4217 currency Guichet bills in, with its number of minor digits;
/// an organisation's currency is one of these (`orgs` re-exports it).
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
pub enum Currency {
    #[serde(rename = "CHF")]
    Chf,
    #[serde(rename = "EUR")]
    Eur,
}

impl Currency {
    pub const ALL: [Currency; 2] = [Currency::Chf, Currency::Eur];

    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Chf => "CHF",
            Currency::Eur => "EUR",
        }
    }

    /// The currency of an ISO 4217 code (upper case, as ISO writes it).
    pub fn parse(code: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Digits after the decimal point (ISO 4217's "minor unit"): 2 for
    /// both, centimes and cents.
    pub fn minor_digits(self) -> u32 {
        match self {
            Currency::Chf | Currency::Eur => 2,
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Why an amount was refused or an operation had no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("the amount is out of range")]
    Overflow,
    #[error("cannot combine {0} and {1}")]
    CurrencyMismatch(Currency, Currency),
    #[error(
        "not an amount of {currency}: write digits with at most {digits} after a point, such as \"12.50\""
    )]
    Invalid { currency: Currency, digits: u32 },
}

/// An amount of one currency, in minor units (1250 is 12.50 CHF).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    pub amount_minor: i64,
    pub currency: Currency,
}

impl Money {
    pub const fn new(amount_minor: i64, currency: Currency) -> Money {
        Money {
            amount_minor,
            currency,
        }
    }

    pub const fn zero(currency: Currency) -> Money {
        Money::new(0, currency)
    }

    pub const fn is_zero(self) -> bool {
        self.amount_minor == 0
    }

    pub const fn is_negative(self) -> bool {
        self.amount_minor < 0
    }

    fn same_currency(self, other: Money) -> Result<Currency, MoneyError> {
        if self.currency == other.currency {
            Ok(self.currency)
        } else {
            Err(MoneyError::CurrencyMismatch(self.currency, other.currency))
        }
    }

    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        let currency = self.same_currency(other)?;
        let sum = self
            .amount_minor
            .checked_add(other.amount_minor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(sum, currency))
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        let currency = self.same_currency(other)?;
        let difference = self
            .amount_minor
            .checked_sub(other.amount_minor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(difference, currency))
    }

    pub fn checked_neg(self) -> Result<Money, MoneyError> {
        let negated = self
            .amount_minor
            .checked_neg()
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(negated, self.currency))
    }

    /// The amount `times` times (a quantity of a price).
    pub fn checked_mul(self, times: i64) -> Result<Money, MoneyError> {
        let product = self
            .amount_minor
            .checked_mul(times)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(product, self.currency))
    }

    /// The sum of `items`, all of `currency` (zero when there are none).
    pub fn checked_sum(
        currency: Currency,
        items: impl IntoIterator<Item = Money>,
    ) -> Result<Money, MoneyError> {
        items
            .into_iter()
            .try_fold(Money::zero(currency), Money::checked_add)
    }

    /// Parse an exact decimal string of `currency`: an optional `-`, the
    /// units without leading zeros (`0` alone is fine), and optionally a
    /// point followed by one to `minor_digits` digits. "12.50", "12.5",
    /// "12", "-0.5" (−50 minor units) and "0.05" are amounts; refused are
    /// more digits than the currency has ("12.505", even "12.500"), an
    /// exponent ("1e3"), a sign `+`, white space (" 12"), a bare or
    /// trailing point (".5", "12."), separators ("1'000", "1,5"),
    /// non-ASCII digits, negative zero ("-0", "-0.00": zero has one
    /// spelling) and amounts beyond ±2⁶³ minor units.
    pub fn parse(amount: &str, currency: Currency) -> Result<Money, MoneyError> {
        let digits = currency.minor_digits();
        let minor = parse_minor(amount, digits).map_err(|e| match e {
            ParseFailure::Overflow => MoneyError::Overflow,
            ParseFailure::Invalid => MoneyError::Invalid { currency, digits },
        })?;
        Ok(Money::new(minor, currency))
    }

    /// The amount as an exact decimal string with the currency's minor
    /// digits: 1250 CHF is "12.50", −5 is "-0.05". `parse` reads it back.
    pub fn amount_string(self) -> String {
        format_minor(self.amount_minor, self.currency.minor_digits())
    }
}

/// "12.50 CHF".
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount_string(), self.currency)
    }
}

#[derive(Debug, PartialEq, Eq)]
enum ParseFailure {
    Invalid,
    Overflow,
}

/// The minor units `s` spells with `digits` minor digits (see
/// [`Money::parse`] for the grammar).
fn parse_minor(s: &str, digits: u32) -> Result<i64, ParseFailure> {
    let (negative, rest) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (units, fraction) = match rest.split_once('.') {
        Some((units, fraction)) => (units, Some(fraction)),
        None => (rest, None),
    };
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(units) || (units.len() > 1 && units.starts_with('0')) {
        return Err(ParseFailure::Invalid);
    }
    let fraction = fraction.unwrap_or_default();
    if (!fraction.is_empty() && !all_digits(fraction)) || fraction.len() > digits as usize {
        return Err(ParseFailure::Invalid);
    }
    if rest.ends_with('.') {
        return Err(ParseFailure::Invalid);
    }
    // i64 has 19 digits: longer unit parts overflow whatever they say
    // (leading zeros are refused above).
    if units.len() > 19 {
        return Err(ParseFailure::Overflow);
    }
    let mut minor: i128 = 0;
    for b in units.bytes() {
        minor = minor * 10 + i128::from(b - b'0');
    }
    for i in 0..digits as usize {
        let d = fraction.as_bytes().get(i).map_or(0, |b| b - b'0');
        minor = minor * 10 + i128::from(d);
    }
    if negative {
        if minor == 0 {
            return Err(ParseFailure::Invalid);
        }
        minor = -minor;
    }
    i64::try_from(minor).map_err(|_| ParseFailure::Overflow)
}

fn format_minor(minor: i64, digits: u32) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let magnitude = minor.unsigned_abs();
    if digits == 0 {
        return format!("{sign}{magnitude}");
    }
    let scale = 10u64.pow(digits);
    format!(
        "{sign}{}.{:0width$}",
        magnitude / scale,
        magnitude % scale,
        width = digits as usize
    )
}

/// The wire shape. `amount` is a string: a JSON number is refused.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = Money)]
struct MoneyJson<'a> {
    /// An exact decimal string with at most the currency's minor digits
    /// (two for CHF and EUR): "12.50", "-3.05". Never a number.
    #[schema(
        value_type = String,
        pattern = r"^-?(0|[1-9][0-9]*)(\.[0-9]{1,2})?$",
        example = "12.50"
    )]
    #[serde(borrow)]
    amount: Cow<'a, str>,
    currency: Currency,
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        MoneyJson {
            amount: Cow::Owned(self.amount_string()),
            currency: self.currency,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        let wire = MoneyJson::deserialize(deserializer)?;
        Money::parse(&wire.amount, wire.currency).map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for Money {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        <MoneyJson<'static> as utoipa::PartialSchema>::schema()
    }
}

impl utoipa::ToSchema for Money {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Money")
    }

    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        <MoneyJson<'static> as utoipa::ToSchema>::schemas(schemas);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CHF: Currency = Currency::Chf;
    const EUR: Currency = Currency::Eur;

    fn chf(minor: i64) -> Money {
        Money::new(minor, CHF)
    }

    #[test]
    fn parses_exact_decimal_strings() {
        for (text, minor) in [
            ("12.50", 1250),
            ("12.5", 1250),
            ("12", 1200),
            ("0", 0),
            ("0.00", 0),
            ("0.05", 5),
            ("-0.5", -50),
            ("-0.05", -5),
            ("-12.34", -1234),
            ("92233720368547758.07", i64::MAX),
            ("-92233720368547758.08", i64::MIN),
        ] {
            assert_eq!(Money::parse(text, CHF), Ok(chf(minor)), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_exact_amount() {
        let invalid = MoneyError::Invalid {
            currency: CHF,
            digits: 2,
        };
        for text in [
            "", "-", ".", "12.505", "12.500", "1e3", "1E3", " 12", "12 ", "+1", "-0", "-0.00",
            "-0.0", ".5", "12.", "-.5", "012", "00.5", "1'000", "1,50", "1_000", "--1", "0x10",
            "١٢", "12.5.0", "NaN", "inf", "12.-5", "12.+5",
        ] {
            assert_eq!(Money::parse(text, CHF), Err(invalid.clone()), "{text:?}");
        }
        for text in [
            "92233720368547758.08",
            "-92233720368547758.09",
            "99999999999999999999",
            "1000000000000000000000000.00",
        ] {
            assert_eq!(
                Money::parse(text, CHF),
                Err(MoneyError::Overflow),
                "{text:?}"
            );
        }
    }

    #[test]
    fn formats_with_the_currency_minor_digits() {
        for (minor, text) in [
            (1250, "12.50"),
            (5, "0.05"),
            (-5, "-0.05"),
            (0, "0.00"),
            (-1250, "-12.50"),
            (i64::MAX, "92233720368547758.07"),
            (i64::MIN, "-92233720368547758.08"),
        ] {
            assert_eq!(chf(minor).amount_string(), text);
        }
        assert_eq!(chf(1250).to_string(), "12.50 CHF");
        // The grammar does not depend on two digits.
        assert_eq!(format_minor(-1234, 0), "-1234");
        assert_eq!(format_minor(1234, 3), "1.234");
        assert_eq!(parse_minor("1.234", 3), Ok(1234));
        assert_eq!(parse_minor("1.2345", 3), Err(ParseFailure::Invalid));
        assert_eq!(parse_minor("12", 0), Ok(12));
        assert_eq!(parse_minor("12.0", 0), Err(ParseFailure::Invalid));
    }

    #[test]
    fn arithmetic_is_checked() {
        assert_eq!(chf(1250).checked_add(chf(5)), Ok(chf(1255)));
        assert_eq!(chf(1250).checked_sub(chf(1300)), Ok(chf(-50)));
        assert_eq!(chf(-50).checked_neg(), Ok(chf(50)));
        assert_eq!(chf(1250).checked_mul(3), Ok(chf(3750)));
        assert_eq!(chf(i64::MAX).checked_add(chf(1)), Err(MoneyError::Overflow));
        assert_eq!(chf(i64::MIN).checked_sub(chf(1)), Err(MoneyError::Overflow));
        assert_eq!(chf(i64::MIN).checked_neg(), Err(MoneyError::Overflow));
        assert_eq!(chf(i64::MAX).checked_mul(2), Err(MoneyError::Overflow));
        assert_eq!(chf(i64::MIN).checked_mul(-1), Err(MoneyError::Overflow));
        let eur = Money::new(1, EUR);
        assert_eq!(
            chf(1).checked_add(eur),
            Err(MoneyError::CurrencyMismatch(CHF, EUR))
        );
        assert_eq!(
            chf(1).checked_sub(eur),
            Err(MoneyError::CurrencyMismatch(CHF, EUR))
        );
        assert_eq!(
            Money::checked_sum(CHF, [chf(1), chf(2), chf(3)]),
            Ok(chf(6))
        );
        assert_eq!(Money::checked_sum(EUR, []), Ok(Money::zero(EUR)));
        assert_eq!(
            Money::checked_sum(CHF, [chf(1), eur]),
            Err(MoneyError::CurrencyMismatch(CHF, EUR))
        );
    }

    #[test]
    fn json_is_a_string_amount_and_a_code() {
        let json = serde_json::to_value(chf(1250)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"amount": "12.50", "currency": "CHF"})
        );
        let back: Money = serde_json::from_str(r#"{"amount":"-0.05","currency":"EUR"}"#).unwrap();
        assert_eq!(back, Money::new(-5, EUR));
        for refused in [
            r#"{"amount":12.5,"currency":"CHF"}"#,
            r#"{"amount":1250,"currency":"CHF"}"#,
            r#"{"amount":"12.505","currency":"CHF"}"#,
            r#"{"amount":"1e3","currency":"CHF"}"#,
            r#"{"amount":"12.50","currency":"USD"}"#,
            r#"{"amount":"12.50","currency":"chf"}"#,
            r#"{"amount":"12.50"}"#,
            r#"{"currency":"CHF"}"#,
            r#"{"amount":"12.50","currency":"CHF","rate":1}"#,
            r#""12.50 CHF""#,
        ] {
            assert!(
                serde_json::from_str::<Money>(refused).is_err(),
                "accepted {refused}"
            );
        }
        // An escaped string (not borrowable) is read too.
        let escaped: Money =
            serde_json::from_str(r#"{"amount":"1\u0032.50","currency":"CHF"}"#).unwrap();
        assert_eq!(escaped, chf(1250));
    }

    #[test]
    fn openapi_schema_says_string_amount_and_currency() {
        use utoipa::{PartialSchema, ToSchema};
        assert_eq!(Money::name(), "Money");
        let schema = serde_json::to_value(Money::schema()).unwrap();
        assert_eq!(schema["type"], "object");
        assert_eq!(schema["properties"]["amount"]["type"], "string");
        assert!(
            schema["properties"]["amount"]["pattern"].is_string(),
            "{schema}"
        );
        let required = schema["required"].as_array().unwrap();
        assert!(required.contains(&"amount".into()) && required.contains(&"currency".into()));
        let mut referenced = Vec::new();
        Money::schemas(&mut referenced);
        assert!(
            referenced.iter().any(|(name, _)| name == "Currency"),
            "{:?}",
            referenced.iter().map(|(name, _)| name).collect::<Vec<_>>()
        );
    }

    #[test]
    fn currency_codes() {
        for c in Currency::ALL {
            assert_eq!(Currency::parse(c.code()), Some(c));
            assert_eq!(c.minor_digits(), 2);
        }
        assert_eq!(Currency::parse("chf"), None);
        assert_eq!(Currency::parse("USD"), None);
    }

    fn any_currency() -> impl Strategy<Value = Currency> {
        prop::sample::select(Currency::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn format_then_parse_is_identity(minor in any::<i64>(), currency in any_currency()) {
            let m = Money::new(minor, currency);
            prop_assert_eq!(Money::parse(&m.amount_string(), currency), Ok(m));
        }

        #[test]
        fn json_round_trips(minor in any::<i64>(), currency in any_currency()) {
            let m = Money::new(minor, currency);
            let json = serde_json::to_string(&m).unwrap();
            prop_assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
        }

        #[test]
        fn parse_then_format_is_canonical(
            negative in any::<bool>(),
            units in 0u64..10_000_000_000,
            fraction in prop::option::of("[0-9]{1,2}"),
        ) {
            let mut text = format!("{}{units}", if negative { "-" } else { "" });
            if let Some(f) = &fraction {
                text.push('.');
                text.push_str(f);
            }
            let parsed = Money::parse(&text, CHF);
            let cents = fraction.as_deref().map_or(0, |f| {
                let padded = format!("{f:0<2}");
                padded.parse::<i64>().unwrap()
            });
            let expected = i64::try_from(units).unwrap() * 100 + cents;
            if negative && expected == 0 {
                prop_assert!(parsed.is_err());
            } else {
                let expected = if negative { -expected } else { expected };
                prop_assert_eq!(parsed, Ok(chf(expected)));
                // And it prints back the same amount, canonically.
                prop_assert_eq!(
                    Money::parse(&chf(expected).amount_string(), CHF),
                    Ok(chf(expected))
                );
            }
        }

        #[test]
        fn parse_never_panics_and_accepts_only_the_grammar(text in "\\PC{0,24}") {
            if let Ok(m) = Money::parse(&text, CHF) {
                // What is accepted is digits, at most one point, maybe a
                // leading minus, and reads back to the same value.
                prop_assert!(text.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit() || b == b'.'));
                prop_assert_eq!(Money::parse(&m.amount_string(), CHF), Ok(m));
            }
        }

        #[test]
        fn arithmetic_agrees_with_wide_integers(a in any::<i64>(), b in any::<i64>(), k in any::<i64>()) {
            let wide = |x: i128| i64::try_from(x).ok().map(chf).ok_or(MoneyError::Overflow);
            prop_assert_eq!(chf(a).checked_add(chf(b)), wide(i128::from(a) + i128::from(b)));
            prop_assert_eq!(chf(a).checked_sub(chf(b)), wide(i128::from(a) - i128::from(b)));
            prop_assert_eq!(chf(a).checked_mul(k), wide(i128::from(a) * i128::from(k)));
            prop_assert_eq!(chf(a).checked_neg(), wide(-i128::from(a)));
        }
    }
}
