//! The back office's catalogue editor (CAT-1): the text staff edit in a
//! monospace field, "Publish" for admins (other staff read it), every
//! mistake of a refused text listed with its place next to the field, the
//! text kept as sent, and the versions published, each readable.
//!
//! The form follows the back office's others (same origin and form token
//! checked by its layer, POST-redirect-GET), with one exception: its text
//! has line breaks, which [`Fields`](crate::console::form::Fields)
//! refuses in every field; so the body is read here, every other field
//! still refused with a control character, and the text left to the core
//! (line breaks and tabs only).

use askama::Template;
use axum::{
    Router,
    body::Bytes,
    extract::{Path, State},
    http::{StatusCode, Uri},
    response::Response,
    routing::get,
};
use guichet_core::{
    Error, FieldError,
    access::staff::{StaffAction, check as staff_check},
    catalog::versions::{self, CatalogueSource, TEXT_FIELD},
    text,
};

use super::{SignedInStaff, pages::Frame};
use crate::AppState;
use crate::console::{
    Shell,
    errors::PageError,
    notice::{Saved, notices, saved},
    refused, render,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff/catalog", get(editor).post(publish))
        .route("/staff/catalog/versions/{version}", get(version_page))
}

notices! {
    /// What the catalogue editor says after publishing.
    pub enum CatalogNotice in "staff-saved-catalog-" {
        Published = "published",
    }
}

/// Who published the text shown, and when.
pub struct Published {
    version: i64,
    by: String,
    iso: String,
    when: String,
}

/// A row of the versions' history.
pub struct VersionRow {
    number: i64,
    by: String,
    iso: String,
    when: String,
    note: String,
}

#[derive(Template)]
#[template(path = "staff/catalog.html")]
struct EditorPage {
    frame: Frame,
    toml: String,
    note: String,
    /// The text shown is this version's (None: the file's or the demo's).
    published: Option<Published>,
    /// The version this instance sells from, when it is not the one shown.
    running_behind: Option<String>,
    /// "Edit from version 3": the text shown is an older version's.
    from_version: Option<i64>,
    may_publish: bool,
    history: Vec<VersionRow>,
    /// Each mistake: its place and what is wrong.
    mistakes: Vec<(String, String)>,
    alert: Option<String>,
    saved: Option<String>,
}

impl EditorPage {
    async fn load(
        state: &AppState,
        signed: &SignedInStaff,
        source: CatalogueSource,
    ) -> Result<Self, PageError> {
        let actor = &signed.session.actor;
        let frame = Frame::of(state, &signed.visitor);
        let history = versions::list(&state.ctx, actor).await?;
        let shell = &frame.shell;
        let newest = history.first().map(|v| v.version);
        let running_behind = match (newest, source.running_version) {
            (Some(n), r) if r != Some(n) => Some(match r {
                Some(r) => shell.t1("staff-catalog-running-version", "version", r),
                None => shell.t("staff-catalog-running-file"),
            }),
            _ => None,
        };
        let history = history
            .into_iter()
            .map(|v| VersionRow {
                number: v.version,
                by: v.published_by_email,
                iso: shell.iso(v.published_at),
                when: shell.datetime(v.published_at),
                note: v.note.unwrap_or_default(),
            })
            .collect();
        Ok(Self {
            published: published_of(shell, &source),
            from_version: source.version.filter(|v| Some(*v) != newest),
            toml: source.toml,
            note: String::new(),
            running_behind,
            may_publish: actor.roles.permits(StaffAction::PublishCatalogue),
            history,
            mistakes: Vec::new(),
            alert: None,
            saved: None,
            frame,
        })
    }
}

fn published_of(shell: &Shell, s: &CatalogueSource) -> Option<Published> {
    Some(Published {
        version: s.version?,
        by: s.published_by_email.clone().unwrap_or_default(),
        iso: shell.iso(s.published_at.unwrap_or_default()),
        when: shell.datetime(s.published_at.unwrap_or_default()),
    })
}

