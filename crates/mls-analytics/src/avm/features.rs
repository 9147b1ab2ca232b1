//! The valuation model's inputs: every usable field of the class, whatever it
//! is called — numbers as they are, lookups and short text as categories
//! (target-encoded on the training rows only), multi-value lookups as one flag
//! per common value, other dates as an age at the sale — plus the sale's time
//! (market trend) and month (season). Identifiers, free text, the target and
//! fields that leak it (other prices, the sale's own status dates, days on
//! market) are left out, each with its reason.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::fields::{Field, FieldMap, Role, norm};
use crate::frame::{Col, Frame, NO_DAY, NO_TEXT};
use mls_store::listings::FieldKind;

/// How one model input is computed from a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Feature {
    /// A numeric column as it is.
    Number { field: String },
    /// A category, encoded as the smoothed mean log price of its training rows.
    Category {
        field: String,
        codes: BTreeMap<String, f64>,
    },
    /// 1 when a multi-value field holds `value`, else 0.
    Flag { field: String, value: String },
    /// Years from the date in `field` to the sale.
    Age { field: String },
    /// Months from 2000-01 to the sale (market trend).
    SaleTime,
    /// Month of the sale, 1–12 (season).
    SaleMonth,
}

impl Feature {
    /// The feature's name as shown in explanations.
    pub fn name(&self) -> String {
        match self {
            Feature::Number { field } | Feature::Category { field, .. } => field.clone(),
            Feature::Flag { field, value } => format!("{field}={value}"),
            Feature::Age { field } => format!("{field} (age)"),
            Feature::SaleTime => "sale date".into(),
            Feature::SaleMonth => "sale month".into(),
        }
    }

    /// The SystemName the feature reads, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Feature::Number { field }
            | Feature::Category { field, .. }
            | Feature::Flag { field, .. }
            | Feature::Age { field } => Some(field),
            Feature::SaleTime | Feature::SaleMonth => None,
        }
    }
}

/// A field left out of the model, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Excluded {
    pub field: String,
    pub reason: String,
}

/// Words that mark identifiers, contact details, free text and media.
const ID_WORDS: &[&str] = &[
    "key",
    "id",
    "uid",
    "guid",
    "number",
    "mlsnum",
    "mlsno",
    "phone",
    "fax",
    "email",
    "url",
    "www",
    "agent",
    "office",
    "broker",
    "member",
    "remark",
    "comment",
    "direction",
    "instruction",
    "description",
    "address",
    "street",
    "unit",
    "photo",
    "picture",
    "media",
    "tour",
    "video",
    "showing",
    "lockbox",
    "owner",
    "name",
    "contact",
    "disclosure",
    "legal",
    "parcel",
    "apn",
    "taxid",
];

/// Words that mark the sale itself (its status, dates, time on market, other prices).
const SALE_WORDS: &[&str] = &[
    "price",
    "sold",
    "sale",
    "close",
    "closing",
    "contract",
    "pending",
    "status",
    "dom",
    "daysonmarket",
    "cdom",
    "onmarket",
    "offmarket",
    "expir",
    "withdr",
    "cancel",
    "modif",
    "timestamp",
    "updated",
    "listdate",
    "listingdate",
    "commission",
    "compensation",
    "concession",
    "financ",
    "terms",
    "buyer",
    "selling",
    "ppsf",
    "persqft",
];

fn has_word(name: &str, words: &[&str]) -> bool {
    let n = norm(name);
    words.iter().any(|w| {
        if w.len() <= 3 {
            // Short words only as a whole word or at the end: `id` in `ListingId`, not in `Fireplaceidx`.
            n == *w
                || n.ends_with(w)
                || name
                    .to_ascii_lowercase()
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|p| p == *w)
        } else {
            n.contains(w)
        }
    })
}

/// Dates are kept (as an age at the sale) only when they date the property, not the listing.
const PROPERTY_DATE_WORDS: &[&str] = &[
    "built",
    "remodel",
    "renovat",
    "roof",
    "construct",
    "complet",
    "install",
    "replac",
    "improve",
];

