#!/usr/bin/env bash
# Supplier search at scale (issue #18): the demo's three bodies and addresses, plus N
# suppliers (default 100,000) written straight into the tables, spread over a few hundred
# kilometres around the demo towns; then wrk (2 threads, 50 connections, 10 s each) on the
# register's searches: by distance from a postcode (25 miles), by name, by size and status,
# by standard; and the whole register's CSV export timed once. SQLite, then PostgreSQL when
# one answers. Usage: bench/suppliers.sh [suppliers] [seconds] [connections]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N="${1:-100000}"
DURATION="${2:-10}"
CONNECTIONS="${3:-50}"
TARGET="${CARGO_TARGET_DIR:-target}"
. bench/common.sh
cargo build --release --quiet -p civic
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$work"' EXIT

# The rows, as one INSERT … SELECT over a sequence; {seq} and {n} filled per engine.
ROWS="SELECT 'GB-COH-' || printf_id, 'Bench Supplier ' || n || ' Ltd', 'bench supplier ' || n || ' ltd',
  n || ' Trading Estate', 'ZZ1 1AA', 52.2 + ((n * 7919) % 4000 - 2000) / 1000.0,
  -0.9 + ((n * 104729) % 6000 - 3000) / 1000.0,
  {band},
  CASE n % 4 WHEN 0 THEN 'micro' WHEN 1 THEN 'small' WHEN 2 THEN 'medium' ELSE 'large' END,
  n % 10 = 0, n % 15 = 0, n % 40 = 0,
  CASE WHEN n % 7 = 0 THEN '[\"Open311\",\"Cyber Essentials\"]' ELSE '[\"Cyber Essentials\"]' END,
  '[]', '[\"England\"]', CASE n % 3 WHEN 0 THEN '[\"signs\"]' WHEN 1 THEN '[\"software\"]' ELSE '[\"cleaning\"]' END,
  {now}, {now}"
COLUMNS="org_id, name, name_search, address, postcode, latitude, longitude, lat_band, scale, vcse, social_enterprise, supported_employment, standards, frameworks, areas, kinds, created_at, updated_at"

load_sqlite() {
  python3 - "$1" "$N" "$COLUMNS" "$ROWS" <<'PY'
import sqlite3, sys
path, n, columns, rows = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
db = sqlite3.connect(path)
rows = rows.replace("printf_id", "printf('%08d', 10000000 + n)").replace("{now}", "strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now')")
rows = rows.replace("{band}", "(50200 + (n * 7919) % 4000) / 100")
db.execute(f"WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {n}) "
           f"INSERT INTO suppliers ({columns}) {rows} FROM seq")
db.execute("ANALYZE")
db.commit()
PY
}
load_postgres() {
  local pad="lpad((10000000 + n)::text, 8, '0')"
  local rows="${ROWS//printf_id/$pad}"
  rows="${rows//\{now\}/now()}"
  rows="${rows//\{band\}/(50200 + (n * 7919) % 4000) / 100}"
  rows="${rows//\\\"/\"}"
  psql "$1" -v ON_ERROR_STOP=1 -qc "INSERT INTO suppliers ($COLUMNS) $rows FROM generate_series(1::bigint, $N::bigint) AS n" -c "VACUUM ANALYZE suppliers" >/dev/null
}

run() {
  local name="$1" db="$2" port
  "$TARGET/release/civic" demo --database "$db" --bodies 3 --no-serve >"$work/demo-$name.log" 2>&1
  local started=$SECONDS
  "load_$3" "${db#sqlite://}"
  echo "== $name: $N suppliers loaded in $((SECONDS - started)) s"
  port=$(free_port)
  RUST_LOG=warn "$TARGET/release/civic" serve --database "$db" --bind "127.0.0.1:$port" >"$work/serve-$name.log" 2>&1 &
  server=$!
  wait_up "http://127.0.0.1:$port/healthz"
  for path in "/suppliers?postcode=ZZ1+1AA&miles=25" "/suppliers?postcode=ZZ1+1AA&miles=5&scale=micro" \
      "/suppliers?q=supplier+4242" "/suppliers?scale=small&vcse=yes" "/suppliers?standard=Open311&kind=signs"; do
    wrk -t2 -c"$CONNECTIONS" -d1s "http://127.0.0.1:$port$path" >/dev/null 2>&1 || true
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$port$path" >"$work/wrk.txt" 2>&1 || true
    read -r rps p50 p99 bad < <(wrk_figures "$work/wrk.txt")
    printf '%-10s %-48s %10s req/s  p50 %8s  p99 %8s%s\n' "$name" "$path" "$rps" "$p50" "$p99" "$([ "$bad" != 0 ] && echo "  NON-2xx $bad")"
  done
  curl -fs -o /dev/null -w "$name /suppliers.csv ($N rows): %{time_total} s, %{size_download} bytes\n" "http://127.0.0.1:$port/suppliers.csv"
  echo "$name peak memory: $(peak_rss_mb "$server") MB"
  kill "$server"; server=""
}
run SQLite "sqlite://$work/suppliers.db" sqlite
pg_base="${CIVIC_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
if psql "$pg_base/postgres" -Atqc 'select 1' >/dev/null 2>&1; then
  psql "$pg_base/postgres" -qc "drop database if exists civic_bench_suppliers with (force)" -c "create database civic_bench_suppliers" >/dev/null
  run PostgreSQL "$pg_base/civic_bench_suppliers" postgres
  psql "$pg_base/postgres" -qc "drop database if exists civic_bench_suppliers with (force)" >/dev/null
else
  echo "skipped PostgreSQL: nothing answers at $pg_base"
fi
