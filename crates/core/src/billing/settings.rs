//! The `[billing]` configuration (issue 11): the seller invoices carry, the
//! accounts they are paid to, the number series, payment terms, rounding,
//! fonts and the VAT table. Each key can be set as `GUICHET_BILLING__…`.
//!
//! The default is a demo seller with a test IBAN, so a fresh server can
//! invoice; [`BillingSettings::is_demo`] tells, so the server can say so.
//! A `[billing.seller]` section must be given whole: a seller half real and
//! half demo would put a wrong address on legal documents.

use std::path::PathBuf;

use iban::Iban;
use serde::{Deserialize, Serialize};

use super::reference::{Reference, is_qr_iban};
use super::vat::VatSettings;
use crate::{
    error::Error,
    money::Currency,
    orgs::{
        address::{Address, AddressInput},
        vat::VatNumber,
    },
    text,
};

/// The demo account: the example IBAN banks publish (no money arrives).
pub const DEMO_IBAN: &str = "CH9300762011623852957";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BillingSettings {
    /// Who invoices: on every invoice and its payment part.
    pub seller: Seller,
    /// The account for RF references and non-QR payments.
    pub iban: String,
    /// A QR-IBAN (bank code 30000–31999): CHF invoices then carry a QR
    /// reference and are paid to it.
    pub qr_iban: Option<String>,
    /// The account for EUR invoices; without it, `iban`.
    pub eur_iban: Option<String>,
    /// Lines under the seller on the PDF (web site, mail, phone).
    pub letterhead: Vec<String>,
    /// Invoice numbers: `{year}` and `{number}` or `{number:0N}` (N digits,
    /// zero-padded). Numbering restarts when the series key changes (see
    /// [`series_key`]).
    pub invoice_series: String,
    pub credit_note_series: String,
    /// Days from issue to the due date.
    pub payment_terms_days: u32,
    /// Round the payable total of CHF invoices to 5 Rappen (a separate
    /// rounding line; the VAT is unchanged).
    pub round_to_5_rappen: bool,
    /// A folder with Liberation Sans (or Arial, Helvetica) for the PDF;
    /// without it the system's fonts.
    pub fonts_dir: Option<PathBuf>,
    pub vat: VatSettings,
}

/// The seller, structured as the QR-bill requires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seller {
    pub name: String,
    pub street: String,
    /// May be empty where the street has no numbers.
    #[serde(default)]
    pub building_number: String,
    pub postcode: String,
    pub town: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// The Swiss UID with its VAT suffix: `CHE-123.456.789 MWST`.
    #[serde(default)]
    pub vat_number: Option<String>,
}

impl Seller {
    /// The demo seller: obviously not a real one (its UID has a valid
    /// check digit but the form of a placeholder).
    pub fn demo() -> Seller {
        Seller {
            name: "Demo Provider Ltd".into(),
            street: "Bahnhofstrasse".into(),
            building_number: "1".into(),
            postcode: "8001".into(),
            town: "Zürich".into(),
            country: "CH".into(),
            vat_number: Some("CHE-999.999.996 MWST".into()),
        }
    }

    /// The seller's address, checked as a billing address (QR-bill
    /// lengths, postcode of the country, no control characters) and
    /// normalised (blanks collapsed, country upper case).
    pub fn address(&self) -> crate::Result<Address> {
        Address::parse(&AddressInput {
            name: self.name.clone(),
            street: self.street.clone(),
            building_number: self.building_number.clone(),
            postcode: self.postcode.clone(),
            town: self.town.clone(),
            country: self.country.clone(),
        })
    }
}

impl Default for BillingSettings {
    fn default() -> Self {
        BillingSettings {
            seller: Seller::demo(),
            iban: DEMO_IBAN.into(),
            qr_iban: None,
            eur_iban: None,
            letterhead: vec!["www.example.com".into(), "billing@example.com".into()],
            invoice_series: "{year}-{number:06}".into(),
            credit_note_series: "CN-{year}-{number:06}".into(),
            payment_terms_days: 30,
            round_to_5_rappen: false,
            fonts_dir: None,
            vat: VatSettings::default(),
        }
    }
}

