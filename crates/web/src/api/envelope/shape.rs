//! A JSON body that does not fit its request type, told field by field in
//! our words (issue 10). serde stops at the first problem and says it in
//! its own terms (`invalid type: integer `5`, expected a string`, `unknown
//! variant …`); docs/api.md promises every wrong field, described for
//! people.
//!
//! How: the body is deserialized from its `serde_json::Value` with
//! `serde_path_to_error`, which names where it failed. Each failure is
//! written down, then repaired in the value, and the type tried again until
//! it fits: a field of the wrong type or not in the type is taken out; a
//! missing field, or a list item of the wrong type, is filled with a
//! stand-in (`""`, `0`, `false`, `[]`, `{}`, or the first allowed value of
//! an enum) so that the fields after it are judged too. Problems inside a
//! stand-in are ours, not the client's: they only move to the next
//! stand-in. The repaired value is never used; a body that needed repair
//! is refused with every problem found.

use guichet_core::FieldError;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use serde_path_to_error::Segment;

/// Each round fixes one problem; a body has few fields (and a size limit).
const MAX_ROUNDS: usize = 100;

/// One step into a JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// A value we put in the body ourselves, and which stand-in it is.
struct StandIn {
    at: Vec<Step>,
    tried: usize,
}

/// The stand-ins, in the order they are tried.
fn stand_in(i: usize) -> Option<Value> {
    [json!(""), json!(0), json!(false), json!([]), json!({})]
        .get(i)
        .cloned()
}

/// `body` as a `T`, or one error per field that is wrong.
pub fn deserialize<T: DeserializeOwned>(body: Value) -> Result<T, Vec<FieldError>> {
    let mut value = body;
    let mut found = Found::default();
    let mut stand_ins: Vec<StandIn> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let error = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(v) if found.0.is_empty() => return Ok(v),
            Ok(_) => return Err(found.0),
            Err(e) => e,
        };
        let (at, known) = steps(error.path());
        let problem = Problem::read(&error.inner().to_string());
        if !known || !repair(&mut value, &mut stand_ins, &mut found, at, problem) {
            break;
        }
    }
    if found.0.is_empty() {
        found.push(
            &[],
            "The body does not have the shape this operation expects.",
        );
    }
    Err(found.0)
}

/// The errors found, one per attribute.
#[derive(Default)]
struct Found(Vec<FieldError>);

impl Found {
    fn push(&mut self, at: &[Step], description: impl Into<String>) {
        let attribute = attribute(at);
        if !self.0.iter().any(|e| e.attribute == attribute) {
            self.0
                .push(FieldError::new(attribute, "invalid_value", description));
        }
    }
}

/// Write `problem` down (unless it is in a stand-in) and change `value` so
/// the next round gets past it. False when it cannot be got past.
fn repair(
    value: &mut Value,
    stand_ins: &mut Vec<StandIn>,
    found: &mut Found,
    at: Vec<Step>,
    problem: Problem,
) -> bool {
    let ours =
        |place: &[Step], stand_ins: &[StandIn]| stand_ins.iter().any(|s| place.starts_with(&s.at));
    match problem {
        Problem::Missing(field) => {
            let mut place = at;
            place.push(Step::Key(field));
            if !ours(&place, stand_ins) {
                found.push(&place, "This field is required.");
            }
            let filled = set(value, &place, stand_in(0).unwrap_or_default());
            stand_ins.push(StandIn {
                at: place,
                tried: 0,
            });
            filled
        }
        Problem::UnknownField { expected } => {
            let description = if expected.is_empty() {
                "There is no such field: this operation takes no fields.".to_string()
            } else {
                format!(
                    "There is no such field. The fields are: {}.",
                    expected.join(", ")
                )
            };
            found.push(&at, description);
            remove(value, &at)
        }
        wrong => {
            if let Some(s) = stand_ins.iter_mut().find(|s| s.at == at) {
                // Our stand-in does not fit: the next one, or the first
                // value an enum allows.
                let next = match &wrong {
                    Problem::UnknownVariant { expected }
                        if !expected.is_empty()
                            && at_value(value, &at) != Some(&json!(expected[0])) =>
                    {
                        Some(json!(expected[0]))
                    }
                    _ => {
                        s.tried += 1;
                        stand_in(s.tried)
                    }
                };
                return next.is_some_and(|v| set(value, &at, v));
            }
            if ours(&at, stand_ins) {
                return false;
            }
            found.push(&at, wrong.describe(at_value(value, &at)));
            match at.last() {
                None => false,
                Some(Step::Key(_)) => remove(value, &at),
                Some(Step::Index(_)) => {
                    // Taking an item out would renumber the ones after it.
                    let filled = set(value, &at, stand_in(0).unwrap_or_default());
                    stand_ins.push(StandIn { at, tried: 0 });
                    filled
                }
            }
        }
    }
}

