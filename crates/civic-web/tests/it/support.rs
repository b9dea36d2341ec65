//! Spawns the app on a random port over a fresh database, with seeded bodies and staff.

use civic_domain::BodyInput;
use civic_domain::ChannelInput;
use civic_domain::Role;
use civic_domain::ServiceInput;
use civic_domain::StaffInput;
use civic_storage::Actor;
use civic_storage::Store;
use civic_storage::testing::TestDatabase;
use civic_web::AppState;
use civic_web::Config;
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use std::sync::Arc;

pub const PASSWORD: &str = "correct horse battery";

/// A running app.
pub struct TestApp {
    pub base: String,
    pub store: Arc<dyn Store>,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

pub async fn spawn(db: &TestDatabase) -> TestApp {
    spawn_with(db, test_config()).await
}

pub fn test_config() -> Config {
    Config {
        outbox_interval: std::time::Duration::from_millis(50),
        ..Config::default()
    }
}

/// A seeded app whose email goes to a local SMTP sink the test reads.
pub async fn spawn_seeded_with_mail(db: &TestDatabase) -> (TestApp, SmtpSink) {
    let sink = SmtpSink::start().await;
    let app = spawn_with(
        db,
        Config {
            smtp_url: Some(sink.url.clone()),
            ..test_config()
        },
    )
    .await;
    app.seed().await;
    (app, sink)
}

pub async fn spawn_with(db: &TestDatabase, config: Config) -> TestApp {
    spawn_on(db.store.clone(), config).await
}

/// Another server on the same database, as a hub's second process behind a load balancer:
/// its own connections, state, outbox worker and rate limiter; only the database is shared.
pub async fn spawn_another(db: &TestDatabase, config: Config) -> TestApp {
    let store = civic_storage::connect(&db.url).await.unwrap();
    spawn_on(store, config).await
}

async fn spawn_on(store: Arc<dyn Store>, config: Config) -> TestApp {
    // In a whole-workspace build reqwest has TLS without a default crypto provider.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let state = AppState::new(store.clone(), config).unwrap();
    tokio::spawn(civic_web::serve(listener, state, async {
        let _ = rx.await;
    }));
    TestApp {
        base,
        store,
        _shutdown: tx,
    }
}

/// Adds "Register a birth" to `body`'s register: `service_input`'s channels and an
/// in-person one (a place, in the Open Referral UK feed).
pub async fn add_service_with_counter(app: &TestApp, body: &str) {
    let mut input = service_input("Register a birth");
    input.channels.push(ChannelInput {
        kind: "counter".into(),
        detail: "Register Office, High Street, Northam".into(),
        detail_cy: String::new(),
    });
    app.store
        .create_services(body, &[input.validate().unwrap()], &Actor::system("test"))
        .await
        .unwrap();
}

pub fn service_input(name: &str) -> ServiceInput {
    let depth = civic_domain::ServiceAttribute {
        code: "depth".into(),
        datatype: civic_domain::AttributeDatatype::SingleValueList,
        required: true,
        variable: true,
        description: "How deep is it?".into(),
        datatype_description: String::new(),
        order: 1,
        values: vec![
            civic_domain::AttributeOption {
                key: "shallow".into(),
                name: "Shallow".into(),
            },
            civic_domain::AttributeOption {
                key: "deep".into(),
                name: "Deep".into(),
            },
        ],
    };
    ServiceInput {
        attributes: vec![depth],
        target_days: Some(5),
        group: "Roads".into(),
        code: "LGSL 524".into(),
        name: name.into(),
        description: format!("{name}: tell us and we will sort it out."),
        keywords: vec!["rubbish".into()],
        channels: vec![
            ChannelInput {
                kind: "online".into(),
                detail: "https://www.example.gov.uk/bins".into(),
                detail_cy: String::new(),
            },
            ChannelInput {
                kind: "phone".into(),
                detail: "01632 960 001".into(),
                detail_cy: String::new(),
            },
        ],
        digital_inclusion_level: Some(6),
        accepts_requests: true,
        ..Default::default()
    }
}

impl TestApp {
    /// Two bodies, each with two services and one staff member, and an administrator.
    pub async fn seed(&self) {
        let hash = civic_web::app::auth::hash_password(PASSWORD.into())
            .await
            .unwrap();
        for (slug, name) in [
            ("northshire", "Northshire County Council"),
            ("eastvale", "Eastvale District Council"),
        ] {
            let body = BodyInput {
                slug: slug.into(),
                name: name.into(),
                kind: "county_council".into(),
                website: String::new(),
                ..Default::default()
            }
            .validate()
            .unwrap();
            self.store.create_body(&body).await.unwrap();
            let drafts = [
                service_input("Report a missed bin"),
                service_input("Pay council tax"),
            ]
            .map(|s| s.validate().unwrap());
            self.store
                .create_services(slug, &drafts, &Actor::system("seed"))
                .await
                .unwrap();
            let staff = StaffInput {
                email: format!("staff@{slug}.example"),
                name: format!("{name} Officer"),
                password: PASSWORD.into(),
                ..Default::default()
            }
            .validate()
            .unwrap();
            self.store
                .create_staff(Some(slug), &staff, &hash, Role::Staff)
                .await
                .unwrap();
        }
        let admin = StaffInput {
            email: "admin@civic.example".into(),
            name: "Admin".into(),
            password: PASSWORD.into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        self.store
            .create_staff(None, &admin, &hash, Role::Admin)
            .await
            .unwrap();
    }

    /// A browser-like client with its own cookie jar that does not follow redirects.
    pub fn visitor(&self) -> Visitor {
        Visitor {
            base: self.base.clone(),
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .build()
                .unwrap(),
        }
    }

    /// A visitor signed in as `email`.
    pub async fn signed_in(&self, email: &str) -> Visitor {
        let visitor = self.visitor();
        let response = visitor
            .post_form("/staff/login", &[("email", email), ("password", PASSWORD)])
            .await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "sign-in as {email} failed"
        );
        visitor
    }
}

pub struct Visitor {
    pub base: String,
    pub client: reqwest::Client,
}

impl Visitor {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// A GET with extra request headers.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self.client.get(self.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.unwrap()
    }

