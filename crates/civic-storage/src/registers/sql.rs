//! `RegisterStore`, written once for every engine.

use crate::backends::now;
use crate::dialect::{BuilderExt, Dialect, Engine, JsonColumn, QueryExt, RowExt, Stamp};
use crate::registers::{NewEntry, RegisterHead, RegisterStore, StoredItem};
use crate::{StorageError, StorageResult};
use async_trait::async_trait;
use civic_domain::register::{Entry, Item, rfc3339_seconds};
use civic_translog::{EMPTY_ROOT, Frontier, Hash, NodeId, PrefetchedHashes, leaf_hash, root_nodes};
use sqlx::QueryBuilder;
use std::collections::{HashMap, HashSet};
use time::OffsetDateTime;

/// Fields indexed for look-ups, whatever the register (addresses by postcode, say).
pub const INDEXED_FIELDS: [&str; 2] = ["postcode", "uprn"];

/// Subtree hashes are stored from this level up (one node per 256 entries); lower ones are
/// hashed again from their entries when a root or proof needs them, as storing two nodes
/// per entry made them most of an import's writes.
pub const STORED_FROM_LEVEL: u32 = 8;

/// Rows per bulk statement: each statement binds its rows as one JSON array.
const BULK_ROWS: usize = 4096;

/// `rows` as the JSON array of arrays [`Dialect::push_json_table`] reads.
fn json_table<T: serde::Serialize>(rows: &[T]) -> StorageResult<String> {
    serde_json::to_string(rows).map_err(|e| StorageError::Corrupt(e.to_string()))
}

/// A register's size. MAX alone in its own SELECT reads one index entry; wrapped in COALESCE,
/// SQLite read every entry of the register, and a large import slowed as it grew.
const SIZE: &str =
    "SELECT COALESCE((SELECT MAX(number) FROM register_entries WHERE register = $1), 0)";

fn corrupt(what: impl std::fmt::Display) -> StorageError {
    StorageError::Corrupt(what.to_string())
}

fn to_u64(n: i64) -> StorageResult<u64> {
    u64::try_from(n).map_err(|_| corrupt(format!("negative entry number {n}")))
}

fn to_i64(n: u64) -> StorageResult<i64> {
    i64::try_from(n).map_err(|_| corrupt(format!("entry number {n} too large")))
}

fn hash_from(bytes: &[u8]) -> StorageResult<Hash> {
    Hash::from_slice(bytes).map_err(corrupt)
}

fn item_from(content: Option<String>) -> StorageResult<Option<Item>> {
    content
        .map(|c| serde_json::from_str(&c).map_err(corrupt))
        .transpose()
}

fn stored_item_from_row<D: Dialect>(row: &D::Row) -> StorageResult<StoredItem> {
    Ok(match item_from(row.col("content")?)? {
        Some(item) => StoredItem::Content(item),
        None => StoredItem::Redacted(item_from(row.col("redacted")?)?),
    })
}

fn entry_from_row<D: Dialect>(row: &D::Row) -> StorageResult<Entry> {
    Ok(Entry {
        number: to_u64(row.col("number")?)?,
        timestamp: row.col("appended_at")?,
        key: row.col("entry_key")?,
        item_hash: row.col("item_hash")?,
    })
}

/// Appends inside the caller's transaction, so a change and its register entry
/// commit together.
pub(crate) async fn append_on<D: Dialect>(
    conn: &mut D::Connection,
    register: &str,
    entries: &[NewEntry],
) -> StorageResult<RegisterHead> {
    D::query(D::LOCK_NAME).arg(register).run(&mut *conn).await?;
    let size: i64 = D::query(SIZE).arg(register).one(&mut *conn).await?.col(0)?;
    let size = to_u64(size)?;
    let prefetched = root_hashes::<D>(&mut *conn, register, size).await?;
    let mut frontier = Frontier::from_store(&prefetched, size).map_err(corrupt)?;
    let at = now().replace_nanosecond(0).unwrap_or_else(|_| now());
    let mut nodes: Vec<(NodeId, Hash)> = Vec::new();
    let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
    let before = current_items::<D>(&mut *conn, register, &keys).await?;
    let mut latest = before.clone();
    let mut appended: Vec<(Entry, &Item)> = Vec::new();
    // Each appended item's canonical JSON, hashed once and stored as it was hashed.
    let mut contents: Vec<String> = Vec::new();
    for new in entries {
        let content = new.item.canonical_json();
        let item_hash = civic_domain::register::item_hash(content.as_bytes());
        if latest.get(&new.key) == Some(&item_hash) {
            continue;
        }
        latest.insert(new.key.clone(), item_hash.clone());
        let entry = Entry {
            number: frontier.size() + 1,
            timestamp: at,
            key: new.key.clone(),
            item_hash,
        };
        frontier
            .append_with(leaf_hash(&entry.leaf_bytes()), |node, hash| {
                nodes.push((node, *hash))
            })
            .map_err(|_| corrupt("register is full"))?;
        appended.push((entry, &new.item));
        contents.push(content);
    }
    let item_ids = write_entries::<D>(&mut *conn, register, at, &appended, &contents).await?;
    write_records::<D>(&mut *conn, register, &appended, &before, &item_ids).await?;
    write_nodes::<D>(&mut *conn, register, &nodes).await?;
    // Each time a register doubles (from 1,024 entries on), the planner learns its size:
    // with statistics from when it was small, PostgreSQL looked keys up by scanning all of
    // the register's records, and setting up a hub's 90,000 services took minutes.
    let grown = frontier.size();
    if D::REFRESHES_STATISTICS && grown >= 1024 && grown.ilog2() > size.max(1).ilog2() {
        D::query("ANALYZE register_items, register_records, register_entries, register_nodes")
            .run(&mut *conn)
            .await?;
    }
    Ok(RegisterHead {
        register: register.to_string(),
        size: frontier.size(),
        root: frontier.root(),
        timestamp: if frontier.size() == 0 { None } else { Some(at) },
    })
}

