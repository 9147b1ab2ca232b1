//! Spreadsheet export and import for RETS listing data. Export streams rows
//! through a [`RowSink`] into NDJSON, CSV or XLSX with flat memory and atomic
//! files ([`replica`] feeds it a class of the local replica, for the app and the
//! CLI alike); import reads key or address lists from spreadsheets into DMQL
//! filters.

mod column;
mod control;
mod csv_sink;
mod error;
mod format;
mod import;
mod ndjson;
mod options;
mod output;
mod plan;
pub mod replica;
mod serial;
mod sink;
mod xlsx;

pub use column::{Column, ColumnKind};
pub use control::{ExportControl, ExportPhase};
pub use error::ExportError;
pub use format::Format;
pub use import::{
    CellRef, DEFAULT_MAX_QUERY_LEN, ImportError, ImportLimits, ImportMapping, ImportedRow, Sheet,
    Table, column_letter, keys_to_dmql, map_rows, map_rows_collecting, read_table,
    read_table_within,
};
pub use options::{ExportOptions, Target};
pub use plan::{ColumnPlan, FieldInfo, HeaderStyle, Lookup, LookupMode, PHOTOS_COLUMN};
pub use replica::{ReplicaExport, ReplicaExportError, ReplicaExportReport, export_replica};
pub use sink::{ExportSummary, RowSink, open_sink};
pub use xlsx::{EXCEL_DATA_ROWS, MAX_CELL_TEXT, TRUNCATION_MARKER, open_xlsx_sink_with_row_limit};
