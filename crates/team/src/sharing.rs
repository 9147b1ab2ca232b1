//! Shared connections, end to end. Members publish public keys; a Power
//! member shares a connection as a template in clear (no secrets), its
//! secrets sealed on the desktop, and the connection key wrapped for each
//! member allowed to use it. The server checks who may do what and stores
//! ciphertext; it cannot open the secrets. Removing a member requires a new
//! key version (sealed again, wrapped for the others): a removed member's old
//! wrap opens nothing new.

use sqlx::Row;
pub use team_api::sharing::{
    Grant, Grantee, GrantsChange, MemberKeyInfo, NewSharedConnection, SharedConnection,
};

use crate::{Caller, Role, Team, TeamError, now_ms};

/// Stores the wraps of connection `id`'s key.
async fn insert_grants(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    grants: &[Grant],
    granted_by: i64,
) -> Result<(), TeamError> {
    for g in grants {
        sqlx::query("INSERT INTO connection_grants (connection_id, user_id, wrapped_key, granted_by) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(g.user_id)
            .bind(&g.wrapped_key)
            .bind(granted_by)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

impl Team {
    /// Publishes (or replaces) the caller's public key.
    pub async fn set_member_key(
        &self,
        caller: &Caller,
        public_key: &str,
    ) -> Result<MemberKeyInfo, TeamError> {
        let public = team_keys::parse_public(public_key)
            .map_err(|e| TeamError::InvalidArgument(e.to_string()))?;
        let fingerprint = team_keys::fingerprint(&public);
        sqlx::query(
            "INSERT INTO member_keys (user_id, public_key, fingerprint, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (user_id) DO UPDATE SET public_key = excluded.public_key,
               fingerprint = excluded.fingerprint, updated_at = excluded.updated_at",
        )
        .bind(caller.user_id)
        .bind(&public)
        .bind(&fingerprint)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        self.audit(
            Some(caller.team_id),
            Some(caller.user_id),
            "key.published",
            Some(&format!("user:{}", caller.user_id)),
            serde_json::json!({"fingerprint": fingerprint}),
        )
        .await?;
        Ok(MemberKeyInfo {
            id: caller.user_id,
            email: caller.email.clone(),
            public_key: public,
            fingerprint,
        })
    }

    /// The public keys of the caller's team.
    pub async fn member_keys(&self, caller: &Caller) -> Result<Vec<MemberKeyInfo>, TeamError> {
        let rows = sqlx::query(
            "SELECT u.id, u.email, k.public_key, k.fingerprint FROM member_keys k JOIN users u ON u.id = k.user_id
             WHERE u.team_id = $1 AND u.disabled = 0 ORDER BY u.email",
        )
        .bind(caller.team_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(MemberKeyInfo {
                    id: r.try_get(0)?,
                    email: r.try_get(1)?,
                    public_key: r.try_get(2)?,
                    fingerprint: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// Checks that every grant is for an active member of the team with a published key.
    async fn check_grants(&self, caller: &Caller, grants: &[Grant]) -> Result<(), TeamError> {
        let mut seen = std::collections::HashSet::new();
        for g in grants {
            if !seen.insert(g.user_id) {
                return Err(TeamError::InvalidArgument(format!(
                    "user {} is granted twice.",
                    g.user_id
                )));
            }
            if g.wrapped_key.trim().is_empty() || g.wrapped_key.len() > 8192 {
                return Err(TeamError::InvalidArgument(format!(
                    "the wrapped key for user {} is empty or too long.",
                    g.user_id
                )));
            }
            let ok: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM users u JOIN member_keys k ON k.user_id = u.id
                 WHERE u.id = $1 AND u.team_id = $2 AND u.disabled = 0",
            )
            .bind(g.user_id)
            .bind(caller.team_id)
            .fetch_one(&self.pool)
            .await?;
            if ok == 0 {
                return Err(TeamError::InvalidArgument(format!(
                    "user {} is not an active member of the team with a published key.",
                    g.user_id
                )));
            }
        }
        if !grants.iter().any(|g| g.user_id == caller.user_id) {
            return Err(TeamError::InvalidArgument(
                "grant yourself access too (wrap the key for your own key).".into(),
            ));
        }
        Ok(())
    }

    /// Shares a connection; the caller becomes its owner.
    pub async fn share_connection(
        &self,
        caller: &Caller,
        input: &NewSharedConnection,
    ) -> Result<SharedConnection, TeamError> {
        let name = input.name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(TeamError::InvalidArgument(
                "A connection name has 1 to 200 characters.".into(),
            ));
        }
        if !input.template.is_object() {
            return Err(TeamError::InvalidArgument(
                "template must be a JSON object.".into(),
            ));
        }
        if input.sealed_secrets.trim().is_empty() || input.sealed_secrets.len() > 65_536 {
            return Err(TeamError::InvalidArgument(
                "sealed_secrets is empty or too long.".into(),
            ));
        }
        self.check_grants(caller, &input.grants).await?;
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO shared_connections (team_id, owner_id, name, template, sealed_secrets, key_version, updated_at)
             VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id",
        )
        .bind(caller.team_id)
        .bind(caller.user_id)
        .bind(name)
        .bind(input.template.to_string())
        .bind(&input.sealed_secrets)
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await?;
        insert_grants(&mut tx, id, &input.grants, caller.user_id).await?;
        tx.commit().await?;
        let members: Vec<i64> = input.grants.iter().map(|g| g.user_id).collect();
        self.audit(
            Some(caller.team_id),
            Some(caller.user_id),
            "connection.shared",
            Some(&format!("connection:{id}")),
            serde_json::json!({"name": name, "members": members}),
        )
        .await?;
        self.shared_connection(caller, id).await
    }

    /// The connections the caller can use (an admin sees every one, to manage access).
    pub async fn shared_connections(
        &self,
        caller: &Caller,
    ) -> Result<Vec<SharedConnection>, TeamError> {
        self.load_connections(caller, None).await
    }

    /// One shared connection; not found unless the caller has access (or is an admin).
    pub async fn shared_connection(
        &self,
        caller: &Caller,
        id: i64,
    ) -> Result<SharedConnection, TeamError> {
        self.load_connections(caller, Some(id))
            .await?
            .pop()
            .ok_or_else(|| TeamError::NotFound(format!("Shared connection {id}")))
    }

    /// The team's connections (or only `only`) the caller may see, with their
    /// members: two queries, whatever the number of connections.
    async fn load_connections(
        &self,
        caller: &Caller,
        only: Option<i64>,
    ) -> Result<Vec<SharedConnection>, TeamError> {
        let only = only.unwrap_or(0);
        let rows = sqlx::query(
            "SELECT id, name, owner_id, template, sealed_secrets, key_version, updated_at FROM shared_connections
             WHERE team_id = $1 AND ($2 = 0 OR id = $2) ORDER BY name, id",
        )
        .bind(caller.team_id)
        .bind(only)
        .fetch_all(&self.pool)
        .await?;
        let grants = sqlx::query(
            "SELECT g.connection_id, g.user_id, u.email, k.fingerprint, g.wrapped_key
             FROM connection_grants g JOIN shared_connections c ON c.id = g.connection_id
             JOIN users u ON u.id = g.user_id LEFT JOIN member_keys k ON k.user_id = g.user_id
             WHERE c.team_id = $1 AND ($2 = 0 OR c.id = $2) ORDER BY u.email",
        )
        .bind(caller.team_id)
        .bind(only)
        .fetch_all(&self.pool)
        .await?;
        let mut members: std::collections::HashMap<i64, (Vec<Grantee>, Option<String>)> =
            Default::default();
        for g in &grants {
            let (list, mine) = members.entry(g.try_get(0)?).or_default();
            let user_id: i64 = g.try_get(1)?;
            if user_id == caller.user_id {
                *mine = Some(g.try_get(4)?);
            }
            list.push(Grantee {
                user_id,
                email: g.try_get(2)?,
                fingerprint: g.try_get(3)?,
            });
        }
        let mut visible = Vec::new();
        for row in &rows {
            let id: i64 = row.try_get(0)?;
            let (members, mine) = members.remove(&id).unwrap_or_default();
            if mine.is_none() && caller.role != Role::Admin {
                continue;
            }
            let template: String = row.try_get(3)?;
            visible.push(SharedConnection {
                id,
                name: row.try_get(1)?,
                owner_id: row.try_get(2)?,
                template: serde_json::from_str(&template).unwrap_or(serde_json::Value::Null),
                sealed_secrets: row.try_get(4)?,
                key_version: row.try_get(5)?,
                my_wrapped_key: mine,
                members,
                updated_at: row.try_get(6)?,
            });
        }
        Ok(visible)
    }

    /// Replaces who has access. Adding members keeps the key version; removing
    /// anyone needs the next version with the secrets sealed again.
    pub async fn set_grants(
        &self,
        caller: &Caller,
        id: i64,
        change: &GrantsChange,
    ) -> Result<SharedConnection, TeamError> {
        let current = self.shared_connection(caller, id).await?;
        if current.owner_id != caller.user_id && caller.role != Role::Admin {
            return Err(TeamError::Forbidden {
                needed: "owner of the connection, or admin".into(),
                actual: caller.role.as_str().into(),
            });
        }
        self.check_grants(caller, &change.grants).await?;
        let removed: Vec<i64> = current
            .members
            .iter()
            .map(|m| m.user_id)
            .filter(|u| !change.grants.iter().any(|g| g.user_id == *u))
            .collect();
        let rotating = change.key_version == current.key_version + 1;
        if !rotating && change.key_version != current.key_version {
            return Err(TeamError::Conflict(format!(
                "the connection is at key version {}; send {} to add members or {} to rotate.",
                current.key_version,
                current.key_version,
                current.key_version + 1
            )));
        }
        if !removed.is_empty() && !rotating {
            return Err(TeamError::Conflict(
                "removing a member needs a new key: seal the secrets again and send the next key_version.".into(),
            ));
        }
        let sealed = match (&change.sealed_secrets, rotating) {
            (Some(s), true) if !s.trim().is_empty() => s.clone(),
            (_, true) => {
                return Err(TeamError::InvalidArgument(
                    "rotating needs sealed_secrets sealed with the new key.".into(),
                ));
            }
            (_, false) => current.sealed_secrets.clone(),
        };
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE shared_connections SET sealed_secrets = $1, key_version = $2, updated_at = $3 WHERE id = $4")
            .bind(&sealed)
            .bind(change.key_version)
            .bind(now_ms())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM connection_grants WHERE connection_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        insert_grants(&mut tx, id, &change.grants, caller.user_id).await?;
        tx.commit().await?;
        let members: Vec<i64> = change.grants.iter().map(|g| g.user_id).collect();
        self.audit(Some(caller.team_id), Some(caller.user_id), "connection.access_changed", Some(&format!("connection:{id}")),
            serde_json::json!({"members": members, "removed": removed, "key_version": change.key_version, "rotated": rotating}))
            .await?;
        self.shared_connection(caller, id).await
    }

    /// Stops sharing a connection (its owner or an admin).
    pub async fn unshare_connection(&self, caller: &Caller, id: i64) -> Result<(), TeamError> {
        let current = self.shared_connection(caller, id).await?;
        if current.owner_id != caller.user_id && caller.role != Role::Admin {
            return Err(TeamError::Forbidden {
                needed: "owner of the connection, or admin".into(),
                actual: caller.role.as_str().into(),
            });
        }
        sqlx::query("DELETE FROM shared_connections WHERE id = $1 AND team_id = $2")
            .bind(id)
            .bind(caller.team_id)
            .execute(&self.pool)
            .await?;
        self.audit(
            Some(caller.team_id),
            Some(caller.user_id),
            "connection.unshared",
            Some(&format!("connection:{id}")),
            serde_json::json!({"name": current.name}),
        )
        .await
    }
}
