//! Connections: the list the user picks from, and "Test connection".

use mls_store::{HttpMethod, NewConnection};
use rets_client::Secret;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ConnectionProfile, Diagnosis, Endpoint, Source};

use crate::ErrorCode;
use crate::Portal;
use crate::{CommandError, CommandResult};

/// What a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum ConnectionKind {
    /// The built-in Demo MLS.
    Demo,
    /// A RETS server.
    Rets,
}

/// A connection as the connection list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionSummary {
    /// Stable id, passed to every other command.
    pub id: String,
    /// Name shown to the user.
    pub name: String,
    /// The built-in Demo MLS or a RETS server.
    pub kind: ConnectionKind,
    /// Login URL (None for the Demo MLS until it runs).
    pub login_url: Option<String>,
    /// User name.
    pub username: Option<String>,
    /// User agent sent (None: the app's own).
    pub user_agent: Option<String>,
    /// RETS version requested (None: the client default).
    pub rets_version: Option<String>,
    /// Transactions are sent as POST.
    pub use_post: bool,
    /// Vendor template the connection was made from.
    pub vendor_template: Option<String>,
    /// The server may send requests to other origins or plain HTTP (the user's switch).
    pub allow_insecure: bool,
    /// The login URL is plain `http://`: passwords and data travel unencrypted.
    pub unencrypted: bool,
    /// Shared through the team: by me (`mine`) or with me (by `sharedBy`).
    pub shared: Option<SharedMark>,
}

/// How a connection is shared through the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SharedMark {
    /// I shared it; otherwise it is a copy of someone else's.
    pub mine: bool,
    /// Who shared it.
    pub shared_by: Option<String>,
}

impl ConnectionSummary {
    fn of(
        profile: &ConnectionProfile,
        demo_url: Option<String>,
        vendor: Option<String>,
        shared: Option<SharedMark>,
    ) -> Self {
        let (kind, login_url, username) = match &profile.source {
            Source::Demo => (ConnectionKind::Demo, demo_url, Some("demo".to_owned())),
            Source::Rets(e) => (
                ConnectionKind::Rets,
                Some(e.login_url.clone()),
                Some(e.username.clone()),
            ),
        };
        let (user_agent, rets_version, use_post) = match &profile.source {
            Source::Demo => (None, None, false),
            Source::Rets(e) => (e.user_agent.clone(), e.rets_version.clone(), e.use_post),
        };
        let (allow_insecure, unencrypted) = match &profile.source {
            // The Demo MLS runs inside the app, on loopback.
            Source::Demo => (false, false),
            Source::Rets(e) => (e.allow_insecure, e.is_unencrypted()),
        };
        ConnectionSummary {
            id: profile.id.clone(),
            name: profile.name.clone(),
            kind,
            login_url,
            username,
            user_agent,
            rets_version,
            use_post,
            vendor_template: vendor,
            allow_insecure,
            unencrypted,
            shared,
        }
    }
}

/// Vendor templates of saved connections, by connection id.
async fn vendor_templates(
    state: &Portal,
) -> CommandResult<std::collections::HashMap<String, String>> {
    Ok(state
        .store
        .connections()
        .await?
        .into_iter()
        .filter_map(|c| Some((c.id.to_string(), c.fields.vendor_template?)))
        .collect())
}

/// Which connections are shared through the team, by connection id.
async fn shared_marks(
    state: &Portal,
) -> CommandResult<std::collections::HashMap<String, SharedMark>> {
    Ok(state
        .store
        .team_links()
        .await?
        .into_iter()
        .map(|l| {
            let mark = SharedMark {
                mine: l.mine,
                shared_by: l.owner_email,
            };
            (l.connection_id.to_string(), mark)
        })
        .collect())
}

