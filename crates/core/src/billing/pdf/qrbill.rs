//! The Swiss QR-bill (SIX implementation guidelines 2.3): the payload of the
//! Swiss QR code and the payment part with its receipt.
//!
//! Payload: `SPC` / `0200` / `1`, the account, the creditor as a structured
//! address ("S"), seven empty ultimate-creditor fields, the amount with two
//! decimals (empty: filled in by hand), the currency, the debtor (or seven
//! empty fields), the reference type and reference, the unstructured
//! message, `EPD`. Elements are separated by LF, with nothing after `EPD`.
//! A QR reference (QRR) goes only with a QR-IBAN (institution id 30000 to
//! 31999), a creditor reference (SCOR) or none (NON) only with a plain IBAN.

use krilla::geom::{PathBuilder, Rect, Transform};

use super::{
    PdfError,
    body::grouped,
    document::{Document, Party, PaymentPart, PaymentReference},
    layout::{self, PAYMENT_INFO, PAYMENT_PART, QR_CODE, RECEIPT, SLIP_MARGIN, SWISS_CROSS, mm},
    pen::{Align, Pen},
    qr,
};
use crate::{i18n::I18n, money::Currency};

pub(super) fn payload(doc: &Document) -> Option<String> {
    let part = doc.payment.as_ref()?;
    if doc.total.currency != Currency::Chf {
        return None;
    }
    let mut fields: Vec<String> = vec![
        "SPC".into(),
        "0200".into(),
        "1".into(),
        clean(&part.account),
    ];
    push_address(&mut fields, Some(&part.creditor));
    push_address(&mut fields, None); // ultimate creditor: reserved, empty
    fields.push(part.amount.map(|a| a.amount_string()).unwrap_or_default());
    fields.push(doc.total.currency.code().into());
    push_address(&mut fields, part.debtor.as_ref());
    let (kind, reference) = match &part.reference {
        PaymentReference::Qrr(r) => ("QRR", compact(r)),
        PaymentReference::Scor(r) => ("SCOR", compact(r)),
        PaymentReference::None => ("NON", String::new()),
    };
    fields.push(kind.into());
    fields.push(reference);
    fields.push(clean(&part.message));
    fields.push("EPD".into());
    Some(fields.join("\n"))
}

fn push_address(fields: &mut Vec<String>, party: Option<&Party>) {
    match party {
        Some(p) => fields.extend([
            "S".to_string(),
            clean(&p.name),
            clean(&p.street),
            clean(&p.building_number),
            clean(&p.postcode),
            clean(&p.town),
            clean(&p.country),
        ]),
        None => fields.extend(std::iter::repeat_n(String::new(), 7)),
    }
}

/// A field as the payload carries it: no line breaks (they separate the
/// elements) nor other control characters, no surrounding blanks.
pub(super) fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// A reference or IBAN without spaces, upper case.
pub(super) fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The rules of the guidelines a payload must keep, so that no bank
/// refuses the bill.
pub(super) fn check(doc: &Document, part: &PaymentPart) -> Result<(), PdfError> {
    let bad = |what: String| Err(PdfError::Payment(what));
    let account = compact(&part.account);
    if account.len() != 21 || !(account.starts_with("CH") || account.starts_with("LI")) {
        return bad(format!(
            "{account}: a QR-bill account is a CH or LI IBAN of 21 characters"
        ));
    }
    if !iban_is_valid(&account) {
        return bad(format!("{account}: not a valid IBAN"));
    }
    let qr_iban = is_qr_iban(&account);
    match &part.reference {
        PaymentReference::Qrr(r) => {
            if !qr_iban {
                return bad(format!("{account}: a QR reference needs a QR-IBAN"));
            }
            if !qr_reference_is_valid(&compact(r)) {
                return bad(format!("{r}: not a valid QR reference"));
            }
        }
        PaymentReference::Scor(r) => {
            if qr_iban {
                return bad(format!("{account}: a QR-IBAN needs a QR reference"));
            }
            if !creditor_reference_is_valid(&compact(r)) {
                return bad(format!("{r}: not a valid creditor reference"));
            }
        }
        PaymentReference::None => {
            if qr_iban {
                return bad(format!("{account}: a QR-IBAN needs a QR reference"));
            }
        }
    }
    if let Some(amount) = part.amount {
        if amount.currency != doc.total.currency {
            return bad("the amount's currency is not the document's".into());
        }
        if !(1..=99_999_999_999).contains(&amount.amount_minor) {
            return bad(format!(
                "{amount}: a QR-bill amount is 0.01 to 999 999 999.99"
            ));
        }
    }
    check_party("creditor", &part.creditor)?;
    if let Some(debtor) = &part.debtor {
        check_party("debtor", debtor)?;
    }
    if clean(&part.message).chars().count() > 140 {
        return bad("the message is longer than 140 characters".into());
    }
    Ok(())
}

