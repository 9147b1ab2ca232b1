//! Where the desktop app keeps its data, so the CLI can use the app's saved
//! connections and passwords (`rets-portal --connection NAME`).

use std::path::PathBuf;

/// The desktop app's bundle identifier: the name of its data folder and the
/// keychain service its passwords are stored under.
pub const APP_IDENTIFIER: &str = "com.retsdataportal.app";

/// File name of the app's database in its data folder.
pub const APP_DATABASE: &str = "portal.db";

/// The app's data folder, as Tauri resolves it: `$XDG_DATA_HOME/<id>` on
/// Linux, `~/Library/Application Support/<id>` on macOS, the roaming AppData
/// folder on Windows. `None` when the platform has no such folder.
pub fn app_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}
