//! The Agent, Office and OpenHouse resources: one class each, linked to
//! Property through MemberKey/OfficeKey/ListingKey like a RESO-style feed.

use super::lookups as lk;
use super::{
    ClassDef, Column, DataType as D, Getter, LookupDef, ObjectDef, ResourceDef, ResourceKind, Val,
};
use crate::data::people::{FIRST_NAMES, LAST_NAMES, OFFICE_BRANDS, STREETS};
use crate::data::{Agent, Dataset, Office, OpenHouse};

fn class(name: &'static str, standard: &'static str, description: &'static str) -> Vec<ClassDef> {
    vec![ClassDef {
        name,
        standard,
        visible: name,
        description,
        mask: 1,
        prop_class: None,
    }]
}

fn a(
    system: &'static str,
    standard: &'static str,
    long: &'static str,
    dt: D,
    len: u16,
    get: fn(&Dataset, &Agent) -> Val,
) -> Column {
    Column::new(system, standard, long, dt, len, 1, Getter::Agent(get))
}
fn o(
    system: &'static str,
    standard: &'static str,
    long: &'static str,
    dt: D,
    len: u16,
    get: fn(&Dataset, &Office) -> Val,
) -> Column {
    Column::new(system, standard, long, dt, len, 1, Getter::Office(get))
}
fn oh(
    system: &'static str,
    standard: &'static str,
    long: &'static str,
    dt: D,
    len: u16,
    get: fn(&Dataset, &OpenHouse) -> Val,
) -> Column {
    Column::new(system, standard, long, dt, len, 1, Getter::OpenHouse(get))
}

fn office_name(o: &Office) -> String {
    format!("{} Realty", OFFICE_BRANDS[o.brand as usize])
}

/// The Agent resource.
pub fn agent() -> ResourceDef {
    ResourceDef {
        id: "Agent",
        kind: ResourceKind::Agent,
        standard: "Agent",
        description: "MLS members",
        key_field: "MEMBER_KEY",
        classes: class("Agent", "Agent", "Agents and brokers"),
        columns: vec![
            a(
                "MEMBER_KEY",
                "MemberKey",
                "Member Key",
                D::Character,
                20,
                |_, a| Val::text(a.key.to_string()),
            ),
            a(
                "MEMBER_MLS_ID",
                "MemberMlsId",
                "Agent ID",
                D::Character,
                20,
                |_, a| Val::text(format!("M{:05}", a.key - 500_000)),
            ),
            a(
                "FIRST_NAME",
                "MemberFirstName",
                "First Name",
                D::Character,
                30,
                |_, a| Val::str(FIRST_NAMES[a.first as usize]),
            ),
            a(
                "LAST_NAME",
                "MemberLastName",
                "Last Name",
                D::Character,
                30,
                |_, a| Val::str(LAST_NAMES[a.last as usize]),
            ),
            a(
                "FULL_NAME",
                "MemberFullName",
                "Full Name",
                D::Character,
                60,
                |_, a| {
                    Val::text(format!(
                        "{} {}",
                        FIRST_NAMES[a.first as usize], LAST_NAMES[a.last as usize]
                    ))
                },
            ),
            a("EMAIL", "MemberEmail", "Email", D::Character, 80, |_, a| {
                Val::text(
                    format!(
                        "{}.{}{}@demo-mls.invalid",
                        FIRST_NAMES[a.first as usize],
                        LAST_NAMES[a.last as usize],
                        a.key % 1000
                    )
                    .to_ascii_lowercase(),
                )
            }),
            a(
                "PHONE",
                "MemberPreferredPhone",
                "Phone",
                D::Character,
                16,
                |_, a| {
                    Val::text(format!(
                        "555-{:03}-{:04}",
                        a.key % 900 + 100,
                        a.key % 10_000
                    ))
                },
            ),
            a(
                "OFFICE_KEY",
                "OfficeKey",
                "Office Key",
                D::Character,
                20,
                |ds, a| Val::text(ds.offices()[a.office as usize].key.to_string()),
            ),
            a(
                "OFFICE_NAME",
                "OfficeName",
                "Office",
                D::Character,
                60,
                |ds, a| Val::text(office_name(&ds.offices()[a.office as usize])),
            ),
            a(
                "LICENSE",
                "MemberStateLicense",
                "License",
                D::Character,
                20,
                |_, a| Val::text(format!("{}{:06}", a.licensed_year % 100, a.key % 1_000_000)),
            ),
            a(
                "LICENSED_YEAR",
                "MemberLicenseYear",
                "Licensed Since",
                D::Small,
                4,
                |_, a| Val::Int(a.licensed_year.into()),
            ),
            a(
                "MEMBER_TYPE",
                "MemberType",
                "Member Type",
                D::Character,
                3,
                |_, a| Val::Lookup(u16::from(a.key % 10 == 0)),
            )
            .lookup(lk::MEMBER_TYPE.0, false),
            a(
                "MEMBER_STATUS",
                "MemberStatus",
                "Status",
                D::Character,
                1,
                |_, _| Val::Lookup(0),
            )
            .lookup(lk::ACTIVE_STATUS.0, false),
            a(
                "MODIFIED",
                "ModificationTimestamp",
                "Last Modified",
                D::DateTime,
                20,
                |_, a| Val::ts(a.modified),
            ),
        ],
        lookups: vec![
            LookupDef::from_pairs(lk::MEMBER_TYPE.0, "Member Type", lk::MEMBER_TYPE.1),
            LookupDef::from_pairs(lk::ACTIVE_STATUS.0, "Status", lk::ACTIVE_STATUS.1),
        ],
        objects: vec![ObjectDef {
            object_type: "Photo",
            mime: "image/jpeg",
            visible: "Photo",
            description: "Agent portrait",
        }],
    }
}

