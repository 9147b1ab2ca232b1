//! The audit trail: every sign-in (and failed one), sign-out, reset, change of
//! members, roles and limits, and every query admitted or refused, with who
//! did it. Written by the same functions that do the work, in the same
//! database, so no path can skip it; admins read it newest first.

use sqlx::Row;
pub use team_api::audit::AuditEntry;

use crate::{Caller, Team, TeamError, now_ms};

/// Most entries one page holds.
pub const MAX_PAGE: i64 = 500;

impl Team {
    /// Adds an entry to team `team_id`'s trail.
    pub(crate) async fn audit(
        &self,
        team_id: Option<i64>,
        actor_id: Option<i64>,
        action: &str,
        target: Option<&str>,
        detail: serde_json::Value,
    ) -> Result<(), TeamError> {
        sqlx::query("INSERT INTO audit (team_id, actor_id, action, target, detail, at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(team_id)
            .bind(actor_id)
            .bind(action)
            .bind(target)
            .bind(detail.to_string())
            .bind(now_ms())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The caller's team's trail, newest first: `limit` entries (1..=500) older than entry `before`.
    pub async fn audit_trail(
        &self,
        caller: &Caller,
        limit: Option<i64>,
        before: Option<i64>,
    ) -> Result<Vec<AuditEntry>, TeamError> {
        let limit = limit.unwrap_or(100);
        if !(1..=MAX_PAGE).contains(&limit) {
            return Err(TeamError::InvalidArgument(format!(
                "limit is 1 to {MAX_PAGE}, not {limit}."
            )));
        }
        let rows = sqlx::query(
            "SELECT a.id, a.at, a.actor_id, u.email, a.action, a.target, a.detail
             FROM audit a LEFT JOIN users u ON u.id = a.actor_id
             WHERE a.team_id = $1 AND a.id < $2 ORDER BY a.id DESC LIMIT $3",
        )
        .bind(caller.team_id)
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let detail: String = r.try_get(6)?;
                Ok(AuditEntry {
                    id: r.try_get(0)?,
                    at: r.try_get(1)?,
                    actor_id: r.try_get(2)?,
                    actor_email: r.try_get(3)?,
                    action: r.try_get(4)?,
                    target: r.try_get(5)?,
                    detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null),
                })
            })
            .collect()
    }
}
