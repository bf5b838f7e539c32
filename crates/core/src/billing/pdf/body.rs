//! The invoice itself, laid out as drawing operations page by page: the
//! letterhead, the buyer's address where a window envelope shows it, the
//! title and the facts Swiss VAT law asks for (number, date, supplier with
//! its VAT number, buyer), the lines with their service period and VAT
//! rate, the VAT per rate, the total, and the legal mentions.

use fluent_bundle::FluentValue;
use jiff::civil::Date;

use super::{
    PdfError,
    document::{Document, DocumentKind, Party},
    layout::{LEFT, RIGHT},
    pen::{Align, Faces, Op},
};
use crate::{
    i18n::{I18n, Lang},
    money::Money,
};

/// Where the buyer's address goes: the right-hand window of a Swiss C5
/// envelope.
const ADDRESS_X: f32 = 118.0;
const ADDRESS_Y: f32 = 50.0;
/// Where the body resumes on a following page.
const CONTINUED_Y: f32 = 25.0;

/// Right edges of the number columns.
const QTY_RIGHT: f32 = 122.0;
const PRICE_RIGHT: f32 = 148.0;
const VAT_RIGHT: f32 = 165.0;
const DESCRIPTION_WIDTH: f32 = QTY_RIGHT - LEFT - 14.0;

const TEXT: f32 = 9.0;
const LINE: f32 = 4.3;

pub(super) fn title(doc: &Document, i18n: &I18n) -> String {
    match doc.kind {
        DocumentKind::Invoice => i18n.t(doc.language, "invoice-title"),
        DocumentKind::CreditNote { .. } => i18n.t(doc.language, "invoice-credit-note-title"),
        DocumentKind::TopUp => i18n.t(doc.language, "invoice-top-up-title"),
    }
}

