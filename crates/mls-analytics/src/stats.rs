//! Market statistics by area × period: new listings, pending and closed sales,
//! inventory at period end, months of supply, absorption, prices, $/sq ft, days
//! on market, sale-to-list ratio and price reductions, with period-over-period
//! and year-over-year changes. One pass over the rows fills per-area arrays;
//! inventory uses a difference array over each listing's time on the market.
//!
//! Definitions (also in the crate README):
//! - `new_listings`: list date in the period; `pending`: contract date in the period;
//!   `closed_sales`: close date in the period.
//! - `active_inventory`: listed on or before the period's last day and not yet
//!   under contract, closed or off the market on that day.
//! - `months_of_supply` = inventory ÷ closed sales per month; `absorption_rate` = its inverse.
//! - list prices are of the period's new listings; close prices, $/sq ft, days on
//!   market, `list_to_sale_ratio` (close ÷ list, mean) and `price_reductions_share`
//!   (list below original list price) are of the period's closed sales.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::class::{Class, Selection};
use crate::error::AnalyticsError;
use crate::fields::{Field, Role};
use crate::frame::{Frame, NO_DAY, NO_TEXT, TextCol, day_string};
use crate::period::Period;
use crate::table::{Cell, CellKind, Table};

/// What to compute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatsRequest {
    /// Area field: a role name (`city`, `postal`, `county`, `subdivision`) or a SystemName.
    pub by: String,
    /// Period length.
    pub period: Period,
    /// First day (days since 1970-01-01) to report; default: the earliest date in the data.
    pub from: Option<i32>,
    /// Last day to report; default: the latest date in the data.
    pub to: Option<i32>,
    /// Split each area by property type.
    pub by_type: bool,
    /// Rows to include.
    pub selection: Selection,
}

/// The statistics table and what could not be computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatsReport {
    /// One row per area (× type) × period.
    pub table: Table,
    /// Statistics left empty, and why.
    pub notes: Vec<String>,
}

/// The statistics, in output order.
pub const METRICS: [&str; 14] = [
    "new_listings",
    "pending",
    "closed_sales",
    "active_inventory",
    "months_of_supply",
    "absorption_rate",
    "median_list_price",
    "mean_list_price",
    "median_close_price",
    "mean_close_price",
    "median_price_per_sqft",
    "median_dom",
    "list_to_sale_ratio",
    "price_reductions_share",
];

/// Statistics that get `_pop` (period over period) and `_yoy` (year over year) change columns.
pub const CHANGED: [&str; 6] = [
    "new_listings",
    "closed_sales",
    "active_inventory",
    "median_close_price",
    "median_price_per_sqft",
    "median_dom",
];

#[derive(Default, Clone)]
struct Acc {
    new: u32,
    pending: u32,
    closed: u32,
    inventory_delta: i64,
    list_prices: Vec<f64>,
    close_prices: Vec<f64>,
    ppsf: Vec<f64>,
    dom: Vec<f64>,
    ratio: Vec<f64>,
    reduced: u32,
    reduced_known: u32,
}

/// The role columns statistics read.
struct Inputs<'a> {
    list_day: Option<&'a [i32]>,
    close_day: Option<&'a [i32]>,
    contract_day: Option<&'a [i32]>,
    off_day: Option<&'a [i32]>,
    list_price: Option<&'a [f64]>,
    orig_price: Option<&'a [f64]>,
    close_price: Option<&'a [f64]>,
    area: Option<&'a [f64]>,
    dom: Option<&'a [f64]>,
    active: Option<Vec<bool>>,
}

