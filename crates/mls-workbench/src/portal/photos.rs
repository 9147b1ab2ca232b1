//! Photos of one listing for the Results detail panel, as `data:` URLs (the
//! CSP allows `img-src data:`; nothing is served from disk to the web view).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;
use ts_rs::TS;

use crate::{ListingPhotos, PhotoLimits, PhotoOrigin};

use crate::CommandResult;
use crate::Portal;

/// One photo, ready for an `<img src>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct PhotoView {
    /// Object id (1-based position on the server).
    #[ts(type = "number")]
    pub object_id: i64,
    /// Image MIME type, e.g. `image/jpeg`.
    pub content_type: String,
    /// The server's description of the photo, when it sent one.
    pub description: Option<String>,
    /// Size of the image in bytes.
    #[ts(type = "number")]
    pub size: u64,
    /// `data:<type>;base64,…`
    pub data_url: String,
}

/// The photos of a listing and where they came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ListingPhotosView {
    /// `local` (downloaded by a sync) or `server` (fetched now).
    #[ts(type = "\"local\" | \"server\"")]
    pub source: String,
    /// The photos in object-id order (empty when the listing has none).
    pub photos: Vec<PhotoView>,
    /// Photos left out: too large, or not images.
    #[ts(type = "number")]
    pub skipped: u64,
    /// When the listing has more photos than one reply carries: pass this as
    /// `first` for the next page.
    pub next: Option<u32>,
}

impl From<ListingPhotos> for ListingPhotosView {
    fn from(p: ListingPhotos) -> Self {
        ListingPhotosView {
            source: match p.origin {
                PhotoOrigin::Local => "local",
                PhotoOrigin::Server => "server",
            }
            .to_owned(),
            photos: p
                .photos
                .into_iter()
                .map(|photo| PhotoView {
                    object_id: photo.object_id,
                    data_url: format!(
                        "data:{};base64,{}",
                        photo.content_type,
                        STANDARD.encode(&photo.data)
                    ),
                    size: photo.data.len() as u64,
                    content_type: photo.content_type,
                    description: photo.description,
                })
                .collect(),
            skipped: p.skipped as u64,
            next: p.next.map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
        }
    }
}

impl Portal {
    /// The photos of listing `listing_key` of `resource`: the files a sync
    /// downloaded, else fetched from the server (GetObject `Photo`).
    pub async fn listing_photos(
        &self,
        connection_id: String,
        resource: String,
        listing_key: String,
        first: Option<u32>,
    ) -> CommandResult<ListingPhotosView> {
        let profile = self.profile(&connection_id).await?;
        let replica_id = self.replica_connection(&profile).await?;
        let credentials = self.credentials(&profile).await?;
        let photos = self
            .workbench
            .listing_photos(
                &self.store,
                replica_id,
                &profile,
                &credentials,
                &resource,
                &listing_key,
                PhotoLimits {
                    first: first.unwrap_or(0) as usize,
                    ..PhotoLimits::default()
                },
            )
            .await?;
        Ok(photos.into())
    }
}
