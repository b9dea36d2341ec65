//! Performance data: event ingest, cells, exact times, surveys and spend.

use super::*;
use civic_domain::RequestStatus;
use civic_domain::measures::{
    EventChannel, EventInput, Grain, TransactionEvent, exact_quantile_i64,
};
use civic_storage::{MeasureFilter, NewSpendLine, RequestChange, SurveyAnswer};
use time::macros::date;

fn event(id: &str, channel: &str) -> TransactionEvent {
    EventInput {
        id: id.into(),
        channel: channel.into(),
        started_at: "2026-11-01T09:00:00Z".into(),
        outcome_at: Some("2026-11-04T09:00:00Z".into()),
        satisfaction: Some(5),
        ..Default::default()
    }
    .validate()
    .unwrap()
}

/// Event "p1", started on 2 November 2026 by the digital channel, with this outcome.
fn p1(outcome_at: Option<&str>, outcome: Option<&str>) -> TransactionEvent {
    EventInput {
        id: "p1".into(),
        channel: "digital".into(),
        started_at: "2026-11-02T09:00:00Z".into(),
        outcome_at: outcome_at.map(str::to_string),
        outcome: outcome.map(str::to_string),
        ..Default::default()
    }
    .validate()
    .unwrap()
}

fn month(body: &str, from: time::Date) -> MeasureFilter {
    MeasureFilter {
        body: Some(body.into()),
        service: None,
        code: None,
        grain: Grain::Month,
        from,
        to: date!(2100 - 01 - 01),
    }
}

async fn total(
    store: &std::sync::Arc<dyn civic_storage::Store>,
    filter: &MeasureFilter,
) -> civic_domain::measures::Measures {
    let mut all = civic_domain::measures::Measures::default();
    for cell in store.measures(filter).await.unwrap() {
        all.merge(&cell.measures);
    }
    // The counts-only read (from the body-month summaries) agrees on every count of
    // every cell, for this body and nationally, and carries no times.
    let national = MeasureFilter {
        body: None,
        ..filter.clone()
    };
    // Kept at every write, then rebuilt from the cells: the same both times.
    for (rebuild, filter) in [(false, filter), (false, &national), (true, &national)] {
        if rebuild {
            assert!(store.rebuild_month_summaries().await.unwrap() > 0);
        }
        let key = |c: &civic_storage::MeasureCell| {
            let m = &c.measures;
            (
                (c.body.clone(), c.service.clone(), c.period_start),
                (
                    c.body_name.clone(),
                    c.service_name.clone(),
                    c.code.clone(),
                    c.target_days,
                ),
                (m.started, m.completed, m.not_completed, m.satisfaction),
            )
        };
        let mut cells: Vec<_> = store
            .measures(filter)
            .await
            .unwrap()
            .iter()
            .map(key)
            .collect();
        let counted = store.measure_counts(filter).await.unwrap();
        assert!(counted.iter().all(|c| c.measures.durations.count == 0));
        let mut counts: Vec<_> = counted.iter().map(key).collect();
        cells.sort();
        counts.sort();
        assert_eq!(counts, cells);
    }
    all
}

/// Eastvale, with its one service, "Renew a passport", and a data set for it (token
/// hash "h1").
async fn eastvale_with_passports(
    store: &std::sync::Arc<dyn civic_storage::Store>,
) -> civic_storage::Dataset {
    store.create_body(&body("Eastvale")).await.unwrap();
    store
        .create_services(
            "eastvale",
            &[service("Renew a passport", 7)],
            &Actor::system("t"),
        )
        .await
        .unwrap();
    store
        .create_dataset(
            "eastvale",
            "passports",
            "Passports",
            "renew-a-passport",
            "h1",
            24,
        )
        .await
        .unwrap()
}