/// Each key's current item hash, looked up in a few queries rather than one per key.
async fn current_items<D: Dialect>(
    conn: &mut D::Connection,
    register: &str,
    keys: &[&str],
) -> StorageResult<HashMap<String, String>> {
    let mut latest = HashMap::new();
    for chunk in keys.chunks(BULK_ROWS) {
        let listed: Vec<[&str; 1]> = chunk.iter().map(|k| [*k]).collect();
        let mut sql: QueryBuilder<D> = QueryBuilder::new(
            "SELECT r.entry_key, i.hash FROM register_records r \
             JOIN register_items i ON i.id = r.item_id WHERE r.register = ",
        );
        sql.arg(register.to_string())
            .push(" AND r.entry_key IN (SELECT c0 FROM ");
        D::push_json_table(&mut sql, json_table(&listed)?, &[JsonColumn::Text]);
        sql.push(" AS v)");
        for row in sql.build().all(&mut *conn).await? {
            latest.insert(row.col("entry_key")?, row.col("hash")?);
        }
    }
    Ok(latest)
}

/// Pushes ` WHERE register = $n AND entry_key IN (…)`.
fn push_keys<D: Dialect>(sql: &mut QueryBuilder<D>, register: &str, keys: &[&str]) {
    sql.push(" WHERE register = ")
        .arg(register.to_string())
        .push(" AND entry_key IN (");
    let mut list = sql.separated(", ");
    for k in keys {
        list.arg((*k).to_string());
    }
    sql.push(")");
}

/// Stores appended entries and their items (each item once, `contents` being their canonical
/// JSON in the same order); the id of every item they name.
async fn write_entries<D: Dialect>(
    conn: &mut D::Connection,
    register: &str,
    at: OffsetDateTime,
    appended: &[(Entry, &Item)],
    contents: &[String],
) -> StorageResult<HashMap<String, i64>> {
    let mut seen_items: HashSet<&str> = HashSet::new();
    let items: Vec<(&str, &str)> = appended
        .iter()
        .zip(contents)
        .filter(|((e, _), _)| seen_items.insert(e.item_hash.as_str()))
        .map(|((e, _), content)| (e.item_hash.as_str(), content.as_str()))
        .collect();
    let mut ids: HashMap<String, i64> = HashMap::with_capacity(items.len());
    for chunk in items.chunks(BULK_ROWS) {
        let mut sql: QueryBuilder<D> =
            QueryBuilder::new("INSERT INTO register_items (hash, content) SELECT c0, c1 FROM ");
        D::push_json_table(&mut sql, json_table(chunk)?, &[JsonColumn::Text; 2]);
        // WHERE true: SQLite would read ON CONFLICT as a join's constraint.
        sql.push(" AS v WHERE true ON CONFLICT (hash) DO NOTHING RETURNING id, hash");
        for row in sql.build().all(&mut *conn).await? {
            ids.insert(row.col("hash")?, row.col("id")?);
        }
    }
    // Items already stored (an entry going back to an earlier item) were not returned.
    let known: Vec<&str> = items
        .iter()
        .map(|(hash, _)| *hash)
        .filter(|hash| !ids.contains_key(*hash))
        .collect();
    for chunk in known.chunks(500) {
        let mut sql: QueryBuilder<D> =
            QueryBuilder::new("SELECT id, hash FROM register_items WHERE hash IN (");
        let mut list = sql.separated(", ");
        for hash in chunk {
            list.arg((*hash).to_string());
        }
        sql.push(")");
        for row in sql.build().all(&mut *conn).await? {
            ids.insert(row.col("hash")?, row.col("id")?);
        }
    }
    let mut rows = Vec::with_capacity(appended.len());
    for (e, _) in appended {
        rows.push((
            to_i64(e.number)?,
            e.key.as_str(),
            id_of(&ids, &e.item_hash)?,
        ));
    }
    for chunk in rows.chunks(BULK_ROWS) {
        let mut sql: QueryBuilder<D> = QueryBuilder::new(
            "INSERT INTO register_entries (register, number, appended_at, entry_key, item_id) \
             SELECT ",
        );
        sql.arg(register.to_string())
            .push(", c0, ")
            .arg(Stamp(at))
            .push(", c1, c2 FROM ");
        D::push_json_table(
            &mut sql,
            json_table(chunk)?,
            &[JsonColumn::BigInt, JsonColumn::Text, JsonColumn::BigInt],
        );
        sql.push(" AS v");
        sql.build().run(&mut *conn).await?;
    }
    Ok(ids)
}

