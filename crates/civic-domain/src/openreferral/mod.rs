//! Open Referral UK (the UK profile of HSDS 3.0): the identifiers Civic gives what it
//! publishes in the feed, and the two taxonomies its services are classified in.
//!
//! The profile wants every identifier to be a UUID. Civic's own keys are slugs, so each
//! feed identifier is derived from them (RFC 9562 version 8, from SHA-256): the same
//! service has the same identifier in every response and after every restart, with nothing
//! to keep in step.

use crate::inclusion::DigitalInclusionLevel;
use sha2::{Digest, Sha256};

pub mod import;

/// How the feed's `application_process` begins when it says where to get help to use the
/// online service (the assisted-digital channel), so that an import can find it again.
pub const HELP_PREFIX: &str = "Help to use the online service: ";

/// How the description of a location begins when it is a place giving digital help with
/// the service, not a way to reach it, so that an import leaves it to the places pages.
pub const PLACE_PREFIX: &str = "A place giving digital help. ";

/// A name-based UUID (RFC 9562 §5.8, version 8, the SHA-256 construction of its appendix
/// B.2) for what `kind` and `name` name together.
pub fn feed_id(kind: &str, name: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"civic:openreferral:");
    hasher.update(kind.as_bytes());
    hasher.update([0]);
    hasher.update(name.as_bytes());
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    crate::uuid::uuid_text(bytes, 8)
}

/// The feed identifier of a body's service.
pub fn service_feed_id(body: &str, service: &str) -> String {
    feed_id("service", &format!("{body}/{service}"))
}

/// The feed identifier of a body, published as an organization.
pub fn organization_feed_id(body: &str) -> String {
    feed_id("organization", body)
}

/// The feed identifier of a body's place of digital help, published as a location.
pub fn place_feed_id(body: &str, place: &str) -> String {
    feed_id("location", &format!("{body}/{place}"))
}

/// The feed identifier of a service given at a place of digital help: the pair's own, so
/// it stays the same whatever else the service or the place lists.
pub fn help_at_place_feed_id(service_feed_id: &str, place_feed_id: &str) -> String {
    feed_id(
        "service_at_location",
        &format!(
            "{}/{}",
            service_feed_id.to_ascii_lowercase(),
            place_feed_id.to_ascii_lowercase()
        ),
    )
}

/// True when `text` is written as a UUID (8-4-4-4-12 hexadecimal digits), any case.
pub fn looks_like_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A taxonomy Civic classifies its services in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedTaxonomy {
    /// The standard service lists a service's code comes from, such as the Local
    /// Government Service List.
    ServiceCodes,
    /// The nine-point digital inclusion scale.
    DigitalInclusion,
}

impl FeedTaxonomy {
    /// Both taxonomies, in the order the feed lists them.
    pub const ALL: [FeedTaxonomy; 2] = [FeedTaxonomy::ServiceCodes, FeedTaxonomy::DigitalInclusion];

    /// Its identifier in the feed.
    pub fn id(self) -> String {
        feed_id("taxonomy", self.key())
    }

    /// Its short name, used in term identifiers.
    fn key(self) -> &'static str {
        match self {
            FeedTaxonomy::ServiceCodes => "service-codes",
            FeedTaxonomy::DigitalInclusion => "digital-inclusion-scale",
        }
    }

    /// Its name.
    pub fn name(self) -> &'static str {
        match self {
            FeedTaxonomy::ServiceCodes => "Standard service codes",
            FeedTaxonomy::DigitalInclusion => "Digital inclusion scale",
        }
    }

    /// What it classifies.
    pub fn description(self) -> &'static str {
        match self {
            FeedTaxonomy::ServiceCodes => {
                "The code each service has in a standard list of public services, such as \
                 the Local Government Service List (LGSL)"
            }
            FeedTaxonomy::DigitalInclusion => {
                "The least digital skill a person needs to use a service on their own, on \
                 the nine-point scale from 1 (never have, never will) to 9 (expert)"
            }
        }
    }

    /// The taxonomy with this feed identifier.
    pub fn from_id(id: &str) -> Option<FeedTaxonomy> {
        FeedTaxonomy::ALL
            .into_iter()
            .find(|t| t.id().eq_ignore_ascii_case(id))
    }
}

