//! Reading a spreadsheet into plain text cells. Workbooks (XLSX, XLSM, XLS,
//! XLSB, ODS) go through calamine, CSV/TSV through the csv crate; both end up
//! as the same [`Table`] so the column-mapping step never cares which it was.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use super::ImportError;
use crate::serial;

/// All sheets of an imported file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Sheets in workbook order (a CSV file is one sheet named after the file).
    pub sheets: Vec<Sheet>,
}

/// One sheet as text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// Sheet name.
    pub name: String,
    /// Rows from the top of the sheet (row 1 is `rows[0]`); trailing empty cells dropped.
    pub rows: Vec<Vec<String>>,
    /// 0-based `(row, column)` of cells holding spreadsheet errors (`#N/A`, …), sorted.
    pub error_cells: Vec<(usize, usize)>,
}

impl Sheet {
    /// The text of a cell, `""` when outside the data.
    pub fn cell(&self, row: usize, column: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .map_or("", String::as_str)
    }

    /// True when the cell holds a spreadsheet error value.
    pub fn is_error(&self, row: usize, column: usize) -> bool {
        self.error_cells.binary_search(&(row, column)).is_ok()
    }
}

/// Reads every sheet of a workbook or CSV file. The format is chosen by the
/// file extension (`.csv`, `.tsv`, `.txt` are CSV; anything else a workbook).
pub fn read_table(path: &Path) -> Result<Table, ImportError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "tsv" | "txt" => read_csv(path),
        _ => read_workbook(path),
    }
}

fn read_workbook(path: &Path) -> Result<Table, ImportError> {
    let mut workbook = open_workbook_auto(path).map_err(|source| ImportError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|source| ImportError::Sheet {
                path: path.to_path_buf(),
                sheet: name.clone(),
                source,
            })?;
        let mut sheet = Sheet {
            name,
            ..Sheet::default()
        };
        if let Some((top, left)) = range.start() {
            let (top, left) = (top as usize, left as usize);
            sheet.rows.resize(top, Vec::new());
            for (r, cells) in range.rows().enumerate() {
                let mut row = vec![String::new(); left];
                for (c, cell) in cells.iter().enumerate() {
                    if matches!(cell, Data::Error(_)) {
                        sheet.error_cells.push((top + r, left + c));
                    }
                    row.push(cell_text(cell));
                }
                while row.last().is_some_and(String::is_empty) {
                    row.pop();
                }
                sheet.rows.push(row);
            }
        }
        sheets.push(sheet);
    }
    Ok(Table { sheets })
}

/// The text a user would expect for a cell: whole numbers without `.0`,
/// dates as ISO text.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            serial::format_serial(d.as_f64()).unwrap_or_else(|| float_text(d.as_f64()))
        }
        Data::DateTime(d) => float_text(d.as_f64()),
        Data::Error(e) => e.to_string(),
    }
}

fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

fn read_csv(path: &Path) -> Result<Table, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(text))
        .from_reader(text);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|source| ImportError::Csv {
            path: path.to_path_buf(),
            source,
        })?;
        let mut row: Vec<String> = record.iter().map(str::to_string).collect();
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
        rows.push(row);
    }
    let name = path
        .file_stem()
        .map_or_else(|| "CSV".to_string(), |s| s.to_string_lossy().into_owned());
    Ok(Table {
        sheets: vec![Sheet {
            name,
            rows,
            error_cells: Vec::new(),
        }],
    })
}

/// Picks the delimiter (comma, tab, semicolon or pipe) most frequent in the first line.
fn sniff_delimiter(text: &[u8]) -> u8 {
    let first_line = text.split(|b| *b == b'\n').next().unwrap_or_default();
    [b',', b'\t', b';', b'|']
        .into_iter()
        .max_by_key(|d| first_line.iter().filter(|b| *b == d).count())
        .filter(|d| first_line.contains(d))
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_common_delimiters() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1,2,3"), b',');
        assert_eq!(sniff_delimiter(b"a\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter(b"a;b\n"), b';');
        assert_eq!(sniff_delimiter(b"a|b|c"), b'|');
        assert_eq!(sniff_delimiter(b"ListingKey\nL1\n"), b',');
    }

    #[test]
    fn numbers_read_as_users_see_them() {
        assert_eq!(cell_text(&Data::Float(12345.0)), "12345");
        assert_eq!(cell_text(&Data::Float(2.5)), "2.5");
        assert_eq!(cell_text(&Data::Int(-7)), "-7");
        assert_eq!(cell_text(&Data::Bool(true)), "TRUE");
        assert_eq!(cell_text(&Data::Empty), "");
    }
}
