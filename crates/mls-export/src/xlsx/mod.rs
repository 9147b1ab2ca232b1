//! XLSX export with `rust_xlsxwriter` in constant-memory mode: rows stream to
//! the worksheet's temp file as they arrive, so memory stays flat however many
//! listings are exported. Past Excel's row limit the export continues on a new
//! sheet with the header repeated; nothing is ever dropped silently.

mod cells;
mod sheet_name;

use rust_xlsxwriter::{Format as CellFormat, Url, Workbook, XlsxError};

use crate::control::ControlledWriter;
use crate::output::Output;
use crate::sink::Progress;
use crate::{
    Column, ColumnKind, ExportControl, ExportError, ExportOptions, ExportSummary, RowSink, Target,
};
use cells::Cell;

pub use cells::{MAX_CELL_TEXT, TRUNCATION_MARKER};

/// Data rows per sheet: Excel's 1,048,576 rows minus the header row.
pub const EXCEL_DATA_ROWS: u32 = 1_048_575;
/// Excel's column limit.
const EXCEL_COLUMNS: usize = 16_384;
/// Data rows sampled (after the header) to size the columns.
const WIDTH_SAMPLE_ROWS: u64 = 100;
/// Column width bounds, in characters.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;
/// Approximate XML markup per cell (`<c r="AB123" s="1" t="inlineStr"><is><t>…`).
const XML_BYTES_PER_CELL: usize = 40;
/// Sheets estimated above this get ZIP64 entries. Plain zip fails on members
/// over 4 GiB; the margin covers XML escaping the estimate ignores.
const ZIP64_THRESHOLD: u64 = 2 << 30;

/// Whether a sheet of roughly `xml_bytes` needs ZIP64 (only very large
/// exports, e.g. a million rows with long remarks).
fn needs_zip64(xml_bytes: u64) -> bool {
    xml_bytes > ZIP64_THRESHOLD
}

/// Excel's limit of hyperlinks per worksheet; further links are written as text.
const EXCEL_HYPERLINKS: u32 = 65_530;

/// True for plain decimal numbers that XLSX writes as numbers (shared with the
/// CSV formula guard, which leaves such values alone in numeric columns).
pub(crate) fn is_plain_number(value: &str) -> bool {
    cells::parse_number(value).is_some()
}

/// The `file:` URL of a local path, in the form `rust_xlsxwriter` stores as an
/// absolute link (`/home/…` and `C:\…` both work); `#` would start an anchor.
fn file_url(path: &str) -> String {
    if path.contains("://") {
        return path.to_owned();
    }
    format!("file:///{}", path.replace('#', "%23"))
}

/// Name of the optional description sheet.
const ABOUT_SHEET: &str = "About this export";

/// Per-column counters that become summary warnings.
#[derive(Debug, Default, Clone)]
struct ColumnStats {
    truncated: u64,
    first_truncated_row: u64,
    untyped: u64,
    first_untyped_row: u64,
    /// Link cells written as text because the sheet reached Excel's hyperlink limit.
    unlinked: u64,
}

/// Streams rows into an XLSX workbook.
pub(crate) struct XlsxSink {
    workbook: Workbook,
    output: Output,
    options: ExportOptions,
    progress: Progress,
    columns: Vec<Column>,
    typed: Vec<bool>,
    header_format: CellFormat,
    date_format: CellFormat,
    datetime_format: CellFormat,
    time_format: CellFormat,
    link_format: CellFormat,
    rows_per_sheet: u32,
    /// Hyperlinks on the current sheet.
    sheet_links: u32,
    /// Data rows on each data sheet so far (last entry = current sheet).
    sheet_rows: Vec<u32>,
    /// Rough uncompressed XML size of the current and of the largest sheet.
    sheet_xml_bytes: u64,
    largest_sheet_xml_bytes: u64,
    widths: Vec<usize>,
    stats: Vec<ColumnStats>,
}

