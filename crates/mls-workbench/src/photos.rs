//! The photos of one listing for the listing detail: the files a sync
//! downloaded when they are all there, otherwise fetched from the server with
//! one GetObject request (`KEY:*`).

use futures_util::StreamExt;
use mls_store::Store;

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

/// One page of a listing's photos, offered in order (the server's or the
/// index's): which to take, which to pass over, where the next page starts.
struct Page {
    limits: PhotoLimits,
    /// Images that could be shown, seen so far.
    position: usize,
    taken: usize,
    total: usize,
    skipped: usize,
    next: Option<usize>,
}

/// What to do with one offered object.
#[derive(PartialEq, Eq)]
enum Offer {
    Take,
    Pass,
    /// The page is full: stop reading.
    Full,
}

impl Page {
    fn new(limits: PhotoLimits) -> Self {
        Page {
            limits,
            position: 0,
            taken: 0,
            total: 0,
            skipped: 0,
            next: None,
        }
    }

    fn offer(&mut self, image: bool, size: usize) -> Offer {
        let l = &self.limits;
        if !image || size > l.max_bytes {
            // Counted on the page whose images they follow, once.
            if self.position > l.first || l.first == 0 {
                self.skipped += 1;
            }
            return Offer::Pass;
        }
        self.position += 1;
        if self.position <= l.first {
            return Offer::Pass;
        }
        if self.taken >= l.max_photos || self.total.saturating_add(size) > l.max_total_bytes {
            self.next = Some(self.position - 1);
            return Offer::Full;
        }
        self.taken += 1;
        self.total += size;
        Offer::Take
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
        let mut page = Page::new(limits);
        while let Some(part) = stream.next().await {
            let part = part?;
            if !part.has_data() {
                continue;
            }
            let content_type = part.content_type.as_deref().and_then(image_type);
            match page.offer(content_type.is_some(), part.data.len()) {
                Offer::Full => break,
                Offer::Pass => continue,
                Offer::Take => {}
            }
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
                content_type: content_type.unwrap_or_default(),
                description,
                data: part.data.to_vec(),
            });
        }
        photos.sort_by_key(|p| p.object_id);
        Ok(ListingPhotos {
            origin: PhotoOrigin::Server,
            photos,
            skipped: page.skipped,
            next: page.next,
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
    let mut page = Page::new(limits);
    for p in indexed {
        let content_type = image_type(&p.content_type);
        let size = usize::try_from(p.size).unwrap_or(usize::MAX);
        match page.offer(content_type.is_some(), size) {
            Offer::Full => break,
            Offer::Pass => continue,
            Offer::Take => {}
        }
        match tokio::fs::read(&p.path).await {
            Ok(data) if data.len() == size => photos.push(ListingPhoto {
                object_id: p.object_id,
                content_type: content_type.unwrap_or_default(),
                description: None,
                data,
            }),
            // Missing, or changed since the sync indexed it.
            other => {
                let e = other
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| "size differs from the index".into());
                tracing::info!(path = %p.path, %e, "a downloaded photo cannot be used; asking the server");
                return Ok(None);
            }
        }
    }
    Ok(Some(ListingPhotos {
        origin: PhotoOrigin::Local,
        photos,
        skipped: page.skipped,
        next: page.next,
    }))
}
