//! PostgreSQL's binary COPY format, written (bulk inserts) and read (bulk reads): no
//! statement to plan per batch and no per-row cost in sqlx. The format: a signature and
//! header, then per row a 16-bit field count and each field as a 32-bit length (-1 for NULL)
//! and its bytes, all big-endian; a count of -1 ends it.

use crate::{StorageError, StorageResult};
use time::OffsetDateTime;

const SIGNATURE: &[u8] = b"PGCOPY\n\xff\r\n\0";

/// Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01.
const EPOCH_2000_MICROS: i128 = 946_684_800_000_000;

fn corrupt(what: impl std::fmt::Display) -> StorageError {
    StorageError::Corrupt(what.to_string())
}

/// Rows being written in the binary COPY format.
pub(crate) struct CopyRows {
    out: Vec<u8>,
}

impl CopyRows {
    /// Starts the data, with room for `capacity` bytes of rows.
    pub(crate) fn new(capacity: usize) -> Self {
        let mut out = Vec::with_capacity(capacity + 21);
        out.extend_from_slice(SIGNATURE);
        out.extend_from_slice(&0i32.to_be_bytes()); // flags
        out.extend_from_slice(&0i32.to_be_bytes()); // header extension
        CopyRows { out }
    }

    /// Starts a row of `fields` fields.
    pub(crate) fn row(&mut self, fields: i16) {
        self.out.extend_from_slice(&fields.to_be_bytes());
    }

    /// A field's bytes, or NULL.
    pub(crate) fn field(&mut self, bytes: Option<&[u8]>) {
        match bytes {
            Some(bytes) => {
                let length = i32::try_from(bytes.len()).unwrap_or(i32::MAX);
                self.out.extend_from_slice(&length.to_be_bytes());
                self.out.extend_from_slice(bytes);
            }
            None => self.out.extend_from_slice(&(-1i32).to_be_bytes()),
        }
    }

    /// A `bigint`, or NULL.
    pub(crate) fn bigint(&mut self, value: Option<i64>) {
        self.field(value.map(i64::to_be_bytes).as_ref().map(|b| b.as_slice()));
    }

    /// An `integer`, or NULL.
    pub(crate) fn int(&mut self, value: Option<i32>) {
        self.field(value.map(i32::to_be_bytes).as_ref().map(|b| b.as_slice()));
    }

    /// A `text`, or NULL.
    pub(crate) fn text(&mut self, value: Option<&str>) {
        self.field(value.map(str::as_bytes));
    }

    /// A `timestamptz` (microseconds since 2000-01-01 UTC), or NULL.
    pub(crate) fn instant(&mut self, value: Option<OffsetDateTime>) {
        self.bigint(value.map(|t| {
            let micros = t.unix_timestamp_nanos().div_euclid(1000) - EPOCH_2000_MICROS;
            i64::try_from(micros).unwrap_or(i64::MAX)
        }));
    }

    /// Ends the data.
    pub(crate) fn finish(mut self) -> Vec<u8> {
        self.out.extend_from_slice(&(-1i16).to_be_bytes());
        self.out
    }
}

/// Rows being read from the binary COPY format.
pub(crate) struct CopyFields<'a> {
    rest: &'a [u8],
}

impl<'a> CopyFields<'a> {
    /// Opens `data`, checking its signature and skipping its header.
    pub(crate) fn new(data: &'a [u8]) -> StorageResult<Self> {
        let rest = data
            .strip_prefix(SIGNATURE)
            .ok_or_else(|| corrupt("COPY data without its signature"))?;
        let mut fields = CopyFields { rest };
        fields.take(4)?; // flags
        let extension = u32::from_be_bytes(fields.array()?);
        fields.take(extension as usize)?;
        Ok(fields)
    }

    fn take(&mut self, n: usize) -> StorageResult<&'a [u8]> {
        if self.rest.len() < n {
            return Err(corrupt("COPY data cut short"));
        }
        let (head, rest) = self.rest.split_at(n);
        self.rest = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> StorageResult<[u8; N]> {
        self.take(N)?.try_into().map_err(corrupt)
    }

    /// The next row's fields (`None` for NULL), which must number `width`; `None` after
    /// the last row.
    pub(crate) fn next_row(
        &mut self,
        width: usize,
    ) -> StorageResult<Option<Vec<Option<&'a [u8]>>>> {
        let count = i16::from_be_bytes(self.array()?);
        if count == -1 {
            return Ok(None);
        }
        if usize::try_from(count).ok() != Some(width) {
            return Err(corrupt(format!("COPY row of {count} fields, not {width}")));
        }
        let mut row = Vec::with_capacity(width);
        for _ in 0..width {
            let length = i32::from_be_bytes(self.array()?);
            row.push(match usize::try_from(length) {
                Ok(n) => Some(self.take(n)?),
                Err(_) => None,
            });
        }
        Ok(Some(row))
    }
}

/// A binary `bigint` or `timestamptz` field (microseconds since 2000-01-01 UTC).
pub(crate) fn be_i64(field: Option<&[u8]>) -> StorageResult<i64> {
    let bytes: [u8; 8] = field
        .ok_or_else(|| corrupt("NULL where a number was due"))?
        .try_into()
        .map_err(corrupt)?;
    Ok(i64::from_be_bytes(bytes))
}

/// A binary `text` field.
pub(crate) fn text_of(field: Option<&[u8]>) -> StorageResult<&str> {
    std::str::from_utf8(field.ok_or_else(|| corrupt("NULL where text was due"))?).map_err(corrupt)
}

/// Runs a `COPY … TO STDOUT (FORMAT binary)` and gathers what it sends.
pub(crate) async fn copy_rows(
    conn: &mut sqlx::PgConnection,
    statement: &str,
) -> StorageResult<Vec<u8>> {
    use futures_util::StreamExt;
    let mut out = Vec::new();
    let mut chunks = conn.copy_out_raw(statement).await?;
    while let Some(chunk) = chunks.next().await {
        out.extend_from_slice(&chunk?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_written_read_back_field_by_field() {
        let at = time::macros::datetime!(2026-12-07 09:30:15.123456 UTC);
        let mut rows = CopyRows::new(64);
        rows.row(4);
        rows.bigint(Some(-7));
        rows.text(Some("dŵr\ttab"));
        rows.instant(Some(at));
        rows.int(None);
        let data = rows.finish();
        let mut fields = CopyFields::new(&data).unwrap();
        let row = fields.next_row(4).unwrap().unwrap();
        assert_eq!(be_i64(row[0]).unwrap(), -7);
        assert_eq!(text_of(row[1]).unwrap(), "dŵr\ttab");
        // 2026-12-07T09:30:15.123456Z in microseconds since 2000-01-01.
        let micros = (at.unix_timestamp_nanos() / 1000 - EPOCH_2000_MICROS) as i64;
        assert_eq!(be_i64(row[2]).unwrap(), micros);
        assert_eq!(row[3], None);
        assert!(fields.next_row(4).unwrap().is_none());
    }

    #[test]
    fn damaged_data_is_refused_not_misread() {
        assert!(CopyFields::new(b"COPY").is_err());
        let mut rows = CopyRows::new(8);
        rows.row(2);
        rows.bigint(Some(1));
        rows.bigint(Some(2));
        let data = rows.finish();
        let mut fields = CopyFields::new(&data).unwrap();
        assert!(fields.next_row(3).is_err(), "a row of the wrong width");
        let mut cut = CopyFields::new(&data[..data.len() - 6]).unwrap();
        assert!(cut.next_row(2).is_err(), "data cut short");
    }
}
