//! What differs between SQLite and PostgreSQL, named once, so query code is written once as
//! ordinary generic functions over `D: Dialect`.
//!
//! sqlx's own generic API needs a where-clause per value type and per executor
//! (`for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>`, `String: Encode<'q, DB> +
//! Type<DB>`, …), and Rust does not carry such clauses from a trait to its users. Here every
//! one of them is a supertrait of [`Dialect`] (supertraits are carried), implemented once per
//! engine by a blanket impl that hands the call to sqlx's concrete code: generic code needs
//! only `D: Dialect`, and each call compiles to what the concrete code compiled to (no boxing,
//! no dynamic dispatch).

use crate::backends::{PostgresStore, SqliteStore, sqlite_time, to_micros};
use crate::events::{EventEngine, finish_pending_rebuilds};
use crate::{Backend, StorageResult};
use civic_domain::search::SearchQuery;
use futures_util::stream::BoxStream;
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo};
use sqlx::query::Query;
use sqlx::query_builder::Separated;
use sqlx::sqlite::{SqliteArgumentsBuffer, SqliteTypeInfo};
use sqlx::{Database, Decode, Encode, Pool, Postgres, QueryBuilder, Row, SqlSafeStr, Sqlite, Type};
use std::fmt::Display;
use std::future::Future;
use time::{Date, OffsetDateTime};

/// An instant as a bound value: fixed-width RFC 3339 text on SQLite (so text order is time
/// order), `timestamptz` on PostgreSQL, both at microsecond precision.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stamp(pub OffsetDateTime);