/// Computes market statistics for `class`.
pub async fn market_stats(
    store: &mls_store::Store,
    class: &Class,
    req: &StatsRequest,
) -> Result<StatsReport, AnalyticsError> {
    let by = class.field(&req.by)?;
    let mut fields: Vec<&Field> = vec![by];
    let roles = [
        Role::ListDate,
        Role::CloseDate,
        Role::ContractDate,
        Role::OffMarketDate,
        Role::ListPrice,
        Role::OriginalListPrice,
        Role::ClosePrice,
        Role::LivingArea,
        Role::DaysOnMarket,
        Role::Status,
    ];
    fields.extend(roles.iter().filter_map(|r| class.map.role_field(*r)));
    let ptype = if req.by_type {
        Some(class.need(Role::PropertyType, "splitting by property type")?)
    } else {
        None
    };
    fields.extend(ptype);
    let frame = class.load(store, &fields, &req.selection).await?;
    compute(class, &frame, by, ptype, req)
}

/// [`market_stats`] over an already loaded frame.
pub fn compute(
    class: &Class,
    frame: &Frame,
    by: &Field,
    ptype: Option<&Field>,
    req: &StatsRequest,
) -> Result<StatsReport, AnalyticsError> {
    let mut notes = Vec::new();
    let num = |r: Role| class.map.get(r).and_then(|n| frame.num(n));
    let day = |r: Role| class.map.get(r).and_then(|n| frame.day(n));
    let active = class.map.role_field(Role::Status).and_then(|f| {
        let status = frame.text_codes(&f.system_name)?;
        // Decided once per distinct status, not once per listing.
        let by_code: Vec<bool> = status
            .values
            .iter()
            .map(|raw| {
                let long = f.lookup.as_ref().and_then(|l| l.get(raw));
                is_active_status(raw, long.map_or("", String::as_str))
            })
            .collect();
        Some(
            status
                .codes
                .iter()
                .map(|c| by_code.get(*c as usize).copied().unwrap_or(true))
                .collect(),
        )
    });
    let inputs = Inputs {
        list_day: day(Role::ListDate),
        close_day: day(Role::CloseDate),
        contract_day: day(Role::ContractDate),
        off_day: day(Role::OffMarketDate),
        list_price: num(Role::ListPrice),
        orig_price: num(Role::OriginalListPrice),
        close_price: num(Role::ClosePrice),
        area: num(Role::LivingArea),
        dom: num(Role::DaysOnMarket),
        active,
    };
    let missing = |role: Role, stats: &str, notes: &mut Vec<String>| {
        notes.push(format!(
            "{stats}: no {} field in {}:{} (map one to fill {})",
            role.name(),
            class.table.resource,
            class.table.class,
            if stats.contains(',') { "them" } else { "it" }
        ));
    };
    if inputs.list_day.is_none() {
        missing(
            Role::ListDate,
            "new_listings, active_inventory, median_list_price",
            &mut notes,
        );
    }
    if inputs.close_day.is_none() {
        missing(
            Role::CloseDate,
            "closed_sales and every close-price statistic",
            &mut notes,
        );
    } else if inputs.close_price.is_none() {
        missing(
            Role::ClosePrice,
            "median_close_price, mean_close_price, $/sq ft, list_to_sale_ratio",
            &mut notes,
        );
    }
    if inputs.contract_day.is_none() {
        missing(Role::ContractDate, "pending", &mut notes);
    }
    if inputs.area.is_none() {
        missing(Role::LivingArea, "median_price_per_sqft", &mut notes);
    }
    if inputs.list_price.is_none() {
        missing(
            Role::ListPrice,
            "median_list_price, mean_list_price, list_to_sale_ratio",
            &mut notes,
        );
    }
    if inputs.orig_price.is_none() {
        missing(
            Role::OriginalListPrice,
            "price_reductions_share",
            &mut notes,
        );
    }
    if inputs.dom.is_none() && inputs.list_day.is_some() {
        notes.push("median_dom: no days-on-market field; counted from list date to contract (or close) date".into());
    }

    // The reporting window.
    let all_days = [inputs.list_day, inputs.close_day, inputs.contract_day]
        .into_iter()
        .flatten()
        .flat_map(|d| d.iter().copied().filter(|d| *d != NO_DAY));
    let (lo, hi) = all_days.fold((i32::MAX, i32::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
    let from = req.from.unwrap_or(lo);
    let to = req.to.unwrap_or(hi);
    let p = req.period;
    let mut table = Table {
        columns: columns(),
        rows: Vec::new(),
    };
    if from > to || lo > hi {
        if lo > hi {
            notes.push("no listing has a usable date".into());
        }
        return Ok(StatsReport { table, notes });
    }
    let (o0, o1) = (p.ordinal(from), p.ordinal(to));
    let n = (o1 - o0 + 1) as usize;
    if n > 20_000 {
        return Err(AnalyticsError::InvalidArgument(format!(
            "{n} periods between {} and {}: choose a longer period or narrower dates",
            day_string(from),
            day_string(to)
        )));
    }

    // Area (and type) of each row.
    let areas = frame.text_codes(&by.system_name).unwrap_or_default();
    let kinds = ptype.and_then(|t| frame.text_codes(&t.system_name));
    let slots_per_area = kinds.as_ref().map_or(1, |k| k.values.len() + 1);
    // Dense: one slot per (area, type) code pair instead of hashing each row.
    let mut slot = vec![u32::MAX; areas.values.len() * slots_per_area];
    let mut by_codes: Vec<((u32, u32), Vec<Acc>)> = Vec::new();
    let mut skipped = 0usize;
    let days = PeriodDays::new(p, o0, n);
    let index =
        |d: i32| -> Option<usize> { (d != NO_DAY && d >= from && d <= to).then(|| days.pos(d)) };
    for i in 0..frame.len() {
        let area = areas.codes.get(i).copied().unwrap_or(NO_TEXT);
        if area == NO_TEXT {
            skipped += 1;
            continue;
        }
        let kind = kinds
            .as_ref()
            .and_then(|k| k.codes.get(i).copied())
            .unwrap_or(NO_TEXT);
        let kind_slot = if kind == NO_TEXT {
            slots_per_area - 1
        } else {
            kind as usize
        };
        let s = &mut slot[area as usize * slots_per_area + kind_slot];
        if *s == u32::MAX {
            *s = by_codes.len() as u32;
            by_codes.push(((area, kind), vec![Acc::default(); n + 1]));
        }
        add_row(&inputs, i, &mut by_codes[*s as usize].1, &index, &days);
    }
    let text = |t: Option<&TextCol>, code: u32| -> String {
        t.and_then(|t| t.values.get(code as usize))
            .cloned()
            .unwrap_or_default()
    };
    let groups: HashMap<(String, String), Vec<Acc>> = by_codes
        .into_iter()
        .map(|((a, k), accs)| ((text(Some(&*areas), a), text(kinds.as_deref(), k)), accs))
        .collect();
    if skipped > 0 {
        notes.push(format!(
            "{skipped} listings have no {} and are not counted",
            by.system_name
        ));
    }

    let label = |f: &Field, v: &str| -> String {
        f.lookup
            .as_ref()
            .and_then(|l| l.get(v))
            .cloned()
            .unwrap_or_else(|| v.to_owned())
    };
    let mut keys: Vec<&(String, String)> = groups.keys().collect();
    keys.sort();
    for key in keys {
        let accs = &groups[key];
        let mut inventory = 0i64;
        let mut rows: Vec<Vec<Option<f64>>> = Vec::with_capacity(n);
        for acc in accs.iter().take(n) {
            inventory += acc.inventory_delta;
            rows.push(metric_values(acc, inventory, &inputs, p));
        }
        for (k, values) in rows.iter().enumerate() {
            let ordinal = o0 + k as i64;
            let mut row = vec![
                Cell::Text(key.0.clone()),
                Cell::Text(label(by, &key.0)),
                match ptype {
                    Some(t) => Cell::Text(label(t, &key.1)),
                    None => Cell::Null,
                },
                Cell::Text(p.label(ordinal)),
                Cell::Text(p.start(ordinal).to_string()),
                Cell::Text(p.end(ordinal).to_string()),
            ];
            row.extend(values.iter().map(|v| Cell::num(*v)));
            for name in CHANGED {
                let m = METRICS.iter().position(|x| *x == name).expect("a metric");
                let change = |back: usize| -> Option<f64> {
                    let prev = rows.get(k.checked_sub(back)?)?[m]?;
                    let cur = values[m]?;
                    (prev != 0.0).then(|| cur / prev - 1.0)
                };
                row.push(Cell::num(change(1)));
                row.push(Cell::num(change(p.per_year())));
            }
            table.rows.push(row);
        }
    }
    Ok(StatsReport { table, notes })
}

fn columns() -> Vec<(String, CellKind)> {
    let mut cols: Vec<(String, CellKind)> = [
        ("area", CellKind::Text),
        ("area_label", CellKind::Text),
        ("property_type", CellKind::Text),
        ("period", CellKind::Text),
        ("period_start", CellKind::Date),
        ("period_end", CellKind::Date),
    ]
    .into_iter()
    .map(|(n, k)| (n.to_owned(), k))
    .collect();
    for m in METRICS {
        let kind = match m {
            "new_listings" | "pending" | "closed_sales" | "active_inventory" => CellKind::Integer,
            _ => CellKind::Number,
        };
        cols.push((m.to_owned(), kind));
    }
    for m in CHANGED {
        cols.push((format!("{m}_pop"), CellKind::Number));
        cols.push((format!("{m}_yoy"), CellKind::Number));
    }
    cols
}

/// True for statuses that mean "on the market" (Active, Coming Soon, `A`).
pub fn is_active_status(raw: &str, long: &str) -> bool {
    let t = |s: &str| s.trim().to_ascii_lowercase();
    let (raw, long) = (t(raw), t(long));
    let active = |s: &str| {
        (s.contains("active") && !s.contains("under contract") && !s.contains("inactive"))
            || s.contains("coming soon")
    };
    raw == "a" || raw == "act" || active(&raw) || active(&long)
}

fn add_row(
    x: &Inputs<'_>,
    i: usize,
    accs: &mut [Acc],
    index: &impl Fn(i32) -> Option<usize>,
    days: &PeriodDays,
) {
    let get = |v: Option<&[f64]>| v.map(|v| v[i]).filter(|v| v.is_finite() && *v > 0.0);
    let getd = |v: Option<&[i32]>| v.map(|v| v[i]).filter(|d| *d != NO_DAY);
    let list_day = getd(x.list_day);
    let close_day = getd(x.close_day);
    let contract_day = getd(x.contract_day);
    let list_price = get(x.list_price);
    if let Some(k) = list_day.and_then(index) {
        accs[k].new += 1;
        if let Some(lp) = list_price {
            accs[k].list_prices.push(lp);
        }
    }
    if let Some(k) = contract_day.and_then(index) {
        accs[k].pending += 1;
    }
    if let Some(k) = close_day.and_then(index) {
        let a = &mut accs[k];
        a.closed += 1;
        if let Some(cp) = get(x.close_price) {
            a.close_prices.push(cp);
            if let Some(sqft) = get(x.area) {
                a.ppsf.push(cp / sqft);
            }
            if let Some(lp) = list_price {
                a.ratio.push(cp / lp);
            }
        }
        let dom = x
            .dom
            .map(|d| d[i])
            .filter(|d| d.is_finite() && *d >= 0.0)
            .or_else(|| {
                let end = contract_day.or(close_day)?;
                Some(f64::from(end - list_day?)).filter(|d| *d >= 0.0)
            });
        if let Some(d) = dom {
            a.dom.push(d);
        }
        if let (Some(lp), Some(op)) = (list_price, get(x.orig_price)) {
            a.reduced_known += 1;
            if lp < op {
                a.reduced += 1;
            }
        }
    }
    // On the market from the list day until the first of contract, close, off-market.
    let Some(start) = list_day else { return };
    let end = [contract_day, close_day, getd(x.off_day)]
        .into_iter()
        .flatten()
        .min();
    let still_active = x.active.as_ref().is_none_or(|a| a[i]);
    let end = match end {
        Some(e) => Some(e),
        None if still_active => None,
        // Off the market without a date: the days on market say when.
        None => match x.dom.map(|d| d[i]).filter(|d| d.is_finite() && *d >= 0.0) {
            Some(dom) => Some(start + dom as i32),
            None => return,
        },
    };
    let (a, b) = (days.pos(start), end.map_or(days.n, |e| days.pos(e)));
    if end.is_some_and(|e| e <= start) || a >= b {
        return;
    }
    accs[a].inventory_delta += 1;
    accs[b].inventory_delta -= 1;
}

/// Which of the `n` reported periods a day falls in, from a table over the
/// reported periods' days (a calendar conversion per date was a third of the time).
struct PeriodDays {
    first: i32,
    pos: Vec<u32>,
    n: usize,
}

impl PeriodDays {
    fn new(p: Period, o0: i64, n: usize) -> PeriodDays {
        let first = day_number(p.start(o0));
        let last = day_number(p.end(o0 + n as i64 - 1));
        let pos = (first..=last)
            .map(|d| (p.ordinal(d) - o0).clamp(0, n as i64) as u32)
            .collect();
        PeriodDays { first, pos, n }
    }

    /// The period of `day`, clamped: 0 before the first, `n` after the last.
    fn pos(&self, day: i32) -> usize {
        if day < self.first {
            return 0;
        }
        self.pos
            .get((day - self.first) as usize)
            .map_or(self.n, |p| *p as usize)
    }
}

fn day_number(d: chrono::NaiveDate) -> i32 {
    (d - crate::frame::date_of(0)).num_days() as i32
}

fn metric_values(a: &Acc, inventory: i64, x: &Inputs<'_>, p: Period) -> Vec<Option<f64>> {
    let some_if = |cond: bool, v: f64| cond.then_some(v);
    let closed_known = x.close_day.is_some();
    let per_month = f64::from(a.closed) / p.months();
    let inv = x.list_day.map(|_| inventory as f64);
    vec![
        some_if(x.list_day.is_some(), f64::from(a.new)),
        some_if(x.contract_day.is_some(), f64::from(a.pending)),
        some_if(closed_known, f64::from(a.closed)),
        inv,
        inv.filter(|_| closed_known && a.closed > 0)
            .map(|i| i / per_month),
        inv.filter(|i| closed_known && *i > 0.0)
            .map(|i| per_month / i),
        median(&a.list_prices),
        mean(&a.list_prices),
        median(&a.close_prices),
        mean(&a.close_prices),
        median(&a.ppsf),
        median(&a.dom),
        mean(&a.ratio),
        (a.reduced_known > 0).then(|| f64::from(a.reduced) / f64::from(a.reduced_known)),
    ]
}

/// The median (mean of the two middle values for even counts), `None` when empty.
pub fn median(v: &[f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mut v = v.to_vec();
    let mid = v.len() / 2;
    let (_, m, _) = v.select_nth_unstable_by(mid, f64::total_cmp);
    let m = *m;
    if v.len() % 2 == 1 {
        Some(m)
    } else {
        let lower = v[..mid].iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Some((lower + m) / 2.0)
    }
}

/// The mean, `None` when empty.
pub fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_table_agrees_with_the_calendar() {
        for p in [Period::Week, Period::Month, Period::Quarter, Period::Year] {
            let (from, to) = (19_000, 19_800);
            let o0 = p.ordinal(from);
            let n = (p.ordinal(to) - o0 + 1) as usize;
            let days = PeriodDays::new(p, o0, n);
            for d in from - 800..to + 800 {
                let want = (p.ordinal(d) - o0).clamp(0, n as i64) as usize;
                assert_eq!(days.pos(d), want, "{p:?} day {d}");
            }
        }
    }

    #[test]
    fn medians_and_means() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(mean(&[1.0, 2.0]), Some(1.5));
    }

    #[test]
    fn active_statuses() {
        assert!(is_active_status("A", "Active"));
        assert!(is_active_status("ACT", ""));
        assert!(is_active_status("CS", "Coming Soon"));
        assert!(!is_active_status("P", "Active Under Contract"));
        assert!(!is_active_status("S", "Closed"));
        assert!(!is_active_status("X", "Expired"));
    }
}