impl XlsxSink {
    pub(crate) fn open(target: &Target, options: ExportOptions) -> Result<XlsxSink, ExportError> {
        Self::with_row_limit(target, options, EXCEL_DATA_ROWS)
    }

    /// Like `open`, with a smaller rows-per-sheet limit so tests can exercise sheet overflow.
    pub(crate) fn with_row_limit(
        target: &Target,
        options: ExportOptions,
        rows_per_sheet: u32,
    ) -> Result<XlsxSink, ExportError> {
        if rows_per_sheet == 0 || rows_per_sheet > EXCEL_DATA_ROWS {
            return Err(ExportError::InvalidOption(format!(
                "rows per sheet must be between 1 and {EXCEL_DATA_ROWS}"
            )));
        }
        sheet_name::validate_base(&options.sheet_name, options.about.is_some(), ABOUT_SHEET)?;
        let output = Output::open(target, true)?;
        Ok(XlsxSink {
            workbook: Workbook::new(),
            output,
            options,
            progress: Progress::new(target),
            columns: Vec::new(),
            typed: Vec::new(),
            header_format: CellFormat::new().set_bold(),
            date_format: CellFormat::new().set_num_format("yyyy-mm-dd"),
            datetime_format: CellFormat::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
            time_format: CellFormat::new().set_num_format("hh:mm:ss"),
            link_format: CellFormat::new().set_hyperlink(),
            rows_per_sheet,
            sheet_links: 0,
            sheet_rows: Vec::new(),
            sheet_xml_bytes: 0,
            largest_sheet_xml_bytes: 0,
            widths: Vec::new(),
            stats: Vec::new(),
        })
    }

    fn xlsx_err(&self, source: XlsxError) -> ExportError {
        ExportError::Xlsx {
            path: self.progress.path.clone(),
            source,
        }
    }

    /// Adds a constant-memory data sheet with the header row and frozen panes.
    fn start_sheet(&mut self) -> Result<(), ExportError> {
        let index = self.sheet_rows.len() + 1;
        let name = sheet_name::numbered(&self.options.sheet_name, index);
        let header_format = self.header_format.clone();
        let columns = &self.columns;
        let result = (|| -> Result<(), XlsxError> {
            let sheet = self.workbook.add_worksheet_with_constant_memory()?;
            sheet.set_name(&name)?;
            sheet.set_freeze_panes(1, 0)?;
            for (col, column) in columns.iter().enumerate() {
                sheet.write_string_with_format(0, col as u16, &column.name, &header_format)?;
            }
            Ok(())
        })();
        result.map_err(|e| self.xlsx_err(e))?;
        self.sheet_rows.push(0);
        self.sheet_xml_bytes = 0;
        self.sheet_links = 0;
        Ok(())
    }

    /// Sets widths and the autofilter on every data sheet, then adds the About sheet.
    fn finalize_sheets(&mut self) -> Result<(), XlsxError> {
        // An empty result with no known columns is an empty sheet, without autofilter.
        let last_col = self.columns.len().checked_sub(1).map(|c| c as u16);
        let widths: Vec<f64> = self
            .widths
            .iter()
            .map(|w| (*w).clamp(MIN_WIDTH, MAX_WIDTH) as f64 + 1.0)
            .collect();
        for (index, rows) in self.sheet_rows.clone().into_iter().enumerate() {
            let sheet = &mut self.workbook.worksheets_mut()[index];
            for (col, width) in widths.iter().enumerate() {
                sheet.set_column_width(col as u16, *width)?;
            }
            if let Some(last_col) = last_col {
                sheet.autofilter(0, 0, rows, last_col)?;
            }
        }
        if let Some(about) = &self.options.about {
            let sheet = self.workbook.add_worksheet();
            sheet.set_name(ABOUT_SHEET)?;
            let bold = self.header_format.clone();
            let mut key_width = 8;
            let mut value_width = 8;
            for (row, (key, value)) in about.iter().enumerate() {
                let row = row as u32;
                sheet.write_string_with_format(row, 0, key, &bold)?;
                if let Cell::Text { text, .. } = cells::convert(value, ColumnKind::Text, false) {
                    sheet.write_string(row, 1, text.as_ref())?;
                }
                key_width = key_width.max(key.chars().count());
                value_width = value_width.max(value.chars().count());
            }
            sheet.set_column_width(0, key_width.min(MAX_WIDTH) as f64 + 2.0)?;
            sheet.set_column_width(1, value_width.min(100) as f64 + 2.0)?;
        }
        Ok(())
    }

