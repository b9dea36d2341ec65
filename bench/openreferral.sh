#!/usr/bin/env bash
# Open Referral UK feed at hub size (issue #22): a hub of 450 bodies x 200 services (90,000
# services) made with `civic demo`, on SQLite and then on PostgreSQL. For each, wrk at 200
# connections (after a 3-second warm-up) on the feed beside Civic's own service JSON, in the
# same run, printing requests/s, p50, p99 and the feed's requests/s as a ratio of its peer:
#   - a page of the national list: /openreferral/services?page=N beside /services.json?page=N
#     (50 a page, N random over the first 1,800 pages);
#   - one service: /openreferral/services/{id} beside /bodies/B/services/S.json (2,000
#     services of ten bodies, at random);
#   - a search: /openreferral/services?search=bin beside /services.json?q=bin;
#   - a page of services at locations: /openreferral/service_at_locations?page=N (random
#     over the first 3,600 pages), beside the services page;
#   - a postcode search (postcodes of the hub's places, at random): the feed's
#     /openreferral/services?postcode=P&proximity=10000 and /service_at_locations likewise,
#     beside Civic's own finder page /digital-help?postcode=P;
# the server's peak resident memory; and the import rate of a 10,000-service feed (the first
# 10,000 services of the hub's feed, each as /services/{id} gives it, saved as one file and
# imported with `civic import openreferral` into a new body of the same database).
# Load is generated on the same 2-core machine.
# Usage: bench/openreferral.sh [seconds per page, default 10] [connections, default 200] [sqlite|postgres|both]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DURATION="${1:-10}"
CONNECTIONS="${2:-200}"
WHICH="${3:-both}"
PG_ADMIN="${CIVIC_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PG_URL="${PG_ADMIN%/*}/civic_oruk_bench"
TARGET="${CARGO_TARGET_DIR:-target}"

. bench/common.sh
cargo build --release --quiet -p civic
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
# "requests/s p50 p99 non2xx" from wrk --latency.
measure() {
  wrk -t2 -c"$CONNECTIONS" -d3s "$@" >/dev/null 2>&1 || true
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 20s --latency "$@" >"$work/wrk.txt" 2>&1 || true
  wrk_figures "$work/wrk.txt"
}
# A wrk script requesting one of PATHS (a Lua table's body) at random.
random_paths() { printf 'math.randomseed(7)\nlocal paths = {%s}\nrequest = function() return wrk.format("GET", paths[math.random(1, #paths)]) end\n' "$1"; }
row() { printf '%-10s %-58s %10s %9s %9s %7s %8s\n' "$@"; }

run_engine() {
  local name="$1" db="$2"
  echo "== $name: 450 bodies x 200 services"
  local started=$SECONDS
  "$TARGET/release/civic" demo --database "$db" --bodies 450 --services-per-body 200 --no-serve >"$work/load-$name.log" 2>&1
  echo "   loaded in $((SECONDS - started)) s"
  local port; port=$(free_port)
  RUST_LOG=warn "$TARGET/release/civic" serve --database "$db" --bind "127.0.0.1:$port" \
      --max-connections-per-client 100000 >"$work/serve-$name.log" 2>&1 &
  local pid=$!; pids+=($pid)
  wait_up "http://127.0.0.1:$port/healthz"
  local base="http://127.0.0.1:$port"
  local own="" feed=""
  for b in 100 140 180 220 260 300 340 380 420 446; do
    own+=$(curl -fs "$base/bodies/demo-body-$b/services.json" | python3 -c 'import json,sys; print("".join(json.dumps(s["url"] + ".json") + ", " for s in json.load(sys.stdin)["services"]))')
    feed+=$(curl -fs "$base/bodies/demo-body-$b/openreferral/services?per_page=200" | python3 -c 'import json,sys; print("".join(json.dumps("/openreferral/services/" + s["id"]) + ", " for s in json.load(sys.stdin)["contents"]))')
  done
  random_paths "$own" >"$work/own-service.lua"
  random_paths "$feed" >"$work/feed-service.lua"
  random_paths "$(for n in $(seq 1 1800); do printf '"/services.json?page=%d", ' "$n"; done)" >"$work/own-pages.lua"
  random_paths "$(for n in $(seq 1 1800); do printf '"/openreferral/services?page=%d", ' "$n"; done)" >"$work/feed-pages.lua"
  random_paths "$(for n in $(seq 1 3600); do printf '"/openreferral/service_at_locations?page=%d", ' "$n"; done)" >"$work/feed-places.lua"
  # The postcodes demo places of the hub's further bodies sit at (crates/civic/src/demo/places.rs).
  local postcodes; postcodes=$(python3 -c '
letter = lambda n: chr(ord("A") + n % 26)
print(" ".join(f"Y{letter(i)}{i // 26 + 1}+{n + 1}A{letter(n)}" for i in range(3, 450, 3) for n in range(3)))')
  random_paths "$(for p in $postcodes; do printf '"/digital-help?postcode=%s", ' "$p"; done)" >"$work/own-near.lua"
  random_paths "$(for p in $postcodes; do printf '"/openreferral/services?postcode=%s&proximity=10000", ' "$p"; done)" >"$work/feed-near.lua"
  random_paths "$(for p in $postcodes; do printf '"/openreferral/service_at_locations?postcode=%s&proximity=10000", ' "$p"; done)" >"$work/feed-near-places.lua"
  row "$name" "what (feed beside Civic's own JSON)" "req/s" "p50" "p99" "non2xx" "ratio"
  local pairs=(
    "national list, random page|$work/own-pages.lua|$work/feed-pages.lua|"
    "one service, random|$work/own-service.lua|$work/feed-service.lua|"
    "search 'bin'||/services.json?q=bin|/openreferral/services?search=bin"
    "services at locations, random page|$work/own-pages.lua|$work/feed-places.lua|"
    "services near a postcode|$work/own-near.lua|$work/feed-near.lua|"
    "services at locations near a postcode|$work/own-near.lua|$work/feed-near-places.lua|"
  )
  for pair in "${pairs[@]}"; do
    IFS='|' read -r what own_script feed_script feed_path <<<"$pair"
    local own_args feed_args
    if [ -n "$feed_path" ]; then own_args=("$base$feed_script"); feed_args=("$base$feed_path"); own_script="$feed_script"
    else own_args=("$base" -s "$own_script"); feed_args=("$base" -s "$feed_script"); fi
    read -r orps op50 op99 obad < <(measure "${own_args[@]}")
    read -r frps fp50 fp99 fbad < <(measure "${feed_args[@]}")
    row "$name" "$what: Civic's JSON" "$orps" "$op50" "$op99" "$obad" ""
    row "$name" "$what: Open Referral UK" "$frps" "$fp50" "$fp99" "$fbad" "$(python3 -c "print(f'{$frps/max($orps,1e-9):.2f}x')")"
  done
  row "$name" "peak resident memory (MB)" "$(peak_rss_mb "$pid")" "" "" "" ""
  # The feed of 10,000 services, read by eight clients at once.
  python3 - "$base" "$work/feed-10000.json" <<'PY'
import concurrent.futures, json, sys, urllib.request
base, out = sys.argv[1], sys.argv[2]
get = lambda path: json.load(urllib.request.urlopen(base + path, timeout=60))
ids = [s["id"] for n in range(1, 11) for s in get(f"/openreferral/services?per_page=1000&page={n}")["contents"]]
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    services = list(pool.map(lambda i: get(f"/openreferral/services/{i}"), ids))
json.dump(services, open(out, "w"))
PY
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  "$TARGET/release/civic" body add --database "$db" --name "Import Target Council" --kind other --slug import-target >/dev/null
  local t0=$SECONDS started_ns; started_ns=$(date +%s%N)
  "$TARGET/release/civic" import openreferral --database "$db" --body import-target "$work/feed-10000.json" >"$work/import.log" 2>&1
  local ms=$(( ($(date +%s%N) - started_ns) / 1000000 ))
  row "$name" "import a 10,000-service feed (services/s)" "$(python3 -c "print(f'{10000 / max($ms, 1) * 1000:.0f}')")" "${ms}ms" "" "" ""
}

if [ "$WHICH" != "postgres" ]; then run_engine sqlite "sqlite://$work/hub.db"; fi
if [ "$WHICH" != "sqlite" ]; then
  psql "$PG_ADMIN" -qc "drop database if exists civic_oruk_bench" -c "create database civic_oruk_bench" >/dev/null
  run_engine postgres "$PG_URL"
  psql "$PG_ADMIN" -qc "drop database if exists civic_oruk_bench with (force)" >/dev/null
fi
