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
    /// The problems with their lines, line 1 being the header; at most ten.
    kinds: Vec<(u64, UploadProblem)>,
}

impl UploadError {
    fn one(line: u64, problem: UploadProblem) -> UploadError {
        let mut error = UploadError { kinds: Vec::new() };
        error.push(line, problem);
        error
    }

    fn push(&mut self, line: u64, problem: UploadProblem) {
        self.kinds.push((line, problem));
    }

    /// `(line, reason)` pairs, the reason in English (the command line prints it).
    pub fn problems(&self) -> Vec<(u64, String)> {
        self.kinds
            .iter()
            .map(|(line, problem)| (*line, problem.to_string()))
            .collect()
    }

    /// Each problem's message id in the interface's message files and its named
    /// arguments, as text (`line` always one of them); its English is `line N: reason`.
    pub fn messages(&self) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
        self.kinds
            .iter()
            .map(|(line, problem)| (problem.id(), problem.args(*line)))
            .collect()
    }

    /// One of every problem the reader reports (some, such as a CSV reader failure, no
    /// file in memory can cause), so the interface's tests can say each one.
    pub fn every_problem() -> UploadError {
        let reason = "CSV error: record 1 (line: 1, byte: 0): some reason".to_string();
        let all = [
            UploadProblem::Empty,
            UploadProblem::HeaderUnreadable {
                reason: reason.clone(),
            },
            UploadProblem::NameNotText { column: 2 },
            UploadProblem::NameEmpty { column: 3 },
            UploadProblem::NameTooLong { column: 12 },
            UploadProblem::NameTwice {
                name: "Ward".into(),
            },
            UploadProblem::TooManyColumns { count: 501 },
            UploadProblem::LineUnreadable { reason },
            UploadProblem::Width {
                values: 1,
                columns: 2,
            },
            UploadProblem::ValueNotText {
                column: "Ward name".into(),
            },
            UploadProblem::NoRows,
        ];
        let mut error = UploadError { kinds: Vec::new() };
        for (line, problem) in (1..).zip(all) {
            // Every variant is listed above: adding one stops this compiling until it is.
            match problem {
                UploadProblem::Empty
                | UploadProblem::HeaderUnreadable { .. }
                | UploadProblem::NameNotText { .. }
                | UploadProblem::NameEmpty { .. }
                | UploadProblem::NameTooLong { .. }
                | UploadProblem::NameTwice { .. }
                | UploadProblem::TooManyColumns { .. }
                | UploadProblem::LineUnreadable { .. }
                | UploadProblem::Width { .. }
                | UploadProblem::ValueNotText { .. }
                | UploadProblem::NoRows => error.push(line, problem),
            }
        }
        error
    }
}

impl fmt::Display for UploadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .kinds
            .iter()
            .map(|(line, problem)| format!("line {line}: {problem}"))
            .collect();
        f.write_str(&parts.join("; "))
    }
}

/// One thing wrong with an uploaded file, on one line; said in English by `Display`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UploadProblem {
    /// Not even a header row.
    #[error("the file is empty: the first line must name the columns")]
    Empty,
    /// The CSV reader failed on the header row.
    #[error("the header could not be read ({reason})")]
    HeaderUnreadable {
        /// The reader's own explanation, in English.
        reason: String,
    },
    /// A header that is not UTF-8.
    #[error("column {column} has a name that is not UTF-8 text")]
    NameNotText {
        /// The column's position, from 1.
        column: usize,
    },
    /// A blank header.
    #[error("column {column} has no name")]
    NameEmpty {
        /// The column's position, from 1.
        column: usize,
    },
    /// A header over `MAX_HEADER_CHARS` characters.
    #[error("column {column} has a name over {} characters", MAX_HEADER_CHARS)]
    NameTooLong {
        /// The column's position, from 1.
        column: usize,
    },
    /// Two headers the same.
    #[error("two columns are called \u{201c}{name}\u{201d}")]
    NameTwice {
        /// The header, as written in the file.
        name: String,
    },
    /// More than `MAX_COLUMNS` columns.
    #[error("the file has {count} columns; at most {} are allowed", MAX_COLUMNS)]
    TooManyColumns {
        /// How many the header names.
        count: usize,
    },
    /// The CSV reader failed on a row.
    #[error("the line could not be read ({reason})")]
    LineUnreadable {
        /// The reader's own explanation, in English.
        reason: String,
    },
    /// A row with more or fewer values than the header has columns.
    #[error("has {values} values but the header names {columns} columns")]
    Width {
        /// How many values the row has.
        values: usize,
        /// How many columns the header names.
        columns: usize,
    },
    /// A value that is not UTF-8.
    #[error("the value in column \u{201c}{column}\u{201d} is not UTF-8 text")]
    ValueNotText {
        /// The column's header.
        column: String,
    },
    /// A header and nothing else.
    #[error("the file has a header but no rows of data")]
    NoRows,
}

