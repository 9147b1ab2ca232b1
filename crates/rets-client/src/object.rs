//! GetObject replies: a push parser for multipart/parallel (or mixed) bodies that emits
//! each object as soon as its closing boundary arrives, tolerant of real-world header
//! quirks, plus single-object and Location=1 replies. Error parts (e.g. 20403) are
//! reported per object instead of aborting the whole reply.

use crate::error::RetsError;
use crate::reply::{ReplyStatus, parse_envelope};
use crate::text::{TextDecoder, param, unescape};
use bytes::Bytes;
use serde::Serialize;
use std::collections::BTreeMap;

/// One object of a GetObject reply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ObjectPart {
    /// Content-ID (the resource entity id, e.g. listing key).
    pub content_id: Option<String>,
    /// Object-ID (the object number; 0 = preferred).
    pub object_id: Option<String>,
    /// Content-Type of this object.
    pub content_type: Option<String>,
    /// Location URL (Location=1 requests), with `&amp;` unescaped.
    pub location: Option<String>,
    /// Content-Description or Description.
    pub description: Option<String>,
    /// Content-Sub-Description.
    pub sub_description: Option<String>,
    /// Preferred: 1.
    pub preferred: bool,
    /// RETS 1.8 `ObjectData: name=value` headers.
    pub object_data: BTreeMap<String, String>,
    /// All headers in order (names as sent).
    pub headers: Vec<(String, String)>,
    /// The object bytes (empty for Location replies).
    #[serde(skip)]
    pub data: Bytes,
    /// Set when this part is a RETS error (e.g. 20403 no object found).
    pub error: Option<ReplyStatus>,
    /// The body is a RETS reply (e.g. the envelope of a Location=1 part), not object data.
    pub rets_reply: bool,
}

/// RETS replies are small; a larger body is object data even if it starts like XML.
const MAX_ENVELOPE: usize = 64 * 1024;

impl ObjectPart {
    /// Builds a part from its headers and body, classifying RETS XML error bodies.
    pub fn from_parts(headers: Vec<(String, String)>, data: Bytes) -> Self {
        let mut p = ObjectPart {
            data,
            ..Default::default()
        };
        for (name, value) in &headers {
            let v = value.trim().to_owned();
            match name.to_ascii_lowercase().as_str() {
                "content-id" => p.content_id = Some(v),
                "object-id" => p.object_id = Some(v),
                "content-type" => p.content_type = Some(v),
                "location" => p.location = Some(unescape(&v)).filter(|l| !l.is_empty()),
                "content-description" | "description" => p.description = Some(v),
                "content-sub-description" => p.sub_description = Some(v),
                "preferred" => p.preferred = v == "1" || v.eq_ignore_ascii_case("true"),
                "objectdata" => {
                    if let Some((k, val)) = v.split_once('=') {
                        p.object_data
                            .insert(k.trim().to_owned(), val.trim().to_owned());
                    }
                }
                _ => {}
            }
        }
        p.headers = headers;
        // A RETS reply is never an object, whatever its Content-Type: real servers
        // send 20403 as text/plain, with a byte-order mark, or inside a part labelled
        // image/jpeg. Anything that parses as a <RETS> envelope is classified here.
        let body = crate::text::strip_preamble(&p.data);
        let looks_rets = p.data.len() <= MAX_ENVELOPE
            && (body.starts_with(b"<RETS") || body.starts_with(b"<?xml"));
        if looks_rets {
            let dec = TextDecoder::from_content_type(p.content_type.as_deref());
            if let Ok(env) = parse_envelope(&p.data, &dec) {
                p.rets_reply = true;
                if !env.status.code.is_success() {
                    p.error = Some(env.status);
                }
            }
        }
        p
    }

    /// True when this part carries object bytes: not an error, not empty, not a
    /// RETS reply standing in for the object.
    pub fn has_data(&self) -> bool {
        self.error.is_none() && !self.rets_reply && !self.data.is_empty()
    }

    /// The error of this part as a `RetsError`, if it is an error part.
    pub fn error(&self) -> Option<RetsError> {
        self.error.clone().map(|s| s.into_error(String::new()))
    }
}

