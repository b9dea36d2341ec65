//! Services in a body's register, the channels that reach them, and their change history.

use crate::ServiceAttribute;
use crate::inclusion::DigitalInclusionLevel;
use crate::validation::{
    FieldErrors, TextIds, is_valid_phone, is_valid_url, optional_text, required_text,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// A way a person can use a service (seed R7: every service has digital and non-digital routes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    /// A web page or online form; the detail is its URL.
    Online,
    /// A telephone line; the detail is the number.
    Phone,
    /// In person at a counter; the detail is the address and opening times.
    Counter,
    /// By letter; the detail is the postal address.
    Post,
    /// Help from someone to use the online service; the detail says how to get it.
    AssistedDigital,
}

impl ChannelKind {
    /// Every channel, in the order pages list them.
    pub const ALL: [ChannelKind; 5] = [
        ChannelKind::Online,
        ChannelKind::Phone,
        ChannelKind::Counter,
        ChannelKind::Post,
        ChannelKind::AssistedDigital,
    ];

    /// The identifier used in APIs, forms and storage.
    pub fn as_str(self) -> &'static str {
        match self {
            ChannelKind::Online => "online",
            ChannelKind::Phone => "phone",
            ChannelKind::Counter => "counter",
            ChannelKind::Post => "post",
            ChannelKind::AssistedDigital => "assisted_digital",
        }
    }

    /// The channel's name for people.
    pub fn label(self) -> &'static str {
        match self {
            ChannelKind::Online => "Online",
            ChannelKind::Phone => "Phone",
            ChannelKind::Counter => "In person",
            ChannelKind::Post => "By post",
            ChannelKind::AssistedDigital => "Help to use the online service",
        }
    }

    /// What the detail field holds, for form hints.
    pub fn detail_hint(self) -> &'static str {
        match self {
            ChannelKind::Online => "The web address, like https://www.example.gov.uk/bins",
            ChannelKind::Phone => "The phone number, like 01632 960 001",
            ChannelKind::Counter => "The address and opening times",
            ChannelKind::Post => "The postal address",
            ChannelKind::AssistedDigital => {
                "How people get help: who to call or where to go, and when"
            }
        }
    }

    /// Parses an identifier.
    pub fn parse(s: &str) -> Option<ChannelKind> {
        ChannelKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// True for channels a person can use without the internet.
    pub fn is_offline(self) -> bool {
        !matches!(self, ChannelKind::Online)
    }
}

/// One way to reach a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channel {
    /// Which channel.
    pub kind: ChannelKind,
    /// The URL, phone number, address or instructions.
    pub detail: String,
    /// The same in Welsh (a Welsh page's address, opening hours in Welsh); empty when none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail_cy: String,
}

impl Channel {
    /// The detail in Welsh when `welsh` and it has one, else in English.
    pub fn detail_in(&self, welsh: bool) -> &str {
        if welsh && !self.detail_cy.is_empty() {
            &self.detail_cy
        } else {
            &self.detail
        }
    }
}

/// Whether a service is offered now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceStatus {
    /// Offered now.
    Active,
    /// No longer offered; kept with its history.
    Retired,
}

impl ServiceStatus {
    /// The identifier stored and used in APIs.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceStatus::Active => "active",
            ServiceStatus::Retired => "retired",
        }
    }

    /// Parses the stored identifier.
    pub fn parse(s: &str) -> Option<ServiceStatus> {
        match s {
            "active" => Some(ServiceStatus::Active),
            "retired" => Some(ServiceStatus::Retired),
            _ => None,
        }
    }
}

