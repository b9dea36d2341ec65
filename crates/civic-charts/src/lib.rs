//! Server-rendered SVG charts for Civic's public performance dashboards: volume by channel,
//! time to outcome against a target, satisfaction, comparison across councils.
//!
//! Each function returns one `<svg>` element to insert raw into a page. The chart is a picture
//! with a text alternative (`role="img"`, labelled by its `<title>` and `<desc>`): the page
//! shows the same figures in an accessible HTML table beside it, so nothing inside the SVG needs
//! to be read out or reached by keyboard.
//!
//! * No JavaScript, no `<style>` element and no `style` attributes, only presentation
//!   attributes, so the charts work under a CSP without `'unsafe-inline'`.
//! * Readable on a phone: a viewBox 640 units wide scaled to its container, text at 14 units,
//!   category labels thinned out when there are many.
//! * WCAG 2.2 AA: series colours have at least 3:1 contrast against white (1.4.11), text at
//!   least 4.5:1, and colour is never the only cue: legends have text, lines have dash patterns
//!   and marker shapes, and a highlighted bar has a bold label.
//! * Missing or withheld values (`None`, NaN, infinities) draw nothing, never a zero.
//! * Deterministic: the same input always gives the same string, with coordinates rounded to
//!   one decimal.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
// Figures come from the database and from other councils' feeds: no input may panic a page.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod format;
mod layout;

use std::fmt::Write as _;

use format::{
    Num, Scale, bold_width, clean, escape, format_compact, format_full, nice_scale, round1,
    text_width, truncate, with_unit,
};

/// Series colours in order, each at least 3:1 against white (WCAG 1.4.11 non-text contrast).
// Neighbours differ in hue and lightness; a seventh series reuses the first colour, so pages
// should group small series into "Other" rather than pass more than six.
pub const PALETTE: [&str; 6] = [
    "#1d70b8", "#b35900", "#28a197", "#912b88", "#505a5f", "#00703c",
];

/// Text colour: 19:1 against white.
const TEXT: &str = "#0b0c0c";
/// Secondary text ("No data"): 7:1 against white.
const MUTED: &str = "#505a5f";
/// Gridlines are a reading aid beside labelled ticks, so they stay light and out of the way.
const GRID: &str = "#d8dadb";
/// A highlighted bar: darker than the others, and its label is bold as well.
const HIGHLIGHT: &str = "#12436d";
/// The other bars when one is highlighted: grey, still 4.5:1 against white.
const UNHIGHLIGHTED: &str = "#6f777b";

/// Width of every chart in viewBox units; about a phone screen at twice its CSS pixels.
const WIDTH: f64 = 640.0;
/// Outer margin.
const PAD: f64 = 8.0;
/// Size of all text, in viewBox units.
const FONT: f64 = 14.0;
/// Height of a legend row or caption line.
const ROW: f64 = 22.0;
/// Height of the plotting area of column and line charts.
const PLOT_HEIGHT: f64 = 220.0;

/// Dash patterns for line series, cycled; four patterns against six colours means the first
/// twelve series all differ in some way besides colour.
const DASHES: [&str; 4] = ["", "8 4", "2 3", "10 3 2 3"];
/// Number of marker shapes, cycled with the palette.
const MARKERS: usize = 6;

/// One named series of values, one per category; `None` (no data, or withheld) draws nothing.
// Withheld means a small count suppressed for privacy: drawing it as zero would mislead.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    /// Shown in the legend, e.g. "Online".
    pub name: String,
    /// One value per category, in the same order; missing trailing values count as `None`.
    pub values: Vec<Option<f64>>,
}

/// What every chart says about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chart<'a> {
    /// Prefix for the `<title>` and `<desc>` ids, unique within the page and without spaces.
    pub id: &'a str,
    /// Short name of the chart, e.g. "Requests by channel".
    pub title: &'a str,
    /// One-sentence summary for screen readers, e.g. "Online requests rose to 1,200 in March."
    pub description: &'a str,
    /// Unit of the values, e.g. "requests", "days" or "%".
    pub unit: &'a str,
    /// What a bar with no value says, in the page's language, e.g. "No data".
    pub no_value: &'a str,
    /// What an empty chart says, in the page's language, e.g. "No data for this period".
    pub empty: &'a str,
}

