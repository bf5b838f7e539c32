//! Billing addresses (ORG-7): structured as the Swiss QR-bill requires
//! (street, building number, postcode, town, country — no combined address
//! lines), with the postcode checked for CH, LI, DE, FR, IT and AT.

use serde::Deserialize;

use crate::{
    error::{Error, FieldError, Result},
    text,
};

/// An address as typed, before checking.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddressInput {
    /// The recipient: a company or a person (at most 70 characters, as on a
    /// QR-bill).
    pub name: String,
    pub street: String,
    /// Building number; may be empty where the street has none.
    #[serde(default)]
    pub building_number: String,
    pub postcode: String,
    pub town: String,
    /// ISO 3166-1 alpha-2, e.g. CH.
    pub country: String,
}

/// A checked address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub name: String,
    pub street: String,
    pub building_number: String,
    pub postcode: String,
    pub town: String,
    pub country: String,
}

/// QR-bill field lengths (Swiss Payment Standards), in characters.
pub const NAME_MAX: usize = 70;
pub const STREET_MAX: usize = 70;
pub const BUILDING_NUMBER_MAX: usize = 16;
pub const POSTCODE_MAX: usize = 16;
pub const TOWN_MAX: usize = 35;

const LIMITS: [(&str, usize); 5] = [
    ("name", NAME_MAX),
    ("street", STREET_MAX),
    ("building_number", BUILDING_NUMBER_MAX),
    ("postcode", POSTCODE_MAX),
    ("town", TOWN_MAX),
];

/// The country codes an address may have (ISO 3166-1 alpha-2), for the
/// OpenAPI document.
pub fn country_codes() -> impl Iterator<Item = &'static str> {
    isocountry::CountryCode::iter().map(isocountry::CountryCode::alpha2)
}

/// The lines of an address are names (issue 9): no control, bidi or
/// invisible-only text. Checked as typed, before blanks are collapsed
/// (which would turn a line break into a space).
fn character_errors(input: &AddressInput) -> Vec<FieldError> {
    [
        ("name", &input.name),
        ("street", &input.street),
        ("building_number", &input.building_number),
        ("postcode", &input.postcode),
        ("town", &input.town),
    ]
    .into_iter()
    .filter_map(|(field, value)| match text::check_name(field, value) {
        Err(Error::Validation(f)) => Some(f),
        _ => None,
    })
    .flatten()
    .collect()
}

impl Address {
    pub fn parse(input: &AddressInput) -> Result<Self> {
        let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let a = Address {
            name: clean(&input.name),
            street: clean(&input.street),
            building_number: clean(&input.building_number),
            postcode: clean(&input.postcode).to_uppercase(),
            town: clean(&input.town),
            country: input.country.trim().to_uppercase(),
        };
        let mut errors = character_errors(input);
        let refused =
            |errors: &[FieldError], field: &str| errors.iter().any(|e| e.attribute == field);
        for (field, value) in [
            ("name", &a.name),
            ("street", &a.street),
            ("postcode", &a.postcode),
            ("town", &a.town),
        ] {
            if value.is_empty() && !refused(&errors, field) {
                errors.push(FieldError::new(
                    field,
                    "required",
                    "This field is required.",
                ));
            }
        }
        for (field, max) in LIMITS {
            let value = match field {
                "name" => &a.name,
                "street" => &a.street,
                "building_number" => &a.building_number,
                "postcode" => &a.postcode,
                _ => &a.town,
            };
            if value.chars().count() > max && !refused(&errors, field) {
                errors.push(FieldError::new(
                    field,
                    "too_long",
                    format!("At most {max} characters."),
                ));
            }
        }
        if isocountry::CountryCode::for_alpha2(&a.country).is_err() {
            errors.push(FieldError::new(
                "country",
                "invalid_country",
                "Use a two-letter ISO country code, e.g. CH.",
            ));
        } else if !a.postcode.is_empty()
            && !refused(&errors, "postcode")
            && !postcode_ok(&a.country, &a.postcode)
        {
            errors.push(FieldError::new(
                "postcode",
                "invalid_postcode",
                format!("This is not a postcode of {}.", a.country),
            ));
        }
        if errors.is_empty() {
            Ok(a)
        } else {
            Err(Error::Validation(errors))
        }
    }
}

