//! The admin's screens: members and their roles, and each role's query
//! limits. The server decides who may do this (403 for others); these only
//! map the replies for the window.

use serde::{Deserialize, Serialize};
use team_api::{LimitsInput, NewUser, Role, UserChange};
use ts_rs::TS;

use super::TeamLimits;
use crate::{CommandError, CommandResult, ErrorCode, Portal};

/// A member of the team.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct TeamMember {
    #[ts(type = "number")]
    pub id: i64,
    pub email: String,
    /// `admin`, `power` or `basic`.
    pub role: String,
    pub disabled: bool,
}

/// A change to a member; absent fields stay.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct TeamMemberChange {
    pub role: Option<String>,
    pub disabled: Option<bool>,
}

fn role(name: &str) -> CommandResult<Role> {
    Role::parse(name).ok_or_else(|| {
        CommandError::new(
            ErrorCode::InvalidArgument,
            format!("{name:?} is not a role: admin, power or basic."),
        )
    })
}

fn member(u: team_api::User) -> TeamMember {
    TeamMember {
        id: u.id,
        email: u.email,
        role: u.role.as_str().to_owned(),
        disabled: u.disabled,
    }
}

impl Portal {
    /// The team's members.
    pub async fn team_members(&self) -> CommandResult<Vec<TeamMember>> {
        let client = self.team_client().await?;
        Ok(client.users().await?.into_iter().map(member).collect())
    }

    /// Adds a member with an initial password and a role.
    pub async fn team_member_add(
        &self,
        email: String,
        password: String,
        role_name: String,
    ) -> CommandResult<TeamMember> {
        let client = self.team_client().await?;
        let input = NewUser {
            email,
            password,
            role: role(&role_name)?,
        };
        Ok(member(client.add_user(&input).await?))
    }

    /// Changes a member's role, or disables them.
    pub async fn team_member_change(
        &self,
        id: i64,
        change: TeamMemberChange,
    ) -> CommandResult<TeamMember> {
        let client = self.team_client().await?;
        let change = UserChange {
            role: change.role.as_deref().map(role).transpose()?,
            disabled: change.disabled,
        };
        Ok(member(client.change_user(id, &change).await?))
    }

    /// Removes a member from the team.
    pub async fn team_member_remove(&self, id: i64) -> CommandResult<()> {
        Ok(self.team_client().await?.delete_user(id).await?)
    }

    /// Every role's query limits.
    pub async fn team_role_limits(&self) -> CommandResult<Vec<TeamLimits>> {
        let client = self.team_client().await?;
        Ok(client
            .limits()
            .await?
            .iter()
            .map(TeamLimits::from)
            .collect())
    }

    /// Sets one role's query limits.
    pub async fn team_role_limits_set(&self, limits: TeamLimits) -> CommandResult<TeamLimits> {
        let client = self.team_client().await?;
        let input = LimitsInput {
            rows_per_query: limits.rows_per_query,
            queries_per_day: limits.queries_per_day,
            classes: limits.classes,
        };
        let saved = client.set_limits(role(&limits.role)?, &input).await?;
        Ok(TeamLimits::from(&saved))
    }
}
