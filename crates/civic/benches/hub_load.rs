//! Hub benchmark's loader (bench/hub.sh): gives every body of a demo hub a body-wide data
//! set and ingests generated transaction events into it through the store call the ingest
//! API uses (batches of 10,000, each checked as the API checks it), so the dashboards the
//! page test then measures read measures maintained the way a real hub's are. Events are
//! spread evenly over bodies and at random over each body's services, the last two years,
//! the six channels and the outcomes; the same count always gives the same events.
//!
//! Usage: cargo bench -p civic --bench hub_load -- DATABASE_URL EVENTS

use civic_domain::measures::{EventChannel, EventInput, TransactionEvent};
use civic_storage::ServiceQuery;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::Instant;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

type Failure = Box<dyn std::error::Error>;

/// Events per store call, as the ingest API's largest batch.
const BATCH: usize = 10_000;

const OUTCOMES: [&str; 5] = [
    "completed",
    "completed",
    "completed",
    "refused",
    "abandoned",
];

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [url, events] = args.as_slice() else {
        return Err("usage: hub_load DATABASE_URL EVENTS".into());
    };
    let events: u64 = events.parse()?;
    let store = civic_storage::connect(url).await?;
    let engine = store.backend().name();
    let bodies = store.list_bodies().await?;
    if bodies.is_empty() {
        return Err("the database has no bodies: load the demo hub first".into());
    }
    let mut sets = Vec::with_capacity(bodies.len());
    for body in &bodies {
        let services: Vec<String> = store
            .list_services(&ServiceQuery {
                body: Some(body.slug.clone()),
                ..Default::default()
            })
            .await?
            .services
            .into_iter()
            .map(|s| s.slug)
            .collect();
        let set = store
            .create_dataset(
                &body.slug,
                "hub-load",
                "Transactions (hub benchmark)",
                "",
                &format!("hub-load-{}", body.slug),
                24,
            )
            .await?;
        sets.push((set, services));
    }
    let now = OffsetDateTime::now_utc();
    let per_body = events / bodies.len() as u64;
    let mut rng = StdRng::seed_from_u64(20);
    let started = Instant::now();
    let mut stored = 0u64;
    for (set, services) in &sets {
        if services.is_empty() {
            continue;
        }
        let mut made = 0u64;
        while made < per_body {
            let size = BATCH.min((per_body - made) as usize);
            let batch = (0..size)
                .map(|i| {
                    let start = now - Duration::seconds(rng.random_range(3_600..63_072_000));
                    let end = start + Duration::minutes(rng.random_range(1..20_000));
                    // An event whose outcome would be in the future is still pending.
                    let ended = end < now;
                    let outcome = OUTCOMES[rng.random_range(0..OUTCOMES.len())];
                    EventInput {
                        id: format!("e{}", made + i as u64),
                        service: Some(services[rng.random_range(0..services.len())].clone()),
                        channel: EventChannel::ALL[rng.random_range(0..EventChannel::ALL.len())]
                            .as_str()
                            .to_string(),
                        started_at: start.format(&Rfc3339).unwrap_or_default(),
                        outcome_at: ended.then(|| end.format(&Rfc3339).unwrap_or_default()),
                        outcome: ended.then(|| outcome.to_string()),
                        satisfaction: (ended && rng.random_bool(0.3))
                            .then(|| rng.random_range(1..=5)),
                    }
                    .validate()
                    .map_err(|e| format!("{e:?}"))
                })
                .collect::<Result<Vec<TransactionEvent>, _>>()?;
            stored += store.ingest_events(set, &batch).await?.accepted;
            made += size as u64;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{engine}: ingested {stored} events into {} bodies in {seconds:.1} s ({:.0} events/s)",
        sets.len(),
        stored as f64 / seconds
    );
    Ok(())
}