db_test!(events_ingest_once_per_id_and_batches_are_atomic, |db| {
    let store = &db.store;
    let set = eastvale_with_passports(store).await;
    let missing = store
        .create_dataset("eastvale", "other", "Other", "nope", "h0", 24)
        .await;
    assert!(matches!(missing, Err(StorageError::NotFound)));
    let again = store
        .create_dataset(
            "eastvale",
            "passports",
            "Other",
            "renew-a-passport",
            "h2",
            24,
        )
        .await;
    assert!(matches!(again, Err(StorageError::Conflict(_))));
    assert_eq!(
        store
            .dataset("eastvale", "passports")
            .await
            .unwrap()
            .unwrap(),
        set
    );
    assert!(
        store
            .dataset("riverton", "passports")
            .await
            .unwrap()
            .is_none()
    );
    // Its token is an API key scoped to push this data set's events.
    let key = store.api_key("h1").await.unwrap().unwrap();
    assert_eq!(
        key.scopes,
        [civic_domain::api_key::Scope::EventsWrite(
            "passports".into()
        )]
    );
    assert_eq!(key.body, "eastvale");
    assert_eq!(store.list_datasets("eastvale").await.unwrap().len(), 1);

    let batch: Vec<_> = (0..1200)
        .map(|i| {
            event(
                &format!("e{i}"),
                if i % 3 == 0 { "phone" } else { "digital" },
            )
        })
        .collect();
    let first = store.ingest_events(&set, &batch).await.unwrap();
    assert_eq!((first.accepted, first.duplicates), (1200, 0));
    // The sender retries after losing the acknowledgement, with one new event.
    let mut retry = batch[1000..].to_vec();
    retry.push(event("e-new", "post"));
    retry.push(event("e-new", "post"));
    let reopened = civic_storage::connect(&db.url).await.unwrap();
    let second = reopened.ingest_events(&set, &retry).await.unwrap();
    assert_eq!(
        (second.accepted, second.duplicates),
        (1, 201),
        "nothing counted twice"
    );
    let stored = reopened
        .dataset("eastvale", "passports")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.events, 1201);
    assert!(stored.last_received_at.is_some());
    assert!(!stored.is_stale(OffsetDateTime::now_utc()));
    assert!(stored.is_stale(OffsetDateTime::now_utc() + Duration::hours(25)));

    // The measures are the sum of the events, whatever the retries.
    let m = total(&reopened, &month("eastvale", date!(2026 - 01 - 01))).await;
    assert_eq!(m.volume(), 1201);
    assert_eq!(m.started[EventChannel::Phone.index()], 400);
    assert_eq!(m.started[EventChannel::Post.index()], 1);
    assert_eq!(m.completions(), 1201);
    assert_eq!(m.satisfaction[4], 1201);
    let median = m.durations.quantile(0.5).unwrap();
    assert!((median - 3.0 * 86_400.0).abs() <= 0.01 * 3.0 * 86_400.0);
    let days = MeasureFilter {
        grain: Grain::Day,
        ..month("eastvale", date!(2026 - 11 - 04))
    };
    let on_the_day = total(&reopened, &days).await;
    assert_eq!((on_the_day.volume(), on_the_day.completions()), (0, 1201));

    // A pending transaction sent again with its outcome is brought up to date.
    let pending = p1(None, None);
    reopened.ingest_events(&set, &[pending]).await.unwrap();
    let backlog = reopened
        .backlog(Some("eastvale"), None, None)
        .await
        .unwrap();
    assert_eq!(backlog.len(), 1);
    assert_eq!(backlog[0].open, 1);
    let done = p1(Some("2026-11-02T10:00:00Z"), Some("abandoned"));
    let third = reopened
        .ingest_events(&set, &[done.clone(), done])
        .await
        .unwrap();
    assert_eq!((third.accepted, third.updated, third.duplicates), (0, 1, 1));
    let m = total(&reopened, &month("eastvale", date!(2026 - 01 - 01))).await;
    assert_eq!(
        (m.volume(), m.completions(), m.not_completed),
        (1202, 1201, 1)
    );
    assert!(
        reopened
            .backlog(Some("eastvale"), None, None)
            .await
            .unwrap()
            .is_empty()
    );
});

