//! HTTP authentication done by hand, because RETS servers need HTTP Digest (RFC 2617 /
//! 7616: MD5, MD5-sess, qop=auth with nonce counting, stale nonces, opaque) and
//! reqwest has none; plus the RETS-UA-Authorization header (RETS 1.7.2 §3.10).

use md5::{Digest as _, Md5};

fn md5_hex(s: &str) -> String {
    hex::encode(Md5::digest(s.as_bytes()))
}

/// A parsed `WWW-Authenticate` challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Challenge {
    /// `Basic realm=...`.
    Basic,
    /// `Digest ...`.
    Digest(DigestChallenge),
}

/// The parameters of a Digest challenge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DigestChallenge {
    /// realm.
    pub realm: String,
    /// nonce.
    pub nonce: String,
    /// opaque (echoed back verbatim).
    pub opaque: Option<String>,
    /// algorithm (MD5 when absent).
    pub algorithm: Option<String>,
    /// qop options offered (e.g. "auth,auth-int").
    pub qop: Option<String>,
    /// stale=true: the nonce expired, credentials were fine.
    pub stale: bool,
}

/// Splits `a=b, c="d, e"` into pairs, honouring quotes.
fn auth_params(s: &str) -> Vec<(String, String)> {
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
                    _ => v.push(c),
                }
            }
            value = v;
            rest = r[end.min(r.len())..].trim_start();
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            value = rest[..end].trim().to_owned();
            rest = &rest[end..];
        }
        rest = rest.trim_start_matches([',', ' ', '\t']);
        out.push((key, value));
    }
    out
}

/// Picks the best challenge among `WWW-Authenticate` header values (Digest over Basic).
pub fn parse_challenges<'a>(headers: impl IntoIterator<Item = &'a str>) -> Option<Challenge> {
    let mut basic = false;
    for h in headers {
        let h = h.trim();
        let (scheme, rest) = h.split_once(' ').unwrap_or((h, ""));
        if scheme.eq_ignore_ascii_case("Digest") {
            let mut c = DigestChallenge::default();
            for (k, v) in auth_params(rest) {
                match k.as_str() {
                    "realm" => c.realm = v,
                    "nonce" => c.nonce = v,
                    "opaque" => c.opaque = Some(v),
                    "algorithm" => c.algorithm = Some(v),
                    "qop" => c.qop = Some(v),
                    "stale" => c.stale = v.eq_ignore_ascii_case("true"),
                    _ => {}
                }
            }
            return Some(Challenge::Digest(c));
        }
        if scheme.eq_ignore_ascii_case("Basic") {
            basic = true;
        }
    }
    basic.then_some(Challenge::Basic)
}

/// Digest state for one server: the challenge and the nonce count.
#[derive(Debug, Clone)]
pub struct DigestAuth {
    challenge: DigestChallenge,
    nc: u32,
}

impl DigestAuth {
    /// Starts counting for a fresh challenge.
    pub fn new(challenge: DigestChallenge) -> Self {
        DigestAuth { challenge, nc: 0 }
    }

    /// The challenge in use.
    pub fn challenge(&self) -> &DigestChallenge {
        &self.challenge
    }

    /// The `Authorization` header for one request (`uri` is path + query).
    pub fn authorization(&mut self, method: &str, uri: &str, user: &str, password: &str) -> String {
        let cnonce = format!("{:016x}", rand::random::<u64>());
        self.authorization_with_cnonce(method, uri, user, password, &cnonce)
    }

