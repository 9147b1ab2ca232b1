//! The Demo MLS metadata model: resources, classes, fields (with getters that
//! derive each value from the compact records on demand) and lookups. The same
//! definitions drive GetMetadata replies, DMQL evaluation and Search output.

pub mod lookups;
pub mod property;
pub mod roster;

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use crate::data::{Agent, Dataset, Listing, Office, OpenHouse, PropClass};
use crate::rng::mix;

/// RETS field data types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataType {
    /// `Boolean` (1/0).
    Boolean,
    /// `Character`.
    Character,
    /// `Date`.
    Date,
    /// `DateTime`.
    DateTime,
    /// `Tiny` integer.
    Tiny,
    /// `Small` integer.
    Small,
    /// `Int`.
    Int,
    /// `Long`.
    Long,
    /// `Decimal`.
    Decimal,
}

impl DataType {
    /// RETS name of the type.
    pub fn name(self) -> &'static str {
        match self {
            DataType::Boolean => "Boolean",
            DataType::Character => "Character",
            DataType::Date => "Date",
            DataType::DateTime => "DateTime",
            DataType::Tiny => "Tiny",
            DataType::Small => "Small",
            DataType::Int => "Int",
            DataType::Long => "Long",
            DataType::Decimal => "Decimal",
        }
    }

    /// True for the numeric types.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            DataType::Tiny | DataType::Small | DataType::Int | DataType::Long | DataType::Decimal
        )
    }
}

/// Field interpretation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interp {
    /// None given.
    Plain,
    /// `Number`.
    Number,
    /// `Currency`.
    Currency,
    /// `Lookup` (one value).
    Lookup,
    /// `LookupMulti` (comma-separated values).
    LookupMulti,
}

impl Interp {
    /// RETS name ("" for none).
    pub fn name(self) -> &'static str {
        match self {
            Interp::Plain => "",
            Interp::Number => "Number",
            Interp::Currency => "Currency",
            Interp::Lookup => "Lookup",
            Interp::LookupMulti => "LookupMulti",
        }
    }
}

/// A field value, derived on demand.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// No value.
    Null,
    /// Integer.
    Int(i64),
    /// Decimal (printed with the field's precision).
    Dec(f64),
    /// Text.
    Text(Cow<'static, str>),
    /// Calendar day.
    Date(NaiveDate),
    /// Date and time (UTC).
    DateTime(NaiveDateTime),
    /// Boolean.
    Bool(bool),
    /// Index into the field's lookup.
    Lookup(u16),
    /// Indexes into the field's lookup.
    Multi(Vec<u16>),
}

impl Val {
    /// Date from days since the epoch (`Null` for 0).
    pub fn day(days: i32) -> Val {
        if days == 0 {
            return Val::Null;
        }
        NaiveDate::from_num_days_from_ce_opt(days + 719_163).map_or(Val::Null, Val::Date)
    }

    /// Date-time from unix seconds (`Null` for 0).
    pub fn ts(secs: i64) -> Val {
        if secs == 0 {
            return Val::Null;
        }
        DateTime::from_timestamp(secs, 0).map_or(Val::Null, |d| Val::DateTime(d.naive_utc()))
    }

    /// Owned text.
    pub fn text(s: String) -> Val {
        Val::Text(Cow::Owned(s))
    }

    /// Static text.
    pub fn str(s: &'static str) -> Val {
        Val::Text(Cow::Borrowed(s))
    }
}

/// Values derived from a hash of the record key instead of being stored.
#[derive(Debug, Clone, Copy)]
pub enum Detail {
    /// One lookup value of `n`, or none `none_pct` % of the time.
    Lookup {
        /// Number of lookup values.
        n: u16,
        /// Percent of records without a value.
        none_pct: u8,
    },
    /// One to `max` distinct lookup values of `n`.
    Multi {
        /// Number of lookup values.
        n: u16,
        /// Most values per record.
        max: u8,
    },
    /// An integer in `lo..=hi`.
    Int {
        /// Lowest value.
        lo: i64,
        /// Highest value.
        hi: i64,
    },
    /// True `pct` % of the time.
    Bool {
        /// Percent true.
        pct: u8,
    },
    /// One of the given strings.
    Text(&'static [&'static str]),
}

