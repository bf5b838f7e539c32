//! The invoice and credit note PDF (BIL-2): an A4 document in the
//! document's language with every element Swiss VAT law asks of an invoice,
//! and at its foot the way to pay it — the Swiss QR-bill payment part for
//! CHF (SIX implementation guidelines 2.3), the SEPA payment QR code for EUR
//! (EPC069-12).
//!
//! Drawn by our own layout code on krilla (text shaping, font subsetting);
//! the QR matrix comes from `qrcode` at error-correction level M and is drawn
//! as one path of run-length rectangles, the Swiss cross, the perforation
//! lines and the scissors as vector paths. The output is deterministic: the
//! same document gives the same bytes (no dates, ids derived from the
//! document), so an issued invoice can be re-rendered and compared with the
//! hash stored at issue.

mod body;
pub mod document;
mod epc;
mod fonts;
pub mod layout;
mod pen;
mod qr;
mod qrbill;

use krilla::{SerializeSettings, metadata::Metadata, page::PageSettings};

pub use document::{
    Document, DocumentKind, DocumentLine, Party, PaymentPart, PaymentReference, VatRow,
};
pub use fonts::Fonts;

use crate::{i18n::I18n, money::Currency};

/// Why a document could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// No font could be read (none configured, none in the system).
    #[error("no usable font: {0}")]
    Font(String),
    /// The payment data breaks the QR-bill or EPC rules (an IBAN with a bad
    /// check, a QR reference without a QR-IBAN, a field too long…).
    #[error("the payment part cannot be made: {0}")]
    Payment(String),
    /// The document itself is inconsistent (currencies mixed) or the PDF
    /// writer refused it.
    #[error("the document cannot be rendered: {0}")]
    Document(String),
}

/// The text of the Swiss QR code of a CHF document with a payment part:
/// `SPC`, version `0200`, coding `1`, elements separated by LF, ending with
/// `EPD`. None for any other document. The data is not checked here;
/// [`render`] checks it.
pub fn qr_bill_payload(doc: &Document) -> Option<String> {
    qrbill::payload(doc)
}

/// The text of the EPC (SEPA) QR code of a EUR document with a payment
/// part: `BCD`, version `002`, character set `1` (UTF-8), `SCT`. None for
/// any other document.
pub fn epc_payload(doc: &Document) -> Option<String> {
    epc::payload(doc)
}

/// What pays the document, checked before anything is drawn.
enum Payment<'d> {
    QrBill(&'d PaymentPart, String),
    Epc(&'d PaymentPart, String),
    None,
}

impl<'d> Payment<'d> {
    fn of(doc: &'d Document) -> Result<Payment<'d>, PdfError> {
        let Some(part) = &doc.payment else {
            return Ok(Payment::None);
        };
        match doc.total.currency {
            Currency::Chf => {
                qrbill::check(doc, part)?;
                let payload = qrbill::payload(doc)
                    .ok_or_else(|| PdfError::Payment("no QR-bill payload".into()))?;
                Ok(Payment::QrBill(part, payload))
            }
            Currency::Eur => {
                epc::check(doc, part)?;
                let payload =
                    epc::payload(doc).ok_or_else(|| PdfError::Payment("no EPC payload".into()))?;
                Ok(Payment::Epc(part, payload))
            }
        }
    }

    /// Where the body must stop on the page that carries the payment part.
    fn body_bottom_mm(&self) -> f32 {
        match self {
            Payment::QrBill(..) => layout::PAYMENT_SLIP.y - 8.0,
            Payment::Epc(..) => layout::EPC_AREA.y - 6.0,
            Payment::None => layout::PAGE.height - 17.0,
        }
    }
}

/// The PDF of `doc`: A4 pages, the payment part (if any) at the foot of the
/// last one.
pub fn render(doc: &Document, fonts: &Fonts, i18n: &I18n) -> Result<Vec<u8>, PdfError> {
    let payment = Payment::of(doc)?;
    let faces = fonts.faces()?;
    let pages = body::layout(doc, &faces, i18n, payment.body_bottom_mm())?;

    let settings = SerializeSettings {
        // Tagging would double the work for a document read by people and
        // by our own tests; the text stays extractable without it.
        enable_tagging: false,
        ..SerializeSettings::default()
    };
    let mut pdf = krilla::Document::new_with(settings);
    let title = body::title(doc, i18n);
    pdf.set_metadata(
        Metadata::new()
            .title(format!("{title} {}", doc.number))
            .language(doc.language.code().to_string())
            .creator("Guichet".to_string())
            // Fixed, so the file identifier depends on the document only.
            .document_id(format!("guichet:{title}:{}", doc.number)),
    );
    let size = PageSettings::from_wh(
        layout::mm(layout::PAGE.width),
        layout::mm(layout::PAGE.height),
    )
    .ok_or_else(|| PdfError::Document("page size".into()))?;
    let last = pages.len().saturating_sub(1);
    for (i, ops) in pages.iter().enumerate() {
        let mut page = pdf.start_page_with(size.clone());
        let mut pen = pen::Pen::new(page.surface(), &faces);
        pen.draw_ops(ops);
        if i == last {
            match &payment {
                Payment::QrBill(part, payload) => qrbill::draw(&mut pen, doc, part, payload, i18n)?,
                Payment::Epc(part, payload) => epc::draw(&mut pen, doc, part, payload, i18n)?,
                Payment::None => {}
            }
        }
        pen.finish();
        page.finish();
    }
    pdf.finish()
        .map_err(|e| PdfError::Document(format!("{e:?}")))
}
