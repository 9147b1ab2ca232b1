//! The app's commands over real IPC on Tauri's mock runtime (no display):
//! what the window sends, what it gets back, and the codes it matches on.

use mls_store::secrets::SecretStore as _;
use rets_data_portal::{build_app, state};
use tauri::Manager;
use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;

fn request(cmd: &str, body: serde_json::Value) -> InvokeRequest {
    InvokeRequest {
        cmd: cmd.into(),
        callback: tauri::ipc::CallbackFn(0),
        error: tauri::ipc::CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: tauri::ipc::InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

/// Secrets in memory, for tests (the real app uses the OS keychain).
use mls_store::secrets::MemoryStore as MemorySecrets;

/// A machine without a keychain (no Secret Service).
struct NoKeychain;

impl mls_store::secrets::SecretStore for NoKeychain {
    fn set(
        &self,
        _: &mls_store::secrets::SecretKey,
        _: &str,
    ) -> Result<(), mls_store::secrets::SecretError> {
        Err(mls_store::secrets::SecretError::KeychainUnavailable(
            "no Secret Service".into(),
        ))
    }
    fn get(
        &self,
        _: &mls_store::secrets::SecretKey,
    ) -> Result<Option<String>, mls_store::secrets::SecretError> {
        self.set(&mls_store::secrets::SecretKey::password(0), "")
            .map(|_| None)
    }
    fn delete(
        &self,
        key: &mls_store::secrets::SecretKey,
    ) -> Result<(), mls_store::secrets::SecretError> {
        self.set(key, "")
    }
}

fn window() -> tauri::WebviewWindow<tauri::test::MockRuntime> {
    window_with(std::sync::Arc::new(MemorySecrets::default()))
}

fn window_with(
    secrets: std::sync::Arc<dyn mls_store::secrets::SecretStore>,
) -> tauri::WebviewWindow<tauri::test::MockRuntime> {
    let dir = tempfile::tempdir().unwrap().keep();
    let demo = mls_workbench::DemoMls::new(rets_sim::SimConfig {
        listings: 600,
        max_rows: 100,
        ..rets_sim::SimConfig::default()
    });
    let state = tauri::async_runtime::block_on(mls_workbench::Portal::open(
        &dir,
        secrets,
        mls_workbench::Workbench::new(demo),
    ))
    .unwrap();
    let app = build_app(mock_builder())
        .manage(state)
        .build(mock_context(noop_assets()))
        .expect("app builds");
    tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("window builds")
}

#[test]
fn app_info_round_trips_over_ipc() {
    let window = window();
    let response = get_ipc_response(&window, request("app_info", serde_json::json!({})))
        .expect("app_info succeeds");
    let info: serde_json::Value = response.deserialize().unwrap();
    assert_eq!(info["os"], std::env::consts::OS);
    assert_eq!(info["tauriVersion"], tauri::VERSION);
    assert!(!info["dataDir"].as_str().unwrap().is_empty());
}

#[test]
fn demo_mls_metadata_and_query_check_over_ipc() {
    let window = window();
    let list = get_ipc_response(&window, request("connections_list", serde_json::json!({})))
        .expect("connections_list succeeds");
    let list: serde_json::Value = list.deserialize().unwrap();
    assert_eq!(list[0]["id"], "demo");
    assert_eq!(list[0]["kind"], "demo");

    let md = get_ipc_response(
        &window,
        request(
            "metadata_get",
            serde_json::json!({"connectionId": "demo", "refresh": false}),
        ),
    )
    .expect("metadata_get succeeds");
    let md: serde_json::Value = md.deserialize().unwrap();
    assert_eq!(md["status"]["source"], "online", "{}", md["status"]);
    assert!(
        md["status"]["changes"].is_null(),
        "first fetch: nothing to compare"
    );
    let property = md["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "Property")
        .expect("Property resource");
    assert!(property["classes"].as_array().unwrap().len() >= 5);

    let check = get_ipc_response(
        &window,
        request(
            "query_check",
            serde_json::json!({"target": {"connectionId": "demo", "resource": "Property", "class": "Residential"},
                 "query": "(NoSuch=1)"}),
        ),
    )
    .expect("query_check succeeds");
    let check: serde_json::Value = check.deserialize().unwrap();
    assert_eq!(check["issues"][0]["field"], "NoSuch");

    let err = get_ipc_response(
        &window,
        request(
            "metadata_get",
            serde_json::json!({"connectionId": "nope", "refresh": false}),
        ),
    )
    .expect_err("unknown connection");
    assert_eq!(err["code"], "unknown_connection");
}

fn call(
    window: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    body: serde_json::Value,
) -> Result<serde_json::Value, serde_json::Value> {
    get_ipc_response(window, request(cmd, body)).map(|r| r.deserialize().unwrap())
}

#[test]
fn the_cli_finds_the_app_data_under_the_bundle_identifier() {
    let conf: serde_json::Value =
        serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
    assert_eq!(conf["identifier"], mls_store::APP_IDENTIFIER);
    assert_eq!(state::KEYCHAIN_SERVICE, mls_store::APP_IDENTIFIER);
}

#[test]
fn without_a_keychain_the_user_can_opt_in_to_the_encrypted_file() {
    let window = window_with(std::sync::Arc::new(NoKeychain));
    let input = serde_json::json!({"input": {
        "id": null, "name": "Big MLS", "loginUrl": "https://rets.example.com/login",
        "username": "agent7", "password": "s3cret-Pa55", "userAgent": "",
        "uaPassword": null, "retsVersion": "", "usePost": false, "vendorTemplate": null}});
    let err = call(&window, "connection_save", input.clone()).expect_err("no keychain");
    assert_eq!(err["code"], "keychain_unavailable", "{err}");
    let list = call(&window, "connections_list", serde_json::json!({})).unwrap();
    assert_eq!(
        list.as_array().unwrap().len(),
        1,
        "nothing half-saved: {list}"
    );

    let status = call(&window, "secrets_status", serde_json::json!({})).unwrap();
    assert_eq!(status["backend"], "keychain");
    let weak = call(
        &window,
        "secrets_use_file",
        serde_json::json!({"passphrase": "short"}),
    )
    .expect_err("too short");
    assert_eq!(weak["code"], "invalid_argument");
    let status = call(
        &window,
        "secrets_use_file",
        serde_json::json!({"passphrase": "correct horse battery"}),
    )
    .unwrap();
    assert_eq!(status["backend"], "encryptedFile");
    assert_eq!(status["unlocked"], true);
    let saved = call(&window, "connection_save", input).expect("saved into the file");

    // The file holds the password, encrypted: not readable in it, nor in the database.
    let state = window.state::<mls_workbench::Portal>();
    let vault = std::fs::read(status["vaultPath"].as_str().unwrap()).unwrap();
    let db = std::fs::read(state.data_dir.join("portal.db")).unwrap();
    for bytes in [vault, db] {
        assert!(!bytes.windows(11).any(|w| w == b"s3cret-Pa55"));
    }
    let id: i64 = saved["id"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        state
            .secrets
            .get(&mls_store::secrets::SecretKey::password(id))
            .unwrap()
            .as_deref(),
        Some("s3cret-Pa55")
    );
    // Going back needs a working keychain; the file stays when it fails.
    let back = call(&window, "secrets_use_keychain", serde_json::json!({}))
        .expect_err("still no keychain");
    assert_eq!(back["code"], "keychain_unavailable");
    let wrong = call(
        &window,
        "secrets_unlock",
        serde_json::json!({"passphrase": "not the passphrase"}),
    )
    .expect_err("wrong passphrase");
    assert_eq!(wrong["code"], "wrong_passphrase");
}

/// Secrets in memory that refuse to store the password `refused`.
#[derive(Default)]
struct Refusing(MemorySecrets);

impl mls_store::secrets::SecretStore for Refusing {
    fn set(
        &self,
        key: &mls_store::secrets::SecretKey,
        secret: &str,
    ) -> Result<(), mls_store::secrets::SecretError> {
        if secret == "refused" {
            return Err(mls_store::secrets::SecretError::KeychainUnavailable(
                "the keychain is locked".into(),
            ));
        }
        self.0.set(key, secret)
    }
    fn get(
        &self,
        key: &mls_store::secrets::SecretKey,
    ) -> Result<Option<String>, mls_store::secrets::SecretError> {
        self.0.get(key)
    }
    fn delete(
        &self,
        key: &mls_store::secrets::SecretKey,
    ) -> Result<(), mls_store::secrets::SecretError> {
        self.0.delete(key)
    }
}

#[test]
fn url_passwords_move_to_the_secret_store_and_edits_are_all_or_nothing() {
    let window = window_with(std::sync::Arc::new(Refusing::default()));
    let saved = call(
        &window,
        "connection_save",
        serde_json::json!({"input": {
            "id": null, "name": "Typed MLS", "loginUrl": "http://agent7:in-the-URL-99@rets.example.com/login",
            "username": "", "password": null, "userAgent": "", "uaPassword": null,
            "retsVersion": "", "usePost": false, "vendorTemplate": null, "allowInsecure": true}}),
    )
    .expect("saved");
    assert_eq!(saved["loginUrl"], "http://rets.example.com/login");
    assert_eq!(saved["username"], "agent7");
    assert_eq!(saved["unencrypted"], true);
    assert_eq!(saved["allowInsecure"], true);
    let state = window.state::<mls_workbench::Portal>();
    let id: i64 = saved["id"].as_str().unwrap().parse().unwrap();
    let key = mls_store::secrets::SecretKey::password(id);
    assert_eq!(
        state.secrets.get(&key).unwrap().as_deref(),
        Some("in-the-URL-99")
    );
    let db = std::fs::read(state.data_dir.join("portal.db")).unwrap();
    let wal = std::fs::read(state.data_dir.join("portal.db-wal")).unwrap_or_default();
    for bytes in [db, wal] {
        assert!(!bytes.windows(13).any(|w| w == b"in-the-URL-99"));
    }

    // An edit whose new password cannot be stored leaves the old URL and password.
    let err = call(
        &window,
        "connection_save",
        serde_json::json!({"input": {
            "id": saved["id"], "name": "Typed MLS", "loginUrl": "https://new.example.com/login",
            "username": "agent7", "password": "refused", "userAgent": "", "uaPassword": null,
            "retsVersion": "", "usePost": false, "vendorTemplate": null, "allowInsecure": false}}),
    )
    .expect_err("the keychain refused");
    assert_eq!(err["code"], "keychain_unavailable", "{err}");
    let list = call(&window, "connections_list", serde_json::json!({})).unwrap();
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == saved["id"])
        .unwrap();
    assert_eq!(row["loginUrl"], "http://rets.example.com/login", "{row}");
    assert_eq!(row["allowInsecure"], true);
    assert_eq!(
        state.secrets.get(&key).unwrap().as_deref(),
        Some("in-the-URL-99")
    );
}

#[test]
fn saved_connections_keep_passwords_out_of_the_database() {
    let window = window();
    let saved = call(
        &window,
        "connection_save",
        serde_json::json!({"input": {
            "id": null, "name": "Big MLS", "loginUrl": "https://rets.example.com/login",
            "username": "agent7", "password": "s3cret-Pa55", "userAgent": "Portal/1.0",
            "uaPassword": null, "retsVersion": "RETS/1.7.2", "usePost": false,
            "vendorTemplate": "generic"}}),
    )
    .expect("saved");
    assert_eq!(saved["name"], "Big MLS");
    let list = call(&window, "connections_list", serde_json::json!({})).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");

    // The password is in the secret store, never in the database files.
    let state = window.state::<mls_workbench::Portal>();
    let id: i64 = saved["id"].as_str().unwrap().parse().unwrap();
    let key = mls_store::secrets::SecretKey::password(id);
    assert_eq!(
        state.secrets.get(&key).unwrap().as_deref(),
        Some("s3cret-Pa55")
    );
    let db = std::fs::read(state.data_dir.join("portal.db")).unwrap();
    let wal = std::fs::read(state.data_dir.join("portal.db-wal")).unwrap_or_default();
    for bytes in [db, wal] {
        assert!(
            !bytes.windows(11).any(|w| w == b"s3cret-Pa55"),
            "the password is not in the database"
        );
    }

    let bad = call(
        &window,
        "connection_save",
        serde_json::json!({"input": {
            "id": null, "name": "x", "loginUrl": "ftp://nope", "username": "u",
            "password": "p", "userAgent": "", "uaPassword": null, "retsVersion": "",
            "usePost": false, "vendorTemplate": null}}),
    )
    .expect_err("bad URL");
    assert_eq!(bad["code"], "invalid_profile");

    call(
        &window,
        "connection_delete",
        serde_json::json!({"connectionId": saved["id"]}),
    )
    .expect("deleted");
    assert!(
        state.secrets.get(&key).unwrap().is_none(),
        "secrets go with it"
    );
    let demo = call(
        &window,
        "connection_delete",
        serde_json::json!({"connectionId": "demo"}),
    )
    .expect_err("demo stays");
    assert_eq!(demo["code"], "invalid_argument");
}

#[test]
fn sync_fills_the_replica_and_the_grid_reads_it() {
    let window = window();
    let target = serde_json::json!({"target":
        {"connectionId": "demo", "resource": "Property", "class": "Land"}});
    let before = call(
        &window,
        "replica_query",
        serde_json::json!({"target": {"connectionId": "demo", "resource": "Property", "class": "Land"}, 
            "view": {"filters": [], "sortField": null, "descending": false}, "offset": 0, "limit": 50}),
    )
    .expect_err("not synced yet");
    assert_eq!(before["code"], "not_synced");

    let mut start = target.clone();
    start["query"] = serde_json::Value::Null;
    start["onEvent"] = serde_json::json!("__CHANNEL__:7");
    call(&window, "sync_start", start).expect("sync succeeds");

    let page = call(
        &window,
        "replica_query",
        serde_json::json!({"target": {"connectionId": "demo", "resource": "Property", "class": "Land"}, 
            "view": {"filters": [{"field": "LIST_PRICE", "op": "ge", "value": 0}],
            "sortField": "LIST_PRICE", "descending": true}, "offset": 0, "limit": 20}),
    )
    .expect("grid page");
    let total = page["total"].as_i64().unwrap();
    assert!(total > 0);
    let state = window.state::<mls_workbench::Portal>();
    let land = state.workbench.demo().login_url().map(|_| ()).is_some();
    assert!(land, "the Demo MLS was started");
    let columns = page["columns"].as_array().unwrap();
    let price = columns.iter().position(|c| c == "LIST_PRICE").unwrap();
    let prices: Vec<i64> = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[price].as_i64().unwrap())
        .collect();
    assert!(
        prices.windows(2).all(|w| w[0] >= w[1]),
        "sorted descending: {prices:?}"
    );

    let history = call(&window, "sync_history", target).expect("history");
    assert_eq!(history[0]["status"], "completed", "{history}");
    assert_eq!(history[0]["records"].as_i64().unwrap(), total);
}

#[test]
fn analytics_commands_read_the_synced_replica() {
    let window = window();
    let target =
        serde_json::json!({"connectionId": "demo", "resource": "Property", "class": "Residential"});
    let stats_request = serde_json::json!({"by": "PROPERTY_TYPE", "period": "year",
        "from": null, "to": null, "by_type": false,
        "selection": {"filters": [], "within": null}});
    let before = call(
        &window,
        "analytics_stats",
        serde_json::json!({"target": target, "request": stats_request}),
    )
    .expect_err("not synced yet");
    assert_eq!(before["code"], "not_synced");
    let start = serde_json::json!({"target": target, "query": null, "onEvent": "__CHANNEL__:7"});
    call(&window, "sync_start", start).expect("sync succeeds");

    let fields = call(
        &window,
        "analytics_fields",
        serde_json::json!({"target": target}),
    )
    .expect("fields");
    let roles = fields["roles"].as_array().unwrap();
    let close = roles.iter().find(|r| r["role"] == "close_price").unwrap();
    assert_eq!(close["field"], "CLOSE_PRICE");
    assert_eq!(close["source"], "standard_name");

    let report = call(
        &window,
        "analytics_stats",
        serde_json::json!({"target": target, "request": stats_request}),
    )
    .expect("stats");
    let columns: Vec<&str> = report["table"]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c[0].as_str().unwrap())
        .collect();
    let closed = columns.iter().position(|c| *c == "closed_sales").unwrap();
    let sales: f64 = report["table"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[closed].as_f64().unwrap_or(0.0))
        .sum();
    assert!(
        sales >= 50.0,
        "closed sales counted over the years: {sales}"
    );

    let page = call(
        &window,
        "replica_query",
        serde_json::json!({"target": {"connectionId": "demo", "resource": "Property", "class": "Residential"}, 
            "view": {"filters": [{"field": "CLOSE_PRICE", "op": "notEmpty", "value": null}],
            "sortField": null, "descending": false}, "offset": 0, "limit": 1}),
    )
    .expect("a sale");
    let key = page["keys"][0].as_str().unwrap().to_owned();
    let valuation = call(
        &window,
        "analytics_valuation",
        serde_json::json!({"target": target, "keys": [key], "onMarket": false,
            "onEvent": "__CHANNEL__:8"}),
    )
    .expect("valuation");
    let estimate = &valuation["estimates"][0];
    assert_eq!(estimate["key"], key.as_str());
    let (low, value, high) = (
        estimate["low"].as_f64().unwrap(),
        estimate["estimate"].as_f64().unwrap(),
        estimate["estimate"]
            .as_f64()
            .unwrap()
            .max(estimate["high"].as_f64().unwrap()),
    );
    assert!(0.0 < low && low <= value && value <= high, "{estimate}");
    assert!(valuation["evaluation"]["n"].as_u64().unwrap() > 0);
    assert!(valuation["evaluation"]["baseline_mape"].is_number());

    let cma = call(
        &window,
        "analytics_cma",
        serde_json::json!({"target": target, "request": {
            "subject": {"by": "key", "key": key}, "radius_mi": 50.0, "months": 120,
            "count": 4, "remove": [], "add": [], "overrides": {}}}),
    )
    .expect("cma");
    assert!(cma["low"].as_f64().unwrap() <= cma["value"].as_f64().unwrap());
    assert!(cma["comparables"].as_array().is_some_and(|c| !c.is_empty()));

    let missing = call(
        &window,
        "analytics_forecast",
        serde_json::json!({"target": target, "request": {"by": "PROPERTY_TYPE",
            "area": "NO-SUCH-AREA", "metric": "closed_sales", "horizon": 3,
            "selection": {"filters": [], "within": null}}}),
    )
    .expect_err("an area without history");
    assert_eq!(missing["code"], "not_enough_data", "{missing}");
}