/// True when a Content-Type is multipart.
pub fn is_multipart(content_type: &str) -> bool {
    content_type
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("multipart/")
}

/// The boundary of a multipart Content-Type (quoted or bare, other params ignored).
pub fn boundary(content_type: &str) -> Option<String> {
    param(content_type, "boundary").filter(|b| !b.is_empty())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Preamble,
    Headers,
    Body,
    Done,
}

/// Longest preamble or header block: a boundary must come well before this.
const MAX_HEAD: usize = 64 * 1024;

/// Incremental multipart parser: `feed` bytes as they arrive, collect finished
/// parts. Each byte is scanned a bounded number of times (no rescans from the
/// start), and a part, preamble or header block past its limit is an error, so
/// a body without boundaries cannot exhaust memory.
#[derive(Debug)]
pub struct MultipartParser {
    delim: Vec<u8>,
    buf: Vec<u8>,
    state: State,
    headers: Vec<(String, String)>,
    scan_from: usize,
    max_part: usize,
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() || from > hay.len() - needle.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

impl MultipartParser {
    /// A parser for the given boundary (without the leading `--`).
    pub fn new(boundary: &str) -> Self {
        MultipartParser {
            delim: format!("--{boundary}").into_bytes(),
            buf: Vec::new(),
            state: State::Preamble,
            headers: Vec::new(),
            scan_from: 0,
            max_part: usize::MAX,
        }
    }

    /// The same parser refusing parts larger than `max_part` bytes.
    pub fn with_max_part(mut self, max_part: usize) -> Self {
        self.max_part = max_part;
        self
    }

    /// True once the closing boundary has been seen.
    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// Adds bytes; returns every part completed by them, or why the reply
    /// cannot be read on (the parser is then done).
    pub fn feed(&mut self, chunk: &[u8]) -> Result<Vec<ObjectPart>, RetsError> {
        self.buf.extend_from_slice(chunk);
        let mut out = Vec::new();
        loop {
            match self.step() {
                Ok(Some(Some(part))) => out.push(part),
                Ok(Some(None)) => {}
                Ok(None) => return Ok(out),
                Err(e) => {
                    self.state = State::Done;
                    self.buf = Vec::new();
                    return Err(e);
                }
            }
        }
    }

    /// Ends the input; a last part without closing boundary is returned when complete
    /// enough, a reply that never contained a boundary is an error.
    pub fn finish(mut self) -> Result<Option<ObjectPart>, RetsError> {
        match self.state {
            State::Done => Ok(None),
            State::Preamble => Err(RetsError::parse(
                "multipart GetObject reply",
                "no boundary line found in the body",
            )),
            State::Headers => Ok(None),
            State::Body => {
                let mut data = std::mem::take(&mut self.buf);
                while data.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    data.pop();
                }
                let headers = std::mem::take(&mut self.headers);
                Ok(Some(ObjectPart::from_parts(headers, Bytes::from(data))))
            }
        }
    }

