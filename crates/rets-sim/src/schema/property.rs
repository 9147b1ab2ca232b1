//! The Property resource: five classes sharing a core of fields, Residential
//! with about a hundred. Stored facts come from [`Listing`]; descriptive
//! features are hashed from the key so they cost no memory.

use super::lookups::{self as lk, Table, n};
use super::{
    ClassDef, Column, DataType as D, Detail, Getter, LookupDef, ObjectDef, ResourceDef,
    ResourceKind, Val,
};
use crate::data::people::{FIRST_NAMES, LAST_NAMES, OFFICE_BRANDS, STREETS};
use crate::data::{Dataset, Listing, PropClass};
use crate::places::{Place, Places};
use crate::rng::mix;

const R: u8 = 1;
const C: u8 = 2;
const L: u8 = 4;
const M: u8 = 8;
const T: u8 = 16;
const ALL: u8 = R | C | L | M | T;
const BLDG: u8 = R | C | M | T;
const HOME: u8 = R | C | T;

type F = fn(&Dataset, &Listing) -> Val;

fn f(
    system: &'static str,
    standard: &'static str,
    long: &'static str,
    dt: D,
    len: u16,
    classes: u8,
    get: F,
) -> Column {
    Column::new(
        system,
        standard,
        long,
        dt,
        len,
        classes,
        Getter::Listing(get),
    )
}
fn dl(
    system: &'static str,
    standard: &'static str,
    long: &'static str,
    classes: u8,
    t: Table,
    none_pct: u8,
) -> Column {
    Column::new(
        system,
        standard,
        long,
        D::Character,
        10,
        classes,
        Getter::Detail(Detail::Lookup { n: n(t), none_pct }),
    )
    .lookup(t.0, false)
}
fn dm(
    system: &'static str,
    standard: &'static str,
    long: &'static str,
    classes: u8,
    t: Table,
    max: u8,
) -> Column {
    Column::new(
        system,
        standard,
        long,
        D::Character,
        128,
        classes,
        Getter::Detail(Detail::Multi { n: n(t), max }),
    )
    .lookup(t.0, true)
}
fn di(
    system: &'static str,
    standard: &'static str,
    long: &'static str,
    dt: D,
    classes: u8,
    lo: i64,
    hi: i64,
) -> Column {
    Column::new(
        system,
        standard,
        long,
        dt,
        10,
        classes,
        Getter::Detail(Detail::Int { lo, hi }),
    )
}
fn dbool(
    system: &'static str,
    standard: &'static str,
    long: &'static str,
    classes: u8,
    pct: u8,
) -> Column {
    Column::new(
        system,
        standard,
        long,
        D::Boolean,
        1,
        classes,
        Getter::Detail(Detail::Bool { pct }),
    )
}
fn dt(
    system: &'static str,
    standard: &'static str,
    long: &'static str,
    classes: u8,
    list: &'static [&'static str],
) -> Column {
    Column::new(
        system,
        standard,
        long,
        D::Character,
        50,
        classes,
        Getter::Detail(Detail::Text(list)),
    )
}

fn place<'a>(ds: &'a Dataset, l: &Listing) -> &'a Place {
    &ds.places().places[l.place as usize]
}
fn opt(v: u32) -> Val {
    if v == 0 {
        Val::Null
    } else {
        Val::Int(i64::from(v))
    }
}
fn h(l: &Listing, salt: u64) -> u64 {
    mix(u64::from(l.key), salt)
}

const SCHOOLS: &[&str] = &[
    "Lincoln",
    "Washington",
    "Jefferson",
    "Oak Hill",
    "Riverside",
    "Lakeview",
    "Westwood",
    "Pleasant Valley",
    "Cedar Ridge",
    "Meadowbrook",
    "Hillcrest",
    "Sunset",
    "Northside",
    "Eastgate",
];
const SUBDIVISIONS: &[&str] = &[
    "Oak Park Estates",
    "Willow Creek",
    "Stonebridge",
    "Heritage Hills",
    "Autumn Ridge",
    "Brookside",
    "Canyon Crest",
    "Deer Run",
    "Eagle Point",
    "Fox Chase",
    "Harbor Pointe",
    "Mill Creek Village",
];
const BUILDERS: &[&str] = &[
    "Pulte Homes",
    "Lennar",
    "D.R. Horton",
    "KB Home",
    "Toll Brothers",
    "Meritage Homes",
    "Custom",
];
const ADJECTIVES: &[&str] = &[
    "Charming",
    "Spacious",
    "Beautifully updated",
    "Light-filled",
    "Move-in ready",
    "Well-kept",
    "Stunning",
];
const HIGHLIGHTS: &[&str] = &[
    "an open kitchen with quartz counters",
    "a large fenced backyard",
    "new roof and HVAC",
    "hardwood floors throughout",
    "a primary suite with walk-in closet",
    "a covered patio perfect for entertaining",
    "easy access to parks and shopping",
];

