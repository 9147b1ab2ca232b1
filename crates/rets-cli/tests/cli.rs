//! The `rets-portal` contract, checked by running the real binary against the
//! project's RETS simulator (small data, small MAXROWS so paging is exercised).

use std::path::Path;
use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx, open_workbook};
use rets_sim::{Quirks, RunningSim, SimConfig, Simulator};

/// A simulator on its own runtime, so tests can run the CLI synchronously.
struct Sim {
    sim: Option<RunningSim>,
    runtime: tokio::runtime::Runtime,
}

impl Sim {
    fn start(quirks: &str) -> Sim {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let config = SimConfig {
            listings: 1500,
            max_rows: 200,
            quirks: quirks.parse::<Quirks>().unwrap(),
            ..SimConfig::default()
        };
        let sim = runtime.block_on(Simulator::start(config)).unwrap();
        Sim {
            sim: Some(sim),
            runtime,
        }
    }

    fn url(&self) -> String {
        self.sim.as_ref().unwrap().login_url()
    }

    fn residential_count(&self) -> usize {
        let sim = self.sim.as_ref().unwrap();
        let data = sim.dataset();
        data.counts().per_class[0]
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        if let Some(sim) = self.sim.take() {
            self.runtime.block_on(sim.shutdown());
        }
    }
}

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rets-portal"))
        .args(args)
        .env_remove("RETS_LOGIN_URL")
        .env_remove("RETS_USERNAME")
        .env_remove("RETS_PASSWORD")
        .output()
        .expect("rets-portal runs")
}

fn conn<'a>(url: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![];
    args.extend_from_slice(&rest[..1]);
    args.extend_from_slice(&[
        "--login-url",
        url,
        "--username",
        "demo",
        "--password",
        "demo",
    ]);
    args.extend_from_slice(&rest[1..]);
    args
}

/// `search` on Property/Residential of the simulator with the demo account, then `rest`.
fn residential<'a>(url: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["search", "--resource", "Property", "--class", "Residential"];
    args.extend_from_slice(rest);
    conn(url, &args)
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}, stderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn failure_line(out: &Output) -> String {
    assert!(!out.status.success(), "expected a failure");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "exactly one line on stderr, got: {stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"));
    lines[0].to_owned()
}

fn ndjson(text: &str) -> Vec<serde_json::Map<String, serde_json::Value>> {
    text.lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l)
                .unwrap()
                .as_object()
                .unwrap()
                .clone()
        })
        .collect()
}

const ALL: &str = "(LIST_PRICE=0+)";

#[test]
fn search_fetches_every_record_past_maxrows_and_count_only_agrees() {
    let sim = Sim::start("");
    let url = sim.url();
    let count = ok(&cli(&residential(&url, &["--query", ALL, "--count-only"])));
    let count: usize = count.trim().parse().expect("a bare integer");
    assert_eq!(count, sim.residential_count());
    assert!(count > 200, "more than one MAXROWS page");

    let out = ok(&cli(&residential(
        &url,
        &[
            "--query",
            ALL,
            "--select",
            "LISTING_KEY,LIST_PRICE",
            "--format",
            "ndjson",
        ],
    )));
    let rows = ndjson(&out);
    assert_eq!(rows.len(), count);
    let mut keys: Vec<&str> = rows
        .iter()
        .map(|r| r["LISTING_KEY"].as_str().unwrap())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), count, "no duplicated records");
    let fields: Vec<&String> = rows[0].keys().collect();
    assert_eq!(fields, ["LISTING_KEY", "LIST_PRICE"]);
    assert!(
        rows.iter().all(|r| r["LIST_PRICE"].is_string()),
        "values stay strings"
    );
}

