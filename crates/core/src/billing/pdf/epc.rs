//! The SEPA payment QR code of a EUR invoice (EPC069-12, "Quick Response
//! code: guidelines to enable data capture for the initiation of a SEPA
//! credit transfer"), version 002: `BCD`, `002`, character set `1`
//! (UTF-8), `SCT`, the BIC (may be empty in 002), the beneficiary's name,
//! the IBAN, `EUR` and the amount, an empty purpose, the RF reference as
//! the structured remittance (else the message as the unstructured one).
//! Elements are separated by LF; line breaks inside a field are replaced,
//! and nothing follows the last element that has a value.

use super::{
    PdfError,
    body::grouped,
    document::{Document, PaymentPart, PaymentReference},
    layout::{EPC_AREA, EPC_QR, LEFT, PT_PER_MM, RIGHT},
    pen::{Align, Pen},
    qr,
    qrbill::{clean, compact, iban_is_valid, spaced_iban, spaced_reference},
};
use crate::{i18n::I18n, money::Currency};

/// The most bytes EPC069-12 allows in the code.
const MAX_BYTES: usize = 331;

pub(super) fn payload(doc: &Document) -> Option<String> {
    let part = doc.payment.as_ref()?;
    if doc.total.currency != Currency::Eur {
        return None;
    }
    let (structured, unstructured) = match &part.reference {
        PaymentReference::Scor(r) | PaymentReference::Qrr(r) => (compact(r), String::new()),
        PaymentReference::None => (String::new(), clean(&part.message)),
    };
    let mut fields = vec![
        "BCD".to_string(),
        "002".into(),
        "1".into(),
        "SCT".into(),
        String::new(), // BIC: optional within the EEA since version 002
        clean(&part.creditor.name),
        compact(&part.account),
        part.amount
            .map(|a| format!("EUR{}", a.amount_string()))
            .unwrap_or_default(),
        String::new(), // purpose
        structured,
        unstructured,
    ];
    while fields.last().is_some_and(String::is_empty) {
        fields.pop();
    }
    Some(fields.join("\n"))
}

pub(super) fn check(doc: &Document, part: &PaymentPart) -> Result<(), PdfError> {
    let bad = |what: String| Err(PdfError::Payment(what));
    let account = compact(&part.account);
    if !iban_is_valid(&account) || account.len() > 34 {
        return bad(format!("{account}: not a valid IBAN"));
    }
    let name = clean(&part.creditor.name).chars().count();
    if name == 0 || name > 70 {
        return bad("the beneficiary's name must have 1 to 70 characters".into());
    }
    if let Some(amount) = part.amount {
        if amount.currency != doc.total.currency {
            return bad("the amount's currency is not the document's".into());
        }
        if !(1..=99_999_999_999).contains(&amount.amount_minor) {
            return bad(format!("{amount}: an EPC amount is 0.01 to 999999999.99"));
        }
    }
    match &part.reference {
        PaymentReference::Scor(r) if compact(r).len() <= 35 => {}
        PaymentReference::Scor(r) => return bad(format!("{r}: longer than 35 characters")),
        PaymentReference::Qrr(_) => {
            return bad(
                "a QR reference is for CHF QR-bills; EUR invoices carry an RF reference".into(),
            );
        }
        PaymentReference::None if clean(&part.message).chars().count() > 140 => {
            return bad("the message is longer than 140 characters".into());
        }
        PaymentReference::None => {}
    }
    if payload(doc).is_some_and(|p| p.len() > MAX_BYTES) {
        return bad(format!("the EPC payload is longer than {MAX_BYTES} bytes"));
    }
    Ok(())
}

pub(super) fn draw(
    pen: &mut Pen<'_, '_>,
    doc: &Document,
    part: &PaymentPart,
    payload: &str,
    i18n: &I18n,
) -> Result<(), PdfError> {
    let t = |key: &str| i18n.t(doc.language, key);
    pen.line(&[(LEFT, EPC_AREA.y), (RIGHT, EPC_AREA.y)], 0.5, None);
    let title_y = EPC_AREA.y + 8.0;
    pen.text(
        LEFT,
        title_y,
        11.0,
        true,
        Align::Left,
        &t("invoice-epc-title"),
    );
    qr::draw(pen, EPC_QR, payload)?;

    let x = EPC_QR.right() + 10.0;
    let value_x = x + 30.0;
    let mut y = EPC_QR.y + 10.0 * 0.75 / PT_PER_MM;
    let mut rows = vec![
        (t("invoice-epc-beneficiary"), clean(&part.creditor.name)),
        (t("invoice-epc-account"), spaced_iban(&part.account)),
    ];
    if let Some(amount) = part.amount {
        rows.push((t("invoice-epc-amount"), format!("EUR {}", grouped(amount))));
    }
    if let Some(reference) = spaced_reference(&part.reference) {
        rows.push((t("invoice-epc-reference"), reference));
    } else if !part.message.is_empty() {
        rows.push((t("invoice-epc-reference"), clean(&part.message)));
    }
    for (label, value) in rows {
        pen.text(x, y, 9.0, true, Align::Left, &label);
        pen.text(value_x, y, 10.0, false, Align::Left, &value);
        y += 6.0;
    }
    pen.text(
        x,
        EPC_QR.bottom() - 1.0,
        8.0,
        false,
        Align::Left,
        &t("invoice-epc-caption"),
    );
    Ok(())
}
