//! API keys: the one credential partners, community groups and a body's own systems use
//! for Civic's machine APIs. A key has a kind (live, test, team), scopes naming what it
//! may do, an expiry, a limit per minute and optionally the data-sharing agreement it
//! serves. It is shown once and stored only as a hash; its text starts `civic_live_`,
//! `civic_test_` or `civic_team_` so secret scanners can find a leaked one. No I/O.

use crate::FieldErrors;
use time::{Date, OffsetDateTime};

/// What kind of key this is; the kind is part of the key's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// Acts for real, within its scopes.
    Live,
    /// Sandbox: writes are checked and answered as if made, and nothing is stored.
    Test,
    /// The body's own back-office system: it may act on any of the body's records,
    /// private ones included.
    Team,
}

impl KeyKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [KeyKind; 3] = [KeyKind::Live, KeyKind::Test, KeyKind::Team];

    /// The kind as stored and as written in the key.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyKind::Live => "live",
            KeyKind::Test => "test",
            KeyKind::Team => "team",
        }
    }

    /// The kind named `text`, if any.
    pub fn parse(text: &str) -> Option<KeyKind> {
        KeyKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The start of every key of this kind: `civic_live_`.
    pub fn prefix(self) -> String {
        format!("civic_{}_", self.as_str())
    }

    /// Requests a minute a new key of this kind may make unless staff set otherwise.
    /// Test keys get a tenth: a sandbox is for trying things, not for load.
    pub fn default_per_minute(self) -> u32 {
        match self {
            KeyKind::Live | KeyKind::Team => 600,
            KeyKind::Test => 60,
        }
    }
}

/// What a key may do.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Report service requests and add updates through Open311 GeoReport v2.
    Open311Write,
    /// Add and change the body's services through the services write API.
    ServicesWrite,
    /// Push transaction events for one performance data set (by its slug).
    EventsWrite(String),
    /// Download one restricted catalogue dataset's files (by its id).
    DatasetRead(String),
    /// Add, change and remove the body's webhook endpoints.
    WebhooksManage,
}

/// The scopes a form offers without a parameter.
pub const PLAIN_SCOPES: [Scope; 3] = [
    Scope::Open311Write,
    Scope::ServicesWrite,
    Scope::WebhooksManage,
];

/// Longest dataset slug or id a scope may name.
const MAX_SCOPE_TARGET: usize = 120;

