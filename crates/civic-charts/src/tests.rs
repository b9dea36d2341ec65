//! Tests of the rendered charts, read back through an XML parser as a browser would.

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};

use super::*;

/// One element of the output: its name, attributes and direct text.
#[derive(Debug)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
}

impl Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

fn element(start: &BytesStart<'_>) -> Element {
    let attributes = start
        .attributes()
        .map(|attribute| {
            let attribute = attribute.expect("well-formed attribute");
            (
                String::from_utf8(attribute.key.as_ref().to_vec()).expect("utf-8 name"),
                attribute
                    .unescape_value()
                    .expect("attribute value with valid escapes")
                    .into_owned(),
            )
        })
        .collect();
    Element {
        name: String::from_utf8(start.name().as_ref().to_vec()).expect("utf-8 name"),
        attributes,
        text: String::new(),
    }
}

/// Parses `svg`, failing the test unless it is one well-formed `<svg>` element; returns its
/// elements in document order.
fn parse(svg: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(svg);
    let mut elements: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut roots = 0;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.buffer_position()));
        match event {
            Event::Start(start) => {
                roots += usize::from(open.is_empty());
                open.push(elements.len());
                elements.push(element(&start));
            }
            Event::Empty(start) => {
                roots += usize::from(open.is_empty());
                elements.push(element(&start));
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(text) => {
                let text = text.decode().expect("utf-8 text");
                match open.last() {
                    Some(&i) => elements[i].text.push_str(&text),
                    None => assert!(text.trim().is_empty(), "text outside the root: {text}"),
                }
            }
            Event::GeneralRef(reference) => {
                let name = reference.decode().expect("utf-8 reference");
                let resolved = resolve_predefined_entity(&name)
                    .unwrap_or_else(|| panic!("undefined entity &{name};"));
                let i = *open.last().expect("reference inside an element");
                elements[i].text.push_str(resolved);
            }
            Event::Eof => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(open.is_empty(), "unclosed elements");
    assert_eq!(roots, 1, "exactly one root element");
    assert_eq!(elements[0].name, "svg");
    elements
}

fn chart(id: &'static str) -> Chart<'static> {
    Chart {
        id,
        title: "Requests by channel",
        description: "Online requests rose to 1,200 in March.",
        unit: "requests",
        no_value: "No data",
        empty: "No data for this period",
    }
}

fn months(count: usize) -> Vec<String> {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    (0..count)
        .map(|i| format!("{} {}", NAMES[i % 12], 2024 + i / 12))
        .collect()
}

fn series(name: &str, values: &[Option<f64>]) -> Series {
    Series {
        name: name.to_string(),
        values: values.to_vec(),
    }
}

fn sample_series() -> Vec<Series> {
    vec![
        series("Online", &[Some(800.0), Some(950.0), Some(1_200.0)]),
        series("Telephone", &[Some(300.0), None, Some(250.0)]),
        series("In person", &[Some(40.0), Some(35.0), Some(-5.0)]),
    ]
}

/// Every chart the crate can draw from a typical input, with its name.
fn all_charts() -> Vec<(&'static str, String)> {
    let categories = months(3);
    vec![
        (
            "stacked",
            stacked_columns(&chart("stacked"), &categories, &sample_series()),
        ),
        (
            "lines",
            lines(
                &chart("lines"),
                &categories,
                &sample_series(),
                Some(("Target: 1,000", 1_000.0)),
            ),
        ),
        (
            "bars",
            horizontal_bars(
                &chart("bars"),
                &["Leeds".to_string(), "York".to_string(), "Hull".to_string()],
                &[Some(87.5), None, Some(91.0)],
                Some(0),
            ),
        ),
    ]
}

fn count_class(elements: &[Element], class: &str) -> usize {
    elements
        .iter()
        .filter(|e| e.attribute("class") == Some(class))
        .count()
}

fn texts_in(elements: &[Element]) -> Vec<&str> {
    elements
        .iter()
        .filter(|e| e.name == "text")
        .map(|e| e.text.as_str())
        .collect()
}

#[test]
fn output_is_one_well_formed_svg_with_accessible_name() {
    for (id, svg) in all_charts() {
        let elements = parse(&svg);
        let root = &elements[0];
        assert_eq!(root.attribute("role"), Some("img"));
        let labelledby = format!("{id}-title {id}-desc");
        assert_eq!(root.attribute("aria-labelledby"), Some(labelledby.as_str()));
        assert_eq!(root.attribute("width"), Some("100%"));
        assert_eq!(root.attribute("preserveAspectRatio"), Some("xMinYMin meet"));
        assert_eq!(root.attribute("xmlns"), Some("http://www.w3.org/2000/svg"));
        assert!(
            root.attribute("viewBox")
                .is_some_and(|v| v.starts_with("0 0 640 "))
        );
        // <title> and <desc> come first, as the accessible name and description.
        assert_eq!(elements[1].name, "title");
        assert_eq!(
            elements[1].attribute("id"),
            Some(format!("{id}-title").as_str())
        );
        assert_eq!(elements[1].text, "Requests by channel");
        assert_eq!(elements[2].name, "desc");
        assert_eq!(
            elements[2].attribute("id"),
            Some(format!("{id}-desc").as_str())
        );
        assert_eq!(elements[2].text, "Online requests rose to 1,200 in March.");
        // No inline styles: the CSP forbids them.
        assert!(!svg.contains(" style="), "{id}");
        assert!(!svg.contains("<style"), "{id}");
    }
}

#[test]
fn hostile_text_is_escaped() {
    let hostile = "</title><script>alert(\"x\")</script> & 'quoted' \u{1}";
    let expected = "</title><script>alert(\"x\")</script> & 'quoted' \u{FFFD}";
    let chart = Chart {
        id: "x\" onload=\"alert(1)",
        title: hostile,
        description: hostile,
        unit: hostile,
        no_value: hostile,
        empty: hostile,
    };
    let categories = vec![hostile.to_string(), "<b>".to_string()];
    let series = vec![series(hostile, &[Some(1.0), Some(2.0)])];
    let outputs = [
        stacked_columns(&chart, &categories, &series),
        lines(&chart, &categories, &series, Some((hostile, 1.5))),
        horizontal_bars(&chart, &categories, &[Some(1.0), None], Some(0)),
        stacked_columns(&chart, &[], &[]),
    ];
    for svg in outputs {
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("<b>"), "{svg}");
        let elements = parse(&svg);
        assert_eq!(elements[1].text, expected);
        assert_eq!(elements[2].text, expected);
        assert_eq!(
            elements[0].attribute("aria-labelledby"),
            Some("x\" onload=\"alert(1)-title x\" onload=\"alert(1)-desc")
        );
        assert!(elements[0].attribute("onload").is_none());
    }
}

#[test]
fn none_values_draw_no_bar_or_point() {
    let categories = months(3);
    let only = vec![series("Online", &[Some(5.0), None, Some(3.0)])];

    let svg = stacked_columns(&chart("c"), &categories, &only);
    assert_eq!(count_class(&parse(&svg), "bar"), 2);

    let svg = lines(&chart("l"), &categories, &only, None);
    let elements = parse(&svg);
    // One marker in the legend and one per present value; no path, since the gap leaves no
    // run of two points.
    assert_eq!(count_class(&elements, "marker"), 2 + 1);
    assert_eq!(count_class(&elements, "line"), 0);

    let svg = horizontal_bars(
        &chart("h"),
        &months(3),
        &[Some(5.0), None, Some(f64::NAN)],
        None,
    );
    let elements = parse(&svg);
    assert_eq!(count_class(&elements, "bar"), 1);
    assert_eq!(
        texts_in(&elements)
            .iter()
            .filter(|t| **t == "No data")
            .count(),
        2
    );
}

#[test]
fn zero_is_drawn_as_zero_not_as_missing() {
    let svg = horizontal_bars(&chart("z"), &months(2), &[Some(0.0), Some(4.0)], None);
    let elements = parse(&svg);
    let texts = texts_in(&elements);
    assert!(texts.contains(&"0"));
    assert!(!texts.contains(&"No data"));
}

#[test]
fn gaps_break_lines_into_runs() {
    let categories = months(6);
    let gappy = vec![series(
        "Days",
        &[Some(4.0), Some(5.0), None, Some(6.0), Some(7.0), Some(8.0)],
    )];
    let elements = parse(&lines(&chart("g"), &categories, &gappy, None));
    let path = elements
        .iter()
        .find(|e| e.attribute("class") == Some("line"))
        .and_then(|e| e.attribute("d"))
        .expect("a line");
    assert_eq!(path.matches('M').count(), 2, "{path}");
    assert_eq!(path.matches('L').count(), 1 + 2, "{path}");
}

#[test]
fn negative_values_clamped_to_zero_in_columns() {
    let categories = months(1);
    let values = vec![series("A", &[Some(-50.0)]), series("B", &[Some(10.0)])];
    let elements = parse(&stacked_columns(&chart("n"), &categories, &values));
    let bars: Vec<&Element> = elements
        .iter()
        .filter(|e| e.attribute("class") == Some("bar"))
        .collect();
    // Only B has height, and the axis is scaled to it alone.
    assert_eq!(bars.len(), 1);
    assert!(texts_in(&elements).contains(&"10"));
}

#[test]
fn y_axis_is_nice_with_compact_labels() {
    let categories = months(2);
    let big = vec![series("Online", &[Some(1_200.0), Some(2_300.0)])];
    let elements = parse(&stacked_columns(&chart("y"), &categories, &big));
    let texts = texts_in(&elements);
    for label in ["0", "500", "1k", "1.5k", "2k", "2.5k"] {
        assert!(texts.contains(&label), "{label} in {texts:?}");
    }
    assert!(texts.contains(&"requests"), "unit caption");

    let huge = vec![series("Online", &[Some(3_400_000.0)])];
    let elements = parse(&stacked_columns(&chart("y"), &months(1), &huge));
    assert!(texts_of(&elements).contains(&"5M".to_string()));

    let percent = Chart {
        unit: "%",
        ..chart("p")
    };
    let svg = horizontal_bars(&percent, &months(2), &[Some(87.46), Some(60.0)], None);
    let elements = parse(&svg);
    let texts = texts_in(&elements);
    for label in ["0%", "20%", "100%", "87.5%", "60%"] {
        assert!(texts.contains(&label), "{label} in {texts:?}");
    }
}

fn texts_of(elements: &[Element]) -> Vec<String> {
    texts_in(elements).into_iter().map(str::to_string).collect()
}

#[test]
fn many_categories_are_thinned() {
    let categories = months(36);
    let values: Vec<Option<f64>> = (0..36).map(|i| Some(f64::from(i) * 10.0)).collect();
    let data = vec![series("Online", &values)];
    for svg in [
        stacked_columns(&chart("m"), &categories, &data),
        lines(&chart("m"), &categories, &data, None),
    ] {
        let elements = parse(&svg);
        let shown: Vec<&str> = texts_in(&elements)
            .into_iter()
            .filter(|t| categories.iter().any(|c| c == t))
            .collect();
        assert!(shown.len() <= layout::MAX_X_LABELS, "{shown:?}");
        assert!(shown.len() >= 4, "{shown:?}");
        assert_eq!(shown.first(), Some(&"Jan 2024"));
        assert_eq!(shown.last(), Some(&"Dec 2026"));
    }
    // A few categories are all labelled.
    let elements = parse(&stacked_columns(&chart("f"), &months(3), &data));
    let texts = texts_in(&elements);
    for month in months(3) {
        assert!(texts.contains(&month.as_str()));
    }
}

#[test]
fn empty_input_renders_a_no_data_frame() {
    let nothing = vec![series(
        "Online",
        &[None, Some(f64::NAN), Some(f64::INFINITY)],
    )];
    let outputs = [
        stacked_columns(&chart("e"), &[], &[]),
        stacked_columns(&chart("e"), &months(3), &[]),
        stacked_columns(&chart("e"), &months(3), &nothing),
        lines(&chart("e"), &months(3), &nothing, Some(("Target", 5.0))),
        lines(&chart("e"), &[], &nothing, None),
        horizontal_bars(&chart("e"), &[], &[], None),
        horizontal_bars(&chart("e"), &months(2), &[None, Some(f64::NAN)], Some(0)),
    ];
    for svg in outputs {
        let elements = parse(&svg);
        assert_eq!(texts_in(&elements), ["No data for this period"]);
        assert_eq!(elements[1].attribute("id"), Some("e-title"));
        assert_eq!(elements[2].attribute("id"), Some("e-desc"));
    }
}

#[test]
fn output_is_deterministic_and_free_of_float_noise() {
    let first = all_charts();
    let second = all_charts();
    assert_eq!(
        first.iter().map(|(_, s)| s).collect::<Vec<_>>(),
        second.iter().map(|(_, s)| s).collect::<Vec<_>>()
    );
    let thirds = vec![series(
        "Odd",
        &[Some(1.0 / 3.0), Some(0.1 + 0.2), Some(2.0 / 3.0)],
    )];
    let svgs = [
        stacked_columns(&chart("f"), &months(7), &thirds),
        lines(
            &chart("f"),
            &months(7),
            &thirds,
            Some(("Target", 0.1 + 0.2)),
        ),
        horizontal_bars(&chart("f"), &months(3), &thirds[0].values, Some(2)),
    ];
    for svg in svgs {
        for element in parse(&svg) {
            for (name, value) in &element.attributes {
                let numbers = value
                    .split(|c: char| !(c.is_ascii_digit() || c == '.'))
                    .filter(|n| !n.is_empty());
                for number in numbers {
                    let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
                    assert!(decimals <= 1, "{name}=\"{value}\" in {svg}");
                }
            }
        }
    }
}

#[test]
fn readable_on_a_phone() {
    for (_, svg) in all_charts() {
        let elements = parse(&svg);
        let root = &elements[0];
        assert_eq!(root.attribute("font-size"), Some("14"));
        // Nothing sets a smaller font anywhere.
        assert!(
            elements
                .iter()
                .skip(1)
                .all(|e| e.attribute("font-size").is_none())
        );
    }
    // Bars grow with the number of labels.
    let height = |count: usize| -> f64 {
        let values: Vec<Option<f64>> = (0..count).map(|i| Some(i as f64)).collect();
        let svg = horizontal_bars(&chart("h"), &months(count), &values, None);
        let elements = parse(&svg);
        let view_box = elements[0]
            .attribute("viewBox")
            .expect("viewBox")
            .to_string();
        view_box
            .rsplit(' ')
            .next()
            .and_then(|h| h.parse().ok())
            .expect("a height")
    };
    assert!(height(20) > height(10));
    assert!(height(10) > height(3));
}

#[test]
fn lines_differ_by_more_than_colour() {
    let categories = months(3);
    let data: Vec<Series> = (0..6)
        .map(|i| {
            series(
                &format!("Series {i}"),
                &[Some(1.0), Some(2.0), Some(f64::from(i))],
            )
        })
        .collect();
    let elements = parse(&lines(
        &chart("d"),
        &categories,
        &data,
        Some(("Target: 3", 3.0)),
    ));
    let dashes: Vec<Option<&str>> = elements
        .iter()
        .filter(|e| e.attribute("class") == Some("line"))
        .map(|e| e.attribute("stroke-dasharray"))
        .collect();
    assert_eq!(dashes.len(), 6);
    assert_eq!(dashes[0], None);
    assert!(dashes[1..4].iter().all(Option::is_some));
    // Legend labels as text.
    let texts = texts_in(&elements);
    for i in 0..6 {
        assert!(texts.contains(&format!("Series {i}").as_str()));
    }
    assert!(texts.contains(&"Target: 3"));
    assert_eq!(count_class(&elements, "target"), 1);
}

#[test]
fn highlighted_bar_is_bold_and_darker() {
    let labels = vec!["Leeds".to_string(), "York".to_string()];
    let elements = parse(&horizontal_bars(
        &chart("h"),
        &labels,
        &[Some(3.0), Some(4.0)],
        Some(1),
    ));
    let york = elements
        .iter()
        .find(|e| e.name == "text" && e.text == "York")
        .expect("York label");
    assert_eq!(york.attribute("font-weight"), Some("bold"));
    let leeds = elements
        .iter()
        .find(|e| e.name == "text" && e.text == "Leeds")
        .expect("Leeds label");
    assert_eq!(leeds.attribute("font-weight"), None);
    let fills: Vec<&str> = elements
        .iter()
        .filter(|e| e.attribute("class") == Some("bar"))
        .filter_map(|e| e.attribute("fill"))
        .collect();
    assert_eq!(fills, [UNHIGHLIGHTED, HIGHLIGHT]);
    // An out-of-range highlight is ignored.
    let svg = horizontal_bars(&chart("h"), &labels, &[Some(3.0), Some(4.0)], Some(9));
    assert!(!svg.contains("bold"));
}

/// WCAG relative luminance of a `#rrggbb` colour.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let value = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")) / 255.0;
        if value <= 0.039_28 {
            value / 12.92
        } else {
            ((value + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

fn contrast_with_white(hex: &str) -> f64 {
    1.05 / (luminance(hex) + 0.05)
}

#[test]
fn colours_meet_wcag_contrast() {
    for colour in PALETTE.iter().chain(&[HIGHLIGHT, UNHIGHLIGHTED]) {
        assert!(contrast_with_white(colour) >= 3.0, "{colour}");
    }
    for colour in [TEXT, MUTED] {
        assert!(contrast_with_white(colour) >= 4.5, "{colour}");
    }
}
