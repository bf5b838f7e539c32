//! The API reference at `/api/docs` (issue 10): the OpenAPI document drawn
//! as a page of our own, server-side, in the console's layout. No
//! third-party viewer: those load their script from a CDN or carry
//! megabytes of it, which the Content-Security-Policy (`script-src 'self'`)
//! and offline providers both rule out. The page reads the same document
//! `/api/openapi.json` serves, so it cannot drift from it: operations by
//! tag, their token scope, parameters, request body, responses (with their
//! error codes), then every schema.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{OriginalUri, State},
    routing::get,
};
use serde_json::{Map, Value};

use super::openapi;
use crate::{
    AppState,
    console::{Shell, visitor::Visitor},
};

/// `/docs` under the API's prefix. The page is drawn in the console's
/// layout, so the console's visitor layer (session, language, form token of
/// the language switch) is on this route.
pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new().route(
        "/docs",
        get(page).layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::console::visitor::load_visitor,
        )),
    )
}

#[derive(Template, WebTemplate)]
#[template(path = "api/docs.html")]
pub struct DocsPage {
    shell: Shell,
    reference: Reference,
}

/// `GET /api/docs`: the reference.
pub async fn page(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    visitor: Visitor,
) -> DocsPage {
    let path = uri.path_and_query().map_or("/api/docs", |p| p.as_str());
    DocsPage {
        shell: Shell::of(&state, &visitor).at(path),
        reference: Reference::of(&serde_json::to_value(openapi::document()).unwrap_or_default()),
    }
}

/// The document, arranged for reading.
#[derive(Debug, Default)]
pub struct Reference {
    pub title: String,
    pub version: String,
    pub description: Vec<Paragraph>,
    pub tags: Vec<TagSection>,
    pub schemas: Vec<SchemaView>,
}

#[derive(Debug)]
pub struct TagSection {
    pub name: String,
    pub description: Vec<Paragraph>,
    pub operations: Vec<Operation>,
}

#[derive(Debug)]
pub struct Operation {
    /// The anchor: `op-<operationId>`.
    pub anchor: String,
    pub method: String,
    pub path: String,
    pub summary: Vec<Paragraph>,
    pub description: Vec<Paragraph>,
    /// The token scopes it needs; empty with `public` when no token is
    /// needed.
    pub scopes: Vec<String>,
    pub public: bool,
    pub parameters: Vec<Field>,
    pub body: Option<TypeText>,
    pub responses: Vec<ResponseView>,
}

#[derive(Debug)]
pub struct ResponseView {
    pub status: String,
    pub description: Paragraph,
    pub body: Option<TypeText>,
}

#[derive(Debug)]
pub struct SchemaView {
    pub name: String,
    pub description: Vec<Paragraph>,
    /// An object's fields.
    pub fields: Vec<Field>,
    /// Anything else: what it is (`one of "owner", "user"`).
    pub kind: Option<TypeText>,
}

/// A parameter or a field of an object.
#[derive(Debug)]
pub struct Field {
    pub name: String,
    /// Where a parameter goes (`path`, `query`); empty for a field.
    pub location: String,
    pub required: bool,
    pub type_text: TypeText,
    /// Limits, format, default, example: `1 to 100 characters`.
    pub rules: String,
    pub description: Vec<Paragraph>,
}

/// A type in words, with links to the schemas it names.
#[derive(Debug, Default, Clone)]
pub struct TypeText(pub Vec<Piece>);

#[derive(Debug, Clone)]
pub struct Piece {
    pub text: String,
    /// The schema's anchor when this piece names one.
    pub link: Option<String>,
}

/// Prose from a doc comment: text and `code` spans.
#[derive(Debug, Default, Clone)]
pub struct Paragraph(pub Vec<Inline>);

#[derive(Debug, Clone)]
pub struct Inline {
    pub text: String,
    pub code: bool,
}

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

impl Reference {
    pub fn of(doc: &Value) -> Self {
        let info = &doc["info"];
        let mut tags: Vec<TagSection> = array(&doc["tags"])
            .iter()
            .map(|t| TagSection {
                name: text(&t["name"]),
                description: prose(&text(&t["description"])),
                operations: Vec::new(),
            })
            .collect();
        for (path, item) in object(&doc["paths"]) {
            for method in METHODS {
                let Some(op) = item.get(method) else { continue };
                let operation = Operation::of(doc, method, &path, op);
                let tag = array(&op["tags"])
                    .first()
                    .map(text)
                    .unwrap_or_else(|| "other".into());
                match tags.iter_mut().find(|t| t.name == tag) {
                    Some(t) => t.operations.push(operation),
                    None => tags.push(TagSection {
                        name: tag,
                        description: Vec::new(),
                        operations: vec![operation],
                    }),
                }
            }
        }
        tags.retain(|t| !t.operations.is_empty());
        let schemas = object(&doc["components"]["schemas"])
            .iter()
            .map(|(name, s)| SchemaView::of(doc, name, s))
            .collect();
        Reference {
            title: text(&info["title"]),
            version: text(&info["version"]),
            description: prose(&text(&info["description"])),
            tags,
            schemas,
        }
    }
}

