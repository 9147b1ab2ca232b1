//! The photos of one listing for the listing detail: the files a sync
//! downloaded when they are all there, otherwise fetched from the server with
//! one GetObject request (`KEY:*`).

use futures_util::StreamExt;
use rets_store::Store;

use crate::connection::ConnectionProfile;
use crate::error::WorkbenchError;
use crate::workbench::{Credentials, Workbench};

/// Object type of listing photos in GetObject.
pub const PHOTO_TYPE: &str = "Photo";

/// RETS reply code for "No Object Found".
const NO_OBJECT_FOUND: u32 = 20403;

/// Limits on what one call returns, so the detail panel stays light.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoLimits {
    /// Most photos returned (the rest are counted as skipped).
    pub max_photos: usize,
    /// Largest photo returned, in bytes (larger ones are counted as skipped).
    pub max_bytes: usize,
    /// Most bytes returned in all: the reply crosses to the web view as base64
    /// in one message (photos past it are counted as skipped).
    pub max_total_bytes: usize,
    /// Page start: images before this position (0-based, the server's or
    /// the index's order) are passed over.
    pub first: usize,
}

impl PhotoLimits {
    /// True when a photo of `size` bytes fits after `taken` photos of `total` bytes.
    fn admits(&self, taken: usize, total: usize, size: usize) -> bool {
        taken < self.max_photos
            && size <= self.max_bytes
            && total.saturating_add(size) <= self.max_total_bytes
    }
}

impl Default for PhotoLimits {
    fn default() -> Self {
        PhotoLimits {
            max_photos: 50,
            max_bytes: 8 * 1024 * 1024,
            max_total_bytes: 48 * 1024 * 1024,
            first: 0,
        }
    }
}

/// Where a listing's photos came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoOrigin {
    /// Files downloaded by a sync.
    Local,
    /// Fetched from the server now.
    Server,
}

/// One photo with its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListingPhoto {
    /// Object id (1-based position).
    pub object_id: i64,
    /// Image MIME type without parameters, e.g. `image/jpeg`.
    pub content_type: String,
    /// The server's Content-Description, when it sent one.
    pub description: Option<String>,
    /// The image.
    pub data: Vec<u8>,
}

/// The photos of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListingPhotos {
    /// Local files or the server.
    pub origin: PhotoOrigin,
    /// Photos in object-id order.
    pub photos: Vec<ListingPhoto>,
    /// Photos left out: larger than one photo may be, or not images.
    pub skipped: usize,
    /// Where the next page starts ([`PhotoLimits::first`]) when this one filled
    /// up before the listing's last photo.
    pub next: Option<usize>,
}

/// The image type of a MIME type (`image/jpeg; x=y` → `image/jpeg`), or `None`
/// for anything a web view should not be handed as a picture (SVG included).
pub fn image_type(content_type: &str) -> Option<String> {
    let t = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    matches!(
        t.as_str(),
        "image/jpeg" | "image/png" | "image/gif" | "image/webp" | "image/bmp"
    )
    .then_some(t)
}

