//! The admin's view of a team: its members, their roles, and who is disabled.
//! Every query is scoped to the caller's team, so another team's member is
//! "not found", never "forbidden".

use sqlx::Row;
use sqlx::any::AnyRow;
pub use team_api::users::{NewUser, User, UserChange};

use crate::accounts::{is_unique_violation, normalize_email};
use crate::{Caller, Role, Team, TeamError, now_ms, password};

const COLUMNS: &str = "id, email, role, disabled, created_at";

/// Adds a member row; an email already in use is `email_taken`. One place for
/// sign-up, admins adding members, and accepted invitations.
pub(crate) async fn insert_user(
    conn: &mut sqlx::AnyConnection,
    team_id: i64,
    email: &str,
    password_hash: &str,
    role: &str,
) -> Result<i64, TeamError> {
    sqlx::query_scalar(
        "INSERT INTO users (team_id, email, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(team_id)
    .bind(email)
    .bind(password_hash)
    .bind(role)
    .bind(now_ms())
    .fetch_one(conn)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            TeamError::EmailTaken(email.to_owned())
        } else {
            e.into()
        }
    })
}

fn user_of(row: &AnyRow) -> Result<User, TeamError> {
    let role: String = row.try_get(2)?;
    Ok(User {
        id: row.try_get(0)?,
        email: row.try_get(1)?,
        role: Role::parse(&role)
            .ok_or_else(|| TeamError::Internal(format!("unknown role {role:?}")))?,
        disabled: row.try_get::<i64, _>(3)? != 0,
        created_at: row.try_get(4)?,
    })
}

impl Team {
    /// The caller's team, by email.
    pub async fn users(&self, caller: &Caller) -> Result<Vec<User>, TeamError> {
        sqlx::query(&format!(
            "SELECT {COLUMNS} FROM users WHERE team_id = $1 ORDER BY email"
        ))
        .bind(caller.team_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(user_of)
        .collect()
    }

    /// Member `id` of the caller's team.
    pub async fn user(&self, caller: &Caller, id: i64) -> Result<User, TeamError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM users WHERE id = $1 AND team_id = $2"
        ))
        .bind(id)
        .bind(caller.team_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| TeamError::NotFound(format!("User {id}")))?;
        user_of(&row)
    }

    /// Adds a member to the caller's team.
    pub async fn create_user(&self, caller: &Caller, input: &NewUser) -> Result<User, TeamError> {
        let email = normalize_email(&input.email)?;
        password::check(&input.password)?;
        let hash = password::hash_off_thread(&input.password).await?;
        let id = insert_user(
            &mut *self.pool.acquire().await?,
            caller.team_id,
            &email,
            &hash,
            input.role.as_str(),
        )
        .await?;
        tracing::info!(
            admin = caller.user_id,
            user_id = id,
            role = input.role.as_str(),
            "user created"
        );
        self.audit(
            Some(caller.team_id),
            Some(caller.user_id),
            "user.created",
            Some(&format!("user:{id}")),
            serde_json::json!({"email": email, "role": input.role}),
        )
        .await?;
        self.user(caller, id).await
    }

    /// Changes a member's role or disables them; the team keeps an active admin.
    pub async fn update_user(
        &self,
        caller: &Caller,
        id: i64,
        change: &UserChange,
    ) -> Result<User, TeamError> {
        let before = self.user(caller, id).await?;
        let role = change.role.unwrap_or(before.role);
        let disabled = change.disabled.unwrap_or(before.disabled);
        if before.role == Role::Admin && !before.disabled && (role != Role::Admin || disabled) {
            self.keep_an_admin(caller, id).await?;
        }
        sqlx::query("UPDATE users SET role = $1, disabled = $2 WHERE id = $3 AND team_id = $4")
            .bind(role.as_str())
            .bind(i64::from(disabled))
            .bind(id)
            .bind(caller.team_id)
            .execute(&self.pool)
            .await?;
        if disabled && !before.disabled {
            self.end_sessions(id).await?;
        }
        tracing::info!(
            admin = caller.user_id,
            user_id = id,
            role = role.as_str(),
            disabled,
            "user changed"
        );
        self.audit(Some(caller.team_id), Some(caller.user_id), "user.changed", Some(&format!("user:{id}")),
            serde_json::json!({"role": role, "disabled": disabled, "was": {"role": before.role, "disabled": before.disabled}}))
            .await?;
        self.user(caller, id).await
    }

    /// Removes a member; the team keeps an active admin.
    pub async fn delete_user(&self, caller: &Caller, id: i64) -> Result<(), TeamError> {
        let before = self.user(caller, id).await?;
        if before.role == Role::Admin && !before.disabled {
            self.keep_an_admin(caller, id).await?;
        }
        sqlx::query("DELETE FROM users WHERE id = $1 AND team_id = $2")
            .bind(id)
            .bind(caller.team_id)
            .execute(&self.pool)
            .await?;
        tracing::info!(admin = caller.user_id, user_id = id, "user deleted");
        self.audit(
            Some(caller.team_id),
            Some(caller.user_id),
            "user.deleted",
            Some(&format!("user:{id}")),
            serde_json::json!({"email": before.email}),
        )
        .await?;
        Ok(())
    }

    async fn keep_an_admin(&self, caller: &Caller, leaving: i64) -> Result<(), TeamError> {
        let others: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM users WHERE team_id = $1 AND role = 'admin' AND disabled = 0 AND id <> $2",
        )
        .bind(caller.team_id)
        .bind(leaving)
        .fetch_one(&self.pool)
        .await?;
        if others == 0 {
            Err(TeamError::LastAdmin)
        } else {
            Ok(())
        }
    }
}
