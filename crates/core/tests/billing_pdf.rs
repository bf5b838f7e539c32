//! The invoice PDF (BIL-2): the QR code read back from the rendered page
//! equals the payload, the payload is accepted by an independent QR-bill
//! implementation (the Python `qrbill` package), the output is
//! deterministic, every language renders, and the slip sits where the
//! guidelines put it.
//!
//! Needs poppler's `pdftoppm`/`pdftotext` and Python's `qrbill`; without
//! them a test prints a notice and passes, unless `CI` or
//! `GUICHET_TEST_REQUIRE_PDF_TOOLS=1` is set, where their absence fails.

use std::{path::Path, process::Command, sync::OnceLock};

use guichet_core::{
    billing::pdf::{
        self, Document, DocumentKind, DocumentLine, Fonts, Party, PaymentPart, PaymentReference,
        PdfError, VatRow, layout,
    },
    i18n::{I18n, Lang},
    money::{Currency, Money},
};
use jiff::civil::date;

const QR_IBAN: &str = "CH4431999123000889012";
const QRR: &str = "210000000003139471430009017";
const IBAN: &str = "CH9300762011623852957";
const RF: &str = "RF18539007547034";
const EUR_IBAN: &str = "DE89370400440532013000";

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts::load(None).unwrap())
}

fn i18n() -> &'static I18n {
    static I18N: OnceLock<I18n> = OnceLock::new();
    I18N.get_or_init(|| I18n::load().unwrap())
}

fn party(
    name: &str,
    street: &str,
    number: &str,
    postcode: &str,
    town: &str,
    country: &str,
) -> Party {
    Party {
        name: name.into(),
        street: street.into(),
        building_number: number.into(),
        postcode: postcode.into(),
        town: town.into(),
        country: country.into(),
    }
}

fn seller() -> Party {
    party(
        "Guichet Hosting SA",
        "Rue du Lac",
        "12",
        "1003",
        "Lausanne",
        "CH",
    )
}

fn buyer() -> Party {
    party(
        "Pia-Maria Rutschmann-Schnyder",
        "Grosse Marktgasse",
        "28",
        "9400",
        "Rorschach",
        "CH",
    )
}

/// An invoice of 120.00 + 8.1 % VAT in `currency`, payable to `account`
/// with `reference`.
fn invoice(lang: Lang, currency: Currency, account: &str, reference: PaymentReference) -> Document {
    let m = |minor| Money::new(minor, currency);
    Document {
        kind: DocumentKind::Invoice,
        language: lang,
        number: "2026-000123".into(),
        issued_on: date(2026, 1, 15),
        due_on: Some(date(2026, 2, 14)),
        letterhead: vec![
            "Guichet Hosting SA".into(),
            "Rue du Lac 12, 1003 Lausanne".into(),
            "https://guichet.example · billing@guichet.example".into(),
        ],
        seller: seller(),
        seller_vat_number: Some("CHE-123.456.789 MWST".into()),
        buyer: buyer(),
        buyer_vat_number: None,
        lines: vec![
            DocumentLine {
                description: "Web hosting Pro".into(),
                period: Some((date(2026, 1, 1), date(2026, 12, 31))),
                quantity: 1,
                unit_price: m(10_000),
                vat_rate_bp: 810,
                net: m(10_000),
            },
            DocumentLine {
                description: "Domain example.ch".into(),
                period: Some((date(2026, 1, 1), date(2026, 12, 31))),
                quantity: 2,
                unit_price: m(1_000),
                vat_rate_bp: 810,
                net: m(2_000),
            },
        ],
        vat: vec![VatRow {
            rate_bp: 810,
            base: m(12_000),
            vat: m(972),
        }],
        rounding: Some(m(-2)),
        total: m(12_970),
        mentions: vec![],
        payment: Some(PaymentPart {
            account: account.into(),
            creditor: seller(),
            debtor: Some(buyer()),
            amount: Some(m(12_970)),
            reference,
            message: "Invoice 2026-000123".into(),
        }),
    }
}

fn chf_qrr() -> Document {
    invoice(
        Lang::En,
        Currency::Chf,
        QR_IBAN,
        PaymentReference::Qrr(QRR.into()),
    )
}

fn chf_rf() -> Document {
    invoice(
        Lang::De,
        Currency::Chf,
        IBAN,
        PaymentReference::Scor(RF.into()),
    )
}

