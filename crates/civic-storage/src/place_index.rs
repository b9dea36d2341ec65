//! Lists of services kept in memory, each tagged with the data versions read before it was
//! built and rebuilt when they move. Running sums of services' places (in-person and postal channels, and places giving
//! digital help with them) kept in memory per scope (the hub, or one body), so a page of the
//! Open Referral UK feed's services at locations is found by a binary search instead of a
//! running sum over every service (10 ms a page at 90,000 services, 100 pages a second).
//! Each is tagged with the services' data version read before it was built, and rebuilt
//! when that version moves, so a page never comes from sums older than the data it shows.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Most scopes kept; past it the map is emptied (a hub has one scope per body, and one).
const MOST_SCOPES: usize = 2048;

/// The running sums of one scope's offered services that have places, in the order they
/// were added.
#[derive(Debug, Default)]
pub(crate) struct PlaceIndex {
    /// The services' data version it was built at.
    pub version: i64,
    /// Row ids, ascending.
    ids: Vec<i64>,
    /// `upto[i]`: places of services `0..=i`.
    upto: Vec<i64>,
}

impl PlaceIndex {
    /// The index of `(id, places)` pairs in any order, built at `version`.
    pub fn new(version: i64, mut pairs: Vec<(i64, i64)>) -> PlaceIndex {
        pairs.sort_unstable();
        let mut sum = 0i64;
        let (ids, upto) = pairs
            .into_iter()
            .filter(|(_, places)| *places > 0)
            .map(|(id, places)| {
                sum = sum.saturating_add(places);
                (id, sum)
            })
            .unzip();
        PlaceIndex { version, ids, upto }
    }

    /// Places in all.
    pub fn total(&self) -> i64 {
        self.upto.last().copied().unwrap_or(0)
    }

    /// The services whose places fall in `offset..offset + limit`, and how many places of
    /// the first come before `offset`.
    pub fn page(&self, offset: i64, limit: i64) -> (Vec<i64>, i64) {
        let first = self.upto.partition_point(|upto| *upto <= offset);
        let end = offset.saturating_add(limit);
        let mut ids = Vec::new();
        let mut skip = 0;
        for i in first..self.ids.len() {
            let before = if i == 0 { 0 } else { self.upto[i - 1] };
            if before >= end {
                break;
            }
            if ids.is_empty() {
                skip = offset - before;
            }
            ids.push(self.ids[i]);
        }
        (ids, skip.max(0))
    }
}

/// Every scope's index, shared by a store's clones.
#[derive(Debug, Clone, Default)]
pub(crate) struct PlaceIndexes {
    scopes: Arc<Mutex<HashMap<Option<String>, Arc<PlaceIndex>>>>,
}

impl PlaceIndexes {
    /// The scope's index if it was built at `version`.
    pub fn current(&self, scope: &Option<String>, version: i64) -> Option<Arc<PlaceIndex>> {
        let scopes = self.scopes.lock().unwrap_or_else(|e| e.into_inner());
        scopes
            .get(scope)
            .filter(|index| index.version == version)
            .cloned()
    }

    /// Keeps `index` for `scope`.
    pub fn keep(&self, scope: Option<String>, index: Arc<PlaceIndex>) {
        let mut scopes = self.scopes.lock().unwrap_or_else(|e| e.into_inner());
        if scopes.len() >= MOST_SCOPES {
            scopes.clear();
        }
        scopes.insert(scope, index);
    }
}

/// How a whole list of services is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ListOrder {
    /// In the order they were added (the Open Referral UK feed's).
    Added,
    /// By body then service name, in Welsh order when `welsh` (the national list's).
    Names {
        /// Welsh order.
        welsh: bool,
    },
}

/// A whole list of offered services (the hub's or a body's) as row ids in order, so a page
/// deep in it is a slice rather than a sort or a walk of every service (36 pages a second at
/// 90,000 services on SQLite, 70 on PostgreSQL).
#[derive(Debug)]
pub(crate) struct ServiceOrder {
    /// The services' and bodies' data versions it was built at.
    pub versions: (i64, i64),
    /// Row ids of the offered services, in list order.
    pub ids: Vec<i64>,
}

/// Which list: a scope (the hub when `None`, or a body) and how it is ordered.
pub(crate) type ListKey = (Option<String>, ListOrder);

/// Every kept order, by scope and kind, shared by a store's clones.
#[derive(Debug, Clone, Default)]
pub(crate) struct ServiceOrders {
    orders: Arc<Mutex<HashMap<ListKey, Arc<ServiceOrder>>>>,
}

impl ServiceOrders {
    /// The scope's order of this kind if it was built at `versions`.
    pub fn current(&self, key: &ListKey, versions: (i64, i64)) -> Option<Arc<ServiceOrder>> {
        let orders = self.orders.lock().unwrap_or_else(|e| e.into_inner());
        orders.get(key).filter(|o| o.versions == versions).cloned()
    }

    /// Keeps `order`.
    pub fn keep(&self, key: ListKey, order: Arc<ServiceOrder>) {
        let mut orders = self.orders.lock().unwrap_or_else(|e| e.into_inner());
        if orders.len() >= MOST_SCOPES {
            orders.clear();
        }
        orders.insert(key, order);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_fall_across_services() {
        // Services 1 (2 places), 3 (1), 5 (3); 4 has none.
        let index = PlaceIndex::new(7, vec![(5, 3), (1, 2), (4, 0), (3, 1)]);
        assert_eq!(index.total(), 6);
        assert_eq!(index.page(0, 2), (vec![1], 0));
        assert_eq!(index.page(1, 2), (vec![1, 3], 1));
        assert_eq!(index.page(2, 2), (vec![3, 5], 0));
        assert_eq!(index.page(4, 10), (vec![5], 1));
        assert_eq!(index.page(6, 10), (vec![], 0));
        assert_eq!(PlaceIndex::new(0, Vec::new()).page(0, 5), (vec![], 0));
    }
}
