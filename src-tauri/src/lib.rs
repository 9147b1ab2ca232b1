//! RETS Data Portal desktop shell: wires the domain crates to the window.
//!
//! Nothing here knows RETS or SQL; commands call the crates under `crates/`.
//! [`build_app`] is generic over the runtime so tests run it on Tauri's mock
//! runtime without a display.

pub mod commands;
pub mod error;
pub mod state;
pub mod tasks;

use tauri::{Builder, Manager, Runtime};

/// Registers commands and the task registry on a builder (any runtime). The caller
/// manages an [`mls_workbench::Portal`] (the app opens it in `setup`; tests use a
/// temporary folder and an in-memory secret store).
pub fn build_app<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .manage(mls_workbench::Tasks::default())
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::tasks::cancel_task,
            commands::connections::connections_list,
            commands::connections::connection_test,
            commands::metadata::metadata_get,
            commands::query::query_check,
            commands::query::query_count,
            commands::query::query_preview,
            commands::history::query_history_list,
            commands::history::query_history_clear,
            commands::history::saved_queries_list,
            commands::history::saved_query_save,
            commands::history::saved_query_delete,
            commands::connections::connection_save,
            commands::connections::connection_delete,
            commands::sync::sync_start,
            commands::sync::sync_history,
            commands::replica::replica_query,
            commands::photos::listing_photos,
            commands::export::export_start,
            commands::export::export_default_path,
            commands::import::import_preview,
            commands::import::import_keys,
            commands::secrets::secrets_status,
            commands::secrets::secrets_unlock,
            commands::secrets::secrets_use_file,
            commands::secrets::secrets_use_keychain,
            commands::team::team_status,
            commands::team::team_sign_in,
            commands::team::team_sign_up,
            commands::team::team_sign_out,
            commands::team::team_sync,
            commands::team::team_connection_access,
            commands::team::team_share,
            commands::team::team_unshare,
            commands::team::team_items,
            commands::team::team_item_save,
            commands::team::team_item_delete,
            commands::team::team_item_resolve,
            commands::team::team_members,
            commands::team::team_member_add,
            commands::team::team_member_change,
            commands::team::team_member_remove,
            commands::team::team_role_limits,
            commands::team::team_role_limits_set,
            commands::analytics::analytics_fields,
            commands::analytics::analytics_stats,
            commands::analytics::analytics_forecast,
            commands::analytics::analytics_cma,
            commands::analytics::analytics_valuation,
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
        .plugin(tauri_plugin_window_state::Builder::default().build())
        // The Export dialog's "Choose…" button (a native save dialog; typing the path works too).
        .plugin(tauri_plugin_dialog::init())
        // "Show in folder" after an export.
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let dir = app.path().app_data_dir()?;
            let state = tauri::async_runtime::block_on(state::open_with_keychain(&dir))
                .map_err(|e| format!("{}: {}", e.code, e.message))?;
            app.manage(state);
            Ok(())
        });
    build_app(builder)
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running RETS Data Portal");
}
