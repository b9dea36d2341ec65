//! A council's "spending over £500" CSV, as published under the Local Government
//! Transparency Code 2015. Councils export these from many finance systems with many
//! spellings of the same columns, so headers are matched loosely; one bad row is reported by
//! its line number in plain English and every good row still loads. Every problem also
//! carries the id of the same message in the interface's message files (`spend-line-…`,
//! `spend-file-…`) and its arguments, so a Welsh page can say it in Welsh. No I/O.

use std::borrow::Cow;

use csv::StringRecord;
use time::{Date, Month};

/// The most physical lines read from one file; the rest is reported, not read.
pub const MAX_LINES: u64 = 1_000_000;

/// Bad values quoted back in messages are cut to this many characters.
const SHOWN_CHARS: usize = 40;

/// Non-blank rows searched for the header, so a title line or two above it is tolerated.
const HEADER_SEARCH_ROWS: usize = 10;

/// Headers quoted back when columns are missing; a binary file could have thousands.
const SHOWN_HEADERS: usize = 30;

/// One line of spend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpendLine {
    /// The 1-based physical line of the CSV file where this record starts.
    pub line: u64,
    /// When the money was paid (or the transaction dated, whichever the council publishes).
    pub date: Date,
    /// The sum in pence; negative for credits and refunds.
    pub amount_pence: i64,
    /// The supplier exactly as published, including "REDACTED PERSONAL DATA".
    pub supplier: String,
    /// The department or service that spent the money.
    pub expense_area: String,
    /// What kind of thing the money bought; empty when the file has no such column.
    pub expense_type: String,
    /// The council's transaction number; may be empty.
    pub reference: String,
    /// Free-text purpose of the payment; may be empty.
    pub description: String,
}

/// One problem with one row, for showing to whoever uploaded the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// The 1-based physical line of the CSV file where the bad record starts.
    pub line: u64,
    /// What is wrong, in plain English, starting "line N: ".
    pub message: String,
    /// The same message's id in the interface's message files.
    pub id: &'static str,
    /// Its named arguments, as text; `line` is always one of them.
    pub args: Vec<(&'static str, String)>,
}

impl LineError {
    /// A problem on `line`: the message `id` with `args` (beside `line`), and its English
    /// text after "line N: ".
    fn new(
        line: u64,
        id: &'static str,
        args: Vec<(&'static str, String)>,
        message: impl std::fmt::Display,
    ) -> LineError {
        let mut all = vec![("line", line.to_string())];
        all.extend(args);
        LineError {
            line,
            message: format!("line {line}: {message}"),
            id,
            args: all,
        }
    }
}

/// The result of reading one file: the rows that loaded and the rows that did not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpendUpload {
    /// Rows that parsed, in file order.
    pub lines: Vec<SpendLine>,
    /// Rows that did not, in file order; several may share a line.
    pub errors: Vec<LineError>,
}

/// A problem with the whole file, so no row could be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpendFileError {
    /// Nothing but whitespace (or a byte-order mark).
    #[error("the file is empty: upload the CSV file of spending over £500")]
    Empty,
    /// A recognisable non-CSV format, such as an Excel workbook or a PDF.
    #[error(
        "this looks like {looks_like}, not a CSV file: open it in a spreadsheet and save it \
         as \"CSV UTF-8 (comma delimited)\""
    )]
    NotCsv {
        /// What the file seems to be, e.g. "an Excel workbook (.xls)".
        looks_like: &'static str,
    },
    /// Binary content (NUL bytes), so not text in any encoding we read.
    #[error(
        "the file is not plain text (it may be a spreadsheet or saved as UTF-16 \"Unicode \
         text\"): save it as \"CSV UTF-8 (comma delimited)\""
    )]
    NotText,
    /// The CSV reader failed before the header row was found.
    #[error("line {line}: the file could not be read as CSV: {reason}")]
    Unreadable {
        /// Where the reader stopped.
        line: u64,
        /// The reader's own explanation.
        reason: String,
    },
    /// No row had all the required columns.
    #[error("{}", missing_columns_message(missing, found))]
    MissingColumns {
        /// Plain-English names of the required columns not found, e.g. "expense area".
        missing: Vec<&'static str>,
        /// The headers of the row that came closest, as written in the file.
        found: Vec<String>,
    },
}

impl SpendFileError {
    /// The message's id in the interface's message files.
    pub fn id(&self) -> &'static str {
        match self {
            SpendFileError::Empty => "spend-file-empty",
            SpendFileError::NotCsv { .. } => "spend-file-not-csv",
            SpendFileError::NotText => "spend-file-not-text",
            SpendFileError::Unreadable { .. } => "spend-file-unreadable",
            SpendFileError::MissingColumns { found, .. } if found.is_empty() => {
                "spend-file-missing-columns-none-found"
            }
            SpendFileError::MissingColumns { .. } => "spend-file-missing-columns",
        }
    }

    /// The message's named arguments, as text.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            SpendFileError::Empty | SpendFileError::NotText => Vec::new(),
            SpendFileError::NotCsv { looks_like } => {
                let kind = LOOKS_LIKE
                    .iter()
                    .find(|(_, english)| english == looks_like)
                    .map_or("other", |(kind, _)| kind);
                vec![("kind", kind.to_string())]
            }
            SpendFileError::Unreadable { line, reason } => {
                vec![("line", line.to_string()), ("reason", reason.clone())]
            }
            SpendFileError::MissingColumns { missing, found } => {
                // One key naming every missing column (`date-amount`), so each language's
                // message says the whole list as one sentence.
                let missing = missing
                    .iter()
                    .map(|label| label.replace(' ', "-"))
                    .collect::<Vec<_>>()
                    .join("-");
                vec![("missing", missing), ("found", quoted_list(found))]
            }
        }
    }
}

/// What a file that is not CSV seems to be: the key its message selects by, and the
/// English words `NotCsv::looks_like` holds.
const LOOKS_LIKE: [(&str, &str); 5] = [
    ("workbook", "a spreadsheet workbook (.xlsx or .ods)"),
    ("xls", "an old Excel workbook (.xls)"),
    ("pdf", "a PDF document"),
    ("utf16", "a UTF-16 \"Unicode text\" file"),
    ("html", "a web page (HTML)"),
];

/// The words for one `LOOKS_LIKE` key.
fn looks_like(kind: &str) -> &'static str {
    LOOKS_LIKE
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("", |(_, english)| english)
}

