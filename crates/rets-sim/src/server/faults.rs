//! Quirks applied to finished replies: gzip encoding, text/plain with a BOM,
//! bodies cut off mid-stream, and 503 bursts. Bodies stay streamed throughout.

use std::io::Write;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use bytes::Bytes;
use flate2::Compression;
use flate2::write::GzEncoder;
use futures_util::{Stream, StreamExt, stream};

use super::reply;
use crate::config::Quirks;

type BoxedBytes = std::pin::Pin<Box<dyn Stream<Item = Result<Bytes, std::io::Error>> + Send>>;

fn body_stream(body: Body) -> BoxedBytes {
    Box::pin(
        body.into_data_stream()
            .map(|r| r.map_err(std::io::Error::other)),
    )
}

/// Applies the reply-shaping quirks. `cut` truncates this reply mid-body.
pub fn finish(mut resp: Response, quirks: &Quirks, cut: bool) -> Response {
    let is_xml = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/xml"));
    if !(quirks.gzip || cut || (quirks.text_plain_bom && is_xml)) {
        return resp;
    }
    let (mut parts, body) = std::mem::take(&mut resp).into_parts();
    let mut s = body_stream(body);
    if quirks.text_plain_bom && is_xml {
        parts.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        s = Box::pin(stream::once(async { Ok(Bytes::from_static(b"\xEF\xBB\xBF")) }).chain(s));
    }
    if quirks.gzip {
        parts
            .headers
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        s = gzip(s);
    }
    if cut {
        s = truncate(s);
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from_stream(s))
}

/// Compresses a byte stream incrementally.
fn gzip(inner: BoxedBytes) -> BoxedBytes {
    let enc = GzEncoder::new(Vec::new(), Compression::fast());
    Box::pin(stream::unfold(Some((inner, enc)), |state| async move {
        let (mut inner, mut enc) = state?;
        loop {
            match inner.next().await {
                Some(Ok(b)) => {
                    if let Err(e) = enc.write_all(&b) {
                        return Some((Err(e), None));
                    }
                    if !enc.get_ref().is_empty() {
                        let out = std::mem::take(enc.get_mut());
                        return Some((Ok(Bytes::from(out)), Some((inner, enc))));
                    }
                }
                Some(Err(e)) => return Some((Err(e), None)),
                None => return Some((enc.finish().map(Bytes::from), None)),
            }
        }
    }))
}

/// Passes half of the first non-empty chunk, then fails the body (the
/// connection is reset mid-reply).
fn truncate(inner: BoxedBytes) -> BoxedBytes {
    Box::pin(stream::unfold(Some(inner), |state| async move {
        let mut inner = state?;
        loop {
            match inner.next().await {
                Some(Ok(b)) if b.is_empty() => continue,
                Some(Ok(b)) => {
                    let half = b.slice(..b.len() / 2);
                    let rest: BoxedBytes = Box::pin(stream::once(async {
                        Err(std::io::Error::new(
                            std::io::ErrorKind::ConnectionReset,
                            "truncated by quirk",
                        ))
                    }));
                    return Some((Ok(half), Some(rest)));
                }
                Some(Err(e)) => return Some((Err(e), None)),
                None => {
                    return Some((
                        Err(std::io::Error::new(
                            std::io::ErrorKind::ConnectionReset,
                            "truncated by quirk",
                        )),
                        None,
                    ));
                }
            }
        }
    }))
}

/// Endless `x` bytes (or zeros), 64 KiB at a time, after `head`.
fn endless(head: &'static [u8], byte: u8) -> BoxedBytes {
    let chunk = Bytes::from(vec![byte; 64 * 1024]);
    Box::pin(
        stream::once(async move { Ok(Bytes::from_static(head)) })
            .chain(stream::repeat_with(move || Ok(chunk.clone()))),
    )
}

const ROW_HEAD: &[u8] = b"<?xml version=\"1.0\" ?>\r\n<RETS ReplyCode=\"0\" ReplyText=\"Operation Successful\">\r\n<COUNT Records=\"1\" />\r\n<DELIMITER value=\"09\" />\r\n<COLUMNS>\tLISTING_KEY\tMODIFIED\t</COLUMNS>\r\n<DATA>\t";

/// A search reply whose one row never ends (`endless-row`).
pub fn endless_row() -> Response {
    let mut r = Response::new(Body::from_stream(endless(ROW_HEAD, b'x')));
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/xml"));
    r
}

/// A gzip search reply that inflates without end (`gzip-bomb`): zeros
/// compress about 1000:1, so the client sees gigabytes for megabytes sent.
pub fn gzip_bomb() -> Response {
    let mut r = Response::new(Body::from_stream(gzip(endless(ROW_HEAD, 0))));
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/xml"));
    r.headers_mut()
        .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    r
}

/// A GetObject reply whose one part never ends (`endless-part`).
pub fn endless_part() -> Response {
    const HEAD: &[u8] =
        b"--B\r\nContent-ID: 1\r\nObject-ID: 1\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8";
    let mut r = Response::new(Body::from_stream(endless(HEAD, 0x55)));
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("multipart/parallel; boundary=\"B\""),
    );
    r
}

/// A fault of the `faults=RATE` mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The body is cut mid-reply (the connection resets).
    Cut,
    /// 503 with Retry-After.
    Unavailable,
    /// 401: the session is gone, the client must log in again.
    Unauthorized,
    /// The reply starts late.
    Stall(std::time::Duration),
}

/// The fault of transaction `n`, if any: `permille` thousandths of
/// transactions, the kind and the stall drawn from `seed`, so a run can be
/// repeated exactly.
pub fn drawn(seed: u64, n: u64, permille: u32) -> Option<Fault> {
    let r = crate::rng::mix(seed ^ 0xfa17, n);
    if r % 1000 >= u64::from(permille) {
        return None;
    }
    Some(match (r >> 8) % 4 {
        0 => Fault::Cut,
        1 => Fault::Unavailable,
        2 => Fault::Unauthorized,
        _ => Fault::Stall(std::time::Duration::from_millis(200 + (r >> 16) % 1800)),
    })
}

/// A 503 reply of a burst.
pub fn unavailable() -> Response {
    let mut r = reply::xml(
        StatusCode::SERVICE_UNAVAILABLE,
        reply::status_body(20050, "Server Temporarily Disabled"),
    );
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    r
}

/// True when transaction number `n` (1-based) falls in a 503 burst:
/// the Nth and the one after it, every N transactions.
pub fn in_burst(n: u64, every: u32) -> bool {
    let every = u64::from(every);
    if every <= 2 {
        return n.is_multiple_of(every.max(2));
    }
    matches!(n % every, 0 | 1) && n > 1
}

/// True when transaction number `n` (1-based) is cut short.
pub fn is_cut(n: u64, every: u32) -> bool {
    n.is_multiple_of(u64::from(every))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bursts_are_pairs() {
        let hits: Vec<u64> = (1..=12).filter(|n| in_burst(*n, 5)).collect();
        assert_eq!(hits, vec![5, 6, 10, 11]);
        assert!((1..=4).all(|n| !is_cut(n, 5)) && is_cut(5, 5));
    }
}
