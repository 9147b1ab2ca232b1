//! One Property listing as a compact record (about 90 bytes, so a million fit
//! comfortably in memory) and the market model that generates it: six years of
//! seasonal, trending history and the status lifecycle; prices come from the
//! hedonic model in [`super::hedonic`].

use super::hedonic::{self, Home, Traits};
use crate::places::Places;
use crate::rng::{Rng, mix};

/// Seconds per day.
pub const DAY: i64 = 86_400;
/// Days of history generated before the anchor.
pub const HISTORY_DAYS: i64 = 6 * 365;

/// Property class (the RETS Class of the listing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PropClass {
    /// Single-family homes.
    Residential,
    /// Condominiums and townhouses.
    Condo,
    /// Lots and land.
    Land,
    /// Commercial property.
    Commercial,
    /// Residential lease.
    Rental,
}

impl PropClass {
    /// All classes in metadata order.
    pub const ALL: [PropClass; 5] = [
        PropClass::Residential,
        PropClass::Condo,
        PropClass::Land,
        PropClass::Commercial,
        PropClass::Rental,
    ];

    /// RETS class name.
    pub fn name(self) -> &'static str {
        match self {
            PropClass::Residential => "Residential",
            PropClass::Condo => "Condo",
            PropClass::Land => "Land",
            PropClass::Commercial => "Commercial",
            PropClass::Rental => "Rental",
        }
    }

    /// Bit of this class in a field's class mask.
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// Class by RETS name (case-insensitive).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(name))
    }
}

/// Listing status in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// On the market.
    Active,
    /// Under contract.
    Pending,
    /// Sold.
    Closed,
    /// Listing agreement ran out.
    Expired,
    /// Taken off the market by the seller.
    Withdrawn,
}

impl Status {
    /// Index into the status lookup tables.
    pub fn index(self) -> u16 {
        self as u16
    }
}

/// A compact listing record; strings are derived when a reply is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    /// Numeric ListingKey.
    pub key: u32,
    /// RETS class.
    pub class: PropClass,
    /// Lifecycle status.
    pub status: Status,
    /// Index into [`Places::places`].
    pub place: u16,
    /// Bedrooms.
    pub beds: u8,
    /// Full bathrooms.
    pub baths_full: u8,
    /// Half bathrooms.
    pub baths_half: u8,
    /// Number of photos.
    pub photo_count: u8,
    /// Living area in square feet (0 for land).
    pub living_area: u32,
    /// Lot size in square feet.
    pub lot_sqft: u32,
    /// Year built (0 for land).
    pub year_built: u16,
    /// Current list price in dollars (monthly rent for rentals).
    pub list_price: u32,
    /// Price when first listed.
    pub original_price: u32,
    /// Sale price, 0 unless closed.
    pub close_price: u32,
    /// Listing contract date (days since 1970-01-01).
    pub list_date: i32,
    /// Day the listing went under contract (0 = never).
    pub contract_date: i32,
    /// Closing day (0 = not closed).
    pub close_date: i32,
    /// Day it expired or was withdrawn (0 = not applicable).
    pub off_market_date: i32,
    /// Last modification (unix seconds).
    pub modified: i64,
    /// Last price change (unix seconds, 0 = never).
    pub price_changed: i64,
    /// Offset of the house from the ZIP centre, 1e-4 degrees.
    pub lat_jitter: i16,
    /// Offset of the house from the ZIP centre, 1e-4 degrees.
    pub lon_jitter: i16,
    /// Index of the listing agent.
    pub agent: u32,
    /// House number.
    pub street_no: u16,
    /// Index into the street name table.
    pub street: u16,
    /// Deleted from the feed (live mode).
    pub deleted: bool,
    /// Traits that move the price (garage, condition, view, ...).
    pub traits: Traits,
    /// Assessed value for property tax, in dollars.
    pub assessed: u32,
}

impl Listing {
    /// Days on market as of `today` (days since epoch).
    pub fn days_on_market(&self, today: i32) -> i32 {
        let end = match self.status {
            Status::Active => today,
            Status::Pending | Status::Closed => self.contract_date,
            Status::Expired | Status::Withdrawn => self.off_market_date,
        };
        (end - self.list_date).max(0)
    }

    /// Last status change (unix seconds).
    pub fn status_changed(&self) -> i64 {
        let day = match self.status {
            Status::Active => self.list_date,
            Status::Pending => self.contract_date,
            Status::Closed => self.close_date,
            Status::Expired | Status::Withdrawn => self.off_market_date,
        };
        i64::from(day) * DAY + 9 * 3600 + i64::from(self.key % 3600)
    }
}

