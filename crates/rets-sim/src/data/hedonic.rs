//! The Demo MLS's price model: a hedonic (log-additive) value built from what a
//! buyer pays for — location (ZIP level plus a gradient inside the ZIP), size
//! with diminishing returns, lot, age, condition, garage, pool, waterfront,
//! view, basement — times the county's own market trend and an idiosyncratic
//! draw no field explains. Valuation on the Demo MLS is then neither trivial
//! (the noise is real) nor hopeless (most of the price is in the fields).
//!
//! Traits are drawn from their own stream, so adding them left every other
//! draw (keys, dates, statuses, sizes) as it was.

use super::listing::{PropClass, season};
use crate::places::Place;
use crate::rng::{Rng, mix};

/// Property traits that move the price, stored on the listing so the fields
/// that show them and the price agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Traits {
    /// Garage spaces (Residential and Rental).
    pub garage: u8,
    /// Index into the PropertyCondition lookup: 0 resale, 1 updated, 2 new
    /// construction, 3 fixer.
    pub condition: u8,
    /// Index into the View lookup: 0 none, 1 city, 2 mountain, 3 lake, 4 park,
    /// 5 neighborhood.
    pub view: u8,
    /// Index into the Basement lookup: 0 none, 1 finished, 2 unfinished,
    /// 3 partial, 4 crawl space.
    pub basement: u8,
    /// Private pool (Residential).
    pub pool: bool,
    /// Waterfront (Residential and Land).
    pub waterfront: bool,
}

/// Condition lookup index of new construction.
pub const NEW_CONSTRUCTION: u8 = 2;

/// What the price model needs to know about one home.
#[derive(Debug, Clone, Copy)]
pub struct Home<'a> {
    /// RETS class.
    pub class: PropClass,
    /// ZIP area.
    pub place: &'a Place,
    /// Living area, square feet (0 for land).
    pub living_area: u32,
    /// Lot, square feet.
    pub lot_sqft: u32,
    /// Year built (0 for land).
    pub year_built: u16,
    /// Full baths.
    pub baths_full: u8,
    /// Half baths.
    pub baths_half: u8,
    /// Offset inside the ZIP, 1e-4 degrees.
    pub lat_jitter: i16,
    /// Offset inside the ZIP, 1e-4 degrees.
    pub lon_jitter: i16,
    /// Traits.
    pub traits: Traits,
}

/// Draws the traits of listing number `n` from their own stream.
pub fn draw_traits(seed: u64, n: u64, class: PropClass, year_built: u16, this_year: i64) -> Traits {
    let mut rng = Rng::new(mix(seed, n ^ 0x4845_444F_4E49));
    let age = (this_year - i64::from(year_built)).max(0) as f64;
    let building = class != PropClass::Land;
    let condition = if !building {
        0
    } else if age <= 1.0 {
        NEW_CONSTRUCTION
    } else {
        // Older homes are more often either remodelled or in need of work.
        let u = rng.unit();
        let fixer = 0.03 + 0.0015 * age;
        let updated = 0.12 + 0.004 * age;
        if u < fixer {
            3
        } else if u < fixer + updated {
            1
        } else {
            0
        }
    };
    let house = matches!(class, PropClass::Residential | PropClass::Rental);
    let garage = if house {
        let newer = (1.0 - age / 80.0).clamp(0.0, 1.0);
        let u = rng.unit();
        if u < 0.22 - 0.15 * newer {
            0
        } else if u < 0.45 - 0.2 * newer {
            1
        } else if u < 0.85 - 0.1 * newer {
            2
        } else {
            3
        }
    } else {
        0
    };
    let waterfront = matches!(class, PropClass::Residential | PropClass::Land) && rng.chance(0.05);
    let view = if waterfront && rng.chance(0.7) {
        3
    } else {
        *rng.pick(&[0u8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 4, 4, 5, 5])
    };
    let pool = class == PropClass::Residential && rng.chance(0.18);
    let basement = if class == PropClass::Residential {
        *rng.pick(&[0u8, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4])
    } else {
        0
    };
    Traits {
        garage,
        condition,
        view,
        basement,
        pool,
        waterfront,
    }
}