impl UploadProblem {
    /// The message's id in the interface's message files (its English starts "line N: ").
    pub fn id(&self) -> &'static str {
        match self {
            UploadProblem::Empty => "catalogue-upload-empty",
            UploadProblem::HeaderUnreadable { .. } => "catalogue-upload-header-unreadable",
            UploadProblem::NameNotText { .. } => "catalogue-upload-name-not-text",
            UploadProblem::NameEmpty { .. } => "catalogue-upload-name-empty",
            UploadProblem::NameTooLong { .. } => "catalogue-upload-name-too-long",
            UploadProblem::NameTwice { .. } => "catalogue-upload-name-twice",
            UploadProblem::TooManyColumns { .. } => "catalogue-upload-too-many-columns",
            UploadProblem::LineUnreadable { .. } => "catalogue-upload-line-unreadable",
            UploadProblem::Width { .. } => "catalogue-upload-width",
            UploadProblem::ValueNotText { .. } => "catalogue-upload-value-not-text",
            UploadProblem::NoRows => "catalogue-upload-no-rows",
        }
    }

    /// The message's named arguments, as text, for the problem on `line`.
    pub fn args(&self, line: u64) -> Vec<(&'static str, String)> {
        let mut args = vec![("line", line.to_string())];
        match self {
            UploadProblem::Empty | UploadProblem::NoRows => {}
            UploadProblem::HeaderUnreadable { reason }
            | UploadProblem::LineUnreadable { reason } => args.push(("reason", reason.clone())),
            UploadProblem::NameNotText { column } | UploadProblem::NameEmpty { column } => {
                args.push(("column", column.to_string()));
            }
            UploadProblem::NameTooLong { column } => {
                args.push(("column", column.to_string()));
                args.push(("max", MAX_HEADER_CHARS.to_string()));
            }
            UploadProblem::NameTwice { name } => args.push(("name", name.clone())),
            UploadProblem::TooManyColumns { count } => {
                args.push(("count", count.to_string()));
                args.push(("max", MAX_COLUMNS.to_string()));
            }
            UploadProblem::Width { values, columns } => {
                args.push(("values", values.to_string()));
                args.push(("columns", columns.to_string()));
            }
            UploadProblem::ValueNotText { column } => args.push(("name", column.clone())),
        }
        args
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
    let mut problems = UploadError { kinds: Vec::new() };
    let mut records = reader.byte_records();
    let header = match records.next() {
        None => return Err(UploadError::one(1, UploadProblem::Empty)),
        Some(Err(e)) => {
            return Err(UploadError::one(
                1,
                UploadProblem::HeaderUnreadable {
                    reason: e.to_string(),
                },
            ));
        }
        Some(Ok(h)) => h,
    };
    let mut names: Vec<String> = Vec::new();
    for (i, field) in header.iter().enumerate() {
        let column = i + 1;
        let Ok(name) = std::str::from_utf8(field) else {
            problems.push(1, UploadProblem::NameNotText { column });
            continue;
        };
        let name = name.trim().to_string();
        if name.is_empty() {
            problems.push(1, UploadProblem::NameEmpty { column });
        } else if name.chars().count() > MAX_HEADER_CHARS {
            problems.push(1, UploadProblem::NameTooLong { column });
        } else if names.contains(&name) {
            problems.push(1, UploadProblem::NameTwice { name: name.clone() });
        }
        names.push(name);
    }
    if names.len() > MAX_COLUMNS {
        problems.push(1, UploadProblem::TooManyColumns { count: names.len() });
    }
    if !problems.kinds.is_empty() {
        return Err(problems);
    }
    let mut fits = vec![Fits::new(); names.len()];
    let mut rows = Vec::new();
    for record in records {
        if problems.kinds.len() >= MAX_REPORTED {
            break;
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(
                    line,
                    UploadProblem::LineUnreadable {
                        reason: e.to_string(),
                    },
                );
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.len() == 1 && record.get(0).is_some_and(|f| f.is_empty()) {
            continue;
        }
        if record.len() != names.len() {
            problems.push(
                line,
                UploadProblem::Width {
                    values: record.len(),
                    columns: names.len(),
                },
            );
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
                    problems.push(
                        line,
                        UploadProblem::ValueNotText {
                            column: names[i].clone(),
                        },
                    );
                    break;
                }
            }
        }
        if row.len() == names.len() {
            rows.push(row);
        }
    }
    if problems.kinds.is_empty() && rows.is_empty() {
        problems.push(2, UploadProblem::NoRows);
    }
    if !problems.kinds.is_empty() {
        return Err(problems);
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