/// An amount as printed: thousands apart by a space, a decimal point
/// ("12 500.50", the QR-bill's form, used on the whole document).
pub(super) fn grouped(money: Money) -> String {
    let plain = money.amount_string();
    let (sign, plain) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (units, decimals) = plain.split_once('.').unwrap_or((plain, ""));
    let mut out = String::from(sign);
    for (i, c) in units.chars().enumerate() {
        if i > 0 && (units.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    if !decimals.is_empty() {
        out.push('.');
        out.push_str(decimals);
    }
    out
}

/// A VAT rate as printed: 810 → "8.1 %" ("8,1 %" in French), with a
/// no-break space before the sign.
pub(super) fn rate(rate_bp: u32, lang: Lang) -> String {
    let whole = rate_bp / 100;
    let fraction = rate_bp % 100;
    let point = if lang == Lang::Fr { ',' } else { '.' };
    if fraction == 0 {
        format!("{whole}\u{a0}%")
    } else {
        let digits = format!("{fraction:02}");
        format!("{whole}{point}{}\u{a0}%", digits.trim_end_matches('0'))
    }
}

pub(super) fn date(d: Date) -> String {
    d.strftime("%d.%m.%Y").to_string()
}

fn address_lines(p: &Party) -> Vec<String> {
    let street = format!("{} {}", p.street.trim(), p.building_number.trim())
        .trim()
        .to_string();
    let mut lines = vec![p.name.trim().to_string(), street];
    lines.push(
        format!("{} {}", p.postcode.trim(), p.town.trim())
            .trim()
            .to_string(),
    );
    if p.country != "CH" {
        lines.push(p.country.clone());
    }
    lines.into_iter().filter(|l| !l.is_empty()).collect()
}

struct Sheet {
    pages: Vec<Vec<Op>>,
    y: f32,
    bottom: f32,
}

impl Sheet {
    fn text(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        align: Align,
        text: impl Into<String>,
    ) {
        self.push(Op::Text {
            x,
            y,
            size,
            bold,
            grey: false,
            align,
            text: text.into(),
        });
    }

    fn grey(&mut self, x: f32, y: f32, size: f32, text: impl Into<String>) {
        self.push(Op::Text {
            x,
            y,
            size,
            bold: false,
            grey: true,
            align: Align::Left,
            text: text.into(),
        });
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, width_pt: f32) {
        self.push(Op::Rule {
            x1,
            y1: y,
            x2,
            y2: y,
            width_pt,
        });
    }

    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// Room for `height` mm more, or a new page.
    fn ensure(&mut self, height: f32) -> bool {
        if self.y + height > self.bottom {
            self.pages.push(Vec::new());
            self.y = CONTINUED_Y;
            true
        } else {
            false
        }
    }
}

pub(super) fn layout(
    doc: &Document,
    faces: &Faces<'_>,
    i18n: &I18n,
    bottom: f32,
) -> Result<Vec<Vec<Op>>, PdfError> {
    let lang = doc.language;
    let t = |key: &str| i18n.t(lang, key);
    let currency = doc.total.currency;
    let mut s = Sheet {
        pages: vec![Vec::new()],
        y: 20.0,
        bottom,
    };

    // The letterhead (the seller's address when none is configured).
    let letterhead = if doc.letterhead.is_empty() {
        address_lines(&doc.seller)
    } else {
        doc.letterhead.clone()
    };
    for (i, line) in letterhead.iter().enumerate() {
        let (size, advance) = if i == 0 { (12.0, 5.5) } else { (TEXT, LINE) };
        s.text(LEFT, s.y, size, i == 0, Align::Left, line.as_str());
        s.y += advance;
    }

    // The buyer, in the envelope's window.
    let mut y = ADDRESS_Y;
    for (i, line) in address_lines(&doc.buyer).iter().enumerate() {
        s.text(ADDRESS_X, y, 10.0, i == 0, Align::Left, line.as_str());
        y += 4.6;
    }

    // Title and the document's facts.
    s.y = s.y.max(y).max(65.0) + 12.0;
    s.text(LEFT, s.y, 16.0, true, Align::Left, title(doc, i18n));
    s.y += 9.0;
    let mut facts = vec![
        (t("invoice-number"), doc.number.clone()),
        (t("invoice-date"), date(doc.issued_on)),
    ];
    if let DocumentKind::CreditNote { credited_number } = &doc.kind {
        facts.push((t("invoice-credited"), credited_number.clone()));
    }
    if let Some(due) = doc.due_on {
        facts.push((t("invoice-due"), date(due)));
    }
    let seller = address_lines(&doc.seller).join(", ");
    facts.push((t("invoice-supplier"), seller));
    if let Some(vat) = &doc.seller_vat_number {
        facts.push((t("invoice-seller-vat"), vat.clone()));
    }
    if let Some(vat) = &doc.buyer_vat_number {
        facts.push((t("invoice-buyer-vat"), vat.clone()));
    }
    let value_x = LEFT + 42.0;
    for (label, value) in facts {
        s.grey(LEFT, s.y, TEXT, label);
        for line in faces.wrap(false, TEXT, RIGHT - value_x, &value) {
            s.text(value_x, s.y, TEXT, false, Align::Left, line);
            s.y += LINE;
        }
    }

    // The lines.
    s.y += 6.0;
    table_header(&mut s, &t);
    for line in &doc.lines {
        let description = faces.wrap(false, TEXT, DESCRIPTION_WIDTH, &line.description);
        let height =
            description.len() as f32 * LINE + if line.period.is_some() { LINE } else { 0.0 } + 1.5;
        if s.ensure(height) {
            table_header(&mut s, &t);
        }
        let first = s.y;
        for part in description {
            s.text(LEFT, s.y, TEXT, false, Align::Left, part);
            s.y += LINE;
        }
        if let Some((from, to)) = line.period {
            let period = i18n.t_args(
                lang,
                "invoice-period",
                &[
                    ("from", FluentValue::from(date(from))),
                    ("to", FluentValue::from(date(to))),
                ],
            );
            s.grey(LEFT, s.y - 0.3, 8.0, period);
            s.y += LINE;
        }
        s.text(
            QTY_RIGHT,
            first,
            TEXT,
            false,
            Align::Right,
            line.quantity.to_string(),
        );
        s.text(
            PRICE_RIGHT,
            first,
            TEXT,
            false,
            Align::Right,
            grouped(line.unit_price),
        );
        s.text(
            VAT_RIGHT,
            first,
            TEXT,
            false,
            Align::Right,
            rate(line.vat_rate_bp, lang),
        );
        s.text(RIGHT, first, TEXT, false, Align::Right, grouped(line.net));
        s.y += 1.5;
    }

    // The sums: kept together with the mentions on the last page.
    let subtotal = Money::checked_sum(currency, doc.lines.iter().map(|l| l.net))
        .map_err(|e| PdfError::Document(e.to_string()))?;
    let mentions: Vec<String> = doc
        .mentions
        .iter()
        .flat_map(|m| faces.wrap(false, 8.5, RIGHT - LEFT, m))
        .collect();
    // Rule, subtotal, one row per rate, rounding, total, then the mentions.
    let rows = 1 + doc.vat.len() + usize::from(doc.rounding.is_some());
    let mut sums_height = 2.0 + rows as f32 * 5.0 + 4.0;
    if !mentions.is_empty() {
        sums_height += 6.0 + mentions.len() as f32 * 4.0;
    }
    s.ensure(sums_height);
    s.rule(LEFT, RIGHT, s.y - 2.5, 0.5);
    s.y += 2.0;
    let label_x = 100.0;
    s.text(
        label_x,
        s.y,
        TEXT,
        false,
        Align::Left,
        t("invoice-subtotal"),
    );
    s.text(RIGHT, s.y, TEXT, false, Align::Right, grouped(subtotal));
    s.y += 5.0;
    for row in &doc.vat {
        let label = i18n.t_args(
            lang,
            "invoice-vat-row",
            &[
                ("rate", FluentValue::from(rate(row.rate_bp, lang))),
                ("base", FluentValue::from(grouped(row.base))),
            ],
        );
        s.text(label_x, s.y, TEXT, false, Align::Left, label);
        s.text(RIGHT, s.y, TEXT, false, Align::Right, grouped(row.vat));
        s.y += 5.0;
    }
    if let Some(rounding) = doc.rounding {
        s.text(
            label_x,
            s.y,
            TEXT,
            false,
            Align::Left,
            t("invoice-rounding"),
        );
        s.text(RIGHT, s.y, TEXT, false, Align::Right, grouped(rounding));
        s.y += 5.0;
    }
    s.rule(label_x, RIGHT, s.y - 3.0, 0.8);
    s.y += 1.5;
    let total = i18n.t_args(
        lang,
        "invoice-total",
        &[("currency", FluentValue::from(currency.code()))],
    );
    s.text(label_x, s.y, 11.0, true, Align::Left, total);
    s.text(RIGHT, s.y, 11.0, true, Align::Right, grouped(doc.total));
    s.y += 10.0;
    for line in mentions {
        s.text(LEFT, s.y, 8.5, false, Align::Left, line);
        s.y += 4.0;
    }

    // Page numbers, once the count is known.
    let count = s.pages.len();
    if count > 1 {
        for (i, page) in s.pages.iter_mut().enumerate() {
            let text = i18n.t_args(
                lang,
                "invoice-page",
                &[
                    ("page", FluentValue::from((i + 1).to_string())),
                    ("pages", FluentValue::from(count.to_string())),
                ],
            );
            page.push(Op::Text {
                x: RIGHT,
                y: 12.0,
                size: 8.0,
                bold: false,
                grey: true,
                align: Align::Right,
                text,
            });
        }
    }
    Ok(s.pages)
}

fn table_header(s: &mut Sheet, t: &dyn Fn(&str) -> String) {
    s.text(
        LEFT,
        s.y,
        TEXT,
        true,
        Align::Left,
        t("invoice-col-description"),
    );
    s.text(
        QTY_RIGHT,
        s.y,
        TEXT,
        true,
        Align::Right,
        t("invoice-col-quantity"),
    );
    s.text(
        PRICE_RIGHT,
        s.y,
        TEXT,
        true,
        Align::Right,
        t("invoice-col-unit-price"),
    );
    s.text(
        VAT_RIGHT,
        s.y,
        TEXT,
        true,
        Align::Right,
        t("invoice-col-vat"),
    );
    s.text(
        RIGHT,
        s.y,
        TEXT,
        true,
        Align::Right,
        t("invoice-col-amount"),
    );
    s.rule(LEFT, RIGHT, s.y + 1.8, 0.5);
    s.y += 6.5;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    #[test]
    fn amounts_are_grouped_by_thousands_with_a_space() {
        let chf = |minor| grouped(Money::new(minor, Currency::Chf));
        assert_eq!(chf(1_250_050), "12 500.50");
        assert_eq!(chf(5), "0.05");
        assert_eq!(chf(99_999_999_999), "999 999 999.99");
        assert_eq!(chf(-123_456), "-1 234.56");
        assert_eq!(chf(100_000), "1 000.00");
    }

    proptest::proptest! {
        #[test]
        fn grouping_only_adds_spaces(minor in proptest::num::i64::ANY) {
            let money = Money::new(minor, Currency::Chf);
            let printed = grouped(money);
            proptest::prop_assert_eq!(printed.replace(' ', ""), money.amount_string());
            proptest::prop_assert!(printed.split(['.', '-']).all(|part| part.split(' ').skip(1).all(|g| g.len() == 3)));
        }
    }

    #[test]
    fn rates_are_printed_without_trailing_zeros() {
        assert_eq!(rate(810, Lang::En), "8.1\u{a0}%");
        assert_eq!(rate(810, Lang::Fr), "8,1\u{a0}%");
        assert_eq!(rate(0, Lang::De), "0\u{a0}%");
        assert_eq!(rate(1234, Lang::It), "12.34\u{a0}%");
        assert_eq!(rate(250, Lang::En), "2.5\u{a0}%");
    }
}