#[test]
fn limit_select_decode_and_csv() {
    let sim = Sim::start("");
    let url = sim.url();
    let raw = ndjson(&ok(&cli(&residential(
        &url,
        &[
            "--query",
            "(STATUS=|A)",
            "--select",
            "LISTING_KEY,STATUS",
            "--limit",
            "7",
            "--format",
            "ndjson",
        ],
    ))));
    assert_eq!(raw.len(), 7);
    assert!(raw.iter().all(|r| r["STATUS"] == "A"), "{raw:?}");
    let decoded = ndjson(&ok(&cli(&residential(
        &url,
        &[
            "--query",
            "(STATUS=|A)",
            "--select",
            "LISTING_KEY,STATUS",
            "--limit",
            "7",
            "--decode",
            "--format",
            "ndjson",
        ],
    ))));
    assert!(
        decoded.iter().all(|r| r["STATUS"] == "Active"),
        "{decoded:?}"
    );

    let csv = ok(&cli(&residential(
        &url,
        &[
            "--query",
            "(STATUS=|A)",
            "--select",
            "LISTING_KEY,STATUS",
            "--limit",
            "7",
            "--format",
            "csv",
        ],
    )));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.headers().unwrap(), vec!["LISTING_KEY", "STATUS"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 7);
    assert_eq!(
        rows[0].get(0).unwrap(),
        raw[0]["LISTING_KEY"].as_str().unwrap()
    );
}

#[test]
fn xlsx_has_a_header_and_numbers_for_numeric_fields() {
    let sim = Sim::start("");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.xlsx");
    let url = sim.url();
    ok(&cli(&residential(
        &url,
        &[
            "--query",
            ALL,
            "--select",
            "LISTING_KEY,LIST_PRICE,CITY",
            "--limit",
            "25",
            "--format",
            "xlsx",
            "--out",
            file.to_str().unwrap(),
        ],
    )));
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(sheet.height(), 26);
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, ["LISTING_KEY", "LIST_PRICE", "CITY"]);
    let first = sheet.rows().nth(1).unwrap();
    assert!(
        matches!(first[1], Data::Float(_) | Data::Int(_)),
        "price is a number: {:?}",
        first[1]
    );
    assert!(matches!(first[0], Data::String(_)), "key stays text");
}

