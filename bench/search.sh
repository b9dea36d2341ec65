#!/usr/bin/env bash
# What a Welsh search costs beside the same search in English, at hub size: builds a hub
# with `civic demo --bodies N --services-per-body 200` on SQLite (and PostgreSQL with
# `postgres`), then measures each search page in English and at /cy (where every word
# also matches its Welsh mutations), rendered afresh for every request (a session cookie
# keeps pages out of the page cache), with wrk at 16 connections, in one run, as a ratio.
# Usage: bench/search.sh [bodies, default 450] [seconds per page, default 5] [sqlite|postgres|both]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BODIES="${1:-450}"
DURATION="${2:-5}"
WHICH="${3:-sqlite}"
TARGET="${CARGO_TARGET_DIR:-target}"
PG_ADMIN="${CIVIC_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PG_URL="${PG_ADMIN%/*}/civic_search_bench"
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
cargo build --release --quiet -p civic
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cat >"$work/fresh.lua" <<'LUA'
wrk.headers["Cookie"] = "civic_session=bench-no-such-session"
LUA
measure() { # url → "rps p99"
  wrk -t2 -c16 -d"${DURATION}s" --latency -s "$work/fresh.lua" "$1" >"$work/wrk.txt"
  echo "$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt") $(awk '$1=="99%" {print $2}' "$work/wrk.txt")"
}
run() {
  local name="$1" db="$2"
  echo "== $name: $BODIES bodies x 200 services"
  "$TARGET/release/civic" demo --database "$db" --bodies "$BODIES" --services-per-body 200 --no-serve >"$work/demo.log" 2>&1
  local port; port=$(free_port)
  RUST_LOG=warn "$TARGET/release/civic" serve --database "$db" --bind "127.0.0.1:$port" \
      --max-connections-per-client 100000 >"$work/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  printf '%-10s %-28s %14s %9s %14s %9s %8s\n' db search "English" p99 "Welsh (/cy)" p99 "cy/en"
  for q in bin casgliad 'coll*' '"garden waste"' 'treth gyngor'; do
    local path="/services?q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$q")"
    read -r en en99 <<<"$(measure "http://127.0.0.1:$port$path")"
    read -r cy cy99 <<<"$(measure "http://127.0.0.1:$port/cy$path")"
    printf '%-10s %-28s %12s/s %9s %12s/s %9s %8s\n' "$name" "$q" "$en" "$en99" "$cy" "$cy99" \
        "$(python3 -c "print(f'{$cy/$en:.2f}')")"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}
if [ "$WHICH" != postgres ]; then run sqlite "sqlite://$work/search.db"; fi
if [ "$WHICH" != sqlite ]; then
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS civic_search_bench" -c "CREATE DATABASE civic_search_bench" >/dev/null
  run postgres "$PG_URL"
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS civic_search_bench" >/dev/null
fi
