//! The Open Referral UK shapes Civic publishes (HSDS 3.0, UK profile): a service listed or
//! fully nested, with its organization, places, phones, languages and taxonomy terms; a
//! service at a location; taxonomies and their terms; and a page of any of them.
//!
//! How Civic's register maps onto the standard: the body is the `organization`; an online
//! channel is the service's `url`; phone channels are `phones`; in-person and postal
//! channels are `service_at_locations` (physical and postal locations, their address and
//! hours in `description`, as Civic keeps them as text); help to use the online service is
//! the `application_process`; the service's standard code and its level on the digital
//! inclusion scale are `attributes` linking to taxonomy terms; a Welsh name and description
//! add Welsh to its `languages`. A place giving digital help that helps with a service's
//! forms is one more service at location of that service: a physical location with its
//! address (from the addresses register, UPRN as the external identifier), point and
//! accessibility, its opening times the service's weekly `schedules` for that location.

use crate::app::layout::rfc3339;
use civic_domain::openreferral::{
    FeedTaxonomy, FeedTerm, HELP_PREFIX, PLACE_PREFIX, feed_id, organization_feed_id,
};
use civic_domain::place::Place;
use civic_domain::{Body, ChannelKind, Service, ServiceStatus};
use civic_storage::{HelpAtPlace, MAX_PLACES_OF_A_KIND};
use serde::Serialize;

/// A page of results, as the profile's `Page` schema describes it.
#[derive(Debug, Serialize)]
pub struct FeedPage<T> {
    /// Results in all pages.
    pub total_items: i64,
    /// Pages in all.
    pub total_pages: i64,
    /// This page's number, from 1.
    pub page_number: i64,
    /// Results per page, as asked for.
    pub size: i64,
    /// True on page 1.
    pub first_page: bool,
    /// True on the last page (or past it).
    pub last_page: bool,
    /// True when this page has no results.
    pub empty: bool,
    /// The results.
    pub contents: Vec<T>,
}

impl<T> FeedPage<T> {
    /// Page `page` of `per_page` results, `total` in all.
    pub fn new(contents: Vec<T>, total: i64, page: i64, per_page: i64) -> Self {
        let total_pages = (total + per_page - 1) / per_page.max(1);
        FeedPage {
            total_items: total,
            total_pages,
            page_number: page,
            size: per_page,
            first_page: page == 1,
            last_page: page >= total_pages,
            empty: contents.is_empty(),
            contents,
        }
    }
}

/// A body, as the organization that provides its services.
#[derive(Debug, Serialize)]
pub struct FeedOrganization {
    id: String,
    name: String,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    website: Option<String>,
    uri: String,
}

impl FeedOrganization {
    /// `body` as an organization; `base` is the site's address.
    pub fn new(body: &Body, base: &str) -> Self {
        FeedOrganization {
            id: organization_feed_id(&body.slug),
            name: body.name.clone(),
            description: format!("{}: {}", body.name, body.kind.label()),
            website: body.website.clone().filter(|w| !w.is_empty()),
            uri: format!("{base}/bodies/{}", body.slug),
        }
    }
}

/// A service with its one-to-one fields, as `/services` lists it.
#[derive(Debug, Serialize)]
pub struct FeedServiceSummary {
    id: String,
    organization_id: String,
    name: String,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    status: &'static str,
    last_modified: String,
    organization: FeedOrganization,
}

impl FeedServiceSummary {
    /// `service` of `body`, listed.
    pub fn new(service: &Service, body: &Body, base: &str) -> Self {
        FeedServiceSummary {
            id: service_id(service),
            organization_id: organization_feed_id(&body.slug),
            name: service.name.clone(),
            description: service.description.clone(),
            url: service.channel(ChannelKind::Online).map(str::to_string),
            status: status(service.status),
            last_modified: rfc3339(service.updated_at),
            organization: FeedOrganization::new(body, base),
        }
    }
}

/// A service fully nested, as `/services/{id}` gives it.
#[derive(Debug, Serialize)]
pub struct FeedService {
    #[serde(flatten)]
    summary: FeedServiceSummary,
    #[serde(skip_serializing_if = "Option::is_none")]
    application_process: Option<String>,
    schedules: Vec<FeedSchedule>,
    service_areas: Vec<FeedServiceArea>,
    service_at_locations: Vec<FeedServiceAtLocation>,
    languages: Vec<FeedLanguage>,
    funding: Vec<()>,
    cost_options: Vec<()>,
    contacts: Vec<()>,
    phones: Vec<FeedPhone>,
    attributes: Vec<FeedAttribute>,
}