/// Seasonality in [-1, 1], peaking in late April.
pub fn season(day: i64) -> f64 {
    let doy = day.rem_euclid(365) as f64;
    (2.0 * std::f64::consts::PI * (doy - 115.0) / 365.0).cos()
}

/// Parameters shared by all listings of one generation run.
#[derive(Debug, Clone, Copy)]
pub struct GenContext<'a> {
    /// Data seed.
    pub seed: u64,
    /// Anchor ("now"), unix seconds.
    pub anchor: i64,
    /// Geography.
    pub places: &'a Places,
    /// Number of agents to link to.
    pub agents: u32,
    /// Number of street names available.
    pub streets: u16,
}

/// Generates listing number `n` with key `key` as of the anchor.
pub fn generate(ctx: &GenContext<'_>, n: u64, key: u32) -> Listing {
    let mut rng = Rng::new(mix(ctx.seed, n ^ 0x4C49_5354));
    let anchor_day = ctx.anchor.div_euclid(DAY);
    let class = match rng.below(100) {
        0..=59 => PropClass::Residential,
        60..=74 => PropClass::Condo,
        75..=82 => PropClass::Land,
        83..=87 => PropClass::Commercial,
        _ => PropClass::Rental,
    };
    // More listings come on the market in spring: rejection-sample the day.
    let list_day = loop {
        let d = anchor_day - rng.below(HISTORY_DAYS as u64) as i64;
        if rng.unit() < (1.0 + 0.4 * season(d)) / 1.4 {
            break d;
        }
    };
    let place_idx = rng.below(ctx.places.places.len() as u64) as usize;
    let place = &ctx.places.places[place_idx];
    let (beds, living_area, lot_sqft, year_built) = size_for(class, &mut rng, anchor_day);
    let baths_full = match class {
        PropClass::Land => 0,
        _ => (1 + (beds as i64 - 1) / 2 + rng.range(0, 1)) as u8,
    };
    let baths_half = if class == PropClass::Land {
        0
    } else {
        rng.below(2) as u8
    };
    // What no field explains: about 7 % (the generator's normal has sd 0.71).
    let noise = (0.1 * rng.normal()).clamp(-0.35, 0.35).exp();
    let this_year = 1970 + anchor_day / 365;
    let traits = hedonic::draw_traits(ctx.seed, n, class, year_built, this_year);

    // Lifecycle: days to contract follows a seasonal exponential distribution.
    let mean_dom = if class == PropClass::Rental {
        21.0
    } else {
        38.0
    } * (1.2 - 0.3 * season(list_day));
    let to_contract = (-mean_dom * (1.0 - rng.unit()).ln()).round() as i64 + 1;
    let expires_after = 120 + rng.below(90) as i64;
    let withdraws = rng.chance(0.06);
    let mut l = Listing {
        key,
        class,
        status: Status::Active,
        place: place_idx as u16,
        beds,
        baths_full,
        baths_half,
        photo_count: photo_count(class, &mut rng),
        living_area,
        lot_sqft,
        year_built,
        list_price: 0,
        original_price: 0,
        close_price: 0,
        list_date: list_day as i32,
        contract_date: 0,
        close_date: 0,
        off_market_date: 0,
        modified: list_day * DAY + rng.range(8 * 3600, 20 * 3600),
        price_changed: 0,
        lat_jitter: rng.range(-150, 150) as i16,
        lon_jitter: rng.range(-150, 150) as i16,
        agent: rng.below(u64::from(ctx.agents.max(1))) as u32,
        street_no: rng.range(100, 19_999) as u16,
        street: rng.below(u64::from(ctx.streets.max(1))) as u16,
        deleted: false,
        traits,
        assessed: 0,
    };
    let base = hedonic::base_value(
        &Home {
            class,
            place,
            living_area,
            lot_sqft,
            year_built,
            baths_full,
            baths_half,
            lat_jitter: l.lat_jitter,
            lon_jitter: l.lon_jitter,
            traits,
        },
        this_year,
    );
    let value = base * noise * hedonic::price_index(list_day, anchor_day, place.growth);
    l.list_price = if class == PropClass::Rental {
        round_to(value * 0.0055, 25.0)
    } else {
        round_to(value, 1000.0)
    };
    l.original_price = l.list_price;
    l.assessed = hedonic::assessed_value(base, place.growth, ctx.seed, n);
    let stale_by = list_day + to_contract.min(expires_after);
    // A price cut for listings that sat a while.
    if to_contract > 30 && rng.chance(0.55) {
        let cut_day =
            list_day + 14 + rng.below((to_contract.min(expires_after) - 14) as u64) as i64;
        if cut_day < anchor_day {
            let cut = 0.93 + 0.05 * rng.unit();
            l.list_price = round_to(
                l.list_price as f64 * cut,
                if class == PropClass::Rental {
                    25.0
                } else {
                    1000.0
                },
            );
            l.price_changed = cut_day * DAY + rng.range(8 * 3600, 20 * 3600);
        }
    }
    if withdraws && stale_by - 10 < anchor_day {
        l.status = Status::Withdrawn;
        l.off_market_date = (list_day + 5 + rng.below(30) as i64).min(anchor_day) as i32;
    } else if to_contract >= expires_after {
        if list_day + expires_after <= anchor_day {
            l.status = Status::Expired;
            l.off_market_date = (list_day + expires_after) as i32;
        }
    } else if list_day + to_contract <= anchor_day {
        let contract = list_day + to_contract;
        l.contract_date = contract as i32;
        l.status = Status::Pending;
        let close =
            contract + if class == PropClass::Rental { 7 } else { 25 } + rng.below(25) as i64;
        if close <= anchor_day {
            l.status = Status::Closed;
            l.close_date = close as i32;
            let ratio = 0.95 + 0.08 * rng.unit() + 0.02 * season(contract);
            let step = if class == PropClass::Rental {
                5.0
            } else {
                500.0
            };
            l.close_price = round_to(l.list_price as f64 * ratio, step);
        }
    }
    let last_event = [
        l.list_date,
        l.contract_date,
        l.close_date,
        l.off_market_date,
    ]
    .into_iter()
    .max()
    .unwrap_or(l.list_date);
    let event_ts = i64::from(last_event) * DAY + rng.range(8 * 3600, 20 * 3600);
    l.modified = event_ts.max(l.price_changed).min(ctx.anchor);
    l
}

