//! Local replica of MLS data: one SQLite file in WAL mode with embedded, versioned
//! migrations, typed per-class listing tables that follow the server's metadata,
//! and passwords kept out of the database in the OS keychain (or an opt-in vault).

// Server-controlled data never meets an unwrap: a bad reply is an error, not a crash.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]
pub mod app_dir;
pub mod connections;
pub mod error;
pub mod history;
pub mod jobs;
pub mod listings;
pub mod metadata;
pub mod photos;
pub mod secrets;
mod store;
pub mod team;
mod time;

pub use app_dir::{APP_DATABASE, APP_IDENTIFIER, app_data_dir};
pub use connections::{Connection, HttpMethod, NewConnection};
pub use error::StoreError;
pub use history::{
    HISTORY_KEEP, HistoryEntry, HistoryStatus, NewHistoryEntry, NewSavedQuery, OnNameConflict,
    QueryKind, SavedQuery,
};
pub use jobs::{Checkpoint, JobKind, JobStatus, SyncJob};
pub use listings::{
    FieldKind, FieldSpec, Filter, FilterOp, IndexHints, ListingPage, ListingRecord, ListingTable,
    Sort,
};
pub use metadata::{MetadataDiff, MetadataSnapshot};
pub use photos::Photo;
pub use store::{SUPPORTED_SCHEMA_VERSION, Store};
pub use team::{ItemState, TeamAccount, TeamItem, TeamLink};
/// The current time as the replica stores it (RFC 3339 UTC, milliseconds).
pub use time::now as timestamp;
