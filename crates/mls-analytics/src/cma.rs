//! Comparative market analysis: recent nearby sales like the subject, each
//! adjusted line by line for what differs (size, bedrooms, baths, age, garage,
//! lot, and the market's movement since it sold), into a value range and one
//! reconciled value. Adjustment rates are derived from the data — a ridge
//! regression of price on those characteristics over the local market's sales,
//! and the area's monthly price trend — and every rate can be overridden.

use std::collections::BTreeMap;

use nalgebra::{DMatrix, DVector};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::avm::train::Prepared;
use crate::class::{Class, Selection, haversine_miles};
use crate::error::AnalyticsError;
use crate::fields::{Field, Role, norm};
use crate::frame::{Frame, NO_DAY, day_string};
use crate::table::{Cell, CellKind, Table};

/// Who is being valued.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Subject {
    /// A listing of the class.
    Key { key: String },
    /// A listing found by its address (case and punctuation do not matter).
    Address { address: String },
    /// A home described by its characteristics (role → value), with lat/long or an area.
    Typed { values: BTreeMap<Role, String> },
}

/// A CMA request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CmaRequest {
    pub subject: Subject,
    /// Search radius in miles (widened when too few sales are found).
    pub radius_mi: f64,
    /// How far back sales may be, in months.
    pub months: u32,
    /// How many comparables to keep.
    pub count: usize,
    /// Listing keys to leave out, and to force in.
    pub remove: Vec<String>,
    pub add: Vec<String>,
    /// Adjustment rates to use instead of the derived ones (adjustment name → rate).
    pub overrides: BTreeMap<String, f64>,
}

impl Default for CmaRequest {
    fn default() -> Self {
        CmaRequest {
            subject: Subject::Key { key: String::new() },
            radius_mi: 1.0,
            months: 6,
            count: 6,
            remove: Vec::new(),
            add: Vec::new(),
            overrides: BTreeMap::new(),
        }
    }
}

/// One adjustment line of one comparable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Adjustment {
    pub name: String,
    pub subject: Option<f64>,
    pub comparable: Option<f64>,
    /// Price change per unit of difference (per month, as a fraction, for `time`).
    pub rate: f64,
    pub amount: f64,
}

/// One comparable sale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Comparable {
    pub key: String,
    pub address: Option<String>,
    pub close_price: f64,
    pub close_date: String,
    pub distance_mi: Option<f64>,
    pub similarity: f64,
    /// The comparable's characteristics (living_area, bedrooms, …).
    pub values: BTreeMap<String, Option<f64>>,
    pub adjustments: Vec<Adjustment>,
    pub adjusted_price: f64,
    pub weight: f64,
    /// True when the user added it.
    pub added: bool,
}

/// The analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Cma {
    pub subject_key: Option<String>,
    pub subject: BTreeMap<String, Option<f64>>,
    pub as_of: String,
    pub comparables: Vec<Comparable>,
    /// Rates used (derived, or overridden), by adjustment name.
    pub rates: BTreeMap<String, f64>,
    pub overridden: Vec<String>,
    pub low: f64,
    pub high: f64,
    pub value: f64,
    pub notes: Vec<String>,
}

/// The characteristics adjusted for, and the role each reads.
const CHARACTERISTICS: [(&str, Role); 7] = [
    ("living_area", Role::LivingArea),
    ("bedrooms", Role::Bedrooms),
    ("baths", Role::BathsTotal),
    ("year_built", Role::YearBuilt),
    ("garage_spaces", Role::GarageSpaces),
    ("lot_sqft", Role::LotSizeSquareFeet),
    ("lot_acres", Role::LotSizeAcres),
];

fn roles_to_load() -> Vec<Role> {
    let mut r = vec![
        Role::ClosePrice,
        Role::CloseDate,
        Role::Latitude,
        Role::Longitude,
        Role::PostalCode,
        Role::City,
        Role::Subdivision,
        Role::Address,
        Role::PropertyType,
        Role::BathsFull,
        Role::BathsHalf,
    ];
    r.extend(CHARACTERISTICS.iter().map(|(_, role)| *role));
    r
}

struct Data<'a> {
    class: &'a Class,
    frame: Frame,
}

