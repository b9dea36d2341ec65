//! Numbers and text as they appear inside the SVG.
//!
//! Everything here is pure and deterministic so that the same figures always render to the same
//! bytes (pages are cached and compared in tests).

use std::fmt;

/// Average glyph advance as a fraction of the font size. The page's font is unknown here, so the
/// estimate is deliberately generous: text that is narrower than estimated only leaves a gap,
/// text that is wider would overlap.
const CHAR_WIDTH: f64 = 0.6;

/// Extra width of bold text, which is used for the highlighted bar.
const BOLD_FACTOR: f64 = 1.1;

/// A value fit to draw on an axis that starts at zero: missing, NaN and infinite values are
/// `None` (never zero), and negative values are clamped to zero.
pub(crate) fn clean(value: Option<f64>) -> Option<f64> {
    value.filter(|v| v.is_finite()).map(|v| v.max(0.0))
}

/// The value axis: from zero to `max`, divided into `ticks` equal steps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scale {
    /// The top of the axis, a "nice" number.
    pub max: f64,
    /// How many steps between zero and `max` (so `ticks + 1` labels).
    pub ticks: usize,
}

impl Scale {
    /// The value at tick `i`; computed from `max` rather than by adding steps, so that no
    /// rounding error accumulates.
    pub fn tick(&self, i: usize) -> f64 {
        self.max * i as f64 / self.ticks as f64
    }

