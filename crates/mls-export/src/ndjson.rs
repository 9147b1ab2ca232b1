//! NDJSON export: one JSON object per row, keys in column order, values the
//! exact strings received (never converted or trimmed) so the output is a
//! lossless, line-oriented copy of the data.

use std::io::Write;

use crate::output::Output;
use crate::sink::Progress;
use crate::{Column, ExportControl, ExportError, ExportSummary, RowSink, Target};

/// Output is written in blocks of about this size.
const BLOCK: usize = 256 * 1024;

/// Writes rows as newline-delimited JSON objects.
pub(crate) struct NdjsonSink {
    out: Output,
    /// Per column, what precedes its value: `{` or `,`, the JSON-encoded name, `:"`.
    keys: Vec<Vec<u8>>,
    /// Encoded rows not written yet (rows are encoded straight into it: no extra copy).
    pending: Vec<u8>,
    progress: Progress,
}

impl NdjsonSink {
    pub(crate) fn open(target: &Target) -> Result<NdjsonSink, ExportError> {
        let output = Output::open(target, false)?;
        Ok(NdjsonSink {
            out: output,
            keys: Vec::new(),
            pending: Vec::with_capacity(BLOCK + 64 * 1024),
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

/// True when no byte of the word needs escaping (exact: the classic "has a byte
/// below n" bit trick, applied for controls, `"` and `\\`).
fn plain_word(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let control = below(w, 0x20);
    let quote = below(w ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(w ^ (ONES * u64::from(b'\\')), 1);
    control | quote | backslash == 0
}

/// The bytes of a value shorter than 8 as one word, padded with spaces (so the
/// padding is plain). Built with shifts: no copy loop, no `memcpy` call.
#[inline]
fn short_word(bytes: &[u8]) -> u64 {
    debug_assert!(bytes.len() < 8);
    let mut w = 0x2020_2020_2020_2020u64 << (8 * bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        w |= u64::from(b) << (8 * i);
    }
    w
}

fn word(b: &[u8]) -> [u8; 8] {
    b.try_into().expect("8 bytes")
}

/// True when `bytes` can be copied into a JSON string as they are: whole words, the
/// tail as one last (overlapping) word.
fn plain(bytes: &[u8]) -> bool {
    let n = bytes.len();
    if n < 8 {
        return plain_word(short_word(bytes));
    }
    let le = |b: &[u8]| u64::from_le_bytes(word(b));
    bytes.chunks_exact(8).all(|w| plain_word(le(w))) && plain_word(le(&bytes[n - 8..]))
}

/// Appends `bytes`; up to 16 bytes are written as one or two fixed 8-byte words (the
/// second overlapping), which is much cheaper than a `memcpy` call for short values.
#[inline]
fn push_bytes(buf: &mut Vec<u8>, bytes: &[u8]) {
    let n = bytes.len();
    let at = buf.len();
    if n < 8 {
        buf.extend_from_slice(&short_word(bytes).to_le_bytes());
        buf.truncate(at + n);
    } else if n <= 16 {
        buf.extend_from_slice(&word(&bytes[..8]));
        buf.truncate(at + n - 8);
        buf.extend_from_slice(&word(&bytes[n - 8..]));
    } else {
        buf.extend_from_slice(bytes);
    }
}

/// Appends `s` as a JSON string, byte for byte what `serde_json` writes: runs of
/// plain bytes are copied whole, only `"`, `\\` and controls are escaped.
fn push_json_string(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    push_json_body(buf, s);
    buf.push(b'"');
}

/// The inside of [`push_json_string`] (no quotes).
#[inline]
fn push_json_body(buf: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    if plain(bytes) {
        push_bytes(buf, bytes);
    } else {
        push_escaped(buf, bytes);
    }
}

/// The slow path of [`push_json_body`]: copies runs between the bytes to escape.
#[cold]
fn push_escaped(buf: &mut Vec<u8>, bytes: &[u8]) {
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
}

impl NdjsonSink {
    /// Appends one row's JSON object to the pending block (written when full).
    fn encode_row<S: AsRef<str>>(&mut self, values: &[S]) -> Result<(), ExportError> {
        // `pending` has room for a block plus a typical row: no per-row reserve.
        let line = &mut self.pending;
        for (key, value) in self.keys.iter().zip(values) {
            push_bytes(line, key);
            push_json_body(line, value.as_ref());
            line.push(b'"');
        }
        line.extend_from_slice(b"}\n");
        if self.pending.len() >= BLOCK {
            self.flush_pending()?;
        }
        Ok(())
    }

    fn flush_pending(&mut self) -> Result<(), ExportError> {
        self.out
            .write_all(&self.pending)
            .map_err(self.progress.io("write row"))?;
        self.pending.clear();
        Ok(())
    }
}

impl RowSink for NdjsonSink {
    fn write_header(&mut self, columns: &[Column]) -> Result<(), ExportError> {
        self.progress.header(columns)?;
        self.keys = columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut key = vec![if i == 0 { b'{' } else { b',' }];
                push_json_string(&mut key, &c.name);
                key.extend_from_slice(b":\"");
                key
            })
            .collect();
        Ok(())
    }

    fn write_row(&mut self, values: &[String]) -> Result<(), ExportError> {
        self.progress.row(values)?;
        self.encode_row(values)
    }

    fn write_row_str(&mut self, values: &[&str]) -> Result<(), ExportError> {
        self.progress.row(values)?;
        self.encode_row(values)
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
        this.flush_pending()?;
        this.out.flush().map_err(this.progress.io("flush output"))?;
        this.out.commit(&this.progress.path)?;
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

    #[test]
    fn borrowed_and_owned_rows_encode_the_same() {
        use crate::{Column, ColumnKind, RowSink, Target};
        let dir = tempfile::tempdir().unwrap();
        let mut outputs = Vec::new();
        for borrowed in [false, true] {
            let path = dir.path().join(format!("rows-{borrowed}.ndjson"));
            let mut sink = super::NdjsonSink::open(&Target::File(path.clone())).unwrap();
            let cols = [
                Column::new("A", ColumnKind::Text),
                Column::new("B\"", ColumnKind::Text),
            ];
            sink.write_header(&cols).unwrap();
            let rows = [["1", "x\ty"], ["", "\"q\""]];
            for r in rows {
                if borrowed {
                    sink.write_row_str(&r).unwrap();
                } else {
                    sink.write_row(&r.map(str::to_owned)).unwrap();
                }
            }
            assert!(
                sink.write_row_str(&["only one"]).is_err(),
                "width is checked"
            );
            Box::new(sink).finish().unwrap();
            outputs.push(std::fs::read_to_string(path).unwrap());
        }
        assert_eq!(outputs[0], outputs[1]);
        assert_eq!(
            outputs[0],
            "{\"A\":\"1\",\"B\\\"\":\"x\\ty\"}\n{\"A\":\"\",\"B\\\"\":\"\\\"q\\\"\"}\n"
        );
    }

    #[test]
    fn short_and_long_values_of_every_length_encode_like_serde_json() {
        for n in 0..40 {
            let plain: String = "abcdefghij".chars().cycle().take(n).collect();
            assert_eq!(
                ours(&plain),
                serde_json::to_string(&plain).unwrap(),
                "len {n}"
            );
            let mut buf = b"prefix".to_vec();
            super::push_bytes(&mut buf, plain.as_bytes());
            assert_eq!(buf, format!("prefix{plain}").as_bytes(), "len {n}");
            for special in ["\"", "\\", "\u{1}", "\n"] {
                let mut s = plain.clone();
                s.insert_str(n / 2, special);
                assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "len {n}");
            }
        }
    }

    #[test]
    fn word_check_finds_a_special_byte_in_any_position() {
        for special in [0u8, 0x1f, b'"', b'\\', b'\n'] {
            for pos in 0..19 {
                let mut s = vec![b'a'; 19];
                s[pos] = special;
                assert!(!super::plain(&s), "byte {special:#x} at {pos}");
            }
        }
        // Neighbours of the special bytes are plain (no false alarms).
        assert!(super::plain(b" !#$[]^_`~\x7f0123456789abcdef"));
        assert!(super::plain("café – ünïcode €".as_bytes()));
    }
}
