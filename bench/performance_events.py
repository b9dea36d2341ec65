#!/usr/bin/env python3
"""Transaction-events performance benchmark, Python half: event generator and DuckDB baseline.

The benchmark (10 million transaction events, ~450 bodies, 200 standard services, four
channels, two years) measures, in one run and on the same events:
  * ingest rate (events/s) of the CSV into a table,
  * rollup of counts by body x service x channel x month (of started_at),
  * exact median and p90 of time to outcome (outcome_at - started_at, whole seconds) by
    service x month (of outcome_at, UTC), national, i.e. across bodies.
This script makes the events and measures DuckDB on them; the Rust side reads the same CSV and
compares its results with the checksums written here.

Setup (pinned versions in bench/performance-requirements.txt):
    python3 -m venv /tmp/bench-venv
    /tmp/bench-venv/bin/pip install -r bench/performance-requirements.txt

Usage:
    python bench/performance_events.py generate --events 10000000 --out /tmp/events10m.csv [--seed 1]
    python bench/performance_events.py duckdb --events /tmp/events10m.csv --out result.json [--repeat 3]
    python bench/performance_events.py selftest

CSV (header, comma-separated, no quoting, LF line ends), sorted by (body, started_at):
    body,service,event_id,channel,started_at,outcome_at,outcome,satisfaction
    body-001,LGSL 35,e1,digital,2024-11-01T00:03:20Z,2024-11-08T22:37:50Z,completed,
    body-001,LGSL 7,e2,digital,2024-11-01T00:05:53Z,,pending,
  body        body-001 .. body-450, weight ∝ 1/rank^0.8
  service     LGSL 1 .. LGSL 200 (a standard service, run by many bodies), weight ∝ 1/rank
  event_id    e<row number, 1-based>, unique in the file and so per body
  channel     digital 60%, assisted_digital 10%, phone 20%, post 10%
  started_at  uniform over 2024-11-01T00:00:00Z .. 2026-10-31T23:59:59Z, RFC 3339 UTC, whole s
  outcome_at  started_at + lognormal duration (median 3 days, sigma 1.0), whole s, >= 1 s;
              empty for pending events: 8% at random, plus any that would end after the window
  outcome     pending | completed (90% of those with an outcome) | refused
  satisfaction empty, or 1..5 for ~15% of events with an outcome

Quantile convention (shared with the Rust side): for a group of n sorted values v[0..n-1], the
q-quantile is v[floor(q*(n-1))] ("lower" of the type-7 pair), computed with integers as
v[(n-1)//2] for the median and v[(n-1)*9//10] for p90. DuckDB's quantile_disc(x, q) instead takes
v[ceil(q*n)-1] (inverse CDF): that is the same index for q = 0.5 for every n, but for q = 0.9 it
is one higher unless n % 10 is 0 or 1 (n = 2: v[1] against v[0]). So no built-in DuckDB quantile
gives this p90; the benchmark sorts each group's values in SQL (list_sort) and indexes them.
`selftest` checks all of this. The native quantile_disc query is timed too, as a reference.
"""
import argparse
import csv
import json
import os
import platform
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

COLUMNS = ["body", "service", "event_id", "channel", "started_at", "outcome_at", "outcome", "satisfaction"]
N_BODIES, N_SERVICES = 450, 200
BODIES = [f"body-{i:03d}" for i in range(1, N_BODIES + 1)]
SERVICES = [f"LGSL {i}" for i in range(1, N_SERVICES + 1)]
CHANNELS = ["digital", "assisted_digital", "phone", "post"]
CHANNEL_P = [0.60, 0.10, 0.20, 0.10]
OUTCOMES = ["pending", "completed", "refused"]
WINDOW_START = int(datetime(2024, 11, 1, tzinfo=timezone.utc).timestamp())
WINDOW_END = int(datetime(2026, 11, 1, tzinfo=timezone.utc).timestamp())  # exclusive; last second 2026-10-31T23:59:59Z
MEDIAN_DURATION_S = 3 * 86400
PENDING_P, COMPLETED_P, SATISFACTION_P = 0.08, 0.90, 0.15
SATISFACTION_WEIGHTS = [0.10, 0.10, 0.20, 0.30, 0.30]  # scores 1..5; people who answer lean satisfied
CHUNK = 1_000_000  # rows formatted and written at a time: bounds memory, keeps the work in C
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