    /// Where `value` falls between zero (0.0) and the top of the axis (1.0).
    pub fn fraction(&self, value: f64) -> f64 {
        if self.max > 0.0 {
            (value / self.max).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value`, with a step that gives 4 or 5
/// gridlines; people read round numbers far more easily than the data's own maximum.
pub(crate) fn nice_scale(value: f64) -> Scale {
    // An axis for nothing but zeros still needs a top; 1 keeps zero on the baseline.
    if !(value.is_finite() && value > 0.0) {
        return Scale { max: 1.0, ticks: 5 };
    }
    // Each mantissa with the step count that divides it evenly: 1 → 0.2s, 2 → 0.5s,
    // 2.5 → 0.5s, 5 → 1s.
    const MANTISSAS: [(f64, usize); 4] = [(1.0, 5), (2.0, 4), (2.5, 5), (5.0, 5)];
    let exponent = value.log10().floor() as i32;
    // log10 can land just either side of an exact power of ten, so look one decade either way.
    for e in (exponent - 1)..=(exponent + 1) {
        for (mantissa, ticks) in MANTISSAS {
            // Dividing by an exact power of ten keeps 0.25 as 0.25, where multiplying by 0.1
            // would not.
            let candidate = if e >= 0 {
                mantissa * 10f64.powi(e)
            } else {
                mantissa / 10f64.powi(-e)
            };
            // The tolerance absorbs floating noise such as 1000.0000000001 from summed values.
            if candidate.is_finite() && candidate > 0.0 && candidate >= value * (1.0 - 1e-9) {
                return Scale {
                    max: candidate,
                    ticks,
                };
            }
        }
    }
    // Only reachable at the edges of f64's range, where no rounder number exists.
    Scale {
        max: value,
        ticks: 5,
    }
}

/// `value` rounded to `decimals` places.
fn round_to(value: f64, decimals: usize) -> f64 {
    let factor = 10f64.powi(decimals as i32);
    (value * factor).round() / factor
}

/// `value` with `decimals` places, trailing zeros (and a bare point) removed.
fn fixed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// Decimal places that keep `significant` significant digits of `magnitude` (at most 6).
fn decimals_for(magnitude: f64, significant: i32) -> usize {
    if magnitude == 0.0 {
        return 0;
    }
    let exponent = magnitude.log10().floor() as i32;
    (significant - 1 - exponent).clamp(0, 6) as usize
}

/// Puts the sign back, and never writes "-0".
fn signed(negative: bool, digits: String, suffix: &str) -> String {
    if digits.chars().all(|c| c == '0' || c == '.') {
        "0".to_string()
    } else if negative {
        format!("-{digits}{suffix}")
    } else {
        format!("{digits}{suffix}")
    }
}

/// Short axis labels: 1,200 → "1.2k", 3,400,000 → "3.4M", 2.5 → "2.5"; short labels fit
/// beside a phone-width axis.
pub(crate) fn format_compact(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let negative = value < 0.0;
    let magnitude = value.abs();
    let decimals = decimals_for(magnitude, 3);
    let plain = round_to(magnitude, decimals);
    if plain < 1000.0 {
        return signed(negative, fixed(plain, decimals), "");
    }
    const SUFFIXES: [(f64, &str); 4] = [(1e3, "k"), (1e6, "M"), (1e9, "bn"), (1e12, "tn")];
    let mut last = String::new();
    for (divisor, suffix) in SUFFIXES {
        let scaled = magnitude / divisor;
        // Three significant digits at most: "123k", "12.3k", "1.2k".
        let decimals = if scaled >= 99.95 { 0 } else { 1 };
        let rounded = round_to(scaled, decimals);
        last = signed(negative, fixed(rounded, decimals), suffix);
        // 999,960 rounds to "1000k"; the next suffix says it better as "1M".
        if rounded < 1000.0 {
            return last;
        }
    }
    last
}

/// Value labels at the end of bars, precise enough to read: 12,345 → "12,345",
/// 87.46 → "87.5", 0.0123 → "0.012".
pub(crate) fn format_full(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let negative = value < 0.0;
    let magnitude = value.abs();
    let decimals = if magnitude >= 1.0 {
        1
    } else {
        decimals_for(magnitude, 2)
    };
    let digits = fixed(round_to(magnitude, decimals), decimals);
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits.as_str(), None),
    };
    // Thousands separators, counted from the right.
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3 + 8);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if let Some(fraction) = fraction {
        grouped.push('.');
        grouped.push_str(fraction);
    }
    signed(negative, grouped, "")
}

/// Appends the unit to a number when it reads as part of it ("87.5%"); longer units such as
/// "days" appear once as the axis caption instead, to keep labels short.
pub(crate) fn with_unit(number: String, unit: &str) -> String {
    if unit == "%" { number + "%" } else { number }
}

/// A coordinate or length, rounded to one decimal so the output carries no floating noise
/// (12.000000001) and stays byte-for-byte stable.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Num(pub f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rounded = round1(self.0);
        if !rounded.is_finite() || rounded == 0.0 {
            f.write_str("0")
        } else if rounded.fract() == 0.0 {
            write!(f, "{rounded:.0}")
        } else {
            write!(f, "{rounded:.1}")
        }
    }
}

/// `value` rounded to one decimal, the precision of every coordinate written.
pub(crate) fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// Text made safe for XML content and attribute values. Characters that XML 1.0 forbids
/// outright (most C0 controls, U+FFFE, U+FFFF) become U+FFFD, since no escape can carry them.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Estimated width of `text` at `size`, in viewBox units.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * CHAR_WIDTH
}

/// Estimated width of bold `text` at `size`.
pub(crate) fn bold_width(text: &str, size: f64) -> f64 {
    text_width(text, size) * BOLD_FACTOR
}

/// `text` shortened with an ellipsis to fit `max_width`; the full text is in the page's data
/// table, and overlapping labels would be unreadable.
pub(crate) fn truncate(text: &str, max_width: f64, size: f64) -> String {
    if text_width(text, size) <= max_width {
        return text.to_string();
    }
    let fits = (max_width / (size * CHAR_WIDTH)).floor() as usize;
    let mut out: String = text.chars().take(fits.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
// Tests fail by panicking, and index fixtures they built themselves.
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    #[test]
    fn nice_max_picks_1_2_2_5_5_times_a_power_of_ten() {
        let cases = [
            (0.0, 1.0),
            (-3.0, 1.0),
            (f64::NAN, 1.0),
            (0.7, 1.0),
            (1.0, 1.0),
            (1.01, 2.0),
            (2.2, 2.5),
            (3.0, 5.0),
            (7.5, 10.0),
            (10.0, 10.0),
            (87.0, 100.0),
            (100.0, 100.0),
            (130.0, 200.0),
            (1_001.0, 2_000.0),
            (2_400.0, 2_500.0),
            (2_600.0, 5_000.0),
            (3_400_000.0, 5_000_000.0),
            (0.22, 0.25),
            (0.03, 0.05),
            (1000.0000000001, 1000.0),
        ];
        for (value, expected) in cases {
            assert_eq!(nice_scale(value).max, expected, "nice max of {value}");
        }
    }

    #[test]
    fn nice_scale_has_four_or_five_gridlines_at_round_values() {
        for value in [0.3, 1.0, 1.5, 2.3, 4.0, 17.0, 240.0, 999.0, 12_000.0] {
            let scale = nice_scale(value);
            assert!((4..=5).contains(&scale.ticks), "{value}: {scale:?}");
            for i in 0..=scale.ticks {
                let label = format_compact(scale.tick(i));
                assert!(label.len() <= 4, "{value}: tick {i} is {label}");
            }
        }
        let ticks: Vec<String> = (0..=4)
            .map(|i| format_compact(nice_scale(1.7).tick(i)))
            .collect();
        assert_eq!(ticks, ["0", "0.5", "1", "1.5", "2"]);
        let ticks: Vec<String> = (0..=5)
            .map(|i| format_compact(nice_scale(0.9).tick(i)))
            .collect();
        assert_eq!(ticks, ["0", "0.2", "0.4", "0.6", "0.8", "1"]);
    }

    #[test]
    fn compact_labels() {
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (2.5, "2.5"),
            (0.25, "0.25"),
            (12.0, "12"),
            (12.25, "12.3"),
            (999.0, "999"),
            (999.7, "1k"),
            (1_000.0, "1k"),
            (1_200.0, "1.2k"),
            (1_250.0, "1.3k"),
            (12_345.0, "12.3k"),
            (123_456.0, "123k"),
            (999_960.0, "1M"),
            (3_400_000.0, "3.4M"),
            (2_500_000_000.0, "2.5bn"),
            (-1_500.0, "-1.5k"),
        ];
        for (value, expected) in cases {
            assert_eq!(format_compact(value), expected, "{value}");
        }
        assert_eq!(format_compact(f64::NAN), "");
    }

    #[test]
    fn full_labels() {
        assert_eq!(format_full(12_345.0), "12,345");
        assert_eq!(format_full(1_234_567.25), "1,234,567.3");
        assert_eq!(format_full(87.46), "87.5");
        assert_eq!(format_full(100.0), "100");
        assert_eq!(format_full(0.0123), "0.012");
        assert_eq!(format_full(0.0), "0");
        assert_eq!(with_unit(format_full(87.46), "%"), "87.5%");
        assert_eq!(with_unit(format_full(12.0), "days"), "12");
    }

    #[test]
    fn coordinates_have_one_decimal_and_no_noise() {
        assert_eq!(Num(12.000000001).to_string(), "12");
        assert_eq!(Num(0.1 + 0.2).to_string(), "0.3");
        assert_eq!(Num(-0.01).to_string(), "0");
        assert_eq!(Num(33.333333).to_string(), "33.3");
        assert_eq!(Num(f64::NAN).to_string(), "0");
    }

    #[test]
    fn escapes_markup_and_forbidden_characters() {
        assert_eq!(
            escape("<a href=\"x\">Tom & Jerry's</a>\u{0}"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;\u{FFFD}"
        );
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        assert_eq!(truncate("Short", 100.0, 14.0), "Short");
        let long = "Royal Borough of Kensington and Chelsea";
        let cut = truncate(long, 120.0, 14.0);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, 14.0) <= 120.0);
    }

    #[test]
    fn clean_drops_non_finite_and_clamps_negative() {
        assert_eq!(clean(Some(f64::NAN)), None);
        assert_eq!(clean(Some(f64::INFINITY)), None);
        assert_eq!(clean(Some(-4.0)), Some(0.0));
        assert_eq!(clean(Some(4.0)), Some(4.0));
        assert_eq!(clean(None), None);
    }
}