/// Roles kept whatever their names say (a lat/long has no id, a year built is no sale date).
const KEEP_ROLES: &[Role] = &[
    Role::LivingArea,
    Role::LotSizeSquareFeet,
    Role::LotSizeAcres,
    Role::YearBuilt,
    Role::Bedrooms,
    Role::BathsFull,
    Role::BathsHalf,
    Role::BathsTotal,
    Role::GarageSpaces,
    Role::Latitude,
    Role::Longitude,
    Role::City,
    Role::PostalCode,
    Role::County,
    Role::Subdivision,
    Role::PropertyType,
    Role::PropertySubType,
];

/// Roles never used: the target, the sale's dates and status, time on market, the address.
const DROP_ROLES: &[Role] = &[
    Role::ClosePrice,
    Role::CloseDate,
    Role::ContractDate,
    Role::OffMarketDate,
    Role::ListDate,
    Role::DaysOnMarket,
    Role::Status,
    Role::Address,
    Role::ListPrice,
    Role::OriginalListPrice,
];

/// The fields worth loading for the model (by type and name), before looking at values.
pub fn candidates(map: &FieldMap, on_market: bool) -> (Vec<&Field>, Vec<Excluded>) {
    let role_of = |f: &Field| {
        map.roles
            .iter()
            .find(|(_, (name, _))| *name == f.system_name)
            .map(|(r, _)| *r)
    };
    let mut keep = Vec::new();
    let mut excluded = Vec::new();
    for f in &map.fields {
        let role = role_of(f);
        let names = [
            Some(f.system_name.as_str()),
            f.standard_name.as_deref(),
            f.long_name.as_deref(),
        ];
        let any = |words: &[&str]| names.iter().flatten().any(|n| has_word(n, words));
        let reason = if on_market && matches!(role, Some(Role::ListPrice | Role::OriginalListPrice))
        {
            None
        } else if role.is_some_and(|r| DROP_ROLES.contains(&r)) {
            Some(match role {
                Some(Role::ClosePrice) => "the target (close price)",
                Some(Role::ListPrice | Role::OriginalListPrice) => {
                    "list prices are used only by the on-market variant"
                }
                Some(Role::Address) => "free text (address)",
                _ => "belongs to the sale itself (a status, date or time on market)",
            })
        } else if map.key_field.as_deref() == Some(f.system_name.as_str()) {
            Some("the listing's key")
        } else if role.is_some_and(|r| KEEP_ROLES.contains(&r)) {
            None
        } else if matches!(f.kind, FieldKind::Date | FieldKind::DateTime)
            && !any(PROPERTY_DATE_WORDS)
        {
            Some("a date of the listing or sale, not of the property")
        } else if any(SALE_WORDS) {
            Some("may leak the sale (a price, status, sale date or time on market)")
        } else if any(ID_WORDS) {
            Some("an identifier, contact detail, media or free text")
        } else {
            None
        };
        match reason {
            Some(r) => excluded.push(Excluded {
                field: f.system_name.clone(),
                reason: r.into(),
            }),
            None => keep.push(f),
        }
    }
    (keep, excluded)
}

/// Turns loaded rows into model inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Encoder {
    pub features: Vec<Feature>,
    pub excluded: Vec<Excluded>,
}

/// Text with more distinct values than this share of rows is free text.
const FREE_TEXT_SHARE: f64 = 0.3;
/// Multi-value lookups get flags for at most this many values.
const MAX_FLAGS: usize = 40;