/// One engine's SQL dialect and sqlx driver, as generic query code sees it.
pub(crate) trait Dialect:
    Runs
    + Binds<i64>
    + Binds<i32>
    + Binds<f64>
    + Binds<Option<i32>>
    + Binds<Option<f64>>
    + for<'a> Binds<&'a String>
    + for<'a> Binds<&'a [u8]>
    + Binds<bool>
    + Binds<String>
    + for<'a> Binds<&'a str>
    + Binds<Option<String>>
    + for<'a> Binds<Option<&'a str>>
    + for<'a> Binds<&'a Option<String>>
    + Binds<Option<i64>>
    + Binds<Vec<u8>>
    + Binds<Date>
    + Binds<Option<Date>>
    + Binds<Stamp>
    + Binds<Option<Stamp>>
    + Reads<i64>
    + Reads<i32>
    + Reads<bool>
    + Reads<String>
    + Reads<Option<String>>
    + Reads<Option<i64>>
    + Reads<Option<i32>>
    + Reads<Option<f64>>
    + Reads<Vec<u8>>
    + Reads<Date>
    + Reads<Option<Date>>
    + Reads<OffsetDateTime>
    + Reads<Option<OffsetDateTime>>
{
    /// A query in this dialect, to bind and run (sqlx's `query` cannot tell the engine from
    /// generic code until the query runs).
    fn query(sql: impl SqlSafeStr) -> Query<'static, Self, Self::Arguments> {
        sqlx::query(sql)
    }

    /// Starts a write transaction: SQLite takes its write lock at once (`BEGIN IMMEDIATE`),
    /// so a transaction that reads first cannot fail to upgrade later.
    const BEGIN_WRITE: &'static str;
    /// Appended to a `SELECT` that must lock the rows it reads until commit (empty on SQLite,
    /// where the write transaction already excludes other writers).
    const FOR_UPDATE: &'static str;
    /// Like [`Dialect::FOR_UPDATE`], but lets other transactions insert rows that reference
    /// the locked ones.
    const FOR_NO_KEY_UPDATE: &'static str;
    /// Like [`Dialect::FOR_UPDATE`], locking only the rows of the table named `alias` in a
    /// join.
    fn for_update_of(alias: &str) -> String;
    /// Appended to a `SELECT` that claims rows for this transaction, passing over rows
    /// another has claimed (empty on SQLite, where one writer runs at a time).
    const SKIP_LOCKED: &'static str;
    /// Takes a transaction-scoped lock on `$1`'s name, so writers to one register (or other
    /// named thing) queue behind each other; on SQLite a no-op with the same statement count.
    const LOCK_NAME: &'static str;
    /// Whether the planner needs its statistics refreshed after a table grows a lot inside
    /// one process's work (PostgreSQL plans by them; SQLite's planner does not need them).
    const REFRESHES_STATISTICS: bool;
    /// Whether a list of rows is read fastest as one JSON row: true on SQLite, where each
    /// row is a hand-over between threads; false on PostgreSQL, where building the JSON cost
    /// the server about as much as finding the rows.
    const LISTS_AS_JSON: bool;
    /// The aggregate joining a group's texts with a separator (`…(text, ',')`).
    const JOIN_TEXTS: &'static str;
    /// Joins a service (`s`) to its full-text index where that is a table of its own.
    const SERVICE_SEARCH_JOIN: &'static str;
    /// Written before a column so that its condition uses no index: on SQLite a search
    /// must be driven by the full-text index, not by `services (status, id)` probing the
    /// full-text table once a service (2.4 s to count 9,450 matches among 90,000).
    const UNINDEXED: &'static str;
    /// A spend line's supplier as suppliers' spend names are matched to it, written as the
    /// expression index of migration 0037 is (`civic_domain::supplier::spend_key`).
    const SPEND_KEY: &'static str;
    /// The collation that orders text in Welsh A–Z order (ch after c, ll after l…).
    const WELSH_COLLATION: &'static str;
    /// The condition that a service (`s`) matches the search, as the engine writes it.
    fn push_service_match(sql: &mut QueryBuilder<Self>, query: &SearchQuery);
    /// An expression ordering the best matches first (ascending).
    fn push_service_rank(sql: &mut QueryBuilder<Self>, query: &SearchQuery);
    /// The condition that a dataset (`d`) has `query` in the text of `field` (title,
    /// description, or anywhere searched), as the engine writes it.
    fn push_catalogue_match(
        sql: &mut QueryBuilder<Self>,
        field: CatalogueText,
        query: &SearchQuery,
    );
    /// A dataset's (`d`) relevance to any of `queries`: higher is better, 0 for none.
    fn push_catalogue_rank(sql: &mut QueryBuilder<Self>, queries: &[SearchQuery]);
    /// A stored instant (`column`) written as registers write it: RFC 3339, whole seconds, `Z`.
    fn rfc3339_seconds(column: &str) -> String;
    /// The condition that the JSON object in `column` has `field` equal to `value`, or
    /// holding it in a list. `field` must be a register field's name (letters, digits and
    /// hyphens), as it is written into the JSON path.
    fn push_json_field_has(sql: &mut QueryBuilder<Self>, column: &str, field: &str, value: &str);
    /// The function building a JSON object from name and value pairs.
    const JSON_OBJECT: &'static str;
    /// The function building a JSON array from its arguments.
    const JSON_ARRAY: &'static str;
    /// A blob `column` as hexadecimal text.
    fn hex(column: &str) -> String;
    /// Opens and closes the aggregate gathering a group's JSON values into one array as text
    /// (`[]` for no rows); an `ORDER BY` may go before the close.
    const JSON_ARRAY_OF: (&'static str, &'static str);
    /// A floating-point `column` as text that parses back to the same number (NULL stays
    /// NULL): JSON numbers would lose digits on SQLite, which writes 15.
    fn real_text(column: &str) -> String;
    /// Pushes a row source `(SELECT … AS c0, … AS c1, …)` over `rows`, a JSON array of arrays
    /// bound as one value, column `i` of type `types[i]`: a batch of thousands of rows then
    /// binds one value, where binding each value cost more than inserting it.
    fn push_json_table(sql: &mut QueryBuilder<Self>, rows: String, types: &[JsonColumn]) {
        sql.push("(SELECT ");
        for (i, ty) in types.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.push(Self::json_element(i, *ty))
                .push(format!(" AS c{i}"));
        }
        sql.push(" FROM ")
            .push(Self::JSON_ELEMENTS.0)
            .arg(rows)
            .push(Self::JSON_ELEMENTS.1)
            .push(")");
    }
    /// Opens and closes the table function listing a bound JSON array's elements as `value`.
    const JSON_ELEMENTS: (&'static str, &'static str);
    /// Element `index` of the JSON array `value`, as SQL of type `ty`.
    fn json_element(index: usize, ty: JsonColumn) -> String;
}

/// The SQL type of a column of [`Dialect::push_json_table`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonColumn {
    /// Text (a JSON string).
    Text,
    /// A 64-bit integer (a JSON number).
    BigInt,
}

