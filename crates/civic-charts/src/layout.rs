//! Placing text so that nothing overlaps at phone width: the legend wraps onto rows, and
//! category labels are thinned out when there are too many to fit.

use crate::format::{text_width, truncate};

/// Most category labels shown on the x axis, whatever the width allows.
pub(crate) const MAX_X_LABELS: usize = 12;

/// Least horizontal space between two neighbouring labels.
const LABEL_GAP: f64 = 12.0;

/// One entry of the legend, before layout.
pub(crate) struct LegendEntry {
    /// The series name, already shortened to fit a row.
    pub name: String,
    /// The series index, which picks colour, dash pattern and marker.
    pub series: usize,
}

/// One entry of the legend, placed.
pub(crate) struct PlacedEntry {
    /// The entry as given.
    pub entry: LegendEntry,
    /// Left edge of the swatch.
    pub x: f64,
    /// Top of the entry's row.
    pub y: f64,
}

/// Flows legend entries left to right, wrapping onto new rows, between `left` and `right`
/// from `top`; returns the entries and the height used.
pub(crate) fn legend(
    names: &[&str],
    swatch_width: f64,
    font: f64,
    left: f64,
    right: f64,
    top: f64,
    row_height: f64,
) -> (Vec<PlacedEntry>, f64) {
    // Space between the swatch and its text, and between one entry and the next.
    const SWATCH_GAP: f64 = 6.0;
    const ENTRY_GAP: f64 = 18.0;
    let max_text = (right - left - swatch_width - SWATCH_GAP).max(font);
    let mut placed = Vec::with_capacity(names.len());
    let mut x = left;
    let mut y = top;
    for (series, name) in names.iter().enumerate() {
        let name = truncate(name, max_text, font);
        let width = swatch_width + SWATCH_GAP + text_width(&name, font);
        if x > left && x + width > right {
            x = left;
            y += row_height;
        }
        placed.push(PlacedEntry {
            entry: LegendEntry { name, series },
            x,
            y,
        });
        x += width + ENTRY_GAP;
    }
    let height = if names.is_empty() {
        0.0
    } else {
        y + row_height - top
    };
    (placed, height)
}

/// Which of `count` category labels to show: all when they fit, otherwise about evenly spaced
/// ones, never more than `max_labels`, always the first and the last (the period the chart
/// covers).
pub(crate) fn thin_labels(count: usize, max_labels: usize) -> Vec<usize> {
    let max_labels = max_labels.max(2);
    if count <= max_labels {
        return (0..count).collect();
    }
    let last = count - 1;
    let step = last.div_ceil(max_labels - 1);
    // A regular label closer than one step to the last would crowd it, so it is left out.
    (0..last)
        .step_by(step)
        .filter(|&i| last - i >= step)
        .chain(std::iter::once(last))
        .collect()
}

/// A category label placed on the x axis.
pub(crate) struct XLabel {
    /// The text, shortened if needed.
    pub text: String,
    /// Centre of the text, kept inside the viewBox.
    pub x: f64,
}

/// Places category labels under band centres `centre(i)` across `plot_width`, inside
/// `0..view_width`, so that none overlaps another.
pub(crate) fn x_labels(
    categories: &[String],
    centre: impl Fn(usize) -> f64,
    plot_width: f64,
    view_width: f64,
    font: f64,
) -> Vec<XLabel> {
    // Two labels (first and last) must always fit side by side.
    let max_text = (plot_width / 2.0 - LABEL_GAP).max(font);
    let texts: Vec<String> = categories
        .iter()
        .map(|c| truncate(c, max_text, font))
        .collect();
    let widest = texts
        .iter()
        .map(|t| text_width(t, font))
        .fold(0.0, f64::max);
    let fit = ((plot_width + LABEL_GAP) / (widest + LABEL_GAP)).floor();
    let max_labels = if fit >= MAX_X_LABELS as f64 {
        MAX_X_LABELS
    } else {
        fit.max(2.0) as usize
    };

    // Each kept label with its left and right edges.
    let mut kept: Vec<(XLabel, f64, f64)> = Vec::new();
    let last = categories.len().saturating_sub(1);
    for index in thin_labels(categories.len(), max_labels) {
        let Some(text) = texts.get(index) else {
            continue;
        };
        let half = text_width(text, font) / 2.0;
        // Labels at the edges slide inwards rather than being clipped by the viewBox.
        let x = centre(index).clamp(half + 2.0, (view_width - half - 2.0).max(half + 2.0));
        let (lo, hi) = (x - half, x + half);
        let clear = |kept: &[(XLabel, f64, f64)]| {
            kept.last()
                .is_none_or(|(_, _, prev_hi)| lo >= prev_hi + LABEL_GAP)
        };
        if !clear(&kept) {
            if index != last {
                continue;
            }
            // The last label must show: give way by dropping earlier ones, but not the first.
            while kept.len() > 1 && !clear(&kept) {
                kept.pop();
            }
        }
        kept.push((
            XLabel {
                text: text.clone(),
                x,
            },
            lo,
            hi,
        ));
    }
    kept.into_iter().map(|(label, _, _)| label).collect()
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
    fn few_labels_all_shown() {
        assert_eq!(thin_labels(0, 12), Vec::<usize>::new());
        assert_eq!(thin_labels(1, 12), vec![0]);
        assert_eq!(thin_labels(12, 12), (0..12).collect::<Vec<_>>());
    }

    #[test]
    fn many_labels_thinned_keeping_first_and_last() {
        for count in 13..200 {
            for max in 2..=12 {
                let shown = thin_labels(count, max);
                assert!(shown.len() <= max, "{count}/{max}: {shown:?}");
                assert_eq!(shown.first(), Some(&0));
                assert_eq!(shown.last(), Some(&(count - 1)));
                assert!(shown.windows(2).all(|w| matches!(w, [a, b] if a < b)));
            }
        }
        assert_eq!(thin_labels(24, 12), vec![0, 3, 6, 9, 12, 15, 18, 23]);
    }

    #[test]
    fn placed_labels_never_overlap() {
        for count in 1..80 {
            let categories: Vec<String> = (0..count).map(|i| format!("Month {i:03}")).collect();
            let band = 560.0 / count as f64;
            let labels = x_labels(
                &categories,
                |i| 60.0 + (i as f64 + 0.5) * band,
                560.0,
                640.0,
                14.0,
            );
            assert_eq!(labels.first().map(|l| &l.text), categories.first());
            assert_eq!(labels.last().map(|l| &l.text), categories.last());
            for pair in labels.windows(2) {
                if let [a, b] = pair {
                    let gap = (b.x - text_width(&b.text, 14.0) / 2.0)
                        - (a.x + text_width(&a.text, 14.0) / 2.0);
                    assert!(gap >= LABEL_GAP, "{count}: {} and {}", a.text, b.text);
                }
            }
        }
    }

    #[test]
    fn legend_wraps_onto_rows() {
        let names = ["Online", "Telephone", "In person", "Email", "Post", "Other"];
        let (placed, height) = legend(&names, 14.0, 14.0, 8.0, 200.0, 10.0, 22.0);
        assert_eq!(placed.len(), 6);
        assert!(height >= 44.0);
        assert!(placed.iter().all(|p| p.x >= 8.0));
    }
}
