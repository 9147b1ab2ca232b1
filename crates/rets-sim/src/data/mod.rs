//! The Demo MLS data set: listings, agents, offices and open houses, generated
//! deterministically from a seed and an anchor time, and mutated by live mode
//! (`advance`) the way a real feed changes between two synchronisations.

pub mod hedonic;
pub mod listing;
pub mod people;

use crate::places::Places;
use crate::rng::{Rng, mix};
pub use listing::{DAY, GenContext, Listing, PropClass, Status};
pub use people::{Agent, Office, OpenHouse};

/// First generated ListingKey; keys are consecutive from here.
pub const FIRST_LISTING_KEY: u32 = 10_000_001;

/// Everything the simulator serves.
#[derive(Debug, Clone)]
pub struct Dataset {
    seed: u64,
    anchor: i64,
    now: i64,
    changes: u64,
    places: Places,
    listings: Vec<Listing>,
    agents: Vec<Agent>,
    offices: Vec<Office>,
    open_houses: Vec<OpenHouse>,
}

/// Summary counts, handy for tests comparing a download with the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Listings not deleted, per class in [`PropClass::ALL`] order.
    pub per_class: [usize; 5],
    /// Agents.
    pub agents: usize,
    /// Offices.
    pub offices: usize,
    /// Open houses.
    pub open_houses: usize,
    /// Photos over all live listings.
    pub photos: usize,
}

impl Dataset {
    /// Generates `listings` listings for `seed` as of `anchor` (unix seconds).
    pub fn generate(seed: u64, listings: usize, anchor: i64) -> Self {
        let places = Places::load(seed);
        let n_agents = (listings / 40).clamp(20, 60_000) as u32;
        let n_offices = (n_agents / 12).max(4);
        let offices = people::offices(seed, n_offices, places.places.len(), anchor);
        let agents = people::agents(seed, n_agents, n_offices, anchor);
        let ctx = GenContext {
            seed,
            anchor,
            places: &places,
            agents: n_agents,
            streets: people::STREETS.len() as u16,
        };
        let listings: Vec<Listing> = (0..listings as u64)
            .map(|n| listing::generate(&ctx, n, FIRST_LISTING_KEY + n as u32))
            .collect();
        let mut ds = Self {
            seed,
            anchor,
            now: anchor,
            changes: 0,
            places,
            listings,
            agents,
            offices,
            open_houses: Vec::new(),
        };
        ds.open_houses = ds.schedule_open_houses();
        ds
    }

    fn schedule_open_houses(&self) -> Vec<OpenHouse> {
        let today = self.today();
        let mut out = Vec::new();
        for (i, l) in self.listings.iter().enumerate() {
            if l.status != Status::Active || l.class == PropClass::Land {
                continue;
            }
            let mut r = Rng::new(mix(self.seed, u64::from(l.key) ^ 0x4F50_454E));
            if !r.chance(0.25) {
                continue;
            }
            let start = (10 + r.below(6) as u16) * 60;
            out.push(OpenHouse {
                key: 700_001 + out.len() as u32,
                listing: i as u32,
                date: today + r.range(0, 14) as i32,
                start_min: start,
                end_min: start + 120,
                modified: self.anchor - r.range(600, 5 * 86_400),
            });
        }
        out
    }

    /// Data seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }
    /// Anchor the history ends at (unix seconds).
    pub fn anchor(&self) -> i64 {
        self.anchor
    }
    /// Current simulated time (anchor, moved on by live changes).
    pub fn now(&self) -> i64 {
        self.now
    }
    /// Today as days since the epoch.
    pub fn today(&self) -> i32 {
        self.now.div_euclid(DAY) as i32
    }
    /// The geography.
    pub fn places(&self) -> &Places {
        &self.places
    }
    /// All listings, including deleted ones (check [`Listing::deleted`]).
    pub fn listings(&self) -> &[Listing] {
        &self.listings
    }
    /// All agents.
    pub fn agents(&self) -> &[Agent] {
        &self.agents
    }
    /// All offices.
    pub fn offices(&self) -> &[Office] {
        &self.offices
    }
    /// All open houses.
    pub fn open_houses(&self) -> &[OpenHouse] {
        &self.open_houses
    }
    /// Listing by ListingKey (deleted ones too).
    pub fn listing_by_key(&self, key: u32) -> Option<&Listing> {
        let idx = key.checked_sub(FIRST_LISTING_KEY)? as usize;
        self.listings.get(idx)
    }
    /// Number of live changes applied so far.
    pub fn changes(&self) -> u64 {
        self.changes
    }

