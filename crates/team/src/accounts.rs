//! Signing up, signing in and out, and a member's own profile.

use sqlx::Row;
pub use team_api::accounts::{Me, Signup, TeamInfo};

use crate::tokens::Tokens;
use crate::{Caller, Role, Team, TeamError, now_ms, password};

/// Failed sign-ins in a row that lock an account.
pub const MAX_FAILED_LOGINS: i64 = 5;
/// How long a locked account stays locked.
pub const LOCK_MINUTES: i64 = 15;
/// Largest preferences document kept.
const MAX_PREFERENCES_BYTES: usize = 16 * 1024;

/// Tokens of a new session.
pub type Session = Tokens;

/// `email` trimmed and lower-cased, or why it is not an email address.
pub fn normalize_email(email: &str) -> Result<String, TeamError> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.starts_with('.')
        })
        && !email.chars().any(char::is_whitespace);
    if valid {
        Ok(email)
    } else {
        Err(TeamError::InvalidArgument(format!(
            "{email:?} is not an email address."
        )))
    }
}

pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .is_some_and(|d| d.is_unique_violation())
}

impl Team {
    /// Creates a team with the caller as its admin, and signs them in.
    pub async fn signup(&self, input: &Signup) -> Result<Session, TeamError> {
        let email = normalize_email(&input.email)?;
        password::check(&input.password)?;
        let team_name = input.team_name.trim();
        if team_name.is_empty() || team_name.chars().count() > 100 {
            return Err(TeamError::InvalidArgument(
                "A team name has 1 to 100 characters.".into(),
            ));
        }
        if !self.settings.open_signup {
            let teams: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM teams")
                .fetch_one(&self.pool)
                .await?;
            if teams > 0 {
                return Err(TeamError::SignupClosed);
            }
        }
        let hash = password::hash_off_thread(&input.password).await?;
        let mut tx = self.pool.begin().await?;
        let team_id: i64 =
            sqlx::query_scalar("INSERT INTO teams (name, created_at) VALUES ($1, $2) RETURNING id")
                .bind(team_name)
                .bind(now_ms())
                .fetch_one(&mut *tx)
                .await?;
        let user_id =
            crate::users::insert_user(&mut tx, team_id, &email, &hash, Role::Admin.as_str())
                .await?;
        tx.commit().await?;
        tracing::info!(user_id, team_id, "team created");
        self.audit(
            Some(team_id),
            Some(user_id),
            "team.created",
            Some(&format!("team:{team_id}")),
            serde_json::json!({"name": team_name}),
        )
        .await?;
        self.issue(user_id, team_id, None).await
    }

