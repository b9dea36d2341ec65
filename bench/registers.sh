#!/usr/bin/env bash
# Registers benchmark. In one run:
#  1. the transparency-log crate on a 10,000,000-leaf log: leaf appends/s beside the SHA-256
#     bound measured in the same run (two hashes per leaf), inclusion and consistency proof
#     generation and verification per second;
#  2. over a 1,000,000-entry addresses register on SQLite: the import rate, the HTTP
#     download's entries/s beside the SHA-256 bound of step 1 as a ratio, and `civic verify`;
#  3. the GOV.UK Registers v1 paths over that register: records and entries pages per second
#     (page size 100 and 5,000, pages spread over the whole register, 8 connections with
#     wrk), and the `download-rsf` stream beside Civic's own `download` in the same run.
# Usage: bench/registers.sh [log leaves, default 10000000] [register entries, default 1000000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
LEAVES="${1:-10000000}"
ENTRIES="${2:-1000000}"
TARGET="${CARGO_TARGET_DIR:-target}"
echo "== transparency log, $LEAVES leaves"
cargo bench --quiet -p civic-translog --bench translog -- "$LEAVES" | tee "${TMPDIR:-/tmp}/translog-bench.$$"
bound_ns=$(awk '/raw SHA-256 bound/ {gsub(/[(]/, "", $0); for (i = 1; i <= NF; i++) if ($(i+1) == "ns/leaf)") print $i}' "${TMPDIR:-/tmp}/translog-bench.$$" | head -1)
rm -f "${TMPDIR:-/tmp}/translog-bench.$$"

echo "== civic verify over $ENTRIES register entries"
cargo build --release --quiet -p civic
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$work"' EXIT
python3 - "$ENTRIES" "$work/addresses.csv" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    f.write("uprn,address_line_1,address_line_2,town,postcode,latitude,longitude\n")
    for i in range(n):
        f.write(f"{10_000_000 + i},{i % 300 + 1} Station Road,,Northam,ZZ{i % 9 + 1} {i % 7 + 1}{chr(65 + i % 26)}{chr(65 + i // 26 % 26)},52.{i % 100000:05d},-0.{i % 99991:05d}\n")
PY
# import_and_serve LABEL DATABASE: migrates, imports the addresses (timed) and serves them on
# $port as $server.
import_and_serve() {
  local label="$1" db="$2" started elapsed
  "$TARGET/release/civic" migrate --database "$db" >/dev/null
  started=$(date +%s.%N)
  "$TARGET/release/civic" import addresses --database "$db" "$work/addresses.csv" 2>/dev/null | tail -1
  elapsed=$(python3 -c "import time; print(f'{time.time() - $started:.1f}')")
  echo "$label import: $ENTRIES rows in ${elapsed}s ($(python3 -c "print(f'{$ENTRIES/$elapsed:,.0f}')") rows/s)"
  RUST_LOG=warn "$TARGET/release/civic" serve --database "$db" --bind "127.0.0.1:$port" >"$work/serve-$label.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
import_and_serve SQLite "sqlite://$work/registers.db"
curl -fsS "http://127.0.0.1:$port/registers/addresses/download" -o /dev/null  # once to warm the operating system's file cache
started=$(date +%s.%N)
curl -fsS "http://127.0.0.1:$port/registers/addresses/download" -o "$work/addresses.rsf"
elapsed=$(python3 -c "import time; print(time.time() - $started)")
python3 - "$ENTRIES" "$elapsed" "${bound_ns:-0}" <<'PY'
import sys
n, s, bound_ns = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
rate = n / s
line = f"download: {n:,} entries in {s:.2f}s = {rate:,.0f} entries/s"
if bound_ns > 0:
    bound = 1e9 / bound_ns
    line += f"; SHA-256 bound {bound:,.0f} leaves/s (two hashes per entry, same run); ratio {rate / bound:.2f}"
print(line)
PY
key=$(curl -fsS "http://127.0.0.1:$port/registers/public-key" | python3 -c 'import json,sys; print(json.load(sys.stdin)["public_key"])')
echo "download: $(du -h "$work/addresses.rsf" | cut -f1)"
"$TARGET/release/civic" verify "http://127.0.0.1:$port/registers/addresses"
"$TARGET/release/civic" verify "$work/addresses.rsf" --public-key "$key"

echo "== GOV.UK Registers v1 paths over $ENTRIES entries (wrk, 8 connections, 10 s each)"
command -v wrk >/dev/null || { echo "wrk is needed for this step: apt-get install -y wrk" >&2; exit 1; }
cat >"$work/pages.lua" <<'LUA'
-- Each request asks for a page spread over the whole register.
local kind, size, total = os.getenv("KIND"), tonumber(os.getenv("SIZE")), tonumber(os.getenv("TOTAL"))
local pages = math.floor(total / size)
request = function()
  local p = math.random(1, pages)
  if kind == "records" then
    return wrk.format("GET", "/registers/addresses/records?page-index=" .. p .. "&page-size=" .. size)
  end
  return wrk.format("GET", "/registers/addresses/entries?start=" .. ((p - 1) * size + 1) .. "&limit=" .. size)
end
LUA
# v1_paths PORT LABEL: records and entries pages, a postcode's records, and both downloads.
v1_paths() {
  local port="$1" label="$2"
  for kind in records entries; do
    for size in 100 5000; do
      out=$(KIND=$kind SIZE=$size TOTAL=$ENTRIES wrk -t2 -c8 -d10s --latency -s "$work/pages.lua" "http://127.0.0.1:$port" 2>&1)
      rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
      p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
      non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
      python3 -c "print(f'$label $kind page-size $size: {float(\"$rps\"):,.0f} pages/s = {float(\"$rps\") * $size:,.0f} $kind/s, p99 $p99${non2xx:+, NON-2xx $non2xx}')"
    done
  done
  curl -fsS -o /dev/null -w "$label records/postcode/ZZ1 1AA: %{time_total}s\n" "http://127.0.0.1:$port/registers/addresses/records/postcode/ZZ1%201AA"
  for path in download download-rsf; do
    started=$(date +%s.%N)
    curl -fsS "http://127.0.0.1:$port/registers/addresses/$path" -o "$work/$path.rsf"
    elapsed=$(python3 -c "import time; print(time.time() - $started)")
    python3 -c "print(f'$label $path: {$ENTRIES:,} entries in {$elapsed:.2f}s = {$ENTRIES / $elapsed:,.0f} entries/s')"
  done
}
v1_paths "$port" SQLite

# The same on PostgreSQL when one answers (CIVIC_BENCH_POSTGRES_URL, default the local server).
pg_base="${CIVIC_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
if psql "$pg_base/postgres" -Atqc 'select 1' >/dev/null 2>&1; then
  kill "$server" 2>/dev/null || true
  psql "$pg_base/postgres" -qc "drop database if exists civic_bench_registers with (force)" -c "create database civic_bench_registers" >/dev/null
  import_and_serve PostgreSQL "$pg_base/civic_bench_registers"
  v1_paths "$port" PostgreSQL
  kill "$server" 2>/dev/null || true
  server=""
  psql "$pg_base/postgres" -qc "drop database if exists civic_bench_registers with (force)" >/dev/null
else
  echo "skipped PostgreSQL: nothing answers at $pg_base"
fi
