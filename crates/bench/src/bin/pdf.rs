//! `pdf [SECONDS]`: invoice PDFs rendered per second on one thread (BIL-2;
//! the target is at least 200 per core), for a CHF invoice with
//! its QR-bill and a EUR one with its EPC code, each rendered for SECONDS
//! (default 5) after a short warm-up. Prints rows of scripts/bench's table.

use std::time::{Duration, Instant};

use guichet_core::{
    billing::pdf::{
        self, Document, DocumentKind, DocumentLine, Fonts, Party, PaymentPart, PaymentReference,
        VatRow,
    },
    i18n::{I18n, Lang},
    money::{Currency, Money},
};
use jiff::civil::date;

fn party(name: &str, street: &str, number: &str, postcode: &str, town: &str) -> Party {
    Party {
        name: name.into(),
        street: street.into(),
        building_number: number.into(),
        postcode: postcode.into(),
        town: town.into(),
        country: "CH".into(),
    }
}

/// A one-page invoice of three lines, like most of a provider's.
fn invoice(currency: Currency, account: &str, reference: PaymentReference) -> Document {
    let m = |minor| Money::new(minor, currency);
    let seller = party("Guichet Hosting SA", "Rue du Lac", "12", "1003", "Lausanne");
    let buyer = party("Ada Lovelace", "Bahnhofstrasse", "1", "8001", "Zürich");
    let line = |description: &str, quantity: i64, unit: i64| DocumentLine {
        description: description.into(),
        period: Some((date(2026, 1, 1), date(2026, 12, 31))),
        quantity,
        unit_price: m(unit),
        vat_rate_bp: 810,
        net: m(unit * quantity),
    };
    Document {
        kind: DocumentKind::Invoice,
        language: Lang::De,
        number: "2026-000123".into(),
        issued_on: date(2026, 1, 15),
        due_on: Some(date(2026, 2, 14)),
        letterhead: vec![
            "Guichet Hosting SA".into(),
            "Rue du Lac 12, 1003 Lausanne".into(),
            "billing@guichet.example".into(),
        ],
        seller: seller.clone(),
        seller_vat_number: Some("CHE-123.456.789 MWST".into()),
        buyer: buyer.clone(),
        buyer_vat_number: None,
        lines: vec![
            line("Web hosting Pro", 1, 12_000),
            line("Domain example.ch", 1, 1_500),
            line("Mailbox", 3, 400),
        ],
        vat: vec![VatRow {
            rate_bp: 810,
            base: m(14_700),
            vat: m(1_191),
        }],
        rounding: None,
        total: m(15_891),
        mentions: vec![],
        payment: Some(PaymentPart {
            account: account.into(),
            creditor: seller,
            debtor: Some(buyer),
            amount: Some(m(15_891)),
            reference,
            message: "Rechnung 2026-000123".into(),
        }),
    }
}

/// Documents rendered in `seconds`, and the size of one.
fn measure(
    doc: &Document,
    fonts: &Fonts,
    i18n: &I18n,
    seconds: f64,
) -> anyhow::Result<(u64, f64, usize)> {
    let size = pdf::render(doc, fonts, i18n)?.len();
    let warm_up = Instant::now();
    while warm_up.elapsed() < Duration::from_millis(300) {
        pdf::render(doc, fonts, i18n)?;
    }
    let started = Instant::now();
    let mut count = 0u64;
    while started.elapsed().as_secs_f64() < seconds {
        std::hint::black_box(pdf::render(doc, fonts, i18n)?);
        count += 1;
    }
    Ok((count, started.elapsed().as_secs_f64(), size))
}

fn main() -> anyhow::Result<()> {
    let seconds: f64 = std::env::args().nth(1).map_or(Ok(5.0), |a| a.parse())?;
    let fonts = Fonts::load(None)?;
    let i18n = I18n::load().map_err(anyhow::Error::msg)?;
    let cases = [
        (
            "CHF, QR-bill (QR-IBAN + QRR)",
            invoice(
                Currency::Chf,
                "CH4431999123000889012",
                PaymentReference::Qrr("210000000003139471430009017".into()),
            ),
        ),
        (
            "EUR, EPC QR code (RF)",
            invoice(
                Currency::Eur,
                "DE89370400440532013000",
                PaymentReference::Scor("RF18539007547034".into()),
            ),
        ),
    ];
    eprintln!("font: {}", fonts.describe());
    for (name, doc) in cases {
        let (count, elapsed, size) = measure(&doc, &fonts, &i18n, seconds)?;
        println!(
            "| - | PDFs rendered per second, one thread: {name}, {count} in {elapsed:.1} s, {size} bytes each | {:.1} | | | |",
            count as f64 / elapsed
        );
    }
    Ok(())
}