/// Stacked columns (one per category, series stacked bottom-up), e.g. requests by channel.
pub fn stacked_columns(chart: &Chart, categories: &[String], series: &[Series]) -> String {
    let values = clean_series(series, categories.len());
    let totals: Vec<f64> = (0..categories.len())
        .map(|i| {
            values
                .iter()
                .filter_map(|v| v.get(i).copied().flatten())
                .sum()
        })
        .collect();
    if !has_data(&values) {
        return no_data(chart);
    }
    let max = totals.iter().copied().fold(0.0, f64::max);
    let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
    let legend = Legend {
        names: &names,
        swatch: Swatch::Block,
    };
    cartesian(chart, categories, &legend, max, |out, plot| {
        // Columns narrower than their band leave gaps that keep categories apart.
        let width = (plot.band() * 0.7).min(64.0);
        for i in 0..categories.len() {
            let x = plot.x(i) - width / 2.0;
            let mut total = 0.0;
            for (s, column) in values.iter().enumerate() {
                let Some(value) = column.get(i).copied().flatten() else {
                    continue;
                };
                // Both edges are rounded before the height is taken, so segments meet exactly.
                let bottom = round1(plot.y(total));
                total += value;
                let top = round1(plot.y(total));
                if bottom - top <= 0.0 {
                    continue;
                }
                // The white outline separates neighbouring segments without relying on colour.
                push(
                    out,
                    format_args!(
                        "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1\"/>\n",
                        Num(x),
                        Num(top),
                        Num(width),
                        Num(bottom - top),
                        colour(s)
                    ),
                );
            }
        }
    })
}

/// One line per series over the categories, with an optional labelled dashed target line.
// Each series also has its own dash pattern and marker shape, so colour is not the only cue;
// a missing value breaks the line rather than joining across the gap, which would invent data.
pub fn lines(
    chart: &Chart,
    categories: &[String],
    series: &[Series],
    target: Option<(&str, f64)>,
) -> String {
    let values = clean_series(series, categories.len());
    if !has_data(&values) {
        return no_data(chart);
    }
    let target = target.and_then(|(label, value)| clean(Some(value)).map(|v| (label, v)));
    // The target is part of the range, so its line is always inside the plot.
    let max = values
        .iter()
        .flatten()
        .flatten()
        .copied()
        .chain(target.map(|(_, v)| v))
        .fold(0.0, f64::max);
    let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
    let legend = Legend {
        names: &names,
        swatch: Swatch::Line,
    };
    cartesian(chart, categories, &legend, max, |out, plot| {
        if let Some((label, value)) = target {
            let y = plot.y(value);
            push(
                out,
                format_args!(
                    "<line class=\"target\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{TEXT}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
                    Num(plot.left),
                    Num(plot.right),
                    y = Num(y)
                ),
            );
            // Above the line, unless that would run into the top of the plot.
            let baseline = if y - 6.0 - FONT < plot.top {
                y + FONT + 4.0
            } else {
                y - 6.0
            };
            let label = truncate(label, plot.right - plot.left, FONT);
            push(
                out,
                format_args!(
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{TEXT}\"{HALO}>{}</text>\n",
                    Num(plot.right),
                    Num(baseline),
                    escape(&label)
                ),
            );
        }
        for (s, line) in values.iter().enumerate() {
            let points: Vec<Option<(f64, f64)>> = line
                .iter()
                .enumerate()
                .map(|(i, v)| v.map(|v| (plot.x(i), plot.y(v))))
                .collect();
            // A run of one point has no segment to draw; its marker alone shows it.
            let mut path = String::new();
            for run in points.split(Option::is_none) {
                if run.len() < 2 {
                    continue;
                }
                for (k, (x, y)) in run.iter().flatten().enumerate() {
                    let command = if k == 0 { 'M' } else { 'L' };
                    push(&mut path, format_args!("{command}{} {}", Num(*x), Num(*y)));
                }
            }
            if !path.is_empty() {
                push(
                    out,
                    format_args!(
                        "<path class=\"line\" d=\"{path}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"{}/>\n",
                        colour(s),
                        dash_attribute(s)
                    ),
                );
            }
            for (x, y) in points.iter().flatten() {
                marker(out, s, *x, *y);
            }
        }
    })
}

