//! The Property resource: five classes sharing a core of fields, Residential
//! with about a hundred. Stored facts come from [`Listing`]; descriptive
//! features are hashed from the key so they cost no memory.

mod core;
mod features;

use super::lookups::{self as lk, Table, n};
use super::{
    ClassDef, Column, DataType as D, Detail, Getter, LookupDef, ObjectDef, ResourceDef,
    ResourceKind, Val,
};
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
    let mut v = core::columns();
    v.extend(features::columns());
    v
}

/// A lookup over place names with DMQL-friendly codes (`CAVECREEK`), made
/// unique by appending the state when two states share a name.
fn coded(name: &'static str, visible: &'static str, items: &[(&str, &str)]) -> LookupDef {
    let mut codes: Vec<String> = Vec::with_capacity(items.len());
    for (state, place) in items {
        let mut code: String = place
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if codes.contains(&code) {
            code.push_str(state);
        }
        codes.push(code);
    }
    let pairs: Vec<(&str, &str)> = codes
        .iter()
        .map(String::as_str)
        .zip(items.iter().map(|(_, p)| *p))
        .collect();
    LookupDef::from_pairs(name, visible, &pairs)
}

/// The Property resource for a geography.
pub fn resource(places: &Places) -> ResourceDef {
    let mut lookups: Vec<LookupDef> = lk::PROPERTY_TABLES
        .iter()
        .map(|(name, pairs)| LookupDef::from_pairs(name, name, pairs))
        .collect();
    lookups.push(coded("City", "City", &places.cities));
    lookups.push(coded("County", "County", &places.counties));
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