/// Postcode formats of the countries most customers are in; others are
/// only checked for length.
fn postcode_ok(country: &str, p: &str) -> bool {
    let digits = |n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let num = || p.parse::<u32>().unwrap_or(0);
    match country {
        "CH" => digits(4) && (1000..=9699).contains(&num()),
        "LI" => digits(4) && (9485..=9498).contains(&num()),
        "AT" => digits(4) && num() >= 1010,
        "DE" => digits(5) && num() >= 1001,
        "FR" | "IT" => digits(5),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(country: &str, postcode: &str) -> AddressInput {
        AddressInput {
            name: "Example SA".into(),
            street: "Rue du Lac".into(),
            building_number: "12".into(),
            postcode: postcode.into(),
            town: "Genève".into(),
            country: country.into(),
        }
    }

    fn codes(r: Result<Address>) -> Vec<&'static str> {
        match r {
            Ok(_) => vec![],
            Err(Error::Validation(f)) => f.iter().map(|f| f.code).collect(),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn postcodes_follow_their_country() {
        // proves: ORG-7
        for (c, p) in [
            ("CH", "1204"),
            ("LI", "9490"),
            ("DE", "10115"),
            ("FR", "75001"),
            ("IT", "00184"),
            ("AT", "1010"),
            ("BE", "1000"),
        ] {
            assert!(codes(Address::parse(&input(c, p))).is_empty(), "{c} {p}");
        }
        for (c, p) in [
            ("CH", "120"),
            ("CH", "0999"),
            ("LI", "9500"),
            ("DE", "1011"),
            ("FR", "7500A"),
            ("AT", "0999"),
        ] {
            assert_eq!(
                codes(Address::parse(&input(c, p))),
                vec!["invalid_postcode"],
                "{c} {p}"
            );
        }
    }

    #[test]
    fn fields_are_required_and_countries_are_iso_codes() {
        // proves: ORG-7
        let mut a = input("XX", "1204");
        a.street = "  ".into();
        assert_eq!(
            codes(Address::parse(&a)),
            vec!["required", "invalid_country"]
        );
        let ok = Address::parse(&input("ch", " 1204 ")).unwrap();
        assert_eq!((ok.country.as_str(), ok.postcode.as_str()), ("CH", "1204"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]
        #[test]
        fn typed_addresses_never_panic_and_keep_no_control_character(
            name in crate::text::strategies::text(),
            street in crate::text::strategies::text(),
            postcode in crate::text::strategies::text(),
            country in "(CH|DE|FR|XX|[A-Za-z€]{0,3})",
        ) {
            // proves: ORG-7 // issue 9
            let typed = AddressInput {
                name,
                street,
                building_number: "1".into(),
                postcode,
                town: "Bern".into(),
                country,
            };
            if let Ok(a) = Address::parse(&typed) {
                for line in [&a.name, &a.street, &a.building_number, &a.postcode, &a.town, &a.country] {
                    proptest::prop_assert!(!crate::text::has_control(line));
                }
                proptest::prop_assert!(a.name.chars().count() <= NAME_MAX);
            }
        }
    }

    #[test]
    fn control_characters_are_refused_in_every_line() {
        // proves: ORG-7 // issue 9
        let mut a = input("CH", "1204");
        a.street = "Rue\0du Lac".into();
        a.town = "Gen\u{202E}ève".into();
        a.building_number = "1\n2".into();
        assert_eq!(
            codes(Address::parse(&a)),
            vec![
                "invalid_characters",
                "invalid_characters",
                "invalid_characters"
            ]
        );
    }
}
