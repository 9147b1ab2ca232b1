#!/usr/bin/env bash
# Installs what building, running and testing RETS Data Portal needs on a
# Debian/Ubuntu machine. Idempotent: re-running only installs what is missing.
# Usage: scripts/setup.sh [--test]   (--test adds the packages the tests use)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

# --- system packages (WebKitGTK for the window, tools for the tests) ---------
pkgs=(build-essential pkg-config curl ca-certificates git libssl-dev
      libwebkit2gtk-4.1-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
      librsvg2-dev libayatana-appindicator3-dev libxdo-dev
      libdbus-1-dev xvfb xauth)
if [ "$want_test" = 1 ]; then
  pkgs+=(webkit2gtk-driver imagemagick chromium dbus dbus-x11 gnome-keyring keyutils python3-venv postgresql)
fi
command -v node >/dev/null 2>&1 || pkgs+=(nodejs npm)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing system packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Rust -------------------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] || {
    say "installing the Rust toolchain (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c rustfmt,clippy
  }
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi

# --- Node (>= 20 for Vite 8) ------------------------------------------------
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  # Debian 12 and Ubuntu 22.04 ship Node 18: install the current LTS with the
  # `n` version manager (from the npm registry) into /usr/local.
  say "Node.js $node_major is too old for the UI (needs 20+): installing the LTS release with 'n'"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" npm install -g --no-audit --no-fund n >/dev/null
  "${sudo_cmd[@]}" n lts >/dev/null
  hash -r
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$node_major" -ge 20 ] || { echo "error: could not install Node.js 20 or newer" >&2; exit 1; }
fi

# --- npm dependencies (lock files pin them; reinstall only when they change) -
npm_ci() { # folder
  local dir=$1 stamp="$1/node_modules/.installed-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    say "installing npm packages in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$stamp"
  fi
}
npm_ci .
npm_ci ui