    /// One state transition: `None` = need more data, `Some(None)` = progressed,
    /// `Some(Some(part))` = a part is complete.
    fn step(&mut self) -> Result<Option<Option<ObjectPart>>, RetsError> {
        let too_long = |what: &str| {
            RetsError::parse(
                "multipart GetObject reply",
                format!("no {what} in the first {} KiB", MAX_HEAD / 1024),
            )
        };
        match self.state {
            State::Done => {
                self.buf.clear();
                Ok(None)
            }
            State::Preamble => {
                let needle = [b"\n", &self.delim[..]].concat();
                let pos = if self.buf.starts_with(&self.delim) {
                    0
                } else {
                    match find(&self.buf, &needle, self.scan_from) {
                        Some(p) if p >= MAX_HEAD => return Err(too_long("boundary line")),
                        Some(p) => p + 1,
                        // Any boundary starting within the limit would be complete by now.
                        None if self.buf.len() > MAX_HEAD + needle.len() => {
                            return Err(too_long("boundary line"));
                        }
                        None => {
                            self.scan_from = self.buf.len().saturating_sub(needle.len());
                            return Ok(None);
                        }
                    }
                };
                Ok(self.after_delimiter(pos).map(|_| None))
            }
            State::Headers => {
                let (end, skip) = if self.buf.starts_with(b"\r\n") {
                    (0, 2)
                } else if self.buf.starts_with(b"\n") {
                    (0, 1)
                } else {
                    // Resume where the last search stopped (minus a separator's length).
                    let from = self.scan_from.saturating_sub(3);
                    let a = find(&self.buf, b"\r\n\r\n", from).map(|p| (p, 4));
                    let b = find(&self.buf, b"\n\n", from).map(|p| (p, 2));
                    match (a, b) {
                        (Some(a), Some(b)) => {
                            if a.0 <= b.0 {
                                a
                            } else {
                                b
                            }
                        }
                        (Some(x), None) | (None, Some(x)) => x,
                        (None, None) if self.buf.len() > MAX_HEAD + 4 => {
                            return Err(too_long("end of a part's headers"));
                        }
                        (None, None) => {
                            self.scan_from = self.buf.len();
                            return Ok(None);
                        }
                    }
                };
                if end > MAX_HEAD {
                    return Err(too_long("end of a part's headers"));
                }
                let block = String::from_utf8_lossy(&self.buf[..end]).into_owned();
                self.headers = parse_headers(&block);
                self.buf.drain(..end + skip);
                self.state = State::Body;
                self.scan_from = 0;
                Ok(Some(None))
            }
            State::Body => {
                let (data_end, delim_pos) =
                    if self.scan_from == 0 && self.buf.starts_with(&self.delim) {
                        (0, 0)
                    } else {
                        let needle = [b"\n", &self.delim[..]].concat();
                        match find(&self.buf, &needle, self.scan_from) {
                            Some(p) => {
                                let end = if p > 0 && self.buf[p - 1] == b'\r' {
                                    p - 1
                                } else {
                                    p
                                };
                                (end, p + 1)
                            }
                            None => {
                                if self.buf.len() > self.max_part.saturating_add(needle.len() + 1) {
                                    return Err(self.part_too_large());
                                }
                                self.scan_from = self.buf.len().saturating_sub(needle.len());
                                return Ok(None);
                            }
                        }
                    };
                if data_end > self.max_part {
                    return Err(self.part_too_large());
                }
                // Make sure the delimiter is complete (not a prefix of body bytes).
                let after = delim_pos + self.delim.len();
                match self.buf.get(after) {
                    None => return Ok(None),
                    Some(b'\r' | b'\n' | b'-' | b' ' | b'\t') => {}
                    Some(_) => {
                        // Not a delimiter, just body bytes that look like one.
                        self.scan_from = delim_pos + 1;
                        return Ok(Some(None));
                    }
                }
                let data = Bytes::copy_from_slice(&self.buf[..data_end]);
                if self.after_delimiter(delim_pos).is_none() {
                    return Ok(None);
                }
                let headers = std::mem::take(&mut self.headers);
                Ok(Some(Some(ObjectPart::from_parts(headers, data))))
            }
        }
    }

    fn part_too_large(&self) -> RetsError {
        RetsError::TooLarge {
            what: "an object of the GetObject reply".to_owned(),
            limit_mib: (self.max_part >> 20) as u64,
            setting: crate::config::ClientConfig::MAX_REPLY_SETTING,
        }
    }

    /// Consumes the delimiter line starting at `pos`; `None` when it is incomplete.
    fn after_delimiter(&mut self, pos: usize) -> Option<()> {
        let after = pos + self.delim.len();
        if self.buf.len() < after + 2 {
            return None;
        }
        if &self.buf[after..after + 2] == b"--" {
            self.state = State::Done;
            self.buf.clear();
            return Some(());
        }
        let eol = find(&self.buf, b"\n", after)?;
        self.buf.drain(..eol + 1);
        self.state = State::Headers;
        self.scan_from = 0;
        Some(())
    }
}

