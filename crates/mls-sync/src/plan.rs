//! From metadata to a sync plan: the class's columns and types, which field is the
//! key and which the modification timestamp, and which deserve an index. Looks at
//! StandardNames first, then common SystemNames.

use mls_store::metadata::{ClassMeta, FieldMeta, ResourceMeta};
use mls_store::{FieldKind, FieldSpec, IndexHints, MetadataSnapshot};

use crate::error::SyncError;

/// What the engine needs to know about one class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassPlan {
    /// Columns of the listing table.
    pub fields: Vec<FieldSpec>,
    /// Index hints for the listing table.
    pub hints: IndexHints,
    /// SystemName of the key field.
    pub key_field: String,
    /// SystemName of the modification timestamp field.
    pub modified_field: String,
}

/// Names a role may go by: StandardNames, then SystemNames (case-insensitive).
struct Role {
    standard: &'static [&'static str],
    system: &'static [&'static str],
}

const KEY: Role = Role {
    standard: &["ListingKey", "ListingKeyNumeric"],
    system: &[
        "ListingKey",
        "LISTING_KEY",
        "L_ListingID",
        "sysid",
        "Matrix_Unique_ID",
    ],
};
const MODIFIED: Role = Role {
    standard: &["ModificationTimestamp"],
    system: &[
        "ModificationTimestamp",
        "MODIFIED",
        "L_UpdateDate",
        "LastModifiedDateTime",
    ],
};
const STATUS: Role = Role {
    standard: &["StandardStatus", "ListingStatus", "MlsStatus"],
    system: &["Status", "STATUS", "ListingStatus", "L_Status"],
};
const PRICE: Role = Role {
    standard: &["ListPrice"],
    system: &["ListPrice", "LIST_PRICE", "L_AskingPrice"],
};
const CITY: Role = Role {
    standard: &["City"],
    system: &["City", "CITY", "L_City"],
};
const LATITUDE: Role = Role {
    standard: &["Latitude"],
    system: &["Latitude", "LATITUDE", "LAT"],
};
const LONGITUDE: Role = Role {
    standard: &["Longitude"],
    system: &["Longitude", "LONGITUDE", "LON", "LNG"],
};

fn find(fields: &[FieldMeta], role: &Role) -> Option<String> {
    let by_std = role.standard.iter().find_map(|s| {
        fields
            .iter()
            .find(|f| f.standard_name.as_deref() == Some(*s))
    });
    let by_sys = || {
        role.system.iter().find_map(|s| {
            fields
                .iter()
                .find(|f| f.system_name.eq_ignore_ascii_case(s))
        })
    };
    by_std.or_else(by_sys).map(|f| f.system_name.clone())
}

/// Find resource and class in a snapshot.
pub fn find_class<'a>(
    md: &'a MetadataSnapshot,
    resource: &str,
    class: &str,
) -> Result<(&'a ResourceMeta, &'a ClassMeta), SyncError> {
    md.resources
        .iter()
        .find(|r| r.id == resource)
        .and_then(|r| r.classes.iter().find(|c| c.name == class).map(|c| (r, c)))
        .ok_or_else(|| SyncError::UnknownClass {
            resource: resource.to_string(),
            class: class.to_string(),
        })
}

/// Build the plan for `resource:class`; `key_field` / `modified_field` override detection.
pub fn plan_class(
    md: &MetadataSnapshot,
    resource: &str,
    class: &str,
    key_field: Option<&str>,
    modified_field: Option<&str>,
) -> Result<ClassPlan, SyncError> {
    let (res, cls) = find_class(md, resource, class)?;
    let what = format!("{resource}:{class}");
    let has = |name: &str| cls.fields.iter().any(|f| f.system_name == name);
    let key_field = key_field
        .map(str::to_string)
        .or_else(|| res.key_field.clone().filter(|k| has(k)))
        .or_else(|| find(&cls.fields, &KEY))
        .ok_or_else(|| SyncError::Unsupported(what.clone(), "no key field in metadata".into()))?;
    let modified_field = modified_field
        .map(str::to_string)
        .or_else(|| cls.time_stamp_field.clone().filter(|k| has(k)))
        .or_else(|| find(&cls.fields, &MODIFIED))
        .ok_or_else(|| {
            SyncError::Unsupported(what.clone(), "no modification timestamp field".into())
        })?;
    for (role, f) in [("key", &key_field), ("timestamp", &modified_field)] {
        if !has(f) {
            let why = format!("{role} field {f} is not a field of the class");
            return Err(SyncError::Unsupported(what, why));
        }
    }
    let fields = cls
        .fields
        .iter()
        .map(|f| {
            FieldSpec::new(
                f.system_name.clone(),
                FieldKind::from_rets_data_type(&f.data_type),
            )
        })
        .collect();
    let hints = IndexHints {
        key: Some(key_field.clone()),
        modified: Some(modified_field.clone()),
        status: find(&cls.fields, &STATUS),
        price: find(&cls.fields, &PRICE),
        city: find(&cls.fields, &CITY),
        latitude: find(&cls.fields, &LATITUDE),
        longitude: find(&cls.fields, &LONGITUDE),
    };
    Ok(ClassPlan {
        fields,
        hints,
        key_field,
        modified_field,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(sys: &str, std: Option<&str>, ty: &str) -> FieldMeta {
        FieldMeta {
            system_name: sys.into(),
            standard_name: std.map(Into::into),
            data_type: ty.into(),
            ..Default::default()
        }
    }

    fn md(key_field: Option<&str>, ts: Option<&str>) -> MetadataSnapshot {
        MetadataSnapshot {
            version: "1".into(),
            resources: vec![ResourceMeta {
                id: "Property".into(),
                key_field: key_field.map(Into::into),
                classes: vec![ClassMeta {
                    name: "RES".into(),
                    description: None,
                    time_stamp_field: ts.map(Into::into),
                    fields: vec![
                        field("sysid", None, "Int"),
                        field("L_UPD", Some("ModificationTimestamp"), "DateTime"),
                        field("LP", Some("ListPrice"), "Decimal"),
                        field("CITY", None, "Character"),
                        field("LAT", Some("Latitude"), "Decimal"),
                        field("LNG", None, "Decimal"),
                    ],
                }],
                lookups: vec![],
            }],
        }
    }

    #[test]
    fn detects_roles_by_standard_then_system_name() {
        let p = plan_class(&md(Some("sysid"), None), "Property", "RES", None, None).unwrap();
        assert_eq!(
            (p.key_field.as_str(), p.modified_field.as_str()),
            ("sysid", "L_UPD")
        );
        assert_eq!(p.hints.price.as_deref(), Some("LP"));
        assert_eq!(p.hints.city.as_deref(), Some("CITY"));
        assert_eq!(p.hints.latitude.as_deref(), Some("LAT"));
        assert_eq!(p.hints.longitude.as_deref(), Some("LNG"));
        assert_eq!(p.hints.status, None);
        assert_eq!(p.fields[0].kind, FieldKind::Integer);
    }

    #[test]
    fn overrides_and_errors() {
        let p = plan_class(
            &md(None, None),
            "Property",
            "RES",
            Some("sysid"),
            Some("L_UPD"),
        )
        .unwrap();
        assert_eq!(p.key_field, "sysid");
        let e = plan_class(&md(None, None), "Property", "RES", Some("nope"), None).unwrap_err();
        assert!(
            e.to_string().contains("key field nope is not a field"),
            "{e}"
        );
        let e = plan_class(&md(None, None), "Property", "CND", None, None).unwrap_err();
        assert!(matches!(e, SyncError::UnknownClass { .. }));
    }
}
