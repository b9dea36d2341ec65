#!/usr/bin/env python3
"""Drive third-party Open311 GeoReport v2 client libraries, unchanged, against
a running Civic server.

    .venv/bin/python tests/open311/check_clients.py \
        --base http://127.0.0.1:PORT --body northshire --api-key KEY

Clients (pinned in requirements.txt, installed by scripts/install-test-tools.sh):
  civicbot        JSON; the only working client that POSTs a request
  georeport       XML and JSON; GET only (xmltodict for XML)
  boston311       JSON; strict pydantic-2 models; per-body URL only
  chicagorequests JSON; GET requests with extensions/paging/updated_after

Every Open311 call goes through one of these libraries; this script only
configures them (base URL, jurisdiction, api key, transport settings) and
compares what they return. Nothing is fetched with plain HTTP.

Each check prints "ok ..." or "FAIL ...", and the last line is
"open311: N passed, M failed"; the exit status is 1 if M > 0.
See README.md beside this file.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import importlib.metadata
import secrets
import signal
import sys
import time
import traceback
import warnings
from typing import Any, Callable, Dict, List, Optional

CORE_REQUEST_FIELDS = (
    "service_request_id", "status", "status_notes", "service_name", "service_code",
    "description", "agency_responsible", "service_notice", "requested_datetime",
    "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
    "lat", "long", "media_url",
)
# Fields that GET must never reveal (reference A.11 point 10).
PRIVATE_FIELDS = ("email", "phone", "first_name", "last_name", "account_id", "device_id")
UNKNOWN_REQUEST_ID = "999999999"
LAT, LONG = 52.20513, -0.90218  # Northamptonshire, UK
COORD_TOLERANCE = 1e-4


class CheckFailed(Exception):
    pass


def expect(cond: Any, msg: str) -> None:
    if not cond:
        raise CheckFailed(msg)


class Runner:
    def __init__(self, timeout: float, budget: float, verbose: bool):
        self.timeout = timeout
        self.deadline = time.monotonic() + budget
        self.budget = budget
        self.verbose = verbose
        self.passed = 0
        self.failed = 0

    def check(self, name: str, fn: Callable[[], Any]) -> Any:
        """Run fn; print ok/FAIL. Returns fn's value, or None on failure."""
        left = min(self.timeout, self.deadline - time.monotonic())
        if left <= 0:
            self.failed += 1
            print(f"FAIL {name}: not run, the overall budget of {self.budget:g}s is used up", flush=True)
            return None

        def on_alarm(signum, frame):
            raise TimeoutError(f"no answer within {left:g}s")
        old = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, left)
        try:
            value = fn()
        except Exception as e:  # noqa: BLE001 - every failure is a FAIL line
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.failed += 1
            msg = str(e).replace("\n", " ")[:400] or type(e).__name__
            if not isinstance(e, CheckFailed):
                msg = f"{type(e).__name__}: {msg}"
            print(f"FAIL {name}: {msg}", flush=True)
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
            detail = value
        print(f"ok {name}" + (f" ({detail})" if detail else ""), flush=True)
        return value


# ------------------------------------------------------------------ helpers
def as_list(x: Any) -> List[Any]:
    """xmltodict gives one child as a dict, none as None."""
    if x is None:
        return []
    return x if isinstance(x, list) else [x]


def truthy(v: Any) -> bool:
    """A boolean from JSON (true/false) or XML text ('true'/'false')."""
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v in ("true", "false"):
        return v == "true"
    raise CheckFailed(f"not a boolean: {v!r}")


def parse_w3c(s: Any, field: str) -> dt.datetime:
    expect(isinstance(s, str) and s, f"{field} is {s!r}, want a W3C datetime string")
    t = dt.datetime.fromisoformat(s[:-1] + "+00:00" if s.endswith("Z") else s)
    expect(t.tzinfo is not None, f"{field} {s!r} has no timezone")
    return t


