//! Metadata segments: each METADATA-* table built from the schema as rows of
//! strings with nested child segments, ready for COMPACT or XML output.

use crate::schema::{Column, ResourceDef, Schema};

/// One metadata segment: a table of items, each with nested child segments.
pub(super) struct Segment {
    pub name: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub item: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<(Vec<String>, Vec<Segment>)>,
}

const RESOURCE_COLS: &[&str] = &[
    "ResourceID",
    "StandardName",
    "VisibleName",
    "Description",
    "KeyField",
    "ClassCount",
    "ClassVersion",
    "ClassDate",
    "ObjectVersion",
    "ObjectDate",
    "SearchHelpVersion",
    "SearchHelpDate",
    "EditMaskVersion",
    "EditMaskDate",
    "LookupVersion",
    "LookupDate",
    "UpdateHelpVersion",
    "UpdateHelpDate",
    "ValidationExpressionVersion",
    "ValidationExpressionDate",
    "ValidationLookupVersion",
    "ValidationLookupDate",
    "ValidationExternalVersion",
    "ValidationExternalDate",
];
const CLASS_COLS: &[&str] = &[
    "ClassName",
    "StandardName",
    "VisibleName",
    "Description",
    "TableVersion",
    "TableDate",
    "UpdateVersion",
    "UpdateDate",
    "ClassTimeStamp",
    "DeletedFlagField",
    "DeletedFlagValue",
    "HasKeyIndex",
];
const TABLE_COLS: &[&str] = &[
    "MetadataEntryID",
    "SystemName",
    "StandardName",
    "LongName",
    "DBName",
    "ShortName",
    "MaximumLength",
    "DataType",
    "Precision",
    "Searchable",
    "Interpretation",
    "Alignment",
    "UseSeparator",
    "EditMaskID",
    "LookupName",
    "MaxSelect",
    "Units",
    "Index",
    "Minimum",
    "Maximum",
    "Default",
    "Required",
    "SearchHelpID",
    "Unique",
    "ModTimeStamp",
    "ForeignKeyName",
    "ForeignField",
    "InKeyIndex",
];
const LOOKUP_COLS: &[&str] = &[
    "MetadataEntryID",
    "LookupName",
    "VisibleName",
    "Version",
    "Date",
];
const LOOKUP_TYPE_COLS: &[&str] = &["MetadataEntryID", "LongValue", "ShortValue", "Value"];
const OBJECT_COLS: &[&str] = &[
    "MetadataEntryID",
    "ObjectType",
    "MIMEType",
    "VisibleName",
    "Description",
    "ObjectTimeStamp",
    "ObjectCount",
];

pub(super) struct Ctx<'a> {
    pub s: &'a Schema,
}