    /// Signs in with email and password. Five failures in a row lock the
    /// account for a quarter of an hour (a correct password does not open it
    /// early, so the lock cannot be used to test passwords).
    pub async fn login(&self, email: &str, password: &str) -> Result<Session, TeamError> {
        let email = email.trim().to_lowercase();
        let row = sqlx::query(
            "SELECT id, team_id, password_hash, disabled, failed_logins, locked_until FROM users WHERE email = $1",
        )
        .bind(&email)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            password::verify_off_thread(password, password::decoy()).await;
            // Not audited: no team's trail could show it, and anyone could grow the table.
            return Err(TeamError::InvalidCredentials);
        };
        let user_id: i64 = row.try_get(0)?;
        let team_id: i64 = row.try_get(1)?;
        let hash: String = row.try_get(2)?;
        let disabled: i64 = row.try_get(3)?;
        let failed: i64 = row.try_get(4)?;
        let locked_until: i64 = row.try_get(5)?;
        let now = now_ms();
        let target = format!("user:{user_id}");
        if locked_until > now {
            self.audit(
                Some(team_id),
                None,
                "login.refused",
                Some(&target),
                serde_json::json!({"reason": "locked"}),
            )
            .await?;
            return Err(TeamError::LoginLocked {
                minutes: (locked_until - now + 59_999) / 60_000,
            });
        }
        if !password::verify_off_thread(password, &hash).await {
            let failed = failed + 1;
            let (failed, locked_until) = if failed >= MAX_FAILED_LOGINS {
                tracing::warn!(user_id, "account locked after repeated failed sign-ins");
                self.audit(
                    Some(team_id),
                    None,
                    "account.locked",
                    Some(&target),
                    serde_json::json!({"minutes": LOCK_MINUTES}),
                )
                .await?;
                (0, now + LOCK_MINUTES * 60_000)
            } else {
                (failed, 0)
            };
            self.audit(
                Some(team_id),
                None,
                "login.failed",
                Some(&target),
                serde_json::json!({"reason": "wrong password"}),
            )
            .await?;
            sqlx::query("UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3")
                .bind(failed)
                .bind(locked_until)
                .bind(user_id)
                .execute(&self.pool)
                .await?;
            return Err(TeamError::InvalidCredentials);
        }
        if disabled != 0 {
            self.audit(
                Some(team_id),
                None,
                "login.refused",
                Some(&target),
                serde_json::json!({"reason": "disabled"}),
            )
            .await?;
            return Err(TeamError::InvalidCredentials);
        }
        sqlx::query("UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = $1")
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        self.audit(
            Some(team_id),
            Some(user_id),
            "session.started",
            Some(&target),
            serde_json::json!({"by": "password"}),
        )
        .await?;
        self.issue_session(user_id, team_id).await
    }

    /// A new session for a member whose identity another way has proven (the
    /// seam for OpenID Connect sign-in).
    pub async fn issue_session(&self, user_id: i64, team_id: i64) -> Result<Session, TeamError> {
        self.issue(user_id, team_id, None).await
    }

    /// Signs out of the caller's session: its refresh token and access tokens
    /// stop working; the member's other devices stay signed in.
    pub async fn logout(&self, caller: &Caller) -> Result<(), TeamError> {
        self.end_family(&caller.session).await?;
        self.audit(
            Some(caller.team_id),
            Some(caller.user_id),
            "session.ended",
            None,
            serde_json::json!({}),
        )
        .await
    }

    /// The caller's profile.
    pub async fn me(&self, caller: &Caller) -> Result<Me, TeamError> {
        let row = sqlx::query(
            "SELECT u.preferences, t.name FROM users u JOIN teams t ON t.id = u.team_id WHERE u.id = $1",
        )
        .bind(caller.user_id)
        .fetch_one(&self.pool)
        .await?;
        let preferences: String = row.try_get(0)?;
        Ok(Me {
            id: caller.user_id,
            email: caller.email.clone(),
            role: caller.role,
            team: TeamInfo {
                id: caller.team_id,
                name: row.try_get(1)?,
            },
            limits: self.limits_for(caller.team_id, caller.role).await?,
            preferences: serde_json::from_str(&preferences)
                .unwrap_or_else(|_| serde_json::json!({})),
        })
    }

    /// Merges `preferences` (a JSON object; `null` values remove keys) into the caller's.
    pub async fn update_preferences(
        &self,
        caller: &Caller,
        preferences: &serde_json::Value,
    ) -> Result<Me, TeamError> {
        let changes = preferences.as_object().ok_or_else(|| {
            TeamError::InvalidArgument("preferences must be a JSON object.".into())
        })?;
        let mut me = self.me(caller).await?;
        let current = me
            .preferences
            .as_object_mut()
            .ok_or_else(|| TeamError::Internal("stored preferences are not an object".into()))?;
        for (key, value) in changes {
            if value.is_null() {
                current.remove(key);
            } else {
                current.insert(key.clone(), value.clone());
            }
        }
        let text = serde_json::to_string(&me.preferences)
            .map_err(|e| TeamError::Internal(e.to_string()))?;
        if text.len() > MAX_PREFERENCES_BYTES {
            return Err(TeamError::InvalidArgument(format!(
                "Preferences hold at most {MAX_PREFERENCES_BYTES} bytes."
            )));
        }
        sqlx::query("UPDATE users SET preferences = $1 WHERE id = $2")
            .bind(&text)
            .bind(caller.user_id)
            .execute(&self.pool)
            .await?;
        Ok(me)
    }
}
