//! The app's errors are the application layer's [`CommandError`]: one shape,
//! `{ code, message }`, for every front door.

pub use mls_workbench::{CommandError, CommandResult};
