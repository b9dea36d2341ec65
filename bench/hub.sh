#!/usr/bin/env bash
# Hub-scale benchmark (issue #20): builds a hub of 450 bodies x 200 services (90,000
# services, about 2,700 datasets) with `civic demo`, adds 1,000,000 service requests
# (bench/requests_load.py, straight into the tables) and 10,000,000 transaction events
# (through the store's ingest, so every measure is maintained as in a real hub; the
# crates/civic/benches/hub_load.rs loader), on SQLite and then on PostgreSQL, and for each
# measures:
#   - start-up: seconds from launching `civic serve` to its first answer on /healthz;
#   - every public page the issue names: the time of its first request (made from the data,
#     as no page is cached yet), then, after a 3-second warm-up, wrk at 200 connections beside
#     the axum hello route measured in the same run: requests/s, p50, p99, the ratio to hello;
#   - the server's peak resident memory (VmHWM) after start-up and after each page's load;
#   - the loading itself: requests and events loaded, and the ingest rate in events/s.
# Load is generated on the same 2-core machine: compare ratios, not absolutes.
# Usage: bench/hub.sh [seconds per page, default 10] [connections, default 200] [sqlite|postgres|both]
# HUB_REQUESTS and HUB_EVENTS change the 1,000,000 requests and 10,000,000 events.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DURATION="${1:-10}"
CONNECTIONS="${2:-200}"
WHICH="${3:-both}"
PG_ADMIN="${CIVIC_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PG_URL="${PG_ADMIN%/*}/civic_hub_bench"
TARGET="${CARGO_TARGET_DIR:-target}"
REQUESTS="${HUB_REQUESTS:-1000000}"
EVENTS="${HUB_EVENTS:-10000000}"

. bench/common.sh
echo "building release binaries"
cargo build --release --quiet -p civic
cargo build --release --quiet -p civic-web --example hello
loader="$(cargo bench --quiet -p civic --bench hub_load --no-run --message-format=json 2>/dev/null \
    | python3 -c 'import json,sys; print([m["executable"] for m in map(json.loads, sys.stdin) if m.get("reason")=="compiler-artifact" and m.get("executable") and m["target"]["name"]=="hub_load"][-1])')"

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT


cat >"$work/bodies.lua" <<'LUA'
math.randomseed(42)
request = function()
  return wrk.format("GET", string.format("/bodies/demo-body-%03d/services", math.random(3, 449)))
end
LUA
# "requests/s p50 p99 non2xx" from wrk --latency.
measure() {
  local url="$1"; shift
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 20s --latency "$@" "$url" >"$work/wrk.txt" 2>&1 || true
  wrk_figures "$work/wrk.txt"
}


results="$work/results.txt"
: >"$results"
row() { printf '%-12s %-52s %12s %10s %10s %8s %10s %10s %10s\n' "$@" | tee -a "$results"; }
# Seconds the first request for a page took.
# It sends no Accept header, as wrk does, so that it makes the very page (the page cache keys
# on Accept) the warm-up and the load then read: with curl's "*/*" a page taking longer than
# the 3-second warm-up was made again during the load, whose p99 then showed that one wait.
first_request() { curl -fs -H 'Accept:' -o /dev/null -w '%{time_total}' "$1" || echo "failed"; }
# Warms the page cache (and the databases' own caches) before a page is measured.
warm() { wrk -t2 -c"$CONNECTIONS" -d3s "$@" >/dev/null 2>&1 || true; }

echo "hello world ceiling"
hport=$(free_port)
"$TARGET/release/examples/hello" "127.0.0.1:$hport" & pids+=($!)
wait_up "http://127.0.0.1:$hport/"
read -r hello_rps hello_p50 hello_p99 _ < <(measure "http://127.0.0.1:$hport/")
ratio() { python3 -c "print(f'{$1/$hello_rps:.4f}')"; }

run_engine() {
  local name="$1" db="$2"
  echo "== $name: loading 450 bodies x 200 services"
  local started=$SECONDS
  "$TARGET/release/civic" demo --database "$db" --bodies 450 --services-per-body 200 --no-serve >"$work/load-$name.log" 2>&1
  echo "   loaded in $((SECONDS - started)) s"
  python3 bench/requests_load.py "$db" "$REQUESTS" "$work" | tee -a "$work/load-$name.log"
  "$loader" "$db" "$EVENTS" | tee "$work/ingest-$name.txt"
  row "$name" "events ingested per second (10,000 per call)" "$(grep -o '([0-9]* events/s)' "$work/ingest-$name.txt" | tr -dc 0-9)" "" "" "" "" ""
  local port; port=$(free_port)
  local t0; t0=$(date +%s.%N)
  RUST_LOG=warn "$TARGET/release/civic" serve --database "$db" --bind "127.0.0.1:$port" \
      --max-connections-per-client 100000 >"$work/serve-$name.log" 2>&1 &
  local pid=$!; pids+=($pid)
  wait_up "http://127.0.0.1:$port/healthz"
  local startup; startup=$(python3 -c "import time; print(f'{time.time() - $t0:.2f}')")
  echo "   first answer after ${startup} s"
  local base="http://127.0.0.1:$port"
  curl -fs "$base/bodies/demo-body-100/services.json?per_page=200" \
      | python3 -c 'import json,sys; paths = ["/bodies/demo-body-100/services/" + s["slug"] for s in json.load(sys.stdin)["services"]]; print("math.randomseed(43)\nlocal paths = {" + ", ".join(json.dumps(p) for p in paths) + "}\nrequest = function() return wrk.format(\"GET\", paths[math.random(1, #paths)]) end")' >"$work/service.lua"
  row "$name" "start-up to first answer (s)" "$startup" "" "" "" "" "" "$(peak_rss_mb "$pid")"
  for page in "/services?q=bin" "/catalogue" "/performance" "/performance/data.json" \
      "/bodies/demo-body-100/services" "/bodies/demo-body-100/requests" \
      "/bodies/demo-body-100/open311/v2/requests.json"; do
    local first; first=$(first_request "$base$page")
    warm "$base$page"
    read -r rps p50 p99 bad < <(measure "$base$page")
    row "$name" "$page" "$rps" "$p50" "$p99" "$bad" "$(ratio "$rps")" "$first" "$(peak_rss_mb "$pid")"
  done
  warm "$base" -s "$work/bodies.lua"
  read -r rps p50 p99 bad < <(measure "$base" -s "$work/bodies.lua")
  row "$name" "/bodies/{random}/services (200 services)" "$rps" "$p50" "$p99" "$bad" "$(ratio "$rps")" "" "$(peak_rss_mb "$pid")"
  warm "$base" -s "$work/service.lua"
  read -r rps p50 p99 bad < <(measure "$base" -s "$work/service.lua")
  row "$name" "/bodies/demo-body-100/services/{random}" "$rps" "$p50" "$p99" "$bad" "$(ratio "$rps")" "" "$(peak_rss_mb "$pid")"
  row "$name" "peak resident memory (MB)" "$(peak_rss_mb "$pid")" "" "" "" "" ""
  kill "$pid" 2>/dev/null || true
}

if [ "$WHICH" = both ] || [ "$WHICH" = sqlite ]; then
  run_engine sqlite "sqlite://$work/hub.db"
fi
if [ "$WHICH" = both ] || [ "$WHICH" = postgres ]; then
  psql "$PG_ADMIN" -qc "drop database if exists civic_hub_bench with (force)" -c "create database civic_hub_bench"
  run_engine postgres "$PG_URL"
  psql "$PG_ADMIN" -qc "drop database if exists civic_hub_bench with (force)" >/dev/null 2>&1 || true
fi

echo
echo "wrk: 2 threads, $CONNECTIONS connections, ${DURATION}s per page after a 3 s warm-up, on the same 2-core machine as the server"
echo "first (s): the page's first request, made from the data before anything is cached"
echo "peak MB: the server's peak resident memory (VmHWM) so far, after that page's load"
printf '%-12s %-52s %12s %10s %10s %8s %10s %10s %10s\n' "engine" "page" "requests/s" "p50" "p99" "non-2xx" "÷ hello" "first (s)" "peak MB"
printf '%-12s %-52s %12s %10s %10s %8s %10s %10s %10s\n' "-" "axum hello world (GET /)" "$hello_rps" "$hello_p50" "$hello_p99" "0" "1.0000" "" ""
cat "$results"