fn size_for(class: PropClass, rng: &mut Rng, anchor_day: i64) -> (u8, u32, u32, u16) {
    let this_year = 1970 + anchor_day / 365;
    let built = |rng: &mut Rng| rng.range(1950, this_year).max(rng.range(1950, this_year)) as u16;
    match class {
        PropClass::Land => (0, 0, rng.range(6_000, 400_000) as u32, 0),
        PropClass::Commercial => (
            0,
            rng.range(2_000, 40_000) as u32,
            rng.range(8_000, 120_000) as u32,
            built(rng),
        ),
        PropClass::Condo => {
            let beds = rng.range(1, 3) as u8;
            (
                beds,
                450 + u32::from(beds) * 350 + rng.below(400) as u32,
                0,
                built(rng),
            )
        }
        PropClass::Residential | PropClass::Rental => {
            let beds = rng.range(2, 5) as u8 + u8::from(rng.chance(0.1));
            let area = 600 + u32::from(beds) * 450 + rng.below(900) as u32;
            (beds, area, rng.range(3_500, 20_000) as u32, built(rng))
        }
    }
}

fn photo_count(class: PropClass, rng: &mut Rng) -> u8 {
    if rng.chance(0.04) {
        return 0;
    }
    match class {
        PropClass::Land => rng.range(1, 4) as u8,
        _ => rng.range(3, 12) as u8,
    }
}

fn round_to(v: f64, step: f64) -> u32 {
    ((v / step).round() * step).max(step) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycle_is_consistent() {
        let places = Places::load(3);
        let ctx = GenContext {
            seed: 3,
            anchor: 1_780_000_000,
            places: &places,
            agents: 100,
            streets: 50,
        };
        let anchor_day = (ctx.anchor / DAY) as i32;
        let mut seen = std::collections::HashSet::new();
        for n in 0..5000 {
            let l = generate(&ctx, n, n as u32 + 1);
            assert_eq!(l, generate(&ctx, n, n as u32 + 1));
            seen.insert(l.status);
            assert!(l.list_date <= anchor_day && l.modified <= ctx.anchor);
            match l.status {
                Status::Closed => assert!(
                    l.close_price > 0
                        && l.close_date >= l.contract_date
                        && l.close_date <= anchor_day
                ),
                Status::Pending => assert!(l.contract_date > 0 && l.close_date == 0),
                Status::Expired | Status::Withdrawn => assert!(l.off_market_date >= l.list_date),
                Status::Active => assert!(l.close_price == 0),
            }
            assert!(l.original_price >= l.list_price);
            assert!(l.days_on_market(anchor_day) >= 0);
        }
        assert_eq!(seen.len(), 5, "all statuses occur");
    }

    #[test]
    fn spring_is_pricier_than_winter() {
        let index = |day| hedonic::price_index(day, 20_600, 0.05);
        assert!(index(20_200 + 115 - 20_200 % 365) > index(20_200 + 300 - 20_200 % 365) * 0.9);
        assert!(season(115) > 0.99 && season(115 + 182) < -0.99);
        assert!(hedonic::price_index(20_000, 20_000 + 365 * 5, 0.05) < 0.85);
    }
}
