//! Replays every captured GetMetadata reply (COMPACT and STANDARD-XML) through the
//! parser and the `Metadata` aggregate, checking entries, counts and versions.

mod common;

use common::{LIBRETS, LIBRETS_NET, PHRETS, corpus, load};
use rets_client::metadata::{Metadata, parse_metadata};
use rets_client::text::TextDecoder;

fn md(root: &std::path::Path, rel: &str) -> (rets_client::metadata::MetadataReply, Metadata) {
    let f = load(root, rel);
    let reply = parse_metadata(
        &f.body,
        &TextDecoder::from_content_type(f.header("Content-Type")),
    )
    .unwrap_or_else(|e| panic!("{rel}: {e}"));
    let model = Metadata::from_tables(reply.tables.clone());
    (reply, model)
}

#[test]
fn compact_full_metadata_crt() {
    let Some(root) = corpus() else { return };
    let (reply, m) = md(&root, &format!("{LIBRETS}/raw-metadata"));
    assert!(reply.status.code.is_success());
    assert_eq!(m.system.system_id, "CRT_RETS");
    assert_eq!(m.system.description, "Center for REALTOR Technology");
    assert_eq!(
        m.system.comments,
        "The reference implementation of a RETS Server"
    );
    assert_eq!(m.system_stamp.version, "100.00.001");
    assert_eq!(m.system_stamp.date, "Mon, 18 Aug 2003 17:00:00 GMT");
    let ids: Vec<_> = m
        .resources
        .iter()
        .map(|r| r.info.resource_id.as_str())
        .collect();
    assert_eq!(ids, ["Agent", "ActiveAgent", "Office", "Property"]);
    let prop = m.resource("Property").unwrap();
    assert_eq!(prop.key_field(), Some("LN"));
    assert_eq!(prop.classes.len(), 6);
    let res = prop.class("ResidentialProperty").unwrap();
    let garage = res.field("Garage").unwrap();
    assert_eq!(garage.db_name, "r_garage");
    assert_eq!(garage.max_length, Some(8));
    assert_eq!(garage.data_type, "Int");
    assert!(garage.searchable);
    assert_eq!(res.table_stamp.version, "100.00.001");
    let ar = prop.lookup("AR").unwrap();
    assert_eq!(ar.value("AUR").unwrap().long_value, "Aurora");
    assert_eq!(ar.values[0].short_value, "St Charls");
    assert!(!prop.objects.is_empty());
    assert!(!prop.search_help.is_empty());
    assert!(!prop.edit_masks.is_empty());
    assert!(!prop.validation_expressions.is_empty());
    let school = prop
        .validation_lookups
        .iter()
        .find(|v| v.info.name == "School")
        .unwrap();
    assert!(!school.types.is_empty());
    assert!(!prop.validation_externals.is_empty());
    // COLUMN_GROUP* are kept verbatim.
    let kinds: Vec<_> = m.other.iter().map(|t| t.kind.as_str()).collect();
    assert!(kinds.contains(&"COLUMN_GROUP_SET"), "{kinds:?}");
    assert!(kinds.contains(&"COLUMN_GROUP_CONTROL"), "{kinds:?}");
    let cg = m
        .other
        .iter()
        .find(|t| t.kind == "COLUMN_GROUP_TABLE")
        .unwrap();
    assert_eq!(cg.attr("ColumnGroup"), Some("WaterFront"));
    assert_eq!(cg.attr("Date"), Some("Sat, 20 Mar 2002 12:03:38 GMT"));
    // Lookups resolve through fields.
    let with_lookup = prop
        .classes
        .iter()
        .flat_map(|c| c.fields.iter().map(move |f| (c, f)))
        .find(|(_, f)| !f.lookup_name.is_empty())
        .unwrap();
    assert!(
        m.field_lookup(
            "Property",
            &with_lookup.0.info.class_name,
            &with_lookup.1.system_name
        )
        .is_some()
    );
    // Serde round trip.
    let json = serde_json::to_string(&m).unwrap();
    let back: Metadata = serde_json::from_str(&json).unwrap();
    assert_eq!(back, m);
}