/// A service in a body's register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Service {
    /// The identifier of the body that runs it.
    pub body: String,
    /// Its identifier within the body, used in URLs.
    pub slug: String,
    /// Its code in a standard list, such as the Local Government Service List ("LGSL 524").
    pub code: String,
    /// Its name.
    pub name: String,
    /// What it is and who it is for, in plain English.
    pub description: String,
    /// Its name in Welsh; empty when it has none yet.
    pub name_cy: String,
    /// Its description in Welsh; empty when it has none yet.
    pub description_cy: String,
    /// Other words people search for.
    pub keywords: Vec<String>,
    /// Every way to reach it.
    pub channels: Vec<Channel>,
    /// The least digital skill needed to use it alone.
    pub digital_inclusion_level: DigitalInclusionLevel,
    /// Offered or retired.
    pub status: ServiceStatus,
    /// Whether people can report problems or make requests to it (an Open311 service).
    pub accepts_requests: bool,
    /// How requests are acknowledged over Open311: at once, or with a token for later.
    pub request_type: RequestType,
    /// The group it is listed under for requests, such as "Waste".
    pub group: String,
    /// Working days from request to outcome that the body aims for.
    pub target_days: Option<u32>,
    /// The questions asked when a request is made.
    pub attributes: Vec<ServiceAttribute>,
    /// When it was added.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When it last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Service {
    /// The detail of the first channel of `kind`, if offered.
    pub fn channel(&self, kind: ChannelKind) -> Option<&str> {
        self.channel_entry(kind).map(|c| c.detail.as_str())
    }

    /// The first channel of `kind` (its detail in both languages), if offered.
    pub fn channel_entry(&self, kind: ChannelKind) -> Option<&Channel> {
        self.channels.iter().find(|c| c.kind == kind)
    }

    /// Its name in Welsh when `welsh` and it has one, else in English.
    pub fn name_in(&self, welsh: bool) -> &str {
        if welsh && !self.name_cy.is_empty() {
            &self.name_cy
        } else {
            &self.name
        }
    }

    /// Its description in Welsh when `welsh` and it has one, else in English.
    pub fn description_in(&self, welsh: bool) -> &str {
        if welsh && !self.description_cy.is_empty() {
            &self.description_cy
        } else {
            &self.description
        }
    }

    /// True when its name and description exist in Welsh.
    pub fn has_welsh(&self) -> bool {
        !self.name_cy.is_empty() && !self.description_cy.is_empty()
    }

    /// The service's fields as a draft, to compare with an edit.
    pub fn to_draft(&self) -> ServiceDraft {
        ServiceDraft {
            code: self.code.clone(),
            name: self.name.clone(),
            description: self.description.clone(),
            name_cy: self.name_cy.clone(),
            description_cy: self.description_cy.clone(),
            keywords: self.keywords.clone(),
            channels: self.channels.clone(),
            digital_inclusion_level: self.digital_inclusion_level,
            accepts_requests: self.accepts_requests,
            request_type: self.request_type,
            group: self.group.clone(),
            target_days: self.target_days,
            attributes: self.attributes.clone(),
        }
    }
}

/// How Open311 clients are told a request was received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestType {
    /// The reference number is returned at once.
    Realtime,
    /// A token is returned, exchanged for the reference once the request is processed.
    Batch,
}

impl RequestType {
    /// The Open311 name.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestType::Realtime => "realtime",
            RequestType::Batch => "batch",
        }
    }

    /// Parses the Open311 name.
    pub fn parse(s: &str) -> Option<RequestType> {
        match s {
            "realtime" => Some(RequestType::Realtime),
            "batch" => Some(RequestType::Batch),
            _ => None,
        }
    }
}

/// One channel as submitted, before validation.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ChannelInput {
    /// The channel's identifier, such as `phone`.
    #[serde(default)]
    pub kind: String,
    /// The URL, number, address or instructions.
    #[serde(default)]
    pub detail: String,
    /// The same in Welsh.
    #[serde(default)]
    pub detail_cy: String,
}

/// A service as submitted by a form or the API, before validation.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ServiceInput {
    /// Standard code.
    #[serde(default)]
    pub code: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Name in Welsh.
    #[serde(default)]
    pub name_cy: String,
    /// Description in Welsh.
    #[serde(default)]
    pub description_cy: String,
    /// Search keywords.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Channels.
    #[serde(default)]
    pub channels: Vec<ChannelInput>,
    /// Level on the digital inclusion scale, 1–9.
    #[serde(default)]
    pub digital_inclusion_level: Option<i64>,
    /// Whether requests can be made to it.
    #[serde(default)]
    pub accepts_requests: bool,
    /// `realtime` (default) or `batch`.
    #[serde(default)]
    pub request_type: Option<String>,
    /// Group for the request form.
    #[serde(default)]
    pub group: String,
    /// Target working days to outcome.
    #[serde(default)]
    pub target_days: Option<i64>,
    /// Questions asked of requesters.
    #[serde(default)]
    pub attributes: Vec<ServiceAttribute>,
}