/// The editor, with the newest text (or, `?from=3`, version 3's).
async fn editor(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Saved(notice): Saved<CatalogNotice>,
    uri: Uri,
) -> Result<Response, PageError> {
    let actor = &signed.session.actor;
    let pairs =
        serde_urlencoded::from_str::<Vec<(String, String)>>(uri.query().unwrap_or_default())
            .unwrap_or_default();
    let from = pairs
        .iter()
        .find(|(k, _)| k == "from")
        .and_then(|(_, v)| v.parse::<i64>().ok());
    let source = match from {
        Some(v) => versions::version(&state.ctx, actor, v).await?,
        None => versions::current(&state.ctx, actor).await?,
    };
    let mut page = EditorPage::load(&state, &signed, source).await?;
    page.saved = Saved::text(notice, &page.frame.shell);
    Ok(render(StatusCode::OK, &page))
}

/// Publish: the version's page after success; else the editor again with
/// the text as sent and each mistake by its place (422).
async fn publish(
    State(state): State<AppState>,
    signed: SignedInStaff,
    body: Bytes,
) -> Result<Response, PageError> {
    let actor = &signed.session.actor;
    // The roles first: another's form is refused whatever it holds.
    staff_check(actor, StaffAction::PublishCatalogue)?;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).map_err(|_| {
        PageError(Error::invalid(
            "body",
            "invalid_value",
            "The form could not be read.",
        ))
    })?;
    let others: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k != TEXT_FIELD)
        .cloned()
        .collect();
    text::check_pairs(&others)?;
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let (toml, note) = (field(TEXT_FIELD), field("note"));
    let fields = match versions::publish(&state.ctx, actor, toml, Some(note)).await {
        Ok(_) => return Ok(saved("/staff/catalog", CatalogNotice::Published)),
        Err(Error::Validation(fields)) => fields,
        Err(e) => return Err(e.into()),
    };
    let current = versions::current(&state.ctx, actor).await?;
    let mut page = EditorPage::load(&state, &signed, current).await?;
    // Nothing lost: the text and the note as sent.
    page.toml = toml.replace("\r\n", "\n");
    page.note = note.to_string();
    page.from_version = None;
    page.mistakes = mistakes(&page.frame.shell, fields);
    let count = u64::try_from(page.mistakes.len()).unwrap_or(u64::MAX);
    page.alert = Some(
        page.frame
            .shell
            .t_count("staff-catalog-refused", "count", count),
    );
    Ok(refused(&page, StatusCode::UNPROCESSABLE_ENTITY, None))
}

/// Each refusal's place and text: the catalogue's own sentences (English,
/// as the format's documentation), the note's in the page's language.
fn mistakes(shell: &Shell, fields: Vec<FieldError>) -> Vec<(String, String)> {
    fields
        .into_iter()
        .map(|f| {
            let place = if f.attribute == TEXT_FIELD {
                shell.t("staff-catalog-whole-text")
            } else if f.attribute == "note" {
                shell.t("staff-catalog-note")
            } else {
                f.attribute
            };
            let text = if f.code == "invalid_catalogue" {
                f.description
            } else {
                shell.t_or(
                    &format!("field-error-{}", f.code.replace('_', "-")),
                    &f.description,
                )
            };
            (place, text)
        })
        .collect()
}

#[derive(Template)]
#[template(path = "staff/catalog_version.html")]
struct VersionPage {
    frame: Frame,
    source: CatalogueSource,
    published: Option<Published>,
    may_publish: bool,
}

/// An old version's text, read-only.
async fn version_page(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(version): Path<String>,
) -> Result<Response, PageError> {
    let actor = &signed.session.actor;
    // Roles first, then a number that cannot be one is unknown.
    let Some(version) = version.parse::<i64>().ok().filter(|v| *v >= 1) else {
        staff_check(actor, StaffAction::ReadCatalogue)?;
        return Err(Error::NotFound.into());
    };
    let source = versions::version(&state.ctx, actor, version).await?;
    let frame = Frame::of(&state, &signed.visitor);
    let page = VersionPage {
        published: published_of(&frame.shell, &source),
        may_publish: actor.roles.permits(StaffAction::PublishCatalogue),
        source,
        frame,
    };
    Ok(render(StatusCode::OK, &page))
}