/// The home's market value on the anchor day before the idiosyncratic draw,
/// in dollars (monthly rent is derived from it for rentals).
pub fn base_value(h: &Home<'_>, this_year: i64) -> f64 {
    let t = h.traits;
    let ppsf = h.place.price_per_sqft;
    let age = if h.year_built == 0 {
        0.0
    } else {
        (this_year - i64::from(h.year_built)).max(0) as f64
    };
    // Depreciation levels off; the oldest homes earn a little back as "character".
    let age_effect = -0.0045 * age.min(60.0) + 0.02 * f64::from(u8::from(age > 70.0));
    let condition = [0.0, 0.06, 0.08, -0.22][usize::from(t.condition.min(3))];
    let view = [0.0, 0.02, 0.05, 0.08, 0.03, 0.0][usize::from(t.view.min(5))];
    let basement = [0.0, 0.05, 0.015, 0.025, 0.0][usize::from(t.basement.min(4))];
    let location = location_gradient(h);
    let log_effects = match h.class {
        PropClass::Land => {
            location + view + 0.22 * f64::from(u8::from(t.waterfront))
                - 0.3 * (f64::from(h.lot_sqft.max(1)) / 40_000.0).ln()
        }
        PropClass::Commercial => location + age_effect * 0.6 + condition * 0.5,
        PropClass::Condo => location + age_effect + condition + view * 1.5,
        PropClass::Residential | PropClass::Rental => {
            location
                + age_effect
                + condition
                + view
                + basement
                + 0.07 * (f64::from(h.lot_sqft.max(1)) / 7_000.0).ln()
                + 0.03 * f64::from(t.garage)
                + 0.045 * f64::from(u8::from(t.pool))
                + 0.18 * f64::from(u8::from(t.waterfront))
                + 0.02 * (f64::from(h.baths_full) - 2.0)
                + 0.012 * f64::from(h.baths_half)
                // So that the average home is worth what it was before traits.
                + 0.09
        }
    };
    let size = match h.class {
        PropClass::Land => f64::from(h.lot_sqft) * 0.06,
        PropClass::Commercial => f64::from(h.living_area) * 0.9,
        // Each extra square foot adds a little less.
        PropClass::Condo => 1_100.0 * 1.1 * (f64::from(h.living_area) / 1_100.0).powf(0.9),
        PropClass::Residential | PropClass::Rental => {
            1_900.0 * (f64::from(h.living_area) / 1_900.0).powf(0.85)
        }
    };
    size * ppsf * log_effects.exp()
}

/// A smooth price gradient across the ZIP (one side is the better side),
/// ±5 % from edge to edge.
fn location_gradient(h: &Home<'_>) -> f64 {
    let angle = (mix(
        h.place.zip.len() as u64,
        crate::places::hash_str(h.place.zip),
    ) % 628) as f64
        / 100.0;
    let along =
        (angle.cos() * f64::from(h.lat_jitter) + angle.sin() * f64::from(h.lon_jitter)) / 150.0;
    0.05 * along
}

/// Market price index on `day` relative to the anchor day (1.0 at the anchor):
/// the county's own yearly growth plus a spring peak.
pub fn price_index(day: i64, anchor_day: i64, growth: f64) -> f64 {
    let years_back = (anchor_day - day) as f64 / 365.0;
    let trend = (1.0 + growth).powf(-years_back);
    trend * (1.0 + 0.03 * season(day))
}

/// Assessed value for property tax: the base value two years before the
/// anchor with an assessor's error of about 12 %, independent of the sale's
/// own draw (taxes inform a valuation; they do not leak the price).
pub fn assessed_value(base: f64, growth: f64, seed: u64, n: u64) -> u32 {
    let mut rng = Rng::new(mix(seed, n ^ 0x4153_5345_5353));
    let error = (0.12 * rng.normal()).clamp(-0.4, 0.4).exp();
    (base * (1.0 + growth).powi(-2) * error).round().max(1.0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::Places;

    fn home<'a>(place: &'a Place, traits: Traits) -> Home<'a> {
        Home {
            class: PropClass::Residential,
            place,
            living_area: 1_900,
            lot_sqft: 7_000,
            year_built: 2000,
            baths_full: 2,
            baths_half: 0,
            lat_jitter: 0,
            lon_jitter: 0,
            traits,
        }
    }

    #[test]
    fn each_trait_moves_the_value_the_way_a_buyer_would() {
        let places = Places::load(1);
        let p = &places.places[0];
        let plain = base_value(&home(p, Traits::default()), 2026);
        let with = |t: Traits| base_value(&home(p, t), 2026) / plain;
        assert!(
            with(Traits {
                pool: true,
                ..Traits::default()
            }) > 1.03
        );
        assert!(
            with(Traits {
                waterfront: true,
                ..Traits::default()
            }) > 1.15
        );
        assert!(
            with(Traits {
                condition: 3,
                ..Traits::default()
            }) < 0.85
        );
        assert!(
            with(Traits {
                garage: 2,
                ..Traits::default()
            }) > 1.05
        );
        let mut bigger = home(p, Traits::default());
        bigger.living_area = 3_800;
        let ratio = base_value(&bigger, 2026) / plain;
        assert!(ratio > 1.6 && ratio < 2.0, "diminishing returns: {ratio}");
    }

    #[test]
    fn counties_grow_at_their_own_pace() {
        assert!(
            price_index(20_000, 20_000 + 365 * 5, 0.08)
                < price_index(20_000, 20_000 + 365 * 5, 0.02)
        );
        assert!((price_index(20_600, 20_600, 0.05) - (1.0 + 0.03 * season(20_600))).abs() < 1e-12);
    }

    #[test]
    fn new_homes_are_new_construction_and_only_houses_have_garages() {
        for n in 0..500 {
            let t = draw_traits(9, n, PropClass::Residential, 2026, 2026);
            assert_eq!(t.condition, NEW_CONSTRUCTION);
            let c = draw_traits(9, n, PropClass::Condo, 1990, 2026);
            assert!(c.garage == 0 && !c.pool && c.basement == 0 && c.condition != NEW_CONSTRUCTION);
        }
    }
}
