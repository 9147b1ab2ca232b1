//! [`ListingSource`] over a `rets_client::Session`: metadata into the replica's
//! snapshot form, `Select=Key,Timestamp` searches for the key list, `(Key=K1,K2,…)`
//! searches for record batches, and multipart GetObject for photos.

use std::collections::{BTreeMap, HashMap};

use futures_util::StreamExt;
use mls_store::MetadataSnapshot;
use mls_store::metadata::{ClassMeta, FieldMeta, LookupMeta, LookupValue, ResourceMeta};
use rets_client::metadata::Metadata;
use rets_client::{SearchRequest, Session};

use crate::error::SyncError;
use crate::source::{KeyStamp, ListingSource, PhotoObject, Selection};

/// A logged-in RETS session as a listing source.
#[derive(Debug, Clone)]
pub struct RetsSource {
    session: Session,
}

impl RetsSource {
    /// Wrap a session (log in before syncing).
    pub fn new(session: Session) -> Self {
        Self { session }
    }

    /// The wrapped session.
    pub fn session(&self) -> &Session {
        &self.session
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Convert client metadata into the replica's snapshot form.
pub fn snapshot_of(md: &Metadata) -> MetadataSnapshot {
    let version = non_empty(&md.system_stamp.version)
        .or_else(|| non_empty(&md.system.metadata_id))
        .unwrap_or_default();
    let resources = md
        .resources
        .iter()
        .map(|r| ResourceMeta {
            id: r.info.resource_id.clone(),
            key_field: non_empty(&r.info.key_field),
            classes: r
                .classes
                .iter()
                .map(|c| ClassMeta {
                    name: c.info.class_name.clone(),
                    description: non_empty(&c.info.description)
                        .or_else(|| non_empty(&c.info.visible_name)),
                    time_stamp_field: non_empty(&c.info.class_time_stamp),
                    fields: c
                        .fields
                        .iter()
                        .map(|f| FieldMeta {
                            system_name: f.system_name.clone(),
                            standard_name: non_empty(&f.standard_name),
                            long_name: non_empty(&f.long_name),
                            data_type: f.data_type.clone(),
                            max_length: f.max_length.map(i64::from),
                            lookup_name: non_empty(&f.lookup_name),
                        })
                        .collect(),
                })
                .collect(),
            lookups: r
                .lookups
                .iter()
                .map(|l| LookupMeta {
                    name: l.info.lookup_name.clone(),
                    values: l
                        .values
                        .iter()
                        .map(|v| LookupValue {
                            value: v.value.clone(),
                            long_value: v.long_value.clone(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    MetadataSnapshot { version, resources }
}

fn column(columns: &[String], name: &str) -> Result<usize, SyncError> {
    columns.iter().position(|c| c == name).ok_or_else(|| {
        SyncError::Unsupported(
            name.to_string(),
            "the server did not return this field in the search reply".into(),
        )
    })
}

impl ListingSource for RetsSource {
    fn server_id(&self) -> String {
        let c = self.session.config();
        format!("{}#{}", c.login_url, c.username)
    }

    fn redact(&self, text: &str) -> String {
        self.session.config().redact(text)
    }

    async fn metadata(&self) -> Result<MetadataSnapshot, SyncError> {
        Ok(snapshot_of(&self.session.metadata_all().await?))
    }

    fn unusable_key(&self, key: &str) -> Option<&'static str> {
        rets_dmql::unusable_key(key)
    }

    async fn key_stamps(
        &self,
        resource: &str,
        class: &str,
        selection: &Selection,
        key_field: &str,
        modified_field: &str,
    ) -> Result<Vec<KeyStamp>, SyncError> {
        let query = match selection {
            // Every listing: modified at any time since the epoch.
            Selection::All => format!("({modified_field}=1970-01-01T00:00:00+)"),
            Selection::Dmql(query) => query.clone(),
        };
        let mut req = SearchRequest::new(resource, class, query);
        req.select = Some(vec![key_field.to_string(), modified_field.to_string()]);
        req.key_field = Some(key_field.to_string());
        let mut stream = self.session.search(req).await?;
        // No columns: an empty result (20201 No Records Found) — nothing on the server.
        if stream.columns().is_empty() {
            return Ok(Vec::new());
        }
        let k = column(stream.columns(), key_field)?;
        let m = column(stream.columns(), modified_field)?;
        let mut out = Vec::new();
        while let Some(row) = stream.next().await {
            let row = row?;
            out.push(KeyStamp {
                key: row.get(k).cloned().unwrap_or_default(),
                modified: row.get(m).cloned().unwrap_or_default(),
            });
        }
        Ok(out)
    }

    async fn records(
        &self,
        resource: &str,
        class: &str,
        key_field: &str,
        keys: &[String],
    ) -> Result<Vec<BTreeMap<String, String>>, SyncError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let query = format!("({key_field}={})", keys.join(","));
        let mut req = SearchRequest::new(resource, class, query);
        req.key_field = Some(key_field.to_string());
        let mut stream = self.session.search(req).await?;
        let columns = stream.columns().to_vec();
        let mut out = Vec::with_capacity(keys.len());
        while let Some(row) = stream.next().await {
            let row = row?;
            out.push(columns.iter().cloned().zip(row).collect());
        }
        Ok(out)
    }

    async fn photos(
        &self,
        resource: &str,
        object_type: &str,
        keys: &[String],
    ) -> Result<Vec<PhotoObject>, SyncError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let ids = keys
            .iter()
            .map(|k| format!("{k}:*"))
            .collect::<Vec<_>>()
            .join(",");
        let mut stream = self
            .session
            .get_object(resource, object_type, &ids, false)
            .await?;
        let mut out = Vec::new();
        // Object ids the server did not send as numbers get -1, -2, … per
        // listing: never 0 for all of them (they overwrote one another).
        let mut unnumbered: HashMap<String, i64> = HashMap::new();
        while let Some(part) = stream.next().await {
            let part = part?;
            if !part.has_data() {
                continue;
            }
            let (Some(key), Some(id)) = (part.content_id.clone(), part.object_id.as_deref()) else {
                continue;
            };
            let object_id = match id.trim().parse::<i64>() {
                Ok(n) if n > 0 => n,
                _ => {
                    let n = unnumbered.entry(key.clone()).or_default();
                    *n -= 1;
                    *n
                }
            };
            out.push(PhotoObject {
                key,
                object_id,
                content_type: part
                    .content_type
                    .clone()
                    .unwrap_or_else(|| "application/octet-stream".into()),
                data: part.data.to_vec(),
            });
        }
        Ok(out)
    }
}
