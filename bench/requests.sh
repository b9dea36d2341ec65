#!/usr/bin/env bash
# Requests benchmark (issue: requests from every channel). Loads 1,000,000 requests across
# 50 bodies into SQLite and PostgreSQL, then measures in one run, with wrk on this machine:
#   list   GET  /bodies/{b}/open311/v2/requests.json?service_code=…&start_date=…&end_date=…&page_size=50
#   one    GET  /requests/{id}.json
#   post   POST /bodies/{b}/open311/v2/requests.json   (form-encoded, with an API key)
# on both databases, and beside them the same list query served by Datasette (from PyPI)
# over the same SQLite file: requests for one service in a 14-day window, newest first, 50 rows.
# Usage: bench/requests.sh [requests, default 1000000] [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TARGET="${CARGO_TARGET_DIR:-target}"
N="${1:-1000000}"
DURATION="${2:-10}"
CONNECTIONS=16
PG_ADMIN="${CIVIC_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PG_URL="${PG_ADMIN%/*}/civic_bench_requests"

command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }; }
VENV=.venv-bench
[ -x "$VENV/bin/datasette" ] || { echo "installing Datasette into $VENV"; python3 -m venv "$VENV"; "$VENV/bin/pip" install -q datasette; }
echo "building release binary"
cargo build --release --quiet -p civic

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 1 150); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "server at $1 did not start" >&2; return 1; }

cat >"$work/common.lua" <<'LUA'
dofile(os.getenv("SERVICES_LUA"))
-- Each wrk thread draws its own requests: with one seed the second thread repeated the
-- first's, and half of Civic's answers came from its page cache.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end
function init(args)
  math.randomseed(7 + (seed or 0) * 7919)
end
local now = os.time()
function window()
  local start = now - math.random(15, 700) * 86400
  return os.date("!%Y-%m-%dT%H:%M:%SZ", start), os.date("!%Y-%m-%dT%H:%M:%SZ", start + 14 * 86400)
end
LUA
cat >"$work/list.lua" <<'LUA'
dofile(os.getenv("COMMON_LUA"))
request = function()
  local s = services[math.random(#services)]
  local from, to = window()
  return wrk.format("GET", string.format("/bodies/%s/open311/v2/requests.json?service_code=%s&start_date=%s&end_date=%s&page_size=50", s[1], s[2], from, to))
end
LUA
cat >"$work/one.lua" <<'LUA'
dofile(os.getenv("COMMON_LUA"))
request = function()
  return wrk.format("GET", string.format("/requests/%d.json", first_id + math.random(request_count) - 1))
end
LUA
cat >"$work/post.lua" <<'LUA'
dofile(os.getenv("COMMON_LUA"))
local key = os.getenv("API_KEY")
local s = nil
for _, candidate in ipairs(services) do if candidate[1] == "northshire" then s = candidate; break end end
request = function()
  local body = string.format("api_key=%s&service_code=%s&lat=52.2&long=-0.9&description=Bench&%s", key, s[2], s[4])
  return wrk.format("POST", "/bodies/northshire/open311/v2/requests.json", {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
LUA
cat >"$work/datasette.lua" <<'LUA'
dofile(os.getenv("COMMON_LUA"))
request = function()
  local s = services[math.random(#services)]
  local from, to = window()
  from = from:gsub("Z$", ".000000Z"); to = to:gsub("Z$", ".000000Z")
  return wrk.format("GET", string.format("/bench/requests.json?service_id=%d&requested_at__gte=%s&requested_at__lte=%s&_sort_desc=requested_at&_size=50&_nocount=1&_shape=array", s[3], from, to))
end
LUA

declare -A RPS P99
measure() {
  local name="$1" url="$2" script="$3"
  SERVICES_LUA="$work/services.lua" COMMON_LUA="$work/common.lua" \
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$script" "$url" >"$work/wrk.txt"
  if grep -q "Non-2xx or 3xx responses" "$work/wrk.txt"; then echo "$name: errors" >&2; cat "$work/wrk.txt" >&2; exit 1; fi
  RPS[$name]=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt")
  P99[$name]=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")
  echo "  $name: ${RPS[$name]} requests/s, p99 ${P99[$name]}"
}

run_backend() {
  local label="$1" db="$2" port
  echo "$label: loading 50 bodies and $N requests"
  "$TARGET"/release/civic demo --database "$db" --bodies 50 --services-per-body 20 --no-serve >"$work/demo.log" 2>&1 \
    || { cat "$work/demo.log" >&2; exit 1; }
  python3 bench/requests_load.py "$db" "$N" "$work"
  API_KEY=$("$TARGET"/release/civic apikey create --database "$db" --body northshire --name bench 2>/dev/null | tail -n1)
  export API_KEY
  port=$(free_port)
  RUST_LOG=warn "$TARGET"/release/civic serve --database "$db" --bind "127.0.0.1:$port" --submissions-per-minute 100000000 >"$work/serve.log" 2>&1 &
  pids+=($!)
  wait_up "http://127.0.0.1:$port/healthz"
  local check
  check=$(curl -fs "http://127.0.0.1:$port/bodies/northshire/open311/v2/requests.json?page_size=50" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
  [ "$check" = 50 ] || { echo "expected 50 requests, got $check" >&2; exit 1; }
  measure "$label list" "http://127.0.0.1:$port" "$work/list.lua"
  measure "$label one" "http://127.0.0.1:$port" "$work/one.lua"
  measure "$label post" "http://127.0.0.1:$port" "$work/post.lua"
  kill "${pids[-1]}"
}

run_backend "SQLite" "sqlite://$work/bench.db"
echo "Datasette over the same SQLite file"
dport=$(free_port)
"$VENV/bin/datasette" serve -i "$work/bench.db" --port "$dport" --setting default_page_size 50 --setting sql_time_limit_ms 10000 >"$work/datasette.log" 2>&1 &
pids+=($!)
wait_up "http://127.0.0.1:$dport/bench.json"
measure "Datasette list" "http://127.0.0.1:$dport" "$work/datasette.lua"
kill "${pids[-1]}"

psql "$PG_ADMIN" -qc "drop database if exists civic_bench_requests with (force)" -c "create database civic_bench_requests"
run_backend "PostgreSQL" "$PG_URL"
psql "$PG_ADMIN" -qc "drop database if exists civic_bench_requests with (force)" >/dev/null 2>&1 || true

echo
echo "$N requests, 50 bodies; wrk 2 threads, $CONNECTIONS connections, ${DURATION}s each, same 2-core machine"
printf '%-22s %12s %10s %22s\n' "target" "requests/s" "p99" "ratio to Datasette list"
for name in "Datasette list" "SQLite list" "PostgreSQL list" "SQLite one" "PostgreSQL one" "SQLite post" "PostgreSQL post"; do
  ratio=$(python3 -c "print(f'{${RPS[$name]}/${RPS[Datasette list]}:.2f}')")
  case "$name" in *list) ;; *) ratio="-";; esac
  printf '%-22s %12s %10s %22s\n' "$name" "${RPS[$name]}" "${P99[$name]}" "$ratio"
done
