//! The team server from a desktop (or any Rust client): one [`TeamClient`] per
//! server, holding the session's tokens. An expired access token is refreshed
//! once, transparently, and the rotated pair goes to the caller's
//! [`TokenSink`] so it can be kept (the desktop puts it in the keychain);
//! every other failure is a [`TeamClientError`] carrying the server's stable
//! code. Bodies are the server's own types from `team-api`.

use std::sync::{Arc, Mutex};

use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use team_api::{
    Admission, ErrorBody, GrantsChange, ItemInput, ItemKind, Limits, LimitsInput, List, Login, Me,
    MeChange, MemberKeyInfo, NewSharedConnection, NewUser, PublicKey, QueryPlan, Refresh, Role,
    SharedConnection, SharedItem, Signup, Tokens, User, UserChange,
};
use url::Url;

/// What can go wrong talking to the team server.
#[derive(Debug, thiserror::Error)]
pub enum TeamClientError {
    #[error("{0:?} is not a team server address (http:// or https://)")]
    BadUrl(String),
    #[error("the team server at {url} cannot be reached: {reason}")]
    Unreachable { url: String, reason: String },
    /// The server refused, with its stable `code` (`forbidden`, `limit_exceeded`, …).
    #[error("{message}")]
    Refused {
        status: u16,
        code: String,
        message: String,
    },
    #[error("the team server sent a reply this app cannot read: {0}")]
    BadReply(String),
    #[error("not signed in to the team server")]
    SignedOut,
}

impl TeamClientError {
    /// The server's code, if it refused.
    pub fn code(&self) -> Option<&str> {
        match self {
            TeamClientError::Refused { code, .. } => Some(code),
            _ => None,
        }
    }
}

/// Receives every new token pair (sign-in and each rotation).
pub type TokenSink = Arc<dyn Fn(&Tokens) + Send + Sync>;

/// A client of one team server.
#[derive(Clone)]
pub struct TeamClient {
    http: reqwest::Client,
    base: Url,
    tokens: Arc<Mutex<Option<Tokens>>>,
    sink: Option<TokenSink>,
}

type Result<T> = std::result::Result<T, TeamClientError>;

