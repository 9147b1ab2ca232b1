//! Spreadsheet import: a user's list of listing keys or addresses (XLSX, XLS,
//! XLSB, ODS or CSV) becomes rows through a column mapping, and keys become
//! DMQL filters for a search or a replica query.

mod dmql;
mod error;
mod mapping;
mod table;

pub use dmql::{DEFAULT_MAX_QUERY_LEN, keys_to_dmql};
pub use error::{CellRef, ImportError};
pub use mapping::{ImportMapping, ImportedRow, column_letter, map_rows, map_rows_collecting};
pub use table::{ImportLimits, Sheet, Table, read_table, read_table_within};