/// The Office resource.
pub fn office() -> ResourceDef {
    ResourceDef {
        id: "Office",
        kind: ResourceKind::Office,
        standard: "Office",
        description: "Brokerage offices",
        key_field: "OFFICE_KEY",
        classes: class("Office", "Office", "Offices"),
        columns: vec![
            o(
                "OFFICE_KEY",
                "OfficeKey",
                "Office Key",
                D::Character,
                20,
                |_, o| Val::text(o.key.to_string()),
            ),
            o(
                "OFFICE_MLS_ID",
                "OfficeMlsId",
                "Office ID",
                D::Character,
                20,
                |_, o| Val::text(format!("O{:04}", o.key - 900_000)),
            ),
            o(
                "OFFICE_NAME",
                "OfficeName",
                "Office Name",
                D::Character,
                60,
                |_, o| Val::text(office_name(o)),
            ),
            o("PHONE", "OfficePhone", "Phone", D::Character, 16, |_, o| {
                Val::text(format!(
                    "555-{:03}-{:04}",
                    o.key % 900 + 100,
                    o.key % 10_000
                ))
            }),
            o("EMAIL", "OfficeEmail", "Email", D::Character, 80, |_, o| {
                Val::text(format!(
                    "info@{}.invalid",
                    OFFICE_BRANDS[o.brand as usize]
                        .replace(' ', "")
                        .to_ascii_lowercase()
                ))
            }),
            o(
                "ADDRESS",
                "OfficeAddress1",
                "Address",
                D::Character,
                80,
                |_, o| {
                    Val::text(format!(
                        "{} {}",
                        100 + o.key % 9000,
                        STREETS[(o.key as usize) % STREETS.len()]
                    ))
                },
            ),
            o("CITY", "OfficeCity", "City", D::Character, 50, |ds, o| {
                Val::str(ds.places().places[o.place as usize].city)
            }),
            o(
                "STATE",
                "OfficeStateOrProvince",
                "State",
                D::Character,
                2,
                |ds, o| Val::str(ds.places().places[o.place as usize].state),
            ),
            o(
                "ZIP",
                "OfficePostalCode",
                "Zip",
                D::Character,
                10,
                |ds, o| Val::str(ds.places().places[o.place as usize].zip),
            ),
            o(
                "OFFICE_STATUS",
                "OfficeStatus",
                "Status",
                D::Character,
                1,
                |_, _| Val::Lookup(0),
            )
            .lookup(lk::ACTIVE_STATUS.0, false),
            o(
                "MODIFIED",
                "ModificationTimestamp",
                "Last Modified",
                D::DateTime,
                20,
                |_, o| Val::ts(o.modified),
            ),
        ],
        lookups: vec![LookupDef::from_pairs(
            lk::ACTIVE_STATUS.0,
            "Status",
            lk::ACTIVE_STATUS.1,
        )],
        objects: vec![],
    }
}