    pub async fn get_text(&self, path: &str) -> (StatusCode, String) {
        let response = self.get(path).await;
        let status = response.status();
        (status, response.text().await.unwrap())
    }

    /// The CSRF token the visitor's cookie holds, fetched from a page's hidden field.
    pub async fn csrf_token(&self) -> String {
        let (_, html) = self.get_text("/staff/login").await;
        extract_csrf(&html).expect("the sign-in page has a csrf_token field")
    }

    /// Posts a form with the visitor's CSRF token added.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf_token().await;
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("csrf_token", &token));
        self.client
            .post(self.url(path))
            .form(&form)
            .send()
            .await
            .unwrap()
    }
}

pub fn extract_csrf(html: &str) -> Option<String> {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// The fields of a complete, valid service form.
pub fn service_form(name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("code", "LGSL 90".into()),
        ("name", name.into()),
        (
            "description",
            "Tell us about a pothole so we can fix it.".into(),
        ),
        ("keywords", "roads, potholes".into()),
        ("digital_inclusion_level", "5".into()),
        (
            "channel_online",
            "https://www.example.gov.uk/potholes".into(),
        ),
        ("channel_phone", "01632 960 002".into()),
        ("channel_counter", String::new()),
        ("channel_post", String::new()),
        (
            "channel_assisted_digital",
            "Call us and we will fill it in with you.".into(),
        ),
    ]
}

pub fn as_refs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// A local SMTP server that accepts every message and keeps it, as a mail relay would.
pub struct SmtpSink {
    pub url: String,
    pub messages: Arc<std::sync::Mutex<Vec<String>>>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("smtp://{}", listener.local_addr().unwrap());
        let messages: Arc<std::sync::Mutex<Vec<String>>> = Arc::default();
        let store = messages.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let (read, mut write) = socket.into_split();
                    let mut lines = BufReader::new(read).lines();
                    let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                    let mut data: Option<String> = None;
                    while let Ok(Some(line)) = lines.next_line().await {
                        if let Some(body) = data.as_mut() {
                            if line == "." {
                                store.lock().unwrap().push(std::mem::take(body));
                                data = None;
                                let _ = write.write_all(b"250 queued\r\n").await;
                            } else {
                                body.push_str(&line);
                                body.push('\n');
                            }
                            continue;
                        }
                        let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                        let reply: &[u8] = match verb.as_str() {
                            "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
                            "HELO" | "MAIL" | "RCPT" | "RSET" | "NOOP" => b"250 ok\r\n",
                            "DATA" => {
                                data = Some(String::new());
                                b"354 go ahead\r\n"
                            }
                            "QUIT" => {
                                let _ = write.write_all(b"221 bye\r\n").await;
                                break;
                            }
                            _ => b"502 not implemented\r\n",
                        };
                        let _ = write.write_all(reply).await;
                    }
                });
            }
        });
        SmtpSink { url, messages }
    }

    /// Waits (up to 10 s) until `n` messages have arrived, and returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<String> {
        for _ in 0..200 {
            let got = self.messages.lock().unwrap().clone();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let got = self.messages.lock().unwrap().clone();
        panic!("expected {n} emails, got {}: {got:#?}", got.len());
    }
}