fn remarks(ds: &Dataset, l: &Listing) -> Val {
    let p = place(ds, l);
    let x = h(l, 1);
    let adj = ADJECTIVES[(x % ADJECTIVES.len() as u64) as usize];
    let hl1 = HIGHLIGHTS[((x >> 8) % HIGHLIGHTS.len() as u64) as usize];
    let hl2 = HIGHLIGHTS[((x >> 16) % HIGHLIGHTS.len() as u64) as usize];
    Val::text(match l.class {
        PropClass::Land => format!(
            "{} acres of land in {}, {} County. Utilities nearby, great building site.",
            fmt_acres(l.lot_sqft),
            p.city,
            p.county
        ),
        PropClass::Commercial => format!(
            "{} sq ft commercial building in {}. Ample parking and high visibility.",
            l.living_area, p.city
        ),
        PropClass::Rental => format!(
            "{adj} {}-bedroom rental in {} with {hl1}. Available now.",
            l.beds, p.city
        ),
        _ => format!(
            "{adj} {}-bedroom home in {}, {} with {hl1} and {hl2}.",
            l.beds, p.city, p.state
        ),
    })
}

fn fmt_acres(sqft: u32) -> String {
    format!("{:.2}", f64::from(sqft) / 43_560.0)
}

fn columns() -> Vec<Column> {
    vec![
        f(
            "LISTING_KEY",
            "ListingKey",
            "Listing Key",
            D::Character,
            20,
            ALL,
            |_, l| Val::text(l.key.to_string()),
        ),
        f(
            "LISTING_ID",
            "ListingID",
            "MLS Number",
            D::Character,
            20,
            ALL,
            |_, l| Val::text(format!("D{}", l.key - 8_000_000)),
        ),
        f(
            "STATUS",
            "ListingStatus",
            "Status",
            D::Character,
            1,
            ALL,
            |_, l| Val::Lookup(l.status.index()),
        )
        .lookup(lk::LISTING_STATUS.0, false),
        f(
            "STANDARD_STATUS",
            "StandardStatus",
            "Standard Status",
            D::Character,
            20,
            ALL,
            |_, l| Val::Lookup(l.status.index()),
        )
        .lookup(lk::STANDARD_STATUS.0, false),
        f(
            "PROPERTY_TYPE",
            "PropertyType",
            "Property Type",
            D::Character,
            3,
            ALL,
            |_, l| Val::Lookup(l.class as u16),
        )
        .lookup(lk::PROPERTY_TYPE.0, false),
        f(
            "PROPERTY_SUB_TYPE",
            "PropertySubType",
            "Property Sub Type",
            D::Character,
            3,
            HOME,
            |_, l| {
                Val::Lookup(match l.class {
                    PropClass::Condo => [1u16, 2][(l.key % 2) as usize],
                    _ => [0u16, 0, 0, 1, 3, 4, 5][(l.key % 7) as usize],
                })
            },
        )
        .lookup(lk::PROPERTY_SUB_TYPE.0, false),
        f(
            "LIST_PRICE",
            "ListPrice",
            "List Price",
            D::Int,
            12,
            ALL,
            |_, l| Val::Int(l.list_price.into()),
        )
        .currency(),
        f(
            "ORIG_LIST_PRICE",
            "OriginalListPrice",
            "Original List Price",
            D::Int,
            12,
            ALL,
            |_, l| Val::Int(l.original_price.into()),
        )
        .currency(),
        f(
            "CLOSE_PRICE",
            "ClosePrice",
            "Sold Price",
            D::Int,
            12,
            ALL,
            |_, l| opt(l.close_price),
        )
        .currency(),
        f(
            "LIST_DATE",
            "ListingContractDate",
            "Listing Date",
            D::Date,
            10,
            ALL,
            |_, l| Val::day(l.list_date),
        ),
        f(
            "CONTRACT_DATE",
            "PurchaseContractDate",
            "Contract Date",
            D::Date,
            10,
            ALL,
            |_, l| Val::day(l.contract_date),
        ),
        f(
            "CLOSE_DATE",
            "CloseDate",
            "Sold Date",
            D::Date,
            10,
            ALL,
            |_, l| Val::day(l.close_date),
        ),
        f(
            "OFF_MARKET_DATE",
            "OffMarketDate",
            "Off Market Date",
            D::Date,
            10,
            ALL,
            |_, l| Val::day(l.off_market_date),
        ),
        f(
            "EXPIRATION_DATE",
            "ExpirationDate",
            "Expiration Date",
            D::Date,
            10,
            ALL,
            |_, l| Val::day(l.list_date + 180),
        ),
        f(
            "DAYS_ON_MARKET",
            "DaysOnMarket",
            "Days On Market",
            D::Int,
            5,
            ALL,
            |ds, l| Val::Int(l.days_on_market(ds.today()).into()),
        ),
        f(
            "MODIFIED",
            "ModificationTimestamp",
            "Last Modified",
            D::DateTime,
            20,
            ALL,
            |_, l| Val::ts(l.modified),
        ),
        f(
            "PRICE_CHANGE_TS",
            "PriceChangeTimestamp",
            "Price Change Date",
            D::DateTime,
            20,
            ALL,
            |_, l| Val::ts(l.price_changed),
        ),
        f(
            "STATUS_CHANGE_TS",
            "StatusChangeTimestamp",
            "Status Change Date",
            D::DateTime,
            20,
            ALL,
            |_, l| Val::ts(l.status_changed()),
        ),
        f(
            "PHOTO_COUNT",
            "PhotosCount",
            "Photo Count",
            D::Small,
            3,
            ALL,
            |_, l| Val::Int(l.photo_count.into()),
        ),
        f(
            "PHOTO_MODIFIED",
            "PhotosChangeTimestamp",
            "Photos Changed",
            D::DateTime,
            20,
            ALL,
            |_, l| Val::ts(i64::from(l.list_date) * 86_400 + 7_200),
        ),
        f(
            "STREET_NUMBER",
            "StreetNumber",
            "Street Number",
            D::Character,
            10,
            ALL,
            |_, l| Val::text(l.street_no.to_string()),
        ),
        f(
            "STREET_NAME",
            "StreetName",
            "Street Name",
            D::Character,
            50,
            ALL,
            |_, l| Val::str(STREETS[l.street as usize]),
        ),
        f(
            "ADDRESS",
            "UnparsedAddress",
            "Address",
            D::Character,
            100,
            ALL,
            |ds, l| {
                Val::text(format!(
                    "{} {}, {}, {} {}",
                    l.street_no,
                    STREETS[l.street as usize],
                    place(ds, l).city,
                    place(ds, l).state,
                    place(ds, l).zip
                ))
            },
        ),
        f("CITY", "City", "City", D::Character, 50, ALL, |ds, l| {
            Val::Lookup(place(ds, l).city_idx)
        })
        .lookup("City", false),
        f(
            "STATE",
            "StateOrProvince",
            "State",
            D::Character,
            2,
            ALL,
            |ds, l| Val::str(place(ds, l).state),
        ),
        f(
            "ZIP",
            "PostalCode",
            "Zip Code",
            D::Character,
            10,
            ALL,
            |ds, l| Val::str(place(ds, l).zip),
        ),
        f(
            "COUNTY",
            "CountyOrParish",
            "County",
            D::Character,
            50,
            ALL,
            |ds, l| Val::Lookup(place(ds, l).county_idx),
        )
        .lookup("County", false),
        f(
            "AREA",
            "MLSAreaMajor",
            "MLS Area",
            D::Character,
            10,
            ALL,
            |ds, l| Val::Lookup(place(ds, l).area_idx),
        )
        .lookup("Area", false),
        f(
            "LATITUDE",
            "Latitude",
            "Latitude",
            D::Decimal,
            12,
            ALL,
            |ds, l| Val::Dec(place(ds, l).lat + f64::from(l.lat_jitter) * 1e-4),
        )
        .precision(6),
        f(
            "LONGITUDE",
            "Longitude",
            "Longitude",
            D::Decimal,
            12,
            ALL,
            |ds, l| Val::Dec(place(ds, l).lon + f64::from(l.lon_jitter) * 1e-4),
        )
        .precision(6),
        f(
            "LIST_AGENT_KEY",
            "ListAgentKey",
            "Listing Agent Key",
            D::Character,
            20,
            ALL,
            |ds, l| Val::text(ds.agents()[l.agent as usize].key.to_string()),
        ),
        f(
            "LIST_AGENT_NAME",
            "ListAgentFullName",
            "Listing Agent",
            D::Character,
            60,
            ALL,
            |ds, l| {
                let a = &ds.agents()[l.agent as usize];
                Val::text(format!(
                    "{} {}",
                    FIRST_NAMES[a.first as usize], LAST_NAMES[a.last as usize]
                ))
            },
        ),
        f(
            "LIST_OFFICE_KEY",
            "ListOfficeKey",
            "Listing Office Key",
            D::Character,
            20,
            ALL,
            |ds, l| {
                Val::text(
                    ds.offices()[ds.agents()[l.agent as usize].office as usize]
                        .key
                        .to_string(),
                )
            },
        ),
        f(
            "LIST_OFFICE_NAME",
            "ListOfficeName",
            "Listing Office",
            D::Character,
            60,
            ALL,
            |ds, l| {
                let o = &ds.offices()[ds.agents()[l.agent as usize].office as usize];
                Val::text(format!("{} Realty", OFFICE_BRANDS[o.brand as usize]))
            },
        ),
        f(
            "LOT_SQFT",
            "LotSizeSquareFeet",
            "Lot Size (SqFt)",
            D::Int,
            10,
            R | L | M | T,
            |_, l| opt(l.lot_sqft),
        ),
        f(
            "LOT_ACRES",
            "LotSizeAcres",
            "Lot Size (Acres)",
            D::Decimal,
            10,
            R | L | M | T,
            |_, l| {
                if l.lot_sqft == 0 {
                    Val::Null
                } else {
                    Val::Dec(f64::from(l.lot_sqft) / 43_560.0)
                }
            },
        )
        .precision(2),
        f(
            "REMARKS",
            "PublicRemarks",
            "Public Remarks",
            D::Character,
            1024,
            ALL,
            remarks,
        ),
        f(
            "DIRECTIONS",
            "Directions",
            "Directions",
            D::Character,
            255,
            ALL,
            |ds, l| {
                Val::text(format!(
                    "From downtown {} take {} to the property.",
                    place(ds, l).city,
                    STREETS[(l.street as usize + 3) % STREETS.len()]
                ))
            },
        ),
        f(
            "TAX_ANNUAL",
            "TaxAnnualAmount",
            "Annual Taxes",
            D::Decimal,
            12,
            ALL,
            |_, l| {
                Val::Dec(((f64::from(l.original_price) * 0.0125 * 100.0).round() / 100.0).max(1.0))
            },
        )
        .precision(2)
        .currency(),
        di("TAX_YEAR", "TaxYear", "Tax Year", D::Small, ALL, 2023, 2025),
        dt(
            "SUBDIVISION",
            "SubdivisionName",
            "Subdivision",
            ALL,
            SUBDIVISIONS,
        ),
        f(
            "VIRTUAL_TOUR",
            "VirtualTourURLUnbranded",
            "Virtual Tour",
            D::Character,
            255,
            HOME,
            |_, l| {
                if l.key % 3 == 0 {
                    Val::text(format!("https://tours.example.invalid/{}", l.key))
                } else {
                    Val::Null
                }
            },
        ),
        dl("ZONING", "Zoning", "Zoning", ALL, lk::ZONING, 10),
        dm("VIEW", "View", "View", ALL, lk::VIEW, 2),
        dl("WATER", "WaterSource", "Water Source", ALL, lk::WATER, 0),
        dl("SEWER", "Sewer", "Sewer", ALL, lk::SEWER, 0),
        dm("UTILITIES", "Utilities", "Utilities", ALL, lk::UTILITIES, 4),
        dm("ROAD", "RoadSurfaceType", "Road Surface", ALL, lk::ROAD, 1),
        // Buildings
        f(
            "BEDROOMS",
            "BedroomsTotal",
            "Bedrooms",
            D::Tiny,
            2,
            HOME,
            |_, l| Val::Int(l.beds.into()),
        ),
        f(
            "BATHS_FULL",
            "BathroomsFull",
            "Full Baths",
            D::Tiny,
            2,
            BLDG,
            |_, l| Val::Int(l.baths_full.into()),
        ),
        f(
            "BATHS_HALF",
            "BathroomsHalf",
            "Half Baths",
            D::Tiny,
            2,
            BLDG,
            |_, l| Val::Int(l.baths_half.into()),
        ),
        f(
            "BATHS_TOTAL",
            "BathroomsTotalInteger",
            "Total Baths",
            D::Small,
            3,
            BLDG,
            |_, l| Val::Int(i64::from(l.baths_full) + i64::from(l.baths_half)),
        ),
        f(
            "LIVING_AREA",
            "LivingArea",
            "Living Area (SqFt)",
            D::Int,
            8,
            BLDG,
            |_, l| opt(l.living_area),
        ),
        f(
            "YEAR_BUILT",
            "YearBuilt",
            "Year Built",
            D::Small,
            4,
            BLDG,
            |_, l| opt(l.year_built.into()),
        ),
        f(
            "NEW_CONSTRUCTION",
            "NewConstructionYN",
            "New Construction",
            D::Boolean,
            1,
            BLDG,
            |ds, l| Val::Bool(i64::from(l.year_built) >= 1970 + i64::from(ds.today()) / 365 - 1),
        ),
        di("STORIES", "StoriesTotal", "Stories", D::Tiny, BLDG, 1, 3),
        di(
            "GARAGE_SPACES",
            "GarageSpaces",
            "Garage Spaces",
            D::Tiny,
            R | T,
            0,
            3,
        ),
        dm("HEATING", "Heating", "Heating", BLDG, lk::HEATING, 2),
        dm("COOLING", "Cooling", "Cooling", BLDG, lk::COOLING, 2),
        dm(
            "APPLIANCES",
            "Appliances",
            "Appliances",
            HOME,
            lk::APPLIANCES,
            5,
        ),
        dm("FLOORING", "Flooring", "Flooring", BLDG, lk::FLOORING, 3),
        dm(
            "INTERIOR_FEATURES",
            "InteriorFeatures",
            "Interior Features",
            HOME,
            lk::INTERIOR,
            4,
        ),
        dm(
            "EXTERIOR_FEATURES",
            "ExteriorFeatures",
            "Exterior Features",
            R | T,
            lk::EXTERIOR,
            3,
        ),
        dm(
            "CONSTRUCTION",
            "ConstructionMaterials",
            "Construction",
            BLDG,
            lk::CONSTRUCTION,
            2,
        ),
        dl("ROOF", "Roof", "Roof", BLDG, lk::ROOF, 0),
        dl("STYLE", "ArchitecturalStyle", "Style", HOME, lk::STYLE, 0),
        di(
            "FIREPLACES",
            "FireplacesTotal",
            "Fireplaces",
            D::Tiny,
            HOME,
            0,
            2,
        ),
        dbool("FIREPLACE_YN", "FireplaceYN", "Fireplace", HOME, 45),
        dm(
            "PARKING",
            "ParkingFeatures",
            "Parking",
            BLDG,
            lk::PARKING,
            3,
        ),
        dm(
            "LAUNDRY",
            "LaundryFeatures",
            "Laundry",
            HOME,
            lk::LAUNDRY,
            2,
        ),
        dm(
            "SECURITY",
            "SecurityFeatures",
            "Security",
            BLDG,
            lk::SECURITY,
            2,
        ),
        dm("WINDOWS", "WindowFeatures", "Windows", BLDG, lk::WINDOWS, 2),
        dm(
            "ACCESSIBILITY",
            "AccessibilityFeatures",
            "Accessibility",
            BLDG,
            lk::ACCESSIBILITY,
            1,
        ),
        dt(
            "ELEMENTARY",
            "ElementarySchool",
            "Elementary School",
            HOME,
            SCHOOLS,
        ),
        dt(
            "MIDDLE",
            "MiddleOrJuniorSchool",
            "Middle School",
            HOME,
            SCHOOLS,
        ),
        dt("HIGH", "HighSchool", "High School", HOME, SCHOOLS),
        dbool("HOA_YN", "AssociationYN", "HOA", R | C, 55),
        di(
            "HOA_FEE",
            "AssociationFee",
            "HOA Fee",
            D::Int,
            R | C,
            25,
            650,
        )
        .currency(),
        dl(
            "HOA_FREQ",
            "AssociationFeeFrequency",
            "HOA Fee Frequency",
            R | C,
            lk::FEE_FREQ,
            0,
        ),
        dm(
            "GREEN",
            "GreenEnergyEfficient",
            "Green Features",
            HOME,
            lk::GREEN,
            2,
        ),
        dm("DOORS", "DoorFeatures", "Door Features", HOME, lk::DOORS, 1),
        dm(
            "COMMUNITY",
            "CommunityFeatures",
            "Community Features",
            HOME,
            lk::COMMUNITY,
            3,
        ),
        dl("LEVELS", "Levels", "Levels", HOME, lk::LEVELS, 0),
        dl(
            "DIRECTION_FACES",
            "DirectionFaces",
            "Faces",
            BLDG,
            lk::DIRECTION,
            20,
        ),
        dl(
            "CONDITION",
            "PropertyCondition",
            "Condition",
            BLDG,
            lk::CONDITION,
            0,
        ),
        // Residential only
        dbool("POOL_YN", "PoolPrivateYN", "Private Pool", R, 20),
        dm(
            "POOL_FEATURES",
            "PoolFeatures",
            "Pool Features",
            R,
            lk::POOL,
            2,
        ),
        dbool("SPA_YN", "SpaYN", "Spa", R, 10),
        dl("BASEMENT", "Basement", "Basement", R, lk::BASEMENT, 0),
        dl(
            "FOUNDATION",
            "FoundationDetails",
            "Foundation",
            R,
            lk::FOUNDATION,
            0,
        ),
        dl("FENCING", "Fencing", "Fencing", R, lk::FENCING, 0),
        dm(
            "LOT_FEATURES",
            "LotFeatures",
            "Lot Features",
            R | L,
            lk::LOT_FEATURES,
            3,
        ),
        dm(
            "PATIO",
            "PatioAndPorchFeatures",
            "Patio/Porch",
            R,
            lk::PATIO,
            2,
        ),
        di(
            "ROOMS_TOTAL",
            "RoomsTotal",
            "Total Rooms",
            D::Tiny,
            R,
            4,
            12,
        ),
        f(
            "MAIN_LEVEL_BEDS",
            "MainLevelBedrooms",
            "Main Level Bedrooms",
            D::Tiny,
            2,
            R,
            |_, l| Val::Int(i64::from(l.beds.min(1 + (l.key % 3) as u8))),
        ),
        di(
            "CARPORT_SPACES",
            "CarportSpaces",
            "Carport Spaces",
            D::Tiny,
            R,
            0,
            2,
        ),
        dbool(
            "ATTACHED_GARAGE",
            "AttachedGarageYN",
            "Attached Garage",
            R,
            70,
        ),
        dbool("WATERFRONT_YN", "WaterfrontYN", "Waterfront", R | L, 6),
        dbool("HORSE_YN", "HorseYN", "Horses Allowed", R | L, 4),
        dbool(
            "SENIOR_YN",
            "SeniorCommunityYN",
            "Senior Community",
            R | C,
            5,
        ),
        dt("BUILDER", "BuilderName", "Builder", R, BUILDERS),
        dm(
            "STRUCTURES",
            "OtherStructures",
            "Other Structures",
            R | L,
            lk::STRUCTURES,
            2,
        ),
        // Condo
        f(
            "UNIT_NUMBER",
            "UnitNumber",
            "Unit",
            D::Character,
            10,
            C,
            |_, l| Val::text(format!("{}", 100 + l.key % 900)),
        ),
        di("ENTRY_LEVEL", "EntryLevel", "Floor", D::Tiny, C, 1, 25),
        dt("BUILDING_NAME", "BuildingName", "Building", C, SUBDIVISIONS),
        di(
            "UNITS_IN_COMMUNITY",
            "NumberOfUnitsInCommunity",
            "Units In Complex",
            D::Small,
            C,
            12,
            400,
        ),
        dm(
            "PETS_ALLOWED",
            "PetsAllowed",
            "Pets Allowed",
            C | T,
            lk::PETS,
            2,
        ),
        // Land
        dm(
            "CURRENT_USE",
            "CurrentUse",
            "Current Use",
            L,
            lk::LAND_USE,
            2,
        ),
        dm(
            "POSSIBLE_USE",
            "PossibleUse",
            "Possible Use",
            L | M,
            lk::LAND_USE,
            3,
        ),
        dl(
            "TOPOGRAPHY",
            "Topography",
            "Topography",
            L,
            lk::TOPOGRAPHY,
            0,
        ),
        dm(
            "FRONTAGE",
            "RoadFrontageType",
            "Road Frontage",
            L | M,
            lk::FRONTAGE,
            2,
        ),
        // Commercial
        dl(
            "BUSINESS_TYPE",
            "BusinessType",
            "Business Type",
            M,
            lk::BUSINESS,
            0,
        ),
        f(
            "GROSS_INCOME",
            "GrossIncome",
            "Gross Income",
            D::Int,
            12,
            M,
            |_, l| Val::Int(i64::from(l.list_price) / 11),
        )
        .currency(),
        f(
            "NOI",
            "NetOperatingIncome",
            "Net Operating Income",
            D::Int,
            12,
            M,
            |_, l| Val::Int(i64::from(l.list_price) / 16),
        )
        .currency(),
        di(
            "UNITS_TOTAL",
            "NumberOfUnitsTotal",
            "Units",
            D::Small,
            M,
            1,
            40,
        ),
        // Rental
        dl(
            "LEASE_TERM",
            "LeaseTerm",
            "Lease Term",
            T,
            lk::LEASE_TERM,
            0,
        ),
        dl("FURNISHED", "Furnished", "Furnished", T, lk::FURNISHED, 0),
        f(
            "AVAILABLE_DATE",
            "AvailabilityDate",
            "Available",
            D::Date,
            10,
            T,
            |_, l| Val::day(l.list_date + 14),
        ),
        f(
            "DEPOSIT",
            "SecurityDeposit",
            "Security Deposit",
            D::Int,
            10,
            T,
            |_, l| Val::Int(l.list_price.into()),
        )
        .currency(),
    ]
}

