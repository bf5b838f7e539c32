//! VAT numbers of organisations: the Swiss UID with its check digit
//! (`CHE-123.456.789`, optionally followed by MWST, TVA, IVA or VAT) and EU
//! VAT numbers by their country's pattern. Only the format is checked here;
//! whether the number is registered is a matter for the tax authorities.

use crate::error::{Error, Result};

/// A VAT number in its normal form (`CHE-123.456.789 MWST`, `DE123456789`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatNumber(String);

impl VatNumber {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn parse(input: &str) -> Result<Self> {
        let invalid =
            |why: &str| Error::invalid("vat_number", "invalid_vat_number", why.to_string());
        let compact: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-'))
            .collect::<String>()
            .to_uppercase();
        if let Some(rest) = compact.strip_prefix("CHE") {
            let (digits, suffix) = rest.split_at(
                rest.find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(rest.len()),
            );
            if digits.len() != 9 {
                return Err(invalid("A Swiss number has 9 digits: CHE-123.456.789."));
            }
            if !matches!(suffix, "" | "MWST" | "TVA" | "IVA" | "VAT") {
                return Err(invalid(
                    "A Swiss number may end with MWST, TVA, IVA or VAT only.",
                ));
            }
            if !swiss_check_digit_ok(digits) {
                return Err(invalid("The check digit of this Swiss number is wrong."));
            }
            let d = digits;
            let base = format!("CHE-{}.{}.{}", &d[0..3], &d[3..6], &d[6..9]);
            return Ok(VatNumber(if suffix.is_empty() {
                base
            } else {
                format!("{base} {suffix}")
            }));
        }
        // Split by characters, not bytes: the input may start with any
        // character, and a cut inside one panics (issue 9).
        let prefix_end = compact.char_indices().nth(2).map(|(i, _)| i);
        let (country, number) = match prefix_end {
            Some(i) if compact.chars().count() >= 4 => compact.split_at(i),
            _ => {
                return Err(invalid(
                    "Enter the number with its country prefix, e.g. DE123456789.",
                ));
            }
        };
        let Some(patterns) = eu_patterns(country) else {
            return Err(invalid("Only Swiss (CHE) and EU VAT numbers are accepted."));
        };
        if patterns.iter().any(|p| matches_pattern(p, number)) {
            Ok(VatNumber(compact))
        } else {
            Err(invalid(
                "This number does not have the format of its country.",
            ))
        }
    }
}

/// Swiss UID: weights 5 4 3 2 7 6 5 4 on the first eight digits; the check
/// digit is 11 minus the sum modulo 11 (11 → 0; 10 is never issued).
fn swiss_check_digit_ok(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 9 {
        return false;
    }
    let sum: u32 = d[..8]
        .iter()
        .zip([5, 4, 3, 2, 7, 6, 5, 4])
        .map(|(a, w)| a * w)
        .sum();
    match 11 - sum % 11 {
        11 => d[8] == 0,
        10 => false,
        c => d[8] == c,
    }
}

/// Patterns per EU country: `9` a digit, `A` a letter, `X` a letter or
/// digit, anything else itself. From the EU's VIES formats.
fn eu_patterns(country: &str) -> Option<&'static [&'static str]> {
    Some(match country {
        "AT" => &["U99999999"],
        "BE" => &["0999999999", "1999999999"],
        "BG" => &["999999999", "9999999999"],
        "CY" => &["99999999A"],
        "CZ" => &["99999999", "999999999", "9999999999"],
        "DE" => &["999999999"],
        "DK" => &["99999999"],
        "EE" => &["999999999"],
        "EL" => &["999999999"],
        "ES" => &["X9999999X"],
        "FI" => &["99999999"],
        "FR" => &["XX999999999"],
        "HR" => &["99999999999"],
        "HU" => &["99999999"],
        "IE" => &["9999999A", "9999999AA", "9A99999A"],
        "IT" => &["99999999999"],
        "LT" => &["999999999", "999999999999"],
        "LU" => &["99999999"],
        "LV" => &["99999999999"],
        "MT" => &["99999999"],
        "NL" => &["999999999B99"],
        "PL" => &["9999999999"],
        "PT" => &["999999999"],
        "RO" => &[
            "99",
            "999",
            "9999",
            "99999",
            "999999",
            "9999999",
            "99999999",
            "999999999",
            "9999999999",
        ],
        "SE" => &["999999999999"],
        "SI" => &["99999999"],
        "SK" => &["9999999999"],
        _ => return None,
    })
}

fn matches_pattern(pattern: &str, s: &str) -> bool {
    pattern.len() == s.len()
        && pattern.chars().zip(s.chars()).all(|(p, c)| match p {
            '9' => c.is_ascii_digit(),
            'A' => c.is_ascii_uppercase(),
            'X' => c.is_ascii_uppercase() || c.is_ascii_digit(),
            lit => c == lit,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn swiss_numbers_are_checked_and_normalised() {
        // CHE-116.281.710 is a published example with a valid check digit.
        assert_eq!(
            VatNumber::parse("CHE-116.281.710").unwrap().as_str(),
            "CHE-116.281.710"
        );
        assert_eq!(
            VatNumber::parse("che116281710 mwst").unwrap().as_str(),
            "CHE-116.281.710 MWST"
        );
        assert!(VatNumber::parse("CHE-116.281.711").is_err());
        assert!(VatNumber::parse("CHE-116.281.71").is_err());
        assert!(VatNumber::parse("CHE-116.281.710 XYZ").is_err());
    }

    #[test]
    fn eu_numbers_follow_their_country_pattern() {
        for ok in [
            "DE123456789",
            "FR XX 123456789",
            "ATU12345678",
            "NL123456789B01",
            "IT12345678901",
            "ESX1234567X",
        ] {
            assert!(VatNumber::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "DE12345678",
            "ATX12345678",
            "NL123456789C01",
            "US123456789",
            "IT1234567890",
            "X",
        ] {
            assert!(VatNumber::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn multi_byte_input_is_refused_without_a_panic() {
        // proves: ORG-7 // issue 9
        for bad in [
            "€€",
            "€€€€",
            "CHE€",
            "D€123456789",
            "ÉÉ123456789",
            "CHE-€€€",
        ] {
            assert!(VatNumber::parse(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn any_text_is_parsed_or_refused_and_a_parsed_number_is_stable(
            s in crate::text::strategies::text()
        ) {
            // proves: ORG-7 // issue 9
            if let Ok(v) = VatNumber::parse(&s) {
                prop_assert!(!crate::text::has_control(v.as_str()));
                prop_assert_eq!(VatNumber::parse(v.as_str()).unwrap(), v);
            }
        }

        #[test]
        fn swiss_prefixed_junk_is_parsed_or_refused(
            junk in crate::text::strategies::mixed()
        ) {
            // proves: ORG-7 // issue 9
            let _ = VatNumber::parse(&format!("CHE{junk}"));
            let _ = VatNumber::parse(&format!("DE{junk}"));
        }

        #[test]
        fn exactly_one_check_digit_is_valid_unless_none_is(first in 0u32..100_000_000) {
            let base = format!("{first:08}");
            let valid = (0..10).filter(|d| swiss_check_digit_ok(&format!("{base}{d}"))).count();
            prop_assert!(valid <= 1);
        }
    }
}
