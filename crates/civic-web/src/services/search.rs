//! A service search's query: the text and page people and clients send, shared by the
//! register's pages and its open data.

use crate::AppError;
use serde::Deserialize;

/// How many services the national list shows on one page.
pub const NATIONAL_PAGE_SIZE: i64 = 50;

/// Query string of a service search.
#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    /// Free-text search.
    #[serde(default)]
    pub q: Option<String>,
    /// Page number, from 1.
    #[serde(default)]
    pub page: Option<String>,
}

impl SearchParams {
    /// The trimmed search text, if any.
    pub fn text(&self) -> Option<String> {
        self.q
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(|q| q.chars().take(200).collect())
    }

    /// The page number; a malformed number is a 400.
    pub fn page(&self) -> Result<i64, AppError> {
        crate::app::layout::page_number(self.page.as_deref())
    }
}
