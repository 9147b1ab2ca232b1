//! Streaming parser for COMPACT / COMPACT-DECODED search replies. It pulls events from
//! any `Read` (a file, a slice, or a channel fed by the HTTP body) so memory stays
//! flat: one `<DATA>` row at a time, values exactly as sent (unescaped, never trimmed).
//! Plain `<DATA>` lines take a fast path (byte scan, no XML events); anything unusual
//! goes through quick-xml, and both produce the same rows.

use crate::compact_line::push_line;
pub use crate::compact_line::{parse_delimiter, split_line};
use crate::error::RetsError;
use crate::feed::{Feed, MarkupRuns, run_too_long};
use crate::reply::ReplyStatus;
use crate::rows::RowBatch;
use crate::text::{TextDecoder, escape_cdata, unescape};
use crate::xml::{AmpFix, attr, attributes, lenient_reader, name_of, push_ref};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{BufRead, Read};

const WHAT: &str = "COMPACT search reply";
/// A batch is handed over once its value text reaches this size.
const MAX_BATCH_BYTES: usize = 512 * 1024;
/// Longest `<DATA>` line the fast path buffers; longer ones go through quick-xml.
const MAX_FAST_LINE: usize = 4 * 1024 * 1024;
/// Default longest row (or tag): real rows are kilobytes; 64 MiB only stops a
/// reply that never closes one.
pub const DEFAULT_MAX_ROW: usize = 64 * 1024 * 1024;
const DATA_OPEN: &[u8] = b"<DATA>";
const DATA_CLOSE: &[u8] = b"</DATA>";

/// One piece of a COMPACT reply, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompactEvent {
    /// The top-level ReplyCode/ReplyText (always the first event).
    Reply(ReplyStatus),
    /// `<COUNT Records="n"/>`.
    Count(u64),
    /// The delimiter in use (after `<DELIMITER value="09"/>`; TAB when absent).
    Delimiter(char),
    /// Column names.
    Columns(Vec<String>),
    /// One row of values, aligned with the columns.
    Row(Vec<String>),
    /// `<MAXROWS/>`: the server truncated the result.
    MaxRows,
    /// A `<RETS-STATUS>` element inside the reply.
    Status(ReplyStatus),
    /// End of the reply; carries the text directly inside `<RETS>` (error details).
    End {
        /// Text content of the `<RETS>` element.
        detail: String,
        /// False when the body ended before `</RETS>` (a truncated transfer).
        complete: bool,
    },
}

fn row_too_long(limit: usize) -> RetsError {
    RetsError::TooLarge {
        what: "a row of the search reply".to_owned(),
        limit_mib: (limit >> 20) as u64,
        setting: "the row size limit (CompactReader::with_max_row)",
    }
}

/// Pull parser over a COMPACT reply.
pub struct CompactReader<R: Read> {
    reader: Reader<Feed<AmpFix<MarkupRuns<R>>>>,
    dec: TextDecoder,
    buf: Vec<u8>,
    delim: char,
    width: Option<usize>,
    /// Which element's text we are collecting.
    collecting: Option<Collect>,
    raw: Vec<u8>,
    detail: Vec<u8>,
    depth: usize,
    started: bool,
    pending_end: bool,
    done: bool,
    /// The last event ended with a tag's `>`: the XML reader is between markup, so
    /// the fast path may consume whole `<DATA>` lines from the buffer.
    after_markup: bool,
    spans: Vec<(usize, usize)>,
    /// One-row batch behind the event-at-a-time API.
    one: RowBatch,
    /// Whether the `<DATA>` fast path is enabled (tests turn it off to compare).
    fast: bool,
    /// Rows read by the fast path (tests check that it is really taken).
    fast_rows: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Collect {
    Columns,
    Data,
}

impl<R: Read> CompactReader<R> {
    /// A parser over `input` decoding text with `dec`.
    pub fn new(input: R, dec: TextDecoder) -> Self {
        Self::with_max_row(input, dec, DEFAULT_MAX_ROW)
    }

    /// [`CompactReader::new`] failing with [`RetsError::TooLarge`] on a row
    /// (or tag) longer than `max_row` bytes.
    pub fn with_max_row(input: R, dec: TextDecoder, max_row: usize) -> Self {
        CompactReader {
            reader: lenient_reader(Feed::new(AmpFix::new(MarkupRuns::new(input, max_row)))),
            dec,
            buf: Vec::new(),
            delim: '\t',
            width: None,
            collecting: None,
            raw: Vec::new(),
            detail: Vec::new(),
            depth: 0,
            started: false,
            pending_end: false,
            done: false,
            after_markup: false,
            spans: Vec::new(),
            one: RowBatch::new(),
            fast: true,
            fast_rows: 0,
        }
    }

