//! Streamed table downloads (CSV and JSON) read a page at a time, so a large table never
//! sits whole in memory.

use crate::ApiError;
use crate::AppError;
use crate::AppState;
use crate::app::negotiate::open_data;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::Response;
use civic_domain::catalogue::Column;
use civic_domain::catalogue::ColumnType;
use civic_storage::{TableRow, TableRows};
use serde_json::Map;
use serde_json::Value;

/// Rows read per database round trip while streaming a table.
const STREAM_PAGE: i64 = 2000;

/// A cell as a typed JSON value (empty cells are null).
pub(crate) fn json_cell(kind: ColumnType, value: &str) -> Value {
    if value.is_empty() {
        return Value::Null;
    }
    match kind {
        ColumnType::Integer => value
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::String(value.to_string())),
        ColumnType::Number => value
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(value.to_string())),
        ColumnType::Boolean => Value::Bool(value == "true"),
        _ => Value::String(value.to_string()),
    }
}

/// Streams a stored table a page of rows at a time, so a download of any size starts at
/// once and never sits whole in memory.
pub fn stream_table(
    state: AppState,
    resource: String,
    columns: Vec<Column>,
    csv: bool,
) -> axum::body::Body {
    /// The next page, read while the current one is written out.
    type NextPage = tokio::task::JoinHandle<civic_storage::StorageResult<TableRows>>;
    struct Cursor {
        state: AppState,
        resource: String,
        columns: Vec<Column>,
        csv: bool,
        /// None once the last page is out, or after an error.
        next: Option<NextPage>,
        started: bool,
    }
    let read_page = |state: &AppState, resource: &str, after: i64| -> NextPage {
        let (store, resource) = (state.store.clone(), resource.to_string());
        tokio::spawn(async move { store.catalogue_rows(&resource, after, STREAM_PAGE).await })
    };
    let cursor = Cursor {
        next: Some(read_page(&state, &resource, 0)),
        state,
        resource,
        columns,
        csv,
        started: false,
    };
    let stream = futures_util::stream::unfold(cursor, move |mut c| async move {
        let next = c.next.take()?;
        let page = match next.await {
            Ok(Ok(page)) => page,
            Ok(Err(e)) => return Some((Err(std::io::Error::other(e.to_string())), c)),
            Err(e) => return Some((Err(std::io::Error::other(e.to_string())), c)),
        };
        let rows = match page.rows() {
            Ok(rows) => rows,
            Err(e) => return Some((Err(std::io::Error::other(e.to_string())), c)),
        };
        // The database reads the next page (on its own thread) while this one is written.
        match rows.last() {
            Some(TableRow(n, _)) if i64::try_from(rows.len()).unwrap_or(0) == STREAM_PAGE => {
                c.next = Some(read_page(&c.state, &c.resource, *n));
            }
            // `next` stays None: the page being written is the last.
            _ => {}
        }
        let mut out: Vec<u8> = Vec::with_capacity(rows.len() * 64 + 64);
        if c.csv {
            let mut w = csv::Writer::from_writer(&mut out);
            let mut result = Ok(());
            if !c.started {
                result = w.write_record(c.columns.iter().map(|col| col.name.as_str()));
            }
            for TableRow(_, cells) in &rows {
                if result.is_ok() {
                    result = w.write_record(cells.iter().map(|c| spreadsheet_safe(&c.0)));
                }
            }
            let flushed = w.flush();
            drop(w);
            if let Err(e) = result {
                c.next = None;
                return Some((Err(std::io::Error::other(e.to_string())), c));
            }
            if let Err(e) = flushed {
                c.next = None;
                return Some((Err(e), c));
            }
        } else {
            if !c.started {
                out.push(b'[');
            }
            for (i, TableRow(_, cells)) in rows.iter().enumerate() {
                if c.started || i > 0 {
                    out.push(b',');
                }
                let object: Map<String, Value> = c
                    .columns
                    .iter()
                    .zip(cells)
                    .map(|(col, cell)| (col.name.clone(), json_cell(col.kind, &cell.0)))
                    .collect();
                if serde_json::to_writer(&mut out, &object).is_err() {
                    c.next = None;
                    return Some((Err(std::io::Error::other("JSON encoding failed")), c));
                }
            }
        }
        c.started = true;
        if c.next.is_none() && !c.csv {
            out.push(b']');
        }
        Some((Ok::<_, std::io::Error>(axum::body::Bytes::from(out)), c))
    });
    axum::body::Body::from_stream(stream)
}

/// Rows of one of Civic's own tables as CSV, or as JSON objects with typed values.
pub(crate) fn table_file(
    csv: bool,
    columns: &[(&str, civic_domain::catalogue::ColumnType, &str)],
    rows: Vec<Vec<String>>,
) -> Result<Response, ApiError> {
    if csv {
        let mut w = csv::Writer::from_writer(Vec::new());
        let err = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
        w.write_record(columns.iter().map(|c| c.0)).map_err(err)?;
        for row in &rows {
            w.write_record(row.iter().map(|c| spreadsheet_safe(c)))
                .map_err(err)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
        return Ok(open_data(
            ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], bytes).into_response(),
        ));
    }
    let items: Vec<serde_json::Value> = rows
        .iter()
        .map(|row| {
            serde_json::Value::Object(
                columns
                    .iter()
                    .zip(row)
                    .map(|(c, v)| (c.0.to_string(), json_cell(c.1, v)))
                    .collect(),
            )
        })
        .collect();
    Ok(open_data(axum::Json(items).into_response()))
}

/// A CSV cell that spreadsheets will show, never run: text beginning with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading apostrophe, as the UK government's
/// guidance on CSV injection advises, unless it is a plain number (a negative amount stays
/// a number). Public CSVs carry text residents typed.
pub fn spreadsheet_safe(cell: &str) -> SafeCell<'_> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    SafeCell(if risky && cell.trim().parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    })
}

/// A cell as [`spreadsheet_safe`] leaves it, ready for a CSV writer (borrowed unless it
/// needed the apostrophe).
#[derive(Debug, PartialEq, Eq)]
pub struct SafeCell<'a>(pub std::borrow::Cow<'a, str>);

impl AsRef<[u8]> for SafeCell<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl SafeCell<'_> {
    /// The cell's text.
    pub fn into_owned(self) -> String {
        self.0.into_owned()
    }
}

impl PartialEq<&str> for SafeCell<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// The note each published CSV's description carries about [`spreadsheet_safe`].
pub const SPREADSHEET_NOTE: &str = "Text cells that begin with =, +, -, @, a tab or a carriage return and are not numbers start with an apostrophe (') added on publication, so that spreadsheets show them instead of running them as formulas.";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn formulas_are_shown_not_run() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("+44 1632"), "'+44 1632");
        assert_eq!(spreadsheet_safe("-1+2"), "'-1+2");
        assert_eq!(spreadsheet_safe("\t=1"), "'\t=1");
        assert_eq!(spreadsheet_safe("-500.00"), "-500.00");
        assert_eq!(spreadsheet_safe("A pothole"), "A pothole");
        assert_eq!(spreadsheet_safe(""), "");
    }

    #[test]
    fn cells_become_typed_json() {
        assert_eq!(json_cell(ColumnType::Integer, "-3"), json!(-3));
        assert_eq!(json_cell(ColumnType::Number, "1.50"), json!(1.5));
        assert_eq!(json_cell(ColumnType::Boolean, "false"), json!(false));
        assert_eq!(json_cell(ColumnType::Date, ""), Value::Null);
        assert_eq!(json_cell(ColumnType::String, "01"), json!("01"));
    }
}
