//! Rate-limit counters, on both databases: one window per key, shared by every caller.

use civic_storage::db_test;
use std::time::Duration as Span;
use time::OffsetDateTime;

db_test!(windows_count_every_caller_and_end_on_time, |db| {
    let store = &db.store;
    let minute = Span::from_secs(60);
    let start = OffsetDateTime::now_utc();
    for _ in 0..3 {
        assert_eq!(
            store.count_event("k", 3, minute, start).await.unwrap(),
            Ok(())
        );
    }
    let later = start + time::Duration::seconds(15);
    assert_eq!(
        store.count_event("k", 3, minute, later).await.unwrap(),
        Err(45),
        "the fourth event waits for the window to end"
    );
    assert_eq!(
        store.count_event("other", 3, minute, later).await.unwrap(),
        Ok(())
    );
    // A second connection to the same database counts into the same window.
    let again = civic_storage::connect(&db.url).await.unwrap();
    assert!(
        again
            .count_event("k", 3, minute, later)
            .await
            .unwrap()
            .is_err()
    );
    assert_eq!(
        store.window_hits("k", minute, later).await.unwrap(),
        (5, Some(45)),
        "looking does not count"
    );
    let next = start + time::Duration::seconds(61);
    assert_eq!(
        store.window_hits("k", minute, next).await.unwrap(),
        (0, None)
    );
    assert_eq!(
        store.count_event("k", 3, minute, next).await.unwrap(),
        Ok(())
    );
    // Counting with the tally back: hits so far and seconds left, for RateLimit headers.
    assert_eq!(
        store
            .count_hit("k", minute, next + time::Duration::seconds(10))
            .await
            .unwrap(),
        (2, 50)
    );
    // Ending windows are swept; the one still open is kept.
    assert_eq!(
        store
            .prune_rate_limits(start + time::Duration::seconds(20))
            .await
            .unwrap(),
        1,
        "only 'other' (its window started at 15 s) is older than 20 s; 'k' restarted at 61 s"
    );
});
