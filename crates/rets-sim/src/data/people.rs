//! Agents, offices and open houses: the roster the listings link to through
//! ListAgentKey / ListOfficeKey, plus the name tables they are built from.

use crate::rng::{Rng, mix};

/// Given names used for agents.
pub const FIRST_NAMES: &[&str] = &[
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Carlos",
    "Karen",
    "Daniel",
    "Lisa",
    "Matthew",
    "Nancy",
    "Anthony",
    "Betty",
    "Mark",
    "Sandra",
    "Wei",
    "Ashley",
    "Steven",
    "Kimberly",
    "Andrew",
    "Emily",
    "Priya",
    "Donna",
    "Joshua",
    "Michelle",
    "Kevin",
    "Carol",
    "Brian",
    "Amanda",
    "Luis",
    "Melissa",
    "Ahmed",
    "Deborah",
    "Hiroshi",
    "Maria",
];

/// Family names used for agents.
pub const LAST_NAMES: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Chen",
];

/// Street names used for addresses.
pub const STREETS: &[&str] = &[
    "Oak St",
    "Maple Ave",
    "Cedar Ln",
    "Pine St",
    "Elm St",
    "Washington Blvd",
    "Lake Dr",
    "Hillcrest Rd",
    "Sunset Blvd",
    "Park Ave",
    "Main St",
    "Highland Ave",
    "Ridge Rd",
    "Willow Way",
    "Meadow Ln",
    "River Rd",
    "Forest Dr",
    "Spring St",
    "Church St",
    "Valley View Dr",
    "Jefferson Ave",
    "Lincoln St",
    "Madison Ave",
    "Franklin St",
    "Chestnut St",
    "Walnut St",
    "Birch Ct",
    "Aspen Cir",
    "Magnolia Dr",
    "Dogwood Ln",
    "Cherry Hill Rd",
    "Prairie Trl",
    "Canyon Rd",
    "Mesa Dr",
    "Bluebonnet Ln",
    "Harbor View Dr",
    "Mill Creek Rd",
    "Stonegate Dr",
    "Briarwood Ct",
    "Foxglove Ln",
];

/// Brand words used for office names.
pub const OFFICE_BRANDS: &[&str] = &[
    "Keystone",
    "Summit",
    "Heritage",
    "Crescent",
    "Pioneer",
    "Harbor",
    "Evergreen",
    "Landmark",
    "Cornerstone",
    "Liberty",
    "Premier",
    "Horizon",
    "Sterling",
    "Gateway",
    "Blue Sky",
    "Redwood",
];

/// A member (agent) of the Demo MLS.
#[derive(Debug, Clone, PartialEq)]
pub struct Agent {
    /// Numeric MemberKey.
    pub key: u32,
    /// Index into [`FIRST_NAMES`].
    pub first: u16,
    /// Index into [`LAST_NAMES`].
    pub last: u16,
    /// Index of the agent's office.
    pub office: u32,
    /// Year the agent was licensed.
    pub licensed_year: u16,
    /// Last modification (unix seconds).
    pub modified: i64,
}

/// A brokerage office.
#[derive(Debug, Clone, PartialEq)]
pub struct Office {
    /// Numeric OfficeKey.
    pub key: u32,
    /// Index into [`OFFICE_BRANDS`].
    pub brand: u16,
    /// Index of the place (ZIP) the office is in.
    pub place: u16,
    /// Last modification (unix seconds).
    pub modified: i64,
}

/// A scheduled open house of an active listing.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenHouse {
    /// Numeric OpenHouseKey.
    pub key: u32,
    /// Index of the listing.
    pub listing: u32,
    /// Day (days since epoch).
    pub date: i32,
    /// Start, minutes after midnight.
    pub start_min: u16,
    /// End, minutes after midnight.
    pub end_min: u16,
    /// Last modification (unix seconds).
    pub modified: i64,
}

/// Generates `n` offices spread over `places` places.
pub fn offices(seed: u64, n: u32, places: usize, anchor: i64) -> Vec<Office> {
    (0..n)
        .map(|i| {
            let mut r = Rng::new(mix(seed, u64::from(i) ^ 0x4F46_4643));
            Office {
                key: 900_001 + i,
                brand: r.below(OFFICE_BRANDS.len() as u64) as u16,
                place: r.below(places as u64) as u16,
                modified: anchor - r.range(3_600, 400 * 86_400),
            }
        })
        .collect()
}

/// Generates `n` agents spread over `offices` offices.
pub fn agents(seed: u64, n: u32, offices: u32, anchor: i64) -> Vec<Agent> {
    let this_year = 1970 + anchor / (365 * 86_400);
    (0..n)
        .map(|i| {
            let mut r = Rng::new(mix(seed, u64::from(i) ^ 0x4147_454E));
            Agent {
                key: 500_001 + i,
                first: r.below(FIRST_NAMES.len() as u64) as u16,
                last: r.below(LAST_NAMES.len() as u64) as u16,
                office: r.below(u64::from(offices.max(1))) as u32,
                licensed_year: r.range(1985, this_year) as u16,
                modified: anchor - r.range(3_600, 400 * 86_400),
            }
        })
        .collect()
}
