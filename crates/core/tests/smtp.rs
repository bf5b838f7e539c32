//! Mail over real SMTP: a local `aiosmtpd` writes what it receives into a
//! maildir, which the test reads back.
//!
//! Skipped loudly when `aiosmtpd` is not installed, unless
//! `GUICHET_TEST_REQUIRE_SMTP=1` (CI), which makes its absence a failure.

use std::{
    path::{Path, PathBuf},
    process::Stdio,
    sync::Arc,
    time::Duration,
};

use guichet_core::{
    both_engines,
    clock::Clock,
    config::{MailTransportKind, SmtpSecurity},
    i18n::Lang,
    jobs::SweepReport,
    outbox::{MailRequest, deliver::deliver_due, enqueue_mail},
    testing::TestApp,
};

use crate::support::{closed_port, only_row, reconfigure};

const REQUIRE_SMTP_VAR: &str = "GUICHET_TEST_REQUIRE_SMTP";

fn aiosmtpd_available() -> bool {
    let found = std::process::Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        if std::env::var(REQUIRE_SMTP_VAR).as_deref() == Ok("1") {
            panic!("{REQUIRE_SMTP_VAR}=1 but `python3 -c 'import aiosmtpd'` fails");
        }
        guichet_core::testing::skip("SMTP delivery test: `pip install aiosmtpd` to run it");
    }
    found
}

/// `python3 -m aiosmtpd` on a free local port, storing mail in a maildir;
/// killed when dropped.
struct SmtpServer {
    port: u16,
    maildir: PathBuf,
    _child: tokio::process::Child,
    _dir: tempfile::TempDir,
}

impl SmtpServer {
    async fn start() -> SmtpServer {
        let dir = tempfile::tempdir().unwrap();
        let maildir = dir.path().join("maildir");
        let port = closed_port();
        let mut child = tokio::process::Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start aiosmtpd");
        // Ready when it accepts connections.
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return SmtpServer {
                    port,
                    maildir,
                    _child: child,
                    _dir: dir,
                };
            }
            if let Some(status) = child.try_wait().unwrap() {
                panic!("aiosmtpd exited at start: {status}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("aiosmtpd did not listen on port {port} within 10 s");
    }

    /// The messages received so far.
    fn messages(&self) -> Vec<ReceivedMail> {
        let new = self.maildir.join("new");
        let Ok(entries) = std::fs::read_dir(&new) else {
            return Vec::new();
        };
        entries
            .map(|e| ReceivedMail::parse(&e.unwrap().path()))
            .collect()
    }
}

/// A received message: unfolded headers, the decoded text body and, for a
/// multipart/alternative message, the decoded HTML part.
#[derive(Debug)]
struct ReceivedMail {
    headers: Vec<(String, String)>,
    body: String,
    html: Option<String>,
}

impl ReceivedMail {
    fn parse(path: &Path) -> ReceivedMail {
        let raw = std::fs::read_to_string(path).unwrap().replace("\r\n", "\n");
        Self::parse_part(&raw)
    }

