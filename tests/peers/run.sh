#!/usr/bin/env bash
# Cross-checks rets-sim against third-party RETS clients: npm `rets-client`
# and PyPI `rets`. Each logs in, reads metadata, pages a search past MAXROWS
# and fetches photos. Usage: tests/peers/run.sh PATH/TO/rets-sim
# Installs into a scratch folder (PEERS_DIR, default /tmp/rets-peers).
set -u
SIM_BIN=${1:?usage: run.sh PATH/TO/rets-sim}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${PEERS_DIR:-/tmp/rets-peers}
mkdir -p "$WORK"
RESULTS="$WORK/results.txt"
: > "$RESULTS"
fail() { echo "FAIL $1" | tee -a "$RESULTS"; }

# --- install the peers -----------------------------------------------------
if [ ! -d "$WORK/node_modules/rets-client" ]; then
  (cd "$WORK" && [ -f package.json ] || npm init -y >/dev/null 2>&1
   cd "$WORK" && npm install --no-audit --no-fund rets-client@5.2.4 >"$WORK/npm.log" 2>&1)
fi
if [ -d "$WORK/node_modules/node-expat" ] && [ ! -f "$WORK/node_modules/node-expat/build/Release/node_expat.node" ]; then
  # npm may skip install scripts; build the native XML parser against the local node headers.
  (cd "$WORK" && npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")" \
    npm rebuild node-expat >>"$WORK/npm.log" 2>&1)
fi
if [ ! -x "$WORK/venv/bin/python" ]; then
  python3 -m venv "$WORK/venv" >"$WORK/pip.log" 2>&1
fi
"$WORK/venv/bin/python" -c "import rets" 2>/dev/null ||
  "$WORK/venv/bin/pip" install -q rets==0.4.11 >>"$WORK/pip.log" 2>&1

# --- start the simulator ---------------------------------------------------
OUT="$WORK/sim.out"
"$SIM_BIN" --port 0 --listings 2000 --max-rows 200 --seed 1 >"$OUT" 2>"$WORK/sim.err" &
SIM_PID=$!
trap 'kill "$SIM_PID" 2>/dev/null' EXIT
URL=""
for _ in $(seq 1 300); do
  URL=$(sed -n 's/^listening on //p' "$OUT")
  [ -n "$URL" ] && break
  sleep 0.1
done
if [ -z "$URL" ]; then
  fail "simulator did not start: $(cat "$WORK/sim.err")"
  echo "peers: 0 passed, 1 failed"
  exit 1
fi
BASE=${URL%/login}

# Expected Residential count, asked independently with curl's digest support.
JAR="$WORK/cookies"
rm -f "$JAR"
curl -s --digest -u demo:demo -c "$JAR" -b "$JAR" "$URL" >/dev/null
EXPECTED=$(curl -s -b "$JAR" "$BASE/search?SearchType=Property&Class=Residential&Query=%28LIST_PRICE%3D1%2B%29&Count=2&Format=COMPACT" |
  sed -n 's/.*<COUNT Records="\([0-9]*\)".*/\1/p')
[ -n "$EXPECTED" ] || fail "curl could not count Residential listings"

# --- run the peers ---------------------------------------------------------
if [ -d "$WORK/node_modules/rets-client" ]; then
  NODE_PATH="$WORK/node_modules" timeout 300 node "$HERE/node-peer.js" "$URL" "${EXPECTED:-0}" 2>&1 | tee -a "$RESULTS"
else
  fail "node rets-client not installed (see $WORK/npm.log)"
fi
if "$WORK/venv/bin/python" -c "import rets" 2>/dev/null; then
  timeout 300 "$WORK/venv/bin/python" "$HERE/py-peer.py" "$URL" "${EXPECTED:-0}" 2>&1 | tee -a "$RESULTS"
else
  fail "python rets not installed (see $WORK/pip.log)"
fi

PASSED=$(grep -c '^PASS' "$RESULTS")
FAILED=$(grep -c '^FAIL' "$RESULTS")
[ "$PASSED" -gt 0 ] || FAILED=$((FAILED + 1))
echo "peers: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
