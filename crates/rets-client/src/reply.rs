//! The `<RETS ReplyCode=".." ReplyText="..">` envelope that wraps every RETS reply,
//! and the typed reply codes: which are success, which mean "no records", which
//! signal an expired session, and which are real errors.

use crate::error::RetsError;
use crate::text::{TextDecoder, strip_preamble};
use crate::xml::{attr, attributes, name_of, push_ref, repaired_reader};
use quick_xml::events::Event;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A RETS reply code (RETS 1.7.2 §3.10 and the per-transaction tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ReplyCode(u32);

impl ReplyCode {
    /// 0: operation successful.
    pub const SUCCESS: ReplyCode = ReplyCode(0);
    /// 20036: login failed / missing user name (also sent when a session is gone).
    pub const LOGIN_FAILED: ReplyCode = ReplyCode(20036);
    /// 20037: session expired / authorization required.
    pub const AUTH_REQUIRED: ReplyCode = ReplyCode(20037);
    /// 20041: user agent authentication required.
    pub const UA_AUTH_REQUIRED: ReplyCode = ReplyCode(20041);
    /// 20201: no records found (an empty result, not an error).
    pub const NO_RECORDS: ReplyCode = ReplyCode(20201);
    /// 20203: invalid resource or class.
    pub const INVALID_CLASS: ReplyCode = ReplyCode(20203);
    /// 20206: invalid query syntax.
    pub const INVALID_QUERY: ReplyCode = ReplyCode(20206);
    /// 20207: unauthorized query.
    pub const UNAUTHORIZED_QUERY: ReplyCode = ReplyCode(20207);
    /// 20208: maximum records exceeded (more rows exist than were returned).
    pub const MAX_ROWS: ReplyCode = ReplyCode(20208);
    /// 20403: no object found.
    pub const NO_OBJECT: ReplyCode = ReplyCode(20403);
    /// 20502: requested metadata not available.
    pub const NO_METADATA: ReplyCode = ReplyCode(20502);
    /// 20503: requested metadata not found (unknown ID).
    pub const METADATA_NOT_FOUND: ReplyCode = ReplyCode(20503);

    /// Wraps a numeric code.
    pub const fn from_u32(code: u32) -> Self {
        ReplyCode(code)
    }

    /// The numeric code.
    pub const fn as_u32(self) -> u32 {
        self.0
    }

    /// Parses the attribute text (whitespace tolerant); garbage maps to `None`.
    pub fn parse(s: &str) -> Option<Self> {
        s.trim().parse().ok().map(ReplyCode)
    }

    /// True for 0.
    pub fn is_success(self) -> bool {
        self.0 == 0
    }

    /// True for 20201 (no records found): an empty result, not an error.
    pub fn is_empty_result(self) -> bool {
        self.0 == 20201
    }

    /// True for 20208 (maximum records exceeded).
    pub fn is_max_rows(self) -> bool {
        self.0 == 20208
    }

    /// True for codes meaning the session or credentials are not (or no longer) valid.
    pub fn is_auth(self) -> bool {
        matches!(self.0, 20036 | 20037 | 20041 | 20012)
    }

    /// A short English name of the code, when known.
    pub fn description(self) -> &'static str {
        match self.0 {
            0 => "success",
            20012 => "broker code required",
            20036 => "login failed",
            20037 => "authorization required / session expired",
            20041 => "user-agent authentication required",
            20200 => "unknown query field",
            20201 => "no records found",
            20202 => "invalid select",
            20203 => "invalid resource or class",
            20206 => "invalid query syntax",
            20207 => "unauthorized query",
            20208 => "maximum records exceeded",
            20209 => "timeout",
            20210 => "too many outstanding queries",
            20400 => "invalid resource",
            20401 => "invalid type",
            20402 => "invalid identifier",
            20403 => "no object found",
            20500 => "invalid metadata resource",
            20501 => "invalid metadata type",
            20502 => "invalid metadata identifier",
            20503 => "no metadata found",
            20506 => "metadata unavailable",
            20507 => "metadata format not supported",
            _ => "",
        }
    }
}

