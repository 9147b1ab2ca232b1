//! Metadata snapshots per connection and metadata version, and a diff between two
//! snapshots that reads like a changelog, so users see what the MLS changed
//! (new fields, dropped lookups) before a sync reshapes their tables.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::store::Store;
use crate::time::now;

/// The parts of a server's metadata the replica depends on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MetadataSnapshot {
    /// Metadata version reported by the server.
    pub version: String,
    /// Resources, each with classes and lookups.
    pub resources: Vec<ResourceMeta>,
}

/// One resource (e.g. `Property`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceMeta {
    /// ResourceID.
    pub id: String,
    /// KeyField system name.
    pub key_field: Option<String>,
    /// Classes of the resource.
    pub classes: Vec<ClassMeta>,
    /// Lookup tables of the resource.
    pub lookups: Vec<LookupMeta>,
}

/// One class (e.g. `RES`) and its fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClassMeta {
    /// ClassName.
    pub name: String,
    /// Description or VisibleName.
    pub description: Option<String>,
    /// ClassTimeStamp: the field holding each record's modification time.
    #[serde(default)]
    pub time_stamp_field: Option<String>,
    /// Table fields.
    pub fields: Vec<FieldMeta>,
}

/// One field of a class.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldMeta {
    /// SystemName.
    pub system_name: String,
    /// StandardName.
    pub standard_name: Option<String>,
    /// LongName.
    pub long_name: Option<String>,
    /// RETS DataType (Character, Int, Decimal, Date, DateTime, Boolean, …).
    pub data_type: String,
    /// MaximumLength.
    pub max_length: Option<i64>,
    /// LookupName, for lookup fields.
    pub lookup_name: Option<String>,
}

/// A lookup table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LookupMeta {
    /// LookupName.
    pub name: String,
    /// Values, in server order.
    pub values: Vec<LookupValue>,
}

/// One lookup value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LookupValue {
    /// Value as it appears in records.
    pub value: String,
    /// LongValue shown to people.
    pub long_value: String,
}

/// Whether something appeared, disappeared or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    /// Present only in the newer snapshot.
    Added,
    /// Present only in the older snapshot.
    Removed,
    /// Present in both with different attributes.
    Changed,
}

/// One difference between two snapshots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadataChange {
    /// What happened.
    pub kind: ChangeKind,
    /// Kind of item: `resource`, `class`, `field`, `lookup`, `lookup value`.
    pub item: String,
    /// Path of the item, e.g. `Property/RES/ListPrice`.
    pub path: String,
    /// Human-readable detail (types, old → new values).
    pub detail: String,
}

/// All differences between two snapshots; `Display` renders a readable report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadataDiff {
    /// Version of the older snapshot.
    pub from_version: String,
    /// Version of the newer snapshot.
    pub to_version: String,
    /// The changes, grouped by resource.
    pub changes: Vec<MetadataChange>,
}

impl MetadataDiff {
    /// True when the snapshots are equivalent.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Counts per kind of item and change, most significant first, e.g.
    /// "1 class added, 2 fields removed, 1 field changed" ("no changes" when empty).
    pub fn summary(&self) -> String {
        const ITEMS: [(&str, &str); 5] = [
            ("resource", "resources"),
            ("class", "classes"),
            ("field", "fields"),
            ("lookup", "lookups"),
            ("lookup value", "lookup values"),
        ];
        const KINDS: [(ChangeKind, &str); 3] = [
            (ChangeKind::Added, "added"),
            (ChangeKind::Removed, "removed"),
            (ChangeKind::Changed, "changed"),
        ];
        let mut parts = Vec::new();
        for (one, many) in ITEMS {
            for (kind, verb) in KINDS {
                let n = self
                    .changes
                    .iter()
                    .filter(|c| c.kind == kind && c.item == one)
                    .count();
                if n > 0 {
                    parts.push(format!("{n} {} {verb}", if n == 1 { one } else { many }));
                }
            }
        }
        if parts.is_empty() {
            "no changes".to_string()
        } else {
            parts.join(", ")
        }
    }
}

