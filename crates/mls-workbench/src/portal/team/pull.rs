//! One round with the server: what it says about me, my offline changes to
//! team items pushed, the team's items and shared connections pulled. A
//! shared connection becomes (or updates) a local connection whose secrets are
//! opened here with my key; one I can no longer open is deleted here.

use mls_store::secrets::{SecretKey, SecretStore};
use mls_store::{NewConnection, TeamLink};
use serde::{Deserialize, Serialize};
use team_api::SharedConnection;
use team_keys::{ConnectionKey, MemberKey};
use ts_rs::TS;

use crate::portal::secrets::blocking;
use crate::{CommandError, CommandResult, ErrorCode, Portal};

/// The secrets of a shared connection, sealed as one JSON document.
#[derive(Serialize, Deserialize)]
pub(crate) struct SealedSecrets {
    pub password: Option<String>,
    pub ua_password: Option<String>,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct TeamSyncReport {
    /// Shared connections usable here.
    pub connections: u32,
    /// Shared connections I cannot open (no access for my key yet): their names.
    pub locked: Vec<String>,
    /// Local copies deleted (unshared, or my access was removed).
    pub removed: u32,
    /// Templates and saved queries kept here.
    pub items: u32,
    /// Changes made here that reached the server.
    pub pushed: u32,
    /// Items changed here and elsewhere: both copies kept, waiting for a choice.
    pub conflicts: u32,
}

impl Portal {
    /// My member key from the secret store.
    pub(crate) async fn member_key(&self) -> CommandResult<MemberKey> {
        let secret = blocking(self.secrets.clone(), |s| {
            s.get(&SecretKey::team_member_key())
        })
        .await?
        .ok_or_else(|| {
            CommandError::new(
                ErrorCode::TeamKey,
                "My team key is not in the secret store; sign in again to make one.",
            )
        })?;
        Ok(MemberKey::from_secret(&secret)?)
    }

    /// Pushes my offline changes and pulls what the team shares.
    pub async fn team_sync(&self) -> CommandResult<TeamSyncReport> {
        let client = self.team_client().await?;
        let me = client.me().await?;
        self.store
            .set_team_me(
                &serde_json::to_value(&me).map_err(|e| CommandError::internal(e.to_string()))?,
            )
            .await?;
        let mut report = TeamSyncReport::default();
        self.sync_items(&client, &mut report).await?;
        let shared = client.connections().await?;
        self.pull_connections(&shared, &mut report).await?;
        Ok(report)
    }

    async fn pull_connections(
        &self,
        shared: &[SharedConnection],
        report: &mut TeamSyncReport,
    ) -> CommandResult<()> {
        let key = self.member_key().await?;
        let links = self.store.team_links().await?;
        for s in shared {
            let link = links.iter().find(|l| l.shared_id == s.id);
            if let Some(mine) = link.filter(|l| l.mine) {
                // My own connection: its secrets are here already.
                self.store
                    .set_team_link(&TeamLink {
                        key_version: s.key_version,
                        ..mine.clone()
                    })
                    .await?;
                report.connections += 1;
                continue;
            }
            let opened = s
                .my_wrapped_key
                .as_deref()
                .map(|w| open_secrets(w, &key, &s.sealed_secrets))
                .transpose();
            match opened {
                Ok(Some(secrets)) => {
                    self.keep_copy(s, link.map(|l| l.connection_id), secrets)
                        .await?;
                    report.connections += 1;
                }
                // No wrap for me (an admin sees it), or one for an older key of mine.
                Ok(None) | Err(_) => {
                    if let Some(l) = link {
                        self.delete_local_copy(l.connection_id).await?;
                        report.removed += 1;
                    }
                    report.locked.push(s.name.clone());
                }
            }
        }
        for l in &links {
            if shared.iter().any(|s| s.id == l.shared_id) {
                continue;
            }
            if l.mine {
                // Unshared: it is my local connection again.
                self.store.delete_team_link(l.connection_id).await?;
            } else {
                self.delete_local_copy(l.connection_id).await?;
                report.removed += 1;
            }
        }
        Ok(())
    }

    /// Creates or updates the local copy of shared connection `s`.
    async fn keep_copy(
        &self,
        s: &SharedConnection,
        existing: Option<i64>,
        secrets: SealedSecrets,
    ) -> CommandResult<()> {
        let mut fields: NewConnection =
            serde_json::from_value(s.template.clone()).map_err(|e| {
                CommandError::new(
                    ErrorCode::TeamRefused,
                    format!("The shared connection {:?} cannot be read: {e}", s.name),
                )
            })?;
        fields.name = self.free_name(&s.name, existing).await?;
        let id = match existing {
            Some(id) => self.store.update_connection(id, &fields).await?.id,
            None => self.store.create_connection(&fields).await?.id,
        };
        let stored = blocking(self.secrets.clone(), move |store| {
            match &secrets.password {
                Some(p) => store.set(&SecretKey::password(id), p)?,
                None => store.delete(&SecretKey::password(id))?,
            }
            match &secrets.ua_password {
                Some(p) => store.set(&SecretKey::ua_password(id), p),
                None => store.delete(&SecretKey::ua_password(id)),
            }
        })
        .await;
        if let Err(e) = stored {
            if existing.is_none() {
                self.store.delete_connection(id).await?;
            }
            return Err(e);
        }
        self.workbench.forget(&id.to_string()).await;
        let owner_email = s
            .members
            .iter()
            .find(|m| m.user_id == s.owner_id)
            .map(|m| m.email.clone());
        self.store
            .set_team_link(&TeamLink {
                connection_id: id,
                shared_id: s.id,
                key_version: s.key_version,
                owner_id: s.owner_id,
                owner_email,
                mine: false,
            })
            .await?;
        Ok(())
    }

    /// `name`, or `name (team)`, `name (team 2)`… when a local connection has it.
    async fn free_name(&self, name: &str, own: Option<i64>) -> CommandResult<String> {
        let taken: Vec<String> = self
            .store
            .connections()
            .await?
            .into_iter()
            .filter(|c| Some(c.id) != own)
            .map(|c| c.fields.name.to_lowercase())
            .collect();
        let mut candidate = name.to_owned();
        let mut n = 1;
        while taken.contains(&candidate.to_lowercase()) {
            candidate = if n == 1 {
                format!("{name} (team)")
            } else {
                format!("{name} (team {n})")
            };
            n += 1;
        }
        Ok(candidate)
    }
}

/// Unwraps the connection key with my key and opens the sealed secrets.
pub(crate) fn open_secrets(
    wrapped: &str,
    key: &MemberKey,
    sealed: &str,
) -> CommandResult<SealedSecrets> {
    let connection_key = ConnectionKey::unwrap(wrapped, key)?;
    let plain = connection_key.open(sealed)?;
    serde_json::from_slice(&plain).map_err(|e| {
        CommandError::new(
            ErrorCode::TeamKey,
            format!("The shared secrets are not readable: {e}"),
        )
    })
}
