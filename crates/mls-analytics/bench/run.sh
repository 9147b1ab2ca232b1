#!/usr/bin/env bash
# Analytics benchmark, with peers on the same data in one run:
#  1. statistics: monthly statistics by city over six years on a replica of
#     ~1M Residential listings, `rets-portal analytics stats` (end to end: a new
#     process reading SQLite) beside pandas and DuckDB (SQLite -> memory load
#     and query time printed apart);
#  2. valuation: `analytics evaluate` on the Demo MLS (5-fold CV, time split,
#     training time) beside LightGBM given the same inputs;
#  3. valuation at scale: `analytics evaluate` on ~100k sales (the statistics
#     replica with every ninth listing kept).
# Needs python3-venv; PyPI packages go into a scratch venv. Replicas are kept
# in $BENCH_DIR (default /tmp/mls-analytics-bench) so reruns skip the sync.
#
# Usage: crates/mls-analytics/bench/run.sh [listings] [avm_listings]
#        (defaults 1700000 ≈ 1M Residential, and 20000 ≈ 10.7k sales)
set -euo pipefail

LISTINGS="${1:-1700000}"
AVM_LISTINGS="${2:-20000}"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORKSPACE="$(cd "$HERE/../../.." && pwd)"
DIR="${BENCH_DIR:-/tmp/mls-analytics-bench}"
VENV="${BENCH_VENV:-$DIR/venv}"
mkdir -p "$DIR"

if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check pandas duckdb lightgbm scikit-learn
PY="$VENV/bin/python"

(cd "$WORKSPACE" && SQLX_OFFLINE=true cargo build --quiet --release -p rets-cli -p rets-sim)
CLI="$WORKSPACE/target/release/rets-portal"
SIM="$WORKSPACE/target/release/rets-sim"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# replica N FILE: the Demo MLS's Residential class with N listings in all.
replica() {
  local n="$1" db="$2"
  [ -f "$db" ] && return
  local log="$DIR/sim-$n.log"
  "$SIM" --port 0 --listings "$n" --max-rows 100000 --cache-replies > "$log" 2>&1 &
  local pid=$!
  until grep -q "listening on" "$log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.2
  done
  local url; url="$(grep -o 'http://[^ ]*' "$log" | head -1)"
  /usr/bin/time -f "sync of $n listings: %e s, peak RSS %M KiB" \
    "$CLI" sync --db "$db.part" --resource Property --class Residential \
      --login-url "$url" --username demo --password demo
  kill "$pid"
  mv "$db.part" "$db"
}

# report_evaluation FILE: the figures of an `analytics evaluate --format json` reply.
report_evaluation() {
  "$PY" - "$1" <<'PYEOF'
import json, sys
e = json.load(open(sys.argv[1]))
t = e["time_split"]["metrics"] if e.get("time_split") else None
print(f"ours (forust-ml): n={e['n']} trained on {e['n_train']} inputs={len(e['features'])} fits={e['folds'] + 2} train={e['train_seconds']:.1f} s")
print(f"  5-fold CV   MAPE {e['mape']:.3f}  median APE {e['median_ape']:.3f}  within10 {e['within10']:.2f}  coverage80 {e['coverage80']:.2f}  baseline MAPE {e['baseline_mape']:.3f}")
if t:
    print(f"  time split  MAPE {t['mape']:.3f}  median APE {t['median_ape']:.3f}  within10 {t['within10']:.2f}  coverage80 {t['coverage80']:.2f}  baseline MAPE {t['baseline_mape']:.3f}")
PYEOF
}

echo
echo "== statistics: monthly by city, six years =="
DB="$DIR/stats-$LISTINGS.db"
replica "$LISTINGS" "$DB"
TABLE="$("$PY" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute(\"SELECT table_name FROM listing_tables WHERE class='Residential'\").fetchone()[0])" "$DB")"
ROWS="$("$PY" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM \"'+sys.argv[2]+'\"').fetchone()[0])" "$DB" "$TABLE")"
TO="$("$PY" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT max(LIST_DATE) FROM \"'+sys.argv[2]+'\"').fetchone()[0])" "$DB" "$TABLE")"
FROM="$("$PY" -c "import datetime,sys; d=datetime.date.fromisoformat(sys.argv[1]); print(d.replace(year=d.year-6, day=1))" "$TO")"
echo "replica: $ROWS Residential listings, $FROM .. $TO"
best=""
for i in 1 2 3; do
  /usr/bin/time -f "%e %M" -o "$DIR/time" "$CLI" analytics stats --db "$DB" --resource Property \
    --class Residential --by city --period month --from "$FROM" --to "$TO" --format csv \
    --out "$DIR/stats.csv" 2> "$DIR/stats.err"
  read -r secs rss < "$DIR/time"
  note=""; [ "$i" = 1 ] && note=" (first question: reads the rows, fills the column cache)"
  echo "rets-portal analytics stats, run $i$note: $secs s end to end, peak RSS $((rss / 1024)) MiB, $(($(wc -l < "$DIR/stats.csv") - 1)) rows"
done
"$PY" "$HERE/peer_stats.py" "$DB" "$TABLE" "$FROM" "$TO"

echo
echo "== valuation: Demo MLS, $AVM_LISTINGS listings =="
ADB="$DIR/avm-$AVM_LISTINGS.db"
replica "$AVM_LISTINGS" "$ADB"
"$PY" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('DROP TABLE IF EXISTS analytics_models'); c.commit()" "$ADB"
/usr/bin/time -f "evaluate: %e s wall, peak RSS %M KiB" \
  "$CLI" analytics evaluate --db "$ADB" --resource Property --class Residential --format json > "$DIR/evaluate.json"
report_evaluation "$DIR/evaluate.json"
"$CLI" export --db "$ADB" --resource Property --class Residential --format csv --out "$DIR/avm.csv" > /dev/null
"$PY" "$HERE/peer_avm.py" "$DIR/avm.csv" "$DIR/evaluate.json"

echo
echo "== valuation at scale: every ninth listing of the statistics replica =="
LDB="$DIR/avm-large.db"
if [ ! -f "$LDB" ]; then
  cp "$DB" "$LDB.part"
  "$PY" - "$LDB.part" "$TABLE" <<'PYEOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); t = sys.argv[2]
c.execute(f'DELETE FROM "{t}" WHERE rowid % 9 != 0')
c.execute(f'DELETE FROM "{t}_raw" WHERE "__key" NOT IN (SELECT "__key" FROM "{t}")')
c.execute("UPDATE listing_tables SET data_version = data_version + 1")
c.execute("DROP TABLE IF EXISTS analytics_columns")
c.commit()
PYEOF
  mv "$LDB.part" "$LDB"
fi
"$PY" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('DROP TABLE IF EXISTS analytics_models'); c.commit()" "$LDB"
/usr/bin/time -f "evaluate: %e s wall, peak RSS %M KiB" \
  "$CLI" analytics evaluate --db "$LDB" --resource Property --class Residential --format json > "$DIR/evaluate-large.json"
report_evaluation "$DIR/evaluate-large.json"