/// What serde said went wrong, read from its message (serde's wording for
/// these errors has been stable since 1.0).
#[derive(Debug, PartialEq)]
enum Problem {
    Missing(String),
    UnknownField {
        expected: Vec<String>,
    },
    UnknownVariant {
        expected: Vec<String>,
    },
    /// A value of the wrong type or out of range: what was expected, in
    /// serde's words (`a string`, `u32`, `struct Address`).
    Wrong {
        expected: String,
    },
    /// A type's own message (a right that does not exist, a date that is
    /// not one).
    Other(String),
}

impl Problem {
    fn read(message: &str) -> Self {
        // serde_json adds the place in the text; a value has none, but be
        // sure.
        let message = message.split(" at line ").next().unwrap_or(message);
        if let Some(rest) = message.strip_prefix("missing field `") {
            return Problem::Missing(rest.trim_end_matches('`').to_string());
        }
        if message.starts_with("unknown field `") {
            return Problem::UnknownField {
                expected: quoted_after(message, "`, "),
            };
        }
        if message.starts_with("unknown variant `") {
            return Problem::UnknownVariant {
                expected: quoted_after(message, "`, "),
            };
        }
        for prefix in ["invalid type: ", "invalid value: ", "invalid length "] {
            if message.starts_with(prefix)
                && let Some((_, expected)) = message.split_once(", expected ")
            {
                return Problem::Wrong {
                    expected: expected.to_string(),
                };
            }
        }
        Problem::Other(message.to_string())
    }

    /// For people: what the field takes, and what it got.
    fn describe(&self, got: Option<&Value>) -> String {
        let got = got.map(shown).unwrap_or_default();
        match self {
            Problem::UnknownVariant { expected } if expected.is_empty() => {
                format!("No value is allowed here{got}.")
            }
            Problem::UnknownVariant { expected } => {
                format!("Use one of: {}{got}.", expected.join(", "))
            }
            Problem::Wrong { expected } => format!("Expected {}{got}.", in_words(expected)),
            Problem::Other(message) => {
                let mut m = message.trim().to_string();
                if !m.ends_with('.') {
                    m.push('.');
                }
                upper_first(&m)
            }
            Problem::Missing(_) | Problem::UnknownField { .. } => String::new(),
        }
    }
}

/// The names between backticks after `marker` (serde's "expected one of
/// `a`, `b`", "`a` or `b`").
fn quoted_after(message: &str, marker: &str) -> Vec<String> {
    let Some((_, rest)) = message.split_once(marker) else {
        return Vec::new();
    };
    rest.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// serde's name of an expected type, in plain words.
fn in_words(expected: &str) -> String {
    let whole = |min: i128, max: i128| format!("a whole number from {min} to {max}");
    match expected {
        "a string" | "string" | "a borrowed string" | "a character" | "char" => "a string".into(),
        "a boolean" | "bool" => "true or false".into(),
        "u8" => whole(0, u8::MAX.into()),
        "u16" => whole(0, u16::MAX.into()),
        "u32" => whole(0, u32::MAX.into()),
        "u64" | "u128" | "usize" => "a whole number, 0 or more".into(),
        "i8" => whole(i8::MIN.into(), i8::MAX.into()),
        "i16" => whole(i16::MIN.into(), i16::MAX.into()),
        "i32" => whole(i32::MIN.into(), i32::MAX.into()),
        "i64" | "i128" | "isize" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "unit" => "null".into(),
        "a sequence" | "a list" => "a list".into(),
        "a map" => "an object".into(),
        "variant identifier" | "field identifier" => "one of the allowed values".into(),
        e if e.starts_with("struct ") || e.starts_with("a map") => "an object".into(),
        e if e.starts_with("a sequence") || e.starts_with("a tuple") || e.starts_with("tuple") => {
            "a list".into()
        }
        e if e.starts_with("enum ") => "one of the allowed values".into(),
        // A type's own `expecting` ("a date as YYYY-MM-DD"), unless it is a
        // Rust name.
        e if e.contains(' ') && !e.contains("::") => e.into(),
        _ => "another kind of value".into(),
    }
}

/// ", got …" for the value the client sent.
fn shown(v: &Value) -> String {
    let what = match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.chars().count() <= 40 => format!("the text \"{s}\""),
        Value::String(_) => "a text".to_string(),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "an object".to_string(),
    };
    format!(", got {what}")
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The path serde followed, and whether it could be followed all the way
/// (an untagged or flattened type loses track).
fn steps(path: &serde_path_to_error::Path) -> (Vec<Step>, bool) {
    let mut out = Vec::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => out.push(Step::Index(*index)),
            Segment::Map { key } => out.push(Step::Key(key.clone())),
            Segment::Enum { variant } => out.push(Step::Key(variant.clone())),
            Segment::Unknown => return (out, false),
        }
    }
    (out, true)
}

