//! Reading an Open Referral UK feed into a body's register: each service in it becomes a
//! [`ServiceInput`], and everything Civic has no place for is listed, service by service, so
//! that staff see what the import leaves behind before anything is saved.
//!
//! The mapping is the feed's own in reverse (see `civic_web::openreferral::feed`): `url` is
//! the online channel, `phones` the phone channels, physical and postal locations the
//! in-person and postal channels, an `application_process` written as Civic writes help to
//! use the online service is that channel, and terms of Civic's two taxonomies give the
//! standard code and the level on the digital inclusion scale.

use super::{FeedTaxonomy, HELP_PREFIX, PLACE_PREFIX};
use crate::ChannelKind;
use crate::service::{ChannelInput, ServiceInput};
use serde_json::{Map, Value};

/// What a feed holds for Civic.
#[derive(Debug, Default)]
pub struct FeedImport {
    /// One input per service that is offered now, in the feed's order.
    pub services: Vec<ServiceInput>,
    /// Each thing not kept: the service it belongs to, and what and why.
    pub left_out: Vec<LeftOut>,
}

impl FeedImport {
    /// Every service checked against `body`'s rules: the drafts to save when all pass,
    /// else each failing service's name (or "?") with its problems.
    pub fn drafts_for(
        &self,
        body: &crate::Body,
    ) -> Result<Vec<crate::ServiceDraft>, Vec<(String, crate::FieldErrors)>> {
        let mut drafts = Vec::with_capacity(self.services.len());
        let mut problems = Vec::new();
        for input in &self.services {
            match input.validate_for(body) {
                Ok(draft) => drafts.push(draft),
                Err(errors) => {
                    let name = if input.name.is_empty() {
                        "?"
                    } else {
                        &input.name
                    };
                    problems.push((name.to_string(), errors));
                }
            }
        }
        if problems.is_empty() {
            Ok(drafts)
        } else {
            Err(problems)
        }
    }
}

/// Something in the feed the import does not keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The service's name (or its place in the feed when it has none).
    pub service: String,
    /// What is left out, and why, in plain English.
    pub what: String,
    /// The same as a message id in the interface's message files (with `service`).
    pub id: &'static str,
    /// The message's other named arguments.
    pub args: Vec<(&'static str, String)>,
}

/// Why a file is not a feed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    /// Not JSON at all.
    #[error("the file is not JSON: {0}")]
    NotJson(String),
    /// A page whose `contents` is not a list.
    #[error("the page's \"contents\" is not a list of services")]
    ContentsNotList,
    /// JSON, but no services in it.
    #[error("the file holds no services: give a page of services, a list of them, or one service")]
    NoServices,
}

impl FeedError {
    /// The message id saying the same in the interface's message files.
    pub fn id(&self) -> &'static str {
        match self {
            FeedError::NotJson(_) => "openreferral-error-not-json",
            FeedError::ContentsNotList => "openreferral-error-contents",
            FeedError::NoServices => "openreferral-error-no-services",
        }
    }
}

/// Fields of a service Civic keeps nowhere, with how to say so.
const NOT_KEPT: [(&str, &str); 15] = [
    ("email", "its email address"),
    ("fees", "its fees"),
    ("fees_description", "its fees"),
    ("accreditations", "its accreditations"),
    ("minimum_age", "its minimum age"),
    ("maximum_age", "its maximum age"),
    ("eligibility_description", "who is eligible"),
    ("alert", "its alert"),
    ("assured_date", "when it was assured"),
    ("schedules", "its opening times"),
    ("cost_options", "its costs"),
    ("funding", "its funding"),
    ("contacts", "its contacts"),
    ("required_documents", "the documents it needs"),
    ("interpretation_services", "its interpretation services"),
];

/// Reads a feed: a page of services (`{"contents": […]}`), a list of services, or one
/// service, each as `/services/{id}` gives it. Errors say why the text is not a feed.
pub fn read_feed(text: &str) -> Result<FeedImport, FeedError> {
    let value: Value = serde_json::from_str(text).map_err(|e| FeedError::NotJson(e.to_string()))?;
    let items = match &value {
        Value::Array(items) => items.clone(),
        Value::Object(page) if page.contains_key("contents") => match &page["contents"] {
            Value::Array(items) => items.clone(),
            _ => return Err(FeedError::ContentsNotList),
        },
        Value::Object(one) if one.contains_key("name") => vec![value.clone()],
        _ => return Err(FeedError::NoServices),
    };
    let mut import = FeedImport::default();
    for (i, item) in items.iter().enumerate() {
        let Value::Object(service) = item else {
            import.left_out.push(LeftOut {
                service: format!("Item {}", i + 1),
                what: "is not a service (not a JSON object)".into(),
                id: "openreferral-left-not-object",
                args: Vec::new(),
            });
            continue;
        };
        read_service(service, i, &mut import);
    }
    Ok(import)
}