impl FeedService {
    /// `service` of `body`, with everything related to it; `helps` are the places giving
    /// digital help with it.
    pub fn new(service: &Service, body: &Body, base: &str, helps: &[HelpAtPlace]) -> Self {
        let id = service_id(service);
        let mut service_at_locations = service_at_locations(service);
        let mut schedules = Vec::new();
        for help in helps {
            schedules.extend(place_schedules(&id, help));
            service_at_locations.push(help_at_place(&id, help));
        }
        let mut languages = vec![FeedLanguage::new(&id, "English", "en")];
        if service.has_welsh() {
            languages.push(FeedLanguage::new(&id, "Welsh", "cy"));
        }
        let phones = numbered(service, ChannelKind::Phone)
            .map(|(n, channel)| FeedPhone {
                id: feed_id("phone", &format!("{id}/{n}")),
                service_id: id.clone(),
                number: channel.detail.clone(),
                description: "Phone".into(),
                languages: Vec::new(),
            })
            .collect();
        let mut attributes = Vec::new();
        if !service.code.is_empty() {
            attributes.push(FeedAttribute::new(
                &id,
                FeedTerm::Code(service.code.clone()),
            ));
        }
        attributes.push(FeedAttribute::new(
            &id,
            FeedTerm::Level(service.digital_inclusion_level),
        ));
        FeedService {
            application_process: service
                .channel(ChannelKind::AssistedDigital)
                .map(|help| format!("{HELP_PREFIX}{help}")),
            schedules,
            service_areas: vec![FeedServiceArea {
                id: feed_id("service_area", &id),
                service_id: id.clone(),
                name: body.name.clone(),
                description: format!("The area {} serves", body.name),
            }],
            service_at_locations,
            languages,
            funding: Vec::new(),
            cost_options: Vec::new(),
            contacts: Vec::new(),
            phones,
            attributes,
            summary: FeedServiceSummary::new(service, body, base),
        }
    }
}

/// The area a service covers.
#[derive(Debug, Serialize)]
struct FeedServiceArea {
    id: String,
    service_id: String,
    name: String,
    description: String,
}

/// A language the service is offered in.
#[derive(Debug, Serialize)]
struct FeedLanguage {
    id: String,
    service_id: String,
    name: &'static str,
    code: &'static str,
}

impl FeedLanguage {
    fn new(service_id: &str, name: &'static str, code: &'static str) -> Self {
        FeedLanguage {
            id: feed_id("language", &format!("{service_id}/{code}")),
            service_id: service_id.to_string(),
            name,
            code,
        }
    }
}

/// A phone number of the service.
#[derive(Debug, Serialize)]
struct FeedPhone {
    id: String,
    service_id: String,
    number: String,
    description: String,
    languages: Vec<()>,
}

/// A service's link to a taxonomy term.
#[derive(Debug, Serialize)]
struct FeedAttribute {
    id: String,
    link_id: String,
    link_type: &'static str,
    link_entity: &'static str,
    taxonomy_term_id: String,
    taxonomy_term: FeedTaxonomyTerm,
}

impl FeedAttribute {
    fn new(service_id: &str, term: FeedTerm) -> Self {
        let term = FeedTaxonomyTerm::new(&term);
        FeedAttribute {
            id: feed_id("attribute", &format!("{service_id}/{}", term.id)),
            link_id: service_id.to_string(),
            link_type: "service",
            link_entity: "service",
            taxonomy_term_id: term.id.clone(),
            taxonomy_term: term,
        }
    }
}

/// Where a service is offered: one of its in-person or postal channels.
#[derive(Debug, Serialize)]
pub struct FeedServiceAtLocation {
    id: String,
    service_id: String,
    location_id: String,
    location: FeedLocation,
}

/// A place, or a postal address, a service is reached at.
#[derive(Debug, Serialize)]
struct FeedLocation {
    id: String,
    location_type: &'static str,
    name: String,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    latitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    longitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_identifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_identifier_type: Option<&'static str>,
    addresses: Vec<FeedAddress>,
    accessibility: Vec<FeedAccessibility>,
    attributes: Vec<()>,
}

/// A location's street address.
#[derive(Debug, Serialize)]
struct FeedAddress {
    id: String,
    location_id: String,
    address_1: String,
    city: String,
    state_province: String,
    postal_code: String,
    country: &'static str,
    address_type: &'static str,
}

/// Something that makes a location easier to use.
#[derive(Debug, Serialize)]
struct FeedAccessibility {
    id: String,
    location_id: String,
    description: String,
}

