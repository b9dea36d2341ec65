//! Undelivered email: a message that keeps failing is set aside after its last attempt and
//! shown to administrators, who can send it again or discard it.

use crate::requests::report_on_web;
use crate::support::*;
use civic_storage::db_test;
use reqwest::StatusCode;
use time::OffsetDateTime;

db_test!(
    email_that_keeps_failing_is_set_aside_for_administrators,
    |db| {
        // An SMTP address nobody listens on: every attempt fails.
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let dead_smtp = format!("smtp://{}", closed.local_addr().unwrap());
        drop(closed);
        let app = spawn_with(
            &db,
            civic_web::Config {
                smtp_url: Some(dead_smtp),
                ..test_config()
            },
        )
        .await;
        app.seed().await;
        let sent = report_on_web(&app.visitor(), "jo@example.org").await;
        assert_eq!(sent.status(), StatusCode::OK);
        assert_eq!(app.store.outbox_pending().await.unwrap(), 1);

        // The worker backs off between attempts; make each retry due at once.
        let mut set_aside = Vec::new();
        for _ in 0..400 {
            let (list, _) = app.store.outbox_set_aside_list(10).await.unwrap();
            if !list.is_empty() {
                set_aside = list;
                break;
            }
            app.store
                .outbox_failed(1, "forced due by the test", OffsetDateTime::now_utc())
                .await
                .unwrap();
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        assert_eq!(set_aside.len(), 1, "set aside after the last attempt");
        assert_eq!(set_aside[0].recipient, "jo@example.org");
        assert_eq!(
            set_aside[0].attempts,
            civic_web::app::outbox::MAX_ATTEMPTS,
            "tried exactly the maximum number of times"
        );
        assert_eq!(app.store.outbox_pending().await.unwrap(), 0);

        let admin = app.signed_in("admin@civic.example").await;
        let staff = app.signed_in("staff@northshire.example").await;
        let (status, _) = staff.get_text("/admin/undelivered-email").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "administrators only");
        let (status, html) = admin.get_text("/admin/undelivered-email").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("jo@example.org") && html.contains("1 message set aside"));

        let id = set_aside[0].id.to_string();
        let retried = admin
            .post_form(&format!("/admin/undelivered-email/{id}/retry"), &[])
            .await;
        assert_eq!(retried.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.store.outbox_set_aside_list(10).await.unwrap().1, 0);
        // Back in the queue (or already claimed again by the worker).
        let (status, _) = admin.get_text("/admin/undelivered-email").await;
        assert_eq!(status, StatusCode::OK);

        let missing = admin
            .post_form("/admin/undelivered-email/999999/discard", &[])
            .await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    }
);