impl fmt::Display for MetadataDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.changes.is_empty() {
            return writeln!(f, "metadata unchanged ({})", self.to_version);
        }
        writeln!(
            f,
            "metadata changed from {} to {}: {} change(s)",
            self.from_version,
            self.to_version,
            self.changes.len()
        )?;
        for c in &self.changes {
            let sign = match c.kind {
                ChangeKind::Added => "+",
                ChangeKind::Removed => "-",
                ChangeKind::Changed => "~",
            };
            write!(f, "  {sign} {} {}", c.item, c.path)?;
            if c.detail.is_empty() {
                writeln!(f)?;
            } else {
                writeln!(f, ": {}", c.detail)?;
            }
        }
        Ok(())
    }
}

/// Compare two snapshots (`old` → `new`).
pub fn diff(old: &MetadataSnapshot, new: &MetadataSnapshot) -> MetadataDiff {
    let mut out = Vec::new();
    let olds = by_key(&old.resources, |r| &r.id);
    let news = by_key(&new.resources, |r| &r.id);
    for (id, n) in &news {
        let Some(o) = olds.get(id) else {
            out.push(change(
                ChangeKind::Added,
                "resource",
                id.to_string(),
                String::new(),
            ));
            continue;
        };
        if o.key_field != n.key_field {
            let detail = format!("key field {:?} → {:?}", o.key_field, n.key_field);
            out.push(change(
                ChangeKind::Changed,
                "resource",
                id.to_string(),
                detail,
            ));
        }
        diff_classes(id, &o.classes, &n.classes, &mut out);
        diff_lookups(id, &o.lookups, &n.lookups, &mut out);
    }
    for id in olds.keys().filter(|id| !news.contains_key(*id)) {
        out.push(change(
            ChangeKind::Removed,
            "resource",
            id.to_string(),
            String::new(),
        ));
    }
    MetadataDiff {
        from_version: old.version.clone(),
        to_version: new.version.clone(),
        changes: out,
    }
}

fn diff_classes(res: &str, old: &[ClassMeta], new: &[ClassMeta], out: &mut Vec<MetadataChange>) {
    let olds = by_key(old, |c| &c.name);
    let news = by_key(new, |c| &c.name);
    for (name, n) in &news {
        let path = format!("{res}/{name}");
        let Some(o) = olds.get(name) else {
            let detail = format!("{} field(s)", n.fields.len());
            out.push(change(ChangeKind::Added, "class", path, detail));
            continue;
        };
        if o.time_stamp_field != n.time_stamp_field {
            let detail = format!(
                "timestamp field {} → {}",
                fmt_opt(&o.time_stamp_field),
                fmt_opt(&n.time_stamp_field)
            );
            out.push(change(ChangeKind::Changed, "class", path.clone(), detail));
        }
        let of = by_key(&o.fields, |f| &f.system_name);
        let nf = by_key(&n.fields, |f| &f.system_name);
        for (sys, nfield) in &nf {
            let fpath = format!("{path}/{sys}");
            match of.get(sys) {
                None => out.push(change(
                    ChangeKind::Added,
                    "field",
                    fpath,
                    describe_field(nfield),
                )),
                Some(ofield) if ofield != nfield => out.push(change(
                    ChangeKind::Changed,
                    "field",
                    fpath,
                    field_changes(ofield, nfield),
                )),
                Some(_) => {}
            }
        }
        for (sys, ofield) in of.iter().filter(|(s, _)| !nf.contains_key(*s)) {
            let fpath = format!("{path}/{sys}");
            out.push(change(
                ChangeKind::Removed,
                "field",
                fpath,
                describe_field(ofield),
            ));
        }
    }
    for name in olds.keys().filter(|n| !news.contains_key(*n)) {
        out.push(change(
            ChangeKind::Removed,
            "class",
            format!("{res}/{name}"),
            String::new(),
        ));
    }
}

