//! The desktop signed in to a team server (optional: nothing else needs it).
//! Signing in keeps the refresh token and my member key in the secret store,
//! publishes my public key, and pulls what the team shares: shared connections
//! become local connections (their secrets opened here with my key, so they
//! keep working offline), templates and saved queries are kept with the
//! changes made here until they reach the server. What the server said about
//! me (role, limits) is kept too, so limits hold offline.

use std::sync::Arc;

use mls_store::TeamAccount;
use mls_store::secrets::{SecretKey, SecretStore};
use serde::{Deserialize, Serialize};
use team_api::{Me, Signup};
use team_client::{TeamClient, TeamClientError};
use team_keys::MemberKey;
use ts_rs::TS;

use crate::portal::secrets::blocking;
use crate::{CommandError, CommandResult, ErrorCode, Portal};

pub mod admin;
pub mod items;
pub mod limits;
pub mod pull;
pub mod sharing;

/// The client of the signed-in team, made on first use.
#[derive(Default)]
pub struct TeamSlot(tokio::sync::Mutex<Option<TeamClient>>);

/// What Settings → Team shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct TeamStatus {
    /// Signed in (the server may still be unreachable).
    pub signed_in: bool,
    /// The server's address (also after signing out, to sign in again).
    pub server: Option<String>,
    pub email: Option<String>,
    /// `admin`, `power` or `basic`, as the server last said.
    pub role: Option<String>,
    pub team_name: Option<String>,
    /// What my role may query, as the server last said.
    pub limits: Option<TeamLimits>,
    /// My member key's fingerprint, to compare when someone grants me access.
    pub fingerprint: Option<String>,
    /// When the last pull finished (RFC 3339).
    pub synced_at: Option<String>,
    /// Team items with a conflict waiting for a choice.
    pub conflicts: u32,
}

/// One role's query limits (`None`: no limit; no classes: every class).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct TeamLimits {
    /// `admin`, `power` or `basic`.
    pub role: String,
    #[ts(type = "number | null")]
    pub rows_per_query: Option<i64>,
    #[ts(type = "number | null")]
    pub queries_per_day: Option<i64>,
    /// `Resource:Class` names the role may query; empty means all.
    pub classes: Vec<String>,
}

impl From<&team_api::Limits> for TeamLimits {
    fn from(l: &team_api::Limits) -> Self {
        TeamLimits {
            role: l.role.as_str().to_owned(),
            rows_per_query: l.rows_per_query,
            queries_per_day: l.queries_per_day,
            classes: l.classes.clone(),
        }
    }
}

impl From<TeamClientError> for CommandError {
    fn from(err: TeamClientError) -> Self {
        let code = match &err {
            TeamClientError::BadUrl(_) => ErrorCode::InvalidArgument,
            TeamClientError::Unreachable { .. } => ErrorCode::TeamUnreachable,
            TeamClientError::BadReply(_) => ErrorCode::TeamRefused,
            TeamClientError::SignedOut => ErrorCode::TeamSignedOut,
            TeamClientError::Refused { code, .. } => match code.as_str() {
                "invalid_credentials" => ErrorCode::TeamInvalidCredentials,
                "login_locked" => ErrorCode::TeamLocked,
                "unauthenticated" | "invalid_token" | "token_expired" | "token_reused" => {
                    ErrorCode::TeamSignedOut
                }
                "forbidden" | "signup_closed" => ErrorCode::TeamForbidden,
                "limit_exceeded" => ErrorCode::TeamLimitExceeded,
                "conflict" => ErrorCode::TeamConflict,
                "email_taken" | "last_admin" => ErrorCode::TeamRefused,
                "not_found" => ErrorCode::NotFound,
                "invalid_argument" => ErrorCode::InvalidArgument,
                _ => ErrorCode::TeamRefused,
            },
        };
        let message = match code {
            ErrorCode::TeamSignedOut => {
                format!("{err} The team session ended; sign in again in Settings → Team.")
            }
            _ => err.to_string(),
        };
        CommandError::new(code, message)
    }
}

