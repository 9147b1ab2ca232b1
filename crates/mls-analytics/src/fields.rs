//! Which column of a class plays which part (close price, close date, living
//! area, …), whatever the MLS calls it. Every MLS names its fields differently,
//! so a role is found by the RESO StandardName first, then by the RETS 1.x names
//! and common SystemNames, and a per-class mapping saved by the user wins over
//! both. A role nobody found stays empty: the statistic that needs it says so.

use std::collections::BTreeMap;

use mls_store::MetadataSnapshot;
use mls_store::listings::{FieldKind, ListingTable};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A part a field can play in analytics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    ClosePrice,
    CloseDate,
    ListPrice,
    ListDate,
    OriginalListPrice,
    ContractDate,
    OffMarketDate,
    DaysOnMarket,
    Status,
    LivingArea,
    LotSizeSquareFeet,
    LotSizeAcres,
    YearBuilt,
    Bedrooms,
    BathsFull,
    BathsHalf,
    BathsTotal,
    GarageSpaces,
    Latitude,
    Longitude,
    City,
    PostalCode,
    County,
    Subdivision,
    PropertyType,
    PropertySubType,
    Address,
}

/// What kind of column a role needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Number,
    Date,
    Text,
}

impl Role {
    /// Every role, in the order they are listed to users.
    pub const ALL: [Role; 27] = [
        Role::ClosePrice,
        Role::CloseDate,
        Role::ListPrice,
        Role::ListDate,
        Role::OriginalListPrice,
        Role::ContractDate,
        Role::OffMarketDate,
        Role::DaysOnMarket,
        Role::Status,
        Role::LivingArea,
        Role::LotSizeSquareFeet,
        Role::LotSizeAcres,
        Role::YearBuilt,
        Role::Bedrooms,
        Role::BathsFull,
        Role::BathsHalf,
        Role::BathsTotal,
        Role::GarageSpaces,
        Role::Latitude,
        Role::Longitude,
        Role::City,
        Role::PostalCode,
        Role::County,
        Role::Subdivision,
        Role::PropertyType,
        Role::PropertySubType,
        Role::Address,
    ];