/// Reads a query whose one row is a JSON array as text (built with
/// [`Dialect::JSON_ARRAY_OF`]): one value crosses from the database instead of a row at a
/// time, which on SQLite is a hand-over between threads per row.
pub(crate) async fn json_rows<D: Dialect, T: serde::de::DeserializeOwned>(
    conn: &mut D::Connection,
    mut sql: QueryBuilder<D>,
) -> StorageResult<Vec<T>> {
    let row = sql.build().one(conn).await?;
    let text: String = row.col(0usize)?;
    serde_json::from_str(&text)
        .map_err(|e| crate::StorageError::Corrupt(format!("rows as JSON: {e}")))
}

/// Which of a dataset's texts a catalogue search looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CatalogueText {
    /// The title.
    Title,
    /// The description.
    Notes,
    /// Everything searched: title, name, description, keywords, publisher, place, theme.
    Anywhere,
}

/// sqlx's executors, which generic code cannot call without a bound per connection type.
pub(crate) trait Runs: Database {
    /// Runs a query and returns every row.
    fn all<'e>(
        query: Query<'e, Self, Self::Arguments>,
        conn: &'e mut Self::Connection,
    ) -> impl Future<Output = sqlx::Result<Vec<Self::Row>>> + Send + 'e;

    /// Runs a query and returns its first row, if any.
    fn optional<'e>(
        query: Query<'e, Self, Self::Arguments>,
        conn: &'e mut Self::Connection,
    ) -> impl Future<Output = sqlx::Result<Option<Self::Row>>> + Send + 'e;

    /// Runs a query and hands its rows over as they come.
    fn stream<'e>(
        query: Query<'e, Self, Self::Arguments>,
        conn: &'e mut Self::Connection,
    ) -> BoxStream<'e, sqlx::Result<Self::Row>>;

    /// Runs a statement and returns how many rows it changed.
    fn run<'e>(
        query: Query<'e, Self, Self::Arguments>,
        conn: &'e mut Self::Connection,
    ) -> impl Future<Output = sqlx::Result<u64>> + Send + 'e;
}