/// A validated service, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceDraft {
    /// Standard code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Name in Welsh; empty when none.
    pub name_cy: String,
    /// Description in Welsh; empty when none.
    pub description_cy: String,
    /// Search keywords, trimmed, without empties or repeats.
    pub keywords: Vec<String>,
    /// Channels, at most one of each kind, in the standard order.
    pub channels: Vec<Channel>,
    /// Level on the digital inclusion scale.
    pub digital_inclusion_level: DigitalInclusionLevel,
    /// Whether requests can be made to it.
    pub accepts_requests: bool,
    /// How Open311 acknowledges requests.
    pub request_type: RequestType,
    /// Group for the request form.
    pub group: String,
    /// Target working days to outcome.
    pub target_days: Option<u32>,
    /// Questions asked of requesters, in order.
    pub attributes: Vec<ServiceAttribute>,
}

/// Records what a bilingual body's service lacks in Welsh.
fn missing_welsh(errors: &mut FieldErrors, name_cy: &str, description_cy: &str) {
    if name_cy.trim().is_empty() {
        errors.add_t(
            "name_cy",
            "validation-service-name-cy-missing",
            "Enter the service's name in Welsh: this body publishes in Welsh and English",
        );
    }
    if description_cy.trim().is_empty() {
        errors.add_t(
            "description_cy",
            "validation-service-description-cy-missing",
            "Enter the description in Welsh: this body publishes in Welsh and English",
        );
    }
}

impl ServiceInput {
    /// As [`ServiceInput::validate`], for a service of `body`: a body subject to the Welsh
    /// Language Standards also needs the name and description in Welsh.
    pub fn validate_for(&self, body: &crate::Body) -> Result<ServiceDraft, FieldErrors> {
        let validated = self.validate();
        if !body.welsh_standards {
            return validated;
        }
        let mut errors = validated.as_ref().err().cloned().unwrap_or_default();
        missing_welsh(&mut errors, &self.name_cy, &self.description_cy);
        match validated {
            Ok(draft) if errors.is_empty() => Ok(draft),
            _ => Err(errors),
        }
    }

