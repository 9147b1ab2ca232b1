//! The embedded geography (real ZIP codes, cities, counties, coordinates; see
//! `data/README.md`), plus a seeded price level per county and ZIP so every
//! area has its own market.

use crate::rng::mix;

/// One ZIP code area.
#[derive(Debug, Clone)]
pub struct Place {
    /// Two-letter state code.
    pub state: &'static str,
    /// County name (without "County").
    pub county: &'static str,
    /// City name.
    pub city: &'static str,
    /// Five-digit ZIP code.
    pub zip: &'static str,
    /// Latitude of the ZIP centre.
    pub lat: f64,
    /// Longitude of the ZIP centre.
    pub lon: f64,
    /// Price per square foot in the anchor year, in dollars.
    pub price_per_sqft: f64,
    /// The county's yearly price growth (2 % to 8 %).
    pub growth: f64,
    /// The county's property tax rate (1.0 % to 1.8 % of assessed value).
    pub tax_rate: f64,
    /// Index of the county in [`Places::counties`].
    pub county_idx: u16,
    /// Index of the city in [`Places::cities`].
    pub city_idx: u16,
    /// Index of the MLS area in [`Places::areas`].
    pub area_idx: u16,
}

/// All places, with their distinct counties and cities.
#[derive(Debug, Clone)]
pub struct Places {
    /// ZIP areas in file order.
    pub places: Vec<Place>,
    /// Distinct `(state, county)` pairs.
    pub counties: Vec<(&'static str, &'static str)>,
    /// Distinct `(state, city)` pairs.
    pub cities: Vec<(&'static str, &'static str)>,
    /// MLS areas: a county split into Central/North/South/East/West.
    pub areas: Vec<String>,
}

const PLACES_TSV: &str = include_str!("../data/places.tsv");

impl Places {
    /// Parses the embedded table and derives seeded price levels.
    pub fn load(seed: u64) -> Self {
        let mut places = Vec::new();
        let mut counties: Vec<(&'static str, &'static str)> = Vec::new();
        let mut cities: Vec<(&'static str, &'static str)> = Vec::new();
        for line in PLACES_TSV.lines().skip(1) {
            let cols: Vec<&'static str> = line.split('\t').collect();
            let [state, county, city, zip, lat, lon] = cols[..] else {
                continue;
            };
            let (Ok(lat), Ok(lon)) = (lat.parse::<f64>(), lon.parse::<f64>()) else {
                continue;
            };
            let county_idx = index_of(&mut counties, (state, county));
            let city_idx = index_of(&mut cities, (state, city));
            let county_factor = 0.6 + unit(mix(seed, hash_str(county) ^ hash_str(state)));
            let zip_factor = 0.75 + 0.6 * unit(mix(seed ^ 0x5A5A, hash_str(zip)));
            let county_hash = hash_str(county) ^ hash_str(state);
            places.push(Place {
                state,
                county,
                city,
                zip,
                lat,
                lon,
                price_per_sqft: 120.0 * county_factor * zip_factor + 40.0,
                growth: 0.02 + 0.06 * unit(mix(seed ^ 0x6752, county_hash)),
                tax_rate: 0.010 + 0.008 * unit(mix(seed ^ 0x7478, county_hash)),
                county_idx,
                city_idx,
                area_idx: 0,
            });
        }
        let areas = assign_areas(&mut places, counties.len());
        Self {
            places,
            counties,
            cities,
            areas,
        }
    }
}

/// Splits each county by the direction of each ZIP from the county centre.
fn assign_areas(places: &mut [Place], n_counties: usize) -> Vec<String> {
    let mut sums = vec![(0.0f64, 0.0f64, 0usize); n_counties];
    for p in places.iter() {
        let s = &mut sums[p.county_idx as usize];
        s.0 += p.lat;
        s.1 += p.lon;
        s.2 += 1;
    }
    let mut areas: Vec<String> = Vec::new();
    for p in places.iter_mut() {
        let (lat, lon, n) = sums[p.county_idx as usize];
        let (dlat, dlon) = (p.lat - lat / n as f64, p.lon - lon / n as f64);
        let part = if dlat.abs().max(dlon.abs()) < 0.06 {
            "Central"
        } else if dlat.abs() > dlon.abs() {
            if dlat > 0.0 { "North" } else { "South" }
        } else if dlon > 0.0 {
            "East"
        } else {
            "West"
        };
        let name = format!("{} {part}", p.county);
        p.area_idx = match areas.iter().position(|a| *a == name) {
            Some(i) => i as u16,
            None => {
                areas.push(name);
                (areas.len() - 1) as u16
            }
        };
    }
    areas
}

fn index_of(
    list: &mut Vec<(&'static str, &'static str)>,
    item: (&'static str, &'static str),
) -> u16 {
    let pos = list.iter().position(|x| *x == item).unwrap_or_else(|| {
        list.push(item);
        list.len() - 1
    });
    pos as u16
}

/// FNV-1a hash of a string (stable across platforms).
pub fn hash_str(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_real_places() {
        let p = Places::load(1);
        assert!(p.places.len() > 1000);
        let austin = p.places.iter().find(|x| x.zip == "78701").unwrap();
        assert_eq!(
            (austin.city, austin.county, austin.state),
            ("Austin", "Travis", "TX")
        );
        assert!((austin.lat - 30.27).abs() < 0.1 && (austin.lon + 97.74).abs() < 0.1);
        assert!(p.counties.len() >= 15 && p.cities.len() > 100);
        assert!(p.places.iter().all(|x| x.price_per_sqft > 40.0));
    }
}