/// Decodes quoted-printable soft line breaks so links can be found in an email.
pub fn unfold(email: &str) -> String {
    email.replace("=\n", "").replace("=3D", "=")
}

/// The first link in `email` that starts with `prefix`.
/// The first link starting with `prefix` in an email's body (not its headers).
pub fn link_in(email: &str, prefix: &str) -> String {
    let whole = unfold(email);
    let text = whole
        .split_once("\n\n")
        .map_or(whole.as_str(), |(_, body)| body);
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} link in {text}"));
    text[start..]
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap()
        .to_string()
}

/// The key the staff page shows once after issuing it (the page answered 200).
pub async fn issued_key(issued: reqwest::Response) -> String {
    assert_eq!(issued.status(), StatusCode::OK);
    let html = issued.text().await.unwrap();
    html.split("<code class=\"code\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_default()
        .to_string()
}

/// Issues an Open311 key of a client app for `body` and returns it.
pub async fn api_key(app: &TestApp, body: &str) -> String {
    issue_key(app, body, false).await
}

/// Issues an Open311 key for `body`'s own back-office system (it may update any request).
pub async fn back_office_key(app: &TestApp, body: &str) -> String {
    issue_key(app, body, true).await
}

async fn issue_key(app: &TestApp, body: &str, back_office: bool) -> String {
    let kind = if back_office { "team" } else { "live" };
    issue_key_with(app, body, kind, "open311:write", "").await
}

/// Issues a key of `kind` with `scopes` for `body` (and `expires_on`, when not empty),
/// as the staff page does, and returns its text.
pub async fn issue_key_with(
    app: &TestApp,
    body: &str,
    kind: &str,
    scopes: &str,
    expires_on: &str,
) -> String {
    let draft = civic_domain::api_key::KeyInput {
        name: "test client".into(),
        kind: kind.into(),
        scopes: scopes.into(),
        expires_on: expires_on.into(),
        per_minute: String::new(),
    }
    .validate(time::OffsetDateTime::now_utc().date())
    .unwrap();
    store_key(app, body, &draft, None, None).await
}

/// Issues the key `draft` describes for `body` (for `partner`, serving `agreement`), as the
/// staff page does, and returns its text.
pub async fn store_key(
    app: &TestApp,
    body: &str,
    draft: &civic_domain::api_key::KeyDraft,
    partner: Option<&str>,
    agreement: Option<i64>,
) -> String {
    let key = civic_web::app::tokens::new_api_key(draft.kind);
    app.store
        .create_api_key(
            body,
            &civic_storage::NewApiKey {
                draft,
                partner,
                agreement,
                key_hash: &civic_web::app::tokens::token_hash(&key),
                shown: &civic_domain::api_key::display_prefix(&key),
            },
        )
        .await
        .unwrap();
    key
}

/// Adds a body subject to the Welsh Language Standards (`name_cy` its Welsh name) with a
/// staff member `staff@{slug}.example`, and signs that member in.
pub async fn welsh_body_staff(app: &TestApp, slug: &str, name: &str, name_cy: &str) -> Visitor {
    let body = civic_domain::BodyInput {
        slug: slug.into(),
        name: name.into(),
        kind: "county_council".into(),
        name_cy: name_cy.into(),
        welsh_standards: "yes".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    app.store.create_body(&body).await.unwrap();
    let hash = civic_web::app::auth::hash_password(PASSWORD.into())
        .await
        .unwrap();
    let email = format!("staff@{slug}.example");
    let staff = StaffInput {
        email: email.clone(),
        name: format!("{name} officer"),
        password: PASSWORD.into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    app.store
        .create_staff(Some(slug), &staff, &hash, Role::Staff)
        .await
        .unwrap();
    app.signed_in(&email).await
}
