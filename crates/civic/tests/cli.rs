//! The `civic` binary end to end: importing addresses (bad rows, idempotency, a kill -9 in
//! the middle), `civic verify` against a running deployment and against tampered copies,
//! and the demo's two years of history, on SQLite and PostgreSQL.

use civic_storage::db_test;
use std::process::{Command, Stdio};

fn civic() -> Command {
    Command::new(env!("CARGO_BIN_EXE_civic"))
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = civic().args(args).output().expect("civic runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn address_file(rows: usize, bad: bool) -> tempfile_path::TempPath {
    let mut text =
        String::from("uprn,address_line_1,address_line_2,town,postcode,latitude,longitude\n");
    for i in 0..rows {
        text.push_str(&format!(
            "{},{} Mill Lane,,Northam,ZZ1 {}AB,52.2,-0.9\n",
            200_000 + i,
            i + 1,
            i % 9 + 1
        ));
    }
    if bad {
        text.push_str("12x,1 Bad Street,,Northam,ZZ1 1AB,52.2,-0.9\n");
        text.push_str("300001,2 Bad Street,,Northam,not a postcode,52.2,-0.9\n");
        text.push_str("300002,3 Bad Street,,Northam,ZZ1 1AB,95,-0.9\n");
    }
    tempfile_path::write(&text)
}

mod tempfile_path {
    /// A file removed when dropped.
    pub struct TempPath(pub std::path::PathBuf);
    impl Drop for TempPath {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
    pub fn write(text: &str) -> TempPath {
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let name: u64 = rand_name() ^ COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("civic-cli-{name}.csv"));
        std::fs::write(&path, text).expect("write temp file");
        TempPath(path)
    }
    fn rand_name() -> u64 {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(std::process::id().into());
        h.finish()
            ^ std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(0)
    }
}

async fn serve(
    db: &civic_storage::testing::TestDatabase,
) -> (String, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let config = civic_web::Config {
        base_url: base.clone(),
        ..civic_web::Config::default()
    };
    let state = civic_web::AppState::new(db.store.clone(), config).unwrap();
    tokio::spawn(civic_web::serve(listener, state, async {
        let _ = rx.await;
    }));
    (base, tx)
}

async fn verify(args: Vec<String>) -> (bool, String, String) {
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&args)
    })
    .await
    .unwrap()
}

db_test!(imports_report_bad_rows_and_are_idempotent, |db| {
    let file = address_file(250, true);
    let path = file.0.to_string_lossy().to_string();
    let (ok, out, err) = run(&["import", "addresses", "--database", &db.url, &path]);
    assert!(ok, "{err}");
    assert!(
        out.contains("Read 253 rows: 250 loaded, 3 rejected"),
        "{out}"
    );
    assert!(
        err.contains("line 252: uprn: UPRN must be 1 to 12 digits"),
        "{err}"
    );
    assert!(err.contains("line 253: postcode"), "{err}");
    assert!(err.contains("line 254: latitude"), "{err}");
    let (ok, out, _) = run(&["import", "addresses", "--database", &db.url, &path]);
    assert!(ok);
    assert!(
        out.contains("The addresses register has 250 entries"),
        "re-import appends nothing: {out}"
    );
    let missing = run(&[
        "import",
        "addresses",
        "--database",
        &db.url,
        "/nonexistent.csv",
    ]);
    assert!(!missing.0 && missing.2.contains("cannot open"));
});