    /// The same parser with the fast path off: every byte goes through quick-xml.
    #[cfg(test)]
    pub(crate) fn xml_only(mut self) -> Self {
        self.fast = false;
        self
    }

    /// The next event, or `None` after [`CompactEvent::End`].
    pub fn next_event(&mut self) -> Result<Option<CompactEvent>, RetsError> {
        let mut one = std::mem::take(&mut self.one);
        one.clear();
        let ev = self.advance(&mut one, 1);
        let out = if one.is_empty() {
            ev
        } else {
            Ok(Some(CompactEvent::Row(one.row(0).to_vec())))
        };
        self.one = one;
        out
    }

    /// Batch form of [`CompactReader::next_event`]: appends rows to `batch` until it
    /// holds `max_rows` rows (or about half a MiB of text) and returns `Ok(None)`, or
    /// returns the next other event (rows in `batch` came before it). `Ok(None)` with
    /// nothing added means the reply is over ([`CompactReader::is_done`]).
    pub fn next_rows(
        &mut self,
        batch: &mut RowBatch,
        max_rows: usize,
    ) -> Result<Option<CompactEvent>, RetsError> {
        let res = self.advance(batch, max_rows.max(1));
        if res.is_err() {
            self.done = true;
        }
        res
    }

    /// True after the final event (or an error).
    pub fn is_done(&self) -> bool {
        self.done
    }

    fn advance(
        &mut self,
        batch: &mut RowBatch,
        max_rows: usize,
    ) -> Result<Option<CompactEvent>, RetsError> {
        if self.done {
            return Ok(None);
        }
        if self.pending_end {
            return Ok(Some(self.finish(true)));
        }
        loop {
            if batch.len() >= max_rows || batch.text_len() >= MAX_BATCH_BYTES {
                return Ok(None);
            }
            if self.fast
                && self.after_markup
                && self.depth == 1
                && self.collecting.is_none()
                && self.fast_row(batch)?
            {
                continue;
            }
            self.buf.clear();
            let ev = match self.reader.read_event_into(&mut self.buf) {
                Ok(ev) => ev.into_owned(),
                Err(quick_xml::Error::Io(e)) => {
                    if let Some(limit) = run_too_long(&e) {
                        return Err(row_too_long(limit));
                    }
                    // The body stream broke (reset, timeout): retryable, not a parse error.
                    return Err(RetsError::Http {
                        url: String::new(),
                        message: format!("reading the search reply failed: {e}"),
                    });
                }
                Err(e) => return Err(RetsError::parse(WHAT, e.to_string())),
            };
            self.after_markup = !matches!(ev, Event::Text(_) | Event::GeneralRef(_) | Event::Eof);
            match ev {
                Event::Empty(e) if !self.started => {
                    let status = self.rets_start(&e)?;
                    self.pending_end = true;
                    return Ok(Some(CompactEvent::Reply(status)));
                }
                Event::Start(e) if !self.started => {
                    let status = self.rets_start(&e)?;
                    self.depth = 1;
                    return Ok(Some(CompactEvent::Reply(status)));
                }
                Event::Start(e) => {
                    self.depth += 1;
                    let name = name_of(&e).to_ascii_uppercase();
                    match name.as_str() {
                        "COLUMNS" => self.begin(Collect::Columns),
                        "DATA" => self.begin(Collect::Data),
                        _ => {
                            if let Some(ev) = self.simple_element(&name, &e)? {
                                return Ok(Some(ev));
                            }
                        }
                    }
                }
                Event::Empty(e) => {
                    let name = name_of(&e).to_ascii_uppercase();
                    match name.as_str() {
                        "COLUMNS" => {
                            self.width = Some(0);
                            return Ok(Some(CompactEvent::Columns(Vec::new())));
                        }
                        "DATA" => batch.end_row(),
                        _ => {
                            if let Some(ev) = self.simple_element(&name, &e)? {
                                return Ok(Some(ev));
                            }
                        }
                    }
                }
                Event::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    let name = e.local_name().as_ref().to_ascii_uppercase();
                    if let Some(c) = self.collecting {
                        let matches = match c {
                            Collect::Columns => name == b"COLUMNS",
                            Collect::Data => name == b"DATA",
                        };
                        if matches {
                            self.collecting = None;
                            let line = self.dec.decode_cow(&self.raw);
                            match c {
                                Collect::Columns => {
                                    let cols = split_line(&line, self.delim, None);
                                    self.width = Some(cols.len());
                                    return Ok(Some(CompactEvent::Columns(cols)));
                                }
                                Collect::Data => {
                                    push_line(
                                        batch,
                                        &mut self.spans,
                                        &line,
                                        self.delim,
                                        self.width,
                                    );
                                    continue;
                                }
                            }
                        }
                    }
                    if name == b"RETS" && self.depth == 0 {
                        return Ok(Some(self.finish(true)));
                    }
                }
                Event::Text(t) => self.text(&t),
                Event::CData(t) => {
                    let escaped = escape_cdata(&t);
                    self.text(&escaped)
                }
                Event::GeneralRef(r) => {
                    if self.collecting.is_some() {
                        push_ref(&mut self.raw, &r);
                    } else if self.depth == 1 {
                        push_ref(&mut self.detail, &r);
                    }
                }
                Event::Eof => {
                    if !self.started {
                        // An empty body is a broken transfer more often than a real answer.
                        return Err(RetsError::Http {
                            url: String::new(),
                            message: "the server sent an empty search reply".into(),
                        });
                    }
                    if self.collecting.is_some() {
                        return Err(RetsError::parse(WHAT, "reply ended inside a <DATA> row"));
                    }
                    return Ok(Some(self.finish(false)));
                }
                _ => {}
            }
        }
    }

