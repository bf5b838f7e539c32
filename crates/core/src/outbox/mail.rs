//! Mail (OPS-3): rendered from Fluent templates in the recipient's language,
//! sent over SMTP (plain, STARTTLS or TLS) or written as `.eml` files.

use std::time::Duration;

use fluent_bundle::FluentValue;
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
    transport::smtp::authentication::Credentials,
};
use secrecy::ExposeSecret;

use super::{MailPayload, MailRequest, deliver::DeliveryError};
use crate::{
    Ctx,
    config::{Config, MailTransportKind, SmtpSecurity},
};

/// Render a templated mail: greeting, body, signature and footer, all in the
/// recipient's language.
pub fn render(ctx: &Ctx, req: &MailRequest<'_>) -> MailPayload {
    let key = req.template.replace('_', "-");
    let provider = ctx.config.provider_name.clone();
    let mut args: Vec<(&str, FluentValue<'_>)> = vec![("provider", provider.clone().into())];
    for (k, v) in &req.args {
        args.push((k, v.clone().into()));
    }
    let t = |k: &str| ctx.i18n.t_args(req.lang, k, &args);
    let subject = t(&format!("mail-{key}-subject"));
    let body = t(&format!("mail-{key}-body"));
    let text = format!(
        "{}\n\n{}\n\n{}\n\n-- \n{}\n",
        t("mail-greeting"),
        body.trim_end(),
        t("mail-signature"),
        t("mail-footer")
    );
    MailPayload {
        to: req.to.to_string(),
        lang: req.lang,
        template: req.template.to_string(),
        subject,
        text,
    }
}

/// The configured way out for mail.
pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
        host_for_ids: String,
    },
    File {
        transport: AsyncFileTransport<Tokio1Executor>,
        from: Mailbox,
        host_for_ids: String,
    },
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Smtp { .. } => f.write_str("Mailer::Smtp"),
            Mailer::File { .. } => f.write_str("Mailer::File"),
        }
    }
}

impl Mailer {
    /// Build the transport from the configuration. The file outbox folder is
    /// created if missing.
    pub fn from_config(config: &Config) -> Result<Self, String> {
        let from: Mailbox = config
            .mail
            .from
            .parse()
            .map_err(|e| format!("mail.from `{}`: {e}", config.mail.from))?;
        let host_for_ids = from.email.domain().to_string();
        match config.mail.transport {
            MailTransportKind::File => {
                let dir = config.data_dir.join("outbox");
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                Ok(Mailer::File {
                    transport: AsyncFileTransport::new(dir),
                    from,
                    host_for_ids,
                })
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
                Ok(Mailer::Smtp {
                    transport: builder.build(),
                    from,
                    host_for_ids,
                })
            }
        }
    }

    /// Build the message for outbox row `outbox_id`. The Message-ID is derived
    /// from the row, so a retry carries the same one.
    pub fn build_message(
        &self,
        outbox_id: &str,
        mail: &MailPayload,
    ) -> Result<Message, DeliveryError> {
        let (from, host) = match self {
            Mailer::Smtp {
                from, host_for_ids, ..
            }
            | Mailer::File {
                from, host_for_ids, ..
            } => (from, host_for_ids),
        };
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|e| DeliveryError::Permanent(format!("bad recipient: {e}")))?;
        Message::builder()
            .from(from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .message_id(Some(format!("<{outbox_id}@{host}>")))
            .header(ContentType::TEXT_PLAIN)
            .body(mail.text.clone())
            .map_err(|e| DeliveryError::Permanent(format!("cannot build mail: {e}")))
    }

    pub async fn send(&self, outbox_id: &str, mail: &MailPayload) -> Result<(), DeliveryError> {
        let message = self.build_message(outbox_id, mail)?;
        match self {
            Mailer::Smtp { transport, .. } => {
                transport.send(message).await.map(|_| ()).map_err(|e| {
                    if e.is_permanent() {
                        DeliveryError::Permanent(e.to_string())
                    } else {
                        DeliveryError::Transient(e.to_string())
                    }
                })
            }
            Mailer::File { transport, .. } => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| DeliveryError::Transient(e.to_string())),
        }
    }
}
