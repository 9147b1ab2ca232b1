//! Shared connections: member keys, sealed secrets and the wraps of each connection key.

use serde::{Deserialize, Serialize};

/// A member's published public key.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberKeyInfo {
    /// The member's user id.
    pub id: i64,
    pub email: String,
    /// age X25519 recipient (`age1…`).
    pub public_key: String,
    /// Compare it with the member before granting access.
    pub fingerprint: String,
}

/// The connection key wrapped for one member.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grant {
    pub user_id: i64,
    pub wrapped_key: String,
}

/// A connection to share.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewSharedConnection {
    pub name: String,
    /// Login URL, user name, RETS version, user agent, vendor template…: no secrets.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub template: serde_json::Value,
    /// The secrets, sealed with the connection key (base64).
    pub sealed_secrets: String,
    /// The connection key wrapped for each member allowed (the sharer included).
    pub grants: Vec<Grant>,
}

/// New grants, possibly with a new key.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GrantsChange {
    /// The current version to add members, the next one to rotate.
    pub key_version: i64,
    /// The secrets sealed with the new key (required when rotating).
    pub sealed_secrets: Option<String>,
    /// Every member who keeps or gets access, with the key wrapped for them.
    pub grants: Vec<Grant>,
}

/// A member with access.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grantee {
    pub user_id: i64,
    pub email: String,
    pub fingerprint: Option<String>,
}

/// A shared connection as the caller sees it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedConnection {
    pub id: i64,
    pub name: String,
    pub owner_id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub template: serde_json::Value,
    pub sealed_secrets: String,
    pub key_version: i64,
    /// The key wrapped for the caller (none for an admin without access).
    pub my_wrapped_key: Option<String>,
    pub members: Vec<Grantee>,
    pub updated_at: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PublicKey {
    /// age X25519 recipient (`age1…`); the private half stays on the desktop.
    pub public_key: String,
}