#[test]
fn metadata_json_has_the_documented_shape() {
    let sim = Sim::start("");
    let url = sim.url();
    let json: serde_json::Value =
        serde_json::from_str(&ok(&cli(&conn(&url, &["metadata", "--format", "json"])))).unwrap();
    let property = json["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "Property")
        .unwrap();
    let residential = property["classes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Residential")
        .unwrap();
    let status = residential["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["system_name"] == "STATUS")
        .unwrap();
    for key in [
        "system_name",
        "standard_name",
        "long_name",
        "data_type",
        "lookup_name",
    ] {
        assert!(status.get(key).is_some(), "field has {key}");
    }
    let lookup_name = status["lookup_name"].as_str().unwrap();
    let key = residential["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["system_name"] == "LISTING_KEY")
        .unwrap();
    assert!(key["lookup_name"].is_null());
    let lookup = property["lookups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == lookup_name)
        .unwrap();
    let active = lookup["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["value"] == "A")
        .unwrap();
    assert_eq!(active["long_value"], "Active");
    assert!(active.get("short_value").is_some());
}

#[test]
fn objects_are_written_and_missing_ones_listed() {
    let sim = Sim::start("");
    let url = sim.url();
    let key = ndjson(&ok(&cli(&residential(
        &url,
        &[
            "--query",
            ALL,
            "--select",
            "LISTING_KEY",
            "--limit",
            "1",
            "--format",
            "ndjson",
        ],
    ))))[0]["LISTING_KEY"]
        .as_str()
        .unwrap()
        .to_owned();
    let dir = tempfile::tempdir().unwrap();
    let ids = format!("{key}:*,NO-SUCH-LISTING:1");
    let out = cli(&conn(
        &url,
        &[
            "objects",
            "--resource",
            "Property",
            "--type",
            "Photo",
            "--ids",
            &ids,
            "--out",
            dir.path().to_str().unwrap(),
        ],
    ));
    ok(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("NO-SUCH-LISTING"),
        "missing object listed: {stderr}"
    );
    let first = dir.path().join(format!("{key}-1.jpg"));
    let bytes = std::fs::read(&first).unwrap_or_else(|_| panic!("{} written", first.display()));
    assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF], "a real JPEG");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().count() >= 2,
        "several photos"
    );
}

#[test]
fn failures_print_one_clear_line_and_exit_non_zero() {
    let sim = Sim::start("");
    let url = sim.url();
    let wrong = cli(&[
        "search",
        "--login-url",
        &url,
        "--username",
        "demo",
        "--password",
        "nope",
        "--resource",
        "Property",
        "--class",
        "Residential",
        "--query",
        ALL,
        "--format",
        "ndjson",
    ]);
    let line = failure_line(&wrong);
    assert!(
        line.to_lowercase().contains("auth") || line.contains("401") || line.contains("2003"),
        "{line}"
    );
    assert!(!line.contains("nope"), "the password never appears: {line}");

    let unknown = failure_line(&cli(&residential(
        &url,
        &["--query", "(NoSuchField=1)", "--format", "ndjson"],
    )));
    assert!(unknown.contains("NoSuchField"), "{unknown}");

    let bad_class = failure_line(&cli(&conn(
        &url,
        &[
            "search",
            "--resource",
            "Property",
            "--class",
            "Nope",
            "--query",
            ALL,
            "--format",
            "ndjson",
        ],
    )));
    assert!(
        bad_class.contains("2020"),
        "server reply code shown: {bad_class}"
    );

    let malformed = failure_line(&cli(&residential(
        &url,
        &["--query", "(LIST_PRICE=", "--format", "ndjson"],
    )));
    assert!(
        malformed.contains("20206") || malformed.to_lowercase().contains("query"),
        "{malformed}"
    );

    let unreachable = failure_line(&cli(&[
        "metadata",
        "--login-url",
        "http://127.0.0.1:9/rets/login",
        "--username",
        "u",
        "--password",
        "p",
    ]));
    assert!(unreachable.starts_with("error: "), "{unreachable}");
}

#[test]
fn every_server_quirk_still_yields_every_record() {
    for quirks in [
        "relative-urls",
        "post-only",
        "pipe-delimiter",
        "no-delimiter",
        "gzip",
        "text-plain-bom",
        "basic-auth",
        "offset-ignored",
        "maxrows-status",
        "session-expiry=4",
        "truncate=3",
        "errors-5xx=3",
    ] {
        let sim = Sim::start(quirks);
        let url = sim.url();
        let out = cli(&residential(
            &url,
            &[
                "--query",
                ALL,
                "--select",
                "LISTING_KEY,LIST_PRICE",
                "--format",
                "ndjson",
            ],
        ));
        assert!(
            out.status.success(),
            "{quirks}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let rows = ndjson(&String::from_utf8(out.stdout).unwrap());
        let mut keys: Vec<&str> = rows
            .iter()
            .map(|r| r["LISTING_KEY"].as_str().unwrap())
            .collect();
        let total = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), total, "{quirks}: duplicates");
        assert_eq!(total, sim.residential_count(), "{quirks}: every record");
    }
}

#[test]
fn demo_flag_needs_no_credentials() {
    let out = ok(&cli(&[
        "search",
        "--demo",
        "--resource",
        "Property",
        "--class",
        "Residential",
        "--query",
        "(STATUS=|A)",
        "--limit",
        "3",
        "--format",
        "ndjson",
    ]));
    assert_eq!(ndjson(&out).len(), 3);
    assert!(Path::new(env!("CARGO_BIN_EXE_rets-portal")).exists());
}

/// An app data folder holding one saved connection to `url` whose password is
/// in the encrypted password file under `passphrase`.
fn app_data_with_saved_connection(
    sim: &Sim,
    name: &str,
    password: &str,
    passphrase: &str,
) -> tempfile::TempDir {
    use mls_store::secrets::{EncryptedFileStore, SecretKey, SecretStore, VAULT_FILE};
    let dir = tempfile::tempdir().unwrap();
    let id = sim.runtime.block_on(async {
        let store = mls_store::Store::open(&dir.path().join(mls_store::APP_DATABASE))
            .await
            .unwrap();
        let saved = store
            .create_connection(&mls_store::NewConnection {
                name: name.to_owned(),
                login_url: sim.url(),
                username: "demo".to_owned(),
                user_agent: String::new(),
                rets_version: "RETS/1.7.2".to_owned(),
                http_method: mls_store::HttpMethod::Get,
                vendor_template: Some("generic".to_owned()),
                options: serde_json::json!({}),
            })
            .await
            .unwrap();
        store.close().await;
        saved.id
    });
    let vault = EncryptedFileStore::open(&dir.path().join(VAULT_FILE), passphrase).unwrap();
    vault.set(&SecretKey::password(id), password).unwrap();
    dir
}

#[test]
fn saved_app_connections_are_usable_by_name() {
    let sim = Sim::start("");
    let app = app_data_with_saved_connection(&sim, "Big MLS", "demo", "correct horse");
    let app_dir = app.path().to_str().unwrap();
    let args = [
        "search",
        "--connection",
        "big mls",
        "--app-data",
        app_dir,
        "--resource",
        "Property",
        "--class",
        "Residential",
        "--query",
        ALL,
        "--limit",
        "4",
        "--format",
        "ndjson",
    ];
    let run = |passphrase: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rets-portal"));
        cmd.args(args).env_remove("RETS_PORTAL_PASSPHRASE");
        if let Some(p) = passphrase {
            cmd.env("RETS_PORTAL_PASSPHRASE", p);
        }
        cmd.output().unwrap()
    };
    assert_eq!(ndjson(&ok(&run(Some("correct horse")))).len(), 4);

    let locked = failure_line(&run(None));
    assert!(locked.contains("RETS_PORTAL_PASSPHRASE"), "{locked}");
    let wrong = failure_line(&run(Some("battery staple")));
    assert!(wrong.contains("passphrase"), "{wrong}");

    let unknown = failure_line(&cli(&[
        "metadata",
        "--connection",
        "Nope",
        "--app-data",
        app_dir,
    ]));
    assert!(
        unknown.contains("\"Nope\"") && unknown.contains("Big MLS"),
        "{unknown}"
    );
    let no_app = tempfile::tempdir().unwrap();
    let missing = failure_line(&cli(&[
        "metadata",
        "--connection",
        "Big MLS",
        "--app-data",
        no_app.path().to_str().unwrap(),
    ]));
    assert!(
        missing.contains("save the connection in the app"),
        "{missing}"
    );
}

