//! RETS Data Portal desktop shell: wires the domain crates to the window.
//!
//! Nothing here knows RETS or SQL; commands call the crates under `crates/`.
//! [`build_app`] is generic over the runtime so tests run it on Tauri's mock
//! runtime without a display.

pub mod commands;
pub mod error;
pub mod jobs;
pub mod state;

use tauri::{Builder, Manager, Runtime};

/// Registers state and commands on a builder (any runtime).
pub fn build_app<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .manage(jobs::Jobs::default())
        .manage(state::AppState::default())
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::jobs::cancel_job,
            commands::connections::connections_list,
            commands::connections::connection_test,
            commands::metadata::metadata_get,
            commands::query::query_check,
            commands::query::query_count,
            commands::query::query_preview,
        ])
}

/// Starts the desktop app: one instance, remembered window geometry, logs in
/// the platform's log folder.
pub fn run() {
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(
            tauri_plugin_log::Builder::new()
                .targets([
                    tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::LogDir {
                        file_name: None,
                    }),
                    tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::Stdout),
                ])
                .level(log::LevelFilter::Info)
                .build(),
        )
        .plugin(tauri_plugin_window_state::Builder::default().build());
    build_app(builder)
        .run(tauri::generate_context!())
        .expect("error while running RETS Data Portal");
}

#[cfg(test)]
mod tests {
    use super::*;
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

    fn window() -> tauri::WebviewWindow<tauri::test::MockRuntime> {
        let app = build_app(mock_builder())
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
                serde_json::json!({"connectionId": "demo", "resource": "Property",
                    "class": "Residential", "query": "(NoSuch=1)"}),
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

    #[test]
    fn cancel_job_reports_unknown_ids_as_code_and_message() {
        let window = window();
        let err = get_ipc_response(
            &window,
            request("cancel_job", serde_json::json!({"jobId": "9"})),
        )
        .expect_err("no such job");
        assert_eq!(err["code"], "not_found");
        assert!(err["message"].as_str().unwrap().contains('9'));
    }
}
