//! RETS 1.5–1.8 client: login with HTTP Digest and RETS-UA-Authorization, metadata
//! into one typed model, streaming COMPACT search with auto-paging, and streaming
//! GetObject. Parsers are pure functions over bytes so they can be tested and fuzzed.
//!
//! ```no_run
//! use futures_util::StreamExt;
//! use rets_client::{ClientConfig, SearchRequest, Session};
//!
//! # async fn demo() -> Result<(), rets_client::RetsError> {
//! let url = url::Url::parse("https://rets.example.com/Login").unwrap();
//! let session = Session::connect(ClientConfig::new(url, "user", "password")).await?;
//! let metadata = session.metadata_all().await?;
//! println!("{} fields", metadata.field_count());
//! let mut rows = session
//!     .search(SearchRequest::new("Property", "RES", "(ListPrice=300000+)"))
//!     .await?;
//! println!("{:?} of {:?}", rows.columns(), rows.record_count());
//! while let Some(row) = rows.next().await {
//!     println!("{:?}", row?);
//! }
//! let mut photos = session.get_object("Property", "Photo", "L123:*", false).await?;
//! while let Some(part) = photos.next().await {
//!     let part = part?;
//!     println!("{:?} {} bytes, error: {:?}", part.object_id, part.data.len(), part.error);
//! }
//! session.logout().await?;
//! # Ok(())
//! # }
//! ```

// Server-controlled data never meets an unwrap: a bad reply is an error, not a crash.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
pub mod auth;
pub mod compact;
mod compact_line;
pub mod config;
pub mod error;
mod feed;
#[doc(hidden)]
pub mod fuzz_checks;
pub mod login;
pub mod metadata;
pub mod object;
pub mod origin;
pub mod reply;
pub mod rows;
pub mod session;
pub mod standard_xml;
pub mod text;
mod xml;

pub use config::{ClientConfig, HttpMethod, RetryPolicy, Secret};
pub use error::RetsError;
pub use login::{LoginReply, LogoutReply};
pub use metadata::{Metadata, MetadataFormat};
pub use object::ObjectPart;
pub use reply::{ReplyCode, ReplyStatus};
pub use rows::{RowBatch, RowRef};
pub use session::{CountMode, ObjectStream, SearchFormat, SearchRequest, SearchStream, Session};