#[test]
fn sync_builds_a_replica_incrementally_and_export_reads_it_back() {
    let sim = Sim::start("");
    let url = sim.url();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("replica.db");
    let db_arg = db.to_str().unwrap();
    let first = ok(&cli(&conn(
        &url,
        &[
            "sync",
            "--db",
            db_arg,
            "--resource",
            "Property",
            "--class",
            "Residential",
        ],
    )));
    let total = sim.residential_count();
    assert!(
        first.contains(&format!("{total} on the server, {total} downloaded")),
        "{first}"
    );
    let second = ok(&cli(&conn(
        &url,
        &[
            "sync",
            "--db",
            db_arg,
            "--resource",
            "Property",
            "--class",
            "Residential",
        ],
    )));
    assert!(
        second.contains(&format!("0 downloaded, {total} unchanged")),
        "incremental: {second}"
    );

    let out = dir.path().join("all.ndjson");
    ok(&cli(&[
        "export",
        "--db",
        db_arg,
        "--resource",
        "Property",
        "--class",
        "Residential",
        "--format",
        "ndjson",
        "--out",
        out.to_str().unwrap(),
    ]));
    let exported = ndjson(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(exported.len(), total);
    // Values are the server's strings, exactly as a live search returns them.
    let live = ndjson(&ok(&cli(&residential(
        &url,
        &["--query", ALL, "--format", "ndjson"],
    ))));
    let by_key = |rows: &[serde_json::Map<String, serde_json::Value>]| {
        rows.iter()
            .map(|r| (r["LISTING_KEY"].as_str().unwrap().to_owned(), r.clone()))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    assert_eq!(by_key(&exported), by_key(&live));

    let city = exported[0]["CITY"].as_str().unwrap().to_owned();
    let csv_out = dir.path().join("city.csv");
    let filter = format!("CITY={city}");
    ok(&cli(&[
        "export",
        "--db",
        db_arg,
        "--resource",
        "Property",
        "--class",
        "Residential",
        "--where",
        &filter,
        "--format",
        "csv",
        "--out",
        csv_out.to_str().unwrap(),
    ]));
    let mut reader = csv::Reader::from_path(&csv_out).unwrap();
    let city_idx = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "CITY")
        .unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let expected = exported
        .iter()
        .filter(|r| r["CITY"] == city.as_str())
        .count();
    assert_eq!(rows.len(), expected);
    assert!(rows.iter().all(|r| r.get(city_idx) == Some(city.as_str())));

    // Long names and decoded lookups from the replica's metadata snapshot.
    let long_out = dir.path().join("long.csv");
    ok(&cli(&[
        "export",
        "--db",
        db_arg,
        "--resource",
        "Property",
        "--class",
        "Residential",
        "--headers",
        "long",
        "--lookups",
        "decoded",
        "--format",
        "csv",
        "--out",
        long_out.to_str().unwrap(),
    ]));
    let mut reader = csv::Reader::from_path(&long_out).unwrap();
    let headers = reader.headers().unwrap().clone();
    assert!(headers.iter().any(|h| h == "MLS Number"), "{headers:?}");
    let status = headers.iter().position(|h| h == "Status").unwrap();
    let statuses: std::collections::BTreeSet<String> = reader
        .records()
        .map(|r| r.unwrap()[status].to_owned())
        .collect();
    assert!(!statuses.is_empty());
    assert!(
        statuses
            .iter()
            .all(|s| ["Active", "Pending", "Sold", "Expired", "Withdrawn"].contains(&s.as_str())),
        "{statuses:?}"
    );
    let bad = cli(&[
        "export",
        "--db",
        db_arg,
        "--resource",
        "Property",
        "--class",
        "Residential",
        "--headers",
        "short",
        "--format",
        "csv",
        "--out",
        long_out.to_str().unwrap(),
    ]);
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("short") && stderr.contains("dbname"),
        "{stderr}"
    );

    let missing = failure_line(&cli(&[
        "export",
        "--db",
        db_arg,
        "--resource",
        "Property",
        "--class",
        "Land",
        "--format",
        "csv",
        "--out",
        csv_out.to_str().unwrap(),
    ]));
    assert!(missing.contains("sync it first"), "{missing}");
}