db_test!(the_same_events_sent_twice_at_once_count_once, |db| {
    let store = &db.store;
    let set = eastvale_with_passports(store).await;
    // Two senders (a retry racing the original) with overlapping batches, each on its
    // own connection: on PostgreSQL the second insert meets rows the first has not
    // committed when it read, and must count none of them.
    let first: Vec<_> = (0..700)
        .map(|i| event(&format!("e{i}"), "digital"))
        .collect();
    let second: Vec<_> = (300..1000)
        .map(|i| event(&format!("e{i}"), "digital"))
        .collect();
    let other = civic_storage::connect(&db.url).await.unwrap();
    let (a, b) = tokio::join!(
        store.ingest_events(&set, &first),
        other.ingest_events(&set, &second)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.accepted + b.accepted, 1000);
    assert_eq!(a.duplicates + b.duplicates, 400);
    let m = total(store, &month("eastvale", date!(2026 - 01 - 01))).await;
    assert_eq!(m.volume(), 1000);
    assert_eq!(m.completions(), 1000);
    let stored = store
        .dataset("eastvale", "passports")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.events, 1000);

    // A pending event's outcome sent twice at once is counted once.
    let pending = p1(None, None);
    store.ingest_events(&set, &[pending]).await.unwrap();
    let done = p1(Some("2026-11-03T09:00:00Z"), None);
    let (a, b) = tokio::join!(
        store.ingest_events(&set, std::slice::from_ref(&done)),
        other.ingest_events(&set, std::slice::from_ref(&done))
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!((a.updated + b.updated, a.duplicates + b.duplicates), (1, 1));
    let m = total(store, &month("eastvale", date!(2026 - 01 - 01))).await;
    assert_eq!((m.volume(), m.completions()), (1001, 1001));
});

db_test!(day_cells_stored_a_row_each_fold_into_their_months, |db| {
    let store = &db.store;
    let set = eastvale_with_passports(store).await;
    let events: Vec<_> = (0..90i64)
        .map(|i| {
            EventInput {
                id: format!("e{i}"),
                channel: ["digital", "phone", "post"][i as usize % 3].into(),
                started_at: format!("2026-10-{:02}T09:00:00Z", 1 + i % 31),
                outcome_at: (i % 4 != 0)
                    .then(|| format!("2026-11-{:02}T10:{:02}:00Z", 1 + i % 30, i % 60)),
                satisfaction: (i % 4 != 0 && i % 5 == 0).then_some(4),
                ..Default::default()
            }
            .validate()
            .unwrap()
        })
        .collect();
    store.ingest_events(&set, &events).await.unwrap();
    let days = MeasureFilter {
        grain: Grain::Day,
        from: date!(2026 - 10 - 01),
        to: date!(2026 - 12 - 01),
        ..month("eastvale", date!(2026 - 10 - 01))
    };
    let by_day = store.measures(&days).await.unwrap();
    let by_month = store
        .measures(&month("eastvale", date!(2026 - 01 - 01)))
        .await
        .unwrap();
    assert_eq!(by_day.len(), 61);
    // A store made before days were packed: a row per day, months without days, and
    // the fold asked for, as migration 0011 leaves it.
    macro_rules! unpack_days {
        ($conn:ty) => {{
            use sqlx::Connection;
            let mut raw = <$conn>::connect(&db.url).await.unwrap();
            let service: i64 = sqlx::query_scalar("SELECT id FROM services")
                .fetch_one(&mut raw)
                .await
                .unwrap();
            sqlx::query("UPDATE measure_cells SET days = $1")
                .bind(Vec::<u8>::new())
                .execute(&mut raw)
                .await
                .unwrap();
            for cell in &by_day {
                let m = &cell.measures;
                let mut insert = sqlx::query(
                    "INSERT INTO measure_cells (service_id, grain, period_start, \
                     started_digital, started_assisted_digital, started_phone, \
                     started_counter, started_post, started_email, completed_digital, \
                     completed_assisted_digital, completed_phone, completed_counter, \
                     completed_post, completed_email, not_completed, satisfaction_1, \
                     satisfaction_2, satisfaction_3, satisfaction_4, satisfaction_5, \
                     durations) VALUES ($1, 'day', $2, $3, $4, $5, $6, $7, $8, $9, $10, \
                     $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)",
                )
                .bind(service)
                .bind(cell.period_start);
                for n in m.started.iter().chain(&m.completed) {
                    insert = insert.bind(*n);
                }
                insert = insert.bind(m.not_completed);
                for n in &m.satisfaction {
                    insert = insert.bind(*n);
                }
                insert
                    .bind(m.durations.to_bytes())
                    .execute(&mut raw)
                    .await
                    .unwrap();
            }
            sqlx::query("INSERT INTO pending_rebuilds (name) VALUES ('day_cells')")
                .execute(&mut raw)
                .await
                .unwrap();
        }};
    }
    match store.backend() {
        civic_storage::Backend::Sqlite => unpack_days!(sqlx::SqliteConnection),
        civic_storage::Backend::Postgres => unpack_days!(sqlx::PgConnection),
    }
    assert!(store.measures(&days).await.unwrap().is_empty());
    let old = civic_storage::connect(&db.url).await.unwrap();
    old.migrate().await.unwrap();
    assert_eq!(store.measures(&days).await.unwrap(), by_day);
    // Counts agree with the counts-only reads, for the body and nationally.
    total(store, &days).await;
    // Days from mid-month to mid-month, across the turn of the month.
    let span = MeasureFilter {
        from: date!(2026 - 10 - 29),
        to: date!(2026 - 11 - 03),
        ..days.clone()
    };
    let expected: Vec<_> = by_day
        .iter()
        .filter(|c| c.period_start >= span.from && c.period_start < span.to)
        .cloned()
        .collect();
    assert_eq!(expected.len(), 5);
    assert_eq!(store.measures(&span).await.unwrap(), expected);
    assert_eq!(
        store
            .measures(&month("eastvale", date!(2026 - 01 - 01)))
            .await
            .unwrap(),
        by_month
    );
});

