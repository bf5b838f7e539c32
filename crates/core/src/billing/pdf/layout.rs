//! The page geometry in millimetres, from the top left of an A4 page. The
//! QR-bill areas are those of the SIX implementation guidelines 2.3: the
//! payment slip is the foot of the page, 210 × 105 mm, the receipt its left
//! 62 mm, the payment part the remaining 148 mm; the QR code 46 × 46 mm
//! with the 7 mm Swiss cross in its middle.

/// PDF points per millimetre (a point is 1/72 inch).
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Millimetres as PDF points.
pub fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// A rectangle in millimetres from the page's top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AreaMm {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

impl AreaMm {
    pub const fn right(&self) -> f32 {
        self.x + self.width
    }

    pub const fn bottom(&self) -> f32 {
        self.y + self.height
    }
}

/// A4, portrait.
pub const PAGE: AreaMm = AreaMm {
    x: 0.0,
    y: 0.0,
    width: 210.0,
    height: 297.0,
};

/// The whole QR-bill slip (A6 landscape) at the foot of the page.
pub const PAYMENT_SLIP: AreaMm = AreaMm {
    x: 0.0,
    y: 192.0,
    width: 210.0,
    height: 105.0,
};

/// The receipt, left of the payment part.
pub const RECEIPT: AreaMm = AreaMm {
    x: 0.0,
    y: 192.0,
    width: 62.0,
    height: 105.0,
};

/// The payment part.
pub const PAYMENT_PART: AreaMm = AreaMm {
    x: 62.0,
    y: 192.0,
    width: 148.0,
    height: 105.0,
};

/// Every section keeps this margin from the slip's edges and its neighbours.
pub const SLIP_MARGIN: f32 = 5.0;

/// The Swiss QR code: 5 mm from the payment part's left edge, below the
/// title section (5 mm margin + 7 mm title + 5 mm), 46 × 46 mm.
pub const QR_CODE: AreaMm = AreaMm {
    x: PAYMENT_PART.x + SLIP_MARGIN,
    y: PAYMENT_PART.y + 17.0,
    width: 46.0,
    height: 46.0,
};

/// The side of the Swiss cross (with its white border) in the QR code.
pub const SWISS_CROSS: f32 = 7.0;

/// The payment part's information section, right of the QR code column
/// (5 mm margin + 46 mm code + 5 mm), 87 mm wide.
pub const PAYMENT_INFO: AreaMm = AreaMm {
    x: PAYMENT_PART.x + 56.0,
    y: PAYMENT_PART.y + SLIP_MARGIN,
    width: 87.0,
    height: 85.0,
};

/// The EPC (SEPA) block of a EUR invoice at the foot of the page.
pub const EPC_AREA: AreaMm = AreaMm {
    x: 0.0,
    y: 232.0,
    width: 210.0,
    height: 65.0,
};

/// The EPC QR code: EPC069-12 asks for at least 2 × 2 cm; 40 mm is read
/// easily from a screen.
pub const EPC_QR: AreaMm = AreaMm {
    x: 20.0,
    y: EPC_AREA.y + 14.0,
    width: 40.0,
    height: 40.0,
};

/// The body's left and right edges.
pub const LEFT: f32 = 20.0;
pub const RIGHT: f32 = 190.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_payment_slip_is_the_foot_of_an_a4_page() {
        // proves: BIL-2
        assert_eq!((PAGE.width, PAGE.height), (210.0, 297.0));
        assert_eq!((RECEIPT.width, RECEIPT.height), (62.0, 105.0));
        assert_eq!((PAYMENT_PART.width, PAYMENT_PART.height), (148.0, 105.0));
        assert_eq!(RECEIPT.x, 0.0);
        assert_eq!(RECEIPT.right(), PAYMENT_PART.x);
        assert_eq!(PAYMENT_PART.right(), PAGE.width);
        assert_eq!(RECEIPT.bottom(), PAGE.height);
        assert_eq!(PAYMENT_PART.bottom(), PAGE.height);
        assert_eq!(PAYMENT_SLIP.y, RECEIPT.y);
        assert_eq!((QR_CODE.width, QR_CODE.height), (46.0, 46.0));
        assert_eq!(SWISS_CROSS, 7.0);
        // The code sits in the payment part with its margins.
        assert_eq!(QR_CODE.x - PAYMENT_PART.x, 5.0);
        assert!(QR_CODE.right() + SLIP_MARGIN <= PAYMENT_INFO.x);
        assert_eq!(PAYMENT_INFO.right() + SLIP_MARGIN, PAGE.width);
        assert!(QR_CODE.bottom() <= PAYMENT_PART.bottom() - SLIP_MARGIN);
        assert!(EPC_AREA.bottom() <= PAGE.height && EPC_QR.bottom() <= PAGE.height - 5.0);
    }

    #[test]
    fn millimetres_become_points() {
        assert!((mm(25.4) - 72.0).abs() < 1e-4);
        assert!((mm(210.0) - 595.2756).abs() < 1e-3);
    }
}
