//! Performance-data benchmark, Civic's side: loads the events file that
//! `bench/performance_events.py generate` wrote into a fresh database through the same
//! store call the ingest API uses (one body-wide data set per body, batches of 10,000 in
//! the file's order, parsed and checked on a second thread a batch or two ahead), then
//! times the rollup of counts by body × service × channel × month (the store call behind
//! `/performance/data.json?measures=counts`, national, by month) and the exact median and p90 of time to outcome by service × month, and prints them
//! beside DuckDB's figures from `performance_events.py duckdb` as ratios.
//!
//! Usage: cargo bench -p civic --bench performance -- EVENTS.csv DUCKDB.json DATABASE_URL

use civic_domain::measures::{EventChannel, EventInput, Grain, TransactionEvent};
use civic_domain::{BodyInput, ServiceInput};
use civic_storage::{Actor, Dataset, MeasureFilter};
use std::collections::{HashMap, HashSet};
use std::time::Instant;
use time::macros::date;

type Failure = Box<dyn std::error::Error>;

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [events_path, duck_path, url] = args.as_slice() else {
        return Err("usage: performance EVENTS.csv DUCKDB.json DATABASE_URL".into());
    };
    let duck: serde_json::Value = serde_json::from_slice(&std::fs::read(duck_path)?)?;
    let store = civic_storage::connect(url).await?;
    let engine = store.backend().name();

    // Bodies and services named in the file, set up first (not timed).
    let mut bodies: Vec<String> = Vec::new();
    let mut codes: HashSet<String> = HashSet::new();
    {
        let mut reader = csv::Reader::from_path(events_path)?;
        let mut seen = HashSet::new();
        for row in reader.records() {
            let row = row?;
            if seen.insert(row[0].to_string()) {
                bodies.push(row[0].to_string());
            }
            codes.insert(row[1].to_string());
        }
    }
    let mut codes: Vec<String> = codes.into_iter().collect();
    codes.sort();
    let setup = Instant::now();
    let mut datasets: HashMap<String, Dataset> = HashMap::new();
    for name in &bodies {
        let draft = BodyInput {
            name: name.clone(),
            kind: "district_council".into(),
            website: "https://www.example.gov.uk".into(),
            ..Default::default()
        }
        .validate()
        .map_err(|e| format!("{e:?}"))?;
        let body = store.create_body(&draft).await?;
        let drafts = codes
            .iter()
            .map(|code| {
                ServiceInput {
                    code: code.clone(),
                    name: code.clone(),
                    description: format!("Standard service {code}"),
                    digital_inclusion_level: Some(5),
                    channels: vec![
                        civic_domain::ChannelInput {
                            kind: "online".into(),
                            detail: "https://www.example.gov.uk/service".into(),
                            detail_cy: String::new(),
                        },
                        civic_domain::ChannelInput {
                            kind: "phone".into(),
                            detail: "01632 960 001".into(),
                            detail_cy: String::new(),
                        },
                    ],
                    ..Default::default()
                }
                .validate()
                .map_err(|e| format!("{e:?}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        store
            .create_services(&body.slug, &drafts, &Actor::system("bench"))
            .await?;
        let set = store
            .create_dataset(
                &body.slug,
                "crm",
                "CRM",
                "",
                &format!("bench-{}", body.slug),
                24,
            )
            .await?;
        datasets.insert(name.clone(), set);
    }
    let slug_of: HashMap<String, String> = codes
        .iter()
        .map(|c| (c.clone(), civic_domain::slugify(c)))
        .collect();
    eprintln!(
        "{engine}: set up {} bodies × {} services in {:.1}s",
        bodies.len(),
        codes.len(),
        setup.elapsed().as_secs_f64()
    );

    // Ingest: parse, check and store, batch by batch. Parsing runs on a thread of its own,
    // a batch ahead of the store, as the ingest API's handlers parse each request apart
    // from the store's one writer.
    let started = Instant::now();
    let (batches, mut parsed) = tokio::sync::mpsc::channel::<(String, Vec<TransactionEvent>)>(2);
    let path = events_path.clone();
    let parser = std::thread::spawn(move || -> Result<u64, String> {
        let mut reader = csv::Reader::from_path(&path).map_err(|e| e.to_string())?;
        let mut batch = Vec::with_capacity(10_000);
        let mut current = String::new();
        let mut events = 0u64;
        for row in reader.records() {
            let row = row.map_err(|e| e.to_string())?;
            if row[0] != *current || batch.len() == 10_000 {
                if !batch.is_empty() {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(10_000));
                    batches
                        .blocking_send((current.clone(), full))
                        .map_err(|e| e.to_string())?;
                }
                current = row[0].to_string();
            }
            let input = EventInput {
                id: row[2].to_string(),
                service: slug_of.get(&row[1]).cloned(),
                channel: row[3].to_string(),
                started_at: row[4].to_string(),
                outcome_at: Some(row[5].to_string()).filter(|s| !s.is_empty()),
                outcome: Some(row[6].to_string()),
                satisfaction: row[7].parse().ok(),
            };
            batch.push(input.validate().map_err(|e| format!("{e:?}"))?);
            events += 1;
        }
        if !batch.is_empty() {
            batches
                .blocking_send((current, batch))
                .map_err(|e| e.to_string())?;
        }
        Ok(events)
    });
    while let Some((body, batch)) = parsed.recv().await {
        let set = datasets.get(&body).ok_or("unknown body")?;
        store.ingest_events(set, &batch).await?;
    }
    let events = parser.join().map_err(|_| "the parser panicked")??;
    let ingest = started.elapsed().as_secs_f64();
    eprintln!("{engine}: ingested {events} events in {ingest:.1}s");

    // Rollup: counts by body × service × channel × month, from the month cells.
    let filter = MeasureFilter {
        body: None,
        service: None,
        code: None,
        grain: Grain::Month,
        from: date!(2000 - 01 - 01),
        to: date!(2100 - 01 - 01),
    };
    let mut rollup = f64::MAX;
    let (mut groups, mut total) = (0u64, 0i64);
    for _ in 0..3 {
        let t = Instant::now();
        let cells = store.measure_counts(&filter).await?;
        let mut rows: Vec<(&str, &str, EventChannel, time::Date, i64)> = Vec::new();
        for cell in &cells {
            for channel in EventChannel::ALL {
                let n = cell.measures.started[channel.index()];
                if n != 0 {
                    rows.push((&cell.body, &cell.code, channel, cell.period_start, n));
                }
            }
        }
        rollup = rollup.min(t.elapsed().as_secs_f64());
        groups = rows.len() as u64;
        total = rows.iter().map(|r| r.4).sum();
    }

    // Exact median and p90 of time to outcome by standard service × month of outcome.
    let mut percentiles = f64::MAX;
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        times = store
            .exact_times(None, date!(2000 - 01 - 01), date!(2100 - 01 - 01))
            .await?;
        percentiles = percentiles.min(t.elapsed().as_secs_f64());
    }
    let sum_median: i64 = times.iter().map(|t| t.median_seconds).sum();
    let sum_p90: i64 = times.iter().map(|t| t.p90_seconds).sum();

    let d = |path: &[&str]| {
        path.iter()
            .fold(&duck, |v, k| &v[*k])
            .as_f64()
            .unwrap_or(f64::NAN)
    };
    let duck_ingest = d(&["ingest", "seconds"]);
    let duck_rollup = d(&["rollup", "seconds"]);
    let duck_pct = d(&["percentiles", "seconds"]);
    println!(
        "\n{events} events, {} bodies, {} services ({engine})",
        bodies.len(),
        codes.len()
    );
    println!("| measure | Civic {engine} | DuckDB | Civic speed ÷ DuckDB speed |");
    println!("|---|---|---|---|");
    println!(
        "| ingest | {:.1} s ({:.0} events/s) | {:.1} s ({:.0} events/s) | {:.3} |",
        ingest,
        events as f64 / ingest,
        duck_ingest,
        events as f64 / duck_ingest,
        duck_ingest / ingest
    );
    println!(
        "| rollup body×service×channel×month (Civic reads its maintained cells; DuckDB aggregates raw rows) | {rollup:.3} s | {duck_rollup:.3} s | {:.2} |",
        duck_rollup / rollup
    );
    println!(
        "| exact median+p90 by service×month (Civic merges its maintained runs; DuckDB sorts raw rows) | {percentiles:.3} s | {duck_pct:.3} s | {:.2} |",
        duck_pct / percentiles
    );
    // The fair comparisons: each engine reading aggregates it keeps, and each engine from
    // the same CSV file to both answers (load or ingest, then both queries).
    let duck_kept_rollup = d(&["rollup_kept", "seconds"]);
    let duck_kept_pct = d(&["percentiles_kept", "seconds"]);
    println!(
        "| rollup, both reading an aggregate they keep (DuckDB: a table made from the rollup) | {rollup:.3} s | {duck_kept_rollup:.3} s | {:.2} |",
        duck_kept_rollup / rollup
    );
    println!(
        "| median+p90, both reading results they keep (DuckDB: a table made from the percentiles) | {percentiles:.3} s | {duck_kept_pct:.3} s | {:.2} |",
        duck_kept_pct / percentiles
    );
    let ours_end_to_end = ingest + rollup + percentiles;
    let duck_end_to_end = duck_ingest + duck_rollup + duck_pct;
    println!(
        "| end to end: CSV in, rollup and median+p90 out (Civic ingest + reads; DuckDB load + queries) | {ours_end_to_end:.1} s | {duck_end_to_end:.1} s | {:.3} |",
        duck_end_to_end / ours_end_to_end
    );
    let same = |ours: i64, path: &[&str]| ours as f64 == d(path);
    println!(
        "checks: rollup groups {groups} (DuckDB {}), total {total} (DuckDB {}); percentile groups {} (DuckDB {}), Σmedian {sum_median} (DuckDB {}), Σp90 {sum_p90} (DuckDB {})",
        d(&["rollup", "groups"]),
        d(&["rollup", "total_count"]),
        times.len(),
        d(&["percentiles", "groups"]),
        d(&["percentiles", "sum_median_seconds"]),
        d(&["percentiles", "sum_p90_seconds"]),
    );
    let agree = same(groups as i64, &["rollup", "groups"])
        && same(total, &["rollup", "total_count"])
        && same(times.len() as i64, &["percentiles", "groups"])
        && same(sum_median, &["percentiles", "sum_median_seconds"])
        && same(sum_p90, &["percentiles", "sum_p90_seconds"]);
    println!(
        "results agree with DuckDB: {}",
        if agree { "yes" } else { "NO" }
    );
    if agree {
        Ok(())
    } else {
        Err("results differ from DuckDB".into())
    }
}