fn diff_lookups(res: &str, old: &[LookupMeta], new: &[LookupMeta], out: &mut Vec<MetadataChange>) {
    let olds = by_key(old, |l| &l.name);
    let news = by_key(new, |l| &l.name);
    for (name, n) in &news {
        let path = format!("{res}/lookup:{name}");
        let Some(o) = olds.get(name) else {
            let detail = format!("{} value(s)", n.values.len());
            out.push(change(ChangeKind::Added, "lookup", path, detail));
            continue;
        };
        let ov = by_key(&o.values, |v| &v.value);
        let nv = by_key(&n.values, |v| &v.value);
        for (val, v) in &nv {
            let vpath = format!("{path}/{val}");
            match ov.get(val) {
                None => out.push(change(
                    ChangeKind::Added,
                    "lookup value",
                    vpath,
                    format!("{:?}", v.long_value),
                )),
                Some(o) if o.long_value != v.long_value => out.push(change(
                    ChangeKind::Changed,
                    "lookup value",
                    vpath,
                    format!("{:?} → {:?}", o.long_value, v.long_value),
                )),
                Some(_) => {}
            }
        }
        for (val, v) in ov.iter().filter(|(v, _)| !nv.contains_key(*v)) {
            let vpath = format!("{path}/{val}");
            let detail = format!("{:?}", v.long_value);
            out.push(change(ChangeKind::Removed, "lookup value", vpath, detail));
        }
    }
    for name in olds.keys().filter(|n| !news.contains_key(*n)) {
        let path = format!("{res}/lookup:{name}");
        out.push(change(ChangeKind::Removed, "lookup", path, String::new()));
    }
}

fn describe_field(f: &FieldMeta) -> String {
    let mut s = f.data_type.clone();
    if let Some(l) = f.max_length {
        s.push_str(&format!("({l})"));
    }
    if let Some(std) = &f.standard_name {
        s.push_str(&format!(", StandardName {std}"));
    }
    if let Some(lk) = &f.lookup_name {
        s.push_str(&format!(", lookup {lk}"));
    }
    s
}

fn field_changes(o: &FieldMeta, n: &FieldMeta) -> String {
    let mut parts = Vec::new();
    let mut cmp = |name: &str, a: String, b: String| {
        if a != b {
            parts.push(format!("{name} {a} → {b}"));
        }
    };
    cmp("type", o.data_type.clone(), n.data_type.clone());
    cmp("max length", fmt_opt(&o.max_length), fmt_opt(&n.max_length));
    cmp(
        "StandardName",
        fmt_opt(&o.standard_name),
        fmt_opt(&n.standard_name),
    );
    cmp("LongName", fmt_opt(&o.long_name), fmt_opt(&n.long_name));
    cmp("lookup", fmt_opt(&o.lookup_name), fmt_opt(&n.lookup_name));
    parts.join(", ")
}

fn fmt_opt<T: fmt::Display>(v: &Option<T>) -> String {
    v.as_ref()
        .map_or_else(|| "(none)".to_string(), |v| v.to_string())
}

fn change(kind: ChangeKind, item: &'static str, path: String, detail: String) -> MetadataChange {
    MetadataChange {
        kind,
        item: item.to_string(),
        path,
        detail,
    }
}

fn by_key<'a, T>(items: &'a [T], key: impl Fn(&'a T) -> &'a String) -> BTreeMap<&'a str, &'a T> {
    items.iter().map(|i| (key(i).as_str(), i)).collect()
}

/// A stored snapshot with the time it was fetched and, when it was kept, the
/// server's complete metadata (what the metadata browser shows offline).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredMetadata {
    /// The snapshot.
    pub snapshot: MetadataSnapshot,
    /// When it was fetched from the server (RFC 3339 UTC).
    pub fetched_at: String,
    /// The complete metadata as JSON; `None` for snapshots a sync stored alone.
    pub document_json: Option<String>,
}

