//! Errors of the import side. Problems inside a spreadsheet name the sheet,
//! the 1-based row and the column (letter and header) so a user can find and
//! fix the cell in their own file.

use std::path::PathBuf;

/// A cell position as a user sees it: sheet, row number and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRef {
    /// Sheet name.
    pub sheet: String,
    /// 1-based row number.
    pub row: usize,
    /// Column letter(s), e.g. `B`.
    pub column: String,
    /// Header text of the column, when the sheet has a header row.
    pub header: Option<String>,
}

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "sheet {:?}, row {}, column {}",
            self.sheet, self.row, self.column
        )?;
        if let Some(header) = &self.header {
            write!(f, " ({header:?})")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong while reading a spreadsheet of keys or addresses.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be opened or parsed as a workbook.
    #[error("{path}: cannot read spreadsheet: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: calamine::Error,
    },

    /// One sheet of the workbook could not be read.
    #[error("{path}: cannot read sheet {sheet:?}: {source}")]
    Sheet {
        /// The file.
        path: PathBuf,
        /// The sheet.
        sheet: String,
        /// The underlying error.
        #[source]
        source: calamine::Error,
    },

    /// A CSV file could not be read.
    #[error("{path}: cannot read CSV: {source}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: csv::Error,
    },

    /// Reading the file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },

    /// The file, or one of its sheets, holds more than the import limits allow.
    #[error(
        "{path}: {what} is larger than the import allows ({limit}); split the file or keep only the columns you need"
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// What is too large (the file, or a sheet by name).
        what: String,
        /// The limit, in words.
        limit: String,
    },

    /// The mapping names a sheet the workbook does not have.
    #[error("no sheet named {sheet:?} (sheets: {})", available.join(", "))]
    SheetNotFound {
        /// The requested sheet.
        sheet: String,
        /// The sheets that exist.
        available: Vec<String>,
    },

    /// The mapping names a column that is neither a header nor a column letter.
    #[error("sheet {sheet:?}: no column {column:?} (headers: {})", available.join(", "))]
    ColumnNotFound {
        /// The sheet searched.
        sheet: String,
        /// The requested column.
        column: String,
        /// The header texts found.
        available: Vec<String>,
    },

    /// The mapping selects neither a key column nor any address column.
    #[error("the column mapping selects no key column and no address columns")]
    NothingMapped,

    /// A mapped cell holds a spreadsheet error such as `#N/A`.
    #[error("{at}: the cell holds the spreadsheet error {value}")]
    CellError {
        /// Where.
        at: CellRef,
        /// The error text, e.g. `#N/A`.
        value: String,
    },

    /// A listing key cannot be used in a DMQL query.
    #[error("{at}: listing key {value:?} {reason}")]
    InvalidKey {
        /// Where.
        at: CellRef,
        /// The cell text.
        value: String,
        /// Why it was rejected.
        reason: &'static str,
    },

    /// A key passed to [`crate::keys_to_dmql`] cannot be used in a DMQL query.
    #[error("listing key {value:?} {reason}")]
    UnusableKey {
        /// The key.
        value: String,
        /// Why it was rejected.
        reason: &'static str,
    },

    /// The DMQL field name is not a valid RETS field name.
    #[error("{field:?} is not a valid DMQL field name")]
    InvalidField {
        /// The field name.
        field: String,
    },

    /// One key does not fit in a query of the configured maximum length.
    #[error("key {key:?} does not fit in a query of at most {max_len} characters")]
    QueryTooShort {
        /// The key.
        key: String,
        /// The configured maximum query length.
        max_len: usize,
    },
}

impl ImportError {
    /// The cell a problem is about, for problems inside the spreadsheet.
    pub fn cell(&self) -> Option<&CellRef> {
        match self {
            ImportError::CellError { at, .. } | ImportError::InvalidKey { at, .. } => Some(at),
            _ => None,
        }
    }

    /// The message without the cell position (for lists that show the position apart).
    pub fn detail(&self) -> String {
        match self {
            ImportError::CellError { value, .. } => {
                format!("the cell holds the spreadsheet error {value}")
            }
            ImportError::InvalidKey { value, reason, .. } => {
                format!("listing key {value:?} {reason}")
            }
            other => other.to_string(),
        }
    }

    /// A stable, machine-readable code for this error.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Open { .. } => "import.open",
            ImportError::Sheet { .. } => "import.sheet",
            ImportError::Csv { .. } => "import.csv",
            ImportError::Io { .. } => "import.io",
            ImportError::TooLarge { .. } => "import.too_large",
            ImportError::SheetNotFound { .. } => "import.sheet_not_found",
            ImportError::ColumnNotFound { .. } => "import.column_not_found",
            ImportError::NothingMapped => "import.nothing_mapped",
            ImportError::CellError { .. } => "import.cell_error",
            ImportError::InvalidKey { .. } => "import.invalid_key",
            ImportError::UnusableKey { .. } => "import.invalid_key",
            ImportError::InvalidField { .. } => "import.invalid_field",
            ImportError::QueryTooShort { .. } => "import.query_too_short",
        }
    }
}
