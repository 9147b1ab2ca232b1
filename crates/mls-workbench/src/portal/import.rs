//! Spreadsheet import as a filter: a client's wish list or a set of comparables
//! (XLSX, XLS, XLSB, ODS, CSV) is previewed for the column-mapping step, then
//! its listing keys — or its addresses, matched against the replica — become
//! the key list the Results grid filters by. Problems name sheet, row, column.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use mls_export::{ImportError, ImportMapping, Table, column_letter, map_rows_collecting};
use mls_store::listings::{Filter, FilterOp, KEY_COLUMN, ListingTable};

use crate::Portal;
use crate::{ClassTarget, ErrorCode};
use crate::{CommandError, CommandResult};

/// Rows of each sheet the preview shows (the header candidate and data below it).
const PREVIEW_ROWS: usize = 6;
/// Most keys the grid can filter by at once (SQLite binds each as a parameter).
pub const MAX_FILTER_KEYS: usize = 30_000;
/// Most problems listed; the rest are counted.
const MAX_PROBLEMS: usize = 1000;
/// Keys checked against the replica per query.
const KEY_CHUNK: usize = 500;

/// One row of a sheet preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreviewRow {
    /// 1-based row number in the sheet.
    pub row: u32,
    /// Cell texts from column A.
    pub cells: Vec<String>,
}

/// A sheet as the mapping step shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ImportSheetPreview {
    /// Sheet name (a CSV file is one sheet named after the file).
    pub name: String,
    /// Rows holding any data.
    pub row_count: u32,
    /// Column letters (`A`, `B`, …) up to the widest row.
    pub columns: Vec<String>,
    /// The first non-empty rows: the header (when there is one) and data below it.
    pub first_rows: Vec<ImportPreviewRow>,
}

/// What a spreadsheet holds, for the column-mapping step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    /// File name without the folder.
    pub file_name: String,
    /// Sheets in workbook order.
    pub sheets: Vec<ImportSheetPreview>,
}

/// The user's column mapping: a key column, or address columns to join.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ImportMappingInput {
    /// Sheet name (`null` = the first sheet with data).
    pub sheet: Option<String>,
    /// Whether the first non-empty row is a header.
    pub has_header: bool,
    /// Column of listing keys: letter or header text.
    pub key_column: Option<String>,
    /// Columns of address parts, joined with spaces in this order.
    pub address_columns: Vec<String>,
}

/// One problem, at a cell or a row of the user's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ImportProblem {
    /// Sheet name.
    pub sheet: String,
    /// 1-based row number.
    pub row: u32,
    /// Column letter(s), e.g. `B`, or `B+C` for joined address columns.
    pub column: String,
    /// What is wrong, for the person who will fix the file.
    pub message: String,
}

/// How an imported spreadsheet found its listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum ImportMode {
    /// By listing keys in one column.
    Keys,
    /// By street addresses matched against the replica.
    Addresses,
}

/// The spreadsheet turned into a key list for the Results grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ImportKeysResult {
    /// File name without the folder.
    pub file_name: String,
    /// Whether keys or addresses were matched.
    pub mode: ImportMode,
    /// Keys of the replica's listings that matched: what the grid filters by.
    pub keys: Vec<String>,
    /// Distinct keys (keys mode) or address rows (addresses mode) read from the file.
    pub imported: u32,
    /// How many of those are in the replica.
    pub found: u32,
    /// The field addresses were matched against (addresses mode).
    pub address_field: Option<String>,
    /// Bad cells, keys not in the replica, unmatched addresses (at most 1000).
    pub problems: Vec<ImportProblem>,
    /// Problems beyond those listed.
    pub more_problems: u32,
}