/// Keys of the first `n` Residential listings, as the server sends them.
fn residential_keys(url: &str, n: usize) -> Vec<String> {
    let limit = n.to_string();
    ndjson(&ok(&cli(&residential(
        url,
        &[
            "--query",
            ALL,
            "--select",
            "LISTING_KEY",
            "--limit",
            &limit,
            "--format",
            "ndjson",
        ],
    ))))
    .iter()
    .map(|r| r["LISTING_KEY"].as_str().unwrap().to_owned())
    .collect()
}

fn sorted_keys(rows: &[serde_json::Map<String, serde_json::Value>]) -> Vec<String> {
    let mut keys: Vec<String> = rows
        .iter()
        .map(|r| r["LISTING_KEY"].as_str().unwrap().to_owned())
        .collect();
    keys.sort_unstable();
    keys
}

#[test]
fn search_keys_from_a_csv_and_an_xlsx_finds_exactly_those_listings() {
    let sim = Sim::start("");
    let url = sim.url();
    let dir = tempfile::tempdir().unwrap();
    let keys = residential_keys(&url, 300);
    assert_eq!(keys.len(), 300);

    // A wish list: header, a duplicate, a blank row, keys in the second column.
    let csv_path = dir.path().join("wish list.csv");
    let mut text = String::from("Client,MLS #\n");
    for k in &keys[..5] {
        text.push_str(&format!("Ann,{k}\n"));
    }
    text.push_str(&format!(",\nBob,{}\n", keys[0]));
    std::fs::write(&csv_path, text).unwrap();
    let csv_arg = csv_path.to_str().unwrap();
    let found = ndjson(&ok(&cli(&residential(
        &url,
        &[
            "--keys-from",
            csv_arg,
            "--key-column",
            "mls #",
            "--select",
            "LISTING_KEY,LIST_PRICE",
            "--format",
            "ndjson",
        ],
    ))));
    let mut expected = keys[..5].to_vec();
    expected.sort_unstable();
    assert_eq!(sorted_keys(&found), expected);

    // AND-ed with --query: only the keys whose price passes.
    let prices: Vec<u64> = found
        .iter()
        .map(|r| r["LIST_PRICE"].as_str().unwrap().parse().unwrap())
        .collect();
    let threshold = *prices.iter().max().unwrap();
    let query = format!("(LIST_PRICE={threshold}+)");
    let narrowed = ndjson(&ok(&cli(&residential(
        &url,
        &[
            "--keys-from",
            csv_arg,
            "--key-column",
            "B",
            "--query",
            &query,
            "--select",
            "LISTING_KEY,LIST_PRICE",
            "--format",
            "ndjson",
        ],
    ))));
    let expected_narrow = prices.iter().filter(|p| **p >= threshold).count();
    assert_eq!(narrowed.len(), expected_narrow);
    assert!(narrowed.len() < 5, "the query narrows the key list");

    // 300 keys (plus duplicates) do not fit one query: several run, nothing repeats.
    let xlsx_path = dir.path().join("comparables.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().set_name("Notes").unwrap();
    let sheet = book.add_worksheet().set_name("Comps").unwrap();
    for (i, k) in keys.iter().chain(&keys[..10]).enumerate() {
        let row = u32::try_from(i).unwrap();
        sheet.write_string(row, 0, "x").unwrap();
        sheet.write_string(row, 2, k).unwrap();
    }
    book.save(&xlsx_path).unwrap();
    let xlsx_arg = xlsx_path.to_str().unwrap();
    let args = [
        "--keys-from",
        xlsx_arg,
        "--sheet",
        "Comps",
        "--key-column",
        "C",
        "--no-header",
    ];
    let mut with_format = args.to_vec();
    with_format.extend(["--select", "LISTING_KEY", "--format", "ndjson"]);
    let all = ndjson(&ok(&cli(&residential(&url, &with_format))));
    let mut expected_all = keys.clone();
    expected_all.sort_unstable();
    assert_eq!(sorted_keys(&all), expected_all);
    let mut counting = args.to_vec();
    counting.push("--count-only");
    assert_eq!(ok(&cli(&residential(&url, &counting))).trim(), "300");
}

#[test]
fn keys_from_problems_name_the_sheet_row_and_column() {
    let sim = Sim::start("");
    let url = sim.url();
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../mls-export/tests/fixtures");

    // The ODS fixture has #N/A in A5 of sheet "Addresses".
    let ods = fixtures.join("addresses.ods");
    let line = failure_line(&cli(&residential(
        &url,
        &[
            "--keys-from",
            ods.to_str().unwrap(),
            "--key-column",
            "ListingKey",
            "--format",
            "ndjson",
        ],
    )));
    assert!(
        line.contains("sheet \"Addresses\", row 5, column A (\"ListingKey\")")
            && line.contains("#N/A"),
        "{line}"
    );

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "Key\n10000002\nL-7\n").unwrap();
    let line = failure_line(&cli(&residential(
        &url,
        &["--keys-from", bad.to_str().unwrap(), "--format", "ndjson"],
    )));
    assert!(
        line.contains("sheet \"bad\", row 3, column A (\"Key\")") && line.contains("L-7"),
        "{line}"
    );

    // The XLS fixture: a sheet that does not exist lists the ones that do.
    let xls = fixtures.join("keys.xls");
    let line = failure_line(&cli(&residential(
        &url,
        &[
            "--keys-from",
            xls.to_str().unwrap(),
            "--sheet",
            "Wishes",
            "--format",
            "ndjson",
        ],
    )));
    assert!(
        line.contains("\"Wishes\"") && line.contains("Notes, Keys"),
        "{line}"
    );

    let good = dir.path().join("good.csv");
    std::fs::write(&good, "Key\n10000002\n").unwrap();
    let line = failure_line(&cli(&residential(
        &url,
        &[
            "--keys-from",
            good.to_str().unwrap(),
            "--key-field",
            "NO_SUCH_FIELD",
            "--format",
            "ndjson",
        ],
    )));
    assert!(line.contains("NO_SUCH_FIELD"), "{line}");
}

