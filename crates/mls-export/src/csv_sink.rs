//! CSV export (RFC 4180 via the `csv` crate) with a choice of delimiter, an
//! optional UTF-8 BOM for Excel, and the OWASP formula-injection guard that
//! the desktop app keeps on and the CLI turns off for byte-exact values.

use std::borrow::Cow;
use std::io::{BufWriter, Write};

use crate::output::Output;
use crate::sink::Progress;
use crate::{
    Column, ColumnKind, ExportControl, ExportError, ExportOptions, ExportSummary, RowSink, Target,
};

/// Writes rows as CSV.
pub(crate) struct CsvSink {
    writer: csv::Writer<BufWriter<Output>>,
    formula_guard: bool,
    /// Per column: plain numbers are left alone by the guard (a price of `-5` stays `-5`).
    numeric: Vec<bool>,
    progress: Progress,
}

impl CsvSink {
    pub(crate) fn open(target: &Target, options: &ExportOptions) -> Result<CsvSink, ExportError> {
        let delimiter = options.csv_delimiter;
        if !delimiter.is_ascii() || matches!(delimiter, b'"' | b'\r' | b'\n') {
            return Err(ExportError::InvalidOption(format!(
                "CSV delimiter {:?} must be an ASCII character other than a quote or line break",
                delimiter as char
            )));
        }
        let progress = Progress::new(target);
        let mut out = BufWriter::with_capacity(256 * 1024, Output::open(target, false)?);
        if options.csv_bom {
            out.write_all("\u{feff}".as_bytes())
                .map_err(progress.io("write byte order mark"))?;
        }
        let writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        Ok(CsvSink {
            writer,
            formula_guard: options.formula_guard,
            numeric: Vec::new(),
            progress,
        })
    }

    /// Writes one record, guarding each field when the option is on.
    fn write_fields<'a>(
        &mut self,
        mut fields: impl Iterator<Item = &'a str>,
    ) -> Result<(), ExportError> {
        let result = if self.formula_guard {
            let numeric = &self.numeric;
            let writer = &mut self.writer;
            let mut col = 0;
            fields
                .try_for_each(|f| {
                    let plain_number = numeric.get(col).copied().unwrap_or(false)
                        && crate::xlsx::is_plain_number(f);
                    col += 1;
                    if plain_number {
                        writer.write_field(f.as_bytes())
                    } else {
                        writer.write_field(guard_formula(f).as_bytes())
                    }
                })
                .and_then(|()| writer.write_record(None::<&[u8]>))
        } else {
            self.writer.write_record(fields)
        };
        result.map_err(|e| self.csv_err(e))
    }

    fn csv_err(&self, source: csv::Error) -> ExportError {
        ExportError::Csv {
            path: self.progress.path.clone(),
            source,
        }
    }
}

/// Applies the OWASP CSV-injection guard: a leading `'` on values that a
/// spreadsheet would otherwise treat as a formula.
pub(crate) fn guard_formula(value: &str) -> Cow<'_, str> {
    match value.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{value}")),
        _ => Cow::Borrowed(value),
    }
}

impl RowSink for CsvSink {
    fn write_header(&mut self, columns: &[Column]) -> Result<(), ExportError> {
        self.progress.header(columns)?;
        if !columns.is_empty() {
            self.write_fields(columns.iter().map(|c| c.name.as_str()))?;
        }
        self.numeric = columns
            .iter()
            .map(|c| matches!(c.kind, ColumnKind::Integer | ColumnKind::Decimal))
            .collect();
        Ok(())
    }

    fn write_row(&mut self, values: &[String]) -> Result<(), ExportError> {
        self.progress.row(values)?;
        self.write_fields(values.iter().map(String::as_str))
    }

    fn write_row_str(&mut self, values: &[&str]) -> Result<(), ExportError> {
        self.progress.row(values)?;
        self.write_fields(values.iter().copied())
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
        this.writer
            .flush()
            .map_err(this.progress.io("flush output"))?;
        let buffered = this
            .writer
            .into_inner()
            .map_err(|e| this.progress.io("flush output")(std::io::Error::other(e.to_string())))?;
        let output = buffered
            .into_inner()
            .map_err(|e| this.progress.io("flush output")(e.into_error()))?;
        output.commit(&this.progress.path)?;
        Ok(ExportSummary {
            rows: this.progress.rows,
            sheets: 1,
            warnings: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guards_owasp_leading_characters_only() {
        for risky in ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(guard_formula(risky), format!("'{risky}"));
        }
        for safe in ["", "1", "a=b", " =x", "'already"] {
            assert_eq!(guard_formula(safe), safe);
        }
    }
}
