//! Mail (OPS-3): rendered from Fluent templates in the recipient's language,
//! sent over SMTP (plain, STARTTLS or TLS) or written as `.eml` files.

use std::{fmt::Write as _, time::Duration};

use fluent_bundle::FluentValue;
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Attachment, Mailbox, MultiPart, SinglePart, header::ContentType},
    transport::smtp::authentication::Credentials,
};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use super::{MailAttachment, MailPayload, MailRequest, deliver::DeliveryError};
use crate::{
    Ctx,
    config::{Config, MailTransportKind, SmtpSecurity},
    i18n::Lang,
};

/// Templates mailed to addresses that may have no account here (an
/// invitation goes to whoever was invited; the test mail to whoever the
/// operator names): their footer does not speak of "your account".
pub const TO_ADDRESSES_WITHOUT_ACCOUNT: &[&str] = &["org_invitation", "test"];

/// The argument that names the recipient, for the greeting ("Hello Anna,").
/// Templates use no other `$name`: the test `mail_templates_leave_name_to_the_greeting`
/// keeps it so.
pub const NAME_ARG: &str = "name";

/// Whether the argument `key` is a link: clickable in the HTML part.
fn is_link(key: &str) -> bool {
    key == "link" || key.ends_with("_link")
}

/// Private-use characters around a link's index in the HTML rendering:
/// they survive escaping and no translation uses them (and they are
/// removed from every other argument).
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

/// Render a templated mail: greeting, body, signature and footer, all in the
/// recipient's language, as plain text and as HTML.
pub fn render(ctx: &Ctx, req: &MailRequest<'_>) -> MailPayload {
    MailPayload::from(StoredMail::new(req, words(ctx, req), Vec::new()))
}

/// What the templates say for `req`, in the recipient's language: the
/// words of a mail, without its layout. Its links are kept apart, each
/// marked in the body by its index.
pub fn words(ctx: &Ctx, req: &MailRequest<'_>) -> MailWords {
    let key = req.template.replace('_', "-");
    let lang = req.lang;
    let provider = ctx.config.provider_name.as_str();
    let i18n = &ctx.i18n;
    let name = req
        .args
        .iter()
        .rev()
        .find(|(k, _)| *k == NAME_ARG)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty());
    let greeting = match name {
        Some(name) => i18n.t_args(lang, "mail-greeting-name", &[(NAME_ARG, name.into())]),
        None => i18n.t(lang, "mail-greeting"),
    };
    let footer_key = if TO_ADDRESSES_WITHOUT_ACCOUNT.contains(&req.template) {
        "mail-footer-no-account"
    } else {
        "mail-footer"
    };
    // Every argument without the link marks, and each link argument as its
    // mark: the text puts the link back, the HTML an anchor.
    let mut links: Vec<String> = Vec::new();
    let mut args: Vec<(&str, FluentValue<'_>)> = vec![("provider", clean(provider).into())];
    for (k, v) in &req.args {
        let value = if is_link(k) {
            links.push(v.clone());
            format!("{MARK_OPEN}{}{MARK_CLOSE}", links.len() - 1)
        } else {
            clean(v)
        };
        args.push((k, value.into()));
    }
    let t = |k: &str| i18n.t_args(lang, k, &args);
    // The subject is a line of text: its links are put back at once.
    let subject = unmark(
        &t(&format!("mail-{key}-subject")),
        &links.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    MailWords {
        subject,
        greeting,
        body: t(&format!("mail-{key}-body")),
        links,
        signature: t("mail-signature"),
        footer: t(footer_key),
    }
}

/// A mail's words (see [`words`]), fixed when the mail is written. The
/// layouts around them, text and HTML, are this module's code and are put
/// around them when the mail is read: an outbox row stores each word once,
/// a third of the size of both layouts (ADR 0018).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailWords {
    pub subject: String,
    pub greeting: String,
    /// The body, each link marked by its index in `links`.
    pub body: String,
    pub links: Vec<String>,
    pub signature: String,
    pub footer: String,
}

/// A mail as an outbox row holds it: its words, or (rows written before
/// words were stored apart) its text and HTML.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredMail {
    pub to: String,
    pub lang: Lang,
    pub template: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<MailWords>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<MailAttachment>,
}

impl StoredMail {
    pub fn new(req: &MailRequest<'_>, words: MailWords, attachments: Vec<MailAttachment>) -> Self {
        Self {
            to: req.to.to_string(),
            lang: req.lang,
            template: req.template.to_string(),
            words: Some(words),
            subject: None,
            text: None,
            html: None,
            attachments,
        }
    }
}

