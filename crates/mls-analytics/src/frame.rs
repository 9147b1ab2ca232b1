//! The class's live listings read once into columns (numbers as `f64`, dates as
//! day numbers, text interned), so statistics, models and comparables work on
//! plain arrays instead of going back to SQLite per question.

use std::collections::HashMap;

use futures_util::TryStreamExt;
use mls_store::Store;
use mls_store::listings::{FieldKind, ListingTable, quote_ident};
use sqlx::Row;

use crate::column_cache;
use crate::error::AnalyticsError;
use crate::fields::Field;

/// A missing day.
pub const NO_DAY: i32 = i32::MIN;
/// A missing text value.
pub const NO_TEXT: u32 = u32::MAX;

/// One loaded column.
#[derive(Debug, Clone)]
pub enum Col {
    /// Numbers (`NaN` where missing).
    Num(Vec<f64>),
    /// Days since 1970-01-01 ([`NO_DAY`] where missing).
    Day(Vec<i32>),
    /// Interned text.
    Text(TextCol),
}

impl Col {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Col::Num(v) => v.len(),
            Col::Day(v) => v.len(),
            Col::Text(t) => t.codes.len(),
        }
    }

    /// True when the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Interned text: `codes[i]` indexes `values` ([`NO_TEXT`] where missing).
#[derive(Debug, Clone, Default)]
pub struct TextCol {
    pub codes: Vec<u32>,
    pub values: Vec<String>,
}

impl TextCol {
    /// The value of row `i`.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.values
            .get(*self.codes.get(i)? as usize)
            .map(String::as_str)
    }
}

/// The live listings of a class, column by column.
#[derive(Debug, Clone, Default)]
pub struct Frame {
    /// Listing keys, one per row.
    pub keys: Vec<String>,
    cols: HashMap<String, Col>,
}

impl Frame {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The column of `system_name`, if loaded.
    pub fn col(&self, system_name: &str) -> Option<&Col> {
        self.cols.get(system_name)
    }

    /// Numbers of a loaded numeric column.
    pub fn num(&self, system_name: &str) -> Option<&[f64]> {
        match self.cols.get(system_name)? {
            Col::Num(v) => Some(v),
            _ => None,
        }
    }

    /// Day numbers of a loaded date column.
    pub fn day(&self, system_name: &str) -> Option<&[i32]> {
        match self.cols.get(system_name)? {
            Col::Day(v) => Some(v),
            _ => None,
        }
    }

    /// Text of a loaded text column.
    pub fn text(&self, system_name: &str) -> Option<&TextCol> {
        match self.cols.get(system_name)? {
            Col::Text(v) => Some(v),
            _ => None,
        }
    }

    /// The row's value of any loaded column, as text (for display and filters).
    pub fn value_text(&self, system_name: &str, row: usize) -> Option<String> {
        match self.cols.get(system_name)? {
            Col::Num(v) => v.get(row).filter(|x| !x.is_nan()).map(|x| fmt_num(*x)),
            Col::Day(v) => v.get(row).filter(|d| **d != NO_DAY).map(|d| day_string(*d)),
            Col::Text(t) => t.get(row).map(str::to_owned),
        }
    }

