//! Every RETS reply in the corpus (all PHRETS captures and libRETS fixtures) must yield
//! a parsable envelope, with the reply code the capture carries.

mod common;

use common::{corpus, load};
use rets_client::reply::parse_envelope;
use rets_client::text::TextDecoder;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn every_rets_reply_has_an_envelope() {
    let Some(root) = corpus() else { return };
    let mut all = Vec::new();
    files(
        &root.join("troydavisson_PHRETS/tests/Integration/Fixtures/Http"),
        &mut all,
    );
    files(
        &root.join("NationalAssociationOfRealtors_libRETS/project/librets/test/src/resources"),
        &mut all,
    );
    files(
        &root.join(
            "NationalAssociationOfRealtors_libRETS/project/librets/test-network/src/resources",
        ),
        &mut all,
    );
    let mut checked = 0;
    let mut codes = std::collections::BTreeMap::new();
    for path in all {
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let f = load(&root, &rel);
        let ct = f.content_type().to_ascii_lowercase();
        let body = rets_client::text::strip_preamble(&f.body);
        let starts_rets = body.starts_with(b"<RETS") || body.starts_with(b"<?xml");
        // Multipart bodies, images and envelope-less metadata files are covered elsewhere.
        if ct.starts_with("multipart/")
            || !starts_rets
            || rel.ends_with("metadata-system-empty-comments.xml")
        {
            continue;
        }
        if !String::from_utf8_lossy(&f.body).contains("<RETS ") {
            continue;
        }
        let env = parse_envelope(
            &f.body,
            &TextDecoder::from_content_type(f.header("Content-Type")),
        )
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
        *codes.entry(env.status.code.as_u32()).or_insert(0) += 1;
        checked += 1;
    }
    assert!(checked >= 100, "only {checked} replies checked");
    for code in [0, 20036, 20201, 20203, 20205, 20312, 20403, 20500] {
        assert!(
            codes.contains_key(&code),
            "no reply with code {code}: {codes:?}"
        );
    }
}
