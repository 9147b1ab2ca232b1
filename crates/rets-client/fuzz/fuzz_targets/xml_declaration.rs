//! XML declarations and Content-Type charsets: an encoding or none, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The property lives in rets-client so the stable smoke test checks it too.
fuzz_target!(|data: &[u8]| rets_client::fuzz_checks::xml_declaration(data));
