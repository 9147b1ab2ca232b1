//! Opening a replicated class for analytics: find its table (one connection, or
//! the one named), read its fields and roles (with the user's saved mapping),
//! and load the rows a question needs, narrowed by `FIELD=VALUE` filters and an
//! area drawn on a map (a radius or a polygon).

use std::collections::BTreeMap;

use mls_store::Store;
use mls_store::listings::ListingTable;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use ts_rs::TS;

use crate::error::AnalyticsError;
use crate::fields::{Field, FieldMap, Role};
use crate::frame::{Col, Frame};

/// Which class to analyse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassRef {
    /// The connection's name; needed only when several connections replicate the class.
    pub connection: Option<String>,
    /// RETS resource.
    pub resource: String,
    /// RETS class.
    pub class: String,
}

impl ClassRef {
    /// A class of whichever connection replicates it.
    pub fn new(resource: impl Into<String>, class: impl Into<String>) -> ClassRef {
        ClassRef {
            connection: None,
            resource: resource.into(),
            class: class.into(),
        }
    }
}

/// A map area: a circle or a polygon of (latitude, longitude) points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Within {
    /// Listings within `miles` of a point.
    Radius { lat: f64, lon: f64, miles: f64 },
    /// Listings inside a polygon (points in order; closed implicitly).
    Polygon { points: Vec<(f64, f64)> },
}

impl Within {
    /// True when (lat, lon) is inside.
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        match self {
            Within::Radius {
                lat: clat,
                lon: clon,
                miles,
            } => haversine_miles(*clat, *clon, lat, lon) <= *miles,
            Within::Polygon { points } => {
                // Ray casting over longitude (x) / latitude (y).
                let mut inside = false;
                let n = points.len();
                for i in 0..n {
                    let (yi, xi) = points[i];
                    let (yj, xj) = points[(i + n - 1) % n];
                    if (yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi {
                        inside = !inside;
                    }
                }
                inside
            }
        }
    }
}

/// Great-circle distance in miles.
pub fn haversine_miles(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 3958.8 * a.sqrt().asin()
}

/// Rows to keep: `FIELD=VALUE` filters (all must hold) and an optional map area.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Selection {
    /// `(field, value)` pairs; a field may be a SystemName or a role name.
    pub filters: Vec<(String, String)>,
    /// A map area.
    pub within: Option<Within>,
}

/// An opened class: its table and its fields with their roles.
#[derive(Debug, Clone)]
pub struct Class {
    /// The class asked for.
    pub target: ClassRef,
    /// The replica table.
    pub table: ListingTable,
    /// Fields and roles.
    pub map: FieldMap,
}