    /// Any loaded column as interned text (numbers and dates formatted as
    /// [`Frame::value_text`] would), for grouping rows without a string per row.
    pub fn text_codes(&self, system_name: &str) -> Option<std::borrow::Cow<'_, TextCol>> {
        use std::borrow::Cow;
        if let Col::Text(t) = self.cols.get(system_name)? {
            return Some(Cow::Borrowed(t));
        }
        let mut out = TextCol::default();
        let mut index: HashMap<String, u32> = HashMap::new();
        for i in 0..self.len() {
            let code = match self.value_text(system_name, i) {
                None => NO_TEXT,
                Some(v) => *index.entry(v).or_insert_with_key(|v| {
                    out.values.push(v.clone());
                    (out.values.len() - 1) as u32
                }),
            };
            out.codes.push(code);
        }
        Some(Cow::Owned(out))
    }

    /// Keeps the rows where `keep` is true.
    pub fn retain(&mut self, keep: &[bool]) {
        fn pick<T: Copy>(v: &[T], keep: &[bool]) -> Vec<T> {
            v.iter()
                .zip(keep)
                .filter(|(_, k)| **k)
                .map(|(x, _)| *x)
                .collect()
        }
        self.keys = self
            .keys
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(x, _)| x.clone())
            .collect();
        for col in self.cols.values_mut() {
            match col {
                Col::Num(v) => *v = pick(v, keep),
                Col::Day(v) => *v = pick(v, keep),
                Col::Text(t) => t.codes = pick(&t.codes, keep),
            }
        }
    }

    /// Reads the live (not deleted) listings of `table`, with the columns of
    /// `fields`: from the column cache where it holds them at the table's
    /// current data version, from the rows otherwise (and then caches them).
    pub async fn load(
        store: &Store,
        table: &ListingTable,
        fields: &[&Field],
    ) -> Result<Frame, AnalyticsError> {
        let version = store.listing_data_version(table.id).await?;
        let wanted: Vec<(String, &'static str)> = fields
            .iter()
            .map(|f| (f.system_name.clone(), read_as(f.kind).name()))
            .collect();
        let mut cached = column_cache::read(store, table.id, version, &wanted).await?;
        let missing: Vec<&Field> = fields
            .iter()
            .copied()
            .filter(|f| !cached.cols.contains_key(&f.system_name))
            .collect();
        if let Some(keys) = cached.keys.take()
            && missing.is_empty()
            && cached.cols.values().all(|c| c.len() == keys.len())
        {
            return Ok(Frame {
                keys,
                cols: cached.cols,
            });
        }
        let mut read = Frame::read_rows(store, table, &missing).await?;
        // One statement reads one snapshot; an unchanged version before and after
        // means it is the snapshot the cached columns belong to.
        if store.listing_data_version(table.id).await? != version
            || cached.cols.values().any(|c| c.len() != read.len())
        {
            return Frame::read_rows(store, table, fields).await;
        }
        let fresh: Vec<(&str, &Col)> = missing
            .iter()
            .filter_map(|f| Some((f.system_name.as_str(), read.cols.get(&f.system_name)?)))
            .collect();
        // The cache is only for speed: a read-only or full disk still answers.
        let _ = column_cache::write(store, table.id, version, &read.keys, &fresh).await;
        read.cols.extend(cached.cols);
        Ok(read)
    }

    /// Reads `fields` of the live listings from the table's rows.
    async fn read_rows(
        store: &Store,
        table: &ListingTable,
        fields: &[&Field],
    ) -> Result<Frame, AnalyticsError> {
        let mut select = vec!["\"__key\"".to_owned()];
        for f in fields {
            let q = quote_ident(&f.system_name)?;
            select.push(match read_as(f.kind) {
                Read::Num => format!("CAST({q} AS REAL)"),
                Read::Day | Read::Text => format!("CAST({q} AS TEXT)"),
            });
        }
        let sql = format!(
            "SELECT {} FROM {} WHERE \"__deleted_at\" IS NULL ORDER BY \"__key\"",
            select.join(", "),
            quote_ident(&table.table_name)?
        );
        let mut keys = Vec::new();
        let mut nums: Vec<Vec<f64>> = vec![Vec::new(); fields.len()];
        let mut days: Vec<Vec<i32>> = vec![Vec::new(); fields.len()];
        let mut texts: Vec<(TextCol, HashMap<String, u32>)> =
            vec![Default::default(); fields.len()];
        let mut rows = sqlx::query(&sql).fetch(store.pool());
        while let Some(row) = rows.try_next().await? {
            keys.push(row.try_get::<String, _>(0)?);
            for (i, f) in fields.iter().enumerate() {
                match read_as(f.kind) {
                    Read::Num => {
                        nums[i].push(row.try_get::<Option<f64>, _>(i + 1)?.unwrap_or(f64::NAN))
                    }
                    Read::Day => {
                        let s: Option<&str> = row.try_get(i + 1)?;
                        days[i].push(s.and_then(parse_day).unwrap_or(NO_DAY));
                    }
                    Read::Text => {
                        let s: Option<&str> = row.try_get(i + 1)?;
                        let (col, index) = &mut texts[i];
                        let code = match s.map(str::trim).filter(|s| !s.is_empty()) {
                            None => NO_TEXT,
                            Some(s) => match index.get(s) {
                                Some(c) => *c,
                                None => {
                                    let c = col.values.len() as u32;
                                    col.values.push(s.to_owned());
                                    index.insert(s.to_owned(), c);
                                    c
                                }
                            },
                        };
                        col.codes.push(code);
                    }
                }
            }
        }
        let mut cols = HashMap::new();
        for (i, f) in fields.iter().enumerate() {
            let col = match read_as(f.kind) {
                Read::Num => Col::Num(std::mem::take(&mut nums[i])),
                Read::Day => Col::Day(std::mem::take(&mut days[i])),
                Read::Text => Col::Text(std::mem::take(&mut texts[i].0)),
            };
            cols.insert(f.system_name.clone(), col);
        }
        Ok(Frame { keys, cols })
    }

    /// A frame built in memory (tests, and callers that add derived columns).
    pub fn from_columns(keys: Vec<String>, cols: Vec<(String, Col)>) -> Frame {
        Frame {
            keys,
            cols: cols.into_iter().collect(),
        }
    }
}

