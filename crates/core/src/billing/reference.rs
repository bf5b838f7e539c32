//! Payment references (BNK-1): every invoice carries its own, so a bank
//! credit finds its invoice by the reference alone.
//!
//! - QR reference (QRR): 27 digits, the last the recursive modulo-10 check
//!   digit of the 26 before it. Only with a QR-IBAN (bank code 30000–31999),
//!   so only for CHF invoices of a provider who has one.
//! - ISO 11649 creditor reference: `RF`, two check digits (modulo 97, only
//!   02–98 are issued), then 1–21 letters or digits. Everything else.
//!
//! Both are built from the invoice's unique reference number, so two
//! invoices never share a reference. Parsing accepts what people type
//! (spaces, lower case) and answers the electronic form (no spaces, upper
//! case), the one stored and matched.

use iban::{Iban, IbanLike};

use crate::money::Currency;

/// Why a text is not a payment reference.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    #[error("a QR reference has 27 digits")]
    QrrLength,
    #[error("a QR reference has digits only")]
    QrrCharacters,
    #[error("the check digit of this QR reference is wrong")]
    QrrCheckDigit,
    #[error("a creditor reference starts with RF and two check digits")]
    RfPrefix,
    #[error("a creditor reference has 1 to 21 letters or digits after RF and its check digits")]
    RfPayload,
    #[error("the check digits of this creditor reference are wrong")]
    RfCheckDigits,
    #[error("not a payment reference: a QR reference (27 digits) or a creditor reference (RF…)")]
    Unknown,
}

/// Length of a QR reference, check digit included.
pub const QRR_LEN: usize = 27;
/// Longest payload of a creditor reference (ISO 11649: 25 characters in
/// all, `RF` and the two check digits included).
pub const RF_PAYLOAD_MAX: usize = 21;

/// The recursive modulo-10 carry table (SIX, "Modulo 10, recursive").
const MOD10_TABLE: [u8; 10] = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5];

/// The check digit of `digits` (ASCII digits only; the caller checked).
fn mod10_recursive(digits: &[u8]) -> u8 {
    let carry = digits.iter().fold(0u8, |carry, d| {
        MOD10_TABLE[usize::from((carry + (d - b'0')) % 10)]
    });
    (10 - carry) % 10
}

/// The QR reference of a reference number: the number zero-padded to 26
/// digits, then its check digit. A u64 has at most 20 digits, so every
/// number has its own reference.
pub fn qrr_from_number(n: u64) -> String {
    let mut reference = format!("{n:026}");
    let check = mod10_recursive(reference.as_bytes());
    reference.push(char::from(b'0' + check));
    reference
}

/// Parse a QR reference as printed or typed: spaces anywhere are ignored;
/// 27 digits with a correct check digit. Answers the 27 digits.
pub fn parse_qrr(text: &str) -> Result<String, ReferenceError> {
    let compact = without_spaces(text);
    if !compact.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ReferenceError::QrrCharacters);
    }
    if compact.len() != QRR_LEN {
        return Err(ReferenceError::QrrLength);
    }
    let (payload, check) = compact.as_bytes().split_at(QRR_LEN - 1);
    if mod10_recursive(payload) != check[0] - b'0' {
        return Err(ReferenceError::QrrCheckDigit);
    }
    Ok(compact)
}

/// A QR reference grouped for print as SIX shows it: blocks of five from
/// the right, so the first has two digits ("21 00000 00003 13947 14300
/// 09017"). Other text is grouped the same way, unchecked.
pub fn format_qrr(reference: &str) -> String {
    let chars: Vec<char> = reference.chars().filter(|c| *c != ' ').collect();
    let head = chars.len() % 5;
    let mut out = String::with_capacity(chars.len() + chars.len() / 5);
    for (i, c) in chars.iter().enumerate() {
        if i > 0 && (i + 5 - head).is_multiple_of(5) {
            out.push(' ');
        }
        out.push(*c);
    }
    out
}

/// The remainder modulo 97 of the ISO 7064 number of `text`, letters
/// standing for 10 (A) to 35 (Z). `text` is upper-case ASCII alphanumeric.
fn mod97(text: impl Iterator<Item = u8>) -> u32 {
    text.fold(0u32, |rest, b| {
        let value = u32::from(match b {
            b'0'..=b'9' => b - b'0',
            _ => b - b'A' + 10,
        });
        if value < 10 {
            (rest * 10 + value) % 97
        } else {
            (rest * 100 + value) % 97
        }
    })
}

