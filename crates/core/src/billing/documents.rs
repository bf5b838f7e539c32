//! From billing's rows to the PDF's document (BIL-2): what is printed, in
//! the org's language, with the payment part the currency calls for.

use jiff::civil::Date;

use super::{
    invoices::PartyView,
    pdf::{self, Document, DocumentLine, Party, PaymentPart, PaymentReference},
    reference::Reference,
    store,
    vat::{Totals, Treatment},
};
use crate::{
    Ctx,
    error::{Error, Result},
    i18n::Lang,
    money::{Currency, Money},
};

pub struct InvoiceParts<'a> {
    pub language: Lang,
    pub number: &'a str,
    pub issued_on: Date,
    pub due_on: Date,
    pub seller: &'a PartyView,
    pub buyer: &'a PartyView,
    pub lines: &'a [store::LineRow],
    pub totals: &'a Totals,
    pub currency: Currency,
    pub reference: &'a Reference,
    pub treatment: &'a Treatment,
}

pub struct CreditParts<'a> {
    pub language: Lang,
    pub number: &'a str,
    pub credited_number: &'a str,
    pub issued_on: Date,
    pub seller: &'a PartyView,
    pub buyer: &'a PartyView,
    pub lines: &'a [store::CreditLineRow],
    pub totals: &'a Totals,
    pub currency: Currency,
    pub reason: &'a str,
}

fn party(p: &PartyView) -> Party {
    Party {
        name: p.name.clone(),
        street: p.street.clone(),
        building_number: p.building_number.clone(),
        postcode: p.postcode.clone(),
        town: p.town.clone(),
        country: p.country.clone(),
    }
}

fn vat_rows(t: &Totals) -> Vec<pdf::VatRow> {
    t.per_rate
        .iter()
        .map(|r| pdf::VatRow {
            rate_bp: r.rate_bp,
            base: r.base,
            vat: r.vat,
        })
        .collect()
}

fn period(from: &Option<String>, to: &Option<String>) -> Option<(Date, Date)> {
    Some((from.as_deref()?.parse().ok()?, to.as_deref()?.parse().ok()?))
}

fn letterhead(ctx: &Ctx) -> Vec<String> {
    let s = &ctx.config.billing;
    let mut lines = vec![
        s.seller.name.clone(),
        format!("{} {}", s.seller.street, s.seller.building_number)
            .trim()
            .to_owned(),
        format!("{} {}", s.seller.postcode, s.seller.town),
    ];
    lines.extend(s.letterhead.iter().cloned());
    lines
}

/// The account a currency is paid to: CHF to the QR-IBAN when the
/// reference is a QR reference, else the IBAN; EUR to the EUR account.
pub(crate) fn account_for(ctx: &Ctx, currency: Currency, reference: &Reference) -> String {
    let s = &ctx.config.billing;
    match (currency, reference) {
        // A QR reference goes with the QR-IBAN, an RF reference with the
        // ordinary IBAN (SIX 2.3: never the other way round).
        (Currency::Chf, Reference::Qrr(_)) => s.payment_iban(Currency::Chf),
        (Currency::Chf, Reference::Rf(_)) => s
            .iban
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase(),
        (Currency::Eur, _) => s.payment_iban(Currency::Eur),
    }
}

pub fn invoice_document(ctx: &Ctx, p: InvoiceParts<'_>) -> Result<Document> {
    let lang = p.language;
    let mut mentions = Vec::new();
    if let Some(m) = p.treatment.mention() {
        mentions.push(ctx.i18n.t(lang, &format!("invoice-mention-{}", m.key())));
    }
    let message = ctx.i18n.t_args(
        lang,
        "invoice-payment-message",
        &[("number", p.number.to_owned().into())],
    );
    let reference = match p.reference {
        Reference::Qrr(r) => PaymentReference::Qrr(r.clone()),
        Reference::Rf(r) => PaymentReference::Scor(r.clone()),
    };
    let mut buyer = party(p.buyer);
    buyer.name = p.buyer.name.clone();
    Ok(Document {
        kind: pdf::DocumentKind::Invoice,
        language: lang,
        number: p.number.to_owned(),
        issued_on: p.issued_on,
        due_on: Some(p.due_on),
        letterhead: letterhead(ctx),
        seller: party(p.seller),
        seller_vat_number: p.seller.vat_number.clone(),
        buyer: buyer.clone(),
        buyer_vat_number: p.buyer.vat_number.clone(),
        lines: p
            .lines
            .iter()
            .map(|l| DocumentLine {
                description: l.description.clone(),
                period: period(&l.period_from, &l.period_to),
                quantity: l.quantity,
                unit_price: Money::new(l.unit_price_minor, p.currency),
                vat_rate_bp: l.vat_rate_bp.unwrap_or(0) as u32,
                net: Money::new(l.net_minor, p.currency),
            })
            .collect(),
        vat: vat_rows(p.totals),
        rounding: (!p.totals.rounding.is_zero()).then_some(p.totals.rounding),
        total: p.totals.total,
        mentions,
        payment: (!p.totals.total.is_zero()).then(|| PaymentPart {
            account: account_for(ctx, p.currency, p.reference),
            creditor: party(p.seller),
            debtor: Some(buyer),
            amount: Some(p.totals.total),
            reference,
            message,
        }),
    })
}

