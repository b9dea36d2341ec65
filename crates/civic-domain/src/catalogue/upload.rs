//! Reading a CSV file staff upload to the catalogue: every row checked against the header,
//! every column's type inferred from all its values, and a malformed file rejected with
//! the line and the reason.

use super::{Column, ColumnType};
use std::fmt;
use time::format_description::well_known::Rfc3339;

/// The most columns a table may have.
pub const MAX_COLUMNS: usize = 500;
/// The longest a header may be.
const MAX_HEADER_CHARS: usize = 200;
/// How many problems are reported before giving up.
const MAX_REPORTED: usize = 10;

/// A checked table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedTable {
    /// Its columns, with inferred types.
    pub columns: Vec<Column>,
    /// Its rows, each as long as `columns`.
    pub rows: Vec<Vec<String>>,
}

/// Why an upload was refused: one or more problems, each with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadError {
    /// `(line, reason)` pairs, line 1 being the header; at most ten.
    pub problems: Vec<(u64, String)>,
}

impl fmt::Display for UploadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .problems
            .iter()
            .map(|(line, reason)| format!("line {line}: {reason}"))
            .collect();
        f.write_str(&parts.join("; "))
    }
}

impl std::error::Error for UploadError {}

/// Which types every value seen so far fits.
#[derive(Debug, Clone, Copy)]
struct Fits {
    integer: bool,
    number: bool,
    boolean: bool,
    date: bool,
    datetime: bool,
    seen: bool,
}

impl Fits {
    fn new() -> Fits {
        Fits {
            integer: true,
            number: true,
            boolean: true,
            date: true,
            datetime: true,
            seen: false,
        }
    }

    fn observe(&mut self, value: &str) {
        if value.is_empty() {
            return;
        }
        self.seen = true;
        if self.integer && !is_integer(value) {
            self.integer = false;
        }
        if self.number && !is_decimal(value) {
            self.number = false;
        }
        if self.boolean && value != "true" && value != "false" {
            self.boolean = false;
        }
        if self.date && !is_date(value) {
            self.date = false;
        }
        if self.datetime && !is_datetime(value) {
            self.datetime = false;
        }
    }

    fn kind(self) -> ColumnType {
        if !self.seen {
            ColumnType::String
        } else if self.integer {
            ColumnType::Integer
        } else if self.number {
            ColumnType::Number
        } else if self.boolean {
            ColumnType::Boolean
        } else if self.date {
            ColumnType::Date
        } else if self.datetime {
            ColumnType::DateTime
        } else {
            ColumnType::String
        }
    }
}

/// A whole number that fits in 64 bits, without leading zeros (codes such as `007` stay
/// text, as does anything a JSON number would change).
fn is_integer(v: &str) -> bool {
    let digits = v.strip_prefix('-').unwrap_or(v);
    !digits.is_empty()
        && digits.len() <= 18
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
}

/// An RFC 3339 instant as xsd:dateTime reads it: `T` between date and time, an upper-case
/// `Z` or an offset, seconds below 60.
fn is_datetime(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() >= 20
        && b[10] == b'T'
        && !v.ends_with('z')
        && v.get(17..19).is_some_and(|s| s < "60")
        && time::OffsetDateTime::parse(v, &Rfc3339).is_ok()
}

/// A plain decimal (no exponent, no thousands separators), as CSVW's `decimal` and
/// Table Schema's `number` both read it.
fn is_decimal(v: &str) -> bool {
    let body = v.strip_prefix('-').unwrap_or(v);
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    // At most 15 significant digits, so a JSON number (a double) carries it exactly.
    let significant = format!("{whole}{fraction}").trim_start_matches('0').len();
    !whole.is_empty()
        && digits(whole)
        && digits(fraction)
        && fraction.is_empty() != body.contains('.')
        && (whole == "0" || !whole.starts_with('0'))
        && significant <= 15
}

fn is_date(v: &str) -> bool {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    v.len() == 10 && time::Date::parse(v, &format).is_ok()
}

/// Reads an uploaded CSV file (UTF-8, comma-separated, a header row first).
pub fn parse_table(bytes: &[u8]) -> Result<ParsedTable, UploadError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut problems: Vec<(u64, String)> = Vec::new();
    let mut records = reader.byte_records();
    let header = match records.next() {
        None => {
            return Err(UploadError {
                problems: vec![(
                    1,
                    "the file is empty: the first line must name the columns".into(),
                )],
            });
        }
        Some(Err(e)) => {
            return Err(UploadError {
                problems: vec![(1, format!("the header could not be read ({e})"))],
            });
        }
        Some(Ok(h)) => h,
    };
    let mut names: Vec<String> = Vec::new();
    for (i, field) in header.iter().enumerate() {
        let Ok(name) = std::str::from_utf8(field) else {
            problems.push((
                1,
                format!("column {} has a name that is not UTF-8 text", i + 1),
            ));
            continue;
        };
        let name = name.trim().to_string();
        if name.is_empty() {
            problems.push((1, format!("column {} has no name", i + 1)));
        } else if name.chars().count() > MAX_HEADER_CHARS {
            problems.push((
                1,
                format!("column {} has a name over 200 characters", i + 1),
            ));
        } else if names.contains(&name) {
            problems.push((1, format!("two columns are called \u{201c}{name}\u{201d}")));
        }
        names.push(name);
    }
    if names.len() > MAX_COLUMNS {
        problems.push((
            1,
            format!(
                "the file has {} columns; at most {MAX_COLUMNS} are allowed",
                names.len()
            ),
        ));
    }
    if !problems.is_empty() {
        return Err(UploadError { problems });
    }
    let mut fits = vec![Fits::new(); names.len()];
    let mut rows = Vec::new();
    for record in records {
        if problems.len() >= MAX_REPORTED {
            break;
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push((line, format!("the line could not be read ({e})")));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.len() == 1 && record.get(0).is_some_and(|f| f.is_empty()) {
            continue;
        }
        if record.len() != names.len() {
            problems.push((
                line,
                format!(
                    "has {} values but the header names {} columns",
                    record.len(),
                    names.len()
                ),
            ));
            continue;
        }
        let mut row = Vec::with_capacity(names.len());
        for (i, field) in record.iter().enumerate() {
            match std::str::from_utf8(field) {
                Ok(value) => {
                    fits[i].observe(value);
                    row.push(value.to_string());
                }
                Err(_) => {
                    problems.push((
                        line,
                        format!(
                            "the value in column \u{201c}{}\u{201d} is not UTF-8 text",
                            names[i]
                        ),
                    ));
                    break;
                }
            }
        }
        if row.len() == names.len() {
            rows.push(row);
        }
    }
    if problems.is_empty() && rows.is_empty() {
        problems.push((2, "the file has a header but no rows of data".into()));
    }
    if !problems.is_empty() {
        return Err(UploadError { problems });
    }
    let columns = names
        .into_iter()
        .zip(fits)
        .map(|(name, fits)| Column {
            name,
            kind: fits.kind(),
            description: String::new(),
            description_cy: String::new(),
        })
        .collect();
    Ok(ParsedTable { columns, rows })
}
