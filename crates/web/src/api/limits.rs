//! The limits the server enforces, written into the OpenAPI document from
//! the constants its checks use (issue 9: schema fuzzing found requests the
//! document allowed and the server refused). utoipa's attributes take
//! literals only, so the document is completed here, by schema and
//! property, rather than spelling each number a second time.
//!
//! What a schema cannot say stays in the descriptions and answers 422: a
//! VAT number's check digit, a postcode of its country, a password's
//! strength, ids that must exist.

use guichet_core::{
    access::Scope,
    accounts::{EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN, USER_NAME_MAX},
    orgs::{ORG_NAME_MAX, RIGHT_PATTERN, TEAM_NAME_MAX, address},
    text::{LINE_PATTERN, NAME_PATTERN, OPTIONAL_NAME_PATTERN},
    tokens::TOKEN_NAME_MAX,
};
use serde_json::{Value, json};

use super::envelope::{MAX_PAGE, MAX_PER_PAGE};

/// Complete `doc` (the generated document, as JSON) with the limits.
pub fn apply(doc: &mut Value) {
    doc["components"]["schemas"]["CountryCode"] = country_code_schema();
    for (schema, property, limits) in properties() {
        let target = &mut doc["components"]["schemas"][schema]["properties"][property];
        assert_exists(target, schema, property);
        merge(target, limits);
    }
    for (schema, property, limits) in items() {
        let target = &mut doc["components"]["schemas"][schema]["properties"][property]["items"];
        assert_exists(target, schema, property);
        merge(target, limits);
    }
    paging(doc);
}

/// A limit for a property that does not exist would be silently lost: the
/// snapshot test would show it, this says where.
fn assert_exists(target: &Value, schema: &str, property: &str) {
    debug_assert!(
        target.is_object(),
        "no property {property} in schema {schema}"
    );
}

fn name(max: usize) -> Value {
    json!({"minLength": 1, "maxLength": max, "pattern": NAME_PATTERN})
}

fn optional_name(max: usize) -> Value {
    json!({"maxLength": max, "pattern": OPTIONAL_NAME_PATTERN})
}

fn email() -> Value {
    json!({"format": "email", "maxLength": EMAIL_MAX, "pattern": LINE_PATTERN})
}

fn password() -> Value {
    json!({"minLength": PASSWORD_MIN, "maxLength": PASSWORD_MAX, "pattern": LINE_PATTERN})
}

/// A reference to the `CountryCode` schema (`apply` adds it).
fn country() -> Value {
    json!({"$ref": "#/components/schemas/CountryCode"})
}

fn country_code_schema() -> Value {
    let codes: Vec<&str> = address::country_codes().collect();
    json!({
        "type": "string",
        "description": "ISO 3166-1 alpha-2, in capitals.",
        "enum": codes,
    })
}

fn properties() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        ("NewOrg", "name", name(ORG_NAME_MAX)),
        ("NewOrg", "country", country()),
        ("NewOrg", "vat_number", json!({"pattern": LINE_PATTERN})),
        ("OrgChanges", "name", name(ORG_NAME_MAX)),
        ("OrgChanges", "country", country()),
        ("OrgChanges", "vat_number", json!({"pattern": LINE_PATTERN})),
        ("NewInvitation", "email", email()),
        ("NewTeam", "name", name(TEAM_NAME_MAX)),
        ("TeamChanges", "name", name(TEAM_NAME_MAX)),
        ("AddressFields", "name", name(address::NAME_MAX)),
        ("AddressFields", "street", name(address::STREET_MAX)),
        (
            "AddressFields",
            "building_number",
            optional_name(address::BUILDING_NUMBER_MAX),
        ),
        ("AddressFields", "postcode", name(address::POSTCODE_MAX)),
        ("AddressFields", "town", name(address::TOWN_MAX)),
        ("AddressFields", "country", country()),
        ("ProfileChanges", "name", optional_name(USER_NAME_MAX)),
        ("ProfileChanges", "recovery_email", email()),
        (
            "ProfileChanges",
            "current_password",
            json!({"pattern": LINE_PATTERN}),
        ),
        (
            "PasswordChange",
            "current_password",
            json!({"pattern": LINE_PATTERN}),
        ),
        ("PasswordChange", "new_password", password()),
        ("NewToken", "name", name(TOKEN_NAME_MAX)),
        ("NewToken", "password", json!({"pattern": LINE_PATTERN})),
        // `no_scope`: a token needs one.
        ("NewToken", "scopes", json!({"minItems": 1})),
        ("SignUpRequest", "email", email()),
        ("SignUpRequest", "password", password()),
        ("SignUpRequest", "name", optional_name(USER_NAME_MAX)),
        ("AddressOnly", "email", email()),
        ("PasswordReset", "password", password()),
    ]
}

