//! Login and logout replies, including capability URL resolution.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The property lives in rets-client so the stable smoke test checks it too.
fuzz_target!(|data: &[u8]| rets_client::fuzz_checks::login(data));