/// Reads a spending CSV: whole-file problems are an `Err`; row problems are in `errors`.
pub fn parse_spend_csv(bytes: &[u8]) -> Result<SpendUpload, SpendFileError> {
    parse_with_cap(bytes, MAX_LINES)
}

/// Pence in a sum of money as councils write it: "£1,234.56", "-12.00", "(12.00)" (negative),
/// " 500 "; `None` for anything else, more than two decimals, or too large.
pub fn parse_amount_pence(s: &str) -> Option<i64> {
    let t = s.trim();
    // Accountants bracket credits; a sign inside the brackets would be a double negative.
    let (bracketed, t) = match t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => (true, inner.trim()),
        None => (false, t),
    };
    // The sign may sit either side of the pound sign ("-£12", "£-12"), or trail the number
    // as some ledgers print credits ("12.00-").
    let (before, t) = strip_sign(t);
    let t = t.strip_prefix('£').map_or(t, str::trim_start);
    let (after, t) = strip_sign(t);
    let (trailing, t) = match t.strip_suffix('-') {
        Some(r) => (Some(true), r.trim_end()),
        None => (None, t),
    };
    let signs = [before, after, trailing].iter().flatten().count();
    if signs > 1 || (bracketed && signs > 0) {
        return None;
    }
    let negative = bracketed || before.or(after).or(trailing) == Some(true);

    let (whole, fraction) = match t.split_once('.') {
        Some((w, f)) => (w, f),
        None => (t, ""),
    };
    if fraction.len() > 2 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole = ungroup(whole)?;
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let mut pence: i64 = 0;
    for digit in whole.bytes() {
        pence = pence
            .checked_mul(10)?
            .checked_add(i64::from(digit - b'0'))?;
    }
    let fraction_pence = match fraction.as_bytes() {
        [] => 0,
        [tens] => i64::from(tens - b'0') * 10,
        [tens, units] => i64::from(tens - b'0') * 10 + i64::from(units - b'0'),
        _ => return None,
    };
    let pence = pence.checked_mul(100)?.checked_add(fraction_pence)?;
    Some(if negative { -pence } else { pence })
}

/// A payment date as councils write it: "31/03/2025", "31-03-2025", "31.03.2025",
/// "2025-03-31", "31-Mar-2025", "31 March 2025", or "31/03/25" (taken as 2025); a time of
/// day after the date, as spreadsheets often add, is ignored. Day comes before month.
pub fn parse_spend_date(s: &str) -> Option<Date> {
    let t = strip_time_of_day(s.trim());
    let parts: Vec<&str> = if t.contains(char::is_whitespace) {
        t.split_whitespace().collect()
    } else {
        let separator = t.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
        t.split(separator).collect()
    };
    let [first, second, third] = parts.as_slice() else {
        return None;
    };
    let (year, month, day) = if first.len() == 4 {
        (
            small_number(first)?,
            month_number(second)?,
            day_number(third)?,
        )
    } else {
        let year = match third.len() {
            4 => small_number(third)?,
            // Spend files are all this century, so a two-digit year is 20xx.
            2 => 2000 + small_number(third)?,
            _ => return None,
        };
        (year, month_number(second)?, day_number(first)?)
    };
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    let day = u8::try_from(day).ok()?;
    Date::from_calendar_date(i32::try_from(year).ok()?, month, day).ok()
}

/// The fields of a spend line, in the order their columns are claimed from the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Date,
    Amount,
    Supplier,
    ExpenseArea,
    Reference,
    // Claimed before the expense type so "Expense Description" is the description when no
    // plainer description column exists, and the expense type only when one does.
    Description,
    ExpenseType,
}

impl Field {
    const ALL: [Field; 7] = [
        Field::Date,
        Field::Amount,
        Field::Supplier,
        Field::ExpenseArea,
        Field::Reference,
        Field::Description,
        Field::ExpenseType,
    ];

    fn slot(self) -> usize {
        self as usize
    }

    fn label(self) -> &'static str {
        match self {
            Field::Date => "date",
            Field::Amount => "amount",
            Field::Supplier => "supplier",
            Field::ExpenseArea => "expense area",
            Field::Reference => "reference",
            Field::Description => "description",
            Field::ExpenseType => "expense type",
        }
    }

    fn required(self) -> bool {
        matches!(self, Field::Date | Field::Amount | Field::ExpenseArea)
    }

    /// Header spellings seen in councils' files, best first: when a file has two that match,
    /// the earlier one in this list wins. Compared after `normalise_header`.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Date => &[
                "Payment Date",
                "Date Paid",
                "Paid Date",
                "Transaction Date",
                "Date",
            ],
            Field::Amount => &[
                "Net Amount",
                "Amount",
                "Net Value",
                "Value",
                "Total Amount",
                "Total",
                "Amount GBP",
                "Net Amount GBP",
                "Amount Excluding VAT",
                "Amount excl VAT",
                "Transaction Amount",
                "Payment Amount",
            ],
            Field::Supplier => &[
                "Supplier Name",
                "Supplier",
                "Beneficiary Name",
                "Beneficiary",
                "Supplier (Beneficiary)",
                "Payee Name",
                "Payee",
                "Vendor Name",
                "Vendor",
            ],
            Field::ExpenseArea => &[
                "Expense Area",
                "Service Area",
                "Service Division",
                "Service Division Label",
                "Service Label",
                "Service",
                "Directorate",
                "Department",
                "Department/Service",
                "Organisational Unit",
                "Responsible Unit",
                "Department/service where expenditure occurred",
            ],
            Field::Reference => &[
                "Transaction Number",
                "Transaction No",
                "Transaction ID",
                "Transaction Reference",
                "Reference",
                "Invoice Number",
                "Invoice No",
                "Document Number",
                "Document No",
                "Payment Reference",
            ],
            Field::Description => &[
                "Description",
                "Narrative",
                "Purpose",
                "Purpose of Expenditure (narrative)",
                "Details",
                "Expense Description",
            ],
            Field::ExpenseType => &[
                "Expense Type",
                "Expenses Type",
                "Expenditure Type",
                "Expenditure Category",
                "Purpose of Expenditure",
                "Procurement Category",
                "Account Description",
                "Expense Description",
            ],
        }
    }
}

/// Where each field's column sits in the file, and how wide rows should be.
struct Columns {
    slots: [Option<usize>; Field::ALL.len()],
    headers: Vec<String>,
    /// Header cells up to the last named one; rows must have at least this many fields.
    named_width: usize,
}