fn check_party(role: &str, p: &Party) -> Result<(), PdfError> {
    let fields = [
        ("name", &p.name, 70, true),
        ("street", &p.street, 70, false),
        ("building number", &p.building_number, 16, false),
        ("postcode", &p.postcode, 16, true),
        ("town", &p.town, 35, true),
    ];
    for (what, value, max, required) in fields {
        let n = clean(value).chars().count();
        if n > max || (required && n == 0) {
            return Err(PdfError::Payment(format!(
                "the {role}'s {what} must have {}to {max} characters",
                if required { "1 " } else { "0 " }
            )));
        }
    }
    let country = clean(&p.country);
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(PdfError::Payment(format!(
            "the {role}'s country must be an ISO 3166 code such as CH"
        )));
    }
    Ok(())
}

/// ISO 13616: the first four characters moved to the end, letters as
/// numbers (A = 10), the whole modulo 97 is 1.
pub(super) fn iban_is_valid(iban: &str) -> bool {
    iban.len() >= 15
        && iban
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && iban.as_bytes()[2..4].iter().all(u8::is_ascii_digit)
        && mod97(iban[4..].bytes().chain(iban[..4].bytes())) == Some(1)
}

/// ISO 11649: `RF`, two check digits, 1 to 21 characters; rearranged like
/// an IBAN, modulo 97 is 1.
fn creditor_reference_is_valid(r: &str) -> bool {
    r.len() >= 5
        && r.len() <= 25
        && r.starts_with("RF")
        && r.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && mod97(r[4..].bytes().chain(r[..4].bytes())) == Some(1)
}

fn mod97(chars: impl Iterator<Item = u8>) -> Option<u32> {
    let mut rest = 0u32;
    for b in chars {
        let value = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => return None,
        };
        rest = if value >= 10 {
            (rest * 100 + value) % 97
        } else {
            (rest * 10 + value) % 97
        };
    }
    Some(rest)
}

/// A QR-IBAN: its institution id (characters 5 to 9) is 30000 to 31999.
pub(super) fn is_qr_iban(iban: &str) -> bool {
    iban.get(4..9)
        .and_then(|iid| iid.parse::<u32>().ok())
        .is_some_and(|iid| (30000..=31999).contains(&iid))
}

/// 27 digits, the last the recursive modulo-10 check digit of the others.
fn qr_reference_is_valid(r: &str) -> bool {
    const TABLE: [u8; 10] = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5];
    if r.len() != 27 || !r.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let carry = r.bytes().take(26).fold(0u8, |carry, b| {
        TABLE[usize::from((carry + (b - b'0')) % 10)]
    });
    (10 - carry) % 10 == r.as_bytes()[26] - b'0'
}