impl Encoder {
    /// Plans features from `candidates` now that their values are loaded.
    /// `rows` are the training rows (to judge cardinality).
    pub fn plan(
        candidates: &[&Field],
        excluded: Vec<Excluded>,
        frame: &Frame,
        rows: &[usize],
    ) -> Encoder {
        let mut features = vec![Feature::SaleTime, Feature::SaleMonth];
        let mut excluded = excluded;
        for f in candidates {
            let name = f.system_name.clone();
            match frame.col(&name) {
                Some(Col::Num(v)) => {
                    let present = rows.iter().filter(|r| v[**r].is_finite()).count();
                    let distinct = {
                        let mut d: Vec<u64> = rows
                            .iter()
                            .map(|r| v[*r])
                            .filter(|x| x.is_finite())
                            .map(f64::to_bits)
                            .collect();
                        d.sort_unstable();
                        d.dedup();
                        d.len()
                    };
                    if present < rows.len() / 100 + 1 || distinct < 2 {
                        excluded.push(Excluded {
                            field: name,
                            reason: "(almost) always empty or constant".into(),
                        });
                    } else {
                        features.push(Feature::Number { field: name });
                    }
                }
                Some(Col::Day(_)) if matches!(f.kind, FieldKind::Date | FieldKind::DateTime) => {
                    features.push(Feature::Age { field: name });
                }
                Some(Col::Day(_)) => {}
                Some(Col::Text(t)) => {
                    let mut counts: HashMap<u32, usize> = HashMap::new();
                    for r in rows {
                        let c = t.codes[*r];
                        if c != NO_TEXT {
                            *counts.entry(c).or_default() += 1;
                        }
                    }
                    let present: usize = counts.values().sum();
                    let multi = f.lookup.is_some()
                        && counts.keys().any(|c| t.values[*c as usize].contains(','));
                    if present < rows.len() / 100 + 1 || counts.len() < 2 {
                        excluded.push(Excluded {
                            field: name,
                            reason: "(almost) always empty or constant".into(),
                        });
                    } else if multi {
                        let mut values: HashMap<&str, usize> = HashMap::new();
                        for (c, n) in &counts {
                            for v in t.values[*c as usize]
                                .split(',')
                                .map(str::trim)
                                .filter(|v| !v.is_empty())
                            {
                                *values.entry(v).or_default() += n;
                            }
                        }
                        let mut common: Vec<(&str, usize)> = values
                            .into_iter()
                            .filter(|(_, n)| *n * 100 >= rows.len())
                            .collect();
                        common.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                        for (v, _) in common.into_iter().take(MAX_FLAGS) {
                            features.push(Feature::Flag {
                                field: name.clone(),
                                value: v.to_owned(),
                            });
                        }
                    } else if f.lookup.is_none()
                        && counts.len() as f64 > FREE_TEXT_SHARE * present as f64
                        && counts.len() > 50
                    {
                        excluded.push(Excluded {
                            field: name,
                            reason: "free text (almost every value differs)".into(),
                        });
                    } else {
                        features.push(Feature::Category {
                            field: name,
                            codes: BTreeMap::new(),
                        });
                    }
                }
                None => {}
            }
        }
        Encoder { features, excluded }
    }

    /// Learns category codes from the training rows' log prices (smoothed towards the mean).
    pub fn fit_categories(&mut self, frame: &Frame, rows: &[usize], y: &[f64]) {
        let all: Vec<usize> = (0..rows.len()).collect();
        for feature in &mut self.features {
            if let Feature::Category { field, codes } = feature {
                *codes = category_codes(frame, field, rows, y, &all);
            }
        }
    }

    /// The training rows' inputs, like [`Encoder::matrix`] but with each
    /// row's categories encoded from the other folds' prices only: a code
    /// that contains the row's own price would make the model trust small
    /// categories (a ZIP with five sales) far more than they deserve.
    /// Call [`Encoder::fit_categories`] first; prediction uses its codes.
    pub fn training_matrix(
        &self,
        frame: &Frame,
        rows: &[usize],
        y: &[f64],
        sale_day: &dyn Fn(usize) -> i32,
    ) -> Vec<f64> {
        const FOLDS: usize = 5;
        let n = rows.len();
        let mut x = self.matrix(frame, rows, sale_day);
        for (j, feature) in self.features.iter().enumerate() {
            let Feature::Category { field, .. } = feature else {
                continue;
            };
            for fold in 0..FOLDS {
                let others: Vec<usize> = (0..n).filter(|i| i % FOLDS != fold).collect();
                let codes = category_codes(frame, field, rows, y, &others);
                for i in (fold..n).step_by(FOLDS) {
                    if let Some(v) = frame.value_text(field, rows[i]) {
                        x[j * n + i] = codes.get(&v).copied().unwrap_or(f64::NAN);
                    }
                }
            }
        }
        x
    }

