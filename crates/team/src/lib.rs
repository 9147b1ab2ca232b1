//! Teams for the team server: who belongs to which team, with which role, and
//! how they prove it. Knows nothing of HTTP: the server maps these functions
//! and [`TeamError`] codes to routes and status codes, and a future OpenID
//! Connect sign-in only needs another way to reach [`Team::issue_session`].
//!
//! One database, SQLite for one machine or PostgreSQL for several server
//! processes; nothing lives in a process (the token signing key is in the
//! database unless the operator gives one), so processes behind a proxy agree.

pub mod accounts;
pub mod audit;
pub mod db;
pub mod error;
pub mod invitations;
pub mod limits;
pub mod password;
pub mod reset;
pub mod shared_items;
pub mod sharing;
pub mod tokens;
pub mod users;

pub use accounts::{Me, Session, Signup};
pub use audit::AuditEntry;
pub use db::Team;
pub use error::TeamError;
pub use invitations::{Invitation, InvitationMail, NewInvitation};
pub use limits::{Admission, Limits, LimitsInput, QueryPlan};
pub use reset::ResetMail;
pub use shared_items::{ItemInput, ItemKind, SharedItem};
pub use sharing::{Grant, GrantsChange, MemberKeyInfo, NewSharedConnection, SharedConnection};
pub use team_api::{Access, Role};
pub use tokens::Caller;
pub use users::{NewUser, User, UserChange};

/// Milliseconds since the Unix epoch (every time in the database).
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