db_test!(verify_checks_a_live_register_and_catches_tampering, |db| {
    let file = address_file(300, false);
    let path = file.0.to_string_lossy().to_string();
    assert!(run(&["import", "addresses", "--database", &db.url, &path]).0);
    let (base, _stop) = serve(&db).await;
    let sth_file = tempfile_path::write("");
    let sth = sth_file.0.clone();
    let url = format!("{base}/registers/addresses");
    let (ok, out, err) = verify(vec![
        "verify".into(),
        url.clone(),
        "--save".into(),
        sth.to_string_lossy().into(),
    ])
    .await;
    assert!(ok, "{err}");
    assert!(
        out.contains("Verified register 'addresses': 300 entries"),
        "{out}"
    );

    // More addresses arrive; the saved head is consistent with the new register.
    let more = address_file(320, false);
    assert!(
        run(&[
            "import",
            "addresses",
            "--database",
            &db.url,
            &more.0.to_string_lossy()
        ])
        .0
    );
    let (ok, out, err) = verify(vec![
        "verify".into(),
        url.clone(),
        "--since".into(),
        sth.to_string_lossy().into(),
    ])
    .await;
    assert!(ok, "{err}");
    assert!(out.contains("320 entries"), "{out}");

    // A saved copy with one item changed is caught at that entry.
    let key: serde_json::Value = reqwest_get_json(&format!("{base}/registers/public-key")).await;
    let key = key["public_key"].as_str().unwrap().to_string();
    let copy = reqwest_get_text(&format!("{url}/download")).await;
    let tampered = copy.replacen(
        "\"address-line-1\":\"7 Mill Lane\"",
        "\"address-line-1\":\"7 Mill Road\"",
        1,
    );
    assert_ne!(tampered, copy);
    let file = tempfile_path::write(&tampered);
    let (ok, _, err) = verify(vec![
        "verify".into(),
        file.0.to_string_lossy().into(),
        "--public-key".into(),
        key.clone(),
    ])
    .await;
    assert!(!ok);
    assert!(err.contains("entry 7 "), "{err}");
    // An entry's key changed is caught by the next root check (every 4,096 entries, and
    // after the last).
    let rekeyed = copy.replacen("\t200010\t", "\t999999\t", 1);
    let file = tempfile_path::write(&rekeyed);
    let (ok, _, err) = verify(vec![
        "verify".into(),
        file.0.to_string_lossy().into(),
        "--public-key".into(),
        key.clone(),
    ])
    .await;
    assert!(!ok);
    assert!(
        err.contains("the first bad entry is between entries 1 and 320"),
        "{err}"
    );
    // A wrong key, and an untouched copy.
    let file = tempfile_path::write(&copy);
    let wrong_key = "mvlZnE1EiPJ273lQCcRMb9bsIAu5Hd963tOtF4lN95A=".to_string();
    let (ok, _, err) = verify(vec![
        "verify".into(),
        file.0.to_string_lossy().into(),
        "--public-key".into(),
        wrong_key,
    ])
    .await;
    assert!(
        !ok && err.contains("not signed by this deployment"),
        "{err}"
    );
    let (ok, _, err) = verify(vec![
        "verify".into(),
        file.0.to_string_lossy().into(),
        "--public-key".into(),
        key,
    ])
    .await;
    assert!(ok, "{err}");
});

db_test!(a_crash_mid_import_loses_nothing_acknowledged, |db| {
    const ROWS: u64 = 60_000;
    // Rows per committed batch, as `civic import` commits them.
    const BATCH: u64 = 10_000;
    let file = address_file(ROWS as usize, false);
    let path = file.0.to_string_lossy().to_string();
    let mut child = civic()
        .args(["import", "addresses", "--database", &db.url, &path])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once a batch has committed: mid-import, provably.
    let mut committed = 0;
    for _ in 0..1500 {
        if let Some(head) = db.store.register_head("addresses").await.unwrap() {
            committed = head.size;
            if committed >= BATCH {
                break;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the import finished before it could be killed; give it more rows"
    );
    let _ = child.kill(); // SIGKILL: no chance to clean up
    let _ = child.wait();
    assert!(committed >= BATCH, "no batch committed before the kill");
    let (base, _stop) = serve(&db).await;
    let url = format!("{base}/registers/addresses");
    let head = db.store.register_head("addresses").await.unwrap().unwrap();
    assert!(head.size < ROWS, "the import was cut short");
    assert_eq!(head.size % BATCH, 0, "only whole committed batches survive");
    let (ok, _, err) = verify(vec!["verify".into(), url.clone()]).await;
    assert!(ok, "{err}");
    let (ok, out, err) = run(&["import", "addresses", "--database", &db.url, &path]);
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!("The addresses register has {ROWS} entries")),
        "{out}"
    );
    let (ok, out, err) = verify(vec!["verify".into(), url]).await;
    assert!(ok, "{err}");
    assert!(out.contains(&format!("{ROWS} entries")), "{out}");
});

