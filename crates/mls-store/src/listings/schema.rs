//! Creating and evolving listing tables. New fields become new columns; a field
//! whose type changed gets its column rebuilt from the raw JSON; fields the server
//! dropped keep their column. Indexes follow the caller's [`IndexHints`].

use std::collections::{BTreeMap, HashSet};

use sqlx::{Row, SqliteConnection};

use super::ident::{quote_ident, validate_field_name};
use super::value::{SqlValue, convert};
use super::{FieldSpec, IndexHints, ListingTable, col};
use crate::error::StoreError;
use crate::store::Store;

impl Store {
    /// The data version of listing table `table_id`: it changes whenever the
    /// table's rows change, so caches keyed by it are never stale.
    pub async fn listing_data_version(&self, table_id: i64) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT data_version FROM listing_tables WHERE id = ?")
                .bind(table_id)
                .fetch_optional(self.pool())
                .await?
                .unwrap_or(0),
        )
    }

    /// The registered listing table of (connection, resource, class), if any.
    pub async fn listing_table(
        &self,
        connection_id: i64,
        resource: &str,
        class: &str,
    ) -> Result<Option<ListingTable>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        load(&mut conn, connection_id, resource, class).await
    }

    /// Create the listing table of (connection, resource, class) or evolve it to
    /// `fields` without losing data; indexes follow `hints`.
    pub async fn ensure_listing_table(
        &self,
        connection_id: i64,
        resource: &str,
        class: &str,
        fields: &[FieldSpec],
        hints: &IndexHints,
    ) -> Result<ListingTable, StoreError> {
        let mut seen = HashSet::new();
        for f in fields {
            validate_field_name(&f.system_name)?;
            if !seen.insert(f.system_name.to_lowercase()) {
                return Err(StoreError::InvalidIdentifier(
                    f.system_name.clone(),
                    "duplicate field name (SQLite column names ignore case)",
                ));
            }
        }
        let mut tx = self.pool().begin().await?;
        let table = match load(&mut tx, connection_id, resource, class).await? {
            None => create(&mut tx, connection_id, resource, class, fields, hints).await?,
            Some(existing) => evolve(&mut tx, existing, fields, hints).await?,
        };
        tx.commit().await?;
        Ok(table)
    }
}

async fn load(
    conn: &mut SqliteConnection,
    connection_id: i64,
    resource: &str,
    class: &str,
) -> Result<Option<ListingTable>, StoreError> {
    let row = sqlx::query!(
        "SELECT id AS \"id!\", table_name, fields_json, hints_json FROM listing_tables
         WHERE connection_id = ? AND resource = ? AND class = ?",
        connection_id,
        resource,
        class
    )
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(ListingTable {
            id: r.id,
            connection_id,
            resource: resource.to_string(),
            class: class.to_string(),
            table_name: r.table_name,
            fields: serde_json::from_str(&r.fields_json)?,
            hints: serde_json::from_str(&r.hints_json)?,
        })
    })
    .transpose()
}

async fn create(
    conn: &mut SqliteConnection,
    connection_id: i64,
    resource: &str,
    class: &str,
    fields: &[FieldSpec],
    hints: &IndexHints,
) -> Result<ListingTable, StoreError> {
    let fields_json = serde_json::to_string(fields)?;
    let hints_json = serde_json::to_string(hints)?;
    // The table name is derived from the registry id, never from server strings.
    let pending = format!("pending-{connection_id}-{resource}-{class}");
    let id = sqlx::query!(
        "INSERT INTO listing_tables (connection_id, resource, class, table_name, fields_json,
            hints_json) VALUES (?, ?, ?, ?, ?, ?)",
        connection_id,
        resource,
        class,
        pending,
        fields_json,
        hints_json
    )
    .execute(&mut *conn)
    .await?
    .last_insert_rowid();
    let table_name = format!("listing_{id}");
    // A reused registry id starts from now, never from a version an older table had.
    super::write::bump_data_version(conn, id).await?;
    sqlx::query!(
        "UPDATE listing_tables SET table_name = ? WHERE id = ?",
        table_name,
        id
    )
    .execute(&mut *conn)
    .await?;

    let mut cols = vec![
        format!("{} TEXT PRIMARY KEY NOT NULL", quote_ident(col::KEY)?),
        format!("{} TEXT", quote_ident(col::MODIFIED)?),
        format!("{} TEXT", quote_ident(col::DELETED_AT)?),
        format!("{} TEXT NOT NULL", quote_ident(col::SYNCED_AT)?),
    ];
    for f in fields {
        cols.push(format!(
            "{} {}",
            quote_ident(&f.system_name)?,
            f.kind.sql_type()
        ));
    }
    let sql = format!(
        "CREATE TABLE {} ({})",
        quote_ident(&table_name)?,
        cols.join(", ")
    );
    sqlx::query(&sql).execute(&mut *conn).await?;
    let raw_sql = format!(
        "CREATE TABLE {} ({} TEXT PRIMARY KEY NOT NULL, {} TEXT NOT NULL)",
        quote_ident(&format!("{table_name}_raw"))?,
        quote_ident(col::KEY)?,
        quote_ident(col::RAW)?
    );
    sqlx::query(&raw_sql).execute(&mut *conn).await?;
    let table = ListingTable {
        id,
        connection_id,
        resource: resource.to_string(),
        class: class.to_string(),
        table_name,
        fields: fields.to_vec(),
        hints: hints.clone(),
    };
    sync_indexes(conn, &table).await?;
    Ok(table)
}