impl From<team_keys::KeyError> for CommandError {
    fn from(err: team_keys::KeyError) -> Self {
        CommandError::new(ErrorCode::TeamKey, err.to_string())
    }
}

/// `"server email"`: whose member key the secret store holds.
fn key_owner(server: &str, email: &str) -> String {
    format!("{server} {email}")
}

impl Portal {
    /// The signed-in team's client; `team_signed_out` when there is none.
    pub(crate) async fn team_client(&self) -> CommandResult<TeamClient> {
        let mut slot = self.team.0.lock().await;
        if let Some(c) = slot.as_ref() {
            return Ok(c.clone());
        }
        let account = self.signed_in_account().await?;
        let refresh = blocking(self.secrets.clone(), |s| s.get(&SecretKey::team_session()))
            .await?
            .ok_or_else(|| {
                CommandError::new(
                    ErrorCode::TeamSignedOut,
                    "The team session is not in the secret store; sign in again in Settings → Team.",
                )
            })?;
        let client = self.new_team_client(&account.server)?;
        client.resume(&refresh);
        *slot = Some(client.clone());
        Ok(client)
    }

    /// A client whose rotated tokens go to the secret store.
    fn new_team_client(&self, server: &str) -> CommandResult<TeamClient> {
        let secrets = self.secrets.clone();
        Ok(TeamClient::new(server)?.with_token_sink(Arc::new(move |t| {
            // The keychain call is short; a failure leaves the previous token,
            // which the server refuses later: the user signs in again.
            if let Err(e) = secrets.set(&SecretKey::team_session(), &t.refresh_token) {
                tracing::warn!("cannot keep the team session: {e}");
            }
        })))
    }

    pub(crate) async fn signed_in_account(&self) -> CommandResult<TeamAccount> {
        match self.store.team_account().await? {
            Some(a) if a.signed_in => Ok(a),
            _ => Err(CommandError::new(
                ErrorCode::TeamSignedOut,
                "Not signed in to a team; sign in in Settings → Team.",
            )),
        }
    }

    /// Where the team stands, from what this folder keeps (no network).
    pub async fn team_status(&self) -> CommandResult<TeamStatus> {
        let Some(account) = self.store.team_account().await? else {
            return Ok(TeamStatus {
                signed_in: false,
                server: None,
                email: None,
                role: None,
                team_name: None,
                limits: None,
                fingerprint: None,
                synced_at: None,
                conflicts: 0,
            });
        };
        let me: Option<Me> = account
            .me
            .as_ref()
            .and_then(|m| serde_json::from_value(m.clone()).ok());
        let fingerprint = if account.signed_in {
            blocking(self.secrets.clone(), |s| {
                s.get(&SecretKey::team_member_key())
            })
            .await
            .ok()
            .flatten()
            .and_then(|k| MemberKey::from_secret(&k).ok())
            .map(|k| team_keys::fingerprint(&k.public()))
        } else {
            None
        };
        let mut conflicts = 0;
        for kind in items::KINDS {
            conflicts += self
                .store
                .team_items(kind.as_str())
                .await?
                .iter()
                .filter(|i| i.state == mls_store::ItemState::Conflict)
                .count() as u32;
        }
        Ok(TeamStatus {
            signed_in: account.signed_in,
            server: Some(account.server.clone()),
            email: Some(account.email.clone()),
            role: me.as_ref().map(|m| m.role.as_str().to_owned()),
            team_name: me.as_ref().map(|m| m.team.name.clone()),
            limits: me.as_ref().map(|m| TeamLimits::from(&m.limits)),
            fingerprint,
            synced_at: account.synced_at,
            conflicts,
        })
    }

    /// Signs in to the team server at `server`, publishes my key and pulls
    /// what the team shares.
    pub async fn team_sign_in(
        &self,
        server: String,
        email: String,
        password: String,
    ) -> CommandResult<TeamStatus> {
        let client = self.new_team_client(&server)?;
        client.login(&email, &password).await?;
        self.team_signed_in(client, &email).await
    }

