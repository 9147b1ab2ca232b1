//! Validator tests against a small hand-written catalog.

use rets_dmql::{
    DataType, FieldCatalog, FieldInfo, IssueKind, LookupKind, Query, QueryError, Span,
    ValidationIssue, field, validate, validate_text,
};
use std::collections::HashMap;

struct Catalog {
    fields: HashMap<&'static str, FieldInfo>,
    lookups: HashMap<&'static str, Vec<&'static str>>,
}

fn info(data_type: DataType, lookup: Option<LookupKind>, searchable: bool) -> FieldInfo {
    FieldInfo {
        data_type,
        lookup,
        searchable,
    }
}

fn catalog() -> Catalog {
    use DataType::*;
    let fields = HashMap::from([
        ("ListPrice", info(Decimal, None, true)),
        ("Beds", info(Int, None, true)),
        ("ListDate", info(Date, None, true)),
        ("ModificationTimestamp", info(DateTime, None, true)),
        ("ShowTime", info(Time, None, true)),
        ("City", info(Character, None, true)),
        ("Remarks", info(Character, None, true)),
        ("PrivateRemarks", info(Character, None, false)),
        ("Pool", info(Boolean, None, true)),
        ("Status", info(Character, Some(LookupKind::Lookup), true)),
        (
            "Features",
            info(Character, Some(LookupKind::LookupMulti), true),
        ),
    ]);
    let lookups = HashMap::from([("Status", vec!["A", "P", "S"])]);
    Catalog { fields, lookups }
}

impl FieldCatalog for Catalog {
    fn field(&self, name: &str) -> Option<FieldInfo> {
        self.fields.get(name).copied()
    }
    fn lookup_contains(&self, field: &str, value: &str) -> Option<bool> {
        self.lookups.get(field).map(|vs| vs.contains(&value))
    }
}

fn issues(text: &str) -> Vec<ValidationIssue> {
    match validate_text(text, &catalog()) {
        Err(QueryError::Invalid(issues)) => issues,
        other => panic!("{text}: expected issues, got {other:?}"),
    }
}

fn snippet(text: &str, span: Option<Span>) -> &str {
    let s = span.expect("span");
    &text[s.offset..s.end()]
}

#[test]
fn valid_queries_pass() {
    let c = catalog();
    for text in [
        "(ListPrice=100000-200000.50),(Status=|A,P)",
        "(Beds=2+),(ListDate=2024-01-01+)",
        "(ModificationTimestamp=2024-01-01T00:00:00+)",
        "(ModificationTimestamp=2024-01-01+)",
        "(ModificationTimestamp=NOW-),(ListDate=TODAY-)",
        "(City=Spring*),(Remarks=*pool*)",
        "(Remarks=.EMPTY.)",
        "~(Status=|S)",
        "(Status=.ANY.)",
        "(Status=A)",
        "(Features=+WTRFRNT,DOCK)",
        "(ShowTime=08:00:00-17:00:00)",
        "(Pool=1),(Pool=Y)",
        "(City=\"San Antonio\",Austin)",
        "(City=M+)",
        "(Beds=1,3-4,6+)",
    ] {
        assert!(
            validate_text(text, &c).is_ok(),
            "{text}: {:?}",
            validate_text(text, &c)
        );
    }
}

#[test]
fn unknown_and_unsearchable_fields() {
    let text = "(Foo=1),(PrivateRemarks=*x*)";
    let found = issues(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].kind, IssueKind::UnknownField);
    assert_eq!(found[0].field, "Foo");
    assert_eq!(snippet(text, found[0].span), "Foo");
    assert_eq!(found[1].kind, IssueKind::NotSearchable);
    assert_eq!(snippet(text, found[1].span), "PrivateRemarks");
    assert_eq!(found[0].to_string(), "Foo: unknown field");
}