def w3c_z(t: dt.datetime) -> str:
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def w3c_offset(t: dt.datetime, hours: int) -> str:
    return t.astimezone(dt.timezone(dt.timedelta(hours=hours))).isoformat(timespec="seconds")


def http_status(e: BaseException) -> Optional[int]:
    """Status code carried by each client's HTTP error."""
    status = getattr(e, "status", None)  # civicbot.HttpError
    if isinstance(status, int):
        return status
    resp = getattr(e, "response", None)  # requests / scrapelib HTTPError
    if resp is not None and hasattr(resp, "status_code"):
        return resp.status_code
    for a in getattr(e, "args", ()):  # boston311 raises requests.HTTPError(response)
        if hasattr(a, "status_code"):
            return a.status_code
    return None


def expect_http_error(fn: Callable[[], Any], want: int) -> str:
    try:
        got = fn()
    except Exception as e:  # noqa: BLE001
        status = http_status(e)
        expect(status == want, f"want HTTP {want}, client raised {type(e).__name__} "
                               f"with status {status}: {str(e)[:200]}")
        return f"{type(e).__module__}.{type(e).__name__} {status}"
    raise CheckFailed(f"want HTTP {want}, client returned {str(got)[:200]!r}")


def pick_service(services: List[Dict[str, Any]]) -> Dict[str, Any]:
    for s in services:
        if truthy(s.get("metadata")) and s.get("type") == "realtime":
            return s
    raise CheckFailed("no service with metadata=true and type=realtime")


def attribute_values(definition: Dict[str, Any], now: dt.datetime) -> Dict[str, Any]:
    """A value for every required, variable attribute of a definition (JSON)."""
    out: Dict[str, Any] = {}
    for a in sorted(definition.get("attributes") or [], key=lambda a: a.get("order") or 0):
        if not (truthy(a.get("variable")) and truthy(a.get("required"))):
            continue
        code, kind = a["code"], a.get("datatype")
        keys = [v["key"] for v in (a.get("values") or [])]
        if kind == "singlevaluelist":
            expect(keys, f"singlevaluelist attribute {code!r} has no values")
            out[code] = keys[0]
        elif kind == "multivaluelist":
            expect(keys, f"multivaluelist attribute {code!r} has no values")
            out[code] = [keys[0]]
        elif kind == "number":
            out[code] = "3"
        elif kind == "datetime":
            out[code] = w3c_z(now)
        else:  # string, text
            out[code] = "Checked by tests/open311/check_clients.py"
    return out


def check_definition_json(defn: Any, code: str) -> str:
    expect(isinstance(defn, dict), f"service definition is {type(defn).__name__}, want an object")
    expect(defn.get("service_code") == code, f"service_code {defn.get('service_code')!r} != {code!r}")
    attrs = defn.get("attributes")
    expect(isinstance(attrs, list), f"attributes is {type(attrs).__name__}, want an array")
    orders = []
    for a in attrs:
        for f in ("variable", "code", "datatype", "required", "datatype_description",
                  "order", "description"):
            expect(f in a, f"attribute {a.get('code')!r} lacks {f!r}")
        expect(isinstance(a["variable"], bool) and isinstance(a["required"], bool),
               f"attribute {a['code']!r}: variable/required must be JSON booleans")
        expect(isinstance(a["code"], str), f"attribute code {a['code']!r} is not a string")
        expect(isinstance(a["order"], int) and not isinstance(a["order"], bool) and a["order"] >= 1,
               f"attribute {a['code']!r}: order {a['order']!r} is not a positive integer")
        orders.append(a["order"])
        if a["datatype"] in ("singlevaluelist", "multivaluelist"):
            vals = a.get("values")
            expect(isinstance(vals, list) and vals, f"list attribute {a['code']!r} has no values")
            for v in vals:
                expect(isinstance(v.get("key"), str) and isinstance(v.get("name"), str),
                       f"attribute {a['code']!r}: value {v!r} needs string key and name")
    expect(len(set(orders)) == len(orders), f"attribute orders not unique: {orders}")
    required = [a["code"] for a in attrs if a["variable"] and a["required"]]
    return f"{len(attrs)} attributes, required: {', '.join(required) or 'none'}"


