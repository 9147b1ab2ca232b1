//! Keeps a local replica of one RETS class in step with the server: fetch every
//! key with its ModificationTimestamp, diff against the replica, download what
//! changed in key batches, mark what vanished as deleted. Each batch commits with
//! its checkpoint, so a killed or disconnected sync resumes without loss or duplicates.

// Server-controlled data never meets an unwrap: a bad reply is an error, not a crash.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]
pub mod engine;
pub mod error;
pub mod locks;
pub mod plan;
pub mod progress;
pub mod rets_source;
pub mod source;

pub use engine::{PhotoOptions, SyncEngine, SyncReport, SyncTarget};
pub use error::SyncError;
pub use locks::ServerLocks;
pub use progress::{Phase, Progress};
pub use rets_source::RetsSource;
pub use source::{KeyStamp, ListingSource, PhotoObject, Selection};
