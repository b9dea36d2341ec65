//! Storage of the supplier register and the spend linked to each supplier through the
//! names it goes by in the bodies' spend data.

use crate::StorageResult;
use async_trait::async_trait;
use civic_domain::Point;
use civic_domain::supplier::{ExtractEntry, OrgId, OrgScheme, Scale, SupplierDraft, Verification};
use std::collections::HashMap;
use time::OffsetDateTime;

pub(crate) mod sql;

/// A supplier as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Supplier {
    /// What describes it.
    pub details: SupplierDraft,
    /// Where its registered postcode is, when the addresses register knows it.
    pub point: Option<Point>,
    /// Its org-id as last checked against its register, if it has been.
    pub verification: Option<Verification>,
    /// When it was last changed.
    pub updated_at: OffsetDateTime,
}

/// What a search of the register asks for; every filter given must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SupplierQuery {
    /// Words in the name.
    pub text: Option<String>,
    /// Any of these sizes (any when empty).
    pub scales: Vec<Scale>,
    /// VCSEs only.
    pub vcse: bool,
    /// Social enterprises only.
    pub social_enterprise: bool,
    /// Supported employment providers only.
    pub supported_employment: bool,
    /// Supporting this standard (any case).
    pub standard: Option<String>,
    /// Providing this kind of service (any case).
    pub kind: Option<String>,
    /// Within this many metres of this point, nearest first (else by name).
    pub near: Option<(Point, f64)>,
    /// At most this many.
    pub limit: u32,
    /// After this many.
    pub offset: u32,
}

/// One page of a search.
#[derive(Debug, Clone, PartialEq)]
pub struct SupplierPage {
    /// The suppliers, with their distance in metres when searched by distance.
    pub suppliers: Vec<(Supplier, Option<f64>)>,
    /// How many match in all.
    pub total: u64,
}

/// What one body spent with a supplier under one expense area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierSpend {
    /// The body's identifier.
    pub body: String,
    /// Its name.
    pub body_name: String,
    /// Its Welsh name (empty when none).
    pub body_name_cy: String,
    /// The expense area as the body publishes it.
    pub expense_area: String,
    /// The service the area is mapped to, as (identifier, name), if it is.
    pub service: Option<(String, String)>,
    /// The sum in pence.
    pub total_pence: i64,
    /// How many payments.
    pub payments: i64,
    /// The first payment's date (`YYYY-MM-DD`).
    pub first: String,
    /// The last payment's date.
    pub last: String,
}

/// How many suppliers a check against a register extract found in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerificationCounts {
    /// Listed and active.
    pub registered: u64,
    /// Listed but no longer active.
    pub removed: u64,
    /// Not in the extract.
    pub not_listed: u64,
}

/// The supplier register.
#[async_trait]
pub trait SupplierStore: Send + Sync {
    /// Adds a supplier at `point`; `Conflict` when its org-id is registered already.
    async fn create_supplier(
        &self,
        draft: &SupplierDraft,
        point: Option<Point>,
    ) -> StorageResult<Supplier>;

    /// Replaces a supplier's details (its org-id stays); `NotFound` when there is none.
    async fn update_supplier(
        &self,
        org_id: &OrgId,
        draft: &SupplierDraft,
        point: Option<Point>,
    ) -> StorageResult<Supplier>;

    /// One supplier.
    async fn supplier(&self, org_id: &OrgId) -> StorageResult<Option<Supplier>>;

    /// Suppliers matching `query`.
    async fn search_suppliers(&self, query: &SupplierQuery) -> StorageResult<SupplierPage>;

    /// Checks every org-id in `scheme` that a supplier or a partner carries against that
    /// register's extract, recording each one's status with the source, who checked and when
    /// (replacing its last check), all in one transaction.
    async fn verify_suppliers(
        &self,
        scheme: OrgScheme,
        extract: &HashMap<String, ExtractEntry>,
        source: &str,
        checked_by: &str,
        checked_on: time::Date,
    ) -> StorageResult<VerificationCounts>;

    /// What each body spent with a supplier, by body and expense area, largest first.
    async fn supplier_spend(&self, org_id: &OrgId) -> StorageResult<Vec<SupplierSpend>>;
}