/// Horizontal bars in the order given, e.g. councils compared, optionally highlighting one.
// The chart grows in height with the number of labels; the highlighted bar is darker and its
// labels are bold, so the emphasis does not rely on colour alone.
pub fn horizontal_bars(
    chart: &Chart,
    labels: &[String],
    values: &[Option<f64>],
    highlight: Option<usize>,
) -> String {
    // Each row: the label on its own line above the bar, so long council names need no
    // left margin and the bars keep the full width on a phone.
    const LABEL_BASELINE: f64 = 14.0;
    const BAR_TOP: f64 = 20.0;
    const BAR_HEIGHT: f64 = 18.0;
    const ROW_HEIGHT: f64 = 46.0;

    let values: Vec<Option<f64>> = (0..labels.len())
        .map(|i| clean(values.get(i).copied().flatten()))
        .collect();
    if values.iter().all(Option::is_none) {
        return no_data(chart);
    }
    let highlight = highlight.filter(|&h| h < labels.len());
    let scale = nice_scale(values.iter().flatten().copied().fold(0.0, f64::max));
    let ticks = tick_labels(&scale, chart.unit);
    let texts: Vec<String> = values
        .iter()
        .map(|v| match v {
            Some(v) => with_unit(format_full(*v), chart.unit),
            None => chart.no_value.to_string(),
        })
        .collect();
    // Room to the right of the longest bar for its value, and for the last tick label.
    let value_room = texts
        .iter()
        .map(|t| bold_width(t, FONT))
        .fold(0.0, f64::max)
        + 8.0;
    let last_tick_half = ticks.last().map_or(0.0, |t| text_width(t, FONT) / 2.0);
    let left = PAD + 4.0;
    let right = WIDTH - PAD - value_room.max(last_tick_half);

    let mut top = PAD;
    let caption = caption_text(chart.unit);
    if caption.is_some() {
        top += ROW;
    }
    let rows_top = top + 4.0;
    let rows_bottom = rows_top + labels.len() as f64 * ROW_HEIGHT;
    let tick_baseline = rows_bottom + 16.0;
    let height = tick_baseline + 12.0;

    let mut out = open(chart, height);
    if let Some(caption) = caption {
        push(
            &mut out,
            format_args!(
                "<text x=\"{}\" y=\"{}\" fill=\"{TEXT}\">{}</text>\n",
                Num(PAD),
                Num(PAD + 14.0),
                escape(&caption)
            ),
        );
    }
    let x_of = |v: f64| left + scale.fraction(v) * (right - left);
    for (i, tick) in ticks.iter().enumerate() {
        let x = x_of(scale.tick(i));
        if i > 0 {
            push(
                &mut out,
                format_args!(
                    "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{GRID}\" stroke-width=\"1\"/>\n",
                    Num(rows_top),
                    Num(rows_bottom),
                    x = Num(x)
                ),
            );
        }
        push(
            &mut out,
            format_args!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{TEXT}\">{}</text>\n",
                Num(x),
                Num(tick_baseline),
                escape(tick)
            ),
        );
    }
    for (i, (label, value)) in labels.iter().zip(&values).enumerate() {
        let row = rows_top + i as f64 * ROW_HEIGHT;
        let emphasised = highlight == Some(i);
        let weight = if emphasised {
            " font-weight=\"bold\""
        } else {
            ""
        };
        let label = truncate(label, WIDTH - left - PAD, FONT);
        push(
            &mut out,
            format_args!(
                "<text x=\"{}\" y=\"{}\" fill=\"{TEXT}\"{weight}{HALO}>{}</text>\n",
                Num(left),
                Num(row + LABEL_BASELINE),
                escape(&label)
            ),
        );
        let text = texts.get(i).map_or("", String::as_str);
        let text_baseline = row + BAR_TOP + BAR_HEIGHT / 2.0 + 5.0;
        match value {
            Some(v) => {
                let end = x_of(*v);
                let fill = match highlight {
                    Some(h) if h == i => HIGHLIGHT,
                    Some(_) => UNHIGHLIGHTED,
                    None => colour(0),
                };
                let width = round1(end) - round1(left);
                if width > 0.0 {
                    push(
                        &mut out,
                        format_args!(
                            "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"/>\n",
                            Num(left),
                            Num(row + BAR_TOP),
                            Num(width),
                            Num(BAR_HEIGHT)
                        ),
                    );
                }
                push(
                    &mut out,
                    format_args!(
                        "<text x=\"{}\" y=\"{}\" fill=\"{TEXT}\"{weight}>{}</text>\n",
                        Num(end + 6.0),
                        Num(text_baseline),
                        escape(text)
                    ),
                );
            }
            // Said in words, so a withheld figure is never mistaken for a zero-length bar.
            None => push(
                &mut out,
                format_args!(
                    "<text x=\"{}\" y=\"{}\" fill=\"{MUTED}\" font-style=\"italic\"{weight}>{}</text>\n",
                    Num(left),
                    Num(text_baseline),
                    escape(text)
                ),
            ),
        }
    }
    // The zero line is drawn last so that it sits over the start of every bar.
    push(
        &mut out,
        format_args!(
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{TEXT}\" stroke-width=\"1\"/>\n",
            Num(rows_top),
            Num(rows_bottom),
            x = Num(left)
        ),
    );
    out.push_str("</svg>");
    out
}