    /// Summary counts of the servable data.
    pub fn counts(&self) -> Counts {
        let mut per_class = [0; 5];
        let mut photos = 0;
        for l in self.listings.iter().filter(|l| !l.deleted) {
            per_class[l.class as usize] += 1;
            photos += usize::from(l.photo_count);
        }
        Counts {
            per_class,
            agents: self.agents.len(),
            offices: self.offices.len(),
            open_houses: self.open_houses.len(),
            photos,
        }
    }

    /// Applies `n` deterministic market changes: new listings, price changes,
    /// contracts, closings and deletions, each moving ModificationTimestamp.
    /// The clock advances to at least `wall_clock` (unix seconds) if given.
    pub fn advance(&mut self, n: usize, wall_clock: Option<i64>) {
        if let Some(w) = wall_clock {
            self.now = self.now.max(w);
        }
        for _ in 0..n {
            self.changes += 1;
            self.now += 1;
            let mut r = Rng::new(mix(self.seed ^ 0x4C49_5645, self.changes));
            let roll = r.below(100);
            if roll < 30 || self.listings.is_empty() {
                self.add_listing();
                continue;
            }
            let idx = r.below(self.listings.len() as u64) as usize;
            let now = self.now;
            let today = self.today();
            let l = &mut self.listings[idx];
            if l.deleted {
                continue;
            }
            match (roll, l.status) {
                (30..=59, Status::Active) => {
                    let factor = 0.94 + 0.04 * r.unit();
                    l.list_price = ((f64::from(l.list_price) * factor) as u32 / 100 * 100).max(100);
                    l.price_changed = now;
                }
                (60..=74, Status::Active) => {
                    l.status = Status::Pending;
                    l.contract_date = today;
                }
                (75..=89, Status::Pending) => {
                    l.status = Status::Closed;
                    l.close_date = today;
                    l.close_price = (f64::from(l.list_price) * (0.96 + 0.06 * r.unit())) as u32;
                }
                (90.., _) => l.deleted = true,
                // Any other edit (e.g. remarks corrected) only moves the timestamp.
                _ => {}
            }
            l.modified = now;
        }
    }

    fn add_listing(&mut self) {
        let key = FIRST_LISTING_KEY + self.listings.len() as u32;
        let ctx = GenContext {
            seed: self.seed ^ 0x4E45_5700,
            anchor: self.now,
            places: &self.places,
            agents: self.agents.len() as u32,
            streets: people::STREETS.len() as u16,
        };
        let mut l = listing::generate(&ctx, u64::from(key), key);
        let today = self.today();
        l.status = Status::Active;
        l.list_date = today;
        l.original_price = l.list_price;
        l.contract_date = 0;
        l.close_date = 0;
        l.close_price = 0;
        l.off_market_date = 0;
        l.price_changed = 0;
        l.modified = self.now;
        self.listings.push(l);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANCHOR: i64 = 1_780_000_000;

    #[test]
    fn same_seed_same_data_other_seed_other_data() {
        let a = Dataset::generate(42, 2000, ANCHOR);
        let b = Dataset::generate(42, 2000, ANCHOR);
        let c = Dataset::generate(43, 2000, ANCHOR);
        assert_eq!(a.listings, b.listings);
        assert_eq!(a.agents, b.agents);
        assert_eq!(a.open_houses, b.open_houses);
        assert_ne!(a.listings, c.listings);
        assert_eq!(a.counts().per_class.iter().sum::<usize>(), 2000);
        assert!(a.counts().open_houses > 0);
        assert!(
            a.listings
                .iter()
                .all(|l| (l.agent as usize) < a.agents.len())
        );
    }

    #[test]
    fn advance_is_deterministic_and_moves_timestamps() {
        let mut a = Dataset::generate(5, 500, ANCHOR);
        let mut b = a.clone();
        a.advance(200, None);
        b.advance(200, None);
        assert_eq!(a.listings, b.listings);
        assert!(a.listings.len() > 500, "new listings were added");
        assert!(a.listings.iter().any(|l| l.deleted));
        let moved = a.listings.iter().filter(|l| l.modified > ANCHOR).count();
        assert!(moved > 100, "{moved} listings changed");
        assert_eq!(a.now(), ANCHOR + 200);
        assert_eq!(
            a.listing_by_key(FIRST_LISTING_KEY + 3).unwrap().key,
            FIRST_LISTING_KEY + 3
        );
    }

    #[test]
    #[ignore = "timing: cargo test -p rets-sim --release -- --ignored --nocapture"]
    fn generates_a_million_quickly() {
        let t = std::time::Instant::now();
        let d = Dataset::generate(1, 1_000_000, ANCHOR);
        eprintln!("1M listings in {:?}", t.elapsed());
        assert_eq!(d.listings().len(), 1_000_000);
    }
}