impl fmt::Display for ReplyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A reply code together with its text (top-level or from `<RETS-STATUS>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyStatus {
    /// The code.
    pub code: ReplyCode,
    /// The server's ReplyText (may be empty).
    pub text: String,
}

impl ReplyStatus {
    pub(crate) fn from_attrs(attrs: &[(String, String)]) -> Option<Self> {
        let code = ReplyCode::parse(attr(attrs, "ReplyCode")?)?;
        let text = attr(attrs, "ReplyText").unwrap_or_default().to_owned();
        Some(ReplyStatus { code, text })
    }

    /// Converts to an error with the given text content as detail.
    pub fn into_error(self, detail: String) -> RetsError {
        if self.code.is_auth() {
            let text = if self.text.trim().is_empty() {
                self.code.description()
            } else {
                self.text.as_str()
            };
            let mut msg = format!("server replied {} ({text})", self.code);
            if self.code.as_u32() == 20041 {
                msg.push_str(": check the user agent name and user agent password");
            }
            return RetsError::AuthFailed(msg);
        }
        RetsError::Reply {
            code: self.code,
            text: self.text,
            detail,
        }
    }
}

/// The parsed envelope of a small (non-streamed) reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// Top-level ReplyCode/ReplyText.
    pub status: ReplyStatus,
    /// Text directly inside `<RETS>` (e.g. RETS 1.0 login bodies, 20203 class lists).
    pub text: String,
    /// Text inside `<RETS-RESPONSE>` when present.
    pub response: Option<String>,
    /// A `<RETS-STATUS>` element inside the reply, if any.
    pub inner_status: Option<ReplyStatus>,
}

impl Envelope {
    /// Ok for success and 20201, otherwise the matching error.
    pub fn check(&self) -> Result<(), RetsError> {
        if self.status.code.is_success() || self.status.code.is_empty_result() {
            Ok(())
        } else {
            Err(self.status.clone().into_error(self.text.clone()))
        }
    }
}

/// Parses the envelope of a whole reply body.
pub fn parse_envelope(body: &[u8], dec: &TextDecoder) -> Result<Envelope, RetsError> {
    const WHAT: &str = "RETS reply";
    let mut reader = repaired_reader(strip_preamble(body));
    let mut buf = Vec::new();
    let mut status = None;
    let mut inner_status = None;
    let mut text = Vec::new();
    let mut response: Option<Vec<u8>> = None;
    // depth 1 = directly inside <RETS>; in_response = inside <RETS-RESPONSE>
    let mut depth = 0usize;
    let mut in_response = false;
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| RetsError::parse(WHAT, e.to_string()))?;
        match ev {
            Event::Start(e) | Event::Empty(e) if status.is_none() => {
                if name_of(&e).eq_ignore_ascii_case("RETS") {
                    let attrs = attributes(&e, dec);
                    status = Some(ReplyStatus::from_attrs(&attrs).ok_or_else(|| {
                        RetsError::parse(WHAT, "<RETS> element without a numeric ReplyCode")
                    })?);
                    depth = 1;
                } else {
                    return Err(RetsError::parse(
                        WHAT,
                        format!("expected <RETS>, found <{}>", name_of(&e)),
                    ));
                }
            }
            Event::Start(e) => {
                let name = name_of(&e);
                if name.eq_ignore_ascii_case("RETS-RESPONSE") {
                    in_response = true;
                    response.get_or_insert_with(Vec::new);
                } else if name.eq_ignore_ascii_case("RETS-STATUS") {
                    inner_status = ReplyStatus::from_attrs(&attributes(&e, dec));
                }
                depth += 1;
            }
            Event::Empty(e) => {
                let name = name_of(&e);
                if name.eq_ignore_ascii_case("RETS-STATUS") {
                    inner_status = ReplyStatus::from_attrs(&attributes(&e, dec));
                } else if name.eq_ignore_ascii_case("RETS-RESPONSE") {
                    response.get_or_insert_with(Vec::new);
                }
            }
            Event::End(e) => {
                if e.local_name()
                    .as_ref()
                    .eq_ignore_ascii_case(b"RETS-RESPONSE")
                {
                    in_response = false;
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) => target(&mut text, &mut response, in_response, depth)
                .map(|v| v.extend_from_slice(&t))
                .unwrap_or(()),
            Event::CData(t) => target(&mut text, &mut response, in_response, depth)
                .map(|v| v.extend_from_slice(&crate::text::escape_cdata(&t)))
                .unwrap_or(()),
            Event::GeneralRef(r) => {
                if let Some(v) = target(&mut text, &mut response, in_response, depth) {
                    push_ref(v, &r)
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let status = status.ok_or_else(|| RetsError::parse(WHAT, "no <RETS> element in the reply"))?;
    let decode = |v: &[u8]| crate::text::unescape(&dec.decode(v));
    Ok(Envelope {
        status,
        text: decode(&text),
        response: response.map(|r| decode(&r)),
        inner_status,
    })
}

fn target<'a>(
    text: &'a mut Vec<u8>,
    response: &'a mut Option<Vec<u8>>,
    in_response: bool,
    depth: usize,
) -> Option<&'a mut Vec<u8>> {
    if in_response {
        response.as_mut()
    } else if depth == 1 {
        Some(text)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(s: &str) -> Envelope {
        parse_envelope(s.as_bytes(), &TextDecoder::default()).unwrap()
    }

    #[test]
    fn attribute_order_either_way() {
        let a = env(r#"<RETS ReplyText="Logged out" ReplyCode="0"/>"#);
        assert_eq!(a.status.code, ReplyCode::SUCCESS);
        assert_eq!(a.status.text, "Logged out");
        let b = env(
            "\u{feff}\n  <?xml version=\"1.0\"?>\n<RETS ReplyCode=\" 20201 \" ReplyText=\"No Records\"></RETS>",
        );
        assert!(b.status.code.is_empty_result());
        assert!(b.check().is_ok());
    }

    #[test]
    fn text_and_status_inside() {
        let e =
            env("<RETS ReplyCode=\"20203\" ReplyText=\"Bad class\">\nValid:\n\tA &amp; B\n</RETS>");
        assert_eq!(e.text, "\nValid:\n\tA & B\n");
        let err = e.check().unwrap_err();
        assert_eq!(err.code(), "reply_code");
        assert!(err.to_string().contains("20203"));
        let s = env(
            "<RETS ReplyCode=\"0\" ReplyText=\"ok\"><MAXROWS/><RETS-STATUS ReplyCode=\"20208\" ReplyText=\"Max\"/></RETS>",
        );
        assert_eq!(s.inner_status.unwrap().code, ReplyCode::MAX_ROWS);
    }

    #[test]
    fn auth_codes_become_auth_errors() {
        let e = env("<RETS ReplyCode=\"20037\" ReplyText=\"Expired\"/>");
        assert_eq!(e.check().unwrap_err().code(), "auth_failed");
    }

    #[test]
    fn not_rets_is_a_parse_error() {
        let r = parse_envelope(b"<html><body>Oops</body></html>", &TextDecoder::default());
        assert_eq!(r.unwrap_err().code(), "parse");
        let r = parse_envelope(b"", &TextDecoder::default());
        assert_eq!(r.unwrap_err().code(), "parse");
    }
}
