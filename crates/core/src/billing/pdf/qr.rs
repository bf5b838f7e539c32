//! A QR code as vector rectangles: the matrix from `qrcode` at
//! error-correction level M, each row's runs of dark modules drawn as one
//! rectangle (a module per rectangle would be ~10× the content stream),
//! all of them one path so no seam shows between neighbours.

use krilla::geom::{PathBuilder, Rect, Transform};
use qrcode::{Color, EcLevel, QrCode};

use super::{
    PdfError,
    layout::{AreaMm, mm},
    pen::Pen,
};

/// The matrix of `payload` (UTF-8 bytes): its side in modules and the dark
/// modules row by row.
pub(super) fn matrix(payload: &str) -> Result<(usize, Vec<bool>), PdfError> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|e| PdfError::Payment(format!("QR code: {e}")))?;
    let width = code.width();
    let dark = code
        .into_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok((width, dark))
}

/// Draw `payload`'s QR code filling `area` (no quiet zone: the caller's
/// layout keeps the margin around it).
pub(super) fn draw(pen: &mut Pen<'_, '_>, area: AreaMm, payload: &str) -> Result<(), PdfError> {
    let (width, dark) = matrix(payload)?;
    // Drawn in module units under a transform: whole-number coordinates
    // keep the content stream short (compressing it is most of the cost of
    // a page).
    let mut pb = PathBuilder::new();
    for (y, row) in dark.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] {
                x += 1;
            }
            if let Some(rect) = Rect::from_xywh(start as f32, y as f32, (x - start) as f32, 1.0) {
                pb.push_rect(rect);
            }
        }
    }
    let path = pb
        .finish()
        .ok_or_else(|| PdfError::Payment("empty QR code".into()))?;
    let module = mm(area.width) / width as f32;
    pen.push_transform(&Transform::from_row(
        module,
        0.0,
        0.0,
        module,
        mm(area.x),
        mm(area.y),
    ));
    pen.fill(&path, false);
    pen.pop();
    Ok(())
}