/// Refuses to change a copy of someone else's shared connection here: the
/// next sync would undo it.
async fn refuse_team_copy(state: &Portal, id: i64) -> CommandResult<()> {
    if let Some(l) = state
        .store
        .team_links()
        .await?
        .into_iter()
        .find(|l| l.connection_id == id && !l.mine)
    {
        return Err(CommandError::new(
            ErrorCode::TeamForbidden,
            format!(
                "This connection is shared by {}; it changes when they change it, and leaves when your access ends.",
                l.owner_email.as_deref().unwrap_or("your team")
            ),
        ));
    }
    Ok(())
}

/// A RETS connection as the connection form edits it. Passwords go to the OS
/// keychain, never to the database; `None` keeps the stored one.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionInput {
    /// Id of the connection to change; `None` creates one.
    pub id: Option<String>,
    /// Name shown in the list.
    pub name: String,
    /// RETS login URL.
    pub login_url: String,
    /// User name.
    pub username: String,
    /// New password (`None`: keep the stored one).
    pub password: Option<String>,
    /// User agent (empty: the app's own).
    pub user_agent: String,
    /// New user-agent password (`None`: keep; empty: remove).
    pub ua_password: Option<String>,
    /// RETS version, e.g. `RETS/1.7.2` (empty: the client default).
    pub rets_version: String,
    /// Send transactions as POST.
    pub use_post: bool,
    /// Vendor template the form started from (e.g. `flexmls`), for later edits.
    pub vendor_template: Option<String>,
    /// Let the server send requests to other origins or plain HTTP (warned in the form).
    #[serde(default)]
    pub allow_insecure: bool,
}

impl Portal {
    /// All connections, the built-in Demo MLS first.
    pub async fn connections_list(&self) -> CommandResult<Vec<ConnectionSummary>> {
        let demo_url = self.workbench.demo().login_url();
        let vendors = vendor_templates(self).await?;
        let marks = shared_marks(self).await?;
        Ok(self
            .profiles()
            .await?
            .iter()
            .map(|p| {
                ConnectionSummary::of(
                    p,
                    demo_url.clone(),
                    vendors.get(&p.id).cloned(),
                    marks.get(&p.id).cloned(),
                )
            })
            .collect())
    }