/// The stored id of the item with `hash`, from what [`write_entries`] returned.
fn id_of(ids: &HashMap<String, i64>, hash: &str) -> StorageResult<i64> {
    ids.get(hash)
        .copied()
        .ok_or_else(|| corrupt(format!("item {hash} was not stored")))
}

/// An appended entry and its item.
type Appended<'a, 'b> = &'a &'b (Entry, &'b Item);

/// Makes the latest appended entry of each key its record, and indexes the record's fields
/// (first dropping the fields of the item each key held `before`).
async fn write_records<D: Dialect>(
    conn: &mut D::Connection,
    register: &str,
    appended: &[(Entry, &Item)],
    before: &HashMap<String, String>,
    item_ids: &HashMap<String, i64>,
) -> StorageResult<()> {
    let existed = |key: &str| before.contains_key(key);
    let mut last_per_key: HashMap<&str, &(Entry, &Item)> = HashMap::new();
    for appended_entry in appended {
        last_per_key.insert(appended_entry.0.key.as_str(), appended_entry);
    }
    let mut records: Vec<&(Entry, &Item)> = last_per_key.into_values().collect();
    // In the order they were appended: B-trees take keys in file order faster than at random.
    records.sort_unstable_by_key(|(e, _)| e.number);
    // A new key's record takes the next ordinal, in the order the key first appeared.
    let mut first_seen: Vec<&str> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (e, _) in appended {
        if !existed(&e.key) && seen.insert(e.key.as_str()) {
            first_seen.push(e.key.as_str());
        }
    }
    let mut ordinals: HashMap<&str, i64> = HashMap::with_capacity(first_seen.len());
    if !first_seen.is_empty() {
        let last: i64 = D::query(
            "SELECT COALESCE((SELECT MAX(ordinal) FROM register_records WHERE register = $1), 0)",
        )
        .arg(register)
        .one(&mut *conn)
        .await?
        .col(0)?;
        for (i, key) in first_seen.iter().enumerate() {
            ordinals.insert(key, last + i64::try_from(i).unwrap_or(i64::MAX) + 1);
        }
    }
    let (fresh, updated): (Vec<Appended>, Vec<Appended>) = records
        .iter()
        .partition(|(e, _)| ordinals.contains_key(e.key.as_str()));
    let fresh: Vec<(&str, i64, i64, i64)> = fresh
        .iter()
        .map(|(e, _)| {
            let key = e.key.as_str();
            let ordinal = ordinals.get(key).copied().unwrap_or(0);
            Ok((
                key,
                to_i64(e.number)?,
                id_of(item_ids, &e.item_hash)?,
                ordinal,
            ))
        })
        .collect::<StorageResult<_>>()?;
    for chunk in fresh.chunks(BULK_ROWS) {
        let mut sql: QueryBuilder<D> = QueryBuilder::new(
            "INSERT INTO register_records (register, entry_key, number, item_id, ordinal) \
             SELECT ",
        );
        sql.arg(register.to_string()).push(", c0, c1, c2, c3 FROM ");
        D::push_json_table(
            &mut sql,
            json_table(chunk)?,
            &[
                JsonColumn::Text,
                JsonColumn::BigInt,
                JsonColumn::BigInt,
                JsonColumn::BigInt,
            ],
        );
        sql.push(" AS v");
        sql.build().run(&mut *conn).await?;
    }
    let updated: Vec<(&str, i64, i64)> = updated
        .iter()
        .map(|(e, _)| {
            Ok((
                e.key.as_str(),
                to_i64(e.number)?,
                id_of(item_ids, &e.item_hash)?,
            ))
        })
        .collect::<StorageResult<_>>()?;
    for chunk in updated.chunks(BULK_ROWS) {
        let mut sql: QueryBuilder<D> =
            QueryBuilder::new("UPDATE register_records SET number = v.c1, item_id = v.c2 FROM ");
        D::push_json_table(
            &mut sql,
            json_table(chunk)?,
            &[JsonColumn::Text, JsonColumn::BigInt, JsonColumn::BigInt],
        );
        sql.push(" AS v WHERE register_records.register = ")
            .arg(register.to_string())
            .push(" AND register_records.entry_key = v.c0");
        sql.build().run(&mut *conn).await?;
    }
    let changed: Vec<(&str, &str)> = records
        .iter()
        .filter_map(|(e, _)| before.get_key_value(e.key.as_str()))
        .map(|(k, hash)| (k.as_str(), hash.as_str()))
        .collect();
    drop_fields::<D>(&mut *conn, register, &changed).await?;
    let fields: Vec<(&str, &str, String)> = records
        .iter()
        .flat_map(|(e, item)| {
            INDEXED_FIELDS
                .iter()
                .filter_map(move |f| item.get(f).map(|v| (*f, v, e.key.clone())))
                // The key finds its own record already.
                .filter(|(_, value, key)| *value != key.as_str())
        })
        .collect();
    for chunk in fields.chunks(BULK_ROWS) {
        let mut sql: QueryBuilder<D> = QueryBuilder::new(
            "INSERT INTO register_fields (register, field, value, entry_key) SELECT ",
        );
        sql.arg(register.to_string()).push(", c0, c1, c2 FROM ");
        D::push_json_table(&mut sql, json_table(chunk)?, &[JsonColumn::Text; 3]);
        // Without ON CONFLICT, which costs PostgreSQL a speculative insertion per row: the
        // key's old fields were dropped above, and a record has one value per field.
        sql.push(" AS v");
        sql.build().run(&mut *conn).await?;
    }
    Ok(())
}

/// Drops the indexed fields of the items that `changed` keys held (key, old item hash). The
/// old items say which fields those were; for an item since redacted, whose values are gone,
/// the key's fields are found by scanning the register's (rare: a redacted record updated).
async fn drop_fields<D: Dialect>(
    conn: &mut D::Connection,
    register: &str,
    changed: &[(&str, &str)],
) -> StorageResult<()> {
    let mut contents: HashMap<String, Option<String>> = HashMap::new();
    for chunk in changed.chunks(500) {
        let mut sql: QueryBuilder<D> =
            QueryBuilder::new("SELECT hash, content FROM register_items WHERE hash IN (");
        let mut list = sql.separated(", ");
        for (_, hash) in chunk {
            list.arg((*hash).to_string());
        }
        sql.push(")");
        for row in sql.build().all(&mut *conn).await? {
            contents.insert(row.col("hash")?, row.col("content")?);
        }
    }
    let mut fields: Vec<(&str, String, &str)> = Vec::new();
    let mut unknown: Vec<&str> = Vec::new();
    for (key, hash) in changed {
        match item_from(contents.get(*hash).cloned().flatten())? {
            Some(item) => fields.extend(
                INDEXED_FIELDS
                    .iter()
                    .filter_map(|f| item.get(f).map(|v| (*f, v.to_string(), *key))),
            ),
            None => unknown.push(key),
        }
    }
    for chunk in fields.chunks(250) {
        let mut sql: QueryBuilder<D> =
            QueryBuilder::new("DELETE FROM register_fields WHERE register = ");
        sql.arg(register.to_string())
            .push(" AND (field, value, entry_key) IN (");
        sql.push_values(chunk, |mut b, (field, value, key)| {
            b.arg((*field).to_string())
                .arg(value.clone())
                .arg((*key).to_string());
        });
        sql.push(")");
        sql.build().run(&mut *conn).await?;
    }
    for chunk in unknown.chunks(500) {
        let mut sql: QueryBuilder<D> = QueryBuilder::new("DELETE FROM register_fields");
        push_keys(&mut sql, register, chunk);
        sql.build().run(&mut *conn).await?;
    }
    Ok(())
}

/// Stores the tree's newly completed subtree hashes.
async fn write_nodes<D: Dialect>(
    conn: &mut D::Connection,
    register: &str,
    nodes: &[(NodeId, Hash)],
) -> StorageResult<()> {
    let kept: Vec<&(NodeId, Hash)> = nodes
        .iter()
        .filter(|(node, _)| node.level >= STORED_FROM_LEVEL)
        .collect();
    for chunk in kept.chunks(300) {
        let mut sql: QueryBuilder<D> =
            QueryBuilder::new("INSERT INTO register_nodes (register, level, idx, hash) ");
        sql.push_values(chunk, |mut b, (node, hash)| {
            b.arg(register.to_string())
                .arg(i32::try_from(node.level).unwrap_or(i32::MAX))
                .arg(i64::try_from(node.index).unwrap_or(i64::MAX))
                .arg(hash.as_bytes().to_vec());
        });
        sql.build().run(&mut *conn).await?;
    }
    Ok(())
}

/// The stored subtree hashes a tree of `size` entries needs for its root and next appends.
async fn root_hashes<D: Dialect>(
    conn: &mut D::Connection,
    register: &str,
    size: u64,
) -> StorageResult<PrefetchedHashes> {
    let mut prefetched = PrefetchedHashes::new(size);
    for (node, hash) in fetch_nodes::<D>(conn, register, &root_nodes(size)).await? {
        prefetched.insert(node, hash);
    }
    Ok(prefetched)
}

/// The hashes of those of `nodes` that lie below [`STORED_FROM_LEVEL`] and whose entries
/// all exist, hashed from their entries: each block of 256 entries is read once.
async fn hash_from_entries<D: Dialect>(
    conn: &mut D::Connection,
    register: &str,
    nodes: &[NodeId],
) -> StorageResult<Vec<(NodeId, Hash)>> {
    let mut blocks: std::collections::BTreeMap<u64, Vec<NodeId>> = Default::default();
    for node in nodes {
        let block = node.index >> STORED_FROM_LEVEL.saturating_sub(node.level);
        blocks.entry(block).or_default().push(*node);
    }
    let width = 1u64 << STORED_FROM_LEVEL;
    let mut found = Vec::with_capacity(nodes.len());
    for (block, wanted) in blocks {
        let first = block.saturating_mul(width);
        let rows = D::query(
            "SELECT e.number, e.appended_at, e.entry_key, i.hash AS item_hash \
             FROM register_entries e JOIN register_items i ON i.id = e.item_id \
             WHERE e.register = $1 AND e.number > $2 AND e.number <= $3 ORDER BY e.number",
        )
        .arg(register)
        .arg(to_i64(first)?)
        .arg(to_i64(first.saturating_add(width))?)
        .all(&mut *conn)
        .await?;
        let mut leaves = Vec::with_capacity(rows.len());
        for row in &rows {
            leaves.push(leaf_hash(&entry_from_row::<D>(row)?.leaf_bytes()));
        }
        for node in wanted {
            let Some((lo, hi)) = node.leaf_range() else {
                continue;
            };
            let offset = |at: u64| at.checked_sub(first).and_then(|d| usize::try_from(d).ok());
            let (Some(lo), Some(hi)) = (offset(lo), offset(hi)) else {
                continue;
            };
            let Some(leaves) = leaves.get(lo..hi) else {
                continue;
            };
            let mut frontier = Frontier::new();
            for leaf in leaves {
                frontier
                    .append(*leaf)
                    .map_err(|_| corrupt("register is full"))?;
            }
            found.push((node, frontier.root()));
        }
    }
    Ok(found)
}

/// The stored hashes of those of `nodes` that exist.
async fn fetch_nodes<D: Dialect>(
    conn: &mut D::Connection,
    register: &str,
    nodes: &[NodeId],
) -> StorageResult<Vec<(NodeId, Hash)>> {
    let (stored, hashed): (Vec<NodeId>, Vec<NodeId>) = nodes
        .iter()
        .partition(|node| node.level >= STORED_FROM_LEVEL);
    let mut found = hash_from_entries::<D>(&mut *conn, register, &hashed).await?;
    for chunk in stored.chunks(200) {
        // The wanted nodes drive the join, one index probe each: written as ORs of
        // (level, idx) pairs, SQLite read every node of the register instead (a quarter of
        // a second per batch at 200,000 entries, the most of an import's time).
        let mut sql: QueryBuilder<D> = QueryBuilder::new("WITH wanted (level, idx) AS (");
        sql.push_values(chunk, |mut b, node| {
            b.arg(i32::try_from(node.level).unwrap_or(i32::MAX))
                .arg(i64::try_from(node.index).unwrap_or(i64::MAX));
        });
        sql.push(
            ") SELECT n.level, n.idx, n.hash FROM wanted w CROSS JOIN register_nodes n \
             WHERE n.register = ",
        )
        .arg(register.to_string())
        .push(" AND n.level = w.level AND n.idx = w.idx");
        for row in sql.build().all(&mut *conn).await? {
            let level: i32 = row.col("level")?;
            let index: i64 = row.col("idx")?;
            let bytes: Vec<u8> = row.col("hash")?;
            found.push((
                NodeId {
                    level: u32::try_from(level).map_err(corrupt)?,
                    index: to_u64(index)?,
                },
                hash_from(&bytes)?,
            ));
        }
    }
    Ok(found)
}

#[async_trait]
impl<S: Engine> RegisterStore for S {
    async fn append_entries(
        &self,
        register: &str,
        entries: &[NewEntry],
    ) -> StorageResult<RegisterHead> {
        let mut tx = self.write_pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let head = append_on::<S::Db>(&mut tx, register, entries).await?;
        tx.commit().await?;
        Ok(head)
    }
    async fn register_head(&self, register: &str) -> StorageResult<Option<RegisterHead>> {
        let mut conn = self.read_conn().await?;
        let row = S::Db::query(
            "SELECT number, appended_at FROM register_entries WHERE register = $1 \
             ORDER BY number DESC LIMIT 1",
        )
        .arg(register)
        .optional(&mut conn)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let size = to_u64(row.col("number")?)?;
        let timestamp: OffsetDateTime = row.col("appended_at")?;
        let prefetched = root_hashes::<S::Db>(&mut conn, register, size).await?;
        let root = if size == 0 {
            EMPTY_ROOT
        } else {
            civic_translog::root_at(&prefetched, size).map_err(corrupt)?
        };
        Ok(Some(RegisterHead {
            register: register.to_string(),
            size,
            root,
            timestamp: Some(timestamp),
        }))
    }

    async fn register_size(&self, register: &str) -> StorageResult<u64> {
        let size: i64 = S::Db::query(SIZE)
            .arg(register)
            .one(&mut *self.read_conn().await?)
            .await?
            .col(0)?;
        to_u64(size)
    }

    async fn register_names(&self) -> StorageResult<Vec<String>> {
        let rows = S::Db::query("SELECT DISTINCT register FROM register_records ORDER BY register")
            .all(&mut *self.read_conn().await?)
            .await?;
        rows.iter().map(|r| r.col(0)).collect()
    }

    async fn register_entries(
        &self,
        register: &str,
        from: u64,
        to: u64,
    ) -> StorageResult<Vec<Entry>> {
        let rows = S::Db::query(
            "SELECT e.number, e.appended_at, e.entry_key, i.hash AS item_hash \
             FROM register_entries e JOIN register_items i ON i.id = e.item_id \
             WHERE e.register = $1 AND e.number >= $2 AND e.number <= $3 ORDER BY e.number",
        )
        .arg(register)
        .arg(to_i64(from)?)
        .arg(to_i64(to)?)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter().map(entry_from_row::<S::Db>).collect()
    }

    async fn register_rsf(&self, register: &str, from: u64, to: u64) -> StorageResult<String> {
        let mut conn = self.read_conn().await?;
        S::Db::rsf_page(&mut conn, register, from, to).await
    }

    async fn key_entries(&self, register: &str, key: &str) -> StorageResult<Vec<Entry>> {
        let rows = S::Db::query(
            "SELECT e.number, e.appended_at, e.entry_key, i.hash AS item_hash \
             FROM register_entries e JOIN register_items i ON i.id = e.item_id \
             WHERE e.register = $1 AND e.entry_key = $2 ORDER BY e.number",
        )
        .arg(register)
        .arg(key)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter().map(entry_from_row::<S::Db>).collect()
    }

    async fn register_item(&self, hash: &str) -> StorageResult<Option<StoredItem>> {
        let row = S::Db::query("SELECT content, redacted FROM register_items WHERE hash = $1")
            .arg(hash)
            .optional(&mut *self.read_conn().await?)
            .await?;
        row.as_ref().map(stored_item_from_row::<S::Db>).transpose()
    }

    async fn register_record(
        &self,
        register: &str,
        key: &str,
    ) -> StorageResult<Option<(Entry, StoredItem)>> {
        let row = S::Db::query(
            "SELECT e.number, e.appended_at, e.entry_key, i.hash AS item_hash, i.content, i.redacted \
             FROM register_records r \
             JOIN register_entries e ON e.register = r.register AND e.number = r.number \
             JOIN register_items i ON i.id = r.item_id \
             WHERE r.register = $1 AND r.entry_key = $2",
        )
        .arg(register)
        .arg(key)
        .optional(&mut *self.read_conn().await?)
        .await?;
        row.as_ref()
            .map(|r| {
                Ok((
                    entry_from_row::<S::Db>(r)?,
                    stored_item_from_row::<S::Db>(r)?,
                ))
            })
            .transpose()
    }

    async fn register_records(
        &self,
        register: &str,
        offset: u64,
        limit: u64,
    ) -> StorageResult<Vec<(Entry, Option<Item>)>> {
        let rows = S::Db::query(
            "SELECT e.number, e.appended_at, e.entry_key, i.hash AS item_hash, \
             COALESCE(i.content, i.redacted) AS content \
             FROM register_records r \
             JOIN register_entries e ON e.register = r.register AND e.number = r.number \
             JOIN register_items i ON i.id = r.item_id \
             WHERE r.register = $1 AND r.ordinal > $2 AND r.ordinal <= $3 ORDER BY r.ordinal",
        )
        .arg(register)
        .arg(to_i64(offset)?)
        .arg(to_i64(offset.saturating_add(limit))?)
        .all(&mut *self.read_conn().await?)
        .await?;
        rows.iter()
            .map(|r| Ok((entry_from_row::<S::Db>(r)?, item_from(r.col("content")?)?)))
            .collect()
    }

    async fn record_count(&self, register: &str) -> StorageResult<u64> {
        let n: i64 = S::Db::query(
            "SELECT COALESCE((SELECT MAX(ordinal) FROM register_records WHERE register = $1), 0)",
        )
        .arg(register)
        .one(&mut *self.read_conn().await?)
        .await?
        .col(0)?;
        to_u64(n)
    }

    async fn records_by_field(
        &self,
        register: &str,
        field: &str,
        value: &str,
        offset: u64,
        limit: u64,
    ) -> StorageResult<Vec<(Entry, Item)>> {
        let mut sql: QueryBuilder<S::Db> = QueryBuilder::new("");
        if INDEXED_FIELDS.contains(&field) {
            // The matching keys first, from the index, then their records: ordered by record
            // and limited, SQLite otherwise walked every record in order probing for each
            // (0.87 s for a postcode among 1,000,000 addresses). CROSS JOIN fixes SQLite's
            // join order; PostgreSQL plans it as any inner join. A value equal to its own
            // key is not indexed (an address's UPRN), so the key itself is a candidate too,
            // kept if its item holds the value.
            sql.push(
                "SELECT e.number, e.appended_at, e.entry_key, i.hash AS item_hash, \
                 COALESCE(i.content, i.redacted) AS content \
                 FROM (SELECT entry_key FROM register_fields WHERE register = ",
            )
            .arg(register.to_string())
            .push(" AND field = ")
            .arg(field.to_string())
            .push(" AND value = ")
            .arg(value.to_string())
            .push(" UNION SELECT CAST(")
            .arg(value.to_string())
            .push(
                " AS TEXT)) AS f CROSS JOIN register_records r \
                 JOIN register_entries e ON e.register = r.register AND e.number = r.number \
                 JOIN register_items i ON i.id = r.item_id WHERE r.register = ",
            )
            .arg(register.to_string())
            .push(" AND r.entry_key = f.entry_key AND i.content IS NOT NULL AND ");
            S::Db::push_json_field_has(&mut sql, "i.content", field, value);
        } else {
            // Fields without an index are matched in the items themselves: registers keep
            // indexes only for the fields looked up at scale (an address's postcode).
            sql.push(
                "SELECT e.number, e.appended_at, e.entry_key, i.hash AS item_hash, \
                 COALESCE(i.content, i.redacted) AS content FROM register_records r \
                 JOIN register_entries e ON e.register = r.register AND e.number = r.number \
                 JOIN register_items i ON i.id = r.item_id WHERE r.register = ",
            )
            .arg(register.to_string())
            .push(" AND ");
            S::Db::push_json_field_has(&mut sql, "i.content", field, value);
        }
        sql.push(" ORDER BY r.ordinal LIMIT ")
            .arg(to_i64(limit)?)
            .push(" OFFSET ")
            .arg(to_i64(offset)?);
        let rows = sql.build().all(&mut *self.read_conn().await?).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            if let Some(item) = item_from(r.col("content")?)? {
                out.push((entry_from_row::<S::Db>(r)?, item));
            }
        }
        Ok(out)
    }

    async fn subtree_hashes(
        &self,
        register: &str,
        nodes: &[NodeId],
    ) -> StorageResult<Vec<(NodeId, Hash)>> {
        let mut conn = self.read_conn().await?;
        fetch_nodes::<S::Db>(&mut conn, register, nodes).await
    }

    async fn redact_item(&self, hash: &str) -> StorageResult<bool> {
        let mut tx = self.write_pool().begin().await?;
        let row = S::Db::query("SELECT content FROM register_items WHERE hash = $1")
            .arg(hash)
            .optional(&mut *tx)
            .await?;
        let Some(row) = row else { return Ok(false) };
        let Some(item) = item_from(row.col("content")?)? else {
            return Ok(true);
        };
        let redacted = civic_domain::register::v1::redact(&item).canonical_json();
        S::Db::query(
            "UPDATE register_items SET content = NULL, redacted = $2, redacted_at = $3 \
             WHERE hash = $1",
        )
        .arg(hash)
        .arg(redacted)
        .arg(Stamp(now()))
        .run(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn signing_seed(&self, fresh: [u8; 32]) -> StorageResult<[u8; 32]> {
        S::Db::query(
            "INSERT INTO deployment_keys (name, seed, created_at) VALUES ('tree-heads', $1, $2) \
             ON CONFLICT (name) DO NOTHING",
        )
        .arg(fresh.to_vec())
        .arg(Stamp(now()))
        .run(&mut *self.write_conn().await?)
        .await?;
        let seed: Vec<u8> =
            S::Db::query("SELECT seed FROM deployment_keys WHERE name = 'tree-heads'")
                .one(&mut *self.write_conn().await?)
                .await?
                .col(0)?;
        seed.try_into()
            .map_err(|_| corrupt("signing key is not 32 bytes"))
    }
}

/// How each engine reads a page of a register as RSF lines, the one register read where the
/// engines' fastest ways differ.
pub(crate) trait RegisterEngine: Dialect {
    /// Entries `from..=to` of `register` as RSF lines (see [`RegisterStore::register_rsf`]).
    fn rsf_page(
        conn: &mut sqlx::pool::PoolConnection<Self>,
        register: &str,
        from: u64,
        to: u64,
    ) -> impl std::future::Future<Output = StorageResult<String>> + Send;
}

impl RegisterEngine for sqlx::Sqlite {
    async fn rsf_page(
        conn: &mut sqlx::pool::PoolConnection<Self>,
        register: &str,
        from: u64,
        to: u64,
    ) -> StorageResult<String> {
        // The page's lines are made by SQLite in one row: read row by row, sqlx's per-row
        // cost (a hand-over between threads) was most of a download's time.
        let sql = format!(
            "SELECT {join}(CASE WHEN i.content IS NULL THEN 'redacted-item\t' || i.hash \
             ELSE 'add-item\t' || i.content END || '\nappend-entry\tuser\t' || e.entry_key \
             || '\t' || {at} || '\t' || i.hash || '\n', '' ORDER BY e.number) \
             FROM register_entries e JOIN register_items i ON i.id = e.item_id \
             WHERE e.register = $1 AND e.number >= $2 AND e.number <= $3",
            join = Self::JOIN_TEXTS,
            at = Self::rfc3339_seconds("e.appended_at"),
        );
        let row = Self::query(sqlx::AssertSqlSafe(sql))
            .arg(register)
            .arg(to_i64(from)?)
            .arg(to_i64(to)?)
            .one(&mut **conn)
            .await?;
        Ok(row.col::<Option<String>>(0)?.unwrap_or_default())
    }
}

impl RegisterEngine for sqlx::Postgres {
    async fn rsf_page(
        conn: &mut sqlx::pool::PoolConnection<Self>,
        register: &str,
        from: u64,
        to: u64,
    ) -> StorageResult<String> {
        // A download whose reader goes away drops this page part-way through a COPY, which
        // handed the pool a connection still in COPY mode (the next request on it failed):
        // closed instead.
        let mut guard = CopyGuard { conn, done: false };
        let page = rsf_page_by_copy(guard.conn, register, from, to).await;
        // After an error the connection's state is not known either.
        guard.done = page.is_ok();
        page
    }
}

/// Marks a pooled connection to be closed, not reused, if dropped before `done`.
struct CopyGuard<'c> {
    conn: &'c mut sqlx::pool::PoolConnection<sqlx::Postgres>,
    done: bool,
}

impl Drop for CopyGuard<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.conn.close_on_drop();
        }
    }
}

