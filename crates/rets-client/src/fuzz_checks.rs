//! The properties the fuzz targets check, as plain functions: the cargo-fuzz
//! targets (`fuzz/`, nightly) and the stable smoke test (`tests/fuzz_smoke.rs`,
//! run by CI) call the same code. Each must return without panicking whatever
//! the bytes; a failed assertion is a bug.

use crate::compact::{CompactEvent, CompactReader, parse_compact, split_line};
use crate::login::{parse_login, parse_logout};
use crate::metadata::{Metadata, parse_metadata};
use crate::object::{MultipartParser, parse_headers};
use crate::text::{TextDecoder, strip_preamble, unescape};

/// COMPACT replies: never a panic, and a whole-body parse agrees with the stream.
pub fn compact(data: &[u8]) {
    let whole = parse_compact(data, TextDecoder::default());
    let mut rows = 0usize;
    for ev in CompactReader::new(strip_preamble(data), TextDecoder::default()) {
        match ev {
            Ok(CompactEvent::Row(_)) => rows += 1,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    if let Ok(r) = whole {
        assert_eq!(r.rows.len(), rows);
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = split_line(s, '\t', Some(3));
        let _ = unescape(s);
    }
}

/// Login and logout replies, capability URLs included.
#[allow(clippy::expect_used)] // a constant URL
pub fn login(data: &[u8]) {
    let base = url::Url::parse("http://rets.example.com:6103/rets/login?x=1").expect("a URL");
    let dec = TextDecoder::default();
    let _ = parse_login(data, &dec, &base);
    let _ = parse_logout(data, &dec);
    let _ = crate::reply::parse_envelope(data, &dec);
}

/// GetMetadata replies and the aggregate built from them.
pub fn metadata(data: &[u8]) {
    if let Ok(reply) = parse_metadata(data, &TextDecoder::default()) {
        let md = Metadata::from_tables(reply.tables);
        let _ = md.field_count();
    }
}

/// Multipart GetObject bodies: whole or in chunks, the same parts or an error
/// both ways. The first byte picks the chunk size.
pub fn multipart(data: &[u8]) {
    let Some((first, body)) = data.split_first() else {
        return;
    };
    let split = usize::from(*first) % 32 + 1;
    let max_part = 4096;
    let mut whole = MultipartParser::new("B").with_max_part(max_part);
    let a = whole.feed(body).map(|mut a| {
        a.extend(whole.finish().ok().flatten());
        a
    });
    let mut chunked = MultipartParser::new("B").with_max_part(max_part);
    let mut b = Ok(Vec::new());
    for c in body.chunks(split) {
        match chunked.feed(c) {
            Ok(parts) => b.as_mut().map(|b| b.extend(parts)).unwrap_or(()),
            Err(e) => {
                b = Err(e);
                break;
            }
        }
    }
    if let Ok(b) = b.as_mut() {
        b.extend(chunked.finish().ok().flatten());
    }
    match (a, b) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(_), Err(_)) => {}
        (a, b) => panic!(
            "whole {:?} vs chunked {:?}",
            a.map(|p| p.len()),
            b.map(|p| p.len())
        ),
    }
    let _ = parse_headers(&String::from_utf8_lossy(body));
}

/// XML declarations and content types: the decoder picks an encoding or none.
pub fn xml_declaration(data: &[u8]) {
    let dec = TextDecoder::default().with_xml_declaration(data, false);
    let _ = dec.decode(data);
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = TextDecoder::from_content_type(Some(s));
    }
}

/// STANDARD-XML search replies.
pub fn standard_xml(data: &[u8]) {
    let _ = crate::standard_xml::parse_standard_xml(data, &TextDecoder::default());
}