impl Data<'_> {
    fn num(&self, role: Role, row: usize) -> Option<f64> {
        let v = self.frame.num(self.class.map.get(role)?)?[row];
        v.is_finite().then_some(v)
    }
    fn day(&self, role: Role, row: usize) -> Option<i32> {
        let d = self.frame.day(self.class.map.get(role)?)?[row];
        (d != NO_DAY).then_some(d)
    }
    fn text(&self, role: Role, row: usize) -> Option<String> {
        self.frame.value_text(self.class.map.get(role)?, row)
    }
    fn characteristic(&self, name: &str, row: usize) -> Option<f64> {
        if name == "baths" {
            return self.num(Role::BathsTotal, row).or_else(|| {
                let full = self.num(Role::BathsFull, row)?;
                Some(full + 0.5 * self.num(Role::BathsHalf, row).unwrap_or(0.0))
            });
        }
        let role = CHARACTERISTICS.iter().find(|(n, _)| *n == name)?.1;
        self.num(role, row)
    }
}

/// Runs a CMA for `req.subject` in `class`.
pub async fn cma(
    store: &mls_store::Store,
    class: &Class,
    req: &CmaRequest,
) -> Result<Cma, AnalyticsError> {
    class.need(Role::ClosePrice, "a CMA")?;
    class.need(Role::CloseDate, "a CMA")?;
    let fields: Vec<&Field> = roles_to_load()
        .into_iter()
        .filter_map(|r| class.map.role_field(r))
        .collect();
    let frame = class.load(store, &fields, &Selection::default()).await?;
    let data = Data { class, frame };
    run(&data, req)
}