# ---------------------------------------------------------------------------------------------
# generate


def zipf_p(n, s):
    w = 1.0 / np.arange(1, n + 1, dtype=np.float64) ** s
    return w / w.sum()


def generate(n_events, out_path, seed=1):
    """Write n_events to out_path as CSV; the same (n_events, seed) always gives the same bytes."""
    rng = np.random.default_rng(seed)
    span = WINDOW_END - WINDOW_START  # 63,072,000 s < 2**26
    # Only (body, started_at) decide the order, so draw those two first and sort one packed int64
    # key (body << 26 | offset): a single numpy sort is far faster than a lexsort or a permutation
    # of every column. The other columns are i.i.d. and are drawn afterwards, row by row in order.
    body = rng.choice(N_BODIES, size=n_events, p=zipf_p(N_BODIES, 0.8)).astype(np.int64)
    key = (body << 26) | rng.integers(0, span, size=n_events, dtype=np.int64)
    del body
    key.sort()

    body_names, service_names, channel_names, outcome_names = (
        pa.array(v, pa.string()) for v in (BODIES, SERVICES, CHANNELS, OUTCOMES))
    service_p, sat_p = zipf_p(N_SERVICES, 1.0), np.array(SATISFACTION_WEIGHTS)
    mu = np.log(MEDIAN_DURATION_S)
    # Every time is in the window, so format each of its 730 days and 86,400 seconds of the day
    # once and build the RFC 3339 strings by lookup: ~8x faster than pyarrow's strftime.
    day_names = pa.array([time.strftime("%Y-%m-%dT", time.gmtime(WINDOW_START + d * 86400))
                          for d in range(span // 86400)])
    tod_names = pa.array([f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}Z" for s in range(86400)])

    def rfc3339(offset, mask=None):  # offset: seconds since WINDOW_START; masked rows -> empty
        return pc.binary_join_element_wise(day_names.take(pa.array(offset // 86400, mask=mask)),
                                           tod_names.take(pa.array(offset % 86400, mask=mask)), "")

    with open(out_path, "wb") as f:
        # The header is written by hand: pyarrow quotes header names even with quoting "none".
        f.write((",".join(COLUMNS) + "\n").encode())
        opts = pacsv.WriteOptions(include_header=False, quoting_style="none")
        schema = pa.schema([(c, pa.int8() if c == "satisfaction" else pa.string()) for c in COLUMNS])
        with pacsv.CSVWriter(f, schema, write_options=opts) as writer:
            for lo in range(0, n_events, CHUNK):
                k = key[lo:lo + CHUNK]
                m = len(k)
                started = k & ((1 << 26) - 1)  # offset from WINDOW_START
                service = rng.choice(N_SERVICES, size=m, p=service_p)
                channel = rng.choice(len(CHANNELS), size=m, p=CHANNEL_P)
                duration = np.maximum(1, np.rint(rng.lognormal(mu, 1.0, size=m))).astype(np.int64)
                outcome_at = started + duration
                pending = (rng.random(m) < PENDING_P) | (outcome_at >= span)
                outcome = np.where(pending, 0, np.where(rng.random(m) < COMPLETED_P, 1, 2))
                no_sat = pending | (rng.random(m) >= SATISFACTION_P)
                sat = (rng.choice(5, size=m, p=sat_p) + 1).astype(np.int8)
                row_no = np.arange(lo + 1, lo + m + 1, dtype=np.int64)
                batch = pa.record_batch([
                    body_names.take(pa.array(k >> 26)),
                    service_names.take(pa.array(service)),
                    pc.binary_join_element_wise("e", pc.cast(pa.array(row_no), pa.string()), ""),
                    channel_names.take(pa.array(channel)),
                    rfc3339(started),
                    rfc3339(outcome_at, mask=pending),
                    outcome_names.take(pa.array(outcome)),
                    pa.array(sat, mask=no_sat),
                ], schema=schema)
                writer.write_batch(batch)


# ---------------------------------------------------------------------------------------------
# duckdb

CSV_TYPES = {
    "body": "VARCHAR", "service": "VARCHAR", "event_id": "VARCHAR", "channel": "VARCHAR",
    "started_at": "TIMESTAMPTZ", "outcome_at": "TIMESTAMPTZ", "outcome": "VARCHAR", "satisfaction": "TINYINT",
}

ROLLUP_SQL = """
SELECT body, service, channel, date_trunc('month', started_at) AS month, count(*) AS events
FROM events GROUP BY ALL
"""

# Durations as exact integer seconds (epoch_us is an integer; epoch() would be a double).
# Exact lower-rank quantiles v[floor(q*(n-1))]: sort each group's values and index the list
# (1-based) with integer arithmetic, so no float rounding can move an index. On 10M events this
# is ~2.5x faster than either a row_number() window or an ordered list(d ORDER BY d) aggregate.
PERCENTILES_SQL = """
WITH g AS (
  SELECT service, date_trunc('month', outcome_at) AS month,
         list_sort(list((epoch_us(outcome_at) - epoch_us(started_at)) // 1000000)) AS d
  FROM events WHERE outcome_at IS NOT NULL GROUP BY ALL
)
SELECT service, month, len(d) AS n,
       d[(len(d) - 1) // 2 + 1] AS median_s,
       d[(len(d) - 1) * 9 // 10 + 1] AS p90_s
FROM g
"""

# Reference only: DuckDB's native discrete quantile, index ceil(q*n)-1 (see the docstring).
QUANTILE_DISC_SQL = """
SELECT service, date_trunc('month', outcome_at) AS month, count(*) AS n,
       quantile_disc((epoch_us(outcome_at) - epoch_us(started_at)) // 1000000, 0.5) AS median_s,
       quantile_disc((epoch_us(outcome_at) - epoch_us(started_at)) // 1000000, 0.9) AS p90_s
FROM events WHERE outcome_at IS NOT NULL GROUP BY ALL
"""


def connect():
    import duckdb
    con = duckdb.connect(":memory:")  # default threads: all cores
    # date_trunc('month', TIMESTAMPTZ) truncates in the session time zone; months are UTC months.
    con.execute("SET TimeZone = 'UTC'")
    return con


def scalar(con, sql):
    # duckdb 2.x relations have no fetchone(); fetchall() on a relation runs it once.
    return con.sql(sql).fetchall()[0][0]


def ingest_sql(csv_path):
    cols = ", ".join(f"'{c}': '{t}'" for c, t in CSV_TYPES.items())
    path = csv_path.replace("'", "''")
    return (f"CREATE TABLE events AS SELECT * FROM read_csv('{path}', header = true, delim = ',', "
            f"quote = '\"', auto_detect = false, columns = {{{cols}}})")


def fetch_arrow(con, sql):
    # con.sql(...).to_arrow_table() materialises the whole result on the client as one Arrow
    # table (in duckdb 2.x, .arrow() returns a lazy RecordBatchReader instead).
    return con.sql(sql).to_arrow_table()


def best_of(repeat, fn, before=None):
    times, result = [], None
    for _ in range(repeat):
        if before:
            before()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), times, result


def month_str(ts):
    return ts.astimezone(timezone.utc).strftime("%Y-%m")


def percentile_rows(table):
    """(service, month 'YYYY-MM') -> (n, median, p90), from a percentiles Arrow table."""
    d = table.to_pydict()
    return {(s, month_str(m)): (n, a, b) for s, m, n, a, b in
            zip(d["service"], d["month"], d["n"], d["median_s"], d["p90_s"])}


def run_duckdb(csv_path, out_path, repeat=3):
    import duckdb
    # The cores may be shared (builds, other benchmarks): record the load so a slow run shows why.
    load_before = os.getloadavg()[0]
    con = connect()
    sql = ingest_sql(csv_path)
    ingest_s, ingest_runs, _ = best_of(repeat, lambda: con.execute(sql),
                                       before=lambda: con.execute("DROP TABLE IF EXISTS events"))
    n_events = scalar(con, "SELECT count(*) FROM events")

    rollup_s, rollup_runs, rollup = best_of(repeat, lambda: fetch_arrow(con, ROLLUP_SQL))
    pct_s, pct_runs, pct = best_of(repeat, lambda: fetch_arrow(con, PERCENTILES_SQL))
    disc_s, disc_runs, disc = best_of(repeat, lambda: fetch_arrow(con, QUANTILE_DISC_SQL))

    # The fair peer of Civic's read rows: DuckDB keeps the same aggregates as tables (the
    # upkeep is paid once, as Civic pays it at ingest) and reads them back whole.
    con.execute(f"CREATE TABLE rollup_cells AS {ROLLUP_SQL}")
    con.execute(f"CREATE TABLE percentile_cells AS {PERCENTILES_SQL}")
    kept_rollup_s, kept_rollup_runs, kept_rollup = best_of(
        repeat, lambda: fetch_arrow(con, "SELECT * FROM rollup_cells"))
    kept_pct_s, kept_pct_runs, kept_pct = best_of(
        repeat, lambda: fetch_arrow(con, "SELECT * FROM percentile_cells"))
    assert kept_rollup.num_rows == rollup.num_rows and kept_pct.num_rows == pct.num_rows

    exact = percentile_rows(pct)
    native = percentile_rows(disc)
    first = sorted(exact)[:5]  # (service, month) in byte order, as Rust's String ordering
    result = {
        "engine": "duckdb",
        "duckdb_version": duckdb.__version__,
        "python_version": platform.python_version(),
        "threads": int(scalar(con, "SELECT current_setting('threads')")),
        "cpus": os.cpu_count(),
        "load_average_1m": {"before": load_before, "after": os.getloadavg()[0]},
        "events_file": os.path.abspath(csv_path),
        "file_bytes": os.path.getsize(csv_path),
        "events": n_events,
        "repeat": repeat,
        "ingest": {"seconds": ingest_s, "events_per_second": n_events / ingest_s, "runs": ingest_runs},
        "rollup": {
            "seconds": rollup_s, "runs": rollup_runs,
            "groups": rollup.num_rows,
            "total_count": pc.sum(rollup["events"]).as_py(),
        },
        "percentiles": {
            "seconds": pct_s, "runs": pct_runs,
            "convention": "v[floor(q*(n-1))] of the sorted durations, 0-based; q = 0.5 and 0.9",
            "groups": pct.num_rows,
            "events_with_outcome": pc.sum(pct["n"]).as_py(),
            "sum_median_seconds": int(pc.sum(pct["median_s"]).as_py()),
            "sum_p90_seconds": int(pc.sum(pct["p90_s"]).as_py()),
            "first_groups": [{"service": s, "month": m, "n": exact[s, m][0],
                              "median_seconds": exact[s, m][1], "p90_seconds": exact[s, m][2]}
                             for s, m in first],
        },
        "rollup_kept": {
            "note": "the rollup stored as a table, read back whole (as Civic reads its maintained cells)",
            "seconds": kept_rollup_s, "runs": kept_rollup_runs,
        },
        "percentiles_kept": {
            "note": "the percentiles stored as a table, read back whole (as Civic reads its maintained runs)",
            "seconds": kept_pct_s, "runs": kept_pct_runs,
        },
        "percentiles_quantile_disc": {
            "note": "reference: DuckDB native quantile_disc, index ceil(q*n)-1, not the benchmark's convention",
            "seconds": disc_s, "runs": disc_runs,
            "groups_median_differs": sum(native[k][1] != exact[k][1] for k in exact),
            "groups_p90_differs": sum(native[k][2] != exact[k][2] for k in exact),
        },
    }
    with open(out_path, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")

    print(f"duckdb {result['duckdb_version']}, {result['threads']} threads, {n_events:,} events "
          f"({result['file_bytes'] / 1e6:,.0f} MB CSV), best of {repeat}, "
          f"load {load_before:.1f} -> {result['load_average_1m']['after']:.1f}")
    print(f"  ingest       {ingest_s:8.3f} s  {n_events / ingest_s:14,.0f} events/s")
    print(f"  rollup       {rollup_s:8.3f} s  {rollup.num_rows:14,} groups, total {result['rollup']['total_count']:,}")
    print(f"  percentiles  {pct_s:8.3f} s  {pct.num_rows:14,} groups, sum median "
          f"{result['percentiles']['sum_median_seconds']:,} s, sum p90 {result['percentiles']['sum_p90_seconds']:,} s")
    print(f"  kept rollup  {kept_rollup_s:8.3f} s  (the rollup as a table, read back)")
    print(f"  kept pctls   {kept_pct_s:8.3f} s  (the percentiles as a table, read back)")
    print(f"  (quantile_disc reference {disc_s:.3f} s; p90 differs in "
          f"{result['percentiles_quantile_disc']['groups_p90_differs']:,} groups)")
    print(f"  wrote {out_path}")
    return result


# ---------------------------------------------------------------------------------------------
# selftest


def lower_quantile(sorted_values, q_tenths):
    """v[floor(q*(n-1))] with q = q_tenths/10, in integers."""
    return sorted_values[(len(sorted_values) - 1) * q_tenths // 10]


def selftest():
    con = connect()
    failures = []

    def check(ok, what):
        print(("ok    " if ok else "FAIL  ") + what)
        if not ok:
            failures.append(what)

    # 1. Which DuckDB quantile function is v[floor(q*(n-1))]? Try every n from 1 to 100 on
    #    distinct values 0..n-1 (so the value is the index).
    for q, tenths in ((0.5, 5), (0.9, 9)):
        for name, expr in (("quantile_disc", f"quantile_disc(x, {q})"),
                           ("percentile_disc", f"percentile_disc({q}) WITHIN GROUP (ORDER BY x)"),
                           ("quantile_cont", f"quantile_cont(x, {q})")):
            got = con.sql(f"SELECT n, {expr} FROM range(1, 101) s(n), range(n) t(x) GROUP BY n ORDER BY n").fetchall()
            bad = [n for n, v in got if v != (n - 1) * tenths // 10]
            print(f"info  {name}(q={q}) {'matches' if not bad else 'differs'} for n = 1..100"
                  + (f" (first at n = {bad[0]}: {dict(got)[bad[0]]} against {(bad[0] - 1) * tenths // 10})" if bad else ""))
            if name == "quantile_disc":
                check(not bad if q == 0.5 else bool(bad),
                      f"quantile_disc q={q} {'is' if q == 0.5 else 'is not'} the lower-rank convention (as documented)")

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "events.csv")
        generate(2000, path, seed=7)
        again = os.path.join(tmp, "again.csv")
        generate(2000, again, seed=7)
        check(open(path, "rb").read() == open(again, "rb").read(), "generate is deterministic for a seed")

        # 2. The file is what the Rust side expects.
        with open(path, newline="") as f:
            rows = list(csv.reader(f))
        header, rows = rows[0], rows[1:]
        check(header == COLUMNS, "header and column order")
        check(len(rows) == 2000, "row count")
        order = [(r[0], r[4]) for r in rows]  # RFC 3339 with fixed width sorts as text
        check(order == sorted(order), "sorted by (body, started_at)")
        check(len({r[2] for r in rows}) == len(rows), "event_id unique")
        end = datetime(2026, 10, 31, 23, 59, 59, tzinfo=timezone.utc)

        def parse(s):
            return datetime.strptime(s, TIME_FORMAT).replace(tzinfo=timezone.utc)

        ok = True
        for r in rows:
            started = parse(r[4])
            ok &= r[0] in BODIES and r[1] in SERVICES and r[3] in CHANNELS and r[6] in OUTCOMES
            ok &= datetime(2024, 11, 1, tzinfo=timezone.utc) <= started <= end
            if r[6] == "pending":
                ok &= r[5] == "" and r[7] == ""
            else:
                ok &= started < parse(r[5]) <= end and r[7] in ("", "1", "2", "3", "4", "5")
        check(ok, "values in range; pending has no outcome_at or satisfaction; outcome_at in window")

        # 3. DuckDB results against plain Python on the same rows.
        con.execute(ingest_sql(path))
        check(scalar(con, "SELECT count(*) FROM events") == 2000, "duckdb ingest count")

        want_rollup = Counter((r[0], r[1], r[3], r[4][:7]) for r in rows)
        got_rollup = fetch_arrow(con, ROLLUP_SQL).to_pydict()
        got_rollup = {(b, s, c, month_str(m)): n for b, s, c, m, n in
                      zip(*(got_rollup[k] for k in ("body", "service", "channel", "month", "events")))}
        check(got_rollup == dict(want_rollup), f"rollup equals Python ({len(want_rollup)} groups)")

        groups = defaultdict(list)
        for r in rows:
            if r[5]:
                groups[r[1], r[5][:7]].append(int((parse(r[5]) - parse(r[4])).total_seconds()))
        want = {k: (len(v), lower_quantile(sorted(v), 5), lower_quantile(sorted(v), 9)) for k, v in groups.items()}
        got = percentile_rows(fetch_arrow(con, PERCENTILES_SQL))
        sizes = Counter(n for n, _, _ in want.values())
        check(got == want, f"exact median and p90 equal Python's sorted-list values "
                           f"({len(want)} groups, n from {min(sizes)} to {max(sizes)})")
        native = percentile_rows(fetch_arrow(con, QUANTILE_DISC_SQL))
        check(all(native[k][1] == want[k][1] for k in want), "quantile_disc median equals the convention")
        diff = sum(native[k][2] != want[k][2] for k in want)
        print(f"info  quantile_disc p90 differs from the convention in {diff} of {len(want)} groups")

    print(f"{len(failures)} failed" if failures else "selftest passed")
    return 1 if failures else 0


# ---------------------------------------------------------------------------------------------


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate", help="write the events CSV")
    g.add_argument("--events", type=int, required=True, help="number of events")
    g.add_argument("--out", required=True, help="CSV file to write")
    g.add_argument("--seed", type=int, default=1)
    d = sub.add_parser("duckdb", help="measure DuckDB on an events CSV")
    d.add_argument("--events", required=True, help="events CSV made by generate")
    d.add_argument("--out", required=True, help="JSON result file")
    d.add_argument("--repeat", type=int, default=3, help="runs per measure; the best is reported")
    sub.add_parser("selftest", help="check the generator and the quantile convention on 2,000 events")
    args = ap.parse_args(argv)

    if args.cmd == "generate":
        t0 = time.perf_counter()
        generate(args.events, args.out, args.seed)
        print(f"wrote {args.events:,} events to {args.out} ({os.path.getsize(args.out) / 1e6:,.1f} MB) "
              f"in {time.perf_counter() - t0:.1f} s")
        return 0
    if args.cmd == "duckdb":
        run_duckdb(args.events, args.out, args.repeat)
        return 0
    return selftest()


if __name__ == "__main__":
    sys.exit(main())