impl TeamClient {
    /// A client of the server at `base` (e.g. `https://team.example.com/`).
    pub fn new(base: &str) -> Result<TeamClient> {
        let mut base =
            Url::parse(base.trim()).map_err(|_| TeamClientError::BadUrl(base.to_owned()))?;
        if !matches!(base.scheme(), "http" | "https") || base.host().is_none() {
            return Err(TeamClientError::BadUrl(base.to_string()));
        }
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        let http = reqwest::Client::builder()
            .user_agent(concat!("RETS-Data-Portal/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(std::time::Duration::from_secs(15))
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .map_err(|e| TeamClientError::BadUrl(e.to_string()))?;
        Ok(TeamClient {
            http,
            base,
            tokens: Arc::default(),
            sink: None,
        })
    }

    /// Sends every new token pair to `sink`.
    pub fn with_token_sink(mut self, sink: TokenSink) -> TeamClient {
        self.sink = Some(sink);
        self
    }

    /// The server's address.
    pub fn base(&self) -> &Url {
        &self.base
    }

    /// Resumes a session from a kept refresh token (the access token comes at
    /// the first call).
    pub fn resume(&self, refresh_token: &str) {
        *self.tokens.lock().unwrap_or_else(|e| e.into_inner()) = Some(Tokens {
            access_token: String::new(),
            refresh_token: refresh_token.to_owned(),
            expires_in: 0,
            token_type: "Bearer".to_owned(),
        });
    }

    /// Whether a session is held.
    pub fn signed_in(&self) -> bool {
        self.current().is_some()
    }

    fn current(&self) -> Option<Tokens> {
        self.tokens
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn keep(&self, tokens: Option<Tokens>) {
        if let (Some(t), Some(sink)) = (&tokens, &self.sink) {
            sink(t);
        }
        *self.tokens.lock().unwrap_or_else(|e| e.into_inner()) = tokens;
    }

    fn url(&self, path: &str) -> Result<Url> {
        self.base
            .join(path.trim_start_matches('/'))
            .map_err(|_| TeamClientError::BadUrl(path.to_owned()))
    }

    /// One request; `token` is sent as the bearer when given.
    async fn send<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        token: Option<&str>,
    ) -> Result<(StatusCode, Vec<u8>)> {
        let url = self.url(path)?;
        let mut request = self.http.request(method, url.clone());
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        if let Some(b) = body {
            request = request.json(b);
        }
        let reply = request
            .send()
            .await
            .map_err(|e| TeamClientError::Unreachable {
                url: self.base.to_string(),
                reason: e.without_url().to_string(),
            })?;
        let status = reply.status();
        let bytes = reply
            .bytes()
            .await
            .map_err(|e| TeamClientError::Unreachable {
                url: self.base.to_string(),
                reason: e.without_url().to_string(),
            })?;
        Ok((status, bytes.to_vec()))
    }

    fn refused(status: StatusCode, bytes: &[u8]) -> TeamClientError {
        match serde_json::from_slice::<ErrorBody>(bytes) {
            Ok(e) => TeamClientError::Refused {
                status: status.as_u16(),
                code: e.code,
                message: e.message,
            },
            Err(_) => TeamClientError::Refused {
                status: status.as_u16(),
                code: format!("http_{}", status.as_u16()),
                message: format!("The team server answered {status}."),
            },
        }
    }

    fn decode<T: DeserializeOwned>(status: StatusCode, bytes: &[u8]) -> Result<T> {
        if !status.is_success() {
            return Err(Self::refused(status, bytes));
        }
        // 204 and other empty replies read as JSON null (for `()`).
        let bytes: &[u8] = if bytes.is_empty() { b"null" } else { bytes };
        serde_json::from_slice(bytes).map_err(|e| TeamClientError::BadReply(e.to_string()))
    }

    /// A call without a session (sign-up, sign-in, resets).
    async fn public<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &B,
    ) -> Result<T> {
        let (status, bytes) = self.send(method, path, Some(body), None).await?;
        Self::decode(status, &bytes)
    }

    /// A call in the session: refreshes an expired (or not yet fetched) access
    /// token once and tries again.
    async fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T> {
        let tokens = self.current().ok_or(TeamClientError::SignedOut)?;
        if !tokens.access_token.is_empty() {
            let (status, bytes) = self
                .send(method.clone(), path, body, Some(&tokens.access_token))
                .await?;
            let expired = status == StatusCode::UNAUTHORIZED
                && Self::refused(status, &bytes).code() == Some("token_expired");
            if !expired {
                return Self::decode(status, &bytes);
            }
        }
        let fresh = self.refresh().await?;
        let (status, bytes) = self
            .send(method, path, body, Some(&fresh.access_token))
            .await?;
        Self::decode(status, &bytes)
    }

    /// Swaps the refresh token for a new pair (the old one stops working).
    pub async fn refresh(&self) -> Result<Tokens> {
        let tokens = self.current().ok_or(TeamClientError::SignedOut)?;
        let body = Refresh {
            refresh_token: tokens.refresh_token,
        };
        let result: Result<Tokens> = self.public(Method::POST, "v1/auth/refresh", &body).await;
        match result {
            Ok(t) => {
                self.keep(Some(t.clone()));
                Ok(t)
            }
            Err(e) => {
                // A refused refresh token will never work again.
                if matches!(e, TeamClientError::Refused { status: 401, .. }) {
                    *self.tokens.lock().unwrap_or_else(|e| e.into_inner()) = None;
                }
                Err(e)
            }
        }
    }

    /// Creates a team with the caller as its admin, and signs in.
    pub async fn signup(&self, input: &Signup) -> Result<Tokens> {
        let t: Tokens = self.public(Method::POST, "v1/auth/signup", input).await?;
        self.keep(Some(t.clone()));
        Ok(t)
    }

    /// Signs in.
    pub async fn login(&self, email: &str, password: &str) -> Result<Tokens> {
        let body = Login {
            email: email.to_owned(),
            password: password.to_owned(),
        };
        let t: Tokens = self.public(Method::POST, "v1/auth/login", &body).await?;
        self.keep(Some(t.clone()));
        Ok(t)
    }

    /// Ends the session on the server and forgets the tokens (they are
    /// forgotten even when the server cannot be reached).
    pub async fn logout(&self) -> Result<()> {
        let result = self
            .call::<(), ()>(Method::POST, "v1/auth/logout", None)
            .await;
        *self.tokens.lock().unwrap_or_else(|e| e.into_inner()) = None;
        match result {
            Err(TeamClientError::Refused { status: 401, .. }) | Ok(()) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Who I am, my role, limits and preferences.
    pub async fn me(&self) -> Result<Me> {
        self.call::<(), _>(Method::GET, "v1/me", None).await
    }

    /// Sets preference keys (`null` removes one).
    pub async fn set_preferences(&self, preferences: serde_json::Value) -> Result<Me> {
        let body = MeChange { preferences };
        self.call(Method::PATCH, "v1/me", Some(&body)).await
    }

    /// Publishes my public key.
    pub async fn publish_key(&self, public_key: &str) -> Result<MemberKeyInfo> {
        let body = PublicKey {
            public_key: public_key.to_owned(),
        };
        self.call(Method::PUT, "v1/me/key", Some(&body)).await
    }

    /// The team's published member keys (power and admin).
    pub async fn member_keys(&self) -> Result<Vec<MemberKeyInfo>> {
        self.list("v1/keys").await
    }

    async fn list<T: DeserializeOwned>(&self, path: &str) -> Result<Vec<T>> {
        let list: List<T> = self.call::<(), _>(Method::GET, path, None).await?;
        Ok(list.items)
    }

    /// The shared connections I can see.
    pub async fn connections(&self) -> Result<Vec<SharedConnection>> {
        self.list("v1/connections").await
    }

    /// One shared connection.
    pub async fn shared_connection(&self, id: i64) -> Result<SharedConnection> {
        self.call::<(), _>(Method::GET, &format!("v1/connections/{id}"), None)
            .await
    }

    /// Shares a connection (its secrets sealed, its key wrapped for each member).
    pub async fn share_connection(&self, input: &NewSharedConnection) -> Result<SharedConnection> {
        self.call(Method::POST, "v1/connections", Some(input)).await
    }

    /// Changes who may use connection `id` (a new key version to remove someone).
    pub async fn set_grants(&self, id: i64, change: &GrantsChange) -> Result<SharedConnection> {
        self.call(
            Method::PUT,
            &format!("v1/connections/{id}/grants"),
            Some(change),
        )
        .await
    }

    /// Stops sharing connection `id`.
    pub async fn unshare_connection(&self, id: i64) -> Result<()> {
        self.call::<(), ()>(Method::DELETE, &format!("v1/connections/{id}"), None)
            .await
    }

    /// The team's members (admin).
    pub async fn users(&self) -> Result<Vec<User>> {
        self.list("v1/users").await
    }

    /// Adds a member with an initial password (admin).
    pub async fn add_user(&self, input: &NewUser) -> Result<User> {
        self.call(Method::POST, "v1/users", Some(input)).await
    }

    /// Changes a member's role or disables them (admin).
    pub async fn change_user(&self, id: i64, change: &UserChange) -> Result<User> {
        self.call(Method::PATCH, &format!("v1/users/{id}"), Some(change))
            .await
    }

    /// Removes a member (admin).
    pub async fn delete_user(&self, id: i64) -> Result<()> {
        self.call::<(), ()>(Method::DELETE, &format!("v1/users/{id}"), None)
            .await
    }

    /// Every role's limits (admin).
    pub async fn limits(&self) -> Result<Vec<Limits>> {
        self.list("v1/limits").await
    }

    /// Sets a role's limits (admin).
    pub async fn set_limits(&self, role: Role, input: &LimitsInput) -> Result<Limits> {
        self.call(
            Method::PUT,
            &format!("v1/limits/{}", role.as_str()),
            Some(input),
        )
        .await
    }

    /// Asks to run a query; counted against today's limit when admitted.
    pub async fn admit(&self, plan: &QueryPlan) -> Result<Admission> {
        self.call(Method::POST, "v1/queries/admit", Some(plan))
            .await
    }

    fn items_path(kind: ItemKind) -> &'static str {
        match kind {
            ItemKind::Template => "v1/templates",
            ItemKind::SavedQuery => "v1/saved-queries",
        }
    }

    /// The team's templates or saved queries.
    pub async fn items(&self, kind: ItemKind) -> Result<Vec<SharedItem>> {
        self.list(Self::items_path(kind)).await
    }

    /// Shares a template or saved query.
    pub async fn share_item(&self, kind: ItemKind, input: &ItemInput) -> Result<SharedItem> {
        self.call(Method::POST, Self::items_path(kind), Some(input))
            .await
    }

    /// Changes an item made on `input.version` (`conflict` when it moved since).
    pub async fn change_item(
        &self,
        kind: ItemKind,
        id: i64,
        input: &ItemInput,
    ) -> Result<SharedItem> {
        let path = format!("{}/{id}", Self::items_path(kind));
        self.call(Method::PUT, &path, Some(input)).await
    }

    /// Deletes an item.
    pub async fn delete_item(&self, kind: ItemKind, id: i64) -> Result<()> {
        let path = format!("{}/{id}", Self::items_path(kind));
        self.call::<(), ()>(Method::DELETE, &path, None).await
    }
}
