//! The console's own stylesheet and scripts, compiled into the binary.
//! Served from our origin: the Content-Security-Policy allows no inline
//! script or style, and nothing from elsewhere.

use axum::{
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};

const APP_CSS: &str = include_str!("../../assets/app.css");
const TOKENS_JS: &str = include_str!("../../assets/tokens.js");
const MENU_JS: &str = include_str!("../../assets/menu.js");

pub async fn stylesheet() -> Response {
    asset(APP_CSS, "text/css; charset=utf-8")
}

/// The copy button of the API token page.
pub async fn tokens_script() -> Response {
    asset(TOKENS_JS, "text/javascript; charset=utf-8")
}

/// The phone menu of every page's top bar.
pub async fn menu_script() -> Response {
    asset(MENU_JS, "text/javascript; charset=utf-8")
}

fn asset(body: &'static str, content_type: &'static str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
}

#[cfg(test)]
mod tests {
    //! The stylesheet's colours, checked the way WCAG 2.2 measures them.

    use super::APP_CSS;

    /// The value of a custom property of `:root`, e.g. `--ink: #1b2430;`.
    fn custom_property(name: &str) -> [u8; 3] {
        let root = &APP_CSS[APP_CSS.find(":root {").expect("a :root block")..];
        let root = &root[..root.find('}').expect("the end of :root")];
        let at = root
            .find(&format!("{name}:"))
            .unwrap_or_else(|| panic!("{name} is not defined in :root"));
        let value = root[at + name.len() + 1..]
            .trim_start()
            .split(';')
            .next()
            .unwrap_or_default();
        hex_colour(value).unwrap_or_else(|| panic!("{name}: {value} is not #rrggbb"))
    }

    fn hex_colour(s: &str) -> Option<[u8; 3]> {
        let h = s.trim().strip_prefix('#')?;
        if h.len() != 6 {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
        Some([byte(0)?, byte(2)?, byte(4)?])
    }

    /// Relative luminance (WCAG 2.2, "relative luminance").
    fn luminance(c: [u8; 3]) -> f64 {
        let channel = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
    }

    fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn the_contrast_formula_gives_the_known_ratios() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        // The old focus colour, #f2a900 on white: 2.0:1 (issue 10).
        let old = contrast([0xf2, 0xa9, 0x00], [255, 255, 255]);
        assert!((old - 2.01).abs() < 0.01, "{old}");
    }

    #[test]
    fn the_focus_ring_stands_out_from_what_it_is_drawn_on() {
        // WCAG 1.4.11: at least 3:1 for a focus indicator against the
        // colours next to it: the page (--wash) and panels, bar and
        // footer (--paper).
        let focus = custom_property("--focus");
        for background in ["--paper", "--wash"] {
            let ratio = contrast(focus, custom_property(background));
            assert!(ratio >= 3.0, "--focus on {background}: {ratio:.2}:1");
        }
        assert!(
            APP_CSS.contains(":focus-visible { outline: 3px solid var(--focus);"),
            "the focus ring uses --focus"
        );
    }

    #[test]
    fn text_colours_are_readable_on_every_background() {
        // WCAG 1.4.3: 4.5:1 for text.
        for text in ["--ink", "--muted", "--accent", "--danger", "--ok"] {
            for background in ["--paper", "--wash"] {
                let ratio = contrast(custom_property(text), custom_property(background));
                assert!(ratio >= 4.5, "{text} on {background}: {ratio:.2}:1");
            }
        }
        let ratio = contrast(custom_property("--accent-ink"), custom_property("--accent"));
        assert!(ratio >= 4.5, "--accent-ink on --accent: {ratio:.2}:1");
    }
}
