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

/// Bytes JSON strings must escape: `"`, `\\` and the controls below 0x20.
const fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

const ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = needs_escape(i as u8);
        i += 1;
    }
    t
};

/// Appends `s` as a JSON string, byte for byte what `serde_json` writes: runs of
/// plain bytes are copied whole, only `"`, `\\` and controls are escaped.
fn push_json_string(buf: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    buf.reserve(bytes.len() + 2);
    buf.push(b'"');
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !ESCAPE[b as usize] {
            continue;
        }
        buf.extend_from_slice(&bytes[start..i]);
        start = i + 1;
        match b {
            b'"' => buf.extend_from_slice(b"\\\""),
            b'\\' => buf.extend_from_slice(b"\\\\"),
            b'\n' => buf.extend_from_slice(b"\\n"),
            b'\r' => buf.extend_from_slice(b"\\r"),
            b'\t' => buf.extend_from_slice(b"\\t"),
            0x08 => buf.extend_from_slice(b"\\b"),
            0x0c => buf.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                buf.extend_from_slice(b"\\u00");
                buf.push(HEX[usize::from(b >> 4)]);
                buf.push(HEX[usize::from(b & 0xf)]);
            }
        }
    }
    buf.extend_from_slice(&bytes[start..]);
    buf.push(b'"');
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

#[cfg(test)]
mod tests {
    use super::push_json_string;

    fn ours(s: &str) -> String {
        let mut buf = Vec::new();
        push_json_string(&mut buf, s);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn escaping_matches_serde_json_for_every_ascii_byte_and_mixed_text() {
        for b in 0u8..=127 {
            let s = format!("a{}b", b as char);
            assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "byte {b:#x}");
        }
        for s in [
            "",
            "plain",
            "\"quoted\" \\ back",
            "tab\there\nline\r\u{8}\u{c}\u{1f}\u{7f}",
            "café \u{2028} 😀 \"",
            "\\\\\"\"",
        ] {
            assert_eq!(ours(s), serde_json::to_string(s).unwrap());
        }
    }
}