/// The attribute of an error: `address.city`, `members[2]`, `body` for the
/// whole body. Keys are shown with their control characters escaped, the
/// way the control-character check names them.
fn attribute(at: &[Step]) -> String {
    let mut out = String::new();
    for step in at {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.extend(k.escape_default());
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if out.is_empty() { "body".into() } else { out }
}

fn at_value<'a>(v: &'a Value, at: &[Step]) -> Option<&'a Value> {
    at.iter().try_fold(v, |v, step| match step {
        Step::Key(k) => v.get(k),
        Step::Index(i) => v.get(i),
    })
}

fn at_value_mut<'a>(v: &'a mut Value, at: &[Step]) -> Option<&'a mut Value> {
    at.iter().try_fold(v, |v, step| match step {
        Step::Key(k) => v.get_mut(k),
        Step::Index(i) => v.get_mut(i),
    })
}

/// Put `new` at `at` (its parent must exist). False when it cannot.
fn set(v: &mut Value, at: &[Step], new: Value) -> bool {
    let Some((last, parent)) = at.split_last() else {
        return false;
    };
    match (at_value_mut(v, parent), last) {
        (Some(Value::Object(m)), Step::Key(k)) => {
            m.insert(k.clone(), new);
            true
        }
        (Some(Value::Array(items)), Step::Index(i)) if *i < items.len() => {
            items[*i] = new;
            true
        }
        _ => false,
    }
}