#[test]
fn export_keys_from_filters_the_replica_to_those_keys() {
    let sim = Sim::start("");
    let url = sim.url();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("replica.db");
    let db_arg = db.to_str().unwrap();
    ok(&cli(&conn(
        &url,
        &[
            "sync",
            "--db",
            db_arg,
            "--resource",
            "Property",
            "--class",
            "Residential",
        ],
    )));
    let keys = residential_keys(&url, 4);
    // XLS fixture keys (00123, 45678, L9) are not in the simulator: they match nothing.
    let list = dir.path().join("keys.csv");
    std::fs::write(
        &list,
        format!(
            "Listing\n{}\n{}\nNOTTHERE1\n{}\n{}\n{}\n",
            keys[0], keys[1], keys[2], keys[3], keys[0]
        ),
    )
    .unwrap();
    let out = dir.path().join("picked.ndjson");
    let run = |keys_file: &Path, extra: &[&str]| {
        let mut args = vec![
            "export",
            "--db",
            db_arg,
            "--resource",
            "Property",
            "--class",
            "Residential",
            "--keys-from",
            keys_file.to_str().unwrap(),
            "--format",
            "ndjson",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        cli(&args)
    };
    ok(&run(&list, &[]));
    let rows = ndjson(&std::fs::read_to_string(&out).unwrap());
    let mut expected = keys.clone();
    expected.sort_unstable();
    assert_eq!(sorted_keys(&rows), expected);

    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../mls-export/tests/fixtures");
    let xls = fixtures.join("keys.xls");
    ok(&run(
        &xls,
        &["--sheet", "Keys", "--key-column", "MLS Number"],
    ));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "");

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "Listing\nA B\n").unwrap();
    let line = failure_line(&run(&bad, &[]));
    assert!(line.contains("row 2, column A"), "{line}");
}

