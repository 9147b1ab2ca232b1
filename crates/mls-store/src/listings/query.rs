//! Reading listings for the desktop grid: filters, one sort column and paging,
//! with the total row count. Column names are checked against the table's
//! fields and quoted; values are always bound parameters.

use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::ident::quote_ident;
use super::{FieldKind, ListingTable, col};
use crate::error::StoreError;
use crate::store::Store;

/// A comparison against one column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FilterOp {
    /// Equal.
    Eq(serde_json::Value),
    /// Not equal.
    Ne(serde_json::Value),
    /// Less than.
    Lt(serde_json::Value),
    /// Less than or equal.
    Le(serde_json::Value),
    /// Greater than.
    Gt(serde_json::Value),
    /// Greater than or equal.
    Ge(serde_json::Value),
    /// Inclusive range.
    Between(serde_json::Value, serde_json::Value),
    /// One of the values.
    In(Vec<serde_json::Value>),
    /// Substring match (case-insensitive for ASCII).
    Contains(String),
    /// Prefix match (case-insensitive for ASCII).
    StartsWith(String),
    /// Column is NULL.
    IsNull,
    /// Column is not NULL.
    NotNull,
}

/// A filter on a field (SystemName) or on `__deleted_at` / `__modified`.
///
/// Rows marked deleted are excluded unless some filter names `__deleted_at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    /// Column: a field SystemName, `__deleted_at` or `__modified`.
    pub field: String,
    /// Comparison.
    pub op: FilterOp,
}

/// Sort order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    /// Column to sort by.
    pub field: String,
    /// Descending when true.
    pub descending: bool,
}

/// One row of a listing page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingRow {
    /// Listing key.
    pub key: String,
    /// Deletion time, if the listing left the server.
    pub deleted_at: Option<String>,
    /// Typed values in the order of [`ListingPage::columns`].
    pub values: Vec<serde_json::Value>,
}

/// A page of listings and the total number of matching rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingPage {
    /// Column names (SystemNames).
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<ListingRow>,
    /// Rows matching the filters, ignoring paging.
    pub total: i64,
}

enum Bind {
    Text(String),
    Int(i64),
    Real(f64),
}

fn bind_of(v: &serde_json::Value) -> Result<Bind, StoreError> {
    match v {
        serde_json::Value::String(s) => Ok(Bind::Text(s.clone())),
        serde_json::Value::Bool(b) => Ok(Bind::Int(i64::from(*b))),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Ok(Bind::Int(i)),
            None => n
                .as_f64()
                .map(Bind::Real)
                .ok_or_else(|| StoreError::Invalid(format!("unsupported number {n}"))),
        },
        other => Err(StoreError::Invalid(format!(
            "filter values must be strings, numbers or booleans, not {other}"
        ))),
    }
}