    /// Reads one plain `<DATA>` line (optionally after whitespace) straight from the
    /// buffer into `batch`. Returns false, consuming nothing, when the next markup is
    /// anything else or the line holds markup (CDATA, comments): quick-xml takes it.
    fn fast_row(&mut self, batch: &mut RowBatch) -> Result<bool, RetsError> {
        let feed = self.reader.get_mut();
        let (ws, close) = loop {
            let avail = feed.available();
            let ws = avail
                .iter()
                .position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                .unwrap_or(avail.len());
            let rest = &avail[ws..];
            let need_more = if rest.len() < DATA_OPEN.len() {
                DATA_OPEN.starts_with(rest)
            } else if !rest.starts_with(DATA_OPEN) {
                return Ok(false);
            } else {
                // The line's first markup must be its `</DATA>`.
                let body = &rest[DATA_OPEN.len()..];
                match memchr::memchr(b'<', body) {
                    Some(lt) if body[lt..].starts_with(DATA_CLOSE) => break (ws, lt),
                    Some(lt) if !DATA_CLOSE.starts_with(&body[lt..]) => return Ok(false),
                    _ => true,
                }
            };
            if !need_more || feed.at_eof() || avail.len() > MAX_FAST_LINE {
                return Ok(false);
            }
            feed.read_more().map_err(|e| match run_too_long(&e) {
                Some(limit) => row_too_long(limit),
                None => RetsError::Http {
                    url: String::new(),
                    message: format!("reading the search reply failed: {e}"),
                },
            })?;
        };
        let avail = feed.available();
        let start = ws + DATA_OPEN.len();
        let content = &avail[start..start + close];
        self.detail.extend_from_slice(&avail[..ws]);
        let line = self.dec.decode_cow(content);
        push_line(batch, &mut self.spans, &line, self.delim, self.width);
        feed.consume(start + close + DATA_CLOSE.len());
        self.fast_rows += 1;
        Ok(true)
    }

    fn rets_start(
        &mut self,
        e: &quick_xml::events::BytesStart<'_>,
    ) -> Result<ReplyStatus, RetsError> {
        let name = name_of(e);
        if !name.eq_ignore_ascii_case("RETS") {
            return Err(RetsError::parse(
                WHAT,
                format!("expected <RETS>, found <{name}>"),
            ));
        }
        self.started = true;
        let attrs = attributes(e, &self.dec);
        ReplyStatus::from_attrs(&attrs)
            .ok_or_else(|| RetsError::parse(WHAT, "<RETS> element without a numeric ReplyCode"))
    }

    fn begin(&mut self, c: Collect) {
        self.collecting = Some(c);
        self.raw.clear();
    }

    fn text(&mut self, t: &[u8]) {
        if self.collecting.is_some() {
            self.raw.extend_from_slice(t);
        } else if self.depth == 1 {
            self.detail.extend_from_slice(t);
        }
    }

    fn finish(&mut self, complete: bool) -> CompactEvent {
        self.done = true;
        CompactEvent::End {
            detail: unescape(&self.dec.decode(&self.detail)),
            complete,
        }
    }

