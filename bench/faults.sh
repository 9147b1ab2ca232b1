#!/usr/bin/env bash
# Reliability benchmark (prints figures; not a test). Two runs against the
# simulator, each ending with the replica compared with the server:
#   1. faults: a sync through a server that cuts every 3rd reply mid-body and
#      answers a burst of two 503s every 20th transaction (QUIRKS); a failed
#      run is simply run again, as a user or a scheduler would;
#   2. kills: the sync process is killed (SIGKILL) KILLS times at random
#      moments, then run to completion.
# Reported: records lost, duplicated and extra, the final key set against the
# server's, SQLite integrity_check, peak RSS of the sync processes.
# Usage: bench/faults.sh [LISTINGS]   (default 100000 Residential rows)
# Env: KILLS=20, SEED=7, QUIRKS=truncate=3,errors-5xx=20 (or e.g. faults=0.1: a
# seeded mix of cut bodies, 503s, forced re-logins and stalls on 10 % of
# transactions), BENCH_DIR=/tmp/rets-faults.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
KILLS=${KILLS:-20}
SEED=${SEED:-7}
QUIRKS=${QUIRKS:-truncate=3,errors-5xx=20}
WORK=${BENCH_DIR:-/tmp/rets-faults}
rm -rf "$WORK"; mkdir -p "$WORK"
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null 2>&1 || sudo apt-get install -y -qq time; }

SQLX_OFFLINE=true cargo build --release -q -p rets-sim -p rets-cli
SIM=target/release/rets-sim
CLI=target/release/rets-portal
TOTAL=$(( N * 10 / 6 ))   # Residential is ~60 % of the market
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

start_sim() { # name quirks -> URL_<name>, PID_<name>
  "$SIM" --port 0 --listings "$TOTAL" --max-rows 2000 --seed "$SEED" --quirks "$2" \
    >"$WORK/$1.out" 2>"$WORK/$1.err" &
  local pid=$! url=""
  for _ in $(seq 1 600); do
    url=$(sed -n 's/^listening on //p' "$WORK/$1.out"); [ -n "$url" ] && break; sleep 0.1
  done
  [ -n "$url" ] || { echo "simulator did not start" >&2; cat "$WORK/$1.err" >&2; exit 1; }
  printf -v "URL_$1" '%s' "$url"; printf -v "PID_$1" '%s' "$pid"
}
cleanup() { kill "${PID_clean:-}" "${PID_faulty:-}" 2>/dev/null || true; }
trap cleanup EXIT

start_sim clean ""
start_sim faulty "$QUIRKS"
# shellcheck disable=SC2154
"$CLI" search --login-url "$URL_clean" --username demo --password demo --resource Property \
  --class Residential --query '(LIST_PRICE=0+)' --select LISTING_KEY --format csv \
  | tail -n +2 | sort > "$WORK/server.keys"
echo "server: $(wc -l < "$WORK/server.keys") Residential listings"

peak=0
# sync DB URL: one run; records its peak RSS; returns the run's exit status.
sync_once() {
  local status=0
  /usr/bin/time -f "%M" -o "$WORK/rss" "$CLI" sync --db "$1" --resource Property --class Residential \
    --login-url "$2" --username demo --password demo >>"$WORK/sync.log" 2>&1 || status=$?
  local rss; rss=$(tail -1 "$WORK/rss" | grep -E '^[0-9]+$' || echo 0)
  [ "$rss" -gt "$peak" ] && peak=$rss
  return "$status"
}

compare() { # label db
  python3 - "$2" "$WORK/server.keys" "$1" "$peak" <<'PY'
import sqlite3, sys
db, server_file, label, peak = sys.argv[1:5]
server = set(open(server_file).read().split())
c = sqlite3.connect(db)
table = c.execute("SELECT table_name FROM listing_tables WHERE class='Residential'").fetchone()[0]
rows = [r[0] for r in c.execute(f'SELECT "__key" FROM "{table}" WHERE "__deleted_at" IS NULL')]
local = set(rows)
print(f"{label}: records lost {len(server - local)}, duplicated {len(rows) - len(local)}, "
      f"extra {len(local - server)}, key set equal to the server's: {local == server}, "
      f"integrity_check {c.execute('PRAGMA integrity_check').fetchone()[0]}, "
      f"peak RSS {int(peak) // 1024} MiB")
PY
}

echo
echo "== 1. injected faults =="
runs=0; start=$(date +%s)
# shellcheck disable=SC2154
until sync_once "$WORK/faults.db" "$URL_faulty"; do
  runs=$((runs + 1))
  [ "$runs" -lt 200 ] || { echo "gave up after $runs failed runs" >&2; exit 1; }
done
runs=$((runs + 1))
faults=$(curl -s "${URL_faulty%/rets/login}/sim/faults")
echo "faults injected: $faults over $runs sync runs, $(( $(date +%s) - start )) s"
compare "faults" "$WORK/faults.db"

echo
echo "== 2. killed $KILLS times =="
peak=0; start=$(date +%s)
RANDOM=$SEED
for i in $(seq 1 "$KILLS"); do
  "$CLI" sync --db "$WORK/kills.db" --resource Property --class Residential \
    --login-url "$URL_clean" --username demo --password demo >>"$WORK/sync.log" 2>&1 &
  pid=$!
  # A random moment within the first ~12 s of this run.
  sleep "$(( RANDOM % 12 )).$(( RANDOM % 10 ))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done
until sync_once "$WORK/kills.db" "$URL_clean"; do :; done
echo "$KILLS kills, then one run to the end: $(( $(date +%s) - start )) s"
compare "kills" "$WORK/kills.db"