    /// The role's name as users type it (`close_price`).
    pub fn name(self) -> &'static str {
        match self {
            Role::ClosePrice => "close_price",
            Role::CloseDate => "close_date",
            Role::ListPrice => "list_price",
            Role::ListDate => "list_date",
            Role::OriginalListPrice => "original_list_price",
            Role::ContractDate => "contract_date",
            Role::OffMarketDate => "off_market_date",
            Role::DaysOnMarket => "days_on_market",
            Role::Status => "status",
            Role::LivingArea => "living_area",
            Role::LotSizeSquareFeet => "lot_size_sqft",
            Role::LotSizeAcres => "lot_size_acres",
            Role::YearBuilt => "year_built",
            Role::Bedrooms => "bedrooms",
            Role::BathsFull => "baths_full",
            Role::BathsHalf => "baths_half",
            Role::BathsTotal => "baths_total",
            Role::GarageSpaces => "garage_spaces",
            Role::Latitude => "latitude",
            Role::Longitude => "longitude",
            Role::City => "city",
            Role::PostalCode => "postal_code",
            Role::County => "county",
            Role::Subdivision => "subdivision",
            Role::PropertyType => "property_type",
            Role::PropertySubType => "property_sub_type",
            Role::Address => "address",
        }
    }

    /// Parses a role name; also takes `postal`, `zip` and the StandardNames.
    pub fn parse(s: &str) -> Option<Role> {
        let n = norm(s);
        Role::ALL.into_iter().find(|r| {
            norm(r.name()) == n
                || r.standard_names().iter().any(|s| norm(s) == n)
                || match r {
                    Role::PostalCode => n == "postal" || n == "zip",
                    Role::LotSizeSquareFeet => n == "lotsizesqft",
                    _ => false,
                }
        })
    }

    fn want(self) -> Want {
        match self {
            Role::CloseDate | Role::ListDate | Role::ContractDate | Role::OffMarketDate => {
                Want::Date
            }
            Role::Status
            | Role::City
            | Role::PostalCode
            | Role::County
            | Role::Subdivision
            | Role::PropertyType
            | Role::PropertySubType
            | Role::Address => Want::Text,
            _ => Want::Number,
        }
    }

    /// RESO Data Dictionary StandardNames, best first.
    fn standard_names(self) -> &'static [&'static str] {
        match self {
            Role::ClosePrice => &["ClosePrice"],
            Role::CloseDate => &["CloseDate"],
            Role::ListPrice => &["ListPrice"],
            Role::ListDate => &["ListingContractDate", "OnMarketDate"],
            Role::OriginalListPrice => &["OriginalListPrice"],
            Role::ContractDate => &["PurchaseContractDate", "PendingTimestamp"],
            Role::OffMarketDate => &["OffMarketDate", "WithdrawnDate", "CancellationDate"],
            Role::DaysOnMarket => &["DaysOnMarket", "CumulativeDaysOnMarket"],
            Role::Status => &["StandardStatus", "MlsStatus", "ListingStatus"],
            Role::LivingArea => &["LivingArea", "BuildingAreaTotal", "AboveGradeFinishedArea"],
            Role::LotSizeSquareFeet => &["LotSizeSquareFeet", "LotSizeArea"],
            Role::LotSizeAcres => &["LotSizeAcres"],
            Role::YearBuilt => &["YearBuilt"],
            Role::Bedrooms => &["BedroomsTotal"],
            Role::BathsFull => &["BathroomsFull"],
            Role::BathsHalf => &["BathroomsHalf"],
            Role::BathsTotal => &["BathroomsTotalInteger", "BathroomsTotalDecimal"],
            Role::GarageSpaces => &["GarageSpaces", "ParkingTotal"],
            Role::Latitude => &["Latitude"],
            Role::Longitude => &["Longitude"],
            Role::City => &["City", "PostalCity"],
            Role::PostalCode => &["PostalCode"],
            Role::County => &["CountyOrParish"],
            Role::Subdivision => &["SubdivisionName"],
            Role::PropertyType => &["PropertyType"],
            Role::PropertySubType => &["PropertySubType"],
            Role::Address => &["UnparsedAddress"],
        }
    }

    /// RETS 1.x names and SystemNames seen on real servers, best first
    /// (compared without case and punctuation).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Role::ClosePrice => &[
                "SoldPrice",
                "SalePrice",
                "SalesPrice",
                "ClosingPrice",
                "SellingPrice",
                "SP",
                "L_SoldPrice",
                "CLOSE_PRICE",
                "SOLD_PRICE",
            ],
            Role::CloseDate => &[
                "SoldDate",
                "ClosingDate",
                "SaleDate",
                "SettledDate",
                "L_ClosingDate",
                "CLOSE_DATE",
                "SOLD_DATE",
            ],
            Role::ListPrice => &["AskingPrice", "LP", "L_AskingPrice", "CurrentPrice"],
            Role::ListDate => &[
                "ListDate",
                "ListingDate",
                "L_ListingDate",
                "ListingEntryDate",
                "EntryDate",
            ],
            Role::OriginalListPrice => {
                &["OrigListPrice", "OLP", "L_OriginalPrice", "OriginalPrice"]
            }
            Role::ContractDate => &[
                "ContractDate",
                "PendingDate",
                "UnderContractDate",
                "L_ContractDate",
            ],
            Role::OffMarketDate => &["WithdrawDate", "ExpiredDate", "CancelDate"],
            Role::DaysOnMarket => &["DOM", "CDOM", "L_DOM", "MarketDays"],
            Role::Status => &["Status", "ListStatus", "L_Status"],
            Role::LivingArea => &[
                "SqFt",
                "SquareFeet",
                "SqFtTotal",
                "TotalSqFt",
                "ApproxSqFt",
                "LivingSqFt",
                "FinishedSqFt",
                "LM_Int4_1",
            ],
            Role::LotSizeSquareFeet => &["LotSqFt", "LotSize", "LotSquareFeet"],
            Role::LotSizeAcres => &["Acres", "LotAcres", "Acreage"],
            Role::YearBuilt => &["YrBuilt", "YearBlt"],
            Role::Bedrooms => &["Beds", "Bedrooms", "BR", "TotalBedrooms", "NumBedrooms"],
            Role::BathsFull => &["FullBaths", "BathsFull", "FB"],
            Role::BathsHalf => &["HalfBaths", "BathsHalf", "HB"],
            Role::BathsTotal => &["Baths", "BathsTotal", "TotalBaths", "Bathrooms"],
            Role::GarageSpaces => &["Garage", "GarageCapacity", "GarageStalls", "GarageCars"],
            Role::Latitude => &["Lat", "GeoLat"],
            Role::Longitude => &["Long", "Lng", "Lon", "GeoLon", "GeoLong"],
            Role::City => &["CityName", "L_City"],
            Role::PostalCode => &["Zip", "ZipCode", "Zip5", "L_Zip", "PostalCd"],
            Role::County => &["County", "CountyName"],
            Role::Subdivision => &["Subdivision", "Neighborhood", "SubdivisionName"],
            Role::PropertyType => &["PropType", "PropertyType", "Type", "L_Type"],
            Role::PropertySubType => &["PropSubType", "SubType", "Style"],
            Role::Address => &["Address", "FullAddress", "StreetAddress", "L_Address"],
        }
    }
}

