//! `civic import addresses FILE`: loads an address file into the addresses register, checking
//! every row. Bad rows are reported with their line and reason and the good rows still load;
//! importing the same file again appends nothing. Rows are committed in batches, so a crash
//! loses at most the batch in flight, and the progress shown is always committed.

use civic_domain::register::AddressRow;
use civic_storage::{Actor, NewEntry, Store};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;

/// Rows committed per transaction. Each commit writes every page its batch dirtied, and
/// rows with random keys dirty about a page each until a batch outgrows the register's
/// indexes: 1,000,000 shuffled rows took 63 s at 10,000 a batch, 46 s at 50,000 (296 MB
/// resident) and 41 s at 100,000 (535 MB) on SQLite.
pub const BATCH: usize = 50_000;

/// The documented columns of an address file.
pub const COLUMNS: [&str; 7] = [
    "uprn",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "latitude",
    "longitude",
];

/// What an import did.
pub struct Imported {
    /// Rows read.
    pub rows: u64,
    /// Rows refused, with their line numbers and reasons.
    pub rejected: Vec<(u64, String)>,
    /// The register's size afterwards.
    pub register_size: u64,
}

/// One batch read from the file: the rows that passed, and how many lines it covered.
struct Batch {
    entries: Vec<NewEntry>,
    rows: u64,
    rejected: Vec<(u64, String)>,
}

/// Imports `path` into the addresses register. A thread reads and checks the file while the
/// batch before is written, so reading costs no time of its own.
pub async fn addresses(
    store: &dyn Store,
    path: &Path,
    show_progress: bool,
) -> Result<Imported, String> {
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = if show_progress {
        ProgressBar::new(size)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {percent:>3}% {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(bar.wrap_read(file));
    let headers = reader
        .headers()
        .map_err(|e| format!("cannot read the header row: {e}"))?
        .clone();
    let missing: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| !headers.iter().any(|h| h == *c))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the header row lacks {}; an address file has the columns {}",
            missing.join(", "),
            COLUMNS.join(",")
        ));
    }
    // Two batches in flight at most: one being written, one read ahead.
    let (send, mut batches) = tokio::sync::mpsc::channel::<Batch>(1);
    let reading = std::thread::spawn(move || read_batches(reader, &send));
    let mut imported = Imported {
        rows: 0,
        rejected: Vec::new(),
        register_size: 0,
    };
    while let Some(batch) = batches.recv().await {
        imported.rows += batch.rows;
        imported.rejected.extend(batch.rejected);
        if batch.entries.is_empty() {
            continue;
        }
        let head = store
            .append_entries("addresses", &batch.entries)
            .await
            .map_err(|e| e.to_string())?;
        imported.register_size = head.size;
        bar.set_message(format!("{} rows, {} entries", imported.rows, head.size));
    }
    if reading.join().is_err() {
        return Err("reading the file failed unexpectedly".into());
    }
    // No batch had a row to append (every row refused): the register's size as it was.
    if imported.register_size == 0 {
        imported.register_size = store
            .register_head("addresses")
            .await
            .map_err(|e| e.to_string())?
            .map(|h| h.size)
            .unwrap_or(0);
    }
    bar.finish_and_clear();
    Ok(imported)
}

/// Reads and checks the rows after the header, sending them in batches of [`BATCH`]; stops
/// early if the writer has stopped listening.
fn read_batches<R: std::io::Read>(
    mut reader: csv::Reader<R>,
    send: &tokio::sync::mpsc::Sender<Batch>,
) {
    let fresh = || Batch {
        entries: Vec::with_capacity(BATCH),
        rows: 0,
        rejected: Vec::new(),
    };
    let mut batch = fresh();
    for (i, record) in reader.deserialize::<AddressRow>().enumerate() {
        let line = i as u64 + 2;
        batch.rows += 1;
        match record.map_err(|e| format!("cannot be read: {e}")) {
            Ok(row) => match row.validate() {
                Ok(item) => {
                    let key = item.get("uprn").unwrap_or_default().to_string();
                    batch.entries.push(NewEntry { key, item });
                }
                Err(errors) => batch.rejected.push((line, errors.to_string())),
            },
            Err(reason) => batch.rejected.push((line, reason)),
        }
        if batch.entries.len() == BATCH
            && send
                .blocking_send(std::mem::replace(&mut batch, fresh()))
                .is_err()
        {
            return;
        }
    }
    let _ = send.blocking_send(batch);
}

/// What an Open Referral UK import found and did.
pub struct ReferralImport {
    /// The services imported (or, on a dry run, that would be).
    pub imported: usize,
    /// What the feed held that the import does not keep, one line each.
    pub left_out: Vec<String>,
}

/// Imports the services of an Open Referral UK feed (a file of JSON, or the address of a
/// feed's page or service) into `body`'s register, all in one transaction: if any service
/// is not valid for the body, every problem is returned and nothing is imported. With
/// `dry_run`, nothing is saved either way.
pub async fn open_referral(
    store: &dyn Store,
    body: &str,
    source: &str,
    dry_run: bool,
) -> Result<ReferralImport, String> {
    let text = if source.starts_with("http://") || source.starts_with("https://") {
        // A page of services is followed to its end, each service read in full.
        civic_web::openreferral::walk::walk(source, |address: String| async move {
            fetch(&address).await.map(String::into_bytes)
        })
        .await
        .map_err(|e| match e {
            civic_web::openreferral::walk::WalkError::Fetch(why) => why,
            civic_web::openreferral::walk::WalkError::TooMany => format!(
                "the feed lists more than {} services: import it a page at a time",
                civic_web::openreferral::walk::MAX_SERVICES
            ),
        })?
    } else {
        std::fs::read_to_string(source).map_err(|e| format!("cannot read {source}: {e}"))?
    };
    let feed = civic_domain::openreferral::import::read_feed(&text).map_err(|e| e.to_string())?;
    let body = store
        .get_body(body)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("there is no body {body}"))?;
    let drafts = feed.drafts_for(&body).map_err(|problems| {
        let lines: Vec<String> = problems
            .iter()
            .map(|(name, errors)| format!("{name}: {errors}"))
            .collect();
        format!(
            "nothing was imported: {} of the {} services cannot be:\n{}",
            lines.len(),
            feed.services.len(),
            lines.join("\n")
        )
    })?;
    if !dry_run && !drafts.is_empty() {
        store
            .create_services(
                &body.slug,
                &drafts,
                &Actor::system("Open Referral UK import"),
            )
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(ReferralImport {
        imported: drafts.len(),
        left_out: feed
            .left_out
            .iter()
            .map(|l| format!("{}: {}", l.service, l.what))
            .collect(),
    })
}

/// The body of a GET of `url`, as text; any answer but 2xx is an error.
async fn fetch(url: &str) -> Result<String, String> {
    let client = crate::verify::http_client()?;
    client
        .get(url)
        .timeout(std::time::Duration::from_secs(60))
        .header("Accept", "application/json")
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| format!("cannot fetch {url}: {e}"))?
        .text()
        .await
        .map_err(|e| format!("cannot fetch {url}: {e}"))
}