/// The quoted column `name`. Every query names the listing table `t`; the key is
/// qualified with it because exports join the raw table, which has a key too.
fn column(table: &ListingTable, name: &str) -> Result<String, StoreError> {
    if name == col::KEY {
        return Ok(format!("t.{}", quote_ident(name)?));
    }
    if name == col::DELETED_AT || name == col::MODIFIED {
        return quote_ident(name);
    }
    table
        .field(name)
        .ok_or_else(|| StoreError::Invalid(format!("unknown column {name:?}")))?;
    quote_ident(name)
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn where_clause(
    table: &ListingTable,
    filters: &[Filter],
) -> Result<(String, Vec<Bind>), StoreError> {
    let mut parts = Vec::new();
    let mut binds = Vec::new();
    if !filters.iter().any(|f| f.field == col::DELETED_AT) {
        // Every index ends with __deleted_at, so this is answered from the index.
        parts.push(format!("{} IS NULL", quote_ident(col::DELETED_AT)?));
    }
    for f in filters {
        let c = column(table, &f.field)?;
        let mut cmp = |op: &str, v: &serde_json::Value| -> Result<(), StoreError> {
            parts.push(format!("{c} {op} ?"));
            binds.push(bind_of(v)?);
            Ok(())
        };
        match &f.op {
            FilterOp::Eq(v) => cmp("=", v)?,
            FilterOp::Ne(v) => cmp("<>", v)?,
            FilterOp::Lt(v) => cmp("<", v)?,
            FilterOp::Le(v) => cmp("<=", v)?,
            FilterOp::Gt(v) => cmp(">", v)?,
            FilterOp::Ge(v) => cmp(">=", v)?,
            FilterOp::Between(a, b) => {
                parts.push(format!("{c} BETWEEN ? AND ?"));
                binds.push(bind_of(a)?);
                binds.push(bind_of(b)?);
            }
            FilterOp::In(vs) if vs.is_empty() => parts.push("0".into()),
            FilterOp::In(vs) => {
                parts.push(format!("{c} IN ({})", vec!["?"; vs.len()].join(", ")));
                for v in vs {
                    binds.push(bind_of(v)?);
                }
            }
            FilterOp::Contains(s) => {
                parts.push(format!("{c} LIKE ? ESCAPE '\\'"));
                binds.push(Bind::Text(format!("%{}%", escape_like(s))));
            }
            FilterOp::StartsWith(s) => {
                parts.push(format!("{c} LIKE ? ESCAPE '\\'"));
                binds.push(Bind::Text(format!("{}%", escape_like(s))));
            }
            FilterOp::IsNull => parts.push(format!("{c} IS NULL")),
            FilterOp::NotNull => parts.push(format!("{c} IS NOT NULL")),
        }
    }
    Ok((format!("WHERE {}", parts.join(" AND ")), binds))
}

fn read_value(
    row: &SqliteRow,
    idx: usize,
    kind: FieldKind,
) -> Result<serde_json::Value, StoreError> {
    Ok(match kind {
        FieldKind::Integer => row.try_get::<Option<i64>, _>(idx)?.into(),
        FieldKind::Boolean => row.try_get::<Option<i64>, _>(idx)?.map(|i| i != 0).into(),
        FieldKind::Decimal => row.try_get::<Option<f64>, _>(idx)?.into(),
        FieldKind::Text | FieldKind::Date | FieldKind::DateTime => {
            row.try_get::<Option<String>, _>(idx)?.into()
        }
    })
}

impl Store {
    /// One page of `table`: rows matching all `filters`, ordered by `sort` (SQLite
    /// order: empty values first ascending, last descending; then by key, so the
    /// order can come straight from an index),
    /// skipping `offset` and returning at most `limit`, plus the total match count.
    pub async fn query_listings(
        &self,
        table: &ListingTable,
        filters: &[Filter],
        sort: Option<&Sort>,
        offset: i64,
        limit: i64,
    ) -> Result<ListingPage, StoreError> {
        let tname = quote_ident(&table.table_name)?;
        let (wher, binds) = where_clause(table, filters)?;
        let key = quote_ident(col::KEY)?;
        let order = match sort {
            Some(s) => format!(
                "ORDER BY {} {}, {key}",
                column(table, &s.field)?,
                if s.descending { "DESC" } else { "ASC" }
            ),
            None => format!("ORDER BY {key}"),
        };
        let cols = table
            .fields
            .iter()
            .map(|f| quote_ident(&f.system_name))
            .collect::<Result<Vec<_>, _>>()?;
        let mut select_cols = vec![key.clone(), quote_ident(col::DELETED_AT)?];
        select_cols.extend(cols);
        let sql = format!(
            "SELECT {} FROM {tname} AS t {wher} {order} LIMIT ? OFFSET ?",
            select_cols.join(", ")
        );
        let count_sql = format!("SELECT COUNT(*) FROM {tname} AS t {wher}");

        let mut q = sqlx::query(&sql);
        let mut cq = sqlx::query_scalar::<_, i64>(&count_sql);
        for b in &binds {
            match b {
                Bind::Text(s) => {
                    q = q.bind(s.as_str());
                    cq = cq.bind(s.as_str());
                }
                Bind::Int(i) => {
                    q = q.bind(*i);
                    cq = cq.bind(*i);
                }
                Bind::Real(f) => {
                    q = q.bind(*f);
                    cq = cq.bind(*f);
                }
            }
        }
        let rows = q.bind(limit).bind(offset).fetch_all(self.pool()).await?;
        let total = cq.fetch_one(self.pool()).await?;
        let rows = rows
            .iter()
            .map(|r| {
                let values = table
                    .fields
                    .iter()
                    .enumerate()
                    .map(|(i, f)| read_value(r, i + 2, f.kind))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(ListingRow {
                    key: r.try_get(0)?,
                    deleted_at: r.try_get(1)?,
                    values,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(ListingPage {
            columns: table.fields.iter().map(|f| f.system_name.clone()).collect(),
            rows,
            total,
        })
    }
}

impl Store {
    /// Raw values (as received from the server) of up to `limit` listings matching
    /// `filters`, in key order after `after_key`: keyset paging for exports, so
    /// reading a million rows never re-scans what was already read.
    pub async fn raw_listings_after(
        &self,
        table: &ListingTable,
        filters: &[Filter],
        after_key: Option<&str>,
        limit: i64,
    ) -> Result<Vec<(String, std::collections::BTreeMap<String, String>)>, StoreError> {
        let tname = quote_ident(&table.table_name)?;
        let raw = quote_ident(&table.raw_table_name())?;
        let key = quote_ident(col::KEY)?;
        let (mut wher, mut binds) = where_clause(table, filters)?;
        if let Some(after) = after_key {
            wher.push_str(&format!(" AND t.{key} > ?"));
            binds.push(Bind::Text(after.to_owned()));
        }
        // Filters name typed columns of `t`; qualify the key, which both tables have.
        let sql = format!(
            "SELECT t.{key}, r.{} FROM {tname} AS t JOIN {raw} AS r ON r.{key} = t.{key} {wher} ORDER BY t.{key} LIMIT ?",
            quote_ident(col::RAW)?
        );
        let mut q = sqlx::query_as::<_, (String, String)>(&sql);
        for b in &binds {
            q = match b {
                Bind::Text(s) => q.bind(s.as_str()),
                Bind::Int(i) => q.bind(*i),
                Bind::Real(f) => q.bind(*f),
            };
        }
        q.bind(limit)
            .fetch_all(self.pool())
            .await?
            .into_iter()
            .map(|(k, json)| Ok((k, serde_json::from_str(&json)?)))
            .collect()
    }
}

/// One listing as an export reads it: raw values as received, and the path of
/// its first downloaded photo when asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawListing {
    /// Listing key.
    pub key: String,
    /// Raw values by SystemName.
    pub values: std::collections::BTreeMap<String, String>,
    /// Path of the photo with the lowest object id, if any was downloaded.
    pub first_photo: Option<String>,
}

impl Store {
    /// Streams every listing of `table` matching `filters`, in `sort` order
    /// (then key, as [`Store::query_listings`] orders them), to `tx` in batches
    /// of `batch`, with each listing's first photo when `with_photos`. One
    /// query reads the rows as they are sent, so memory stays flat; it stops
    /// early, without error, when the receiver is dropped. Returns rows sent.
    #[allow(clippy::too_many_arguments)]
    pub async fn send_raw_listings(
        &self,
        table: &ListingTable,
        filters: &[Filter],
        sort: Option<&Sort>,
        with_photos: bool,
        batch: usize,
        tx: &tokio::sync::mpsc::Sender<Vec<RawListing>>,
    ) -> Result<u64, StoreError> {
        use futures_util::TryStreamExt;

        let tname = quote_ident(&table.table_name)?;
        let raw = quote_ident(&table.raw_table_name())?;
        let key = quote_ident(col::KEY)?;
        let (wher, binds) = where_clause(table, filters)?;
        let order = match sort {
            Some(s) => format!(
                "ORDER BY {} {}, t.{key}",
                column(table, &s.field)?,
                if s.descending { "DESC" } else { "ASC" }
            ),
            None => format!("ORDER BY t.{key}"),
        };
        let photo = if with_photos {
            format!(
                "(SELECT p.path FROM photos AS p WHERE p.connection_id = ? AND p.resource = ? \
                 AND p.listing_key = t.{key} ORDER BY p.object_id LIMIT 1)"
            )
        } else {
            "NULL".to_owned()
        };
        // Filters name typed columns of `t`; qualify the key, which both tables have.
        let sql = format!(
            "SELECT t.{key}, r.{}, {photo} FROM {tname} AS t JOIN {raw} AS r ON r.{key} = t.{key} {wher} {order}",
            quote_ident(col::RAW)?
        );
        let mut q = sqlx::query_as::<_, (String, String, Option<String>)>(&sql);
        if with_photos {
            q = q.bind(table.connection_id).bind(table.resource.as_str());
        }
        for b in &binds {
            q = match b {
                Bind::Text(s) => q.bind(s.as_str()),
                Bind::Int(i) => q.bind(*i),
                Bind::Real(f) => q.bind(*f),
            };
        }
        let batch = batch.max(1);
        let mut rows = q.fetch(self.pool());
        let mut pending = Vec::with_capacity(batch);
        let mut sent = 0u64;
        while let Some((key, json, first_photo)) = rows.try_next().await? {
            pending.push(RawListing {
                key,
                values: serde_json::from_str(&json)?,
                first_photo,
            });
            if pending.len() == batch {
                sent += pending.len() as u64;
                let full = std::mem::replace(&mut pending, Vec::with_capacity(batch));
                if tx.send(full).await.is_err() {
                    return Ok(sent);
                }
            }
        }
        if !pending.is_empty() {
            sent += pending.len() as u64;
            if tx.send(pending).await.is_err() {
                return Ok(sent);
            }
        }
        Ok(sent)
    }

    /// Calls `visit` with the key and the text of column `field` of every
    /// listing not marked deleted (NULL values skipped), reading rows as they
    /// come so memory stays flat. Returns how many listings were visited.
    pub async fn for_each_listing_text(
        &self,
        table: &ListingTable,
        field: &str,
        mut visit: impl FnMut(&str, &str),
    ) -> Result<u64, StoreError> {
        use futures_util::TryStreamExt;

        let c = column(table, field)?;
        let sql = format!(
            "SELECT t.{}, CAST({c} AS TEXT) FROM {} AS t WHERE t.{} IS NULL AND {c} IS NOT NULL",
            quote_ident(col::KEY)?,
            quote_ident(&table.table_name)?,
            quote_ident(col::DELETED_AT)?,
        );
        let mut rows = sqlx::query_as::<_, (String, String)>(&sql).fetch(self.pool());
        let mut n = 0;
        while let Some((key, value)) = rows.try_next().await? {
            visit(&key, &value);
            n += 1;
        }
        Ok(n)
    }
}
