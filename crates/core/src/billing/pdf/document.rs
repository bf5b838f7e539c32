//! What an invoice or credit note PDF shows (BIL-2): everything the billing
//! area has already decided — numbers, VAT per rate, totals, mentions in
//! the document's language. The renderer lays it out and computes nothing
//! but sums for display.

use jiff::civil::Date;

use crate::{i18n::Lang, money::Money};

/// A postal address in the structured form the QR-bill requires ("S"):
/// street and building number apart, postcode and town apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    pub street: String,
    pub building_number: String,
    pub postcode: String,
    pub town: String,
    /// ISO 3166 alpha-2, upper case ("CH").
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentKind {
    Invoice,
    CreditNote {
        credited_number: String,
    },
    /// A payment slip to top up the prepaid account by transfer (BIL-4):
    /// not a supply, so no VAT; its own reference.
    TopUp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLine {
    pub description: String,
    /// The service period, both days included.
    pub period: Option<(Date, Date)>,
    pub quantity: i64,
    pub unit_price: Money,
    /// Hundredths of a percent: 810 is 8.1 %.
    pub vat_rate_bp: u32,
    /// Quantity × unit price, before VAT.
    pub net: Money,
}

/// The VAT of one rate: the rate's lines summed, and the tax on that sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatRow {
    pub rate_bp: u32,
    pub base: Money,
    pub vat: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentReference {
    /// A QR reference, 27 digits (only with a QR-IBAN).
    Qrr(String),
    /// An ISO 11649 creditor reference, `RF…`.
    Scor(String),
    None,
}

/// How the buyer pays: the Swiss QR-bill for CHF, the EPC QR code for EUR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentPart {
    /// IBAN or QR-IBAN, without spaces.
    pub account: String,
    pub creditor: Party,
    pub debtor: Option<Party>,
    /// None leaves the amount to be filled in by hand.
    pub amount: Option<Money>,
    pub reference: PaymentReference,
    /// The unstructured message, e.g. "Invoice 2026-000123".
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub kind: DocumentKind,
    pub language: Lang,
    pub number: String,
    pub issued_on: Date,
    pub due_on: Option<Date>,
    /// Lines printed top left (provider name, address, web, mail).
    pub letterhead: Vec<String>,
    pub seller: Party,
    /// The UID with its suffix, "CHE-123.456.789 MWST".
    pub seller_vat_number: Option<String>,
    pub buyer: Party,
    pub buyer_vat_number: Option<String>,
    pub lines: Vec<DocumentLine>,
    pub vat: Vec<VatRow>,
    /// The 5-Rappen rounding, shown as its own line.
    pub rounding: Option<Money>,
    /// Lines + VAT + rounding.
    pub total: Money,
    /// Legal mentions, already in the document's language (0 % export…).
    pub mentions: Vec<String>,
    /// CHF: QR-bill; EUR: EPC QR code; None: no payment part (credit notes).
    pub payment: Option<PaymentPart>,
}
