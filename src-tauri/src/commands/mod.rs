//! Typed IPC commands, one module per domain. Commands stay thin: they
//! translate arguments, call a domain crate and map its errors.

pub mod analytics;
pub mod app;
pub mod connections;
pub mod export;
pub mod history;
pub mod import;
pub mod metadata;
pub mod photos;
pub mod query;
pub mod replica;
pub mod secrets;
pub mod sync;
pub mod tasks;
pub mod team;
