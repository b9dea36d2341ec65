//! Loads a catalogue of many datasets for `bench/catalogue.sh` to time `package_search`
//! over: bodies with Civic's own four datasets each, then staff-described datasets with
//! varied titles, keywords, themes, licences and formats until the total is reached.
//! Usage: catalogue DB_URL DATASETS

use civic_domain::BodyInput;
use civic_domain::catalogue::{DatasetDescriptionInput, DatasetSource, LICENCES, Resource, THEMES};
use civic_storage::Store;
use std::time::Instant;

const SUBJECTS: [&str; 20] = [
    "road",
    "bin",
    "library",
    "school",
    "park",
    "parking",
    "housing",
    "planning",
    "licence",
    "tree",
    "flood",
    "noise",
    "air",
    "bus",
    "cycle",
    "toilet",
    "grant",
    "contract",
    "budget",
    "allotment",
];
const ASPECTS: [&str; 10] = [
    "locations",
    "inspections",
    "spending",
    "requests",
    "usage",
    "complaints",
    "permits",
    "survey",
    "register",
    "statistics",
];
const FORMATS: [&str; 4] = ["CSV", "JSON", "PDF", "XLSX"];

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let (Some(url), Some(total)) = (args.first(), args.get(1)) else {
        return Err("usage: catalogue DB_URL DATASETS".into());
    };
    let total: usize = total.parse().map_err(|_| "DATASETS must be a number")?;
    let store: std::sync::Arc<dyn Store> = civic_storage::connect(url)
        .await
        .map_err(|e| e.to_string())?;
    let started = Instant::now();
    let bodies = 100;
    for b in 0..bodies {
        let draft = BodyInput {
            slug: format!("bench-{b:03}"),
            name: format!("Bench Borough Council {b:03}"),
            kind: "district_council".into(),
            website: String::new(),
            ..Default::default()
        }
        .validate()
        .map_err(|e| e.to_string())?;
        store.create_body(&draft).await.map_err(|e| e.to_string())?;
    }
    let own = bodies * 4;
    for n in 0..total.saturating_sub(own) {
        let body = format!("bench-{:03}", n % bodies);
        let subject = SUBJECTS[n % SUBJECTS.len()];
        let aspect = ASPECTS[(n / SUBJECTS.len()) % ASPECTS.len()];
        let input = DatasetDescriptionInput {
            title: format!("{subject} {aspect} {n}"),
            description: format!(
                "The {subject} {aspect} of Bench Borough Council {}, collected by the {subject} team and published for reuse.",
                n % bodies
            ),
            licence: LICENCES[n % 3].id.into(),
            frequency: ["monthly", "annual", "weekly", "irregular"][n % 4].into(),
            theme: THEMES[n % THEMES.len()].code.into(),
            tags: format!("{subject}, {aspect}, year {}", 2015 + n % 12),
            contact_email: if n % 2 == 0 {
                format!("data@{body}.example")
            } else {
                String::new()
            },
            links: String::new(),
            ..Default::default()
        };
        let description = input.validate(&body, false).map_err(|e| e.to_string())?;
        let format = FORMATS[n % FORMATS.len()];
        let resource = Resource {
            id: civic_web::catalogue::files::new_resource_id(),
            name: format!("{subject} {aspect} ({format})"),
            description: String::new(),
            format: format.into(),
            url: format!(
                "https://data.example.org/{body}/{n}.{}",
                format.to_lowercase()
            ),
            columns: Vec::new(),
            hosted: false,
            ..Resource::default()
        };
        store
            .add_catalogue_dataset(
                &body,
                DatasetSource::External,
                &description,
                &[resource],
                &[],
            )
            .await
            .map_err(|e| e.to_string())?;
    }
    eprintln!(
        "loaded {} datasets ({own} of Civic's own across {bodies} bodies) in {:.1} s",
        total.max(own),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
