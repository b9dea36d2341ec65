//! Data versions: a counter per kind of public content that the database moves on itself
//! (by triggers, in the writing transaction) whenever a table behind it changes, so a page
//! cached under the versions it read is never served after a change it shows.

use crate::dialect::{Dialect, Engine, QueryExt, RowExt};
use crate::{StorageError, StorageResult};
use async_trait::async_trait;

/// A kind of public content whose changes the database counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DataTopic {
    /// Bodies' names and details.
    Bodies,
    /// Services, their channels and their public history.
    Services,
    /// The open data catalogue and requests for data.
    Catalogue,
    /// Performance figures: transactions, measures and the data sets that feed them.
    Measures,
    /// Service requests and their public updates.
    Requests,
    /// Spending data.
    Spend,
    /// Places that give digital help and their reported use.
    Places,
}

impl DataTopic {
    /// Every topic.
    pub const ALL: [DataTopic; 7] = [
        DataTopic::Bodies,
        DataTopic::Services,
        DataTopic::Catalogue,
        DataTopic::Measures,
        DataTopic::Requests,
        DataTopic::Spend,
        DataTopic::Places,
    ];

    /// The topic's name in the `data_versions` table.
    pub fn as_str(self) -> &'static str {
        match self {
            DataTopic::Bodies => "bodies",
            DataTopic::Services => "services",
            DataTopic::Catalogue => "catalogue",
            DataTopic::Measures => "measures",
            DataTopic::Requests => "requests",
            DataTopic::Spend => "spend",
            DataTopic::Places => "places",
        }
    }
}

/// The current version of one topic, read on `conn`.
pub(crate) async fn version_of<D: Dialect>(
    conn: &mut D::Connection,
    topic: DataTopic,
) -> StorageResult<i64> {
    D::query("SELECT version FROM data_versions WHERE topic = $1")
        .arg(topic.as_str())
        .optional(conn)
        .await?
        .ok_or_else(|| StorageError::Corrupt(format!("no data version for {}", topic.as_str())))?
        .col(0)
}

/// Reads the counters.
#[async_trait]
pub trait DataVersionStore {
    /// The current version of each of `topics`, in the order given.
    async fn data_versions(&self, topics: &[DataTopic]) -> StorageResult<Vec<i64>>;
}

#[async_trait]
impl<S: Engine> DataVersionStore for S {
    async fn data_versions(&self, topics: &[DataTopic]) -> StorageResult<Vec<i64>> {
        // Seven rows: reading them all is one cached statement, whatever was asked.
        let rows = S::Db::query("SELECT topic, version FROM data_versions")
            .all(&mut *self.read_conn().await?)
            .await?;
        let mut all = Vec::with_capacity(rows.len());
        for row in &rows {
            let topic: String = row.col(0)?;
            let version: i64 = row.col(1)?;
            all.push((topic, version));
        }
        // A missing counter would never move, and a page cached under it never refresh.
        topics
            .iter()
            .map(|t| {
                all.iter()
                    .find(|(name, _)| name == t.as_str())
                    .map(|(_, v)| *v)
                    .ok_or_else(|| {
                        StorageError::Corrupt(format!("no data version for {}", t.as_str()))
                    })
            })
            .collect()
    }
}