impl Columns {
    fn from_header(record: &StringRecord) -> Self {
        let normalised: Vec<String> = record.iter().map(normalise_header).collect();
        let mut taken = vec![false; normalised.len()];
        let mut slots = [None; Field::ALL.len()];
        for field in Field::ALL {
            'aliases: for alias in field.aliases() {
                let alias = normalise_header(alias);
                for (i, header) in normalised.iter().enumerate() {
                    if !taken[i] && *header == alias {
                        taken[i] = true;
                        slots[field.slot()] = Some(i);
                        break 'aliases;
                    }
                }
            }
        }
        let named_width = normalised
            .iter()
            .rposition(|h| !h.is_empty())
            .map_or(0, |i| i + 1);
        Columns {
            slots,
            headers: record.iter().map(|h| h.trim().to_string()).collect(),
            named_width,
        }
    }

    fn missing(&self) -> Vec<&'static str> {
        Field::ALL
            .into_iter()
            .filter(|f| f.required() && self.slots[f.slot()].is_none())
            .map(Field::label)
            .collect()
    }

    fn found_count(&self) -> usize {
        Field::ALL
            .into_iter()
            .filter(|f| f.required() && self.slots[f.slot()].is_some())
            .count()
    }

    /// The trimmed cell for `field` and its header, or empty text when the file lacks it.
    fn cell<'r>(&self, record: &'r StringRecord, field: Field) -> (&'r str, &str) {
        match self.slots[field.slot()] {
            Some(i) => (
                record.get(i).map_or("", str::trim),
                self.headers.get(i).map_or("", String::as_str),
            ),
            None => ("", ""),
        }
    }
}

/// `parse_spend_csv` with the line cap as a parameter, so the cap can be tested cheaply.
fn parse_with_cap(bytes: &[u8], cap: u64) -> Result<SpendUpload, SpendFileError> {
    let text = decode(bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim().is_empty() {
        return Err(SpendFileError::Empty);
    }
    if let Some(looks_like) = sniff_markup(text) {
        return Err(SpendFileError::NotCsv { looks_like });
    }
    // Old Mac exports end lines with a bare CR, which the reader does not count as a line.
    let text = if text.contains('\r') && !text.contains('\n') {
        Cow::Owned(text.replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };

    // Continental Excel separates with semicolons and "Text (Tab delimited)" with tabs; the
    // separator that yields a header with the required columns is the right one. Failing
    // that, the closest miss is reported, so its headers are shown split correctly.
    let mut closest: Option<SpendFileError> = None;
    for delimiter in [b',', b';', b'\t'] {
        match read_rows(&text, delimiter, cap) {
            Err(error @ SpendFileError::MissingColumns { .. }) => {
                if closest
                    .as_ref()
                    .is_none_or(|c| miss_rank(&error) < miss_rank(c))
                {
                    closest = Some(error);
                }
            }
            result => return result,
        }
    }
    Err(closest.unwrap_or(SpendFileError::Empty))
}

/// Orders `MissingColumns` errors, closest first: fewer columns missing, then more found.
fn miss_rank(error: &SpendFileError) -> (usize, std::cmp::Reverse<usize>) {
    match error {
        SpendFileError::MissingColumns { missing, found } => {
            (missing.len(), std::cmp::Reverse(found.len()))
        }
        _ => (usize::MAX, std::cmp::Reverse(0)),
    }
}

/// Reads the header and then every row, with cells split at `delimiter`.
fn read_rows(text: &str, delimiter: u8, cap: u64) -> Result<SpendUpload, SpendFileError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text);
    let mut record = StringRecord::new();

    let columns = find_header(&mut reader, &mut record, &mut lines)?;
    let mut upload = SpendUpload::default();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = lines.at(e.position());
                upload.errors.push(LineError::new(
                    line,
                    "spend-line-unreadable",
                    vec![("reason", e.to_string())],
                    format!("the file could not be read from here on: {e}"),
                ));
                break;
            }
        }
        let line = lines.at(record.position());
        if line > cap {
            let max = group_thousands(cap);
            upload.errors.push(LineError::new(
                line,
                "spend-line-too-many",
                vec![("max", max.clone())],
                format!(
                    "the file has more than {max} lines, so nothing from here on was read; \
                     split it into smaller files"
                ),
            ));
            break;
        }
        if is_blank(&record) {
            continue;
        }
        if let Some(spend) = parse_row(&record, line, &columns, &mut upload.errors) {
            upload.lines.push(spend);
        }
    }
    Ok(upload)
}

/// Physical line numbers for the reader's positions. The reader's own line count is no use:
/// a record's position is where the reader stood before it, so it falls short by the blank
/// lines skipped and, in CRLF files, by the line break it had not yet finished reading.
struct LineCounter<'t> {
    text: &'t [u8],
    offset: usize,
    line: u64,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The line of the first character of the record read from `position`. Positions only
    /// move forward, so each byte of the file is counted once.
    fn at(&mut self, position: Option<&csv::Position>) -> u64 {
        let target = position.map_or(self.offset, |p| {
            usize::try_from(p.byte()).unwrap_or(usize::MAX)
        });
        let target = target.min(self.text.len());
        while self.offset < target
            || self
                .text
                .get(self.offset)
                .is_some_and(|b| matches!(b, b'\r' | b'\n'))
        {
            if self.text[self.offset] == b'\n' {
                self.line += 1;
            }
            self.offset += 1;
        }
        self.line
    }
}

/// Reads up to the header row, skipping blank and title rows above it.
fn find_header(
    reader: &mut csv::Reader<&[u8]>,
    record: &mut StringRecord,
    lines: &mut LineCounter<'_>,
) -> Result<Columns, SpendFileError> {
    let mut best: Option<Columns> = None;
    let mut searched = 0;
    while searched < HEADER_SEARCH_ROWS {
        match reader.read_record(record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(SpendFileError::Unreadable {
                    line: lines.at(e.position()),
                    reason: e.to_string(),
                });
            }
        }
        if is_blank(record) {
            continue;
        }
        searched += 1;
        let columns = Columns::from_header(record);
        if columns.missing().is_empty() {
            return Ok(columns);
        }
        // Report against the row that came closest, so a title line above a header with
        // one misspelt column does not hide which column that was.
        if best
            .as_ref()
            .is_none_or(|b| columns.found_count() > b.found_count())
        {
            best = Some(columns);
        }
    }
    match best {
        Some(columns) => Err(SpendFileError::MissingColumns {
            missing: columns.missing(),
            found: columns
                .headers
                .into_iter()
                .filter(|h| !h.is_empty())
                .take(SHOWN_HEADERS)
                .map(|h| shown(&h))
                .collect(),
        }),
        None => Err(SpendFileError::Empty),
    }
}

