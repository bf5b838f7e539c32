//! The envelope: `{"result":"success","data":…}` or
//! `{"result":"error","error":{"code":…,"description":…}}`, real HTTP
//! statuses, and the extractors that turn bad input into documented errors.

use axum::{
    body::Bytes,
    extract::{FromRequest, FromRequestParts, Request, rejection::JsonRejection},
    http::{HeaderMap, HeaderValue, StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use guichet_core::{Error, ErrorKind, FieldError, text};
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use utoipa::ToSchema;

mod shape;

/// A success answer: `{"result":"success","data":…}`.
pub struct ApiOk<T>(pub StatusCode, pub T);

impl<T: Serialize> ApiOk<T> {
    pub fn ok(data: T) -> Self {
        Self(StatusCode::OK, data)
    }
    pub fn created(data: T) -> Self {
        Self(StatusCode::CREATED, data)
    }
}

#[derive(Serialize)]
struct SuccessBody<'a, T> {
    result: &'static str,
    data: &'a T,
}

impl<T: Serialize> IntoResponse for ApiOk<T> {
    fn into_response(self) -> Response {
        json_response(
            self.0,
            &SuccessBody {
                result: "success",
                data: &self.1,
            },
        )
    }
}

/// A page of a list: the envelope plus `total`, `page`, `pages`,
/// `items_per_page`.
pub struct ApiList<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub paging: Paging,
}

#[derive(Serialize)]
struct ListBody<'a, T> {
    result: &'static str,
    data: &'a [T],
    total: u64,
    page: u32,
    pages: u64,
    items_per_page: u32,
}

impl<T: Serialize> IntoResponse for ApiList<T> {
    fn into_response(self) -> Response {
        let per = u64::from(self.paging.per_page);
        json_response(
            StatusCode::OK,
            &ListBody {
                result: "success",
                data: &self.items,
                total: self.total,
                page: self.paging.page,
                pages: self.total.div_ceil(per).max(1),
                items_per_page: self.paging.per_page,
            },
        )
    }
}

impl<T> ApiList<T> {
    /// The requested page of a list the service returns whole (a user's
    /// sessions or tokens: a few dozen at most), so every list of the API
    /// answers with the same paging fields.
    pub fn page_of(all: Vec<T>, paging: Paging) -> Self {
        let total = u64::try_from(all.len()).unwrap_or(u64::MAX);
        let skip = usize::try_from(paging.offset()).unwrap_or(usize::MAX);
        let take = usize::try_from(paging.limit()).unwrap_or(0);
        Self {
            items: all.into_iter().skip(skip).take(take).collect(),
            total,
            paging,
        }
    }
}

/// The documented success body (for OpenAPI): `data` is the operation's
/// object.
#[derive(ToSchema)]
pub struct Success<T> {
    /// Always `success`.
    #[schema(example = "success")]
    pub result: String,
    pub data: T,
}

/// The documented body of a page of a list (for OpenAPI).
#[derive(ToSchema)]
pub struct Page<T> {
    /// Always `success`.
    #[schema(example = "success")]
    pub result: String,
    pub data: Vec<T>,
    /// Items in the whole list.
    pub total: u64,
    /// This page's number, from 1.
    pub page: u32,
    /// Number of pages (at least 1).
    pub pages: u64,
    pub items_per_page: u32,
}

fn json_response<T: Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => {
            let mut r = (status, bytes).into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            r
        }
        Err(e) => ApiError(Error::internal(format!("serialising a response: {e}"))).into_response(),
    }
}

/// The documented error body (for OpenAPI).
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// Always `error`.
    #[schema(example = "error")]
    pub result: &'static str,
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A stable code from `docs/errors.md`.
    #[schema(example = "object_not_found")]
    pub code: &'static str,
    pub description: String,
    /// Present on `validation_failed`: one entry per invalid field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldErrorBody>>,
}

#[derive(Serialize, ToSchema)]
pub struct FieldErrorBody {
    pub code: &'static str,
    pub description: String,
    pub context: FieldContext,
}

#[derive(Serialize, ToSchema)]
pub struct FieldContext {
    pub attribute: String,
}

impl From<&FieldError> for FieldErrorBody {
    fn from(f: &FieldError) -> Self {
        Self {
            code: f.code,
            description: f.description.clone(),
            context: FieldContext {
                attribute: f.attribute.clone(),
            },
        }
    }
}