/// Lower-case letters and digits only: `LIST_PRICE`, `ListPrice` and `List Price` agree.
pub(crate) fn norm(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Where a role's field came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The user's saved mapping.
    Mapping,
    /// The field's RESO StandardName.
    StandardName,
    /// A RETS 1.x name, a SystemName or a LongName.
    Name,
}

/// One column of the class as analytics sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// SystemName (the replica's column).
    pub system_name: String,
    /// RESO StandardName, when the metadata gives one.
    pub standard_name: Option<String>,
    /// LongName, when the metadata gives one.
    pub long_name: Option<String>,
    /// Storage type in the replica.
    pub kind: FieldKind,
    /// Lookup values (value → long value), for lookup fields.
    pub lookup: Option<BTreeMap<String, String>>,
}

impl Field {
    /// The name shown to people.
    pub fn label(&self) -> &str {
        self.long_name.as_deref().unwrap_or(&self.system_name)
    }
}

/// The fields of a class and the role each plays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldMap {
    /// Every column of the replicated class, in replica order.
    pub fields: Vec<Field>,
    /// Role → SystemName, with where the choice came from.
    pub roles: BTreeMap<Role, (String, Source)>,
    /// The resource's KeyField, when known.
    pub key_field: Option<String>,
}

impl FieldMap {
    /// Finds the roles among `table`'s columns, completing them with `metadata`
    /// (StandardNames, LongNames, lookups) and overriding with `mapping`.
    pub fn discover(
        table: &ListingTable,
        metadata: Option<&MetadataSnapshot>,
        mapping: &BTreeMap<Role, String>,
    ) -> FieldMap {
        let resource = metadata.and_then(|md| md.resources.iter().find(|r| r.id == table.resource));
        let class = resource.and_then(|r| r.classes.iter().find(|c| c.name == table.class));
        let fields: Vec<Field> = table
            .fields
            .iter()
            .map(|spec| {
                let meta = class.and_then(|c| {
                    c.fields
                        .iter()
                        .find(|f| f.system_name.eq_ignore_ascii_case(&spec.system_name))
                });
                let non_empty = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
                let lookup = meta
                    .and_then(|m| m.lookup_name.as_deref())
                    .and_then(|name| resource?.lookups.iter().find(|l| l.name == name))
                    .map(|l| {
                        l.values
                            .iter()
                            .map(|v| (v.value.trim().to_owned(), v.long_value.clone()))
                            .collect()
                    });
                Field {
                    system_name: spec.system_name.clone(),
                    standard_name: meta.and_then(|m| non_empty(&m.standard_name)),
                    long_name: meta.and_then(|m| non_empty(&m.long_name)),
                    kind: spec.kind,
                    lookup,
                }
            })
            .collect();
        let mut roles = BTreeMap::new();
        for role in Role::ALL {
            if let Some(name) = mapping.get(&role)
                && let Some(f) = fields
                    .iter()
                    .find(|f| f.system_name.eq_ignore_ascii_case(name))
            {
                roles.insert(role, (f.system_name.clone(), Source::Mapping));
                continue;
            }
            if let Some(found) = find_role(role, &fields) {
                roles.insert(role, found);
            }
        }
        FieldMap {
            fields,
            roles,
            key_field: resource.and_then(|r| r.key_field.clone()),
        }
    }

    /// The SystemName playing `role`, if any.
    pub fn get(&self, role: Role) -> Option<&str> {
        self.roles.get(&role).map(|(name, _)| name.as_str())
    }

    /// The field named `name` (any case), if the class has it.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields
            .iter()
            .find(|f| f.system_name == name)
            .or_else(|| {
                self.fields
                    .iter()
                    .find(|f| f.system_name.eq_ignore_ascii_case(name))
            })
    }

    /// The field playing `role`.
    pub fn role_field(&self, role: Role) -> Option<&Field> {
        self.get(role).and_then(|n| self.field(n))
    }

    /// Resolves `--by`: a role name (`city`, `postal`, `county`, `subdivision`, …) or a SystemName.
    pub fn resolve(&self, by: &str) -> Option<&Field> {
        self.field(by)
            .or_else(|| Role::parse(by).and_then(|r| self.role_field(r)))
    }
}

fn kind_fits(kind: FieldKind, want: Want) -> bool {
    match want {
        Want::Number => matches!(kind, FieldKind::Integer | FieldKind::Decimal),
        Want::Date => matches!(kind, FieldKind::Date | FieldKind::DateTime),
        // Codes such as postal codes are sometimes typed as numbers.
        Want::Text => !matches!(kind, FieldKind::Date | FieldKind::DateTime),
    }
}

