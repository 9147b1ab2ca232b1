//! HTTP Digest (RFC 2617, MD5, qop=auth, stale nonces), HTTP Basic and RETS
//! user-agent authentication, checked the way RETS servers check them.
//!
//! This is deliberately a second implementation, not a use of `rets-client`'s
//! Digest code (which it resembles line for line in places): the simulator is
//! the client's examiner, so it must not share the client's parser or hashing.
//! A bug in one would otherwise be agreed with by the other and pass every test.

use md5::{Digest, Md5};

/// Realm announced in challenges.
pub const REALM: &str = "rets-sim@demo-mls";

/// Lowercase hex MD5 of `s`.
pub fn md5_hex(s: &str) -> String {
    hex::encode(Md5::digest(s.as_bytes()))
}

/// Outcome of checking an `Authorization` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthOutcome {
    /// Credentials are valid.
    Ok,
    /// The digest was right but its nonce is too old: challenge with `stale=true`.
    Stale,
    /// Missing or wrong credentials.
    Denied,
}

/// Issues and checks server nonces: `hex(issued secs)` + a keyed MD5 tag.
#[derive(Debug, Clone)]
pub struct Nonces {
    secret: String,
    lifetime_secs: u64,
}

impl Nonces {
    /// Nonces keyed by `secret`, valid for `lifetime_secs`.
    pub fn new(secret: u64, lifetime_secs: u64) -> Self {
        Self {
            secret: format!("{secret:016x}"),
            lifetime_secs,
        }
    }

    /// A fresh nonce issued at `now` (unix seconds).
    pub fn issue(&self, now: u64) -> String {
        let ts = format!("{now:012x}");
        let tag = md5_hex(&format!("{ts}:{}", self.secret));
        format!("{ts}{}", &tag[..20])
    }

    /// `Some(true)` fresh, `Some(false)` stale, `None` forged.
    pub fn check(&self, nonce: &str, now: u64) -> Option<bool> {
        if nonce.len() != 32 || !nonce.is_ascii() {
            return None;
        }
        let (ts, tag) = nonce.split_at(12);
        let expected = md5_hex(&format!("{ts}:{}", self.secret));
        if expected[..20] != *tag {
            return None;
        }
        let issued = u64::from_str_radix(ts, 16).ok()?;
        Some(now.saturating_sub(issued) <= self.lifetime_secs)
    }

    /// The `WWW-Authenticate` value for a digest challenge.
    pub fn challenge(&self, now: u64, stale: bool) -> String {
        let opaque = md5_hex(&format!("opaque:{}", self.secret));
        format!(
            "Digest realm=\"{REALM}\", qop=\"auth\", nonce=\"{}\", opaque=\"{opaque}\", algorithm=MD5{}",
            self.issue(now),
            if stale { ", stale=true" } else { "" }
        )
    }
}

/// Parses `k=v, k="v, w"` parameter lists of a Digest header.
pub fn parse_params(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else { break };
        let key = rest[..eq]
            .trim()
            .trim_start_matches(',')
            .trim()
            .to_ascii_lowercase();
        rest = rest[eq + 1..].trim_start();
        let value;
        if let Some(r) = rest.strip_prefix('"') {
            let mut v = String::new();
            let mut chars = r.char_indices();
            let mut end = r.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, n)) = chars.next() {
                            v.push(n);
                        }
                    }
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    c => v.push(c),
                }
            }
            value = v;
            rest = &r[end.min(r.len())..];
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            value = rest[..end].trim().to_string();
            rest = &rest[end..];
        }
        out.push((key, value));
        rest = rest.trim_start().trim_start_matches(',').trim_start();
    }
    out
}