class Posted:
    """What we sent, to compare with what each client reads back."""

    def __init__(self, service: Dict[str, Any], description: str, address: str):
        self.service = service
        self.code = service["service_code"]
        self.description = description
        self.address = address
        self.id: Optional[str] = None
        self.before: Optional[dt.datetime] = None
        self.after: Optional[dt.datetime] = None


def compare_request(r: Any, p: Posted, json_mode: bool) -> str:
    """Check a request read back by a client against what was posted."""
    expect(isinstance(r, dict), f"request is {type(r).__name__}: {str(r)[:200]}")
    missing = [f for f in CORE_REQUEST_FIELDS if f not in r]
    expect(not missing, f"core fields missing: {', '.join(missing)}")
    leaked = [f for f in PRIVATE_FIELDS if r.get(f) not in (None, "")]
    expect(not leaked, f"private fields exposed on GET: {', '.join(leaked)}")
    if json_mode:
        for f in ("service_request_id", "service_code"):
            expect(isinstance(r[f], str), f"{f} is JSON {type(r[f]).__name__} {r[f]!r}, want a string")
        for f in ("lat", "long"):
            expect(isinstance(r[f], (int, float)) and not isinstance(r[f], bool),
                   f"{f} is {r[f]!r}, want a JSON number")
    expect(str(r["service_request_id"]) == p.id, f"service_request_id {r['service_request_id']!r} != {p.id!r}")
    expect(r["service_code"] == p.code, f"service_code {r['service_code']!r} != {p.code!r}")
    expect(r["service_name"] == p.service["service_name"],
           f"service_name {r['service_name']!r} != {p.service['service_name']!r}")
    expect(r["status"] == "open", f"status {r['status']!r} != 'open'")
    expect(r["description"] == p.description, f"description {r['description']!r} != {p.description!r}")
    expect(isinstance(r["address"], str) and p.address in r["address"],
           f"address {r['address']!r} does not contain {p.address!r}")
    for f, want in (("lat", LAT), ("long", LONG)):
        expect(r[f] is not None and abs(float(r[f]) - want) <= COORD_TOLERANCE,
               f"{f} {r[f]!r} != {want}")
    t = parse_w3c(r["requested_datetime"], "requested_datetime")
    slack = dt.timedelta(minutes=2)
    expect(p.before - slack <= t <= p.after + slack,
           f"requested_datetime {r['requested_datetime']} not near the POST ({w3c_z(p.before)})")
    if r["updated_datetime"] is not None:
        parse_w3c(r["updated_datetime"], "updated_datetime")
    return f"id {p.id}"


def check_filtered_list(items: Any, p: Posted, json_mode: bool) -> str:
    expect(isinstance(items, list), f"requests response is {type(items).__name__}, want a list")
    ids = [str(i.get("service_request_id")) for i in items]
    expect(p.id in ids, f"posted request {p.id} not among {len(items)} listed ({', '.join(ids[:10])})")
    for i in items:
        expect(i.get("service_code") == p.code,
               f"request {i.get('service_request_id')} has service_code {i.get('service_code')!r}")
        expect(i.get("status") == "open",
               f"request {i.get('service_request_id')} has status {i.get('status')!r}")
        if json_mode:
            expect(isinstance(i.get("service_request_id"), str),
                   f"service_request_id {i.get('service_request_id')!r} is not a JSON string")
    mine = next(i for i in items if str(i.get("service_request_id")) == p.id)
    compare_request(mine, p, json_mode)
    return f"{len(items)} listed"


# ------------------------------------------------------------------ the run
class Site:
    """One way of reaching the body: per-body URL, or hub URL + jurisdiction_id."""

    def __init__(self, label: str, url: str, jurisdiction: Optional[str]):
        self.label = label
        self.url = url
        self.jurisdiction = jurisdiction


