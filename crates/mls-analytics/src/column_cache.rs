//! Columns a question read are kept in the replica as typed blobs, keyed by the
//! listing table's data version (which every write moves). The next question
//! reads a few blobs instead of every row of a wide table: on a 1M-listing
//! replica, seconds become a fraction of one. A stale version is never read,
//! and a failure to write the cache only costs speed, never an answer.

use std::collections::HashMap;

use futures_util::TryStreamExt;
use mls_store::Store;
use sqlx::Row;

use crate::error::AnalyticsError;
use crate::frame::{Col, TextCol};

const TABLE: &str = "CREATE TABLE IF NOT EXISTS analytics_columns (
    table_id INTEGER NOT NULL,
    data_version INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (table_id, name, kind))";

/// The kind stored for the listing keys (never a field's kind).
const KEYS: &str = "keys";

/// Blobs past this size are not cached (SQLite refuses values over 1 GB).
const MAX_BLOB: usize = 512 << 20;

/// Cached columns of one data version.
#[derive(Default)]
pub(crate) struct Cached {
    pub keys: Option<Vec<String>>,
    pub cols: HashMap<String, Col>,
}

fn kind_name(col: &Col) -> &'static str {
    match col {
        Col::Num(_) => "num",
        Col::Day(_) => "day",
        Col::Text(_) => "text",
    }
}

/// The cached columns of `wanted` (system name, kind) at `version`; what is
/// not cached (or does not decode) is simply absent.
pub(crate) async fn read(
    store: &Store,
    table_id: i64,
    version: i64,
    wanted: &[(String, &'static str)],
) -> Result<Cached, AnalyticsError> {
    sqlx::query(TABLE).execute(store.pool()).await?;
    let mut out = Cached::default();
    // Only the blobs asked for: a model may have cached 150 columns.
    let sql = format!(
        "SELECT name, kind, data FROM analytics_columns WHERE table_id = ? AND data_version = ?
         AND (kind = '{KEYS}' OR name IN ({}))",
        vec!["?"; wanted.len()].join(", ")
    );
    let mut query = sqlx::query(&sql).bind(table_id).bind(version);
    for (name, _) in wanted {
        query = query.bind(name);
    }
    let mut rows = query.fetch(store.pool());
    while let Some(row) = rows.try_next().await? {
        let name: String = row.try_get(0)?;
        let kind: String = row.try_get(1)?;
        let data: &[u8] = row.try_get(2)?;
        if kind == KEYS {
            out.keys = decode_strings(data);
        } else if wanted.iter().any(|(n, k)| *n == name && *k == kind)
            && let Some(col) = decode(&kind, data)
        {
            out.cols.insert(name, col);
        }
    }
    Ok(out)
}

/// Keeps `keys` and `cols` as the columns of `version`, replacing whatever
/// an older version left. Errors are the caller's to ignore.
pub(crate) async fn write(
    store: &Store,
    table_id: i64,
    version: i64,
    keys: &[String],
    cols: &[(&str, &Col)],
) -> Result<(), AnalyticsError> {
    let mut blobs = vec![(String::new(), KEYS, encode_strings(keys))];
    for (name, col) in cols {
        blobs.push((name.to_string(), kind_name(col), encode(col)));
    }
    blobs.retain(|(_, _, b)| b.len() <= MAX_BLOB);
    let mut tx = store.pool().begin().await?;
    sqlx::query(TABLE).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM analytics_columns WHERE table_id = ? AND data_version <> ?")
        .bind(table_id)
        .bind(version)
        .execute(&mut *tx)
        .await?;
    // Tables whose connection was deleted leave nothing behind.
    sqlx::query(
        "DELETE FROM analytics_columns WHERE table_id NOT IN (SELECT id FROM listing_tables)",
    )
    .execute(&mut *tx)
    .await?;
    for (name, kind, data) in blobs {
        sqlx::query(
            "INSERT INTO analytics_columns (table_id, data_version, name, kind, data)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (table_id, name, kind) DO UPDATE SET
               data_version = excluded.data_version, data = excluded.data",
        )
        .bind(table_id)
        .bind(version)
        .bind(name)
        .bind(kind)
        .bind(data)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

fn encode(col: &Col) -> Vec<u8> {
    match col {
        Col::Num(v) => v.iter().flat_map(|x| x.to_le_bytes()).collect(),
        Col::Day(v) => v.iter().flat_map(|x| x.to_le_bytes()).collect(),
        Col::Text(t) => {
            let mut out = (t.codes.len() as u64).to_le_bytes().to_vec();
            out.extend(t.codes.iter().flat_map(|x| x.to_le_bytes()));
            out.extend(encode_strings(&t.values));
            out
        }
    }
}

fn decode(kind: &str, data: &[u8]) -> Option<Col> {
    match kind {
        "num" => data.len().is_multiple_of(8).then(|| {
            Col::Num(
                data.chunks_exact(8)
                    .map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")))
                    .collect(),
            )
        }),
        "day" => data.len().is_multiple_of(4).then(|| {
            Col::Day(
                data.chunks_exact(4)
                    .map(|c| i32::from_le_bytes(c.try_into().expect("4 bytes")))
                    .collect(),
            )
        }),
        "text" => {
            let n = usize::try_from(u64::from_le_bytes(data.get(..8)?.try_into().ok()?)).ok()?;
            let end = n.checked_mul(4)?.checked_add(8)?;
            let codes: Vec<u32> = data
                .get(8..end)?
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
                .collect();
            let values = decode_strings(&data[end..])?;
            let valid = codes
                .iter()
                .all(|c| *c == crate::frame::NO_TEXT || (*c as usize) < values.len());
            valid.then_some(Col::Text(TextCol { codes, values }))
        }
        _ => None,
    }
}

/// Length-prefixed UTF-8 strings (keys may hold any character).
fn encode_strings(values: &[String]) -> Vec<u8> {
    let mut out = Vec::with_capacity(values.iter().map(|s| s.len() + 4).sum());
    for s in values {
        out.extend((s.len() as u32).to_le_bytes());
        out.extend(s.as_bytes());
    }
    out
}

fn decode_strings(mut data: &[u8]) -> Option<Vec<String>> {
    let mut out = Vec::new();
    while !data.is_empty() {
        let len = u32::from_le_bytes(data.get(..4)?.try_into().ok()?) as usize;
        let s = std::str::from_utf8(data.get(4..4 + len)?).ok()?;
        out.push(s.to_owned());
        data = &data[4 + len..];
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_round_trip_and_damage_is_refused() {
        let cols = [
            Col::Num(vec![1.5, f64::NAN, -3.0]),
            Col::Day(vec![1, crate::frame::NO_DAY, 20_000]),
            Col::Text(TextCol {
                codes: vec![0, crate::frame::NO_TEXT, 1],
                values: vec!["Springfield".into(), "Zürich\nnew line".into()],
            }),
        ];
        for col in &cols {
            let back = decode(kind_name(col), &encode(col)).unwrap();
            assert_eq!(format!("{back:?}"), format!("{col:?}"));
        }
        let text = encode(&cols[2]);
        assert!(decode("text", &text[..text.len() - 1]).is_none());
        assert!(decode("num", &[0; 7]).is_none());
        let keys = vec!["A1".to_owned(), String::new(), "ключ".into()];
        assert_eq!(decode_strings(&encode_strings(&keys)).unwrap(), keys);
    }
}
