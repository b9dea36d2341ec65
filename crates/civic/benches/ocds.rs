//! The OCDS release package of a body with CONTRACTS contracts and TRANSACTIONS payments
//! (for `bench/ocds.sh`): one body, a thousand suppliers (or one per contract when fewer),
//! each contract covering its own run of days in which the supplier was paid once a day,
//! so the package carries TRANSACTIONS transactions; one contract in ten rated. Serves it
//! with the real server and downloads `/bodies/ocds-bench/contracts/ocds.json`, printing
//! the time to the first byte, the total time, the size, and the server process's peak
//! resident memory while answering; writes the file to OUT for ocdskit to read.
//! Usage: ocds DB_URL CONTRACTS TRANSACTIONS OUT

use civic_domain::BodyInput;
use civic_domain::contract::{ContractInput, RatingInput};
use civic_domain::supplier::SupplierInput;
use civic_storage::{NewSpendLine, Store};
use std::io::Write;
use std::sync::Arc;
use std::time::Instant;
use time::macros::date;

/// The process's peak resident memory in KiB since the last reset.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// Starts a new peak: Linux resets VmHWM to the current resident size on "5".
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [url, contracts, transactions, out] = args.as_slice() else {
        return Err("usage: ocds DB_URL CONTRACTS TRANSACTIONS OUT".into());
    };
    let contracts: usize = contracts.parse().map_err(|_| "CONTRACTS: a number")?;
    let transactions: usize = transactions.parse().map_err(|_| "TRANSACTIONS: a number")?;
    let err = |e: civic_storage::StorageError| e.to_string();
    let store: Arc<dyn Store> = civic_storage::connect(url).await.map_err(err)?;
    store.migrate().await.map_err(err)?;
    let body = BodyInput {
        slug: "ocds-bench".into(),
        name: "OCDS Bench Council".into(),
        kind: "county_council".into(),
        ..Default::default()
    }
    .validate()
    .map_err(|e| e.to_string())?;
    store.create_body(&body).await.map_err(err)?;

    let loading = Instant::now();
    let suppliers = contracts.clamp(1, 1000);
    let per_supplier = contracts.div_ceil(suppliers);
    let paid_days = (transactions / contracts.max(1)).max(1);
    for s in 0..suppliers {
        let draft = SupplierInput {
            org_id: format!("GB-COH-{:08}", 10_000_000 + s),
            name: format!("Bench Supplier {s} Ltd"),
            address: "1 Works Lane".into(),
            postcode: "ZZ1 1AA".into(),
            scale: ["micro", "small", "medium", "large"][s % 4].into(),
            ..Default::default()
        }
        .validate()
        .map_err(|e| e.to_string())?;
        store.create_supplier(&draft, None).await.map_err(err)?;
    }
    let start = date!(2020 - 01 - 01);
    let mut lines = Vec::with_capacity(50_000);
    let mut line = 0u64;
    let mut batch = 0;
    for s in 0..suppliers {
        for day in 0..(per_supplier * paid_days) {
            line += 1;
            lines.push(NewSpendLine {
                line,
                paid_on: start + time::Duration::days(day as i64),
                amount_pence: 10_000 + (line as i64 % 90_000),
                supplier: format!("Bench Supplier {s} Ltd"),
                expense_area: "Highways".into(),
                expense_type: "Contracted services".into(),
                reference: format!("T{line:09}"),
                description: String::new(),
            });
            if lines.len() == 50_000 {
                batch += 1;
                store
                    .upload_spend("ocds-bench", &format!("spend-{batch}.csv"), &lines, 0)
                    .await
                    .map_err(err)?;
                lines.clear();
            }
        }
    }
    if !lines.is_empty() {
        store
            .upload_spend("ocds-bench", "spend-last.csv", &lines, 0)
            .await
            .map_err(err)?;
    }
    for n in 0..contracts {
        let (s, k) = (n % suppliers, n / suppliers);
        let first = start + time::Duration::days((k * paid_days) as i64);
        let last = first + time::Duration::days(paid_days as i64 - 1);
        let draft = ContractInput {
            title: format!("Contract {n}"),
            supplier: format!("GB-COH-{:08}", 10_000_000 + s),
            value: "120,000".into(),
            starts_on: first.to_string(),
            ends_on: last.to_string(),
            kpis: "Faults fixed within 5 days\nInvoices accurate".into(),
            ..Default::default()
        }
        .validate()
        .map_err(|e| e.to_string())?;
        store
            .create_contract("ocds-bench", &draft)
            .await
            .map_err(err)?;
        if n % 10 == 0 {
            let rating = RatingInput {
                kpi: "Faults fixed within 5 days".into(),
                period_start: first.to_string(),
                period_end: last.to_string(),
                rating: "good".into(),
                note: "On target".into(),
            }
            .validate(&draft.kpis)
            .map_err(|e| e.to_string())?;
            store
                .rate_contract("ocds-bench", &draft.slug, &rating, &format!("token-{n}"))
                .await
                .map_err(err)?;
        }
    }
    eprintln!(
        "loaded {contracts} contracts of {suppliers} suppliers and {line} spend lines in {:.1} s",
        loading.elapsed().as_secs_f64()
    );

    let state = civic_web::AppState::new(store.clone(), civic_web::Config::default())
        .map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let base = format!(
        "http://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(civic_web::serve(listener, state, async {
        let _ = stopped.await;
    }));
    // reqwest is built without a TLS backend of its own; this is plain HTTP on loopback.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reset_peak();
    let before = peak_kib();
    let client = reqwest::Client::new();
    let asked = Instant::now();
    let mut response = client
        .get(format!("{base}/bodies/ocds-bench/contracts/ocds.json"))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.status().is_success() {
        return Err(format!("the package answered {}", response.status()));
    }
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).map_err(|e| e.to_string())?);
    let mut first_byte = None;
    let mut bytes = 0usize;
    while let Some(chunk) = response.chunk().await.map_err(|e| e.to_string())? {
        first_byte.get_or_insert_with(|| asked.elapsed());
        bytes += chunk.len();
        file.write_all(&chunk).map_err(|e| e.to_string())?;
    }
    let total = asked.elapsed();
    file.flush().map_err(|e| e.to_string())?;
    let peak = peak_kib();
    let _ = stop.send(());
    println!(
        "civic: {contracts} contracts, {line} transactions: first byte {:.0} ms, total {:.2} s, {:.1} MB, peak resident memory {:.0} MB (was {:.0} MB before the request; server and client in one process)",
        first_byte.unwrap_or(total).as_secs_f64() * 1000.0,
        total.as_secs_f64(),
        bytes as f64 / 1e6,
        peak as f64 / 1024.0,
        before as f64 / 1024.0,
    );
    println!("civic_total_seconds {:.3}", total.as_secs_f64());
    Ok(())
}
