//! Building RETS replies: the `<RETS>` envelope, reply-code-only bodies and
//! request parameters (query string and form body, case-insensitive names).

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;

use crate::xml::escape;

/// The XML declaration every reply starts with.
pub const XML_DECL: &str = "<?xml version=\"1.0\" ?>\r\n";

/// A `<RETS ReplyCode=.. ReplyText=.. />` body.
pub fn status_body(code: u32, text: &str) -> String {
    format!(
        "{XML_DECL}<RETS ReplyCode=\"{code}\" ReplyText=\"{}\" />\r\n",
        escape(text)
    )
}

/// An HTTP 200 `text/xml` reply carrying only a reply code.
pub fn rets_error(code: u32, text: &str) -> Response {
    xml(StatusCode::OK, status_body(code, text))
}

/// A `text/xml` reply with the given status and body.
pub fn xml(status: StatusCode, body: impl Into<Body>) -> Response {
    let mut r = Response::new(body.into());
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/xml"));
    r
}

/// Request arguments from the query string and an urlencoded body.
#[derive(Debug, Clone, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Parses `a=1&b=2` pairs from each source.
    pub fn parse(sources: &[&[u8]]) -> Self {
        let mut v = Vec::new();
        for s in sources {
            v.extend(
                url::form_urlencoded::parse(s).map(|(k, val)| (k.into_owned(), val.into_owned())),
            );
        }
        Params(v)
    }

    /// First value of a parameter, name compared case-insensitively.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_merge_and_ignore_case() {
        let p = Params::parse(&[
            b"SearchType=Property&Query=%28A%3D1%29",
            b"class=Residential",
        ]);
        assert_eq!(p.get("searchtype"), Some("Property"));
        assert_eq!(p.get("Query"), Some("(A=1)"));
        assert_eq!(p.get("Class"), Some("Residential"));
        assert_eq!(p.get("Limit"), None);
        assert!(status_body(20201, "No Records Found").contains("ReplyCode=\"20201\""));
    }
}
