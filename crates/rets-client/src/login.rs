//! Login and logout replies: the `key=value` capability list (RETS 1.0 bodies without
//! `<RETS-RESPONSE>`, 1.5+ bodies with it, 1.8 `Info=NAME;Type;Value` lines), with
//! capability URLs resolved against the login URL.

use crate::error::RetsError;
use crate::reply::{Envelope, parse_envelope};
use crate::text::TextDecoder;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use url::Url;

/// The RETS transactions a login reply can advertise.
pub const CAPABILITIES: [&str; 11] = [
    "Action",
    "ChangePassword",
    "GetObject",
    "Login",
    "LoginComplete",
    "Logout",
    "Search",
    "GetMetadata",
    "ServerInformation",
    "Update",
    "GetPayloadList",
];

/// A RETS 1.8 `Info=NAME;Type;Value` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InfoToken {
    /// Data type as sent (Character, Int, DateTime, Money…).
    pub data_type: String,
    /// Value (may be empty).
    pub value: String,
}

/// Everything a login reply told us.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginReply {
    /// Capability name → absolute URL (keys as in [`CAPABILITIES`], plus any `X-` URLs).
    pub capabilities: BTreeMap<String, Url>,
    /// All other `key=value` entries (original key spelling, value trimmed).
    pub info: BTreeMap<String, String>,
    /// RETS 1.8 `Info=` tokens keyed by NAME (original spelling).
    pub info_tokens: BTreeMap<String, InfoToken>,
}

impl LoginReply {
    /// Case-insensitive lookup in `info`, then in the 1.8 `Info=` tokens.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.info
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
            .or_else(|| {
                self.info_tokens
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(key))
                    .map(|(_, t)| t.value.as_str())
            })
    }

    /// URL of a capability (case-insensitive name, e.g. "Search").
    pub fn capability(&self, name: &str) -> Option<&Url> {
        self.capabilities
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    /// MetadataVersion (1.8: METADATAVERSION token).
    pub fn metadata_version(&self) -> Option<&str> {
        self.get("MetadataVersion")
    }

    /// MetadataTimestamp.
    pub fn metadata_timestamp(&self) -> Option<&str> {
        self.get("MetadataTimestamp")
    }

    /// MinMetadataVersion / MinMetadataTimestamp as sent.
    pub fn min_metadata_version(&self) -> Option<&str> {
        self.get("MinMetadataVersion")
    }

    /// TimeoutSeconds as a number.
    pub fn timeout_seconds(&self) -> Option<u64> {
        self.get("TimeoutSeconds")?.trim().parse().ok()
    }

    /// Balance as sent.
    pub fn balance(&self) -> Option<&str> {
        self.get("Balance")
    }

    /// Broker as sent.
    pub fn broker(&self) -> Option<&str> {
        self.get("Broker")
    }

    /// MemberName as sent.
    pub fn member_name(&self) -> Option<&str> {
        self.get("MemberName")
    }

    /// User line as sent.
    pub fn user(&self) -> Option<&str> {
        self.get("User")
    }
}

/// Parses a login reply body; `base` is the login URL that relative URLs resolve against.
/// A non-zero ReplyCode becomes an error.
pub fn parse_login(body: &[u8], dec: &TextDecoder, base: &Url) -> Result<LoginReply, RetsError> {
    let env = parse_envelope(body, dec)?;
    if !env.status.code.is_success() {
        return Err(env.status.into_error(env.text));
    }
    Ok(parse_login_lines(login_text(&env), base))
}

fn login_text(env: &Envelope) -> &str {
    env.response.as_deref().unwrap_or(&env.text)
}