/// Take out the field at `at`. False when there is none.
fn remove(v: &mut Value, at: &[Step]) -> bool {
    match (
        at.split_last(),
        at.split_last().and_then(|(_, p)| at_value_mut(v, p)),
    ) {
        (Some((Step::Key(k), _)), Some(Value::Object(m))) => m.remove(k).is_some(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(dead_code, reason = "only deserialized")]
    struct Order {
        name: String,
        quantity: u32,
        colour: Colour,
        tags: Vec<String>,
        address: Option<Address>,
        #[serde(default)]
        note: String,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(dead_code, reason = "only deserialized")]
    struct Address {
        city: String,
        zip: u16,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Colour {
        Red,
        Blue,
    }

    fn errors(body: Value) -> Vec<(String, String)> {
        match deserialize::<Order>(body) {
            Ok(o) => panic!("accepted: {o:?}"),
            Err(e) => e
                .into_iter()
                .map(|f| {
                    assert_eq!(f.code, "invalid_value");
                    (f.attribute, f.description)
                })
                .collect(),
        }
    }

    #[test]
    fn a_body_that_fits_is_the_value() {
        // proves: API-4
        let o =
            deserialize::<Order>(json!({"name": "a", "quantity": 2, "colour": "red", "tags": []}));
        assert!(o.is_ok(), "{:?}", o.err());
    }

    #[test]
    fn every_wrong_field_is_told_in_plain_words() {
        // proves: API-4 // issue 10
        let found = errors(json!({
            "quantity": -1,
            "colour": "green",
            "tags": ["a", 5, "b", null],
            "address": {"zip": "1200", "street": "x"},
            "nick": "n",
        }));
        let attributes: Vec<&str> = found.iter().map(|(a, _)| a.as_str()).collect();
        let mut sorted = attributes.clone();
        sorted.sort_unstable();
        assert_eq!(
            sorted,
            [
                "address.city",
                "address.street",
                "address.zip",
                "colour",
                "name",
                "nick",
                "quantity",
                "tags[1]",
                "tags[3]"
            ],
            "{found:?}"
        );
        let text = |a: &str| {
            found
                .iter()
                .find(|(x, _)| x == a)
                .map(|(_, d)| d.clone())
                .unwrap()
        };
        assert_eq!(text("name"), "This field is required.");
        assert_eq!(
            text("quantity"),
            "Expected a whole number from 0 to 4294967295, got -1."
        );
        assert_eq!(
            text("colour"),
            "Use one of: red, blue, got the text \"green\"."
        );
        assert_eq!(text("tags[1]"), "Expected a string, got 5.");
        assert_eq!(text("tags[3]"), "Expected a string, got null.");
        assert_eq!(
            text("address.zip"),
            "Expected a whole number from 0 to 65535, got the text \"1200\"."
        );
        assert_eq!(
            text("address.street"),
            "There is no such field. The fields are: city, zip."
        );
        assert!(text("nick").starts_with("There is no such field. The fields are: name, quantity"));
        for (_, d) in &found {
            for leak in ["invalid type", "unknown variant", "u32", "struct", "`"] {
                assert!(!d.contains(leak), "{d}");
            }
        }
    }

    #[test]
    fn every_missing_field_is_told_not_only_the_first() {
        // proves: API-4 // issue 10
        let found = errors(json!({}));
        let attributes: Vec<&str> = found.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(attributes, ["name", "quantity", "colour", "tags"]);
        // A missing nested object's own fields are not the client's
        // problem twice: `address` is optional, and absent.
        let found = errors(
            json!({"name": "a", "quantity": 1, "colour": "blue", "tags": [], "address": {}}),
        );
        let attributes: Vec<&str> = found.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(attributes, ["address.city", "address.zip"]);
    }

    #[test]
    fn a_body_of_the_wrong_kind_is_the_bodys_problem() {
        // proves: API-4
        for body in [json!("text"), json!(4), json!(null)] {
            let found = errors(body);
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!(found[0].0, "body");
            assert!(found[0].1.starts_with("Expected an object"), "{found:?}");
        }
    }

    #[test]
    fn the_words_for_types() {
        assert_eq!(in_words("u8"), "a whole number from 0 to 255");
        assert_eq!(
            in_words("i32"),
            "a whole number from -2147483648 to 2147483647"
        );
        assert_eq!(in_words("struct Address"), "an object");
        assert_eq!(in_words("a sequence"), "a list");
        assert_eq!(in_words("a date as YYYY-MM-DD"), "a date as YYYY-MM-DD");
        assert_eq!(in_words("jiff::Date"), "another kind of value");
        assert_eq!(
            Problem::read("unknown variant `x`, expected `a` or `b`"),
            Problem::UnknownVariant {
                expected: vec!["a".into(), "b".into()]
            }
        );
        assert_eq!(
            Problem::read("unknown field `x`, there are no fields"),
            Problem::UnknownField { expected: vec![] }
        );
    }

    fn json() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            "(red|blue|green|[a-z]{0,6})".prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                prop::collection::btree_map(
                    "(name|quantity|colour|tags|address|city|zip|note|x)",
                    inner,
                    0..6
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        #[test]
        fn any_json_gives_the_value_or_named_errors_in_our_words(body in json()) {
            // proves: API-4 // issue 10
            if let Err(found) = deserialize::<Order>(body) {
                proptest::prop_assert!(!found.is_empty());
                for f in &found {
                    proptest::prop_assert!(!f.attribute.is_empty());
                    proptest::prop_assert!(!f.description.is_empty());
                    proptest::prop_assert!(!f.description.contains("invalid type"), "{}", f.description);
                    proptest::prop_assert!(!f.description.contains("unknown variant"), "{}", f.description);
                }
                let names: std::collections::BTreeSet<&String> = found.iter().map(|f| &f.attribute).collect();
                proptest::prop_assert_eq!(names.len(), found.len());
            }
        }
    }
}
