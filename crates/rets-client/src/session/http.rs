//! The HTTP layer of a session: builds GET/POST requests with RETS headers, answers
//! Digest/Basic challenges, switches method on 405, honours Retry-After on 429/503,
//! retries transport failures with backoff, and logs in again when a session expires.

use super::Session;
use crate::auth::{Challenge, DigestAuth, basic_authorization, parse_challenges, ua_authorization};
use crate::config::HttpMethod;
use crate::error::RetsError;
use crate::reply::ReplyCode;
use crate::text::{TextDecoder, maybe_decompress, strip_preamble};
use reqwest::cookie::CookieStore;
use reqwest::header::{HeaderMap, HeaderValue};
use std::time::Duration;
use url::Url;

/// Which transaction a request belongs to (login requests never trigger a re-login).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Login,
    Other,
}

/// Current authentication scheme learned from the server's challenge.
#[derive(Debug, Clone)]
pub(crate) enum AuthScheme {
    Digest(DigestAuth),
    Basic,
}

/// A fully read small reply.
#[derive(Debug, Clone)]
pub(crate) struct Fetched {
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    /// The URL that answered (after redirects).
    pub final_url: Url,
}

impl Fetched {
    pub(crate) fn decoder(&self) -> TextDecoder {
        let had = self
            .content_type
            .as_deref()
            .is_some_and(|c| crate::text::param(c, "charset").is_some());
        TextDecoder::from_content_type(self.content_type.as_deref())
            .with_xml_declaration(&self.body, had)
    }
}

pub(crate) fn header_pairs(h: &HeaderMap) -> Vec<(String, String)> {
    h.iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// A redirect the origin rule refused (see [`crate::origin`]).
#[derive(Debug)]
pub(crate) struct RedirectRefused(pub String);

impl std::fmt::Display for RedirectRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RedirectRefused {}

pub(crate) fn map_reqwest(url: &Url, e: reqwest::Error) -> RetsError {
    let mut message = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        if let Some(r) = s.downcast_ref::<RedirectRefused>() {
            return RetsError::OriginRefused(format!(
                "the server answers {} with {}; credentials are only sent to the login URL's \
                 origin. If you trust this server, allow other origins for this connection \
                 (CLI: --allow-insecure)",
                redact(url),
                r.0
            ));
        }
        message.push_str(": ");
        message.push_str(&s.to_string());
        src = s.source();
    }
    if e.is_timeout() {
        RetsError::Timeout(format!("no reply from {} in time ({message})", redact(url)))
    } else {
        RetsError::Http {
            url: redact(url),
            message,
        }
    }
}

/// URL without user info (credentials must never reach messages).
pub(crate) fn redact(url: &Url) -> String {
    let mut u = url.clone();
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u.to_string()
}