fn find_role(role: Role, fields: &[Field]) -> Option<(String, Source)> {
    let usable = |f: &&Field| kind_fits(f.kind, role.want());
    for std in role.standard_names() {
        let n = norm(std);
        if let Some(f) = fields
            .iter()
            .filter(usable)
            .find(|f| f.standard_name.as_deref().is_some_and(|s| norm(s) == n))
        {
            return Some((f.system_name.clone(), Source::StandardName));
        }
    }
    // A field whose own StandardName says it is something else is not taken by name.
    let free = |f: &&Field| {
        f.standard_name
            .as_deref()
            .is_none_or(|s| role.standard_names().iter().any(|r| norm(r) == norm(s)))
    };
    let names: Vec<&str> = role
        .standard_names()
        .iter()
        .chain(role.aliases())
        .copied()
        .collect();
    for name in names {
        let n = norm(name);
        if let Some(f) = fields.iter().filter(usable).filter(free).find(|f| {
            norm(&f.system_name) == n || f.long_name.as_deref().is_some_and(|l| norm(l) == n)
        }) {
            return Some((f.system_name.clone(), Source::Name));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use mls_store::listings::FieldSpec;

    fn table(fields: &[(&str, FieldKind)]) -> ListingTable {
        ListingTable {
            id: 1,
            connection_id: 1,
            resource: "Property".into(),
            class: "RES".into(),
            table_name: "listing_1".into(),
            fields: fields.iter().map(|(n, k)| FieldSpec::new(*n, *k)).collect(),
            hints: Default::default(),
        }
    }

    #[test]
    fn standard_names_win_over_system_names() {
        use mls_store::metadata::{ClassMeta, FieldMeta, ResourceMeta};
        let t = table(&[
            ("L_SoldPrice", FieldKind::Integer),
            ("LM_Int4_7", FieldKind::Integer),
            ("L_ClosingDate", FieldKind::Date),
        ]);
        let md = MetadataSnapshot {
            version: "1".into(),
            resources: vec![ResourceMeta {
                id: "Property".into(),
                key_field: Some("L_ListingID".into()),
                classes: vec![ClassMeta {
                    name: "RES".into(),
                    fields: vec![
                        FieldMeta {
                            system_name: "LM_Int4_7".into(),
                            standard_name: Some("ClosePrice".into()),
                            data_type: "Int".into(),
                            ..Default::default()
                        },
                        FieldMeta {
                            system_name: "L_SoldPrice".into(),
                            standard_name: Some("PreviousListPrice".into()),
                            data_type: "Int".into(),
                            ..Default::default()
                        },
                    ],
                    ..Default::default()
                }],
                lookups: vec![],
            }],
        };
        let map = FieldMap::discover(&t, Some(&md), &BTreeMap::new());
        assert_eq!(map.get(Role::ClosePrice), Some("LM_Int4_7"));
        assert_eq!(map.roles[&Role::ClosePrice].1, Source::StandardName);
        assert_eq!(map.get(Role::CloseDate), Some("L_ClosingDate"));
        assert_eq!(map.key_field.as_deref(), Some("L_ListingID"));
    }

    #[test]
    fn names_without_metadata_and_the_user_mapping_wins() {
        let t = table(&[
            ("SP", FieldKind::Decimal),
            ("SQFT", FieldKind::Integer),
            ("ZipCode", FieldKind::Text),
            ("Beds", FieldKind::Integer),
            ("Acres", FieldKind::Decimal),
            ("MyArea", FieldKind::Integer),
            ("CloseDate", FieldKind::Text),
        ]);
        let map = FieldMap::discover(&t, None, &BTreeMap::new());
        assert_eq!(map.get(Role::ClosePrice), Some("SP"));
        assert_eq!(map.get(Role::LivingArea), Some("SQFT"));
        assert_eq!(map.get(Role::PostalCode), Some("ZipCode"));
        assert_eq!(map.get(Role::Bedrooms), Some("Beds"));
        assert_eq!(map.get(Role::LotSizeAcres), Some("Acres"));
        // A text column is not a date.
        assert_eq!(map.get(Role::CloseDate), None);
        let mapping = BTreeMap::from([(Role::LivingArea, "myarea".to_owned())]);
        let map = FieldMap::discover(&t, None, &mapping);
        assert_eq!(map.get(Role::LivingArea), Some("MyArea"));
        assert_eq!(map.roles[&Role::LivingArea].1, Source::Mapping);
        assert_eq!(
            map.resolve("postal").map(|f| f.system_name.as_str()),
            Some("ZipCode")
        );
        assert_eq!(
            map.resolve("beds").map(|f| f.system_name.as_str()),
            Some("Beds")
        );
    }

    #[test]
    fn role_names_parse() {
        assert_eq!(Role::parse("postal"), Some(Role::PostalCode));
        assert_eq!(Role::parse("CountyOrParish"), Some(Role::County));
        assert_eq!(Role::parse("close_price"), Some(Role::ClosePrice));
        assert_eq!(Role::parse("nope"), None);
    }
}
