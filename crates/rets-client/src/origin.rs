//! Where credentials may go. A login reply, an `Action=` line or a redirect is
//! server-controlled: followed blindly, an HTTPS login whose reply lists
//! `Search=http://…` or another host would send the password (Basic) or the
//! session cookie and a crackable Digest response in clear or to a third party.
//! By default every request stays on the login URL's origin (an upgrade from
//! `http` to `https` on the same host and default port is fine); a connection
//! can opt out with `ClientConfig::allow_insecure`.

use url::Url;

use crate::error::RetsError;

/// Why `target` may not receive this session's credentials, if it may not.
pub fn refusal(login: &Url, target: &Url) -> Option<String> {
    let host = |u: &Url| u.host_str().map(str::to_ascii_lowercase);
    if host(login) != host(target) {
        return Some(format!(
            "it is on another host ({}) than the login URL ({})",
            target.host_str().unwrap_or("none"),
            login.host_str().unwrap_or("none")
        ));
    }
    match (login.scheme(), target.scheme()) {
        ("https", "http") => Some("it would leave HTTPS for unencrypted HTTP".to_owned()),
        (a, b) if a == b => {
            (login.port_or_known_default() != target.port_or_known_default()).then(|| {
                format!(
                    "it is on another port ({}) than the login URL ({})",
                    target.port_or_known_default().unwrap_or(0),
                    login.port_or_known_default().unwrap_or(0)
                )
            })
        }
        // http -> https on the default port: the same server, encrypted.
        ("http", "https") => (target.port().is_some())
            .then(|| "it moves to HTTPS on a non-default port of the same host".to_owned()),
        (_, other) => Some(format!("its scheme ({other}) is not HTTP(S)")),
    }
}

/// Checks that `target` (reached as `what`) may receive credentials of a
/// session logged in at `login`.
pub fn check(login: &Url, target: &Url, what: &str, allow_insecure: bool) -> Result<(), RetsError> {
    match refusal(login, target) {
        None => Ok(()),
        Some(why) if allow_insecure => {
            tracing::warn!(%what, url = %crate::session::redact(target), %why, "allowed by the connection's allow-insecure switch");
            Ok(())
        }
        Some(why) => Err(RetsError::OriginRefused(format!(
            "the server sends {what} to {}, but {why}; credentials are only sent to the \
             login URL's origin. If you trust this server, allow other origins for this \
             connection (CLI: --allow-insecure)",
            crate::session::redact(target)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn same_origin_and_upgrades_pass_everything_else_is_refused() {
        let https = u("https://rets.example.com/login");
        let http = u("http://rets.example.com:6103/rets/login");
        assert!(refusal(&https, &u("https://RETS.example.com:443/search")).is_none());
        assert!(refusal(&http, &u("http://rets.example.com:6103/search?x=1")).is_none());
        assert!(
            refusal(
                &u("http://rets.example.com/login"),
                &u("https://rets.example.com/s")
            )
            .is_none()
        );

        let downgrade = refusal(&https, &u("http://rets.example.com/search")).unwrap();
        assert!(downgrade.contains("unencrypted"), "{downgrade}");
        assert!(
            refusal(&https, &u("https://evil.example.net/search"))
                .unwrap()
                .contains("another host")
        );
        assert!(
            refusal(&http, &u("http://rets.example.com:8080/search"))
                .unwrap()
                .contains("port")
        );
        assert!(refusal(&http, &u("https://rets.example.com:8443/s")).is_some());
        assert!(refusal(&https, &u("ftp://rets.example.com/s")).is_some());
    }

    #[test]
    fn the_switch_allows_and_the_error_has_a_code() {
        let login = u("https://rets.example.com/login");
        let other = u("http://user:pw@evil.example.net/search");
        assert!(check(&login, &other, "Search", true).is_ok());
        let err = check(&login, &other, "Search", false).unwrap_err();
        assert_eq!(err.code(), "origin_refused");
        let text = err.to_string();
        assert!(
            text.contains("--allow-insecure") && !text.contains("pw"),
            "{text}"
        );
    }
}