impl Store {
    /// Store a snapshot for a connection (replacing one with the same version).
    pub async fn save_metadata_snapshot(
        &self,
        connection_id: i64,
        snapshot: &MetadataSnapshot,
    ) -> Result<(), StoreError> {
        let ts = now();
        let json = serde_json::to_string(snapshot)?;
        sqlx::query!(
            "INSERT INTO metadata_snapshots (connection_id, version, fetched_at, snapshot_json)
             VALUES (?, ?, ?, ?)
             ON CONFLICT (connection_id, version) DO UPDATE SET
                fetched_at = excluded.fetched_at, snapshot_json = excluded.snapshot_json",
            connection_id,
            snapshot.version,
            ts,
            json
        )
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The most recently stored snapshot of a connection.
    pub async fn latest_metadata_snapshot(
        &self,
        connection_id: i64,
    ) -> Result<Option<MetadataSnapshot>, StoreError> {
        let row = sqlx::query!(
            "SELECT snapshot_json FROM metadata_snapshots WHERE connection_id = ?
             ORDER BY fetched_at DESC, id DESC LIMIT 1",
            connection_id
        )
        .fetch_optional(self.pool())
        .await?;
        Ok(row
            .map(|r| serde_json::from_str(&r.snapshot_json))
            .transpose()?)
    }

    /// The snapshot of a connection with metadata version `version`.
    pub async fn metadata_snapshot(
        &self,
        connection_id: i64,
        version: &str,
    ) -> Result<Option<MetadataSnapshot>, StoreError> {
        let row = sqlx::query!(
            "SELECT snapshot_json FROM metadata_snapshots WHERE connection_id = ? AND version = ?",
            connection_id,
            version
        )
        .fetch_optional(self.pool())
        .await?;
        Ok(row
            .map(|r| serde_json::from_str(&r.snapshot_json))
            .transpose()?)
    }

    /// Store a snapshot with the server's complete metadata (`document_json`),
    /// replacing one with the same version; returns the time it was stored.
    pub async fn save_metadata_with_document(
        &self,
        connection_id: i64,
        snapshot: &MetadataSnapshot,
        document_json: &str,
    ) -> Result<String, StoreError> {
        let ts = now();
        let json = serde_json::to_string(snapshot)?;
        sqlx::query!(
            "INSERT INTO metadata_snapshots (connection_id, version, fetched_at, snapshot_json,
                document_json)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (connection_id, version) DO UPDATE SET
                fetched_at = excluded.fetched_at, snapshot_json = excluded.snapshot_json,
                document_json = excluded.document_json",
            connection_id,
            snapshot.version,
            ts,
            json,
            document_json
        )
        .execute(self.pool())
        .await?;
        Ok(ts)
    }

    /// The most recently fetched snapshot of a connection, with its time and
    /// document (if one was kept).
    pub async fn latest_stored_metadata(
        &self,
        connection_id: i64,
    ) -> Result<Option<StoredMetadata>, StoreError> {
        let row = sqlx::query!(
            "SELECT snapshot_json, fetched_at, document_json FROM metadata_snapshots
             WHERE connection_id = ? ORDER BY fetched_at DESC, id DESC LIMIT 1",
            connection_id
        )
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(StoredMetadata {
                snapshot: serde_json::from_str(&r.snapshot_json)?,
                fetched_at: r.fetched_at,
                document_json: r.document_json,
            })
        })
        .transpose()
    }

    /// The most recently fetched snapshot of a connection that kept the complete
    /// metadata: the copy to browse when the server cannot be reached.
    pub async fn latest_metadata_document(
        &self,
        connection_id: i64,
    ) -> Result<Option<StoredMetadata>, StoreError> {
        let row = sqlx::query!(
            r#"SELECT snapshot_json, fetched_at, document_json AS "document_json!"
             FROM metadata_snapshots
             WHERE connection_id = ? AND document_json IS NOT NULL
             ORDER BY fetched_at DESC, id DESC LIMIT 1"#,
            connection_id
        )
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(StoredMetadata {
                snapshot: serde_json::from_str(&r.snapshot_json)?,
                fetched_at: r.fetched_at,
                document_json: Some(r.document_json),
            })
        })
        .transpose()
    }
}