fn text<'a>(object: &'a Map<String, Value>, field: &str) -> &'a str {
    object
        .get(field)
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
}

fn list<'a>(object: &'a Map<String, Value>, field: &str) -> &'a [Value] {
    object
        .get(field)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// True when a field holds something: text, a number, or a list or object not empty.
fn present(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(_) => true,
    }
}

fn read_service(service: &Map<String, Value>, index: usize, import: &mut FeedImport) {
    let name = text(service, "name");
    let label = if name.is_empty() {
        format!("Service {}", index + 1)
    } else {
        name.to_string()
    };
    let mut left_out = |id: &'static str, args: Vec<(&'static str, String)>, what: String| {
        import.left_out.push(LeftOut {
            service: label.clone(),
            what,
            id,
            args,
        })
    };
    let status = text(service, "status");
    if !status.is_empty() && status != "active" {
        left_out(
            "openreferral-left-not-active",
            vec![("status", status.to_string())],
            format!(
                "is not imported: its status is \"{status}\", and only services offered now are"
            ),
        );
        return;
    }
    let mut input = ServiceInput {
        name: name.to_string(),
        description: text(service, "description").to_string(),
        ..Default::default()
    };
    let mut channel = |kind: ChannelKind, detail: &str| {
        input.channels.push(ChannelInput {
            kind: kind.as_str().into(),
            detail: detail.to_string(),
            detail_cy: String::new(),
        })
    };
    let url = text(service, "url");
    if !url.is_empty() {
        channel(ChannelKind::Online, url);
    }
    for phone in list(service, "phones") {
        match phone.get("number").and_then(Value::as_str).map(str::trim) {
            Some(number) if !number.is_empty() => channel(ChannelKind::Phone, number),
            _ => left_out(
                "openreferral-left-phone",
                Vec::new(),
                "a phone without a number".into(),
            ),
        }
    }
    for at in list(service, "service_at_locations") {
        let Some(location) = at.get("location").and_then(Value::as_object) else {
            left_out(
                "openreferral-left-no-location",
                Vec::new(),
                "a service at a location with no location".into(),
            );
            continue;
        };
        if text(location, "description").starts_with(PLACE_PREFIX) {
            left_out(
                "openreferral-left-help-place",
                vec![("name", text(location, "name").to_string())],
                format!(
                    "the place giving digital help \"{}\" (add it on the digital help places \
                     page)",
                    text(location, "name")
                ),
            );
            continue;
        }
        let kind = match text(location, "location_type") {
            "physical" => ChannelKind::Counter,
            "postal" => ChannelKind::Post,
            other => {
                let other = if other.is_empty() { "untyped" } else { other };
                left_out(
                    "openreferral-left-location-type",
                    vec![
                        ("type", other.to_string()),
                        ("name", text(location, "name").to_string()),
                    ],
                    format!(
                        "the {other} location \"{}\" (only physical and postal ones become \
                         channels)",
                        text(location, "name")
                    ),
                );
                continue;
            }
        };
        let detail = location_text(location);
        if detail.is_empty() {
            left_out(
                "openreferral-left-location-empty",
                vec![("name", text(location, "name").to_string())],
                format!(
                    "the location \"{}\", which has no description or address",
                    text(location, "name")
                ),
            );
        } else {
            channel(kind, &detail);
        }
    }
    let process = text(service, "application_process");
    if let Some(help) = process.strip_prefix(HELP_PREFIX) {
        channel(ChannelKind::AssistedDigital, help.trim());
    } else if !process.is_empty() {
        left_out(
            "openreferral-left-field",
            vec![("field", "application_process".to_string())],
            "its application process (application_process): Civic keeps no such field".into(),
        );
    }
    for attribute in list(service, "attributes") {
        let Some(term) = attribute.get("taxonomy_term").and_then(Value::as_object) else {
            left_out(
                "openreferral-left-attribute",
                Vec::new(),
                "an attribute with no taxonomy term".into(),
            );
            continue;
        };
        let taxonomy = FeedTaxonomy::from_id(text(term, "taxonomy_id")).or_else(|| {
            FeedTaxonomy::ALL
                .into_iter()
                .find(|t| t.name() == text(term, "taxonomy"))
        });
        let value = text(term, "term");
        match taxonomy {
            Some(FeedTaxonomy::ServiceCodes) if !value.is_empty() => {
                input.code = value.to_string();
            }
            Some(FeedTaxonomy::DigitalInclusion) => match value.parse::<i64>() {
                Ok(level) => input.digital_inclusion_level = Some(level),
                Err(_) => left_out(
                    "openreferral-left-level",
                    vec![("value", value.to_string())],
                    format!("the digital inclusion level \"{value}\", which is not a number"),
                ),
            },
            _ => left_out(
                "openreferral-left-term",
                vec![("name", text(term, "name").to_string())],
                format!(
                    "the taxonomy term \"{}\" (not a standard service code or a level of the \
                     digital inclusion scale)",
                    text(term, "name")
                ),
            ),
        }
    }
    for (field, what) in NOT_KEPT {
        if present(service.get(field)) {
            left_out(
                "openreferral-left-field",
                vec![("field", field.to_string())],
                format!("{what} ({field}): Civic keeps no such field"),
            );
        }
    }
    import.services.push(input);
}