fn items() -> Vec<(&'static str, &'static str, Value)> {
    let right = json!({"pattern": RIGHT_PATTERN});
    let scopes: Vec<&str> = Scope::ALL.iter().map(|s| s.as_str()).collect();
    vec![
        ("MemberChanges", "rights", right.clone()),
        ("NewInvitation", "rights", right.clone()),
        ("NewTeam", "rights", right.clone()),
        ("TeamChanges", "rights", right),
        ("NewToken", "scopes", json!({"enum": scopes})),
    ]
}

/// Every `page` and `per_page` query parameter, and the `Paging` schema.
fn paging(doc: &mut Value) {
    let limits = |name: &str| match name {
        "page" => Some(json!({"maximum": MAX_PAGE})),
        "per_page" => Some(json!({"maximum": MAX_PER_PAGE})),
        _ => None,
    };
    if let Some(paths) = doc["paths"].as_object_mut() {
        let operations = paths
            .values_mut()
            .filter_map(Value::as_object_mut)
            .flat_map(|item| item.values_mut());
        for op in operations {
            for p in op["parameters"].as_array_mut().into_iter().flatten() {
                if p["in"] == "query"
                    && let Some(l) = p["name"].as_str().and_then(limits)
                {
                    merge(&mut p["schema"], l);
                }
            }
        }
    }
    for field in ["page", "per_page"] {
        if let Some(l) = limits(field) {
            merge(
                &mut doc["components"]["schemas"]["Paging"]["properties"][field],
                l,
            );
        }
    }
}

/// Add `limits` to a property's schema. An enum on a nullable property
/// keeps `null` allowed; a reference replaces the type (`oneOf` with
/// `null` when nullable).
fn merge(target: &mut Value, limits: Value) {
    let nullable = target["type"]
        .as_array()
        .is_some_and(|t| t.iter().any(|x| x == "null"));
    let Some(fields) = target.as_object_mut() else {
        return;
    };
    let Value::Object(limits) = limits else {
        return;
    };
    for (k, mut v) in limits {
        match k.as_str() {
            "$ref" if nullable => {
                fields.remove("type");
                fields.insert("oneOf".into(), json!([{"$ref": v}, {"type": "null"}]));
            }
            "$ref" => {
                fields.remove("type");
                fields.insert(k, v);
            }
            "enum" if nullable => {
                if let Some(a) = v.as_array_mut() {
                    a.push(Value::Null);
                }
                fields.insert(k, v);
            }
            _ => {
                fields.insert(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enum_on_a_nullable_property_keeps_null() {
        let mut p = json!({"type": ["string", "null"]});
        merge(&mut p, json!({"enum": ["CH"]}));
        assert_eq!(p["enum"], json!(["CH", null]));
        let mut q = json!({"type": "string"});
        merge(&mut q, json!({"enum": ["CH"], "maxLength": 2}));
        assert_eq!(q, json!({"type": "string", "enum": ["CH"], "maxLength": 2}));
        let mut r = json!({"type": ["string", "null"], "description": "d"});
        merge(&mut r, country());
        assert_eq!(
            r,
            json!({"description": "d", "oneOf": [{"$ref": "#/components/schemas/CountryCode"}, {"type": "null"}]})
        );
    }
}