fn import_error(err: ImportError) -> CommandError {
    let next = match &err {
        ImportError::Open { .. } | ImportError::Sheet { .. } | ImportError::Csv { .. } => {
            " Save it as XLSX, XLS, XLSB, ODS or CSV and try again."
        }
        ImportError::Io { .. } => " Check the path and that the file is not open elsewhere.",
        ImportError::SheetNotFound { .. } | ImportError::ColumnNotFound { .. } => {
            " Pick one from the lists."
        }
        ImportError::NothingMapped => " Choose the key column or the address columns.",
        _ => "",
    };
    CommandError::new(
        ErrorCode::of(err.code()),
        format!("{err}.{next}").replace("..", "."),
    )
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

async fn read(path: &str) -> CommandResult<(PathBuf, Table)> {
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() {
        return Err(CommandError::new(
            ErrorCode::InvalidArgument,
            "Type the path of a spreadsheet or choose one.",
        ));
    }
    if !path.is_file() {
        return Err(CommandError::new(
            ErrorCode::FileMissing,
            format!(
                "{} does not exist or is not a file; check the path.",
                path.display()
            ),
        ));
    }
    let at = path.clone();
    let table =
        tokio::task::spawn_blocking(move || mls_export::read_table(&at).map_err(import_error))
            .await
            .map_err(|e| CommandError::internal(e.to_string()))??;
    Ok((path, table))
}

fn preview(path: &Path, table: &Table) -> ImportPreview {
    let sheets = table
        .sheets
        .iter()
        .map(|sheet| {
            let filled = || {
                sheet
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
            };
            let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
            ImportSheetPreview {
                name: sheet.name.clone(),
                row_count: u32::try_from(filled().count()).unwrap_or(u32::MAX),
                columns: (0..width).map(column_letter).collect(),
                first_rows: filled()
                    .take(PREVIEW_ROWS)
                    .map(|(i, r)| ImportPreviewRow {
                        row: u32::try_from(i + 1).unwrap_or(u32::MAX),
                        cells: r.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    ImportPreview {
        file_name: file_name(path),
        sheets,
    }
}

#[derive(Default)]
struct Problems {
    list: Vec<ImportProblem>,
    more: u32,
}

impl Problems {
    fn push(&mut self, problem: ImportProblem) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(problem);
        } else {
            self.more = self.more.saturating_add(1);
        }
    }
}

fn row_number(row: usize) -> u32 {
    u32::try_from(row).unwrap_or(u32::MAX)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

async fn match_keys(
    state: &Portal,
    table: &ListingTable,
    rows: &[mls_export::ImportedRow],
    column: &str,
    problems: &mut Problems,
) -> CommandResult<ImportKeysResult> {
    // Distinct keys in file order, each with the first row it was on.
    let mut seen = HashSet::new();
    let keyed: Vec<(&str, &mls_export::ImportedRow)> = rows
        .iter()
        .filter_map(|r| Some((r.key.as_deref()?, r)))
        .filter(|(k, _)| seen.insert(*k))
        .collect();
    let mut present = HashSet::new();
    for chunk in keyed.chunks(KEY_CHUNK) {
        let filter = Filter {
            field: KEY_COLUMN.to_owned(),
            op: FilterOp::In(chunk.iter().map(|(k, _)| (*k).into()).collect()),
        };
        let page = state
            .store
            .query_listings(table, &[filter], None, 0, KEY_CHUNK as i64)
            .await?;
        present.extend(page.rows.into_iter().map(|r| r.key));
    }
    let mut keys = Vec::new();
    for (key, row) in &keyed {
        if present.contains(*key) {
            keys.push((*key).to_owned());
        } else {
            problems.push(ImportProblem {
                sheet: row.sheet.clone(),
                row: row_number(row.row),
                column: column.to_owned(),
                message: format!("listing key \"{key}\" is not in the downloaded listings"),
            });
        }
    }
    Ok(ImportKeysResult {
        file_name: String::new(),
        mode: ImportMode::Keys,
        imported: count(keyed.len()),
        found: count(keys.len()),
        keys,
        address_field: None,
        problems: Vec::new(),
        more_problems: 0,
    })
}

/// An address as compared: lower case, punctuation as spaces, single spaces.
fn normalise_address(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The forms of a stored address a user's line may equal: the whole address
/// and each run of its leading comma-separated parts (street; street and city; …).
fn address_forms(stored: &str) -> Vec<String> {
    let parts: Vec<&str> = stored.split(',').collect();
    let mut forms: Vec<String> = (1..=parts.len())
        .map(|n| normalise_address(&parts[..n].join(" ")))
        .collect();
    forms.dedup();
    forms
}

async fn match_addresses(
    state: &Portal,
    table: &ListingTable,
    field: &str,
    rows: &[mls_export::ImportedRow],
    columns: &str,
    problems: &mut Problems,
) -> CommandResult<ImportKeysResult> {
    let lines: Vec<String> = rows
        .iter()
        .map(|r| normalise_address(&r.address_line()))
        .collect();
    let mut wanted: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        if !line.is_empty() {
            wanted.entry(line.as_str()).or_default().push(i);
        }
    }
    let mut matched_rows = vec![false; rows.len()];
    let mut keys = Vec::new();
    let mut key_seen = HashSet::new();
    state
        .store
        .for_each_listing_text(table, field, |key, value| {
            for form in address_forms(value) {
                if let Some(hits) = wanted.get(form.as_str()) {
                    for &i in hits {
                        matched_rows[i] = true;
                    }
                    if key_seen.insert(key.to_owned()) {
                        keys.push(key.to_owned());
                    }
                }
            }
        })
        .await?;
    for (row, matched) in rows.iter().zip(&matched_rows) {
        if !matched {
            problems.push(ImportProblem {
                sheet: row.sheet.clone(),
                row: row_number(row.row),
                column: columns.to_owned(),
                message: format!(
                    "no downloaded listing has the address \"{}\"",
                    row.address_line()
                ),
            });
        }
    }
    Ok(ImportKeysResult {
        file_name: String::new(),
        mode: ImportMode::Addresses,
        imported: count(rows.len()),
        found: count(matched_rows.iter().filter(|m| **m).count()),
        keys,
        address_field: None,
        problems: Vec::new(),
        more_problems: 0,
    })
}

/// The field holding a one-line address: StandardName `UnparsedAddress`, else
/// a text field whose SystemName or StandardName mentions an address.
async fn address_field(
    state: &Portal,
    replica_id: i64,
    table: &ListingTable,
) -> CommandResult<Option<String>> {
    let snapshot = state.store.latest_metadata_snapshot(replica_id).await?;
    let known: Vec<(String, Option<String>)> = snapshot
        .and_then(|s| mls_export::replica::fields_from_snapshot(&s, &table.resource, &table.class))
        .map(|fields| {
            fields
                .into_iter()
                .map(|f| (f.system_name, f.standard_name))
                .collect()
        })
        .unwrap_or_default();
    let candidates: Vec<(String, Option<String>)> = table
        .fields
        .iter()
        .filter(|f| f.kind == mls_store::listings::FieldKind::Text)
        .map(|f| {
            let standard = known
                .iter()
                .find(|(s, _)| *s == f.system_name)
                .and_then(|(_, st)| st.clone());
            (f.system_name.clone(), standard)
        })
        .collect();
    Ok(pick_address_field(&candidates))
}

/// The best address field among `(SystemName, StandardName)` pairs.
fn pick_address_field(fields: &[(String, Option<String>)]) -> Option<String> {
    let has = |f: &(String, Option<String>), pred: &dyn Fn(&str) -> bool| {
        pred(&f.0.to_ascii_lowercase())
            || f.1
                .as_deref()
                .is_some_and(|s| pred(&s.to_ascii_lowercase()))
    };
    let ranks: [&dyn Fn(&str) -> bool; 3] = [
        &|n| n == "unparsedaddress",
        &|n| n.contains("unparsed"),
        &|n| n.contains("address") && !n.contains("mail") && !n.contains("web"),
    ];
    ranks
        .iter()
        .find_map(|pred| fields.iter().find(|f| has(f, *pred)))
        .map(|f| f.0.clone())
}

impl Portal {
    /// Reads the spreadsheet at `path` through `mapping` and matches its keys (or
    /// addresses) against the replica of `target`.
    pub async fn import_keys(
        &self,
        path: String,
        mapping: ImportMappingInput,
        target: ClassTarget,
    ) -> CommandResult<ImportKeysResult> {
        let by_keys = mapping.key_column.is_some();
        if by_keys != mapping.address_columns.is_empty() {
            return Err(CommandError::new(
                ErrorCode::InvalidArgument,
                "Choose either a key column or address columns.",
            ));
        }
        let table = self.synced_table(&target).await?;
        let (path, sheets) = read(&path).await?;
        let import_mapping = ImportMapping {
            sheet: mapping.sheet.clone(),
            has_header: mapping.has_header,
            key_column: mapping.key_column.clone(),
            address_columns: mapping.address_columns.clone(),
        };
        // The replica takes any key, so only spreadsheet errors are cell problems here.
        let (rows, bad_cells) =
            map_rows_collecting(&sheets, &import_mapping, false).map_err(import_error)?;
        let mut problems = Problems::default();
        for err in &bad_cells {
            if let Some(at) = err.cell() {
                problems.push(ImportProblem {
                    sheet: at.sheet.clone(),
                    row: row_number(at.row),
                    column: at.column.clone(),
                    message: err.detail(),
                });
            }
        }
        let mut result = if by_keys {
            let column = mapping.key_column.clone().unwrap_or_default();
            match_keys(self, &table, &rows, &column, &mut problems).await?
        } else {
            let field = address_field(self, table.connection_id, &table)
                .await?
                .ok_or_else(|| {
                    CommandError::new(
                        ErrorCode::NoAddressField,
                        format!(
                            "{target} has no address field to match against; import listing keys instead."
                        ),
                    )
                })?;
            let columns = mapping.address_columns.join("+");
            let mut result =
                match_addresses(self, &table, &field, &rows, &columns, &mut problems).await?;
            result.address_field = Some(field);
            result
        };
        if result.keys.len() > MAX_FILTER_KEYS {
            return Err(CommandError::new(
                ErrorCode::TooManyKeys,
                format!(
                    "{} listings matched; the grid filters by at most {MAX_FILTER_KEYS} at a time. Split the file and import the parts one after another.",
                    result.keys.len()
                ),
            ));
        }
        result.file_name = file_name(&path);
        problems.list.sort_by_key(|p| p.row);
        result.problems = problems.list;
        result.more_problems = problems.more;
        Ok(result)
    }
}

/// Sheets of the spreadsheet at `path` with their first rows, for the mapping step.
pub async fn import_preview(path: String) -> CommandResult<ImportPreview> {
    let (path, table) = read(&path).await?;
    Ok(preview(&path, &table))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_compare_by_words_and_leading_parts() {
        assert_eq!(
            normalise_address("  12  Main St.,  AUSTIN "),
            "12 main st austin"
        );
        let forms = address_forms("12 Main St, Austin, TX 78701");
        assert_eq!(
            forms,
            [
                "12 main st",
                "12 main st austin",
                "12 main st austin tx 78701"
            ]
        );
    }

    #[test]
    fn picks_the_unparsed_address_before_other_address_fields() {
        let f = |s: &str, st: Option<&str>| (s.to_owned(), st.map(str::to_owned));
        assert_eq!(
            pick_address_field(&[
                f("AGENT_EMAIL_ADDRESS", None),
                f("ADDR", Some("UnparsedAddress")),
                f("STREET_ADDRESS", None),
            ]),
            Some("ADDR".into())
        );
        assert_eq!(
            pick_address_field(&[f("EMAIL_ADDRESS", None), f("StreetAddress", None)]),
            Some("StreetAddress".into())
        );
        assert_eq!(pick_address_field(&[f("CITY", Some("City"))]), None);
    }

    #[test]
    fn preview_lists_sheets_columns_and_first_filled_rows() {
        let sheet = mls_export::Sheet {
            name: "Wish".into(),
            rows: vec![
                vec![],
                vec!["Key".into(), "Street".into()],
                vec!["L1".into()],
                vec!["L2".into(), "1 Elm".into(), "x".into()],
            ],
            error_cells: vec![],
        };
        let p = preview(
            Path::new("/tmp/wish.xlsx"),
            &Table {
                sheets: vec![sheet],
            },
        );
        assert_eq!(p.file_name, "wish.xlsx");
        let s = &p.sheets[0];
        assert_eq!(s.row_count, 3);
        assert_eq!(s.columns, ["A", "B", "C"]);
        assert_eq!(s.first_rows[0].row, 2);
        assert_eq!(s.first_rows[0].cells, ["Key", "Street"]);
        assert_eq!(s.first_rows.len(), 3);
    }
}