/// A white outline painted under text, so that gridlines and lines running behind a label do
/// not cut through its letters.
const HALO: &str =
    " stroke=\"#ffffff\" stroke-width=\"4\" stroke-linejoin=\"round\" paint-order=\"stroke\"";

/// Appends formatted text; writing to a `String` cannot fail, so the result is not needed.
fn push(out: &mut String, args: std::fmt::Arguments<'_>) {
    let _ = out.write_fmt(args);
}

/// Colour of series `s`.
fn colour(s: usize) -> &'static str {
    PALETTE.get(s % PALETTE.len()).copied().unwrap_or(TEXT)
}

/// The `stroke-dasharray` attribute of line series `s`, empty for a solid line.
fn dash_attribute(s: usize) -> String {
    match DASHES.get(s % DASHES.len()).copied().unwrap_or("") {
        "" => String::new(),
        dashes => format!(" stroke-dasharray=\"{dashes}\""),
    }
}

/// Draws the marker of line series `s` centred on (`x`, `y`): circle, square, triangle,
/// diamond, inverted triangle or ring, so series differ in shape as well as colour.
fn marker(out: &mut String, s: usize, x: f64, y: f64) {
    let fill = colour(s);
    let polygon = |out: &mut String, points: &[(f64, f64)]| {
        let mut d = String::new();
        for (k, (dx, dy)) in points.iter().enumerate() {
            let command = if k == 0 { 'M' } else { 'L' };
            push(
                &mut d,
                format_args!("{command}{} {}", Num(x + dx), Num(y + dy)),
            );
        }
        push(
            out,
            format_args!("<path class=\"marker\" d=\"{d}Z\" fill=\"{fill}\"/>\n"),
        );
    };
    match s % MARKERS {
        0 => push(
            out,
            format_args!(
                "<circle class=\"marker\" cx=\"{}\" cy=\"{}\" r=\"4.5\" fill=\"{fill}\"/>\n",
                Num(x),
                Num(y)
            ),
        ),
        1 => push(
            out,
            format_args!(
                "<rect class=\"marker\" x=\"{}\" y=\"{}\" width=\"8\" height=\"8\" fill=\"{fill}\"/>\n",
                Num(x - 4.0),
                Num(y - 4.0)
            ),
        ),
        2 => polygon(out, &[(0.0, -5.5), (5.0, 4.0), (-5.0, 4.0)]),
        3 => polygon(out, &[(0.0, -6.0), (6.0, 0.0), (0.0, 6.0), (-6.0, 0.0)]),
        4 => polygon(out, &[(0.0, 5.5), (5.0, -4.0), (-5.0, -4.0)]),
        _ => push(
            out,
            format_args!(
                "<circle class=\"marker\" cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#ffffff\" stroke=\"{fill}\" stroke-width=\"2\"/>\n",
                Num(x),
                Num(y)
            ),
        ),
    }
}

