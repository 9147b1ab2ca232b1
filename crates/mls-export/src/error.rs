//! Errors of the export side. Every variant names the file (or `<stdout>`) and
//! the cause, and carries a stable machine code so the CLI and the app can map
//! failures to exit codes and messages without parsing text.

use std::path::PathBuf;

/// Everything that can go wrong while opening, writing or finishing an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The format name is not one of `ndjson`, `csv`, `xlsx`.
    #[error("unknown export format {0:?} (expected one of: ndjson, csv, xlsx)")]
    UnknownFormat(String),

    /// An [`crate::ExportOptions`] value cannot be used (bad delimiter, sheet name, …).
    #[error("invalid export option: {0}")]
    InvalidOption(String),

    /// Reading or writing the output (or its temporary file) failed.
    #[error("{path}: {action}: {source}")]
    Io {
        /// The file the export was going to, or `<stdout>`.
        path: PathBuf,
        /// What was being done, e.g. "create temporary file".
        action: &'static str,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },

    /// The CSV writer failed.
    #[error("{path}: writing CSV: {source}")]
    Csv {
        /// The file the export was going to, or `<stdout>`.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: csv::Error,
    },

    /// The XLSX writer failed.
    #[error("{path}: writing XLSX: {source}")]
    Xlsx {
        /// The file the export was going to, or `<stdout>`.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },

    /// A row did not have one value per column.
    #[error("{path}: row {row} has {found} values but the header has {expected} columns")]
    RowWidth {
        /// The file the export was going to, or `<stdout>`.
        path: PathBuf,
        /// 1-based data row number.
        row: u64,
        /// Number of header columns.
        expected: usize,
        /// Number of values given.
        found: usize,
    },

    /// The export was cancelled; its temporary file was removed.
    #[error("{path}: export cancelled; no file was written")]
    Cancelled {
        /// The file the export was going to, or `<stdout>`.
        path: PathBuf,
    },

    /// The sink was used out of order (row before header, header twice, no columns).
    #[error("{path}: {message}")]
    Sequence {
        /// The file the export was going to, or `<stdout>`.
        path: PathBuf,
        /// What was wrong.
        message: &'static str,
    },
}

impl ExportError {
    /// A stable, machine-readable code for this error.
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::UnknownFormat(_) => "export.unknown_format",
            ExportError::InvalidOption(_) => "export.invalid_option",
            ExportError::Io { .. } => "export.io",
            ExportError::Csv { .. } => "export.csv",
            ExportError::Xlsx { .. } => "export.xlsx",
            ExportError::RowWidth { .. } => "export.row_width",
            ExportError::Sequence { .. } => "export.sequence",
            ExportError::Cancelled { .. } => "export.cancelled",
        }
    }
}