impl Workbench {
    /// The photos of listing `listing_key` of `resource`: the files a sync
    /// downloaded for replica connection `replica_id` when every one of them
    /// is readable, else the server's (GetObject `KEY:*`; none when it has none).
    #[allow(clippy::too_many_arguments)]
    pub async fn listing_photos(
        &self,
        store: &Store,
        replica_id: i64,
        profile: &ConnectionProfile,
        credentials: &Credentials,
        resource: &str,
        listing_key: &str,
        limits: PhotoLimits,
    ) -> Result<ListingPhotos, WorkbenchError> {
        if listing_key.trim().is_empty() || listing_key.contains([',', ':']) {
            return Err(WorkbenchError::UnknownTarget(format!(
                "{listing_key:?} is not a listing key"
            )));
        }
        if let Some(local) = local_photos(store, replica_id, resource, listing_key, limits).await? {
            return Ok(local);
        }
        let session = self.session(profile, credentials).await?;
        let ids = format!("{listing_key}:*");
        let mut stream = match session.get_object(resource, PHOTO_TYPE, &ids, false).await {
            Ok(stream) => stream,
            Err(e) if e.reply_code().map(|c| c.as_u32()) == Some(NO_OBJECT_FOUND) => {
                return Ok(ListingPhotos {
                    origin: PhotoOrigin::Server,
                    photos: Vec::new(),
                    skipped: 0,
                    next: None,
                });
            }
            Err(e) => return Err(e.into()),
        };
        let mut photos = Vec::new();
        let mut skipped = 0;
        let mut total = 0usize;
        let mut position = 0usize;
        let mut next = None;
        while let Some(part) = stream.next().await {
            let part = part?;
            if !part.has_data() {
                continue;
            }
            let content_type = part.content_type.as_deref().and_then(image_type);
            if content_type.is_some() && part.data.len() <= limits.max_bytes {
                position += 1;
                if position <= limits.first {
                    continue;
                }
                if !limits.admits(photos.len(), total, part.data.len()) {
                    // The page is full: the rest comes with the next one.
                    next = Some(position - 1);
                    break;
                }
            }
            match content_type {
                Some(content_type) if limits.admits(photos.len(), total, part.data.len()) => {
                    total += part.data.len();
                    let object_id = part
                        .object_id
                        .as_deref()
                        .and_then(|id| id.trim().parse().ok())
                        .unwrap_or(photos.len() as i64 + 1);
                    let description = part
                        .description
                        .as_deref()
                        .map(str::trim)
                        .filter(|d| !d.is_empty())
                        .map(str::to_owned);
                    photos.push(ListingPhoto {
                        object_id,
                        content_type,
                        description,
                        data: part.data.to_vec(),
                    });
                }
                // Counted on the page whose images they follow, once.
                _ if position > limits.first || limits.first == 0 => skipped += 1,
                _ => {}
            }
        }
        photos.sort_by_key(|p| p.object_id);
        Ok(ListingPhotos {
            origin: PhotoOrigin::Server,
            photos,
            skipped,
            next,
        })
    }
}

/// The downloaded files of a listing, or `None` when there are none or one of
/// them cannot be read (then the server is asked).
async fn local_photos(
    store: &Store,
    replica_id: i64,
    resource: &str,
    listing_key: &str,
    limits: PhotoLimits,
) -> Result<Option<ListingPhotos>, WorkbenchError> {
    let indexed = store.photos(replica_id, resource, listing_key).await?;
    if indexed.is_empty() {
        return Ok(None);
    }
    let mut photos = Vec::new();
    let mut skipped = 0;
    let mut total = 0usize;
    let mut position = 0usize;
    let mut next = None;
    let counts = |position: usize| position > limits.first || limits.first == 0;
    for p in indexed {
        let size = usize::try_from(p.size).unwrap_or(usize::MAX);
        let Some(content_type) = image_type(&p.content_type).filter(|_| size <= limits.max_bytes)
        else {
            skipped += usize::from(counts(position));
            continue;
        };
        position += 1;
        if position <= limits.first {
            continue;
        }
        if !limits.admits(photos.len(), total, size) {
            next = Some(position - 1);
            break;
        }
        match tokio::fs::read(&p.path).await {
            Ok(data) if limits.admits(photos.len(), total, data.len()) => {
                total += data.len();
                photos.push(ListingPhoto {
                    object_id: p.object_id,
                    content_type,
                    description: None,
                    data,
                });
            }
            Ok(_) => skipped += 1,
            Err(e) => {
                tracing::info!(path = %p.path, %e, "a downloaded photo is missing; asking the server");
                return Ok(None);
            }
        }
    }
    Ok(Some(ListingPhotos {
        origin: PhotoOrigin::Local,
        photos,
        skipped,
        next,
    }))
}
