//! Posted forms: the fields as sent (repeated names kept, for checkbox
//! groups), the errors shown next to them, and what a form page answers
//! when the service refuses.

use axum::{
    body::Bytes,
    extract::{FromRequest, Request},
    http::StatusCode,
};
use guichet_core::{Error, FieldError, text};

use super::{Shell, errors::PageError};

/// The fields of an `application/x-www-form-urlencoded` body, in order.
#[derive(Debug, Default)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    /// The first value of `name`, or "" when absent (an absent text field
    /// and an empty one mean the same to a form).
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of `name` (a group of checkboxes).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

impl<S: Send + Sync> FromRequest<S> for Fields {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| PageError(Error::PayloadTooLarge))?;
        // The visitor layer already parsed the body to find the form token,
        // so a body that does not parse never gets this far; still, answer
        // like any other invalid input rather than trusting that.
        let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).map_err(|_| {
            PageError(Error::invalid(
                "body",
                "invalid_value",
                "The form could not be read.",
            ))
        })?;
        refuse_control_characters(&fields)?;
        Ok(Fields(fields))
    }
}

/// No form field is multi-line, and PostgreSQL refuses NUL in text: a
/// field with a control character is refused (422, naming it) before any
/// handler sees the form (issue 9), whatever the page.
fn refuse_control_characters(fields: &[(String, String)]) -> Result<(), PageError> {
    text::check_pairs(fields).map_err(PageError)
}

/// Field errors in the page's language, by field name.
#[derive(Debug, Default)]
pub struct FormErrors(Vec<(String, String)>);

impl FormErrors {
    /// Each field error code has a message `field-error-<code>` (dashes for
    /// underscores); a code without one shows the service's English text
    /// rather than a key.
    pub fn localized(shell: &Shell, fields: &[FieldError]) -> Self {
        Self::localized_in(shell, "", fields)
    }

    /// The same, with the words of one form first: `field-error-<form>-<code>`
    /// when the catalogue has it (a team's name is shorter than an
    /// organisation's, though both are `invalid_name`), else the general
    /// message of the code.
    pub fn localized_in(shell: &Shell, form: &str, fields: &[FieldError]) -> Self {
        Self(
            fields
                .iter()
                .map(|f| {
                    let code = f.code.replace('_', "-");
                    let general = shell.t_or(&format!("field-error-{code}"), &f.description);
                    let text = if form.is_empty() {
                        general
                    } else {
                        shell.t_or(&format!("field-error-{form}-{code}"), &general)
                    };
                    (f.attribute.clone(), text)
                })
                .collect(),
        )
    }

    pub fn get(&self, attribute: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(a, _)| a == attribute)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// (field, message) pairs, for the summary at the top of a form.
    pub fn list(&self) -> &[(String, String)] {
        &self.0
    }

    /// The accessibility attributes of an input: `aria-invalid` when it has
    /// an error, and `aria-describedby` naming its hint (if any) and its
    /// error message. Ids are `<field>-hint` and `<field>-error`.
    pub fn aria(&self, field: &str, has_hint: bool) -> String {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{field}-hint"));
        }
        let invalid = self.get(field).is_some();
        if invalid {
            ids.push(format!("{field}-error"));
        }
        let mut out = String::new();
        if invalid {
            out.push_str(r#" aria-invalid="true""#);
        }
        if !ids.is_empty() {
            out.push_str(&format!(r#" aria-describedby="{}""#, ids.join(" ")));
        }
        out
    }
}

/// How a form page answers a refused post: which status, which field
/// errors, which message above the form, and how long to wait.
#[derive(Debug, Default)]
pub struct Refusal {
    pub status: StatusCode,
    pub errors: FormErrors,
    pub alert: Option<String>,
    pub retry_after_secs: Option<u64>,
}

impl Refusal {
    /// Validation re-renders the form (422) with each error by its field;
    /// throttling (429) says how long to wait. Anything else is not the
    /// form's business: the caller answers with the error page.
    pub fn of(shell: &Shell, e: Error) -> Result<Refusal, PageError> {
        match e {
            Error::Validation(fields) => Ok(Refusal {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                errors: FormErrors::localized(shell, &fields),
                alert: Some(shell.t("form-has-errors")),
                retry_after_secs: None,
            }),
            Error::Throttled { retry_after_secs } => Ok(Refusal {
                status: StatusCode::TOO_MANY_REQUESTS,
                errors: FormErrors::default(),
                alert: Some(shell.t_count("form-throttled", "seconds", retry_after_secs.max(1))),
                retry_after_secs: Some(retry_after_secs.max(1)),
            }),
            other => Err(PageError(other)),
        }
    }

    /// A refusal with a message only (wrong credentials and the like).
    pub fn alert(status: StatusCode, text: String) -> Refusal {
        Refusal {
            status,
            alert: Some(text),
            ..Refusal::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::{body::Body, http::Request};
    use proptest::prelude::*;

    use super::*;

    fn fields_of(body: Vec<u8>) -> Result<Fields, PageError> {
        let req = Request::post("/x").body(Body::from(body)).unwrap();
        futures::executor::block_on(Fields::from_request(req, &()))
    }

    proptest! {
        #[test]
        fn any_form_body_is_read_or_refused_and_read_fields_are_clean(
            pairs in prop::collection::vec((any::<String>(), r"[a-z0-9 é€\x{0}\n\x{85}]{0,8}"), 0..4),
            raw in prop::collection::vec(any::<u8>(), 0..40),
        ) {
            // proves: ACC-1 // issue 9
            let encoded = serde_urlencoded::to_string(&pairs).unwrap().into_bytes();
            for body in [encoded, raw] {
                match fields_of(body) {
                    Ok(Fields(read)) => prop_assert!(read
                        .iter()
                        .all(|(k, v)| !text::has_control(k) && !text::has_control(v))),
                    Err(PageError(Error::Validation(f))) => prop_assert!(!f.is_empty()),
                    Err(PageError(e)) => prop_assert!(false, "unexpected {e}"),
                }
            }
        }
    }
}