def run_civicbot(run: Runner, site: Site, api_key: str, token: str):
    """Returns (Posted or None, the service list or None)."""
    import civicbot
    from civicbot.http import HttpTransport, RateLimiter

    # civicbot is polite (0.5 s between calls to one host); no need on loopback.
    transport = HttpTransport(timeout=run.timeout, rate_limiter=RateLimiter(min_interval=0.0))
    endpoint = civicbot.Endpoint(id=f"civic-{site.label}", name="Civic", base_url=site.url, write=True)
    client = civicbot.Open311Client(endpoint, transport=transport, jurisdiction_id=site.jurisdiction)
    tag = f"civicbot json {site.label}"

    def services():
        svcs = client.list_services()
        expect(isinstance(svcs, list) and svcs, "empty service list")
        for s in svcs:
            for f in ("service_code", "service_name", "description", "metadata", "type"):
                expect(f in s, f"service {s.get('service_code')!r} lacks {f!r}")
            expect(isinstance(s["service_code"], str), f"service_code {s['service_code']!r} is not a string")
            expect(isinstance(s["metadata"], bool), f"metadata {s['metadata']!r} is not a JSON boolean")
            expect(s["type"] in ("realtime", "batch", "blackbox"), f"type {s['type']!r}")
        return svcs, f"{len(svcs)} services"

    svcs = run.check(f"{tag}: list services", services)

    def choose():
        expect(svcs, "no service list")
        s = pick_service(svcs)
        return s, s["service_code"]

    svc = run.check(f"{tag}: pick first realtime service with metadata=true", choose)
    if not svc:
        return None, svcs
    code = svc["service_code"]

    def definition():
        d = client.get_service_definition(code)
        return d, check_definition_json(d, code)

    defn = run.check(f"{tag}: service definition {code}", definition)
    posted = Posted(svc, f"Open311 client check {token} ({site.label}): pothole by the bus stop.\n"
                         "Second line of the description.", f"12 Sheep Street {token}")

    def post():
        expect(defn is not None, "no service definition")
        attrs = attribute_values(defn, dt.datetime.now(dt.timezone.utc))
        posted.before = dt.datetime.now(dt.timezone.utc)
        # validate_remote: civicbot re-reads the list + definition and checks the
        # payload (required attributes, list keys, location) before sending.
        prepared = client.create_request(
            code, dry_run=False, confirm="SEND", api_key=api_key, validate_remote=True,
            lat=LAT, lng=LONG, address_string=posted.address, description=posted.description,
            attributes=attrs, email="open311-check@example.org", first_name="Olive",
            last_name="Tester", phone="01604 000000")
        posted.after = dt.datetime.now(dt.timezone.utc)
        resp = prepared.response
        expect(isinstance(resp, list) and len(resp) == 1, f"POST response {resp!r}, want a one-element array")
        r = resp[0]
        sid = r.get("service_request_id")
        if sid not in (None, ""):
            posted.id = str(sid)  # let the read-back checks show how clients cope
        expect(isinstance(sid, str) and sid, f"service_request_id {sid!r} is not a non-empty string")
        expect(r.get("token") is None, f"realtime POST returned a token {r.get('token')!r}")
        expect("service_notice" in r and "account_id" in r,
               f"POST response lacks service_notice/account_id: {sorted(r)}")
        return posted, f"id {sid}, attributes {attrs}"

    run.check(f"{tag}: post request to {code} with attributes, lat/long, description", post)
    if posted.id is None:
        return None, svcs
    run.check(f"{tag}: read back request by id",
              lambda: compare_request(client.get_request(posted.id), posted, True))
    start = posted.before - dt.timedelta(hours=1)
    end = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)
    run.check(f"{tag}: list requests service_code+status=open+start/end (Z)",
              lambda: check_filtered_list(client.list_requests(
                  service_code=code, status="open", start_date=w3c_z(start), end_date=w3c_z(end)),
                  posted, True))
    run.check(f"{tag}: list requests by service_request_id",
              lambda: check_filtered_list(client.list_requests(service_request_ids=[posted.id]), posted, True))

    def page_size():
        items = client.list_requests(service_code=code, page_size=1)
        expect(isinstance(items, list) and len(items) == 1,
               f"page_size=1 gave {len(items) if isinstance(items, list) else items!r} requests, want 1")
        return f"{len(items)} listed"

    run.check(f"{tag}: list requests with page_size=1", page_size)
    run.check(f"{tag}: unknown request id gives HttpError 404",
              lambda: expect_http_error(lambda: client.get_request(UNKNOWN_REQUEST_ID), 404))
    run.check(f"{tag}: unknown token gives HttpError 404",
              lambda: expect_http_error(lambda: client.get_token("no-such-token-" + token), 404))
    run.check(f"{tag}: POST with a wrong api_key gives HttpError 403",
              lambda: expect_http_error(lambda: client.create_request(
                  code, dry_run=False, confirm="SEND", api_key="not-a-valid-key-" + token,
                  lat=LAT, lng=LONG, description="must be refused",
                  attributes=attribute_values(defn, dt.datetime.now(dt.timezone.utc)),
                  definition=defn), 403))
    return posted, svcs