    /// Checks every field and returns the service to store or every problem found.
    pub fn validate(&self) -> Result<ServiceDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let code = required_text(
            &mut errors,
            "code",
            "the service's code",
            &self.code,
            40,
            TextIds {
                missing: "validation-service-code-missing",
                too_long: "validation-service-code-too-long",
            },
        );
        if !code.is_empty()
            && !code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '.' | ':' | '/'))
        {
            errors.add_t(
                "code",
                "validation-service-code-invalid",
                "Code can only contain letters, numbers, spaces, hyphens, dots, colons and slashes",
            );
        }
        let name = required_text(
            &mut errors,
            "name",
            "the service's name",
            &self.name,
            200,
            TextIds {
                missing: "validation-service-name-missing",
                too_long: "validation-service-name-too-long",
            },
        );
        let description = required_text(
            &mut errors,
            "description",
            "a description",
            &self.description,
            4000,
            TextIds {
                missing: "validation-service-description-missing",
                too_long: "validation-service-description-too-long",
            },
        );
        let name_cy = optional_text(
            &mut errors,
            "name_cy",
            "the name in Welsh",
            &self.name_cy,
            200,
            "validation-service-name-cy-too-long",
        );
        let description_cy = optional_text(
            &mut errors,
            "description_cy",
            "the description in Welsh",
            &self.description_cy,
            4000,
            "validation-service-description-cy-too-long",
        );
        let mut keywords: Vec<String> = Vec::new();
        for keyword in &self.keywords {
            let keyword = keyword.trim().to_lowercase();
            if !keyword.is_empty() && !keywords.contains(&keyword) {
                keywords.push(keyword);
            }
        }
        if keywords.len() > 30 || keywords.iter().any(|k| k.chars().count() > 60) {
            errors.add_t(
                "keywords",
                "validation-service-keywords-invalid",
                "Enter at most 30 keywords of 60 characters or fewer each",
            );
        }
        let channels = validate_channels(&mut errors, &self.channels);
        let level = match self.digital_inclusion_level {
            None => {
                errors.add_t(
                    "digital_inclusion_level",
                    "validation-service-level-missing",
                    "Select the service's level on the digital inclusion scale",
                );
                None
            }
            Some(n) => {
                let level = DigitalInclusionLevel::new(n);
                if level.is_none() {
                    errors.add_t(
                        "digital_inclusion_level",
                        "validation-service-level-invalid",
                        "Digital inclusion level must be a whole number from 1 to 9",
                    );
                }
                level
            }
        };
        let request_type = match self.request_type.as_deref().map(str::trim) {
            None | Some("") => RequestType::Realtime,
            Some(t) => RequestType::parse(t).unwrap_or_else(|| {
                errors.add_t(
                    "request_type",
                    "validation-service-request-type-invalid",
                    "Request type must be realtime or batch",
                );
                RequestType::Realtime
            }),
        };
        let group = optional_text(
            &mut errors,
            "group",
            "the group",
            &self.group,
            100,
            "validation-service-group-too-long",
        );
        let target_days = match self.target_days {
            None => None,
            Some(d) if (1..=365).contains(&d) => u32::try_from(d).ok(),
            Some(_) => {
                errors.add_t(
                    "target_days",
                    "validation-service-target-days-invalid",
                    "Target must be a whole number of working days from 1 to 365",
                );
                None
            }
        };
        crate::attribute::check_definitions(&mut errors, &self.attributes);
        let mut attributes = self.attributes.clone();
        attributes.sort_by_key(|a| a.order);
        match level {
            Some(digital_inclusion_level) if errors.is_empty() => Ok(ServiceDraft {
                code,
                name,
                description,
                name_cy,
                description_cy,
                keywords,
                channels,
                digital_inclusion_level,
                accepts_requests: self.accepts_requests,
                request_type,
                group,
                target_days,
                attributes,
            }),
            _ => Err(errors),
        }
    }
}

fn validate_channels(errors: &mut FieldErrors, inputs: &[ChannelInput]) -> Vec<Channel> {
    let mut channels: Vec<Channel> = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let field = format!("channels[{i}]");
        let Some(kind) = ChannelKind::parse(input.kind.trim()) else {
            errors.add_with(
                format!("{field}.kind"),
                "validation-service-channel-unknown",
                vec![("channel", input.kind.trim().to_string())],
                format!(
                    "Unknown channel '{}': use one of online, phone, counter, post or assisted_digital",
                    input.kind.trim()
                ),
            );
            continue;
        };
        let detail_field = format!("channels.{}", kind.as_str());
        if channels.iter().any(|c| c.kind == kind) {
            let code = match kind {
                ChannelKind::Online => "validation-service-channel-online-repeated",
                ChannelKind::Phone => "validation-service-channel-phone-repeated",
                ChannelKind::Counter => "validation-service-channel-counter-repeated",
                ChannelKind::Post => "validation-service-channel-post-repeated",
                ChannelKind::AssistedDigital => "validation-service-channel-assisted-repeated",
            };
            errors.add_t(
                detail_field,
                code,
                format!("{} is listed more than once", kind.label()),
            );
            continue;
        }
        let detail = optional_text(
            errors,
            &detail_field,
            "the detail",
            &input.detail,
            1000,
            "validation-service-channel-detail-too-long",
        );
        if detail.is_empty() {
            let code = match kind {
                ChannelKind::Online => "validation-service-channel-online-missing",
                ChannelKind::Phone => "validation-service-channel-phone-missing",
                ChannelKind::Counter => "validation-service-channel-counter-missing",
                ChannelKind::Post => "validation-service-channel-post-missing",
                ChannelKind::AssistedDigital => "validation-service-channel-assisted-missing",
            };
            errors.add_t(
                &detail_field,
                code,
                format!("Enter the detail for {}", kind.label().to_lowercase()),
            );
            continue;
        }
        match kind {
            ChannelKind::Online if !is_valid_url(&detail) => errors.add_t(
                &detail_field,
                "validation-service-channel-online-invalid",
                "Enter the web address in the correct format, like https://www.example.gov.uk/bins",
            ),
            ChannelKind::Phone if !is_valid_phone(&detail) => errors.add_t(
                &detail_field,
                "validation-service-channel-phone-invalid",
                "Enter a phone number, like 01632 960 001 or +44 1632 960 001",
            ),
            _ => {}
        }
        let detail_cy = optional_text(
            errors,
            &format!("channels.{}_cy", kind.as_str()),
            "the detail in Welsh",
            &input.detail_cy,
            1000,
            "validation-service-channel-detail-cy-too-long",
        );
        channels.push(Channel {
            kind,
            detail,
            detail_cy,
        });
    }
    if inputs.is_empty() {
        errors.add_t(
            "channels",
            "validation-service-channels-missing",
            "Enter at least one way to use the service",
        );
    } else if !channels.is_empty() && !channels.iter().any(|c| c.kind.is_offline()) {
        errors.add_t(
            "channels",
            "validation-service-channels-offline-missing",
            "Add at least one way to use the service without the internet: phone, in person, by post or assisted digital",
        );
    }
    channels.sort_by_key(|c| c.kind);
    channels
}