    fn warnings(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        for (column, stats) in self.columns.iter().zip(&self.stats) {
            if stats.truncated > 0 {
                warnings.push(format!(
                    "column {:?}: {} value(s) longer than Excel's {MAX_CELL_TEXT}-character cell limit were truncated and end with \"{TRUNCATION_MARKER}\" (first at data row {})",
                    column.name, stats.truncated, stats.first_truncated_row
                ));
            }
            if stats.unlinked > 0 {
                warnings.push(format!(
                    "column {:?}: {} link(s) past Excel's limit of {EXCEL_HYPERLINKS} hyperlinks per sheet were written as plain text",
                    column.name, stats.unlinked
                ));
            }
            if stats.untyped > 0 {
                warnings.push(format!(
                    "column {:?}: {} value(s) did not match the column type {:?} and were written as text (first at data row {})",
                    column.name, stats.untyped, column.kind, stats.first_untyped_row
                ));
            }
        }
        if self.sheet_rows.len() > 1 {
            warnings.push(format!(
                "{} rows exceed one sheet's limit of {} data rows; the export continues over {} sheets",
                self.progress.rows,
                self.rows_per_sheet,
                self.sheet_rows.len()
            ));
        }
        warnings
    }
}

impl RowSink for XlsxSink {
    fn write_header(&mut self, columns: &[Column]) -> Result<(), ExportError> {
        if columns.len() > EXCEL_COLUMNS {
            return Err(ExportError::InvalidOption(format!(
                "{} columns exceed Excel's limit of {EXCEL_COLUMNS}",
                columns.len()
            )));
        }
        self.progress.header(columns)?;
        self.columns = columns.to_vec();
        let excel_dates = self.options.excel_dates;
        self.typed = columns
            .iter()
            .map(|c| cells::is_typed(c.kind, excel_dates))
            .collect();
        // Header width plus room for the autofilter arrow.
        self.widths = columns.iter().map(|c| c.name.chars().count() + 3).collect();
        self.stats = vec![ColumnStats::default(); columns.len()];
        self.start_sheet()
    }