db_test!(the_demo_carries_two_years_of_history, |db| {
    let (ok, _, err) = run(&["demo", "--no-serve", "--database", &db.url]);
    assert!(ok, "{err}");
    let (base, _stop) = serve(&db).await;
    // Month by month for the last 24 months (the dashboards' default), nationally and for
    // one body: volumes, times to outcome, satisfaction and cost per transaction.
    for query in ["", "?body=northshire", "?body=eastvale"] {
        let report = reqwest_get_json(&format!("{base}/performance/data.json{query}")).await;
        let rows = report["data"].as_array().expect("rows");
        assert_eq!(rows.len(), 24, "{query}");
        let months_with = |field: &str, least: f64| {
            rows.iter()
                .filter(|r| r[field].as_f64().is_some_and(|v| v > least))
                .count()
        };
        for (field, least) in [
            ("started", 0.0),
            ("completed", 0.0),
            ("median_days", 1.0),
            ("p90_days", 1.0),
            ("satisfaction_answers", 0.0),
            ("cost_per_transaction", 0.0),
        ] {
            let months = months_with(field, least);
            assert!(months >= 20, "{query}: {field} in only {months} months");
        }
        let take_up = |r: &serde_json::Value| r["digital_take_up"].as_f64().unwrap_or(0.0);
        assert!(
            take_up(&rows[22]) > take_up(&rows[0]),
            "{query}: the digital channel grows"
        );
    }
    // Civic's own requests, back-dated and closed days later, have times to outcome too.
    let potholes = reqwest_get_json(&format!(
        "{base}/performance/data.json?code=LGSL%2090&period=quarter"
    ))
    .await;
    let quarters = potholes["data"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["median_days"].as_f64().is_some_and(|d| d > 1.0))
        .count();
    assert!(quarters >= 6, "pothole medians in only {quarters} quarters");
    let page = reqwest_get_text(&format!("{base}/bodies/northshire/performance")).await;
    assert!(page.contains("Cost per transaction"), "spend is mapped");
    // The survey emails of the history are recorded as sent then, not sent at start-up.
    let pending = db.store.outbox_pending().await.unwrap();
    assert!(pending < 20, "{pending} emails wait to be sent");
});

async fn reqwest_get_text(url: &str) -> String {
    let url = url.to_string();
    tokio::task::spawn_blocking(move || {
        let out = Command::new("curl")
            .args(["-fsS", &url])
            .output()
            .expect("curl");
        String::from_utf8_lossy(&out.stdout).into_owned()
    })
    .await
    .unwrap()
}

async fn reqwest_get_json(url: &str) -> serde_json::Value {
    serde_json::from_str(&reqwest_get_text(url).await).unwrap()
}

/// The GOV.UK registers archive's files, unchanged, and the same files tampered with.
#[test]
fn verify_checks_govuk_archive_files_against_their_own_roots() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/govuk");
    let datatype = format!("{fixtures}/datatype.rsf");
    let (ok, out, err) = run(&["verify", &datatype]);
    assert!(ok, "{err}");
    assert!(
        out.contains("6 entries and 11 system entries")
            && out.contains(
                "sha-256:f4787e45dc81d352b1f57c7b7a219e7ce862b3c74637171d230eed04cfb91b30"
            ),
        "{out}"
    );
    let register = format!("{fixtures}/register.rsf");
    let (ok, out, err) = run(&["verify", &register]);
    assert!(ok, "{err}");
    assert!(out.contains("75 entries"), "{out}");

    let text = std::fs::read_to_string(&register).unwrap();
    // A user entry's timestamp moved: the final root no longer matches.
    let moved = text.replacen("\t2016-08-04T14:45:41Z\t", "\t2016-08-04T14:45:42Z\t", 1);
    assert_ne!(moved, text);
    let (ok, _, err) = run(&["verify", &tempfile_path::write(&moved).0.to_string_lossy()]);
    assert!(!ok);
    assert!(err.contains("does not match"), "{err}");
    // The last assertion cut off: nothing checks the entries after the empty root.
    let cut: String = text
        .lines()
        .filter(|l| !l.starts_with("assert-root-hash\tsha-256:0bf3"))
        .map(|l| format!("{l}\n"))
        .collect();
    let (ok, _, err) = run(&["verify", &tempfile_path::write(&cut).0.to_string_lossy()]);
    assert!(!ok);
    assert!(err.contains("nothing"), "{err}");
    // An item no entry refers to.
    let orphan = format!("{text}add-item\t{{\"register\":\"orphan\"}}\n");
    let (ok, _, err) = run(&["verify", &tempfile_path::write(&orphan).0.to_string_lossy()]);
    assert!(!ok);
    assert!(err.contains("no orphan items"), "{err}");
}

