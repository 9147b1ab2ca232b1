//! Replays every captured GetObject reply (multipart with binary parts, Location=1,
//! single objects, 20403 errors) through the multipart parser, whole and in small
//! chunks, checking headers, part counts and bytes.

mod common;

use common::{LIBRETS, LIBRETS_NET, PHRETS, corpus, load};
use rets_client::object::{MultipartParser, ObjectPart, boundary, parse_object_reply};

fn parts_of(f: &common::Fixture) -> Vec<ObjectPart> {
    let parts = parse_object_reply(f.content_type(), &f.headers, &f.body).unwrap();
    // Feeding the same body in odd-sized chunks must give identical parts.
    if let Some(b) = boundary(f.content_type()) {
        let mut p = MultipartParser::new(&b);
        let mut chunked = Vec::new();
        for c in f.body.chunks(997) {
            chunked.extend(p.feed(c).unwrap());
        }
        chunked.extend(p.finish().unwrap());
        assert_eq!(chunked, parts);
    }
    parts
}

#[test]
fn flexmls_multipart_jpegs() {
    let Some(root) = corpus() else { return };
    let d = format!("{PHRETS}/get/retsgw.flexmls.com/rets2_1_GetObject");
    let f = load(&root, &format!("{d}/204749e19efea78e43edf1f3333ee44b.txt"));
    let parts = parts_of(&f);
    assert_eq!(parts.len(), 22);
    for p in &parts {
        assert_eq!(p.content_type.as_deref(), Some("image/jpeg"));
        assert!(p.data.starts_with(&[0xff, 0xd8]), "JPEG magic");
        assert!(p.data.ends_with(&[0xff, 0xd9]), "JPEG end marker");
        assert!(p.error.is_none());
        assert!(p.content_id.is_some());
    }
    assert_eq!(parts[0].object_id.as_deref(), Some("1"));
    assert!(parts.iter().any(|p| p.preferred));

    // Location=1: text/xml parts with a Location header; charset after the boundary.
    let f = load(&root, &format!("{d}/27e68249f6feeb17925a7af12c75e3e9.txt"));
    let parts = parts_of(&f);
    assert_eq!(parts.len(), 1);
    assert!(parts[0].location.as_deref().unwrap().starts_with("http"));
    assert!(parts[0].error.is_none());

    // Single object with Location and empty body.
    let f = load(&root, &format!("{d}/bc184498e2ca6712c7c2e8f5a4cec90e.txt"));
    let parts = parts_of(&f);
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].content_type.as_deref(), Some("image/jpeg"));
    assert!(parts[0].location.as_deref().unwrap().starts_with("http"));
    assert!(parts[0].data.is_empty());
}

#[test]
fn phrets_json_fixture_location_parts() {
    let Some(root) = corpus() else { return };
    let raw = std::fs::read_to_string(
        root.join("troydavisson_PHRETS/tests/Fixtures/GetObject/Multiple1.txt"),
    )
    .unwrap();
    let body: String = serde_json::from_str(raw.trim()).unwrap();
    let b = body
        .lines()
        .find_map(|l| l.strip_prefix("--"))
        .unwrap()
        .trim_end_matches("--")
        .to_owned();
    let parts = parse_object_reply(
        &format!("multipart/parallel; boundary={b}"),
        &[],
        body.as_bytes(),
    )
    .unwrap();
    assert!(parts.len() >= 2);
    assert_eq!(parts[0].location.as_deref(), Some("http://url1.jpg"));
    assert_eq!(parts[0].description.as_deref(), Some("Exterior Main View"));
    assert!(parts[0].preferred);
    assert!(parts[0].data.is_empty());
    assert_eq!(parts[1].object_id.as_deref(), Some("2"));
}

