//! Webhooks as Standard Webhooks 1.0 describes them: a partner's endpoint subscribes to a
//! body's events, each delivery is signed with the endpoint's `whsec_` secret
//! (`v1,` + base64 of HMAC-SHA256 over `id.timestamp.body`), failed deliveries are tried
//! again on Svix's schedule with the same message id, and an endpoint that answers 410 or
//! has failed for five days is disabled. No I/O.

use crate::FieldErrors;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use time::{Duration, OffsetDateTime};

/// The events a body's endpoint may subscribe to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventType {
    /// A service request was reported and is public.
    RequestCreated,
    /// A public update was added to a public service request.
    RequestUpdated,
    /// A dataset was added to the catalogue or a new version of it published.
    DatasetPublished,
    /// A request for data was answered.
    DataRequestAnswered,
}

impl EventType {
    /// Every event type, in the order forms list them.
    pub const ALL: [EventType; 4] = [
        EventType::RequestCreated,
        EventType::RequestUpdated,
        EventType::DatasetPublished,
        EventType::DataRequestAnswered,
    ];

    /// The type as sent in a payload's `type` and stored.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::RequestCreated => "request.created",
            EventType::RequestUpdated => "request.updated",
            EventType::DatasetPublished => "dataset.published",
            EventType::DataRequestAnswered => "data_request.answered",
        }
    }

    /// The type named `text`, if any.
    pub fn parse(text: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

/// Bytes of randomness in a new secret (Standard Webhooks allows 24 to 64).
pub const SECRET_BYTES: usize = 32;

/// The prefix that marks an endpoint's signing secret.
pub const SECRET_PREFIX: &str = "whsec_";

/// An endpoint's signing secret, `whsec_` and the base64 of its key.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret {
    text: String,
    key: Vec<u8>,
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A secret never reaches a log by way of a debug print.
        f.write_str("Secret(…)")
    }
}

impl Secret {
    /// A secret made from fresh random bytes.
    pub fn from_key(key: [u8; SECRET_BYTES]) -> Secret {
        Secret {
            text: format!("{SECRET_PREFIX}{}", STANDARD.encode(key)),
            key: key.to_vec(),
        }
    }

    /// Reads a secret as shown to subscribers (the prefix is optional, as in the reference
    /// libraries); `None` unless it holds 24 to 64 bytes of base64.
    pub fn parse(text: &str) -> Option<Secret> {
        let encoded = text.strip_prefix(SECRET_PREFIX).unwrap_or(text);
        let key = STANDARD.decode(encoded).ok()?;
        (24..=64).contains(&key.len()).then(|| Secret {
            text: format!("{SECRET_PREFIX}{encoded}"),
            key,
        })
    }

    /// The secret as shown to the subscriber and stored.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The `v1,` signature of one delivery attempt.
    pub fn sign(&self, message_id: &str, timestamp: i64, body: &[u8]) -> String {
        // HMAC takes a key of any length; new_from_slice cannot fail for it.
        let mut mac = match Hmac::<Sha256>::new_from_slice(&self.key) {
            Ok(mac) => mac,
            Err(_) => return String::new(),
        };
        mac.update(message_id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
    }
}

/// The `webhook-signature` header: one signature per secret in use, space-separated, so a
/// subscriber still holding the previous secret while it is rotated can verify.
pub fn signature_header(
    secrets: &[&Secret],
    message_id: &str,
    timestamp: i64,
    body: &[u8],
) -> String {
    secrets
        .iter()
        .map(|s| s.sign(message_id, timestamp, body))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `webhook-id` of a stored message: stable across retries and across endpoints.
pub fn message_id(id: i64) -> String {
    format!("msg_{id}")
}

/// Waits after each failed attempt before the next (Svix's schedule: 5 s, 5 min, 30 min,
/// 2 h, 5 h, 10 h, 10 h), the first attempt being immediate; eight attempts in all.
pub const RETRY_SCHEDULE: [i64; 7] = [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000];

/// How long an endpoint may go on failing before it is disabled.
pub const DISABLE_AFTER: Duration = Duration::days(5);

/// How long the previous secret still signs after a rotation.
pub const ROTATION_OVERLAP: Duration = Duration::hours(24);

/// How long a delivery attempt may take.
pub const ATTEMPT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15);

/// When to try again after `attempts` attempts have failed, or `None` when that was the last.
pub fn next_attempt(attempts: u32, failed_at: OffsetDateTime) -> Option<OffsetDateTime> {
    let wait = *RETRY_SCHEDULE.get(usize::try_from(attempts).ok()?.checked_sub(1)?)?;
    Some(failed_at + Duration::seconds(wait))
}

/// Why an endpoint was disabled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisabledReason {
    /// Staff turned it off.
    ByStaff,
    /// The partner that owns it turned it off through the API.
    ByPartner,
    /// It answered 410 Gone.
    Gone,
    /// Every delivery to it failed for [`DISABLE_AFTER`].
    Failing,
}