/// One data row, or `None` with every problem in it recorded.
fn parse_row(
    record: &StringRecord,
    line: u64,
    columns: &Columns,
    errors: &mut Vec<LineError>,
) -> Option<SpendLine> {
    let mut error = |id: &'static str, args: Vec<(&'static str, String)>, message: String| {
        errors.push(LineError::new(line, id, args, message));
    };

    // Extra empty cells at the end are a spreadsheet artefact, not misaligned data; an extra
    // cell with text in it usually means an unquoted comma shifted the columns.
    let extra_text = record
        .iter()
        .skip(columns.headers.len())
        .any(|f| !f.trim().is_empty());
    if record.len() < columns.named_width || extra_text {
        let spans_lines = record.iter().any(|f| f.contains('\n'));
        error(
            if spans_lines {
                "spend-line-width-quote"
            } else {
                "spend-line-width-comma"
            },
            vec![
                ("fields", record.len().to_string()),
                ("width", columns.named_width.to_string()),
            ],
            format!(
                "this row has {} fields but the header has {}{}",
                record.len(),
                columns.named_width,
                if spans_lines {
                    "; a quote mark may be missing its partner, joining several lines into one \
                     row"
                } else {
                    "; a comma inside a value needs the value in double quotes"
                }
            ),
        );
        return None;
    }

    let (date_text, date_header) = columns.cell(record, Field::Date);
    let date = if date_text.is_empty() {
        error(
            "spend-line-date-empty",
            vec![("column", date_header.to_string())],
            format!("the date (column '{date_header}') is empty"),
        );
        None
    } else {
        let date = parse_spend_date(date_text);
        if date.is_none() {
            let value = shown(date_text);
            error(
                "spend-line-date-invalid",
                vec![
                    ("value", value.clone()),
                    ("column", date_header.to_string()),
                ],
                format!(
                    "the date '{value}' (column '{date_header}') is not a date like 31/03/2025"
                ),
            );
        }
        date
    };

    let (amount_text, amount_header) = columns.cell(record, Field::Amount);
    let amount_pence = if amount_text.is_empty() {
        error(
            "spend-line-amount-empty",
            vec![("column", amount_header.to_string())],
            format!("the amount (column '{amount_header}') is empty"),
        );
        None
    } else {
        let amount = parse_amount_pence(amount_text);
        if amount.is_none() {
            let value = shown(amount_text);
            error(
                "spend-line-amount-invalid",
                vec![
                    ("value", value.clone()),
                    ("column", amount_header.to_string()),
                ],
                format!(
                    "the amount '{value}' (column '{amount_header}') is not a sum of money like \
                     1,234.56"
                ),
            );
        }
        amount
    };

    let (expense_area, area_header) = columns.cell(record, Field::ExpenseArea);
    if expense_area.is_empty() {
        error(
            "spend-line-area-empty",
            vec![("column", area_header.to_string())],
            format!(
                "the expense area (column '{area_header}') is empty: every row needs the \
                 department or service that spent the money"
            ),
        );
    }

    let (Some(date), Some(amount_pence), false) = (date, amount_pence, expense_area.is_empty())
    else {
        return None;
    };
    Some(SpendLine {
        line,
        date,
        amount_pence,
        supplier: columns.cell(record, Field::Supplier).0.to_string(),
        expense_area: expense_area.to_string(),
        expense_type: columns.cell(record, Field::ExpenseType).0.to_string(),
        reference: columns.cell(record, Field::Reference).0.to_string(),
        description: columns.cell(record, Field::Description).0.to_string(),
    })
}

/// Text from UTF-8, or Windows-1252 when it is not UTF-8 (Excel's "CSV (comma delimited)"
/// on a UK PC writes £ as the single byte 0xA3).
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, SpendFileError> {
    const MAGIC: [(&[u8], &str); 5] = [
        (b"PK\x03\x04", "workbook"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "xls"),
        (b"%PDF", "pdf"),
        (b"\xFF\xFE", "utf16"),
        (b"\xFE\xFF", "utf16"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(SpendFileError::NotCsv {
            looks_like: looks_like(kind),
        });
    }
    if bytes.contains(&0) {
        return Err(SpendFileError::NotText);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) => Ok(Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect())),
    }
}

/// One Windows-1252 byte as a character; the five unassigned bytes map to the C1 controls
/// of the same value, as browsers do, rather than failing the whole file.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// A web page saved with a .csv name, which happens when a download link needs a login.
fn sniff_markup(text: &str) -> Option<&'static str> {
    let start: String = text
        .trim_start()
        .chars()
        .take(15)
        .flat_map(char::to_lowercase)
        .collect();
    (start.starts_with("<!doctype html") || start.starts_with("<html")).then(|| looks_like("html"))
}

/// Lower-case letters and digits only, so "Amount (£)", "amount" and "AMOUNT" all match,
/// as do "Net Amount", "NetAmount" and "net_amount"; this also drops a stray BOM.
fn normalise_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// True for an empty line or one of only commas, which spreadsheets leave at the end.
fn is_blank(record: &StringRecord) -> bool {
    record.iter().all(|f| f.trim().is_empty())
}

/// A value quoted back to the user: one line, at most `SHOWN_CHARS` characters.
fn shown(value: &str) -> String {
    let one_line: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let one_line = one_line.trim();
    if one_line.chars().count() > SHOWN_CHARS {
        let cut: String = one_line.chars().take(SHOWN_CHARS).collect();
        format!("{}…", cut.trim_end())
    } else {
        one_line.to_string()
    }
}

