//! Connection profiles: where an MLS is and how to log in. Profiles never hold
//! passwords; those come from the OS keychain when a session is opened.

use rets_client::{ClientConfig, HttpMethod, Secret};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::WorkbenchError;

/// Id of the built-in Demo MLS connection.
pub const DEMO_ID: &str = "demo";

/// A connection the user can pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionProfile {
    /// Stable id.
    pub id: String,
    /// Name shown to the user.
    pub name: String,
    /// Where the data comes from.
    pub source: Source,
}

/// The kind of server behind a connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// The simulated MLS built into the app.
    Demo,
    /// A real RETS server.
    Rets(Endpoint),
}

/// How to reach and log in to a RETS server (no secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    /// Login URL.
    pub login_url: String,
    /// User name.
    pub username: String,
    /// User agent sent to the server (None: the app's own).
    pub user_agent: Option<String>,
    /// RETS version requested, e.g. `RETS/1.7.2` (None: the client default).
    pub rets_version: Option<String>,
    /// Send transactions as POST instead of GET.
    pub use_post: bool,
    /// Let the server send requests to other origins or plain HTTP (see
    /// `rets_client::origin`); off unless the user turned it on, warned.
    #[serde(default)]
    pub allow_insecure: bool,
}

/// The key of [`Endpoint::allow_insecure`] in a saved connection's options.
pub const ALLOW_INSECURE_OPTION: &str = "allow_insecure";

impl ConnectionProfile {
    /// The built-in Demo MLS.
    pub fn demo() -> Self {
        ConnectionProfile {
            id: DEMO_ID.to_owned(),
            name: "Demo MLS".to_owned(),
            source: Source::Demo,
        }
    }

    /// True for the built-in Demo MLS.
    pub fn is_demo(&self) -> bool {
        matches!(self.source, Source::Demo)
    }
}

impl Endpoint {
    /// The endpoint of a connection saved in the replica.
    pub fn of_saved(fields: &mls_store::NewConnection) -> Endpoint {
        Endpoint {
            login_url: fields.login_url.clone(),
            username: fields.username.clone(),
            user_agent: Some(fields.user_agent.clone()).filter(|s| !s.is_empty()),
            rets_version: Some(fields.rets_version.clone()).filter(|s| !s.is_empty()),
            use_post: fields.http_method == mls_store::HttpMethod::Post,
            allow_insecure: fields
                .options
                .get(ALLOW_INSECURE_OPTION)
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false),
        }
    }

    /// True when the login URL is plain `http://` (passwords and data travel
    /// unencrypted; many MLS servers still work this way).
    pub fn is_unencrypted(&self) -> bool {
        self.login_url
            .trim()
            .get(..7)
            .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
    }

    /// The client configuration for this endpoint with the given secrets.
    pub fn client_config(
        &self,
        password: Secret,
        ua_password: Option<Secret>,
    ) -> Result<ClientConfig, WorkbenchError> {
        let url = Url::parse(self.login_url.trim()).map_err(|e| {
            WorkbenchError::InvalidProfile(format!(
                "the login URL {:?} is not valid: {e}",
                self.login_url
            ))
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(WorkbenchError::InvalidProfile(format!(
                "the login URL must start with http:// or https://, not {:?}",
                self.login_url
            )));
        }
        let mut config = ClientConfig::new(url, self.username.clone(), password);
        if let Some(ua) = self.user_agent.as_ref().filter(|s| !s.trim().is_empty()) {
            config.user_agent = ua.trim().to_owned();
        }
        if let Some(v) = self.rets_version.as_ref().filter(|s| !s.trim().is_empty()) {
            config.rets_version = v.trim().to_owned();
        }
        config.ua_password = ua_password;
        if self.use_post {
            config.method = HttpMethod::Post;
        }
        config.allow_insecure = self.allow_insecure;
        Ok(config)
    }
}

/// The URL without `user:password@`, and the user and password it held.
pub fn split_user_info(url: &str) -> (String, Option<String>, Option<String>) {
    let Ok(mut parsed) = url::Url::parse(url) else {
        return (url.to_owned(), None, None);
    };
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    let user = Some(decode(parsed.username())).filter(|u| !u.is_empty());
    let password = parsed.password().map(decode).filter(|p| !p.is_empty());
    if user.is_none() && password.is_none() {
        return (url.to_owned(), None, None);
    }
    let _ = parsed.set_username("");
    let _ = parsed.set_password(None);
    (parsed.to_string(), user, password)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(url: &str) -> Endpoint {
        Endpoint {
            login_url: url.to_owned(),
            username: "agent".to_owned(),
            user_agent: Some("Portal/1.0".to_owned()),
            rets_version: Some("RETS/1.8".to_owned()),
            use_post: true,
            allow_insecure: false,
        }
    }

    #[test]
    fn endpoint_becomes_a_client_config() {
        let config = endpoint("https://rets.example.com/login")
            .client_config(Secret::new("pw"), None)
            .unwrap();
        assert_eq!(config.user_agent, "Portal/1.0");
        assert_eq!(config.rets_version, "RETS/1.8");
        assert_eq!(config.method, HttpMethod::Post);
    }

    #[test]
    fn user_info_leaves_the_url() {
        let (url, user, pw) = split_user_info("https://joe%40mls:p%3Ass@rets.example.com/login");
        assert_eq!(url, "https://rets.example.com/login");
        assert_eq!(user.as_deref(), Some("joe@mls"));
        assert_eq!(pw.as_deref(), Some("p:ss"));
        let (url, user, pw) = split_user_info("http://rets.example.com/login");
        assert_eq!(
            (url.as_str(), user, pw),
            ("http://rets.example.com/login", None, None)
        );
    }

    #[test]
    fn plain_http_is_marked_unencrypted() {
        assert!(endpoint("HTTP://rets.example.com/login").is_unencrypted());
        assert!(!endpoint("https://rets.example.com/login").is_unencrypted());
    }

    #[test]
    fn bad_urls_are_explained() {
        let err = endpoint("ftp://x")
            .client_config(Secret::new("pw"), None)
            .unwrap_err();
        assert!(err.to_string().contains("http://"), "{err}");
        let err = endpoint("not a url")
            .client_config(Secret::new("pw"), None)
            .unwrap_err();
        assert!(err.to_string().contains("not valid"), "{err}");
    }
}
