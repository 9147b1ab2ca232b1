//! Facts about this installation, for the home screen, About and diagnostics.

use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};
use ts_rs::TS;

use crate::error::{CommandError, CommandResult};
use mls_workbench::ErrorCode;

/// What the UI shows about this installation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// Product name.
    pub name: String,
    /// App version (semver).
    pub version: String,
    /// Reverse-DNS bundle identifier.
    pub identifier: String,
    /// Version of the Tauri runtime.
    pub tauri_version: String,
    /// Operating system (`linux`, `macos`, `windows`).
    pub os: String,
    /// CPU architecture (`x86_64`, `aarch64`).
    pub arch: String,
    /// Folder holding the app's databases and settings.
    pub data_dir: String,
    /// Folder holding the app's log files.
    pub log_dir: String,
}

/// Returns the app's name, version, platform and folders.
#[tauri::command]
pub fn app_info<R: Runtime>(app: AppHandle<R>) -> CommandResult<AppInfo> {
    let paths = app.path();
    let folder = |dir: tauri::Result<std::path::PathBuf>, what: &str| {
        dir.map(|p| p.display().to_string()).map_err(|e| {
            CommandError::new(
                ErrorCode::NoFolder,
                format!("Cannot find the {what} folder: {e}"),
            )
        })
    };
    Ok(AppInfo {
        name: app.package_info().name.clone(),
        version: app.package_info().version.to_string(),
        identifier: app.config().identifier.clone(),
        tauri_version: tauri::VERSION.to_owned(),
        os: std::env::consts::OS.to_owned(),
        arch: std::env::consts::ARCH.to_owned(),
        data_dir: folder(paths.app_data_dir(), "data")?,
        log_dir: folder(paths.app_log_dir(), "log")?,
    })
}
