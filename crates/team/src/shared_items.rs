//! Templates (vendor settings without secrets) and saved queries a team
//! shares in clear. Power members and admins publish and change them; every
//! member reads them. Each change bumps a version, and a change made against
//! an older version is refused, so an edit made on another machine is never
//! silently overwritten.

use sqlx::Row;
use sqlx::any::AnyRow;
pub use team_api::items::{ItemInput, ItemKind, SharedItem};

use crate::accounts::is_unique_violation;
use crate::{Caller, Role, Team, TeamError, now_ms};

const COLUMNS: &str = "id, kind, name, body, owner_id, version, updated_at";

fn item_of(r: &AnyRow) -> Result<SharedItem, TeamError> {
    let kind: String = r.try_get(1)?;
    let body: String = r.try_get(3)?;
    Ok(SharedItem {
        id: r.try_get(0)?,
        kind: if kind == "template" {
            ItemKind::Template
        } else {
            ItemKind::SavedQuery
        },
        name: r.try_get(2)?,
        body: serde_json::from_str(&body).unwrap_or(serde_json::Value::Null),
        owner_id: r.try_get(4)?,
        version: r.try_get(5)?,
        updated_at: r.try_get(6)?,
    })
}

fn check(input: &ItemInput, kind: ItemKind) -> Result<String, TeamError> {
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(TeamError::InvalidArgument(
            "A name has 1 to 200 characters.".into(),
        ));
    }
    let body = input
        .body
        .as_object()
        .ok_or_else(|| TeamError::InvalidArgument("body must be a JSON object.".into()))?;
    // Secrets never travel in clear: templates carry none.
    if kind == ItemKind::Template
        && let Some(key) = body.keys().find(|k| {
            let k = k.to_lowercase();
            k.contains("password") || k.contains("secret") || k.contains("token")
        })
    {
        return Err(TeamError::InvalidArgument(format!(
            "a template is shared in clear and cannot hold {key:?}; share the connection instead (its secrets are encrypted)."
        )));
    }
    if input.body.to_string().len() > 65_536 {
        return Err(TeamError::InvalidArgument(
            "body holds at most 64 KiB.".into(),
        ));
    }
    Ok(name.to_owned())
}

impl Team {
    /// The team's items of `kind`, by name.
    pub async fn shared_items(
        &self,
        caller: &Caller,
        kind: ItemKind,
    ) -> Result<Vec<SharedItem>, TeamError> {
        sqlx::query(&format!(
            "SELECT {COLUMNS} FROM shared_items WHERE team_id = $1 AND kind = $2 ORDER BY name"
        ))
        .bind(caller.team_id)
        .bind(kind.as_str())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(item_of)
        .collect()
    }

    async fn shared_item(
        &self,
        caller: &Caller,
        kind: ItemKind,
        id: i64,
    ) -> Result<SharedItem, TeamError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM shared_items WHERE id = $1 AND team_id = $2 AND kind = $3"
        ))
        .bind(id)
        .bind(caller.team_id)
        .bind(kind.as_str())
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| {
            TeamError::NotFound(format!("Shared {} {id}", kind.as_str().replace('_', " ")))
        })?;
        item_of(&row)
    }

    /// Publishes an item.
    pub async fn share_item(
        &self,
        caller: &Caller,
        kind: ItemKind,
        input: &ItemInput,
    ) -> Result<SharedItem, TeamError> {
        let name = check(input, kind)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO shared_items (team_id, kind, name, body, owner_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(caller.team_id)
        .bind(kind.as_str())
        .bind(&name)
        .bind(input.body.to_string())
        .bind(caller.user_id)
        .bind(now_ms())
        .fetch_one(&self.pool)
        .await
        .map_err(|e| {
            if is_unique_violation(&e) {
                TeamError::Conflict(format!("the team already shares a {} named {name:?}.", kind.as_str().replace('_', " ")))
            } else {
                e.into()
            }
        })?;
        self.audit(
            Some(caller.team_id),
            Some(caller.user_id),
            &format!("{}.shared", kind.as_str()),
            Some(&format!("{}:{id}", kind.as_str())),
            serde_json::json!({"name": name}),
        )
        .await?;
        self.shared_item(caller, kind, id).await
    }

    /// Changes an item made on `input.version` (409 when it moved since).
    pub async fn change_item(
        &self,
        caller: &Caller,
        kind: ItemKind,
        id: i64,
        input: &ItemInput,
    ) -> Result<SharedItem, TeamError> {
        let name = check(input, kind)?;
        let current = self.shared_item(caller, kind, id).await?;
        self.may_change(caller, &current)?;
        let version = input.version.ok_or_else(|| {
            TeamError::InvalidArgument("send the version the change was made on.".into())
        })?;
        let changed = sqlx::query(
            "UPDATE shared_items SET name = $1, body = $2, version = version + 1, updated_at = $3
             WHERE id = $4 AND team_id = $5 AND version = $6",
        )
        .bind(&name)
        .bind(input.body.to_string())
        .bind(now_ms())
        .bind(id)
        .bind(caller.team_id)
        .bind(version)
        .execute(&self.pool)
        .await
        .map_err(|e| {
            if is_unique_violation(&e) {
                TeamError::Conflict(format!("another shared item is named {name:?}."))
            } else {
                e.into()
            }
        })?
        .rows_affected();
        if changed == 0 {
            return Err(TeamError::Conflict(format!(
                "{name:?} changed since version {version} (it is at version {}); reload it and make the change again.",
                current.version
            )));
        }
        self.audit(
            Some(caller.team_id),
            Some(caller.user_id),
            &format!("{}.changed", kind.as_str()),
            Some(&format!("{}:{id}", kind.as_str())),
            serde_json::json!({"name": name, "version": version + 1}),
        )
        .await?;
        self.shared_item(caller, kind, id).await
    }

    /// Stops sharing an item.
    pub async fn delete_item(
        &self,
        caller: &Caller,
        kind: ItemKind,
        id: i64,
    ) -> Result<(), TeamError> {
        let current = self.shared_item(caller, kind, id).await?;
        self.may_change(caller, &current)?;
        sqlx::query("DELETE FROM shared_items WHERE id = $1 AND team_id = $2")
            .bind(id)
            .bind(caller.team_id)
            .execute(&self.pool)
            .await?;
        self.audit(
            Some(caller.team_id),
            Some(caller.user_id),
            &format!("{}.deleted", kind.as_str()),
            Some(&format!("{}:{id}", kind.as_str())),
            serde_json::json!({"name": current.name}),
        )
        .await
    }

    /// Its owner, an admin, or any Power member may change an item.
    fn may_change(&self, caller: &Caller, item: &SharedItem) -> Result<(), TeamError> {
        if item.owner_id == caller.user_id || caller.role >= Role::Power {
            Ok(())
        } else {
            Err(TeamError::Forbidden {
                needed: "power".into(),
                actual: caller.role.as_str().into(),
            })
        }
    }
}
