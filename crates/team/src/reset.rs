//! Password reset: a single-use code, mailed by the server, that expires in an
//! hour. Using it sets the new password and ends every session of the member
//! (a reset is what someone does when they think an account was taken).

use sqlx::Row;

use crate::tokens::{digest, random_token};
use crate::{Team, TeamError, now_ms, password};

/// Minutes a reset code stays valid.
pub const RESET_MINUTES: i64 = 60;
/// A member gets at most one reset mail in this many seconds (no mail bombing).
const RESET_INTERVAL_SECONDS: i64 = 60;

/// A reset to mail: to whom, and the code.
#[derive(Debug, Clone)]
pub struct ResetMail {
    pub email: String,
    pub code: String,
}

impl Team {
    /// A reset code for the active member with `email`; `None` when there is
    /// none (or one was sent a moment ago). Callers answer alike either way,
    /// so the reply does not tell who has an account.
    pub async fn start_password_reset(&self, email: &str) -> Result<Option<ResetMail>, TeamError> {
        let email = email.trim().to_lowercase();
        let row = sqlx::query("SELECT id, team_id FROM users WHERE email = $1 AND disabled = 0")
            .bind(&email)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let user_id: i64 = row.try_get(0)?;
        let team_id: i64 = row.try_get(1)?;
        let now = now_ms();
        let recent: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM password_resets WHERE user_id = $1 AND created_at > $2",
        )
        .bind(user_id)
        .bind(now - RESET_INTERVAL_SECONDS * 1000)
        .fetch_one(&self.pool)
        .await?;
        if recent > 0 {
            return Ok(None);
        }
        let code = random_token();
        sqlx::query(
            "INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(user_id)
        .bind(digest(&code))
        .bind(now)
        .bind(now + RESET_MINUTES * 60_000)
        .execute(&self.pool)
        .await?;
        tracing::info!(user_id, "password reset requested");
        self.audit(
            Some(team_id),
            None,
            "password.reset_requested",
            Some(&format!("user:{user_id}")),
            serde_json::json!({}),
        )
        .await?;
        Ok(Some(ResetMail { email, code }))
    }

    /// Sets a new password with a reset code; every session of the member ends.
    pub async fn confirm_password_reset(
        &self,
        code: &str,
        new_password: &str,
    ) -> Result<(), TeamError> {
        password::check(new_password)?;
        let invalid =
            || TeamError::InvalidToken("this reset code is unknown, used or expired".into());
        let row = sqlx::query(
            "SELECT id, user_id, expires_at, used_at FROM password_resets WHERE token_hash = $1",
        )
        .bind(digest(code.trim()))
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(invalid)?;
        let id: i64 = row.try_get(0)?;
        let user_id: i64 = row.try_get(1)?;
        let expires_at: i64 = row.try_get(2)?;
        let used_at: Option<i64> = row.try_get(3)?;
        if used_at.is_some() || expires_at < now_ms() {
            return Err(invalid());
        }
        // Used up atomically: of two concurrent confirmations, one wins.
        let claimed = sqlx::query(
            "UPDATE password_resets SET used_at = $1 WHERE id = $2 AND used_at IS NULL",
        )
        .bind(now_ms())
        .bind(id)
        .execute(&self.pool)
        .await?
        .rows_affected();
        if claimed == 0 {
            return Err(invalid());
        }
        let hash = password::hash_off_thread(new_password).await?;
        sqlx::query("UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = 0 WHERE id = $2")
            .bind(&hash)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        // Other codes of the member are spent too.
        sqlx::query(
            "UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL",
        )
        .bind(now_ms())
        .bind(user_id)
        .execute(&self.pool)
        .await?;
        self.end_sessions(user_id).await?;
        tracing::info!(user_id, "password reset; every session ended");
        let team_id: i64 = sqlx::query_scalar("SELECT team_id FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&self.pool)
            .await?;
        self.audit(
            Some(team_id),
            Some(user_id),
            "password.reset",
            Some(&format!("user:{user_id}")),
            serde_json::json!({}),
        )
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::db::Settings;
    use crate::{Signup, Team, TeamError};

    #[tokio::test]
    async fn a_code_works_once_and_only_before_it_expires() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let team = Team::open(&url, Settings::default()).await.unwrap();
        team.signup(&Signup {
            email: "ana@example.com".into(),
            password: "a long password".into(),
            team_name: "Ana".into(),
        })
        .await
        .unwrap();
        assert!(
            team.start_password_reset("nobody@example.com")
                .await
                .unwrap()
                .is_none()
        );
        let mail = team
            .start_password_reset(" Ana@Example.com")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(mail.email, "ana@example.com");
        assert!(
            team.start_password_reset("ana@example.com")
                .await
                .unwrap()
                .is_none(),
            "one mail a minute"
        );
        team.confirm_password_reset(&mail.code, "a brand new password")
            .await
            .unwrap();
        let again = team
            .confirm_password_reset(&mail.code, "yet another password")
            .await;
        assert!(matches!(again, Err(TeamError::InvalidToken(_))));
        assert!(
            team.login("ana@example.com", "a brand new password")
                .await
                .is_ok()
        );

        // An expired code is refused.
        sqlx::query("UPDATE password_resets SET created_at = 0")
            .execute(&team.pool)
            .await
            .unwrap();
        let late = team
            .start_password_reset("ana@example.com")
            .await
            .unwrap()
            .unwrap();
        sqlx::query("UPDATE password_resets SET expires_at = 1 WHERE used_at IS NULL")
            .execute(&team.pool)
            .await
            .unwrap();
        let expired = team
            .confirm_password_reset(&late.code, "a third new password")
            .await;
        assert!(matches!(expired, Err(TeamError::InvalidToken(_))));
    }
}
