//! Multipart GetObject bodies: chunked feeding must give the same parts as one feed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rets_client::object::{MultipartParser, parse_headers};

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let split = usize::from(data[0]) % 32 + 1;
    let body = &data[1..];
    let mut whole = MultipartParser::new("B");
    let mut a = whole.feed(body);
    a.extend(whole.finish().ok().flatten());
    let mut chunked = MultipartParser::new("B");
    let mut b = Vec::new();
    for c in body.chunks(split) {
        b.extend(chunked.feed(c));
    }
    b.extend(chunked.finish().ok().flatten());
    assert_eq!(a, b);
    let _ = parse_headers(&String::from_utf8_lossy(body));
});