/// Each series' values cleaned and padded or cut to one per category.
fn clean_series(series: &[Series], categories: usize) -> Vec<Vec<Option<f64>>> {
    series
        .iter()
        .map(|s| {
            (0..categories)
                .map(|i| clean(s.values.get(i).copied().flatten()))
                .collect()
        })
        .collect()
}

/// Whether any series has any value to draw.
fn has_data(values: &[Vec<Option<f64>>]) -> bool {
    values.iter().flatten().any(Option::is_some)
}

/// The axis caption for a unit; "%" goes on every tick label instead, where it reads better.
fn caption_text(unit: &str) -> Option<String> {
    let unit = unit.trim();
    (!unit.is_empty() && unit != "%").then(|| truncate(unit, WIDTH - 2.0 * PAD, FONT))
}

/// The labels of every tick of `scale`, zero included.
fn tick_labels(scale: &Scale, unit: &str) -> Vec<String> {
    (0..=scale.ticks)
        .map(|i| with_unit(format_compact(scale.tick(i)), unit))
        .collect()
}

/// The opening `<svg>` tag with its accessible name and description.
fn open(chart: &Chart, height: f64) -> String {
    let id = escape(chart.id);
    format!(
        "<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {} {}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"{}\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        Num(WIDTH),
        Num(height),
        Num(FONT),
        escape(chart.title),
        escape(chart.description)
    )
}

/// An empty frame saying there is nothing to show, keeping the chart's name and description.
fn no_data(chart: &Chart) -> String {
    const HEIGHT: f64 = 160.0;
    let mut out = open(chart, HEIGHT);
    push(
        &mut out,
        format_args!(
            "<rect x=\"0.5\" y=\"0.5\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{GRID}\" stroke-width=\"1\"/>\n<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{TEXT}\">{}</text>\n</svg>",
            Num(WIDTH - 1.0),
            Num(HEIGHT - 1.0),
            Num(WIDTH / 2.0),
            Num(HEIGHT / 2.0 + 5.0),
            escape(chart.empty)
        ),
    );
    out
}

/// How legend entries show their series.
#[derive(Clone, Copy)]
enum Swatch {
    /// A filled square, for columns.
    Block,
    /// A short stretch of line with its dash pattern and marker.
    Line,
}

/// The legend of a column or line chart.
struct Legend<'a> {
    /// Series names, in series order.
    names: &'a [&'a str],
    /// How each series is shown.
    swatch: Swatch,
}

/// The plotting area of a column or line chart, in viewBox units.
struct Plot {
    /// Left edge (the value axis).
    left: f64,
    /// Right edge.
    right: f64,
    /// Top edge (the top of the value axis).
    top: f64,
    /// Bottom edge (zero).
    bottom: f64,
    /// The value axis.
    scale: Scale,
    /// Number of categories, each given an equal band.
    categories: usize,
}

impl Plot {
    /// Width of one category's band.
    fn band(&self) -> f64 {
        (self.right - self.left) / self.categories.max(1) as f64
    }

    /// Centre of category `i`'s band.
    fn x(&self, i: usize) -> f64 {
        self.left + (i as f64 + 0.5) * self.band()
    }

    /// Height of `value` on the value axis.
    fn y(&self, value: f64) -> f64 {
        self.bottom - self.scale.fraction(value) * (self.bottom - self.top)
    }
}