/// The IBAN as printed: groups of four.
pub(super) fn spaced_iban(iban: &str) -> String {
    let compact = compact(iban);
    let chars: Vec<char> = compact.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The reference as printed: a QR reference in groups of five from the
/// right (2 + 5 × 5), a creditor reference in groups of four.
pub(super) fn spaced_reference(reference: &PaymentReference) -> Option<String> {
    match reference {
        PaymentReference::Qrr(r) => {
            let r = compact(r);
            let head = r.len() % 5;
            let mut groups = Vec::new();
            if head > 0 {
                groups.push(r[..head].to_string());
            }
            groups.extend(
                r.as_bytes()[head..]
                    .chunks(5)
                    .map(|c| String::from_utf8_lossy(c).into_owned()),
            );
            Some(groups.join(" "))
        }
        PaymentReference::Scor(r) => Some(spaced_iban(r)),
        PaymentReference::None => None,
    }
}

/// The lines of an address on the payment part: name, street and number,
/// postcode and town (with the country code in front when abroad).
fn address_lines(p: &Party) -> Vec<String> {
    let street = format!("{} {}", clean(&p.street), clean(&p.building_number))
        .trim()
        .to_string();
    let country = clean(&p.country);
    let town = if country == "CH" || country == "LI" {
        format!("{} {}", clean(&p.postcode), clean(&p.town))
    } else {
        format!("{country}-{} {}", clean(&p.postcode), clean(&p.town))
    };
    [clean(&p.name), street, town]
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect()
}

/// Font sizes (points) and line advances (mm) of the two parts: the
/// receipt's headings 6 pt and values 8 pt, the payment part's 8 and 10
/// (headings 2 pt smaller than values, as the guidelines ask).
struct Sizes {
    heading: f32,
    value: f32,
    heading_advance: f32,
    value_advance: f32,
    gap: f32,
}

const RECEIPT_SIZES: Sizes = Sizes {
    heading: 6.0,
    value: 8.0,
    heading_advance: 3.0,
    value_advance: 3.3,
    gap: 2.4,
};

const PAYMENT_SIZES: Sizes = Sizes {
    heading: 8.0,
    value: 10.0,
    heading_advance: 3.8,
    value_advance: 4.0,
    gap: 3.2,
};

/// Where a text of `size` points whose top is at `top` mm has its baseline.
fn baseline(top: f32, size: f32) -> f32 {
    top + size * 0.75 / layout::PT_PER_MM
}

struct Column<'a, 'p, 'f> {
    pen: &'a mut Pen<'p, 'f>,
    x: f32,
    width: f32,
    y: f32,
    sizes: &'a Sizes,
}

impl Column<'_, '_, '_> {
    fn heading(&mut self, text: &str) {
        self.pen.text(
            self.x,
            baseline(self.y, self.sizes.heading),
            self.sizes.heading,
            true,
            Align::Left,
            text,
        );
        self.y += self.sizes.heading_advance;
    }

    fn values(&mut self, lines: &[String]) {
        for line in lines {
            let wrapped = self
                .pen
                .faces()
                .wrap(false, self.sizes.value, self.width, line);
            for part in wrapped {
                self.pen.text(
                    self.x,
                    baseline(self.y, self.sizes.value),
                    self.sizes.value,
                    false,
                    Align::Left,
                    &part,
                );
                self.y += self.sizes.value_advance;
            }
        }
        self.y += self.sizes.gap;
    }
}

