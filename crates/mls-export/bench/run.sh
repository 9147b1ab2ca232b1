#!/usr/bin/env bash
# Export benchmark: 1M rows x 30 columns to XLSX and CSV with mls-export
# (release build) versus Python XlsxWriter (constant_memory) and Python's csv
# module, on byte-identical generated data. Prints wall time, peak RSS and
# ratios. "gen" rows measure each generator alone; "writer" = total - gen.
#
# Usage: crates/mls-export/bench/run.sh [rows]     (default 1000000)
set -euo pipefail

ROWS="${1:-1000000}"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORKSPACE="$(cd "$HERE/../../.." && pwd)"
VENV="${BENCH_VENV:-/tmp/mls-export-bench-venv}"
SCRATCH="$(mktemp -d /tmp/mls-export-bench.XXXXXX)"
trap 'rm -rf "$SCRATCH"' EXIT

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check XlsxWriter
PY="$VENV/bin/python"
echo "Python $("$PY" --version 2>&1 | cut -d' ' -f2), XlsxWriter $("$PY" -c 'import xlsxwriter; print(xlsxwriter.__version__)')"

(cd "$WORKSPACE" && cargo build --quiet --release -p mls-export --example bench_export)
RUST="$WORKSPACE/target/release/examples/bench_export"

# measure NAME CMD... -> prints a row, records seconds in $SECS and KiB in $RSS
measure() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$SCRATCH/time" "$@" > "$SCRATCH/out" 2>&1 || {
    cat "$SCRATCH/out"; exit 1; }
  read -r SECS RSS < "$SCRATCH/time"
  local out="${*: -1}" size="-"
  [ -f "$out" ] && size="$(du -m "$out" | cut -f1) MiB"
  printf "%-22s %8.2f s %8.1f MiB  %s\n" "$name" "$SECS" "$(echo "$RSS / 1024" | bc -l)" "$size"
}

echo "rows: $ROWS x 30 columns"
printf "%-22s %10s %12s  %s\n" "run" "wall" "peak RSS" "file"
measure "rust gen"   "$RUST" none "$ROWS" "$SCRATCH/none";            R_GEN=$SECS
measure "rust xlsx"  "$RUST" xlsx "$ROWS" "$SCRATCH/rust.xlsx";       R_XLSX=$SECS; R_XLSX_RSS=$RSS
measure "rust csv"   "$RUST" csv  "$ROWS" "$SCRATCH/rust.csv";        R_CSV=$SECS;  R_CSV_RSS=$RSS
measure "python gen" "$PY" "$HERE/py_export.py" none "$ROWS" "$SCRATCH/none"; P_GEN=$SECS
measure "python xlsx (XlsxWriter)" "$PY" "$HERE/py_export.py" xlsx "$ROWS" "$SCRATCH/py.xlsx"; P_XLSX=$SECS
measure "python csv"  "$PY" "$HERE/py_export.py" csv  "$ROWS" "$SCRATCH/py.csv"; P_CSV=$SECS

if cmp -s <(tr -d '\r' < "$SCRATCH/rust.csv") <(tr -d '\r' < "$SCRATCH/py.csv"); then
  echo "CSV outputs identical (ignoring CRLF vs LF): same data on both sides"
else
  echo "WARNING: CSV outputs differ; the comparison is not like for like"
fi

ratio() { echo "scale=2; $1 / $2" | bc -l; }
sub() { echo "$1 - $2" | bc -l; }
echo
echo "XLSX end to end: python/rust = $(ratio "$P_XLSX" "$R_XLSX")x (target >= 3x)"
echo "XLSX writer only (minus generation): python/rust = $(ratio "$(sub "$P_XLSX" "$P_GEN")" "$(sub "$R_XLSX" "$R_GEN")")x"
echo "CSV end to end: python/rust = $(ratio "$P_CSV" "$R_CSV")x"
echo "peak RSS rust: xlsx $((R_XLSX_RSS / 1024)) MiB, csv $((R_CSV_RSS / 1024)) MiB (target < 200 MiB)"
