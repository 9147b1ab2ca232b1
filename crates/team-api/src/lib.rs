//! The team server's wire contract: the request and reply bodies of every
//! route, in one place for the server (which adds OpenAPI schemas with the
//! `openapi` feature) and for its clients (the desktop's application layer,
//! tests). No database, no HTTP framework: serde types only.

pub mod accounts;
pub mod audit;
pub mod error;
pub mod items;
pub mod limits;
pub mod role;
pub mod sharing;
pub mod users;

pub use accounts::{
    Accepted, Login, Me, MeChange, Refresh, ResetConfirm, ResetRequest, Signup, TeamInfo, Tokens,
};
pub use audit::AuditEntry;
pub use error::ErrorBody;
pub use items::{ItemInput, ItemKind, SharedItem};
pub use limits::{Admission, Limits, LimitsInput, QueryPlan};
pub use role::{Access, Role};
pub use sharing::{
    Grant, Grantee, GrantsChange, MemberKeyInfo, NewSharedConnection, PublicKey, SharedConnection,
};
pub use users::{Accept, Invitation, NewInvitation, NewUser, User, UserChange};

/// A list reply: `{items: [...]}`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct List<T> {
    pub items: Vec<T>,
}
