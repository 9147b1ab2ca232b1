//! RETS 1.5–1.8 client: login with HTTP Digest and RETS-UA-Authorization, metadata
//! into one typed model, streaming COMPACT search with auto-paging, and streaming
//! GetObject. Parsers are pure functions over bytes so they can be tested and fuzzed.

pub mod auth;
pub mod compact;
pub mod config;
pub mod error;
pub mod login;
pub mod metadata;
pub mod object;
pub mod reply;
pub mod session;
pub mod standard_xml;
pub mod text;
mod xml;

pub use config::{ClientConfig, HttpMethod, RetryPolicy, Secret};
pub use error::RetsError;
pub use metadata::{Metadata, MetadataFormat};
pub use object::ObjectPart;
pub use reply::{ReplyCode, ReplyStatus};
pub use session::{CountMode, ObjectStream, SearchFormat, SearchRequest, SearchStream, Session};
