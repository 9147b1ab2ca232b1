//! Each command is named in several places that the compiler cannot connect:
//! the handler list, the build manifest (its permissions), the window's
//! capabilities, the UI's typed wrappers and the browser tests' IPC mock. This
//! test reads them all and fails when they disagree, naming the command.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The text between `start` and the first `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    let len = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?}"));
    &text[from..from + len]
}

fn quoted(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split('"').skip(1).step_by(2).map(str::to_owned)
}

/// `commands::x::name,` entries of `generate_handler![…]`.
fn handler() -> BTreeSet<String> {
    let lib = read("src-tauri/src/lib.rs");
    between(&lib, "generate_handler![", "]")
        .split(',')
        .filter_map(|path| path.trim().rsplit("::").next())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

fn manifest() -> BTreeSet<String> {
    let build = read("src-tauri/build.rs");
    quoted(between(&build, "const COMMANDS: &[&str] = &[", "];")).collect()
}

fn capabilities() -> BTreeSet<String> {
    let json: serde_json::Value =
        serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    json["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect()
}

/// Command names the UI passes to `call(…)` or `startTask(…)` outside tests.
fn ui_wrappers() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for file in files(&root().join("ui/src")) {
        let name = file.to_string_lossy();
        if name.contains(".test.") || name.contains("/bindings/") || name.contains("/test/") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for callee in ["call", "startTask"] {
            for (at, _) in text.match_indices(callee) {
                let before = text[..at].chars().last().unwrap_or(' ');
                if before.is_alphanumeric() || before == '_' || before == '.' {
                    continue;
                }
                let mut rest = &text[at + callee.len()..];
                if let Some(generic) = rest.strip_prefix('<') {
                    match generic.find(">(") {
                        Some(end) => rest = &generic[end + 1..],
                        None => continue,
                    }
                }
                let Some(args) = rest.strip_prefix('(') else {
                    continue;
                };
                if let Some(literal) = args.trim_start().strip_prefix('"') {
                    let name = &literal[..literal.find('"').unwrap()];
                    found.insert(name.to_owned());
                }
            }
        }
    }
    found
}

/// Handlers of the browser tests' IPC mock (`name: (args) => …` in `handlers`).
fn ipc_mock() -> BTreeSet<String> {
    let mock = read("ui/scripts/ipc-mock.mjs");
    let handlers = between(&mock, "const handlers = {", "\n  };");
    handlers
        .lines()
        .filter(|l| l.starts_with("    ") && !l.starts_with("     "))
        .filter_map(|l| l.trim().split_once(':').map(|(name, _)| name))
        .filter(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(str::to_owned)
        .chain(std::iter::once("app_info".to_owned())) // answered before the table
        .collect()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "ts" || e == "tsx") {
            out.push(path);
        }
    }
    out
}

fn assert_same(what: &str, expected: &BTreeSet<String>, got: &BTreeSet<String>) {
    let missing: Vec<_> = expected.difference(got).collect();
    let extra: Vec<_> = got.difference(expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what} disagrees with generate_handler!: missing {missing:?}, not a command {extra:?}"
    );
}

#[test]
fn every_list_of_commands_names_the_same_commands() {
    let commands = handler();
    assert!(commands.len() > 20, "read the handler list: {commands:?}");
    assert_same("src-tauri/build.rs COMMANDS", &commands, &manifest());
    assert_same(
        "src-tauri/capabilities/main.json allow-*",
        &commands,
        &capabilities(),
    );
    assert_same("the UI's ipc wrappers", &commands, &ui_wrappers());

    // The mock answers only commands that exist; screens not built yet may
    // leave a command unmocked, but only those listed here.
    let mock = ipc_mock();
    let unknown: Vec<_> = mock.difference(&commands).collect();
    assert!(
        unknown.is_empty(),
        "ipc-mock.mjs mocks no such command: {unknown:?}"
    );
    let not_mocked: BTreeSet<_> = commands.difference(&mock).cloned().collect();
    let awaiting_screens: BTreeSet<String> = [
        "analytics_fields",
        "analytics_stats",
        "analytics_forecast",
        "analytics_cma",
        "analytics_valuation",
    ]
    .map(str::to_owned)
    .into();
    assert_eq!(
        not_mocked, awaiting_screens,
        "commands the browser tests' IPC mock does not answer"
    );
}