/// Parses the `key=value` lines of a login body.
pub fn parse_login_lines(text: &str, base: &Url) -> LoginReply {
    let mut reply = LoginReply::default();
    for line in text.lines() {
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        let value = value.trim();
        if key.is_empty() {
            continue;
        }
        if key.eq_ignore_ascii_case("Info") {
            let mut parts = value.splitn(3, ';');
            let name = parts.next().unwrap_or_default().trim().to_owned();
            let data_type = parts.next().unwrap_or_default().trim().to_owned();
            let val = parts.next().unwrap_or_default().trim().to_owned();
            if !name.is_empty() {
                reply.info_tokens.insert(
                    name,
                    InfoToken {
                        data_type,
                        value: val,
                    },
                );
            }
            continue;
        }
        let is_capability = CAPABILITIES.iter().any(|c| c.eq_ignore_ascii_case(key));
        if is_capability
            && !value.is_empty()
            && let Ok(url) = base.join(value)
        {
            let canonical = CAPABILITIES
                .iter()
                .find(|c| c.eq_ignore_ascii_case(key))
                .copied()
                .unwrap_or(key);
            reply.capabilities.insert(canonical.to_owned(), url);
            continue;
        }
        reply.info.insert(key.to_owned(), value.to_owned());
    }
    reply
}

/// What a logout reply said.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogoutReply {
    /// SignOffMessage, or the bare text of the reply when there is no RETS-RESPONSE.
    pub message: Option<String>,
    /// ConnectTime in seconds, when reported.
    pub connect_time: Option<String>,
    /// Billing information, when reported.
    pub billing: Option<String>,
}

/// Parses a logout reply (non-zero ReplyCode is an error).
pub fn parse_logout(body: &[u8], dec: &TextDecoder) -> Result<LogoutReply, RetsError> {
    let env = parse_envelope(body, dec)?;
    env.check()?;
    let mut out = LogoutReply::default();
    let text = login_text(&env);
    let mut bare = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match line.split_once('=') {
            Some((k, v)) if k.trim().eq_ignore_ascii_case("SignOffMessage") => {
                out.message = Some(v.trim().to_owned())
            }
            Some((k, v)) if k.trim().eq_ignore_ascii_case("ConnectTime") => {
                out.connect_time = Some(v.trim().to_owned())
            }
            Some((k, v)) if k.trim().eq_ignore_ascii_case("Billing") => {
                out.billing = Some(v.trim().to_owned())
            }
            Some(_) => {}
            None => bare.push(line),
        }
    }
    if out.message.is_none() && !bare.is_empty() {
        out.message = Some(bare.join(" "));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("http://rets.example.com:6103/rets2_1/Login?x=1").unwrap()
    }

    #[test]
    fn relative_urls_resolve_and_keep_query() {
        let body = b"<RETS ReplyCode=\"0\" ReplyText=\"ok\"><RETS-RESPONSE>\nSearch=/rets/search?a=b\n GetObject = getobject\nMetadataVersion=1.2\n</RETS-RESPONSE></RETS>";
        let r = parse_login(body, &TextDecoder::default(), &base()).unwrap();
        assert_eq!(
            r.capability("search").unwrap().as_str(),
            "http://rets.example.com:6103/rets/search?a=b"
        );
        assert_eq!(
            r.capability("GetObject").unwrap().as_str(),
            "http://rets.example.com:6103/rets2_1/getobject"
        );
        assert_eq!(r.metadata_version(), Some("1.2"));
    }

    #[test]
    fn values_split_on_first_equals() {
        let r = parse_login_lines("X-Link=http://a/b?c=d&e=f\nUser=a=b", &base());
        assert_eq!(r.get("X-Link"), Some("http://a/b?c=d&e=f"));
        assert_eq!(r.get("user"), Some("a=b"));
    }

    #[test]
    fn login_error_code() {
        let e = parse_login(
            b"<RETS ReplyCode=\"20036\" ReplyText=\"Bad user\"/>",
            &TextDecoder::default(),
            &base(),
        )
        .unwrap_err();
        assert_eq!(e.code(), "auth_failed");
        assert!(e.to_string().contains("20036"));
    }

    #[test]
    fn logout_bare_text() {
        let r = parse_logout(
            b"<RETS ReplyCode=\"0\" ReplyText=\"ok\">Connection Closed</RETS>",
            &TextDecoder::default(),
        )
        .unwrap();
        assert_eq!(r.message.as_deref(), Some("Connection Closed"));
    }
}