db_test!(exact_times_match_a_sort_of_every_duration, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    store.create_body(&body("Riverton")).await.unwrap();
    for b in ["eastvale", "riverton"] {
        store
            .create_services(
                b,
                &[service("Bins", 3), service("Parking", 3)],
                &Actor::system("t"),
            )
            .await
            .unwrap();
    }
    // One body-wide data set per body; every event names its service.
    let mut durations = Vec::new();
    for (n, b) in ["eastvale", "riverton"].into_iter().enumerate() {
        let set = store
            .create_dataset(b, "crm", "CRM", "", &format!("t{n}"), 24)
            .await
            .unwrap();
        assert_eq!(
            store.dataset_services(&set).await.unwrap(),
            ["bins", "parking"]
        );
        let events: Vec<_> = (0..301i64)
            .map(|i| {
                let seconds = (i * 7919 + n as i64 * 31) % 100_003 + 60;
                if i % 2 == 0 {
                    durations.push(seconds);
                }
                let start = time::macros::datetime!(2026-06-10 08:00 UTC);
                EventInput {
                    id: format!("x{i}"),
                    service: Some(if i % 2 == 0 { "bins" } else { "parking" }.into()),
                    channel: "digital".into(),
                    started_at: start
                        .format(&time::format_description::well_known::Rfc3339)
                        .unwrap(),
                    outcome_at: Some(
                        (start + Duration::seconds(seconds))
                            .format(&time::format_description::well_known::Rfc3339)
                            .unwrap(),
                    ),
                    ..Default::default()
                }
                .validate()
                .unwrap()
            })
            .collect();
        // Small batches, so each group's runs are merged many times over; the first
        // batch again, which must change nothing.
        for batch in events.chunks(7) {
            store.ingest_events(&set, batch).await.unwrap();
        }
        store.ingest_events(&set, &events[..7]).await.unwrap();
    }
    let times = store
        .exact_times(
            Some("LGSL 524"),
            date!(2026 - 01 - 01),
            date!(2027 - 01 - 01),
        )
        .await
        .unwrap();
    // Rebuilt from the transactions, the runs give the same times.
    assert_eq!(store.rebuild_duration_runs().await.unwrap(), 1);
    assert_eq!(
        store
            .exact_times(None, date!(2026 - 01 - 01), date!(2027 - 01 - 01))
            .await
            .unwrap(),
        times
    );
    // Both services carry the same standard code, so both are in one national group.
    assert_eq!(times.len(), 1);
    assert_eq!(times[0].month, date!(2026 - 06 - 01));
    assert_eq!(times[0].completed, 602);
    let all: Vec<i64> = {
        let mut every = Vec::new();
        for (n, _) in ["eastvale", "riverton"].into_iter().enumerate() {
            for i in 0..301i64 {
                every.push((i * 7919 + n as i64 * 31) % 100_003 + 60);
            }
        }
        every.sort_unstable();
        every
    };
    assert_eq!(Some(times[0].median_seconds), exact_quantile_i64(&all, 0.5));
    assert_eq!(Some(times[0].p90_seconds), exact_quantile_i64(&all, 0.9));
    assert!(!durations.is_empty());

    // A service given another code takes its transactions' exact times with it, as
    // it takes its cells: the two never describe different transactions.
    let mut recoded = service("Bins", 3);
    recoded.code = "LGSL 999".into();
    store
        .update_service("riverton", "bins", &recoded, &Actor::system("t"))
        .await
        .unwrap();
    let count = |code: &'static str| async move {
        store
            .exact_times(Some(code), date!(2026 - 01 - 01), date!(2027 - 01 - 01))
            .await
            .unwrap()
            .iter()
            .map(|t| t.completed)
            .sum::<i64>()
    };
    assert_eq!(count("LGSL 999").await, 151);
    assert_eq!(count("LGSL 524").await, 602 - 151);
    // And back again: each time leaves the code its row holds.
    store
        .update_service("riverton", "bins", &service("Bins", 3), &Actor::system("t"))
        .await
        .unwrap();
    assert_eq!(count("LGSL 999").await, 0);
    assert_eq!(count("LGSL 524").await, 602);
});

