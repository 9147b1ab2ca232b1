//! The difference between two metadata snapshots, read like a changelog: what
//! the MLS added, removed or changed, resource by resource.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{ClassMeta, FieldMeta, LookupMeta, MetadataSnapshot};

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