impl Operation {
    fn of(doc: &Value, method: &str, path: &str, op: &Value) -> Self {
        let security = array(&op["security"]);
        let scopes: Vec<String> = security
            .iter()
            .flat_map(|s| {
                object(s)
                    .into_iter()
                    .flat_map(|(_, v)| array(v).iter().map(text))
            })
            .collect();
        let parameters = array(&op["parameters"])
            .iter()
            .map(|p| {
                let schema = &p["schema"];
                Field {
                    name: text(&p["name"]),
                    location: text(&p["in"]),
                    required: p["required"].as_bool().unwrap_or(false),
                    type_text: type_text(schema),
                    rules: rules(resolve(doc, schema)),
                    description: prose(&text(&p["description"])),
                }
            })
            .collect();
        let body = op["requestBody"]["content"]["application/json"]
            .get("schema")
            .map(type_text);
        let mut responses: Vec<ResponseView> = object(&op["responses"])
            .iter()
            .map(|(status, r)| ResponseView {
                status: status.clone(),
                description: prose(&text(&r["description"]))
                    .into_iter()
                    .next()
                    .unwrap_or_default(),
                body: r["content"]["application/json"]
                    .get("schema")
                    .map(type_text),
            })
            .collect();
        responses.sort_by_cached_key(|r| r.status.clone());
        let id = text(&op["operationId"]);
        Operation {
            anchor: format!("op-{id}"),
            method: method.to_ascii_uppercase(),
            path: path.to_string(),
            summary: prose(&text(&op["summary"])),
            description: prose(&text(&op["description"])),
            public: security.is_empty(),
            scopes,
            parameters,
            body,
            responses,
        }
    }
}

impl SchemaView {
    fn of(doc: &Value, name: &str, s: &Value) -> Self {
        let required: Vec<String> = array(&s["required"]).iter().map(text).collect();
        let fields: Vec<Field> = object(&s["properties"])
            .iter()
            .map(|(field, f)| Field {
                name: field.clone(),
                location: String::new(),
                required: required.contains(field),
                type_text: type_text(f),
                rules: rules(resolve(doc, f)),
                description: prose(&text(&f["description"])),
            })
            .collect();
        SchemaView {
            name: name.to_string(),
            description: prose(&text(&s["description"])),
            kind: fields.is_empty().then(|| type_text(s)),
            fields,
        }
    }
}

/// The anchor of a schema in the page.
pub fn schema_anchor(name: &str) -> String {
    format!("schema-{name}")
}

/// A schema in words: `string`, `list of Scope`, `OrgView or null`.
pub fn type_text(s: &Value) -> TypeText {
    let mut out = TypeText::default();
    describe(s, &mut out);
    out
}

fn describe(s: &Value, out: &mut TypeText) {
    let word = |out: &mut TypeText, t: &str| {
        out.0.push(Piece {
            text: t.to_string(),
            link: None,
        })
    };
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or(r);
        out.0.push(Piece {
            text: name.to_string(),
            link: Some(schema_anchor(name)),
        });
        return;
    }
    for (key, joiner) in [("oneOf", " or "), ("anyOf", " or "), ("allOf", " and ")] {
        if let Some(options) = s.get(key).and_then(Value::as_array) {
            for (i, o) in options.iter().enumerate() {
                if i > 0 {
                    word(out, joiner);
                }
                describe(o, out);
            }
            return;
        }
    }
    if let Some(values) = s.get("enum").and_then(Value::as_array) {
        let shown: Vec<String> = values.iter().map(Value::to_string).collect();
        word(out, &format!("one of {}", shown.join(", ")));
        return;
    }
    let types: Vec<String> = match &s["type"] {
        Value::String(t) => vec![t.clone()],
        Value::Array(ts) => ts.iter().map(text).collect(),
        _ => vec![],
    };
    if types.is_empty() {
        word(out, "any value");
        return;
    }
    for (i, t) in types.iter().enumerate() {
        if i > 0 {
            word(out, " or ");
        }
        match t.as_str() {
            "array" => {
                word(out, "list of ");
                describe(&s["items"], out);
            }
            "object" if s.get("properties").is_some() => {
                // An inline object (the envelope around a type): its
                // fields in one line.
                word(out, "{ ");
                for (j, (name, f)) in object(&s["properties"]).iter().enumerate() {
                    if j > 0 {
                        word(out, ", ");
                    }
                    word(out, &format!("{name}: "));
                    describe(f, out);
                }
                word(out, " }");
            }
            other => {
                let format = s.get("format").and_then(Value::as_str);
                match format {
                    Some(f) if other != "null" => word(out, &format!("{other} ({f})")),
                    _ => word(out, other),
                }
            }
        }
    }
}