fn rf_payload_ok(payload: &str) -> bool {
    (1..=RF_PAYLOAD_MAX).contains(&payload.len())
        && payload
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
}

/// The creditor reference of `payload` (1–21 letters or digits; spaces and
/// lower case accepted): `RF`, the check digits (98 minus the remainder
/// modulo 97 of payload + "RF00", so always 02–98), the payload.
pub fn rf_from(payload: &str) -> Result<String, ReferenceError> {
    let payload = without_spaces(payload).to_ascii_uppercase();
    if !rf_payload_ok(&payload) {
        return Err(ReferenceError::RfPayload);
    }
    let rest = mod97(payload.bytes().chain(*b"RF00"));
    Ok(format!("RF{:02}{payload}", 98 - rest))
}

/// Parse a creditor reference as printed or typed (spaces anywhere, any
/// case): `RF`, check digits 02–98 that make the whole, rearranged, 1
/// modulo 97, and 1–21 letters or digits. Answers it upper case without
/// spaces.
pub fn parse_rf(text: &str) -> Result<String, ReferenceError> {
    let compact = without_spaces(text).to_ascii_uppercase();
    let Some(rest) = compact.strip_prefix("RF") else {
        return Err(ReferenceError::RfPrefix);
    };
    let Some((check, payload)) = rest.split_at_checked(2) else {
        return Err(ReferenceError::RfPrefix);
    };
    if !check.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ReferenceError::RfPrefix);
    }
    if !rf_payload_ok(payload) {
        return Err(ReferenceError::RfPayload);
    }
    // 00, 01 and 99 can pass the modulo (they are 97, 98 and 02 plus or
    // minus 97) but are never issued: ISO 11649 accepts 02–98 only.
    let digits: u32 = check.parse().map_err(|_| ReferenceError::RfPrefix)?;
    if !(2..=98).contains(&digits) || mod97(payload.bytes().chain(*b"RF").chain(check.bytes())) != 1
    {
        return Err(ReferenceError::RfCheckDigits);
    }
    Ok(compact)
}

/// A creditor reference grouped by four for print ("RF18 5390 0754 7034").
pub fn format_rf(reference: &str) -> String {
    let chars: Vec<char> = reference.chars().filter(|c| *c != ' ').collect();
    chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

fn without_spaces(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// An invoice's payment reference, in electronic form (no spaces).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Reference {
    /// A QR reference: 27 digits.
    Qrr(String),
    /// An ISO 11649 creditor reference: `RF…`.
    Rf(String),
}

impl Reference {
    /// BNK-1: a QR reference when the invoice is in CHF and the provider has
    /// a QR-IBAN (a QR reference is valid only with one), else a creditor
    /// reference. Both carry `seq`, the invoice's unique reference number.
    pub fn for_invoice(currency: Currency, qr_iban: Option<&str>, seq: u64) -> Reference {
        if currency == Currency::Chf && qr_iban.is_some_and(is_qr_iban) {
            Reference::Qrr(qrr_from_number(seq))
        } else {
            // A u64 has at most 20 digits: always a valid payload.
            let payload = seq.to_string();
            let rest = mod97(payload.bytes().chain(*b"RF00"));
            Reference::Rf(format!("RF{:02}{payload}", 98 - rest))
        }
    }

    /// Either kind, as typed: `RF…` (any case) is a creditor reference,
    /// digits a QR reference.
    pub fn parse_any(text: &str) -> Result<Reference, ReferenceError> {
        let compact = without_spaces(text);
        if compact
            .get(..2)
            .is_some_and(|p| p.eq_ignore_ascii_case("RF"))
        {
            parse_rf(&compact).map(Reference::Rf)
        } else if !compact.is_empty() && compact.bytes().all(|b| b.is_ascii_digit()) {
            parse_qrr(&compact).map(Reference::Qrr)
        } else {
            Err(ReferenceError::Unknown)
        }
    }

    /// The electronic form: what is stored, matched and put in a QR code.
    pub fn as_str(&self) -> &str {
        match self {
            Reference::Qrr(r) | Reference::Rf(r) => r,
        }
    }

    /// The form printed on an invoice and its payment part.
    pub fn printed(&self) -> String {
        match self {
            Reference::Qrr(r) => format_qrr(r),
            Reference::Rf(r) => format_rf(r),
        }
    }

    /// The QR-bill's reference type: `QRR` or `SCOR`.
    pub fn qr_bill_type(&self) -> &'static str {
        match self {
            Reference::Qrr(_) => "QRR",
            Reference::Rf(_) => "SCOR",
        }
    }
}