db_test!(closed_requests_are_measured_and_surveyed, |db| {
    use super::requests::{new_request, setup};
    let store = &db.store;
    setup(store).await;
    let r = store
        .create_request(&new_request("eastvale", "jo@example.org", true))
        .await
        .unwrap();
    let unconfirmed = store
        .create_request(&new_request("eastvale", "sam@example.org", false))
        .await
        .unwrap();
    let this_year = date!(2020 - 01 - 01);
    let m = total(store, &month("eastvale", this_year)).await;
    assert_eq!(m.volume(), 1, "unconfirmed requests are not counted yet");
    store.confirm_request("hash-sam@example.org").await.unwrap();
    assert_eq!(
        total(store, &month("eastvale", this_year)).await.volume(),
        2
    );
    let _ = unconfirmed;
    let close = RequestChange {
        status: Some(RequestStatus::Fixed),
        description: "Filled".into(),
        actor: "Sam".into(),
        survey: Some(("raw-token".into(), "survey-hash".into())),
        ..Default::default()
    };
    store
        .change_request("eastvale", r.id, &close)
        .await
        .unwrap();
    let m = total(store, &month("eastvale", this_year)).await;
    assert_eq!((m.completions(), m.durations.count), (1, 1));
    assert_eq!(m.completed[EventChannel::Digital.index()], 1);
    let survey = store.survey("survey-hash").await.unwrap().unwrap();
    assert_eq!((survey.request_id, survey.answer), (r.id, None));
    assert!(store.survey("other").await.unwrap().is_none());
    assert_eq!(
        store.answer_survey("survey-hash", 4).await.unwrap(),
        SurveyAnswer::Recorded
    );
    assert_eq!(
        store.answer_survey("survey-hash", 1).await.unwrap(),
        SurveyAnswer::AlreadyAnswered
    );
    assert!(matches!(
        store.answer_survey("other", 1).await,
        Err(StorageError::NotFound)
    ));
    let m = total(store, &month("eastvale", this_year)).await;
    assert_eq!(m.satisfaction, [0, 0, 0, 1, 0]);
    // Reopening takes the outcome back out; closing again puts it back, once.
    let reopen = RequestChange {
        status: Some(RequestStatus::Reopened),
        actor: "Sam".into(),
        ..Default::default()
    };
    store
        .change_request("eastvale", r.id, &reopen)
        .await
        .unwrap();
    let m = total(store, &month("eastvale", this_year)).await;
    assert_eq!(
        (m.completions(), m.durations.count, m.satisfaction_answers()),
        (0, 0, 0)
    );
    let exact = || async {
        store
            .exact_times(None, date!(2000 - 01 - 01), date!(2100 - 01 - 01))
            .await
            .unwrap()
            .iter()
            .map(|t| t.completed)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        exact().await,
        [] as [i64; 0],
        "the exact time is taken out too"
    );
    assert_eq!(
        store.backlog(Some("eastvale"), None, None).await.unwrap()[0].open,
        2
    );
    store
        .change_request("eastvale", r.id, &close)
        .await
        .unwrap();
    let m = total(store, &month("eastvale", this_year)).await;
    assert_eq!(
        (m.volume(), m.completions(), m.satisfaction_answers()),
        (2, 1, 1)
    );
    assert_eq!(exact().await, [1]);
    // Tenancy: the other body's measures hold nothing of this.
    assert_eq!(
        total(store, &month("riverton", this_year)).await.volume(),
        0
    );
});

