#!/usr/bin/env bash
# The refactoring check of the feature-folders issue: the Open311 list (the requests
# benchmark's hottest read) served by two builds of Civic, one before a change and one after,
# on the same data, measured in one run and alternated so neither gets a warmer machine.
# Usage: bench/before_after.sh BEFORE_CIVIC AFTER_CIVIC [requests, default 200000] [seconds, default 10]
# Builds nothing: pass two release binaries (e.g. from `git worktree add` of the old commit).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BEFORE="$1"; AFTER="$2"; N="${3:-200000}"; DURATION="${4:-10}"
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
work="$(mktemp -d)"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 1 150); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; return 1; }
cat >"$work/common.lua" <<'LUA'
dofile(os.getenv("SERVICES_LUA"))
math.randomseed(7)
local now = os.time()
function window()
  local start = now - math.random(15, 700) * 86400
  return os.date("!%Y-%m-%dT%H:%M:%SZ", start), os.date("!%Y-%m-%dT%H:%M:%SZ", start + 14 * 86400)
end
request = function()
  local s = services[math.random(#services)]
  local from, to = window()
  return wrk.format("GET", string.format("/bodies/%s/open311/v2/requests.json?service_code=%s&start_date=%s&end_date=%s&page_size=50", s[1], s[2], from, to))
end
LUA
declare -A PORT
for which in before after; do
  bin="$BEFORE"; [ "$which" = after ] && bin="$AFTER"
  db="sqlite://$work/$which.db"
  "$bin" demo --database "$db" --bodies 50 --services-per-body 20 --no-serve >"$work/$which-demo.log" 2>&1
  mkdir -p "$work/$which"
  python3 bench/requests_load.py "$db" "$N" "$work/$which" >/dev/null
  port=$(free_port)
  RUST_LOG=warn "$bin" serve --database "$db" --bind "127.0.0.1:$port" --submissions-per-minute 100000000 >"$work/$which-serve.log" 2>&1 &
  pids+=($!)
  wait_up "http://127.0.0.1:$port/healthz"
  PORT[$which]=$port
done
declare -A BEST
for round in 1 2; do
  for which in before after; do
    SERVICES_LUA="$work/$which/services.lua" wrk -t2 -c16 -d"${DURATION}s" --latency -s "$work/common.lua" "http://127.0.0.1:${PORT[$which]}" >"$work/wrk.txt"
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt"); p99=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")
    echo "round $round $which: $rps requests/s, p99 $p99"
    if [ -z "${BEST[$which]:-}" ] || python3 -c "import sys; sys.exit(0 if $rps > ${BEST[$which]} else 1)"; then BEST[$which]=$rps; fi
  done
done
echo "Open311 list, SQLite, $N requests: before ${BEST[before]}/s, after ${BEST[after]}/s, after ÷ before $(python3 -c "print(f'{${BEST[after]}/${BEST[before]}:.2f}')")"