const NOTHING: &str = "(LIST_PRICE=999000000+)";

#[test]
fn a_search_that_matches_nothing_writes_an_empty_result() {
    let sim = Sim::start("");
    let url = sim.url();
    // NDJSON: an empty file, exit 0.
    let dir = tempfile::tempdir().unwrap();
    let nd = dir.path().join("none.ndjson");
    let out = cli(&residential(
        &url,
        &[
            "--query",
            NOTHING,
            "--format",
            "ndjson",
            "--out",
            nd.to_str().unwrap(),
        ],
    ));
    ok(&out);
    assert_eq!(std::fs::read_to_string(&nd).unwrap(), "");
    assert_eq!(
        ok(&cli(&residential(
            &url,
            &["--query", NOTHING, "--format", "ndjson"]
        ))),
        ""
    );
    // CSV: the header from --select, else from metadata.
    let csv = ok(&cli(&residential(
        &url,
        &[
            "--query",
            NOTHING,
            "--select",
            "LISTING_KEY,LIST_PRICE",
            "--format",
            "csv",
        ],
    )));
    assert_eq!(csv, "LISTING_KEY,LIST_PRICE\r\n");
    let csv = ok(&cli(&residential(
        &url,
        &["--query", NOTHING, "--format", "csv"],
    )));
    assert_eq!(csv.lines().count(), 1, "{csv}");
    assert!(
        csv.starts_with("LISTING_KEY,") && csv.contains("LIST_PRICE"),
        "{csv}"
    );
    // XLSX: a workbook with just the header row.
    let xlsx = dir.path().join("none.xlsx");
    ok(&cli(&residential(
        &url,
        &[
            "--query",
            NOTHING,
            "--select",
            "LISTING_KEY,LIST_PRICE",
            "--format",
            "xlsx",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    )));
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let first = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&first).unwrap();
    assert_eq!(range.height(), 1);
    assert_eq!(range.get((0, 1)), Some(&Data::String("LIST_PRICE".into())));
    // Count only.
    assert_eq!(
        ok(&cli(&residential(
            &url,
            &["--query", NOTHING, "--count-only"]
        ))),
        "0\n"
    );
    // Sync and export of a class where nothing matches.
    let db = dir.path().join("empty.db");
    let out = cli(&conn(
        &url,
        &[
            "sync",
            "--db",
            db.to_str().unwrap(),
            "--resource",
            "Property",
            "--class",
            "Residential",
            "--query",
            NOTHING,
        ],
    ));
    let text = ok(&out);
    assert!(text.contains("0 on the server"), "{text}");
    let export = dir.path().join("empty.csv");
    ok(&cli(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--resource",
        "Property",
        "--class",
        "Residential",
        "--format",
        "csv",
        "--out",
        export.to_str().unwrap(),
    ]));
    let text = std::fs::read_to_string(&export).unwrap();
    assert_eq!(text.lines().count(), 1, "only the header: {text}");
    assert!(text.contains("LIST_PRICE"), "{text}");
}