fn run(d: &Data<'_>, req: &CmaRequest) -> Result<Cma, AnalyticsError> {
    let n = d.frame.len();
    let mut notes = Vec::new();
    let sold: Vec<usize> = (0..n)
        .filter(|i| {
            d.num(Role::ClosePrice, *i).is_some_and(|p| p > 0.0)
                && d.day(Role::CloseDate, *i).is_some()
        })
        .collect();
    let latest = sold
        .iter()
        .filter_map(|i| d.day(Role::CloseDate, *i))
        .max()
        .ok_or_else(|| {
            AnalyticsError::NotEnoughData(
                "the class has no closed sales with a price and a date".into(),
            )
        })?;
    // The subject: a row of the class, or a typed description.
    let (subject_row, typed) = match &req.subject {
        Subject::Key { key } => (Some(find_key(d, key)?), BTreeMap::new()),
        Subject::Address { address } => (Some(find_address(d, address)?), BTreeMap::new()),
        Subject::Typed { values } => (None, values.clone()),
    };
    let typed_num = |role: Role| typed.get(&role).and_then(|v| v.trim().parse::<f64>().ok());
    let subject_value = |name: &str| -> Option<f64> {
        match subject_row {
            Some(r) => d.characteristic(name, r),
            None => {
                let role = CHARACTERISTICS
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|c| c.1)
                    .unwrap_or(Role::BathsTotal);
                typed_num(role)
            }
        }
    };
    let s_lat = subject_row
        .and_then(|r| d.num(Role::Latitude, r))
        .or_else(|| typed_num(Role::Latitude));
    let s_lon = subject_row
        .and_then(|r| d.num(Role::Longitude, r))
        .or_else(|| typed_num(Role::Longitude));
    let s_area = |role: Role| {
        subject_row
            .and_then(|r| d.text(role, r))
            .or_else(|| typed.get(&role).cloned())
    };
    let s_type = s_area(Role::PropertyType);
    let as_of = match subject_row.and_then(|r| d.day(Role::CloseDate, r)) {
        Some(day) => day,
        None => latest,
    };
    let subject_key = subject_row.map(|r| d.frame.keys[r].clone());

    // Candidates: closed before the valuation date, same type, not the subject.
    let month = 30.436875;
    let distance = |row: usize| -> Option<f64> {
        Some(haversine_miles(
            s_lat?,
            s_lon?,
            d.num(Role::Latitude, row)?,
            d.num(Role::Longitude, row)?,
        ))
    };
    let same_area = |row: usize| {
        [Role::Subdivision, Role::PostalCode, Role::City]
            .into_iter()
            .find_map(|role| Some(s_area(role)? == d.text(role, row)?))
            .unwrap_or(false)
    };
    let removed: Vec<&str> = req.remove.iter().map(|k| k.trim()).collect();
    let eligible = |row: usize, radius: f64, months: f64| -> bool {
        let Some(day) = d.day(Role::CloseDate, row) else {
            return false;
        };
        if Some(row) == subject_row || removed.contains(&d.frame.keys[row].as_str()) {
            return false;
        }
        if day > as_of || f64::from(as_of - day) > months * month {
            return false;
        }
        if s_type.is_some() && d.text(Role::PropertyType, row) != s_type {
            return false;
        }
        match distance(row) {
            Some(mi) => mi <= radius,
            None => same_area(row),
        }
    };
    let (mut radius, mut months) = (req.radius_mi.max(0.05), f64::from(req.months.max(1)));
    let mut found: Vec<usize> = sold
        .iter()
        .copied()
        .filter(|r| eligible(*r, radius, months))
        .collect();
    let mut widened = 0;
    while found.len() < req.count && widened < 3 {
        radius *= 2.0;
        months *= 2.0;
        widened += 1;
        found = sold
            .iter()
            .copied()
            .filter(|r| eligible(*r, radius, months))
            .collect();
    }
    if widened > 0 {
        notes.push(format!(
            "too few sales within {} mi and {} months: searched {radius:.1} mi and {months:.0} months",
            req.radius_mi, req.months
        ));
    }
    if s_lat.is_none() || s_lon.is_none() {
        notes.push("the subject has no coordinates: comparables are from the same subdivision, ZIP or city".into());
    }

    // Similarity: closer, more recent and more alike is better (lower score).
    let score = |row: usize| -> f64 {
        let mut s = distance(row).map_or(0.5, |mi| mi / radius);
        s += f64::from(as_of - d.day(Role::CloseDate, row).unwrap_or(as_of)) / (months * month)
            * 0.5;
        if let (Some(a), Some(b)) = (
            subject_value("living_area"),
            d.characteristic("living_area", row),
        ) {
            s += (b.max(1.0) / a.max(1.0)).ln().abs() * 3.0;
        }
        for (name, w) in [("bedrooms", 0.15), ("baths", 0.15)] {
            if let (Some(a), Some(b)) = (subject_value(name), d.characteristic(name, row)) {
                s += (a - b).abs() * w;
            }
        }
        if let (Some(a), Some(b)) = (
            subject_value("year_built"),
            d.characteristic("year_built", row),
        ) {
            s += (a - b).abs() / 30.0;
        }
        s
    };
    let mut ranked: Vec<(usize, f64)> = found.iter().map(|r| (*r, score(*r))).collect();
    ranked.sort_by(|a, b| a.1.total_cmp(&b.1));
    ranked.truncate(req.count.max(1));
    let mut added_rows = Vec::new();
    for key in &req.add {
        let row = find_key(d, key)?;
        if !sold.contains(&row) {
            return Err(AnalyticsError::InvalidArgument(format!(
                "{key} is not a closed sale with a price"
            )));
        }
        if !ranked.iter().any(|(r, _)| *r == row) {
            added_rows.push(row);
            ranked.push((row, score(row)));
        }
    }
    if ranked.is_empty() {
        return Err(AnalyticsError::NotEnoughData(
            "no comparable sales found, even after widening the search".into(),
        ));
    }

    // Rates from the local market: sales within 3× the radius over the last two years.
    let market: Vec<usize> = sold
        .iter()
        .copied()
        .filter(|r| eligible(*r, radius * 3.0, 24.0))
        .collect();
    let market = if market.len() >= 30 {
        market
    } else {
        sold.clone()
    };
    let (mut rates, rate_notes) = derive_rates(d, &market, as_of);
    notes.extend(rate_notes);
    let mut overridden = Vec::new();
    for (name, rate) in &req.overrides {
        if name != "time" && !CHARACTERISTICS.iter().any(|(n, _)| n == name) && name != "baths" {
            return Err(AnalyticsError::InvalidArgument(format!(
                "no adjustment named {name:?} (known: time, {})",
                CHARACTERISTICS
                    .iter()
                    .map(|c| c.0)
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        rates.insert(name.clone(), *rate);
        overridden.push(name.clone());
    }

    let comparables: Vec<Comparable> = ranked
        .iter()
        .map(|(row, sim)| {
            let price = d.num(Role::ClosePrice, *row).unwrap_or(0.0);
            let day = d.day(Role::CloseDate, *row).unwrap_or(as_of);
            let mut adjustments = Vec::new();
            let months_ago = f64::from(as_of - day) / month;
            let time_rate = rates.get("time").copied().unwrap_or(0.0);
            adjustments.push(Adjustment {
                name: "time".into(),
                subject: Some(0.0),
                comparable: Some(-months_ago),
                rate: time_rate,
                amount: price * ((1.0 + time_rate).powf(months_ago) - 1.0),
            });
            for name in CHARACTERISTICS.iter().map(|c| c.0) {
                let Some(rate) = rates.get(name).copied() else {
                    continue;
                };
                let (s, c) = (subject_value(name), d.characteristic(name, *row));
                let amount = match (s, c) {
                    (Some(s), Some(c)) => (s - c) * rate,
                    _ => 0.0,
                };
                adjustments.push(Adjustment {
                    name: name.into(),
                    subject: s,
                    comparable: c,
                    rate,
                    amount,
                });
            }
            let adjusted = price + adjustments.iter().map(|a| a.amount).sum::<f64>();
            Comparable {
                key: d.frame.keys[*row].clone(),
                address: d.text(Role::Address, *row),
                close_price: price,
                close_date: day_string(day),
                distance_mi: distance(*row),
                similarity: *sim,
                values: CHARACTERISTICS
                    .iter()
                    .map(|(name, _)| ((*name).to_owned(), d.characteristic(name, *row)))
                    .collect(),
                adjustments,
                adjusted_price: adjusted,
                weight: 1.0 / (0.05 + sim),
                added: added_rows.contains(row),
            }
        })
        .collect();
    let total: f64 = comparables.iter().map(|c| c.weight).sum();
    let value = comparables
        .iter()
        .map(|c| c.adjusted_price * c.weight)
        .sum::<f64>()
        / total;
    let low = comparables
        .iter()
        .map(|c| c.adjusted_price)
        .fold(f64::INFINITY, f64::min);
    let high = comparables
        .iter()
        .map(|c| c.adjusted_price)
        .fold(f64::NEG_INFINITY, f64::max);
    let mut subject = BTreeMap::new();
    for (name, _) in CHARACTERISTICS {
        subject.insert(name.to_owned(), subject_value(name));
    }
    subject.insert("latitude".into(), s_lat);
    subject.insert("longitude".into(), s_lon);
    Ok(Cma {
        subject_key,
        subject,
        as_of: day_string(as_of),
        comparables: comparables
            .into_iter()
            .map(|mut c| {
                c.weight /= total;
                c
            })
            .collect(),
        rates,
        overridden,
        low,
        high,
        value,
        notes,
    })
}

fn find_key(d: &Data<'_>, key: &str) -> Result<usize, AnalyticsError> {
    d.frame
        .keys
        .iter()
        .position(|k| k == key.trim())
        .ok_or_else(|| AnalyticsError::UnknownListing {
            key: key.to_owned(),
            resource: d.class.table.resource.clone(),
            class: d.class.table.class.clone(),
        })
}

fn find_address(d: &Data<'_>, address: &str) -> Result<usize, AnalyticsError> {
    let want = norm(address);
    let field = d
        .class
        .need(Role::Address, "finding a subject by address")?;
    (0..d.frame.len())
        .find(|i| {
            d.frame
                .value_text(&field.system_name, *i)
                .is_some_and(|a| norm(&a) == want)
        })
        .ok_or_else(|| AnalyticsError::UnknownListing {
            key: address.to_owned(),
            resource: d.class.table.resource.clone(),
            class: d.class.table.class.clone(),
        })
}

/// Per-unit rates from a ridge regression of price on the characteristics, and
/// the monthly trend from a log-linear fit of $/sq ft (or price) on time.
fn derive_rates(d: &Data<'_>, rows: &[usize], as_of: i32) -> (BTreeMap<String, f64>, Vec<String>) {
    let mut notes = Vec::new();
    let mut rates = BTreeMap::new();
    let names: Vec<&str> = CHARACTERISTICS
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| {
            rows.iter()
                .filter(|r| d.characteristic(n, **r).is_some())
                .count()
                * 2
                >= rows.len().max(1)
        })
        .collect();
    let month = 30.436875;
    // Time trend.
    let pts: Vec<(f64, f64)> = rows
        .iter()
        .filter_map(|r| {
            let p = d.num(Role::ClosePrice, *r)?;
            let per = d
                .characteristic("living_area", *r)
                .filter(|a| *a > 100.0)
                .map_or(p, |a| p / a);
            Some((
                f64::from(d.day(Role::CloseDate, *r)? - as_of) / month,
                per.ln(),
            ))
        })
        .collect();
    if pts.len() >= 20 {
        let mx = pts.iter().map(|p| p.0).sum::<f64>() / pts.len() as f64;
        let my = pts.iter().map(|p| p.1).sum::<f64>() / pts.len() as f64;
        let sxx: f64 = pts.iter().map(|p| (p.0 - mx).powi(2)).sum();
        let sxy: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
        if sxx > 0.0 {
            rates.insert("time".into(), (sxy / sxx).exp() - 1.0);
        }
    } else {
        notes.push("too few sales to measure the market's trend: no time adjustment".into());
    }
    // Characteristics: ridge regression on standardised inputs, with complete rows only.
    let complete: Vec<(Vec<f64>, f64)> = rows
        .iter()
        .filter_map(|r| {
            let x: Option<Vec<f64>> = names.iter().map(|n| d.characteristic(n, *r)).collect();
            Some((x?, d.num(Role::ClosePrice, *r)?))
        })
        .collect();
    let k = names.len();
    if complete.len() < 10 * (k + 1) || k == 0 {
        notes.push(
            "too few complete sales to derive characteristic adjustments; set them by hand".into(),
        );
        return (rates, notes);
    }
    let m = complete.len();
    let mean: Vec<f64> = (0..k)
        .map(|j| complete.iter().map(|c| c.0[j]).sum::<f64>() / m as f64)
        .collect();
    let sd: Vec<f64> = (0..k)
        .map(|j| {
            (complete
                .iter()
                .map(|c| (c.0[j] - mean[j]).powi(2))
                .sum::<f64>()
                / m as f64)
                .sqrt()
                .max(1e-9)
        })
        .collect();
    let x = DMatrix::from_fn(m, k + 1, |i, j| {
        if j == k {
            1.0
        } else {
            (complete[i].0[j] - mean[j]) / sd[j]
        }
    });
    let y = DVector::from_iterator(m, complete.iter().map(|c| c.1));
    let mut xtx = x.transpose() * &x;
    for j in 0..k {
        xtx[(j, j)] += 0.01 * m as f64;
    }
    let Some(beta) = xtx.cholesky().map(|c| c.solve(&(x.transpose() * y))) else {
        notes.push(
            "the characteristics are too collinear to derive adjustments; set them by hand".into(),
        );
        return (rates, notes);
    };
    for (j, name) in names.iter().enumerate() {
        let mut rate = beta[j] / sd[j];
        // More of a good thing is not worth less: a negative rate here is collinearity, not value.
        if *name != "year_built" && rate < 0.0 {
            notes.push(format!(
                "{name}: the data gave a negative rate ({rate:.0}); 0 used"
            ));
            rate = 0.0;
        }
        rates.insert((*name).to_owned(), rate);
    }
    (rates, notes)
}

/// The `n` closest training sales to each subject (by distance, else same area and size).
pub(crate) fn nearest_sales(
    p: &Prepared,
    train: &[usize],
    subjects: &[usize],
    n: usize,
) -> Vec<Vec<usize>> {
    let coord = |f: &Option<String>| f.as_ref().and_then(|f| p.frame.num(f));
    let (lat, lon) = (coord(&p.baseline.lat), coord(&p.baseline.lon));
    let area = |r: usize| {
        p.baseline
            .area
            .as_ref()
            .and_then(|f| p.frame.value_text(f, r))
    };
    let size = |r: usize| {
        coord(&p.baseline.living_area)
            .map(|v| v[r])
            .filter(|v| v.is_finite())
    };
    subjects
        .iter()
        .map(|s| {
            let mut scored: Vec<(f64, usize)> = train
                .iter()
                .filter(|r| *r != s)
                .filter_map(|r| {
                    if let (Some(lat), Some(lon)) = (lat, lon)
                        && [lat[*s], lon[*s], lat[*r], lon[*r]]
                            .iter()
                            .all(|v| v.is_finite())
                    {
                        return Some((haversine_miles(lat[*s], lon[*s], lat[*r], lon[*r]), *r));
                    }
                    (area(*s).is_some() && area(*s) == area(*r)).then(|| {
                        let gap = match (size(*s), size(*r)) {
                            (Some(a), Some(b)) => (a - b).abs(),
                            _ => 0.0,
                        };
                        (gap, *r)
                    })
                })
                .collect();
            let k = n.min(scored.len());
            if k > 0 {
                scored.select_nth_unstable_by(k - 1, |a, b| a.0.total_cmp(&b.0));
                scored.truncate(k);
                scored.sort_by(|a, b| a.0.total_cmp(&b.0));
            }
            scored.into_iter().map(|(_, r)| r).collect()
        })
        .collect()
}

impl Cma {
    /// The subject and comparables as one table, an adjustment column per line.
    pub fn to_table(&self) -> Table {
        let names: Vec<String> = self
            .comparables
            .first()
            .map(|c| c.adjustments.iter().map(|a| a.name.clone()).collect())
            .unwrap_or_default();
        let mut cols: Vec<(String, CellKind)> = [
            ("type", CellKind::Text),
            ("key", CellKind::Text),
            ("address", CellKind::Text),
            ("close_price", CellKind::Number),
            ("close_date", CellKind::Date),
            ("distance_mi", CellKind::Number),
        ]
        .into_iter()
        .map(|(n, k)| (n.to_owned(), k))
        .collect();
        cols.extend(
            CHARACTERISTICS
                .iter()
                .map(|(n, _)| ((*n).to_owned(), CellKind::Number)),
        );
        cols.extend(names.iter().map(|n| (format!("adj_{n}"), CellKind::Number)));
        cols.extend([
            ("adjusted_price".to_owned(), CellKind::Number),
            ("weight".to_owned(), CellKind::Number),
        ]);
        let mut t = Table {
            columns: cols,
            rows: Vec::new(),
        };
        let chars: Vec<&str> = CHARACTERISTICS.iter().map(|(n, _)| *n).collect();
        let mut subject = vec![
            Cell::Text("subject".into()),
            Cell::text(self.subject_key.clone()),
            Cell::Null,
            Cell::Null,
            Cell::Text(self.as_of.clone()),
            Cell::Null,
        ];
        subject.extend(
            chars
                .iter()
                .map(|c| Cell::num(self.subject.get(*c).copied().flatten())),
        );
        subject.extend(names.iter().map(|_| Cell::Null));
        subject.extend([Cell::num(Some(self.value)), Cell::Null]);
        t.rows.push(subject);
        for c in &self.comparables {
            let mut row = vec![
                Cell::Text(if c.added {
                    "added".into()
                } else {
                    "comparable".into()
                }),
                Cell::Text(c.key.clone()),
                Cell::text(c.address.clone()),
                Cell::num(Some(c.close_price)),
                Cell::Text(c.close_date.clone()),
                Cell::num(c.distance_mi),
            ];
            row.extend(
                chars
                    .iter()
                    .map(|name| Cell::num(c.values.get(*name).copied().flatten())),
            );
            row.extend(names.iter().map(|n| {
                Cell::num(
                    c.adjustments
                        .iter()
                        .find(|a| &a.name == n)
                        .map(|a| a.amount),
                )
            }));
            row.extend([Cell::num(Some(c.adjusted_price)), Cell::num(Some(c.weight))]);
            t.rows.push(row);
        }
        t
    }
}