impl Ctx<'_> {
    fn vd(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Version", self.s.version.to_string()),
            ("Date", self.s.date.clone()),
        ]
    }

    fn with(&self, first: (&'static str, String)) -> Vec<(&'static str, String)> {
        let mut a = vec![first];
        a.extend(self.vd());
        a
    }

    pub fn resources(&self, deep: bool) -> Segment {
        let (v, d) = (self.s.version.to_string(), self.s.date.clone());
        let rows = self
            .s
            .resources
            .iter()
            .map(|r| {
                let mut row = vec![
                    r.id.into(),
                    r.standard.into(),
                    r.id.into(),
                    r.description.into(),
                    r.key_field.into(),
                ];
                row.push(r.classes.len().to_string());
                for _ in 0..9 {
                    row.push(v.clone());
                    row.push(d.clone());
                }
                let children = if deep {
                    vec![
                        self.classes(r, None, true),
                        self.objects(r),
                        self.lookups(r, None, true),
                    ]
                } else {
                    vec![]
                };
                (row, children)
            })
            .collect();
        Segment {
            name: "METADATA-RESOURCE",
            attrs: self.vd(),
            item: "Resource",
            columns: RESOURCE_COLS,
            rows,
        }
    }

    pub fn classes(&self, r: &ResourceDef, only: Option<&str>, deep: bool) -> Segment {
        let rows = r
            .classes
            .iter()
            .filter(|c| only.is_none_or(|o| c.name.eq_ignore_ascii_case(o)))
            .map(|c| {
                let row = vec![
                    c.name.into(),
                    c.standard.into(),
                    c.visible.into(),
                    c.description.into(),
                    self.s.version.into(),
                    self.s.date.clone(),
                    String::new(),
                    String::new(),
                    "ModificationTimestamp".into(),
                    String::new(),
                    String::new(),
                    "1".into(),
                ];
                let children = if deep {
                    vec![self.table(r, c.name)]
                } else {
                    vec![]
                };
                (row, children)
            })
            .collect();
        Segment {
            name: "METADATA-CLASS",
            attrs: self.with(("Resource", r.id.into())),
            item: "Class",
            columns: CLASS_COLS,
            rows,
        }
    }

    pub fn table(&self, r: &ResourceDef, class: &'static str) -> Segment {
        let cols: Vec<&Column> = match r.class(class) {
            Some(c) => r.class_columns(c).collect(),
            None => vec![],
        };
        let rows = cols
            .iter()
            .map(|c| {
                let row = vec![
                    format!("{}_{}", r.id, c.system),
                    c.system.into(),
                    c.standard.into(),
                    c.long.into(),
                    c.db.clone(),
                    c.short.clone(),
                    c.max_len.to_string(),
                    c.dtype.name().into(),
                    if c.dtype == crate::schema::DataType::Decimal {
                        c.precision.to_string()
                    } else {
                        String::new()
                    },
                    "1".into(),
                    c.interp.name().into(),
                    String::new(),
                    "0".into(),
                    String::new(),
                    c.lookup.unwrap_or("").into(),
                    if c.interp == crate::schema::Interp::LookupMulti {
                        "20".into()
                    } else {
                        String::new()
                    },
                    String::new(),
                    if c.system == r.key_field { "1" } else { "0" }.into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    if c.system == r.key_field { "1" } else { "0" }.into(),
                    String::new(),
                    if c.system == r.key_field { "1" } else { "0" }.into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    if c.system == r.key_field { "1" } else { "0" }.into(),
                ];
                (row, vec![])
            })
            .collect();
        let mut attrs = vec![("Resource", r.id.to_string()), ("Class", class.to_string())];
        attrs.extend(self.vd());
        Segment {
            name: "METADATA-TABLE",
            attrs,
            item: "Field",
            columns: TABLE_COLS,
            rows,
        }
    }

    pub fn lookups(&self, r: &ResourceDef, only: Option<&str>, deep: bool) -> Segment {
        let rows = r
            .lookups
            .iter()
            .filter(|l| only.is_none_or(|o| l.name.eq_ignore_ascii_case(o)))
            .map(|l| {
                let row = vec![
                    format!("{}_{}", r.id, l.name),
                    l.name.into(),
                    l.visible.into(),
                    self.s.version.into(),
                    self.s.date.clone(),
                ];
                let children = if deep {
                    vec![self.lookup_type(r, l.name)]
                } else {
                    vec![]
                };
                (row, children)
            })
            .collect();
        Segment {
            name: "METADATA-LOOKUP",
            attrs: self.with(("Resource", r.id.into())),
            item: "Lookup",
            columns: LOOKUP_COLS,
            rows,
        }
    }

    pub fn lookup_type(&self, r: &ResourceDef, name: &'static str) -> Segment {
        let rows = r
            .lookup(name)
            .map(|l| {
                l.values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        (
                            vec![
                                format!("{name}_{i}"),
                                v.long.clone(),
                                v.short.clone(),
                                v.value.clone(),
                            ],
                            vec![],
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut attrs = vec![("Resource", r.id.to_string()), ("Lookup", name.to_string())];
        attrs.extend(self.vd());
        Segment {
            name: "METADATA-LOOKUP_TYPE",
            attrs,
            item: "LookupType",
            columns: LOOKUP_TYPE_COLS,
            rows,
        }
    }

    pub fn objects(&self, r: &ResourceDef) -> Segment {
        let rows = r
            .objects
            .iter()
            .map(|o| {
                let row = vec![
                    format!("{}_{}", r.id, o.object_type),
                    o.object_type.into(),
                    o.mime.into(),
                    o.visible.into(),
                    o.description.into(),
                    String::new(),
                    String::new(),
                ];
                (row, vec![])
            })
            .collect();
        Segment {
            name: "METADATA-OBJECT",
            attrs: self.with(("Resource", r.id.into())),
            item: "Object",
            columns: OBJECT_COLS,
            rows,
        }
    }
}
