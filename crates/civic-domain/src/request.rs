//! Service requests: problems reported and requests made to a body, from every channel,
//! and their life from received to outcome. Contact details live apart from the public
//! record and are never part of it.

use crate::validation::{FieldErrors, is_valid_email, is_valid_phone};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// The longest description Open311 allows.
pub const MAX_DESCRIPTION: usize = 4000;

/// Where a request in its life is. The first five are open, the rest closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Reported, not yet looked at.
    Received,
    /// Seen by staff.
    Acknowledged,
    /// Being worked on.
    InProgress,
    /// Work has a date.
    ActionScheduled,
    /// Opened again after being closed.
    Reopened,
    /// Put right.
    Fixed,
    /// Finished for another reason.
    Closed,
    /// Someone else's job (Open311: NOT_COUNCILS_RESPONSIBILITY).
    NotResponsible,
    /// Already reported (see `duplicate_of`).
    Duplicate,
    /// Looked at; nothing will be done.
    NoFurtherAction,
}

impl RequestStatus {
    /// Every status, open ones first.
    pub const ALL: [RequestStatus; 10] = [
        RequestStatus::Received,
        RequestStatus::Acknowledged,
        RequestStatus::InProgress,
        RequestStatus::ActionScheduled,
        RequestStatus::Reopened,
        RequestStatus::Fixed,
        RequestStatus::Closed,
        RequestStatus::NotResponsible,
        RequestStatus::Duplicate,
        RequestStatus::NoFurtherAction,
    ];

    /// The identifier stored and used in APIs (Open311's lower-case extended status).
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Received => "received",
            RequestStatus::Acknowledged => "acknowledged",
            RequestStatus::InProgress => "in_progress",
            RequestStatus::ActionScheduled => "action_scheduled",
            RequestStatus::Reopened => "reopened",
            RequestStatus::Fixed => "fixed",
            RequestStatus::Closed => "closed",
            RequestStatus::NotResponsible => "not_responsible",
            RequestStatus::Duplicate => "duplicate",
            RequestStatus::NoFurtherAction => "no_further_action",
        }
    }

    /// The status in plain English.
    pub fn label(self) -> &'static str {
        match self {
            RequestStatus::Received => "Received",
            RequestStatus::Acknowledged => "Acknowledged",
            RequestStatus::InProgress => "In progress",
            RequestStatus::ActionScheduled => "Action scheduled",
            RequestStatus::Reopened => "Reopened",
            RequestStatus::Fixed => "Fixed",
            RequestStatus::Closed => "Closed",
            RequestStatus::NotResponsible => "Not our responsibility",
            RequestStatus::Duplicate => "Duplicate",
            RequestStatus::NoFurtherAction => "No further action",
        }
    }

    /// Parses the stored identifier.
    pub fn parse(s: &str) -> Option<RequestStatus> {
        RequestStatus::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// True while the request still needs action.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            RequestStatus::Received
                | RequestStatus::Acknowledged
                | RequestStatus::InProgress
                | RequestStatus::ActionScheduled
                | RequestStatus::Reopened
        )
    }

    /// The core Open311 status: `open` or `closed`.
    pub fn open311(self) -> &'static str {
        if self.is_open() { "open" } else { "closed" }
    }

    /// The upper-case extended status UK back ends use on service request updates.
    pub fn open311_update(self) -> &'static str {
        match self {
            RequestStatus::Received => "OPEN",
            RequestStatus::Acknowledged => "INVESTIGATING",
            RequestStatus::InProgress => "IN_PROGRESS",
            RequestStatus::ActionScheduled => "ACTION_SCHEDULED",
            RequestStatus::Reopened => "REOPEN",
            RequestStatus::Fixed => "FIXED",
            RequestStatus::Closed => "CLOSED",
            RequestStatus::NotResponsible => "NOT_COUNCILS_RESPONSIBILITY",
            RequestStatus::Duplicate => "DUPLICATE",
            RequestStatus::NoFurtherAction => "NO_FURTHER_ACTION",
        }
    }

    /// Reads an extended status as back ends send it (any case; Open311 and mySociety names).
    pub fn parse_open311(s: &str) -> Option<RequestStatus> {
        let upper = s.trim().to_ascii_uppercase().replace(' ', "_");
        Some(match upper.as_str() {
            "OPEN" | "RECEIVED" | "FOR_TRIAGE" => RequestStatus::Received,
            "INVESTIGATING" | "ACKNOWLEDGED" => RequestStatus::Acknowledged,
            "IN_PROGRESS" => RequestStatus::InProgress,
            "ACTION_SCHEDULED" | "PLANNED" => RequestStatus::ActionScheduled,
            "REOPEN" | "REOPENED" => RequestStatus::Reopened,
            "FIXED" => RequestStatus::Fixed,
            "CLOSED" | "CANCELLED" => RequestStatus::Closed,
            "NOT_COUNCILS_RESPONSIBILITY" | "NOT_RESPONSIBLE" | "INTERNAL_REFERRAL" => {
                RequestStatus::NotResponsible
            }
            "DUPLICATE" => RequestStatus::Duplicate,
            "NO_FURTHER_ACTION" => RequestStatus::NoFurtherAction,
            _ => return None,
        })
    }
}

