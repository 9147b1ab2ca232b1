//! Connection settings for a RETS session. Secrets are wrapped in [`Secret`] so that
//! `Debug`, logs and error messages can never print a password.

use std::fmt;
use std::time::Duration;
use url::Url;

/// A password that never shows up in `Debug` or `Display` output.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }

    /// The secret itself (only for computing authentication headers).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"***\"")
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret(s.to_owned())
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret(s)
    }
}

/// HTTP method used for RETS transactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HttpMethod {
    /// Parameters in the query string.
    #[default]
    Get,
    /// Parameters as an `application/x-www-form-urlencoded` body.
    Post,
}

impl HttpMethod {
    /// The other method (used after a 405 reply).
    pub fn other(self) -> Self {
        match self {
            HttpMethod::Get => HttpMethod::Post,
            HttpMethod::Post => HttpMethod::Get,
        }
    }

    /// Method name as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
        }
    }
}

/// How transient failures (resets, truncated bodies, 429/503) are retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// First backoff delay; doubles each retry.
    pub initial_backoff: Duration,
    /// Upper bound for one delay (also caps Retry-After).
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 4,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Delay before retry number `attempt` (0-based).
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32.checked_shl(attempt.min(16)).unwrap_or(u32::MAX);
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }
}

/// Everything needed to open a RETS session.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The Login transaction URL.
    pub login_url: Url,
    /// User name.
    pub username: String,
    /// Password.
    pub password: Secret,
    /// User-Agent header.
    pub user_agent: String,
    /// User-agent password for RETS-UA-Authorization (none = header not sent).
    pub ua_password: Option<Secret>,
    /// RETS-Version header, e.g. `RETS/1.7.2`.
    pub rets_version: String,
    /// Preferred HTTP method (the other one is tried after a 405).
    pub method: HttpMethod,
    /// TCP connect timeout.
    pub connect_timeout: Duration,
    /// Longest silence while waiting for response bytes.
    pub read_timeout: Duration,
    /// Retry policy for transient failures.
    pub retry: RetryPolicy,
    /// Send a RETS-Request-ID header (a counter) with each request.
    pub send_request_id: bool,
    /// Let capability, Action and redirect URLs leave the login URL's origin or
    /// HTTPS (credentials then go wherever the server says; see [`crate::origin`]).
    pub allow_insecure: bool,
    /// Largest reply read whole (login, metadata, one object), after
    /// decompression. Search pages stream and are bounded per row instead.
    pub max_reply_bytes: u64,
}

impl ClientConfig {
    /// Default user agent.
    pub const DEFAULT_USER_AGENT: &'static str = "RETSDataPortal/0.1";
    /// Default RETS version.
    pub const DEFAULT_VERSION: &'static str = "RETS/1.7.2";
    /// Default [`ClientConfig::max_reply_bytes`]: 1 GiB, far above the largest
    /// metadata of a real MLS (~200 MB of XML).
    pub const DEFAULT_MAX_REPLY_BYTES: u64 = 1 << 30;
    /// How to raise [`ClientConfig::max_reply_bytes`], for error messages.
    pub const MAX_REPLY_SETTING: &'static str = "the reply size limit (CLI: --max-reply-mib)";

    /// A configuration with defaults for everything but the credentials. User
    /// info in `login_url` is dropped: credentials travel only in headers.
    pub fn new(login_url: Url, username: impl Into<String>, password: impl Into<Secret>) -> Self {
        let mut login_url = login_url;
        let _ = login_url.set_username("");
        let _ = login_url.set_password(None);
        ClientConfig {
            login_url,
            username: username.into(),
            password: password.into(),
            user_agent: Self::DEFAULT_USER_AGENT.to_owned(),
            ua_password: None,
            rets_version: Self::DEFAULT_VERSION.to_owned(),
            method: HttpMethod::Get,
            connect_timeout: Duration::from_secs(30),
            read_timeout: Duration::from_secs(300),
            retry: RetryPolicy::default(),
            send_request_id: false,
            allow_insecure: false,
            max_reply_bytes: Self::DEFAULT_MAX_REPLY_BYTES,
        }
    }
}

impl ClientConfig {
    /// `text` (an error message, a log line) with this connection's passwords
    /// and any `user:password@` in URLs replaced by `••••`: the one redaction
    /// every stored or shown message goes through.
    pub fn redact(&self, text: &str) -> String {
        let secrets = [Some(&self.password), self.ua_password.as_ref()];
        redact_text(text, secrets.into_iter().flatten().map(Secret::expose))
    }
}

/// `text` with each of `secrets` (non-empty) and the user info of every URL
/// replaced by `••••`.
pub fn redact_text<'a>(text: &str, secrets: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = text.to_owned();
    for secret in secrets {
        if !secret.is_empty() {
            out = out.replace(secret, "••••");
        }
    }
    let mut result = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        result.push_str(head);
        let end = tail
            .find(|c: char| {
                matches!(c, '/' | '?' | '#' | '"' | '\'' | '<' | '>') || c.is_whitespace()
            })
            .unwrap_or(tail.len());
        let authority = &tail[..end];
        match authority.rfind('@') {
            Some(i) => {
                result.push_str("••••");
                result.push_str(&authority[i..]);
            }
            None => result.push_str(authority),
        }
        rest = &tail[end..];
    }
    result.push_str(rest);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_hides_passwords_and_url_user_info() {
        let mut c = ClientConfig::new(Url::parse("http://h/login").unwrap(), "joe", "s3cret!");
        c.ua_password = Some(Secret::new("ua-pw"));
        let text =
            "login at https://joe:s3cret!@h.example/login failed (ua-pw); see http://h/x?a=b@c";
        let red = c.redact(text);
        assert!(
            !red.contains("s3cret") && !red.contains("ua-pw") && !red.contains("joe:"),
            "{red}"
        );
        assert!(red.contains("https://••••@h.example/login"), "{red}");
        assert!(
            red.contains("http://h/x?a=b@c"),
            "query strings are not user info: {red}"
        );
        assert_eq!(
            redact_text("no urls here", ["", "x-not-there"]),
            "no urls here"
        );
    }

    #[test]
    fn debug_never_prints_passwords() {
        let mut c = ClientConfig::new(Url::parse("http://h/login").unwrap(), "joe", "hunter2-pass");
        c.ua_password = Some(Secret::new("ua-secret-77"));
        let dbg = format!("{c:?} {:#?}", c);
        assert!(!dbg.contains("hunter2-pass"), "{dbg}");
        assert!(!dbg.contains("ua-secret-77"), "{dbg}");
        assert!(dbg.contains("joe"));
        assert!(dbg.contains("***"));
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let p = RetryPolicy {
            max_retries: 3,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(350),
        };
        assert_eq!(p.backoff(0), Duration::from_millis(100));
        assert_eq!(p.backoff(1), Duration::from_millis(200));
        assert_eq!(p.backoff(2), Duration::from_millis(350));
        assert_eq!(p.backoff(40), Duration::from_millis(350));
    }
}