#[test]
fn compact_full_metadata_variman_network_capture() {
    let Some(root) = corpus() else { return };
    let (_, m) = md(&root, &format!("{LIBRETS_NET}/full-metadata"));
    assert_eq!(m.system.system_id, "CRT_RETS");
    assert!(m.resource("Property").unwrap().classes.len() >= 2);
    assert!(m.field_count() > 50);
    for name in [
        "NationalAssociationOfRealtors_variman/variman/sample_data/metadata.xml",
        "NationalAssociationOfRealtors_variman/variman/sample_metadata1.7.2/metadata.xml",
    ] {
        let (_, m) = md(&root, name);
        assert_eq!(m.system.system_id, "CRTRETS", "{name}");
        assert!(m.resource("Property").is_some(), "{name}");
        assert!(m.field_count() > 0, "{name}");
        assert!(!m.foreign_keys.is_empty(), "{name}");
    }
}

#[test]
fn compact_single_type_captures() {
    let Some(root) = corpus() else { return };
    let p = |n: &str| md(&root, &format!("{LIBRETS_NET}/{n}"));
    let (r, m) = p("foreign_keys.1");
    assert_eq!(r.tables[0].kind, "FOREIGNKEYS");
    assert_eq!(m.foreign_keys.len(), 1);
    assert_eq!(m.foreign_keys[0].foreign_key_id, "ResPropertyAgent");
    assert_eq!(m.foreign_keys[0].child_system_name, "AgentID");
    assert_eq!(m.foreign_keys[0].conditional_parent_field, "");

    let (_, m) = p("metadata-resource");
    assert_eq!(m.resources.len(), 4);
    let (_, m) = p("metadata-system");
    assert_eq!(m.system.system_id, "CRT_RETS");
    for (n, rows) in [("metadata-class.1", 1), ("metadata-class.4", 6)] {
        let (r, m) = p(n);
        assert_eq!(r.tables[0].rows.len(), rows, "{n}");
        assert_eq!(m.resources[0].classes.len(), rows, "{n}");
    }
    for (n, rows) in [
        ("metadata-lookup-type.1", 16),
        ("metadata-lookup-type.4", 60),
        ("metadata-lookup-type.6", 68),
        ("metadata-lookup-type.8", 4),
    ] {
        let (_, m) = p(n);
        assert_eq!(m.resources[0].lookups[0].values.len(), rows, "{n}");
    }
    for (n, rows) in [
        ("metadata-table.1", 2),
        ("metadata-table.4", 32),
        ("metadata-table.9", 27),
    ] {
        let (_, m) = p(n);
        assert_eq!(m.resources[0].classes[0].fields.len(), rows, "{n}");
    }
    let (_, m) = p("metadata-lookup.4");
    assert_eq!(m.resources[0].lookups.len(), 9);
    // metadata-lookup.1 / .3 are empty replies.
    let (r, _) = p("metadata-lookup.1");
    assert!(r.tables.iter().all(|t| t.rows.is_empty()));
}

#[test]
fn librets_metadata_unit_fixtures() {
    let Some(root) = corpus() else { return };
    let p = |n: &str| md(&root, &format!("{LIBRETS}/{n}"));
    let (_, m) = p("metadata-system-empty-comments.xml");
    assert_eq!(m.system.system_id, "RMLS-RETS");
    assert_eq!(m.system.comments, "");
    assert_eq!(m.system_stamp.version, "1.11.54182");
    // Unknown metadata type: kept as a generic table, never fails.
    let (_, m) = p("metadata-unknown.xml");
    assert_eq!(m.other.len(), 1);
    assert_eq!(m.other[0].kind, "UNKNOWN");
    assert_eq!(m.other[0].rows[1]["StandardName"], "ResidentialProperty");
    let (_, m) = p("metadata-class.xml");
    assert_eq!(m.resources[0].classes.len(), 2);
    let (_, m) = p("metadata-blank-data.xml");
    assert_eq!(m.resources[0].classes.len(), 2);
    let (_, m) = p("metadata-extended-char.xml");
    assert_eq!(m.resources[0].classes.len(), 1);
    assert!(
        !m.resources[0].classes[0]
            .info
            .description
            .contains('\u{fffd}')
    );
    let (r, m) = p("metadata-response.xml");
    assert_eq!(r.tables.len(), 2);
    assert_eq!(m.system.system_id, "CRT_RETS");
    let (_, m) = p("metadata-system.xml");
    assert_eq!(m.system.system_id, "CRT_RETS");
}

