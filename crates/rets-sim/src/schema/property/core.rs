//! Fields every Property class shares: keys, status, prices, dates, address,
//! geography and the listing agent/office links.

use super::{ALL, HOME, L, M, R, SUBDIVISIONS, T, di, dl, dm, dt, f, opt, place, remarks};
use crate::data::PropClass;
use crate::data::people::{FIRST_NAMES, LAST_NAMES, OFFICE_BRANDS, STREETS};
use crate::schema::lookups as lk;
use crate::schema::{Column, DataType as D, Val};

/// The shared core fields.
pub(super) fn columns() -> Vec<Column> {
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
            |ds, l| {
                let tax = f64::from(l.assessed) * place(ds, l).tax_rate;
                Val::Dec(((tax * 100.0).round() / 100.0).max(1.0))
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
        f("VIEW", "View", "View", D::Character, 128, ALL, |_, l| {
            Val::Multi(vec![l.traits.view.into()])
        })
        .lookup(lk::VIEW.0, true),
        dl("WATER", "WaterSource", "Water Source", ALL, lk::WATER, 0),
        dl("SEWER", "Sewer", "Sewer", ALL, lk::SEWER, 0),
        dm("UTILITIES", "Utilities", "Utilities", ALL, lk::UTILITIES, 4),
        dm("ROAD", "RoadSurfaceType", "Road Surface", ALL, lk::ROAD, 1),
    ]
}
