//! RETS 1.7.2/1.8 server simulator and the embedded Demo MLS. It speaks real
//! RETS over HTTP (digest login, sessions, metadata, DMQL2 search, GetObject)
//! with switchable quirks, so clients can be tested without a live MLS.

pub mod config;
pub mod data;
pub mod metadata;
pub mod objects;
pub mod photos;
pub mod places;
pub mod rng;
pub mod schema;
pub mod search;
pub mod server;
pub mod xml;

pub use config::{LiveMode, QuirkError, Quirks, SimConfig, UaAuth};
pub use data::{Counts, Dataset, PropClass, Status};
pub use server::{RunningSim, SimError, Simulator};
