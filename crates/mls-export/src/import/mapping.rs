//! The column-mapping step: the user says which sheet and which columns hold
//! listing keys or address parts, and the table becomes a list of
//! [`ImportedRow`]s, each remembering where it came from for later messages.

use super::error::CellRef;
use super::{ImportError, Sheet, Table};

/// Which sheet and columns to import. Columns are named by header text
/// (case-insensitive) or, failing that, by column letter (`A`, `B`, …, `AA`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportMapping {
    /// Sheet to read; `None` = the first sheet with any data.
    pub sheet: Option<String>,
    /// Whether the first non-empty row is a header row (default true).
    pub has_header: bool,
    /// Column holding listing keys.
    pub key_column: Option<String>,
    /// Columns holding address parts, in the order they should be joined.
    pub address_columns: Vec<String>,
}

impl Default for ImportMapping {
    fn default() -> Self {
        ImportMapping {
            sheet: None,
            has_header: true,
            key_column: None,
            address_columns: Vec::new(),
        }
    }
}

/// One non-blank data row after mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRow {
    /// Sheet the row came from.
    pub sheet: String,
    /// 1-based row number in that sheet.
    pub row: usize,
    /// The listing key, trimmed; `None` when no key column is mapped or the cell is blank.
    pub key: Option<String>,
    /// Address parts, trimmed, aligned with `ImportMapping::address_columns`.
    pub address: Vec<String>,
}