pub(super) fn draw(
    pen: &mut Pen<'_, '_>,
    doc: &Document,
    part: &PaymentPart,
    payload: &str,
    i18n: &I18n,
) -> Result<(), PdfError> {
    let t = |key: &str| i18n.t(doc.language, key);
    separation_lines(pen);

    let account = std::iter::once(spaced_iban(&part.account))
        .chain(address_lines(&part.creditor))
        .collect::<Vec<_>>();
    let reference = spaced_reference(&part.reference);
    let currency = doc.total.currency.code();
    let amount = part.amount.map(grouped);

    // The receipt.
    let left = RECEIPT.x + SLIP_MARGIN;
    let top = RECEIPT.y + SLIP_MARGIN;
    pen.text(
        left,
        baseline(top, 11.0),
        11.0,
        true,
        Align::Left,
        &t("qrbill-receipt"),
    );
    let mut col = Column {
        pen: &mut *pen,
        x: left,
        width: RECEIPT.width - 2.0 * SLIP_MARGIN,
        y: top + 7.0,
        sizes: &RECEIPT_SIZES,
    };
    col.heading(&t("qrbill-account-payable-to"));
    col.values(&account);
    if let Some(r) = &reference {
        col.heading(&t("qrbill-reference"));
        col.values(std::slice::from_ref(r));
    }
    match &part.debtor {
        Some(debtor) => {
            col.heading(&t("qrbill-payable-by"));
            col.values(&address_lines(debtor));
        }
        None => {
            col.heading(&t("qrbill-payable-by-name-address"));
            let y = col.y;
            corner_marks(pen, left, y + 0.5, 52.0, 20.0);
        }
    }
    let amount_top = RECEIPT.y + 68.0;
    amount_section(
        pen,
        left,
        left + 12.0,
        amount_top,
        &RECEIPT_SIZES,
        currency,
        amount.as_deref(),
        &t,
    );
    if amount.is_none() {
        corner_marks(
            pen,
            RECEIPT.right() - SLIP_MARGIN - 30.0,
            amount_top + 1.5,
            30.0,
            10.0,
        );
    }
    pen.text(
        RECEIPT.right() - SLIP_MARGIN,
        baseline(RECEIPT.y + 82.0, 6.0),
        6.0,
        true,
        Align::Right,
        &t("qrbill-acceptance-point"),
    );

    // The payment part.
    let left = PAYMENT_PART.x + SLIP_MARGIN;
    pen.text(
        left,
        baseline(top, 11.0),
        11.0,
        true,
        Align::Left,
        &t("qrbill-payment-part"),
    );
    qr::draw(pen, QR_CODE, payload)?;
    swiss_cross(pen);
    let amount_top = PAYMENT_PART.y + 68.0;
    amount_section(
        pen,
        left,
        left + 14.0,
        amount_top,
        &PAYMENT_SIZES,
        currency,
        amount.as_deref(),
        &t,
    );
    if amount.is_none() {
        // Right of the currency, clear of the information section.
        corner_marks(pen, left + 9.0, amount_top + 5.0, 40.0, 15.0);
    }
    let mut col = Column {
        pen: &mut *pen,
        x: PAYMENT_INFO.x,
        width: PAYMENT_INFO.width,
        y: PAYMENT_INFO.y,
        sizes: &PAYMENT_SIZES,
    };
    col.heading(&t("qrbill-account-payable-to"));
    col.values(&account);
    if let Some(r) = &reference {
        col.heading(&t("qrbill-reference"));
        col.values(std::slice::from_ref(r));
    }
    let message = clean(&part.message);
    if !message.is_empty() {
        col.heading(&t("qrbill-additional-information"));
        col.values(&[message]);
    }
    match &part.debtor {
        Some(debtor) => {
            col.heading(&t("qrbill-payable-by"));
            col.values(&address_lines(debtor));
        }
        None => {
            col.heading(&t("qrbill-payable-by-name-address"));
            let y = col.y;
            corner_marks(pen, PAYMENT_INFO.x, y + 0.5, 65.0, 25.0);
        }
    }
    Ok(())
}

#[expect(clippy::too_many_arguments, reason = "one section, drawn in two sizes")]
fn amount_section(
    pen: &mut Pen<'_, '_>,
    currency_x: f32,
    amount_x: f32,
    top: f32,
    sizes: &Sizes,
    currency: &str,
    amount: Option<&str>,
    t: &dyn Fn(&str) -> String,
) {
    pen.text(
        currency_x,
        baseline(top, sizes.heading),
        sizes.heading,
        true,
        Align::Left,
        &t("qrbill-currency"),
    );
    pen.text(
        amount_x,
        baseline(top, sizes.heading),
        sizes.heading,
        true,
        Align::Left,
        &t("qrbill-amount"),
    );
    let value_top = top + sizes.heading_advance + 0.6;
    pen.text(
        currency_x,
        baseline(value_top, sizes.value),
        sizes.value,
        false,
        Align::Left,
        currency,
    );
    if let Some(amount) = amount {
        pen.text(
            amount_x,
            baseline(value_top, sizes.value),
            sizes.value,
            false,
            Align::Left,
            amount,
        );
    }
}

