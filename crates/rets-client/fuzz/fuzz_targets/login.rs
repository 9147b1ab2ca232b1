//! Login and logout replies, including capability URL resolution.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rets_client::login::{parse_login, parse_logout};
use rets_client::text::TextDecoder;

fuzz_target!(|data: &[u8]| {
    let base = url::Url::parse("http://rets.example.com:6103/rets/login?x=1").unwrap();
    let dec = TextDecoder::default();
    let _ = parse_login(data, &dec, &base);
    let _ = parse_logout(data, &dec);
    let _ = rets_client::reply::parse_envelope(data, &dec);
});