/// One field's value before and after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The field's name.
    pub field: String,
    /// Its value before, as text.
    pub from: String,
    /// Its value after, as text.
    pub to: String,
}

impl ServiceDraft {
    /// The fields that differ from `before`, as text for the history.
    pub fn changes_from(&self, before: &ServiceDraft) -> Vec<FieldChange> {
        let mut changes = Vec::new();
        let mut compare = |field: &str, from: String, to: String| {
            if from != to {
                changes.push(FieldChange {
                    field: field.to_string(),
                    from,
                    to,
                });
            }
        };
        compare("code", before.code.clone(), self.code.clone());
        compare("name", before.name.clone(), self.name.clone());
        compare("name_cy", before.name_cy.clone(), self.name_cy.clone());
        compare(
            "description_cy",
            before.description_cy.clone(),
            self.description_cy.clone(),
        );
        compare(
            "description",
            before.description.clone(),
            self.description.clone(),
        );
        compare(
            "keywords",
            before.keywords.join(", "),
            self.keywords.join(", "),
        );
        for kind in ChannelKind::ALL {
            let find = |channels: &[Channel]| {
                channels
                    .iter()
                    .find(|c| c.kind == kind)
                    .map(|c| c.detail.clone())
                    .unwrap_or_default()
            };
            compare(
                &format!("channels.{}", kind.as_str()),
                find(&before.channels),
                find(&self.channels),
            );
        }
        compare(
            "digital_inclusion_level",
            before.digital_inclusion_level.to_string(),
            self.digital_inclusion_level.to_string(),
        );
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        compare(
            "accepts_requests",
            yes_no(before.accepts_requests),
            yes_no(self.accepts_requests),
        );
        compare(
            "request_type",
            before.request_type.as_str().into(),
            self.request_type.as_str().into(),
        );
        compare("group", before.group.clone(), self.group.clone());
        let days = |d: Option<u32>| d.map(|d| d.to_string()).unwrap_or_default();
        compare(
            "target_days",
            days(before.target_days),
            days(self.target_days),
        );
        let questions = |a: &[ServiceAttribute]| {
            a.iter()
                .map(|q| format!("{} ({})", q.description, q.datatype.as_str()))
                .collect::<Vec<_>>()
                .join("; ")
        };
        compare(
            "attributes",
            questions(&before.attributes),
            questions(&self.attributes),
        );
        changes
    }