/// The corners of a field left blank for the payer to fill in by hand.
fn corner_marks(pen: &mut Pen<'_, '_>, x: f32, y: f32, width: f32, height: f32) {
    let arm = 3.0;
    let (r, b) = (x + width, y + height);
    for corner in [
        [(x, y + arm), (x, y), (x + arm, y)],
        [(r - arm, y), (r, y), (r, y + arm)],
        [(x, b - arm), (x, b), (x + arm, b)],
        [(r - arm, b), (r, b), (r, b - arm)],
    ] {
        pen.line(&corner, 0.75, None);
    }
}

/// The dashed lines along which the slip and the receipt are cut, each
/// with a pair of scissors.
fn separation_lines(pen: &mut Pen<'_, '_>) {
    let y = layout::PAYMENT_SLIP.y;
    let x = PAYMENT_PART.x;
    pen.line(&[(0.0, y), (layout::PAGE.width, y)], 0.5, Some([2.0, 2.0]));
    pen.line(&[(x, y), (x, layout::PAGE.height)], 0.5, Some([2.0, 2.0]));
    scissors(pen, 8.0, y, 0.0);
    scissors(pen, x, y + 8.0, 90.0);
}

/// A pair of scissors 4 mm long centred on (`cx`, `cy`), blades pointing
/// right, turned by `degrees`, drawn on a white patch that cuts the line.
fn scissors(pen: &mut Pen<'_, '_>, cx: f32, cy: f32, degrees: f32) {
    pen.push_transform(&Transform::from_rotate_at(degrees, mm(cx), mm(cy)));
    let p = |x: f32, y: f32| (mm(cx + x), mm(cy + y));
    let mut patch = PathBuilder::new();
    if let Some(r) = Rect::from_xywh(mm(cx - 2.4), mm(cy - 1.6), mm(4.8), mm(3.2)) {
        patch.push_rect(r);
    }
    if let Some(path) = patch.finish() {
        pen.fill(&path, true);
    }
    // The finger rings.
    let mut rings = PathBuilder::new();
    for ring_y in [-0.85, 0.85] {
        circle(&mut rings, p(-1.35, ring_y), mm(0.55));
    }
    if let Some(path) = rings.finish() {
        pen.stroke(&path, 0.6);
    }
    // The blades: two slim triangles crossing at the pivot.
    let mut blades = PathBuilder::new();
    for side in [-1.0f32, 1.0] {
        let (x0, y0) = p(-0.9, 0.55 * side);
        let (x1, y1) = p(-0.7, 0.25 * side);
        let (x2, y2) = p(2.0, -0.55 * side);
        blades.move_to(x0, y0);
        blades.line_to(x2, y2);
        blades.line_to(x1, y1);
        blades.close();
    }
    if let Some(path) = blades.finish() {
        pen.fill(&path, false);
        pen.stroke(&path, 0.3);
    }
    pen.pop();
}

/// A circle of four cubic arcs.
fn circle(pb: &mut PathBuilder, (cx, cy): (f32, f32), r: f32) {
    let k = 0.552_284_8 * r;
    pb.move_to(cx + r, cy);
    pb.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    pb.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    pb.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    pb.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    pb.close();
}