fn retry_after(h: &HeaderMap) -> Option<Duration> {
    let v = h.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    v.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// Reply code of a small body if it is a RETS envelope (cheap sniff, no full parse).
fn sniff_reply_code(body: &[u8]) -> Option<ReplyCode> {
    let b = strip_preamble(body);
    let head = &b[..b.len().min(512)];
    let s = String::from_utf8_lossy(head);
    let pos = s.find("ReplyCode")?;
    let rest = s[pos + 9..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    ReplyCode::parse(&rest[..end])
}

impl Session {
    fn session_id(&self, url: &Url) -> Option<String> {
        let cookies = self.inner.jar.cookies(url)?;
        let s = cookies.to_str().ok()?.to_owned();
        s.split(';').find_map(|c| {
            let (k, v) = c.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("RETS-Session-ID")
                .then(|| v.trim().to_owned())
        })
    }

    /// Sends one RETS request, handling authentication, 405, 429/503, transport retries
    /// and (for non-login requests) a transparent re-login after a mid-session 401.
    pub(crate) async fn send(
        &self,
        kind: Kind,
        url: &Url,
        params: &[(String, String)],
    ) -> Result<reqwest::Response, RetsError> {
        let cfg = &self.inner.config;
        // Every URL, whoever supplied it, is checked before credentials go out.
        crate::origin::check(&cfg.login_url, url, "this request", cfg.allow_insecure)?;
        let mut attempt = 0u32;
        let mut auth_tries = 0u32;
        let mut relogged = false;
        let mut switched_method = false;
        loop {
            let (method, request_id, auth_header) = {
                let mut st = self.inner.state.lock().await;
                st.request_counter += 1;
                let method = st.method;
                let full = build_url(url, params, method);
                let uri = match full.query() {
                    Some(q) => format!("{}?{q}", full.path()),
                    None => full.path().to_owned(),
                };
                let auth = match &mut st.auth {
                    Some(AuthScheme::Digest(d)) => Some(d.authorization(
                        method.as_str(),
                        &uri,
                        &cfg.username,
                        cfg.password.expose(),
                    )),
                    Some(AuthScheme::Basic) => {
                        Some(basic_authorization(&cfg.username, cfg.password.expose()))
                    }
                    None => None,
                };
                (method, st.request_counter.to_string(), auth)
            };
            let full = build_url(url, params, method);
            let mut req = match method {
                HttpMethod::Get => self.inner.http.get(full.clone()),
                HttpMethod::Post => self.inner.http.post(url.clone()).form(params),
            };
            req = req
                .header("User-Agent", &cfg.user_agent)
                .header("RETS-Version", &cfg.rets_version)
                .header("Accept", "*/*");
            if let Some(a) = auth_header {
                req = req.header("Authorization", a);
            }
            let rid = if cfg.send_request_id {
                request_id.as_str()
            } else {
                ""
            };
            if cfg.send_request_id {
                req = req.header("RETS-Request-ID", rid);
            }
            if let Some(ua_pw) = &cfg.ua_password {
                let sid = self.session_id(url).unwrap_or_default();
                let v = ua_authorization(
                    &cfg.user_agent,
                    ua_pw.expose(),
                    rid,
                    &sid,
                    &cfg.rets_version,
                );
                req = req.header("RETS-UA-Authorization", v);
            }
            tracing::debug!(method = method.as_str(), url = %redact(url), "RETS request");
            let resp = match req.send().await {
                Ok(r) => r,
                Err(e) => {
                    let err = map_reqwest(url, e);
                    let refused = matches!(err, RetsError::OriginRefused(_));
                    if !refused && attempt < cfg.retry.max_retries {
                        let d = cfg.retry.backoff(attempt);
                        tracing::warn!(error = %err, delay_ms = d.as_millis() as u64, "request failed, retrying");
                        attempt += 1;
                        tokio::time::sleep(d).await;
                        continue;
                    }
                    return Err(err);
                }
            };
            let status = resp.status().as_u16();
            match status {
                401 => {
                    let challenge = parse_challenges(
                        resp.headers()
                            .get_all(reqwest::header::WWW_AUTHENTICATE)
                            .iter()
                            .filter_map(|v| v.to_str().ok()),
                    );
                    let stale = matches!(&challenge, Some(Challenge::Digest(d)) if d.stale);
                    if let Some(ch) = challenge
                        && (auth_tries == 0 || (stale && auth_tries < 3))
                    {
                        auth_tries += 1;
                        let mut st = self.inner.state.lock().await;
                        st.auth = Some(match ch {
                            Challenge::Digest(d) => AuthScheme::Digest(DigestAuth::new(d)),
                            Challenge::Basic => AuthScheme::Basic,
                        });
                        continue;
                    }
                    if kind == Kind::Other && !relogged && self.logged_in_once().await {
                        relogged = true;
                        tracing::info!("session rejected (HTTP 401), logging in again");
                        self.relogin().await?;
                        auth_tries = 0;
                        continue;
                    }
                    return Err(RetsError::AuthFailed(format!(
                        "the server at {} rejected the user name or password (HTTP 401)",
                        redact(url)
                    )));
                }
                405 if !switched_method => {
                    switched_method = true;
                    let mut st = self.inner.state.lock().await;
                    st.method = st.method.other();
                    tracing::info!(method = st.method.as_str(), "HTTP 405, switching method");
                    continue;
                }
                429 | 502 | 503 | 504 if attempt < cfg.retry.max_retries => {
                    let d = retry_after(resp.headers())
                        .map(|d| d.min(cfg.retry.max_backoff))
                        .unwrap_or_else(|| cfg.retry.backoff(attempt));
                    tracing::warn!(
                        status,
                        delay_ms = d.as_millis() as u64,
                        "server busy, retrying"
                    );
                    attempt += 1;
                    tokio::time::sleep(d).await;
                    continue;
                }
                200..=299 => return Ok(resp),
                _ => {
                    // Some servers send a RETS error envelope with a non-2xx status.
                    // Only the start: an error envelope is small, whatever the body claims.
                    let body = read_capped(resp, url, 64 << 10).await.unwrap_or_default();
                    if let Ok(env) = crate::reply::parse_envelope(&body, &TextDecoder::default())
                        && !env.status.code.is_success()
                    {
                        return Err(env.status.into_error(env.text));
                    }
                    return Err(RetsError::HttpStatus {
                        status,
                        url: redact(url),
                    });
                }
            }
        }
    }

    /// Sends a request and reads the whole (small) reply, retrying broken transfers and
    /// logging in again once when the server says the session expired (20037, or 20036
    /// after an earlier success).
    pub(crate) async fn fetch(
        &self,
        kind: Kind,
        url: &Url,
        params: &[(String, String)],
    ) -> Result<Fetched, RetsError> {
        let retry = self.inner.config.retry.clone();
        let mut attempt = 0;
        let mut relogged = false;
        loop {
            let resp = self.send(kind, url, params).await?;
            let final_url = resp.url().clone();
            let content_type = resp
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v: &HeaderValue| v.to_str().ok())
                .map(str::to_owned);
            let limit = self.inner.config.max_reply_bytes;
            let body = match read_capped(resp, url, limit).await {
                Ok(b) => maybe_decompress(b, limit).map_err(|l| too_large(url, l))?,
                Err(err) => {
                    let transient = matches!(err, RetsError::Http { .. } | RetsError::Timeout(_));
                    if transient && attempt < retry.max_retries {
                        tokio::time::sleep(retry.backoff(attempt)).await;
                        attempt += 1;
                        continue;
                    }
                    return Err(err);
                }
            };
            if kind == Kind::Other
                && !relogged
                && let Some(code) = sniff_reply_code(&body)
                && self.is_session_expiry(code).await
            {
                relogged = true;
                tracing::info!(%code, "session expired, logging in again");
                self.relogin().await?;
                continue;
            }
            return Ok(Fetched {
                content_type,
                body,
                final_url,
            });
        }
    }

    pub(crate) async fn is_session_expiry(&self, code: ReplyCode) -> bool {
        code == ReplyCode::AUTH_REQUIRED
            || (code == ReplyCode::LOGIN_FAILED && self.logged_in_once().await)
    }

    pub(crate) async fn logged_in_once(&self) -> bool {
        self.inner.state.lock().await.logged_in_once
    }
}

/// Reads a reply body, stopping with [`RetsError::TooLarge`] past `limit` bytes
/// (counted after reqwest's transparent gzip/deflate decoding).
pub(crate) async fn read_capped(
    mut resp: reqwest::Response,
    url: &Url,
    limit: u64,
) -> Result<Vec<u8>, RetsError> {
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| map_reqwest(url, e))? {
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(too_large(url, limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

pub(crate) fn too_large(url: &Url, limit: u64) -> RetsError {
    RetsError::TooLarge {
        what: format!("the reply from {}", redact(url)),
        limit_mib: limit >> 20,
        setting: crate::config::ClientConfig::MAX_REPLY_SETTING,
    }
}

/// URL with parameters in the query string (GET) or unchanged (POST).
pub(crate) fn build_url(url: &Url, params: &[(String, String)], method: HttpMethod) -> Url {
    let mut u = url.clone();
    if method == HttpMethod::Get && !params.is_empty() {
        u.query_pairs_mut()
            .extend_pairs(params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    }
    u
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_reply_codes() {
        assert_eq!(
            sniff_reply_code(b"\xef\xbb\xbf <RETS ReplyCode=\"20037\" ReplyText=\"x\"/>"),
            Some(ReplyCode::AUTH_REQUIRED)
        );
        assert_eq!(
            sniff_reply_code(b"<RETS ReplyText='a' ReplyCode = '0'>"),
            Some(ReplyCode::SUCCESS)
        );
        assert_eq!(sniff_reply_code(b"\xff\xd8binary"), None);
    }

    #[test]
    fn get_keeps_existing_query() {
        let u = Url::parse("http://h/s?x=1").unwrap();
        let p = vec![("Query".to_owned(), "(A=1+)".to_owned())];
        assert_eq!(
            build_url(&u, &p, HttpMethod::Get).as_str(),
            "http://h/s?x=1&Query=%28A%3D1%2B%29"
        );
        assert_eq!(
            build_url(&u, &p, HttpMethod::Post).as_str(),
            "http://h/s?x=1"
        );
    }

    #[test]
    fn redacts_user_info() {
        let u = Url::parse("http://joe:pw@h/login").unwrap();
        assert_eq!(redact(&u), "http://h/login");
    }
}