impl Class {
    /// Opens `target` in `store`; `overrides` win over the saved mapping for this call.
    pub async fn open(
        store: &Store,
        target: &ClassRef,
        overrides: &BTreeMap<Role, String>,
    ) -> Result<Class, AnalyticsError> {
        let mut candidates = Vec::new();
        for c in store.connections().await? {
            if target
                .connection
                .as_ref()
                .is_some_and(|n| *n != c.fields.name)
            {
                continue;
            }
            if let Some(t) = store
                .listing_table(c.id, &target.resource, &target.class)
                .await?
            {
                candidates.push((c.fields.name.clone(), t));
            }
        }
        let table = match candidates.len() {
            0 => {
                return Err(AnalyticsError::NotSynced {
                    resource: target.resource.clone(),
                    class: target.class.clone(),
                });
            }
            1 => candidates.remove(0).1,
            _ => {
                return Err(AnalyticsError::InvalidArgument(format!(
                    "{}:{} is replicated for several connections ({}); name one",
                    target.resource,
                    target.class,
                    candidates
                        .iter()
                        .map(|(n, _)| format!("{n:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        };
        let mut class = Class::of_table(store, table, overrides).await?;
        class.target = target.clone();
        Ok(class)
    }

    /// The class of a replica table the caller already found (the app finds it
    /// from its connection profile).
    pub async fn of_table(
        store: &Store,
        table: ListingTable,
        overrides: &BTreeMap<Role, String>,
    ) -> Result<Class, AnalyticsError> {
        let target = ClassRef::new(&table.resource, &table.class);
        let metadata = store.latest_metadata_snapshot(table.connection_id).await?;
        let mut mapping = saved_mapping(store, &table).await?;
        mapping.extend(overrides.iter().map(|(r, f)| (*r, f.clone())));
        for (role, name) in &mapping {
            if !table
                .fields
                .iter()
                .any(|f| f.system_name.eq_ignore_ascii_case(name))
            {
                return Err(AnalyticsError::UnknownField {
                    resource: table.resource.clone(),
                    class: table.class.clone(),
                    field: format!("{name} (mapped to {})", role.name()),
                });
            }
        }
        let map = FieldMap::discover(&table, metadata.as_ref(), &mapping);
        Ok(Class { target, table, map })
    }

    /// The field of `role`, or an error saying that `what` needs it.
    pub fn need(&self, role: Role, what: &str) -> Result<&Field, AnalyticsError> {
        self.map
            .role_field(role)
            .ok_or_else(|| AnalyticsError::MissingField {
                what: what.to_owned(),
                role: role.name().to_owned(),
                resource: self.table.resource.clone(),
                class: self.table.class.clone(),
            })
    }

    /// A field by SystemName or role name, or an error naming it.
    pub fn field(&self, name: &str) -> Result<&Field, AnalyticsError> {
        self.map
            .resolve(name)
            .ok_or_else(|| AnalyticsError::UnknownField {
                resource: self.table.resource.clone(),
                class: self.table.class.clone(),
                field: name.to_owned(),
            })
    }

    /// Loads `fields` (plus what `selection` needs) and keeps the selected rows.
    pub async fn load(
        &self,
        store: &Store,
        fields: &[&Field],
        selection: &Selection,
    ) -> Result<Frame, AnalyticsError> {
        let mut all: Vec<&Field> = fields.to_vec();
        let mut filters = Vec::new();
        for (name, value) in &selection.filters {
            let f = self.field(name)?;
            filters.push((f, value.as_str()));
            all.push(f);
        }
        let coords = match &selection.within {
            None => None,
            Some(_) => Some((
                self.need(Role::Latitude, "a map area")?,
                self.need(Role::Longitude, "a map area")?,
            )),
        };
        if let Some((lat, lon)) = coords {
            all.extend([lat, lon]);
        }
        let mut seen = std::collections::HashSet::new();
        all.retain(|f| seen.insert(f.system_name.clone()));
        let mut frame = Frame::load(store, &self.table, &all).await?;
        if filters.is_empty() && selection.within.is_none() {
            return Ok(frame);
        }
        let mut keep = vec![true; frame.len()];
        for (f, value) in filters {
            let wanted = filter_values(f, value);
            for (i, k) in keep.iter_mut().enumerate() {
                if *k {
                    *k = matches(&frame, f, i, &wanted);
                }
            }
        }
        if let (Some(within), Some((lat, lon))) = (&selection.within, coords) {
            let (lats, lons) = (
                frame.num(&lat.system_name).unwrap_or_default(),
                frame.num(&lon.system_name).unwrap_or_default(),
            );
            for (i, k) in keep.iter_mut().enumerate() {
                *k = *k
                    && lats[i].is_finite()
                    && lons[i].is_finite()
                    && within.contains(lats[i], lons[i]);
            }
        }
        frame.retain(&keep);
        Ok(frame)
    }
}

/// The values a filter accepts: the value itself, and the lookup codes whose long value it is.
fn filter_values(f: &Field, value: &str) -> Vec<String> {
    let mut out = vec![value.trim().to_owned()];
    if let Some(lookup) = &f.lookup {
        out.extend(
            lookup
                .iter()
                .filter(|(_, long)| long.trim().eq_ignore_ascii_case(value.trim()))
                .map(|(code, _)| code.clone()),
        );
    }
    out
}

fn matches(frame: &Frame, f: &Field, row: usize, wanted: &[String]) -> bool {
    match frame.col(&f.system_name) {
        Some(Col::Num(v)) => wanted
            .iter()
            .filter_map(|w| w.parse::<f64>().ok())
            .any(|w| v[row] == w),
        _ => frame
            .value_text(&f.system_name, row)
            .is_some_and(|v| wanted.contains(&v)),
    }
}

const MAPPING_TABLE: &str = "CREATE TABLE IF NOT EXISTS analytics_field_map (
    connection_id INTEGER NOT NULL,
    resource TEXT NOT NULL,
    class TEXT NOT NULL,
    mapping_json TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (connection_id, resource, class))";

/// The user's saved role → field mapping of a class.
pub async fn saved_mapping(
    store: &Store,
    table: &ListingTable,
) -> Result<BTreeMap<Role, String>, AnalyticsError> {
    sqlx::query(MAPPING_TABLE).execute(store.pool()).await?;
    let row = sqlx::query(
        "SELECT mapping_json FROM analytics_field_map WHERE connection_id = ? AND resource = ? AND class = ?",
    )
    .bind(table.connection_id)
    .bind(&table.resource)
    .bind(&table.class)
    .fetch_optional(store.pool())
    .await?;
    match row {
        None => Ok(BTreeMap::new()),
        Some(row) => Ok(serde_json::from_str(&row.try_get::<String, _>(0)?)?),
    }
}

/// Saves the role → field mapping of a class (an empty mapping clears it);
/// `class` is opened with the same mapping, which checked its fields.
pub async fn save_mapping(
    store: &Store,
    class: &Class,
    mapping: &BTreeMap<Role, String>,
) -> Result<(), AnalyticsError> {
    sqlx::query(MAPPING_TABLE).execute(store.pool()).await?;
    sqlx::query(
        "INSERT INTO analytics_field_map (connection_id, resource, class, mapping_json, updated_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (connection_id, resource, class) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at",
    )
    .bind(class.table.connection_id)
    .bind(&class.table.resource)
    .bind(&class.table.class)
    .bind(serde_json::to_string(mapping)?)
    .bind(mls_store::timestamp())
    .execute(store.pool())
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_areas_contain_points() {
        // Ann Arbor to Detroit is about 36 miles.
        let d = haversine_miles(42.2808, -83.7430, 42.3314, -83.0458);
        assert!((d - 35.9).abs() < 1.0, "{d}");
        let r = Within::Radius {
            lat: 42.28,
            lon: -83.74,
            miles: 5.0,
        };
        assert!(r.contains(42.30, -83.70));
        assert!(!r.contains(42.33, -83.05));
        let square = Within::Polygon {
            points: vec![(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0)],
        };
        assert!(square.contains(0.5, 0.5));
        assert!(!square.contains(1.5, 0.5));
    }
}
