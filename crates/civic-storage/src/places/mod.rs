//! Storage of places that give digital help, the services whose forms they help with, and
//! the use staff report.

use crate::{Actor, StorageResult};
use async_trait::async_trait;
use civic_domain::place::{Month, NearbyPlace, Place, PlaceDraft, UsageReport};
use civic_domain::request::Point;

mod sql;

/// A place helping with one service's forms: an Open Referral UK service at location.
#[derive(Debug, Clone, PartialEq)]
pub struct HelpAtPlace {
    /// The pair's own feed identifier.
    pub feed_id: String,
    /// The service's feed identifier.
    pub service_feed_id: String,
    /// The place.
    pub place: Place,
}

/// One month's reported use of a place, with what it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceUsage {
    /// The place's body.
    pub body: String,
    /// The place's identifier.
    pub place: String,
    /// The place's name.
    pub place_name: String,
    /// The place's name in Welsh (empty when none).
    pub place_name_cy: String,
    /// The report.
    pub report: UsageReport,
    /// When it was reported (RFC 3339).
    pub reported_at: String,
}

/// Places that give digital help.
#[async_trait]
pub trait PlaceStore: Send + Sync {
    /// Adds a place to `body`'s directory, its identifier made from its name and unique in
    /// the body, linked to the services it helps with, in one transaction; `NotFound` for
    /// an unknown body or service.
    async fn create_place(&self, body: &str, draft: &PlaceDraft) -> StorageResult<Place>;

    /// Replaces a place's details and links; `NotFound` if the body has no such place.
    async fn update_place(
        &self,
        body: &str,
        slug: &str,
        draft: &PlaceDraft,
    ) -> StorageResult<Place>;

    /// One place of one body, active or not.
    async fn place(&self, body: &str, slug: &str) -> StorageResult<Option<Place>>;

    /// One body's places (every body's when `None`), by name; places that no longer give
    /// help only when `include_inactive`.
    async fn places(&self, body: Option<&str>, include_inactive: bool)
    -> StorageResult<Vec<Place>>;

    /// Active places within `metres` of `centre` (one body's when given), nearest first,
    /// at most `limit`.
    async fn places_near(
        &self,
        centre: Point,
        metres: f64,
        body: Option<&str>,
        limit: usize,
    ) -> StorageResult<Vec<NearbyPlace>>;

    /// The active places helping with the forms of services whose feed identifiers are
    /// among `service_feed_ids`, by service then place name.
    async fn help_at_places(&self, service_feed_ids: &[String]) -> StorageResult<Vec<HelpAtPlace>>;

    /// One service at a place by its feed identifier (any case), if its place is active.
    async fn help_at_place(&self, feed_id: &str) -> StorageResult<Option<HelpAtPlace>>;

    /// Records a month's use of a place, replacing an earlier report for the same month and
    /// service; `NotFound` for an unknown place or service of the body.
    async fn record_usage(
        &self,
        body: &str,
        place: &str,
        report: &UsageReport,
        actor: &Actor,
    ) -> StorageResult<()>;

    /// Reported use of one body's places (every body's when `None`), of one place when
    /// given, from `since` on: by month (newest first), place, then service (digital help in general first).
    async fn place_usage(
        &self,
        body: Option<&str>,
        place: Option<&str>,
        since: Option<Month>,
    ) -> StorageResult<Vec<PlaceUsage>>;
}