#[test]
fn a_spreadsheet_of_keys_or_addresses_filters_the_replica() {
    let window = window();
    let start = serde_json::json!({"target": {"connectionId": "demo", "resource": "Property", "class": "Land"},
         "query": null, "onEvent": "__CHANNEL__:20"});
    call(&window, "sync_start", start).expect("sync succeeds");
    let target = |extra: serde_json::Value| {
        let mut body = serde_json::json!({"target":
            {"connectionId": "demo", "resource": "Property", "class": "Land"}});
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        body
    };
    let page = call(
        &window,
        "replica_query",
        target(
            serde_json::json!({"view": {"filters": [], "sortField": null, "descending": false},
            "offset": 0, "limit": 5}),
        ),
    )
    .expect("grid page");
    let keys: Vec<String> = page["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_owned())
        .collect();
    let address_col = page["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c == "ADDRESS")
        .unwrap();
    let address = page["rows"][3][address_col].as_str().unwrap().to_owned();

    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("wish.csv");
    std::fs::write(
        &csv,
        format!(
            "Client,MLS #\nAnn,{}\nAnn,{}\n,\nBob,{}\nBob,NOTHERE\nCy,{}\n",
            keys[0], keys[1], keys[2], keys[0]
        ),
    )
    .unwrap();
    let preview =
        call(&window, "import_preview", serde_json::json!({"path": csv})).expect("preview");
    assert_eq!(preview["fileName"], "wish.csv");
    let sheet = &preview["sheets"][0];
    assert_eq!(sheet["name"], "wish");
    assert_eq!(sheet["rowCount"], 6);
    assert_eq!(sheet["columns"], serde_json::json!(["A", "B"]));
    assert_eq!(
        sheet["firstRows"][0]["cells"],
        serde_json::json!(["Client", "MLS #"])
    );
    assert_eq!(sheet["firstRows"][3]["row"], 5);

    let mapping = serde_json::json!({"sheet": "wish", "hasHeader": true,
        "keyColumn": "B", "addressColumns": []});
    let result = call(
        &window,
        "import_keys",
        target(serde_json::json!({"path": csv, "mapping": mapping})),
    )
    .expect("import keys");
    assert_eq!(result["mode"], "keys");
    assert_eq!(result["imported"], 4);
    assert_eq!(result["found"], 3);
    assert_eq!(result["keys"], serde_json::json!(keys[..3]));
    assert_eq!(result["problems"].as_array().unwrap().len(), 1);
    assert_eq!(result["problems"][0]["row"], 6);
    assert_eq!(result["problems"][0]["column"], "B");
    assert!(
        result["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("NOTHERE")
    );

    // The grid filters by the matched keys.
    let filtered = call(
        &window,
        "replica_query",
        target(
            serde_json::json!({"view": {"filters": [{"field": "__key", "op": "in",
            "value": result["keys"]}], "sortField": null, "descending": false},
            "offset": 0, "limit": 50}),
        ),
    )
    .expect("filtered page");
    assert_eq!(filtered["total"], 3);
    let bad_in = call(
        &window,
        "replica_query",
        target(
            serde_json::json!({"view": {"filters": [{"field": "__key", "op": "in",
            "value": "x"}], "sortField": null, "descending": false},
            "offset": 0, "limit": 50}),
        ),
    )
    .expect_err("in needs a list");
    assert_eq!(bad_in["code"], "invalid_argument");

    // Addresses: the street and the city in two columns, no header.
    let (street, rest) = address.split_once(',').unwrap();
    let city = rest.split(',').next().unwrap().trim();
    let addresses = dir.path().join("comps.csv");
    std::fs::write(
        &addresses,
        format!(
            "{};{}\n1 Nowhere Rd;Atlantis\n",
            street.to_uppercase(),
            city
        ),
    )
    .unwrap();
    let mapping = serde_json::json!({"sheet": null, "hasHeader": false,
        "keyColumn": null, "addressColumns": ["A", "B"]});
    let result = call(
        &window,
        "import_keys",
        target(serde_json::json!({"path": addresses, "mapping": mapping})),
    )
    .expect("import addresses");
    assert_eq!(result["mode"], "addresses");
    assert_eq!(result["addressField"], "ADDRESS");
    assert_eq!(result["imported"], 2);
    assert_eq!(result["found"], 1);
    assert!(
        result["keys"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(keys[3])),
        "{result}"
    );
    assert_eq!(result["problems"][0]["row"], 2);
    assert_eq!(result["problems"][0]["column"], "A+B");

    // Errors say what to do next.
    let missing = call(
        &window,
        "import_preview",
        serde_json::json!({"path": dir.path().join("nope.xlsx")}),
    )
    .expect_err("missing file");
    assert_eq!(missing["code"], "file_missing");
    let mapping = serde_json::json!({"sheet": "Other", "hasHeader": true,
        "keyColumn": "A", "addressColumns": []});
    let wrong_sheet = call(
        &window,
        "import_keys",
        target(serde_json::json!({"path": csv, "mapping": mapping})),
    )
    .expect_err("no such sheet");
    assert_eq!(wrong_sheet["code"], "import_sheet_not_found");
    assert!(
        wrong_sheet["message"]
            .as_str()
            .unwrap()
            .contains("Pick one")
    );
}

#[test]
fn export_writes_the_filtered_replica_to_csv_and_xlsx() {
    let window = window();
    let start = serde_json::json!({"target": {"connectionId": "demo", "resource": "Property", "class": "Land"},
         "query": null, "onEvent": "__CHANNEL__:8"});
    call(&window, "sync_start", start).expect("sync succeeds");
    let filters = serde_json::json!([{"field": "LIST_PRICE", "op": "ge", "value": 100000}]);
    let page = call(
        &window,
        "replica_query",
        serde_json::json!({"target": {"connectionId": "demo", "resource": "Property", "class": "Land"}, 
            "view": {"filters": filters, "sortField": null, "descending": false}, "offset": 0, "limit": 1}),
    )
    .expect("grid page");
    let total = page["total"].as_u64().unwrap();
    assert!(total > 0);

    let defaults = call(
        &window,
        "export_default_path",
        serde_json::json!({"class": "Land", "format": "csv"}),
    )
    .expect("defaults");
    assert!(defaults["fileName"].as_str().unwrap().starts_with("Land-"));
    assert!(defaults["path"].as_str().unwrap().ends_with(".csv"));

    let dir = tempfile::tempdir().unwrap();
    let settings = |format: &str| {
        serde_json::json!({"format": format, "headers": "system", "lookups": "raw",
            "delimiter": "comma", "bom": false, "formulaGuard": true, "photos": false})
    };
    let csv = dir.path().join("land.csv");
    call(
        &window,
        "export_start",
        serde_json::json!({"target": {"connectionId": "demo", "resource": "Property", "class": "Land"}, 
            "view": {"filters": filters, "sortField": "LIST_PRICE", "descending": true},
            "path": csv, "settings": settings("csv"), "onEvent": "__CHANNEL__:9"}),
    )
    .expect("csv export");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(
        text.lines().count() as u64,
        total + 1,
        "header + one line per row"
    );

    let xlsx = dir.path().join("land.xlsx");
    call(
        &window,
        "export_start",
        serde_json::json!({"target": {"connectionId": "demo", "resource": "Property", "class": "Land"}, 
            "view": {"filters": [], "sortField": null, "descending": false},
            "path": xlsx, "settings": settings("xlsx"), "onEvent": "__CHANNEL__:10"}),
    )
    .expect("xlsx export");
    assert_eq!(&std::fs::read(&xlsx).unwrap()[..2], b"PK");

    let wrong = call(
        &window,
        "export_start",
        serde_json::json!({"target": {"connectionId": "demo", "resource": "Property", "class": "Land"}, 
            "view": {"filters": [], "sortField": null, "descending": false},
            "path": dir.path().join("missing").join("x.csv"), "settings": settings("csv"),
            "onEvent": "__CHANNEL__:11"}),
    )
    .expect_err("missing folder");
    assert_eq!(wrong["code"], "folder_missing");
}

#[test]
fn listing_photos_come_from_the_demo_mls_as_data_urls() {
    let window = window();
    let md = call(
        &window,
        "metadata_get",
        serde_json::json!({"connectionId": "demo", "refresh": false}),
    )
    .unwrap();
    let property = md["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "Property")
        .unwrap();
    let key_field = property["keyField"].as_str().unwrap();
    let preview = call(
        &window,
        "query_preview",
        serde_json::json!({"target": {"connectionId": "demo", "resource": "Property", "class": "Residential"},
             "query": format!("({key_field}=0+)"),
            "select": [key_field], "limit": 20}),
    )
    .unwrap();
    let keys: Vec<String> = preview["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[0].as_str().unwrap().to_owned())
        .collect();
    let photos = keys
        .iter()
        .map(|key| {
            call(
                &window,
                "listing_photos",
                serde_json::json!({"connectionId": "demo", "resource": "Property",
                    "listingKey": key}),
            )
            .unwrap()
        })
        .find(|p| !p["photos"].as_array().unwrap().is_empty())
        .expect("a listing with photos");
    assert_eq!(photos["source"], "server");
    let first = &photos["photos"][0];
    assert_eq!(first["objectId"], 1);
    assert_eq!(first["contentType"], "image/jpeg");
    assert!(
        first["description"]
            .as_str()
            .unwrap()
            .starts_with("Photo 1")
    );
    let url = first["dataUrl"].as_str().unwrap();
    assert!(
        url.starts_with("data:image/jpeg;base64,/9j/"),
        "{}",
        &url[..40]
    );
    assert!(first["size"].as_u64().unwrap() > 1000);

    let err = call(
        &window,
        "listing_photos",
        serde_json::json!({"connectionId": "demo", "resource": "Property", "listingKey": "a,b"}),
    )
    .expect_err("not a key");
    assert_eq!(err["code"], "unknown_target");
}

#[test]
fn cancel_task_reports_unknown_ids_as_code_and_message() {
    let window = window();
    let err = get_ipc_response(
        &window,
        request("cancel_task", serde_json::json!({"taskId": "9"})),
    )
    .expect_err("no such job");
    assert_eq!(err["code"], "not_found");
    assert!(err["message"].as_str().unwrap().contains('9'));
}

#[test]
fn counts_and_previews_are_recorded_in_the_history() {
    let window = window();
    let target = serde_json::json!({"target": {"connectionId": "demo", "resource": "Property", "class": "Residential"},
         "query": "(LIST_PRICE=0+)"});
    let count = call(&window, "query_count", target.clone()).expect("count");
    let mut preview = target.clone();
    preview["select"] = serde_json::json!(["LISTING_KEY", "CITY"]);
    preview["limit"] = serde_json::json!(3);
    call(&window, "query_preview", preview).expect("preview");
    let mut bad = target.clone();
    bad["query"] = serde_json::json!("(NoSuchField=1)");
    let failed = call(&window, "query_count", bad).expect_err("unknown field");

    let history = call(
        &window,
        "query_history_list",
        serde_json::json!({"connectionId": "demo", "limit": 10}),
    )
    .expect("history");
    let runs = history.as_array().unwrap();
    assert_eq!(runs.len(), 3, "{history}");
    assert_eq!(runs[0]["kind"], "count");
    assert_eq!(runs[0]["status"], "error");
    assert_eq!(runs[0]["query"], "(NoSuchField=1)");
    assert_eq!(runs[0]["error"], failed["message"]);
    assert!(runs[0]["records"].is_null());
    assert_eq!(runs[1]["kind"], "preview");
    assert_eq!(runs[1]["status"], "ok");
    assert_eq!(runs[1]["records"], 3);
    assert_eq!(
        runs[1]["select"],
        serde_json::json!(["LISTING_KEY", "CITY"])
    );
    assert_eq!(runs[2]["kind"], "count");
    assert_eq!(runs[2]["records"].as_f64(), count.as_f64());
    assert_eq!(runs[2]["class"], "Residential");
    assert!(runs[2]["startedAt"].as_str().unwrap().ends_with('Z'));
    assert!(runs[2]["durationMs"].as_i64().unwrap() >= 0);

    let removed = call(
        &window,
        "query_history_clear",
        serde_json::json!({"connectionId": "demo"}),
    )
    .expect("cleared");
    assert_eq!(removed, 3);
    let zero = call(
        &window,
        "query_history_list",
        serde_json::json!({"connectionId": "demo", "limit": 0}),
    )
    .expect_err("limit 0");
    assert_eq!(zero["code"], "invalid_argument");
}

#[test]
fn failed_runs_on_a_server_are_recorded_without_its_password() {
    let window = window();
    let saved = call(
        &window,
        "connection_save",
        serde_json::json!({"input": {
            "id": null, "name": "Down MLS", "loginUrl": "http://127.0.0.1:9/rets/login",
            "username": "agent7", "password": "s3cret-Pa55", "userAgent": "",
            "uaPassword": null, "retsVersion": "RETS/1.7.2", "usePost": false,
            "vendorTemplate": null}}),
    )
    .expect("saved");
    let id = saved["id"].clone();
    call(
        &window,
        "query_count",
        serde_json::json!({"target": {"connectionId": id, "resource": "Property", "class": "RES"},
             "query": "(ListPrice=1+)"}),
    )
    .expect_err("nothing listens on port 9");
    let history = call(
        &window,
        "query_history_list",
        serde_json::json!({"connectionId": id, "limit": 5}),
    )
    .expect("history");
    assert_eq!(history[0]["status"], "error", "{history}");
    assert!(!history[0]["error"].as_str().unwrap().is_empty());
    let state = window.state::<mls_workbench::Portal>();
    let db = std::fs::read(state.data_dir.join("portal.db")).unwrap();
    let wal = std::fs::read(state.data_dir.join("portal.db-wal")).unwrap_or_default();
    for bytes in [db, wal] {
        assert!(!bytes.windows(11).any(|w| w == b"s3cret-Pa55"));
    }
    let demo = call(
        &window,
        "query_history_list",
        serde_json::json!({"connectionId": "demo", "limit": 5}),
    )
    .expect("demo history");
    assert_eq!(demo, serde_json::json!([]), "history is per connection");
}

#[test]
fn saved_queries_refuse_a_taken_name_unless_overwritten() {
    let window = window();
    let save = |name: &str, query: &str, id: serde_json::Value, overwrite: bool| {
        call(
            &window,
            "saved_query_save",
            serde_json::json!({"connectionId": "demo", "input": {
                "id": id, "name": name, "resource": "Property", "class": "Residential",
                "query": query, "select": ["LISTING_KEY"], "overwrite": overwrite}}),
        )
    };
    let first = save(
        " Cheap ",
        "(LIST_PRICE=0-100000)",
        serde_json::Value::Null,
        false,
    )
    .expect("saved");
    assert_eq!(first["name"], "Cheap", "trimmed");
    assert_eq!(first["select"], serde_json::json!(["LISTING_KEY"]));
    let taken =
        save("Cheap", "(LIST_PRICE=0-1)", serde_json::Value::Null, false).expect_err("name taken");
    assert_eq!(taken["code"], "name_taken");
    assert!(taken["message"].as_str().unwrap().contains("\"Cheap\""));
    let list = call(
        &window,
        "saved_queries_list",
        serde_json::json!({"connectionId": "demo"}),
    )
    .unwrap();
    assert_eq!(list[0]["query"], "(LIST_PRICE=0-100000)", "nothing lost");

    let over =
        save("Cheap", "(LIST_PRICE=0-1)", serde_json::Value::Null, true).expect("overwritten");
    assert_eq!(over["id"], first["id"]);
    let renamed =
        save("Very cheap", "(LIST_PRICE=0-1)", first["id"].clone(), false).expect("renamed");
    assert_eq!(renamed["id"], first["id"]);

    let blank = save("  ", "(A=1)", serde_json::Value::Null, false).expect_err("blank");
    assert_eq!(blank["code"], "invalid_name");
    let empty = save("Empty", " ", serde_json::Value::Null, false).expect_err("no query");
    assert_eq!(empty["code"], "invalid_argument");

    call(
        &window,
        "saved_query_delete",
        serde_json::json!({"connectionId": "demo", "id": renamed["id"]}),
    )
    .expect("deleted");
    let gone = call(
        &window,
        "saved_query_delete",
        serde_json::json!({"connectionId": "demo", "id": renamed["id"]}),
    )
    .expect_err("already gone");
    assert_eq!(gone["code"], "not_found");
    let list = call(
        &window,
        "saved_queries_list",
        serde_json::json!({"connectionId": "demo"}),
    )
    .unwrap();
    assert_eq!(list, serde_json::json!([]));
}
