//! An authenticated RETS session over reqwest: login (and the Action URL), metadata,
//! search and GetObject, logout. `Session` is cheap to clone and safe to share; all
//! clones use the same cookies, digest state and login.

mod http;
mod objects;
mod pager;
mod search;

pub(crate) use http::redact;
pub use objects::ObjectStream;
pub use search::{CountMode, SearchFormat, SearchRequest, SearchStream};

use crate::config::ClientConfig;
use crate::error::RetsError;
use crate::login::{LoginReply, LogoutReply, parse_login, parse_logout};
use crate::metadata::{Metadata, MetadataFormat, MetadataReply, parse_metadata};
use http::{AuthScheme, Kind};
use std::sync::Arc;
use url::Url;

pub(crate) struct State {
    pub login: Option<LoginReply>,
    pub auth: Option<AuthScheme>,
    pub method: crate::config::HttpMethod,
    pub logged_in_once: bool,
    pub request_counter: u64,
    /// Incremented by every successful login.
    pub login_generation: u64,
}

pub(crate) struct Inner {
    pub http: reqwest::Client,
    pub jar: Arc<reqwest::cookie::Jar>,
    pub config: ClientConfig,
    pub state: tokio::sync::Mutex<State>,
    /// Serialises re-logins so concurrent requests trigger only one.
    pub relogin: tokio::sync::Mutex<()>,
}

