//! Writing listings: batched upserts in one transaction with one reused prepared
//! statement, deletion marks (rows are kept, stamped with `__deleted_at`), and
//! the key/timestamp index the sync engine diffs against the server.

use std::collections::HashMap;

use sqlx::sqlite::{SqliteArguments, SqliteConnection};
use sqlx::{Row, Sqlite};

use super::ident::quote_ident;
use super::value::{SqlValue, convert};
use super::{ListingRecord, ListingTable, col};
use crate::error::StoreError;
use crate::store::Store;
use crate::time::now;

type Query<'q> = sqlx::query::Query<'q, Sqlite, SqliteArguments<'q>>;

pub(crate) fn bind_value(q: Query<'_>, v: SqlValue) -> Query<'_> {
    match v {
        SqlValue::Null => q.bind(None::<String>),
        SqlValue::Int(i) => q.bind(i),
        SqlValue::Real(f) => q.bind(f),
        SqlValue::Text(s) => q.bind(s),
    }
}

/// Rows per INSERT statement: many rows per round trip to SQLite's worker
/// thread, staying far below the 32766 bound-parameter limit.
fn rows_per_statement(table: &ListingTable) -> usize {
    (16_000 / (table.fields.len() + 5)).clamp(1, 64)
}

fn raw_upsert_sql(table: &ListingTable, rows: usize) -> Result<String, StoreError> {
    let (k, r) = (quote_ident(col::KEY)?, quote_ident(col::RAW)?);
    Ok(format!(
        "INSERT INTO {} ({k}, {r}) VALUES {} ON CONFLICT ({k}) DO UPDATE SET {r} = excluded.{r}",
        quote_ident(&table.raw_table_name())?,
        vec!["(?, ?)"; rows].join(", ")
    ))
}

fn upsert_sql(table: &ListingTable, rows: usize) -> Result<String, StoreError> {
    let mut names = vec![
        quote_ident(col::KEY)?,
        quote_ident(col::MODIFIED)?,
        quote_ident(col::DELETED_AT)?,
        quote_ident(col::SYNCED_AT)?,
    ];
    for f in &table.fields {
        names.push(quote_ident(&f.system_name)?);
    }
    let tuple = format!("({})", vec!["?"; names.len()].join(", "));
    let values = vec![tuple.as_str(); rows].join(", ");
    let updates = names[1..]
        .iter()
        .map(|n| format!("{n} = excluded.{n}"))
        .collect::<Vec<_>>()
        .join(", ");
    Ok(format!(
        "INSERT INTO {} ({}) VALUES {values} ON CONFLICT ({}) DO UPDATE SET {updates}",
        quote_ident(&table.table_name)?,
        names.join(", "),
        names[0]
    ))
}

/// Moves table `table_id`'s data version past both its last value and the
/// clock (microseconds), so a version is never handed out twice even when a
/// registry id is reused. Call inside the transaction that changes the rows.
pub(crate) async fn bump_data_version(
    conn: &mut SqliteConnection,
    table_id: i64,
) -> Result<(), StoreError> {
    let clock = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as i64);
    sqlx::query("UPDATE listing_tables SET data_version = MAX(data_version + 1, ?) WHERE id = ?")
        .bind(clock)
        .bind(table_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Upsert `records` on `conn` (call inside a transaction). A record that was
/// marked deleted and comes back is undeleted; when a key repeats, the last
/// record wins. Returns the number of records written.
pub async fn upsert_listings_in(
    conn: &mut SqliteConnection,
    table: &ListingTable,
    records: &[ListingRecord],
) -> Result<usize, StoreError> {
    let per = rows_per_statement(table);
    let full_sql = upsert_sql(table, per)?;
    let full_raw_sql = raw_upsert_sql(table, per)?;
    let synced_at = now();
    for chunk in records.chunks(per) {
        let (tail_sql, tail_raw_sql);
        let (sql, raw_sql) = if chunk.len() == per {
            (&full_sql, &full_raw_sql)
        } else {
            tail_sql = upsert_sql(table, chunk.len())?;
            tail_raw_sql = raw_upsert_sql(table, chunk.len())?;
            (&tail_sql, &tail_raw_sql)
        };
        // Same SQL text each time: sqlx reuses the cached prepared statements.
        let mut q = sqlx::query(sql);
        let mut raw_q = sqlx::query(raw_sql);
        for r in chunk {
            let modified = table
                .hints
                .modified
                .as_ref()
                .and_then(|m| r.values.get(m))
                .cloned();
            raw_q = raw_q
                .bind(r.key.clone())
                .bind(serde_json::to_string(&r.values)?);
            q = q
                .bind(r.key.clone())
                .bind(modified)
                .bind(None::<String>)
                .bind(synced_at.clone());
            for f in &table.fields {
                let v = r
                    .values
                    .get(&f.system_name)
                    .map_or(SqlValue::Null, |s| convert(f.kind, s));
                q = bind_value(q, v);
            }
        }
        q.execute(&mut *conn).await?;
        raw_q.execute(&mut *conn).await?;
    }
    if !records.is_empty() {
        bump_data_version(conn, table.id).await?;
    }
    Ok(records.len())
}

/// Mark `keys` deleted (rows are kept); returns how many rows were newly marked.
pub async fn mark_deleted_in(
    conn: &mut SqliteConnection,
    table: &ListingTable,
    keys: &[String],
) -> Result<u64, StoreError> {
    let sql = format!(
        "UPDATE {} SET {d} = ? WHERE {k} = ? AND {d} IS NULL",
        quote_ident(&table.table_name)?,
        d = quote_ident(col::DELETED_AT)?,
        k = quote_ident(col::KEY)?
    );
    let ts = now();
    let mut n = 0;
    for k in keys {
        n += sqlx::query(&sql)
            .bind(&ts)
            .bind(k)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    }
    if n > 0 {
        bump_data_version(conn, table.id).await?;
    }
    Ok(n)
}

/// What the replica holds for one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyState {
    /// Raw ModificationTimestamp as received.
    pub modified: Option<String>,
    /// Whether the row is marked deleted.
    pub deleted: bool,
    /// When the row was last written (RFC 3339).
    pub synced_at: String,
}

impl Store {
    /// Upsert `records` in one transaction; returns the number written.
    pub async fn upsert_listings(
        &self,
        table: &ListingTable,
        records: &[ListingRecord],
    ) -> Result<usize, StoreError> {
        let mut tx = self.pool().begin().await?;
        let n = upsert_listings_in(&mut tx, table, records).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Upsert a batch and write job `job_id`'s checkpoint in the same transaction,
    /// so the checkpoint never claims more (or less) than the replica holds.
    pub async fn upsert_batch_with_checkpoint(
        &self,
        table: &ListingTable,
        records: &[ListingRecord],
        job_id: i64,
        phase: &str,
        state: &serde_json::Value,
    ) -> Result<usize, StoreError> {
        let mut tx = self.pool().begin().await?;
        let n = upsert_listings_in(&mut tx, table, records).await?;
        crate::jobs::write_checkpoint(&mut tx, job_id, phase, state, n as i64).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Mark `keys` deleted and write job `job_id`'s checkpoint in one transaction.
    pub async fn mark_deleted_with_checkpoint(
        &self,
        table: &ListingTable,
        keys: &[String],
        job_id: i64,
        phase: &str,
        state: &serde_json::Value,
    ) -> Result<u64, StoreError> {
        let mut tx = self.pool().begin().await?;
        let n = mark_deleted_in(&mut tx, table, keys).await?;
        crate::jobs::write_checkpoint(&mut tx, job_id, phase, state, 0).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Mark `keys` deleted in one transaction.
    pub async fn mark_deleted(
        &self,
        table: &ListingTable,
        keys: &[String],
    ) -> Result<u64, StoreError> {
        let mut tx = self.pool().begin().await?;
        let n = mark_deleted_in(&mut tx, table, keys).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Every key in the table with its raw modification timestamp and deletion mark.
    pub async fn listing_key_states(
        &self,
        table: &ListingTable,
    ) -> Result<HashMap<String, KeyState>, StoreError> {
        let sql = format!(
            "SELECT {}, {}, {} IS NOT NULL, {} FROM {}",
            quote_ident(col::KEY)?,
            quote_ident(col::MODIFIED)?,
            quote_ident(col::DELETED_AT)?,
            quote_ident(col::SYNCED_AT)?,
            quote_ident(&table.table_name)?
        );
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        rows.into_iter()
            .map(|r| {
                Ok((
                    r.try_get::<String, _>(0)?,
                    KeyState {
                        modified: r.try_get(1)?,
                        deleted: r.try_get(2)?,
                        synced_at: r.try_get(3)?,
                    },
                ))
            })
            .collect()
    }

    /// The raw values of one listing as received, if present.
    pub async fn listing_raw(
        &self,
        table: &ListingTable,
        key: &str,
    ) -> Result<Option<std::collections::BTreeMap<String, String>>, StoreError> {
        let sql = format!(
            "SELECT {} FROM {} WHERE {} = ?",
            quote_ident(col::RAW)?,
            quote_ident(&table.raw_table_name())?,
            quote_ident(col::KEY)?
        );
        let row: Option<(String,)> = sqlx::query_as(&sql)
            .bind(key)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| serde_json::from_str(&r.0)).transpose()?)
    }
}