    /// Deterministic variant used by tests.
    pub fn authorization_with_cnonce(
        &mut self,
        method: &str,
        uri: &str,
        user: &str,
        password: &str,
        cnonce: &str,
    ) -> String {
        let c = &self.challenge;
        let algorithm = c.algorithm.clone().unwrap_or_else(|| "MD5".to_owned());
        let sess = algorithm.eq_ignore_ascii_case("MD5-sess");
        let qop_auth = c
            .qop
            .as_deref()
            .is_some_and(|q| q.split(',').any(|o| o.trim().eq_ignore_ascii_case("auth")));
        let mut ha1 = md5_hex(&format!("{user}:{}:{password}", c.realm));
        if sess {
            ha1 = md5_hex(&format!("{ha1}:{}:{cnonce}", c.nonce));
        }
        let ha2 = md5_hex(&format!("{method}:{uri}"));
        let mut header = format!(
            "Digest username=\"{user}\", realm=\"{}\", nonce=\"{}\", uri=\"{uri}\"",
            c.realm, c.nonce
        );
        let response = if qop_auth {
            self.nc += 1;
            let nc = format!("{:08x}", self.nc);
            header.push_str(&format!(", qop=auth, nc={nc}, cnonce=\"{cnonce}\""));
            md5_hex(&format!("{ha1}:{}:{nc}:{cnonce}:auth:{ha2}", c.nonce))
        } else {
            if sess {
                header.push_str(&format!(", cnonce=\"{cnonce}\""));
            }
            md5_hex(&format!("{ha1}:{}:{ha2}", c.nonce))
        };
        header.push_str(&format!(", response=\"{response}\""));
        if let Some(a) = &c.algorithm {
            header.push_str(&format!(", algorithm={a}"));
        }
        if let Some(o) = &c.opaque {
            header.push_str(&format!(", opaque=\"{o}\""));
        }
        header
    }
}

/// The `Authorization` value for HTTP Basic.
pub fn basic_authorization(user: &str, password: &str) -> String {
    use std::fmt::Write;
    let input = format!("{user}:{password}");
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::from("Basic ");
    for chunk in input.as_bytes().chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                let _ = out.write_char(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `RETS-UA-Authorization: Digest hex(MD5(hex(MD5(UA:UAPassword)):RequestID:SessionID:Version))`.
pub fn ua_authorization(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc2617_example() {
        // The worked example of RFC 2617 §3.5.
        let c = parse_challenges([
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
        ])
        .unwrap();
        let Challenge::Digest(c) = c else { panic!() };
        assert_eq!(
            c.opaque.as_deref(),
            Some("5ccc069c403ebaf9f0171e9517f40e41")
        );
        let mut d = DigestAuth::new(c);
        let h = d.authorization_with_cnonce(
            "GET",
            "/dir/index.html",
            "Mufasa",
            "Circle Of Life",
            "0a4f113b",
        );
        assert!(
            h.contains("response=\"6629fae49393a05397450978507c4ef1\""),
            "{h}"
        );
        assert!(h.contains("nc=00000001"));
        assert!(h.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""));
        let h2 = d.authorization_with_cnonce(
            "GET",
            "/dir/index.html",
            "Mufasa",
            "Circle Of Life",
            "0a4f113b",
        );
        assert!(h2.contains("nc=00000002"));
    }

    #[test]
    fn md5_sess_and_no_qop() {
        let mut d = DigestAuth::new(DigestChallenge {
            realm: "r".into(),
            nonce: "n".into(),
            algorithm: Some("MD5-sess".into()),
            ..Default::default()
        });
        let h = d.authorization_with_cnonce("POST", "/x", "u", "p", "c");
        let ha1 = md5_hex(&format!("{}:n:c", md5_hex("u:r:p")));
        let expect = md5_hex(&format!("{ha1}:n:{}", md5_hex("POST:/x")));
        assert!(h.contains(&format!("response=\"{expect}\"")));
        assert!(!h.contains("nc="));
    }

    #[test]
    fn challenge_parsing() {
        let c = parse_challenges([
            "Basic realm=\"x\"",
            "Digest realm=\"a, b\", nonce=abc, stale=TRUE",
        ]);
        let Some(Challenge::Digest(c)) = c else {
            panic!()
        };
        assert_eq!(c.realm, "a, b");
        assert_eq!(c.nonce, "abc");
        assert!(c.stale);
        assert_eq!(
            parse_challenges(["Basic realm=\"x\""]),
            Some(Challenge::Basic)
        );
        assert_eq!(parse_challenges(["Negotiate"]), None);
        assert_eq!(
            basic_authorization("Aladdin", "open sesame"),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
    }

    #[test]
    fn ua_auth_value() {
        let a1 = md5_hex("MyUA/1.0:secret");
        let expect = md5_hex(&format!("{a1}:req1:sess1:RETS/1.7.2"));
        assert_eq!(
            ua_authorization("MyUA/1.0", "secret", "req1", "sess1", "RETS/1.7.2"),
            format!("Digest {expect}")
        );
    }
}