/// A term of one of Civic's taxonomies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedTerm {
    /// A standard service code, such as "LGSL 524".
    Code(String),
    /// A level of the digital inclusion scale.
    Level(DigitalInclusionLevel),
}

impl FeedTerm {
    /// The taxonomy it belongs to.
    pub fn taxonomy(&self) -> FeedTaxonomy {
        match self {
            FeedTerm::Code(_) => FeedTaxonomy::ServiceCodes,
            FeedTerm::Level(_) => FeedTaxonomy::DigitalInclusion,
        }
    }

    /// The term as written in its taxonomy: the code, or the level's number.
    pub fn term(&self) -> String {
        match self {
            FeedTerm::Code(code) => code.clone(),
            FeedTerm::Level(level) => level.number().to_string(),
        }
    }

    /// Its identifier in the feed.
    pub fn id(&self) -> String {
        feed_id(
            "taxonomy_term",
            &format!("{}/{}", self.taxonomy().key(), self.term()),
        )
    }

    /// Its name.
    pub fn name(&self) -> String {
        match self {
            FeedTerm::Code(code) => code.clone(),
            FeedTerm::Level(level) => level.name().to_string(),
        }
    }

    /// What it means.
    pub fn description(&self) -> String {
        match self {
            FeedTerm::Code(code) => format!("Services listed under the standard code {code}"),
            FeedTerm::Level(level) => format!(
                "Level {} of 9 on the digital inclusion scale: {}",
                level.number(),
                level.name()
            ),
        }
    }

    /// Every level of the digital inclusion scale as a term.
    pub fn levels() -> impl Iterator<Item = FeedTerm> {
        DigitalInclusionLevel::all().map(FeedTerm::Level)
    }

    /// The term with feed identifier `id` among the levels and `codes` (the codes in use).
    pub fn find<'a>(id: &str, codes: impl IntoIterator<Item = &'a str>) -> Option<FeedTerm> {
        FeedTerm::levels()
            .chain(codes.into_iter().map(|c| FeedTerm::Code(c.to_string())))
            .find(|t| t.id().eq_ignore_ascii_case(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_version_8_uuids_stable_and_distinct() {
        let id = service_feed_id("northshire", "missed-bins");
        assert!(looks_like_uuid(&id), "{id}");
        assert_eq!(&id[14..15], "8", "version 8");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "RFC variant");
        assert_eq!(id, service_feed_id("northshire", "missed-bins"));
        assert_ne!(id, service_feed_id("northshire", "missed-bin"));
        // The parts are kept apart: "a/b" + "c" is not "a" + "b/c".
        assert_ne!(feed_id("service", "a/bc"), feed_id("servicea", "/bc"));
        assert_ne!(organization_feed_id("northshire"), id);
    }

    #[test]
    fn uuids_are_recognised_by_shape() {
        assert!(looks_like_uuid("ac148810-d857-441c-9679-408f346de14b"));
        assert!(looks_like_uuid("AC148810-D857-441C-9679-408F346DE14B"));
        assert!(!looks_like_uuid("ac148810d857441c9679408f346de14b"));
        assert!(!looks_like_uuid("ac148810-d857-441c-9679-408f346de14g"));
        assert!(!looks_like_uuid(""));
    }

    #[test]
    fn terms_are_found_by_identifier() {
        let code = FeedTerm::Code("LGSL 524".into());
        assert_eq!(
            FeedTerm::find(&code.id(), ["LGSL 1", "LGSL 524"]),
            Some(code.clone())
        );
        assert_eq!(
            FeedTerm::find(&code.id(), ["LGSL 1"]),
            None,
            "a code not in use"
        );
        let level = FeedTerm::Level(DigitalInclusionLevel::new(3).expect("level"));
        assert_eq!(
            FeedTerm::find(&level.id().to_uppercase(), []),
            Some(level.clone())
        );
        assert_eq!(level.taxonomy(), FeedTaxonomy::DigitalInclusion);
        assert_eq!(
            FeedTaxonomy::from_id(&FeedTaxonomy::ServiceCodes.id()),
            Some(FeedTaxonomy::ServiceCodes)
        );
        assert_eq!(FeedTaxonomy::from_id(&level.id()), None);
    }
}