/// Longest payment term accepted, in days.
pub const MAX_PAYMENT_TERMS_DAYS: u32 = 365;
/// Longest letterhead line, in characters.
pub const LETTERHEAD_LINE_MAX: usize = 100;

impl BillingSettings {
    /// Every problem of the settings, each a sentence naming its key;
    /// `Ok` when there is none.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        self.seller_problems(&mut problems);
        self.account_problems(&mut problems);
        for (i, line) in self.letterhead.iter().enumerate() {
            if let Err(Error::Validation(errors)) = text::check_name("letterhead", line) {
                for e in errors {
                    problems.push(format!("billing.letterhead[{i}]: {}", e.description));
                }
            }
            if line.chars().count() > LETTERHEAD_LINE_MAX {
                problems.push(format!(
                    "billing.letterhead[{i}]: at most {LETTERHEAD_LINE_MAX} characters"
                ));
            }
        }
        for (key, format) in [
            ("invoice_series", &self.invoice_series),
            ("credit_note_series", &self.credit_note_series),
        ] {
            for p in format_problems(format) {
                problems.push(format!("billing.{key}: {p}"));
            }
        }
        if self.invoice_series == self.credit_note_series {
            problems.push(
                "billing.credit_note_series: must differ from invoice_series, or an invoice and a credit note could share a number".into(),
            );
        }
        if self.payment_terms_days > MAX_PAYMENT_TERMS_DAYS {
            problems.push(format!(
                "billing.payment_terms_days: at most {MAX_PAYMENT_TERMS_DAYS}"
            ));
        }
        problems.extend(self.vat.problems());
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    fn seller_problems(&self, problems: &mut Vec<String>) {
        if let Err(Error::Validation(errors)) = self.seller.address() {
            for e in errors {
                problems.push(format!("billing.seller.{}: {}", e.attribute, e.description));
            }
        }
        match &self.seller.vat_number {
            Some(number) => match VatNumber::parse(number) {
                Ok(n) if n.as_str().starts_with("CHE-") => {}
                Ok(_) => problems.push(
                    "billing.seller.vat_number: the Swiss UID, e.g. CHE-123.456.789 MWST".into(),
                ),
                Err(Error::Validation(errors)) => {
                    for e in errors {
                        problems.push(format!("billing.seller.vat_number: {}", e.description));
                    }
                }
                Err(e) => problems.push(format!("billing.seller.vat_number: {e}")),
            },
            // Only a registered seller may charge VAT (and must show its
            // number): without one, every rate must be 0.
            None if self.vat.rates.iter().any(|r| r.rate_bp > 0) => problems.push(
                "billing.seller.vat_number: required while the VAT rates are not 0 (invoices show Swiss VAT)".into(),
            ),
            None => {}
        }
    }

    fn account_problems(&self, problems: &mut Vec<String>) {
        let accounts = [
            ("iban", Some(&self.iban), false),
            ("qr_iban", self.qr_iban.as_ref(), true),
            ("eur_iban", self.eur_iban.as_ref(), false),
        ];
        for (key, value, must_be_qr) in accounts {
            let Some(value) = value else { continue };
            match value.trim().parse::<Iban>() {
                Err(e) => problems.push(format!("billing.{key}: not a valid IBAN ({e})")),
                Ok(_) if must_be_qr && !is_qr_iban(value.trim()) => problems.push(format!(
                    "billing.{key}: not a QR-IBAN (a Swiss or Liechtenstein IBAN with a bank code 30000–31999)"
                )),
                Ok(_) if !must_be_qr && is_qr_iban(value.trim()) => problems.push(format!(
                    "billing.{key}: a QR-IBAN takes only QR references; put it in qr_iban"
                )),
                Ok(_) => {}
            }
        }
        if self.seller != Seller::demo() && electronic(&self.iban) == DEMO_IBAN {
            problems.push(
                "billing.iban: still the demo account while the seller is yours; set your IBAN"
                    .into(),
            );
        }
    }