async fn evolve(
    conn: &mut SqliteConnection,
    mut table: ListingTable,
    fields: &[FieldSpec],
    hints: &IndexHints,
) -> Result<ListingTable, StoreError> {
    let tname = quote_ident(&table.table_name)?;
    let mut rebuild = Vec::new();
    let mut retyped = false;
    for f in fields {
        // SQLite column names ignore ASCII case: `City` that comes back as `CITY`
        // is the same column under its new spelling (the raw values use it).
        match table
            .fields
            .iter_mut()
            .find(|e| e.system_name.eq_ignore_ascii_case(&f.system_name))
        {
            Some(existing) if existing.kind == f.kind => {
                existing.system_name.clone_from(&f.system_name);
            }
            Some(existing) => {
                if !retyped {
                    drop_indexes(conn, &table.table_name).await?;
                    retyped = true;
                }
                let c = quote_ident(&f.system_name)?;
                tracing::info!(table = %table.table_name, field = %f.system_name,
                    from = ?existing.kind, to = ?f.kind, "listing column changes type");
                sqlx::query(&format!("ALTER TABLE {tname} DROP COLUMN {c}"))
                    .execute(&mut *conn)
                    .await?;
                let sql = format!("ALTER TABLE {tname} ADD COLUMN {c} {}", f.kind.sql_type());
                sqlx::query(&sql).execute(&mut *conn).await?;
                existing.kind = f.kind;
                existing.system_name.clone_from(&f.system_name);
                rebuild.push(f.clone());
            }
            None => {
                let c = quote_ident(&f.system_name)?;
                let sql = format!("ALTER TABLE {tname} ADD COLUMN {c} {}", f.kind.sql_type());
                sqlx::query(&sql).execute(&mut *conn).await?;
                table.fields.push(f.clone());
                rebuild.push(f.clone());
            }
        }
    }
    if !rebuild.is_empty() {
        backfill_from_raw(conn, &table, &rebuild).await?;
        super::write::bump_data_version(conn, table.id).await?;
    }
    table.hints = hints.clone();
    sync_indexes(conn, &table).await?;
    let fields_json = serde_json::to_string(&table.fields)?;
    let hints_json = serde_json::to_string(&table.hints)?;
    sqlx::query!(
        "UPDATE listing_tables SET fields_json = ?, hints_json = ? WHERE id = ?",
        fields_json,
        hints_json,
        table.id
    )
    .execute(&mut *conn)
    .await?;
    Ok(table)
}