/// "1,000,000" rather than "1000000" in messages.
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The `MissingColumns` message: what to call each missing column, and what was found.
fn missing_columns_message(missing: &[&'static str], found: &[String]) -> String {
    let wanted: Vec<String> = missing
        .iter()
        .map(|label| match *label {
            "date" => "date (e.g. 'Date' or 'Payment Date')".to_string(),
            "amount" => "amount (e.g. 'Amount' or 'Net Amount')".to_string(),
            "expense area" => "expense area (e.g. 'Expense Area' or 'Service Area')".to_string(),
            other => other.to_string(),
        })
        .collect();
    format!(
        "the file has no column for the {}; the columns found were {}",
        wanted.join(", the "),
        if found.is_empty() {
            "none".to_string()
        } else {
            quoted_list(found)
        }
    )
}

/// Headers as the messages quote them: `'Date', 'Supplier', 'Cost'`.
fn quoted_list(found: &[String]) -> String {
    found
        .iter()
        .map(|h| format!("'{h}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn strip_sign(t: &str) -> (Option<bool>, &str) {
    if let Some(rest) = t.strip_prefix('-') {
        (Some(true), rest.trim_start())
    } else if let Some(rest) = t.strip_prefix('+') {
        (Some(false), rest.trim_start())
    } else {
        (None, t)
    }
}

/// Digits with any thousands commas removed, or `None` when the commas are not every three
/// digits (so "1,23" is refused rather than guessed at).
fn ungroup(whole: &str) -> Option<String> {
    let groups: Vec<&str> = whole.split(',').collect();
    let well_grouped = groups.iter().enumerate().all(|(i, g)| {
        let digits = g.bytes().all(|b| b.is_ascii_digit());
        let size = if i == 0 {
            (1..=3).contains(&g.len()) || groups.len() == 1
        } else {
            g.len() == 3
        };
        digits && size
    });
    well_grouped.then(|| groups.concat())
}

/// A date without the time of day spreadsheets append: "31/03/2025 00:00:00",
/// "2025-03-31T00:00:00Z", "31/03/2025 12:00 AM".
fn strip_time_of_day(t: &str) -> &str {
    // "T" only counts before a digit, so "31-OCT-2025" is not cut at its "T".
    if let Some((date, time)) = t.split_once('T')
        && time.starts_with(|c: char| c.is_ascii_digit())
        && time.contains(':')
    {
        return date;
    }
    let mut date = t;
    while let Some((before, last)) = date.rsplit_once(char::is_whitespace) {
        let is_clock = last.contains(':')
            && last
                .chars()
                .all(|c| c.is_ascii_digit() || c == ':' || c == '.');
        let is_meridiem = last.eq_ignore_ascii_case("am") || last.eq_ignore_ascii_case("pm");
        if is_clock || is_meridiem {
            date = before.trim_end();
        } else {
            break;
        }
    }
    date
}

/// A day of the month as one or two digits.
fn day_number(s: &str) -> Option<u32> {
    (s.len() <= 2).then(|| small_number(s)).flatten()
}

/// A one-to-four digit number; `str::parse` alone would also take "+1".
fn small_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A month as "3", "03", "Mar", "Sept" or "March", in any case.
fn month_number(s: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if s.len() <= 2 {
        return day_number(s);
    }
    let lower = s.to_lowercase();
    let index = NAMES.iter().position(|name| name.starts_with(&lower))?;
    u32::try_from(index + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn parse(text: &str) -> SpendUpload {
        match parse_spend_csv(text.as_bytes()) {
            Ok(upload) => upload,
            Err(e) => panic!("whole-file error: {e}"),
        }
    }

    fn file_error(bytes: &[u8]) -> SpendFileError {
        match parse_spend_csv(bytes) {
            Ok(upload) => panic!("expected a whole-file error, got {upload:?}"),
            Err(e) => e,
        }
    }

    fn lines_of(upload: &SpendUpload) -> Vec<u64> {
        upload.lines.iter().map(|l| l.line).collect()
    }

    fn error_lines(upload: &SpendUpload) -> Vec<u64> {
        upload.errors.iter().map(|e| e.line).collect()
    }

    #[test]
    fn good_file_with_aliases_and_bom() {
        let text = "\u{feff}Payment Date,Net Amount,Supplier Name,Service Area,Expense Type,\
                    Transaction Number,Description\n\
                    31/03/2025,\"£1,234.56\",Acme Ltd,Highways,Road repairs,TX-1,Potholes\n\
                    01/04/2025,(12.00),REDACTED PERSONAL DATA,Adult Social Care,Care,TX-2,\n";
        let upload = parse(text);
        assert!(upload.errors.is_empty(), "{:?}", upload.errors);
        assert_eq!(
            upload.lines,
            vec![
                SpendLine {
                    line: 2,
                    date: date!(2025 - 03 - 31),
                    amount_pence: 123_456,
                    supplier: "Acme Ltd".into(),
                    expense_area: "Highways".into(),
                    expense_type: "Road repairs".into(),
                    reference: "TX-1".into(),
                    description: "Potholes".into(),
                },
                SpendLine {
                    line: 3,
                    date: date!(2025 - 04 - 01),
                    amount_pence: -1_200,
                    supplier: "REDACTED PERSONAL DATA".into(),
                    expense_area: "Adult Social Care".into(),
                    expense_type: "Care".into(),
                    reference: "TX-2".into(),
                    description: String::new(),
                },
            ]
        );
    }

    #[test]
    fn headers_match_whatever_the_case_spacing_and_punctuation() {
        let text = "  DATE PAID ,amount (£),PAYEE,service_division,Transaction ID,NARRATIVE,\
                    Account Description\n\
                    2025-03-31,500,Acme,Parks,99,Mowing,Grounds\n";
        let upload = parse(text);
        assert!(upload.errors.is_empty(), "{:?}", upload.errors);
        let line = &upload.lines[0];
        assert_eq!(line.amount_pence, 50_000);
        assert_eq!(line.supplier, "Acme");
        assert_eq!(line.expense_area, "Parks");
        assert_eq!(line.reference, "99");
        assert_eq!(line.description, "Mowing");
        assert_eq!(line.expense_type, "Grounds");
    }

    #[test]
    fn transparency_code_style_headers() {
        // As East Cambridgeshire and others lay out the Code's fields; the irrecoverable VAT
        // column must not be taken for the amount.
        let text = "Body name,Transaction date,Supplier (beneficiary),Transaction number,\
                    Irrecoverable VAT,Net amount,Department/service,Procurement category,\
                    Purpose of expenditure (narrative)\n\
                    Anytown DC,15-Jan-2025,Acme,T1,0.00,750.00,Waste,Vehicles,Bin lorry tyres\n";
        let upload = parse(text);
        assert!(upload.errors.is_empty(), "{:?}", upload.errors);
        let line = &upload.lines[0];
        assert_eq!(line.date, date!(2025 - 01 - 15));
        assert_eq!(line.amount_pence, 75_000);
        assert_eq!(line.supplier, "Acme");
        assert_eq!(line.reference, "T1");
        assert_eq!(line.expense_area, "Waste");
        assert_eq!(line.expense_type, "Vehicles");
        assert_eq!(line.description, "Bin lorry tyres");
    }

    #[test]
    fn optional_columns_may_be_absent() {
        let upload = parse("Date,Amount,Expense Area\n31/03/2025,600,Libraries\n");
        assert!(upload.errors.is_empty());
        let line = &upload.lines[0];
        assert_eq!(line.supplier, "");
        assert_eq!(line.expense_type, "");
        assert_eq!(line.reference, "");
        assert_eq!(line.description, "");
    }

    #[test]
    fn expense_description_is_the_description_unless_there_is_one() {
        let with_type = parse(
            "Date,Amount,Expense Area,Expense Type,Expense Description\n\
             31/03/2025,600,Libraries,Books,Large print\n",
        );
        assert_eq!(with_type.lines[0].expense_type, "Books");
        assert_eq!(with_type.lines[0].description, "Large print");

        let with_description = parse(
            "Date,Amount,Expense Area,Expense Description,Description\n\
             31/03/2025,600,Libraries,Books,Large print\n",
        );
        assert_eq!(with_description.lines[0].expense_type, "Books");
        assert_eq!(with_description.lines[0].description, "Large print");
    }

    #[test]
    fn the_best_alias_wins_when_two_columns_match() {
        let upload = parse(
            "Date,Payment Date,Value,Net Amount,Service,Expense Area\n\
             01/01/2025,02/01/2025,1,2,A,B\n",
        );
        let line = &upload.lines[0];
        assert_eq!(line.date, date!(2025 - 01 - 02));
        assert_eq!(line.amount_pence, 200);
        assert_eq!(line.expense_area, "B");
    }

    #[test]
    fn crlf_line_endings() {
        let upload =
            parse("Date,Amount,Expense Area\r\n31/03/2025,600,A\r\n\r\n01/04/2025,700,B\r\n");
        assert!(upload.errors.is_empty());
        assert_eq!(lines_of(&upload), vec![2, 4]);
        assert_eq!(upload.lines[1].expense_area, "B");
    }

    #[test]
    fn bare_cr_line_endings() {
        let upload = parse("Date,Amount,Expense Area\r31/03/2025,600,A\r01/04/2025,700,B\r");
        assert!(upload.errors.is_empty());
        assert_eq!(lines_of(&upload), vec![2, 3]);
    }

    #[test]
    fn quoted_commas_and_newlines_keep_line_numbers_right() {
        let text = "Date,Amount,Supplier,Expense Area,Description\n\
                    31/03/2025,600,\"Smith, Jones & Co\",Legal,\"Advice on\nthe new\r\nbylaws\"\n\
                    01/04/2025,700,\"He said \"\"hi\"\"\",Legal,Plain\n\
                    \n\
                    02/04/2025,x,Acme,Legal,\"two\nlines\"\n\
                    03/04/2025,800,Acme,Legal,last\n";
        let upload = parse(text);
        assert_eq!(lines_of(&upload), vec![2, 5, 9]);
        assert_eq!(upload.lines[0].supplier, "Smith, Jones & Co");
        assert_eq!(upload.lines[0].description, "Advice on\nthe new\r\nbylaws");
        assert_eq!(upload.lines[1].supplier, "He said \"hi\"");
        assert_eq!(error_lines(&upload), vec![7]);
    }

    #[test]
    fn bad_rows_are_reported_and_good_rows_still_load() {
        let text = "Date,Amount,Supplier,Expense Area\n\
                    31/03/2025,600,Acme,Parks\n\
                    31/13/2025,600,Acme,Parks\n\
                    31/03/2025,\"12,3x\",Acme,Parks\n\
                    31/03/2025,600,Acme,\n\
                    31/03/2025,600,Smith, J,Parks\n\
                    31/03/2025,600\n\
                    ,,Acme,\n\
                    01/04/2025,-50.5,Acme,Parks\n";
        let upload = parse(text);
        assert_eq!(lines_of(&upload), vec![2, 9]);
        assert_eq!(upload.lines[1].amount_pence, -5_050);
        let messages: Vec<&str> = upload.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "line 3: the date '31/13/2025' (column 'Date') is not a date like 31/03/2025",
                "line 4: the amount '12,3x' (column 'Amount') is not a sum of money like \
                 1,234.56",
                "line 5: the expense area (column 'Expense Area') is empty: every row needs \
                 the department or service that spent the money",
                "line 6: this row has 5 fields but the header has 4; a comma inside a value \
                 needs the value in double quotes",
                "line 7: this row has 2 fields but the header has 4; a comma inside a value \
                 needs the value in double quotes",
                "line 8: the date (column 'Date') is empty",
                "line 8: the amount (column 'Amount') is empty",
                "line 8: the expense area (column 'Expense Area') is empty: every row needs \
                 the department or service that spent the money",
            ]
        );
        assert_eq!(error_lines(&upload), vec![3, 4, 5, 6, 7, 8, 8, 8]);
    }

    #[test]
    fn an_unclosed_quote_is_hinted_at() {
        let upload = parse(
            "Date,Amount,Expense Area,Description\n\
             31/03/2025,600,\"oops,Parks\n\
             01/04/2025,700,Parks,fine\n",
        );
        assert!(upload.lines.is_empty());
        assert_eq!(error_lines(&upload), vec![2]);
        assert!(upload.errors[0].message.contains("quote mark"));
    }

    #[test]
    fn bad_values_are_cut_to_forty_characters_on_one_line() {
        let long = "x".repeat(100);
        let upload = parse(&format!(
            "Date,Amount,Expense Area\n31/03/2025,{long},Parks\n31/03/2025,\"bad\namount\",Parks\n"
        ));
        let first = &upload.errors[0].message;
        assert!(first.contains(&format!("'{}…'", "x".repeat(40))), "{first}");
        assert!(!first.contains(&"x".repeat(41)));
        assert!(upload.errors[1].message.contains("'bad amount'"));
    }

    #[test]
    fn blank_lines_and_rows_of_commas_are_skipped_silently() {
        let upload = parse(
            "\n\nDate,Amount,Expense Area\n\n31/03/2025,600,Parks\n,,\n  ,  ,  \n\
             01/04/2025,700,Parks\n,,,,\n",
        );
        assert!(upload.errors.is_empty(), "{:?}", upload.errors);
        assert_eq!(lines_of(&upload), vec![5, 8]);
    }

    #[test]
    fn trailing_empty_cells_are_tolerated_but_trailing_text_is_not() {
        let upload = parse(
            "Date,Amount,Expense Area,,\n31/03/2025,600,Parks,,,,\n31/03/2025,600,Parks\n\
             31/03/2025,600,Parks,,,x\n",
        );
        assert_eq!(lines_of(&upload), vec![2, 3]);
        assert_eq!(error_lines(&upload), vec![4]);
    }

    #[test]
    fn title_lines_above_the_header_are_skipped() {
        let upload = parse(
            "Anytown District Council\nSpending over £500: March 2025\n\n\
             Date,Amount,Expense Area\n31/03/2025,600,Parks\n",
        );
        assert!(upload.errors.is_empty());
        assert_eq!(lines_of(&upload), vec![5]);
    }

    #[test]
    fn missing_columns_are_named_with_the_headers_found() {
        let error = file_error(b"Date,Supplier,Cost\n31/03/2025,Acme,600\n");
        assert_eq!(
            error,
            SpendFileError::MissingColumns {
                missing: vec!["amount", "expense area"],
                found: vec!["Date".into(), "Supplier".into(), "Cost".into()],
            }
        );
        assert_eq!(
            error.to_string(),
            "the file has no column for the amount (e.g. 'Amount' or 'Net Amount'), the \
             expense area (e.g. 'Expense Area' or 'Service Area'); the columns found were \
             'Date', 'Supplier', 'Cost'"
        );
    }

    #[test]
    fn missing_columns_report_the_row_that_came_closest() {
        let error = file_error(b"Spending over 500\nDate,Amount,Area\n31/03/2025,600,Parks\n");
        assert_eq!(
            error,
            SpendFileError::MissingColumns {
                missing: vec!["expense area"],
                found: vec!["Date".into(), "Amount".into(), "Area".into()],
            }
        );
    }

    #[test]
    fn problems_carry_a_message_id_and_its_arguments() {
        let upload =
            parse("Date,Amount,Expense Area\n31/13/2025,600,Parks\n31/03/2025,,\n31/03/2025,600\n");
        let said: Vec<(&str, Vec<(&str, String)>)> = upload
            .errors
            .iter()
            .map(|e| (e.id, e.args.clone()))
            .collect();
        assert_eq!(
            said,
            vec![
                (
                    "spend-line-date-invalid",
                    vec![
                        ("line", "2".into()),
                        ("value", "31/13/2025".into()),
                        ("column", "Date".into())
                    ]
                ),
                (
                    "spend-line-amount-empty",
                    vec![("line", "3".into()), ("column", "Amount".into())]
                ),
                (
                    "spend-line-area-empty",
                    vec![("line", "3".into()), ("column", "Expense Area".into())]
                ),
                (
                    "spend-line-width-comma",
                    vec![
                        ("line", "4".into()),
                        ("fields", "2".into()),
                        ("width", "3".into())
                    ]
                ),
            ]
        );

        let missing = file_error(b"Date,Supplier,Cost\n31/03/2025,Acme,600\n");
        assert_eq!(missing.id(), "spend-file-missing-columns");
        assert_eq!(
            missing.args(),
            vec![
                ("missing", "amount-expense-area".into()),
                ("found", "'Date', 'Supplier', 'Cost'".into())
            ]
        );
        let none_found = SpendFileError::MissingColumns {
            missing: vec!["date", "amount", "expense area"],
            found: Vec::new(),
        };
        assert_eq!(none_found.id(), "spend-file-missing-columns-none-found");
        assert!(
            none_found
                .to_string()
                .ends_with("the columns found were none")
        );

        let pdf = file_error(b"%PDF-1.7\n");
        assert_eq!(
            (pdf.id(), pdf.args()),
            ("spend-file-not-csv", vec![("kind", "pdf".into())])
        );
        let html = file_error(b"<html><body>Sign in</body></html>");
        assert_eq!(html.args(), vec![("kind", "html".to_string())]);
        assert_eq!(SpendFileError::Empty.id(), "spend-file-empty");
        assert!(SpendFileError::NotText.args().is_empty());
    }

    #[test]
    fn semicolon_and_tab_separated_files_are_read() {
        let semicolons = parse("Date;Amount;Expense Area\n31/03/2025;600;Parks\n");
        assert_eq!(semicolons.lines[0].amount_pence, 60_000);
        let tabs = parse("Date\tAmount\tExpense Area\n31/03/2025\t\"1,000\"\tParks\n");
        assert_eq!(tabs.lines[0].amount_pence, 100_000);
    }

    #[test]
    fn a_semicolon_file_missing_a_column_shows_its_headers_split() {
        let error = file_error(b"Date;Amount;Cost Centre\n31/03/2025;600;X\n");
        assert_eq!(
            error,
            SpendFileError::MissingColumns {
                missing: vec!["expense area"],
                found: vec!["Date".into(), "Amount".into(), "Cost Centre".into()],
            }
        );
    }

    #[test]
    fn crlf_file_with_blank_lines_and_multi_line_fields() {
        let text = "\r\n\r\nDate,Amount,Expense Area,Description\r\n\
                    31/03/2025,600,Parks,\"one\r\ntwo\r\n\r\nthree\"\r\n\
                    \r\n\
                    31/03/2025,oops,Parks,\r\n\
                    ,,,\r\n\
                    01/04/2025,700,Parks,\"x\"\r\n";
        let upload = parse(text);
        assert_eq!(lines_of(&upload), vec![4, 11]);
        assert_eq!(upload.lines[0].description, "one\r\ntwo\r\n\r\nthree");
        assert_eq!(error_lines(&upload), vec![9]);
        assert!(
            upload.errors[0]
                .message
                .starts_with("line 9: the amount 'oops'")
        );
    }

    #[test]
    fn a_header_with_no_rows_is_an_empty_upload() {
        let upload = parse("Date,Amount,Expense Area\n");
        assert_eq!(upload, SpendUpload::default());
    }

    #[test]
    fn empty_files() {
        for bytes in [&b""[..], b"   \n\r\n", b"\xEF\xBB\xBF", b",,,\n,,\n"] {
            assert_eq!(file_error(bytes), SpendFileError::Empty, "{bytes:?}");
        }
    }

    #[test]
    fn files_that_are_not_csv() {
        let cases: [(&[u8], &str); 5] = [
            (b"PK\x03\x04rest of zip", "(.xlsx or .ods)"),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1...", "(.xls)"),
            (b"%PDF-1.7\n", "a PDF"),
            (b"\xFF\xFED\x00a\x00", "UTF-16"),
            (b"  <!DOCTYPE html><html>", "web page"),
        ];
        for (bytes, expected) in cases {
            let error = file_error(bytes);
            assert!(
                matches!(error, SpendFileError::NotCsv { .. }),
                "{bytes:?}: {error:?}"
            );
            assert!(error.to_string().contains(expected), "{error}");
            assert!(error.to_string().contains("CSV UTF-8"));
        }
        assert_eq!(file_error(b"D\x00a\x00t\x00e\x00"), SpendFileError::NotText);
    }

    #[test]
    fn windows_1252_files_are_read() {
        let bytes = b"Date,Amount (\xA3),Supplier,Expense Area\r\n\
                      31/03/2025,\"\xA31,234.00\",Caf\xE9 \x96 Bar,Parks\r\n";
        let upload = match parse_spend_csv(bytes) {
            Ok(upload) => upload,
            Err(e) => panic!("{e}"),
        };
        assert!(upload.errors.is_empty(), "{:?}", upload.errors);
        assert_eq!(upload.lines[0].amount_pence, 123_400);
        assert_eq!(upload.lines[0].supplier, "Café – Bar");
        // "1,234.00" unquoted splits into two cells, so that row is refused, not misread.
        let unquoted = b"Date,Amount,Expense Area\n31/03/2025,\xA31,234.00,Parks\n";
        assert_eq!(
            parse_spend_csv(unquoted).map(|u| error_lines(&u)),
            Ok(vec![2])
        );
    }

    #[test]
    fn the_line_cap_stops_reading_with_an_error() {
        let text = "Date,Amount,Expense Area\n31/03/2025,1,A\n31/03/2025,2,A\n31/03/2025,3,A\n\
                    31/03/2025,4,A\n";
        let upload = match parse_with_cap(text.as_bytes(), 3) {
            Ok(upload) => upload,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(lines_of(&upload), vec![2, 3]);
        assert_eq!(
            upload.errors,
            vec![LineError {
                line: 4,
                message: "line 4: the file has more than 3 lines, so nothing from here on was \
                          read; split it into smaller files"
                    .into(),
                id: "spend-line-too-many",
                args: vec![("line", "4".into()), ("max", "3".into())],
            }]
        );
        assert_eq!(MAX_LINES, 1_000_000);
        assert_eq!(group_thousands(MAX_LINES), "1,000,000");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_000), "1,000");
    }

    #[test]
    fn amounts_that_parse() {
        let cases = [
            ("£1,234.56", 123_456),
            ("1234.5", 123_450),
            ("-12.00", -1_200),
            ("(12.00)", -1_200),
            ("(£12.00)", -1_200),
            (" 500 ", 50_000),
            ("\u{a0}500\u{a0}", 50_000),
            ("-£12", -1_200),
            ("£-12", -1_200),
            ("£ 12", 1_200),
            ("+12", 1_200),
            ("12.00-", -1_200),
            ("1,234,567.89", 123_456_789),
            ("0", 0),
            ("-0.00", 0),
            (".5", 50),
            ("5.", 500),
            ("007", 700),
            ("92233720368547758.07", i64::MAX),
            ("-92233720368547758.07", -i64::MAX),
        ];
        for (text, pence) in cases {
            assert_eq!(parse_amount_pence(text), Some(pence), "{text:?}");
        }
    }

    #[test]
    fn amounts_that_do_not() {
        let cases = [
            "",
            "  ",
            "£",
            "-",
            "()",
            ".",
            "12,3x",
            "abc",
            "1.234",
            "12.345",
            "1,23",
            "1,2345",
            ",123",
            "1,,234",
            "12.3.4",
            "1e3",
            "1 234",
            "1.234,56",
            "--12",
            "-12-",
            "(-12)",
            "-£-12",
            "$12",
            "12£",
            "12 CR",
            "92233720368547758.08",
            "99999999999999999999",
            "١٢",
        ];
        for text in cases {
            assert_eq!(parse_amount_pence(text), None, "{text:?}");
        }
    }

    #[test]
    fn dates_that_parse() {
        let cases = [
            ("31/03/2025", date!(2025 - 03 - 31)),
            ("31-03-2025", date!(2025 - 03 - 31)),
            ("31.03.2025", date!(2025 - 03 - 31)),
            ("2025-03-31", date!(2025 - 03 - 31)),
            ("2025/03/31", date!(2025 - 03 - 31)),
            ("31-Mar-2025", date!(2025 - 03 - 31)),
            ("31-MAR-25", date!(2025 - 03 - 31)),
            ("31 Mar 2025", date!(2025 - 03 - 31)),
            ("31 march 2025", date!(2025 - 03 - 31)),
            ("30 Sept 2024", date!(2024 - 09 - 30)),
            ("31-OCT-2025", date!(2025 - 10 - 31)),
            ("31/03/25", date!(2025 - 03 - 31)),
            ("1/4/2025", date!(2025 - 04 - 01)),
            ("29/02/2024", date!(2024 - 02 - 29)),
            (" 31/03/2025 ", date!(2025 - 03 - 31)),
            ("31/03/2025 00:00:00", date!(2025 - 03 - 31)),
            ("31/03/2025 12:00 AM", date!(2025 - 03 - 31)),
            ("2025-03-31T00:00:00", date!(2025 - 03 - 31)),
            ("2025-03-31T09:30:00.000Z", date!(2025 - 03 - 31)),
            ("31 Mar 2025 09:30", date!(2025 - 03 - 31)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_spend_date(text), Some(expected), "{text:?}");
        }
    }

    #[test]
    fn dates_that_do_not() {
        let cases = [
            "",
            "31",
            "31/03",
            "31/03/2025/1",
            "03/31/2025",
            "31/13/2025",
            "29/02/2025",
            "31/04/2025",
            "0/03/2025",
            "31/00/2025",
            "31/03/202",
            "31/03/20255",
            "31/03-2025",
            "+1/03/2025",
            "131/03/2025",
            "31/003/2025",
            "2025-03-310",
            "31 Ma 2025",
            "31 Marc 2025 x",
            "31-Mrz-2025",
            "45747",
            "yesterday",
            "00:00:00",
        ];
        for text in cases {
            assert_eq!(parse_spend_date(text), None, "{text:?}");
        }
    }
}
