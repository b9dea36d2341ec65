#!/usr/bin/env bash
# Open data catalogue benchmark, in one run on the same data: full CSV export of one
# 1,000,000-row table from Civic, from Datasette's streaming CSV and from the sqlite3
# command-line tool (MB/s, ratios, time to first byte, Civic's peak memory), and
# package_search latency over a catalogue of 20,000 datasets.
# Usage: bench/catalogue.sh [rows, default 1000000] [datasets, default 20000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROWS="${1:-1000000}"
DATASETS="${2:-20000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v sqlite3 >/dev/null || { echo "bench/catalogue.sh needs the sqlite3 command-line tool (apt-get install -y sqlite3)"; exit 1; }
if [ ! -x .venv-bench/bin/python ]; then
    python3 -m venv .venv-bench
fi
.venv-bench/bin/pip install --quiet -r bench/catalogue-requirements.txt
cargo build --quiet --release -p civic
loader="$(cargo bench --quiet -p civic --bench catalogue --no-run --message-format=json 2>/dev/null \
    | python3 -c 'import json,sys; print([m["executable"] for m in map(json.loads, sys.stdin) if m.get("reason")=="compiler-artifact" and m.get("executable") and "catalogue" in m["target"]["name"]][-1])')"
.venv-bench/bin/python bench/catalogue_bench.py --civic "${CARGO_TARGET_DIR:-target}/release/civic" --loader "$loader" \
    --datasette .venv-bench/bin/datasette --work "$work" --rows "$ROWS" --datasets "$DATASETS"
