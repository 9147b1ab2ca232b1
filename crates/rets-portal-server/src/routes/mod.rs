//! One module per area of the API.

pub mod audit;
pub mod auth;
pub mod health;
pub mod invitations;
pub mod items;
pub mod limits;
pub mod me;
pub mod sharing;
pub mod users;
