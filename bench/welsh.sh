#!/usr/bin/env bash
# What translation costs: a service register page and a dashboard served by two builds of
# Civic on the same demo data, one from before the pages were translated (English only)
# and one after (English and, under /cy, Welsh), measured in one run and alternated.
# Each page is measured twice: as a visitor gets it (from the page cache) and rendered
# afresh for every request (a session cookie keeps a page out of the cache), which is
# where Fluent's lookups cost anything.
# Usage: bench/welsh.sh BEFORE_CIVIC AFTER_CIVIC [seconds per run, default 8]
# Builds nothing: pass two release binaries (e.g. `git worktree add` of the old commit).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BEFORE="$1"; AFTER="$2"; DURATION="${3:-8}"
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
work="$(mktemp -d)"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 1 300); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; return 1; }
declare -A PORT
for which in before after; do
  bin="$BEFORE"; [ "$which" = after ] && bin="$AFTER"
  db="sqlite://$work/$which.db"
  "$bin" demo --database "$db" --no-serve >"$work/$which-demo.log" 2>&1
  port=$(free_port)
  RUST_LOG=warn "$bin" serve --database "$db" --bind "127.0.0.1:$port" >"$work/$which-serve.log" 2>&1 &
  pids+=($!)
  wait_up "http://127.0.0.1:$port/healthz"
  PORT[$which]=$port
done
cat >"$work/fresh.lua" <<'LUA'
wrk.headers["Cookie"] = "civic_session=bench-no-such-session"
LUA
run() { # which path mode → "rps p99"
  local script=()
  [ "$3" = rendered ] && script=(-s "$work/fresh.lua")
  wrk -t2 -c16 -d"${DURATION}s" --latency "${script[@]}" "http://127.0.0.1:${PORT[$1]}$2" >"$work/wrk.txt"
  echo "$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt") $(awk '$1=="99%" {print $2}' "$work/wrk.txt")"
}
printf '%-44s %-9s %18s %18s %18s %7s\n' page mode "before (English)" "after (English)" "after (Welsh)" "cy÷before"
for page in /bodies/northshire/services /bodies/northshire/performance; do
  for mode in cached rendered; do
    read -r b_rps b_p99 <<<"$(run before "$page" "$mode")"
    read -r e_rps e_p99 <<<"$(run after "$page" "$mode")"
    read -r c_rps c_p99 <<<"$(run after "/cy$page" "$mode")"
    ratio=$(python3 -c "print(f'{$c_rps/$b_rps:.2f}')")
    printf '%-44s %-9s %9s/s %7s %9s/s %7s %9s/s %7s %7s\n' "$page" "$mode" \
      "$b_rps" "$b_p99" "$e_rps" "$e_p99" "$c_rps" "$c_p99" "$ratio"
  done
done
