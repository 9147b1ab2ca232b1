//! Roles in a team and what a route requires.

use serde::{Deserialize, Serialize};

/// A member's role: Admin manages users, roles and limits; Power creates and
/// shares connections, templates and saved queries; Basic uses what is shared.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Basic,
    Power,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Basic => "basic",
            Role::Power => "power",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "basic" => Some(Role::Basic),
            "power" => Some(Role::Power),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// Who may call a route (the OpenAPI document's `x-required-role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in member, whatever the role.
    Authenticated,
    /// At least this role.
    Role(Role),
}

impl Access {
    pub fn as_str(self) -> &'static str {
        match self {
            Access::Public => "public",
            Access::Authenticated => "authenticated",
            Access::Role(r) => r.as_str(),
        }
    }

    /// Whether a member with `role` may call.
    pub fn allows(self, role: Role) -> bool {
        match self {
            Access::Public | Access::Authenticated => true,
            Access::Role(needed) => role >= needed,
        }
    }
}
