//! Static lookup tables of the Demo MLS (value, long value). Values are short
//! codes like a real MLS uses, so COMPACT and COMPACT-DECODED differ.

/// Lookup name and its `(value, long value)` pairs.
pub type Table = (&'static str, &'static [(&'static str, &'static str)]);

/// ListingStatus codes (order = [`crate::data::Status`]).
pub const LISTING_STATUS: Table = (
    "ListingStatus",
    &[
        ("A", "Active"),
        ("P", "Pending"),
        ("S", "Sold"),
        ("X", "Expired"),
        ("W", "Withdrawn"),
    ],
);
/// RESO StandardStatus (order = [`crate::data::Status`]).
pub const STANDARD_STATUS: Table = (
    "StandardStatus",
    &[
        ("Active", "Active"),
        ("Pending", "Pending"),
        ("Closed", "Closed"),
        ("Expired", "Expired"),
        ("Withdrawn", "Withdrawn"),
    ],
);
/// PropertyType (order = [`crate::data::PropClass`]).
pub const PROPERTY_TYPE: Table = (
    "PropertyType",
    &[
        ("RES", "Residential"),
        ("CND", "Condominium"),
        ("LND", "Land"),
        ("COM", "Commercial Sale"),
        ("RNT", "Residential Lease"),
    ],
);
/// PropertySubType.
pub const PROPERTY_SUB_TYPE: Table = (
    "PropertySubType",
    &[
        ("SFR", "Single Family Residence"),
        ("TWN", "Townhouse"),
        ("CON", "Condominium"),
        ("DUP", "Duplex"),
        ("MAN", "Manufactured Home"),
        ("CAB", "Cabin"),
    ],
);
/// Heating.
pub const HEATING: Table = (
    "Heating",
    &[
        ("CEN", "Central"),
        ("FA", "Forced Air"),
        ("HP", "Heat Pump"),
        ("NG", "Natural Gas"),
        ("ELE", "Electric"),
        ("RAD", "Radiant"),
        ("FP", "Fireplace(s)"),
    ],
);
/// Cooling.
pub const COOLING: Table = (
    "Cooling",
    &[
        ("CA", "Central Air"),
        ("CF", "Ceiling Fan(s)"),
        ("WU", "Window Unit(s)"),
        ("EV", "Evaporative Cooling"),
        ("NON", "None"),
    ],
);
/// Appliances.
pub const APPLIANCES: Table = (
    "Appliances",
    &[
        ("DW", "Dishwasher"),
        ("DSP", "Disposal"),
        ("MW", "Microwave"),
        ("RNG", "Range"),
        ("REF", "Refrigerator"),
        ("WD", "Washer/Dryer"),
        ("GR", "Gas Range"),
        ("WH", "Water Heater"),
    ],
);
/// Flooring.
pub const FLOORING: Table = (
    "Flooring",
    &[
        ("CPT", "Carpet"),
        ("HW", "Hardwood"),
        ("TIL", "Tile"),
        ("LAM", "Laminate"),
        ("VNY", "Vinyl"),
        ("CON", "Concrete"),
    ],
);
/// InteriorFeatures.
pub const INTERIOR: Table = (
    "InteriorFeatures",
    &[
        ("VC", "Vaulted Ceiling(s)"),
        ("WIC", "Walk-In Closet(s)"),
        ("KI", "Kitchen Island"),
        ("PAN", "Pantry"),
        ("BB", "Built-in Features"),
        ("HC", "High Ceilings"),
        ("OFP", "Open Floorplan"),
        ("SKY", "Skylight(s)"),
    ],
);
/// ExteriorFeatures.
pub const EXTERIOR: Table = (
    "ExteriorFeatures",
    &[
        ("DECK", "Deck"),
        ("GUT", "Rain Gutters"),
        ("LGT", "Lighting"),
        ("PRV", "Private Yard"),
        ("SPR", "Sprinkler/Irrigation"),
        ("OK", "Outdoor Kitchen"),
    ],
);
/// ConstructionMaterials.
pub const CONSTRUCTION: Table = (
    "ConstructionMaterials",
    &[
        ("BRK", "Brick"),
        ("STU", "Stucco"),
        ("VIN", "Vinyl Siding"),
        ("WD", "Wood Siding"),
        ("STN", "Stone"),
        ("HP", "HardiPlank Type"),
    ],
);
/// Roof.
pub const ROOF: Table = (
    "Roof",
    &[
        ("CMP", "Composition"),
        ("MTL", "Metal"),
        ("TIL", "Tile"),
        ("SHK", "Shake"),
        ("FLT", "Flat"),
    ],
);
/// ArchitecturalStyle.
pub const STYLE: Table = (
    "ArchitecturalStyle",
    &[
        ("RAN", "Ranch"),
        ("COL", "Colonial"),
        ("CON", "Contemporary"),
        ("CRF", "Craftsman"),
        ("TRD", "Traditional"),
        ("SPN", "Spanish"),
        ("MCM", "Mid-Century Modern"),
        ("VIC", "Victorian"),
    ],
);
/// ParkingFeatures.
pub const PARKING: Table = (
    "ParkingFeatures",
    &[
        ("ATT", "Attached"),
        ("DET", "Detached"),
        ("DRV", "Driveway"),
        ("GDO", "Garage Door Opener"),
        ("STR", "On Street"),
        ("CVD", "Covered"),
    ],
);
/// LaundryFeatures.
pub const LAUNDRY: Table = (
    "LaundryFeatures",
    &[
        ("IN", "Inside"),
        ("UTL", "Laundry Room"),
        ("GAR", "In Garage"),
        ("HU", "Washer Hookup"),
    ],
);
/// SecurityFeatures.
pub const SECURITY: Table = (
    "SecurityFeatures",
    &[
        ("SS", "Security System"),
        ("SD", "Smoke Detector(s)"),
        ("CO", "Carbon Monoxide Detector(s)"),
        ("GAT", "Gated Community"),
    ],
);
/// WindowFeatures.
pub const WINDOWS: Table = (
    "WindowFeatures",
    &[
        ("DP", "Double Pane Windows"),
        ("BL", "Blinds"),
        ("BAY", "Bay Window(s)"),
        ("LE", "Low-E Windows"),
    ],
);
/// AccessibilityFeatures.
pub const ACCESSIBILITY: Table = (
    "AccessibilityFeatures",
    &[
        ("NON", "None"),
        ("GB", "Grab Bars"),
        ("WD", "Accessible Doors"),
        ("RMP", "Accessible Approach with Ramp"),
    ],
);
/// Utilities.
pub const UTILITIES: Table = (
    "Utilities",
    &[
        ("EL", "Electricity Connected"),
        ("NG", "Natural Gas Available"),
        ("SW", "Sewer Connected"),
        ("WTR", "Water Connected"),
        ("CBL", "Cable Available"),
        ("FIB", "Fiber Optic"),
    ],
);
/// View.
pub const VIEW: Table = (
    "View",
    &[
        ("NON", "None"),
        ("CTY", "City"),
        ("MTN", "Mountain(s)"),
        ("LAK", "Lake"),
        ("PRK", "Park/Greenbelt"),
        ("NBH", "Neighborhood"),
    ],
);
/// WaterSource.
pub const WATER: Table = (
    "WaterSource",
    &[("PUB", "Public"), ("WEL", "Well"), ("COM", "Community")],
);
/// Sewer.
pub const SEWER: Table = (
    "Sewer",
    &[
        ("PUB", "Public Sewer"),
        ("SEP", "Septic Tank"),
        ("AER", "Aerobic Septic"),
    ],
);
/// Zoning.
pub const ZONING: Table = (
    "Zoning",
    &[
        ("R1", "R-1 Single Family"),
        ("R2", "R-2 Two Family"),
        ("RM", "Multi-Family"),
        ("C1", "C-1 Commercial"),
        ("AG", "Agricultural"),
        ("MU", "Mixed Use"),
    ],
);
/// PoolFeatures.
pub const POOL: Table = (
    "PoolFeatures",
    &[
        ("IG", "In Ground"),
        ("AG", "Above Ground"),
        ("HT", "Heated"),
        ("SW", "Salt Water"),
        ("COM", "Community"),
    ],
);
/// Basement.
pub const BASEMENT: Table = (
    "Basement",
    &[
        ("NON", "None"),
        ("FIN", "Finished"),
        ("UNF", "Unfinished"),
        ("PRT", "Partial"),
        ("CRL", "Crawl Space"),
    ],
);
/// FoundationDetails.
pub const FOUNDATION: Table = (
    "FoundationDetails",
    &[
        ("SLB", "Slab"),
        ("PB", "Pier & Beam"),
        ("CB", "Concrete Perimeter"),
    ],
);
/// Fencing.
pub const FENCING: Table = (
    "Fencing",
    &[
        ("NON", "None"),
        ("WD", "Wood"),
        ("CL", "Chain Link"),
        ("VIN", "Vinyl"),
        ("PRV", "Privacy"),
    ],
);
/// LotFeatures.
pub const LOT_FEATURES: Table = (
    "LotFeatures",
    &[
        ("CDS", "Cul-De-Sac"),
        ("COR", "Corner Lot"),
        ("LVL", "Level"),
        ("SLP", "Sloped"),
        ("TRE", "Trees-Medium (20 Ft - 40 Ft)"),
        ("BCK", "Backs to Greenbelt/Park"),
    ],
);
/// PatioAndPorchFeatures.
pub const PATIO: Table = (
    "PatioAndPorchFeatures",
    &[
        ("COV", "Covered"),
        ("FP", "Front Porch"),
        ("PAT", "Patio"),
        ("SCR", "Screened"),
    ],
);
/// AssociationFeeFrequency.
pub const FEE_FREQ: Table = (
    "FeeFrequency",
    &[("M", "Monthly"), ("Q", "Quarterly"), ("A", "Annually")],
);
/// GreenEnergyEfficient.
pub const GREEN: Table = (
    "GreenEnergyEfficient",
    &[
        ("APP", "Appliances"),
        ("INS", "Insulation"),
        ("WIN", "Windows"),
        ("SOL", "Solar Panels"),
        ("THM", "Thermostat"),
    ],
);
/// DoorFeatures.
pub const DOORS: Table = (
    "DoorFeatures",
    &[
        ("FRN", "French Doors"),
        ("SLD", "Sliding Doors"),
        ("STM", "Storm Door(s)"),
    ],
);
/// CommunityFeatures.
pub const COMMUNITY: Table = (
    "CommunityFeatures",
    &[
        ("CLB", "Clubhouse"),
        ("PL", "Pool"),
        ("PG", "Playground"),
        ("SW", "Sidewalks"),
        ("TR", "Trails-Paved"),
        ("TEN", "Tennis Court(s)"),
    ],
);
/// Levels.
pub const LEVELS: Table = (
    "Levels",
    &[
        ("ONE", "One"),
        ("TWO", "Two"),
        ("THR", "Three Or More"),
        ("MUL", "Multi/Split"),
    ],
);
/// DirectionFaces.
pub const DIRECTION: Table = (
    "DirectionFaces",
    &[("N", "North"), ("S", "South"), ("E", "East"), ("W", "West")],
);
/// PropertyCondition.
pub const CONDITION: Table = (
    "PropertyCondition",
    &[
        ("RES", "Resale"),
        ("UR", "Updated/Remodeled"),
        ("NC", "New Construction"),
        ("FIX", "Fixer"),
    ],
);
/// OtherStructures.
pub const STRUCTURES: Table = (
    "OtherStructures",
    &[
        ("SHD", "Shed(s)"),
        ("GH", "Guest House"),
        ("WKS", "Workshop"),
        ("BRN", "Barn(s)"),
        ("NON", "None"),
    ],
);
/// RoadSurfaceType.
pub const ROAD: Table = (
    "RoadSurfaceType",
    &[
        ("ASP", "Asphalt"),
        ("CON", "Concrete"),
        ("GRV", "Gravel"),
        ("DRT", "Dirt"),
    ],
);
/// PetsAllowed.
pub const PETS: Table = (
    "PetsAllowed",
    &[
        ("CAT", "Cats OK"),
        ("DOG", "Dogs OK"),
        ("NO", "No"),
        ("SZ", "Size Limit"),
        ("NEG", "Negotiable"),
    ],
);
/// CurrentUse / PossibleUse.
pub const LAND_USE: Table = (
    "LandUse",
    &[
        ("AG", "Agricultural"),
        ("RES", "Residential"),
        ("COM", "Commercial"),
        ("REC", "Recreational"),
        ("TMB", "Timber"),
        ("PAS", "Pasture"),
    ],
);
/// Topography.
pub const TOPOGRAPHY: Table = (
    "Topography",
    &[
        ("LVL", "Level"),
        ("RL", "Rolling"),
        ("STP", "Steep"),
        ("MIX", "Varied"),
    ],
);
/// RoadFrontageType.
pub const FRONTAGE: Table = (
    "RoadFrontageType",
    &[
        ("CTY", "City Street"),
        ("CNT", "County Road"),
        ("HWY", "Highway"),
        ("PRV", "Private Road"),
    ],
);
/// BusinessType.
pub const BUSINESS: Table = (
    "BusinessType",
    &[
        ("OFF", "Office"),
        ("RET", "Retail"),
        ("IND", "Industrial"),
        ("MF", "Multi-Family"),
        ("RST", "Restaurant"),
        ("WH", "Warehouse"),
    ],
);
/// LeaseTerm.
pub const LEASE_TERM: Table = (
    "LeaseTerm",
    &[
        ("12", "12 Months"),
        ("6", "6 Months"),
        ("MTM", "Month To Month"),
        ("24", "24 Months"),
    ],
);
/// Furnished.
pub const FURNISHED: Table = (
    "Furnished",
    &[
        ("FUR", "Furnished"),
        ("UNF", "Unfurnished"),
        ("PRT", "Partially"),
    ],
);
/// OpenHouseType.
pub const OPEN_HOUSE_TYPE: Table = (
    "OpenHouseType",
    &[("PUB", "Public"), ("BRK", "Broker"), ("VRT", "Virtual")],
);
/// MemberType.
pub const MEMBER_TYPE: Table = (
    "MemberType",
    &[
        ("AGT", "Agent"),
        ("BRK", "Broker"),
        ("OFM", "Office Manager"),
    ],
);
/// MemberStatus / OfficeStatus.
pub const ACTIVE_STATUS: Table = ("ActiveStatus", &[("A", "Active"), ("I", "Inactive")]);

/// All static Property lookups.
pub const PROPERTY_TABLES: &[Table] = &[
    LISTING_STATUS,
    STANDARD_STATUS,
    PROPERTY_TYPE,
    PROPERTY_SUB_TYPE,
    HEATING,
    COOLING,
    APPLIANCES,
    FLOORING,
    INTERIOR,
    EXTERIOR,
    CONSTRUCTION,
    ROOF,
    STYLE,
    PARKING,
    LAUNDRY,
    SECURITY,
    WINDOWS,
    ACCESSIBILITY,
    UTILITIES,
    VIEW,
    WATER,
    SEWER,
    ZONING,
    POOL,
    BASEMENT,
    FOUNDATION,
    FENCING,
    LOT_FEATURES,
    PATIO,
    FEE_FREQ,
    GREEN,
    DOORS,
    COMMUNITY,
    LEVELS,
    DIRECTION,
    CONDITION,
    STRUCTURES,
    ROAD,
    PETS,
    LAND_USE,
    TOPOGRAPHY,
    FRONTAGE,
    BUSINESS,
    LEASE_TERM,
    FURNISHED,
];

/// Number of values of a table, for [`super::Detail`].
pub const fn n(t: Table) -> u16 {
    t.1.len() as u16
}
