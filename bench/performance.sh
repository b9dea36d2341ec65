#!/usr/bin/env bash
# Performance-data benchmark, in one run on the same generated events: DuckDB (from PyPI)
# and Civic on SQLite (and PostgreSQL with --postgres): ingest rate, rollup of counts by
# body × service × channel × month, exact median and p90 of time to outcome by standard
# service × month. Prints a table with Civic ÷ DuckDB speed ratios and checks both engines
# computed the same results.
# Usage: bench/performance.sh [events, default 10000000] [--postgres]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
EVENTS="${1:-10000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ ! -x .venv-bench/bin/python ]; then
    python3 -m venv .venv-bench
fi
.venv-bench/bin/pip install --quiet -r bench/performance-requirements.txt
cargo bench --quiet -p civic --bench performance --no-run
echo "== generating $EVENTS events"
.venv-bench/bin/python bench/performance_events.py generate --events "$EVENTS" --out "$work/events.csv"
echo "== DuckDB"
.venv-bench/bin/python bench/performance_events.py duckdb --events "$work/events.csv" --out "$work/duckdb.json" --repeat 3
echo "== Civic on SQLite"
cargo bench --quiet -p civic --bench performance -- "$work/events.csv" "$work/duckdb.json" "sqlite://$work/civic.db"
if [ "${2:-}" = "--postgres" ]; then
    echo "== Civic on PostgreSQL"
    db="civic_bench_$$"
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" postgres
    cargo bench --quiet -p civic --bench performance -- "$work/events.csv" "$work/duckdb.json" \
        "postgres://postgres@127.0.0.1:5432/$db" || status=$?
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE $db" postgres
    # A result that differs from DuckDB fails the run (after the database is dropped).
    exit "${status:-0}"
fi