/// Binding a `T` to a query, as the engine encodes it.
pub(crate) trait Binds<T>: Database {
    /// Binds the next `$n` of a query.
    fn bind(query: Query<'_, Self, Self::Arguments>, value: T) -> Query<'_, Self, Self::Arguments>;
    /// Pushes a placeholder bound to `value` onto a built query.
    fn push(builder: &mut QueryBuilder<Self>, value: T);
    /// Pushes a separator (if one is due) and a placeholder bound to `value`.
    fn push_separated<Sep: Display>(list: &mut Separated<'_, Self, Sep>, value: T);
    /// Pushes a placeholder bound to `value` onto a list, with no separator before it.
    fn push_unseparated<Sep: Display>(list: &mut Separated<'_, Self, Sep>, value: T);
}

/// Reading a `T` from a column of a row, as the engine decodes it.
pub(crate) trait Reads<T>: Database {
    /// The named column's value.
    fn read(row: &Self::Row, column: &str) -> sqlx::Result<T>;
    /// The value of the column at `index`.
    fn read_at(row: &Self::Row, index: usize) -> sqlx::Result<T>;
}

/// A store's pools, for the feature impls written once over every engine.
pub(crate) trait Engine: Send + Sync + 'static {
    /// The store's dialect, with its own performance-data queries.
    type Db: EventEngine + crate::registers::RegisterEngine;
    /// The engine, for logs and health checks.
    const BACKEND: Backend;
    /// Brings the schema up to date (the migrations are embedded per engine).
    fn run_migrations(&self) -> impl Future<Output = StorageResult<()>> + Send;
    /// The pool reads use.
    fn read_pool(&self) -> &Pool<Self::Db>;
    /// The pool write transactions use.
    fn write_pool(&self) -> &Pool<Self::Db>;
    /// Running sums of services' places, per scope (shared by the store's clones).
    fn place_indexes(&self) -> &crate::place_index::PlaceIndexes;
    /// The national list's order (shared by the store's clones).
    fn service_orders(&self) -> &crate::place_index::ServiceOrders;

    /// A connection for reads.
    fn read_conn(&self) -> impl Future<Output = StorageResult<PoolConnection<Self::Db>>> + Send {
        async { Ok(self.read_pool().acquire().await?) }
    }

    /// A connection for writes outside a transaction (on SQLite, the one writer).
    fn write_conn(&self) -> impl Future<Output = StorageResult<PoolConnection<Self::Db>>> + Send {
        async { Ok(self.write_pool().acquire().await?) }
    }
}

impl Engine for SqliteStore {
    type Db = Sqlite;
    const BACKEND: Backend = Backend::Sqlite;
    async fn run_migrations(&self) -> StorageResult<()> {
        sqlx::migrate!("./migrations/sqlite")
            .run(self.pool())
            .await?;
        finish_pending_rebuilds(self).await
    }
    fn read_pool(&self) -> &Pool<Sqlite> {
        self.pool()
    }
    fn write_pool(&self) -> &Pool<Sqlite> {
        self.writer()
    }
    fn place_indexes(&self) -> &crate::place_index::PlaceIndexes {
        SqliteStore::place_indexes(self)
    }
    fn service_orders(&self) -> &crate::place_index::ServiceOrders {
        SqliteStore::service_orders(self)
    }
}

impl Engine for PostgresStore {
    type Db = Postgres;
    const BACKEND: Backend = Backend::Postgres;
    async fn run_migrations(&self) -> StorageResult<()> {
        sqlx::migrate!("./migrations/postgres")
            .run(self.pool())
            .await?;
        finish_pending_rebuilds(self).await
    }
    fn read_pool(&self) -> &Pool<Postgres> {
        self.pool()
    }
    fn write_pool(&self) -> &Pool<Postgres> {
        self.writer()
    }
    fn place_indexes(&self) -> &crate::place_index::PlaceIndexes {
        PostgresStore::place_indexes(self)
    }
    fn service_orders(&self) -> &crate::place_index::ServiceOrders {
        PostgresStore::service_orders(self)
    }
}

/// Query methods for generic code: `bind` and sqlx's executors need bounds per engine that
/// only [`Dialect`] supplies, so these take its word for them.
pub(crate) trait QueryExt<D: Dialect>: Sized {
    /// Binds the next `$n`.
    fn arg<T>(self, value: T) -> Self
    where
        D: Binds<T>;
    /// Every row.
    fn all(self, conn: &mut D::Connection) -> impl Future<Output = StorageResult<Vec<D::Row>>>;
    /// The first row, if any.
    fn optional(
        self,
        conn: &mut D::Connection,
    ) -> impl Future<Output = StorageResult<Option<D::Row>>>;
    /// The first row; `NotFound` if there is none.
    fn one(self, conn: &mut D::Connection) -> impl Future<Output = StorageResult<D::Row>>;
    /// Its rows as they come.
    fn stream<'e>(self, conn: &'e mut D::Connection) -> BoxStream<'e, sqlx::Result<D::Row>>
    where
        Self: 'e;
    /// Runs a statement; how many rows it changed.
    fn run(self, conn: &mut D::Connection) -> impl Future<Output = StorageResult<u64>>;
}

impl<'q, D: Dialect> QueryExt<D> for Query<'q, D, D::Arguments> {
    fn arg<T>(self, value: T) -> Self
    where
        D: Binds<T>,
    {
        D::bind(self, value)
    }

    async fn all(self, conn: &mut D::Connection) -> StorageResult<Vec<D::Row>> {
        Ok(D::all(self, conn).await?)
    }

    async fn optional(self, conn: &mut D::Connection) -> StorageResult<Option<D::Row>> {
        Ok(D::optional(self, conn).await?)
    }

    async fn one(self, conn: &mut D::Connection) -> StorageResult<D::Row> {
        D::optional(self, conn)
            .await?
            .ok_or(crate::StorageError::NotFound)
    }

    fn stream<'e>(self, conn: &'e mut D::Connection) -> BoxStream<'e, sqlx::Result<D::Row>>
    where
        Self: 'e,
    {
        D::stream(self, conn)
    }

    async fn run(self, conn: &mut D::Connection) -> StorageResult<u64> {
        Ok(D::run(self, conn).await?)
    }
}

/// `arg` for built queries.
pub(crate) trait BuilderExt<D: Dialect> {
    /// Pushes a placeholder bound to `value`.
    fn arg<T>(&mut self, value: T) -> &mut Self
    where
        D: Binds<T>;
}

impl<D: Dialect> BuilderExt<D> for QueryBuilder<D> {
    fn arg<T>(&mut self, value: T) -> &mut Self
    where
        D: Binds<T>,
    {
        D::push(self, value);
        self
    }
}

