#!/usr/bin/env bash
# Benchmark (prints figures; not a test): full download of N listings from a
# loopback RETS server (the project's simulator) with
#   - rets-portal (our client, NDJSON to /dev/null),
#   - curl fetching the same COMPACT pages (the floor: HTTP + bytes, no parsing),
#   - npm rets-client and PyPI rets (installed into a scratch folder),
# and peak RSS of rets-portal at N and 10×N rows (flat memory means streaming).
# Usage: bench/download.sh [LISTINGS]   (default 100000 Residential rows)
# Env: SKIP_PEERS=1 (ours and curl only), CACHE=0 (no server reply cache).
# The peers write the same NDJSON as rets-portal (bench/peers/download.*).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
PAGE=${PAGE:-10000}
WORK=${BENCH_DIR:-/tmp/rets-bench}
mkdir -p "$WORK"
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null 2>&1 || sudo apt-get install -y -qq time; }

cargo build --release -q -p rets-sim -p rets-cli
SIM=target/release/rets-sim
CLI=target/release/rets-portal

start_sim() { # listings [extra flags] -> sets URL, SIM_PID
  "$SIM" --port 0 --listings "$1" --max-rows "$PAGE" --seed 7 "${@:2}" >"$WORK/sim.out" 2>"$WORK/sim.err" &
  SIM_PID=$!
  URL=""
  for _ in $(seq 1 600); do
    URL=$(sed -n 's/^listening on //p' "$WORK/sim.out"); [ -n "$URL" ] && break; sleep 0.1
  done
  [ -n "$URL" ] || { echo "simulator did not start" >&2; exit 1; }
}
stop_sim() { kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; }
trap stop_sim EXIT

# Residential is ~60% of all listings: size the market so Residential ≈ N.
TOTAL=$(( N * 10 / 6 ))
# --cache-replies: each client's first run (untimed) fills the server's reply
# cache, the timed second run gets the same pages from memory, so the figures
# measure the clients, not how fast the simulator generates listings.
# CACHE=0 times against pages generated per request, like a real server.
if [ "${CACHE:-1}" = 1 ]; then start_sim "$TOTAL" --cache-replies; else start_sim "$TOTAL"; fi
Q='(LIST_PRICE=0+)'
conn=(--login-url "$URL" --username demo --password demo)
# All ~100 Residential fields by default (the realistic full-record download);
# SEL=LISTING_KEY,LIST_PRICE,... narrows it.
if [ -z "${SEL:-}" ]; then
  SEL=$("$CLI" metadata "${conn[@]}" --format json | python3 -c '
import json, sys
md = json.load(sys.stdin)
prop = next(r for r in md["resources"] if r["id"] == "Property")
res = next(c for c in prop["classes"] if c["name"] == "Residential")
print(",".join(f["system_name"] for f in res["fields"]))')
fi
ROWS=$("$CLI" search "${conn[@]}" --resource Property --class Residential --query "$Q" --count-only)
echo "download: $ROWS Residential rows x $(echo "$SEL" | tr , "\n" | wc -l) fields, server page size $PAGE, loopback"

# Prints "wall-seconds peak-RSS-KiB client-CPU-seconds" of a command's second
# run (the first one warms the server's reply cache).
secs() {
  "$@" >/dev/null 2>&1 || true
  once "$@"
}
once() {
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$@" >/dev/null
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$WORK/time"
}

read -r ours ours_kb ours_cpu < <(secs "$CLI" search "${conn[@]}" --resource Property --class Residential --query "$Q" --select "$SEL" --format ndjson)
echo "rets-portal: ${ours}s wall, ${ours_cpu}s CPU, peak RSS $((ours_kb / 1024)) MiB"

# curl: log in with digest, then fetch every page of the same search.
JAR="$WORK/jar"; rm -f "$JAR"
BASE=${URL%/login}
curl_pages() {
  curl -s --digest -u demo:demo -c "$JAR" -b "$JAR" -H 'RETS-Version: RETS/1.7.2' "$URL" -o /dev/null
  local offset=1
  while [ "$offset" -le "$ROWS" ]; do
    curl -s --digest -u demo:demo -c "$JAR" -b "$JAR" -H 'RETS-Version: RETS/1.7.2' -G "$BASE/search" \
      --data-urlencode SearchType=Property --data-urlencode Class=Residential --data-urlencode QueryType=DMQL2 \
      --data-urlencode "Query=$Q" --data-urlencode Format=COMPACT --data-urlencode "Select=$SEL" \
      --data-urlencode Limit=NONE --data-urlencode "Offset=$offset" -o /dev/null
    offset=$(( offset + PAGE ))
  done
}
export -f curl_pages; export JAR URL BASE Q SEL ROWS PAGE
read -r curl_s _ curl_cpu < <(secs bash -c curl_pages)
echo "curl (same pages, no parsing): ${curl_s}s wall, ${curl_cpu}s CPU"
awk -v a="$ours" -v b="$curl_s" 'BEGIN { printf "ratio rets-portal / curl: %.2f (target <= 1.5)\n", a / b }'

if [ "${SKIP_PEERS:-0}" != 1 ]; then
  PEERS="$WORK/peers"; mkdir -p "$PEERS"
  if [ ! -d "$PEERS/node_modules/rets-client" ]; then
    (cd "$PEERS" && npm init -y >/dev/null 2>&1; npm install --no-audit --no-fund rets-client@5.2.4 >/dev/null 2>&1)
    (cd "$PEERS" && npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")" npm rebuild node-expat >/dev/null 2>&1) || true
  fi
  [ -x "$PEERS/venv/bin/python" ] || python3 -m venv "$PEERS/venv"
  "$PEERS/venv/bin/python" -c "import rets" 2>/dev/null || "$PEERS/venv/bin/pip" install -q rets==0.4.11
  read -r node_s _ node_cpu < <(secs env NODE_PATH="$PEERS/node_modules" node bench/peers/download.js "$URL" "$Q" "$SEL")
  read -r py_s _ py_cpu < <(secs "$PEERS/venv/bin/python" bench/peers/download.py "$URL" "$Q" "$SEL")
  echo "npm rets-client: ${node_s}s wall, ${node_cpu}s CPU; PyPI rets: ${py_s}s wall, ${py_cpu}s CPU"
  awk -v a="$ours" -v n="$node_s" -v p="$py_s" -v ac="$ours_cpu" -v nc="$node_cpu" -v pc="$py_cpu" \
    'BEGIN { printf "speed-up vs npm rets-client: %.1fx wall, %.1fx CPU; vs PyPI rets: %.1fx wall, %.1fx CPU (target >= 10x)\n", n / a, nc / ac, p / a, pc / ac }'
fi
stop_sim

# Memory: 10x the rows should not mean 10x the memory (no reply cache here: it
# would hold the whole market in the server).
start_sim "$(( TOTAL * 10 ))"
conn=(--login-url "$URL" --username demo --password demo)
read -r big big_kb _ < <(once "$CLI" search "${conn[@]}" --resource Property --class Residential --query "$Q" --select "$SEL" --format ndjson)
BIG_ROWS=$("$CLI" search "${conn[@]}" --resource Property --class Residential --query "$Q" --count-only)
echo "rets-portal at $BIG_ROWS rows: ${big}s, peak RSS $((big_kb / 1024)) MiB (vs $((ours_kb / 1024)) MiB at $ROWS rows)"
