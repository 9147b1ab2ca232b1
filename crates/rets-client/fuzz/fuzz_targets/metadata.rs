//! GetMetadata replies (COMPACT and STANDARD-XML) and the aggregate built from them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rets_client::metadata::{Metadata, parse_metadata};
use rets_client::text::TextDecoder;

fuzz_target!(|data: &[u8]| {
    if let Ok(reply) = parse_metadata(data, &TextDecoder::default()) {
        let md = Metadata::from_tables(reply.tables);
        let _ = md.field_count();
    }
});
