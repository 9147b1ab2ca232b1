//! NDJSON export: one JSON object per row, keys in column order, values the
//! exact strings received (never converted or trimmed) so the output is a
//! lossless, line-oriented copy of the data.

use std::io::{BufWriter, Write};

use crate::output::Output;
use crate::sink::Progress;
use crate::{Column, ExportError, ExportSummary, RowSink, Target};

/// Writes rows as newline-delimited JSON objects.
pub(crate) struct NdjsonSink {
    out: BufWriter<Output>,
    /// Column names already JSON-encoded, with the trailing `:`.
    keys: Vec<Vec<u8>>,
    line: Vec<u8>,
    progress: Progress,
}

impl NdjsonSink {
    pub(crate) fn open(target: &Target) -> Result<NdjsonSink, ExportError> {
        let output = Output::open(target, false)?;
        Ok(NdjsonSink {
            out: BufWriter::with_capacity(256 * 1024, output),
            keys: Vec::new(),
            line: Vec::new(),
            progress: Progress::new(target),
        })
    }
}

fn push_json_string(buf: &mut Vec<u8>, s: &str) {
    serde_json::to_writer(&mut *buf, s).expect("writing JSON to a Vec cannot fail");
}

impl RowSink for NdjsonSink {
    fn write_header(&mut self, columns: &[Column]) -> Result<(), ExportError> {
        self.progress.header(columns)?;
        self.keys = columns
            .iter()
            .map(|c| {
                let mut key = Vec::new();
                push_json_string(&mut key, &c.name);
                key.push(b':');
                key
            })
            .collect();
        Ok(())
    }

    fn write_row(&mut self, values: &[String]) -> Result<(), ExportError> {
        self.progress.row(values)?;
        self.line.clear();
        self.line.push(b'{');
        for (i, (key, value)) in self.keys.iter().zip(values).enumerate() {
            if i > 0 {
                self.line.push(b',');
            }
            self.line.extend_from_slice(key);
            push_json_string(&mut self.line, value);
        }
        self.line.extend_from_slice(b"}\n");
        self.out
            .write_all(&self.line)
            .map_err(self.progress.io("write row"))
    }

    fn finish(self: Box<Self>) -> Result<ExportSummary, ExportError> {
        let this = *self;
        this.progress.finish()?;
        let output = this
            .out
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