    fn simple_element(
        &mut self,
        name: &str,
        e: &quick_xml::events::BytesStart<'_>,
    ) -> Result<Option<CompactEvent>, RetsError> {
        let attrs = attributes(e, &self.dec);
        Ok(match name {
            // A COUNT without a usable number is ignored rather than failing the search.
            "COUNT" => attr(&attrs, "Records")
                .and_then(|v| v.trim().parse().ok())
                .map(CompactEvent::Count),
            "DELIMITER" => {
                let v = attr(&attrs, "value").unwrap_or("09");
                self.delim = parse_delimiter(v).ok_or_else(|| {
                    RetsError::parse(WHAT, format!("invalid DELIMITER value {v:?}"))
                })?;
                Some(CompactEvent::Delimiter(self.delim))
            }
            "MAXROWS" => Some(CompactEvent::MaxRows),
            "RETS-STATUS" => ReplyStatus::from_attrs(&attrs).map(CompactEvent::Status),
            _ => None,
        })
    }
}

impl<R: Read> Iterator for CompactReader<R> {
    type Item = Result<CompactEvent, RetsError>;
    fn next(&mut self) -> Option<Self::Item> {
        match self.next_event() {
            Ok(Some(ev)) => Some(Ok(ev)),
            Ok(None) => None,
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// A whole COMPACT reply collected in memory (convenient for small replies and tests).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompactReply {
    /// Top-level status.
    pub status: Option<ReplyStatus>,
    /// COUNT, when sent.
    pub count: Option<u64>,
    /// Delimiter in use.
    pub delimiter: char,
    /// Column names.
    pub columns: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<String>>,
    /// MAXROWS seen (or RETS-STATUS 20208).
    pub max_rows: bool,
    /// Inner RETS-STATUS, when sent.
    pub inner_status: Option<ReplyStatus>,
    /// Text inside `<RETS>`.
    pub detail: String,
    /// Whether `</RETS>` was reached.
    pub complete: bool,
}

/// Parses a whole COMPACT reply from bytes.
pub fn parse_compact(body: &[u8], dec: TextDecoder) -> Result<CompactReply, RetsError> {
    let mut out = CompactReply {
        delimiter: '\t',
        ..Default::default()
    };
    for ev in CompactReader::new(crate::text::strip_preamble(body), dec) {
        match ev? {
            CompactEvent::Reply(s) => out.status = Some(s),
            CompactEvent::Count(n) => out.count = Some(n),
            CompactEvent::Delimiter(d) => out.delimiter = d,
            CompactEvent::Columns(c) => out.columns = c,
            CompactEvent::Row(r) => out.rows.push(r),
            CompactEvent::MaxRows => out.max_rows = true,
            CompactEvent::Status(s) => {
                out.max_rows |= s.code.is_max_rows();
                out.inner_status = Some(s);
            }
            CompactEvent::End { detail, complete } => {
                out.detail = detail;
                out.complete = complete;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reply whose row never ends: `<DATA>` then endless value text.
    struct EndlessRow {
        head: &'static [u8],
        sent: usize,
    }

    impl Read for EndlessRow {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.sent < self.head.len() {
                let n = buf.len().min(self.head.len() - self.sent);
                buf[..n].copy_from_slice(&self.head[self.sent..self.sent + n]);
                self.sent += n;
                return Ok(n);
            }
            buf.fill(b'x');
            self.sent += buf.len();
            Ok(buf.len())
        }
    }

    #[test]
    fn an_endless_row_is_refused_on_both_paths() {
        let head = b"<RETS ReplyCode=\"0\" ReplyText=\"ok\"><DELIMITER value=\"09\"/><COLUMNS>\tA\t</COLUMNS>\n<DATA>\t";
        for fast in [true, false] {
            let mut reader = CompactReader::with_max_row(
                EndlessRow { head, sent: 0 },
                TextDecoder::default(),
                1 << 20,
            );
            reader.fast = fast;
            let err = reader
                .by_ref()
                .find_map(Result::err)
                .expect("refused, not read forever");
            assert_eq!(err.code(), "too_large", "{err}");
        }
    }

    fn parse(s: &[u8]) -> CompactReply {
        parse_compact(s, TextDecoder::default()).unwrap()
    }

    #[test]
    fn basic_reply_with_count_and_maxrows() {
        let r = parse(b"<RETS ReplyCode=\"0\" ReplyText=\"ok\">\n<COUNT Records=\"7\"/>\n<DELIMITER value=\"7C\"/>\n<COLUMNS>|A|B|</COLUMNS>\n<DATA>|1| x &amp; y |</DATA>\n<DATA>||&#1;z|</DATA>\n<MAXROWS/>\n</RETS>");
        assert_eq!(r.count, Some(7));
        assert_eq!(r.delimiter, '|');
        assert_eq!(r.columns, ["A", "B"]);
        assert_eq!(r.rows, [vec!["1", " x & y "], vec!["", "z"]]);
        assert!(r.max_rows);
        assert!(r.complete);
        let cut = parse(
            b"<RETS ReplyCode=\"0\" ReplyText=\"ok\"><COLUMNS>\tA\t</COLUMNS><DATA>\t1\t</DATA>",
        );
        assert_eq!(cut.rows.len(), 1);
        assert!(!cut.complete);
    }

    #[test]
    fn delimiter_variants() {
        assert_eq!(parse_delimiter("09"), Some('\t'));
        assert_eq!(parse_delimiter("9"), Some('\t'));
        assert_eq!(parse_delimiter("7c"), Some('|'));
        assert_eq!(parse_delimiter("zz"), None);
        assert_eq!(parse_delimiter("0x2C"), Some(','));
        assert_eq!(parse_delimiter("|"), Some('|'));
        assert_eq!(parse_delimiter("\t"), Some('\t'));
        assert_eq!(parse_delimiter(""), None);
    }

    #[test]
    fn split_keeps_empty_edges_when_width_known() {
        assert_eq!(split_line("\ta\tb\t", '\t', Some(2)), ["a", "b"]);
        assert_eq!(split_line("a\tb", '\t', Some(2)), ["a", "b"]);
        assert_eq!(split_line("\ta\t", '\t', Some(2)), ["a", ""]);
        assert_eq!(split_line("\t\t\t", '\t', Some(2)), ["", ""]);
        assert_eq!(split_line("\t\tb\t", '\t', Some(2)), ["", "b"]);
        assert_eq!(split_line("a\tb\t", '\t', None), ["a", "b"]);
    }

    #[test]
    fn empty_result_and_error_detail() {
        let r = parse(b"<RETS ReplyCode=\"20201\" ReplyText=\"No Records Found\"/>");
        assert_eq!(r.status.unwrap().code.as_u32(), 20201);
        assert!(r.rows.is_empty());
        let r = parse(b"<RETS ReplyCode=\"20203\" ReplyText=\"bad\">\nValid: A\n</RETS>");
        assert_eq!(r.detail, "\nValid: A\n");
    }

    #[test]
    fn truncated_reply_is_an_error() {
        let r = parse_compact(
            b"<RETS ReplyCode=\"0\" ReplyText=\"ok\"><COLUMNS>\tA\t</COLUMNS><DATA>\t1",
            TextDecoder::default(),
        );
        assert!(r.is_err());
    }

    #[test]
    fn latin1_values_decoded() {
        let r = parse(b"<RETS ReplyCode=\"0\" ReplyText=\"ok\"><COLUMNS>\tA\t</COLUMNS><DATA>\tcaf\xe9\t</DATA></RETS>");
        assert_eq!(r.rows[0][0], "café");
    }
}

#[cfg(test)]
#[path = "compact_equivalence.rs"]
mod equivalence;

#[cfg(test)]
mod quirk_tests {
    use super::*;

    #[test]
    fn bare_ampersands_and_leading_junk() {
        let r = parse_compact(
            b"\xef\xbb\xbf\r\n  <?xml version=\"1.0\"?>\n<RETS ReplyCode=\"0\" ReplyText=\"A&B\"><COLUMNS>\tA\tB\t</COLUMNS><DATA>\tAT&T\tx & y;z\t</DATA><DATA>\t&#1;&amp\t&\t</DATA></RETS>",
            TextDecoder::default(),
        )
        .unwrap();
        assert_eq!(r.rows[0], ["AT&T", "x & y;z"]);
        assert_eq!(r.rows[1], ["&amp", "&"]);
    }

    #[test]
    fn unusable_count_is_ignored() {
        let r = parse_compact(
            b"<RETS ReplyCode=\"0\" ReplyText=\"ok\"><COUNT Records=\"\"/><COLUMNS>\tA\t</COLUMNS><DATA>\t1\t</DATA></RETS>",
            TextDecoder::default(),
        )
        .unwrap();
        assert_eq!(r.count, None);
        assert_eq!(r.rows, [vec!["1".to_owned()]]);
    }

    #[test]
    fn empty_body_is_a_retryable_transfer_error() {
        let e = parse_compact(b"", TextDecoder::default()).unwrap_err();
        assert_eq!(e.code(), "http");
        let e = parse_compact(b"<html>oops</html>", TextDecoder::default()).unwrap_err();
        assert_eq!(e.code(), "parse");
    }
}