impl From<StoredMail> for MailPayload {
    fn from(m: StoredMail) -> Self {
        let (subject, text, html) = match m.words {
            Some(w) => {
                let links: Vec<&str> = w.links.iter().map(String::as_str).collect();
                let body = unmark(&w.body, &links);
                let text = format!(
                    "{}\n\n{}\n\n{}\n\n-- \n{}\n",
                    w.greeting,
                    body.trim_end(),
                    w.signature,
                    w.footer
                );
                let html = html_document(
                    m.lang,
                    &w.subject,
                    &w.greeting,
                    &w.body,
                    &links,
                    &w.signature,
                    &w.footer,
                );
                (w.subject, text, Some(html))
            }
            None => (
                m.subject.unwrap_or_default(),
                m.text.unwrap_or_default(),
                m.html,
            ),
        };
        MailPayload {
            to: m.to,
            lang: m.lang,
            template: m.template,
            subject,
            text,
            html,
            attachments: m.attachments,
        }
    }
}

/// `text` with each link mark replaced by its link.
fn unmark(text: &str, links: &[&str]) -> String {
    put_links(text, links, |out, link| out.push_str(link))
}

/// `text` with each link mark replaced by what `put` writes for its link
/// (the empty link for an index out of range).
fn put_links(text: &str, links: &[&str], mut put: impl FnMut(&mut String, &str)) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(MARK_OPEN) {
        let after = &rest[open + MARK_OPEN.len_utf8()..];
        let Some(close) = after.find(MARK_CLOSE) else {
            break;
        };
        out.push_str(&rest[..open]);
        let link = after[..close]
            .parse::<usize>()
            .ok()
            .and_then(|i| links.get(i))
            .copied()
            .unwrap_or_default();
        put(&mut out, link);
        rest = &after[close + MARK_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// An argument for the HTML rendering: without the link marks.
fn clean(value: &str) -> String {
    value.replace([MARK_OPEN, MARK_CLOSE], "\u{FFFD}")
}

/// `&`, `<`, `>`, `"` and `'` as character references: safe in text and in
/// quoted attributes.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const FONT: &str = "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;";

/// One line of a body, escaped, with its link marks turned into anchors (a
/// link that is not http(s) stays text).
fn html_line(line: &str, links: &[&str]) -> String {
    put_links(&escape_html(line), links, |out, link| {
        let shown = escape_html(link);
        if link.starts_with("https://") || link.starts_with("http://") {
            let _ = write!(
                out,
                "<a href=\"{shown}\" style=\"color:#1d4ed8;text-decoration:underline;word-break:break-all;\">{shown}</a>"
            );
        } else {
            out.push_str(&shown);
        }
    })
}

/// A simple, self-contained HTML mail: inline styles, no remote resources.
fn html_document(
    lang: Lang,
    subject: &str,
    greeting: &str,
    body: &str,
    links: &[&str],
    signature: &str,
    footer: &str,
) -> String {
    const P: &str = "margin:0 0 16px;";
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n</head>\n\
         <body style=\"margin:0;padding:24px 12px;background-color:#f3f4f6;\">\n\
         <div style=\"max-width:560px;margin:0 auto;padding:24px;background-color:#ffffff;border-radius:6px;{FONT}font-size:16px;line-height:1.5;color:#1f2937;\">\n\
         <p style=\"{P}\">{}</p>\n",
        lang.code(),
        escape_html(subject),
        escape_html(greeting),
    );
    for line in body.trim_end().lines().filter(|l| !l.trim().is_empty()) {
        let _ = writeln!(
            html,
            "<p style=\"{P}\">{}</p>",
            html_line(line.trim(), links)
        );
    }
    let _ = write!(
        html,
        "<p style=\"margin:24px 0 0;\">{}</p>\n</div>\n\
         <p style=\"max-width:560px;margin:16px auto 0;{FONT}font-size:13px;line-height:1.4;color:#6b7280;\">{}</p>\n\
         </body>\n</html>\n",
        escape_html(signature),
        escape_html(footer),
    );
    html
}

/// The configured way out for mail, and the sender it writes.
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    reply_to: Option<Mailbox>,
    host_for_ids: String,
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(AsyncFileTransport<Tokio1Executor>),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.transport {
            Transport::Smtp(_) => "smtp",
            Transport::File(_) => "file",
        };
        f.debug_struct("Mailer")
            .field("transport", &kind)
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

/// A configured address: `Name <address>` or a bare address, which is given
/// `default_name` (the provider's name).
fn mailbox(key: &str, value: &str, default_name: &str) -> Result<Mailbox, String> {
    let mut mailbox: Mailbox = value
        .trim()
        .parse()
        .map_err(|e| format!("{key} `{value}`: {e}"))?;
    if mailbox.name.as_deref().is_none_or(|n| n.trim().is_empty()) && !default_name.is_empty() {
        mailbox.name = Some(default_name.to_string());
    }
    Ok(mailbox)
}

impl Mailer {
    /// Build the transport from the configuration. The file outbox folder is
    /// created if missing.
    pub fn from_config(config: &Config) -> Result<Self, String> {
        let from = mailbox("mail.from", &config.mail.from, &config.provider_name)?;
        let reply_to = config
            .mail
            .reply_to
            .as_deref()
            .filter(|r| !r.trim().is_empty())
            .map(|r| mailbox("mail.reply_to", r, &config.provider_name))
            .transpose()?;
        let host_for_ids = from.email.domain().to_string();
        let transport = match config.mail.transport {
            MailTransportKind::File => {
                let dir = config.data_dir.join("outbox");
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                Transport::File(AsyncFileTransport::new(dir))
            }
            MailTransportKind::Smtp => {
                let smtp = &config.mail.smtp;
                let builder = match smtp.security {
                    SmtpSecurity::Plain => {
                        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host)
                            .port(smtp.port.unwrap_or(25))
                    }
                    SmtpSecurity::Starttls => {
                        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
                            .map_err(|e| format!("mail.smtp: {e}"))?
                            .port(smtp.port.unwrap_or(587))
                    }
                    SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host)
                        .map_err(|e| format!("mail.smtp: {e}"))?
                        .port(smtp.port.unwrap_or(465)),
                };
                let builder = builder.timeout(Some(Duration::from_secs(smtp.timeout_secs.max(1))));
                let builder = match (&smtp.username, &smtp.password) {
                    (Some(u), Some(p)) => builder
                        .credentials(Credentials::new(u.clone(), p.expose_secret().to_string())),
                    (None, None) => builder,
                    _ => return Err("mail.smtp: set both username and password, or neither".into()),
                };
                Transport::Smtp(builder.build())
            }
        };
        Ok(Mailer {
            transport,
            from,
            reply_to,
            host_for_ids,
        })
    }

    /// The `From:` of every mail.
    pub fn from(&self) -> &Mailbox {
        &self.from
    }

    /// Build the message for outbox row `outbox_id`: plain text, and the
    /// HTML alternative when the row has one (rows written before it
    /// existed have not). The Message-ID is derived from the row, so a retry
    /// carries the same one.
    pub fn build_message(
        &self,
        outbox_id: &str,
        mail: &MailPayload,
    ) -> Result<Message, DeliveryError> {
        self.build_message_with(outbox_id, mail, &[])
    }

    /// [`Mailer::build_message`] with its attachments' bytes (file name,
    /// PDF), read by the deliverer: the text parts, then each PDF.
    pub fn build_message_with(
        &self,
        outbox_id: &str,
        mail: &MailPayload,
        files: &[(String, Vec<u8>)],
    ) -> Result<Message, DeliveryError> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|e| DeliveryError::Permanent(format!("bad recipient: {e}")))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .message_id(Some(format!("<{outbox_id}@{}>", self.host_for_ids)));
        if let Some(reply_to) = &self.reply_to {
            builder = builder.reply_to(reply_to.clone());
        }
        let built = if files.is_empty() {
            match &mail.html {
                Some(html) => builder.multipart(MultiPart::alternative_plain_html(
                    mail.text.clone(),
                    html.clone(),
                )),
                None => builder
                    .header(ContentType::TEXT_PLAIN)
                    .body(mail.text.clone()),
            }
        } else {
            let pdf = ContentType::parse("application/pdf")
                .map_err(|e| DeliveryError::Permanent(format!("content type: {e}")))?;
            let mut mixed = match &mail.html {
                Some(html) => MultiPart::mixed().multipart(MultiPart::alternative_plain_html(
                    mail.text.clone(),
                    html.clone(),
                )),
                None => MultiPart::mixed().singlepart(SinglePart::plain(mail.text.clone())),
            };
            for (name, bytes) in files {
                mixed = mixed
                    .singlepart(Attachment::new(name.clone()).body(bytes.clone(), pdf.clone()));
            }
            builder.multipart(mixed)
        };
        built.map_err(|e| DeliveryError::Permanent(format!("cannot build mail: {e}")))
    }

    pub async fn send(&self, outbox_id: &str, mail: &MailPayload) -> Result<(), DeliveryError> {
        self.send_with(outbox_id, mail, &[]).await
    }

    /// Send with the attachments' bytes (see [`Mailer::build_message_with`]).
    pub async fn send_with(
        &self,
        outbox_id: &str,
        mail: &MailPayload,
        files: &[(String, Vec<u8>)],
    ) -> Result<(), DeliveryError> {
        let message = self.build_message_with(outbox_id, mail, files)?;
        match &self.transport {
            Transport::Smtp(transport) => transport.send(message).await.map(|_| ()).map_err(|e| {
                if e.is_permanent() {
                    DeliveryError::Permanent(e.to_string())
                } else {
                    DeliveryError::Transient(e.to_string())
                }
            }),
            Transport::File(transport) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| DeliveryError::Transient(e.to_string())),
        }
    }
}