impl<D: Dialect, Sep: Display> BuilderExt<D> for Separated<'_, D, Sep> {
    fn arg<T>(&mut self, value: T) -> &mut Self
    where
        D: Binds<T>,
    {
        D::push_separated(self, value);
        self
    }
}

/// `arg_unseparated` for lists, as `push_bind_unseparated` is for concrete ones.
pub(crate) trait SeparatedExt<D: Dialect> {
    /// Pushes a placeholder bound to `value`, with no separator before it.
    fn arg_unseparated<T>(&mut self, value: T) -> &mut Self
    where
        D: Binds<T>;
}

impl<D: Dialect, Sep: Display> SeparatedExt<D> for Separated<'_, D, Sep> {
    fn arg_unseparated<T>(&mut self, value: T) -> &mut Self
    where
        D: Binds<T>,
    {
        D::push_unseparated(self, value);
        self
    }
}

/// A column by name or by position.
pub(crate) trait Column: Copy {
    /// This column's value in `row`.
    fn read<D: Reads<T>, T>(self, row: &D::Row) -> sqlx::Result<T>;
}

impl Column for &str {
    fn read<D: Reads<T>, T>(self, row: &D::Row) -> sqlx::Result<T> {
        D::read(row, self)
    }
}

impl Column for usize {
    fn read<D: Reads<T>, T>(self, row: &D::Row) -> sqlx::Result<T> {
        D::read_at(row, self)
    }
}

/// `col` for rows of generic code, as `try_get` is for concrete rows.
pub(crate) trait RowExt<D: Database> {
    /// A column's value, decoded as `T`.
    fn col<T>(&self, column: impl Column) -> StorageResult<T>
    where
        D: Reads<T>;
}

impl<D: Database<Row = R>, R: Row<Database = D>> RowExt<D> for R {
    fn col<T>(&self, column: impl Column) -> StorageResult<T>
    where
        D: Reads<T>,
    {
        Ok(column.read::<D, T>(self)?)
    }
}

/// The sqlx calls behind [`Runs`], [`Binds`] and [`Reads`] for one concrete engine; a
/// macro only because the two engines' impls are token for token the same.
macro_rules! engine {
    ($db:ty) => {
        // `'t` is left free (no associated type needs it) so that borrowed values with an
        // `Option` round them, which sqlx encodes only for values that outlive `'t`, bind.
        impl<'t, T> Binds<T> for $db
        where
            T: Encode<'t, $db> + Type<$db>,
        {
            fn bind(
                query: Query<'_, Self, Self::Arguments>,
                value: T,
            ) -> Query<'_, Self, Self::Arguments> {
                query.bind(value)
            }
            fn push(builder: &mut QueryBuilder<Self>, value: T) {
                builder.push_bind(value);
            }
            fn push_separated<Sep: Display>(list: &mut Separated<'_, Self, Sep>, value: T) {
                list.push_bind(value);
            }
            fn push_unseparated<Sep: Display>(list: &mut Separated<'_, Self, Sep>, value: T) {
                list.push_bind_unseparated(value);
            }
        }

        impl Runs for $db {
            fn all<'e>(
                query: Query<'e, Self, Self::Arguments>,
                conn: &'e mut Self::Connection,
            ) -> impl Future<Output = sqlx::Result<Vec<Self::Row>>> + Send + 'e {
                query.fetch_all(conn)
            }
            fn optional<'e>(
                query: Query<'e, Self, Self::Arguments>,
                conn: &'e mut Self::Connection,
            ) -> impl Future<Output = sqlx::Result<Option<Self::Row>>> + Send + 'e {
                query.fetch_optional(conn)
            }
            fn stream<'e>(
                query: Query<'e, Self, Self::Arguments>,
                conn: &'e mut Self::Connection,
            ) -> BoxStream<'e, sqlx::Result<Self::Row>> {
                query.fetch(conn)
            }
            async fn run<'e>(
                query: Query<'e, Self, Self::Arguments>,
                conn: &'e mut Self::Connection,
            ) -> sqlx::Result<u64> {
                Ok(query.execute(conn).await?.rows_affected())
            }
        }

        impl<T> Reads<T> for $db
        where
            T: for<'r> Decode<'r, $db> + Type<$db>,
        {
            fn read(row: &Self::Row, column: &str) -> sqlx::Result<T> {
                row.try_get(column)
            }
            fn read_at(row: &Self::Row, index: usize) -> sqlx::Result<T> {
                row.try_get(index)
            }
        }
    };
}