/// Any core error, answered in the envelope with its HTTP status.
#[derive(Debug)]
pub struct ApiError(pub Error);

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        Self(e)
    }
}

pub fn status_of(kind: ErrorKind) -> StatusCode {
    match kind {
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Validation => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
        ErrorKind::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorKind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        ErrorKind::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorKind::Conflict => StatusCode::CONFLICT,
        ErrorKind::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorKind::Forbidden => StatusCode::FORBIDDEN,
        ErrorKind::Throttled => StatusCode::TOO_MANY_REQUESTS,
        ErrorKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let e = self.0;
        if let Error::Internal(detail) = &e {
            // Logged with the request's span (and so its request id); the
            // client gets a generic description only.
            tracing::error!(error = %detail, "internal error");
        }
        let status = status_of(e.kind());
        let errors = match &e {
            Error::Validation(fields) => Some(fields.iter().map(FieldErrorBody::from).collect()),
            _ => None,
        };
        let body = ErrorBody {
            result: "error",
            error: ErrorDetail {
                code: e.code(),
                description: e.public_description(),
                errors,
            },
        };
        let mut r = json_response(status, &body);
        if let Error::Throttled { retry_after_secs } = e
            && let Ok(v) = HeaderValue::from_str(&retry_after_secs.max(1).to_string())
        {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        if status == StatusCode::UNAUTHORIZED {
            r.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        r
    }
}

/// JSON body extractor with documented errors: malformed JSON → 400
/// `invalid_json`; missing or wrong content type → 415
/// `unsupported_media_type`; over the size limit → 413 `payload_too_large`;
/// well-formed JSON of the wrong shape → 422 `validation_failed`, with
/// every wrong field described in plain words (see [`shape`]).
///
/// Before the body meets its type, two rules hold for every request
/// (issue 9): the body is a JSON object (serde's derived structs would
/// also take an array of their fields), and no string in it, key or value,
/// holds a control character (no request field is multi-line, and
/// PostgreSQL refuses NUL in text). No request type nests an object, so
/// the root is the one place where an array could pass for a struct.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        ApiJsonBytes::<T>::from_request(req, state)
            .await
            .map(|ApiJsonBytes(v, _)| ApiJson(v))
    }
}

/// [`ApiJson`], keeping the body's bytes too: an `Idempotency-Key` is
/// bound to what the request asked, byte for byte.
pub struct ApiJsonBytes<T>(pub T, pub Bytes);

impl<S, T> FromRequest<S> for ApiJsonBytes<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json_content_type(req.headers()) {
            return Err(ApiError(Error::UnsupportedMediaType));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|r| {
            ApiError(if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
                Error::PayloadTooLarge
            } else {
                Error::bad_request("invalid_json", r.body_text())
            })
        })?;
        let value = axum::Json::<serde_json::Value>::from_bytes(&bytes)
            .map_err(|r| ApiError(json_rejection(r)))?;
        check_shape(&value.0).map_err(ApiError)?;
        shape::deserialize(value.0)
            .map(|v| ApiJsonBytes(v, bytes))
            .map_err(|fields| ApiError(Error::Validation(fields)))
    }
}

/// A request type with one multi-line text field (a catalogue's TOML):
/// the field that [`ApiJsonText`] lets hold line breaks and tabs.
pub trait TextField {
    /// The top-level field's name.
    const FIELD: &'static str;
}

/// [`ApiJson`] for a body whose [`TextField`] is a text of several lines:
/// every other string obeys the control-character rule, and that one is
/// left to the service, which allows line breaks and tabs in it and
/// nothing else.
pub struct ApiJsonText<T>(pub T);