/// The limits of a value, in a few words.
fn rules(s: &Value) -> String {
    let n = |k: &str| s.get(k).and_then(Value::as_i64);
    let mut out = Vec::new();
    match (n("minLength"), n("maxLength")) {
        (Some(a), Some(b)) => out.push(format!("{a} to {b} characters")),
        (None, Some(b)) => out.push(format!("at most {b} characters")),
        (Some(a), None) => out.push(format!("at least {a} characters")),
        _ => {}
    }
    match (n("minimum"), n("maximum")) {
        (Some(a), Some(b)) => out.push(format!("from {a} to {b}")),
        (None, Some(b)) => out.push(format!("at most {b}")),
        (Some(a), None) => out.push(format!("at least {a}")),
        _ => {}
    }
    match (n("minItems"), n("maxItems")) {
        (Some(a), Some(b)) => out.push(format!("{a} to {b} items")),
        (None, Some(b)) => out.push(format!("at most {b} items")),
        (Some(a), None) => out.push(format!("at least {a} items")),
        _ => {}
    }
    if let Some(d) = s.get("default") {
        out.push(format!("default {d}"));
    }
    if let Some(e) = s.get("example") {
        out.push(format!("e.g. {e}"));
    }
    out.join("; ")
}

/// A `$ref` followed to its schema (for its limits); anything else as is.
fn resolve<'a>(doc: &'a Value, s: &'a Value) -> &'a Value {
    s.get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/"))
        .map_or(s, |r| r.split('/').fold(doc, |v, k| &v[k]))
}

/// Paragraphs of a doc comment (blank lines between), lines joined, with
/// `code` spans.
pub fn prose(s: &str) -> Vec<Paragraph> {
    s.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .map(|p| {
            Paragraph(
                p.split('`')
                    .enumerate()
                    .filter(|(_, t)| !t.is_empty())
                    .map(|(i, t)| Inline {
                        text: t.to_string(),
                        code: i % 2 == 1,
                    })
                    .collect(),
            )
        })
        .collect()
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn array(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

fn object(v: &Value) -> Vec<(String, &Value)> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    v.as_object()
        .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
        .iter()
        .map(|(k, v)| (k.clone(), v))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_holds_every_operation_of_the_document() {
        // proves: API-4 // issue 10
        let doc = serde_json::to_value(openapi::document()).unwrap_or_default();
        let reference = Reference::of(&doc);
        let mut in_doc = 0;
        for item in doc["paths"]
            .as_object()
            .into_iter()
            .flat_map(|m| m.values())
        {
            in_doc += METHODS.iter().filter(|m| item.get(**m).is_some()).count();
        }
        let in_page: usize = reference.tags.iter().map(|t| t.operations.len()).sum();
        assert!(in_doc > 10);
        assert_eq!(in_page, in_doc);
        assert_eq!(
            reference.schemas.len(),
            doc["components"]["schemas"].as_object().map_or(0, Map::len)
        );
    }

    #[test]
    fn types_read_as_words_with_links() {
        let t = type_text(
            &serde_json::json!({"type": "array", "items": {"$ref": "#/components/schemas/Scope"}}),
        );
        let words: String = t.0.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(words, "list of Scope");
        assert_eq!(t.0[1].link.as_deref(), Some("schema-Scope"));
        let t = type_text(&serde_json::json!({"type": ["string", "null"], "format": "date"}));
        let words: String = t.0.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(words, "string (date) or null");
        assert_eq!(
            rules(&serde_json::json!({"minLength": 1, "maxLength": 100})),
            "1 to 100 characters"
        );
    }

    #[test]
    fn prose_keeps_code_spans() {
        let p = prose("Send `Authorization: Bearer gch_…`\nto call.\n\nSecond.");
        assert_eq!(p.len(), 2);
        assert!(p[0].0[1].code);
        assert_eq!(p[0].0[1].text, "Authorization: Bearer gch_…");
        assert_eq!(p[0].0[2].text, " to call.");
    }
}
