#!/usr/bin/env bash
# Load figures for the team server (not a test): requests per second and
# latency percentiles with 200 concurrent connections on loopback, for
# signing in (argon2id on every request, so CPU-bound by design) and for
# listing shared connections, on SQLite and on PostgreSQL. Uses wrk from
# Debian's packages; PostgreSQL through scripts/postgres.sh.
#
# Usage: crates/rets-portal-server/bench/load.sh [seconds per run, default 10]
set -euo pipefail
SECONDS_PER_RUN="${1:-10}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
(cd "$ROOT" && SQLX_OFFLINE=true cargo build --quiet --release -p rets-portal-server)
BIN="$ROOT/target/release/rets-portal-server"
WORK="$(mktemp -d)"
PG="$(mktemp -d)"
cleanup() { [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null; "$ROOT/scripts/postgres.sh" stop "$PG"; rm -rf "$WORK"; }
trap cleanup EXIT
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c200 -d${SECONDS_PER_RUN}s --timeout 60s"

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

run() {
  local name="$1" url="$2"
  "$BIN" serve --listen 127.0.0.1:0 --database "$url" > "$WORK/out" 2> "$WORK/err" &
  SERVER=$!
  until grep -q "listening on" "$WORK/out"; do
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/err"; exit 1; }
    sleep 0.1
  done
  local base; base="$(sed 's/listening on //' "$WORK/out")"
  local token
  token="$(curl -sf -X POST "$base/v1/auth/signup" -H 'content-type: application/json' \
    -d '{"email":"load@example.com","password":"a long password","team_name":"Load"}' | json "['access_token']")"
  # Twenty shared connections to list (sealed secrets are opaque to the server).
  curl -sf -X PUT "$base/v1/me/key" -H "authorization: Bearer $token" -H 'content-type: application/json' \
    -d '{"public_key":"age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"}' > /dev/null
  local me; me="$(curl -sf "$base/v1/me" -H "authorization: Bearer $token" | json "['id']")"
  for i in $(seq 20); do
    curl -sf -X POST "$base/v1/connections" -H "authorization: Bearer $token" -H 'content-type: application/json' \
      -d "{\"name\":\"MLS $i\",\"template\":{\"login_url\":\"https://rets.example.com/$i\"},\"sealed_secrets\":\"c2VhbGVk\",\"grants\":[{\"user_id\":$me,\"wrapped_key\":\"d3JhcHBlZA==\"}]}" > /dev/null
  done
  cat > "$WORK/login.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"load@example.com","password":"a long password"}'
LUA
  report() {
    awk -v what="$1" -v db="$name" '
      /Requests\/sec/ { rps = $2 }
      /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
      /Non-2xx/ { bad = $4 }
      /Socket errors/ { errors = $0; sub(/.*Socket errors: /, "", errors) }
      END { printf "%-10s %-22s %10s req/s   p50 %8s   p99 %8s   non-2xx %s   socket errors: %s\n", db, what, rps, p50, p99, (bad == "" ? 0 : bad), (errors == "" ? "none" : errors) }'
  }
  wrk -t2 -c200 -d"${SECONDS_PER_RUN}s" --timeout 60s --latency -s "$WORK/login.lua" "$base/v1/auth/login" | report "login"
  wrk -t2 -c200 -d"${SECONDS_PER_RUN}s" --timeout 60s --latency -H "Authorization: Bearer $token" "$base/v1/connections" | report "list connections (20)"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
}

run sqlite "sqlite://$WORK/team.db"
PG_URL="$("$ROOT/scripts/postgres.sh" start "$PG")"
run postgres "$PG_URL"
