//! Spreadsheet import as a filter: a client's wish list or a set of comparables
//! (XLSX, XLS, XLSB, ODS, CSV) is previewed for the column-mapping step, then
//! its listing keys — or its addresses, matched against the replica — become
//! the key list the Results grid filters by. Problems name sheet, row, column.
//!
//! Adapters over [`mls_workbench::portal::import`]: the rules live there.

use mls_workbench::portal::import::{self as area, *};
use mls_workbench::{ClassTarget, Portal};
use tauri::State;

use crate::error::CommandResult;

/// Sheets of the spreadsheet at `path` with their first rows, for the mapping step.
#[tauri::command]
pub async fn import_preview(path: String) -> CommandResult<ImportPreview> {
    area::import_preview(path).await
}

/// Reads the spreadsheet at `path` through `mapping` and matches its keys (or
/// addresses) against the replica of `target`.
#[tauri::command]
pub async fn import_keys(
    state: State<'_, Portal>,
    path: String,
    mapping: ImportMappingInput,
    target: ClassTarget,
) -> CommandResult<ImportKeysResult> {
    state.import_keys(path, mapping, target).await
}
