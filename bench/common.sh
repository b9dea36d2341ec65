# Shared by the load benchmarks (sourced): wrk where missing, free ports, waiting for a
# server, peak memory, and reading wrk's figures.
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }; }
ulimit -n 65536 2>/dev/null || true
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# wait_up URL: until URL answers (a minute at most).
wait_up() { for _ in $(seq 1 600); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "server at $1 did not start" >&2; return 1; }
# peak_rss_mb PID: the process's peak resident memory (VmHWM), in MB.
peak_rss_mb() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }
# wrk_figures FILE: "requests/s p50 p99 non2xx" from the output of wrk --latency.
wrk_figures() {
  local rps p50 p99 bad
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$1")
  p50=$(awk '$1=="50%" {print $2}' "$1")
  p99=$(awk '$1=="99%" {print $2}' "$1")
  bad=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$1")
  echo "${rps:-0} ${p50:--} ${p99:--} ${bad:-0}"
}