/// Draws a column or line chart: legend, unit caption, gridlines and tick labels, category
/// labels, then the data through `draw`, then the zero line over it.
fn cartesian(
    chart: &Chart,
    categories: &[String],
    legend: &Legend<'_>,
    max: f64,
    draw: impl FnOnce(&mut String, &Plot),
) -> String {
    let scale = nice_scale(max);
    let ticks = tick_labels(&scale, chart.unit);
    let widest_tick = ticks
        .iter()
        .map(|t| text_width(t, FONT))
        .fold(0.0, f64::max);
    let left = PAD + widest_tick + 8.0;
    let right = WIDTH - 16.0;

    let swatch_width = match legend.swatch {
        Swatch::Block => FONT,
        Swatch::Line => 28.0,
    };
    let (entries, legend_height) =
        layout::legend(legend.names, swatch_width, FONT, PAD, WIDTH - PAD, PAD, ROW);
    let mut y = PAD + legend_height;
    let caption = caption_text(chart.unit).map(|c| (c, y + 15.0));
    if caption.is_some() {
        y += ROW;
    }
    // Half a line of space, so the top tick label is not clipped.
    let top = y + 10.0;
    let bottom = top + PLOT_HEIGHT;
    let label_baseline = bottom + 20.0;
    let height = label_baseline + 12.0;
    let plot = Plot {
        left,
        right,
        top,
        bottom,
        scale,
        categories: categories.len(),
    };

    let mut out = open(chart, height);
    for placed in &entries {
        let s = placed.entry.series;
        let middle = placed.y + ROW / 2.0;
        match legend.swatch {
            Swatch::Block => push(
                &mut out,
                format_args!(
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
                    Num(placed.x),
                    Num(middle - FONT / 2.0),
                    Num(FONT),
                    Num(FONT),
                    colour(s)
                ),
            ),
            Swatch::Line => {
                push(
                    &mut out,
                    format_args!(
                        "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{}\" stroke-width=\"2.5\"{}/>\n",
                        Num(placed.x),
                        Num(placed.x + swatch_width),
                        colour(s),
                        dash_attribute(s),
                        y = Num(middle)
                    ),
                );
                marker(&mut out, s, placed.x + swatch_width / 2.0, middle);
            }
        }
        push(
            &mut out,
            format_args!(
                "<text x=\"{}\" y=\"{}\" fill=\"{TEXT}\">{}</text>\n",
                Num(placed.x + swatch_width + 6.0),
                Num(middle + 5.0),
                escape(&placed.entry.name)
            ),
        );
    }
    if let Some((caption, baseline)) = caption {
        push(
            &mut out,
            format_args!(
                "<text x=\"{}\" y=\"{}\" fill=\"{TEXT}\">{}</text>\n",
                Num(PAD),
                Num(baseline),
                escape(&caption)
            ),
        );
    }
    for (i, tick) in ticks.iter().enumerate() {
        let y = plot.y(scale.tick(i));
        if i > 0 {
            push(
                &mut out,
                format_args!(
                    "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{GRID}\" stroke-width=\"1\"/>\n",
                    Num(left),
                    Num(right),
                    y = Num(y)
                ),
            );
        }
        push(
            &mut out,
            format_args!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{TEXT}\">{}</text>\n",
                Num(left - 8.0),
                Num(y + 5.0),
                escape(tick)
            ),
        );
    }
    for label in layout::x_labels(categories, |i| plot.x(i), right - left, WIDTH, FONT) {
        push(
            &mut out,
            format_args!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{TEXT}\">{}</text>\n",
                Num(label.x),
                Num(label_baseline),
                escape(&label.text)
            ),
        );
    }
    draw(&mut out, &plot);
    // The zero line is drawn last so that it sits over the foot of every column.
    push(
        &mut out,
        format_args!(
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{TEXT}\" stroke-width=\"1\"/>\n",
            Num(left),
            Num(right),
            y = Num(bottom)
        ),
    );
    out.push_str("</svg>");
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
mod tests;