fn is_target(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_SCOPE_TARGET
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

impl Scope {
    /// The scope as written: `open311:write`, `datasets:{id}:read`.
    pub fn as_string(&self) -> String {
        match self {
            Scope::Open311Write => "open311:write".into(),
            Scope::ServicesWrite => "services:write".into(),
            Scope::EventsWrite(slug) => format!("events:{slug}:write"),
            Scope::DatasetRead(id) => format!("datasets:{id}:read"),
            Scope::WebhooksManage => "webhooks:manage".into(),
        }
    }

    /// The scope written as `text`, if it is one.
    pub fn parse(text: &str) -> Option<Scope> {
        match text.trim() {
            "open311:write" => Some(Scope::Open311Write),
            "services:write" => Some(Scope::ServicesWrite),
            "webhooks:manage" => Some(Scope::WebhooksManage),
            other => {
                let (resource, rest) = other.split_once(':')?;
                let (target, action) = rest.rsplit_once(':')?;
                if !is_target(target) {
                    return None;
                }
                match (resource, action) {
                    ("events", "write") => Some(Scope::EventsWrite(target.into())),
                    ("datasets", "read") => Some(Scope::DatasetRead(target.into())),
                    _ => None,
                }
            }
        }
    }

    /// Scopes written one per space or line; `Err` with the first that is not a scope.
    pub fn parse_list(text: &str) -> Result<Vec<Scope>, String> {
        let mut scopes = Vec::new();
        for word in text.split_whitespace() {
            let scope =
                Scope::parse(word).ok_or_else(|| word.chars().take(60).collect::<String>())?;
            if !scopes.contains(&scope) {
                scopes.push(scope);
            }
        }
        scopes.sort();
        Ok(scopes)
    }

    /// Scopes as stored: space-separated, as OAuth writes them.
    pub fn join(scopes: &[Scope]) -> String {
        scopes
            .iter()
            .map(Scope::as_string)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Why a presented key may not do what it asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyRefusal {
    /// No key was sent, or none matches (401).
    Unknown,
    /// The key was revoked (401).
    Revoked,
    /// The key's expiry has passed (401).
    Expired,
    /// The key belongs to another body (403).
    OtherBody,
    /// The key lacks the scope (403); carries the scope it needs.
    MissingScope(String),
    /// The data-sharing agreement the key serves is not in force today (403).
    AgreementNotCurrent,
}

impl KeyRefusal {
    /// True when the answer is 401 (the key itself is no good), false for 403.
    pub fn is_unauthenticated(&self) -> bool {
        matches!(
            self,
            KeyRefusal::Unknown | KeyRefusal::Revoked | KeyRefusal::Expired
        )
    }

    /// A plain-English reason for the client's developer.
    pub fn message(&self) -> String {
        match self {
            KeyRefusal::Unknown => "Send a valid API key as 'Authorization: Bearer civic_…'; \
                 ask the body's staff for one"
                .into(),
            KeyRefusal::Revoked => {
                "This API key was revoked; ask the body's staff for a new one".into()
            }
            KeyRefusal::Expired => {
                "This API key has expired; ask the body's staff for a new one".into()
            }
            KeyRefusal::OtherBody => "This API key belongs to another body".into(),
            KeyRefusal::MissingScope(scope) => {
                format!("This API key does not have the scope '{scope}' this needs")
            }
            KeyRefusal::AgreementNotCurrent => "The data-sharing agreement this key serves is \
                 not in force today, so the key cannot read restricted data"
                .into(),
        }
    }
}

/// What the checks need to know about a stored key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyTerms {
    /// The body that issued it.
    pub body: String,
    /// What it may do.
    pub scopes: Vec<Scope>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<OffsetDateTime>,
    /// The last day it works, if it expires.
    pub expires_on: Option<Date>,
    /// The dates of the agreement it serves, if any: starts, ends.
    pub agreement: Option<(Date, Option<Date>)>,
}

impl KeyTerms {
    /// Can this key be used at all today: neither revoked nor past its last day?
    pub fn usable(&self, today: Date) -> Result<(), KeyRefusal> {
        if self.revoked_at.is_some() {
            return Err(KeyRefusal::Revoked);
        }
        if self.expires_on.is_some_and(|last| today > last) {
            return Err(KeyRefusal::Expired);
        }
        Ok(())
    }

    /// May this key do `scope` on `body`'s data today? Restricted data (`DatasetRead`)
    /// also needs the key's agreement, if it names one, to be in force.
    pub fn permits(&self, body: &str, scope: &Scope, today: Date) -> Result<(), KeyRefusal> {
        self.usable(today)?;
        if self.body != body {
            return Err(KeyRefusal::OtherBody);
        }
        if !self.scopes.contains(scope) {
            return Err(KeyRefusal::MissingScope(scope.as_string()));
        }
        if let (Scope::DatasetRead(_), Some((starts, ends))) = (scope, self.agreement)
            && (today < starts || ends.is_some_and(|end| today > end))
        {
            return Err(KeyRefusal::AgreementNotCurrent);
        }
        Ok(())
    }
}

/// Longest name a key may have.
pub const MAX_NAME_CHARS: usize = 100;

/// Most requests a minute staff may allow one key.
pub const MAX_PER_MINUTE: u32 = 60_000;

/// What staff submit to issue a key.
#[derive(Debug, Clone, Default)]
pub struct KeyInput {
    /// What the key is for ("Street reports app").
    pub name: String,
    /// `live`, `test` or `team`.
    pub kind: String,
    /// Scopes, space- or line-separated.
    pub scopes: String,
    /// The last day it works (`YYYY-MM-DD`), or empty for none.
    pub expires_on: String,
    /// Requests a minute, or empty for the kind's default.
    pub per_minute: String,
}

/// A checked key request, ready to issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyDraft {
    /// What the key is for.
    pub name: String,
    /// Its kind.
    pub kind: KeyKind,
    /// What it may do.
    pub scopes: Vec<Scope>,
    /// The last day it works.
    pub expires_on: Option<Date>,
    /// Requests a minute.
    pub per_minute: u32,
}

impl KeyInput {
    /// Checks every field against `today` (an expiry must be in the future).
    pub fn validate(&self, today: Date) -> Result<KeyDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = self.name.trim().to_string();
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
            errors.add_t(
                "name",
                "keys-error-name",
                "Enter what the key is for, up to 100 characters",
            );
        }
        let kind = KeyKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.add_t("kind", "keys-error-kind", "Choose live, test or team");
        }
        let scopes = match Scope::parse_list(&self.scopes) {
            Ok(s) if s.is_empty() => {
                errors.add_t(
                    "scopes",
                    "keys-error-scopes-missing",
                    "Choose at least one thing the key may do",
                );
                s
            }
            Ok(s) => s,
            Err(word) => {
                errors.add_with(
                    "scopes",
                    "keys-error-scope-unknown",
                    vec![("scope", word.clone())],
                    format!("'{word}' is not a scope Civic knows"),
                );
                Vec::new()
            }
        };
        let expires_on = match self.expires_on.trim() {
            "" => None,
            text => match Date::parse(text, &time::format_description::well_known::Iso8601::DATE) {
                Ok(d) if d > today => Some(d),
                Ok(_) => {
                    errors.add_t(
                        "expires_on",
                        "keys-error-expiry-past",
                        "The expiry must be a date after today",
                    );
                    None
                }
                Err(_) => {
                    errors.add_t(
                        "expires_on",
                        "keys-error-expiry-form",
                        "Enter the expiry as a date like 2027-03-31",
                    );
                    None
                }
            },
        };
        let per_minute = match self.per_minute.trim() {
            "" => kind.map(KeyKind::default_per_minute),
            text => {
                match text.parse::<u32>() {
                    Ok(n) if (1..=MAX_PER_MINUTE).contains(&n) => Some(n),
                    _ => {
                        errors.add_with(
                        "per_minute",
                        "keys-error-per-minute",
                        vec![("max", MAX_PER_MINUTE.to_string())],
                        format!("Enter a whole number of requests a minute from 1 to {MAX_PER_MINUTE}"),
                    );
                        None
                    }
                }
            }
        };
        match (kind, per_minute, errors.is_empty()) {
            (Some(kind), Some(per_minute), true) => Ok(KeyDraft {
                name,
                kind,
                scopes,
                expires_on,
                per_minute,
            }),
            _ => Err(errors),
        }
    }
}

