//! Query limits per role, set by the team's admins: rows one query may fetch,
//! queries a member may run per day (UTC), and the classes a role may query.
//! The server counts queries, so the daily limit holds across every desktop
//! and server process; desktops get their limits with `/v1/me` to explain a
//! refusal before asking.

use sqlx::Row;
pub use team_api::limits::{Admission, Limits, LimitsInput, QueryPlan};

use crate::{Caller, Role, Team, TeamError, now_ms};

/// Limits a new team starts with: Admins unlimited, Power generous, Basic modest.
pub fn default_limits(role: Role) -> Limits {
    let (rows, per_day) = match role {
        Role::Admin => (None, None),
        Role::Power => (Some(100_000), Some(2_000)),
        Role::Basic => (Some(10_000), Some(200)),
    };
    Limits {
        id: role.as_str().to_owned(),
        role,
        rows_per_query: rows,
        queries_per_day: per_day,
        classes: Vec::new(),
    }
}

const DAY_MS: i64 = 86_400_000;

impl Team {
    /// The limits of `role` in team `team_id`.
    pub async fn limits_for(&self, team_id: i64, role: Role) -> Result<Limits, TeamError> {
        let row = sqlx::query(
            "SELECT rows_per_query, queries_per_day, classes FROM role_limits WHERE team_id = $1 AND role = $2",
        )
        .bind(team_id)
        .bind(role.as_str())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(default_limits(role));
        };
        let classes: String = row.try_get(2)?;
        Ok(Limits {
            id: role.as_str().to_owned(),
            role,
            rows_per_query: row.try_get(0)?,
            queries_per_day: row.try_get(1)?,
            classes: serde_json::from_str(&classes).unwrap_or_default(),
        })
    }

    /// Every role's limits in the caller's team.
    pub async fn limits(&self, caller: &Caller) -> Result<Vec<Limits>, TeamError> {
        let mut all = Vec::new();
        for role in [Role::Admin, Role::Power, Role::Basic] {
            all.push(self.limits_for(caller.team_id, role).await?);
        }
        Ok(all)
    }

    /// Sets the limits of `role` in the caller's team.
    pub async fn set_limits(
        &self,
        caller: &Caller,
        role: Role,
        input: &LimitsInput,
    ) -> Result<Limits, TeamError> {
        for (name, value) in [
            ("rows_per_query", input.rows_per_query),
            ("queries_per_day", input.queries_per_day),
        ] {
            if value.is_some_and(|v| v < 0) {
                return Err(TeamError::InvalidArgument(format!(
                    "{name} cannot be negative."
                )));
            }
        }
        let classes: Vec<String> = input.classes.iter().map(|c| c.trim().to_owned()).collect();
        if let Some(bad) = classes.iter().find(|c| {
            c.split_once(':')
                .is_none_or(|(r, k)| r.is_empty() || k.is_empty())
        }) {
            return Err(TeamError::InvalidArgument(format!(
                "{bad:?} is not a class; write Resource:Class, e.g. Property:Residential."
            )));
        }
        sqlx::query(
            "INSERT INTO role_limits (team_id, role, rows_per_query, queries_per_day, classes) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (team_id, role) DO UPDATE SET rows_per_query = excluded.rows_per_query,
               queries_per_day = excluded.queries_per_day, classes = excluded.classes",
        )
        .bind(caller.team_id)
        .bind(role.as_str())
        .bind(input.rows_per_query)
        .bind(input.queries_per_day)
        .bind(serde_json::to_string(&classes).map_err(|e| TeamError::Internal(e.to_string()))?)
        .execute(&self.pool)
        .await?;
        tracing::info!(
            admin = caller.user_id,
            role = role.as_str(),
            "query limits changed"
        );
        self.audit(Some(caller.team_id), Some(caller.user_id), "limits.changed", Some(&format!("role:{}", role.as_str())),
            serde_json::json!({"rows_per_query": input.rows_per_query, "queries_per_day": input.queries_per_day, "classes": classes}))
            .await?;
        self.limits_for(caller.team_id, role).await
    }

    /// Lets a query through under the caller's limits, counting it against
    /// today's; refuses with a message that says which limit and what it is.
    pub async fn admit_query(
        &self,
        caller: &Caller,
        plan: &QueryPlan,
    ) -> Result<Admission, TeamError> {
        let limits = self.limits_for(caller.team_id, caller.role).await?;
        let role = caller.role.as_str();
        let class = format!("{}:{}", plan.resource.trim(), plan.class.trim());
        if !limits.classes.is_empty() && !limits.classes.contains(&class) {
            return self
                .refuse(
                    caller,
                    &class,
                    format!(
                        "{role} members may query {}, not {class}.",
                        limits.classes.join(", ")
                    ),
                )
                .await;
        }
        if let (Some(rows), Some(max)) = (plan.rows, limits.rows_per_query)
            && rows > max
        {
            return self.refuse(caller, &class, format!(
                "A query may fetch at most {max} rows for {role} members; this one asks for {rows}."
            )).await;
        }
        let day = now_ms() / DAY_MS;
        let used: i64 = sqlx::query_scalar(
            "INSERT INTO query_usage (user_id, day, queries) VALUES ($1, $2, 1)
             ON CONFLICT (user_id, day) DO UPDATE SET queries = query_usage.queries + 1 RETURNING queries",
        )
        .bind(caller.user_id)
        .bind(day)
        .fetch_one(&self.pool)
        .await?;
        if let Some(max) = limits.queries_per_day
            && used > max
        {
            sqlx::query(
                "UPDATE query_usage SET queries = queries - 1 WHERE user_id = $1 AND day = $2",
            )
            .bind(caller.user_id)
            .bind(day)
            .execute(&self.pool)
            .await?;
            return self.refuse(caller, &class, format!(
                "{role} members may run {max} queries a day; you have run them all today (the count starts again at 00:00 UTC)."
            )).await;
        }
        self.audit(
            Some(caller.team_id),
            Some(caller.user_id),
            "query.admitted",
            Some(&class),
            serde_json::json!({"rows": plan.rows, "today": used}),
        )
        .await?;
        Ok(Admission {
            remaining_today: limits.queries_per_day.map(|max| max - used),
            rows_per_query: limits.rows_per_query,
        })
    }

    async fn refuse(
        &self,
        caller: &Caller,
        class: &str,
        why: String,
    ) -> Result<Admission, TeamError> {
        self.audit(
            Some(caller.team_id),
            Some(caller.user_id),
            "query.refused",
            Some(class),
            serde_json::json!({"reason": why}),
        )
        .await?;
        Err(TeamError::LimitExceeded(why))
    }
}