    /// Whether invoices would go out from the demo seller or to the demo
    /// account (the server warns at start).
    pub fn is_demo(&self) -> bool {
        self.seller == Seller::demo() || electronic(&self.iban) == DEMO_IBAN
    }

    /// BNK-1: the reference of the invoice with reference number `seq`
    /// (QR reference for CHF with a QR-IBAN, else RF).
    pub fn reference(&self, currency: Currency, seq: u64) -> Reference {
        Reference::for_invoice(currency, self.qr_iban.as_deref(), seq)
    }

    /// The provider's accounts, in electronic form: a bank statement on
    /// any other is refused (BNK-2).
    pub fn accounts(&self) -> Vec<String> {
        let mut all = vec![electronic(&self.iban)];
        all.extend(self.qr_iban.as_deref().map(electronic));
        all.extend(self.eur_iban.as_deref().map(electronic));
        all
    }

    /// The account an invoice in `currency` is paid to, in electronic form
    /// (no spaces): the QR-IBAN for CHF when there is one (it goes with
    /// the QR reference of [`Self::reference`]), the EUR account for EUR
    /// when there is one, else `iban`.
    pub fn payment_iban(&self, currency: Currency) -> String {
        let chosen = match currency {
            Currency::Chf => self.qr_iban.as_deref().filter(|q| is_qr_iban(q)),
            Currency::Eur => self.eur_iban.as_deref(),
        };
        electronic(chosen.unwrap_or(&self.iban))
    }
}

/// An IBAN as typed, in electronic form: no blanks, upper case.
fn electronic(iban: &str) -> String {
    iban.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// A piece of a number format.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Year,
    /// `{number}` (no padding) or `{number:0N}`.
    Number {
        width: usize,
    },
    /// Anything else in braces, or an unclosed brace: written as is.
    Unknown(&'a str),
}

/// The widest zero-padding accepted (u64 has 20 digits).
const MAX_NUMBER_WIDTH: usize = 20;

fn pieces(format: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = format;
    while !rest.is_empty() {
        let Some(open) = rest.find('{') else {
            out.push(Piece::Text(rest));
            break;
        };
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            out.push(Piece::Unknown(&rest[open..]));
            break;
        };
        let inner = &rest[open + 1..close];
        out.push(match inner {
            "year" => Piece::Year,
            "number" => Piece::Number { width: 0 },
            _ => inner
                .strip_prefix("number:0")
                .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|w| (1..=MAX_NUMBER_WIDTH).contains(w))
                .map_or(Piece::Unknown(&rest[open..=close]), |width| Piece::Number {
                    width,
                }),
        });
        rest = &rest[close + 1..];
    }
    out
}

/// What is wrong with a number format.
fn format_problems(format: &str) -> Vec<String> {
    let pieces = pieces(format);
    let mut problems = Vec::new();
    let numbers = pieces
        .iter()
        .filter(|p| matches!(p, Piece::Number { .. }))
        .count();
    if numbers != 1 {
        problems.push(format!(
            "`{format}` must contain {{number}} (or {{number:06}}) exactly once"
        ));
    }
    for p in &pieces {
        match p {
            Piece::Unknown(text) => problems.push(format!(
                "`{text}` is not {{year}}, {{number}} or {{number:0N}} (N from 1 to {MAX_NUMBER_WIDTH})"
            )),
            Piece::Text(text)
                if !text
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-/._#".contains(&b)) =>
            {
                problems.push(format!(
                    "`{text}`: only letters, digits and - / . _ # around the placeholders"
                ));
            }
            _ => {}
        }
    }
    // "{year}{number}" or "1{number}" could write one number from two
    // counters ("202611" is year 2026 number 11, or "{year}1{number}"
    // number 1): a non-digit must separate the number from digits.
    for pair in pieces.windows(2) {
        let digit_at = |p: &Piece<'_>, end: bool| match p {
            Piece::Year => true,
            Piece::Text(t) => {
                let b = if end {
                    t.bytes().last()
                } else {
                    t.bytes().next()
                };
                b.is_some_and(|b| b.is_ascii_digit())
            }
            _ => false,
        };
        let touching = match (&pair[0], &pair[1]) {
            (Piece::Number { .. }, next) => digit_at(next, false),
            (before, Piece::Number { .. }) => digit_at(before, true),
            _ => false,
        };
        if touching {
            problems.push(format!(
                "`{format}`: put a separator such as - between {{number}} and digits or {{year}}"
            ));
        }
    }
    problems
}

