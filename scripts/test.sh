#!/usr/bin/env bash
# Runs every test of RETS Data Portal, installing what the tests need first.
# Stages: formatting, lints, Rust unit/integration tests (+ stale TypeScript
# bindings check), UI lint/typecheck/unit tests, browser tests in Chromium,
# peer-client interop tests, and the end-to-end test of the real desktop window
# under Xvfb. Stops at the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
# sqlx checks queries against the committed .sqlx/ data, never a live database.
export SQLX_OFFLINE=true

start=$(date +%s)
stage() { printf '\n\033[1;34m==> [%ss] %s\033[0m\n' "$(( $(date +%s) - start ))" "$*"; }

stage "cargo fmt --check"
cargo fmt --all -- --check

stage "UI: lint, typecheck, unit tests"
npm --prefix ui run lint --silent
npm --prefix ui run typecheck --silent
npm --prefix ui test --silent

stage "UI: production build"
npm --prefix ui run build --silent

stage "cargo clippy (all crates, all targets, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

stage "cargo test: every crate but the desktop app (no GUI library involved); the team server's HTTP tests on SQLite and on PostgreSQL (private folder and port)"
# The server and CLI must build where no WebKitGTK exists: fail if anything but
# the app reaches a GUI toolkit.
gui=$(cargo tree --workspace --exclude rets-data-portal --locked -e normal,build --prefix none \
  | grep -E '^(gtk|gdk|webkit2gtk|javascriptcore-rs|soup3|tauri) ' | sort -u || true)
if [ -n "$gui" ]; then
  echo "error: crates outside the desktop app depend on a GUI library:" >&2
  echo "$gui" >&2
  exit 1
fi
# One cargo invocation for all of them: the same feature set, so every
# dependency is compiled once (a separate `-p team` run rebuilt ~200 crates).
pg=$(mktemp -d)
trap 'scripts/postgres.sh stop "$pg"' EXIT
TEST_POSTGRES_URL=$(scripts/postgres.sh start "$pg")
export TEST_POSTGRES_URL
cargo test --workspace --exclude rets-data-portal --locked
scripts/postgres.sh stop "$pg"; trap - EXIT; unset TEST_POSTGRES_URL
# The application layer without the Demo MLS (what a server links): lints clean.
cargo clippy --locked -p mls-workbench --lib -- -D warnings

stage "cargo test: the desktop app (commands over IPC on the mock runtime)"
cargo test -p rets-data-portal --locked

stage "keychain: passwords through a real Secret Service (gnome-keyring on a private D-Bus)"
kc=$(mktemp -d); mkdir -p "$kc/home" "$kc/run"; chmod 700 "$kc/run"
env HOME="$kc/home" XDG_RUNTIME_DIR="$kc/run" \
    RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" \
    RETS_TEST_SECRET_SERVICE=1 \
    dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; cargo test --locked -p mls-store --test keychain_secret_service'
rm -rf "$kc"

stage "TypeScript bindings generated from Rust are up to date"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  stale=$(git status --porcelain -- ui/src/bindings)
  if [ -n "$stale" ]; then
    echo "error: ui/src/bindings differs from what the Rust types generate; run 'cargo test' and commit:" >&2
    echo "$stale" >&2
    git --no-pager diff -- ui/src/bindings >&2
    exit 1
  fi
  echo "bindings: up to date"
else
  echo "bindings: not a git checkout, stale check skipped"
fi

stage "UI: browser tests (Chromium, axe)"
npm --prefix ui run test:browser --silent

if [ -x tests/peers/run.sh ]; then
  stage "peer RETS clients against the simulator"
  cargo build --locked -p rets-sim --bin rets-sim
  tests/peers/run.sh target/debug/rets-sim
fi

stage "build the desktop app with the UI embedded"
cargo build --locked -p rets-data-portal --features custom-protocol --bin rets-data-portal

stage "end-to-end: the real window under Xvfb (WebKitWebDriver)"
# A private session bus (so WebKit does not autolaunch one that outlives the
# test) and a hard limit, so a stuck window fails the run instead of hanging CI.
timeout --kill-after=30 900 dbus-run-session -- \
  xvfb-run -a -s "-screen 0 1440x900x24" node --test --test-concurrency=1 tests/e2e/

stage "all tests passed in $(( $(date +%s) - start ))s"
