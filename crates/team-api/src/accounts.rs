//! Signing up, in and out, password resets and a member's own profile.

use serde::{Deserialize, Serialize};

use crate::Role;

/// A new team with its first admin.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Signup {
    pub email: String,
    pub password: String,
    pub team_name: String,
}

/// A member's view of themself.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Me {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub team: TeamInfo,
    /// What my role may query (the desktop explains a refusal before asking).
    pub limits: crate::limits::Limits,
    /// Theme, default connection, export defaults…: whatever the desktop syncs.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub preferences: serde_json::Value,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TeamInfo {
    pub id: i64,
    pub name: String,
}

/// A new pair of tokens.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    pub token_type: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Login {
    pub email: String,
    pub password: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Refresh {
    pub refresh_token: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResetRequest {
    pub email: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResetConfirm {
    /// The code from the reset mail.
    pub token: String,
    pub new_password: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Accepted {
    pub status: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeChange {
    /// Keys to set (theme, default connection, export defaults…); `null` removes a key.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub preferences: serde_json::Value,
}