engine!(Sqlite);
engine!(Postgres);

impl Dialect for Sqlite {
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
    const FOR_UPDATE: &'static str = "";
    const FOR_NO_KEY_UPDATE: &'static str = "";
    const SKIP_LOCKED: &'static str = "";
    const LOCK_NAME: &'static str = "SELECT $1";

    fn for_update_of(_alias: &str) -> String {
        String::new()
    }

    const REFRESHES_STATISTICS: bool = false;
    const LISTS_AS_JSON: bool = true;
    const JOIN_TEXTS: &'static str = "group_concat";
    const SERVICE_SEARCH_JOIN: &'static str = " JOIN services_fts ON services_fts.rowid = s.id ";
    const UNINDEXED: &'static str = "+";
    const SPEND_KEY: &'static str = "UPPER(TRIM(l.supplier))";
    // Registered on every connection (`backends.rs`) from `civic_domain::collation`.
    const WELSH_COLLATION: &'static str = "welsh";

    fn push_service_match(sql: &mut QueryBuilder<Self>, query: &SearchQuery) {
        sql.push("services_fts MATCH ").arg(query.to_fts5());
    }

    fn push_service_rank(sql: &mut QueryBuilder<Self>, _query: &SearchQuery) {
        // Lower is better; a word in the name counts most, then code and keywords.
        sql.push("bm25(services_fts, 10.0, 5.0, 5.0, 1.0, 10.0, 1.0)");
    }

    fn push_catalogue_match(
        sql: &mut QueryBuilder<Self>,
        field: CatalogueText,
        query: &SearchQuery,
    ) {
        let expression = match field {
            CatalogueText::Title => format!("{{title_text}} : ({})", query.to_fts5()),
            CatalogueText::Notes => format!("{{notes_text}} : ({})", query.to_fts5()),
            CatalogueText::Anywhere => query.to_fts5(),
        };
        sql.push("d.id IN (SELECT rowid FROM catalogue_fts WHERE catalogue_fts MATCH ")
            .arg(expression)
            .push(")");
    }

    fn rfc3339_seconds(column: &str) -> String {
        // Instants are stored as fixed-width RFC 3339 text with microseconds.
        format!("substr({column}, 1, 19) || 'Z'")
    }

    fn push_json_field_has(sql: &mut QueryBuilder<Self>, column: &str, field: &str, value: &str) {
        // json_each over a path to a single value gives that value as its one row.
        sql.push(format!("EXISTS (SELECT 1 FROM json_each({column}, "))
            .arg(format!("$.\"{field}\""))
            .push(") AS j WHERE j.value = ")
            .arg(value.to_string())
            .push(")");
    }

    const JSON_OBJECT: &'static str = "json_object";
    const JSON_ARRAY: &'static str = "json_array";

    fn hex(column: &str) -> String {
        format!("hex({column})")
    }
    const JSON_ARRAY_OF: (&'static str, &'static str) = ("json_group_array(", ")");

    fn real_text(column: &str) -> String {
        format!("CASE WHEN {column} IS NULL THEN NULL ELSE printf('%!.17g', {column}) END")
    }

    const JSON_ELEMENTS: (&'static str, &'static str) = ("json_each(", ")");

    fn json_element(index: usize, _ty: JsonColumn) -> String {
        // ->> gives a JSON string as TEXT and a JSON integer as INTEGER already.
        format!("value ->> {index}")
    }

    fn push_catalogue_rank(sql: &mut QueryBuilder<Self>, queries: &[SearchQuery]) {
        let any = queries
            .iter()
            .map(|q| format!("({})", q.to_fts5()))
            .collect::<Vec<_>>()
            .join(" OR ");
        // bm25 is lower for better matches; a word in the title counts most.
        sql.push(
            "COALESCE((SELECT -bm25(catalogue_fts, 10.0, 2.0, 1.0) FROM catalogue_fts \
             WHERE catalogue_fts MATCH ",
        )
        .arg(any)
        .push(" AND catalogue_fts.rowid = d.id), 0)");
    }
}

impl Dialect for Postgres {
    const BEGIN_WRITE: &'static str = "BEGIN";
    const FOR_UPDATE: &'static str = " FOR UPDATE";
    const FOR_NO_KEY_UPDATE: &'static str = " FOR NO KEY UPDATE";
    const SKIP_LOCKED: &'static str = " FOR UPDATE SKIP LOCKED";
    const LOCK_NAME: &'static str = "SELECT pg_advisory_xact_lock(hashtext($1))";