fn eur_epc() -> Document {
    let mut doc = invoice(
        Lang::Fr,
        Currency::Eur,
        EUR_IBAN,
        PaymentReference::Scor(RF.into()),
    );
    doc.vat[0].rate_bp = 0;
    doc.vat[0].vat = Money::new(0, Currency::Eur);
    doc.rounding = None;
    doc.total = Money::new(12_000, Currency::Eur);
    doc.mentions =
        vec!["Exportation de prestations\u{a0}: non soumis à la TVA suisse (art. 8 LTVA).".into()];
    if let Some(p) = &mut doc.payment {
        p.amount = Some(doc.total);
        p.creditor.name = "Guichet Hosting SA\nEurope".into();
    }
    for line in &mut doc.lines {
        line.vat_rate_bp = 0;
    }
    doc
}

fn render(doc: &Document) -> Vec<u8> {
    pdf::render(doc, fonts(), i18n()).unwrap()
}

/// Whether a missing tool fails the test (CI) or skips it.
fn required() -> bool {
    std::env::var_os("CI").is_some()
        || std::env::var("GUICHET_TEST_REQUIRE_PDF_TOOLS").is_ok_and(|v| v == "1")
}

/// Whether `program` runs (`args` being a harmless call); false with a
/// notice when it may be skipped.
fn available(program: &str, args: &[&str], what: &str) -> bool {
    let ok = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            !required(),
            "{what} is required here (CI or GUICHET_TEST_REQUIRE_PDF_TOOLS=1)"
        );
        eprintln!(
            "notice: {what} missing, test skipped (set GUICHET_TEST_REQUIRE_PDF_TOOLS=1 to fail instead)"
        );
    }
    ok
}

fn have_poppler() -> bool {
    available("pdftoppm", &["-v"], "poppler-utils (pdftoppm)")
}

/// A greyscale image of page `page` (1-based) at `dpi`, cropped to `area`.
struct Gray {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
    dpi: f32,
    origin: (f32, f32),
}

impl Gray {
    fn px(&self, mm: f32) -> usize {
        (mm / 25.4 * self.dpi).round() as usize
    }
}

fn rasterise(pdf_bytes: &[u8], page: usize, dpi: f32, area: layout::AreaMm) -> Gray {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf_bytes).unwrap();
    let px = |mm: f32| ((mm / 25.4 * dpi).round() as usize).to_string();
    let out = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-r", &dpi.to_string(), "-gray", "-singlefile"])
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .args([
            "-x",
            &px(area.x),
            "-y",
            &px(area.y),
            "-W",
            &px(area.width),
            "-H",
            &px(area.height),
        ])
        .arg(&file)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "pdftoppm failed");
    let pgm = std::fs::read(out.with_extension("pgm")).unwrap();
    // P5 <width> <height> <max> then the bytes.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = pgm[at + 1..].to_vec();
    assert_eq!(pixels.len(), width * height);
    Gray {
        width,
        height,
        pixels,
        dpi,
        origin: (area.x, area.y),
    }
}

/// The text of the first QR code found in `image`.
fn read_qr(image: &Gray) -> String {
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(image.width, image.height, |x, y| {
            image.pixels[y * image.width + x]
        });
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the page");
    let (_, content) = grids[0].decode().unwrap();
    content
}

fn last_page_foot(pdf_bytes: &[u8]) -> Gray {
    let pages = count_pages(pdf_bytes);
    rasterise(
        pdf_bytes,
        pages,
        300.0,
        layout::AreaMm {
            x: 0.0,
            y: 180.0,
            width: 210.0,
            height: 117.0,
        },
    )
}

