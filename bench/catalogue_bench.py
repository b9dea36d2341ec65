#!/usr/bin/env python3
"""Open data catalogue benchmark, in one run on the same data:

1. Full CSV export of one 1,000,000-row table: Civic (a table published in its catalogue,
   streamed from SQLite), Datasette's streaming CSV (`?_stream=on`) and the `sqlite3`
   command-line tool, all over the same rows. Prints MB/s, time to first byte, and
   Civic's ratios; checks every export has every row; reports Civic's peak memory.
2. `package_search` latency over a catalogue of 20,000 datasets (CKAN-style queries with
   words, filters and five facets).

Run through bench/catalogue.sh, which builds Civic and installs Datasette first.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except Exception:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def generate(path: Path, rows: int) -> None:
    rng = random.Random(2026)
    boroughs = ["Northshire", "Eastvale", "Riverton", "Westmoor", "Southbridge"]
    categories = ["Pothole", "Missed bin", "Fly-tipping", "Streetlight", "Graffiti", "Noise"]
    with path.open("w", newline="") as f:
        f.write("id,borough,category,reported_on,amount,resolved,note\n")
        for i in range(1, rows + 1):
            note = "" if i % 7 else f'"See report {i // 7}, follow-up"'
            f.write(
                f"{i},{rng.choice(boroughs)},{rng.choice(categories)},"
                f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},"
                f"{rng.randint(0, 99999) / 100:.2f},{'true' if i % 3 else 'false'},"
                f"{note}\n"
            )


def curl(url: str, out: str = "/dev/null") -> tuple[float, float, int]:
    """(time to first byte, total seconds, bytes) of one download."""
    r = subprocess.run(
        ["curl", "-sS", "--fail", "-o", out, "-w", "%{time_starttransfer} %{time_total} %{size_download}", url],
        check=True, capture_output=True, text=True,
    )
    ttfb, total, size = r.stdout.split()
    return float(ttfb), float(total), int(float(size))


def lines_of(path: str) -> int:
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


def rss_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def best_of(repeat: int, fn):
    runs = [fn() for _ in range(repeat)]
    return min(runs, key=lambda r: r[1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--civic", required=True, help="the civic binary (release)")
    ap.add_argument("--loader", required=True, help="the catalogue bench binary")
    ap.add_argument("--datasette", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--datasets", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()
    work = Path(args.work)
    csv_path = work / "table.csv"
    civic_db = f"sqlite://{work}/civic.db"

    print(f"== generating {args.rows:,} rows")
    generate(csv_path, args.rows)
    print(f"   {csv_path.stat().st_size / 1e6:.1f} MB")

    print("== Civic: publishing the table and loading the catalogue")
    env = dict(os.environ, RUST_LOG="warn")
    subprocess.run([args.civic, "migrate", "--database", civic_db], check=True, env=env)
    subprocess.run([args.civic, "body", "add", "--database", civic_db, "--name", "Bench Table Council",
                    "--kind", "district_council", "--slug", "bench-table"], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    t0 = time.monotonic()
    published = subprocess.run([args.civic, "catalogue", "publish", "--database", civic_db,
                                "--body", "bench-table", "--title", "Bench table",
                                "--description", "One million generated reports, for the export benchmark.", str(csv_path)],
                               check=True, env=env, capture_output=True, text=True)
    publish_s = time.monotonic() - t0
    dataset = published.stdout.strip().splitlines()[-1].rsplit("/", 1)[-1]
    t0 = time.monotonic()
    subprocess.run([args.loader, civic_db, str(args.datasets - 5)], check=True, env=env)
    load_s = time.monotonic() - t0

    print("== Datasette and sqlite3: the same rows in a plain SQLite table")
    dt_db = work / "dt.db"
    subprocess.run(["sqlite3", str(dt_db), ".mode csv", f".import {csv_path} t"], check=True)

    civic_port, dt_port = free_port(), free_port()
    civic = subprocess.Popen([args.civic, "serve", "--database", civic_db, "--bind", f"127.0.0.1:{civic_port}"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    datasette = subprocess.Popen([args.datasette, "serve", str(dt_db), "--port", str(dt_port),
                                  "--setting", "sql_time_limit_ms", "600000",
                                  "--setting", "num_sql_threads", "1"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        civic_base = f"http://127.0.0.1:{civic_port}"
        wait_for(f"{civic_base}/healthz")
        wait_for(f"http://127.0.0.1:{dt_port}/-/versions.json")
        with urllib.request.urlopen(f"{civic_base}/api/3/action/package_show?id={dataset}") as r:
            package = json.load(r)["result"]
        civic_url = package["resources"][0]["url"].replace(package["resources"][0]["url"].split("/datasets/")[0], civic_base)
        dt_url = f"http://127.0.0.1:{dt_port}/dt/t.csv?_stream=on&_size=max"
        rss_before = rss_kb(civic.pid, "VmRSS")

        results = {}
        out = str(work / "out.csv")
        print("== exporting (best of %d)" % args.repeat)
        ttfb, total, size = best_of(args.repeat, lambda: curl(civic_url, out))
        results["Civic"] = (ttfb, total, size, lines_of(out) - 1)
        civic_peak = rss_kb(civic.pid, "VmHWM")
        ttfb, total, size = best_of(args.repeat, lambda: curl(dt_url, out))
        results["Datasette (_stream=on)"] = (ttfb, total, size, lines_of(out) - 1)

        def sqlite_cli():
            t = time.monotonic()
            with open(out, "wb") as f:
                subprocess.run(["sqlite3", "-csv", "-header", str(dt_db), "SELECT * FROM t"], stdout=f, check=True)
            return (float("nan"), time.monotonic() - t, os.path.getsize(out))
        ttfb, total, size = best_of(args.repeat, sqlite_cli)
        results["sqlite3 CLI"] = (ttfb, total, size, lines_of(out) - 1)

        print("== package_search over the catalogue (%d queries)" % args.queries)
        with urllib.request.urlopen(f"{civic_base}/api/3/action/package_search?rows=0") as r:
            catalogue_size = json.load(r)["result"]["count"]
        rng = random.Random(7)
        words = ["road", "bin", "library", "school", "park", "housing", "planning", "flood", "budget", "tree"]
        aspects = ["locations", "inspections", "spending", "requests", "survey", "statistics"]
        facet = [("facet.field", f) for f in ["organization", "tags", "res_format", "license_id", "groups"]]
        latencies, counts = [], []
        for i in range(args.queries):
            kind = i % 4
            if kind == 0:
                params = [("q", rng.choice(words))]
            elif kind == 1:
                params = [("q", f"{rng.choice(words)} {rng.choice(aspects)}")]
            elif kind == 2:
                params = [("q", rng.choice(words)), ("fq", f"organization:bench-{rng.randrange(100):03d}")]
            else:
                params = [("q", f"tags:{rng.choice(words)} AND res_format:CSV")]
            url = f"{civic_base}/api/3/action/package_search?" + urllib.parse.urlencode(params + facet + [("rows", "10")])
            t = time.monotonic()
            with urllib.request.urlopen(url) as r:
                body = json.load(r)
            latencies.append((time.monotonic() - t) * 1000)
            counts.append(body["result"]["count"])
    finally:
        civic.terminate()
        datasette.terminate()
        civic.wait()
        datasette.wait()

    print()
    print(f"Full CSV export of the same {args.rows:,}-row table (best of {args.repeat}):")
    # The ratio is by time for the same rows: the exporters write the same table in a few
    # different bytes (sqlite3 ends lines with CR LF and quotes differently).
    print(f"{'exporter':<24} {'rows':>10} {'MB':>8} {'seconds':>8} {'MB/s':>8} {'first byte':>11}  Civic ÷ it (rows/s)")
    civic_rate = results["Civic"][3] / results["Civic"][1]
    ok = True
    for name, (ttfb, total, size, rows) in results.items():
        rate = size / 1e6 / total
        ratio = civic_rate / (rows / total)
        first = "-" if ttfb != ttfb else f"{ttfb * 1000:.0f} ms"
        print(f"{name:<24} {rows:>10,} {size / 1e6:>8.1f} {total:>8.2f} {rate:>8.1f} {first:>11}  {ratio:>6.2f}")
        ok = ok and rows == args.rows
    print(f"Civic's resident memory: {rss_before / 1024:.0f} MB before exporting, peak {civic_peak / 1024:.0f} MB "
          f"while streaming a {results['Civic'][2] / 1e6:.0f} MB file")
    print(f"(publishing the table with `civic catalogue publish`: {publish_s:.1f} s; "
          f"loading {args.datasets - 5:,} more datasets: {load_s:.1f} s)")
    print()
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"package_search over {catalogue_size:,} datasets, {len(latencies)} queries with 5 facets, rows=10:")
    print(f"  median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms; "
          f"median {statistics.median(counts):.0f} matches per query")
    if not ok:
        print("FAILED: an export did not have every row")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