    fn for_update_of(alias: &str) -> String {
        format!(" FOR UPDATE OF {alias}")
    }

    const REFRESHES_STATISTICS: bool = true;
    const LISTS_AS_JSON: bool = false;
    const JOIN_TEXTS: &'static str = "string_agg";
    const SERVICE_SEARCH_JOIN: &'static str = " ";
    const UNINDEXED: &'static str = "";
    const SPEND_KEY: &'static str = "UPPER(TRIM(l.supplier) COLLATE \"C\")";
    // ICU's Welsh (CLDR), in every PostgreSQL built with ICU, Debian's included.
    const WELSH_COLLATION: &'static str = "\"cy-x-icu\"";

    fn push_service_match(sql: &mut QueryBuilder<Self>, query: &SearchQuery) {
        sql.push("s.search_vector @@ to_tsquery('english', ")
            .arg(query.to_tsquery())
            .push(")");
    }

    fn push_service_rank(sql: &mut QueryBuilder<Self>, query: &SearchQuery) {
        sql.push("-ts_rank(s.search_vector, to_tsquery('english', ")
            .arg(query.to_tsquery())
            .push("))");
    }

    fn push_catalogue_match(
        sql: &mut QueryBuilder<Self>,
        field: CatalogueText,
        query: &SearchQuery,
    ) {
        let weights = match field {
            CatalogueText::Title => "A",
            CatalogueText::Notes => "B",
            CatalogueText::Anywhere => "",
        };
        sql.push("d.search_vector @@ to_tsquery('english', ")
            .arg(query.to_tsquery_weighted(weights))
            .push(")");
    }

    fn rfc3339_seconds(column: &str) -> String {
        format!("to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
    }

    fn push_json_field_has(sql: &mut QueryBuilder<Self>, column: &str, field: &str, value: &str) {
        // A JSON string contains itself, and an array contains each of its elements.
        sql.push(format!("({column})::jsonb -> "))
            .arg(field.to_string())
            .push(" @> to_jsonb(")
            .arg(value.to_string())
            .push("::text)");
    }

    const JSON_OBJECT: &'static str = "json_build_object";
    const JSON_ARRAY: &'static str = "json_build_array";

    fn hex(column: &str) -> String {
        format!("encode({column}, 'hex')")
    }
    const JSON_ARRAY_OF: (&'static str, &'static str) = ("COALESCE(json_agg(", "), '[]')::text");

    fn real_text(column: &str) -> String {
        // PostgreSQL 12 and later write the shortest text that reads back exactly.
        format!("{column}::text")
    }

    const JSON_ELEMENTS: (&'static str, &'static str) =
        ("json_array_elements(CAST(", " AS json)) AS j (value)");

    fn json_element(index: usize, ty: JsonColumn) -> String {
        match ty {
            JsonColumn::Text => format!("(value ->> {index})"),
            JsonColumn::BigInt => format!("CAST(value ->> {index} AS BIGINT)"),
        }
    }

    fn push_catalogue_rank(sql: &mut QueryBuilder<Self>, queries: &[SearchQuery]) {
        let any = queries
            .iter()
            .map(|q| format!("({})", q.to_tsquery()))
            .collect::<Vec<_>>()
            .join(" | ");
        // Weights D, C, B, A: everything else, unused, description, title.
        sql.push("ts_rank('{0.1, 0.2, 0.4, 1.0}', d.search_vector, to_tsquery('english', ")
            .arg(any)
            .push("))");
    }
}

impl Type<Sqlite> for Stamp {
    fn type_info() -> SqliteTypeInfo {
        <String as Type<Sqlite>>::type_info()
    }
}

impl Encode<'_, Sqlite> for Stamp {
    fn encode_by_ref(&self, buf: &mut SqliteArgumentsBuffer) -> Result<IsNull, BoxDynError> {
        Encode::<Sqlite>::encode(sqlite_time(self.0), buf)
    }
}

impl Type<Postgres> for Stamp {
    fn type_info() -> PgTypeInfo {
        <OffsetDateTime as Type<Postgres>>::type_info()
    }
}

impl Encode<'_, Postgres> for Stamp {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        Encode::<Postgres>::encode(to_micros(self.0), buf)
    }
}
