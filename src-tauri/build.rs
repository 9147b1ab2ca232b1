//! Build script of the desktop shell: resolves the top-level `tauri.conf.json`
//! (the design card keeps it there), the capabilities in `src-tauri/capabilities`
//! and the permission set of the app's own commands.

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(&["app_info", "cancel_job"]));
    tauri_build::try_build(attributes).expect("failed to run tauri-build");
}