/// [`RegisterEngine::rsf_page`] on PostgreSQL.
async fn rsf_page_by_copy(
    conn: &mut sqlx::PgConnection,
    register: &str,
    from: u64,
    to: u64,
) -> StorageResult<String> {
    // Two binary COPYs, entries and then the items they name, joined and written out
    // here: building the lines in PostgreSQL (string_agg) took it longer than finding
    // the rows, and COPY has no per-row cost in sqlx. COPY takes no parameters, so the
    // register's name is quoted as a literal; the numbers are integers.
    let name = rsf_literal(register)?;
    let entries = copy_rows(
        conn,
        &format!(
            "COPY (SELECT number, appended_at, entry_key, item_id FROM register_entries \
             WHERE register = {name} AND number >= {} AND number <= {} ORDER BY number) \
             TO STDOUT (FORMAT binary)",
            to_i64(from)?,
            to_i64(to)?
        ),
    )
    .await?;
    let mut rows = Vec::new();
    let mut fields = CopyFields::new(&entries)?;
    while let Some(row) = fields.next_row(4)? {
        rows.push((
            be_i64(row[0])?,
            instant_of(row[1])?,
            text_of(row[2])?,
            be_i64(row[3])?,
        ));
    }
    let mut ids: Vec<i64> = rows.iter().map(|r| r.3).collect();
    ids.sort_unstable();
    ids.dedup();
    let (Some(&lowest), Some(&highest)) = (ids.first(), ids.last()) else {
        return Ok(String::new());
    };
    // Items are written in entry order, so a page's lie in a narrow range of ids; an
    // entry naming an older item (a record put back as it was) widens it, and then the
    // ids are listed instead.
    let wanted = if highest - lowest <= 2 * ids.len() as i64 + 64 {
        format!("id >= {lowest} AND id <= {highest}")
    } else {
        let listed: Vec<String> = ids.iter().map(i64::to_string).collect();
        format!("id IN ({})", listed.join(", "))
    };
    let items = copy_rows(
        conn,
        &format!(
            "COPY (SELECT id, hash, content FROM register_items WHERE {wanted}) \
             TO STDOUT (FORMAT binary)"
        ),
    )
    .await?;
    let mut by_id: HashMap<i64, (&str, Option<&str>)> = HashMap::with_capacity(rows.len());
    let mut fields = CopyFields::new(&items)?;
    while let Some(row) = fields.next_row(3)? {
        let content = match row[2] {
            Some(bytes) => Some(std::str::from_utf8(bytes).map_err(corrupt)?),
            None => None,
        };
        by_id.insert(be_i64(row[0])?, (text_of(row[1])?, content));
    }
    let mut page = String::with_capacity(items.len() + rows.len() * 64);
    for (number, at, key, item) in rows {
        let (hash, content) = by_id
            .get(&item)
            .copied()
            .ok_or_else(|| corrupt(format!("entry {number} names no stored item")))?;
        match content {
            Some(content) => {
                page.push_str("add-item\t");
                page.push_str(content);
            }
            None => {
                page.push_str("redacted-item\t");
                page.push_str(hash);
            }
        }
        page.push_str("\nappend-entry\tuser\t");
        page.push_str(key);
        page.push('\t');
        page.push_str(&rfc3339_seconds(at));
        page.push('\t');
        page.push_str(hash);
        page.push('\n');
    }
    Ok(page)
}

