//! Query limits per role and the admission of one query.

use serde::{Deserialize, Serialize};

use crate::Role;

/// One role's limits (`None`: no limit; no classes: every class).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    /// The role's name (the id of this object).
    pub id: String,
    pub role: Role,
    pub rows_per_query: Option<i64>,
    pub queries_per_day: Option<i64>,
    /// `Resource:Class` names the role may query; empty means all.
    pub classes: Vec<String>,
}

/// New limits for a role.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LimitsInput {
    pub rows_per_query: Option<i64>,
    pub queries_per_day: Option<i64>,
    #[serde(default)]
    pub classes: Vec<String>,
}

/// A query a member is about to run.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QueryPlan {
    pub resource: String,
    pub class: String,
    /// Rows it will fetch (none for a count).
    pub rows: Option<i64>,
}

/// A query let through, and what is left today.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Admission {
    /// Queries left today (none: no daily limit).
    pub remaining_today: Option<i64>,
    pub rows_per_query: Option<i64>,
}