/// The kind a presented key's text claims, if it has Civic's form at all; keys issued
/// before prefixes (and data set tokens) have none and are looked up all the same.
pub fn claimed_kind(secret: &str) -> Option<KeyKind> {
    let rest = secret.strip_prefix("civic_")?;
    let (kind, _) = rest.split_once('_')?;
    KeyKind::parse(kind)
}

/// The part of a key shown on management pages so staff can tell keys apart: its kind
/// prefix and the first four characters of its secret part.
pub fn display_prefix(secret: &str) -> String {
    let cut = secret
        .char_indices()
        .nth(claimed_kind(secret).map_or(0, |k| k.prefix().len()) + 4)
        .map_or(secret.len(), |(i, _)| i);
    format!("{}…", &secret[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn scopes_read_back_as_written() {
        for text in [
            "open311:write",
            "services:write",
            "webhooks:manage",
            "events:bins-online:write",
            "datasets:42:read",
        ] {
            assert_eq!(
                Scope::parse(text).map(|s| s.as_string()).as_deref(),
                Some(text)
            );
        }
        for bad in [
            "",
            "open311",
            "datasets::read",
            "datasets:a b:read",
            "events:x:read",
            "admin:*",
        ] {
            assert_eq!(Scope::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Scope::parse_list("webhooks:manage open311:write\nopen311:write"),
            Ok(vec![Scope::Open311Write, Scope::WebhooksManage])
        );
        assert_eq!(Scope::parse_list("open311:write root"), Err("root".into()));
    }

    fn terms() -> KeyTerms {
        KeyTerms {
            body: "northshire".into(),
            scopes: vec![Scope::DatasetRead("7".into()), Scope::Open311Write],
            revoked_at: None,
            expires_on: Some(date!(2027 - 01 - 31)),
            agreement: Some((date!(2026 - 01 - 01), Some(date!(2026 - 12 - 31)))),
        }
    }

    #[test]
    fn keys_are_refused_for_the_right_reason() {
        let today = date!(2026 - 06 - 01);
        let read = Scope::DatasetRead("7".into());
        assert_eq!(terms().permits("northshire", &read, today), Ok(()));
        assert_eq!(
            terms().permits("southvale", &read, today),
            Err(KeyRefusal::OtherBody)
        );
        assert_eq!(
            terms().permits("northshire", &Scope::ServicesWrite, today),
            Err(KeyRefusal::MissingScope("services:write".into()))
        );
        // The agreement ended, the key still works for what needs no agreement.
        let after = date!(2027 - 01 - 15);
        assert_eq!(
            terms().permits("northshire", &read, after),
            Err(KeyRefusal::AgreementNotCurrent)
        );
        assert_eq!(
            terms().permits("northshire", &Scope::Open311Write, after),
            Ok(())
        );
        assert_eq!(
            terms().permits("northshire", &read, date!(2027 - 02 - 01)),
            Err(KeyRefusal::Expired)
        );
        let revoked = KeyTerms {
            revoked_at: Some(OffsetDateTime::UNIX_EPOCH),
            ..terms()
        };
        assert_eq!(
            revoked.permits("northshire", &read, today),
            Err(KeyRefusal::Revoked)
        );
        assert!(KeyRefusal::Expired.is_unauthenticated());
        assert!(!KeyRefusal::AgreementNotCurrent.is_unauthenticated());
    }

    #[test]
    fn a_key_request_is_checked_whole() {
        let today = date!(2026 - 06 - 01);
        let draft = KeyInput {
            name: " Street app ".into(),
            kind: "test".into(),
            scopes: "open311:write".into(),
            expires_on: "2026-12-31".into(),
            per_minute: String::new(),
        }
        .validate(today)
        .unwrap();
        assert_eq!(draft.name, "Street app");
        assert_eq!(draft.per_minute, 60);
        assert_eq!(draft.expires_on, Some(date!(2026 - 12 - 31)));
        let errors = KeyInput {
            name: String::new(),
            kind: "gold".into(),
            scopes: "everything".into(),
            expires_on: "2026-01-01".into(),
            per_minute: "0".into(),
        }
        .validate(today)
        .unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["name", "kind", "scopes", "expires_on", "per_minute"]
        );
    }

    #[test]
    fn keys_are_recognisable_and_told_apart() {
        assert_eq!(claimed_kind("civic_live_abcdef"), Some(KeyKind::Live));
        assert_eq!(claimed_kind("civic_gold_abcdef"), None);
        assert_eq!(claimed_kind("abcdef"), None);
        assert_eq!(display_prefix("civic_test_abcdefgh"), "civic_test_abcd…");
        assert_eq!(display_prefix("abcdefgh"), "abcd…");
        assert_eq!(display_prefix("ab"), "ab…");
    }
}