/// How a column obtains its value from a record.
#[derive(Debug, Clone, Copy)]
pub enum Getter {
    /// Computed from a listing.
    Listing(fn(&Dataset, &Listing) -> Val),
    /// Hashed from a listing's key.
    Detail(Detail),
    /// Computed from an agent.
    Agent(fn(&Dataset, &Agent) -> Val),
    /// Computed from an office.
    Office(fn(&Dataset, &Office) -> Val),
    /// Computed from an open house.
    OpenHouse(fn(&Dataset, &OpenHouse) -> Val),
}

/// A record of any resource.
#[derive(Debug, Clone, Copy)]
pub enum Rec<'a> {
    /// A Property listing.
    Listing(&'a Listing),
    /// An Agent.
    Agent(&'a Agent),
    /// An Office.
    Office(&'a Office),
    /// An OpenHouse.
    OpenHouse(&'a OpenHouse),
}

/// The metadata of one field (one row of METADATA-TABLE).
#[derive(Debug, Clone)]
pub struct Column {
    /// SystemName.
    pub system: &'static str,
    /// StandardName.
    pub standard: &'static str,
    /// LongName.
    pub long: &'static str,
    /// ShortName.
    pub short: String,
    /// DBName.
    pub db: String,
    /// DataType.
    pub dtype: DataType,
    /// MaximumLength.
    pub max_len: u16,
    /// Precision (decimals).
    pub precision: u8,
    /// Interpretation.
    pub interp: Interp,
    /// LookupName, if a lookup field.
    pub lookup: Option<&'static str>,
    /// Classes the field belongs to (bit per class; roster resources use 1).
    pub classes: u8,
    /// Value source.
    pub get: Getter,
    salt: u64,
}

impl Column {
    /// A plain field.
    pub fn new(
        system: &'static str,
        standard: &'static str,
        long: &'static str,
        dtype: DataType,
        max_len: u16,
        classes: u8,
        get: Getter,
    ) -> Self {
        let short: String = long
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(14)
            .collect();
        Column {
            system,
            standard,
            long,
            short,
            db: system.to_ascii_lowercase().chars().take(10).collect(),
            dtype,
            max_len,
            precision: 0,
            interp: match dtype {
                DataType::Decimal
                | DataType::Int
                | DataType::Long
                | DataType::Small
                | DataType::Tiny => Interp::Number,
                _ => Interp::Plain,
            },
            lookup: None,
            classes,
            get,
            salt: crate::places::hash_str(system),
        }
    }

    /// Marks the field as a (multi) lookup over `name`.
    pub fn lookup(mut self, name: &'static str, multi: bool) -> Self {
        self.lookup = Some(name);
        self.interp = if multi {
            Interp::LookupMulti
        } else {
            Interp::Lookup
        };
        self
    }

    /// Marks the field as currency.
    pub fn currency(mut self) -> Self {
        self.interp = Interp::Currency;
        self
    }

    /// Sets the decimal precision.
    pub fn precision(mut self, p: u8) -> Self {
        self.precision = p;
        self
    }

    /// The field's value for `rec` (`Null` when the getter is for another resource).
    pub fn value(&self, ds: &Dataset, rec: Rec<'_>) -> Val {
        match (self.get, rec) {
            (Getter::Listing(f), Rec::Listing(l)) => f(ds, l),
            (Getter::Detail(d), Rec::Listing(l)) => {
                detail(d, mix(self.salt ^ ds.seed(), u64::from(l.key)))
            }
            (Getter::Agent(f), Rec::Agent(a)) => f(ds, a),
            (Getter::Office(f), Rec::Office(o)) => f(ds, o),
            (Getter::OpenHouse(f), Rec::OpenHouse(o)) => f(ds, o),
            _ => Val::Null,
        }
    }
}

fn detail(d: Detail, h: u64) -> Val {
    let pct = (h % 100) as u8;
    let h2 = h >> 8;
    match d {
        Detail::Lookup { n, none_pct } => {
            if pct < none_pct {
                Val::Null
            } else {
                Val::Lookup((h2 % u64::from(n)) as u16)
            }
        }
        Detail::Multi { n, max } => {
            let count = 1 + (h2 % u64::from(max)) as u16;
            let mut v: Vec<u16> = (0..count)
                .map(|i| (mix(h, u64::from(i)) % u64::from(n)) as u16)
                .collect();
            v.sort_unstable();
            v.dedup();
            Val::Multi(v)
        }
        Detail::Int { lo, hi } => Val::Int(lo + (h2 % (hi - lo + 1) as u64) as i64),
        Detail::Bool { pct: p } => Val::Bool(pct < p),
        Detail::Text(list) => Val::str(list[(h2 % list.len() as u64) as usize]),
    }
}

/// One lookup value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupValue {
    /// Compact value used in queries and COMPACT replies.
    pub value: String,
    /// ShortValue.
    pub short: String,
    /// LongValue (COMPACT-DECODED).
    pub long: String,
}

/// A named lookup table of a resource.
#[derive(Debug, Clone)]
pub struct LookupDef {
    /// LookupName.
    pub name: &'static str,
    /// VisibleName.
    pub visible: &'static str,
    /// Values in order.
    pub values: Vec<LookupValue>,
}

impl LookupDef {
    /// Builds a lookup from `(value, long value)` pairs.
    pub fn from_pairs(name: &'static str, visible: &'static str, pairs: &[(&str, &str)]) -> Self {
        LookupDef {
            name,
            visible,
            values: pairs
                .iter()
                .map(|(v, l)| LookupValue {
                    value: (*v).to_string(),
                    short: l.chars().take(15).collect(),
                    long: (*l).to_string(),
                })
                .collect(),
        }
    }

    /// Index of a compact value.
    pub fn position(&self, value: &str) -> Option<u16> {
        self.values
            .iter()
            .position(|v| v.value == value)
            .map(|i| i as u16)
    }
}

/// A class of a resource.
#[derive(Debug, Clone)]
pub struct ClassDef {
    /// ClassName.
    pub name: &'static str,
    /// StandardName.
    pub standard: &'static str,
    /// VisibleName.
    pub visible: &'static str,
    /// Description.
    pub description: &'static str,
    /// Bit selecting this class's columns.
    pub mask: u8,
    /// The Property class, for Property.
    pub prop_class: Option<PropClass>,
}

/// An object type (METADATA-OBJECT row).
#[derive(Debug, Clone)]
pub struct ObjectDef {
    /// ObjectType.
    pub object_type: &'static str,
    /// MIME type.
    pub mime: &'static str,
    /// VisibleName.
    pub visible: &'static str,
    /// Description.
    pub description: &'static str,
}

/// Which records a resource holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceKind {
    /// Listings.
    Property,
    /// Agents.
    Agent,
    /// Offices.
    Office,
    /// Open houses.
    OpenHouse,
}

/// A resource with its classes, fields, lookups and objects.
#[derive(Debug, Clone)]
pub struct ResourceDef {
    /// ResourceID.
    pub id: &'static str,
    /// Which records.
    pub kind: ResourceKind,
    /// StandardName.
    pub standard: &'static str,
    /// Description.
    pub description: &'static str,
    /// SystemName of the key field.
    pub key_field: &'static str,
    /// Classes.
    pub classes: Vec<ClassDef>,
    /// All columns of all classes.
    pub columns: Vec<Column>,
    /// Lookup tables.
    pub lookups: Vec<LookupDef>,
    /// Object types.
    pub objects: Vec<ObjectDef>,
}

impl ResourceDef {
    /// Class by name (case-insensitive).
    pub fn class(&self, name: &str) -> Option<&ClassDef> {
        self.classes
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// Columns of a class, in metadata order.
    pub fn class_columns<'a>(
        &'a self,
        class: &'a ClassDef,
    ) -> impl Iterator<Item = &'a Column> + 'a {
        self.columns
            .iter()
            .filter(move |c| c.classes & class.mask != 0)
    }

    /// Lookup by name.
    pub fn lookup(&self, name: &str) -> Option<&LookupDef> {
        self.lookups.iter().find(|l| l.name == name)
    }
}

/// The whole metadata of the Demo MLS.
#[derive(Debug, Clone)]
pub struct Schema {
    /// Resources in metadata order.
    pub resources: Vec<ResourceDef>,
    /// Metadata version (`MetadataVersion`).
    pub version: &'static str,
    /// Metadata timestamp (RETS date-time).
    pub date: String,
}

impl Schema {
    /// Builds the metadata for a data set's geography.
    pub fn build(ds: &Dataset) -> Self {
        let date = match Val::ts(ds.anchor() - 30 * 86_400) {
            Val::DateTime(d) => d.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            _ => String::new(),
        };
        Schema {
            resources: vec![
                property::resource(ds.places()),
                roster::agent(),
                roster::office(),
                roster::open_house(),
            ],
            version: "1.12.00042",
            date,
        }
    }

    /// Resource by ID (case-insensitive).
    pub fn resource(&self, id: &str) -> Option<&ResourceDef> {
        self.resources
            .iter()
            .find(|r| r.id.eq_ignore_ascii_case(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn residential_has_about_a_hundred_documented_fields() {
        let ds = Dataset::generate(1, 200, 1_780_000_000);
        let schema = Schema::build(&ds);
        let prop = schema.resource("property").unwrap();
        let res = prop.class("Residential").unwrap();
        let cols: Vec<_> = prop.class_columns(res).collect();
        assert!(cols.len() >= 95, "{} fields", cols.len());
        let mut names = std::collections::HashSet::new();
        for c in &cols {
            assert!(names.insert(c.system), "duplicate {}", c.system);
            if let Some(l) = c.lookup {
                let def = prop
                    .lookup(l)
                    .unwrap_or_else(|| panic!("lookup {l} of {}", c.system));
                assert!(!def.values.is_empty());
            }
        }
        for std in [
            "ListPrice",
            "ListingKey",
            "ModificationTimestamp",
            "City",
            "Latitude",
            "BedroomsTotal",
            "StandardStatus",
            "ListAgentKey",
            "PublicRemarks",
            "ClosePrice",
        ] {
            assert!(cols.iter().any(|c| c.standard == std), "missing {std}");
        }
        for l in ds.listings().iter().take(50) {
            for c in prop.columns.iter() {
                match (
                    c.value(&ds, Rec::Listing(l)),
                    c.lookup.and_then(|n| prop.lookup(n)),
                ) {
                    (Val::Lookup(i), Some(def)) => {
                        assert!((i as usize) < def.values.len(), "{}", c.system)
                    }
                    (Val::Multi(v), Some(def)) => {
                        assert!(v.iter().all(|i| (*i as usize) < def.values.len()))
                    }
                    (Val::Lookup(_) | Val::Multi(_), None) => panic!("{} has no lookup", c.system),
                    _ => {}
                }
            }
        }
        for r in &schema.resources {
            for l in &r.lookups {
                let mut seen = std::collections::HashSet::new();
                for v in &l.values {
                    assert!(seen.insert(&v.value), "duplicate {} in {}", v.value, l.name);
                    assert!(
                        v.value.chars().all(|c| c.is_ascii_alphanumeric()),
                        "{} in {} is not a plain code",
                        v.value,
                        l.name
                    );
                }
            }
        }
        let land = prop.class("Land").unwrap();
        assert!(prop.class_columns(land).count() < cols.len());
        for r in &schema.resources[1..] {
            assert!(r.columns.iter().any(|c| c.system == r.key_field));
        }
    }
}
