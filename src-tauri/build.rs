//! Build script of the desktop shell: resolves the top-level `tauri.conf.json`
//! (the design card keeps it there), the capabilities in `src-tauri/capabilities`
//! and the permission set of the app's own commands.

/// Every command the app exposes; each gets an `allow-<name>` permission.
const COMMANDS: &[&str] = &[
    "app_info",
    "cancel_task",
    "connections_list",
    "connection_test",
    "metadata_get",
    "query_check",
    "query_count",
    "query_preview",
    "query_history_list",
    "query_history_clear",
    "saved_queries_list",
    "saved_query_save",
    "saved_query_delete",
    "connection_save",
    "connection_delete",
    "sync_start",
    "sync_history",
    "replica_query",
    "listing_photos",
    "export_start",
    "export_default_path",
    "import_preview",
    "import_keys",
    "secrets_status",
    "secrets_unlock",
    "secrets_use_file",
    "secrets_use_keychain",
    "analytics_fields",
    "analytics_stats",
    "analytics_forecast",
    "analytics_cma",
    "analytics_valuation",
    "team_status",
    "team_sign_in",
    "team_sign_up",
    "team_sign_out",
    "team_sync",
    "team_connection_access",
    "team_share",
    "team_unshare",
    "team_items",
    "team_item_save",
    "team_item_delete",
    "team_item_resolve",
    "team_members",
    "team_member_add",
    "team_member_change",
    "team_member_remove",
    "team_role_limits",
    "team_role_limits_set",
];

fn main() {
    println!("cargo:rerun-if-changed=capabilities");
    // tauri-build reads `tauri.conf.json` (and the icons it names) from the
    // working folder; the design card keeps them at the top level, one up.
    std::env::set_current_dir("..").expect("the workspace root is the app folder's parent");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("failed to run tauri-build");
}