    /// Creates a team on `server` with me as its admin, and signs in.
    pub async fn team_sign_up(
        &self,
        server: String,
        email: String,
        password: String,
        team_name: String,
    ) -> CommandResult<TeamStatus> {
        let client = self.new_team_client(&server)?;
        client
            .signup(&Signup {
                email: email.clone(),
                password,
                team_name,
            })
            .await?;
        self.team_signed_in(client, &email).await
    }

    async fn team_signed_in(&self, client: TeamClient, email: &str) -> CommandResult<TeamStatus> {
        let server = client.base().to_string();
        let email = email.trim().to_lowercase();
        let previous = self.store.team_account().await?;
        if let Some(p) = &previous
            && p.signed_in
            && (p.server != server || p.email != email)
        {
            // Another account's copies are not this one's to keep.
            self.team_forget_copies().await?;
        }
        self.store.set_team_account(&server, &email).await?;
        *self.team.0.lock().await = Some(client.clone());
        // My key: the one kept for this account, or a new one (wraps made for
        // an earlier key no longer open: an admin grants access again).
        let owner = key_owner(&server, &email);
        let kept = match previous.and_then(|p| p.key_owner) {
            Some(o) if o == owner => {
                blocking(self.secrets.clone(), |s| {
                    s.get(&SecretKey::team_member_key())
                })
                .await?
            }
            _ => None,
        };
        let key = match kept.and_then(|k| MemberKey::from_secret(&k).ok()) {
            Some(k) => k,
            None => {
                let k = MemberKey::generate();
                let secret = k.to_secret();
                blocking(self.secrets.clone(), move |s| {
                    s.set(&SecretKey::team_member_key(), &secret)
                })
                .await?;
                self.store.set_team_key_owner(&owner).await?;
                k
            }
        };
        client.publish_key(&key.public()).await?;
        self.team_sync().await?;
        self.team_status().await
    }

    /// Signs out: ends the session on the server (when reachable), deletes the
    /// copies of shared connections and their secrets, forgets the items.
    /// My key stays, so signing in again as the same member keeps my access.
    pub async fn team_sign_out(&self) -> CommandResult<TeamStatus> {
        if let Ok(client) = self.team_client().await
            && let Err(e) = client.logout().await
        {
            tracing::info!("signing out while the team server is unreachable: {e}");
        }
        *self.team.0.lock().await = None;
        self.team_forget_copies().await?;
        self.store.clear_team_account().await?;
        blocking(self.secrets.clone(), |s| {
            s.delete(&SecretKey::team_session())
        })
        .await?;
        self.team_status().await
    }

    /// Deletes the local copies of connections others shared, with their secrets.
    async fn team_forget_copies(&self) -> CommandResult<()> {
        for link in self.store.team_links().await? {
            if !link.mine {
                self.delete_local_copy(link.connection_id).await?;
            }
        }
        Ok(())
    }

    /// Deletes one local copy of a shared connection and its secrets.
    pub(crate) async fn delete_local_copy(&self, connection_id: i64) -> CommandResult<()> {
        self.workbench.forget(&connection_id.to_string()).await;
        blocking(self.secrets.clone(), move |s| {
            mls_store::secrets::delete_connection_secrets(s, connection_id)
        })
        .await?;
        self.store.delete_connection(connection_id).await?;
        Ok(())
    }

    /// Sets preference keys on the server (theme, default connection, export
    /// defaults; `null` removes a key); the reply is kept for offline use.
    pub async fn team_preferences_set(
        &self,
        preferences: serde_json::Value,
    ) -> CommandResult<serde_json::Value> {
        let client = self.team_client().await?;
        let me = client.set_preferences(preferences).await?;
        self.store
            .set_team_me(
                &serde_json::to_value(&me).map_err(|e| CommandError::internal(e.to_string()))?,
            )
            .await?;
        Ok(me.preferences)
    }
}