/// The OpenHouse resource.
pub fn open_house() -> ResourceDef {
    ResourceDef {
        id: "OpenHouse",
        kind: ResourceKind::OpenHouse,
        standard: "OpenHouse",
        description: "Scheduled open houses",
        key_field: "OPEN_HOUSE_KEY",
        classes: class("OpenHouse", "OpenHouse", "Open houses"),
        columns: vec![
            oh(
                "OPEN_HOUSE_KEY",
                "OpenHouseKey",
                "Open House Key",
                D::Character,
                20,
                |_, o| Val::text(o.key.to_string()),
            ),
            oh(
                "LISTING_KEY",
                "ListingKey",
                "Listing Key",
                D::Character,
                20,
                |ds, o| Val::text(ds.listings()[o.listing as usize].key.to_string()),
            ),
            oh(
                "LISTING_ID",
                "ListingId",
                "MLS Number",
                D::Character,
                20,
                |ds, o| {
                    Val::text(format!(
                        "D{}",
                        ds.listings()[o.listing as usize].key - 8_000_000
                    ))
                },
            ),
            oh("OH_DATE", "OpenHouseDate", "Date", D::Date, 10, |_, o| {
                Val::day(o.date)
            }),
            oh(
                "START_TIME",
                "OpenHouseStartTime",
                "Start",
                D::DateTime,
                20,
                |_, o| Val::ts(i64::from(o.date) * 86_400 + i64::from(o.start_min) * 60),
            ),
            oh(
                "END_TIME",
                "OpenHouseEndTime",
                "End",
                D::DateTime,
                20,
                |_, o| Val::ts(i64::from(o.date) * 86_400 + i64::from(o.end_min) * 60),
            ),
            oh(
                "OH_TYPE",
                "OpenHouseType",
                "Type",
                D::Character,
                3,
                |_, o| Val::Lookup((o.key % 3) as u16),
            )
            .lookup(lk::OPEN_HOUSE_TYPE.0, false),
            oh(
                "SHOWING_AGENT_KEY",
                "ShowingAgentKey",
                "Showing Agent",
                D::Character,
                20,
                |ds, o| {
                    Val::text(
                        ds.agents()[ds.listings()[o.listing as usize].agent as usize]
                            .key
                            .to_string(),
                    )
                },
            ),
            oh(
                "REMARKS",
                "OpenHouseRemarks",
                "Remarks",
                D::Character,
                255,
                |_, o| {
                    Val::str(
                        [
                            "Refreshments served!",
                            "Come see this beauty.",
                            "No appointment needed.",
                        ][(o.key % 3) as usize],
                    )
                },
            ),
            oh(
                "MODIFIED",
                "ModificationTimestamp",
                "Last Modified",
                D::DateTime,
                20,
                |_, o| Val::ts(o.modified),
            ),
        ],
        lookups: vec![LookupDef::from_pairs(
            lk::OPEN_HOUSE_TYPE.0,
            "Open House Type",
            lk::OPEN_HOUSE_TYPE.1,
        )],
        objects: vec![],
    }
}
