//! The audit trail as admins read it.

use serde::{Deserialize, Serialize};

/// One entry.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// Unix milliseconds.
    pub at: i64,
    /// Who did it (none for an unknown caller, e.g. a failed sign-in).
    pub actor_id: Option<i64>,
    pub actor_email: Option<String>,
    /// What happened, e.g. `session.started`, `user.changed`, `query.refused`.
    pub action: String,
    /// What it was done to (`user:7`, `role:basic`, `Property:Residential`).
    pub target: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub detail: serde_json::Value,
}