/// A location as a channel's detail: its description, else its name and first address.
fn location_text(location: &Map<String, Value>) -> String {
    let description = text(location, "description");
    if !description.is_empty() {
        return description.to_string();
    }
    let mut parts: Vec<&str> = vec![text(location, "name")];
    if let Some(Value::Object(address)) = list(location, "addresses").first() {
        for field in ["address_1", "address_2", "city", "postal_code"] {
            parts.push(text(address, field));
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_service_maps_onto_channels_code_and_level() {
        let feed = serde_json::json!({
            "contents": [{
                "id": "ac148810-d857-441c-9679-408f346de14b",
                "name": "Community Counselling",
                "description": "Counselling for people in difficulty.",
                "url": "https://example.org/counselling",
                "email": "help@example.org",
                "status": "active",
                "phones": [{"id": "x", "number": "01632 960 123"}],
                "service_at_locations": [
                    {"id": "a", "location": {"id": "l", "location_type": "physical", "name": "Hub",
                     "addresses": [{"address_1": "1 High Street", "city": "Northam", "postal_code": "ZZ1 1AA"}]}},
                    {"id": "b", "location": {"id": "m", "location_type": "virtual", "name": "Zoom"}}
                ],
                "application_process": format!("{HELP_PREFIX}Ask at any library."),
                "attributes": [
                    {"id": "c", "taxonomy_term": {"id": "t", "name": "LGSL 524", "taxonomy": "Standard service codes", "term": "LGSL 524"}},
                    {"id": "d", "taxonomy_term": {"id": "u", "name": "Confident", "taxonomy_id": FeedTaxonomy::DigitalInclusion.id(), "term": "8"}},
                    {"id": "e", "taxonomy_term": {"id": "v", "name": "Mental health", "taxonomy": "OpenEligibility", "term": "mh"}}
                ],
                "schedules": []
            }, {"name": "Old service", "status": "defunct"}]
        });
        let import = read_feed(&feed.to_string()).unwrap();
        assert_eq!(import.services.len(), 1);
        let service = &import.services[0];
        assert_eq!(service.code, "LGSL 524");
        assert_eq!(service.digital_inclusion_level, Some(8));
        let channels: Vec<(&str, &str)> = service
            .channels
            .iter()
            .map(|c| (c.kind.as_str(), c.detail.as_str()))
            .collect();
        assert_eq!(
            channels,
            vec![
                ("online", "https://example.org/counselling"),
                ("phone", "01632 960 123"),
                ("counter", "Hub, 1 High Street, Northam, ZZ1 1AA"),
                ("assisted_digital", "Ask at any library."),
            ]
        );
        let left: Vec<String> = import
            .left_out
            .iter()
            .map(|l| format!("{}: {}", l.service, l.what))
            .collect();
        assert_eq!(left.len(), 4, "{left:#?}");
        assert!(left[0].contains("virtual location \"Zoom\""));
        assert!(left[1].contains("\"Mental health\""));
        assert!(left[2].contains("email"));
        assert!(left[3].starts_with("Old service: is not imported"));
    }

    #[test]
    fn what_is_not_a_feed_is_refused_in_plain_words() {
        assert!(matches!(read_feed("not json"), Err(FeedError::NotJson(_))));
        assert_eq!(
            read_feed("{\"total\": 3}").unwrap_err(),
            FeedError::NoServices
        );
        let not_list = read_feed("{\"contents\": 3}").unwrap_err();
        assert_eq!(not_list.id(), "openreferral-error-contents");
        assert!(not_list.to_string().contains("not a list"));
        let odd = read_feed("[3, {\"name\": \"Bins\"}]").unwrap();
        assert_eq!(odd.services.len(), 1);
        assert_eq!(odd.left_out[0].service, "Item 1");
    }
}