    /// The inputs of `rows`, column-major (`x[feature * rows.len() + i]`);
    /// `sale_day(row)` is the day the value is wanted for.
    pub fn matrix(
        &self,
        frame: &Frame,
        rows: &[usize],
        sale_day: &dyn Fn(usize) -> i32,
    ) -> Vec<f64> {
        let n = rows.len();
        let mut x = vec![f64::NAN; n * self.features.len()];
        for (j, feature) in self.features.iter().enumerate() {
            let out = &mut x[j * n..(j + 1) * n];
            match feature {
                Feature::Number { field } => {
                    if let Some(v) = frame.num(field) {
                        for (o, r) in out.iter_mut().zip(rows) {
                            *o = v[*r];
                        }
                    }
                }
                Feature::Category { field, codes } => {
                    for (o, r) in out.iter_mut().zip(rows) {
                        if let Some(v) = frame.value_text(field, *r) {
                            *o = codes.get(&v).copied().unwrap_or(f64::NAN);
                        }
                    }
                }
                Feature::Flag { field, value } => {
                    if let Some(t) = frame.text(field) {
                        for (o, r) in out.iter_mut().zip(rows) {
                            *o = match t.get(*r) {
                                Some(s) => {
                                    f64::from(u8::from(s.split(',').any(|p| p.trim() == value)))
                                }
                                None => f64::NAN,
                            };
                        }
                    }
                }
                Feature::Age { field } => {
                    if let Some(d) = frame.day(field) {
                        for (o, r) in out.iter_mut().zip(rows) {
                            let (day, sale) = (d[*r], sale_day(*r));
                            if day != NO_DAY && sale != NO_DAY {
                                *o = f64::from(sale - day) / 365.25;
                            }
                        }
                    }
                }
                Feature::SaleTime => {
                    for (o, r) in out.iter_mut().zip(rows) {
                        let d = sale_day(*r);
                        if d != NO_DAY {
                            *o = f64::from(d - 10_957) / 30.436875;
                        }
                    }
                }
                Feature::SaleMonth => {
                    for (o, r) in out.iter_mut().zip(rows) {
                        let d = sale_day(*r);
                        if d != NO_DAY {
                            use chrono::Datelike;
                            *o = f64::from(crate::frame::date_of(d).month());
                        }
                    }
                }
            }
        }
        x
    }
}

/// Smoothed mean log price per value of `field` over `rows[k]` for `k` in `use_k`.
fn category_codes(
    frame: &Frame,
    field: &str,
    rows: &[usize],
    y: &[f64],
    use_k: &[usize],
) -> BTreeMap<String, f64> {
    const SMOOTHING: f64 = 20.0;
    let global = use_k.iter().map(|&k| y[k]).sum::<f64>() / use_k.len().max(1) as f64;
    let mut sums: HashMap<String, (f64, f64)> = HashMap::new();
    for &k in use_k {
        if let Some(v) = frame.value_text(field, rows[k]) {
            let e = sums.entry(v).or_default();
            e.0 += y[k];
            e.1 += 1.0;
        }
    }
    sums.into_iter()
        .map(|(v, (sum, n))| (v, (sum + SMOOTHING * global) / (n + SMOOTHING)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_and_sale_fields_are_recognised() {
        assert!(has_word("LISTING_ID", ID_WORDS));
        assert!(has_word("ListAgentMlsId", ID_WORDS));
        assert!(has_word("PublicRemarks", ID_WORDS));
        assert!(!has_word("Fireplaces", ID_WORDS));
        assert!(!has_word("GarageSpaces", ID_WORDS));
        assert!(has_word("PreviousListPrice", SALE_WORDS));
        assert!(has_word("DOM", SALE_WORDS));
        assert!(has_word("StatusChangeTimestamp", SALE_WORDS));
        assert!(!has_word("TaxAnnualAmount", SALE_WORDS));
        assert!(!has_word("QualityGrade", SALE_WORDS));
        assert!(!has_word("Basement", SALE_WORDS));
        assert!(!has_word("EntryLevel", SALE_WORDS));
        assert!(!has_word("PoolPrivateYN", ID_WORDS));
    }
}