impl ImportedRow {
    /// The non-empty address parts joined with spaces (e.g. `"123 Main St Austin"`).
    pub fn address_line(&self) -> String {
        self.address
            .iter()
            .filter(|p| !p.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Spreadsheet column letters for a 0-based index (`0` → `A`, `26` → `AA`).
pub fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

fn column_from_letters(text: &str) -> Option<usize> {
    if text.is_empty() || text.len() > 3 || !text.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let n = text.bytes().fold(0usize, |acc, b| {
        acc * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    Some(n - 1)
}

/// Applies `mapping` to `table`, skipping rows whose mapped cells are all blank.
/// The first bad cell (a spreadsheet error, a key a DMQL list cannot hold) fails it.
pub fn map_rows(table: &Table, mapping: &ImportMapping) -> Result<Vec<ImportedRow>, ImportError> {
    let (rows, mut problems) = map_rows_collecting(table, mapping, true)?;
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems.swap_remove(0))
    }
}

/// Like [`map_rows`], but a bad cell only drops its row: the rows that mapped
/// and every cell problem (each naming its [`CellRef`]) come back together, so
/// a user sees all of them at once. Keys are checked for DMQL use only when
/// `dmql_keys` (a replica filter takes any key). Errors are about the mapping
/// itself (sheet or column not found, nothing mapped).
pub fn map_rows_collecting(
    table: &Table,
    mapping: &ImportMapping,
    dmql_keys: bool,
) -> Result<(Vec<ImportedRow>, Vec<ImportError>), ImportError> {
    if mapping.key_column.is_none() && mapping.address_columns.is_empty() {
        return Err(ImportError::NothingMapped);
    }
    let sheet = pick_sheet(table, mapping.sheet.as_deref())?;
    let header_index = if mapping.has_header {
        sheet
            .rows
            .iter()
            .position(|r| r.iter().any(|c| !c.trim().is_empty()))
    } else {
        None
    };
    let headers: &[String] = header_index.map_or(&[], |h| &sheet.rows[h]);
    let resolve = |name: &str| -> Result<usize, ImportError> {
        let wanted = name.trim();
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(wanted))
            .or_else(|| column_from_letters(wanted))
            .ok_or_else(|| ImportError::ColumnNotFound {
                sheet: sheet.name.clone(),
                column: name.to_string(),
                available: headers.iter().filter(|h| !h.is_empty()).cloned().collect(),
            })
    };
    let key_col = mapping.key_column.as_deref().map(resolve).transpose()?;
    let address_cols = mapping
        .address_columns
        .iter()
        .map(|c| resolve(c))
        .collect::<Result<Vec<_>, _>>()?;

    let at = |row: usize, col: usize| CellRef {
        sheet: sheet.name.clone(),
        row: row + 1,
        column: column_letter(col),
        header: headers.get(col).filter(|h| !h.is_empty()).cloned(),
    };
    let first_data = header_index.map_or(0, |h| h + 1);
    let mut out = Vec::new();
    let mut problems = Vec::new();
    'rows: for row in first_data..sheet.rows.len() {
        let mapped = key_col.iter().chain(&address_cols);
        if mapped
            .clone()
            .all(|&c| sheet.cell(row, c).trim().is_empty())
        {
            continue;
        }
        for &col in mapped {
            if sheet.is_error(row, col) {
                problems.push(ImportError::CellError {
                    at: at(row, col),
                    value: sheet.cell(row, col).to_string(),
                });
                continue 'rows;
            }
        }
        let key = match key_col {
            Some(col) => {
                let key = sheet.cell(row, col).trim();
                if dmql_keys && let Some(reason) = super::dmql::key_problem(key) {
                    problems.push(ImportError::InvalidKey {
                        at: at(row, col),
                        value: key.to_string(),
                        reason,
                    });
                    continue 'rows;
                }
                Some(key.to_string()).filter(|k| !k.is_empty())
            }
            None => None,
        };
        let address = address_cols
            .iter()
            .map(|&c| sheet.cell(row, c).trim().to_string())
            .collect();
        out.push(ImportedRow {
            sheet: sheet.name.clone(),
            row: row + 1,
            key,
            address,
        });
    }
    Ok((out, problems))
}

fn pick_sheet<'t>(table: &'t Table, name: Option<&str>) -> Result<&'t Sheet, ImportError> {
    let found = match name {
        Some(name) => table.sheets.iter().find(|s| s.name == name).or_else(|| {
            table
                .sheets
                .iter()
                .find(|s| s.name.eq_ignore_ascii_case(name))
        }),
        None => table
            .sheets
            .iter()
            .find(|s| s.rows.iter().any(|r| !r.is_empty()))
            .or(table.sheets.first()),
    };
    found.ok_or_else(|| ImportError::SheetNotFound {
        sheet: name.unwrap_or("(first sheet)").to_string(),
        available: table.sheets.iter().map(|s| s.name.clone()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collecting_keeps_good_rows_and_lists_every_bad_cell() {
        let sheet = Sheet {
            name: "Wish".into(),
            rows: vec![
                vec!["Key".into()],
                vec!["L1".into()],
                vec!["L-2".into()],
                vec!["#N/A".into()],
                vec!["L4".into()],
            ],
            error_cells: vec![(3, 0)],
        };
        let table = Table {
            sheets: vec![sheet],
        };
        let mapping = ImportMapping {
            key_column: Some("key".into()),
            ..ImportMapping::default()
        };
        let (rows, problems) = map_rows_collecting(&table, &mapping, true).unwrap();
        let keys: Vec<_> = rows.iter().filter_map(|r| r.key.as_deref()).collect();
        assert_eq!(keys, ["L1", "L4"]);
        let at: Vec<_> = problems
            .iter()
            .map(|p| p.cell().map(|c| (c.row, c.column.clone())))
            .collect();
        assert_eq!(at, [Some((3, "A".into())), Some((4, "A".into()))]);
        assert_eq!(problems[0].code(), "import.invalid_key");
        assert!(problems[1].detail().contains("#N/A"));
        // A replica filter takes any key; the spreadsheet error still drops its row.
        let (rows, problems) = map_rows_collecting(&table, &mapping, false).unwrap();
        let keys: Vec<_> = rows.iter().filter_map(|r| r.key.as_deref()).collect();
        assert_eq!(keys, ["L1", "L-2", "L4"]);
        assert_eq!(problems.len(), 1);
        // map_rows fails on the first.
        assert_eq!(
            map_rows(&table, &mapping).unwrap_err().code(),
            "import.invalid_key"
        );
    }

    #[test]
    fn column_letters_round_trip() {
        for (index, letters) in [
            (0, "A"),
            (1, "B"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(column_letter(index), letters);
            assert_eq!(column_from_letters(letters), Some(index));
        }
        assert_eq!(column_from_letters("b"), Some(1));
        assert_eq!(column_from_letters("A1"), None);
    }
}