/// A document number: `"{year}-{number:06}"`, 2026, 123 → `"2026-000123"`.
/// A number wider than its padding is written whole.
pub fn format_number(format: &str, year: i16, number: u64) -> String {
    let mut out = String::with_capacity(format.len() + 8);
    for piece in pieces(format) {
        match piece {
            Piece::Text(text) | Piece::Unknown(text) => out.push_str(text),
            Piece::Year => out.push_str(&year.to_string()),
            Piece::Number { width } => out.push_str(&format!("{number:0width$}")),
        }
    }
    out
}

/// The counter a series numbers by: the format with `{year}` filled in and
/// `{number}` left out (`"{year}-{number:06}"`, 2026 → `"2026-"`). When it
/// changes — a new year, a new format — numbering starts again at 1.
pub fn series_key(format: &str, year: i16) -> String {
    let mut out = String::with_capacity(format.len());
    for piece in pieces(format) {
        match piece {
            Piece::Text(text) | Piece::Unknown(text) => out.push_str(text),
            Piece::Year => out.push_str(&year.to_string()),
            Piece::Number { .. } => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn problems(settings: &BillingSettings) -> Vec<String> {
        settings.validate().err().unwrap_or_default()
    }

    fn assert_problem(settings: &BillingSettings, expected: &str) {
        let found = problems(settings);
        assert!(
            found.iter().any(|p| p.contains(expected)),
            "{expected:?} not in {found:#?}"
        );
    }

    fn real_seller() -> Seller {
        Seller {
            name: "Robert Schneider AG".into(),
            street: "Rue du Lac".into(),
            building_number: "1268".into(),
            postcode: "2501".into(),
            town: "Biel".into(),
            country: "CH".into(),
            vat_number: Some("CHE-999.999.996 MWST".into()),
        }
    }

    #[test]
    fn the_demo_can_invoice() {
        let demo = BillingSettings::default();
        assert_eq!(demo.validate(), Ok(()));
        assert!(demo.is_demo());
        assert_eq!(
            demo.seller.address().unwrap().town,
            "Zürich",
            "the demo seller is a valid address"
        );
        assert_eq!(demo.payment_iban(Currency::Chf), DEMO_IBAN);
        assert_eq!(demo.payment_iban(Currency::Eur), DEMO_IBAN);
        assert!(matches!(demo.reference(Currency::Chf, 1), Reference::Rf(_)));
    }

    #[test]
    fn read_from_configuration_text() {
        // What figment hands over from guichet.toml and GUICHET_BILLING__…
        let json = serde_json::json!({
            "seller": {
                "name": "Robert Schneider AG", "street": "Rue du Lac",
                "building_number": "1268", "postcode": "2501", "town": "Biel",
                "country": "CH", "vat_number": "CHE-999.999.996 MWST"
            },
            "iban": "CH58 0079 1123 0008 8901 2",
            "qr_iban": "CH44 3199 9123 0008 8901 2",
            "invoice_series": "INV-{year}-{number:05}",
            "vat": {"domestic_countries": ["CH", "LI"]}
        });
        let s: BillingSettings = serde_json::from_value(json).unwrap();
        assert_eq!(s.validate(), Ok(()));
        assert!(!s.is_demo());
        assert_eq!(s.payment_terms_days, 30);
        assert_eq!(s.credit_note_series, "CN-{year}-{number:06}");
        assert_eq!(s.payment_iban(Currency::Chf), "CH4431999123000889012");
        assert_eq!(s.payment_iban(Currency::Eur), "CH5800791123000889012");
        assert_eq!(
            s.reference(Currency::Chf, 7),
            Reference::Qrr(super::super::reference::qrr_from_number(7))
        );
        assert!(matches!(s.reference(Currency::Eur, 7), Reference::Rf(_)));
        // An unknown key, and a seller given in part, are refused.
        for refused in [
            serde_json::json!({"seler": {}}),
            serde_json::json!({"seller": {"name": "Only a name"}}),
            serde_json::json!({"seller": {
                "name": "A", "street": "B", "postcode": "8000", "town": "C",
                "country": "CH", "phone": "123"
            }}),
            serde_json::json!({"payment_terms_days": -1}),
        ] {
            assert!(
                serde_json::from_value::<BillingSettings>(refused.clone()).is_err(),
                "{refused}"
            );
        }
    }

    #[test]
    fn every_problem_is_listed() {
        let s = BillingSettings {
            seller: Seller {
                name: "".into(),
                street: "x".repeat(71),
                building_number: "1".repeat(17),
                postcode: "80001".into(),
                town: "Zürich\nWest".into(),
                country: "CH".into(),
                vat_number: Some("CHE-123.456.789 MWST".into()),
            },
            iban: "CH44 3199 9123 0008 8901 2".into(),
            qr_iban: Some("CH93 0076 2011 6238 5295 7".into()),
            eur_iban: Some("DE00 0000".into()),
            letterhead: vec!["ok".into(), "bad\u{202e}line".into(), "y".repeat(101)],
            invoice_series: "{year}{number}".into(),
            credit_note_series: "CN {year}-{nummer}".into(),
            payment_terms_days: 400,
            ..BillingSettings::default()
        };
        let found = problems(&s);
        for expected in [
            "billing.seller.name:",
            "billing.seller.street:",
            "billing.seller.building_number:",
            "billing.seller.town:",
            "billing.seller.vat_number: The check digit",
            "billing.iban: a QR-IBAN takes only QR references",
            "billing.qr_iban: not a QR-IBAN",
            "billing.eur_iban: not a valid IBAN",
            "billing.letterhead[1]:",
            "billing.letterhead[2]: at most 100",
            "billing.invoice_series: `{year}{number}`: put a separator",
            "billing.credit_note_series: `CN {year}-{nummer}` must contain {number}",
            "billing.credit_note_series: `{nummer}` is not {year}",
            "billing.credit_note_series: `CN `: only letters",
            "billing.payment_terms_days: at most 365",
        ] {
            assert!(
                found.iter().any(|p| p.contains(expected)),
                "{expected:?} not in {found:#?}"
            );
        }
        assert!(!found.iter().any(|p| p.contains("letterhead[0]")));
    }

    #[test]
    fn accounts_and_seller_rules() {
        // A real seller still paid to the demo account.
        let s = BillingSettings {
            seller: real_seller(),
            ..BillingSettings::default()
        };
        assert_problem(&s, "billing.iban: still the demo account");
        assert!(s.is_demo());
        // A foreign VAT number is not the seller's Swiss UID.
        let s = BillingSettings {
            seller: Seller {
                vat_number: Some("DE123456789".into()),
                ..Seller::demo()
            },
            ..BillingSettings::default()
        };
        assert_problem(&s, "billing.seller.vat_number: the Swiss UID");
        // Without a UID, only 0 % rates.
        let mut s = BillingSettings {
            seller: Seller {
                vat_number: None,
                ..real_seller()
            },
            iban: "CH58 0079 1123 0008 8901 2".into(),
            ..BillingSettings::default()
        };
        assert_problem(&s, "billing.seller.vat_number: required");
        for rate in &mut s.vat.rates {
            rate.rate_bp = 0;
        }
        assert_eq!(s.validate(), Ok(()));
        // The VAT table's problems are the settings' problems.
        let mut s = BillingSettings::default();
        s.vat.domestic_countries.clear();
        assert_problem(&s, "billing.vat.domestic_countries");
        // A single problem is a single line.
        let s = BillingSettings {
            invoice_series: "{year}-{number}".into(),
            credit_note_series: "{year}-{number}".into(),
            ..BillingSettings::default()
        };
        assert_eq!(problems(&s).len(), 1, "{:#?}", problems(&s));
        assert_problem(&s, "billing.credit_note_series: must differ");
        // An ordinary IBAN of another country is a fine EUR account.
        let s = BillingSettings {
            eur_iban: Some("DE89 3704 0044 0532 0130 00".into()),
            ..BillingSettings::default()
        };
        assert_eq!(s.validate(), Ok(()));
        assert_eq!(s.payment_iban(Currency::Eur), "DE89370400440532013000");
        assert_eq!(s.payment_iban(Currency::Chf), DEMO_IBAN);
    }

    #[test]
    fn numbers_and_series_keys() {
        for (format, year, number, expected, key) in [
            ("{year}-{number:06}", 2026, 123, "2026-000123", "2026-"),
            (
                "CN-{year}-{number:06}",
                2026,
                1,
                "CN-2026-000001",
                "CN-2026-",
            ),
            (
                "{year}-{number:06}",
                2027,
                1_234_567,
                "2027-1234567",
                "2027-",
            ),
            ("INV-{number}", 2026, 42, "INV-42", "INV-"),
            ("{number:03}/{year}", 2026, 7, "007/2026", "/2026"),
            (
                "{year}-{number:020}",
                2026,
                u64::MAX,
                "2026-18446744073709551615",
                "2026-",
            ),
        ] {
            assert_eq!(format_number(format, year, number), expected, "{format}");
            assert_eq!(series_key(format, year), key, "{format}");
            assert_eq!(format_problems(format), Vec::<String>::new(), "{format}");
        }
        // Unknown placeholders are written as they are (validation refuses
        // them before any number is given).
        assert_eq!(format_number("{yy}-{number}", 2026, 5), "{yy}-5");
        assert_eq!(format_number("A{number", 2026, 5), "A{number");
        for refused in [
            "{year}",
            "{number}{number}",
            "{number:6}",
            "{number:00}",
            "{number:021}",
            "{number:0x}",
            "{year}{number}",
            "{number}{year}",
            "1{number}",
            "{number}9",
            "A B{number}",
            "A{number",
            "",
        ] {
            assert!(!format_problems(refused).is_empty(), "{refused}");
        }
    }

    proptest! {
        // issue 11: numbers of one series differ, and numbers of two years
        // or two accepted formats never collide.
        #[test]
        fn numbers_are_distinct(a in 1u64..10_000_000, b in 1u64..10_000_000, width in 1usize..10, year in 2000i16..2100) {
            let format = format!("{{year}}-{{number:0{width}}}");
            prop_assert!(format_problems(&format).is_empty());
            if a != b {
                prop_assert_ne!(format_number(&format, year, a), format_number(&format, year, b));
            }
            prop_assert_ne!(format_number(&format, year, a), format_number(&format, year + 1, b));
            prop_assert_eq!(series_key(&format, year), format!("{year}-"));
        }

        #[test]
        fn formats_never_panic(format in "\\PC{0,30}", number in any::<u64>()) {
            let _ = format_problems(&format);
            let text = format_number(&format, 2026, number);
            if format_problems(&format).is_empty() {
                prop_assert!(text.contains(&number.to_string()));
            }
        }
    }
}