db_test!(
    requests_entered_after_the_fact_are_measured_when_they_happened,
    |db| {
        use super::requests::{new_request, setup};
        use time::macros::datetime;
        let store = &db.store;
        setup(store).await;
        // A letter received in March 2025, typed in today.
        let received = datetime!(2025-03-10 09:00 UTC);
        let r = store
            .create_request(&civic_storage::NewRequest {
                received_at: Some(received),
                ..new_request("eastvale", "jo@example.org", true)
            })
            .await
            .unwrap();
        assert_eq!((r.requested_at, r.updated_at), (received, received));
        assert_eq!(store.get_request(r.id).await.unwrap().unwrap(), r);
        let history = store.request_updates(r.id, true).await.unwrap();
        assert_eq!(history[0].at, received, "its first history entry too");
        let fixed_at = datetime!(2025-03-20 09:00 UTC);
        let close = RequestChange {
            status: Some(RequestStatus::Fixed),
            description: "Filled".into(),
            actor: "Sam".into(),
            survey: Some(("raw-token".into(), "late-survey".into())),
            at: Some(fixed_at),
            ..Default::default()
        };
        let update = store
            .change_request("eastvale", r.id, &close)
            .await
            .unwrap();
        assert_eq!(update.at, fixed_at);
        assert_eq!(
            store.get_request(r.id).await.unwrap().unwrap().updated_at,
            fixed_at
        );
        // Counted in March 2025, ten days to its outcome, the exact time too.
        let march = MeasureFilter {
            to: date!(2025 - 04 - 01),
            ..month("eastvale", date!(2025 - 03 - 01))
        };
        let cells = store.measures(&march).await.unwrap();
        assert_eq!(cells.len(), 1);
        assert_eq!(cells[0].period_start, date!(2025 - 03 - 01));
        let m = &cells[0].measures;
        assert_eq!((m.volume(), m.completions()), (1, 1));
        let days = m.durations.quantile(0.5).unwrap() / 86_400.0;
        assert!((days - 10.0).abs() < 0.1, "{days} days");
        let exact = store
            .exact_times(None, date!(2025 - 03 - 01), date!(2025 - 04 - 01))
            .await
            .unwrap();
        assert_eq!(exact.len(), 1);
        assert_eq!(exact[0].median_seconds, 10 * 86_400);
        // The survey answer joins the month of the outcome.
        store.answer_survey("late-survey", 5).await.unwrap();
        let m = total(store, &march).await;
        assert_eq!(m.satisfaction, [0, 0, 0, 0, 1]);
        // A change said to be earlier than the last one is put at the last one's time, so the
        // history stays in order; one still to come is put at now.
        let note = |at| RequestChange {
            description: "Checked".into(),
            private: true,
            actor: "Sam".into(),
            at: Some(at),
            ..Default::default()
        };
        let early = store
            .change_request("eastvale", r.id, &note(datetime!(2025-03-01 09:00 UTC)))
            .await
            .unwrap();
        assert_eq!(early.at, fixed_at);
        let before = time::OffsetDateTime::now_utc();
        let later = store
            .change_request("eastvale", r.id, &note(before + time::Duration::days(30)))
            .await
            .unwrap();
        assert!(
            later.at <= time::OffsetDateTime::now_utc()
                && later.at + time::Duration::seconds(5) > before
        );
        let future = store
            .create_request(&civic_storage::NewRequest {
                received_at: Some(before + time::Duration::days(30)),
                ..new_request("eastvale", "sam@example.org", true)
            })
            .await
            .unwrap();
        assert!(future.requested_at <= time::OffsetDateTime::now_utc());
    }
);