#[test]
fn a_rets_error_served_as_text_is_never_saved_as_an_object() {
    // text-plain-bom: RETS replies, and error parts of multipart replies, come as
    // text/plain with a byte-order mark, as on several real servers.
    let sim = Sim::start("text-plain-bom");
    let url = sim.url();
    let key = ndjson(&ok(&cli(&residential(
        &url,
        &[
            "--query",
            ALL,
            "--select",
            "LISTING_KEY",
            "--limit",
            "1",
            "--format",
            "ndjson",
        ],
    ))))[0]["LISTING_KEY"]
        .as_str()
        .unwrap()
        .to_owned();
    let objects = |ids: &str, dir: &Path| {
        cli(&conn(
            &url,
            &[
                "objects",
                "--resource",
                "Property",
                "--type",
                "Photo",
                "--ids",
                ids,
                "--out",
                dir.to_str().unwrap(),
            ],
        ))
    };
    // A single listing without photos: the whole reply is a 20403.
    let dir = tempfile::tempdir().unwrap();
    let out = objects("NOPHOTOS:*", dir.path());
    ok(&out);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no file for an error reply"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("missing: NOPHOTOS") && stderr.contains("20403"),
        "{stderr}"
    );
    // Inside a multipart reply: the error part is skipped, the photos are kept.
    let dir = tempfile::tempdir().unwrap();
    let out = objects(&format!("{key}:*,NOPHOTOS:1"), dir.path());
    ok(&out);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| n.starts_with(&format!("{key}-")) && n.ends_with(".jpg")),
        "{names:?}"
    );
    assert!(!names.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing: NOPHOTOS"));
}