/// When a service is offered at a location: one weekly opening.
#[derive(Debug, Serialize)]
struct FeedSchedule {
    id: String,
    service_id: String,
    service_at_location_id: String,
    freq: &'static str,
    byday: &'static str,
    opens_at: String,
    closes_at: String,
    description: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    notes: String,
}

/// A place giving digital help as a location.
fn place_location(place: &Place) -> FeedLocation {
    // The register's one-line address ends with the town.
    let (street, town) = place
        .address
        .text
        .rsplit_once(", ")
        .unwrap_or((place.address.text.as_str(), ""));
    // The feed is in English.
    let english = |id: &str| crate::app::i18n::Lang::En.t(id);
    let help: Vec<String> = place
        .help
        .iter()
        .map(|h| english(crate::places::view::help_id(*h)).to_lowercase())
        .collect();
    FeedLocation {
        id: place.feed_id.clone(),
        location_type: "physical",
        name: place.name.clone(),
        description: format!(
            "{PLACE_PREFIX}{}{}Help given: {}.",
            place.description,
            if place.description.is_empty() {
                ""
            } else {
                " "
            },
            help.join(", ")
        ),
        latitude: Some(place.address.point.lat),
        longitude: Some(place.address.point.long),
        external_identifier: Some(place.address.uprn.clone()),
        external_identifier_type: Some("UPRN"),
        addresses: vec![FeedAddress {
            id: feed_id("address", &place.feed_id),
            location_id: place.feed_id.clone(),
            address_1: street.to_string(),
            city: town.to_string(),
            state_province: town.to_string(),
            postal_code: place.address.postcode.clone(),
            country: "GB",
            address_type: "physical",
        }],
        accessibility: place
            .accessibility
            .iter()
            .map(|a| FeedAccessibility {
                id: feed_id(
                    "accessibility",
                    &format!("{}/{}", place.feed_id, a.as_str()),
                ),
                location_id: place.feed_id.clone(),
                description: english(crate::places::view::access_id(*a)),
            })
            .collect(),
        attributes: Vec::new(),
    }
}

/// A place helping with the service `service_id` as its service at location.
fn help_at_place(service_id: &str, help: &HelpAtPlace) -> FeedServiceAtLocation {
    FeedServiceAtLocation {
        id: help.feed_id.clone(),
        service_id: service_id.to_string(),
        location_id: help.place.feed_id.clone(),
        location: place_location(&help.place),
    }
}

/// The opening times of a place helping with a service, as the service's schedules there.
fn place_schedules(service_id: &str, help: &HelpAtPlace) -> Vec<FeedSchedule> {
    let place = &help.place;
    place
        .opening
        .iter()
        .map(|o| FeedSchedule {
            id: feed_id(
                "schedule",
                &format!("{}/{}/{}", help.feed_id, o.day.as_str(), o.opens),
            ),
            service_id: service_id.to_string(),
            service_at_location_id: help.feed_id.clone(),
            freq: "WEEKLY",
            byday: o.day.ical(),
            opens_at: o.opens.to_string(),
            closes_at: o.closes.to_string(),
            description: format!("Help at {}", place.name),
            notes: place.opening_note.clone(),
        })
        .collect()
}

/// A service at a location with the service's own one-to-one fields, as
/// `/service_at_locations` lists it and `/service_at_locations/{id}` gives it (the profile
/// describes the latter with the service schema, so it carries the service's name and
/// status too).
#[derive(Debug, Serialize)]
pub struct FeedServiceAtLocationListed {
    #[serde(flatten)]
    at: FeedServiceAtLocation,
    name: String,
    status: &'static str,
    service: FeedServiceRef,
}

/// The service a service-at-location belongs to.
#[derive(Debug, Serialize)]
struct FeedServiceRef {
    id: String,
    name: String,
    status: &'static str,
    organization_id: String,
}

impl FeedServiceAtLocationListed {
    /// Each in-person and postal channel of `service`, then each place of `helps` (those
    /// giving digital help with it), as services at locations.
    pub fn of(service: &Service, body: &Body, helps: &[&HelpAtPlace]) -> Vec<Self> {
        let id = service_id(service);
        service_at_locations(service)
            .into_iter()
            .chain(helps.iter().map(|h| help_at_place(&id, h)))
            .map(|at| Self::listed(service, body, at))
            .collect()
    }

    /// One place giving digital help with `service`, as a service at location.
    pub fn at_place(service: &Service, body: &Body, help: &HelpAtPlace) -> Self {
        Self::listed(service, body, help_at_place(&service_id(service), help))
    }

