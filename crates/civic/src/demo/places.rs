//! Demo places that give digital help: for each demo body a library, its town hall, a
//! community centre and a partner charity, at addresses of the body's addresses register,
//! each helping with the forms of the body's least digital-friendly services, with six
//! months of reported use. A hub's further bodies get three places each at addresses made
//! for them, so that a postcode search runs at a hub's size.

use civic_domain::place::{Month, OpeningInput, PlaceAddress, PlaceInput, UsageInput};
use civic_domain::register::AddressRow;
use civic_domain::{Point, Service};
use civic_storage::{Actor, ServiceQuery, Store};

/// One demo place: (name, Welsh name, kind, description, Welsh description, help, course
/// levels, how many services it helps with, accessibility, languages, booking, opening
/// times as (days, opens, closes)).
struct DemoPlace {
    name: &'static str,
    name_cy: &'static str,
    kind: &'static str,
    description: &'static str,
    description_cy: &'static str,
    help: &'static [&'static str],
    levels: &'static [i64],
    services: usize,
    accessibility: &'static [&'static str],
    languages: &'static str,
    booking: &'static str,
    opening: &'static [(&'static [&'static str], &'static str, &'static str)],
}

const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday"];

const PLACES: [DemoPlace; 4] = [
    DemoPlace {
        name: "Central Library",
        name_cy: "Llyfrgell Ganolog",
        kind: "library",
        description: "Ask at the front desk for a computer or a digital buddy.",
        description_cy: "Gofynnwch wrth y ddesg flaen am gyfrifiadur neu gyfaill digidol.",
        help: &["computers", "wifi", "digital-buddy"],
        levels: &[1, 2, 3],
        services: 4,
        accessibility: &[
            "step-free",
            "hearing-loop",
            "accessible-toilet",
            "assistive-technology",
        ],
        languages: "Polish",
        booking: "not-needed",
        opening: &[
            (WEEKDAYS, "09:00", "17:00"),
            (&["saturday"], "10:00", "13:00"),
        ],
    },
    DemoPlace {
        name: "Town Hall Customer Centre",
        name_cy: "Canolfan Gwsmeriaid Neuadd y Dref",
        kind: "town-hall",
        description: "Council staff help you fill in any of the council's forms online.",
        description_cy: "Mae staff y cyngor yn eich helpu i lenwi unrhyw un o ffurflenni'r cyngor ar-lein.",
        help: &["computers", "forms"],
        levels: &[],
        services: 6,
        accessibility: &["step-free", "hearing-loop", "sign-language"],
        languages: "",
        booking: "recommended",
        opening: &[
            (
                &["monday", "tuesday", "wednesday", "thursday"],
                "09:00",
                "12:30",
            ),
            (
                &["monday", "tuesday", "wednesday", "thursday"],
                "13:30",
                "16:30",
            ),
        ],
    },
    DemoPlace {
        name: "Community Centre",
        name_cy: "Canolfan Gymunedol",
        kind: "community-centre",
        description: "Free six-week courses for beginners, in small groups.",
        description_cy: "Cyrsiau chwe wythnos am ddim i ddechreuwyr, mewn grwpiau bach.",
        help: &["digital-buddy", "courses"],
        levels: &[2, 3, 4, 5],
        services: 0,
        accessibility: &["step-free", "accessible-toilet"],
        languages: "Urdu, Punjabi",
        booking: "required",
        opening: &[(&["tuesday", "thursday"], "10:00", "15:00")],
    },
    DemoPlace {
        name: "Digital Friends",
        name_cy: "Ffrindiau Digidol",
        kind: "charity",
        description: "Volunteers sit with you while you use a service online on your own device or ours.",
        description_cy: "Mae gwirfoddolwyr yn eistedd gyda chi tra byddwch yn defnyddio gwasanaeth ar-lein ar eich dyfais eich hun neu ein dyfais ni.",
        help: &["computers", "digital-buddy", "forms"],
        levels: &[],
        services: 3,
        accessibility: &["step-free"],
        languages: "Welsh, Arabic",
        booking: "not-needed",
        opening: &[
            (&["wednesday"], "13:00", "16:00"),
            (&["saturday"], "10:00", "12:00"),
        ],
    },
];

/// The services a place helps with: the body's least digital-friendly first.
fn hardest(services: &[Service], n: usize) -> Vec<String> {
    let mut sorted: Vec<&Service> = services.iter().collect();
    sorted.sort_by_key(|s| std::cmp::Reverse(s.digital_inclusion_level));
    sorted.into_iter().take(n).map(|s| s.slug.clone()).collect()
}

fn input(demo: &DemoPlace, towns: (&str, &str), uprn: &str, services: Vec<String>) -> PlaceInput {
    let (town, town_cy) = towns;
    PlaceInput {
        name: format!("{town} {}", demo.name),
        // After the noun, where no mutation applies.
        name_cy: format!("{} {town_cy}", demo.name_cy),
        kind: demo.kind.into(),
        description: demo.description.into(),
        description_cy: demo.description_cy.into(),
        uprn: uprn.into(),
        opening: demo
            .opening
            .iter()
            .flat_map(|(days, opens, closes)| {
                days.iter().map(|day| OpeningInput {
                    day: day.to_string(),
                    opens: opens.to_string(),
                    closes: closes.to_string(),
                })
            })
            .collect(),
        opening_note: "Closed on bank holidays.".into(),
        opening_note_cy: "Ar gau ar wyliau banc.".into(),
        help: demo.help.iter().map(|h| h.to_string()).collect(),
        course_levels: demo.levels.to_vec(),
        services,
        accessibility: demo.accessibility.iter().map(|a| a.to_string()).collect(),
        languages: demo.languages.into(),
        booking: demo.booking.into(),
        phone: "01632 960 100".into(),
        email: String::new(),
        website: String::new(),
        active: true,
    }
}

