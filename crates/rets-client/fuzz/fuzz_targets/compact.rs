//! COMPACT search replies: the streaming parser must never panic, and a whole-body
//! parse must agree with the event stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rets_client::compact::{CompactEvent, CompactReader, parse_compact, split_line};
use rets_client::text::TextDecoder;

fuzz_target!(|data: &[u8]| {
    let whole = parse_compact(data, TextDecoder::default());
    let mut rows = 0usize;
    for ev in CompactReader::new(
        rets_client::text::strip_preamble(data),
        TextDecoder::default(),
    ) {
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
        let _ = rets_client::text::unescape(s);
    }
});
