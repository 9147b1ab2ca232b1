//! Sharing my connections with the team. The secrets are sealed here with a
//! new connection key, which is wrapped here for each member chosen (their
//! published public keys, shown with fingerprints); the server only stores
//! ciphertext. Adding members re-wraps the same key; removing one makes a new
//! key version, so the removed member's wrap opens nothing new.

use mls_store::TeamLink;
use mls_store::secrets::{SecretKey, SecretStore};
use serde::Serialize;
use team_api::{Grant, GrantsChange, MemberKeyInfo, NewSharedConnection, SharedConnection};
use team_keys::ConnectionKey;
use ts_rs::TS;

use super::pull::SealedSecrets;
use crate::portal::secrets::blocking;
use crate::{CommandError, CommandResult, ErrorCode, Portal};

/// A member of the team and whether they may use a shared connection.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct TeamMemberAccess {
    #[ts(type = "number")]
    pub user_id: i64,
    pub email: String,
    /// Their key's fingerprint: compare it with them before granting.
    pub fingerprint: String,
    pub has_access: bool,
}

/// Who may use one of my connections.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SharedAccess {
    /// The local connection.
    pub connection_id: String,
    /// Its id on the team server (none: not shared).
    #[ts(type = "number | null")]
    pub shared_id: Option<i64>,
    /// The connection key's version (moves when someone is removed).
    #[ts(type = "number | null")]
    pub key_version: Option<i64>,
    /// Every member with a published key.
    pub members: Vec<TeamMemberAccess>,
}

fn parse_id(connection_id: &str) -> CommandResult<i64> {
    connection_id.parse().map_err(|_| {
        CommandError::new(
            ErrorCode::InvalidArgument,
            "The built-in Demo MLS cannot be shared; share a connection to your MLS.",
        )
    })
}

fn wrap_for(
    key: &ConnectionKey,
    members: &[MemberKeyInfo],
    user_ids: &[i64],
) -> CommandResult<Vec<Grant>> {
    user_ids
        .iter()
        .map(|id| {
            let m = members.iter().find(|m| m.id == *id).ok_or_else(|| {
                CommandError::new(
                    ErrorCode::TeamKey,
                    format!("Member {id} has not published a key yet: they sign in once first."),
                )
            })?;
            Ok(Grant {
                user_id: m.id,
                wrapped_key: key.wrap_for(&m.public_key)?,
            })
        })
        .collect()
}

impl Portal {
    async fn sealed_secrets_of(&self, id: i64) -> CommandResult<Vec<u8>> {
        let secrets = blocking(self.secrets.clone(), move |s| {
            Ok(SealedSecrets {
                password: s.get(&SecretKey::password(id))?,
                ua_password: s.get(&SecretKey::ua_password(id))?,
            })
        })
        .await?;
        serde_json::to_vec(&secrets).map_err(|e| CommandError::internal(e.to_string()))
    }

    async fn my_link(&self, id: i64) -> CommandResult<Option<TeamLink>> {
        Ok(self
            .store
            .team_links()
            .await?
            .into_iter()
            .find(|l| l.connection_id == id))
    }

    /// Who may use connection `connection_id` (every member with a key).
    pub async fn team_connection_access(
        &self,
        connection_id: String,
    ) -> CommandResult<SharedAccess> {
        let id = parse_id(&connection_id)?;
        let client = self.team_client().await?;
        let keys = client.member_keys().await?;
        let shared = match self.my_link(id).await? {
            Some(l) => Some(client.shared_connection(l.shared_id).await?),
            None => None,
        };
        Ok(access_of(connection_id, &keys, shared.as_ref()))
    }