impl DisabledReason {
    /// The reason as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            DisabledReason::ByStaff => "staff",
            DisabledReason::ByPartner => "partner",
            DisabledReason::Gone => "gone",
            DisabledReason::Failing => "failing",
        }
    }

    /// The reason stored as `text`.
    pub fn parse(text: &str) -> Option<DisabledReason> {
        [
            DisabledReason::ByStaff,
            DisabledReason::ByPartner,
            DisabledReason::Gone,
            DisabledReason::Failing,
        ]
        .into_iter()
        .find(|r| r.as_str() == text)
    }
}

/// What one attempt came to, from the status the endpoint answered (`None` when it did not
/// answer: refused, timed out, not allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptOutcome {
    /// 2xx: delivered.
    Delivered,
    /// 410: the subscriber wants no more; the endpoint is disabled.
    Gone,
    /// Anything else, redirects included: tried again later.
    Failed,
}

impl AttemptOutcome {
    /// The outcome of an attempt answered with `status`.
    pub fn of(status: Option<u16>) -> AttemptOutcome {
        match status {
            Some(200..=299) => AttemptOutcome::Delivered,
            Some(410) => AttemptOutcome::Gone,
            _ => AttemptOutcome::Failed,
        }
    }
}

/// Whether an endpoint failing since `failing_since` (or only now) is to be disabled at `now`.
pub fn failed_too_long(failing_since: Option<OffsetDateTime>, now: OffsetDateTime) -> bool {
    failing_since.is_some_and(|since| now - since >= DISABLE_AFTER)
}

/// The longest endpoint address accepted.
pub const MAX_URL_CHARS: usize = 2_000;

/// The longest description accepted.
pub const MAX_DESCRIPTION_CHARS: usize = 200;

/// An endpoint as staff describe it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointDraft {
    /// Where deliveries are posted.
    pub url: String,
    /// Whose endpoint it is and what for.
    pub description: String,
    /// The events it receives, at least one.
    pub events: Vec<EventType>,
}

/// An endpoint as typed into the form.
#[derive(Debug, Clone, Default)]
pub struct EndpointInput {
    /// The address as typed.
    pub url: String,
    /// The description as typed.
    pub description: String,
    /// The event types ticked, as their names.
    pub events: Vec<String>,
}

impl EndpointInput {
    /// Checks the endpoint: an absolute `https` address (or `http` when `allow_http`, for a
    /// deployment that delivers inside its own network) with a host and no user name or
    /// password in it, a short description, and at least one known event type. Where the
    /// host leads is checked when it is looked up, as it may change.
    pub fn validate(&self, allow_http: bool) -> Result<EndpointDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let url = self.url.trim();
        if url.is_empty() {
            errors.add_t(
                "url",
                "webhooks-error-url-missing",
                "Enter the endpoint's address",
            );
        } else if url.chars().count() > MAX_URL_CHARS {
            errors.add_with(
                "url",
                "webhooks-error-url-long",
                vec![("max", MAX_URL_CHARS.to_string())],
                format!("The address must be at most {MAX_URL_CHARS} characters"),
            );
        } else {
            match url_parts(url) {
                Some((scheme, rest)) if scheme == "https" || (allow_http && scheme == "http") => {
                    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
                    if authority.contains('@') {
                        errors.add_t(
                            "url",
                            "webhooks-error-url-credentials",
                            "The address must not contain a user name or password",
                        );
                    } else if authority.is_empty() || authority.starts_with(':') {
                        errors.add_t(
                            "url",
                            "webhooks-error-url-form",
                            "Enter a full address, like https://partner.example/civic-events",
                        );
                    }
                }
                Some((scheme, _)) if scheme == "http" => errors.add_t(
                    "url",
                    "webhooks-error-url-https",
                    "The address must start with https://, so deliveries are encrypted",
                ),
                _ => errors.add_t(
                    "url",
                    "webhooks-error-url-form",
                    "Enter a full address, like https://partner.example/civic-events",
                ),
            }
        }
        let description = self.description.trim();
        if description.chars().count() > MAX_DESCRIPTION_CHARS {
            errors.add_with(
                "description",
                "webhooks-error-description-long",
                vec![("max", MAX_DESCRIPTION_CHARS.to_string())],
                format!("The description must be at most {MAX_DESCRIPTION_CHARS} characters"),
            );
        }
        let mut events = Vec::new();
        let named: Vec<&str> = self
            .events
            .iter()
            .map(|e| e.trim())
            .filter(|e| !e.is_empty())
            .collect();
        for name in &named {
            match EventType::parse(name) {
                Some(t) if !events.contains(&t) => events.push(t),
                Some(_) => {}
                None => errors.add_with(
                    "events",
                    "webhooks-error-event-unknown",
                    vec![("event", name.chars().take(40).collect())],
                    format!(
                        "'{}' is not an event Civic sends",
                        name.chars().take(40).collect::<String>()
                    ),
                ),
            }
        }
        if named.is_empty() {
            errors.add_t(
                "events",
                "webhooks-error-events-missing",
                "Choose at least one event",
            );
        }
        events.sort();
        errors.into_result(EndpointDraft {
            url: url.to_string(),
            description: description.to_string(),
            events,
        })
    }
}

