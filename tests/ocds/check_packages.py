"""Every OCDS release package Civic serves, checked offline by the Open Contracting
Partnership's own tools: libcoveocds (the Data Review Tool's library) with the OCDS 1.1.5
schema from tests/ocds/standard-1__1__5-schema-only.zip, fetching the extensions the package
declares from Civic itself; then ocdskit compiles the releases into records.

Passes when, for every body's package, libcoveocds reports no validation errors, no values
outside closed codelists, no additional fields and no invalid extensions, and the package
has at least one release somewhere (so the check cannot pass on nothing).

Usage: check_packages.py --base http://127.0.0.1:PORT --libcoveocds PATH --ocdskit PATH
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
STANDARD_ZIP = os.path.join(HERE, "standard-1__1__5-schema-only.zip")


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as r:
        return json.load(r)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--libcoveocds", required=True)
    ap.add_argument("--ocdskit", required=True)
    args = ap.parse_args()
    base = args.base.rstrip("/")
    bodies = [b["slug"] for b in fetch(f"{base}/bodies.json")["bodies"]]
    failures, releases, metrics, transactions, served = [], 0, 0, 0, 0
    with tempfile.TemporaryDirectory() as work:
        # ocdskit reads the release schema from a file: the one in the standard's zip.
        with zipfile.ZipFile(STANDARD_ZIP) as z:
            name = next(n for n in z.namelist() if n.endswith("schema/release-schema.json"))
            schema = os.path.join(work, "release-schema.json")
            with open(schema, "wb") as f:
                f.write(z.read(name))
        for slug in bodies:
            url = f"{base}/bodies/{slug}/contracts/ocds.json"
            try:
                package = fetch(url)
            except urllib.error.HTTPError as e:
                if e.code == 404:  # no contracts: no package (one must hold a release)
                    continue
                raise
            served += 1
            releases += len(package["releases"])
            for r in package["releases"]:
                for c in r.get("contracts", []):
                    impl = c.get("implementation", {})
                    metrics += len(impl.get("metrics", []))
                    transactions += len(impl.get("transactions", []))
            path = os.path.join(work, f"{slug}.json")
            with open(path, "w") as f:
                json.dump(package, f)
            out = subprocess.run(
                [args.libcoveocds, "--standard-zip", STANDARD_ZIP, path],
                capture_output=True, text=True, timeout=600,
            )
            if out.returncode != 0:
                failures.append(f"{url}: libcoveocds exited {out.returncode}: {out.stderr[-500:]}")
                continue
            result = json.loads(out.stdout)
            for key, empty in (("validation_errors", []), ("additional_closed_codelist_values", {}),
                               ("additional_fields", [])):
                if result.get(key) != empty:
                    failures.append(f"{url}: {key}: {json.dumps(result.get(key))[:800]}")
            invalid = result.get("extensions", {}).get("invalid_extensions", [])
            if invalid:
                failures.append(f"{url}: invalid extensions: {invalid}")
            if package["releases"]:
                compiled = subprocess.run(
                    [args.ocdskit, "compile", "--package", "--schema", schema],
                    input=json.dumps(package), capture_output=True, text=True, timeout=600,
                )
                if compiled.returncode != 0:
                    failures.append(f"{url}: ocdskit compile failed: {compiled.stderr[-500:]}")
                else:
                    records = json.loads(compiled.stdout.splitlines()[-1]).get("records", [])
                    if len(records) != len({r["ocid"] for r in package["releases"]}):
                        failures.append(f"{url}: ocdskit compiled {len(records)} records")
                # Civic's own record package: a record per OCID whose compiled release is
                # the release the release package holds, and ocdskit reads it as one.
                records_url = url.replace("ocds.json", "ocds-records.json")
                record_package = fetch(records_url)
                by_ocid = {r["ocid"]: r for r in package["releases"]}
                got = {r["ocid"]: r for r in record_package.get("records", [])}
                if set(got) != set(by_ocid):
                    failures.append(f"{records_url}: records for {sorted(got)}, releases for {sorted(by_ocid)}")
                for ocid, record in got.items():
                    if record.get("compiledRelease") != by_ocid.get(ocid):
                        failures.append(f"{records_url}: {ocid}'s compiled release differs from its release")
                records_path = os.path.join(work, f"{slug}-records.json")
                with open(records_path, "w") as f:
                    json.dump(record_package, f)
                detected = subprocess.run([args.ocdskit, "detect-format", records_path],
                                          capture_output=True, text=True, timeout=120)
                if "record package" not in detected.stdout:
                    failures.append(f"{records_url}: ocdskit detect-format says {detected.stdout.strip()!r}")
    if releases == 0:
        failures.append("no body serves any release: nothing was validated")
    if metrics == 0 or transactions == 0:
        failures.append(f"the releases carry {metrics} metrics and {transactions} transactions; "
                        "the demo has both")
    for f in failures:
        print(f"FAILED: {f}")
    print(f"ocds: {served} packages of {len(bodies)} bodies, {releases} releases ({metrics} KPI metrics, "
          f"{transactions} transactions): {'valid' if not failures else 'INVALID'} "
          f"(libcoveocds: no validation errors, closed-codelist values, additional fields "
          f"or invalid extensions)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