/// A QR-IBAN: a valid Swiss or Liechtenstein IBAN whose bank code (the
/// five digits after the check digits) is a QR-IID, 30000–31999. Spaces
/// in groups of four are accepted.
pub fn is_qr_iban(iban: &str) -> bool {
    let Ok(iban) = iban.parse::<Iban>() else {
        return false;
    };
    matches!(iban.country_code(), "CH" | "LI")
        && iban
            .bank_identifier()
            .and_then(|iid| iid.parse::<u32>().ok())
            .is_some_and(|iid| (30000..=31999).contains(&iid))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // proves: BNK-1
    #[test]
    fn six_sample_qr_reference() {
        let six = "210000000003139471430009017";
        assert_eq!(parse_qrr(six), Ok(six.to_string()));
        assert_eq!(
            parse_qrr("21 00000 00003 13947 14300 09017"),
            Ok(six.into())
        );
        assert_eq!(format_qrr(six), "21 00000 00003 13947 14300 09017");
        // The same payload with any other check digit is refused.
        for d in (0..=9).filter(|d| *d != 7) {
            let wrong = format!("{}{d}", &six[..26]);
            assert_eq!(parse_qrr(&wrong), Err(ReferenceError::QrrCheckDigit));
        }
        assert_eq!(
            parse_qrr("21000000000313947143000901"),
            Err(ReferenceError::QrrLength)
        );
        assert_eq!(
            parse_qrr("2100000000031394714300090170"),
            Err(ReferenceError::QrrLength)
        );
        assert_eq!(
            parse_qrr("21000000000313947143000901A"),
            Err(ReferenceError::QrrCharacters)
        );
        assert_eq!(parse_qrr(""), Err(ReferenceError::QrrLength));
    }

    // proves: BNK-1
    #[test]
    fn qr_reference_from_number() {
        assert_eq!(qrr_from_number(1), "000000000000000000000000011");
        assert_eq!(qrr_from_number(0), "000000000000000000000000000");
        assert_eq!(qrr_from_number(2_100_000_000_031_394_714u64).len(), QRR_LEN);
        assert_eq!(
            qrr_from_number(u64::MAX),
            format!("{:026}", u64::MAX)
                + &mod10_recursive(format!("{:026}", u64::MAX).as_bytes()).to_string()
        );
    }

    // proves: BNK-1
    #[test]
    fn iso_11649_vectors() {
        // ISO 11649's example, electronic and printed.
        assert_eq!(parse_rf("RF18539007547034"), Ok("RF18539007547034".into()));
        assert_eq!(
            parse_rf("RF18 5390 0754 7034"),
            Ok("RF18539007547034".into())
        );
        assert_eq!(
            parse_rf("rf18 5390 0754 7034"),
            Ok("RF18539007547034".into())
        );
        assert_eq!(rf_from("539007547034"), Ok("RF18539007547034".into()));
        assert_eq!(format_rf("RF18539007547034"), "RF18 5390 0754 7034");
        // Letters in the payload.
        assert_eq!(parse_rf("RF45G72UUR"), Ok("RF45G72UUR".into()));
        assert_eq!(rf_from("g72uur"), Ok("RF45G72UUR".into()));
        assert_eq!(parse_rf("RF6518K5"), Ok("RF6518K5".into()));
        // "RF71 4567 8901 2345 6789 0123" is sometimes quoted as an
        // example, but its check digits are not those of its payload
        // (they are 06): refused.
        assert_eq!(
            parse_rf("RF71 4567 8901 2345 6789 0123"),
            Err(ReferenceError::RfCheckDigits)
        );
        assert_eq!(
            rf_from("45678901234567890123"),
            Ok("RF0645678901234567890123".into())
        );
        // Wrong check digits, and a one-character change.
        assert_eq!(
            parse_rf("RF19539007547034"),
            Err(ReferenceError::RfCheckDigits)
        );
        assert_eq!(
            parse_rf("RF18539007547035"),
            Err(ReferenceError::RfCheckDigits)
        );
        assert_eq!(parse_rf("RF18"), Err(ReferenceError::RfPayload));
        assert_eq!(parse_rf("RF1"), Err(ReferenceError::RfPrefix));
        assert_eq!(parse_rf("RFAB1234"), Err(ReferenceError::RfPrefix));
        assert_eq!(parse_rf("XY18539007547034"), Err(ReferenceError::RfPrefix));
        assert_eq!(parse_rf("RF18-5390"), Err(ReferenceError::RfPayload));
        assert_eq!(
            rf_from("1234567890123456789012"),
            Err(ReferenceError::RfPayload)
        );
        assert_eq!(rf_from(""), Err(ReferenceError::RfPayload));
        assert_eq!(rf_from("é"), Err(ReferenceError::RfPayload));
    }

    // proves: BNK-1
    #[test]
    fn check_digits_outside_02_to_98_are_refused() {
        // Find payloads whose issued check digits are 02, 97 and 98: the
        // same payload with 99, 00 and 01 passes the modulo but is refused.
        let mut seen = [false; 3];
        for n in 0u64..2000 {
            let rf = rf_from(&n.to_string()).unwrap();
            let payload = &rf[4..];
            let alias = match &rf[2..4] {
                "02" => (0, "99"),
                "97" => (1, "00"),
                "98" => (2, "01"),
                _ => continue,
            };
            seen[alias.0] = true;
            let aliased = format!("RF{}{payload}", alias.1);
            assert_eq!(
                mod97(payload.bytes().chain(*b"RF").chain(alias.1.bytes())),
                1
            );
            assert_eq!(parse_rf(&aliased), Err(ReferenceError::RfCheckDigits));
        }
        assert_eq!(seen, [true; 3]);
    }

    // proves: BNK-1
    #[test]
    fn invoice_reference_kind() {
        let qr_iban = "CH44 3199 9123 0008 8901 2";
        let iban = "CH93 0076 2011 6238 5295 7";
        assert_eq!(
            Reference::for_invoice(Currency::Chf, Some(qr_iban), 42),
            Reference::Qrr(qrr_from_number(42))
        );
        assert_eq!(
            Reference::for_invoice(Currency::Chf, None, 42),
            Reference::Rf(rf_from("42").unwrap())
        );
        // A QR reference needs a QR-IBAN; EUR never gets one.
        assert_eq!(
            Reference::for_invoice(Currency::Chf, Some(iban), 42),
            Reference::Rf(rf_from("42").unwrap())
        );
        assert_eq!(
            Reference::for_invoice(Currency::Eur, Some(qr_iban), 42),
            Reference::Rf(rf_from("42").unwrap())
        );
        let r = Reference::for_invoice(Currency::Chf, Some(qr_iban), 42);
        assert_eq!(r.qr_bill_type(), "QRR");
        assert_eq!(r.printed(), "00 00000 00000 00000 00000 00420");
        assert_eq!(Reference::parse_any(&r.printed()), Ok(r));
        let rf = Reference::for_invoice(Currency::Eur, None, 123_456);
        assert_eq!(rf.qr_bill_type(), "SCOR");
        assert_eq!(Reference::parse_any(&rf.printed().to_lowercase()), Ok(rf));
        assert_eq!(Reference::parse_any(""), Err(ReferenceError::Unknown));
        assert_eq!(Reference::parse_any("hello"), Err(ReferenceError::Unknown));
    }

    #[test]
    fn qr_ibans() {
        // SIX's sample QR-IBAN, and Liechtenstein.
        assert!(is_qr_iban("CH44 3199 9123 0008 8901 2"));
        assert!(is_qr_iban("CH4431999123000889012"));
        // An ordinary IBAN, a wrong checksum, another country, junk.
        assert!(!is_qr_iban("CH93 0076 2011 6238 5295 7"));
        assert!(!is_qr_iban("CH45 3199 9123 0008 8901 2"));
        assert!(!is_qr_iban("DE89 3704 0044 0532 0130 00"));
        assert!(!is_qr_iban(""));
        assert!(!is_qr_iban("CH"));
        // Bank codes at the edges of 30000–31999.
        for (iid, qr) in [(29999, false), (30000, true), (31999, true), (32000, false)] {
            let iban = iban_with_iid("CH", iid);
            assert_eq!(is_qr_iban(&iban), qr, "{iban}");
            assert_eq!(is_qr_iban(&iban_with_iid("LI", iid)), qr);
        }
    }

    /// A valid IBAN of `country` with bank code `iid` (check digits
    /// computed here, so the test does not depend on a table).
    fn iban_with_iid(country: &str, iid: u32) -> String {
        let bban = format!("{iid:05}000000012345");
        let rest = mod97(bban.bytes().chain(country.bytes()).chain(*b"00"));
        format!("{country}{:02}{bban}", 98 - rest)
    }

    proptest! {
        // proves: BNK-1
        #[test]
        fn qrr_generate_then_parse(n in any::<u64>()) {
            let r = qrr_from_number(n);
            prop_assert_eq!(r.len(), QRR_LEN);
            prop_assert_eq!(parse_qrr(&r), Ok(r.clone()));
            prop_assert_eq!(parse_qrr(&format_qrr(&r)), Ok(r.clone()));
            prop_assert_eq!(Reference::parse_any(&format_qrr(&r)), Ok(Reference::Qrr(r)));
        }

        // proves: BNK-1
        #[test]
        fn qrr_detects_any_single_digit_change(n in any::<u64>(), pos in 0usize..QRR_LEN, delta in 1u8..10) {
            let r = qrr_from_number(n);
            let mut bytes = r.into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert_eq!(parse_qrr(&changed), Err(ReferenceError::QrrCheckDigit));
        }

        // proves: BNK-1
        #[test]
        fn rf_generate_then_parse(payload in "[0-9A-Za-z]{1,21}") {
            let r = rf_from(&payload).unwrap();
            let check: u32 = r[2..4].parse().unwrap();
            prop_assert!((2..=98).contains(&check));
            prop_assert_eq!(&r[4..], payload.to_ascii_uppercase());
            prop_assert_eq!(parse_rf(&r), Ok(r.clone()));
            prop_assert_eq!(parse_rf(&format_rf(&r).to_lowercase()), Ok(r.clone()));
            prop_assert_eq!(Reference::parse_any(&format_rf(&r)), Ok(Reference::Rf(r)));
        }

        // proves: BNK-1
        // MOD 97-10 catches every substitution of a digit by a digit or a
        // letter by a letter (a letter is two digits: one for the other
        // may go unseen).
        #[test]
        fn rf_detects_any_single_substitution(payload in "[0-9A-Z]{1,21}", pos in 2usize..25, to in "[0-9A-Z]") {
            let r = rf_from(&payload).unwrap();
            prop_assume!(pos < r.len() && r[pos..pos + 1] != to);
            let from = r.as_bytes()[pos];
            prop_assume!(from.is_ascii_digit() == to.as_bytes()[0].is_ascii_digit());
            let changed = format!("{}{to}{}", &r[..pos], &r[pos + 1..]);
            prop_assert!(parse_rf(&changed).is_err());
        }

        // proves: BNK-1
        #[test]
        fn invoice_references_are_unique(a in any::<u64>(), b in any::<u64>(), chf in any::<bool>(), qr in any::<bool>()) {
            prop_assume!(a != b);
            let currency = if chf { Currency::Chf } else { Currency::Eur };
            let qr_iban = qr.then_some("CH4431999123000889012");
            let ra = Reference::for_invoice(currency, qr_iban, a);
            let rb = Reference::for_invoice(currency, qr_iban, b);
            prop_assert_ne!(&ra, &rb);
            prop_assert_eq!(Reference::parse_any(ra.as_str()), Ok(ra.clone()));
        }

        #[test]
        fn parsing_never_panics(text in "\\PC{0,40}") {
            let _ = parse_qrr(&text);
            let _ = parse_rf(&text);
            let _ = rf_from(&text);
            let _ = is_qr_iban(&text);
            if let Ok(r) = Reference::parse_any(&text) {
                // What is accepted reads back to itself.
                prop_assert_eq!(Reference::parse_any(r.as_str()), Ok(r));
            }
        }
    }
}
