//! Reading a spreadsheet into plain text cells. Workbooks (XLSX, XLSM, XLS,
//! XLSB, ODS) go through calamine, CSV/TSV through the csv crate; both end up
//! as the same [`Table`] so the column-mapping step never cares which it was.

use std::path::Path;

use calamine::{Data, DataRef, Reader, Sheets, open_workbook_auto};

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

/// What an imported file may hold. A file from a client can be a few KB that
/// claims a million rows by sixteen thousand columns, or a zip that inflates
/// to gigabytes; past these limits the import stops with `import.too_large`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportLimits {
    /// Largest file on disk.
    pub max_file_bytes: u64,
    /// Most cells held per sheet, counting the empty ones left of a cell.
    pub max_cells: usize,
    /// Largest uncompressed part of an XLSX/XLSB/ODS file (sheet, shared strings).
    pub max_part_bytes: u64,
}

impl Default for ImportLimits {
    fn default() -> Self {
        ImportLimits {
            max_file_bytes: 512 << 20,
            max_cells: 50_000_000,
            max_part_bytes: 2 << 30,
        }
    }
}

/// Reads every sheet of a workbook or CSV file within the default
/// [`ImportLimits`]. The format is chosen by the file extension (`.csv`,
/// `.tsv`, `.txt` are CSV; anything else a workbook).
pub fn read_table(path: &Path) -> Result<Table, ImportError> {
    read_table_within(path, &ImportLimits::default())
}

/// [`read_table`] within `limits`.
pub fn read_table_within(path: &Path, limits: &ImportLimits) -> Result<Table, ImportError> {
    let too_large = |what: String, limit: String| ImportError::TooLarge {
        path: path.to_path_buf(),
        what,
        limit,
    };
    let size = std::fs::metadata(path)
        .map_err(|source| ImportError::Io {
            path: path.to_path_buf(),
            source,
        })?
        .len();
    if size > limits.max_file_bytes {
        return Err(too_large(
            format!("the file ({} MiB)", size >> 20),
            format!("{} MiB", limits.max_file_bytes >> 20),
        ));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "tsv" | "txt" => read_csv(path, limits),
        _ => read_workbook(path, limits),
    }
}

/// Rows of one sheet built cell by cell, never as a dense grid.
struct SheetBuilder<'a> {
    sheet: Sheet,
    cells: usize,
    limits: &'a ImportLimits,
}

impl SheetBuilder<'_> {
    fn put(&mut self, row: usize, column: usize, cell: &Data) -> Result<(), String> {
        let text = cell_text(cell);
        if matches!(cell, Data::Error(_)) {
            self.sheet.error_cells.push((row, column));
        } else if text.is_empty() {
            return Ok(());
        }
        if self.sheet.rows.len() <= row {
            self.sheet.rows.resize(row + 1, Vec::new());
        }
        let cells = &mut self.sheet.rows[row];
        let grows = (column + 1).saturating_sub(cells.len());
        self.cells += grows.max(1);
        if self.cells > self.limits.max_cells {
            return Err(format!("{} cells", self.limits.max_cells));
        }
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        cells[column] = text;
        Ok(())
    }

    fn finish(mut self) -> Sheet {
        for row in &mut self.sheet.rows {
            while row.last().is_some_and(String::is_empty) {
                row.pop();
            }
        }
        self.sheet.error_cells.sort_unstable();
        self.sheet
    }
}

fn read_workbook(path: &Path, limits: &ImportLimits) -> Result<Table, ImportError> {
    check_zip_parts(path, limits)?;
    let mut workbook = open_workbook_auto(path).map_err(|source| ImportError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let mut b = SheetBuilder {
            sheet: Sheet {
                name: name.clone(),
                ..Sheet::default()
            },
            cells: 0,
            limits,
        };
        let sheet_err = |source: calamine::Error| ImportError::Sheet {
            path: path.to_path_buf(),
            sheet: name.clone(),
            source,
        };
        let too_large = |limit: String| ImportError::TooLarge {
            path: path.to_path_buf(),
            what: format!("sheet {name:?}"),
            limit,
        };
        // XLSX and XLSB stream their cells; XLS (at most 65,536 × 256) and ODS
        // only read as a range.
        match &mut workbook {
            Sheets::Xlsx(x) => {
                let mut cells = x
                    .worksheet_cells_reader(&name)
                    .map_err(|e| sheet_err(e.into()))?;
                put_streamed(&mut b, || cells.next_cell(), &sheet_err, &too_large)?;
            }
            Sheets::Xlsb(x) => {
                let mut cells = x
                    .worksheet_cells_reader(&name)
                    .map_err(|e| sheet_err(e.into()))?;
                put_streamed(&mut b, || cells.next_cell(), &sheet_err, &too_large)?;
            }
            other => {
                let range = other.worksheet_range(&name).map_err(sheet_err)?;
                let (top, left) = range.start().unwrap_or((0, 0));
                for (r, c, cell) in range.used_cells() {
                    b.put(top as usize + r, left as usize + c, cell)
                        .map_err(too_large)?;
                }
            }
        }
        sheets.push(b.finish());
    }
    Ok(Table { sheets })
}

/// Feeds the cells a streaming reader yields into `b`.
fn put_streamed<'c, E: Into<calamine::Error>>(
    b: &mut SheetBuilder<'_>,
    mut next: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'c>>>, E>,
    sheet_err: &impl Fn(calamine::Error) -> ImportError,
    too_large: &impl Fn(String) -> ImportError,
) -> Result<(), ImportError> {
    while let Some(cell) = next().map_err(|e| sheet_err(e.into()))? {
        let (r, c) = cell.get_position();
        let value = Data::from(cell.get_value().clone());
        b.put(r as usize, c as usize, &value).map_err(too_large)?;
    }
    Ok(())
}

/// Refuses a zip-based workbook whose parts inflate past the limit (a zip
/// bomb in `sharedStrings.xml` would otherwise be read whole on open).
fn check_zip_parts(path: &Path, limits: &ImportLimits) -> Result<(), ImportError> {
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(()); // calamine reports it
    };
    let Ok(mut archive) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return Ok(()); // not a zip: XLS, or calamine says what is wrong
    };
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(i) else {
            continue;
        };
        if entry.size() > limits.max_part_bytes {
            return Err(ImportError::TooLarge {
                path: path.to_path_buf(),
                what: format!(
                    "part {:?} ({} MiB unpacked)",
                    entry.name(),
                    entry.size() >> 20
                ),
                limit: format!("{} MiB per part", limits.max_part_bytes >> 20),
            });
        }
    }
    Ok(())
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

fn read_csv(path: &Path, limits: &ImportLimits) -> Result<Table, ImportError> {
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
    let mut cells = 0usize;
    for record in reader.records() {
        let record = record.map_err(|source| ImportError::Csv {
            path: path.to_path_buf(),
            source,
        })?;
        let mut row: Vec<String> = record.iter().map(str::to_string).collect();
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
        cells += row.len().max(1);
        if cells > limits.max_cells {
            return Err(ImportError::TooLarge {
                path: path.to_path_buf(),
                what: "the CSV file".into(),
                limit: format!("{} cells", limits.max_cells),
            });
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