    /// Every field as a change from nothing, for the history of a new service.
    pub fn as_creation(&self) -> Vec<FieldChange> {
        let empty = ServiceDraft {
            code: String::new(),
            name: String::new(),
            description: String::new(),
            name_cy: String::new(),
            description_cy: String::new(),
            keywords: Vec::new(),
            channels: Vec::new(),
            digital_inclusion_level: self.digital_inclusion_level,
            accepts_requests: false,
            request_type: self.request_type,
            group: String::new(),
            target_days: None,
            attributes: Vec::new(),
        };
        let mut changes = self.changes_from(&empty);
        changes.push(FieldChange {
            field: "digital_inclusion_level".into(),
            from: String::new(),
            to: self.digital_inclusion_level.to_string(),
        });
        changes
    }
}

/// What kind of change was made to a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceChangeAction {
    /// Added to the register.
    Created,
    /// Fields edited.
    Updated,
    /// Withdrawn.
    Retired,
    /// Offered again after being retired.
    Restored,
}

impl ServiceChangeAction {
    /// The identifier stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceChangeAction::Created => "created",
            ServiceChangeAction::Updated => "updated",
            ServiceChangeAction::Retired => "retired",
            ServiceChangeAction::Restored => "restored",
        }
    }

    /// Parses the stored identifier.
    pub fn parse(s: &str) -> Option<ServiceChangeAction> {
        match s {
            "created" => Some(ServiceChangeAction::Created),
            "updated" => Some(ServiceChangeAction::Updated),
            "retired" => Some(ServiceChangeAction::Retired),
            "restored" => Some(ServiceChangeAction::Restored),
            _ => None,
        }
    }

    /// The action in plain English.
    pub fn label(self) -> &'static str {
        match self {
            ServiceChangeAction::Created => "Added",
            ServiceChangeAction::Updated => "Changed",
            ServiceChangeAction::Retired => "Retired",
            ServiceChangeAction::Restored => "Restored",
        }
    }
}

/// One entry in a service's history: who changed what, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceChange {
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Who: the staff member's name, or the system for imports and demo data.
    pub actor: String,
    /// What kind of change.
    pub action: ServiceChangeAction,
    /// The fields that changed.
    pub changes: Vec<FieldChange>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ServiceInput {
        ServiceInput {
            code: "LGSL 524".into(),
            name: "Report a missed bin".into(),
            description: "Tell us if we did not collect your bin.".into(),
            keywords: vec!["Rubbish".into(), " rubbish ".into(), "waste".into()],
            channels: vec![
                ChannelInput {
                    kind: "phone".into(),
                    detail: "01632 960 001".into(),
                    detail_cy: String::new(),
                },
                ChannelInput {
                    kind: "online".into(),
                    detail: "https://www.example.gov.uk/bins".into(),
                    detail_cy: String::new(),
                },
            ],
            digital_inclusion_level: Some(6),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_service_is_normalised() {
        let draft = valid().validate().unwrap();
        assert_eq!(draft.keywords, vec!["rubbish", "waste"]);
        assert_eq!(draft.channels[0].kind, ChannelKind::Online);
        assert_eq!(draft.digital_inclusion_level.number(), 6);
    }

    #[test]
    fn every_bad_field_is_reported() {
        let mut input = valid();
        input.name = "  ".into();
        input.digital_inclusion_level = Some(10);
        input.channels.push(ChannelInput {
            kind: "fax".into(),
            detail: "x".into(),
            detail_cy: String::new(),
        });
        input.channels[0].detail = "not a number".into();
        let errors = input.validate().unwrap_err();
        assert!(errors.for_field("name").is_some());
        assert!(errors.for_field("digital_inclusion_level").is_some());
        assert!(
            errors
                .for_field("channels[2].kind")
                .unwrap()
                .contains("fax")
        );
        assert!(errors.for_field("channels.phone").is_some());
    }

    #[test]
    fn online_only_services_are_refused() {
        let mut input = valid();
        input.channels.remove(0);
        let errors = input.validate().unwrap_err();
        assert!(
            errors
                .for_field("channels")
                .unwrap()
                .contains("without the internet")
        );
    }

    #[test]
    fn changes_list_only_what_differs() {
        let before = valid().validate().unwrap();
        let mut input = valid();
        input.name = "Report a missed bin collection".into();
        let after = input.validate().unwrap();
        let changes = after.changes_from(&before);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "name");
        assert_eq!(changes[0].to, "Report a missed bin collection");
    }
}