def run_georeport(run: Runner, site: Site, fmt: str, posted: Optional[Posted],
                  ref_services: Optional[List[Dict[str, Any]]]) -> None:
    from georeport import GeoReport

    client = GeoReport(site.url, jurisdiction=site.jurisdiction, output_format=fmt)
    tag = f"georeport {fmt} {site.label}"
    json_mode = fmt == "json"

    def services():
        svcs = client.get_service_list()
        if json_mode:
            expect(isinstance(svcs, list), f"services JSON root is {type(svcs).__name__}, want an array")
        svcs = as_list(svcs)
        expect(svcs, "empty service list")
        for s in svcs:
            expect(isinstance(s, dict) and s.get("service_code") and s.get("service_name"),
                   f"bad service entry {str(s)[:200]}")
            truthy(s.get("metadata"))
        codes = [s["service_code"] for s in svcs]
        if ref_services is not None:
            want = [s["service_code"] for s in ref_services]
            expect(codes == want, f"codes {codes} differ from civicbot's {want}")
        return svcs, f"{len(svcs)} services"

    svcs = run.check(f"{tag}: list services", services)
    code = posted.code if posted else None
    if code is None and svcs:  # civicbot could not post; still check a definition
        code = next((s["service_code"] for s in svcs if s.get("metadata") in (True, "true")), None)

    def definition():
        expect(code, "no service with metadata=true")
        d = client.get_service_definition(code)
        if json_mode:
            return d, check_definition_json(d, code)
        expect(isinstance(d, dict) and d.get("service_code") == code,
               f"service_definition {str(d)[:200]}")
        attrs = as_list((d.get("attributes") or {}).get("attribute"))
        expect(attrs, "no <attributes><attribute> in service_definition")
        for a in attrs:
            truthy(a.get("variable"))
            truthy(a.get("required"))
            if a.get("datatype") in ("singlevaluelist", "multivaluelist"):
                vals = as_list((a.get("values") or {}).get("value"))
                expect(vals and all(v.get("key") for v in vals),
                       f"attribute {a.get('code')!r}: no <values><value><key>")
        required = [a["code"] for a in attrs if truthy(a["variable"]) and truthy(a["required"])]
        return d, f"{len(attrs)} attributes, required: {', '.join(required) or 'none'}"

    run.check(f"{tag}: service definition {code}", definition)

    def need_post():
        expect(posted is not None and posted.id, "no request was posted on this URL (see the civicbot checks)")

    def read_back():
        need_post()
        return compare_request(client.get_service_request(posted.id), posted, json_mode)

    run.check(f"{tag}: read back request by id", read_back)

    def listed():
        need_post()
        # dates in a non-UTC offset, seconds precision
        start = posted.before - dt.timedelta(hours=1)
        end = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)
        items = client.get_service_requests(service_code=posted.code, status="open",
                                            start_date=w3c_offset(start, -5),
                                            end_date=w3c_offset(end, -5))
        if json_mode:
            expect(isinstance(items, list), f"requests JSON root is {type(items).__name__}, want an array")
        return check_filtered_list(as_list(items), posted, json_mode)

    run.check(f"{tag}: list requests service_code+status=open+start/end (-05:00)", listed)
    run.check(f"{tag}: unknown request id gives HTTPError 404",
              lambda: expect_http_error(lambda: client.get_service_request(UNKNOWN_REQUEST_ID), 404))