    /// Creates or updates a RETS connection; passwords go to the keychain.
    pub async fn connection_save(
        &self,
        input: ConnectionInput,
    ) -> CommandResult<ConnectionSummary> {
        let name = input.name.trim();
        if name.is_empty() {
            return Err(CommandError::new(
                ErrorCode::InvalidArgument,
                "Give the connection a name.",
            ));
        }
        // A password typed into the URL (`https://user:pw@host/…`) never reaches the
        // database: it moves to the secret store like any other password.
        let (login_url, url_user, url_password) =
            crate::connection::split_user_info(input.login_url.trim());
        let mut password = input.password.clone().filter(|p| !p.is_empty());
        if password.is_none() {
            password = url_password;
        }
        let username = match input.username.trim() {
            "" => url_user.unwrap_or_default(),
            name => name.to_owned(),
        };
        let endpoint = Endpoint {
            login_url,
            username,
            user_agent: None,
            rets_version: None,
            use_post: input.use_post,
            allow_insecure: input.allow_insecure,
        };
        // Validates the URL the same way a session would.
        endpoint.client_config(Secret::new(""), None)?;
        if endpoint.username.is_empty() {
            return Err(CommandError::new(
                ErrorCode::InvalidArgument,
                "Enter the user name your MLS gave you.",
            ));
        }
        let fields = NewConnection {
            name: name.to_owned(),
            login_url: endpoint.login_url.clone(),
            username: endpoint.username.clone(),
            user_agent: input.user_agent.trim().to_owned(),
            rets_version: input.rets_version.trim().to_owned(),
            http_method: if input.use_post {
                HttpMethod::Post
            } else {
                HttpMethod::Get
            },
            vendor_template: input
                .vendor_template
                .clone()
                .filter(|t| t != crate::DEMO_TEMPLATE),
            options: serde_json::json!({ crate::ALLOW_INSECURE_OPTION: input.allow_insecure }),
        };
        // Editing: the row changes first and goes back if the new password cannot be kept,
        // so a new URL is never left with the old password (or the reverse).
        let mut previous = None;
        let saved = match &input.id {
            Some(id) => {
                let id: i64 = id.parse().map_err(|_| {
                    CommandError::new(
                        ErrorCode::UnknownConnection,
                        format!("Connection \"{id}\" cannot be edited."),
                    )
                })?;
                refuse_team_copy(self, id).await?;
                previous = Some(self.store.connection(id).await?);
                self.store.update_connection(id, &fields).await?
            }
            None => {
                if password.is_none() {
                    return Err(CommandError::new(
                        ErrorCode::InvalidArgument,
                        "Enter the password for this connection.",
                    ));
                }
                self.store.create_connection(&fields).await?
            }
        };
        let secrets = self.secrets.clone();
        let ua_password = input.ua_password.clone();
        let id = saved.id;
        let stored = tokio::task::spawn_blocking(move || {
            use mls_store::secrets::{SecretKey, SecretStore};
            let store: &dyn SecretStore = secrets.as_ref();
            let key = SecretKey::password(id);
            let mut replaced = None;
            if let Some(p) = password {
                replaced = Some(store.get(&key)?);
                store.set(&key, &p)?;
            }
            let ua = match ua_password {
                Some(p) if p.is_empty() => store.delete(&SecretKey::ua_password(id)),
                Some(p) => store.set(&SecretKey::ua_password(id), &p),
                None => Ok(()),
            };
            if ua.is_err() {
                // The password goes back with the row: both or neither change.
                match replaced {
                    Some(Some(old)) => store.set(&key, &old)?,
                    Some(None) => store.delete(&key)?,
                    None => {}
                }
            }
            ua
        })
        .await
        .map_err(|e| CommandError::internal(e.to_string()))?;
        if let Err(err) = stored {
            match previous {
                // A connection whose password could not be kept is of no use: undo.
                None => self.store.delete_connection(id).await?,
                Some(old) => {
                    self.store.update_connection(id, &old.fields).await?;
                }
            }
            return Err(err.into());
        }
        self.workbench.forget(&id.to_string()).await;
        let profile = self.profile(&id.to_string()).await?;
        let mark = shared_marks(self).await?.remove(&profile.id);
        Ok(ConnectionSummary::of(
            &profile,
            None,
            saved.fields.vendor_template.clone(),
            mark,
        ))
    }

    /// Deletes a saved connection, its passwords and its session. The built-in Demo
    /// MLS cannot be deleted.
    pub async fn connection_delete(&self, connection_id: String) -> CommandResult<()> {
        let profile = self.profile(&connection_id).await?;
        if profile.is_demo() {
            return Err(CommandError::new(
                ErrorCode::InvalidArgument,
                "The built-in Demo MLS cannot be deleted.",
            ));
        }
        let id = self.replica_connection(&profile).await?;
        refuse_team_copy(self, id).await?;
        self.workbench.forget(&connection_id).await;
        let secrets = self.secrets.clone();
        tokio::task::spawn_blocking(move || {
            mls_store::secrets::delete_connection_secrets(secrets.as_ref(), id)
        })
        .await
        .map_err(|e| CommandError::internal(e.to_string()))??;
        self.store.delete_connection(id).await?;
        Ok(())
    }

    /// Tests a connection step by step: reachability, authentication, capabilities,
    /// metadata, logout. Failures are steps of the diagnosis, not errors.
    pub async fn connection_test(&self, connection_id: String) -> CommandResult<Diagnosis> {
        let profile = self.profile(&connection_id).await?;
        let credentials = self.credentials(&profile).await?;
        Ok(self
            .workbench
            .diagnose(&profile, &credentials, |step| {
                tracing::info!(
                    "connection test {}: {} — {}",
                    profile.name,
                    step.title,
                    step.detail
                )
            })
            .await?)
    }
}