pub fn credit_note_document(ctx: &Ctx, p: CreditParts<'_>) -> Result<Document> {
    Ok(Document {
        kind: pdf::DocumentKind::CreditNote {
            credited_number: p.credited_number.to_owned(),
        },
        language: p.language,
        number: p.number.to_owned(),
        issued_on: p.issued_on,
        due_on: None,
        letterhead: letterhead(ctx),
        seller: party(p.seller),
        seller_vat_number: p.seller.vat_number.clone(),
        buyer: party(p.buyer),
        buyer_vat_number: p.buyer.vat_number.clone(),
        lines: p
            .lines
            .iter()
            .map(|l| DocumentLine {
                description: l.description.clone(),
                period: period(&l.period_from, &l.period_to),
                quantity: 1,
                unit_price: Money::new(l.net_minor, p.currency),
                vat_rate_bp: l.vat_rate_bp as u32,
                net: Money::new(l.net_minor, p.currency),
            })
            .collect(),
        vat: vat_rows(p.totals),
        rounding: (!p.totals.rounding.is_zero()).then_some(p.totals.rounding),
        total: p.totals.total,
        mentions: vec![p.reason.to_owned()],
        payment: None,
    })
}

/// BIL-4: the slip to top up the prepaid account by transfer, with its own
/// reference and payment part. Not an invoice: a prepayment is not a
/// supply, so it carries no VAT (the invoices it pays do).
pub fn top_up_document(
    ctx: &Ctx,
    language: Lang,
    buyer: Party,
    buyer_has_address: bool,
    reference: &Reference,
    amount: Money,
    on: Date,
) -> Document {
    let t = |key: &str| ctx.i18n.t(language, key);
    let message = ctx.i18n.t_args(
        language,
        "invoice-top-up-message",
        &[("reference", reference.printed().into())],
    );
    let s = &ctx.config.billing;
    let seller = Party {
        name: s.seller.name.clone(),
        street: s.seller.street.clone(),
        building_number: s.seller.building_number.clone(),
        postcode: s.seller.postcode.clone(),
        town: s.seller.town.clone(),
        country: s.seller.country.clone(),
    };
    Document {
        kind: pdf::DocumentKind::TopUp,
        language,
        number: reference.printed(),
        issued_on: on,
        due_on: None,
        letterhead: letterhead(ctx),
        seller: seller.clone(),
        seller_vat_number: s.seller.vat_number.clone(),
        buyer: buyer.clone(),
        buyer_vat_number: None,
        lines: vec![DocumentLine {
            description: t("invoice-top-up-line"),
            period: None,
            quantity: 1,
            unit_price: amount,
            vat_rate_bp: 0,
            net: amount,
        }],
        vat: Vec::new(),
        rounding: None,
        total: amount,
        mentions: vec![t("invoice-top-up-mention")],
        payment: Some(PaymentPart {
            account: account_for(ctx, amount.currency, reference),
            creditor: seller,
            // Without an address the payer writes it by hand (a QR-bill
            // debtor needs a postcode and town).
            debtor: buyer_has_address.then_some(buyer),
            amount: Some(amount),
            reference: match reference {
                Reference::Qrr(r) => PaymentReference::Qrr(r.clone()),
                Reference::Rf(r) => PaymentReference::Scor(r.clone()),
            },
            message,
        }),
    }
}

/// Render with the fonts loaded at start-up, off the request workers (a
/// few milliseconds of CPU: like password hashing, it must not hold up the
/// async threads serving other requests).
pub async fn render(ctx: &Ctx, doc: Document) -> Result<Vec<u8>> {
    let (fonts, i18n) = (ctx.fonts.clone(), ctx.i18n.clone());
    tokio::task::spawn_blocking(move || pdf::render(&doc, &fonts, &i18n))
        .await
        .map_err(|e| Error::Internal(format!("billing: PDF task: {e}")))?
        .map_err(|e| Error::Internal(format!("billing: PDF: {e}")))
}