/// Checks a Digest `Authorization` header for `method`.
pub fn check_digest(
    header: &str,
    method: &str,
    user: &str,
    password: &str,
    nonces: &Nonces,
    now: u64,
) -> AuthOutcome {
    let Some(rest) = header
        .strip_prefix("Digest ")
        .or_else(|| header.strip_prefix("digest "))
    else {
        return AuthOutcome::Denied;
    };
    let params = parse_params(rest);
    let get = |k: &str| {
        params
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    let (Some(username), Some(nonce), Some(uri), Some(response)) =
        (get("username"), get("nonce"), get("uri"), get("response"))
    else {
        return AuthOutcome::Denied;
    };
    if username != user || get("realm").is_some_and(|r| r != REALM) {
        return AuthOutcome::Denied;
    }
    let ha1 = md5_hex(&format!("{user}:{REALM}:{password}"));
    let ha2 = md5_hex(&format!("{method}:{uri}"));
    let expected = match get("qop") {
        Some(qop) => {
            let (Some(nc), Some(cnonce)) = (get("nc"), get("cnonce")) else {
                return AuthOutcome::Denied;
            };
            md5_hex(&format!("{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}"))
        }
        None => md5_hex(&format!("{ha1}:{nonce}:{ha2}")),
    };
    if !expected.eq_ignore_ascii_case(response) {
        return AuthOutcome::Denied;
    }
    match nonces.check(nonce, now) {
        Some(true) => AuthOutcome::Ok,
        Some(false) => AuthOutcome::Stale,
        None => AuthOutcome::Denied,
    }
}

/// Checks a Basic `Authorization` header.
pub fn check_basic(header: &str, user: &str, password: &str) -> AuthOutcome {
    let Some(b64) = header
        .strip_prefix("Basic ")
        .or_else(|| header.strip_prefix("basic "))
    else {
        return AuthOutcome::Denied;
    };
    match base64_decode(b64.trim()).and_then(|b| String::from_utf8(b).ok()) {
        Some(s) if s == format!("{user}:{password}") => AuthOutcome::Ok,
        _ => AuthOutcome::Denied,
    }
}

/// The expected `RETS-UA-Authorization` value (RETS 1.7.2 section 3.10).
pub fn ua_digest(
    user_agent: &str,
    ua_password: &str,
    request_id: &str,
    session_id: &str,
    version: &str,
) -> String {
    let a1 = md5_hex(&format!("{user_agent}:{ua_password}"));
    format!(
        "Digest {}",
        md5_hex(&format!("{a1}:{request_id}:{session_id}:{version}"))
    )
}

/// Decodes standard base64 (padding optional).
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes().filter(|c| *c != b'=') {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_round_trip_stale_and_wrong_password() {
        let nonces = Nonces::new(99, 60);
        let nonce = nonces.issue(1000);
        let ha1 = md5_hex(&format!("demo:{REALM}:demo"));
        let ha2 = md5_hex("GET:/rets/login");
        let resp = md5_hex(&format!("{ha1}:{nonce}:00000001:abc:auth:{ha2}"));
        let header = format!(
            "Digest username=\"demo\", realm=\"{REALM}\", nonce=\"{nonce}\", uri=\"/rets/login\", qop=auth, nc=00000001, cnonce=\"abc\", response=\"{resp}\", opaque=\"x\""
        );
        assert_eq!(
            check_digest(&header, "GET", "demo", "demo", &nonces, 1010),
            AuthOutcome::Ok
        );
        assert_eq!(
            check_digest(&header, "GET", "demo", "demo", &nonces, 1100),
            AuthOutcome::Stale
        );
        assert_eq!(
            check_digest(&header, "GET", "demo", "other", &nonces, 1010),
            AuthOutcome::Denied
        );
        assert_eq!(
            check_digest(&header, "POST", "demo", "demo", &nonces, 1010),
            AuthOutcome::Denied
        );
        let forged = header.replace(&nonce, &format!("{}0000", &nonce[..28]));
        assert_eq!(
            check_digest(&forged, "GET", "demo", "demo", &nonces, 1010),
            AuthOutcome::Denied
        );
        assert!(nonces.challenge(5, true).ends_with("stale=true"));
    }

    #[test]
    fn basic_and_ua() {
        assert_eq!(
            check_basic("Basic ZGVtbzpkZW1v", "demo", "demo"),
            AuthOutcome::Ok
        );
        assert_eq!(
            check_basic("Basic ZGVtbzp4", "demo", "demo"),
            AuthOutcome::Denied
        );
        // Worked example: MD5("UA:pw") then MD5(a1:req:session:version).
        let a1 = md5_hex("MyUA/1.0:secret");
        let expected = format!("Digest {}", md5_hex(&format!("{a1}:42:SID:RETS/1.7.2")));
        assert_eq!(
            ua_digest("MyUA/1.0", "secret", "42", "SID", "RETS/1.7.2"),
            expected
        );
        assert_eq!(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
    }

    #[test]
    fn params_with_quotes_and_commas() {
        let p = parse_params("username=\"a,b\", qop=auth, nc=00000001");
        assert_eq!(p[0], ("username".into(), "a,b".into()));
        assert_eq!(p[1], ("qop".into(), "auth".into()));
        assert_eq!(p[2], ("nc".into(), "00000001".into()));
    }
}
