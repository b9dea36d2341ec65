#!/usr/bin/env bash
# Webhook delivery: one body with ENDPOINTS endpoints (default 1,000) subscribed to
# request.created on a loopback receiver, EVENTS problems reported (default 100), each
# delivered signed to every endpoint by the real server's worker. Prints deliveries per
# second and the latency from a problem being saved to its message arriving (p50, p99),
# on SQLite and, when one answers, PostgreSQL.
# Usage: bench/webhooks.sh [endpoints] [events]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ENDPOINTS="${1:-1000}"
EVENTS="${2:-100}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "== SQLite"
cargo bench --quiet -p civic --bench webhooks -- "sqlite://$work/webhooks.db" "$ENDPOINTS" "$EVENTS"
pg_base="${CIVIC_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
if psql "$pg_base/postgres" -Atqc 'select 1' >/dev/null 2>&1; then
  echo "== PostgreSQL"
  psql "$pg_base/postgres" -qc "drop database if exists civic_bench_webhooks with (force)" -c "create database civic_bench_webhooks" >/dev/null
  cargo bench --quiet -p civic --bench webhooks -- "$pg_base/civic_bench_webhooks" "$ENDPOINTS" "$EVENTS"
  psql "$pg_base/postgres" -qc "drop database if exists civic_bench_webhooks with (force)" >/dev/null
else
  echo "skipped PostgreSQL: nothing answers at $pg_base"
fi