    fn listed(service: &Service, body: &Body, at: FeedServiceAtLocation) -> Self {
        FeedServiceAtLocationListed {
            name: format!("{}: {}", service.name, at.location.name),
            status: status(service.status),
            service: FeedServiceRef {
                id: at.service_id.clone(),
                name: service.name.clone(),
                status: status(service.status),
                organization_id: organization_feed_id(&body.slug),
            },
            at,
        }
    }

    /// Its feed identifier.
    pub fn id(&self) -> &str {
        &self.at.id
    }
}

/// The in-person and postal channels of `service` as services at locations (at most
/// [`MAX_PLACES_OF_A_KIND`] of each kind, as storage counts them). Their identifiers are the
/// service's own with the last two hexadecimal digits naming the channel (in person from
/// 00, by post from 80), so that a service-at-location's identifier leads back to its
/// service through the service identifier's index: see [`service_prefix`].
fn service_at_locations(service: &Service) -> Vec<FeedServiceAtLocation> {
    let id = service_id(service);
    let mut found = Vec::new();
    for (kind, location_type, name, first) in [
        (ChannelKind::Counter, "physical", "In person", 0usize),
        (ChannelKind::Post, "postal", "By post", 0x80usize),
    ] {
        let most = usize::try_from(MAX_PLACES_OF_A_KIND).unwrap_or(0);
        for (n, channel) in numbered(service, kind).take(most) {
            let at_id = format!("{}{:02x}", &id[..34], first + n);
            let location_id = feed_id("location", &at_id);
            found.push(FeedServiceAtLocation {
                id: at_id,
                service_id: id.clone(),
                location_id: location_id.clone(),
                location: FeedLocation {
                    id: location_id,
                    location_type,
                    name: name.to_string(),
                    description: channel.detail.clone(),
                    latitude: None,
                    longitude: None,
                    external_identifier: None,
                    external_identifier_type: None,
                    addresses: Vec::new(),
                    accessibility: Vec::new(),
                    attributes: Vec::new(),
                },
            });
        }
    }
    found
}

/// The part of a service-at-location identifier its service's identifier starts with.
pub fn service_prefix(at_id: &str) -> Option<&str> {
    at_id.get(..34)
}

/// A taxonomy, with its terms when asked for one by identifier.
#[derive(Debug, Serialize)]
pub struct FeedTaxonomyView {
    id: String,
    name: &'static str,
    description: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    taxonomy_terms: Option<Vec<FeedTaxonomyTerm>>,
}

impl FeedTaxonomyView {
    /// `taxonomy`, with `terms` when given.
    pub fn new(taxonomy: FeedTaxonomy, base: &str, terms: Option<Vec<FeedTerm>>) -> Self {
        FeedTaxonomyView {
            id: taxonomy.id(),
            name: taxonomy.name(),
            description: taxonomy.description(),
            uri: match taxonomy {
                FeedTaxonomy::DigitalInclusion => Some(format!("{base}/digital-inclusion-scale")),
                FeedTaxonomy::ServiceCodes => None,
            },
            taxonomy_terms: terms.map(|terms| terms.iter().map(FeedTaxonomyTerm::new).collect()),
        }
    }
}

/// A taxonomy term.
#[derive(Debug, Serialize)]
pub struct FeedTaxonomyTerm {
    id: String,
    name: String,
    description: String,
    taxonomy: &'static str,
    taxonomy_id: String,
    term: String,
}

impl FeedTaxonomyTerm {
    /// `term` as the feed shows it.
    pub fn new(term: &FeedTerm) -> Self {
        FeedTaxonomyTerm {
            id: term.id(),
            name: term.name(),
            description: term.description(),
            taxonomy: term.taxonomy().name(),
            taxonomy_id: term.taxonomy().id(),
            term: term.term(),
        }
    }
}

/// The feed identifier of `service`.
fn service_id(service: &Service) -> String {
    civic_domain::openreferral::service_feed_id(&service.body, &service.slug)
}

/// The channels of `kind`, numbered from 0.
fn numbered(
    service: &Service,
    kind: ChannelKind,
) -> impl Iterator<Item = (usize, &civic_domain::Channel)> {
    service
        .channels
        .iter()
        .filter(move |c| c.kind == kind)
        .enumerate()
}

/// The profile's name for a service's status.
fn status(status: ServiceStatus) -> &'static str {
    match status {
        ServiceStatus::Active => "active",
        ServiceStatus::Retired => "defunct",
    }
}
