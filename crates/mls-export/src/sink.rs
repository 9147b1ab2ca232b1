//! The row sink: the one streaming interface every export format implements.
//! Callers write a header, then rows as they arrive from the server, then
//! `finish`; dropping a sink without `finish` is how a cancel or error
//! discards the output.

use std::path::PathBuf;

use crate::{Column, ExportControl, ExportError, ExportOptions, Format, Target};

/// What an export produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Data rows written (header rows not counted).
    pub rows: u64,
    /// Worksheets holding data (XLSX; 1 for CSV and NDJSON).
    pub sheets: u32,
    /// Things the user should know, e.g. truncated cells.
    pub warnings: Vec<String>,
}

/// A streaming destination for rows. Call `write_header` once, `write_row`
/// per record, then `finish`; drop without `finish` to discard the output.
pub trait RowSink: Send {
    /// Writes the header; must be called exactly once, before any row.
    fn write_header(&mut self, columns: &[Column]) -> Result<(), ExportError>;
    /// Writes one record; `values` are aligned with the header columns.
    fn write_row(&mut self, values: &[String]) -> Result<(), ExportError>;
    /// [`RowSink::write_row`] for borrowed values (bulk writers pass slices of a
    /// shared buffer; sinks that can, write them without making `String`s first).
    fn write_row_str(&mut self, values: &[&str]) -> Result<(), ExportError> {
        let owned: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
        self.write_row(&owned)
    }
    /// Completes the output (flush, rename into place) and reports what was written.
    fn finish(self: Box<Self>) -> Result<ExportSummary, ExportError> {
        self.finish_controlled(&ExportControl::new())
    }
    /// [`RowSink::finish`] that reports bytes written to `control` and stops
    /// with [`ExportError::Cancelled`] (leaving no file) when it is cancelled.
    fn finish_controlled(
        self: Box<Self>,
        control: &ExportControl,
    ) -> Result<ExportSummary, ExportError>;
}

/// Opens a sink writing `format` to `target`.
pub fn open_sink(
    format: Format,
    target: Target,
    options: ExportOptions,
) -> Result<Box<dyn RowSink>, ExportError> {
    Ok(match format {
        Format::Ndjson => Box::new(crate::ndjson::NdjsonSink::open(&target)?),
        Format::Csv => Box::new(crate::csv_sink::CsvSink::open(&target, &options)?),
        Format::Xlsx => Box::new(crate::xlsx::XlsxSink::open(&target, options)?),
    })
}

/// Header/row bookkeeping shared by the sinks.
#[derive(Debug)]
pub(crate) struct Progress {
    pub(crate) path: PathBuf,
    pub(crate) columns: Option<usize>,
    pub(crate) rows: u64,
}

impl Progress {
    pub(crate) fn new(target: &Target) -> Progress {
        Progress {
            path: target.display_path(),
            columns: None,
            rows: 0,
        }
    }

    /// Checks that a header may be written now.
    pub(crate) fn header(&mut self, columns: &[Column]) -> Result<(), ExportError> {
        if self.columns.is_some() {
            return Err(self.sequence("write_header called twice"));
        }
        // No columns is allowed: an empty result whose columns nobody knows (a
        // server that sends neither columns nor metadata) is an empty file.
        self.columns = Some(columns.len());
        Ok(())
    }

    /// Checks a row against the header and counts it; returns its 1-based number.
    pub(crate) fn row<T>(&mut self, values: &[T]) -> Result<u64, ExportError> {
        let Some(expected) = self.columns else {
            return Err(self.sequence("write_row called before write_header"));
        };
        if values.len() != expected {
            return Err(ExportError::RowWidth {
                path: self.path.clone(),
                row: self.rows + 1,
                expected,
                found: values.len(),
            });
        }
        self.rows += 1;
        Ok(self.rows)
    }

    /// Checks that the sink may be finished.
    pub(crate) fn finish(&self) -> Result<(), ExportError> {
        if self.columns.is_none() {
            return Err(self.sequence("finish called before write_header"));
        }
        Ok(())
    }

    pub(crate) fn cancelled(&self) -> ExportError {
        ExportError::Cancelled {
            path: self.path.clone(),
        }
    }

    pub(crate) fn sequence(&self, message: &'static str) -> ExportError {
        ExportError::Sequence {
            path: self.path.clone(),
            message,
        }
    }

    pub(crate) fn io(&self, action: &'static str) -> impl Fn(std::io::Error) -> ExportError + '_ {
        move |source| ExportError::Io {
            path: self.path.clone(),
            action,
            source,
        }
    }
}