db_test!(
    an_open_referral_feed_moves_a_register_to_another_body,
    |db| {
        use civic_domain::{BodyInput, ChannelInput, ServiceInput};
        let store = &db.store;
        for (slug, name, welsh) in [
            ("northshire", "Northshire County Council", ""),
            ("eastvale", "Eastvale District Council", ""),
            ("cwmtaf", "Cwm Taf Council", "yes"),
        ] {
            let body = BodyInput {
                slug: slug.into(),
                name: name.into(),
                kind: "county_council".into(),
                name_cy: if welsh.is_empty() {
                    String::new()
                } else {
                    "Cyngor Cwm Taf".into()
                },
                welsh_standards: welsh.into(),
                ..Default::default()
            };
            store.create_body(&body.validate().unwrap()).await.unwrap();
        }
        let channel = |kind: &str, detail: &str| ChannelInput {
            kind: kind.into(),
            detail: detail.into(),
            detail_cy: String::new(),
        };
        let inputs = [
            ServiceInput {
                code: "LGSL 524".into(),
                name: "Report a missed bin".into(),
                description: "Tell us when your bin was not emptied.".into(),
                channels: vec![
                    channel("online", "https://www.example.gov.uk/bins"),
                    channel("phone", "01632 960 001"),
                    channel(
                        "counter",
                        "Town Hall, High Street, Northam\nMonday to Friday, 9am to 5pm",
                    ),
                    channel("post", "Town Hall, High Street, Northam, ZZ1 1AA"),
                    channel(
                        "assisted_digital",
                        "Ask at any library for help to report it online.",
                    ),
                ],
                digital_inclusion_level: Some(6),
                ..Default::default()
            },
            ServiceInput {
                code: "LGSL 1044".into(),
                name: "Apply for a parking permit".into(),
                description: "A permit to park near your home.".into(),
                channels: vec![channel("phone", "01632 960 002")],
                digital_inclusion_level: Some(3),
                ..Default::default()
            },
        ]
        .map(|input| input.validate().unwrap());
        store
            .create_services("northshire", &inputs, &civic_storage::Actor::system("test"))
            .await
            .unwrap();
        let (base, _stop) = serve(&db).await;
        let listed =
            reqwest_get_json(&format!("{base}/bodies/northshire/openreferral/services")).await;
        let mut feed = Vec::new();
        for service in listed["contents"].as_array().unwrap() {
            let id = service["id"].as_str().unwrap();
            feed.push(reqwest_get_json(&format!("{base}/openreferral/services/{id}")).await);
        }
        let file = tempfile_path::write(&serde_json::Value::Array(feed).to_string());
        let path = file.0.to_string_lossy().to_string();

        // A body under the Welsh Language Standards takes no service without Welsh: all or nothing.
        let (ok, _, err) = run(&[
            "import",
            "openreferral",
            "--database",
            &db.url,
            "--body",
            "cwmtaf",
            &path,
        ]);
        assert!(!ok);
        assert!(
            err.contains("nothing was imported: 2 of the 2 services"),
            "{err}"
        );
        let dry = run(&[
            "import",
            "openreferral",
            "--database",
            &db.url,
            "--body",
            "eastvale",
            "--dry-run",
            &path,
        ]);
        assert!(
            dry.0 && dry.1.contains("2 services would be imported"),
            "{dry:?}"
        );
        let (ok, out, err) = run(&[
            "import",
            "openreferral",
            "--database",
            &db.url,
            "--body",
            "eastvale",
            &path,
        ]);
        assert!(ok, "{err}");
        assert!(out.contains("Imported 2 services into eastvale"), "{out}");
        assert!(err.is_empty(), "Civic's own feed loses nothing: {err}");
        let register = |body: &str| {
            let body = body.to_string();
            async move {
                store
                    .list_services(&civic_storage::ServiceQuery {
                        body: Some(body),
                        ..Default::default()
                    })
                    .await
                    .unwrap()
                    .services
                    .into_iter()
                    .map(|s| {
                        (
                            s.slug,
                            s.name,
                            s.description,
                            s.code,
                            s.digital_inclusion_level,
                            s.channels,
                        )
                    })
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(
            register("eastvale").await,
            register("northshire").await,
            "the same services"
        );
        let cwmtaf = register("cwmtaf").await;
        assert!(cwmtaf.is_empty(), "nothing half-imported");
        // A feed's address, as well as a file.
        let one = format!(
            "{base}/openreferral/services/{}",
            listed["contents"][0]["id"].as_str().unwrap()
        );
        let into_eastvale = |rest: &[String]| {
            let mut args: Vec<String> = ["import", "openreferral", "--database", &db.url]
                .iter()
                .map(|a| a.to_string())
                .collect();
            args.extend(["--body".to_string(), "eastvale".to_string()]);
            args.extend(rest.iter().cloned());
            verify(args)
        };
        let by_url = into_eastvale(&["--dry-run".into(), one]).await;
        assert!(
            by_url.0 && by_url.1.contains("1 service would be imported"),
            "{by_url:?}"
        );
        let gone = into_eastvale(&[format!(
            "{base}/openreferral/services/00000000-0000-8000-8000-000000000000"
        )])
        .await;
        assert!(!gone.0 && gone.2.contains("cannot fetch"), "{gone:?}");
        let (ok, _, err) = run(&[
            "import",
            "openreferral",
            "--database",
            &db.url,
            "--body",
            "eastvale",
            "/nonexistent.json",
        ]);
        assert!(!ok && err.contains("cannot read"), "{err}");
    }
);

db_test!(suppliers_are_checked_against_a_register_extract, |db| {
    use civic_domain::supplier::{OrgId, RegisterStatus, SupplierInput};
    for (org_id, name) in [
        ("GB-CHC-1190001", "Mobility Assessment Partnership"),
        ("GB-CHC-1000003", "Not In The Extract"),
    ] {
        let draft = SupplierInput {
            org_id: org_id.into(),
            name: name.into(),
            address: "1 High Street".into(),
            postcode: "ZZ1 1AA".into(),
            scale: "micro".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        db.store.create_supplier(&draft, None).await.unwrap();
    }
    // A partner carrying a charity number is checked by the same import.
    let (ok, out, err) = run(&[
        "partner",
        "add",
        "--database",
        &db.url,
        "--name",
        "Old Village Hall Trust",
        "--org-id",
        "GB-CHC-1000002",
    ]);
    assert!(ok && out.contains("old-village-hall-trust"), "{err}");
    let (ok, _, err) = run(&[
        "partner",
        "add",
        "--database",
        &db.url,
        "--name",
        "Bad",
        "--org-id",
        "GB-XYZ-1",
    ]);
    assert!(!ok && err.contains("GB-XYZ-1"), "{err}");
    // It gets keys with scopes; a scope Civic does not know issues nothing.
    let (ok, key, err) = run(&[
        "apikey",
        "create",
        "--database",
        &db.url,
        "--body",
        "eastvale",
        "--name",
        "Hall bookings",
        "--scope",
        "open311:write",
        "--partner",
        "old-village-hall-trust",
    ]);
    assert!(!ok && err.contains("no body 'eastvale'"), "{err} {key}");
    let body = civic_domain::BodyInput {
        name: "Eastvale".into(),
        kind: "district_council".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    db.store.create_body(&body).await.unwrap();
    let (ok, key, err) = run(&[
        "apikey",
        "create",
        "--database",
        &db.url,
        "--body",
        "eastvale",
        "--name",
        "Hall bookings",
        "--kind",
        "test",
        "--scope",
        "open311:write",
        "--scope",
        "webhooks:manage",
        "--partner",
        "old-village-hall-trust",
    ]);
    assert!(ok, "{err}");
    assert!(key.trim().starts_with("civic_test_"), "{key}");
    let (ok, _, err) = run(&[
        "apikey",
        "create",
        "--database",
        &db.url,
        "--body",
        "eastvale",
        "--name",
        "x",
        "--scope",
        "root:all",
    ]);
    assert!(!ok && err.contains("root:all"), "{err}");
    let keys = db
        .store
        .partner_api_keys("old-village-hall-trust")
        .await
        .unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(
        civic_domain::api_key::Scope::join(&keys[0].scopes),
        "open311:write webhooks:manage"
    );
    // A small file in the layout of the Charity Commission's own extract.
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/registers/charity-extract.txt"
    );
    let (ok, out, err) = run(&[
        "import",
        "register-extract",
        "--database",
        &db.url,
        "--scheme",
        "GB-CHC",
        "--source",
        "Charity Commission register extract, 1 December 2026",
        fixture,
    ]);
    assert!(ok, "{err}");
    assert!(
        out.contains(
            "Checked 3 suppliers and partners with GB-CHC identifiers: 1 registered, 1 removed, 1 not listed"
        ),
        "{out}"
    );
    let map = db
        .store
        .supplier(&OrgId::parse("GB-CHC-1190001").unwrap())
        .await
        .unwrap()
        .unwrap()
        .verification
        .unwrap();
    assert_eq!(map.status, RegisterStatus::Registered);
    assert_eq!(map.checked_by, "the hub's administrators");
    let hall = db
        .store
        .partner("old-village-hall-trust")
        .await
        .unwrap()
        .unwrap()
        .verification
        .unwrap();
    assert_eq!(hall.status, RegisterStatus::Removed);
    let (ok, _, err) = run(&[
        "import",
        "register-extract",
        "--database",
        &db.url,
        "--scheme",
        "GB-PPON",
        "--source",
        "x",
        fixture,
    ]);
    assert!(
        !ok && err.contains("reads register extracts for GB-CHC"),
        "{err}"
    );
    let (ok, _, err) = run(&[
        "import",
        "register-extract",
        "--database",
        &db.url,
        "--scheme",
        "GB-COH",
        "--source",
        "x",
        fixture,
    ]);
    assert!(
        !ok && err.contains("lacks the column CompanyNumber"),
        "{err}"
    );
});

db_test!(api_keys_never_reach_the_log, |db| {
    let body = civic_domain::BodyInput {
        name: "Eastvale".into(),
        kind: "district_council".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    db.store.create_body(&body).await.unwrap();
    let draft = civic_domain::api_key::KeyInput {
        name: "Logged app".into(),
        kind: "live".into(),
        scopes: "services:write open311:write".into(),
        ..Default::default()
    }
    .validate(time::OffsetDateTime::now_utc().date())
    .unwrap();
    let key = "civic_live_RealKeyNeverLogged0123456789abcdef";
    db.store
        .create_api_key(
            "eastvale",
            &civic_storage::NewApiKey {
                draft: &draft,
                partner: None,
                agreement: None,
                key_hash: &civic_web::app::tokens::token_hash(key),
                shown: "",
            },
        )
        .await
        .unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let log = tempfile_path::write("");
    let mut server = civic()
        .args([
            "serve",
            "--database",
            &db.url,
            "--bind",
            &format!("127.0.0.1:{port}"),
        ])
        .env("RUST_LOG", "trace")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log.0).unwrap())
        .spawn()
        .unwrap();
    let curl = |args: Vec<String>| {
        tokio::task::spawn_blocking(move || {
            Command::new("curl")
                .args(["-s", "-o", "/dev/null", "-w", "%{http_code}"])
                .args(&args)
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
                .unwrap_or_default()
        })
    };
    let mut up = false;
    for _ in 0..100 {
        if curl(vec![format!("{base}/healthz")]).await.unwrap() == "200" {
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(up, "civic serve did not start");
    let service = r#"{"code":"X1","name":"Logged service","description":"x","digital_inclusion_level":1,"channels":[{"kind":"phone","detail":"01632 960 009"}]}"#;
    let answers = [
        curl(vec![
            "-X".into(),
            "POST".into(),
            format!(
                "{base}/bodies/eastvale/open311/v2/requests.json?api_key=QuerySecretNeverLogged"
            ),
            "-d".into(),
            "api_key=FormSecretNeverLogged&service_code=x".into(),
        ]),
        curl(vec![
            "-H".into(),
            "Authorization: Bearer HeaderSecretNeverLogged".into(),
            "-H".into(),
            "Content-Type: application/json".into(),
            "-d".into(),
            service.into(),
            format!("{base}/api/bodies/eastvale/services"),
        ]),
        curl(vec![
            "-H".into(),
            format!("Authorization: Bearer {key}"),
            "-H".into(),
            "Content-Type: application/json".into(),
            "-d".into(),
            service.into(),
            format!("{base}/api/bodies/eastvale/services"),
        ]),
    ];
    let mut codes = Vec::new();
    for answer in answers {
        codes.push(answer.await.unwrap());
    }
    assert_eq!(
        codes,
        ["403", "401", "201"],
        "each request reached its handler"
    );
    let _ = server.kill();
    let _ = server.wait();
    let logged = std::fs::read_to_string(&log.0).unwrap();
    assert!(
        logged.contains("/api/bodies/eastvale/services"),
        "requests are logged (by path): {}",
        &logged[..logged.len().min(2000)]
    );
    for secret in [
        key,
        "QuerySecretNeverLogged",
        "FormSecretNeverLogged",
        "HeaderSecretNeverLogged",
    ] {
        assert!(!logged.contains(secret), "{secret} was written to the log");
    }
});
