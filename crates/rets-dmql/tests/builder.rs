//! Builder tests: built queries print as expected DMQL and equal their parse.

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use rets_dmql::{
    DateTimeLiteral, DateTimeValue, LookupOp, Number, Pattern, Query, Range, Term, Value, field,
    parse,
};

fn check(q: &Query, text: &str) {
    assert_eq!(q.to_dmql(), text);
    assert_eq!(&parse(text).unwrap(), q, "{text}");
}

#[test]
fn brief_example() {
    let q = Query::all([
        field("ListPrice").between(100000, 200000),
        field("Status").lookup_any(["A", "P"]),
        field("City").starts_with("Spring"),
        field("Remarks").is_empty().not(),
    ]);
    check(
        &q,
        "(ListPrice=100000-200000),(Status=|A,P),(City=Spring*),~(Remarks=.EMPTY.)",
    );
}

#[test]
fn dates_times_and_symbols() {
    let d = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    check(&field("ListDate").gte(d), "(ListDate=2024-01-01+)");
    check(&field("ListDate").lte(Value::today()), "(ListDate=TODAY-)");
    check(
        &field("ModificationTimestamp").gte(d.and_hms_opt(0, 0, 0).unwrap()),
        "(ModificationTimestamp=2024-01-01T00:00:00+)",
    );
    check(
        &field("ModificationTimestamp").gte(Utc.with_ymd_and_hms(2024, 5, 6, 7, 8, 9).unwrap()),
        "(ModificationTimestamp=2024-05-06T07:08:09Z+)",
    );
    check(
        &field("ModificationTimestamp").lte(DateTimeValue::Now),
        "(ModificationTimestamp=NOW-)",
    );
    let lit = DateTimeLiteral::parse("2024-01-01T10:00:00.5+02:00").unwrap();
    check(&field("T").eq(lit), "(T=2024-01-01T10:00:00.5+02:00)");
    check(
        &field("ShowTime").between(
            NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(17, 30, 0).unwrap(),
        ),
        "(ShowTime=08:00:00-17:30:00)",
    );
    assert_eq!(Value::date(2024, 2, 30), None);
}

#[test]
fn lists_lookups_and_patterns() {
    check(
        &field("MLS_NUMBER").one_of([123, 456, 789]),
        "(MLS_NUMBER=123,456,789)",
    );
    check(
        &field("City").one_of(["Austin", "San Marcos"]),
        "(City=Austin,\"San Marcos\")",
    );
    check(
        &field("EXT").lookup_all(["WTRFRNT", "DOCK"]),
        "(EXT=+WTRFRNT,DOCK)",
    );
    check(&field("TYPE").lookup_none(["CONDO"]), "(TYPE=~CONDO)");
    check(
        &field("Status").lookup(LookupOp::AnyOf, ["Active Under Contract"]),
        "(Status=|\"Active Under Contract\")",
    );
    check(&field("Status").is_any(), "(Status=.ANY.)");
    check(&field("StreetName").contains("Main"), "(StreetName=*Main*)");
    check(&field("City").ends_with("ville"), "(City=*ville)");
    check(&field("City").starts_with("St Louis"), "(City=St?Louis*)");
    check(
        &field("OWNER").matches(Pattern::parse("P?LE").unwrap()),
        "(OWNER=P?LE)",
    );
    check(
        &field("Beds").terms([
            Term::Exact(Value::from(1)),
            Term::Range(Range::Between(3.into(), 4.into())),
            Term::Range(Range::AtLeast(6.into())),
        ]),
        "(Beds=1,3-4,6+)",
    );
    check(
        &field("Price").gte(Number::from_f64(99.5).unwrap()),
        "(Price=99.5+)",
    );
}

#[test]
fn combinators() {
    let a = field("A").eq(1);
    let b = field("B").eq(2);
    let c = field("C").eq(3);
    check(
        &Query::all([Query::any([a.clone(), b.clone()]), c.clone()]),
        "((A=1)|(B=2)),(C=3)",
    );
    check(
        &a.clone().and(b.clone()).and(c.clone()),
        "(A=1),(B=2),(C=3)",
    );
    check(&a.clone().or(b.clone()).or(c.clone()), "(A=1)|(B=2)|(C=3)");
    check(&!Query::all([a.clone(), b.clone()]), "~((A=1),(B=2))");
    assert_eq!(Query::all([a.clone()]), a);
    assert_eq!(Query::any([a.clone()]), a);
    assert_eq!(Query::all([]).to_dmql(), "");
}