/// A RETS session (see module docs).
#[derive(Clone)]
pub struct Session {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// Creates a session without logging in.
    pub fn new(config: ClientConfig) -> Result<Self, RetsError> {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let (login, allow) = (config.login_url.clone(), config.allow_insecure);
        let redirects = reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= 10 {
                return attempt.error("more than 10 redirects");
            }
            match crate::origin::refusal(&login, attempt.url()) {
                Some(why) if !allow => {
                    let to = redact(attempt.url());
                    attempt.error(http::RedirectRefused(format!(
                        "a redirect to {to}, but {why}"
                    )))
                }
                _ => attempt.follow(),
            }
        });
        let http = reqwest::Client::builder()
            .redirect(redirects)
            .cookie_provider(jar.clone())
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .build()
            .map_err(|e| RetsError::InvalidRequest(format!("cannot build HTTP client: {e}")))?;
        let method = config.method;
        Ok(Session {
            inner: Arc::new(Inner {
                http,
                jar,
                config,
                state: tokio::sync::Mutex::new(State {
                    login: None,
                    auth: None,
                    method,
                    logged_in_once: false,
                    request_counter: 0,
                    login_generation: 0,
                }),
                relogin: tokio::sync::Mutex::new(()),
            }),
        })
    }

    /// Creates a session and logs in.
    pub async fn connect(config: ClientConfig) -> Result<Self, RetsError> {
        let s = Self::new(config)?;
        s.login().await?;
        Ok(s)
    }

    /// The configuration in use.
    pub fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    /// Logs in, stores the capability URLs, then GETs the Action URL when there is one.
    pub async fn login(&self) -> Result<LoginReply, RetsError> {
        let url = self.inner.config.login_url.clone();
        let f = self.fetch(Kind::Login, &url, &[]).await?;
        // Relative capability URLs resolve against the URL that answered (redirects).
        let reply = parse_login(&f.body, &f.decoder(), &f.final_url)?;
        {
            let mut st = self.inner.state.lock().await;
            st.login = Some(reply.clone());
            st.logged_in_once = true;
            st.login_generation += 1;
        }
        if let Some(action) = reply.capability("Action").cloned() {
            // The Action page must be fetched but its content (often text/plain) is informational.
            match self.fetch(Kind::Login, &action, &[]).await {
                Ok(_) => tracing::debug!("fetched Action URL"),
                Err(e) => tracing::warn!(error = %e, "Action URL could not be fetched"),
            }
        }
        tracing::info!(user = %self.inner.config.username, "logged in");
        Ok(reply)
    }

    /// Logs in again after the server dropped the session. Concurrent callers share
    /// one login: whoever waited while another task logged in just returns.
    pub(crate) async fn relogin(&self) -> Result<(), RetsError> {
        let seen = self.inner.state.lock().await.login_generation;
        let _guard = self.inner.relogin.lock().await;
        {
            let mut st = self.inner.state.lock().await;
            if st.login_generation != seen {
                return Ok(());
            }
            st.auth = None;
        }
        Box::pin(self.login()).await.map(|_| ())
    }

    /// The reply of the last login, if logged in.
    pub async fn login_reply(&self) -> Option<LoginReply> {
        self.inner.state.lock().await.login.clone()
    }

    /// The `RETS-Session-ID` cookie value, if the server set one.
    pub fn rets_session_id(&self) -> Option<String> {
        use reqwest::cookie::CookieStore;
        let url = &self.inner.config.login_url;
        let v = self.inner.jar.cookies(url)?;
        v.to_str().ok()?.split(';').find_map(|c| {
            let (k, v) = c.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("RETS-Session-ID")
                .then(|| v.trim().to_owned())
        })
    }

    pub(crate) async fn capability(&self, name: &str) -> Result<Url, RetsError> {
        let st = self.inner.state.lock().await;
        let login = st.login.as_ref().ok_or(RetsError::NotLoggedIn)?;
        let url = login
            .capability(name)
            .cloned()
            .ok_or_else(|| RetsError::MissingCapability(name.to_owned()))?;
        let cfg = &self.inner.config;
        crate::origin::check(&cfg.login_url, &url, name, cfg.allow_insecure)?;
        Ok(url)
    }

    /// GetMetadata for one type (e.g. "METADATA-TABLE" or "TABLE") and ID (e.g. "Property:RES", "*", "0").
    pub async fn get_metadata(
        &self,
        kind: &str,
        id: &str,
        format: MetadataFormat,
    ) -> Result<MetadataReply, RetsError> {
        let url = self.capability("GetMetadata").await?;
        let kind = if kind.to_ascii_uppercase().starts_with("METADATA-") {
            kind.to_owned()
        } else {
            format!("METADATA-{kind}")
        };
        let params = vec![
            ("Type".to_owned(), kind.to_ascii_uppercase()),
            ("ID".to_owned(), id.to_owned()),
            ("Format".to_owned(), format.as_param().to_owned()),
        ];
        let f = self.fetch(Kind::Other, &url, &params).await?;
        let reply = parse_metadata(&f.body, &f.decoder())?;
        if !reply.status.code.is_success() {
            return Err(reply.status.clone().into_error(reply.detail.clone()));
        }
        Ok(reply)
    }

    /// Fetches all metadata: one `METADATA-SYSTEM ID=*` call when the server allows it,
    /// otherwise one call per type and resource/class.
    pub async fn metadata_all(&self) -> Result<Metadata, RetsError> {
        match self
            .get_metadata("SYSTEM", "*", MetadataFormat::Compact)
            .await
        {
            Ok(r) if r.tables.iter().any(|t| t.kind == "RESOURCE") => {
                return Ok(Metadata::from_tables(r.tables));
            }
            Ok(_) => {
                tracing::info!("METADATA-SYSTEM ID=* returned no resources, fetching per type")
            }
            Err(e @ RetsError::AuthFailed(_)) => return Err(e),
            Err(e) => tracing::info!(error = %e, "METADATA-SYSTEM ID=* refused, fetching per type"),
        }
        let mut md = Metadata::default();
        md.merge(
            self.get_metadata("SYSTEM", "0", MetadataFormat::Compact)
                .await?
                .tables,
        );
        md.merge(
            self.get_metadata("RESOURCE", "0", MetadataFormat::Compact)
                .await?
                .tables,
        );
        let resources: Vec<String> = md
            .resources
            .iter()
            .map(|r| r.info.resource_id.clone())
            .collect();
        for r in &resources {
            md.merge(
                self.get_metadata("CLASS", r, MetadataFormat::Compact)
                    .await?
                    .tables,
            );
            let classes: Vec<String> = md
                .resource(r)
                .map(|res| {
                    res.classes
                        .iter()
                        .map(|c| c.info.class_name.clone())
                        .collect()
                })
                .unwrap_or_default();
            for c in classes {
                let id = format!("{r}:{c}");
                md.merge(
                    self.get_metadata("TABLE", &id, MetadataFormat::Compact)
                        .await?
                        .tables,
                );
            }
            // Optional types: a server without them answers with an error, which is fine.
            self.optional_metadata(&mut md, "LOOKUP", r).await?;
            self.optional_metadata(&mut md, "OBJECT", r).await?;
            if !self
                .optional_metadata(&mut md, "LOOKUP_TYPE", &format!("{r}:*"))
                .await?
            {
                // Some servers refuse the `*` wildcard: ask lookup by lookup.
                let names: Vec<String> = md
                    .resource(r)
                    .map(|res| {
                        res.lookups
                            .iter()
                            .map(|l| l.info.lookup_name.clone())
                            .collect()
                    })
                    .unwrap_or_default();
                for name in names {
                    self.optional_metadata(&mut md, "LOOKUP_TYPE", &format!("{r}:{name}"))
                        .await?;
                }
            }
        }
        Ok(md)
    }

    /// Fetches a metadata type that servers may not offer; false when refused.
    async fn optional_metadata(
        &self,
        md: &mut Metadata,
        kind: &str,
        id: &str,
    ) -> Result<bool, RetsError> {
        match self.get_metadata(kind, id, MetadataFormat::Compact).await {
            Ok(reply) => {
                md.merge(reply.tables);
                Ok(true)
            }
            // Not "the server does not offer it": skipping these would lose data silently.
            Err(e @ (RetsError::AuthFailed(_) | RetsError::OriginRefused(_))) => Err(e),
            // A `*` reply too large is asked for again piece by piece by the caller.
            Err(e @ RetsError::TooLarge { .. }) if !id.ends_with(":*") => Err(e),
            Err(e) => {
                tracing::info!(kind, id, error = %e, "metadata type skipped");
                Ok(false)
            }
        }
    }

    /// Logs out (errors are reported; the session should be dropped afterwards).
    pub async fn logout(&self) -> Result<LogoutReply, RetsError> {
        let url = self.capability("Logout").await?;
        let f = self.fetch(Kind::Login, &url, &[]).await?;
        let r = parse_logout(&f.body, &f.decoder())?;
        let mut st = self.inner.state.lock().await;
        st.login = None;
        Ok(r)
    }
}
