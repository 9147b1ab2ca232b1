//! COMPACT search replies: the streaming parser must never panic, and a whole-body
//! parse must agree with the event stream.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The property lives in rets-client so the stable smoke test checks it too.
fuzz_target!(|data: &[u8]| rets_client::fuzz_checks::compact(data));