/// The Swiss cross in the middle of the QR code: a 7 mm white square, a
/// black square inside its 0.5 mm white border, and a white cross in the
/// flag's proportions (the cross 0.65 of the black square, an arm's width
/// 0.3 of the cross).
fn swiss_cross(pen: &mut Pen<'_, '_>) {
    let cx = QR_CODE.x + QR_CODE.width / 2.0;
    let cy = QR_CODE.y + QR_CODE.height / 2.0;
    let square = |side: f32| {
        let mut pb = PathBuilder::new();
        if let Some(r) =
            Rect::from_xywh(mm(cx - side / 2.0), mm(cy - side / 2.0), mm(side), mm(side))
        {
            pb.push_rect(r);
        }
        pb.finish()
    };
    let black = SWISS_CROSS - 2.0 * 0.5;
    let arm_length = black * 0.65;
    let arm_width = arm_length * 0.3;
    if let Some(path) = square(SWISS_CROSS) {
        pen.fill(&path, true);
    }
    if let Some(path) = square(black) {
        pen.fill(&path, false);
    }
    let mut cross = PathBuilder::new();
    for (w, h) in [(arm_width, arm_length), (arm_length, arm_width)] {
        if let Some(r) = Rect::from_xywh(mm(cx - w / 2.0), mm(cy - h / 2.0), mm(w), mm(h)) {
            cross.push_rect(r);
        }
    }
    if let Some(path) = cross.finish() {
        pen.fill(&path, true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checks_know_the_guidelines_examples() {
        // proves: BIL-2
        assert!(iban_is_valid("CH4431999123000889012"));
        assert!(is_qr_iban("CH4431999123000889012"));
        assert!(iban_is_valid("CH9300762011623852957"));
        assert!(!is_qr_iban("CH9300762011623852957"));
        assert!(!iban_is_valid("CH9300762011623852958"));
        assert!(qr_reference_is_valid("210000000003139471430009017"));
        assert!(!qr_reference_is_valid("210000000003139471430009018"));
        assert!(creditor_reference_is_valid("RF18539007547034"));
        assert!(!creditor_reference_is_valid("RF19539007547034"));
    }

    fn document(currency: Currency, name: &str, message: &str) -> Document {
        let party = Party {
            name: name.into(),
            street: "Rue du Lac".into(),
            building_number: "12".into(),
            postcode: "1003".into(),
            town: "Lausanne".into(),
            country: "CH".into(),
        };
        let total = crate::money::Money::new(12_970, currency);
        Document {
            kind: crate::billing::pdf::DocumentKind::Invoice,
            language: crate::i18n::Lang::En,
            number: "2026-000123".into(),
            issued_on: jiff::civil::date(2026, 1, 15),
            due_on: None,
            letterhead: vec![],
            seller: party.clone(),
            seller_vat_number: None,
            buyer: party.clone(),
            buyer_vat_number: None,
            lines: vec![],
            vat: vec![],
            rounding: None,
            total,
            mentions: vec![],
            payment: Some(PaymentPart {
                account: "CH9300762011623852957".into(),
                creditor: party.clone(),
                debtor: Some(party),
                amount: Some(total),
                reference: PaymentReference::Scor("RF18539007547034".into()),
                message: message.into(),
            }),
        }
    }

    proptest::proptest! {
        #[test]
        fn no_text_breaks_the_payloads_elements(
            name in crate::text::strategies::text(),
            message in crate::text::strategies::text(),
        ) {
            // proves: BIL-2
            let qr = payload(&document(Currency::Chf, &name, &message)).unwrap();
            let elements: Vec<&str> = qr.split('\n').collect();
            proptest::prop_assert_eq!(elements.len(), 31);
            proptest::prop_assert_eq!(&elements[..3], &["SPC", "0200", "1"]);
            proptest::prop_assert_eq!(elements[30], "EPD");
            proptest::prop_assert!(!qr.contains('\r'));
            let epc = super::super::epc::payload(&document(Currency::Eur, &name, &message)).unwrap();
            let elements: Vec<&str> = epc.split('\n').collect();
            proptest::prop_assert!(elements.len() <= 11);
            proptest::prop_assert_eq!(&elements[..4], &["BCD", "002", "1", "SCT"]);
            proptest::prop_assert_eq!(elements[9], "RF18539007547034");
        }
    }

    #[test]
    fn references_and_ibans_are_printed_in_groups() {
        assert_eq!(
            spaced_iban("CH4431999123000889012"),
            "CH44 3199 9123 0008 8901 2"
        );
        assert_eq!(
            spaced_reference(&PaymentReference::Qrr("210000000003139471430009017".into())),
            Some("21 00000 00003 13947 14300 09017".into())
        );
        assert_eq!(
            spaced_reference(&PaymentReference::Scor("RF18539007547034".into())),
            Some("RF18 5390 0754 7034".into())
        );
    }
}
