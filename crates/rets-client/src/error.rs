//! The one error type of the crate. Every variant has a stable machine code
//! (`RetsError::code`) for the CLI/desktop app, and a message that names the cause,
//! including the server's ReplyCode and ReplyText when there is one.

use crate::reply::ReplyCode;

/// Everything that can go wrong while talking RETS.
#[derive(Debug, thiserror::Error)]
pub enum RetsError {
    /// The server rejected the credentials (HTTP 401 after authenticating, or a login reply code).
    #[error("authentication failed: {0}")]
    AuthFailed(String),
    /// The server answered with a non-zero RETS ReplyCode that is an error.
    #[error("server replied {code} ({}){}", reply_text(*.code, .text), detail_suffix(.detail))]
    Reply {
        /// The typed reply code.
        code: ReplyCode,
        /// The server's ReplyText.
        text: String,
        /// Text content of the `<RETS>` element (e.g. the list of valid classes for 20203).
        detail: String,
    },
    /// Transport-level failure (connection refused, reset, TLS…).
    #[error("HTTP request to {url} failed: {message}")]
    Http {
        /// The request URL (without credentials).
        url: String,
        /// What went wrong.
        message: String,
    },
    /// The server answered with an unexpected HTTP status.
    #[error("HTTP status {status} from {url}")]
    HttpStatus {
        /// HTTP status code.
        status: u16,
        /// The request URL.
        url: String,
    },
    /// A request or the whole read timed out.
    #[error("timed out: {0}")]
    Timeout(String),
    /// A reply could not be parsed.
    #[error("could not parse {what}: {message}")]
    Parse {
        /// Which kind of document (e.g. "COMPACT search reply").
        what: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// The login reply did not advertise a capability that is needed.
    #[error("the server did not advertise the {0} capability in its login reply")]
    MissingCapability(String),
    /// A field name that the metadata does not know.
    #[error("unknown field {field} in {resource}:{class}")]
    UnknownField {
        /// Resource ID.
        resource: String,
        /// Class name.
        class: String,
        /// The unknown field.
        field: String,
    },
    /// The caller asked for something impossible (bad URL, bad argument).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// Paging could not make progress without losing or duplicating rows.
    #[error("paging failed: {0}")]
    Paging(String),
    /// A server-supplied URL (capability, Action, redirect) leaves the login
    /// URL's origin or HTTPS, so credentials are not sent there.
    #[error("refused for safety: {0}")]
    OriginRefused(String),
    /// A reply grew past a configured size limit (a gzip bomb, an endless body).
    #[error(
        "{what} is larger than the {limit_mib} MiB limit; if this server really sends that much, raise {setting}"
    )]
    TooLarge {
        /// What grew too large (e.g. "the reply from https://…").
        what: String,
        /// The limit in MiB.
        limit_mib: u64,
        /// The setting that raises it.
        setting: &'static str,
    },
    /// An operation needs a login first.
    #[error("not logged in")]
    NotLoggedIn,
}

/// The server's ReplyText, or the standard meaning of the code when the text is empty.
fn reply_text(code: ReplyCode, text: &str) -> String {
    match (text.trim(), code.description()) {
        ("", "") => "no reply text".to_owned(),
        ("", known) => known.to_owned(),
        (t, _) => t.to_owned(),
    }
}

fn detail_suffix(detail: &str) -> String {
    let d = detail.trim();
    if d.is_empty() {
        String::new()
    } else {
        format!(": {}", d.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

impl RetsError {
    /// Stable machine-readable code for this error kind.
    pub fn code(&self) -> &'static str {
        match self {
            RetsError::AuthFailed(_) => "auth_failed",
            RetsError::Reply { .. } => "reply_code",
            RetsError::Http { .. } => "http",
            RetsError::HttpStatus { .. } => "http_status",
            RetsError::Timeout(_) => "timeout",
            RetsError::Parse { .. } => "parse",
            RetsError::MissingCapability(_) => "missing_capability",
            RetsError::UnknownField { .. } => "unknown_field",
            RetsError::InvalidRequest(_) => "invalid_request",
            RetsError::Paging(_) => "paging",
            RetsError::NotLoggedIn => "not_logged_in",
            RetsError::OriginRefused(_) => "origin_refused",
            RetsError::TooLarge { .. } => "too_large",
        }
    }

    /// The RETS reply code, when the server sent one.
    pub fn reply_code(&self) -> Option<ReplyCode> {
        match self {
            RetsError::Reply { code, .. } => Some(*code),
            _ => None,
        }
    }

    pub(crate) fn parse(what: &'static str, message: impl Into<String>) -> Self {
        RetsError::Parse {
            what,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_message_names_code_text_and_detail() {
        let e = RetsError::Reply {
            code: ReplyCode::from_u32(20203),
            text: "Invalid class".into(),
            detail: "Valid Classes are:\n\tA\n\tB\n".into(),
        };
        assert_eq!(
            e.to_string(),
            "server replied 20203 (Invalid class): Valid Classes are: A B"
        );
        assert_eq!(e.code(), "reply_code");
        assert_eq!(e.reply_code().map(|c| c.as_u32()), Some(20203));
    }

    #[test]
    fn empty_reply_text_falls_back_to_the_code_meaning() {
        let e = RetsError::Reply {
            code: ReplyCode::from_u32(20206),
            text: " ".into(),
            detail: String::new(),
        };
        assert_eq!(e.to_string(), "server replied 20206 (invalid query syntax)");
        let e = RetsError::Reply {
            code: ReplyCode::from_u32(29999),
            text: String::new(),
            detail: String::new(),
        };
        assert_eq!(e.to_string(), "server replied 29999 (no reply text)");
    }

    #[test]
    fn codes_are_stable() {
        assert_eq!(RetsError::Timeout("x".into()).code(), "timeout");
        assert_eq!(RetsError::parse("login reply", "bad").code(), "parse");
        assert_eq!(
            RetsError::parse("login reply", "bad").to_string(),
            "could not parse login reply: bad"
        );
    }
}