/// Parses a header block: `Name: value` (space after the colon optional); continuation
/// lines (starting with whitespace, or without any colon) are appended to the previous header.
pub fn parse_headers(block: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in block.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) || !line.contains(':') {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            out.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    out
}

/// Parses a whole GetObject body given the reply's Content-Type and headers.
pub fn parse_object_reply(
    content_type: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<Vec<ObjectPart>, RetsError> {
    if is_multipart(content_type) {
        let b = boundary(content_type).ok_or_else(|| {
            RetsError::parse("multipart GetObject reply", "Content-Type without boundary")
        })?;
        let mut p = MultipartParser::new(&b);
        let mut parts = p.feed(body)?;
        parts.extend(p.finish()?);
        Ok(parts)
    } else {
        Ok(vec![single_object(content_type, headers, body)])
    }
}

/// A non-multipart reply as one object (headers from the HTTP response).
pub fn single_object(content_type: &str, headers: &[(String, String)], body: &[u8]) -> ObjectPart {
    let mut hs: Vec<(String, String)> = headers
        .iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case("content-type"))
        .cloned()
        .collect();
    hs.push(("Content-Type".to_owned(), content_type.to_owned()));
    ObjectPart::from_parts(hs, Bytes::copy_from_slice(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] = b"preamble\r\n--B\r\nContent-ID: 1\r\nObject-ID:2\r\nContent-Type: image/jpeg\r\nContent-Description: Front\r\n  view\r\n\r\n\x00\x01--B-not\r\n--B\r\ncontent-id: 1\r\nOBJECT-ID: 3\r\nContent-Type: text/xml\r\n\r\n<RETS ReplyCode=\"20403\" ReplyText=\"No Object Found\"/>\r\n--B--\r\nepilogue";

    #[test]
    fn parses_parts_in_any_chunking() {
        for chunk in [1, 3, 7, BODY.len()] {
            let mut p = MultipartParser::new("B");
            let mut parts = Vec::new();
            for c in BODY.chunks(chunk) {
                parts.extend(p.feed(c).unwrap());
            }
            assert!(p.is_done());
            parts.extend(p.finish().unwrap());
            assert_eq!(parts.len(), 2, "chunk size {chunk}");
            assert_eq!(
                parts[0].object_id.as_deref(),
                Some("2"),
                "{chunk} {:?}",
                parts[0].headers
            );
            assert_eq!(parts[0].description.as_deref(), Some("Front view"));
            assert_eq!(&parts[0].data[..], b"\x00\x01--B-not");
            assert!(parts[0].error.is_none());
            assert_eq!(parts[1].object_id.as_deref(), Some("3"));
            assert_eq!(parts[1].error.as_ref().unwrap().code.as_u32(), 20403);
        }
    }

    #[test]
    fn lookalike_delimiter_at_body_start_is_data() {
        let body = b"--B\r\nContent-ID: 1\r\n\r\n--Bx data\r\n--B--\r\n";
        for chunk in [1, 2, body.len()] {
            let mut p = MultipartParser::new("B");
            let mut parts = Vec::new();
            for c in body.chunks(chunk) {
                parts.extend(p.feed(c).unwrap());
            }
            parts.extend(p.finish().unwrap());
            assert_eq!(parts.len(), 1);
            assert_eq!(&parts[0].data[..], b"--Bx data");
        }
    }

    #[test]
    fn endless_preambles_headers_and_parts_are_refused() {
        // 8 MiB without a boundary, fed in 1 KiB chunks: refused after 64 KiB,
        // and each chunk is scanned once (this took minutes when every chunk
        // rescanned the buffer from the start).
        let mut p = MultipartParser::new("B");
        let junk = vec![b'x'; 1024];
        let err = (0..8192)
            .find_map(|_| p.feed(&junk).err())
            .expect("refused");
        assert!(
            err.to_string()
                .contains("no boundary line in the first 64 KiB"),
            "{err}"
        );

        let mut p = MultipartParser::new("B");
        p.feed(b"--B\r\nContent-Type: image/jpeg\r\n").unwrap();
        let err = (0..8192)
            .find_map(|_| p.feed(&junk).err())
            .expect("refused");
        assert!(err.to_string().contains("headers"), "{err}");

        let mut p = MultipartParser::new("B").with_max_part(1 << 20);
        p.feed(b"--B\r\nContent-Type: image/jpeg\r\n\r\n").unwrap();
        let err = (0..8192)
            .find_map(|_| p.feed(&junk).err())
            .expect("refused");
        assert_eq!(err.code(), "too_large", "{err}");
        // A part within the limit passes.
        let mut p = MultipartParser::new("B").with_max_part(4);
        let parts = p
            .feed(b"--B\r\nContent-ID: 1\r\n\r\nabcd\r\n--B--\r\n")
            .unwrap();
        assert_eq!(parts.len(), 1);
    }

    #[test]
    fn boundary_param_variants() {
        assert_eq!(
            boundary("multipart/parallel; boundary=\"simple boundary\"; charset=utf-8").unwrap(),
            "simple boundary"
        );
        assert_eq!(boundary("multipart/parallel;boundary=abc").unwrap(), "abc");
        assert!(is_multipart("Multipart/Mixed; boundary=x"));
    }

    #[test]
    fn single_object_location() {
        let hs = vec![
            ("Content-ID".to_owned(), "K1".to_owned()),
            ("Object-ID".to_owned(), "1".to_owned()),
            ("Location".to_owned(), "http://x/y?a=1&amp;b=2".to_owned()),
        ];
        let p = single_object("image/jpeg", &hs, b"");
        assert_eq!(p.location.as_deref(), Some("http://x/y?a=1&b=2"));
        assert_eq!(p.content_type.as_deref(), Some("image/jpeg"));
        assert!(p.data.is_empty());
    }

    #[test]
    fn body_without_boundary_is_an_error() {
        let r = parse_object_reply("multipart/parallel; boundary=Q", &[], b"no parts here");
        assert_eq!(r.unwrap_err().code(), "parse");
    }

    #[test]
    fn a_rets_error_is_never_an_object_whatever_its_content_type() {
        let bom_plain = "\u{feff}<?xml version=\"1.0\"?>\r\n<RETS ReplyCode=\"20403\" ReplyText=\"No Object Found\"/>";
        for ct in [
            "text/plain",
            "text/plain; charset=utf-8",
            "image/jpeg",
            "application/octet-stream",
        ] {
            let p = single_object(ct, &[], bom_plain.as_bytes());
            assert_eq!(
                p.error.as_ref().map(|e| e.code.as_u32()),
                Some(20403),
                "{ct}"
            );
            assert!(!p.has_data(), "{ct}");
        }
        // The same inside a multipart reply, next to a real object that is kept.
        let body = format!(
            "--B\r\nContent-ID: K1\r\nObject-ID: 1\r\nContent-Type: image/jpeg\r\n\r\n\u{ff}JPEG\r\n\
             --B\r\nContent-ID: K2\r\nObject-ID: 1\r\nContent-Type: text/plain\r\n\r\n{bom_plain}\r\n--B--\r\n"
        );
        let parts =
            parse_object_reply("multipart/parallel; boundary=B", &[], body.as_bytes()).unwrap();
        assert_eq!(parts.len(), 2);
        assert!(parts[0].has_data());
        assert!(!parts[1].has_data());
        assert_eq!(
            parts[1].error.as_ref().map(|e| e.code.as_u32()),
            Some(20403)
        );
    }

    #[test]
    fn xml_objects_that_are_not_rets_replies_are_kept() {
        let p = single_object(
            "text/xml",
            &[],
            b"<?xml version=\"1.0\"?><tour><room/></tour>",
        );
        assert!(p.has_data());
        assert!(p.error.is_none());
        // A success envelope (a Location=1 part) stands in for the object.
        let p = single_object("text/xml", &[], b"<RETS ReplyCode=\"0\" ReplyText=\"OK\"/>");
        assert!(p.rets_reply && !p.has_data() && p.error.is_none());
    }
}