def run_hub_errors(run: Runner, hub_url: str) -> None:
    from georeport import GeoReport

    run.check("georeport json hub: no jurisdiction_id gives HTTPError 400",
              lambda: expect_http_error(lambda: GeoReport(hub_url).get_service_list(), 400))
    run.check("georeport xml hub: unknown jurisdiction_id gives HTTPError 404",
              lambda: expect_http_error(lambda: GeoReport(
                  hub_url, jurisdiction="no-such-body-" + secrets.token_hex(3),
                  output_format="xml").get_service_list(), 404))


def run_boston311(run: Runner, site: Site, posted: Optional[Posted]) -> None:
    import boston311
    import boston311.api
    from boston311.datamodels import Status

    # The endpoint is a module constant; boston311 sends no jurisdiction_id,
    # so it can only use the per-body URL.
    boston311.api.BOSTON_API_ENDPOINT = site.url.rstrip("/") + "/"
    tag = f"boston311 json {site.label}"

    def services():
        svcs = boston311.get_services()  # pydantic: group, metadata bool, codes str
        expect(len(svcs) > 0, "empty service list")
        if posted:
            expect(svcs.get_service_name(posted.code) == posted.service["service_name"],
                   f"service {posted.code!r} missing or renamed")
        return f"{len(svcs)} services validated by pydantic"

    run.check(f"{tag}: list services", services)

    def need_post():
        expect(posted is not None and posted.id, "no request was posted on this URL (see the civicbot checks)")

    def read_back():
        need_post()
        r = boston311.get_service_request(posted.id)
        expect(r is not None, "client returned None (empty array)")
        return compare_request(r.model_dump(mode="json"), posted, True)

    run.check(f"{tag}: read back request by id", read_back)

    def listed():
        need_post()
        start = posted.before - dt.timedelta(hours=1)
        end = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)
        rs = boston311.get_service_requests(service_code=posted.code, start_date=start,
                                            end_date=end, status=Status.OPEN)
        return check_filtered_list([x.model_dump(mode="json") for x in rs.service_requests], posted, True)

    run.check(f"{tag}: list requests service_code+status=open+start/end", listed)
    run.check(f"{tag}: unknown request id gives HTTPError 404",
              lambda: expect_http_error(lambda: boston311.get_service_request(UNKNOWN_REQUEST_ID), 404))


