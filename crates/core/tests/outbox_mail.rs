//! What a mail looks like (OPS-3): greeted by name, plain text with an HTML
//! alternative whose every argument is escaped and whose links are
//! clickable, the sender from the configuration, a footer that speaks of an
//! account only to account holders, and the typography of each language.

use std::sync::Arc;

use guichet_core::{
    both_engines,
    i18n::{I18n, Lang},
    outbox::{
        MailPayload, MailRequest, Mailer,
        mail::{TO_ADDRESSES_WITHOUT_ACCOUNT, render},
    },
    testing::TestApp,
};

use crate::support::reconfigure;

fn request<'a>(template: &'a str, lang: Lang, args: Vec<(&'a str, String)>) -> MailRequest<'a> {
    MailRequest {
        to: "anna@example.test",
        lang,
        template,
        args,
    }
}

/// Every mail template (`mail-<t>-body`), as template names.
fn templates() -> Vec<String> {
    I18n::keys(Lang::En)
        .into_iter()
        .filter_map(|k| {
            k.strip_prefix("mail-")
                .and_then(|k| k.strip_suffix("-body"))
                .map(|t| t.replace('-', "_"))
        })
        .collect()
}

/// Arguments for any template, none of them a word of a translation.
fn any_args(name: Option<&str>) -> Vec<(&'static str, String)> {
    let mut args = vec![
        (
            "link",
            "https://guichet.example/x?token=abc&lang=fr".to_string(),
        ),
        ("within", "WITHIN".into()),
        ("tokens", "kept".into()),
        ("token", "TOKEN".into()),
        ("scopes", "SCOPES".into()),
        ("address", "ADDRESS".into()),
        ("org", "ORG".into()),
        ("inviter", "INVITER".into()),
        ("number", "NUMBER".into()),
        ("open", "OPEN".into()),
        ("due", "DUE".into()),
        ("level", "LEVEL".into()),
        ("fee", "FEE".into()),
        // Bank credits (BNK-3): what arrived, where it went.
        ("amount", "CHF 108.10".into()),
        ("date", "2026-12-01".into()),
        ("outcome", "partially_paid".into()),
        ("prepaid", "CHF 5.95".into()),
        // Renewals (REN): the product, its dates and the page to renew.
        ("product", "PRODUCT".into()),
        ("expires", "2026-04-09".into()),
        ("expired", "2026-04-09".into()),
        ("total", "CHF 64.86".into()),
        ("charge", "2026-03-26".into()),
        ("until", "2026-05-09".into()),
        ("reason", "The card was declined.".into()),
        ("next", "2026-03-30".into()),
        ("days", "7".into()),
        ("suspend", "2026-04-16".into()),
        ("delete", "2026-05-16".into()),
        // The same address as `link`, which the typography test sets aside.
        ("url", "https://guichet.example/x?token=abc&lang=fr".into()),
    ];
    if let Some(name) = name {
        args.push(("name", name.to_string()));
    }
    args
}

// proves: OPS-3
both_engines!(mail_greets_by_name_when_it_knows_it);
async fn mail_greets_by_name_when_it_knows_it(app: Arc<TestApp>) {
    let ctx = &app.ctx;
    for (lang, named, generic) in [
        (Lang::En, "Hello Anna Muster,\n", "Hello,\n"),
        (Lang::Fr, "Bonjour Anna Muster,\n", "Bonjour,\n"),
        (Lang::De, "Guten Tag Anna Muster,\n", "Guten Tag,\n"),
        (Lang::It, "Buongiorno Anna Muster,\n", "Buongiorno,\n"),
    ] {
        let mail = render(
            ctx,
            &request("test", lang, vec![("name", " Anna Muster ".into())]),
        );
        assert!(mail.text.starts_with(named), "{lang:?}: {}", mail.text);
        let mail = render(ctx, &request("test", lang, vec![]));
        assert!(mail.text.starts_with(generic), "{lang:?}: {}", mail.text);
        // A blank name is no name.
        let mail = render(ctx, &request("test", lang, vec![("name", "  ".into())]));
        assert!(mail.text.starts_with(generic), "{lang:?}: {}", mail.text);
    }

    // A token mail names the token in its body and greets its owner.
    let mail = render(
        ctx,
        &request(
            "token_revoked",
            Lang::En,
            vec![("name", "Anna".into()), ("token", "ci-deploy".into())],
        ),
    );
    assert!(mail.text.starts_with("Hello Anna,\n"), "{}", mail.text);
    assert!(
        mail.text
            .contains("The API token named \"ci-deploy\" was revoked"),
        "{}",
        mail.text
    );
}

// proves: OPS-3
both_engines!(mail_templates_leave_name_to_the_greeting);
async fn mail_templates_leave_name_to_the_greeting(app: Arc<TestApp>) {
    // `name` is the recipient's: a template using it for anything else
    // would greet a token or an organisation.
    let templates = templates();
    assert!(templates.len() > 10, "{templates:?}");
    for lang in Lang::ALL {
        for template in &templates {
            let mail = render(
                &app.ctx,
                &request(template, lang, any_args(Some("NAME-SENTINEL"))),
            );
            let body = mail.text.split_once('\n').unwrap().1;
            assert!(
                !body.contains("NAME-SENTINEL") && !mail.subject.contains("NAME-SENTINEL"),
                "{lang:?} {template} uses $name: {}",
                mail.text
            );
            assert!(
                !mail.text.contains("{$") && !mail.subject.contains("{$"),
                "{lang:?} {template} lacks an argument: {}",
                mail.text
            );
        }
    }
}

/// The HTML part of `mail`.
fn html_of(mail: &MailPayload) -> &str {
    mail.html.as_deref().expect("an HTML alternative")
}

// proves: OPS-3
both_engines!(html_alternative_escapes_arguments_and_links_only_links);
async fn html_alternative_escapes_arguments_and_links_only_links(app: Arc<TestApp>) {
    let ctx = reconfigure(&app, |c| c.provider_name = "Dupont & <Fils>".into());
    let link = "https://guichet.example/invitations/abc?x=1&y=\"2\"";
    let mail = render(
        &ctx,
        &request(
            "org_invitation",
            Lang::Fr,
            vec![
                ("name", "<b>Anna</b>".into()),
                ("org", "O'Neil & \"Co\" <script>alert(1)</script>".into()),
                ("inviter", "https://phishing.example/login".into()),
                ("link", link.into()),
            ],
        ),
    );
    let html = html_of(&mail);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert!(html.contains("Bonjour &lt;b&gt;Anna&lt;/b&gt;,"), "{html}");
    assert!(
        html.contains("O&#39;Neil &amp; &quot;Co&quot; &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("Dupont &amp; &lt;Fils&gt;"), "{html}");
    assert!(!html.contains("<script") && !html.contains("<b>"), "{html}");
    // The link argument is clickable, escaped in the attribute and the text.
    let escaped = "https://guichet.example/invitations/abc?x=1&amp;y=&quot;2&quot;";
    assert!(
        html.contains(&format!("<a href=\"{escaped}\" style=")),
        "{html}"
    );
    assert!(html.contains(&format!(">{escaped}</a>")), "{html}");
    // Only link arguments become links: a URL given as a name stays text.
    assert_eq!(html.matches("<a ").count(), 1, "{html}");
    assert!(html.contains("https://phishing.example/login"), "{html}");
    // Self-contained: no remote images, styles or scripts.
    for remote in ["src=", "<link", "url(", "<img", "<style", "<script"] {
        assert!(!html.contains(remote), "`{remote}` in {html}");
    }
    // The plain text is the same message, unescaped.
    assert!(mail.text.contains(link), "{}", mail.text);
    assert!(mail.text.contains("O'Neil & \"Co\""), "{}", mail.text);

    // A link argument that is not http(s) is not made clickable.
    let mail = render(
        &ctx,
        &request(
            "reset_password",
            Lang::En,
            vec![
                ("link", "javascript:alert(1)".into()),
                ("within", "soon".into()),
            ],
        ),
    );
    assert!(!html_of(&mail).contains("<a "), "{}", html_of(&mail));
}

// proves: OPS-3
both_engines!(footer_speaks_of_an_account_only_to_account_holders);
async fn footer_speaks_of_an_account_only_to_account_holders(app: Arc<TestApp>) {
    let account = [
        (Lang::En, "your account"),
        (Lang::Fr, "votre compte"),
        (Lang::De, "Ihres Kontos"),
        (Lang::It, "Suo account"),
    ];
    for (lang, words) in account {
        let footer_of = |template: &str| {
            let mail = render(&app.ctx, &request(template, lang, any_args(None)));
            mail.text.rsplit_once("-- \n").unwrap().1.to_string()
        };
        for template in TO_ADDRESSES_WITHOUT_ACCOUNT {
            let footer = footer_of(template);
            assert!(!footer.contains(words), "{lang:?} {template}: {footer}");
        }
        assert!(TO_ADDRESSES_WITHOUT_ACCOUNT.contains(&"org_invitation"));
        let footer = footer_of("reset_password");
        assert!(footer.contains(words), "{lang:?}: {footer}");
    }
}

// proves: OPS-3
both_engines!(french_and_italian_mail_follow_their_typography);
async fn french_and_italian_mail_follow_their_typography(app: Arc<TestApp>) {
    for template in templates() {
        // French: a no-break space (U+00A0 or the narrow U+202F) before
        // : ; ! ? and », after «.
        let mail = render(&app.ctx, &request(&template, Lang::Fr, any_args(None)));
        let text = format!("{}\n{}", mail.subject, mail.text)
            .replace("https://guichet.example/x?token=abc&lang=fr", "LINK");
        let chars: Vec<char> = text.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if [':', ';', '!', '?', '»'].contains(c) {
                let before = i.checked_sub(1).map(|j| chars[j]);
                assert!(
                    matches!(before, Some('\u{a0}' | '\u{202f}')),
                    "fr {template}: `{c}` after {before:?} in {text:?}"
                );
            }
            if *c == '«' {
                assert!(
                    matches!(chars.get(i + 1), Some('\u{a0}' | '\u{202f}')),
                    "fr {template}: after « in {text:?}"
                );
            }
        }
        // Italian: the courtesy form is capitalised (Lei, Suo, La, Le…).
        let mail = render(&app.ctx, &request(&template, Lang::It, any_args(None)));
        let text = format!("{}\n{}", mail.subject, mail.text);
        for word in text.split(|c: char| !c.is_alphabetic()) {
            assert!(
                !["lei", "suo", "sua", "suoi", "sue"].contains(&word),
                "it {template}: `{word}` in {text:?}"
            );
        }
    }
}

// proves: OPS-3
both_engines!(message_has_both_parts_and_the_configured_sender);
async fn message_has_both_parts_and_the_configured_sender(app: Arc<TestApp>) {
    let ctx = reconfigure(&app, |c| {
        c.provider_name = "Example Hosting".into();
        c.mail.from = "no-reply@hosting.example".into();
        c.mail.reply_to = Some("Support <support@hosting.example>".into());
    });
    let mail = render(
        &ctx,
        &request(
            "reset_password",
            Lang::En,
            vec![
                (
                    "link",
                    "https://hosting.example/reset-password?token=t".into(),
                ),
                ("within", "within 2 hours".into()),
            ],
        ),
    );
    let message = ctx.mailer.build_message("obx_1", &mail).unwrap();
    let raw = String::from_utf8(message.formatted()).unwrap();
    assert!(
        raw.contains("From: \"Example Hosting\" <no-reply@hosting.example>"),
        "{raw}"
    );
    assert!(
        raw.contains("Reply-To: Support <support@hosting.example>"),
        "{raw}"
    );
    assert!(raw.contains("Message-ID: <obx_1@hosting.example>"), "{raw}");
    assert!(raw.contains("Content-Type: multipart/alternative"), "{raw}");
    let plain = raw.find("Content-Type: text/plain").expect("a text part");
    let html = raw.find("Content-Type: text/html").expect("an HTML part");
    assert!(plain < html, "the preferred (HTML) part comes last: {raw}");

    // Without Reply-To, and a row written before HTML existed: plain text.
    let ctx = reconfigure(&app, |c| c.mail.from = "Ops <ops@hosting.example>".into());
    let old = MailPayload { html: None, ..mail };
    let raw =
        String::from_utf8(ctx.mailer.build_message("obx_2", &old).unwrap().formatted()).unwrap();
    assert!(raw.contains("From: Ops <ops@hosting.example>"), "{raw}");
    assert!(!raw.contains("Reply-To:"), "{raw}");
    assert!(!raw.contains("multipart"), "{raw}");
    assert!(raw.contains("Content-Type: text/plain"), "{raw}");

    // A configured address that does not parse is a start-up error.
    let mut config = (*ctx.config).clone();
    config.mail.reply_to = Some("not an address".into());
    let err = Mailer::from_config(&config).unwrap_err();
    assert!(err.contains("mail.reply_to"), "{err}");
}

// proves: OPS-3
both_engines!(an_outbox_row_holds_the_words_and_reads_as_the_mail_rendered);
async fn an_outbox_row_holds_the_words_and_reads_as_the_mail_rendered(app: Arc<TestApp>) {
    let ctx = &app.ctx;
    let req = request(
        "org_invitation",
        Lang::De,
        vec![
            ("name", "Anna".into()),
            ("org", "Muster & Co".into()),
            ("inviter", "Bernd".into()),
            ("link", "https://guichet.example/invitations/abc?x=1".into()),
        ],
    );
    let rendered = render(ctx, &req);
    let mut tx = ctx.db.begin().await.unwrap();
    guichet_core::outbox::enqueue_mail(tx.conn(), ctx, req.clone())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut c = ctx.db.acquire().await.unwrap();
    let rows = guichet_core::outbox::store::list(c.conn(), Some("mail"))
        .await
        .unwrap();
    let row = rows.last().expect("the mail's row");
    // The row holds the words once, not the two layouts (ADR 0018).
    let stored: serde_json::Value = serde_json::from_str(&row.payload).unwrap();
    assert!(stored.get("words").is_some(), "{stored}");
    assert!(
        stored.get("html").is_none() && stored.get("text").is_none(),
        "{stored}"
    );
    assert!(!row.payload.contains("<p style"), "{}", row.payload);
    assert!(
        row.payload.len() * 2 < serde_json::to_string(&rendered).unwrap().len(),
        "{} bytes",
        row.payload.len()
    );
    // Read back, it is the mail as rendered: the same text and HTML.
    let read: MailPayload = serde_json::from_str(&row.payload).unwrap();
    assert_eq!(read, rendered);
    assert!(
        read.text
            .contains("https://guichet.example/invitations/abc?x=1")
    );
    assert!(read.text.starts_with("Guten Tag Anna,"), "{}", read.text);

    // A row written before the words were kept apart reads as it was.
    let legacy = serde_json::to_string(&rendered).unwrap();
    let old: MailPayload = serde_json::from_str(&legacy).unwrap();
    assert_eq!(old, rendered);
}
