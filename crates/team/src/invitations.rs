//! Invitations: an admin invites an address with a role; the server mails a
//! single-use code valid for a week; accepting it with a password creates the
//! member and signs them in. The admin never sets or sees the password.

use sqlx::Row;
pub use team_api::users::{Invitation, NewInvitation};

use crate::accounts::{Session, normalize_email};
use crate::tokens::{digest, random_token};
use crate::{Caller, Role, Team, TeamError, now_ms, password};

/// Days an invitation stays valid.
pub const INVITATION_DAYS: i64 = 7;

/// An invitation and the code to mail (only the mail carries it).
#[derive(Debug, Clone)]
pub struct InvitationMail {
    pub invitation: Invitation,
    pub team_name: String,
    pub code: String,
}

impl Team {
    /// Invites `input.email` into the caller's team.
    pub async fn invite(
        &self,
        caller: &Caller,
        input: &NewInvitation,
    ) -> Result<InvitationMail, TeamError> {
        let email = normalize_email(&input.email)?;
        let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1")
            .bind(&email)
            .fetch_one(&self.pool)
            .await?;
        if taken > 0 {
            return Err(TeamError::EmailTaken(email));
        }
        let code = random_token();
        let now = now_ms();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO invitations (team_id, email, role, token_hash, invited_by, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(caller.team_id)
        .bind(&email)
        .bind(input.role.as_str())
        .bind(digest(&code))
        .bind(caller.user_id)
        .bind(now)
        .bind(now + INVITATION_DAYS * 86_400_000)
        .fetch_one(&self.pool)
        .await?;
        let team_name: String = sqlx::query_scalar("SELECT name FROM teams WHERE id = $1")
            .bind(caller.team_id)
            .fetch_one(&self.pool)
            .await?;
        self.audit(
            Some(caller.team_id),
            Some(caller.user_id),
            "invitation.sent",
            Some(&format!("invitation:{id}")),
            serde_json::json!({"email": email, "role": input.role}),
        )
        .await?;
        Ok(InvitationMail {
            invitation: Invitation {
                id,
                email,
                role: input.role,
                invited_by: caller.user_id,
                created_at: now,
                expires_at: now + INVITATION_DAYS * 86_400_000,
            },
            team_name,
            code,
        })
    }

    /// Invitations of the caller's team not accepted yet and not expired.
    pub async fn pending_invitations(&self, caller: &Caller) -> Result<Vec<Invitation>, TeamError> {
        let rows = sqlx::query(
            "SELECT id, email, role, invited_by, created_at, expires_at FROM invitations
             WHERE team_id = $1 AND accepted_at IS NULL AND expires_at > $2 ORDER BY id",
        )
        .bind(caller.team_id)
        .bind(now_ms())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let role: String = r.try_get(2)?;
                Ok(Invitation {
                    id: r.try_get(0)?,
                    email: r.try_get(1)?,
                    role: Role::parse(&role)
                        .ok_or_else(|| TeamError::Internal(format!("unknown role {role:?}")))?,
                    invited_by: r.try_get(3)?,
                    created_at: r.try_get(4)?,
                    expires_at: r.try_get(5)?,
                })
            })
            .collect()
    }

    /// Accepts an invitation: the member is created with `new_password` and signed in.
    pub async fn accept_invitation(
        &self,
        code: &str,
        new_password: &str,
    ) -> Result<Session, TeamError> {
        password::check(new_password)?;
        let invalid =
            || TeamError::InvalidToken("this invitation is unknown, used or expired".into());
        let row = sqlx::query(
            "SELECT id, team_id, email, role, expires_at, accepted_at FROM invitations WHERE token_hash = $1",
        )
        .bind(digest(code.trim()))
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(invalid)?;
        let id: i64 = row.try_get(0)?;
        let team_id: i64 = row.try_get(1)?;
        let email: String = row.try_get(2)?;
        let role: String = row.try_get(3)?;
        let expires_at: i64 = row.try_get(4)?;
        let accepted_at: Option<i64> = row.try_get(5)?;
        if accepted_at.is_some() || expires_at < now_ms() {
            return Err(invalid());
        }
        let hash = password::hash_off_thread(new_password).await?;
        let mut tx = self.pool.begin().await?;
        let claimed = sqlx::query(
            "UPDATE invitations SET accepted_at = $1 WHERE id = $2 AND accepted_at IS NULL",
        )
        .bind(now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed == 0 {
            return Err(invalid());
        }
        let user_id = crate::users::insert_user(&mut tx, team_id, &email, &hash, &role).await?;
        tx.commit().await?;
        self.audit(
            Some(team_id),
            Some(user_id),
            "invitation.accepted",
            Some(&format!("user:{user_id}")),
            serde_json::json!({"email": email, "role": role}),
        )
        .await?;
        self.issue_session(user_id, team_id).await
    }
}