/// How a request reached the body (seed R7: every channel lands in one place).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestChannel {
    /// This site's reporting form.
    Web,
    /// Another system or app, through the Open311 API.
    Api,
    /// Taken by staff over the phone.
    Phone,
    /// Taken by staff in person.
    Counter,
    /// From a letter.
    Post,
    /// From an email.
    Email,
}

impl RequestChannel {
    /// Every channel.
    pub const ALL: [RequestChannel; 6] = [
        RequestChannel::Web,
        RequestChannel::Api,
        RequestChannel::Phone,
        RequestChannel::Counter,
        RequestChannel::Post,
        RequestChannel::Email,
    ];
    /// The channels staff enter requests from on someone's behalf.
    pub const ASSISTED: [RequestChannel; 4] = [
        RequestChannel::Phone,
        RequestChannel::Counter,
        RequestChannel::Post,
        RequestChannel::Email,
    ];

    /// The identifier stored and used in APIs.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestChannel::Web => "web",
            RequestChannel::Api => "api",
            RequestChannel::Phone => "phone",
            RequestChannel::Counter => "counter",
            RequestChannel::Post => "post",
            RequestChannel::Email => "email",
        }
    }

    /// The channel in plain English.
    pub fn label(self) -> &'static str {
        match self {
            RequestChannel::Web => "Website",
            RequestChannel::Api => "App or other system",
            RequestChannel::Phone => "Phone",
            RequestChannel::Counter => "In person",
            RequestChannel::Post => "Letter",
            RequestChannel::Email => "Email",
        }
    }

    /// Parses the identifier.
    pub fn parse(s: &str) -> Option<RequestChannel> {
        RequestChannel::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// True for digital channels, as GOV.UK counted digital take-up.
    pub fn is_digital(self) -> bool {
        matches!(self, RequestChannel::Web | RequestChannel::Api)
    }
}

/// Who may see a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// On public pages and APIs (once confirmed).
    Public,
    /// Staff only: the reporter asked, or the subject is sensitive.
    Private,
    /// Removed from public view by a moderator.
    Hidden,
}

impl Visibility {
    /// The identifier stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Private => "private",
            Visibility::Hidden => "hidden",
        }
    }

    /// Parses the identifier.
    pub fn parse(s: &str) -> Option<Visibility> {
        match s {
            "public" => Some(Visibility::Public),
            "private" => Some(Visibility::Private),
            "hidden" => Some(Visibility::Hidden),
            _ => None,
        }
    }
}

/// A point on the map, WGS84.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Latitude, −90 to 90.
    pub lat: f64,
    /// Longitude, −180 to 180.
    pub long: f64,
}

impl Point {
    /// Distance to another point in metres (haversine; plenty for "near me").
    pub fn distance_m(self, other: Point) -> f64 {
        let r = 6_371_000.0_f64;
        let (p1, p2) = (self.lat.to_radians(), other.lat.to_radians());
        let dp = p2 - p1;
        let dl = (other.long - self.long).to_radians();
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * r * a.sqrt().asin()
    }
}

/// The reporter's contact details: personal data, kept apart, never published.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Their name.
    pub name: String,
    /// Their email address, for updates.
    pub email: String,
    /// Their phone number.
    pub phone: String,
}

impl Contact {
    /// True when nothing is held.
    pub fn is_empty(&self) -> bool {
        self.name.is_empty() && self.email.is_empty() && self.phone.is_empty()
    }
}

