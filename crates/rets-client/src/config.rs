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
}

impl ClientConfig {
    /// Default user agent.
    pub const DEFAULT_USER_AGENT: &'static str = "RETSDataPortal/0.1";
    /// Default RETS version.
    pub const DEFAULT_VERSION: &'static str = "RETS/1.7.2";

    /// A configuration with defaults for everything but the credentials.
    pub fn new(login_url: Url, username: impl Into<String>, password: impl Into<Secret>) -> Self {
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