fn count_pages(pdf_bytes: &[u8]) -> usize {
    // krilla writes its page objects uncompressed.
    let text = String::from_utf8_lossy(pdf_bytes);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

fn pdf_text(pdf_bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf_bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_qr_code_read_back_from_the_page_is_the_payload() {
    // proves: BIL-2
    if !have_poppler() {
        return;
    }
    for (name, doc) in [
        ("CHF QR-IBAN + QRR", chf_qrr()),
        ("CHF IBAN + RF", chf_rf()),
    ] {
        let expected = pdf::qr_bill_payload(&doc).unwrap();
        assert_eq!(pdf::epc_payload(&doc), None);
        let bytes = render(&doc);
        assert_eq!(read_qr(&last_page_foot(&bytes)), expected, "{name}");
    }
    let doc = eur_epc();
    let expected = pdf::epc_payload(&doc).unwrap();
    assert_eq!(pdf::qr_bill_payload(&doc), None);
    assert_eq!(read_qr(&last_page_foot(&render(&doc))), expected, "EUR EPC");
}

#[test]
fn the_payloads_say_what_the_guidelines_ask() {
    // proves: BIL-2
    let qrr = pdf::qr_bill_payload(&chf_qrr()).unwrap();
    let creditor = "S\nGuichet Hosting SA\nRue du Lac\n12\n1003\nLausanne\nCH";
    let debtor = "S\nPia-Maria Rutschmann-Schnyder\nGrosse Marktgasse\n28\n9400\nRorschach\nCH";
    assert_eq!(
        qrr,
        format!(
            "SPC\n0200\n1\n{QR_IBAN}\n{creditor}\n\n\n\n\n\n\n\n129.70\nCHF\n{debtor}\nQRR\n{QRR}\nInvoice 2026-000123\nEPD"
        )
    );
    let rf = pdf::qr_bill_payload(&chf_rf()).unwrap();
    assert!(rf.contains(&format!("\nSCOR\n{RF}\n")), "{rf}");
    assert!(!rf.ends_with('\n'));

    let mut no_ref = chf_rf();
    if let Some(p) = &mut no_ref.payment {
        p.reference = PaymentReference::None;
        p.amount = None;
        p.debtor = None;
    }
    let none = pdf::qr_bill_payload(&no_ref).unwrap();
    assert!(
        none.contains("\nCH\n\n\n\n\n\n\n\n\nCHF\n\n\n\n\n\n\n\nNON\n\nInvoice"),
        "{none:?}"
    );

    // EPC069-12, version 002: the name's line break gone, no BIC, no
    // purpose, the RF reference structured, nothing after it.
    assert_eq!(
        pdf::epc_payload(&eur_epc()).unwrap(),
        format!("BCD\n002\n1\nSCT\n\nGuichet Hosting SA Europe\n{EUR_IBAN}\nEUR120.00\n\n{RF}")
    );
}

#[test]
fn payment_data_breaking_the_rules_is_refused() {
    // proves: BIL-2
    let refused = |doc: Document| match pdf::render(&doc, fonts(), i18n()) {
        Err(PdfError::Payment(_)) => {}
        other => panic!("accepted: {:?}", other.map(|b| b.len())),
    };
    // A QR reference needs a QR-IBAN, and a QR-IBAN a QR reference.
    refused(invoice(
        Lang::En,
        Currency::Chf,
        IBAN,
        PaymentReference::Qrr(QRR.into()),
    ));
    refused(invoice(
        Lang::En,
        Currency::Chf,
        QR_IBAN,
        PaymentReference::Scor(RF.into()),
    ));
    refused(invoice(
        Lang::En,
        Currency::Chf,
        QR_IBAN,
        PaymentReference::None,
    ));
    // Bad check digits.
    refused(invoice(
        Lang::En,
        Currency::Chf,
        "CH9300762011623852958",
        PaymentReference::None,
    ));
    refused(invoice(
        Lang::En,
        Currency::Chf,
        QR_IBAN,
        PaymentReference::Qrr("210000000003139471430009018".into()),
    ));
    refused(invoice(
        Lang::En,
        Currency::Chf,
        IBAN,
        PaymentReference::Scor("RF19539007547034".into()),
    ));
    // A QR-bill pays to a Swiss or Liechtenstein account only.
    refused(invoice(
        Lang::En,
        Currency::Chf,
        EUR_IBAN,
        PaymentReference::None,
    ));
    // An address without its town.
    let mut doc = chf_rf();
    if let Some(p) = &mut doc.payment {
        p.creditor.town.clear();
    }
    refused(doc);
    // A QR reference on a EUR invoice.
    refused(invoice(
        Lang::En,
        Currency::Eur,
        EUR_IBAN,
        PaymentReference::Qrr(QRR.into()),
    ));
}

#[test]
fn an_independent_qr_bill_implementation_accepts_the_payload() {
    // proves: BIL-2
    if !available(
        "python3",
        &["-c", "import qrbill"],
        "the Python qrbill package",
    ) {
        return;
    }
    let mut no_ref = chf_rf();
    if let Some(p) = &mut no_ref.payment {
        p.reference = PaymentReference::None;
        p.debtor = None;
    }
    for doc in [chf_qrr(), chf_rf(), no_ref] {
        let part = doc.payment.as_ref().unwrap();
        let address = |p: &Party| {
            serde_json::json!({
                "name": p.name, "street": p.street, "house_num": p.building_number,
                "pcode": p.postcode, "city": p.town, "country": p.country,
            })
        };
        let reference = match &part.reference {
            PaymentReference::Qrr(r) | PaymentReference::Scor(r) => Some(r.clone()),
            PaymentReference::None => None,
        };
        let fields = serde_json::json!({
            "account": part.account,
            "creditor": address(&part.creditor),
            "debtor": part.debtor.as_ref().map(address),
            "amount": part.amount.map(|a| a.amount_string()),
            "currency": doc.total.currency.code(),
            "reference_number": reference,
            "additional_information": part.message,
        });
        // qrbill validates the IBAN, the reference (and that a QR
        // reference goes with a QR-IBAN) and the addresses, then writes
        // its own payload with CR LF between the elements.
        let script = r#"
import json, sys, qrbill
f = json.load(sys.stdin)
bill = qrbill.QRBill(**f)
sys.stdout.write(bill.qr_data())
"#;
        let mut child = Command::new("python3")
            .args(["-c", script])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(fields.to_string().as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "qrbill refused {fields}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let theirs = String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n");
        assert_eq!(pdf::qr_bill_payload(&doc).unwrap(), theirs);
    }
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    // proves: BIL-2
    for doc in [chf_qrr(), chf_rf(), eur_epc()] {
        let first = render(&doc);
        assert_eq!(first, render(&doc));
        // Fonts loaded anew: nothing of the process leaks into the file.
        let again = pdf::render(&doc, &Fonts::load(None).unwrap(), i18n()).unwrap();
        assert_eq!(first, again);
        assert!(first.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&first);
        assert!(!text.contains("CreationDate") && !text.contains("ModDate"));
    }
}

#[test]
fn every_language_renders_its_labels() {
    // proves: BIL-2
    if !have_poppler() {
        return;
    }
    let cases = [
        (
            Lang::En,
            ["Invoice", "Payment part", "Receipt", "Account / Payable to"],
        ),
        (
            Lang::Fr,
            [
                "Facture",
                "Section paiement",
                "Récépissé",
                "Compte / Payable à",
            ],
        ),
        (
            Lang::De,
            [
                "Rechnung",
                "Zahlteil",
                "Empfangsschein",
                "Konto / Zahlbar an",
            ],
        ),
        (
            Lang::It,
            [
                "Fattura",
                "Sezione pagamento",
                "Ricevuta",
                "Conto / Pagabile a",
            ],
        ),
    ];
    for (lang, labels) in cases {
        let doc = invoice(
            lang,
            Currency::Chf,
            QR_IBAN,
            PaymentReference::Qrr(QRR.into()),
        );
        let text = pdf_text(&render(&doc));
        for label in labels {
            assert!(
                text.contains(label),
                "{}: no {label:?} in\n{text}",
                lang.code()
            );
        }
        // What the law asks of an invoice.
        for fact in [
            "2026-000123",
            "15.01.2026",
            "CHE-123.456.789 MWST",
            "Guichet Hosting SA",
            "Rorschach",
            "129.70",
            "9.72",
            "01.01.2026",
        ] {
            assert!(
                text.contains(fact),
                "{}: no {fact:?} in\n{text}",
                lang.code()
            );
        }
    }
}

#[test]
fn credit_notes_and_long_invoices_render() {
    // proves: BIL-2
    let mut credit = chf_rf();
    credit.kind = DocumentKind::CreditNote {
        credited_number: "2026-000100".into(),
    };
    credit.number = "GS-2026-000007".into();
    credit.payment = None;
    let credit_pdf = render(&credit);

    let mut long = eur_epc();
    let line = long.lines[0].clone();
    long.lines = (0..60)
        .map(|i| DocumentLine {
            description: format!("Mailbox {i} with a rather long description that wraps onto a second line of the table"),
            ..line.clone()
        })
        .collect();
    let long_pdf = render(&long);
    assert!(count_pages(&long_pdf) > 1);
    if !have_poppler() {
        return;
    }
    let text = pdf_text(&credit_pdf);
    assert!(
        text.contains("Gutschrift") && text.contains("2026-000100"),
        "{text}"
    );
    assert!(!text.contains("Zahlteil"));
    let pages = count_pages(&long_pdf);
    let text = pdf_text(&long_pdf);
    assert!(
        text.contains(&format!("Page {pages} sur {pages}")),
        "{text}"
    );
    // The EPC code is on the last page, still readable.
    assert_eq!(
        read_qr(&last_page_foot(&long_pdf)),
        pdf::epc_payload(&long).unwrap()
    );
}

#[test]
fn a_missing_font_folder_still_renders() {
    // proves: BIL-2
    let fonts = Fonts::load(Some(Path::new("/nonexistent/guichet-fonts"))).unwrap();
    assert!(!fonts.describe().is_empty());
    let bytes = pdf::render(&chf_qrr(), &fonts, i18n()).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
}

#[test]
fn the_qr_code_is_46_mm_in_the_payment_part_at_the_foot_of_the_page() {
    // proves: BIL-2
    if !have_poppler() {
        return;
    }
    let bytes = render(&chf_qrr());
    assert_eq!(count_pages(&bytes), 1, "a short invoice is one page");
    if let Ok(dir) = std::env::var("GUICHET_TEST_PDF_OUT") {
        std::fs::write(Path::new(&dir).join("chf-qrr.pdf"), &bytes).unwrap();
        std::fs::write(Path::new(&dir).join("eur-epc.pdf"), render(&eur_epc())).unwrap();
        let mut blank = chf_rf();
        if let Some(p) = &mut blank.payment {
            p.amount = None;
            p.debtor = None;
        }
        std::fs::write(Path::new(&dir).join("chf-blank.pdf"), render(&blank)).unwrap();
    }
    // Around the code, inside the payment part, with a margin on each side.
    let qr = layout::QR_CODE;
    let around = layout::AreaMm {
        x: qr.x - 3.0,
        y: qr.y - 3.0,
        width: qr.width + 6.0,
        height: qr.height + 6.0,
    };
    let last = count_pages(&bytes);
    let image = rasterise(&bytes, last, 300.0, around);
    let (mut left, mut top, mut right, mut bottom) = (usize::MAX, usize::MAX, 0, 0);
    for y in 0..image.height {
        for x in 0..image.width {
            if image.pixels[y * image.width + x] < 128 {
                left = left.min(x);
                right = right.max(x);
                top = top.min(y);
                bottom = bottom.max(y);
            }
        }
    }
    let side = image.px(46.0) as f32;
    let (w, h) = ((right - left + 1) as f32, (bottom - top + 1) as f32);
    assert!(
        (w - side).abs() <= 3.0 && (h - side).abs() <= 3.0,
        "{w}×{h} px, expected {side}"
    );
    // Where the layout says, to a pixel or two.
    let expected_left = image.px(qr.x - image.origin.0) as f32;
    let expected_top = image.px(qr.y - image.origin.1) as f32;
    assert!((left as f32 - expected_left).abs() <= 2.0 && (top as f32 - expected_top).abs() <= 2.0);
    // The perforation between receipt and payment part is drawn.
    let slip = rasterise(
        &bytes,
        last,
        150.0,
        layout::AreaMm {
            x: layout::PAYMENT_PART.x - 1.0,
            y: layout::PAYMENT_PART.y + 20.0,
            width: 2.0,
            height: 60.0,
        },
    );
    assert!(
        slip.pixels.iter().any(|&p| p < 160),
        "no line between receipt and payment part"
    );
}

#[test]
fn french_labels_keep_their_no_break_spaces() {
    // OPS-3: the French rule the web crate checks for console.ftl and mail.ftl.
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/locales/fr/invoice.ftl"
    ))
    .unwrap();
    for line in source.lines().filter(|l| !l.starts_with('#')) {
        let chars: Vec<char> = line.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            let no_break = |c: Option<char>| matches!(c, Some('\u{a0}' | '\u{202f}'));
            if matches!(c, ':' | ';' | '!' | '?' | '»') {
                assert!(no_break(before), "{line}");
            }
            if *c == '«' {
                assert!(no_break(after), "{line}");
            }
        }
    }
}