/// One answer to a service's question (an Open311 attribute value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeValue {
    /// The attribute's code.
    pub code: String,
    /// The answer; list attributes give option keys, several for a multi-value list.
    pub values: Vec<String>,
}

/// A service request as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceRequest {
    /// Public reference number, unique across the deployment.
    pub id: i64,
    /// The body it was made to.
    pub body: String,
    /// The service (Open311 service code) it is about.
    pub service: String,
    /// The service's name when reported.
    pub service_name: String,
    /// Where it is.
    pub status: RequestStatus,
    /// What the person said.
    pub description: String,
    /// Where, as a point.
    pub point: Option<Point>,
    /// Where, in words.
    pub address: String,
    /// The property's Unique Property Reference Number, when picked from the address register.
    pub uprn: Option<String>,
    /// Postcode.
    pub postcode: String,
    /// Answers to the service's questions.
    pub attributes: Vec<AttributeValue>,
    /// Link to a photo or other media.
    pub media_url: Option<String>,
    /// The reporter's name, shown only when they agreed.
    pub public_name: Option<String>,
    /// How it arrived.
    pub channel: RequestChannel,
    /// Who may see it.
    pub visibility: Visibility,
    /// False until a web reporter confirms their email address.
    pub confirmed: bool,
    /// The request this repeats, when marked a duplicate.
    pub duplicate_of: Option<i64>,
    /// The staff member it is assigned to.
    pub assigned_to: Option<i64>,
    /// For batch (token) submissions, the token issued.
    pub token: Option<String>,
    /// When it was made.
    pub requested_at: OffsetDateTime,
    /// When it last changed.
    pub updated_at: OffsetDateTime,
    /// When the service's target says it should be done.
    pub expected_at: Option<OffsetDateTime>,
    /// The latest public update's text, if any (Open311 `status_notes`).
    pub latest_note: Option<String>,
    /// How many photos were sent with it.
    pub photos: i64,
}

impl ServiceRequest {
    /// True when anyone may see it: confirmed and public.
    pub fn is_public(&self) -> bool {
        self.confirmed && self.visibility == Visibility::Public
    }

    /// True when it was published and is public or hidden by moderation: what moderators
    /// look after (a private or unconfirmed request was never published).
    pub fn is_moderated(&self) -> bool {
        self.confirmed && matches!(self.visibility, Visibility::Public | Visibility::Hidden)
    }

    /// True when open and past its target time.
    pub fn is_overdue(&self, now: OffsetDateTime) -> bool {
        self.status.is_open() && self.expected_at.is_some_and(|t| t < now)
    }
}

/// A change to a request: a status change, a public update, or a private note.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestUpdate {
    /// Unique id (Open311 `update_id`).
    pub id: i64,
    /// The request.
    pub request_id: i64,
    /// When.
    pub at: OffsetDateTime,
    /// The status after this update.
    pub status: RequestStatus,
    /// What was said.
    pub description: String,
    /// True for staff-only notes, never shown publicly.
    pub private: bool,
    /// Who: a staff member's name, "the reporter", or a connected system.
    pub actor: String,
    /// The back end's own id for this update, when pushed over Open311.
    pub external_id: Option<String>,
}

/// A request as submitted, before validation; the service's attributes check `attributes`.
#[derive(Debug, Clone, Default)]
pub struct RequestInput {
    /// Service code.
    pub service: String,
    /// Description.
    pub description: String,
    /// Latitude, if given.
    pub lat: Option<String>,
    /// Longitude, if given.
    pub long: Option<String>,
    /// Address in words.
    pub address: String,
    /// UPRN of a picked address.
    pub uprn: String,
    /// Postcode.
    pub postcode: String,
    /// Answers: code → values.
    pub attributes: Vec<(String, Vec<String>)>,
    /// Media link.
    pub media_url: String,
    /// Reporter's contact details.
    pub contact: Contact,
    /// Whether the reporter's name may be shown.
    pub show_name: bool,
}

/// A validated request, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestDraft {
    /// Description.
    pub description: String,
    /// Point.
    pub point: Option<Point>,
    /// Address.
    pub address: String,
    /// UPRN.
    pub uprn: Option<String>,
    /// Postcode, upper-cased.
    pub postcode: String,
    /// Checked answers.
    pub attributes: Vec<AttributeValue>,
    /// Media link.
    pub media_url: Option<String>,
    /// Contact details (private).
    pub contact: Contact,
    /// The name to show publicly, if agreed.
    pub public_name: Option<String>,
}

