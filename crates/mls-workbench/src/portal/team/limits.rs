//! A team's query limits on its shared connections, held before the query
//! runs. The classes a role may query and the rows one query may fetch are
//! checked here from what the server last said (so they hold offline); the
//! daily count is the server's (`/v1/queries/admit`), asked when it can be
//! reached. My own connections are never limited.

use team_api::{Me, QueryPlan};
use team_client::TeamClientError;

use crate::{CommandError, CommandResult, ErrorCode, Portal};

impl Portal {
    /// Lets a query of `rows` rows (none: a count or a whole-class sync) on
    /// `resource:class` of connection `connection_id` run, or explains why not.
    pub async fn team_admit(
        &self,
        connection_id: &str,
        resource: &str,
        class: &str,
        rows: Option<i64>,
    ) -> CommandResult<()> {
        let Ok(id) = connection_id.parse::<i64>() else {
            return Ok(()); // the Demo MLS
        };
        let Some(link) = self
            .store
            .team_links()
            .await?
            .into_iter()
            .find(|l| l.connection_id == id)
        else {
            return Ok(());
        };
        if link.mine {
            return Ok(());
        }
        let account = self.signed_in_account().await?;
        let me: Option<Me> = account.me.and_then(|m| serde_json::from_value(m).ok());
        let Some(me) = me else {
            return Err(CommandError::new(
                ErrorCode::TeamSignedOut,
                "This team connection needs the team's limits; sync the team once in Settings → Team.",
            ));
        };
        let role = me.role.as_str();
        let name = format!("{resource}:{class}");
        let limits = &me.limits;
        if !limits.classes.is_empty() && !limits.classes.iter().any(|c| c == &name) {
            return Err(CommandError::new(
                ErrorCode::TeamLimitExceeded,
                format!(
                    "Your team lets the {role} role query only {}; {name} is not one of them. Ask an admin of your team.",
                    limits.classes.join(", ")
                ),
            ));
        }
        if let (Some(max), Some(rows)) = (limits.rows_per_query, rows)
            && rows > max
        {
            return Err(CommandError::new(
                ErrorCode::TeamLimitExceeded,
                format!(
                    "Your team lets the {role} role fetch at most {max} rows per query; this one asks for {rows}. Lower the limit or ask an admin of your team."
                ),
            ));
        }
        let client = self.team_client().await?;
        let plan = QueryPlan {
            resource: resource.to_owned(),
            class: class.to_owned(),
            rows,
        };
        match client.admit(&plan).await {
            Ok(_) => Ok(()),
            // Offline: the limits above held; the daily count waits for the server.
            Err(TeamClientError::Unreachable { url, .. }) => {
                tracing::info!("team server {url} unreachable: query admitted on local limits");
                Ok(())
            }
            Err(e) => Err(e.into()),
        }
    }
}