impl<S, T> FromRequest<S> for ApiJsonText<T>
where
    T: DeserializeOwned + TextField,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json_content_type(req.headers()) {
            return Err(ApiError(Error::UnsupportedMediaType));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|r| {
            ApiError(if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
                Error::PayloadTooLarge
            } else {
                Error::bad_request("invalid_json", r.body_text())
            })
        })?;
        let mut value = axum::Json::<serde_json::Value>::from_bytes(&bytes)
            .map_err(|r| ApiError(json_rejection(r)))?
            .0;
        // The text is set aside while the rest is judged.
        let text = match value.as_object_mut() {
            Some(object) => match object.get(T::FIELD) {
                Some(serde_json::Value::String(_)) => object.remove(T::FIELD),
                _ => None,
            },
            None => None,
        };
        check_shape(&value).map_err(ApiError)?;
        if let (Some(text), Some(object)) = (text, value.as_object_mut()) {
            object.insert(T::FIELD.to_string(), text);
        }
        shape::deserialize(value)
            .map(ApiJsonText)
            .map_err(|fields| ApiError(Error::Validation(fields)))
    }
}

/// `application/json` or a `+json` type, as axum's `Json` requires.
fn is_json_content_type(headers: &HeaderMap) -> bool {
    let Some(Ok(ct)) = headers.get(header::CONTENT_TYPE).map(|v| v.to_str()) else {
        return false;
    };
    let essence = ct.split(';').next().unwrap_or_default().trim();
    let essence = essence.to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// The body is an object and holds no control character.
fn check_shape(body: &serde_json::Value) -> Result<(), Error> {
    if !body.is_object() {
        return Err(Error::invalid(
            "body",
            "invalid_value",
            "The body must be a JSON object.",
        ));
    }
    let mut errors = Vec::new();
    control_characters(body, "", &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

/// One error per string holding a control character, named by its path
/// (`name`, `address.street`, `rights[2]`), the way data errors are.
fn control_characters(v: &serde_json::Value, path: &str, out: &mut Vec<FieldError>) {
    use serde_json::Value;
    let refuse = |attribute: String, out: &mut Vec<FieldError>| {
        out.push(FieldError::new(
            attribute,
            "invalid_characters",
            "Use no control characters (line breaks, tabs, NUL…).",
        ));
    };
    match v {
        Value::String(s) if text::has_control(s) => refuse(path.to_string(), out),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                control_characters(item, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(fields) => {
            for (k, item) in fields {
                let key: String = k.escape_default().collect();
                let at = if path.is_empty() {
                    key
                } else {
                    format!("{path}.{key}")
                };
                if text::has_control(k) {
                    refuse(at, out);
                } else {
                    control_characters(item, &at, out);
                }
            }
        }
        _ => {}
    }
}

fn json_rejection(r: JsonRejection) -> Error {
    match r {
        JsonRejection::MissingJsonContentType(_) => Error::UnsupportedMediaType,
        JsonRejection::JsonSyntaxError(e) => Error::bad_request(
            "invalid_json",
            format!("The body is not valid JSON: {}", e.body_text()),
        ),
        // Only a `serde_json::Value` is read this way, and any JSON is
        // one; the body's fit to its type is judged by `shape`.
        JsonRejection::JsonDataError(e) => Error::invalid("body", "invalid_value", e.body_text()),
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => Error::PayloadTooLarge,
        other => Error::bad_request("invalid_json", other.body_text()),
    }
}

/// Page selection from the query: `page` (1 to 10,000) and `per_page` (1 to
/// 100, default 20).
#[derive(Debug, Clone, Copy, Deserialize, ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// The page, from 1 to 10,000.
    // The maximum (`MAX_PAGE`) is written into the document by `limits`.
    #[serde(default = "first_page")]
    #[param(minimum = 1, default = 1)]
    #[schema(minimum = 1, default = 1)]
    pub page: u32,
    /// Items per page, 1 to 100.
    // The maximum (`MAX_PER_PAGE`) is written into the document by `limits`.
    #[serde(default = "default_per_page")]
    #[param(minimum = 1, default = 20)]
    #[schema(minimum = 1, default = 20)]
    pub per_page: u32,
}

pub const MAX_PER_PAGE: u32 = 100;
/// The last page one can ask for: deep offsets cost the database a scan of
/// everything skipped, and a million items are more than any list here
/// holds.
pub const MAX_PAGE: u32 = 10_000;

fn first_page() -> u32 {
    1
}
fn default_per_page() -> u32 {
    20
}

impl Paging {
    pub fn offset(&self) -> i64 {
        i64::from(self.page.saturating_sub(1)) * i64::from(self.per_page)
    }
    pub fn limit(&self) -> i64 {
        i64::from(self.per_page)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Paging {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let mut paging = Paging {
            page: 1,
            per_page: default_per_page(),
        };
        let mut errors = Vec::new();
        for (k, v) in query_pairs(parts).map_err(ApiError)? {
            match k.as_str() {
                "page" => match v.parse::<u32>() {
                    Ok(p) if (1..=MAX_PAGE).contains(&p) => paging.page = p,
                    _ => errors.push(FieldError::new(
                        "page",
                        "invalid_value",
                        format!("page must be a whole number from 1 to {MAX_PAGE}"),
                    )),
                },
                "per_page" => match v.parse::<u32>() {
                    Ok(p) if (1..=MAX_PER_PAGE).contains(&p) => paging.per_page = p,
                    _ => errors.push(FieldError::new(
                        "per_page",
                        "invalid_value",
                        format!("per_page must be from 1 to {MAX_PER_PAGE}"),
                    )),
                },
                _ => {}
            }
        }
        if errors.is_empty() {
            Ok(paging)
        } else {
            Err(ApiError(Error::Validation(errors)))
        }
    }
}

/// The query's parameters, decoded. A query that cannot be read, or a
/// parameter (name or value) with a control character, is refused with 422
/// naming it (issue 9): no parameter is multi-line, and PostgreSQL
/// refuses NUL in text.
pub fn query_pairs(parts: &Parts) -> Result<Vec<(String, String)>, Error> {
    let pairs =
        serde_urlencoded::from_str::<Vec<(String, String)>>(parts.uri.query().unwrap_or_default())
            .map_err(|_| {
                Error::invalid("query", "invalid_value", "The query string cannot be read.")
            })?;
    text::check_pairs(&pairs)?;
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use axum::http::Request;
    use proptest::prelude::*;

    use super::*;

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[a-z_.:`\\[\\]0-9 ]{0,40}",
            "(page|per_page|action|actor)",
            "[0-9]{1,12}",
        ]
    }

    fn paging_of(pairs: &[(String, String)]) -> Result<Paging, ApiError> {
        let query = serde_urlencoded::to_string(pairs).unwrap_or_default();
        let (mut parts, ()) = Request::get(format!("/x?{query}"))
            .body(())
            .unwrap_or_default()
            .into_parts();
        futures::executor::block_on(Paging::from_request_parts(&mut parts, &()))
    }

    proptest! {
        #[test]
        fn any_query_gives_a_page_in_range_or_a_named_refusal(
            pairs in prop::collection::vec((text(), text()), 0..4)
        ) {
            // proves: API-4 // issue 9
            match paging_of(&pairs) {
                Ok(p) => {
                    prop_assert!((1..=MAX_PAGE).contains(&p.page));
                    prop_assert!((1..=MAX_PER_PAGE).contains(&p.per_page));
                    prop_assert!(pairs.iter().all(|(k, v)| !text::has_control(k) && !text::has_control(v)));
                }
                Err(ApiError(Error::Validation(f))) => prop_assert!(!f.is_empty()),
                Err(ApiError(e)) => prop_assert!(false, "unexpected {e}"),
            }
        }

        #[test]
        fn a_body_passes_only_as_an_object_without_control_characters(
            fields in prop::collection::vec((text(), text()), 0..4),
            as_array in any::<bool>(),
        ) {
            // proves: API-4 // issue 9
            let object: serde_json::Map<String, serde_json::Value> = fields
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::json!([v, {"inner": v}])))
                .collect();
            let body = if as_array {
                serde_json::Value::Array(object.values().cloned().collect())
            } else {
                serde_json::Value::Object(object.clone())
            };
            let clean = object.iter().all(|(k, v)| {
                !text::has_control(k) && !text::has_control(v[0].as_str().unwrap_or_default())
            });
            prop_assert_eq!(check_shape(&body).is_ok(), !as_array && clean);
        }
    }

    #[test]
    fn control_characters_are_named_by_their_json_path() {
        // proves: API-4 // issue 9
        let body = serde_json::json!({"a": {"street": "x\u{0}"}, "members": ["ok", "\u{85}"], "k\u{1}": 1});
        let Err(Error::Validation(f)) = check_shape(&body) else {
            panic!("accepted");
        };
        let mut names: Vec<&str> = f.iter().map(|e| e.attribute.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["a.street", "k\\u{1}", "members[1]"]);
    }
}
