//! Parser tests over spec and real-server examples, and error positions.

use chrono::NaiveDate;
use rets_dmql::{
    Criteria, DateTimeValue, DateValue, LookupOp, Pattern, Query, Range, Term, Value, field, parse,
    parse_with_spans,
};

fn terms(q: &Query) -> &[Term] {
    match q {
        Query::Field(f) => match &f.criteria {
            Criteria::Terms(t) => t,
            other => panic!("expected terms, got {other:?}"),
        },
        other => panic!("expected a field, got {other:?}"),
    }
}

fn num(s: &str) -> Value {
    Value::Number(rets_dmql::Number::parse(s).unwrap())
}

fn date(y: i32, m: u32, d: u32) -> Value {
    Value::Date(DateValue::On(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
}

#[test]
fn price_range_and_lookup() {
    let q = parse("(ListPrice=100000-200000),(Status=|A,P)").unwrap();
    assert_eq!(
        q,
        Query::And(vec![
            field("ListPrice").between(100000, 200000),
            field("Status").lookup_any(["A", "P"]),
        ])
    );
}

#[test]
fn open_ended_date_and_datetime_ranges() {
    let q = parse("(ListDate=2024-01-01+)").unwrap();
    assert_eq!(terms(&q), [Term::Range(Range::AtLeast(date(2024, 1, 1)))]);
    let q = parse("(ModificationTimestamp=2024-01-01T00:00:00+)").unwrap();
    match &terms(&q)[0] {
        Term::Range(Range::AtLeast(Value::DateTime(DateTimeValue::At(d)))) => {
            assert_eq!(d.text(), "2024-01-01T00:00:00");
            assert_eq!(d.offset_seconds(), None);
        }
        other => panic!("{other:?}"),
    }
    let q = parse("(ListDate=TODAY-)").unwrap();
    assert_eq!(terms(&q), [Term::Range(Range::AtMost(Value::today()))]);
    let q = parse("(ModificationTimestamp=NOW-)").unwrap();
    assert_eq!(terms(&q), [Term::Range(Range::AtMost(Value::now()))]);
}

#[test]
fn datetime_ranges_with_offsets() {
    let q = parse("(T=2024-01-01T00:00:00-05:00-2024-01-02T00:00:00.123Z)").unwrap();
    match &terms(&q)[0] {
        Term::Range(Range::Between(
            Value::DateTime(DateTimeValue::At(a)),
            Value::DateTime(DateTimeValue::At(b)),
        )) => {
            assert_eq!(a.offset_seconds(), Some(-5 * 3600));
            assert_eq!(b.text(), "2024-01-02T00:00:00.123Z");
        }
        other => panic!("{other:?}"),
    }
    let q = parse("(D=2024-01-01-2024-12-31)").unwrap();
    assert_eq!(
        terms(&q),
        [Term::Range(Range::Between(
            date(2024, 1, 1),
            date(2024, 12, 31)
        ))]
    );
    let q = parse("(OpenTime=08:00:00-17:30:00)").unwrap();
    assert!(matches!(
        &terms(&q)[0],
        Term::Range(Range::Between(Value::Time(_), Value::Time(_)))
    ));
}

#[test]
fn patterns() {
    let q = parse("(City=Spring*)").unwrap();
    assert_eq!(terms(&q), [Term::Pattern(Pattern::starts_with("Spring"))]);
    let q = parse("(StreetName=*Main*)").unwrap();
    assert_eq!(terms(&q), [Term::Pattern(Pattern::contains("Main"))]);
    let q = parse("(OWNER=P?LE)").unwrap();
    assert_eq!(terms(&q)[0].to_string(), "P?LE");
}

#[test]
fn special_tokens() {
    assert_eq!(
        parse("(Remarks=.EMPTY.)").unwrap(),
        field("Remarks").is_empty()
    );
    assert_eq!(parse("(Status=.ANY.)").unwrap(), field("Status").is_any());
    assert_eq!(
        parse("(Remarks=.empty.)").unwrap(),
        field("Remarks").is_empty()
    );
}

#[test]
fn not_forms() {
    let expected = field("Status").lookup_any(["S"]).not();
    assert_eq!(parse("~(Status=|S)").unwrap(), expected);
    assert_eq!(parse("NOT (Status=|S)").unwrap(), expected);
    assert_eq!(parse(" not(Status=|S) ").unwrap(), expected);
}

#[test]
fn nesting_and_precedence() {
    let a = field("A").eq(1);
    let b = field("B").eq(2);
    let c = field("C").eq(3);
    assert_eq!(
        parse("((A=1)|(B=2)),(C=3)").unwrap(),
        Query::And(vec![Query::Or(vec![a.clone(), b.clone()]), c.clone()])
    );
    // AND binds tighter than OR.
    assert_eq!(
        parse("(A=1),(B=2)|(C=3)").unwrap(),
        Query::Or(vec![Query::And(vec![a.clone(), b.clone()]), c.clone()])
    );
    assert_eq!(
        parse("(A=1) AND ((B=2) OR (C=3))").unwrap(),
        Query::And(vec![a.clone(), Query::Or(vec![b.clone(), c.clone()])])
    );
    assert_eq!(
        parse("( ( A = 1 ) or (B=2) ) and not (C=3)").unwrap(),
        Query::And(vec![Query::Or(vec![a, b]), c.not()])
    );
}

#[test]
fn spec_example_7_7_3() {
    let text = "(ST=|ACT,SOLD),(LP=200000-350000),(STR=RIVER*),(STYLE=RANCH),\
                (EXT=+WTRFRNT,DOCK),(LDATE=2000-03-01+),(REM=*FORECLOSE*),\
                (TYPE=~CONDO,TWNHME),(OWNER=P?LE)";
    let q = parse(text).unwrap();
    let fields = q.fields();
    assert_eq!(fields.len(), 9);
    assert_eq!(
        fields[4].criteria,
        Criteria::Lookup {
            op: LookupOp::AllOf,
            values: vec!["WTRFRNT".into(), "DOCK".into()]
        }
    );
    assert_eq!(
        fields[7].criteria,
        Criteria::Lookup {
            op: LookupOp::NoneOf,
            values: vec!["CONDO".into(), "TWNHME".into()]
        }
    );
    assert_eq!(q.to_dmql(), text);
    let sub = parse("((AREA=|1,2)|(CITY=ACTON)),(LP=200000+)").unwrap();
    assert_eq!(sub.to_dmql(), "((AREA=|1,2)|(CITY=ACTON)),(LP=200000+)");
}

#[test]
fn value_lists_mix_values_and_ranges() {
    let q = parse("(MLS_NUMBER=123,456,789)").unwrap();
    assert_eq!(q, field("MLS_NUMBER").one_of([123, 456, 789]));
    let q = parse("(LN=0+)").unwrap();
    assert_eq!(terms(&q), [Term::Range(Range::AtLeast(num("0")))]);
    let q = parse("(Beds=1,3-4,6+)").unwrap();
    assert_eq!(terms(&q).len(), 3);
    let q = parse("(Temp=-5--1)").unwrap();
    assert_eq!(
        terms(&q),
        [Term::Range(Range::Between(num("-5"), num("-1")))]
    );
    let q = parse("(Code=100K+,A1)").unwrap();
    assert_eq!(
        terms(&q),
        [
            Term::Range(Range::AtLeast(Value::Text("100K".into()))),
            Term::Exact(Value::Text("A1".into()))
        ]
    );
}

#[test]
fn quoted_strings() {
    let q = parse(r#"(City="San Antonio")"#).unwrap();
    assert_eq!(q, field("City").eq("San Antonio"));
    let q = parse(r#"(Remarks="say ""hi"", ok")"#).unwrap();
    assert_eq!(q, field("Remarks").eq(r#"say "hi", ok"#));
    let q = parse(r#"(Status=|"Active Under Contract",A)"#).unwrap();
    assert_eq!(
        q,
        field("Status").lookup_any(["Active Under Contract", "A"])
    );
    let q = parse(r#"(ListingID="ML-123")"#).unwrap();
    assert_eq!(q, field("ListingID").eq("ML-123"));
    assert_eq!(q.to_dmql(), r#"(ListingID="ML-123")"#);
    assert_eq!(field("X").eq("123").to_dmql(), r#"(X="123")"#);
    assert_eq!(field("X").eq("TODAY").to_dmql(), r#"(X="TODAY")"#);
    assert_eq!(field("X").eq(".EMPTY.").to_dmql(), r#"(X=".EMPTY.")"#);
    assert_eq!(field("X").eq("").to_dmql(), r#"(X="")"#);
}

#[test]
fn whitespace_tolerance() {
    let q = parse("  ( ListPrice = 100000-200000 ) ,\n\t( Status = | A , P )  ").unwrap();
    assert_eq!(q.to_dmql(), "(ListPrice=100000-200000),(Status=|A,P)");
}

#[test]
fn keyword_named_fields_are_fields() {
    assert_eq!(parse("(NOT=1)").unwrap(), field("NOT").eq(1));
    assert_eq!(parse("(OR=1)|(AND=2)").unwrap().to_dmql(), "(OR=1)|(AND=2)");
}

fn error(text: &str) -> rets_dmql::ParseError {
    parse(text).expect_err(text)
}

#[test]
fn errors_carry_positions() {
    let e = error("((A=1)|(B=2),(C=3)");
    assert_eq!(e.offset, 18);
    assert!(e.message.starts_with("expected ')'"), "{e}");
    assert!(e.to_string().contains("at position 19"), "{e}");

    let e = error("(A=1");
    assert_eq!((e.offset, e.len), (4, 0));
    assert_eq!(
        e.to_string(),
        "expected ',' or ')', found the end of the query at position 5"
    );

    let e = error("(City=San Antonio)");
    assert_eq!(e.offset, 10);

    let e = error("(ListingID=ML-123)");
    assert_eq!((e.offset, e.len), (11, 6));
    assert!(e.message.contains("quote"), "{e}");

    let e = error("(D=2024-02-30)");
    assert_eq!((e.offset, e.len), (3, 10));
    assert!(e.message.contains("not a valid date"), "{e}");

    let e = error("(A=1)(B=2)");
    assert_eq!(e.offset, 5);

    let e = error("(=1)");
    assert_eq!(e.message, "expected a field name");

    let e = error(r#"(A="abc)"#);
    assert_eq!((e.offset, e.len), (3, 5));
    assert_eq!(e.message, "unterminated string");

    let e = error("(A=.EMPTY.,1)");
    assert_eq!(e.offset, 3);

    let e = error("(A=1,.ANY.)");
    assert_eq!(e.offset, 5);

    let e = error("(A=|)");
    assert_eq!(e.offset, 4);

    let e = error("(A=a|b)");
    assert_eq!(e.offset, 4);

    let e = error("(A=Sp-ring*)");
    assert_eq!((e.offset, e.len), (5, 1));

    assert_eq!(error("   ").message, "the query is empty");
    assert_eq!(error("A=1").offset, 0);
}

#[test]
fn non_ascii_positions_are_characters() {
    let e = error("(Ciudad=\"Añasco\" x)");
    assert_eq!(e.offset, 18);
    assert_eq!(e.position, 18);
}

#[test]
fn spans_point_at_fields_and_items() {
    let text = "(ListPrice=100000-200000),~(Status=|A, P)";
    let (_, map) = parse_with_spans(text).unwrap();
    assert_eq!(map.fields.len(), 2);
    let s = &map.fields[1];
    assert_eq!(&text[s.whole.offset..s.whole.end()], "(Status=|A, P)");
    assert_eq!(&text[s.field.offset..s.field.end()], "Status");
    assert_eq!(&text[s.value.offset..s.value.end()], "|A, P");
    let items: Vec<&str> = s.items.iter().map(|i| &text[i.offset..i.end()]).collect();
    assert_eq!(items, ["A", "P"]);
    let first: Vec<&str> = map.fields[0]
        .items
        .iter()
        .map(|i| &text[i.offset..i.end()])
        .collect();
    assert_eq!(first, ["100000-200000"]);
}