#[test]
fn librets_multipart_quirks() {
    let Some(root) = corpus() else { return };
    let p = |n: &str| load(&root, &format!("{LIBRETS}/{n}"));

    // "Content-ID:1388404" without space; Description continued on a second line.
    let parts = parts_of(&p("get-object-response-cris.txt"));
    assert_eq!(parts.len(), 28);
    assert_eq!(parts[0].content_id.as_deref(), Some("1388404"));
    assert_eq!(
        parts[0].description.as_deref(),
        Some("Drew's Construction \"Building One Masterpiece At A Time.\"")
    );
    // (this capture lost the JPEG SOI bytes; the JFIF header follows the part headers)
    assert!(
        parts
            .iter()
            .all(|x| x.data.windows(4).take(12).any(|w| w == b"JFIF"))
    );

    let parts = parts_of(&p("get-object-response-normls.txt"));
    assert_eq!(parts.len(), 6);
    assert_eq!(parts[0].object_id.as_deref(), Some("0"));

    // "; charset=utf-8" after the boundary, "Description:" header, no spaces.
    let parts = parts_of(&p("get-object-response-rapattoni.txt"));
    assert_eq!(parts.len(), 3);
    assert_eq!(parts[0].content_id.as_deref(), Some("311602"));
    assert_eq!(parts[0].description.as_deref(), Some(""));
    assert_eq!(parts[0].content_type.as_deref(), Some("image/jpeg"));

    let parts = parts_of(&p("get-object-response-multi-rets1-8.txt"));
    assert_eq!(parts.len(), 6);
    assert_eq!(parts[0].sub_description.as_deref(), Some("Sub Description"));
    assert_eq!(
        parts[0].object_data["PropMediaCaption"],
        "caption for kitchen"
    );
    assert_eq!(parts[0].object_data["X-Custom"], "custom header");
    assert!(parts[0].preferred);
    assert!(parts[0].data.starts_with(b"GIF89a"));

    let parts = parts_of(&p("get-object-response-multi-location.txt"));
    assert_eq!(parts.len(), 3);
    assert_eq!(
        parts[2].location.as_deref(),
        Some("http://www.example.com/images/abc123/3")
    );
    assert!(parts.iter().all(|x| x.data.is_empty()));

    let parts = parts_of(&p("get-object-response-multi-malformed.txt"));
    assert!(parts.iter().all(|x| x.content_type.is_some()));

    let parts = parts_of(&p("get-object-response-single.txt"));
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].content_id.as_deref(), Some("abc123"));
    assert_eq!(parts[0].description.as_deref(), Some("Front view"));
    assert!(parts[0].data.starts_with(b"GIF89a"));

    let parts = parts_of(&p("get-object-response-single-location.txt"));
    assert_eq!(
        parts[0].location.as_deref(),
        Some("http://www.example.com/images/abc123.gif")
    );

    for n in [
        "get-object-response-single-empty-headers.txt",
        "get-object-response-single-no-headers.txt",
    ] {
        let parts = parts_of(&p(n));
        assert_eq!(parts.len(), 1, "{n}");
        assert!(parts[0].data.starts_with(b"GIF89a"), "{n}");
    }

    for n in [
        "get-object-response-no-object-variman.txt",
        "get-object-response-no-object.txt",
    ] {
        let parts = parts_of(&p(n));
        assert_eq!(parts[0].error.as_ref().unwrap().code.as_u32(), 20403, "{n}");
        assert_eq!(parts[0].error().unwrap().code(), "reply_code");
    }
}

#[test]
fn librets_network_photos() {
    let Some(root) = corpus() else { return };
    let parts = parts_of(&load(&root, &format!("{LIBRETS_NET}/photo.1")));
    assert_eq!(parts.len(), 7);
    assert!(parts[..6].iter().all(|x| x.data.starts_with(&[0xff, 0xd8])));
    assert_eq!(parts[0].data.len(), 39833);
    // The last part of this capture is announced but empty.
    assert_eq!(parts[6].object_id.as_deref(), Some("7"));
    assert!(parts[6].data.is_empty());
    // MRIS Location=1 with "&amp;" in Location.
    let parts = parts_of(&load(&root, &format!("{LIBRETS_NET}/photo.2")));
    assert_eq!(parts.len(), 13);
    assert_eq!(
        parts[0].location.as_deref(),
        Some("http://csmedia.mris.com/platinum/getmedia?ID=90022689871&LOOT=50045650620")
    );
    assert!(parts[0].error.is_none());
    for n in [
        "NationalAssociationOfRealtors_variman/variman/sample_data/images/notfound.xml",
        "NationalAssociationOfRealtors_variman/variman/sample_metadata1.7.2/images/notfound.xml",
    ] {
        let f = load(&root, n);
        let parts = parse_object_reply("text/xml", &[], &f.body).unwrap();
        assert_eq!(parts[0].error.as_ref().unwrap().code.as_u32(), 20403);
    }
}