    /// Shares my connection `connection_id` with the members `user_ids` (I am
    /// always included), or changes who may use it when it is shared already.
    pub async fn team_share(
        &self,
        connection_id: String,
        mut user_ids: Vec<i64>,
    ) -> CommandResult<SharedAccess> {
        let id = parse_id(&connection_id)?;
        let client = self.team_client().await?;
        let me = client.me().await?;
        if !user_ids.contains(&me.id) {
            user_ids.push(me.id);
        }
        user_ids.sort_unstable();
        user_ids.dedup();
        let keys = client.member_keys().await?;
        let link = self.my_link(id).await?;
        let shared = match link {
            None => {
                let connection = self.store.connection(id).await?;
                let template = serde_json::to_value(&connection.fields)
                    .map_err(|e| CommandError::internal(e.to_string()))?;
                let key = ConnectionKey::generate();
                let sealed = key.seal(&self.sealed_secrets_of(id).await?)?;
                let shared = client
                    .share_connection(&NewSharedConnection {
                        name: connection.fields.name.clone(),
                        template,
                        sealed_secrets: sealed,
                        grants: wrap_for(&key, &keys, &user_ids)?,
                    })
                    .await?;
                self.store
                    .set_team_link(&TeamLink {
                        connection_id: id,
                        shared_id: shared.id,
                        key_version: shared.key_version,
                        owner_id: me.id,
                        owner_email: Some(me.email.clone()),
                        mine: true,
                    })
                    .await?;
                shared
            }
            Some(link) => {
                let current = client.shared_connection(link.shared_id).await?;
                let removing = current
                    .members
                    .iter()
                    .any(|m| !user_ids.contains(&m.user_id));
                let change = if removing {
                    // A new key: sealed again from the secrets kept here.
                    let key = ConnectionKey::generate();
                    GrantsChange {
                        key_version: current.key_version + 1,
                        sealed_secrets: Some(key.seal(&self.sealed_secrets_of(id).await?)?),
                        grants: wrap_for(&key, &keys, &user_ids)?,
                    }
                } else {
                    let wrapped = current.my_wrapped_key.as_deref().ok_or_else(|| {
                        CommandError::new(
                            ErrorCode::TeamKey,
                            "The connection key is not wrapped for me; remove someone to make a new one.",
                        )
                    })?;
                    let key = ConnectionKey::unwrap(wrapped, &self.member_key().await?)?;
                    GrantsChange {
                        key_version: current.key_version,
                        sealed_secrets: None,
                        grants: wrap_for(&key, &keys, &user_ids)?,
                    }
                };
                let shared = client.set_grants(link.shared_id, &change).await?;
                self.store
                    .set_team_link(&TeamLink {
                        key_version: shared.key_version,
                        ..link
                    })
                    .await?;
                shared
            }
        };
        Ok(access_of(connection_id, &keys, Some(&shared)))
    }

    /// Stops sharing my connection (it stays here as a local one).
    pub async fn team_unshare(&self, connection_id: String) -> CommandResult<()> {
        let id = parse_id(&connection_id)?;
        let link = self.my_link(id).await?.ok_or_else(|| {
            CommandError::new(ErrorCode::NotFound, "This connection is not shared.")
        })?;
        let client = self.team_client().await?;
        match client.unshare_connection(link.shared_id).await {
            Ok(()) | Err(team_client::TeamClientError::Refused { status: 404, .. }) => {}
            Err(e) => return Err(e.into()),
        }
        if link.mine {
            self.store.delete_team_link(id).await?;
        } else {
            // An admin removed someone else's share: the copy goes too.
            self.delete_local_copy(id).await?;
        }
        Ok(())
    }
}

fn access_of(
    connection_id: String,
    keys: &[MemberKeyInfo],
    shared: Option<&SharedConnection>,
) -> SharedAccess {
    let granted = |id: i64| shared.is_some_and(|s| s.members.iter().any(|m| m.user_id == id));
    SharedAccess {
        connection_id,
        shared_id: shared.map(|s| s.id),
        key_version: shared.map(|s| s.key_version),
        members: keys
            .iter()
            .map(|k| TeamMemberAccess {
                user_id: k.id,
                email: k.email.clone(),
                fingerprint: k.fingerprint.clone(),
                has_access: granted(k.id),
            })
            .collect(),
    }
}
