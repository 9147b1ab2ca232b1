//! Every analytics answer that is a table (statistics, forecasts, estimates,
//! comparables) is a [`Table`]: named, typed columns and rows of cells. One
//! writer turns it into CSV or XLSX (through the export crate's sinks, so files
//! are atomic and typed like every other export) or NDJSON/JSON with real
//! numbers and nulls.

use std::path::PathBuf;

use mls_export::{Column, ColumnKind, ExportOptions, Format, Target};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::AnalyticsError;
use crate::frame::fmt_num;

/// The type of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum CellKind {
    Text,
    Integer,
    Number,
    Date,
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(untagged)]
pub enum Cell {
    /// A number.
    Num(f64),
    /// Text (dates as `YYYY-MM-DD`).
    Text(String),
    /// Nothing: not applicable, or a field the class lacks.
    Null,
}

impl Cell {
    /// A number, or [`Cell::Null`] for `None` and non-finite values.
    pub fn num(x: Option<f64>) -> Cell {
        match x {
            Some(x) if x.is_finite() => Cell::Num(x),
            _ => Cell::Null,
        }
    }

    /// Text, or [`Cell::Null`] for `None`.
    pub fn text(s: Option<impl Into<String>>) -> Cell {
        s.map_or(Cell::Null, |s| Cell::Text(s.into()))
    }

    /// The cell as CSV/XLSX text (empty for null).
    pub fn to_text(&self) -> String {
        match self {
            Cell::Num(x) => fmt_num(*x),
            Cell::Text(s) => s.clone(),
            Cell::Null => String::new(),
        }
    }

    /// The number, if the cell holds one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Cell::Num(x) => Some(*x),
            _ => None,
        }
    }

    fn to_json(&self) -> serde_json::Value {
        match self {
            Cell::Num(x) => {
                serde_json::Number::from_f64(*x).map_or(serde_json::Value::Null, Into::into)
            }
            Cell::Text(s) => s.clone().into(),
            Cell::Null => serde_json::Value::Null,
        }
    }
}

/// A table of results.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Table {
    /// Column names and kinds.
    pub columns: Vec<(String, CellKind)>,
    /// Rows, each aligned with `columns`.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table with these columns.
    pub fn new(columns: &[(&str, CellKind)]) -> Table {
        Table {
            columns: columns.iter().map(|(n, k)| ((*n).to_owned(), *k)).collect(),
            rows: Vec::new(),
        }
    }

    /// Index of column `name`.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|(n, _)| n == name)
    }

    /// The cell of `row` in column `name`.
    pub fn get(&self, row: usize, name: &str) -> Option<&Cell> {
        self.rows.get(row)?.get(self.index(name)?)
    }

    /// Rows as JSON objects (column name → value).
    pub fn json_rows(&self) -> Vec<serde_json::Value> {
        self.rows
            .iter()
            .map(|row| {
                let map: serde_json::Map<String, serde_json::Value> = self
                    .columns
                    .iter()
                    .zip(row)
                    .map(|((name, _), cell)| (name.clone(), cell.to_json()))
                    .collect();
                serde_json::Value::Object(map)
            })
            .collect()
    }
}

/// File formats for tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableFormat {
    Csv,
    Ndjson,
    Xlsx,
}

/// Writes `table` to `out` (standard output when `None`) as `format`.
pub fn write_table(
    table: &Table,
    format: TableFormat,
    out: Option<PathBuf>,
    sheet_name: &str,
) -> Result<(), AnalyticsError> {
    let target = out.map_or(Target::Stdout, Target::File);
    if format == TableFormat::Ndjson {
        let mut text = String::new();
        for row in table.json_rows() {
            text.push_str(&row.to_string());
            text.push('\n');
        }
        return write_text(target, &text);
    }
    let options = ExportOptions {
        formula_guard: false,
        excel_dates: true,
        sheet_name: sheet_name.to_owned(),
        ..ExportOptions::default()
    };
    let format = match format {
        TableFormat::Csv => Format::Csv,
        _ => Format::Xlsx,
    };
    let columns: Vec<Column> = table
        .columns
        .iter()
        .map(|(name, kind)| {
            Column::new(
                name.clone(),
                match kind {
                    CellKind::Text => ColumnKind::Text,
                    CellKind::Integer => ColumnKind::Integer,
                    CellKind::Number => ColumnKind::Decimal,
                    CellKind::Date => ColumnKind::Date,
                },
            )
        })
        .collect();
    let mut sink = mls_export::open_sink(format, target, options).map_err(export_err)?;
    sink.write_header(&columns).map_err(export_err)?;
    let mut values = Vec::with_capacity(columns.len());
    for row in &table.rows {
        values.clear();
        values.extend(row.iter().map(Cell::to_text));
        sink.write_row(&values).map_err(export_err)?;
    }
    sink.finish().map_err(export_err)?;
    Ok(())
}

/// Writes text to a file atomically (or to standard output).
pub fn write_text(target: Target, text: &str) -> Result<(), AnalyticsError> {
    match target {
        Target::Stdout => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| {
                    AnalyticsError::InvalidArgument(format!("cannot write to standard output: {e}"))
                })
        }
        Target::File(path) => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let tmp = dir.join(format!(
                ".{}.partial",
                path.file_name().and_then(|n| n.to_str()).unwrap_or("out")
            ));
            std::fs::write(&tmp, text)
                .and_then(|()| std::fs::rename(&tmp, &path))
                .map_err(|e| {
                    let _ = std::fs::remove_file(&tmp);
                    AnalyticsError::InvalidArgument(format!("cannot write {}: {e}", path.display()))
                })
        }
    }
}

fn export_err(e: mls_export::ExportError) -> AnalyticsError {
    AnalyticsError::InvalidArgument(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new(&[
            ("area", CellKind::Text),
            ("n", CellKind::Integer),
            ("p", CellKind::Number),
        ]);
        t.rows.push(vec![
            Cell::Text("Ann Arbor".into()),
            Cell::Num(3.0),
            Cell::Num(0.25),
        ]);
        t.rows
            .push(vec![Cell::Text("Troy".into()), Cell::Num(0.0), Cell::Null]);
        t
    }

    #[test]
    fn writes_csv_and_ndjson() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("t.csv");
        write_table(&sample(), TableFormat::Csv, Some(csv.clone()), "Stats").unwrap();
        assert_eq!(
            std::fs::read_to_string(&csv).unwrap(),
            "area,n,p\r\nAnn Arbor,3,0.25\r\nTroy,0,\r\n"
        );
        let nd = dir.path().join("t.ndjson");
        write_table(&sample(), TableFormat::Ndjson, Some(nd.clone()), "Stats").unwrap();
        let text = std::fs::read_to_string(&nd).unwrap();
        let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(first["n"], 3.0);
        assert!(text.lines().nth(1).unwrap().contains("\"p\":null"));
        let xlsx = dir.path().join("t.xlsx");
        write_table(&sample(), TableFormat::Xlsx, Some(xlsx.clone()), "Stats").unwrap();
        assert!(std::fs::metadata(&xlsx).unwrap().len() > 1000);
    }
}