/// The Property resource for a geography.
pub fn resource(places: &Places) -> ResourceDef {
    let mut lookups: Vec<LookupDef> = lk::PROPERTY_TABLES
        .iter()
        .map(|(name, pairs)| LookupDef::from_pairs(name, name, pairs))
        .collect();
    let cities: Vec<(&str, &str)> = places.cities.iter().map(|(_, c)| (*c, *c)).collect();
    lookups.push(LookupDef::from_pairs("City", "City", &cities));
    let counties: Vec<(&str, &str)> = places.counties.iter().map(|(_, c)| (*c, *c)).collect();
    lookups.push(LookupDef::from_pairs("County", "County", &counties));
    let codes: Vec<String> = (1..=places.areas.len()).map(|i| i.to_string()).collect();
    let areas: Vec<(&str, &str)> = codes
        .iter()
        .map(String::as_str)
        .zip(places.areas.iter().map(String::as_str))
        .collect();
    lookups.push(LookupDef::from_pairs("Area", "MLS Area", &areas));
    let class = |c: PropClass, standard, description| ClassDef {
        name: c.name(),
        standard,
        visible: c.name(),
        description,
        mask: c.bit(),
        prop_class: Some(c),
    };
    ResourceDef {
        id: "Property",
        kind: ResourceKind::Property,
        standard: "Property",
        description: "Listings",
        key_field: "LISTING_KEY",
        classes: vec![
            class(
                PropClass::Residential,
                "ResidentialProperty",
                "Single family homes",
            ),
            class(
                PropClass::Condo,
                "ResidentialProperty",
                "Condominiums and townhouses",
            ),
            class(PropClass::Land, "LotsAndLand", "Lots and land"),
            class(
                PropClass::Commercial,
                "CommercialProperty",
                "Commercial property for sale",
            ),
            class(PropClass::Rental, "ResidentialLease", "Residential lease"),
        ],
        columns: columns(),
        lookups,
        objects: vec![
            ObjectDef {
                object_type: "Photo",
                mime: "image/jpeg",
                visible: "Photo",
                description: "Listing photos, 320x240",
            },
            ObjectDef {
                object_type: "Thumbnail",
                mime: "image/png",
                visible: "Thumbnail",
                description: "Listing thumbnails, 96x72",
            },
        ],
    }
}