enum Read {
    Num,
    Day,
    Text,
}

impl Read {
    fn name(&self) -> &'static str {
        match self {
            Read::Num => "num",
            Read::Day => "day",
            Read::Text => "text",
        }
    }
}

fn read_as(kind: FieldKind) -> Read {
    match kind {
        FieldKind::Integer | FieldKind::Decimal | FieldKind::Boolean => Read::Num,
        FieldKind::Date | FieldKind::DateTime => Read::Day,
        FieldKind::Text => Read::Text,
    }
}

/// Days since 1970-01-01 of `YYYY-MM-DD…` (also `MM/DD/YYYY`).
pub fn parse_day(s: &str) -> Option<i32> {
    use chrono::NaiveDate;
    let s = s.trim();
    let date = if s.len() >= 10 && s.as_bytes()[4] == b'-' {
        NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?
    } else {
        NaiveDate::parse_from_str(s.split([' ', 'T']).next()?, "%m/%d/%Y").ok()?
    };
    Some((date - epoch()).num_days() as i32)
}

fn epoch() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date")
}

/// The date of a day number.
pub fn date_of(day: i32) -> chrono::NaiveDate {
    epoch() + chrono::Duration::days(i64::from(day))
}

/// `YYYY-MM-DD` of a day number.
pub fn day_string(day: i32) -> String {
    date_of(day).format("%Y-%m-%d").to_string()
}

/// A number without a needless fraction (`350000`, `0.975`).
pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_parse_in_both_forms() {
        assert_eq!(parse_day("1970-01-02"), Some(1));
        assert_eq!(parse_day("2024-03-01T10:00:00"), parse_day("03/01/2024"));
        assert_eq!(day_string(parse_day("2024-02-29").unwrap()), "2024-02-29");
        assert_eq!(parse_day("soon"), None);
        assert_eq!(parse_day(""), None);
    }

    #[test]
    fn numbers_print_plainly() {
        assert_eq!(fmt_num(350000.0), "350000");
        assert_eq!(fmt_num(0.975), "0.975");
        assert_eq!(fmt_num(1.0 / 3.0), "0.333333");
    }

    #[test]
    fn retain_keeps_columns_aligned() {
        let mut f = Frame::from_columns(
            vec!["a".into(), "b".into(), "c".into()],
            vec![
                ("P".into(), Col::Num(vec![1.0, 2.0, 3.0])),
                ("D".into(), Col::Day(vec![1, NO_DAY, 3])),
            ],
        );
        f.retain(&[true, false, true]);
        assert_eq!(f.keys, ["a", "c"]);
        assert_eq!(f.num("P").unwrap(), [1.0, 3.0]);
        assert_eq!(f.day("D").unwrap(), [1, 3]);
    }
}