/// Adds `body`'s places at the given addresses, with `months` of reported use.
async fn add_places(
    store: &dyn Store,
    body: &str,
    towns: (&str, &str),
    addresses: &[PlaceAddress],
    welsh: bool,
    months: u32,
) -> Result<(), String> {
    let err = |e: civic_storage::StorageError| e.to_string();
    let services = store
        .list_services(&ServiceQuery {
            body: Some(body.to_string()),
            ..Default::default()
        })
        .await
        .map_err(err)?
        .services;
    let slugs: Vec<String> = services.iter().map(|s| s.slug.clone()).collect();
    let now = Month::of(time::OffsetDateTime::now_utc().date());
    let actor = Actor::system("Demo data");
    for (n, (demo, address)) in PLACES.iter().zip(addresses).enumerate() {
        let linked = hardest(&services, demo.services);
        let draft = input(demo, towns, &address.uprn, linked.clone())
            .validate(Some(address.clone()), &slugs, welsh)
            .map_err(|e| format!("demo place {}: {e}", demo.name))?;
        let place = store.create_place(body, &draft).await.map_err(err)?;
        let mut month = now;
        for m in 0..months {
            month = month.previous();
            let seed = (n as u32 + 1) * 7 + m * 3;
            for service in std::iter::once(String::new()).chain(linked.iter().cloned()) {
                let mut usage = UsageInput {
                    month: month.to_string(),
                    service: service.clone(),
                    sessions: (4 + seed % 9).to_string(),
                    ..Default::default()
                };
                for (level, people) in usage.people.iter_mut().enumerate() {
                    let level = level as u32;
                    *people = if level < 6 {
                        ((seed + level * 5) % 11).to_string()
                    } else {
                        String::new()
                    };
                }
                let report = usage
                    .validate(now, &slugs)
                    .map_err(|e| format!("demo usage: {e}"))?;
                store
                    .record_usage(body, &place.slug, &report, &actor)
                    .await
                    .map_err(err)?;
            }
        }
    }
    Ok(())
}

/// The demo body's four places, at the first addresses of its streets (UPRNs from
/// `first_uprn`, points as `load_addresses` made them); `towns` is its town's name in
/// English and in Welsh.
pub async fn load(
    store: &dyn Store,
    body: &str,
    towns: (&str, &str),
    first_uprn: usize,
    welsh: bool,
) -> Result<(), String> {
    let mut addresses = Vec::new();
    // Addresses 0, 3, 5 and 6: different streets, all near the centre.
    for n in [0usize, 3, 5, 6] {
        let uprn = (first_uprn + n).to_string();
        let (_, item) = store
            .register_record("addresses", &uprn)
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("demo address {uprn} is missing"))?;
        let item = item
            .content()
            .ok_or_else(|| format!("demo address {uprn} is redacted"))?;
        let field = |f: &str| item.get(f).unwrap_or_default().to_string();
        let number = |f: &str| item.get(f).and_then(|v| v.parse::<f64>().ok());
        addresses.push(PlaceAddress {
            uprn,
            text: format!("{}, {}", field("address-line-1"), field("town")),
            postcode: field("postcode"),
            point: Point {
                lat: number("latitude").ok_or("demo address without latitude")?,
                long: number("longitude").ok_or("demo address without longitude")?,
            },
        });
    }
    add_places(store, body, towns, &addresses, welsh, 6).await
}

/// A hub body's three places, at addresses made for them around a point of its own.
pub async fn load_for_hub_body(store: &dyn Store, body: &str, index: usize) -> Result<(), String> {
    // Spread the hub's towns over Great Britain.
    let lat0 = 50.6 + (index * 37 % 450) as f64 / 100.0;
    let long0 = -4.2 + (index * 53 % 500) as f64 / 100.0;
    let letter = |n: usize| char::from(b'A' + u8::try_from(n % 26).unwrap_or(0));
    let town = format!("Demo Town {index:03}");
    let mut batch = Vec::new();
    let mut addresses = Vec::new();
    for n in 0..3usize {
        let row = AddressRow {
            uprn: (200_000_000 + index * 100 + n).to_string(),
            address_line_1: format!("{} Market Street", n + 1),
            address_line_2: String::new(),
            town: town.clone(),
            postcode: format!(
                "Y{}{} {}A{}",
                letter(index),
                index / 26 + 1,
                n + 1,
                letter(n)
            ),
            latitude: format!("{:.5}", lat0 + n as f64 * 0.004),
            longitude: format!("{:.5}", long0 - n as f64 * 0.006),
        };
        let item = row.validate().map_err(|e| format!("hub address: {e}"))?;
        addresses.push(PlaceAddress {
            uprn: row.uprn.clone(),
            text: format!("{}, {town}", row.address_line_1),
            postcode: item.get("postcode").unwrap_or_default().to_string(),
            point: Point {
                lat: lat0 + n as f64 * 0.004,
                long: long0 - n as f64 * 0.006,
            },
        });
        batch.push(civic_storage::NewEntry {
            key: row.uprn.clone(),
            item,
        });
    }
    store
        .append_entries("addresses", &batch)
        .await
        .map_err(|e| e.to_string())?;
    add_places(store, body, (&town, &town), &addresses, false, 1).await
}