db_test!(spend_loads_once_and_maps_to_services, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    store
        .create_services("eastvale", &[service("Bins", 3)], &Actor::system("t"))
        .await
        .unwrap();
    let line = |n: u64, area: &str, pence: i64| NewSpendLine {
        line: n,
        paid_on: date!(2026 - 04 - 15),
        amount_pence: pence,
        supplier: "Acme Waste Ltd".into(),
        expense_area: area.into(),
        expense_type: "Contract".into(),
        reference: String::new(),
        description: String::new(),
    };
    let lines = vec![
        line(2, "Waste", 60_000),
        line(3, "Waste", 60_000),
        line(4, "Parks", 75_000),
    ];
    let first = store
        .upload_spend("eastvale", "april.csv", &lines, 1)
        .await
        .unwrap();
    assert_eq!((first.stored, first.duplicates, first.rejected), (3, 0, 1));
    let again = store
        .upload_spend("eastvale", "april.csv", &lines, 0)
        .await
        .unwrap();
    assert_eq!(
        (again.stored, again.duplicates),
        (0, 3),
        "the same file twice counts once"
    );
    assert_eq!(store.spend_uploads("eastvale").await.unwrap().len(), 2);
    assert!(matches!(
        store
            .map_spend_area("eastvale", "Waste", Some("nope"))
            .await,
        Err(StorageError::NotFound)
    ));
    store
        .map_spend_area("eastvale", "Waste", Some("bins"))
        .await
        .unwrap();
    let areas = store.spend_areas("eastvale").await.unwrap();
    assert_eq!(areas.len(), 2);
    assert_eq!(areas[1].area, "Waste");
    assert_eq!((areas[1].lines, areas[1].total_pence), (2, 120_000));
    assert_eq!(areas[1].service.as_deref(), Some("bins"));
    let totals = store
        .spend_totals(
            Some("eastvale"),
            None,
            None,
            date!(2026 - 01 - 01),
            date!(2027 - 01 - 01),
        )
        .await
        .unwrap();
    assert_eq!(totals.len(), 1);
    assert_eq!(
        (totals[0].service.as_str(), totals[0].pence),
        ("bins", 120_000)
    );
    store
        .map_spend_area("eastvale", "Waste", None)
        .await
        .unwrap();
    assert!(
        store
            .spend_totals(
                Some("eastvale"),
                None,
                None,
                date!(2026 - 01 - 01),
                date!(2027 - 01 - 01)
            )
            .await
            .unwrap()
            .is_empty()
    );
});

db_test!(transactions_name_only_parents_that_exist, |db| {
    let store = &db.store;
    let set = eastvale_with_passports(store).await;
    let ingested = store
        .ingest_events(&set, &[event("e1", "digital")])
        .await
        .unwrap();
    assert_eq!(ingested.accepted, 1);
    // PostgreSQL checks these once per statement rather than with foreign keys: the rule
    // must be the same on both engines.
    macro_rules! refused {
        ($conn:ty) => {{
            use sqlx::Connection;
            let mut raw = <$conn>::connect(&db.url).await.unwrap();
            let (service, dataset): (i64, i64) =
                sqlx::query_as("SELECT service_id, dataset_id FROM transactions")
                    .fetch_one(&mut raw)
                    .await
                    .unwrap();
            let insert = |service: i64, dataset: i64, request: Option<i64>| {
                sqlx::query(
                    "INSERT INTO transactions (service_id, service_code, dataset_id, \
                     request_id, event_id, channel, started_at, received_at) \
                     VALUES ($1, 'x', $2, $3, 'e2', 'online', $4, $4)",
                )
                .bind(service)
                .bind(dataset)
                .bind(request)
                .bind(OffsetDateTime::now_utc())
            };
            for (s, d, r) in [
                (service + 1000, dataset, None),
                (service, dataset + 1000, None),
                (service, dataset, Some(424242)),
            ] {
                let error = insert(s, d, r).execute(&mut raw).await.unwrap_err();
                assert!(
                    error.to_string().contains("FOREIGN KEY")
                        || error.to_string().contains("does not exist"),
                    "{error}"
                );
            }
            sqlx::query("UPDATE transactions SET service_id = service_id + 1000")
                .execute(&mut raw)
                .await
                .unwrap_err();
            sqlx::query("DELETE FROM datasets")
                .execute(&mut raw)
                .await
                .unwrap_err();
            sqlx::query("UPDATE services SET id = id + 1000")
                .execute(&mut raw)
                .await
                .unwrap_err();
            // A row that names parents that exist still goes in.
            insert(service, dataset, None)
                .execute(&mut raw)
                .await
                .unwrap();
        }};
    }
    match store.backend() {
        civic_storage::Backend::Sqlite => refused!(sqlx::SqliteConnection),
        civic_storage::Backend::Postgres => refused!(sqlx::PgConnection),
    }
});