#[test]
fn flexmls_standard_xml() {
    let Some(root) = corpus() else { return };
    let d = format!("{PHRETS}/get/retsgw.flexmls.com/rets2_1_GetMetadata");
    let p = |n: &str| md(&root, &format!("{d}/{n}.txt"));

    let (_, m) = p("3f61a38b92bfdb51eaf133bf516b2483");
    assert_eq!(m.system.system_id, "demomls");
    assert_eq!(m.system.time_zone_offset, "-05:00");
    assert_eq!(m.system_stamp.date, "2014-07-08T20:10:20Z");
    let (_, m) = p("940a2bcb4240708a30ed3e4abd2a3056");
    assert_eq!(m.system.system_id, "demomls");
    assert_eq!(m.system.description, "flexmls Web Demo Database");
    assert_eq!(m.system_stamp.date, "Fri, 5 Sep 2014 21:35:01 GMT");

    let (r, m) = p("0c110d39a7815a91b58a68006aa42dbf");
    assert!(r.status.code.is_success());
    assert!(r.tables.is_empty());
    assert!(m.resources.is_empty());

    let (_, m) = p("b3a4345b713492d24315d1f92665d7a6");
    assert_eq!(m.resources.len(), 9);
    assert_eq!(m.resources[4].info.resource_id, "Property");

    let (_, m) = p("9ed93625ec4cad577e42158701ae7b44");
    let classes = &m.resource("Property").unwrap().classes;
    assert_eq!(classes[0].info.class_name, "A");
    assert_eq!(classes[0].info.standard_name, "ResidentialProperty");
    assert!(classes[0].info.has_key_index);
    assert_eq!(classes[0].info.table_date, "2014-07-08T20:10:20Z");

    let (_, m) = p("bbe857812f04d9e40c3508c212ab0ebe");
    let a = m.class("Property", "A").unwrap();
    assert_eq!(a.fields.len(), 313);
    let f = a.field("LIST_0").unwrap();
    assert_eq!(f.long_name, "MLS Identifier");
    assert_eq!(f.db_name, "matechid");
    assert_eq!(f.max_length, Some(26));
    assert_eq!(f.precision, None);
    assert_eq!(f.metadata_entry_id, "2e3a7b9fed6fca50668d8c0719540f0e");
    assert_eq!(a.table_stamp.version, "01.03.28598");

    let (_, m) = p("4f4529540496ce9bc194500a6d109a2c");
    assert_eq!(
        m.class("Property", "RETSSESSIONID").unwrap().fields.len(),
        149
    );
    let (_, m) = p("df6c017842562b837dd77c23a95c5777");
    assert_eq!(m.resources[0].classes[0].fields.len(), 148);

    let (_, m) = p("9d194ccfcc9edb5a93dea267d1f9c91d");
    assert_eq!(m.resource("Property").unwrap().objects.len(), 9);

    let (_, m) = p("641d8d7917275a5ad955e16077733535");
    let l = m
        .resource("Property")
        .unwrap()
        .lookup("20000426151013376279000000")
        .unwrap();
    assert_eq!(l.values.len(), 6);
    assert_eq!(l.value("5PSUX49PM1Q").unwrap().long_value, "Lake/Other");
    assert_eq!(l.values_stamp.date, "Fri, 5 Sep 2014 21:35:01 GMT");
    let (_, m) = p("785c884c29c4c4d17deb0fcd89cd5282");
    let l = &m.resource("Property").unwrap().lookups[0];
    assert_eq!(l.values.len(), 6);
    assert_eq!(
        l.values[0].metadata_entry_id,
        "ac4ea1b3269ccea07da848d2557bd4d1"
    );

    let (_, m) = md(
        &root,
        &format!(
            "{PHRETS}/get/retsgw.flexmls.com/lookup_rets2_1_GetMetadata/9d3ab35ecd3b097760867c2d7259ed83.txt"
        ),
    );
    assert_eq!(m.resources[0].lookups[0].values.len(), 6);

    for n in [
        "026512d08d8a650c3fe99a4df7d34add",
        "c20c26bddeea7fe09b27bc3c6a225d16",
        "d9883fd2658c0512b0b75a96e217c46f",
    ] {
        let (_, m) = md(
            &root,
            &format!("{PHRETS}/post/retsgw.flexmls.com/rets2_1_GetMetadata/{n}.txt"),
        );
        assert_eq!(m.system.system_id, "demomls", "{n}");
    }
}