/// An address's scheme (lower-cased) and what follows `://`.
fn url_parts(url: &str) -> Option<(String, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let valid = !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (valid && !rest.chars().any(char::is_whitespace)).then(|| (scheme.to_ascii_lowercase(), rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_webhooks_known_answer_is_signed() {
        let secret = Secret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        assert_eq!(
            secret.sign(
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330,
                br#"{"test": 2432232314}"#
            ),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
        assert_ne!(
            secret.sign(
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330,
                br#"{"test": 2432232315}"#
            ),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn secrets_round_trip_and_short_ones_are_refused() {
        let secret = Secret::from_key([7; SECRET_BYTES]);
        assert!(secret.as_str().starts_with("whsec_"));
        assert_eq!(Secret::parse(secret.as_str()), Some(secret.clone()));
        assert!(Secret::parse("whsec_c2hvcnQ=").is_none());
        assert!(Secret::parse("whsec_not base64!").is_none());
        assert_eq!(format!("{secret:?}"), "Secret(…)");
    }

    #[test]
    fn a_rotated_endpoint_signs_with_both_secrets() {
        let new = Secret::from_key([1; SECRET_BYTES]);
        let old = Secret::from_key([2; SECRET_BYTES]);
        let header = signature_header(&[&new, &old], "msg_1", 10, b"{}");
        let parts: Vec<&str> = header.split(' ').collect();
        assert_eq!(
            parts,
            [new.sign("msg_1", 10, b"{}"), old.sign("msg_1", 10, b"{}")]
        );
    }

    #[test]
    fn retries_follow_svix_schedule_then_stop() {
        let t = OffsetDateTime::UNIX_EPOCH;
        assert_eq!(next_attempt(1, t), Some(t + Duration::seconds(5)));
        assert_eq!(next_attempt(2, t), Some(t + Duration::minutes(5)));
        assert_eq!(next_attempt(7, t), Some(t + Duration::hours(10)));
        assert_eq!(next_attempt(8, t), None);
        assert_eq!(next_attempt(0, t), None);
    }

    #[test]
    fn outcomes_and_disabling() {
        assert_eq!(AttemptOutcome::of(Some(204)), AttemptOutcome::Delivered);
        assert_eq!(AttemptOutcome::of(Some(410)), AttemptOutcome::Gone);
        assert_eq!(AttemptOutcome::of(Some(301)), AttemptOutcome::Failed);
        assert_eq!(AttemptOutcome::of(None), AttemptOutcome::Failed);
        let t = OffsetDateTime::UNIX_EPOCH;
        assert!(!failed_too_long(None, t));
        assert!(!failed_too_long(Some(t), t + Duration::hours(119)));
        assert!(failed_too_long(Some(t), t + Duration::hours(120)));
    }

    fn input(url: &str, events: &[&str]) -> EndpointInput {
        EndpointInput {
            url: url.into(),
            description: "Partner".into(),
            events: events.iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn endpoints_need_https_a_host_and_known_events() {
        let ok = input(
            " https://partner.example/hooks ",
            &["request.updated", "request.created"],
        )
        .validate(false)
        .unwrap();
        assert_eq!(ok.url, "https://partner.example/hooks");
        assert_eq!(
            ok.events,
            [EventType::RequestCreated, EventType::RequestUpdated]
        );
        let field = |url: &str, allow_http| {
            input(url, &["request.created"])
                .validate(allow_http)
                .unwrap_err()
                .0[0]
                .code
        };
        assert_eq!(
            field("http://partner.example/", false),
            "webhooks-error-url-https"
        );
        assert!(
            input("http://127.0.0.1:9/", &["request.created"])
                .validate(true)
                .is_ok()
        );
        assert_eq!(
            field("ftp://partner.example/", true),
            "webhooks-error-url-form"
        );
        assert_eq!(field("partner.example", false), "webhooks-error-url-form");
        assert_eq!(field("https://", false), "webhooks-error-url-form");
        assert_eq!(field("https://a b/", false), "webhooks-error-url-form");
        assert_eq!(
            field("https://user:pw@partner.example/", false),
            "webhooks-error-url-credentials"
        );
        assert_eq!(field("", false), "webhooks-error-url-missing");
        let errors = input("https://partner.example/", &[])
            .validate(false)
            .unwrap_err();
        assert_eq!(errors.0[0].code, "webhooks-error-events-missing");
        let errors = input("https://partner.example/", &["request.deleted"])
            .validate(false)
            .unwrap_err();
        assert_eq!(errors.0[0].code, "webhooks-error-event-unknown");
    }
}
