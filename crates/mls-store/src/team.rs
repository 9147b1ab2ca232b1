//! What a data folder keeps of its team: the account it is signed in to (and
//! what the server last said about it, for offline use), which local
//! connections are a team's shared connections, and the team's templates and
//! saved queries with the changes made here that have not reached the server.
//! Tokens and keys are secrets and live in [`crate::secrets`], never here.

use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use crate::error::StoreError;
use crate::store::Store;
use crate::time::now;

/// The team account of this data folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamAccount {
    /// The team server's address.
    pub server: String,
    pub email: String,
    /// Whose member key the secret store holds (`"server email"`).
    pub key_owner: Option<String>,
    /// The last `/v1/me` reply (role, limits, preferences).
    pub me: Option<serde_json::Value>,
    /// When the last pull finished (RFC 3339).
    pub synced_at: Option<String>,
    /// False after signing out (the row stays for its key owner).
    pub signed_in: bool,
}

/// A local connection that is one of the team's shared connections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamLink {
    pub connection_id: i64,
    /// The connection's id on the server.
    pub shared_id: i64,
    /// The version of the connection key the local secrets came from.
    pub key_version: i64,
    pub owner_id: i64,
    pub owner_email: Option<String>,
    /// I shared it from my own connection (it stays mine when unshared).
    pub mine: bool,
}

/// Where a local copy of a team item stands against the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// Same as the server's last copy.
    Synced,
    /// Made here, not on the server yet.
    Created,
    /// Changed here since `base_version`.
    Changed,
    /// Deleted here, still on the server.
    Deleted,
    /// Changed here and on another machine: both copies are kept.
    Conflict,
}

impl ItemState {
    fn as_str(self) -> &'static str {
        match self {
            ItemState::Synced => "synced",
            ItemState::Created => "created",
            ItemState::Changed => "changed",
            ItemState::Deleted => "deleted",
            ItemState::Conflict => "conflict",
        }
    }

    fn parse(s: &str) -> Result<ItemState, StoreError> {
        Ok(match s {
            "synced" => ItemState::Synced,
            "created" => ItemState::Created,
            "changed" => ItemState::Changed,
            "deleted" => ItemState::Deleted,
            "conflict" => ItemState::Conflict,
            other => return Err(StoreError::Invalid(format!("unknown item state {other:?}"))),
        })
    }
}

/// A team template or saved query as kept here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamItem {
    pub local_id: i64,
    /// `template` or `saved_query`.
    pub kind: String,
    /// The id on the server (none until it got there).
    pub remote_id: Option<i64>,
    pub name: String,
    pub body: serde_json::Value,
    /// The server's version this copy started from.
    pub base_version: Option<i64>,
    pub state: ItemState,
    /// The server's copy (`{name, body, version}`) when a change conflicted.
    pub theirs: Option<serde_json::Value>,
    pub updated_at: String,
}

fn json(text: Option<String>) -> Result<Option<serde_json::Value>, StoreError> {
    Ok(match text {
        Some(t) => Some(serde_json::from_str(&t)?),
        None => None,
    })
}

fn item_of(r: &SqliteRow) -> Result<TeamItem, StoreError> {
    Ok(TeamItem {
        local_id: r.try_get("local_id")?,
        kind: r.try_get("kind")?,
        remote_id: r.try_get("remote_id")?,
        name: r.try_get("name")?,
        body: serde_json::from_str(&r.try_get::<String, _>("body_json")?)?,
        base_version: r.try_get("base_version")?,
        state: ItemState::parse(&r.try_get::<String, _>("state")?)?,
        theirs: json(r.try_get("theirs_json")?)?,
        updated_at: r.try_get("updated_at")?,
    })
}

