//! Drawing on a page in millimetres from the top left: shaped text, rules,
//! filled paths. Text is shaped here (rustybuzz, the shaper krilla uses)
//! so that what is measured for wrapping and right alignment is exactly
//! what is drawn.

use krilla::{
    color::luma,
    geom::{Path, PathBuilder, Point, Transform},
    num::NormalizedF32,
    paint::{Fill, FillRule, LineCap, Stroke, StrokeDash},
    surface::Surface,
    text::{Font, GlyphId, KrillaGlyph},
};

use super::{PdfError, layout::mm};

/// One face: its shaping tables and the font krilla embeds.
pub(super) struct Face<'a> {
    shaper: rustybuzz::Face<'a>,
    font: &'a Font,
    units_per_em: f32,
}

pub(super) struct Faces<'a> {
    regular: Face<'a>,
    bold: Face<'a>,
}

impl<'a> Faces<'a> {
    pub(super) fn new(
        regular: (&'a [u8], &'a Font),
        bold: (&'a [u8], &'a Font),
    ) -> Result<Faces<'a>, PdfError> {
        let face = |(data, font): (&'a [u8], &'a Font)| {
            let shaper = rustybuzz::Face::from_slice(data, 0)
                .ok_or_else(|| PdfError::Font("the font cannot be shaped".into()))?;
            let units_per_em = (shaper.units_per_em() as f32).max(1.0);
            Ok::<_, PdfError>(Face {
                shaper,
                font,
                units_per_em,
            })
        };
        Ok(Faces {
            regular: face(regular)?,
            bold: face(bold)?,
        })
    }

    fn face(&self, bold: bool) -> &Face<'a> {
        if bold { &self.bold } else { &self.regular }
    }

    /// The glyphs of `text` (advances in em) and its width in em.
    fn shape(&self, bold: bool, text: &str) -> (Vec<KrillaGlyph>, f32) {
        let face = self.face(bold);
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        let shaped = rustybuzz::shape(&face.shaper, &[], buffer);
        let infos = shaped.glyph_infos();
        let positions = shaped.glyph_positions();
        let upem = face.units_per_em;
        let mut width = 0.0;
        let mut glyphs = Vec::with_capacity(infos.len());
        for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
            let start = info.cluster as usize;
            // Left to right: a cluster ends where the next one starts.
            let end = infos[i + 1..]
                .iter()
                .map(|next| next.cluster as usize)
                .find(|&c| c != start)
                .unwrap_or(text.len());
            let advance = pos.x_advance as f32 / upem;
            width += advance;
            glyphs.push(KrillaGlyph {
                glyph_id: GlyphId::new(info.glyph_id),
                text_range: start..end,
                x_advance: advance,
                x_offset: pos.x_offset as f32 / upem,
                y_offset: pos.y_offset as f32 / upem,
                y_advance: pos.y_advance as f32 / upem,
                location: None,
            });
        }
        (glyphs, width)
    }

    /// The width of `text` in millimetres at `size` points.
    pub(super) fn width_mm(&self, bold: bool, size: f32, text: &str) -> f32 {
        self.shape(bold, text).1 * size / super::layout::PT_PER_MM
    }

    /// `text` broken at spaces into lines no wider than `width` mm (a word
    /// wider than the line stays whole on its own line).
    pub(super) fn wrap(&self, bold: bool, size: f32, width: f32, text: &str) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if !line.is_empty() && self.width_mm(bold, size, &candidate) > width {
                    lines.push(std::mem::replace(&mut line, word.to_string()));
                } else {
                    line = candidate;
                }
            }
            lines.push(line);
        }
        lines
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Right,
}

/// What the body layout asks to draw; laid out first so that pages can be
/// counted before anything is drawn.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        grey: bool,
        align: Align,
        text: String,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width_pt: f32,
    },
}

pub(super) struct Pen<'p, 'f> {
    surface: Surface<'p>,
    faces: &'f Faces<'f>,
}

const GREY: u8 = 90;

impl<'p, 'f> Pen<'p, 'f> {
    pub(super) fn new(surface: Surface<'p>, faces: &'f Faces<'f>) -> Pen<'p, 'f> {
        Pen { surface, faces }
    }

    pub(super) fn faces(&self) -> &'f Faces<'f> {
        self.faces
    }

    pub(super) fn finish(self) {
        self.surface.finish();
    }

    pub(super) fn draw_ops(&mut self, ops: &[Op]) {
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold,
                    grey,
                    align,
                    text,
                } => self.text_styled(*x, *y, *size, *bold, *grey, *align, text),
                Op::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width_pt,
                } => self.line(&[(*x1, *y1), (*x2, *y2)], *width_pt, None),
            }
        }
    }

    /// Text in black with its baseline at `y` mm.
    pub(super) fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, align: Align, text: &str) {
        self.text_styled(x, y, size, bold, false, align, text);
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one drawing call, named at each use"
    )]
    fn text_styled(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        grey: bool,
        align: Align,
        text: &str,
    ) {
        if text.is_empty() {
            return;
        }
        let (glyphs, width_em) = self.faces.shape(bold, text);
        let start_x = match align {
            Align::Left => mm(x),
            Align::Right => mm(x) - width_em * size,
        };
        let shade = if grey { GREY } else { 0 };
        self.surface.set_fill(Some(fill(shade)));
        let font = self.faces.face(bold).font.clone();
        self.surface.draw_glyphs(
            Point::from_xy(start_x, mm(y)),
            &glyphs,
            font,
            text,
            size,
            false,
        );
    }

    /// A stroked polyline through `points` (mm), optionally dashed
    /// (lengths in points).
    pub(super) fn line(&mut self, points: &[(f32, f32)], width_pt: f32, dash: Option<[f32; 2]>) {
        let mut pb = PathBuilder::new();
        for (i, (x, y)) in points.iter().enumerate() {
            if i == 0 {
                pb.move_to(mm(*x), mm(*y));
            } else {
                pb.line_to(mm(*x), mm(*y));
            }
        }
        let Some(path) = pb.finish() else { return };
        self.surface.set_fill(None);
        self.surface.set_stroke(Some(Stroke {
            width: width_pt,
            line_cap: LineCap::Butt,
            dash: dash.map(|[on, off]| StrokeDash {
                array: vec![on, off],
                offset: 0.0,
            }),
            ..Stroke::default()
        }));
        self.surface.draw_path(&path);
        self.surface.set_stroke(None);
    }

    /// Fill `path` (already in points) in black or white.
    pub(super) fn fill(&mut self, path: &Path, white: bool) {
        self.surface.set_stroke(None);
        self.surface
            .set_fill(Some(fill(if white { 255 } else { 0 })));
        self.surface.draw_path(path);
    }

    /// Stroke `path` (already in points) in black.
    pub(super) fn stroke(&mut self, path: &Path, width_pt: f32) {
        self.surface.set_fill(None);
        self.surface.set_stroke(Some(Stroke {
            width: width_pt,
            ..Stroke::default()
        }));
        self.surface.draw_path(path);
        self.surface.set_stroke(None);
    }

    pub(super) fn push_transform(&mut self, transform: &Transform) {
        self.surface.push_transform(transform);
    }

    pub(super) fn pop(&mut self) {
        self.surface.pop();
    }
}

fn fill(shade: u8) -> Fill {
    Fill {
        paint: luma::Color::new(shade).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}
