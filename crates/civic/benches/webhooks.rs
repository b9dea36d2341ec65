//! Webhook delivery at scale, for `bench/webhooks.sh`: one body with ENDPOINTS endpoints
//! subscribed to `request.created` on a loopback receiver, then EVENTS problems reported
//! one after another; the real server's worker delivers ENDPOINTS × EVENTS signed messages.
//! Prints the deliveries per second and the latency from each problem being saved to its
//! message arriving (p50, p99, max), measured by the receiver against the payload's
//! timestamp. Usage: webhooks DB_URL [ENDPOINTS] [EVENTS]

use civic_domain::webhook::{EndpointInput, Secret};
use civic_domain::{
    BodyInput, ChannelInput, Contact, RequestChannel, RequestInput, ServiceInput, Visibility,
};
use civic_storage::{Actor, NewRequest, Store};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// What the receiver saw: each message's latency in seconds.
type Seen = Arc<Mutex<Vec<f64>>>;

async fn receiver(seen: Seen) -> String {
    let app = axum::Router::new().route(
        "/hooks/{n}",
        axum::routing::post(move |body: String| {
            let seen = seen.clone();
            async move {
                let arrived = OffsetDateTime::now_utc();
                let latency = serde_json::from_str::<serde_json::Value>(&body)
                    .ok()
                    .and_then(|v| v["timestamp"].as_str().map(str::to_string))
                    .and_then(|t| OffsetDateTime::parse(&t, &Rfc3339).ok())
                    .map(|t| (arrived - t).as_seconds_f64())
                    .unwrap_or(f64::NAN);
                if let Ok(mut all) = seen.lock() {
                    all.push(latency);
                }
                axum::http::StatusCode::NO_CONTENT
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().expect("bound"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

fn request(n: usize) -> Result<NewRequest, String> {
    let draft = RequestInput {
        service: "report-a-pothole".into(),
        description: format!("Pothole number {n}"),
        address: "1 High Street".into(),
        contact: Contact {
            name: "Jo Resident".into(),
            email: "jo@example.org".into(),
            phone: String::new(),
        },
        ..Default::default()
    }
    .validate(&[])
    .map_err(|e| e.to_string())?;
    Ok(NewRequest {
        body: "webhook-bench".into(),
        service: "report-a-pothole".into(),
        draft,
        channel: RequestChannel::Web,
        visibility: Visibility::Public,
        confirmed: true,
        token: None,
        api_key_id: None,
        consent: "web form".into(),
        confirm_token_hash: None,
        reporter_subscription: None,
        photos: vec![],
        notifications: vec![],
        expected_at: None,
        received_at: None,
    })
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let url = args
        .first()
        .ok_or("usage: webhooks DB_URL [ENDPOINTS] [EVENTS]")?;
    let endpoints: usize = args
        .get(1)
        .map_or(Ok(1_000), |a| a.parse())
        .map_err(|_| "ENDPOINTS must be a number")?;
    let events: usize = args
        .get(2)
        .map_or(Ok(100), |a| a.parse())
        .map_err(|_| "EVENTS must be a number")?;
    let store: Arc<dyn Store> = civic_storage::connect(url)
        .await
        .map_err(|e| e.to_string())?;
    store.migrate().await.map_err(|e| e.to_string())?;
    let body = BodyInput {
        slug: "webhook-bench".into(),
        name: "Webhook Bench Council".into(),
        kind: "district_council".into(),
        ..Default::default()
    }
    .validate()
    .map_err(|e| e.to_string())?;
    store.create_body(&body).await.map_err(|e| e.to_string())?;
    let service = ServiceInput {
        code: "LGSL 90".into(),
        name: "Report a pothole".into(),
        description: "Potholes".into(),
        channels: vec![ChannelInput {
            kind: "phone".into(),
            detail: "01632 960 001".into(),
            detail_cy: String::new(),
        }],
        digital_inclusion_level: Some(5),
        accepts_requests: true,
        ..Default::default()
    }
    .validate()
    .map_err(|e| e.to_string())?;
    store
        .create_services("webhook-bench", &[service], &Actor::system("bench"))
        .await
        .map_err(|e| e.to_string())?;
    let seen: Seen = Arc::default();
    let base = receiver(seen.clone()).await;
    for n in 0..endpoints {
        let draft = EndpointInput {
            url: format!("{base}/hooks/{n}"),
            description: format!("Partner {n}"),
            events: vec!["request.created".into()],
        }
        .validate(true)
        .map_err(|e| e.to_string())?;
        store
            .create_webhook_endpoint(
                "webhook-bench",
                &draft,
                Secret::from_key(rand::random()).as_str(),
            )
            .await
            .map_err(|e| e.to_string())?;
    }
    let config = civic_web::Config {
        allow_private_addresses: true,
        ..Default::default()
    };
    let interval = config.outbox_interval;
    let state = civic_web::AppState::new(store.clone(), config).map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(civic_web::serve(listener, state, async {
        let _ = stopped.await;
    }));
    let expected = endpoints * events;
    let started = Instant::now();
    for n in 0..events {
        store
            .create_request(&request(n)?)
            .await
            .map_err(|e| e.to_string())?;
    }
    let created = started.elapsed();
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let got = seen.lock().map(|s| s.len()).unwrap_or(0);
        if got >= expected || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let took = started.elapsed();
    let _ = stop.send(());
    let mut latencies = seen.lock().map(|s| s.clone()).unwrap_or_default();
    latencies.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{endpoints} endpoints x {events} events: {} of {expected} deliveries in {:.2}s = {:.0} deliveries/s (events written in {:.2}s; worker wakes every {:?})",
        latencies.len(),
        took.as_secs_f64(),
        latencies.len() as f64 / took.as_secs_f64(),
        created.as_secs_f64(),
        interval,
    );
    println!(
        "event saved to delivered: p50 {:.3}s, p99 {:.3}s, max {:.3}s",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        latencies.last().copied().unwrap_or(f64::NAN)
    );
    if latencies.len() < expected {
        return Err(format!(
            "only {} of {expected} deliveries arrived",
            latencies.len()
        ));
    }
    Ok(())
}