db_test!(measures_by_code_add_up_every_service_of_a_code, |db| {
    let store = &db.store;
    // Two bodies with a passports service each (one code, different targets in the second
    // case) and a third service with a code of its own.
    let mut sets = Vec::new();
    for (name, target) in [("Eastvale", 10), ("Westvale", 10)] {
        store.create_body(&body(name)).await.unwrap();
        let slug = civic_domain::slugify(name);
        let mut passports = service("Renew a passport", 7);
        passports.target_days = Some(target);
        let mut parking = service("Pay a parking fine", 5);
        parking.code = "LGSL 1100".into();
        store
            .create_services(&slug, &[passports, parking], &Actor::system("t"))
            .await
            .unwrap();
        sets.push(
            store
                .create_dataset(&slug, "crm", "CRM", "", &format!("h-{slug}"), 24)
                .await
                .unwrap(),
        );
    }
    for (i, set) in sets.iter().enumerate() {
        let events: Vec<TransactionEvent> = (0..40)
            .map(|n| {
                EventInput {
                    id: format!("e{n}"),
                    service: Some(
                        if n % 3 == 0 {
                            "pay-a-parking-fine"
                        } else {
                            "renew-a-passport"
                        }
                        .into(),
                    ),
                    channel: ["digital", "phone", "post"][n % 3].into(),
                    started_at: format!("2026-{:02}-0{}T09:00:00Z", 9 + n % 3, 1 + i),
                    outcome_at: Some(format!("2026-{:02}-1{}T09:00:00Z", 9 + n % 3, n % 10)),
                    outcome: Some("completed".into()),
                    satisfaction: Some(1 + (n % 5) as i64),
                }
                .validate()
                .unwrap()
            })
            .collect();
        store.ingest_events(set, &events).await.unwrap();
    }
    for grain in [Grain::Month, Grain::Day] {
        let national = MeasureFilter {
            body: None,
            service: None,
            code: None,
            grain,
            from: date!(2026 - 09 - 01),
            to: date!(2026 - 12 - 01),
        };
        let mut expected: std::collections::BTreeMap<
            (String, time::Date),
            civic_domain::measures::Measures,
        > = Default::default();
        for cell in store.measures(&national).await.unwrap() {
            expected
                .entry((cell.code.clone(), cell.period_start))
                .or_default()
                .merge(&cell.measures);
        }
        let by_code = store.measures_by_code(&national).await.unwrap();
        assert_eq!(by_code.len(), expected.len(), "{grain:?}");
        for cell in &by_code {
            assert_eq!((cell.body.as_str(), cell.service.as_str()), ("", ""));
            assert_eq!(
                Some(&cell.measures),
                expected.get(&(cell.code.clone(), cell.period_start)),
                "{grain:?} {} {}",
                cell.code,
                cell.period_start
            );
            let shared = if cell.code == "LGSL 524" {
                Some(10)
            } else {
                None
            };
            assert_eq!(cell.target_days, shared, "{}", cell.code);
        }
    }
    // Once the passports services' targets differ, the code has no single target.
    let mut faster = service("Renew a passport", 7);
    faster.target_days = Some(3);
    store
        .update_service("westvale", "renew-a-passport", &faster, &Actor::system("t"))
        .await
        .unwrap();
    let month = MeasureFilter {
        body: None,
        service: None,
        code: None,
        grain: Grain::Month,
        from: date!(2026 - 09 - 01),
        to: date!(2026 - 12 - 01),
    };
    assert!(
        store
            .measures_by_code(&month)
            .await
            .unwrap()
            .iter()
            .all(|c| c.target_days.is_none())
    );
});
