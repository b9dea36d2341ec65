#!/usr/bin/env bash
# The OCDS release package export at hub size: one body with CONTRACTS contracts (default
# 100,000) carrying TRANSACTIONS payments from its spend data (default 1,000,000), served by
# the real server and downloaded; prints the time to the first byte, the total time and the
# peak resident memory, then ocdskit's own time and memory to compile the same file into
# records (the peer's processing of the file), side by side as a ratio, on SQLite and,
# when one answers, PostgreSQL. ocdskit comes from scripts/install-test-tools.sh
# (.venv-ocds).
# Usage: bench/ocds.sh [contracts] [transactions]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CONTRACTS="${1:-100000}"
TRANSACTIONS="${2:-1000000}"
OCDSKIT=".venv-ocds/bin/ocdskit"
[ -x "$OCDSKIT" ] || bash scripts/install-test-tools.sh >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$work/release-schema.json" <<'PY'
import sys, zipfile
with zipfile.ZipFile("tests/ocds/standard-1__1__5-schema-only.zip") as z:
    name = next(n for n in z.namelist() if n.endswith("schema/release-schema.json"))
    open(sys.argv[1], "wb").write(z.read(name))
PY
# peer FILE: ocdskit compiling the package, with its wall time and peak memory.
peer() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$OCDSKIT" compile --package --schema "$work/release-schema.json" <"$1" >"$work/records.json"
  read -r secs kib <"$work/time.txt"
  echo "ocdskit compile --package (same file): total ${secs} s, peak resident memory $((kib / 1024)) MB"
  echo "$secs"
}
run() {
  local url="$1"
  cargo bench --quiet -p civic --bench ocds -- "$url" "$CONTRACTS" "$TRANSACTIONS" "$work/package.json" | tee "$work/civic.txt" | grep -v '^civic_total_seconds'
  local ours theirs
  ours=$(awk '/^civic_total_seconds/ {print $2}' "$work/civic.txt")
  theirs=$(peer "$work/package.json" | tee /dev/stderr | tail -n1)
  python3 -c "import sys; o,t=float(sys.argv[1]),float(sys.argv[2]); print(f'ratio: Civic serves the package in {o/t:.2f}x the time ocdskit takes to compile it ({t/o:.1f}x faster)')" "$ours" "$theirs"
}
echo "== SQLite"
run "sqlite://$work/ocds.db"
pg_base="${CIVIC_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
if psql "$pg_base/postgres" -Atqc 'select 1' >/dev/null 2>&1; then
  echo "== PostgreSQL"
  psql "$pg_base/postgres" -qc "drop database if exists civic_bench_ocds with (force)" -c "create database civic_bench_ocds" >/dev/null
  run "$pg_base/civic_bench_ocds"
  psql "$pg_base/postgres" -qc "drop database if exists civic_bench_ocds with (force)" >/dev/null
else
  echo "skipped PostgreSQL: nothing answers at $pg_base"
fi