/// `text` as a PostgreSQL string literal, for a statement that takes no parameters.
fn rsf_literal(text: &str) -> StorageResult<String> {
    if text.contains('\0') {
        return Err(corrupt("a register's name holds a NUL"));
    }
    // With standard_conforming_strings (on since PostgreSQL 9.1), only quotes need doubling.
    Ok(format!("'{}'", text.replace('\'', "''")))
}

/// Runs a `COPY … TO STDOUT (FORMAT binary)` and gathers what it sends.
async fn copy_rows(conn: &mut sqlx::PgConnection, statement: &str) -> StorageResult<Vec<u8>> {
    use futures_util::StreamExt;
    let mut out = Vec::new();
    let mut chunks = conn.copy_out_raw(statement).await?;
    while let Some(chunk) = chunks.next().await {
        out.extend_from_slice(&chunk?);
    }
    Ok(out)
}

/// The rows of PostgreSQL's binary COPY format: a signature and header, then per row a
/// 16-bit field count and each field as a 32-bit length (-1 for NULL) and its bytes.
struct CopyFields<'a> {
    rest: &'a [u8],
}

impl<'a> CopyFields<'a> {
    const SIGNATURE: &'static [u8] = b"PGCOPY\n\xff\r\n\0";

    fn new(data: &'a [u8]) -> StorageResult<Self> {
        let rest = data
            .strip_prefix(Self::SIGNATURE)
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
    fn next_row(&mut self, width: usize) -> StorageResult<Option<Vec<Option<&'a [u8]>>>> {
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

/// A binary `bigint` field.
fn be_i64(field: Option<&[u8]>) -> StorageResult<i64> {
    let bytes: [u8; 8] = field
        .ok_or_else(|| corrupt("NULL where a number was due"))?
        .try_into()
        .map_err(corrupt)?;
    Ok(i64::from_be_bytes(bytes))
}

/// A binary `text` field.
fn text_of(field: Option<&[u8]>) -> StorageResult<&str> {
    std::str::from_utf8(field.ok_or_else(|| corrupt("NULL where text was due"))?).map_err(corrupt)
}

/// A binary `timestamptz` field: microseconds since 2000-01-01 UTC.
fn instant_of(field: Option<&[u8]>) -> StorageResult<OffsetDateTime> {
    const UNIX_2000_MICROS: i128 = 946_684_800_000_000;
    let micros = i128::from(be_i64(field)?) + UNIX_2000_MICROS;
    OffsetDateTime::from_unix_timestamp_nanos(micros * 1000).map_err(corrupt)
}