    fn write_row(&mut self, values: &[String]) -> Result<(), ExportError> {
        let number = self.progress.row(values)?;
        if *self.sheet_rows.last().expect("header starts a sheet") >= self.rows_per_sheet {
            self.start_sheet()?;
        }
        let row = {
            let rows = self.sheet_rows.last_mut().expect("a sheet is open");
            *rows += 1;
            *rows
        };
        let excel_dates = self.options.excel_dates;
        let sample = number <= WIDTH_SAMPLE_ROWS;
        let index = self.sheet_rows.len() - 1;
        let sheet = &mut self.workbook.worksheets_mut()[index];
        let row_bytes: usize = values.iter().map(String::len).sum();
        self.sheet_xml_bytes += (row_bytes + XML_BYTES_PER_CELL * values.len()) as u64;
        self.largest_sheet_xml_bytes = self.largest_sheet_xml_bytes.max(self.sheet_xml_bytes);
        let mut result = Ok(());
        for (col, (value, column)) in values.iter().zip(&self.columns).enumerate() {
            let cell = cells::convert(value, column.kind, excel_dates);
            if sample {
                let width = cells::display_width(value, &cell);
                self.widths[col] = self.widths[col].max(width);
            }
            let col16 = col as u16;
            let written = match &cell {
                Cell::Empty => continue,
                Cell::Text {
                    text,
                    truncated: false,
                } if column.kind == ColumnKind::Link && self.sheet_links < EXCEL_HYPERLINKS => {
                    self.sheet_links += 1;
                    let url = Url::new(file_url(text)).set_text(text.as_ref());
                    match sheet.write_url_with_format(row, col16, url, &self.link_format) {
                        // A link Excel cannot hold (too long) is still kept as text.
                        Err(XlsxError::MaxUrlLengthExceeded) => {
                            self.stats[col].unlinked += 1;
                            sheet.write_string(row, col16, text.as_ref())
                        }
                        other => other,
                    }
                }
                Cell::Text { text, .. } if column.kind == ColumnKind::Link => {
                    self.stats[col].unlinked += 1;
                    sheet.write_string(row, col16, text.as_ref())
                }
                Cell::Text { text, truncated } => {
                    let stats = &mut self.stats[col];
                    if *truncated {
                        if stats.truncated == 0 {
                            stats.first_truncated_row = number;
                        }
                        stats.truncated += 1;
                    }
                    if self.typed[col] {
                        if stats.untyped == 0 {
                            stats.first_untyped_row = number;
                        }
                        stats.untyped += 1;
                    }
                    sheet.write_string(row, col16, text.as_ref())
                }
                Cell::Number(n) => sheet.write_number(row, col16, *n),
                Cell::Date(d) => sheet.write_number_with_format(row, col16, *d, &self.date_format),
                Cell::DateTime(d) => {
                    sheet.write_number_with_format(row, col16, *d, &self.datetime_format)
                }
                Cell::Time(t) => sheet.write_number_with_format(row, col16, *t, &self.time_format),
                Cell::Bool(b) => sheet.write_boolean(row, col16, *b),
            };
            if let Err(e) = written {
                result = Err(e);
                break;
            }
        }
        result.map_err(|e| self.xlsx_err(e))
    }

    fn finish_controlled(
        self: Box<Self>,
        control: &ExportControl,
    ) -> Result<ExportSummary, ExportError> {
        let mut this = *self;
        this.progress.finish()?;
        if control.is_cancelled() {
            return Err(this.progress.cancelled());
        }
        this.finalize_sheets().map_err(|e| this.xlsx_err(e))?;
        let warnings = this.warnings();
        let file = this
            .output
            .staged_file()
            .expect("XLSX output is always staged");
        this.workbook
            .use_zip_large_file(needs_zip64(this.largest_sheet_xml_bytes));
        // Most of an XLSX export's time is spent here (deflating the sheets), so
        // bytes are counted for progress and a cancel stops the writer.
        let writer = ControlledWriter {
            inner: std::io::BufWriter::new(file),
            control,
        };
        let saved = this.workbook.save_to_writer(writer);
        if control.is_cancelled() {
            return Err(this.progress.cancelled());
        }
        saved.map_err(|source| ExportError::Xlsx {
            path: this.progress.path.clone(),
            source,
        })?;
        this.output.commit(&this.progress.path)?;
        Ok(ExportSummary {
            rows: this.progress.rows,
            sheets: this.sheet_rows.len() as u32,
            warnings,
        })
    }
}

/// Opens an XLSX sink that starts a new sheet every `rows_per_sheet` data
/// rows instead of Excel's 1,048,575, so sheet overflow can be tested quickly.
#[doc(hidden)]
pub fn open_xlsx_sink_with_row_limit(
    target: Target,
    options: ExportOptions,
    rows_per_sheet: u32,
) -> Result<Box<dyn RowSink>, ExportError> {
    Ok(Box::new(XlsxSink::with_row_limit(
        &target,
        options,
        rows_per_sheet,
    )?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip64_only_for_sheets_near_the_4_gib_zip_limit() {
        // 1M rows x 30 typical cells is about 1.5 GB of XML: plain zip.
        assert!(!needs_zip64(
            1_000_000 * 30 * (10 + XML_BYTES_PER_CELL as u64)
        ));
        // 1M rows with 3,000-character remarks: ZIP64.
        assert!(needs_zip64(
            1_000_000 * (3_000 + 30 * XML_BYTES_PER_CELL as u64)
        ));
    }
}