fn parse_coordinate(
    errors: &mut FieldErrors,
    field: &str,
    code: &'static str,
    raw: Option<&str>,
    limit: f64,
) -> Option<f64> {
    let raw = raw.map(str::trim).filter(|s| !s.is_empty())?;
    match raw.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= limit => Some(v),
        _ => {
            errors.add_t(
                field,
                code,
                format!("{field} must be a number from -{limit} to {limit}"),
            );
            None
        }
    }
}

impl RequestInput {
    /// Checks the request against the service's questions; every problem is reported.
    pub fn validate(
        &self,
        attributes: &[crate::ServiceAttribute],
    ) -> Result<RequestDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let description = self.description.trim().to_string();
        if description.chars().count() > MAX_DESCRIPTION {
            errors.add_with(
                "description",
                "validation-request-description-too-long",
                vec![("max", MAX_DESCRIPTION.to_string())],
                format!("Description must be {MAX_DESCRIPTION} characters or fewer"),
            );
        }
        let lat = parse_coordinate(
            &mut errors,
            "lat",
            "validation-request-lat-invalid",
            self.lat.as_deref(),
            90.0,
        );
        let long = parse_coordinate(
            &mut errors,
            "long",
            "validation-request-long-invalid",
            self.long.as_deref(),
            180.0,
        );
        let lat_given = self.lat.as_deref().is_some_and(|s| !s.trim().is_empty());
        let long_given = self.long.as_deref().is_some_and(|s| !s.trim().is_empty());
        if lat_given != long_given {
            errors.add_t(
                "lat",
                "validation-request-coordinates-unpaired",
                "Give both latitude and longitude, or neither",
            );
        }
        let point = match (lat, long) {
            (Some(lat), Some(long)) => Some(Point { lat, long }),
            _ => None,
        };
        let address = self.address.trim().to_string();
        if address.chars().count() > 500 {
            errors.add_t(
                "address",
                "validation-request-address-too-long",
                "Address must be 500 characters or fewer",
            );
        }
        let uprn = self.uprn.trim().to_string();
        if !uprn.is_empty() && (uprn.len() > 12 || !uprn.chars().all(|c| c.is_ascii_digit())) {
            errors.add_t(
                "uprn",
                "validation-request-uprn-invalid",
                "UPRN must be up to 12 digits",
            );
        }
        let postcode = self.postcode.trim().to_uppercase();
        if postcode.len() > 10 {
            errors.add_t(
                "postcode",
                "validation-request-postcode-too-long",
                "Postcode must be 10 characters or fewer",
            );
        }
        if point.is_none() && address.is_empty() && uprn.is_empty() && !lat_given && !long_given {
            errors.add_t(
                "location",
                "validation-request-location-missing",
                "Say where it is: give an address or postcode, or a point on the map",
            );
        }
        let answers = crate::attribute::check_answers(&mut errors, attributes, &self.attributes);
        let media_url = self.media_url.trim().to_string();
        if !media_url.is_empty() && !crate::validation::is_valid_url(&media_url) {
            errors.add_t(
                "media_url",
                "validation-request-media-url-invalid",
                "Media URL must be a full web address",
            );
        }
        let contact = Contact {
            name: self.contact.name.trim().to_string(),
            email: self.contact.email.trim().to_lowercase(),
            phone: self.contact.phone.trim().to_string(),
        };
        if contact.name.chars().count() > 200 {
            errors.add_t(
                "name",
                "validation-request-name-too-long",
                "Name must be 200 characters or fewer",
            );
        }
        if !contact.email.is_empty() && !is_valid_email(&contact.email) {
            errors.add_t(
                "email",
                "validation-request-email-invalid",
                "Enter an email address in the correct format, like name@example.org",
            );
        }
        if !contact.phone.is_empty() && !is_valid_phone(&contact.phone) {
            errors.add_t(
                "phone",
                "validation-request-phone-invalid",
                "Enter a phone number, like 01632 960 001",
            );
        }
        if self.show_name && contact.name.is_empty() {
            errors.add_t(
                "name",
                "validation-request-name-missing",
                "Enter your name if you want it shown",
            );
        }
        let public_name =
            (self.show_name && !contact.name.is_empty()).then(|| contact.name.clone());
        errors.into_result(RequestDraft {
            description,
            point,
            address,
            uprn: (!uprn.is_empty()).then_some(uprn),
            postcode,
            attributes: answers,
            media_url: (!media_url.is_empty()).then_some(media_url),
            contact,
            public_name,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AttributeDatatype, AttributeOption, ServiceAttribute};

    fn questions() -> Vec<ServiceAttribute> {
        vec![ServiceAttribute {
            code: "depth".into(),
            datatype: AttributeDatatype::SingleValueList,
            required: true,
            variable: true,
            description: "How deep is it?".into(),
            datatype_description: String::new(),
            order: 1,
            values: vec![
                AttributeOption {
                    key: "shallow".into(),
                    name: "Shallow".into(),
                },
                AttributeOption {
                    key: "deep".into(),
                    name: "Deep".into(),
                },
            ],
        }]
    }

    fn input() -> RequestInput {
        RequestInput {
            service: "report-a-pothole".into(),
            description: "Big hole".into(),
            lat: Some("52.2".into()),
            long: Some("-0.9".into()),
            attributes: vec![("depth".into(), vec!["deep".into()])],
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_request_passes() {
        let draft = input().validate(&questions()).unwrap();
        assert_eq!(
            draft.point,
            Some(Point {
                lat: 52.2,
                long: -0.9
            })
        );
        assert_eq!(draft.attributes[0].values, vec!["deep"]);
        assert_eq!(draft.public_name, None);
    }

    #[test]
    fn bad_requests_report_every_problem() {
        let mut bad = input();
        bad.lat = Some("91".into());
        bad.long = None;
        bad.description = "x".repeat(MAX_DESCRIPTION + 1);
        bad.attributes = vec![("depth".into(), vec!["bottomless".into()])];
        bad.contact.email = "not-an-email".into();
        let errors = bad.validate(&questions()).unwrap_err();
        for field in ["lat", "description", "attribute[depth]", "email"] {
            assert!(errors.for_field(field).is_some(), "{field}: {errors}");
        }
        let mut missing = input();
        missing.attributes.clear();
        missing.lat = None;
        missing.long = None;
        let errors = missing.validate(&questions()).unwrap_err();
        assert!(errors.for_field("attribute[depth]").is_some());
        assert!(errors.for_field("location").is_some());
    }

    #[test]
    fn statuses_map_to_open311() {
        assert_eq!(RequestStatus::ActionScheduled.open311(), "open");
        assert_eq!(RequestStatus::Duplicate.open311(), "closed");
        for status in RequestStatus::ALL {
            assert_eq!(
                RequestStatus::parse_open311(status.open311_update()),
                Some(status)
            );
            assert_eq!(RequestStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(
            RequestStatus::parse_open311("not councils responsibility"),
            Some(RequestStatus::NotResponsible)
        );
    }

    #[test]
    fn distances() {
        let a = Point {
            lat: 51.5007,
            long: -0.1246,
        };
        let b = Point {
            lat: 51.5033,
            long: -0.1196,
        };
        let d = a.distance_m(b);
        assert!((400.0..500.0).contains(&d), "{d}");
    }
}

/// The instant `days` working days (Monday to Friday) after `start`: when a request's
/// target time to outcome runs out. Bank holidays are not counted out.
pub fn add_working_days(start: OffsetDateTime, days: u32) -> OffsetDateTime {
    let mut at = start;
    let mut left = days;
    while left > 0 {
        at += time::Duration::days(1);
        if !matches!(
            at.weekday(),
            time::Weekday::Saturday | time::Weekday::Sunday
        ) {
            left -= 1;
        }
    }
    at
}

#[cfg(test)]
mod working_days {
    use super::add_working_days;
    use time::macros::datetime;

    #[test]
    fn weekends_do_not_count() {
        let friday = datetime!(2026-11-27 10:00 UTC);
        assert_eq!(add_working_days(friday, 1), datetime!(2026-11-30 10:00 UTC));
        assert_eq!(add_working_days(friday, 5), datetime!(2026-12-04 10:00 UTC));
        assert_eq!(add_working_days(friday, 0), friday);
    }
}
