//! The application layer: everything the front doors (the desktop app, the CLI,
//! the coming server) share, so each of them only parses input and maps results.
//! [`Portal`] holds one data folder's replica, secrets, sessions and sync engine;
//! its methods (in [`portal`]) are the product's commands. Long work runs as
//! [`task`]s with typed progress and results; errors carry an [`ErrorCode`].
//! It knows nothing of Tauri or HTTP frameworks.

// Server-controlled data never meets an unwrap: a bad reply is an error, not a crash.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]
pub mod codes;
pub mod command_error;
pub mod connection;
pub mod demo;
pub mod diagnosis;
pub mod error;
pub mod metadata_status;
pub mod photos;
pub mod portal;
pub mod query;
pub mod target;
pub mod task;
pub mod workbench;

pub use codes::ErrorCode;
pub use command_error::{CommandError, CommandResult};
pub use connection::{ALLOW_INSECURE_OPTION, ConnectionProfile, Endpoint, Source};
pub use demo::DemoMls;
pub use diagnosis::{Diagnosis, DiagnosisStep, StepStatus};
pub use error::WorkbenchError;
pub use metadata_status::{MetadataChangeItem, MetadataChanges, MetadataSource, MetadataStatus};
pub use photos::{ListingPhoto, ListingPhotos, PhotoLimits, PhotoOrigin};
pub use portal::{DEMO_TEMPLATE, Portal};
pub use query::{QueryCheck, QueryIssue};
pub use target::ClassTarget;
pub use task::{TaskEvent, TaskPhase, TaskSink, TaskSummary, Tasks};
pub use workbench::{Credentials, Preview, Workbench};