def run_chicagorequests(run: Runner, site: Site, posted: Optional[Posted]) -> None:
    import chicagorequests

    # Downloader.BASE_URL is the full requests.json URL; requests merges the
    # jurisdiction_id in it with the parameters the client adds.
    url = site.url.rstrip("/") + "/requests.json"
    if site.jurisdiction:
        url += "?jurisdiction_id=" + site.jurisdiction
    tag = f"chicagorequests json {site.label}"
    tz = dt.timezone(dt.timedelta(hours=-6))  # Chicago winter time, as the CLI uses

    def downloader(**kw):
        d = chicagorequests.Downloader(**kw)
        d.BASE_URL = url
        # The default session retries 5 times with 10 s waits; fail fast here.
        d._session = chicagorequests.APIScraper(requests_per_minute=0, retry_attempts=0)
        d._session.timeout = run.timeout
        return d

    def window():
        # microseconds and a -06:00 offset, exactly like the CLI's intervals
        start = (posted.before - dt.timedelta(hours=1)).astimezone(tz).replace(microsecond=1)
        end = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)).astimezone(tz)
        return start, end.replace(microsecond=999999)

    def need_post():
        expect(posted is not None and posted.id, "no request was posted on this URL (see the civicbot checks)")

    def by_requested():
        need_post()
        start, end = window()
        items = fetch(downloader(request_type=[posted.code]), start, end)
        expect(isinstance(items, list), f"got {type(items).__name__}")
        ids = [str(i.get("service_request_id")) for i in items]
        expect(posted.id in ids, f"posted request {posted.id} not among {len(items)} listed")
        expect(all(i.get("service_code") == posted.code for i in items), "other service codes listed")
        mine = next(i for i in items if str(i.get("service_request_id")) == posted.id)
        compare_request(mine, posted, True)
        ext = mine.get("extended_attributes")
        expect(ext is None or isinstance(ext, dict), f"extended_attributes is {type(ext).__name__}")
        return f"{len(items)} listed, extended_attributes {'present' if ext is not None else 'absent'}"

    run.check(f"{tag}: requests by start/end (microseconds, -06:00), extensions=true, page=1", by_requested)

    def by_updated():
        need_post()
        start, end = window()
        items = fetch(downloader(request_type=[posted.code], updated_start_date=start,
                                 updated_end_date=end), start, end)
        ids = [str(i.get("service_request_id")) for i in items]
        expect(posted.id in ids, f"posted request {posted.id} not among {len(items)} listed")
        return f"{len(items)} listed"

    run.check(f"{tag}: requests by updated_after/updated_before", by_updated)


def fetch(downloader: Any, start: dt.datetime, end: dt.datetime) -> Any:
    # chicagorequests turns an HTTP error into warnings.warn(...) and an empty
    # page; make that a failure.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return downloader((start, end))


def client_versions(run: Runner) -> bool:
    ok = True
    for dist, mod in (("civicbot", "civicbot"), ("georeport", "georeport"),
                      ("boston311", "boston311"), ("chicagorequests", "chicagorequests")):
        def imp(dist=dist, mod=mod):
            importlib.import_module(mod)
            return f"{dist} {importlib.metadata.version(dist)}"
        if run.check(f"import {mod}", lambda imp=imp: (True, imp())) is None:
            ok = False
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", required=True, help="server root, e.g. http://127.0.0.1:8080")
    ap.add_argument("--body", required=True, help="body identifier, e.g. northshire")
    ap.add_argument("--api-key", required=True, help="API key issued for --body")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per check (default 20)")
    ap.add_argument("--budget", type=float, default=180.0,
                    help="seconds for the whole run; later checks fail unrun (default 180)")
    ap.add_argument("--verbose", action="store_true", help="print tracebacks of unexpected errors")
    args = ap.parse_args()

    run = Runner(args.timeout, args.budget, args.verbose)
    started = time.monotonic()
    base = args.base.rstrip("/")
    token = secrets.token_hex(4)
    hub = f"{base}/open311/v2"
    sites = [Site("body", f"{base}/bodies/{args.body}/open311/v2", None),
             Site("hub", hub, args.body)]

    if client_versions(run):
        for site in sites:
            posted, ref = run_civicbot(run, site, args.api_key, token)
            for fmt in ("xml", "json"):
                run_georeport(run, site, fmt, posted, ref)
            if site.jurisdiction is None:
                run_boston311(run, site, posted)
            run_chicagorequests(run, site, posted)
        run_hub_errors(run, hub)

    print(f"note: {run.passed + run.failed} checks in {time.monotonic() - started:.1f}s")
    print(f"open311: {run.passed} passed, {run.failed} failed")
    return 1 if run.failed else 0


if __name__ == "__main__":
    sys.exit(main())
