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
    // A limit small enough for the fuzzer to reach.
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
            Ok(parts) => b.as_mut().expect("still ok").extend(parts),
            Err(e) => {
                b = Err(e);
                break;
            }
        }
    }
    if let Ok(b) = b.as_mut() {
        b.extend(chunked.finish().ok().flatten());
    }
    // Whole or in chunks: the same parts, or an error both ways.
    match (a, b) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("whole {:?} vs chunked {:?}", a.map(|p| p.len()), b.map(|p| p.len())),
    }
    let _ = parse_headers(&String::from_utf8_lossy(body));
});
