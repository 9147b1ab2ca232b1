//! Property-style round trips: many generated ASTs print to DMQL that parses back
//! to the identical tree, and real-world query texts print back unchanged.

use chrono::{NaiveDate, NaiveTime};
use rets_dmql::{
    Criteria, DateTimeLiteral, FieldQuery, LookupOp, Number, Pattern, PatternPart, Query, Range,
    Term, Value, parse,
};

/// Small deterministic generator (xorshift) so failures reproduce.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    fn text(&mut self) -> String {
        let pool = [
            "A",
            "Spring",
            "123",
            "-4",
            "1.5",
            "TODAY",
            "NOW",
            ".EMPTY.",
            "San Antonio",
            "say \"hi\"",
            "a,b",
            "x)y",
            "(",
            "ML-123",
            "é",
            "",
            "100K",
            "*",
            "?",
            "|",
            "~A",
            "2024-01-01",
            "10:00:00",
            "O'Brien",
            "a+",
            "tab\there",
        ];
        self.pick(&pool).to_string()
    }
    fn value(&mut self) -> Value {
        match self.below(6) {
            0 => Value::Number(Number::from(self.below(1_000_000) as i64 - 500)),
            1 => Value::Number(
                Number::parse(self.pick::<&str>(&["0.5", "100.50", "-3.25", "007"])).unwrap(),
            ),
            2 => Value::date(
                2000 + self.below(30) as i32,
                1 + self.below(12) as u32,
                1 + self.below(28) as u32,
            )
            .unwrap(),
            3 => {
                let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
                let t = NaiveTime::from_hms_milli_opt(
                    self.below(24) as u32,
                    5,
                    6,
                    self.below(2) as u32 * 250,
                )
                .unwrap();
                let off = *self.pick(&[None, Some(0), Some(3600), Some(-19800)]);
                Value::from(DateTimeLiteral::new(d.and_time(t), off))
            }
            4 => self.pick(&[Value::today(), Value::now()]).clone(),
            _ => Value::Text(self.text()),
        }
    }
    fn typed_value(&mut self) -> Value {
        loop {
            let v = self.value();
            if !matches!(v, Value::Text(_)) {
                return v;
            }
        }
    }
    fn term(&mut self) -> Term {
        match self.below(5) {
            0 | 1 => Term::Exact(self.value()),
            2 => Term::Range(Range::Between(self.typed_value(), self.typed_value())),
            3 => Term::Range(if self.below(2) == 0 {
                Range::AtLeast(self.value())
            } else {
                Range::AtMost(self.value())
            }),
            _ => {
                let parts = (0..1 + self.below(4)).map(|_| match self.below(3) {
                    0 => PatternPart::AnyString,
                    1 => PatternPart::AnyChar,
                    _ => PatternPart::Literal(self.text()),
                });
                let mut parts: Vec<_> = parts.collect();
                parts.push(PatternPart::AnyString);
                Term::Pattern(Pattern::new(parts))
            }
        }
    }
    fn criteria(&mut self) -> Criteria {
        match self.below(8) {
            0 => Criteria::Empty,
            1 => Criteria::Any,
            2 | 3 => Criteria::Lookup {
                op: *self.pick(&[LookupOp::AnyOf, LookupOp::AllOf, LookupOp::NoneOf]),
                values: (0..1 + self.below(3)).map(|_| self.text()).collect(),
            },
            _ => Criteria::Terms((0..1 + self.below(3)).map(|_| self.term()).collect()),
        }
    }
    fn query(&mut self, depth: u32) -> Query {
        let leaf = depth == 0 || self.below(3) == 0;
        if leaf {
            let name = self.pick(&["ListPrice", "Status", "L_City", "NOT", "A.b", "x1"]);
            return Query::Field(FieldQuery {
                field: name.to_string(),
                criteria: self.criteria(),
            });
        }
        match self.below(3) {
            0 => Query::Not(Box::new(self.query(depth - 1))),
            k => {
                let items = (0..2 + self.below(3))
                    .map(|_| self.query(depth - 1))
                    .collect();
                if k == 1 {
                    Query::And(items)
                } else {
                    Query::Or(items)
                }
            }
        }
    }
}

#[test]
fn generated_queries_round_trip() {
    let mut g = Gen(0x9E37_79B9_7F4A_7C15);
    for i in 0..3000 {
        let q = g.query(4);
        let text = q.to_dmql();
        let back = parse(&text).unwrap_or_else(|e| panic!("case {i}: {text}\n{e}"));
        assert_eq!(back, q, "case {i}: {text}");
        assert_eq!(back.to_dmql(), text, "case {i}");
    }
}

#[test]
fn canonical_texts_print_back_unchanged() {
    for text in [
        "(ListPrice=100000-200000),(Status=|A,P)",
        "(ListDate=2024-01-01+)",
        "(ModificationTimestamp=2024-01-01T00:00:00+)",
        "(City=Spring*)",
        "(Remarks=.EMPTY.)",
        "~(Status=|S)",
        "((A=1)|(B=2)),(C=3)",
        "(LN=0+)",
        "(MLS_NUMBER=123,456,789)",
        "(StreetName=*Main*)",
        "(City=\"San Antonio\")",
        "(ListDate=TODAY-)",
        "(Status=.ANY.)",
        "(Price=100.50-200.00)",
        "(T=2024-01-01T00:00:00.5Z-2024-01-01T12:00:00+02:00)",
        "~((A=1),(B=2))",
        "~(~(A=1))",
        "((A=1),(B=2)),(C=3)",
    ] {
        assert_eq!(parse(text).unwrap().to_dmql(), text);
    }
}