impl Store {
    /// The team account, if this folder is signed in to one.
    pub async fn team_account(&self) -> Result<Option<TeamAccount>, StoreError> {
        let row = sqlx::query(
            "SELECT server, email, key_owner, me_json, synced_at, signed_in FROM team_account WHERE id = 1",
        )
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(TeamAccount {
                server: r.try_get(0)?,
                email: r.try_get(1)?,
                key_owner: r.try_get(2)?,
                me: json(r.try_get(3)?)?,
                synced_at: r.try_get(4)?,
                signed_in: r.try_get::<i64, _>(5)? != 0,
            })
        })
        .transpose()
    }

    /// Signs this folder in to `server` as `email` (replacing another account;
    /// the key owner is kept so the key check can compare).
    pub async fn set_team_account(&self, server: &str, email: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO team_account (id, server, email) VALUES (1, ?, ?)
             ON CONFLICT (id) DO UPDATE SET server = excluded.server, email = excluded.email,
                 me_json = NULL, synced_at = NULL, signed_in = 1",
        )
        .bind(server)
        .bind(email)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Records whose member key the secret store now holds.
    pub async fn set_team_key_owner(&self, owner: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE team_account SET key_owner = ? WHERE id = 1")
            .bind(owner)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Keeps the server's latest word about me and the time of the pull.
    pub async fn set_team_me(&self, me: &serde_json::Value) -> Result<(), StoreError> {
        sqlx::query("UPDATE team_account SET me_json = ?, synced_at = ? WHERE id = 1")
            .bind(serde_json::to_string(me)?)
            .bind(now())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Signs out: forgets the team's items, what the server said, and which of
    /// my connections were shared (the pulled copies are the caller's to delete).
    pub async fn clear_team_account(&self) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM team_items")
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM team_connections WHERE mine = 1")
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE team_account SET me_json = NULL, synced_at = NULL, signed_in = 0 WHERE id = 1",
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every local connection that is a shared one.
    pub async fn team_links(&self) -> Result<Vec<TeamLink>, StoreError> {
        let rows = sqlx::query(
            "SELECT connection_id, shared_id, key_version, owner_id, owner_email, mine
             FROM team_connections ORDER BY connection_id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(TeamLink {
                    connection_id: r.try_get(0)?,
                    shared_id: r.try_get(1)?,
                    key_version: r.try_get(2)?,
                    owner_id: r.try_get(3)?,
                    owner_email: r.try_get(4)?,
                    mine: r.try_get::<i64, _>(5)? != 0,
                })
            })
            .collect()
    }

    /// Marks (or re-marks) a local connection as a shared one.
    pub async fn set_team_link(&self, link: &TeamLink) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO team_connections (connection_id, shared_id, key_version, owner_id, owner_email, mine)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (connection_id) DO UPDATE SET shared_id = excluded.shared_id,
                 key_version = excluded.key_version, owner_id = excluded.owner_id,
                 owner_email = excluded.owner_email, mine = excluded.mine",
        )
        .bind(link.connection_id)
        .bind(link.shared_id)
        .bind(link.key_version)
        .bind(link.owner_id)
        .bind(&link.owner_email)
        .bind(link.mine as i64)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Unmarks a connection (it stays as a local one).
    pub async fn delete_team_link(&self, connection_id: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM team_connections WHERE connection_id = ?")
            .bind(connection_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The team's items of `kind` kept here (deleted ones included), by name.
    pub async fn team_items(&self, kind: &str) -> Result<Vec<TeamItem>, StoreError> {
        let rows = sqlx::query("SELECT * FROM team_items WHERE kind = ? ORDER BY name, local_id")
            .bind(kind)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(item_of).collect()
    }

    /// One item.
    pub async fn team_item(&self, local_id: i64) -> Result<TeamItem, StoreError> {
        let row = sqlx::query("SELECT * FROM team_items WHERE local_id = ?")
            .bind(local_id)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("team item {local_id}")))?;
        item_of(&row)
    }

    /// Adds an item; its local id.
    pub async fn insert_team_item(&self, item: &TeamItem) -> Result<i64, StoreError> {
        let id = sqlx::query(
            "INSERT INTO team_items (kind, remote_id, name, body_json, base_version, state, theirs_json, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&item.kind)
        .bind(item.remote_id)
        .bind(&item.name)
        .bind(serde_json::to_string(&item.body)?)
        .bind(item.base_version)
        .bind(item.state.as_str())
        .bind(item.theirs.as_ref().map(serde_json::to_string).transpose()?)
        .bind(now())
        .execute(self.pool())
        .await?
        .last_insert_rowid();
        Ok(id)
    }

    /// Replaces an item's fields (by `local_id`).
    pub async fn update_team_item(&self, item: &TeamItem) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE team_items SET remote_id = ?, name = ?, body_json = ?, base_version = ?,
                 state = ?, theirs_json = ?, updated_at = ? WHERE local_id = ?",
        )
        .bind(item.remote_id)
        .bind(&item.name)
        .bind(serde_json::to_string(&item.body)?)
        .bind(item.base_version)
        .bind(item.state.as_str())
        .bind(
            item.theirs
                .as_ref()
                .map(serde_json::to_string)
                .transpose()?,
        )
        .bind(now())
        .bind(item.local_id)
        .execute(self.pool())
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("team item {}", item.local_id)));
        }
        Ok(())
    }

    /// Forgets an item.
    pub async fn delete_team_item(&self, local_id: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM team_items WHERE local_id = ?")
            .bind(local_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