    fn parse_part(raw: &str) -> ReceivedMail {
        let (head, body) = raw.split_once("\n\n").expect("headers, blank line, body");
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in head.lines() {
            if line.starts_with([' ', '\t']) {
                let last = headers.last_mut().expect("a folded line follows a header");
                last.1.push(' ');
                last.1.push_str(line.trim());
            } else if let Some((name, value)) = line.split_once(':') {
                headers.push((name.to_string(), value.trim().to_string()));
            }
        }
        let mut mail = ReceivedMail {
            headers,
            body: String::new(),
            html: None,
        };
        let content_type = mail.header("Content-Type").unwrap_or_default().to_string();
        if content_type.starts_with("multipart/") {
            let boundary = content_type
                .split(';')
                .find_map(|p| p.trim().strip_prefix("boundary="))
                .expect("a boundary")
                .trim_matches('"')
                .to_string();
            for part in body.split(&format!("--{boundary}")).skip(1) {
                if part.starts_with("--") {
                    break;
                }
                let part = ReceivedMail::parse_part(part.trim_start_matches('\n'));
                let kind = part.header("Content-Type").unwrap_or_default();
                if kind.starts_with("text/html") {
                    mail.html = Some(part.body);
                } else if kind.starts_with("text/plain") {
                    mail.body = part.body;
                }
            }
            return mail;
        }
        mail.body = match mail
            .header("Content-Transfer-Encoding")
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("quoted-printable") => decode_quoted_printable(body),
            Some("base64") => {
                use base64::Engine as _;
                let compact: String = body.split_whitespace().collect();
                String::from_utf8(
                    base64::engine::general_purpose::STANDARD
                        .decode(compact)
                        .unwrap(),
                )
                .unwrap()
            }
            _ => body.to_string(),
        };
        mail
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// RFC 2045 quoted-printable: `=XX` bytes and `=` soft line breaks.
fn decode_quoted_printable(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            if b.get(i + 1) == Some(&b'\n') {
                i += 2;
                continue;
            }
            if let Some(byte) = b
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

// proves: OPS-3
both_engines!(mail_is_delivered_over_smtp_in_the_recipients_language);
async fn mail_is_delivered_over_smtp_in_the_recipients_language(app: Arc<TestApp>) {
    if !aiosmtpd_available() {
        return;
    }
    let server = SmtpServer::start().await;
    let ctx = reconfigure(&app, |c| {
        c.mail.transport = MailTransportKind::Smtp;
        c.mail.from = "Beispiel Hosting <no-reply@hosting.example>".into();
        c.mail.reply_to = Some("support@hosting.example".into());
        c.mail.smtp.host = "127.0.0.1".into();
        c.mail.smtp.port = Some(server.port);
        c.mail.smtp.security = SmtpSecurity::Plain;
        c.mail.smtp.timeout_secs = 10;
    });
    let mut tx = ctx.db.begin().await.unwrap();
    let id = enqueue_mail(
        tx.conn(),
        &ctx,
        MailRequest {
            to: "bea@example.test",
            lang: Lang::De,
            template: "test",
            args: vec![("name", "Bea".into())],
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    assert_eq!(
        deliver_due(&ctx).await.unwrap(),
        SweepReport { done: 1, failed: 0 }
    );
    let row = only_row(&ctx, "mail").await;
    assert_eq!(
        (row.status.as_str(), row.delivered_at),
        ("delivered", Some(app.clock.now().as_millisecond()))
    );

    let messages = server.messages();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    let mail = &messages[0];
    assert_eq!(mail.header("To"), Some("bea@example.test"), "{mail:#?}");
    // The envelope, as the server saw it.
    assert_eq!(
        mail.header("X-RcptTo"),
        Some("bea@example.test"),
        "{mail:#?}"
    );
    assert_eq!(
        mail.header("From"),
        Some("\"Beispiel Hosting\" <no-reply@hosting.example>"),
        "{mail:#?}"
    );
    assert_eq!(
        mail.header("Subject"),
        Some("Testnachricht von Guichet"),
        "{mail:#?}"
    );
    assert_eq!(
        mail.header("Message-ID"),
        Some(format!("<{id}@hosting.example>").as_str())
    );
    // A bare reply-to address is given the provider's name.
    assert_eq!(
        mail.header("Reply-To"),
        Some("Guichet <support@hosting.example>"),
        "{mail:#?}"
    );
    assert!(
        mail.header("Content-Type")
            .is_some_and(|t| t.starts_with("multipart/alternative")),
        "{mail:#?}"
    );
    let html = mail.html.as_deref().expect("an HTML part");
    for text in [
        "Guten Tag Bea,",
        "Dies ist eine Testnachricht. Wenn Sie sie lesen können, funktioniert der E-Mail-Versand.",
        "Ihr Guichet-Team",
    ] {
        assert!(mail.body.contains(text), "`{text}` not in {:?}", mail.body);
        assert!(html.contains(text), "`{text}` not in {html:?}");
    }
}