#[test]
fn wrong_value_types_point_at_the_term() {
    let text = "(ListPrice=100000,abc-),(Beds=2.5+),(ListDate=2024-01-01T00:00:00+)";
    let found = issues(text);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(snippet(text, found[0].span), "abc-");
    assert_eq!(
        found[0].kind,
        IssueKind::WrongValueType {
            expected: DataType::Decimal,
            found: "text".into(),
            value: "abc".into()
        }
    );
    assert_eq!(snippet(text, found[1].span), "2.5+");
    assert!(
        matches!(&found[1].kind, IssueKind::WrongValueType { found, .. } if found == "decimal number")
    );
    assert_eq!(snippet(text, found[2].span), "2024-01-01T00:00:00+");
    assert_eq!(
        found[1].to_string(),
        "Beds: decimal number '2.5' does not fit a Int field"
    );
    assert_eq!(issues("(ShowTime=8)")[0].field, "ShowTime");
    assert_eq!(issues("(Pool=maybe)").len(), 1);
}

#[test]
fn lookup_misuse() {
    let text = "(City=|Austin),(Remarks=.ANY.),(Status=|A,X),(Status=Q),(Status=A-)";
    let found = issues(text);
    let kinds: Vec<&IssueKind> = found.iter().map(|i| &i.kind).collect();
    assert_eq!(
        kinds,
        [
            &IssueKind::LookupOnNonLookupField,
            &IssueKind::LookupOnNonLookupField,
            &IssueKind::UnknownLookupValue { value: "X".into() },
            &IssueKind::UnknownLookupValue { value: "Q".into() },
            &IssueKind::UnsupportedCriteria {
                what: "a range".into(),
                data_type: "lookup".into()
            },
        ]
    );
    assert_eq!(snippet(text, found[0].span), "|Austin");
    assert_eq!(snippet(text, found[2].span), "X");
    assert_eq!(snippet(text, found[3].span), "Q");
    // Unknown lookup tables are not guessed at.
    assert!(validate_text("(Features=|ANYTHING)", &catalog()).is_ok());
}

#[test]
fn patterns_only_on_text_and_ranges_in_order() {
    let found = issues("(Beds=1*)");
    assert!(matches!(
        found[0].kind,
        IssueKind::UnsupportedCriteria { .. }
    ));
    assert_eq!(
        issues("(ListPrice=300-200)")[0].kind,
        IssueKind::ReversedRange
    );
    assert_eq!(
        issues("(ListDate=2024-02-01-2024-01-01)")[0].kind,
        IssueKind::ReversedRange
    );
    assert!(validate_text("(ListPrice=200-300)", &catalog()).is_ok());
}

#[test]
fn built_queries_validate_without_spans() {
    let c = catalog();
    let good = Query::all([
        field("ListPrice").between(100000, 200000),
        field("Status").lookup_any(["A", "P"]),
        field("City").starts_with("Spring"),
        field("Remarks").is_empty().not(),
    ]);
    assert_eq!(validate(&good, &c), Ok(()));
    let bad = Query::all([field("City").between("A", "M"), Query::Or(vec![])]);
    let found = validate(&bad, &c).unwrap_err();
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].kind, IssueKind::EmptyGroup);
    assert!(matches!(
        found[1].kind,
        IssueKind::UnsupportedCriteria { .. }
    ));
    assert!(found.iter().all(|i| i.span.is_none()));
}

#[test]
fn parse_errors_come_through_validate_text() {
    match validate_text("(ListPrice=1", &catalog()) {
        Err(QueryError::Parse(e)) => assert_eq!(e.offset, 12),
        other => panic!("{other:?}"),
    }
    let err = validate_text("(Foo=1),(Bar=2)", &catalog()).unwrap_err();
    assert_eq!(err.to_string(), "Foo: unknown field; Bar: unknown field");
}

#[test]
fn hashmap_catalog_and_metadata_names() {
    let mut map = HashMap::new();
    map.insert(
        "LP".to_string(),
        info("decimal".parse().unwrap(), None, true),
    );
    assert!(validate(&field("LP").gte(5), &map).is_ok());
    assert!(validate(&field("X").gte(5), &map).is_err());
    assert_eq!("DATETIME".parse::<DataType>().unwrap(), DataType::DateTime);
    assert_eq!(" Integer ".parse::<DataType>().unwrap(), DataType::Int);
    assert!("Float".parse::<DataType>().is_err());
    assert_eq!(
        "lookupmulti".parse::<LookupKind>().unwrap(),
        LookupKind::LookupMulti
    );
    assert!(LookupKind::LookupBitmask.is_multi() && !LookupKind::Lookup.is_multi());
    assert_eq!(
        "Nope".parse::<LookupKind>().unwrap_err().to_string(),
        "unknown Interpretation 'Nope'"
    );
}
