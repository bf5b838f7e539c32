//! Nested objects in request bodies, read as objects only.
//!
//! The bodies of the API are flat objects (issue 9), except the lines of an
//! invoice or a credit note and a line's period. serde's derived structs
//! take an array in place of an object (`["Hosting", 1, "120.00", …]` for a
//! line); these readers take a JSON object and nothing else, so the only
//! way to write a line is by its field names.

use serde::{Deserialize, Deserializer, de::DeserializeOwned};
use serde_json::{Map, Value};

fn from_object<T: DeserializeOwned, E: serde::de::Error>(map: Map<String, Value>) -> Result<T, E> {
    serde_json::from_value(Value::Object(map)).map_err(E::custom)
}

/// A list of objects (`lines`).
pub fn list<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    Vec::<Map<String, Value>>::deserialize(d)?
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            from_object(m)
                .map_err(|e: D::Error| serde::de::Error::custom(format_args!("[{i}]: {e}")))
        })
        .collect()
}

/// An optional list of objects.
pub fn optional_list<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    d: D,
) -> Result<Option<Vec<T>>, D::Error> {
    match Option::<Vec<Map<String, Value>>>::deserialize(d)? {
        None => Ok(None),
        Some(maps) => maps
            .into_iter()
            .enumerate()
            .map(|(i, m)| {
                from_object(m)
                    .map_err(|e: D::Error| serde::de::Error::custom(format_args!("[{i}]: {e}")))
            })
            .collect::<Result<Vec<T>, D::Error>>()
            .map(Some),
    }
}

/// An optional object (`period`).
pub fn optional<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    d: D,
) -> Result<Option<T>, D::Error> {
    match Option::<Map<String, Value>>::deserialize(d)? {
        None => Ok(None),
        Some(m) => from_object(m).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use crate::billing::{CreditInput, InvoiceInput};

    #[test]
    fn a_line_or_a_period_written_as_an_array_is_refused() {
        // issue 9: nested objects only by their field names
        let ok = r#"{"lines":[{"description":"Hosting","quantity":1,"unit_price":"120.00","vat_class":"standard","period":{"from":"2026-01-01","to":"2026-12-31"}}]}"#;
        assert!(serde_json::from_str::<InvoiceInput>(ok).is_ok());
        for bad in [
            r#"{"lines":[["Hosting",1,"120.00","standard",null]]}"#,
            r#"{"lines":[{"description":"Hosting","quantity":1,"unit_price":"120.00","vat_class":"standard","period":["2026-01-01","2026-12-31"]}]}"#,
            r#"{"lines":[{"description":"Hosting","quantity":1,"unit_price":"120.00","vat_class":"standard","surprise":1}]}"#,
        ] {
            assert!(serde_json::from_str::<InvoiceInput>(bad).is_err(), "{bad}");
        }
        assert!(
            serde_json::from_str::<CreditInput>(r#"{"reason":"x","lines":[[1,"2.00"]]}"#).is_err()
        );
        assert!(serde_json::from_str::<CreditInput>(r#"{"reason":"x"}"#).is_ok());
    }
}