/// Re-derive the typed columns `fields` of every row from its raw JSON.
async fn backfill_from_raw(
    conn: &mut SqliteConnection,
    table: &ListingTable,
    fields: &[FieldSpec],
) -> Result<(), StoreError> {
    let tname = quote_ident(&table.table_name)?;
    let rname = quote_ident(&table.raw_table_name())?;
    let key = quote_ident(col::KEY)?;
    let sets = fields
        .iter()
        .map(|f| Ok(format!("{} = ?", quote_ident(&f.system_name)?)))
        .collect::<Result<Vec<_>, StoreError>>()?
        .join(", ");
    // Paged by the listing key, never by `rowid`: a server field named `rowid`,
    // `oid` or `_rowid_` would shadow SQLite's row id.
    let update = format!("UPDATE {tname} SET {sets} WHERE {key} = ?");
    let select = format!(
        "SELECT t.{key}, r.{} FROM {tname} AS t JOIN {rname} AS r ON r.{key} = t.{key}
         WHERE t.{key} > ? ORDER BY t.{key} LIMIT 2000",
        quote_ident(col::RAW)?
    );
    let mut last = String::new();
    loop {
        let rows = sqlx::query(&select)
            .bind(&last)
            .fetch_all(&mut *conn)
            .await?;
        let Some(tail) = rows.last() else { break };
        last = tail.try_get(0)?;
        for row in rows {
            let listing: String = row.try_get(0)?;
            let raw: String = row.try_get(1)?;
            let values: BTreeMap<String, String> = serde_json::from_str(&raw)?;
            let mut q = sqlx::query(&update);
            for f in fields {
                let v = values
                    .get(&f.system_name)
                    .map_or(SqlValue::Null, |s| convert(f.kind, s));
                q = super::write::bind_value(q, v);
            }
            q.bind(listing).execute(&mut *conn).await?;
        }
    }
    Ok(())
}

fn index_prefix(table: &str) -> String {
    format!("{table}_ix_")
}

async fn drop_indexes(conn: &mut SqliteConnection, table: &str) -> Result<(), StoreError> {
    for name in existing_indexes(conn, table).await? {
        sqlx::query(&format!("DROP INDEX {}", quote_ident(&name)?))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn existing_indexes(
    conn: &mut SqliteConnection,
    table: &str,
) -> Result<Vec<String>, StoreError> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE ? || '%'",
    )
    .bind(table)
    .bind(index_prefix(table))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Make the table's indexes exactly those implied by its hints.
async fn sync_indexes(conn: &mut SqliteConnection, table: &ListingTable) -> Result<(), StoreError> {
    let h = &table.hints;
    // Index names carry the column positions, so a hint pointing at another field
    // yields a new name and the stale index is dropped below.
    let pos = |n: &str| table.fields.iter().position(|f| f.system_name == n);
    let has = |f: &Option<String>| f.as_ref().and_then(|n| pos(n).map(|p| (n.clone(), p)));
    let mut wanted: Vec<(String, Vec<String>)> = Vec::new();
    for (role, field) in [
        ("key", &h.key),
        ("modified", &h.modified),
        ("price", &h.price),
    ] {
        if let Some((f, p)) = has(field) {
            wanted.push((format!("{role}_{p}"), vec![f]));
        }
    }
    // The grid's usual questions, filter then sort: status by recency or price,
    // a city by price. Each pair also serves the first column alone.
    for (role, first, then) in [
        ("status", &h.status, [&h.modified, &h.price].as_slice()),
        ("city", &h.city, [&h.price].as_slice()),
    ] {
        let Some((f, p)) = has(first) else { continue };
        let mut any = false;
        for (second, q) in then.iter().filter_map(|s| has(s)) {
            wanted.push((format!("{role}_{p}_{q}"), vec![f.clone(), second]));
            any = true;
        }
        if !any {
            wanted.push((format!("{role}_{p}"), vec![f]));
        }
    }
    if let (Some((lat, p)), Some((lon, q))) = (has(&h.latitude), has(&h.longitude)) {
        wanted.push((format!("coords_{p}_{q}"), vec![lat, lon]));
    }
    let prefix = index_prefix(&table.table_name);
    let names: Vec<String> = wanted.iter().map(|(r, _)| format!("{prefix}{r}")).collect();
    for name in existing_indexes(conn, &table.table_name).await? {
        if !names.contains(&name) {
            sqlx::query(&format!("DROP INDEX {}", quote_ident(&name)?))
                .execute(&mut *conn)
                .await?;
        }
    }
    let tname = quote_ident(&table.table_name)?;
    for ((_, cols), name) in wanted.iter().zip(&names) {
        let cols = cols
            .iter()
            .map(|c| quote_ident(c))
            .collect::<Result<Vec<_>, _>>()?
            .join(", ");
        // `__deleted_at` trails every index: grid queries (which exclude deleted
        // rows) then filter and count from the index alone.
        let sql = format!(
            "CREATE INDEX IF NOT EXISTS {} ON {tname} ({cols}, {})",
            quote_ident(name)?,
            quote_ident(col::DELETED_AT)?
        );
        sqlx::query(&sql).execute(&mut *conn).await?;
    }
    Ok(())
}
